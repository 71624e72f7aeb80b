/*
   A user's program run against an installed tessera whose prefix has been moved (tests/installstandalone.cmake):
   it poses the problems that read tessera's data files by default (bilevel svm and cleaning: LIBSVM sets;
   atoms nist_lda: the NIST table), solves them briefly, and prints each data file it read, so the test can check
   that every one lies in the moved prefix and that the answers are right.

     standalone [-bilevel_max_it N]
*/
#include <tessera.h>

static PetscErrorCode RunBilevel(MPI_Comm comm, const char name[], PetscReal minacc, PetscBool *ok)
{
  BilevelProblem prob;
  Bilevel        bl;
  PetscReal      val, test;
  PetscBool      has;

  PetscFunctionBeginUser;
  PetscCall(BilevelProblemCreate(comm, name, &prob));
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelProblemComputeAccuracy(prob, bl, &val, &test, &has));
  PetscCall(BilevelProblemView(prob, PETSC_VIEWER_STDOUT_(comm))); /* names its data file */
  *ok = (PetscBool)(has && test >= minacc);
  PetscCall(PetscPrintf(comm, "%s: test accuracy %.3f >= %.2f: %s\n", name, (double)test, (double)minacc, *ok ? "yes" : "no"));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm    comm;
  AtomProblem prob;
  Atom        atom;
  PetscReal   detot, deig;
  PetscBool   oksvm, okclean, okatom;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(RunBilevel(comm, "svm", 0.7, &oksvm));
  PetscCall(RunBilevel(comm, "cleaning", 0.8, &okclean));
  /* neon in LDA against the NIST table (the file is found in the data directory) */
  PetscCall(AtomProblemCreate(comm, "nist_lda", &prob));
  PetscCall(AtomProblemView(prob, PETSC_VIEWER_STDOUT_(comm)));
  PetscCall(AtomCreate(comm, &atom));
  PetscCall(AtomProblemSetUpAtom(prob, atom));
  PetscCall(AtomSetZ(atom, 10));
  PetscCall(AtomSetFromOptions(atom));
  PetscCall(AtomSolve(atom));
  PetscCall(AtomProblemComputeError(prob, atom, &detot, &deig));
  okatom = (PetscBool)(detot < 1e-6 && deig < 1e-6);
  PetscCall(PetscPrintf(comm, "nist_lda: Z = 10 errors %.1e (total energy), %.1e (eigenvalues) < 1e-6: %s\n", (double)detot, (double)deig, okatom ? "yes" : "no"));
  PetscCall(AtomDestroy(&atom));
  PetscCall(AtomProblemDestroy(&prob));
  PetscCall(PetscFinalize());
  return oksvm && okclean && okatom ? 0 : 1;
}
