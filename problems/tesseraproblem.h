/*
   tesseraproblem.h - the one shape of tessera's problem sets (nlp, atom, bilevel, chemotaxis, phantom): each set has
   XXXProblemInitializePackage/Register/Create, keeps its problems in a registry found by the set's name, and
   one problem is selected with -problem NAME through TesseraProblemSelect(comm, prefix, set, ...), which lists the
   names under -help and prints them the same way for -problem list in every set.
*/
#if !defined(TESSERAPROBLEM_H)
  #define TESSERAPROBLEM_H

  #include <petscviewer.h>
  #include <tesserasys.h>

/* SUBMANSEC = Sys */

TESSERA_EXTERN PetscErrorCode TesseraProblemSelect(MPI_Comm comm, const char prefix[], const char set[], const char defname[], char name[], size_t len, PetscBool *listed);
TESSERA_EXTERN PetscErrorCode TesseraProblemListView(const char set[], PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode TesseraProblemFind(MPI_Comm comm, const char set[], const char name[], void (**fn)(void));

#endif
