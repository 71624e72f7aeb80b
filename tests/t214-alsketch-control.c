static char help[] = "TAOALSKETCH on the semilinear elliptic control problem CONTROL over a sequence of meshes: every solve\n\
converges, the Newton count does not grow with the mesh (within 2), the optimal objective converges at second order in\n\
h, the constraints hold to the tolerance, and (with -compare_seq, on several ranks) the distributed solve gives the\n\
objective of the one-rank solve.\n\
  -sizes <15,31,63> : interior points per direction of the meshes (each about twice the previous)\n\
  -compare_seq      : also solve the finest mesh on PETSC_COMM_SELF and compare f (1e-10 relative) and the iterations\n\
  -problem <CONTROL>: CONTROL, or PDE (the QP, with -pde_h2; no order check: its target is not a mesh function)\n\
  -inner_spread <s> : the total inner iterations of every mesh within (1 +- s) times their mean (e.g. 0.15 with\n\
                      -tao_alsketch_inner block: the block preconditioner is mesh-independent)\n\
  -inner_per_newton : apply -inner_spread to the inner iterations per Newton iteration (for the QP, whose Newton\n\
                      count moves by one with the adaptive inner accuracy)\n\
Solver options as for examples/nlp (-control_dim, -control_alpha, -tao_gatol, -tao_alsketch_ksp_type, ...).\n";

#include <tessera.h>
#include "tesseratest.h"

/* solve CONTROL with N points per direction on comm: objective, Newton iterations, KKT residual, ||c||_2 */
static PetscErrorCode SolveControl(MPI_Comm comm, const char problem[], PetscInt N, PetscReal *f, PetscInt *its, PetscInt *inner, PetscReal *kkt, PetscReal *cnorm)
{
  NLPProblem         nlp;
  Tao                tao;
  Vec                x, lam0, DE, DI, c;
  TaoConvergedReason reason;
  char               val[32];
  PetscBool          pde;

  PetscFunctionBegin;
  PetscCall(PetscStrcmp(problem, "PDE", &pde));
  PetscCall(PetscSNPrintf(val, sizeof(val), "%" PetscInt_FMT, N));
  PetscCall(PetscOptionsSetValue(NULL, pde ? "-pde_n" : "-control_n", val));
  if (pde) PetscCall(PetscOptionsSetValue(NULL, "-pde_h2", NULL));
  PetscCall(NLPProblemCreate(comm, problem, &nlp));
  PetscCall(TaoCreate(comm, &tao));
  PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(NLPProblemSetUpTao(nlp, tao));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(NLPProblemGetInitialMultipliers(nlp, &lam0));
  PetscCall(TaoALSketchSetMultipliers(tao, lam0));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetConvergedReason(tao, &reason));
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(TaoGetIterationNumber(tao, its));
  PetscCall(TaoALSketchGetTotalSketchIterations(tao, inner));
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCall(NLPProblemComputeKKT(nlp, tao, x, DE, f, kkt));
  PetscCall(VecDuplicate(DE, &c));
  PetscCall(TaoComputeEqualityConstraints(tao, x, c));
  PetscCall(VecNorm(c, NORM_2, cnorm));
  PetscCall(TesseraTestCheck(comm, reason > 0, "N = %" PetscInt_FMT ": converged (%s) in %" PetscInt_FMT " iterations (%" PetscInt_FMT " inner), f = %.12g, KKT %.2e, ||c|| %.2e", N, TaoConvergedReasons[reason], *its, *inner, (double)*f, (double)*kkt,
                             (double)*cnorm));
  PetscCall(VecDestroy(&c));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt  sizes[8] = {15, 31, 63}, ns = 3, its[8], inner[8], minit = PETSC_MAX_INT, maxit = 0;
  PetscReal f[8], kkt, cn, gatol = 1e-8, spread = -1.0, work[8], worksum = 0.0;
  PetscBool seq = PETSC_FALSE, pde, pernewton = PETSC_FALSE;
  char      problem[16] = "CONTROL";
  MPI_Comm  comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetIntArray(NULL, NULL, "-sizes", sizes, &ns, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-compare_seq", &seq, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-tao_gatol", &gatol, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-inner_spread", &spread, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-inner_per_newton", &pernewton, NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-problem", problem, sizeof(problem), NULL));
  PetscCall(PetscStrcmp(problem, "PDE", &pde));
  PetscCheck(ns >= 3, comm, PETSC_ERR_ARG_WRONG, "-sizes needs at least three meshes");
  for (PetscInt k = 0; k < ns; k++) {
    PetscCall(SolveControl(comm, problem, sizes[k], &f[k], &its[k], &inner[k], &kkt, &cn));
    work[k] = pernewton ? (PetscReal)inner[k] / PetscMax(its[k], 1) : (PetscReal)inner[k];
    worksum += work[k];
    PetscCall(TesseraTestCheck(comm, kkt <= gatol && cn <= gatol, "N = %" PetscInt_FMT ": KKT %.2e and ||c|| %.2e <= %g", sizes[k], (double)kkt, (double)cn, (double)gatol));
    minit = PetscMin(minit, its[k]);
    maxit = PetscMax(maxit, its[k]);
  }
  PetscCall(TesseraTestCheck(comm, maxit - minit <= 2, "Newton iterations mesh-independent: %" PetscInt_FMT "..%" PetscInt_FMT " (within 2)", minit, maxit));
  if (spread >= 0.0) {
    PetscReal mean = worksum / ns;

    for (PetscInt k = 0; k < ns; k++)
      PetscCall(TesseraTestCheck(comm, PetscAbsReal(work[k] - mean) <= spread * mean, "N = %" PetscInt_FMT ": %" PetscInt_FMT " inner iterations (%" PetscInt_FMT " Newton)%s: %.2f within %g %% of the mean %.2f over the meshes", sizes[k], inner[k],
                                 its[k], pernewton ? " per Newton iteration" : "", (double)work[k], (double)(100 * spread), (double)mean));
  }
  for (PetscInt k = 2; k < ns && !pde; k++) {
    PetscReal r = (f[k - 1] - f[k - 2]) / (f[k] - f[k - 1]);

    PetscCall(TesseraTestCheck(comm, r >= 3.0 && r <= 5.0, "objective converges at second order in h: (f_%" PetscInt_FMT " - f_%" PetscInt_FMT ")/(f_%" PetscInt_FMT " - f_%" PetscInt_FMT ") = %.3f in [3, 5]", sizes[k - 1], sizes[k - 2], sizes[k],
                               sizes[k - 1], (double)r));
  }
  if (seq) {
    PetscReal fs;
    PetscInt  itss, inns;

    PetscCall(SolveControl(PETSC_COMM_SELF, problem, sizes[ns - 1], &fs, &itss, &inns, &kkt, &cn));
    PetscCall(TesseraTestCheck(comm, PetscAbsReal(fs - f[ns - 1]) <= 1e-10 * PetscAbsReal(fs) && itss == its[ns - 1], "one rank and all ranks agree: f %.15g vs %.15g, %" PetscInt_FMT " vs %" PetscInt_FMT " iterations", (double)fs, (double)f[ns - 1],
                               itss, its[ns - 1]));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
