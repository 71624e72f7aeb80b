/*I "tessera.h" I*/
/*
   tessera.c - TesseraInitialize() and TesseraFinalize(): register every class, type, problem set and log
   event of tessera with PETSc, so that user programs select them by name.
*/
#include <tesseraimpl.h>

static PetscBool TesseraPackageInitialized = PETSC_FALSE;

/*@C
  TesseraInitialize - Registers all tessera classes, types (Tao, KSP and tessera's own), problem sets and
  log events with PETSc

  Collective on `PETSC_COMM_WORLD`

  Level: beginner

  Notes:
  Call it after `PetscInitialize()`. It is idempotent and is also called lazily by the create and register
  routines of every tessera class. `TesseraFinalize()` is registered with `PetscRegisterFinalize()` and runs
  inside `PetscFinalize()`.

.seealso: `TesseraFinalize()`, `PetscInitialize()`
@*/
PetscErrorCode TesseraInitialize(void)
{
  PetscBool petscinit;

  PetscFunctionBegin;
  if (TesseraPackageInitialized) PetscFunctionReturn(0);
  PetscCall(PetscInitialized(&petscinit));
  PetscCheck(petscinit, PETSC_COMM_SELF, PETSC_ERR_ORDER, "Call PetscInitialize() before TesseraInitialize()");
  TesseraPackageInitialized = PETSC_TRUE;
  PetscCall(TesseraIOInitializePackage());
  PetscCall(RadonInitializePackage());
  PetscCall(MRIInitializePackage());
  PetscCall(DenoiserInitializePackage());
  PetscCall(PhantomInitializePackage());
  PetscCall(BilevelInitializePackage());
  PetscCall(AtomInitializePackage());
  PetscCall(TesseraSketchInitializePackage());
  PetscCall(TesseraALSketchInitializePackage());
  PetscCall(TesseraNLPInitializePackage());
  PetscCall(ChemotaxisInitializePackage());
  PetscCall(PetscRegisterFinalize(TesseraFinalize));
  PetscFunctionReturn(0);
}

/*@C
  TesseraFinalize - Frees the registries of tessera; called by `PetscFinalize()`

  Not Collective

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode TesseraFinalize(void)
{
  PetscFunctionBegin;
  TesseraPackageInitialized = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  TesseraInitialized - Tells whether `TesseraInitialize()` has been called

  Not Collective

  Output Parameter:
. isinit - `PETSC_TRUE` after `TesseraInitialize()` and before `PetscFinalize()`

  Level: beginner

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode TesseraInitialized(PetscBool *isinit)
{
  PetscFunctionBegin;
  TesseraValidPointer(isinit, 1);
  *isinit = TesseraPackageInitialized;
  PetscFunctionReturn(0);
}

/*@C
  TesseraGetVersion - Gets the tessera version string

  Not Collective

  Input Parameter:
. len - length of the buffer

  Output Parameter:
. version - the version, e.g. "tessera 0.1.0"

  Level: beginner

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode TesseraGetVersion(char version[], size_t len)
{
  PetscFunctionBegin;
  PetscValidCharPointer(version, 1);
  PetscCall(PetscSNPrintf(version, len, "tessera %s", TESSERA_VERSION_STRING));
  PetscFunctionReturn(0);
}
