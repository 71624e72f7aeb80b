static char help[] = "Denoisers: each type raises the PSNR of a noisy dynamic phantom; the Gaussian filter is symmetric;\n\
the CNN's C inference matches the training framework's stored output; bad input fails clearly.\n\n\
Options:\n\
  -n <128>                  image side\n\
  -frames <2>               number of frames\n\
  -noise <0.1>              noise standard deviation relative to the phantom maximum\n\
  -min_gain <1.0>           PSNR gain (dB) each denoiser must reach\n\
  -bad <size|nosize|missing|nothdf5|search|malformed|layers|residual|nanweight|check|nan|nanframe>  exercise a bad input (must fail)\n\
  -weights_only             only view the CNN denoiser (where it looks its weights up), set it up and check it\n\n";

#include <tessera.h>
#include "tesseratest.h"

/* a malformed weight file of a 3-layer, 4-channel network: kind "malformed" a wrong-sized dataset, "layers" an
   absurd layer count, "residual" a residual flag other than 0/1, "nanweight" a NaN weight, "check" a check
   frame whose side does not match its data */
static PetscErrorCode WriteMalformed(const char *file, const char *kind)
{
  PetscViewer v;
  PetscInt    L = 3, C = 4, res = 1, n = 5;
  PetscReal   w[36 * 4] = {0};
  PetscBool   is;

  PetscFunctionBegin;
  PetscCall(PetscStrcmp(kind, "layers", &is));
  if (is) L = 1000000;
  PetscCall(PetscStrcmp(kind, "residual", &is));
  if (is) res = 7;
  PetscCall(PetscStrcmp(kind, "nanweight", &is));
  if (is) w[5] = NAN;
  PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, file, FILE_MODE_WRITE, "dncnn", &v));
  PetscCall(TesseraIOWriteAttribute(v, "/", "layers", PETSC_INT, &L));
  PetscCall(TesseraIOWriteAttribute(v, "/", "channels", PETSC_INT, &C));
  PetscCall(TesseraIOWriteAttribute(v, "/", "residual", PETSC_INT, &res));
  PetscCall(TesseraIOWriteArray(v, "/cnn", "w0", 36, w));
  PetscCall(TesseraIOWriteArray(v, "/cnn", "b0", 4, w));
  PetscCall(PetscStrcmp(kind, "malformed", &is));
  PetscCall(TesseraIOWriteArray(v, "/cnn", "w1", is ? 100 : 144, w));
  PetscCall(TesseraIOWriteArray(v, "/cnn", "b1", 4, w));
  PetscCall(TesseraIOWriteArray(v, "/cnn", "w2", 36, w));
  PetscCall(TesseraIOWriteArray(v, "/cnn", "b2", 1, w));
  PetscCall(PetscStrcmp(kind, "check", &is));
  if (is) {
    PetscCall(TesseraIOWriteAttribute(v, "/check", "n", PETSC_INT, &n));
    PetscCall(TesseraIOWriteArray(v, "/check", "input", 16, w));
    PetscCall(TesseraIOWriteArray(v, "/check", "output", 16, w));
  }
  PetscCall(TesseraIOClose(&v));
  PetscFunctionReturn(0);
}

/* the CNN's C inference on the check frame stored in its weight file vs the training framework's output, in
   every precision and algorithm; and single vs double precision, Winograd vs im2col, against each other */
static PetscErrorCode CheckCNN(Denoiser d)
{
  MPI_Comm   comm = PetscObjectComm((PetscObject)d);
  PetscInt   cn;
  PetscReal *cin, *cout, *mine[4], err[4], sd = 0, wi = 0;

  PetscFunctionBegin;
  PetscCall(DenoiserCNNGetCheck(d, &cn, &cin, &cout));
  PetscCall(DenoiserSetImageSize(d, cn, cn));
  for (PetscInt k = 0; k < 4; k++) { /* single Winograd, double Winograd, single im2col, double im2col */
    PetscCall(PetscMalloc1(cn * cn, &mine[k]));
    PetscCall(DenoiserCNNSetPrecision(d, k % 2 ? PETSC_DOUBLE : PETSC_FLOAT));
    PetscCall(DenoiserCNNSetWinograd(d, (PetscBool)(k < 2)));
    PetscCall(DenoiserApplyFrame(d, cin, mine[k]));
    err[k] = 0;
    for (PetscInt q = 0; q < cn * cn; q++) err[k] = PetscMax(err[k], PetscAbsReal(mine[k][q] - cout[q]));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(err[k] <= 1e-5), "cnn C inference (%s, %s) vs training framework on the stored %" PetscInt_FMT "^2 frame: max diff %.1e <= 1e-5", k % 2 ? "double" : "single", k < 2 ? "Winograd" : "im2col", cn,
                               (double)err[k]));
  }
  for (PetscInt q = 0; q < cn * cn; q++) {
    sd = PetscMax(sd, PetscMax(PetscAbsReal(mine[0][q] - mine[1][q]), PetscAbsReal(mine[2][q] - mine[3][q])));
    wi = PetscMax(wi, PetscAbsReal(mine[1][q] - mine[3][q]));
  }
  PetscCall(TesseraTestCheck(comm, (PetscBool)(sd <= 1e-5), "cnn single vs double precision: max diff %.1e <= 1e-5", (double)sd));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(wi <= 1e-12), "cnn Winograd vs im2col in double precision: max diff %.1e <= 1e-12", (double)wi));
  { /* odd, non-square frames (Winograd's last tiles hang over the edge): a 13 x 9 corner of the check frame */
    const PetscInt nx = 13, ny = 9;
    PetscReal      sub[13 * 9], o[2][13 * 9], e = 0;

    for (PetscInt i = 0; i < ny; i++)
      for (PetscInt j = 0; j < nx; j++) sub[i * nx + j] = cin[i * cn + j];
    PetscCall(DenoiserSetImageSize(d, nx, ny));
    PetscCall(DenoiserCNNSetPrecision(d, PETSC_DOUBLE));
    for (PetscInt k = 0; k < 2; k++) {
      PetscCall(DenoiserCNNSetWinograd(d, (PetscBool)k));
      PetscCall(DenoiserApplyFrame(d, sub, o[k]));
    }
    for (PetscInt q = 0; q < nx * ny; q++) e = PetscMax(e, PetscAbsReal(o[0][q] - o[1][q]));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(e <= 1e-12), "cnn Winograd vs im2col on a 13 x 9 frame in double precision: max diff %.1e <= 1e-12", (double)e));
  }
  for (PetscInt k = 0; k < 4; k++) PetscCall(PetscFree(mine[k]));
  PetscCall(DenoiserCNNSetPrecision(d, PETSC_FLOAT));
  PetscCall(DenoiserCNNSetWinograd(d, PETSC_TRUE));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt       N = 128, T = 2, fl = PETSC_DECIDE, TT;
  PetscReal      noise = 0.1, mingain = 1.0, p0;
  PetscBool      weightsonly = PETSC_FALSE;
  char           bad[64]     = "";
  PhantomOptions o;
  Vec            f, g, h;
  MPI_Comm       comm;
  const char    *types[5] = {"gaussian", "wiener", "tv", "nlm", "cnn"};

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Denoiser test options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "", N, &N, NULL));
  PetscCall(PetscOptionsInt("-frames", "frames", "", T, &T, NULL));
  PetscCall(PetscOptionsReal("-noise", "relative noise", "", noise, &noise, NULL));
  PetscCall(PetscOptionsReal("-min_gain", "required PSNR gain", "", mingain, &mingain, NULL));
  PetscCall(PetscOptionsString("-bad", "bad input to exercise", "", bad, bad, sizeof(bad), NULL));
  PetscCall(PetscOptionsBool("-weights_only", "only set up and check the CNN denoiser", "", weightsonly, &weightsonly, NULL));
  PetscOptionsEnd();
  PetscCall(PhantomOptionsSetFromOptions(comm, &o));
  if (bad[0]) {
    Denoiser  d;
    PetscBool is;
    Vec       x;

    PetscCall(DenoiserCreate(comm, &d));
    PetscCall(PetscStrcmp(bad, "nosize", &is));
    if (is) PetscCall(DenoiserSetUp(d));
    PetscCall(DenoiserSetImageSize(d, N, N));
    PetscCall(PetscStrcmp(bad, "size", &is));
    if (is) {
      PetscCall(DenoiserSetType(d, DENOISERGAUSSIAN));
      PetscCall(VecCreateMPI(comm, PETSC_DECIDE, N * N + 5, &x));
      PetscCall(DenoiserApply(d, x, x));
      PetscCall(VecDestroy(&x));
    }
    PetscCall(PetscStrcmp(bad, "nan", &is));
    if (is) { /* NaN in the last frame of a vector */
      PetscCall(DenoiserSetType(d, DENOISERGAUSSIAN));
      PetscCall(VecCreateMPI(comm, PETSC_DECIDE, 3 * N * N, &x));
      PetscCall(VecSet(x, 1.0));
      PetscCall(VecSetValue(x, 3 * N * N - 2, NAN, INSERT_VALUES));
      PetscCall(VecAssemblyBegin(x));
      PetscCall(VecAssemblyEnd(x));
      PetscCall(DenoiserApply(d, x, x));
      PetscCall(VecDestroy(&x));
    }
    PetscCall(PetscStrcmp(bad, "nanframe", &is));
    if (is) {
      PetscReal *fr;

      PetscCall(DenoiserSetType(d, DENOISERTV));
      PetscCall(PetscCalloc1(N * N, &fr));
      fr[N + 2] = INFINITY;
      PetscCall(DenoiserApplyFrame(d, fr, fr));
      PetscCall(PetscFree(fr));
    }
    PetscCall(DenoiserSetType(d, DENOISERCNN));
    PetscCall(PetscStrcmp(bad, "missing", &is));
    if (is) PetscCall(DenoiserCNNSetWeights(d, "no-such-weights.h5"));
    PetscCall(PetscStrcmp(bad, "nothdf5", &is));
    if (is) {
      FILE *fp;

      PetscCall(PetscFOpen(comm, "not-hdf5-weights.h5", "w", &fp));
      PetscCall(PetscFPrintf(comm, fp, "these are not CNN weights\n"));
      PetscCall(PetscFClose(comm, fp));
      PetscCall(DenoiserCNNSetWeights(d, "not-hdf5-weights.h5"));
    }
    PetscCall(PetscStrcmp(bad, "malformed", &is));
    {
      PetscBool layers, res, nanw, check;

      PetscCall(PetscStrcmp(bad, "layers", &layers));
      PetscCall(PetscStrcmp(bad, "residual", &res));
      PetscCall(PetscStrcmp(bad, "nanweight", &nanw));
      PetscCall(PetscStrcmp(bad, "check", &check));
      if (is || layers || res || nanw || check) {
        PetscCall(WriteMalformed("malformed-weights.h5", bad));
        PetscCall(DenoiserCNNSetWeights(d, "malformed-weights.h5"));
      }
    }
    PetscCall(PetscStrcmp(bad, "search", &is));
    if (is) PetscCall(DenoiserSetFromOptions(d));
    PetscCall(DenoiserSetUp(d));
    PetscCall(DenoiserDestroy(&d));
  }
  if (weightsonly) {
    Denoiser d;

    PetscCall(DenoiserCreate(comm, &d));
    PetscCall(DenoiserSetType(d, DENOISERCNN));
    PetscCall(DenoiserSetImageSize(d, N, N));
    PetscCall(DenoiserSetFromOptions(d));
    PetscCall(DenoiserView(d, PETSC_VIEWER_STDOUT_(comm)));
    PetscCall(DenoiserSetUp(d));
    PetscCall(DenoiserView(d, PETSC_VIEWER_STDOUT_(comm)));
    PetscCall(CheckCNN(d));
    PetscCall(DenoiserDestroy(&d));
    PetscCall(PetscFinalize());
    return TesseraTestReturn();
  }

  TT = T;
  PetscCall(PetscSplitOwnership(comm, &fl, &TT));
  PetscCall(VecCreateMPI(comm, fl * N * N, N * N * T, &f));
  PetscCall(VecDuplicate(f, &g));
  PetscCall(VecDuplicate(f, &h));
  PetscCall(PhantomGenerate("ellipses", &o, N, T, f));
  PetscCall(VecCopy(f, g));
  PetscCall(PhantomAddNoise(g, noise, 11, NULL));
  PetscCall(PhantomComputePSNR(f, g, 1.0, &p0));
  PetscCall(PetscPrintf(comm, "noisy phantom %" PetscInt_FMT "^2 x %" PetscInt_FMT ", sigma %g: PSNR %.2f dB\n", N, T, (double)noise, (double)p0));
  for (PetscInt k = 0; k < 5; k++) {
    Denoiser       d;
    PetscReal      p1;
    PetscLogDouble t0, t1;
    PetscBool      wiener;

    PetscCall(DenoiserCreate(comm, &d));
    PetscCall(PetscStrcmp(types[k], "wiener", &wiener));
    PetscCall(DenoiserSetType(d, wiener ? DENOISERGAUSSIAN : types[k]));
    if (wiener) PetscCall(DenoiserGaussianSetWiener(d, PETSC_TRUE));
    PetscCall(DenoiserSetImageSize(d, N, N));
    PetscCall(DenoiserSetSigma(d, noise));
    PetscCall(DenoiserSetFromOptions(d));
    PetscCall(DenoiserSetUp(d));
    PetscCall(PetscTime(&t0));
    PetscCall(DenoiserApply(d, g, h));
    PetscCall(PetscTime(&t1));
    PetscCall(PhantomComputePSNR(f, h, 1.0, &p1));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(p1 - p0 >= mingain), "%-8s PSNR %.2f -> %.2f dB (%.3f s/frame), gain %+.2f dB >= %.1f dB", types[k], (double)p0, (double)p1, (double)((t1 - t0) / PetscMax(fl, 1)), (double)(p1 - p0), (double)mingain));
    if (k == 0) {
      /* the Gaussian filter is symmetric: <D x, y> = <x, D y> */
      Vec         x, y, dx, dy;
      PetscRandom rnd;
      PetscScalar a, b;
      PetscReal   nx, ny;

      PetscCall(VecDuplicate(f, &x));
      PetscCall(VecDuplicate(f, &y));
      PetscCall(VecDuplicate(f, &dx));
      PetscCall(VecDuplicate(f, &dy));
      PetscCall(PetscRandomCreate(comm, &rnd));
      PetscCall(PetscRandomSetSeed(rnd, 9));
      PetscCall(PetscRandomSeed(rnd));
      PetscCall(VecSetRandom(x, rnd));
      PetscCall(VecSetRandom(y, rnd));
      PetscCall(DenoiserApply(d, x, dx));
      PetscCall(DenoiserApply(d, y, dy));
      PetscCall(VecDot(dx, y, &a));
      PetscCall(VecDot(x, dy, &b));
      PetscCall(VecNorm(x, NORM_2, &nx));
      PetscCall(VecNorm(y, NORM_2, &ny));
      PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsScalar(a - b) <= 1e-12 * nx * ny), "gaussian filter symmetric, |<Dx,y> - <x,Dy>| / (|x||y|) = %.1e <= 1e-12", (double)(PetscAbsScalar(a - b) / (nx * ny))));
      PetscCall(PetscRandomDestroy(&rnd));
      PetscCall(VecDestroy(&x));
      PetscCall(VecDestroy(&y));
      PetscCall(VecDestroy(&dx));
      PetscCall(VecDestroy(&dy));
    }
    if (k == 4) {
      /* C inference vs the training framework's stored output */
      PetscCall(CheckCNN(d));
    }
    PetscCall(DenoiserDestroy(&d));
  }
  PetscCall(VecDestroy(&f));
  PetscCall(VecDestroy(&g));
  PetscCall(VecDestroy(&h));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
