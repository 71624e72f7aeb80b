/*
   A user's own program built out of tree with only

     cc user.c $(pkg-config --cflags --libs tessera)

   It initializes PETSc and tessera, writes a Vec and an attribute through the io layer and reads them back.
*/
#include <tessera.h>

int main(int argc, char **argv)
{
  PetscViewer viewer;
  Vec         x, y;
  PetscReal   diff, t = 2.5, tr;
  char        version[64];

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(TesseraInitialize());
  PetscCall(TesseraGetVersion(version, sizeof(version)));
  PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, 10, &x));
  PetscCall(PetscObjectSetName((PetscObject)x, "x"));
  PetscCall(VecSetRandom(x, NULL));
  PetscCall(VecDuplicate(x, &y));
  PetscCall(PetscObjectSetName((PetscObject)y, "x"));
  PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, "user.h5", FILE_MODE_WRITE, "user", &viewer));
  PetscCall(TesseraIOWriteVec(viewer, "/solution", x));
  PetscCall(TesseraIOWriteAttribute(viewer, NULL, "t", PETSC_REAL, &t));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, "user.h5", FILE_MODE_READ, "user", &viewer));
  PetscCall(TesseraIOReadVec(viewer, "/solution", y));
  PetscCall(TesseraIOReadAttribute(viewer, NULL, "t", PETSC_REAL, &tr));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(VecAXPY(y, -1.0, x));
  PetscCall(VecNorm(y, NORM_INFINITY, &diff));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "user program linked with %s: round trip %s\n", version, diff == 0 && tr == t ? "ok" : "FAILED"));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&y));
  PetscCall(PetscFinalize());
  return diff == 0 && tr == t ? 0 : 1;
}
