/*
   tesserachemotaxis.h - indirect-signalling chemotaxis on a DMDA with PETSc TS, and its singular limits:

     n_t = Lap n - div(n grad c),  eps c_t = Lap c - c + w,  eps w_t = tau Lap w - w + n,  no-flux boundaries.
*/
#if !defined(TESSERACHEMOTAXIS_H)
  #define TESSERACHEMOTAXIS_H

  #include <petscts.h>
  #include <petscdmda.h>
  #include <tesserasys.h>
  #include <tesserafvflux.h>

/* SUBMANSEC = Chemotaxis */

/*S
  Chemotaxis - finite-volume solver for the indirect-signalling chemotaxis system (wraps a DMDA and a TS)

  Level: beginner

.seealso: `ChemotaxisCreate()`, `ChemotaxisGetTS()`, `ChemotaxisSolve()`
S*/
typedef struct _p_Chemotaxis *Chemotaxis;

TESSERA_EXTERN PetscClassId CHEMOTAXIS_CLASSID;

/*E
  ChemotaxisLimit - which system is solved

$ CHEMOTAXIS_LIMIT_NONE - the full system with the given eps >= 0, tau >= 0
$ CHEMOTAXIS_LIMIT_PES  - parabolic-elliptic simplification: eps = 0 (index-1 DAE), tau kept
$ CHEMOTAXIS_LIMIT_IDS  - indirect-direct simplification: eps = tau = 0, the parabolic-elliptic Keller-Segel system

  Level: beginner

.seealso: `ChemotaxisSetLimit()`
E*/
typedef enum { CHEMOTAXIS_LIMIT_NONE, CHEMOTAXIS_LIMIT_PES, CHEMOTAXIS_LIMIT_IDS } ChemotaxisLimit;
TESSERA_EXTERN const char *const ChemotaxisLimits[];

/*E
  ChemotaxisInitialType - how the signals c, w of the initial state are chosen from n

$ CHEMOTAXIS_INITIAL_WELL - on the critical manifold: w = (I - tau Lap)^{-1} n, c = (I - Lap)^{-1} w
$ CHEMOTAXIS_INITIAL_ILL  - off the manifold: c = w = 0

  Level: beginner

.seealso: `ChemotaxisSetInitialState()`
E*/
typedef enum { CHEMOTAXIS_INITIAL_WELL, CHEMOTAXIS_INITIAL_ILL } ChemotaxisInitialType;
TESSERA_EXTERN const char *const ChemotaxisInitialTypes[];

/* source terms f[3] added to the right-hand sides at cell centre x and time t (manufactured solutions) */
typedef PetscErrorCode (*ChemotaxisForcingFn)(PetscInt, PetscReal, const PetscReal[], PetscReal[], void *);
/* initial density n0(x) on the box [0, L]^dim */
typedef PetscErrorCode (*ChemotaxisDensityFn)(PetscInt, const PetscReal[], const PetscReal[], PetscReal *, void *);

TESSERA_EXTERN PetscErrorCode ChemotaxisCreate(MPI_Comm, Chemotaxis *);
TESSERA_EXTERN PetscErrorCode ChemotaxisDestroy(Chemotaxis *);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetFromOptions(Chemotaxis);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetOptionsPrefix(Chemotaxis, const char[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetUp(Chemotaxis);
TESSERA_EXTERN PetscErrorCode ChemotaxisView(Chemotaxis, PetscViewer);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetDimension(Chemotaxis, PetscInt);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetGridSizes(Chemotaxis, PetscInt, PetscInt, PetscInt);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetDomain(Chemotaxis, const PetscReal[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetDomain(Chemotaxis, PetscReal[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetParameters(Chemotaxis, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetParameters(Chemotaxis, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetLimit(Chemotaxis, ChemotaxisLimit);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetFluxType(Chemotaxis, FVFluxType);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetForcing(Chemotaxis, ChemotaxisForcingFn, void *);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetBlowupThreshold(Chemotaxis, PetscReal);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetErrorControlSignals(Chemotaxis, PetscBool);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetDM(Chemotaxis, DM *);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetTS(Chemotaxis, TS *);
TESSERA_EXTERN PetscErrorCode ChemotaxisCreateGlobalVector(Chemotaxis, Vec *);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetInitialState(Chemotaxis, ChemotaxisDensityFn, void *, ChemotaxisInitialType, Vec);
TESSERA_EXTERN PetscErrorCode ChemotaxisProjectToManifold(Chemotaxis, Vec);
TESSERA_EXTERN PetscErrorCode ChemotaxisCheckState(Chemotaxis, Vec);
TESSERA_EXTERN PetscErrorCode ChemotaxisSolve(Chemotaxis, Vec);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetBlowup(Chemotaxis, PetscBool *, const char **);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetMass(Chemotaxis, Vec, PetscReal *);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetManifoldDistance(Chemotaxis, Vec, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode ChemotaxisComputeDifferenceNorms(Chemotaxis, Vec, Vec, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetCellVolume(Chemotaxis, PetscReal *);

TESSERA_EXTERN PetscErrorCode ChemotaxisInitializePackage(void);

#endif
