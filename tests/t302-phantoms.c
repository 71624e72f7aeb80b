static char help[] = "Phantoms: closed-form ellipse projections vs the Radon transform of the rasterised phantom under\n\
refinement, FBP quality, angle schedules, seeded noise, the exact rank of the lowrank object, the warp.\n\n\
Options:\n\
  -fbp_min_psnr <28>  PSNR (dB) that FBP of the static phantom from its exact sinogram must reach\n\
  -bad_size           generate a phantom into a vector of the wrong size (must fail)\n\n";

#include <tessera.h>
#include "tesseratest.h"

/* relative l1 error of the Radon transform of the rasterised phantom against its closed-form sinogram */
static PetscErrorCode ProjectionError(const char *name, const PhantomOptions *o, PetscInt N, PetscInt T, PetscInt nang, PetscReal *err)
{
  Mat        A;
  Vec        f, g, gex;
  PetscReal *angles, n1;

  PetscFunctionBegin;
  PetscCall(PetscMalloc1(nang, &angles));
  if (T == 1) PetscCall(PhantomAnglesLinear(nang, angles));
  else PetscCall(PhantomAnglesBitReversed(nang, angles));
  PetscCall(MatCreateRadon(PETSC_COMM_WORLD, N, T, nang, angles, NULL, &A));
  PetscCall(MatCreateVecs(A, &f, &g));
  PetscCall(VecDuplicate(g, &gex));
  PetscCall(PhantomGenerate(name, o, N, T, f));
  PetscCall(MatMult(A, f, g));
  PetscCall(PhantomProject(name, o, A, gex));
  PetscCall(VecNorm(gex, NORM_1, &n1));
  PetscCall(VecAXPY(g, -1.0, gex));
  PetscCall(VecNorm(g, NORM_1, err));
  *err /= n1;
  PetscCall(VecDestroy(&f));
  PetscCall(VecDestroy(&g));
  PetscCall(VecDestroy(&gex));
  PetscCall(MatDestroy(&A));
  PetscCall(PetscFree(angles));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PhantomOptions o;
  PetscBool      bad = PETSC_FALSE;
  PetscReal      err[3], fbpmin = 28.0;
  const PetscInt Ns[3] = {32, 64, 128};
  MPI_Comm       comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Phantom test options", "");
  PetscCall(PetscOptionsReal("-fbp_min_psnr", "required FBP PSNR", "", fbpmin, &fbpmin, NULL));
  PetscCall(PetscOptionsBool("-bad_size", "wrong vector size", "", bad, &bad, NULL));
  PetscOptionsEnd();
  PetscCall(PhantomOptionsSetFromOptions(comm, &o));
  if (bad) {
    Vec f;

    PetscCall(VecCreateMPI(comm, PETSC_DECIDE, 100, &f));
    PetscCall(PhantomGenerate("static", &o, 16, 1, f));
    PetscCall(VecDestroy(&f));
  }

  /* 1. closed-form projections vs Radon of the rasterised phantom, static and dynamic */
  for (PetscInt d = 0; d < 2; d++) {
    const char *name = d ? "ellipses" : "static";

    for (PetscInt l = 0; l < 3; l++) PetscCall(ProjectionError(name, &o, Ns[l], d ? 16 : 1, d ? 16 : 64, &err[l]));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(err[1] < err[0] && err[2] < err[1] && err[2] < err[0] / 2), "%-8s projection l1 error N=32,64,128: %.4f %.4f %.4f falls with resolution at order %.2f >= 0.5", name, (double)err[0], (double)err[1],
                               (double)err[2], (double)(PetscLog2Real(err[0] / err[2]) / 2)));
  }

  /* 2. FBP of the static phantom from its exact sinogram (no inverse crime) */
  {
    const PetscInt N = 128, nang = 256;
    PetscReal      angles[256], psnr;
    Mat            A;
    Vec            f, g, frec;

    o.supersample = 4;
    PetscCall(PhantomAnglesLinear(nang, angles));
    PetscCall(MatCreateRadon(comm, N, 1, nang, angles, NULL, &A));
    PetscCall(MatCreateVecs(A, &f, &g));
    PetscCall(VecDuplicate(f, &frec));
    PetscCall(PhantomGenerate("static", &o, N, 1, f));
    PetscCall(PhantomProject("static", &o, A, g));
    PetscCall(MatRadonFBP(A, g, frec));
    PetscCall(PhantomComputePSNR(f, frec, 1.0, &psnr));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(psnr >= fbpmin), "FBP of static Shepp-Logan 128^2 from 256 exact projections: PSNR %.2f dB >= %.1f dB", (double)psnr, (double)fbpmin));
    PetscCall(VecDestroy(&f));
    PetscCall(VecDestroy(&g));
    PetscCall(VecDestroy(&frec));
    PetscCall(MatDestroy(&A));
    o.supersample = 1;
  }

  /* 3. angle schedules */
  {
    PetscReal      a[8], gold[4];
    const PetscInt order[8] = {0, 4, 2, 6, 1, 5, 3, 7};
    PetscBool      same     = PETSC_TRUE;

    PetscCall(PhantomAnglesBitReversed(8, a));
    for (PetscInt p = 0; p < 8; p++) same = (PetscBool)(same && PetscAbsReal(a[p] - order[p] * PETSC_PI / 8) < 1e-15);
    PetscCall(PhantomAnglesGolden(4, gold));
    same = (PetscBool)(same && PetscAbsReal(gold[1] * 180 / PETSC_PI - 111.246117975) < 1e-6 && gold[2] >= 0 && gold[2] < PETSC_PI);
    PetscCall(TesseraTestCheck(comm, same, "bit-reversed P=8 order 0,4,2,6,1,5,3,7 and golden angle 111.246 deg"));
  }

  /* 4. noise: sigma relative to the maximum, sample deviation, reproducible */
  {
    Vec       g, g2;
    PetscReal sigma, nrm;
    PetscInt  n = 20000;
    PetscBool good;

    PetscCall(VecCreateMPI(comm, PETSC_DECIDE, n, &g));
    PetscCall(VecSet(g, 2.0));
    PetscCall(VecSetValue(g, 0, 4.0, INSERT_VALUES));
    PetscCall(VecAssemblyBegin(g));
    PetscCall(VecAssemblyEnd(g));
    PetscCall(VecDuplicate(g, &g2));
    PetscCall(VecCopy(g, g2));
    PetscCall(PhantomAddNoise(g, 5e-3, 7, &sigma));
    PetscCall(PhantomAddNoise(g2, 5e-3, 7, NULL));
    PetscCall(VecAXPY(g2, -1.0, g));
    PetscCall(VecNorm(g2, NORM_INFINITY, &nrm));
    good = (PetscBool)(nrm == 0 && PetscAbsReal(sigma - 0.02) < 1e-15);
    PetscCall(VecShift(g, -2.0));
    PetscCall(VecSetValue(g, 0, 0.0, INSERT_VALUES));
    PetscCall(VecAssemblyBegin(g));
    PetscCall(VecAssemblyEnd(g));
    PetscCall(VecNorm(g, NORM_2, &nrm));
    nrm /= PetscSqrtReal((PetscReal)n);
    good = (PetscBool)(good && PetscAbsReal(nrm / sigma - 1) < 0.03);
    PetscCall(TesseraTestCheck(comm, good, "noise sigma = 5e-3 max(g), sample deviation within 3%% (ratio %.4f), same seed same noise", (double)(nrm / sigma)));
    PetscCall(VecDestroy(&g));
    PetscCall(VecDestroy(&g2));
  }

  /* 5. lowrank object: the Casorati matrix has exactly rank K */
  {
    const PetscInt     N = 32, T = 16, K = o.rank;
    Vec                f, fall;
    VecScatter         sc;
    const PetscScalar *fa;
    PetscReal         *Q, res[16], nrm0 = 0;
    PetscInt           rank = 0;
    PetscBool          good;

    {
      PetscInt fl = PETSC_DECIDE, TT = T;

      PetscCall(PetscSplitOwnership(comm, &fl, &TT));
      PetscCall(VecCreateMPI(comm, fl * N * N, N * N * T, &f));
    }
    PetscCall(PhantomGenerate("lowrank", &o, N, T, f));
    PetscCall(VecScatterCreateToAll(f, &sc, &fall));
    PetscCall(VecScatterBegin(sc, f, fall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(sc, f, fall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(PetscMalloc1(N * N * T, &Q));
    PetscCall(VecGetArrayRead(fall, &fa));
    for (PetscInt k = 0; k < N * N * T; k++) Q[k] = PetscRealPart(fa[k]);
    PetscCall(VecRestoreArrayRead(fall, &fa));
    /* modified Gram-Schmidt, twice, on the frames (columns of the Casorati matrix) */
    for (PetscInt a = 0; a < T; a++) {
      PetscReal *qa = Q + a * N * N, nrm = 0;

      for (PetscInt k = 0; k < N * N; k++) nrm0 = PetscMax(nrm0, PetscAbsReal(qa[k]));
      for (PetscInt pass = 0; pass < 2; pass++)
        for (PetscInt b = 0; b < a; b++) {
          PetscReal *qb = Q + b * N * N, d = 0;

          if (res[b] == 0) continue;
          for (PetscInt k = 0; k < N * N; k++) d += qa[k] * qb[k];
          for (PetscInt k = 0; k < N * N; k++) qa[k] -= d * qb[k];
        }
      for (PetscInt k = 0; k < N * N; k++) nrm += qa[k] * qa[k];
      nrm    = PetscSqrtReal(nrm);
      res[a] = nrm > 1e-9 * nrm0 * N ? nrm : 0;
      if (res[a] > 0) {
        rank++;
        for (PetscInt k = 0; k < N * N; k++) qa[k] /= nrm;
      }
    }
    PetscCall(PetscFree(Q));
    good = (PetscBool)(rank == K);
    PetscCall(TesseraTestCheck(comm, good, "lowrank object (K=%" PetscInt_FMT ") has numerical rank K (%" PetscInt_FMT ")", K, rank));
    PetscCall(VecScatterDestroy(&sc));
    PetscCall(VecDestroy(&fall));
    PetscCall(VecDestroy(&f));
  }

  /* 6. warp: identity at zero amplitude, a real deformation otherwise */
  {
    const PetscInt N = 64, T = 4;
    Vec            fs, fw;
    PetscReal      d0, d1, m0, m1, amp = o.amplitude;
    PetscInt       fl = PETSC_DECIDE, TT = T;
    PetscBool      good;

    PetscCall(PetscSplitOwnership(comm, &fl, &TT));
    PetscCall(VecCreateMPI(comm, fl * N * N, N * N * T, &fs));
    PetscCall(VecDuplicate(fs, &fw));
    PetscCall(PhantomGenerate("static", &o, N, T, fs));
    o.amplitude = 0;
    PetscCall(PhantomGenerate("warped", &o, N, T, fw));
    PetscCall(VecAXPY(fw, -1.0, fs));
    PetscCall(VecNorm(fw, NORM_INFINITY, &d0));
    o.amplitude = amp;
    PetscCall(PhantomGenerate("warped", &o, N, T, fw));
    PetscCall(VecSum(fs, &m0));
    PetscCall(VecSum(fw, &m1));
    PetscCall(VecAXPY(fw, -1.0, fs));
    PetscCall(VecNorm(fw, NORM_1, &d1));
    good = (PetscBool)(d0 < 1e-10 && d1 > 0.02 * m0 && PetscAbsReal(m1 / m0 - 1) < 0.1);
    PetscCall(TesseraTestCheck(comm, good, "warp: identity at amplitude 0 (%.1e < 1e-10), deforms (%.3f > 0.02 of the mass) and keeps mass within 10%% (%.3f) at %g", (double)d0, (double)(d1 / m0), (double)(m1 / m0), (double)amp));
    PetscCall(VecDestroy(&fs));
    PetscCall(VecDestroy(&fw));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
