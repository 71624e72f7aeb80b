/*
   imagingcheck.h - adjoint identity check shared by the imaging operator tests (t3xx)
*/
#if !defined(IMAGINGCHECK_H)
  #define IMAGINGCHECK_H

  #include <petscmat.h>

/* |<A x, y> - <x, A^T y>| / (||A x|| ||y||); leaves A x in ax and A^T y in aty */
static inline PetscErrorCode ImagingAdjointDefect(Mat A, Vec x, Vec y, Vec ax, Vec aty, PetscReal *rel)
{
  PetscScalar d1, d2;
  PetscReal   n1, n2;

  PetscFunctionBegin;
  PetscCall(MatMult(A, x, ax));
  PetscCall(MatMultTranspose(A, y, aty));
  PetscCall(VecDot(ax, y, &d1));
  PetscCall(VecDot(x, aty, &d2));
  PetscCall(VecNorm(ax, NORM_2, &n1));
  PetscCall(VecNorm(y, NORM_2, &n2));
  *rel = PetscAbsScalar(d1 - d2) / (n1 * n2);
  PetscFunctionReturn(0);
}

#endif
