/*
   bilevelimpl.h - private data of the Bilevel class (never installed)
*/
#if !defined(BILEVELIMPL_H)
  #define BILEVELIMPL_H

  #include <tesseraimpl.h>
  #include <tesserabilevel.h>

  #define MAXBILEVELMONITORS 5

typedef struct _BilevelOps      *BilevelOps;
typedef struct _n_BilevelProjQP *BilevelProjQP; /* built-in projection onto C (bilevelproj.c) */
struct _BilevelOps {
  PetscErrorCode (*setup)(Bilevel);
  PetscErrorCode (*solve)(Bilevel);
  PetscErrorCode (*setfromoptions)(Bilevel, TESSERA_OPTIONS_ITEMS);
  PetscErrorCode (*view)(Bilevel, PetscViewer);
  PetscErrorCode (*reset)(Bilevel);
  PetscErrorCode (*destroy)(Bilevel);
  PetscErrorCode (*checkpointwrite)(Bilevel, PetscViewer, const char[]); /* the type's state into a group */
  PetscErrorCode (*checkpointread)(Bilevel, PetscViewer, const char[]);
};

struct _p_Bilevel {
  PETSCHEADER(struct _BilevelOps);

  /* variables: x (upper level, size n), y (lower level, size m); references to the user's Vecs */
  Vec x, y;

  /* user callbacks and their output Vecs (user's or duplicated in BilevelSetUp()) */
  BilevelObjectiveFn         upper;
  void                      *upperctx;
  Vec                        Fx, Fy; /* gradient of F */
  BilevelObjectiveFn         lower;
  void                      *lowerctx;
  Vec                        fx, fy; /* gradient of f */
  BilevelConstraintFn        cons;
  void                      *consctx;
  Vec                        g; /* constraint values, size l (NULL: no lower-level constraints) */
  BilevelConstraintType      ctype;
  BilevelJacobianTransposeFn jact;
  void                      *jactctx;
  Vec                        jx, jy;  /* sum_i lambda_i grad g_i */
  Vec                        xl, xu;  /* bounds of x (NULL: none) */
  Vec                        lambda0; /* initial multipliers of the lower-level constraints (NULL: the type's default) */
  BilevelProjectionFn        proj;
  void                      *projctx;
  PetscBool                  projbuiltin; /* LV-HBA without a projection: the built-in one for affine g (default) */
  BilevelProjQP              pqp;         /* its state (NULL: not installed) */
  BilevelLowerProjectionFn   projlower;
  void                      *projlowerctx;
  BilevelHessianProductFn    hess;
  void                      *hessctx;
  Vec                        hx, hy; /* Hessian-vector products: hx = grad_xy f v, hy = grad_yy f v */
  BilevelHessianProductFn    uhess;  /* upper-level Hessian products grad_xy F v, grad_yy F v (NULL: differences) */
  void                      *uhessctx;
  Vec                        uhx, uhy;      /* their output Vecs */
  Vec                        fdx, fdy, fdw; /* work Vecs of the finite-difference Hessian products */
  PetscBool                  hess_fd;       /* use finite differences even when a callback is set */
  PetscReal                  hess_fd_h;     /* relative finite-difference step */

  /* control */
  PetscInt  max_it;
  PetscBool max_it_set;         /* max_it given by the user; otherwise the type's default (set by its create routine) */
  PetscReal atol, rtol;         /* residual: converged when res <= max(atol, rtol res0); rtol PETSC_DEFAULT: the type's */
  PetscReal rtol_default;       /* default rtol of the type (set by its create routine) */
  PetscReal gap_atol, gap_rtol; /* gap: converged when |gap| <= max(gap_atol, gap_rtol |f|) */

  /* monitors and convergence test */
  BilevelMonitorFn monitor[MAXBILEVELMONITORS];
  void            *monitorctx[MAXBILEVELMONITORS];
  PetscErrorCode (*monitordestroy[MAXBILEVELMONITORS])(void **);
  PetscInt                 numbermonitors;
  BilevelConvergenceTestFn converged;
  void                    *cnvctx;

  /* state of the last solve */
  PetscInt               its;
  PetscReal              Fval, fval, res, gap;
  PetscReal              res0;   /* reference of rtol: the type's (LV-HBA: |grad F| at the start) or the first residual; negative before it */
  PetscReal              gapref; /* reference of gap_rtol set by the type (BO-REP: |y|); negative: |f(x, y)| */
  BilevelConvergedReason reason;
  PetscLogDouble         tstart;

  /* history, allocated in BilevelSetUp() with max_it + 1 entries */
  PetscReal *hist_F, *hist_f, *hist_res, *hist_gap, *hist_time;
  PetscInt   hist_len, hist_max;

  /* counters */
  PetscInt nupper, nlower, ncons, njact, nproj, nhess;

  /* checkpoints (bilevelckpt.c) */
  char      ckfile[PETSC_MAX_PATH_LEN]; /* write a checkpoint here every ckinterval iterations ("" none) */
  PetscInt  ckinterval;
  char      rsfile[PETSC_MAX_PATH_LEN]; /* the next solve resumes from this checkpoint ("" none) */
  PetscBool resumed;                    /* this solve resumed from a checkpoint: the type skips its start */
  PetscInt  rsiter;                     /* iteration the last solve resumed at (-1: none) */
  char      rsfrom[PETSC_MAX_PATH_LEN]; /* and its file */

  PetscBool setupcalled;
  void     *data;
};

TESSERA_EXTERN PetscLogEvent BILEVEL_SetUp, BILEVEL_Solve, BILEVEL_Project, BILEVEL_HessMult, BILEVEL_Checkpoint;

TESSERA_INTERN PetscErrorCode BilevelComputeUpper_Private(Bilevel, Vec, Vec, PetscReal *, Vec, Vec);
TESSERA_INTERN PetscErrorCode BilevelComputeLower_Private(Bilevel, Vec, Vec, PetscReal *, Vec, Vec);
TESSERA_INTERN PetscErrorCode BilevelComputeConstraints_Private(Bilevel, Vec, Vec, Vec);
TESSERA_INTERN PetscErrorCode BilevelComputeJacobianTranspose_Private(Bilevel, Vec, Vec, Vec, Vec, Vec);
TESSERA_INTERN PetscErrorCode BilevelProjectLower_Private(Bilevel, Vec);
TESSERA_INTERN PetscErrorCode BilevelClipUpper_Private(Bilevel, Vec);
TESSERA_INTERN PetscBool      BilevelResidualConverged_Private(Bilevel, PetscReal);
TESSERA_INTERN PetscReal      BilevelGetRTol_Private(Bilevel);
TESSERA_INTERN PetscBool      BilevelGapConverged_Private(Bilevel, PetscReal, PetscReal);
TESSERA_INTERN PetscErrorCode BilevelLogIteration_Private(Bilevel, PetscReal, PetscReal, PetscReal, PetscReal);
TESSERA_INTERN PetscErrorCode BilevelCheckpoint_Private(Bilevel);
TESSERA_INTERN PetscErrorCode BilevelRestart_Private(Bilevel);
TESSERA_INTERN PetscErrorCode BilevelCheckpointWriteState_Private(Bilevel, PetscViewer, const char[], PetscInt, const PetscReal[], PetscInt, Vec[], const char *const[]);
TESSERA_INTERN PetscErrorCode BilevelCheckpointReadState_Private(Bilevel, PetscViewer, const char[], PetscInt, PetscReal[], PetscInt, Vec[], const char *const[]);
TESSERA_INTERN PetscErrorCode BilevelEstimateNorm_Private(Bilevel, PetscInt, PetscErrorCode (*)(Bilevel, Vec, Vec, void *), Vec, Vec, void *, PetscReal *);

TESSERA_INTERN PetscErrorCode BilevelConstraintsAffine_Private(Bilevel, PetscBool *);
TESSERA_INTERN PetscErrorCode BilevelProjectionSetUpBuiltin_Private(Bilevel);
TESSERA_INTERN PetscErrorCode BilevelProjectionResetBuiltin_Private(Bilevel);
TESSERA_INTERN PetscErrorCode BilevelProjectionViewBuiltin_Private(Bilevel, PetscViewer);

TESSERA_INTERN PetscErrorCode BilevelCreate_LVHBA(Bilevel);
TESSERA_INTERN PetscErrorCode BilevelCreate_BOREP(Bilevel);
TESSERA_INTERN PetscErrorCode BilevelCreate_Implicit(Bilevel);

#endif
