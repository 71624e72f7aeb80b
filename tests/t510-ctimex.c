static char help[] = "Chemotaxis: the IMEX scheme (exact FFTW stage solves, explicit drift) against the fully implicit scheme.\n\n\
  -T <0.1>            final time\n\
  -agree_tol <1e-4>   bound on the relative L2 difference of n(T) between the schemes at the default TS tolerances\n\
  -dt0 <0.01>         coarsest fixed step of the IMEX order study (halved -levels - 1 times)\n\
  -levels <3>         number of fixed steps\n\
  -expect <3>         expected order of the IMEX scheme in the step (ARKIMEX 3)\n\
  -order_tol <0.3>    allowed shortfall of the last observed order\n\
  -imex_tol <0>       IMEX at rtol = atol = imex_tol (0: the default tolerances, like the implicit run)\n\
  -expect_matched     check that IMEX at -imex_tol is at least as accurate as the implicit scheme at the defaults\n\
  -serial_only        only the IMEX run, its mass and (on several ranks) its comparison with a serial run\n\n";

/*
   Cosine data (-cosine_nbar, -cosine_amp) with the chosen initial signals. Reference: the implicit scheme at
   rtol = atol = 1e-10. Checked:
   1. at the default tolerances (rtol = atol = 1e-4, error control on n) the IMEX and the implicit n(T) agree to
      -agree_tol (relative discrete L2), and the error of each against the reference is at most -agree_tol (the same
      accuracy: both schemes meet the tolerance);
   2. IMEX with fixed steps dt0, dt0/2, ...: the error of n(T) against the reference falls at the order -expect (last
      local order >= expect - order_tol) and the runs take exactly T/dt steps (no step shortened by the CFL bound);
   3. mass is conserved by the IMEX scheme to 1e-12 (relative);
   4. on more than one rank: the IMEX n(T) equals that of a serial run on every rank to 1e-12 (relative).
*/
#include <tessera.h>
#include "tesseratest.h"

/* One run on comm: scheme, tolerances (tol > 0) or a fixed step (dt > 0); returns the final state in natural ordering on
   every rank (a sequential vector), the number of steps and the relative mass drift */
static PetscErrorCode Run(MPI_Comm comm, ChemotaxisScheme scheme, PetscReal T, PetscReal tol, PetscReal dt, Vec *Unat, PetscInt *steps, PetscReal *drift)
{
  Chemotaxis        ct;
  ChemotaxisProblem problem;
  TS                ts;
  Vec               U, N;
  DM                da;
  VecScatter        sc;
  PetscReal         m0, m1;

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisProblemCreate(comm, "cosine", &problem));
  PetscCall(ChemotaxisCreate(comm, &ct));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisSetScheme(ct, scheme));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetTS(ct, &ts));
  PetscCall(TSSetMaxTime(ts, T));
  if (tol > 0) PetscCall(TSSetTolerances(ts, tol, NULL, tol, NULL));
  if (dt > 0) {
    TSAdapt adapt;

    PetscCall(TSGetAdapt(ts, &adapt));
    PetscCall(TSAdaptSetType(adapt, TSADAPTNONE));
    PetscCall(TSSetTimeStep(ts, dt));
  }
  PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, CHEMOTAXIS_INITIAL_WELL, U));
  PetscCall(ChemotaxisGetMass(ct, U, &m0));
  PetscCall(ChemotaxisSolve(ct, U));
  PetscCall(ChemotaxisGetMass(ct, U, &m1));
  *drift = PetscAbsReal(m1 - m0) / m0;
  PetscCall(TSGetStepNumber(ts, steps));
  PetscCall(ChemotaxisGetDM(ct, &da));
  PetscCall(DMDACreateNaturalVector(da, &N));
  PetscCall(DMDAGlobalToNaturalBegin(da, U, INSERT_VALUES, N));
  PetscCall(DMDAGlobalToNaturalEnd(da, U, INSERT_VALUES, N));
  PetscCall(VecScatterCreateToAll(N, &sc, Unat));
  PetscCall(VecScatterBegin(sc, N, *Unat, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(sc, N, *Unat, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterDestroy(&sc));
  PetscCall(VecDestroy(&N));
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscFunctionReturn(0);
}

/* relative L2 difference of the density fields of two natural-ordering states */
static PetscErrorCode DiffN(Vec A, Vec B, PetscReal *d)
{
  const PetscScalar *a, *b;
  PetscInt           n;
  PetscReal          s = 0, r = 0;

  PetscFunctionBeginUser;
  PetscCall(VecGetLocalSize(A, &n));
  PetscCall(VecGetArrayRead(A, &a));
  PetscCall(VecGetArrayRead(B, &b));
  for (PetscInt i = 0; i < n; i += 3) {
    s += PetscSqr(a[i] - b[i]);
    r += PetscSqr(b[i]);
  }
  PetscCall(VecRestoreArrayRead(A, &a));
  PetscCall(VecRestoreArrayRead(B, &b));
  *d = PetscSqrtReal(s / r);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal   T = 0.1, agree_tol = 1e-4, dt0 = 0.01, expect = 3, order_tol = 0.3, eimp, eimex, dagree, drift, e[8], order = 0, dmax = 0;
  PetscInt    levels = 3, steps;
  Vec         Uref, Uimp, Uimex, Uk;
  PetscMPIInt size;
  PetscBool   ok = PETSC_TRUE, serial_only = PETSC_FALSE, matched = PETSC_FALSE;
  PetscReal   imex_tol = 0;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "IMEX vs implicit", "");
  PetscCall(TesseraOptionsRealPositive("-T", "Final time", "t510", T, &T, NULL, 10));
  PetscCall(TesseraOptionsRealPositive("-agree_tol", "Agreement of the schemes", "t510", agree_tol, &agree_tol, NULL, 1));
  PetscCall(TesseraOptionsRealPositive("-dt0", "Coarsest fixed step", "t510", dt0, &dt0, NULL, 10));
  PetscCall(TesseraOptionsIntInRange("-levels", "Fixed steps", "t510", levels, &levels, NULL, 2, 8));
  PetscCall(TesseraOptionsRealPositive("-expect", "Expected order", "t510", expect, &expect, NULL, 10));
  PetscCall(TesseraOptionsRealPositive("-order_tol", "Allowed shortfall of the order", "t510", order_tol, &order_tol, NULL, 10));
  PetscCall(TesseraOptionsRealInRange("-imex_tol", "IMEX tolerances (0: default)", "t510", imex_tol, &imex_tol, NULL, 0, 1));
  PetscCall(PetscOptionsBool("-expect_matched", "IMEX at -imex_tol at least as accurate as implicit at the defaults", "t510", matched, &matched, NULL));
  PetscCall(PetscOptionsBool("-serial_only", "Only the IMEX run and its comparison with a serial run", "t510", serial_only, &serial_only, NULL));
  PetscOptionsEnd();
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));

  PetscCall(Run(PETSC_COMM_WORLD, CHEMOTAXIS_SCHEME_IMEX, T, imex_tol, 0, &Uimex, &steps, &drift));
  if (imex_tol > 0) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "imex, rtol = atol = %g: %" PetscInt_FMT " steps, mass drift %.1e\n", (double)imex_tol, steps, (double)drift));
  else PetscCall(PetscPrintf(PETSC_COMM_WORLD, "imex, default tolerances: %" PetscInt_FMT " steps, mass drift %.1e\n", steps, (double)drift));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, drift <= 1e-12, "imex conserves mass to 1e-12"));
  if (!serial_only) {
    PetscCall(Run(PETSC_COMM_WORLD, CHEMOTAXIS_SCHEME_IMPLICIT, T, 1e-10, 0, &Uref, &steps, &drift));
    PetscCall(Run(PETSC_COMM_WORLD, CHEMOTAXIS_SCHEME_IMPLICIT, T, 0, 0, &Uimp, &steps, &drift));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "implicit, default tolerances: %" PetscInt_FMT " steps\n", steps));
    PetscCall(DiffN(Uimp, Uref, &eimp));
    PetscCall(DiffN(Uimex, Uref, &eimex));
    PetscCall(DiffN(Uimex, Uimp, &dagree));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "relative L2 error of n(T): implicit %.3e, imex %.3e; imex vs implicit %.3e\n", (double)eimp, (double)eimex, (double)dagree));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, dagree <= agree_tol, "imex and implicit n(T) agree to %g", (double)agree_tol));
    if (matched) PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, eimex <= eimp, "imex at rtol = atol = %g is at least as accurate as implicit at the defaults: errors %.2e <= %.2e", (double)imex_tol, (double)eimex, (double)eimp));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, eimp <= agree_tol && eimex <= agree_tol, "both schemes meet the tolerance: errors %.2e (implicit), %.2e (imex) <= %g", (double)eimp, (double)eimex, (double)agree_tol));
    for (PetscInt k = 0; k < levels; k++) {
      PetscReal dt   = dt0 / (PetscReal)(1 << k);
      PetscInt  nexp = (PetscInt)PetscFloorReal(T / dt + 0.5);

      PetscCall(Run(PETSC_COMM_WORLD, CHEMOTAXIS_SCHEME_IMEX, T, 0, dt, &Uk, &steps, &drift));
      PetscCall(DiffN(Uk, Uref, &e[k]));
      if (k) order = PetscLog2Real(e[k - 1] / e[k]);
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "imex, fixed dt = %.4e: %" PetscInt_FMT " steps, error %.3e%s", (double)dt, steps, (double)e[k], k ? "" : "\n"));
      if (k) PetscCall(PetscPrintf(PETSC_COMM_WORLD, ", order %.3f\n", (double)order));
      if (steps != nexp) ok = PETSC_FALSE;
      PetscCall(VecDestroy(&Uk));
    }
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, ok, "fixed-step runs take T/dt steps (no CFL shortening)"));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, order >= expect - order_tol, "last observed order %.3f >= %g - %g", (double)order, (double)expect, (double)order_tol));
    PetscCall(VecDestroy(&Uref));
    PetscCall(VecDestroy(&Uimp));
  }

  if (size > 1) {
    Vec       Us;
    PetscReal d;

    /* the same IMEX run on one rank (every rank runs its own copy) */
    PetscCall(Run(PETSC_COMM_SELF, CHEMOTAXIS_SCHEME_IMEX, T, 0, 0, &Us, &steps, &drift));
    PetscCall(DiffN(Uimex, Us, &d));
    PetscCall(MPIU_Allreduce(&d, &dmax, 1, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "imex on %d ranks vs one rank: relative L2 difference of n(T) %.2e\n", size, (double)dmax));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, dmax <= 1e-12, "imex on %d ranks equals the serial run to 1e-12", size));
    PetscCall(VecDestroy(&Us));
  }
  PetscCall(VecDestroy(&Uimex));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
