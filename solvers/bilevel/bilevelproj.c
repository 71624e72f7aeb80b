/*I "tessera.h" I*/
/*
   bilevelproj.c - the built-in projection onto the coupled feasible set of affine lower-level constraints

     Proj_C(x0, y0) = argmin { 1/2 |x - x0|^2 + 1/2 |y - y0|^2 : g(x, y) <= 0 (or = 0), xl <= x <= xu },

   for g(w) = A w - b affine in w = (x, y), computed from the user's g and its transposed Jacobian only (no matrix
   A): the dual problem

     min_{mu in M} theta(mu) = -( 1/2 |w(mu) - w0|^2 + mu^T g(w(mu)) ),  w(mu) = clip_[xl, xu](w0 - A^T mu),

   M = {mu >= 0} (inequalities) or R^l (equalities), is smooth (grad theta = -g(w(mu)), Danskin) and bound-constrained,
   and solved by a Tao bound-constrained solver (default TAOBLMVM); the projection is w(mu*). The projected gradient
   of theta is the constraint violation of w(mu), so the Tao gradient tolerance is a feasibility tolerance.
*/
#include <bilevelimpl.h>

struct _n_BilevelProjQP {
  Tao       tao;
  Vec       mu, mlo, mup;   /* dual variable (layout of g) and its bounds; mu is kept as the next warm start */
  Vec       gw, g0;         /* constraint values */
  Vec       x0, y0, wx, wy; /* point being projected, w(mu) */
  Vec       jx, jy;         /* A^T mu */
  PetscInt  its, nsolve;    /* Tao iterations over all projections, number of projections */
  PetscReal viol, violmax;  /* constraint violation of the last projection, largest one */
};

/* w(mu) = clip(w0 - A^T mu) into qp->wx, qp->wy */
static PetscErrorCode BilevelProjQPPrimal_Private(Bilevel bl, BilevelProjQP qp, Vec mu)
{
  PetscFunctionBegin;
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, qp->x0, qp->y0, mu, qp->jx, qp->jy));
  PetscCall(VecWAXPY(qp->wx, -1, qp->jx, qp->x0));
  PetscCall(VecWAXPY(qp->wy, -1, qp->jy, qp->y0));
  PetscCall(BilevelClipUpper_Private(bl, qp->wx));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelProjQPObjective_Private(Tao tao, Vec mu, PetscReal *f, Vec G, void *ctx)
{
  Bilevel       bl = (Bilevel)ctx;
  BilevelProjQP qp = bl->pqp;
  PetscReal     dx, dy;
  PetscScalar   mg;

  PetscFunctionBegin;
  PetscCall(BilevelProjQPPrimal_Private(bl, qp, mu));
  PetscCall(BilevelComputeConstraints_Private(bl, qp->wx, qp->wy, qp->gw));
  PetscCall(VecDot(mu, qp->gw, &mg));
  PetscCall(VecAXPY(qp->wx, -1, qp->x0));
  PetscCall(VecAXPY(qp->wy, -1, qp->y0));
  PetscCall(VecNorm(qp->wx, NORM_2, &dx));
  PetscCall(VecNorm(qp->wy, NORM_2, &dy));
  *f = -(0.5 * (dx * dx + dy * dy) + PetscRealPart(mg));
  PetscCall(VecAXPBY(G, -1, 0, qp->gw));
  PetscFunctionReturn(0);
}

/* largest violation of g <= 0 (or |g| for equalities) */
static PetscErrorCode BilevelProjQPViolation_Private(Bilevel bl, Vec g, PetscReal *viol)
{
  PetscReal v;

  PetscFunctionBegin;
  if (bl->ctype == BILEVEL_CONSTRAINT_EQUALITY) PetscCall(VecNorm(g, NORM_INFINITY, &v));
  else {
    PetscCall(VecMax(g, NULL, &v));
    v = PetscMax(v, 0);
  }
  *viol = v;
  PetscFunctionReturn(0);
}

/* the BilevelProjectionFn installed by BilevelProjectionSetUpBuiltin_Private() */
static PetscErrorCode BilevelProjectBuiltin_Private(Bilevel bl, Vec x, Vec y, void *ctx)
{
  BilevelProjQP      qp = bl->pqp;
  TaoConvergedReason reason;
  PetscInt           its;
  PetscReal          v0, nw, tol;

  PetscFunctionBegin;
  PetscCall(VecCopy(x, qp->x0));
  PetscCall(VecCopy(y, qp->y0));
  PetscCall(BilevelComputeConstraints_Private(bl, x, y, qp->g0));
  PetscCall(BilevelProjQPViolation_Private(bl, qp->g0, &v0));
  /* a feasible point inside the bounds is its own projection; the warm start mu is kept for the next call */
  PetscCall(VecCopy(x, qp->wx));
  PetscCall(BilevelClipUpper_Private(bl, qp->wx));
  PetscCall(VecAXPY(qp->wx, -1, x));
  PetscCall(VecNorm(qp->wx, NORM_INFINITY, &nw));
  if (v0 == 0 && nw == 0) PetscFunctionReturn(0);
  /* accepted when the violation is at round-off of the start's constraint values */
  tol = 1e-9 * (1 + v0);
  /* from the warm start mu, and once more from mu = 0 if that fails (a warm start whose line search cannot
     decrease the dual at round-off, seen after an infeasible start was projected: DIVERGED_LS_FAILURE at 6e-9) */
  for (PetscInt attempt = 0; attempt < 2; attempt++) {
    if (attempt) PetscCall(VecSet(qp->mu, 0));
    PetscCall(TaoSetSolution(qp->tao, qp->mu));
    PetscCall(TaoSolve(qp->tao));
    PetscCall(TaoGetConvergedReason(qp->tao, &reason));
    PetscCall(TaoGetIterationNumber(qp->tao, &its));
    qp->its += its;
    qp->nsolve++;
    PetscCall(BilevelProjQPPrimal_Private(bl, qp, qp->mu));
    PetscCall(BilevelComputeConstraints_Private(bl, qp->wx, qp->wy, qp->gw));
    PetscCall(BilevelProjQPViolation_Private(bl, qp->gw, &qp->viol));
    if (qp->viol <= tol) break;
  }
  qp->violmax = PetscMax(qp->violmax, qp->viol);
  PetscCheck(qp->viol <= tol, PetscObjectComm((PetscObject)bl), PETSC_ERR_NOT_CONVERGED,
             "Built-in projection onto C failed: constraint violation %g (> %g) after %" PetscInt_FMT
             " iterations of the dual Tao (%s); C may be empty (the dual is then unbounded), or tighten -bilevel_projection_tao_gatol, raise -bilevel_projection_tao_max_it, or give a projection (BilevelSetProjection())",
             (double)qp->viol, (double)tol, its, TaoConvergedReasons[reason]);
  PetscCall(VecCopy(qp->wx, x));
  PetscCall(VecCopy(qp->wy, y));
  PetscFunctionReturn(0);
}

/* g is affine iff mu^T (g(w0 + d) - g(w0)) = (A(w)^T mu)^T d at w = w0 and w = w0 + d, for random mu and d (w0 the
   solver's x, y); used by the built-in projection and by the implicit type with constraints */
PetscErrorCode BilevelConstraintsAffine_Private(Bilevel bl, PetscBool *affine)
{
  PetscRandom rnd;
  PetscScalar dg, a0x, a0y, a1x, a1y;
  PetscReal   ng0, ng1, nmu, e0, e1, scale;
  Vec         dx, dy, x1, y1, jx, jy, mu, g0, g1;

  PetscFunctionBegin;
  PetscCall(VecDuplicate(bl->x, &dx));
  PetscCall(VecDuplicate(bl->x, &x1));
  PetscCall(VecDuplicate(bl->x, &jx));
  PetscCall(VecDuplicate(bl->y, &dy));
  PetscCall(VecDuplicate(bl->y, &y1));
  PetscCall(VecDuplicate(bl->y, &jy));
  PetscCall(VecDuplicate(bl->g, &mu));
  PetscCall(VecDuplicate(bl->g, &g0));
  PetscCall(VecDuplicate(bl->g, &g1));
  PetscCall(PetscRandomCreate(PetscObjectComm((PetscObject)bl), &rnd));
  PetscCall(PetscRandomSetInterval(rnd, -1, 1));
  PetscCall(PetscRandomSetSeed(rnd, 4242));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(VecSetRandom(dx, rnd));
  PetscCall(VecSetRandom(dy, rnd));
  PetscCall(VecSetRandom(mu, rnd));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(BilevelComputeConstraints_Private(bl, bl->x, bl->y, g0));
  PetscCall(VecWAXPY(x1, 1, bl->x, dx));
  PetscCall(VecWAXPY(y1, 1, bl->y, dy));
  PetscCall(BilevelComputeConstraints_Private(bl, x1, y1, g1));
  PetscCall(VecNorm(g0, NORM_2, &ng0));
  PetscCall(VecNorm(g1, NORM_2, &ng1));
  PetscCall(VecNorm(mu, NORM_2, &nmu));
  PetscCall(VecAXPY(g1, -1, g0));
  PetscCall(VecDot(g1, mu, &dg));
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, bl->x, bl->y, mu, jx, jy));
  PetscCall(VecDot(jx, dx, &a0x));
  PetscCall(VecDot(jy, dy, &a0y));
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, x1, y1, mu, jx, jy));
  PetscCall(VecDot(jx, dx, &a1x));
  PetscCall(VecDot(jy, dy, &a1y));
  e0      = PetscAbsScalar(dg - (a0x + a0y));
  e1      = PetscAbsScalar(dg - (a1x + a1y));
  scale   = nmu * (ng0 + ng1) + PetscAbsScalar(dg) + PetscAbsScalar(a0x + a0y) + PETSC_SMALL;
  *affine = (PetscBool)(e0 <= 1e-8 * scale && e1 <= 1e-8 * scale);
  PetscCall(PetscInfo(bl, "Affinity test of the lower-level constraints: relative deviations %g, %g: %s\n", (double)(e0 / scale), (double)(e1 / scale), *affine ? "affine" : "not affine"));
  PetscCall(VecDestroy(&dx));
  PetscCall(VecDestroy(&x1));
  PetscCall(VecDestroy(&jx));
  PetscCall(VecDestroy(&dy));
  PetscCall(VecDestroy(&y1));
  PetscCall(VecDestroy(&jy));
  PetscCall(VecDestroy(&mu));
  PetscCall(VecDestroy(&g0));
  PetscCall(VecDestroy(&g1));
  PetscFunctionReturn(0);
}

/*
   BilevelProjectionSetUpBuiltin_Private - Installs the built-in projection onto C when the solver has lower-level
   constraints, no projection of the user and the built-in one is enabled (-bilevel_projection_builtin); a no-op
   otherwise, and also when g is not affine (then C is the whole space, the bounds of x aside, and -info says so)
*/
PetscErrorCode BilevelProjectionSetUpBuiltin_Private(Bilevel bl)
{
  BilevelProjQP qp;
  PetscBool     affine = PETSC_FALSE;
  const char   *prefix;

  PetscFunctionBegin;
  if (bl->proj || !bl->g || !bl->projbuiltin) PetscFunctionReturn(0);
  PetscCall(BilevelConstraintsAffine_Private(bl, &affine));
  if (!affine) {
    PetscCall(PetscInfo(bl, "The lower-level constraints are not affine: no built-in projection onto C (give one with BilevelSetProjection())\n"));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscNew(&qp));
  PetscCall(VecDuplicate(bl->g, &qp->mu));
  PetscCall(VecDuplicate(bl->g, &qp->gw));
  PetscCall(VecDuplicate(bl->g, &qp->g0));
  PetscCall(VecDuplicate(bl->x, &qp->x0));
  PetscCall(VecDuplicate(bl->x, &qp->wx));
  PetscCall(VecDuplicate(bl->x, &qp->jx));
  PetscCall(VecDuplicate(bl->y, &qp->y0));
  PetscCall(VecDuplicate(bl->y, &qp->wy));
  PetscCall(VecDuplicate(bl->y, &qp->jy));
  bl->pqp = qp;
  PetscCall(VecDuplicate(bl->g, &qp->mlo));
  PetscCall(VecDuplicate(bl->g, &qp->mup));
  PetscCall(VecSet(qp->mlo, bl->ctype == BILEVEL_CONSTRAINT_EQUALITY ? PETSC_NINFINITY : 0));
  PetscCall(VecSet(qp->mup, PETSC_INFINITY));
  PetscCall(TaoCreate(PetscObjectComm((PetscObject)bl), &qp->tao));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)qp->tao, (PetscObject)bl, 1));
  PetscCall(TaoSetType(qp->tao, TAOBLMVM));
  { /* More-Thuente raises an error on the unbounded dual of an empty C; Armijo lets the Tao report it */
    TaoLineSearch ls;

    PetscCall(TaoGetLineSearch(qp->tao, &ls));
    PetscCall(TaoLineSearchSetType(ls, TAOLINESEARCHARMIJO));
  }
  PetscCall(BilevelGetOptionsPrefix(bl, &prefix));
  PetscCall(TaoSetOptionsPrefix(qp->tao, prefix));
  PetscCall(TaoAppendOptionsPrefix(qp->tao, "bilevel_projection_"));
  PetscCall(TaoSetSolution(qp->tao, qp->mu));
  PetscCall(TaoSetVariableBounds(qp->tao, qp->mlo, qp->mup));
  PetscCall(TaoSetObjectiveAndGradient(qp->tao, NULL, BilevelProjQPObjective_Private, bl));
  PetscCall(TaoSetTolerances(qp->tao, 1e-13, 0, 0));
  PetscCall(TaoSetMaximumIterations(qp->tao, 10000));
  PetscCall(TaoSetFromOptions(qp->tao));
  bl->proj    = BilevelProjectBuiltin_Private;
  bl->projctx = NULL;
  PetscFunctionReturn(0);
}

/* removes the built-in projection (if installed) */
PetscErrorCode BilevelProjectionResetBuiltin_Private(Bilevel bl)
{
  BilevelProjQP qp = bl->pqp;

  PetscFunctionBegin;
  if (!qp) PetscFunctionReturn(0);
  if (bl->proj == BilevelProjectBuiltin_Private) {
    bl->proj    = NULL;
    bl->projctx = NULL;
  }
  PetscCall(TaoDestroy(&qp->tao));
  PetscCall(VecDestroy(&qp->mu));
  PetscCall(VecDestroy(&qp->mlo));
  PetscCall(VecDestroy(&qp->mup));
  PetscCall(VecDestroy(&qp->gw));
  PetscCall(VecDestroy(&qp->g0));
  PetscCall(VecDestroy(&qp->x0));
  PetscCall(VecDestroy(&qp->y0));
  PetscCall(VecDestroy(&qp->wx));
  PetscCall(VecDestroy(&qp->wy));
  PetscCall(VecDestroy(&qp->jx));
  PetscCall(VecDestroy(&qp->jy));
  PetscCall(PetscFree(bl->pqp));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProjectionViewBuiltin_Private(Bilevel bl, PetscViewer viewer)
{
  BilevelProjQP qp = bl->pqp;

  PetscFunctionBegin;
  if (!qp || !qp->tao) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPrintf(viewer, "Built-in projection onto C (affine lower-level constraints, dual bound-constrained Tao): %" PetscInt_FMT " projections, %" PetscInt_FMT " Tao iterations, largest constraint violation %g\n", qp->nsolve,
                                   qp->its, (double)qp->violmax));
  PetscFunctionReturn(0);
}

/*@
  BilevelSetProjectionBuiltin - Chooses whether LV-HBA projects onto C = {(x, y) : g(x, y) <= 0 (or = 0), xl <= x <= xu}
  with the built-in projection when no projection is set

  Logically Collective

  Input Parameters:
+ bl  - the solver
- use - `PETSC_TRUE` (default) to use it

  Options Database Keys:
+ -bilevel_projection_builtin <bool>   - use the built-in projection
. -bilevel_projection_tao_type <type>  - the bound-constrained Tao of the dual problem (default blmvm; bncg, bqnls also work)
- -bilevel_projection_tao_gatol <tol>  - the feasibility tolerance (default 1e-13)

  Level: intermediate

  Notes:
  The built-in projection needs only the constraint function and its transposed Jacobian
  (`BilevelSetLowerConstraints()`, `BilevelSetLowerConstraintsJacobianTranspose()`) and is valid when g is affine in
  (x, y), g(w) = A w - b: `BilevelSetUp()` checks this on a random pair (mu, d), comparing mu^T (g(w + d) - g(w)) with
  (A^T mu)^T d at both ends; if g is not affine the built-in projection is not installed (`-info` says so) and C is
  the whole space apart from the bounds of x.

  The projection of w0 = (x0, y0) solves the dual problem
.vb
     min_{mu in M} -( 1/2 |w(mu) - w0|^2 + mu^T g(w(mu)) ),   w(mu) = clip_[xl, xu](w0 - A^T mu),
.ve
  M = {mu >= 0} for inequalities and R^l for equalities, and returns w(mu*). A^T mu is the user's Jacobian-transpose
  product, g(w(mu)) the user's constraint function; no matrix is formed. The dual is chosen over the primal QP because
  it has simple bounds only (the primal has the coupled constraints, which TAOPDIPM or TAOBQPIP would need as an
  assembled Jacobian), and its gradient -g(w(mu)) is exactly the constraint violation, so the Tao gradient tolerance is
  a feasibility tolerance. With bounds on x the dual is piecewise quadratic (continuously differentiable, not twice),
  which rules out TAOBQPIP (a QP with a constant Hessian) and Newton types without a generalised Hessian; the default
  TAOBLMVM (bound-constrained limited-memory quasi-Newton) needs only gradients and handles the piecewise curvature;
  its line search is Armijo, because More-Thuente raises an error on the unbounded dual of an empty C, where the
  Armijo search lets the Tao stop and the projection report the violation.
  The multipliers mu of one projection warm-start the next, so LV-HBA, whose iterates move little, pays a few dual
  iterations per projection. A projection that leaves a violation above 1e-9 (1 + its start's violation) is an error
  naming the Tao's reason.

.seealso: `BilevelSetProjection()`, `BilevelProject()`, `BilevelGetProjectionTao()`, `BILEVELLVHBA`
@*/
PetscErrorCode BilevelSetProjectionBuiltin(Bilevel bl, PetscBool use)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidLogicalCollectiveBool(bl, use, 2);
  bl->projbuiltin = use;
  PetscFunctionReturn(0);
}

/*@
  BilevelGetProjectionTao - Gets the Tao of the built-in projection onto C (NULL when it is not in use)

  Not Collective

  Input Parameter:
. bl - the solver, set up

  Output Parameter:
. tao - the Tao solving the dual projection problem, or NULL

  Level: advanced

.seealso: `BilevelSetProjectionBuiltin()`
@*/
PetscErrorCode BilevelGetProjectionTao(Bilevel bl, Tao *tao)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidPointer(tao, 2);
  *tao = bl->pqp ? bl->pqp->tao : NULL;
  PetscFunctionReturn(0);
}
