static char help[] = "LV-HBA with default options on the quadratic problem with a closed-form solution.\n\n";

/*
   The quadratic problem (problems/bilevel/quadratic.c): f = 1/2 y'Ay - y'Bx strongly convex, F = 1/2 |y - t|^2 +
   rho/2 |x|^2, x* = (M'M + rho I)^{-1} M't with M = A^{-1} B from one linear solve. The start x = y = 0 is the
   lower-level solution y*(0) = 0, so the inner saddle residual of the first iteration is exactly 0; the instability
   safeguard used to compare the inner residual with that minimum and stopped a converging solve with
   DIVERGED_INSTABILITY after 12 iterations. Checks with default options:
   1. no DIVERGED_INSTABILITY / DIVERGED_NAN;
   2. relative errors of x and y below 1e-3 against the closed form;
   3. the automatic penalty factor cbar = 10 alpha 1.05 (|F_xx| + |F_yy|) (alpha |F''|/cbar ~ 0.1), here
      |F_xx| + |F_yy| = rho + 1 exactly (F is quadratic, the power method converges in one step on multiples of I).
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  MPI_Comm               comm;
  BilevelProblem         prob;
  Bilevel                bl;
  BilevelConvergedReason reason;
  PetscReal              xe, ye, cbar, alpha;
  PetscInt               its;
  PetscBool              known;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(BilevelProblemCreate(comm, "quadratic", &prob));
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelGetConvergedReason(bl, &reason));
  PetscCall(BilevelGetIterationNumber(bl, &its));
  PetscCall(BilevelProblemComputeError(prob, bl, &xe, &ye, &known));
  PetscCall(BilevelLVHBAGetPenalty(bl, &cbar, NULL, NULL));
  PetscCall(PetscPrintf(comm, "default LV-HBA on the quadratic problem: %s after %" PetscInt_FMT " iterations, relative errors x %.2e y %.2e, cbar %.4g\n", BilevelConvergedReasons[reason], its, (double)xe, (double)ye, (double)cbar));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(reason != BILEVEL_DIVERGED_INSTABILITY && reason != BILEVEL_DIVERGED_NAN), "no instability stop with default options"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(known && xe <= 1e-3 && ye <= 1e-3), "relative x and y errors <= 1e-3 against the closed form"));
  PetscCall(BilevelLVHBAGetStepSizes(bl, &alpha, NULL, NULL, NULL));
  PetscCall(PetscPrintf(comm, "automatic cbar %.8g, 10 alpha 1.05 (rho + 1) = %.8g\n", (double)cbar, (double)(10 * alpha * 1.05 * 1.1)));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(cbar / (10 * alpha * 1.05 * 1.1) - 1) < 1e-6), "automatic cbar = 10 alpha |F''| (rho = 0.1)"));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
