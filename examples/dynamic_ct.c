/* one source, two drivers: dynamic_ct (-modality ct) and dynamic_mri (built with DYNAMIC_MRI: -modality mri) */
#if defined(DYNAMIC_MRI)
  #define DEFAULT_MODALITY "mri"
  #define DRIVER           "dynamic_mri"
#else
  #define DEFAULT_MODALITY "ct"
  #define DRIVER           "dynamic_ct"
#endif

static char help[] = "Dynamic CT and MRI by RED-PSM and baselines: one parallel-beam projection (CT) or a few Cartesian\n\
k-space lines (MRI) per frame of a moving phantom.\n\n\
Options:\n\
  -modality <" DEFAULT_MODALITY ">           ct (dynamic_ct's default): Radon transform, one projection per frame; mri\n\
                           (dynamic_mri's default): orthonormal 2-D FFT and -lines k-space lines per frame\n\
  -lines <8>               MRI: k-space lines per frame (golden-ratio schedule, MatMRILinesGolden())\n\
  -problem <warped>        phantom (problems/phantoms; -problem list prints them): warped (piecewise-affine warp, as the walnut runs), ellipses, lowrank, static\n\
  -n <128>                 image side N\n\
  -frames <256>            frames P (one projection each)\n\
  -angles <bitrev>         CT: angle schedule: bitrev, golden, linear\n\
  -noise <5e-3>            noise sigma relative to the maximum of the data (sinogram or k-space)\n\
  -noise_seed <1>          seed of the noise\n\
  -methods <redpsm>        comma-separated methods to run on the same data: redpsm, adam (RED-PSM with the authors'\n\
                           Adam block solver), psm, fbp (CT only), tv\n\
  -output <file.h5>        write reconstructions, histories and the table (HDF5); two XDMF files beside it (ParaView):\n\
                           file.xmf, the first method's reconstruction as a time series of frames, and file_xyt.xmf,\n\
                           the same as one x-y-t volume (time the third axis)\n\
  -ssim_interval <10>      SSIM of the iterates every this many iterations (PSNR at every one)\n\
  -test                    print only tolerance-robust lines\n\
  -progress <true>         a progress line (method, iteration, objective, elapsed time) at most every 5 s\n\
The solvers read -recon_* options (-recon_max_it, -recon_psm_rank, -recon_psm_knots, -recon_redpsm_lambda,\n\
-recon_redpsm_beta, -recon_psm_xi, -recon_psm_chi, -recon_denoiser_type (default here: cnn), -recon_spatial_ksp_rtol,\n\
...); -phantom_* options shape the phantom.\n\n";

/*
   The default reproduces the authors' P = 256 setting of RED-PSM (Iskender, Klasky, Bresler, ICCV 2023):
   128 x 128 frames, 256 frames with one bit-reversed projection each, noise sigma = 5e-3 max(g), K = 10
   (11 basis functions), d = 11 latent knots, lambda = 5e-5 and beta = 1e-4 in their mean convention, which
   tessera's sum convention turns into lambda = 0.8192, beta = 1.6384 (see RECONREDPSM), the shipped CNN
   denoiser; 30 outer iterations for RED-PSM with exact blocks (its PSNR is within 0.1 dB of a 101-iteration run
   from iteration 15 on), the authors' 101 for the Adam variant.

   Output (-output): root attributes psnr, ssim, time (of the first method), n, frames; per method a group
   /<method> with the dataset reconstruction (P x N x N, attributes N, P, method) and attributes psnr,
   ssim (3-D volume SSIM), ssim2d (mean per-frame SSIM), psnr_best, best_iteration (the oracle best-PSNR
   iterate, as the authors report), time; /<method>/history/{objective, primal, dual, psnr, ssim, time};
   /truth/reconstruction (the phantom), /table/{psnr, ssim, time, iterations} in the order of -methods (time: the
   solve's wall time, PetscTime around ReconSolve()).
*/
#include <tessera.h>
#include <math.h>

#define MAX_METHODS 8

typedef struct {
  char           phantom[64], angles[32], modality[8], output[PETSC_MAX_PATH_LEN], compare[PETSC_MAX_PATH_LEN];
  PetscReal      compare_tol;
  PetscInt       ssim_interval;
  Vec            truth;
  PetscInt       n, P, seed, nmethods, lines;
  PetscBool      mri;
  char          *methods[MAX_METHODS + 1];
  PetscReal      noise;
  PetscBool      test, progress;
  PetscLogDouble tstart, tlast; /* progress lines: start of the current method, last line */
  const char    *method;
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscBool given;

  PetscFunctionBegin;
  ctx->n             = 128;
  ctx->P             = 256;
  ctx->noise         = 5e-3;
  ctx->seed          = 1;
  ctx->test          = PETSC_FALSE;
  ctx->progress      = PETSC_TRUE;
  ctx->nmethods      = MAX_METHODS + 1;
  ctx->output[0]     = 0;
  ctx->compare[0]    = 0;
  ctx->compare_tol   = 1e-10;
  ctx->ssim_interval = 10;
  ctx->lines         = 8;
  PetscCall(PetscStrncpy(ctx->angles, "bitrev", sizeof(ctx->angles)));
  PetscCall(PetscStrncpy(ctx->modality, DEFAULT_MODALITY, sizeof(ctx->modality)));
  PetscCall(PetscStrcmp(DEFAULT_MODALITY, "mri", &ctx->mri));
  PetscOptionsBegin(comm, "", "Dynamic CT and MRI options", "");
  {
    const char *const modalities[] = {"ct", "mri"};
    PetscInt          im           = ctx->mri ? 1 : 0;

    PetscCall(PetscOptionsEList("-modality", "ct (Radon transform) or mri (Cartesian k-space lines)", DRIVER, modalities, 2, modalities[im], &im, NULL));
    ctx->mri = (PetscBool)(im == 1);
    PetscCall(PetscStrncpy(ctx->modality, modalities[im], sizeof(ctx->modality)));
  }
  PetscCall(TesseraOptionsIntInRange("-n", "image side", "dynamic_ct.c", ctx->n, &ctx->n, NULL, 8, 4096));
  PetscCall(TesseraOptionsIntInRange("-frames", "frames (one projection each)", "dynamic_ct.c", ctx->P, &ctx->P, NULL, 2, 65536));
  PetscCall(PetscOptionsString("-angles", "angle schedule: bitrev, golden, linear", "dynamic_ct.c", ctx->angles, ctx->angles, sizeof(ctx->angles), NULL));
  PetscCall(TesseraOptionsIntInRange("-lines", "MRI: k-space lines per frame", "dynamic_ct.c", ctx->lines, &ctx->lines, NULL, 1, 4096));
  PetscCall(TesseraOptionsRealPositive("-noise", "noise sigma relative to max g (the denoisers are set to it)", "dynamic_ct.c", ctx->noise, &ctx->noise, NULL, 10.0));
  PetscCall(TesseraOptionsIntInRange("-noise_seed", "seed of the noise", "dynamic_ct.c", ctx->seed, &ctx->seed, NULL, 0, PETSC_MAX_INT));
  PetscCall(PetscOptionsStringArray("-methods", "methods", "dynamic_ct.c", ctx->methods, &ctx->nmethods, &given));
  PetscCall(PetscOptionsString("-output", "HDF5 output file", "dynamic_ct.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsString("-compare", "earlier output to compare with", "dynamic_ct.c", ctx->compare, ctx->compare, sizeof(ctx->compare), NULL));
  PetscCall(TesseraOptionsRealInRange("-compare_tol", "relative tolerance of -compare", "dynamic_ct.c", ctx->compare_tol, &ctx->compare_tol, NULL, 0.0, 1.0));
  PetscCall(TesseraOptionsIntInRange("-ssim_interval", "SSIM every this many iterations (PSNR at every one)", "dynamic_ct.c", ctx->ssim_interval, &ctx->ssim_interval, NULL, 1, 100000000));
  PetscCall(PetscOptionsBool("-test", "terse output", "dynamic_ct.c", ctx->test, &ctx->test, NULL));
  PetscCall(PetscOptionsBool("-progress", "progress line at most every 5 s", "dynamic_ct.c", ctx->progress, &ctx->progress, NULL));
  PetscOptionsEnd();
  PetscCheck(!ctx->mri || ctx->lines <= ctx->n, comm, PETSC_ERR_ARG_OUTOFRANGE, "-lines %" PetscInt_FMT " exceeds the %" PetscInt_FMT " k-space lines of an image of side -n %" PetscInt_FMT, ctx->lines, ctx->n, ctx->n);
  PetscCheck(ctx->nmethods <= MAX_METHODS || !given, comm, PETSC_ERR_ARG_OUTOFRANGE, "-methods lists more than %d methods", MAX_METHODS);
  if (!given) {
    ctx->nmethods = 1;
    PetscCall(PetscStrallocpy("redpsm", &ctx->methods[0]));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode MakeAngles(MPI_Comm comm, AppCtx *ctx, PetscReal angles[])
{
  PetscBool br, go, li;

  PetscFunctionBegin;
  PetscCall(PetscStrcmp(ctx->angles, "bitrev", &br));
  PetscCall(PetscStrcmp(ctx->angles, "golden", &go));
  PetscCall(PetscStrcmp(ctx->angles, "linear", &li));
  PetscCheck(br || go || li, comm, PETSC_ERR_ARG_UNKNOWN_TYPE, "-angles %s: use bitrev, golden or linear", ctx->angles);
  if (br) PetscCall(PhantomAnglesBitReversed(ctx->P, angles));
  if (go) PetscCall(PhantomAnglesGolden(ctx->P, angles));
  if (li) PetscCall(PhantomAnglesLinear(ctx->P, angles));
  PetscFunctionReturn(0);
}

/* a progress line at most every 5 s of a method's solve (the default 128^2 x 256 run takes minutes) */
static PetscErrorCode Progress(Recon recon, PetscInt it, PetscReal obj, PetscReal rprimal, PetscReal rdual, void *ptr)
{
  AppCtx        *ctx = (AppCtx *)ptr;
  PetscLogDouble now;
  PetscInt       maxit;

  PetscFunctionBegin;
  PetscCall(PetscTime(&now));
  if (now - ctx->tlast < 5.0) PetscFunctionReturn(0);
  ctx->tlast = now;
  PetscCall(ReconGetTolerances(recon, NULL, &maxit));
  PetscCall(
      PetscPrintf(PetscObjectComm((PetscObject)recon), "  %s: iteration %" PetscInt_FMT " of %" PetscInt_FMT ", objective %.6e, primal residual %.2e, %.0f s\n", ctx->method, it, maxit, (double)obj, (double)rprimal, (double)(now - ctx->tstart)));
  PetscFunctionReturn(0);
}

/* the metric logged by the solvers: PSNR at every iteration, 3-D SSIM every ssim_interval (and at the end) */
static PetscErrorCode Metric(Recon recon, Vec f, PetscInt it, PetscReal *psnr, PetscReal *ssim, void *ptr)
{
  AppCtx  *ctx = (AppCtx *)ptr;
  PetscInt max_it;

  PetscFunctionBeginUser;
  PetscCall(ReconGetTolerances(recon, NULL, &max_it));
  PetscCall(PhantomComputePSNR(ctx->truth, f, 0.0, psnr));
  if (ctx->P >= 7 && (it % ctx->ssim_interval == 0 || it == max_it)) PetscCall(PhantomComputeSSIM(ctx->truth, f, ctx->n, 0.0, ssim, NULL));
  PetscFunctionReturn(0);
}

/* writes frames (layout split by whole frames) as a P x N x N dataset through a DMDA */
static PetscErrorCode WriteFrames(PetscViewer v, DM da, const char group[], const char method[], Vec f, AppCtx *ctx)
{
  Vec  w;
  char obj[PETSC_MAX_PATH_LEN];

  PetscFunctionBegin;
  PetscCall(DMCreateGlobalVector(da, &w));
  PetscCall(VecCopy(f, w));
  PetscCall(PetscObjectSetName((PetscObject)w, "reconstruction"));
  PetscCall(TesseraIOWriteVec(v, group, w));
  PetscCall(VecDestroy(&w));
  PetscCall(PetscSNPrintf(obj, sizeof(obj), "%s/reconstruction", group));
  PetscCall(TesseraIOWriteAttribute(v, obj, "N", PETSC_INT, &ctx->n));
  PetscCall(TesseraIOWriteAttribute(v, obj, "P", PETSC_INT, &ctx->P));
  PetscCall(TesseraIOWriteAttribute(v, obj, "method", PETSC_STRING, method));
  PetscCall(TesseraIOWriteAttribute(v, obj, "layout", PETSC_STRING, "frames t, rows i, columns j; pixel (i, j) at x = j - (N-1)/2, y = (N-1)/2 - i"));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx         ctx;
  PhantomOptions o;
  MPI_Comm       comm;
  PetscReal     *angles, sigma, tpsnr[MAX_METHODS], tssim[MAX_METHODS], ttime[MAX_METHODS], tits[MAX_METHODS];
  PetscInt      *rows = NULL; /* MRI: data rows per frame */
  Mat            A;
  Vec            xt, g;
  PetscViewer    v    = NULL;
  DM             da   = NULL;
  PetscBool      fail = PETSC_FALSE, listed;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(TesseraProblemSelect(comm, NULL, "phantom", "warped", ctx.phantom, sizeof(ctx.phantom), &listed));
  if (listed) {
    PetscCall(PetscFinalize());
    return 0;
  }
  PetscCall(ProcessOptions(comm, &ctx));
  PetscCall(PhantomOptionsSetFromOptions(comm, &o));
  if (ctx.mri) { /* golden-ratio Cartesian lines, frame after frame; data rows of frame t: 2 N (complex) per line */
    PetscInt *nl, *lines;

    PetscCall(PetscMalloc2(ctx.P, &nl, ctx.P * ctx.lines, &lines));
    PetscCall(PetscMalloc1(ctx.P, &rows));
    PetscCall(MatMRILinesGolden(ctx.n, ctx.P, ctx.lines, nl, lines));
    PetscCall(MatCreateMRISampling(comm, ctx.n, ctx.P, nl, lines, PETSC_FALSE, &A));
    for (PetscInt t = 0; t < ctx.P; t++) rows[t] = 2 * ctx.n * nl[t];
    PetscCall(PetscFree2(nl, lines));
  } else {
    PetscCall(PetscMalloc1(ctx.P, &angles));
    PetscCall(MakeAngles(comm, &ctx, angles));
    PetscCall(MatCreateRadon(comm, ctx.n, ctx.P, ctx.P, angles, NULL, &A));
    PetscCall(PetscFree(angles));
  }
  PetscCall(MatCreateVecs(A, &xt, &g));
  PetscCall(PhantomGenerate(ctx.phantom, &o, ctx.n, ctx.P, xt));
  ctx.truth = xt;
  PetscCall(MatMult(A, xt, g));
  PetscCall(PhantomAddNoise(g, ctx.noise, ctx.seed, &sigma));
  if (!ctx.test && ctx.mri)
    PetscCall(PetscPrintf(comm, "dynamic MRI: %s phantom, %" PetscInt_FMT "^2 x %" PetscInt_FMT " frames, %" PetscInt_FMT " of %" PetscInt_FMT " k-space lines per frame (golden ratio), noise sigma %.4g (%g max |g|)\n", ctx.phantom, ctx.n, ctx.P,
                          ctx.lines, ctx.n, (double)sigma, (double)ctx.noise));
  else if (!ctx.test)
    PetscCall(PetscPrintf(comm, "dynamic CT: %s phantom, %" PetscInt_FMT "^2 x %" PetscInt_FMT " frames, one %s projection per frame, noise sigma %.4g (%g max g)\n", ctx.phantom, ctx.n, ctx.P, ctx.angles, (double)sigma, (double)ctx.noise));
  if (ctx.output[0] || ctx.compare[0]) {
    PetscInt    lo, hi, size;
    PetscInt   *lz;
    PetscMPIInt sz;

    PetscCallMPI(MPI_Comm_size(comm, &sz));
    size = sz;
    PetscCall(PetscMalloc1(size, &lz));
    PetscCall(VecGetOwnershipRange(xt, &lo, &hi));
    lo = (hi - lo) / (ctx.n * ctx.n);
    PetscCallMPI(MPI_Allgather(&lo, 1, MPIU_INT, lz, 1, MPIU_INT, comm));
    PetscCall(DMDACreate3d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_BOX, ctx.n, ctx.n, ctx.P, 1, 1, size, 1, 0, NULL, NULL, lz, &da));
    PetscCall(DMSetUp(da));
    PetscCall(PetscFree(lz));
  }
  if (ctx.output[0]) {
    PetscCall(TesseraIOOpen(comm, ctx.output, FILE_MODE_WRITE, ctx.mri ? "dynamic_mri" : "dynamic_ct", &v));
    PetscCall(TesseraIOWriteAttribute(v, "/", "n", PETSC_INT, &ctx.n));
    PetscCall(TesseraIOWriteAttribute(v, "/", "frames", PETSC_INT, &ctx.P));
    PetscCall(TesseraIOWriteAttribute(v, "/", "phantom", PETSC_STRING, ctx.phantom));
    PetscCall(TesseraIOWriteAttribute(v, "/", "modality", PETSC_STRING, ctx.modality));
    if (ctx.mri) PetscCall(TesseraIOWriteAttribute(v, "/", "lines_per_frame", PETSC_INT, &ctx.lines));
    PetscCall(TesseraIOWriteAttribute(v, "/", "noise_sigma", PETSC_REAL, &sigma));
    PetscCall(WriteFrames(v, da, "/truth", "truth", xt, &ctx));
  }
  for (PetscInt m = 0; m < ctx.nmethods; m++) {
    Recon                recon;
    Denoiser             den;
    ReconConvergedReason reason;
    PetscBool            isadam, isfbp;
    const PetscReal     *obj, *rp, *rd, *ps, *ss, *tm;
    PetscInt             nh, its, best      = 0;
    PetscReal            psnr, ssim3, ssim2 = 0, *fr;
    PetscLogDouble       t;
    Vec                  f;
    char                 group[128];

    PetscCall(PetscStrcmp(ctx.methods[m], "adam", &isadam));
    PetscCall(PetscStrcmp(ctx.methods[m], "fbp", &isfbp));
    PetscCall(ReconCreate(comm, &recon));
    PetscCall(ReconSetType(recon, isadam ? RECONREDPSM : ctx.methods[m]));
    PetscCall(ReconSetOperator(recon, A, ctx.n, ctx.P, rows));
    PetscCall(ReconSetData(recon, g));
    PetscCall(ReconSetMetric(recon, Metric, &ctx));
    PetscCall(ReconGetDenoiser(recon, &den));
    PetscCall(DenoiserSetType(den, DENOISERCNN));
    PetscCall(DenoiserSetSigma(den, sigma));
    {
      PetscBool isred;

      /* RED-PSM with exact blocks reaches its PSNR plateau in about 20 iterations (README); the Adam variant keeps the
         authors' 101. -recon_max_it overrides both */
      PetscCall(PetscStrcmp(ctx.methods[m], "redpsm", &isred));
      if (isred) PetscCall(ReconSetTolerances(recon, PETSC_DEFAULT, 30));
    }
    PetscCall(ReconSetFromOptions(recon));
    if (ctx.nmethods > 1) PetscCall(ReconSetType(recon, isadam ? RECONREDPSM : ctx.methods[m])); /* the method of the table, whatever -recon_type says */
    if (isadam) PetscCall(ReconREDPSMSetInner(recon, RECON_REDPSM_INNER_ADAM));
    ctx.method = ctx.methods[m];
    PetscCall(PetscTime(&ctx.tstart));
    ctx.tlast = ctx.tstart;
    if (ctx.progress && !ctx.test) PetscCall(ReconMonitorSet(recon, Progress, &ctx, NULL));
    PetscCall(ReconSolve(recon));
    PetscCall(ReconGetConvergedReason(recon, &reason));
    PetscCall(ReconGetIterationNumber(recon, &its));
    PetscCall(ReconGetSolveTime(recon, &t));
    PetscCall(ReconGetSolution(recon, &f));
    PetscCall(ReconGetHistory(recon, &obj, &rp, &rd, &ps, &ss, &tm, &nh));
    psnr = ps[nh - 1];
    PetscCall(PetscMalloc1(ctx.P, &fr));
    PetscCall(PhantomComputeSSIM(xt, f, ctx.n, 0.0, ctx.P >= 7 ? &ssim3 : NULL, fr));
    if (ctx.P < 7) ssim3 = (PetscReal)NAN;
    for (PetscInt k = 0; k < ctx.P; k++) ssim2 += fr[k] / ctx.P;
    PetscCall(PetscFree(fr));
    for (PetscInt k = 1; k < nh; k++)
      if (ps[k] > ps[best]) best = k;
    tpsnr[m] = psnr;
    tssim[m] = ssim3;
    ttime[m] = t;
    tits[m]  = (PetscReal)its;
    if (reason < 0) fail = PETSC_TRUE;
    if (ctx.test) PetscCall(TesseraVerdict(comm, (PetscBool)(psnr > 20), "%s: %s, PSNR above 20 dB", ctx.methods[m], reason > 0 ? "converged" : "NOT converged"));
    else
      PetscCall(PetscPrintf(comm, "%-8s PSNR %7.3f dB  SSIM %.4f (3-D) %.4f (2-D mean)  best PSNR %7.3f dB at iteration %" PetscInt_FMT "  %" PetscInt_FMT " its  %.2f s  %s\n", ctx.methods[m], (double)psnr, (double)ssim3, (double)ssim2,
                            (double)ps[best], best, its, (double)t, ReconConvergedReasons[reason]));
    if (ctx.compare[0]) { /* the same method's reconstruction in an earlier output */
      PetscViewer cv;
      Vec         w, r;
      PetscReal   dn, rn;

      PetscCall(TesseraIOOpen(comm, ctx.compare, FILE_MODE_READ, ctx.mri ? "dynamic_mri" : "dynamic_ct", &cv));
      PetscCall(DMCreateGlobalVector(da, &r));
      PetscCall(PetscObjectSetName((PetscObject)r, "reconstruction"));
      PetscCall(PetscSNPrintf(group, sizeof(group), "/%s", ctx.methods[m]));
      PetscCall(TesseraIOReadVec(cv, group, r));
      PetscCall(TesseraIOClose(&cv));
      PetscCall(VecDuplicate(r, &w));
      PetscCall(VecCopy(f, w));
      PetscCall(VecAXPY(w, -1.0, r));
      PetscCall(VecNorm(w, NORM_2, &dn));
      PetscCall(VecNorm(r, NORM_2, &rn));
      PetscCall(TesseraVerdict(comm, (PetscBool)(dn <= ctx.compare_tol * rn), "%s: reconstruction matches %s to %g relative", ctx.methods[m], ctx.compare, (double)ctx.compare_tol));
      PetscCall(VecDestroy(&w));
      PetscCall(VecDestroy(&r));
    }
    if (v) {
      PetscCall(PetscSNPrintf(group, sizeof(group), "/%s", ctx.methods[m]));
      PetscCall(WriteFrames(v, da, group, ctx.methods[m], f, &ctx));
      PetscCall(TesseraIOWriteAttribute(v, group, "psnr", PETSC_REAL, &psnr));
      PetscCall(TesseraIOWriteAttribute(v, group, "ssim", PETSC_REAL, &ssim3));
      PetscCall(TesseraIOWriteAttribute(v, group, "ssim2d", PETSC_REAL, &ssim2));
      PetscCall(TesseraIOWriteAttribute(v, group, "psnr_best", PETSC_REAL, &ps[best]));
      PetscCall(TesseraIOWriteAttribute(v, group, "best_iteration", PETSC_INT, &best));
      {
        PetscReal tt = t;

        PetscCall(TesseraIOWriteAttribute(v, group, "time", PETSC_REAL, &tt));
      }
      PetscCall(PetscSNPrintf(group, sizeof(group), "/%s/history", ctx.methods[m]));
      PetscCall(TesseraIOWriteArray(v, group, "objective", nh, obj));
      PetscCall(TesseraIOWriteArray(v, group, "primal", nh, rp));
      PetscCall(TesseraIOWriteArray(v, group, "dual", nh, rd));
      PetscCall(TesseraIOWriteArray(v, group, "psnr", nh, ps));
      PetscCall(TesseraIOWriteArray(v, group, "ssim", nh, ss));
      PetscCall(TesseraIOWriteArray(v, group, "time", nh, tm));
      if (m == 0) {
        PetscReal tt = t;

        PetscCall(TesseraIOWriteAttribute(v, "/", "psnr", PETSC_REAL, &psnr));
        PetscCall(TesseraIOWriteAttribute(v, "/", "ssim", PETSC_REAL, &ssim3));
        PetscCall(TesseraIOWriteAttribute(v, "/", "time", PETSC_REAL, &tt));
      }
    }
    PetscCall(ReconDestroy(&recon));
  }
  { /* RED-PSM must beat PSM (no RED) on the same data, in PSNR and SSIM, when both ran */
    PetscInt ir = -1, ip = -1;

    for (PetscInt m = 0; m < ctx.nmethods; m++) {
      PetscBool isr, isp;

      PetscCall(PetscStrcmp(ctx.methods[m], "redpsm", &isr));
      PetscCall(PetscStrcmp(ctx.methods[m], "psm", &isp));
      if (isr) ir = m;
      if (isp) ip = m;
    }
    if (ctx.test && ir >= 0 && ip >= 0) { PetscCall(TesseraVerdict(comm, (PetscBool)(tpsnr[ir] > tpsnr[ip] && tssim[ir] > tssim[ip]), "redpsm above psm in PSNR and SSIM")); }
  }
  if (!ctx.test && ctx.nmethods > 1) {
    PetscCall(PetscPrintf(comm, "\n| method | PSNR (dB) | SSIM (3-D) | wall time (s) | iterations |\n|---|---|---|---|---|\n"));
    for (PetscInt m = 0; m < ctx.nmethods; m++) PetscCall(PetscPrintf(comm, "| %s | %.2f | %.4f | %.1f | %.0f |\n", ctx.methods[m], (double)tpsnr[m], (double)tssim[m], (double)ttime[m], (double)tits[m]));
  }
  if (v) {
    PetscCall(TesseraIOWriteArray(v, "/table", "psnr", ctx.nmethods, tpsnr));
    PetscCall(TesseraIOWriteArray(v, "/table", "ssim", ctx.nmethods, tssim));
    PetscCall(TesseraIOWriteArray(v, "/table", "time", ctx.nmethods, ttime));
    PetscCall(TesseraIOWriteArray(v, "/table", "iterations", ctx.nmethods, tits));
    {
      char list[512] = "";

      for (PetscInt m = 0; m < ctx.nmethods; m++) {
        if (m) PetscCall(PetscStrlcat(list, ",", sizeof(list)));
        PetscCall(PetscStrlcat(list, ctx.methods[m], sizeof(list)));
      }
      PetscCall(TesseraIOWriteAttribute(v, "/table", "methods", PETSC_STRING, list));
    }
    { /* XDMF sidecar: the first method's x-y-t volume as a time series of N x N frames at t = p/(P - 1) */
      const PetscInt    M[2]     = {ctx.n, ctx.n};
      const PetscReal   L[2]     = {(PetscReal)ctx.n, (PetscReal)ctx.n};
      const char *const fields[] = {"reconstruction"};
      PetscReal        *times;
      char              group[128];

      PetscCall(PetscMalloc1(ctx.P, &times));
      for (PetscInt k = 0; k < ctx.P; k++) times[k] = (PetscReal)k / (ctx.P - 1);
      PetscCall(PetscSNPrintf(group, sizeof(group), "/%s", ctx.methods[0]));
      PetscCall(TesseraIOWriteXDMF(v, group, 2, M, L, 1, fields, ctx.P, times));
      PetscCall(PetscFree(times));
    }
    { /* and as one x-y-t volume (time the third axis, one cell per frame): <output>_xyt.xmf */
      const PetscInt    M[3]     = {ctx.n, ctx.n, ctx.P};
      const PetscReal   L[3]     = {(PetscReal)ctx.n, (PetscReal)ctx.n, (PetscReal)ctx.P};
      const char *const fields[] = {"reconstruction"};
      char              group[128];

      PetscCall(PetscSNPrintf(group, sizeof(group), "/%s", ctx.methods[0]));
      PetscCall(TesseraIOWriteXDMFVolume(v, "xyt", group, 3, M, L, 1, fields));
    }
    PetscCall(TesseraIOClose(&v));
  }
  PetscCall(DMDestroy(&da));
  for (PetscInt m = 0; m < ctx.nmethods; m++) PetscCall(PetscFree(ctx.methods[m]));
  PetscCall(VecDestroy(&xt));
  PetscCall(VecDestroy(&g));
  PetscCall(MatDestroy(&A));
  PetscCall(PetscFree(rows));
  PetscCheck(!fail, comm, PETSC_ERR_NOT_CONVERGED, "A reconstruction did not converge (its reason is printed above)");
  PetscCall(TesseraVerdictCheckAll(comm));
  PetscCall(PetscFinalize());
  return 0;
}
