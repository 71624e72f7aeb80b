static char help[] = "Benchmark of the Bilevel types side by side: every type on every registered problem, accuracy over seeds with\n\
baselines; LV-HBA on the LLC toy (n = 100 and n = 10000) against the authors' updates; BO-REP on the quadratic problem.\n\n\
Options:\n\
  -compare <1>         types x problems table and the seed statistics (0: skip)\n\
  -compare_max_it <0>    iteration budget of the closed-form problems in the table (0: the type's default)\n\
  -learn_max_it <2000> iteration budget of svm and cleaning\n\
  -repeats <3>         repeats of each timed run in the table (median and min)\n\
  -seeds <10>          seeds of the svm and cleaning statistics (0: skip)\n\
  -kkt <1>             the single-level KKT reformulation solved by IPOPT in the table and the seed statistics\n\
  -kkt_tol <1e-9>      its IPOPT tolerance; -kkt_max_it <3000> its iteration limit\n\
  -kkt_compl_equality <1> complementarity as -mu_i g_i = 0 (0: <= 0); -kkt_lbfgs: IPOPT's limited-memory Hessian\n\
  -toy <1>             the LV-HBA toy study below (0: skip)\n\
  -sizes <100,10000>   toy dimensions\n\
  -tol <1e-3>          target relative error in x\n\
  -max_it <100000>     iteration budget of the default runs\n\
  -peer_it <30000>     iterations of the runs with the authors' parameters (0: skip)\n\
  -numpy <cmd>         command of the NumPy reference (python3 bench_bilevel_numpy.py; \"none\": skip)\n\n";

/*
   Comparison (-compare, first): every Bilevel type on every registered problem with default options, CPU and wall
   time of BilevelSolve() (median and min of -repeats runs), reason, iterations, closed-form x error, F, test accuracy;
   types that do not apply are named with the reason; then the single-level KKT reformulation solved by IPOPT
   (ipopt-kkt, -kkt; see KKTSolve()) on the same problem from the same start. Then, for svm and cleaning, seeds 1..-seeds: test accuracy and
   validation loss of each type (mean and sample standard deviation) and of the baselines of the problem
   (-svm_baseline grid, cv5, valonly, untuned). A run that stops with an error is reported and left out.
   The LV-HBA toy study (-toy), for each toy size n:
   1. tessera defaults: iterations until the relative x error stays below -tol (closed form x* = -0.3), then a second
      run of exactly that many iterations without the error monitor gives the time to tolerance and per iteration;
   2. the parameters of the authors' fork (alpha = beta = 0.002, eta = eta_lambda = 0.03, gamma = 10, c_k = (k+1)^0.3,
      lambda and z clipped to [-1, 1]): relative x error after 1e3, 3e3, 1e4 and 3e4 iterations (spec: 0.36, 0.20,
      4.7e-2, 1.4e-2 at n = 100, from an independent re-implementation of the authors' updates);
   3. the official parameters of Toy-example/LLC/LV-HBA.py (alpha 0.008, beta 0.02, eta = eta_lambda = 0.01,
      gamma 10, c_k = 0.025 (k+1)^0.3, box 1000): tessera's safeguard stops the unstable descent-ascent.
   4. the NumPy reference examples/bench_bilevel_numpy.py: the same updates (same steps, start and per-iteration
      residual and gap) in plain NumPy, run for the same number of iterations as the timing run of 1; it prints its
      time per iteration and its final x error, which must equal tessera's (same iterates).
   Then BO-REP (defaults) on the quadratic problem with closed-form x*: iterations to the same tolerance.
*/
#include <tessera.h>
#include <sys/resource.h>

/* CPU time (user + system) of this process */
static PetscLogDouble CPUTime_Private(void)
{
  struct rusage u;

  getrusage(RUSAGE_SELF, &u);
  return (PetscLogDouble)u.ru_utime.tv_sec + 1e-6 * (PetscLogDouble)u.ru_utime.tv_usec + (PetscLogDouble)u.ru_stime.tv_sec + 1e-6 * (PetscLogDouble)u.ru_stime.tv_usec;
}

/* one solve of a registered problem with default options: reason, iterations, CPU and wall time of BilevelSolve(),
   relative x error (closed form, else -1), F, test accuracy (else -1) */
typedef struct {
  BilevelConvergedReason reason;
  PetscInt               its;
  PetscReal              cpu, wall, xe, F, acc;
  PetscBool              failed; /* BilevelSolve() raised an error (recorded, not fatal: the benchmark reports it) */
} CompareRun;

static PetscErrorCode CompareSolve(MPI_Comm comm, const char problem[], BilevelType type, PetscInt maxit, CompareRun *r)
{
  BilevelProblem prob;
  Bilevel        bl;
  PetscLogDouble c0, c1, w0, w1;
  PetscReal      ye, va;
  PetscBool      known, has;
  PetscErrorCode ierr;

  PetscFunctionBegin;
  PetscCall(BilevelProblemCreate(comm, problem, &prob));
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, type));
  PetscCall(BilevelSetFromOptions(bl)); /* as examples/bilevel: the inner Tao and KSP objects are set from options */
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, maxit > 0 ? maxit : PETSC_DEFAULT));
  PetscCall(BilevelSetUp(bl));
  c0 = CPUTime_Private();
  PetscCall(PetscTime(&w0));
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  ierr = BilevelSolve(bl);
  PetscCall(PetscPopErrorHandler());
  PetscCall(PetscTime(&w1));
  c1        = CPUTime_Private();
  r->failed = (PetscBool)(ierr != 0);
  if (r->failed) {
    r->reason = BILEVEL_CONVERGED_ITERATING;
    r->its    = -1;
    r->xe = r->F = r->acc = -1;
    r->cpu                = (PetscReal)(c1 - c0);
    r->wall               = (PetscReal)(w1 - w0);
    PetscCall(BilevelDestroy(&bl));
    PetscCall(BilevelProblemDestroy(&prob));
    PetscFunctionReturn(0);
  }
  r->cpu  = (PetscReal)(c1 - c0);
  r->wall = (PetscReal)(w1 - w0);
  PetscCall(BilevelGetConvergedReason(bl, &r->reason));
  PetscCall(BilevelGetIterationNumber(bl, &r->its));
  PetscCall(BilevelGetObjectives(bl, &r->F, NULL));
  PetscCall(BilevelProblemComputeError(prob, bl, &r->xe, &ye, &known));
  if (!known) r->xe = -1;
  PetscCall(BilevelProblemComputeAccuracy(prob, bl, &va, &r->acc, &has));
  if (!has) r->acc = -1;
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscFunctionReturn(0);
}

static int CmpReal_Private(const void *a, const void *b)
{
  const PetscReal x = *(const PetscReal *)a, y = *(const PetscReal *)b;
  return x < y ? -1 : (x > y ? 1 : 0);
}

/* mean and sample standard deviation */
static void MeanStd_Private(const PetscReal *v, PetscInt n, PetscReal *mean, PetscReal *std)
{
  PetscReal m = 0, q = 0;

  for (PetscInt i = 0; i < n; i++) m += v[i];
  m /= n;
  for (PetscInt i = 0; i < n; i++) q += (v[i] - m) * (v[i] - m);
  *mean = m;
  *std  = n > 1 ? PetscSqrtReal(q / (n - 1)) : 0;
}

/* options of the IPOPT baseline (-kkt_*) */
typedef struct {
  PetscBool use, ceq, lbfgs;
  PetscReal tol;
  PetscInt  maxit;
} KKTOptions;

#if defined(TESSERA_HAVE_IPOPT)
  #include <IpStdCInterface.h>

/* The single-level KKT reformulation of a registered problem, solved by IPOPT (one rank). Variables w = (x, y, mu),
   mu the lower-level multipliers (l of them):

     min F(x, y)  s.t.  grad_y f(x, y) + J_y g(x, y)^T mu = 0    (m rows)
                        g(x, y) <= 0   (= 0 for equality constraints: then mu is free and the next rows are absent)
                        -mu_i g_i(x, y) = 0   (l rows; -kkt_compl_equality 0: <= 0)
                        mu >= 0,  xl <= x <= xu (BilevelSetUpperBounds())

   With g <= 0 and mu >= 0 every product mu_i g_i is <= 0 already: a constraint mu_i g_i <= 0 would be void, so
   complementarity is -mu_i g_i <= 0, equivalent to = 0 on the bounds. The default is the equality: the inequality
   gets an IPOPT slack that must reach 0 from the interior of a set without interior (the MPCC violates MFCQ), which
   leaves complementarity at the barrier parameter (measured on `inequality`: 29 iterations, x error 3.9e-9,
   max |mu_i g_i| 7.3e-9, against 15 iterations, 4.9e-11 and 0 with the equality). IPOPT runs on the MPCC unrelaxed
   (its own bound relaxation, bound_relax_factor 1e-8, is the only relaxation). Derivatives from the Bilevel object's callbacks only:
   the Jacobian is dense, row k of grad_y f's Jacobian is the Hessian-vector product with e_k (BilevelComputeLower-
   HessianProducts(): (f_xy e_k, f_yy e_k)), the columns of J_g are BilevelComputeLowerConstraintsJacobianTranspose()
   applied to e_i. The Hessian of the Lagrangian sigma F + lambda1^T c1 + lambda2^T g + lambda3^T c3 is, on the (x, y)
   block, the central difference of sigma grad F + (f_xy lambda1, f_yy lambda1) (the gradient of lambda1^T grad_y f is
   the Hessian-vector product with lambda1), plus the mixed terms -lambda3_i grad g_i of the complementarity rows;
   second derivatives of g are taken as zero (exact for the affine g of every registered problem);
   -kkt_lbfgs: IPOPT's limited-memory approximation instead. */
typedef struct {
  Bilevel    bl;
  PetscInt   n, m, l, N, nc; /* sizes: x, y, constraints, variables, rows */
  PetscBool  ineq, ceq;      /* inequality constraints; complementarity as an equality */
  Vec        x, y, mu, gx, gy, hx, hy, g, ey, el, v;
  PetscReal *Jg, *A;       /* l x (n + m) Jacobian of g; (n + m)^2 Hessian block */
  PetscReal *Gp, *Gm, *wk; /* work of the Hessian differences, size n + m; point, size N */
  PetscInt   its;
} KKTCtx;

static PetscErrorCode KKTSetPoint_Private(KKTCtx *c, const PetscReal *w)
{
  PetscScalar *a;

  PetscFunctionBegin;
  PetscCall(VecGetArrayWrite(c->x, &a));
  for (PetscInt i = 0; i < c->n; i++) a[i] = w[i];
  PetscCall(VecRestoreArrayWrite(c->x, &a));
  PetscCall(VecGetArrayWrite(c->y, &a));
  for (PetscInt i = 0; i < c->m; i++) a[i] = w[c->n + i];
  PetscCall(VecRestoreArrayWrite(c->y, &a));
  if (c->l) {
    PetscCall(VecGetArrayWrite(c->mu, &a));
    for (PetscInt i = 0; i < c->l; i++) a[i] = w[c->n + c->m + i];
    PetscCall(VecRestoreArrayWrite(c->mu, &a));
  }
  PetscFunctionReturn(0);
}

/* a = (ax, ay) into out[0 .. n+m) */
static PetscErrorCode KKTGather_Private(KKTCtx *c, Vec ax, Vec ay, PetscReal *out)
{
  const PetscScalar *a;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(ax, &a));
  for (PetscInt i = 0; i < c->n; i++) out[i] = PetscRealPart(a[i]);
  PetscCall(VecRestoreArrayRead(ax, &a));
  PetscCall(VecGetArrayRead(ay, &a));
  for (PetscInt i = 0; i < c->m; i++) out[c->n + i] = PetscRealPart(a[i]);
  PetscCall(VecRestoreArrayRead(ay, &a));
  PetscFunctionReturn(0);
}

/* unit vector e_k in v */
static PetscErrorCode KKTUnit_Private(Vec v, PetscInt k)
{
  PetscFunctionBegin;
  PetscCall(VecSet(v, 0));
  PetscCall(VecSetValue(v, k, 1, INSERT_VALUES));
  PetscCall(VecAssemblyBegin(v));
  PetscCall(VecAssemblyEnd(v));
  PetscFunctionReturn(0);
}

/* Jg (row i = grad g_i) at the current point */
static PetscErrorCode KKTConstraintJacobian_Private(KKTCtx *c)
{
  PetscFunctionBegin;
  for (PetscInt i = 0; i < c->l; i++) {
    PetscCall(KKTUnit_Private(c->el, i));
    PetscCall(BilevelComputeLowerConstraintsJacobianTranspose(c->bl, c->x, c->y, c->el, c->gx, c->gy));
    PetscCall(KKTGather_Private(c, c->gx, c->gy, c->Jg + i * (c->n + c->m)));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode KKTObjective_Private(KKTCtx *c, const PetscReal *w, PetscReal *F, PetscReal *grad)
{
  PetscFunctionBegin;
  PetscCall(KKTSetPoint_Private(c, w));
  PetscCall(BilevelComputeUpperObjective(c->bl, c->x, c->y, F, c->gx, c->gy));
  if (grad) {
    PetscCall(KKTGather_Private(c, c->gx, c->gy, grad));
    for (PetscInt i = 0; i < c->l; i++) grad[c->n + c->m + i] = 0;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode KKTConstraints_Private(KKTCtx *c, const PetscReal *w, PetscReal *r)
{
  const PetscScalar *a, *b;
  PetscReal          fval;

  PetscFunctionBegin;
  PetscCall(KKTSetPoint_Private(c, w));
  PetscCall(BilevelComputeLowerObjective(c->bl, c->x, c->y, &fval, c->gx, c->gy));
  if (c->l) {
    PetscCall(BilevelComputeLowerConstraintsJacobianTranspose(c->bl, c->x, c->y, c->mu, c->hx, c->hy));
    PetscCall(VecAXPY(c->gy, 1, c->hy));
    PetscCall(BilevelComputeLowerConstraints(c->bl, c->x, c->y, c->g));
  }
  PetscCall(VecGetArrayRead(c->gy, &a));
  for (PetscInt k = 0; k < c->m; k++) r[k] = PetscRealPart(a[k]);
  PetscCall(VecRestoreArrayRead(c->gy, &a));
  if (c->l) {
    PetscCall(VecGetArrayRead(c->g, &a));
    PetscCall(VecGetArrayRead(c->mu, &b));
    for (PetscInt i = 0; i < c->l; i++) r[c->m + i] = PetscRealPart(a[i]);
    if (c->ineq)
      for (PetscInt i = 0; i < c->l; i++) r[c->m + c->l + i] = -PetscRealPart(b[i]) * PetscRealPart(a[i]);
    PetscCall(VecRestoreArrayRead(c->mu, &b));
    PetscCall(VecRestoreArrayRead(c->g, &a));
  }
  PetscFunctionReturn(0);
}

/* dense Jacobian, row-major, N columns */
static PetscErrorCode KKTJacobian_Private(KKTCtx *c, const PetscReal *w, PetscReal *J)
{
  const PetscInt nm = c->n + c->m, N = c->N;

  PetscFunctionBegin;
  PetscCall(PetscArrayzero(J, (size_t)c->nc * N));
  PetscCall(KKTSetPoint_Private(c, w));
  if (c->l) PetscCall(KKTConstraintJacobian_Private(c));
  for (PetscInt k = 0; k < c->m; k++) {
    PetscCall(KKTUnit_Private(c->ey, k));
    PetscCall(BilevelComputeLowerHessianProducts(c->bl, c->x, c->y, c->ey, c->hx, c->hy));
    PetscCall(KKTGather_Private(c, c->hx, c->hy, J + k * N));
    for (PetscInt i = 0; i < c->l; i++) J[k * N + nm + i] = c->Jg[i * nm + c->n + k];
  }
  if (c->l) {
    const PetscScalar *a, *b;

    PetscCall(BilevelComputeLowerConstraints(c->bl, c->x, c->y, c->g));
    PetscCall(VecGetArrayRead(c->g, &a));
    PetscCall(VecGetArrayRead(c->mu, &b));
    for (PetscInt i = 0; i < c->l; i++) {
      PetscReal *row = J + (c->m + i) * N;

      for (PetscInt j = 0; j < nm; j++) row[j] = c->Jg[i * nm + j];
      if (!c->ineq) continue;
      row = J + (c->m + c->l + i) * N;
      for (PetscInt j = 0; j < nm; j++) row[j] = -PetscRealPart(b[i]) * c->Jg[i * nm + j];
      row[nm + i] = -PetscRealPart(a[i]);
    }
    PetscCall(VecRestoreArrayRead(c->mu, &b));
    PetscCall(VecRestoreArrayRead(c->g, &a));
  }
  PetscFunctionReturn(0);
}

/* G(w) = sigma grad F + (f_xy v, f_yy v), v = lambda1, into out (size n + m) */
static PetscErrorCode KKTLagrangeGradient_Private(KKTCtx *c, const PetscReal *w, PetscReal sigma, PetscReal *out)
{
  PetscReal F;

  PetscFunctionBegin;
  PetscCall(KKTSetPoint_Private(c, w));
  PetscCall(BilevelComputeLowerHessianProducts(c->bl, c->x, c->y, c->v, c->hx, c->hy));
  PetscCall(KKTGather_Private(c, c->hx, c->hy, out));
  if (sigma != 0) {
    PetscCall(BilevelComputeUpperObjective(c->bl, c->x, c->y, &F, c->gx, c->gy));
    PetscCall(KKTGather_Private(c, c->gx, c->gy, c->wk + c->N)); /* wk has room for N + n + m */
    for (PetscInt i = 0; i < c->n + c->m; i++) out[i] += sigma * c->wk[c->N + i];
  }
  PetscFunctionReturn(0);
}

/* lower triangle of the Lagrangian Hessian, row by row */
static PetscErrorCode KKTHessian_Private(KKTCtx *c, const PetscReal *w, PetscReal sigma, const PetscReal *lam, PetscReal *H)
{
  const PetscInt nm = c->n + c->m;
  PetscScalar   *a;
  PetscInt       e = 0;

  PetscFunctionBegin;
  PetscCall(VecGetArrayWrite(c->v, &a));
  for (PetscInt k = 0; k < c->m; k++) a[k] = lam[k];
  PetscCall(VecRestoreArrayWrite(c->v, &a));
  for (PetscInt j = 0; j < nm; j++) {
    const PetscReal h = 6e-6 * (1 + PetscAbsReal(w[j]));

    PetscCall(PetscArraycpy(c->wk, w, c->N));
    c->wk[j] = w[j] + h;
    PetscCall(KKTLagrangeGradient_Private(c, c->wk, sigma, c->Gp));
    c->wk[j] = w[j] - h;
    PetscCall(KKTLagrangeGradient_Private(c, c->wk, sigma, c->Gm));
    for (PetscInt i = 0; i < nm; i++) c->A[i * nm + j] = (c->Gp[i] - c->Gm[i]) / (2 * h);
  }
  if (c->l && c->ineq) {
    PetscCall(KKTSetPoint_Private(c, w));
    PetscCall(KKTConstraintJacobian_Private(c));
  }
  for (PetscInt r = 0; r < c->N; r++) {
    for (PetscInt q = 0; q <= r; q++, e++) {
      if (r < nm) H[e] = 0.5 * (c->A[r * nm + q] + c->A[q * nm + r]);
      else if (q < nm && c->ineq) H[e] = -lam[c->m + c->l + (r - nm)] * c->Jg[(r - nm) * nm + q];
      else H[e] = 0;
    }
  }
  PetscFunctionReturn(0);
}

static Bool KKTEvalF(Index n, Number *w, Bool neww, Number *obj, UserDataPtr ptr)
{
  PetscReal F;

  if (KKTObjective_Private((KKTCtx *)ptr, w, &F, NULL)) return FALSE;
  *obj = F;
  return TRUE;
}

static Bool KKTEvalGradF(Index n, Number *w, Bool neww, Number *grad, UserDataPtr ptr)
{
  PetscReal F;

  return KKTObjective_Private((KKTCtx *)ptr, w, &F, grad) ? FALSE : TRUE;
}

static Bool KKTEvalG(Index n, Number *w, Bool neww, Index nc, Number *r, UserDataPtr ptr) { return KKTConstraints_Private((KKTCtx *)ptr, w, r) ? FALSE : TRUE; }

static Bool KKTEvalJac(Index n, Number *w, Bool neww, Index nc, Index nnz, Index *irow, Index *jcol, Number *v, UserDataPtr ptr)
{
  if (!v) {
    for (Index k = 0; k < nnz; k++) {
      irow[k] = k / n;
      jcol[k] = k % n;
    }
    return TRUE;
  }
  return KKTJacobian_Private((KKTCtx *)ptr, w, v) ? FALSE : TRUE;
}

static Bool KKTEvalH(Index n, Number *w, Bool neww, Number sigma, Index nc, Number *lam, Bool newlam, Index nnz, Index *irow, Index *jcol, Number *v, UserDataPtr ptr)
{
  if (!v) {
    Index e = 0;

    for (Index r = 0; r < n; r++)
      for (Index q = 0; q <= r; q++, e++) {
        irow[e] = r;
        jcol[e] = q;
      }
    return TRUE;
  }
  return KKTHessian_Private((KKTCtx *)ptr, w, sigma, lam, v) ? FALSE : TRUE;
}

static Bool KKTIterate(Index mode, Index it, Number obj, Number infpr, Number infdu, Number mu, Number dnorm, Number reg, Number adu, Number apr, Index ls, UserDataPtr ptr)
{
  ((KKTCtx *)ptr)->its = it;
  return TRUE;
}

static const char *KKTStatusName(enum ApplicationReturnStatus s)
{
  switch (s) {
  case Solve_Succeeded: return "Solve_Succeeded";
  case Solved_To_Acceptable_Level: return "Acceptable_Level";
  case Infeasible_Problem_Detected: return "Infeasible";
  case Search_Direction_Becomes_Too_Small: return "Step_Too_Small";
  case Diverging_Iterates: return "Diverging";
  case Maximum_Iterations_Exceeded: return "Max_Iterations";
  case Restoration_Failed: return "Restoration_Failed";
  case Error_In_Step_Computation: return "Step_Error";
  case Not_Enough_Degrees_Of_Freedom: return "Too_Few_DOF";
  default: return "IPOPT_error";
  }
}

/* one IPOPT solve of the KKT reformulation of a registered problem: status, iterations, CPU and wall of IpoptSolve(),
   x error, F, test accuracy, max |mu_i g_i| and the KKT residual |grad_y f + J_y^T mu| at the end */
static PetscErrorCode KKTSolve(MPI_Comm comm, const char problem[], const KKTOptions *o, CompareRun *r, const char **status, PetscReal * compl, PetscReal *stat)
{
  BilevelProblem               prob;
  KKTCtx                       c;
  Vec                          xl, xu, g, xs, ys;
  BilevelConstraintType        ctype;
  PetscReal                   *w, *wl, *wu, *rl, *ru, *rv, F, ye, va;
  PetscBool                    known, has, learn = (PetscBool)(!strcmp(problem, "svm") || !strcmp(problem, "cleaning"));
  IpoptProblem                 ip;
  enum ApplicationReturnStatus st;
  PetscLogDouble               c0, c1, w0, w1;
  const PetscReal              inf = 2e19;

  PetscFunctionBegin;
  PetscCall(PetscMemzero(&c, sizeof(c)));
  PetscCall(BilevelProblemCreate(comm, problem, &prob));
  PetscCall(BilevelCreate(comm, &c.bl));
  /* svm and cleaning: the formulation with a smooth unconstrained lower level and bounds on c (that of implicit) */
  PetscCall(BilevelSetType(c.bl, learn ? BILEVELIMPLICIT : BILEVELLVHBA));
  PetscCall(BilevelProblemSetUpSolver(prob, c.bl));
  PetscCall(BilevelSetUp(c.bl)); /* work Vecs of the Hessian-vector products */
  PetscCall(BilevelGetSolution(c.bl, &xs, &ys));
  PetscCall(BilevelGetLowerConstraints(c.bl, &g, &ctype));
  PetscCall(BilevelGetUpperBounds(c.bl, &xl, &xu));
  PetscCall(VecGetSize(xs, &c.n));
  PetscCall(VecGetSize(ys, &c.m));
  c.l = 0;
  if (g) PetscCall(VecGetSize(g, &c.l));
  c.ineq = (PetscBool)(g && ctype == BILEVEL_CONSTRAINT_INEQUALITY);
  c.ceq  = o->ceq;
  c.N    = c.n + c.m + c.l;
  c.nc   = c.m + c.l + (c.ineq ? c.l : 0);
  PetscCall(VecDuplicate(xs, &c.x));
  PetscCall(VecDuplicate(ys, &c.y));
  PetscCall(VecDuplicate(xs, &c.gx));
  PetscCall(VecDuplicate(ys, &c.gy));
  PetscCall(VecDuplicate(xs, &c.hx));
  PetscCall(VecDuplicate(ys, &c.hy));
  PetscCall(VecDuplicate(ys, &c.ey));
  PetscCall(VecDuplicate(ys, &c.v));
  if (c.l) {
    PetscCall(VecDuplicate(g, &c.mu));
    PetscCall(VecDuplicate(g, &c.g));
    PetscCall(VecDuplicate(g, &c.el));
  }
  PetscCall(PetscMalloc4((size_t)c.l * (c.n + c.m) + 1, &c.Jg, (size_t)(c.n + c.m) * (c.n + c.m), &c.A, c.n + c.m, &c.Gp, c.n + c.m, &c.Gm));
  PetscCall(PetscMalloc1(c.N + c.n + c.m, &c.wk));
  PetscCall(PetscMalloc6(c.N, &w, c.N, &wl, c.N, &wu, c.nc, &rl, c.nc, &ru, c.nc, &rv));
  /* start: the problem's (x, y), mu = 0; bounds */
  PetscCall(KKTGather_Private(&c, xs, ys, w));
  for (PetscInt i = 0; i < c.N; i++) {
    wl[i] = -inf;
    wu[i] = inf;
  }
  for (PetscInt i = 0; i < c.l; i++) {
    w[c.n + c.m + i] = 0;
    if (c.ineq) wl[c.n + c.m + i] = 0;
  }
  if (xl || xu) {
    const PetscScalar *a;

    if (xl) {
      PetscCall(VecGetArrayRead(xl, &a));
      for (PetscInt i = 0; i < c.n; i++) wl[i] = PetscMax(PetscRealPart(a[i]), -inf);
      PetscCall(VecRestoreArrayRead(xl, &a));
    }
    if (xu) {
      PetscCall(VecGetArrayRead(xu, &a));
      for (PetscInt i = 0; i < c.n; i++) wu[i] = PetscMin(PetscRealPart(a[i]), inf);
      PetscCall(VecRestoreArrayRead(xu, &a));
    }
  }
  for (PetscInt k = 0; k < c.nc; k++) rl[k] = ru[k] = 0;
  if (c.ineq)
    for (PetscInt i = 0; i < c.l; i++) {
      rl[c.m + i] = -inf;                   /* g <= 0 */
      if (!c.ceq) rl[c.m + c.l + i] = -inf; /* -mu g <= 0 */
    }
  ip = CreateIpoptProblem((Index)c.N, wl, wu, (Index)c.nc, rl, ru, (Index)(c.nc * c.N), (Index)(c.N * (c.N + 1) / 2), 0, KKTEvalF, KKTEvalG, KKTEvalGradF, KKTEvalJac, KKTEvalH);
  PetscCheck(ip, comm, PETSC_ERR_LIB, "CreateIpoptProblem() failed on problem %s", problem);
  PetscCheck(AddIpoptNumOption(ip, (char *)"tol", o->tol) && AddIpoptIntOption(ip, (char *)"max_iter", (Int)o->maxit) && AddIpoptIntOption(ip, (char *)"print_level", 0) && AddIpoptStrOption(ip, (char *)"sb", (char *)"yes") &&
                 AddIpoptStrOption(ip, (char *)"hessian_approximation", (char *)(o->lbfgs ? "limited-memory" : "exact")) && SetIntermediateCallback(ip, KKTIterate),
             comm, PETSC_ERR_LIB, "IPOPT refused an option");
  c0 = CPUTime_Private();
  PetscCall(PetscTime(&w0));
  st = IpoptSolve(ip, w, NULL, &F, NULL, NULL, NULL, &c);
  PetscCall(PetscTime(&w1));
  c1 = CPUTime_Private();
  FreeIpoptProblem(ip);
  r->failed = PETSC_FALSE;
  r->its    = c.its;
  r->cpu    = (PetscReal)(c1 - c0);
  r->wall   = (PetscReal)(w1 - w0);
  r->F      = F;
  r->reason = (st == Solve_Succeeded || st == Solved_To_Acceptable_Level) ? BILEVEL_CONVERGED_TOL : BILEVEL_DIVERGED_MAXIT;
  *status   = KKTStatusName(st);
  /* the result into the problem's solution Vecs: error and accuracy by the problem's own routines */
  {
    PetscScalar *a;

    PetscCall(VecGetArrayWrite(xs, &a));
    for (PetscInt i = 0; i < c.n; i++) a[i] = w[i];
    PetscCall(VecRestoreArrayWrite(xs, &a));
    PetscCall(VecGetArrayWrite(ys, &a));
    for (PetscInt i = 0; i < c.m; i++) a[i] = w[c.n + i];
    PetscCall(VecRestoreArrayWrite(ys, &a));
  }
  PetscCall(BilevelProblemComputeError(prob, c.bl, &r->xe, &ye, &known));
  if (!known) r->xe = -1;
  PetscCall(BilevelProblemComputeAccuracy(prob, c.bl, &va, &r->acc, &has));
  if (!has) r->acc = -1;
  PetscCall(KKTConstraints_Private(&c, w, rv));
  *stat = 0;
  for (PetscInt k = 0; k < c.m; k++) *stat = PetscMax(*stat, PetscAbsReal(rv[k]));
  *compl = 0;
  if (c.ineq)
    for (PetscInt i = 0; i < c.l; i++) *compl = PetscMax(*compl, PetscAbsReal(rv[c.m + c.l + i]));
  PetscCall(PetscFree6(w, wl, wu, rl, ru, rv));
  PetscCall(PetscFree(c.wk));
  PetscCall(PetscFree4(c.Jg, c.A, c.Gp, c.Gm));
  PetscCall(VecDestroy(&c.x));
  PetscCall(VecDestroy(&c.y));
  PetscCall(VecDestroy(&c.gx));
  PetscCall(VecDestroy(&c.gy));
  PetscCall(VecDestroy(&c.hx));
  PetscCall(VecDestroy(&c.hy));
  PetscCall(VecDestroy(&c.ey));
  PetscCall(VecDestroy(&c.v));
  PetscCall(VecDestroy(&c.mu));
  PetscCall(VecDestroy(&c.g));
  PetscCall(VecDestroy(&c.el));
  PetscCall(BilevelDestroy(&c.bl));
  PetscCall(BilevelProblemDestroy(&prob));
  PetscFunctionReturn(0);
}
#endif

/* why a type does not apply to a registered problem (NULL: it applies) */
static const char *CompareNotApplicable(const char problem[], const char type[])
{
  const PetscBool constrained = (PetscBool)(!strcmp(problem, "toy") || !strcmp(problem, "inequality") || !strcmp(problem, "llsc"));

  if (!strcmp(type, BILEVELBOREP) && constrained) return "n/a: constrained lower level";
  if (!strcmp(type, BILEVELIMPLICIT) && !strcmp(problem, "llsc")) return "n/a: upper-level constraint Bx = 0 needs a projection";
  return NULL;
}

/* every type on every registered problem (svm and cleaning: seed 1), repeats timed runs; then the svm and cleaning
   test accuracy over seeds 1..nseeds with the baselines */
static PetscErrorCode Compare(MPI_Comm comm, PetscInt maxit, PetscInt learnit, PetscInt repeats, PetscInt nseeds, const KKTOptions *kkt)
{
  const char *problems[6] = {"toy", "inequality", "quadratic", "llsc", "svm", "cleaning"};
  const char *types[3]    = {BILEVELLVHBA, BILEVELBOREP, BILEVELIMPLICIT};
  const char *bases[4]    = {"grid", "cv5", "valonly", "untuned"};
  const char *bnames[4]   = {"grid search (validation)", "5-fold CV grid search", "clean validation set only", "untuned (exp(c) = 1)"};
  PetscMPIInt size;

  PetscFunctionBegin;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  if (maxit > 0)
    PetscCall(PetscPrintf(comm, "\nTypes x problems, default options (budget %" PetscInt_FMT " iterations; svm, cleaning: %" PetscInt_FMT ", seed 1); time of BilevelSolve(), median (min) of %" PetscInt_FMT " runs\n", maxit, learnit, repeats));
  else
    PetscCall(
        PetscPrintf(comm, "\nTypes x problems, default options (budget: the type's default, lvhba 500000, others 100000; svm, cleaning: %" PetscInt_FMT ", seed 1); time of BilevelSolve(), median (min) of %" PetscInt_FMT " runs\n", learnit, repeats));
  PetscCall(PetscPrintf(comm, "%-11s %-9s %-16s %9s %17s %17s %10s %11s %8s\n", "problem", "type", "reason", "its", "CPU s", "wall s", "x rel err", "F", "test acc"));
  for (PetscInt p = 0; p < 6; p++) {
    for (PetscInt t = 0; t < 3; t++) {
      const char     *na    = CompareNotApplicable(problems[p], types[t]);
      const PetscBool learn = (PetscBool)(p >= 4);
      CompareRun      r;
      PetscReal       cpu[16], wall[16];
      PetscInt        nr = learn ? 1 : PetscMin(repeats, 16);

      if (na) {
        PetscCall(PetscPrintf(comm, "%-11s %-9s %s\n", problems[p], types[t], na));
        continue;
      }
      for (PetscInt k = 0; k < nr; k++) {
        PetscCall(CompareSolve(comm, problems[p], types[t], learn ? learnit : maxit, &r));
        cpu[k]  = r.cpu;
        wall[k] = r.wall;
      }
      qsort(cpu, (size_t)nr, sizeof(PetscReal), CmpReal_Private);
      qsort(wall, (size_t)nr, sizeof(PetscReal), CmpReal_Private);
      if (r.failed) {
        PetscCall(PetscPrintf(comm, "%-11s %-9s stopped with an error (run examples/bilevel -problem %s -bilevel_type %s to see it)\n", problems[p], types[t], problems[p], types[t]));
        continue;
      }
      {
        char xe[32] = "-", acc[32] = "-";

        if (r.xe >= 0) PetscCall(PetscSNPrintf(xe, sizeof(xe), "%.2e", (double)r.xe));
        if (r.acc >= 0) PetscCall(PetscSNPrintf(acc, sizeof(acc), "%.4f", (double)r.acc));
        PetscCall(PetscPrintf(comm, "%-11s %-9s %-16s %9" PetscInt_FMT " %8.3g (%6.3g) %8.3g (%6.3g) %10s %11.6g %8s\n", problems[p], types[t], BilevelConvergedReasons[r.reason], r.its, (double)cpu[nr / 2], (double)cpu[0], (double)wall[nr / 2],
                              (double)wall[0], xe, (double)r.F, acc));
      }
    }
    if (!kkt->use) continue;
    if (size > 1) {
      PetscCall(PetscPrintf(comm, "%-11s %-9s n/a: IPOPT runs on one process\n", problems[p], "ipopt-kkt"));
      continue;
    }
    if (!strcmp(problems[p], "llsc")) {
      PetscCall(PetscPrintf(comm, "%-11s %-9s n/a: upper-level constraint Bx = 0 given only as a projection\n", problems[p], "ipopt-kkt"));
      continue;
    }
#if defined(TESSERA_HAVE_IPOPT)
    {
      const PetscBool learn = (PetscBool)(p >= 4);
      const PetscInt  nr    = learn ? 1 : PetscMin(repeats, 16);
      PetscReal       cpu[16], wall[16], compl = 0, stat = 0;
      const char     *status = NULL;
      char            xe[32] = "-", acc[32] = "-";
      CompareRun      r;

      for (PetscInt k = 0; k < nr; k++) {
        PetscCall(KKTSolve(comm, problems[p], kkt, &r, &status, &compl, &stat));
        cpu[k]  = r.cpu;
        wall[k] = r.wall;
      }
      qsort(cpu, (size_t)nr, sizeof(PetscReal), CmpReal_Private);
      qsort(wall, (size_t)nr, sizeof(PetscReal), CmpReal_Private);
      if (r.xe >= 0) PetscCall(PetscSNPrintf(xe, sizeof(xe), "%.2e", (double)r.xe));
      if (r.acc >= 0) PetscCall(PetscSNPrintf(acc, sizeof(acc), "%.4f", (double)r.acc));
      PetscCall(PetscPrintf(comm, "%-11s %-9s %-16s %9" PetscInt_FMT " %8.3g (%6.3g) %8.3g (%6.3g) %10s %11.6g %8s   |grad_y L| %.1e max|mu g| %.1e\n", problems[p], "ipopt-kkt", status, r.its, (double)cpu[nr / 2], (double)cpu[0],
                            (double)wall[nr / 2], (double)wall[0], xe, (double)r.F, acc, (double)stat, (double)compl ));
    }
#else
    PetscCall(PetscPrintf(comm, "%-11s %-9s n/a: built without IPOPT (coinor-libipopt-dev)\n", problems[p], "ipopt-kkt"));
#endif
  }
  if (nseeds <= 0) PetscFunctionReturn(0);
  PetscCall(PetscPrintf(comm, "\nTest accuracy over seeds 1..%" PetscInt_FMT " (mean +- sample std; types with budget %" PetscInt_FMT "; F = validation loss)\n", nseeds, learnit));
  for (PetscInt p = 4; p < 6; p++) {
    PetscReal *acc, *F, *its, *cpu, m, sd, mF, sF, mi, si, mc, sc;

    PetscCall(PetscMalloc4(nseeds, &acc, nseeds, &F, nseeds, &its, nseeds, &cpu));
    for (PetscInt t = 0; t < 3; t++) {
      PetscInt nconv = 0, nok = 0, nfail = 0;

      for (PetscInt sd0 = 0; sd0 < nseeds; sd0++) {
        char       str[32];
        CompareRun r;

        PetscCall(PetscSNPrintf(str, sizeof(str), "%" PetscInt_FMT, sd0 + 1));
        PetscCall(PetscOptionsSetValue(NULL, "-svm_seed", str));
        PetscCall(CompareSolve(comm, problems[p], types[t], learnit, &r));
        if (r.failed) {
          nfail++;
          PetscCall(PetscPrintf(comm, "%-9s %-26s seed %" PetscInt_FMT ": stopped with an error (left out of the statistics)\n", problems[p], types[t], sd0 + 1));
          continue;
        }
        acc[nok] = r.acc;
        F[nok]   = r.F;
        its[nok] = (PetscReal)r.its;
        cpu[nok] = r.cpu;
        nok++;
        if (r.reason > 0) nconv++;
      }
      if (!nok) continue;
      MeanStd_Private(acc, nok, &m, &sd);
      MeanStd_Private(F, nok, &mF, &sF);
      MeanStd_Private(its, nok, &mi, &si);
      MeanStd_Private(cpu, nok, &mc, &sc);
      PetscCall(PetscPrintf(comm, "%-9s %-26s test %.3f +- %.3f   F %.3f +- %.3f   its %.0f +- %.0f (%" PetscInt_FMT " of %" PetscInt_FMT " CONVERGED, %" PetscInt_FMT " errors)   CPU %.3g +- %.2g s\n", problems[p], types[t], (double)m, (double)sd,
                            (double)mF, (double)sF, (double)mi, (double)si, nconv, nseeds, nfail, (double)mc, (double)sc));
    }
#if defined(TESSERA_HAVE_IPOPT)
    if (kkt->use && size == 1) {
      PetscInt nconv = 0;

      for (PetscInt sd0 = 0; sd0 < nseeds; sd0++) {
        char        str[32];
        CompareRun  r;
        const char *status;
        PetscReal compl, stat;

        PetscCall(PetscSNPrintf(str, sizeof(str), "%" PetscInt_FMT, sd0 + 1));
        PetscCall(PetscOptionsSetValue(NULL, "-svm_seed", str));
        PetscCall(KKTSolve(comm, problems[p], kkt, &r, &status, &compl, &stat));
        acc[sd0] = r.acc;
        F[sd0]   = r.F;
        its[sd0] = (PetscReal)r.its;
        cpu[sd0] = r.cpu;
        if (r.reason > 0) nconv++;
      }
      MeanStd_Private(acc, nseeds, &m, &sd);
      MeanStd_Private(F, nseeds, &mF, &sF);
      MeanStd_Private(its, nseeds, &mi, &si);
      MeanStd_Private(cpu, nseeds, &mc, &sc);
      PetscCall(PetscPrintf(comm, "%-9s %-26s test %.3f +- %.3f   F %.3f +- %.3f   its %.0f +- %.0f (%" PetscInt_FMT " of %" PetscInt_FMT " solved)   CPU %.3g +- %.2g s\n", problems[p], "ipopt-kkt (IPOPT, KKT)", (double)m, (double)sd, (double)mF,
                            (double)sF, (double)mi, (double)si, nconv, nseeds, (double)mc, (double)sc));
    }
#endif
    for (PetscInt b = 0; b < 4; b++) {
      for (PetscInt sd0 = 0; sd0 < nseeds; sd0++) {
        char           str[32];
        BilevelProblem prob;
        PetscReal      va;
        PetscBool      has;

        PetscCall(PetscSNPrintf(str, sizeof(str), "%" PetscInt_FMT, sd0 + 1));
        PetscCall(PetscOptionsSetValue(NULL, "-svm_seed", str));
        PetscCall(PetscOptionsSetValue(NULL, "-svm_baseline", bases[b]));
        PetscCall(BilevelProblemCreate(comm, problems[p], &prob));
        PetscCall(BilevelProblemComputeBaseline(prob, &va, &acc[sd0], &has));
        PetscCall(BilevelProblemDestroy(&prob));
      }
      MeanStd_Private(acc, nseeds, &m, &sd);
      PetscCall(PetscPrintf(comm, "%-9s %-26s test %.3f +- %.3f\n", problems[p], bnames[b], (double)m, (double)sd));
    }
    PetscCall(PetscFree4(acc, F, its, cpu));
  }
  PetscCall(PetscOptionsClearValue(NULL, "-svm_seed"));
  PetscCall(PetscOptionsClearValue(NULL, "-svm_baseline"));
  PetscFunctionReturn(0);
}

typedef struct {
  BilevelProblem prob;
  PetscReal      tol;
  PetscInt       hit, marks[4], nmarks;
  PetscReal      err[4];
} BenchCtx;

static PetscErrorCode Monitor(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ptr)
{
  BenchCtx *b = (BenchCtx *)ptr;
  PetscReal xe, ye;
  PetscBool known;

  PetscFunctionBegin;
  PetscCall(BilevelProblemComputeError(b->prob, bl, &xe, &ye, &known));
  if (xe >= b->tol) b->hit = -1;
  else if (b->hit < 0) b->hit = it + 1;
  for (PetscInt k = 0; k < b->nmarks; k++)
    if (it + 1 == b->marks[k]) b->err[k] = xe;
  PetscFunctionReturn(0);
}

static PetscErrorCode Converged(Bilevel bl, PetscInt it, PetscReal res, PetscReal gap, BilevelConvergedReason *reason, void *ptr)
{
  BenchCtx *b = (BenchCtx *)ptr;

  PetscFunctionBegin;
  PetscCall(BilevelConvergedDefault(bl, it, res, gap, reason, NULL));
  if (*reason == BILEVEL_CONVERGED_TOL) *reason = BILEVEL_CONVERGED_ITERATING; /* run on until the error target */
  if (*reason == BILEVEL_CONVERGED_ITERATING && b->hit >= 0 && it + 1 - b->hit >= 100) *reason = BILEVEL_CONVERGED_USER;
  PetscFunctionReturn(0);
}

/* Runs the NumPy reference of LV-HBA for its iterations with the steps and parameters of the solver bl; *tnp < 0 when
   the reference is not available */
static PetscErrorCode RunNumPy(MPI_Comm comm, const char numpy[], Bilevel bl, PetscInt n, PetscInt its, PetscReal *tnp, PetscReal *errnp)
{
  char        cmd[PETSC_MAX_PATH_LEN + 512], line[512] = "";
  FILE       *fp = NULL;
  PetscReal   a, b, e, el, g1, g2, cbar, p, r, atol, rtol, gatol, grtol, cinc = 4 /* the solver's default: the benchmark does not set options */, v[2] = {-1, -1};
  double      t, err;
  PetscMPIInt rank;

  PetscFunctionBegin;
  PetscCall(BilevelLVHBAGetStepSizes(bl, &a, &b, &e, &el));
  PetscCall(BilevelLVHBAGetProximal(bl, &g1, &g2));
  PetscCall(BilevelLVHBAGetPenalty(bl, &cbar, &p, &r));
  PetscCall(BilevelGetTolerances(bl, &atol, &rtol, &gatol, &grtol, NULL));
  PetscCall(PetscSNPrintf(cmd, sizeof(cmd), "%s %" PetscInt_FMT " %" PetscInt_FMT " %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g", numpy, n, its, (double)a, (double)b, (double)e, (double)el, (double)g1,
                          (double)g2, (double)cbar, (double)p, (double)r, (double)atol, (double)rtol, (double)gatol, (double)grtol, (double)cinc));
  PetscCall(PetscPOpen(comm, NULL, cmd, "r", &fp));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    if (fp && fgets(line, sizeof(line), fp) && sscanf(line, "numpy s/iteration %lg x_error %lg", &t, &err) == 2) {
      v[0] = (PetscReal)t;
      v[1] = (PetscReal)err;
    }
  }
  PetscCall(PetscPClose(comm, fp));
  PetscCallMPI(MPI_Bcast(v, 2, MPIU_REAL, 0, comm));
  *tnp   = v[0];
  *errnp = v[1];
  PetscFunctionReturn(0);
}

/* Solves with the problem's default set-up and the given type; returns iterations to tolerance (-1: not reached).
   With numpy (LV-HBA on the toy), also times the NumPy reference over the same iterations. */
static PetscErrorCode RunToTolerance(MPI_Comm comm, const char problem[], BilevelType type, PetscReal tol, PetscInt maxit, const char numpy[], PetscInt *hit, PetscReal *titer, PetscReal *ttol, PetscReal *tnp, PetscReal *errnp, PetscReal *err)
{
  BenchCtx       b;
  Bilevel        bl;
  PetscLogDouble t0, t1;
  PetscInt       its, n;
  PetscReal      ye;
  PetscBool      known;

  PetscFunctionBegin;
  PetscCall(BilevelProblemCreate(comm, problem, &b.prob));
  b.tol    = tol;
  b.hit    = -1;
  b.nmarks = 0;
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, type));
  PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, maxit));
  PetscCall(BilevelMonitorSet(bl, Monitor, &b, NULL));
  PetscCall(BilevelSetConvergenceTest(bl, Converged, &b));
  PetscCall(BilevelSolve(bl));
  *hit = b.hit;
  PetscCall(BilevelDestroy(&bl));
  /* timing run: exactly hit iterations (or the whole budget), no error monitor, the same tolerances (they drive the
     penalty continuation of LV-HBA) and convergence test (b.hit < 0: stops only at the iteration limit) */
  its   = b.hit > 0 ? b.hit : maxit;
  b.hit = -1;
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, type));
  PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
  PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, its));
  PetscCall(BilevelSetConvergenceTest(bl, Converged, &b));
  PetscCall(PetscTime(&t0));
  PetscCall(BilevelSolve(bl));
  PetscCall(PetscTime(&t1));
  *ttol  = (PetscReal)(t1 - t0);
  *titer = *ttol / its;
  PetscCall(BilevelProblemComputeError(b.prob, bl, err, &ye, &known));
  *tnp = -1;
  if (numpy) {
    Vec x, y;

    PetscCall(BilevelGetSolution(bl, &x, &y));
    PetscCall(VecGetSize(x, &n));
    PetscCall(RunNumPy(comm, numpy, bl, n, its, tnp, errnp));
  }
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&b.prob));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm   comm;
  PetscInt   sizes[8] = {100, 10000}, nsizes = 2, maxit = 100000, peerit = 30000;
  PetscReal  tol = 1e-3;
  PetscBool  set, skip, compare = PETSC_TRUE, toy = PETSC_TRUE;
  PetscInt   cmaxit = 0, lmaxit = 2000, repeats = 3, nseeds = 10;
  char       numpy[PETSC_MAX_PATH_LEN] = BENCH_BILEVEL_NUMPY;
  KKTOptions kkt                       = {PETSC_TRUE, PETSC_TRUE, PETSC_FALSE, 1e-9, 3000};

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Bilevel benchmark options", "");
  PetscCall(PetscOptionsIntArray("-sizes", "Toy dimensions", "bench_bilevel.c", sizes, &nsizes, &set));
  if (!set) nsizes = 2;
  PetscCall(TesseraOptionsRealPositive("-tol", "Target relative x error", "bench_bilevel.c", tol, &tol, NULL, 1));
  PetscCall(TesseraOptionsIntInRange("-max_it", "Iteration budget of the default runs", "bench_bilevel.c", maxit, &maxit, NULL, 1, 100000000));
  PetscCall(TesseraOptionsIntInRange("-peer_it", "Iterations with the authors' parameters (0: skip)", "bench_bilevel.c", peerit, &peerit, NULL, 0, 100000000));
  PetscCall(PetscOptionsString("-numpy", "Command of the NumPy reference (none: skip)", "bench_bilevel.c", numpy, numpy, sizeof(numpy), NULL));
  PetscCall(PetscOptionsBool("-compare", "Types x problems table and seed statistics", "bench_bilevel.c", compare, &compare, NULL));
  PetscCall(TesseraOptionsIntInRange("-compare_max_it", "Iteration budget of the closed-form problems in the table (0: the type's default)", "bench_bilevel.c", cmaxit, &cmaxit, NULL, 0, 100000000));
  PetscCall(TesseraOptionsIntInRange("-learn_max_it", "Iteration budget of svm and cleaning", "bench_bilevel.c", lmaxit, &lmaxit, NULL, 1, 100000000));
  PetscCall(TesseraOptionsIntInRange("-repeats", "Repeats of each timed run of the table", "bench_bilevel.c", repeats, &repeats, NULL, 1, 16));
  PetscCall(TesseraOptionsIntInRange("-seeds", "Seeds of the svm and cleaning statistics (0: skip)", "bench_bilevel.c", nseeds, &nseeds, NULL, 0, 1000));
  PetscCall(PetscOptionsBool("-toy", "LV-HBA toy study", "bench_bilevel.c", toy, &toy, NULL));
  PetscCall(PetscOptionsBool("-kkt", "Single-level KKT reformulation solved by IPOPT in the table", "bench_bilevel.c", kkt.use, &kkt.use, NULL));
  PetscCall(TesseraOptionsRealPositive("-kkt_tol", "IPOPT tolerance (option tol)", "bench_bilevel.c", kkt.tol, &kkt.tol, NULL, 1));
  PetscCall(TesseraOptionsIntInRange("-kkt_max_it", "IPOPT iteration limit", "bench_bilevel.c", kkt.maxit, &kkt.maxit, NULL, 1, 1000000));
  PetscCall(PetscOptionsBool("-kkt_compl_equality", "Complementarity as -mu_i g_i = 0 (else <= 0)", "bench_bilevel.c", kkt.ceq, &kkt.ceq, NULL));
  PetscCall(PetscOptionsBool("-kkt_lbfgs", "IPOPT's limited-memory Hessian instead of the differenced Lagrangian Hessian", "bench_bilevel.c", kkt.lbfgs, &kkt.lbfgs, NULL));
  PetscOptionsEnd();
  if (compare) PetscCall(Compare(comm, cmaxit, lmaxit, repeats, nseeds, &kkt));
  if (!toy) {
    PetscCall(PetscFinalize());
    return 0;
  }
  for (PetscInt s = 0; s < nsizes; s++) PetscCheck(sizes[s] >= 1 && sizes[s] <= 100000000, comm, PETSC_ERR_ARG_OUTOFRANGE, "Option -sizes: dimension %" PetscInt_FMT " is out of range [1, 100000000]", sizes[s]);
  PetscCall(PetscStrcmp(numpy, "none", &skip));
  PetscCall(PetscPrintf(comm, "LV-HBA on the LLC toy, target relative x error %g\n", (double)tol));
  PetscCall(PetscPrintf(comm, "%8s %-28s %12s %14s %14s\n", "n", "parameters", "iterations", "time (s)", "s/iteration"));
  for (PetscInt s = 0; s < nsizes; s++) {
    char      nstr[32];
    PetscInt  hit;
    PetscReal titer, ttol, tnp, errnp, err;

    PetscCall(PetscSNPrintf(nstr, sizeof(nstr), "%" PetscInt_FMT, sizes[s]));
    PetscCall(PetscOptionsSetValue(NULL, "-toy_n", nstr));
    PetscCall(RunToTolerance(comm, "toy", BILEVELLVHBA, tol, maxit, skip ? NULL : numpy, &hit, &titer, &ttol, &tnp, &errnp, &err));
    if (hit > 0) PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12" PetscInt_FMT " %14.3f %14.3e\n", sizes[s], "tessera defaults", hit, (double)ttol, (double)titer));
    else PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12s %14s %14.3e\n", sizes[s], "tessera defaults", "not reached", "-", (double)titer));
    if (tnp > 0) {
      const PetscInt its = hit > 0 ? hit : maxit;

      PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12" PetscInt_FMT " %14.3f %14.3e   NumPy/tessera time ratio %.2f; x error after %" PetscInt_FMT " iterations: NumPy %.6e, tessera %.6e\n", sizes[s], "NumPy, same updates", its,
                            (double)(tnp * its), (double)tnp, (double)(tnp / titer), its, (double)errnp, (double)err));
    } else if (!skip) PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s   not available (command: %s)\n", sizes[s], "NumPy, same updates", numpy));
    if (peerit > 0) {
      BenchCtx               b;
      Bilevel                bl;
      PetscLogDouble         t0, t1;
      BilevelConvergedReason reason;
      PetscInt               its;

      /* authors' fork parameters */
      PetscCall(BilevelProblemCreate(comm, "toy", &b.prob));
      b.tol      = tol;
      b.hit      = -1;
      b.nmarks   = 4;
      b.marks[0] = 1000;
      b.marks[1] = 3000;
      b.marks[2] = 10000;
      b.marks[3] = 30000;
      for (PetscInt k = 0; k < 4; k++) b.err[k] = -1;
      PetscCall(BilevelCreate(comm, &bl));
      PetscCall(BilevelSetType(bl, BILEVELLVHBA));
      PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
      PetscCall(BilevelLVHBASetStepSizes(bl, 0.002, 0.002, 0.03, 0.03));
      PetscCall(BilevelLVHBASetProximal(bl, 10, 10));
      PetscCall(BilevelLVHBASetPenalty(bl, 1, 0.3));
      PetscCall(BilevelLVHBASetMultiplierBound(bl, 1));
      PetscCall(BilevelSetTolerances(bl, 0, 0, 0, 0, peerit));
      PetscCall(BilevelMonitorSet(bl, Monitor, &b, NULL));
      PetscCall(PetscTime(&t0));
      PetscCall(BilevelSolve(bl));
      PetscCall(PetscTime(&t1));
      PetscCall(BilevelGetIterationNumber(bl, &its));
      PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12s %14s %14.3e   x error @1e3 %.2e @3e3 %.2e @1e4 %.2e @3e4 %.2e\n", sizes[s], "authors' fork parameters", b.hit > 0 ? "reached" : "not reached", "-", (double)((t1 - t0) / its),
                            (double)b.err[0], (double)b.err[1], (double)b.err[2], (double)b.err[3]));
      PetscCall(BilevelGetConvergedReason(bl, &reason));
      if (its < peerit) PetscCall(PetscPrintf(comm, "%8s %-28s stopped: %s after %" PetscInt_FMT " iterations (errors after it: -1)\n", "", "", BilevelConvergedReasons[reason], its));
      PetscCall(BilevelDestroy(&bl));
      /* official parameters */
      PetscCall(BilevelCreate(comm, &bl));
      PetscCall(BilevelSetType(bl, BILEVELLVHBA));
      PetscCall(BilevelProblemSetUpSolver(b.prob, bl));
      PetscCall(BilevelLVHBASetStepSizes(bl, 0.008, 0.02, 0.01, 0.01));
      PetscCall(BilevelLVHBASetProximal(bl, 10, 10));
      PetscCall(BilevelLVHBASetPenalty(bl, 0.025, 0.3));
      PetscCall(BilevelSetTolerances(bl, 0, 0, 0, 0, 1500));
      PetscCall(BilevelSolve(bl));
      PetscCall(BilevelGetConvergedReason(bl, &reason));
      PetscCall(BilevelGetIterationNumber(bl, &its));
      PetscCall(PetscPrintf(comm, "%8" PetscInt_FMT " %-28s %12s   stopped: %s after %" PetscInt_FMT " iterations\n", sizes[s], "authors' official parameters", "diverges", BilevelConvergedReasons[reason], its));
      PetscCall(BilevelDestroy(&bl));
      PetscCall(BilevelProblemDestroy(&b.prob));
    }
  }
  PetscCall(PetscOptionsClearValue(NULL, "-toy_n"));
  {
    PetscInt  hit;
    PetscReal titer, ttol, tnp, errnp, err;

    PetscCall(RunToTolerance(comm, "quadratic", BILEVELBOREP, tol, maxit, NULL, &hit, &titer, &ttol, &tnp, &errnp, &err));
    PetscCall(PetscPrintf(comm, "BO-REP (defaults) on the quadratic problem (n = 10, m = 20): %" PetscInt_FMT " iterations to x error %g, %.3f s, %.3e s/iteration\n", hit, (double)tol, (double)ttol, (double)titer));
  }
  PetscCall(PetscFinalize());
  return 0;
}
