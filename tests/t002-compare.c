static char help[] = "Compares one dataset of two tessera HDF5 files and prints whether they agree to a tolerance.\n\n\
  -a <file> -b <file>   the two files\n\
  -group <g>            group of the dataset (default /solution)\n\
  -name <n>             dataset name\n\
  -bs <1>               block size (number of fields per grid point)\n\
  -grid <Mx,My>         the dataset is a 2-D DMDA field of this grid (natural ordering)\n\
  -tol <1e-14>          tolerance on max|a-b| / max|a|\n\n";

#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode LoadDataset(MPI_Comm comm, const char file[], const char group[], const char name[], PetscInt bs, DM da, Vec *v)
{
  PetscViewer viewer;
  PetscInt    n;

  PetscFunctionBegin;
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_READ, NULL, &viewer));
  if (da) PetscCall(DMCreateGlobalVector(da, v));
  else {
    PetscCall(TesseraIOGetArraySize(viewer, group, name, &n));
    PetscCall(VecCreate(comm, v));
    PetscCall(VecSetSizes(*v, PETSC_DECIDE, n));
    PetscCall(VecSetBlockSize(*v, bs));
    PetscCall(VecSetFromOptions(*v));
  }
  PetscCall(PetscObjectSetName((PetscObject)*v, name));
  PetscCall(TesseraIOReadVec(viewer, group, *v));
  PetscCall(TesseraIOClose(&viewer));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char      a[PETSC_MAX_PATH_LEN] = "", b[PETSC_MAX_PATH_LEN] = "", group[PETSC_MAX_PATH_LEN] = "/solution", name[256] = "";
  PetscReal tol = 1e-14, diff, scale;
  PetscInt  bs = 1, na, nb, grid[2], ngrid = 2;
  PetscBool hasgrid;
  Vec       va, vb;
  DM        da = NULL;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "t002 options", "");
  PetscCall(PetscOptionsString("-a", "First file", "t002", a, a, sizeof(a), NULL));
  PetscCall(PetscOptionsString("-b", "Second file", "t002", b, b, sizeof(b), NULL));
  PetscCall(PetscOptionsString("-group", "Group", "t002", group, group, sizeof(group), NULL));
  PetscCall(PetscOptionsString("-name", "Dataset", "t002", name, name, sizeof(name), NULL));
  PetscCall(PetscOptionsInt("-bs", "Block size", "t002", bs, &bs, NULL));
  PetscCall(PetscOptionsIntArray("-grid", "2-D DMDA grid of the dataset", "t002", grid, &ngrid, &hasgrid));
  PetscCall(PetscOptionsReal("-tol", "Relative tolerance", "t002", tol, &tol, NULL));
  PetscOptionsEnd();
  PetscCheck(a[0] && b[0] && name[0], PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "Give -a FILE -b FILE -name DATASET");
  if (hasgrid) {
    PetscCheck(ngrid == 2 && grid[0] > 0 && grid[1] > 0, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "-grid takes two positive sizes Mx,My");
    PetscCall(DMDACreate2d(PETSC_COMM_WORLD, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, grid[0], grid[1], PETSC_DECIDE, PETSC_DECIDE, bs, 1, NULL, NULL, &da));
    PetscCall(DMSetUp(da));
  }
  PetscCall(LoadDataset(PETSC_COMM_WORLD, a, group, name, bs, da, &va));
  PetscCall(LoadDataset(PETSC_COMM_WORLD, b, group, name, bs, da, &vb));
  PetscCall(VecGetSize(va, &na));
  PetscCall(VecGetSize(vb, &nb));
  PetscCheck(na == nb, PETSC_COMM_WORLD, PETSC_ERR_ARG_SIZ, "%s has %" PetscInt_FMT " entries, %s has %" PetscInt_FMT, a, na, b, nb);
  PetscCall(VecNorm(va, NORM_INFINITY, &scale));
  PetscCall(VecAXPY(va, -1.0, vb));
  PetscCall(VecNorm(va, NORM_INFINITY, &diff));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(diff <= tol * scale), "%s/%s agrees to relative %g (max|a-b| = %g, max|a| = %g)", group, name, (double)tol, (double)diff, (double)scale));
  PetscCall(VecDestroy(&va));
  PetscCall(VecDestroy(&vb));
  PetscCall(DMDestroy(&da));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
