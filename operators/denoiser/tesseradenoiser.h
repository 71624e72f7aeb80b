/*
   tesseradenoiser.h - the Denoiser class: plug-in image denoisers D(x) applied frame by frame to a time
   series of images (Gaussian/Wiener filter, total variation, non-local means, a learned CNN).
*/
#if !defined(TESSERADENOISER_H)
  #define TESSERADENOISER_H

  #include <petscvec.h>
  #include <petscviewer.h>
  #include <tesserasys.h>

/* SUBMANSEC = Denoiser */

/*S
  Denoiser - an image denoiser x -> D(x), applied to every N x N frame of a vector

  Level: beginner

.seealso: `DenoiserCreate()`, `DenoiserSetType()`, `DenoiserApply()`
S*/
typedef struct _p_Denoiser *Denoiser;

/*J
  DenoiserType - the name of a denoiser type

  Level: beginner

.seealso: `DenoiserSetType()`
J*/
typedef const char *DenoiserType;
  #define DENOISERGAUSSIAN "gaussian"
  #define DENOISERTV       "tv"
  #define DENOISERNLM      "nlm"
  #define DENOISERCNN      "cnn"

TESSERA_EXTERN PetscClassId DENOISER_CLASSID;

TESSERA_EXTERN PetscErrorCode DenoiserCreate(MPI_Comm comm, Denoiser *d);
TESSERA_EXTERN PetscErrorCode DenoiserSetType(Denoiser d, DenoiserType type);
TESSERA_EXTERN PetscErrorCode DenoiserGetType(Denoiser d, DenoiserType *type);
TESSERA_EXTERN PetscErrorCode DenoiserSetImageSize(Denoiser d, PetscInt nx, PetscInt ny);
TESSERA_EXTERN PetscErrorCode DenoiserSetSigma(Denoiser d, PetscReal sigma);
TESSERA_EXTERN PetscErrorCode DenoiserGetSigma(Denoiser d, PetscReal *sigma);
TESSERA_EXTERN PetscErrorCode DenoiserSetFromOptions(Denoiser d);
TESSERA_EXTERN PetscErrorCode DenoiserSetOptionsPrefix(Denoiser d, const char prefix[]);
TESSERA_EXTERN PetscErrorCode DenoiserAppendOptionsPrefix(Denoiser d, const char prefix[]);
TESSERA_EXTERN PetscErrorCode DenoiserGetOptionsPrefix(Denoiser d, const char *prefix[]);
TESSERA_EXTERN PetscErrorCode DenoiserSetUp(Denoiser d);
TESSERA_EXTERN PetscErrorCode DenoiserApply(Denoiser d, Vec x, Vec y);
TESSERA_EXTERN PetscErrorCode DenoiserApplyFrame(Denoiser d, const PetscReal in[], PetscReal out[]);
TESSERA_EXTERN PetscErrorCode DenoiserView(Denoiser d, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode DenoiserViewFromOptions(Denoiser d, PetscObject obj, const char name[]);
TESSERA_EXTERN PetscErrorCode DenoiserReset(Denoiser d);
TESSERA_EXTERN PetscErrorCode DenoiserDestroy(Denoiser *d);
TESSERA_EXTERN PetscErrorCode DenoiserRegister(const char name[], PetscErrorCode (*create)(Denoiser));

TESSERA_EXTERN PetscErrorCode DenoiserGaussianSetWidth(Denoiser d, PetscReal width);
TESSERA_EXTERN PetscErrorCode DenoiserGaussianSetWiener(Denoiser d, PetscBool flg);
TESSERA_EXTERN PetscErrorCode DenoiserTVSetWeight(Denoiser d, PetscReal weight);
TESSERA_EXTERN PetscErrorCode DenoiserNLMSetParameters(Denoiser d, PetscInt patch, PetscInt search, PetscReal h);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetWeights(Denoiser d, const char file[]);
TESSERA_EXTERN PetscErrorCode DenoiserCNNGetCheck(Denoiser d, PetscInt *n, PetscReal **input, PetscReal **output);
TESSERA_EXTERN PetscErrorCode DenoiserCNNGetLayers(Denoiser d, PetscInt *layers, PetscInt *channels);
TESSERA_EXTERN PetscErrorCode DenoiserCNNGetWeights(Denoiser d, const char *file[]);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetPrecision(Denoiser d, PetscDataType precision);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetWinograd(Denoiser d, PetscBool flg);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetThreads(Denoiser d, PetscInt threads);

TESSERA_EXTERN PetscErrorCode DenoiserInitializePackage(void);
TESSERA_EXTERN PetscErrorCode DenoiserRegisterAll(void);

#endif
