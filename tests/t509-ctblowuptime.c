static char help[] = "Chemotaxis: the blow-up detection time converges under refinement of the grid and of the time tolerance.\n\n\
  -grids <16,32,64>    three grids (cells per direction), each twice the previous\n\
  -rtol <1e-4>         TS tolerance (rtol = atol) of the grid runs; the finest grid is run again at rtol/10\n\
  -threshold <M>       blow-up threshold on max n (absolute, the same on every grid)\n\
  -ratio <0.5>         required contraction |t_3 - t_2| <= ratio |t_2 - t_1| of the detection times\n\
  -tol_rel <1e-3>      required relative agreement of the detection times at rtol and rtol/10\n\n";

/*
   Supercritical Keller-Segel data (IDS limit, 2-D; the problem options give mass, width and centre, e.g. a Gaussian of
   mass 1.1 * 8 pi at the centre). Each run stops when max n reaches the same absolute threshold M; the solver reports the
   crossing time interpolated in log max n over the crossing step (ChemotaxisGetBlowupTime()), with the local error in
   the max norm. Checked: every run detects; the detection times of three grids h, h/2, h/4 contract (a convergent
   sequence); the finest grid gives the same time at rtol and rtol/10 to -tol_rel.
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode Run(ChemotaxisProblem problem, PetscInt M, PetscReal rtol, PetscReal threshold, PetscReal *tb, PetscInt *steps)
{
  Chemotaxis ct;
  TS         ts;
  Vec        U;
  PetscBool  blowup;

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ct));
  PetscCall(ChemotaxisSetDimension(ct, 2));
  PetscCall(ChemotaxisSetGridSizes(ct, M, M, M));
  PetscCall(ChemotaxisSetLimit(ct, CHEMOTAXIS_LIMIT_IDS));
  PetscCall(ChemotaxisSetBlowupThreshold(ct, threshold));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetTS(ct, &ts));
  PetscCall(TSSetTolerances(ts, rtol, NULL, rtol, NULL));
  PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, CHEMOTAXIS_INITIAL_WELL, U));
  PetscCall(ChemotaxisSolve(ct, U));
  PetscCall(ChemotaxisGetBlowup(ct, &blowup, NULL));
  PetscCall(ChemotaxisGetBlowupTime(ct, tb));
  PetscCall(TSGetStepNumber(ts, steps));
  if (!blowup) *tb = -1;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "grid %4" PetscInt_FMT "^2, rtol = atol = %g: %4" PetscInt_FMT " steps, max n reaches %g at t = %.6f\n", M, (double)rtol, *steps, (double)threshold, (double)*tb));
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  ChemotaxisProblem problem;
  char              pname[64];
  PetscInt          grids[3] = {16, 32, 64}, ng = 3, steps;
  PetscReal         rtol = 1e-4, threshold = 0, ratio = 0.5, tol_rel = 1e-3, t[3], tfine;
  PetscBool         set, listed;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "Blow-up time test options", "");
  PetscCall(PetscOptionsIntArray("-grids", "Three grids", "t509-ctblowuptime.c", grids, &ng, &set));
  if (!set) ng = 3;
  PetscCall(TesseraOptionsRealPositive("-rtol", "TS tolerance", "t509-ctblowuptime.c", rtol, &rtol, NULL, 1));
  PetscCall(TesseraOptionsRealPositive("-threshold", "Blow-up threshold on max n", "t509-ctblowuptime.c", threshold, &threshold, &set, 1e15));
  PetscCall(TesseraOptionsRealPositive("-ratio", "Required contraction", "t509-ctblowuptime.c", ratio, &ratio, NULL, 1));
  PetscCall(TesseraOptionsRealPositive("-tol_rel", "Required agreement across tolerances", "t509-ctblowuptime.c", tol_rel, &tol_rel, NULL, 1));
  PetscOptionsEnd();
  PetscCheck(set, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "Give -threshold M");
  PetscCheck(ng == 3 && grids[0] >= 2 && grids[1] == 2 * grids[0] && grids[2] == 2 * grids[1], PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "-grids takes three grids, each twice the previous");
  PetscCall(TesseraProblemSelect(PETSC_COMM_WORLD, NULL, "chemotaxis", "gaussian", pname, sizeof(pname), &listed));
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, pname, &problem));
  for (PetscInt k = 0; k < 3; k++) PetscCall(Run(problem, grids[k], rtol, threshold, &t[k], &steps));
  PetscCall(Run(problem, grids[2], 0.1 * rtol, threshold, &tfine, &steps));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, t[0] > 0 && t[1] > 0 && t[2] > 0 && tfine > 0, "every run reaches the threshold"));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PetscAbsReal(t[2] - t[1]) <= ratio * PetscAbsReal(t[1] - t[0]), "detection times contract under grid refinement: |t3 - t2| = %.3e <= %g |t2 - t1| = %.3e", (double)PetscAbsReal(t[2] - t[1]),
                             (double)ratio, (double)(ratio * PetscAbsReal(t[1] - t[0]))));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PetscAbsReal(tfine - t[2]) <= tol_rel * t[2], "finest grid: rtol and rtol/10 agree to %g relative (%.2e)", (double)tol_rel, (double)(PetscAbsReal(tfine - t[2]) / t[2])));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Richardson estimate (first order in h): t = %.6f\n", (double)(2 * t[2] - t[1])));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
