static char help[] = "Benchmark of the chemotaxis solver: cell-steps per second, step counts as eps -> 0, analytic vs finite-difference-coloured Jacobian.\n\n\
Options:\n\
  -bench_eps <1e-1,1e-4>   eps values (the first and last are compared)\n\
  -bench_T <0.05>          final time of every run\n\
  -bench_fd <1>            also run the first eps with PETSc's finite-difference-coloured Jacobian (0: skip)\n\
  -bench_step_ratio <1.2>  bound checked on steps(last eps) / steps(first eps)\n\
  -init <well>          well- or ill-prepared initial signals\n\
  -test                    print only tolerance-robust lines\n\
Grid: 2-D 256 x 256 cells by default (-da_grid_x, -da_grid_y); model and TS options as in the chemotaxis example.\n\n";

/*
   Each run: well-prepared (or -init ill) cosine data (-cosine_nbar, -cosine_amp), default integrator (TSROSW ra34pw2, TSAdapt basic with
   PETSc's default -ts_rtol = -ts_atol = 1e-4 unless given), default linear solver (MUMPS LU when available). Reported:
   wall time of ChemotaxisSolve(), accepted steps, cell-steps per second = cells x steps / time, and for the
   finite-difference-coloured run (SNESComputeJacobianDefaultColor on the same DMDA colouring) the time, steps and the
   maximum difference of the final state to the analytic-Jacobian run.
*/
#include <tessera.h>
#include <tesseratest.h>

#define BENCH_MAX 8

typedef struct {
  PetscReal time, jactime, diff;
  PetscInt  steps, rejects;
} BenchResult;

static PetscErrorCode Run(PetscReal eps, PetscReal T, PetscBool fd, ChemotaxisProblem problem, ChemotaxisInitialType init, Vec *Uout, PetscInt *cells, BenchResult *r)
{
  Chemotaxis         ct;
  TS                 ts;
  Vec                U;
  PetscReal          tau;
  PetscLogDouble     t0, t1;
  DM                 da;
  PetscInt           M[3];
  PetscLogEvent      ev;
  PetscEventPerfInfo j0, j1;

  PetscFunctionBegin;
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ct));
  PetscCall(ChemotaxisSetGridSizes(ct, 256, 256, 256));
  /* the FD-coloured Jacobian is PETSc's -snes_fd_color, set for this run only */
  if (fd) PetscCall(PetscOptionsSetValue(NULL, "-snes_fd_color", "1"));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisGetParameters(ct, NULL, &tau));
  PetscCall(ChemotaxisSetParameters(ct, eps, tau));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetTS(ct, &ts));
  PetscCall(TSSetMaxTime(ts, T));
  if (fd) PetscCall(PetscOptionsClearValue(NULL, "-snes_fd_color"));
  PetscCall(ChemotaxisGetDM(ct, &da));
  PetscCall(DMDAGetInfo(da, NULL, &M[0], &M[1], &M[2], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  *cells = M[0] * M[1] * M[2];
  PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, init, U));
  PetscCall(PetscBarrier((PetscObject)ct));
  PetscCall(PetscLogEventGetId("SNESJacobianEval", &ev));
  PetscCall(PetscLogEventGetPerfInfo(PETSC_DETERMINE, ev, &j0));
  PetscCall(PetscTime(&t0));
  PetscCall(ChemotaxisSolve(ct, U));
  PetscCall(PetscTime(&t1));
  PetscCall(PetscLogEventGetPerfInfo(PETSC_DETERMINE, ev, &j1));
  r->time    = t1 - t0;
  r->jactime = j1.time - j0.time;
  PetscCall(TSGetStepNumber(ts, &r->steps));
  PetscCall(TSGetStepRejections(ts, &r->rejects));
  r->diff = 0;
  if (Uout) *Uout = U;
  else PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal             eps[BENCH_MAX] = {1e-1, 1e-4}, T = 0.05, ratio_max = 1.2, ratio;
  PetscInt              neps = BENCH_MAX, cells = 0;
  PetscBool             fd = PETSC_TRUE, test = PETSC_FALSE, flg;
  ChemotaxisInitialType init = CHEMOTAXIS_INITIAL_WELL;
  BenchResult           r[BENCH_MAX], rfd;
  ChemotaxisProblem     problem;
  Vec                   U0 = NULL, Ufd = NULL;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscLogDefaultBegin()); /* Jacobian times from the SNESJacobianEval event */
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "Chemotaxis benchmark", "");
  PetscCall(PetscOptionsRealArray("-bench_eps", "eps values", "bench_chemotaxis.c", eps, &neps, &flg));
  if (!flg) neps = 2;
  PetscCall(TesseraOptionsRealPositive("-bench_T", "Final time", "bench_chemotaxis.c", T, &T, NULL, 100));
  PetscCall(PetscOptionsBool("-bench_fd", "Also run with the FD-coloured Jacobian", "bench_chemotaxis.c", fd, &fd, NULL));
  PetscCall(TesseraOptionsRealPositive("-bench_step_ratio", "Bound on the step ratio", "bench_chemotaxis.c", ratio_max, &ratio_max, NULL, 1e6));
  PetscCall(PetscOptionsEnum("-init", "Initial signals", "bench_chemotaxis.c", ChemotaxisInitialTypes, (PetscEnum)init, (PetscEnum *)&init, NULL));
  PetscCall(PetscOptionsBool("-test", "Tolerance-robust output", "bench_chemotaxis.c", test, &test, NULL));
  PetscOptionsEnd();
  PetscCheck(neps >= 2, PETSC_COMM_WORLD, PETSC_ERR_ARG_SIZ, "-bench_eps needs at least two values (the first and the last are compared)");
  for (PetscInt j = 0; j < neps; j++) PetscCall(TesseraCheckRealInRange(PETSC_COMM_WORLD, "-bench_eps", eps[j], 0, 1e6));
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, "cosine", &problem));
  for (PetscInt j = 0; j < neps; j++) {
    PetscCall(Run(eps[j], T, PETSC_FALSE, problem, init, j == 0 ? &U0 : NULL, &cells, &r[j]));
    if (!test)
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "analytic Jacobian, eps = %8.1e: %4" PetscInt_FMT " steps (%" PetscInt_FMT " rejected), %8.3f s (Jacobians %.3f s), %.4e cell-steps/s\n", (double)eps[j], r[j].steps, r[j].rejects, r[j].time, r[j].jactime,
                            (double)(cells * (PetscReal)r[j].steps / r[j].time)));
  }
  ratio = (PetscReal)r[neps - 1].steps / (PetscReal)r[0].steps;
  if (fd) {
    PetscReal nrm;

    PetscCall(Run(eps[0], T, PETSC_TRUE, problem, init, &Ufd, &cells, &rfd));
    PetscCall(VecNorm(U0, NORM_INFINITY, &nrm));
    PetscCall(VecAXPY(Ufd, -1.0, U0));
    PetscCall(VecNorm(Ufd, NORM_INFINITY, &rfd.diff));
    rfd.diff /= nrm;
    if (!test) {
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "FD-coloured Jacobian, eps = %8.1e: %4" PetscInt_FMT " steps (%" PetscInt_FMT " rejected), %8.3f s (Jacobians %.3f s), %.4e cell-steps/s\n", (double)eps[0], rfd.steps, rfd.rejects, rfd.time, rfd.jactime,
                            (double)(cells * (PetscReal)rfd.steps / rfd.time)));
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "analytic vs FD-coloured: Jacobian evaluation %.2fx faster, whole run %.2fx faster; final states differ by %.2e (relative)\n", (double)(rfd.jactime / r[0].jactime), (double)(rfd.time / r[0].time),
                            (double)rfd.diff));
    }
    PetscCall(VecDestroy(&Ufd));
  }
  if (!test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%" PetscInt_FMT " cells; steps(eps = %g) / steps(eps = %g) = %.3f\n", cells, (double)eps[neps - 1], (double)eps[0], (double)ratio));
  PetscCall(TesseraTestVerdict(PETSC_COMM_WORLD, (PetscBool)(ratio <= ratio_max), "step ratio eps = %g vs %g within %g", (double)eps[neps - 1], (double)eps[0], (double)ratio_max));
  if (fd) PetscCall(TesseraTestVerdict(PETSC_COMM_WORLD, (PetscBool)(rfd.diff <= 1e-6), "FD-coloured and analytic Jacobians give the same solution to 1e-6"));
  PetscCall(VecDestroy(&U0));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(TesseraTestCheckAll(PETSC_COMM_WORLD));
  PetscCall(PetscFinalize());
  return 0;
}
