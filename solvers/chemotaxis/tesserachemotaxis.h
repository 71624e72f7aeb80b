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

$ CHEMOTAXIS_INITIAL_WELL     - on the critical manifold of the system solved: w = (I - tau Lap)^{-1} n, c = (I - Lap)^{-1} w
$ CHEMOTAXIS_INITIAL_ILL      - off the manifold: c = w = 0
$ CHEMOTAXIS_INITIAL_OPPOSITE - off the manifold on the other side: c, w twice their manifold values (the reflection of
$                               c = w = 0 through the manifold; same distance)
$ CHEMOTAXIS_INITIAL_KS       - on the Keller-Segel manifold of the IDS limit: w = n, c = (I - Lap)^{-1} n (well-prepared
$                               for the indirect-direct limit, off the tau-manifold by O(tau))
$ CHEMOTAXIS_INITIAL_STEP     - discontinuous signals: c = w = 2 m on x_0 < L_0/2 and 0 elsewhere, m the mean of n (the
$                               means are on the manifold, every other mode is off it)

  Level: beginner

.seealso: `ChemotaxisSetInitialState()`
E*/
typedef enum { CHEMOTAXIS_INITIAL_WELL, CHEMOTAXIS_INITIAL_ILL, CHEMOTAXIS_INITIAL_OPPOSITE, CHEMOTAXIS_INITIAL_KS, CHEMOTAXIS_INITIAL_STEP } ChemotaxisInitialType;
TESSERA_EXTERN const char *const ChemotaxisInitialTypes[];

/*E
  ChemotaxisScheme - how the system is integrated in time

$ CHEMOTAXIS_SCHEME_IMPLICIT - fully implicit (default): one residual with mass matrix diag(1, eps, eps), analytic Jacobian,
$                              TSROSW ra34pw2; eps = 0 (index-1 DAE, the limits) and blow-up runs
$ CHEMOTAXIS_SCHEME_IMEX     - additive Runge-Kutta IMEX (TSARKIMEX, eps > 0): the linear stiff part (diffusion of n, the
$                              c and w equations divided by eps) implicit and solved exactly per step stage by FFTW cosine
$                              transforms, the chemotactic drift explicit under a CFL bound

  Level: beginner

.seealso: `ChemotaxisSetScheme()`, `ChemotaxisSetCFL()`
E*/
typedef enum { CHEMOTAXIS_SCHEME_IMPLICIT, CHEMOTAXIS_SCHEME_IMEX } ChemotaxisScheme;
TESSERA_EXTERN const char *const ChemotaxisSchemes[];

/*S
  ChemotaxisForcingFn - Callback giving source terms added to the right-hand sides of the n, c and w equations (for
  manufactured solutions)

  Input Parameters:
+ dim - the space dimension
. t   - the time
. x   - the cell centre (dim entries)
- ctx - the user context

  Output Parameter:
. f - the sources of the n, c and w equations at (t, x), 3 entries

  Level: intermediate

.seealso: `ChemotaxisSetForcing()`
S*/
typedef PetscErrorCode (*ChemotaxisForcingFn)(PetscInt dim, PetscReal t, const PetscReal x[], PetscReal f[], void *ctx);

/*S
  ChemotaxisDensityFn - Callback giving the initial cell density n0(x) on the box [0, L]^dim

  Input Parameters:
+ dim - the space dimension
. x   - the cell centre (dim entries)
. L   - the side lengths of the box (dim entries)
- ctx - the user context

  Output Parameter:
. n - the density n0(x)

  Level: intermediate

.seealso: `ChemotaxisSetInitialState()`, `ChemotaxisProblemRegister()`
S*/
typedef PetscErrorCode (*ChemotaxisDensityFn)(PetscInt dim, const PetscReal x[], const PetscReal L[], PetscReal *n, void *ctx);

TESSERA_EXTERN PetscErrorCode ChemotaxisCreate(MPI_Comm comm, Chemotaxis *ct);
TESSERA_EXTERN PetscErrorCode ChemotaxisDestroy(Chemotaxis *ct);
TESSERA_EXTERN PetscErrorCode ChemotaxisReset(Chemotaxis ct);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetFromOptions(Chemotaxis ct);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetOptionsPrefix(Chemotaxis ct, const char prefix[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisAppendOptionsPrefix(Chemotaxis ct, const char prefix[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetOptionsPrefix(Chemotaxis ct, const char *prefix[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetUp(Chemotaxis ct);
TESSERA_EXTERN PetscErrorCode ChemotaxisView(Chemotaxis ct, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode ChemotaxisViewFromOptions(Chemotaxis ct, PetscObject obj, const char name[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetDimension(Chemotaxis ct, PetscInt dim);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetDimension(Chemotaxis ct, PetscInt *dim);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetGridSizes(Chemotaxis ct, PetscInt Mx, PetscInt My, PetscInt Mz);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetGridSizes(Chemotaxis ct, PetscInt M[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetDomain(Chemotaxis ct, const PetscReal L[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetDomain(Chemotaxis ct, PetscReal L[]);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetParameters(Chemotaxis ct, PetscReal eps, PetscReal tau);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetParameters(Chemotaxis ct, PetscReal *eps, PetscReal *tau);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetLimit(Chemotaxis ct, ChemotaxisLimit limit);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetLimit(Chemotaxis ct, ChemotaxisLimit *limit);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetScheme(Chemotaxis ct, ChemotaxisScheme scheme);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetScheme(Chemotaxis ct, ChemotaxisScheme *scheme);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetCFL(Chemotaxis ct, PetscReal cfl);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetFluxType(Chemotaxis ct, FVFluxType type);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetFluxType(Chemotaxis ct, FVFluxType *type);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetForcing(Chemotaxis ct, ChemotaxisForcingFn fn, void *ctx);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetBlowupThreshold(Chemotaxis ct, PetscReal max);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetBlowupFactor(Chemotaxis ct, PetscReal factor);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetBlowupTime(Chemotaxis ct, PetscReal *t);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetErrorControlSignals(Chemotaxis ct, PetscBool flg);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetDM(Chemotaxis ct, DM *da);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetTS(Chemotaxis ct, TS *ts);
TESSERA_EXTERN PetscErrorCode ChemotaxisCreateGlobalVector(Chemotaxis ct, Vec *U);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetInitialState(Chemotaxis ct, ChemotaxisDensityFn fn, void *ctx, ChemotaxisInitialType type, Vec U);
TESSERA_EXTERN PetscErrorCode ChemotaxisProjectToManifold(Chemotaxis ct, Vec U);
TESSERA_EXTERN PetscErrorCode ChemotaxisCheckState(Chemotaxis ct, Vec U);
TESSERA_EXTERN PetscErrorCode ChemotaxisSolve(Chemotaxis ct, Vec U);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetBlowup(Chemotaxis ct, PetscBool *blowup, const char **reason);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetMinimumDensity(Chemotaxis ct, PetscReal *nmin);
TESSERA_EXTERN PetscErrorCode ChemotaxisSetPositivityControl(Chemotaxis ct, PetscBool flg);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetPositivityRejections(Chemotaxis ct, PetscInt *nrej);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetMass(Chemotaxis ct, Vec U, PetscReal *mass);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetManifoldDistance(Chemotaxis ct, Vec U, PetscReal *dc, PetscReal *dw);
TESSERA_EXTERN PetscErrorCode ChemotaxisComputeDifferenceNorms(Chemotaxis ct, PetscInt field, Vec U, Vec V, PetscReal *l2, PetscReal *h1);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetMeans(Chemotaxis ct, Vec U, PetscReal mean[3]);
TESSERA_EXTERN PetscErrorCode ChemotaxisGetCellVolume(Chemotaxis ct, PetscReal *vol);
TESSERA_EXTERN PetscErrorCode ChemotaxisWriteState(Chemotaxis ct, PetscViewer viewer, const char group[], Vec U);
TESSERA_EXTERN PetscErrorCode ChemotaxisReadState(Chemotaxis ct, PetscViewer viewer, const char group[], Vec U, PetscReal *t, PetscReal *dt, PetscInt *step);

TESSERA_EXTERN PetscErrorCode ChemotaxisInitializePackage(void);

#endif
