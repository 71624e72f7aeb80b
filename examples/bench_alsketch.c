static char help[] = "Benchmark of TAOALSKETCH against TAOALMM on the registered equality-constrained problems.\n\n\
Options:\n\
  -problems <a,b,...>  problems to run (default: every registered problem except PDE)\n\
  -bench_gatol <1e-6>  KKT tolerance of every solver\n\
  -bench_repeat <1>    repeat each solve and keep the fastest time\n\n";

/*
   For each problem and solver: outer iterations, objective evaluations, flops (PetscGetFlops, the paper's cost
   metric), wall time and the final KKT residual ||(grad f + G^T lambda, c)|| computed with the problem's callbacks
   (TAOALSKETCH's own multipliers; least-squares multipliers for TAOALMM). Solvers:
     GV   alsketch, adaptive accuracy, Gaussian-vector sketches (the default)
     RK   alsketch, adaptive accuracy, randomized Kaczmarz (uniform rows)
     LU   alsketch, adaptive accuracy, exact inner solves (PETSc LU through MUMPS)
     ALMM TAOALMM with its default quasi-Newton subsolver (bqnls), gatol = catol = the tolerance
   Ratios are alsketch/ALMM over the problems that both solve. IPOPT is not run: it is not installed by the
   project's Debian package list.
*/
#include <tessera.h>

typedef struct {
  PetscInt           its, nfev;
  PetscReal          kkt, f;
  PetscLogDouble     time, flops;
  TaoConvergedReason reason;
} Result;

static PetscErrorCode Run(const char name[], PetscInt solver, PetscReal gatol, PetscInt repeat, Result *res)
{
  res->time = PETSC_MAX_REAL;
  for (PetscInt r = 0; r < repeat; r++) {
    TesseraNLP     nlp;
    Tao            tao;
    Vec            x, lam, lam0;
    PetscInt       m;
    PetscLogDouble t0, t1, f0, f1;
    PetscErrorCode ierr;

    PetscFunctionBegin;
    PetscCall(TesseraNLPCreate(PETSC_COMM_WORLD, name, &nlp));
    PetscCall(TesseraNLPGetSizes(nlp, NULL, &m));
    PetscCall(TaoCreate(PETSC_COMM_WORLD, &tao));
    PetscCall(TaoSetType(tao, solver == 3 ? TAOALMM : TAOALSKETCH));
    PetscCall(TesseraNLPSetUpTao(nlp, tao));
    PetscCall(TaoSetTolerances(tao, gatol, 0.0, 0.0));
    if (solver == 3) PetscCall(TaoSetConstraintTolerances(tao, gatol, 0.0));
    else {
      KSP ksp;
      PC  pc;

      PetscCall(TesseraNLPGetInitialMultipliers(nlp, &lam0));
      if (lam0) PetscCall(TaoALSketchSetMultipliers(tao, lam0));
      PetscCall(TaoALSketchGetKSP(tao, &ksp));
      if (solver == 1) PetscCall(KSPSketchSetType(ksp, KSP_SKETCH_KACZMARZ));
      if (solver == 2) {
        PetscCall(KSPSetType(ksp, KSPPREONLY));
        PetscCall(KSPGetPC(ksp, &pc));
        PetscCall(PCSetType(pc, PCLU));
        PetscCall(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
      }
    }
    PetscCall(PetscGetFlops(&f0));
    PetscCall(PetscTime(&t0));
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = TaoSolve(tao);
    PetscCall(PetscPopErrorHandler());
    PetscCall(PetscTime(&t1));
    PetscCall(PetscGetFlops(&f1));
    if (ierr) PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_NAN));
    res->time  = PetscMin(res->time, t1 - t0);
    res->flops = f1 - f0;
    PetscCall(TaoGetConvergedReason(tao, &res->reason));
    PetscCall(TaoGetIterationNumber(tao, &res->its));
    PetscCall(TaoGetCurrentFunctionEvaluations(tao, &res->nfev));
    PetscCall(TaoGetSolution(tao, &x));
    PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, m, &lam));
    if (res->reason == TAO_DIVERGED_NAN) res->kkt = res->f = PETSC_INFINITY;
    else {
      if (solver == 3) PetscCall(TesseraNLPComputeLeastSquaresMultipliers(nlp, tao, x, lam));
      else {
        Vec DE, DI;

        PetscCall(TaoGetDualVariables(tao, &DE, &DI));
        PetscCall(VecCopy(DE, lam));
      }
      PetscCall(TesseraNLPComputeKKT(nlp, tao, x, lam, &res->f, &res->kkt));
    }
    PetscCall(VecDestroy(&lam));
    PetscCall(TaoDestroy(&tao));
    PetscCall(TesseraNLPDestroy(&nlp));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char        *list[128];
  PetscInt     nlist = 128, nprob, repeat = 1, nboth[3] = {0, 0, 0}, solved[4] = {0, 0, 0, 0};
  const char **names;
  PetscReal    gatol = 1e-6, sits[3] = {0, 0, 0}, salmm[3] = {0, 0, 0}, stime[3] = {0, 0, 0}, stalmm[3] = {0, 0, 0};
  PetscBool    given;
  const char  *label[4] = {"GV", "RK", "LU", "ALMM"};

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "alsketch benchmark options", "");
  PetscCall(PetscOptionsStringArray("-problems", "Problems to run", "bench_alsketch.c", list, &nlist, &given));
  PetscCall(PetscOptionsReal("-bench_gatol", "KKT tolerance", "bench_alsketch.c", gatol, &gatol, NULL));
  PetscCall(PetscOptionsInt("-bench_repeat", "Repetitions per solve", "bench_alsketch.c", repeat, &repeat, NULL));
  PetscOptionsEnd();
  if (!given) {
    PetscCall(TesseraNLPGetNames(&nprob, &names));
    nlist = 0;
    for (PetscInt p = 0; p < nprob; p++) {
      PetscBool pde;

      PetscCall(PetscStrcmp(names[p], "PDE", &pde));
      if (!pde) PetscCall(PetscStrallocpy(names[p], &list[nlist++]));
    }
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%-11s %-5s %6s %6s %10s %10s %9s  %s\n", "problem", "solver", "its", "nfev", "flops", "time[s]", "KKT", "reason"));
  for (PetscInt p = 0; p < nlist; p++) {
    Result r[4];

    for (PetscInt s = 0; s < 4; s++) {
      PetscCall(Run(list[p], s, gatol, repeat, &r[s]));
      solved[s] += (r[s].reason > 0 && r[s].kkt <= 10 * gatol);
      PetscCall(
          PetscPrintf(PETSC_COMM_WORLD, "%-11s %-5s %6" PetscInt_FMT " %6" PetscInt_FMT " %10.3e %10.3e %9.2e  %s\n", list[p], label[s], r[s].its, r[s].nfev, (double)r[s].flops, (double)r[s].time, (double)r[s].kkt, TaoConvergedReasons[r[s].reason]));
    }
    for (PetscInt s = 0; s < 3; s++) {
      if (r[s].reason > 0 && r[3].reason > 0 && r[3].kkt <= 10 * gatol) {
        nboth[s]++;
        sits[s] += r[s].its;
        salmm[s] += r[3].its;
        stime[s] += r[s].time;
        stalmm[s] += r[3].time;
      }
    }
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\nsolved to KKT <= %g (10x slack for ALMM's own test): GV %" PetscInt_FMT ", RK %" PetscInt_FMT ", LU %" PetscInt_FMT ", ALMM %" PetscInt_FMT " of %" PetscInt_FMT "\n", (double)gatol, solved[0], solved[1],
                        solved[2], solved[3], nlist));
  for (PetscInt s = 0; s < 3; s++)
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "alsketch-%s / ALMM on %" PetscInt_FMT " problems both solve: outer iterations %.0f / %.0f = %.2f, time %.3f s / %.3f s = %.2f\n", label[s], nboth[s], (double)sits[s], (double)salmm[s],
                          (double)(sits[s] / PetscMax(salmm[s], 1)), (double)stime[s], (double)stalmm[s], (double)(stime[s] / PetscMax(stalmm[s], 1e-12))));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "IPOPT: not run (coinor-libipopt-dev is not among the project's Debian packages)\n"));
  for (PetscInt p = 0; p < nlist; p++) PetscCall(PetscFree(list[p]));
  PetscCall(PetscFinalize());
  return 0;
}
