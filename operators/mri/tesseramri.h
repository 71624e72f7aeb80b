/*
   tesseramri.h - dynamic Cartesian MRI sampling: orthonormal 2-D FFT of each frame followed by a per-frame
   set of k-space lines, as a matrix-free operator with its exact adjoint.
*/
#if !defined(TESSERAMRI_H)
  #define TESSERAMRI_H

  #include <petscmat.h>
  #include <tesserasys.h>

/* SUBMANSEC = Mat */

TESSERA_EXTERN PetscErrorCode MatCreateMRISampling(MPI_Comm comm, PetscInt N, PetscInt T, const PetscInt nlines[], const PetscInt lines[], PetscBool cplx, Mat *A);
TESSERA_EXTERN PetscErrorCode MatMRILinesGolden(PetscInt N, PetscInt T, PetscInt nper, PetscInt nlines[], PetscInt lines[]);

TESSERA_EXTERN PetscErrorCode MatMRIInitializePackage(void);

#endif
