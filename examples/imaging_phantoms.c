static char help[] = "Writes dynamic phantoms to an HDF5 file: training images for the CNN denoiser and inputs for figures.\n\n\
Options:\n\
  -n <64>              image side\n\
  -frames <16>         frames per phantom\n\
  -phantoms <list>     comma-separated phantom names, at most 8 (default static,ellipses,warped,lowrank)\n\
  -seeds <2>           seeds per phantom (varied warp phases and blob positions)\n\
  -output <file.h5>    output file (datasets /phantoms/<name>_<seed>, attributes n, frames)\n\
  -test                print only tolerance-robust lines\n\
Phantom options -phantom_amplitude, -phantom_rank, -phantom_supersample apply to all.\n\n";

/*
   For each phantom name and seed s = 0..seeds-1 the frames (T x n x n, row major) are written as the
   dataset /phantoms/<name>_<s>; the root attributes n and frames give the shapes. Phantom options
   (-phantom_amplitude, -phantom_rank, -phantom_supersample) apply to all.
*/
#include <tessera.h>

#define MAX_PHANTOMS 8

typedef struct {
  PetscInt  n, frames, seeds, nnames;
  char     *names[MAX_PHANTOMS + 1]; /* one more, to detect too long a list */
  char      output[PETSC_MAX_PATH_LEN];
  PetscBool test;
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscBool given;

  PetscFunctionBegin;
  ctx->n      = 64;
  ctx->frames = 16;
  ctx->seeds  = 2;
  ctx->nnames = MAX_PHANTOMS + 1;
  ctx->test   = PETSC_FALSE;
  PetscCall(PetscStrncpy(ctx->output, "phantoms.h5", sizeof(ctx->output)));
  PetscOptionsBegin(comm, "", "Phantom writer options", "");
  PetscCall(TesseraOptionsIntInRange("-n", "image side", "imaging_phantoms.c", ctx->n, &ctx->n, NULL, 1, 1 << 20));
  PetscCall(TesseraOptionsIntInRange("-frames", "frames per phantom", "imaging_phantoms.c", ctx->frames, &ctx->frames, NULL, 1, 1 << 20));
  PetscCall(TesseraOptionsIntInRange("-seeds", "seeds per phantom", "imaging_phantoms.c", ctx->seeds, &ctx->seeds, NULL, 1, 1 << 20));
  PetscCall(PetscOptionsStringArray("-phantoms", "phantom names", "imaging_phantoms.c", ctx->names, &ctx->nnames, &given));
  PetscCall(PetscOptionsString("-output", "output file", "imaging_phantoms.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsBool("-test", "terse output", "imaging_phantoms.c", ctx->test, &ctx->test, NULL));
  PetscOptionsEnd();
  if (!given) {
    const char *def[4] = {"static", "ellipses", "warped", "lowrank"};

    ctx->nnames = 4;
    for (PetscInt k = 0; k < 4; k++) PetscCall(PetscStrallocpy(def[k], &ctx->names[k]));
  }
  PetscCheck(ctx->nnames <= MAX_PHANTOMS, comm, PETSC_ERR_ARG_OUTOFRANGE, "-phantoms lists more than %d names", MAX_PHANTOMS);
  PetscCheck((PetscInt64)ctx->n * ctx->n * ctx->frames <= PETSC_MAX_INT, comm, PETSC_ERR_ARG_OUTOFRANGE, "%" PetscInt_FMT " frames of %" PetscInt_FMT "^2 pixels exceed the largest PetscInt", ctx->frames, ctx->n);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx         ctx;
  PetscInt       fl = PETSC_DECIDE, TT;
  PhantomOptions o;
  PetscViewer    v;
  MPI_Comm       comm;
  Vec            f;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(ProcessOptions(comm, &ctx));
  PetscCall(PhantomOptionsSetFromOptions(comm, &o));
  TT = ctx.frames;
  PetscCall(PetscSplitOwnership(comm, &fl, &TT));
  PetscCall(VecCreateMPI(comm, fl * ctx.n * ctx.n, ctx.n * ctx.n * ctx.frames, &f));
  PetscCall(TesseraIOOpen(comm, ctx.output, FILE_MODE_WRITE, "phantoms", &v));
  PetscCall(TesseraIOWriteAttribute(v, "/", "n", PETSC_INT, &ctx.n));
  PetscCall(TesseraIOWriteAttribute(v, "/", "frames", PETSC_INT, &ctx.frames));
  for (PetscInt k = 0; k < ctx.nnames; k++) {
    for (PetscInt s = 0; s < ctx.seeds; s++) {
      char dname[256];

      o.seed = s;
      PetscCall(PhantomGenerate(ctx.names[k], &o, ctx.n, ctx.frames, f));
      PetscCall(PetscSNPrintf(dname, sizeof(dname), "%s_%" PetscInt_FMT, ctx.names[k], s));
      PetscCall(PetscObjectSetName((PetscObject)f, dname));
      PetscCall(TesseraIOWriteVec(v, "/phantoms", f));
    }
    PetscCall(PetscPrintf(comm, "phantom %s: %" PetscInt_FMT " seeds x %" PetscInt_FMT " frames of %" PetscInt_FMT "^2 written\n", ctx.names[k], ctx.seeds, ctx.frames, ctx.n));
  }
  PetscCall(TesseraIOClose(&v));
  if (!ctx.test) PetscCall(PetscPrintf(comm, "wrote %s\n", ctx.output));
  for (PetscInt k = 0; k < ctx.nnames; k++) PetscCall(PetscFree(ctx.names[k]));
  PetscCall(VecDestroy(&f));
  PetscCall(PetscFinalize());
  return 0;
}
