static char help[] = "Benchmark of the Bilevel types side by side: every type on every registered problem, accuracy over seeds with\n\
baselines; LV-HBA on the LLC toy (n = 100 and n = 10000) against the authors' updates; BO-REP on the quadratic problem.\n\n\
Options:\n\
  -compare <1>         types x problems table and the seed statistics (0: skip)\n\
  -compare_max_it <100000> iteration budget of the closed-form problems in the table\n\
  -learn_max_it <2000> iteration budget of svm and cleaning\n\
  -repeats <3>         repeats of each timed run in the table (median and min)\n\
  -seeds <10>          seeds of the svm and cleaning statistics (0: skip)\n\
  -toy <1>             the LV-HBA toy study below (0: skip)\n\
  -sizes <100,10000>   toy dimensions\n\
  -tol <1e-3>          target relative error in x\n\
  -max_it <100000>     iteration budget of the default runs\n\
  -peer_it <30000>     iterations of the runs with the authors' parameters (0: skip)\n\
  -numpy <cmd>         command of the NumPy reference (python3 bench_bilevel_numpy.py; \"none\": skip)\n\n";

/*
   Comparison (-compare, first): every Bilevel type on every registered problem with default options, CPU and wall
   time of BilevelSolve() (median and min of -repeats runs), reason, iterations, closed-form x error, F, test accuracy;
   types that do not apply are named with the reason. Then, for svm and cleaning, seeds 1..-seeds: test accuracy and
   validation loss of each type (mean and sample standard deviation) and of the baselines of the problem
   (-svm_baseline grid, cv5, valonly, untuned). A run that stops with an error is reported and left out.
   The LV-HBA toy study (-toy), for each toy size n:
   1. tessera defaults: iterations until the relative x error stays below -tol (closed form x* = -0.3), then a second
      run of exactly that many iterations without the error monitor gives the time to tolerance and per iteration;
   2. the parameters of the authors' fork (alpha = beta = 0.002, eta = eta_lambda = 0.03, gamma = 10, c_k = (k+1)^0.3,
      lambda and z clipped to [-1, 1]): relative x error after 1e3, 3e3, 1e4 and 3e4 iterations (spec: 0.36, 0.20,
      4.7e-2, 1.4e-2 at n = 100, from an independent re-implementation of the authors' updates);
   3. the official parameters of Toy-example/LLC/LV-HBA.py (alpha 0.008, beta 0.02, eta = eta_lambda = 0.01,
      gamma 10, c_k = 0.025 (k+1)^0.3, box 1000): tessera's safeguard stops the unstable descent-ascent.
   4. the NumPy reference examples/bench_bilevel_numpy.py: the same updates (same steps, start and per-iteration
      residual and gap) in plain NumPy, run for the same number of iterations as the timing run of 1; it prints its
      time per iteration and its final x error, which must equal tessera's (same iterates).
   Then BO-REP (defaults) on the quadratic problem with closed-form x*: iterations to the same tolerance.
*/
#include <tessera.h>
#include <sys/resource.h>

/* CPU time (user + system) of this process */
static PetscLogDouble CPUTime_Private(void)
{
  struct rusage u;

  getrusage(RUSAGE_SELF, &u);
  return (PetscLogDouble)u.ru_utime.tv_sec + 1e-6 * (PetscLogDouble)u.ru_utime.tv_usec + (PetscLogDouble)u.ru_stime.tv_sec + 1e-6 * (PetscLogDouble)u.ru_stime.tv_usec;
}

/* one solve of a registered problem with default options: reason, iterations, CPU and wall time of BilevelSolve(),
   relative x error (closed form, else -1), F, test accuracy (else -1) */
typedef struct {
  BilevelConvergedReason reason;
  PetscInt               its;
  PetscReal              cpu, wall, xe, F, acc;
  PetscBool              failed; /* BilevelSolve() raised an error (recorded, not fatal: the benchmark reports it) */
} CompareRun;

static PetscErrorCode CompareSolve(MPI_Comm comm, const char problem[], BilevelType type, PetscInt maxit, CompareRun *r)
{
  BilevelProblem prob;
  Bilevel        bl;
  PetscLogDouble c0, c1, w0, w1;
  PetscReal      ye, va;
  PetscBool      known, has;
  PetscErrorCode ierr;

  PetscFunctionBegin;
  PetscCall(BilevelProblemCreate(comm, problem, &prob));
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, type));
  PetscCall(BilevelSetFromOptions(bl)); /* as examples/bilevel: the inner Tao and KSP objects are set from options */
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, maxit));
  PetscCall(BilevelSetUp(bl));
  c0 = CPUTime_Private();
  PetscCall(PetscTime(&w0));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = BilevelSolve(bl);
  PetscCall(PetscPopErrorHandler());
  PetscCall(PetscTime(&w1));
  c1        = CPUTime_Private();
  r->failed = (PetscBool)(ierr != 0);
  if (r->failed) {
    r->reason = BILEVEL_CONVERGED_ITERATING;
    r->its    = -1;
    r->xe = r->F = r->acc = -1;
    r->cpu                = (PetscReal)(c1 - c0);
    r->wall               = (PetscReal)(w1 - w0);
    PetscCall(BilevelDestroy(&bl));
    PetscCall(BilevelProblemDestroy(&prob));
    PetscFunctionReturn(0);
  }
  r->cpu  = (PetscReal)(c1 - c0);
  r->wall = (PetscReal)(w1 - w0);
  PetscCall(BilevelGetConvergedReason(bl, &r->reason));
  PetscCall(BilevelGetIterationNumber(bl, &r->its));
  PetscCall(BilevelGetObjectives(bl, &r->F, NULL));
  PetscCall(BilevelProblemComputeError(prob, bl, &r->xe, &ye, &known));
  if (!known) r->xe = -1;
  PetscCall(BilevelProblemComputeAccuracy(prob, bl, &va, &r->acc, &has));
  if (!has) r->acc = -1;
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscFunctionReturn(0);
}

static int CmpReal_Private(const void *a, const void *b)
{
  const PetscReal x = *(const PetscReal *)a, y = *(const PetscReal *)b;
  return x < y ? -1 : (x > y ? 1 : 0);
}

/* mean and sample standard deviation */
static void MeanStd_Private(const PetscReal *v, PetscInt n, PetscReal *mean, PetscReal *std)
{
  PetscReal m = 0, q = 0;

  for (PetscInt i = 0; i < n; i++) m += v[i];
  m /= n;
  for (PetscInt i = 0; i < n; i++) q += (v[i] - m) * (v[i] - m);
  *mean = m;
  *std  = n > 1 ? PetscSqrtReal(q / (n - 1)) : 0;
}

/* why a type does not apply to a registered problem (NULL: it applies) */
static const char *CompareNotApplicable(const char problem[], const char type[])
{
  const PetscBool constrained = (PetscBool)(!strcmp(problem, "toy") || !strcmp(problem, "inequality") || !strcmp(problem, "llsc"));

  if (!strcmp(type, BILEVELBOREP) && constrained) return "n/a: constrained lower level";
  if (!strcmp(type, BILEVELIMPLICIT) && !strcmp(problem, "toy")) return "n/a: lower-level solution set not a point";
  if (!strcmp(type, BILEVELIMPLICIT) && !strcmp(problem, "llsc")) return "n/a: upper-level constraint Bx = 0 needs a projection";
  return NULL;
}

/* every type on every registered problem (svm and cleaning: seed 1), repeats timed runs; then the svm and cleaning
   test accuracy over seeds 1..nseeds with the baselines */
static PetscErrorCode Compare(MPI_Comm comm, PetscInt maxit, PetscInt learnit, PetscInt repeats, PetscInt nseeds)
{
  const char *problems[6] = {"toy", "inequality", "quadratic", "llsc", "svm", "cleaning"};
  const char *types[3]    = {BILEVELLVHBA, BILEVELBOREP, BILEVELIMPLICIT};
  const char *bases[4]    = {"grid", "cv5", "valonly", "untuned"};
  const char *bnames[4]   = {"grid search (validation)", "5-fold CV grid search", "clean validation set only", "untuned (exp(c) = 1)"};

  PetscFunctionBegin;
  PetscCall(PetscPrintf(comm, "\nTypes x problems, default options (budget %" PetscInt_FMT " iterations; svm, cleaning: %" PetscInt_FMT ", seed 1); time of BilevelSolve(), median (min) of %" PetscInt_FMT " runs\n", maxit, learnit, repeats));
  PetscCall(PetscPrintf(comm, "%-11s %-9s %-16s %9s %17s %17s %10s %11s %8s\n", "problem", "type", "reason", "its", "CPU s", "wall s", "x rel err", "F", "test acc"));
  for (PetscInt p = 0; p < 6; p++) {
    for (PetscInt t = 0; t < 3; t++) {
      const char     *na    = CompareNotApplicable(problems[p], types[t]);
      const PetscBool learn = (PetscBool)(p >= 4);
      CompareRun      r;
      PetscReal       cpu[16], wall[16];
      PetscInt        nr = learn ? 1 : PetscMin(repeats, 16);

      if (na) {
        PetscCall(PetscPrintf(comm, "%-11s %-9s %s\n", problems[p], types[t], na));
        continue;
      }
      for (PetscInt k = 0; k < nr; k++) {
        PetscCall(CompareSolve(comm, problems[p], types[t], learn ? learnit : maxit, &r));
        cpu[k]  = r.cpu;
        wall[k] = r.wall;
      }
      qsort(cpu, (size_t)nr, sizeof(PetscReal), CmpReal_Private);
      qsort(wall, (size_t)nr, sizeof(PetscReal), CmpReal_Private);
      if (r.failed) {
        PetscCall(PetscPrintf(comm, "%-11s %-9s stopped with an error (run examples/bilevel -problem %s -bilevel_type %s to see it)\n", problems[p], types[t], problems[p], types[t]));
        continue;
      }
      {
        char xe[32] = "-", acc[32] = "-";

        if (r.xe >= 0) PetscCall(PetscSNPrintf(xe, sizeof(xe), "%.2e", (double)r.xe));
        if (r.acc >= 0) PetscCall(PetscSNPrintf(acc, sizeof(acc), "%.4f", (double)r.acc));
        PetscCall(PetscPrintf(comm, "%-11s %-9s %-16s %9" PetscInt_FMT " %8.3g (%6.3g) %8.3g (%6.3g) %10s %11.6g %8s\n", problems[p], types[t], BilevelConvergedReasons[r.reason], r.its, (double)cpu[nr / 2], (double)cpu[0], (double)wall[nr / 2],
                              (double)wall[0], xe, (double)r.F, acc));
      }
    }
  }
  if (nseeds <= 0) PetscFunctionReturn(0);
  PetscCall(PetscPrintf(comm, "\nTest accuracy over seeds 1..%" PetscInt_FMT " (mean +- sample std; types with budget %" PetscInt_FMT "; F = validation loss)\n", nseeds, learnit));
  for (PetscInt p = 4; p < 6; p++) {
    PetscReal *acc, *F, *its, *cpu, m, sd, mF, sF, mi, si, mc, sc;

    PetscCall(PetscMalloc4(nseeds, &acc, nseeds, &F, nseeds, &its, nseeds, &cpu));
    for (PetscInt t = 0; t < 3; t++) {
      PetscInt nconv = 0, nok = 0, nfail = 0;

      for (PetscInt sd0 = 0; sd0 < nseeds; sd0++) {
        char       str[32];
        CompareRun r;

        PetscCall(PetscSNPrintf(str, sizeof(str), "%" PetscInt_FMT, sd0 + 1));
        PetscCall(PetscOptionsSetValue(NULL, "-svm_seed", str));
        PetscCall(CompareSolve(comm, problems[p], types[t], learnit, &r));
        if (r.failed) {
          nfail++;
          PetscCall(PetscPrintf(comm, "%-9s %-26s seed %" PetscInt_FMT ": stopped with an error (left out of the statistics)\n", problems[p], types[t], sd0 + 1));
          continue;
        }
        acc[nok] = r.acc;
        F[nok]   = r.F;
        its[nok] = (PetscReal)r.its;
        cpu[nok] = r.cpu;
        nok++;
        if (r.reason > 0) nconv++;
      }
      if (!nok) continue;
      MeanStd_Private(acc, nok, &m, &sd);
      MeanStd_Private(F, nok, &mF, &sF);
      MeanStd_Private(its, nok, &mi, &si);
      MeanStd_Private(cpu, nok, &mc, &sc);
      PetscCall(PetscPrintf(comm, "%-9s %-26s test %.3f +- %.3f   F %.3f +- %.3f   its %.0f +- %.0f (%" PetscInt_FMT " of %" PetscInt_FMT " CONVERGED, %" PetscInt_FMT " errors)   CPU %.3g +- %.2g s\n", problems[p], types[t], (double)m, (double)sd,
                            (double)mF, (double)sF, (double)mi, (double)si, nconv, nseeds, nfail, (double)mc, (double)sc));
    }
    for (PetscInt b = 0; b < 4; b++) {
      for (PetscInt sd0 = 0; sd0 < nseeds; sd0++) {
        char           str[32];
        BilevelProblem prob;
        PetscReal      va;
        PetscBool      has;

        PetscCall(PetscSNPrintf(str, sizeof(str), "%" PetscInt_FMT, sd0 + 1));
        PetscCall(PetscOptionsSetValue(NULL, "-svm_seed", str));
        PetscCall(PetscOptionsSetValue(NULL, "-svm_baseline", bases[b]));
        PetscCall(BilevelProblemCreate(comm, problems[p], &prob));
        PetscCall(BilevelProblemComputeBaseline(prob, &va, &acc[sd0], &has));
        PetscCall(BilevelProblemDestroy(&prob));
      }
      MeanStd_Private(acc, nseeds, &m, &sd);
      PetscCall(PetscPrintf(comm, "%-9s %-26s test %.3f +- %.3f\n", problems[p], bnames[b], (double)m, (double)sd));
    }
    PetscCall(PetscFree4(acc, F, its, cpu));
  }
  PetscCall(PetscOptionsClearValue(NULL, "-svm_seed"));
  PetscCall(PetscOptionsClearValue(NULL, "-svm_baseline"));
  PetscFunctionReturn(0);
}

typedef struct {
  BilevelProblem prob;
  PetscReal      tol;
  PetscInt       hit, marks[4], nmarks;
  PetscReal      err[4];
} BenchCtx;

static PetscErrorCode Monitor(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ptr)
{
  BenchCtx *b = (BenchCtx *)ptr;
  PetscReal xe, ye;
  PetscBool known;

  PetscFunctionBegin;
  PetscCall(BilevelProblemComputeError(b->prob, bl, &xe, &ye, &known));
  if (xe >= b->tol) b->hit = -1;
  else if (b->hit < 0) b->hit = it + 1;
  for (PetscInt k = 0; k < b->nmarks; k++)
    if (it + 1 == b->marks[k]) b->err[k] = xe;
  PetscFunctionReturn(0);
}

static PetscErrorCode Converged(Bilevel bl, PetscInt it, PetscReal res, PetscReal gap, BilevelConvergedReason *reason, void *ptr)
{
  BenchCtx *b = (BenchCtx *)ptr;

  PetscFunctionBegin;
  PetscCall(BilevelConvergedDefault(bl, it, res, gap, reason, NULL));
  if (*reason == BILEVEL_CONVERGED_TOL) *reason = BILEVEL_CONVERGED_ITERATING; /* run on until the error target */
  if (*reason == BILEVEL_CONVERGED_ITERATING && b->hit >= 0 && it + 1 - b->hit >= 100) *reason = BILEVEL_CONVERGED_USER;
  PetscFunctionReturn(0);
}

/* Runs the NumPy reference of LV-HBA for its iterations with the steps and parameters of the solver bl; *tnp < 0 when
   the reference is not available */
static PetscErrorCode RunNumPy(MPI_Comm comm, const char numpy[], Bilevel bl, PetscInt n, PetscInt its, PetscReal *tnp, PetscReal *errnp)
{
  char        cmd[PETSC_MAX_PATH_LEN + 512], line[512] = "";
  FILE       *fp = NULL;
  PetscReal   a, b, e, el, g1, g2, cbar, p, r, atol, rtol, gatol, grtol, cinc = 4 /* the solver's default: the benchmark does not set options */, v[2] = {-1, -1};
  double      t, err;
  PetscMPIInt rank;

  PetscFunctionBegin;
  PetscCall(BilevelLVHBAGetStepSizes(bl, &a, &b, &e, &el));
  PetscCall(BilevelLVHBAGetProximal(bl, &g1, &g2));
  PetscCall(BilevelLVHBAGetPenalty(bl, &cbar, &p, &r));
  PetscCall(BilevelGetTolerances(bl, &atol, &rtol, &gatol, &grtol, NULL));
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "%s %" PetscInt_FMT " %" PetscInt_FMT " %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g", numpy, n, its, (double)a, (double)b, (double)e, (double)el, (double)g1,
                          (double)g2, (double)cbar, (double)p, (double)r, (double)atol, (double)rtol, (double)gatol, (double)grtol, (double)cinc));
  PetscCall(PetscPOpen(comm, NULL, cmd, "r", &fp));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    if (fp && fgets(line, sizeof(line), fp) && sscanf(line, "numpy s/iteration %lg x_error %lg", &t, &err) == 2) {
      v[0] = (PetscReal)t;
      v[1] = (PetscReal)err;
    }
  }
  PetscCall(PetscPClose(comm, fp));
  PetscCallMPI(MPI_Bcast(v, 2, MPIU_REAL, 0, comm));
  *tnp   = v[0];
  *errnp = v[1];
  PetscFunctionReturn(0);
}

/* Solves with the problem's default set-up and the given type; returns iterations to tolerance (-1: not reached).
   With numpy (LV-HBA on the toy), also times the NumPy reference over the same iterations. */
static PetscErrorCode RunToTolerance(MPI_Comm comm, const char problem[], BilevelType type, PetscReal tol, PetscInt maxit, const char numpy[], PetscInt *hit, PetscReal *titer, PetscReal *ttol, PetscReal *tnp, PetscReal *errnp, PetscReal *err)
{
  BenchCtx       b;
  Bilevel        bl;
  PetscLogDouble t0, t1;
  PetscInt       its, n;
  PetscReal      ye;
  PetscBool      known;

  PetscFunctionBegin;
  PetscCall(BilevelProblemCreate(comm, problem, &b.prob));
  b.tol    = tol;
  b.hit    = -1;
  b.nmarks = 0;
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, type));
  PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, maxit));
  PetscCall(BilevelMonitorSet(bl, Monitor, &b, NULL));
  PetscCall(BilevelSetConvergenceTest(bl, Converged, &b));
  PetscCall(BilevelSolve(bl));
  *hit = b.hit;
  PetscCall(BilevelDestroy(&bl));
  /* timing run: exactly hit iterations (or the whole budget), no error monitor, the same tolerances (they drive the
     penalty continuation of LV-HBA) and convergence test (b.hit < 0: stops only at the iteration limit) */
  its   = b.hit > 0 ? b.hit : maxit;
  b.hit = -1;
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, type));
  PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, its));
  PetscCall(BilevelSetConvergenceTest(bl, Converged, &b));
  PetscCall(PetscTime(&t0));
  PetscCall(BilevelSolve(bl));
  PetscCall(PetscTime(&t1));
  *ttol  = (PetscReal)(t1 - t0);
  *titer = *ttol / its;
  PetscCall(BilevelProblemComputeError(b.prob, bl, err, &ye, &known));
  *tnp = -1;
  if (numpy) {
    Vec x, y;

    PetscCall(BilevelGetSolution(bl, &x, &y));
    PetscCall(VecGetSize(x, &n));
    PetscCall(RunNumPy(comm, numpy, bl, n, its, tnp, errnp));
  }
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&b.prob));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm  comm;
  PetscInt  sizes[8] = {100, 10000}, nsizes = 2, maxit = 100000, peerit = 30000;
  PetscReal tol = 1e-3;
  PetscBool set, skip, compare = PETSC_TRUE, toy = PETSC_TRUE;
  PetscInt  cmaxit = 100000, lmaxit = 2000, repeats = 3, nseeds = 10;
  char      numpy[PETSC_MAX_PATH_LEN] = BENCH_BILEVEL_NUMPY;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Bilevel benchmark options", "");
  PetscCall(PetscOptionsIntArray("-sizes", "Toy dimensions", "bench_bilevel.c", sizes, &nsizes, &set));
  if (!set) nsizes = 2;
  PetscCall(TesseraOptionsRealPositive("-tol", "Target relative x error", "bench_bilevel.c", tol, &tol, NULL, 1));
  PetscCall(TesseraOptionsIntInRange("-max_it", "Iteration budget of the default runs", "bench_bilevel.c", maxit, &maxit, NULL, 1, 100000000));
  PetscCall(TesseraOptionsIntInRange("-peer_it", "Iterations with the authors' parameters (0: skip)", "bench_bilevel.c", peerit, &peerit, NULL, 0, 100000000));
  PetscCall(PetscOptionsString("-numpy", "Command of the NumPy reference (none: skip)", "bench_bilevel.c", numpy, numpy, sizeof(numpy), NULL));
  PetscCall(PetscOptionsBool("-compare", "Types x problems table and seed statistics", "bench_bilevel.c", compare, &compare, NULL));
  PetscCall(TesseraOptionsIntInRange("-compare_max_it", "Iteration budget of the closed-form problems in the table", "bench_bilevel.c", cmaxit, &cmaxit, NULL, 1, 100000000));
  PetscCall(TesseraOptionsIntInRange("-learn_max_it", "Iteration budget of svm and cleaning", "bench_bilevel.c", lmaxit, &lmaxit, NULL, 1, 100000000));
  PetscCall(TesseraOptionsIntInRange("-repeats", "Repeats of each timed run of the table", "bench_bilevel.c", repeats, &repeats, NULL, 1, 16));
  PetscCall(TesseraOptionsIntInRange("-seeds", "Seeds of the svm and cleaning statistics (0: skip)", "bench_bilevel.c", nseeds, &nseeds, NULL, 0, 1000));
  PetscCall(PetscOptionsBool("-toy", "LV-HBA toy study", "bench_bilevel.c", toy, &toy, NULL));
  PetscOptionsEnd();
  if (compare) PetscCall(Compare(comm, cmaxit, lmaxit, repeats, nseeds));
  if (!toy) {
    PetscCall(PetscFinalize());
    return 0;
  }
  for (PetscInt s = 0; s < nsizes; s++) PetscCheck(sizes[s] >= 1 && sizes[s] <= 100000000, comm, PETSC_ERR_ARG_OUTOFRANGE, "Option -sizes: dimension %" PetscInt_FMT " is out of range [1, 100000000]", sizes[s]);
  PetscCall(PetscStrcmp(numpy, "none", &skip));
  PetscCall(PetscPrintf(comm, "LV-HBA on the LLC toy, target relative x error %g\n", (double)tol));
  PetscCall(PetscPrintf(comm, "%8s %-28s %12s %14s %14s\n", "n", "parameters", "iterations", "time (s)", "s/iteration"));
  for (PetscInt s = 0; s < nsizes; s++) {
    char      nstr[32];
    PetscInt  hit;
    PetscReal titer, ttol, tnp, errnp, err;

    PetscCall(PetscSNPrintf(nstr, sizeof(nstr), "%" PetscInt_FMT, sizes[s]));
    PetscCall(PetscOptionsSetValue(NULL, "-toy_n", nstr));
    PetscCall(RunToTolerance(comm, "toy", BILEVELLVHBA, tol, maxit, skip ? NULL : numpy, &hit, &titer, &ttol, &tnp, &errnp, &err));
    if (hit > 0) PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12" PetscInt_FMT " %14.3f %14.3e\n", sizes[s], "tessera defaults", hit, (double)ttol, (double)titer));
    else PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12s %14s %14.3e\n", sizes[s], "tessera defaults", "not reached", "-", (double)titer));
    if (tnp > 0) {
      const PetscInt its = hit > 0 ? hit : maxit;

      PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12" PetscInt_FMT " %14.3f %14.3e   NumPy/tessera time ratio %.2f; x error after %" PetscInt_FMT " iterations: NumPy %.6e, tessera %.6e\n", sizes[s], "NumPy, same updates", its,
                            (double)(tnp * its), (double)tnp, (double)(tnp / titer), its, (double)errnp, (double)err));
    } else if (!skip) PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s   not available (command: %s)\n", sizes[s], "NumPy, same updates", numpy));
    if (peerit > 0) {
      BenchCtx               b;
      Bilevel                bl;
      PetscLogDouble         t0, t1;
      BilevelConvergedReason reason;
      PetscInt               its;

      /* authors' fork parameters */
      PetscCall(BilevelProblemCreate(comm, "toy", &b.prob));
      b.tol      = tol;
      b.hit      = -1;
      b.nmarks   = 4;
      b.marks[0] = 1000;
      b.marks[1] = 3000;
      b.marks[2] = 10000;
      b.marks[3] = 30000;
      for (PetscInt k = 0; k < 4; k++) b.err[k] = -1;
      PetscCall(BilevelCreate(comm, &bl));
      PetscCall(BilevelSetType(bl, BILEVELLVHBA));
      PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
      PetscCall(BilevelLVHBASetStepSizes(bl, 0.002, 0.002, 0.03, 0.03));
      PetscCall(BilevelLVHBASetProximal(bl, 10, 10));
      PetscCall(BilevelLVHBASetPenalty(bl, 1, 0.3));
      PetscCall(BilevelLVHBASetMultiplierBound(bl, 1));
      PetscCall(BilevelSetTolerances(bl, 0, 0, 0, 0, peerit));
      PetscCall(BilevelMonitorSet(bl, Monitor, &b, NULL));
      PetscCall(PetscTime(&t0));
      PetscCall(BilevelSolve(bl));
      PetscCall(PetscTime(&t1));
      PetscCall(BilevelGetIterationNumber(bl, &its));
      PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12s %14s %14.3e   x error @1e3 %.2e @3e3 %.2e @1e4 %.2e @3e4 %.2e\n", sizes[s], "authors' fork parameters", b.hit > 0 ? "reached" : "not reached", "-", (double)((t1 - t0) / its),
                            (double)b.err[0], (double)b.err[1], (double)b.err[2], (double)b.err[3]));
      PetscCall(BilevelGetConvergedReason(bl, &reason));
      if (its < peerit) PetscCall(PetscPrintf(comm, "%8s %-28s stopped: %s after %" PetscInt_FMT " iterations (errors after it: -1)\n", "", "", BilevelConvergedReasons[reason], its));
      PetscCall(BilevelDestroy(&bl));
      /* official parameters */
      PetscCall(BilevelCreate(comm, &bl));
      PetscCall(BilevelSetType(bl, BILEVELLVHBA));
      PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
      PetscCall(BilevelLVHBASetStepSizes(bl, 0.008, 0.02, 0.01, 0.01));
      PetscCall(BilevelLVHBASetProximal(bl, 10, 10));
      PetscCall(BilevelLVHBASetPenalty(bl, 0.025, 0.3));
      PetscCall(BilevelSetTolerances(bl, 0, 0, 0, 0, 1500));
      PetscCall(BilevelSolve(bl));
      PetscCall(BilevelGetConvergedReason(bl, &reason));
      PetscCall(BilevelGetIterationNumber(bl, &its));
      PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12s   stopped: %s after %" PetscInt_FMT " iterations\n", sizes[s], "authors' official parameters", "diverges", BilevelConvergedReasons[reason], its));
      PetscCall(BilevelDestroy(&bl));
      PetscCall(BilevelProblemDestroy(&b.prob));
    }
  }
  PetscCall(PetscOptionsClearValue(NULL, "-toy_n"));
  {
    PetscInt  hit;
    PetscReal titer, ttol, tnp, errnp, err;

    PetscCall(RunToTolerance(comm, "quadratic", BILEVELBOREP, tol, maxit, NULL, &hit, &titer, &ttol, &tnp, &errnp, &err));
    PetscCall(PetscPrintf(comm, "BO-REP (defaults) on the quadratic problem (n = 10, m = 20): %" PetscInt_FMT " iterations to x error %g, %.3f s, %.3e s/iteration\n", hit, (double)tol, (double)ttol, (double)titer));
  }
  PetscCall(PetscFinalize());
  return 0;
}
