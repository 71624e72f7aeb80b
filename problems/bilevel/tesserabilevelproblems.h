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

TESSERA_EXTERN PetscErrorCode BilevelProblemInitializePackage(void);
TESSERA_EXTERN PetscErrorCode BilevelProblemRegister(const char name[], PetscErrorCode (*create)(BilevelProblem));
TESSERA_EXTERN PetscErrorCode BilevelProblemCreate(MPI_Comm comm, const char name[], BilevelProblem *prob);
TESSERA_EXTERN PetscErrorCode BilevelProblemGetName(BilevelProblem prob, const char **name);
TESSERA_EXTERN PetscErrorCode BilevelProblemSetUpSolver(BilevelProblem prob, Bilevel bl);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeError(BilevelProblem prob, Bilevel bl, PetscReal *xerr, PetscReal *yerr, PetscBool *known);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeLowerGap(BilevelProblem prob, Bilevel bl, PetscReal *gap, PetscReal *feas, PetscBool *known);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeAccuracy(BilevelProblem prob, Bilevel bl, PetscReal *val, PetscReal *test, PetscBool *has);
TESSERA_EXTERN PetscErrorCode BilevelProblemComputeBaseline(BilevelProblem prob, PetscReal *val, PetscReal *test, PetscBool *has);
TESSERA_EXTERN PetscErrorCode BilevelProblemWriteSolution(BilevelProblem prob, Bilevel bl, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode BilevelProblemView(BilevelProblem prob, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode BilevelProblemDestroy(BilevelProblem *prob);

#endif
