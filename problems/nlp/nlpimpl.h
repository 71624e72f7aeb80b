/*
   nlpimpl.h - private data of a TesseraNLP problem
*/
#if !defined(NLPIMPL_H)
  #define NLPIMPL_H

  #include <tesseraimpl.h>
  #include <tesseranlp.h>

/* callbacks of a small problem written on replicated dense arrays (row-major J: m x n, H: n x n) */
typedef PetscErrorCode (*TesseraNLPDenseX0)(PetscInt, PetscReal[]);
typedef PetscErrorCode (*TesseraNLPDenseObj)(PetscInt, const PetscReal[], PetscReal *, PetscReal[]);
typedef PetscErrorCode (*TesseraNLPDenseCon)(PetscInt, const PetscReal[], PetscReal[], PetscReal[]);
typedef PetscErrorCode (*TesseraNLPDenseHess)(PetscInt, const PetscReal[], const PetscReal[], PetscReal[]);

struct _n_TesseraNLP {
  /* description */
  char      name[64];
  MPI_Comm  comm;
  PetscInt  n, m;     /* numbers of variables and of equality constraints */
  PetscReal fstar;    /* known optimal value */
  PetscBool hasfstar; /* fstar is known */
  /* small replicated problem: the callbacks see all of x and lambda on every rank */
  TesseraNLPDenseX0   x0;
  TesseraNLPDenseObj  obj; /* NULL for a problem without objective (f = 0) */
  TesseraNLPDenseCon  con;
  TesseraNLPDenseHess hess; /* Hessian of f + lambda^T c; entries accumulated into a zeroed array */
  PetscReal          *xd, *gd, *cd, *Jd, *Hd, *ld;
  VecScatter          xscat, lscat;
  Vec                 xseq, lseq;
  /* objects given to the Tao */
  Vec xsol, ce, lam0;
  Mat J, H;
  /* distributed problems install their own callbacks */
  PetscErrorCode (*setuptao)(TesseraNLP, Tao);
  PetscErrorCode (*destroy)(TesseraNLP);
  void *data;
};

/* accumulate the second derivative v of a function of (x_i - x_j) into H */
static inline void TesseraNLPAddPair(PetscInt n, PetscReal H[], PetscInt i, PetscInt j, PetscReal v)
{
  H[i * n + i] += v;
  H[j * n + j] += v;
  H[i * n + j] -= v;
  H[j * n + i] -= v;
}

/* accumulate v into H_ij and H_ji (once if i == j) */
static inline void TesseraNLPAddSym(PetscInt n, PetscReal H[], PetscInt i, PetscInt j, PetscReal v)
{
  H[i * n + j] += v;
  if (i != j) H[j * n + i] += v;
}

TESSERA_INTERN PetscErrorCode TesseraNLPRegisterHS_Private(void);
TESSERA_INTERN PetscErrorCode TesseraNLPRegisterBT_Private(void);
TESSERA_INTERN PetscErrorCode TesseraNLPRegisterNE_Private(void);
TESSERA_INTERN PetscErrorCode TesseraNLPRegisterBA_Private(void);
TESSERA_INTERN PetscErrorCode TesseraNLPCreate_PDE(TesseraNLP);
TESSERA_INTERN PetscErrorCode TesseraNLPCreate_Sphere(TesseraNLP);

  /* defines TesseraNLPCreate_<name>() for a dense problem whose callbacks are <name>X0, <name>Obj (or NULL),
   <name>Con and <name>Hess */
  #define TESSERA_NLP_DENSE(name, nn, mm, fs, hasfs, objective) \
    static PetscErrorCode TesseraNLPCreate_##name(TesseraNLP p) \
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
