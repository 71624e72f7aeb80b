/*I "tessera.h" I*/
/*
   toy.c - the LLC toy of LV-HBA (lower level merely convex, non-singleton S(x), one coupled equality), n = -toy_n:

     F(x, y) = 1/2 |x - y2|^2 + 1/2 |y1 - 1|^2,   f(x, y) = 1/2 |y1|^2 - x^T y1 + 1^T y2,   h(x, y) = 1^T x + 1^T y = 0,

   y = (y1, y2) stored interleaved (block size 2). Eliminating 1^T y2 gives y1*(x) = x + 1 with multiplier -1 and
   y2 pinned only through 1^T y2 = -2 1^T x - n. Solution x* = -0.3, y1* = 0.7, y2* = -0.4 (every entry),
   lambda* = -1, F* = n/20. C = {1^T x + 1^T y = 0}: the projection subtracts the mean of the 3n-vector.
   Start (feasible for every s): x = s, y1 = s, y2 = -2 s with s = -toy_start.

   Reference: Toy-example/LLC of SUSTech-Optimization/LV-HBA (arXiv:2401.16164, section 5).
*/
#include <bilevelproblemimpl.h>

typedef struct {
  PetscInt  n;
  PetscReal start;
  Vec       w1, w2; /* size n work Vecs (layout of x) */
} Toy;

static PetscErrorCode ToySplit_Private(Vec y, Vec y1, Vec y2)
{
  PetscFunctionBegin;
  PetscCall(VecStrideGather(y, 0, y1, INSERT_VALUES));
  PetscCall(VecStrideGather(y, 1, y2, INSERT_VALUES));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyJoin_Private(Vec y1, Vec y2, Vec y)
{
  PetscFunctionBegin;
  PetscCall(VecStrideScatter(y1, 0, y, INSERT_VALUES));
  PetscCall(VecStrideScatter(y2, 1, y, INSERT_VALUES));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyUpper(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy, void *ctx)
{
  Toy      *toy = (Toy *)ctx;
  PetscReal a, b;

  PetscFunctionBegin;
  PetscCall(ToySplit_Private(y, toy->w1, toy->w2));
  PetscCall(VecShift(toy->w1, -1));   /* y1 - 1 */
  PetscCall(VecAYPX(toy->w2, -1, x)); /* x - y2 */
  PetscCall(VecNorm(toy->w1, NORM_2, &a));
  PetscCall(VecNorm(toy->w2, NORM_2, &b));
  *F = 0.5 * (a * a + b * b);
  PetscCall(VecCopy(toy->w2, gx));
  PetscCall(VecScale(toy->w2, -1));
  PetscCall(ToyJoin_Private(toy->w1, toy->w2, gy));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyLower(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  Toy        *toy = (Toy *)ctx;
  PetscReal   a;
  PetscScalar xy, s2;

  PetscFunctionBegin;
  PetscCall(ToySplit_Private(y, toy->w1, toy->w2));
  PetscCall(VecNorm(toy->w1, NORM_2, &a));
  PetscCall(VecDot(x, toy->w1, &xy));
  PetscCall(VecSum(toy->w2, &s2));
  *f = 0.5 * a * a - PetscRealPart(xy) + PetscRealPart(s2);
  PetscCall(VecCopy(toy->w1, gx)); /* f_x = -y1 */
  PetscCall(VecScale(gx, -1));
  PetscCall(VecAXPY(toy->w1, -1, x)); /* f_y1 = y1 - x */
  PetscCall(VecSet(toy->w2, 1));      /* f_y2 = 1 */
  PetscCall(ToyJoin_Private(toy->w1, toy->w2, gy));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyConstraint(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)
{
  PetscScalar sx, sy;

  PetscFunctionBegin;
  PetscCall(VecSum(x, &sx));
  PetscCall(VecSum(y, &sy));
  PetscCall(VecSet(g, sx + sy));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyJacobianTranspose(Bilevel bl, Vec x, Vec y, Vec lambda, Vec jx, Vec jy, void *ctx)
{
  PetscScalar l;

  PetscFunctionBegin;
  PetscCall(VecSum(lambda, &l));
  PetscCall(VecSet(jx, l));
  PetscCall(VecSet(jy, l));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyProject(Bilevel bl, Vec x, Vec y, void *ctx)
{
  Toy        *toy = (Toy *)ctx;
  PetscScalar sx, sy, mean;

  PetscFunctionBegin;
  PetscCall(VecSum(x, &sx));
  PetscCall(VecSum(y, &sy));
  mean = (sx + sy) / (3.0 * toy->n);
  PetscCall(VecShift(x, -mean));
  PetscCall(VecShift(y, -mean));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToySetUpSolver(BilevelProblem prob, Bilevel bl)
{
  Toy *toy = (Toy *)prob->data;
  Vec  g;

  PetscFunctionBegin;
  PetscCall(VecSet(prob->x, toy->start));
  PetscCall(VecSet(toy->w1, toy->start));
  PetscCall(VecSet(toy->w2, -2 * toy->start));
  PetscCall(ToyJoin_Private(toy->w1, toy->w2, prob->y));
  PetscCall(BilevelSetSolution(bl, prob->x, prob->y));
  PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, ToyUpper, toy));
  PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, ToyLower, toy));
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, 1, &g));
  PetscCall(BilevelSetLowerConstraints(bl, g, BILEVEL_CONSTRAINT_EQUALITY, ToyConstraint, toy));
  PetscCall(VecDestroy(&g));
  PetscCall(BilevelSetLowerConstraintsJacobianTranspose(bl, NULL, NULL, ToyJacobianTranspose, toy));
  PetscCall(BilevelSetProjection(bl, ToyProject, toy));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyError(BilevelProblem prob, Bilevel bl, PetscReal *xerr, PetscReal *yerr, PetscBool *known)
{
  Toy      *toy = (Toy *)prob->data;
  Vec       x, y;
  PetscReal e1, e2, e3;

  PetscFunctionBegin;
  PetscCall(BilevelGetSolution(bl, &x, &y));
  PetscCall(VecCopy(x, toy->w1));
  PetscCall(VecShift(toy->w1, 0.3));
  PetscCall(VecNorm(toy->w1, NORM_2, &e1));
  *xerr = e1 / (0.3 * PetscSqrtReal((PetscReal)toy->n));
  PetscCall(ToySplit_Private(y, toy->w1, toy->w2));
  PetscCall(VecShift(toy->w1, -0.7));
  PetscCall(VecShift(toy->w2, 0.4));
  PetscCall(VecNorm(toy->w1, NORM_2, &e2));
  PetscCall(VecNorm(toy->w2, NORM_2, &e3));
  *yerr  = PetscSqrtReal(e2 * e2 + e3 * e3) / (PetscSqrtReal(0.49 + 0.16) * PetscSqrtReal((PetscReal)toy->n));
  *known = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyView(BilevelProblem prob, PetscViewer viewer)
{
  Toy *toy = (Toy *)prob->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "LLC toy: n = %" PetscInt_FMT ", closed form x* = -0.3, y1* = 0.7, y2* = -0.4, lambda* = -1, F* = %g\n", toy->n, (double)(toy->n / 20.0)));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyDestroy(BilevelProblem prob)
{
  Toy *toy = (Toy *)prob->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&toy->w1));
  PetscCall(VecDestroy(&toy->w2));
  PetscCall(PetscFree(prob->data));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProblemCreate_Toy(BilevelProblem prob)
{
  Toy     *toy;
  PetscInt nloc;

  PetscFunctionBegin;
  PetscCall(PetscNew(&toy));
  toy->n     = 100;
  toy->start = 0;
  PetscOptionsBegin(prob->comm, NULL, "LLC toy bilevel problem", "");
  PetscCall(PetscOptionsInt("-toy_n", "Dimension n of x (y has 2n entries)", "toy.c", toy->n, &toy->n, NULL));
  PetscCall(PetscOptionsReal("-toy_start", "Starting point x = s, y1 = s, y2 = -2s", "toy.c", toy->start, &toy->start, NULL));
  PetscOptionsEnd();
  PetscCheck(toy->n >= 1, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-toy_n %" PetscInt_FMT " must be positive", toy->n);
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, toy->n, &prob->x));
  PetscCall(VecGetLocalSize(prob->x, &nloc));
  PetscCall(VecCreate(prob->comm, &prob->y));
  PetscCall(VecSetSizes(prob->y, 2 * nloc, 2 * toy->n));
  PetscCall(VecSetBlockSize(prob->y, 2));
  PetscCall(VecSetFromOptions(prob->y));
  PetscCall(VecDuplicate(prob->x, &toy->w1));
  PetscCall(VecDuplicate(prob->x, &toy->w2));
  PetscCall(PetscObjectSetName((PetscObject)prob->x, "x"));
  PetscCall(PetscObjectSetName((PetscObject)prob->y, "y"));
  prob->data        = toy;
  prob->setupsolver = ToySetUpSolver;
  prob->error       = ToyError;
  prob->view        = ToyView;
  prob->destroy     = ToyDestroy;
  PetscFunctionReturn(0);
}
