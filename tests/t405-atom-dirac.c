static char help[] = "Hydrogen-like Dirac atom on radial spectral elements against the closed-form (Sommerfeld) energies.\n\n\
Options:\n\
  -tol <5e-9>       maximum allowed eigenvalue error (Hartree)\n\
The atom, mesh and states through -atom_ options (-atom_z, -atom_hydrogenic_nmax, -atom_order, ...).\n\n";

/*
   Solves the radial Dirac equation with V = -Z/r for all (n, kappa) with n <= nmax (-atom_model dirac
   -atom_xc none) and compares every eigenvalue with the exact point-nucleus energy without rest mass,
     E = c^2 [1 + (Z/c)^2/(n - |kappa| + gamma)^2]^(-1/2) - c^2,  gamma = sqrt(kappa^2 - (Z/c)^2)
   (atom spec section 7, item 7: Z = 92, 49 states, 5e-9 Ha). The number of states (n^2 per shell) checks
   that no state is missing and none is spurious.
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  Atom      atom;
  PetscReal tol = 5e-9, err = 0, c = 137.0359895;
  PetscInt  Z, norb, nmax = 7, worst = -1, expected = 0;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tol", &tol, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-atom_hydrogenic_nmax", &nmax, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-atom_speed_of_light", &c, NULL));
  PetscCall(AtomCreate(PETSC_COMM_WORLD, &atom));
  PetscCall(AtomSetType(atom, ATOMDIRAC));
  PetscCall(AtomSetXC(atom, ATOM_XC_NONE));
  PetscCall(AtomSetFromOptions(atom));
  PetscCall(AtomSolve(atom));
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  for (PetscInt k = 0; k < norb; k++) {
    PetscInt        n, l, kappa;
    PetscReal       eig, g, x, exact, e;
    const PetscReal za = Z / c;

    PetscCall(AtomGetOrbital(atom, k, &n, &l, NULL, &eig));
    PetscCall(AtomGetOrbitalKappa(atom, k, &kappa));
    g     = PetscSqrtReal((PetscReal)(kappa * kappa) - za * za);
    x     = za / (n - PetscAbsInt(kappa) + g);
    exact = -c * c * x * x / (PetscSqrtReal(1 + x * x) * (1 + PetscSqrtReal(1 + x * x))); /* c^2 (1/sqrt(1 + x^2) - 1) without cancellation */
    e     = PetscAbsReal(eig - exact);
    if (e > err) {
      err   = e;
      worst = k;
    }
  }
  for (PetscInt n = 1; n <= nmax; n++) expected += 2 * n - 1;
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(norb == expected), "Z = %" PetscInt_FMT ": %" PetscInt_FMT " (n, kappa) states for n <= %" PetscInt_FMT ", none missing, none spurious", Z, norb, nmax));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(err <= tol), "Z = %" PetscInt_FMT ": max |E - E_Dirac| over the states < %g", Z, (double)tol));
  if (!(err <= tol) && worst >= 0) {
    PetscInt  n, l, kappa;
    PetscReal eig;

    PetscCall(AtomGetOrbital(atom, worst, &n, &l, NULL, &eig));
    PetscCall(AtomGetOrbitalKappa(atom, worst, &kappa));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "worst state n = %" PetscInt_FMT " kappa = %" PetscInt_FMT ": E = %.12f, error %.3e\n", n, kappa, (double)eig, (double)err));
  }
  PetscCall(AtomDestroy(&atom));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
