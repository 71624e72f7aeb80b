/*I "tessera.h" I*/
/*
   ATOMSCHROEDINGER - non-relativistic radial Schroedinger / Kohn-Sham LDA atom on high-order finite elements.

   Method: for each angular momentum l the radial equation for P = r R,
     -1/2 P'' + [l (l + 1)/(2 r^2) - Z/r + V_H + V_xc] P = e P,  P(0) = P(rmax) = 0,
   is discretised with the spectral elements of RadialFE (GLL Lagrange basis of order p, Gauss-Legendre
   quadrature, diagonal GLL-collocated overlap S). With D = S^{-1/2}, the scaled matrix D H_l D is symmetric
   banded; only the lowest occupied eigenpairs of each l are computed. Cold start (first SCF iteration, or a
   failed warm start): LAPACK dsbevx range 'I' eigenvalues (band reduction by rotations + bisection, which keep
   full accuracy for this graded matrix, unlike dense Householder tridiagonalisation whose errors are
   eps ||H|| ~ 1e-7 here) and each occupied eigenvector by two inverse-iteration solves. Warm start (later SCF
   iterations): each occupied eigenpair of the previous iteration is refined by shift-and-invert with the
   Rayleigh-type shift update e <- e + (x, y)/(y, y), y = (H - e)^{-1} x (cubic convergence, usually one or
   two banded LU factorisations), accepted only if the eigenvector has the n - l - 1 nodes of its state.
   The kinetic, centrifugal and nuclear parts of each l are assembled and scaled once in SetUp; an SCF
   iteration assembles only the potential matrix (V_H + V_xc) once for all l.

   Kohn-Sham LDA (NIST SRD 141): density rho = 4 pi r^2 n = sum_i f_i P_i^2 with the NIST occupations;
   Hartree potential from RadialPoisson (by default its integral form, V_H(r) = Q(r)/r + int_r rho/s, exact
   antiderivatives of the interpolated density, no linear system: accurate for every order and element count;
   -atom_poisson_order q selects finite elements of order q instead), V_H(rmax) = N/rmax;
   Slater exchange + VWN correlation; Thomas-Fermi initial potential; Anderson (Pulay) mixing of V_H + V_xc
   at the quadrature points, restarted when the residual grows; total energy in the variational form
     E = sum_i f_i e_i - (V_in, rho) + 1/2 (V_H[rho], rho) + (e_xc[rho], rho), V_in = V_H + V_xc of the input.

   References:
     O. Certik et al., Comput. Phys. Commun. 297 (2024), arXiv:2307.05856 (featom).
     S. Kotochigova, Z. H. Levine, E. L. Shirley, M. D. Stiles, C. W. Clark, Phys. Rev. A 55, 191 (1997).
     D. G. Anderson, J. ACM 12 (1965) 547; P. Pulay, Chem. Phys. Lett. 73 (1980) 393.
*/
#include <atomimpl.h>
#include <lapacke.h>

typedef struct {
  RadialFE fe;
  AtomSCF  scf; /* SCF state on the quadrature points of fe */
  PetscInt n, p, ldab, nqt, lmax, kmax;
  PetscInt nl[ATOM_MAX_L + 1]; /* eigenpairs needed for each l */
  /* precomputed operators */
  PetscReal *K;   /* per l: D (T + l(l+1)/(2r^2) - Z/r) D, lower band (ldab x n) */
  PetscReal *isq; /* D = S^{-1/2} */
  /* eigensolver workspace */
  PetscReal  *Hb, *Hd, *Q, *evals, *evecs, *work;
  lapack_int *iwork, *isuppz, lwork, liwork;
  PetscReal   abstol;
  PetscReal  *LU; /* band LU of H - e I for inverse iteration, (3p + 1) x n */
  PetscInt   *ipiv;
  PetscBool   havevec;           /* X holds eigenvectors of a previous iteration (inverse-iteration start) */
  PetscBool   ldlt, useldlt;     /* try the symmetric LDL^T without pivoting; the current factor is LDL^T */
  PetscBool   loose;             /* early SCF iteration: bisection to 1e-7 only (the warm start refines later) */
  PetscReal   refine;            /* accept the shift-and-invert eigenpair once the shift update is below this */
  PetscInt    nldlt, nlu, ncold; /* statistics of the last solve: factorisations, cold eigensolves */
  /* orbitals (nodal values of P), values at the quadrature points */
  PetscReal *X, *Pq, *dPq;
  PetscReal *vnuc; /* -Z/r at the quadrature points (assembly scratch) */
} Atom_Schroedinger;

static PetscErrorCode AtomReset_Schroedinger(Atom atom)
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;

  PetscFunctionBegin;
  if (s->fe) PetscCall(AtomSCFDestroy_Private(atom, &s->scf));
  PetscCall(RadialFEDestroy(&s->fe));
  PetscCall(PetscFree3(s->K, s->isq, s->Hb));
  PetscCall(PetscFree4(s->Hd, s->Q, s->evals, s->evecs));
  PetscCall(PetscFree2(s->work, s->iwork));
  PetscCall(PetscFree2(s->LU, s->ipiv));
  s->havevec = PETSC_FALSE;
  PetscCall(PetscFree5(s->isuppz, s->X, s->Pq, s->dPq, s->vnuc));
  atom->fe  = NULL;
  atom->vin = NULL;
  atom->nqt = 0;
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomSetUp_Schroedinger(Atom atom)
{
  Atom_Schroedinger *s  = (Atom_Schroedinger *)atom->data;
  const PetscInt     nq = atom->nq == PETSC_DEFAULT ? 2 * atom->p + 1 : atom->nq;
  const PetscReal   *r, *mass;
  PetscInt           n, ldab;

  PetscFunctionBegin;
  PetscCheck(atom->xc != ATOM_XC_RLDA, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_INCOMP, "The relativistic LDA (-atom_xc rlda) needs the Dirac model (-atom_model dirac); the Schroedinger model takes -atom_xc none or lda");
  PetscCall(RadialFECreate(atom->ne, atom->p, nq, atom->rmax, atom->ratio, &s->fe));
  PetscCall(RadialFEGetSizes(s->fe, &s->n, &s->nqt, NULL, &s->p));
  n         = s->n;
  ldab      = s->p + 1;
  s->ldab   = ldab;
  s->ldlt   = atom->ldlt;
  s->refine = atom->refine;
  s->lmax   = 0;
  for (PetscInt l = 0; l <= ATOM_MAX_L; l++) s->nl[l] = 0;
  for (PetscInt k = 0; k < atom->norb; k++) {
    PetscCheck(atom->l[k] <= ATOM_MAX_L, PetscObjectComm((PetscObject)atom), PETSC_ERR_SUP, "Angular momentum l = %" PetscInt_FMT " > %d is not supported", atom->l[k], ATOM_MAX_L);
    s->lmax           = PetscMax(s->lmax, atom->l[k]);
    s->nl[atom->l[k]] = PetscMax(s->nl[atom->l[k]], atom->n[k] - atom->l[k]);
  }
  s->kmax = 0;
  for (PetscInt l = 0; l <= s->lmax; l++) s->kmax = PetscMax(s->kmax, s->nl[l]);
  PetscCheck(s->kmax <= n, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Discretisation with %" PetscInt_FMT " unknowns cannot hold %" PetscInt_FMT " states of one l: refine the mesh", n, s->kmax);
  PetscCall(PetscMalloc3((s->lmax + 1) * ldab * n, &s->K, n, &s->isq, ldab * n, &s->Hb));
  PetscCall(PetscMalloc5(2 * n, &s->isuppz, n * atom->norb, &s->X, s->nqt, &s->Pq, s->nqt, &s->dPq, s->nqt, &s->vnuc));
  PetscCall(RadialFEGetQuadrature(s->fe, &r, NULL));
  PetscCall(RadialFEGetMass(s->fe, &mass));
  for (PetscInt i = 0; i < n; i++) s->isq[i] = 1 / PetscSqrtReal(mass[i]);
  /* K_l = D (T + centrifugal - Z/r) D */
  for (PetscInt q = 0; q < s->nqt; q++) s->vnuc[q] = -atom->Z / r[q];
  for (PetscInt l = 0; l <= s->lmax; l++) {
    PetscReal *Kl = s->K + l * ldab * n;

    PetscCall(RadialFEAssembleBand(s->fe, 0.5, 0.5 * l * (l + 1), s->vnuc, Kl));
    for (PetscInt j = 0; j < n; j++)
      for (PetscInt d = 0; d < ldab && j + d < n; d++) Kl[d + j * ldab] *= s->isq[j] * s->isq[j + d];
  }
  /* LAPACK workspaces (queried once) */
  {
    PetscReal  wq;
    lapack_int iwq, m, info;

    if (atom->eigen == ATOM_EIGEN_DENSE) {
      PetscCall(PetscMalloc4(n * n, &s->Hd, 1, &s->Q, n, &s->evals, n * s->kmax, &s->evecs));
      info = LAPACKE_dsyevx_work(LAPACK_COL_MAJOR, 'V', 'I', 'L', (lapack_int)n, s->Hd, (lapack_int)n, 0, 0, 1, (lapack_int)s->kmax, 0, &m, s->evals, s->evecs, (lapack_int)n, &wq, -1, &iwq, NULL);
      PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACKE_dsyevx workspace query failed: info %d", (int)info);
      s->lwork  = (lapack_int)wq;
      s->liwork = 5 * n;
      PetscCall(PetscMalloc2(s->lwork, &s->work, s->liwork, &s->iwork));
      s->abstol = 2 * LAPACKE_dlamch('S');
    } else {
      PetscCall(PetscMalloc4(ldab * n, &s->Hd, 1, &s->Q, n, &s->evals, n * PetscMax(s->kmax, 2), &s->evecs));
      PetscCall(PetscMalloc2(7 * n, &s->work, 5 * n, &s->iwork));
      PetscCall(PetscMalloc2((3 * s->p + 1) * n, &s->LU, n, &s->ipiv));
      s->abstol = 2 * LAPACKE_dlamch('S');
    }
    PetscCall(PetscArrayzero(s->X, n * atom->norb));
  }
  PetscCall(AtomSCFCreate_Private(atom, s->fe, &s->scf));
  atom->fe = s->fe;
  PetscFunctionReturn(0);
}

/* factorisation of the band matrix Kl + Hb - e I (LDL^T, or pivoted LU on element growth) */
static PetscErrorCode AtomShiftFactor_Private(Atom_Schroedinger *s, const PetscReal Kl[], PetscReal e)
{
  const PetscInt n = s->n, ldab = s->ldab;
  PetscInt       info = 1;

  PetscFunctionBegin;
  for (PetscInt attempt = 0; attempt < 4 && info > 0; attempt++) {
    for (PetscInt k = 0; k < ldab * n; k++) s->Hd[k] = Kl[k] + s->Hb[k];
    for (PetscInt j = 0; j < n; j++) s->Hd[j * ldab] -= e;
    info = AtomBandFactor_Private(n, s->p, s->Hd, s->ldlt, s->LU, s->ipiv, &s->useldlt);
    e += 1e-13 * PetscMax(PetscAbsReal(e), 1); /* exactly singular: perturb the shift */
  }
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "Inverse iteration: H - e I stays singular");
  if (s->useldlt) s->nldlt++;
  else s->nlu++;
  PetscCall(PetscLogFlops(s->useldlt ? 1.0 * n * s->p * s->p : 6.0 * n * s->p * s->p));
  PetscFunctionReturn(0);
}

/* y <- (Kl + Hb - e I)^{-1} y with the current factorisation; returns the Rayleigh-type correction
   delta = (x, y)/(y, y) of the shift (x the normalised input) and y normalised */
static PetscErrorCode AtomShiftSolve_Private(Atom_Schroedinger *s, PetscReal y[], PetscReal *delta)
{
  const PetscInt n = s->n, p = s->p;
  PetscReal      xx = 0, xy = 0, yy = 0;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < n; i++) xx += y[i] * y[i];
  xx = PetscSqrtReal(xx);
  for (PetscInt i = 0; i < n; i++) s->Pq[i] = y[i] / xx;
  PetscCall(PetscArraycpy(y, s->Pq, n));
  AtomBandSolve_Private(n, p, s->useldlt, s->LU, s->ipiv, y);
  for (PetscInt i = 0; i < n; i++) {
    xy += s->Pq[i] * y[i];
    yy += y[i] * y[i];
  }
  *delta = xy / yy;
  yy     = PetscSqrtReal(yy);
  for (PetscInt i = 0; i < n; i++) y[i] /= yy;
  PetscCall(PetscLogFlops(4.0 * n * 3 * p + 6.0 * n));
  PetscFunctionReturn(0);
}

/* y = eigenvector for the accurate eigenvalue e: two inverse-iteration solves from y (previous SCF vector) or ones */
static PetscErrorCode AtomInverseIteration_Private(Atom_Schroedinger *s, const PetscReal Kl[], PetscReal e, PetscBool start, PetscReal y[])
{
  PetscReal delta;

  PetscFunctionBegin;
  PetscCall(AtomShiftFactor_Private(s, Kl, e));
  if (!start)
    for (PetscInt i = 0; i < s->n; i++) y[i] = 1;
  for (PetscInt step = 0; step < 2; step++) PetscCall(AtomShiftSolve_Private(s, y, &delta));
  PetscFunctionReturn(0);
}

/* number of sign changes of y, ignoring entries below 1e-6 max |y| (the nodes of the radial function) */
static PetscInt AtomCountNodes_Private(PetscInt n, const PetscReal y[])
{
  PetscReal ymax = 0, last = 0;
  PetscInt  nodes = 0;

  for (PetscInt i = 0; i < n; i++) ymax = PetscMax(ymax, PetscAbsReal(y[i]));
  for (PetscInt i = 0; i < n; i++) {
    if (PetscAbsReal(y[i]) <= 1e-6 * ymax) continue; /* the tails of coarse discrete eigenvectors oscillate at ~1e-7 */
    if (last != 0 && (y[i] > 0) != (last > 0)) nodes++;
    last = y[i];
  }
  return nodes;
}

/* warm start: eigenpair near (e, y) by shift-and-invert with Rayleigh-type shift updates (cubic convergence);
   ok is PETSC_FALSE unless it converged to an eigenvector with the expected number of nodes */
static PetscErrorCode AtomRefine_Private(Atom_Schroedinger *s, const PetscReal Kl[], PetscInt nodes, PetscReal *e, PetscReal y[], PetscBool *ok)
{
  PetscReal sigma = *e, delta = 0;

  PetscFunctionBegin;
  *ok = PETSC_FALSE;
  for (PetscInt it = 0; it < 6; it++) {
    PetscCall(AtomShiftFactor_Private(s, Kl, sigma));
    PetscCall(AtomShiftSolve_Private(s, y, &delta));
    sigma += delta;
    if (PetscAbsReal(delta) <= s->refine) { /* error of sigma + delta ~ (vector error)^2 delta^2/gap, vector error ~ delta/gap */
      *ok = (PetscBool)(AtomCountNodes_Private(s->n, y) == nodes);
      if (!*ok) PetscCall(PetscInfo(NULL, "warm start: %" PetscInt_FMT " nodes instead of %" PetscInt_FMT "\n", AtomCountNodes_Private(s->n, y), nodes));
      break;
    }
  }
  *e = sigma;
  PetscFunctionReturn(0);
}

/* the Rayleigh quotient P^T H_l P / P^T S P of the nodal vector P evaluated by quadrature,
     (1/2 (P', P') + (P, (l (l + 1)/(2 r^2) - Z/r + vin) P)) / sum_i S_ii P_i^2,
   equal to that of the assembled matrices in exact arithmetic; its round-off is eps times sums of terms of
   one sign (P'^2, P^2), while the matrix form sums entries of both signs ~ p^4/h^2 that cancel (1e-8 Ha for
   U at p = 60 with 60 elements) */
static PetscErrorCode AtomRayleighQuadrature_Private(Atom atom, Atom_Schroedinger *s, PetscInt l, const PetscReal vin[], const PetscReal P[], PetscReal *e)
{
  const PetscReal *r, *w, *mass;
  PetscReal        num = 0, den = 0;

  PetscFunctionBegin;
  PetscCall(RadialFEGetQuadrature(s->fe, &r, &w));
  PetscCall(RadialFEGetMass(s->fe, &mass));
  PetscCall(RadialFEInterpolate(s->fe, P, s->Pq));
  PetscCall(RadialFEInterpolateDerivative(s->fe, P, s->dPq));
  for (PetscInt q = 0; q < s->nqt; q++) num += w[q] * (0.5 * s->dPq[q] * s->dPq[q] + (0.5 * l * (l + 1) / (r[q] * r[q]) + s->vnuc[q] + (vin ? vin[q] : 0)) * s->Pq[q] * s->Pq[q]);
  for (PetscInt i = 0; i < s->n; i++) den += mass[i] * P[i] * P[i];
  *e = num / den;
  PetscFunctionReturn(0);
}

/* lowest nl[l] eigenpairs of D (K_l + V) D for every l; orbital vectors P = D y, sign fixed, into s->X */
static PetscErrorCode AtomEigen_Schroedinger(Atom atom, const PetscReal vin[], PetscBool warm)
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;
  const PetscInt     n = s->n, ldab = s->ldab;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(ATOM_Eigen, atom, 0, 0, 0));
  if (vin) {
    PetscCall(RadialFEAssembleBand(s->fe, 0, 0, vin, s->Hb));
    for (PetscInt j = 0; j < n; j++)
      for (PetscInt d = 0; d < ldab && j + d < n; d++) s->Hb[d + j * ldab] *= s->isq[j] * s->isq[j + d];
  } else PetscCall(PetscArrayzero(s->Hb, ldab * n));
  for (PetscInt l = 0; l <= s->lmax; l++) {
    const PetscReal *Kl = s->K + l * ldab * n;
    lapack_int       m  = 0, info;

    if (!s->nl[l]) continue;
    if (warm && s->havevec && atom->eigen == ATOM_EIGEN_BAND) {
      PetscBool ok = PETSC_TRUE;

      for (PetscInt k = 0; k < atom->norb && ok; k++) {
        PetscReal *P = s->X + k * n, *y = s->evecs, e = atom->eig[k], nrm = 0, sg;

        if (atom->l[k] != l) continue;
        for (PetscInt i = 0; i < n; i++) y[i] = P[i] / s->isq[i];
        PetscCall(AtomRefine_Private(s, Kl, atom->n[k] - l - 1, &e, y, &ok));
        if (!ok) break;
        for (PetscInt i = 0; i < n; i++) nrm += y[i] * y[i];
        sg = (y[0] < 0 ? -1 : 1) / PetscSqrtReal(nrm);
        for (PetscInt i = 0; i < n; i++) s->evecs[n + i] = sg * s->isq[i] * y[i];
        if (atom->rayleigh) PetscCall(AtomRayleighQuadrature_Private(atom, s, l, vin, s->evecs + n, &e));
        s->evals[atom->n[k] - l - 1] = e;
        PetscCall(PetscArraycpy(P, s->evecs + n, n));
      }
      if (ok) {
        for (PetscInt k = 0; k < atom->norb; k++)
          if (atom->l[k] == l) atom->eig[k] = s->evals[atom->n[k] - l - 1];
        continue;
      }
      PetscCall(PetscInfo(atom, "Warm-started eigensolve failed for l = %" PetscInt_FMT ": full partial eigensolve\n", l));
    }
    if (atom->eigen == ATOM_EIGEN_DENSE) {
      PetscCall(PetscArrayzero(s->Hd, n * n)); /* dsyevx overwrites the whole lower triangle */
      for (PetscInt j = 0; j < n; j++)
        for (PetscInt d = 0; d < ldab && j + d < n; d++) s->Hd[j + d + j * n] = Kl[d + j * ldab] + s->Hb[d + j * ldab];
      info = LAPACKE_dsyevx_work(LAPACK_COL_MAJOR, 'V', 'I', 'L', (lapack_int)n, s->Hd, (lapack_int)n, 0, 0, 1, (lapack_int)s->nl[l], s->abstol, &m, s->evals, s->evecs, (lapack_int)n, s->work, s->lwork, s->iwork, s->isuppz);
      PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACKE_dsyevx failed for l = %" PetscInt_FMT ": info %d", l, (int)info);
    } else {
      /* eigenvalues only (band reduction without accumulating Q, bisection to full accuracy), then each
         occupied eigenvector by two steps of inverse iteration with the computed eigenvalue as shift */
      for (PetscInt k = 0; k < ldab * n; k++) s->Hd[k] = Kl[k] + s->Hb[k];
      s->ncold++;
      info = LAPACKE_dsbevx_work(LAPACK_COL_MAJOR, 'N', 'I', 'L', (lapack_int)n, (lapack_int)s->p, s->Hd, (lapack_int)ldab, s->Q, 1, 0, 0, 1, (lapack_int)s->nl[l], s->loose ? 1e-7 : s->abstol, &m, s->evals, s->evecs, 1, s->work, s->iwork, s->isuppz);
      PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACKE_dsbevx failed for l = %" PetscInt_FMT ": info %d", l, (int)info);
    }
    PetscCheck(m == s->nl[l], PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK returned %d of %" PetscInt_FMT " eigenpairs for l = %" PetscInt_FMT, (int)m, s->nl[l], l);
    for (PetscInt k = 0; k < atom->norb; k++) {
      const PetscInt idx = atom->n[k] - l - 1;
      PetscReal     *P   = s->X + k * n, sg, nrm;

      if (atom->l[k] != l) continue;
      atom->eig[k] = s->evals[idx];
      if (atom->eigen == ATOM_EIGEN_DENSE) {
        const PetscReal *y = s->evecs + idx * n;

        sg = y[0] < 0 ? -1 : 1;
        for (PetscInt i = 0; i < n; i++) P[i] = sg * s->isq[i] * y[i];
        continue;
      }
      for (PetscInt i = 0; i < n; i++) P[i] /= s->isq[i];
      PetscCall(AtomInverseIteration_Private(s, Kl, s->evals[idx], s->havevec, P));
      nrm = 0;
      for (PetscInt i = 0; i < n; i++) nrm += P[i] * P[i];
      sg = (P[0] < 0 ? -1 : 1) / PetscSqrtReal(nrm);
      for (PetscInt i = 0; i < n; i++) P[i] *= sg * s->isq[i];
      if (atom->rayleigh) PetscCall(AtomRayleighQuadrature_Private(atom, s, l, vin, P, &atom->eig[k]));
    }
  }
  s->havevec = PETSC_TRUE;
  PetscCall(PetscLogEventEnd(ATOM_Eigen, atom, 0, 0, 0));
  PetscFunctionReturn(0);
}

/* density rho = 4 pi r^2 n = sum_k f_k P_k^2 at the quadrature points of the orbitals in s->X */
static PetscErrorCode AtomDensity_Schroedinger(Atom atom, PetscReal rho[])
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;
  const PetscReal   *w;

  PetscFunctionBegin;
  PetscCall(RadialFEGetQuadrature(s->fe, NULL, &w));
  PetscCall(PetscArrayzero(rho, s->nqt));
  for (PetscInt k = 0; k < atom->norb; k++) {
    PetscReal nrm = 0;

    PetscCall(RadialFEInterpolate(s->fe, s->X + k * s->n, s->Pq));
    if (atom->renorm) {
      for (PetscInt q = 0; q < s->nqt; q++) nrm += w[q] * s->Pq[q] * s->Pq[q];
    } else nrm = 1;
    for (PetscInt q = 0; q < s->nqt; q++) rho[q] += atom->occ[k] / nrm * s->Pq[q] * s->Pq[q];
  }
  PetscFunctionReturn(0);
}

/* the eigensolve of SCF iteration it: loose bisection in the first two iterations */
static PetscErrorCode AtomSCFEigen_Schroedinger(Atom atom, PetscInt it, const PetscReal vin[], PetscBool warm)
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;

  PetscFunctionBegin;
  s->loose = (PetscBool)(it < 2 && atom->max_it > 2);
  PetscCall(AtomEigen_Schroedinger(atom, vin, warm));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomSolve_Schroedinger(Atom atom)
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;

  PetscFunctionBegin;
  s->nldlt = s->nlu = s->ncold = 0;
  if (atom->xc == ATOM_XC_NONE) {
    PetscCall(AtomEigen_Schroedinger(atom, NULL, PETSC_FALSE));
    atom->etot = 0;
    for (PetscInt k = 0; k < atom->norb; k++) atom->etot += atom->occ[k] * atom->eig[k];
    atom->its    = 1;
    atom->reason = ATOM_CONVERGED_LINEAR;
    PetscFunctionReturn(0);
  }
  PetscCall(AtomSCFSolve_Private(atom, &s->scf, AtomSCFEigen_Schroedinger, AtomDensity_Schroedinger));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomView_Schroedinger(Atom atom, PetscViewer viewer)
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;

  PetscFunctionBegin;
  if (!s->fe) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPrintf(viewer, "%" PetscInt_FMT " unknowns, %" PetscInt_FMT " quadrature points, l = 0..%" PetscInt_FMT "\n", s->n, s->nqt, s->lmax));
  PetscCall(PetscViewerASCIIPrintf(viewer, "last solve: %" PetscInt_FMT " partial eigensolves from scratch, %" PetscInt_FMT " LDL^T and %" PetscInt_FMT " pivoted LU shifted factorisations\n", s->ncold, s->nldlt, s->nlu));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomEvaluate_Schroedinger(Atom atom, PetscInt npts, const PetscReal r[], PetscReal dens[], PetscReal V[])
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;
  PetscReal         *P, *rho;

  PetscFunctionBegin;
  PetscCall(PetscCalloc2(npts, &P, npts, &rho));
  for (PetscInt k = 0; k < atom->norb; k++) {
    PetscCall(RadialFEEvaluate(s->fe, s->X + k * s->n, npts, r, P));
    for (PetscInt i = 0; i < npts; i++) rho[i] += atom->occ[k] * P[i] * P[i];
  }
  for (PetscInt i = 0; i < npts; i++) rho[i] /= 4 * PETSC_PI * r[i] * r[i];
  if (dens) PetscCall(PetscArraycpy(dens, rho, npts));
  if (V) {
    if (s->scf.ps) PetscCall(RadialPoissonEvaluate(s->scf.ps, npts, r, V));
    else PetscCall(PetscArrayzero(V, npts));
    for (PetscInt i = 0; i < npts; i++) {
      PetscReal exc, vxc = 0;

      if (atom->xc != ATOM_XC_NONE) PetscCall(AtomSCFXC_Private(atom, rho[i], &exc, &vxc));
      V[i] += vxc - atom->Z / r[i];
    }
  }
  PetscCall(PetscFree2(P, rho));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomTail_Schroedinger(Atom atom, PetscInt k, PetscReal *tail)
{
  Atom_Schroedinger *s = (Atom_Schroedinger *)atom->data;
  const PetscReal   *mesh, *P = s->X + k * s->n;
  PetscReal          pmax = 0, ptail = 0, xg[64], wg[64];
  PetscInt           ne;

  PetscFunctionBegin;
  PetscCall(RadialFEGetMesh(s->fe, &mesh));
  PetscCall(RadialFEGetSizes(s->fe, NULL, NULL, &ne, NULL));
  PetscCheck(s->p < 64, PETSC_COMM_SELF, PETSC_ERR_SUP, "Order p = %" PetscInt_FMT " above 63", s->p);
  PetscCall(RadialFEGaussLobatto(s->p + 1, xg, wg));
  for (PetscInt g = 0; g < s->n; g++) {
    const PetscInt  e = (g + 1) / s->p, i = (g + 1) % s->p;
    const PetscReal r = mesh[e] + (1 + xg[i]) / 2 * (mesh[e + 1] - mesh[e]);

    pmax = PetscMax(pmax, PetscAbsReal(P[g]));
    if (r >= 0.9 * atom->rmax) ptail = PetscMax(ptail, PetscAbsReal(P[g]));
  }
  *tail = pmax > 0 ? ptail / pmax : 1;
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomDestroy_Schroedinger(Atom atom)
{
  PetscFunctionBegin;
  PetscCall(AtomReset_Schroedinger(atom));
  PetscCall(PetscFree(atom->data));
  PetscFunctionReturn(0);
}

/*MC
  ATOMSCHROEDINGER - "schroedinger": non-relativistic radial atom on high-order finite elements, hydrogen-like
  (-atom_xc none) or Kohn-Sham LDA (-atom_xc lda) with NIST SRD 141 configurations

  Level: beginner

  Notes:
  Reference: O. Certik et al., Comput. Phys. Commun. 297 (2024), arXiv:2307.05856.

.seealso: `Atom`, `AtomSetType()`, `AtomSetXC()`
M*/
PetscErrorCode AtomCreate_Schroedinger(Atom atom)
{
  Atom_Schroedinger *s;

  PetscFunctionBegin;
  PetscCall(PetscNew(&s));
  atom->data          = (void *)s;
  atom->ops->setup    = AtomSetUp_Schroedinger;
  atom->ops->solve    = AtomSolve_Schroedinger;
  atom->ops->view     = AtomView_Schroedinger;
  atom->ops->reset    = AtomReset_Schroedinger;
  atom->ops->destroy  = AtomDestroy_Schroedinger;
  atom->ops->evaluate = AtomEvaluate_Schroedinger;
  atom->ops->tail     = AtomTail_Schroedinger;
  PetscFunctionReturn(0);
}
