static char help[] = "TAOALSKETCH on a problem whose objective and gradient carry evaluation noise (a stall the merit cannot see).\n\
  -noise_f <1e-9>  : amplitude of the noise added to f\n\
  -noise_g <1e-6>  : amplitude of the noise added to each gradient entry (the floor of the KKT residual)\n\
  -expect <stagnation> : stagnation (TAO_DIVERGED_USER, termination stagnation, fewer than -max_its iterations) or\n\
                         converged (reason > 0)\n\
  -max_its <60>    : most outer iterations allowed\n";
/*
   Problem (not in problems/): min f(x) = 1/2 |x - a|^2, a = (1, 2, 3, 4), s.t. c(x) = sum_i x_i - 1 = 0, with
   x* = a - 9/4 (1, 1, 1, 1), lambda* = 9/4, f* = 81/8. The callbacks add deterministic noise, a hash of the bits of x
   in [-1, 1] times -noise_f to f and times -noise_g to each gradient entry, as a large discretization evaluated in
   floating point does (the noise is far above the merit's round-off estimate of 10 ulps). Near x* the KKT residual
   cannot fall below about noise_g and the merit's changes are noise: the Armijo test then passes on noise as often as
   not, so before the fix every Armijo-accepted step reset the stagnation count and the run went on to the iteration
   limit with the KKT residual repeating about 1e-6. Expected: the stagnation exit, at a point within 1e-5 of x*.
   With -noise_f 0 -noise_g 0 the same problem converges (no false stagnation).
*/
#include <tessera.h>
#include "tesseratest.h"

#define N 4

typedef struct {
  PetscReal nf, ng;
} Noise;

/* a value in [-1, 1] from the bits of x and a salt (splitmix64 finalizer) */
static PetscReal Hash(const PetscScalar *x, PetscInt salt)
{
  unsigned long long z = 0x9e3779b97f4a7c15ULL * (unsigned long long)(salt + 1);

  for (PetscInt i = 0; i < N; i++) {
    union {
      double             d;
      unsigned long long u;
    } b;

    b.d = (double)PetscRealPart(x[i]);
    z ^= b.u + 0x9e3779b97f4a7c15ULL + (z << 6) + (z >> 2);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z = z ^ (z >> 31);
  }
  return 2.0 * (PetscReal)(z >> 11) / 9007199254740992.0 - 1.0;
}

static PetscErrorCode FormObj(Tao tao, Vec X, PetscReal *f, Vec G, void *ctx)
{
  Noise             *nz = (Noise *)ctx;
  const PetscScalar *x;
  PetscScalar       *g;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArrayWrite(G, &g));
  *f = nz->nf * Hash(x, 0);
  for (PetscInt i = 0; i < N; i++) {
    PetscReal d = PetscRealPart(x[i]) - (i + 1);

    *f += 0.5 * d * d;
    g[i] = d + nz->ng * Hash(x, i + 1);
  }
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(VecRestoreArrayWrite(G, &g));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormCon(Tao tao, Vec X, Vec C, void *ctx)
{
  PetscScalar s;

  PetscFunctionBegin;
  PetscCall(VecSum(X, &s));
  PetscCall(VecSet(C, s - 1.0));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormJac(Tao tao, Vec X, Mat J, Mat Jp, void *ctx)
{
  PetscInt    cols[N] = {0, 1, 2, 3}, row = 0;
  PetscScalar v[N] = {1, 1, 1, 1};

  PetscFunctionBegin;
  PetscCall(MatSetValues(J, 1, &row, N, cols, v, INSERT_VALUES));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormHess(Tao tao, Vec X, Mat H, Mat Hp, void *ctx)
{
  PetscFunctionBegin;
  for (PetscInt i = 0; i < N; i++) PetscCall(MatSetValue(H, i, i, 1.0, INSERT_VALUES));
  PetscCall(MatAssemblyBegin(H, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(H, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Noise                  nz         = {1e-9, 1e-6};
  char                   expect[32] = "stagnation";
  PetscInt               maxits     = 60, its;
  PetscReal              err;
  PetscBool              stag;
  Tao                    tao;
  Vec                    x, c, xs;
  Mat                    J, H;
  TaoConvergedReason     reason;
  TaoALSketchTermination term;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-noise_f", &nz.nf, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-noise_g", &nz.ng, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-expect", expect, sizeof(expect), NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-max_its", &maxits, NULL));
  PetscCall(PetscStrcmp(expect, "stagnation", &stag));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, N, &x));
  PetscCall(VecSet(x, 0.0));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, 1, &c));
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, 1, N, N, NULL, &J));
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, N, N, 1, NULL, &H));
  PetscCall(TaoCreate(PETSC_COMM_SELF, &tao));
  PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(TaoSetSolution(tao, x));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, FormObj, &nz));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, c, FormCon, NULL));
  PetscCall(TaoSetJacobianEqualityRoutine(tao, J, J, FormJac, NULL));
  PetscCall(TaoSetHessian(tao, H, H, FormHess, NULL));
  PetscCall(TaoSetTolerances(tao, 1e-12, 0, 0)); /* below the noise floor unless the noise is off */
  PetscCall(TaoSetMaximumIterations(tao, 1000));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetConvergedReason(tao, &reason));
  PetscCall(TaoGetIterationNumber(tao, &its));
  PetscCall(TaoALSketchGetTermination(tao, &term));
  PetscCall(VecDuplicate(x, &xs));
  for (PetscInt i = 0; i < N; i++) PetscCall(VecSetValue(xs, i, (i + 1) - 2.25, INSERT_VALUES));
  PetscCall(VecAssemblyBegin(xs));
  PetscCall(VecAssemblyEnd(xs));
  PetscCall(VecAXPY(xs, -1.0, x));
  PetscCall(VecNorm(xs, NORM_INFINITY, &err));
  if (stag)
    PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(reason == TAO_DIVERGED_USER && term == TAO_ALSKETCH_TERMINATION_STAGNATION),
                               "noise f %g, g %g: %s with termination %s after %" PetscInt_FMT " iterations (expected DIVERGED_USER, stagnation)", (double)nz.nf, (double)nz.ng, TaoConvergedReasons[reason], TaoALSketchTerminations[term], its));
  else PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(reason > 0), "noise f %g, g %g: %s after %" PetscInt_FMT " iterations (converged)", (double)nz.nf, (double)nz.ng, TaoConvergedReasons[reason], its));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(its < maxits), "%" PetscInt_FMT " iterations < %" PetscInt_FMT, its, maxits));
  PetscCall(TesseraTestCheck(PETSC_COMM_SELF, (PetscBool)(err <= 1e-5), "max |x - x*| = %.2e <= 1e-5", (double)err));
  PetscCall(VecDestroy(&xs));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&c));
  PetscCall(MatDestroy(&J));
  PetscCall(MatDestroy(&H));
  PetscCall(TaoDestroy(&tao));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
