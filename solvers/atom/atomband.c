/*
   Atom class: banded factorisations of the shifted operators of shift-and-invert (Schroedinger and Dirac
   models): symmetric LDL^T without pivoting (a quarter of the work), with the pivoted band LU as the fallback
   on element growth.
*/
#include <atomimpl.h>

/* LU factorisation with partial pivoting of a band matrix (half-bandwidth p), in the LAPACK
   general band layout (element (i, j) at LU[2p + i - j + j (3p + 1)]), written out for the small bandwidths
   here: no BLAS calls on vectors of length p. Returns the index of a zero pivot + 1, or 0. */
static PetscInt AtomBandLU_Private(PetscInt n, PetscInt p, PetscReal ab[], PetscInt ipiv[])
{
  const PetscInt kv = 2 * p, ld = 3 * p + 1;
  PetscInt       ju = 0;

  for (PetscInt j = 0; j < n; j++) {
    const PetscInt km = PetscMin(p, n - 1 - j);
    PetscReal     *cj = ab + kv + j * ld, big = PetscAbsReal(cj[0]), piv;
    PetscInt       r = 0;

    for (PetscInt i = 1; i <= km; i++)
      if (PetscAbsReal(cj[i]) > big) {
        big = PetscAbsReal(cj[i]);
        r   = i;
      }
    ipiv[j] = j + r;
    ju      = PetscMax(ju, PetscMin(j + p + r, n - 1));
    if (big == 0) return j + 1;
    if (r)
      for (PetscInt c = j; c <= ju; c++) {
        PetscReal *a = ab + kv + j - c + c * ld, t = a[0];

        a[0] = a[r];
        a[r] = t;
      }
    piv = 1 / cj[0];
    for (PetscInt i = 1; i <= km; i++) cj[i] *= piv;
    for (PetscInt c = j + 1; c <= ju; c++) {
      PetscReal      *a = ab + kv + j - c + c * ld;
      const PetscReal t = a[0];

      if (t != 0)
        for (PetscInt i = 1; i <= km; i++) a[i] -= cj[i] * t;
    }
  }
  return 0;
}

/* solve with the factors of AtomBandLU_Private() */
static void AtomBandLUSolve_Private(PetscInt n, PetscInt p, const PetscReal ab[], const PetscInt ipiv[], PetscReal y[])
{
  const PetscInt kv = 2 * p, ld = 3 * p + 1;

  for (PetscInt j = 0; j < n; j++) {
    const PetscInt   km = PetscMin(p, n - 1 - j);
    const PetscReal *cj = ab + kv + j * ld;
    PetscReal        t;

    if (ipiv[j] != j) {
      t          = y[j];
      y[j]       = y[ipiv[j]];
      y[ipiv[j]] = t;
    }
    t = y[j];
    for (PetscInt i = 1; i <= km; i++) y[j + i] -= cj[i] * t;
  }
  for (PetscInt j = n - 1; j >= 0; j--) {
    const PetscInt   i0 = PetscMax(0, j - kv);
    const PetscReal *cj = ab + kv + j * ld;
    PetscReal        t;

    y[j] /= cj[0];
    t = y[j];
    for (PetscInt i = i0; i < j; i++) y[i] -= cj[i - j] * t;
  }
}

/* Symmetric LDL^T factorisation without pivoting of the lower band matrix W (half-bandwidth p, layout of Kl),
   in place: D on the diagonal row, the unit lower factor below. A quarter of the work of the pivoted LU.
   Returns PETSC_FALSE on a zero pivot or on element growth (|L| > 1e4), when the pivoted LU must be used. */
static PetscBool AtomBandLDLT_Private(PetscInt n, PetscInt p, PetscReal W[])
{
  const PetscInt ld = p + 1;

  for (PetscInt j = 0; j < n; j++) {
    const PetscInt  m  = PetscMin(p, n - 1 - j);
    PetscReal      *cj = W + j * ld;
    const PetscReal dj = cj[0];

    if (dj == 0) return PETSC_FALSE;
    for (PetscInt c = 1; c <= m; c++) {
      const PetscReal f  = cj[c] / dj;
      PetscReal      *cc = W + (j + c) * ld;

      if (PetscAbsReal(f) > 1e4) return PETSC_FALSE;
      for (PetscInt i = 0; i <= m - c; i++) cc[i] -= cj[c + i] * f;
    }
    for (PetscInt i = 1; i <= m; i++) cj[i] /= dj;
  }
  return PETSC_TRUE;
}

static void AtomBandLDLTSolve_Private(PetscInt n, PetscInt p, const PetscReal W[], PetscReal y[])
{
  const PetscInt ld = p + 1;

  for (PetscInt j = 0; j < n; j++) {
    const PetscInt   m  = PetscMin(p, n - 1 - j);
    const PetscReal *cj = W + j * ld, t = y[j];

    for (PetscInt i = 1; i <= m; i++) y[j + i] -= cj[i] * t;
  }
  for (PetscInt j = 0; j < n; j++) y[j] /= W[j * ld];
  for (PetscInt j = n - 1; j >= 0; j--) {
    const PetscInt   m  = PetscMin(p, n - 1 - j);
    const PetscReal *cj = W + j * ld;
    PetscReal        t  = y[j];

    for (PetscInt i = 1; i <= m; i++) t -= cj[i] * y[j + i];
    y[j] = t;
  }
}

/* Factors the symmetric matrix W (lower band, half-bandwidth p, (p + 1) x n, entry (i, j), i >= j, at
   W[(i - j) + j (p + 1)]): LDL^T in LU[0 .. (p + 1) n) if ldlt and stable, else the pivoted band LU in LU
   ((3p + 1) x n) and ipiv. Returns 0, or the index + 1 of a zero pivot of the LU. */
PetscInt AtomBandFactor_Private(PetscInt n, PetscInt p, const PetscReal W[], PetscBool ldlt, PetscReal LU[], PetscInt ipiv[], PetscBool *useldlt)
{
  const PetscInt ldab = p + 1, ldlu = 3 * p + 1;

  *useldlt = PETSC_FALSE;
  if (ldlt) {
    for (PetscInt k = 0; k < ldab * n; k++) LU[k] = W[k];
    if (AtomBandLDLT_Private(n, p, LU)) {
      *useldlt = PETSC_TRUE;
      return 0;
    }
  }
  for (PetscInt k = 0; k < ldlu * n; k++) LU[k] = 0;
  for (PetscInt j = 0; j < n; j++) {
    for (PetscInt d = 0; d < ldab && j + d < n; d++) {
      const PetscReal a = W[d + j * ldab];

      LU[2 * p + d + j * ldlu]       = a; /* (j + d, j) */
      LU[2 * p - d + (j + d) * ldlu] = a; /* (j, j + d) */
    }
  }
  return AtomBandLU_Private(n, p, LU, ipiv);
}

/* y <- W^{-1} y with the factors of AtomBandFactor_Private() */
void AtomBandSolve_Private(PetscInt n, PetscInt p, PetscBool useldlt, const PetscReal LU[], const PetscInt ipiv[], PetscReal y[])
{
  if (useldlt) AtomBandLDLTSolve_Private(n, p, LU, y);
  else AtomBandLUSolve_Private(n, p, LU, ipiv, y);
}
