static char help[] = "Options prefix of TAOALSKETCH's inner solvers when the Tao's prefix is set after TaoSetType() (as TAOALMM):\n\
-outer_tao_alsketch_ksp_type and -outer_tao_alsketch_fallback_ksp_type must be read in either order of the calls.\n";

/*
   Two Taos solve HS7 with the prefix "outer_": one with TaoSetType() before TaoSetOptionsPrefix(), one after. Both
   inner KSPs must carry the prefix outer_tao_alsketch_ and be of the type given on the command line (the test runs
   with -outer_tao_alsketch_ksp_type preonly -outer_tao_alsketch_pc_type lu and a fallback option, which -options_left
   would report if the fallback's prefix were stale); both solves must reach f* = -sqrt(3).
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode SolveWithPrefix(PetscBool typefirst)
{
  NLPProblem  nlp;
  Tao         tao;
  KSP         ksp;
  const char *prefix;
  PetscBool   ispreonly, isprefix;
  PetscReal   f, fstar = -PetscSqrtReal(3.0), kkt;
  Vec         x, DE, DI;

  PetscFunctionBegin;
  PetscCall(NLPProblemCreate(PETSC_COMM_WORLD, "HS7", &nlp));
  PetscCall(TaoCreate(PETSC_COMM_WORLD, &tao));
  if (typefirst) PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(TaoSetOptionsPrefix(tao, "outer_"));
  if (!typefirst) PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(NLPProblemSetUpTao(nlp, tao));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(TaoALSketchGetKSP(tao, &ksp));
  PetscCall(KSPGetOptionsPrefix(ksp, &prefix));
  PetscCall(PetscStrcmp(prefix, "outer_tao_alsketch_", &isprefix));
  PetscCall(PetscObjectTypeCompare((PetscObject)ksp, KSPPREONLY, &ispreonly));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCall(NLPProblemComputeKKT(nlp, tao, x, DE, &f, &kkt));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, isprefix, "type %s prefix: inner prefix %s is outer_tao_alsketch_", typefirst ? "before" : "after", prefix));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, ispreonly, "type %s prefix: -outer_tao_alsketch_ksp_type preonly honoured", typefirst ? "before" : "after"));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(PetscAbsReal(f - fstar) <= 1e-8 && kkt <= 1e-8), "type %s prefix: f - f* = %.1e, KKT residual %.1e (both <= 1e-8)", typefirst ? "before" : "after", (double)(f - fstar), (double)kkt));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(SolveWithPrefix(PETSC_TRUE));
  PetscCall(SolveWithPrefix(PETSC_FALSE));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
