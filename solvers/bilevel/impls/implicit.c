/*I "tessera.h" I*/
/*
   implicit.c - bilevel optimisation by implicit differentiation: the reference method with exact hypergradients

   Method: min_x Phi(x) = F(x, y*(x)), y*(x) = argmin_y f(x, y) with f strongly convex in y (no lower-level constraints).
   Each evaluation of Phi at a point x:
     1. the lower level is solved to tolerance by a Tao solver (prefix -bilevel_implicit_lower_, default TAONLS, Newton
        with CG on the Hessian MatShell of step 2, warm-started from the previous y; quasi-Newton: lmvm);
     2. the adjoint system grad^2_yy f(x, y*) v = grad_y F(x, y*) is solved by a KSP (prefix -bilevel_implicit_adjoint_,
        default CG without preconditioner, warm-started from the previous v) on a MatShell applying the lower-level
        Hessian-vector product (the user's callback or central differences of gradients);
     3. grad Phi(x) = grad_x F(x, y*) - grad^2_xy f(x, y*) v.
   The upper level is minimised by a Tao solver (prefix -bilevel_implicit_, default TAOBQNLS, bound-constrained
   quasi-Newton with line search). Its iterations are the Bilevel iterations: residual |grad Phi|, lower-level gap
   |grad_y f|/|f_yy| (an estimate of the distance to y*(x)), and the Bilevel convergence test decides when to stop.

   Reference: the implicit function theorem applied to grad_y f(x, y*(x)) = 0, as in the hypergradient literature
   (e.g. Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016).
*/
#include <bilevelimpl.h>
#include <petsctao.h>
#include <tesseraio.h>

typedef struct {
  Tao       tao, lower; /* upper-level and lower-level solvers */
  KSP       ksp;        /* adjoint solver */
  Mat       H;          /* MatShell: v -> grad^2_yy f(xc, y) v */
  Vec       xc;         /* the upper-level point of the lower-level solve (and of H) */
  Vec       v;          /* adjoint */
  Vec       hy;         /* work, layout of y */
  Vec       xl, xu;     /* bounds handed to the upper-level Tao */
  PetscReal Lyy;        /* estimate of |grad^2_yy f| at the start */
  PetscReal ltol;       /* lower-level tolerance: |grad_y f| <= ltol |f_yy| (1 + |y|), a relative distance to y*(x) */
  PetscReal lgatol;     /* the resulting absolute gradient tolerance of the last solve */
  PetscReal ygap;       /* |grad_y f(xc, y)| after the last lower-level solve */
  PetscBool valid;      /* y and v belong to xc */
  PetscInt  lowerits, kspits;
  PetscInt  stagits; /* stagnation window: stop after this many iterations without progress */
  PetscReal phiref;  /* Phi and |grad Phi| at the last progress (Phi down by 1e-10 |Phi| or |grad Phi| by 10 %), at iteration kref */
  PetscReal gref;
  PetscInt  kref;

  /* checkpoints: the log of the upper-level evaluations, replayed into the upper-level Tao on restart */
  Vec        x0;                       /* the start of the upper-level solve */
  PetscBool  record;                   /* append every evaluation to the log (a checkpoint file is set) */
  PetscInt   nlog, logcap, nloc;       /* evaluations logged, capacity, local size of x */
  PetscReal *logPhi, *logYgap, *logXn; /* Phi, |grad_y f| and |x| of each evaluation */
  PetscReal *logG;                     /* the local part of each hypergradient, nloc per evaluation */
  PetscInt   nreplay, ireplay;         /* evaluations to replay on restart, next one */
  PetscReal  replaydev;                /* largest relative deviation of |x| from the log during the replay */

  /* lower-level constraints (affine g): augmented-Lagrangian lower-level solve, adjoint by the KKT system */
  Mat       Hal, K;                /* MatShells: Hessian of the augmented Lagrangian (size m), KKT matrix (size m + l) */
  Vec       mu, mhat, gc, gt, act; /* layout of g: multipliers, updated multipliers, g(xc, y), work, active set (1/0) */
  Vec       yt;                    /* layout of y: work */
  Vec       zv, zw, ov, ow;        /* array-less parts of KKT vectors (y and g layouts) */
  Vec       rhs;                   /* KKT right-hand side */
  PetscReal rho, rho0, Jn2;        /* penalty of the augmented Lagrangian, its start, estimate of |J_y g|^2 */
  PetscInt  alits;                 /* augmented-Lagrangian outer iterations in all lower-level solves */
} Bilevel_Implicit;

static PetscErrorCode ImplicitHessMult_Private(Mat H, Vec v, Vec w)
{
  Bilevel           bl;
  Bilevel_Implicit *im;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(H, &bl));
  im = (Bilevel_Implicit *)bl->data;
  PetscCall(BilevelComputeLowerHessianProducts(bl, im->xc, bl->y, v, bl->hx, w));
  PetscFunctionReturn(0);
}

/* the lower-level objective at the fixed upper-level point xc */
static PetscErrorCode ImplicitLowerObjective_Private(Tao tao, Vec Y, PetscReal *f, Vec G, void *ctx)
{
  Bilevel           bl = (Bilevel)ctx;
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(BilevelComputeLower_Private(bl, im->xc, Y, f, bl->fx, G));
  PetscFunctionReturn(0);
}

/* the Hessian MatShell applies the products at (xc, bl->y): Tao solves in bl->y, so nothing to assemble */
static PetscErrorCode ImplicitLowerHessian_Private(Tao tao, Vec Y, Mat H, Mat P, void *ctx)
{
  PetscFunctionBegin;
  PetscFunctionReturn(0);
}

/* appends an evaluation to the log that a checkpoint stores */
static PetscErrorCode ImplicitRecord_Private(Bilevel bl, Vec X, PetscReal Phi, Vec G)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  const PetscScalar *g;
  PetscReal          xn;

  PetscFunctionBegin;
  PetscCall(VecNorm(X, NORM_2, &xn));
  if (im->nlog == im->logcap) {
    PetscInt   cap = PetscMax(64, 2 * im->logcap);
    PetscReal *a, *b, *c, *d;

    PetscCall(PetscMalloc4(cap, &a, cap, &b, cap, &c, cap * im->nloc, &d));
    PetscCall(PetscArraycpy(a, im->logPhi, im->nlog));
    PetscCall(PetscArraycpy(b, im->logYgap, im->nlog));
    PetscCall(PetscArraycpy(c, im->logXn, im->nlog));
    PetscCall(PetscArraycpy(d, im->logG, im->nlog * im->nloc));
    PetscCall(PetscFree4(im->logPhi, im->logYgap, im->logXn, im->logG));
    im->logPhi  = a;
    im->logYgap = b;
    im->logXn   = c;
    im->logG    = d;
    im->logcap  = cap;
  }
  im->logPhi[im->nlog]  = Phi;
  im->logYgap[im->nlog] = im->ygap;
  im->logXn[im->nlog]   = xn;
  PetscCall(VecGetArrayRead(G, &g));
  for (PetscInt i = 0; i < im->nloc; i++) im->logG[im->nlog * im->nloc + i] = PetscRealPart(g[i]);
  PetscCall(VecRestoreArrayRead(G, &g));
  im->nlog++;
  PetscFunctionReturn(0);
}

/* on restart: the next logged evaluation instead of the lower-level and adjoint solves; the point must be the logged
   one (bit for bit on the same ranks; a deviation beyond round-off means the upper-level solver was set up otherwise) */
static PetscErrorCode ImplicitReplay_Private(Bilevel bl, Vec X, PetscReal *Phi, Vec G)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  PetscScalar      *g;
  PetscReal         xn, dev;
  PetscInt          k = im->ireplay;

  PetscFunctionBegin;
  PetscCall(VecNorm(X, NORM_2, &xn));
  dev = PetscAbsReal(xn - im->logXn[k]) / PetscMax(1.0, im->logXn[k]);
  PetscCheck(dev <= 1e-6, PetscObjectComm((PetscObject)bl), PETSC_ERR_FILE_UNEXPECTED,
             "Bilevel implicit restart: the upper-level solver left the logged path at evaluation %" PetscInt_FMT " of %" PetscInt_FMT
             " (|x| %.17g, logged %.17g): resume with the options of the run that wrote the checkpoint (-bilevel_implicit_tao_*)",
             k + 1, im->nreplay, (double)xn, (double)im->logXn[k]);
  im->replaydev = PetscMax(im->replaydev, dev);
  *Phi          = im->logPhi[k];
  im->ygap      = im->logYgap[k];
  PetscCall(VecGetArray(G, &g));
  for (PetscInt i = 0; i < im->nloc; i++) g[i] = im->logG[k * im->nloc + i];
  PetscCall(VecRestoreArray(G, &g));
  im->valid = PETSC_TRUE;
  if (++im->ireplay == im->nreplay) PetscCall(PetscInfo(bl, "Replayed %" PetscInt_FMT " upper-level evaluations; largest relative deviation of |x| from the log %g\n", im->nreplay, (double)im->replaydev));
  PetscFunctionReturn(0);
}

/* Phi(x) and grad Phi(x): lower-level solve, adjoint solve, hypergradient */
/* the active set act_i = 1 where the multiplier m_i > 0 (inequalities; every row for equalities), 0 elsewhere */
static PetscErrorCode ImplicitActiveSet_Private(Bilevel bl, Vec m)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  const PetscScalar *ma;
  PetscScalar       *aa;
  PetscInt           n;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(m, &n));
  PetscCall(VecGetArrayRead(m, &ma));
  PetscCall(VecGetArrayWrite(im->act, &aa));
  for (PetscInt i = 0; i < n; i++) aa[i] = (bl->ctype == BILEVEL_CONSTRAINT_EQUALITY || PetscRealPart(ma[i]) > 0) ? 1 : 0;
  PetscCall(VecRestoreArrayWrite(im->act, &aa));
  PetscCall(VecRestoreArrayRead(m, &ma));
  PetscFunctionReturn(0);
}

/* out = J_y g(xc, y) v, exact for affine g: (g(xc, y + t v) - g(xc, y))/t with im->gc = g(xc, y) */
static PetscErrorCode ImplicitJv_Private(Bilevel bl, Vec v, Vec out)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  PetscReal         vn, yn, t;

  PetscFunctionBegin;
  PetscCall(VecNorm(v, NORM_2, &vn));
  if (vn == 0) {
    PetscCall(VecSet(out, 0));
    PetscFunctionReturn(0);
  }
  PetscCall(VecNorm(bl->y, NORM_2, &yn));
  t = (1 + yn) / vn;
  PetscCall(VecWAXPY(im->yt, t, v, bl->y));
  PetscCall(BilevelComputeConstraints_Private(bl, im->xc, im->yt, out));
  PetscCall(VecAXPY(out, -1, im->gc));
  PetscCall(VecScale(out, 1 / t));
  PetscFunctionReturn(0);
}

/* w -> J_y J_y^T w at (xc, y), for the estimate of |J_y g|^2 */
static PetscErrorCode ImplicitJJt_Private(Bilevel bl, Vec w, Vec out, void *ctx)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, im->xc, bl->y, w, bl->jx, bl->jy));
  PetscCall(ImplicitJv_Private(bl, bl->jy, out));
  PetscFunctionReturn(0);
}

/* mhat = mu + rho g (inequalities: its positive part); returns sum_i (mhat_i^2 - mu_i^2)/(2 rho), the penalty term
   of the augmented Lagrangian */
static PetscErrorCode ImplicitALMultipliers_Private(Bilevel bl, Vec g, PetscReal *pen)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  const PetscScalar *ga, *ma;
  PetscScalar       *ha;
  PetscInt           n;
  PetscReal          s = 0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(g, &n));
  PetscCall(VecGetArrayRead(g, &ga));
  PetscCall(VecGetArrayRead(im->mu, &ma));
  PetscCall(VecGetArrayWrite(im->mhat, &ha));
  for (PetscInt i = 0; i < n; i++) {
    PetscReal m = PetscRealPart(ma[i]) + im->rho * PetscRealPart(ga[i]);

    if (bl->ctype == BILEVEL_CONSTRAINT_INEQUALITY) m = PetscMax(m, 0);
    ha[i] = m;
    s += m * m - PetscRealPart(ma[i] * ma[i]);
  }
  PetscCall(VecRestoreArrayWrite(im->mhat, &ha));
  PetscCall(VecRestoreArrayRead(im->mu, &ma));
  PetscCall(VecRestoreArrayRead(g, &ga));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &s, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)bl)));
  *pen = s / (2 * im->rho);
  PetscFunctionReturn(0);
}

/* the augmented Lagrangian f + sum_i (mhat_i^2 - mu_i^2)/(2 rho) at the fixed upper-level point xc; gradient
   grad_y f + J_y^T mhat */
static PetscErrorCode ImplicitALObjective_Private(Tao tao, Vec Y, PetscReal *f, Vec G, void *ctx)
{
  Bilevel           bl = (Bilevel)ctx;
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  PetscReal         pen;

  PetscFunctionBegin;
  PetscCall(BilevelComputeLower_Private(bl, im->xc, Y, f, bl->fx, G));
  PetscCall(BilevelComputeConstraints_Private(bl, im->xc, Y, im->gt));
  PetscCall(ImplicitALMultipliers_Private(bl, im->gt, &pen));
  *f += pen;
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, im->xc, Y, im->mhat, bl->jx, bl->jy));
  PetscCall(VecAXPY(G, 1, bl->jy));
  PetscFunctionReturn(0);
}

/* at the Newton point (bl->y): g(xc, y) and the rows where the penalty is active */
static PetscErrorCode ImplicitALHessian_Private(Tao tao, Vec Y, Mat H, Mat P, void *ctx)
{
  Bilevel           bl = (Bilevel)ctx;
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  PetscReal         pen;

  PetscFunctionBegin;
  PetscCall(BilevelComputeConstraints_Private(bl, im->xc, bl->y, im->gc));
  PetscCall(ImplicitALMultipliers_Private(bl, im->gc, &pen));
  PetscCall(ImplicitActiveSet_Private(bl, im->mhat));
  PetscFunctionReturn(0);
}

/* v -> grad^2_yy f v + rho J_A^T J_A v (A: the active rows) */
static PetscErrorCode ImplicitALHessMult_Private(Mat H, Vec v, Vec w)
{
  Bilevel           bl;
  Bilevel_Implicit *im;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(H, &bl));
  im = (Bilevel_Implicit *)bl->data;
  PetscCall(ImplicitHessMult_Private(H, v, w));
  PetscCall(ImplicitJv_Private(bl, v, im->gt));
  PetscCall(VecPointwiseMult(im->gt, im->gt, im->act));
  PetscCall(VecScale(im->gt, im->rho));
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, im->xc, bl->y, im->gt, bl->jx, bl->jy));
  PetscCall(VecAXPY(w, 1, bl->jy));
  PetscFunctionReturn(0);
}

/* the KKT matrix of the active constraints, [v; w] -> [f_yy v + J_A^T w_A; J_A v; w_I] (identity on inactive rows) */
static PetscErrorCode ImplicitKKTMult_Private(Mat K, Vec z, Vec o)
{
  Bilevel            bl;
  Bilevel_Implicit  *im;
  const PetscScalar *za, *aa, *wa;
  PetscScalar       *oa, *pa;
  PetscInt           mloc, lloc;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(K, &bl));
  im = (Bilevel_Implicit *)bl->data;
  PetscCall(VecGetLocalSize(bl->y, &mloc));
  PetscCall(VecGetLocalSize(im->act, &lloc));
  PetscCall(VecGetArrayRead(z, &za));
  PetscCall(VecGetArray(o, &oa));
  PetscCall(VecPlaceArray(im->zv, za));
  PetscCall(VecPlaceArray(im->zw, za + mloc));
  PetscCall(VecPlaceArray(im->ov, oa));
  PetscCall(VecPlaceArray(im->ow, oa + mloc));
  PetscCall(BilevelComputeLowerHessianProducts(bl, im->xc, bl->y, im->zv, bl->hx, im->ov));
  PetscCall(VecPointwiseMult(im->gt, im->zw, im->act));
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, im->xc, bl->y, im->gt, bl->jx, bl->jy));
  PetscCall(VecAXPY(im->ov, 1, bl->jy));
  PetscCall(ImplicitJv_Private(bl, im->zv, im->ow));
  PetscCall(VecGetArrayRead(im->act, &aa));
  PetscCall(VecGetArrayRead(im->zw, &wa));
  PetscCall(VecGetArray(im->ow, &pa));
  for (PetscInt i = 0; i < lloc; i++) pa[i] = PetscRealPart(aa[i]) > 0 ? pa[i] : wa[i];
  PetscCall(VecRestoreArray(im->ow, &pa));
  PetscCall(VecRestoreArrayRead(im->zw, &wa));
  PetscCall(VecRestoreArrayRead(im->act, &aa));
  PetscCall(VecResetArray(im->zv));
  PetscCall(VecResetArray(im->zw));
  PetscCall(VecResetArray(im->ov));
  PetscCall(VecResetArray(im->ow));
  PetscCall(VecRestoreArray(o, &oa));
  PetscCall(VecRestoreArrayRead(z, &za));
  PetscFunctionReturn(0);
}

/* the constrained lower level at xc by the augmented Lagrangian method: Tao (prefix -bilevel_implicit_lower_) on
   f + sum_i (mhat_i^2 - mu_i^2)/(2 rho), then mu <- mhat, until max_i |mhat_i - mu_i|/rho (the violation of the
   constraints and of complementarity) is below rtol (1 + |y|) |J_y g|; rho grows 10-fold when that measure does not
   fall 4-fold. On return: mu, g(xc, y) in gc, the active set in act and |grad_y f + J_y^T mu| in ygap. */
static PetscErrorCode ImplicitLowerSolveAL_Private(Bilevel bl, PetscInt *its, TaoConvergedReason *lreason)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  PetscReal         d = 0, dprev = PETSC_MAX_REAL, yn, tol, pen, f;
  PetscInt          k, tits;

  PetscFunctionBegin;
  *its = 0;
  for (k = 0; k < 100; k++) {
    PetscCall(TaoSolve(im->lower));
    PetscCall(TaoGetConvergedReason(im->lower, lreason));
    PetscCall(TaoGetIterationNumber(im->lower, &tits));
    *its += tits;
    PetscCall(BilevelComputeConstraints_Private(bl, im->xc, bl->y, im->gc));
    PetscCall(ImplicitALMultipliers_Private(bl, im->gc, &pen));
    PetscCall(VecAXPY(im->mu, -1, im->mhat));
    PetscCall(VecNorm(im->mu, NORM_INFINITY, &d));
    PetscCall(VecCopy(im->mhat, im->mu));
    d /= im->rho;
    PetscCall(VecNorm(bl->y, NORM_2, &yn));
    tol = im->ltol * (1 + yn) * PetscSqrtReal(im->Jn2);
    if (d <= tol) break;
    PetscCheck(im->rho < 1e8 * im->rho0, PetscObjectComm((PetscObject)bl), PETSC_ERR_NOT_CONVERGED,
               "Bilevel implicit: the augmented-Lagrangian penalty grew to %g (1e8 times its start) with the constraint or complementarity violation still %g (tolerance %g): the lower level is infeasible at this x, or its constraints are degenerate",
               (double)im->rho, (double)d, (double)tol);
    if (d > 0.25 * dprev) im->rho *= 10;
    dprev = d;
  }
  im->alits += PetscMin(k + 1, 100);
  PetscCheck(k < 100, PetscObjectComm((PetscObject)bl), PETSC_ERR_NOT_CONVERGED,
             "Bilevel implicit: the augmented-Lagrangian lower-level solve did not converge in 100 outer iterations (constraint or complementarity violation %g); is the lower level feasible at this x?", (double)d);
  PetscCall(ImplicitActiveSet_Private(bl, im->mu));
  PetscCall(BilevelComputeLower_Private(bl, im->xc, bl->y, &f, bl->fx, bl->fy));
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, im->xc, bl->y, im->mu, bl->jx, bl->jy));
  PetscCall(VecWAXPY(im->yt, 1, bl->fy, bl->jy));
  PetscCall(VecNorm(im->yt, NORM_2, &im->ygap));
  PetscFunctionReturn(0);
}

/* the hypergradient through the KKT system of the active constraints:
   [f_yy J_A^T; J_A 0] [v; w] = [F_y; 0],  grad Phi = F_x - f_xy v - J_{x,A}^T w  (g affine) */
static PetscErrorCode ImplicitKKTGradient_Private(Bilevel bl, Vec G, KSPConvergedReason *kreason, PetscInt *its)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  const PetscScalar *fa;
  PetscScalar       *ra, *va;
  PetscInt           mloc, lloc;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(bl->y, &mloc));
  PetscCall(VecGetLocalSize(im->act, &lloc));
  PetscCall(VecGetArrayRead(bl->Fy, &fa));
  PetscCall(VecGetArrayWrite(im->rhs, &ra));
  for (PetscInt i = 0; i < mloc; i++) ra[i] = fa[i];
  for (PetscInt i = 0; i < lloc; i++) ra[mloc + i] = 0;
  PetscCall(VecRestoreArrayWrite(im->rhs, &ra));
  PetscCall(VecRestoreArrayRead(bl->Fy, &fa));
  PetscCall(KSPSolve(im->ksp, im->rhs, im->v));
  PetscCall(KSPGetConvergedReason(im->ksp, kreason));
  if (*kreason == KSP_DIVERGED_DTOL) { /* the warm start is far off at this point: from 0 */
    PetscCall(VecSet(im->v, 0));
    PetscCall(KSPSolve(im->ksp, im->rhs, im->v));
    PetscCall(KSPGetConvergedReason(im->ksp, kreason));
  }
  PetscCall(KSPGetIterationNumber(im->ksp, its));
  PetscCall(VecGetArray(im->v, &va));
  PetscCall(VecPlaceArray(im->zv, va));
  PetscCall(VecPlaceArray(im->zw, va + mloc));
  PetscCall(BilevelComputeLowerHessianProducts(bl, im->xc, bl->y, im->zv, bl->hx, im->hy));
  PetscCall(VecPointwiseMult(im->gt, im->zw, im->act));
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, im->xc, bl->y, im->gt, bl->jx, bl->jy));
  PetscCall(VecResetArray(im->zv));
  PetscCall(VecResetArray(im->zw));
  PetscCall(VecRestoreArray(im->v, &va));
  PetscCall(VecWAXPY(G, -1, bl->hx, bl->Fx));
  PetscCall(VecAXPY(G, -1, bl->jx));
  PetscFunctionReturn(0);
}

static PetscErrorCode ImplicitEvaluate_Private(Bilevel bl, Vec X, PetscReal *Phi, Vec G)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  TaoConvergedReason lreason;
  KSPConvergedReason kreason;
  PetscInt           its;
  PetscReal          f, yn;

  PetscFunctionBegin;
  PetscCall(VecCopy(X, im->xc));
  if (im->ireplay < im->nreplay) {
    PetscCall(ImplicitReplay_Private(bl, X, Phi, G));
    PetscFunctionReturn(0);
  }
  PetscCall(VecNorm(bl->y, NORM_2, &yn));
  im->lgatol = im->ltol * im->Lyy * (1 + yn);
  PetscCall(TaoSetTolerances(im->lower, im->lgatol, 0, 0));
  PetscCall(TaoSetSolution(im->lower, bl->y));
  if (bl->g) PetscCall(ImplicitLowerSolveAL_Private(bl, &its, &lreason));
  else {
    PetscCall(TaoSolve(im->lower));
    PetscCall(TaoGetConvergedReason(im->lower, &lreason));
    PetscCall(TaoGetIterationNumber(im->lower, &its));
    PetscCall(BilevelComputeLower_Private(bl, im->xc, bl->y, &f, bl->fx, bl->fy));
    PetscCall(VecNorm(bl->fy, NORM_2, &im->ygap));
  }
  im->lowerits += its;
  /* a line search that fails at round-off after the gradient is 1e4 below the tolerance is a converged solve */
  PetscCheck(lreason > 0 || im->ygap <= 1e4 * im->lgatol, PetscObjectComm((PetscObject)bl), PETSC_ERR_NOT_CONVERGED,
             "Bilevel implicit: the lower-level solve did not converge (%s after %" PetscInt_FMT " iterations, |grad_y f| %g); see -bilevel_implicit_lower_tao_*", TaoConvergedReasons[lreason], its, (double)im->ygap);
  PetscCall(BilevelComputeUpper_Private(bl, im->xc, bl->y, Phi, bl->Fx, bl->Fy));
  if (bl->g) PetscCall(ImplicitKKTGradient_Private(bl, G, &kreason, &its));
  else {
    PetscCall(KSPSolve(im->ksp, bl->Fy, im->v));
    PetscCall(KSPGetConvergedReason(im->ksp, &kreason));
    if (kreason == KSP_DIVERGED_DTOL) { /* the warm start (the adjoint at the previous point) is far off here: from 0 */
      PetscCall(VecSet(im->v, 0));
      PetscCall(KSPSolve(im->ksp, bl->Fy, im->v));
      PetscCall(KSPGetConvergedReason(im->ksp, &kreason));
    }
    PetscCall(KSPGetIterationNumber(im->ksp, &its));
  }
  im->kspits += its;
  PetscCheck(kreason > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_NOT_CONVERGED, "Bilevel implicit: the adjoint solve grad^2_yy f v = grad_y F did not converge (%s); is f strongly convex in y? see -bilevel_implicit_adjoint_ksp_*",
             KSPConvergedReasons[kreason]);
  if (!bl->g) {
    PetscCall(BilevelComputeLowerHessianProducts(bl, im->xc, bl->y, im->v, bl->hx, im->hy));
    PetscCall(VecWAXPY(G, -1, bl->hx, bl->Fx));
  }
  im->valid = PETSC_TRUE;
  if (im->record) PetscCall(ImplicitRecord_Private(bl, X, *Phi, G));
  PetscFunctionReturn(0);
}

static PetscErrorCode ImplicitUpperObjective_Private(Tao tao, Vec X, PetscReal *Phi, Vec G, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(ImplicitEvaluate_Private((Bilevel)ctx, X, Phi, G));
  PetscFunctionReturn(0);
}

/* the Bilevel iteration: log the accepted iterate (re-evaluated if the last evaluation was at a trial point) and let
   the Bilevel convergence test decide */
static PetscErrorCode ImplicitConverged_Private(Tao tao, void *ctx)
{
  Bilevel           bl = (Bilevel)ctx;
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  PetscInt          its;
  PetscReal         Phi, gnorm, f, yn, fxn, fyn;
  PetscBool         same;
  Vec               G;

  PetscFunctionBegin;
  PetscCall(TaoGetSolutionStatus(tao, &its, &Phi, &gnorm, NULL, NULL, NULL));
  PetscCall(VecEqual(im->xc, bl->x, &same));
  if (!same || !im->valid) {
    PetscCall(TaoGetGradient(tao, &G, NULL, NULL));
    PetscCall(ImplicitEvaluate_Private(bl, bl->x, &Phi, G));
    PetscCall(VecNorm(G, NORM_2, &gnorm));
  }
  /* stagnation reference: the last progress, a decrease of Phi by 1e-10 |Phi| or of |grad Phi| by 10 % (near a
     minimiser Phi - Phi* ~ |grad Phi|^2 falls below the first measure while the second still shows progress); kept
     also while replaying, so that a resumed run has the same reference */
  if (its == 0 || Phi < im->phiref - 1e-10 * PetscAbsReal(im->phiref) || gnorm < 0.9 * im->gref) {
    im->phiref = Phi;
    im->gref   = gnorm;
    im->kref   = its;
  }
  if (bl->resumed && its < bl->rsiter) { /* replaying the iterations before the checkpoint: logged already */
    PetscCall(TaoSetConvergedReason(tao, TAO_CONTINUE_ITERATING));
    PetscFunctionReturn(0);
  }
  PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &f, bl->fx, bl->fy));
  PetscCall(VecNormBegin(bl->y, NORM_2, &yn));
  PetscCall(VecNormBegin(bl->Fx, NORM_2, &fxn));
  PetscCall(VecNormBegin(bl->Fy, NORM_2, &fyn));
  PetscCall(VecNormEnd(bl->y, NORM_2, &yn));
  PetscCall(VecNormEnd(bl->Fx, NORM_2, &fxn));
  PetscCall(VecNormEnd(bl->Fy, NORM_2, &fyn));
  bl->gapref = yn;
  bl->res0   = PetscSqrtReal(fxn * fxn + fyn * fyn); /* reference of rtol: |grad F(x_k, y_k)| */
  bl->its    = its;
  PetscCall(BilevelLogIteration_Private(bl, Phi, f, gnorm, im->ygap / im->Lyy));
  /* stagnation: where Phi is not differentiable (y*(x) has kinks when f_yy jumps, e.g. at a squared-hinge margin) or
     the hypergradient is inexact, the quasi-Newton line search fails and falls back to tiny gradient steps that leave
     Phi unchanged, at the cost of many lower-level and adjoint solves each; stop with a reason instead */
  if (bl->reason == BILEVEL_CONVERGED_ITERATING && its - im->kref >= im->stagits) {
    PetscCall(PetscInfo(bl, "Iteration %" PetscInt_FMT ": neither the upper-level objective %g has decreased by 1e-10 relative nor the residual %g by 10 %% since iteration %" PetscInt_FMT ": nonsmooth or inexact hypergradient\n", its, (double)Phi,
                        (double)gnorm, im->kref));
    bl->reason = BILEVEL_DIVERGED_STAGNATION;
  }
  PetscCall(BilevelCheckpoint_Private(bl));
  if (bl->reason > 0) PetscCall(TaoSetConvergedReason(tao, TAO_CONVERGED_USER));
  else if (bl->reason == BILEVEL_DIVERGED_MAXIT) PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_MAXITS));
  else if (bl->reason == BILEVEL_DIVERGED_NAN) PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_NAN));
  else if (bl->reason < 0) PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_USER));
  else PetscCall(TaoSetConvergedReason(tao, TAO_CONTINUE_ITERATING));
  PetscFunctionReturn(0);
}

/* v -> grad^2_yy f(x, y) v at the start */
static PetscErrorCode HessYY_Private(Bilevel bl, Vec v, Vec w, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(BilevelComputeLowerHessianProducts(bl, bl->x, bl->y, v, bl->hx, w));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSolve_Implicit(Bilevel bl)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  TaoConvergedReason reason;

  PetscFunctionBegin;
  im->record  = bl->ckfile[0] ? PETSC_TRUE : PETSC_FALSE;
  im->ireplay = 0;
  if (bl->resumed) { /* the state of the checkpoint (BilevelCheckpointRead_Implicit()): replay the upper-level solve from its start */
    PetscCall(VecCopy(im->x0, bl->x));
    im->valid     = PETSC_FALSE;
    im->replaydev = 0;
  } else {
    PetscCall(BilevelEstimateNorm_Private(bl, 20, HessYY_Private, im->yt, im->hy, NULL, &im->Lyy));
    PetscCheck(im->Lyy > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_WRONG, "Bilevel implicit: the lower-level Hessian estimate is zero; the lower level must be strongly convex in y");
    PetscCall(VecSet(im->v, 0));
    if (bl->g) { /* augmented Lagrangian: rho = 10 |f_yy|/|J_y g|^2, multipliers from BilevelSetInitialMultipliers() or 0 */
      PetscCall(VecCopy(bl->x, im->xc));
      PetscCall(BilevelComputeConstraints_Private(bl, im->xc, bl->y, im->gc));
      PetscCall(BilevelEstimateNorm_Private(bl, 20, ImplicitJJt_Private, im->mhat, im->mu, NULL, &im->Jn2));
      PetscCheck(im->Jn2 > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_WRONG, "Bilevel implicit: the lower-level constraints do not depend on y (|J_y g| = 0)");
      im->rho0 = im->rho = 10 * im->Lyy / im->Jn2;
      if (bl->lambda0) PetscCall(VecCopy(bl->lambda0, im->mu));
      else PetscCall(VecSet(im->mu, 0));
      im->alits = 0;
    }
    im->valid    = PETSC_FALSE;
    im->lowerits = 0;
    im->kspits   = 0;
    im->nlog     = 0;
    im->nreplay  = 0;
    PetscCall(BilevelClipUpper_Private(bl, bl->x));
    PetscCall(VecCopy(bl->x, im->x0));
  }
  PetscCall(TaoSetMaximumIterations(im->tao, bl->max_it));
  if (bl->xl || bl->xu) {
    if (!im->xl) PetscCall(VecDuplicate(bl->x, &im->xl));
    if (!im->xu) PetscCall(VecDuplicate(bl->x, &im->xu));
    if (bl->xl) PetscCall(VecCopy(bl->xl, im->xl));
    else PetscCall(VecSet(im->xl, PETSC_NINFINITY));
    if (bl->xu) PetscCall(VecCopy(bl->xu, im->xu));
    else PetscCall(VecSet(im->xu, PETSC_INFINITY));
    PetscCall(TaoSetVariableBounds(im->tao, im->xl, im->xu));
  }
  PetscCall(TaoSetSolution(im->tao, bl->x));
  PetscCall(TaoSolve(im->tao));
  PetscCheck(im->ireplay == im->nreplay, PetscObjectComm((PetscObject)bl), PETSC_ERR_FILE_UNEXPECTED, "Bilevel implicit restart: the upper-level solver stopped after %" PetscInt_FMT " of the %" PetscInt_FMT " logged evaluations", im->ireplay,
             im->nreplay);
  im->nreplay = 0;
  PetscCall(TaoGetConvergedReason(im->tao, &reason));
  if (bl->reason == BILEVEL_CONVERGED_ITERATING) { /* Tao stopped by itself (line search failure, function evaluations) */
    PetscCall(PetscInfo(bl, "Upper-level Tao stopped with %s\n", TaoConvergedReasons[reason]));
    bl->reason = reason > 0 ? BILEVEL_CONVERGED_USER : BILEVEL_DIVERGED_USER;
  }
  bl->its++;
  PetscFunctionReturn(0);
}

/*
  The checkpoint of the implicit type: the scalar state, x0, the adjoint v (warm start of the next adjoint solve), and
  the log of the upper-level evaluations (Phi, |grad_y f|, |x| and the hypergradient of each, the gradients as one
  dataset in the natural order of x: entry i of evaluation e at i * nlog + e, so any number of ranks reads it).
  bl->y, stored by the class, is the warm start of the next lower-level solve.
*/
static PetscErrorCode ImplicitLogVec_Private(Bilevel bl, PetscInt nlog, Vec *L)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(VecCreateMPI(PetscObjectComm((PetscObject)bl), im->nloc * nlog, PETSC_DETERMINE, L));
  PetscCall(PetscObjectSetName((PetscObject)*L, "gradients"));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelCheckpointWrite_Implicit(Bilevel bl, PetscViewer viewer, const char group[])
{
  Bilevel_Implicit *im      = (Bilevel_Implicit *)bl->data;
  const char       *names[] = {"x0", "v"};
  Vec               v[2]    = {im->x0, im->v}, L;
  PetscReal         st[4]   = {im->Lyy, (PetscReal)im->lowerits, (PetscReal)im->kspits, (PetscReal)im->nlog};
  PetscScalar      *a;

  PetscFunctionBegin;
  PetscCheck(im->record && im->nlog > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_PLIB, "Bilevel implicit: no evaluation log to checkpoint");
  PetscCall(BilevelCheckpointWriteState_Private(bl, viewer, group, 4, st, 2, v, names));
  PetscCall(TesseraIOWriteArray(viewer, group, "Phi", im->nlog, im->logPhi));
  PetscCall(TesseraIOWriteArray(viewer, group, "ygap", im->nlog, im->logYgap));
  PetscCall(TesseraIOWriteArray(viewer, group, "xnorm", im->nlog, im->logXn));
  PetscCall(ImplicitLogVec_Private(bl, im->nlog, &L));
  PetscCall(VecGetArray(L, &a));
  for (PetscInt e = 0; e < im->nlog; e++)
    for (PetscInt i = 0; i < im->nloc; i++) a[i * im->nlog + e] = im->logG[e * im->nloc + i];
  PetscCall(VecRestoreArray(L, &a));
  PetscCall(TesseraIOWriteVec(viewer, group, L));
  PetscCall(VecDestroy(&L));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelCheckpointRead_Implicit(Bilevel bl, PetscViewer viewer, const char group[])
{
  Bilevel_Implicit *im      = (Bilevel_Implicit *)bl->data;
  const char       *names[] = {"x0", "v"};
  Vec               v[2]    = {im->x0, im->v}, L;
  PetscReal         st[4];
  PetscInt          nlog, n;
  MPI_Comm          comm = PetscObjectComm((PetscObject)bl);
  PetscScalar      *a;

  PetscFunctionBegin;
  PetscCall(BilevelCheckpointReadState_Private(bl, viewer, group, 4, st, 2, v, names));
  nlog = (PetscInt)st[3];
  PetscCheck(st[0] > 0 && st[1] >= 0 && st[2] >= 0 && st[3] >= 1 && st[3] == (PetscReal)nlog, comm, PETSC_ERR_FILE_UNEXPECTED, "Bilevel implicit checkpoint: implausible state (estimate |f_yy| %g, iterations %g and %g, evaluations %g)", (double)st[0],
             (double)st[1], (double)st[2], (double)st[3]);
  PetscCall(TesseraIOGetArraySize(viewer, group, "Phi", &n));
  PetscCheck(n == nlog, comm, PETSC_ERR_FILE_UNEXPECTED, "Bilevel implicit checkpoint: %" PetscInt_FMT " logged objective values for %" PetscInt_FMT " evaluations", n, nlog);
  PetscCall(PetscFree4(im->logPhi, im->logYgap, im->logXn, im->logG));
  PetscCall(PetscMalloc4(nlog, &im->logPhi, nlog, &im->logYgap, nlog, &im->logXn, nlog * im->nloc, &im->logG));
  im->logcap = nlog;
  PetscCall(TesseraIOReadArray(viewer, group, "Phi", nlog, im->logPhi));
  PetscCall(TesseraIOReadArray(viewer, group, "ygap", nlog, im->logYgap));
  PetscCall(TesseraIOReadArray(viewer, group, "xnorm", nlog, im->logXn));
  PetscCall(ImplicitLogVec_Private(bl, nlog, &L));
  PetscCall(TesseraIOReadVec(viewer, group, L));
  PetscCall(VecGetArray(L, &a));
  for (PetscInt e = 0; e < nlog; e++)
    for (PetscInt i = 0; i < im->nloc; i++) im->logG[e * im->nloc + i] = PetscRealPart(a[i * nlog + e]);
  PetscCall(VecRestoreArray(L, &a));
  PetscCall(VecDestroy(&L));
  im->Lyy      = st[0];
  im->lowerits = (PetscInt)st[1];
  im->kspits   = (PetscInt)st[2];
  im->nlog     = nlog;
  im->nreplay  = nlog;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSetUp_Implicit(Bilevel bl)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  MPI_Comm          comm;
  PetscInt          m, mloc;
  PC                pc;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)bl, &comm));
  if (bl->g) {
    PetscBool affine;

    PetscCall(BilevelConstraintsAffine_Private(bl, &affine));
    PetscCheck(affine, comm, PETSC_ERR_SUP, "Bilevel implicit with lower-level constraints needs them affine in (x, y) (the KKT system of the hypergradient omits their curvature): use -bilevel_type lvhba");
  }
  PetscCheck(!bl->proj, comm, PETSC_ERR_SUP, "Bilevel implicit does not take a projection onto a coupled set C: use -bilevel_type lvhba");
  PetscCall(VecDuplicate(bl->x, &im->xc));
  PetscCall(VecDuplicate(bl->x, &im->x0));
  PetscCall(VecGetLocalSize(bl->x, &im->nloc));
  PetscCall(VecDuplicate(bl->y, &im->hy));
  PetscCall(VecDuplicate(bl->y, &im->yt));
  if (bl->g) {
    PetscInt l, lloc;

    PetscCall(VecGetSize(bl->g, &l));
    PetscCall(VecGetLocalSize(bl->g, &lloc));
    PetscCall(VecGetSize(bl->y, &m));
    PetscCall(VecGetLocalSize(bl->y, &mloc));
    PetscCall(VecDuplicate(bl->g, &im->mu));
    PetscCall(VecDuplicate(bl->g, &im->mhat));
    PetscCall(VecDuplicate(bl->g, &im->gc));
    PetscCall(VecDuplicate(bl->g, &im->gt));
    PetscCall(VecDuplicate(bl->g, &im->act));
    PetscCall(VecCreateMPIWithArray(comm, 1, mloc, m, NULL, &im->zv));
    PetscCall(VecCreateMPIWithArray(comm, 1, mloc, m, NULL, &im->ov));
    PetscCall(VecCreateMPIWithArray(comm, 1, lloc, l, NULL, &im->zw));
    PetscCall(VecCreateMPIWithArray(comm, 1, lloc, l, NULL, &im->ow));
    PetscCall(MatCreateShell(comm, mloc, mloc, m, m, bl, &im->Hal));
    PetscCall(MatShellSetOperation(im->Hal, MATOP_MULT, (void (*)(void))ImplicitALHessMult_Private));
    PetscCall(MatSetOption(im->Hal, MAT_SYMMETRIC, PETSC_TRUE));
    PetscCall(MatCreateShell(comm, mloc + lloc, mloc + lloc, m + l, m + l, bl, &im->K));
    PetscCall(MatShellSetOperation(im->K, MATOP_MULT, (void (*)(void))ImplicitKKTMult_Private));
    PetscCall(MatSetOption(im->K, MAT_SYMMETRIC, PETSC_TRUE));
    PetscCall(MatCreateVecs(im->K, &im->v, &im->rhs));
  } else PetscCall(VecDuplicate(bl->y, &im->v));
  PetscCall(VecGetSize(bl->y, &m));
  PetscCall(VecGetLocalSize(bl->y, &mloc));
  PetscCall(MatCreateShell(comm, mloc, mloc, m, m, bl, &im->H));
  PetscCall(MatShellSetOperation(im->H, MATOP_MULT, (void (*)(void))ImplicitHessMult_Private));
  PetscCall(MatSetOption(im->H, MAT_SYMMETRIC, PETSC_TRUE));
  PetscCall(KSPGetPC(im->ksp, &pc));
  PetscCall(PCSetType(pc, PCNONE));
  if (bl->g) { /* the KKT matrix is symmetric indefinite: MINRES unless the user chose a KSP other than the default CG */
    PetscBool iscg;

    PetscCall(KSPSetOperators(im->ksp, im->K, im->K));
    PetscCall(PetscObjectTypeCompare((PetscObject)im->ksp, KSPCG, &iscg));
    if (iscg) PetscCall(KSPSetType(im->ksp, KSPMINRES));
    PetscCall(TaoSetHessian(im->lower, im->Hal, im->Hal, ImplicitALHessian_Private, bl));
    PetscCall(TaoSetObjectiveAndGradient(im->lower, NULL, ImplicitALObjective_Private, bl));
  } else {
    PetscCall(KSPSetOperators(im->ksp, im->H, im->H));
    PetscCall(TaoSetHessian(im->lower, im->H, im->H, ImplicitLowerHessian_Private, bl));
    PetscCall(TaoSetObjectiveAndGradient(im->lower, NULL, ImplicitLowerObjective_Private, bl));
  }
  PetscCall(TaoSetObjectiveAndGradient(im->tao, NULL, ImplicitUpperObjective_Private, bl));
  PetscCall(TaoSetConvergenceTest(im->tao, ImplicitConverged_Private, bl));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelReset_Implicit(Bilevel bl)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&im->xc));
  PetscCall(VecDestroy(&im->x0));
  PetscCall(PetscFree4(im->logPhi, im->logYgap, im->logXn, im->logG));
  im->nlog    = 0;
  im->logcap  = 0;
  im->nreplay = 0;
  PetscCall(VecDestroy(&im->v));
  PetscCall(VecDestroy(&im->hy));
  PetscCall(VecDestroy(&im->xl));
  PetscCall(VecDestroy(&im->xu));
  PetscCall(MatDestroy(&im->H));
  PetscCall(MatDestroy(&im->Hal));
  PetscCall(MatDestroy(&im->K));
  PetscCall(VecDestroy(&im->mu));
  PetscCall(VecDestroy(&im->mhat));
  PetscCall(VecDestroy(&im->gc));
  PetscCall(VecDestroy(&im->gt));
  PetscCall(VecDestroy(&im->act));
  PetscCall(VecDestroy(&im->yt));
  PetscCall(VecDestroy(&im->zv));
  PetscCall(VecDestroy(&im->zw));
  PetscCall(VecDestroy(&im->ov));
  PetscCall(VecDestroy(&im->ow));
  PetscCall(VecDestroy(&im->rhs));
  PetscFunctionReturn(0);
}

/* the inner objects' prefixes follow the Bilevel's: <prefix>bilevel_implicit_, ..._lower_, ..._adjoint_ */
static PetscErrorCode BilevelImplicitSetPrefixes_Private(Bilevel bl)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  const char       *prefix;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetOptionsPrefix((PetscObject)bl, &prefix));
  PetscCall(TaoSetOptionsPrefix(im->tao, prefix));
  PetscCall(TaoAppendOptionsPrefix(im->tao, "bilevel_implicit_"));
  PetscCall(TaoSetOptionsPrefix(im->lower, prefix));
  PetscCall(TaoAppendOptionsPrefix(im->lower, "bilevel_implicit_lower_"));
  PetscCall(KSPSetOptionsPrefix(im->ksp, prefix));
  PetscCall(KSPAppendOptionsPrefix(im->ksp, "bilevel_implicit_adjoint_"));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSetFromOptions_Implicit(Bilevel bl, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "Bilevel implicit options");
  PetscCall(TesseraOptionsRealPositive("-bilevel_implicit_lower_rtol", "Lower-level tolerance: |grad_y f| <= rtol |f_yy| (1 + |y|)", "BILEVELIMPLICIT", im->ltol, &im->ltol, NULL, 1));
  PetscCall(TesseraOptionsIntInRange("-bilevel_implicit_stagnation_its", "Stop with DIVERGED_STAGNATION when neither Phi has decreased by 1e-10 relative nor |grad Phi| by 10 % in this many iterations", "BILEVELIMPLICIT", im->stagits, &im->stagits,
                                     NULL, 1, PETSC_MAX_INT));
  PetscOptionsHeadEnd();
  PetscCheck(im->ltol > 0 && im->ltol < 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_implicit_lower_rtol %g must lie in (0, 1)", (double)im->ltol);
  PetscCall(BilevelImplicitSetPrefixes_Private(bl));
  PetscCall(TaoSetFromOptions(im->tao));
  PetscCall(TaoSetFromOptions(im->lower));
  PetscCall(KSPSetFromOptions(im->ksp));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelView_Implicit(Bilevel bl, PetscViewer viewer)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "implicit: lower-level iterations %" PetscInt_FMT ", adjoint KSP iterations %" PetscInt_FMT " in the last solve (estimate |f_yy| %g)\n", im->lowerits, im->kspits, (double)im->Lyy));
  if (im->K)
    PetscCall(PetscViewerASCIIPrintf(viewer, "implicit: lower-level constraints by the augmented Lagrangian (%" PetscInt_FMT " outer iterations, penalty %g from %g, estimate |J_y g|^2 %g), adjoint by the KKT system of the active constraints\n",
                                     im->alits, (double)im->rho, (double)im->rho0, (double)im->Jn2));
  PetscCall(PetscViewerASCIIPrintf(viewer, "implicit: upper-level solver\n"));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  PetscCall(TaoView(im->tao, viewer));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscCall(PetscViewerASCIIPrintf(viewer, "implicit: lower-level solver\n"));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  PetscCall(TaoView(im->lower, viewer));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscCall(PetscViewerASCIIPrintf(viewer, "implicit: adjoint solver\n"));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  PetscCall(KSPView(im->ksp, viewer));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelImplicitGetSolvers_Implicit(Bilevel bl, Tao *upper, Tao *lower, KSP *adjoint)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(BilevelImplicitSetPrefixes_Private(bl));
  if (upper) *upper = im->tao;
  if (lower) *lower = im->lower;
  if (adjoint) *adjoint = im->ksp;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelDestroy_Implicit(Bilevel bl)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(TaoDestroy(&im->tao));
  PetscCall(TaoDestroy(&im->lower));
  PetscCall(KSPDestroy(&im->ksp));
  PetscCall(PetscFree(bl->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitGetSolvers_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  BILEVELIMPLICIT - "implicit": exact hypergradients by implicit differentiation, the accuracy reference of the
  Bilevel types, for a lower level strongly convex in y, unconstrained or with constraints g(x, y) <= 0 (or = 0)
  affine in (x, y)

  Options Database Keys:
+ -bilevel_implicit_tao_type <bqnls>         - upper-level Tao solver (bound-constrained quasi-Newton)
. -bilevel_implicit_lower_tao_type <nls>     - lower-level Tao solver (Newton on the Hessian-vector product; lmvm: quasi-Newton)
. -bilevel_implicit_lower_rtol <1e-12>       - lower-level tolerance |grad_y f| <= rtol |f_yy| (1 + |y|)
. -bilevel_implicit_stagnation_its <20>      - stop with `BILEVEL_DIVERGED_STAGNATION` when neither Phi has decreased by 1e-10 |Phi| nor |grad Phi| by 10 % in this many iterations
- -bilevel_implicit_adjoint_ksp_type <cg>    - adjoint solver on the Hessian MatShell (PC none by default)

  Level: beginner

  Notes:
  Each upper-level function evaluation solves the lower level to tolerance, the adjoint system
  grad^2_yy f v = grad_y F with the lower-level Hessian-vector products (`BilevelSetLowerHessianProducts()` or central
  differences of gradients) and forms grad Phi = grad_x F - grad^2_xy f v. Residual: |grad Phi|; gap: |grad_y f|/|f_yy|;
  the default relative tolerance is 1e-10 of |grad F(x_k, y_k)|. Where Phi is not differentiable (a kink of y*(x),
  e.g. a sample on the margin of a squared hinge) the quasi-Newton line search can fail at every iteration and fall
  back to steps that leave Phi unchanged while each trial point costs a lower-level and an adjoint solve: the solve
  then stops with `BILEVEL_DIVERGED_STAGNATION` (neither a decrease of Phi by 1e-10 |Phi| nor of |grad Phi| by 10 %
  in -bilevel_implicit_stagnation_its iterations). The lower-level Tao (10000 iterations) and the adjoint KSP (10000 iterations) have budgets of their own;
  a solve that misses its tolerance raises an error naming it. Projections onto a coupled set C are not supported
  (an error says so). `BilevelImplicitGetSolvers()` returns the inner solvers.

  Lower-level constraints (affine in (x, y), checked in `BilevelSetUp()`; they may couple x and y): the lower level
  is solved by the augmented-Lagrangian method, each subproblem min_y f + sum_i (mhat_i^2 - mu_i^2)/(2 rho),
  mhat = max(0, mu + rho g) (inequalities; mu + rho g for equalities), by the lower-level Tao (Newton on the MatShell
  f_yy + rho J_A^T J_A, J_y v exact from differences of the affine g), then mu <- mhat, until max|mhat - mu|/rho
  (violation of the constraints and of complementarity) is below rtol (1 + |y|) |J_y g|; rho starts at
  10 |f_yy|/|J_y g|^2 (power methods) and grows 10-fold when that measure does not fall 4-fold. With the active set
  A = {mu_i > 0} (all rows for equalities) the hypergradient comes from the KKT system of the active constraints,
  [f_yy J_A^T; J_A 0] [v; w] = [F_y; 0] (MINRES on a MatShell of size m + l, identity on inactive rows), and
  grad Phi = F_x - f_xy v - J_{x,A}^T w. This is the derivative of Phi where the active set is locally constant (strict
  complementarity); at a change of the active set Phi has a kink and the upper-level quasi-Newton sees a one-sided
  derivative. The gap is |grad_y f + J_y^T mu|/|f_yy|. A lower level whose solution set is not a single point (as the
  toy's, f_yy singular on the constraints' null space) is outside the method.

  Checkpoints (`BilevelSetCheckpoint()`): the upper-level Tao keeps state that PETSc does not expose (BQNLS: the
  limited-memory pairs and the diagonal scaling built from the whole history, the bound-tolerance of its active-set
  estimate, line-search and step counters). Storing only the quasi-Newton pairs and replaying `MatLMVMUpdate()` would
  leave the rest out and the resumed iterates would differ. Instead the checkpoint stores the log of every
  upper-level evaluation (Phi, grad Phi, |grad_y f| and |x|), the start x0, the adjoint v and y of the last
  evaluation. A restart runs the upper-level Tao again from x0 and answers its first evaluations from the log (no
  lower-level or adjoint solve), so the Tao passes through exactly the operations of the interrupted run, whatever
  upper-level type is selected; then it continues with true evaluations warm-started from the stored y and v. On the
  same number of ranks the resumed run is bit-identical to the uninterrupted one. Cost: the log grows by one
  upper-level gradient per evaluation (memory and file size n per evaluation), and a restart repeats the Tao's own
  vector work of the replayed iterations (milliseconds; the expensive solves are not repeated). The point of each
  replayed evaluation is checked against the log (|x| to 1e-6 relative): resuming with other upper-level Tao options
  is refused.

.seealso: `Bilevel`, `BILEVELLVHBA`, `BILEVELBOREP`, `BilevelImplicitGetSolvers()`
M*/
PetscErrorCode BilevelCreate_Implicit(Bilevel bl)
{
  Bilevel_Implicit *im;
  MPI_Comm          comm;
  KSP               ksp;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)bl, &comm));
  PetscCall(PetscNew(&im));
  bl->data         = (void *)im;
  bl->rtol_default = 1e-10;
  PetscCall(TaoCreate(comm, &im->tao));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)im->tao, (PetscObject)bl, 1));
  PetscCall(TaoSetType(im->tao, TAOBQNLS));
  PetscCall(TaoSetTolerances(im->tao, 0, 0, 0));
  PetscCall(TaoSetMaximumFunctionEvaluations(im->tao, PETSC_MAX_INT));
  PetscCall(TaoCreate(comm, &im->lower));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)im->lower, (PetscObject)bl, 1));
  PetscCall(TaoSetType(im->lower, TAONLS));
  PetscCall(TaoGetKSP(im->lower, &ksp));
  if (ksp) {
    PC pc;

    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PCSetType(pc, PCNONE)); /* the Hessian is a MatShell of products */
  }
  PetscCall(TaoSetMaximumIterations(im->lower, 10000));
  im->ltol    = 1e-12;
  im->stagits = 20;
  PetscCall(KSPCreate(comm, &im->ksp));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)im->ksp, (PetscObject)bl, 1));
  PetscCall(KSPSetType(im->ksp, KSPCG));
  PetscCall(KSPSetTolerances(im->ksp, 1e-12, 0, PETSC_DEFAULT, 10000));
  PetscCall(KSPSetInitialGuessNonzero(im->ksp, PETSC_TRUE));
  bl->ops->setup           = BilevelSetUp_Implicit;
  bl->ops->solve           = BilevelSolve_Implicit;
  bl->ops->setfromoptions  = BilevelSetFromOptions_Implicit;
  bl->ops->view            = BilevelView_Implicit;
  bl->ops->reset           = BilevelReset_Implicit;
  bl->ops->destroy         = BilevelDestroy_Implicit;
  bl->ops->checkpointwrite = BilevelCheckpointWrite_Implicit;
  bl->ops->checkpointread  = BilevelCheckpointRead_Implicit;
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitGetSolvers_C", BilevelImplicitGetSolvers_Implicit));
  PetscFunctionReturn(0);
}

/*@
  BilevelImplicitGetSolvers - Gets the inner solvers of a `BILEVELIMPLICIT` solver, to configure them in code

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ upper   - the upper-level Tao (may be NULL)
. lower   - the lower-level Tao (may be NULL)
- adjoint - the KSP of the adjoint system (may be NULL)

  Level: intermediate

.seealso: `BILEVELIMPLICIT`
@*/
PetscErrorCode BilevelImplicitGetSolvers(Bilevel bl, Tao *upper, Tao *lower, KSP *adjoint)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelImplicitGetSolvers_C", (Bilevel, Tao *, Tao *, KSP *), (bl, upper, lower, adjoint));
  PetscFunctionReturn(0);
}
