static char help[] = "Tests the LIBSVM reader: a good file is read exactly; feature indices beyond PetscInt (2^31 and more,\n\
also beyond 64 bits), a NUL byte and a last line cut short are refused with the file name and the line.\n\n\
  -bad <case>   only read the bad file of this case, unguarded (index31, index64, nul, truncated)\n\n";

#include <tessera.h>
#include "tesseratest.h"

typedef struct {
  const char *key, *content;
  size_t      len; /* bytes of content to write (content may hold a NUL byte) */
} BadFile;

static PetscErrorCode WriteFile(MPI_Comm comm, const char name[], const char content[], size_t len)
{
  PetscMPIInt rank;

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (!rank) {
    FILE *f;

    PetscCall(PetscFOpen(PETSC_COMM_SELF, name, "w", &f));
    PetscCheck(fwrite(content, 1, len, f) == len, PETSC_COMM_SELF, PETSC_ERR_FILE_WRITE, "cannot write %s", name);
    PetscCall(PetscFClose(PETSC_COMM_SELF, f));
  }
  PetscCallMPI(MPI_Barrier(comm));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadBad(MPI_Comm comm, const char name[])
{
  Mat X;
  Vec y;

  PetscFunctionBegin;
  PetscCall(TesseraLibSVMRead(comm, name, &X, &y));
  PetscCall(MatDestroy(&X));
  PetscCall(VecDestroy(&y));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm   comm;
  char       bad[64] = "", file[PETSC_MAX_PATH_LEN];
  const char good[]  = "+1 1:0.5 3:-2\n# comment\n\n-1 2:0.25 2147483647:4\n";
  const char nul[]   = "+1 1:0.5\n-1 2:0\0.25\n";
  BadFile    cases[] = {
         {"index31", "+1 1:0.5\n-1 2147483648:1\n", 0},
         {"index64", "+1 1:0.5\n-1 3:1 99999999999999999999999:1\n", 0},
         {"nul", nul, sizeof(nul) - 1},
         {"truncated", "+1 1:0.5 2:0.25\n-1 1:0.125 2:0.", 0},
  };
  Mat         X;
  Vec         y;
  PetscInt    m, n, ncols;
  PetscScalar v;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "t009 options", "");
  PetscCall(PetscOptionsString("-bad", "Only read the bad file of this case", "t009", bad, bad, sizeof(bad), NULL));
  PetscOptionsEnd();
  for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
    PetscErrorCode code;
    PetscBool      only;

    PetscCall(PetscSNPrintf(file, sizeof(file), "t009-%s.libsvm", cases[c].key));
    PetscCall(WriteFile(comm, file, cases[c].content, cases[c].len ? cases[c].len : strlen(cases[c].content)));
    PetscCall(PetscStrcmp(bad, cases[c].key, &only));
    if (only) PetscCall(ReadBad(comm, file)); /* must raise its error */
    if (bad[0]) continue;
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    code = ReadBad(comm, file);
    PetscCall(PetscPopErrorHandler());
    PetscCall(TesseraTestCheck(comm, (PetscBool)(code == PETSC_ERR_FILE_UNEXPECTED), "bad file '%s' refused with PETSC_ERR_FILE_UNEXPECTED (error %d)", cases[c].key, code));
  }
  if (!bad[0]) {
    /* the good file: 2 samples, the largest index 2^31 - 1 kept exactly */
    PetscCall(WriteFile(comm, "t009-good.libsvm", good, strlen(good)));
    PetscCall(TesseraLibSVMRead(comm, "t009-good.libsvm", &X, &y));
    PetscCall(MatGetSize(X, &m, &n));
    {
      PetscInt nc;

      PetscCall(MatGetRow(X, 1, &nc, NULL, NULL));
      ncols = nc; /* MatRestoreRow() zeroes its argument */
      PetscCall(MatRestoreRow(X, 1, &nc, NULL, NULL));
    }
    {
      PetscInt row = 1, col = PETSC_MAX_INT - 1;

      PetscCall(MatGetValues(X, 1, &row, 1, &col, &v));
    }
    PetscCall(TesseraTestCheck(comm, (PetscBool)(m == 2 && n == PETSC_MAX_INT && ncols == 2 && v == 4.0),
                               "good file: 2 x 2147483647 with X(1, 2^31-2) = 4 and 2 entries in row 1 (read %" PetscInt_FMT " x %" PetscInt_FMT ", row 1 has %" PetscInt_FMT " entries, X(1, 2^31-2) = %g)", m, n, ncols, (double)PetscRealPart(v)));
    PetscCall(MatDestroy(&X));
    PetscCall(VecDestroy(&y));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
