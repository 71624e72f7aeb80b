static char help[] = "TAOALSKETCH checkpoint and restart on a user's own Tao problem (callbacks defined here, not a registered problem).\n\
  -kill_at <3> : the interrupted run stops after this many iterations (DIVERGED_MAXITS), checkpoint every iteration\n";
/*
   Problem (not in problems/): min f(x) = sum_i (x_i - a_i)^2 + x_i^4 / 4, a_i = i/2 (i = 1..4),
   s.t. c1 = |x|^2 - 2 = 0, c2 = x1 x2 - x3 + 0.1 = 0. The Hessian of the Lagrangian f + DE^T c is
   diag(2 + 3 x_i^2) + 2 DE_1 I + DE_2 (e_1 e_2^T + e_2 e_1^T).
   1. the uninterrupted solve (default TAOALSKETCH: KSPSKETCH Gaussian inner solves, so the random stream matters);
   2. the same solve with a checkpoint every iteration, stopped by -tao_max_it after kill_at iterations (the
      interruption);
   3. a new Tao with the same callbacks resumes from the checkpoint (TaoALSketchSetRestart()).
   Checks: the uninterrupted solve converges with KKT residual |grad f + J^T DE|, |c| <= 1e-8; the resumed solve
   ends with the same converged reason and iteration count and the same x, DE and
   KKT history bit for bit.
*/
#include <tessera.h>
#include "tesseratest.h"

#define N 4

static PetscErrorCode FormObj(Tao tao, Vec X, PetscReal *f, Vec G, void *ctx)
{
  const PetscScalar *x;
  PetscScalar       *g;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArrayWrite(G, &g));
  *f = 0;
  for (PetscInt i = 0; i < N; i++) {
    PetscReal d = PetscRealPart(x[i]) - 0.5 * (i + 1), xi = PetscRealPart(x[i]);

    *f += d * d + 0.25 * xi * xi * xi * xi;
    g[i] = 2 * d + xi * xi * xi;
  }
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(VecRestoreArrayWrite(G, &g));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormCon(Tao tao, Vec X, Vec C, void *ctx)
{
  const PetscScalar *x;
  PetscScalar       *c;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArrayWrite(C, &c));
  c[0] = -2;
  for (PetscInt i = 0; i < N; i++) c[0] += x[i] * x[i];
  c[1] = x[0] * x[1] - x[2] + 0.1;
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(VecRestoreArrayWrite(C, &c));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormJac(Tao tao, Vec X, Mat J, Mat Jp, void *ctx)
{
  const PetscScalar *x;
  PetscInt           cols[N] = {0, 1, 2, 3}, row;
  PetscScalar        v[N];

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &x));
  for (PetscInt i = 0; i < N; i++) v[i] = 2 * x[i];
  row = 0;
  PetscCall(MatSetValues(J, 1, &row, N, cols, v, INSERT_VALUES));
  v[0] = x[1];
  v[1] = x[0];
  v[2] = -1;
  v[3] = 0;
  row  = 1;
  PetscCall(MatSetValues(J, 1, &row, N, cols, v, INSERT_VALUES));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormHess(Tao tao, Vec X, Mat H, Mat Hp, void *ctx)
{
  const PetscScalar *x, *l;
  Vec                DE, DI;

  PetscFunctionBegin;
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArrayRead(DE, &l));
  for (PetscInt i = 0; i < N; i++) PetscCall(MatSetValue(H, i, i, 2 + 3 * x[i] * x[i] + 2 * l[0], INSERT_VALUES));
  PetscCall(MatSetValue(H, 0, 1, l[1], INSERT_VALUES));
  PetscCall(MatSetValue(H, 1, 0, l[1], INSERT_VALUES));
  PetscCall(VecRestoreArrayRead(DE, &l));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(MatAssemblyBegin(H, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(H, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

typedef struct {
  Tao                tao;
  Vec                x, c;
  Mat                J, H;
  PetscInt           its;
  TaoConvergedReason reason;
} Run;

/* one solve of the user's problem from x = (1, 1, 1, 1); file/interval: checkpoint, restart: resume from it */
static PetscErrorCode Solve(Run *r, PetscInt max_it, const char ckpt[], const char restart[])
{
  PetscFunctionBegin;
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, N, &r->x));
  PetscCall(VecSet(r->x, 1.0));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, 2, &r->c));
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, 2, N, N, NULL, &r->J));
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, N, N, N, NULL, &r->H));
  PetscCall(TaoCreate(PETSC_COMM_SELF, &r->tao));
  PetscCall(PetscObjectSetName((PetscObject)r->tao, "my own problem"));
  PetscCall(TaoSetType(r->tao, TAOALSKETCH));
  PetscCall(TaoSetSolution(r->tao, r->x));
  PetscCall(TaoSetObjectiveAndGradient(r->tao, NULL, FormObj, NULL));
  PetscCall(TaoSetEqualityConstraintsRoutine(r->tao, r->c, FormCon, NULL));
  PetscCall(TaoSetJacobianEqualityRoutine(r->tao, r->J, r->J, FormJac, NULL));
  PetscCall(TaoSetHessian(r->tao, r->H, r->H, FormHess, NULL));
  PetscCall(TaoSetTolerances(r->tao, 1e-10, 0, 0));
  PetscCall(TaoSetMaximumIterations(r->tao, max_it));
  if (ckpt) PetscCall(TaoALSketchSetCheckpoint(r->tao, ckpt, 1));
  if (restart) PetscCall(TaoALSketchSetRestart(r->tao, restart));
  PetscCall(TaoSolve(r->tao));
  PetscCall(TaoGetConvergedReason(r->tao, &r->reason));
  PetscCall(TaoGetIterationNumber(r->tao, &r->its));
  PetscFunctionReturn(0);
}

static PetscErrorCode Destroy(Run *r)
{
  PetscFunctionBegin;
  PetscCall(TaoDestroy(&r->tao));
  PetscCall(VecDestroy(&r->x));
  PetscCall(VecDestroy(&r->c));
  PetscCall(MatDestroy(&r->J));
  PetscCall(MatDestroy(&r->H));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Run              full, cut, res;
  PetscInt         kill_at = 3, lf, lr;
  Vec              DEf, DEr, DI, g, jt;
  PetscReal        f, gn, cn;
  PetscBool        samex, samel, sameh = PETSC_TRUE;
  const PetscReal *hf, *hr;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-kill_at", &kill_at, NULL));
  PetscCall(Solve(&full, 100, NULL, NULL));
  /* KKT residual of the uninterrupted solve, from the callbacks above */
  PetscCall(TaoGetDualVariables(full.tao, &DEf, &DI));
  PetscCall(VecDuplicate(full.x, &g));
  PetscCall(VecDuplicate(full.x, &jt));
  PetscCall(FormObj(NULL, full.x, &f, g, NULL));
  PetscCall(FormJac(NULL, full.x, full.J, full.J, NULL));
  PetscCall(MatMultTranspose(full.J, DEf, jt));
  PetscCall(VecAXPY(g, 1.0, jt));
  PetscCall(VecNorm(g, NORM_2, &gn));
  PetscCall(FormCon(NULL, full.x, full.c, NULL));
  PetscCall(VecNorm(full.c, NORM_2, &cn));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(full.reason > 0 && gn <= 1e-8 && cn <= 1e-8), "uninterrupted: %s after %" PetscInt_FMT " iterations, |grad f + J^T DE| %.1e, |c| %.1e (<= 1e-8)", TaoConvergedReasons[full.reason], full.its,
                             (double)gn, (double)cn));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(kill_at >= 2 && kill_at < full.its), "the interruption after %" PetscInt_FMT " iterations lies inside the %" PetscInt_FMT " of the uninterrupted solve", kill_at, full.its));
  PetscCall(Solve(&cut, kill_at, "t213-ck.h5", NULL));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(cut.reason == TAO_DIVERGED_MAXITS), "interrupted run: %s after %" PetscInt_FMT " iterations", TaoConvergedReasons[cut.reason], cut.its));
  PetscCall(Destroy(&cut));
  PetscCall(Solve(&res, 100, NULL, "t213-ck.h5"));
  PetscCall(TaoGetDualVariables(res.tao, &DEr, &DI));
  PetscCall(VecEqual(full.x, res.x, &samex));
  PetscCall(VecEqual(DEf, DEr, &samel));
  PetscCall(TaoALSketchGetHistory(full.tao, TAO_ALSKETCH_HISTORY_KKT, &lf, &hf));
  PetscCall(TaoALSketchGetHistory(res.tao, TAO_ALSKETCH_HISTORY_KKT, &lr, &hr));
  if (lf != lr) sameh = PETSC_FALSE;
  for (PetscInt k = 0; k < lf && sameh; k++) sameh = (PetscBool)(hf[k] == hr[k]);
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(res.reason == full.reason && res.its == full.its), "resumed: %s after %" PetscInt_FMT " iterations (uninterrupted: %s after %" PetscInt_FMT ")", TaoConvergedReasons[res.reason], res.its,
                             TaoConvergedReasons[full.reason], full.its));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, samex, "resumed x equals the uninterrupted x bit for bit"));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, samel, "resumed multipliers DE equal the uninterrupted ones bit for bit"));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, sameh, "resumed KKT history (%" PetscInt_FMT " entries) equals the uninterrupted one (%" PetscInt_FMT ") bit for bit", lr, lf));
  PetscCall(VecDestroy(&g));
  PetscCall(VecDestroy(&jt));
  PetscCall(Destroy(&full));
  PetscCall(Destroy(&res));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
