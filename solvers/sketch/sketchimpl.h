/*
   sketchimpl.h - private data of KSPSKETCH
*/
#if !defined(SKETCHIMPL_H)
  #define SKETCHIMPL_H

  #include <petsc/private/kspimpl.h>
  #include <tesseraimpl.h>
  #include <tesserasketch.h>

typedef struct {
  /* method */
  KSPSketchType     type;     /* Gaussian or Kaczmarz, single or block */
  KSPSketchSampling sampling; /* row distribution of Kaczmarz sketches */
  PetscInt          q;        /* block size (1 for the single-vector sketches) */
  PetscInt          resevery; /* recompute the true residual every resevery steps, update it otherwise */
  /* randomness: one replicated stream, so every rank draws the same sketch */
  unsigned long seed;
  PetscRandom   rand;
  PetscInt64    ndraws; /* values drawn from rand since it was seeded: with the seed, the position of the stream */
  /* work */
  Vec             *S, *W;   /* the q sketch vectors and W = A^T S */
  Vec              r, d;    /* residual A x - b and the correction A^T S y */
  PetscScalar     *M, *rhs; /* q x q Gram matrix W^T W and S^T r */
  PetscReal       *eig;     /* eigenvalues of M */
  PetscScalar     *work;    /* LAPACK work */
  PetscBLASInt     lwork;
  PetscReal       *cumnorm;    /* cumulative squared row norms (row-norm sampling), replicated */
  PetscObjectState normstate;  /* state of the operator when cumnorm was computed */
  PetscInt         totalsteps; /* sketch steps over all solves */
  /* sequential AIJ fast path: transpose in CSR and squared row norms, cached on the operator's state */
  PetscInt        *ti, *tj;
  PetscScalar     *ta;
  PetscReal       *rn2;
  PetscObjectState faststate;
  PetscObjectId    fastid;
  PetscBool        fast; /* use the fast path when it applies */
} KSP_Sketch;

TESSERA_INTERN PetscLogEvent KSPSKETCH_Step;

#endif
