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
TESSERA_EXTERN PetscErrorCode ReconRegister(const char name[], PetscErrorCode (*create)(Recon));
TESSERA_EXTERN PetscErrorCode ReconCreate(MPI_Comm comm, Recon *newrecon);
TESSERA_EXTERN PetscErrorCode ReconSetType(Recon recon, ReconType type);
TESSERA_EXTERN PetscErrorCode ReconGetType(Recon recon, ReconType *type);
TESSERA_EXTERN PetscErrorCode ReconSetOptionsPrefix(Recon recon, const char prefix[]);
TESSERA_EXTERN PetscErrorCode ReconAppendOptionsPrefix(Recon recon, const char prefix[]);
TESSERA_EXTERN PetscErrorCode ReconGetOptionsPrefix(Recon recon, const char *prefix[]);
TESSERA_EXTERN PetscErrorCode ReconSetFromOptions(Recon recon);
TESSERA_EXTERN PetscErrorCode ReconSetUp(Recon recon);
TESSERA_EXTERN PetscErrorCode ReconSolve(Recon recon);
TESSERA_EXTERN PetscErrorCode ReconView(Recon recon, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode ReconViewFromOptions(Recon recon, PetscObject obj, const char name[]);
TESSERA_EXTERN PetscErrorCode ReconReset(Recon recon);
TESSERA_EXTERN PetscErrorCode ReconDestroy(Recon *recon);

TESSERA_EXTERN PetscErrorCode ReconSetOperator(Recon recon, Mat A, PetscInt N, PetscInt P, const PetscInt rows[]);
TESSERA_EXTERN PetscErrorCode ReconGetOperator(Recon recon, Mat *A, PetscInt *N, PetscInt *P);
TESSERA_EXTERN PetscErrorCode ReconSetData(Recon recon, Vec g);
TESSERA_EXTERN PetscErrorCode ReconSetMetric(Recon recon, ReconMetricFn metric, void *ctx);
TESSERA_EXTERN PetscErrorCode ReconSetDenoiser(Recon recon, Denoiser denoiser);
TESSERA_EXTERN PetscErrorCode ReconGetDenoiser(Recon recon, Denoiser *denoiser);
TESSERA_EXTERN PetscErrorCode ReconGetSolution(Recon recon, Vec *f);
TESSERA_EXTERN PetscErrorCode ReconCreateFrameMask(Recon recon, Vec *mask);

TESSERA_EXTERN PetscErrorCode ReconSetTolerances(Recon recon, PetscReal rtol, PetscInt max_it);
TESSERA_EXTERN PetscErrorCode ReconGetTolerances(Recon recon, PetscReal *rtol, PetscInt *max_it);
TESSERA_EXTERN PetscErrorCode ReconMonitorSet(Recon recon, ReconMonitorFn monitor, void *ctx, PetscErrorCode (*monitordestroy)(void **));
TESSERA_EXTERN PetscErrorCode ReconMonitorCancel(Recon recon);
TESSERA_EXTERN PetscErrorCode ReconMonitorDefault(Recon recon, PetscInt it, PetscReal obj, PetscReal rprimal, PetscReal rdual, void *ctx);
TESSERA_EXTERN PetscErrorCode ReconGetConvergedReason(Recon recon, ReconConvergedReason *reason);
TESSERA_EXTERN PetscErrorCode ReconGetIterationNumber(Recon recon, PetscInt *its);
TESSERA_EXTERN PetscErrorCode ReconGetHistory(Recon recon, const PetscReal *obj[], const PetscReal *rp[], const PetscReal *rd[], const PetscReal *psnr[], const PetscReal *ssim[], const PetscReal *time[], PetscInt *n);
TESSERA_EXTERN PetscErrorCode ReconGetSolveTime(Recon recon, PetscLogDouble *t);
TESSERA_EXTERN PetscErrorCode ReconSetCheckpoint(Recon recon, const char file[], PetscInt interval);
TESSERA_EXTERN PetscErrorCode ReconSetResume(Recon recon, const char file[]);

TESSERA_EXTERN PetscErrorCode ReconPSMSetRank(Recon recon, PetscInt K);
TESSERA_EXTERN PetscErrorCode ReconPSMGetRank(Recon recon, PetscInt *K);
TESSERA_EXTERN PetscErrorCode ReconPSMSetBasis(Recon recon, PetscInt d, ReconPSMInterpolation interp);
TESSERA_EXTERN PetscErrorCode ReconPSMSetRegularization(Recon recon, PetscReal xi, PetscReal chi);
TESSERA_EXTERN PetscErrorCode ReconPSMSetInitType(Recon recon, ReconPSMInitType init);
TESSERA_EXTERN PetscErrorCode ReconPSMSetFactors(Recon recon, Vec lam, const PetscReal Z[]);
TESSERA_EXTERN PetscErrorCode ReconPSMGetFactors(Recon recon, Vec *lam, const PetscReal *Z[], const PetscReal *Psi[]);
TESSERA_EXTERN PetscErrorCode ReconPSMGetModel(Recon recon, Vec *X);
TESSERA_EXTERN PetscErrorCode ReconPSMComputeInterpolation(PetscInt P, PetscInt d, ReconPSMInterpolation interp, PetscReal U[]);
TESSERA_EXTERN PetscErrorCode ReconREDPSMSetPenalty(Recon recon, PetscReal lambda, PetscReal beta);
TESSERA_EXTERN PetscErrorCode ReconREDPSMSetInner(Recon recon, ReconREDPSMInner inner);

#endif
