static char help[] = "Robust stopping of LV-HBA and BO-REP: closed-form problems from several starts and on three scales of the lower level.\n\n\
  -seeds <8>  number of random feasible starts of the inequality problem\n\n";

/*
   Every run uses default solver options. A run that stops with CONVERGED_TOL must be at the closed-form solution
   (the stated accuracy: relative x and y errors <= 5e-4 for LV-HBA, whose residual tolerance is 1e-4 relative to
   |grad F|, and <= 1e-5 for BO-REP, 1e-7); every run listed must stop by CONVERGED_TOL within its iteration limit.
   1. LV-HBA on `inequality` (coupled y <= x, active at x* = y* = 5/4): feasible start, infeasible start (projected),
      far start (x = -50, y = 40), and random feasible starts (spread 3; the former instability test stopped 11 of 48
      such starts with DIVERGED_INSTABILITY); LV-HBA on `toy` from x = y1 = s, y2 = -2 s with s = 5, -50, 500, 1000,
      10000 (from 1000 the former instability test, whose reference was the inner residual of iteration 0, stopped
      after 12 iterations with DIVERGED_INSTABILITY: the inner transient grows with the distance of the start);
   2. LV-HBA on `toy` and `inequality` with the lower level scaled by 100 and by 0.01 (same solution): the automatic
      gamma1, gamma2 and steps make the iterates those of the unscaled problem, so the iteration counts agree;
   3. LV-HBA on `quadratic` (strongly convex lower level) with default options, also the iteration limit (500000 for
      this type): starts x = y = 0, x = 5, (x, y) = (-100, 30), and the lower level scaled by 100 and 0.01 (same
      iterations as unscaled);
   4. BO-REP on `quadratic` from x = 0, 5, -100 and with the lower level scaled by 100 and 0.01;
   5. impossible settings stop with a clear reason, never CONVERGED: LV-HBA with the penalty factor 1e6 on the toy
      (the upper level cannot move: the former step-based test reported CONVERGED_TOL with x error 1.07), BO-REP
      without any lower-level steps, LV-HBA with a theta step 100 times the automatic one from the toy's start 1000
      (DIVERGED_INSTABILITY: the growth test still catches a true instability from a far start).
*/
#include <tessera.h>
#include "tesseratest.h"
#include "bilevelrun.h"

/* the run stopped by tolerance at the closed form to tol */
static PetscErrorCode CheckConverged(MPI_Comm comm, const char what[], const BilevelTestRun *r, PetscReal tol)
{
  char line[256];

  PetscFunctionBegin;
  PetscCall(PetscPrintf(comm, "%s: %s after %" PetscInt_FMT " iterations, relative errors x %.1e y %.1e\n", what, BilevelConvergedReasons[r->reason], r->its, (double)r->xe, (double)r->ye));
  PetscCall(PetscSNPrintf(line, sizeof(line), "%s: CONVERGED_TOL at the closed form to %g", what, (double)tol));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(r->reason == BILEVEL_CONVERGED_TOL && r->xe <= tol && r->ye <= tol), "%s", line));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm       comm;
  PetscInt       seeds = 8, nok = 0;
  BilevelTestRun r, r1;
  const char    *scales[3] = {"1", "100", "0.01"};
  char           what[128], seed[16];

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-seeds", &seeds, NULL));

  /* 1. starts of the inequality problem */
  {
    const char *feas[] = {"-inequality_x0", "0", "-inequality_y0", "-1", NULL};
    const char *inf[]  = {"-inequality_x0", "0", "-inequality_y0", "3", NULL};
    const char *far[]  = {"-inequality_x0", "-50", "-inequality_y0", "40", NULL};

    PetscCall(BilevelTestSolve(comm, "inequality", BILEVELLVHBA, 0, feas, &r));
    PetscCall(CheckConverged(comm, "lvhba inequality, feasible start", &r, 5e-4));
    PetscCall(BilevelTestSolve(comm, "inequality", BILEVELLVHBA, 0, inf, &r));
    PetscCall(CheckConverged(comm, "lvhba inequality, infeasible start (projected)", &r, 5e-4));
    PetscCall(BilevelTestSolve(comm, "inequality", BILEVELLVHBA, 0, far, &r));
    PetscCall(CheckConverged(comm, "lvhba inequality, far start", &r, 5e-4));
  }
  for (PetscInt s = 1; s <= seeds; s++) {
    const char *opts[] = {"-inequality_x0", "1", "-inequality_y0", "0", "-inequality_spread", "3", "-inequality_seed", seed, NULL};

    PetscCall(PetscSNPrintf(seed, sizeof(seed), "%" PetscInt_FMT, s));
    PetscCall(BilevelTestSolve(comm, "inequality", BILEVELLVHBA, 0, opts, &r));
    if (r.reason == BILEVEL_CONVERGED_TOL && r.xe <= 5e-4 && r.ye <= 5e-4) nok++;
    else PetscCall(PetscPrintf(comm, "random start %" PetscInt_FMT ": %s, x error %.1e\n", s, BilevelConvergedReasons[r.reason], (double)r.xe));
  }
  PetscCall(PetscPrintf(comm, "lvhba inequality, %" PetscInt_FMT " random feasible starts: %" PetscInt_FMT " CONVERGED_TOL at the closed form\n", seeds, nok));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(nok == seeds), "every random start converges to the closed form (no false instability stop)"));

  /* toy (n = 100): starts x = y1 = s, y2 = -2 s (feasible) for s = 5, -50, 500 */
  {
    const char *st[5] = {"5", "-50", "500", "1000", "10000"};

    for (PetscInt k = 0; k < 5; k++) {
      const char *opts[] = {"-toy_start", st[k], NULL};

      PetscCall(BilevelTestSolve(comm, "toy", BILEVELLVHBA, 0, opts, &r));
      PetscCall(PetscSNPrintf(what, sizeof(what), "lvhba toy, start %s", st[k]));
      PetscCall(CheckConverged(comm, what, &r, 5e-4));
    }
  }

  /* 2. scaled lower levels */
  for (PetscInt p = 0; p < 2; p++) {
    const char *problem = p ? "inequality" : "toy", *opt = p ? "-inequality_scale" : "-toy_scale";

    for (PetscInt k = 0; k < 3; k++) {
      const char *opts[] = {opt, scales[k], NULL};

      PetscCall(BilevelTestSolve(comm, problem, BILEVELLVHBA, 0, opts, &r));
      PetscCall(PetscSNPrintf(what, sizeof(what), "lvhba %s, lower level x %s", problem, scales[k]));
      PetscCall(CheckConverged(comm, what, &r, 5e-4));
      if (k == 0) r1 = r;
      else {
        PetscCall(PetscSNPrintf(what, sizeof(what), "lvhba %s, lower level x %s: same iterations as unscaled (%" PetscInt_FMT ")", problem, scales[k], r1.its));
        PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal((PetscReal)(r.its - r1.its)) <= 0.01 * r1.its), "%s", what));
      }
    }
  }

  /* 3. LV-HBA on the quadratic problem */
  {
    const char  *o0[] = {"-quadratic_x0", "0", NULL}, *o5[] = {"-quadratic_x0", "5", NULL}, *ofar[] = {"-quadratic_x0", "-100", "-quadratic_y0", "30", NULL};
    const char  *os1[] = {"-quadratic_scale", "100", NULL}, *os2[] = {"-quadratic_scale", "0.01", NULL};
    const char **opts[5] = {o0, o5, ofar, os1, os2}, *names[5] = {"start x = y = 0", "start x = 5", "start x = -100, y = 30", "lower level x 100", "lower level x 0.01"};

    for (PetscInt k = 0; k < 5; k++) {
      PetscCall(BilevelTestSolve(comm, "quadratic", BILEVELLVHBA, 0, opts[k], &r));
      PetscCall(PetscSNPrintf(what, sizeof(what), "lvhba quadratic, default options, %s", names[k]));
      PetscCall(CheckConverged(comm, what, &r, 5e-4));
      if (k == 0) r1 = r;
      if (k >= 3) {
        PetscCall(PetscSNPrintf(what, sizeof(what), "lvhba quadratic, %s: same iterations as unscaled (%" PetscInt_FMT ")", names[k], r1.its));
        PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal((PetscReal)(r.its - r1.its)) <= 0.01 * r1.its), "%s", what));
      }
    }
  }

  /* 4. BO-REP on the quadratic problem: starts and scales */
  {
    const char *x0[3] = {"0", "5", "-100"};

    for (PetscInt k = 0; k < 3; k++) {
      const char *opts[] = {"-quadratic_x0", x0[k], "-quadratic_y0", x0[k], NULL};

      PetscCall(BilevelTestSolve(comm, "quadratic", BILEVELBOREP, 0, opts, &r));
      PetscCall(PetscSNPrintf(what, sizeof(what), "borep quadratic, start x = y = %s", x0[k]));
      PetscCall(CheckConverged(comm, what, &r, 1e-5));
    }
    for (PetscInt k = 1; k < 3; k++) {
      const char *opts[] = {"-quadratic_scale", scales[k], NULL};

      PetscCall(BilevelTestSolve(comm, "quadratic", BILEVELBOREP, 0, opts, &r));
      PetscCall(PetscSNPrintf(what, sizeof(what), "borep quadratic, lower level x %s", scales[k]));
      PetscCall(CheckConverged(comm, what, &r, 1e-5));
    }
  }

  /* 5. impossible settings */
  {
    const char *bigc[]  = {"-bilevel_lvhba_c", "1e6", NULL};
    const char *nolow[] = {"-bilevel_borep_steps", "0", "-bilevel_borep_init_steps", "0", NULL};

    PetscCall(BilevelTestSolve(comm, "toy", BILEVELLVHBA, 5000, bigc, &r));
    PetscCall(PetscPrintf(comm, "lvhba toy, penalty factor 1e6: %s, x error %.2f\n", BilevelConvergedReasons[r.reason], (double)r.xe));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(r.reason == BILEVEL_DIVERGED_MAXIT), "penalty factor 1e6 (x cannot move): DIVERGED_MAXIT, not CONVERGED"));
    PetscCall(BilevelTestSolve(comm, "quadratic", BILEVELBOREP, 3000, nolow, &r));
    PetscCall(PetscPrintf(comm, "borep quadratic without lower-level steps: %s, x error %.2f\n", BilevelConvergedReasons[r.reason], (double)r.xe));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(r.reason < 0), "BO-REP without lower-level steps does not converge"));
    {
      const char *bigeta[] = {"-toy_start", "1000", "-bilevel_lvhba_eta", "63.5", NULL};

      PetscCall(BilevelTestSolve(comm, "toy", BILEVELLVHBA, 5000, bigeta, &r));
      PetscCall(PetscPrintf(comm, "lvhba toy, start 1000, theta step 63.5 (100 times the automatic): %s after %" PetscInt_FMT " iterations\n", BilevelConvergedReasons[r.reason], r.its));
      PetscCall(TesseraTestCheck(comm, (PetscBool)(r.reason == BILEVEL_DIVERGED_INSTABILITY && r.its < 100), "theta step x 100 from a far start: DIVERGED_INSTABILITY within 100 iterations"));
    }
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
