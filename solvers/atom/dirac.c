/*I "tesseraatom.h" I*/
/*
   ATOMDIRAC - relativistic radial Dirac atom on high-order finite elements.

   Equation (atomic units, energies without the rest mass), for the large and small components P, Q of the
   state (n, kappa), kappa = -(l + 1) for j = l + 1/2 and kappa = l for j = l - 1/2:
     P' = -(kappa/r) P + [(E - V)/c + 2c] Q,   Q' = -[(E - V)/c] P + (kappa/r) Q.
   Formulation: Q is eliminated exactly, Q = c (P' + kappa P/r)/(E - V + 2c^2), which leaves the
   energy-dependent Sturm-Liouville problem for P alone,
     a(P, v; E) = int [ c^2/(E - V + 2c^2) (P' + kappa P/r)(v' + kappa v/r) + V P v ] dr = E int P v dr,
   exact for every bound state (E - V + 2c^2 > 0 wherever V <= 0 and E > -c^2). For a fixed E this is a
   symmetric eigenproblem A(E) x = mu S x with a positive kinetic term, discretised by conforming finite
   elements, so the discrete min-max principle holds: mu_k^h(E) >= mu_k(E). The state (n, kappa) is the root
   of f_k(E) = mu_k(E) - E with k = n - l, and f_k' = -int Q^2/int P^2 - 1 < 0, so each f_k has exactly one
   root, the roots are ordered like the states and the discrete ones lie above the exact ones (upper bounds).
   There are no spurious states (no unpaired small-component space exists to produce them), and no squared
   operator: the matrices have the size of the Schroedinger ones (entries ~ Z/r, p^4/h^2, not (E + c^2)^2 ~
   c^4), so the round-off of an eigenvalue is eps |x|^T |A| |x| as for the Schroedinger model, independent
   of c^4. Newton's method on the root uses f_k' = -int (P^2 + Q^2)/int P^2.

   Discretisation: a first element [0, r0], then an exponential mesh from r0 to rmax (ratio a, the remaining
   ne - 1 elements); Lagrange basis of order p on GLL nodes; P(rmax) = 0. On the first element the basis
   functions carry the factor (r/r0)^alpha, alpha = sqrt(kappa^2 - (Z/c)^2), the exact behaviour of P at a
   point nucleus, so that u = P/(r/r0)^alpha is smooth and u(0) is an unknown; all integrands there have the
   form r^(2 alpha - 1) g(r) with g smooth (the kinetic coefficient c^2 r/(Z + r (E - V_rest + 2c^2))) and are
   integrated by Gauss-Jacobi quadrature with the weight r^(2 alpha - 1) (one rule per kappa). The other
   elements use Gauss-Legendre quadrature.

   Eigensolver, per kappa: S is assembled once. Cold start: the lowest occupied eigenvalues of the linear
   pencil (A(0), S) (LAPACKE dsbgvx, banded, range 'I', values only: no O(n^3) accumulation of the band
   reductions) and their vectors by inverse iteration, then for each state the nonlinear Rayleigh
   functional iteration: sigma = root of x^T A(sigma) x = sigma x^T S x (scalar Newton), x <- (A(sigma) -
   sigma S)^{-1} S x by a banded LDL^T (pivoted LU on element growth); cubic convergence; the result must have
   the n - l - 1 nodes of its state. Warm starts (later SCF iterations) begin from the previous pair. In the
   SCF a pair is accepted once the shift update is below -atom_eigensolver_refine (1e-4 Ha: the error is
   then about update^3/gap^2), so a warm state usually costs one assembly and one factorisation; the
   hydrogen-like problem (one solve) iterates to machine precision. The element kernels (assembly, values
   at the quadrature points) run over contiguous arrays with independent partial sums.

   References:
     O. Certik et al., Comput. Phys. Commun. 297 (2024), arXiv:2307.05856 (featom: r^alpha factor,
       Gauss-Jacobi first element).
     J. D. Talman, Phys. Rev. Lett. 57 (1986) 1091; M. Griesemer, H. Siedentop, J. London Math. Soc. 60 (1999)
       490 (min-max principle for the Dirac operator via the energy-dependent large-component problem).
*/
#include <atomimpl.h>
#include <lapacke.h>

typedef struct {
  PetscInt   kappa, l, m; /* kappa, l of the large component, number of states needed (k = 1..m) */
  PetscInt   n, off;      /* unknowns; off = 1: the node r = 0 is not an unknown (|kappa| >= 2) */
  PetscReal  alpha;       /* the factor (r/r0)^alpha of the first element: alpha = sqrt(kappa^2 - (Z/c)^2) - (|kappa| - 1) */
  PetscReal *r1, *wm1;    /* first element: Gauss-Jacobi points, weights of the mass and potential terms */
  PetscReal *wk1;         /* weights of the kinetic term */
  PetscReal *B1, *K1;     /* basis l_i and kinetic basis r l_i' + (alpha + kappa) l_i, [i nq1 + q] */
  PetscReal *V1;          /* potential at the first-element points */
  PetscReal *S, *Vm;      /* overlap and potential matrices (lower band) */
  PetscReal *d;           /* scaling of the unknowns, 1/sqrt(S_ii) of the unscaled overlap (the r^alpha basis functions of the first element have tiny norms) */
  PetscReal *ev, *X;      /* eigenvalues and eigenvectors of the m states of the last solve */
  PetscBool  havevec;
  /* density grid on the first element (the geometric sub-elements of the SCF grid) */
  PetscReal *Bs, *Ks, *fs; /* basis l_i, kinetic basis, factor (r/r0)^alpha at its points, [i n0 + q] */
  PetscReal *Kt;           /* elements e >= 1: l_i' + kappa l_i/r at the Gauss points, [((e - 1)(p + 1) + i) nq + q] */
} AtomDiracKappa;

typedef struct {
  PetscInt        ne, p, nq, nq1, n, ldab, nk;
  PetscReal       r0, c;
  PetscReal      *mesh, *xg, *wg, *xq, *wq, *B, *D; /* mesh, GLL nodes, reference Gauss-Legendre rule, basis */
  PetscReal      *r, *w, *V;                        /* elements 1..ne-1: points, weights, potential */
  AtomDiracKappa *kap;
  /* workspace */
  PetscReal  *T, *LU, *y, *Sx, *Pq, *Dq, *dq, *zq, *zw, *coef, *cf; /* zq: band eigensolver input, zw: A(0) */
  PetscInt   *ipiv;
  lapack_int *iwork, *ifail;
  PetscBool   useldlt;
  PetscInt    nfact, ncold;
  PetscReal   refine; /* warm start: accept the pair once the shift update is below this */
  /* SCF (Dirac-Kohn-Sham RLDA): the grid is the element mesh with the first element [0, r0] split into nsub
     geometric sub-elements (ratio ATOM_DIRAC_SUB_RATIO) down to r0/ratio^(nsub - 1), nq Gauss points each */
  RadialFE sfe;
  AtomSCF  scf;
  PetscInt nsub, n0; /* sub-elements of [0, r0] and their points (n0 = nsub nq): elements 1.. start at n0 */
} Atom_Dirac;

#define ATOM_DIRAC_SUB       7  /* sub-elements of [0, r0] of the density grid */
#define ATOM_DIRAC_SUB_RATIO 16 /* their length ratio: the innermost is [0, r0/16^6] */

/* sum_q a[q] b[q] with four partial sums (independent chains: the loop is throughput-, not latency-bound) */
static inline PetscReal AtomDiracDot_Private(PetscInt nq, const PetscReal *PETSC_RESTRICT a, const PetscReal *PETSC_RESTRICT b)
{
  PetscReal v0 = 0, v1 = 0, v2 = 0, v3 = 0;
  PetscInt  q = 0;

  for (; q + 4 <= nq; q += 4) {
    v0 += a[q] * b[q];
    v1 += a[q + 1] * b[q + 1];
    v2 += a[q + 2] * b[q + 2];
    v3 += a[q + 3] * b[q + 3];
  }
  for (; q < nq; q++) v0 += a[q] * b[q];
  return (v0 + v1) + (v2 + v3);
}

/* T = the overlap (which = 0), potential (1) or kinetic matrix at energy E (2), lower band, scaled by d */
static PetscErrorCode AtomDiracAssemble_Private(Atom_Dirac *s, AtomDiracKappa *k, PetscInt which, PetscReal E, PetscReal T[])
{
  const PetscInt  p = s->p, ldab = s->ldab, nq = s->nq, nq1 = s->nq1;
  const PetscReal c2   = s->c * s->c;
  PetscReal      *coef = s->coef, *cf = s->cf;

  PetscFunctionBegin;
  PetscCall(PetscArrayzero(T, ldab * k->n));
  for (PetscInt e = 0; e < s->ne; e++) {
    const PetscInt   nqe = e ? nq : nq1;
    const PetscReal *F; /* the basis (which < 2) or kinetic basis of the element, [i nqe + q] */

    for (PetscInt q = 0; q < nqe; q++) {
      if (!e) coef[q] = which == 0 ? k->wm1[q] : (which == 1 ? k->wm1[q] * k->V1[q] : k->wk1[q] * c2 / (E - k->V1[q] + 2 * c2));
      else {
        const PetscInt g = (e - 1) * nq + q;

        coef[q] = which == 0 ? s->w[g] : (which == 1 ? s->w[g] * s->V[g] : s->w[g] * c2 / (E - s->V[g] + 2 * c2));
      }
    }
    if (which < 2) F = e ? s->B : k->B1;
    else F = e ? k->Kt + (e - 1) * (p + 1) * nq : k->K1;
    for (PetscInt i = 0; i <= p; i++) {
      const PetscReal *Fi = F + i * nqe;
      PetscReal       *ci = cf + i * nqe;

      for (PetscInt q = 0; q < nqe; q++) ci[q] = coef[q] * Fi[q];
    }
    for (PetscInt i = 0; i <= p; i++) {
      const PetscInt gi = e * p + i - k->off;

      if (gi < 0 || gi >= k->n) continue;
      for (PetscInt j = 0; j <= i; j++) {
        const PetscInt gj = e * p + j - k->off;

        if (gj < 0) continue;
        T[(gi - gj) + gj * ldab] += AtomDiracDot_Private(nqe, cf + i * nqe, F + j * nqe);
      }
    }
  }
  if (k->d)
    for (PetscInt j = 0; j < k->n; j++)
      for (PetscInt dd = 0; dd < ldab && j + dd < k->n; dd++) T[dd + j * ldab] *= k->d[j] * k->d[j + dd];
  PetscFunctionReturn(0);
}

/* values P and kinetic combinations D of x at every quadrature point (first element first) */
static void AtomDiracInterpolate_Private(Atom_Dirac *s, AtomDiracKappa *k, const PetscReal x[], PetscReal Pq[], PetscReal Dq[])
{
  const PetscInt p = s->p, nq = s->nq, nq1 = s->nq1;

  for (PetscInt e = 0; e < s->ne; e++) {
    const PetscInt            nqe = e ? nq : nq1, off = e ? nq1 + (e - 1) * nq : 0;
    const PetscReal          *B = e ? s->B : k->B1, *K = e ? k->Kt + (e - 1) * (p + 1) * nq : k->K1;
    PetscReal *PETSC_RESTRICT P = Pq + off, *PETSC_RESTRICT D = Dq + off;

    for (PetscInt q = 0; q < nqe; q++) P[q] = D[q] = 0;
    for (PetscInt i = 0; i <= p; i++) {
      const PetscInt                  g  = e * p + i - k->off;
      const PetscReal *PETSC_RESTRICT Bi = B + i * nqe, *PETSC_RESTRICT Ki = K + i * nqe;
      PetscReal xg;

      if (g < 0 || g >= k->n) continue;
      xg = x[g] * k->d[g];
      for (PetscInt q = 0; q < nqe; q++) {
        P[q] += xg * Bi[q];
        D[q] += xg * Ki[q];
      }
    }
  }
}

/* the quadratic forms of P, D at energy E: a = x^T A(E) x, m = x^T S x, qq = int Q^2 (= -d a/dE) */
static void AtomDiracForms_Private(Atom_Dirac *s, AtomDiracKappa *k, const PetscReal Pq[], const PetscReal Dq[], PetscReal E, PetscReal *a, PetscReal *m, PetscReal *qq)
{
  const PetscReal c2  = s->c * s->c;
  const PetscInt  nq1 = s->nq1, nt = nq1 + (s->ne - 1) * s->nq;

  *a = *m = *qq = 0;
  for (PetscInt q = 0; q < nt; q++) {
    const PetscReal wm = q < nq1 ? k->wm1[q] : s->w[q - nq1], wk = q < nq1 ? k->wk1[q] : s->w[q - nq1], V = q < nq1 ? k->V1[q] : s->V[q - nq1];
    const PetscReal g = c2 / (E - V + 2 * c2);

    *a += wk * g * Dq[q] * Dq[q] + wm * V * Pq[q] * Pq[q];
    *m += wm * Pq[q] * Pq[q];
    *qq += wk * g * g / c2 * Dq[q] * Dq[q];
  }
}

/* nonlinear Rayleigh functional: the root sigma of x^T A(sigma) x = sigma x^T S x, from the start sigma */
static PetscErrorCode AtomDiracRayleigh_Private(Atom_Dirac *s, AtomDiracKappa *k, const PetscReal x[], PetscReal *sigma)
{
  PetscReal E = *sigma, a, m, qq;

  PetscFunctionBegin;
  AtomDiracInterpolate_Private(s, k, x, s->Pq, s->Dq);
  for (PetscInt it = 0; it < 100; it++) {
    PetscReal dE;

    AtomDiracForms_Private(s, k, s->Pq, s->Dq, E, &a, &m, &qq);
    dE = (a - E * m) / (m + qq);
    if (E + dE <= -s->c * s->c) dE = (-s->c * s->c - E) / 2; /* stay above -c^2 */
    E += dE;
    if (PetscAbsReal(dE) <= 1e-15 * PetscMax(1, PetscAbsReal(E))) break;
  }
  *sigma = E;
  PetscFunctionReturn(0);
}

/* y = S x (band) */
static void AtomDiracBandMult_Private(PetscInt n, PetscInt ldab, const PetscReal S[], const PetscReal x[], PetscReal y[])
{
  for (PetscInt i = 0; i < n; i++) y[i] = 0;
  for (PetscInt j = 0; j < n; j++) {
    y[j] += S[j * ldab] * x[j];
    for (PetscInt d = 1; d < ldab && j + d < n; d++) {
      y[j + d] += S[d + j * ldab] * x[j];
      y[j] += S[d + j * ldab] * x[j + d];
    }
  }
}

/* number of sign changes of x, ignoring entries below 1e-6 max |x| */
static PetscInt AtomDiracNodes_Private(PetscInt n, const PetscReal x[])
{
  PetscReal xmax = 0, last = 0;
  PetscInt  nodes = 0;

  for (PetscInt i = 0; i < n; i++) xmax = PetscMax(xmax, PetscAbsReal(x[i]));
  for (PetscInt i = 0; i < n; i++) {
    if (PetscAbsReal(x[i]) <= 1e-4 * xmax) continue; /* discretisation noise in the tails */
    if (last != 0 && (x[i] > 0) != (last > 0)) nodes++;
    last = x[i];
  }
  return nodes;
}

/* refines the pair (E, x) of state index kk (0-based, kk nodes) of kappa by nonlinear Rayleigh functional
   iteration, until the shift update is below tol (cubic convergence: the error of the result is then about
   update^3/gap^2); ok is false unless it converged to a vector with kk nodes */
static PetscErrorCode AtomDiracRefine_Private(Atom_Dirac *s, AtomDiracKappa *k, PetscInt kk, PetscReal tol, PetscReal *E, PetscReal x[], PetscBool *ok)
{
  const PetscInt n = k->n, ldab = s->ldab;
  PetscReal      sigma = *E, prev = PETSC_MAX_REAL, nrm;

  PetscFunctionBegin;
  *ok = PETSC_FALSE;
  PetscCall(AtomDiracRayleigh_Private(s, k, x, &sigma));
  for (PetscInt it = 0; it < 12; it++) {
    PetscInt info;

    PetscCall(AtomDiracAssemble_Private(s, k, 2, sigma, s->T));
    for (PetscInt i = 0; i < ldab * n; i++) s->T[i] += k->Vm[i] - sigma * k->S[i];
    info = AtomBandFactor_Private(n, s->p, s->T, PETSC_TRUE, s->LU, s->ipiv, &s->useldlt);
    s->nfact++;
    if (info) break; /* sigma is an eigenvalue to machine precision: x is converged */
    AtomDiracBandMult_Private(n, ldab, k->S, x, s->y);
    AtomBandSolve_Private(n, s->p, s->useldlt, s->LU, s->ipiv, s->y);
    nrm = 0;
    for (PetscInt i = 0; i < n; i++) nrm += s->y[i] * s->y[i];
    nrm = PetscSqrtReal(nrm);
    PetscCheck(nrm > 0 && !PetscIsInfOrNanReal(nrm), PETSC_COMM_SELF, PETSC_ERR_FP, "Dirac shift-and-invert produced a zero or non-finite vector for kappa = %" PetscInt_FMT, k->kappa);
    for (PetscInt i = 0; i < n; i++) x[i] = s->y[i] / nrm;
    prev = sigma;
    PetscCall(AtomDiracRayleigh_Private(s, k, x, &sigma));
    if (PetscAbsReal(sigma - prev) <= PetscMax(tol, 1e-14 * PetscMax(1, PetscAbsReal(sigma)))) break;
  }
  (void)prev;
  *ok = (PetscBool)(AtomDiracNodes_Private(n, x) == kk);
  *E  = sigma;
  PetscFunctionReturn(0);
}

/* eigenvector x of the pencil (A0, S) for its eigenvalue lambda (accurate to the round-off of the band
   eigensolver): two steps of inverse iteration with the shift lambda from a vector of ones */
static PetscErrorCode AtomDiracInverseIteration_Private(Atom_Dirac *s, AtomDiracKappa *k, const PetscReal A0[], PetscReal lambda, PetscReal x[])
{
  const PetscInt n = k->n, ldab = s->ldab;
  PetscReal      sigma = lambda;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < n; i++) x[i] = 1;
  for (PetscInt t = 0; t < 4; t++) { /* an exactly singular shift (zero pivot): move it by a few ulps */
    for (PetscInt i = 0; i < ldab * n; i++) s->T[i] = A0[i] - sigma * k->S[i];
    s->nfact++;
    if (!AtomBandFactor_Private(n, s->p, s->T, PETSC_TRUE, s->LU, s->ipiv, &s->useldlt)) break;
    PetscCheck(t < 3, PETSC_COMM_SELF, PETSC_ERR_LIB, "Dirac inverse iteration: singular shifted matrix for kappa = %" PetscInt_FMT, k->kappa);
    sigma = lambda + (t + 1) * 64 * PETSC_MACHINE_EPSILON * PetscMax(1, PetscAbsReal(lambda));
  }
  for (PetscInt it = 0; it < 2; it++) {
    PetscReal nrm = 0;

    AtomDiracBandMult_Private(n, ldab, k->S, x, s->y);
    AtomBandSolve_Private(n, s->p, s->useldlt, s->LU, s->ipiv, s->y);
    for (PetscInt i = 0; i < n; i++) nrm += s->y[i] * s->y[i];
    nrm = PetscSqrtReal(nrm);
    PetscCheck(nrm > 0 && !PetscIsInfOrNanReal(nrm), PETSC_COMM_SELF, PETSC_ERR_FP, "Dirac inverse iteration produced a zero or non-finite vector for kappa = %" PetscInt_FMT, k->kappa);
    for (PetscInt i = 0; i < n; i++) x[i] = s->y[i] / nrm;
  }
  PetscFunctionReturn(0);
}

/* the m lowest states of kappa: cold start from the linear pencil (A(0), S), or warm from the last solve */
static PetscErrorCode AtomDiracEigen_Private(Atom atom, AtomDiracKappa *k, PetscBool warm)
{
  Atom_Dirac    *s = (Atom_Dirac *)atom->data;
  const PetscInt n = k->n, ldab = s->ldab;
  PetscBool      cold = (PetscBool)(!warm || !k->havevec);

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(ATOM_Eigen, atom, 0, 0, 0));
  for (PetscInt pass = 0; pass < 2; pass++) {
    PetscBool allok = PETSC_TRUE;

    if (cold) {
      lapack_int m  = 0, info;
      PetscReal *A0 = s->zw, *ab = s->zq, *bb = s->zq + ldab * n;

      s->ncold++;
      PetscCall(AtomDiracAssemble_Private(s, k, 2, 0, A0));
      for (PetscInt i = 0; i < ldab * n; i++) {
        A0[i] += k->Vm[i];
        ab[i] = A0[i];
        bb[i] = k->S[i];
      }
      /* eigenvalues only (no O(n^3) accumulation of the band reductions), the vectors by inverse iteration */
      info = LAPACKE_dsbgvx_work(LAPACK_COL_MAJOR, 'N', 'I', 'L', (lapack_int)n, (lapack_int)s->p, (lapack_int)s->p, ab, (lapack_int)ldab, bb, (lapack_int)ldab, NULL, 1, 0, 0, 1, (lapack_int)k->m, 2 * LAPACKE_dlamch('S'), &m, k->ev, NULL, 1, s->y,
                                 s->iwork, s->ifail);
      PetscCheck(info == 0 && m == k->m, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACKE_dsbgvx failed for kappa = %" PetscInt_FMT ": info %d, %d of %" PetscInt_FMT " eigenvalues", k->kappa, (int)info, (int)m, k->m);
      for (PetscInt kk = 0; kk < k->m; kk++) PetscCall(AtomDiracInverseIteration_Private(s, k, A0, k->ev[kk], k->X + kk * n));
    }
    for (PetscInt kk = 0; kk < k->m; kk++) {
      PetscBool ok;

      PetscCall(AtomDiracRefine_Private(s, k, kk, atom->xc == ATOM_XC_NONE ? 0 : s->refine, &k->ev[kk], k->X + kk * n, &ok));
      if (!ok) {
        allok = PETSC_FALSE;
        PetscCall(PetscInfo(atom, "Dirac state %" PetscInt_FMT " of kappa = %" PetscInt_FMT ": refinement reached a vector with the wrong number of nodes%s\n", kk, k->kappa, cold ? "" : ", cold restart"));
        break;
      }
    }
    if (allok) break;
    PetscCheck(!cold, PETSC_COMM_SELF, PETSC_ERR_CONV_FAILED, "Dirac eigensolve for kappa = %" PetscInt_FMT " did not converge to states with the expected number of nodes: refine the discretisation", k->kappa);
    cold = PETSC_TRUE;
  }
  for (PetscInt kk = 0; kk < k->m; kk++) { /* sign: P > 0 near the nucleus; norm int (P^2 + Q^2) = 1 */
    PetscReal *x = k->X + kk * n, a, m, qq, sg;

    AtomDiracInterpolate_Private(s, k, x, s->Pq, s->Dq);
    AtomDiracForms_Private(s, k, s->Pq, s->Dq, k->ev[kk], &a, &m, &qq);
    sg = (x[0] < 0 ? -1 : 1) / PetscSqrtReal(m + qq);
    for (PetscInt i = 0; i < n; i++) x[i] *= sg;
  }
  k->havevec = PETSC_TRUE;
  PetscCall(PetscLogEventEnd(ATOM_Eigen, atom, 0, 0, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomReset_Dirac(Atom atom)
{
  Atom_Dirac *s = (Atom_Dirac *)atom->data;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < s->nk; i++) {
    AtomDiracKappa *k = &s->kap[i];

    PetscCall(PetscFree6(k->r1, k->wm1, k->wk1, k->B1, k->K1, k->V1));
    PetscCall(PetscFree5(k->S, k->Vm, k->ev, k->X, k->d));
    PetscCall(PetscFree4(k->Bs, k->Ks, k->fs, k->Kt));
  }
  PetscCall(PetscFree(s->kap));
  PetscCall(PetscFree2(s->coef, s->cf));
  if (s->sfe) PetscCall(AtomSCFDestroy_Private(atom, &s->scf));
  PetscCall(RadialFEDestroy(&s->sfe));
  atom->fe = NULL;
  s->nk    = 0;
  PetscCall(PetscFree7(s->mesh, s->xg, s->wg, s->xq, s->wq, s->B, s->D));
  PetscCall(PetscFree3(s->r, s->w, s->V));
  PetscCall(PetscFree7(s->T, s->LU, s->y, s->Sx, s->Pq, s->Dq, s->dq));
  PetscCall(PetscFree5(s->zq, s->zw, s->ipiv, s->iwork, s->ifail));
  PetscFunctionReturn(0);
}

/* the potential V = -Z/r + vin at every quadrature point of every kappa and the potential matrices; vin is
   V_H + V_xc on the SCF grid (whose points are the quadrature points of the SCF model), or NULL */
static PetscErrorCode AtomDiracSetPotential_Private(Atom atom, const PetscReal vin[])
{
  Atom_Dirac *s = (Atom_Dirac *)atom->data;

  PetscFunctionBegin;
  for (PetscInt g = 0; g < (s->ne - 1) * s->nq; g++) s->V[g] = -atom->Z / s->r[g] + (vin ? vin[s->n0 + g] : 0);
  for (PetscInt i = 0; i < s->nk; i++) {
    AtomDiracKappa *k = &s->kap[i];

    for (PetscInt q = 0; q < s->nq1; q++) k->V1[q] = -atom->Z / k->r1[q] + (vin ? vin[q] : 0); /* with vin, r1 are the first n0 grid points */
    PetscCall(AtomDiracAssemble_Private(s, k, 1, 0, k->Vm));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomSetUp_Dirac(Atom atom)
{
  Atom_Dirac    *s = (Atom_Dirac *)atom->data;
  const PetscInt p = atom->p, ne                  = atom->ne;
  PetscInt       kappas[2 * (ATOM_MAX_L + 1)], nk = 0, mmax = 0;
  PetscReal     *val, *der;

  PetscFunctionBegin;
  PetscCheck(ne >= 2, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "The Dirac model needs at least 2 elements (the first one is [0, r0]), not %" PetscInt_FMT, ne);
  PetscCheck(atom->r0 > 0 && atom->r0 < atom->rmax, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "First element radius r0 = %g must lie in (0, rmax = %g)", (double)atom->r0, (double)atom->rmax);
  s->c      = atom->c;
  s->ne     = ne;
  s->p      = p;
  s->nq     = atom->nq == PETSC_DEFAULT ? 2 * p + 1 : atom->nq;
  s->nq1    = s->nq;
  s->n      = ne * p;
  s->ldab   = p + 1;
  s->r0     = atom->r0;
  s->refine = atom->refine;
  PetscCheck(s->nq <= 256, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "The Dirac model takes at most 256 quadrature points per element, not %" PetscInt_FMT, s->nq);
  /* the kappas of the orbitals and the number of states of each */
  for (PetscInt o = 0; o < atom->norb; o++) {
    PetscInt i;

    PetscCheck(atom->kappa[o] != 0 && PetscAbsInt(atom->kappa[o]) <= ATOM_MAX_L + 1 && atom->l[o] <= ATOM_MAX_L, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE,
               "Orbital %" PetscInt_FMT " (n = %" PetscInt_FMT ", l = %" PetscInt_FMT ") has kappa = %" PetscInt_FMT " out of range: the Dirac model takes l <= %d, 1 <= |kappa| <= %d", o, atom->n[o], atom->l[o], atom->kappa[o], ATOM_MAX_L,
               ATOM_MAX_L + 1);
    for (i = 0; i < nk; i++)
      if (kappas[i] == atom->kappa[o]) break;
    if (i == nk) kappas[nk++] = atom->kappa[o];
  }
  PetscCall(PetscCalloc1(nk, &s->kap));
  s->nk = nk;
  PetscCall(PetscMalloc7(ne + 1, &s->mesh, p + 1, &s->xg, p + 1, &s->wg, s->nq, &s->xq, s->nq, &s->wq, s->nq * (p + 1), &s->B, s->nq * (p + 1), &s->D));
  PetscCall(PetscMalloc3((ne - 1) * s->nq, &s->r, (ne - 1) * s->nq, &s->w, (ne - 1) * s->nq, &s->V));
  s->mesh[0] = 0;
  PetscCall(RadialFEMeshExponential(s->r0, atom->rmax, atom->ratio, ne - 1, s->mesh + 1));
  PetscCall(RadialFEGaussLobatto(p + 1, s->xg, s->wg));
  PetscCall(RadialFEGaussLegendre(s->nq, s->xq, s->wq));
  PetscCall(PetscMalloc2(p + 1, &val, p + 1, &der));
  for (PetscInt q = 0; q < s->nq; q++) {
    PetscCall(RadialFELagrange(p + 1, s->xg, s->xq[q], val, der));
    for (PetscInt i = 0; i <= p; i++) {
      s->B[i * s->nq + q] = val[i];
      s->D[i * s->nq + q] = der[i];
    }
  }
  for (PetscInt e = 1; e < ne; e++) {
    const PetscReal J = (s->mesh[e + 1] - s->mesh[e]) / 2, c = (s->mesh[e + 1] + s->mesh[e]) / 2;

    for (PetscInt q = 0; q < s->nq; q++) {
      s->r[(e - 1) * s->nq + q] = c + J * s->xq[q];
      s->w[(e - 1) * s->nq + q] = J * s->wq[q];
    }
  }
  /* the SCF grid: [0, r0] split into nsub geometric sub-elements, then the elements 1.. of the mesh */
  {
    PetscReal *smesh;

    s->nsub = ATOM_DIRAC_SUB;
    s->n0   = s->nsub * s->nq;
    PetscCall(PetscMalloc1(s->nsub + ne, &smesh));
    smesh[0] = 0;
    for (PetscInt i = 1; i <= s->nsub; i++) smesh[i] = s->r0 * PetscPowReal(ATOM_DIRAC_SUB_RATIO, -(PetscReal)(s->nsub - i));
    for (PetscInt e = 2; e <= ne; e++) smesh[s->nsub + e - 1] = s->mesh[e];
    PetscCall(RadialFECreateFromMesh(s->nsub + ne - 1, smesh, p, s->nq, &s->sfe));
    PetscCall(PetscFree(smesh));
    PetscCall(AtomSCFCreate_Private(atom, s->sfe, &s->scf));
    atom->fe = s->sfe;
  }
  /* first-element rule: Gauss-Jacobi (exact for the Coulomb problem), or with an SCF potential the composite rule
     of the sub-elements of the SCF grid (V_xc ~ n^(1/3) ~ r^((2 alpha - 2)/3) is not smooth at the nucleus) */
  s->nq1 = atom->xc == ATOM_XC_NONE ? s->nq : s->n0;
  PetscCall(PetscMalloc2(PetscMax(s->nq1, s->nq), &s->coef, (p + 1) * PetscMax(s->nq1, s->nq), &s->cf));
  for (PetscInt i = 0; i < nk; i++) {
    AtomDiracKappa *k  = &s->kap[i];
    const PetscInt  nq = s->nq1, n0 = s->n0;
    PetscReal      *xj, *wj, scale;

    k->kappa = kappas[i];
    k->l     = k->kappa < 0 ? -k->kappa - 1 : k->kappa;
    k->off   = PetscAbsInt(k->kappa) > 1 ? 1 : 0;
    k->n     = s->n - k->off;
    k->alpha = PetscSqrtReal((PetscReal)(k->kappa * k->kappa) - (atom->Z / s->c) * (atom->Z / s->c)) - (PetscAbsInt(k->kappa) - 1);
    for (PetscInt o = 0; o < atom->norb; o++)
      if (atom->kappa[o] == k->kappa) k->m = PetscMax(k->m, atom->n[o] - k->l);
    mmax = PetscMax(mmax, k->m);
    PetscCheck(k->m <= k->n, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Discretisation with %" PetscInt_FMT " unknowns cannot hold %" PetscInt_FMT " states of one kappa: refine the mesh", k->n, k->m);
    PetscCall(PetscMalloc6(nq, &k->r1, nq, &k->wm1, nq, &k->wk1, nq * (p + 1), &k->B1, nq * (p + 1), &k->K1, nq, &k->V1));
    PetscCall(PetscMalloc5(s->ldab * k->n, &k->S, s->ldab * k->n, &k->Vm, k->m, &k->ev, k->m * k->n, &k->X, k->n, &k->d));
    PetscCall(PetscMalloc4(n0 * (p + 1), &k->Bs, n0 * (p + 1), &k->Ks, n0, &k->fs, (ne - 1) * (p + 1) * s->nq, &k->Kt));
    for (PetscInt e = 1; e < ne; e++) {
      const PetscReal J = (s->mesh[e + 1] - s->mesh[e]) / 2;

      for (PetscInt j = 0; j <= p; j++)
        for (PetscInt q = 0; q < s->nq; q++) k->Kt[((e - 1) * (p + 1) + j) * s->nq + q] = s->D[j * s->nq + q] / J + k->kappa * s->B[j * s->nq + q] / s->r[(e - 1) * s->nq + q];
    }
    for (PetscInt q = 0; q < n0; q++) { /* basis at the first-element points of the SCF grid */
      const PetscReal r = s->scf.r[q];

      PetscCall(RadialFELagrange(p + 1, s->xg, 2 * r / s->r0 - 1, val, der));
      k->fs[q] = PetscPowReal(r / s->r0, k->alpha);
      for (PetscInt j = 0; j <= p; j++) {
        k->Bs[j * n0 + q] = val[j];
        k->Ks[j * n0 + q] = r * der[j] * 2 / s->r0 + (k->alpha + k->kappa) * val[j];
      }
    }
    if (atom->xc == ATOM_XC_NONE) {
      PetscCall(PetscMalloc2(nq, &xj, nq, &wj));
      PetscCall(RadialFEGaussJacobi(nq, 2 * k->alpha - 1, xj, wj));
      scale = PetscPowReal(2, -2 * k->alpha);
      for (PetscInt q = 0; q < nq; q++) {
        const PetscReal r = s->r0 * (1 + xj[q]) / 2;

        k->r1[q]  = r;
        k->wm1[q] = scale * wj[q] * r;
        k->wk1[q] = scale * wj[q] / r;
        PetscCall(RadialFELagrange(p + 1, s->xg, xj[q], val, der));
        for (PetscInt j = 0; j <= p; j++) {
          k->B1[j * nq + q] = val[j];
          k->K1[j * nq + q] = r * der[j] * 2 / s->r0 + (k->alpha + k->kappa) * val[j];
        }
      }
      PetscCall(PetscFree2(xj, wj));
    } else {
      for (PetscInt q = 0; q < nq; q++) {
        const PetscReal r = s->scf.r[q], f2 = k->fs[q] * k->fs[q];

        k->r1[q]  = r;
        k->wm1[q] = s->scf.w[q] * f2;
        k->wk1[q] = s->scf.w[q] * f2 / (r * r);
      }
      PetscCall(PetscArraycpy(k->B1, k->Bs, nq * (p + 1)));
      PetscCall(PetscArraycpy(k->K1, k->Ks, nq * (p + 1)));
    }
    {
      PetscReal *d = k->d;

      k->d = NULL; /* unscaled overlap first */
      PetscCall(AtomDiracAssemble_Private(s, k, 0, 0, k->S));
      for (PetscInt j = 0; j < k->n; j++) d[j] = 1 / PetscSqrtReal(k->S[j * s->ldab]);
      k->d = d;
      for (PetscInt j = 0; j < k->n; j++)
        for (PetscInt dd = 0; dd < s->ldab && j + dd < k->n; dd++) k->S[dd + j * s->ldab] *= d[j] * d[j + dd];
    }
  }
  PetscCall(PetscFree2(val, der));
  {
    const PetscInt nt = s->nq1 + (ne - 1) * s->nq, n = s->n;

    PetscCall(PetscMalloc7(s->ldab * n, &s->T, (3 * p + 1) * n, &s->LU, 8 * n, &s->y, n, &s->Sx, nt, &s->Pq, nt, &s->Dq, nt, &s->dq));
    PetscCall(PetscMalloc5(2 * s->ldab * n, &s->zq, s->ldab * n, &s->zw, n, &s->ipiv, 5 * n, &s->iwork, n, &s->ifail));
  }
  PetscCall(AtomDiracSetPotential_Private(atom, NULL));
  PetscFunctionReturn(0);
}

/* the eigenvalues of the orbitals from the states of their kappa */
static void AtomDiracCopyEigenvalues_Private(Atom atom)
{
  Atom_Dirac *s = (Atom_Dirac *)atom->data;

  for (PetscInt o = 0; o < atom->norb; o++)
    for (PetscInt i = 0; i < s->nk; i++)
      if (s->kap[i].kappa == atom->kappa[o]) atom->eig[o] = s->kap[i].ev[atom->n[o] - s->kap[i].l - 1];
}

/* the occupied states of every kappa in V = -Z/r + vin (SCF iteration it) */
static PetscErrorCode AtomSCFEigen_Dirac(Atom atom, PetscInt it, const PetscReal vin[], PetscBool warm)
{
  Atom_Dirac *s = (Atom_Dirac *)atom->data;

  PetscFunctionBegin;
  PetscCall(AtomDiracSetPotential_Private(atom, vin));
  for (PetscInt i = 0; i < s->nk; i++) PetscCall(AtomDiracEigen_Private(atom, &s->kap[i], warm));
  AtomDiracCopyEigenvalues_Private(atom);
  PetscFunctionReturn(0);
}

/* P and Q of orbital o at the SCF grid points (Q = c (P' + kappa P/r)/(E - V + 2c^2) with V = -Z/r + vin) */
static PetscErrorCode AtomDiracOrbitalOnGrid_Private(Atom atom, PetscInt o, PetscReal P[], PetscReal Q[])
{
  Atom_Dirac      *s  = (Atom_Dirac *)atom->data;
  AtomDiracKappa  *k  = NULL;
  const PetscInt   n0 = s->n0, p = s->p, ng = (s->ne - 1) * s->nq;
  const PetscReal  c = s->c, c2 = c * c, *r = s->scf.r, *vin = s->scf.vin;
  const PetscReal *x;
  PetscReal        E;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < s->nk; i++)
    if (s->kap[i].kappa == atom->kappa[o]) k = &s->kap[i];
  PetscCheck(k, PETSC_COMM_SELF, PETSC_ERR_PLIB, "No kappa for orbital %" PetscInt_FMT, o);
  x = k->X + (atom->n[o] - k->l - 1) * k->n;
  E = k->ev[atom->n[o] - k->l - 1];
  /* first element: P = (r/r0)^alpha u, P' + kappa P/r = (r/r0)^alpha (r u' + (alpha + kappa) u)/r; u and
     r u' + (alpha + kappa) u accumulated in P and Q */
  for (PetscInt q = 0; q < n0; q++) P[q] = Q[q] = 0;
  for (PetscInt i = k->off; i <= p; i++) {
    const PetscReal xg = x[i - k->off] * k->d[i - k->off], *PETSC_RESTRICT Bi = k->Bs + i * n0, *PETSC_RESTRICT Ki = k->Ks + i * n0;

    for (PetscInt q = 0; q < n0; q++) {
      P[q] += xg * Bi[q];
      Q[q] += xg * Ki[q];
    }
  }
  for (PetscInt q = 0; q < n0; q++) {
    P[q] *= k->fs[q];
    Q[q] = c * k->fs[q] * Q[q] / (r[q] * (E - vin[q] + 2 * c2) + atom->Z);
  }
  AtomDiracInterpolate_Private(s, k, x, s->Pq, s->Dq);
  for (PetscInt g = 0; g < ng; g++) {
    P[n0 + g] = s->Pq[s->nq1 + g];
    Q[n0 + g] = c * s->Dq[s->nq1 + g] / (E - s->V[g] + 2 * c2);
  }
  PetscFunctionReturn(0);
}

/* density rho = 4 pi r^2 n = sum_o f_o (P_o^2 + Q_o^2) at the SCF grid points, each orbital normalised on the grid */
static PetscErrorCode AtomDensity_Dirac(Atom atom, PetscReal rho[])
{
  Atom_Dirac      *s  = (Atom_Dirac *)atom->data;
  const PetscInt   nt = s->scf.nqt;
  const PetscReal *w  = s->scf.w;
  PetscReal       *P = s->scf.vout, *Q = s->scf.vh; /* scratch: both are recomputed after the density */

  PetscFunctionBegin;
  PetscCall(PetscArrayzero(rho, nt));
  for (PetscInt o = 0; o < atom->norb; o++) {
    PetscReal nrm = 0;

    PetscCall(AtomDiracOrbitalOnGrid_Private(atom, o, P, Q));
    for (PetscInt q = 0; q < nt; q++) nrm += w[q] * (P[q] * P[q] + Q[q] * Q[q]);
    for (PetscInt q = 0; q < nt; q++) rho[q] += atom->occ[o] / nrm * (P[q] * P[q] + Q[q] * Q[q]);
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomSolve_Dirac(Atom atom)
{
  Atom_Dirac *s = (Atom_Dirac *)atom->data;

  PetscFunctionBegin;
  s->nfact = s->ncold = 0;
  if (atom->xc != ATOM_XC_NONE) {
    PetscCall(AtomSCFSolve_Private(atom, &s->scf, AtomSCFEigen_Dirac, AtomDensity_Dirac));
    PetscFunctionReturn(0);
  }
  for (PetscInt i = 0; i < s->nk; i++) PetscCall(AtomDiracEigen_Private(atom, &s->kap[i], PETSC_FALSE));
  AtomDiracCopyEigenvalues_Private(atom);
  atom->etot = 0;
  for (PetscInt o = 0; o < atom->norb; o++) atom->etot += atom->occ[o] * atom->eig[o];
  atom->its    = 1;
  atom->reason = ATOM_CONVERGED_LINEAR;
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomView_Dirac(Atom atom, PetscViewer viewer)
{
  Atom_Dirac *s = (Atom_Dirac *)atom->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "Dirac: c = %.10g, first element [0, %g] with r^alpha factor and Gauss-Jacobi quadrature\n", (double)atom->c, (double)atom->r0));
  if (!s->nk) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPrintf(viewer, "%" PetscInt_FMT " unknowns per kappa, %" PetscInt_FMT " kappas; last solve: %" PetscInt_FMT " cold partial eigensolves (dsbgvx values + inverse iteration), %" PetscInt_FMT " shifted factorisations\n", s->n,
                                   s->nk, s->ncold, s->nfact));
  PetscFunctionReturn(0);
}

/* the value at r of a field given at the SCF grid points (Lagrange interpolation on the element of r) */
static PetscErrorCode AtomDiracGridValue_Private(Atom_Dirac *s, const PetscReal f[], PetscReal r, PetscReal L[], PetscReal *v)
{
  const PetscReal *mesh;
  PetscInt         ne, e = 0;

  PetscFunctionBegin;
  PetscCall(RadialFEGetMesh(s->sfe, &mesh));
  PetscCall(RadialFEGetSizes(s->sfe, NULL, NULL, &ne, NULL));
  while (e < ne - 1 && r > mesh[e + 1]) e++;
  PetscCall(RadialFELagrange(s->nq, s->xq, (2 * r - mesh[e] - mesh[e + 1]) / (mesh[e + 1] - mesh[e]), L, NULL));
  *v = 0;
  for (PetscInt j = 0; j < s->nq; j++) *v += L[j] * f[e * s->nq + j];
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomEvaluate_Dirac(Atom atom, PetscInt npts, const PetscReal r[], PetscReal dens[], PetscReal V[])
{
  Atom_Dirac     *s = (Atom_Dirac *)atom->data;
  const PetscInt  p = s->p, nt = s->scf.nqt;
  const PetscReal c = s->c, c2 = c * c;
  PetscReal      *rho, *L, *val, *der, *P, *Q, nrm[ATOM_MAX_ORBITALS];

  PetscFunctionBegin;
  PetscCall(PetscCalloc2(npts, &rho, s->nq, &L));
  PetscCall(PetscMalloc4(p + 1, &val, p + 1, &der, nt, &P, nt, &Q));
  for (PetscInt o = 0; o < atom->norb; o++) { /* the normalisation of the density */
    nrm[o] = 0;
    PetscCall(AtomDiracOrbitalOnGrid_Private(atom, o, P, Q));
    for (PetscInt q = 0; q < nt; q++) nrm[o] += s->scf.w[q] * (P[q] * P[q] + Q[q] * Q[q]);
  }
  for (PetscInt m = 0; m < npts; m++) {
    const PetscReal rm  = PetscMin(PetscMax(r[m], 0), atom->rmax);
    PetscReal       vin = 0;
    PetscInt        e   = 0;

    if (rm <= 0) continue;
    PetscCall(AtomDiracGridValue_Private(s, s->scf.vin, rm, L, &vin));
    while (e < s->ne - 1 && rm > s->mesh[e + 1]) e++;
    PetscCall(RadialFELagrange(p + 1, s->xg, (2 * rm - s->mesh[e] - s->mesh[e + 1]) / (s->mesh[e + 1] - s->mesh[e]), val, der));
    for (PetscInt o = 0; o < atom->norb; o++) {
      AtomDiracKappa  *k = NULL;
      const PetscReal *x;
      PetscReal        E, u = 0, du = 0, Pr, Qr;

      for (PetscInt i = 0; i < s->nk; i++)
        if (s->kap[i].kappa == atom->kappa[o]) k = &s->kap[i];
      x = k->X + (atom->n[o] - k->l - 1) * k->n;
      E = k->ev[atom->n[o] - k->l - 1];
      for (PetscInt i = 0; i <= p; i++) {
        const PetscInt g = e * p + i - k->off;

        if (g < 0 || g >= k->n) continue;
        u += x[g] * k->d[g] * val[i];
        du += x[g] * k->d[g] * (e ? der[i] * 2 / (s->mesh[e + 1] - s->mesh[e]) + k->kappa * val[i] / rm : rm * der[i] * 2 / s->r0 + (k->alpha + k->kappa) * val[i]);
      }
      if (!e) {
        const PetscReal f = PetscPowReal(rm / s->r0, k->alpha);

        Pr = f * u;
        Qr = c * f * du / (rm * (E - vin + 2 * c2) + atom->Z);
      } else {
        Pr = u;
        Qr = c * du / (E + atom->Z / rm - vin + 2 * c2);
      }
      rho[m] += atom->occ[o] / nrm[o] * (Pr * Pr + Qr * Qr);
    }
    rho[m] /= 4 * PETSC_PI * rm * rm;
  }
  if (dens) PetscCall(PetscArraycpy(dens, rho, npts));
  if (V) {
    if (s->scf.ps) PetscCall(RadialPoissonEvaluate(s->scf.ps, npts, r, V));
    else PetscCall(PetscArrayzero(V, npts));
    for (PetscInt m = 0; m < npts; m++) {
      PetscReal exc, vxc = 0;

      if (atom->xc != ATOM_XC_NONE) PetscCall(AtomSCFXC_Private(atom, rho[m], &exc, &vxc));
      V[m] += vxc - atom->Z / r[m];
    }
  }
  PetscCall(PetscFree4(val, der, P, Q));
  PetscCall(PetscFree2(rho, L));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomTail_Dirac(Atom atom, PetscInt o, PetscReal *tail)
{
  Atom_Dirac *s    = (Atom_Dirac *)atom->data;
  PetscReal   pmax = 0, ptail = 0;

  PetscFunctionBegin;
  *tail = 1;
  for (PetscInt i = 0; i < s->nk; i++) {
    AtomDiracKappa  *k = &s->kap[i];
    const PetscReal *x;

    if (k->kappa != atom->kappa[o]) continue;
    x = k->X + (atom->n[o] - k->l - 1) * k->n;
    for (PetscInt g = 0; g < k->n; g++) {
      const PetscInt  e = (g + k->off) / s->p, j = (g + k->off) % s->p;
      const PetscReal r = s->mesh[e] + (1 + s->xg[j]) / 2 * (s->mesh[e + 1] - s->mesh[e]), P = PetscAbsReal(x[g] * k->d[g]) * (e ? 1 : PetscPowReal(r / s->r0, k->alpha));

      pmax = PetscMax(pmax, P);
      if (r >= 0.9 * atom->rmax) ptail = PetscMax(ptail, P);
    }
    *tail = pmax > 0 ? ptail / pmax : 1;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomDestroy_Dirac(Atom atom)
{
  PetscFunctionBegin;
  PetscCall(AtomReset_Dirac(atom));
  PetscCall(PetscFree(atom->data));
  PetscFunctionReturn(0);
}

/*MC
  ATOMDIRAC - "dirac": relativistic radial Dirac atom on high-order finite elements (hydrogen-like, -atom_xc
  none), every (n, kappa) state free of spurious solutions

  Level: beginner

  Notes:
  Q is eliminated exactly: for each kappa the energy-dependent problem for P,
  int [c^2/(E - V + 2c^2) (P' + kappa P/r)(v' + kappa v/r) + V P v] dr = E int P v dr, is symmetric with a
  positive kinetic term, so its discrete eigenvalues obey the min-max principle: the k-th root of
  mu_k(E) = E is the state with k - 1 nodes, each is an upper bound of the exact level, and no spurious state
  can occur. The matrices are those of a Schroedinger-size operator (no squared Hamiltonian, whose entries
  ~ c^4 make the round-off of deep levels grow like c^4 eps), so the eigenvalue round-off is eps |x|^T |A| |x|.
  On the first element [0, r0] the basis carries (r/r0)^alpha, alpha = sqrt(kappa^2 - (Z/c)^2), with
  Gauss-Jacobi quadrature for the weight r^(2 alpha - 1).

  Options Database Keys:
+ -atom_mesh_r0 <0.005> - radius of the first element
- -atom_speed_of_light <137.0359895> - c (NIST SRD 141, CODATA 1986)

  References: O. Certik et al., Comput. Phys. Commun. 297 (2024), arXiv:2307.05856; J. D. Talman, Phys. Rev.
  Lett. 57 (1986) 1091.

.seealso: `Atom`, `AtomSetType()`, `ATOMSCHROEDINGER`
M*/
PetscErrorCode AtomCreate_Dirac(Atom atom)
{
  Atom_Dirac *s;

  PetscFunctionBegin;
  PetscCall(PetscNew(&s));
  atom->data          = (void *)s;
  atom->relativistic  = PETSC_TRUE;
  atom->ops->setup    = AtomSetUp_Dirac;
  atom->ops->solve    = AtomSolve_Dirac;
  atom->ops->view     = AtomView_Dirac;
  atom->ops->reset    = AtomReset_Dirac;
  atom->ops->destroy  = AtomDestroy_Dirac;
  atom->ops->evaluate = AtomEvaluate_Dirac;
  atom->ops->tail     = AtomTail_Dirac;
  PetscFunctionReturn(0);
}
