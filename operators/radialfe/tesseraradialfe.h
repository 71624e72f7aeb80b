/*
   tesseraradialfe.h - high-order finite elements on [0, rmax] for radial (spherically symmetric) problems:
   exponential element mesh, Lagrange basis on Gauss-Lobatto-Legendre (GLL) nodes, Gauss-Legendre
   quadrature, assembly of banded operators with the diagonal GLL-collocated overlap, and a finite-element
   Poisson solver for the radial Hartree potential.
*/
#if !defined(TESSERARADIALFE_H)
  #define TESSERARADIALFE_H

  #include <petscsys.h>
  #include <tesserasys.h>

/* SUBMANSEC = RadialFE */

/*S
  RadialFE - a one-dimensional spectral-element discretisation of [0, rmax] with homogeneous Dirichlet
  conditions at both ends (the radial function P(r) = r R(r) of an atomic orbital)

  Level: intermediate

.seealso: `RadialFECreate()`, `RadialFEAssembleBand()`, `RadialPoisson`
S*/
typedef struct _n_RadialFE *RadialFE;

/*S
  RadialPoisson - finite-element solver of the radial Poisson problem (r^2 V')' = -rho(r), rho = 4 pi r^2 n (for u = r V),
  with r^2 V' = 0 at r = 0 and a given V(rmax), on the elements of a `RadialFE` with its own polynomial order

  Level: intermediate

.seealso: `RadialPoissonCreate()`, `RadialPoissonSolve()`
S*/
typedef struct _n_RadialPoisson *RadialPoisson;

TESSERA_EXTERN PetscErrorCode RadialFEMeshExponential(PetscReal, PetscReal, PetscReal, PetscInt, PetscReal[]);
TESSERA_EXTERN PetscErrorCode RadialFEGaussLegendre(PetscInt, PetscReal[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode RadialFEGaussLobatto(PetscInt, PetscReal[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode RadialFEGaussJacobi(PetscInt, PetscReal, PetscReal[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode RadialFELagrange(PetscInt, const PetscReal[], PetscReal, PetscReal[], PetscReal[]);

TESSERA_EXTERN PetscErrorCode RadialFECreate(PetscInt, PetscInt, PetscInt, PetscReal, PetscReal, RadialFE *);
TESSERA_EXTERN PetscErrorCode RadialFECreateFromMesh(PetscInt, const PetscReal[], PetscInt, PetscInt, RadialFE *);
TESSERA_EXTERN PetscErrorCode RadialFEDestroy(RadialFE *);
TESSERA_EXTERN PetscErrorCode RadialFEGetSizes(RadialFE, PetscInt *, PetscInt *, PetscInt *, PetscInt *);
TESSERA_EXTERN PetscErrorCode RadialFEGetMesh(RadialFE, const PetscReal **);
TESSERA_EXTERN PetscErrorCode RadialFEGetQuadrature(RadialFE, const PetscReal **, const PetscReal **);
TESSERA_EXTERN PetscErrorCode RadialFEGetMass(RadialFE, const PetscReal **);
TESSERA_EXTERN PetscErrorCode RadialFEAssembleBand(RadialFE, PetscReal, PetscReal, const PetscReal[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode RadialFEInterpolate(RadialFE, const PetscReal[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode RadialFEEvaluate(RadialFE, const PetscReal[], PetscInt, const PetscReal[], PetscReal[]);

TESSERA_EXTERN PetscErrorCode RadialPoissonCreate(RadialFE, PetscInt, RadialPoisson *);
TESSERA_EXTERN PetscErrorCode RadialPoissonDestroy(RadialPoisson *);
TESSERA_EXTERN PetscErrorCode RadialPoissonSolve(RadialPoisson, const PetscReal[], PetscReal, PetscReal[]);
TESSERA_EXTERN PetscErrorCode RadialPoissonEvaluate(RadialPoisson, PetscInt, const PetscReal[], PetscReal[]);

#endif
