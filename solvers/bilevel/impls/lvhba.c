/*I "tessera.h" I*/
/*
   lvhba.c - LV-HBA: Hessian-free single-loop method for bilevel problems with coupled lower-level constraints

   Method: the bilevel problem min F(x,y) s.t. (x,y) in C, y in argmin_{y in Y} {f(x,y) : g(x,y) <= 0} is replaced
   by the penalised single-level problem over C x Z

     phi_k(x,y,z) = F(x,y)/c_k + f(x,y) - v_gamma(x,y,z),  c_k = cbar (k+1)^p,

   with the proximal Lagrangian value function
     v_gamma(x,y,z) = min_{theta in Y} max_{lambda in Z} f(x,theta) + lambda^T g(x,theta) + |theta-y|^2/(2 gamma1) - |lambda-z|^2/(2 gamma2).
   One iteration: a projected gradient descent-ascent step on the inner saddle point (theta, lambda), then a
   projected gradient step on (x, y) and z using Danskin's gradients of v_gamma at (theta^{k+1}, lambda^{k+1}).
   No Hessian is used. Z = [0, r]^l for inequalities and [-r, r]^l for equalities.

   Step sizes (tessera defaults, when not set): eta = 1/(L_yy + 1/gamma1) with L_yy a power-method estimate of
   |grad^2_yy f|; the multiplier step eta_lambda = min(eta, gamma2, 1/(2 gamma1 |J_y g|^2)) keeps the descent-ascent
   stable whatever the scaling of g (the paper uses one eta for both); alpha = beta = eta; the penalty factor
   cbar = 10 alpha |grad^2 F| (|grad^2 F| estimated by |F_xx| + |F_yy|, power method on central differences of the upper
   gradient), so that alpha F/c_0 has a tenth of the curvature a stable step allows, whatever the scaling of F and f.
   Penalty continuation (tessera): the bias of the penalised problem decays only like 1/c_k; when the residual is below
   its tolerance but the value-function gap is not, the penalised problem is solved and its bias dominates, so the
   factor of c_k is raised by -bilevel_lvhba_c_increase (the outer part of the residual is then measured in the units
   of the initial schedule, so that the solve does not stop before the iterates follow the new penalty). Residual: the
   steps of each block divided by their step size, the multiplier block in the metric of its step,
   |dlambda|/sqrt(eta_lambda eta), which does not change when g is rescaled (a constraint summing n terms would
   otherwise dominate like n). Safeguard: if the inner residual grows by -bilevel_lvhba_growth over its smallest
   positive value and the residual of the whole iteration by the same factor over its own (both since the last
   active-set change or penalty raise), the solve stops with DIVERGED_INSTABILITY (an exact 0, when the start solves
   the lower level as on the quadratic problem, is not a reference: any later inner residual would exceed 100 times it;
   the inner residual alone is not enough: from a far start it has a transient that grows with the distance).

   Reference: W. Yao, C. Yu, S. Zeng, J. Zhang, "Constrained bi-level optimization: proximal Lagrangian value
   function approach and Hessian-free algorithm", ICLR 2024, arXiv:2401.16164.
*/
#include <bilevelimpl.h>

static const char citation[] = "@inproceedings{yao2024lvhba,\n"
                               "  title  = {Constrained Bi-Level Optimization: Proximal Lagrangian Value Function Approach and Hessian-free Algorithm},\n"
                               "  author = {Wei Yao and Chengming Yu and Shangzhi Zeng and Jin Zhang},\n"
                               "  booktitle = {ICLR},\n  year = {2024},\n  note = {arXiv:2401.16164}\n}\n";
static PetscBool  cited      = PETSC_FALSE;

typedef struct {
  /* parameters: user values, PETSC_DEFAULT for the automatic rule */
  PetscReal alpha, beta, eta, eta_lambda;
  PetscReal gamma1, gamma2; /* proximal parameters of v_gamma (PETSC_DEFAULT: 2/|f_yy|, |f_yy|/|J_y g|^2) */
  PetscReal g1, g2;         /* gamma1, gamma2 used by the last solve */
  PetscReal cbar, p;        /* penalty schedule c_k = cbar rho (k+1)^p; cbar PETSC_DEFAULT: automatic */
  PetscReal cinc, rho;      /* penalty increase factor, current multiplier rho */
  PetscReal r;              /* multiplier box bound */
  PetscReal growth;         /* instability detection factor */
  /* step sizes used by the last solve */
  PetscReal a, b, e, el, cb;
  PetscReal Lyy, Jnorm2, LF; /* estimates behind the automatic rule */
  /* state of the iteration besides the iterates: instability reference and the iterations it restarted at */
  PetscReal smin, act[2];
  PetscReal rmin; /* smallest residual since the same restarts */
  PetscInt  kstage, kact;
  /* iterates */
  Vec theta, lambda, z;
  Vec vth, vlam; /* saddle point of BilevelLVHBAComputeValueFunction() */
  /* work */
  Vec gxy_x, gxy_y;      /* grad f(x, y) */
  Vec xold, yold, thold; /* iterates before the projections */
  Vec gth, dl, lw;       /* size l: g(x, theta), work */
  Vec dth, ew;           /* size y: work */
  Vec xw, xv;            /* size x: work */
} Bilevel_LVHBA;

/* The fused passes below update the iterates element by element and accumulate squared norms. Their element
   functions return the contributions; the loops take the elements four at a time and add the contributions pairwise,
   so that a running sum does not serialise the loop on the latency of floating-point addition (a single accumulator
   costs one addition latency per element). */
static inline PetscReal Sq_Private(PetscScalar v) { return PetscRealPart(v * PetscConj(v)); }

/* x_i <- x_i - a d_i with d_i = F_x/c + f_x(x, y) - f_x(x, theta) - J_x^T lambda; returns |d_i|^2 */
static inline PetscReal OuterX_Private(PetscInt i, PetscScalar *x, PetscScalar *xo, const PetscScalar *Fx, const PetscScalar *gx, const PetscScalar *fx, const PetscScalar *jx, PetscReal ic, PetscReal a)
{
  const PetscScalar d = Fx[i] * ic + gx[i] - fx[i] - (jx ? jx[i] : 0);

  if (xo) xo[i] = x[i];
  x[i] -= a * d;
  return Sq_Private(d);
}

/* y_i <- y_i - a d_i with d_i = F_y/c + f_y(x, y) - (y - theta)/gamma1; returns |d_i|^2 */
static inline PetscReal OuterY_Private(PetscInt i, PetscScalar *y, PetscScalar *yo, const PetscScalar *Fy, const PetscScalar *gy, const PetscScalar *th, PetscReal ic, PetscReal ig, PetscReal a)
{
  const PetscScalar d = Fy[i] * ic + gy[i] - (y[i] - th[i]) * ig;

  if (yo) yo[i] = y[i];
  y[i] -= a * d;
  return Sq_Private(d);
}

/* theta_i <- theta_i - e d_i with d_i = f_y(x, theta) + J_y^T lambda + (theta - y)/gamma1; returns |d_i|^2 and
   *r2 = |theta_i - y_i|^2 */
static inline PetscReal Theta_Private(PetscInt i, PetscScalar *th, PetscScalar *old, const PetscScalar *y, const PetscScalar *fy, const PetscScalar *jy, PetscReal ig, PetscReal e, PetscReal *r2)
{
  const PetscScalar r = th[i] - y[i], d = fy[i] + (jy ? jy[i] : 0) + r * ig;

  *r2 = Sq_Private(r);
  if (old) old[i] = th[i];
  th[i] -= e * d;
  return Sq_Private(d);
}

/* v <- Proj_Z(v): Z = [0, r]^l for inequalities, [-r, r]^l for equalities */
static PetscErrorCode BilevelLVHBAProjectZ_Private(Bilevel bl, Vec v)
{
  Bilevel_LVHBA  *lv = (Bilevel_LVHBA *)bl->data;
  PetscScalar    *a;
  PetscInt        n;
  const PetscReal lo = bl->ctype == BILEVEL_CONSTRAINT_EQUALITY ? -lv->r : 0, hi = lv->r;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(v, &n));
  PetscCall(VecGetArray(v, &a));
  for (PetscInt i = 0; i < n; i++) a[i] = PetscMin(PetscMax(PetscRealPart(a[i]), lo), hi);
  PetscCall(VecRestoreArray(v, &a));
  PetscFunctionReturn(0);
}

/* local part of |a|^2 */
static PetscErrorCode BilevelLVHBALocalNorm2_Private(Vec a, PetscReal *s)
{
  const PetscScalar *pa;
  PetscInt           n, i = 0;
  PetscReal          t = 0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(a, &n));
  PetscCall(VecGetArrayRead(a, &pa));
  for (; i + 2 <= n; i += 2) t += Sq_Private(pa[i]) + Sq_Private(pa[i + 1]);
  for (; i < n; i++) t += Sq_Private(pa[i]);
  PetscCall(VecRestoreArrayRead(a, &pa));
  *s = t;
  PetscFunctionReturn(0);
}

/* local part of |a - b|^2 */
static PetscErrorCode BilevelLVHBADistance_Private(Vec a, Vec b, PetscReal *s)
{
  const PetscScalar *pa, *pb;
  PetscInt           n, i = 0;
  PetscReal          t = 0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(a, &n));
  PetscCall(VecGetArrayRead(a, &pa));
  PetscCall(VecGetArrayRead(b, &pb));
  for (; i + 4 <= n; i += 4) t += (Sq_Private(pa[i] - pb[i]) + Sq_Private(pa[i + 1] - pb[i + 1])) + (Sq_Private(pa[i + 2] - pb[i + 2]) + Sq_Private(pa[i + 3] - pb[i + 3]));
  for (; i < n; i++) t += Sq_Private(pa[i] - pb[i]);
  PetscCall(VecRestoreArrayRead(b, &pb));
  PetscCall(VecRestoreArrayRead(a, &pa));
  *s = t;
  PetscFunctionReturn(0);
}

/* (x, y) <- Proj_C((x, y) - alpha (d_x, d_y)) with d_x = F_x/c + f_x(x, y) - f_x(x, theta) - J_x^T lambda and
   d_y = F_y/c + f_y(x, y) - (y - theta)/gamma1, in one pass over each of x and y; *s = local |(x, y)^{k+1} - (x, y)^k|^2 */
static PetscErrorCode BilevelLVHBAOuterStep_Private(Bilevel bl, PetscReal c, PetscReal *s)
{
  Bilevel_LVHBA     *lv = (Bilevel_LVHBA *)bl->data;
  const PetscScalar *Fx, *gx, *fx, *jx = NULL, *Fy, *gy, *th;
  PetscScalar       *x, *y, *xo = NULL, *yo = NULL;
  PetscInt           nx, ny, i;
  const PetscReal    ic = 1 / c, ig = 1 / lv->g1, a = lv->a;
  const PetscBool    box = (PetscBool)(!bl->proj && (bl->xl || bl->xu));
  PetscReal          t   = 0, tx;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(bl->x, &nx));
  PetscCall(VecGetLocalSize(bl->y, &ny));
  PetscCall(VecGetArrayRead(bl->Fx, &Fx));
  PetscCall(VecGetArrayRead(lv->gxy_x, &gx));
  PetscCall(VecGetArrayRead(bl->fx, &fx));
  if (bl->g) PetscCall(VecGetArrayRead(bl->jx, &jx));
  PetscCall(VecGetArray(bl->x, &x));
  if (bl->proj || box) PetscCall(VecGetArrayWrite(lv->xold, &xo));
  for (i = 0; i + 4 <= nx; i += 4)
    t += (OuterX_Private(i, x, xo, Fx, gx, fx, jx, ic, a) + OuterX_Private(i + 1, x, xo, Fx, gx, fx, jx, ic, a)) + (OuterX_Private(i + 2, x, xo, Fx, gx, fx, jx, ic, a) + OuterX_Private(i + 3, x, xo, Fx, gx, fx, jx, ic, a));
  for (; i < nx; i++) t += OuterX_Private(i, x, xo, Fx, gx, fx, jx, ic, a);
  tx = t;
  if (bl->proj || box) PetscCall(VecRestoreArrayWrite(lv->xold, &xo));
  PetscCall(VecRestoreArray(bl->x, &x));
  if (bl->g) PetscCall(VecRestoreArrayRead(bl->jx, &jx));
  PetscCall(VecRestoreArrayRead(bl->fx, &fx));
  PetscCall(VecRestoreArrayRead(lv->gxy_x, &gx));
  PetscCall(VecRestoreArrayRead(bl->Fx, &Fx));
  PetscCall(VecGetArrayRead(bl->Fy, &Fy));
  PetscCall(VecGetArrayRead(lv->gxy_y, &gy));
  PetscCall(VecGetArrayRead(lv->theta, &th));
  PetscCall(VecGetArray(bl->y, &y));
  if (bl->proj) PetscCall(VecGetArrayWrite(lv->yold, &yo));
  for (i = 0; i + 4 <= ny; i += 4)
    t += (OuterY_Private(i, y, yo, Fy, gy, th, ic, ig, a) + OuterY_Private(i + 1, y, yo, Fy, gy, th, ic, ig, a)) + (OuterY_Private(i + 2, y, yo, Fy, gy, th, ic, ig, a) + OuterY_Private(i + 3, y, yo, Fy, gy, th, ic, ig, a));
  for (; i < ny; i++) t += OuterY_Private(i, y, yo, Fy, gy, th, ic, ig, a);
  if (bl->proj) PetscCall(VecRestoreArrayWrite(lv->yold, &yo));
  PetscCall(VecRestoreArray(bl->y, &y));
  PetscCall(VecRestoreArrayRead(lv->theta, &th));
  PetscCall(VecRestoreArrayRead(lv->gxy_y, &gy));
  PetscCall(VecRestoreArrayRead(bl->Fy, &Fy));
  *s = a * a * t;
  if (box) { /* C = box x R^m */
    PetscReal sx;

    PetscCall(BilevelClipUpper_Private(bl, bl->x));
    PetscCall(BilevelLVHBADistance_Private(lv->xold, bl->x, &sx));
    *s = a * a * (t - tx) + sx;
  }
  if (bl->proj) {
    PetscReal sx, sy;

    PetscCall(BilevelProject(bl, bl->x, bl->y));
    PetscCall(BilevelLVHBADistance_Private(lv->xold, bl->x, &sx));
    PetscCall(BilevelLVHBADistance_Private(lv->yold, bl->y, &sy));
    *s = sx + sy;
  }
  PetscFunctionReturn(0);
}

/* z^{k+1} = Proj_Z(z - beta (z - lambda^{k+1})/gamma2); *s = local |z^{k+1} - z|^2 */
static PetscErrorCode BilevelLVHBAZStep_Private(Bilevel bl, PetscReal *s)
{
  Bilevel_LVHBA     *lv = (Bilevel_LVHBA *)bl->data;
  const PetscScalar *lam;
  PetscScalar       *z;
  PetscInt           n;
  const PetscReal    lo = bl->ctype == BILEVEL_CONSTRAINT_EQUALITY ? -lv->r : 0, hi = lv->r, w = lv->b / lv->g2;
  PetscReal          t = 0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(lv->z, &n));
  PetscCall(VecGetArrayRead(lv->lambda, &lam));
  PetscCall(VecGetArray(lv->z, &z));
  for (PetscInt i = 0; i < n; i++) {
    const PetscReal zi = PetscRealPart(z[i]), zn = PetscMin(PetscMax(zi + w * (PetscRealPart(lam[i]) - zi), lo), hi);

    t += (zn - zi) * (zn - zi);
    z[i] = zn;
  }
  PetscCall(VecRestoreArray(lv->z, &z));
  PetscCall(VecRestoreArrayRead(lv->lambda, &lam));
  *s = t;
  PetscFunctionReturn(0);
}

/* v -> grad^2_yy f(x, y) v */
static PetscErrorCode HessYY_Private(Bilevel bl, Vec v, Vec w, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(BilevelComputeLowerHessianProducts(bl, bl->x, bl->y, v, bl->hx, w));
  PetscFunctionReturn(0);
}

/* w -> J J^T w with J = grad_y g(x, y): J^T w from the callback, J v by central differences of g */
static PetscErrorCode JJt_Private(Bilevel bl, Vec w, Vec out, void *ctx)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;
  PetscReal      vn, yn, h;

  PetscFunctionBegin;
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, bl->x, bl->y, w, bl->jx, bl->jy));
  PetscCall(VecNorm(bl->jy, NORM_2, &vn));
  if (vn == 0) {
    PetscCall(VecSet(out, 0));
    PetscFunctionReturn(0);
  }
  PetscCall(VecNorm(bl->y, NORM_2, &yn));
  h = 1e-6 * (1 + yn) / vn;
  PetscCall(VecWAXPY(lv->ew, h, bl->jy, bl->y));
  PetscCall(BilevelComputeConstraints_Private(bl, bl->x, lv->ew, out));
  PetscCall(VecWAXPY(lv->ew, -h, bl->jy, bl->y));
  PetscCall(BilevelComputeConstraints_Private(bl, bl->x, lv->ew, lv->lw));
  PetscCall(VecAXPBY(out, -0.5 / h, 0.5 / h, lv->lw));
  PetscFunctionReturn(0);
}

/* v -> grad^2_yy F(x, y) v (ctx NULL) or grad^2_xx F(x, y) v (ctx non-NULL) by central differences of the upper
   gradient */
static PetscErrorCode UpperHess_Private(Bilevel bl, Vec v, Vec out, void *ctx)
{
  Bilevel_LVHBA  *lv  = (Bilevel_LVHBA *)bl->data;
  const PetscBool inx = ctx ? PETSC_TRUE : PETSC_FALSE;
  Vec             p = inx ? bl->x : bl->y, w = inx ? lv->xw : lv->yold;
  PetscReal       vn, pn, h, F;

  PetscFunctionBegin;
  PetscCall(VecNorm(v, NORM_2, &vn));
  PetscCall(VecNorm(p, NORM_2, &pn));
  h = 1e-5 * (1 + pn) / vn;
  PetscCall(VecWAXPY(w, h, v, p));
  PetscCall(BilevelComputeUpper_Private(bl, inx ? w : bl->x, inx ? bl->y : w, &F, bl->Fx, bl->Fy));
  PetscCall(VecWAXPY(w, -h, v, p));
  PetscCall(BilevelComputeUpper_Private(bl, inx ? w : bl->x, inx ? bl->y : w, &F, lv->gxy_x, lv->gxy_y));
  PetscCall(VecWAXPY(out, -1, inx ? lv->gxy_x : lv->gxy_y, inx ? bl->Fx : bl->Fy));
  PetscCall(VecScale(out, 0.5 / h));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBAResolveSteps_Private(Bilevel bl)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  lv->Lyy    = 0;
  lv->Jnorm2 = 0;
  if (lv->eta == (PetscReal)PETSC_DEFAULT || lv->gamma1 == (PetscReal)PETSC_DEFAULT || (bl->g && lv->eta_lambda == (PetscReal)PETSC_DEFAULT)) {
    PetscCall(BilevelEstimateNorm_Private(bl, 20, HessYY_Private, lv->dth, lv->ew, NULL, &lv->Lyy));
    lv->Lyy *= 1.05;
  }
  /* gamma1 = 2/|f_yy|: the proximal term has the curvature of f, so that f - v_gamma, the steps and the penalty do not
     depend on the scale of f (1 when f is linear in y) */
  lv->g1 = lv->gamma1 == (PetscReal)PETSC_DEFAULT ? (lv->Lyy > 0 ? 2 / lv->Lyy : 1) : lv->gamma1;
  lv->e  = lv->eta == (PetscReal)PETSC_DEFAULT ? 1 / (lv->Lyy + 1 / lv->g1) : lv->eta;
  lv->g2 = lv->gamma2 == (PetscReal)PETSC_DEFAULT ? 1 : lv->gamma2;
  if (bl->g) {
    if (lv->eta_lambda == (PetscReal)PETSC_DEFAULT || lv->gamma2 == (PetscReal)PETSC_DEFAULT) {
      PetscCall(BilevelEstimateNorm_Private(bl, 20, JJt_Private, lv->dl, lv->gth, NULL, &lv->Jnorm2));
      lv->Jnorm2 *= 1.05;
    }
    /* gamma2 = |f_yy|/|J_y g|^2: the proximal term of lambda has the curvature J (f_yy + 1/gamma1)^{-1} J^T of the dual
       function, so that the multipliers, whose scale is that of f over that of g, are found on any scale */
    if (lv->gamma2 == (PetscReal)PETSC_DEFAULT && lv->Lyy > 0 && lv->Jnorm2 > 0) lv->g2 = lv->Lyy / lv->Jnorm2;
    /* the multiplier steps have the units of gamma2 (multiplier over constraint), not those of eta */
    if (lv->eta_lambda == (PetscReal)PETSC_DEFAULT) {
      lv->el = lv->g2;
      if (lv->Jnorm2 > 0) lv->el = PetscMin(lv->el, 1 / (2 * lv->g1 * lv->Jnorm2));
    } else lv->el = lv->eta_lambda;
  } else lv->el = 0;
  lv->a = lv->alpha == (PetscReal)PETSC_DEFAULT ? lv->e : lv->alpha;
  /* z block: curvature 1/gamma2, step gamma2 eta |f_yy| (2/3 gamma2 with the default gamma1) */
  if (lv->beta != (PetscReal)PETSC_DEFAULT) lv->b = lv->beta;
  else lv->b = lv->Lyy > 0 ? lv->g2 * PetscMin(1, lv->e * lv->Lyy) : PetscMin(lv->e, lv->g2);
  /* cbar: the curvature of alpha F/c_0 is a tenth, alpha |grad^2 F| / cbar = 0.1, with |grad^2 F| <= |F_xx| + |F_yy| */
  lv->LF = 0;
  if (lv->cbar == (PetscReal)PETSC_DEFAULT) {
    PetscReal Lxx, Lyy;

    PetscCall(BilevelEstimateNorm_Private(bl, 20, UpperHess_Private, lv->xv, lv->xold, (void *)bl, &Lxx));
    PetscCall(BilevelEstimateNorm_Private(bl, 20, UpperHess_Private, lv->dth, lv->ew, NULL, &Lyy));
    lv->LF = 1.05 * (Lxx + Lyy);
    lv->cb = lv->LF > 0 ? 10 * lv->a * lv->LF : 10;
  } else lv->cb = lv->cbar;
  PetscCheck(lv->a > 0 && lv->b > 0 && lv->e > 0 && (!bl->g || lv->el > 0), PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "LV-HBA step sizes must be positive: alpha %g beta %g eta %g eta_lambda %g", (double)lv->a, (double)lv->b,
             (double)lv->e, (double)lv->el);
  PetscCall(PetscInfo(bl, "LV-HBA steps alpha %g beta %g eta %g eta_lambda %g, penalty factor %g (estimates |f_yy| %g, |J_y g|^2 %g, |F''| %g)\n", (double)lv->a, (double)lv->b, (double)lv->e, (double)lv->el, (double)lv->cb, (double)lv->Lyy,
                      (double)lv->Jnorm2, (double)lv->LF));
  PetscFunctionReturn(0);
}

/* Fused passes of one iteration: each reads the callback outputs once, updates in place and accumulates the local
   squared norms the residual and the value-function gap need (reduced once per iteration). The accumulators are
   local variables (an accumulator behind a pointer may alias the arrays and is stored at every element). */

/* lambda^{k+1} = Proj_Z(lambda - eta_lambda (-g + (lambda - z)/gamma2)); local sums s[0] = lambda^T g,
   s[1] = |lambda - z|^2, s[2] = |lambda^{k+1} - lambda|^2, and the active set of the inequalities (lambda_i cut to 0):
   s[3] = its size, s[4] = the sum of its global indices + 1 (a change of either is an active-set change) */
static PetscErrorCode BilevelLVHBALambdaStep_Private(Bilevel bl, Vec lambda, Vec zv, PetscReal s[])
{
  Bilevel_LVHBA     *lv = (Bilevel_LVHBA *)bl->data;
  const PetscScalar *g, *z;
  PetscScalar       *lam;
  PetscInt           n, rs;
  const PetscBool    ineq = bl->ctype == BILEVEL_CONSTRAINT_INEQUALITY ? PETSC_TRUE : PETSC_FALSE;
  const PetscReal    lo = ineq ? 0 : -lv->r, hi = lv->r, ig = 1 / lv->g2, el = lv->el;
  PetscReal          s0 = 0, s1 = 0, s2 = 0, na = 0, ia = 0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(lambda, &n));
  PetscCall(VecGetOwnershipRange(lambda, &rs, NULL));
  PetscCall(VecGetArrayRead(lv->gth, &g));
  PetscCall(VecGetArrayRead(zv, &z));
  PetscCall(VecGetArray(lambda, &lam));
  for (PetscInt i = 0; i < n; i++) {
    const PetscReal l = PetscRealPart(lam[i]), r = l - PetscRealPart(z[i]), gi = PetscRealPart(g[i]), lt = l - el * (r * ig - gi);
    const PetscReal ln = PetscMin(PetscMax(lt, lo), hi);

    s0 += l * gi;
    s1 += r * r;
    s2 += (ln - l) * (ln - l);
    if (ineq && lt <= 0) {
      na += 1;
      ia += (PetscReal)(rs + i + 1);
    }
    lam[i] = ln;
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = na;
  s[4] = ia;
  PetscCall(VecRestoreArray(lambda, &lam));
  PetscCall(VecRestoreArrayRead(zv, &z));
  PetscCall(VecRestoreArrayRead(lv->gth, &g));
  PetscFunctionReturn(0);
}

/* theta^{k+1} = Proj_Y(theta - eta (f_y(x, theta) + J_y^T lambda + (theta - y)/gamma1)); local sums
   s[0] = |theta - y|^2, s[1] = |theta^{k+1} - theta|^2 */
static PetscErrorCode BilevelLVHBAThetaStep_Private(Bilevel bl, Vec theta, Vec yv, PetscReal s[])
{
  Bilevel_LVHBA     *lv = (Bilevel_LVHBA *)bl->data;
  const PetscScalar *y, *fy, *jy = NULL;
  PetscScalar       *th, *old = NULL;
  PetscInt           n, i     = 0;
  const PetscReal    ig = 1 / lv->g1, e = lv->e;
  PetscReal          s0 = 0, t = 0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(theta, &n));
  PetscCall(VecGetArrayRead(yv, &y));
  PetscCall(VecGetArrayRead(bl->fy, &fy));
  if (bl->g) PetscCall(VecGetArrayRead(bl->jy, &jy));
  PetscCall(VecGetArray(theta, &th));
  if (bl->projlower) PetscCall(VecGetArrayWrite(lv->thold, &old));
  for (; i + 4 <= n; i += 4) {
    PetscReal r0, r1, r2, r3;

    t += (Theta_Private(i, th, old, y, fy, jy, ig, e, &r0) + Theta_Private(i + 1, th, old, y, fy, jy, ig, e, &r1)) + (Theta_Private(i + 2, th, old, y, fy, jy, ig, e, &r2) + Theta_Private(i + 3, th, old, y, fy, jy, ig, e, &r3));
    s0 += (r0 + r1) + (r2 + r3);
  }
  for (; i < n; i++) {
    PetscReal r0;

    t += Theta_Private(i, th, old, y, fy, jy, ig, e, &r0);
    s0 += r0;
  }
  if (bl->projlower) PetscCall(VecRestoreArrayWrite(lv->thold, &old));
  PetscCall(VecRestoreArray(theta, &th));
  if (bl->g) PetscCall(VecRestoreArrayRead(bl->jy, &jy));
  PetscCall(VecRestoreArrayRead(bl->fy, &fy));
  PetscCall(VecRestoreArrayRead(yv, &y));
  s[0] = s0;
  s[1] = e * e * t;
  if (bl->projlower) {
    PetscCall(BilevelProjectLower_Private(bl, theta));
    PetscCall(BilevelLVHBADistance_Private(lv->thold, theta, &s[1]));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSolve_LVHBA(Bilevel bl)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;
  MPI_Comm       comm;
  PetscReal      nx, ny, n0, d;

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(citation, &cited));
  PetscCall(PetscObjectGetComm((PetscObject)bl, &comm));
  PetscCheck(!bl->proj || bl->pqp || (!bl->xl && !bl->xu), comm, PETSC_ERR_ARG_INCOMP, "LV-HBA with a projection onto C takes the bounds of x through that projection, not BilevelSetUpperBounds()");
  /* the starting point must lie in C */
  if (bl->proj && !bl->resumed) {
    PetscCall(VecCopy(bl->x, lv->xold));
    PetscCall(VecCopy(bl->y, lv->yold));
    PetscCall(BilevelProject(bl, lv->xold, lv->yold));
    PetscCall(VecAXPY(lv->xold, -1, bl->x));
    PetscCall(VecAXPY(lv->yold, -1, bl->y));
    PetscCall(VecNorm(lv->xold, NORM_2, &nx));
    PetscCall(VecNorm(lv->yold, NORM_2, &ny));
    d = PetscSqrtReal(nx * nx + ny * ny);
    PetscCall(VecNorm(bl->x, NORM_2, &nx));
    PetscCall(VecNorm(bl->y, NORM_2, &ny));
    n0 = PetscSqrtReal(nx * nx + ny * ny);
    PetscCheck(d <= 1e-8 * (1 + n0), comm, PETSC_ERR_ARG_OUTOFRANGE, "Infeasible starting point: LV-HBA needs (x0, y0) in the feasible set C, but the projection onto C moves it by %g; project it first (BilevelProject())", (double)d);
  }
  if (!bl->resumed) { /* otherwise the state of the checkpoint (BilevelCheckpointRead_LVHBA()) */
    PetscCall(BilevelLVHBAResolveSteps_Private(bl));
    lv->rho    = 1;
    lv->smin   = PETSC_MAX_REAL;
    lv->rmin   = PETSC_MAX_REAL;
    lv->act[0] = -1;
    lv->act[1] = -1;
    lv->kstage = 0;
    lv->kact   = 0;
    PetscCall(VecCopy(bl->y, lv->theta));
    PetscCall(BilevelProjectLower_Private(bl, lv->theta));
    if (bl->g && bl->lambda0) { /* BilevelSetInitialMultipliers(): sign and size checked in BilevelSetUp() */
      PetscReal lmax;

      PetscCall(VecNorm(bl->lambda0, NORM_INFINITY, &lmax));
      PetscCheck(lmax <= lv->r, comm, PETSC_ERR_ARG_OUTOFRANGE, "The initial multipliers reach %g, beyond the LV-HBA multiplier bound r = %g (-bilevel_lvhba_r)", (double)lmax, (double)lv->r);
      PetscCall(VecCopy(bl->lambda0, lv->lambda));
      PetscCall(VecCopy(bl->lambda0, lv->z));
    } else if (bl->g) {
      PetscCall(VecSet(lv->lambda, 0));
      PetscCall(VecSet(lv->z, 0));
    }
  }
  for (; bl->its < bl->max_it; bl->its++) {
    /* local sums: |theta - y|^2, lambda^T g, |lambda - z|^2, |dtheta|^2, |dlambda|^2, |d(x, y)|^2, |dz|^2, active-set
       size and index sum, |grad F|^2 */
    PetscReal c = lv->cb * lv->rho * PetscPowReal((PetscReal)(bl->its + 1), lv->p), sum[10] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, ls[5] = {0, 0, 0, 0, 0}, ts[2] = {0, 0};
    PetscReal fth, fxy, Fxy, fdummy, vest, s, res, floor;

    /* 1. inner saddle step at (x^k, y^k, z^k) from (theta^k, lambda^k): lambda first, theta with J_y^T lambda^k */
    PetscCall(BilevelComputeLower_Private(bl, bl->x, lv->theta, &fth, bl->fx, bl->fy));
    if (bl->g) {
      PetscCall(BilevelComputeConstraints_Private(bl, bl->x, lv->theta, lv->gth));
      PetscCall(BilevelComputeJacobianTranspose_Private(bl, bl->x, lv->theta, lv->lambda, bl->jx, bl->jy));
      PetscCall(BilevelLVHBALambdaStep_Private(bl, lv->lambda, lv->z, ls));
    }
    PetscCall(BilevelLVHBAThetaStep_Private(bl, lv->theta, bl->y, ts));

    /* 2. outer step with (theta^{k+1}, lambda^{k+1}) */
    PetscCall(BilevelComputeUpper_Private(bl, bl->x, bl->y, &Fxy, bl->Fx, bl->Fy));
    /* reference of the relative tolerance: |grad F(x^k, y^k)| (nonzero at a solution where the lower level binds;
       neither the start nor c_k enters it) */
    PetscCall(BilevelLVHBALocalNorm2_Private(bl->Fx, &sum[9]));
    PetscCall(BilevelLVHBALocalNorm2_Private(bl->Fy, &nx));
    sum[9] += nx;
    PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &fxy, lv->gxy_x, lv->gxy_y));
    PetscCall(BilevelComputeLower_Private(bl, bl->x, lv->theta, &fdummy, bl->fx, bl->fy));
    if (bl->g) PetscCall(BilevelComputeJacobianTranspose_Private(bl, bl->x, lv->theta, lv->lambda, bl->jx, bl->jy));
    PetscCall(BilevelLVHBAOuterStep_Private(bl, c, &sum[5]));
    if (bl->g) PetscCall(BilevelLVHBAZStep_Private(bl, &sum[6]));
    sum[0] = ts[0];
    sum[1] = ls[0];
    sum[2] = ls[1];
    sum[3] = ts[1];
    sum[4] = ls[2];
    sum[7] = ls[3];
    sum[8] = ls[4];
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, sum, 10, MPIU_REAL, MPIU_SUM, comm));
    bl->res0 = PetscSqrtReal(sum[9]);
    vest     = fth + sum[0] / (2 * lv->g1) + (bl->g ? sum[1] - sum[2] / (2 * lv->g2) : 0);
    s        = PetscSqrtReal(sum[3] / PetscSqr(lv->e) + (bl->g ? sum[4] / (lv->el * lv->e) : 0));
    /* stationarity of the bilevel problem: the projected-gradient residual of phi_k multiplied by c_k, i.e. of
       F + c_k (f - v_gamma), the Lagrangian of the value-function reformulation min F s.t. f - v_gamma <= 0 with
       multiplier c_k; the inner residual enters with the same factor (an inner error d moves grad v_gamma by d/gamma1);
       the multiplier blocks are measured as |dz|/sqrt(beta eta) and |dlambda|/sqrt(eta_lambda eta), which do not
       change when f or g is rescaled */
    res = c * PetscSqrtReal(sum[5] / PetscSqr(lv->a) + sum[6] / (lv->b * lv->e) + s * s);
    PetscCall(BilevelLogIteration_Private(bl, Fxy, fxy, res, fxy - vest));
    if (bl->reason == BILEVEL_CONVERGED_ITERATING && lv->cinc > 1 && BilevelResidualConverged_Private(bl, res) && !BilevelGapConverged_Private(bl, fxy - vest, fxy)) {
      lv->rho *= lv->cinc;
      PetscCall(PetscInfo(bl, "Iteration %" PetscInt_FMT ": residual %g below tolerance, gap %g above: penalty factor raised to %g\n", bl->its, (double)res, (double)PetscAbsReal(fxy - vest), (double)(lv->cb * lv->rho)));
      lv->smin   = PETSC_MAX_REAL;
      lv->rmin   = PETSC_MAX_REAL;
      lv->kstage = bl->its + 1;
    }
    /* instability: the inner residual grows by the factor growth over its smallest value since the last change of the
       active set; values below the accuracy the stopping test asks of it (its tolerance divided by c_k) are no
       reference (round-off, or a start that solves the lower level, gives a tiny or zero minimum) */
    if (bl->g && (sum[7] != lv->act[0] || sum[8] != lv->act[1])) {
      if (lv->act[0] >= 0) {
        PetscCall(PetscInfo(bl, "Iteration %" PetscInt_FMT ": active set of the multipliers changed (%g entries at 0): instability reference restarted\n", bl->its, (double)sum[7]));
        lv->smin = PETSC_MAX_REAL;
        lv->rmin = PETSC_MAX_REAL;
        lv->kact = bl->its + 1;
      }
      lv->act[0] = sum[7];
      lv->act[1] = sum[8];
    }
    /* ... and the residual of the whole iteration has grown by the same factor over its smallest value: from a far start
       the inner residual has a transient that grows with the distance of the start (the inner target moves with the
       outer iterate; the toy from x = 1000: 10 -> 1751 in 12 iterations) while the outer iteration makes progress
       (residual x 2.8 at most, then decreasing); an unstable inner iteration drives the outer one through theta and
       lambda, and both grow */
    floor = PetscMax(bl->atol, BilevelGetRTol_Private(bl) * PetscMax(bl->res0, 0)) / c;
    if (bl->reason == BILEVEL_CONVERGED_ITERATING && bl->its > PetscMax(lv->kstage, lv->kact) + 10 && s > lv->growth * PetscMax(lv->smin, floor) && res > lv->growth * lv->rmin) {
      PetscCall(PetscInfo(bl, "Inner residual %g grew beyond %g times max(its smallest value %g, floor %g), the residual %g beyond %g times its smallest value %g: reduce -bilevel_lvhba_eta / -bilevel_lvhba_eta_lambda\n", (double)s,
                          (double)lv->growth, (double)lv->smin, (double)floor, (double)res, (double)lv->growth, (double)lv->rmin));
      bl->reason = BILEVEL_DIVERGED_INSTABILITY;
    }
    if (bl->its >= lv->kstage + (lv->kstage ? 100 : 0) && s > 0) lv->smin = PetscMin(lv->smin, s);
    if (bl->its >= lv->kstage + (lv->kstage ? 100 : 0) && res > 0) lv->rmin = PetscMin(lv->rmin, res);
    PetscCall(BilevelCheckpoint_Private(bl));
    if (bl->reason != BILEVEL_CONVERGED_ITERATING) {
      bl->its++;
      break;
    }
  }
  PetscFunctionReturn(0);
}

/* v_gamma(x, y, z) by the inner projected descent-ascent of the solve, repeated until its step residual is below tol,
   and Danskin's gradients at the saddle point (theta*, lambda*) */
static PetscErrorCode BilevelLVHBAComputeValueFunction_LVHBA(Bilevel bl, Vec x, Vec y, Vec z, PetscReal tol, PetscInt maxit, PetscReal *v, Vec gx, Vec gy, Vec gz)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;
  MPI_Comm       comm;
  PetscReal      f, s = PETSC_MAX_REAL, sum[5];
  PetscInt       k;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)bl, &comm));
  PetscCheck(!bl->g || z, comm, PETSC_ERR_ARG_NULL, "The value function of a problem with lower-level constraints needs the multiplier variable z");
  PetscCall(BilevelLVHBAResolveSteps_Private(bl));
  PetscCall(VecCopy(y, lv->vth));
  PetscCall(BilevelProjectLower_Private(bl, lv->vth));
  if (bl->g) {
    PetscCall(VecCopy(z, lv->vlam));
    PetscCall(BilevelLVHBAProjectZ_Private(bl, lv->vlam));
  }
  for (k = 0; k < maxit && s > tol; k++) {
    PetscReal ls[5] = {0, 0, 0, 0, 0}, ts[2];

    PetscCall(BilevelComputeLower_Private(bl, x, lv->vth, &f, bl->fx, bl->fy));
    if (bl->g) {
      PetscCall(BilevelComputeConstraints_Private(bl, x, lv->vth, lv->gth));
      PetscCall(BilevelComputeJacobianTranspose_Private(bl, x, lv->vth, lv->vlam, bl->jx, bl->jy));
      PetscCall(BilevelLVHBALambdaStep_Private(bl, lv->vlam, z, ls));
    }
    PetscCall(BilevelLVHBAThetaStep_Private(bl, lv->vth, y, ts));
    sum[0] = ts[1];
    sum[1] = ls[2];
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, sum, 2, MPIU_REAL, MPIU_SUM, comm));
    s = PetscSqrtReal(sum[0] / PetscSqr(lv->e) + (bl->g ? sum[1] / PetscSqr(lv->el) : 0));
  }
  PetscCheck(s <= tol, comm, PETSC_ERR_NOT_CONVERGED, "Inner saddle-point iteration of v_gamma did not reach %g in %" PetscInt_FMT " iterations (residual %g)", (double)tol, maxit, (double)s);
  PetscCall(PetscInfo(bl, "v_gamma: inner residual %g after %" PetscInt_FMT " iterations\n", (double)s, k));
  /* value and gradients at (theta*, lambda*) */
  PetscCall(BilevelComputeLower_Private(bl, x, lv->vth, &f, bl->fx, bl->fy));
  PetscCall(VecWAXPY(lv->dth, -1, lv->vth, y));
  PetscCall(VecNorm(lv->dth, NORM_2, &sum[0]));
  *v = f + PetscSqr(sum[0]) / (2 * lv->g1);
  if (gx) PetscCall(VecCopy(bl->fx, gx));
  if (gy) PetscCall(VecAXPBY(gy, 1 / lv->g1, 0, lv->dth));
  if (bl->g) {
    PetscScalar lg;

    PetscCall(BilevelComputeConstraints_Private(bl, x, lv->vth, lv->gth));
    PetscCall(BilevelComputeJacobianTranspose_Private(bl, x, lv->vth, lv->vlam, bl->jx, bl->jy));
    PetscCall(VecDot(lv->vlam, lv->gth, &lg));
    PetscCall(VecWAXPY(lv->lw, -1, z, lv->vlam));
    PetscCall(VecNorm(lv->lw, NORM_2, &sum[1]));
    *v += PetscRealPart(lg) - PetscSqr(sum[1]) / (2 * lv->g2);
    if (gx) PetscCall(VecAXPY(gx, 1, bl->jx));
    if (gz) PetscCall(VecAXPBY(gz, 1 / lv->g2, 0, lv->lw));
  } else if (gz) PetscCall(VecSet(gz, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSetUp_LVHBA(Bilevel bl)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  PetscCall(VecDuplicate(bl->y, &lv->theta));
  PetscCall(VecDuplicate(bl->y, &lv->vth));
  PetscCall(VecDuplicate(bl->y, &lv->dth));
  PetscCall(VecDuplicate(bl->y, &lv->thold));
  PetscCall(VecDuplicate(bl->y, &lv->yold));
  PetscCall(VecDuplicate(bl->y, &lv->gxy_y));
  PetscCall(VecDuplicate(bl->y, &lv->ew));
  PetscCall(VecDuplicate(bl->x, &lv->xold));
  PetscCall(VecDuplicate(bl->x, &lv->gxy_x));
  PetscCall(VecDuplicate(bl->x, &lv->xw));
  PetscCall(VecDuplicate(bl->x, &lv->xv));
  if (bl->g) {
    PetscCall(VecDuplicate(bl->g, &lv->lambda));
    PetscCall(VecDuplicate(bl->g, &lv->vlam));
    PetscCall(VecDuplicate(bl->g, &lv->z));
    PetscCall(VecDuplicate(bl->g, &lv->gth));
    PetscCall(VecDuplicate(bl->g, &lv->dl));
    PetscCall(VecDuplicate(bl->g, &lv->lw));
  }
  PetscCall(BilevelProjectionSetUpBuiltin_Private(bl));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelReset_LVHBA(Bilevel bl)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&lv->theta));
  PetscCall(VecDestroy(&lv->vth));
  PetscCall(VecDestroy(&lv->vlam));
  PetscCall(VecDestroy(&lv->dth));
  PetscCall(VecDestroy(&lv->thold));
  PetscCall(VecDestroy(&lv->yold));
  PetscCall(VecDestroy(&lv->gxy_y));
  PetscCall(VecDestroy(&lv->ew));
  PetscCall(VecDestroy(&lv->xold));
  PetscCall(VecDestroy(&lv->gxy_x));
  PetscCall(VecDestroy(&lv->xw));
  PetscCall(VecDestroy(&lv->xv));
  PetscCall(VecDestroy(&lv->lambda));
  PetscCall(VecDestroy(&lv->z));
  PetscCall(VecDestroy(&lv->gth));
  PetscCall(VecDestroy(&lv->dl));
  PetscCall(VecDestroy(&lv->lw));
  PetscCall(BilevelProjectionResetBuiltin_Private(bl));
  PetscFunctionReturn(0);
}

/* the state of LV-HBA besides x and y: theta, lambda, z, the steps of the automatic rule and the penalty and
   instability state */
static PetscErrorCode BilevelCheckpointWrite_LVHBA(Bilevel bl, PetscViewer viewer, const char group[])
{
  Bilevel_LVHBA *lv      = (Bilevel_LVHBA *)bl->data;
  const char    *names[] = {"theta", "lambda", "z"};
  Vec            v[3]    = {lv->theta, lv->lambda, lv->z};
  PetscReal      st[18]  = {lv->a, lv->b, lv->e, lv->el, lv->cb, lv->g1, lv->g2, lv->Lyy, lv->Jnorm2, lv->LF, lv->rho, lv->smin, lv->act[0], lv->act[1], (PetscReal)lv->kstage, (PetscReal)lv->kact, bl->g ? 1.0 : 0.0, lv->rmin};

  PetscFunctionBegin;
  PetscCall(BilevelCheckpointWriteState_Private(bl, viewer, group, 18, st, 3, v, names));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelCheckpointRead_LVHBA(Bilevel bl, PetscViewer viewer, const char group[])
{
  Bilevel_LVHBA *lv      = (Bilevel_LVHBA *)bl->data;
  const char    *names[] = {"theta", "lambda", "z"};
  Vec            v[3]    = {lv->theta, lv->lambda, lv->z};
  PetscReal      st[18];

  PetscFunctionBegin;
  PetscCall(BilevelCheckpointReadState_Private(bl, viewer, group, 18, st, 3, v, names));
  PetscCheck(st[0] > 0 && st[1] > 0 && st[2] > 0 && st[3] >= 0 && st[4] > 0 && st[5] > 0 && st[6] > 0 && st[10] >= 1 && st[11] > 0 && st[17] > 0 && st[14] >= 0 && st[15] >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_FILE_UNEXPECTED,
             "LV-HBA checkpoint: implausible step sizes or penalty state (alpha %g beta %g eta %g eta_lambda %g cbar %g rho %g)", (double)st[0], (double)st[1], (double)st[2], (double)st[3], (double)st[4], (double)st[10]);
  lv->a      = st[0];
  lv->b      = st[1];
  lv->e      = st[2];
  lv->el     = st[3];
  lv->cb     = st[4];
  lv->g1     = st[5];
  lv->g2     = st[6];
  lv->Lyy    = st[7];
  lv->Jnorm2 = st[8];
  lv->LF     = st[9];
  lv->rho    = st[10];
  lv->smin   = st[11];
  lv->act[0] = st[12];
  lv->act[1] = st[13];
  lv->kstage = (PetscInt)st[14];
  lv->kact   = (PetscInt)st[15];
  lv->rmin   = st[17];
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSetFromOptions_LVHBA(Bilevel bl, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "LV-HBA options");
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_alpha", "Step of (x, y) (default eta)", "BilevelLVHBASetStepSizes", lv->alpha, &lv->alpha, NULL, 1e10));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_beta", "Step of z (default eta)", "BilevelLVHBASetStepSizes", lv->beta, &lv->beta, NULL, 1e10));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_eta", "Step of theta (default 1/(|f_yy| + 1/gamma1))", "BilevelLVHBASetStepSizes", lv->eta, &lv->eta, NULL, 1e10));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_eta_lambda", "Step of lambda (default min(eta, gamma2, 1/(2 gamma1 |J|^2)))", "BilevelLVHBASetStepSizes", lv->eta_lambda, &lv->eta_lambda, NULL, 1e10));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_gamma1", "Proximal parameter of theta", "BilevelLVHBASetProximal", lv->gamma1, &lv->gamma1, NULL, 1e10));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_gamma2", "Proximal parameter of lambda", "BilevelLVHBASetProximal", lv->gamma2, &lv->gamma2, NULL, 1e10));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_c", "Penalty factor cbar in c_k = cbar (k+1)^p (default 10 alpha |F''|)", "BilevelLVHBASetPenalty", lv->cbar, &lv->cbar, NULL, 1e12));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_p", "Penalty exponent p in (0, 1/2)", "BilevelLVHBASetPenalty", lv->p, &lv->p, NULL, 0.5));
  PetscCall(TesseraOptionsRealInRange("-bilevel_lvhba_c_increase", "Factor raising c_k when the residual is below tolerance but the gap is not (1: fixed schedule)", "", lv->cinc, &lv->cinc, NULL, 1, 1e6));
  PetscCall(TesseraOptionsRealPositive("-bilevel_lvhba_r", "Multiplier box bound r", "BilevelLVHBASetMultiplierBound", lv->r, &lv->r, NULL, 1e12));
  PetscCall(TesseraOptionsRealInRange("-bilevel_lvhba_growth", "Stop with DIVERGED_INSTABILITY when the inner residual exceeds this factor times its minimum", "", lv->growth, &lv->growth, NULL, 1, 1e12));
  PetscOptionsHeadEnd();
  PetscCall(BilevelLVHBASetProximal(bl, lv->gamma1, lv->gamma2));
  PetscCall(BilevelLVHBASetPenalty(bl, lv->cbar, lv->p));
  PetscCall(BilevelLVHBASetMultiplierBound(bl, lv->r));
  PetscCheck(lv->growth > 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_lvhba_growth %g must exceed 1", (double)lv->growth);
  PetscCheck(lv->cinc >= 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_lvhba_c_increase %g must be at least 1", (double)lv->cinc);
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelView_LVHBA(Bilevel bl, PetscViewer viewer)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "LV-HBA: gamma1 %s %g, gamma2 %s %g (last solve)\n", lv->gamma1 == (PetscReal)PETSC_DEFAULT ? "2/|f_yy| =" : "", (double)lv->g1, lv->gamma2 == (PetscReal)PETSC_DEFAULT ? "|f_yy|/|J_y g|^2 =" : "",
                                   (double)lv->g2));
  if (lv->cbar == (PetscReal)PETSC_DEFAULT) PetscCall(PetscViewerASCIIPrintf(viewer, "LV-HBA: c_k = cbar (k+1)^%g with automatic cbar (last solve: %g), multiplier box %g\n", (double)lv->p, (double)lv->cb, (double)lv->r));
  else PetscCall(PetscViewerASCIIPrintf(viewer, "LV-HBA: c_k = %g (k+1)^%g, multiplier box %g\n", (double)lv->cbar, (double)lv->p, (double)lv->r));
  if (lv->e > 0) PetscCall(PetscViewerASCIIPrintf(viewer, "LV-HBA steps of the last solve: alpha %g, beta %g, eta %g, eta_lambda %g\n", (double)lv->a, (double)lv->b, (double)lv->e, (double)lv->el));
  PetscCall(BilevelProjectionViewBuiltin_Private(bl, viewer));
  if (lv->rho > 1) PetscCall(PetscViewerASCIIPrintf(viewer, "LV-HBA penalty factor raised to %g by the last solve (increase factor %g)\n", (double)(lv->cb * lv->rho), (double)lv->cinc));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBASetStepSizes_LVHBA(Bilevel bl, PetscReal alpha, PetscReal beta, PetscReal eta, PetscReal eta_lambda)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  lv->alpha      = alpha;
  lv->beta       = beta;
  lv->eta        = eta;
  lv->eta_lambda = eta_lambda;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBAGetStepSizes_LVHBA(Bilevel bl, PetscReal *alpha, PetscReal *beta, PetscReal *eta, PetscReal *eta_lambda)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  if (alpha) *alpha = lv->a;
  if (beta) *beta = lv->b;
  if (eta) *eta = lv->e;
  if (eta_lambda) *eta_lambda = lv->el;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBASetProximal_LVHBA(Bilevel bl, PetscReal gamma1, PetscReal gamma2)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  PetscCheck((gamma1 > 0 || gamma1 == (PetscReal)PETSC_DEFAULT) && (gamma2 > 0 || gamma2 == (PetscReal)PETSC_DEFAULT), PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Proximal parameters gamma1 %g, gamma2 %g must be positive",
             (double)gamma1, (double)gamma2);
  lv->gamma1 = gamma1;
  lv->gamma2 = gamma2;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBASetPenalty_LVHBA(Bilevel bl, PetscReal cbar, PetscReal p)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  PetscCheck(cbar > 0 || cbar == (PetscReal)PETSC_DEFAULT, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Penalty factor %g must be positive", (double)cbar);
  PetscCheck(p > 0 && p < 0.5, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Penalty exponent p = %g must lie in (0, 1/2)", (double)p);
  lv->cbar = cbar;
  lv->p    = p;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBASetMultiplierBound_LVHBA(Bilevel bl, PetscReal r)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  PetscCheck(r > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Multiplier bound %g must be positive", (double)r);
  lv->r = r;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBAGetProximal_LVHBA(Bilevel bl, PetscReal *gamma1, PetscReal *gamma2)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  if (gamma1) *gamma1 = lv->gamma1 == (PetscReal)PETSC_DEFAULT ? lv->g1 : lv->gamma1;
  if (gamma2) *gamma2 = lv->gamma2 == (PetscReal)PETSC_DEFAULT ? lv->g2 : lv->gamma2;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBAGetPenalty_LVHBA(Bilevel bl, PetscReal *cbar, PetscReal *p, PetscReal *r)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  if (cbar) *cbar = lv->cbar == (PetscReal)PETSC_DEFAULT ? lv->cb : lv->cbar;
  if (p) *p = lv->p;
  if (r) *r = lv->r;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBAGetMultipliers_LVHBA(Bilevel bl, Vec *lambda, Vec *z)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  if (lambda) *lambda = lv->lambda;
  if (z) *z = lv->z;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelLVHBAGetProximalPoint_LVHBA(Bilevel bl, Vec *theta)
{
  Bilevel_LVHBA *lv = (Bilevel_LVHBA *)bl->data;

  PetscFunctionBegin;
  *theta = lv->theta;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelDestroy_LVHBA(Bilevel bl)
{
  PetscFunctionBegin;
  PetscCall(PetscFree(bl->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetStepSizes_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetStepSizes_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetProximal_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetPenalty_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetMultiplierBound_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetProximal_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAComputeValueFunction_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetPenalty_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetMultipliers_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetProximalPoint_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  BILEVELLVHBA - "lvhba": LV-HBA, the Hessian-free single-loop method of Yao, Yu, Zeng and Zhang for bilevel
  problems whose lower level has constraints coupling x and y (merely convex lower level allowed)

  Options Database Keys:
+ -bilevel_lvhba_alpha <eta>         - step of (x, y)
. -bilevel_lvhba_beta <eta>          - step of z
. -bilevel_lvhba_eta <auto>          - step of theta, default 1/(|grad^2_yy f| + 1/gamma1)
. -bilevel_lvhba_eta_lambda <auto>   - step of lambda, default min(eta, gamma2, 1/(2 gamma1 |grad_y g|^2)); set it equal to eta for the paper's single step
. -bilevel_lvhba_gamma1 <1>          - proximal parameter of theta
. -bilevel_lvhba_gamma2 <1>          - proximal parameter of lambda
. -bilevel_lvhba_c <auto>            - penalty factor cbar, default 10 alpha |grad^2 F| (|F_xx| + |F_yy| by a power method on differences of the upper gradient)
. -bilevel_lvhba_p <0.49>            - penalty exponent p in (0, 1/2)
. -bilevel_lvhba_c_increase <4>      - factor raising c_k when the residual meets its tolerance but the gap does not (1: the paper's fixed schedule)
. -bilevel_lvhba_r <1000>            - multiplier box Z = [0, r] (inequalities) or [-r, r] (equalities)
- -bilevel_lvhba_growth <100>        - instability detection factor (inner residual and whole residual both grown by it)

  Level: beginner

  Notes:
  Needs a starting point in C (`BilevelSetProjection()`). Residual: fixed-point residual of all variables, the steps of
  x, y, z and theta divided by their step sizes, the step of lambda by sqrt(eta_lambda eta) (invariant under a
  rescaling of g), the (x, y, z) part multiplied by the penalty increase rho (1 until the first increase); gap:
  f(x, y) - v_gamma(x, y, z) evaluated at the current inner iterates. With the default relative tolerances
  (`BilevelSetTolerances()`) the stopping test and the penalty increase do not depend on the size of the problem: on
  the toy the same iterations (56 562) for n = 100, 1000 and 10000. `BilevelLVHBAGetPenalty()` returns the cbar used.

  Iteration count: LV-HBA is a first-order penalty method. Its bias, the distance of the minimiser of
  F/c_k + f - v_gamma from the bilevel solution, decays like 1/c_k (the gap like 1/c_k^2), and the error along the
  lower-level solution manifold contracts by about alpha lambda_min(grad^2 Phi)/c_k per iteration, so the iterations
  grow with the accuracy asked: on `quadratic` (10 x 20) 7 894 / 48 666 / 169 610 iterations for -bilevel_rtol 1e-2 /
  1e-3 / 1e-4 (x errors 3.7e-2 / 3.3e-3 / 2.6e-4), 181 293 to 256 018 from starts x = 5, -100, 1000. No setting of the
  schedule removes this: cbar 0.05 ... 0.5 (automatic 1.53) takes 208 000 - 258 000 iterations, p 0.1 / 0.25 226 307 /
  164 211, c_increase 1.5 / 2 / 3 / 10 154 032 / 151 473 / 195 355 / over 400 000, alpha 0.2 147 074 (0.3 is unstable),
  a penalty raised at once to the value the gap asks (c sqrt(gap/tolerance)) over 215 000. The default iteration
  limit of this type is therefore 500 000 (`BilevelSetTolerances()`; the other types: 100 000).

  Reference: W. Yao, C. Yu, S. Zeng, J. Zhang, ICLR 2024, arXiv:2401.16164.

.seealso: `Bilevel`, `BILEVELBOREP`, `BilevelLVHBASetStepSizes()`
M*/
PetscErrorCode BilevelCreate_LVHBA(Bilevel bl)
{
  Bilevel_LVHBA *lv;

  PetscFunctionBegin;
  PetscCall(PetscNew(&lv));
  bl->data         = (void *)lv;
  lv->alpha        = PETSC_DEFAULT;
  lv->beta         = PETSC_DEFAULT;
  lv->eta          = PETSC_DEFAULT;
  lv->eta_lambda   = PETSC_DEFAULT;
  lv->gamma1       = PETSC_DEFAULT;
  lv->gamma2       = PETSC_DEFAULT;
  lv->cbar         = PETSC_DEFAULT;
  lv->p            = 0.49;
  lv->r            = 1000.0;
  lv->growth       = 100;
  lv->cinc         = 4;
  lv->rho          = 1;
  bl->rtol_default = 1e-4;                  /* a first-order penalty method: see the Notes above */
  if (!bl->max_it_set) bl->max_it = 500000; /* its sublinear rate: see the Notes above */
  bl->ops->setup           = BilevelSetUp_LVHBA;
  bl->ops->solve           = BilevelSolve_LVHBA;
  bl->ops->setfromoptions  = BilevelSetFromOptions_LVHBA;
  bl->ops->view            = BilevelView_LVHBA;
  bl->ops->reset           = BilevelReset_LVHBA;
  bl->ops->destroy         = BilevelDestroy_LVHBA;
  bl->ops->checkpointwrite = BilevelCheckpointWrite_LVHBA;
  bl->ops->checkpointread  = BilevelCheckpointRead_LVHBA;
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetStepSizes_C", BilevelLVHBASetStepSizes_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetStepSizes_C", BilevelLVHBAGetStepSizes_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetProximal_C", BilevelLVHBASetProximal_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetPenalty_C", BilevelLVHBASetPenalty_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBASetMultiplierBound_C", BilevelLVHBASetMultiplierBound_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetProximal_C", BilevelLVHBAGetProximal_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAComputeValueFunction_C", BilevelLVHBAComputeValueFunction_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetPenalty_C", BilevelLVHBAGetPenalty_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetMultipliers_C", BilevelLVHBAGetMultipliers_LVHBA));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelLVHBAGetProximalPoint_C", BilevelLVHBAGetProximalPoint_LVHBA));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBASetStepSizes - Sets the step sizes of LV-HBA

  Logically Collective

  Input Parameters:
+ bl         - the solver
. alpha      - step of (x, y)
. beta       - step of z
. eta        - step of theta
- eta_lambda - step of lambda

  Level: intermediate

  Notes:
  `PETSC_DEFAULT` selects the automatic rule for that step (see `BILEVELLVHBA`). No-op for other types.

.seealso: `BILEVELLVHBA`, `BilevelLVHBAGetStepSizes()`
@*/
PetscErrorCode BilevelLVHBASetStepSizes(Bilevel bl, PetscReal alpha, PetscReal beta, PetscReal eta, PetscReal eta_lambda)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryMethod(bl, "BilevelLVHBASetStepSizes_C", (Bilevel, PetscReal, PetscReal, PetscReal, PetscReal), (bl, alpha, beta, eta, eta_lambda));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBAGetStepSizes - Gets the step sizes used by the last LV-HBA solve

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ alpha      - step of (x, y)
. beta       - step of z
. eta        - step of theta
- eta_lambda - step of lambda

  Level: intermediate

.seealso: `BilevelLVHBASetStepSizes()`
@*/
PetscErrorCode BilevelLVHBAGetStepSizes(Bilevel bl, PetscReal *alpha, PetscReal *beta, PetscReal *eta, PetscReal *eta_lambda)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelLVHBAGetStepSizes_C", (Bilevel, PetscReal *, PetscReal *, PetscReal *, PetscReal *), (bl, alpha, beta, eta, eta_lambda));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBASetProximal - Sets the proximal parameters (gamma1, gamma2) of the value function v_gamma

  Logically Collective

  Input Parameters:
+ bl     - the solver
. gamma1 - proximal parameter of theta (below 1/rho_f for a weakly convex f)
- gamma2 - proximal parameter of lambda

  Level: intermediate

.seealso: `BILEVELLVHBA`
@*/
PetscErrorCode BilevelLVHBASetProximal(Bilevel bl, PetscReal gamma1, PetscReal gamma2)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryMethod(bl, "BilevelLVHBASetProximal_C", (Bilevel, PetscReal, PetscReal), (bl, gamma1, gamma2));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBASetPenalty - Sets the penalty schedule c_k = cbar (k+1)^p

  Logically Collective

  Input Parameters:
+ bl   - the solver
. cbar - factor, positive, or `PETSC_DEFAULT` for the automatic 10 alpha |grad^2 F|
- p    - exponent in (0, 1/2)

  Level: intermediate

.seealso: `BILEVELLVHBA`
@*/
PetscErrorCode BilevelLVHBASetPenalty(Bilevel bl, PetscReal cbar, PetscReal p)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryMethod(bl, "BilevelLVHBASetPenalty_C", (Bilevel, PetscReal, PetscReal), (bl, cbar, p));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBASetMultiplierBound - Sets the bound r of the multiplier box Z

  Logically Collective

  Input Parameters:
+ bl - the solver
- r  - the bound: Z = [0, r]^l for inequalities, [-r, r]^l for equalities

  Level: intermediate

.seealso: `BILEVELLVHBA`
@*/
PetscErrorCode BilevelLVHBASetMultiplierBound(Bilevel bl, PetscReal r)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryMethod(bl, "BilevelLVHBASetMultiplierBound_C", (Bilevel, PetscReal), (bl, r));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBAGetProximal - Gets the proximal parameters (gamma1, gamma2) of the value function v_gamma

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ gamma1 - proximal parameter of theta (may be NULL)
- gamma2 - proximal parameter of lambda (may be NULL)

  Level: intermediate

.seealso: `BilevelLVHBASetProximal()`
@*/
PetscErrorCode BilevelLVHBAGetProximal(Bilevel bl, PetscReal *gamma1, PetscReal *gamma2)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelLVHBAGetProximal_C", (Bilevel, PetscReal *, PetscReal *), (bl, gamma1, gamma2));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBAGetPenalty - Gets the penalty schedule c_k = cbar (k+1)^p and the multiplier box bound r

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ cbar - penalty factor (may be NULL; the automatic value of the last solve when not set)
. p    - penalty exponent (may be NULL)
- r    - multiplier box bound (may be NULL)

  Level: intermediate

.seealso: `BilevelLVHBASetPenalty()`, `BilevelLVHBASetMultiplierBound()`
@*/
PetscErrorCode BilevelLVHBAGetPenalty(Bilevel bl, PetscReal *cbar, PetscReal *p, PetscReal *r)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelLVHBAGetPenalty_C", (Bilevel, PetscReal *, PetscReal *, PetscReal *), (bl, cbar, p, r));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBAGetMultipliers - Gets the lower-level multiplier estimates lambda (inner) and z (outer)

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ lambda - inner multiplier (do not destroy; NULL without constraints)
- z      - outer multiplier variable (do not destroy)

  Level: intermediate

.seealso: `BILEVELLVHBA`
@*/
PetscErrorCode BilevelLVHBAGetMultipliers(Bilevel bl, Vec *lambda, Vec *z)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelLVHBAGetMultipliers_C", (Bilevel, Vec *, Vec *), (bl, lambda, z));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBAGetProximalPoint - Gets theta, the inner iterate approximating the proximal lower-level solution

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameter:
. theta - the inner iterate (do not destroy)

  Level: intermediate

.seealso: `BILEVELLVHBA`
@*/
PetscErrorCode BilevelLVHBAGetProximalPoint(Bilevel bl, Vec *theta)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelLVHBAGetProximalPoint_C", (Bilevel, Vec *), (bl, theta));
  PetscFunctionReturn(0);
}

/*@
  BilevelLVHBAComputeValueFunction - Computes the proximal Lagrangian value function
  v_gamma(x, y, z) = min_{theta in Y} max_{lambda in Z} f(x, theta) + lambda^T g(x, theta) + |theta - y|^2/(2 gamma1) - |lambda - z|^2/(2 gamma2)
  and its gradients (Danskin): grad_x v = f_x(x, theta*) + J_x^T lambda*, grad_y v = (y - theta*)/gamma1, grad_z v = (lambda* - z)/gamma2

  Collective

  Input Parameters:
+ bl    - the solver, set up (`BilevelSetUp()`), of type `BILEVELLVHBA`
. x     - upper-level point
. y     - lower-level point
. z     - multiplier variable (size of the constraints; NULL without constraints)
. tol   - tolerance on the step residual of the inner projected descent-ascent (the steps of the solve)
- maxit - maximum number of inner iterations

  Output Parameters:
+ v  - the value v_gamma(x, y, z)
. gx - gradient with respect to x (may be NULL)
. gy - gradient with respect to y (may be NULL)
- gz - gradient with respect to z (may be NULL)

  Level: advanced

  Notes:
  Without lower-level constraints v_gamma is the Moreau envelope of f(x, .) + indicator of Y with parameter gamma1.
  Raises `PETSC_ERR_NOT_CONVERGED` if the inner iteration does not reach tol. The inner iterate is kept apart from
  the solver's (theta, lambda).

.seealso: `BILEVELLVHBA`, `BilevelLVHBASetProximal()`
@*/
PetscErrorCode BilevelLVHBAComputeValueFunction(Bilevel bl, Vec x, Vec y, Vec z, PetscReal tol, PetscInt maxit, PetscReal *v, Vec gx, Vec gy, Vec gz)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidHeaderSpecific(x, VEC_CLASSID, 2);
  PetscValidHeaderSpecific(y, VEC_CLASSID, 3);
  PetscValidRealPointer(v, 7);
  PetscCheck(bl->setupcalled, PetscObjectComm((PetscObject)bl), PETSC_ERR_ORDER, "Call BilevelSetUp() before BilevelLVHBAComputeValueFunction()");
  PetscUseMethod(bl, "BilevelLVHBAComputeValueFunction_C", (Bilevel, Vec, Vec, Vec, PetscReal, PetscInt, PetscReal *, Vec, Vec, Vec), (bl, x, y, z, tol, maxit, v, gx, gy, gz));
  PetscFunctionReturn(0);
}
