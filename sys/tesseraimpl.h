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

/* the part every package initializer shares: -info, -log_exclude and the finalizer (sys/sys.c) */
TESSERA_INTERN PetscErrorCode TesseraPackageInitialize_Private(const char name[], PetscInt n, const PetscClassId classids[], PetscErrorCode (*finalize)(void));

#endif
