static char help[] = "TAOALSKETCH on the distributed PDE-constrained QP: initial KKT residual, the exact solution from one direct\n\
KKT solve, and the same answer on every number of MPI ranks.\n\
  -kkt0 <v>      : expected initial KKT residual (checked to 5e-3)\n\
  -tol <1e-6>    : tolerance on max |x - x_direct|\n\
  -compare_seq   : also solve on PETSC_COMM_SELF on every rank and require the same iterates (iterations, x to 1e-8)\n\
Solver options as for examples/nlp (-pde_n, -tao_gatol, -tao_alsketch_ksp_type, ...).\n";

#include <tessera.h>
#include "tesseratest.h"

/* solve the problem on comm with TAOALSKETCH (options from the database); return x, iterations, initial KKT */
static PetscErrorCode SolveALSketch(MPI_Comm comm, Vec *xout, PetscInt *its, PetscReal *kkt0, PetscReal *kkt)
{
  NLPProblem       nlp;
  Tao              tao;
  Vec              x, lam0, DE, DI;
  PetscInt         len;
  const PetscReal *hist;
  PetscReal        f;

  PetscFunctionBegin;
  PetscCall(NLPProblemCreate(comm, "PDE", &nlp));
  PetscCall(TaoCreate(comm, &tao));
  PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(NLPProblemSetUpTao(nlp, tao));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(NLPProblemGetInitialMultipliers(nlp, &lam0));
  PetscCall(TaoALSketchSetMultipliers(tao, lam0));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(TaoGetIterationNumber(tao, its));
  PetscCall(TaoALSketchGetHistory(tao, TAO_ALSKETCH_HISTORY_KKT, &len, &hist));
  *kkt0 = hist[0];
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCall(NLPProblemComputeKKT(nlp, tao, x, DE, &f, kkt));
  PetscCall(VecDuplicate(x, xout));
  PetscCall(VecCopy(x, *xout));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscFunctionReturn(0);
}

/* the QP solution from one direct solve of [H J^T; J 0][x; lam] = [-grad f(0); 0] (MUMPS) */
static PetscErrorCode SolveDirect(MPI_Comm comm, Vec *xout)
{
  NLPProblem nlp;
  Tao        tao;
  Mat        H, J, Jt, blocks[4], nest, K;
  Vec        x, g, rhs, sol, xs;
  IS         is[2];
  KSP        ksp;
  PC         pc;
  PetscReal  f;

  PetscFunctionBegin;
  PetscCall(NLPProblemCreate(comm, "PDE", &nlp));
  PetscCall(TaoCreate(comm, &tao));
  PetscCall(NLPProblemSetUpTao(nlp, tao));
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(VecDuplicate(x, &g));
  PetscCall(VecSet(x, 0.0));
  PetscCall(TaoComputeObjectiveAndGradient(tao, x, &f, g));
  PetscCall(TaoGetHessian(tao, &H, NULL, NULL, NULL));
  PetscCall(TaoComputeHessian(tao, x, H, H));
  PetscCall(NLPProblemGetJacobian(nlp, &J));
  PetscCall(TaoComputeJacobianEquality(tao, x, J, J));
  PetscCall(MatTranspose(J, MAT_INITIAL_MATRIX, &Jt));
  blocks[0] = H;
  blocks[1] = Jt;
  blocks[2] = J;
  blocks[3] = NULL;
  PetscCall(MatCreateNest(comm, 2, NULL, 2, NULL, blocks, &nest));
  PetscCall(MatNestGetISs(nest, is, NULL));
  PetscCall(MatConvert(nest, MATAIJ, MAT_INITIAL_MATRIX, &K));
  PetscCall(MatCreateVecs(K, &sol, &rhs));
  PetscCall(VecSet(rhs, 0.0));
  PetscCall(VecScale(g, -1.0));
  PetscCall(VecISCopy(rhs, is[0], SCATTER_FORWARD, g));
  PetscCall(KSPCreate(comm, &ksp));
  PetscCall(KSPSetOperators(ksp, K, K));
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCLU));
  PetscCall(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
  PetscCall(KSPSetOptionsPrefix(ksp, "direct_"));
  PetscCall(KSPSetFromOptions(ksp));
  PetscCall(KSPSolve(ksp, rhs, sol));
  {
    KSPConvergedReason reason;

    PetscCall(KSPGetConvergedReason(ksp, &reason));
    PetscCheck(reason > 0, comm, PETSC_ERR_LIB, "The direct KKT solve failed: %s", KSPConvergedReasons[reason]);
  }
  PetscCall(VecDuplicate(x, &xs));
  PetscCall(VecISCopy(sol, is[0], SCATTER_REVERSE, xs));
  *xout = xs;
  PetscCall(KSPDestroy(&ksp));
  PetscCall(VecDestroy(&sol));
  PetscCall(VecDestroy(&rhs));
  PetscCall(VecDestroy(&g));
  PetscCall(MatDestroy(&K));
  PetscCall(MatDestroy(&nest));
  PetscCall(MatDestroy(&Jt));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal   kkt0 = -1, tol = 1e-6, k0, kkt, err;
  PetscBool   haskkt0, seq   = PETSC_FALSE;
  PetscInt    its;
  Vec         x, xd;
  PetscMPIInt size;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-kkt0", &kkt0, &haskkt0));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tol", &tol, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-compare_seq", &seq, NULL));
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  PetscCall(SolveALSketch(PETSC_COMM_WORLD, &x, &its, &k0, &kkt));
  PetscCall(SolveDirect(PETSC_COMM_WORLD, &xd));
  if (haskkt0) PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(PetscAbsReal(k0 - kkt0) <= 5e-3), "initial KKT residual %.4f equals %.4f to 5e-3", (double)k0, (double)kkt0));
  PetscCall(VecAXPY(xd, -1.0, x));
  PetscCall(VecNorm(xd, NORM_INFINITY, &err));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(kkt <= 1e-6), "%d rank(s): KKT residual %.1e <= 1e-6 after %" PetscInt_FMT " iterations", (int)size, (double)kkt, its));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(err <= tol), "%d rank(s): max |x - x_direct| %.1e <= %g", (int)size, (double)err, (double)tol));
  if (seq) {
    Vec       xs;
    PetscInt  itss;
    PetscReal k0s, kkts, n1, n2, s1, s2, m1, m2, diff;

    /* the same run on one rank, on every rank; the DMDA orderings differ, so compare permutation-invariant
       quantities (2-norm, sum, maximum); x itself was compared entrywise with the direct solve above */
    PetscCall(SolveALSketch(PETSC_COMM_SELF, &xs, &itss, &k0s, &kkts));
    PetscCall(VecNorm(x, NORM_2, &n1));
    PetscCall(VecNorm(xs, NORM_2, &n2));
    PetscCall(VecSum(x, &s1));
    PetscCall(VecSum(xs, &s2));
    PetscCall(VecMax(x, NULL, &m1));
    PetscCall(VecMax(xs, NULL, &m2));
    diff = PetscMax(PetscMax(PetscAbsReal(n1 - n2), PetscAbsReal(s1 - s2)), PetscAbsReal(m1 - m2));
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &diff, 1, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
    PetscCall(
        TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(itss == its && diff <= 1e-8), "%d-rank run equals the 1-rank run: iterations %" PetscInt_FMT " and %" PetscInt_FMT ", norm, sum and max of x to 1e-8 (%.1e)", (int)size, its, itss, (double)diff));
    PetscCall(VecDestroy(&xs));
  }
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&xd));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
