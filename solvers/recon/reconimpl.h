/*
   reconimpl.h - private data of the Recon class (never installed)
*/
#if !defined(RECONIMPL_H)
  #define RECONIMPL_H

  #include <tesseraimpl.h>
  #include <tesserarecon.h>

  #include <math.h>

  #define MAXRECONMONITORS 5
  #define RECON_NAN        ((PetscReal)NAN) /* an entry not computed */

typedef struct _ReconOps *ReconOps;
struct _ReconOps {
  PetscErrorCode (*setup)(Recon);
  PetscErrorCode (*solve)(Recon);
  PetscErrorCode (*setfromoptions)(Recon, TESSERA_OPTIONS_ITEMS);
  PetscErrorCode (*view)(Recon, PetscViewer);
  PetscErrorCode (*reset)(Recon);
  PetscErrorCode (*destroy)(Recon);
  PetscErrorCode (*checkpoint)(Recon, PetscViewer, PetscBool); /* write (PETSC_FALSE) or load (PETSC_TRUE) the type's state */
};

struct _p_Recon {
  PETSCHEADER(struct _ReconOps);

  /* problem: g = A f, f = P frames of N x N (A's column layout, split by whole frames), g in A's row layout */
  Mat       A;        /* forward operator (reference) */
  PetscInt  N, P;     /* image side, frames */
  PetscInt *rows;     /* data rows of each frame [P] (user's, or from the Radon geometry) */
  Vec       g;        /* data (reference) */
  Denoiser  denoiser; /* RED denoiser (created on demand, prefix inherited) */

  /* derived in ReconSetUp() */
  PetscInt   t0, t1;   /* frames owned by this rank */
  PetscInt  *rowframe; /* frame of each local data row */
  PetscReal *mask;     /* circular field of view [N*N], 1 inside, 0 outside */
  Vec        f;        /* the reconstruction */

  /* control */
  PetscInt      max_it;
  PetscReal     rtol;
  ReconMetricFn metric; /* PSNR/SSIM (or other) of the iterates, logged in the history (may be NULL) */
  void         *metricctx;

  /* checkpoints */
  char     checkpoint[PETSC_MAX_PATH_LEN]; /* file written every checkpoint_interval iterations ("" : none) */
  PetscInt checkpoint_interval;
  char     resume[PETSC_MAX_PATH_LEN]; /* checkpoint to resume from at the next solve ("" : start afresh) */

  /* monitors */
  ReconMonitorFn monitor[MAXRECONMONITORS];
  void          *monitorctx[MAXRECONMONITORS];
  PetscErrorCode (*monitordestroy[MAXRECONMONITORS])(void **);
  PetscInt numbermonitors;

  /* state of the last solve */
  PetscInt             its;
  ReconConvergedReason reason;
  PetscLogDouble       tstart, tsolve;

  /* history [max_it + 1]: objective (augmented Lagrangian), primal/dual residuals, PSNR, SSIM (NaN when not
     computed), wall time since the start of the solve */
  PetscReal *hist_obj, *hist_rp, *hist_rd, *hist_psnr, *hist_ssim, *hist_time;
  PetscInt   hist_len;

  PetscBool setupcalled;
  void     *data;
};

TESSERA_INTERN PetscLogEvent RECON_SetUp, RECON_Solve, RECON_Init, RECON_Spatial, RECON_Temporal, RECON_Denoise;

TESSERA_INTERN PetscErrorCode ReconLogIteration_Private(Recon, PetscReal, PetscReal, PetscReal, PetscBool *);
TESSERA_INTERN PetscErrorCode ReconApplyMask_Private(Recon, Vec);
TESSERA_INTERN PetscErrorCode ReconCheckpoint_Private(Recon, PetscBool);

TESSERA_INTERN PetscErrorCode ReconCreate_REDPSM(Recon);
TESSERA_INTERN PetscErrorCode ReconCreate_PSM(Recon);
TESSERA_INTERN PetscErrorCode ReconCreate_FBP(Recon);
TESSERA_INTERN PetscErrorCode ReconCreate_TV(Recon);

#endif
