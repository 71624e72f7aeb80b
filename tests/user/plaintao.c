/*
   A plain PETSc program that knows nothing of tessera (no tessera header, not linked against libtessera):
   minimise |x - (1, 2)|^2 / 2 subject to x0 + x1 = 1, whose solution is x = (0, 1), with the Tao type given on
   the command line. Run as

     plaintao -dll_append /path/to/libtessera.so -tao_type alsketch

   PETSc loads the library and calls PetscDLLibraryRegister_tessera(), which registers TAOALSKETCH.
*/
#include <petsctao.h>

static PetscErrorCode FormFunctionGradient(Tao tao, Vec X, PetscReal *f, Vec G, void *ctx)
{
  const PetscScalar *x;
  PetscScalar       *g;

  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArray(G, &g));
  *f   = 0.5 * (PetscSqr(x[0] - 1.0) + PetscSqr(x[1] - 2.0));
  g[0] = x[0] - 1.0;
  g[1] = x[1] - 2.0;
  PetscCall(VecRestoreArray(G, &g));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormHessian(Tao tao, Vec X, Mat H, Mat Hpre, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(MatZeroEntries(H));
  PetscCall(MatShift(H, 1.0));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormEquality(Tao tao, Vec X, Vec C, void *ctx)
{
  const PetscScalar *x;

  PetscFunctionBeginUser;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecSetValue(C, 0, x[0] + x[1] - 1.0, INSERT_VALUES));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(VecAssemblyBegin(C));
  PetscCall(VecAssemblyEnd(C));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormJacobianEquality(Tao tao, Vec X, Mat J, Mat Jpre, void *ctx)
{
  PetscFunctionBeginUser;
  PetscCall(MatSetValue(J, 0, 0, 1.0, INSERT_VALUES));
  PetscCall(MatSetValue(J, 0, 1, 1.0, INSERT_VALUES));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Tao                tao;
  Vec                x, c;
  Mat                H, J;
  const PetscScalar *xa;
  PetscReal          err;
  TaoType            type;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, 2, &x));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, 1, &c));
  PetscCall(MatCreateSeqDense(PETSC_COMM_SELF, 2, 2, NULL, &H));
  PetscCall(MatCreateSeqDense(PETSC_COMM_SELF, 1, 2, NULL, &J));
  PetscCall(TaoCreate(PETSC_COMM_SELF, &tao));
  PetscCall(TaoSetSolution(tao, x));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, FormFunctionGradient, NULL));
  PetscCall(TaoSetHessian(tao, H, H, FormHessian, NULL));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, c, FormEquality, NULL));
  PetscCall(TaoSetJacobianEqualityRoutine(tao, J, J, FormJacobianEquality, NULL));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(TaoGetType(tao, &type));
  PetscCall(TaoSolve(tao));
  PetscCall(VecGetArrayRead(x, &xa));
  err = PetscMax(PetscAbsScalar(xa[0]), PetscAbsScalar(xa[1] - 1.0));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(PetscPrintf(PETSC_COMM_SELF, "Tao type %s: |x - (0, 1)|_inf = %.1e: %s\n", type, (double)err, err < 1e-8 ? "ok" : "WRONG"));
  PetscCall(TaoDestroy(&tao));
  PetscCall(MatDestroy(&H));
  PetscCall(MatDestroy(&J));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&c));
  PetscCall(PetscFinalize());
  return err < 1e-8 ? 0 : 1;
}
