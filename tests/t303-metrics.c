static char help[] = "Metrics: PSNR and SSIM (per frame and x-y-t) of a noisy dynamic phantom, written with the inputs to\n\
an HDF5 file that tests/imaging_metrics_oracle.py checks against scikit-image.\n\n\
Options:\n\
  -n <32>              image side\n\
  -frames <10>         number of frames\n\
  -output <file.h5>    where to write the arrays and the metrics\n\
  -bad <constant|constant_frames|constant_ssim|nan|nan_range>  a metric of bad input (must fail)\n\n";

#include <tessera.h>
#include "tesseratest.h" /* no verdict here: tests/imaging_metrics_oracle.py checks the written metrics */

int main(int argc, char **argv)
{
  PetscInt       N = 32, T = 10, fl = PETSC_DECIDE, TT;
  char           out[PETSC_MAX_PATH_LEN] = "metrics.h5", bad[32] = "";
  PhantomOptions o;
  Vec            f, x;
  PetscReal     *psnrf, *ssimf, psnr, psnr_auto, ssim3, range;
  PetscViewer    v;
  MPI_Comm       comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Metrics test options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "", N, &N, NULL));
  PetscCall(PetscOptionsInt("-frames", "number of frames", "", T, &T, NULL));
  PetscCall(PetscOptionsString("-output", "output file", "", out, out, sizeof(out), NULL));
  PetscCall(PetscOptionsString("-bad", "bad input to exercise", "", bad, bad, sizeof(bad), NULL));
  PetscOptionsEnd();
  PetscCall(PhantomOptionsSetFromOptions(comm, &o));
  TT = T;
  PetscCall(PetscSplitOwnership(comm, &fl, &TT));
  PetscCall(VecCreateMPI(comm, fl * N * N, N * N * T, &f));
  PetscCall(VecDuplicate(f, &x));
  PetscCall(PhantomGenerate("ellipses", &o, N, T, f));
  PetscCall(VecCopy(f, x));
  PetscCall(PhantomAddNoise(x, 0.1, 3, NULL));
  PetscCall(PetscMalloc2(T, &psnrf, T, &ssimf));
  if (bad[0]) { /* a constant truth without a data range, NaN in the estimate, a NaN range: errors */
    PetscBool is;

    PetscCall(PetscStrcmp(bad, "nan", &is));
    if (is) PetscCall(VecSetValue(x, 0, NAN, INSERT_VALUES));
    PetscCall(VecAssemblyBegin(x));
    PetscCall(VecAssemblyEnd(x));
    PetscCall(PetscStrcmp(bad, "nan_range", &is));
    if (is) PetscCall(PhantomComputePSNR(f, x, NAN, &psnr));
    PetscCall(PetscStrncmp(bad, "constant", 8, &is));
    if (is) PetscCall(VecSet(f, 0.5));
    PetscCall(PetscStrcmp(bad, "constant_frames", &is));
    if (is) PetscCall(PhantomComputePSNRFrames(f, x, N, 0, psnrf));
    PetscCall(PetscStrcmp(bad, "constant_ssim", &is));
    if (is) PetscCall(PhantomComputeSSIM(f, x, N, 0, NULL, ssimf));
    PetscCall(PhantomComputePSNR(f, x, 0, &psnr));
  }
  range = 1.0;
  PetscCall(PhantomComputePSNR(f, x, range, &psnr));
  PetscCall(PhantomComputePSNR(f, x, 0, &psnr_auto));
  PetscCall(PhantomComputePSNRFrames(f, x, N, range, psnrf));
  PetscCall(PhantomComputeSSIM(f, x, N, range, &ssim3, ssimf));
  PetscCall(PetscPrintf(comm, "PSNR %.3f dB (range 1), %.3f dB (range of truth); SSIM x-y-t %.4f, frame 0 %.4f\n", (double)psnr, (double)psnr_auto, (double)ssim3, (double)ssimf[0]));
  PetscCall(TesseraIOOpen(comm, out, FILE_MODE_WRITE, "metrics", &v));
  PetscCall(PetscObjectSetName((PetscObject)f, "truth"));
  PetscCall(PetscObjectSetName((PetscObject)x, "estimate"));
  PetscCall(TesseraIOWriteVec(v, "/data", f));
  PetscCall(TesseraIOWriteVec(v, "/data", x));
  PetscCall(TesseraIOWriteArray(v, "/metrics", "psnr_frames", T, psnrf));
  PetscCall(TesseraIOWriteArray(v, "/metrics", "ssim_frames", T, ssimf));
  PetscCall(TesseraIOWriteAttribute(v, "/", "n", PETSC_INT, &N));
  PetscCall(TesseraIOWriteAttribute(v, "/", "frames", PETSC_INT, &T));
  PetscCall(TesseraIOWriteAttribute(v, "/", "data_range", PETSC_REAL, &range));
  PetscCall(TesseraIOWriteAttribute(v, "/", "psnr", PETSC_REAL, &psnr));
  PetscCall(TesseraIOWriteAttribute(v, "/", "psnr_auto_range", PETSC_REAL, &psnr_auto));
  PetscCall(TesseraIOWriteAttribute(v, "/", "ssim3d", PETSC_REAL, &ssim3));
  PetscCall(TesseraIOClose(&v));
  PetscCall(PetscFree2(psnrf, ssimf));
  PetscCall(VecDestroy(&f));
  PetscCall(VecDestroy(&x));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
