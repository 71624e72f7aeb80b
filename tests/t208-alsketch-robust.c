static char help[] = "Robustness of the TAOALSKETCH outer loop on problems a user meets, each against its known solution.\n\
  -problem <HS61>       : HS61 (rank-deficient Jacobian at x0), HS61SCALED (rows scaled by 1e6 and 1e-4), SPHERE\n\
  -expect <converged>   : converged (reason > 0, KKT <= gatol), stagnation (TAO_DIVERGED_USER with the stagnation\n\
                          termination, fewer than -max_its iterations) or inner_solver (TAO_DIVERGED_USER with the\n\
                          inner_solver termination whose message names the PC failure FACTOR_OUTMEMORY; any problem)\n\
  -xtol <1e-8>          : max |x - x*|\n\
  -max_its <100>        : most outer iterations allowed\n\
  -min_regularized <0>  : fewest regularized (Jacobian guard) iterations required\n\
Solver options as for examples/nlp (-tao_gatol, -sphere_n, ...).\n";

/*
   Known solutions: HS61 and HS61SCALED x* = (5.32677013556393, -2.11899863221898, 3.21046422535055) (Newton-KKT to
   machine precision), f* = -143.646142197780; SPHERE x* = a/||a||, a_i = s (1 + sin(i + 1)/2), f* = (||a|| - 1)^2/2.
   The constraint violation of the problem as given (unscaled) must be at most xtol as well.
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  char                   problem[64] = "HS61", expect[32] = "converged";
  PetscReal              xtol = 1e-8, s = 10.0, f, fstar, kkt, gatol, err, cn;
  PetscInt               maxits = 100, minreg = 0, its, n, m, len, nreg = 0;
  PetscBool              known, stag, inner;
  NLPProblem             nlp;
  Tao                    tao;
  Vec                    x, xs, DE, DI, c;
  TaoConvergedReason     reason;
  TaoALSketchTermination term;
  const PetscReal       *reg;
  MPI_Comm               comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetString(NULL, NULL, "-problem", problem, sizeof(problem), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-expect", expect, sizeof(expect), NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-xtol", &xtol, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-max_its", &maxits, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-min_regularized", &minreg, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-sphere_scale", &s, NULL));
  PetscCall(PetscStrcmp(expect, "stagnation", &stag));
  PetscCall(PetscStrcmp(expect, "inner_solver", &inner));
  PetscCall(NLPProblemCreate(comm, problem, &nlp));
  PetscCall(NLPProblemGetSizes(nlp, &n, &m));
  PetscCall(TaoCreate(comm, &tao));
  PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(NLPProblemSetUpTao(nlp, tao));
  PetscCall(TaoSetTolerances(tao, 1e-8, 0.0, 0.0));
  PetscCall(TaoSetFromOptions(tao));
  {
    Vec lam0;

    PetscCall(NLPProblemGetInitialMultipliers(nlp, &lam0));
    if (lam0) PetscCall(TaoALSketchSetMultipliers(tao, lam0));
  }
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(TaoGetConvergedReason(tao, &reason));
  PetscCall(TaoGetIterationNumber(tao, &its));
  PetscCall(TaoGetTolerances(tao, &gatol, NULL, NULL));
  PetscCall(TaoALSketchGetTermination(tao, &term));
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCall(NLPProblemComputeKKT(nlp, tao, x, DE, &f, &kkt));
  PetscCall(NLPProblemGetOptimum(nlp, &fstar, &known));
  if (inner) {
    const char *msg;
    char       *loc;
    PetscBool   named;

    PetscCall(TaoALSketchGetTerminationMessage(tao, &msg));
    PetscCall(PetscStrstr(msg, "FACTOR_OUTMEMORY", &loc));
    named = loc ? PETSC_TRUE : PETSC_FALSE;
    PetscCall(TesseraTestCheck(comm, (PetscBool)(reason == TAO_DIVERGED_USER && term == TAO_ALSKETCH_TERMINATION_INNER_SOLVER), "%s: %s with termination %s (expected DIVERGED_USER, inner_solver)", problem, TaoConvergedReasons[reason],
                               TaoALSketchTerminations[term]));
    PetscCall(TesseraTestCheck(comm, named, "%s: the message names the PC failure: %s", problem, msg));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(its < maxits), "%s: %" PetscInt_FMT " iterations < %" PetscInt_FMT, problem, its, maxits));
    PetscCall(TaoDestroy(&tao));
    PetscCall(NLPProblemDestroy(&nlp));
    PetscCall(PetscFinalize());
    return TesseraTestReturn();
  }
  PetscCall(TaoALSketchGetHistory(tao, TAO_ALSKETCH_HISTORY_REGULARIZATION, &len, &reg));
  for (PetscInt k = 0; k < len; k++) nreg += reg[k] > 0;
  /* the known solution */
  PetscCall(VecDuplicate(x, &xs));
  {
    PetscBool sphere;

    PetscCall(PetscStrcmp(problem, "SPHERE", &sphere));
    if (sphere) {
      PetscInt     rs, re;
      PetscScalar *a;
      PetscReal    nrm;

      PetscCall(VecGetOwnershipRange(xs, &rs, &re));
      PetscCall(VecGetArrayWrite(xs, &a));
      for (PetscInt i = rs; i < re; i++) a[i - rs] = s * (1.0 + 0.5 * PetscSinReal((PetscReal)(i + 1)));
      PetscCall(VecRestoreArrayWrite(xs, &a));
      PetscCall(VecNorm(xs, NORM_2, &nrm));
      PetscCall(VecScale(xs, 1.0 / nrm));
    } else {
      const PetscScalar v[3]  = {5.32677013556393, -2.11899863221898, 3.21046422535055};
      const PetscInt    ix[3] = {0, 1, 2};
      PetscInt          rs;

      PetscCheck(n == 3, comm, PETSC_ERR_ARG_WRONG, "t208 knows the solutions of HS61, HS61SCALED and SPHERE only");
      PetscCall(VecGetOwnershipRange(xs, &rs, NULL));
      if (rs == 0) PetscCall(VecSetValues(xs, 3, ix, v, INSERT_VALUES));
      PetscCall(VecAssemblyBegin(xs));
      PetscCall(VecAssemblyEnd(xs));
    }
  }
  PetscCall(VecAXPY(xs, -1.0, x));
  PetscCall(VecNorm(xs, NORM_INFINITY, &err));
  /* constraint violation of the problem as given */
  PetscCall(VecDuplicate(DE, &c));
  PetscCall(TaoComputeEqualityConstraints(tao, x, c));
  PetscCall(VecNorm(c, NORM_INFINITY, &cn));
  if (stag) {
    PetscCall(TesseraTestCheck(comm, (PetscBool)(reason == TAO_DIVERGED_USER && term == TAO_ALSKETCH_TERMINATION_STAGNATION), "%s: %s with termination %s (expected DIVERGED_USER, stagnation)", problem, TaoConvergedReasons[reason],
                               TaoALSketchTerminations[term]));
  } else {
    PetscCall(TesseraTestCheck(comm, (PetscBool)(reason > 0), "%s: %s (converged)", problem, TaoConvergedReasons[reason]));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(kkt <= gatol), "%s: KKT residual %.2e <= %g", problem, (double)kkt, (double)gatol));
  }
  PetscCall(TesseraTestCheck(comm, (PetscBool)(its < maxits), "%s: %" PetscInt_FMT " iterations < %" PetscInt_FMT, problem, its, maxits));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(err <= xtol), "%s: max |x - x*| = %.2e <= %g", problem, (double)err, (double)xtol));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(cn <= xtol), "%s: max |c(x)| = %.2e <= %g", problem, (double)cn, (double)xtol));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(known && PetscAbsReal(f - fstar) <= xtol * PetscMax(1.0, PetscAbsReal(fstar))), "%s: f - f* = %.2e, f* = %.12g, within %g (relative above 1)", problem, (double)(f - fstar), (double)fstar, (double)xtol));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(nreg >= minreg), "%s: %" PetscInt_FMT " regularized iterations >= %" PetscInt_FMT, problem, nreg, minreg));
  PetscCall(VecDestroy(&xs));
  PetscCall(VecDestroy(&c));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
