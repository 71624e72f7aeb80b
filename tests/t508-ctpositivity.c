static char help[] = "Chemotaxis: n >= 0 at every accepted step for near-vacuum data (positivity by step rejection).\n\n\
  -problem <gaussian>   initial density (gaussian with -gaussian_floor 0: n = 0 up to underflow away from the bump)\n\
  -init <ill>           initial signals\n\
  -expect_negative      also run with -chemotaxis_positivity 0 and require a negative n at some step (the check is needed)\n\n";

/*
   Near-vacuum data: a narrow Gaussian bump with no floor, ill-prepared signals (c = w = 0), small eps. The default
   integrator (Rosenbrock ra34pw2) is not positivity preserving for large steps; the solver rejects every candidate step
   with n < 0 (ChemotaxisSetPositivityControl()). Checked with a TS monitor (called at the initial state and after every
   accepted step): min n >= 0 at every step, the run reaches the final time, mass conserved to 1e-10. With
   -expect_negative the same run without the check must produce n < 0 at some step, so the first check is not vacuous.
*/
#include <tessera.h>
#include "tesseratest.h"

typedef struct {
  Chemotaxis ct;
  PetscReal  nmin, mass0, drift;
  PetscInt   nsteps;
} TestCtx;

static PetscErrorCode Monitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  TestCtx  *tc = (TestCtx *)ptr;
  PetscReal nmin, mass;

  PetscFunctionBeginUser;
  PetscCall(VecStrideMin(U, 0, NULL, &nmin));
  PetscCall(ChemotaxisGetMass(tc->ct, U, &mass));
  tc->nmin   = PetscMin(tc->nmin, nmin);
  tc->drift  = PetscMax(tc->drift, PetscAbsReal(mass - tc->mass0) / tc->mass0);
  tc->nsteps = step;
  PetscFunctionReturn(0);
}

/* one run from the problem's initial state; positivity control on or off */
static PetscErrorCode Run(ChemotaxisProblem problem, ChemotaxisInitialType init, PetscBool positive, TestCtx *tc, PetscInt *rejects, PetscBool *finished)
{
  TS                ts;
  Vec               U;
  PetscBool         blowup;
  TSConvergedReason reason;

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &tc->ct));
  PetscCall(ChemotaxisSetFromOptions(tc->ct));
  PetscCall(ChemotaxisSetPositivityControl(tc->ct, positive));
  PetscCall(ChemotaxisSetUp(tc->ct));
  PetscCall(ChemotaxisGetTS(tc->ct, &ts));
  PetscCall(ChemotaxisCreateGlobalVector(tc->ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, tc->ct, init, U));
  PetscCall(ChemotaxisGetMass(tc->ct, U, &tc->mass0));
  tc->nmin   = PETSC_MAX_REAL;
  tc->drift  = 0;
  tc->nsteps = 0;
  PetscCall(TSMonitorSet(ts, Monitor, tc, NULL));
  PetscCall(ChemotaxisSolve(tc->ct, U));
  PetscCall(ChemotaxisGetPositivityRejections(tc->ct, rejects));
  PetscCall(ChemotaxisGetBlowup(tc->ct, &blowup, NULL));
  PetscCall(TSGetConvergedReason(ts, &reason));
  *finished = (PetscBool)(!blowup && reason == TS_CONVERGED_TIME);
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&tc->ct));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  TestCtx               tc;
  ChemotaxisProblem     problem;
  char                  pname[64];
  ChemotaxisInitialType init            = CHEMOTAXIS_INITIAL_ILL;
  PetscBool             expect_negative = PETSC_FALSE, finished, listed;
  PetscInt              rejects;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "Positivity test options", "");
  PetscCall(PetscOptionsEnum("-init", "Initial signals", "t508-ctpositivity.c", ChemotaxisInitialTypes, (PetscEnum)init, (PetscEnum *)&init, NULL));
  PetscCall(PetscOptionsBool("-expect_negative", "Require n < 0 at some step without the check", "t508-ctpositivity.c", expect_negative, &expect_negative, NULL));
  PetscOptionsEnd();
  PetscCall(TesseraProblemSelect(PETSC_COMM_WORLD, NULL, "chemotaxis", "gaussian", pname, sizeof(pname), &listed));
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, pname, &problem));

  PetscCall(Run(problem, init, PETSC_TRUE, &tc, &rejects, &finished));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "with the check: %" PetscInt_FMT " steps, %" PetscInt_FMT " rejected for n < 0, min n over all accepted steps %g\n", tc.nsteps, rejects, (double)tc.nmin));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, finished, "the run reaches the final time"));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, tc.nmin >= 0, "min n >= 0 at the initial state and at every accepted step (%g)", (double)tc.nmin));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, tc.drift <= 1e-10, "mass conserved to 1e-10 relative at every step (%.2e)", (double)tc.drift));
  if (expect_negative) {
    PetscCall(Run(problem, init, PETSC_FALSE, &tc, &rejects, &finished));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "without the check: %" PetscInt_FMT " steps, min n over all accepted steps %g\n", tc.nsteps, (double)tc.nmin));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, tc.nmin < 0 && rejects == 0, "without the check the same run has n < 0 at some step and no positivity rejection"));
  }
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
