static char help[] = "Benchmark of TAOALSKETCH against TAOALMM on the registered equality-constrained problems.\n\n\
Options:\n\
  -problems <a,b,...>  problems to run (default: every registered problem except PDE)\n\
  -bench_gatol <1e-6>  KKT tolerance of every solver\n\
  -bench_repeat <1>    repeat each solve (IPOPT too): the time column is the fastest; with 3 or more repeats a\n\
                       column tmed[s] gives the median\n\
  -bench_solvers <gv,rk,lu,almm,ipopt>  the solvers to run (e.g. lu,ipopt for the PDE problem at large N)\n\
  -bench_ipopt_max_cpu_time <s>  IPOPT's max_cpu_time (CPU seconds; default none): a run stopped by it is reported\n\
                       as \"IPOPT not solved in the limit\" with its time\n\n";

/*
   For each problem and solver: outer iterations, objective (and gradient) evaluations, Hessian evaluations (a
   counter wrapped around the problem's Hessian callback; for IPOPT the evaluations it requests), inner iterations
   (alsketch: sketch or Krylov iterations, TaoGetLinearSolveIterations(); "-" for TAOALMM's quasi-Newton subsolver and
   for IPOPT's direct factorizations), flops (PetscGetFlops, the paper's cost metric), wall time and the final KKT
   residual ||(grad f + G^T lambda, c)|| computed with the problem's callbacks
   (TAOALSKETCH's and IPOPT's own multipliers; least-squares multipliers for TAOALMM). Solvers:
     GV   alsketch, adaptive accuracy, Gaussian-vector sketches (the default)
     RK   alsketch, adaptive accuracy, randomized Kaczmarz (uniform rows)
     LU   alsketch, adaptive accuracy, exact inner solves (PETSc LU through MUMPS)
     ALMM TAOALMM with its default quasi-Newton subsolver (bqnls), gatol = catol = the tolerance
   Ratios are alsketch/ALMM over the problems that both solve. When the build finds IPOPT (Debian
   coinor-libipopt-dev, pkg-config ipopt) it is run too (one rank): interior point with exact Newton steps, MUMPS,
   derivatives from the same Tao callbacks, the Jacobian and the Lagrangian Hessian passed in their sparse (AIJ)
   patterns (taken at x0), so that large problems (PDE, SPHERE with -sphere_n 2000) run too.
*/
#include <tessera.h>
#if defined(TESSERA_HAVE_IPOPT)
  #include <IpStdCInterface.h>
#endif

typedef struct {
  PetscInt           its, nfev, nhess, inner; /* inner: linear (sketch/Krylov) iterations, -1 where none are counted */
  PetscReal          kkt, f;
  PetscLogDouble     time, tmed, flops; /* fastest and median wall time over the repeats */
  TaoConvergedReason reason;
} Result;

/* Hessian evaluations, counted by a wrapper around the problem's Hessian callback */
typedef struct {
  PetscErrorCode (*fn)(Tao, Vec, Mat, Mat, void *);
  void    *ctx;
  PetscInt count;
} HessCounter;

static PetscErrorCode CountedHessian(Tao tao, Vec x, Mat H, Mat Hpre, void *ctx)
{
  HessCounter *hc = (HessCounter *)ctx;

  PetscFunctionBegin;
  hc->count++;
  PetscCall((*hc->fn)(tao, x, H, Hpre, hc->ctx));
  PetscFunctionReturn(0);
}

static PetscErrorCode CountHessians(Tao tao, HessCounter *hc)
{
  Mat H, Hpre;

  PetscFunctionBegin;
  PetscCall(TaoGetHessian(tao, &H, &Hpre, &hc->fn, &hc->ctx));
  hc->count = 0;
  if (hc->fn) PetscCall(TaoSetHessian(tao, H, Hpre, CountedHessian, hc));
  PetscFunctionReturn(0);
}

/* the fastest and the median of the wall times t[0..repeat-1] (sorted in place) */
static PetscErrorCode TimeStatistics(PetscInt repeat, PetscReal t[], Result *res)
{
  PetscFunctionBegin;
  PetscCall(PetscSortReal(repeat, t));
  res->time = t[0];
  res->tmed = repeat % 2 ? t[repeat / 2] : 0.5 * (t[repeat / 2 - 1] + t[repeat / 2]);
  PetscFunctionReturn(0);
}

static PetscErrorCode Run(const char name[], PetscInt solver, PetscReal gatol, PetscInt repeat, PetscReal times[], Result *res)
{
  for (PetscInt r = 0; r < repeat; r++) {
    NLPProblem     nlp;
    Tao            tao;
    Vec            x, lam;
    PetscInt       m;
    PetscLogDouble t0, t1, f0, f1;
    PetscErrorCode ierr;
    HessCounter    hc;

    PetscFunctionBegin;
    PetscCall(NLPProblemCreate(PETSC_COMM_WORLD, name, &nlp));
    PetscCall(NLPProblemGetSizes(nlp, NULL, &m));
    PetscCall(NLPProblemCreateTao(nlp, solver == 3 ? TAOALMM : TAOALSKETCH, gatol, &tao));
    PetscCall(CountHessians(tao, &hc));
    if (solver != 3) {
      KSP ksp;
      PC  pc;

      PetscCall(TaoALSketchGetKSP(tao, &ksp));
      if (solver == 1) PetscCall(KSPSketchSetType(ksp, KSP_SKETCH_KACZMARZ));
      if (solver == 2) {
        PetscCall(KSPSetType(ksp, KSPPREONLY));
        PetscCall(KSPGetPC(ksp, &pc));
        PetscCall(PCSetType(pc, PCLU));
        PetscCall(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
      }
    }
    PetscCall(PetscGetFlops(&f0));
    PetscCall(PetscTime(&t0));
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = TaoSolve(tao);
    PetscCall(PetscPopErrorHandler());
    PetscCall(PetscTime(&t1));
    PetscCall(PetscGetFlops(&f1));
    if (ierr) PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_NAN));
    times[r]   = t1 - t0;
    res->flops = f1 - f0;
    PetscCall(TaoGetConvergedReason(tao, &res->reason));
    PetscCall(TaoGetIterationNumber(tao, &res->its));
    PetscCall(TaoGetCurrentFunctionEvaluations(tao, &res->nfev));
    res->nhess = hc.count;
    res->inner = -1;
    if (solver != 3) PetscCall(TaoGetLinearSolveIterations(tao, &res->inner));
    PetscCall(TaoGetSolution(tao, &x));
    {
      Mat J;

      PetscCall(NLPProblemGetJacobian(nlp, &J)); /* multipliers in the constraints' layout (a DMDA's for PDE, CONTROL) */
      PetscCall(MatCreateVecs(J, NULL, &lam));
    }
    if (res->reason == TAO_DIVERGED_NAN) res->kkt = res->f = PETSC_INFINITY;
    else {
      if (solver == 3) PetscCall(NLPProblemComputeLeastSquaresMultipliers(nlp, tao, x, lam));
      else {
        Vec DE, DI;

        PetscCall(TaoGetDualVariables(tao, &DE, &DI));
        PetscCall(VecCopy(DE, lam));
      }
      PetscCall(NLPProblemComputeKKT(nlp, tao, x, lam, &res->f, &res->kkt));
    }
    PetscCall(VecDestroy(&lam));
    PetscCall(TaoDestroy(&tao));
    PetscCall(NLPProblemDestroy(&nlp));
  }
  PetscCall(TimeStatistics(repeat, times, res));
  PetscFunctionReturn(0);
}

#if defined(TESSERA_HAVE_IPOPT)
/* IPOPT on a registered problem: the callbacks evaluate through a TAOALSKETCH used only as evaluator */
typedef struct {
  Tao    tao;
  Mat    J, H;
  Vec    x, g, c, DE;
  Index  its, nhess;                /* iterations and Hessian evaluations requested by IPOPT (each costs two of the problem's: H(lambda), H(0)) */
  Index *jrow, *jcol, *hrow, *hcol; /* sparsity of J and of the lower triangle of H (from their AIJ patterns at x0) */
  Index  jnnz, hnnz;
} IpoptCtx;

/* the nonzero pattern of an AIJ matrix (lower triangle only if lower), or the values in that order (v != NULL);
   *nnz counts them, and a pattern that changed since is an error (FALSE) */
static Bool IpoptMatEntries(Mat A, PetscBool lower, Index *row, Index *col, Number *v, Index *nnz)
{
  PetscInt m, k = 0;

  if (MatGetSize(A, &m, NULL)) return FALSE;
  for (PetscInt i = 0; i < m; i++) {
    const PetscInt    *cols;
    const PetscScalar *vals;
    PetscInt           nz;

    if (MatGetRow(A, i, &nz, &cols, &vals)) return FALSE;
    for (PetscInt q = 0; q < nz; q++) {
      if (lower && cols[q] > i) continue;
      if (v) {
        if (k >= *nnz || row[k] != i || col[k] != cols[q]) {
          (void)MatRestoreRow(A, i, &nz, &cols, &vals);
          return FALSE;
        }
        v[k] = PetscRealPart(vals[q]);
      } else if (row) {
        row[k] = (Index)i;
        col[k] = (Index)cols[q];
      }
      k++;
    }
    if (MatRestoreRow(A, i, &nz, &cols, &vals)) return FALSE;
  }
  if (v) return k == *nnz ? TRUE : FALSE;
  *nnz = (Index)k;
  return TRUE;
}

static Bool IpoptIteration(Index mode, Index it, Number obj, Number infpr, Number infdu, Number mu, Number dnorm, Number reg, Number adu, Number apr, Index ls, UserDataPtr ptr)
{
  ((IpoptCtx *)ptr)->its = it;
  return TRUE;
}

static Bool IpoptSetX(IpoptCtx *ctx, const Number *x)
{
  PetscScalar *a;
  PetscInt     n;

  if (VecGetLocalSize(ctx->x, &n) || VecGetArrayWrite(ctx->x, &a)) return FALSE;
  for (PetscInt i = 0; i < n; i++) a[i] = x[i];
  return VecRestoreArrayWrite(ctx->x, &a) ? FALSE : TRUE;
}

static Bool IpoptEvalF(Index n, Number *x, Bool newx, Number *obj, UserDataPtr ptr)
{
  IpoptCtx *ctx = (IpoptCtx *)ptr;
  PetscReal f;

  if (!IpoptSetX(ctx, x) || TaoComputeObjectiveAndGradient(ctx->tao, ctx->x, &f, ctx->g)) return FALSE;
  *obj = f;
  return TRUE;
}

static Bool IpoptEvalGradF(Index n, Number *x, Bool newx, Number *grad, UserDataPtr ptr)
{
  IpoptCtx          *ctx = (IpoptCtx *)ptr;
  PetscReal          f;
  const PetscScalar *a;

  if (!IpoptSetX(ctx, x) || TaoComputeObjectiveAndGradient(ctx->tao, ctx->x, &f, ctx->g) || VecGetArrayRead(ctx->g, &a)) return FALSE;
  for (Index i = 0; i < n; i++) grad[i] = PetscRealPart(a[i]);
  return VecRestoreArrayRead(ctx->g, &a) ? FALSE : TRUE;
}

static Bool IpoptEvalG(Index n, Number *x, Bool newx, Index m, Number *g, UserDataPtr ptr)
{
  IpoptCtx          *ctx = (IpoptCtx *)ptr;
  const PetscScalar *a;

  if (!IpoptSetX(ctx, x) || TaoComputeEqualityConstraints(ctx->tao, ctx->x, ctx->c) || VecGetArrayRead(ctx->c, &a)) return FALSE;
  for (Index i = 0; i < m; i++) g[i] = PetscRealPart(a[i]);
  return VecRestoreArrayRead(ctx->c, &a) ? FALSE : TRUE;
}

/* sparse structures: the AIJ patterns of the Jacobian and of the lower triangle of the Hessian */
static Bool IpoptEvalJac(Index n, Number *x, Bool newx, Index m, Index nnz, Index *irow, Index *jcol, Number *v, UserDataPtr ptr)
{
  IpoptCtx *ctx = (IpoptCtx *)ptr;

  if (!v) {
    for (Index k = 0; k < nnz; k++) {
      irow[k] = ctx->jrow[k];
      jcol[k] = ctx->jcol[k];
    }
    return TRUE;
  }
  if (!IpoptSetX(ctx, x) || TaoComputeJacobianEquality(ctx->tao, ctx->x, ctx->J, ctx->J)) return FALSE;
  return IpoptMatEntries(ctx->J, PETSC_FALSE, ctx->jrow, ctx->jcol, v, &ctx->jnnz);
}

/* sigma Hess f + sum lambda_i Hess c_i = H(lambda) + (sigma - 1) H(0), H(DE) the Tao's Hessian of f + DE^T c */
static Bool IpoptEvalH(Index n, Number *x, Bool newx, Number sigma, Index m, Number *lam, Bool newlam, Index nnz, Index *irow, Index *jcol, Number *v, UserDataPtr ptr)
{
  IpoptCtx *ctx = (IpoptCtx *)ptr;

  if (!v) {
    for (Index k = 0; k < nnz; k++) {
      irow[k] = ctx->hrow[k];
      jcol[k] = ctx->hcol[k];
    }
    return TRUE;
  }
  if (!IpoptSetX(ctx, x)) return FALSE;
  ctx->nhess++;
  for (PetscInt pass = 0; pass < 2; pass++) {
    PetscScalar *d;

    if (VecGetArrayWrite(ctx->DE, &d)) return FALSE;
    for (Index i = 0; i < m; i++) d[i] = pass ? 0.0 : lam[i];
    if (VecRestoreArrayWrite(ctx->DE, &d) || TaoComputeHessian(ctx->tao, ctx->x, ctx->H, ctx->H)) return FALSE;
    if (!pass) {
      if (!IpoptMatEntries(ctx->H, PETSC_TRUE, ctx->hrow, ctx->hcol, v, &ctx->hnnz)) return FALSE;
    } else {
      Number *h0;

      if (PetscMalloc1(nnz, &h0)) return FALSE;
      if (!IpoptMatEntries(ctx->H, PETSC_TRUE, ctx->hrow, ctx->hcol, h0, &ctx->hnnz)) {
        (void)PetscFree(h0);
        return FALSE;
      }
      for (Index k = 0; k < nnz; k++) v[k] += (sigma - 1.0) * h0[k];
      if (PetscFree(h0)) return FALSE;
    }
  }
  return TRUE;
}

/* IPOPT once on problem name; maxcpu > 0: its max_cpu_time; *limit: stopped by it */
static PetscErrorCode RunIpopt(const char name[], PetscReal gatol, PetscReal maxcpu, Result *res, PetscBool *limit)
{
  NLPProblem                   nlp;
  IpoptCtx                     ctx;
  Vec                          x0, DI, lam;
  PetscInt                     n, m;
  Number                      *xl, *xu, *gl, *gu, *x, *mult, obj;
  IpoptProblem                 prob;
  PetscLogDouble               t0, t1, f0, f1;
  enum ApplicationReturnStatus status;
  const PetscScalar           *a;

  PetscFunctionBegin;
  PetscCall(NLPProblemCreate(PETSC_COMM_SELF, name, &nlp));
  PetscCall(NLPProblemGetSizes(nlp, &n, &m));
  PetscCall(TaoCreate(PETSC_COMM_SELF, &ctx.tao));
  PetscCall(TaoSetType(ctx.tao, TAOALSKETCH));
  PetscCall(NLPProblemSetUpTao(nlp, ctx.tao));
  PetscCall(TaoSetUp(ctx.tao));
  PetscCall(TaoGetSolution(ctx.tao, &x0));
  PetscCall(TaoGetDualVariables(ctx.tao, &ctx.DE, &DI));
  PetscCall(TaoGetHessian(ctx.tao, &ctx.H, NULL, NULL, NULL));
  PetscCall(NLPProblemGetJacobian(nlp, &ctx.J));
  PetscCall(VecDuplicate(x0, &ctx.x));
  PetscCall(VecDuplicate(x0, &ctx.g));
  PetscCall(VecDuplicate(ctx.DE, &ctx.c));
  PetscCall(PetscMalloc6(n, &xl, n, &xu, m, &gl, m, &gu, n, &x, m, &mult));
  PetscCall(VecGetArrayRead(x0, &a));
  for (PetscInt i = 0; i < n; i++) {
    xl[i] = -1e20;
    xu[i] = 1e20;
    x[i]  = PetscRealPart(a[i]);
  }
  PetscCall(VecRestoreArrayRead(x0, &a));
  for (PetscInt i = 0; i < m; i++) gl[i] = gu[i] = 0.0;
  /* the sparsity patterns: J at x0, H at x0 with multipliers 1 (every term of the Lagrangian present) */
  PetscCall(TaoComputeJacobianEquality(ctx.tao, x0, ctx.J, ctx.J));
  PetscCall(VecSet(ctx.DE, 1.0));
  PetscCall(TaoComputeHessian(ctx.tao, x0, ctx.H, ctx.H));
  PetscCheck(IpoptMatEntries(ctx.J, PETSC_FALSE, NULL, NULL, NULL, &ctx.jnnz) && IpoptMatEntries(ctx.H, PETSC_TRUE, NULL, NULL, NULL, &ctx.hnnz), PETSC_COMM_SELF, PETSC_ERR_LIB, "Cannot read the sparsity patterns");
  PetscCall(PetscMalloc4(ctx.jnnz, &ctx.jrow, ctx.jnnz, &ctx.jcol, ctx.hnnz, &ctx.hrow, ctx.hnnz, &ctx.hcol));
  PetscCheck(IpoptMatEntries(ctx.J, PETSC_FALSE, ctx.jrow, ctx.jcol, NULL, &ctx.jnnz) && IpoptMatEntries(ctx.H, PETSC_TRUE, ctx.hrow, ctx.hcol, NULL, &ctx.hnnz), PETSC_COMM_SELF, PETSC_ERR_LIB, "Cannot read the sparsity patterns");
  prob = CreateIpoptProblem((Index)n, xl, xu, (Index)m, gl, gu, ctx.jnnz, ctx.hnnz, 0, IpoptEvalF, IpoptEvalG, IpoptEvalGradF, IpoptEvalJac, IpoptEvalH);
  PetscCheck(prob, PETSC_COMM_SELF, PETSC_ERR_LIB, "CreateIpoptProblem failed");
  ctx.its   = 0;
  ctx.nhess = 0;
  SetIntermediateCallback(prob, IpoptIteration);
  AddIpoptIntOption(prob, "print_level", 0);
  AddIpoptNumOption(prob, "tol", gatol);
  AddIpoptStrOption(prob, "sb", "yes");
  if (maxcpu > 0.0) AddIpoptNumOption(prob, "max_cpu_time", maxcpu);
  PetscCall(PetscGetFlops(&f0));
  PetscCall(PetscTime(&t0));
  status = IpoptSolve(prob, x, NULL, &obj, mult, NULL, NULL, &ctx);
  PetscCall(PetscTime(&t1));
  PetscCall(PetscGetFlops(&f1));
  FreeIpoptProblem(prob);
  res->time   = t1 - t0;
  res->flops  = f1 - f0; /* PETSc-logged flops of the callbacks only */
  res->reason = (status == Solve_Succeeded || status == Solved_To_Acceptable_Level) ? TAO_CONVERGED_USER : TAO_DIVERGED_USER;
  *limit      = (PetscBool)(status == Maximum_CpuTime_Exceeded);
  PetscCall(TaoGetCurrentFunctionEvaluations(ctx.tao, &res->nfev));
  res->its   = ctx.its;
  res->nhess = ctx.nhess;
  res->inner = -1; /* IPOPT factorizes its KKT matrix (MUMPS): no inner iterations */
  PetscCheck(IpoptSetX(&ctx, x), PETSC_COMM_SELF, PETSC_ERR_LIB, "Cannot copy the IPOPT solution");
  PetscCall(VecDuplicate(ctx.DE, &lam)); /* IPOPT's own multipliers (its Lagrangian f + c^T lambda, as here) */
  {
    PetscScalar *l;

    PetscCall(VecGetArrayWrite(lam, &l));
    for (PetscInt i = 0; i < m; i++) l[i] = mult[i];
    PetscCall(VecRestoreArrayWrite(lam, &l));
  }
  PetscCall(NLPProblemComputeKKT(nlp, ctx.tao, ctx.x, lam, &res->f, &res->kkt));
  PetscCall(VecDestroy(&lam));
  PetscCall(PetscFree6(xl, xu, gl, gu, x, mult));
  PetscCall(PetscFree4(ctx.jrow, ctx.jcol, ctx.hrow, ctx.hcol));
  PetscCall(VecDestroy(&ctx.x));
  PetscCall(VecDestroy(&ctx.g));
  PetscCall(VecDestroy(&ctx.c));
  PetscCall(TaoDestroy(&ctx.tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscFunctionReturn(0);
}
#endif

/* one row of the table; the inner-iteration column is "-" where the solver has none */
/* one row of the table; the inner-iteration column is "-" where the solver has none; median: the tmed[s] column */
static PetscErrorCode PrintRow(const char problem[], const char solver[], const Result *r, PetscBool median, const char reason[])
{
  char inner[32] = "-", tmed[32] = "";

  PetscFunctionBegin;
  if (r->inner >= 0) PetscCall(PetscSNPrintf(inner, sizeof(inner), "%" PetscInt_FMT, r->inner));
  if (median) PetscCall(PetscSNPrintf(tmed, sizeof(tmed), " %10.3e", (double)r->tmed));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%-11s %-5s %6" PetscInt_FMT " %6" PetscInt_FMT " %6" PetscInt_FMT " %9s %10.3e %10.3e%s %9.2e  %s\n", problem, solver, r->its, r->nfev, r->nhess, inner, (double)r->flops, (double)r->time, tmed,
                        (double)r->kkt, reason));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  char        *list[128];
  PetscInt     nlist = 128, nprob, repeat = 1, nboth[3] = {0, 0, 0}, solved[5] = {0, 0, 0, 0, 0}, nipopt = 0;
  PetscReal    itsal = 0, itsip = 0, tal = 0, tip = 0;
  PetscMPIInt  size;
  const char **names;
  PetscReal    gatol = 1e-6, maxcpu = 0.0, *times, sits[3] = {0, 0, 0}, salmm[3] = {0, 0, 0}, stime[3] = {0, 0, 0}, stalmm[3] = {0, 0, 0};
  PetscBool    given, use[5] = {PETSC_TRUE, PETSC_TRUE, PETSC_TRUE, PETSC_TRUE, PETSC_TRUE}, sgiven;
  const char  *label[5] = {"GV", "RK", "LU", "ALMM", "IPOPT"};
  char        *solvers[5];
  PetscInt     nsolvers = 5, ref;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCallMPI(MPI_Comm_size(PETSC_COMM_WORLD, &size));
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "alsketch benchmark options", "");
  PetscCall(PetscOptionsStringArray("-problems", "Problems to run", "bench_alsketch.c", list, &nlist, &given));
  PetscCall(TesseraOptionsRealPositive("-bench_gatol", "KKT tolerance", "bench_alsketch.c", gatol, &gatol, NULL, 1e100));
  PetscCall(TesseraOptionsIntInRange("-bench_repeat", "Repetitions per solve", "bench_alsketch.c", repeat, &repeat, NULL, 1, 1000000));
  PetscCall(PetscOptionsStringArray("-bench_solvers", "Solvers to run: gv, rk, lu, almm, ipopt", "bench_alsketch.c", solvers, &nsolvers, &sgiven));
  PetscCall(TesseraOptionsRealPositive("-bench_ipopt_max_cpu_time", "IPOPT's CPU time limit in seconds (max_cpu_time)", "bench_alsketch.c", maxcpu, &maxcpu, NULL, 1e9));
  PetscOptionsEnd();
  PetscCall(PetscMalloc1(repeat, &times));
  if (sgiven) {
    for (PetscInt s = 0; s < 5; s++) use[s] = PETSC_FALSE;
    for (PetscInt k = 0; k < nsolvers; k++) {
      PetscBool found = PETSC_FALSE;

      for (PetscInt s = 0; s < 5 && !found; s++) {
        PetscCall(PetscStrcasecmp(solvers[k], label[s], &found));
        if (found) use[s] = PETSC_TRUE;
      }
      PetscCheck(found, PETSC_COMM_WORLD, PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown solver '%s' in -bench_solvers: use gv, rk, lu, almm, ipopt", solvers[k]);
      PetscCall(PetscFree(solvers[k]));
    }
  }
  ref = use[0] ? 0 : use[1] ? 1 : 2; /* the alsketch variant compared with IPOPT: the first one run */
  if (!given) {
    PetscCall(NLPProblemGetNames(&nprob, &names));
    nlist = 0;
    for (PetscInt p = 0; p < nprob; p++) {
      PetscBool pde;

      PetscCall(PetscStrcmp(names[p], "PDE", &pde));
      if (!pde) PetscCall(PetscStrallocpy(names[p], &list[nlist++]));
    }
    PetscCall(PetscFree(names));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%-11s %-5s %6s %6s %6s %9s %10s %10s%s %9s  %s\n", "problem", "solver", "its", "nfev", "nhess", "inner", "flops", "time[s]", repeat >= 3 ? "    tmed[s]" : "", "KKT", "reason"));
  for (PetscInt p = 0; p < nlist; p++) {
    Result r[4];

    for (PetscInt s = 0; s < 4; s++) {
      r[s].reason = TAO_CONTINUE_ITERATING; /* a solver not run counts as not solved */
      if (!use[s]) continue;
      PetscCall(Run(list[p], s, gatol, repeat, times, &r[s]));
      solved[s] += (r[s].reason > 0 && r[s].kkt <= 10 * gatol);
      PetscCall(PrintRow(list[p], label[s], &r[s], (PetscBool)(repeat >= 3), TaoConvergedReasons[r[s].reason]));
    }
#if defined(TESSERA_HAVE_IPOPT)
    if (size == 1 && use[4]) {
      Result    ri;
      PetscBool limit = PETSC_FALSE;
      char      why[64];

      for (PetscInt k = 0; k < repeat; k++) {
        PetscCall(RunIpopt(list[p], gatol, maxcpu, &ri, &limit));
        times[k] = ri.time;
      }
      PetscCall(TimeStatistics(repeat, times, &ri));
      solved[4] += (ri.reason > 0 && ri.kkt <= 10 * gatol);
      if (limit) PetscCall(PetscSNPrintf(why, sizeof(why), "IPOPT not solved in the limit (max_cpu_time %g s)", (double)maxcpu));
      else PetscCall(PetscStrncpy(why, ri.reason > 0 ? "IPOPT succeeded" : "IPOPT failed", sizeof(why)));
      PetscCall(PrintRow(list[p], label[4], &ri, (PetscBool)(repeat >= 3), why));
      if (ri.reason > 0 && ri.kkt <= 10 * gatol && r[ref].reason > 0 && r[ref].kkt <= 10 * gatol) {
        nipopt++;
        itsal += r[ref].its;
        itsip += ri.its;
        tal += r[ref].time;
        tip += ri.time;
      }
    }
#endif
    for (PetscInt s = 0; s < 3; s++) {
      if (r[s].reason > 0 && r[3].reason > 0 && r[3].kkt <= 10 * gatol) {
        nboth[s]++;
        sits[s] += r[s].its;
        salmm[s] += r[3].its;
        stime[s] += r[s].time;
        stalmm[s] += r[3].time;
      }
    }
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "\nsolved to KKT <= %g (10x slack for ALMM's own test): GV %" PetscInt_FMT ", RK %" PetscInt_FMT ", LU %" PetscInt_FMT ", ALMM %" PetscInt_FMT " of %" PetscInt_FMT "\n", (double)gatol, solved[0], solved[1],
                        solved[2], solved[3], nlist));
  for (PetscInt s = 0; s < 3; s++)
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "alsketch-%s / ALMM on %" PetscInt_FMT " problems both solve: outer iterations %.0f / %.0f = %.2f, time %.3f s / %.3f s = %.2f\n", label[s], nboth[s], (double)sits[s], (double)salmm[s],
                          (double)(sits[s] / PetscMax(salmm[s], 1)), (double)stime[s], (double)stalmm[s], (double)(stime[s] / PetscMax(stalmm[s], 1e-12))));
#if defined(TESSERA_HAVE_IPOPT)
  if (size == 1)
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "IPOPT solved %" PetscInt_FMT "; alsketch-%s / IPOPT on %" PetscInt_FMT " problems both solve: iterations %.0f / %.0f = %.2f, time %.3f s / %.3f s = %.2f\n", solved[4], label[ref], nipopt, (double)itsal,
                          (double)itsip, (double)(itsal / PetscMax(itsip, 1)), (double)tal, (double)tip, (double)(tal / PetscMax(tip, 1e-12))));
#else
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "IPOPT: not built (install coinor-libipopt-dev and reconfigure)\n"));
#endif
  for (PetscInt p = 0; p < nlist; p++) PetscCall(PetscFree(list[p]));
  PetscCall(PetscFree(times));
  PetscCall(PetscFinalize());
  return 0;
}
