/*I "tessera.h" I*/
/*
   io.c - HDF5 checkpoint and results layer on PetscViewerHDF5.

   Layout of a tessera file: root attributes tessera_version, problem, options (the options database of the
   run) and the headline figures of the run; named Vecs and arrays in groups (/solution, /checkpoint,
   /history).

   Safe, atomic writes: the data go to a temporary file "<target>.<12 random characters>.tmp" in the directory of
   the target, created by rank 0 with O_CREAT|O_EXCL|O_NOFOLLOW (so an existing file or a planted symbolic link
   is never opened, truncated or followed). TesseraIOClose() flushes and closes it, checks that it is still the
   file created, gives it the mode of the file it replaces, fsyncs it, renames it over the target (rename(2) is
   atomic on POSIX file systems) and fsyncs the directory. A process killed at any point before the rename
   leaves the previous file untouched (and a *.tmp file behind); an existing file is only ever replaced by that
   rename. The target is <name>, or, if <name> is a symbolic link, the file it points to (the link stays); a
   read-only target, a dangling link and a target that is not a regular file are refused.
*/
/* POSIX.1-2008 for O_NOFOLLOW, O_CLOEXEC, lstat(), fchmod(), fchown(), realpath(), symlink(), popen() */
#define _XOPEN_SOURCE 700 /* realpath() (XSI) and POSIX 2008 */
#include <tesseraimpl.h>
#include <tesseraio.h>
#include <petscviewerhdf5.h>
#include <hdf5.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <limits.h>
#include <stdint.h>
#include <petscdmda.h>
#include "tesseraioimpl.h"

static PetscLogEvent TESSERA_IO_Write, TESSERA_IO_Read, TESSERA_IO_Checksum;
static PetscInt      io_kill_during_write  = -1;          /* testing hook: raise SIGKILL after this many Vec writes */
static PetscInt      io_error_during_write = -1;          /* testing hook: raise an error after this many Vec writes */
static PetscBool     io_checksum           = PETSC_TRUE;  /* -io_checksum: write a checksum attribute with every dataset */
static PetscBool     io_require_checksum   = PETSC_FALSE; /* -io_require_checksum: refuse datasets without one */
static PetscInt      io_vec_writes         = 0;

static PetscClassId   TESSERA_IO_CLASSID;
static TesseraPackage TesseraIOPackage = {.name = "tesseraio", .classname = "TesseraIO", .classid = &TESSERA_IO_CLASSID};

static PetscErrorCode TesseraIOInitializePackage_Hook(void)
{
  PetscFunctionBegin;
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-io_kill_during_write", &io_kill_during_write, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-io_error_during_write", &io_error_during_write, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-io_checksum", &io_checksum, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-io_require_checksum", &io_require_checksum, NULL));
  io_vec_writes = 0;
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOInitializePackage - Registers the log events of tessera's HDF5 layer; called by `TesseraIOOpen()` and
  `TesseraInitialize()`

  Not Collective

  Level: developer

.seealso: `TesseraIOOpen()`, `TesseraInitialize()`
@*/
PetscErrorCode TesseraIOInitializePackage(void)
{
  static const TesseraPackageEvent events[] = {{"TesseraIOWrite", &TESSERA_IO_Write}, {"TesseraIORead", &TESSERA_IO_Read}, {"TesseraIOChecksum", &TESSERA_IO_Checksum}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&TesseraIOPackage, NULL, events, TesseraIOInitializePackage_Hook));
  PetscFunctionReturn(0);
}

/* HDF5 prints its own error stack on every failed call; while tessera probes a file it reports failures itself */
typedef struct {
  H5E_auto2_t func;
  void       *data;
  int         saved;
} TesseraIOQuiet;

static void TesseraIOQuietBegin_Private(TesseraIOQuiet *q)
{
  q->saved = H5Eget_auto2(H5E_DEFAULT, &q->func, &q->data) >= 0;
  if (q->saved) (void)H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

static void TesseraIOQuietEnd_Private(TesseraIOQuiet *q)
{
  if (q->saved) (void)H5Eset_auto2(H5E_DEFAULT, q->func, q->data);
}

/* Raises the error for a PETSc HDF5 call that failed on a damaged or unsupported file, naming file and object */
static PetscErrorCode TesseraIOFailed_Private(PetscViewer viewer, const char what[], const char obj[], PetscErrorCode ierr)
{
  const char *fname = NULL;

  PetscFunctionBegin;
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  SETERRQ(PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s is damaged or unsupported: %s %s failed (HDF5/PETSc error %d)", fname ? fname : "(unnamed)", what, obj, (int)ierr);
}

/* Calls a PETSc HDF5 routine with HDF5's and PETSc's error printing off; a failure becomes one error that
   names the file, the operation and the object instead of a raw "H5x() Status -1" */
#define TesseraIOCallQuiet(viewer, what, obj, call)                          \
  do {                                                                       \
    TesseraIOQuiet q_;                                                       \
    PetscErrorCode ierr_;                                                    \
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));         \
    TesseraIOQuietBegin_Private(&q_);                                        \
    ierr_ = (call);                                                          \
    TesseraIOQuietEnd_Private(&q_);                                          \
    PetscCall(PetscPopErrorHandler());                                       \
    if (ierr_) PetscCall(TesseraIOFailed_Private(viewer, what, obj, ierr_)); \
  } while (0)

/* Checks on rank 0 that name is a readable, complete HDF5 file; the verdict is shared by all ranks */
static PetscErrorCode TesseraIOCheckReadable_Private(MPI_Comm comm, const char name[])
{
  PetscMPIInt rank;
  int         status = 0; /* 0 ok, 1 missing, 2 not HDF5, 3 truncated or corrupt */

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    PetscBool exists;

    PetscCall(PetscTestFile(name, 'r', &exists));
    if (!exists) status = 1;
    else {
      TesseraIOQuiet q;

      /* a failure is a status, not an error raised on rank 0 alone, so that every rank reaches the broadcast */
      TesseraIOQuietBegin_Private(&q);
      if (H5Fis_hdf5(name) <= 0) status = 2;
      else {
        hid_t fid = H5Fopen(name, H5F_ACC_RDONLY, H5P_DEFAULT);

        if (fid < 0 || H5Fclose(fid) < 0) status = 3;
      }
      TesseraIOQuietEnd_Private(&q);
    }
  }
  PetscCallMPI(MPI_Bcast(&status, 1, MPI_INT, 0, comm));
  PetscCheck(status != 1, comm, PETSC_ERR_FILE_OPEN, "Cannot open HDF5 file %s: file does not exist or is not readable", name);
  PetscCheck(status != 2, comm, PETSC_ERR_FILE_UNEXPECTED, "File %s is not an HDF5 file", name);
  PetscCheck(status != 3, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s is truncated or corrupt: HDF5 cannot open it", name);
  PetscFunctionReturn(0);
}

/* The directory part of a file name: "." for a bare name, "/" for a file in the root */
static PetscErrorCode TesseraIODirName_Private(const char name[], char dir[], size_t len)
{
  char *slash;

  PetscFunctionBegin;
  PetscCall(PetscStrncpy(dir, name, len));
  PetscCall(PetscStrrchr(dir, '/', &slash)); /* points just past the last '/', or at dir if there is none */
  if (slash == dir) PetscCall(PetscStrncpy(dir, ".", len));
  else if (slash - 1 == dir) dir[1] = 0;
  else slash[-1] = 0;
  PetscFunctionReturn(0);
}

/* the temporary files created and neither committed nor discarded (see tesseraioimpl.h); every rank lists the
   files of its write viewers, so that whichever rank reaches an error exit first removes them */
static TesseraIOWriteCtx *io_pending = NULL;

static void TesseraIOListTmp_Private(TesseraIOWriteCtx *w)
{
  static PetscBool atexit_set = PETSC_FALSE;

  if (!atexit_set && !atexit(TesseraIORemovePendingTmp_Private)) atexit_set = PETSC_TRUE;
  w->pending = PETSC_TRUE;
  w->next    = io_pending;
  io_pending = w;
}

static void TesseraIOUnlistTmp_Private(TesseraIOWriteCtx *w)
{
  for (TesseraIOWriteCtx **p = &io_pending; *p; p = &(*p)->next) {
    if (*p == w) {
      *p = w->next;
      break;
    }
  }
  w->next    = NULL;
  w->pending = PETSC_FALSE;
}

/* Removes every pending temporary file (all ranks): at exit, and from the error handler just before an error
   that reached main() aborts the run (MPI_Abort() runs no atexit() functions) */
void TesseraIORemovePendingTmp_Private(void)
{
  while (io_pending) {
    (void)unlink(io_pending->tmp);
    TesseraIOUnlistTmp_Private(io_pending);
  }
}

/* Removes a pending temporary file (rank 0, the rank that created it; the others only forget it) */
void TesseraIODiscardTmp_Private(TesseraIOWriteCtx *w)
{
  if (!w->pending) return;
  if (w->fd >= 0) (void)unlink(w->tmp);
  TesseraIOUnlistTmp_Private(w);
}

/* The error handler of TesseraInitialize(): PETSc's traceback handler, and, when the error has reached main() and
   the run is about to be aborted, removal of the pending temporary files first */
static PetscErrorCode TesseraIOErrorHandler_Private(MPI_Comm comm, int line, const char *fun, const char *file, PetscErrorCode n, PetscErrorType p, const char *mess, void *ctx)
{
  if (fun && !strncmp(fun, "main", 4)) TesseraIORemovePendingTmp_Private();
  return PetscTraceBackErrorHandler(comm, line, fun, file, n, p, mess, ctx);
}

/* Installs (push) or removes (push = PETSC_FALSE) the error handler above; not with -on_error_abort,
   -on_error_attach_debugger or -on_error_emacs, whose handlers stay in charge (an error exit then leaves the
   temporary files of open write viewers behind) */
PetscErrorCode TesseraIOErrorHandlerSet_Private(PetscBool push)
{
  static PetscBool pushed = PETSC_FALSE;

  PetscFunctionBegin;
  if (push && !pushed) {
    static const char *const others[] = {"-on_error_abort", "-on_error_attach_debugger", "-on_error_emacs"};
    PetscBool                other    = PETSC_FALSE, flg;

    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
      PetscCall(PetscOptionsHasName(NULL, NULL, others[i], &flg));
      other = (PetscBool)(other || flg);
    }
    if (!other) {
      PetscCall(PetscPushErrorHandler(TesseraIOErrorHandler_Private, NULL));
      pushed = PETSC_TRUE;
    }
  } else if (!push && pushed) {
    PetscCall(PetscPopErrorHandler());
    pushed = PETSC_FALSE;
  }
  PetscFunctionReturn(0);
}

/* A viewer destroyed without TesseraIOClose() (or after a failed one) commits nothing and leaves no temporary file */
static PetscErrorCode TesseraIOWriteCtxDestroy_Private(void *ptr)
{
  TesseraIOWriteCtx *w = (TesseraIOWriteCtx *)ptr;

  PetscFunctionBegin;
  TesseraIODiscardTmp_Private(w);
  if (w->fd >= 0) (void)close(w->fd);
  PetscCall(PetscFree(w));
  PetscFunctionReturn(0);
}

/* Appends to path a random suffix ".XXXXXXXXXXXX.tmp" (12 characters from /dev/urandom, 71 bits) */
static int TesseraIORandomTmpName_Private(const char target[], char tmp[], size_t len)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char     rnd[12];
  char              sfx[13];
  int               fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC), n;

  if (fd < 0) return errno ? errno : EIO;
  n = (int)read(fd, rnd, sizeof(rnd));
  close(fd);
  if (n != (int)sizeof(rnd)) return EIO;
  for (int i = 0; i < 12; i++) sfx[i] = alphabet[rnd[i] % (sizeof(alphabet) - 1)];
  sfx[12] = 0;
  if ((size_t)snprintf(tmp, len, "%s.%s.tmp", target, sfx) >= len) return ENAMETOOLONG;
  return 0;
}

/*
  Rank 0: decides which file a write of name replaces and creates the temporary file for it. A symbolic link name
  is followed (the file it points to is replaced, the link stays); a dangling link, a target that is not a regular
  file and a read-only target (no write permission for this user, or no write bit at all, also for root) are
  refused with a message in msg. The temporary file is created with O_CREAT|O_EXCL|O_NOFOLLOW under an
  unpredictable name, so no existing file or link is ever opened or truncated.
*/
PetscErrorCode TesseraIOCreateTmp_Private(const char name[], TesseraIOWriteCtx *w, char msg[], size_t len)
{
  struct stat st;
  char        dir[PETSC_MAX_PATH_LEN];

  PetscFunctionBegin;
  msg[0] = 0;
  if (strlen(name) >= sizeof(w->target)) {
    snprintf(msg, len, "file name %s is too long", name);
    PetscFunctionReturn(0);
  }
  strcpy(w->target, name);
  if (!lstat(name, &st) && S_ISLNK(st.st_mode)) {
    char *resolved = realpath(name, NULL);

    if (!resolved) {
      snprintf(msg, len, "%s is a symbolic link to a missing or inaccessible file (%s): refusing to write through it", name, strerror(errno));
      PetscFunctionReturn(0);
    }
    if (strlen(resolved) >= sizeof(w->target)) {
      free(resolved);
      snprintf(msg, len, "the file %s points to has a name that is too long", name);
      PetscFunctionReturn(0);
    }
    strcpy(w->target, resolved);
    free(resolved);
  }
  if (!stat(w->target, &st)) {
    if (!S_ISREG(st.st_mode)) {
      snprintf(msg, len, "%s exists and is not a regular file: refusing to replace it", w->target);
      PetscFunctionReturn(0);
    }
    if (access(w->target, W_OK) || !(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH))) {
      snprintf(msg, len, "%s is read-only: refusing to replace it (make it writable or choose another name)", w->target);
      PetscFunctionReturn(0);
    }
  } else if (errno != ENOENT) {
    snprintf(msg, len, "cannot inspect %s: %s", w->target, strerror(errno));
    PetscFunctionReturn(0);
  }
  PetscCall(TesseraIODirName_Private(w->target, dir, sizeof(dir)));
  if (access(dir, W_OK | X_OK)) {
    snprintf(msg, len, "directory %s does not exist or is not writable", dir);
    PetscFunctionReturn(0);
  }
  for (int attempt = 0; attempt < 32; attempt++) {
    int err = TesseraIORandomTmpName_Private(w->target, w->tmp, sizeof(w->tmp));

    if (err) {
      snprintf(msg, len, "cannot make a temporary file name for %s: %s", w->target, strerror(err));
      PetscFunctionReturn(0);
    }
    w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (w->fd >= 0) {
      TesseraIOListTmp_Private(w);
      PetscFunctionReturn(0);
    }
    if (errno != EEXIST) {
      snprintf(msg, len, "cannot create the temporary file %s: %s", w->tmp, strerror(errno));
      PetscFunctionReturn(0);
    }
  }
  snprintf(msg, len, "cannot create a temporary file beside %s: 32 random names were all taken", w->target);
  PetscFunctionReturn(0);
}

/*
  Rank 0: commits the temporary file: checks that it is still the file created (not replaced by another file or a
  link), gives it the mode (and, where permitted, the owner) of the file it replaces, or 0666 & ~umask for a new
  file, fsyncs it, renames it over the target and fsyncs the directory. On failure the temporary file is removed
  and the target is left as it was; returns an errno value and a message.
*/
PetscErrorCode TesseraIOCommit_Private(TesseraIOWriteCtx *w, int *errp, char msg[], size_t len)
{
  struct stat st, lst;
  mode_t      mode = 0600, mask;
  char        dir[PETSC_MAX_PATH_LEN];
  int         err = 0, fd;

  PetscFunctionBegin;
  msg[0] = 0;
  *errp  = 0;
  TesseraIOUnlistTmp_Private(w); /* from here on the commit removes the file itself on failure */
  if (fstat(w->fd, &st) || lstat(w->tmp, &lst) || !S_ISREG(lst.st_mode) || st.st_dev != lst.st_dev || st.st_ino != lst.st_ino) {
    snprintf(msg, len, "the temporary file %s was replaced or removed during the write; nothing committed", w->tmp);
    *errp = EEXIST; /* not unlinked: it is not ours any more */
    PetscFunctionReturn(0);
  }
  if (!stat(w->target, &st)) {
    if (access(w->target, W_OK) || !(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH))) {
      snprintf(msg, len, "%s became read-only during the write: refusing to replace it", w->target);
      err = EACCES;
    } else {
      mode = st.st_mode & 07777;
      /* the owner and group of the file replaced, where permitted (root); else at least its group; else ours */
      if ((st.st_uid != lst.st_uid || st.st_gid != lst.st_gid) && fchown(w->fd, st.st_uid, st.st_gid) && fchown(w->fd, (uid_t)-1, st.st_gid)) PetscCall(PetscInfo(NULL, "Cannot give %s the owner of %s: kept this user's\n", w->tmp, w->target));
    }
  } else {
    mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  if (!err && fchmod(w->fd, mode)) err = errno;
  if (!err && fsync(w->fd)) err = errno;
  if (!err && rename(w->tmp, w->target)) err = errno;
  if (err) {
    if (!msg[0]) snprintf(msg, len, "%s", strerror(err));
    (void)unlink(w->tmp);
    *errp = err;
    PetscFunctionReturn(0);
  }
  PetscCall(TesseraIODirName_Private(w->target, dir, sizeof(dir)));
  fd = open(dir, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
  PetscFunctionReturn(0);
}

static const char *TesseraIOTypeClassName_Private(H5T_class_t c)
{
  switch (c) {
  case H5T_INTEGER: return "integer";
  case H5T_FLOAT: return "floating-point";
  case H5T_STRING: return "string";
  case H5T_ENUM: return "enumeration";
  case H5T_COMPOUND: return "compound";
  case H5T_ARRAY: return "array";
  case H5T_VLEN: return "variable-length sequence";
  case H5T_BITFIELD: return "bitfield";
  case H5T_OPAQUE: return "opaque";
  case H5T_REFERENCE: return "reference";
  default: return "unknown";
  }
}

/* The integer held in the first size bytes of buf (a native integer of that size and signedness); 0 on success */
static int TesseraIOBytesToInt_Private(const void *buf, size_t size, H5T_sign_t sign, long long *v, unsigned long long *u)
{
  *v = 0;
  *u = 0;
  if (sign == H5T_SGN_2) {
    if (size == 1) *v = *(const signed char *)buf;
    else if (size == sizeof(short)) *v = *(const short *)buf;
    else if (size == sizeof(int)) *v = *(const int *)buf;
    else if (size == sizeof(long long)) *v = *(const long long *)buf;
    else return 1;
    if (*v >= 0) *u = (unsigned long long)*v;
  } else {
    if (size == 1) *u = *(const unsigned char *)buf;
    else if (size == sizeof(unsigned short)) *u = *(const unsigned short *)buf;
    else if (size == sizeof(unsigned)) *u = *(const unsigned *)buf;
    else if (size == sizeof(unsigned long long)) *u = *(const unsigned long long *)buf;
    else return 1;
    *v = *u > (unsigned long long)LLONG_MAX ? LLONG_MAX : (long long)*u;
  }
  return 0;
}

/*
  Reads one attribute into a destination of fixed size, after checking that it holds exactly one value (scalar
  dataspace, or a simple one with a single point) of the expected type class: floating-point for PETSC_REAL,
  integer (any width and sign, range-checked against PetscInt) for PETSC_INT, integer or enumeration with value 0 or
  1 for PETSC_BOOL, fixed- or variable-length string for PETSC_STRING. Every mismatch raises an error naming the
  file, the object and the attribute, and no HDF5 handle is left open.
*/
static PetscErrorCode TesseraIOReadAttribute_Private(PetscViewer viewer, const char path[], const char name[], PetscDataType datatype, void *value)
{
  hid_t          fid, aid = -1, sid = -1, tid = -1, mtid = -1, base = -1;
  const char    *fname;
  char           why[256] = "";
  TesseraIOQuiet q;
  double         d   = 0;
  long long      iv  = 0;
  char          *str = NULL, *vstr = NULL;
  union {
    long long          i;
    unsigned long long u;
    unsigned char      b[16];
  } buf;

  PetscFunctionBegin;
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(PetscViewerHDF5GetFileId(viewer, &fid));
  PetscCheck(datatype == PETSC_REAL || datatype == PETSC_INT || datatype == PETSC_BOOL || datatype == PETSC_STRING, PetscObjectComm((PetscObject)viewer), PETSC_ERR_SUP,
             "Attribute %s: datatype %s not supported (PETSC_REAL, PETSC_INT, PETSC_BOOL, PETSC_STRING)", name, PetscDataTypes[datatype]);
  PetscCall(PetscMemzero(&buf, sizeof(buf)));
  TesseraIOQuietBegin_Private(&q);
  aid = H5Aopen_by_name(fid, path, name, H5P_DEFAULT, H5P_DEFAULT);
  if (aid < 0) PetscCall(PetscSNPrintf(why, sizeof(why), "cannot be opened"));
  else if ((sid = H5Aget_space(aid)) < 0 || (tid = H5Aget_type(aid)) < 0) PetscCall(PetscSNPrintf(why, sizeof(why), "its dataspace or datatype cannot be read"));
  else {
    H5S_class_t sc  = H5Sget_simple_extent_type(sid);
    hssize_t    np  = H5Sget_simple_extent_npoints(sid);
    int         nd  = H5Sget_simple_extent_ndims(sid);
    H5T_class_t tc  = H5Tget_class(tid);
    htri_t      var = tc == H5T_STRING ? H5Tis_variable_str(tid) : 0;
    size_t      ts  = H5Tget_size(tid);

    if ((sc != H5S_SCALAR && sc != H5S_SIMPLE) || np != 1) PetscCall(PetscSNPrintf(why, sizeof(why), "holds %lld values (dataspace of rank %d), expected a single value", sc == H5S_NULL ? 0LL : (long long)np, nd));
    else if (datatype == PETSC_REAL && tc != H5T_FLOAT) PetscCall(PetscSNPrintf(why, sizeof(why), "is of HDF5 type class %s, expected floating-point", TesseraIOTypeClassName_Private(tc)));
    else if (datatype == PETSC_INT && tc != H5T_INTEGER) PetscCall(PetscSNPrintf(why, sizeof(why), "is of HDF5 type class %s, expected integer", TesseraIOTypeClassName_Private(tc)));
    else if (datatype == PETSC_BOOL && tc != H5T_INTEGER && tc != H5T_ENUM) PetscCall(PetscSNPrintf(why, sizeof(why), "is of HDF5 type class %s, expected a boolean (integer or enumeration)", TesseraIOTypeClassName_Private(tc)));
    else if (datatype == PETSC_STRING && tc != H5T_STRING) PetscCall(PetscSNPrintf(why, sizeof(why), "is of HDF5 type class %s, expected string", TesseraIOTypeClassName_Private(tc)));
    else if (datatype == PETSC_REAL) {
      if (H5Aread(aid, H5T_NATIVE_DOUBLE, &d) < 0) PetscCall(PetscSNPrintf(why, sizeof(why), "cannot be read as a real number"));
      else if (PetscIsInfOrNanReal((PetscReal)d)) PetscCall(PetscSNPrintf(why, sizeof(why), "value is NaN or Inf"));
    } else if (datatype == PETSC_INT || datatype == PETSC_BOOL) {
      unsigned long long uv;
      H5T_sign_t         sign;

      base = tc == H5T_ENUM ? H5Tget_super(tid) : H5Tcopy(tid);
      sign = base >= 0 ? H5Tget_sign(base) : H5T_SGN_ERROR;
      mtid = H5Tget_native_type(tid, H5T_DIR_ASCEND);
      if (base < 0 || sign == H5T_SGN_ERROR || mtid < 0 || H5Tget_size(mtid) > sizeof(buf)) PetscCall(PetscSNPrintf(why, sizeof(why), "has an integer type of %zu bytes, not supported", ts));
      else if (H5Aread(aid, mtid, buf.b) < 0) PetscCall(PetscSNPrintf(why, sizeof(why), "cannot be read as an integer"));
      else if (TesseraIOBytesToInt_Private(buf.b, H5Tget_size(mtid), sign, &iv, &uv)) PetscCall(PetscSNPrintf(why, sizeof(why), "has an integer type of %zu bytes, not supported", H5Tget_size(mtid)));
      else if (sign != H5T_SGN_2 && uv > (unsigned long long)PETSC_MAX_INT) PetscCall(PetscSNPrintf(why, sizeof(why), "value %llu does not fit a PetscInt", uv));
      else if (iv > (long long)PETSC_MAX_INT || iv < (long long)PETSC_MIN_INT) PetscCall(PetscSNPrintf(why, sizeof(why), "value %lld does not fit a PetscInt", iv));
      else if (datatype == PETSC_BOOL && iv != 0 && iv != 1) PetscCall(PetscSNPrintf(why, sizeof(why), "value %lld is not a boolean (0 or 1)", iv));
    } else if (var > 0) { /* variable-length string */
      mtid = H5Tcopy(H5T_C_S1);
      if (mtid < 0 || H5Tset_size(mtid, H5T_VARIABLE) < 0 || H5Tset_cset(mtid, H5Tget_cset(tid)) < 0 || H5Aread(aid, mtid, &vstr) < 0 || !vstr) PetscCall(PetscSNPrintf(why, sizeof(why), "cannot be read as a variable-length string"));
      else PetscCall(PetscStrallocpy(vstr, &str));
      if (vstr) (void)H5free_memory(vstr);
    } else if (var < 0 || ts == 0 || ts > ((size_t)1 << 26)) PetscCall(PetscSNPrintf(why, sizeof(why), "is a string of unsupported size %zu", ts));
    else { /* fixed-length string, read byte for byte and terminated here */ PetscCall(PetscMalloc1(ts + 1, &str));
      mtid = H5Tcopy(tid);
      if (mtid < 0 || H5Aread(aid, mtid, str) < 0) PetscCall(PetscSNPrintf(why, sizeof(why), "cannot be read as a string"));
      str[ts] = 0;
    }
  }
  if (mtid >= 0) (void)H5Tclose(mtid);
  if (base >= 0) (void)H5Tclose(base);
  if (tid >= 0) (void)H5Tclose(tid);
  if (sid >= 0) (void)H5Sclose(sid);
  if (aid >= 0) (void)H5Aclose(aid);
  TesseraIOQuietEnd_Private(&q);
  if (why[0]) PetscCall(PetscFree(str));
  PetscCheck(!why[0], PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Attribute %s on %s in HDF5 file %s: %s", name, path, fname, why);
  if (datatype == PETSC_REAL) *(PetscReal *)value = (PetscReal)d;
  else if (datatype == PETSC_INT) *(PetscInt *)value = (PetscInt)iv;
  else if (datatype == PETSC_BOOL) *(PetscBool *)value = iv ? PETSC_TRUE : PETSC_FALSE;
  else *(char **)value = str;
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOOpen - Opens a tessera HDF5 file for writing (atomically) or reading (with validation)

  Collective

  Input Parameters:
+ comm    - the MPI communicator
. name    - the file name
. mode    - `FILE_MODE_WRITE` or `FILE_MODE_READ`
- problem - the problem name; written as the root attribute "problem" when writing, checked against it when
            reading (pass NULL to accept any problem)

  Output Parameter:
. viewer - the HDF5 viewer

  Level: beginner

  Notes:
  In `FILE_MODE_WRITE` the data go to a new temporary file "<name>.<random>.tmp" (created exclusively, never
  through a symbolic link), and the root attributes tessera_version, problem and options (the options database)
  are written at once. `TesseraIOClose()` renames the file to its name, keeping the mode of the file it
  replaces, so a process killed during a write leaves a previous file of that name intact. If name is a symbolic
  link, the file it points to is replaced and the link kept. A read-only file (no write permission for this
  user, or no write permission bit at all, also for root), a dangling symbolic link, a directory or other
  non-regular file, and an unwritable directory are refused with `PETSC_ERR_FILE_OPEN`.

  In `FILE_MODE_READ` the file must exist, be a complete HDF5 file, carry the tessera_version attribute and,
  if problem is given, have been written for that problem; otherwise an error naming the file is raised.

.seealso: `TesseraIOClose()`, `TesseraIOWriteVec()`, `TesseraIOReadVec()`, `TesseraIOWriteAttribute()`
@*/
PetscErrorCode TesseraIOOpen(MPI_Comm comm, const char name[], PetscFileMode mode, const char problem[], PetscViewer *viewer)
{
  PetscFunctionBegin;
  TesseraValidPointer(name, 2);
  TesseraValidPointer(viewer, 5);
  PetscCall(TesseraIOInitializePackage());
  PetscCheck(name[0], comm, PETSC_ERR_ARG_WRONG, "Empty HDF5 file name");
  if (mode == FILE_MODE_WRITE) {
    char               version[64], *options = NULL, msg[PETSC_MAX_PATH_LEN + 256];
    TesseraIOWriteCtx *w;
    PetscContainer     container;
    PetscMPIInt        rank;

    PetscCall(PetscNew(&w));
    w->fd = -1;
    PetscCall(PetscStrncpy(w->name, name, sizeof(w->name)));
    PetscCallMPI(MPI_Comm_rank(comm, &rank));
    if (rank == 0) PetscCall(TesseraIOCreateTmp_Private(name, w, msg, sizeof(msg)));
    PetscCallMPI(MPI_Bcast(msg, sizeof(msg), MPI_CHAR, 0, comm));
    if (msg[0]) PetscCall(TesseraIOWriteCtxDestroy_Private(w));
    PetscCheck(!msg[0], comm, PETSC_ERR_FILE_OPEN, "Cannot write HDF5 file %s: %s", name, msg);
    PetscCallMPI(MPI_Bcast(w->target, sizeof(w->target), MPI_CHAR, 0, comm));
    PetscCallMPI(MPI_Bcast(w->tmp, sizeof(w->tmp), MPI_CHAR, 0, comm));
    if (rank) TesseraIOListTmp_Private(w);
    PetscCall(PetscViewerHDF5Open(comm, w->tmp, FILE_MODE_WRITE, viewer));
    PetscCall(PetscContainerCreate(comm, &container));
    PetscCall(PetscContainerSetPointer(container, w));
    PetscCall(PetscContainerSetUserDestroy(container, TesseraIOWriteCtxDestroy_Private));
    PetscCall(PetscObjectCompose((PetscObject)*viewer, "TesseraIOWriteCtx", (PetscObject)container));
    PetscCall(PetscContainerDestroy(&container));
    PetscCall(TesseraGetVersion(version, sizeof(version)));
    PetscCall(PetscViewerHDF5WriteAttribute(*viewer, "/", "tessera_version", PETSC_STRING, version));
    PetscCall(PetscViewerHDF5WriteAttribute(*viewer, "/", "problem", PETSC_STRING, problem ? problem : ""));
    PetscCall(PetscOptionsGetAll(NULL, &options));
    PetscCall(PetscViewerHDF5WriteAttribute(*viewer, "/", "options", PETSC_STRING, options));
    PetscCall(PetscFree(options));
  } else if (mode == FILE_MODE_READ) {
    PetscBool has;

    PetscCall(TesseraIOCheckReadable_Private(comm, name));
    PetscCall(PetscViewerHDF5Open(comm, name, FILE_MODE_READ, viewer));
    TesseraIOCallQuiet(*viewer, "looking up attribute tessera_version on", "/", PetscViewerHDF5HasAttribute(*viewer, "/", "tessera_version", &has));
    if (!has) PetscCall(PetscViewerDestroy(viewer));
    PetscCheck(has, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s was not written by tessera: no root attribute tessera_version", name);
    if (problem) {
      char     *fproblem = NULL;
      PetscBool same;

      TesseraIOCallQuiet(*viewer, "looking up attribute problem on", "/", PetscViewerHDF5HasAttribute(*viewer, "/", "problem", &has));
      if (has) PetscCall(TesseraIOReadAttribute_Private(*viewer, "/", "problem", PETSC_STRING, &fproblem));
      PetscCall(PetscStrcmp(fproblem, problem, &same));
      if (!same) {
        char msg[PETSC_MAX_PATH_LEN];

        PetscCall(PetscStrncpy(msg, fproblem ? fproblem : "(none)", sizeof(msg)));
        PetscCall(PetscFree(fproblem));
        PetscCall(PetscViewerDestroy(viewer));
        SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s was written by problem '%s', expected problem '%s'", name, msg, problem);
      }
      PetscCall(PetscFree(fproblem));
    }
  } else SETERRQ(comm, PETSC_ERR_ARG_OUTOFRANGE, "TesseraIOOpen() supports FILE_MODE_WRITE and FILE_MODE_READ only");
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOGetFileName - Gets the name of the file behind a viewer from `TesseraIOOpen()`

  Not Collective

  Input Parameter:
. viewer - the viewer

  Output Parameter:
. name - the file name (for a file open for writing, the temporary "<name>.<random>.tmp"; do not free)

  Level: intermediate

.seealso: `TesseraIOOpen()`
@*/
PetscErrorCode TesseraIOGetFileName(PetscViewer viewer, const char **name)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  TesseraValidPointer(name, 2);
  PetscCall(PetscViewerFileGetName(viewer, name));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOClose - Closes a file opened by `TesseraIOOpen()`; a file open for writing is flushed, synced and
  atomically renamed to its final name, with the mode of the file it replaces (0666 & ~umask for a new file)

  Collective

  Input Parameter:
. viewer - the viewer, set to NULL on return

  Level: beginner

  Note:
  After `TesseraIOWriteXDMF()` the views of its time series are added to the file before the rename, and its XDMF
  file is written (also atomically) after it; so is the XDMF file of `TesseraIOWriteXDMFVolume()`.

.seealso: `TesseraIOOpen()`, `TesseraIOWriteXDMF()`, `TesseraIOWriteXDMFVolume()`
@*/
PetscErrorCode TesseraIOClose(PetscViewer *viewer)
{
  PetscFileMode      mode;
  PetscContainer     container;
  TesseraIOWriteCtx *w;
  MPI_Comm           comm;
  PetscMPIInt        rank;
  PetscContainer     xdmf, xvol;
  int                err = 0, xerr = 0;
  char               msg[PETSC_MAX_PATH_LEN + 256] = "", name[PETSC_MAX_PATH_LEN];

  PetscFunctionBegin;
  TesseraValidPointer(viewer, 1);
  if (!*viewer) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(*viewer, PETSC_VIEWER_CLASSID, 1);
  PetscCall(PetscViewerFileGetMode(*viewer, &mode));
  if (mode != FILE_MODE_WRITE) {
    PetscCall(PetscViewerDestroy(viewer));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscObjectQuery((PetscObject)*viewer, "TesseraIOWriteCtx", (PetscObject *)&container));
  PetscCheck(container, PetscObjectComm((PetscObject)*viewer), PETSC_ERR_ARG_WRONG, "Viewer was not opened for writing by TesseraIOOpen()");
  PetscCall(PetscContainerGetPointer(container, (void **)&w));
  PetscCall(PetscObjectReference((PetscObject)container)); /* keeps w (and rank 0's descriptor) past the viewer */
  PetscCall(PetscCommDuplicate(PetscObjectComm((PetscObject)*viewer), &comm, NULL));
  PetscCall(PetscViewerFlush(*viewer));
  PetscCall(PetscObjectQuery((PetscObject)*viewer, "TesseraIOXDMF", (PetscObject *)&xdmf));
  if (xdmf) PetscCall(PetscObjectReference((PetscObject)xdmf));
  PetscCall(PetscObjectQuery((PetscObject)*viewer, "TesseraIOXDMFVolume", (PetscObject *)&xvol));
  if (xvol) PetscCall(PetscObjectReference((PetscObject)xvol));
  PetscCall(PetscViewerDestroy(viewer)); /* closes the HDF5 file on every rank */
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    /* the views of an XDMF description go into the temporary file before it is committed, the .xmf after */
    if (xdmf && TesseraIOXDMFAddViews_Private(xdmf, w->tmp)) {
      xerr = -1;
      snprintf(msg, sizeof(msg), "HDF5 could not add the per-step views /xdmf/* of the XDMF description to %s; nothing committed", w->tmp);
      TesseraIODiscardTmp_Private(w);
      err = EIO;
    }
    if (!err) PetscCall(TesseraIOCommit_Private(w, &err, msg, sizeof(msg)));
    if (!err && xdmf) PetscCall(TesseraIOXDMFWriteFile_Private(xdmf, w->name, &xerr, msg, sizeof(msg)));
    if (!err && !xerr && xvol) PetscCall(TesseraIOXDMFWriteFile_Private(xvol, w->name, &xerr, msg, sizeof(msg)));
  }
  PetscCall(PetscContainerDestroy(&xdmf));
  PetscCall(PetscContainerDestroy(&xvol));
  {
    int e[2] = {err, xerr};

    PetscCallMPI(MPI_Bcast(e, 2, MPI_INT, 0, comm));
    err  = e[0];
    xerr = e[1];
  }
  PetscCallMPI(MPI_Bcast(msg, sizeof(msg), MPI_CHAR, 0, comm));
  PetscCall(PetscStrncpy(name, w->name, sizeof(name)));
  TesseraIOUnlistTmp_Private(w); /* committed or removed by rank 0 */
  PetscCall(PetscContainerDestroy(&container));
  PetscCall(PetscCommDestroy(&comm));
  PetscCheck(!err, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Could not commit HDF5 file %s: %s", name, msg);
  PetscCheck(!xerr, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "HDF5 file %s committed, but not its XDMF file: %s", name, msg);
  PetscFunctionReturn(0);
}

/* The absolute path "<group>/<name>" of an object in group (NULL or "" for the root group) */
static PetscErrorCode TesseraIOObjectPath_Private(const char group[], const char name[], char path[], size_t len)
{
  const char *g = group && group[0] ? group : "/";

  PetscFunctionBegin;
  PetscCall(PetscSNPrintf(path, len, "%s%s%s", g, g[strlen(g) - 1] == '/' ? "" : "/", name));
  PetscFunctionReturn(0);
}

static PetscErrorCode TesseraIOPushGroup_Private(PetscViewer viewer, const char group[])
{
  PetscFunctionBegin;
  PetscCall(PetscViewerHDF5PushGroup(viewer, group && group[0] ? group : "/"));
  PetscFunctionReturn(0);
}

/*
  Checksums. Every dataset written by TesseraIOWriteVec() (and so by TesseraIOWriteArray()) carries the string
  attribute "tessera_checksum" = "sum64-splitmix:<16 hex digits>", a 64-bit hash of its values in natural order:

    h = sum_i mix(bits(x_i) XOR mix(i + 1))   (mod 2^64)

  with i the natural (file) index of entry x_i, bits() the IEEE-754 bit pattern of the double and mix() the 64-bit
  finalizer of SplitMix64 (G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number generators",
  OOPSLA 2014), a bijection of 64-bit words. The sum is independent of the order of summation, hence of the
  number of ranks and of the parallel layout, and is computed with one pass over the local entries and one
  MPI_Allreduce. Since mix() is a bijection, a change of any single value (a flipped bit) always changes h; several
  changes go undetected with probability about 2^-64. The hash covers the values (as doubles), not the file's
  bytes, so it does not depend on the file's byte order. Time-series datasets (TesseraIOSetTimestep()) carry no
  checksum.
*/
#define TESSERA_IO_CHECKSUM_NAME   "tessera_checksum"
#define TESSERA_IO_CHECKSUM_PREFIX "sum64-splitmix:"

static inline uint64_t TesseraIOMix64_Private(uint64_t z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline uint64_t TesseraIOChecksumTerm_Private(PetscScalar x, PetscInt64 i)
{
  double   d = (double)PetscRealPart(x);
  uint64_t b;

  memcpy(&b, &d, sizeof(b));
  return TesseraIOMix64_Private(b ^ TesseraIOMix64_Private((uint64_t)i + 1));
}

/* The checksum of vec's values in natural order (that of a DMDA vector as written by PETSc), on every rank */
static PetscErrorCode TesseraIOVecChecksum_Private(Vec vec, uint64_t *sum)
{
  DM                 dm;
  PetscBool          isda = PETSC_FALSE;
  const PetscScalar *x;
  uint64_t           local = 0;
  PetscInt           n;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(TESSERA_IO_Checksum, vec, 0, 0, 0));
  PetscCall(VecGetDM(vec, &dm));
  if (dm) PetscCall(PetscObjectTypeCompare((PetscObject)dm, DMDA, &isda));
  PetscCall(VecGetLocalSize(vec, &n));
  PetscCall(VecGetArrayRead(vec, &x));
  if (isda) {
    PetscInt   M, N, dof, xs, ys, zs, xm, ym, zm;
    PetscInt64 l = 0;

    PetscCall(DMDAGetInfo(dm, NULL, &M, &N, NULL, NULL, NULL, NULL, &dof, NULL, NULL, NULL, NULL, NULL));
    PetscCall(DMDAGetCorners(dm, &xs, &ys, &zs, &xm, &ym, &zm));
    for (PetscInt64 k = zs; k < zs + zm; k++)
      for (PetscInt64 j = ys; j < ys + ym; j++)
        for (PetscInt64 i = xs; i < xs + xm; i++)
          for (PetscInt64 c = 0; c < dof; c++) local += TesseraIOChecksumTerm_Private(x[l++], ((k * N + j) * M + i) * dof + c);
    PetscCheck(l == n, PETSC_COMM_SELF, PETSC_ERR_PLIB, "DMDA corners cover %" PetscInt64_FMT " entries, the local vector has %" PetscInt_FMT, l, n);
  } else {
    PetscInt rstart;

    PetscCall(VecGetOwnershipRange(vec, &rstart, NULL));
    for (PetscInt i = 0; i < n; i++) local += TesseraIOChecksumTerm_Private(x[i], (PetscInt64)rstart + i);
  }
  PetscCall(VecRestoreArrayRead(vec, &x));
  PetscCallMPI(MPI_Allreduce(&local, sum, 1, MPI_UINT64_T, MPI_SUM, PetscObjectComm((PetscObject)vec)));
  PetscCall(PetscLogEventEnd(TESSERA_IO_Checksum, vec, 0, 0, 0));
  PetscFunctionReturn(0);
}

/* Writes the checksum attribute of dataset path, holding vec */
static PetscErrorCode TesseraIOWriteChecksum_Private(PetscViewer viewer, const char path[], Vec vec)
{
  uint64_t sum;
  char     str[64];

  PetscFunctionBegin;
  PetscCall(TesseraIOVecChecksum_Private(vec, &sum));
  PetscCall(PetscSNPrintf(str, sizeof(str), "%s%016llx", TESSERA_IO_CHECKSUM_PREFIX, (unsigned long long)sum));
  PetscCall(PetscViewerHDF5WriteAttribute(viewer, path, TESSERA_IO_CHECKSUM_NAME, PETSC_STRING, str));
  PetscFunctionReturn(0);
}

/* Verifies vec, just read from dataset path, against the dataset's checksum attribute; a dataset without one
   (written before checksums, or by another program) is accepted unless -io_require_checksum is given */
static PetscErrorCode TesseraIOVerifyChecksum_Private(PetscViewer viewer, const char path[], Vec vec)
{
  PetscBool   has;
  char       *stored = NULL, computed[64];
  const char *fname;
  uint64_t    sum;
  PetscBool   known, same;
  size_t      plen;
  MPI_Comm    comm = PetscObjectComm((PetscObject)viewer);

  PetscFunctionBegin;
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  TesseraIOCallQuiet(viewer, "looking up the checksum of", path, PetscViewerHDF5HasAttribute(viewer, path, TESSERA_IO_CHECKSUM_NAME, &has));
  if (!has) {
    PetscCheck(!io_require_checksum, comm, PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s has no checksum (attribute %s) and -io_require_checksum is set", path, fname, TESSERA_IO_CHECKSUM_NAME);
    PetscCall(PetscInfo(viewer, "Dataset %s in HDF5 file %s has no checksum: read unverified\n", path, fname));
    PetscFunctionReturn(0);
  }
  PetscCall(TesseraIOReadAttribute_Private(viewer, path, TESSERA_IO_CHECKSUM_NAME, PETSC_STRING, &stored));
  PetscCall(PetscStrlen(TESSERA_IO_CHECKSUM_PREFIX, &plen));
  PetscCall(PetscStrncmp(stored, TESSERA_IO_CHECKSUM_PREFIX, plen, &known));
  if (!known) {
    char msg[80];

    PetscCall(PetscStrncpy(msg, stored, sizeof(msg)));
    PetscCall(PetscFree(stored));
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s has a checksum of unknown kind '%s' (damaged attribute?)", path, fname, msg);
  }
  PetscCall(TesseraIOVecChecksum_Private(vec, &sum));
  PetscCall(PetscSNPrintf(computed, sizeof(computed), "%s%016llx", TESSERA_IO_CHECKSUM_PREFIX, (unsigned long long)sum));
  PetscCall(PetscStrcmp(stored, computed, &same));
  if (!same) {
    char msg[80];

    PetscCall(PetscStrncpy(msg, stored + plen, sizeof(msg)));
    PetscCall(PetscFree(stored));
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s fails its checksum (stored %s, computed %s): the data are damaged", path, fname, msg, computed + plen);
  }
  PetscCall(PetscFree(stored));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOWriteVec - Writes a Vec, under its object name, into a group of a tessera file

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()`
. group  - the group, e.g. "/solution" (NULL for the root group)
- vec    - the vector, named with `PetscObjectSetName()`

  Level: beginner

  Notes:
  A `DMDA` vector is written in natural ordering with its grid dimensions, so the file content does not depend
  on the number of MPI ranks. The dataset gets the attribute "tessera_checksum", a 64-bit hash of its values in
  natural order (also independent of the number of ranks), verified by `TesseraIOReadVec()`; -io_checksum 0 turns
  it off. Datasets of a time series (`TesseraIOSetTimestep()`) carry no checksum.

.seealso: `TesseraIOReadVec()`, `TesseraIOOpen()`
@*/
PetscErrorCode TesseraIOWriteVec(PetscViewer viewer, const char group[], Vec vec)
{
  const char *vname;
  PetscBool   ists;
  char        path[PETSC_MAX_PATH_LEN];

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidHeaderSpecific(vec, VEC_CLASSID, 3);
  PetscCall(PetscObjectGetName((PetscObject)vec, &vname));
  PetscCall(PetscLogEventBegin(TESSERA_IO_Write, viewer, vec, 0, 0));
  PetscCall(TesseraIOPushGroup_Private(viewer, group));
  PetscCall(VecView(vec, viewer));
  PetscCall(PetscViewerHDF5PopGroup(viewer));
  PetscCall(PetscViewerHDF5IsTimestepping(viewer, &ists));
  PetscCall(TesseraIOObjectPath_Private(group, vname, path, sizeof(path)));
  if (io_checksum && !ists) PetscCall(TesseraIOWriteChecksum_Private(viewer, path, vec));
  PetscCall(PetscLogEventEnd(TESSERA_IO_Write, viewer, vec, 0, 0));
  if (++io_vec_writes == io_kill_during_write) {
    /* testing hook (-io_kill_during_write N): die in the middle of a file write, with part of it on disk */
    PetscCall(PetscViewerFlush(viewer));
    PetscCall(PetscPrintf(PetscObjectComm((PetscObject)viewer), "tessera io: killing the process during write number %" PetscInt_FMT " (-io_kill_during_write)\n", io_vec_writes));
    (void)raise(SIGKILL);
  }
  /* testing hook (-io_error_during_write N): an error in the middle of a file write; the run ends by this error */
  PetscCheck(io_vec_writes != io_error_during_write, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_WRITE, "tessera io: error raised during write number %" PetscInt_FMT " (-io_error_during_write)", io_vec_writes);
  PetscFunctionReturn(0);
}

/* What TesseraIOCheckDataset_Private() found out about a dataset */
typedef struct {
  char       path[PETSC_MAX_PATH_LEN]; /* absolute path of the dataset */
  int        ndims;                    /* rank, without the leading time dimension when timestepping */
  PetscInt64 dims[H5S_MAX_RANK];       /* dimensions, without the time dimension */
  PetscInt64 N;                        /* number of entries (per time step when timestepping) */
} TesseraIODataset;

/* Formats dims as "a x b x c" */
static PetscErrorCode TesseraIOFormatDims_Private(int ndims, const PetscInt64 dims[], char str[], size_t len)
{
  PetscFunctionBegin;
  str[0] = 0;
  for (int d = 0; d < ndims; d++) {
    char one[32];

    PetscCall(PetscSNPrintf(one, sizeof(one), "%s%" PetscInt64_FMT, d ? " x " : "", dims[d]));
    PetscCall(PetscStrlcat(str, one, len));
  }
  if (!ndims) PetscCall(PetscStrncpy(str, "scalar", len));
  PetscFunctionReturn(0);
}

/*
  Checks that group/dname exists, holds floating-point values and has a readable simple dataspace (and, when
  timestepping, holds the current step); returns its path, shape and number of entries, counted in 64 bits so
  that a declared size beyond PetscInt is reported, never truncated.
*/
static PetscErrorCode TesseraIOCheckDataset_Private(PetscViewer viewer, const char group[], const char dname[], TesseraIODataset *ds)
{
  PetscBool      has, ists;
  const char    *fname, *g = group && group[0] ? group : "/";
  char           why[256] = "";
  hid_t          fid, did, sid = -1, tid = -1;
  hsize_t        dims[H5S_MAX_RANK];
  int            ndims = -1;
  PetscInt       step  = 0;
  TesseraIOQuiet q;

  PetscFunctionBegin;
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(TesseraIOObjectPath_Private(group, dname, ds->path, sizeof(ds->path)));
  PetscCall(TesseraIOPushGroup_Private(viewer, group));
  TesseraIOCallQuiet(viewer, "looking up dataset", ds->path, PetscViewerHDF5HasDataset(viewer, dname, &has));
  PetscCall(PetscViewerHDF5PopGroup(viewer));
  PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s has no dataset %s in group %s", fname, dname, g);
  PetscCall(PetscViewerHDF5IsTimestepping(viewer, &ists));
  if (ists) PetscCall(PetscViewerHDF5GetTimestep(viewer, &step));
  PetscCall(PetscViewerHDF5GetFileId(viewer, &fid));
  TesseraIOQuietBegin_Private(&q);
  did = H5Dopen2(fid, ds->path, H5P_DEFAULT);
  if (did < 0) PetscCall(PetscSNPrintf(why, sizeof(why), "cannot be opened"));
  else if ((sid = H5Dget_space(did)) < 0 || (tid = H5Dget_type(did)) < 0) PetscCall(PetscSNPrintf(why, sizeof(why), "has an unreadable dataspace or datatype"));
  else if (H5Tget_class(tid) != H5T_FLOAT) PetscCall(PetscSNPrintf(why, sizeof(why), "is of HDF5 type class %s, expected floating-point values", TesseraIOTypeClassName_Private(H5Tget_class(tid))));
  else if (H5Sget_simple_extent_type(sid) != H5S_SIMPLE || (ndims = H5Sget_simple_extent_ndims(sid)) < 1 || H5Sget_simple_extent_dims(sid, dims, NULL) != ndims) PetscCall(PetscSNPrintf(why, sizeof(why), "has no simple dataspace of rank >= 1"));
  if (tid >= 0) (void)H5Tclose(tid);
  if (sid >= 0) (void)H5Sclose(sid);
  if (did >= 0) (void)H5Dclose(did); /* closed before any error below, so a failed check leaks no HDF5 handle */
  TesseraIOQuietEnd_Private(&q);
  PetscCheck(!why[0], PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s: %s", ds->path, fname, why);
  PetscCheck(!ists || ndims >= 2, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s is not a time series (rank %d)", ds->path, fname, ndims);
  PetscCheck(!ists || (hsize_t)step < dims[0], PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s holds %llu time steps, step %" PetscInt_FMT " was asked for", ds->path, fname, (unsigned long long)dims[0],
             step);
  ds->ndims = ists ? ndims - 1 : ndims;
  ds->N     = 1;
  for (int d = 0; d < ds->ndims; d++) {
    hsize_t n = dims[d + (ists ? 1 : 0)];

    PetscCheck(n <= (hsize_t)INT64_MAX && (n == 0 || (hsize_t)ds->N <= (hsize_t)INT64_MAX / n), PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s declares more than 2^63 entries", ds->path, fname);
    ds->dims[d] = (PetscInt64)n;
    ds->N *= (PetscInt64)n;
  }
  PetscFunctionReturn(0);
}

/* The shape a DMDA vector is written in by PETSc (natural ordering: [P,] [N,] M [, dof]); 0 dims if vec has no DMDA */
static PetscErrorCode TesseraIODMDAShape_Private(Vec vec, int *ndims, PetscInt64 dims[])
{
  DM        dm;
  PetscBool isda;
  PetscInt  dim, M, N, P, dof;

  PetscFunctionBegin;
  *ndims = 0;
  PetscCall(VecGetDM(vec, &dm));
  if (!dm) PetscFunctionReturn(0);
  PetscCall(PetscObjectTypeCompare((PetscObject)dm, DMDA, &isda));
  if (!isda) PetscFunctionReturn(0);
  PetscCall(DMDAGetInfo(dm, &dim, &M, &N, &P, NULL, NULL, NULL, &dof, NULL, NULL, NULL, NULL, NULL));
  if (dim == 3) dims[(*ndims)++] = P;
  if (dim >= 2) dims[(*ndims)++] = N;
  dims[(*ndims)++] = M;
  if (dof > 1) dims[(*ndims)++] = dof;
  PetscFunctionReturn(0);
}

static PetscErrorCode TesseraIOCheckFinite_Private(PetscViewer viewer, const char group[], Vec vec)
{
  PetscReal   nrm;
  const char *fname, *vname;

  PetscFunctionBegin;
  PetscCall(VecNorm(vec, NORM_1, &nrm));
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(PetscObjectGetName((PetscObject)vec, &vname));
  PetscCheck(!PetscIsInfOrNanReal(nrm), PetscObjectComm((PetscObject)viewer), PETSC_ERR_FP, "Dataset %s/%s in HDF5 file %s contains NaN or Inf", group && group[0] ? group : "", vname, fname);
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOReadVec - Reads a Vec, by its object name, from a group of a tessera file, with validation

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()` in `FILE_MODE_READ`
. group  - the group (NULL for the root group)
- vec    - the vector, named with `PetscObjectSetName()`, with the expected layout (and `DM`, if any)

  Level: beginner

  Notes:
  Raises an error naming the file and the dataset if the dataset is missing, is not of floating-point type, has
  another global size than the vector (sizes counted in 64 bits), has another grid shape than the vector's `DMDA`,
  cannot be read (damaged file), fails its checksum, or contains NaN or Inf. A dataset without checksum (written
  before tessera wrote checksums, or by another program) is read unverified unless -io_require_checksum is given.

.seealso: `TesseraIOWriteVec()`, `TesseraIOOpen()`
@*/
PetscErrorCode TesseraIOReadVec(PetscViewer viewer, const char group[], Vec vec)
{
  const char      *vname, *fname;
  PetscInt         n;
  TesseraIODataset ds;
  PetscInt64       shape[4];
  int              nshape;
  PetscBool        ists;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidHeaderSpecific(vec, VEC_CLASSID, 3);
  PetscCall(PetscObjectGetName((PetscObject)vec, &vname));
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(TesseraIOCheckDataset_Private(viewer, group, vname, &ds));
  PetscCall(VecGetSize(vec, &n));
  PetscCheck(ds.N == (PetscInt64)n, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s has %" PetscInt64_FMT " entries, expected %" PetscInt_FMT, ds.path, fname, ds.N, n);
  PetscCall(TesseraIODMDAShape_Private(vec, &nshape, shape));
  if (nshape) {
    PetscBool same = (PetscBool)(nshape == ds.ndims);
    char      have[256], want[256];

    for (int d = 0; same && d < nshape; d++) same = (PetscBool)(shape[d] == ds.dims[d]);
    PetscCall(TesseraIOFormatDims_Private(ds.ndims, ds.dims, have, sizeof(have)));
    PetscCall(TesseraIOFormatDims_Private(nshape, shape, want, sizeof(want)));
    PetscCheck(same, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s has shape %s, expected %s (the grid of this run, slowest index first)", ds.path, fname, have, want);
  }
  PetscCall(PetscLogEventBegin(TESSERA_IO_Read, viewer, vec, 0, 0));
  PetscCall(TesseraIOPushGroup_Private(viewer, group));
  TesseraIOCallQuiet(viewer, "reading dataset", ds.path, VecLoad(vec, viewer));
  PetscCall(PetscViewerHDF5PopGroup(viewer));
  PetscCall(PetscViewerHDF5IsTimestepping(viewer, &ists));
  if (!ists) PetscCall(TesseraIOVerifyChecksum_Private(viewer, ds.path, vec));
  PetscCall(PetscLogEventEnd(TESSERA_IO_Read, viewer, vec, 0, 0));
  PetscCall(TesseraIOCheckFinite_Private(viewer, group, vec));
  PetscFunctionReturn(0);
}

/* A Vec on the viewer's communicator whose entries all live on rank 0 */
static PetscErrorCode TesseraIOCreateRootVec_Private(PetscViewer viewer, const char name[], PetscInt n, Vec *v)
{
  PetscMPIInt rank;
  MPI_Comm    comm = PetscObjectComm((PetscObject)viewer);

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(VecCreateMPI(comm, rank ? 0 : n, n, v));
  PetscCall(PetscObjectSetName((PetscObject)*v, name));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOWriteArray - Writes a replicated array of reals (a history, a table column) as a dataset

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()`
. group  - the group (NULL for the root group)
. name   - the dataset name
. n      - the length, the same on every rank
- a      - the values (those of rank 0 are written)

  Level: beginner

.seealso: `TesseraIOReadArray()`, `TesseraIOWriteVec()`
@*/
PetscErrorCode TesseraIOWriteArray(PetscViewer viewer, const char group[], const char name[], PetscInt n, const PetscReal a[])
{
  Vec          v;
  PetscScalar *x;
  PetscInt     nloc;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  if (n) PetscValidRealPointer(a, 5);
  PetscCheck(n >= 0, PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_OUTOFRANGE, "Array length %" PetscInt_FMT " must be nonnegative", n);
  PetscCall(TesseraIOCreateRootVec_Private(viewer, name, n, &v));
  PetscCall(VecGetLocalSize(v, &nloc));
  PetscCall(VecGetArrayWrite(v, &x));
  for (PetscInt i = 0; i < nloc; i++) x[i] = a[i];
  PetscCall(VecRestoreArrayWrite(v, &x));
  PetscCall(TesseraIOWriteVec(viewer, group, v));
  PetscCall(VecDestroy(&v));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOGetArraySize - Gets the length of a dataset written by `TesseraIOWriteArray()`

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()` in `FILE_MODE_READ`
. group  - the group (NULL for the root group)
- name   - the dataset name

  Output Parameter:
. n - the number of entries

  Level: beginner

.seealso: `TesseraIOReadArray()`
@*/
PetscErrorCode TesseraIOGetArraySize(PetscViewer viewer, const char group[], const char name[], PetscInt *n)
{
  TesseraIODataset ds;
  const char      *fname;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  PetscValidIntPointer(n, 4);
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(TesseraIOCheckDataset_Private(viewer, group, name, &ds));
  PetscCheck(ds.N <= (PetscInt64)PETSC_MAX_INT, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s in HDF5 file %s declares %" PetscInt64_FMT " entries, more than a PetscInt can count", ds.path, fname, ds.N);
  *n = (PetscInt)ds.N;
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOReadArray - Reads a dataset of reals of known length into an array replicated on every rank

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()` in `FILE_MODE_READ`
. group  - the group (NULL for the root group)
. name   - the dataset name
- n      - the expected length

  Output Parameter:
. a - the values, on every rank

  Level: beginner

.seealso: `TesseraIOWriteArray()`, `TesseraIOGetArraySize()`
@*/
PetscErrorCode TesseraIOReadArray(PetscViewer viewer, const char group[], const char name[], PetscInt n, PetscReal a[])
{
  Vec                v, vall;
  VecScatter         scatter;
  const PetscScalar *x;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  PetscCheck(n >= 0, PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_OUTOFRANGE, "Array length %" PetscInt_FMT " must be nonnegative", n);
  if (n) PetscValidRealPointer(a, 5);
  PetscCall(TesseraIOCreateRootVec_Private(viewer, name, n, &v));
  PetscCall(TesseraIOReadVec(viewer, group, v));
  PetscCall(VecScatterCreateToAll(v, &scatter, &vall));
  PetscCall(VecScatterBegin(scatter, v, vall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(scatter, v, vall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetArrayRead(vall, &x));
  for (PetscInt i = 0; i < n; i++) a[i] = PetscRealPart(x[i]);
  PetscCall(VecRestoreArrayRead(vall, &x));
  PetscCall(VecScatterDestroy(&scatter));
  PetscCall(VecDestroy(&vall));
  PetscCall(VecDestroy(&v));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOWriteAttribute - Writes a real, integer, boolean or string attribute on a group or dataset

  Collective

  Input Parameters:
+ viewer   - the viewer from `TesseraIOOpen()`
. obj      - absolute path of the group or dataset ("/" or NULL for the root group); a missing group is created
. name     - the attribute name
. datatype - `PETSC_REAL`, `PETSC_INT`, `PETSC_BOOL` or `PETSC_STRING`
- value    - pointer to the value (for `PETSC_STRING`, the string itself)

  Level: beginner

.seealso: `TesseraIOReadAttribute()`
@*/
PetscErrorCode TesseraIOWriteAttribute(PetscViewer viewer, const char obj[], const char name[], PetscDataType datatype, const void *value)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  TesseraValidPointer(value, 5);
  PetscCall(PetscViewerHDF5WriteAttribute(viewer, obj && obj[0] ? obj : "/", name, datatype, value));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOHasAttribute - Tells whether a group or dataset carries an attribute

  Collective

  Input Parameters:
+ viewer - the viewer
. obj    - absolute path of the group or dataset (NULL for the root group)
- name   - the attribute name

  Output Parameter:
. has - whether it exists

  Level: intermediate

.seealso: `TesseraIOReadAttribute()`
@*/
PetscErrorCode TesseraIOHasAttribute(PetscViewer viewer, const char obj[], const char name[], PetscBool *has)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  PetscValidBoolPointer(has, 4);
  TesseraIOCallQuiet(viewer, "looking up an attribute on", obj && obj[0] ? obj : "/", PetscViewerHDF5HasAttribute(viewer, obj && obj[0] ? obj : "/", name, has));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOHasDataset - Tells whether a group holds a dataset

  Collective

  Input Parameters:
+ viewer - the viewer
. group  - the group (NULL for the root group)
- name   - the dataset name

  Output Parameter:
. has - whether it exists

  Level: intermediate

.seealso: `TesseraIOReadVec()`
@*/
PetscErrorCode TesseraIOHasDataset(PetscViewer viewer, const char group[], const char name[], PetscBool *has)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  PetscValidBoolPointer(has, 4);
  PetscCall(TesseraIOPushGroup_Private(viewer, group));
  PetscCall(PetscViewerHDF5HasDataset(viewer, name, has));
  PetscCall(PetscViewerHDF5PopGroup(viewer));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOReadAttribute - Reads a required attribute, with an error naming the file if it is missing or not finite

  Collective

  Input Parameters:
+ viewer   - the viewer from `TesseraIOOpen()` in `FILE_MODE_READ`
. obj      - absolute path of the group or dataset (NULL for the root group)
. name     - the attribute name
- datatype - `PETSC_REAL`, `PETSC_INT`, `PETSC_BOOL` or `PETSC_STRING`

  Output Parameter:
. value - the value (for `PETSC_STRING`, a `char **` that receives a string to free with `PetscFree()`)

  Level: beginner

.seealso: `TesseraIOWriteAttribute()`
@*/
PetscErrorCode TesseraIOReadAttribute(PetscViewer viewer, const char obj[], const char name[], PetscDataType datatype, void *value)
{
  PetscBool   has;
  const char *fname, *path = obj && obj[0] ? obj : "/";

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  TesseraValidPointer(value, 5);
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  TesseraIOCallQuiet(viewer, "looking up an attribute on", path, PetscViewerHDF5HasAttribute(viewer, path, name, &has));
  PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s has no attribute %s on %s", fname, name, path);
  PetscCall(TesseraIOReadAttribute_Private(viewer, path, name, datatype, value));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOSetTimestep - Makes the following Vec writes and reads address one step of a time series

  Collective

  Input Parameters:
+ viewer - the viewer
- step   - the step index (0, 1, ...), or -1 to end time-series access

  Level: intermediate

  Notes:
  Uses PETSc's HDF5 timestepping: datasets gain a leading time dimension.

.seealso: `TesseraIOWriteVec()`
@*/
PetscErrorCode TesseraIOSetTimestep(PetscViewer viewer, PetscInt step)
{
  PetscBool ists;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscCall(PetscViewerHDF5IsTimestepping(viewer, &ists));
  if (step < 0) {
    if (ists) PetscCall(PetscViewerHDF5PopTimestepping(viewer));
    PetscFunctionReturn(0);
  }
  if (!ists) PetscCall(PetscViewerHDF5PushTimestepping(viewer));
  PetscCall(PetscViewerHDF5SetTimestep(viewer, step));
  PetscFunctionReturn(0);
}

/* Checks the arguments of TesseraIOWrite/CheckParameters() and returns the group of the parameters, "<group>/parameters" */
static PetscErrorCode TesseraIOParameterArgs_Private(PetscViewer viewer, const char group[], PetscInt n, const char *const names[], const PetscReal values[], char pgroup[], size_t len)
{
  PetscFunctionBegin;
  PetscCheck(n >= 0, PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_OUTOFRANGE, "Number of parameters %" PetscInt_FMT " must be nonnegative", n);
  if (n) {
    TesseraValidPointer(names, 4);
    PetscValidRealPointer(values, 5);
  }
  for (PetscInt i = 0; i < n; i++) PetscCheck(names[i] && names[i][0], PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_NULL, "Parameter %" PetscInt_FMT " has no name", i);
  PetscCall(TesseraIOObjectPath_Private(group, "parameters", pgroup, len));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOWriteParameters - Writes the parameters that define a stored state (grid sizes, model constants), so
  that a later read can check them with `TesseraIOCheckParameters()`

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()` in `FILE_MODE_WRITE`
. group  - the group of the state, e.g. "/checkpoint"; the parameters go to the group "<group>/parameters"
. n      - the number of parameters
. names  - their names (valid HDF5 attribute names, e.g. "grid_x", "D1")
- values - their values; integers are passed as reals (exact up to 2^53)

  Level: intermediate

.seealso: `TesseraIOCheckParameters()`, `TesseraIOWriteTimeState()`
@*/
PetscErrorCode TesseraIOWriteParameters(PetscViewer viewer, const char group[], PetscInt n, const char *const names[], const PetscReal values[])
{
  char pgroup[PETSC_MAX_PATH_LEN];

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscCall(TesseraIOParameterArgs_Private(viewer, group, n, names, values, pgroup, sizeof(pgroup)));
  for (PetscInt i = 0; i < n; i++) {
    PetscCheck(!PetscIsInfOrNanReal(values[i]), PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_OUTOFRANGE, "Parameter %s = %g is not finite", names[i], (double)values[i]);
    PetscCall(PetscViewerHDF5WriteAttribute(viewer, pgroup, names[i], PETSC_REAL, &values[i]));
  }
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOCheckParameters - Checks that a stored state was written with the parameters of this run

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()` in `FILE_MODE_READ`
. group  - the group of the state, e.g. "/checkpoint"
. n      - the number of parameters
. names  - their names, as given to `TesseraIOWriteParameters()`
. values - the values of this run
- rtol   - relative tolerance of the comparison (0: equal bit for bit, the right choice for grid sizes and for
           values from the same option string)

  Level: intermediate

  Notes:
  Raises `PETSC_ERR_FILE_UNEXPECTED` naming the file and the first parameter that is missing from the file or
  differs by more than rtol*max(|stored|, |current|), with both values.

.seealso: `TesseraIOWriteParameters()`, `TesseraIOReadTimeState()`
@*/
PetscErrorCode TesseraIOCheckParameters(PetscViewer viewer, const char group[], PetscInt n, const char *const names[], const PetscReal values[], PetscReal rtol)
{
  char        pgroup[PETSC_MAX_PATH_LEN];
  const char *fname;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscCall(TesseraIOParameterArgs_Private(viewer, group, n, names, values, pgroup, sizeof(pgroup)));
  PetscCheck(rtol >= 0 && rtol < 1, PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_OUTOFRANGE, "Relative tolerance %g must be in [0, 1)", (double)rtol);
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  for (PetscInt i = 0; i < n; i++) {
    PetscBool has;
    PetscReal stored;

    PetscCall(TesseraIOHasAttribute(viewer, pgroup, names[i], &has));
    PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s does not record parameter %s (no attribute %s on %s): it cannot be checked against this run", fname, names[i], names[i], pgroup);
    PetscCall(TesseraIOReadAttribute_Private(viewer, pgroup, names[i], PETSC_REAL, &stored));
    PetscCheck(PetscAbsReal(stored - values[i]) <= rtol * PetscMax(PetscAbsReal(stored), PetscAbsReal(values[i])), PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED,
               "HDF5 file %s was written with parameter %s = %.17g, this run has %.17g", fname, names[i], (double)stored, (double)values[i]);
  }
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOCheckString - Checks that a string attribute of a stored state (a solver type, a model name) has the value
  of this run

  Collective

  Input Parameters:
+ viewer   - the viewer from `TesseraIOOpen()` in `FILE_MODE_READ`
. obj      - absolute path of the group or dataset that carries the attribute
. name     - the attribute name, e.g. "solver"
- expected - the value of this run

  Level: intermediate

  Notes:
  Raises `PETSC_ERR_FILE_UNEXPECTED` naming the file, the attribute and both values if they differ, or if the
  attribute is missing.

.seealso: `TesseraIOCheckParameters()`, `TesseraIOWriteAttribute()`
@*/
PetscErrorCode TesseraIOCheckString(PetscViewer viewer, const char obj[], const char name[], const char expected[])
{
  char       *stored = NULL, msg[PETSC_MAX_PATH_LEN];
  const char *fname, *path = obj && obj[0] ? obj : "/";
  PetscBool   has, same;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  PetscValidCharPointer(expected, 4);
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(TesseraIOHasAttribute(viewer, path, name, &has));
  PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s does not record %s (no attribute %s on %s): it was not written for this run's '%s'", fname, name, name, path, expected);
  PetscCall(TesseraIOReadAttribute_Private(viewer, path, name, PETSC_STRING, &stored));
  PetscCall(PetscStrcmp(stored, expected, &same));
  PetscCall(PetscStrncpy(msg, stored ? stored : "", sizeof(msg)));
  PetscCall(PetscFree(stored));
  PetscCheck(same, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s was written with %s '%s', this run has %s '%s'", fname, name, msg, name, expected);
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOWriteTimeState - Writes the time, time step and step number of a `TS` as attributes "time",
  "time_step" and "step" of a group, so that `TesseraIOReadTimeState()` can resume the integration

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()` in `FILE_MODE_WRITE`
. group  - the group of the state, e.g. "/checkpoint"
- ts     - the time integrator

  Level: intermediate

.seealso: `TesseraIOReadTimeState()`, `TesseraIOWriteParameters()`
@*/
PetscErrorCode TesseraIOWriteTimeState(PetscViewer viewer, const char group[], TS ts)
{
  PetscReal   t, dt;
  PetscInt    step;
  const char *g = group && group[0] ? group : "/";

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidHeaderSpecific(ts, TS_CLASSID, 3);
  PetscCall(TSGetTime(ts, &t));
  PetscCall(TSGetTimeStep(ts, &dt));
  PetscCall(TSGetStepNumber(ts, &step));
  PetscCall(PetscViewerHDF5WriteAttribute(viewer, g, "time", PETSC_REAL, &t));
  PetscCall(PetscViewerHDF5WriteAttribute(viewer, g, "time_step", PETSC_REAL, &dt));
  PetscCall(PetscViewerHDF5WriteAttribute(viewer, g, "step", PETSC_INT, &step));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOReadTimeState - Reads the time, time step and step number written by `TesseraIOWriteTimeState()`,
  checks that they are plausible for this run, and sets them on the `TS`

  Collective

  Input Parameters:
+ viewer - the viewer from `TesseraIOOpen()` in `FILE_MODE_READ`
. group  - the group of the state
- ts     - the time integrator, configured for this run (initial time, `-ts_max_time`, `-ts_max_steps`)

  Output Parameters:
+ step - the step number read (or NULL)
- time - the time read (or NULL)

  Level: intermediate

  Notes:
  Raises `PETSC_ERR_FILE_UNEXPECTED` naming the file unless: time, time step finite (checked by the reader);
  t0 <= time <= the final time of the run (t0 the `TS`'s time on entry); 0 < time step <= final time - t0;
  0 <= step < the maximum number of steps; step = 0 exactly when time = t0.

.seealso: `TesseraIOWriteTimeState()`, `TesseraIOCheckParameters()`
@*/
PetscErrorCode TesseraIOReadTimeState(PetscViewer viewer, const char group[], TS ts, PetscInt *step, PetscReal *time)
{
  PetscReal   t, dt, t0, tmax;
  PetscInt    s, smax;
  const char *fname, *g = group && group[0] ? group : "/";
  MPI_Comm    comm = PetscObjectComm((PetscObject)viewer);

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidHeaderSpecific(ts, TS_CLASSID, 3);
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(TesseraIOReadAttribute(viewer, g, "time", PETSC_REAL, &t));
  PetscCall(TesseraIOReadAttribute(viewer, g, "time_step", PETSC_REAL, &dt));
  PetscCall(TesseraIOReadAttribute(viewer, g, "step", PETSC_INT, &s));
  PetscCall(TSGetTime(ts, &t0));
  PetscCall(TSGetMaxTime(ts, &tmax));
  PetscCall(TSGetMaxSteps(ts, &smax));
  PetscCheck(t >= t0 && t <= tmax + 1e-12 * PetscMax(1.0, PetscAbsReal(tmax)), comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: stored time %g on %s is outside this run's interval [%g, %g] (initial time, -ts_max_time)", fname, (double)t, g,
             (double)t0, (double)tmax);
  PetscCheck(dt > 0 && (tmax <= t0 || PetscIsInfReal(tmax) || dt <= tmax - t0), comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: stored time step %g on %s is not in (0, %g] (the length of this run's interval)", fname, (double)dt, g,
             (double)(tmax - t0));
  PetscCheck(s >= 0 && s < smax, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: stored step number %" PetscInt_FMT " on %s is not in [0, %" PetscInt_FMT ") (-ts_max_steps)", fname, s, g, smax);
  PetscCheck((s == 0) == (t == t0), comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: stored step number %" PetscInt_FMT " and time %g on %s are inconsistent (step 0 is the initial time %g)", fname, s, (double)t, g, (double)t0);
  PetscCall(TSSetTime(ts, t));
  PetscCall(TSSetStepNumber(ts, s));
  PetscCall(TSSetTimeStep(ts, dt));
  if (step) *step = s;
  if (time) *time = t;
  PetscFunctionReturn(0);
}
