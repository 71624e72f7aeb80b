/*
   tesseractproblems.h - registered initial densities for the chemotaxis solver, chosen by name (-ct_problem).
*/
#if !defined(TESSERACTPROBLEMS_H)
  #define TESSERACTPROBLEMS_H

  #include <tesserachemotaxis.h>

/* SUBMANSEC = Chemotaxis */

/*S
  ChemotaxisProblemParams - parameters shared by the registered initial densities

  Level: beginner

.seealso: `ChemotaxisProblemFind()`, `ChemotaxisProblemSetFromOptions()`
S*/
typedef struct {
  PetscReal nbar;      /* mean density of "cosine" */
  PetscReal amp;       /* relative amplitude of "cosine", |amp| < 1 */
  PetscInt  mode[3];   /* cosine mode numbers per direction */
  PetscReal mass;      /* mass of the "gaussian" bump */
  PetscReal width;     /* standard deviation of the "gaussian" bump */
  PetscReal center[3]; /* centre of the "gaussian" bump, relative to the box (0..1) */
  PetscReal floor;     /* background density added to "gaussian" */
} ChemotaxisProblemParams;

TESSERA_EXTERN PetscErrorCode ChemotaxisProblemRegister(const char[], ChemotaxisDensityFn);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemFind(MPI_Comm, const char[], ChemotaxisDensityFn *);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemList(MPI_Comm);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemSetFromOptions(MPI_Comm, const char[], ChemotaxisProblemParams *);

#endif
