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
  -test               print only tolerance-robust lines\n\n";

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
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <time.h>
#include <tessera.h>

typedef struct {
  PetscInt  n, nang, reps, skreps, frames;
  PetscReal noise, goal;
  char      python[PETSC_MAX_PATH_LEN], output[PETSC_MAX_PATH_LEN];
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
  PetscOptionsBegin(comm, "", "Imaging benchmark options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "bench_imaging.c", ctx->n, &ctx->n, NULL));
  PetscCall(PetscOptionsInt("-angles", "projections", "bench_imaging.c", ctx->nang, &ctx->nang, NULL));
  PetscCall(PetscOptionsInt("-reps", "repetitions of tessera's operators", "bench_imaging.c", ctx->reps, &ctx->reps, NULL));
  PetscCall(PetscOptionsInt("-sk_reps", "repetitions of scikit-image's calls", "bench_imaging.c", ctx->skreps, &ctx->skreps, NULL));
  PetscCall(PetscOptionsInt("-frames", "frames per denoiser timing", "bench_imaging.c", ctx->frames, &ctx->frames, NULL));
  PetscCall(PetscOptionsReal("-noise", "noise level of the denoiser benchmark", "bench_imaging.c", ctx->noise, &ctx->noise, NULL));
  PetscCall(PetscOptionsReal("-goal", "required speed-up", "bench_imaging.c", ctx->goal, &ctx->goal, NULL));
  PetscCall(PetscOptionsString("-sk_python", "Python with scikit-image", "bench_imaging.c", ctx->python, ctx->python, sizeof(ctx->python), &python));
  PetscCall(PetscOptionsString("-output", "HDF5 output for the figures", "bench_imaging.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsBool("-test", "terse output", "bench_imaging.c", ctx->test, &ctx->test, NULL));
  PetscOptionsEnd();
  PetscCheck(ctx->reps > 0 && ctx->skreps > 0 && ctx->frames > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Repetition and frame counts must be positive");
  PetscCheck(ctx->n > 0 && ctx->nang > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "-n %" PetscInt_FMT " and -angles %" PetscInt_FMT " must be positive", ctx->n, ctx->nang);
  PetscCheck((PetscInt64)ctx->n * ctx->n * ctx->frames <= PETSC_MAX_INT, comm, PETSC_ERR_ARG_OUTOFRANGE, "%" PetscInt_FMT " frames of %" PetscInt_FMT "^2 pixels exceed the largest PetscInt", ctx->frames, ctx->n);
  PetscCheck(ctx->goal > 0 && PetscIsNormalReal(ctx->goal), comm, PETSC_ERR_ARG_OUTOFRANGE, "-goal %g must be positive and finite", (double)ctx->goal);
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
  PetscCall(ImagePSNR(f, frec, 1.0, &psnr));
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
    PetscCall(ImagePSNR(x, y, 1.0, &p0));
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
      PetscCall(ImagePSNR(x, z, 1.0, &p1));
      if (!ctx.test) PetscCall(PetscPrintf(comm, "  %-9s %9.2f ms   %6.2f -> %6.2f dB (%+.2f)\n", types[k], 1e3 * (double)(t1 - t0) / PetscMax(nloc / (ctx.n * ctx.n), 1), (double)p0, (double)p1, (double)(p1 - p0)));
      else PetscCall(PetscPrintf(comm, "denoiser %s raises PSNR: %s\n", types[k], p1 > p0 ? "yes" : "no"));
      if (v) {
        char attr[64];

        PetscCall(PetscObjectSetName((PetscObject)z, types[k]));
        PetscCall(TesseraIOWriteVec(v, "/denoise", z));
        PetscCall(PetscSNPrintf(attr, sizeof(attr), "psnr_%s", types[k]));
        PetscCall(TesseraIOWriteAttribute(v, "/", attr, PETSC_REAL, &p1));
      }
      PetscCall(DenoiserDestroy(&d));
    }
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&y));
    PetscCall(VecDestroy(&z));
  }
  if (v) {
    PetscCall(TesseraIOClose(&v));
    if (!ctx.test) PetscCall(PetscPrintf(comm, "wrote %s\n", ctx.output));
  }
  PetscCall(PetscFinalize());
  return 0;
}
