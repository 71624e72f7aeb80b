/*
   tesseratest.h - the one check helper of tessera's test programs and of the -test modes of its example drivers:
   every verdict printed is also counted, and the program fails if any check failed.

     TesseraTestCheck(comm, cond, "what is checked: %g <= %g", a, b);    prints "ok: ..." or "FAILED: ...", counts
     return TesseraTestReturn();                                        after PetscFinalize(): 0 if all held

   Example drivers keep their "<what>: yes|no" lines (their tests match them) and end with a PETSc error when a
   check failed, so a wrong answer is never an exit status 0:

     TesseraTestVerdict(comm, cond, "PSNR above %g dB", 20.0);          prints "PSNR above 20 dB: yes" or ": no"
     PetscCall(TesseraTestCheckAll(comm));                               error PETSC_ERR_NOT_CONVERGED if any failed

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

#include <petscsys.h>
#include <stdarg.h>

static PetscInt TesseraTestFailures_ = 0, TesseraTestChecks_ = 0;

/* prints the verdict on rank 0 of comm and counts a failure; cond must be the same on every rank of comm (a
   rank-local condition is reduced with a logical AND first). verdict: "<what>: yes|no", else "ok|FAILED: <what>" */
static inline PetscErrorCode TesseraTestReport_Private(MPI_Comm comm, PetscBool cond, PetscBool verdict, const char fmt[], ...)
{
  char           msg[1024];
  size_t         used;
  va_list        ap;
  PetscErrorCode ierr;
  PetscMPIInt    local = cond ? 1 : 0, all;

  PetscFunctionBegin;
  PetscCallMPI(MPI_Allreduce(&local, &all, 1, MPI_INT, MPI_LAND, comm));
  va_start(ap, fmt);
  ierr = PetscVSNPrintf(msg, sizeof(msg), fmt, &used, ap);
  va_end(ap);
  PetscCall(ierr);
  TesseraTestChecks_++;
  if (!all) TesseraTestFailures_++;
  if (verdict) PetscCall(PetscPrintf(comm, "%s: %s\n", msg, all ? "yes" : "no"));
  else PetscCall(PetscPrintf(comm, "%s: %s\n", all ? "ok" : "FAILED", msg));
  PetscFunctionReturn(0);
}

/* TesseraTestCheck(comm, cond, fmt, ...): prints "ok: <what>" or "FAILED: <what>" and counts a failure (tests/t*.c) */
#define TesseraTestCheck(comm, cond, ...) TesseraTestReport_Private(comm, cond, PETSC_FALSE, __VA_ARGS__)

/* TesseraTestVerdict(comm, cond, fmt, ...): prints "<what>: yes" or "<what>: no" and counts a failure (the -test
   modes of examples/) */
#define TesseraTestVerdict(comm, cond, ...) TesseraTestReport_Private(comm, cond, PETSC_TRUE, __VA_ARGS__)

/* a PETSc error (exit status nonzero) if any check printed so far failed; an example driver calls it at the end */
static inline PetscErrorCode TesseraTestCheckAll(MPI_Comm comm)
{
  PetscFunctionBegin;
  PetscCheck(!TesseraTestFailures_, comm, PETSC_ERR_NOT_CONVERGED, "%d of the %d checks printed above failed (\"no\")", (int)TesseraTestFailures_, (int)TesseraTestChecks_);
  PetscFunctionReturn(0);
}

/* prints the tally; the exit status of the test program (call after PetscFinalize() only with PETSC_COMM_SELF
   semantics, i.e. use it as `return TesseraTestReturn();`) */
static inline int TesseraTestReturn(void)
{
  if (TesseraTestFailures_) fprintf(stderr, "%d of %d checks FAILED\n", (int)TesseraTestFailures_, (int)TesseraTestChecks_);
  return TesseraTestFailures_ ? 1 : 0;
}

#endif
