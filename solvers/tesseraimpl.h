/*
   tesseraimpl.h - private internals shared by all of tessera, and every PETSc version shim.

   tessera is written against PETSc 3.18. Each construct that changes in later releases goes through one
   macro here, so that a port touches this file only.
*/
#ifndef TESSERAIMPL_H
#define TESSERAIMPL_H

#include <petsc/private/petscimpl.h>
#include <tessera.h>

/* PETSC_SUCCESS appears in 3.19; 3.18 returns 0 */
#if PETSC_VERSION_LT(3, 19, 0)
  #define TESSERA_SUCCESS 0
#else
  #define TESSERA_SUCCESS PETSC_SUCCESS
#endif

/* PetscValidPointer becomes PetscAssertPointer in 3.20 */
#if PETSC_VERSION_LT(3, 20, 0)
  #define TesseraValidPointer(p, a) PetscValidPointer(p, a)
#else
  #define TesseraValidPointer(p, a) PetscAssertPointer(p, a)
#endif

/* the setfromoptions op takes PetscOptionItems * in 3.18-3.22 and by value from 3.23 */
#if PETSC_VERSION_LT(3, 23, 0)
  #define TESSERA_OPTIONS_ITEMS PetscOptionItems *
#else
  #define TESSERA_OPTIONS_ITEMS PetscOptionItems
#endif

/* Package initializers called by TesseraInitialize(), one per module, in dependency order */
TESSERA_INTERN PetscErrorCode TesseraIOInitializePackage(void);
TESSERA_INTERN PetscErrorCode RadonInitializePackage(void);
TESSERA_INTERN PetscErrorCode MRIInitializePackage(void);
TESSERA_INTERN PetscErrorCode DenoiserInitializePackage(void);
TESSERA_INTERN PetscErrorCode PhantomInitializePackage(void);
TESSERA_INTERN PetscErrorCode BilevelInitializePackage(void);
TESSERA_INTERN PetscErrorCode TesseraSketchInitializePackage(void);
TESSERA_INTERN PetscErrorCode TesseraALSketchInitializePackage(void);
TESSERA_INTERN PetscErrorCode TesseraNLPInitializePackage(void);
TESSERA_INTERN PetscErrorCode ChemotaxisInitializePackage(void);

#endif
