/*
   chemotaxisimpl.h - private data of the Chemotaxis class.
*/
#if !defined(CHEMOTAXISIMPL_H)
  #define CHEMOTAXISIMPL_H

  #include <petsc/private/petscimpl.h>
  #include <petsc/private/tsimpl.h>
  #include <tesseraimpl.h>
  #include <tesserachemotaxis.h>
  #include <tesseraneumannfft.h>

typedef struct _ChemotaxisOps *ChemotaxisOps;
struct _ChemotaxisOps {
  PetscErrorCode (*setfromoptions)(Chemotaxis, PetscOptionItems *);
  PetscErrorCode (*setup)(Chemotaxis);
  PetscErrorCode (*view)(Chemotaxis, PetscViewer);
  PetscErrorCode (*reset)(Chemotaxis);
  PetscErrorCode (*destroy)(Chemotaxis);
};

struct _p_Chemotaxis {
  PETSCHEADER(struct _ChemotaxisOps);
  /* model */
  PetscReal        eps_user, tau_user; /* parameters as set by the user */
  PetscReal        eps, tau;           /* parameters solved for (after the limit is applied) */
  ChemotaxisLimit  limit;
  FVFluxType       flux;
  ChemotaxisScheme scheme;
  PetscReal        cfl;      /* IMEX: dt sum_d max |c_{i+e_d} - c_i| / h_d^2 <= cfl */
  PetscInt         ncflcaps; /* IMEX: steps of the last solve shortened by the CFL bound */
  /* grid: cell-centred on the box [0, L_0] x ... */
  PetscInt  dim, M[3];
  PetscReal L[3], h[3], vol; /* side lengths, cell widths, cell volume */
  /* forcing (manufactured solutions) */
  ChemotaxisForcingFn forcing;
  void               *forcingctx;
  /* solvers */
  DM        da;  /* dof 3: n, c, w */
  DM        da1; /* dof 1, same distribution */
  TS        ts;
  Mat       J;               /* analytic Jacobian sigma M + dF/dU */
  Mat       fftL, fftLtau;   /* (I - Lap_h)^{-1}, (I - tau Lap_h)^{-1} by cosine transforms */
  PetscBool fftpc;           /* precondition with the field split w, c (FFT solves), n */
  PetscBool fftpc_installed; /* the FFT shells are in place */
  PetscBool errsignals;      /* include c, w in the local error estimate (default: n only) */
  Vec       vatol, vrtol;    /* per-component tolerances installed on the TS (NULL: none yet) */
  Mat       pcw, pcc;        /* ((1 + sigma eps) I - tau Lap_h)^{-1}, ((1 + sigma eps) I - Lap_h)^{-1} */
  Mat       pcn;             /* IMEX: (sigma I - Lap_h)^{-1} */
  Mat       Jimex;           /* IMEX: shell sigma I - A of the linear stiff part A (applied through the IFunction) */
  Vec       imexwork;        /* IMEX: work vector of Jimex */
  PetscReal sigma;           /* IMEX: shift of the last IJacobian */
  Vec       s1, s2, s3;      /* scalar work vectors on da1 */
  /* monitoring */
  PetscReal blowup_user;                                                                                                              /* threshold on max n (0: blowup_factor times the initial max n) */
  PetscReal blowup_factor;                                                                                                            /* threshold relative to the initial max n when blowup_user = 0 */
  PetscReal blowup;                                                                                                                   /* threshold used */
  PetscBool blowup_capped;                                                                                                            /* the relative threshold exceeded mass / (4 |cell|) and was capped: grid too coarse */
  PetscReal tblowup;                                                                                                                  /* time at which max n reached the threshold (log-linear interpolation between steps) */
  PetscReal tprev, nmaxprev;                                                                                                          /* time and max n of the previous accepted step */
  PetscReal mass0;                                                                                                                    /* mass at the start of ChemotaxisSolve() */
  PetscReal nmin;                                                                                                                     /* smallest n over accepted steps */
  PetscBool positive;                                                                                                                 /* reject a step whose candidate has n < 0 (default) */
  PetscInt  nposrejects;                                                                                                              /* steps rejected for n < 0 in the last ChemotaxisSolve() */
  PetscErrorCode (*adaptchoose)(TSAdapt, TS, PetscReal, PetscInt *, PetscReal *, PetscBool *, PetscReal *, PetscReal *, PetscReal *); /* the wrapped TSAdapt choice */
  PetscBool blowup_detected;
  char      stopmsg[512];
  PetscBool user_dt;    /* -ts_dt given: keep the user's first step */
  PetscReal dt_default; /* first step set by ChemotaxisSetUp(); another value on the TS is the user's */
  PetscBool setfromoptionscalled, setupcalled;
};

/* relative size (to max n) of negative values of n taken for rounding errors of the linear solves by the positivity control */
  #define CHEMOTAXIS_ROUNDOFF 1e-14

TESSERA_INTERN PetscLogEvent CHEMOTAXIS_SetUp, CHEMOTAXIS_Solve, CHEMOTAXIS_Residual, CHEMOTAXIS_Jacobian, CHEMOTAXIS_IMEXSolve;

TESSERA_INTERN PetscErrorCode ChemotaxisIFunction_Private(TS, PetscReal, Vec, Vec, Vec, void *);
TESSERA_INTERN PetscErrorCode ChemotaxisIJacobian_Private(TS, PetscReal, Vec, Vec, PetscReal, Mat, Mat, void *);
TESSERA_INTERN PetscErrorCode ChemotaxisPostStep_Private(TS);
TESSERA_INTERN PetscErrorCode ChemotaxisSetUpFFTPC_Private(Chemotaxis);
TESSERA_INTERN PetscErrorCode ChemotaxisPreStep_Private(TS);
TESSERA_INTERN PetscErrorCode ChemotaxisSetUpIMEX_Private(Chemotaxis);
TESSERA_INTERN PetscErrorCode ChemotaxisCFLStep_Private(Chemotaxis, Vec, PetscReal *);

#endif
