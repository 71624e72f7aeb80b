/*I "tessera.h" I*/
/*
   inequality.c - bilevel problem with coupled lower-level inequalities active at the solution, x, y in R^n
   (-inequality_n):

     F(x, y) = 1/2 |x - 1|^2 + 1/2 |y - 3/2|^2,   f(x, y) = s/2 |y - 2|^2,   g(x, y) = y - x <= 0   (n inequalities),

   C = {y <= x} (projection: the pair (x_i, y_i) is replaced by its mean where y_i > x_i), s = -inequality_scale.
   For x_i < 2 the lower level gives y_i*(x) = x_i with multiplier s (2 - x_i); then Phi(x) = 1/2 |x - 1|^2 +
   1/2 |x - 3/2|^2 gives the closed form x* = y* = 5/4, lambda* = 3 s/4 (every entry), F* = n/16.
   Start: x_i = x0 + u_i, y_i = y0 + v_i with x0 = -inequality_x0, y0 = -inequality_y0 and u, v uniform on
   [-w, w] (w = -inequality_spread, seeded by -inequality_seed, the same on any number of processes), projected onto
   C, so that an infeasible start is accepted.
*/
#include <bilevelproblemimpl.h>

typedef struct {
  PetscInt  n, seed;
  PetscReal scale, x0, y0, spread;
  Vec       w; /* work, layout of x */
} Inequality;

static PetscErrorCode IneqUpper(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy, void *ctx)
{
  PetscReal a, b;

  PetscFunctionBegin;
  PetscCall(VecCopy(x, gx));
  PetscCall(VecShift(gx, -1));
  PetscCall(VecCopy(y, gy));
  PetscCall(VecShift(gy, -1.5));
  PetscCall(VecNorm(gx, NORM_2, &a));
  PetscCall(VecNorm(gy, NORM_2, &b));
  *F = 0.5 * (a * a + b * b);
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqLower(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  Inequality *q = (Inequality *)ctx;
  PetscReal   a;

  PetscFunctionBegin;
  PetscCall(VecSet(gx, 0));
  PetscCall(VecCopy(y, gy));
  PetscCall(VecShift(gy, -2));
  PetscCall(VecNorm(gy, NORM_2, &a));
  *f = 0.5 * q->scale * a * a;
  PetscCall(VecScale(gy, q->scale));
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqHessian(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)
{
  Inequality *q = (Inequality *)ctx;

  PetscFunctionBegin;
  PetscCall(VecSet(hx, 0));
  PetscCall(VecAXPBY(hy, q->scale, 0, v));
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqConstraints(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(VecWAXPY(g, -1, x, y));
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqJacobianTranspose(Bilevel bl, Vec x, Vec y, Vec l, Vec jx, Vec jy, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(VecCopy(l, jy));
  PetscCall(VecAXPBY(jx, -1, 0, l));
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqProject(Bilevel bl, Vec x, Vec y, void *ctx)
{
  PetscScalar *a, *b;
  PetscInt     n;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &n));
  PetscCall(VecGetArray(x, &a));
  PetscCall(VecGetArray(y, &b));
  for (PetscInt i = 0; i < n; i++) {
    if (PetscRealPart(b[i]) > PetscRealPart(a[i])) {
      const PetscScalar m = 0.5 * (a[i] + b[i]);

      a[i] = m;
      b[i] = m;
    }
  }
  PetscCall(VecRestoreArray(x, &a));
  PetscCall(VecRestoreArray(y, &b));
  PetscFunctionReturn(0);
}

/* v_i = base + uniform[-w, w] drawn for every global index on every process (layout-independent) */
static PetscErrorCode IneqFillStart_Private(Inequality *q, PetscRandom rnd, Vec v, PetscReal base)
{
  PetscScalar *a;
  PetscInt     rs, re;

  PetscFunctionBegin;
  PetscCall(VecGetOwnershipRange(v, &rs, &re));
  PetscCall(VecGetArrayWrite(v, &a));
  for (PetscInt i = 0; i < q->n; i++) {
    PetscReal u = 0;

    if (q->spread > 0) PetscCall(PetscRandomGetValueReal(rnd, &u));
    if (i >= rs && i < re) a[i - rs] = base + q->spread * (2 * u - 1);
  }
  PetscCall(VecRestoreArrayWrite(v, &a));
  PetscFunctionReturn(0);
}

/* F_yy v = v, F_xy v = 0 (F is separable in x and y) */
static PetscErrorCode IneqUpperHessian(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(VecSet(hx, 0));
  PetscCall(VecCopy(v, hy));
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqSetUpSolver(BilevelProblem prob, Bilevel bl)
{
  Inequality *q = (Inequality *)prob->data;
  PetscRandom rnd;
  Vec         g;

  PetscFunctionBegin;
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)q->seed + 6060)); /* unsigned: seed may be PETSC_MAX_INT */
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(IneqFillStart_Private(q, rnd, prob->x, q->x0));
  PetscCall(IneqFillStart_Private(q, rnd, prob->y, q->y0));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(IneqProject(bl, prob->x, prob->y, q));
  PetscCall(BilevelSetSolution(bl, prob->x, prob->y));
  PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, IneqUpper, q));
  PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, IneqLower, q));
  PetscCall(BilevelSetLowerHessianProducts(bl, NULL, NULL, IneqHessian, q));
  PetscCall(BilevelSetUpperHessianProducts(bl, NULL, NULL, IneqUpperHessian, q));
  PetscCall(VecDuplicate(prob->x, &g));
  PetscCall(BilevelSetLowerConstraints(bl, g, BILEVEL_CONSTRAINT_INEQUALITY, IneqConstraints, q));
  PetscCall(VecDestroy(&g));
  PetscCall(BilevelSetLowerConstraintsJacobianTranspose(bl, NULL, NULL, IneqJacobianTranspose, q));
  { /* C = {y <= x} is the lower level's own feasible set: implicit keeps y feasible by solving the lower level */
    PetscBool implicit;

    PetscCall(PetscObjectTypeCompare((PetscObject)bl, BILEVELIMPLICIT, &implicit));
    if (!implicit) PetscCall(BilevelSetProjection(bl, IneqProject, q));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqRelErr_Private(Inequality *q, Vec v, PetscReal target, PetscReal *err)
{
  PetscReal e;

  PetscFunctionBegin;
  PetscCall(VecCopy(v, q->w));
  PetscCall(VecShift(q->w, -target));
  PetscCall(VecNorm(q->w, NORM_2, &e));
  *err = e / (PetscAbsReal(target) * PetscSqrtReal((PetscReal)q->n));
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqError(BilevelProblem prob, Bilevel bl, PetscReal *xerr, PetscReal *yerr, PetscBool *known)
{
  Inequality *q = (Inequality *)prob->data;
  Vec         x, y;

  PetscFunctionBegin;
  PetscCall(BilevelGetSolution(bl, &x, &y));
  PetscCall(IneqRelErr_Private(q, x, 1.25, xerr));
  PetscCall(IneqRelErr_Private(q, y, 1.25, yerr));
  *known = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqView(BilevelProblem prob, PetscViewer viewer)
{
  Inequality *q = (Inequality *)prob->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "coupled inequalities y <= x: n = %" PetscInt_FMT ", lower-level scale %g, closed form x* = y* = 5/4, lambda* = %g, F* = %g\n", q->n, (double)q->scale, (double)(0.75 * q->scale), (double)(q->n / 16.0)));
  PetscFunctionReturn(0);
}

static PetscErrorCode IneqDestroy(BilevelProblem prob)
{
  Inequality *q = (Inequality *)prob->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&q->w));
  PetscCall(PetscFree(prob->data));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProblemCreate_Inequality(BilevelProblem prob)
{
  Inequality *q;

  PetscFunctionBegin;
  PetscCall(PetscNew(&q));
  q->n      = 8;
  q->scale  = 1;
  q->x0     = 0;
  q->y0     = -1;
  q->spread = 0;
  q->seed   = 0;
  PetscOptionsBegin(prob->comm, NULL, "Coupled-inequality bilevel problem", "");
  PetscCall(TesseraOptionsIntInRange("-inequality_n", "Dimension of x and of y", "inequality.c", q->n, &q->n, NULL, 1, PETSC_MAX_INT / 2));
  PetscCall(TesseraOptionsRealPositive("-inequality_scale", "Factor s of the lower-level objective", "inequality.c", q->scale, &q->scale, NULL, 1e6));
  PetscCall(TesseraOptionsRealInRange("-inequality_x0", "Start of x (every entry, before the spread)", "inequality.c", q->x0, &q->x0, NULL, -1e6, 1e6));
  PetscCall(TesseraOptionsRealInRange("-inequality_y0", "Start of y (every entry, before the spread)", "inequality.c", q->y0, &q->y0, NULL, -1e6, 1e6));
  PetscCall(TesseraOptionsRealInRange("-inequality_spread", "Half-width of the uniform perturbation of the start", "inequality.c", q->spread, &q->spread, NULL, 0, 1e6));
  PetscCall(TesseraOptionsIntInRange("-inequality_seed", "Seed of the perturbation", "inequality.c", q->seed, &q->seed, NULL, 0, PETSC_MAX_INT));
  PetscOptionsEnd();
  PetscCheck(q->n >= 1, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-inequality_n %" PetscInt_FMT " must be positive", q->n);
  PetscCheck(q->scale > 0 && q->scale < PETSC_INFINITY, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-inequality_scale %g must be positive and finite", (double)q->scale);
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, q->n, &prob->x));
  PetscCall(VecDuplicate(prob->x, &prob->y));
  PetscCall(VecDuplicate(prob->x, &q->w));
  PetscCall(PetscObjectSetName((PetscObject)prob->x, "x"));
  PetscCall(PetscObjectSetName((PetscObject)prob->y, "y"));
  prob->data        = q;
  prob->setupsolver = IneqSetUpSolver;
  prob->error       = IneqError;
  prob->view        = IneqView;
  prob->destroy     = IneqDestroy;
  PetscFunctionReturn(0);
}
