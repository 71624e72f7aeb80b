/*
   tesserasys.h - package-wide declarations of tessera: export macros, initialization and finalization.
*/
#ifndef TESSERASYS_H
#define TESSERASYS_H

#include <petscsys.h>
#include <tesseraversion.h>

/* SUBMANSEC = Sys */

#if !defined(TESSERA_EXTERN)
  #define TESSERA_EXTERN extern __attribute__((visibility("default")))
#endif
#if !defined(TESSERA_INTERN)
  #define TESSERA_INTERN extern __attribute__((visibility("hidden")))
#endif

TESSERA_EXTERN PetscErrorCode TesseraInitialize(void);
TESSERA_EXTERN PetscErrorCode TesseraFinalize(void);
TESSERA_EXTERN PetscErrorCode TesseraInitialized(PetscBool *);
TESSERA_EXTERN PetscErrorCode TesseraGetVersion(char[], size_t);

#endif
