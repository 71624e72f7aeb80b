static char help[] = "Tests problem logreg (constrained logistic regression on LIBSVM data) solved by TAOALSKETCH.\n\
  -kkt_tol <1e-6> : bound on the KKT residual, computed with the problem's own callbacks\n\
  -c_tol <1e-8>   : bound on max |c_i(x)| (the random constraints A x = b and ||x||^2 = 1)\n\
  -f_tol <1e-10>  : on more than one rank, bound on |f_np - f_1| / max(1, |f_1|), f_1 from the same problem solved\n\
                    on PETSC_COMM_SELF by each rank\n\
Problem options (-logreg_data, -logreg_constraints, -logreg_seed) and solver options (-tao_gatol, -tao_alsketch_*)\n\
apply to both solves.\n";

/*
   Problem logreg: min (1/N) sum log(1 + exp(-y_i z_i^T x)) s.t. A x = b, ||x||^2 = 1. Checks: the solver converges;
   the KKT residual ||(grad f + G^T lambda, c)|| recomputed with the problem's callbacks and the solver's multipliers
   is <= kkt_tol; every constraint holds to c_tol, and ||x|| = 1 is checked from x itself (independently of the
   problem's constraint callback); on several ranks the objective equals that of the serial solve to f_tol.
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode Solve(MPI_Comm comm, PetscReal gatol, PetscReal *f, PetscReal *kkt, PetscReal *cmax, PetscReal *xnorm, PetscInt *its, TaoConvergedReason *reason)
{
  NLPProblem nlp;
  Tao        tao;
  Vec        x, DE, DI, c;

  PetscFunctionBegin;
  PetscCall(NLPProblemCreate(comm, "logreg", &nlp));
  PetscCall(NLPProblemCreateTao(nlp, TAOALSKETCH, gatol, &tao));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetConvergedReason(tao, reason));
  PetscCall(TaoGetIterationNumber(tao, its));
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCall(NLPProblemComputeKKT(nlp, tao, x, DE, f, kkt));
  PetscCall(VecDuplicate(DE, &c));
  PetscCall(TaoComputeEqualityConstraints(tao, x, c));
  PetscCall(VecNorm(c, NORM_INFINITY, cmax));
  PetscCall(VecNorm(x, NORM_2, xnorm));
  PetscCall(VecDestroy(&c));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal          kkttol = 1e-6, ctol = 1e-8, ftol = 1e-10, gatol = 1e-8, f, kkt, cmax, xnorm;
  PetscInt           its, n, m;
  PetscMPIInt        size;
  TaoConvergedReason reason;
  NLPProblem         nlp;
  MPI_Comm           comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "t211 options", "");
  PetscCall(TesseraOptionsRealPositive("-kkt_tol", "KKT bound", "", kkttol, &kkttol, NULL, 1e100));
  PetscCall(TesseraOptionsRealPositive("-c_tol", "Constraint bound", "", ctol, &ctol, NULL, 1e100));
  PetscCall(TesseraOptionsRealPositive("-f_tol", "Objective agreement across rank counts", "", ftol, &ftol, NULL, 1e100));
  PetscCall(TesseraOptionsRealPositive("-gatol", "Solver tolerance (gatol of NLPProblemCreateTao(); -tao_gatol overrides it)", "", gatol, &gatol, NULL, 1e100));
  PetscOptionsEnd();
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(NLPProblemCreate(comm, "logreg", &nlp));
  PetscCall(NLPProblemGetSizes(nlp, &n, &m));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscCall(Solve(comm, gatol, &f, &kkt, &cmax, &xnorm, &its, &reason));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(reason > 0), "logreg n = %" PetscInt_FMT ", m = %" PetscInt_FMT " on %d rank(s): %s after %" PetscInt_FMT " iterations, f = %.12g", n, m, (int)size, TaoConvergedReasons[reason], its, (double)f));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(kkt <= kkttol), "KKT residual %.2e <= %g", (double)kkt, (double)kkttol));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(cmax <= ctol && PetscAbsReal(xnorm - 1.0) <= ctol), "constraints: max |c_i| %.2e <= %g, | ||x|| - 1 | %.2e <= %g", (double)cmax, (double)ctol, (double)PetscAbsReal(xnorm - 1.0), (double)ctol));
  if (size > 1) {
    PetscReal          f1, kkt1, cmax1, xnorm1, ferr;
    PetscInt           its1;
    TaoConvergedReason reason1;

    PetscCall(Solve(PETSC_COMM_SELF, gatol, &f1, &kkt1, &cmax1, &xnorm1, &its1, &reason1));
    ferr = PetscAbsReal(f - f1) / PetscMax(1.0, PetscAbsReal(f1));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(reason1 > 0 && ferr <= ftol), "serial solve: %s after %" PetscInt_FMT " iterations, |f - f_serial| / max(1, |f|) = %.2e <= %g", TaoConvergedReasons[reason1], its1, (double)ferr, (double)ftol));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
