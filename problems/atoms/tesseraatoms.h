/*
   tesseraatoms.h - the atoms problem set: NIST ground-state configurations (spherical, spin-unpolarised,
   fractional occupations allowed) for Z = 1..92 and the reader of the NIST LDA reference table.
*/
#if !defined(TESSERAATOMS_H)
  #define TESSERAATOMS_H

  #include <petscsys.h>
  #include <tesserasys.h>

/* SUBMANSEC = Atom */

/*MC
  ATOMS_MAX_ORBITALS - capacity of the orbital arrays of the atoms problem set and of `Atom` (32: the NIST
  configurations need at most 18 orbitals, the hydrogen-like problem with n <= 7 needs 28)

  Level: intermediate

.seealso: `AtomsParseConfiguration()`, `AtomsReadReference()`, `AtomSetHydrogenicMaxN()`
M*/
  #define ATOMS_MAX_ORBITALS 32

TESSERA_EXTERN PetscErrorCode AtomsGetConfiguration(PetscInt, const char **, const char **);
TESSERA_EXTERN PetscErrorCode AtomsParseConfiguration(const char[], PetscInt, PetscInt *, PetscInt[], PetscInt[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode AtomsReadReference(const char[], PetscInt, PetscReal *, PetscReal *, PetscInt, PetscInt *, PetscInt[], PetscInt[], PetscReal[], PetscReal[]);

#endif
