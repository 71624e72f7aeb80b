/*I "tessera.h" I*/
/*
   quadratic.c - bilevel problem with a strongly convex quadratic lower level and a closed-form solution (BO-REP's
   verification problem), x in R^n (-quadratic_n), y in R^m (-quadratic_m):

     f(x, y) = 1/2 y^T A y - y^T B x,   A = tridiag(-1, 2 + mu, -1)  (eigenvalues in (mu, 4 + mu)),
     F(x, y) = 1/2 |y - t|^2 + rho/2 |x|^2,

   so y*(x) = M x with M = A^{-1} B and x* = (M^T M + rho I)^{-1} M^T t (one linear solve, computed here with KSP).
   B and t are uniform on [-1, 1] from a seeded PetscRandom. The Hessian products are exact: f_yy v = A v,
   f_xy v = -B^T v. Start x = x0, y = y0 (-quadratic_x0, -quadratic_y0, default 0). -quadratic_scale s multiplies f by s > 0 (same y*(x) and x*): a lower level on another scale.
*/
#include <bilevelproblemimpl.h>
#include <petscksp.h>

typedef struct {
  PetscInt  n, m;
  PetscReal mu, rho, scale, x0, y0;
  Mat       A, B;
  Vec       t, xstar, ystar, wy;
} Quadratic;

static PetscErrorCode QuadUpper(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy, void *ctx)
{
  Quadratic *q = (Quadratic *)ctx;
  PetscReal  a, b;

  PetscFunctionBegin;
  PetscCall(VecWAXPY(gy, -1, q->t, y));
  PetscCall(VecNorm(gy, NORM_2, &a));
  PetscCall(VecNorm(x, NORM_2, &b));
  *F = 0.5 * a * a + 0.5 * q->rho * b * b;
  PetscCall(VecCopy(x, gx));
  PetscCall(VecScale(gx, q->rho));
  PetscFunctionReturn(0);
}

static PetscErrorCode QuadLower(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  Quadratic  *q = (Quadratic *)ctx;
  PetscScalar yAy, yBx;

  PetscFunctionBegin;
  PetscCall(MatMult(q->A, y, gy));
  PetscCall(VecDot(y, gy, &yAy));
  PetscCall(MatMult(q->B, x, q->wy));
  PetscCall(VecDot(y, q->wy, &yBx));
  *f = q->scale * (0.5 * PetscRealPart(yAy) - PetscRealPart(yBx));
  PetscCall(VecAXPBY(gy, -q->scale, q->scale, q->wy));
  PetscCall(MatMultTranspose(q->B, y, gx));
  PetscCall(VecScale(gx, -q->scale));
  PetscFunctionReturn(0);
}

static PetscErrorCode QuadHessian(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)
{
  Quadratic *q = (Quadratic *)ctx;

  PetscFunctionBegin;
  PetscCall(MatMult(q->A, v, hy));
  PetscCall(MatMultTranspose(q->B, v, hx));
  if (q->scale != 1) PetscCall(VecScale(hy, q->scale));
  PetscCall(VecScale(hx, -q->scale));
  PetscFunctionReturn(0);
}

/* F_yy v = v, F_xy v = 0 (F is separable in x and y) */
static PetscErrorCode QuadUpperHessian(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(VecSet(hx, 0));
  PetscCall(VecCopy(v, hy));
  PetscFunctionReturn(0);
}

static PetscErrorCode QuadSetUpSolver(BilevelProblem prob, Bilevel bl)
{
  Quadratic *q = (Quadratic *)prob->data;

  PetscFunctionBegin;
  PetscCall(VecSet(prob->x, q->x0));
  PetscCall(VecSet(prob->y, q->y0));
  PetscCall(BilevelSetSolution(bl, prob->x, prob->y));
  PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, QuadUpper, q));
  PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, QuadLower, q));
  PetscCall(BilevelSetLowerHessianProducts(bl, NULL, NULL, QuadHessian, q));
  PetscCall(BilevelSetUpperHessianProducts(bl, NULL, NULL, QuadUpperHessian, q));
  PetscFunctionReturn(0);
}

static PetscErrorCode QuadError(BilevelProblem prob, Bilevel bl, PetscReal *xerr, PetscReal *yerr, PetscBool *known)
{
  Quadratic *q = (Quadratic *)prob->data;
  Vec        x, y, wx;
  PetscReal  e, nrm;

  PetscFunctionBegin;
  PetscCall(BilevelGetSolution(bl, &x, &y));
  PetscCall(VecDuplicate(x, &wx));
  PetscCall(VecWAXPY(wx, -1, q->xstar, x));
  PetscCall(VecNorm(wx, NORM_2, &e));
  PetscCall(VecNorm(q->xstar, NORM_2, &nrm));
  *xerr = e / nrm;
  PetscCall(VecWAXPY(q->wy, -1, q->ystar, y));
  PetscCall(VecNorm(q->wy, NORM_2, &e));
  PetscCall(VecNorm(q->ystar, NORM_2, &nrm));
  *yerr  = e / nrm;
  *known = PETSC_TRUE;
  PetscCall(VecDestroy(&wx));
  PetscFunctionReturn(0);
}

static PetscErrorCode QuadView(BilevelProblem prob, PetscViewer viewer)
{
  Quadratic *q = (Quadratic *)prob->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "quadratic: n = %" PetscInt_FMT ", m = %" PetscInt_FMT ", mu = %g, rho = %g, closed-form x* from one linear solve\n", q->n, q->m, (double)q->mu, (double)q->rho));
  PetscFunctionReturn(0);
}

static PetscErrorCode QuadDestroy(BilevelProblem prob)
{
  Quadratic *q = (Quadratic *)prob->data;

  PetscFunctionBegin;
  PetscCall(MatDestroy(&q->A));
  PetscCall(MatDestroy(&q->B));
  PetscCall(VecDestroy(&q->t));
  PetscCall(VecDestroy(&q->xstar));
  PetscCall(VecDestroy(&q->ystar));
  PetscCall(VecDestroy(&q->wy));
  PetscCall(PetscFree(prob->data));
  PetscFunctionReturn(0);
}

/* x* = (M^T M + rho I)^{-1} M^T t, M = A^{-1} B, by CG on the normal operator applied matrix-free */
typedef struct {
  Quadratic *q;
  KSP        kspA;
  Vec        w1, w2;
} NormalCtx;

static PetscErrorCode NormalMult_Private(Mat S, Vec v, Vec out)
{
  NormalCtx *ctx;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(S, &ctx));
  PetscCall(MatMult(ctx->q->B, v, ctx->w1));
  PetscCall(KSPSolve(ctx->kspA, ctx->w1, ctx->w2)); /* M v */
  PetscCall(KSPSolve(ctx->kspA, ctx->w2, ctx->w1)); /* A^{-1} M v (A symmetric) */
  PetscCall(MatMultTranspose(ctx->q->B, ctx->w1, out));
  PetscCall(VecAXPY(out, ctx->q->rho, v));
  PetscFunctionReturn(0);
}

static PetscErrorCode QuadSolveClosedForm_Private(BilevelProblem prob, Quadratic *q)
{
  NormalCtx ctx;
  Mat       S;
  KSP       ksp;
  Vec       rhs;
  PetscInt  nloc;

  PetscFunctionBegin;
  ctx.q = q;
  PetscCall(KSPCreate(prob->comm, &ctx.kspA));
  PetscCall(KSPSetOperators(ctx.kspA, q->A, q->A));
  PetscCall(KSPSetType(ctx.kspA, KSPCG));
  PetscCall(KSPSetTolerances(ctx.kspA, 1e-14, 1e-50, PETSC_DEFAULT, 1000));
  PetscCall(VecDuplicate(q->t, &ctx.w1));
  PetscCall(VecDuplicate(q->t, &ctx.w2));
  PetscCall(VecGetLocalSize(prob->x, &nloc));
  PetscCall(MatCreateShell(prob->comm, nloc, nloc, q->n, q->n, &ctx, &S));
  PetscCall(MatShellSetOperation(S, MATOP_MULT, (void (*)(void))NormalMult_Private));
  PetscCall(VecDuplicate(prob->x, &rhs));
  PetscCall(KSPSolve(ctx.kspA, q->t, ctx.w1));
  PetscCall(MatMultTranspose(q->B, ctx.w1, rhs)); /* M^T t = B^T A^{-1} t */
  PetscCall(VecDuplicate(prob->x, &q->xstar));
  PetscCall(KSPCreate(prob->comm, &ksp));
  PetscCall(KSPSetOperators(ksp, S, S));
  PetscCall(KSPSetType(ksp, KSPCG));
  {
    PC pc;

    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PCSetType(pc, PCNONE));
  }
  PetscCall(KSPSetTolerances(ksp, 1e-13, 1e-50, PETSC_DEFAULT, 10000));
  PetscCall(KSPSolve(ksp, rhs, q->xstar));
  PetscCall(VecDuplicate(q->t, &q->ystar));
  PetscCall(MatMult(q->B, q->xstar, ctx.w1));
  PetscCall(KSPSolve(ctx.kspA, ctx.w1, q->ystar));
  PetscCall(KSPDestroy(&ksp));
  PetscCall(KSPDestroy(&ctx.kspA));
  PetscCall(MatDestroy(&S));
  PetscCall(VecDestroy(&rhs));
  PetscCall(VecDestroy(&ctx.w1));
  PetscCall(VecDestroy(&ctx.w2));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProblemCreate_Quadratic(BilevelProblem prob)
{
  Quadratic  *q;
  PetscRandom rnd;
  PetscInt    rs, re;

  PetscFunctionBegin;
  PetscCall(PetscNew(&q));
  q->n     = 10;
  q->m     = 20;
  q->mu    = 1.0;
  q->rho   = 0.1;
  q->scale = 1;
  q->x0    = 0;
  q->y0    = 0;
  PetscOptionsBegin(prob->comm, NULL, "Quadratic bilevel problem", "");
  PetscCall(TesseraOptionsIntInRange("-quadratic_n", "Dimension of x", "quadratic.c", q->n, &q->n, NULL, 1, PETSC_MAX_INT / 2));
  PetscCall(TesseraOptionsIntInRange("-quadratic_m", "Dimension of y", "quadratic.c", q->m, &q->m, NULL, 1, PETSC_MAX_INT / 2));
  PetscCall(TesseraOptionsRealPositive("-quadratic_mu", "Strong convexity shift of A", "quadratic.c", q->mu, &q->mu, NULL, 1e6));
  PetscCall(TesseraOptionsRealPositive("-quadratic_rho", "Upper-level ridge", "quadratic.c", q->rho, &q->rho, NULL, 1e6));
  PetscCall(TesseraOptionsRealInRange("-quadratic_x0", "Start of x (every entry)", "quadratic.c", q->x0, &q->x0, NULL, -1e6, 1e6));
  PetscCall(TesseraOptionsRealInRange("-quadratic_y0", "Start of y (every entry)", "quadratic.c", q->y0, &q->y0, NULL, -1e6, 1e6));
  PetscCall(TesseraOptionsRealPositive("-quadratic_scale", "Factor s of the lower-level objective (same solution)", "quadratic.c", q->scale, &q->scale, NULL, 1e6));
  PetscOptionsEnd();
  PetscCheck(q->n >= 1 && q->m >= 1, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-quadratic_n and -quadratic_m must be positive");
  PetscCheck(q->scale > 0 && q->scale < PETSC_INFINITY, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-quadratic_scale %g must be positive and finite", (double)q->scale);
  PetscCheck(q->mu > 0 && q->rho > 0, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-quadratic_mu and -quadratic_rho must be positive");
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, q->n, &prob->x));
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, q->m, &prob->y));
  PetscCall(PetscObjectSetName((PetscObject)prob->x, "x"));
  PetscCall(PetscObjectSetName((PetscObject)prob->y, "y"));
  PetscCall(VecDuplicate(prob->y, &q->t));
  PetscCall(VecDuplicate(prob->y, &q->wy));
  PetscCall(MatCreateAIJ(prob->comm, PETSC_DECIDE, PETSC_DECIDE, q->m, q->m, 3, NULL, 2, NULL, &q->A));
  PetscCall(MatGetOwnershipRange(q->A, &rs, &re));
  for (PetscInt i = rs; i < re; i++) {
    if (i > 0) PetscCall(MatSetValue(q->A, i, i - 1, -1.0, INSERT_VALUES));
    PetscCall(MatSetValue(q->A, i, i, 2.0 + q->mu, INSERT_VALUES));
    if (i < q->m - 1) PetscCall(MatSetValue(q->A, i, i + 1, -1.0, INSERT_VALUES));
  }
  PetscCall(MatAssemblyBegin(q->A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(q->A, MAT_FINAL_ASSEMBLY));
  PetscCall(PetscRandomCreate(prob->comm, &rnd));
  PetscCall(PetscRandomSetInterval(rnd, -1.0, 1.0));
  PetscCall(PetscRandomSetSeed(rnd, 20240117));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(MatCreateDense(prob->comm, PETSC_DECIDE, PETSC_DECIDE, q->m, q->n, NULL, &q->B));
  PetscCall(MatGetOwnershipRange(q->B, &rs, &re));
  /* every rank draws the full matrix and keeps its rows, so the data do not depend on the number of ranks */
  for (PetscInt i = 0; i < q->m; i++) {
    for (PetscInt j = 0; j < q->n; j++) {
      PetscScalar v;

      PetscCall(PetscRandomGetValue(rnd, &v));
      if (i >= rs && i < re) PetscCall(MatSetValue(q->B, i, j, v, INSERT_VALUES));
    }
  }
  PetscCall(MatAssemblyBegin(q->B, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(q->B, MAT_FINAL_ASSEMBLY));
  for (PetscInt i = 0; i < q->m; i++) {
    PetscScalar v;

    PetscCall(PetscRandomGetValue(rnd, &v));
    if (i >= rs && i < re) PetscCall(VecSetValue(q->t, i, v, INSERT_VALUES));
  }
  PetscCall(VecAssemblyBegin(q->t));
  PetscCall(VecAssemblyEnd(q->t));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(QuadSolveClosedForm_Private(prob, q));
  prob->data        = q;
  prob->setupsolver = QuadSetUpSolver;
  prob->error       = QuadError;
  prob->view        = QuadView;
  prob->destroy     = QuadDestroy;
  PetscFunctionReturn(0);
}
