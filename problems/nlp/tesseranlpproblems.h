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

TESSERA_EXTERN PetscErrorCode NLPProblemRegister(const char name[], PetscErrorCode (*create)(NLPProblem));
TESSERA_EXTERN PetscErrorCode NLPProblemListView(MPI_Comm comm);
TESSERA_EXTERN PetscErrorCode NLPProblemGetNames(PetscInt *n, const char ***names);
TESSERA_EXTERN PetscErrorCode NLPProblemCreate(MPI_Comm comm, const char name[], NLPProblem *nlp);
TESSERA_EXTERN PetscErrorCode NLPProblemDestroy(NLPProblem *nlp);
TESSERA_EXTERN PetscErrorCode NLPProblemGetName(NLPProblem nlp, const char **name);
TESSERA_EXTERN PetscErrorCode NLPProblemGetSizes(NLPProblem nlp, PetscInt *n, PetscInt *m);
TESSERA_EXTERN PetscErrorCode NLPProblemGetOptimum(NLPProblem nlp, PetscReal *fstar, PetscBool *known);
TESSERA_EXTERN PetscErrorCode NLPProblemSetUpTao(NLPProblem nlp, Tao tao);
TESSERA_EXTERN PetscErrorCode NLPProblemGetInitialMultipliers(NLPProblem nlp, Vec *lam0);
TESSERA_EXTERN PetscErrorCode NLPProblemCreateTao(NLPProblem nlp, TaoType type, PetscReal gatol, Tao *tao);
TESSERA_EXTERN PetscErrorCode NLPProblemGetJacobian(NLPProblem nlp, Mat *J);
TESSERA_EXTERN PetscErrorCode NLPProblemComputeKKT(NLPProblem nlp, Tao tao, Vec x, Vec lam, PetscReal *f, PetscReal *kkt);
TESSERA_EXTERN PetscErrorCode NLPProblemComputeLeastSquaresMultipliers(NLPProblem nlp, Tao tao, Vec x, Vec lam);
TESSERA_EXTERN PetscErrorCode NLPProblemReport(NLPProblem nlp, Vec x, PetscViewer viewer);

TESSERA_EXTERN PetscErrorCode NLPProblemInitializePackage(void);

#endif
