static char help[] = "Benchmark of the radial Kohn-Sham solvers: uranium LDA and RLDA at 1e-8 Ha and both Z = 1..92 sweeps.\n\n\
Options:\n\
  -bench_z <92>            atom of the single-atom benchmark\n\
  -bench_repeat <5>        repetitions of the single-atom solve (median and min are reported; at least 3)\n\
  -bench_sweep <1>         also time the Z = 1..92 sweeps (atoms spread over the MPI ranks)\n\
  -bench_models <lda,rlda> which models to run\n\
  -bench_featom <path>     a featom build directory: run its uranium LDA and RLDA tests side by side (timed as processes)\n\
  -reference <file.tsv>    NIST LDA table for the errors (default: nist_lda_reference.tsv in tessera's data directory)\n\
  -rlda_reference <file>   NIST RLDA table (default: nist_rlda_reference.tsv in tessera's data directory)\n\
  -convergence_output <f.h5> write error and solve time of the -bench_z atom vs the number of unknowns, for each model\n\
                           (LDA: p = 6..18, RLDA: p = 12..30; 2..14 elements)\n\
  -convergence_repeat <3>  timed solves per discretisation of the convergence study (median stored)\n\
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

/* error and cost of atom Z vs the number of unknowns for one model: orders p = p0, p0 + dp, ... (7 of them) on 2..14
   elements (rmax and ratio of the -atom_ options and preset); the solve is timed `repeat` times (median wall and CPU) */
static PetscErrorCode ConvergenceStudy(MPI_Comm comm, PetscInt Z, AtomType model, const char ref[], PetscInt repeat, PetscViewer viewer, const char group[])
{
  const PetscInt np = 7, nne = 13;
  PetscInt       p0 = 6, dp = 2, k = 0;
  PetscReal     *p, *ne, *dofs, *de, *dv, *tw, *tc, *rw, *rc;
  PetscBool      dirac;

  PetscFunctionBegin;
  PetscCall(PetscStrcmp(model, ATOMDIRAC, &dirac));
  if (dirac) { /* the Dirac default is p = 24 on 8 elements: the study spans p = 12..30 */
    p0 = 12;
    dp = 3;
  }
  PetscCall(PetscMalloc5(np * nne, &p, np * nne, &ne, np * nne, &dofs, np * nne, &de, np * nne, &dv));
  PetscCall(PetscMalloc4(np * nne, &tw, np * nne, &tc, repeat, &rw, repeat, &rc));
  for (PetscInt i = 0; i < np; i++) {
    PetscInt nconv = 0;

    for (PetscInt e = 2; e < 2 + nne; e++) {
      Atom                atom;
      AtomConvergedReason reason;
      PetscReal           rmax, ratio;
      PetscBool           refused = PETSC_FALSE;

      PetscCall(AtomCreate(PETSC_COMM_SELF, &atom));
      PetscCall(AtomSetType(atom, model));
      PetscCall(AtomSetFromOptions(atom));
      PetscCall(AtomSetZ(atom, Z));
      PetscCall(AtomSetOrder(atom, p0 + dp * i));
      PetscCall(AtomSetQuadrature(atom, PETSC_DEFAULT));
      PetscCall(AtomGetMesh(atom, &rmax, &ratio, NULL));
      PetscCall(AtomSetMesh(atom, rmax, ratio, e));
      PetscCall(AtomSetUp(atom));
      for (PetscInt r = 0; r < repeat; r++) {
        PetscLogDouble a, b, ca, cb;
        PetscErrorCode ierr;

        /* a discretisation too coarse for the bound states is refused by AtomSolve() (PETSC_ERR_NOT_CONVERGED: a state
           not bound or not decaying; PETSC_ERR_CONV_FAILED: an eigensolve that failed): marked, not timed */
        ca = CPUTime();
        PetscCall(PetscTime(&a));
        PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
        ierr = AtomSolve(atom);
        PetscCall(PetscPopErrorHandler());
        PetscCall(PetscTime(&b));
        cb    = CPUTime();
        rw[r] = (PetscReal)(b - a);
        rc[r] = (PetscReal)(cb - ca);
        if (ierr == PETSC_ERR_NOT_CONVERGED || ierr == PETSC_ERR_CONV_FAILED) {
          refused = PETSC_TRUE;
          break;
        }
        PetscCall(ierr);
      }
      PetscCall(AtomGetConvergedReason(atom, &reason));
      if (refused) reason = ATOM_DIVERGED_ITS;
      else {
        PetscCall(PetscSortReal(repeat, rw));
        PetscCall(PetscSortReal(repeat, rc));
      }
      p[k]    = p0 + dp * i;
      ne[k]   = e;
      dofs[k] = e * p[k] - 1;
      tw[k]   = refused ? -1 : rw[repeat / 2];
      tc[k]   = refused ? -1 : rc[repeat / 2];
      if (reason <= 0) de[k] = dv[k] = -1; /* not converged or refused: marked, left out of the figure */
      else PetscCall(AtomErrors(atom, ref, &de[k], &dv[k]));
      if (reason > 0) nconv++;
      k++;
      PetscCall(AtomDestroy(&atom));
    }
    { /* progress: one line per order (the study takes about a minute per model) */
      PetscReal best = -1;

      for (PetscInt j = k - nne; j < k; j++)
        if (de[j] >= 0 && (best < 0 || de[j] < best)) best = de[j];
      PetscCall(PetscPrintf(comm, "  %s p = %g: %" PetscInt_FMT " of %" PetscInt_FMT " meshes converged, best |dE_tot| %.1e\n", model, (double)p[k - 1], nconv, nne, (double)best));
    }
  }
  PetscCall(TesseraIOWriteArray(viewer, group, "p", k, p));
  PetscCall(TesseraIOWriteArray(viewer, group, "elements", k, ne));
  PetscCall(TesseraIOWriteArray(viewer, group, "dofs", k, dofs));
  PetscCall(TesseraIOWriteArray(viewer, group, "error_total_energy", k, de));
  PetscCall(TesseraIOWriteArray(viewer, group, "error_eigenvalue_max", k, dv));
  PetscCall(TesseraIOWriteArray(viewer, group, "solve_time_wall", k, tw));
  PetscCall(TesseraIOWriteArray(viewer, group, "solve_time_cpu", k, tc));
  {
    PetscInt best = -1;

    for (PetscInt i = 0; i < k; i++)
      if (de[i] >= 0 && (best < 0 || de[i] < de[best])) best = i;
    PetscCall(PetscPrintf(comm, "convergence study of Z = %" PetscInt_FMT " (%s, %" PetscInt_FMT " discretisations, solve timed %" PetscInt_FMT " times each) in %s\n", Z, model, k, repeat, group));
    PetscCheck(best >= 0, comm, PETSC_ERR_NOT_CONVERGED, "convergence study of Z = %" PetscInt_FMT " (%s): no discretisation converged", Z, model);
    PetscCall(PetscPrintf(comm, "  best |dE_tot| %.2e (max |d eig| %.2e) at p = %g, %g elements, solve %.4f s CPU\n", (double)de[best], (double)dv[best], (double)p[best], (double)ne[best], (double)tc[best]));
  }
  PetscCall(PetscFree5(p, ne, dofs, de, dv));
  PetscCall(PetscFree4(tw, tc, rw, rc));
  PetscFunctionReturn(0);
}

typedef struct {
  PetscInt       Z, repeat, crepeat;
  PetscBool      sweep, lda, rlda;
  PetscLogDouble startup;                                     /* process start-up, s */
  PetscReal      one[2][2], swp[2][2], err[2][2], serr[2][2]; /* [lda, rlda][wall, CPU] set-up + solve median; sweep; errors */
  char           ref[PETSC_MAX_PATH_LEN], rref[PETSC_MAX_PATH_LEN], conv[PETSC_MAX_PATH_LEN], featom[PETSC_MAX_PATH_LEN];
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  char      models[64] = "lda,rlda";
  PetscBool flg;

  PetscFunctionBegin;
  ctx->Z         = 92;
  ctx->repeat    = 5;
  ctx->sweep     = PETSC_TRUE;
  ctx->crepeat   = 3;
  ctx->conv[0]   = 0;
  ctx->featom[0] = 0;
  ctx->ref[0]    = 0;
  ctx->rref[0]   = 0;
  PetscOptionsBegin(comm, "", "Atom benchmark options", "");
  PetscCall(TesseraOptionsIntInRange("-bench_z", "Atom of the single-atom benchmark", "bench_atom.c", ctx->Z, &ctx->Z, NULL, 1, 92));
  PetscCall(TesseraOptionsIntInRange("-bench_repeat", "Repetitions (at least 3)", "bench_atom.c", ctx->repeat, &ctx->repeat, NULL, 3, 1000));
  PetscCall(PetscOptionsBool("-bench_sweep", "Time the Z = 1..92 sweeps", "bench_atom.c", ctx->sweep, &ctx->sweep, NULL));
  PetscCall(PetscOptionsString("-bench_models", "Models: lda, rlda or both", "bench_atom.c", models, models, sizeof(models), NULL));
  PetscCall(PetscOptionsString("-bench_featom", "featom build directory", "bench_atom.c", ctx->featom, ctx->featom, sizeof(ctx->featom), NULL));
  PetscCall(PetscOptionsString("-reference", "NIST LDA table", "bench_atom.c", ctx->ref, ctx->ref, sizeof(ctx->ref), NULL));
  PetscCall(PetscOptionsString("-rlda_reference", "NIST RLDA table", "bench_atom.c", ctx->rref, ctx->rref, sizeof(ctx->rref), NULL));
  PetscCall(PetscOptionsString("-convergence_output", "Convergence study output", "bench_atom.c", ctx->conv, ctx->conv, sizeof(ctx->conv), NULL));
  PetscCall(TesseraOptionsIntInRange("-convergence_repeat", "Timed solves per discretisation of the convergence study (median reported)", "bench_atom.c", ctx->crepeat, &ctx->crepeat, NULL, 1, 100));
  PetscOptionsEnd();
  if (!ctx->ref[0]) PetscCall(TesseraFindDataFile(comm, "nist_lda_reference.tsv", "-reference", ctx->ref, sizeof(ctx->ref)));
  if (!ctx->rref[0]) PetscCall(TesseraFindDataFile(comm, "nist_rlda_reference.tsv", "-rlda_reference", ctx->rref, sizeof(ctx->rref)));
  ctx->lda  = (PetscBool)(strstr(models, "lda") == models || strstr(models, ",lda") != NULL);
  ctx->rlda = (PetscBool)(strstr(models, "rlda") != NULL);
  PetscCheck(ctx->lda || ctx->rlda, comm, PETSC_ERR_ARG_WRONG, "-bench_models %s names neither lda nor rlda", models);
  (void)flg;
  PetscFunctionReturn(0);
}

/* one model: the -bench_z atom (set-up, then repeated solves) and the sweep Z = 1..92 over the ranks */
static PetscErrorCode BenchModel(MPI_Comm comm, AppCtx *ctx, PetscInt m, AtomType model, const char name[], const char ref[])
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
  ctx->one[m][0] = (PetscReal)(s1 - s0) + t[ctx->repeat / 2];
  ctx->one[m][1] = (PetscReal)(c1 - c0) + tc[ctx->repeat / 2];
  ctx->err[m][0] = de;
  ctx->err[m][1] = dv;
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
    ctx->swp[m][0]  = loc[3];
    ctx->swp[m][1]  = tim[2] + tim[3];
    ctx->serr[m][0] = loc[0];
    ctx->serr[m][1] = loc[1];
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

/* the peers' timings at 1e-8 Ha (../specs/atom.md section 8: whole process, start-up included, hyperfine median on a
   2-vCPU Xeon VM of this machine class; featom with OpenBLAS 1 thread / reference LAPACK, dftatom without LAPACK).
   featom and dftatom are not Debian packages, so they are quoted, not run; -bench_featom runs a local featom build. */
static PetscErrorCode PrintPeers(MPI_Comm comm, AppCtx *ctx)
{
  static const struct {
    const char *name;
    PetscInt    model, sweep;
    PetscReal   featomob, featomref, dftatom;
  } peer[4] = {{"U LDA     ", 0, 0, 0.062, 0.088, 0.83}, {"U RLDA    ", 1, 0, 4.13, 16.0, 1.04}, {"LDA sweep ", 0, 1, -1, 6.4, 25.2}, {"RLDA sweep", 1, 1, 298, -1, 42.5}};

  PetscFunctionBegin;
  PetscCall(PetscPrintf(comm, "\nside by side at 1e-8 Ha (tessera: this run, in-process set-up + solve, wall and CPU, plus the start-up %.3f s of this process;\n", (double)ctx->startup));
  PetscCall(PetscPrintf(comm, "peers: quoted from the reference measurements of specs/atom.md section 8, whole process incl. start-up, same machine class, not this run):\n"));
  PetscCall(PetscPrintf(comm, "case        tessera wall   (CPU)     +start-up | featom OB  featom ref | dftatom | dftatom/tessera: in-process | +start-up   featom-OB/tessera: the same\n"));
  for (PetscInt i = 0; i < 4; i++) {
    const PetscInt m = peer[i].model;
    PetscReal      w, c, tot;

    if (!(m == 0 ? ctx->lda : ctx->rlda) || (peer[i].sweep && !ctx->sweep)) continue;
    w            = peer[i].sweep ? ctx->swp[m][0] : ctx->one[m][0];
    c            = peer[i].sweep ? ctx->swp[m][1] : ctx->one[m][1];
    tot          = w + (PetscReal)ctx->startup;
    char fob[32] = "   n/a", fref[32] = "   n/a", rat[32] = "n/a";

    if (peer[i].featomob > 0) PetscCall(PetscSNPrintf(fob, sizeof(fob), "%7.3g s", (double)peer[i].featomob));
    if (peer[i].featomref > 0) PetscCall(PetscSNPrintf(fref, sizeof(fref), "%7.3g s", (double)peer[i].featomref));
    if (peer[i].featomob > 0) PetscCall(PetscSNPrintf(rat, sizeof(rat), "%6.1fx | %6.1fx", (double)(peer[i].featomob / w), (double)(peer[i].featomob / tot)));
    else PetscCall(PetscSNPrintf(rat, sizeof(rat), "%6.1fx | %6.1fx (ref LAPACK)", (double)(peer[i].featomref / w), (double)(peer[i].featomref / tot)));
    PetscCall(PetscPrintf(comm, "%s  %9.4f s (%7.4f s) %9.4f s | %9s  %9s | %6.3g s | %6.1fx | %6.1fx   %s\n", peer[i].name, (double)w, (double)c, (double)tot, fob, fref, (double)peer[i].dftatom, (double)(peer[i].dftatom / w),
                          (double)(peer[i].dftatom / tot), rat));
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
  ctx.startup = t1 - t0;
  if (ctx.lda) PetscCall(BenchModel(comm, &ctx, 0, ATOMSCHROEDINGER, "LDA", ctx.ref));
  if (ctx.rlda) PetscCall(BenchModel(comm, &ctx, 1, ATOMDIRAC, "RLDA", ctx.rref));
  PetscCall(BenchFeatom(comm, ctx.featom));
  PetscCall(PrintPeers(comm, &ctx));
  if (ctx.conv[0]) {
    PetscViewer viewer;

    PetscCall(TesseraIOOpen(comm, ctx.conv, FILE_MODE_WRITE, "atom_convergence", &viewer));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "z", PETSC_INT, &ctx.Z));
    if (ctx.lda) PetscCall(ConvergenceStudy(comm, ctx.Z, ATOMSCHROEDINGER, ctx.ref, ctx.crepeat, viewer, "/convergence"));
    if (ctx.rlda) PetscCall(ConvergenceStudy(comm, ctx.Z, ATOMDIRAC, ctx.rref, ctx.crepeat, viewer, "/convergence_rlda"));
    PetscCall(TesseraIOClose(&viewer));
    PetscCall(PetscPrintf(comm, "convergence studies written to %s\n", ctx.conv));
  }
  PetscCall(PetscFinalize());
  return 0;
}
