static char help[] = "Bilevel type implicit with the optimistic selection: the LLC toy (lower-level solution set not a point) to the closed form.\n\n";

/*
   BILEVELIMPLICIT with -bilevel_implicit_selection upper (the toy problem sets it for implicit): the lower level
   f + sigma F, continuation in sigma, Newton polish of each stage, Neville extrapolation to sigma = 0.
   1. toy (x* = -0.3, y1* = 0.7, y2* = -0.4, F* = n/20) with n = 1, 10, 1000 from starts 0, 1, 5, 1000, lower level
      scaled by 100 and 0.01, and from nonsymmetric starts (-toy_spread: the lower-level solution set is then met off
      its symmetric point): CONVERGED_TOL within 200 iterations, relative x and y errors and the relative error of F
      <= 5e-11 (measured <= 1e-12; the bound also makes runs on 1 and 2 processes agree to 1e-10);
   2. quadratic (strongly convex lower level): the selection gives the answer of the plain type (closed form to 2e-8,
      F equal to 1e-10 relative);
   3. inequality (active coupled inequalities): CONVERGED_TOL at the closed form to 1e-8;
   4. too few stages for the extrapolation's tolerance (-bilevel_implicit_selection_max_stages 2): not CONVERGED_TOL;
   5. BilevelImplicitSetSelection()/BilevelImplicitGetSelection() round trip.
*/
#include <tessera.h>
#include "tesseratest.h"
#include "bilevelrun.h"

int main(int argc, char **argv)
{
  MPI_Comm        comm;
  BilevelTestRun  r, r0;
  const char     *sizes[3]  = {"1", "10", "1000"};
  const PetscReal nvals[3]  = {1, 10, 1000};
  const char     *starts[4] = {"0", "1", "5", "1000"};

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  for (PetscInt i = 0; i < 3; i++) {
    for (PetscInt j = 0; j < 4; j++) {
      for (PetscInt k = 0; k < 4; k++) {
        const char *scales[4]  = {"1", "100", "0.01", "1"};
        const char *spreads[4] = {"0", "0", "0", "1"};
        const char *opts[]     = {"-toy_n", sizes[i], "-toy_start", starts[j], "-toy_scale", scales[k], "-toy_spread", spreads[k], NULL};
        PetscReal   Fs         = nvals[i] / 20, Fe;

        if (k > 0 && i == 0) continue; /* n = 1: S(x) is a point; one run */
        PetscCall(BilevelTestSolve(comm, "toy", BILEVELIMPLICIT, 0, opts, &r));
        Fe = PetscAbsReal(r.F - Fs) / Fs;
        PetscCall(PetscPrintf(comm, "implicit toy n = %s, start %s, scale %s, spread %s: %s after %" PetscInt_FMT " iterations, relative errors x %.1e y %.1e F %.1e\n", sizes[i], starts[j], scales[k], spreads[k], BilevelConvergedReasons[r.reason],
                              r.its, (double)r.xe, (double)r.ye, (double)Fe));
        PetscCall(TesseraTestCheck(comm, (PetscBool)(r.reason == BILEVEL_CONVERGED_TOL && r.its <= 200 && r.xe <= 5e-11 && r.ye <= 5e-11 && Fe <= 5e-11),
                                   "implicit toy n = %s, start %s, scale %s, spread %s: CONVERGED_TOL within 200 iterations, x, y, F to 5e-11", sizes[i], starts[j], scales[k], spreads[k]));
      }
    }
  }
  {
    const char *sel[] = {"-bilevel_implicit_selection", "upper", "-quadratic_x0", "-100", "-quadratic_y0", "30", NULL};
    const char *pln[] = {"-quadratic_x0", "-100", "-quadratic_y0", "30", NULL};

    PetscCall(BilevelTestSolve(comm, "quadratic", BILEVELIMPLICIT, 0, pln, &r0));
    PetscCall(BilevelTestSolve(comm, "quadratic", BILEVELIMPLICIT, 0, sel, &r));
    PetscCall(PetscPrintf(comm, "implicit quadratic: plain %s after %" PetscInt_FMT " iterations (x %.1e y %.1e), selection %s after %" PetscInt_FMT " iterations (x %.1e y %.1e), F %.12g and %.12g\n", BilevelConvergedReasons[r0.reason], r0.its,
                          (double)r0.xe, (double)r0.ye, BilevelConvergedReasons[r.reason], r.its, (double)r.xe, (double)r.ye, (double)r0.F, (double)r.F));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(r0.reason == BILEVEL_CONVERGED_TOL && r.reason == BILEVEL_CONVERGED_TOL && r0.xe <= 2e-8 && r.xe <= 2e-8 && r0.ye <= 2e-8 && r.ye <= 2e-8 && PetscAbsReal(r.F - r0.F) <= 1e-10 * PetscAbsReal(r0.F)),
                               "implicit quadratic: the selection gives the plain answer (closed form to 2e-8, F to 1e-10)"));
  }
  {
    const char *sel[] = {"-bilevel_implicit_selection", "upper", "-inequality_x0", "50", "-inequality_y0", "-40", NULL};

    PetscCall(BilevelTestSolve(comm, "inequality", BILEVELIMPLICIT, 0, sel, &r));
    PetscCall(PetscPrintf(comm, "implicit inequality with the selection: %s after %" PetscInt_FMT " iterations, relative errors x %.1e y %.1e\n", BilevelConvergedReasons[r.reason], r.its, (double)r.xe, (double)r.ye));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(r.reason == BILEVEL_CONVERGED_TOL && r.xe <= 1e-8 && r.ye <= 1e-8), "implicit inequality with the selection: CONVERGED_TOL at the closed form to 1e-8"));
  }
  {
    const char *opts[] = {"-bilevel_implicit_selection_max_stages", "2", "-toy_spread", "1", NULL};

    PetscCall(BilevelTestSolve(comm, "toy", BILEVELIMPLICIT, 0, opts, &r));
    PetscCall(PetscPrintf(comm, "implicit toy, 2 stages: %s after %" PetscInt_FMT " iterations, relative error x %.1e\n", BilevelConvergedReasons[r.reason], r.its, (double)r.xe));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(r.reason == BILEVEL_DIVERGED_MAXIT), "implicit toy, 2 stages: the extrapolation misses its tolerance, DIVERGED_MAXIT and not CONVERGED_TOL"));
  }
  {
    Bilevel                      bl;
    BilevelImplicitSelectionType t;
    PetscReal                    s, q, rt;
    PetscInt                     ms;

    PetscCall(BilevelCreate(comm, &bl));
    PetscCall(BilevelSetType(bl, BILEVELIMPLICIT));
    PetscCall(BilevelImplicitSetSelection(bl, BILEVEL_IMPLICIT_SELECTION_UPPER, 0.05, 3, 10, 1e-9));
    PetscCall(BilevelImplicitSetSelection(bl, BILEVEL_IMPLICIT_SELECTION_UPPER, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT));
    PetscCall(BilevelImplicitGetSelection(bl, &t, &s, &q, &ms, &rt));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(t == BILEVEL_IMPLICIT_SELECTION_UPPER && s == 0.05 && q == 3 && ms == 10 && rt == 1e-9), "BilevelImplicitSetSelection()/GetSelection() round trip, PETSC_DEFAULT keeps the values"));
    PetscCall(BilevelDestroy(&bl));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
