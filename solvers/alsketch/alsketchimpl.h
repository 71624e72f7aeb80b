/*
   alsketchimpl.h - private data of TAOALSKETCH
*/
#if !defined(ALSKETCHIMPL_H)
  #define ALSKETCHIMPL_H

  #include <petsc/private/taoimpl.h>
  #include <tesseraimpl.h>
  #include <tesseraalsketch.h>

typedef struct {
  /* parameters (options -tao_alsketch_*) */
  TaoALSketchAccuracy            accuracy;
  PetscReal                      mu0, nu0, delta0; /* initial penalties and accuracy */
  PetscReal                      theta, thetapow;  /* theta_t = min(theta, ||grad L||^thetapow) (adaptive) */
  PetscReal                      xib, hessmodtol;  /* Hessian shift constant and threshold on lambda_min(Z^T H Z) */
  PetscBool                      hessmodtolset;    /* hessmodtol given: otherwise it applies with accuracy paper only */
  PetscReal                      beta, rho, bt;    /* Armijo constant, penalty factor, backtracking factor */
  PetscReal                      alphamin, deltamin;
  PetscReal                      jacguard;            /* lambda_min(G G^T) below this: regularize, or stop (TAO_DIVERGED_USER) */
  TaoALSketchJacobianGuardAction guard;               /* regularize or abort */
  PetscBool                      guardset;            /* the action was given (otherwise abort with the paper rule) */
  PetscBool                      guardabort;          /* the action of this solve is abort */
  PetscReal                      ulps;                /* the merit's round-off: ulps * eps * (|f| + |lambda^T c| + ...) */
  PetscInt                       stagmax;             /* round-off acceptances without halving the KKT residual before stagnation */
  TaoALSketchScaling             scaling;             /* automatic scaling of f and c */
  PetscBool                      scalingset;          /* given (otherwise none with the paper rule) */
  PetscReal                      gmax, gmin;          /* largest scaled gradient entry of the scaling rule; rows below gmin scaled up to it */
  PetscReal                      mumax, numin;        /* safeguards of the descent loop */
  PetscInt                       densemax;            /* dense checks (QR, eigenvalues) up to this n + m */
  PetscBool                      extend, extendset;   /* continue the inner solve when the model error is below its residual */
  PetscInt                       maxext;              /* most continuations per iteration */
  PetscReal                      tfinal;              /* continuations aim at tfinal * gatol */
  PetscReal                      extratio, extfactor; /* continue when ||r|| > extratio * model error, down to extfactor * model error */
  /* state */
  PetscReal                 mu, nu, delta, thetat;
  PetscReal                 kkt, cnorm, f;              /* of the scaled problem (the algorithm's) */
  PetscReal                 kktu, cnormu;               /* of the problem as given (monitor, stopping test) */
  Vec                       lam;                        /* multipliers of the scaled problem; tao->DE = dc lam / sf */
  PetscBool                 scaled;                     /* scaling active (sf != 1 or some dc != 1) */
  PetscReal                 sf;                         /* objective scale */
  PetscReal                 smin;                       /* min(1, sf, min dc): inner accuracy floors are multiplied by it */
  Vec                       dc;                         /* constraint scales */
  Mat                       Gs, Hs;                     /* scaled Jacobian and Hessian (when scaled) */
  Mat                       Gk, Hk;                     /* Jacobian and Hessian of the algorithm: Gs/Hs or the Tao's (aliases) */
  Mat                       C;                          /* -regc I, the (2,2) block of a regularized K */
  PetscReal                 regc;                       /* regularization of this iteration (0: none) */
  PetscInt                  nreg;                       /* regularized iterations of the run */
  PetscInt                  mumpsretry;                 /* MUMPS factorizations redone with a larger ICNTL(14) in this solve */
  PetscInt                  mumpsicntl14;               /* the raised ICNTL(14) (0: none), kept for the later factorizations of this solve */
  TaoALSketchTermination    term;                       /* type-specific reason of the end of the run */
  char                      termmsg[384];               /* what happened, for TaoView */
  PetscBool                 roundoff, stagnated;        /* this step accepted by the round-off rule; the run stagnated */
  PetscInt                  rostreak;                   /* consecutive round-off acceptances without halving the KKT residual */
  PetscReal                 rokkt;                      /* KKT residual at the start of the streak */
  Vec                       lam0;                       /* user's initial multipliers (or NULL: 0) */
  Vec                       gL, Hg, mx, ml, xt, lt;     /* grad_x L, H grad_x L, merit gradient parts, trial point */
  Vec                       gt, ct;                     /* gradient and constraints at the trial point */
  Vec                       cw;                         /* work, size m */
  Vec                       z, b, r, w;                 /* KKT step, right-hand side, residual, work (n + m) */
  IS                        isx, isl;                   /* positions of x and lambda in z */
  Mat                       K;                          /* KKT matrix of the current iteration */
  KSP                       ksp;                        /* inner solver, KSPSKETCH by default */
  KSP                       kspfb;                      /* fallback inner solver after repeated cap hits (GMRES) */
  PetscInt                  fbafter, capstreak, fbiter; /* cap hits before the switch, current streak, iteration of the switch */
  PetscBool                 usefb;
  PetscBool                 splitset;   /* the x and lambda blocks were given to a PCFIELDSPLIT */
  TaoALSketchInner          inner;      /* inner solver choice */
  PetscBool                 block;      /* this solve uses the block preconditioner */
  TaoALSketchSchurSetUpFn   schursetup; /* the problem's Schur approximation (or NULL) */
  TaoALSketchSchurApplyFn   schurapply;
  TaoALSketchSchurDestroyFn schurdestroy;
  void                     *schurctx;
  Vec                       bd, bx;                          /* diagonal of B and work (size n) of the block preconditioner */
  PetscReal                 ksptol;                          /* absolute residual tolerance installed in the KSP */
  PetscInt                  totalits;                        /* inner iterations over the run */
  PetscReal                 shift, xiG, normB, normH, normG; /* dense checks of the current iteration */
  /* the current outer iteration (shared by the _Private steps of TaoSolve_ALSketch) */
  PetscBool paper, preonly, useext;      /* paper rule; the inner KSP is preonly; continuation on */
  KSP       kspit;                       /* inner solver of this iteration, ksp or kspfb (alias: do not destroy) */
  PetscReal psi0, psi, ups;              /* paper rule: bound on ||K^-1||, psi0 ||K||_F, Upsilon */
  PetscReal bnorm, slope, rnorm, tauext; /* ||b||, merit slope along z, ||K z - b||, continuation target */
  PetscReal alpha;                       /* step size */
  PetscInt  its, passes, exts;           /* inner iterations, descent-test passes, continuations */
  PetscBool cap, accepted;               /* an inner solve ended at the cap; z passed the descent test */
  /* checkpoints (alsketchckpt.c) */
  char     ckfile[PETSC_MAX_PATH_LEN]; /* write a checkpoint here every ckinterval iterations ("" none) */
  PetscInt ckinterval;
  char     rsfile[PETSC_MAX_PATH_LEN]; /* the next TaoSolve() resumes from this checkpoint ("" none) */
  PetscInt rsiter;                     /* iteration of the checkpoint the last solve resumed from (-1: none) */
  char     rsfrom[PETSC_MAX_PATH_LEN]; /* and its file */
  /* history, one entry per iterate */
  PetscReal *hist[TAO_ALSKETCH_HISTORY_NFIELDS];
  PetscInt   hlen, hmax;
} TAO_ALSKETCH;

TESSERA_INTERN PetscLogEvent TAOALSKETCH_KKT, TAOALSKETCH_LS, TAOALSKETCH_Dense, TAOALSKETCH_Checkpoint;

TESSERA_INTERN PetscErrorCode TaoALSketchDenseChecks_Private(Tao, Mat, Mat);
TESSERA_INTERN PetscErrorCode TaoALSketchAssembleKKT_Private(Tao, Mat, Mat);
TESSERA_INTERN PetscErrorCode TaoALSketchMeritGradient_Private(Tao, Mat, Mat, Vec, Vec, Vec, PetscReal, PetscReal, Vec, Vec);
TESSERA_INTERN PetscErrorCode TaoALSketchHistoryPush_Private(Tao, const PetscReal[]);
TESSERA_INTERN PetscErrorCode TaoALSketchEvaluate_Private(Tao, Vec, Vec, PetscReal *, Vec, Vec, Vec);
TESSERA_INTERN PetscErrorCode TaoALSketchSyncDual_Private(Tao);
TESSERA_INTERN PetscErrorCode TaoALSketchKKTNorm_Private(Tao, Vec, Vec);
TESSERA_INTERN PetscErrorCode TaoALSketchMonitor_Private(Tao, PetscReal);
TESSERA_INTERN PetscErrorCode TaoALSketchCheckpointWrite_Private(Tao);
TESSERA_INTERN PetscErrorCode TaoALSketchRestart_Private(Tao);
TESSERA_INTERN PetscErrorCode TaoALSketchSetCheckpoint_ALSketch(Tao, const char[], PetscInt);
TESSERA_INTERN PetscErrorCode TaoALSketchSetRestart_ALSketch(Tao, const char[]);

#endif
