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

   Lower level with several solutions (f merely convex in y): the optimistic selection y0(x) = argmin_{y in S(x)} F(x, y)
   through the regularised lower level f + sigma F (unique solution y_sigma(x) -> y0(x) where F is strongly convex in y
   on the null space of f_yy), a continuation sigma_k = sigma_0 q^-k, Newton polish of each stage on grad Phi_sigma = 0,
   and Neville (Richardson) extrapolation of the stage solutions to sigma = 0.

   Reference: the implicit function theorem applied to grad_y f(x, y*(x)) = 0, as in the hypergradient literature
   (e.g. Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016). Regularised selection of the
   optimistic lower-level solution: the Tikhonov-type regularisation of bilevel problems with non-unique lower-level
   solutions (e.g. Dempe, "Foundations of Bilevel Programming", Kluwer 2002); Richardson
   extrapolation: e.g. Brezinski and Redivo Zaglia, "Extrapolation Methods: Theory and Practice", North-Holland 1991.
*/
#include <bilevelimpl.h>
#include <petsctao.h>
#include <tesseraio.h>

typedef struct {
  Tao       tao, lower; /* upper-level and lower-level solvers */
  KSP       ksp;        /* adjoint solver */
  Mat       H;          /* MatShell: v -> grad^2_yy f(xc, y) v */
  Mat       Ht, Halt;   /* the same MatShells (of H and Hal) for the lower-level Tao only: TAONLS shifts its Hessian
                           (MatShift) when a Newton step fails, and a MatShell keeps such a shift for later products */
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

  /* optimistic selection (lower level not strongly convex): the lower level f + sigma F, sigma -> 0 by continuation,
     Richardson (Neville) extrapolation of the stage solutions (x, y, mu) to sigma = 0 */
  BilevelImplicitSelectionType sel;
  PetscReal                    sigma0, sigq; /* first sigma (relative to |f_yy|/|F_yy|), reduction factor per stage */
  PetscInt                     maxstages;
  PetscReal                    selrtol;                     /* tolerance of the extrapolation's error estimate, relative to 1 + |(x, y)| */
  PetscReal                    sigma;                       /* absolute sigma of the current stage (0: no selection) */
  PetscReal                    sigscale;                    /* |f_yy|/|F_yy| (power methods at the start) */
  PetscReal                    LFyy;                        /* estimate of |F_yy| */
  PetscReal                   *sig;                         /* relative sigma of each stage */
  PetscInt                     stages;                      /* stages of the last solve */
  PetscReal                    selerr;                      /* extrapolation error estimate at the end of the last solve */
  PetscReal                    selgap;                      /* lower-level gap of the extrapolated point, |grad_y f + J_y^T mu|/|f_yy| */
  PetscInt                     itoff;                       /* Bilevel iterations of the previous stages */
  Vec                         *Rx, *Ry, *Rm, *Px, *Py, *Pm; /* current and previous row of the Neville tables */
  Vec                          ux, uy;                      /* work: the upper-level gradient inside the lower level */
  PetscInt                     nalloc;                      /* length of the rows allocated in set-up */
  KSP                          pksp;                        /* Newton polish of a stage: CG on the Hessian of Phi_sigma */
  Mat                          Hphi;                        /* MatShell: v -> (grad Phi(px + h v) - grad Phi(px))/h */
  Vec                          px, pg, pd, pt, pgt;         /* base point, its hypergradient, step, trial point, its hypergradient */
  PetscInt                     polishits;                   /* Newton polish steps accepted in the last solve */
  KSP                          lksp;                        /* Newton polish of the lower level (selection): CG on its Hessian MatShell */
  Vec                          lg, ld, ly;                  /* its gradient, step, and the point before the step */
  PetscInt                     lpolishits;                  /* lower-level polish steps accepted in the last solve */
} Bilevel_Implicit;

/* products of the lower-level Hessian at (xc, bl->y), with the selection term: (f_xy + sigma F_xy) v, (f_yy + sigma F_yy) v */
static PetscErrorCode ImplicitProducts_Private(Bilevel bl, Vec v, Vec hx, Vec hy)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(BilevelComputeLowerHessianProducts(bl, im->xc, bl->y, v, hx, hy));
  if (im->sigma > 0) {
    PetscCall(BilevelComputeUpperHessianProducts(bl, im->xc, bl->y, v, bl->uhx, bl->uhy));
    PetscCall(VecAXPY(hx, im->sigma, bl->uhx));
    PetscCall(VecAXPY(hy, im->sigma, bl->uhy));
  }
  PetscFunctionReturn(0);
}

/* the lower-level objective and its gradients, with the selection term: f + sigma F */
static PetscErrorCode ImplicitLower_Private(Bilevel bl, Vec X, Vec Y, PetscReal *f, Vec gx, Vec gy)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(BilevelComputeLower_Private(bl, X, Y, f, gx, gy));
  if (im->sigma > 0) {
    PetscReal F;

    PetscCall(BilevelComputeUpper_Private(bl, X, Y, &F, im->ux, im->uy));
    *f += im->sigma * F;
    PetscCall(VecAXPY(gx, im->sigma, im->ux));
    PetscCall(VecAXPY(gy, im->sigma, im->uy));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ImplicitHessMult_Private(Mat H, Vec v, Vec w)
{
  Bilevel bl;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(H, &bl));
  PetscCall(ImplicitProducts_Private(bl, v, bl->hx, w));
  PetscFunctionReturn(0);
}

/* the lower-level objective at the fixed upper-level point xc */
static PetscErrorCode ImplicitLowerObjective_Private(Tao tao, Vec Y, PetscReal *f, Vec G, void *ctx)
{
  Bilevel           bl = (Bilevel)ctx;
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(ImplicitLower_Private(bl, im->xc, Y, f, bl->fx, G));
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
  PetscCall(ImplicitLower_Private(bl, im->xc, Y, f, bl->fx, G));
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
  PetscCall(ImplicitProducts_Private(bl, im->zv, bl->hx, im->ov));
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

/* Newton polish of the lower-level (sub)problem with the selection: its weakest curvature is sigma |F_yy|, so the
   line search of the lower-level Tao stalls where the decrease |g|^2/(sigma |F_yy|) reaches the rounding of the
   objective, while |g|/(sigma |F_yy|) is still the error in y. Newton steps y <- y - H^{-1} g (CG on the Hessian
   MatShell of the solve, at most 3) are taken while they halve |g|; the objective's value is not used. */
static PetscErrorCode ImplicitLowerPolish_Private(Bilevel bl, TaoConvergedReason *lreason)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  PetscReal          f, gn, gt;
  KSPConvergedReason kr;

  PetscFunctionBegin;
  if (!(im->sigma > 0)) PetscFunctionReturn(0);
  if (bl->g) PetscCall(ImplicitALObjective_Private(im->lower, bl->y, &f, im->lg, bl));
  else PetscCall(ImplicitLowerObjective_Private(im->lower, bl->y, &f, im->lg, bl));
  PetscCall(VecNorm(im->lg, NORM_2, &gn));
  for (PetscInt k = 0; k < 3 && gn > 0; k++) {
    if (bl->g) PetscCall(ImplicitALHessian_Private(im->lower, bl->y, im->Hal, im->Hal, bl));
    PetscCall(VecSet(im->ld, 0));
    PetscCall(KSPSolve(im->lksp, im->lg, im->ld));
    PetscCall(KSPGetConvergedReason(im->lksp, &kr));
    if (kr < 0 && kr != KSP_DIVERGED_ITS) break;
    PetscCall(VecCopy(bl->y, im->ly));
    PetscCall(VecAXPY(bl->y, -1, im->ld));
    if (bl->g) PetscCall(ImplicitALObjective_Private(im->lower, bl->y, &f, im->ld, bl));
    else PetscCall(ImplicitLowerObjective_Private(im->lower, bl->y, &f, im->ld, bl));
    PetscCall(VecNorm(im->ld, NORM_2, &gt));
    PetscCall(PetscInfo(bl, "Lower-level Newton polish %" PetscInt_FMT ": |g| %g -> %g (tolerance %g, CG %s, rho %g)\n", k, (double)gn, (double)gt, (double)im->lgatol, KSPConvergedReasons[kr], (double)im->rho));
    if (!(gt <= 0.5 * gn)) {
      PetscCall(VecCopy(im->ly, bl->y));
      break;
    }
    PetscCall(VecCopy(im->ld, im->lg));
    gn = gt;
    im->lpolishits++;
  }
  if (gn <= im->lgatol) *lreason = TAO_CONVERGED_GATOL;
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
    PetscCall(ImplicitLowerPolish_Private(bl, lreason));
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
  PetscCall(ImplicitLower_Private(bl, im->xc, bl->y, &f, bl->fx, bl->fy));
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
  PetscCall(ImplicitProducts_Private(bl, im->zv, bl->hx, im->hy));
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
  /* with the selection the weakest curvature of the lower level is sigma |F_yy| ~ sigma_rel |f_yy|: the gradient
     tolerance shrinks with sigma_rel (down to 1e-3 of itself, above rounding) so that y keeps its accuracy */
  im->lgatol = im->ltol * im->Lyy * (1 + yn) * (im->sigma > 0 ? PetscMax(PetscMin(im->sigma / im->sigscale, 1), 1e-3) : 1);
  PetscCall(TaoSetTolerances(im->lower, im->lgatol, 0, 0));
  PetscCall(TaoSetSolution(im->lower, bl->y));
  if (bl->g) PetscCall(ImplicitLowerSolveAL_Private(bl, &its, &lreason));
  else {
    PetscCall(TaoSolve(im->lower));
    PetscCall(TaoGetConvergedReason(im->lower, &lreason));
    PetscCall(TaoGetIterationNumber(im->lower, &its));
    PetscCall(ImplicitLowerPolish_Private(bl, &lreason));
    PetscCall(ImplicitLower_Private(bl, im->xc, bl->y, &f, bl->fx, bl->fy));
    PetscCall(VecNorm(bl->fy, NORM_2, &im->ygap));
  }
  im->lowerits += its;
  /* a line search that fails at round-off with the gradient within 1e4 of the tolerance is a converged solve */
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
  PetscCheck(kreason > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_NOT_CONVERGED,
             "Bilevel implicit: the adjoint solve grad^2_yy f v = grad_y F did not converge (%s); is f strongly convex in y (on the null space of the active constraints)? A lower level with several solutions needs -bilevel_implicit_selection upper; "
             "see also -bilevel_implicit_adjoint_ksp_*",
             KSPConvergedReasons[kreason]);
  if (!bl->g) {
    PetscCall(ImplicitProducts_Private(bl, im->v, bl->hx, im->hy));
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
  bl->its    = im->itoff + its;
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

/* one solve of the upper level by its Tao from bl->x; the Bilevel reason from the convergence test, or from Tao's own stop */
static PetscErrorCode ImplicitUpperSolve_Private(Bilevel bl)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  TaoConvergedReason reason;

  PetscFunctionBegin;
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
  PetscFunctionReturn(0);
}

/* v -> grad^2_yy F(x, y) v at the start */
static PetscErrorCode UpperHessYY_Private(Bilevel bl, Vec v, Vec w, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(BilevelComputeUpperHessianProducts(bl, bl->x, bl->y, v, bl->uhx, w));
  PetscFunctionReturn(0);
}

/* row k of a Neville table for the extrapolation to sigma = 0 from the stage solutions X_0..X_k at sig[0..k]:
   R_0 = X_k, R_j = R_{j-1} + (R_{j-1} - P_{j-1})/(sig[k-j]/sig[k] - 1), P the previous row (R_k: polynomial of degree k) */
static PetscErrorCode ImplicitNevilleRow_Private(PetscInt k, const PetscReal sig[], Vec X, Vec P[], Vec R[])
{
  PetscFunctionBegin;
  PetscCall(VecCopy(X, R[0]));
  for (PetscInt j = 1; j <= k; j++) {
    PetscCall(VecWAXPY(R[j], -1, P[j - 1], R[j - 1]));
    PetscCall(VecAYPX(R[j], 1 / (sig[k - j] / sig[k] - 1), R[j - 1]));
  }
  PetscFunctionReturn(0);
}

/* |a - b|^2 */
static PetscErrorCode ImplicitDist2_Private(Vec a, Vec b, Vec w, PetscReal *d2)
{
  PetscReal d;

  PetscFunctionBegin;
  PetscCall(VecWAXPY(w, -1, b, a));
  PetscCall(VecNorm(w, NORM_2, &d));
  *d2 = d * d;
  PetscFunctionReturn(0);
}

static PetscErrorCode ImplicitEvaluate_Private(Bilevel, Vec, PetscReal *, Vec);

/* Hessian of Phi_sigma times v by a forward difference of the exact hypergradient at the base point px */
static PetscErrorCode ImplicitPhiHessMult_Private(Mat H, Vec v, Vec w)
{
  Bilevel           bl;
  Bilevel_Implicit *im;
  PetscReal         vn, xn, h, Phi;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(H, &bl));
  im = (Bilevel_Implicit *)bl->data;
  PetscCall(VecNorm(v, NORM_2, &vn));
  if (vn == 0) {
    PetscCall(VecSet(w, 0));
    PetscFunctionReturn(0);
  }
  PetscCall(VecNorm(im->px, NORM_2, &xn));
  h = 1e-6 * (1 + xn) / vn;
  PetscCall(VecWAXPY(im->pt, h, v, im->px));
  PetscCall(ImplicitEvaluate_Private(bl, im->pt, &Phi, w));
  PetscCall(VecAXPY(w, -1, im->pg));
  PetscCall(VecScale(w, 1 / h));
  PetscFunctionReturn(0);
}

/* Newton polish of a stage solution: the upper-level line search works on Phi values and stalls where the decrease
   |grad Phi|^2/|Phi''| falls below the rounding of Phi (|grad Phi| ~ 1e-8 for Phi ~ 1), well before the hypergradient's
   own accuracy. Newton steps on grad Phi = 0 (CG on forward differences of the exact hypergradient) are accepted while
   they reduce |grad Phi| at least 2-fold, at most 5 of them; no function values are used. Not with bounds on x. On
   return (x, y, mu) belong together and *gn is |grad Phi(x)|. */
static PetscErrorCode ImplicitPolish_Private(Bilevel bl, PetscReal *Phi, PetscReal *gn)
{
  Bilevel_Implicit  *im = (Bilevel_Implicit *)bl->data;
  PetscReal          Pt, gt;
  KSPConvergedReason kr;
  PetscBool          moved = PETSC_FALSE;

  PetscFunctionBegin;
  PetscCall(ImplicitEvaluate_Private(bl, bl->x, Phi, im->pg));
  PetscCall(VecNorm(im->pg, NORM_2, gn));
  for (PetscInt k = 0; k < 5 && *gn > 0; k++) {
    PetscCall(VecCopy(bl->x, im->px));
    PetscCall(VecCopy(im->pg, im->pgt));
    PetscCall(VecScale(im->pgt, -1));
    PetscCall(VecSet(im->pd, 0));
    PetscCall(KSPSolve(im->pksp, im->pgt, im->pd));
    PetscCall(KSPGetConvergedReason(im->pksp, &kr));
    moved = PETSC_TRUE;
    if (kr < 0 && kr != KSP_DIVERGED_ITS) break; /* indefinite or broken down: no Newton step */
    PetscCall(VecWAXPY(im->pt, 1, im->pd, im->px));
    PetscCall(ImplicitEvaluate_Private(bl, im->pt, &Pt, im->pgt));
    PetscCall(VecNorm(im->pgt, NORM_2, &gt));
    PetscCall(PetscInfo(bl, "Newton polish %" PetscInt_FMT ": |grad Phi| %g -> %g (%s)\n", k, (double)*gn, (double)gt, gt <= 0.5 * *gn ? "accepted" : "rejected"));
    if (!(gt <= 0.5 * *gn)) break;
    PetscCall(VecCopy(im->pt, bl->x));
    PetscCall(VecCopy(im->pgt, im->pg));
    *gn   = gt;
    *Phi  = Pt;
    moved = PETSC_FALSE;
    im->polishits++;
  }
  if (moved) PetscCall(ImplicitEvaluate_Private(bl, bl->x, Phi, im->pg)); /* y, mu and v of x again */
  PetscFunctionReturn(0);
}

/* the extrapolated point: F, f, and the lower-level gap |grad_y f + J_y^T mu|/|f_yy| (+ the constraint violation
   max(g, 0) or |g| over |J_y g|, a distance in y) of the original lower level, logged as one more iteration */
static PetscErrorCode ImplicitSelectionFinish_Private(Bilevel bl, PetscBool conv)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;
  PetscReal         F, f, r, viol = 0, res = bl->res;

  PetscFunctionBegin;
  im->sigma = 0;
  PetscCall(VecCopy(bl->x, im->xc));
  PetscCall(BilevelComputeUpper_Private(bl, bl->x, bl->y, &F, bl->Fx, bl->Fy));
  PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &f, bl->fx, bl->fy));
  if (bl->g) {
    PetscCall(BilevelComputeJacobianTranspose_Private(bl, bl->x, bl->y, im->mu, bl->jx, bl->jy));
    PetscCall(VecAXPY(bl->fy, 1, bl->jy));
    PetscCall(BilevelComputeConstraints_Private(bl, bl->x, bl->y, im->gc));
    if (bl->ctype == BILEVEL_CONSTRAINT_INEQUALITY) {
      PetscCall(VecSet(im->gt, 0));
      PetscCall(VecPointwiseMax(im->gc, im->gc, im->gt));
    }
    PetscCall(VecNorm(im->gc, NORM_2, &viol));
    viol /= PetscSqrtReal(im->Jn2);
  }
  PetscCall(VecNorm(bl->fy, NORM_2, &r));
  im->selgap = PetscSqrtReal(PetscSqr(r / im->Lyy) + PetscSqr(viol));
  im->valid  = PETSC_FALSE;
  bl->its    = im->itoff;
  PetscCall(BilevelLogIteration_Private(bl, F, f, res, im->selgap));
  if (!conv && bl->reason >= 0) bl->reason = BILEVEL_DIVERGED_MAXIT; /* the stages ran out before the extrapolation met its tolerance */
  else if (bl->reason == BILEVEL_CONVERGED_ITERATING) { /* the extrapolated point misses the gap tolerance */ PetscCall(PetscInfo(bl, "The extrapolated point has the lower-level gap %g: not within the gap tolerance\n", (double)im->selgap));
    bl->reason = BILEVEL_DIVERGED_STAGNATION;
  }
  PetscFunctionReturn(0);
}

/* the optimistic selection: stages k = 0, 1, ... with sigma_k = sigma0 q^-k |f_yy|/|F_yy|, each an upper-level solve
   on Phi_sigma(x) = F(x, y_sigma(x)), y_sigma(x) = argmin f + sigma F (same constraints), warm-started from the previous
   stage; Neville extrapolation of (x, y, mu) to sigma = 0 until its error estimate is below selrtol (1 + |(x, y)|) */
static PetscErrorCode ImplicitSelectionSolve_Private(Bilevel bl)
{
  Bilevel_Implicit *im   = (Bilevel_Implicit *)bl->data;
  MPI_Comm          comm = PetscObjectComm((PetscObject)bl);
  PetscBool         conv = PETSC_FALSE;
  PetscInt          k;

  PetscFunctionBegin;
  PetscCheck(!bl->ckfile[0] && !bl->resumed, comm, PETSC_ERR_SUP, "Bilevel implicit: checkpoints and restarts are not supported with -bilevel_implicit_selection upper (the continuation in sigma is not stored)");
  PetscCall(BilevelEstimateNorm_Private(bl, 20, UpperHessYY_Private, im->yt, im->hy, NULL, &im->LFyy));
  PetscCheck(im->LFyy > 0, comm, PETSC_ERR_ARG_WRONG, "Bilevel implicit: the upper-level Hessian estimate |F_yy| is zero; -bilevel_implicit_selection upper needs F strongly convex in y on the lower-level solution set");
  im->sigscale = im->Lyy / im->LFyy;
  for (k = 0; k < im->maxstages; k++) {
    PetscReal dx, dy, ex, ey, nx, ny, e1, e2;

    im->sig[k] = k ? im->sig[k - 1] / im->sigq : im->sigma0;
    im->sigma  = im->sig[k] * im->sigscale;
    im->valid  = PETSC_FALSE;
    bl->reason = BILEVEL_CONVERGED_ITERATING;
    if (im->itoff >= bl->max_it) {
      bl->reason = BILEVEL_DIVERGED_MAXIT;
      break;
    }
    PetscCall(TaoSetMaximumIterations(im->tao, bl->max_it - im->itoff));
    PetscCall(ImplicitUpperSolve_Private(bl));
    im->itoff  = bl->its + 1;
    im->stages = k + 1;
    /* Newton polish, logged as one more iteration, also after a stagnation or a line-search failure of the upper-level
       Tao (the rounding of Phi): the Bilevel test at the polished point decides */
    if (bl->reason != BILEVEL_DIVERGED_MAXIT && bl->reason != BILEVEL_DIVERGED_NAN && !bl->xl && !bl->xu && im->itoff < bl->max_it) {
      BilevelConvergedReason sreason = bl->reason;
      PetscReal              Phi, gn, f;

      PetscCall(ImplicitPolish_Private(bl, &Phi, &gn));
      PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &f, bl->fx, bl->fy));
      bl->its = im->itoff++;
      PetscCall(BilevelLogIteration_Private(bl, Phi, f, gn, im->ygap / im->Lyy));
      if (bl->reason == BILEVEL_CONVERGED_ITERATING) bl->reason = sreason == BILEVEL_CONVERGED_TOL ? BILEVEL_DIVERGED_STAGNATION : sreason;
    }
    PetscCall(PetscInfo(bl, "Selection stage %" PetscInt_FMT ": sigma %g (relative %g), %s after %" PetscInt_FMT " iterations in all\n", k, (double)im->sigma, (double)im->sig[k], BilevelConvergedReasons[bl->reason], im->itoff));
    if (bl->reason != BILEVEL_CONVERGED_TOL) break; /* a stage that did not converge ends the solve with its reason */
    PetscCall(ImplicitNevilleRow_Private(k, im->sig, bl->x, im->Px, im->Rx));
    PetscCall(ImplicitNevilleRow_Private(k, im->sig, bl->y, im->Py, im->Ry));
    if (bl->g) PetscCall(ImplicitNevilleRow_Private(k, im->sig, im->mu, im->Pm, im->Rm));
    if (k > 0) { /* error estimate: the distance of the diagonal entry to the entry of one degree less in its row and in the previous row */
      PetscCall(ImplicitDist2_Private(im->Rx[k], im->Rx[k - 1], im->xc, &dx));
      PetscCall(ImplicitDist2_Private(im->Ry[k], im->Ry[k - 1], im->yt, &dy));
      PetscCall(ImplicitDist2_Private(im->Rx[k], im->Px[k - 1], im->xc, &ex));
      PetscCall(ImplicitDist2_Private(im->Ry[k], im->Py[k - 1], im->yt, &ey));
      PetscCall(VecNorm(im->Rx[k], NORM_2, &nx));
      PetscCall(VecNorm(im->Ry[k], NORM_2, &ny));
      e1         = PetscSqrtReal(dx + dy);
      e2         = PetscSqrtReal(ex + ey);
      im->selerr = PetscMax(e1, e2) / (1 + PetscSqrtReal(nx * nx + ny * ny));
      PetscCall(PetscInfo(bl, "Selection stage %" PetscInt_FMT ": extrapolation error estimate %g (tolerance %g)\n", k, (double)im->selerr, (double)im->selrtol));
      conv = (PetscBool)(im->selerr <= im->selrtol);
    }
    for (PetscInt j = 0; j <= k; j++) {
      PetscCall(VecCopy(im->Rx[j], im->Px[j]));
      PetscCall(VecCopy(im->Ry[j], im->Py[j]));
      if (bl->g) PetscCall(VecCopy(im->Rm[j], im->Pm[j]));
    }
    if (conv) break;
  }
  if (bl->reason == BILEVEL_CONVERGED_TOL && im->stages >= 2) {
    k = im->stages - 1;
    PetscCall(VecCopy(im->Px[k], bl->x));
    PetscCall(VecCopy(im->Py[k], bl->y));
    if (bl->g) PetscCall(VecCopy(im->Pm[k], im->mu));
    PetscCall(ImplicitSelectionFinish_Private(bl, conv));
  } else if (bl->reason == BILEVEL_CONVERGED_TOL) bl->reason = BILEVEL_DIVERGED_MAXIT; /* a single stage: no extrapolation */
  im->sigma = 0;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSolve_Implicit(Bilevel bl)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

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
  if (bl->xl || bl->xu) {
    if (!im->xl) PetscCall(VecDuplicate(bl->x, &im->xl));
    if (!im->xu) PetscCall(VecDuplicate(bl->x, &im->xu));
    if (bl->xl) PetscCall(VecCopy(bl->xl, im->xl));
    else PetscCall(VecSet(im->xl, PETSC_NINFINITY));
    if (bl->xu) PetscCall(VecCopy(bl->xu, im->xu));
    else PetscCall(VecSet(im->xu, PETSC_INFINITY));
    PetscCall(TaoSetVariableBounds(im->tao, im->xl, im->xu));
  }
  im->sigma      = 0;
  im->itoff      = 0;
  im->stages     = 0;
  im->polishits  = 0;
  im->lpolishits = 0;
  im->selerr     = -1;
  im->selgap     = -1;
  if (im->sel == BILEVEL_IMPLICIT_SELECTION_NONE) {
    PetscCall(TaoSetMaximumIterations(im->tao, bl->max_it));
    PetscCall(ImplicitUpperSolve_Private(bl));
  } else PetscCall(ImplicitSelectionSolve_Private(bl));
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
    PetscCall(MatCreateShell(comm, mloc, mloc, m, m, bl, &im->Halt));
    PetscCall(MatShellSetOperation(im->Halt, MATOP_MULT, (void (*)(void))ImplicitALHessMult_Private));
    PetscCall(MatSetOption(im->Halt, MAT_SYMMETRIC, PETSC_TRUE));
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
  PetscCall(MatCreateShell(comm, mloc, mloc, m, m, bl, &im->Ht));
  PetscCall(MatShellSetOperation(im->Ht, MATOP_MULT, (void (*)(void))ImplicitHessMult_Private));
  PetscCall(MatSetOption(im->Ht, MAT_SYMMETRIC, PETSC_TRUE));
  PetscCall(KSPGetPC(im->ksp, &pc));
  PetscCall(PCSetType(pc, PCNONE));
  if (bl->g) { /* the KKT matrix is symmetric indefinite: MINRES unless the user chose a KSP other than the default CG */
    PetscBool iscg;

    PetscCall(KSPSetOperators(im->ksp, im->K, im->K));
    PetscCall(PetscObjectTypeCompare((PetscObject)im->ksp, KSPCG, &iscg));
    if (iscg) PetscCall(KSPSetType(im->ksp, KSPMINRES));
    PetscCall(TaoSetHessian(im->lower, im->Halt, im->Halt, ImplicitALHessian_Private, bl));
    PetscCall(TaoSetObjectiveAndGradient(im->lower, NULL, ImplicitALObjective_Private, bl));
  } else {
    PetscCall(KSPSetOperators(im->ksp, im->H, im->H));
    PetscCall(TaoSetHessian(im->lower, im->Ht, im->Ht, ImplicitLowerHessian_Private, bl));
    PetscCall(TaoSetObjectiveAndGradient(im->lower, NULL, ImplicitLowerObjective_Private, bl));
  }
  PetscCall(TaoSetObjectiveAndGradient(im->tao, NULL, ImplicitUpperObjective_Private, bl));
  PetscCall(TaoSetConvergenceTest(im->tao, ImplicitConverged_Private, bl));
  if (im->sel != BILEVEL_IMPLICIT_SELECTION_NONE) {
    im->nalloc = im->maxstages;
    PetscCall(PetscMalloc1(im->nalloc, &im->sig));
    PetscCall(VecDuplicateVecs(bl->x, im->nalloc, &im->Rx));
    PetscCall(VecDuplicateVecs(bl->x, im->nalloc, &im->Px));
    PetscCall(VecDuplicateVecs(bl->y, im->nalloc, &im->Ry));
    PetscCall(VecDuplicateVecs(bl->y, im->nalloc, &im->Py));
    if (bl->g) {
      PetscCall(VecDuplicateVecs(bl->g, im->nalloc, &im->Rm));
      PetscCall(VecDuplicateVecs(bl->g, im->nalloc, &im->Pm));
    }
    PetscCall(VecDuplicate(bl->x, &im->ux));
    PetscCall(VecDuplicate(bl->y, &im->uy));
    PetscCall(VecDuplicate(bl->x, &im->px));
    PetscCall(VecDuplicate(bl->x, &im->pg));
    PetscCall(VecDuplicate(bl->x, &im->pd));
    PetscCall(VecDuplicate(bl->x, &im->pt));
    PetscCall(VecDuplicate(bl->x, &im->pgt));
    PetscCall(VecDuplicate(bl->y, &im->lg));
    PetscCall(VecDuplicate(bl->y, &im->ld));
    PetscCall(VecDuplicate(bl->y, &im->ly));
    PetscCall(KSPSetOperators(im->lksp, bl->g ? im->Hal : im->H, bl->g ? im->Hal : im->H));
    PetscCall(KSPSetTolerances(im->lksp, 1e-10, 0, PETSC_DEFAULT, 10000));
    {
      PetscInt n, nl;

      PetscCall(VecGetSize(bl->x, &n));
      PetscCall(VecGetLocalSize(bl->x, &nl));
      PetscCall(MatCreateShell(comm, nl, nl, n, n, bl, &im->Hphi));
      PetscCall(MatShellSetOperation(im->Hphi, MATOP_MULT, (void (*)(void))ImplicitPhiHessMult_Private));
      PetscCall(KSPSetOperators(im->pksp, im->Hphi, im->Hphi));
      PetscCall(KSPSetTolerances(im->pksp, 1e-6, 0, PETSC_DEFAULT, PetscMin(n, 100)));
    }
  }
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
  PetscCall(MatDestroy(&im->Ht));
  PetscCall(MatDestroy(&im->Halt));
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
  if (im->nalloc) {
    PetscCall(PetscFree(im->sig));
    PetscCall(VecDestroyVecs(im->nalloc, &im->Rx));
    PetscCall(VecDestroyVecs(im->nalloc, &im->Px));
    PetscCall(VecDestroyVecs(im->nalloc, &im->Ry));
    PetscCall(VecDestroyVecs(im->nalloc, &im->Py));
    if (im->Rm) PetscCall(VecDestroyVecs(im->nalloc, &im->Rm));
    if (im->Pm) PetscCall(VecDestroyVecs(im->nalloc, &im->Pm));
    im->nalloc = 0;
  }
  PetscCall(VecDestroy(&im->ux));
  PetscCall(VecDestroy(&im->uy));
  PetscCall(VecDestroy(&im->px));
  PetscCall(VecDestroy(&im->pg));
  PetscCall(VecDestroy(&im->pd));
  PetscCall(VecDestroy(&im->pt));
  PetscCall(VecDestroy(&im->pgt));
  PetscCall(VecDestroy(&im->lg));
  PetscCall(VecDestroy(&im->ld));
  PetscCall(VecDestroy(&im->ly));
  PetscCall(MatDestroy(&im->Hphi));
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
  PetscCall(KSPSetOptionsPrefix(im->pksp, prefix));
  PetscCall(KSPAppendOptionsPrefix(im->pksp, "bilevel_implicit_polish_"));
  PetscCall(KSPSetOptionsPrefix(im->lksp, prefix));
  PetscCall(KSPAppendOptionsPrefix(im->lksp, "bilevel_implicit_lower_polish_"));
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
  {
    BilevelImplicitSelectionType sel   = im->sel;
    PetscReal                    sigma = im->sigma0, q = im->sigq, rtol = im->selrtol;
    PetscInt                     ms = im->maxstages;

    PetscCall(PetscOptionsEnum("-bilevel_implicit_selection", "Lower level not strongly convex: optimistic selection by the regularised lower level f + sigma F (upper) or none", "BilevelImplicitSetSelection", BilevelImplicitSelectionTypes,
                               (PetscEnum)sel, (PetscEnum *)&sel, NULL));
    PetscCall(TesseraOptionsRealPositive("-bilevel_implicit_selection_sigma", "First sigma of the selection, relative to |f_yy|/|F_yy|", "BilevelImplicitSetSelection", sigma, &sigma, NULL, 1));
    PetscCall(TesseraOptionsRealInRange("-bilevel_implicit_selection_reduction", "Factor q > 1 by which sigma shrinks from stage to stage", "BilevelImplicitSetSelection", q, &q, NULL, 1, 1e6));
    PetscCall(TesseraOptionsIntInRange("-bilevel_implicit_selection_max_stages", "Largest number of sigma stages", "BilevelImplicitSetSelection", ms, &ms, NULL, 2, 30));
    PetscCall(TesseraOptionsRealPositive("-bilevel_implicit_selection_rtol", "Tolerance of the extrapolation's error estimate, relative to 1 + |(x, y)|", "BilevelImplicitSetSelection", rtol, &rtol, NULL, 1));
    PetscCheck(q > 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_implicit_selection_reduction %g must be larger than 1", (double)q);
    PetscCheck(rtol < 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_implicit_selection_rtol %g must lie in (0, 1)", (double)rtol);
    PetscCall(BilevelImplicitSetSelection(bl, sel, sigma, q, ms, rtol));
  }
  PetscOptionsHeadEnd();
  PetscCheck(im->ltol > 0 && im->ltol < 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_implicit_lower_rtol %g must lie in (0, 1)", (double)im->ltol);
  PetscCall(BilevelImplicitSetPrefixes_Private(bl));
  PetscCall(TaoSetFromOptions(im->tao));
  PetscCall(TaoSetFromOptions(im->lower));
  PetscCall(KSPSetFromOptions(im->ksp));
  PetscCall(KSPSetFromOptions(im->pksp));
  PetscCall(KSPSetFromOptions(im->lksp));
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
  if (im->sel == BILEVEL_IMPLICIT_SELECTION_NONE) PetscCall(PetscViewerASCIIPrintf(viewer, "implicit: selection none (the lower level must have a unique solution)\n"));
  else {
    PetscCall(PetscViewerASCIIPrintf(viewer, "implicit: selection upper: lower level f + sigma F, sigma = %g / %g^k x |f_yy|/|F_yy| (%g / %g), at most %" PetscInt_FMT " stages, extrapolation tolerance %g\n", (double)im->sigma0, (double)im->sigq,
                                     (double)im->Lyy, (double)im->LFyy, im->maxstages, (double)im->selrtol));
    if (im->stages)
      PetscCall(PetscViewerASCIIPrintf(viewer,
                                       "implicit: last solve: %" PetscInt_FMT " stages down to relative sigma %g, %" PetscInt_FMT " upper-level and %" PetscInt_FMT
                                       " lower-level Newton polish steps, extrapolation error estimate %g, lower-level gap of the extrapolated point %g\n",
                                       im->stages, (double)im->sig[im->stages - 1], im->polishits, im->lpolishits, (double)im->selerr, (double)im->selgap));
  }
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

static PetscErrorCode BilevelImplicitSetSelection_Implicit(Bilevel bl, BilevelImplicitSelectionType type, PetscReal sigma, PetscReal q, PetscInt ms, PetscReal rtol)
{
  Bilevel_Implicit *im   = (Bilevel_Implicit *)bl->data;
  MPI_Comm          comm = PetscObjectComm((PetscObject)bl);

  PetscFunctionBegin;
  PetscCheck(type == BILEVEL_IMPLICIT_SELECTION_NONE || type == BILEVEL_IMPLICIT_SELECTION_UPPER, comm, PETSC_ERR_ARG_OUTOFRANGE, "Unknown selection type %d", (int)type);
  if (sigma != (PetscReal)PETSC_DEFAULT) {
    PetscCheck(sigma > 0 && sigma <= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Selection sigma %g must lie in (0, 1]", (double)sigma);
    im->sigma0 = sigma;
  }
  if (q != (PetscReal)PETSC_DEFAULT) {
    PetscCheck(q > 1 && q <= 1e6, comm, PETSC_ERR_ARG_OUTOFRANGE, "Selection reduction factor %g must lie in (1, 1e6]", (double)q);
    im->sigq = q;
  }
  if (ms != PETSC_DEFAULT) {
    PetscCheck(ms >= 2 && ms <= 30, comm, PETSC_ERR_ARG_OUTOFRANGE, "Selection stages %" PetscInt_FMT " must lie in [2, 30]", ms);
    if (ms != im->maxstages) bl->setupcalled = PETSC_FALSE;
    im->maxstages = ms;
  }
  if (rtol != (PetscReal)PETSC_DEFAULT) {
    PetscCheck(rtol > 0 && rtol < 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Selection tolerance %g must lie in (0, 1)", (double)rtol);
    im->selrtol = rtol;
  }
  if (type != im->sel) bl->setupcalled = PETSC_FALSE;
  im->sel = type;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelImplicitGetSelection_Implicit(Bilevel bl, BilevelImplicitSelectionType *type, PetscReal *sigma, PetscReal *q, PetscInt *ms, PetscReal *rtol)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  if (type) *type = im->sel;
  if (sigma) *sigma = im->sigma0;
  if (q) *q = im->sigq;
  if (ms) *ms = im->maxstages;
  if (rtol) *rtol = im->selrtol;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelDestroy_Implicit(Bilevel bl)
{
  Bilevel_Implicit *im = (Bilevel_Implicit *)bl->data;

  PetscFunctionBegin;
  PetscCall(TaoDestroy(&im->tao));
  PetscCall(TaoDestroy(&im->lower));
  PetscCall(KSPDestroy(&im->ksp));
  PetscCall(KSPDestroy(&im->pksp));
  PetscCall(KSPDestroy(&im->lksp));
  PetscCall(PetscFree(bl->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitGetSolvers_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitSetSelection_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitGetSelection_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  BILEVELIMPLICIT - "implicit": exact hypergradients by implicit differentiation, the accuracy reference of the
  Bilevel types, for a lower level strongly convex in y (or merely convex, with the optimistic selection),
  unconstrained or with constraints g(x, y) <= 0 (or = 0) affine in (x, y)

  Options Database Keys:
+ -bilevel_implicit_tao_type <bqnls>         - upper-level Tao solver (bound-constrained quasi-Newton)
. -bilevel_implicit_lower_tao_type <nls>     - lower-level Tao solver (Newton on the Hessian-vector product; lmvm: quasi-Newton)
. -bilevel_implicit_lower_rtol <1e-12>       - lower-level tolerance |grad_y f| <= rtol |f_yy| (1 + |y|)
. -bilevel_implicit_stagnation_its <20>      - stop with `BILEVEL_DIVERGED_STAGNATION` when neither Phi has decreased by 1e-10 |Phi| nor |grad Phi| by 10 % in this many iterations
. -bilevel_implicit_adjoint_ksp_type <cg>    - adjoint solver on the Hessian MatShell (PC none by default)
. -bilevel_implicit_selection <none,upper>   - optimistic selection for a lower level with several solutions (`BilevelImplicitSetSelection()`)
. -bilevel_implicit_selection_sigma <0.1>    - first sigma, relative to |f_yy|/|F_yy|
. -bilevel_implicit_selection_reduction <4>  - factor by which sigma shrinks per stage
. -bilevel_implicit_selection_max_stages <8> - largest number of stages
- -bilevel_implicit_selection_rtol <1e-10>   - tolerance of the extrapolation's error estimate, relative to 1 + |(x, y)|

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
  derivative. The gap is |grad_y f + J_y^T mu|/|f_yy|.

  A lower level whose solution set S(x) is not a single point (as the toy's: f_yy singular on the constraints' null
  space) needs the optimistic selection, -bilevel_implicit_selection upper (`BilevelImplicitSetSelection()`; the
  registered toy sets it for this type): the lower level f + sigma F for a decreasing sequence of sigma, each stage an
  upper-level solve followed by Newton steps on grad Phi_sigma = 0 (CG on differences of the exact hypergradient,
  accepted while they halve |grad Phi_sigma|: the line search of the upper-level Tao works on values of Phi and stalls
  near |grad Phi| ~ 1e-8 |Phi|^(1/2)), and Neville extrapolation of the stage solutions to sigma = 0. With the
  selection the lower-level gradient tolerance shrinks with sigma/sigma_0 (down to 1e-3 of itself) and each lower-level
  solve ends with at most 3 Newton steps on the gradient (CG on the Hessian MatShell, prefix
  -bilevel_implicit_lower_polish_), since its weakest curvature is sigma |F_yy|. Without the selection such a lower
  level stops with an error from the adjoint solve naming the option.

  The lower-level Tao gets MatShells of its own: TAONLS shifts a Hessian whose Newton step failed (MatShift), and a
  MatShell keeps that shift for every later product, which the adjoint solve must not see.

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

.seealso: `Bilevel`, `BILEVELLVHBA`, `BILEVELBOREP`, `BilevelImplicitGetSolvers()`, `BilevelImplicitSetSelection()`, `BilevelSetUpperHessianProducts()`
M*/
PetscErrorCode BilevelCreate_Implicit(Bilevel bl)
{
  Bilevel_Implicit *im;
  MPI_Comm          comm;
  KSP               ksp;
  PC                ppc;

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
  im->ltol      = 1e-12;
  im->stagits   = 20;
  im->sel       = BILEVEL_IMPLICIT_SELECTION_NONE;
  im->sigma0    = 0.1;
  im->sigq      = 4;
  im->maxstages = 8;
  im->selrtol   = 1e-10;
  PetscCall(KSPCreate(comm, &im->ksp));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)im->ksp, (PetscObject)bl, 1));
  PetscCall(KSPSetType(im->ksp, KSPCG));
  PetscCall(KSPSetTolerances(im->ksp, 1e-12, 0, PETSC_DEFAULT, 10000));
  PetscCall(KSPSetInitialGuessNonzero(im->ksp, PETSC_TRUE));
  PetscCall(KSPCreate(comm, &im->pksp));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)im->pksp, (PetscObject)bl, 1));
  PetscCall(KSPSetType(im->pksp, KSPCG));
  PetscCall(KSPGetPC(im->pksp, &ppc));
  PetscCall(PCSetType(ppc, PCNONE));
  PetscCall(KSPCreate(comm, &im->lksp));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)im->lksp, (PetscObject)bl, 1));
  PetscCall(KSPSetType(im->lksp, KSPCG));
  PetscCall(KSPGetPC(im->lksp, &ppc));
  PetscCall(PCSetType(ppc, PCNONE));
  bl->ops->setup           = BilevelSetUp_Implicit;
  bl->ops->solve           = BilevelSolve_Implicit;
  bl->ops->setfromoptions  = BilevelSetFromOptions_Implicit;
  bl->ops->view            = BilevelView_Implicit;
  bl->ops->reset           = BilevelReset_Implicit;
  bl->ops->destroy         = BilevelDestroy_Implicit;
  bl->ops->checkpointwrite = BilevelCheckpointWrite_Implicit;
  bl->ops->checkpointread  = BilevelCheckpointRead_Implicit;
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitGetSolvers_C", BilevelImplicitGetSolvers_Implicit));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitSetSelection_C", BilevelImplicitSetSelection_Implicit));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelImplicitGetSelection_C", BilevelImplicitGetSelection_Implicit));
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

/*@
  BilevelImplicitSetSelection - Sets how a `BILEVELIMPLICIT` solver treats a lower level whose solution set S(x) is not
  a single point (f merely convex in y): the optimistic selection y0(x) = argmin_{y in S(x)} F(x, y)

  Logically Collective

  Input Parameters:
+ bl         - the solver
. type       - `BILEVEL_IMPLICIT_SELECTION_NONE` (default: the lower level must have a unique solution) or `BILEVEL_IMPLICIT_SELECTION_UPPER`
. sigma      - the first sigma, relative to |f_yy|/|F_yy|, in (0, 1] (`PETSC_DEFAULT`: keep; 0.1 initially)
. q          - the factor > 1 by which sigma shrinks from stage to stage (`PETSC_DEFAULT`: keep; 4 initially)
. max_stages - the largest number of stages, in [2, 30] (`PETSC_DEFAULT`: keep; 8 initially)
- rtol       - tolerance of the extrapolation's error estimate relative to 1 + |(x, y)|, in (0, 1) (`PETSC_DEFAULT`: keep; 1e-10 initially)

  Options Database Keys:
+ -bilevel_implicit_selection <none,upper>       - the selection
. -bilevel_implicit_selection_sigma <0.1>        - first relative sigma
. -bilevel_implicit_selection_reduction <4>      - reduction factor q
. -bilevel_implicit_selection_max_stages <8>     - largest number of stages
- -bilevel_implicit_selection_rtol <1e-10>       - tolerance of the extrapolation

  Level: intermediate

  Notes:
  With `BILEVEL_IMPLICIT_SELECTION_UPPER` the lower level becomes min_y f(x, y) + sigma F(x, y) under the same
  constraints. Where F is strongly convex in y on the null space of f_yy (restricted to the constraints' null space),
  its solution y_sigma(x) is unique and tends to y0(x) as sigma -> 0, and Phi_sigma(x) = F(x, y_sigma(x)) has the
  implicit-differentiation hypergradient with f_yy + sigma F_yy and f_xy + sigma F_xy in the adjoint (products of F
  from `BilevelSetUpperHessianProducts()`, or differences of the upper-level gradient). Its minimiser is
  x*(sigma) = x* + O(sigma). The solve runs stages sigma_k = sigma q^-k |f_yy|/|F_yy| (power-method estimates at the
  start), each an upper-level solve to the Bilevel tolerances warm-started from the previous one, and extrapolates the
  stage solutions (x, y, multipliers) to sigma = 0 by Neville's scheme (polynomial in sigma). It stops with
  `BILEVEL_CONVERGED_TOL` only when the last stage met the Bilevel tolerances, the error estimate of the extrapolation
  (the larger distance of the extrapolated point to the two extrapolants of one degree less) is below rtol (1 + |(x, y)|)
  and the extrapolated point meets the gap tolerance of the original lower level (|grad_y f + J_y^T mu|/|f_yy| plus the
  constraint violation over |J_y g|); when the stages run out first it stops with `BILEVEL_DIVERGED_MAXIT` at the last
  extrapolant. The extrapolation assumes x*(sigma) smooth in sigma at 0, as for lower levels quadratic in y with affine
  constraints. Checkpoints are not supported with the selection. Without effect on other types.

.seealso: `BILEVELIMPLICIT`, `BilevelImplicitGetSelection()`, `BilevelSetUpperHessianProducts()`
@*/
PetscErrorCode BilevelImplicitSetSelection(Bilevel bl, BilevelImplicitSelectionType type, PetscReal sigma, PetscReal q, PetscInt max_stages, PetscReal rtol)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidLogicalCollectiveEnum(bl, type, 2);
  PetscValidLogicalCollectiveReal(bl, sigma, 3);
  PetscValidLogicalCollectiveReal(bl, q, 4);
  PetscValidLogicalCollectiveInt(bl, max_stages, 5);
  PetscValidLogicalCollectiveReal(bl, rtol, 6);
  PetscTryMethod(bl, "BilevelImplicitSetSelection_C", (Bilevel, BilevelImplicitSelectionType, PetscReal, PetscReal, PetscInt, PetscReal), (bl, type, sigma, q, max_stages, rtol));
  PetscFunctionReturn(0);
}

/*@
  BilevelImplicitGetSelection - Gets the selection settings of a `BILEVELIMPLICIT` solver

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ type       - the selection (may be NULL)
. sigma      - the first relative sigma (may be NULL)
. q          - the reduction factor (may be NULL)
. max_stages - the largest number of stages (may be NULL)
- rtol       - the tolerance of the extrapolation (may be NULL)

  Level: intermediate

.seealso: `BilevelImplicitSetSelection()`
@*/
PetscErrorCode BilevelImplicitGetSelection(Bilevel bl, BilevelImplicitSelectionType *type, PetscReal *sigma, PetscReal *q, PetscInt *max_stages, PetscReal *rtol)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelImplicitGetSelection_C", (Bilevel, BilevelImplicitSelectionType *, PetscReal *, PetscReal *, PetscInt *, PetscReal *), (bl, type, sigma, q, max_stages, rtol));
  PetscFunctionReturn(0);
}
