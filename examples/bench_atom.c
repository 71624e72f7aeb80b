static char help[] = "Benchmark of the radial Kohn-Sham solvers: uranium LDA and RLDA at 1e-8 Ha and both Z = 1..92 sweeps.\n\n\
Options:\n\
  -bench_z <92>            atom of the single-atom benchmark\n\
  -bench_repeat <5>        repetitions of the single-atom solve (median and min are reported; at least 3)\n\
  -bench_sweep <1>         also time the Z = 1..92 sweeps (atoms spread over the MPI ranks)\n\
  -bench_models <lda,rlda> which models to run\n\
  -bench_featom <path>     a featom build directory: run its uranium LDA and RLDA tests side by side (timed as processes)\n\
  -reference <file.tsv>    NIST LDA table for the errors (default: problems/atoms/nist_lda_reference.tsv)\n\
  -rlda_reference <file>   NIST RLDA table (default: problems/atoms/nist_rlda_reference.tsv)\n\
  -convergence_output <f.h5> write the error of the -bench_z atom vs the number of unknowns for p = 6..18\n\
Discretisation and SCF through the -atom_ options (default: the accurate preset).\n\n";

/*
   Timing in-process, wall clock (PetscTime()) and CPU time of the process (getrusage(), user + system): AtomSetUp() and AtomSolve() separately, for the single atom
   (repeated solves reuse the set-up) and summed over the sweep (every atom set up afresh; atoms spread
   round-robin over the ranks, the sweep time is the largest per-rank total). Process start-up is excluded and
   reported separately (PetscInitialize to the first set-up). Errors against the reference tables are printed
   with the timings. featom is not a Debian package: with -bench_featom PATH its uranium tests are run as
   processes from PATH and timed whole (start-up included), otherwise a skip line is printed.
*/
#include <tessera.h>
#include <sys/resource.h>

/* CPU time of this process (user + system), seconds */
static PetscLogDouble CPUTime(void)
{
  struct rusage ru;

  if (getrusage(RUSAGE_SELF, &ru)) return 0;
  return (PetscLogDouble)ru.ru_utime.tv_sec + 1e-6 * ru.ru_utime.tv_usec + ru.ru_stime.tv_sec + 1e-6 * ru.ru_stime.tv_usec;
}

static PetscErrorCode AtomErrors(Atom atom, const char ref[], PetscReal *detot, PetscReal *deig)
{
  PetscFunctionBegin;
  *detot = *deig = 0;
  if (ref[0]) PetscCall(AtomProblemComputeReferenceError(atom, ref, detot, deig, NULL));
  PetscFunctionReturn(0);
}

/* error of atom Z vs the number of unknowns, p = 6, 8, ..., 18, 2..14 elements (rmax and ratio of the -atom_ options and preset) */
static PetscErrorCode ConvergenceStudy(MPI_Comm comm, PetscInt Z, const char ref[], const char file[])
{
  const PetscInt np = 7, nne = 13;
  PetscReal     *p, *ne, *dofs, *de, *dv;
  PetscInt       k = 0;
  PetscViewer    viewer;

  PetscFunctionBegin;
  PetscCheck(ref[0], comm, PETSC_ERR_USER_INPUT, "-convergence_output needs -reference");
  PetscCall(PetscMalloc5(np * nne, &p, np * nne, &ne, np * nne, &dofs, np * nne, &de, np * nne, &dv));
  for (PetscInt i = 0; i < np; i++) {
    for (PetscInt e = 2; e < 2 + nne; e++) {
      Atom                atom;
      AtomConvergedReason reason;
      PetscReal           rmax, ratio;

      PetscCall(AtomCreate(PETSC_COMM_SELF, &atom));
      PetscCall(AtomSetFromOptions(atom));
      PetscCall(AtomSetZ(atom, Z));
      PetscCall(AtomSetOrder(atom, 6 + 2 * i));
      PetscCall(AtomSetQuadrature(atom, PETSC_DEFAULT));
      PetscCall(AtomGetMesh(atom, &rmax, &ratio, NULL));
      PetscCall(AtomSetMesh(atom, rmax, ratio, e));
      PetscCall(AtomSolve(atom));
      PetscCall(AtomGetConvergedReason(atom, &reason));
      p[k]    = 6 + 2 * i;
      ne[k]   = e;
      dofs[k] = e * p[k] - 1;
      PetscCall(AtomErrors(atom, ref, &de[k], &dv[k]));
      if (reason <= 0) de[k] = dv[k] = -1; /* not converged: marked, left out of the figure */
      k++;
      PetscCall(AtomDestroy(&atom));
    }
  }
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_WRITE, "atom_convergence", &viewer));
  PetscCall(TesseraIOWriteAttribute(viewer, "/", "z", PETSC_INT, &Z));
  PetscCall(TesseraIOWriteArray(viewer, "/convergence", "p", k, p));
  PetscCall(TesseraIOWriteArray(viewer, "/convergence", "elements", k, ne));
  PetscCall(TesseraIOWriteArray(viewer, "/convergence", "dofs", k, dofs));
  PetscCall(TesseraIOWriteArray(viewer, "/convergence", "error_total_energy", k, de));
  PetscCall(TesseraIOWriteArray(viewer, "/convergence", "error_eigenvalue_max", k, dv));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(PetscPrintf(comm, "convergence study of Z = %" PetscInt_FMT " written to %s (%" PetscInt_FMT " discretisations)\n", Z, file, k));
  PetscCall(PetscFree5(p, ne, dofs, de, dv));
  PetscFunctionReturn(0);
}

typedef struct {
  PetscInt  Z, repeat;
  PetscBool sweep, lda, rlda;
  char      ref[PETSC_MAX_PATH_LEN], rref[PETSC_MAX_PATH_LEN], conv[PETSC_MAX_PATH_LEN], featom[PETSC_MAX_PATH_LEN];
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  char      models[64] = "lda,rlda";
  PetscBool flg;

  PetscFunctionBegin;
  ctx->Z         = 92;
  ctx->repeat    = 5;
  ctx->sweep     = PETSC_TRUE;
  ctx->conv[0]   = 0;
  ctx->featom[0] = 0;
  PetscCall(PetscStrncpy(ctx->ref, TESSERA_ATOM_REFERENCE, sizeof(ctx->ref)));
  PetscCall(PetscStrncpy(ctx->rref, TESSERA_ATOM_RLDA_REFERENCE, sizeof(ctx->rref)));
  PetscOptionsBegin(comm, "", "Atom benchmark options", "");
  PetscCall(TesseraOptionsIntInRange("-bench_z", "Atom of the single-atom benchmark", "bench_atom.c", ctx->Z, &ctx->Z, NULL, 1, 92));
  PetscCall(TesseraOptionsIntInRange("-bench_repeat", "Repetitions (at least 3)", "bench_atom.c", ctx->repeat, &ctx->repeat, NULL, 3, 1000));
  PetscCall(PetscOptionsBool("-bench_sweep", "Time the Z = 1..92 sweeps", "bench_atom.c", ctx->sweep, &ctx->sweep, NULL));
  PetscCall(PetscOptionsString("-bench_models", "Models: lda, rlda or both", "bench_atom.c", models, models, sizeof(models), NULL));
  PetscCall(PetscOptionsString("-bench_featom", "featom build directory", "bench_atom.c", ctx->featom, ctx->featom, sizeof(ctx->featom), NULL));
  PetscCall(PetscOptionsString("-reference", "NIST LDA table", "bench_atom.c", ctx->ref, ctx->ref, sizeof(ctx->ref), NULL));
  PetscCall(PetscOptionsString("-rlda_reference", "NIST RLDA table", "bench_atom.c", ctx->rref, ctx->rref, sizeof(ctx->rref), NULL));
  PetscCall(PetscOptionsString("-convergence_output", "Convergence study output", "bench_atom.c", ctx->conv, ctx->conv, sizeof(ctx->conv), NULL));
  PetscOptionsEnd();
  ctx->lda  = (PetscBool)(strstr(models, "lda") == models || strstr(models, ",lda") != NULL);
  ctx->rlda = (PetscBool)(strstr(models, "rlda") != NULL);
  PetscCheck(ctx->lda || ctx->rlda, comm, PETSC_ERR_ARG_WRONG, "-bench_models %s names neither lda nor rlda", models);
  (void)flg;
  PetscFunctionReturn(0);
}

/* one model: the -bench_z atom (set-up, then repeated solves) and the sweep Z = 1..92 over the ranks */
static PetscErrorCode BenchModel(MPI_Comm comm, AppCtx *ctx, AtomType model, const char name[], const char ref[])
{
  Atom           atom;
  PetscInt       its;
  PetscReal     *t, *tc, de, dv, loc[4] = {0, 0, 0, 0}, tim[4] = {0, 0, 0, 0};
  PetscLogDouble s0, s1, c0, c1;
  PetscMPIInt    rank, size;

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(PetscMalloc2(ctx->repeat, &t, ctx->repeat, &tc));
  PetscCall(AtomCreate(PETSC_COMM_SELF, &atom));
  PetscCall(AtomSetType(atom, model));
  PetscCall(AtomSetFromOptions(atom));
  PetscCall(AtomSetZ(atom, ctx->Z));
  c0 = CPUTime();
  PetscCall(PetscTime(&s0));
  PetscCall(AtomSetUp(atom));
  PetscCall(PetscTime(&s1));
  c1 = CPUTime();
  for (PetscInt i = 0; i < ctx->repeat; i++) {
    PetscLogDouble a, b, ca, cb;

    ca = CPUTime();
    PetscCall(PetscTime(&a));
    PetscCall(AtomSolve(atom));
    PetscCall(PetscTime(&b));
    cb    = CPUTime();
    t[i]  = (PetscReal)(b - a);
    tc[i] = (PetscReal)(cb - ca);
  }
  PetscCall(PetscSortReal(ctx->repeat, t));
  PetscCall(PetscSortReal(ctx->repeat, tc));
  PetscCall(AtomGetIterationNumber(atom, &its));
  PetscCall(AtomErrors(atom, ref, &de, &dv));
  PetscCall(PetscPrintf(
      comm,
      "%s Z = %" PetscInt_FMT ": set-up %.4f s wall (%.4f s CPU), solve wall median %.4f s (min %.4f, max %.4f), CPU median %.4f s (min %.4f, max %.4f), %" PetscInt_FMT " runs, %" PetscInt_FMT " SCF iterations, |dE_tot| %.2e, max |d eig| %.2e\n",
      name, ctx->Z, (double)(s1 - s0), (double)(c1 - c0), (double)t[ctx->repeat / 2], (double)t[0], (double)t[ctx->repeat - 1], (double)tc[ctx->repeat / 2], (double)tc[0], (double)tc[ctx->repeat - 1], ctx->repeat, its, (double)de, (double)dv));
  PetscCall(AtomDestroy(&atom));
  PetscCall(PetscFree2(t, tc));
  if (ctx->sweep) {
    PetscInt maxits = 0;

    for (PetscInt z = 1 + rank; z <= 92; z += size) {
      PetscLogDouble a, b, c, ca, cb, cc;

      PetscCall(AtomCreate(PETSC_COMM_SELF, &atom));
      PetscCall(AtomSetType(atom, model));
      PetscCall(AtomSetFromOptions(atom));
      PetscCall(AtomSetZ(atom, z));
      ca = CPUTime();
      PetscCall(PetscTime(&a));
      PetscCall(AtomSetUp(atom));
      PetscCall(PetscTime(&b));
      cb = CPUTime();
      PetscCall(AtomSolve(atom));
      PetscCall(PetscTime(&c));
      cc = CPUTime();
      tim[0] += (PetscReal)(b - a);
      tim[1] += (PetscReal)(c - b);
      tim[2] += (PetscReal)(cb - ca);
      tim[3] += (PetscReal)(cc - cb);
      PetscCall(AtomGetIterationNumber(atom, &its));
      PetscCall(AtomErrors(atom, ref, &de, &dv));
      loc[0] = PetscMax(loc[0], de);
      loc[1] = PetscMax(loc[1], dv);
      maxits = PetscMax(maxits, its);
      PetscCall(AtomDestroy(&atom));
    }
    loc[2] = maxits;
    loc[3] = tim[0] + tim[1];
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, loc, 4, MPIU_REAL, MPIU_MAX, comm));
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, tim, 4, MPIU_REAL, MPIU_MAX, comm));
    PetscCall(PetscPrintf(comm, "%s sweep Z = 1..92 on %d ranks: %.3f s wall (largest per-rank total; set-up %.3f s, solve %.3f s; CPU set-up %.3f s, solve %.3f s), max SCF iterations %g, max |dE_tot| %.2e, max |d eig| %.2e\n", name, size,
                          (double)loc[3], (double)tim[0], (double)tim[1], (double)tim[2], (double)tim[3], (double)loc[2], (double)loc[0], (double)loc[1]));
  }
  PetscFunctionReturn(0);
}

/* featom side by side: its uranium tests run as processes from the build directory (start-up included) */
static PetscErrorCode BenchFeatom(MPI_Comm comm, const char dir[])
{
  const char *tests[2] = {"test_dft_schroed", "test_dft_dirac"};
  PetscMPIInt rank;

  PetscFunctionBegin;
  if (!dir[0]) {
    PetscCall(PetscPrintf(comm, "featom: skipped (featom is not installed here; give -bench_featom PATH to a featom build directory with test_dft_schroed and test_dft_dirac)\n"));
    PetscFunctionReturn(0);
  }
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  for (PetscInt i = 0; i < 2; i++) {
    char           cmd[2 * PETSC_MAX_PATH_LEN];
    PetscLogDouble a, b;
    int            st = 0;
    PetscBool      exists;

    PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "%s/%s", dir, tests[i]));
    PetscCall(PetscTestFile(cmd, 'x', &exists));
    PetscCheck(exists, comm, PETSC_ERR_FILE_OPEN, "-bench_featom %s: no executable %s", dir, cmd);
    PetscCall(PetscStrlcat(cmd, " > /dev/null 2>&1", sizeof(cmd)));
    PetscCall(PetscTime(&a));
    if (rank == 0) st = system(cmd);
    PetscCall(PetscTime(&b));
    PetscCall(PetscPrintf(comm, "featom %s (whole process, start-up included): %.4f s, exit status %d\n", tests[i], (double)(b - a), st));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm       comm;
  AppCtx         ctx;
  PetscLogDouble t0, t1;

  PetscFunctionBeginUser;
  PetscCall(PetscTime(&t0));
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscTime(&t1));
  PetscCall(ProcessOptions(comm, &ctx));
  PetscCall(PetscPrintf(comm, "process start-up (PetscInitialize + TesseraInitialize): %.4f s, not included below\n", (double)(t1 - t0)));
  if (ctx.lda) PetscCall(BenchModel(comm, &ctx, ATOMSCHROEDINGER, "LDA", ctx.ref));
  if (ctx.rlda) PetscCall(BenchModel(comm, &ctx, ATOMDIRAC, "RLDA", ctx.rref));
  PetscCall(BenchFeatom(comm, ctx.featom));
  if (ctx.conv[0]) PetscCall(ConvergenceStudy(comm, ctx.Z, ctx.ref, ctx.conv));
  PetscCall(PetscFinalize());
  return 0;
}
