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
  and PetscFinalize(). One shared finalizer (sys/sys.c) destroys every package's registry and resets its flags, so no
  package writes its own. Declare one per package, statically initialised with its name (and class name):

    static TesseraPackage RadonPackage = {.name = "radon", .classname = "Radon", .classid = &RADON_CLASSID};

    PetscErrorCode MatRadonInitializePackage(void)
    {
      PetscFunctionBegin;
      TesseraPackageBegin(&RadonPackage);     (returns if already initialized; registers the class id)
      ... PetscLogEventRegister() ...
      PetscCall(TesseraPackageEnd_Private(&RadonPackage));   (-info, -log_exclude)
      PetscFunctionReturn(0);
    }
*/
typedef struct {
  const char   *name;               /* package name for -info and -log_exclude */
  const char   *classname;          /* class registered with PetscClassIdRegister(), or NULL */
  PetscClassId *classid;            /* where the class id goes, or NULL */
  PetscErrorCode (*finalize)(void); /* extra cleanup at PetscFinalize(), or NULL */
  PetscBool         initialized;    /* XXXInitializePackage() ran since PetscInitialize() */
  PetscBool         registered;     /* XXXRegisterAll() ran */
  PetscFunctionList list;           /* the package's registry of types or problems */
} TesseraPackage;

TESSERA_INTERN PetscErrorCode TesseraPackageBegin_Private(TesseraPackage *pkg, PetscBool *begin);
TESSERA_INTERN PetscErrorCode TesseraPackageEnd_Private(TesseraPackage *pkg);

/* first statement of an XXXInitializePackage() (after PetscFunctionBegin): returns if the package is initialized */
#define TesseraPackageBegin(pkg)                                  \
  do {                                                            \
    PetscBool tessera_begin_;                                     \
    PetscCall(TesseraPackageBegin_Private(pkg, &tessera_begin_)); \
    if (!tessera_begin_) PetscFunctionReturn(0);                  \
  } while (0)
/* first statement of an XXXRegisterAll() (after PetscFunctionBegin): returns if the types are registered */
#define TesseraPackageRegisterAllBegin(pkg)        \
  do {                                             \
    if ((pkg)->registered) PetscFunctionReturn(0); \
    (pkg)->registered = PETSC_TRUE;                \
  } while (0)

#endif
