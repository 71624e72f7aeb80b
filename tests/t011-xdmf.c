static char help[] = "Tests TesseraIOWriteXDMF() and TesseraIOWriteXDMFVolume(): per-step views and the XDMF file of a time series,\n\
the XDMF file of the same dataset as one x-y-t volume, and every bad description.\n\n\
  -bad <case>   run only this bad-input case and let it fail with its PETSc error message\n\
                (shape, steps, missing, twice, length, read, volshape, suffix)\n\n";

/*
   A 2-D DMDA time series a(t_k) = 100 k + 10 j + i on 7 x 5 cells, 3 steps, in /fields. With a correct description the
   closed file must hold the views /xdmf/a/0..2, each equal to its step, and t011.xmf must exist and name them; a
   description that does not match the file is an error that names the mismatch. The same 3 x 5 x 7 dataset described
   as one 3-D grid (time as the third axis, TesseraIOWriteXDMFVolume()) must give t011_xyt.xmf: one 3DCoRectMesh of
   8 x 6 x 4 nodes whose attribute names the dataset itself. The test of what ParaView makes of the files is
   t011-xdmf-paraview (label paraview).
*/
#include <tessera.h>
#include <hdf5.h>
#include <stdio.h>
#include <string.h>
#include "tesseratest.h"

static PetscErrorCode Fill(DM da, Vec a, PetscInt k)
{
  PetscScalar **x;
  PetscInt      xs, ys, xm, ym;

  PetscFunctionBegin;
  PetscCall(DMDAGetCorners(da, &xs, &ys, NULL, &xm, &ym, NULL));
  PetscCall(DMDAVecGetArrayWrite(da, a, &x));
  for (PetscInt j = ys; j < ys + ym; j++)
    for (PetscInt i = xs; i < xs + xm; i++) x[j][i] = 100.0 * k + 10.0 * j + i;
  PetscCall(DMDAVecRestoreArrayWrite(da, a, &x));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm    comm;
  DM          da;
  Vec         a;
  PetscViewer viewer;
  char        bad[64]  = "";
  const char *names[2] = {"a", "b"};
  PetscInt    M[2] = {7, 5}, nsteps = 3, nfields = 1, M3[3] = {7, 5, 3};
  PetscReal   L[2] = {1.4, 1.0}, times[3] = {0, 0.5, 1}, err = 0, L3[3] = {1.4, 1.0, 0.6};
  const char *suffix = "xyt";
  PetscBool   flg, ok = PETSC_TRUE;
  PetscMPIInt rank;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(PetscOptionsGetString(NULL, NULL, "-bad", bad, sizeof(bad), NULL));
  PetscCall(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, M[0], M[1], PETSC_DECIDE, PETSC_DECIDE, 1, 1, NULL, NULL, &da));
  PetscCall(DMSetUp(da));
  PetscCall(DMCreateGlobalVector(da, &a));
  PetscCall(PetscObjectSetName((PetscObject)a, "a"));
  PetscCall(TesseraIOOpen(comm, "t011.h5", FILE_MODE_WRITE, "t011", &viewer));
  for (PetscInt k = 0; k < 3; k++) {
    PetscCall(Fill(da, a, k));
    PetscCall(TesseraIOSetTimestep(viewer, k));
    PetscCall(TesseraIOWriteVec(viewer, "/fields", a));
  }
  PetscCall(TesseraIOSetTimestep(viewer, -1));
  PetscCall(PetscStrcmp(bad, "shape", &flg));
  if (flg) M[0] = 8; /* "has 7 cells in direction 0, expected 8" */
  PetscCall(PetscStrcmp(bad, "steps", &flg));
  if (flg) nsteps = 2; /* "has 3 steps, expected 2" */
  PetscCall(PetscStrcmp(bad, "missing", &flg));
  if (flg) nfields = 2; /* "no dataset /fields/b" */
  PetscCall(PetscStrcmp(bad, "length", &flg));
  if (flg) L[1] = -1;
  PetscCall(PetscStrcmp(bad, "read", &flg));
  if (flg) { /* a viewer open for reading cannot take a description */
    PetscCall(TesseraIOClose(&viewer));
    PetscCall(TesseraIOOpen(comm, "t011.h5", FILE_MODE_READ, "t011", &viewer));
  }
  PetscCall(PetscStrcmp(bad, "volshape", &flg));
  if (flg) M3[2] = 4; /* "has 3 cells in direction 2, expected 4" */
  PetscCall(PetscStrcmp(bad, "suffix", &flg));
  if (flg) suffix = "x/t";
  PetscCall(TesseraIOWriteXDMF(viewer, "/fields", 2, M, L, nfields, names, nsteps, times));
  PetscCall(PetscStrcmp(bad, "twice", &flg));
  if (flg) PetscCall(TesseraIOWriteXDMF(viewer, "/fields", 2, M, L, nfields, names, nsteps, times));
  PetscCall(TesseraIOWriteXDMFVolume(viewer, suffix, "/fields", 3, M3, L3, 1, names));
  PetscCall(TesseraIOClose(&viewer));

  /* the views: /xdmf/a/k, of shape 1 x 5 x 7 (a 2-D grid is one cell thick), holds step k (read on rank 0 with HDF5) */
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    hid_t fid = H5Fopen("t011.h5", H5F_ACC_RDONLY, H5P_DEFAULT);

    ok = (PetscBool)(fid >= 0);
    for (PetscInt k = 0; ok && k < 3; k++) {
      char    name[32];
      double  buf[35];
      hsize_t dims[3];
      hid_t   did, sid;

      PetscCall(PetscSNPrintf(name, sizeof(name), "/xdmf/a/%" PetscInt_FMT, k));
      did = H5Lexists(fid, "/xdmf", H5P_DEFAULT) > 0 && H5Lexists(fid, "/xdmf/a", H5P_DEFAULT) > 0 && H5Lexists(fid, name, H5P_DEFAULT) > 0 ? H5Dopen2(fid, name, H5P_DEFAULT) : -1;
      sid = did >= 0 ? H5Dget_space(did) : -1;
      ok  = (PetscBool)(sid >= 0 && H5Sget_simple_extent_ndims(sid) == 3 && H5Sget_simple_extent_dims(sid, dims, NULL) == 3 && dims[0] == 1 && dims[1] == 5 && dims[2] == 7);
      if (ok) ok = (PetscBool)(H5Dread(did, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) >= 0);
      for (PetscInt j = 0; ok && j < 5; j++)
        for (PetscInt i = 0; i < 7; i++) err = PetscMax(err, PetscAbsReal(buf[7 * j + i] - (100.0 * k + 10.0 * j + i)));
      if (sid >= 0) H5Sclose(sid);
      if (did >= 0) H5Dclose(did);
    }
    if (fid >= 0) H5Fclose(fid);
  }
  PetscCallMPI(MPI_Bcast(&ok, 1, MPIU_BOOL, 0, comm));
  PetscCallMPI(MPI_Bcast(&err, 1, MPIU_REAL, 0, comm));
  PetscCall(PetscTestFile("t011.xmf", 'r', &flg));
  PetscCall(TesseraTestCheck(comm, ok, "views /xdmf/a/0..2 present, 1 x 5 x 7"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(ok && err == 0), "each view equals its step exactly (max difference %g)", (double)err));
  PetscCall(TesseraTestCheck(comm, flg, "XDMF file t011.xmf written"));
  { /* the volume: one grid of 8 x 6 x 4 nodes (z y x), its attribute the dataset itself, no time */
    char  *text = NULL;
    size_t len  = 0;

    if (rank == 0) {
      FILE *fp = fopen("t011_xyt.xmf", "r");

      if (fp) {
        PetscCall(PetscCalloc1(8192, &text));
        len = fread(text, 1, 8191, fp);
        fclose(fp);
      }
    }
    ok = (PetscBool)(text && len > 0 && strstr(text, "TopologyType=\"3DCoRectMesh\" Dimensions=\"4 6 8\"") && strstr(text, "Dimensions=\"3 5 7\"") && strstr(text, ">t011.h5:/fields/a<") && !strstr(text, "<Time") && !strstr(text, "Collection"));
    PetscCallMPI(MPI_Bcast(&ok, 1, MPIU_BOOL, 0, comm));
    PetscCall(PetscFree(text));
    PetscCall(TesseraTestCheck(comm, ok, "XDMF file t011_xyt.xmf: one 3DCoRectMesh of 4 x 6 x 8 nodes over t011.h5:/fields/a (3 x 5 x 7), no time"));
  }
  PetscCall(VecDestroy(&a));
  PetscCall(DMDestroy(&da));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
