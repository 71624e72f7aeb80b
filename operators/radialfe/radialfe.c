/*I "tessera.h" I*/
/*
   Radial spectral elements (operator module of the atom family).

   Method: the interval [0, rmax] is split into Ne elements by the exponential mesh of dftatom/featom,
     r_i = rmin + alpha (exp(beta i) - 1), beta = ln(a)/(Ne - 1), alpha = (rmax - rmin)/(exp(beta Ne) - 1),
   so that the last/first element length ratio is a. On each element the unknown is a polynomial of degree p
   written in the Lagrange basis of the p + 1 Gauss-Lobatto-Legendre (GLL) nodes; both end values are zero
   (P(0) = P(rmax) = 0), leaving Ne p - 1 unknowns. Integrals of products of basis functions use Nq-point
   Gauss-Legendre quadrature, except the overlap, which is collocated at the GLL nodes and therefore diagonal
   (spectral-element mass lumping), so that the generalized eigenproblem H x = e S x becomes the symmetric
   banded standard problem S^{-1/2} H S^{-1/2} y = e y of half-bandwidth p.

   References:
     O. Certik, J. E. Pask, I. Fernando, R. Goswami, N. Sukumar, L. A. Collins, G. Manzini, J. Vackar,
     High-order finite element method for atomic structure calculations, Comput. Phys. Commun. 297 (2024),
     arXiv:2307.05856.
     O. Certik, J. E. Pask, J. Vackar, dftatom, Comput. Phys. Commun. 184 (2013) 1777, arXiv:1209.1752.
*/
#include <radialfeimpl.h>
#include <lapacke.h>

/*@
  RadialFEMeshExponential - Computes the nodes of the exponential element mesh on [rmin, rmax]

  Not Collective

  Input Parameters:
+ rmin - left end
. rmax - right end, rmax > rmin
. a    - ratio of the last to the first element length, a > 0 (a = 1: uniform mesh)
- ne   - number of elements, ne >= 1

  Output Parameter:
. r - the ne + 1 nodes; r[0] = rmin and r[ne] = rmax exactly

  Level: intermediate

.seealso: `RadialFECreate()`
@*/
PetscErrorCode RadialFEMeshExponential(PetscReal rmin, PetscReal rmax, PetscReal a, PetscInt ne, PetscReal r[])
{
  PetscFunctionBegin;
  PetscCheck(ne >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Number of mesh elements %" PetscInt_FMT " must be at least 1", ne);
  PetscCheck(rmax > rmin, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mesh rmax %g must exceed rmin %g", (double)rmax, (double)rmin);
  PetscCheck(a > 0 && PetscIsNormalReal(a), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mesh ratio %g must be positive and finite", (double)a);
  TesseraValidPointer(r, 5);
  if (ne == 1 || a == 1) {
    for (PetscInt i = 0; i <= ne; i++) r[i] = rmin + (rmax - rmin) * i / ne;
  } else {
    const PetscReal beta = PetscLogReal(a) / (ne - 1), alpha = (rmax - rmin) / expm1(beta * ne);

    for (PetscInt i = 0; i <= ne; i++) r[i] = rmin + alpha * expm1(beta * i);
  }
  r[0]  = rmin;
  r[ne] = rmax;
  PetscFunctionReturn(0);
}

/* Legendre polynomial P_n(x) and P_{n-1}(x) by the three-term recurrence */
static void Legendre_Private(PetscInt n, PetscReal x, PetscReal *pn, PetscReal *pnm1)
{
  PetscReal p0 = 1, p1 = x;

  if (n == 0) {
    *pn   = 1;
    *pnm1 = 0;
    return;
  }
  for (PetscInt k = 2; k <= n; k++) {
    const PetscReal p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;

    p0 = p1;
    p1 = p2;
  }
  *pn   = p1;
  *pnm1 = p0;
}

/*@
  RadialFEGaussLegendre - Computes the n-point Gauss-Legendre rule on [-1, 1]

  Not Collective

  Input Parameter:
. n - number of points, n >= 1

  Output Parameters:
+ x - the points, increasing
- w - the weights

  Level: intermediate

  Notes:
  Newton's method on P_n from the asymptotic first guesses; exact for polynomials of degree 2n - 1.

.seealso: `RadialFEGaussLobatto()`
@*/
PetscErrorCode RadialFEGaussLegendre(PetscInt n, PetscReal x[], PetscReal w[])
{
  PetscFunctionBegin;
  PetscCheck(n >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Number of Gauss points %" PetscInt_FMT " must be at least 1", n);
  for (PetscInt i = 0; i < (n + 1) / 2; i++) {
    PetscReal z = PetscCosReal(PETSC_PI * (i + 0.75) / (n + 0.5)), pn, pnm1, dp = 1;

    for (PetscInt it = 0; it < 100; it++) {
      PetscReal dz;

      Legendre_Private(n, z, &pn, &pnm1);
      dp = n * (z * pn - pnm1) / (z * z - 1);
      dz = pn / dp;
      z -= dz;
      if (PetscAbsReal(dz) < 1e-16) break;
    }
    Legendre_Private(n, z, &pn, &pnm1);
    dp           = n * (z * pn - pnm1) / (z * z - 1);
    x[i]         = -z;
    x[n - 1 - i] = z;
    w[i]         = 2 / ((1 - z * z) * dp * dp);
    w[n - 1 - i] = w[i];
  }
  if (n % 2) x[n / 2] = 0;
  PetscFunctionReturn(0);
}

/*@
  RadialFEGaussLobatto - Computes the n-point Gauss-Lobatto-Legendre rule on [-1, 1] (nodes of the degree
  n - 1 spectral element)

  Not Collective

  Input Parameter:
. n - number of points, n >= 2

  Output Parameters:
+ x - the points, increasing, x[0] = -1, x[n-1] = 1
- w - the weights, 2/(N (N + 1) P_N(x)^2) with N = n - 1

  Level: intermediate

.seealso: `RadialFEGaussLegendre()`
@*/
PetscErrorCode RadialFEGaussLobatto(PetscInt n, PetscReal x[], PetscReal w[])
{
  const PetscInt N = n - 1;

  PetscFunctionBegin;
  PetscCheck(n >= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Number of Gauss-Lobatto points %" PetscInt_FMT " must be at least 2", n);
  for (PetscInt i = 0; i < (n + 1) / 2; i++) {
    PetscReal z = PetscCosReal(PETSC_PI * i / N), pn, pnm1;

    /* Newton on (1 - z^2) P_N'(z), written with P_N and P_{N-1} (also converges at the end points) */
    for (PetscInt it = 0; it < 100 && i > 0; it++) {
      PetscReal dz;

      Legendre_Private(N, z, &pn, &pnm1);
      dz = (z * pn - pnm1) / ((N + 1) * pn);
      z -= dz;
      if (PetscAbsReal(dz) < 1e-16) break;
    }
    Legendre_Private(N, z, &pn, &pnm1);
    x[i]         = -z;
    x[n - 1 - i] = z;
    w[i]         = 2 / (N * (N + 1) * pn * pn);
    w[n - 1 - i] = w[i];
  }
  if (n % 2) x[n / 2] = 0;
  PetscFunctionReturn(0);
}

/*@
  RadialFEGaussJacobi - Computes the n-point Gauss-Jacobi rule on [-1, 1] for the weight (1 + x)^b, b > -1

  Not Collective

  Input Parameters:
+ n - number of points, n >= 1
- b - the exponent of the weight

  Output Parameters:
+ x - the points, increasing
- w - the weights: sum_i w[i] f(x[i]) = integral of (1 + x)^b f(x) over [-1, 1] for polynomials f of degree
      <= 2n - 1

  Level: intermediate

  Notes:
  Golub-Welsch: the points are the eigenvalues of the symmetric tridiagonal Jacobi matrix of the recurrence
  of the Jacobi polynomials P^(0,b), the weights mu_0 v_1^2 with mu_0 = 2^(b+1)/(b+1) and v_1 the first
  components of the normalised eigenvectors (LAPACK dstev). Used on the first element of the Dirac
  discretisation, whose integrands carry the factor r^(2 alpha - 1) of the r^alpha behaviour at the nucleus.

.seealso: `RadialFEGaussLegendre()`
@*/
PetscErrorCode RadialFEGaussJacobi(PetscInt n, PetscReal b, PetscReal x[], PetscReal w[])
{
  PetscReal *e, *z;
  lapack_int info;

  PetscFunctionBegin;
  PetscCheck(n >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Number of Gauss-Jacobi points %" PetscInt_FMT " must be at least 1", n);
  PetscCheck(b > -1 && PetscIsNormalReal(b + 2), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Gauss-Jacobi exponent %g must be finite and > -1", (double)b);
  PetscCall(PetscMalloc2(n, &e, n * n, &z));
  /* Jacobi polynomials P^(a,b), a = 0: a_k = (b^2 - a^2)/((2k + a + b)(2k + a + b + 2)),
     b_k^2 = 4 k (k + a)(k + b)(k + a + b)/((2k + a + b)^2 (2k + a + b + 1)(2k + a + b - 1)) */
  for (PetscInt k = 0; k < n; k++) {
    const PetscReal s = 2 * k + b;

    x[k] = k == 0 ? b / (b + 2) : b * b / (s * (s + 2));
    if (k + 1 < n) {
      const PetscReal kk = k + 1, t = 2 * kk + b;

      e[k] = PetscSqrtReal(4 * kk * kk * (kk + b) * (kk + b) / (t * t * (t + 1) * (t - 1)));
    }
  }
  info = LAPACKE_dstev(LAPACK_COL_MAJOR, 'V', (lapack_int)n, x, e, z, (lapack_int)n);
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACKE_dstev for the Gauss-Jacobi rule failed: info %d", (int)info);
  for (PetscInt k = 0; k < n; k++) w[k] = PetscPowReal(2, b + 1) / (b + 1) * z[k * n] * z[k * n];
  PetscCall(PetscFree2(e, z));
  PetscFunctionReturn(0);
}

/*@
  RadialFELagrange - Evaluates the Lagrange basis of a set of nodes, and its derivative, at one point

  Not Collective

  Input Parameters:
+ n     - number of nodes
. nodes - the distinct nodes
- x     - the point

  Output Parameters:
+ val - the n basis values l_j(x)
- der - the n derivatives l_j'(x), or NULL

  Level: developer

  Notes:
  Product formulas, valid also when x is a node; O(n^2) per point (O(n^3) at a node), meant for set-up tables.

.seealso: `RadialFEGaussLobatto()`
@*/
PetscErrorCode RadialFELagrange(PetscInt n, const PetscReal nodes[], PetscReal x, PetscReal val[], PetscReal der[])
{
  PetscInt at = -1;

  PetscFunctionBegin;
  for (PetscInt k = 0; k < n; k++)
    if (x == nodes[k]) at = k;
  for (PetscInt j = 0; j < n; j++) {
    PetscReal v = 1;

    for (PetscInt k = 0; k < n; k++) {
      if (k == j) continue;
      v *= (x - nodes[k]) / (nodes[j] - nodes[k]);
    }
    val[j] = v;
    if (!der) continue;
    if (at < 0) { /* l_j' = l_j sum_{k != j} 1/(x - x_k), O(n) */
      PetscReal d = 0;

      for (PetscInt k = 0; k < n; k++)
        if (k != j) d += 1 / (x - nodes[k]);
      der[j] = v * d;
    } else { /* x is a node: sum of the products with one factor differentiated, O(n^2) */
      PetscReal d = 0;

      for (PetscInt m = 0; m < n; m++) {
        PetscReal t;

        if (m == j) continue;
        t = 1 / (nodes[j] - nodes[m]);
        for (PetscInt k = 0; k < n; k++) {
          if (k == j || k == m) continue;
          t *= (x - nodes[k]) / (nodes[j] - nodes[k]);
        }
        d += t;
      }
      der[j] = d;
    }
  }
  PetscFunctionReturn(0);
}

/*@
  RadialFECreate - Creates the spectral-element discretisation of [0, rmax]

  Not Collective

  Input Parameters:
+ ne   - number of elements of the exponential mesh
. p    - polynomial order, p >= 1
. nq   - Gauss-Legendre points per element (2p + 1 integrates the Poisson data of order 2p exactly)
. rmax - radius of the domain
- a    - ratio of the last to the first element length

  Output Parameter:
. fe - the discretisation

  Level: intermediate

.seealso: `RadialFEDestroy()`, `RadialFEAssembleBand()`, `RadialFEMeshExponential()`, `RadialFECreateFromMesh()`
@*/
PetscErrorCode RadialFECreate(PetscInt ne, PetscInt p, PetscInt nq, PetscReal rmax, PetscReal a, RadialFE *fe)
{
  PetscReal *mesh;

  PetscFunctionBegin;
  TesseraValidPointer(fe, 6);
  PetscCheck(ne >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Number of mesh elements %" PetscInt_FMT " must be at least 1", ne);
  PetscCheck((PetscInt64)ne * nq <= PETSC_MAX_INT && (PetscInt64)nq * (p + 1) <= PETSC_MAX_INT, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "%" PetscInt_FMT " elements of order %" PetscInt_FMT " with %" PetscInt_FMT " quadrature points exceed the largest PetscInt", ne, p, nq);
  PetscCall(PetscMalloc1(ne + 1, &mesh));
  PetscCall(RadialFEMeshExponential(0, rmax, a, ne, mesh));
  PetscCall(RadialFECreateFromMesh(ne, mesh, p, nq, fe));
  PetscCall(PetscFree(mesh));
  PetscFunctionReturn(0);
}

/*@
  RadialFECreateFromMesh - Creates the spectral-element discretisation of [0, rmax] on given element boundaries

  Not Collective

  Input Parameters:
+ ne   - number of elements
. mesh - the ne + 1 increasing element boundaries, mesh[0] = 0, mesh[ne] = rmax
. p    - polynomial order, p >= 1
- nq   - Gauss-Legendre points per element

  Output Parameter:
. fe - the discretisation

  Level: intermediate

  Notes:
  Used for quadrature grids graded towards r = 0 beyond the exponential mesh (the density grid of the Dirac
  model, whose first element is subdivided geometrically).

.seealso: `RadialFECreate()`, `RadialFEDestroy()`
@*/
PetscErrorCode RadialFECreateFromMesh(PetscInt ne, const PetscReal mesh[], PetscInt p, PetscInt nq, RadialFE *fe)
{
  RadialFE f;

  PetscFunctionBegin;
  TesseraValidPointer(mesh, 2);
  TesseraValidPointer(fe, 5);
  PetscCheck(p >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Polynomial order p = %" PetscInt_FMT " must be at least 1", p);
  PetscCheck(nq >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Number of quadrature points %" PetscInt_FMT " must be at least 1", nq);
  PetscCheck(ne >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Number of mesh elements %" PetscInt_FMT " must be at least 1", ne);
  PetscCheck(ne * p >= 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mesh with %" PetscInt_FMT " elements of order %" PetscInt_FMT " has no interior unknown", ne, p);
  PetscCheck((PetscInt64)ne * nq <= PETSC_MAX_INT && (PetscInt64)nq * (p + 1) <= PETSC_MAX_INT, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
             "%" PetscInt_FMT " elements of order %" PetscInt_FMT " with %" PetscInt_FMT " quadrature points exceed the largest PetscInt", ne, p, nq);
  PetscCheck(mesh[0] == 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "The mesh must start at r = 0, not %g", (double)mesh[0]);
  for (PetscInt e = 0; e < ne; e++)
    PetscCheck(mesh[e + 1] > mesh[e] && PetscIsNormalReal(mesh[e + 1]), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mesh boundaries must increase and be finite: mesh[%" PetscInt_FMT "] = %g", e + 1, (double)mesh[e + 1]);
  PetscCall(PetscNew(&f));
  f->ne   = ne;
  f->p    = p;
  f->nq   = nq;
  f->n    = ne * p - 1;
  f->nqt  = ne * nq;
  f->rmax = mesh[ne];
  PetscCall(PetscMalloc5(ne + 1, &f->mesh, p + 1, &f->xg, p + 1, &f->wg, nq, &f->xq, nq, &f->wq));
  PetscCall(PetscMalloc5(nq * (p + 1), &f->B, nq * (p + 1), &f->D, f->nqt, &f->r, f->nqt, &f->w, f->n, &f->mass));
  PetscCall(PetscArraycpy(f->mesh, mesh, ne + 1));
  PetscCall(RadialFEGaussLobatto(p + 1, f->xg, f->wg));
  PetscCall(RadialFEGaussLegendre(nq, f->xq, f->wq));
  {
    PetscReal *val, *der;

    PetscCall(PetscMalloc2(p + 1, &val, p + 1, &der));
    for (PetscInt q = 0; q < nq; q++) {
      PetscCall(RadialFELagrange(p + 1, f->xg, f->xq[q], val, der));
      for (PetscInt i = 0; i <= p; i++) {
        f->B[i * nq + q] = val[i];
        f->D[i * nq + q] = der[i];
      }
    }
    PetscCall(PetscFree2(val, der));
  }
  PetscCall(PetscArrayzero(f->mass, f->n));
  for (PetscInt e = 0; e < ne; e++) {
    const PetscReal J = (f->mesh[e + 1] - f->mesh[e]) / 2, c = (f->mesh[e + 1] + f->mesh[e]) / 2;

    for (PetscInt q = 0; q < nq; q++) {
      f->r[e * nq + q] = c + J * f->xq[q];
      f->w[e * nq + q] = J * f->wq[q];
    }
    for (PetscInt i = 0; i <= p; i++) {
      const PetscInt g = e * p + i - 1;

      if (g >= 0 && g < f->n) f->mass[g] += J * f->wg[i];
    }
  }
  *fe = f;
  PetscFunctionReturn(0);
}

/*@
  RadialFEDestroy - Destroys a `RadialFE`

  Not Collective

  Input Parameter:
. fe - the discretisation (set to NULL)

  Level: intermediate

.seealso: `RadialFECreate()`
@*/
PetscErrorCode RadialFEDestroy(RadialFE *fe)
{
  PetscFunctionBegin;
  TesseraValidPointer(fe, 1);
  if (!*fe) PetscFunctionReturn(0);
  PetscCall(PetscFree5((*fe)->mesh, (*fe)->xg, (*fe)->wg, (*fe)->xq, (*fe)->wq));
  PetscCall(PetscFree5((*fe)->B, (*fe)->D, (*fe)->r, (*fe)->w, (*fe)->mass));
  PetscCall(PetscFree(*fe));
  PetscFunctionReturn(0);
}

/*@
  RadialFEGetSizes - Gets the sizes of a `RadialFE`

  Not Collective

  Input Parameter:
. fe - the discretisation

  Output Parameters:
+ n   - number of unknowns, ne p - 1 (also the order of the assembled matrices)
. nqt - total number of quadrature points, ne nq
. ne  - number of elements
- p   - polynomial order (half-bandwidth of the assembled matrices)

  Level: intermediate

.seealso: `RadialFECreate()`
@*/
PetscErrorCode RadialFEGetSizes(RadialFE fe, PetscInt *n, PetscInt *nqt, PetscInt *ne, PetscInt *p)
{
  PetscFunctionBegin;
  TesseraValidPointer(fe, 1);
  if (n) *n = fe->n;
  if (nqt) *nqt = fe->nqt;
  if (ne) *ne = fe->ne;
  if (p) *p = fe->p;
  PetscFunctionReturn(0);
}

/*@C
  RadialFEGetMesh - Gets the ne + 1 element boundaries

  Not Collective

  Input Parameter:
. fe - the discretisation

  Output Parameter:
. mesh - the nodes (do not free)

  Level: intermediate

.seealso: `RadialFEMeshExponential()`
@*/
PetscErrorCode RadialFEGetMesh(RadialFE fe, const PetscReal **mesh)
{
  PetscFunctionBegin;
  TesseraValidPointer(fe, 1);
  TesseraValidPointer(mesh, 2);
  *mesh = fe->mesh;
  PetscFunctionReturn(0);
}

/*@C
  RadialFEGetQuadrature - Gets the global quadrature points and weights (Jacobian included)

  Not Collective

  Input Parameter:
. fe - the discretisation

  Output Parameters:
+ r - the ne nq points, element by element (do not free)
- w - the weights, so that the integral of f over [0, rmax] is sum_q w[q] f(r[q]) (do not free)

  Level: intermediate

.seealso: `RadialFEInterpolate()`
@*/
PetscErrorCode RadialFEGetQuadrature(RadialFE fe, const PetscReal **r, const PetscReal **w)
{
  PetscFunctionBegin;
  TesseraValidPointer(fe, 1);
  if (r) *r = fe->r;
  if (w) *w = fe->w;
  PetscFunctionReturn(0);
}

/*@C
  RadialFEGetMass - Gets the diagonal overlap (GLL-collocated mass matrix)

  Not Collective

  Input Parameter:
. fe - the discretisation

  Output Parameter:
. mass - the n diagonal entries (do not free)

  Level: intermediate

.seealso: `RadialFEAssembleBand()`
@*/
PetscErrorCode RadialFEGetMass(RadialFE fe, const PetscReal **mass)
{
  PetscFunctionBegin;
  TesseraValidPointer(fe, 1);
  TesseraValidPointer(mass, 2);
  *mass = fe->mass;
  PetscFunctionReturn(0);
}

/*@
  RadialFEAssembleBand - Assembles ck (phi_i', phi_j') + cc (phi_i, phi_j / r^2) + (phi_i, V phi_j) in LAPACK
  lower symmetric band storage

  Not Collective

  Input Parameters:
+ fe - the discretisation
. ck - coefficient of the stiffness term (1/2 for the kinetic energy)
. cc - coefficient of the 1/r^2 term (l (l + 1)/2 for the centrifugal energy)
- V  - the potential at the quadrature points, or NULL

  Output Parameter:
. ab - the (p + 1) x n band, entry (i, j), i >= j, at ab[(i - j) + j (p + 1)]

  Level: intermediate

  Notes:
  Integrals by the Gauss-Legendre rule of the element; exact for the stiffness and the 1/r^2 term when
  nq >= p + 1 (the basis functions of the unknowns vanish at r = 0).

.seealso: `RadialFECreate()`, `RadialFEGetMass()`
@*/
PetscErrorCode RadialFEAssembleBand(RadialFE fe, PetscReal ck, PetscReal cc, const PetscReal V[], PetscReal ab[])
{
  const PetscInt p = fe->p, nq = fe->nq, ldab = p + 1;

  PetscFunctionBegin;
  PetscCall(PetscArrayzero(ab, ldab * fe->n));
  for (PetscInt e = 0; e < fe->ne; e++) {
    const PetscReal  J = (fe->mesh[e + 1] - fe->mesh[e]) / 2;
    const PetscReal *r = fe->r + e * nq, *w = fe->w + e * nq, *Ve = V ? V + e * nq : NULL;

    for (PetscInt i = 0; i <= p; i++) {
      const PetscInt gi = e * p + i - 1;

      if (gi < 0 || gi >= fe->n) continue;
      for (PetscInt j = 0; j <= i; j++) {
        const PetscInt   gj = e * p + j - 1;
        const PetscReal *Bi = fe->B + i * nq, *Bj = fe->B + j * nq, *Di = fe->D + i * nq, *Dj = fe->D + j * nq;
        PetscReal        s = 0;

        if (gj < 0) continue;
        if (ck != 0)
          for (PetscInt q = 0; q < nq; q++) s += ck * w[q] * Di[q] * Dj[q] / (J * J);
        if (cc != 0)
          for (PetscInt q = 0; q < nq; q++) s += cc * w[q] * Bi[q] * Bj[q] / (r[q] * r[q]);
        if (Ve)
          for (PetscInt q = 0; q < nq; q++) s += w[q] * Ve[q] * Bi[q] * Bj[q];
        ab[(gi - gj) + gj * ldab] += s;
      }
    }
  }
  PetscFunctionReturn(0);
}

/* values (der false) or derivatives (der true) of the finite-element function u at the quadrature points */
static PetscErrorCode RadialFEInterpolate_Private(RadialFE fe, PetscBool der, const PetscReal u[], PetscReal uq[])
{
  const PetscInt p = fe->p, nq = fe->nq;

  PetscFunctionBegin;
  for (PetscInt e = 0; e < fe->ne; e++) {
    const PetscReal  s  = der ? 2 / (fe->mesh[e + 1] - fe->mesh[e]) : 1;
    const PetscReal *F  = der ? fe->D : fe->B;
    PetscReal       *ue = uq + e * nq;

    for (PetscInt q = 0; q < nq; q++) ue[q] = 0;
    for (PetscInt i = 0; i <= p; i++) {
      const PetscInt   g  = e * p + i - 1;
      const PetscReal *Fi = F + i * nq;
      PetscReal        c;

      if (g < 0 || g >= fe->n) continue;
      c = u[g] * s;
      for (PetscInt q = 0; q < nq; q++) ue[q] += c * Fi[q];
    }
  }
  PetscCall(PetscLogFlops(2.0 * fe->ne * (p + 1) * nq));
  PetscFunctionReturn(0);
}

/*@
  RadialFEInterpolate - Evaluates a finite-element function at the quadrature points

  Not Collective

  Input Parameters:
+ fe - the discretisation
- u  - the n nodal values (zero end values implied)

  Output Parameter:
. uq - the ne nq values at the quadrature points

  Level: intermediate

.seealso: `RadialFEGetQuadrature()`, `RadialFEEvaluate()`
@*/
PetscErrorCode RadialFEInterpolate(RadialFE fe, const PetscReal u[], PetscReal uq[])
{
  PetscFunctionBegin;
  PetscCall(RadialFEInterpolate_Private(fe, PETSC_FALSE, u, uq));
  PetscFunctionReturn(0);
}

/*@
  RadialFEInterpolateDerivative - Evaluates the derivative of a finite-element function at the quadrature points

  Not Collective

  Input Parameters:
+ fe - the discretisation
- u  - the n nodal values (zero end values implied)

  Output Parameter:
. duq - the ne nq values of u' at the quadrature points

  Level: intermediate

  Notes:
  With `RadialFEInterpolate()` this evaluates quadratic forms such as (u', u') by quadrature, sum_q w_q u'(r_q)^2,
  whose round-off is eps times a sum of positive terms, instead of through the assembled matrix, whose
  entries of both signs (~ p^4/h^2 for order p and element length h) cancel.

.seealso: `RadialFEInterpolate()`, `RadialFEGetQuadrature()`
@*/
PetscErrorCode RadialFEInterpolateDerivative(RadialFE fe, const PetscReal u[], PetscReal duq[])
{
  PetscFunctionBegin;
  PetscCall(RadialFEInterpolate_Private(fe, PETSC_TRUE, u, duq));
  PetscFunctionReturn(0);
}

/* element containing r (binary search on the mesh) */
TESSERA_INTERN PetscInt RadialFEFindElement_Private(PetscInt ne, const PetscReal mesh[], PetscReal r)
{
  PetscInt lo = 0, hi = ne - 1;

  while (lo < hi) {
    const PetscInt mid = (lo + hi + 1) / 2;

    if (r >= mesh[mid]) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/*@
  RadialFEEvaluate - Evaluates a finite-element function at arbitrary points of [0, rmax]

  Not Collective

  Input Parameters:
+ fe   - the discretisation
. u    - the n nodal values
. npts - number of points
- r    - the points

  Output Parameter:
. ur - the values (zero outside [0, rmax])

  Level: intermediate

.seealso: `RadialFEInterpolate()`
@*/
PetscErrorCode RadialFEEvaluate(RadialFE fe, const PetscReal u[], PetscInt npts, const PetscReal r[], PetscReal ur[])
{
  const PetscInt p = fe->p;
  PetscReal     *val;

  PetscFunctionBegin;
  PetscCall(PetscMalloc1(p + 1, &val));
  for (PetscInt k = 0; k < npts; k++) {
    PetscInt  e;
    PetscReal x, s = 0;

    ur[k] = 0;
    if (!(r[k] >= 0 && r[k] <= fe->rmax)) continue;
    e = RadialFEFindElement_Private(fe->ne, fe->mesh, r[k]);
    x = (2 * r[k] - fe->mesh[e] - fe->mesh[e + 1]) / (fe->mesh[e + 1] - fe->mesh[e]);
    PetscCall(RadialFELagrange(p + 1, fe->xg, x, val, NULL));
    for (PetscInt i = 0; i <= p; i++) {
      const PetscInt g = e * p + i - 1;

      if (g >= 0 && g < fe->n) s += u[g] * val[i];
    }
    ur[k] = s;
  }
  PetscCall(PetscFree(val));
  PetscFunctionReturn(0);
}
