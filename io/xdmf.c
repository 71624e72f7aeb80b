/*I "tessera.h" I*/
/*
   xdmf.c - XDMF 3 descriptions of HDF5 time series on rectangular cell-centred grids, so that ParaView and VisIt
   open tessera's HDF5 output directly.

   The HDF5 file holds, per field, one dataset of shape [nsteps, (Mz,) (My,) Mx] written with PETSc's HDF5
   timestepping (TesseraIOSetTimestep()). The XDMF file is a temporal collection of CoRectMesh grids with one
   cell-centred attribute per field, each a HyperSlab of its dataset. 1-D grids are described as 1 x Mx 2-D grids.

   Reference: XDMF model and format, https://www.xdmf.org/index.php/XDMF_Model_and_Format.
*/
#include <tesseraimpl.h>
#include <tesseraio.h>

/*@C
  TesseraIOWriteXDMF - Writes an XDMF file describing cell-centred time series stored in a tessera HDF5 file

  Collective

  Input Parameters:
+ comm    - the communicator (rank 0 writes)
. xmf     - the XDMF file name
. h5      - the HDF5 file name as the XDMF file should reference it (relative to the XDMF file's directory)
. group   - the HDF5 group of the datasets, e.g. "/fields"
. dim     - space dimension, 1, 2 or 3
. M       - cells per direction (dim entries)
. L       - side lengths of the box [0, L] per direction (dim entries)
. nfields - number of fields
. fields  - dataset names, one per field
. nsteps  - number of time steps in the datasets
- times   - the times of the steps

  Level: intermediate

  Notes:
  Each dataset must have shape [nsteps, M_{dim-1}, ..., M_0] (x fastest), as written by `TesseraIOWriteVec()` on
  a one-dof `DMDA` vector after `TesseraIOSetTimestep()`.

.seealso: `TesseraIOSetTimestep()`, `TesseraIOWriteVec()`
@*/
PetscErrorCode TesseraIOWriteXDMF(MPI_Comm comm, const char xmf[], const char h5[], const char group[], PetscInt dim, const PetscInt M[], const PetscReal L[], PetscInt nfields, const char *const fields[], PetscInt nsteps, const PetscReal times[])
{
  FILE    *fp;
  PetscInt gd = dim == 3 ? 3 : 2, n[3], shape[3];
  char     sdims[128], ddims[128], start[64], count[128];

  PetscFunctionBegin;
  TesseraValidPointer(xmf, 2);
  TesseraValidPointer(h5, 3);
  PetscCheck(dim >= 1 && dim <= 3, comm, PETSC_ERR_ARG_OUTOFRANGE, "XDMF writer supports dimensions 1-3, not %" PetscInt_FMT, dim);
  PetscCheck(nsteps >= 0 && nfields >= 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Negative number of steps or fields");
  /* cell counts slowest first (the topology lists node counts, cells + 1); 1-D becomes a 1 x Mx grid */
  for (PetscInt d = 0; d < gd; d++) n[d] = 1;
  for (PetscInt d = 0; d < dim; d++) n[gd - 1 - d] = M[d];
  for (PetscInt d = 0; d < dim; d++) shape[d] = M[dim - 1 - d];
  if (gd == 3) {
    PetscCall(PetscSNPrintf(sdims, sizeof(sdims), "%" PetscInt_FMT " %" PetscInt_FMT " %" PetscInt_FMT, n[0] + 1, n[1] + 1, n[2] + 1));
  } else {
    PetscCall(PetscSNPrintf(sdims, sizeof(sdims), "%" PetscInt_FMT " %" PetscInt_FMT, n[0] + 1, n[1] + 1));
  }
  if (dim == 1) {
    PetscCall(PetscSNPrintf(ddims, sizeof(ddims), "%" PetscInt_FMT " %" PetscInt_FMT, nsteps, shape[0]));
    PetscCall(PetscSNPrintf(count, sizeof(count), "1 %" PetscInt_FMT, shape[0]));
  } else if (dim == 2) {
    PetscCall(PetscSNPrintf(ddims, sizeof(ddims), "%" PetscInt_FMT " %" PetscInt_FMT " %" PetscInt_FMT, nsteps, shape[0], shape[1]));
    PetscCall(PetscSNPrintf(count, sizeof(count), "1 %" PetscInt_FMT " %" PetscInt_FMT, shape[0], shape[1]));
  } else {
    PetscCall(PetscSNPrintf(ddims, sizeof(ddims), "%" PetscInt_FMT " %" PetscInt_FMT " %" PetscInt_FMT " %" PetscInt_FMT, nsteps, shape[0], shape[1], shape[2]));
    PetscCall(PetscSNPrintf(count, sizeof(count), "1 %" PetscInt_FMT " %" PetscInt_FMT " %" PetscInt_FMT, shape[0], shape[1], shape[2]));
  }
  PetscCall(PetscFOpen(comm, xmf, "w", &fp));
  PetscCall(PetscFPrintf(comm, fp, "<?xml version=\"1.0\" ?>\n<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n<Xdmf Version=\"3.0\">\n  <Domain>\n"));
  PetscCall(PetscFPrintf(comm, fp, "    <Grid Name=\"TimeSeries\" GridType=\"Collection\" CollectionType=\"Temporal\">\n"));
  for (PetscInt k = 0; k < nsteps; k++) {
    PetscCall(PetscFPrintf(comm, fp, "      <Grid Name=\"step%" PetscInt_FMT "\" GridType=\"Uniform\">\n        <Time Value=\"%.17g\"/>\n", k, (double)times[k]));
    PetscCall(PetscFPrintf(comm, fp, "        <Topology TopologyType=\"%s\" Dimensions=\"%s\"/>\n", gd == 3 ? "3DCoRectMesh" : "2DCoRectMesh", sdims));
    PetscCall(PetscFPrintf(comm, fp, "        <Geometry GeometryType=\"%s\">\n", gd == 3 ? "ORIGIN_DXDYDZ" : "ORIGIN_DXDY"));
    if (gd == 3) {
      PetscCall(PetscFPrintf(comm, fp, "          <DataItem Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">0 0 0</DataItem>\n"));
      PetscCall(PetscFPrintf(comm, fp, "          <DataItem Dimensions=\"3\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">%.17g %.17g %.17g</DataItem>\n", (double)(L[2] / M[2]), (double)(L[1] / M[1]), (double)(L[0] / M[0])));
    } else {
      PetscCall(PetscFPrintf(comm, fp, "          <DataItem Dimensions=\"2\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">0 0</DataItem>\n"));
      PetscCall(PetscFPrintf(comm, fp, "          <DataItem Dimensions=\"2\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">%.17g %.17g</DataItem>\n", (double)(dim == 2 ? L[1] / M[1] : L[0] / M[0]), (double)(L[0] / M[0])));
    }
    PetscCall(PetscFPrintf(comm, fp, "        </Geometry>\n"));
    if (dim == 1) PetscCall(PetscSNPrintf(start, sizeof(start), "%" PetscInt_FMT " 0", k));
    else if (dim == 2) PetscCall(PetscSNPrintf(start, sizeof(start), "%" PetscInt_FMT " 0 0", k));
    else PetscCall(PetscSNPrintf(start, sizeof(start), "%" PetscInt_FMT " 0 0 0", k));
    for (PetscInt f = 0; f < nfields; f++) {
      PetscCall(PetscFPrintf(comm, fp, "        <Attribute Name=\"%s\" AttributeType=\"Scalar\" Center=\"Cell\">\n", fields[f]));
      PetscCall(PetscFPrintf(comm, fp, "          <DataItem ItemType=\"HyperSlab\" Dimensions=\"%s\">\n", count));
      PetscCall(PetscFPrintf(comm, fp, "            <DataItem Dimensions=\"3 %" PetscInt_FMT "\" Format=\"XML\">%s %s %s</DataItem>\n", dim + 1, start, dim == 1 ? "1 1" : dim == 2 ? "1 1 1" : "1 1 1 1", count));
      PetscCall(PetscFPrintf(comm, fp, "            <DataItem Dimensions=\"%s\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">%s:%s/%s</DataItem>\n", ddims, h5, group, fields[f]));
      PetscCall(PetscFPrintf(comm, fp, "          </DataItem>\n        </Attribute>\n"));
    }
    PetscCall(PetscFPrintf(comm, fp, "      </Grid>\n"));
  }
  PetscCall(PetscFPrintf(comm, fp, "    </Grid>\n  </Domain>\n</Xdmf>\n"));
  PetscCall(PetscFClose(comm, fp));
  PetscFunctionReturn(0);
}
