static char help[] = "Benchmark of the chemotaxis solver: the fully implicit and the IMEX scheme side by side (cell-steps per second\n\
of the time stepping, wall and CPU, median and best of repeats, set-up time apart, difference of the final states), on\n\
1 rank and on all ranks in the same run, step counts as eps -> 0, analytic vs finite-difference-coloured Jacobian of\n\
the implicit scheme.\n\n\
Options:\n\
  -bench_ranks <1,size>    rank counts to run on (subsets of the launched ranks; the others wait)\n\
  -bench_eps <1e-1,1e-4>   eps values (the first and last are compared)\n\
  -bench_T <0.05>          final time of every run\n\
  -bench_repeats <3>       runs of each scheme per eps (the two schemes alternate; median and best are reported)\n\
  -bench_imex_tol <0>      rtol = atol of the IMEX runs (0: the same tolerances as the implicit runs)\n\
  -bench_fd <1>            also run the first eps with PETSc's finite-difference-coloured Jacobian (0: skip)\n\
  -bench_step_ratio <1.2>  bound checked on steps(last eps) / steps(first eps) of the implicit scheme\n\
  -bench_diff_tol <1e-3>   bound checked on the relative max-norm difference of n(T) between the two schemes\n\
  -init <well>             initial signals\n\
  -test                    print only tolerance-robust lines\n\
Grid: 2-D 256 x 256 cells by default (-da_grid_x, -da_grid_y); model and TS options as in the chemotaxis example\n\
(solver options such as -chemotaxis_fft_pc configure the implicit scheme; the IMEX scheme's stage solve is exact).\n\n";

/*
   Each run: cosine data (-cosine_nbar, -cosine_amp) with the chosen initial signals, adaptive steps with PETSc's default
   -ts_rtol = -ts_atol = 1e-4 unless given (error control on n in the max norm, the Chemotaxis default), final time
   -bench_T. Implicit scheme: TSROSW ra34pw2 with the analytic Jacobian and MUMPS LU (or -chemotaxis_fft_pc). IMEX
   scheme (-chemotaxis_scheme imex): TSARKIMEX 3 with exact FFTW stage solves and the drift explicit. Reported per scheme
   and eps: accepted and rejected steps; the time of the stepping, from the step-0 monitor (after TSSetUp(), the
   allocation of the integrator's work vectors) to the end of ChemotaxisSolve(), wall (max over ranks) and CPU (user +
   system, getrusage, summed over ranks), median and minimum over the repeats; cell-steps per second = cells x steps /
   time (from the median and from the minimum time); the set-up inside ChemotaxisSolve() (median wall) apart; the relative max-norm difference of each field of the final states of the
   two schemes. The FD-coloured run compares the time of the Jacobian evaluations with the analytic Jacobian.
*/
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <tessera.h>
#include <sys/resource.h>
#include <time.h>

#define BENCH_MAX  8
#define BENCH_REPS 16

typedef struct {
  PetscReal wall, cpu, jactime, setup;
  PetscInt  steps, rejects;
} BenchResult;

/* clocks at the step-0 monitor: the end of the set-up inside ChemotaxisSolve() */
typedef struct {
  PetscLogDouble wall;
  PetscReal      cpu;
} BenchClock;

static PetscErrorCode CPUTime(PetscReal *t)
{
  struct rusage ru;

  PetscFunctionBegin;
  PetscCheck(!getrusage(RUSAGE_SELF, &ru), PETSC_COMM_SELF, PETSC_ERR_SYS, "getrusage() failed");
  *t = (PetscReal)ru.ru_utime.tv_sec + 1e-6 * (PetscReal)ru.ru_utime.tv_usec + (PetscReal)ru.ru_stime.tv_sec + 1e-6 * (PetscReal)ru.ru_stime.tv_usec;
  PetscFunctionReturn(0);
}

static PetscErrorCode StepZeroMonitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  BenchClock *clk = (BenchClock *)ptr;

  PetscFunctionBegin;
  if (step == 0) {
    PetscCall(PetscTime(&clk->wall));
    PetscCall(CPUTime(&clk->cpu));
  }
  PetscFunctionReturn(0);
}

static PetscReal imex_tol = 0; /* -bench_imex_tol */

static PetscErrorCode Run(MPI_Comm comm, ChemotaxisScheme scheme, PetscReal eps, PetscReal T, PetscBool fd, ChemotaxisProblem problem, ChemotaxisInitialType init, Vec *Uout, PetscInt *cells, BenchResult *r)
{
  Chemotaxis         ct;
  TS                 ts;
  Vec                U;
  PetscReal          tau, c0, c1, tt[3];
  BenchClock         clk;
  PetscLogDouble     t0, t1;
  DM                 da;
  PetscInt           M[3];
  PetscLogEvent      ev;
  PetscEventPerfInfo j0, j1;

  PetscFunctionBegin;
  PetscCall(ChemotaxisCreate(comm, &ct));
  PetscCall(ChemotaxisSetGridSizes(ct, 256, 256, 256));
  /* the FD-coloured Jacobian is PETSc's -snes_fd_color, set for this run only */
  if (fd) PetscCall(PetscOptionsSetValue(NULL, "-snes_fd_color", "1"));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisSetScheme(ct, scheme));
  PetscCall(ChemotaxisGetParameters(ct, NULL, &tau));
  PetscCall(ChemotaxisSetParameters(ct, eps, tau));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetTS(ct, &ts));
  PetscCall(TSSetMaxTime(ts, T));
  PetscCall(TSMonitorSet(ts, StepZeroMonitor, &clk, NULL));
  if (scheme == CHEMOTAXIS_SCHEME_IMEX && imex_tol > 0) PetscCall(TSSetTolerances(ts, imex_tol, NULL, imex_tol, NULL));
  if (fd) PetscCall(PetscOptionsClearValue(NULL, "-snes_fd_color"));
  PetscCall(ChemotaxisGetDM(ct, &da));
  PetscCall(DMDAGetInfo(da, NULL, &M[0], &M[1], &M[2], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  *cells = M[0] * M[1] * M[2];
  PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, init, U));
  PetscCall(PetscLogEventGetId("SNESJacobianEval", &ev));
  PetscCall(PetscLogEventGetPerfInfo(PETSC_DETERMINE, ev, &j0));
  PetscCall(PetscBarrier((PetscObject)ct));
  PetscCall(CPUTime(&c0));
  PetscCall(PetscTime(&t0));
  PetscCall(ChemotaxisSolve(ct, U));
  PetscCall(PetscTime(&t1));
  PetscCall(CPUTime(&c1));
  PetscCall(PetscLogEventGetPerfInfo(PETSC_DETERMINE, ev, &j1));
  tt[0] = t1 - clk.wall;
  tt[1] = clk.wall - t0;
  tt[2] = c1 - clk.cpu;
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, tt, 2, MPIU_REAL, MPIU_MAX, comm));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &tt[2], 1, MPIU_REAL, MPIU_SUM, comm));
  r->wall    = tt[0];
  r->setup   = tt[1];
  r->cpu     = tt[2];
  r->jactime = j1.time - j0.time;
  PetscCall(TSGetStepNumber(ts, &r->steps));
  PetscCall(TSGetStepRejections(ts, &r->rejects));
  if (Uout) *Uout = U;
  else PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscFunctionReturn(0);
}

/* median and minimum of n values */
static void MedianMin(PetscInt n, const PetscReal v[], PetscReal *med, PetscReal *min)
{
  PetscReal s[BENCH_REPS];

  for (PetscInt i = 0; i < n; i++) s[i] = v[i];
  for (PetscInt i = 1; i < n; i++)
    for (PetscInt j = i; j > 0 && s[j - 1] > s[j]; j--) {
      PetscReal x = s[j];

      s[j]     = s[j - 1];
      s[j - 1] = x;
    }
  *med = n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  *min = s[0];
}

static PetscErrorCode Report(MPI_Comm comm, const char *name, PetscMPIInt nranks, PetscReal eps, PetscInt cells, PetscInt nrep, const BenchResult r[], PetscReal *wallmed)
{
  PetscReal wall[BENCH_REPS], cpu[BENCH_REPS], setup[BENCH_REPS], wmed, wmin, cmed, cmin, smed, smin, cs = (PetscReal)cells * (PetscReal)r[0].steps;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < nrep; i++) {
    wall[i]  = r[i].wall;
    cpu[i]   = r[i].cpu;
    setup[i] = r[i].setup;
  }
  MedianMin(nrep, wall, &wmed, &wmin);
  MedianMin(nrep, cpu, &cmed, &cmin);
  MedianMin(nrep, setup, &smed, &smin);
  *wallmed = wmed;
  PetscCall(PetscPrintf(comm,
                        "%-8s %d rank(s) eps = %8.1e: %4" PetscInt_FMT " steps (%" PetscInt_FMT
                        " rejected); stepping wall median %7.3f s, min %7.3f s; CPU median %7.3f s, min %7.3f s; cell-steps/s: wall %.3e (best %.3e), CPU %.3e (best %.3e); set-up %.3f s wall\n",
                        name, nranks, (double)eps, r[0].steps, r[0].rejects, (double)wmed, (double)wmin, (double)cmed, (double)cmin, (double)(cs / wmed), (double)(cs / wmin), (double)(cs / cmed), (double)(cs / cmin), (double)smed));
  PetscFunctionReturn(0);
}

/* barrier that sleeps instead of polling: ranks outside a run would otherwise spin in MPI_Barrier and take a core from
   the ranks being timed */
static PetscErrorCode QuietBarrier(MPI_Comm comm)
{
  MPI_Request req;
  int         done = 0;

  PetscFunctionBegin;
  PetscCallMPI(MPI_Ibarrier(comm, &req));
  while (!done) {
    PetscCallMPI(MPI_Test(&req, &done, MPI_STATUS_IGNORE));
    if (!done) {
      struct timespec ms2 = {0, 2000000};

      nanosleep(&ms2, NULL);
    }
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal             eps[BENCH_MAX] = {1e-1, 1e-4}, T = 0.05, ratio_max = 1.2, ratio = 0, diff_tol = 1e-3, dmax = 0, fddiff = 0, v[3];
  PetscInt              neps = BENCH_MAX, cells = 0, nrep = 3, steps[2][BENCH_MAX], ranks[BENCH_MAX], nranks = BENCH_MAX;
  PetscBool             fd = PETSC_TRUE, test = PETSC_FALSE, flg;
  ChemotaxisInitialType init = CHEMOTAXIS_INITIAL_WELL;
  BenchResult           r[2][BENCH_REPS], rfd, rref = {0, 0, 0, 0, 0, 0};
  const char           *names[2] = {"implicit", "imex"};
  PetscMPIInt           size, rank;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscLogDefaultBegin()); /* Jacobian times from the SNESJacobianEval event */
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  PetscCallMPI(MPI_Comm_rank(PETSC_COMM_WORLD, &rank));
  ranks[0] = 1;
  ranks[1] = size;
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "Chemotaxis benchmark", "");
  PetscCall(PetscOptionsRealArray("-bench_eps", "eps values", "bench_chemotaxis.c", eps, &neps, &flg));
  if (!flg) neps = 2;
  PetscCall(PetscOptionsIntArray("-bench_ranks", "Rank counts to run on", "bench_chemotaxis.c", ranks, &nranks, &flg));
  if (!flg) nranks = size > 1 ? 2 : 1;
  PetscCall(TesseraOptionsRealPositive("-bench_T", "Final time", "bench_chemotaxis.c", T, &T, NULL, 100));
  PetscCall(TesseraOptionsIntInRange("-bench_repeats", "Runs of each scheme per eps", "bench_chemotaxis.c", nrep, &nrep, NULL, 1, BENCH_REPS));
  PetscCall(TesseraOptionsRealInRange("-bench_imex_tol", "rtol = atol of the IMEX runs (0: as the implicit runs)", "bench_chemotaxis.c", imex_tol, &imex_tol, NULL, 0, 1));
  PetscCall(PetscOptionsBool("-bench_fd", "Also run with the FD-coloured Jacobian", "bench_chemotaxis.c", fd, &fd, NULL));
  PetscCall(TesseraOptionsRealPositive("-bench_step_ratio", "Bound on the step ratio", "bench_chemotaxis.c", ratio_max, &ratio_max, NULL, 1e6));
  PetscCall(TesseraOptionsRealPositive("-bench_diff_tol", "Bound on the difference of n(T) between the schemes", "bench_chemotaxis.c", diff_tol, &diff_tol, NULL, 1e6));
  PetscCall(PetscOptionsEnum("-init", "Initial signals", "bench_chemotaxis.c", ChemotaxisInitialTypes, (PetscEnum)init, (PetscEnum *)&init, NULL));
  PetscCall(PetscOptionsBool("-test", "Tolerance-robust output", "bench_chemotaxis.c", test, &test, NULL));
  PetscOptionsEnd();
  PetscCheck(neps >= 2, PETSC_COMM_WORLD, PETSC_ERR_ARG_SIZ, "-bench_eps needs at least two values (the first and the last are compared)");
  for (PetscInt j = 0; j < neps; j++) PetscCall(TesseraCheckRealInRange(PETSC_COMM_WORLD, "-bench_eps", eps[j], PETSC_SMALL, 1e6));
  for (PetscInt g = 0; g < nranks; g++) PetscCheck(ranks[g] >= 1 && ranks[g] <= size, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "-bench_ranks: %" PetscInt_FMT " is not in [1, %d] (the launched ranks)", ranks[g], size);
  if (!test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%d rank(s) launched, runs on %" PetscInt_FMT " rank count(s); T = %g; %" PetscInt_FMT " repeats per scheme, eps and rank count, the schemes alternating\n", size, nranks, (double)T, nrep));
  if (!test && imex_tol > 0) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "IMEX runs at rtol = atol = %g\n", (double)imex_tol));
  for (PetscInt j = 0; j < neps; j++) {
    for (PetscInt g = 0; g < nranks; g++) {
      MPI_Comm          comm;
      ChemotaxisProblem problem;
      Vec               Us[2] = {NULL, NULL};
      PetscReal         wmed[2], d[3], nrm[3];

      /* the first ranks[g] ranks run, the others wait */
      PetscCallMPI(MPI_Comm_split(PETSC_COMM_WORLD, rank < ranks[g] ? 0 : MPI_UNDEFINED, rank, &comm));
      if (comm != MPI_COMM_NULL) {
        PetscCall(ChemotaxisProblemCreate(comm, "cosine", &problem));
        for (PetscInt i = 0; i < nrep; i++)
          for (PetscInt s = 0; s < 2; s++) PetscCall(Run(comm, (ChemotaxisScheme)s, eps[j], T, PETSC_FALSE, problem, init, i == 0 ? &Us[s] : NULL, &cells, &r[s][i]));
        for (PetscInt s = 0; s < 2; s++) {
          if (g == 0) steps[s][j] = r[s][0].steps;
          if (!test) PetscCall(Report(comm, names[s], (PetscMPIInt)ranks[g], eps[j], cells, nrep, r[s], &wmed[s]));
        }
        for (PetscInt f = 0; f < 3; f++) PetscCall(VecStrideNorm(Us[0], f, NORM_INFINITY, &nrm[f]));
        PetscCall(VecAXPY(Us[1], -1.0, Us[0]));
        for (PetscInt f = 0; f < 3; f++) {
          PetscCall(VecStrideNorm(Us[1], f, NORM_INFINITY, &d[f]));
          d[f] /= nrm[f];
        }
        dmax = PetscMax(dmax, d[0]);
        if (!test)
          PetscCall(PetscPrintf(comm, "         %d rank(s) eps = %8.1e: imex vs implicit final state, relative max-norm difference n %.2e, c %.2e, w %.2e; time to solution implicit / imex = %.2f (median stepping wall)\n", (int)ranks[g],
                                (double)eps[j], (double)d[0], (double)d[1], (double)d[2], (double)(wmed[0] / wmed[1])));
        if (j == 0 && g == 0) {
          rref = r[0][0];
          if (fd) { /* the implicit scheme with PETSc's FD-coloured Jacobian on the same ranks */
            Vec       Ufd;
            PetscReal nrmu;

            PetscCall(Run(comm, CHEMOTAXIS_SCHEME_IMPLICIT, eps[0], T, PETSC_TRUE, problem, init, &Ufd, &cells, &rfd));
            PetscCall(VecNorm(Us[0], NORM_INFINITY, &nrmu));
            PetscCall(VecAXPY(Ufd, -1.0, Us[0]));
            PetscCall(VecNorm(Ufd, NORM_INFINITY, &fddiff));
            fddiff /= nrmu;
            if (!test) {
              PetscCall(PetscPrintf(comm, "implicit, FD-coloured Jacobian, %d rank(s) eps = %8.1e: %4" PetscInt_FMT " steps (%" PetscInt_FMT " rejected), %8.3f s stepping (Jacobians %.3f s), %.4e cell-steps/s\n", (int)ranks[g], (double)eps[0],
                                    rfd.steps, rfd.rejects, (double)rfd.wall, (double)rfd.jactime, (double)(cells * (PetscReal)rfd.steps / rfd.wall)));
              PetscCall(PetscPrintf(comm, "analytic vs FD-coloured (first repeat): Jacobian evaluation %.2fx faster, stepping %.2fx faster; final states differ by %.2e (relative)\n", (double)(rfd.jactime / rref.jactime),
                                    (double)(rfd.wall / rref.wall), (double)fddiff));
            }
            PetscCall(VecDestroy(&Ufd));
          }
        }
        PetscCall(VecDestroy(&Us[0]));
        PetscCall(VecDestroy(&Us[1]));
        PetscCall(ChemotaxisProblemDestroy(&problem));
        PetscCallMPI(MPI_Comm_free(&comm));
      }
      PetscCall(QuietBarrier(PETSC_COMM_WORLD));
    }
  }
  /* the verdicts on every rank: the values of rank 0 (a member of every group) and the largest difference anywhere */
  if (rank == 0) ratio = (PetscReal)steps[0][neps - 1] / (PetscReal)steps[0][0];
  v[0] = ratio;
  v[1] = fddiff;
  v[2] = rank == 0 ? (PetscReal)steps[1][neps - 1] / (PetscReal)steps[1][0] : 0;
  PetscCallMPI(MPI_Bcast(v, 3, MPIU_REAL, 0, PETSC_COMM_WORLD));
  ratio  = v[0];
  fddiff = v[1];
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &dmax, 1, MPIU_REAL, MPIU_MAX, PETSC_COMM_WORLD));
  PetscCallMPI(MPI_Bcast(&cells, 1, MPIU_INT, 0, PETSC_COMM_WORLD));
  if (fd) PetscCall(TesseraVerdict(PETSC_COMM_WORLD, (PetscBool)(fddiff <= 1e-6), "FD-coloured and analytic Jacobians give the same solution to 1e-6"));
  if (!test)
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%" PetscInt_FMT " cells; steps(eps = %g) / steps(eps = %g) on %" PetscInt_FMT " rank(s): implicit %.3f, imex %.3f\n", cells, (double)eps[neps - 1], (double)eps[0], ranks[0], (double)ratio, (double)v[2]));
  PetscCall(TesseraVerdict(PETSC_COMM_WORLD, (PetscBool)(ratio <= ratio_max), "implicit step ratio eps = %g vs %g within %g", (double)eps[neps - 1], (double)eps[0], (double)ratio_max));
  PetscCall(TesseraVerdict(PETSC_COMM_WORLD, (PetscBool)(dmax <= diff_tol), "imex and implicit final n agree to %g (relative max norm) for every eps and rank count", (double)diff_tol));
  PetscCall(TesseraVerdictCheckAll(PETSC_COMM_WORLD));
  PetscCall(PetscFinalize());
  return 0;
}
