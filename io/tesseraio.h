/*
   tesseraio.h - tessera's HDF5 checkpoint and results layer (the only module that speaks HDF5).

   Files are written atomically: TesseraIOOpen() in FILE_MODE_WRITE opens "<name>.tmp", TesseraIOClose()
   flushes, fsyncs and renames it to <name>, so an interrupted write leaves the previous file intact.
   Reading validates the file (exists, is HDF5, not truncated, written by tessera for the expected problem)
   and every dataset (present, of the expected size, finite) and reports the file name in every error.
*/
#ifndef TESSERAIO_H
#define TESSERAIO_H

#include <petscvec.h>
#include <petscviewer.h>
#include <tesserasys.h>

/* SUBMANSEC = IO */

TESSERA_EXTERN PetscErrorCode TesseraIOOpen(MPI_Comm, const char[], PetscFileMode, const char[], PetscViewer *);
TESSERA_EXTERN PetscErrorCode TesseraIOClose(PetscViewer *);
TESSERA_EXTERN PetscErrorCode TesseraIOGetFileName(PetscViewer, const char **);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteVec(PetscViewer, const char[], Vec);
TESSERA_EXTERN PetscErrorCode TesseraIOReadVec(PetscViewer, const char[], Vec);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteArray(PetscViewer, const char[], const char[], PetscInt, const PetscReal[]);
TESSERA_EXTERN PetscErrorCode TesseraIOReadArray(PetscViewer, const char[], const char[], PetscInt, PetscReal[]);
TESSERA_EXTERN PetscErrorCode TesseraIOGetArraySize(PetscViewer, const char[], const char[], PetscInt *);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteAttribute(PetscViewer, const char[], const char[], PetscDataType, const void *);
TESSERA_EXTERN PetscErrorCode TesseraIOReadAttribute(PetscViewer, const char[], const char[], PetscDataType, void *);
TESSERA_EXTERN PetscErrorCode TesseraIOHasAttribute(PetscViewer, const char[], const char[], PetscBool *);
TESSERA_EXTERN PetscErrorCode TesseraIOHasDataset(PetscViewer, const char[], const char[], PetscBool *);
TESSERA_EXTERN PetscErrorCode TesseraIOSetTimestep(PetscViewer, PetscInt);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteXDMF(MPI_Comm, const char[], const char[], const char[], PetscInt, const PetscInt[], const PetscReal[], PetscInt, const char *const[], PetscInt, const PetscReal[]);

TESSERA_EXTERN PetscErrorCode TesseraIOInitializePackage(void);

#endif
