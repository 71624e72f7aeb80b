/*
   tesseraimpl.h - private internals shared by all of tessera, and every PETSc version shim.

   tessera is written against PETSc 3.18. Each construct that changes in later releases goes through one
   macro here, so that a port touches this file only.
*/
#ifndef TESSERAIMPL_H
#define TESSERAIMPL_H

#include <petsc/private/petscimpl.h>
#include <tesserasys.h>

/* PETSC_SUCCESS appears in 3.19; 3.18 returns 0 */
#if PETSC_VERSION_LT(3, 19, 0)
  #define TESSERA_SUCCESS 0
#else
  #define TESSERA_SUCCESS PETSC_SUCCESS
#endif

/* PetscValidPointer becomes PetscAssertPointer in 3.20 */
#if PETSC_VERSION_LT(3, 20, 0)
  #define TesseraValidPointer(p, a) PetscValidPointer(p, a)
#else
  #define TesseraValidPointer(p, a) PetscAssertPointer(p, a)
#endif

/* the setfromoptions op takes PetscOptionItems * in 3.18-3.22 and by value from 3.23 */
#if PETSC_VERSION_LT(3, 23, 0)
  #define TESSERA_OPTIONS_ITEMS PetscOptionItems *
#else
  #define TESSERA_OPTIONS_ITEMS PetscOptionItems
#endif

/* hot loops compiled in an AVX2 and a baseline version, chosen at load time (GCC, x86-64, glibc ifunc): no -march,
   the library runs on any x86-64 (the Radon kernels, the CNN's convolution layers) */
#if defined(__GNUC__) && !defined(__clang__) && !defined(__INTEL_COMPILER) && defined(__x86_64__) && defined(__linux__)
  #define TESSERA_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
  #define TESSERA_VECTOR_CLONES
#endif

/*
  TesseraPackage - the state every package (class, registered type or problem set) keeps between PetscInitialize()
  and PetscFinalize(). One shared initializer and one shared finalizer (sys/sys.c) serve every package: an
  XXXInitializePackage() gives its types (or problems) and its log events as tables,

    static TesseraPackage RadonPackage = {.name = "radon", .classname = "Radon", .classid = &RADON_CLASSID};

    PetscErrorCode MatRadonInitializePackage(void)
    {
      static const TesseraPackageEvent events[] = {{"RadonMult", &RADON_Mult}, {NULL, NULL}};

      PetscFunctionBegin;
      PetscCall(TesseraPackageInitialize_Private(&RadonPackage, NULL, events, NULL));
      PetscFunctionReturn(0);
    }

  and the registry of types is RadonPackage.list.
*/
typedef struct {
  const char   *name;               /* package name for -info and -log_exclude */
  const char   *classname;          /* class registered with PetscClassIdRegister(), or NULL */
  PetscClassId *classid;            /* that class's id, or the id of the PETSc class the log events belong to (&TAO_CLASSID) */
  PetscErrorCode (*finalize)(void); /* extra cleanup at PetscFinalize(), or NULL */
  PetscBool         initialized;    /* the package is initialized (reset by PetscFinalize()) */
  PetscFunctionList list;           /* the package's registry of types or problems */
  const char       *problemset;     /* a problem set's name (-problem, -help, errors: "bilevel"), or NULL */
} TesseraPackage;

typedef struct {
  const char *name;
  void (*create)(void);
} TesseraPackageEntry; /* a registered type or problem; tables end with {NULL, NULL} */

typedef struct {
  const char    *name;
  PetscLogEvent *event;
} TesseraPackageEvent; /* a log event; tables end with {NULL, NULL} */

TESSERA_INTERN PetscErrorCode TesseraPackageInitialize_Private(TesseraPackage *pkg, const TesseraPackageEntry entries[], const TesseraPackageEvent events[], PetscErrorCode (*hook)(void));
TESSERA_INTERN PetscErrorCode TesseraDataDirectories_Private(MPI_Comm comm, char env[], char lib[], size_t len, PetscInt *n, const char *dirs[], const char *from[]);
TESSERA_INTERN PetscErrorCode TesseraFindFile_Private(MPI_Comm comm, const char file[], PetscInt n, const char *const dirs[], const char *const from[], char path[], size_t len, char tried[], size_t tlen);
TESSERA_INTERN PetscErrorCode TesseraPackageFindProblemSet_Private(MPI_Comm comm, const char set[], TesseraPackage **pkg);

#endif
