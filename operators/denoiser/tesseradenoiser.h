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

TESSERA_EXTERN PetscErrorCode DenoiserCreate(MPI_Comm, Denoiser *);
TESSERA_EXTERN PetscErrorCode DenoiserSetType(Denoiser, DenoiserType);
TESSERA_EXTERN PetscErrorCode DenoiserGetType(Denoiser, DenoiserType *);
TESSERA_EXTERN PetscErrorCode DenoiserSetImageSize(Denoiser, PetscInt, PetscInt);
TESSERA_EXTERN PetscErrorCode DenoiserSetSigma(Denoiser, PetscReal);
TESSERA_EXTERN PetscErrorCode DenoiserGetSigma(Denoiser, PetscReal *);
TESSERA_EXTERN PetscErrorCode DenoiserSetFromOptions(Denoiser);
TESSERA_EXTERN PetscErrorCode DenoiserSetOptionsPrefix(Denoiser, const char[]);
TESSERA_EXTERN PetscErrorCode DenoiserAppendOptionsPrefix(Denoiser, const char[]);
TESSERA_EXTERN PetscErrorCode DenoiserGetOptionsPrefix(Denoiser, const char *[]);
TESSERA_EXTERN PetscErrorCode DenoiserSetUp(Denoiser);
TESSERA_EXTERN PetscErrorCode DenoiserApply(Denoiser, Vec, Vec);
TESSERA_EXTERN PetscErrorCode DenoiserApplyFrame(Denoiser, const PetscReal[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode DenoiserView(Denoiser, PetscViewer);
TESSERA_EXTERN PetscErrorCode DenoiserViewFromOptions(Denoiser, PetscObject, const char[]);
TESSERA_EXTERN PetscErrorCode DenoiserReset(Denoiser);
TESSERA_EXTERN PetscErrorCode DenoiserDestroy(Denoiser *);
TESSERA_EXTERN PetscErrorCode DenoiserRegister(const char[], PetscErrorCode (*)(Denoiser));

TESSERA_EXTERN PetscErrorCode DenoiserGaussianSetWidth(Denoiser, PetscReal);
TESSERA_EXTERN PetscErrorCode DenoiserGaussianSetWiener(Denoiser, PetscBool);
TESSERA_EXTERN PetscErrorCode DenoiserTVSetWeight(Denoiser, PetscReal);
TESSERA_EXTERN PetscErrorCode DenoiserNLMSetParameters(Denoiser, PetscInt, PetscInt, PetscReal);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetWeights(Denoiser, const char[]);
TESSERA_EXTERN PetscErrorCode DenoiserCNNGetCheck(Denoiser, PetscInt *, PetscReal **, PetscReal **);
TESSERA_EXTERN PetscErrorCode DenoiserCNNGetLayers(Denoiser d, PetscInt *layers, PetscInt *channels);
TESSERA_EXTERN PetscErrorCode DenoiserCNNGetWeights(Denoiser d, const char *file[]);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetPrecision(Denoiser d, PetscDataType precision);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetWinograd(Denoiser d, PetscBool flg);
TESSERA_EXTERN PetscErrorCode DenoiserCNNSetThreads(Denoiser d, PetscInt threads);

TESSERA_EXTERN PetscErrorCode DenoiserInitializePackage(void);
TESSERA_EXTERN PetscErrorCode DenoiserRegisterAll(void);

#endif
