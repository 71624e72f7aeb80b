/*
   hs.c - Hock-Schittkowski problems of the AdaSketch-Newton CUTEst set (CUTEst forms; HS100LNP and MWRIGHT included)
   ORTHREGB, and HS8, HS9, HS61 (and HS61SCALED, its rows scaled by 1e6 and 1e-4) from outside it. Exact first and second derivatives; J row-major m x n; the Hessian is that of
   f + lambda^T c.

   Reference: W. Hock and K. Schittkowski, Test examples for nonlinear programming codes, LNEMS 187, Springer
   1981; CUTEst SIF files (via S2MPJ); optima from shared/data/eq_constrained_problems.tsv.
*/
#include <nlpimpl.h>

#define R2 1.4142135623730951

/* HS6: (1-x1)^2 s.t. 10(x2 - x1^2) = 0 */
static PetscErrorCode HS6X0(PetscInt n, PetscReal x[])
{
  x[0] = -1.2;
  x[1] = 1.0;
  return 0;
}
static PetscErrorCode HS6Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = (1 - x[0]) * (1 - x[0]);
  g[0] = -2 * (1 - x[0]);
  return 0;
}
static PetscErrorCode HS6Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 10 * (x[1] - x[0] * x[0]);
  if (J) {
    J[0] = -20 * x[0];
    J[1] = 10;
  }
  return 0;
}
static PetscErrorCode HS6Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 2 - 20 * l[0];
  return 0;
}
TESSERA_NLP_DENSE(HS6, 2, 1, 0.0, PETSC_TRUE, HS6Obj)

/* HS7: ln(1+x1^2) - x2 s.t. (1+x1^2)^2 + x2^2 - 4 = 0 */
static PetscErrorCode HS7X0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = 2.0;
  return 0;
}
static PetscErrorCode HS7Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = PetscLogReal(1 + x[0] * x[0]) - x[1];
  g[0] = 2 * x[0] / (1 + x[0] * x[0]);
  g[1] = -1;
  return 0;
}
static PetscErrorCode HS7Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  PetscReal t = 1 + x[0] * x[0];

  c[0] = t * t + x[1] * x[1] - 4;
  if (J) {
    J[0] = 4 * x[0] * t;
    J[1] = 2 * x[1];
  }
  return 0;
}
static PetscErrorCode HS7Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  PetscReal t = 1 + x[0] * x[0];

  H[0] = 2 * (1 - x[0] * x[0]) / (t * t) + l[0] * (4 + 12 * x[0] * x[0]);
  H[3] = 2 * l[0];
  return 0;
}
TESSERA_NLP_DENSE(HS7, 2, 1, -1.7320508075688772, PETSC_TRUE, HS7Obj)

/* HS28: (x1+x2)^2 + (x2+x3)^2 s.t. x1 + 2x2 + 3x3 - 1 = 0 */
static PetscErrorCode HS28X0(PetscInt n, PetscReal x[])
{
  x[0] = -4;
  x[1] = x[2] = 1;
  return 0;
}
/* GENHS28: sum_{i<n} (x_i + x_{i+1})^2 s.t. x_i + 2x_{i+1} + 3x_{i+2} - 1 = 0, i = 1..n-2 (HS28 is n = 3) */
static PetscErrorCode GENHS28Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f = 0;
  for (PetscInt i = 0; i < n - 1; i++) {
    PetscReal s = x[i] + x[i + 1];

    *f += s * s;
    g[i] += 2 * s;
    g[i + 1] += 2 * s;
  }
  return 0;
}
static PetscErrorCode GENHS28Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  for (PetscInt i = 0; i < n - 2; i++) {
    c[i] = x[i] + 2 * x[i + 1] + 3 * x[i + 2] - 1;
    if (J) {
      J[i * n + i]     = 1;
      J[i * n + i + 1] = 2;
      J[i * n + i + 2] = 3;
    }
  }
  return 0;
}
static PetscErrorCode GENHS28Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  for (PetscInt i = 0; i < n - 1; i++) {
    H[i * n + i] += 2;
    H[(i + 1) * n + i + 1] += 2;
    NLPProblemAddSym(n, H, i, i + 1, 2);
  }
  return 0;
}
#define HS28Con  GENHS28Con
#define HS28Hess GENHS28Hess
TESSERA_NLP_DENSE(HS28, 3, 1, 0.0, PETSC_TRUE, GENHS28Obj)
static PetscErrorCode GENHS28X0(PetscInt n, PetscReal x[])
{
  x[0] = -4;
  for (PetscInt i = 1; i < n; i++) x[i] = 1;
  return 0;
}
TESSERA_NLP_DENSE(GENHS28, 10, 8, 0.9271736938, PETSC_TRUE, GENHS28Obj)

/* HS40: -x1x2x3x4 s.t. x1^3 + x2^2 - 1, x1^2 x4 - x3, x4^2 - x2 */
static PetscErrorCode HS40X0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < 4; i++) x[i] = 0.8;
  return 0;
}
static PetscErrorCode HS40Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = -x[0] * x[1] * x[2] * x[3];
  g[0] = -x[1] * x[2] * x[3];
  g[1] = -x[0] * x[2] * x[3];
  g[2] = -x[0] * x[1] * x[3];
  g[3] = -x[0] * x[1] * x[2];
  return 0;
}
static PetscErrorCode HS40Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] * x[0] * x[0] + x[1] * x[1] - 1;
  c[1] = x[0] * x[0] * x[3] - x[2];
  c[2] = x[3] * x[3] - x[1];
  if (J) {
    J[0]  = 3 * x[0] * x[0];
    J[1]  = 2 * x[1];
    J[4]  = 2 * x[0] * x[3];
    J[6]  = -1;
    J[7]  = x[0] * x[0];
    J[9]  = -1;
    J[11] = 2 * x[3];
  }
  return 0;
}
static PetscErrorCode HS40Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  for (PetscInt i = 0; i < 4; i++) {
    for (PetscInt j = 0; j < 4; j++) {
      PetscReal p = -1;

      if (i == j) continue;
      for (PetscInt k = 0; k < 4; k++)
        if (k != i && k != j) p *= x[k];
      H[i * 4 + j] = p;
    }
  }
  H[0] += l[0] * 6 * x[0] + l[1] * 2 * x[3];
  H[5] += l[0] * 2;
  NLPProblemAddSym(4, H, 0, 3, l[1] * 2 * x[0]);
  H[15] += l[2] * 2;
  return 0;
}
TESSERA_NLP_DENSE(HS40, 4, 3, -0.25, PETSC_TRUE, HS40Obj)

/* HS42 (CUTEst form): sum (x_i - i)^2 s.t. x1 - 2, x3^2 + x4^2 - 2 */
static PetscErrorCode HS42X0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < 4; i++) x[i] = 1;
  return 0;
}
static PetscErrorCode HS42Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f = 0;
  for (PetscInt i = 0; i < 4; i++) {
    *f += (x[i] - i - 1) * (x[i] - i - 1);
    g[i] = 2 * (x[i] - i - 1);
  }
  return 0;
}
static PetscErrorCode HS42Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] - 2;
  c[1] = x[2] * x[2] + x[3] * x[3] - 2;
  if (J) {
    J[0] = 1;
    J[6] = 2 * x[2];
    J[7] = 2 * x[3];
  }
  return 0;
}
static PetscErrorCode HS42Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  for (PetscInt i = 0; i < 4; i++) H[i * 5] = 2;
  H[10] += 2 * l[1];
  H[15] += 2 * l[1];
  return 0;
}
TESSERA_NLP_DENSE(HS42, 4, 2, 13.857864376269049, PETSC_TRUE, HS42Obj)

/* f = w0 x1^2 + w1 (x1-1)^2 + (x1-x2)^2 + (x2-x3)^p + (x3-x4)^4 + (x4-x5)^4 (HS47: w = 0, 0; HS79, BT11: 0, 1; MWRIGHT: 1, 0;
   HS47 also has p = 3 on x2 - x3 and (x1-x2)^2; HS79 has p = 2) */
static void ChainObj(const PetscReal x[], PetscReal w0, PetscReal w1, PetscInt p, PetscReal *f, PetscReal g[], PetscReal H[])
{
  const PetscInt pw[4] = {2, p, 4, 4};

  if (f) *f = w0 * x[0] * x[0] + w1 * (x[0] - 1) * (x[0] - 1);
  if (g) g[0] += 2 * w0 * x[0] + 2 * w1 * (x[0] - 1);
  if (H) H[0] += 2 * w0 + 2 * w1;
  for (PetscInt k = 0; k < 4; k++) {
    PetscReal d = x[k] - x[k + 1];

    if (f) *f += PetscPowRealInt(d, pw[k]);
    if (g) {
      g[k] += pw[k] * PetscPowRealInt(d, pw[k] - 1);
      g[k + 1] -= pw[k] * PetscPowRealInt(d, pw[k] - 1);
    }
    if (H) NLPProblemAddPair(5, H, k, k + 1, pw[k] * (pw[k] - 1) * PetscPowRealInt(d, pw[k] - 2));
  }
}

/* HS47: chain objective with p = 3; x1 + x2^2 + x3^3 - 3, x2 - x3^2 + x4 - 1, x1 x5 - 1 */
static PetscErrorCode HS47X0(PetscInt n, PetscReal x[])
{
  x[0] = 2;
  x[1] = R2;
  x[2] = -1;
  x[3] = 2 - R2;
  x[4] = 0.5;
  return 0;
}
static PetscErrorCode HS47Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  ChainObj(x, 0, 0, 3, f, g, NULL);
  return 0;
}
/* c1 = x1 + x2^2 + x3^k + a1, c2 = x2 - x3^2 + x4 + a2 (shared by HS47, HS79, MWRIGHT) */
static void ChainCon12(const PetscReal x[], PetscInt k, PetscReal a1, PetscReal a2, PetscReal c[], PetscReal J[])
{
  c[0] = x[0] + x[1] * x[1] + PetscPowRealInt(x[2], k) + a1;
  c[1] = x[1] - x[2] * x[2] + x[3] + a2;
  if (J) {
    J[0] = 1;
    J[1] = 2 * x[1];
    J[2] = k * PetscPowRealInt(x[2], k - 1);
    J[6] = 1;
    J[7] = -2 * x[2];
    J[8] = 1;
  }
}
static void ChainCon12Hess(const PetscReal x[], PetscInt k, const PetscReal l[], PetscReal H[])
{
  H[6] += 2 * l[0];
  H[12] += l[0] * k * (k - 1) * PetscPowRealInt(x[2], k - 2) - 2 * l[1];
}
static PetscErrorCode HS47Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  ChainCon12(x, 3, -3, -1, c, J);
  c[2] = x[0] * x[4] - 1;
  if (J) {
    J[10] = x[4];
    J[14] = x[0];
  }
  return 0;
}
static PetscErrorCode HS47Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  ChainObj(x, 0, 0, 3, NULL, NULL, H);
  ChainCon12Hess(x, 3, l, H);
  NLPProblemAddSym(5, H, 0, 4, l[2]);
  return 0;
}
TESSERA_NLP_DENSE(HS47, 5, 3, 0.0, PETSC_TRUE, HS47Obj)

/* HS79: chain objective w1 = 1, p = 2; x1 + x2^2 + x3^3 - 2 - 3r2, x2 - x3^2 + x4 + 2 - 2r2, x1 x5 - 2 */
static PetscErrorCode HS79X0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < 5; i++) x[i] = 2;
  return 0;
}
static PetscErrorCode HS79Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  ChainObj(x, 0, 1, 2, f, g, NULL);
  return 0;
}
static PetscErrorCode HS79Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  ChainCon12(x, 3, -2 - 3 * R2, 2 - 2 * R2, c, J);
  c[2] = x[0] * x[4] - 2;
  if (J) {
    J[10] = x[4];
    J[14] = x[0];
  }
  return 0;
}
static PetscErrorCode HS79Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  ChainObj(x, 0, 1, 2, NULL, NULL, H);
  ChainCon12Hess(x, 3, l, H);
  NLPProblemAddSym(5, H, 0, 4, l[2]);
  return 0;
}
TESSERA_NLP_DENSE(HS79, 5, 3, 0.0787768209, PETSC_TRUE, HS79Obj)

/* BT11: the HS79 objective; x1 + x2^2 + x3^3 - 3r2 + 2, x2 + x4 - x3^2 - 2r2 + 2, x1 - x5 - 2 */
#define BT11X0 HS79X0
static PetscErrorCode BT11Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  ChainCon12(x, 3, -3 * R2 + 2, -2 * R2 + 2, c, J);
  c[2] = x[0] - x[4] - 2;
  if (J) {
    J[10] = 1;
    J[14] = -1;
  }
  return 0;
}
static PetscErrorCode BT11Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  ChainObj(x, 0, 1, 2, NULL, NULL, H);
  ChainCon12Hess(x, 3, l, H);
  return 0;
}
TESSERA_NLP_DENSE(BT11, 5, 3, 0.8248917783, PETSC_TRUE, HS79Obj)

/* MWRIGHT: chain objective w0 = 1, p = 3; x1 + x2^2 + x3^2 - 3r2 - 2, x2 - x3^2 + x4 - 2r2 + 2, x1 x5 - 2 */
static PetscErrorCode MWRIGHTX0(PetscInt n, PetscReal x[])
{
  x[0] = -1;
  x[1] = 2;
  x[2] = 1;
  x[3] = -2;
  x[4] = -2;
  return 0;
}
static PetscErrorCode MWRIGHTObj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  ChainObj(x, 1, 0, 3, f, g, NULL);
  return 0;
}
static PetscErrorCode MWRIGHTCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  ChainCon12(x, 2, -3 * R2 - 2, -2 * R2 + 2, c, J);
  c[2] = x[0] * x[4] - 2;
  if (J) {
    J[10] = x[4];
    J[14] = x[0];
  }
  return 0;
}
static PetscErrorCode MWRIGHTHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  ChainObj(x, 1, 0, 3, NULL, NULL, H);
  ChainCon12Hess(x, 2, l, H);
  NLPProblemAddSym(5, H, 0, 4, l[2]);
  return 0;
}
TESSERA_NLP_DENSE(MWRIGHT, 5, 3, 24.97880953, PETSC_TRUE, MWRIGHTObj)

/* HS48: (x1-1)^2 + (x2-x3)^2 + (x4-x5)^2 s.t. sum x - 5, x3 - 2(x4+x5) + 3 */
static PetscErrorCode HS48X0(PetscInt n, PetscReal x[])
{
  x[0] = 3;
  x[1] = 5;
  x[2] = -3;
  x[3] = 2;
  x[4] = -2;
  return 0;
}
static PetscErrorCode HS48Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = (x[0] - 1) * (x[0] - 1) + (x[1] - x[2]) * (x[1] - x[2]) + (x[3] - x[4]) * (x[3] - x[4]);
  g[0] = 2 * (x[0] - 1);
  g[1] = 2 * (x[1] - x[2]);
  g[2] = -g[1];
  g[3] = 2 * (x[3] - x[4]);
  g[4] = -g[3];
  return 0;
}
static PetscErrorCode HS48Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] + x[1] + x[2] + x[3] + x[4] - 5;
  c[1] = x[2] - 2 * (x[3] + x[4]) + 3;
  if (J) {
    for (PetscInt i = 0; i < 5; i++) J[i] = 1;
    J[7] = 1;
    J[8] = J[9] = -2;
  }
  return 0;
}
static PetscErrorCode HS48Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 2;
  NLPProblemAddPair(5, H, 1, 2, 2);
  NLPProblemAddPair(5, H, 3, 4, 2);
  return 0;
}
TESSERA_NLP_DENSE(HS48, 5, 2, 0.0, PETSC_TRUE, HS48Obj)

/* HS50: (x1-x2)^2 + (x2-x3)^2 + (x3-x4)^4 + (x4-x5)^2 s.t. x_i + 2x_{i+1} + 3x_{i+2} - 6, i = 1..3 */
static PetscErrorCode HS50X0(PetscInt n, PetscReal x[])
{
  x[0] = 35;
  x[1] = -31;
  x[2] = 11;
  x[3] = 5;
  x[4] = -5;
  return 0;
}
static const PetscInt HS50Pow[4] = {2, 2, 4, 2};
static PetscErrorCode HS50Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f = 0;
  for (PetscInt k = 0; k < 4; k++) {
    PetscReal d = x[k] - x[k + 1];
    PetscInt  p = HS50Pow[k];

    *f += PetscPowRealInt(d, p);
    g[k] += p * PetscPowRealInt(d, p - 1);
    g[k + 1] -= p * PetscPowRealInt(d, p - 1);
  }
  return 0;
}
static PetscErrorCode HS50Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  for (PetscInt i = 0; i < 3; i++) {
    c[i] = x[i] + 2 * x[i + 1] + 3 * x[i + 2] - 6;
    if (J) {
      J[i * 5 + i]     = 1;
      J[i * 5 + i + 1] = 2;
      J[i * 5 + i + 2] = 3;
    }
  }
  return 0;
}
static PetscErrorCode HS50Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  for (PetscInt k = 0; k < 4; k++) {
    PetscInt p = HS50Pow[k];

    NLPProblemAddPair(5, H, k, k + 1, p * (p - 1) * PetscPowRealInt(x[k] - x[k + 1], p - 2));
  }
  return 0;
}
TESSERA_NLP_DENSE(HS50, 5, 3, 0.0, PETSC_TRUE, HS50Obj)

/* HS51, HS52, BT3: (a x1 - x2)^2 + (x2+x3-2)^2 + (x4-1)^2 + (x5-1)^2 s.t. x1 + 3x2 - b, x3 + x4 - 2x5, x2 - x5 */
static void QPObj(PetscReal a, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  PetscReal d = a * x[0] - x[1], e = x[1] + x[2] - 2;

  *f   = d * d + e * e + (x[3] - 1) * (x[3] - 1) + (x[4] - 1) * (x[4] - 1);
  g[0] = 2 * a * d;
  g[1] = -2 * d + 2 * e;
  g[2] = 2 * e;
  g[3] = 2 * (x[3] - 1);
  g[4] = 2 * (x[4] - 1);
}
static void QPHess(PetscReal a, PetscReal H[])
{
  H[0] = 2 * a * a;
  NLPProblemAddSym(5, H, 0, 1, -2 * a);
  H[6] = 4;
  NLPProblemAddSym(5, H, 1, 2, 2);
  H[12] = 2;
  H[18] = 2;
  H[24] = 2;
}
static void QPCon(PetscReal b, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] + 3 * x[1] - b;
  c[1] = x[2] + x[3] - 2 * x[4];
  c[2] = x[1] - x[4];
  if (J) {
    J[0]  = 1;
    J[1]  = 3;
    J[7]  = 1;
    J[8]  = 1;
    J[9]  = -2;
    J[11] = 1;
    J[14] = -1;
  }
}
static PetscErrorCode HS51X0(PetscInt n, PetscReal x[])
{
  x[0] = 2.5;
  x[1] = 0.5;
  x[2] = 2;
  x[3] = -1;
  x[4] = 0.5;
  return 0;
}
static PetscErrorCode HS51Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  QPObj(1, x, f, g);
  return 0;
}
static PetscErrorCode HS51Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  QPCon(4, x, c, J);
  return 0;
}
static PetscErrorCode HS51Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  QPHess(1, H);
  return 0;
}
TESSERA_NLP_DENSE(HS51, 5, 3, 0.0, PETSC_TRUE, HS51Obj)
static PetscErrorCode HS52X0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < 5; i++) x[i] = 2;
  return 0;
}
static PetscErrorCode HS52Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  QPObj(4, x, f, g);
  return 0;
}
static PetscErrorCode HS52Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  QPCon(0, x, c, J);
  return 0;
}
static PetscErrorCode HS52Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  QPHess(4, H);
  return 0;
}
TESSERA_NLP_DENSE(HS52, 5, 3, 1859.0 / 349.0, PETSC_TRUE, HS52Obj)
static PetscErrorCode BT3X0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < 5; i++) x[i] = 20;
  return 0;
}
#define BT3Con HS52Con
static PetscErrorCode BT3Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  QPHess(1, H);
  return 0;
}
TESSERA_NLP_DENSE(BT3, 5, 3, 176.0 / 43.0, PETSC_TRUE, HS51Obj)

/* HS56: -x1x2x3 s.t. x_i - 4.2 sin^2 x_{i+3} (i = 1..3), x1 + 2x2 + 2x3 - 7.2 sin^2 x7 */
static PetscErrorCode HS56X0(PetscInt n, PetscReal x[])
{
  PetscReal a = PetscAsinReal(PetscSqrtReal(1.0 / 4.2)), b = PetscAsinReal(PetscSqrtReal(5.0 / 7.2));

  x[0] = x[1] = x[2] = 1;
  x[3] = x[4] = x[5] = a;
  x[6]               = b;
  return 0;
}
static PetscErrorCode HS56Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = -x[0] * x[1] * x[2];
  g[0] = -x[1] * x[2];
  g[1] = -x[0] * x[2];
  g[2] = -x[0] * x[1];
  return 0;
}
static PetscErrorCode HS56Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  for (PetscInt i = 0; i < 3; i++) {
    PetscReal s = PetscSinReal(x[i + 3]);

    c[i] = x[i] - 4.2 * s * s;
    if (J) {
      J[i * 7 + i]     = 1;
      J[i * 7 + i + 3] = -4.2 * PetscSinReal(2 * x[i + 3]);
    }
  }
  c[3] = x[0] + 2 * x[1] + 2 * x[2] - 7.2 * PetscSinReal(x[6]) * PetscSinReal(x[6]);
  if (J) {
    J[21] = 1;
    J[22] = J[23] = 2;
    J[27]         = -7.2 * PetscSinReal(2 * x[6]);
  }
  return 0;
}
static PetscErrorCode HS56Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  NLPProblemAddSym(7, H, 0, 1, -x[2]);
  NLPProblemAddSym(7, H, 0, 2, -x[1]);
  NLPProblemAddSym(7, H, 1, 2, -x[0]);
  for (PetscInt i = 0; i < 3; i++) H[(i + 3) * 8] += -8.4 * l[i] * PetscCosReal(2 * x[i + 3]);
  H[48] += -14.4 * l[3] * PetscCosReal(2 * x[6]);
  return 0;
}
TESSERA_NLP_DENSE(HS56, 7, 4, -3.456, PETSC_TRUE, HS56Obj)

/* HS77 and BT6: (x1-1)^2 + (x1-x2)^2 + (x3-1)^2 + (x4-1)^4 + (x5-1)^6;
   c1 = x1^2 x4 + sin(x4-x5) - 2r2; c2 = x2 + x3^4 x4^2 - 8 - r2 (HS77) or x2 + x3^4 x2^2 - 8 - r2 (BT6) */
static PetscErrorCode HS77X0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < 5; i++) x[i] = 2;
  return 0;
}
static PetscErrorCode HS77Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = (x[0] - 1) * (x[0] - 1) + (x[0] - x[1]) * (x[0] - x[1]) + (x[2] - 1) * (x[2] - 1) + PetscPowRealInt(x[3] - 1, 4) + PetscPowRealInt(x[4] - 1, 6);
  g[0] = 2 * (x[0] - 1) + 2 * (x[0] - x[1]);
  g[1] = -2 * (x[0] - x[1]);
  g[2] = 2 * (x[2] - 1);
  g[3] = 4 * PetscPowRealInt(x[3] - 1, 3);
  g[4] = 6 * PetscPowRealInt(x[4] - 1, 5);
  return 0;
}
static void HS77ObjHessC1(const PetscReal x[], PetscReal l0, PetscReal c[], PetscReal J[], PetscReal H[])
{
  PetscReal s = PetscSinReal(x[3] - x[4]), co = PetscCosReal(x[3] - x[4]);

  if (c) c[0] = x[0] * x[0] * x[3] + s - 2 * R2;
  if (J) {
    J[0] = 2 * x[0] * x[3];
    J[3] = x[0] * x[0] + co;
    J[4] = -co;
  }
  if (H) {
    H[0] = 4;
    NLPProblemAddSym(5, H, 0, 1, -2);
    H[6]  = 2;
    H[12] = 2;
    H[18] = 12 * (x[3] - 1) * (x[3] - 1);
    H[24] = 30 * PetscPowRealInt(x[4] - 1, 4);
    H[0] += l0 * 2 * x[3];
    NLPProblemAddSym(5, H, 0, 3, l0 * 2 * x[0]);
    NLPProblemAddPair(5, H, 3, 4, -l0 * s);
  }
}
static PetscErrorCode HS77Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  HS77ObjHessC1(x, 0, c, J, NULL);
  c[1] = x[1] + PetscPowRealInt(x[2], 4) * x[3] * x[3] - 8 - R2;
  if (J) {
    J[6] = 1;
    J[7] = 4 * PetscPowRealInt(x[2], 3) * x[3] * x[3];
    J[8] = 2 * PetscPowRealInt(x[2], 4) * x[3];
  }
  return 0;
}
static PetscErrorCode HS77Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  HS77ObjHessC1(x, l[0], NULL, NULL, H);
  H[12] += l[1] * 12 * x[2] * x[2] * x[3] * x[3];
  NLPProblemAddSym(5, H, 2, 3, l[1] * 8 * PetscPowRealInt(x[2], 3) * x[3]);
  H[18] += l[1] * 2 * PetscPowRealInt(x[2], 4);
  return 0;
}
TESSERA_NLP_DENSE(HS77, 5, 2, 0.2415051288, PETSC_TRUE, HS77Obj)
#define BT6X0 HS77X0
static PetscErrorCode BT6Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  HS77ObjHessC1(x, 0, c, J, NULL);
  c[1] = x[1] + PetscPowRealInt(x[2], 4) * x[1] * x[1] - 8 - R2;
  if (J) {
    J[6] = 1 + 2 * PetscPowRealInt(x[2], 4) * x[1];
    J[7] = 4 * PetscPowRealInt(x[2], 3) * x[1] * x[1];
  }
  return 0;
}
static PetscErrorCode BT6Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  HS77ObjHessC1(x, l[0], NULL, NULL, H);
  H[6] += l[1] * 2 * PetscPowRealInt(x[2], 4);
  NLPProblemAddSym(5, H, 1, 2, l[1] * 8 * PetscPowRealInt(x[2], 3) * x[1]);
  H[12] += l[1] * 12 * x[2] * x[2] * x[1] * x[1];
  return 0;
}
TESSERA_NLP_DENSE(BT6, 5, 2, 0.2770447888, PETSC_TRUE, HS77Obj)

/* HS78: x1x2x3x4x5 s.t. sum x^2 - 10, x2x3 - 5x4x5, x1^3 + x2^3 + 1 */
static PetscErrorCode HS78X0(PetscInt n, PetscReal x[])
{
  x[0] = -2;
  x[1] = 1.5;
  x[2] = 2;
  x[3] = -1;
  x[4] = -1;
  return 0;
}
static PetscErrorCode HS78Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f = 1;
  for (PetscInt i = 0; i < 5; i++) *f *= x[i];
  for (PetscInt i = 0; i < 5; i++) {
    g[i] = 1;
    for (PetscInt k = 0; k < 5; k++)
      if (k != i) g[i] *= x[k];
  }
  return 0;
}
static PetscErrorCode HS78Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = -10;
  for (PetscInt i = 0; i < 5; i++) c[0] += x[i] * x[i];
  c[1] = x[1] * x[2] - 5 * x[3] * x[4];
  c[2] = x[0] * x[0] * x[0] + x[1] * x[1] * x[1] + 1;
  if (J) {
    for (PetscInt i = 0; i < 5; i++) J[i] = 2 * x[i];
    J[6]  = x[2];
    J[7]  = x[1];
    J[8]  = -5 * x[4];
    J[9]  = -5 * x[3];
    J[10] = 3 * x[0] * x[0];
    J[11] = 3 * x[1] * x[1];
  }
  return 0;
}
static PetscErrorCode HS78Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  for (PetscInt i = 0; i < 5; i++) {
    for (PetscInt j = 0; j < 5; j++) {
      PetscReal p = 1;

      if (i == j) continue;
      for (PetscInt k = 0; k < 5; k++)
        if (k != i && k != j) p *= x[k];
      H[i * 5 + j] = p;
    }
    H[i * 6] += 2 * l[0];
  }
  NLPProblemAddSym(5, H, 1, 2, l[1]);
  NLPProblemAddSym(5, H, 3, 4, -5 * l[1]);
  H[0] += 6 * x[0] * l[2];
  H[6] += 6 * x[1] * l[2];
  return 0;
}
TESSERA_NLP_DENSE(HS78, 5, 3, -2.91970041, PETSC_TRUE, HS78Obj)

/* HS100LNP: HS100 with its inequalities turned into equalities (the two of them that are active) */
static PetscErrorCode HS100LNPX0(PetscInt n, PetscReal x[])
{
  const PetscReal v[7] = {1, 2, 0, 4, 0, 1, 1};

  for (PetscInt i = 0; i < 7; i++) x[i] = v[i];
  return 0;
}
static PetscErrorCode HS100LNPObj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = (x[0] - 10) * (x[0] - 10) + 5 * (x[1] - 12) * (x[1] - 12) + PetscPowRealInt(x[2], 4) + 3 * (x[3] - 11) * (x[3] - 11) + 10 * PetscPowRealInt(x[4], 6) + 7 * x[5] * x[5] + PetscPowRealInt(x[6], 4) - 4 * x[5] * x[6] - 10 * x[5] - 8 * x[6];
  g[0] = 2 * (x[0] - 10);
  g[1] = 10 * (x[1] - 12);
  g[2] = 4 * PetscPowRealInt(x[2], 3);
  g[3] = 6 * (x[3] - 11);
  g[4] = 60 * PetscPowRealInt(x[4], 5);
  g[5] = 14 * x[5] - 4 * x[6] - 10;
  g[6] = 4 * PetscPowRealInt(x[6], 3) - 4 * x[5] - 8;
  return 0;
}
static PetscErrorCode HS100LNPCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 2 * x[0] * x[0] + 3 * PetscPowRealInt(x[1], 4) + x[2] + 4 * x[3] * x[3] + 5 * x[4] - 127;
  c[1] = -4 * x[0] * x[0] - x[1] * x[1] + 3 * x[0] * x[1] - 2 * x[2] * x[2] - 5 * x[5] + 11 * x[6];
  if (J) {
    J[0]  = 4 * x[0];
    J[1]  = 12 * PetscPowRealInt(x[1], 3);
    J[2]  = 1;
    J[3]  = 8 * x[3];
    J[4]  = 5;
    J[7]  = -8 * x[0] + 3 * x[1];
    J[8]  = -2 * x[1] + 3 * x[0];
    J[9]  = -4 * x[2];
    J[12] = -5;
    J[13] = 11;
  }
  return 0;
}
static PetscErrorCode HS100LNPHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0]  = 2 + 4 * l[0] - 8 * l[1];
  H[8]  = 10 + 36 * x[1] * x[1] * l[0] - 2 * l[1];
  H[16] = 12 * x[2] * x[2] - 4 * l[1];
  H[24] = 6 + 8 * l[0];
  H[32] = 300 * PetscPowRealInt(x[4], 4);
  H[40] = 14;
  H[48] = 12 * x[6] * x[6];
  NLPProblemAddSym(7, H, 5, 6, -4);
  NLPProblemAddSym(7, H, 0, 1, 3 * l[1]);
  return 0;
}
TESSERA_NLP_DENSE(HS100LNP, 7, 2, 680.6300573, PETSC_TRUE, HS100LNPObj)

/* HS8 (constant objective): -1 s.t. x1^2 + x2^2 - 25, x1 x2 - 9 */
static PetscErrorCode HS8X0(PetscInt n, PetscReal x[])
{
  x[0] = 2;
  x[1] = 1;
  return 0;
}
static PetscErrorCode HS8Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f = -1;
  return 0;
}
static PetscErrorCode HS8Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] * x[0] + x[1] * x[1] - 25;
  c[1] = x[0] * x[1] - 9;
  if (J) {
    J[0] = 2 * x[0];
    J[1] = 2 * x[1];
    J[2] = x[1];
    J[3] = x[0];
  }
  return 0;
}
static PetscErrorCode HS8Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = H[3] = 2 * l[0];
  H[1] = H[2] = l[1];
  return 0;
}
TESSERA_NLP_DENSE(HS8, 2, 2, -1.0, PETSC_TRUE, HS8Obj)

/* HS9: sin(pi x1/12) cos(pi x2/16) s.t. 4x1 - 3x2 */
static PetscErrorCode HS9X0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = 0;
  return 0;
}
static PetscErrorCode HS9Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  PetscReal a = PETSC_PI / 12, b = PETSC_PI / 16;

  *f   = PetscSinReal(a * x[0]) * PetscCosReal(b * x[1]);
  g[0] = a * PetscCosReal(a * x[0]) * PetscCosReal(b * x[1]);
  g[1] = -b * PetscSinReal(a * x[0]) * PetscSinReal(b * x[1]);
  return 0;
}
static PetscErrorCode HS9Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 4 * x[0] - 3 * x[1];
  if (J) {
    J[0] = 4;
    J[1] = -3;
  }
  return 0;
}
static PetscErrorCode HS9Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  PetscReal a = PETSC_PI / 12, b = PETSC_PI / 16;

  H[0] = -a * a * PetscSinReal(a * x[0]) * PetscCosReal(b * x[1]);
  H[3] = -b * b * PetscSinReal(a * x[0]) * PetscCosReal(b * x[1]);
  H[1] = H[2] = -a * b * PetscCosReal(a * x[0]) * PetscSinReal(b * x[1]);
  return 0;
}
TESSERA_NLP_DENSE(HS9, 2, 1, -0.5, PETSC_TRUE, HS9Obj)

/*
   HS61: 4x1^2 + 2x2^2 + 2x3^2 - 33x1 + 16x2 - 24x3 s.t. s1 (3x1 - 2x2^2 - 7), s2 (4x1 - x3^2 - 11), x0 = 0, where
   the Jacobian has rank 1 (both rows along e1: a standard start that fails LICQ). HS61 has s1 = s2 = 1; HS61SCALED
   has the rows scaled by s1 = 1e6 and s2 = 1e-4 (the same minimizer, badly scaled constraints). Solution (Newton-KKT,
   numpy): x* = (5.32677013556393, -2.11899863221898, 3.21046422535055), f* = -143.646142197780.
*/
static PetscErrorCode HS61X0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = x[2] = 0;
  return 0;
}
static PetscErrorCode HS61Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = 4 * x[0] * x[0] + 2 * x[1] * x[1] + 2 * x[2] * x[2] - 33 * x[0] + 16 * x[1] - 24 * x[2];
  g[0] = 8 * x[0] - 33;
  g[1] = 4 * x[1] + 16;
  g[2] = 4 * x[2] - 24;
  return 0;
}
static void HS61ConScaled(const PetscReal x[], PetscReal s1, PetscReal s2, PetscReal c[], PetscReal J[])
{
  c[0] = s1 * (3 * x[0] - 2 * x[1] * x[1] - 7);
  c[1] = s2 * (4 * x[0] - x[2] * x[2] - 11);
  if (J) {
    J[0] = 3 * s1;
    J[1] = -4 * s1 * x[1];
    J[2] = 0;
    J[3] = 4 * s2;
    J[4] = 0;
    J[5] = -2 * s2 * x[2];
  }
}
static void HS61HessScaled(const PetscReal l[], PetscReal s1, PetscReal s2, PetscReal H[])
{
  H[0] = 8;
  H[4] = 4 - 4 * s1 * l[0];
  H[8] = 4 - 2 * s2 * l[1];
}
static PetscErrorCode HS61Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  HS61ConScaled(x, 1.0, 1.0, c, J);
  return 0;
}
static PetscErrorCode HS61Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  HS61HessScaled(l, 1.0, 1.0, H);
  return 0;
}
TESSERA_NLP_DENSE(HS61, 3, 2, -143.646142197780, PETSC_TRUE, HS61Obj)
#define HS61SCALEDX0 HS61X0
static PetscErrorCode HS61SCALEDCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  HS61ConScaled(x, 1e6, 1e-4, c, J);
  return 0;
}
static PetscErrorCode HS61SCALEDHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  HS61HessScaled(l, 1e6, 1e-4, H);
  return 0;
}
TESSERA_NLP_DENSE(HS61SCALED, 3, 2, -143.646142197780, PETSC_TRUE, HS61Obj)

/* ORTHREGB (n = 27, m = 6): orthogonal regression of an ellipsoid p^T M p - 2 g^T p = 1 (M symmetric: H11, H12, H13,
   H22, H23, H33; g: G1..G3) to 6 points in 3-D: min sum_i ||p_i - d_i||^2 s.t. every p_i on the ellipsoid */
static const PetscInt ORTHREGBSym[3][3] = {{0, 1, 2}, {1, 3, 4}, {2, 4, 5}};
static void           ORTHREGBData(PetscReal d[6][3])
{
  const PetscReal A = 9, B = 6, C = 7, off[6][3] = {{A, A, 0}, {B, -B, 0}, {-A, -A, 0}, {-B, B, 0}, {0, 0, C}, {0, 0, -C}};

  for (PetscInt i = 0; i < 6; i++)
    for (PetscInt k = 0; k < 3; k++) d[i][k] = 0.5 + off[i][k];
}
static PetscErrorCode ORTHREGBX0(PetscInt n, PetscReal x[])
{
  PetscReal d[6][3];

  ORTHREGBData(d);
  for (PetscInt k = 0; k < 9; k++) x[k] = (k == 0 || k == 3 || k == 5) ? 1.0 : 0.0;
  for (PetscInt i = 0; i < 6; i++)
    for (PetscInt k = 0; k < 3; k++) x[9 + 3 * i + k] = d[i][k];
  return 0;
}
static PetscErrorCode ORTHREGBObj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  PetscReal d[6][3];

  ORTHREGBData(d);
  *f = 0;
  for (PetscInt i = 0; i < 6; i++)
    for (PetscInt k = 0; k < 3; k++) {
      PetscReal r = x[9 + 3 * i + k] - d[i][k];

      *f += r * r;
      g[9 + 3 * i + k] = 2 * r;
    }
  return 0;
}
static PetscErrorCode ORTHREGBCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  for (PetscInt i = 0; i < 6; i++) {
    const PetscReal *p = x + 9 + 3 * i;

    c[i] = -1;
    for (PetscInt a = 0; a < 3; a++) {
      PetscReal Mp = 0;

      for (PetscInt b = 0; b < 3; b++) {
        Mp += x[ORTHREGBSym[a][b]] * p[b];
        if (J && b >= a) J[i * n + ORTHREGBSym[a][b]] = (a == b ? 1 : 2) * p[a] * p[b];
      }
      c[i] += p[a] * Mp - 2 * x[6 + a] * p[a];
      if (J) {
        J[i * n + 6 + a]         = -2 * p[a];
        J[i * n + 9 + 3 * i + a] = 2 * Mp - 2 * x[6 + a];
      }
    }
  }
  return 0;
}
static PetscErrorCode ORTHREGBHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  for (PetscInt i = 0; i < 27; i += 1)
    if (i >= 9) H[i * n + i] = 2;
  for (PetscInt i = 0; i < 6; i++) {
    PetscInt         o = 9 + 3 * i;
    const PetscReal *p = x + o;

    for (PetscInt a = 0; a < 3; a++) {
      for (PetscInt b = 0; b < 3; b++) H[(o + a) * n + o + b] += 2 * l[i] * x[ORTHREGBSym[a][b]];
      NLPProblemAddSym(n, H, 6 + a, o + a, -2 * l[i]);
      for (PetscInt b = a; b < 3; b++) {
        /* d/dp of the Jacobian entry (a == b ? 1 : 2) p_a p_b */
        PetscInt h = ORTHREGBSym[a][b];

        if (a == b) NLPProblemAddSym(n, H, h, o + a, 2 * l[i] * p[a]);
        else {
          NLPProblemAddSym(n, H, h, o + a, 2 * l[i] * p[b]);
          NLPProblemAddSym(n, H, h, o + b, 2 * l[i] * p[a]);
        }
      }
    }
  }
  return 0;
}
TESSERA_NLP_DENSE(ORTHREGB, 27, 6, 0.0, PETSC_TRUE, ORTHREGBObj)

PetscErrorCode NLPProblemRegisterHS_Private(void)
{
  PetscFunctionBegin;
  PetscCall(NLPProblemRegister("HS6", NLPProblemCreate_HS6));
  PetscCall(NLPProblemRegister("HS7", NLPProblemCreate_HS7));
  PetscCall(NLPProblemRegister("HS28", NLPProblemCreate_HS28));
  PetscCall(NLPProblemRegister("GENHS28", NLPProblemCreate_GENHS28));
  PetscCall(NLPProblemRegister("HS40", NLPProblemCreate_HS40));
  PetscCall(NLPProblemRegister("HS42", NLPProblemCreate_HS42));
  PetscCall(NLPProblemRegister("HS47", NLPProblemCreate_HS47));
  PetscCall(NLPProblemRegister("HS48", NLPProblemCreate_HS48));
  PetscCall(NLPProblemRegister("HS50", NLPProblemCreate_HS50));
  PetscCall(NLPProblemRegister("HS51", NLPProblemCreate_HS51));
  PetscCall(NLPProblemRegister("HS52", NLPProblemCreate_HS52));
  PetscCall(NLPProblemRegister("BT3", NLPProblemCreate_BT3));
  PetscCall(NLPProblemRegister("HS56", NLPProblemCreate_HS56));
  PetscCall(NLPProblemRegister("HS77", NLPProblemCreate_HS77));
  PetscCall(NLPProblemRegister("BT6", NLPProblemCreate_BT6));
  PetscCall(NLPProblemRegister("HS78", NLPProblemCreate_HS78));
  PetscCall(NLPProblemRegister("HS79", NLPProblemCreate_HS79));
  PetscCall(NLPProblemRegister("BT11", NLPProblemCreate_BT11));
  PetscCall(NLPProblemRegister("MWRIGHT", NLPProblemCreate_MWRIGHT));
  PetscCall(NLPProblemRegister("HS100LNP", NLPProblemCreate_HS100LNP));
  PetscCall(NLPProblemRegister("ORTHREGB", NLPProblemCreate_ORTHREGB));
  PetscCall(NLPProblemRegister("HS8", NLPProblemCreate_HS8));
  PetscCall(NLPProblemRegister("HS9", NLPProblemCreate_HS9));
  PetscCall(NLPProblemRegister("HS61", NLPProblemCreate_HS61));
  PetscCall(NLPProblemRegister("HS61SCALED", NLPProblemCreate_HS61SCALED));
  PetscFunctionReturn(0);
}
