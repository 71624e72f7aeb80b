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
#include <petscts.h>
#include <tesserasys.h>

/* SUBMANSEC = IO */

TESSERA_EXTERN PetscErrorCode TesseraIOOpen(MPI_Comm comm, const char name[], PetscFileMode mode, const char problem[], PetscViewer *viewer);
TESSERA_EXTERN PetscErrorCode TesseraIOClose(PetscViewer *viewer);
TESSERA_EXTERN PetscErrorCode TesseraIOGetFileName(PetscViewer viewer, const char **name);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteVec(PetscViewer viewer, const char group[], Vec vec);
TESSERA_EXTERN PetscErrorCode TesseraIOReadVec(PetscViewer viewer, const char group[], Vec vec);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteArray(PetscViewer viewer, const char group[], const char name[], PetscInt n, const PetscReal a[]);
TESSERA_EXTERN PetscErrorCode TesseraIOReadArray(PetscViewer viewer, const char group[], const char name[], PetscInt n, PetscReal a[]);
TESSERA_EXTERN PetscErrorCode TesseraIOGetArraySize(PetscViewer viewer, const char group[], const char name[], PetscInt *n);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteAttribute(PetscViewer viewer, const char obj[], const char name[], PetscDataType datatype, const void *value);
TESSERA_EXTERN PetscErrorCode TesseraIOReadAttribute(PetscViewer viewer, const char obj[], const char name[], PetscDataType datatype, void *value);
TESSERA_EXTERN PetscErrorCode TesseraIOHasAttribute(PetscViewer viewer, const char obj[], const char name[], PetscBool *has);
TESSERA_EXTERN PetscErrorCode TesseraIOHasDataset(PetscViewer viewer, const char group[], const char name[], PetscBool *has);
TESSERA_EXTERN PetscErrorCode TesseraIOSetTimestep(PetscViewer viewer, PetscInt step);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteParameters(PetscViewer viewer, const char group[], PetscInt n, const char *const names[], const PetscReal values[]);
TESSERA_EXTERN PetscErrorCode TesseraIOCheckParameters(PetscViewer viewer, const char group[], PetscInt n, const char *const names[], const PetscReal values[], PetscReal rtol);
TESSERA_EXTERN PetscErrorCode TesseraIOCheckString(PetscViewer viewer, const char obj[], const char name[], const char expected[]);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteTimeState(PetscViewer viewer, const char group[], TS ts);
TESSERA_EXTERN PetscErrorCode TesseraIOReadTimeState(PetscViewer viewer, const char group[], TS ts, PetscInt *step, PetscReal *time);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteXDMF(PetscViewer viewer, const char group[], PetscInt dim, const PetscInt M[], const PetscReal L[], PetscInt nfields, const char *const fields[], PetscInt nsteps, const PetscReal times[]);
TESSERA_EXTERN PetscErrorCode TesseraIOWriteXDMFVolume(PetscViewer viewer, const char suffix[], const char group[], PetscInt dim, const PetscInt M[], const PetscReal L[], PetscInt nfields, const char *const fields[]);

TESSERA_EXTERN PetscErrorCode TesseraIOInitializePackage(void);

#endif
