static char help[] = "Bad input for TAOALSKETCH: each -case gives a clear error or a TAO converged reason, never a crash.\n\
  -case_<name> : missing_jacobian, missing_hessian, sizes, multipliers, inequality, bounds (errors);\n\
                 singular, singular_regularized, nan, nan_trial, alpha_min, inner_cap, inner_cap_fallback (reasons); one flag, so that a\n\
                 single argument selects the case\n";
/*
   Problem: min x1^2 + x2^2 + x3^2 s.t. x1 + x2 + x3 - 1 = 0 and (case singular) the same constraint twice, so that
   G G^T is singular. Case nan: the objective is NaN everywhere; nan_trial: NaN at the first trial point only (the line
   search backtracks from it). Expected reasons: singular (guard action abort) -> TAO_DIVERGED_USER with the
   termination jacobian_guard, singular_regularized (the default action) -> converged to x = (1/3, 1/3, 1/3), nan ->
   TAO_DIVERGED_NAN, nan_trial -> converged, alpha_min -> TAO_DIVERGED_LS_FAILURE, inner_cap (2 sketch steps per
   solve, no fallback) -> the cap hits are recorded and the run ends with TAO_DIVERGED_LS_FAILURE; inner_cap_fallback
   (the same with the default fallback: GMRES after 2 consecutive cap hits) -> cap hits recorded, then converged.
*/
#include <tessera.h>
#include <math.h>
#include "tesseratest.h"

typedef struct {
  PetscInt  m, evals;
  PetscBool nan, nantrial;
} Ctx;

static PetscErrorCode FormObj(Tao tao, Vec x, PetscReal *f, Vec g, void *ptr)
{
  Ctx               *ctx = (Ctx *)ptr;
  const PetscScalar *a;
  PetscScalar       *ga;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(x, &a));
  PetscCall(VecGetArrayWrite(g, &ga));
  *f = 0;
  for (PetscInt i = 0; i < 3; i++) {
    *f += PetscRealPart(a[i] * a[i]);
    ga[i] = 2 * a[i];
  }
  if (ctx->nan || (ctx->nantrial && ++ctx->evals == 2)) *f = NAN;
  PetscCall(VecRestoreArrayRead(x, &a));
  PetscCall(VecRestoreArrayWrite(g, &ga));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormCon(Tao tao, Vec x, Vec c, void *ptr)
{
  Ctx               *ctx = (Ctx *)ptr;
  const PetscScalar *a;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(x, &a));
  for (PetscInt i = 0; i < ctx->m; i++) PetscCall(VecSetValue(c, i, a[0] + a[1] + a[2] - 1, INSERT_VALUES));
  PetscCall(VecRestoreArrayRead(x, &a));
  PetscCall(VecAssemblyBegin(c));
  PetscCall(VecAssemblyEnd(c));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormJac(Tao tao, Vec x, Mat J, Mat Jp, void *ptr)
{
  PetscInt M, N;

  PetscFunctionBegin;
  PetscCall(MatGetSize(J, &M, &N));
  for (PetscInt i = 0; i < M; i++)
    for (PetscInt j = 0; j < N; j++) PetscCall(MatSetValue(J, i, j, 1.0, INSERT_VALUES));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormHess(Tao tao, Vec x, Mat H, Mat Hp, void *ptr)
{
  PetscFunctionBegin;
  for (PetscInt i = 0; i < 3; i++) PetscCall(MatSetValue(H, i, i, 2.0, INSERT_VALUES));
  PetscCall(MatAssemblyBegin(H, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(H, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

static PetscErrorCode Eq(const char a[], const char b[], PetscBool *same)
{
  PetscFunctionBegin;
  PetscCall(PetscStrcmp(a, b, same));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char               cs[64] = "singular";
  Ctx                ctx    = {1, 0, PETSC_FALSE, PETSC_FALSE};
  Tao                tao;
  Vec                x, c, ci = NULL, lam = NULL, xl = NULL, xu = NULL;
  Mat                J, H, Ji = NULL;
  PetscBool          is, capfb, singreg;
  PetscInt           jcols = 3, its;
  TaoConvergedReason reason, expect = TAO_CONVERGED_GATOL;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  {
    const char *cases[] = {"missing_jacobian", "missing_hessian", "sizes", "multipliers", "inequality", "bounds", "singular", "singular_regularized", "nan", "nan_trial", "alpha_min", "inner_cap", "inner_cap_fallback"};

    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
      char opt[64];

      PetscCall(PetscSNPrintf(opt, sizeof(opt), "-case_%s", cases[k]));
      PetscCall(PetscOptionsHasName(NULL, NULL, opt, &is));
      if (is) PetscCall(PetscStrncpy(cs, cases[k], sizeof(cs)));
    }
  }
  PetscCall(Eq(cs, "singular", &is));
  if (is) {
    ctx.m  = 2;
    expect = TAO_DIVERGED_USER;
    PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_jacobian_guard_action", "abort"));
  }
  PetscCall(Eq(cs, "singular_regularized", &singreg));
  if (singreg) ctx.m = 2;
  PetscCall(Eq(cs, "sizes", &is));
  if (is) jcols = 4;
  PetscCall(Eq(cs, "nan", &ctx.nan));
  if (ctx.nan) expect = TAO_DIVERGED_NAN;
  PetscCall(Eq(cs, "nan_trial", &ctx.nantrial));
  PetscCall(Eq(cs, "alpha_min", &is));
  if (is) {
    /* the first trial point is NaN, and one backtracking step already goes below alpha_min */
    ctx.nantrial = PETSC_TRUE;
    expect       = TAO_DIVERGED_LS_FAILURE;
    PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_alpha_min", "0.9"));
    PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_backtrack", "0.05"));
  }
  PetscCall(Eq(cs, "inner_cap", &is));
  if (is) {
    /* two sketch steps per Newton system: the safeguards accept poor steps until the line search fails */
    PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_ksp_max_it", "2"));
    PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_fallback_after", "0"));
    expect = TAO_DIVERGED_LS_FAILURE;
  }
  PetscCall(Eq(cs, "inner_cap_fallback", &capfb));
  if (capfb) PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_ksp_max_it", "2"));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, 3, &x));
  PetscCall(VecSet(x, 0.3));
  PetscCall(VecSetValue(x, 0, 2.0, INSERT_VALUES));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, ctx.m, &c));
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, ctx.m, jcols, jcols, NULL, &J));
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, 3, 3, 1, NULL, &H));
  PetscCall(TaoCreate(PETSC_COMM_SELF, &tao));
  PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(TaoSetSolution(tao, x));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, FormObj, &ctx));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, c, FormCon, &ctx));
  PetscCall(Eq(cs, "missing_jacobian", &is));
  if (!is) PetscCall(TaoSetJacobianEqualityRoutine(tao, J, J, FormJac, &ctx));
  PetscCall(Eq(cs, "missing_hessian", &is));
  if (!is) PetscCall(TaoSetHessian(tao, H, H, FormHess, &ctx));
  PetscCall(Eq(cs, "multipliers", &is));
  if (is) {
    PetscCall(VecCreateSeq(PETSC_COMM_SELF, 5, &lam));
    PetscCall(VecSet(lam, 1.0));
    PetscCall(TaoALSketchSetMultipliers(tao, lam));
  }
  PetscCall(Eq(cs, "inequality", &is));
  if (is) {
    PetscCall(VecCreateSeq(PETSC_COMM_SELF, 1, &ci));
    PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, 1, 3, 3, NULL, &Ji));
    PetscCall(TaoSetInequalityConstraintsRoutine(tao, ci, FormCon, &ctx));
    PetscCall(TaoSetJacobianInequalityRoutine(tao, Ji, Ji, FormJac, &ctx));
  }
  PetscCall(Eq(cs, "bounds", &is));
  if (is) {
    PetscCall(VecDuplicate(x, &xl));
    PetscCall(VecDuplicate(x, &xu));
    PetscCall(VecSet(xl, -1.0));
    PetscCall(VecSet(xu, PETSC_INFINITY));
    PetscCall(TaoSetVariableBounds(tao, xl, xu));
  }
  PetscCall(TaoSetTolerances(tao, 1e-8, 0, 0));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetConvergedReason(tao, &reason));
  PetscCall(TaoGetIterationNumber(tao, &its));
  PetscCall(Eq(cs, "inner_cap", &is));
  if (is || capfb) {
    PetscInt         len;
    const PetscReal *cap;
    PetscReal        hits = 0;

    PetscCall(TaoALSketchGetHistory(tao, TAO_ALSKETCH_HISTORY_CAP_HIT, &len, &cap));
    for (PetscInt k = 0; k < len; k++) hits += cap[k];
    PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(hits > 0), "inner cap hit and recorded in %d iterations (> 0)", (int)hits));
  }
  PetscCall(Eq(cs, "singular", &is));
  if (is) {
    TaoALSketchTermination term;

    PetscCall(TaoALSketchGetTermination(tao, &term));
    PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(term == TAO_ALSKETCH_TERMINATION_JACOBIAN_GUARD), "case singular: termination %s (expected jacobian_guard)", TaoALSketchTerminations[term]));
  }
  if (singreg) {
    Vec       xs;
    PetscReal err;

    /* min ||x||^2 s.t. x1 + x2 + x3 = 1 (twice): x = (1/3, 1/3, 1/3) */
    PetscCall(VecDuplicate(x, &xs));
    PetscCall(VecSet(xs, 1.0 / 3.0));
    PetscCall(VecAXPY(xs, -1.0, x));
    PetscCall(VecNorm(xs, NORM_INFINITY, &err));
    PetscCall(VecDestroy(&xs));
    PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(err <= 1e-8), "case singular_regularized: max |x - 1/3| = %.1e <= 1e-8", (double)err));
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(reason == expect), "case %s: %s after %" PetscInt_FMT " iterations (expected %s)", cs, TaoConvergedReasons[reason], its, TaoConvergedReasons[expect]));
  PetscCall(TaoDestroy(&tao));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&c));
  PetscCall(VecDestroy(&ci));
  PetscCall(VecDestroy(&lam));
  PetscCall(VecDestroy(&xl));
  PetscCall(VecDestroy(&xu));
  PetscCall(MatDestroy(&J));
  PetscCall(MatDestroy(&H));
  PetscCall(MatDestroy(&Ji));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
