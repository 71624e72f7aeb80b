/*I "tesseraatom.h" I*/
/*
   The Kohn-Sham self-consistent field loop shared by the Atom models (Schroedinger LDA and Dirac RLDA).

   The SCF state is V_in = V_H + V_xc at the points of a quadrature grid (a RadialFE: the elements of the
   model, or for the Dirac model its elements with the first one subdivided geometrically towards the
   nucleus). Each iteration: the model computes the occupied orbitals in V = -Z/r + V_in (warm-started once
   the eigenvalues change little) and the density rho = 4 pi r^2 n on the grid; then the Hartree potential by
   the exact integral (RadialPoisson), the LDA (or, for the relativistic models, the RLDA with the
   MacDonald-Vosko exchange factors), the total energy in the variational form
     E = sum_i f_i e_i - (V_in, rho) + 1/2 (V_H[rho], rho) + (e_xc[rho], rho),
   and Anderson (Pulay) mixing of V_in, restarted when the residual grows.

   References: D. G. Anderson, J. ACM 12 (1965) 547; P. Pulay, Chem. Phys. Lett. 73 (1980) 393;
   S. Kotochigova et al., Phys. Rev. A 55, 191 (1997).
*/
#include <atomimpl.h>

/* allocates the SCF state on the quadrature grid of fe (kept, not owned) */
PetscErrorCode AtomSCFCreate_Private(Atom atom, RadialFE fe, AtomSCF *scf)
{
  const PetscInt m = PetscMax(atom->mix_history, 1);
  PetscInt       nqt;

  PetscFunctionBegin;
  PetscCall(PetscMemzero(scf, sizeof(*scf)));
  PetscCall(RadialFEGetSizes(fe, NULL, &nqt, NULL, NULL));
  PetscCall(RadialFEGetQuadrature(fe, &scf->r, &scf->w));
  scf->fe  = fe;
  scf->nqt = nqt;
  PetscCall(PetscMalloc6(nqt, &scf->vin, nqt, &scf->vout, nqt, &scf->vh, nqt, &scf->vxc, nqt, &scf->exc, nqt, &scf->rho));
  PetscCall(PetscMalloc5(m * nqt, &scf->DX, m * nqt, &scf->DF, nqt, &scf->xold, nqt, &scf->fold, ATOM_MAX_ORBITALS, &scf->eold));
  PetscCall(PetscArrayzero(scf->vin, nqt));
  if (atom->xc != ATOM_XC_NONE) PetscCall(RadialPoissonCreate(fe, atom->porder, &scf->ps));
  atom->nqt = nqt;
  atom->vin = scf->vin;
  PetscFunctionReturn(0);
}

PetscErrorCode AtomSCFDestroy_Private(Atom atom, AtomSCF *scf)
{
  PetscFunctionBegin;
  PetscCall(RadialPoissonDestroy(&scf->ps));
  PetscCall(PetscFree6(scf->vin, scf->vout, scf->vh, scf->vxc, scf->exc, scf->rho));
  PetscCall(PetscFree5(scf->DX, scf->DF, scf->xold, scf->fold, scf->eold));
  scf->nqt  = 0;
  atom->nqt = 0;
  atom->vin = NULL;
  PetscFunctionReturn(0);
}

/* exchange-correlation energy per electron and potential at density n: LDA, or RLDA for relativistic models */
PetscErrorCode AtomSCFXC_Private(Atom atom, PetscReal n, PetscReal *exc, PetscReal *vxc)
{
  PetscFunctionBegin;
  if (atom->relativistic) PetscCall(AtomRelativisticLDA(n, atom->c, exc, vxc));
  else PetscCall(AtomLDA(n, exc, vxc));
  PetscFunctionReturn(0);
}

/* V_H, V_xc, V_out = V_H + V_xc and the total energy for the density scf->rho of the orbitals computed in V_in */
static PetscErrorCode AtomSCFOutput_Private(Atom atom, AtomSCF *scf, PetscReal *etot)
{
  PetscReal N = 0, e = 0;

  PetscFunctionBegin;
  for (PetscInt k = 0; k < atom->norb; k++) {
    N += atom->occ[k];
    e += atom->occ[k] * atom->eig[k];
  }
  PetscCall(PetscLogEventBegin(ATOM_Poisson, atom, 0, 0, 0));
  PetscCall(RadialPoissonSolve(scf->ps, scf->rho, N / atom->rmax, scf->vh));
  PetscCall(PetscLogEventEnd(ATOM_Poisson, atom, 0, 0, 0));
  for (PetscInt q = 0; q < scf->nqt; q++) {
    PetscCall(AtomSCFXC_Private(atom, scf->rho[q] / (4 * PETSC_PI * scf->r[q] * scf->r[q]), &scf->exc[q], &scf->vxc[q]));
    scf->vout[q] = scf->vh[q] + scf->vxc[q];
    e += scf->w[q] * scf->rho[q] * (0.5 * scf->vh[q] + scf->exc[q] - scf->vin[q]);
  }
  *etot = e;
  PetscFunctionReturn(0);
}

/* weighted inner product of the residual norm: L2(0, rmax) */
static PetscReal AtomSCFDot_Private(AtomSCF *scf, const PetscReal a[], const PetscReal b[])
{
  PetscReal d = 0;

  for (PetscInt q = 0; q < scf->nqt; q++) d += scf->w[q] * a[q] * b[q];
  return d;
}

/*
  Anderson mixing (type II, Pulay's DIIS on the residual f = V_out - V_in):
    gamma = argmin || f_k - sum_j gamma_j dF_j ||,  x_{k+1} = x_k + a f_k - sum_j gamma_j (dX_j + a dF_j).
  The history is cleared when the residual grows by more than a factor 2 (restart), which keeps the method
  robust for the open 4f shells (Z = 65-69) without tuning.
*/
static PetscErrorCode AtomSCFMix_Private(Atom atom, AtomSCF *scf, PetscInt it, PetscReal fnorm, PetscReal *fmin)
{
  const PetscInt  N = scf->nqt, m = atom->mix_history;
  const PetscReal a = atom->mix_alpha;
  PetscReal       A[31 * 31], b[31], g[31];
  PetscInt        h;

  PetscFunctionBegin;
  for (PetscInt q = 0; q < N; q++) scf->vout[q] -= scf->vin[q]; /* residual f_k */
  if (it > 0 && m > 0) {
    PetscReal *dx = scf->DX + scf->hpos * N, *df = scf->DF + scf->hpos * N;

    for (PetscInt q = 0; q < N; q++) {
      dx[q] = scf->vin[q] - scf->xold[q];
      df[q] = scf->vout[q] - scf->fold[q];
    }
    scf->hpos  = (scf->hpos + 1) % m;
    scf->nhist = PetscMin(scf->nhist + 1, m);
  }
  if (fnorm > 2 * *fmin) {
    scf->nhist = 0; /* restart from the current iterate */
    scf->hpos  = 0;
    *fmin      = fnorm;
  }
  *fmin = PetscMin(*fmin, fnorm);
  PetscCall(PetscArraycpy(scf->xold, scf->vin, N));
  PetscCall(PetscArraycpy(scf->fold, scf->vout, N));
  h = scf->nhist;
  for (PetscInt i = 0; i < h; i++) {
    for (PetscInt j = 0; j <= i; j++) A[i * h + j] = A[j * h + i] = AtomSCFDot_Private(scf, scf->DF + i * N, scf->DF + j * N);
    b[i] = AtomSCFDot_Private(scf, scf->DF + i * N, scf->vout);
  }
  /* normal equations by Gaussian elimination with partial pivoting (h <= 30), regularised */
  for (PetscInt i = 0; i < h; i++) A[i * h + i] *= 1 + 1e-12;
  for (PetscInt c = 0; c < h; c++) {
    PetscInt  piv = c;
    PetscReal t;

    for (PetscInt i = c + 1; i < h; i++)
      if (PetscAbsReal(A[i * h + c]) > PetscAbsReal(A[piv * h + c])) piv = i;
    if (piv != c) {
      for (PetscInt j = 0; j < h; j++) {
        t              = A[c * h + j];
        A[c * h + j]   = A[piv * h + j];
        A[piv * h + j] = t;
      }
      t      = b[c];
      b[c]   = b[piv];
      b[piv] = t;
    }
    if (A[c * h + c] == 0) {
      h = c; /* singular: use the leading part */
      break;
    }
    for (PetscInt i = c + 1; i < h; i++) {
      const PetscReal f = A[i * h + c] / A[c * h + c];

      for (PetscInt j = c; j < h; j++) A[i * h + j] -= f * A[c * h + j];
      b[i] -= f * b[c];
    }
  }
  for (PetscInt i = h - 1; i >= 0; i--) {
    PetscReal t = b[i];

    for (PetscInt j = i + 1; j < h; j++) t -= A[i * scf->nhist + j] * g[j];
    g[i] = t / A[i * scf->nhist + i];
  }
  for (PetscInt q = 0; q < N; q++) scf->vin[q] += a * scf->vout[q];
  for (PetscInt j = 0; j < h; j++) {
    const PetscReal *dx = scf->DX + j * N, *df = scf->DF + j * N;

    for (PetscInt q = 0; q < N; q++) scf->vin[q] -= g[j] * (dx[q] + a * df[q]);
  }
  PetscCall(PetscLogFlops(4.0 * N * (h * h + 2 * h + 2)));
  PetscFunctionReturn(0);
}

/*
  The SCF loop: eigen(atom, it, vin, warm) computes atom->eig and the orbitals in V = -Z/r + vin, density(atom,
  rho) the density 4 pi r^2 n of those orbitals at the grid points. Sets atom->etot, residual, its, reason.
*/
PetscErrorCode AtomSCFSolve_Private(Atom atom, AtomSCF *scf, PetscErrorCode (*eigen)(Atom, PetscInt, const PetscReal[], PetscBool), PetscErrorCode (*density)(Atom, PetscReal[]))
{
  PetscReal eold = 0, fmin = PETSC_MAX_REAL, deigold = PETSC_MAX_REAL;

  PetscFunctionBegin;
  if (atom->vinit) {
    PetscCheck(atom->nvinit == scf->nqt, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_SIZ, "Initial potential has %" PetscInt_FMT " values, the discretisation %" PetscInt_FMT " quadrature points", atom->nvinit, scf->nqt);
    PetscCall(PetscArraycpy(scf->vin, atom->vinit, scf->nqt));
  } else {
    for (PetscInt q = 0; q < scf->nqt; q++) {
      PetscReal zeff;

      PetscCall(AtomThomasFermiZeff(atom->Z, scf->r[q], &zeff));
      scf->vin[q] = (atom->Z - zeff) / scf->r[q];
    }
  }
  scf->nhist = 0;
  scf->hpos  = 0;
  PetscCall(PetscArrayzero(scf->eold, ATOM_MAX_ORBITALS));
  for (PetscInt it = 0; it < atom->max_it; it++) {
    PetscReal etot = 0, fnorm = 0, deig = 0;

    PetscCall((*eigen)(atom, it, scf->vin, (PetscBool)(it > 0 && deigold < atom->warm)));
    PetscCall((*density)(atom, scf->rho));
    PetscCall(AtomSCFOutput_Private(atom, scf, &etot));
    for (PetscInt q = 0; q < scf->nqt; q++) fnorm += scf->w[q] * (scf->vout[q] - scf->vin[q]) * (scf->vout[q] - scf->vin[q]);
    fnorm = PetscSqrtReal(fnorm);
    for (PetscInt k = 0; k < atom->norb; k++) {
      deig         = PetscMax(deig, PetscAbsReal(atom->eig[k] - scf->eold[k]));
      scf->eold[k] = atom->eig[k];
    }
    atom->its      = it + 1;
    atom->etot     = etot;
    atom->residual = fnorm;
    PetscCall(PetscInfo(atom, "SCF %" PetscInt_FMT ": max eigenvalue change %g\n", it, (double)deig));
    if (atom->monitor) PetscCall((*atom->monitor)(atom, it, etot, fnorm, atom->monitorctx));
    if (it > 0 && deig < atom->tol && PetscAbsReal(etot - eold) < atom->tol) {
      atom->reason = ATOM_CONVERGED_TOL;
      break;
    }
    eold    = etot;
    deigold = it > 0 ? deig : PETSC_MAX_REAL; /* the first change is measured against nothing: cold again */
    PetscCall(AtomSCFMix_Private(atom, scf, it, fnorm, &fmin));
  }
  if (atom->reason == ATOM_CONVERGED_ITERATING) atom->reason = ATOM_DIVERGED_ITS;
  PetscFunctionReturn(0);
}
