/*I "tessera.h" I*/
/*
   Radial Poisson solver for the Hartree potential of a spherical density.

   Method: (r^2 V')' = -rho, rho = 4 pi r^2 n, is solved for u = r V, which satisfies u'' = -rho/r with
   u(0) = 0 and u(rmax) = rmax Vb, by Lagrange elements of order q on GLL nodes (q = 2p by default) on the
   elements of a RadialFE: find u such that
     (u', v') = (rho/r, v) for all v with v(0) = v(rmax) = 0.
   In the first element rho/r = sum_i f_i P_i^2/r is a polynomial (P_i(0) = 0), elsewhere 1/r is smooth. The
   stiffness is the plain one-dimensional Laplacian: symmetric positive definite, banded (half-bandwidth q)
   and far better conditioned than the r^2-weighted form (whose weight spans r_1^2 .. rmax^2), which matters
   at the 1e-9 Ha level of the Hartree energy. It is Cholesky-factored once in RadialPoissonCreate(); each
   solve is a banded triangular solve, then V = u/r at the quadrature points. For a neutral atom Vb = N/rmax.

   With q = 0 (PETSC_DEFAULT, the default of the Atom class) the problem is instead solved by its exact
   integral, V(r) = Q(r)/r + int_r^rmax rho(s)/s ds + Vb - Q(rmax)/rmax with Q(r) = int_0^r rho: on each
   element rho is interpolated on the nq Gauss points (exact for the degree-2p density of order-p orbitals
   when nq >= 2p + 1; rho/s is a polynomial on the first element, where every orbital vanishes at r = 0) and
   the antiderivatives at the Gauss points are applied with the spectral integration matrix
   I_kj = int_{-1}^{x_k} L_j. No linear system is solved, so the round-off is eps times the size of the terms
   whatever the order and the number of elements; the stiffness of the finite-element form has a condition
   number growing like q^4 rmax/h_1, and its round-off reached 1e-8 Ha in the total energy of U at q = 60 or
   with 60 elements.

   Reference: O. Certik et al., Comput. Phys. Commun. 297 (2024), arXiv:2307.05856, section on the Poisson
   equation.
*/
#include <radialfeimpl.h>
#include <lapacke.h>

/*@
  RadialPoissonCreate - Creates and factors the radial Poisson solver on the elements of a `RadialFE`

  Not Collective

  Input Parameters:
+ fe - the discretisation whose elements and quadrature are used (kept, not referenced-counted: destroy the
       solver first)
- q  - polynomial order of the Poisson elements (2p represents the density exactly; the quadrature of fe
       integrates the stiffness exactly when it has at least q + 1 points), or `PETSC_DEFAULT` (or 0) for the
       integral formulation (exact antiderivatives of the interpolated density, no linear system)

  Output Parameter:
. ps - the solver

  Level: intermediate

.seealso: `RadialPoissonSolve()`, `RadialPoissonDestroy()`
@*/
PetscErrorCode RadialPoissonCreate(RadialFE fe, PetscInt q, RadialPoisson *ps)
{
  RadialPoisson s;
  PetscInt      nq = fe->nq, ldab = q + 1;
  PetscReal    *xg, *wg, *val, *der, *D;
  lapack_int    info;

  PetscFunctionBegin;
  if (q == PETSC_DEFAULT || q == 0) {
    PetscReal *xm, *wm, *val;

    PetscCall(PetscNew(&s));
    s->fe = fe;
    PetscCall(PetscMalloc4(nq * nq, &s->Iq, fe->nqt, &s->rho, fe->ne + 1, &s->Qs, fe->ne + 1, &s->Ws));
    PetscCall(PetscMalloc3(nq, &xm, nq, &wm, nq, &val));
    PetscCall(RadialFEGaussLegendre(nq, xm, wm));
    for (PetscInt k = 0; k < nq; k++) { /* int_{-1}^{x_k} L_j by the nq-point rule on [-1, x_k] (exact: degree nq - 1) */
      const PetscReal h = (fe->xq[k] + 1) / 2;

      for (PetscInt j = 0; j < nq; j++) s->Iq[k * nq + j] = 0;
      for (PetscInt m = 0; m < nq; m++) {
        PetscCall(RadialFELagrange(nq, fe->xq, -1 + h * (1 + xm[m]), val, NULL));
        for (PetscInt j = 0; j < nq; j++) s->Iq[k * nq + j] += h * wm[m] * val[j];
      }
    }
    PetscCall(PetscFree3(xm, wm, val));
    *ps = s;
    PetscFunctionReturn(0);
  }
  PetscCheck(q >= 1, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Poisson polynomial order %" PetscInt_FMT " must be at least 1", q);
  PetscCall(PetscNew(&s));
  s->fe = fe;
  s->q  = q;
  s->n  = fe->ne * q - 1;
  PetscCall(PetscMalloc5(nq * (q + 1), &s->B, ldab * s->n, &s->ab, q + 1, &s->klast, s->n, &s->rhs, q + 1, &s->xg));
  PetscCall(PetscMalloc5(q + 1, &xg, q + 1, &wg, q + 1, &val, q + 1, &der, nq * (q + 1), &D));
  PetscCall(RadialFEGaussLobatto(q + 1, xg, wg));
  for (PetscInt k = 0; k < nq; k++) {
    PetscCall(RadialFELagrange(q + 1, xg, fe->xq[k], val, der));
    for (PetscInt i = 0; i <= q; i++) {
      s->B[i * nq + k] = val[i];
      D[i * nq + k]    = der[i];
    }
  }
  PetscCall(PetscArrayzero(s->ab, ldab * s->n));
  PetscCall(PetscArrayzero(s->klast, q + 1));
  for (PetscInt e = 0; e < fe->ne; e++) {
    const PetscReal  J = (fe->mesh[e + 1] - fe->mesh[e]) / 2;
    const PetscReal *w = fe->w + e * nq;

    for (PetscInt i = 0; i <= q; i++) {
      for (PetscInt j = 0; j <= i; j++) {
        const PetscInt gi = e * q + i - 1, gj = e * q + j - 1; /* node 0 (r = 0) is not an unknown */
        PetscReal      v = 0;

        for (PetscInt k = 0; k < nq; k++) v += w[k] * D[i * nq + k] * D[j * nq + k] / (J * J);
        if (gj < 0) continue;
        if (gi < s->n) s->ab[(gi - gj) + gj * ldab] += v;
        else if (gj < s->n) s->klast[j] = v; /* coupling to the Dirichlet node at rmax */
      }
    }
  }
  PetscCall(PetscArraycpy(s->xg, xg, q + 1));
  PetscCall(PetscFree5(xg, wg, val, der, D));
  info = LAPACKE_dpbtrf_work(LAPACK_COL_MAJOR, 'L', (lapack_int)s->n, (lapack_int)q, s->ab, (lapack_int)ldab);
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACKE_dpbtrf of the radial Poisson stiffness failed: info %d", (int)info);
  *ps = s;
  PetscFunctionReturn(0);
}

/*@
  RadialPoissonDestroy - Destroys a `RadialPoisson`

  Not Collective

  Input Parameter:
. ps - the solver (set to NULL)

  Level: intermediate

.seealso: `RadialPoissonCreate()`
@*/
PetscErrorCode RadialPoissonDestroy(RadialPoisson *ps)
{
  PetscFunctionBegin;
  TesseraValidPointer(ps, 1);
  if (!*ps) PetscFunctionReturn(0);
  PetscCall(PetscFree5((*ps)->B, (*ps)->ab, (*ps)->klast, (*ps)->rhs, (*ps)->xg));
  PetscCall(PetscFree4((*ps)->Iq, (*ps)->rho, (*ps)->Qs, (*ps)->Ws));
  PetscCall(PetscFree(*ps));
  PetscFunctionReturn(0);
}

/*@
  RadialPoissonSolve - Solves (r^2 V')' = -rho with V(rmax) = Vb and evaluates V at the quadrature points

  Not Collective

  Input Parameters:
+ ps  - the solver
. rho - 4 pi r^2 n at the quadrature points of the `RadialFE`
- Vb  - the boundary value V(rmax) (N/rmax for N electrons)

  Output Parameter:
. V - the potential at the quadrature points

  Level: intermediate

.seealso: `RadialPoissonCreate()`, `RadialFEGetQuadrature()`
@*/
PetscErrorCode RadialPoissonSolve(RadialPoisson ps, const PetscReal rho[], PetscReal Vb, PetscReal V[])
{
  RadialFE       fe = ps->fe;
  const PetscInt nq = fe->nq, q = ps->q, ne = fe->ne;
  lapack_int     info;

  PetscFunctionBegin;
  ps->vb = Vb;
  if (ps->Iq) {
    const PetscReal *r = fe->r, *xq = fe->xq, *wq = fe->wq;

    PetscCall(PetscArraycpy(ps->rho, rho, fe->nqt));
    ps->Qs[0] = 0;
    for (PetscInt e = 0; e < ne; e++) {
      const PetscReal J = (fe->mesh[e + 1] - fe->mesh[e]) / 2, *re = rho + e * nq;
      PetscReal       t = 0;

      for (PetscInt j = 0; j < nq; j++) t += wq[j] * re[j];
      ps->Qs[e + 1] = ps->Qs[e] + J * t;
    }
    ps->Ws[ne] = 0;
    for (PetscInt e = ne - 1; e >= 0; e--) {
      const PetscReal J = (fe->mesh[e + 1] - fe->mesh[e]) / 2, *re = rho + e * nq, *rr = r + e * nq;
      PetscReal       t = 0;

      for (PetscInt j = 0; j < nq; j++) t += wq[j] * re[j] / rr[j];
      ps->Ws[e] = ps->Ws[e + 1] + J * t;
    }
    ps->vsh = Vb - ps->Qs[ne] / fe->rmax;
    for (PetscInt e = 0; e < ne; e++) {
      const PetscReal J = (fe->mesh[e + 1] - fe->mesh[e]) / 2, *re = rho + e * nq, *rr = r + e * nq;

      for (PetscInt k = 0; k < nq; k++) {
        const PetscReal *Ik = ps->Iq + k * nq;
        PetscReal        qa = 0, wa = 0; /* int_{mesh[e]}^{r_k} rho and rho/s */

        for (PetscInt j = 0; j < nq; j++) {
          qa += Ik[j] * re[j];
          wa += Ik[j] * re[j] / rr[j];
        }
        V[e * nq + k] = (ps->Qs[e] + J * qa) / rr[k] + ps->Ws[e] - J * wa + ps->vsh;
      }
    }
    (void)xq;
    PetscCall(PetscLogFlops(4.0 * ne * nq * nq));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscArrayzero(ps->rhs, ps->n));
  for (PetscInt e = 0; e < ne; e++) {
    const PetscReal *w = fe->w + e * nq, *re = rho + e * nq, *r = fe->r + e * nq;

    for (PetscInt i = 0; i <= q; i++) {
      const PetscInt   g  = e * q + i - 1;
      const PetscReal *Bi = ps->B + i * nq;
      PetscReal        v  = 0;

      if (g < 0 || g >= ps->n) continue;
      for (PetscInt k = 0; k < nq; k++) v += w[k] * re[k] / r[k] * Bi[k];
      ps->rhs[g] += v;
    }
  }
  for (PetscInt j = 0; j < q; j++) { /* lifting of u(rmax) = rmax Vb */
    const PetscInt g = (ne - 1) * q + j - 1;

    if (g >= 0) ps->rhs[g] -= ps->klast[j] * Vb * fe->rmax;
  }
  info = LAPACKE_dpbtrs_work(LAPACK_COL_MAJOR, 'L', (lapack_int)ps->n, (lapack_int)q, 1, ps->ab, (lapack_int)(q + 1), ps->rhs, (lapack_int)ps->n);
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACKE_dpbtrs of the radial Poisson problem failed: info %d", (int)info);
  for (PetscInt e = 0; e < ne; e++) {
    PetscReal       *Ve = V + e * nq;
    const PetscReal *r  = fe->r + e * nq;

    for (PetscInt k = 0; k < nq; k++) Ve[k] = 0;
    for (PetscInt i = 0; i <= q; i++) {
      const PetscInt   g  = e * q + i - 1;
      const PetscReal  c  = g < 0 ? 0 : (g < ps->n ? ps->rhs[g] : Vb * fe->rmax);
      const PetscReal *Bi = ps->B + i * nq;

      for (PetscInt k = 0; k < nq; k++) Ve[k] += c * Bi[k];
    }
    for (PetscInt k = 0; k < nq; k++) Ve[k] /= r[k];
  }
  PetscCall(PetscLogFlops(4.0 * ne * (q + 1) * nq + 4.0 * ps->n * q));
  PetscFunctionReturn(0);
}

/*@
  RadialPoissonEvaluate - Evaluates the potential of the last `RadialPoissonSolve()` at arbitrary radii

  Not Collective

  Input Parameters:
+ ps   - the solver
. npts - number of radii
- r    - the radii in [0, rmax]

  Output Parameter:
. V - the potential

  Level: intermediate

.seealso: `RadialPoissonSolve()`
@*/
PetscErrorCode RadialPoissonEvaluate(RadialPoisson ps, PetscInt npts, const PetscReal r[], PetscReal V[])
{
  RadialFE   fe = ps->fe;
  PetscReal *val;

  PetscFunctionBegin;
  if (ps->Iq) { /* integral formulation: the antiderivatives at r from the Lagrange interpolant of the element */
    const PetscInt nq = fe->nq;
    PetscReal     *xm, *wm, *L;

    PetscCall(PetscMalloc3(nq, &xm, nq, &wm, nq, &L));
    PetscCall(RadialFEGaussLegendre(nq, xm, wm));
    for (PetscInt k = 0; k < npts; k++) {
      const PetscReal  rk = PetscMin(PetscMax(r[k], 0), fe->rmax);
      const PetscInt   e  = RadialFEFindElement_Private(fe->ne, fe->mesh, rk);
      const PetscReal  J = (fe->mesh[e + 1] - fe->mesh[e]) / 2, x = (2 * rk - fe->mesh[e] - fe->mesh[e + 1]) / (fe->mesh[e + 1] - fe->mesh[e]), h = (x + 1) / 2;
      const PetscReal *re = ps->rho + e * nq, *rr = fe->r + e * nq;
      PetscReal        qa = 0, wa = 0;

      for (PetscInt m = 0; m < nq; m++) {
        PetscCall(RadialFELagrange(nq, fe->xq, -1 + h * (1 + xm[m]), L, NULL));
        for (PetscInt j = 0; j < nq; j++) {
          qa += h * wm[m] * L[j] * re[j];
          wa += h * wm[m] * L[j] * re[j] / rr[j];
        }
      }
      V[k] = rk > 0 ? (ps->Qs[e] + J * qa) / rk + ps->Ws[e] - J * wa + ps->vsh : 0;
    }
    PetscCall(PetscFree3(xm, wm, L));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscMalloc1(ps->q + 1, &val));
  for (PetscInt k = 0; k < npts; k++) {
    const PetscInt  e = RadialFEFindElement_Private(fe->ne, fe->mesh, PetscMin(PetscMax(r[k], 0), fe->rmax));
    const PetscReal x = (2 * r[k] - fe->mesh[e] - fe->mesh[e + 1]) / (fe->mesh[e + 1] - fe->mesh[e]);
    PetscReal       s = 0;

    PetscCall(RadialFELagrange(ps->q + 1, ps->xg, x, val, NULL));
    for (PetscInt i = 0; i <= ps->q; i++) {
      const PetscInt g = e * ps->q + i - 1;

      s += (g < 0 ? 0 : (g < ps->n ? ps->rhs[g] : ps->vb * fe->rmax)) * val[i];
    }
    V[k] = r[k] > 0 ? s / r[k] : 0;
  }
  PetscCall(PetscFree(val));
  PetscFunctionReturn(0);
}
