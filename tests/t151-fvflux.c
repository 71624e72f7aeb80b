static char help[] = "Tests the Bernoulli function and the Scharfetter-Gummel / upwind face fluxes of operators/fvflux.\n\n";

/*
   Checks in code: B(x) = x/(e^x - 1) and B'(x) against long-double closed forms over 1e-8 <= |x| <= 700;
   the identity B(-x) - B(x) = x; flux derivatives against central differences; the SG flux vanishes on discrete
   equilibria n ~ exp(c); the M-matrix signs dF/dn_L > 0 > dF/dn_R for both fluxes.
*/
#include <tessera.h>
#include "tesseratest.h"
#include <math.h>

int main(int argc, char **argv)
{
  const PetscReal xs[] = {1e-8, 1e-5, 3e-3, 9.99e-3, 1.001e-2, 0.1, 1.0, 5.0, 30.0, 300.0, 700.0};
  PetscReal       errB = 0, errdB = 0, errId = 0, errJ = 0, errEq = 0;
  PetscBool       msign = PETSC_TRUE;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  for (size_t q = 0; q < sizeof(xs) / sizeof(xs[0]); q++) {
    for (int s = -1; s <= 1; s += 2) {
      PetscReal   x  = s * xs[q], B, dB, Bm;
      long double xl = x, em = expm1l(xl), Bl = xl / em, dBl = (em - xl * (em + 1.0L)) / (em * em);

      PetscCall(FVFluxBernoulli(x, &B, &dB));
      PetscCall(FVFluxBernoulli(-x, &Bm, NULL));
      errB  = PetscMax(errB, (PetscReal)fabsl((B - Bl) / Bl));
      errdB = PetscMax(errdB, (PetscReal)fabsl(dB - dBl) / (PetscReal)(fabsl(dBl) + 1e-300L > 1e-280L ? fabsl(dBl) : 1.0L));
      errId = PetscMax(errId, PetscAbsReal(Bm - B - x) / PetscMax(1.0, PetscAbsReal(x)));
    }
  }
  for (PetscInt type = 0; type < 2; type++) {
    const PetscReal hinv = 7.0, nl = 1.3, nr = 0.4, dcs[] = {-2.0, -0.3, 1e-3, 0.5, 3.0};

    for (size_t q = 0; q < sizeof(dcs) / sizeof(dcs[0]); q++) {
      PetscReal F, dF[3], Fp, Fm, del = 1e-6, fd[3];

      PetscCall(FVFluxEvaluate((FVFluxType)type, hinv, nl, nr, dcs[q], &F, dF));
      PetscCall(FVFluxEvaluate((FVFluxType)type, hinv, nl + del, nr, dcs[q], &Fp, NULL));
      PetscCall(FVFluxEvaluate((FVFluxType)type, hinv, nl - del, nr, dcs[q], &Fm, NULL));
      fd[0] = (Fp - Fm) / (2 * del);
      PetscCall(FVFluxEvaluate((FVFluxType)type, hinv, nl, nr + del, dcs[q], &Fp, NULL));
      PetscCall(FVFluxEvaluate((FVFluxType)type, hinv, nl, nr - del, dcs[q], &Fm, NULL));
      fd[1] = (Fp - Fm) / (2 * del);
      PetscCall(FVFluxEvaluate((FVFluxType)type, hinv, nl, nr, dcs[q] + del, &Fp, NULL));
      PetscCall(FVFluxEvaluate((FVFluxType)type, hinv, nl, nr, dcs[q] - del, &Fm, NULL));
      fd[2] = (Fp - Fm) / (2 * del);
      for (PetscInt k = 0; k < 3; k++) errJ = PetscMax(errJ, PetscAbsReal(dF[k] - fd[k]) / PetscMax(1.0, PetscAbsReal(dF[k])));
      if (!(dF[0] > 0 && dF[1] < 0)) msign = PETSC_FALSE;
    }
  }
  for (PetscReal cl = -3; cl <= 3; cl += 0.75) {
    for (PetscReal dc = -20; dc <= 20; dc += 2.5) {
      PetscReal F;

      PetscCall(FVFluxEvaluate(FVFLUX_SG, 3.0, PetscExpReal(cl), PetscExpReal(cl + dc), dc, &F, NULL));
      errEq = PetscMax(errEq, PetscAbsReal(F) / (3.0 * PetscExpReal(cl + PetscMax(dc, 0))));
    }
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, errB < 1e-13, "Bernoulli B relative error < 1e-13 (%.1e)", (double)errB));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, errdB < 1e-10, "Bernoulli B' relative error < 1e-10 (%.1e)", (double)errdB));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, errId < 1e-13, "identity B(-x) - B(x) = x to 1e-13 (%.1e)", (double)errId));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, errJ < 1e-7, "flux derivatives match central differences to 1e-7 (%.1e)", (double)errJ));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, msign, "M-matrix signs dF/dnL > 0 > dF/dnR"));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, errEq < 1e-13, "SG flux vanishes on n ~ exp(c) to 1e-13 (%.1e)", (double)errEq));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
