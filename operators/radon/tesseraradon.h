/*
   tesseraradon.h - matrix-free parallel-beam Radon transform of a time series of square images, with an
   exact adjoint and filtered back-projection.
*/
#if !defined(TESSERARADON_H)
  #define TESSERARADON_H

  #include <petscmat.h>
  #include <tesserasys.h>

/* SUBMANSEC = Mat */

TESSERA_EXTERN PetscErrorCode MatCreateRadon(MPI_Comm comm, PetscInt N, PetscInt T, PetscInt nang, const PetscReal angles[], const PetscInt perframe[], Mat *A);
TESSERA_EXTERN PetscErrorCode MatRadonSetDetector(Mat A, PetscInt ndet, PetscReal ds);
TESSERA_EXTERN PetscErrorCode MatRadonGetGeometry(Mat A, PetscInt *N, PetscInt *T, PetscInt *ndet, PetscReal *ds);
TESSERA_EXTERN PetscErrorCode MatRadonGetAngles(Mat A, PetscInt *nang, const PetscReal *angles[], const PetscInt *frame[]);
TESSERA_EXTERN PetscErrorCode MatRadonGetLocalProjections(Mat A, PetscInt *pstart, PetscInt *pend);
TESSERA_EXTERN PetscErrorCode MatRadonFBP(Mat A, Vec g, Vec f);
TESSERA_EXTERN PetscErrorCode MatIsRadon(Mat A, PetscBool *flg);

TESSERA_EXTERN PetscErrorCode MatRadonInitializePackage(void);

#endif
