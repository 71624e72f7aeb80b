/*
   tesseranlpproblems.h - registry of equality-constrained nonlinear programs min f(x) s.t. c(x) = 0 (CUTEst-style set of
   the AdaSketch-Newton paper and a distributed PDE-constrained problem), chosen with -problem NAME.
*/
#if !defined(TESSERANLPPROBLEMS_H)
  #define TESSERANLPPROBLEMS_H

  #include <petsctao.h>
  #include <tesserasys.h>

/* SUBMANSEC = Tao */

/*S
  NLPProblem - one equality-constrained test problem: sizes, start point, known optimum and TAO callbacks with
  exact derivatives

  Notes:
  The Hessian callback installed by `NLPProblemSetUpTao()` follows TAOPDIPM's convention (PETSc's
  src/tao/constrained/tutorials/ex1.c): it returns the Hessian of the Lagrangian f(x) + DE^T c(x), where DE is the
  vector of equality multipliers returned by `TaoGetDualVariables()`.

  Level: beginner

.seealso: `NLPProblemCreate()`, `NLPProblemSetUpTao()`, `NLPProblemRegister()`
S*/
typedef struct _n_NLPProblem *NLPProblem;

TESSERA_EXTERN PetscErrorCode NLPProblemRegister(const char[], PetscErrorCode (*)(NLPProblem));
TESSERA_EXTERN PetscErrorCode NLPProblemListView(MPI_Comm);
TESSERA_EXTERN PetscErrorCode NLPProblemGetNames(PetscInt *, const char ***);
TESSERA_EXTERN PetscErrorCode NLPProblemSelect(MPI_Comm comm, const char defname[], char name[], size_t len, PetscBool *listed);
TESSERA_EXTERN PetscErrorCode NLPProblemCreate(MPI_Comm, const char[], NLPProblem *);
TESSERA_EXTERN PetscErrorCode NLPProblemDestroy(NLPProblem *);
TESSERA_EXTERN PetscErrorCode NLPProblemGetName(NLPProblem, const char **);
TESSERA_EXTERN PetscErrorCode NLPProblemGetSizes(NLPProblem, PetscInt *, PetscInt *);
TESSERA_EXTERN PetscErrorCode NLPProblemGetOptimum(NLPProblem, PetscReal *, PetscBool *);
TESSERA_EXTERN PetscErrorCode NLPProblemSetUpTao(NLPProblem, Tao);
TESSERA_EXTERN PetscErrorCode NLPProblemGetInitialMultipliers(NLPProblem, Vec *);
TESSERA_EXTERN PetscErrorCode NLPProblemCreateTao(NLPProblem, TaoType, PetscReal, Tao *);
TESSERA_EXTERN PetscErrorCode NLPProblemGetJacobian(NLPProblem, Mat *);
TESSERA_EXTERN PetscErrorCode NLPProblemComputeKKT(NLPProblem, Tao, Vec, Vec, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode NLPProblemComputeLeastSquaresMultipliers(NLPProblem, Tao, Vec, Vec);

TESSERA_EXTERN PetscErrorCode NLPProblemInitializePackage(void);

#endif
