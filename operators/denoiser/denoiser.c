/*I "tessera.h" I*/
/*
   denoiser.c - the Denoiser class (SLEPc-style own class): create, type registry, options, set up, apply
   frame by frame, view, destroy.

   A denoiser maps a noisy image x to D(x). RED (Y. Romano, M. Elad, P. Milanfar, SIAM J. Imaging Sci. 10
   (2017) 1804, doi:10.1137/16M1102884) and RED-PSM (B. Iskender, M. L. Klasky, Y. Bresler, ICCV 2023,
   arXiv:2304.03483) use it through the regulariser rho(x) = x^T (x - D(x)) / 2. Types: a symmetric linear
   Gaussian filter (exact RED gradient) with an optional empirical Wiener gain, total variation by Chambolle's
   projection (a proximal map), non-local means, and a learned DnCNN-style network run in C.
*/
#include "denoiserimpl.h"

PetscClassId          DENOISER_CLASSID = 0;
static TesseraPackage DenoiserPackage  = {.name = "denoiser", .classname = "Denoiser", .classid = &DENOISER_CLASSID};
PetscLogEvent         DENOISER_SetUp, DENOISER_Apply;

/*@C
  DenoiserRegisterAll - Registers the denoiser types that come with tessera (gaussian, tv, nlm, cnn), once

  Not Collective

  Level: advanced

.seealso: `DenoiserRegister()`, `DenoiserInitializePackage()`
@*/
PetscErrorCode DenoiserRegisterAll(void)
{
  PetscFunctionBegin;
  PetscCall(DenoiserInitializePackage());
  PetscFunctionReturn(0);
}

/*@C
  DenoiserInitializePackage - Registers the `Denoiser` class, its types (`DenoiserRegisterAll()`) and log events;
  called by `DenoiserCreate()` and `DenoiserRegister()`

  Not Collective

  Level: developer

.seealso: `DenoiserRegisterAll()`, `TesseraInitialize()`
@*/
PetscErrorCode DenoiserInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {
      {DENOISERGAUSSIAN, (PetscVoidFunction)DenoiserCreate_Gaussian}, {DENOISERTV, (PetscVoidFunction)DenoiserCreate_TV}, {DENOISERNLM, (PetscVoidFunction)DenoiserCreate_NLM}, {DENOISERCNN, (PetscVoidFunction)DenoiserCreate_CNN}, {NULL, NULL}};
  static const TesseraPackageEvent events[] = {{"DenoiserSetUp", &DENOISER_SetUp}, {"DenoiserApply", &DENOISER_Apply}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&DenoiserPackage, entries, events, NULL));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserRegister - Adds a denoiser type

  Not Collective

  Input Parameters:
+ name   - the type name
- create - the routine that fills the ops table and creates the type's data

  Level: advanced

.seealso: `DenoiserSetType()`
@*/
PetscErrorCode DenoiserRegister(const char name[], PetscErrorCode (*create)(Denoiser))
{
  PetscFunctionBegin;
  PetscCall(DenoiserInitializePackage());
  PetscCall(PetscFunctionListAdd(&DenoiserPackage.list, name, create));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCreate - Creates a denoiser (default type gaussian)

  Collective

  Input Parameter:
. comm - the communicator

  Output Parameter:
. d - the denoiser

  Level: beginner

.seealso: `DenoiserSetType()`, `DenoiserSetImageSize()`, `DenoiserApply()`, `DenoiserDestroy()`
@*/
PetscErrorCode DenoiserCreate(MPI_Comm comm, Denoiser *d)
{
  Denoiser den;

  PetscFunctionBegin;
  TesseraValidPointer(d, 2);
  PetscCall(DenoiserInitializePackage());
  PetscCall(PetscHeaderCreate(den, DENOISER_CLASSID, "Denoiser", "Image denoiser", "Denoiser", comm, DenoiserDestroy, DenoiserView));
  den->nx          = 0;
  den->ny          = 0;
  den->sigma       = 0.05;
  den->setupcalled = PETSC_FALSE;
  den->in          = NULL;
  den->out         = NULL;
  den->data        = NULL;
  *d               = den;
  PetscFunctionReturn(0);
}

/*@C
  DenoiserSetType - Sets the denoiser type

  Collective

  Input Parameters:
+ d    - the denoiser
- type - `DENOISERGAUSSIAN`, `DENOISERTV`, `DENOISERNLM`, `DENOISERCNN` or a registered name

  Options Database Key:
. -denoiser_type <gaussian,tv,nlm,cnn> - the type

  Level: beginner

.seealso: `DenoiserCreate()`, `DenoiserRegister()`
@*/
PetscErrorCode DenoiserSetType(Denoiser d, DenoiserType type)
{
  PetscErrorCode (*create)(Denoiser);
  PetscBool same;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscCall(PetscObjectTypeCompare((PetscObject)d, type, &same));
  if (same) PetscFunctionReturn(0);
  PetscCall(PetscFunctionListFind(DenoiserPackage.list, type, &create));
  PetscCheck(create, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown denoiser type %s", type);
  PetscCall(DenoiserReset(d));
  PetscTryTypeMethod(d, destroy);
  PetscCall(PetscMemzero(d->ops, sizeof(struct _DenoiserOps)));
  d->data = NULL;
  PetscCall((*create)(d));
  PetscCall(PetscObjectChangeTypeName((PetscObject)d, type));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserGetType - Gets the denoiser type

  Not Collective

  Input Parameter:
. d - the denoiser

  Output Parameter:
. type - the type name

  Level: beginner

.seealso: `DenoiserSetType()`
@*/
PetscErrorCode DenoiserGetType(Denoiser d, DenoiserType *type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  TesseraValidPointer(type, 2);
  *type = ((PetscObject)d)->type_name;
  PetscFunctionReturn(0);
}

/*@C
  DenoiserSetImageSize - Sets the frame size

  Logically Collective

  Input Parameters:
+ d  - the denoiser
. nx - frame width (columns)
- ny - frame height (rows)

  Level: beginner

.seealso: `DenoiserApply()`
@*/
PetscErrorCode DenoiserSetImageSize(Denoiser d, PetscInt nx, PetscInt ny)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveInt(d, nx, 2);
  PetscValidLogicalCollectiveInt(d, ny, 3);
  PetscCheck(nx > 0 && ny > 0, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "Denoiser image size %" PetscInt_FMT " x %" PetscInt_FMT " must be positive", nx, ny);
  PetscCheck((PetscInt64)nx * ny <= PETSC_MAX_INT, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "Denoiser image size %" PetscInt_FMT " x %" PetscInt_FMT " exceeds the largest PetscInt", nx, ny);
  if (d->setupcalled && (nx != d->nx || ny != d->ny)) PetscCall(DenoiserReset(d));
  d->nx = nx;
  d->ny = ny;
  PetscFunctionReturn(0);
}

/*@C
  DenoiserSetSigma - Sets the noise standard deviation the denoiser is tuned to

  Logically Collective

  Input Parameters:
+ d     - the denoiser
- sigma - the standard deviation (in image units)

  Options Database Key:
. -denoiser_sigma <0.05> - the noise level

  Level: beginner

  Notes:
  The defaults of the type parameters (TV weight, NLM filtering strength, Wiener gain) follow from sigma.
  The CNN is blind (trained over a range of levels) and ignores it.

.seealso: `DenoiserGetSigma()`
@*/
PetscErrorCode DenoiserSetSigma(Denoiser d, PetscReal sigma)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveReal(d, sigma, 2);
  PetscCheck(sigma > 0 && !PetscIsInfReal(sigma), PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "Denoiser noise level %g must be positive and finite", (double)sigma);
  d->sigma       = sigma;
  d->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  DenoiserGetSigma - Gets the noise standard deviation

  Not Collective

  Input Parameter:
. d - the denoiser

  Output Parameter:
. sigma - the noise level

  Level: beginner

.seealso: `DenoiserSetSigma()`
@*/
PetscErrorCode DenoiserGetSigma(Denoiser d, PetscReal *sigma)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  TesseraValidPointer(sigma, 2);
  *sigma = d->sigma;
  PetscFunctionReturn(0);
}

/*@C
  DenoiserSetFromOptions - Sets the denoiser type and parameters from the options database

  Collective

  Input Parameter:
. d - the denoiser

  Options Database Keys:
+ -denoiser_type <gaussian> - gaussian, tv, nlm or cnn
. -denoiser_sigma <0.05>    - noise level
- -denoiser_view            - view the denoiser after set up

  Level: beginner

.seealso: `DenoiserSetType()`
@*/
PetscErrorCode DenoiserSetFromOptions(Denoiser d)
{
  char      type[256];
  PetscBool flg;
  PetscReal sigma;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscObjectOptionsBegin((PetscObject)d);
  PetscCall(PetscOptionsFList("-denoiser_type", "Denoiser type", "DenoiserSetType", DenoiserPackage.list, ((PetscObject)d)->type_name ? ((PetscObject)d)->type_name : DENOISERGAUSSIAN, type, sizeof(type), &flg));
  if (flg || !((PetscObject)d)->type_name) PetscCall(DenoiserSetType(d, flg ? type : DENOISERGAUSSIAN));
  sigma = d->sigma;
  PetscCall(TesseraOptionsRealPositive("-denoiser_sigma", "Noise standard deviation", "DenoiserSetSigma", sigma, &sigma, &flg, 1e6));
  if (flg) PetscCall(DenoiserSetSigma(d, sigma));
  PetscTryTypeMethod(d, setfromoptions, PetscOptionsObject);
  PetscCall(PetscObjectProcessOptionsHandlers((PetscObject)d, PetscOptionsObject));
  PetscOptionsEnd();
  PetscFunctionReturn(0);
}

/*@C
  DenoiserSetOptionsPrefix - Sets the prefix of the options of this denoiser

  Logically Collective

  Input Parameters:
+ d      - the denoiser
- prefix - the prefix (without the leading dash)

  Level: advanced

.seealso: `DenoiserSetFromOptions()`, `DenoiserAppendOptionsPrefix()`
@*/
PetscErrorCode DenoiserSetOptionsPrefix(Denoiser d, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscCall(PetscObjectSetOptionsPrefix((PetscObject)d, prefix));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserAppendOptionsPrefix - Appends to the prefix of the options of this denoiser

  Logically Collective

  Input Parameters:
+ d      - the denoiser
- prefix - the prefix to append (without the leading dash)

  Level: advanced

  Notes:
  A solver that owns a `Denoiser` sets the inner prefix to its own and then appends, e.g. "outer_" then
  "inner_": the options are then -outer_inner_denoiser_...

.seealso: `DenoiserSetOptionsPrefix()`, `DenoiserGetOptionsPrefix()`
@*/
PetscErrorCode DenoiserAppendOptionsPrefix(Denoiser d, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscCall(PetscObjectAppendOptionsPrefix((PetscObject)d, prefix));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserGetOptionsPrefix - Gets the prefix of the options of this denoiser

  Not Collective

  Input Parameter:
. d - the denoiser

  Output Parameter:
. prefix - the prefix (NULL if none; do not free)

  Level: advanced

.seealso: `DenoiserSetOptionsPrefix()`, `DenoiserAppendOptionsPrefix()`
@*/
PetscErrorCode DenoiserGetOptionsPrefix(Denoiser d, const char *prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  TesseraValidPointer(prefix, 2);
  PetscCall(PetscObjectGetOptionsPrefix((PetscObject)d, prefix));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserSetUp - Allocates work space and does the type's heavy set up (FFTW plans, reading CNN weights)

  Collective

  Input Parameter:
. d - the denoiser

  Level: intermediate

.seealso: `DenoiserApply()`
@*/
PetscErrorCode DenoiserSetUp(Denoiser d)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  if (d->setupcalled) PetscFunctionReturn(0);
  PetscCheck(d->nx > 0 && d->ny > 0, PetscObjectComm((PetscObject)d), PETSC_ERR_ORDER, "Call DenoiserSetImageSize() before DenoiserSetUp()");
  if (!((PetscObject)d)->type_name) PetscCall(DenoiserSetType(d, DENOISERGAUSSIAN));
  PetscCall(PetscLogEventBegin(DENOISER_SetUp, d, 0, 0, 0));
  PetscCall(PetscFree2(d->in, d->out));
  PetscCall(PetscMalloc2(d->nx * d->ny, &d->in, d->nx * d->ny, &d->out));
  PetscUseTypeMethod(d, setup);
  PetscCall(PetscLogEventEnd(DENOISER_SetUp, d, 0, 0, 0));
  d->setupcalled = PETSC_TRUE;
  PetscCall(DenoiserViewFromOptions(d, NULL, "-denoiser_view"));
  PetscFunctionReturn(0);
}

/* an error if frame t (d->in) holds a NaN or an Inf, naming the first such pixel */
static PetscErrorCode DenoiserCheckFrame_Private(Denoiser d, PetscInt t)
{
  PetscFunctionBegin;
  for (PetscInt k = 0; k < d->nx * d->ny; k++)
    PetscCheck(!PetscIsInfOrNanReal(d->in[k]), PETSC_COMM_SELF, PETSC_ERR_FP, "Denoiser input: frame %" PetscInt_FMT " holds %g at pixel (row %" PetscInt_FMT ", column %" PetscInt_FMT "); NaN or Inf cannot be denoised", t, (double)d->in[k],
               k / d->nx, k % d->nx);
  PetscFunctionReturn(0);
}

/*@C
  DenoiserApplyFrame - Denoises one frame given as an array

  Collective when the denoiser is not yet set up (it calls `DenoiserSetUp()`); Not Collective afterwards

  Input Parameters:
+ d  - the denoiser (set up)
- in - the noisy frame, ny x nx, row major

  Output Parameter:
. out - the denoised frame (may equal in)

  Level: intermediate

  Notes:
  A NaN or an Inf in the input is an error naming the pixel.

.seealso: `DenoiserApply()`
@*/
PetscErrorCode DenoiserApplyFrame(Denoiser d, const PetscReal in[], PetscReal out[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidRealPointer(in, 2);
  PetscValidRealPointer(out, 3);
  PetscCall(DenoiserSetUp(d));
  PetscCall(PetscArraycpy(d->in, in, d->nx * d->ny));
  PetscCall(DenoiserCheckFrame_Private(d, 0));
  PetscUseTypeMethod(d, applyframe, d->in, d->out);
  PetscCall(PetscArraycpy(out, d->out, d->nx * d->ny));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserApply - Denoises every frame of a vector: y_t = D(x_t)

  Collective

  Input Parameters:
+ d - the denoiser
- x - the frames, ny x nx each, row major, split over the ranks by whole frames

  Output Parameter:
. y - the denoised frames (may be x)

  Level: beginner

.seealso: `DenoiserCreate()`, `DenoiserSetImageSize()`, `DenoiserApplyFrame()`
@*/
PetscErrorCode DenoiserApply(Denoiser d, Vec x, Vec y)
{
  PetscInt           n, N, nloc, ny_, np = 0, fstart;
  const PetscScalar *xa;
  PetscScalar       *ya;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidHeaderSpecific(x, VEC_CLASSID, 2);
  PetscValidHeaderSpecific(y, VEC_CLASSID, 3);
  PetscCall(DenoiserSetUp(d));
  np = d->nx * d->ny;
  PetscCall(VecGetSize(x, &N));
  PetscCall(VecGetLocalSize(x, &nloc));
  PetscCall(VecGetLocalSize(y, &ny_));
  PetscCheck(N % np == 0, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_SIZ, "Image size mismatch: vector of length %" PetscInt_FMT " is not a set of %" PetscInt_FMT " x %" PetscInt_FMT " frames", N, d->ny, d->nx);
  PetscCheck(nloc % np == 0, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Image size mismatch: local length %" PetscInt_FMT " is not a whole number of %" PetscInt_FMT " x %" PetscInt_FMT " frames", nloc, d->ny, d->nx);
  PetscCheck(ny_ == nloc, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Input and output vectors have different local lengths %" PetscInt_FMT " and %" PetscInt_FMT, nloc, ny_);
  PetscCall(VecGetOwnershipRange(x, &fstart, NULL));
  fstart /= np;
  PetscCall(PetscLogEventBegin(DENOISER_Apply, d, x, y, 0));
  for (n = 0; n < nloc / np; n++) {
    PetscCall(VecGetArrayRead(x, &xa));
    for (PetscInt k = 0; k < np; k++) d->in[k] = PetscRealPart(xa[n * np + k]);
    PetscCall(VecRestoreArrayRead(x, &xa));
    PetscCall(DenoiserCheckFrame_Private(d, fstart + n));
    PetscUseTypeMethod(d, applyframe, d->in, d->out);
    PetscCall(VecGetArray(y, &ya));
    for (PetscInt k = 0; k < np; k++) ya[n * np + k] = d->out[k];
    PetscCall(VecRestoreArray(y, &ya));
  }
  PetscCall(PetscLogEventEnd(DENOISER_Apply, d, x, y, 0));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserView - Prints the denoiser

  Collective

  Input Parameters:
+ d      - the denoiser
- viewer - the viewer (NULL for stdout)

  Level: beginner

.seealso: `DenoiserViewFromOptions()`
@*/
PetscErrorCode DenoiserView(Denoiser d, PetscViewer viewer)
{
  PetscBool isascii;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(PetscObjectComm((PetscObject)d), &viewer));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (isascii) {
    PetscCall(PetscObjectPrintClassNamePrefixType((PetscObject)d, viewer));
    PetscCall(PetscViewerASCIIPushTab(viewer));
    PetscCall(PetscViewerASCIIPrintf(viewer, "frames %" PetscInt_FMT " x %" PetscInt_FMT ", noise level %g\n", d->ny, d->nx, (double)d->sigma));
    PetscTryTypeMethod(d, view, viewer);
    PetscCall(PetscViewerASCIIPopTab(viewer));
  }
  PetscFunctionReturn(0);
}

/*@C
  DenoiserViewFromOptions - Views the denoiser if an option is set

  Collective

  Input Parameters:
+ d    - the denoiser
. obj  - optional object supplying the prefix
- name - the option name

  Level: intermediate

.seealso: `DenoiserView()`
@*/
PetscErrorCode DenoiserViewFromOptions(Denoiser d, PetscObject obj, const char name[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscCall(PetscObjectViewFromOptions((PetscObject)d, obj, name));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserReset - Frees the size-dependent data, so the denoiser can be set up for another size

  Collective

  Input Parameter:
. d - the denoiser

  Level: advanced

.seealso: `DenoiserSetUp()`
@*/
PetscErrorCode DenoiserReset(Denoiser d)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscTryTypeMethod(d, reset);
  PetscCall(PetscFree2(d->in, d->out));
  d->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  DenoiserDestroy - Destroys a denoiser

  Collective

  Input Parameter:
. d - the denoiser, NULL on return

  Level: beginner

.seealso: `DenoiserCreate()`
@*/
PetscErrorCode DenoiserDestroy(Denoiser *d)
{
  PetscFunctionBegin;
  if (!*d) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(*d, DENOISER_CLASSID, 1);
  if (--((PetscObject)(*d))->refct > 0) {
    *d = NULL;
    PetscFunctionReturn(0);
  }
  PetscCall(DenoiserReset(*d));
  PetscTryTypeMethod(*d, destroy);
  PetscCall(PetscHeaderDestroy(d));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserGaussianSetWidth - Sets the standard deviation (pixels) of the Gaussian filter

  Logically Collective

  Input Parameters:
+ d     - the denoiser
- width - the width in pixels

  Options Database Key:
. -denoiser_gaussian_width <0.7> - the width

  Level: intermediate

.seealso: `DENOISERGAUSSIAN`
@*/
PetscErrorCode DenoiserGaussianSetWidth(Denoiser d, PetscReal width)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveReal(d, width, 2);
  PetscTryMethod(d, "DenoiserGaussianSetWidth_C", (Denoiser, PetscReal), (d, width));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserGaussianSetWiener - Switches the Gaussian denoiser to an empirical Wiener filter

  Logically Collective

  Input Parameters:
+ d   - the denoiser
- flg - `PETSC_TRUE` for the Wiener gain max(1 - s^2/|X_k|^2, 0) on the orthonormal cosine coefficients

  Options Database Key:
. -denoiser_gaussian_wiener - use the Wiener gain

  Level: intermediate

.seealso: `DENOISERGAUSSIAN`
@*/
PetscErrorCode DenoiserGaussianSetWiener(Denoiser d, PetscBool flg)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveBool(d, flg, 2);
  PetscTryMethod(d, "DenoiserGaussianSetWiener_C", (Denoiser, PetscBool), (d, flg));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserTVSetWeight - Sets the weight of total variation (the lambda of min ||u - f||^2 / 2 + lambda TV(u))

  Logically Collective

  Input Parameters:
+ d      - the denoiser
- weight - the weight; `PETSC_DEFAULT` for sigma

  Options Database Key:
. -denoiser_tv_weight <sigma> - the weight

  Level: intermediate

.seealso: `DENOISERTV`
@*/
PetscErrorCode DenoiserTVSetWeight(Denoiser d, PetscReal weight)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveReal(d, weight, 2);
  PetscTryMethod(d, "DenoiserTVSetWeight_C", (Denoiser, PetscReal), (d, weight));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserNLMSetParameters - Sets the patch and search half-widths and the filtering strength of non-local means

  Logically Collective

  Input Parameters:
+ d      - the denoiser
. patch  - patch half-width (patches are 2 patch + 1 wide)
. search - search-window half-width, at least 1 (a window of one pixel would return the input)
- h      - filtering strength; `PETSC_DEFAULT` for 0.8 sigma

  Options Database Keys:
+ -denoiser_nlm_patch <2>   - patch half-width
. -denoiser_nlm_search <5>  - search half-width
- -denoiser_nlm_h <0.8 sigma> - filtering strength

  Level: intermediate

.seealso: `DENOISERNLM`
@*/
PetscErrorCode DenoiserNLMSetParameters(Denoiser d, PetscInt patch, PetscInt search, PetscReal h)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveInt(d, patch, 2);
  PetscValidLogicalCollectiveInt(d, search, 3);
  PetscValidLogicalCollectiveReal(d, h, 4);
  PetscTryMethod(d, "DenoiserNLMSetParameters_C", (Denoiser, PetscInt, PetscInt, PetscReal), (d, patch, search, h));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCNNSetWeights - Sets the HDF5 weight file of the CNN denoiser

  Logically Collective

  Input Parameters:
+ d    - the denoiser
- file - the file written by operators/denoiser/train_dncnn.py, or NULL (or "") to look up dncnn.h5 as `DENOISERCNN` says

  Options Database Key:
. -denoiser_cnn_weights <file> - the weight file (default: dncnn.h5 from $TESSERA_DATA_DIR or tessera's data directory, <prefix>/share/tessera)

  Level: intermediate

.seealso: `DENOISERCNN`, `DenoiserCNNGetCheck()`
@*/
PetscErrorCode DenoiserCNNSetWeights(Denoiser d, const char file[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscTryMethod(d, "DenoiserCNNSetWeights_C", (Denoiser, const char[]), (d, file));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCNNGetWeights - Gets the weight file of the CNN denoiser

  Not Collective

  Input Parameter:
. d - the CNN denoiser

  Output Parameter:
. file - the file loaded (after `DenoiserSetUp()`), else the file given, else NULL (do not free)

  Level: intermediate

.seealso: `DenoiserCNNSetWeights()`, `DENOISERCNN`
@*/
PetscErrorCode DenoiserCNNGetWeights(Denoiser d, const char *file[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  TesseraValidPointer(file, 2);
  PetscUseMethod(d, "DenoiserCNNGetWeights_C", (Denoiser, const char **), (d, file));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCNNGetLayers - Gets the size of the CNN denoiser's network

  Not Collective

  Input Parameter:
. d - the CNN denoiser (set up)

  Output Parameters:
+ layers   - the number of 3x3 convolution layers (or NULL)
- channels - the number of hidden channels (or NULL)

  Level: intermediate

.seealso: `DenoiserCNNSetWeights()`, `DENOISERCNN`
@*/
PetscErrorCode DenoiserCNNGetLayers(Denoiser d, PetscInt *layers, PetscInt *channels)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscUseMethod(d, "DenoiserCNNGetLayers_C", (Denoiser, PetscInt *, PetscInt *), (d, layers, channels));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCNNGetCheck - Gets the reference input and output stored by the training framework in the weight file

  Not Collective

  Input Parameter:
. d - the CNN denoiser (set up)

  Output Parameters:
+ n      - the side of the square check frame
. input  - the stored noisy frame [n*n] (do not free)
- output - the training framework's denoised frame [n*n] (do not free)

  Level: developer

.seealso: `DenoiserCNNSetWeights()`
@*/
PetscErrorCode DenoiserCNNGetCheck(Denoiser d, PetscInt *n, PetscReal **input, PetscReal **output)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscUseMethod(d, "DenoiserCNNGetCheck_C", (Denoiser, PetscInt *, PetscReal **, PetscReal **), (d, n, input, output));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCNNSetPrecision - Sets the arithmetic of the CNN denoiser's inference

  Logically Collective

  Input Parameters:
+ d         - the denoiser
- precision - `PETSC_FLOAT` (single precision, the default) or `PETSC_DOUBLE`

  Options Database Key:
. -denoiser_cnn_precision <single,double> - the precision

  Level: intermediate

  Notes:
  Weights, activations and the GEMMs are in the chosen precision; input and output stay `PetscReal`. On the
  shipped network the single-precision result differs from the double-precision one by about 1e-7 of the
  image range (see the README).

.seealso: `DENOISERCNN`, `DenoiserCNNSetThreads()`
@*/
PetscErrorCode DenoiserCNNSetPrecision(Denoiser d, PetscDataType precision)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveEnum(d, precision, 2);
  PetscTryMethod(d, "DenoiserCNNSetPrecision_C", (Denoiser, PetscDataType), (d, precision));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCNNSetWinograd - Chooses the convolution algorithm of the CNN denoiser

  Logically Collective

  Input Parameters:
+ d   - the denoiser
- flg - `PETSC_TRUE` for Winograd's F(2x2,3x3) (the default), `PETSC_FALSE` for im2col + GEMM

  Options Database Key:
. -denoiser_cnn_winograd <true> - the algorithm

  Level: advanced

  Notes:
  Both compute the same convolutions (in double precision they agree to rounding); Winograd's needs 4/9 of the
  multiplications. Reference: A. Lavin, S. Gray, Fast algorithms for convolutional neural networks, CVPR 2016.

.seealso: `DENOISERCNN`, `DenoiserCNNSetPrecision()`
@*/
PetscErrorCode DenoiserCNNSetWinograd(Denoiser d, PetscBool flg)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveBool(d, flg, 2);
  PetscTryMethod(d, "DenoiserCNNSetWinograd_C", (Denoiser, PetscBool), (d, flg));
  PetscFunctionReturn(0);
}

/*@C
  DenoiserCNNSetThreads - Sets the number of OpenBLAS threads the CNN denoiser's convolutions run on

  Logically Collective

  Input Parameters:
+ d       - the denoiser
- threads - the thread count, or `PETSC_DEFAULT` for automatic

  Options Database Key:
. -denoiser_cnn_threads <0> - the thread count (0: automatic)

  Level: intermediate

  Notes:
  OpenBLAS keeps one thread count for the whole process; `DenoiserSetUp()` sets it. Automatic: the value of
  OPENBLAS_NUM_THREADS if that is set, else OpenBLAS's own count (the cores the process may run on), lowered
  so that the MPI ranks sharing a node use at most one thread per core together.

.seealso: `DENOISERCNN`, `DenoiserCNNSetPrecision()`
@*/
PetscErrorCode DenoiserCNNSetThreads(Denoiser d, PetscInt threads)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(d, DENOISER_CLASSID, 1);
  PetscValidLogicalCollectiveInt(d, threads, 2);
  PetscTryMethod(d, "DenoiserCNNSetThreads_C", (Denoiser, PetscInt), (d, threads));
  PetscFunctionReturn(0);
}
