/*
   bt.c - Boggs-Tolle problems of the AdaSketch-Newton CUTEst set (BT3, BT6 and BT11 share code with HS problems and
   live in hs.c). Exact derivatives; the Hessian is that of f + lambda^T c.

   Reference: P. T. Boggs and J. W. Tolle, A strategy for global convergence in a sequential quadratic programming
   algorithm, SIAM J. Numer. Anal. 26 (1989); CUTEst SIF files (via S2MPJ).
*/
#include <nlpimpl.h>

/* BT2: (x1-1)^2 + (x1-x2)^2 + (x2-x3)^4 s.t. x1(1 + x2^2) + x3^4 - 8.2426407 */
static PetscErrorCode BT2X0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = x[2] = 10;
  return 0;
}
static PetscErrorCode BT2Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  PetscReal d = x[1] - x[2];

  *f   = (x[0] - 1) * (x[0] - 1) + (x[0] - x[1]) * (x[0] - x[1]) + PetscPowRealInt(d, 4);
  g[0] = 2 * (x[0] - 1) + 2 * (x[0] - x[1]);
  g[1] = -2 * (x[0] - x[1]) + 4 * d * d * d;
  g[2] = -4 * d * d * d;
  return 0;
}
static PetscErrorCode BT2Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] * (1 + x[1] * x[1]) + PetscPowRealInt(x[2], 4) - 8.2426407;
  if (J) {
    J[0] = 1 + x[1] * x[1];
    J[1] = 2 * x[0] * x[1];
    J[2] = 4 * x[2] * x[2] * x[2];
  }
  return 0;
}
static PetscErrorCode BT2Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = 2;
  NLPProblemAddPair(3, H, 0, 1, 2);
  NLPProblemAddPair(3, H, 1, 2, 12 * (x[1] - x[2]) * (x[1] - x[2]));
  NLPProblemAddSym(3, H, 0, 1, 2 * x[1] * l[0]);
  H[4] += 2 * x[0] * l[0];
  H[8] += 12 * x[2] * x[2] * l[0];
  return 0;
}
TESSERA_NLP_DENSE(BT2, 3, 1, 0.0325682003, PETSC_TRUE, BT2Obj)

/* BT5: 1000 - x1^2 - 2x2^2 - x3^2 - x1x2 - x1x3 s.t. sum x^2 - 25, 8x1 + 14x2 + 7x3 - 56 */
static PetscErrorCode BT5X0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = x[2] = 2;
  return 0;
}
static PetscErrorCode BT5Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = 1000 - x[0] * x[0] - 2 * x[1] * x[1] - x[2] * x[2] - x[0] * x[1] - x[0] * x[2];
  g[0] = -2 * x[0] - x[1] - x[2];
  g[1] = -4 * x[1] - x[0];
  g[2] = -2 * x[2] - x[0];
  return 0;
}
static PetscErrorCode BT5Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] * x[0] + x[1] * x[1] + x[2] * x[2] - 25;
  c[1] = 8 * x[0] + 14 * x[1] + 7 * x[2] - 56;
  if (J) {
    for (PetscInt i = 0; i < 3; i++) J[i] = 2 * x[i];
    J[3] = 8;
    J[4] = 14;
    J[5] = 7;
  }
  return 0;
}
static PetscErrorCode BT5Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = -2 + 2 * l[0];
  H[4] = -4 + 2 * l[0];
  H[8] = -2 + 2 * l[0];
  H[1] = H[3] = -1;
  H[2] = H[6] = -1;
  return 0;
}
TESSERA_NLP_DENSE(BT5, 3, 2, 961.7151721, PETSC_TRUE, BT5Obj)

/* BT9 (= HS39): -x1 s.t. x2 - x1^3 - x3^2, x1^2 - x2 - x4^2 */
static PetscErrorCode BT9X0(PetscInt n, PetscReal x[])
{
  for (PetscInt i = 0; i < 4; i++) x[i] = 2;
  return 0;
}
static PetscErrorCode BT9Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = -x[0];
  g[0] = -1;
  return 0;
}
static PetscErrorCode BT9Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[1] - x[0] * x[0] * x[0] - x[2] * x[2];
  c[1] = x[0] * x[0] - x[1] - x[3] * x[3];
  if (J) {
    J[0] = -3 * x[0] * x[0];
    J[1] = 1;
    J[2] = -2 * x[2];
    J[4] = 2 * x[0];
    J[5] = -1;
    J[7] = -2 * x[3];
  }
  return 0;
}
static PetscErrorCode BT9Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0]  = -6 * x[0] * l[0] + 2 * l[1];
  H[10] = -2 * l[0];
  H[15] = -2 * l[1];
  return 0;
}
TESSERA_NLP_DENSE(BT9, 4, 2, -1.0, PETSC_TRUE, BT9Obj)

/* BT10: -x1 s.t. x2 - x1^3, x1^2 - x2 */
static PetscErrorCode BT10X0(PetscInt n, PetscReal x[])
{
  x[0] = x[1] = 2;
  return 0;
}
static PetscErrorCode BT10Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[1] - x[0] * x[0] * x[0];
  c[1] = x[0] * x[0] - x[1];
  if (J) {
    J[0] = -3 * x[0] * x[0];
    J[1] = 1;
    J[2] = 2 * x[0];
    J[3] = -1;
  }
  return 0;
}
static PetscErrorCode BT10Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0] = -6 * x[0] * l[0] + 2 * l[1];
  return 0;
}
TESSERA_NLP_DENSE(BT10, 2, 2, -1.0, PETSC_TRUE, BT9Obj)

/* BT12: 0.01 x1^2 + x2^2 s.t. x1 + x2 - x3^2 - 25, x1^2 + x2^2 - x4^2 - 25, x1 - x5^2 - 2 */
static PetscErrorCode BT12X0(PetscInt n, PetscReal x[])
{
  x[0] = 15.811;
  x[1] = 1.5811;
  x[2] = 0;
  x[3] = 15.083;
  x[4] = 3.7164;
  return 0;
}
static PetscErrorCode BT12Obj(PetscInt n, const PetscReal x[], PetscReal *f, PetscReal g[])
{
  *f   = 0.01 * x[0] * x[0] + x[1] * x[1];
  g[0] = 0.02 * x[0];
  g[1] = 2 * x[1];
  return 0;
}
static PetscErrorCode BT12Con(PetscInt n, const PetscReal x[], PetscReal c[], PetscReal J[])
{
  c[0] = x[0] + x[1] - x[2] * x[2] - 25;
  c[1] = x[0] * x[0] + x[1] * x[1] - x[3] * x[3] - 25;
  c[2] = x[0] - x[4] * x[4] - 2;
  if (J) {
    J[0]  = 1;
    J[1]  = 1;
    J[2]  = -2 * x[2];
    J[5]  = 2 * x[0];
    J[6]  = 2 * x[1];
    J[8]  = -2 * x[3];
    J[10] = 1;
    J[14] = -2 * x[4];
  }
  return 0;
}
static PetscErrorCode BT12Hess(PetscInt n, const PetscReal x[], const PetscReal l[], PetscReal H[])
{
  H[0]  = 0.02 + 2 * l[1];
  H[6]  = 2 + 2 * l[1];
  H[12] = -2 * l[0];
  H[18] = -2 * l[1];
  H[24] = -2 * l[2];
  return 0;
}
TESSERA_NLP_DENSE(BT12, 5, 3, 6.18811881, PETSC_TRUE, BT12Obj)

PetscErrorCode NLPProblemRegisterBT_Private(void)
{
  PetscFunctionBegin;
  PetscCall(NLPProblemRegister("BT2", NLPProblemCreate_BT2));
  PetscCall(NLPProblemRegister("BT5", NLPProblemCreate_BT5));
  PetscCall(NLPProblemRegister("BT9", NLPProblemCreate_BT9));
  PetscCall(NLPProblemRegister("BT10", NLPProblemCreate_BT10));
  PetscCall(NLPProblemRegister("BT12", NLPProblemCreate_BT12));
  PetscFunctionReturn(0);
}
