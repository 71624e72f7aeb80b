/*
   tesseraneumannfft.h - fast solver for (a I - b Lap_h) u = f with homogeneous Neumann conditions on a
   rectangle (cell-centred DMDA), by FFTW cosine transforms, as a shell Mat.
*/
#if !defined(TESSERANEUMANNFFT_H)
  #define TESSERANEUMANNFFT_H

  #include <petscdmda.h>
  #include <tesserasys.h>

/* SUBMANSEC = Mat */

TESSERA_EXTERN PetscErrorCode MatCreateNeumannFFT(DM, const PetscReal[], PetscReal, PetscReal, Mat *);
TESSERA_EXTERN PetscErrorCode MatNeumannFFTSetCoefficients(Mat, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode MatNeumannFFTGetEigenvalue(Mat, const PetscInt[], PetscReal *);
TESSERA_EXTERN PetscErrorCode TesseraNeumannFFTInitializePackage(void);

#endif
