static char help[] = "Kohn-Sham LDA (or Dirac-Kohn-Sham RLDA, -atom_model dirac) atoms against the NIST SRD 141 reference tables.\n\n\
Options:\n\
  -reference <file.tsv>  the NIST LDA or RLDA table (required)\n\
  -z <92,...>            atoms to solve (default: -z_min..-z_max)\n\
  -z_min <1> -z_max <92> range of atoms\n\
  -tol <1e-8>            maximum allowed |E_tot - ref| and |e_i - ref| (Hartree)\n\
Discretisation and SCF through the -atom_ options (-atom_preset fast|accurate, ...).\n\n";

/*
   For every atom: the SCF must converge with default options, the total energy and every orbital eigenvalue
   must agree with the reference table to -tol (the orbitals and occupations must be those of the table:
   AtomProblemComputeReferenceError() checks them), and the total energy with NIST's published 6 decimals to 1e-6 (atom spec section 7, items 1, 3, 5, 6). Prints the worst errors and the SCF iteration counts.
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  Atom      atom;
  char      ref[PETSC_MAX_PATH_LEN] = "";
  PetscInt  zlist[92], nz = 92, zmin = 1, zmax = 92, maxits = 0, sumits = 0, zworst = 0;
  PetscReal tol = 1e-8, worst = 0, worstnist = 0;
  PetscBool flg;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetString(NULL, NULL, "-reference", ref, sizeof(ref), &flg));
  PetscCheck(flg, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "Give the reference table with -reference FILE");
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tol", &tol, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-z_min", &zmin, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-z_max", &zmax, NULL));
  PetscCall(PetscOptionsGetIntArray(NULL, NULL, "-z", zlist, &nz, &flg));
  if (!flg) {
    PetscCheck(zmin >= 1 && zmax <= 92 && zmin <= zmax, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "Atom range %" PetscInt_FMT "..%" PetscInt_FMT " must lie within 1..92", zmin, zmax);
    nz = zmax - zmin + 1;
    for (PetscInt i = 0; i < nz; i++) zlist[i] = zmin + i;
  }
  PetscCall(AtomCreate(PETSC_COMM_WORLD, &atom));
  PetscCall(AtomSetFromOptions(atom));
  for (PetscInt i = 0; i < nz; i++) {
    const PetscInt      Z = zlist[i];
    PetscInt            norb, its;
    PetscReal           err, erreig, errnist;
    AtomConvergedReason reason;
    const char         *symbol;

    PetscCall(AtomSetZ(atom, Z));
    PetscCall(AtomSolve(atom));
    PetscCall(AtomGetConvergedReason(atom, &reason));
    PetscCall(AtomGetIterationNumber(atom, &its));
    PetscCall(AtomGetNumberOrbitals(atom, &norb));
    PetscCall(AtomGetNISTConfiguration(Z, &symbol, NULL));
    PetscCall(AtomProblemComputeReferenceError(atom, ref, &err, &erreig, &errnist));
    err = PetscMax(err, erreig);
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(reason > 0 && err <= tol && errnist <= 1e-6), "Z = %" PetscInt_FMT " (%s): %s; E_tot and %" PetscInt_FMT " eigenvalues within %g of the reference (%.1e), E_tot within 1e-6 of NIST (%.1e)",
                               Z, symbol, AtomConvergedReasons[reason], norb, (double)tol, (double)err, (double)errnist));
    if (err > worst) {
      worst  = err;
      zworst = Z;
    }
    worstnist = PetscMax(worstnist, errnist);
    maxits    = PetscMax(maxits, its);
    sumits += its;
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%" PetscInt_FMT " atoms: worst error %.1e (Z = %" PetscInt_FMT ") vs NIST 6 decimals %.1e; SCF iterations mean %.1f max %" PetscInt_FMT "\n", nz, (double)worst, zworst, (double)worstnist,
                        (double)sumits / nz, maxits));
  PetscCall(AtomDestroy(&atom));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
