/*
   tesserasys.h - the base layer of tessera: export macros, version, and the validation helpers that every
   class uses for option values, setter arguments and data.
*/
#ifndef TESSERASYS_H
#define TESSERASYS_H

#include <petscvec.h>
#include <stdarg.h>
#include <tesseraversion.h>

/* SUBMANSEC = Sys */

#if !defined(TESSERA_EXTERN)
  #define TESSERA_EXTERN extern __attribute__((visibility("default")))
#endif
#if !defined(TESSERA_INTERN)
  #define TESSERA_INTERN extern __attribute__((visibility("hidden")))
#endif

TESSERA_EXTERN PetscErrorCode TesseraGetVersion(char version[], size_t len);
/*E
  TesseraVerdictStyle - How `TesseraVerdictPrintV()` prints a verdict line

  Values:
+ `TESSERA_VERDICT_YES_NO`    - "<what>: yes" or "<what>: no" (the `-test` modes of the examples)
- `TESSERA_VERDICT_OK_FAILED` - "ok: <what>" or "FAILED: <what>" (the test programs)

  Level: developer

.seealso: `TesseraVerdictPrintV()`, `TesseraVerdict()`
E*/
typedef enum { TESSERA_VERDICT_YES_NO, TESSERA_VERDICT_OK_FAILED } TesseraVerdictStyle;

TESSERA_EXTERN PetscErrorCode TesseraVerdictPrintV(MPI_Comm comm, PetscBool cond, TesseraVerdictStyle style, PetscBool *held, const char fmt[], va_list ap);
TESSERA_EXTERN PetscErrorCode TesseraVerdict(MPI_Comm comm, PetscBool cond, const char fmt[], ...) PETSC_ATTRIBUTE_FORMAT(3, 4);
TESSERA_EXTERN PetscErrorCode TesseraVerdictCheckAll(MPI_Comm comm);
TESSERA_EXTERN PetscErrorCode TesseraRandomPermutation(PetscRandom rnd, PetscInt n, PetscInt perm[]);

TESSERA_EXTERN PetscErrorCode TesseraCheckRealInRange(MPI_Comm comm, const char name[], PetscReal value, PetscReal lo, PetscReal hi);
TESSERA_EXTERN PetscErrorCode TesseraCheckIntInRange(MPI_Comm comm, const char name[], PetscInt value, PetscInt lo, PetscInt hi);
TESSERA_EXTERN PetscErrorCode TesseraVecCheckFinite(Vec vec, const char name[]);
TESSERA_EXTERN PetscErrorCode TesseraGetDataDirectory(char dir[], size_t len, const char **from);
TESSERA_EXTERN PetscErrorCode TesseraFindDataFile(MPI_Comm comm, const char file[], const char option[], char path[], size_t len);

TESSERA_EXTERN PetscErrorCode TesseraOptionsRealInRange_Private(PetscOptionItems *PetscOptionsObject, const char opt[], const char text[], const char man[], PetscReal currentvalue, PetscReal *value, PetscBool *set, PetscReal lo, PetscReal hi,
                                                                PetscBool openlo);
TESSERA_EXTERN PetscErrorCode TesseraOptionsIntInRange_Private(PetscOptionItems *PetscOptionsObject, const char opt[], const char text[], const char man[], PetscInt currentvalue, PetscInt *value, PetscBool *set, PetscInt lo, PetscInt hi);

/*MC
  TesseraOptionsRealInRange - Gets a real option, as `PetscOptionsReal()`, and checks that it is finite and in
  [lo, hi]

  Synopsis:
  #include <tesserasys.h>
  PetscErrorCode TesseraOptionsRealInRange(const char opt[], const char text[], const char man[], PetscReal currentvalue, PetscReal *value, PetscBool *set, PetscReal lo, PetscReal hi)

  Logically Collective on the communicator passed to `PetscOptionsBegin()`

  Input Parameters:
+ opt          - the option name
. text         - short help string
. man          - manual page name
. currentvalue - the current (default) value
. lo           - the smallest admissible value (`PETSC_MIN_REAL` for no lower bound)
- hi           - the largest admissible value (`PETSC_MAX_REAL` for no upper bound)

  Output Parameters:
+ value - the value given (unchanged if the option is absent)
- set   - `PETSC_TRUE` if the option was given (may be `NULL`)

  Level: intermediate

  Notes:
  Must be called between `PetscOptionsBegin()` (or `PetscObjectOptionsBegin()`) and `PetscOptionsEnd()`.
  NaN and +/-Inf are always rejected, as is any value outside [lo, hi], with an error naming the option
  with its prefix. `PetscOptionsRangeReal()` lets NaN through (every comparison with NaN is false). So are a value
  that is not a number and the option given without a value (PETSc alone would name only the text, or keep the
  default).

.seealso: `TesseraOptionsRealPositive()`, `TesseraOptionsIntInRange()`, `TesseraCheckRealInRange()`, `PetscOptionsReal()`
M*/
#define TesseraOptionsRealInRange(opt, text, man, cur, value, set, lo, hi) TesseraOptionsRealInRange_Private(PetscOptionsObject, opt, text, man, cur, value, set, lo, hi, PETSC_FALSE)

/*MC
  TesseraOptionsRealPositive - Gets a real option, as `PetscOptionsReal()`, and checks that it is finite and
  in (0, hi]

  Synopsis:
  #include <tesserasys.h>
  PetscErrorCode TesseraOptionsRealPositive(const char opt[], const char text[], const char man[], PetscReal currentvalue, PetscReal *value, PetscBool *set, PetscReal hi)

  Logically Collective on the communicator passed to `PetscOptionsBegin()`

  Input Parameters:
+ opt          - the option name
. text         - short help string
. man          - manual page name
. currentvalue - the current (default) value
- hi           - the largest admissible value (`PETSC_MAX_REAL` for no upper bound)

  Output Parameters:
+ value - the value given (unchanged if the option is absent)
- set   - `PETSC_TRUE` if the option was given (may be `NULL`)

  Level: intermediate

.seealso: `TesseraOptionsRealInRange()`, `TesseraOptionsIntInRange()`
M*/
#define TesseraOptionsRealPositive(opt, text, man, cur, value, set, hi) TesseraOptionsRealInRange_Private(PetscOptionsObject, opt, text, man, cur, value, set, 0.0, hi, PETSC_TRUE)

/*MC
  TesseraOptionsIntInRange - Gets an integer option, as `PetscOptionsInt()`, and checks that it is in [lo, hi]

  Synopsis:
  #include <tesserasys.h>
  PetscErrorCode TesseraOptionsIntInRange(const char opt[], const char text[], const char man[], PetscInt currentvalue, PetscInt *value, PetscBool *set, PetscInt lo, PetscInt hi)

  Logically Collective on the communicator passed to `PetscOptionsBegin()`

  Input Parameters:
+ opt          - the option name
. text         - short help string
. man          - manual page name
. currentvalue - the current (default) value
. lo           - the smallest admissible value
- hi           - the largest admissible value

  Output Parameters:
+ value - the value given (unchanged if the option is absent)
- set   - `PETSC_TRUE` if the option was given (may be `NULL`)

  Level: intermediate

  Note:
  A value that is not an integer (e.g. "abc", "2.5"), one beyond the range of `PetscInt` and the option given without
  a value are errors naming the option.

.seealso: `TesseraOptionsRealInRange()`, `PetscOptionsRangeInt()`
M*/
#define TesseraOptionsIntInRange(opt, text, man, cur, value, set, lo, hi) TesseraOptionsIntInRange_Private(PetscOptionsObject, opt, text, man, cur, value, set, lo, hi)

#endif
