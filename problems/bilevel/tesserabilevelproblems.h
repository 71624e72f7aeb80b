/*
   tesserabilevelproblems.h - registry of bilevel test problems (libCEED problems/ pattern): the LLC toy with its
   closed-form solution, the LLSC toy (strongly convex lower level, coupled equalities), a quadratic problem with known solution, SVM hyper-parameter learning and data
   hyper-cleaning on LIBSVM data. Chosen by name with -problem NAME.
*/
#if !defined(TESSERABILEVELPROBLEMS_H)
  #define TESSERABILEVELPROBLEMS_H

  #include <tesserabilevel.h>

/* SUBMANSEC = Bilevel */

/*S
  BilevelProblem - A registered bilevel test problem: sets up a `Bilevel` solver and measures its result

  Level: beginner

.seealso: `BilevelProblemCreate()`, `BilevelProblemSetUpSolver()`
S*/
typedef struct _p_BilevelProblem *BilevelProblem;

TESSERA_EXTERN PetscErrorCode BilevelProblemRegister(const char[], PetscErrorCode (*)(BilevelProblem));
TESSERA_EXTERN PetscErrorCode BilevelProblemPrintList(MPI_Comm);
TESSERA_EXTERN PetscErrorCode BilevelProblemSelect(MPI_Comm, const char[], char[], size_t, PetscBool *);
TESSERA_EXTERN PetscErrorCode BilevelProblemCreate(MPI_Comm, const char[], BilevelProblem *);
TESSERA_EXTERN PetscErrorCode BilevelProblemGetName(BilevelProblem, const char **);
TESSERA_EXTERN PetscErrorCode BilevelProblemSetUpSolver(BilevelProblem, Bilevel);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeError(BilevelProblem, Bilevel, PetscReal *, PetscReal *, PetscBool *);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeLowerGap(BilevelProblem, Bilevel, PetscReal *, PetscReal *, PetscBool *);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeAccuracy(BilevelProblem, Bilevel, PetscReal *, PetscReal *, PetscBool *);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeBaseline(BilevelProblem, PetscReal *, PetscReal *, PetscBool *);
TESSERA_EXTERN PetscErrorCode BilevelProblemWriteSolution(BilevelProblem, Bilevel, PetscViewer);
TESSERA_EXTERN PetscErrorCode BilevelProblemView(BilevelProblem, PetscViewer);
TESSERA_EXTERN PetscErrorCode BilevelProblemDestroy(BilevelProblem *);

#endif
