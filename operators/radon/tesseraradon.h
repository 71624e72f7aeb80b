/*
   tesseraradon.h - matrix-free parallel-beam Radon transform of a time series of square images, with an
   exact adjoint and filtered back-projection.
*/
#if !defined(TESSERARADON_H)
  #define TESSERARADON_H

  #include <petscmat.h>
  #include <tesserasys.h>

/* SUBMANSEC = Mat */

TESSERA_EXTERN PetscErrorCode MatCreateRadon(MPI_Comm, PetscInt, PetscInt, PetscInt, const PetscReal[], const PetscInt[], Mat *);
TESSERA_EXTERN PetscErrorCode MatRadonSetDetector(Mat A, PetscInt ndet, PetscReal ds);
TESSERA_EXTERN PetscErrorCode MatRadonGetGeometry(Mat, PetscInt *, PetscInt *, PetscInt *, PetscReal *);
TESSERA_EXTERN PetscErrorCode MatRadonGetAngles(Mat, PetscInt *, const PetscReal *[], const PetscInt *[]);
TESSERA_EXTERN PetscErrorCode MatRadonGetLocalProjections(Mat, PetscInt *, PetscInt *);
TESSERA_EXTERN PetscErrorCode MatRadonFBP(Mat, Vec, Vec);
TESSERA_EXTERN PetscErrorCode MatIsRadon(Mat, PetscBool *);

TESSERA_EXTERN PetscErrorCode MatRadonInitializePackage(void);

#endif
