/*
   radialfeimpl.h - private data of the radial spectral elements and the radial Poisson solver.
*/
#if !defined(RADIALFEIMPL_H)
  #define RADIALFEIMPL_H

  #include <tesseraimpl.h>
  #include <tesseraradialfe.h>

struct _n_RadialFE {
  /* sizes */
  PetscInt  ne, p, nq; /* elements, polynomial order, Gauss points per element */
  PetscInt  n, nqt;    /* unknowns (ne p - 1), total quadrature points (ne nq) */
  PetscReal rmax;
  /* reference element */
  PetscReal *xg, *wg; /* p + 1 GLL nodes and weights */
  PetscReal *xq, *wq; /* nq Gauss-Legendre points and weights */
  PetscReal *B, *D;   /* basis values and reference derivatives at the Gauss points, B[i nq + q] */
  /* physical mesh */
  PetscReal *mesh;  /* ne + 1 element boundaries */
  PetscReal *r, *w; /* global quadrature points and weights (Jacobian included) */
  PetscReal *mass;  /* diagonal GLL-collocated overlap */
};

struct _n_RadialPoisson {
  RadialFE   fe;    /* the elements and quadrature (do not destroy) */
  PetscInt   q, n;  /* polynomial order, unknowns (ne q: Dirichlet node at rmax removed) */
  PetscReal *B;     /* order-q basis at the Gauss points, B[i nq + k] */
  PetscReal *ab;    /* Cholesky factor of the stiffness (r^2 phi_i', phi_j'), lower band, half-bandwidth q */
  PetscReal *klast; /* stiffness coupling of the last element's nodes to the Dirichlet node */
  PetscReal *rhs;   /* work: right-hand side, then the nodal solution */
  PetscReal  vb;    /* boundary value of the last solve */
  PetscReal *xg;    /* q + 1 GLL nodes of the reference element */
  /* q = 0: integral formulation, V(r) = Q(r)/r + int_r^rmax rho/s ds + Vb - Q(rmax)/rmax, Q(r) = int_0^r rho */
  PetscReal *Iq;           /* nq x nq: int_{-1}^{x_k} L_j of the Lagrange basis L_j of the Gauss points */
  PetscReal *rho;          /* density of the last solve at the quadrature points */
  PetscReal *Qs, *Ws, vsh; /* Q and int_r^rmax rho/s at the ne + 1 element boundaries; the constant Vb - Q(rmax)/rmax */
};

TESSERA_INTERN PetscInt RadialFEFindElement_Private(PetscInt, const PetscReal[], PetscReal);

#endif
