static char help[] = "Chemotaxis object model: options prefix (set, append, get), view of every parameter, reset and set up again on\n\
another grid, problem-set options under the problem's name, the kinds of initial signals.\n\n";

/*
   Runs with -a_b_chemotaxis_eps 0.25 -a_b_chemotaxis_tau 0.5 -a_b_chemotaxis_flux upwind -a_b_da_grid_x 12 (prefix "a_"
   then "b_" appended) and -gaussian_mass 2 -gaussian_width 0.05 and checks:
   - the prefix is "a_b_" and the options under it reached the solver, its DMDA and its TS;
   - the ASCII view names every parameter (eps, tau, limit, flux, grid, domain, error control, linear solver, blow-up);
   - after ChemotaxisReset() the solver is set up again on another grid (20 cells) and solves;
   - the gaussian problem has the mass given by -gaussian_mass (to the quadrature error of a width-0.05 bump, 1e-10);
   - well-prepared data lie on the critical manifold, ill and opposite data are at the same distance from it, and
     KS data satisfy w = n and c = (I - Lap_h)^{-1} n (so lie on the tau-manifold only for tau = 0).
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  MPI_Comm          comm;
  Chemotaxis        ct;
  ChemotaxisProblem problem;
  const char       *prefix, *pname;
  PetscReal         eps, tau, mass, dill, dopp, dwell, dc, dw;
  PetscInt          M[3];
  FVFluxType        flux;
  PetscViewer       sv;
  char              buf[8192];
  Vec               U, V;
  TS                ts;
  PetscBool         has;
  FVFluxType        ftype;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(ChemotaxisCreate(comm, &ct));
  PetscCall(ChemotaxisSetDimension(ct, 1));
  PetscCall(ChemotaxisSetOptionsPrefix(ct, "a_"));
  PetscCall(ChemotaxisAppendOptionsPrefix(ct, "b_"));
  PetscCall(ChemotaxisGetOptionsPrefix(ct, &prefix));
  PetscCall(PetscStrcmp(prefix, "a_b_", &has));
  PetscCall(TesseraTestCheck(comm, has, "options prefix set then appended is a_b_"));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetParameters(ct, &eps, &tau));
  PetscCall(ChemotaxisGetFluxType(ct, &flux));
  PetscCall(ChemotaxisGetGridSizes(ct, M));
  PetscCall(TesseraTestCheck(comm, eps == 0.25 && tau == 0.5 && flux == FVFLUX_UPWIND, "prefixed class options reach the solver (eps %g, tau %g, flux %s)", (double)eps, (double)tau, FVFluxTypes[flux]));
  PetscCall(TesseraTestCheck(comm, M[0] == 12, "prefixed DMDA option reaches the grid (%" PetscInt_FMT " cells)", M[0]));
  PetscCall(ChemotaxisGetTS(ct, &ts));
  PetscCall(TSGetOptionsPrefix(ts, &prefix));
  PetscCall(PetscStrcmp(prefix, "a_b_", &has));
  PetscCall(TesseraTestCheck(comm, has, "the TS has the solver's prefix"));

  /* the view names every parameter */
  PetscCall(PetscViewerASCIIOpen(comm, "t507-view.txt", &sv));
  PetscCall(ChemotaxisView(ct, sv));
  PetscCall(PetscViewerDestroy(&sv));
  {
    FILE  *fp;
    size_t nread;

    PetscCall(PetscFOpen(PETSC_COMM_SELF, "t507-view.txt", "r", &fp));
    nread      = fread(buf, 1, sizeof(buf) - 1, fp);
    buf[nread] = 0;
    PetscCall(PetscFClose(PETSC_COMM_SELF, fp));
  }
  {
    const char *words[] = {"a_b_", "eps = 0.25", "tau = 0.5", "system: none", "chemotactic flux: UPWIND", "12 x 1 x 1 cells on [0,1", "local error control", "linear solver", "blow-up threshold", "source terms"};
    PetscBool   all     = PETSC_TRUE;

    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
      char *found;

      PetscCall(PetscStrstr(buf, words[k], &found));
      if (!found) {
        all = PETSC_FALSE;
        PetscCall(PetscPrintf(comm, "view lacks \"%s\"\n", words[k]));
      }
    }
    PetscCall(TesseraTestCheck(comm, all, "ChemotaxisView() names every parameter"));
  }

  /* reset, another grid, set up again */
  PetscCall(ChemotaxisReset(ct));
  PetscCall(PetscOptionsSetValue(NULL, "-a_b_da_grid_x", "20"));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetGridSizes(ct, M));
  PetscCall(ChemotaxisGetFluxType(ct, &ftype));
  PetscCall(TesseraTestCheck(comm, M[0] == 20 && ftype == FVFLUX_UPWIND, "after ChemotaxisReset() the solver is set up on the new grid with its parameters kept (%" PetscInt_FMT " cells)", M[0]));

  /* problem-set options under the problem's name */
  PetscCall(ChemotaxisProblemCreate(comm, "gaussian", &problem));
  PetscCall(ChemotaxisProblemGetName(problem, &pname));
  PetscCall(ChemotaxisProblemView(problem, NULL));
  PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
  PetscCall(VecDuplicate(U, &V));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, CHEMOTAXIS_INITIAL_WELL, U));
  PetscCall(ChemotaxisGetMass(ct, U, &mass));
  PetscCall(TesseraTestCheck(comm, PetscAbsReal(mass - 2.0) < 1e-3, "-gaussian_mass 2 gives mass %.6f (midpoint rule, 20 cells)", (double)mass));
  PetscCall(ChemotaxisGetManifoldDistance(ct, U, &dwell, NULL));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, CHEMOTAXIS_INITIAL_ILL, V));
  PetscCall(ChemotaxisGetManifoldDistance(ct, V, &dill, NULL));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, CHEMOTAXIS_INITIAL_OPPOSITE, V));
  PetscCall(ChemotaxisGetManifoldDistance(ct, V, &dopp, NULL));
  PetscCall(TesseraTestCheck(comm, dwell <= 1e-12 * dill && PetscAbsReal(dopp - dill) <= 1e-12 * dill && dill > 0.1, "well-prepared data on the manifold (%.1e), ill and opposite at the same distance (%.6e, %.6e)", (double)dwell, (double)dill,
                             (double)dopp));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, CHEMOTAXIS_INITIAL_KS, V));
  {
    const PetscScalar *v;
    PetscInt           nloc;
    PetscReal          dnw = 0;

    PetscCall(VecGetLocalSize(V, &nloc));
    PetscCall(VecGetArrayRead(V, &v));
    for (PetscInt i = 0; i < nloc; i += 3) dnw = PetscMax(dnw, PetscAbsScalar(v[i + 2] - v[i]));
    PetscCall(VecRestoreArrayRead(V, &v));
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &dnw, 1, MPIU_REAL, MPIU_MAX, comm));
    PetscCall(ChemotaxisGetManifoldDistance(ct, V, &dc, &dw));
    PetscCall(TesseraTestCheck(comm, dnw == 0 && dw > 1e-3, "KS data: w = n exactly, off the tau = 0.5 manifold (|w - (I - tau Lap)^-1 n| = %.3e)", (double)dw));
  }
  PetscCall(PetscStrcmp(pname, "gaussian", &has));
  PetscCall(TesseraTestCheck(comm, has, "problem name gaussian"));
  PetscCall(VecDestroy(&U));
  PetscCall(VecDestroy(&V));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
