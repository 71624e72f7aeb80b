/*
   denoiserimpl.h - private definition of the Denoiser class.
*/
#if !defined(DENOISERIMPL_H)
  #define DENOISERIMPL_H

  #include <tesseraimpl.h>
  #include <tesseradenoiser.h>

typedef struct _DenoiserOps *DenoiserOps;
struct _DenoiserOps {
  PetscErrorCode (*setfromoptions)(Denoiser, TESSERA_OPTIONS_ITEMS);
  PetscErrorCode (*setup)(Denoiser);
  PetscErrorCode (*applyframe)(Denoiser, const PetscReal *, PetscReal *); /* one ny x nx frame, row major */
  PetscErrorCode (*view)(Denoiser, PetscViewer);
  PetscErrorCode (*reset)(Denoiser);
  PetscErrorCode (*destroy)(Denoiser);
};

struct _p_Denoiser {
  PETSCHEADER(struct _DenoiserOps);
  /* problem */
  PetscInt  nx, ny; /* frame width (columns) and height (rows) */
  PetscReal sigma;  /* noise standard deviation the denoiser is tuned to */
  /* state */
  PetscBool  setupcalled;
  PetscReal *in, *out; /* one frame each, allocated in DenoiserSetUp() */
  void      *data;     /* type-specific data */
};

TESSERA_INTERN PetscLogEvent DENOISER_SetUp, DENOISER_Apply;

TESSERA_INTERN PetscErrorCode DenoiserCreate_Gaussian(Denoiser);
TESSERA_INTERN PetscErrorCode DenoiserCreate_TV(Denoiser);
TESSERA_INTERN PetscErrorCode DenoiserCreate_NLM(Denoiser);
TESSERA_INTERN PetscErrorCode DenoiserCreate_CNN(Denoiser);

#endif
