/*
   tesseraatomproblems.h - the atoms problem set: reference data for the Atom solver (the NIST SRD 141 LDA
   table of total energies and orbital eigenvalues) and the errors of a solve against it.
*/
#if !defined(TESSERAATOMPROBLEMS_H)
  #define TESSERAATOMPROBLEMS_H

  #include <petscsys.h>
  #include <tesserasys.h>
  #include <tesseraatom.h>

/* SUBMANSEC = Atom */

TESSERA_EXTERN PetscErrorCode AtomProblemReadReference(const char file[], PetscInt Z, PetscReal *etot, PetscReal *nist, PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscReal occ[], PetscReal eig[]);
TESSERA_EXTERN PetscErrorCode AtomProblemComputeReferenceError(Atom atom, const char file[], PetscReal *detot, PetscReal *deig, PetscReal *dnist);

#endif
