/*
   tesserachemotaxisproblems.h - registered initial densities for the Chemotaxis solver, chosen by name (-problem NAME);
   the parameters of a problem are options under its own name (-cosine_nbar, -gaussian_mass, ...).
*/
#if !defined(TESSERACHEMOTAXISPROBLEMS_H)
  #define TESSERACHEMOTAXISPROBLEMS_H

  #include <tesserachemotaxis.h>

/* SUBMANSEC = Chemotaxis */

/*S
  ChemotaxisProblem - a registered initial density n0 of the chemotaxis solver with its parameters

  Level: beginner

.seealso: `ChemotaxisProblemCreate()`, `ChemotaxisProblemRegister()`, `ChemotaxisProblemSetInitialState()`
S*/
typedef struct _p_ChemotaxisProblem *ChemotaxisProblem;

TESSERA_EXTERN PetscErrorCode ChemotaxisProblemInitializePackage(void);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemRegister(const char name[], PetscErrorCode (*create)(ChemotaxisProblem problem));
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemCreate(MPI_Comm comm, const char name[], ChemotaxisProblem *problem);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemDestroy(ChemotaxisProblem *problem);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemView(ChemotaxisProblem problem, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemGetName(ChemotaxisProblem problem, const char **name);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemGetDensity(ChemotaxisProblem problem, ChemotaxisDensityFn *fn, void **ctx);
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemSetDensity(ChemotaxisProblem problem, ChemotaxisDensityFn fn, void *ctx, PetscErrorCode (*destroy)(void **ctx), PetscErrorCode (*view)(void *ctx, PetscViewer viewer));
TESSERA_EXTERN PetscErrorCode ChemotaxisProblemSetInitialState(ChemotaxisProblem problem, Chemotaxis ct, ChemotaxisInitialType type, Vec U);

#endif
