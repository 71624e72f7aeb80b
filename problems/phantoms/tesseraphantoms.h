/*
   tesseraphantoms.h - dynamic imaging test objects (time-varying ellipse phantoms with closed-form
   projections, a piecewise-affine-warped static image, an exactly low-rank space-time object), angle
   schedules, seeded measurement noise and image-quality metrics (PSNR, SSIM).
*/
#if !defined(TESSERAPHANTOMS_H)
  #define TESSERAPHANTOMS_H

  #include <petscmat.h>
  #include <tesserasys.h>

/* SUBMANSEC = Phantom */

/*S
  PhantomOptions - parameters of the phantom generators

  Level: beginner

.seealso: `PhantomGenerate()`, `PhantomOptionsSetFromOptions()`
S*/
typedef struct {
  PetscInt  supersample; /* s x s sub-pixel average when rasterising ellipses */
  PetscInt  rank;        /* number of space-time components of the "lowrank" object */
  PetscReal amplitude;   /* strength of the motion: relative pulsation of "ellipses", warp displacement of "warped" */
  PetscInt  seed;        /* seed of the random parts (warp phases, blob positions) */
} PhantomOptions;

/*S
  PhantomFn - a phantom generator: fills frames [t0, t1) of a time series of T frames, N x N each, row major

  Level: developer
S*/
typedef PetscErrorCode PhantomFn(const PhantomOptions *, PetscInt, PetscInt, PetscInt, PetscInt, PetscScalar *);

TESSERA_EXTERN PetscErrorCode PhantomRegister(const char[], PhantomFn *);
TESSERA_EXTERN PetscErrorCode PhantomOptionsSetFromOptions(MPI_Comm, PhantomOptions *);
TESSERA_EXTERN PetscErrorCode PhantomSelect(MPI_Comm comm, const char prefix[], const char defname[], char name[], size_t len, PetscBool *listed);
TESSERA_EXTERN PetscErrorCode PhantomGenerate(const char[], const PhantomOptions *, PetscInt, PetscInt, Vec);
TESSERA_EXTERN PetscErrorCode PhantomProject(const char[], const PhantomOptions *, Mat, Vec);
TESSERA_EXTERN PetscErrorCode PhantomGetFrameLayout(Vec, PetscInt, PetscInt, PetscInt *, PetscInt *);

TESSERA_EXTERN PetscErrorCode PhantomAnglesBitReversed(PetscInt, PetscReal[]);
TESSERA_EXTERN PetscErrorCode PhantomAnglesGolden(PetscInt, PetscReal[]);
TESSERA_EXTERN PetscErrorCode PhantomAnglesLinear(PetscInt, PetscReal[]);
TESSERA_EXTERN PetscErrorCode PhantomAddNoise(Vec, PetscReal, PetscInt, PetscReal *);

TESSERA_EXTERN PetscErrorCode PhantomComputePSNR(Vec, Vec, PetscReal, PetscReal *);
TESSERA_EXTERN PetscErrorCode PhantomComputePSNRFrames(Vec, Vec, PetscInt, PetscReal, PetscReal[]);
TESSERA_EXTERN PetscErrorCode PhantomComputeSSIM(Vec, Vec, PetscInt, PetscReal, PetscReal *, PetscReal[]);

TESSERA_EXTERN PetscErrorCode PhantomInitializePackage(void);

#endif
