/*
   tesseraproblem.h - the one shape of tessera's problem sets: each set keeps its problems in a PetscFunctionList
   and selects one with -problem NAME through TesseraProblemSelect(), which lists the names under -help and
   prints them the same way for -problem list in every set.
*/
#if !defined(TESSERAPROBLEM_H)
  #define TESSERAPROBLEM_H

  #include <petscviewer.h>
  #include <tesserasys.h>

/* SUBMANSEC = Sys */

TESSERA_EXTERN PetscErrorCode TesseraProblemSelect(MPI_Comm comm, const char prefix[], const char set[], PetscFunctionList list, const char defname[], char name[], size_t len, PetscBool *listed);
TESSERA_EXTERN PetscErrorCode TesseraProblemListView(PetscFunctionList list, const char set[], PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode TesseraProblemFind(MPI_Comm comm, PetscFunctionList list, const char set[], const char name[], void (**fn)(void));

#endif
