static char help[] = "Writes dynamic phantoms (and optionally their noisy sinograms) to an HDF5 file: training images for\n\
the CNN denoiser and inputs for figures.\n\n\
Options:\n\
  -n <64>              image side\n\
  -frames <16>         frames per phantom\n\
  -phantoms <list>     comma-separated phantom names (default static,ellipses,warped,lowrank)\n\
  -seeds <2>           seeds per phantom (varied warp phases and blob positions)\n\
  -output <file.h5>    output file (datasets /phantoms/<name>_<seed>, attributes n, frames)\n\
  -test                print only tolerance-robust lines\n\n";

/*
   For each phantom name and seed s = 0..seeds-1 the frames (T x n x n, row major) are written as the
   dataset /phantoms/<name>_<s>; the root attributes n and frames give the shapes. Phantom options
   (-phantom_amplitude, -phantom_rank, -phantom_supersample) apply to all.
*/
#include <tessera.h>

int main(int argc, char **argv)
{
  PetscInt       N = 64, T = 16, nseeds = 2, nnames = 8, fl = PETSC_DECIDE, TT;
  char          *names[8], out[PETSC_MAX_PATH_LEN] = "phantoms.h5";
  PetscBool      given, test                       = PETSC_FALSE;
  PhantomOptions o;
  PetscViewer    v;
  MPI_Comm       comm;
  Vec            f;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Phantom writer options", "");
  PetscCall(PetscOptionsInt("-n", "image side", "", N, &N, NULL));
  PetscCall(PetscOptionsInt("-frames", "frames per phantom", "", T, &T, NULL));
  PetscCall(PetscOptionsInt("-seeds", "seeds per phantom", "", nseeds, &nseeds, NULL));
  PetscCall(PetscOptionsStringArray("-phantoms", "phantom names", "", names, &nnames, &given));
  PetscCall(PetscOptionsString("-output", "output file", "", out, out, sizeof(out), NULL));
  PetscCall(PetscOptionsBool("-test", "terse output", "", test, &test, NULL));
  PetscOptionsEnd();
  if (!given) {
    const char *def[4] = {"static", "ellipses", "warped", "lowrank"};

    nnames = 4;
    for (PetscInt k = 0; k < 4; k++) PetscCall(PetscStrallocpy(def[k], &names[k]));
  }
  PetscCall(PhantomOptionsSetFromOptions(comm, &o));
  TT = T;
  PetscCall(PetscSplitOwnership(comm, &fl, &TT));
  PetscCall(VecCreateMPI(comm, fl * N * N, N * N * T, &f));
  PetscCall(TesseraIOOpen(comm, out, FILE_MODE_WRITE, "phantoms", &v));
  PetscCall(TesseraIOWriteAttribute(v, "/", "n", PETSC_INT, &N));
  PetscCall(TesseraIOWriteAttribute(v, "/", "frames", PETSC_INT, &T));
  for (PetscInt k = 0; k < nnames; k++) {
    for (PetscInt s = 0; s < nseeds; s++) {
      char dname[256];

      o.seed = s;
      PetscCall(PhantomGenerate(names[k], &o, N, T, f));
      PetscCall(PetscSNPrintf(dname, sizeof(dname), "%s_%" PetscInt_FMT, names[k], s));
      PetscCall(PetscObjectSetName((PetscObject)f, dname));
      PetscCall(TesseraIOWriteVec(v, "/phantoms", f));
    }
    PetscCall(PetscPrintf(comm, "phantom %s: %" PetscInt_FMT " seeds x %" PetscInt_FMT " frames of %" PetscInt_FMT "^2 written\n", names[k], nseeds, T, N));
    PetscCall(PetscFree(names[k]));
  }
  PetscCall(TesseraIOClose(&v));
  if (!test) PetscCall(PetscPrintf(comm, "wrote %s\n", out));
  PetscCall(VecDestroy(&f));
  PetscCall(PetscFinalize());
  return 0;
}
