/*
   tesseramri.h - dynamic Cartesian MRI sampling: orthonormal 2-D FFT of each frame followed by a per-frame
   set of k-space lines, as a matrix-free operator with its exact adjoint.
*/
#if !defined(TESSERAMRI_H)
  #define TESSERAMRI_H

  #include <petscmat.h>
  #include <tesserasys.h>

/* SUBMANSEC = Mat */

TESSERA_EXTERN PetscErrorCode MatCreateMRISampling(MPI_Comm, PetscInt, PetscInt, const PetscInt[], const PetscInt[], PetscBool, Mat *);
TESSERA_EXTERN PetscErrorCode MatMRILinesGolden(PetscInt, PetscInt, PetscInt, PetscInt[], PetscInt[]);

TESSERA_EXTERN PetscErrorCode MatMRIInitializePackage(void);

#endif
