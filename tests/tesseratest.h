/*
   tesseratest.h - the one check helper of tessera's test programs and of the -test modes of its example drivers:
   every verdict printed is also counted, and the program fails if any check failed.

     TesseraTestCheck(comm, cond, "what is checked: %g <= %g", a, b);    prints "ok: ..." or "FAILED: ...", counts
     return TesseraTestReturn();                                        after PetscFinalize(): 0 if all held

   The -test modes of the example drivers use the library's TesseraVerdict() and TesseraVerdictCheckAll() (sys/)
   instead: "<what>: yes|no" lines and a PETSc error when a check failed.

   Typical use:

     int main(int argc, char **argv)
     {
       PetscCall(PetscInitialize(&argc, &argv, NULL, help));
       ...
       PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, err < 1e-8, "error %.2e < 1e-8", (double)err));
       ...
       PetscCall(PetscFinalize());
       return TesseraTestReturn();
     }
*/
#ifndef TESSERATEST_H
#define TESSERATEST_H

#include <tesserasys.h>

static PetscInt TesseraTestFailures_ = 0, TesseraTestChecks_ = 0;

/* prints the verdict "ok|FAILED: <what>" on rank 0 of comm and counts a failure; a rank-local condition is reduced
   with a logical AND over comm first */
static inline PetscErrorCode TesseraTestReport_Private(MPI_Comm comm, PetscBool cond, const char fmt[], ...)
{
  va_list        ap;
  PetscBool      held;
  PetscErrorCode ierr;

  PetscFunctionBegin;
  va_start(ap, fmt);
  ierr = TesseraVerdictPrintV(comm, cond, TESSERA_VERDICT_OK_FAILED, &held, fmt, ap);
  va_end(ap);
  PetscCall(ierr);
  TesseraTestChecks_++;
  if (!held) TesseraTestFailures_++;
  PetscFunctionReturn(0);
}

/* TesseraTestCheck(comm, cond, fmt, ...): prints "ok: <what>" or "FAILED: <what>" and counts a failure (tests/t*.c) */
#define TesseraTestCheck(comm, cond, ...) TesseraTestReport_Private(comm, cond, __VA_ARGS__)

/* prints the tally; the exit status of the test program (call after PetscFinalize() only with PETSC_COMM_SELF
   semantics, i.e. use it as `return TesseraTestReturn();`) */
static inline int TesseraTestReturn(void)
{
  if (TesseraTestFailures_) fprintf(stderr, "%d of %d checks FAILED\n", (int)TesseraTestFailures_, (int)TesseraTestChecks_);
  return TesseraTestFailures_ ? 1 : 0;
}

#endif
