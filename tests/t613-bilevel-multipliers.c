static char help[] = "BilevelSetInitialMultipliers(): LV-HBA starts its multipliers where they are set; bad multipliers are refused.\n\
  -case <good> : good, size, negative, nan, unconstrained, bound\n";
/*
   Problem `inequality` (n = 4, s = 1): the lower-level multipliers at the solution are lambda* = 3 s/4 (closed form,
   problems/bilevel/inequality.c). LV-HBA (default options):
     - started with lambda = z = lambda*, after one iteration max_i |lambda_i - lambda*|/lambda* is at most half of
       that from the default start (zero), and below 0.4 (measured 0.33 against 1: the first steps move lambda with
       the constraint values at the start, which is not the solution);
     - started with lambda* and run to its tolerance: CONVERGED_TOL with x, y within 1e-3 of x* = y* = 5/4 and lambda
       within 1e-2 of lambda*.
   Bad cases (errors): multipliers of another size, a negative multiplier of an inequality, NaN, multipliers for a
   problem without lower-level constraints (quadratic), beyond the LV-HBA multiplier bound r = 1000.
*/
#include <tessera.h>
#include "tesseratest.h"

/* one LV-HBA solve of a registered problem with initial multipliers set to value (or not: set = false) */
static PetscErrorCode Solve(const char problem[], PetscBool set, PetscInt size, PetscReal value, PetscInt maxit, PetscReal *lerr, PetscReal *xe, PetscReal *ye, BilevelConvergedReason *reason)
{
  BilevelProblem prob;
  Bilevel        bl;
  Vec            lam0 = NULL, lam, z;
  PetscBool      known;
  PetscReal      lstar = 0.75;

  PetscFunctionBegin;
  PetscCall(BilevelProblemCreate(PETSC_COMM_WORLD, problem, &prob));
  PetscCall(BilevelCreate(PETSC_COMM_WORLD, &bl));
  PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  if (maxit > 0) PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, maxit));
  if (set) {
    PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, size, &lam0));
    PetscCall(VecSet(lam0, value));
    PetscCall(BilevelSetInitialMultipliers(bl, lam0));
    PetscCall(VecDestroy(&lam0)); /* referenced by the solver */
  }
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelGetConvergedReason(bl, reason));
  PetscCall(BilevelLVHBAGetMultipliers(bl, &lam, &z));
  PetscCall(VecShift(lam, -lstar));
  PetscCall(VecNorm(lam, NORM_INFINITY, lerr));
  *lerr /= lstar;
  PetscCall(VecShift(lam, lstar));
  PetscCall(BilevelProblemComputeError(prob, bl, xe, ye, &known));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char                   cs[32] = "good";
  PetscReal              e0, e1, ef, xe, ye;
  BilevelConvergedReason reason;
  PetscBool              is;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", cs, sizeof(cs), NULL));
  PetscCall(PetscOptionsSetValue(NULL, "-inequality_n", "4"));
  PetscCall(PetscStrcmp(cs, "good", &is));
  if (is) {
    PetscCall(Solve("inequality", PETSC_FALSE, 4, 0, 1, &e0, &xe, &ye, &reason));
    PetscCall(Solve("inequality", PETSC_TRUE, 4, 0.75, 1, &e1, &xe, &ye, &reason));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(e1 <= 0.5 * e0 && e1 <= 0.4), "after one iteration max|lambda - lambda*|/lambda*: %.3g from lambda* (<= 0.4 and <= half of %.3g from the default zero)", (double)e1, (double)e0));
    PetscCall(Solve("inequality", PETSC_TRUE, 4, 0.75, 0, &ef, &xe, &ye, &reason));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(reason == BILEVEL_CONVERGED_TOL && xe <= 1e-3 && ye <= 1e-3 && ef <= 1e-2), "from lambda*: %s, x error %.2g, y error %.2g (<= 1e-3), multiplier error %.2g (<= 1e-2)",
                               BilevelConvergedReasons[reason], (double)xe, (double)ye, (double)ef));
  }
  PetscCall(PetscStrcmp(cs, "size", &is));
  if (is) PetscCall(Solve("inequality", PETSC_TRUE, 5, 0.75, 1, &e1, &xe, &ye, &reason));
  PetscCall(PetscStrcmp(cs, "negative", &is));
  if (is) PetscCall(Solve("inequality", PETSC_TRUE, 4, -0.5, 1, &e1, &xe, &ye, &reason));
  PetscCall(PetscStrcmp(cs, "nan", &is));
  if (is) PetscCall(Solve("inequality", PETSC_TRUE, 4, NAN, 1, &e1, &xe, &ye, &reason));
  PetscCall(PetscStrcmp(cs, "unconstrained", &is));
  if (is) PetscCall(Solve("quadratic", PETSC_TRUE, 4, 0.75, 1, &e1, &xe, &ye, &reason));
  PetscCall(PetscStrcmp(cs, "bound", &is));
  if (is) PetscCall(Solve("inequality", PETSC_TRUE, 4, 2000, 1, &e1, &xe, &ye, &reason));
  PetscCall(PetscOptionsClearValue(NULL, "-inequality_n"));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
