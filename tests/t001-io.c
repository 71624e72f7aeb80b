static char help[] = "Tests the tessera HDF5 layer: round trip, atomic replacement, rank independence and every bad-file case.\n\n\
  -file <t001.h5>   file to write (kept, for the rank-independence comparison)\n\
  -n <12>           grid size of the DMDA test field\n\
  -bad <case>       run only this bad-input case and let it fail with its PETSc error message\n\
                    (missing, text, truncated, problem, size, nan, attribute, dataset)\n\n";

#include <tessera.h>
#include <math.h>
#include "tesseratest.h"

typedef struct {
  char     file[PETSC_MAX_PATH_LEN], bad[64];
  PetscInt n;
} AppCtx;

/* u_c(i, j) = 1000 c + 10 j + i + 0.25, independent of the parallel layout */
static PetscErrorCode FillField(DM da, Vec u, PetscReal shift)
{
  PetscScalar ***x;
  PetscInt       xs, ys, xm, ym;

  PetscFunctionBegin;
  PetscCall(DMDAGetCorners(da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayDOFWrite(da, u, &x));
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++)
      for (PetscInt c = 0; c < 2; c++) x[j][i][c] = 1000.0 * c + 10.0 * j + i + 0.25 + shift;
  PetscCall(DMDAVecRestoreArrayDOFWrite(da, u, &x));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteGood(MPI_Comm comm, const char file[], const char problem[], DM da, PetscReal shift, PetscBool close, PetscViewer *open)
{
  PetscViewer viewer;
  Vec         u;
  PetscReal   hist[7], t = 1.5;
  PetscInt    it   = 42;
  PetscBool   flag = PETSC_TRUE;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < 7; i++) hist[i] = PetscPowReal(10.0, -(PetscReal)i);
  PetscCall(DMCreateGlobalVector(da, &u));
  PetscCall(PetscObjectSetName((PetscObject)u, "u"));
  PetscCall(FillField(da, u, shift));
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_WRITE, problem, &viewer));
  PetscCall(TesseraIOWriteVec(viewer, "/solution", u));
  PetscCall(TesseraIOWriteArray(viewer, "/history", "residual", 7, hist));
  PetscCall(TesseraIOWriteAttribute(viewer, NULL, "time", PETSC_REAL, &t));
  PetscCall(TesseraIOWriteAttribute(viewer, NULL, "iterations", PETSC_INT, &it));
  PetscCall(TesseraIOWriteAttribute(viewer, "/solution", "converged", PETSC_BOOL, &flag));
  PetscCall(TesseraIOWriteAttribute(viewer, "/solution", "units", PETSC_STRING, "Hartree"));
  if (close) PetscCall(TesseraIOClose(&viewer));
  else *open = viewer;
  PetscCall(VecDestroy(&u));
  PetscFunctionReturn(0);
}

/* Reads file back and returns the largest deviation from the expected content */
static PetscErrorCode ReadGood(MPI_Comm comm, const char file[], DM da, PetscReal shift, PetscReal *err)
{
  PetscViewer viewer;
  Vec         u, e;
  PetscReal   hist[7], t, nrm;
  PetscInt    it, nh;
  PetscBool   flag;
  char       *units;

  PetscFunctionBegin;
  PetscCall(DMCreateGlobalVector(da, &u));
  PetscCall(VecDuplicate(u, &e));
  PetscCall(PetscObjectSetName((PetscObject)u, "u"));
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_READ, "t001", &viewer));
  PetscCall(TesseraIOReadVec(viewer, "/solution", u));
  PetscCall(TesseraIOGetArraySize(viewer, "/history", "residual", &nh));
  PetscCheck(nh == 7, comm, PETSC_ERR_PLIB, "history length %" PetscInt_FMT, nh);
  PetscCall(TesseraIOReadArray(viewer, "/history", "residual", 7, hist));
  PetscCall(TesseraIOReadAttribute(viewer, NULL, "time", PETSC_REAL, &t));
  PetscCall(TesseraIOReadAttribute(viewer, NULL, "iterations", PETSC_INT, &it));
  PetscCall(TesseraIOReadAttribute(viewer, "/solution", "converged", PETSC_BOOL, &flag));
  PetscCall(TesseraIOReadAttribute(viewer, "/solution", "units", PETSC_STRING, &units));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(FillField(da, e, shift));
  PetscCall(VecAXPY(e, -1.0, u));
  PetscCall(VecNorm(e, NORM_INFINITY, &nrm));
  *err = nrm + PetscAbsReal(t - 1.5) + (it == 42 ? 0 : 1) + (flag ? 0 : 1) + (strcmp(units, "Hartree") ? 1 : 0);
  for (PetscInt i = 0; i < 7; i++) *err += PetscAbsReal(hist[i] - PetscPowReal(10.0, -(PetscReal)i));
  PetscCall(PetscFree(units));
  PetscCall(VecDestroy(&e));
  PetscCall(VecDestroy(&u));
  PetscFunctionReturn(0);
}

/* Writes the first nbytes of src (or a text line if src is NULL) to dst, on rank 0 */
static PetscErrorCode MakeBadFile(MPI_Comm comm, const char src[], size_t nbytes, const char dst[])
{
  PetscMPIInt rank;

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    FILE *out;

    PetscCall(PetscFOpen(PETSC_COMM_SELF, dst, "w", &out));
    if (src) {
      FILE  *in;
      char   buf[4096];
      size_t left = nbytes;

      PetscCall(PetscFOpen(PETSC_COMM_SELF, src, "r", &in));
      while (left) {
        size_t k = fread(buf, 1, PetscMin(left, sizeof(buf)), in);

        if (!k) break;
        PetscCheck(fwrite(buf, 1, k, out) == k, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "write to %s failed", dst);
        left -= k;
      }
      PetscCall(PetscFClose(PETSC_COMM_SELF, in));
    } else PetscCall(PetscFPrintf(PETSC_COMM_SELF, out, "this is a text file, not HDF5\n"));
    PetscCall(PetscFClose(PETSC_COMM_SELF, out));
  }
  PetscCallMPI(MPI_Barrier(comm));
  PetscFunctionReturn(0);
}

/* Writes parameters (n, h, D) = (12, 0.125, 2e-5), then checks them against values with TesseraIOCheckParameters(); returns its error code */
static PetscErrorCode CheckParameters(MPI_Comm comm, const char file[], PetscInt nnames, const PetscReal values[], PetscReal rtol, PetscErrorCode *code)
{
  PetscViewer       viewer;
  const char *const names[4]  = {"n", "h", "D", "missing"};
  const PetscReal   stored[3] = {12, 0.125, 2e-5};

  PetscFunctionBegin;
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_WRITE, "t001", &viewer));
  PetscCall(TesseraIOWriteParameters(viewer, "/checkpoint", 3, names, stored));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_READ, "t001", &viewer));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  *code = TesseraIOCheckParameters(viewer, "/checkpoint", nnames, names, values, rtol);
  PetscCall(PetscPopErrorHandler());
  PetscCall(TesseraIOClose(&viewer));
  PetscFunctionReturn(0);
}

typedef enum { BAD_OPEN, BAD_READVEC, BAD_ATTRIBUTE } BadStage;

typedef struct {
  const char    *key, *what, *file, *problem;
  BadStage       stage;
  Vec            vec;
  PetscErrorCode expect;
} BadCase;

/* Runs one bad-input case with errors returned instead of aborting; returns the PETSc error code */
static PetscErrorCode RunBad(MPI_Comm comm, const BadCase *bc, PetscViewer *viewer)
{
  PetscReal x;

  PetscFunctionBegin;
  PetscCall(TesseraIOOpen(comm, bc->file, FILE_MODE_READ, bc->problem, viewer));
  if (bc->stage == BAD_READVEC) PetscCall(TesseraIOReadVec(*viewer, "/solution", bc->vec));
  if (bc->stage == BAD_ATTRIBUTE) PetscCall(TesseraIOReadAttribute(*viewer, NULL, "no_such_attribute", PETSC_REAL, &x));
  PetscFunctionReturn(0);
}

static PetscErrorCode TryBad(MPI_Comm comm, const BadCase *bc, PetscErrorCode *code)
{
  PetscViewer viewer = NULL;

  PetscFunctionBegin;
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  *code = RunBad(comm, bc, &viewer);
  PetscCall(PetscPopErrorHandler());
  PetscCall(TesseraIOClose(&viewer));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx      ctx;
  MPI_Comm    comm;
  DM          da, da2;
  Vec         u, u2, unan;
  PetscViewer pending, viewer;
  PetscReal   err;
  PetscBool   exists, tmpexists;
  char        tmp[PETSC_MAX_PATH_LEN], name[PETSC_MAX_PATH_LEN], ftext[PETSC_MAX_PATH_LEN], ftrunc[PETSC_MAX_PATH_LEN], fother[PETSC_MAX_PATH_LEN], fnan[PETSC_MAX_PATH_LEN], fmissing[PETSC_MAX_PATH_LEN];
  size_t      fsize = 0;
  BadCase     cases[8];

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscStrncpy(ctx.file, "t001.h5", sizeof(ctx.file)));
  ctx.n      = 12;
  ctx.bad[0] = 0;
  PetscOptionsBegin(comm, "", "t001 options", "");
  PetscCall(PetscOptionsString("-file", "File to write", "t001", ctx.file, ctx.file, sizeof(ctx.file), NULL));
  PetscCall(PetscOptionsInt("-n", "Grid size", "t001", ctx.n, &ctx.n, NULL));
  PetscCall(PetscOptionsString("-bad", "Run only this bad-input case, unguarded", "t001", ctx.bad, ctx.bad, sizeof(ctx.bad), NULL));
  PetscOptionsEnd();

  PetscCall(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, ctx.n, ctx.n, PETSC_DECIDE, PETSC_DECIDE, 2, 1, NULL, NULL, &da));
  PetscCall(DMSetUp(da));
  PetscCall(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, ctx.n + 1, ctx.n, PETSC_DECIDE, PETSC_DECIDE, 2, 1, NULL, NULL, &da2));
  PetscCall(DMSetUp(da2));

  /* 1. round trip */
  PetscCall(WriteGood(comm, ctx.file, "t001", da, 0.0, PETSC_TRUE, NULL));
  PetscCall(ReadGood(comm, ctx.file, da, 0.0, &err));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(err == 0), "round trip exact (deviation %g)", (double)err));

  /* 2. atomic replacement: while a new version is being written the old one stays readable */
  PetscCall(WriteGood(comm, ctx.file, "t001", da, 0.0, PETSC_TRUE, NULL));
  PetscCall(PetscSNPrintf(name, sizeof(name), "replace-%s", ctx.file));
  PetscCall(WriteGood(comm, name, "t001", da, 0.0, PETSC_TRUE, NULL));
  PetscCall(WriteGood(comm, name, "t001", da, 7.0, PETSC_FALSE, &pending));
  {
    const char *pname;

    PetscCall(TesseraIOGetFileName(pending, &pname)); /* the temporary file, "<name>.<random>.tmp" */
    PetscCall(PetscStrncpy(tmp, pname, sizeof(tmp)));
  }
  PetscCall(PetscTestFile(tmp, 'r', &tmpexists));
  PetscCall(ReadGood(comm, name, da, 0.0, &err));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(err == 0 && tmpexists), "old file intact during a write (deviation %g, temporary file %s)", (double)err, tmpexists ? "present" : "absent"));
  PetscCall(TesseraIOClose(&pending));
  PetscCall(PetscTestFile(tmp, 'r', &tmpexists));
  PetscCall(ReadGood(comm, name, da, 7.0, &err));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(err == 0 && !tmpexists), "new file in place after close, no temporary left (deviation %g, temporary file %s)", (double)err, tmpexists ? "present" : "absent"));

  /* 3. bad files: each must fail with the right PETSc error code (messages are checked by the CLI tests) */
  PetscCall(PetscSNPrintf(tmp, sizeof(tmp), "%s.size", ctx.file));
  {
    PetscMPIInt rank;

    PetscCallMPI(MPI_Comm_rank(comm, &rank));
    if (!rank) {
      FILE *f;

      PetscCall(PetscFOpen(PETSC_COMM_SELF, ctx.file, "r", &f));
      PetscCheck(!fseek(f, 0, SEEK_END), PETSC_COMM_SELF, PETSC_ERR_FILE_READ, "fseek");
      fsize = (size_t)ftell(f);
      PetscCall(PetscFClose(PETSC_COMM_SELF, f));
    }
    PetscCallMPI(MPI_Bcast(&fsize, sizeof(fsize), MPI_BYTE, 0, comm));
  }
  PetscCall(PetscSNPrintf(ftext, sizeof(ftext), "%s-text.h5", ctx.file));
  PetscCall(PetscSNPrintf(ftrunc, sizeof(ftrunc), "%s-truncated.h5", ctx.file));
  PetscCall(PetscSNPrintf(fother, sizeof(fother), "%s-other.h5", ctx.file));
  PetscCall(PetscSNPrintf(fnan, sizeof(fnan), "%s-nan.h5", ctx.file));
  PetscCall(PetscSNPrintf(fmissing, sizeof(fmissing), "%s-does-not-exist.h5", ctx.file));
  PetscCall(MakeBadFile(comm, NULL, 0, ftext));
  PetscCall(MakeBadFile(comm, ctx.file, fsize / 2, ftrunc));
  PetscCall(WriteGood(comm, fother, "another-problem", da, 0.0, PETSC_TRUE, NULL));
  PetscCall(DMCreateGlobalVector(da, &u));
  PetscCall(PetscObjectSetName((PetscObject)u, "u"));
  PetscCall(DMCreateGlobalVector(da2, &u2));
  PetscCall(PetscObjectSetName((PetscObject)u2, "u"));
  PetscCall(VecDuplicate(u, &unan));
  PetscCall(PetscObjectSetName((PetscObject)unan, "u"));
  PetscCall(VecSet(unan, 1.0));
  PetscCall(VecSetValue(unan, 3, (PetscScalar)NAN, INSERT_VALUES));
  PetscCall(VecAssemblyBegin(unan));
  PetscCall(VecAssemblyEnd(unan));
  PetscCall(TesseraIOOpen(comm, fnan, FILE_MODE_WRITE, "t001", &viewer));
  PetscCall(TesseraIOWriteVec(viewer, "/solution", unan));
  PetscCall(TesseraIOClose(&viewer));

  cases[0] = (BadCase){"missing", "missing file", fmissing, "t001", BAD_OPEN, NULL, PETSC_ERR_FILE_OPEN};
  cases[1] = (BadCase){"text", "not HDF5", ftext, "t001", BAD_OPEN, NULL, PETSC_ERR_FILE_UNEXPECTED};
  cases[2] = (BadCase){"truncated", "truncated", ftrunc, "t001", BAD_OPEN, NULL, PETSC_ERR_FILE_UNEXPECTED};
  cases[3] = (BadCase){"problem", "other problem", fother, "t001", BAD_OPEN, NULL, PETSC_ERR_FILE_UNEXPECTED};
  cases[4] = (BadCase){"size", "other size", ctx.file, "t001", BAD_READVEC, u2, PETSC_ERR_FILE_UNEXPECTED};
  cases[5] = (BadCase){"nan", "NaN in data", fnan, "t001", BAD_READVEC, u, PETSC_ERR_FP};
  cases[6] = (BadCase){"attribute", "missing attribute", ctx.file, "t001", BAD_ATTRIBUTE, NULL, PETSC_ERR_FILE_UNEXPECTED};
  cases[7] = (BadCase){"dataset", "missing dataset", fother, NULL, BAD_READVEC, unan, PETSC_ERR_FILE_UNEXPECTED};
  PetscCall(PetscObjectSetName((PetscObject)unan, "no_such_vec"));
  for (PetscInt c = 0; c < 8; c++) {
    PetscErrorCode code = 0;
    PetscBool      only;

    PetscCall(PetscStrcmp(ctx.bad, cases[c].key, &only));
    if (only) {
      PetscViewer viewer = NULL;

      PetscCall(RunBad(comm, &cases[c], &viewer)); /* must raise its error */
      PetscCall(TesseraIOClose(&viewer));
    }
    if (ctx.bad[0]) continue;
    PetscCall(TryBad(comm, &cases[c], &code));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(code == cases[c].expect), "bad input '%s' gives error %d (got %d)", cases[c].what, cases[c].expect, code));
  }
  PetscCall(PetscTestFile(ctx.file, 'r', &exists));
  PetscCall(TesseraTestCheck(comm, exists, "%s still readable after the bad-input cases", ctx.file));

  /* 4. stored parameters: the same values pass, a changed or a missing one is refused */
  if (!ctx.bad[0]) {
    const PetscReal same[4] = {12, 0.125, 2e-5, 0}, other[4] = {12, 0.125, 2.0000001e-5, 0};
    PetscErrorCode  c1, c2, c3, c4;

    PetscCall(PetscSNPrintf(name, sizeof(name), "params-%s", ctx.file));
    PetscCall(CheckParameters(comm, name, 3, same, 0.0, &c1));
    PetscCall(CheckParameters(comm, name, 3, other, 0.0, &c2));
    PetscCall(CheckParameters(comm, name, 3, other, 1e-6, &c3));
    PetscCall(CheckParameters(comm, name, 4, same, 0.0, &c4));
    PetscCall(TesseraTestCheck(comm, (PetscBool)!c1, "parameters: equal values pass (error %d)", c1));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(c2 == PETSC_ERR_FILE_UNEXPECTED), "parameters: a changed value is refused with error %d (got %d)", PETSC_ERR_FILE_UNEXPECTED, c2));
    PetscCall(TesseraTestCheck(comm, (PetscBool)!c3, "parameters: a change within the tolerance passes (error %d)", c3));
    PetscCall(TesseraTestCheck(comm, (PetscBool)(c4 == PETSC_ERR_FILE_UNEXPECTED), "parameters: a missing value is refused with error %d (got %d)", PETSC_ERR_FILE_UNEXPECTED, c4));
  }
  PetscCall(VecDestroy(&u));
  PetscCall(VecDestroy(&u2));
  PetscCall(VecDestroy(&unan));
  PetscCall(DMDestroy(&da));
  PetscCall(DMDestroy(&da2));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
