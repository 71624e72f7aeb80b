/*
   nlpimpl.h - private data of a NLPProblem problem
*/
#if !defined(NLPIMPL_H)
  #define NLPIMPL_H

  #include <tesseraimpl.h>
  #include <tesseranlpproblems.h>

/* callbacks of a small problem written on replicated dense arrays (row-major J: m x n, H: n x n) */
typedef PetscErrorCode (*NLPProblemDenseX0)(PetscInt, PetscReal[]);
typedef PetscErrorCode (*NLPProblemDenseObj)(PetscInt, const PetscReal[], PetscReal *, PetscReal[]);
typedef PetscErrorCode (*NLPProblemDenseCon)(PetscInt, const PetscReal[], PetscReal[], PetscReal[]);
typedef PetscErrorCode (*NLPProblemDenseHess)(PetscInt, const PetscReal[], const PetscReal[], PetscReal[]);

struct _n_NLPProblem {
  /* description */
  char      name[64];
  MPI_Comm  comm;
  PetscInt  n, m;     /* numbers of variables and of equality constraints */
  PetscReal fstar;    /* known optimal value */
  PetscBool hasfstar; /* fstar is known */
  /* start point changed by -nlp_x0_scale s, -nlp_x0_perturb e, -nlp_x0_seed k: x0 <- s x0 + e (1 + |s x0|) u, u in [-1, 1] */
  PetscReal x0scale, x0perturb;
  PetscInt  x0seed;
  /* small replicated problem: the callbacks see all of x and lambda on every rank */
  NLPProblemDenseX0   x0;
  NLPProblemDenseObj  obj; /* NULL for a problem without objective (f = 0) */
  NLPProblemDenseCon  con;
  NLPProblemDenseHess hess; /* Hessian of f + lambda^T c; entries accumulated into a zeroed array */
  PetscReal          *xd, *gd, *cd, *Jd, *Hd, *ld;
  VecScatter          xscat, lscat;
  Vec                 xseq, lseq;
  /* objects given to the Tao */
  Vec xsol, ce, lam0;
  Mat J, H;
  /* distributed problems install their own callbacks */
  PetscErrorCode (*setuptao)(NLPProblem, Tao);
  PetscErrorCode (*destroy)(NLPProblem);
  PetscErrorCode (*report)(NLPProblem, Vec, PetscViewer); /* problem-specific data and results (NLPProblemReport()) */
  void *data;
};

/* accumulate the second derivative v of a function of (x_i - x_j) into H */
static inline void NLPProblemAddPair(PetscInt n, PetscReal H[], PetscInt i, PetscInt j, PetscReal v)
{
  H[i * n + i] += v;
  H[j * n + j] += v;
  H[i * n + j] -= v;
  H[j * n + i] -= v;
}

/* accumulate v into H_ij and H_ji (once if i == j) */
static inline void NLPProblemAddSym(PetscInt n, PetscReal H[], PetscInt i, PetscInt j, PetscReal v)
{
  H[i * n + j] += v;
  if (i != j) H[j * n + i] += v;
}

TESSERA_INTERN PetscErrorCode NLPProblemRegisterHS_Private(void);
TESSERA_INTERN PetscErrorCode NLPProblemRegisterBT_Private(void);
TESSERA_INTERN PetscErrorCode NLPProblemRegisterNE_Private(void);
TESSERA_INTERN PetscErrorCode NLPProblemRegisterBA_Private(void);
TESSERA_INTERN PetscErrorCode NLPProblemCreate_PDE(NLPProblem);
TESSERA_INTERN PetscErrorCode NLPProblemCreate_Sphere(NLPProblem);
TESSERA_INTERN PetscErrorCode NLPProblemCreate_LogReg(NLPProblem);
TESSERA_INTERN PetscErrorCode NLPProblemCreate_Control(NLPProblem);
TESSERA_INTERN PetscErrorCode NLPProblemAssembleStateControlJacobian_Private(NLPProblem, DM, DM, PetscReal, PetscReal, Mat *);
TESSERA_INTERN PetscErrorCode NLPProblemSetStateControlSchur_Private(NLPProblem, Tao, DM, PetscBool);

  /* defines NLPProblemCreate_<name>() for a dense problem whose callbacks are <name>X0, <name>Obj (or NULL),
   <name>Con and <name>Hess */
  #define TESSERA_NLP_DENSE(name, nn, mm, fs, hasfs, objective) \
    static PetscErrorCode NLPProblemCreate_##name(NLPProblem p) \
    {                                                           \
      PetscFunctionBegin;                                       \
      p->n        = nn;                                         \
      p->m        = mm;                                         \
      p->fstar    = fs;                                         \
      p->hasfstar = hasfs;                                      \
      p->x0       = name##X0;                                   \
      p->obj      = objective;                                  \
      p->con      = name##Con;                                  \
      p->hess     = name##Hess;                                 \
      PetscFunctionReturn(0);                                   \
    }
#endif
