/*
   sys.c - the base layer: version, validation of option values, setter arguments and data, and the package
   logging helper every class initializer uses.
*/
#if !defined(_GNU_SOURCE)
  #define _GNU_SOURCE /* dladdr() */
#endif
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <tesseraimpl.h>

/*@C
  TesseraGetVersion - Gets the tessera version string

  Not Collective

  Input Parameter:
. len - length of the buffer

  Output Parameter:
. version - the version, e.g. "tessera 0.1.0"

  Level: beginner

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode TesseraGetVersion(char version[], size_t len)
{
  PetscFunctionBegin;
  PetscValidCharPointer(version, 1);
  PetscCall(PetscSNPrintf(version, len, "tessera %s", TESSERA_VERSION_STRING));
  PetscFunctionReturn(0);
}

static PetscInt TesseraVerdicts = 0, TesseraVerdictFailures = 0;

/*@C
  TesseraVerdictPrintV - Reduces a check over a communicator and prints one verdict line; the common core of
  `TesseraVerdict()` (examples' `-test` modes) and of the test programs' `TesseraTestCheck()` (tests/tesseratest.h)

  Collective

  Input Parameters:
+ comm  - the communicator; the line is printed on its rank 0
. cond  - whether the check held on this rank (reduced with a logical AND over comm)
. style - `TESSERA_VERDICT_YES_NO` ("<what>: yes|no") or `TESSERA_VERDICT_OK_FAILED` ("ok|FAILED: <what>")
. fmt   - printf-style description of what is checked
- ap    - its arguments

  Output Parameter:
. held - whether the check held on every rank of comm

  Level: developer

  Note:
  Counts nothing; the caller keeps its tally.

.seealso: `TesseraVerdict()`, `TesseraVerdictCheckAll()`
@*/
PetscErrorCode TesseraVerdictPrintV(MPI_Comm comm, PetscBool cond, TesseraVerdictStyle style, PetscBool *held, const char fmt[], va_list ap)
{
  char        msg[1024];
  size_t      used;
  PetscMPIInt local = cond ? 1 : 0, all;

  PetscFunctionBegin;
  PetscValidBoolPointer(held, 4);
  PetscValidCharPointer(fmt, 5);
  PetscCallMPI(MPI_Allreduce(&local, &all, 1, MPI_INT, MPI_LAND, comm));
  PetscCall(PetscVSNPrintf(msg, sizeof(msg), fmt, &used, ap));
  if (style == TESSERA_VERDICT_YES_NO) PetscCall(PetscPrintf(comm, "%s: %s\n", msg, all ? "yes" : "no"));
  else PetscCall(PetscPrintf(comm, "%s: %s\n", all ? "ok" : "FAILED", msg));
  *held = all ? PETSC_TRUE : PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  TesseraVerdict - Prints one verdict of a program's self-check (the `-test` modes of tessera's examples), as
  "<what>: yes" or "<what>: no", and counts a "no"

  Collective

  Input Parameters:
+ comm - the communicator; the verdict is printed on its rank 0
. cond - whether the check held (a rank-local condition is reduced with a logical AND over comm)
- fmt  - printf-style description of what is checked, followed by its arguments

  Level: intermediate

  Note:
  A program calls `TesseraVerdictCheckAll()` after its verdicts, so that a failed check is a PETSc error and a
  nonzero exit status, never a "no" followed by exit status 0.

.seealso: `TesseraVerdictCheckAll()`, `TesseraVerdictPrintV()`
@*/
PetscErrorCode TesseraVerdict(MPI_Comm comm, PetscBool cond, const char fmt[], ...)
{
  va_list        ap;
  PetscBool      held;
  PetscErrorCode ierr;

  PetscFunctionBegin;
  va_start(ap, fmt);
  ierr = TesseraVerdictPrintV(comm, cond, TESSERA_VERDICT_YES_NO, &held, fmt, ap);
  va_end(ap);
  PetscCall(ierr);
  TesseraVerdicts++;
  if (!held) TesseraVerdictFailures++;
  PetscFunctionReturn(0);
}

/*@C
  TesseraVerdictCheckAll - Raises a PETSc error (`PETSC_ERR_NOT_CONVERGED`) if any verdict printed so far by
  `TesseraVerdict()` in this process was "no"

  Collective

  Input Parameter:
. comm - the communicator of the verdicts

  Level: intermediate

.seealso: `TesseraVerdict()`
@*/
PetscErrorCode TesseraVerdictCheckAll(MPI_Comm comm)
{
  PetscFunctionBegin;
  PetscCheck(!TesseraVerdictFailures, comm, PETSC_ERR_NOT_CONVERGED, "%d of the %d checks printed above failed (\"no\")", (int)TesseraVerdictFailures, (int)TesseraVerdicts);
  PetscFunctionReturn(0);
}

/*@C
  TesseraRandomPermutation - Fills perm with a random permutation of 0, ..., n - 1 (Fisher-Yates shuffle driven by rnd)

  Not Collective

  Input Parameters:
+ rnd - the random stream (its interval must be [0, 1), the default); the same stream gives the same permutation
- n   - the length

  Output Parameter:
. perm - the permutation (length n)

  Level: developer

  Note:
  Used for seeded splits of data sets into training, validation and test samples (problems/bilevel/svm.c,
  problems/nlp/logreg.c); every rank that draws from an identically seeded stream gets the same permutation.

.seealso: `PetscRandomCreate()`
@*/
PetscErrorCode TesseraRandomPermutation(PetscRandom rnd, PetscInt n, PetscInt perm[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(rnd, PETSC_RANDOM_CLASSID, 1);
  if (n > 0) PetscValidIntPointer(perm, 3);
  for (PetscInt i = 0; i < n; i++) perm[i] = i;
  for (PetscInt i = n - 1; i > 0; i--) {
    PetscReal u;
    PetscInt  j, t;

    PetscCall(PetscRandomGetValueReal(rnd, &u));
    j       = PetscMin((PetscInt)(u * (i + 1)), i);
    t       = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  PetscFunctionReturn(0);
}

/*@C
  TesseraCheckRealInRange - Checks that a real argument is finite and in [lo, hi]

  Collective

  Input Parameters:
+ comm  - the communicator on which the error is raised
. name  - what the value is (an option name, an argument), used in the message
. value - the value
. lo    - the smallest admissible value (`PETSC_MIN_REAL` for no lower bound)
- hi    - the largest admissible value (`PETSC_MAX_REAL` for no upper bound)

  Level: developer

.seealso: `TesseraOptionsRealInRange()`, `TesseraCheckIntInRange()`
@*/
PetscErrorCode TesseraCheckRealInRange(MPI_Comm comm, const char name[], PetscReal value, PetscReal lo, PetscReal hi)
{
  PetscFunctionBegin;
  PetscCheck(!PetscIsInfOrNanReal(value), comm, PETSC_ERR_ARG_OUTOFRANGE, "%s = %g is not a finite number", name, (double)value);
  PetscCheck(value >= lo && value <= hi, comm, PETSC_ERR_ARG_OUTOFRANGE, "%s = %g is out of range [%g, %g]", name, (double)value, (double)lo, (double)hi);
  PetscFunctionReturn(0);
}

/*@C
  TesseraCheckIntInRange - Checks that an integer argument is in [lo, hi]

  Collective

  Input Parameters:
+ comm  - the communicator on which the error is raised
. name  - what the value is, used in the message
. value - the value
. lo    - the smallest admissible value
- hi    - the largest admissible value

  Level: developer

.seealso: `TesseraOptionsIntInRange()`, `TesseraCheckRealInRange()`
@*/
PetscErrorCode TesseraCheckIntInRange(MPI_Comm comm, const char name[], PetscInt value, PetscInt lo, PetscInt hi)
{
  PetscFunctionBegin;
  PetscCheck(value >= lo && value <= hi, comm, PETSC_ERR_ARG_OUTOFRANGE, "%s = %" PetscInt_FMT " is out of range [%" PetscInt_FMT ", %" PetscInt_FMT "]", name, value, lo, hi);
  PetscFunctionReturn(0);
}

/*@C
  TesseraVecCheckFinite - Checks that no entry of a vector is NaN or Inf

  Collective

  Input Parameters:
+ vec  - the vector
- name - what the vector holds, used in the message

  Level: developer

.seealso: `TesseraCheckRealInRange()`
@*/
PetscErrorCode TesseraVecCheckFinite(Vec vec, const char name[])
{
  const PetscScalar *a;
  PetscInt           n, i, first = -1, gfirst;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(vec, VEC_CLASSID, 1);
  PetscCall(VecGetLocalSize(vec, &n));
  PetscCall(VecGetArrayRead(vec, &a));
  for (i = 0; i < n; i++) {
    if (PetscIsInfOrNanScalar(a[i])) {
      PetscInt lo;

      PetscCall(VecGetOwnershipRange(vec, &lo, NULL));
      first = lo + i;
      break;
    }
  }
  PetscCall(VecRestoreArrayRead(vec, &a));
  PetscCall(MPIU_Allreduce(&first, &gfirst, 1, MPIU_INT, MPI_MAX, PetscObjectComm((PetscObject)vec)));
  PetscCheck(gfirst < 0, PetscObjectComm((PetscObject)vec), PETSC_ERR_FP, "%s contains NaN or Inf (entry %" PetscInt_FMT ")", name, gfirst);
  PetscFunctionReturn(0);
}

/* PETSc's own message for a value that is not a number ("Input string abc has no integer value") does not name the
   option, and an integer too large for strtoll() reaches the range check as -1: the raw text is checked first, so
   that the error names the option and shows the value as given */
static PetscErrorCode TesseraOptionsCheckText_Private(PetscOptionItems *PetscOptionsObject, const char opt[], PetscBool isint)
{
  char        buf[256];
  PetscBool   has;
  const char *prefix = PetscOptionsObject->prefix ? PetscOptionsObject->prefix : "";

  PetscFunctionBegin;
  PetscCall(PetscOptionsGetString(PetscOptionsObject->options, PetscOptionsObject->prefix, opt, buf, sizeof(buf), &has));
  if (!has) PetscFunctionReturn(0);
  /* PETSc itself would quietly keep the default */
  PetscCheck(buf[0], PetscOptionsObject->comm, PETSC_ERR_ARG_WRONG, "Option -%s%s needs a value", prefix, opt + 1);
  {
    PetscErrorCode ierr;
    PetscInt       iv;
    PetscReal      rv;

    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = isint ? PetscOptionsStringToInt(buf, &iv) : PetscOptionsStringToReal(buf, &rv);
    PetscCall(PetscPopErrorHandler());
    PetscCheck(!ierr, PetscOptionsObject->comm, PETSC_ERR_ARG_WRONG, "Option -%s%s %s is not %s", prefix, opt + 1, buf, isint ? "an integer" : "a number");
  }
  if (isint) {
    char     *end;
    long long ll;

    errno = 0;
    ll    = strtoll(buf, &end, 10);
    PetscCheck(*end || (errno != ERANGE && ll >= PETSC_MIN_INT && ll <= PETSC_MAX_INT), PetscOptionsObject->comm, PETSC_ERR_ARG_OUTOFRANGE, "Option -%s%s %s does not fit in a PetscInt", prefix, opt + 1, buf);
  }
  PetscFunctionReturn(0);
}

PetscErrorCode TesseraOptionsRealInRange_Private(PetscOptionItems *PetscOptionsObject, const char opt[], const char text[], const char man[], PetscReal currentvalue, PetscReal *value, PetscBool *set, PetscReal lo, PetscReal hi, PetscBool openlo)
{
  PetscBool   flg;
  const char *prefix = PetscOptionsObject->prefix ? PetscOptionsObject->prefix : "";

  PetscFunctionBegin;
  PetscCall(TesseraOptionsCheckText_Private(PetscOptionsObject, opt, PETSC_FALSE));
  PetscCall(PetscOptionsReal_Private(PetscOptionsObject, opt, text, man, currentvalue, value, &flg));
  if (set) *set = flg;
  if (!flg) PetscFunctionReturn(0);
  PetscCheck(!PetscIsInfOrNanReal(*value), PetscOptionsObject->comm, PETSC_ERR_ARG_OUTOFRANGE, "Option -%s%s %g is not a finite number", prefix, opt + 1, (double)*value);
  if (openlo) PetscCheck(*value > lo && *value <= hi, PetscOptionsObject->comm, PETSC_ERR_ARG_OUTOFRANGE, "Option -%s%s %g is out of range (%g, %g]", prefix, opt + 1, (double)*value, (double)lo, (double)hi);
  else PetscCheck(*value >= lo && *value <= hi, PetscOptionsObject->comm, PETSC_ERR_ARG_OUTOFRANGE, "Option -%s%s %g is out of range [%g, %g]", prefix, opt + 1, (double)*value, (double)lo, (double)hi);
  PetscFunctionReturn(0);
}

PetscErrorCode TesseraOptionsIntInRange_Private(PetscOptionItems *PetscOptionsObject, const char opt[], const char text[], const char man[], PetscInt currentvalue, PetscInt *value, PetscBool *set, PetscInt lo, PetscInt hi)
{
  PetscBool   flg;
  const char *prefix = PetscOptionsObject->prefix ? PetscOptionsObject->prefix : "";

  PetscFunctionBegin;
  PetscCall(TesseraOptionsCheckText_Private(PetscOptionsObject, opt, PETSC_TRUE));
  PetscCall(PetscOptionsInt_Private(PetscOptionsObject, opt, text, man, currentvalue, value, &flg, PETSC_MIN_INT, PETSC_MAX_INT));
  if (set) *set = flg;
  if (!flg) PetscFunctionReturn(0);
  PetscCheck(*value >= lo && *value <= hi, PetscOptionsObject->comm, PETSC_ERR_ARG_OUTOFRANGE, "Option -%s%s %" PetscInt_FMT " is out of range [%" PetscInt_FMT ", %" PetscInt_FMT "]", prefix, opt + 1, *value, lo, hi);
  PetscFunctionReturn(0);
}

/* the packages initialized since PetscInitialize(), finalized together by TesseraPackagesFinalize_Private() */
#define TESSERA_MAX_PACKAGES 64
static TesseraPackage *TesseraPackages[TESSERA_MAX_PACKAGES];
static PetscInt        TesseraNumPackages = 0;

static PetscErrorCode TesseraPackagesFinalize_Private(void)
{
  PetscFunctionBegin;
  for (PetscInt i = TesseraNumPackages - 1; i >= 0; i--) {
    TesseraPackage *pkg = TesseraPackages[i];

    if (pkg->finalize) PetscCall((*pkg->finalize)());
    PetscCall(PetscFunctionListDestroy(&pkg->list));
    pkg->initialized   = PETSC_FALSE;
    TesseraPackages[i] = NULL;
  }
  TesseraNumPackages = 0;
  PetscFunctionReturn(0);
}

/*
  TesseraPackageInitialize_Private - initializes a package once per PetscInitialize(): registers its class, runs
  hook (registrations that are not table entries, e.g. TaoRegister()), adds the entries to its registry, registers
  its log events, honours -info (PetscInfoProcessClass) and -log_exclude, and records it for the shared finalizer
*/
PetscErrorCode TesseraPackageInitialize_Private(TesseraPackage *pkg, const TesseraPackageEntry entries[], const TesseraPackageEvent events[], PetscErrorCode (*hook)(void))
{
  char      logList[256];
  PetscBool opt, found;

  PetscFunctionBegin;
  if (pkg->initialized) PetscFunctionReturn(0);
  PetscCheck(TesseraNumPackages < TESSERA_MAX_PACKAGES, PETSC_COMM_SELF, PETSC_ERR_PLIB, "More than %d tessera packages", TESSERA_MAX_PACKAGES);
  if (!TesseraNumPackages) PetscCall(PetscRegisterFinalize(TesseraPackagesFinalize_Private));
  TesseraPackages[TesseraNumPackages++] = pkg;
  pkg->initialized                      = PETSC_TRUE;
  if (pkg->classname) PetscCall(PetscClassIdRegister(pkg->classname, pkg->classid));
  if (hook) PetscCall((*hook)());
  for (PetscInt i = 0; entries && entries[i].name; i++) PetscCall(PetscFunctionListAdd(&pkg->list, entries[i].name, entries[i].create));
  for (PetscInt i = 0; events && events[i].name; i++) PetscCall(PetscLogEventRegister(events[i].name, *pkg->classid, events[i].event));
  if (!pkg->classname) PetscFunctionReturn(0);
  PetscCall(PetscInfoProcessClass(pkg->name, 1, pkg->classid));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-log_exclude", logList, sizeof(logList), &opt));
  if (opt) {
    PetscCall(PetscStrInList(pkg->name, logList, ',', &found));
    if (found) PetscCall(PetscLogEventExcludeClass(*pkg->classid));
  }
  PetscFunctionReturn(0);
}

/*
  TesseraPackageFindProblemSet_Private - the initialized package of the problem set named set (its problemset field);
  an error naming the initialized sets if there is none (the set's XXXProblemInitializePackage() was not called)
*/
PetscErrorCode TesseraPackageFindProblemSet_Private(MPI_Comm comm, const char set[], TesseraPackage **pkg)
{
  char known[256];

  PetscFunctionBegin;
  *pkg     = NULL;
  known[0] = 0;
  for (PetscInt i = 0; i < TesseraNumPackages; i++) {
    PetscBool same;

    if (!TesseraPackages[i]->problemset) continue;
    PetscCall(PetscStrcmp(TesseraPackages[i]->problemset, set, &same));
    if (same) {
      *pkg = TesseraPackages[i];
      PetscFunctionReturn(0);
    }
    PetscCall(PetscStrlcat(known, " ", sizeof(known)));
    PetscCall(PetscStrlcat(known, TesseraPackages[i]->problemset, sizeof(known)));
  }
  SETERRQ(comm, PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown problem set '%s' (the initialized ones are:%s); TesseraInitialize() initializes every set", set, known[0] ? known : " none");
}

/*@C
  TesseraGetDataDirectory - Gets the directory that holds tessera's data files (the NIST reference tables, the LIBSVM
  data sets, the CNN weights): <prefix>/share/tessera of an installed library, found relative to the library itself (so
  a moved install still finds its data), or the copy in the build tree for the library of a build tree

  Not Collective

  Input Parameter:
. len - capacity of dir

  Output Parameters:
+ dir  - the directory
- from - "install directory" or "build tree" (may be `NULL`)

  Level: developer

  Note:
  The source tree is never searched: a build tree copies the data files into <build>/share/tessera.

.seealso: `TesseraFindDataFile()`
@*/
PetscErrorCode TesseraGetDataDirectory(char dir[], size_t len, const char **from)
{
  Dl_info   info;
  char      libdir[PETSC_MAX_PATH_LEN], real[PETSC_MAX_PATH_LEN], build[PETSC_MAX_PATH_LEN];
  PetscBool same = PETSC_FALSE;

  PetscFunctionBegin;
  TesseraValidPointer(dir, 1);
  /* the directory of the shared library that holds this function */
  if (dladdr((void *)TesseraGetDataDirectory, &info) && info.dli_fname && realpath(info.dli_fname, real)) {
    char *slash;

    PetscCall(PetscStrncpy(libdir, real, sizeof(libdir)));
    PetscCall(PetscStrrchr(libdir, '/', &slash));
    if (slash != libdir) slash[-1] = 0;
    if (realpath(TESSERA_BUILD_LIBDIR, build)) PetscCall(PetscStrcmp(libdir, build, &same));
  } else PetscCall(PetscStrncpy(libdir, TESSERA_INSTALL_LIBDIR, sizeof(libdir)));
  if (same) {
    PetscCall(PetscStrncpy(dir, TESSERA_BUILD_DATADIR, len));
    if (from) *from = "build tree";
  } else {
    char rel[PETSC_MAX_PATH_LEN];

    PetscCall(PetscSNPrintf(rel, sizeof(rel), "%s/%s", libdir, TESSERA_LIBDIR_TO_DATADIR));
    if (realpath(rel, real)) PetscCall(PetscStrncpy(dir, real, len)); /* without the lib/.. */
    else PetscCall(PetscStrncpy(dir, rel, len));
    if (from) *from = "install directory";
  }
  PetscFunctionReturn(0);
}

/* the default places of data files, in order: $TESSERA_DATA_DIR (dirs[0] NULL if unset; env holds it), then the
   library's data directory (in lib); len is the capacity of env and lib */
PetscErrorCode TesseraDataDirectories_Private(MPI_Comm comm, char env[], char lib[], size_t len, PetscInt *n, const char *dirs[], const char *from[])
{
  PetscBool set;

  PetscFunctionBegin;
  PetscCall(PetscOptionsGetenv(comm, "TESSERA_DATA_DIR", env, len, &set));
  dirs[0] = set && env[0] ? env : NULL;
  from[0] = "TESSERA_DATA_DIR";
  PetscCall(TesseraGetDataDirectory(lib, len, &from[1]));
  dirs[1] = lib;
  *n      = 2;
  PetscFunctionReturn(0);
}

/* path = the first dirs[i]/file that rank 0 can read (path[0] = 0 if none; tried then lists the places, with from[i];
   a NULL dirs[i] is the unset environment variable from[i]) */
PetscErrorCode TesseraFindFile_Private(MPI_Comm comm, const char file[], PetscInt n, const char *const dirs[], const char *const from[], char path[], size_t len, char tried[], size_t tlen)
{
  PetscInt    found = -1;
  PetscMPIInt rank;

  PetscFunctionBegin;
  path[0] = 0;
  if (tried) tried[0] = 0;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  for (PetscInt i = 0; i < n && !rank && found < 0; i++) {
    char      cand[PETSC_MAX_PATH_LEN];
    PetscBool flg;

    if (!dirs[i]) continue;
    PetscCall(PetscSNPrintf(cand, sizeof(cand), "%s/%s", dirs[i], file));
    PetscCall(PetscTestFile(cand, 'r', &flg));
    if (flg) found = i;
  }
  PetscCallMPI(MPI_Bcast(&found, 1, MPIU_INT, 0, comm));
  if (found >= 0) {
    PetscCall(PetscSNPrintf(path, len, "%s/%s", dirs[found], file));
    PetscFunctionReturn(0);
  }
  for (PetscInt i = 0; tried && i < n; i++) {
    char line[PETSC_MAX_PATH_LEN + 64];

    if (dirs[i]) PetscCall(PetscSNPrintf(line, sizeof(line), "\n  %s/%s (%s)", dirs[i], file, from[i]));
    else PetscCall(PetscSNPrintf(line, sizeof(line), "\n  $%s/%s (not set)", from[i], file));
    PetscCall(PetscStrlcat(tried, line, tlen));
  }
  PetscFunctionReturn(0);
}

/*@C
  TesseraFindDataFile - Finds one of tessera's data files: in $TESSERA_DATA_DIR if set, then in the library's data
  directory (`TesseraGetDataDirectory()`)

  Collective

  Input Parameters:
+ comm   - the communicator (rank 0 looks, every rank gets the answer)
. file   - the file's name, e.g. "nist_lda_reference.tsv", "heart_scale", "dncnn.h5"
. option - the option that gives the file explicitly, named in the error
- len    - capacity of path

  Output Parameter:
. path - the file found

  Level: developer

  Note:
  A file that is found nowhere is an error that lists the places tried.

.seealso: `TesseraGetDataDirectory()`
@*/
PetscErrorCode TesseraFindDataFile(MPI_Comm comm, const char file[], const char option[], char path[], size_t len)
{
  char        env[PETSC_MAX_PATH_LEN], lib[PETSC_MAX_PATH_LEN], tried[2 * PETSC_MAX_PATH_LEN + 256];
  const char *dirs[2], *from[2];
  PetscInt    n;

  PetscFunctionBegin;
  PetscValidCharPointer(file, 2);
  PetscValidCharPointer(option, 3);
  PetscValidCharPointer(path, 4);
  PetscCall(TesseraDataDirectories_Private(comm, env, lib, sizeof(env), &n, dirs, from));
  PetscCall(TesseraFindFile_Private(comm, file, n, dirs, from, path, len, tried, sizeof(tried)));
  PetscCheck(path[0], comm, PETSC_ERR_FILE_OPEN, "Data file %s not given (%s) and not found; tried:%s\nGive %s <file>, or set TESSERA_DATA_DIR to a directory holding %s", file, option, tried, option, file);
  PetscFunctionReturn(0);
}
