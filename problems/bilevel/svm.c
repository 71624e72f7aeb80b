/*I "tessera.h" I*/
/*
   svm.c - SVM hyper-parameter learning ("svm", heart_scale) and data hyper-cleaning ("cleaning", breast_cancer_scale
   with 40 % of the training labels flipped) on LIBSVM data read by TesseraLibSVMRead().

   Per seed the samples are shuffled and split into training (n_tr), validation (n_val) and test (rest) sets. The
   hyper-parameters are one weight c_i per training sample (penalty exp(c_i) of its slack), the model (w, b) is an
   L2-loss SVM and the upper level is the mean logistic loss on the validation set:

     F = 1/n_val sum_j log(1 + exp(-y_j (w^T z_j + b)))

   LV-HBA (constrained lower level, spec section 1.7c):  y = (w, b, xi),
     f(c, y) = 1/2 |w|^2 + 1/2 sum_i exp(c_i) xi_i^2,   g_i = 1 - xi_i - y_i (w^T z_i + b) <= 0,
     C = [c_min, c_max]^n_tr x {g <= 0}: the projection onto the polyhedron eliminates xi (xi_i = max(xi0_i,
     1 - y_i (w^T z_i + b))) and solves the remaining (d+1)-dimensional piecewise quadratic by semismooth Newton.
   BO-REP and implicit (unconstrained strongly convex lower level, c in [c_min, c_max] by BilevelSetUpperBounds()):
   y = (w, b),
     f(c, y) = 1/2 |w|^2 + eps/2 b^2 + 1/2 sum_i exp(c_i) max(0, 1 - y_i (w^T z_i + b))^2,
     with exact Hessian-vector products (generalised Hessian of the squared hinge).
   Baselines (-svm_baseline, returned by BilevelProblemComputeBaseline()): `grid` (default), a grid search over one
   uniform weight exp(c) in {2^-8, 2^-7, ..., 2^8}, lower level solved by Tao (LMVM), selected by validation accuracy
   (ties: validation loss); `cv5`, the same grid selected by 5-fold cross-validation accuracy on the training set alone
   (contiguous folds of the shuffled training set; held-out samples get weight 0), then trained on the whole training
   set; `valonly`, the model trained on the (clean) validation set alone with exp(c) = 1; `untuned`, exp(c) = 1 on the
   training set.

   Label convention: the learned classifier predicts sign(w^T z + b); accuracy = fraction of correct signs.
*/
#include <bilevelproblemimpl.h>
#include <tesseralibsvm.h>
#include <petsctao.h>

typedef struct {
  /* options */
  char      file[PETSC_MAX_PATH_LEN];
  PetscInt  ntr, nval, seed;
  PetscReal flip, c0, cmin, cmax, eps;
  /* data: dense row-major features and labels of the three sets */
  PetscInt   d, nte, nflip;
  PetscReal *Ztr, *ytr, *Zva, *yva, *Zte, *yte;
  /* LV-HBA projection: generalised Hessian and work Vecs of the semismooth Newton method */
  Mat H;
  Vec pg, pp, pv, pvt;
  /* baseline and untuned results */
  PetscBool basedone;
  PetscReal base_c, base_val, base_test, untuned_val, untuned_test;
  PetscReal cv_c, cv_val, cv_test, vo_val, vo_test; /* 5-fold cross-validation grid search; clean validation set only */
  PetscInt  basekind;                               /* baseline returned by BilevelProblemComputeBaseline() */
  PetscBool lvhba;                                  /* formulation handed to the solver */
} SVM;

static const char *const SVMBaselines[] = {"grid", "cv5", "valonly", "untuned"};

static PetscReal Dot_Private(const PetscReal *z, const PetscScalar *w, PetscInt d)
{
  PetscReal s = 0;

  for (PetscInt k = 0; k < d; k++) s += z[k] * PetscRealPart(w[k]);
  return s;
}

/* Mean logistic loss on the validation set and its gradient with respect to (w, b); w, b read from y[0..d] */
static PetscErrorCode SVMUpper(Bilevel bl, Vec X, Vec Y, PetscReal *F, Vec gx, Vec gy, void *ctx)
{
  SVM               *s = (SVM *)ctx;
  const PetscScalar *y;
  PetscScalar       *g;

  PetscFunctionBegin;
  PetscCall(VecSet(gx, 0));
  PetscCall(VecSet(gy, 0));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArray(gy, &g));
  *F = 0;
  for (PetscInt j = 0; j < s->nval; j++) {
    PetscReal m = s->yva[j] * (Dot_Private(s->Zva + j * s->d, y, s->d) + PetscRealPart(y[s->d])), sg;

    *F += m > 0 ? PetscLogReal(1 + PetscExpReal(-m)) : -m + PetscLogReal(1 + PetscExpReal(m));
    sg = 1 / (1 + PetscExpReal(m)); /* sigma(-m) */
    for (PetscInt k = 0; k < s->d; k++) g[k] -= sg * s->yva[j] * s->Zva[j * s->d + k] / s->nval;
    g[s->d] -= sg * s->yva[j] / s->nval;
  }
  *F /= s->nval;
  PetscCall(VecRestoreArray(gy, &g));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(0);
}

/* sample i of the LV-HBA lower level: 1/2 exp(c_i) xi_i^2 and its gradients; returns the term */
static inline PetscReal SVMSampleLVHBA_Private(SVM *s, PetscInt i, const PetscScalar *c, const PetscScalar *y, PetscScalar *ax, PetscScalar *ay)
{
  PetscReal e = PetscExpReal(PetscRealPart(c[i])), xi = PetscRealPart(y[s->d + 1 + i]);

  ax[i]            = 0.5 * e * xi * xi;
  ay[s->d + 1 + i] = e * xi;
  return 0.5 * e * xi * xi;
}

/* sample i of the BO-REP lower level: 1/2 exp(c_i) max(0, 1 - m_i)^2 and its gradients (added to ay); returns the term */
static inline PetscReal SVMSampleBOREP_Private(SVM *s, PetscInt i, const PetscScalar *c, const PetscScalar *y, PetscScalar *ax, PetscScalar *ay)
{
  PetscReal e = PetscExpReal(PetscRealPart(c[i])), rr = PetscMax(0, 1 - s->ytr[i] * (Dot_Private(s->Ztr + i * s->d, y, s->d) + PetscRealPart(y[s->d])));

  ax[i] = 0.5 * e * rr * rr;
  for (PetscInt k = 0; k < s->d; k++) ay[k] -= e * rr * s->ytr[i] * s->Ztr[i * s->d + k];
  ay[s->d] -= e * rr * s->ytr[i];
  return 0.5 * e * rr * rr;
}

typedef PetscReal (*SVMSampleFn)(SVM *, PetscInt, const PetscScalar *, const PetscScalar *, PetscScalar *, PetscScalar *);

/* both lower levels: f = 1/2 |w|^2 (+ eps/2 b^2 when ridge) + sum of the sample terms, with gradients gx, gy */
static BILEVELPROBLEM_INLINE PetscErrorCode SVMLowerEvaluate_Private(SVM *s, PetscBool ridge, SVMSampleFn sample, Vec X, Vec Y, PetscReal *f, Vec gx, Vec gy)
{
  const PetscScalar *c, *y;
  PetscScalar       *ax, *ay;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &c));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArray(gx, &ax));
  PetscCall(VecGetArray(gy, &ay));
  *f = ridge ? 0.5 * s->eps * PetscSqr(PetscRealPart(y[s->d])) : 0;
  for (PetscInt k = 0; k < s->d; k++) {
    *f += 0.5 * PetscSqr(PetscRealPart(y[k]));
    ay[k] = y[k];
  }
  ay[s->d] = ridge ? s->eps * y[s->d] : 0;
  for (PetscInt i = 0; i < s->ntr; i++) *f += sample(s, i, c, y, ax, ay);
  PetscCall(VecRestoreArray(gx, &ax));
  PetscCall(VecRestoreArray(gy, &ay));
  PetscCall(VecRestoreArrayRead(X, &c));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(0);
}

/* LV-HBA lower level f = 1/2 |w|^2 + 1/2 sum exp(c_i) xi_i^2, y = (w, b, xi) */
static PetscErrorCode SVMLowerLVHBA(Bilevel bl, Vec X, Vec Y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(SVMLowerEvaluate_Private((SVM *)ctx, PETSC_FALSE, SVMSampleLVHBA_Private, X, Y, f, gx, gy));
  PetscFunctionReturn(0);
}

/* (A q)_i = y_i (w^T z_i + b) + xi_i for q = (w, b, xi) */
static PetscErrorCode SVMMultA_Private(SVM *s, const PetscScalar *q, PetscReal *out)
{
  PetscFunctionBegin;
  for (PetscInt i = 0; i < s->ntr; i++) out[i] = s->ytr[i] * (Dot_Private(s->Ztr + i * s->d, q, s->d) + PetscRealPart(q[s->d])) + PetscRealPart(q[s->d + 1 + i]);
  PetscFunctionReturn(0);
}

/* q += A^T mu */
static PetscErrorCode SVMMultAddAT_Private(SVM *s, const PetscScalar *mu, PetscScalar *q)
{
  PetscFunctionBegin;
  for (PetscInt i = 0; i < s->ntr; i++) {
    PetscReal m = PetscRealPart(mu[i]) * s->ytr[i];

    for (PetscInt k = 0; k < s->d; k++) q[k] += m * s->Ztr[i * s->d + k];
    q[s->d] += m;
    q[s->d + 1 + i] += mu[i];
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMConstraints(Bilevel bl, Vec X, Vec Y, Vec G, void *ctx)
{
  SVM               *s = (SVM *)ctx;
  const PetscScalar *y;
  PetscScalar       *g;
  PetscReal         *aq;

  PetscFunctionBegin;
  PetscCall(PetscMalloc1(s->ntr, &aq));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(SVMMultA_Private(s, y, aq));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscCall(VecGetArrayWrite(G, &g));
  for (PetscInt i = 0; i < s->ntr; i++) g[i] = 1 - aq[i];
  PetscCall(VecRestoreArrayWrite(G, &g));
  PetscCall(PetscFree(aq));
  PetscFunctionReturn(0);
}

/* sum_i lambda_i grad g_i = -A^T lambda (no dependence on c) */
static PetscErrorCode SVMJacobianTranspose(Bilevel bl, Vec X, Vec Y, Vec L, Vec jx, Vec jy, void *ctx)
{
  SVM               *s = (SVM *)ctx;
  const PetscScalar *l;
  PetscScalar       *a;

  PetscFunctionBegin;
  PetscCall(VecSet(jx, 0));
  PetscCall(VecSet(jy, 0));
  PetscCall(VecGetArrayRead(L, &l));
  PetscCall(VecGetArray(jy, &a));
  PetscCall(SVMMultAddAT_Private(s, l, a));
  PetscCall(VecRestoreArray(jy, &a));
  PetscCall(VecRestoreArrayRead(L, &l));
  PetscCall(VecScale(jy, -1));
  PetscFunctionReturn(0);
}

/* Projection onto {xi_i >= 1 - y_i (w^T z_i + b)}: for fixed v = (w, b) the optimal xi_i = max(xi0_i, 1 - y_i zt_i^T v),
   zt_i = (z_i, 1), so v minimises the strongly convex, piecewise quadratic
     phi(v) = 1/2 |v - v0|^2 + 1/2 sum_i max(0, 1 - y_i zt_i^T v - xi0_i)^2,
   solved exactly by a semismooth Newton method (generalised Hessian I + sum_{active} zt_i zt_i^T, dense (d+1)^2,
   Cholesky by LAPACK through MatCholeskyFactor) with backtracking; the result is feasible to round-off. */
static PetscErrorCode SVMProjectPhi_Private(SVM *s, const PetscScalar *q0, const PetscScalar *v, PetscReal *phi, PetscScalar *grad, PetscScalar *hess)
{
  PetscInt n1 = s->d + 1;

  PetscFunctionBegin;
  *phi = 0;
  for (PetscInt k = 0; k < n1; k++) {
    *phi += 0.5 * PetscSqr(PetscRealPart(v[k] - q0[k]));
    if (grad) grad[k] = v[k] - q0[k];
  }
  if (hess)
    for (PetscInt k = 0; k < n1 * n1; k++) hess[k] = (k % (n1 + 1)) == 0 ? 1 : 0;
  for (PetscInt i = 0; i < s->ntr; i++) {
    const PetscReal *z = s->Ztr + i * s->d;
    PetscReal        r = 1 - s->ytr[i] * (Dot_Private(z, v, s->d) + PetscRealPart(v[s->d])) - PetscRealPart(q0[n1 + i]);

    if (r <= 0) continue;
    *phi += 0.5 * r * r;
    if (grad) {
      for (PetscInt k = 0; k < s->d; k++) grad[k] -= r * s->ytr[i] * z[k];
      grad[s->d] -= r * s->ytr[i];
    }
    if (hess) {
      for (PetscInt a = 0; a < n1; a++) {
        PetscReal za = a < s->d ? z[a] : 1;

        for (PetscInt b = 0; b < n1; b++) hess[a + b * n1] += za * (b < s->d ? z[b] : 1);
      }
    }
  }
  PetscFunctionReturn(0);
}

/* Projection onto C: clip c to [c_min, c_max], project (w, b, xi) onto {xi_i >= 1 - y_i (w^T z_i + b)} */
static PetscErrorCode SVMProject(Bilevel bl, Vec X, Vec Y, void *ctx)
{
  SVM         *s  = (SVM *)ctx;
  PetscInt     n1 = s->d + 1, it;
  PetscScalar *c, *q, *g, *p, *h, *v, *vt;
  PetscReal    phi, phit, gn = 0, t;

  PetscFunctionBegin;
  PetscCall(VecGetArray(X, &c));
  for (PetscInt i = 0; i < s->ntr; i++) c[i] = PetscMin(PetscMax(PetscRealPart(c[i]), s->cmin), s->cmax);
  PetscCall(VecRestoreArray(X, &c));
  PetscCall(VecGetArray(Y, &q));
  PetscCall(VecGetArray(s->pg, &g));
  PetscCall(VecGetArray(s->pp, &p));
  PetscCall(VecGetArray(s->pv, &v));
  PetscCall(VecGetArray(s->pvt, &vt));
  for (PetscInt k = 0; k < n1; k++) v[k] = q[k];
  for (it = 0; it < 100; it++) {
    PetscCall(MatDenseGetArrayWrite(s->H, &h));
    PetscCall(SVMProjectPhi_Private(s, q, v, &phi, g, h));
    PetscCall(MatDenseRestoreArrayWrite(s->H, &h));
    gn = 0;
    for (PetscInt k = 0; k < n1; k++) gn = PetscMax(gn, PetscAbsScalar(g[k]));
    if (gn <= 1e-14 * (1 + phi)) break;
    PetscCall(VecRestoreArray(s->pg, &g));
    PetscCall(VecRestoreArray(s->pp, &p));
    PetscCall(MatAssemblyBegin(s->H, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(s->H, MAT_FINAL_ASSEMBLY));
    PetscCall(MatCholeskyFactor(s->H, NULL, NULL));
    PetscCall(MatSolve(s->H, s->pg, s->pp));
    PetscCall(MatSetUnfactored(s->H));
    PetscCall(VecGetArray(s->pg, &g));
    PetscCall(VecGetArray(s->pp, &p));
    for (t = 1; t > 1e-12; t /= 2) { /* backtracking on phi along the Newton direction -p */
      for (PetscInt k = 0; k < n1; k++) vt[k] = v[k] - t * p[k];
      PetscCall(SVMProjectPhi_Private(s, q, vt, &phit, NULL, NULL));
      if (phit <= phi) break;
    }
    for (PetscInt k = 0; k < n1; k++) v[k] = vt[k];
  }
  PetscCheck(gn <= 1e-8 * (1 + phi), PETSC_COMM_SELF, PETSC_ERR_NOT_CONVERGED, "SVM projection: Newton did not converge (gradient %g)", (double)gn);
  for (PetscInt k = 0; k < n1; k++) q[k] = v[k];
  for (PetscInt i = 0; i < s->ntr; i++) q[n1 + i] = PetscMax(PetscRealPart(q[n1 + i]), 1 - s->ytr[i] * (Dot_Private(s->Ztr + i * s->d, v, s->d) + PetscRealPart(v[s->d])));
  PetscCall(VecRestoreArray(s->pvt, &vt));
  PetscCall(VecRestoreArray(s->pv, &v));
  PetscCall(VecRestoreArray(s->pp, &p));
  PetscCall(VecRestoreArray(s->pg, &g));
  PetscCall(VecRestoreArray(Y, &q));
  PetscCall(PetscLogFlops(2.0 * it * s->ntr * n1 * n1));
  PetscFunctionReturn(0);
}

/* BO-REP lower level on y = (w, b): f = 1/2 |w|^2 + eps/2 b^2 + 1/2 sum exp(c_i) max(0, 1 - m_i)^2 */
static PetscErrorCode SVMLowerBOREP(Bilevel bl, Vec X, Vec Y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(SVMLowerEvaluate_Private((SVM *)ctx, PETSC_TRUE, SVMSampleBOREP_Private, X, Y, f, gx, gy));
  PetscFunctionReturn(0);
}

/* hy = f_yy v, hx = f_xy v for the BO-REP lower level (generalised Hessian of the squared hinge) */
static PetscErrorCode SVMHessianBOREP(Bilevel bl, Vec X, Vec Y, Vec V, Vec hx, Vec hy, void *ctx)
{
  SVM               *s = (SVM *)ctx;
  const PetscScalar *c, *y, *v;
  PetscScalar       *ax, *ay;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &c));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArrayRead(V, &v));
  PetscCall(VecGetArray(hx, &ax));
  PetscCall(VecGetArray(hy, &ay));
  for (PetscInt k = 0; k < s->d; k++) ay[k] = v[k];
  ay[s->d] = s->eps * v[s->d];
  for (PetscInt i = 0; i < s->ntr; i++) {
    PetscReal e = PetscExpReal(PetscRealPart(c[i])), rr = 1 - s->ytr[i] * (Dot_Private(s->Ztr + i * s->d, y, s->d) + PetscRealPart(y[s->d])), av;

    ax[i] = 0;
    if (rr <= 0) continue;
    av = s->ytr[i] * (Dot_Private(s->Ztr + i * s->d, v, s->d) + PetscRealPart(v[s->d])); /* a_i^T v, a_i = y_i (z_i, 1) */
    for (PetscInt k = 0; k < s->d; k++) ay[k] += e * av * s->ytr[i] * s->Ztr[i * s->d + k];
    ay[s->d] += e * av * s->ytr[i];
    ax[i] = -e * rr * av;
  }
  PetscCall(VecRestoreArray(hx, &ax));
  PetscCall(VecRestoreArray(hy, &ay));
  PetscCall(VecRestoreArrayRead(V, &v));
  PetscCall(VecRestoreArrayRead(X, &c));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMAccuracy_Private(const PetscReal *Z, const PetscReal *lab, PetscInt n, PetscInt d, const PetscScalar *wb, PetscReal *acc)
{
  PetscInt ok = 0;

  PetscFunctionBegin;
  for (PetscInt j = 0; j < n; j++) {
    PetscReal s = Dot_Private(Z + j * d, wb, d) + PetscRealPart(wb[d]);

    if ((s >= 0 ? 1.0 : -1.0) == lab[j]) ok++;
  }
  *acc = (PetscReal)ok / n;
  PetscFunctionReturn(0);
}

/* Lower-level solution for a uniform weight exp(c) (baseline): Tao LMVM on the BO-REP lower level */
typedef struct {
  SVM *s;
  Vec  X, gx;
} BaseCtx;

static PetscErrorCode BaseObjective_Private(Tao tao, Vec Y, PetscReal *f, Vec g, void *ptr)
{
  BaseCtx *b = (BaseCtx *)ptr;

  PetscFunctionBegin;
  PetscCall(SVMLowerBOREP(NULL, b->X, Y, f, b->gx, g, b->s));
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMBaselineRun_Private(BilevelProblem prob)
{
  SVM               *s = (SVM *)prob->data;
  BaseCtx            b;
  Tao                tao;
  Vec                Y;
  const PetscScalar *wb;
  PetscReal          best = -1, bestloss = PETSC_MAX_REAL;

  PetscFunctionBegin;
  if (s->basedone) PetscFunctionReturn(0);
  b.s = s;
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, s->ntr, &b.X));
  PetscCall(VecDuplicate(b.X, &b.gx));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, s->d + 1, &Y));
  PetscCall(TaoCreate(PETSC_COMM_SELF, &tao));
  PetscCall(TaoSetType(tao, TAOLMVM));
  PetscCall(TaoSetOptionsPrefix(tao, "svm_baseline_"));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, BaseObjective_Private, &b));
  PetscCall(TaoSetTolerances(tao, 1e-10, 0, 0));
  PetscCall(TaoSetMaximumIterations(tao, 5000));
  PetscCall(TaoSetFromOptions(tao));
  for (PetscInt k = -8; k <= 8; k++) {
    PetscReal c = k * PetscLogReal(2.0), va, te, loss;
    Vec       gy;

    PetscCall(VecSet(b.X, c));
    PetscCall(VecSet(Y, 0));
    PetscCall(TaoSetSolution(tao, Y));
    PetscCall(TaoSolve(tao));
    PetscCall(VecGetArrayRead(Y, &wb));
    PetscCall(SVMAccuracy_Private(s->Zva, s->yva, s->nval, s->d, wb, &va));
    PetscCall(SVMAccuracy_Private(s->Zte, s->yte, s->nte, s->d, wb, &te));
    PetscCall(VecRestoreArrayRead(Y, &wb));
    PetscCall(VecDuplicate(Y, &gy));
    PetscCall(SVMUpper(NULL, b.X, Y, &loss, b.gx, gy, s));
    PetscCall(VecDestroy(&gy));
    if (va > best || (va == best && loss < bestloss)) {
      best         = va;
      bestloss     = loss;
      s->base_c    = c;
      s->base_val  = va;
      s->base_test = te;
    }
    if (k == 0) {
      s->untuned_val  = va;
      s->untuned_test = te;
    }
  }
  /* 5-fold cross-validation on the training set: held-out samples get weight exp(-1000) = 0 */
  best = -1;
  for (PetscInt k = -8; k <= 8; k++) {
    PetscReal c = k * PetscLogReal(2.0), acc = 0;

    for (PetscInt fold = 0; fold < 5; fold++) {
      const PetscInt lo = fold * s->ntr / 5, hi = (fold + 1) * s->ntr / 5;
      PetscScalar   *xa;
      PetscReal      a;

      if (hi <= lo) continue;
      PetscCall(VecSet(b.X, c));
      PetscCall(VecGetArray(b.X, &xa));
      for (PetscInt i = lo; i < hi; i++) xa[i] = -1000;
      PetscCall(VecRestoreArray(b.X, &xa));
      PetscCall(VecSet(Y, 0));
      PetscCall(TaoSetSolution(tao, Y));
      PetscCall(TaoSolve(tao));
      PetscCall(VecGetArrayRead(Y, &wb));
      PetscCall(SVMAccuracy_Private(s->Ztr + lo * s->d, s->ytr + lo, hi - lo, s->d, wb, &a));
      PetscCall(VecRestoreArrayRead(Y, &wb));
      acc += a * (hi - lo);
    }
    if (acc > best) {
      best    = acc;
      s->cv_c = c;
    }
  }
  PetscCall(VecSet(b.X, s->cv_c));
  PetscCall(VecSet(Y, 0));
  PetscCall(TaoSetSolution(tao, Y));
  PetscCall(TaoSolve(tao));
  PetscCall(VecGetArrayRead(Y, &wb));
  PetscCall(SVMAccuracy_Private(s->Zva, s->yva, s->nval, s->d, wb, &s->cv_val));
  PetscCall(SVMAccuracy_Private(s->Zte, s->yte, s->nte, s->d, wb, &s->cv_test));
  PetscCall(VecRestoreArrayRead(Y, &wb));
  PetscCall(VecDestroy(&b.X));
  PetscCall(VecDestroy(&b.gx));
  { /* the clean validation set alone: the lower level with the validation samples as training set, exp(c) = 1 */
    PetscReal *Z = s->Ztr, *lab = s->ytr;
    PetscInt   ntr = s->ntr;

    PetscCall(VecCreateSeq(PETSC_COMM_SELF, s->nval, &b.X));
    PetscCall(VecDuplicate(b.X, &b.gx));
    PetscCall(VecSet(b.X, 0));
    s->Ztr = s->Zva;
    s->ytr = s->yva;
    s->ntr = s->nval;
    PetscCall(VecSet(Y, 0));
    PetscCall(TaoSetSolution(tao, Y));
    PetscCall(TaoSolve(tao));
    s->Ztr = Z;
    s->ytr = lab;
    s->ntr = ntr;
    PetscCall(VecGetArrayRead(Y, &wb));
    PetscCall(SVMAccuracy_Private(s->Zva, s->yva, s->nval, s->d, wb, &s->vo_val));
    PetscCall(SVMAccuracy_Private(s->Zte, s->yte, s->nte, s->d, wb, &s->vo_test));
    PetscCall(VecRestoreArrayRead(Y, &wb));
    PetscCall(VecDestroy(&b.X));
    PetscCall(VecDestroy(&b.gx));
  }
  PetscCall(TaoDestroy(&tao));
  PetscCall(VecDestroy(&Y));
  s->basedone = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMBaseline(BilevelProblem prob, PetscReal *val, PetscReal *test, PetscBool *has)
{
  SVM *s = (SVM *)prob->data;

  PetscFunctionBegin;
  PetscCall(SVMBaselineRun_Private(prob));
  switch (s->basekind) {
  case 1:
    *val  = s->cv_val;
    *test = s->cv_test;
    break;
  case 2:
    *val  = s->vo_val;
    *test = s->vo_test;
    break;
  case 3:
    *val  = s->untuned_val;
    *test = s->untuned_test;
    break;
  default: *val = s->base_val; *test = s->base_test;
  }
  *has = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMAccuracy(BilevelProblem prob, Bilevel bl, PetscReal *val, PetscReal *test, PetscBool *has)
{
  SVM               *s = (SVM *)prob->data;
  Vec                Y;
  const PetscScalar *wb;

  PetscFunctionBegin;
  PetscCall(BilevelGetSolution(bl, NULL, &Y));
  PetscCall(VecGetArrayRead(Y, &wb));
  PetscCall(SVMAccuracy_Private(s->Zva, s->yva, s->nval, s->d, wb, val));
  PetscCall(SVMAccuracy_Private(s->Zte, s->yte, s->nte, s->d, wb, test));
  PetscCall(VecRestoreArrayRead(Y, &wb));
  *has = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMSetUpProjection_Private(SVM *s)
{
  PetscFunctionBegin;
  if (s->H) PetscFunctionReturn(0);
  PetscCall(MatCreateSeqDense(PETSC_COMM_SELF, s->d + 1, s->d + 1, NULL, &s->H));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, s->d + 1, &s->pg));
  PetscCall(VecDuplicate(s->pg, &s->pp));
  PetscCall(VecDuplicate(s->pg, &s->pv));
  PetscCall(VecDuplicate(s->pg, &s->pvt));
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMSetUpSolver(BilevelProblem prob, Bilevel bl)
{
  SVM      *s = (SVM *)prob->data;
  PetscBool islvhba;
  PetscInt  m;

  PetscFunctionBegin;
  /* LV-HBA takes the constrained formulation; BO-REP and implicit the unconstrained one */
  PetscCall(PetscObjectTypeCompare((PetscObject)bl, BILEVELLVHBA, &islvhba));
  s->lvhba = islvhba;
  m        = s->lvhba ? s->d + 1 + s->ntr : s->d + 1;
  PetscCall(VecDestroy(&prob->y));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, m, &prob->y));
  PetscCall(PetscObjectSetName((PetscObject)prob->y, "y"));
  PetscCall(VecSet(prob->x, s->c0));
  PetscCall(VecSet(prob->y, 0));
  PetscCall(BilevelSetSolution(bl, prob->x, prob->y));
  PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, SVMUpper, s));
  if (s->lvhba) {
    Vec          g;
    PetscScalar *a;

    /* feasible start: w = 0, b = 0, xi = 1 */
    PetscCall(VecGetArray(prob->y, &a));
    for (PetscInt i = 0; i < s->ntr; i++) a[s->d + 1 + i] = 1;
    PetscCall(VecRestoreArray(prob->y, &a));
    PetscCall(SVMSetUpProjection_Private(s));
    PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, SVMLowerLVHBA, s));
    PetscCall(VecCreateSeq(PETSC_COMM_SELF, s->ntr, &g));
    PetscCall(BilevelSetLowerConstraints(bl, g, BILEVEL_CONSTRAINT_INEQUALITY, SVMConstraints, s));
    PetscCall(VecDestroy(&g));
    PetscCall(BilevelSetLowerConstraintsJacobianTranspose(bl, NULL, NULL, SVMJacobianTranspose, s));
    PetscCall(BilevelSetProjection(bl, SVMProject, s));
  } else {
    Vec xl, xu;

    PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, SVMLowerBOREP, s));
    PetscCall(BilevelSetLowerHessianProducts(bl, NULL, NULL, SVMHessianBOREP, s));
    PetscCall(VecDuplicate(prob->x, &xl));
    PetscCall(VecDuplicate(prob->x, &xu));
    PetscCall(VecSet(xl, s->cmin));
    PetscCall(VecSet(xu, s->cmax));
    PetscCall(BilevelSetUpperBounds(bl, xl, xu));
    PetscCall(VecDestroy(&xl));
    PetscCall(VecDestroy(&xu));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMView(BilevelProblem prob, PetscViewer viewer)
{
  SVM *s = (SVM *)prob->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "data %s: %" PetscInt_FMT " features; train %" PetscInt_FMT " (%" PetscInt_FMT " labels flipped), validation %" PetscInt_FMT ", test %" PetscInt_FMT ", seed %" PetscInt_FMT "\n", s->file, s->d, s->ntr,
                                   s->nflip, s->nval, s->nte, s->seed));
  if (s->basedone) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "untuned SVM (exp(c) = 1): validation %.4f test %.4f\n", (double)s->untuned_val, (double)s->untuned_test));
    PetscCall(PetscViewerASCIIPrintf(viewer, "5-fold cross-validation grid search: exp(c) = %g, validation %.4f test %.4f\n", (double)PetscExpReal(s->cv_c), (double)s->cv_val, (double)s->cv_test));
    PetscCall(PetscViewerASCIIPrintf(viewer, "clean validation set only (exp(c) = 1): validation (its training set) %.4f test %.4f\n", (double)s->vo_val, (double)s->vo_test));
    PetscCall(PetscViewerASCIIPrintf(viewer, "grid search: exp(c) = %g, validation %.4f test %.4f\n", (double)PetscExpReal(s->base_c), (double)s->base_val, (double)s->base_test));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode SVMDestroy(BilevelProblem prob)
{
  SVM *s = (SVM *)prob->data;

  PetscFunctionBegin;
  PetscCall(PetscFree6(s->Ztr, s->ytr, s->Zva, s->yva, s->Zte, s->yte));
  PetscCall(MatDestroy(&s->H));
  PetscCall(VecDestroy(&s->pg));
  PetscCall(VecDestroy(&s->pp));
  PetscCall(VecDestroy(&s->pv));
  PetscCall(VecDestroy(&s->pvt));
  PetscCall(PetscFree(prob->data));
  PetscFunctionReturn(0);
}

/* Reads the data, shuffles with the seed, splits and (cleaning) flips a fraction of the training labels */
static PetscErrorCode SVMCreate_Private(BilevelProblem prob, const char defaultfile[], PetscInt ntr, PetscInt nval, PetscReal flip)
{
  SVM               *s;
  Mat                Xd;
  Vec                lab;
  PetscInt           n, *perm;
  PetscRandom        rnd;
  PetscMPIInt        size;
  const PetscScalar *l;

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_size(prob->comm, &size));
  PetscCheck(size == 1, prob->comm, PETSC_ERR_SUP, "Problem %s runs on one MPI process", prob->name);
  PetscCall(PetscNew(&s));
  prob->data = s;
  s->file[0] = 0;
  s->ntr     = ntr;
  s->nval    = nval;
  s->flip    = flip;
  s->seed    = 1;
  s->c0      = 0;
  s->cmin    = -8;
  s->cmax    = 8;
  s->eps     = 1e-2;
  PetscOptionsBegin(prob->comm, NULL, "SVM bilevel problem", "");
  PetscCall(PetscOptionsString("-svm_data", "LIBSVM data file (default: the problem's data set in tessera's data directory)", "svm.c", s->file, s->file, sizeof(s->file), NULL));
  PetscCall(TesseraOptionsIntInRange("-svm_ntrain", "Training samples", "svm.c", s->ntr, &s->ntr, NULL, 1, PETSC_MAX_INT));
  PetscCall(TesseraOptionsIntInRange("-svm_nval", "Validation samples", "svm.c", s->nval, &s->nval, NULL, 1, PETSC_MAX_INT));
  PetscCall(TesseraOptionsRealInRange("-svm_flip", "Fraction of flipped training labels", "svm.c", s->flip, &s->flip, NULL, 0, 1));
  PetscCall(TesseraOptionsIntInRange("-svm_seed", "Seed of the shuffle and of the flips", "svm.c", s->seed, &s->seed, NULL, 0, PETSC_MAX_INT));
  PetscCall(TesseraOptionsRealInRange("-svm_c0", "Initial log-weight c of every training sample", "svm.c", s->c0, &s->c0, NULL, -700, 700));
  PetscCall(TesseraOptionsRealInRange("-svm_cmin", "Lower bound of c", "svm.c", s->cmin, &s->cmin, NULL, -700, 700));
  PetscCall(TesseraOptionsRealInRange("-svm_cmax", "Upper bound of c", "svm.c", s->cmax, &s->cmax, NULL, -700, 700));
  PetscCall(PetscOptionsEList("-svm_baseline", "Baseline of BilevelProblemComputeBaseline()", "svm.c", SVMBaselines, 4, SVMBaselines[s->basekind], &s->basekind, NULL));
  PetscCall(TesseraOptionsRealPositive("-svm_eps", "Ridge on b in the BO-REP lower level", "svm.c", s->eps, &s->eps, NULL, 1e6));
  PetscOptionsEnd();
  PetscCheck(s->flip >= 0 && s->flip <= 1, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-svm_flip %g must lie in [0, 1]", (double)s->flip);
  PetscCheck(s->cmin < s->cmax && s->c0 >= s->cmin && s->c0 <= s->cmax, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "Need -svm_cmin < -svm_cmax and -svm_c0 between them");
  PetscCheck(s->eps > 0, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-svm_eps %g must be positive", (double)s->eps);
  if (!s->file[0]) PetscCall(TesseraFindDataFile(prob->comm, defaultfile, "-svm_data", s->file, sizeof(s->file)));
  PetscCall(TesseraLibSVMRead(prob->comm, s->file, &Xd, &lab));
  PetscCall(MatGetSize(Xd, &n, &s->d));
  PetscCheck(s->ntr >= 1 && s->nval >= 1 && s->ntr < n && s->nval < n - s->ntr, prob->comm, PETSC_ERR_ARG_SIZ, "Data %s has %" PetscInt_FMT " samples: -svm_ntrain %" PetscInt_FMT " + -svm_nval %" PetscInt_FMT " must leave a test set", s->file, n,
             s->ntr, s->nval);
  s->nte = n - s->ntr - s->nval;
  PetscCall(PetscMalloc6(s->ntr * s->d, &s->Ztr, s->ntr, &s->ytr, s->nval * s->d, &s->Zva, s->nval, &s->yva, s->nte * s->d, &s->Zte, s->nte, &s->yte));
  PetscCall(PetscMalloc1(n, &perm));
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)s->seed + 1000)); /* unsigned: seed may be PETSC_MAX_INT */
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(TesseraRandomPermutation(rnd, n, perm));
  PetscCall(VecGetArrayRead(lab, &l));
  for (PetscInt k = 0; k < n; k++) {
    PetscInt           row = perm[k], ncols;
    const PetscInt    *cols;
    const PetscScalar *vals;
    PetscReal         *Z, *y;
    PetscInt           i;

    if (k < s->ntr) {
      Z = s->Ztr;
      y = s->ytr;
      i = k;
    } else if (k < s->ntr + s->nval) {
      Z = s->Zva;
      y = s->yva;
      i = k - s->ntr;
    } else {
      Z = s->Zte;
      y = s->yte;
      i = k - s->ntr - s->nval;
    }
    PetscCheck(PetscRealPart(l[row]) == 1 || PetscRealPart(l[row]) == -1, prob->comm, PETSC_ERR_FILE_UNEXPECTED, "Data %s: sample %" PetscInt_FMT " has label %g, expected +1 or -1", s->file, row + 1, (double)PetscRealPart(l[row]));
    y[i] = PetscRealPart(l[row]);
    for (PetscInt j = 0; j < s->d; j++) Z[i * s->d + j] = 0;
    PetscCall(MatGetRow(Xd, row, &ncols, &cols, &vals));
    for (PetscInt j = 0; j < ncols; j++) Z[i * s->d + cols[j]] = PetscRealPart(vals[j]);
    PetscCall(MatRestoreRow(Xd, row, &ncols, &cols, &vals));
  }
  PetscCall(VecRestoreArrayRead(lab, &l));
  /* flip the labels of the first round(flip n_tr) training samples (the order is already random) */
  s->nflip = (PetscInt)(s->flip * s->ntr + 0.5);
  for (PetscInt i = 0; i < s->nflip; i++) s->ytr[i] = -s->ytr[i];
  PetscCall(PetscFree(perm));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(MatDestroy(&Xd));
  PetscCall(VecDestroy(&lab));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, s->ntr, &prob->x));
  PetscCall(PetscObjectSetName((PetscObject)prob->x, "c"));
  prob->setupsolver = SVMSetUpSolver;
  prob->accuracy    = SVMAccuracy;
  prob->baseline    = SVMBaseline;
  prob->view        = SVMView;
  prob->destroy     = SVMDestroy;
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProblemCreate_SVM(BilevelProblem prob)
{
  PetscFunctionBegin;
  PetscCall(SVMCreate_Private(prob, "heart_scale", 100, 70, 0.0));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProblemCreate_Cleaning(BilevelProblem prob)
{
  PetscFunctionBegin;
  PetscCall(SVMCreate_Private(prob, "breast_cancer_scale", 200, 150, 0.4));
  PetscFunctionReturn(0);
}
