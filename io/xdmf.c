/*I "tessera.h" I*/
/*
   xdmf.c - XDMF descriptions of HDF5 time series on rectangular cell-centred grids, so that ParaView (its Xdmf3 and
   its legacy XDMF reader) and VisIt open tessera's HDF5 output directly.

   The HDF5 file holds, per field, one dataset of shape [nsteps, (Mz,) (My,) Mx] written with PETSc's HDF5
   timestepping (TesseraIOSetTimestep()). TesseraIOWriteXDMF() checks the datasets and records the description on the
   viewer; TesseraIOClose() then adds, before it commits the file, one HDF5 virtual dataset per field and step,
   /xdmf/<field>/<step>, a view of that step's slab (no copy of the data), and writes <name>.xmf next to the file: a
   temporal collection of 3DCoRectMesh grids with one cell-centred attribute per field, each a plain HDF data item
   naming its view. Why views: ParaView 5.11's Xdmf3 reader skips attributes given as XDMF HyperSlab items (it asks
   for their number type before reading them), and its legacy reader does not know the Xdmf3-only "|start:stride:count"
   syntax; a plain dataset per step works in both. 1-D and 2-D grids are one cell thick in the missing directions, so
   that ParaView shows them along x and in the xy plane (a 2DCoRectMesh puts a 2-D grid in the yz plane).
   TesseraIOWriteXDMFVolume() describes datasets without a time axis (e.g. a P x N x N stack of frames as an x-y-t
   volume) as one grid in <name>_<suffix>.xmf, whose attributes name the datasets themselves.

   Reference: XDMF model and format, https://www.xdmf.org/index.php/XDMF_Model_and_Format.
*/
/* POSIX.1-2008 for dup(), fdopen() */
#define _XOPEN_SOURCE 700
#include <tesseraimpl.h>
#include <tesseraio.h>
#include <petscviewerhdf5.h>
#include <hdf5.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "tesseraioimpl.h"

typedef struct {
  char      group[PETSC_MAX_PATH_LEN];
  char      suffix[64];                 /* a volume (no time axis): written to <name>_<suffix>.xmf */
  PetscInt  dim, M[3], nfields, nsteps; /* nsteps 0: a volume */
  PetscReal L[3], *times;
  char    **fields;
} TesseraIOXDMF;

static PetscErrorCode TesseraIOXDMFDestroy_Private(void *ptr)
{
  TesseraIOXDMF *x = (TesseraIOXDMF *)ptr;

  PetscFunctionBegin;
  for (PetscInt f = 0; f < x->nfields; f++) PetscCall(PetscFree(x->fields[f]));
  PetscCall(PetscFree(x->fields));
  PetscCall(PetscFree(x->times));
  PetscCall(PetscFree(x));
  PetscFunctionReturn(0);
}

/* checks the viewer, the grid and the datasets <group>/<field> (shape [nsteps,] M_{dim-1}, ..., M_0; no step axis when
   nsteps is 0) and composes the description with the viewer under key */
static PetscErrorCode TesseraIOXDMFDescribe_Private(PetscViewer viewer, const char key[], const char suffix[], const char group[], PetscInt dim, const PetscInt M[], const PetscReal L[], PetscInt nfields, const char *const fields[], PetscInt nsteps,
                                                    const PetscReal times[])
{
  MPI_Comm       comm;
  PetscFileMode  mode;
  PetscContainer c;
  TesseraIOXDMF *x;
  const char    *fname;
  hid_t          fid;
  const PetscInt ax = nsteps > 0 ? 1 : 0; /* the step axis */

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)viewer, &comm));
  PetscCall(PetscViewerFileGetMode(viewer, &mode));
  PetscCall(PetscViewerFileGetName(viewer, &fname));
  PetscCheck(mode == FILE_MODE_WRITE, comm, PETSC_ERR_ARG_WRONG, "XDMF description of %s: the viewer must be open for writing", fname);
  PetscCall(PetscObjectQuery((PetscObject)viewer, "TesseraIOWriteCtx", (PetscObject *)&c));
  PetscCheck(c, comm, PETSC_ERR_ARG_WRONG, "XDMF description of %s: the viewer was not opened by TesseraIOOpen() (TesseraIOClose() writes the description)", fname);
  PetscCheck(dim >= 1 && dim <= 3, comm, PETSC_ERR_ARG_OUTOFRANGE, "XDMF writer supports dimensions 1-3, not %" PetscInt_FMT, dim);
  PetscCheck(nsteps >= (suffix ? 0 : 1) && nfields >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "XDMF description of %s needs at least one step and one field (%" PetscInt_FMT " steps, %" PetscInt_FMT " fields)", fname, nsteps, nfields);
  for (PetscInt d = 0; d < dim; d++) {
    PetscCheck(M[d] > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "XDMF grid: %" PetscInt_FMT " cells in direction %" PetscInt_FMT, M[d], d);
    PetscCheck(L[d] > 0 && !PetscIsInfOrNanReal(L[d]), comm, PETSC_ERR_ARG_OUTOFRANGE, "XDMF grid: side length %g in direction %" PetscInt_FMT, (double)L[d], d);
  }
  PetscCall(PetscObjectQuery((PetscObject)viewer, key, (PetscObject *)&c));
  PetscCheck(!c, comm, PETSC_ERR_ARG_WRONGSTATE, "HDF5 file %s has an XDMF %s already", fname, suffix ? "volume description" : "description");
  /* every dataset exists with the shape [nsteps,] M_{dim-1}, ..., M_0 */
  PetscCall(PetscViewerHDF5GetFileId(viewer, &fid));
  for (PetscInt f = 0; f < nfields; f++) {
    char    path[PETSC_MAX_PATH_LEN];
    hsize_t dims[4];
    int     ndims = -1;
    hid_t   did, sid = -1;

    PetscCall(PetscSNPrintf(path, sizeof(path), "%s/%s", group, fields[f]));
    did = H5Lexists(fid, group, H5P_DEFAULT) > 0 && H5Lexists(fid, path, H5P_DEFAULT) > 0 ? H5Dopen2(fid, path, H5P_DEFAULT) : -1;
    if (did >= 0) sid = H5Dget_space(did);
    if (sid >= 0) ndims = H5Sget_simple_extent_ndims(sid);
    if (ndims == dim + ax) ndims = H5Sget_simple_extent_dims(sid, dims, NULL);
    if (sid >= 0) PetscCallExternal(H5Sclose, sid);
    if (did >= 0) PetscCallExternal(H5Dclose, did);
    PetscCheck(did >= 0, comm, PETSC_ERR_ARG_WRONG, "XDMF description of %s: no dataset %s", fname, path);
    PetscCheck(ndims == dim + ax, comm, PETSC_ERR_ARG_SIZ, "XDMF description of %s: dataset %s has rank %d, expected %" PetscInt_FMT " (%s%" PetscInt_FMT " directions)", fname, path, ndims, dim + ax, ax ? "steps and " : "", dim);
    PetscCheck(!ax || (PetscInt)dims[0] == nsteps, comm, PETSC_ERR_ARG_SIZ, "XDMF description of %s: dataset %s has %" PetscInt_FMT " steps, expected %" PetscInt_FMT, fname, path, (PetscInt)dims[0], nsteps);
    for (PetscInt d = 0; d < dim; d++)
      PetscCheck((PetscInt)dims[dim - 1 + ax - d] == M[d], comm, PETSC_ERR_ARG_SIZ, "XDMF description of %s: dataset %s has %" PetscInt_FMT " cells in direction %" PetscInt_FMT ", expected %" PetscInt_FMT, fname, path,
                 (PetscInt)dims[dim - 1 + ax - d], d, M[d]);
  }
  PetscCall(PetscNew(&x));
  PetscCall(PetscStrncpy(x->group, group, sizeof(x->group)));
  if (suffix) PetscCall(PetscStrncpy(x->suffix, suffix, sizeof(x->suffix)));
  x->dim     = dim;
  x->nfields = nfields;
  x->nsteps  = nsteps;
  for (PetscInt d = 0; d < 3; d++) {
    x->M[d] = d < dim ? M[d] : 1;
    x->L[d] = d < dim ? L[d] : 0;
  }
  PetscCall(PetscMalloc1(PetscMax(nsteps, 1), &x->times));
  if (nsteps) PetscCall(PetscArraycpy(x->times, times, nsteps));
  PetscCall(PetscMalloc1(nfields, &x->fields));
  for (PetscInt f = 0; f < nfields; f++) PetscCall(PetscStrallocpy(fields[f], &x->fields[f]));
  PetscCall(PetscContainerCreate(comm, &c));
  PetscCall(PetscContainerSetPointer(c, x));
  PetscCall(PetscContainerSetUserDestroy(c, TesseraIOXDMFDestroy_Private));
  PetscCall(PetscObjectCompose((PetscObject)viewer, key, (PetscObject)c));
  PetscCall(PetscContainerDestroy(&c));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOWriteXDMF - Describes cell-centred time series of a tessera HDF5 file for ParaView: when the file is closed,
  an XDMF file <name>.xmf is written next to it

  Collective

  Input Parameters:
+ viewer  - a viewer from `TesseraIOOpen()` in `FILE_MODE_WRITE`, holding the datasets already
. group   - the HDF5 group of the datasets, e.g. "/fields"
. dim     - space dimension, 1, 2 or 3
. M       - cells per direction (dim entries, x first)
. L       - side lengths of the box [0, L] per direction (dim entries)
. nfields - number of fields
. fields  - dataset names, one per field
. nsteps  - number of time steps in the datasets
- times   - the times of the steps

  Level: intermediate

  Notes:
  Each dataset must have shape [nsteps, M_{dim-1}, ..., M_0] (x fastest), as written by `TesseraIOWriteVec()` on
  a one-dof `DMDA` vector after `TesseraIOSetTimestep()`; a missing dataset or one of another shape is an error
  naming it. `TesseraIOClose()` adds to the file one HDF5 virtual dataset per field and step, /xdmf/<field>/<step>
  (a view of that step, no copy of the data), before it commits the file, and then writes <name>.xmf (the name with
  its extension replaced), which references the HDF5 file by its base name: keep the two files in one directory.
  ParaView 5.11 opens the .xmf file with its Xdmf3 and its legacy XDMF reader; 1-D and 2-D grids are described as
  3-D grids one cell thick (as thick as the smallest cell), so that they lie along x and in the xy plane.

.seealso: `TesseraIOOpen()`, `TesseraIOClose()`, `TesseraIOSetTimestep()`, `TesseraIOWriteVec()`
@*/
PetscErrorCode TesseraIOWriteXDMF(PetscViewer viewer, const char group[], PetscInt dim, const PetscInt M[], const PetscReal L[], PetscInt nfields, const char *const fields[], PetscInt nsteps, const PetscReal times[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  TesseraValidPointer(group, 2);
  PetscCall(TesseraIOXDMFDescribe_Private(viewer, "TesseraIOXDMF", NULL, group, dim, M, L, nfields, fields, nsteps, times));
  PetscFunctionReturn(0);
}

/*@C
  TesseraIOWriteXDMFVolume - Describes cell-centred datasets without a time axis as one grid for ParaView: when the
  file is closed, an XDMF file <name>_<suffix>.xmf is written next to it

  Collective

  Input Parameters:
+ viewer  - a viewer from `TesseraIOOpen()` in `FILE_MODE_WRITE`, holding the datasets already
. suffix  - appended to the base name of the XDMF file (letters, digits, '-' and '_'), e.g. "xyt"
. group   - the HDF5 group of the datasets, e.g. "/redpsm"
. dim     - dimension of the grid, 1, 2 or 3
. M       - cells per direction (dim entries, x first)
. L       - side lengths of the box [0, L] per direction (dim entries)
. nfields - number of fields
- fields  - dataset names, one per field

  Level: intermediate

  Notes:
  Each dataset must have shape [M_{dim-1}, ..., M_0] (x fastest), as written by `TesseraIOWriteVec()` on a one-dof
  `DMDA` vector without a time step; a missing dataset or one of another shape is an error naming it. The XDMF file
  is one 3DCoRectMesh grid whose attributes name the datasets themselves (no views are added). Its typical use is a
  space-time volume: a P x N x N stack of N x N frames described as a 3-D grid with time as the third axis
  (M = {N, N, P}), so that ParaView slices it in x-t and y-t. A viewer holds at most one volume description, beside
  at most one time series from `TesseraIOWriteXDMF()`; both files reference the HDF5 file by its base name.

.seealso: `TesseraIOWriteXDMF()`, `TesseraIOOpen()`, `TesseraIOClose()`, `TesseraIOWriteVec()`
@*/
PetscErrorCode TesseraIOWriteXDMFVolume(PetscViewer viewer, const char suffix[], const char group[], PetscInt dim, const PetscInt M[], const PetscReal L[], PetscInt nfields, const char *const fields[])
{
  size_t n;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 1);
  TesseraValidPointer(suffix, 2);
  TesseraValidPointer(group, 3);
  PetscCall(PetscStrlen(suffix, &n));
  PetscCheck(n > 0 && n < 64, PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_OUTOFRANGE, "XDMF volume: suffix \"%s\" must have 1 to 63 characters", suffix);
  for (size_t i = 0; i < n; i++) {
    const char ch = suffix[i];

    PetscCheck((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_', PetscObjectComm((PetscObject)viewer), PETSC_ERR_ARG_WRONG,
               "XDMF volume: suffix \"%s\" may hold only letters, digits, '-' and '_'", suffix);
  }
  PetscCall(TesseraIOXDMFDescribe_Private(viewer, "TesseraIOXDMFVolume", suffix, group, dim, M, L, nfields, fields, 0, NULL));
  PetscFunctionReturn(0);
}

/* The views /xdmf/<field>/<step> in the closed file tmpname: one virtual dataset per field and step of shape
   (Mz, My, Mx), 1 in the missing directions, mapping slab <step> of <group>/<field> of the same file; 0 or -1 */
static int TesseraIOXDMFViews_Private(const TesseraIOXDMF *x, const char tmpname[])
{
  hid_t   fid, gcpl, dcpl, vspace, sspace, did;
  hsize_t vdims[3], sdims[4], start[4], count[4];
  char    path[PETSC_MAX_PATH_LEN + 64], src[PETSC_MAX_PATH_LEN + 64];
  int     rc = 0, dim = (int)x->dim;

  if ((fid = H5Fopen(tmpname, H5F_ACC_RDWR, H5P_DEFAULT)) < 0) return -1;
  gcpl = H5Pcreate(H5P_LINK_CREATE);
  if (gcpl < 0 || H5Pset_create_intermediate_group(gcpl, 1) < 0) rc = -1;
  for (int d = 0; d < 3; d++) vdims[d] = (hsize_t)x->M[2 - d];
  sdims[0] = (hsize_t)x->nsteps;
  count[0] = 1;
  for (int d = 0; d < dim; d++) sdims[d + 1] = count[d + 1] = (hsize_t)x->M[dim - 1 - d];
  vspace = H5Screate_simple(3, vdims, NULL);
  sspace = H5Screate_simple(dim + 1, sdims, NULL);
  if (vspace < 0 || sspace < 0) rc = -1;
  for (PetscInt f = 0; !rc && f < x->nfields; f++) {
    snprintf(src, sizeof(src), "%s/%s", x->group, x->fields[f]);
    for (PetscInt k = 0; !rc && k < x->nsteps; k++) {
      start[0] = (hsize_t)k;
      for (int d = 1; d <= dim; d++) start[d] = 0;
      snprintf(path, sizeof(path), "/xdmf/%s/%" PetscInt_FMT, x->fields[f], k);
      if ((dcpl = H5Pcreate(H5P_DATASET_CREATE)) < 0) rc = -1;
      if (!rc && (H5Sselect_hyperslab(sspace, H5S_SELECT_SET, start, NULL, count, NULL) < 0 || H5Pset_virtual(dcpl, vspace, ".", src, sspace) < 0)) rc = -1;
      if (!rc && (did = H5Dcreate2(fid, path, H5T_NATIVE_DOUBLE, vspace, gcpl, dcpl, H5P_DEFAULT)) < 0) rc = -1;
      if (!rc && H5Dclose(did) < 0) rc = -1;
      if (dcpl >= 0) H5Pclose(dcpl);
    }
  }
  if (vspace >= 0) H5Sclose(vspace);
  if (sspace >= 0) H5Sclose(sspace);
  if (gcpl >= 0) H5Pclose(gcpl);
  if (H5Fclose(fid) < 0) rc = -1;
  return rc;
}

/* Writes the XDMF file <name without extension>.xmf next to name by the safe write of io.c (temporary file created
   exclusively, checked, fsynced and renamed); *errp is 0 or an errno value, with a message */
static PetscErrorCode TesseraIOXDMFFile_Private(const TesseraIOXDMF *x, const char name[], int *errp, char msg[], size_t len)
{
  TesseraIOWriteCtx w;
  char              cdims[128];
  const char       *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name, *dot = strrchr(base, '.');
  PetscReal         h[3];
  FILE             *fp;
  int               fd, err = 0;
  size_t            vskip = 0;

  PetscFunctionBegin;
  *errp     = 0;
  w.fd      = -1;
  w.pending = PETSC_FALSE;
  w.next    = NULL;
  PetscCall(PetscSNPrintf(w.name, sizeof(w.name), "%.*s%s%s.xmf", (int)(dot ? (size_t)(dot - name) : strlen(name)), name, x->suffix[0] ? "_" : "", x->suffix));
  /* cell sizes z y x; the missing directions of a 1-D or 2-D grid are one cell, as thick as the smallest cell */
  for (PetscInt d = 0; d < 3; d++) h[2 - d] = d < x->dim ? x->L[d] / x->M[d] : 0;
  for (PetscInt d = x->dim; d < 3; d++) h[2 - d] = x->dim == 2 ? PetscMin(h[2], h[1]) : h[2];
  PetscCall(PetscSNPrintf(cdims, sizeof(cdims), "%" PetscInt_FMT " %" PetscInt_FMT " %" PetscInt_FMT, x->M[2], x->M[1], x->M[0]));
  /* a volume's data item has the dataset's own rank: skip the leading cell counts of the missing directions */
  for (PetscInt d = x->nsteps ? 3 : x->dim; d < 3; d++) vskip += strchr(cdims + vskip, ' ') - (cdims + vskip) + 1;
  /* w is on the stack: no PetscCall() from here to the commit or discard (a pending w must stay valid) */
  PetscCall(TesseraIOCreateTmp_Private(w.name, &w, msg, len));
  if (msg[0]) {
    *errp = EINVAL;
    PetscFunctionReturn(0);
  }
  fd = dup(w.fd); /* the stream closes its own descriptor; w.fd stays open for the commit */
  if (fd < 0 || !(fp = fdopen(fd, "w"))) {
    err = errno ? errno : EIO;
    if (fd >= 0) close(fd);
  } else {
    fprintf(fp, "<?xml version=\"1.0\" ?>\n<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n<Xdmf Version=\"3.0\">\n  <Domain>\n");
    const char *in = x->nsteps ? "  " : ""; /* a volume is one grid in the domain */

    if (x->nsteps) fprintf(fp, "    <Grid Name=\"TimeSeries\" GridType=\"Collection\" CollectionType=\"Temporal\">\n");
    for (PetscInt k = 0; k < PetscMax(x->nsteps, 1); k++) {
      if (x->nsteps) fprintf(fp, "      <Grid Name=\"step%" PetscInt_FMT "\" GridType=\"Uniform\">\n", k);
      else fprintf(fp, "    <Grid Name=\"volume\" GridType=\"Uniform\">\n");
      if (x->nsteps) fprintf(fp, "        <Time Value=\"%.17g\"/>\n", (double)x->times[k]);
      fprintf(fp, "%s      <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"%" PetscInt_FMT " %" PetscInt_FMT " %" PetscInt_FMT "\"/>\n", in, x->M[2] + 1, x->M[1] + 1, x->M[0] + 1);
      fprintf(fp, "%s      <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n", in);
      fprintf(fp, "%s        <DataItem Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">0 0 0</DataItem>\n", in);
      fprintf(fp, "%s        <DataItem Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">%.17g %.17g %.17g</DataItem>\n", in, (double)h[0], (double)h[1], (double)h[2]);
      fprintf(fp, "%s      </Geometry>\n", in);
      for (PetscInt f = 0; f < x->nfields; f++) {
        fprintf(fp, "%s      <Attribute Name=\"%s\" AttributeType=\"Scalar\" Center=\"Cell\">\n", in, x->fields[f]);
        if (x->nsteps) fprintf(fp, "          <DataItem Dimensions=\"%s\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">%s:/xdmf/%s/%" PetscInt_FMT "</DataItem>\n", cdims, base, x->fields[f], k);
        else fprintf(fp, "        <DataItem Dimensions=\"%s\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">%s:%s/%s</DataItem>\n", cdims + vskip, base, x->group, x->fields[f]);
        fprintf(fp, "%s      </Attribute>\n", in);
      }
      fprintf(fp, "%s    </Grid>\n", in);
    }
    if (x->nsteps) fprintf(fp, "    </Grid>\n");
    fprintf(fp, "  </Domain>\n</Xdmf>\n");
    if (fflush(fp) || ferror(fp)) err = errno ? errno : EIO;
    if (fclose(fp) && !err) err = errno ? errno : EIO;
  }
  if (err) {
    (void)snprintf(msg, len, "cannot write %s: %s", w.tmp, strerror(err));
    TesseraIODiscardTmp_Private(&w);
    *errp = err;
  } else PetscCall(TesseraIOCommit_Private(&w, errp, msg, len));
  (void)close(w.fd);
  PetscFunctionReturn(0);
}

/* Called by TesseraIOClose() on rank 0 with the closed file tmpname before it is renamed: adds the views of the
   description c from TesseraIOWriteXDMF(); 0 or -1 */
int TesseraIOXDMFAddViews_Private(PetscContainer c, const char tmpname[])
{
  void *x;

  if (PetscContainerGetPointer(c, &x)) return -1;
  return TesseraIOXDMFViews_Private((TesseraIOXDMF *)x, tmpname);
}

/* Called by TesseraIOClose() on rank 0 after the HDF5 file is committed as name: writes <name>.xmf (<name>_<suffix>.xmf
   for a volume) */
PetscErrorCode TesseraIOXDMFWriteFile_Private(PetscContainer c, const char name[], int *errp, char msg[], size_t len)
{
  void *x;

  PetscFunctionBegin;
  PetscCall(PetscContainerGetPointer(c, &x));
  PetscCall(TesseraIOXDMFFile_Private((TesseraIOXDMF *)x, name, errp, msg, len));
  PetscFunctionReturn(0);
}
