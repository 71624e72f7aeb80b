/*
   ne.c - nonlinear-equation ("NE", f = 0, n = m) problems of the AdaSketch-Newton CUTEst set. The Hessian of the
   Lagrangian is sum_i lambda_i Hess c_i. Definitions from the CUTEst SIF files (via S2MPJ where present) and
   J. J. More, B. S. Garbow and K. E. Hillstrom, ACM TOMS 7 (1981) 17-41 (HELIX, MOREBV, INTEGREQ).
*/
#include <nlpimpl.h>

/* BOOTH: x1 + 2x2 - 7, 2x1 + x2 - 5 */
static PetscErrorCode BOOTHX0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = 0;
  return 0;
}
static PetscErrorCode BOOTHCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] + 2 * x[1] - 7;
  c[1] = 2 * x[0] + x[1] - 5;
  if (J) {
    J[0] = 1;
    J[1] = 2;
    J[2] = 2;
    J[3] = 1;
  }
  return 0;
}
static PetscErrorCode LinearHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[]) { return 0; }
#define BOOTHHess LinearHess
TESSERA_NLP_DENSE(BOOTH, 2, 2, 0.0, PETSC_TRUE, NULL)

/* HIMMELBA: (x1 - 5)/0.25 (SIF group scale), x2 - 6 */
static PetscErrorCode HIMMELBAX0(PetscInt n, PetscReal x[])
{
  x[0] = 8;
  x[1] = 9;
  return 0;
}
static PetscErrorCode HIMMELBACon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 4 * (x[0] - 5);
  c[1] = x[1] - 6;
  if (J) {
    J[0] = 4;
    J[3] = 1;
  }
  return 0;
}
#define HIMMELBAHess LinearHess
TESSERA_NLP_DENSE(HIMMELBA, 2, 2, 0.0, PETSC_TRUE, NULL)

/* ZANGWIL3: x1 - x2 + x3, -x1 + x2 + x3, x1 + x2 - x3 */
static PetscErrorCode ZANGWIL3X0(PetscInt n, PetscReal x[])
{
  x[0] = 100;
  x[1] = -1;
  x[2] = 2.5;
  return 0;
}
static PetscErrorCode ZANGWIL3Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  const PetscReal A[9] = {1, -1, 1, -1, 1, 1, 1, 1, -1};

  for (PetscInt i = 0; i < 3; i++) {
    c[i] = A[3 * i] * x[0] + A[3 * i + 1] * x[1] + A[3 * i + 2] * x[2];
    if (J)
      for (PetscInt j = 0; j < 3; j++) J[3 * i + j] = A[3 * i + j];
  }
  return 0;
}
#define ZANGWIL3Hess LinearHess
TESSERA_NLP_DENSE(ZANGWIL3, 3, 3, 0.0, PETSC_TRUE, NULL)

/* RSNBRNE (Rosenbrock equations): 10(x2 - x1^2), 1 - x1 */
static PetscErrorCode RSNBRNEX0(PetscInt n, PetscReal x[])
{
  x[0] = -1.2;
  x[1] = 1;
  return 0;
}
static PetscErrorCode RSNBRNECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 10 * (x[1] - x[0] * x[0]);
  c[1] = 1 - x[0];
  if (J) {
    J[0] = -20 * x[0];
    J[1] = 10;
    J[2] = -1;
  }
  return 0;
}
static PetscErrorCode RSNBRNEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = -20 * l[0];
  return 0;
}
TESSERA_NLP_DENSE(RSNBRNE, 2, 2, 0.0, PETSC_TRUE, NULL)

/* CUBENE: 10(x2 - x1^3), x1 - 1 */
#define CUBENEX0 RSNBRNEX0
static PetscErrorCode CUBENECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 10 * (x[1] - x[0] * x[0] * x[0]);
  c[1] = x[0] - 1;
  if (J) {
    J[0] = -30 * x[0] * x[0];
    J[1] = 10;
    J[2] = 1;
  }
  return 0;
}
static PetscErrorCode CUBENEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = -60 * x[0] * l[0];
  return 0;
}
TESSERA_NLP_DENSE(CUBENE, 2, 2, 0.0, PETSC_TRUE, NULL)

/* HELIXNE (helical valley): 10(x3 - 10 theta), 10(sqrt(x1^2 + x2^2) - 1), x3 */
static PetscErrorCode HELIXNEX0(PetscInt n, PetscReal x[])
{
  x[0] = -1;
  x[1] = x[2] = 0;
  return 0;
}
static PetscErrorCode HELIXNECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  PetscReal q = 0.5 / PETSC_PI, r2 = x[0] * x[0] + x[1] * x[1], r = PetscSqrtReal(r2);
  PetscReal theta = q * PetscAtanReal(x[1] / x[0]) + (x[0] < 0 ? 0.5 : 0.0);

  c[0] = 10 * (x[2] - 10 * theta);
  c[1] = 10 * (r - 1);
  c[2] = x[2];
  if (J) {
    J[0] = 100 * q * x[1] / r2;
    J[1] = -100 * q * x[0] / r2;
    J[2] = 10;
    J[3] = 10 * x[0] / r;
    J[4] = 10 * x[1] / r;
    J[8] = 1;
  }
  return 0;
}
static PetscErrorCode HELIXNEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  PetscReal q = 0.5 / PETSC_PI, r2 = x[0] * x[0] + x[1] * x[1], r = PetscSqrtReal(r2), r3 = r2 * r, r4 = r2 * r2;

  /* theta_11 = 2q x1 x2/r^4, theta_22 = -theta_11, theta_12 = q(x2^2 - x1^2)/r^4; r_11 = x2^2/r^3, r_22 = x1^2/r^3, r_12 = -x1 x2/r^3 */
  H[0] = -100 * l[0] * 2 * q * x[0] * x[1] / r4 + 10 * l[1] * x[1] * x[1] / r3;
  H[4] = 100 * l[0] * 2 * q * x[0] * x[1] / r4 + 10 * l[1] * x[0] * x[0] / r3;
  H[1] = H[3] = -100 * l[0] * q * (x[1] * x[1] - x[0] * x[0]) / r4 - 10 * l[1] * x[0] * x[1] / r3;
  return 0;
}
TESSERA_NLP_DENSE(HELIXNE, 3, 3, 0.0, PETSC_TRUE, NULL)

/* GOTTFR: x1 - 0.1136(x1 + 3x2)(1 - x1), x2 + 7.5(2x1 - x2)(1 - x2) */
static PetscErrorCode GOTTFRX0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = 0.5;
  return 0;
}
static PetscErrorCode GOTTFRCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] - 0.1136 * (x[0] + 3 * x[1]) * (1 - x[0]);
  c[1] = x[1] + 7.5 * (2 * x[0] - x[1]) * (1 - x[1]);
  if (J) {
    J[0] = 1 - 0.1136 * (1 - 2 * x[0] - 3 * x[1]);
    J[1] = -0.1136 * (3 - 3 * x[0]);
    J[2] = 15 * (1 - x[1]);
    J[3] = 1 + 7.5 * (-2 * x[0] - 1 + 2 * x[1]);
  }
  return 0;
}
static PetscErrorCode GOTTFRHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 0.2272 * l[0];
  H[1] = H[2] = 0.3408 * l[0] - 15 * l[1];
  H[3]        = 15 * l[1];
  return 0;
}
TESSERA_NLP_DENSE(GOTTFR, 2, 2, 0.0, PETSC_TRUE, NULL)

/* HIMMELBC: x1^2 + x2 - 11, x1 + x2^2 - 7 */
static PetscErrorCode HIMMELBCX0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = 1;
  return 0;
}
static PetscErrorCode HIMMELBCCon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] * x[0] + x[1] - 11;
  c[1] = x[0] + x[1] * x[1] - 7;
  if (J) {
    J[0] = 2 * x[0];
    J[1] = 1;
    J[2] = 1;
    J[3] = 2 * x[1];
  }
  return 0;
}
static PetscErrorCode HIMMELBCHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 2 * l[0];
  H[3] = 2 * l[1];
  return 0;
}
TESSERA_NLP_DENSE(HIMMELBC, 2, 2, 0.0, PETSC_TRUE, NULL)

/* DENSCHNCNE: x1^2 + x2^2 - 2, exp(x1 - 1) + x2^3 - 2 */
static PetscErrorCode DENSCHNCNEX0(PetscInt n, PetscReal x[])
{
  x[0] = 2;
  x[1] = 3;
  return 0;
}
static PetscErrorCode DENSCHNCNECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] * x[0] + x[1] * x[1] - 2;
  c[1] = PetscExpReal(x[0] - 1) + x[1] * x[1] * x[1] - 2;
  if (J) {
    J[0] = 2 * x[0];
    J[1] = 2 * x[1];
    J[2] = PetscExpReal(x[0] - 1);
    J[3] = 3 * x[1] * x[1];
  }
  return 0;
}
static PetscErrorCode DENSCHNCNEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 2 * l[0] + l[1] * PetscExpReal(x[0] - 1);
  H[3] = 2 * l[0] + 6 * x[1] * l[1];
  return 0;
}
TESSERA_NLP_DENSE(DENSCHNCNE, 2, 2, 0.0, PETSC_TRUE, NULL)

/* DENSCHNFNE: 2(x1+x2)^2 + (x1-x2)^2 - 8, 5x1^2 + (x2-3)^2 - 9 */
static PetscErrorCode DENSCHNFNEX0(PetscInt n, PetscReal x[])
{
  x[0] = 2;
  x[1] = 0;
  return 0;
}
static PetscErrorCode DENSCHNFNECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 2 * (x[0] + x[1]) * (x[0] + x[1]) + (x[0] - x[1]) * (x[0] - x[1]) - 8;
  c[1] = 5 * x[0] * x[0] + (x[1] - 3) * (x[1] - 3) - 9;
  if (J) {
    J[0] = 6 * x[0] + 2 * x[1];
    J[1] = 2 * x[0] + 6 * x[1];
    J[2] = 10 * x[0];
    J[3] = 2 * (x[1] - 3);
  }
  return 0;
}
static PetscErrorCode DENSCHNFNEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 6 * l[0] + 10 * l[1];
  H[1] = H[2] = 2 * l[0];
  H[3]        = 6 * l[0] + 2 * l[1];
  return 0;
}
TESSERA_NLP_DENSE(DENSCHNFNE, 2, 2, 0.0, PETSC_TRUE, NULL)

/* PRICE4NE: 2x1^3 x2 - x2^3, 6x1 - x2^2 + x2 */
static PetscErrorCode PRICE4NEX0(PetscInt n, PetscReal x[])
{
  x[0] = 1;
  x[1] = 5;
  return 0;
}
static PetscErrorCode PRICE4NECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 2 * x[0] * x[0] * x[0] * x[1] - x[1] * x[1] * x[1];
  c[1] = 6 * x[0] - x[1] * x[1] + x[1];
  if (J) {
    J[0] = 6 * x[0] * x[0] * x[1];
    J[1] = 2 * x[0] * x[0] * x[0] - 3 * x[1] * x[1];
    J[2] = 6;
    J[3] = 1 - 2 * x[1];
  }
  return 0;
}
static PetscErrorCode PRICE4NEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 12 * x[0] * x[1] * l[0];
  H[1] = H[2] = 6 * x[0] * x[0] * l[0];
  H[3]        = -6 * x[1] * l[0] - 2 * l[1];
  return 0;
}
TESSERA_NLP_DENSE(PRICE4NE, 2, 2, 0.0, PETSC_TRUE, NULL)

/* WAYSEA1NE: x1^6 + x2^4 - 17, 2x1 + x2 - 4 */
#define WAYSEA1NEX0 PRICE4NEX0
static PetscErrorCode WAYSEA1NECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = PetscPowRealInt(x[0], 6) + PetscPowRealInt(x[1], 4) - 17;
  c[1] = 2 * x[0] + x[1] - 4;
  if (J) {
    J[0] = 6 * PetscPowRealInt(x[0], 5);
    J[1] = 4 * PetscPowRealInt(x[1], 3);
    J[2] = 2;
    J[3] = 1;
  }
  return 0;
}
static PetscErrorCode WAYSEA1NEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 30 * PetscPowRealInt(x[0], 4) * l[0];
  H[3] = 12 * x[1] * x[1] * l[0];
  return 0;
}
TESSERA_NLP_DENSE(WAYSEA1NE, 2, 2, 0.0, PETSC_TRUE, NULL)

/* WAYSEA2NE: 1.613 - 4(x1 - 0.3125)^2 - 4(x2 - 1.625)^2, x2 - 1 */
#define WAYSEA2NEX0 PRICE4NEX0
static PetscErrorCode WAYSEA2NECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = 1.613 - 4 * (x[0] - 0.3125) * (x[0] - 0.3125) - 4 * (x[1] - 1.625) * (x[1] - 1.625);
  c[1] = x[1] - 1;
  if (J) {
    J[0] = -8 * (x[0] - 0.3125);
    J[1] = -8 * (x[1] - 1.625);
    J[3] = 1;
  }
  return 0;
}
static PetscErrorCode WAYSEA2NEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = H[3] = -8 * l[0];
  return 0;
}
TESSERA_NLP_DENSE(WAYSEA2NE, 2, 2, 0.0, PETSC_TRUE, NULL)

/* MOREBVNE (n = 10): 2x_i - x_{i-1} - x_{i+1} + h^2 (x_i + t_i + 1)^3/2, x_0 = x_{n+1} = 0 */
static PetscErrorCode MOREBVNEX0(PetscInt n, PetscReal x[])
{
  PetscReal h = 1.0 / (n + 1);

  for (PetscInt i = 0; i < n; i++) x[i] = (i + 1) * h * ((i + 1) * h - 1);
  return 0;
}
static PetscErrorCode MOREBVNECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  PetscReal h = 1.0 / (n + 1);

  for (PetscInt i = 0; i < n; i++) {
    PetscReal u = x[i] + (i + 1) * h + 1;

    c[i] = 2 * x[i] - (i > 0 ? x[i - 1] : 0) - (i < n - 1 ? x[i + 1] : 0) + 0.5 * h * h * u * u * u;
    if (J) {
      J[i * n + i] = 2 + 1.5 * h * h * u * u;
      if (i > 0) J[i * n + i - 1] = -1;
      if (i < n - 1) J[i * n + i + 1] = -1;
    }
  }
  return 0;
}
static PetscErrorCode MOREBVNEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  PetscReal h = 1.0 / (n + 1);

  for (PetscInt i = 0; i < n; i++) H[i * n + i] = 3 * h * h * (x[i] + (i + 1) * h + 1) * l[i];
  return 0;
}
TESSERA_NLP_DENSE(MOREBVNE, 10, 10, 0.0, PETSC_TRUE, NULL)

/* TRIGON1NE (n = 10, SIF TRIGON1 as equations): sum_j cos x_j + i cos x_i + i sin x_i - (n + i), i = 1..n */
static PetscErrorCode TRIGON1NEX0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < n; i++) x[i] = 0.1;
  return 0;
}
static PetscErrorCode TRIGON1NECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  PetscReal s = 0;

  for (PetscInt j = 0; j < n; j++) s += PetscCosReal(x[j]);
  for (PetscInt i = 0; i < n; i++) {
    PetscReal ii = (PetscReal)(i + 1);

    c[i] = s + ii * (PetscCosReal(x[i]) + PetscSinReal(x[i])) - (n + ii);
    if (J) {
      for (PetscInt j = 0; j < n; j++) J[i * n + j] = -PetscSinReal(x[j]);
      J[i * n + i] += ii * (PetscCosReal(x[i]) - PetscSinReal(x[i]));
    }
  }
  return 0;
}
static PetscErrorCode TRIGON1NEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  PetscReal sl = 0;

  for (PetscInt i = 0; i < n; i++) sl += l[i];
  for (PetscInt j = 0; j < n; j++) H[j * n + j] = -sl * PetscCosReal(x[j]) - l[j] * (j + 1) * (PetscCosReal(x[j]) + PetscSinReal(x[j]));
  return 0;
}
TESSERA_NLP_DENSE(TRIGON1NE, 10, 10, 0.0, PETSC_TRUE, NULL)

/* INTEQNE (N = 10, n = 12): discrete integral equation with the boundary values as variables and equations
   x_0 = 0, x_{N+1} = 0; c_i = x_i + sum_j w_ij (x_j + 1 + t_j)^3, t_j = j h, h = 1/(N+1),
   w_ij = (1 - t_i) t_j h/2 for j <= i and t_i (1 - t_j) h/2 for j > i */
static PetscReal INTEQNEWeight(PetscInt N, PetscInt i, PetscInt j)
{
  PetscReal h = 1.0 / (N + 1), ti = i * h, tj = j * h;

  return j <= i ? (1 - ti) * tj * 0.5 * h : ti * (1 - tj) * 0.5 * h;
}
static PetscErrorCode INTEQNEX0(PetscInt n, PetscReal x[])
{
  PetscReal h = 1.0 / (n - 1);

  for (PetscInt i = 0; i < n; i++) x[i] = i * h * (i * h - 1);
  x[0] = x[n - 1] = 0;
  return 0;
}
static PetscErrorCode INTEQNECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  PetscInt  N = n - 2;
  PetscReal h = 1.0 / (N + 1);

  c[0]     = x[0];
  c[n - 1] = x[n - 1];
  if (J) {
    J[0]         = 1;
    J[n * n - 1] = 1;
  }
  for (PetscInt i = 1; i <= N; i++) {
    c[i] = x[i];
    if (J) J[i * n + i] += 1;
    for (PetscInt j = 1; j <= N; j++) {
      PetscReal u = x[j] + 1 + j * h, w = INTEQNEWeight(N, i, j);

      c[i] += w * u * u * u;
      if (J) J[i * n + j] += 3 * w * u * u;
    }
  }
  return 0;
}
static PetscErrorCode INTEQNEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  PetscInt  N = n - 2;
  PetscReal h = 1.0 / (N + 1);

  for (PetscInt i = 1; i <= N; i++)
    for (PetscInt j = 1; j <= N; j++) H[j * n + j] += 6 * l[i] * INTEQNEWeight(N, i, j) * (x[j] + 1 + j * h);
  return 0;
}
TESSERA_NLP_DENSE(INTEQNE, 12, 12, 0.0, PETSC_TRUE, NULL)

/* MANCINONE (N = 100, alpha = 5, beta = 14, gamma = 3): beta N x_i + sum_{j != i} v_ij (sin^5 log v_ij + cos^5 log v_ij)
   - (i - N/2)^3, v_ij = sqrt(x_j^2 + i/j); x0 from the SIF file */
#define MANC_ALPHA 5
#define MANC_BETA  14.0
/* e(x) = v S(log v), v = sqrt(x^2 + p), S = sin^a + cos^a: value, first and second derivative in x */
static void MancinoElement(PetscReal x, PetscReal p, PetscReal *e, PetscReal *de, PetscReal *d2e)
{
  PetscReal v = PetscSqrtReal(x * x + p), L = PetscLogReal(v), s = PetscSinReal(L), c = PetscCosReal(L), a = MANC_ALPHA;
  PetscReal S  = PetscPowRealInt(s, MANC_ALPHA) + PetscPowRealInt(c, MANC_ALPHA);
  PetscReal B  = S + a * (PetscPowRealInt(s, MANC_ALPHA - 1) * c - PetscPowRealInt(c, MANC_ALPHA - 1) * s);
  PetscReal dB = a * (PetscPowRealInt(s, MANC_ALPHA - 1) * c - PetscPowRealInt(c, MANC_ALPHA - 1) * s) +
                 a * ((a - 1) * PetscPowRealInt(s, MANC_ALPHA - 2) * c * c - PetscPowRealInt(s, MANC_ALPHA) + (a - 1) * PetscPowRealInt(c, MANC_ALPHA - 2) * s * s - PetscPowRealInt(c, MANC_ALPHA));

  if (e) *e = v * S;
  if (de) *de = x * B / v;
  if (d2e) *d2e = B / v + x * x * (dB / v) / (v * v) - x * x * B / (v * v * v);
}
static PetscErrorCode MANCINONEX0(PetscInt n, PetscReal x[])
{
  PetscReal N = n, A = -MANC_BETA * N / (MANC_BETA * MANC_BETA * N * N - (MANC_ALPHA + 1.0) * (MANC_ALPHA + 1.0) * (N - 1) * (N - 1));

  for (PetscInt i = 1; i <= n; i++) {
    PetscReal hsum = 0, ci = PetscPowRealInt(i - 0.5 * N, 3);

    for (PetscInt j = 1; j <= n; j++) {
      PetscReal e;

      if (j == i) continue;
      MancinoElement(0.0, (PetscReal)i / j, &e, NULL, NULL);
      hsum += e;
    }
    x[i - 1] = A * (hsum + ci);
  }
  return 0;
}
static PetscErrorCode MANCINONECon(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  for (PetscInt i = 1; i <= n; i++) {
    c[i - 1] = MANC_BETA * n * x[i - 1] - PetscPowRealInt(i - 0.5 * n, 3);
    if (J) J[(i - 1) * n + i - 1] = MANC_BETA * n;
    for (PetscInt j = 1; j <= n; j++) {
      PetscReal e, de;

      if (j == i) continue;
      MancinoElement(x[j - 1], (PetscReal)i / j, &e, &de, NULL);
      c[i - 1] += e;
      if (J) J[(i - 1) * n + j - 1] = de;
    }
  }
  return 0;
}
static PetscErrorCode MANCINONEHess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  for (PetscInt i = 1; i <= n; i++)
    for (PetscInt j = 1; j <= n; j++) {
      PetscReal d2e;

      if (j == i) continue;
      MancinoElement(x[j - 1], (PetscReal)i / j, NULL, NULL, &d2e);
      H[(j - 1) * n + j - 1] += l[i - 1] * d2e;
    }
  return 0;
}
TESSERA_NLP_DENSE(MANCINONE, 100, 100, 0.0, PETSC_TRUE, NULL)

PetscErrorCode NLPProblemRegisterNE_Private(void)
{
  PetscFunctionBegin;
  PetscCall(NLPProblemRegister("HIMMELBA", NLPProblemCreate_HIMMELBA));
  PetscCall(NLPProblemRegister("BOOTH", NLPProblemCreate_BOOTH));
  PetscCall(NLPProblemRegister("WAYSEA1NE", NLPProblemCreate_WAYSEA1NE));
  PetscCall(NLPProblemRegister("RSNBRNE", NLPProblemCreate_RSNBRNE));
  PetscCall(NLPProblemRegister("CUBENE", NLPProblemCreate_CUBENE));
  PetscCall(NLPProblemRegister("ZANGWIL3", NLPProblemCreate_ZANGWIL3));
  PetscCall(NLPProblemRegister("TRIGON1NE", NLPProblemCreate_TRIGON1NE));
  PetscCall(NLPProblemRegister("HELIXNE", NLPProblemCreate_HELIXNE));
  PetscCall(NLPProblemRegister("GOTTFR", NLPProblemCreate_GOTTFR));
  PetscCall(NLPProblemRegister("MOREBVNE", NLPProblemCreate_MOREBVNE));
  PetscCall(NLPProblemRegister("WAYSEA2NE", NLPProblemCreate_WAYSEA2NE));
  PetscCall(NLPProblemRegister("DENSCHNCNE", NLPProblemCreate_DENSCHNCNE));
  PetscCall(NLPProblemRegister("DENSCHNFNE", NLPProblemCreate_DENSCHNFNE));
  PetscCall(NLPProblemRegister("HIMMELBC", NLPProblemCreate_HIMMELBC));
  PetscCall(NLPProblemRegister("PRICE4NE", NLPProblemCreate_PRICE4NE));
  PetscCall(NLPProblemRegister("INTEQNE", NLPProblemCreate_INTEQNE));
  PetscCall(NLPProblemRegister("MANCINONE", NLPProblemCreate_MANCINONE));
  PetscFunctionReturn(0);
}
