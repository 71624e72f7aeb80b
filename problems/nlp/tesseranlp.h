/*
   tesseranlp.h - registry of equality-constrained nonlinear programs min f(x) s.t. c(x) = 0 (CUTEst-style set of
   the AdaSketch-Newton paper and a distributed PDE-constrained problem), chosen with -problem NAME.
*/
#if !defined(TESSERANLP_H)
  #define TESSERANLP_H

  #include <petsctao.h>
  #include <tesserasys.h>

/* SUBMANSEC = Tao */

/*S
  TesseraNLP - one equality-constrained test problem: sizes, start point, known optimum and TAO callbacks with
  exact derivatives

  Notes:
  The Hessian callback installed by `TesseraNLPSetUpTao()` follows TAOPDIPM's convention (PETSc's
  src/tao/constrained/tutorials/ex1.c): it returns the Hessian of the Lagrangian f(x) + DE^T c(x), where DE is the
  vector of equality multipliers returned by `TaoGetDualVariables()`.

  Level: beginner

.seealso: `TesseraNLPCreate()`, `TesseraNLPSetUpTao()`, `TesseraNLPRegister()`
S*/
typedef struct _n_TesseraNLP *TesseraNLP;

TESSERA_EXTERN PetscErrorCode TesseraNLPRegister(const char[], PetscErrorCode (*)(TesseraNLP));
TESSERA_EXTERN PetscErrorCode TesseraNLPListView(MPI_Comm);
TESSERA_EXTERN PetscErrorCode TesseraNLPGetNames(PetscInt *, const char ***);
TESSERA_EXTERN PetscErrorCode TesseraNLPCreate(MPI_Comm, const char[], TesseraNLP *);
TESSERA_EXTERN PetscErrorCode TesseraNLPDestroy(TesseraNLP *);
TESSERA_EXTERN PetscErrorCode TesseraNLPGetName(TesseraNLP, const char **);
TESSERA_EXTERN PetscErrorCode TesseraNLPGetSizes(TesseraNLP, PetscInt *, PetscInt *);
TESSERA_EXTERN PetscErrorCode TesseraNLPGetOptimum(TesseraNLP, PetscReal *, PetscBool *);
TESSERA_EXTERN PetscErrorCode TesseraNLPSetUpTao(TesseraNLP, Tao);
TESSERA_EXTERN PetscErrorCode TesseraNLPGetInitialMultipliers(TesseraNLP, Vec *);
TESSERA_EXTERN PetscErrorCode TesseraNLPCreateTao(TesseraNLP, TaoType, PetscReal, Tao *);
TESSERA_EXTERN PetscErrorCode TesseraNLPGetJacobian(TesseraNLP, Mat *);
TESSERA_EXTERN PetscErrorCode TesseraNLPComputeKKT(TesseraNLP, Tao, Vec, Vec, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode TesseraNLPComputeLeastSquaresMultipliers(TesseraNLP, Tao, Vec, Vec);

TESSERA_EXTERN PetscErrorCode TesseraNLPInitializePackage(void);

#endif
