static char help[] = "Tests the FFTW cosine-transform solver for (a I - b Lap_h) with Neumann conditions (operators/neumannfft).\n\n\
  -dim <2>              space dimension\n\
  -expect_layout <name>  check where the transforms run (serial, distributed, gathered)\n\n";

/*
   For random right-hand sides f, u = MatMult(A, f) must satisfy (a I - b Lap_h) u = f, with Lap_h the cell-centred
   Neumann Laplacian assembled here independently (stencil loop, zero boundary fluxes), to 1e-10 relative; and the
   mode cos(pi k (i+1/2)/M) must be an eigenvector with the eigenvalue from MatNeumannFFTGetEigenvalue().
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode ApplyOperator(DM da, const PetscReal h[], PetscReal a, PetscReal b, Vec u, Vec f)
{
  Vec                ul;
  const PetscScalar *x;
  PetscScalar       *y;
  PetscInt           dim, M[3], xs, ys, zs, xm, ym, zm, gxs, gys, gzs, gxm, gym, gzm, st[3];

  PetscFunctionBeginUser;
  PetscCall(DMDAGetInfo(da, &dim, &M[0], &M[1], &M[2], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMGetLocalVector(da, &ul));
  PetscCall(DMGlobalToLocalBegin(da, u, INSERT_VALUES, ul));
  PetscCall(DMGlobalToLocalEnd(da, u, INSERT_VALUES, ul));
  PetscCall(DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm));
  PetscCall(DMDAGetGhostCorners(da, &gxs, &gys, &gzs, &gxm, &gym, &gzm));
  st[0] = 1;
  st[1] = gxm;
  st[2] = gxm * gym;
  PetscCall(VecGetArrayRead(ul, &x));
  PetscCall(VecGetArray(f, &y));
  for (PetscInt k = zs; k < zs + zm; k++)
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++) {
        PetscInt    idx[3] = {i, j, k}, g = ((k - gzs) * gym + (j - gys)) * gxm + (i - gxs), o = ((k - zs) * ym + (j - ys)) * xm + (i - xs);
        PetscScalar lap = 0;

        for (PetscInt d = 0; d < dim; d++) {
          if (idx[d] + 1 < M[d]) lap += (x[g + st[d]] - x[g]) / (h[d] * h[d]);
          if (idx[d] > 0) lap -= (x[g] - x[g - st[d]]) / (h[d] * h[d]);
        }
        y[o] = a * x[g] - b * lap;
      }
  PetscCall(VecRestoreArray(f, &y));
  PetscCall(VecRestoreArrayRead(ul, &x));
  PetscCall(DMRestoreLocalVector(da, &ul));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt    dim = 2, M[3] = {24, 17, 10};
  PetscReal   L[3] = {1.0, 2.5, 0.7}, h[3], coef[3][2] = {{1.0, 1.0}, {1.0, 0.3}, {2.0, 0.0}}, worst = 0, eigerr = 0;
  DM          da;
  Mat         A;
  Vec         f, u, r;
  PetscRandom rnd;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-dim", &dim, NULL));
  PetscCheck(dim >= 1 && dim <= 3, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "-dim must be 1, 2 or 3");
  if (dim == 1) PetscCall(DMDACreate1d(PETSC_COMM_WORLD, DM_BOUNDARY_NONE, M[0], 1, 1, NULL, &da));
  else if (dim == 2) PetscCall(DMDACreate2d(PETSC_COMM_WORLD, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, M[0], M[1], PETSC_DECIDE, PETSC_DECIDE, 1, 1, NULL, NULL, &da));
  else PetscCall(DMDACreate3d(PETSC_COMM_WORLD, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, M[0], M[1], M[2], PETSC_DECIDE, PETSC_DECIDE, PETSC_DECIDE, 1, 1, NULL, NULL, NULL, &da));
  PetscCall(DMSetFromOptions(da)); /* -da_processors_x etc.: ownerships that differ from FFTW's slabs */
  PetscCall(DMSetUp(da));
  for (PetscInt d = 0; d < 3; d++) h[d] = L[d] / M[d];
  PetscCall(DMCreateGlobalVector(da, &f));
  PetscCall(VecDuplicate(f, &u));
  PetscCall(VecDuplicate(f, &r));
  PetscCall(PetscRandomCreate(PETSC_COMM_WORLD, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, 42));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(MatCreateNeumannFFT(da, L, 1.0, 1.0, &A));
  {
    const char *layout;
    char        expect[64] = "";
    PetscBool   flg;

    PetscCall(MatNeumannFFTGetLayout(A, &layout));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "transforms: %s\n", layout));
    PetscCall(PetscOptionsGetString(NULL, NULL, "-expect_layout", expect, sizeof(expect), &flg));
    if (flg) PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, !strcmp(layout, expect), "transforms run as %s (expected %s)", layout, expect));
  }
  for (PetscInt q = 0; q < 3; q++) {
    PetscReal nf, nr;

    PetscCall(MatNeumannFFTSetCoefficients(A, coef[q][0], coef[q][1]));
    PetscCall(VecSetRandom(f, rnd));
    PetscCall(MatMult(A, f, u));
    PetscCall(ApplyOperator(da, h, coef[q][0], coef[q][1], u, r));
    PetscCall(VecAXPY(r, -1.0, f));
    PetscCall(VecNorm(r, NORM_INFINITY, &nr));
    PetscCall(VecNorm(f, NORM_INFINITY, &nf));
    worst = PetscMax(worst, nr / nf);
  }
  {
    /* eigenvector check for mode k = (3, 2, 1) */
    PetscInt     k[3] = {3, 2, 1}, xs, ys, zs, xm, ym, zm;
    PetscScalar *x;
    PetscReal    lam, nr, nu;

    PetscCall(MatNeumannFFTGetEigenvalue(A, k, &lam));
    PetscCall(DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm));
    PetscCall(VecGetArray(u, &x));
    for (PetscInt kk = zs; kk < zs + zm; kk++)
      for (PetscInt j = ys; j < ys + ym; j++)
        for (PetscInt i = xs; i < xs + xm; i++) {
          PetscReal v = PetscCosReal(PETSC_PI * k[0] * (i + 0.5) / M[0]);

          if (dim > 1) v *= PetscCosReal(PETSC_PI * k[1] * (j + 0.5) / M[1]);
          if (dim > 2) v *= PetscCosReal(PETSC_PI * k[2] * (kk + 0.5) / M[2]);
          x[((kk - zs) * ym + (j - ys)) * xm + (i - xs)] = v;
        }
    PetscCall(VecRestoreArray(u, &x));
    PetscCall(ApplyOperator(da, h, 0.0, -1.0, u, r)); /* r = Lap_h u */
    PetscCall(VecAXPY(r, lam, u));                    /* Lap_h u + lam u = 0 */
    PetscCall(VecNorm(r, NORM_INFINITY, &nr));
    PetscCall(VecNorm(u, NORM_INFINITY, &nu));
    eigerr = nr / (lam * nu);
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, worst < 1e-10, "%" PetscInt_FMT "-D: (a I - b Lap_h) u = f to 1e-10 relative for 3 (a, b) (%.1e)", dim, (double)worst));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, eigerr < 1e-12, "%" PetscInt_FMT "-D: cosine mode is an eigenvector with the stated eigenvalue (%.1e)", dim, (double)eigerr));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(MatDestroy(&A));
  PetscCall(VecDestroy(&f));
  PetscCall(VecDestroy(&u));
  PetscCall(VecDestroy(&r));
  PetscCall(DMDestroy(&da));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
