static char help[] = "Recon: bad input fails with a clear error.\n\n\
Options:\n\
  -bad <case>   size (data do not match the angles), frames (operator and frame count disagree),\n\
                nan (NaN in the data), rows (a non-Radon operator without rows per frame), none\n\n";
/*
   Each case must stop in ReconSetOperator() or ReconSetUp() with a PETSc error naming the culprit (checked by
   the test's EXPECT_ERROR regular expression); "none" runs a tiny reconstruction and must pass.
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  PetscInt  N = 16, P = 8;
  char      bad[32] = "none";
  PetscReal angles[8];
  Mat       A;
  Vec       x, g;
  Recon     recon;
  PetscBool isize, iframes, inan, irows;
  MPI_Comm  comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetString(NULL, NULL, "-bad", bad, sizeof(bad), NULL));
  PetscCall(PetscStrcmp(bad, "size", &isize));
  PetscCall(PetscStrcmp(bad, "frames", &iframes));
  PetscCall(PetscStrcmp(bad, "nan", &inan));
  PetscCall(PetscStrcmp(bad, "rows", &irows));
  PetscCall(PhantomAnglesBitReversed(P, angles));
  PetscCall(MatCreateRadon(comm, N, P, P, angles, NULL, &A));
  PetscCall(MatCreateVecs(A, &x, &g));
  PetscCall(VecSet(x, 1.0));
  PetscCall(MatMult(A, x, g));
  if (isize) { /* a sinogram of one projection more than the operator has angles */
    PetscCall(VecDestroy(&g));
    PetscCall(VecCreateMPI(comm, PETSC_DECIDE, (P + 1) * N, &g));
    PetscCall(VecSet(g, 1.0));
  }
  if (inan) PetscCall(VecSetValue(g, 3, PETSC_MAX_REAL * 10, INSERT_VALUES));
  if (inan) PetscCall(VecAssemblyBegin(g));
  if (inan) PetscCall(VecAssemblyEnd(g));
  PetscCall(ReconCreate(comm, &recon));
  PetscCall(ReconSetType(recon, RECONPSM));
  if (irows) {
    Mat      B;
    PetscInt m, n;

    PetscCall(MatGetSize(A, &m, &n));
    PetscCall(MatCreateDense(comm, PETSC_DECIDE, PETSC_DECIDE, m, n, NULL, &B));
    PetscCall(ReconSetOperator(recon, B, N, P, NULL));
    PetscCall(MatDestroy(&B));
  }
  PetscCall(ReconSetOperator(recon, A, N, iframes ? P + 1 : P, NULL));
  PetscCall(ReconSetData(recon, g));
  PetscCall(ReconSetFromOptions(recon));
  PetscCall(ReconPSMSetRank(recon, 1));
  PetscCall(ReconPSMSetBasis(recon, 3, RECON_PSM_LINEAR));
  PetscCall(ReconSetTolerances(recon, PETSC_DEFAULT, 2));
  PetscCall(ReconSolve(recon));
  {
    ReconConvergedReason reason;

    PetscCall(ReconGetConvergedReason(recon, &reason));
    PetscCall(TesseraTestCheck(comm, reason == RECON_CONVERGED_ITS, "good input runs its iterations"));
  }
  PetscCall(ReconDestroy(&recon));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&g));
  PetscCall(MatDestroy(&A));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
