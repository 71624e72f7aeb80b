static char help[] = "Atom object lifecycle: repeated solves, a new atomic number on a solved object, AtomReset(), destroying NULL.\n\n\
Options:\n\
  -z1 <2> -z2 <10>   the two atoms solved one after the other on the same object\n\
  -tol <1e-6>        allowed difference of energies and eigenvalues from a fresh solver (Hartree)\n\
The discretisation and SCF through the -atom_ options (e.g. -atom_preset fast); -outer_inner_atom_z must be -z1\n\
(an object with the prefix outer_ then inner_ appended reads it).\n\n";

/*
   One Atom object solves Z1, then (AtomSetZ) Z2, then Z2 again, then Z2 after AtomReset(); a fresh object solves
   Z2 once. All four Z2 total energies and eigenvalues must agree with the fresh object's to -tol, every solve must converge, and AtomDestroy() of a NULL handle must be a no-op. With -malloc_dump the
   harness also checks that the re-setups free what they replace.
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode SolveAndCompare(Atom atom, Atom ref, PetscReal tol, const char *what)
{
  AtomConvergedReason reason;
  PetscReal           e, eref, d = 0;
  PetscInt            norb, nref;

  PetscFunctionBegin;
  PetscCall(AtomSolve(atom));
  PetscCall(AtomGetConvergedReason(atom, &reason));
  PetscCall(AtomGetTotalEnergy(atom, &e));
  PetscCall(AtomGetTotalEnergy(ref, &eref));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  PetscCall(AtomGetNumberOrbitals(ref, &nref));
  d = PetscAbsReal(e - eref);
  for (PetscInt k = 0; k < PetscMin(norb, nref); k++) {
    PetscReal a, b;

    PetscCall(AtomGetOrbital(atom, k, NULL, NULL, NULL, &a));
    PetscCall(AtomGetOrbital(ref, k, NULL, NULL, NULL, &b));
    d = PetscMax(d, PetscAbsReal(a - b));
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(reason > 0 && norb == nref && d <= tol), "%s: converged (%s), same orbitals (%" PetscInt_FMT " and %" PetscInt_FMT "), energies agree with a fresh solver to %g (%.1e)", what,
                             AtomConvergedReasons[reason], norb, nref, (double)tol, (double)d));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Atom                atom, ref, none = NULL;
  PetscInt            z1 = 2, z2 = 10;
  PetscReal           tol = 1e-6;
  AtomConvergedReason reason;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "Atom lifecycle test options", "");
  PetscCall(PetscOptionsInt("-z1", "first atom", "t404-atom-lifecycle.c", z1, &z1, NULL));
  PetscCall(PetscOptionsInt("-z2", "second atom", "t404-atom-lifecycle.c", z2, &z2, NULL));
  PetscCall(PetscOptionsReal("-tol", "allowed difference of energies and eigenvalues from the fresh solver (Hartree)", "t404-atom-lifecycle.c", tol, &tol, NULL));
  PetscOptionsEnd();
  PetscCall(AtomDestroy(&none));
  PetscCall(AtomCreate(PETSC_COMM_WORLD, &ref));
  PetscCall(AtomSetFromOptions(ref));
  PetscCall(AtomSetZ(ref, z2));
  PetscCall(AtomSolve(ref));
  PetscCall(AtomGetConvergedReason(ref, &reason));
  PetscCheck(reason > 0, PETSC_COMM_WORLD, PETSC_ERR_NOT_CONVERGED, "The reference solve of Z = %" PetscInt_FMT " did not converge", z2);

  PetscCall(AtomCreate(PETSC_COMM_WORLD, &atom));
  PetscCall(AtomSetFromOptions(atom));
  PetscCall(AtomSetZ(atom, z1));
  PetscCall(AtomSolve(atom));
  PetscCall(AtomGetConvergedReason(atom, &reason));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(reason > 0), "Z = %" PetscInt_FMT " on a new object: converged (%s)", z1, AtomConvergedReasons[reason]));
  PetscCall(AtomSetZ(atom, z2));
  PetscCall(SolveAndCompare(atom, ref, tol, "new Z on a solved object"));
  PetscCall(SolveAndCompare(atom, ref, tol, "repeated solve"));
  PetscCall(AtomReset(atom));
  PetscCall(SolveAndCompare(atom, ref, tol, "solve after AtomReset()"));
  PetscCall(AtomDestroy(&atom));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(!atom && !none), "AtomDestroy() leaves NULL and ignores NULL"));
  PetscCall(AtomDestroy(&ref));
  { /* a nested solver's prefix: the owner's, then appended */
    const char *prefix;
    PetscBool   same;
    PetscInt    Z;

    PetscCall(AtomCreate(PETSC_COMM_WORLD, &atom));
    PetscCall(AtomSetOptionsPrefix(atom, "outer_"));
    PetscCall(AtomAppendOptionsPrefix(atom, "inner_"));
    PetscCall(AtomGetOptionsPrefix(atom, &prefix));
    PetscCall(PetscStrcmp(prefix, "outer_inner_", &same));
    PetscCall(AtomSetFromOptions(atom));
    PetscCall(AtomGetZ(atom, &Z));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(same && Z == z1), "prefix outer_ + inner_ (%s) reads -outer_inner_atom_z (Z = %" PetscInt_FMT ", expected %" PetscInt_FMT ")", prefix, Z, z1));
    PetscCall(AtomDestroy(&atom));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
