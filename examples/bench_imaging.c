static char help[] = "Benchmark of the imaging building blocks: Radon forward + adjoint (and FBP) against scikit-image's\n\
radon/iradon in the same run, and denoiser timings and PSNR gains per image.\n\n\
Options:\n\
  -n <128>            image side\n\
  -angles <256>       projections (one static frame)\n\
  -reps <20>          repetitions of the tessera operators\n\
  -sk_python <path>   interpreter with scikit-image (default /usr/bin/python3; \"none\" to skip)\n\
  -sk_reps <3>        repetitions of the scikit-image calls\n\
  -frames <8>         frames denoised per denoiser timing\n\
  -noise <0.1>        noise level of the denoiser benchmark (relative to the image range)\n\
  -goal <20>          required speed-up over scikit-image (printed as met or not)\n\
  -output <file.h5>   write the images, the sinogram and the denoised frames (read by fig_imaging.py)\n\
  -test               print only tolerance-robust lines\n\
CNN inference, tessera vs PyTorch (one rank; the same network, frame, thread count and repeats on both sides):\n\
  -cnn_reps <5>         timed repetitions per network and side (at least 3; median and min reported)\n\
  -cnn_threads <1>      threads of both sides (OpenBLAS for tessera, torch.set_num_threads for PyTorch)\n\
  -cnn_big_channels <64>, -cnn_big_layers <17>  the authors'-size network (random weights; layers 0: skip it)\n\
  -cnn_big_file <bench_cnn_big.h5>  where the authors'-size network is written (by the PyTorch side)\n\
  -torch_python <cmd>   command running bench_imaging_torch.py (\"none\": tessera only, shipped network)\n\n";

/*
   Radon: tessera's matrix-free (sheared Joseph) projector (MatMult) and its exact adjoint (MatMultTranspose) on a
   Shepp-Logan image, against skimage.transform.radon (bilinear rotation per angle) and iradon with
   filter_name=None (unfiltered back-projection, the adjoint-like counterpart) at the same size and angle
   count; FBP against iradon with the ramp filter. scikit-image runs in a child /usr/bin/python3 process,
   timed inside Python (import time excluded), in the same run. Both sides are timed in process CPU time
   (time.process_time(), clock_gettime(CLOCK_PROCESS_CPUTIME_ID)), which is robust on a shared machine, and
   in wall time (time.perf_counter(), PetscTime()); the goal is judged on CPU time. Denoisers in wall time.

   Denoisers: per-frame wall time of DenoiserApply() for each type on noisy 'ellipses' frames, and the PSNR
   before and after.

   CNN: tessera's inference (DenoiserApplyFrame(), single and double precision) against PyTorch's (float32,
   examples/bench_imaging_torch.py in a child process, same run) on one n x n frame, for the shipped network
   and an authors'-size one (64 channels, 17 layers, random weights written by the PyTorch side with its
   float64 output on a check frame, which tessera must reproduce). Both sides use -cnn_threads threads;
   median and min over -cnn_reps repeats of wall and process CPU time.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <time.h>
#include <tessera.h>

typedef struct {
  PetscInt  n, nang, reps, skreps, frames;
  PetscReal noise, goal;
  char      python[PETSC_MAX_PATH_LEN], output[PETSC_MAX_PATH_LEN];
  PetscInt  cnnreps, cnnthreads, bigC, bigL;
  char      torch[PETSC_MAX_PATH_LEN], bigfile[PETSC_MAX_PATH_LEN];
  PetscBool test, skgiven; /* skgiven: -sk_python named an interpreter, whose failure is then an error */
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscBool python, none;

  PetscFunctionBegin;
  ctx->n         = 128;
  ctx->nang      = 256;
  ctx->reps      = 20;
  ctx->skreps    = 3;
  ctx->frames    = 8;
  ctx->noise     = 0.1;
  ctx->goal      = 20;
  ctx->test      = PETSC_FALSE;
  ctx->output[0] = 0;
  PetscCall(PetscStrncpy(ctx->python, "/usr/bin/python3", sizeof(ctx->python)));
  ctx->cnnreps    = 5;
  ctx->cnnthreads = 1;
  ctx->bigC       = 64;
  ctx->bigL       = 17;
  PetscCall(PetscStrncpy(ctx->torch, BENCH_IMAGING_TORCH, sizeof(ctx->torch)));
  PetscCall(PetscStrncpy(ctx->bigfile, "bench_cnn_big.h5", sizeof(ctx->bigfile)));
  PetscOptionsBegin(comm, "", "Imaging benchmark options", "");
  PetscCall(TesseraOptionsIntInRange("-n", "image side", "bench_imaging.c", ctx->n, &ctx->n, NULL, 8, 1 << 16));
  PetscCall(TesseraOptionsIntInRange("-angles", "projections", "bench_imaging.c", ctx->nang, &ctx->nang, NULL, 1, 1 << 20));
  PetscCall(TesseraOptionsIntInRange("-reps", "repetitions of tessera's operators", "bench_imaging.c", ctx->reps, &ctx->reps, NULL, 1, 100000));
  PetscCall(TesseraOptionsIntInRange("-sk_reps", "repetitions of scikit-image's calls", "bench_imaging.c", ctx->skreps, &ctx->skreps, NULL, 1, 1000));
  PetscCall(TesseraOptionsIntInRange("-frames", "frames per denoiser timing", "bench_imaging.c", ctx->frames, &ctx->frames, NULL, 1, 1 << 20));
  PetscCall(TesseraOptionsRealPositive("-noise", "noise level of the denoiser benchmark (the denoisers are set to it)", "bench_imaging.c", ctx->noise, &ctx->noise, NULL, 10.0));
  PetscCall(TesseraOptionsRealPositive("-goal", "required speed-up", "bench_imaging.c", ctx->goal, &ctx->goal, NULL, 1e6));
  PetscCall(PetscOptionsString("-sk_python", "Python with scikit-image", "bench_imaging.c", ctx->python, ctx->python, sizeof(ctx->python), &python));
  PetscCall(PetscOptionsString("-output", "HDF5 output for the figures", "bench_imaging.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsBool("-test", "terse output", "bench_imaging.c", ctx->test, &ctx->test, NULL));
  PetscCall(TesseraOptionsIntInRange("-cnn_reps", "timed repetitions of each CNN inference", "bench_imaging.c", ctx->cnnreps, &ctx->cnnreps, NULL, 3, 1000));
  PetscCall(TesseraOptionsIntInRange("-cnn_threads", "threads of tessera's and PyTorch's CNN inference", "bench_imaging.c", ctx->cnnthreads, &ctx->cnnthreads, NULL, 1, 1024));
  PetscCall(TesseraOptionsIntInRange("-cnn_big_channels", "channels of the authors'-size CNN", "bench_imaging.c", ctx->bigC, &ctx->bigC, NULL, 1, 1024));
  PetscCall(TesseraOptionsIntInRange("-cnn_big_layers", "layers of the authors'-size CNN (0: skip)", "bench_imaging.c", ctx->bigL, &ctx->bigL, NULL, 0, 1000));
  PetscCall(PetscOptionsString("-cnn_big_file", "weight file of the authors'-size CNN", "bench_imaging.c", ctx->bigfile, ctx->bigfile, sizeof(ctx->bigfile), NULL));
  PetscCall(PetscOptionsString("-torch_python", "command running bench_imaging_torch.py", "bench_imaging.c", ctx->torch, ctx->torch, sizeof(ctx->torch), NULL));
  PetscOptionsEnd();
  PetscCheck(ctx->bigL != 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "-cnn_big_layers 1: a network needs 0 (skip) or at least 2 layers");
  PetscCheck((PetscInt64)ctx->n * ctx->n * ctx->frames <= PETSC_MAX_INT, comm, PETSC_ERR_ARG_OUTOFRANGE, "%" PetscInt_FMT " frames of %" PetscInt_FMT "^2 pixels exceed the largest PetscInt", ctx->frames, ctx->n);
  PetscCall(PetscStrcmp(ctx->python, "none", &none));
  ctx->skgiven = (PetscBool)(python && !none);
  PetscFunctionReturn(0);
}

/* process CPU time in seconds */
static PetscErrorCode CPUTime(PetscLogDouble *t)
{
  struct timespec ts;

  PetscFunctionBegin;
  PetscCheck(!clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts), PETSC_COMM_SELF, PETSC_ERR_SYS, "clock_gettime failed");
  *t = ts.tv_sec + 1e-9 * ts.tv_nsec;
  PetscFunctionReturn(0);
}

/* times scikit-image radon, iradon (no filter) and iradon (ramp) in a child Python; seconds per call, CPU
   time in t[0..2], wall time in t[3..5] */
static PetscErrorCode TimeSkimage(MPI_Comm comm, const AppCtx *ctx, PetscReal t[6], PetscBool *have)
{
  char        cmd[4096], line[256] = "";
  FILE       *fp;
  PetscMPIInt rank;
  PetscBool   none;

  PetscFunctionBegin;
  *have = PETSC_FALSE;
  PetscCall(PetscStrcmp(ctx->python, "none", &none));
  if (none) PetscFunctionReturn(0);
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd),
                          "%s -c \"import time, numpy as np\n"
                          "from skimage.data import shepp_logan_phantom\n"
                          "from skimage.transform import radon, iradon, resize\n"
                          "f = resize(shepp_logan_phantom(), (%d, %d))\n"
                          "th = np.arange(%d) * 180.0 / %d\n"
                          "g = radon(f, th, circle=True)\n"
                          "def tm(fn):\n"
                          "  t0, w0 = time.process_time(), time.perf_counter()\n"
                          "  for _ in range(%d): fn()\n"
                          "  return (time.process_time() - t0) / %d, (time.perf_counter() - w0) / %d\n"
                          "a = tm(lambda: radon(f, th, circle=True))\n"
                          "b = tm(lambda: iradon(g, th, filter_name=None, circle=True))\n"
                          "c = tm(lambda: iradon(g, th, filter_name='ramp', circle=True))\n"
                          "print('SKTIME %%.6e %%.6e %%.6e %%.6e %%.6e %%.6e' %% (a[0], b[0], c[0], a[1], b[1], c[1]))\" 2>/dev/null",
                          ctx->python, (int)ctx->n, (int)ctx->n, (int)ctx->nang, (int)ctx->nang, (int)ctx->skreps, (int)ctx->skreps, (int)ctx->skreps));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    PetscCall(PetscPOpen(PETSC_COMM_SELF, NULL, cmd, "r", &fp));
    while (fgets(line, sizeof(line), fp)) {
      double a[6];

      if (sscanf(line, "SKTIME %le %le %le %le %le %le", &a[0], &a[1], &a[2], &a[3], &a[4], &a[5]) == 6) {
        for (PetscInt k = 0; k < 6; k++) t[k] = a[k];
        *have = PETSC_TRUE;
      }
    }
    PetscCall(PetscPClose(PETSC_COMM_SELF, fp));
  }
  PetscCallMPI(MPI_Bcast(t, 6, MPIU_REAL, 0, comm));
  PetscCallMPI(MPI_Bcast(have, 1, MPIU_BOOL, 0, comm));
  PetscFunctionReturn(0);
}

/* median and min of v[n] (sorts v) */
static PetscErrorCode MedianMin(PetscInt n, PetscReal v[], PetscReal *med, PetscReal *min)
{
  PetscFunctionBegin;
  PetscCall(PetscSortReal(n, v));
  *med = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  *min = v[0];
  PetscFunctionReturn(0);
}

/* runs bench_imaging_torch.py: PyTorch's wall/CPU median/min per frame in t[net][4] (net 0 shipped, 1 big) */
static PetscErrorCode TimeTorch(const AppCtx *ctx, const char *shipped, PetscReal t[2][4], PetscBool have[2], char info[], size_t len)
{
  char  cmd[4 * PETSC_MAX_PATH_LEN], line[512];
  FILE *fp;

  PetscFunctionBegin;
  have[0] = have[1] = PETSC_FALSE;
  info[0]           = 0;
  if (ctx->bigL)
    PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "%s --shipped %s --big %s --big-channels %d --big-layers %d --n %d --reps %d --threads %d", ctx->torch, shipped, ctx->bigfile, (int)ctx->bigC, (int)ctx->bigL, (int)ctx->n, (int)ctx->cnnreps,
                            (int)ctx->cnnthreads));
  else PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "%s --shipped %s --n %d --reps %d --threads %d", ctx->torch, shipped, (int)ctx->n, (int)ctx->cnnreps, (int)ctx->cnnthreads));
  PetscCall(PetscPOpen(PETSC_COMM_SELF, NULL, cmd, "r", &fp));
  while (fgets(line, sizeof(line), fp)) {
    char   name[32];
    double a[4];

    if (!strncmp(line, "TORCHINFO ", 10)) {
      PetscCall(PetscStrncpy(info, line + 10, len));
      info[strcspn(info, "\n")] = 0;
    } else if (sscanf(line, "TORCH %31s %le %le %le %le", name, &a[0], &a[1], &a[2], &a[3]) == 5) {
      const PetscInt k = strcmp(name, "big") ? 0 : 1;

      for (PetscInt q = 0; q < 4; q++) t[k][q] = a[q];
      have[k] = PETSC_TRUE;
    }
  }
  PetscCall(PetscPClose(PETSC_COMM_SELF, fp));
  PetscFunctionReturn(0);
}

/* tessera's inference of the network in d on frame in[n*n] into out: wall/CPU median/min per frame in t[4] */
static PetscErrorCode TimeTesseraCNN(const AppCtx *ctx, Denoiser d, const PetscReal in[], PetscReal out[], PetscReal t[4])
{
  PetscReal *wall, *cpu;

  PetscFunctionBegin;
  PetscCall(PetscMalloc2(ctx->cnnreps, &wall, ctx->cnnreps, &cpu));
  PetscCall(DenoiserSetImageSize(d, ctx->n, ctx->n));
  PetscCall(DenoiserSetUp(d));
  PetscCall(DenoiserApplyFrame(d, in, out)); /* warm-up */
  for (PetscInt r = 0; r < ctx->cnnreps; r++) {
    PetscLogDouble w0, w1, c0, c1;

    PetscCall(CPUTime(&c0));
    PetscCall(PetscTime(&w0));
    PetscCall(DenoiserApplyFrame(d, in, out));
    PetscCall(PetscTime(&w1));
    PetscCall(CPUTime(&c1));
    wall[r] = w1 - w0;
    cpu[r]  = c1 - c0;
  }
  PetscCall(MedianMin(ctx->cnnreps, wall, &t[0], &t[1]));
  PetscCall(MedianMin(ctx->cnnreps, cpu, &t[2], &t[3]));
  PetscCall(PetscFree2(wall, cpu));
  PetscFunctionReturn(0);
}

/* CNN inference on one n x n frame: tessera (single, double) vs PyTorch (float32), the shipped and the
   authors'-size network; on rank 0 only (the other ranks wait) */
static PetscErrorCode BenchCNN(MPI_Comm comm, const AppCtx *ctx, const PetscReal frame[])
{
  PetscMPIInt rank, size;
  PetscBool   none, have[2] = {PETSC_FALSE, PETSC_FALSE};
  PetscReal   torch[2][4], tess[2][2][4], err[2][2] = {{-1, -1}, {-1, -1}};
  char        info[256]   = "";
  PetscInt    nnets       = 1;
  const char *names[2]    = {"shipped", "authors' size"};
  char        desc[2][64] = {"", ""};

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(PetscStrcmp(ctx->torch, "none", &none));
  if (size > 1) {
    PetscCall(PetscPrintf(comm, "CNN vs PyTorch: skipped on %d ranks (run it on one rank)\n", (int)size));
    PetscFunctionReturn(0);
  }
  if (!rank) {
    Denoiser    d;
    const char *shipped;
    char        ship[PETSC_MAX_PATH_LEN];
    PetscReal  *out, *ref;
    PetscInt    L, C;

    PetscCall(PetscMalloc2(ctx->n * ctx->n, &out, ctx->n * ctx->n, &ref));
    PetscCall(DenoiserCreate(PETSC_COMM_SELF, &d));
    PetscCall(DenoiserSetType(d, DENOISERCNN));
    PetscCall(DenoiserSetImageSize(d, ctx->n, ctx->n));
    PetscCall(DenoiserSetFromOptions(d));
    PetscCall(DenoiserCNNSetThreads(d, ctx->cnnthreads));
    PetscCall(DenoiserSetUp(d));
    PetscCall(DenoiserCNNGetWeights(d, &shipped));
    PetscCall(PetscStrncpy(ship, shipped, sizeof(ship)));
    if (!none) PetscCall(TimeTorch(ctx, ship, torch, have, info, sizeof(info)));
    PetscCheck(none || have[0], PETSC_COMM_SELF, PETSC_ERR_LIB, "-torch_python %s did not time PyTorch (missing interpreter or python3-torch; use \"none\" to skip)", ctx->torch);
    if (have[1]) nnets = 2;
    else if (none && ctx->bigL) { /* tessera only: the authors'-size network of an earlier run, if there */ PetscBool exists;

      PetscCall(PetscTestFile(ctx->bigfile, 'r', &exists));
      if (exists) nnets = 2;
    }
    for (PetscInt k = 0; k < nnets; k++) {
      const PetscReal *in = frame;

      if (k == 1) {
        PetscInt   cn;
        PetscReal *cin, *cout;

        PetscCall(DenoiserCNNSetWeights(d, ctx->bigfile));
        PetscCall(DenoiserSetUp(d));
        PetscCall(DenoiserCNNGetCheck(d, &cn, &cin, &cout));
        PetscCheck(cn == ctx->n, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "%s: check frame %" PetscInt_FMT "^2, expected %" PetscInt_FMT "^2", ctx->bigfile, cn, ctx->n);
        PetscCall(PetscArraycpy(ref, cout, cn * cn));
        in = cin;
      }
      for (PetscInt p = 0; p < 2; p++) {
        PetscCall(DenoiserCNNSetPrecision(d, p ? PETSC_DOUBLE : PETSC_FLOAT));
        PetscCall(TimeTesseraCNN(ctx, d, in, out, tess[k][p]));
        if (k == 0 && p == 0) PetscCall(PetscArraycpy(ref, out, ctx->n * ctx->n));
        if (k == 0 && p == 1) { /* single vs double */
          err[0][0] = 0;
          for (PetscInt q = 0; q < ctx->n * ctx->n; q++) err[0][0] = PetscMax(err[0][0], PetscAbsReal(ref[q] - out[q]));
        }
        if (k == 1) { /* vs PyTorch's float64 output */
          err[1][p] = 0;
          for (PetscInt q = 0; q < ctx->n * ctx->n; q++) err[1][p] = PetscMax(err[1][p], PetscAbsReal(ref[q] - out[q]));
        }
      }
      PetscCall(DenoiserCNNGetLayers(d, &L, &C));
      PetscCall(PetscSNPrintf(desc[k], sizeof(desc[k]), "%s (%" PetscInt_FMT " layers, %" PetscInt_FMT " ch)", names[k], L, C));
    }
    PetscCall(DenoiserDestroy(&d));
    PetscCall(PetscFree2(out, ref));
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "CNN inference on one %" PetscInt_FMT "^2 frame, %" PetscInt_FMT " thread(s) on each side, %" PetscInt_FMT " repeats; ms per frame, median (min)\n", ctx->n, ctx->cnnthreads, ctx->cnnreps));
    if (info[0]) PetscCall(PetscPrintf(PETSC_COMM_SELF, "  PyTorch: %s\n", info));
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "  %-30s %-16s %18s %18s\n", "network", "inference", "wall", "CPU"));
    for (PetscInt k = 0; k < nnets; k++) {
      const char *side[3] = {"tessera single", "tessera double", "PyTorch float32"};

      for (PetscInt q = 0; q < 3; q++) {
        const PetscReal *t = q < 2 ? tess[k][q] : torch[k];

        if (q == 2 && !have[k]) continue;
        PetscCall(PetscPrintf(PETSC_COMM_SELF, "  %-30s %-16s %9.2f (%6.2f) %9.2f (%6.2f)\n", q ? "" : desc[k], side[q], 1e3 * (double)t[0], 1e3 * (double)t[1], 1e3 * (double)t[2], 1e3 * (double)t[3]));
      }
      if (have[k]) PetscCall(PetscPrintf(PETSC_COMM_SELF, "  %-30s PyTorch / tessera single, wall: %.2fx median, %.2fx min\n", "", (double)(torch[k][0] / tess[k][0][0]), (double)(torch[k][1] / tess[k][0][1])));
    }
    PetscCall(PetscPrintf(PETSC_COMM_SELF, "  shipped network: max |single - double| = %.1e (image range about 1)\n", (double)err[0][0]));
    if (nnets == 2) PetscCall(PetscPrintf(PETSC_COMM_SELF, "  authors' size: max |tessera - PyTorch float64| = %.1e single, %.1e double\n", (double)err[1][0], (double)err[1][1]));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx         ctx;
  MPI_Comm       comm;
  PhantomOptions po;
  Mat            A;
  Vec            f, g, b, frec;
  PetscReal     *angles, sk[6] = {0, 0, 0, 0, 0, 0}, tc[3], tw[3], psnr, ratio, ratiowall;
  PetscViewer    v = NULL;
  PetscLogDouble t0, t1;
  PetscBool      have;
  const char    *types[5] = {"gaussian", "wiener", "tv", "nlm", "cnn"};

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(ProcessOptions(comm, &ctx));
  PetscCall(PhantomOptionsSetFromOptions(comm, &po));

  /* Radon forward, adjoint, FBP */
  PetscCall(PetscMalloc1(ctx.nang, &angles));
  PetscCall(PhantomAnglesLinear(ctx.nang, angles));
  PetscCall(MatCreateRadon(comm, ctx.n, 1, ctx.nang, angles, NULL, &A));
  PetscCall(MatCreateVecs(A, &f, &g));
  PetscCall(VecDuplicate(f, &b));
  PetscCall(VecDuplicate(f, &frec));
  PetscCall(PhantomGenerate("static", &po, ctx.n, 1, f));
  PetscCall(MatMult(A, f, g));          /* warm up */
  for (PetscInt op = 0; op < 3; op++) { /* forward, adjoint, FBP; the slowest rank's times */
    PetscLogDouble c0, c1, w0, w1;
    PetscReal      t[2];

    if (op == 2) PetscCall(PhantomProject("static", &po, A, g));
    PetscCallMPI(MPI_Barrier(comm));
    PetscCall(CPUTime(&c0));
    PetscCall(PetscTime(&w0));
    for (PetscInt r = 0; r < ctx.reps; r++) {
      if (op == 0) PetscCall(MatMult(A, f, g));
      else if (op == 1) PetscCall(MatMultTranspose(A, g, b));
      else PetscCall(MatRadonFBP(A, g, frec));
    }
    PetscCall(PetscTime(&w1));
    PetscCall(CPUTime(&c1));
    t[0] = (c1 - c0) / ctx.reps;
    t[1] = (w1 - w0) / ctx.reps;
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, t, 2, MPIU_REAL, MPIU_MAX, comm));
    tc[op] = t[0];
    tw[op] = t[1];
  }
  PetscCall(PhantomComputePSNR(f, frec, 1.0, &psnr));
  PetscCall(TimeSkimage(comm, &ctx, sk, &have));
  PetscCheck(have || !ctx.skgiven, comm, PETSC_ERR_LIB, "-sk_python %s did not time scikit-image (missing interpreter or scikit-image; use \"none\" to skip)", ctx.python);
  ratio     = have ? (sk[0] + sk[1]) / (tc[0] + tc[1]) : 0;
  ratiowall = have ? (sk[3] + sk[4]) / (tw[0] + tw[1]) : 0;
  if (ctx.output[0]) {
    PetscCall(TesseraIOOpen(comm, ctx.output, FILE_MODE_WRITE, "bench_imaging", &v));
    PetscCall(TesseraIOWriteAttribute(v, "/", "n", PETSC_INT, &ctx.n));
    PetscCall(TesseraIOWriteAttribute(v, "/", "angles", PETSC_INT, &ctx.nang));
    PetscCall(TesseraIOWriteAttribute(v, "/", "radon_speedup", PETSC_REAL, &ratio));
    PetscCall(TesseraIOWriteAttribute(v, "/", "radon_speedup_wall", PETSC_REAL, &ratiowall));
    PetscCall(TesseraIOWriteAttribute(v, "/", "fbp_psnr", PETSC_REAL, &psnr));
    PetscCall(PetscObjectSetName((PetscObject)f, "truth"));
    PetscCall(PetscObjectSetName((PetscObject)g, "sinogram"));
    PetscCall(PetscObjectSetName((PetscObject)frec, "fbp"));
    PetscCall(TesseraIOWriteVec(v, "/radon", f));
    PetscCall(TesseraIOWriteVec(v, "/radon", g));
    PetscCall(TesseraIOWriteVec(v, "/radon", frec));
  }
  if (!ctx.test) {
    const char *what[4] = {"forward (radon)", "adjoint (iradon, no filter)", "forward + adjoint", "FBP (iradon, ramp)"};
    PetscMPIInt size;

    PetscCallMPI(MPI_Comm_size(comm, &size));
    PetscCall(PetscPrintf(comm, "Radon %" PetscInt_FMT "^2, %" PetscInt_FMT " angles, %d rank(s): ms per call (tessera: slowest rank)\n", ctx.n, ctx.nang, (int)size));
    PetscCall(PetscPrintf(comm, "                              CPU: tessera   scikit-image  speed-up   wall: tessera  scikit-image  speed-up\n"));
    for (PetscInt op = 0; op < 4; op++) {
      const PetscReal c = op < 2 ? tc[op] : op == 2 ? tc[0] + tc[1] : tc[2], sc = op < 2 ? sk[op] : op == 2 ? sk[0] + sk[1] : sk[2];
      const PetscReal w = op < 2 ? tw[op] : op == 2 ? tw[0] + tw[1] : tw[2], sw = op < 2 ? sk[3 + op] : op == 2 ? sk[3] + sk[4] : sk[5];

      PetscCall(PetscPrintf(comm, "  %-28s %10.3f %14.3f %9.1f %15.3f %13.3f %9.1f\n", what[op], 1e3 * (double)c, 1e3 * (double)sc, have ? (double)(sc / c) : 0.0, 1e3 * (double)w, 1e3 * (double)sw, have ? (double)(sw / w) : 0.0));
    }
    PetscCall(PetscPrintf(comm, "  FBP PSNR from exact projections: %.2f dB\n", (double)psnr));
  }
  if (have) PetscCall(PetscPrintf(comm, "Radon forward + adjoint speed-up over scikit-image (CPU time) >= %g: %s\n", (double)ctx.goal, ratio >= ctx.goal ? "yes" : "no"));
  else PetscCall(PetscPrintf(comm, ctx.skgiven || strcmp(ctx.python, "none") ? "scikit-image not run (%s has no scikit-image)\n" : "scikit-image not run (-sk_python %s)\n", ctx.python));
  PetscCall(VecDestroy(&f));
  PetscCall(VecDestroy(&g));
  PetscCall(VecDestroy(&b));
  PetscCall(VecDestroy(&frec));
  PetscCall(MatDestroy(&A));
  PetscCall(PetscFree(angles));

  /* denoisers */
  {
    PetscInt  fl = PETSC_DECIDE, TT = ctx.frames, nloc;
    Vec       x, y, z;
    PetscReal p0;

    PetscCall(PetscSplitOwnership(comm, &fl, &TT));
    PetscCall(VecCreateMPI(comm, fl * ctx.n * ctx.n, ctx.frames * ctx.n * ctx.n, &x));
    PetscCall(VecDuplicate(x, &y));
    PetscCall(VecDuplicate(x, &z));
    PetscCall(PhantomGenerate("ellipses", &po, ctx.n, ctx.frames, x));
    PetscCall(VecCopy(x, y));
    PetscCall(PhantomAddNoise(y, ctx.noise, 1, NULL));
    PetscCall(PhantomComputePSNR(x, y, 1.0, &p0));
    PetscCall(VecGetLocalSize(x, &nloc));
    if (v) {
      PetscCall(TesseraIOWriteAttribute(v, "/", "frames", PETSC_INT, &ctx.frames));
      PetscCall(TesseraIOWriteAttribute(v, "/", "noise", PETSC_REAL, &ctx.noise));
      PetscCall(TesseraIOWriteAttribute(v, "/", "psnr_noisy", PETSC_REAL, &p0));
      PetscCall(PetscObjectSetName((PetscObject)x, "truth"));
      PetscCall(PetscObjectSetName((PetscObject)y, "noisy"));
      PetscCall(TesseraIOWriteVec(v, "/denoise", x));
      PetscCall(TesseraIOWriteVec(v, "/denoise", y));
    }
    if (!ctx.test) PetscCall(PetscPrintf(comm, "Denoisers on %" PetscInt_FMT " frames of %" PetscInt_FMT "^2, sigma %g: ms/frame (rank 0), PSNR in -> out\n", ctx.frames, ctx.n, (double)ctx.noise));
    for (PetscInt k = 0; k < 5; k++) {
      Denoiser  d;
      PetscBool wiener;
      PetscReal p1;

      PetscCall(DenoiserCreate(comm, &d));
      PetscCall(PetscStrcmp(types[k], "wiener", &wiener));
      PetscCall(DenoiserSetType(d, wiener ? DENOISERGAUSSIAN : types[k]));
      if (wiener) PetscCall(DenoiserGaussianSetWiener(d, PETSC_TRUE));
      PetscCall(DenoiserSetImageSize(d, ctx.n, ctx.n));
      PetscCall(DenoiserSetSigma(d, ctx.noise));
      PetscCall(DenoiserSetFromOptions(d));
      PetscCall(DenoiserSetUp(d));
      PetscCall(PetscTime(&t0));
      PetscCall(DenoiserApply(d, y, z));
      PetscCall(PetscTime(&t1));
      PetscCall(PhantomComputePSNR(x, z, 1.0, &p1));
      if (!ctx.test) PetscCall(PetscPrintf(comm, "  %-9s %9.2f ms   %6.2f -> %6.2f dB (%+.2f)\n", types[k], 1e3 * (double)(t1 - t0) / PetscMax(nloc / (ctx.n * ctx.n), 1), (double)p0, (double)p1, (double)(p1 - p0)));
      else PetscCall(TesseraVerdict(comm, (PetscBool)(p1 > p0), "denoiser %s raises PSNR", types[k]));
      if (v) {
        char attr[64];

        PetscCall(PetscObjectSetName((PetscObject)z, types[k]));
        PetscCall(TesseraIOWriteVec(v, "/denoise", z));
        PetscCall(PetscSNPrintf(attr, sizeof(attr), "psnr_%s", types[k]));
        PetscCall(TesseraIOWriteAttribute(v, "/", attr, PETSC_REAL, &p1));
      }
      PetscCall(DenoiserDestroy(&d));
    }
    {
      const PetscScalar *ya;

      PetscCall(VecGetArrayRead(y, &ya));
      PetscCall(BenchCNN(comm, &ctx, ya));
      PetscCall(VecRestoreArrayRead(y, &ya));
    }
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&y));
    PetscCall(VecDestroy(&z));
  }
  if (v) {
    PetscCall(TesseraIOClose(&v));
    if (!ctx.test) PetscCall(PetscPrintf(comm, "wrote %s\n", ctx.output));
  }
  PetscCall(TesseraVerdictCheckAll(comm)); /* the speed-up goal is reported, not asserted: timings depend on the load */
  PetscCall(PetscFinalize());
  return 0;
}
