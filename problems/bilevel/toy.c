/*I "tessera.h" I*/
/*
   toy.c - the LLC toy of LV-HBA (lower level merely convex, non-singleton S(x), one coupled equality), n = -toy_n:

     F(x, y) = 1/2 |x - y2|^2 + 1/2 |y1 - 1|^2,   f(x, y) = 1/2 |y1|^2 - x^T y1 + 1^T y2,   h(x, y) = 1^T x + 1^T y = 0,

   y = (y1, y2): each process stores its part of y1 followed by its part of y2. Eliminating 1^T y2 gives y1*(x) = x + 1 with multiplier -1 and
   y2 pinned only through 1^T y2 = -2 1^T x - n. Solution x* = -0.3, y1* = 0.7, y2* = -0.4 (every entry),
   lambda* = -1, F* = n/20. C = {1^T x + 1^T y = 0}: the projection subtracts the mean of the 3n-vector.
   Start (feasible for every s): x = s, y1 = s, y2 = -2 s with s = -toy_start; -toy_spread w adds u_i to x_i, v_i to y1_i and
   -(u_i + v_i) to y2_i (still feasible), u, v uniform on [-w, w] from -toy_seed, the same on any number of processes. -toy_scale s multiplies f by s > 0
   (same S(x) and solution, multiplier -s): a lower level on another scale.

   Reference: Toy-example/LLC of SUSTech-Optimization/LV-HBA (arXiv:2401.16164, section 5).
*/
#include <bilevelproblemimpl.h>

typedef struct {
  PetscInt  n, seed;
  PetscReal start, scale, spread;
  Vec       w1, w2; /* size n work Vecs (layout of x) */
  Vec       v1, v2; /* size n Vecs without storage: views of the y1 and y2 parts of a y Vec */
} Toy;

/* y stores, on each process, its nloc entries of y1 followed by its nloc entries of y2 (a permutation of the global
   vector, which no formula depends on): the two halves are viewed as x-shaped Vecs without copies */
static PetscErrorCode ToyGetParts_Private(Vec y, Vec p1, Vec p2, PetscScalar **a)
{
  PetscInt nloc;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(p1, &nloc));
  PetscCall(VecGetArray(y, a));
  PetscCall(VecPlaceArray(p1, *a));
  PetscCall(VecPlaceArray(p2, *a + nloc));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyRestoreParts_Private(Vec y, Vec p1, Vec p2, PetscScalar **a)
{
  PetscFunctionBegin;
  PetscCall(VecResetArray(p1));
  PetscCall(VecResetArray(p2));
  PetscCall(VecRestoreArray(y, a));
  PetscFunctionReturn(0);
}

/* global sum of the local values s (the accumulators of the loops below never have their address taken, so that
   they stay in registers) */
static PetscErrorCode ToyReduce_Private(Vec x, PetscReal s, PetscReal *sum)
{
  PetscFunctionBegin;
  *sum = s;
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, sum, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)x)));
  PetscFunctionReturn(0);
}

/* The loops below take two entries at a time and add their contributions before the running sum, which halves the
   chain of dependent additions (a single accumulator costs one addition latency per entry) */

/* entry i of F and of its gradient: F_x = x - y2, F_y1 = y1 - 1, F_y2 = y2 - x; returns 2 F_i */
static inline PetscReal ToyUpperEntry_Private(PetscInt i, PetscInt n, const PetscScalar *xa, const PetscScalar *ya, PetscScalar *gxa, PetscScalar *gya)
{
  const PetscScalar d = xa[i] - ya[n + i], e = ya[i] - 1;

  gxa[i]     = d;
  gya[i]     = e;
  gya[n + i] = -d;
  return PetscRealPart(d * PetscConj(d) + e * PetscConj(e));
}

/* entry i of f/s and of its gradient: f_x = -y1, f_y1 = y1 - x, f_y2 = 1; returns f_i/s (s = -toy_scale) */
static inline PetscReal ToyLowerEntry_Private(PetscInt i, PetscInt n, const PetscScalar *xa, const PetscScalar *ya, PetscScalar *gxa, PetscScalar *gya)
{
  const PetscScalar y1 = ya[i], x = xa[i];

  gxa[i]     = -y1;
  gya[i]     = y1 - x;
  gya[n + i] = 1;
  return PetscRealPart((0.5 * y1 - x) * y1 + ya[n + i]);
}

typedef PetscReal (*ToyEntryFn)(PetscInt, PetscInt, const PetscScalar *, const PetscScalar *, PetscScalar *, PetscScalar *);

/* sum over the entries of entry(), which also fills the gradients, reduced over the processes (F and f in one pass) */
static BILEVELPROBLEM_INLINE PetscErrorCode ToyEvaluate_Private(ToyEntryFn entry, Vec x, Vec y, PetscReal *val, Vec gx, Vec gy)
{
  const PetscScalar *xa, *ya;
  PetscScalar       *gxa, *gya;
  PetscInt           n, i;
  PetscReal          s = 0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &n));
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayRead(y, &ya));
  PetscCall(VecGetArrayWrite(gx, &gxa));
  PetscCall(VecGetArrayWrite(gy, &gya));
  for (i = 0; i + 2 <= n; i += 2) s += entry(i, n, xa, ya, gxa, gya) + entry(i + 1, n, xa, ya, gxa, gya);
  for (; i < n; i++) s += entry(i, n, xa, ya, gxa, gya);
  PetscCall(VecRestoreArrayWrite(gy, &gya));
  PetscCall(VecRestoreArrayWrite(gx, &gxa));
  PetscCall(VecRestoreArrayRead(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(ToyReduce_Private(x, s, val));
  PetscFunctionReturn(0);
}

/* F and its gradient in one pass */
static PetscErrorCode ToyUpper(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(ToyEvaluate_Private(ToyUpperEntry_Private, x, y, F, gx, gy));
  *F *= 0.5;
  PetscFunctionReturn(0);
}

/* f and its gradient in one pass (scaled by s = -toy_scale, which changes neither S(x) nor x*) */
static PetscErrorCode ToyLower(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  Toy *toy = (Toy *)ctx;

  PetscFunctionBegin;
  PetscCall(ToyEvaluate_Private(ToyLowerEntry_Private, x, y, f, gx, gy));
  if (toy->scale != 1) {
    *f *= toy->scale;
    PetscCall(VecScale(gx, toy->scale));
    PetscCall(VecScale(gy, toy->scale));
  }
  PetscFunctionReturn(0);
}

/* 1^T x + 1^T y with one reduction (y holds 2 n local entries, x n) */
static PetscErrorCode ToySum_Private(Vec x, Vec y, PetscScalar *sum)
{
  const PetscScalar *xa, *ya;
  PetscScalar        s0 = 0, s1 = 0;
  PetscReal          t;
  PetscInt           n, i;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &n));
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayRead(y, &ya));
  for (i = 0; i + 2 <= n; i += 2) {
    s0 += xa[i] + xa[i + 1];
    s1 += (ya[i] + ya[i + 1]) + (ya[n + i] + ya[n + i + 1]);
  }
  for (; i < n; i++) {
    s0 += xa[i];
    s1 += ya[i] + ya[n + i];
  }
  PetscCall(VecRestoreArrayRead(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(ToyReduce_Private(x, PetscRealPart(s0 + s1), &t));
  *sum = t;
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyConstraint(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)
{
  PetscScalar s;

  PetscFunctionBegin;
  PetscCall(ToySum_Private(x, y, &s));
  PetscCall(VecSet(g, s));
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
  PetscScalar s, mean;

  PetscFunctionBegin;
  PetscCall(ToySum_Private(x, y, &s));
  mean = s / (3.0 * toy->n);
  PetscCall(VecShift(x, -mean));
  PetscCall(VecShift(y, -mean));
  PetscFunctionReturn(0);
}

/* the Hessian products, exact: f_xy v = -s v1, f_yy v = s (v1, 0); F_xy v = -v2, F_yy v = v */
static PetscErrorCode ToyLowerHessian(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)
{
  Toy               *toy = (Toy *)ctx;
  const PetscScalar *va;
  PetscScalar       *ha, *hya;
  PetscInt           n;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &n));
  PetscCall(VecGetArrayRead(v, &va));
  PetscCall(VecGetArrayWrite(hx, &ha));
  PetscCall(VecGetArrayWrite(hy, &hya));
  for (PetscInt i = 0; i < n; i++) {
    ha[i]      = -toy->scale * va[i];
    hya[i]     = toy->scale * va[i];
    hya[n + i] = 0;
  }
  PetscCall(VecRestoreArrayWrite(hy, &hya));
  PetscCall(VecRestoreArrayWrite(hx, &ha));
  PetscCall(VecRestoreArrayRead(v, &va));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyUpperHessian(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)
{
  const PetscScalar *va;
  PetscScalar       *ha;
  PetscInt           n;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &n));
  PetscCall(VecGetArrayRead(v, &va));
  PetscCall(VecGetArrayWrite(hx, &ha));
  for (PetscInt i = 0; i < n; i++) ha[i] = -va[n + i];
  PetscCall(VecRestoreArrayWrite(hx, &ha));
  PetscCall(VecRestoreArrayRead(v, &va));
  PetscCall(VecCopy(v, hy));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToySetUpSolver(BilevelProblem prob, Bilevel bl)
{
  Toy         *toy = (Toy *)prob->data;
  Vec          g;
  PetscScalar *ga;
  PetscBool    implicit;

  PetscFunctionBegin;
  PetscCall(VecSet(prob->x, toy->start));
  PetscCall(ToyGetParts_Private(prob->y, toy->v1, toy->v2, &ga));
  PetscCall(VecSet(toy->v1, toy->start));
  PetscCall(VecSet(toy->v2, -2 * toy->start));
  PetscCall(ToyRestoreParts_Private(prob->y, toy->v1, toy->v2, &ga));
  if (toy->spread > 0) { /* draws for every global index on every process: the same start on any number of processes */
    PetscRandom  rnd;
    PetscScalar *xa, *ya;
    PetscInt     rs, re, nloc;

    PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
    PetscCall(PetscRandomSetSeed(rnd, (unsigned long)toy->seed + 7070));
    PetscCall(PetscRandomSeed(rnd));
    PetscCall(VecGetOwnershipRange(prob->x, &rs, &re));
    nloc = re - rs;
    PetscCall(VecGetArray(prob->x, &xa));
    PetscCall(VecGetArray(prob->y, &ya));
    for (PetscInt i = 0; i < toy->n; i++) {
      PetscReal u, v;

      PetscCall(PetscRandomGetValueReal(rnd, &u));
      PetscCall(PetscRandomGetValueReal(rnd, &v));
      u = toy->spread * (2 * u - 1);
      v = toy->spread * (2 * v - 1);
      if (i >= rs && i < re) {
        xa[i - rs] += u;
        ya[i - rs] += v;
        ya[nloc + i - rs] -= u + v;
      }
    }
    PetscCall(VecRestoreArray(prob->y, &ya));
    PetscCall(VecRestoreArray(prob->x, &xa));
    PetscCall(PetscRandomDestroy(&rnd));
  }
  PetscCall(BilevelSetSolution(bl, prob->x, prob->y));
  PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, ToyUpper, toy));
  PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, ToyLower, toy));
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, 1, &g));
  PetscCall(BilevelSetLowerConstraints(bl, g, BILEVEL_CONSTRAINT_EQUALITY, ToyConstraint, toy));
  PetscCall(VecDestroy(&g));
  PetscCall(BilevelSetLowerConstraintsJacobianTranspose(bl, NULL, NULL, ToyJacobianTranspose, toy));
  PetscCall(BilevelSetLowerHessianProducts(bl, NULL, NULL, ToyLowerHessian, toy));
  PetscCall(BilevelSetUpperHessianProducts(bl, NULL, NULL, ToyUpperHessian, toy));
  PetscCall(PetscObjectTypeCompare((PetscObject)bl, BILEVELIMPLICIT, &implicit));
  if (implicit) { /* C = {h = 0} is the lower level's own feasible set; S(x) is not a point: the optimistic selection, unless chosen by option */
    const char *prefix;
    PetscBool   set;

    PetscCall(BilevelGetOptionsPrefix(bl, &prefix));
    PetscCall(PetscOptionsHasName(((PetscObject)bl)->options, prefix, "-bilevel_implicit_selection", &set));
    if (!set) PetscCall(BilevelImplicitSetSelection(bl, BILEVEL_IMPLICIT_SELECTION_UPPER, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT));
  } else PetscCall(BilevelSetProjection(bl, ToyProject, toy));
  PetscFunctionReturn(0);
}

static PetscErrorCode ToyError(BilevelProblem prob, Bilevel bl, PetscReal *xerr, PetscReal *yerr, PetscBool *known)
{
  Toy         *toy = (Toy *)prob->data;
  Vec          x, y;
  PetscReal    e1, e2, e3;
  PetscScalar *ya;

  PetscFunctionBegin;
  PetscCall(BilevelGetSolution(bl, &x, &y));
  PetscCall(VecCopy(x, toy->w1));
  PetscCall(VecShift(toy->w1, 0.3));
  PetscCall(VecNorm(toy->w1, NORM_2, &e1));
  *xerr = e1 / (0.3 * PetscSqrtReal((PetscReal)toy->n));
  PetscCall(ToyGetParts_Private(y, toy->v1, toy->v2, &ya));
  PetscCall(VecCopy(toy->v1, toy->w1));
  PetscCall(VecCopy(toy->v2, toy->w2));
  PetscCall(ToyRestoreParts_Private(y, toy->v1, toy->v2, &ya));
  PetscCall(VecShift(toy->w1, -0.7));
  PetscCall(VecShift(toy->w2, 0.4));
  PetscCall(VecNorm(toy->w1, NORM_2, &e2));
  PetscCall(VecNorm(toy->w2, NORM_2, &e3));
  *yerr  = PetscSqrtReal(e2 * e2 + e3 * e3) / (PetscSqrtReal(0.49 + 0.16) * PetscSqrtReal((PetscReal)toy->n));
  *known = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* y in natural order (y1, y2) from the per-process layout (local y1, local y2) */
static PetscErrorCode ToyNatural(BilevelProblem prob, Vec y, Vec *yn)
{
  Toy               *toy = (Toy *)prob->data;
  const PetscScalar *a;
  PetscInt           nloc, rs;

  PetscFunctionBegin;
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, 2 * toy->n, yn));
  PetscCall(PetscObjectSetName((PetscObject)*yn, "y"));
  PetscCall(VecGetLocalSize(prob->x, &nloc));
  PetscCall(VecGetOwnershipRange(prob->x, &rs, NULL));
  PetscCall(VecGetArrayRead(y, &a));
  for (PetscInt i = 0; i < nloc; i++) {
    PetscCall(VecSetValue(*yn, rs + i, a[i], INSERT_VALUES));
    PetscCall(VecSetValue(*yn, toy->n + rs + i, a[nloc + i], INSERT_VALUES));
  }
  PetscCall(VecRestoreArrayRead(y, &a));
  PetscCall(VecAssemblyBegin(*yn));
  PetscCall(VecAssemblyEnd(*yn));
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
  PetscCall(VecDestroy(&toy->v1));
  PetscCall(VecDestroy(&toy->v2));
  PetscCall(PetscFree(prob->data));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProblemCreate_Toy(BilevelProblem prob)
{
  Toy     *toy;
  PetscInt nloc;

  PetscFunctionBegin;
  PetscCall(PetscNew(&toy));
  toy->n      = 100;
  toy->start  = 0;
  toy->scale  = 1;
  toy->spread = 0;
  toy->seed   = 0;
  PetscOptionsBegin(prob->comm, NULL, "LLC toy bilevel problem", "");
  PetscCall(TesseraOptionsIntInRange("-toy_n", "Dimension n of x (y has 2n entries)", "toy.c", toy->n, &toy->n, NULL, 1, PETSC_MAX_INT / 3));
  PetscCall(TesseraOptionsRealInRange("-toy_start", "Starting point x = s, y1 = s, y2 = -2s", "toy.c", toy->start, &toy->start, NULL, -1e6, 1e6));
  PetscCall(TesseraOptionsRealInRange("-toy_spread", "Width w of the random perturbation of the start (feasible: u, v, -(u + v) on x, y1, y2)", "toy.c", toy->spread, &toy->spread, NULL, 0, 1e6));
  PetscCall(TesseraOptionsIntInRange("-toy_seed", "Seed of the perturbation of the start", "toy.c", toy->seed, &toy->seed, NULL, 0, PETSC_MAX_INT));
  PetscCall(TesseraOptionsRealPositive("-toy_scale", "Factor s of the lower-level objective (s f; same solution, multiplier -s)", "toy.c", toy->scale, &toy->scale, NULL, 1e6));
  PetscOptionsEnd();
  PetscCheck(toy->n >= 1, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-toy_n %" PetscInt_FMT " must be positive", toy->n);
  PetscCheck(toy->scale > 0 && toy->scale < PETSC_INFINITY, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-toy_scale %g must be positive and finite", (double)toy->scale);
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, toy->n, &prob->x));
  PetscCall(VecGetLocalSize(prob->x, &nloc));
  PetscCall(VecCreateMPI(prob->comm, 2 * nloc, 2 * toy->n, &prob->y));
  PetscCall(VecDuplicate(prob->x, &toy->w1));
  PetscCall(VecDuplicate(prob->x, &toy->w2));
  PetscCall(VecCreateMPIWithArray(prob->comm, 1, nloc, toy->n, NULL, &toy->v1));
  PetscCall(VecCreateMPIWithArray(prob->comm, 1, nloc, toy->n, NULL, &toy->v2));
  PetscCall(PetscObjectSetName((PetscObject)prob->x, "x"));
  PetscCall(PetscObjectSetName((PetscObject)prob->y, "y"));
  prob->data        = toy;
  prob->setupsolver = ToySetUpSolver;
  prob->error       = ToyError;
  prob->natural     = ToyNatural;
  prob->view        = ToyView;
  prob->destroy     = ToyDestroy;
  PetscFunctionReturn(0);
}
