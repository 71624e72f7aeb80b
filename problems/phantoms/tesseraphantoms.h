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
typedef PetscErrorCode PhantomFn(const PhantomOptions *o, PetscInt N, PetscInt T, PetscInt t0, PetscInt t1, PetscScalar *f);

TESSERA_EXTERN PetscErrorCode PhantomRegister(const char name[], PhantomFn *fn);
TESSERA_EXTERN PetscErrorCode PhantomOptionsSetFromOptions(MPI_Comm comm, PhantomOptions *o);
TESSERA_EXTERN PetscErrorCode PhantomGenerate(const char name[], const PhantomOptions *o, PetscInt N, PetscInt T, Vec f);
TESSERA_EXTERN PetscErrorCode PhantomProject(const char name[], const PhantomOptions *o, Mat radon, Vec g);
TESSERA_EXTERN PetscErrorCode PhantomGetFrameLayout(Vec f, PetscInt N, PetscInt T, PetscInt *t0, PetscInt *t1);

TESSERA_EXTERN PetscErrorCode PhantomAnglesBitReversed(PetscInt P, PetscReal angles[]);
TESSERA_EXTERN PetscErrorCode PhantomAnglesGolden(PetscInt P, PetscReal angles[]);
TESSERA_EXTERN PetscErrorCode PhantomAnglesLinear(PetscInt P, PetscReal angles[]);
TESSERA_EXTERN PetscErrorCode PhantomAddNoise(Vec g, PetscReal rel, PetscInt seed, PetscReal *sigma);

TESSERA_EXTERN PetscErrorCode PhantomComputePSNR(Vec xtrue, Vec x, PetscReal range, PetscReal *psnr);
TESSERA_EXTERN PetscErrorCode PhantomComputePSNRFrames(Vec xtrue, Vec x, PetscInt N, PetscReal range, PetscReal psnr[]);
TESSERA_EXTERN PetscErrorCode PhantomComputeSSIM(Vec xtrue, Vec x, PetscInt N, PetscReal range, PetscReal *ssim3d, PetscReal frames[]);

TESSERA_EXTERN PetscErrorCode PhantomInitializePackage(void);

#endif
