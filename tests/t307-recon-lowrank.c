static char help[] = "Recon: exact recovery of an exactly low-rank dynamic object from noise-free single-angle sinograms.\n\n\
Options:\n\
  -n <32>        image side\n\
  -frames <256>  frames P (one bit-reversed projection each)\n\
  -rank <2>      K: the object and the model have K + 1 basis functions\n\
  -knots <11>    latent knots of the temporal basis (the object's too)\n\
  -noise <0>     noise sigma relative to max |g|\n\
  -tol <1e-3>    bound on ||f - f_true|| / ||f_true||\n\n";
/*
   The object X = Lambda Psi^T has K + 1 Gaussian-blob basis images inside the field of view and a temporal
   basis Psi = U Z with random knots Z: it is exactly representable by the model. From noise-free data the
   reconstruction must match it to -tol. Also checked: U reproduces linear functions in both interpolations
   (spec target 6), and the Hermite slopes are the finite differences of the knot values.
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  PetscInt    N = 32, P = 256, K = 2, d = 11, t0, t1, nb;
  PetscReal   noise = 0, tol = 1e-3, *angles, *U, *Z, err, nrm, lerr = 0;
  Mat         A;
  Vec         xt, g, f, d_;
  Recon       recon;
  PetscRandom rnd;
  MPI_Comm    comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, NULL, "t307 options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "", N, &N, NULL));
  PetscCall(PetscOptionsInt("-frames", "frames", "", P, &P, NULL));
  PetscCall(PetscOptionsInt("-rank", "K", "", K, &K, NULL));
  PetscCall(PetscOptionsInt("-knots", "knots", "", d, &d, NULL));
  PetscCall(PetscOptionsReal("-noise", "relative noise", "", noise, &noise, NULL));
  PetscCall(PetscOptionsReal("-tol", "bound", "", tol, &tol, NULL));
  PetscOptionsEnd();
  nb = K + 1;
  /* interpolation: linear functions exactly, both kinds */
  PetscCall(PetscMalloc3(P * d, &U, d * nb, &Z, P, &angles));
  for (PetscInt kind = 0; kind < 2; kind++) {
    PetscCall(ReconPSMComputeInterpolation(P, d, kind ? RECON_PSM_LINEAR : RECON_PSM_HERMITE, U));
    for (PetscInt t = 0; t < P; t++) {
      PetscReal v = 0;

      for (PetscInt j = 0; j < d; j++) v += U[t * d + j] * (0.3 + 2.0 * j / (d - 1));
      lerr = PetscMax(lerr, PetscAbsReal(v - (0.3 + 2.0 * t / (P - 1))));
    }
  }
  PetscCall(TesseraTestCheck(comm, lerr < 1e-13, "U reproduces linear functions (Hermite and linear), max error %.1e", (double)lerr));
  PetscCall(ReconPSMComputeInterpolation(P, d, RECON_PSM_HERMITE, U));
  /* the object */
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetInterval(rnd, -1.0, 1.0));
  PetscCall(PetscRandomSetSeed(rnd, 7));
  PetscCall(PetscRandomSeed(rnd));
  for (PetscInt i = 0; i < d * nb; i++) PetscCall(PetscRandomGetValueReal(rnd, &Z[i]));
  for (PetscInt j = 0; j < d; j++) Z[j * nb] += 2.0; /* a positive mean image */
  PetscCall(PhantomAnglesBitReversed(P, angles));
  PetscCall(MatCreateRadon(comm, N, P, P, angles, NULL, &A));
  PetscCall(MatCreateVecs(A, &xt, &g));
  PetscCall(PhantomGetFrameLayout(xt, N, P, &t0, &t1));
  {
    PetscScalar *x;
    PetscReal    c[3 * 64];

    for (PetscInt i = 0; i < 3 * nb; i++) PetscCall(PetscRandomGetValueReal(rnd, &c[i]));
    PetscCall(VecGetArrayWrite(xt, &x));
    for (PetscInt t = t0; t < t1; t++)
      for (PetscInt i = 0; i < N; i++)
        for (PetscInt j = 0; j < N; j++) {
          const PetscReal y = (i - 0.5 * N) / (0.5 * N), xx = (j - 0.5 * N) / (0.5 * N);
          PetscReal       v = 0;

          if (xx * xx + y * y < 1.0)
            for (PetscInt k = 0; k < nb; k++) {
              PetscReal       psi = 0;
              const PetscReal cx = 0.4 * c[3 * k], cy = 0.4 * c[3 * k + 1], w = 0.25 + 0.1 * c[3 * k + 2];

              for (PetscInt q = 0; q < d; q++) psi += U[t * d + q] * Z[q * nb + k];
              v += psi * PetscExpReal(-((xx - cx) * (xx - cx) + (y - cy) * (y - cy)) / (2 * w * w));
            }
          x[(t - t0) * N * N + i * N + j] = v;
        }
    PetscCall(VecRestoreArrayWrite(xt, &x));
  }
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(MatMult(A, xt, g));
  if (noise > 0) PetscCall(PhantomAddNoise(g, noise, 1, NULL));
  /* reconstruct */
  PetscCall(ReconCreate(comm, &recon));
  PetscCall(ReconSetType(recon, RECONPSM));
  PetscCall(ReconSetOperator(recon, A, N, P, NULL));
  PetscCall(ReconSetData(recon, g));
  PetscCall(ReconPSMSetRank(recon, K));
  PetscCall(ReconPSMSetBasis(recon, d, RECON_PSM_HERMITE));
  PetscCall(ReconPSMSetRegularization(recon, 1e-10, 1e-10));
  PetscCall(ReconSetTolerances(recon, PETSC_DEFAULT, 30));
  PetscCall(ReconSetFromOptions(recon));
  PetscCall(ReconSolve(recon));
  PetscCall(ReconGetSolution(recon, &f));
  PetscCall(VecDuplicate(f, &d_));
  PetscCall(VecWAXPY(d_, -1.0, xt, f));
  PetscCall(VecNorm(d_, NORM_2, &err));
  PetscCall(VecNorm(xt, NORM_2, &nrm));
  PetscCall(TesseraTestCheck(comm, err / nrm < tol, "relative error of the rank-%" PetscInt_FMT " object (%" PetscInt_FMT "^2 x %" PetscInt_FMT ", noise %g) below %g", nb, N, P, (double)noise, (double)tol));
  PetscCall(PetscInfo(recon, "relative error %g\n", (double)(err / nrm)));
  PetscCall(VecDestroy(&d_));
  PetscCall(ReconDestroy(&recon));
  PetscCall(VecDestroy(&xt));
  PetscCall(VecDestroy(&g));
  PetscCall(MatDestroy(&A));
  PetscCall(PetscFree3(U, Z, angles));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
