static char help[] = "Chemotaxis: the number of adaptive time steps does not grow as eps -> 0, for well- and ill-prepared data.\n\n\
  -eps <1e-1,1e-2,1e-3,1e-4,1e-5,1e-6>  eps values; the first is the reference of the step ratios\n\
  -ratio_max <1.2>  bound on steps(eps) / steps(eps_1) for every eps of the list\n\
  -acc_tol <1e-3>   bound on the relative L2 error of n at the final time against a tightly resolved run (0: no check)\n\
  -check <1>        fail if a bound is violated (0: only print yes/no)\n\
Model, grid and TS options as for the Chemotaxis object (-chemotaxis_dim, -da_grid_x, -cosine_nbar, -ts_max_time, ...).\n\n";

/*
   Every run uses the default integrator and tolerances (TSROSW ra34pw2, TSAdapt basic, -ts_rtol = -ts_atol = 1e-4
   unless given) and the default error control (n only). For each kind of initial data (well-prepared: c, w on the
   critical manifold; ill-prepared: c = w = 0) and each eps the test counts the accepted steps, checks
   steps(eps) <= ratio_max steps(eps_1), and compares n at the final time with a reference run of the same eps with
   c, w under error control too and tolerances 1e-8 (the initial layer resolved). The step counts are printed in
   the non-test table; the yes/no lines are tolerance-robust.
*/
#include <tessera.h>
#include "tesseratest.h"

#define NEPS 8

static PetscErrorCode Run(PetscReal eps, ChemotaxisInitialType init, PetscBool tight, ChemotaxisProblem problem, PetscInt *steps, PetscInt *rejects, Vec *Uout)
{
  Chemotaxis ct;
  TS         ts;
  PetscReal  tau;

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ct));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisGetParameters(ct, NULL, &tau));
  PetscCall(ChemotaxisSetParameters(ct, eps, tau));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetTS(ct, &ts));
  if (tight) {
    PetscCall(ChemotaxisSetErrorControlSignals(ct, PETSC_TRUE));
    PetscCall(TSSetTolerances(ts, 1e-8, NULL, 1e-8, NULL));
  }
  PetscCall(ChemotaxisCreateGlobalVector(ct, Uout));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, init, *Uout));
  PetscCall(ChemotaxisSolve(ct, *Uout));
  if (steps) PetscCall(TSGetStepNumber(ts, steps));
  if (rejects) PetscCall(TSGetStepRejections(ts, rejects));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal         eps[NEPS] = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6}, ratio_max = 1.2, acc_tol = 1e-3;
  PetscInt          neps = NEPS;
  PetscBool         test = PETSC_FALSE, flg, expect_ill_violation = PETSC_FALSE;
  ChemotaxisProblem problem;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "Chemotaxis step counts", "");
  PetscCall(PetscOptionsRealArray("-eps", "eps values", "t506-ctsteps.c", eps, &neps, &flg));
  if (!flg) neps = 6;
  PetscCall(PetscOptionsReal("-ratio_max", "Bound on the step ratio", "t506-ctsteps.c", ratio_max, &ratio_max, NULL));
  PetscCall(PetscOptionsReal("-acc_tol", "Bound on the relative error of n", "t506-ctsteps.c", acc_tol, &acc_tol, NULL));
  PetscCall(PetscOptionsBool("-expect_ill_violation", "The step bound must be violated for ill-prepared data", "t506-ctsteps.c", expect_ill_violation, &expect_ill_violation, NULL));
  PetscCall(PetscOptionsBool("-test", "Tolerance-robust output", "t506-ctsteps.c", test, &test, NULL));
  PetscOptionsEnd();
  PetscCheck(neps >= 2, PETSC_COMM_WORLD, PETSC_ERR_ARG_SIZ, "-eps needs at least 2 values");
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, "cosine", &problem));
  for (PetscInt k = 0; k < 2; k++) {
    ChemotaxisInitialType init = k ? CHEMOTAXIS_INITIAL_ILL : CHEMOTAXIS_INITIAL_WELL;
    const char           *kind = k ? "ill-prepared" : "well-prepared";
    PetscInt              steps[NEPS], rejects[NEPS];
    PetscReal             err[NEPS], rmax = 0, emax = 0;

    if (!test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s data\n      eps  steps (rejected)  ratio  |n - n_ref|/|n_ref|\n", kind));
    for (PetscInt j = 0; j < neps; j++) {
      Vec U, Uref;

      PetscCall(Run(eps[j], init, PETSC_FALSE, problem, &steps[j], &rejects[j], &U));
      err[j] = 0;
      if (acc_tol > 0) {
        PetscReal nrm;

        PetscCall(Run(eps[j], init, PETSC_TRUE, problem, NULL, NULL, &Uref));
        PetscCall(VecStrideNorm(Uref, 0, NORM_2, &nrm));
        PetscCall(VecAXPY(U, -1.0, Uref));
        PetscCall(VecStrideNorm(U, 0, NORM_2, &err[j]));
        err[j] /= nrm;
        PetscCall(VecDestroy(&Uref));
      }
      rmax = PetscMax(rmax, steps[j] / (PetscReal)steps[0]);
      emax = PetscMax(emax, err[j]);
      if (!test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %8.1e  %5" PetscInt_FMT " (%" PetscInt_FMT ")  %10.3f  %.2e\n", (double)eps[j], steps[j], rejects[j], (double)(steps[j] / (PetscReal)steps[0]), (double)err[j]));
      PetscCall(VecDestroy(&U));
    }
    if (k && expect_ill_violation) PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, rmax > ratio_max, "%s: steps(eps) / steps(eps = %g) exceeds %g (%.2f), as expected with the layer resolved", kind, (double)eps[0], (double)ratio_max, (double)rmax));
    else PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, rmax <= ratio_max, "%s: steps(eps) / steps(eps = %g) within %g for every eps down to %g", kind, (double)eps[0], (double)ratio_max, (double)eps[neps - 1]));
    if (acc_tol > 0) PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, emax <= acc_tol, "%s: relative error of n at the final time within %g for every eps", kind, (double)acc_tol));
  }
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
