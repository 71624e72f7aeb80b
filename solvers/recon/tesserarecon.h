/*
   tesserarecon.h - the Recon class: dynamic image reconstruction from per-frame linear measurements
   g_t = A_t f_t + noise (Radon projections, MRI k-space lines), f a time series of N x N frames.

   Types: RECONREDPSM (RED-PSM: partially separable model f = Lambda Psi^T regularised by a denoiser, scaled
   ADMM with exact block solves), RECONPSM (the partially separable model alone), RECONFBP (per-frame filtered
   back-projection, or the adjoint for a non-Radon operator), RECONTV (space-time total variation, Chambolle-Pock).
*/
#if !defined(TESSERARECON_H)
  #define TESSERARECON_H

  #include <petscmat.h>
  #include <petscviewer.h>
  #include <tesserasys.h>
  #include <tesseradenoiser.h>

/* SUBMANSEC = Recon */

/*S
  Recon - Abstract tessera object that reconstructs a dynamic image (a time series of frames) from data

  Level: beginner

.seealso: `ReconCreate()`, `ReconSetType()`, `ReconType`, `ReconSolve()`
S*/
typedef struct _p_Recon *Recon;

/*J
  ReconType - String with the name of a reconstruction method

  Level: beginner

.seealso: `ReconSetType()`, `Recon`
J*/
typedef const char *ReconType;
  #define RECONREDPSM "redpsm"
  #define RECONPSM    "psm"
  #define RECONFBP    "fbp"
  #define RECONTV     "tv"

/*E
  ReconConvergedReason - Why `ReconSolve()` stopped

  Level: beginner

.seealso: `ReconGetConvergedReason()`, `ReconSetTolerances()`
E*/
typedef enum {
  RECON_DIVERGED_NAN        = -3, /* an objective or residual is not finite */
  RECON_DIVERGED_MAXIT      = -2, /* max_it reached before the tolerance */
  RECON_DIVERGED_INNER      = -1, /* an inner solver failed */
  RECON_CONVERGED_ITERATING = 0,
  RECON_CONVERGED_RTOL      = 1, /* relative primal and dual residuals <= rtol */
  RECON_CONVERGED_ITS       = 2  /* the requested number of iterations was run (rtol = 0), or a direct method */
} ReconConvergedReason;
TESSERA_EXTERN const char *const *ReconConvergedReasons;

/*E
  ReconPSMInterpolation - How the temporal basis Psi = U Z interpolates its d latent knots

  Level: intermediate

.seealso: `ReconPSMSetBasis()`
E*/
typedef enum { RECON_PSM_HERMITE, RECON_PSM_LINEAR } ReconPSMInterpolation;
TESSERA_EXTERN const char *const ReconPSMInterpolations[];

/*E
  ReconPSMInitType - How the partially separable model is started

  Level: intermediate

.seealso: `ReconPSMSetInitType()`
E*/
typedef enum {
  RECON_PSM_INIT_PROJECTION, /* sinogram-domain PSM by alternating least squares, basis sinograms back-projected (Radon only) */
  RECON_PSM_INIT_LSQ,        /* cosine temporal basis, spatial basis by a least-squares solve */
  RECON_PSM_INIT_USER        /* factors set with ReconPSMSetFactors() */
} ReconPSMInitType;
TESSERA_EXTERN const char *const ReconPSMInitTypes[];

/*E
  ReconREDPSMInner - How RED-PSM solves its (Lambda, Z) block

  Level: intermediate

.seealso: `ReconREDPSMSetInner()`
E*/
typedef enum {
  RECON_REDPSM_INNER_EXACT, /* Lambda by CG on its normal equations, Z by a dense solve */
  RECON_REDPSM_INNER_ADAM   /* the authors' Adam steps on (Lambda, Z) jointly, persistent moments */
} ReconREDPSMInner;
TESSERA_EXTERN const char *const ReconREDPSMInners[];

/*S
  ReconMonitorFn - Callback called at every outer iteration of `ReconSolve()`

  Input Parameters:
+ recon   - the solver
. it      - the iteration (0: the starting point)
. obj     - the objective (RED-PSM: the augmented Lagrangian; NaN at it = 0)
. rprimal - the relative primal residual ||Lambda Psi^T - f|| / ||f|| (PSM: relative change of the model)
. rdual   - the relative dual residual ||X_k - X_{k-1}|| / ||X_k||, X = Lambda Psi^T
- ctx     - the user context

  Level: intermediate

.seealso: `ReconMonitorSet()`, `ReconMonitorDefault()`
S*/
typedef PetscErrorCode (*ReconMonitorFn)(Recon recon, PetscInt it, PetscReal obj, PetscReal rprimal, PetscReal rdual, void *ctx);

/*S
  ReconMetricFn - Callback that measures the reconstruction (e.g. PSNR and SSIM against a ground truth) at every
  logged iteration

  Input Parameters:
+ recon - the solver
. f     - the current reconstruction
. it    - the iteration (0: the start)
- ctx   - the user context

  Output Parameters:
+ psnr - first value to log (e.g. PSNR in dB)
- ssim - second value to log (e.g. SSIM), NaN where it is not computed

  Level: intermediate

.seealso: `ReconSetMetric()`, `ReconGetHistory()`
S*/
typedef PetscErrorCode (*ReconMetricFn)(Recon recon, Vec f, PetscInt it, PetscReal *psnr, PetscReal *ssim, void *ctx);

TESSERA_EXTERN PetscClassId RECON_CLASSID;

TESSERA_EXTERN PetscErrorCode ReconInitializePackage(void);
TESSERA_EXTERN PetscErrorCode ReconRegister(const char[], PetscErrorCode (*)(Recon));
TESSERA_EXTERN PetscErrorCode ReconCreate(MPI_Comm, Recon *);
TESSERA_EXTERN PetscErrorCode ReconSetType(Recon, ReconType);
TESSERA_EXTERN PetscErrorCode ReconGetType(Recon, ReconType *);
TESSERA_EXTERN PetscErrorCode ReconSetOptionsPrefix(Recon, const char[]);
TESSERA_EXTERN PetscErrorCode ReconAppendOptionsPrefix(Recon, const char[]);
TESSERA_EXTERN PetscErrorCode ReconGetOptionsPrefix(Recon, const char *[]);
TESSERA_EXTERN PetscErrorCode ReconSetFromOptions(Recon);
TESSERA_EXTERN PetscErrorCode ReconSetUp(Recon);
TESSERA_EXTERN PetscErrorCode ReconSolve(Recon);
TESSERA_EXTERN PetscErrorCode ReconView(Recon, PetscViewer);
TESSERA_EXTERN PetscErrorCode ReconViewFromOptions(Recon, PetscObject, const char[]);
TESSERA_EXTERN PetscErrorCode ReconReset(Recon);
TESSERA_EXTERN PetscErrorCode ReconDestroy(Recon *);

TESSERA_EXTERN PetscErrorCode ReconSetOperator(Recon, Mat, PetscInt, PetscInt, const PetscInt[]);
TESSERA_EXTERN PetscErrorCode ReconGetOperator(Recon, Mat *, PetscInt *, PetscInt *);
TESSERA_EXTERN PetscErrorCode ReconSetData(Recon, Vec);
TESSERA_EXTERN PetscErrorCode ReconSetMetric(Recon, ReconMetricFn, void *);
TESSERA_EXTERN PetscErrorCode ReconSetDenoiser(Recon, Denoiser);
TESSERA_EXTERN PetscErrorCode ReconGetDenoiser(Recon, Denoiser *);
TESSERA_EXTERN PetscErrorCode ReconGetSolution(Recon, Vec *);
TESSERA_EXTERN PetscErrorCode ReconCreateFrameMask(Recon, Vec *);

TESSERA_EXTERN PetscErrorCode ReconSetTolerances(Recon, PetscReal, PetscInt);
TESSERA_EXTERN PetscErrorCode ReconGetTolerances(Recon, PetscReal *, PetscInt *);
TESSERA_EXTERN PetscErrorCode ReconMonitorSet(Recon, ReconMonitorFn, void *, PetscErrorCode (*)(void **));
TESSERA_EXTERN PetscErrorCode ReconMonitorCancel(Recon);
TESSERA_EXTERN PetscErrorCode ReconMonitorDefault(Recon, PetscInt, PetscReal, PetscReal, PetscReal, void *);
TESSERA_EXTERN PetscErrorCode ReconGetConvergedReason(Recon, ReconConvergedReason *);
TESSERA_EXTERN PetscErrorCode ReconGetIterationNumber(Recon, PetscInt *);
TESSERA_EXTERN PetscErrorCode ReconGetHistory(Recon, const PetscReal *[], const PetscReal *[], const PetscReal *[], const PetscReal *[], const PetscReal *[], const PetscReal *[], PetscInt *);
TESSERA_EXTERN PetscErrorCode ReconGetSolveTime(Recon, PetscLogDouble *);
TESSERA_EXTERN PetscErrorCode ReconSetCheckpoint(Recon, const char[], PetscInt);
TESSERA_EXTERN PetscErrorCode ReconSetResume(Recon, const char[]);

TESSERA_EXTERN PetscErrorCode ReconPSMSetRank(Recon, PetscInt);
TESSERA_EXTERN PetscErrorCode ReconPSMGetRank(Recon, PetscInt *);
TESSERA_EXTERN PetscErrorCode ReconPSMSetBasis(Recon, PetscInt, ReconPSMInterpolation);
TESSERA_EXTERN PetscErrorCode ReconPSMSetRegularization(Recon, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode ReconPSMSetInitType(Recon, ReconPSMInitType);
TESSERA_EXTERN PetscErrorCode ReconPSMSetFactors(Recon, Vec, const PetscReal[]);
TESSERA_EXTERN PetscErrorCode ReconPSMGetFactors(Recon, Vec *, const PetscReal *[], const PetscReal *[]);
TESSERA_EXTERN PetscErrorCode ReconPSMGetModel(Recon, Vec *);
TESSERA_EXTERN PetscErrorCode ReconPSMComputeInterpolation(PetscInt, PetscInt, ReconPSMInterpolation, PetscReal[]);
TESSERA_EXTERN PetscErrorCode ReconREDPSMSetPenalty(Recon, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode ReconREDPSMSetInner(Recon, ReconREDPSMInner);

#endif
