static char help[] = "LV-HBA with a coupled inequality active at the solution (spec section 6, item 3).\n\n\
  -inequality_n <8>  dimension of x and y\n\n";

/*
   The registered problem `inequality` (problems/bilevel/inequality.c):
   x, y in R^n,  F = 1/2 |x - 1|^2 + 1/2 |y - 3/2|^2,  f = 1/2 |y - 2|^2,  g = y - x <= 0 (n coupled inequalities),
   C = {y <= x} (projection: average the pair (x_i, y_i) where y_i > x_i).
   Hand-checked KKT point: for x_i < 2 the lower level gives y_i*(x) = x_i with multiplier 2 - x_i; then
   Phi(x) = 1/2 |x - 1|^2 + 1/2 |x - 3/2|^2 gives x* = y* = 5/4, lambda* = 3/4 (every entry), F* = n/16.
   Checks with default options: x, y and theta within 1e-3 relative of 5/4, lambda and z within 1e-2 of 3/4, the
   constraints hold to 1e-12 at the (projected) iterate, the projection of a random point satisfies them to 1e-12 and
   is idempotent.
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode RelErr(Vec v, PetscReal target, PetscReal *err)
{
  Vec       w;
  PetscReal e, nrm;
  PetscInt  n;

  PetscFunctionBegin;
  PetscCall(VecDuplicate(v, &w));
  PetscCall(VecCopy(v, w));
  PetscCall(VecShift(w, -target));
  PetscCall(VecNorm(w, NORM_2, &e));
  PetscCall(VecGetSize(v, &n));
  nrm  = PetscAbsReal(target) * PetscSqrtReal((PetscReal)n);
  *err = e / nrm;
  PetscCall(VecDestroy(&w));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm               comm;
  BilevelProblem         prob;
  Bilevel                bl;
  Vec                    x, y, g, theta, lambda, z, px, py, qx, qy;
  PetscInt               n;
  PetscReal              ex, ey, et, el, ez, gmax, F;
  BilevelConvergedReason reason;
  PetscRandom            rnd;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(BilevelProblemCreate(comm, "inequality", &prob)); /* feasible start x = 0, y = -1 */
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelGetSolution(bl, &x, &y));
  PetscCall(VecGetSize(x, &n));
  PetscCall(VecDuplicate(x, &g));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelGetConvergedReason(bl, &reason));
  PetscCall(BilevelGetObjectives(bl, &F, NULL));
  PetscCall(BilevelLVHBAGetProximalPoint(bl, &theta));
  PetscCall(BilevelLVHBAGetMultipliers(bl, &lambda, &z));
  PetscCall(RelErr(x, 1.25, &ex));
  PetscCall(RelErr(y, 1.25, &ey));
  PetscCall(RelErr(theta, 1.25, &et));
  PetscCall(RelErr(lambda, 0.75, &el));
  PetscCall(RelErr(z, 0.75, &ez));
  PetscCall(BilevelComputeLowerConstraints(bl, x, y, g));
  PetscCall(VecMax(g, NULL, &gmax));
  PetscCall(PetscPrintf(comm, "coupled inequality problem, n = %" PetscInt_FMT ": %s\n", n, BilevelConvergedReasons[reason]));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(reason > 0), "converged with default options"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(ex < 1e-3 && ey < 1e-3), "x and y within 1e-3 of the KKT point 5/4"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(et < 1e-3), "theta -> y*(x*) within 1e-3"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(el < 1e-2 && ez < 1e-2), "lambda and z -> multiplier 3/4 within 1e-2"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(F - n / 16.0) < 1e-3 * n / 16.0), "F -> n/16"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(gmax <= 1e-12), "iterate satisfies g <= 1e-12"));
  /* projection of a random point: feasible to 1e-12 and idempotent */
  PetscCall(PetscRandomCreate(comm, &rnd));
  PetscCall(PetscRandomSetInterval(rnd, -3, 3));
  PetscCall(PetscRandomSetSeed(rnd, 606));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(VecDuplicate(x, &px));
  PetscCall(VecDuplicate(x, &py));
  PetscCall(VecDuplicate(x, &qx));
  PetscCall(VecDuplicate(x, &qy));
  PetscCall(VecSetRandom(px, rnd));
  PetscCall(VecSetRandom(py, rnd));
  PetscCall(BilevelProject(bl, px, py));
  PetscCall(BilevelComputeLowerConstraints(bl, px, py, g));
  PetscCall(VecMax(g, NULL, &gmax));
  PetscCall(VecCopy(px, qx));
  PetscCall(VecCopy(py, qy));
  PetscCall(BilevelProject(bl, qx, qy));
  PetscCall(VecAXPY(qx, -1, px));
  PetscCall(VecAXPY(qy, -1, py));
  PetscCall(VecNorm(qx, NORM_INFINITY, &ex));
  PetscCall(VecNorm(qy, NORM_INFINITY, &ey));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(gmax <= 1e-12 && ex == 0 && ey == 0), "projection of a random point feasible to 1e-12 and idempotent"));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecDestroy(&px));
  PetscCall(VecDestroy(&py));
  PetscCall(VecDestroy(&qx));
  PetscCall(VecDestroy(&qy));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscCall(VecDestroy(&g));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
