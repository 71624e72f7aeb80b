static char help[] = "Radon transform: adjoint identity, theta = 0 column sums, theta + pi symmetry, layout checks.\n\n\
Options:\n\
  -n <64>        image side\n\
  -frames <4>    number of time frames\n\
  -angles <256>  total number of projections (spread evenly over [0, pi), frame after frame)\n\
  -uneven        give the frames unequal numbers of projections\n\
  -bad <nan|inf> make angle 0 NaN or Inf (must fail)\n\
  -second        a second operator with the options prefix second_ (its own -second_radon_ndet, ...)\n\n";

#include <tessera.h>
#include "imagingcheck.h"
#include "tesseratest.h"

int main(int argc, char **argv)
{
  PetscInt    n = 64, T = 4, nang = 256, *perframe = NULL, ndet;
  PetscBool   uneven = PETSC_FALSE, second = PETSC_FALSE;
  char        bad[16] = "";
  PetscReal  *angles, rel = PETSC_MAX_REAL, ds; /* PETSC_MAX_REAL fails the check if never set */
  Mat         A;
  Vec         x, y, ax, aty;
  PetscRandom rnd;
  MPI_Comm    comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Radon test options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "", n, &n, NULL));
  PetscCall(PetscOptionsInt("-frames", "number of frames", "", T, &T, NULL));
  PetscCall(PetscOptionsInt("-angles", "total number of projections", "", nang, &nang, NULL));
  PetscCall(PetscOptionsBool("-uneven", "unequal projections per frame", "", uneven, &uneven, NULL));
  PetscCall(PetscOptionsString("-bad", "bad angle to exercise", "", bad, bad, sizeof(bad), NULL));
  PetscCall(PetscOptionsBool("-second", "a second operator with prefix second_", "", second, &second, NULL));
  PetscOptionsEnd();
  PetscCall(PetscMalloc1(nang, &angles));
  for (PetscInt p = 0; p < nang; p++) angles[p] = PETSC_PI * p / nang;
  if (bad[0]) {
    PetscBool nan;

    PetscCall(PetscStrcmp(bad, "nan", &nan));
    angles[0] = nan ? NAN : INFINITY;
  }
  if (uneven) {
    PetscInt left = nang;

    PetscCall(PetscMalloc1(T, &perframe));
    for (PetscInt t = 0; t < T - 1; t++) {
      perframe[t] = 1 + (t % 3);
      left -= perframe[t];
    }
    perframe[T - 1] = left;
  }
  PetscCall(MatCreateRadon(comm, n, T, nang, angles, perframe, &A));
  PetscCall(MatSetFromOptions(A)); /* -radon_ndet, -radon_det_spacing */
  PetscCall(MatRadonGetGeometry(A, NULL, NULL, &ndet, &ds));
  PetscCall(MatCreateVecs(A, &x, &y));
  PetscCall(MatCreateVecs(A, &aty, &ax));
  PetscCall(PetscRandomCreate(comm, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, 42));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(PetscRandomSetInterval(rnd, -1.0, 1.0));
  PetscCall(VecSetRandom(x, rnd));
  PetscCall(VecSetRandom(y, rnd));

  /* adjoint identity |<Ax,y> - <x,A^T y>| <= 1e-12 ||Ax|| ||y|| */
  PetscCall(ImagingAdjointDefect(A, x, y, ax, aty, &rel));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(rel <= 1e-12), "Radon N=%" PetscInt_FMT " frames=%" PetscInt_FMT " projections=%" PetscInt_FMT ": adjoint relative defect %.2e <= 1e-12", n, T, nang, (double)rel));

  /* theta = 0 (projection 0 of frame 0) equals the column sums of frame 0 when ndet = n, ds = 1 */
  if (ndet == n && ds == 1.0) {
    Vec                xall, yall;
    VecScatter         s1, s2;
    const PetscScalar *xa, *ya;
    PetscReal          err = 0, errpi = 0;
    PetscInt           half = -1;

    PetscCall(VecScatterCreateToAll(x, &s1, &xall));
    PetscCall(VecScatterCreateToAll(ax, &s2, &yall));
    PetscCall(VecScatterBegin(s1, x, xall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(s1, x, xall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterBegin(s2, ax, yall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(s2, ax, yall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecGetArrayRead(xall, &xa));
    PetscCall(VecGetArrayRead(yall, &ya));
    for (PetscInt j = 0; j < n; j++) {
      PetscReal cs = 0;

      for (PetscInt i = 0; i < n; i++) cs += PetscRealPart(xa[i * n + j]);
      err = PetscMax(err, PetscAbsReal(cs - PetscRealPart(ya[j])));
    }
    PetscCall(TesseraTestCheck(comm, (PetscBool)(err <= 1e-12), "theta = 0 projection equals the column sums (max diff %.1e <= 1e-12)", (double)err));
    /* theta + pi reverses the detector: compare the first and the middle projection of a one-frame transform */
    if (T == 1 && nang % 2 == 0) half = nang / 2;
    if (half > 0) {
      Mat       B;
      PetscReal two[2] = {angles[1], angles[1] + PETSC_PI};
      Vec       bx, ball;

      PetscCall(MatCreateRadon(PETSC_COMM_SELF, n, 1, 2, two, NULL, &B));
      PetscCall(VecCreateSeqWithArray(PETSC_COMM_SELF, 1, n * n, xa, &ball));
      PetscCall(MatCreateVecs(B, NULL, &bx));
      PetscCall(MatMult(B, ball, bx));
      PetscCall(VecGetArrayRead(bx, &ya));
      for (PetscInt k = 0; k < n; k++) errpi = PetscMax(errpi, PetscAbsReal(PetscRealPart(ya[k]) - PetscRealPart(ya[n + n - 1 - k])));
      PetscCall(VecRestoreArrayRead(bx, &ya));
      PetscCall(TesseraTestCheck(comm, (PetscBool)(errpi <= 1e-10), "theta + pi projection is the reversed theta projection (max diff %.1e <= 1e-10)", (double)errpi));
      PetscCall(VecDestroy(&bx));
      PetscCall(VecDestroy(&ball));
      PetscCall(MatDestroy(&B));
      PetscCall(VecGetArrayRead(yall, &ya));
    }
    PetscCall(VecRestoreArrayRead(yall, &ya));
    PetscCall(VecRestoreArrayRead(xall, &xa));
    PetscCall(VecScatterDestroy(&s1));
    PetscCall(VecScatterDestroy(&s2));
    PetscCall(VecDestroy(&xall));
    PetscCall(VecDestroy(&yall));
  }
  if (second) { /* a second operator on the same angles takes its own detector from its prefix */
    Mat       B;
    Vec       bx, by, bax, baty;
    PetscInt  ndet2, want = n;
    PetscReal ds2, wantds = 1.0, rel2 = PETSC_MAX_REAL;

    PetscCall(MatCreateRadon(comm, n, T, nang, angles, perframe, &B));
    PetscCall(MatSetOptionsPrefix(B, "second_"));
    PetscCall(MatSetFromOptions(B));
    PetscCall(MatRadonGetGeometry(B, NULL, NULL, &ndet2, &ds2));
    PetscCall(PetscOptionsGetInt(NULL, "second_", "-radon_ndet", &want, NULL));
    PetscCall(PetscOptionsGetReal(NULL, "second_", "-radon_det_spacing", &wantds, NULL));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(ndet2 == want && ds2 == wantds), "two operators: detector %" PetscInt_FMT " bins x %g and (prefix second_) %" PetscInt_FMT " bins x %g, the second as its options ask (%" PetscInt_FMT " x %g)", ndet,
                               (double)ds, ndet2, (double)ds2, want, (double)wantds));
    PetscCall(MatCreateVecs(B, &bx, &by));
    PetscCall(MatCreateVecs(B, &baty, &bax));
    PetscCall(VecSetRandom(bx, rnd));
    PetscCall(VecSetRandom(by, rnd));
    PetscCall(ImagingAdjointDefect(B, bx, by, bax, baty, &rel2));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(rel2 <= 1e-12), "second operator: adjoint relative defect %.2e <= 1e-12", (double)rel2));
    PetscCall(VecDestroy(&bx));
    PetscCall(VecDestroy(&by));
    PetscCall(VecDestroy(&bax));
    PetscCall(VecDestroy(&baty));
    PetscCall(MatDestroy(&B));
  }
  PetscCall(MatViewFromOptions(A, NULL, "-radon_view"));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&y));
  PetscCall(VecDestroy(&ax));
  PetscCall(VecDestroy(&aty));
  PetscCall(MatDestroy(&A));
  PetscCall(PetscFree(perframe));
  PetscCall(PetscFree(angles));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
