static char help[] = "Recon: RED-PSM's ADMM on a small noisy dynamic phantom: the augmented Lagrangian decreases, the residuals fall,\n\
and RED-PSM beats the PSM alone (same data, model, start and iterations).\n\n\
Options:\n\
  -n <32>           image side\n\
  -frames <64>      frames (one bit-reversed projection each)\n\
  -problem <ellipses> phantom (problems/phantoms)\n\
  -noise <2e-2>     noise sigma relative to max g\n\
  -margin <0.5>     PSNR margin (dB) RED-PSM must beat PSM by\n\n";
/*
   With the symmetric linear Gaussian denoiser, rho(f) = f^T (I - W) f / 2 is a true convex regulariser and the
   RED-PSM objective is well defined; the ADMM's augmented Lagrangian L(Lambda_{k+1}, Z_{k+1}, f_k, gamma_k)
   must decrease from the second iteration on (checked to a relative 1e-9), the primal residual
   ||Lambda Psi^T - f|| / ||f|| must fall tenfold from its first value, and the final PSNR of RED-PSM must
   exceed that of the PSM alone by -margin dB.
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode Run(Mat A, PetscInt N, PetscInt P, Vec g, Vec xt, ReconType type, PetscReal *psnr, PetscBool *decrease, PetscReal *rpfall)
{
  Recon            recon;
  const PetscReal *obj, *rp;
  PetscInt         n;
  Vec              f;

  PetscFunctionBeginUser;
  PetscCall(ReconCreate(PETSC_COMM_WORLD, &recon));
  PetscCall(ReconSetType(recon, type));
  PetscCall(ReconSetOperator(recon, A, N, P, NULL));
  PetscCall(ReconSetData(recon, g));
  PetscCall(ReconPSMSetRank(recon, 4));
  PetscCall(ReconPSMSetBasis(recon, 9, RECON_PSM_HERMITE));
  PetscCall(ReconSetTolerances(recon, PETSC_DEFAULT, 20));
  PetscCall(ReconSetFromOptions(recon));
  PetscCall(ReconSolve(recon));
  PetscCall(ReconGetHistory(recon, &obj, &rp, NULL, NULL, NULL, NULL, &n));
  PetscCall(ReconGetSolution(recon, &f));
  PetscCall(PhantomComputePSNR(xt, f, 0.0, psnr));
  *decrease = PETSC_TRUE;
  for (PetscInt k = 3; k < n; k++)
    if (obj[k] > obj[k - 1] + 1e-9 * PetscAbsReal(obj[k - 1])) *decrease = PETSC_FALSE;
  *rpfall = rp[n - 1] / rp[1];
  PetscCall(ReconDestroy(&recon));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt       N = 32, P = 64;
  PetscReal      noise = 2e-2, margin = 0.5, *angles, p_red, p_psm, fall, fall2;
  char           phantom[64] = "ellipses";
  PhantomOptions o;
  Mat            A;
  Vec            xt, g;
  PetscBool      dec, dec2, listed;
  MPI_Comm       comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, NULL, "t308 options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "", N, &N, NULL));
  PetscCall(PetscOptionsInt("-frames", "frames", "", P, &P, NULL));
  PetscCall(PetscOptionsReal("-noise", "relative noise", "", noise, &noise, NULL));
  PetscCall(PetscOptionsReal("-margin", "PSNR margin", "", margin, &margin, NULL));
  PetscOptionsEnd();
  PetscCall(TesseraProblemSelect(comm, NULL, "phantom", "ellipses", phantom, sizeof(phantom), &listed));
  if (listed) {
    PetscCall(PetscFinalize());
    return 0;
  }
  PetscCall(PhantomOptionsSetFromOptions(comm, &o));
  PetscCall(PetscMalloc1(P, &angles));
  PetscCall(PhantomAnglesBitReversed(P, angles));
  PetscCall(MatCreateRadon(comm, N, P, P, angles, NULL, &A));
  PetscCall(PetscFree(angles));
  PetscCall(MatCreateVecs(A, &xt, &g));
  PetscCall(PhantomGenerate(phantom, &o, N, P, xt));
  PetscCall(MatMult(A, xt, g));
  PetscCall(PhantomAddNoise(g, noise, 3, NULL));
  PetscCall(Run(A, N, P, g, xt, RECONREDPSM, &p_red, &dec, &fall));
  PetscCall(Run(A, N, P, g, xt, RECONPSM, &p_psm, &dec2, &fall2));
  PetscCall(TesseraTestCheck(comm, dec, "RED-PSM augmented Lagrangian decreases from iteration 2 on"));
  PetscCall(TesseraTestCheck(comm, fall < 0.1, "RED-PSM primal residual falls tenfold"));
  PetscCall(TesseraTestCheck(comm, dec2, "PSM objective decreases from iteration 2 on"));
  PetscCall(TesseraTestCheck(comm, p_red > p_psm + margin, "RED-PSM PSNR beats PSM by more than %g dB", (double)margin));
  PetscCall(PetscInfo(NULL, "PSNR RED-PSM %g PSM %g, primal residual ratio %g\n", (double)p_red, (double)p_psm, (double)fall));
  PetscCall(VecDestroy(&xt));
  PetscCall(VecDestroy(&g));
  PetscCall(MatDestroy(&A));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
