/*
   tesserasketch.h - KSPSKETCH, a randomized sketch-and-project Krylov-free linear solver registered as the KSP
   type "sketch".
*/
#if !defined(TESSERASKETCH_H)
  #define TESSERASKETCH_H

  #include <petscksp.h>
  #include <tesserasys.h>

  /* SUBMANSEC = KSP */

  /*J
  KSPSKETCH - "sketch": randomized sketch-and-project solver (Gower-Richtarik) for consistent linear systems

  Level: intermediate

.seealso: `KSPSketchSetType()`, `KSPSketchType`
J*/
  #define KSPSKETCH "sketch"

/*E
  KSPSketchType - the random sketch drawn at each step of `KSPSKETCH`

$ KSP_SKETCH_GAUSSIAN       - one Gaussian vector (GV)
$ KSP_SKETCH_KACZMARZ       - one coordinate vector: randomized Kaczmarz (RK)
$ KSP_SKETCH_BLOCK_GAUSSIAN - q Gaussian vectors
$ KSP_SKETCH_BLOCK_KACZMARZ - q coordinate vectors (block Kaczmarz)

  Level: intermediate

.seealso: `KSPSKETCH`, `KSPSketchSetType()`
E*/
typedef enum { KSP_SKETCH_GAUSSIAN, KSP_SKETCH_KACZMARZ, KSP_SKETCH_BLOCK_GAUSSIAN, KSP_SKETCH_BLOCK_KACZMARZ } KSPSketchType;
TESSERA_EXTERN const char *const KSPSketchTypes[];

/*E
  KSPSketchSampling - how Kaczmarz sketches draw their rows

$ KSP_SKETCH_SAMPLING_UNIFORM - every row with probability 1/N (as the AdaSketch authors)
$ KSP_SKETCH_SAMPLING_ROWNORM - row i with probability ||A_i||^2/||A||_F^2 (Strohmer-Vershynin)

  Level: intermediate

.seealso: `KSPSKETCH`, `KSPSketchSetSampling()`
E*/
typedef enum { KSP_SKETCH_SAMPLING_UNIFORM, KSP_SKETCH_SAMPLING_ROWNORM } KSPSketchSampling;
TESSERA_EXTERN const char *const KSPSketchSamplings[];

TESSERA_EXTERN PetscErrorCode KSPCreate_Sketch(KSP ksp);
TESSERA_EXTERN PetscErrorCode KSPSketchSetType(KSP ksp, KSPSketchType type);
TESSERA_EXTERN PetscErrorCode KSPSketchGetType(KSP ksp, KSPSketchType *type);
TESSERA_EXTERN PetscErrorCode KSPSketchSetBlockSize(KSP ksp, PetscInt q);
TESSERA_EXTERN PetscErrorCode KSPSketchSetSampling(KSP ksp, KSPSketchSampling sampling);
TESSERA_EXTERN PetscErrorCode KSPSketchSetSeed(KSP ksp, unsigned long seed);
TESSERA_EXTERN PetscErrorCode KSPSketchSetResidualEvery(KSP ksp, PetscInt k);
TESSERA_EXTERN PetscErrorCode KSPSketchGetTotalSteps(KSP ksp, PetscInt *steps);
TESSERA_EXTERN PetscErrorCode KSPSketchGetStreamPosition(KSP ksp, unsigned long *seed, PetscInt64 *draws);
TESSERA_EXTERN PetscErrorCode KSPSketchSetStreamPosition(KSP ksp, unsigned long seed, PetscInt64 draws);

TESSERA_EXTERN PetscErrorCode KSPSketchInitializePackage(void);

#endif
