/*I "tessera.h" I*/
/*
   io.c - HDF5 checkpoint and results layer on PetscViewerHDF5.

   Layout of a tessera file: root attributes tessera_version, problem, options (the options database of the
   run) and the headline figures of the run; named Vecs and arrays in groups (/solution, /checkpoint,
   /history).

   Atomic writes: the data go to "<name>.tmp"; TesseraIOClose() flushes and closes it, fsyncs it, renames it
   over <name> (rename(2) is atomic on POSIX file systems) and fsyncs the directory. A process killed at any
   point before the rename leaves the previous <name> untouched.
*/
#include <tesseraimpl.h>
#include <tesseraio.h>
#include <petscviewerhdf5.h>
#include <hdf5.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>

#define TESSERA_IO_TMP_SUFFIX ".tmp"

static PetscLogEvent TESSERA_IO_Write, TESSERA_IO_Read;
static PetscInt      io_kill_during_write = -1; /* testing hook: raise SIGKILL after this many Vec writes */
static PetscInt      io_vec_writes        = 0;

static PetscBool    TesseraIOPackageInitialized = PETSC_FALSE;
static PetscClassId TESSERA_IO_CLASSID;

static PetscErrorCode TesseraIOFinalizePackage(void)
{
  PetscFunctionBegin;
  TesseraIOPackageInitialized = PETSC_FALSE;
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
  PetscFunctionBegin;
  if (TesseraIOPackageInitialized) PetscFunctionReturn(0);
  TesseraIOPackageInitialized = PETSC_TRUE;
  PetscCall(PetscClassIdRegister("TesseraIO", &TESSERA_IO_CLASSID));
  PetscCall(PetscLogEventRegister("TesseraIOWrite", TESSERA_IO_CLASSID, &TESSERA_IO_Write));
  PetscCall(PetscLogEventRegister("TesseraIORead", TESSERA_IO_CLASSID, &TESSERA_IO_Read));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-io_kill_during_write", &io_kill_during_write, NULL));
  io_vec_writes = 0;
  PetscCall(TesseraPackageInitialize_Private("tesseraio", 1, &TESSERA_IO_CLASSID, TesseraIOFinalizePackage));
  PetscFunctionReturn(0);
}

/* Checks on rank 0 that name is a readable, complete HDF5 file; the verdict is shared by all ranks */
static PetscErrorCode TesseraIOCheckReadable_Private(MPI_Comm comm, const char name[])
{
  PetscMPIInt rank;
  int         status = 0; /* 0 ok, 1 missing, 2 not HDF5, 3 truncated or corrupt, 4 HDF5 error handler failed */

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    PetscBool exists;

    PetscCall(PetscTestFile(name, 'r', &exists));
    if (!exists) status = 1;
    else {
      H5E_auto2_t func;
      void       *data;
      htri_t      ishdf5;

      /* silence HDF5's own error stack printing while probing; a failure is a status, not an error raised on
         rank 0 alone, so that every rank reaches the broadcast below */
      if (H5Eget_auto2(H5E_DEFAULT, &func, &data) < 0 || H5Eset_auto2(H5E_DEFAULT, NULL, NULL) < 0) status = 4;
      else {
        ishdf5 = H5Fis_hdf5(name);
        if (ishdf5 <= 0) status = 2;
        else {
          hid_t fid = H5Fopen(name, H5F_ACC_RDONLY, H5P_DEFAULT);

          if (fid < 0 || H5Fclose(fid) < 0) status = 3;
        }
        if (H5Eset_auto2(H5E_DEFAULT, func, data) < 0) status = 4;
      }
    }
  }
  PetscCallMPI(MPI_Bcast(&status, 1, MPI_INT, 0, comm));
  PetscCheck(status != 1, comm, PETSC_ERR_FILE_OPEN, "Cannot open HDF5 file %s: file does not exist or is not readable", name);
  PetscCheck(status != 2, comm, PETSC_ERR_FILE_UNEXPECTED, "File %s is not an HDF5 file", name);
  PetscCheck(status != 3, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s is truncated or corrupt: HDF5 cannot open it", name);
  PetscCheck(status != 4, comm, PETSC_ERR_LIB, "HDF5 could not switch its error printing while probing %s", name);
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

/* Checks on rank 0 that the directory of name exists and is writable */
static PetscErrorCode TesseraIOCheckWritable_Private(MPI_Comm comm, const char name[])
{
  PetscMPIInt rank;
  PetscBool   ok = PETSC_TRUE;
  char        dir[PETSC_MAX_PATH_LEN];

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCall(TesseraIODirName_Private(name, dir, sizeof(dir)));
  if (rank == 0) PetscCall(PetscTestDirectory(dir, 'w', &ok));
  PetscCallMPI(MPI_Bcast(&ok, 1, MPIU_BOOL, 0, comm));
  PetscCheck(ok, comm, PETSC_ERR_FILE_OPEN, "Cannot write HDF5 file %s: directory %s does not exist or is not writable", name, dir);
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
  In `FILE_MODE_WRITE` the data go to "<name>.tmp", and the root attributes tessera_version, problem and
  options (the options database) are written at once. `TesseraIOClose()` renames the file to its name, so a
  process killed during a write leaves a previous file of that name intact.

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
    char   tmpname[PETSC_MAX_PATH_LEN], version[64], *options = NULL;
    size_t len;

    PetscCall(PetscStrlen(name, &len));
    PetscCheck(len + sizeof(TESSERA_IO_TMP_SUFFIX) < sizeof(tmpname), comm, PETSC_ERR_ARG_SIZ, "File name %s is too long", name);
    PetscCall(PetscSNPrintf(tmpname, sizeof(tmpname), "%s%s", name, TESSERA_IO_TMP_SUFFIX));
    PetscCall(TesseraIOCheckWritable_Private(comm, name));
    PetscCall(PetscViewerHDF5Open(comm, tmpname, FILE_MODE_WRITE, viewer));
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
    PetscCall(PetscViewerHDF5HasAttribute(*viewer, "/", "tessera_version", &has));
    if (!has) PetscCall(PetscViewerDestroy(viewer));
    PetscCheck(has, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s was not written by tessera: no root attribute tessera_version", name);
    if (problem) {
      char     *fproblem = NULL;
      PetscBool same;

      PetscCall(PetscViewerHDF5HasAttribute(*viewer, "/", "problem", &has));
      if (has) PetscCall(PetscViewerHDF5ReadAttribute(*viewer, "/", "problem", PETSC_STRING, NULL, &fproblem));
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
. name - the file name (for a file open for writing, the temporary "<name>.tmp"; do not free)

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
  atomically renamed to its final name

  Collective

  Input Parameter:
. viewer - the viewer, set to NULL on return

  Level: beginner

.seealso: `TesseraIOOpen()`
@*/
PetscErrorCode TesseraIOClose(PetscViewer *viewer)
{
  PetscFileMode mode;
  const char   *vname;
  char          tmpname[PETSC_MAX_PATH_LEN], name[PETSC_MAX_PATH_LEN];
  MPI_Comm      comm;
  PetscMPIInt   rank;
  size_t        len, slen = sizeof(TESSERA_IO_TMP_SUFFIX) - 1;
  int           err = 0;

  PetscFunctionBegin;
  TesseraValidPointer(viewer, 1);
  if (!*viewer) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(*viewer, PETSC_VIEWER_CLASSID, 1);
  PetscCall(PetscViewerFileGetMode(*viewer, &mode));
  if (mode != FILE_MODE_WRITE) {
    PetscCall(PetscViewerDestroy(viewer));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscViewerFileGetName(*viewer, &vname));
  PetscCall(PetscStrncpy(tmpname, vname, sizeof(tmpname)));
  PetscCall(PetscStrlen(tmpname, &len));
  PetscCheck(len > slen && !strcmp(tmpname + len - slen, TESSERA_IO_TMP_SUFFIX), PetscObjectComm((PetscObject)*viewer), PETSC_ERR_ARG_WRONG, "Viewer for %s was not opened for writing by TesseraIOOpen()", tmpname);
  PetscCall(PetscStrncpy(name, tmpname, len - slen + 1));
  PetscCall(PetscCommDuplicate(PetscObjectComm((PetscObject)*viewer), &comm, NULL));
  PetscCall(PetscViewerFlush(*viewer));
  PetscCall(PetscViewerDestroy(viewer)); /* closes the HDF5 file on every rank */
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    char dir[PETSC_MAX_PATH_LEN];
    int  fd = open(tmpname, O_RDONLY);

    if (fd < 0 || fsync(fd)) err = errno ? errno : EIO;
    if (fd >= 0) close(fd);
    if (!err && rename(tmpname, name)) err = errno;
    if (!err) {
      PetscCall(TesseraIODirName_Private(name, dir, sizeof(dir)));
      fd = open(dir, O_RDONLY);
      if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
      }
    }
  }
  PetscCallMPI(MPI_Bcast(&err, 1, MPI_INT, 0, comm));
  PetscCall(PetscCommDestroy(&comm));
  PetscCheck(!err, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "Could not commit HDF5 file %s (from %s): %s", name, tmpname, strerror(err));
  PetscFunctionReturn(0);
}

static PetscErrorCode TesseraIOPushGroup_Private(PetscViewer viewer, const char group[])
{
  PetscFunctionBegin;
  PetscCall(PetscViewerHDF5PushGroup(viewer, group && group[0] ? group : "/"));
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
  on the number of MPI ranks.

.seealso: `TesseraIOReadVec()`, `TesseraIOOpen()`
@*/
PetscErrorCode TesseraIOWriteVec(PetscViewer viewer, const char group[], Vec vec)
{
  const char *vname;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidHeaderSpecific(vec, VEC_CLASSID, 3);
  PetscCall(PetscObjectGetName((PetscObject)vec, &vname));
  PetscCall(PetscLogEventBegin(TESSERA_IO_Write, viewer, vec, 0, 0));
  PetscCall(TesseraIOPushGroup_Private(viewer, group));
  PetscCall(VecView(vec, viewer));
  PetscCall(PetscViewerHDF5PopGroup(viewer));
  PetscCall(PetscLogEventEnd(TESSERA_IO_Write, viewer, vec, 0, 0));
  if (++io_vec_writes == io_kill_during_write) {
    /* testing hook (-io_kill_during_write N): die in the middle of a file write, with part of it on disk */
    PetscCall(PetscViewerFlush(viewer));
    PetscCall(PetscPrintf(PetscObjectComm((PetscObject)viewer), "tessera io: killing the process during write number %" PetscInt_FMT " (-io_kill_during_write)\n", io_vec_writes));
    (void)raise(SIGKILL);
  }
  PetscFunctionReturn(0);
}

/* Checks that group/dname exists and returns its number of entries (per time step when timestepping) */
static PetscErrorCode TesseraIOCheckDataset_Private(PetscViewer viewer, const char group[], const char dname[], PetscInt *N)
{
  PetscBool   has, ists;
  const char *fname, *g = group && group[0] ? group : "/";
  char        path[PETSC_MAX_PATH_LEN];
  hid_t       fid, did, sid;
  hsize_t     dims[8];
  int         ndims;

  PetscFunctionBegin;
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(TesseraIOPushGroup_Private(viewer, group));
  PetscCall(PetscViewerHDF5HasDataset(viewer, dname, &has));
  PetscCall(PetscViewerHDF5PopGroup(viewer));
  PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s has no dataset %s in group %s", fname, dname, g);
  PetscCall(PetscSNPrintf(path, sizeof(path), "%s%s%s", g, g[strlen(g) - 1] == '/' ? "" : "/", dname));
  PetscCall(PetscViewerHDF5GetFileId(viewer, &fid));
  did = H5Dopen2(fid, path, H5P_DEFAULT);
  PetscCheck(did >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Cannot open dataset %s in HDF5 file %s", path, fname);
  sid   = H5Dget_space(did);
  ndims = sid >= 0 ? H5Sget_simple_extent_ndims(sid) : -1;
  if (ndims >= 0 && ndims <= 8 && H5Sget_simple_extent_dims(sid, dims, NULL) != ndims) ndims = -1;
  if (sid >= 0) PetscCallExternal(H5Sclose, sid);
  PetscCallExternal(H5Dclose, did); /* closed before any error below, so a failed check leaks no HDF5 handle */
  PetscCheck(sid >= 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Cannot read the dataspace of %s in HDF5 file %s", path, fname);
  PetscCheck(ndims >= 0 && ndims <= 8, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Cannot read the dimensions of %s in HDF5 file %s, or its rank %d is not supported", path, fname, ndims);
  PetscCall(PetscViewerHDF5IsTimestepping(viewer, &ists));
  *N = 1;
  for (int d = ists ? 1 : 0; d < ndims; d++) *N *= (PetscInt)dims[d];
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
  Raises an error naming the file if the dataset is missing, has another global size than the vector, or
  contains NaN or Inf.

.seealso: `TesseraIOWriteVec()`, `TesseraIOOpen()`
@*/
PetscErrorCode TesseraIOReadVec(PetscViewer viewer, const char group[], Vec vec)
{
  const char *vname, *fname;
  PetscInt    N, n;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidHeaderSpecific(vec, VEC_CLASSID, 3);
  PetscCall(PetscObjectGetName((PetscObject)vec, &vname));
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCall(TesseraIOCheckDataset_Private(viewer, group, vname, &N));
  PetscCall(VecGetSize(vec, &n));
  PetscCheck(N == n, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "Dataset %s/%s in HDF5 file %s has %" PetscInt_FMT " entries, expected %" PetscInt_FMT, group && group[0] ? group : "", vname, fname, N, n);
  PetscCall(PetscLogEventBegin(TESSERA_IO_Read, viewer, vec, 0, 0));
  PetscCall(TesseraIOPushGroup_Private(viewer, group));
  PetscCall(VecLoad(vec, viewer));
  PetscCall(PetscViewerHDF5PopGroup(viewer));
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
  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  PetscValidCharPointer(name, 3);
  PetscValidIntPointer(n, 4);
  PetscCall(TesseraIOCheckDataset_Private(viewer, group, name, n));
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
  PetscCall(PetscViewerHDF5HasAttribute(viewer, obj && obj[0] ? obj : "/", name, has));
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
  PetscCall(PetscViewerHDF5HasAttribute(viewer, path, name, &has));
  PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s has no attribute %s on %s", fname, name, path);
  PetscCall(PetscViewerHDF5ReadAttribute(viewer, path, name, datatype, NULL, value));
  if (datatype == PETSC_REAL) PetscCheck(!PetscIsInfOrNanReal(*(PetscReal *)value), PetscObjectComm((PetscObject)viewer), PETSC_ERR_FP, "Attribute %s on %s in HDF5 file %s is NaN or Inf", name, path, fname);
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
