/*I "tessera.h" I*/
/*
   tessera.c - TesseraInitialize() and TesseraFinalize(): register every class, type, problem set and log
   event of tessera with PETSc, so that user programs select them by name.
*/
#include <tesseraimpl.h>
#include <tessera.h>
#include "../io/tesseraioimpl.h" /* the error handler that removes pending temporary files */

static PetscBool TesseraPackageInitialized = PETSC_FALSE;

/* every package, layer by layer; shared by TesseraInitialize() and PetscDLLibraryRegister_tessera() */
static PetscErrorCode TesseraInitializePackages_Private(void)
{
  PetscFunctionBegin;
  TesseraPackageInitialized = PETSC_TRUE;
  /* io */
  PetscCall(TesseraIOInitializePackage());
  /* operators */
  PetscCall(MatRadonInitializePackage());
  PetscCall(MatMRIInitializePackage());
  PetscCall(DenoiserInitializePackage());
  PetscCall(MatNeumannFFTInitializePackage());
  /* solvers */
  PetscCall(KSPSketchInitializePackage());
  PetscCall(TaoALSketchInitializePackage());
  PetscCall(AtomInitializePackage());
  PetscCall(BilevelInitializePackage());
  PetscCall(ChemotaxisInitializePackage());
  PetscCall(ReconInitializePackage());
  /* problems */
  PetscCall(PhantomInitializePackage());
  PetscCall(NLPProblemInitializePackage());
  PetscCall(AtomProblemInitializePackage());
  PetscCall(BilevelProblemInitializePackage());
  PetscCall(ChemotaxisProblemInitializePackage());
  PetscCall(PetscRegisterFinalize(TesseraFinalize));
  /* an error that ends the run removes the temporary files of open write viewers (io/io.c) */
  PetscCall(TesseraIOErrorHandlerSet_Private(PETSC_TRUE));
  PetscFunctionReturn(0);
}

/*@C
  TesseraInitialize - Registers all tessera classes, types (Tao, KSP and tessera's own), problem sets and
  log events with PETSc

  Collective on `PETSC_COMM_WORLD`

  Level: beginner

  Notes:
  Call it after `PetscInitialize()`, as a SLEPc program calls `SlepcInitialize()`. It is idempotent. Each class
  initializes its own package when its first object is created (as `KSPCreate()` calls `KSPInitializePackage()`);
  `TesseraInitialize()` is needed for what no tessera `Create` can trigger: selecting the Tao type `alsketch` or
  the KSP type `sketch` by name, and listing every registered name under `-help`. Library code never calls it.
  A plain PETSc program gets the same registrations with `-dll_append libtessera.so`
  (`PetscDLLibraryRegister_tessera()`). `TesseraFinalize()` is registered with `PetscRegisterFinalize()` and runs
  inside `PetscFinalize()`.

  It also pushes an error handler (PETSc's traceback handler, removed by `TesseraFinalize()`) that, when an error
  reaches `main()` and PETSc is about to abort the run, first removes the temporary files of the write viewers
  of `TesseraIOOpen()` still open, so an error exit leaves no "<name>.<random>.tmp" file behind (a normal exit
  removes them too). It is not pushed with -on_error_abort, -on_error_attach_debugger or -on_error_emacs.

.seealso: `TesseraFinalize()`, `PetscInitialize()`
@*/
PetscErrorCode TesseraInitialize(void)
{
  PetscBool petscinit;

  PetscFunctionBegin;
  if (TesseraPackageInitialized) PetscFunctionReturn(0);
  PetscCall(PetscInitialized(&petscinit));
  PetscCheck(petscinit, PETSC_COMM_SELF, PETSC_ERR_ORDER, "Call PetscInitialize() before TesseraInitialize()");
  PetscCall(TesseraInitializePackages_Private());
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
  PetscCall(TesseraIOErrorHandlerSet_Private(PETSC_FALSE));
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
  PetscDLLibraryRegister_tessera - Registers every tessera class, type and problem set when libtessera is loaded
  as a PETSc dynamic library

  Not Collective

  Level: developer

  Notes:
  PETSc calls it during `PetscInitialize()` for a program run with `-dll_append /path/to/libtessera.so`, so that a
  plain PETSc program, not linked against tessera, can use `-tao_type alsketch` or `-ksp_type sketch`.
  It does what `TesseraInitialize()` does, without that routine's check that `PetscInitialize()` has returned
  (it has not, when PETSc loads the library).

.seealso: `TesseraInitialize()`, `PetscDLLibraryAppend()`
@*/
PetscErrorCode PetscDLLibraryRegister_tessera(void)
{
  PetscFunctionBegin;
  if (TesseraPackageInitialized) PetscFunctionReturn(0);
  PetscCall(TesseraInitializePackages_Private());
  PetscFunctionReturn(0);
}
