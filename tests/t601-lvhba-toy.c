static char help[] = "LV-HBA on the LLC toy: closed-form solution with default options (n = 100 and 1000), and the official step sizes.\n\n";

/*
   Checks (spec bilevel.md section 6, items 1 and 2):
   1. default options, n = 100 and n = 1000 (scale-aware tolerances): CONVERGED_TOL, relative error of x below 1e-4 (the spec's target, reached through the penalty
      continuation: the paper's fixed schedule stops at 3.2e-4) and of y below 1e-3 against x* = -0.3, y1* = 0.7, y2* = -0.4,
      F within 1e-3 of n/20, lambda -> -1, constraint 1^T x + 1^T y = 0 to 1e-10, the lower-level gap below
      1e-5 n/100 and below 1e-3 times its largest value along the run (gap -> 0); the same number of iterations
      (to 1 %) for both sizes, since residual (~ sqrt(n)), gap and f (~ n) are measured relative to the problem;
   2. the authors' official parameters (alpha 0.008, beta 0.02, eta = eta_lambda = 0.01, gamma 10, c_k = 0.025 (k+1)^0.3)
      make the plain descent-ascent unstable: the solver must stop with DIVERGED_INSTABILITY, not run on;
   3. the automatic multiplier step with the official eta, gamma and c (eta_lambda not given) stays stable.
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  MPI_Comm               comm;
  BilevelProblem         prob;
  Bilevel                bl;
  BilevelConvergedReason reason;
  PetscReal              xe, ye, F, f, res, gap, gmax = 0, n = 100;
  const PetscReal       *hgap;
  PetscInt               nh, its, its1000 = 0;
  PetscBool              known;
  Vec                    x, y, lambda;
  PetscScalar            sx, sy, lsum;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;

  /* 1. defaults, n = 1000 and 100 (the n = 100 problem is kept for 2 and 3) */
  for (PetscInt run = 0; run < 2; run++) {
    PetscCall(PetscOptionsSetValue(NULL, "-toy_n", run ? "100" : "1000"));
    PetscCall(BilevelProblemCreate(comm, "toy", &prob));
    PetscCall(BilevelCreate(comm, &bl));
    PetscCall(BilevelSetType(bl, BILEVELLVHBA));
    PetscCall(BilevelSetFromOptions(bl));
    PetscCall(BilevelProblemSetUpSolver(prob, bl));
    PetscCall(BilevelSolve(bl));
    PetscCall(BilevelGetConvergedReason(bl, &reason));
    PetscCall(BilevelGetIterationNumber(bl, &its));
    PetscCall(BilevelGetObjectives(bl, &F, &f));
    PetscCall(BilevelGetResidual(bl, &res, &gap));
    PetscCall(BilevelProblemComputeError(prob, bl, &xe, &ye, &known));
    PetscCall(BilevelGetSolution(bl, &x, &y));
    PetscCall(VecGetSize(x, &nh));
    n = (PetscReal)nh;
    PetscCall(VecSum(x, &sx));
    PetscCall(VecSum(y, &sy));
    PetscCall(BilevelLVHBAGetMultipliers(bl, &lambda, NULL));
    PetscCall(VecSum(lambda, &lsum));
    PetscCall(BilevelGetConvergenceHistory(bl, NULL, NULL, NULL, &hgap, NULL, &nh));
    gmax = 0;
    for (PetscInt i = 0; i < nh; i++) gmax = PetscMax(gmax, PetscAbsReal(hgap[i]));
    PetscCall(PetscPrintf(comm, "default LV-HBA on the toy, n = %g: %s\n", (double)n, BilevelConvergedReasons[reason]));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(reason == BILEVEL_CONVERGED_TOL), "converged by tolerance with default options"));
    PetscCall(PetscPrintf(comm, "relative errors x %.2e y %.2e after %" PetscInt_FMT " iterations\n", (double)xe, (double)ye, its));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(known && xe <= 1e-4), "relative x error <= 1e-4"));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(known && ye < 1e-3), "relative y error < 1e-3"));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(F - n / 20) < 1e-3 * n / 20), "F = n/20 to 1e-3 relative"));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(PetscRealPart(lsum) + 1) < 1e-2), "multiplier lambda -> -1 to 1e-2"));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(PetscRealPart(sx + sy)) < 1e-10 * n), "iterate feasible: |1'x + 1'y| < 1e-10 n"));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(gap) <= 1e-5 * n / 100 && PetscAbsReal(gap) < 1e-3 * gmax), "lower-level gap -> 0 (< 1e-5 n/100 and < 1e-3 of its maximum)"));
    if (run) {
      PetscCall(PetscPrintf(comm, "iterations n = 1000: %" PetscInt_FMT ", n = 100: %" PetscInt_FMT "\n", its1000, its));
      PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal((PetscReal)(its - its1000)) <= 0.01 * its), "same iterations for n = 100 and 1000 (scale-aware stopping)"));
    } else its1000 = its;
    PetscCall(BilevelDestroy(&bl));
    if (!run) PetscCall(BilevelProblemDestroy(&prob));
  }
  PetscCall(PetscOptionsClearValue(NULL, "-toy_n"));

  /* 2. official parameters of the authors' toy script: unstable, must be diagnosed */
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelLVHBASetStepSizes(bl, 0.008, 0.02, 0.01, 0.01));
  PetscCall(BilevelLVHBASetProximal(bl, 10, 10));
  PetscCall(BilevelLVHBASetPenalty(bl, 0.025, 0.3));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 1500));
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelGetConvergedReason(bl, &reason));
  PetscCall(BilevelGetIterationNumber(bl, &its));
  PetscCall(PetscPrintf(comm, "official parameters: %s\n", BilevelConvergedReasons[reason]));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(reason == BILEVEL_DIVERGED_INSTABILITY && its < 1500), "official parameters stop with DIVERGED_INSTABILITY"));

  /* 3. same, but the multiplier step from tessera's rule: stable, error decreasing */
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelLVHBASetStepSizes(bl, 0.008, 0.02, 0.01, PETSC_DEFAULT));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 3000));
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelGetConvergedReason(bl, &reason));
  PetscCall(BilevelProblemComputeError(prob, bl, &xe, &ye, &known));
  PetscCall(PetscPrintf(comm, "official eta with automatic eta_lambda: %s\n", BilevelConvergedReasons[reason]));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(reason == BILEVEL_DIVERGED_MAXIT && xe < 0.5), "stable (no instability, x error < 0.5 after 3000 iterations)"));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
