/*
   tesseraneumannfft.h - fast solver for (a I - b Lap_h) u = f with homogeneous Neumann conditions on a
   rectangle (cell-centred DMDA), by FFTW cosine transforms, as a shell Mat.
*/
#if !defined(TESSERANEUMANNFFT_H)
  #define TESSERANEUMANNFFT_H

  #include <petscdmda.h>
  #include <tesserasys.h>

/* SUBMANSEC = Mat */

TESSERA_EXTERN PetscErrorCode MatCreateNeumannFFT(DM da, const PetscReal L[], PetscReal a, PetscReal b, Mat *A);
TESSERA_EXTERN PetscErrorCode MatNeumannFFTSetCoefficients(Mat A, PetscReal a, PetscReal b);
TESSERA_EXTERN PetscErrorCode MatNeumannFFTGetEigenvalue(Mat A, const PetscInt k[], PetscReal *lambda);
TESSERA_EXTERN PetscErrorCode MatNeumannFFTGetLayout(Mat A, const char **layout);
TESSERA_EXTERN PetscErrorCode MatNeumannFFTInitializePackage(void);

#endif
