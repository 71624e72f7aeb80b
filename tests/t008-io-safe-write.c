static char help[] = "Tests the safe writes of the tessera HDF5 layer: exclusive unpredictable temporary file, existing files\n\
and planted links never touched, the mode of a replaced file kept, read-only and odd targets refused, a symbolic\n\
link target replaced through the link, a commit that fails leaves the target unchanged.\n\n\
  -dir <t008>   directory to work in (created; must not be shared with another run)\n\n";

/* POSIX.1-2008 for O_NOFOLLOW, O_CLOEXEC, lstat(), fchmod(), fchown(), realpath(), symlink(), popen() */
#define _POSIX_C_SOURCE 200809L
#include <tessera.h>
#include "tesseratest.h"
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <errno.h>
#include <stdio.h>

typedef struct {
  MPI_Comm    comm;
  PetscMPIInt rank;
  char        dir[PETSC_MAX_PATH_LEN];
} Ctx;

static PetscErrorCode Path(Ctx *c, const char name[], char path[])
{
  PetscFunctionBegin;
  PetscCall(PetscSNPrintf(path, PETSC_MAX_PATH_LEN, "%s/%s", c->dir, name));
  PetscFunctionReturn(0);
}

/* Writes a tessera file holding the attribute value; with errors returned, not raised */
static PetscErrorCode WriteValue_Private(MPI_Comm comm, const char file[], PetscReal value)
{
  PetscViewer viewer;

  PetscFunctionBegin;
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_WRITE, "t008", &viewer));
  PetscCall(TesseraIOWriteAttribute(viewer, NULL, "value", PETSC_REAL, &value));
  PetscCall(TesseraIOClose(&viewer));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteValue(Ctx *c, const char file[], PetscReal value, PetscErrorCode *code)
{
  PetscFunctionBegin;
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  *code = WriteValue_Private(c->comm, file, value);
  PetscCall(PetscPopErrorHandler());
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadValue(Ctx *c, const char file[], PetscReal *value)
{
  PetscViewer viewer;

  PetscFunctionBegin;
  PetscCall(TesseraIOOpen(c->comm, file, FILE_MODE_READ, "t008", &viewer));
  PetscCall(TesseraIOReadAttribute(viewer, NULL, "value", PETSC_REAL, value));
  PetscCall(TesseraIOClose(&viewer));
  PetscFunctionReturn(0);
}

/* Rank 0 writes a small text file; all ranks wait */
static PetscErrorCode WriteText(Ctx *c, const char file[], const char text[])
{
  PetscFunctionBegin;
  if (!c->rank) {
    FILE *f;

    PetscCall(PetscFOpen(PETSC_COMM_SELF, file, "w", &f));
    PetscCall(PetscFPrintf(PETSC_COMM_SELF, f, "%s", text));
    PetscCall(PetscFClose(PETSC_COMM_SELF, f));
  }
  PetscCallMPI(MPI_Barrier(c->comm));
  PetscFunctionReturn(0);
}

/* Whether file (on rank 0) holds exactly text */
static PetscErrorCode HoldsText(Ctx *c, const char file[], const char text[], PetscBool *same)
{
  PetscFunctionBegin;
  *same = PETSC_FALSE;
  if (!c->rank) {
    FILE *f        = fopen(file, "r");
    char  buf[256] = "";

    if (f) {
      size_t n = fread(buf, 1, sizeof(buf) - 1, f);

      buf[n] = 0;
      fclose(f);
      *same = (PetscBool)!strcmp(buf, text);
    }
  }
  PetscCallMPI(MPI_Bcast(same, 1, MPIU_BOOL, 0, c->comm));
  PetscFunctionReturn(0);
}

/* stat() or lstat() on rank 0, shared: mode bits (-1 if missing), whether a symbolic link */
static PetscErrorCode StatFile(Ctx *c, const char file[], int *mode, PetscBool *islink)
{
  int info[2] = {-1, 0};

  PetscFunctionBegin;
  if (!c->rank) {
    struct stat st;

    if (!lstat(file, &st)) {
      info[1] = S_ISLNK(st.st_mode) ? 1 : 0;
      if (!stat(file, &st)) info[0] = (int)(st.st_mode & 07777);
    }
  }
  PetscCallMPI(MPI_Bcast(info, 2, MPI_INT, 0, c->comm));
  *mode = info[0];
  if (islink) *islink = (PetscBool)(info[1] == 1);
  PetscFunctionReturn(0);
}

/* Number of files in the directory whose name ends with ".tmp" (rank 0 looks, with ls through popen-free glob) */
static PetscErrorCode CountTmp(Ctx *c, const char prefix[], PetscInt *n)
{
  PetscFunctionBegin;
  *n = 0;
  if (!c->rank) {
    char  cmd[2 * PETSC_MAX_PATH_LEN];
    FILE *p;
    int   k = 0;

    PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "ls -1a '%s' | grep -c '^%s\\..*\\.tmp$'", c->dir, prefix));
    p = popen(cmd, "r");
    PetscCheck(p, PETSC_COMM_SELF, PETSC_ERR_SYS, "popen");
    if (fscanf(p, "%d", &k) != 1) k = -1;
    pclose(p);
    *n = k;
  }
  PetscCallMPI(MPI_Bcast(n, 1, MPIU_INT, 0, c->comm));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Ctx            c;
  char           f[PETSC_MAX_PATH_LEN], g[PETSC_MAX_PATH_LEN], h[PETSC_MAX_PATH_LEN];
  PetscErrorCode code;
  PetscReal      v;
  int            mode;
  PetscBool      islink, same;
  PetscInt       ntmp;
  mode_t         mask;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  c.comm = PETSC_COMM_WORLD;
  PetscCallMPI(MPI_Comm_rank(c.comm, &c.rank));
  PetscCall(PetscStrncpy(c.dir, "t008", sizeof(c.dir)));
  PetscOptionsBegin(c.comm, "", "t008 options", "");
  PetscCall(PetscOptionsString("-dir", "Directory to work in", "t008", c.dir, c.dir, sizeof(c.dir), NULL));
  PetscOptionsEnd();
  if (!c.rank) {
    char cmd[PETSC_MAX_PATH_LEN + 32];

    PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/sub'", c.dir, c.dir));
    PetscCheck(!system(cmd), PETSC_COMM_SELF, PETSC_ERR_SYS, "cannot prepare %s", c.dir);
  }
  PetscCallMPI(MPI_Barrier(c.comm));
  mask = umask(0);
  umask(mask);

  /* 1. a new file gets 0666 & ~umask; no temporary file is left */
  PetscCall(Path(&c, "new.h5", f));
  PetscCall(WriteValue(&c, f, 1.0, &code));
  PetscCall(StatFile(&c, f, &mode, NULL));
  PetscCall(CountTmp(&c, "new.h5", &ntmp));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(!code && mode == (int)(0666 & ~mask) && !ntmp), "new file written with mode 0666 & ~umask, no temporary left"));

  /* 2. two writers of one name get different, unpredictable temporary names beside the target */
  {
    PetscViewer a, b;
    const char *ta, *tb;
    size_t      la, lb, lf;
    PetscBool   pa, pb;

    PetscCall(TesseraIOOpen(c.comm, f, FILE_MODE_WRITE, "t008", &a));
    PetscCall(TesseraIOOpen(c.comm, f, FILE_MODE_WRITE, "t008", &b));
    PetscCall(TesseraIOGetFileName(a, &ta));
    PetscCall(TesseraIOGetFileName(b, &tb));
    PetscCall(PetscStrlen(ta, &la));
    PetscCall(PetscStrlen(tb, &lb));
    PetscCall(PetscStrlen(f, &lf));
    PetscCall(PetscStrncmp(ta, f, lf, &pa));
    PetscCall(PetscStrncmp(tb, f, lf, &pb));
    PetscCall(TesseraTestCheck(c.comm, (PetscBool)(strcmp(ta, tb) && pa && pb && la == lf + 17 && lb == lf + 17 && !strcmp(ta + la - 4, ".tmp")), "temporary names <name>.<12 random>.tmp, different for two writers"));
    PetscCall(TesseraIOClose(&a));
    PetscCall(TesseraIOClose(&b));
    PetscCall(CountTmp(&c, "new.h5", &ntmp));
    PetscCall(TesseraTestCheck(c.comm, (PetscBool)!ntmp, "both committed, no temporary left"));
  }

  /* 3. a user's file and a planted link at the old predictable temporary name are not touched */
  PetscCall(Path(&c, "out.h5", f));
  PetscCall(Path(&c, "out.h5.tmp", g));
  PetscCall(Path(&c, "victim.txt", h));
  PetscCall(WriteText(&c, g, "precious user file\n"));
  PetscCall(WriteText(&c, h, "victim\n"));
  PetscCall(WriteValue(&c, f, 3.0, &code));
  PetscCall(HoldsText(&c, g, "precious user file\n", &same));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(!code && same), "existing out.h5.tmp left intact"));
  PetscCall(Path(&c, "out2.h5", f));
  PetscCall(Path(&c, "out2.h5.tmp", g));
  if (!c.rank) PetscCheck(!symlink("victim.txt", g), PETSC_COMM_SELF, PETSC_ERR_SYS, "symlink");
  PetscCallMPI(MPI_Barrier(c.comm));
  PetscCall(WriteValue(&c, f, 3.0, &code));
  PetscCall(HoldsText(&c, h, "victim\n", &same));
  PetscCall(StatFile(&c, f, &mode, &islink));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(!code && same && !islink), "planted link out2.h5.tmp -> victim not followed, out2.h5 a regular file"));

  /* 4. the mode of a replaced file is kept */
  PetscCall(Path(&c, "private.h5", f));
  PetscCall(WriteValue(&c, f, 4.0, &code));
  if (!c.rank) PetscCheck(!chmod(f, 0600), PETSC_COMM_SELF, PETSC_ERR_SYS, "chmod");
  PetscCall(WriteValue(&c, f, 4.5, &code));
  PetscCall(StatFile(&c, f, &mode, NULL));
  PetscCall(ReadValue(&c, f, &v));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(!code && mode == 0600 && v == 4.5), "0600 file replaced and still 0600"));
  if (!c.rank) PetscCheck(!chmod(f, 0640), PETSC_COMM_SELF, PETSC_ERR_SYS, "chmod");
  PetscCall(WriteValue(&c, f, 4.75, &code));
  PetscCall(StatFile(&c, f, &mode, NULL));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(!code && mode == 0640), "0640 file replaced and still 0640"));

  /* 5. a read-only target is refused, also for root, and left unchanged */
  PetscCall(Path(&c, "readonly.h5", f));
  PetscCall(WriteValue(&c, f, 5.0, &code));
  if (!c.rank) PetscCheck(!chmod(f, 0444), PETSC_COMM_SELF, PETSC_ERR_SYS, "chmod");
  PetscCall(WriteValue(&c, f, 5.5, &code));
  PetscCall(ReadValue(&c, f, &v));
  PetscCall(StatFile(&c, f, &mode, NULL));
  PetscCall(CountTmp(&c, "readonly.h5", &ntmp));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(code == PETSC_ERR_FILE_OPEN && v == 5.0 && mode == 0444 && !ntmp), "read-only target refused and unchanged"));

  /* 6. a symbolic link target: the file it points to is replaced (mode kept), the link stays */
  PetscCall(Path(&c, "sub/real.h5", g));
  PetscCall(Path(&c, "link.h5", f));
  PetscCall(WriteValue(&c, g, 6.0, &code));
  if (!c.rank) {
    PetscCheck(!chmod(g, 0604), PETSC_COMM_SELF, PETSC_ERR_SYS, "chmod");
    PetscCheck(!symlink("sub/real.h5", f), PETSC_COMM_SELF, PETSC_ERR_SYS, "symlink");
  }
  PetscCallMPI(MPI_Barrier(c.comm));
  PetscCall(WriteValue(&c, f, 6.5, &code));
  PetscCall(StatFile(&c, f, &mode, &islink));
  PetscCall(ReadValue(&c, g, &v));
  PetscCall(CountTmp(&c, "link.h5", &ntmp));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(!code && islink && mode == 0604 && v == 6.5 && !ntmp), "write through a symbolic link replaces its target, keeps the link and the mode"));

  /* 7. a dangling link and a directory are refused */
  PetscCall(Path(&c, "dangling.h5", f));
  if (!c.rank) PetscCheck(!symlink("sub/missing.h5", f), PETSC_COMM_SELF, PETSC_ERR_SYS, "symlink");
  PetscCallMPI(MPI_Barrier(c.comm));
  PetscCall(WriteValue(&c, f, 7.0, &code));
  PetscCall(StatFile(&c, f, &mode, &islink));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(code == PETSC_ERR_FILE_OPEN && islink && mode == -1), "dangling symbolic link refused, nothing created"));
  PetscCall(Path(&c, "sub", f));
  PetscCall(WriteValue(&c, f, 7.0, &code));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(code == PETSC_ERR_FILE_OPEN), "directory as target refused"));

  /* 8. a commit that cannot be done leaves the target unchanged and removes the temporary file */
  PetscCall(Path(&c, "late.h5", f));
  PetscCall(WriteValue(&c, f, 8.0, &code));
  {
    PetscViewer viewer;
    PetscReal   x = 8.5;

    PetscCall(TesseraIOOpen(c.comm, f, FILE_MODE_WRITE, "t008", &viewer));
    PetscCall(TesseraIOWriteAttribute(viewer, NULL, "value", PETSC_REAL, &x));
    if (!c.rank) PetscCheck(!chmod(f, 0444), PETSC_COMM_SELF, PETSC_ERR_SYS, "chmod");
    PetscCallMPI(MPI_Barrier(c.comm));
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    code = TesseraIOClose(&viewer);
    PetscCall(PetscPopErrorHandler());
  }
  PetscCall(ReadValue(&c, f, &v));
  PetscCall(CountTmp(&c, "late.h5", &ntmp));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(code == PETSC_ERR_FILE_WRITE && v == 8.0 && !ntmp), "target made read-only during the write: commit refused, target unchanged, temporary removed"));

  /* 9. a temporary file swapped for another file during the write is not renamed over the target */
  PetscCall(Path(&c, "swap.h5", f));
  PetscCall(WriteValue(&c, f, 9.0, &code));
  {
    PetscViewer viewer;
    PetscReal   x = 9.5;
    const char *tmp;

    PetscCall(TesseraIOOpen(c.comm, f, FILE_MODE_WRITE, "t008", &viewer));
    PetscCall(TesseraIOWriteAttribute(viewer, NULL, "value", PETSC_REAL, &x));
    PetscCall(TesseraIOGetFileName(viewer, &tmp));
    PetscCall(PetscStrncpy(g, tmp, sizeof(g)));
    if (!c.rank) PetscCheck(!unlink(g), PETSC_COMM_SELF, PETSC_ERR_SYS, "unlink");
    PetscCall(WriteText(&c, g, "impostor\n"));
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    code = TesseraIOClose(&viewer);
    PetscCall(PetscPopErrorHandler());
  }
  PetscCall(ReadValue(&c, f, &v));
  PetscCall(HoldsText(&c, g, "impostor\n", &same));
  PetscCall(TesseraTestCheck(c.comm, (PetscBool)(code == PETSC_ERR_FILE_WRITE && v == 9.0 && same), "swapped temporary file not committed, target unchanged"));

  /* 10. a viewer destroyed without TesseraIOClose() (as on an error path) commits nothing and removes its temporary */
  PetscCall(Path(&c, "abandon.h5", f));
  PetscCall(WriteValue(&c, f, 10.0, &code));
  {
    PetscViewer viewer;
    PetscReal   x = 10.5;
    PetscInt    nopen;

    PetscCall(TesseraIOOpen(c.comm, f, FILE_MODE_WRITE, "t008", &viewer));
    PetscCall(TesseraIOWriteAttribute(viewer, NULL, "value", PETSC_REAL, &x));
    PetscCall(CountTmp(&c, "abandon.h5", &nopen));
    PetscCall(PetscViewerDestroy(&viewer));
    PetscCall(ReadValue(&c, f, &v));
    PetscCall(CountTmp(&c, "abandon.h5", &ntmp));
    PetscCall(TesseraTestCheck(c.comm, (PetscBool)(!code && nopen == 1 && v == 10.0 && !ntmp), "viewer destroyed without a commit: target unchanged, its temporary file (%" PetscInt_FMT " while open) removed", nopen));
  }

  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
