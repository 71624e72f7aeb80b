/*
   tesserafvflux.h - finite-volume face fluxes for drift-diffusion (chemotaxis) operators.
*/
#if !defined(TESSERAFVFLUX_H)
  #define TESSERAFVFLUX_H

  #include <tesserasys.h>

/* SUBMANSEC = FVFlux */

/*E
  FVFluxType - Discretisation of the drift-diffusion face flux F = -grad(n) + n grad(c)

$ FVFLUX_SG     - Scharfetter-Gummel (exponential fitting): exact for n proportional to exp(c), second order
$ FVFLUX_UPWIND - central diffusion plus first-order upwind drift

  Level: beginner

.seealso: `FVFluxEvaluate()`
E*/
typedef enum { FVFLUX_SG, FVFLUX_UPWIND } FVFluxType;
TESSERA_EXTERN const char *const FVFluxTypes[];

TESSERA_EXTERN PetscErrorCode FVFluxBernoulli(PetscReal x, PetscReal *B, PetscReal *dB);
TESSERA_EXTERN PetscErrorCode FVFluxEvaluate(FVFluxType type, PetscReal hinv, PetscReal nl, PetscReal nr, PetscReal dc, PetscReal *F, PetscReal dF[3]);

#endif
