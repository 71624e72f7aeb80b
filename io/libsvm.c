/*I "tessera.h" I*/
/*
   libsvm.c - reader of LIBSVM text data files.

   Format (one sample per line): <label> <index>:<value> <index>:<value> ...  with 1-based, strictly increasing
   feature indices (at most PETSC_MAX_INT, parsed in 64 bits so that larger ones are refused, never wrapped);
   omitted features are zero; empty lines and lines starting with '#' are skipped; every line, the last one
   included, ends with a newline (a file cut short is refused) and no line holds a NUL byte. Rank 0 parses
   the file and broadcasts the data (or the error, with file name and line number) to every rank, so each rank
   holds the whole, small, data set.
*/
#include <tesseraimpl.h>
#include <tesseralibsvm.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LIBSVM_LINE_MAX 1048576

typedef struct {
  PetscInt   n, nnz, nalloc, rowalloc, d;
  PetscReal *labels, *vals;
  PetscInt  *rowptr, *cols;
} LibSVMData;

static PetscErrorCode LibSVMPush_Private(LibSVMData *D, PetscInt col, PetscReal val)
{
  PetscFunctionBegin;
  if (D->nnz == D->nalloc) {
    D->nalloc = PetscMax(2 * D->nalloc, 1024);
    PetscCall(PetscRealloc(sizeof(PetscInt) * D->nalloc, &D->cols));
    PetscCall(PetscRealloc(sizeof(PetscReal) * D->nalloc, &D->vals));
  }
  D->cols[D->nnz]   = col;
  D->vals[D->nnz++] = val;
  PetscFunctionReturn(0);
}

static PetscErrorCode LibSVMNewRow_Private(LibSVMData *D, PetscReal label)
{
  PetscFunctionBegin;
  if (D->n + 1 >= D->rowalloc) {
    D->rowalloc = PetscMax(2 * D->rowalloc, 256);
    PetscCall(PetscRealloc(sizeof(PetscInt) * D->rowalloc, &D->rowptr));
    PetscCall(PetscRealloc(sizeof(PetscReal) * D->rowalloc, &D->labels));
  }
  D->labels[D->n] = label;
  D->n++;
  PetscFunctionReturn(0);
}

/* Reads one line (with its '\n', if any) into line; *len its length, 0 at the end of the file; *nul whether it
   holds a NUL byte; *complete whether it ends in '\n' */
static void LibSVMGetLine_Private(FILE *fp, char line[], size_t max, size_t *len, PetscBool *nul, PetscBool *complete)
{
  int c = 0;

  *len      = 0;
  *nul      = PETSC_FALSE;
  *complete = PETSC_FALSE;
  while (*len < max - 1 && (c = getc(fp)) != EOF) {
    if (c == 0) *nul = PETSC_TRUE;
    line[(*len)++] = (char)c;
    if (c == '\n') {
      *complete = PETSC_TRUE;
      break;
    }
  }
  line[*len] = 0;
}

/* Parses the file on one process; *errline: 0 success, > 0 line of a format error, -1 cannot open, -2 other error */
static PetscErrorCode LibSVMParse_Private(const char name[], LibSVMData *D, PetscInt *errline, char msg[], size_t msglen)
{
  FILE    *fp;
  char    *line;
  PetscInt lineno = 0;

  PetscFunctionBegin;
  *errline = 0;
  fp       = fopen(name, "r");
  if (!fp) {
    *errline = -1;
    PetscCall(PetscSNPrintf(msg, msglen, "cannot open LIBSVM file %s: %s", name, strerror(errno)));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscMalloc1(LIBSVM_LINE_MAX, &line));
  D->rowptr   = NULL;
  D->labels   = NULL;
  D->rowalloc = 0;
  PetscCall(LibSVMNewRow_Private(D, 0));
  D->n         = 0;
  D->rowptr[0] = 0;
  for (;;) {
    char     *p = line, *end;
    size_t    len;
    PetscReal label;
    PetscInt  last = 0;
    PetscBool nul, complete;

    LibSVMGetLine_Private(fp, line, LIBSVM_LINE_MAX, &len, &nul, &complete);
    if (!len) break;
    lineno++;
    if (!complete && len == LIBSVM_LINE_MAX - 1) {
      *errline = lineno;
      PetscCall(PetscSNPrintf(msg, msglen, "line longer than %d characters", LIBSVM_LINE_MAX - 2));
      break;
    }
    if (nul) {
      *errline = lineno;
      PetscCall(PetscSNPrintf(msg, msglen, "the line holds a NUL byte (a binary or damaged file?)"));
      break;
    }
    if (!complete) {
      *errline = lineno;
      PetscCall(PetscSNPrintf(msg, msglen, "the last line does not end with a newline: the file may be truncated"));
      break;
    }
    while (*p == ' ' || *p == '\t') p++;
    if (*p == '\n' || *p == '\r' || *p == 0 || *p == '#') continue;
    errno = 0;
    label = strtod(p, &end);
    if (end == p || errno || !(*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r' || *end == 0) || PetscIsInfOrNanReal(label)) {
      *errline = lineno;
      PetscCall(PetscSNPrintf(msg, msglen, "expected a numeric label at the start of the line"));
      break;
    }
    PetscCall(LibSVMNewRow_Private(D, label));
    p = end;
    for (;;) {
      long long idx;
      PetscReal val;

      while (*p == ' ' || *p == '\t') p++;
      if (*p == '\n' || *p == '\r' || *p == 0 || *p == '#') break;
      errno = 0;
      idx   = strtoll(p, &end, 10);
      if (end != p && *end == ':' && (errno == ERANGE || idx > (long long)PETSC_MAX_INT)) {
        *errline = lineno;
        PetscCall(PetscSNPrintf(msg, msglen, "feature index %.*s is larger than the largest supported index %" PetscInt_FMT, (int)PetscMin(end - p, 40), p, (PetscInt)PETSC_MAX_INT));
        break;
      }
      if (end == p || errno || *end != ':') {
        *errline = lineno;
        PetscCall(PetscSNPrintf(msg, msglen, "expected index:value, found '%.*s'", (int)PetscMin(strcspn(p, " \t\r\n"), 40), p));
        break;
      }
      if (idx <= last) {
        *errline = lineno;
        PetscCall(PetscSNPrintf(msg, msglen, "feature index %lld must be positive and larger than the previous index %" PetscInt_FMT, idx, last));
        break;
      }
      p     = end + 1;
      errno = 0;
      val   = strtod(p, &end);
      if (end == p || errno || !(*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r' || *end == 0) || PetscIsInfOrNanReal(val)) {
        *errline = lineno;
        PetscCall(PetscSNPrintf(msg, msglen, "bad value for feature %lld", idx));
        break;
      }
      last = (PetscInt)idx;
      D->d = PetscMax(D->d, last);
      PetscCall(LibSVMPush_Private(D, last - 1, val));
      p = end;
    }
    if (*errline) break;
    D->rowptr[D->n] = D->nnz;
  }
  if (!*errline && ferror(fp)) {
    *errline = -2;
    PetscCall(PetscSNPrintf(msg, msglen, "read error on LIBSVM file %s", name));
  }
  if (!*errline && D->n == 0) {
    *errline = -2;
    PetscCall(PetscSNPrintf(msg, msglen, "LIBSVM file %s contains no samples", name));
  }
  fclose(fp);
  PetscCall(PetscFree(line));
  PetscFunctionReturn(0);
}

/*@C
  TesseraLibSVMRead - Reads a data set in LIBSVM text format

  Collective

  Input Parameters:
+ comm - communicator; rank 0 reads the file, every rank receives the whole data set
- name - file name

  Output Parameters:
+ X - the samples, an n x d `MATSEQAIJ` on `PETSC_COMM_SELF` (row i = sample i)
- y - the labels, a `VECSEQ` of length n

  Level: beginner

  Notes:
  Malformed files (a label that is not a number, a token that is not index:value, indices not positive and
  strictly increasing or larger than `PETSC_MAX_INT`, values that are not finite numbers, a NUL byte, a last
  line without its newline, as in a truncated file) raise `PETSC_ERR_FILE_UNEXPECTED` with the file name and
  the line number; a missing file raises `PETSC_ERR_FILE_OPEN`.

.seealso: `TesseraIOOpen()`
@*/
PetscErrorCode TesseraLibSVMRead(MPI_Comm comm, const char name[], Mat *X, Vec *y)
{
  LibSVMData  D;
  PetscMPIInt rank;
  PetscInt    hdr[4]   = {0, 0, 0, 0}; /* errline, n, nnz, d */
  char        msg[512] = "";
  PetscInt   *nnzrow;

  PetscFunctionBegin;
  TesseraValidPointer(name, 2);
  TesseraValidPointer(X, 3);
  TesseraValidPointer(y, 4);
  PetscCall(PetscMemzero(&D, sizeof(D)));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    PetscCall(LibSVMParse_Private(name, &D, &hdr[0], msg, sizeof(msg)));
    hdr[1] = D.n;
    hdr[2] = D.nnz;
    hdr[3] = D.d;
  }
  PetscCallMPI(MPI_Bcast(hdr, 4, MPIU_INT, 0, comm));
  if (hdr[0]) {
    PetscCall(PetscFree(D.rowptr));
    PetscCall(PetscFree(D.labels));
    PetscCall(PetscFree(D.cols));
    PetscCall(PetscFree(D.vals));
    PetscCallMPI(MPI_Bcast(msg, sizeof(msg), MPI_CHAR, 0, comm));
    PetscCheck(hdr[0] != -1, comm, PETSC_ERR_FILE_OPEN, "%s", msg);
    PetscCheck(hdr[0] > 0, comm, PETSC_ERR_FILE_UNEXPECTED, "%s", msg);
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "Malformed LIBSVM file %s, line %" PetscInt_FMT ": %s", name, hdr[0], msg);
  }
  if (rank != 0) { PetscCall(PetscMalloc4(hdr[1] + 1, &D.rowptr, hdr[1], &D.labels, PetscMax(hdr[2], 1), &D.cols, PetscMax(hdr[2], 1), &D.vals)); }
  PetscCallMPI(MPI_Bcast(D.rowptr, (PetscMPIInt)(hdr[1] + 1), MPIU_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(D.labels, (PetscMPIInt)hdr[1], MPIU_REAL, 0, comm));
  PetscCallMPI(MPI_Bcast(D.cols, (PetscMPIInt)hdr[2], MPIU_INT, 0, comm));
  PetscCallMPI(MPI_Bcast(D.vals, (PetscMPIInt)hdr[2], MPIU_REAL, 0, comm));
  PetscCall(PetscMalloc1(hdr[1], &nnzrow));
  for (PetscInt i = 0; i < hdr[1]; i++) nnzrow[i] = D.rowptr[i + 1] - D.rowptr[i];
  PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, hdr[1], PetscMax(hdr[3], 1), 0, nnzrow, X));
  for (PetscInt i = 0; i < hdr[1]; i++) {
    PetscScalar *v;

    PetscCall(PetscMalloc1(nnzrow[i] + 1, &v));
    for (PetscInt k = 0; k < nnzrow[i]; k++) v[k] = D.vals[D.rowptr[i] + k];
    PetscCall(MatSetValues(*X, 1, &i, nnzrow[i], D.cols + D.rowptr[i], v, INSERT_VALUES));
    PetscCall(PetscFree(v));
  }
  PetscCall(MatAssemblyBegin(*X, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(*X, MAT_FINAL_ASSEMBLY));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, hdr[1], y));
  {
    PetscScalar *a;

    PetscCall(VecGetArrayWrite(*y, &a));
    for (PetscInt i = 0; i < hdr[1]; i++) a[i] = D.labels[i];
    PetscCall(VecRestoreArrayWrite(*y, &a));
  }
  PetscCall(PetscFree(nnzrow));
  if (rank == 0) {
    PetscCall(PetscFree(D.rowptr));
    PetscCall(PetscFree(D.labels));
    PetscCall(PetscFree(D.cols));
    PetscCall(PetscFree(D.vals));
  } else PetscCall(PetscFree4(D.rowptr, D.labels, D.cols, D.vals));
  PetscFunctionReturn(0);
}
