static char help[] = "The built-in projection onto C (affine lower-level constraints, dual bound-constrained Tao) against closed forms, and LV-HBA solving through it.\n\
  -case <good> : good, starts (LV-HBA from far, infeasible and random starts: slow), maxit (a projection that cannot converge), empty (C is empty),\n\
                 implicit-empty (implicit, infeasible lower level), infeasible-start (LV-HBA from an unprojected infeasible start)\n";
/*
   BilevelSetProjectionBuiltin(): a problem that gives only g and its transposed Jacobian is projected onto
   C = {g <= 0 (or = 0), xl <= x <= xu} by the dual Tao problem. Checked against closed forms on random points
   (entries uniform on [-3, 3]):
     - `inequality` (n = 6, C = {y <= x}): pairs with y_i > x_i go to their mean;
     - the same with the upper bound x <= 1.1: per pair the nearest of (x_i, y_i) if feasible, the projection onto
       the edge y = x (mean clipped to 1.1) and onto the edge x = 1.1 (y clipped to 1.1);
     - `toy` (n = 5, one equality 1^T x + 1^T y = 0): subtract the mean of the 3n entries;
   all to 1e-10 (max norm), with constraint violation <= 1e-12. A nonlinear g (y_i^2 - x_i) is recognised: no
   built-in projection (its Tao is NULL), an affine one of the same test problem installs it.
   Solve: `inequality` (n = 4) by LV-HBA with default options through the built-in projection: CONVERGED_TOL with
   x, y within 1e-3 of the closed form x* = y* = 5/4 (as with the problem's own projection, run side by side), from
   the default and a feasible start and with the lower level scaled by 100 and 0.01; -case starts (label long): from
   an infeasible start projected by BilevelProject(), a far start and a random start. -case infeasible-start: the
   infeasible start not projected is refused with a clear error.
   Errors: -case maxit (one dual iteration allowed), -case empty (g_1 = x_0 + y_0 - 1 <= 0, g_2 = 2 - x_0 - y_0 <= 0).
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode Quad(Bilevel bl, Vec x, Vec y, PetscReal *val, Vec gx, Vec gy, void *ctx)
{
  PetscReal a, b;

  PetscFunctionBegin;
  PetscCall(VecCopy(x, gx));
  PetscCall(VecCopy(y, gy));
  PetscCall(VecNorm(x, NORM_2, &a));
  PetscCall(VecNorm(y, NORM_2, &b));
  *val = 0.5 * (a * a + b * b);
  PetscFunctionReturn(0);
}

/* ctx NULL: g_i = y_i^2 - x_i (nonlinear); otherwise g_i = y_i - x_i; "empty": two contradicting rows on x_0 + y_0 */
static PetscErrorCode Cons(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)
{
  const char *kind = (const char *)ctx;

  PetscFunctionBegin;
  if (!strcmp(kind, "empty")) {
    PetscScalar s, *ga;
    PetscInt    rs;

    {
      const PetscScalar *xa, *ya;
      PetscScalar        loc = 0;
      PetscInt           xs;

      PetscCall(VecGetOwnershipRange(x, &xs, NULL));
      PetscCall(VecGetArrayRead(x, &xa));
      PetscCall(VecGetArrayRead(y, &ya));
      if (xs == 0) loc = xa[0] + ya[0];
      PetscCall(VecRestoreArrayRead(y, &ya));
      PetscCall(VecRestoreArrayRead(x, &xa));
      PetscCallMPI(MPI_Allreduce(&loc, &s, 1, MPIU_SCALAR, MPIU_SUM, PetscObjectComm((PetscObject)x)));
    }
    PetscCall(VecGetOwnershipRange(g, &rs, NULL));
    PetscCall(VecGetArrayWrite(g, &ga));
    if (rs == 0) {
      ga[0] = s - 1;
      ga[1] = 2 - s;
    }
    PetscCall(VecRestoreArrayWrite(g, &ga));
  } else if (!strcmp(kind, "square")) {
    PetscCall(VecPointwiseMult(g, y, y));
    PetscCall(VecAXPY(g, -1, x));
  } else PetscCall(VecWAXPY(g, -1, x, y));
  PetscFunctionReturn(0);
}

static PetscErrorCode ConsJT(Bilevel bl, Vec x, Vec y, Vec l, Vec jx, Vec jy, void *ctx)
{
  const char *kind = (const char *)ctx;

  PetscFunctionBegin;
  if (!strcmp(kind, "empty")) {
    const PetscScalar *la;
    PetscScalar        d = 0, *a;
    PetscInt           rs;

    PetscCall(VecGetOwnershipRange(l, &rs, NULL));
    PetscCall(VecGetArrayRead(l, &la));
    if (rs == 0) d = la[0] - la[1];
    PetscCall(VecRestoreArrayRead(l, &la));
    PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, &d, 1, MPIU_SCALAR, MPIU_SUM, PetscObjectComm((PetscObject)l)));
    PetscCall(VecSet(jx, 0));
    PetscCall(VecSet(jy, 0));
    PetscCall(VecGetOwnershipRange(jx, &rs, NULL));
    PetscCall(VecGetArray(jx, &a));
    if (rs == 0) a[0] = d;
    PetscCall(VecRestoreArray(jx, &a));
    PetscCall(VecGetArray(jy, &a));
    if (rs == 0) a[0] = d;
    PetscCall(VecRestoreArray(jy, &a));
  } else if (!strcmp(kind, "square")) {
    PetscCall(VecPointwiseMult(jy, y, l));
    PetscCall(VecScale(jy, 2));
    PetscCall(VecAXPBY(jx, -1, 0, l));
  } else {
    PetscCall(VecCopy(l, jy));
    PetscCall(VecAXPBY(jx, -1, 0, l));
  }
  PetscFunctionReturn(0);
}

/* a solver on a small custom problem with constraints of the given kind, set up */
static PetscErrorCode CustomSolver(const char kind[], BilevelType type, Bilevel *bl, Vec *x, Vec *y)
{
  Vec g;

  PetscFunctionBegin;
  PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, 4, x));
  PetscCall(VecDuplicate(*x, y));
  PetscCall(VecSet(*x, 0));
  PetscCall(VecSet(*y, 0));
  PetscCall(BilevelCreate(PETSC_COMM_WORLD, bl));
  PetscCall(BilevelSetType(*bl, type));
  PetscCall(BilevelSetFromOptions(*bl));
  PetscCall(BilevelSetSolution(*bl, *x, *y));
  PetscCall(BilevelSetUpperObjective(*bl, NULL, NULL, Quad, NULL));
  PetscCall(BilevelSetLowerObjective(*bl, NULL, NULL, Quad, NULL));
  PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, strcmp(kind, "empty") ? 4 : 2, &g));
  PetscCall(BilevelSetLowerConstraints(*bl, g, BILEVEL_CONSTRAINT_INEQUALITY, Cons, (void *)kind));
  PetscCall(BilevelSetLowerConstraintsJacobianTranspose(*bl, NULL, NULL, ConsJT, (void *)kind));
  PetscCall(VecDestroy(&g));
  PetscCall(BilevelSetUp(*bl));
  PetscFunctionReturn(0);
}

/* closed-form projection of (x, y) onto {y <= x, x <= u} (u = PETSC_INFINITY: no bound), in place */
static PetscErrorCode ProjectPairs(Vec x, Vec y, PetscReal u)
{
  PetscScalar *a, *b;
  PetscInt     n;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &n));
  PetscCall(VecGetArray(x, &a));
  PetscCall(VecGetArray(y, &b));
  for (PetscInt i = 0; i < n; i++) {
    const PetscReal p = PetscRealPart(a[i]), q = PetscRealPart(b[i]);
    PetscReal       best = PETSC_MAX_REAL, bp = p, bq = q, c[3][2];
    PetscInt        nc = 0;

    if (q <= p && p <= u) continue;
    c[nc][0]   = PetscMin(0.5 * (p + q), u); /* edge y = x */
    c[nc++][1] = c[0][0];
    if (u < PETSC_INFINITY) { /* edge x = u */
      c[nc][0]   = u;
      c[nc++][1] = PetscMin(q, u);
    }
    for (PetscInt k = 0; k < nc; k++) {
      const PetscReal d = (c[k][0] - p) * (c[k][0] - p) + (c[k][1] - q) * (c[k][1] - q);

      if (d < best) {
        best = d;
        bp   = c[k][0];
        bq   = c[k][1];
      }
    }
    a[i] = bp;
    b[i] = bq;
  }
  PetscCall(VecRestoreArray(x, &a));
  PetscCall(VecRestoreArray(y, &b));
  PetscFunctionReturn(0);
}

static PetscErrorCode MaxDiff(Vec a, Vec b, PetscReal *d)
{
  Vec w;

  PetscFunctionBegin;
  PetscCall(VecDuplicate(a, &w));
  PetscCall(VecWAXPY(w, -1, a, b));
  PetscCall(VecNorm(w, NORM_INFINITY, d));
  PetscCall(VecDestroy(&w));
  PetscFunctionReturn(0);
}

/* projects random points of a registered problem with the built-in projection and with the closed form */
static PetscErrorCode CompareProjection(const char problem[], PetscReal ubound, PetscReal *dmax, PetscReal *viol, PetscInt *its)
{
  BilevelProblem prob;
  Bilevel        bl;
  Vec            x, y, xs, ys, xc, yc, xu = NULL;
  PetscRandom    rnd;
  PetscReal      d1, d2, v;
  Tao            tao;
  PetscBool      toy;

  PetscFunctionBegin;
  PetscCall(PetscStrcmp(problem, "toy", &toy));
  PetscCall(BilevelProblemCreate(PETSC_COMM_WORLD, problem, &prob));
  PetscCall(BilevelCreate(PETSC_COMM_WORLD, &bl));
  PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelSetProjection(bl, NULL, NULL)); /* only g and its Jacobian transpose are left */
  PetscCall(BilevelGetSolution(bl, &x, &y));
  if (ubound < PETSC_INFINITY) {
    PetscCall(VecDuplicate(x, &xu));
    PetscCall(VecSet(xu, ubound));
    PetscCall(BilevelSetUpperBounds(bl, NULL, xu));
    PetscCall(VecDestroy(&xu));
  }
  PetscCall(BilevelSetUp(bl));
  PetscCall(BilevelGetProjectionTao(bl, &tao));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(tao != NULL), "%s: the built-in projection is installed for affine constraints", problem));
  PetscCall(VecDuplicate(x, &xs));
  PetscCall(VecDuplicate(y, &ys));
  PetscCall(VecDuplicate(x, &xc));
  PetscCall(VecDuplicate(y, &yc));
  PetscCall(PetscRandomCreate(PETSC_COMM_WORLD, &rnd));
  PetscCall(PetscRandomSetInterval(rnd, -3, 3));
  PetscCall(PetscRandomSetSeed(rnd, 614));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(VecSetRandom(xs, rnd));
  PetscCall(VecSetRandom(ys, rnd));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecCopy(xs, xc));
  PetscCall(VecCopy(ys, yc));
  if (toy) {
    PetscScalar sx, sy;
    PetscInt    nx, ny;

    PetscCall(VecSum(xc, &sx));
    PetscCall(VecSum(yc, &sy));
    PetscCall(VecGetSize(xc, &nx));
    PetscCall(VecGetSize(yc, &ny));
    PetscCall(VecShift(xc, -(sx + sy) / (nx + ny)));
    PetscCall(VecShift(yc, -(sx + sy) / (nx + ny)));
  } else PetscCall(ProjectPairs(xc, yc, ubound));
  PetscCall(BilevelProject(bl, xs, ys));
  PetscCall(MaxDiff(xs, xc, &d1));
  PetscCall(MaxDiff(ys, yc, &d2));
  *dmax = PetscMax(d1, d2);
  /* constraint violation of the built-in projection: max(y - x)_+ or |1^T x + 1^T y| */
  if (toy) {
    PetscScalar sx, sy;

    PetscCall(VecSum(xs, &sx));
    PetscCall(VecSum(ys, &sy));
    v = PetscAbsScalar(sx + sy);
  } else {
    PetscCall(VecWAXPY(xc, -1, xs, ys));
    PetscCall(VecMax(xc, NULL, &v));
    v = PetscMax(v, 0);
    if (ubound < PETSC_INFINITY) {
      PetscReal m;

      PetscCall(VecMax(xs, NULL, &m));
      v = PetscMax(v, m - ubound);
    }
  }
  *viol = v;
  PetscCall(TaoGetIterationNumber(tao, its));
  PetscCall(VecDestroy(&xs));
  PetscCall(VecDestroy(&ys));
  PetscCall(VecDestroy(&xc));
  PetscCall(VecDestroy(&yc));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscFunctionReturn(0);
}

/* LV-HBA with default options on `inequality` (n = 4) with the options opts (name value pairs, NULL-ended), with the
   problem's projection or the built-in one; start: the problem's, or (infeasible) y = x + 3 handed to the solver
   as it is (project = PETSC_FALSE: LV-HBA must refuse it) or projected by BilevelProject() (the built-in projection) */
static PetscErrorCode SolveInequality(PetscBool builtin, const char *opts[], PetscBool infeasible, PetscBool project, BilevelConvergedReason *reason, PetscInt *its, PetscReal *xe, PetscReal *ye)
{
  BilevelProblem prob;
  Bilevel        bl;
  PetscBool      known;
  Tao            tao;

  PetscFunctionBegin;
  for (PetscInt i = 0; opts && opts[i]; i += 2) PetscCall(PetscOptionsSetValue(NULL, opts[i], opts[i + 1]));
  PetscCall(BilevelProblemCreate(PETSC_COMM_WORLD, "inequality", &prob));
  PetscCall(BilevelCreate(PETSC_COMM_WORLD, &bl));
  PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  if (builtin) PetscCall(BilevelSetProjection(bl, NULL, NULL));
  if (infeasible) {
    Vec x, y;

    PetscCall(BilevelSetUp(bl));
    PetscCall(BilevelGetSolution(bl, &x, &y));
    PetscCall(VecCopy(x, y));
    PetscCall(VecShift(y, 3));
    if (project) PetscCall(BilevelProject(bl, x, y));
  }
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelGetProjectionTao(bl, &tao));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)((tao != NULL) == builtin), "the solve %s the built-in projection", builtin ? "uses" : "does not use"));
  PetscCall(BilevelGetConvergedReason(bl, reason));
  PetscCall(BilevelGetIterationNumber(bl, its));
  PetscCall(BilevelProblemComputeError(prob, bl, xe, ye, &known));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  for (PetscInt i = 0; opts && opts[i]; i += 2) PetscCall(PetscOptionsClearValue(NULL, opts[i]));
  PetscFunctionReturn(0);
}

/* LV-HBA on `inequality` (n = 4) with default options from several starts and with scaled lower levels, with the
   problem's projection [0] and the built-in one [1]; slow: the infeasible, far and random starts (about 30 000
   iterations each), else the default and feasible starts and the scales x 100 and x 0.01 (213 iterations each) */
static PetscErrorCode SolveStarts(PetscBool slow)
{
  const char     *feas[]   = {"-inequality_x0", "0", "-inequality_y0", "-1", NULL};
  const char     *far[]    = {"-inequality_x0", "-50", "-inequality_y0", "40", NULL};
  const char     *rnd[]    = {"-inequality_x0", "1", "-inequality_y0", "0", "-inequality_spread", "3", "-inequality_seed", "3", NULL};
  const char     *s100[]   = {"-inequality_scale", "100", NULL};
  const char     *s001[]   = {"-inequality_scale", "0.01", NULL};
  const char    **opts[7]  = {NULL, feas, NULL, far, rnd, s100, s001};
  const char     *names[7] = {"default start", "feasible start (x = 0, y = -1)", "infeasible start y = x + 3 projected by BilevelProject()", "far start (x = -50, y = 40)", "random start (spread 3, seed 3)", "lower level x 100", "lower level x 0.01"};
  const PetscBool isslow[7] = {PETSC_FALSE, PETSC_FALSE, PETSC_TRUE, PETSC_TRUE, PETSC_TRUE, PETSC_FALSE, PETSC_FALSE};
  BilevelConvergedReason reason[2];
  PetscInt               sits[2];
  PetscReal              xe[2], ye[2];

  PetscFunctionBegin;
  for (PetscInt k = 0; k < 7; k++) {
    if (isslow[k] != slow) continue;
    for (PetscInt b = 0; b < 2; b++) PetscCall(SolveInequality((PetscBool)b, opts[k], (PetscBool)(k == 2), PETSC_TRUE, &reason[b], &sits[b], &xe[b], &ye[b]));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(reason[1] == BILEVEL_CONVERGED_TOL && xe[1] <= 1e-3 && ye[1] <= 1e-3),
                               "LV-HBA on inequality through the built-in projection, %s: %s after %" PetscInt_FMT " iterations, x error %.2g, y error %.2g (<= 1e-3); with the problem's projection: %s after %" PetscInt_FMT ", %.2g, %.2g", names[k],
                               BilevelConvergedReasons[reason[1]], sits[1], (double)xe[1], (double)ye[1], BilevelConvergedReasons[reason[0]], sits[0], (double)xe[0], (double)ye[0]));
  }
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char                   cs[32] = "good";
  PetscBool              is;
  PetscReal              d, v, xe[2], ye[2];
  PetscInt               its, sits[2];
  BilevelConvergedReason reason[2];
  Bilevel                bl;
  Vec                    x, y;
  Tao                    tao;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetString(NULL, NULL, "-case", cs, sizeof(cs), NULL));
  PetscCall(PetscStrcmp(cs, "good", &is));
  if (is) {
    PetscCall(PetscOptionsSetValue(NULL, "-inequality_n", "6"));
    PetscCall(PetscOptionsSetValue(NULL, "-toy_n", "5"));
    PetscCall(CompareProjection("inequality", PETSC_INFINITY, &d, &v, &its));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(d <= 1e-10 && v <= 1e-12), "inequality, C = {y <= x}: max deviation from the closed form %.2g (<= 1e-10), violation %.2g (<= 1e-12), %" PetscInt_FMT " dual iterations", (double)d,
                               (double)v, its));
    PetscCall(CompareProjection("inequality", 1.1, &d, &v, &its));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(d <= 1e-10 && v <= 1e-12), "inequality, C = {y <= x, x <= 1.1}: max deviation from the closed form %.2g (<= 1e-10), violation %.2g (<= 1e-12), %" PetscInt_FMT " dual iterations", (double)d,
                               (double)v, its));
    PetscCall(CompareProjection("toy", PETSC_INFINITY, &d, &v, &its));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(d <= 1e-10 && v <= 1e-12), "toy, C = {1^T x + 1^T y = 0}: max deviation from the closed form %.2g (<= 1e-10), violation %.2g (<= 1e-12), %" PetscInt_FMT " dual iterations", (double)d,
                               (double)v, its));
    PetscCall(PetscOptionsSetValue(NULL, "-inequality_n", "4"));
    PetscCall(SolveStarts(PETSC_FALSE));
    PetscCall(PetscOptionsClearValue(NULL, "-inequality_n"));
    PetscCall(PetscOptionsClearValue(NULL, "-toy_n"));
    /* nonlinear g: no built-in projection; the affine g of the same custom problem: installed */
    PetscCall(CustomSolver("square", BILEVELLVHBA, &bl, &x, &y));
    PetscCall(BilevelGetProjectionTao(bl, &tao));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(tao == NULL), "g_i = y_i^2 - x_i is recognised as not affine (no built-in projection)"));
    PetscCall(BilevelDestroy(&bl));
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&y));
    PetscCall(CustomSolver("linear", BILEVELLVHBA, &bl, &x, &y));
    PetscCall(BilevelGetProjectionTao(bl, &tao));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(tao != NULL), "g_i = y_i - x_i is recognised as affine (built-in projection)"));
    PetscCall(BilevelDestroy(&bl));
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&y));
  } else if (!strcmp(cs, "starts")) {
    PetscCall(PetscOptionsSetValue(NULL, "-inequality_n", "4"));
    PetscCall(SolveStarts(PETSC_TRUE));
    PetscCall(PetscOptionsClearValue(NULL, "-inequality_n"));
  } else if (!strcmp(cs, "infeasible-start")) { /* built-in projection, infeasible start not projected: refused */
    PetscCall(PetscOptionsSetValue(NULL, "-inequality_n", "4"));
    PetscCall(SolveInequality(PETSC_TRUE, NULL, PETSC_TRUE, PETSC_FALSE, &reason[0], &sits[0], &xe[0], &ye[0]));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PETSC_FALSE, "case %s raised its error before this point (%s)", cs, BilevelConvergedReasons[reason[0]]));
  } else if (!strcmp(cs, "implicit-empty")) { /* implicit: the lower level has no feasible point */
    PetscCall(CustomSolver("empty", BILEVELIMPLICIT, &bl, &x, &y));
    PetscCall(BilevelSolve(bl));
    PetscCall(BilevelDestroy(&bl));
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&y));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PETSC_FALSE, "case %s raised its error before this point", cs));
  } else {
    /* maxit: one dual iteration cannot project a far point; empty: no point satisfies both rows */
    PetscCall(PetscStrcmp(cs, "maxit", &is));
    PetscCall(CustomSolver(is ? "linear" : "empty", BILEVELLVHBA, &bl, &x, &y));
    PetscCall(VecSet(x, -3));
    PetscCall(VecSet(y, 5));
    PetscCall(BilevelProject(bl, x, y));
    PetscCall(BilevelDestroy(&bl));
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&y));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PETSC_FALSE, "case %s raised its error before this point", cs));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
