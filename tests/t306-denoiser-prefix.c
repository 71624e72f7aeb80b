static char help[] = "Denoiser options prefix: a denoiser owned by another solver inherits its prefix and appends its own.\n\n\
Options:\n\
  -recon_inner_denoiser_type <type>   read by the denoiser with the prefix recon_ then inner_ appended\n\
  -expect <type>                      the type it must end up with\n\n";

/*
   The prefix is set to "recon_" (the owner's) and "inner_" is appended; the type read from
   -recon_inner_denoiser_type must be -expect, and the prefix must read back as "recon_inner_". The denoiser
   is then set up and applied to one noisy frame, which it must not make worse (PSNR does not drop).
*/
#include <tessera.h>
#include "tesseratest.h"

int main(int argc, char **argv)
{
  Denoiser       d;
  DenoiserType   type;
  const char    *prefix;
  char           expect[64] = "tv";
  PetscBool      sametype, sameprefix;
  PetscInt       N = 32;
  Vec            x, y, z;
  PetscReal      p0, p1;
  PhantomOptions o;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetString(NULL, NULL, "-expect", expect, sizeof(expect), NULL));
  PetscCall(DenoiserCreate(PETSC_COMM_WORLD, &d));
  PetscCall(DenoiserSetOptionsPrefix(d, "recon_"));
  PetscCall(DenoiserAppendOptionsPrefix(d, "inner_"));
  PetscCall(DenoiserSetImageSize(d, N, N));
  PetscCall(DenoiserSetSigma(d, 0.1));
  PetscCall(DenoiserSetFromOptions(d));
  PetscCall(DenoiserGetType(d, &type));
  PetscCall(DenoiserGetOptionsPrefix(d, &prefix));
  PetscCall(PetscStrcmp(type, expect, &sametype));
  PetscCall(PetscStrcmp(prefix, "recon_inner_", &sameprefix));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(sametype && sameprefix), "prefix recon_ + inner_ reads back as %s, type %s from -recon_inner_denoiser_type (expected %s)", prefix, type, expect));
  PetscCall(PhantomOptionsSetFromOptions(PETSC_COMM_WORLD, &o));
  PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, N * N, &x));
  PetscCall(VecDuplicate(x, &y));
  PetscCall(VecDuplicate(x, &z));
  PetscCall(PhantomGenerate("static", &o, N, 1, x));
  PetscCall(VecCopy(x, y));
  PetscCall(PhantomAddNoise(y, 0.1, 1, NULL));
  PetscCall(DenoiserApply(d, y, z));
  PetscCall(PhantomComputePSNR(x, y, 1.0, &p0));
  PetscCall(PhantomComputePSNR(x, z, 1.0, &p1));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(p1 >= p0), "denoised frame no worse than the noisy one: PSNR %.2f -> %.2f dB", (double)p0, (double)p1));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&y));
  PetscCall(VecDestroy(&z));
  PetscCall(DenoiserDestroy(&d));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
