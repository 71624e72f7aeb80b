/*
   atomimpl.h - private data of the Atom class.
*/
#if !defined(ATOMIMPL_H)
  #define ATOMIMPL_H

  #include <tesseraimpl.h>
  #include <tesseraatom.h>

  #define ATOM_MAX_L 6

/* the Kohn-Sham SCF state on a quadrature grid, shared by the models (atomscf.c) */
typedef struct {
  RadialFE         fe; /* the grid (not owned) */
  RadialPoisson    ps; /* Hartree solver on the grid (NULL without interaction) */
  PetscInt         nqt;
  const PetscReal *r, *w;                             /* points and weights of the grid */
  PetscReal       *vin, *vout, *vh, *vxc, *exc, *rho; /* V_H + V_xc in and out, their parts, e_xc, 4 pi r^2 n */
  PetscReal       *DX, *DF, *xold, *fold, *eold;      /* Anderson history, last eigenvalues */
  PetscInt         nhist, hpos;
} AtomSCF;

typedef struct _AtomOps *AtomOps;
struct _AtomOps {
  PetscErrorCode (*setfromoptions)(Atom, TESSERA_OPTIONS_ITEMS);
  PetscErrorCode (*setup)(Atom);
  PetscErrorCode (*solve)(Atom);
  PetscErrorCode (*view)(Atom, PetscViewer);
  PetscErrorCode (*reset)(Atom);
  PetscErrorCode (*destroy)(Atom);
  PetscErrorCode (*evaluate)(Atom, PetscInt, const PetscReal[], PetscReal[], PetscReal[]);
  PetscErrorCode (*tail)(Atom, PetscInt, PetscReal *); /* max |P| on [0.9 rmax, rmax] / max |P| of orbital k */
};

struct _p_Atom {
  PETSCHEADER(struct _AtomOps);
  /* problem */
  PetscInt   Z;
  AtomXCType xc;
  char       config[512];  /* configuration; empty: the NIST ground state of Z */
  PetscInt   hnmax;        /* hydrogen-like problem: all (n, l) with n <= hnmax */
  PetscBool  relativistic; /* set by the model: orbitals (n, kappa) instead of (n, l) */
  PetscReal  c;            /* speed of light (relativistic models) */
  PetscReal  r0;           /* radius of the first element (relativistic models) */
  /* discretisation */
  PetscReal           rmax, ratio; /* mesh radius, last/first element length ratio */
  PetscReal           rmaxpreset;  /* rmax of the preset */
  PetscBool           rmaxset;     /* rmax set by the user (else hydrogen-like runs enlarge it to hold every state) */
  PetscInt            ne, p, nq;   /* elements, order, quadrature points per element (PETSC_DEFAULT: 2p + 1) */
  PetscInt            porder;      /* Poisson polynomial order (PETSC_DEFAULT: 2p) */
  AtomEigenSolverType eigen;
  PetscBool           renorm;   /* normalise the orbitals by Gauss quadrature for the density */
  PetscBool           rayleigh; /* eigenvalues as Rayleigh quotients of the computed eigenvectors */
  PetscBool           ldlt;     /* shift-and-invert with the symmetric band LDL^T (pivoted LU on growth) */
  PetscReal           refine;   /* warm start: accept the eigenpair once the shift update is below this (Ha) */
  PetscReal           warm;     /* warm-start the eigensolves once the eigenvalues change less than this */
  /* SCF */
  PetscReal  tol; /* eigenvalue and total-energy change between iterations */
  PetscInt   max_it;
  PetscReal  mix_alpha; /* Anderson/Pulay damping */
  PetscInt   mix_history;
  PetscReal *vinit; /* initial V_H + V_xc at the quadrature points (restart), or NULL */
  PetscInt   nvinit;
  PetscErrorCode (*monitor)(Atom, PetscInt, PetscReal, PetscReal, void *);
  void *monitorctx;
  PetscErrorCode (*monitordestroy)(void **);
  /* orbitals: input (n, l, occupation) and results */
  PetscInt  norb;
  PetscInt  n[ATOM_MAX_ORBITALS], l[ATOM_MAX_ORBITALS], kappa[ATOM_MAX_ORBITALS]; /* kappa = 0: non-relativistic */
  PetscReal occ[ATOM_MAX_ORBITALS], eig[ATOM_MAX_ORBITALS];
  /* results */
  PetscReal           etot, residual;
  PetscInt            its;
  AtomConvergedReason reason;
  PetscBool           setupcalled;
  RadialFE            fe;  /* the discretisation of the type (do not destroy) */
  PetscInt            nqt; /* number of quadrature points */
  PetscReal          *vin; /* SCF input V_H + V_xc at the quadrature points (do not destroy) */
  void               *data;
};

TESSERA_EXTERN PetscErrorCode AtomCreate_Schroedinger(Atom);
TESSERA_EXTERN PetscErrorCode AtomCreate_Dirac(Atom);
TESSERA_INTERN PetscInt       AtomBandFactor_Private(PetscInt, PetscInt, const PetscReal[], PetscBool, PetscReal[], PetscInt[], PetscBool *);
TESSERA_INTERN void           AtomBandSolve_Private(PetscInt, PetscInt, PetscBool, const PetscReal[], const PetscInt[], PetscReal[]);
TESSERA_INTERN PetscErrorCode AtomRegisterAll(void);
TESSERA_INTERN PetscErrorCode AtomSCFCreate_Private(Atom, RadialFE, AtomSCF *);
TESSERA_INTERN PetscErrorCode AtomSCFDestroy_Private(Atom, AtomSCF *);
TESSERA_INTERN PetscErrorCode AtomSCFXC_Private(Atom, PetscReal, PetscReal *, PetscReal *);
TESSERA_INTERN PetscErrorCode AtomSCFSolve_Private(Atom, AtomSCF *, PetscErrorCode (*)(Atom, PetscInt, const PetscReal[], PetscBool), PetscErrorCode (*)(Atom, PetscReal[]));
TESSERA_INTERN PetscLogEvent  ATOM_SetUp, ATOM_SCF, ATOM_Eigen, ATOM_Poisson;

#endif
