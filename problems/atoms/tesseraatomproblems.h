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

/*S
  AtomProblem - a problem of the atoms problem set: the physics posed on an `Atom` (its exchange-correlation model)
  and the reference its answer is measured against (the NIST SRD 141 LDA table, or closed-form hydrogen-like levels)

  Level: beginner

.seealso: `AtomProblemCreate()`, `TesseraProblemSelect()`, `AtomProblemComputeError()`
S*/
typedef struct _n_AtomProblem *AtomProblem;

TESSERA_EXTERN PetscErrorCode AtomProblemInitializePackage(void);
TESSERA_EXTERN PetscErrorCode AtomProblemRegister(const char name[], PetscErrorCode (*create)(AtomProblem prob));
TESSERA_EXTERN PetscErrorCode AtomProblemCreate(MPI_Comm comm, const char name[], AtomProblem *prob);
TESSERA_EXTERN PetscErrorCode AtomProblemSetUpAtom(AtomProblem prob, Atom atom);
TESSERA_EXTERN PetscErrorCode AtomProblemComputeError(AtomProblem prob, Atom atom, PetscReal *detot, PetscReal *deig);
TESSERA_EXTERN PetscErrorCode AtomProblemView(AtomProblem prob, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode AtomProblemDestroy(AtomProblem *prob);

TESSERA_EXTERN PetscErrorCode AtomProblemReadReference(const char file[], PetscInt Z, PetscReal *etot, PetscReal *nist, PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscInt kappa[], PetscReal occ[], PetscReal eig[]);
TESSERA_EXTERN PetscErrorCode AtomProblemComputeReferenceError(Atom atom, const char file[], PetscReal *detot, PetscReal *deig, PetscReal *dnist);

#endif
