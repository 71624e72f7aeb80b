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

TESSERA_EXTERN PetscErrorCode RadialFEMeshExponential(PetscReal rmin, PetscReal rmax, PetscReal a, PetscInt ne, PetscReal r[]);
TESSERA_EXTERN PetscErrorCode RadialFEGaussLegendre(PetscInt n, PetscReal x[], PetscReal w[]);
TESSERA_EXTERN PetscErrorCode RadialFEGaussLobatto(PetscInt n, PetscReal x[], PetscReal w[]);
TESSERA_EXTERN PetscErrorCode RadialFEGaussJacobi(PetscInt n, PetscReal b, PetscReal x[], PetscReal w[]);
TESSERA_EXTERN PetscErrorCode RadialFELagrange(PetscInt n, const PetscReal nodes[], PetscReal x, PetscReal val[], PetscReal der[]);

TESSERA_EXTERN PetscErrorCode RadialFECreate(PetscInt ne, PetscInt p, PetscInt nq, PetscReal rmax, PetscReal a, RadialFE *fe);
TESSERA_EXTERN PetscErrorCode RadialFECreateFromMesh(PetscInt ne, const PetscReal mesh[], PetscInt p, PetscInt nq, RadialFE *fe);
TESSERA_EXTERN PetscErrorCode RadialFEDestroy(RadialFE *fe);
TESSERA_EXTERN PetscErrorCode RadialFEGetSizes(RadialFE fe, PetscInt *n, PetscInt *nqt, PetscInt *ne, PetscInt *p);
TESSERA_EXTERN PetscErrorCode RadialFEGetMesh(RadialFE fe, const PetscReal **mesh);
TESSERA_EXTERN PetscErrorCode RadialFEGetQuadrature(RadialFE fe, const PetscReal **r, const PetscReal **w);
TESSERA_EXTERN PetscErrorCode RadialFEGetMass(RadialFE fe, const PetscReal **mass);
TESSERA_EXTERN PetscErrorCode RadialFEAssembleBand(RadialFE fe, PetscReal ck, PetscReal cc, const PetscReal V[], PetscReal ab[]);
TESSERA_EXTERN PetscErrorCode RadialFEInterpolate(RadialFE fe, const PetscReal u[], PetscReal uq[]);
TESSERA_EXTERN PetscErrorCode RadialFEInterpolateDerivative(RadialFE fe, const PetscReal u[], PetscReal duq[]);
TESSERA_EXTERN PetscErrorCode RadialFEEvaluate(RadialFE fe, const PetscReal u[], PetscInt npts, const PetscReal r[], PetscReal ur[]);

TESSERA_EXTERN PetscErrorCode RadialPoissonCreate(RadialFE fe, PetscInt q, RadialPoisson *ps);
TESSERA_EXTERN PetscErrorCode RadialPoissonDestroy(RadialPoisson *ps);
TESSERA_EXTERN PetscErrorCode RadialPoissonSolve(RadialPoisson ps, const PetscReal rho[], PetscReal Vb, PetscReal V[]);
TESSERA_EXTERN PetscErrorCode RadialPoissonEvaluate(RadialPoisson ps, PetscInt npts, const PetscReal r[], PetscReal V[]);

#endif
