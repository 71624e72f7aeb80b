static char help[] = "MRI sampling: orthonormality of the full 2-D FFT, adjoint identity with golden-ratio line masks,\n\
the DC coefficient of a constant image, real and complex images.\n\n\
Options:\n\
  -n <32>       image side\n\
  -frames <6>   number of frames\n\
  -lines <5>    lines per frame for the undersampled operator\n\
  -bad_null     create the operator with a NULL lines array (must fail)\n\n";

#include <tessera.h>
#include "imagingcheck.h"
#include "tesseratest.h"

static PetscErrorCode AdjointDefect(Mat A, PetscRandom rnd, PetscReal *rel)
{
  Vec x, y, ax, aty;

  PetscFunctionBegin;
  PetscCall(MatCreateVecs(A, &x, &y));
  PetscCall(MatCreateVecs(A, &aty, &ax));
  PetscCall(VecSetRandom(x, rnd));
  PetscCall(VecSetRandom(y, rnd));
  PetscCall(ImagingAdjointDefect(A, x, y, ax, aty, rel));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&y));
  PetscCall(VecDestroy(&ax));
  PetscCall(VecDestroy(&aty));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt    N = 32, T = 6, nper = 5, *nl, *lines, *nall, *all;
  PetscBool   good, badnull = PETSC_FALSE;
  PetscReal   rel = 1, nx, nax, err;
  Mat         A;
  Vec         x, ax, x2;
  PetscRandom rnd;
  MPI_Comm    comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "MRI test options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "", N, &N, NULL));
  PetscCall(PetscOptionsInt("-frames", "frames", "", T, &T, NULL));
  PetscCall(PetscOptionsInt("-lines", "lines per frame", "", nper, &nper, NULL));
  PetscCall(PetscOptionsBool("-bad_null", "NULL lines array", "", badnull, &badnull, NULL));
  PetscOptionsEnd();
  PetscCall(PetscRandomCreate(comm, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, 5));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(PetscRandomSetInterval(rnd, -1.0, 1.0));
  PetscCall(PetscMalloc4(T, &nl, T * nper, &lines, T, &nall, T * N, &all));
  PetscCall(MatMRILinesGolden(N, T, nper, nl, lines));
  for (PetscInt t = 0; t < T; t++) {
    nall[t] = N;
    for (PetscInt l = 0; l < N; l++) all[t * N + l] = (l + 3 * t) % N;
  }

  if (badnull) PetscCall(MatCreateMRISampling(comm, N, T, nl, NULL, PETSC_FALSE, &A));
  /* full sampling, complex images: F is orthonormal and A^T A = I */
  PetscCall(MatCreateMRISampling(comm, N, T, nall, all, PETSC_TRUE, &A));
  PetscCall(MatCreateVecs(A, &x, &ax));
  PetscCall(VecDuplicate(x, &x2));
  PetscCall(VecSetRandom(x, rnd));
  PetscCall(MatMult(A, x, ax));
  PetscCall(MatMultTranspose(A, ax, x2));
  PetscCall(VecNorm(x, NORM_2, &nx));
  PetscCall(VecNorm(ax, NORM_2, &nax));
  PetscCall(VecAXPY(x2, -1.0, x));
  PetscCall(VecNorm(x2, NORM_2, &err));
  good = (PetscBool)(PetscAbsReal(nax - nx) <= 1e-12 * nx && err <= 1e-12 * nx);
  PetscCall(TesseraTestCheck(comm, good, "full sampling: | ||Fx|| - ||x|| | / ||x|| = %.1e, ||F^H F x - x|| / ||x|| = %.1e, both <= 1e-12", (double)(PetscAbsReal(nax - nx) / nx), (double)(err / nx)));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&x2));
  PetscCall(VecDestroy(&ax));
  PetscCall(MatDestroy(&A));

  /* undersampled, real and complex images: adjoint identity; constant image -> DC = N at the centre */
  for (PetscInt c = 0; c < 2; c++) {
    PetscCall(MatCreateMRISampling(comm, N, T, nl, lines, (PetscBool)c, &A));
    PetscCall(AdjointDefect(A, rnd, &rel));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(rel <= 1e-12), "%s images, %" PetscInt_FMT " golden-ratio lines per frame: adjoint defect %.1e <= 1e-12", c ? "complex" : "real", nper, (double)rel));
    PetscCall(MatDestroy(&A));
  }
  {
    PetscInt           one = 1, centre = N / 2, nloc;
    const PetscScalar *ya;

    PetscCall(MatCreateMRISampling(PETSC_COMM_SELF, N, 1, &one, &centre, PETSC_FALSE, &A));
    PetscCall(MatCreateVecs(A, &x, &ax));
    PetscCall(VecSet(x, 1.0));
    PetscCall(MatMult(A, x, ax));
    PetscCall(VecGetLocalSize(ax, &nloc));
    PetscCall(VecGetArrayRead(ax, &ya));
    err = 0;
    for (PetscInt k = 0; k < nloc / 2; k++) err = PetscMax(err, PetscAbsScalar(ya[2 * k] - (k == N / 2 ? N : 0)) + PetscAbsScalar(ya[2 * k + 1]));
    PetscCall(VecRestoreArrayRead(ax, &ya));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(err <= 1e-12), "constant image: k-space is N at k = 0 and zero elsewhere on the centre line (err %.1e <= 1e-12)", (double)err));
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&ax));
    PetscCall(MatDestroy(&A));
  }
  PetscCall(PetscFree4(nl, lines, nall, all));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
