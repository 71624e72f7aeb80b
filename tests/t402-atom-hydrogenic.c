static char help[] = "Hydrogen-like atom on radial spectral elements against the Bohr formula -Z^2/(2 n^2).\n\n\
Options:\n\
  -tol <1e-9>       maximum allowed eigenvalue error (Hartree)\n\
  -psweep           also print the error for a sequence of polynomial orders and check spectral convergence\n\
The atom, mesh and states through -atom_ options (-atom_z, -atom_hydrogenic_nmax, -atom_order, ...).\n\n";

/*
   Solves -1/2 P'' + [l (l + 1)/(2 r^2) - Z/r] P = e P for all (n, l) with n <= nmax and compares every
   eigenvalue with -Z^2/(2 n^2). With -psweep the same problem is solved for p = 8, 12, ..., the -atom_order
   value, and the error must fall by at least 1e4 from the lowest to the highest order (spectral convergence,
   atom spec section 7, item 8).
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode MaxError(Atom atom, PetscReal *err)
{
  PetscInt norb, Z;

  PetscFunctionBegin;
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  *err = 0;
  for (PetscInt k = 0; k < norb; k++) {
    PetscInt  n;
    PetscReal eig;

    PetscCall(AtomGetOrbital(atom, k, &n, NULL, NULL, &eig));
    *err = PetscMax(*err, PetscAbsReal(eig + (PetscReal)Z * Z / (2.0 * n * n)));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Atom      atom;
  PetscReal tol    = 1e-9, err;
  PetscBool psweep = PETSC_FALSE;
  PetscInt  Z, norb, pmax;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tol", &tol, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-psweep", &psweep, NULL));
  PetscCall(AtomCreate(PETSC_COMM_WORLD, &atom));
  PetscCall(AtomSetXC(atom, ATOM_XC_NONE));
  PetscCall(AtomSetFromOptions(atom));
  PetscCall(AtomSolve(atom));
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  PetscCall(MaxError(atom, &err));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(err <= tol), "Z = %" PetscInt_FMT ", %" PetscInt_FMT " states: max |e - (-Z^2/2n^2)| = %.1e <= %g", Z, norb, (double)err, (double)tol));
  if (psweep) {
    PetscReal first = -1;

    PetscCall(PetscOptionsGetInt(NULL, NULL, "-atom_order", &pmax, NULL));
    for (PetscInt p = 8; p <= pmax; p += 4) {
      PetscCall(AtomSetOrder(atom, p));
      PetscCall(AtomSolve(atom));
      PetscCall(MaxError(atom, &err));
      if (first < 0) first = err;
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  p = %2" PetscInt_FMT ": max error %.1e\n", p, (double)err));
    }
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(err <= 1e-4 * first), "spectral convergence in p: error drops by 1e4 (%.1e -> %.1e)", (double)first, (double)err));
  }
  PetscCall(AtomDestroy(&atom));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
