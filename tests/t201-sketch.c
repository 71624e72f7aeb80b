static char help[] = "Tests KSPSKETCH: accuracy on SPD and symmetric indefinite systems, the expected rate of randomized\n\
Kaczmarz, reproducibility with a seed and independence of the number of MPI ranks.\n\
  -n <50>      : size of the systems\n\
  -rate_n <10> : size of the system of the rate test\n";

/*
   For each sketch (gaussian, kaczmarz uniform/rownorm, block_gaussian, block_kaczmarz) and each matrix (random
   SPD, random symmetric indefinite; consistent right-hand side b = A z*):
     1. the relative residual reaches 1e-10 and the error is small;
     2. a second solve with the same seed gives bitwise identical iterates;
     3. the distributed solve equals a sequential solve of the same system on every rank to 1e-12.
   Rate: for uniform and row-norm Kaczmarz the mean squared error over 50 seeds after j steps is at most
   1.2 (1 - gamma)^j ||z*||^2 with gamma = lambda_min(A^T D^-2 A)/N (uniform) or sigma_min(A)^2/||A||_F^2
   (row-norm), computed here with LAPACK.
*/
#include <tessera.h>
#include <petscblaslapack.h>
#include "tesseratest.h"

/* the same dense random symmetric matrix on every rank: SPD (I + 0.3 R) or indefinite (diag(+-(1..2)) + 0.1 R) */
static PetscErrorCode FormDense(PetscInt n, PetscBool spd, PetscReal *a)
{
  PetscRandom rnd;

  PetscFunctionBegin;
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetType(rnd, PETSCRANDER48));
  PetscCall(PetscRandomSetSeed(rnd, spd ? 11 : 12));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(PetscRandomSetInterval(rnd, -1.0, 1.0));
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt j = 0; j <= i; j++) {
      PetscReal v;

      PetscCall(PetscRandomGetValueReal(rnd, &v));
      a[i * n + j] = a[j * n + i] = v / PetscSqrtReal((PetscReal)n);
    }
  }
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt j = 0; j < n; j++) a[i * n + j] *= spd ? 0.3 : 0.1;
    a[i * n + i] += spd ? 1.0 : ((i % 2) ? -1.0 : 1.0) * (1.0 + (PetscReal)i / n);
  }
  PetscCall(PetscRandomDestroy(&rnd));
  PetscFunctionReturn(0);
}

static PetscErrorCode CreateSystem(MPI_Comm comm, PetscInt n, const PetscReal *a, Mat *A, Vec *b, Vec *zstar)
{
  PetscInt rstart, rend, *cols;

  PetscFunctionBegin;
  PetscCall(MatCreateAIJ(comm, PETSC_DECIDE, PETSC_DECIDE, n, n, n, NULL, n, NULL, A));
  PetscCall(MatGetOwnershipRange(*A, &rstart, &rend));
  PetscCall(PetscMalloc1(n, &cols));
  for (PetscInt j = 0; j < n; j++) cols[j] = j;
  for (PetscInt i = rstart; i < rend; i++) PetscCall(MatSetValues(*A, 1, &i, n, cols, a + i * n, INSERT_VALUES));
  PetscCall(PetscFree(cols));
  PetscCall(MatAssemblyBegin(*A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(*A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatCreateVecs(*A, zstar, b));
  for (PetscInt i = rstart; i < rend; i++) PetscCall(VecSetValue(*zstar, i, PetscSinReal(1.0 + i), INSERT_VALUES));
  PetscCall(VecAssemblyBegin(*zstar));
  PetscCall(VecAssemblyEnd(*zstar));
  PetscCall(MatMult(*A, *zstar, *b));
  PetscFunctionReturn(0);
}

static PetscErrorCode Solve(Mat A, Vec b, KSPSketchType type, KSPSketchSampling sampling, PetscInt q, unsigned long seed, PetscInt maxit, PetscReal rtol, Vec z, PetscInt *its)
{
  KSP ksp;

  PetscFunctionBegin;
  PetscCall(KSPCreate(PetscObjectComm((PetscObject)A), &ksp));
  PetscCall(KSPSetType(ksp, KSPSKETCH));
  PetscCall(KSPSetOperators(ksp, A, A));
  PetscCall(KSPSketchSetType(ksp, type));
  PetscCall(KSPSketchSetSampling(ksp, sampling));
  PetscCall(KSPSketchSetBlockSize(ksp, q));
  PetscCall(KSPSketchSetSeed(ksp, seed));
  PetscCall(KSPSetTolerances(ksp, rtol, 0.0, PETSC_DEFAULT, maxit));
  PetscCall(KSPSolve(ksp, b, z));
  PetscCall(KSPGetIterationNumber(ksp, its));
  PetscCall(KSPDestroy(&ksp));
  PetscFunctionReturn(0);
}

/* smallest eigenvalue of a symmetric n x n matrix (overwritten) */
static PetscErrorCode EigMin(PetscInt n, PetscReal *s, PetscReal *lmin)
{
  PetscBLASInt bn, lwork, info;
  PetscReal   *w, *work;

  PetscFunctionBegin;
  PetscCall(PetscBLASIntCast(n, &bn));
  lwork = 3 * bn;
  PetscCall(PetscMalloc2(n, &w, lwork, &work));
  PetscCallBLAS("LAPACKsyev", LAPACKsyev_("N", "U", &bn, s, &bn, w, work, &lwork, &info));
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "syev failed");
  *lmin = w[0];
  PetscCall(PetscFree2(w, work));
  PetscFunctionReturn(0);
}

/* gamma of randomized Kaczmarz: uniform lambda_min(A^T D^-2 A)/N, row-norm sigma_min(A)^2/||A||_F^2 */
static PetscErrorCode KaczmarzRate(PetscInt n, const PetscReal *a, KSPSketchSampling sampling, PetscReal *gamma)
{
  PetscReal *s, *d, fro = 0.0, lmin = 0.0;

  PetscFunctionBegin;
  PetscCall(PetscMalloc2(n * n, &s, n, &d));
  for (PetscInt i = 0; i < n; i++) {
    d[i] = 0.0;
    for (PetscInt j = 0; j < n; j++) d[i] += a[i * n + j] * a[i * n + j];
    fro += d[i];
  }
  for (PetscInt i = 0; i < n; i++) {
    for (PetscInt j = 0; j < n; j++) {
      PetscReal t = 0.0;

      for (PetscInt k = 0; k < n; k++) t += a[k * n + i] * a[k * n + j] / (sampling == KSP_SKETCH_SAMPLING_UNIFORM ? d[k] : 1.0);
      s[i * n + j] = t;
    }
  }
  PetscCall(EigMin(n, s, &lmin));
  *gamma = sampling == KSP_SKETCH_SAMPLING_UNIFORM ? lmin / n : lmin / fro;
  PetscCall(PetscFree2(s, d));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt    n = 50, rn = 10;
  PetscMPIInt size;
  PetscReal  *a;
  const struct {
    KSPSketchType     type;
    KSPSketchSampling sampling;
    PetscInt          q;
    const char       *name;
  } cases[] = {
      {KSP_SKETCH_GAUSSIAN, KSP_SKETCH_SAMPLING_UNIFORM, 1, "gaussian"},
      {KSP_SKETCH_KACZMARZ, KSP_SKETCH_SAMPLING_UNIFORM, 1, "kaczmarz uniform"},
      {KSP_SKETCH_KACZMARZ, KSP_SKETCH_SAMPLING_ROWNORM, 1, "kaczmarz rownorm"},
      {KSP_SKETCH_BLOCK_GAUSSIAN, KSP_SKETCH_SAMPLING_UNIFORM, 5, "block_gaussian q=5"},
      {KSP_SKETCH_BLOCK_KACZMARZ, KSP_SKETCH_SAMPLING_ROWNORM, 5, "block_kaczmarz q=5"},
  };

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-n", &n, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-rate_n", &rn, NULL));
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  PetscCall(PetscMalloc1(n * n, &a));
  for (PetscInt spd = 1; spd >= 0; spd--) {
    Mat       A, As;
    Vec       b, zs, z, z2, bs, zss, zseq;
    PetscReal bnorm, zsnorm;

    PetscCall(FormDense(n, (PetscBool)spd, a));
    PetscCall(CreateSystem(PETSC_COMM_WORLD, n, a, &A, &b, &zs));
    PetscCall(CreateSystem(PETSC_COMM_SELF, n, a, &As, &bs, &zss));
    PetscCall(VecDuplicate(zs, &z));
    PetscCall(VecDuplicate(zs, &z2));
    PetscCall(VecDuplicate(zss, &zseq));
    PetscCall(VecNorm(b, NORM_2, &bnorm));
    PetscCall(VecNorm(zs, NORM_2, &zsnorm));
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
      PetscInt           its, its2, itsseq, rstart, rend;
      PetscReal          rnorm, err, diff, pdiff = 0.0;
      Vec                r;
      const PetscScalar *x, *xs;

      PetscCall(Solve(A, b, cases[c].type, cases[c].sampling, cases[c].q, 7, 400000, 1e-10, z, &its));
      PetscCall(VecDuplicate(b, &r));
      PetscCall(MatMult(A, z, r));
      PetscCall(VecAXPY(r, -1.0, b));
      PetscCall(VecNorm(r, NORM_2, &rnorm));
      PetscCall(VecDestroy(&r));
      PetscCall(VecAXPY(z, -1.0, zs));
      PetscCall(VecNorm(z, NORM_2, &err));
      PetscCall(VecAXPY(z, 1.0, zs));
      PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(rnorm <= 1e-10 * bnorm && err <= 1e-8 * zsnorm), "%-22s %-10s relative residual %.1e <= 1e-10, relative error %.1e <= 1e-8 after %" PetscInt_FMT " steps", cases[c].name,
                                 spd ? "SPD" : "indefinite", (double)(rnorm / bnorm), (double)(err / zsnorm), its));
      /* reproducibility: same seed, same iterates */
      PetscCall(Solve(A, b, cases[c].type, cases[c].sampling, cases[c].q, 7, 400000, 1e-10, z2, &its2));
      PetscCall(VecAXPY(z2, -1.0, z));
      PetscCall(VecNorm(z2, NORM_INFINITY, &diff));
      PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(its2 == its && diff == 0.0), "%-22s %-10s same seed gives identical iterates (%" PetscInt_FMT " and %" PetscInt_FMT " steps, max difference %g)", cases[c].name,
                                 spd ? "SPD" : "indefinite", its, its2, (double)diff));
      /* rank independence: the sequential solve on each rank equals the distributed one */
      PetscCall(Solve(As, bs, cases[c].type, cases[c].sampling, cases[c].q, 7, 400000, 1e-10, zseq, &itsseq));
      PetscCall(VecGetOwnershipRange(z, &rstart, &rend));
      PetscCall(VecGetArrayRead(z, &x));
      PetscCall(VecGetArrayRead(zseq, &xs));
      for (PetscInt i = rstart; i < rend; i++) pdiff = PetscMax(pdiff, PetscAbsScalar(x[i - rstart] - xs[i]));
      PetscCall(VecRestoreArrayRead(z, &x));
      PetscCall(VecRestoreArrayRead(zseq, &xs));
      PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &pdiff, 1, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
      PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(pdiff <= 1e-12 && itsseq == its), "%-22s %-10s %d-rank iterates equal 1-rank iterates to 1e-12 (difference %.1e, %" PetscInt_FMT " and %" PetscInt_FMT " steps)", cases[c].name,
                                 spd ? "SPD" : "indefinite", (int)size, (double)pdiff, its, itsseq));
    }
    PetscCall(VecDestroy(&z));
    PetscCall(VecDestroy(&z2));
    PetscCall(VecDestroy(&zseq));
    PetscCall(VecDestroy(&b));
    PetscCall(VecDestroy(&zs));
    PetscCall(VecDestroy(&bs));
    PetscCall(VecDestroy(&zss));
    PetscCall(MatDestroy(&A));
    PetscCall(MatDestroy(&As));
  }
  /* expected rate of randomized Kaczmarz over 50 seeds */
  {
    Mat       A;
    Vec       b, zs, z;
    PetscReal zs2;

    PetscCall(FormDense(rn, PETSC_TRUE, a));
    PetscCall(CreateSystem(PETSC_COMM_WORLD, rn, a, &A, &b, &zs));
    PetscCall(VecDuplicate(zs, &z));
    PetscCall(VecNorm(zs, NORM_2, &zs2));
    zs2 *= zs2;
    for (PetscInt s = 0; s < 2; s++) {
      KSPSketchSampling sampling = s ? KSP_SKETCH_SAMPLING_ROWNORM : KSP_SKETCH_SAMPLING_UNIFORM;
      PetscReal         gamma = 0.0, mse = 0.0, bound;
      PetscInt          j, its;

      PetscCall(KaczmarzRate(rn, a, sampling, &gamma));
      j = (PetscInt)(PetscLogReal(1e-3) / PetscLogReal(1.0 - gamma)); /* bound of 1e-3 */
      for (unsigned long seed = 1; seed <= 50; seed++) {
        PetscReal e;

        PetscCall(Solve(A, b, KSP_SKETCH_KACZMARZ, sampling, 1, seed, j, 0.0, z, &its));
        PetscCall(VecAXPY(z, -1.0, zs));
        PetscCall(VecNorm(z, NORM_2, &e));
        mse += e * e / 50.0;
      }
      bound = 1.2 * PetscPowReal(1.0 - gamma, (PetscReal)j) * zs2;
      PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(mse <= bound), "kaczmarz %-8s gamma %.4f: mean squared error after %" PetscInt_FMT " steps %.2e <= 1.2(1-gamma)^j||e0||^2 = %.2e", KSPSketchSamplings[sampling], (double)gamma, j,
                                 (double)mse, (double)bound));
    }
    PetscCall(VecDestroy(&z));
    PetscCall(VecDestroy(&b));
    PetscCall(VecDestroy(&zs));
    PetscCall(MatDestroy(&A));
  }
  PetscCall(PetscFree(a));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
