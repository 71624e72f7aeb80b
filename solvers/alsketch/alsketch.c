/*I "tesseraalsketch.h" I*/
/*
   TAOALSKETCH - exact augmented Lagrangian method with adaptive randomized iterative sketching (AdaSketch-Newton)
   for min f(x) s.t. c(x) = 0. The algorithm is stated in the manual page at the end of this file; TaoSolve_ALSketch()
   runs it as named steps: TaoALSketchNewtonSystem_Private(), TaoALSketchInnerSolve_Private(),
   TaoALSketchLineSearch_Private(), TaoALSketchUpdate_Private().

   References:
     I. Hong, S. Na, M. W. Mahoney and M. Kolar, Constrained optimization via exact augmented Lagrangian and
       randomized iterative sketching, ICML 2023, PMLR 202:13174-13198, arXiv:2305.18379.
     S. Na, M. Anitescu and M. Kolar, An adaptive stochastic sequential quadratic programming with differentiable
       exact augmented Lagrangians, Math. Program. 199 (2023) 721-791.
     S. Lucidi, Recursive quadratic programming algorithm that uses an exact augmented Lagrangian function,
       J. Optim. Theory Appl. 67 (1990) 227-245.
*/
#include <alsketchimpl.h>

static TesseraPackage TaoALSketchPackage = {.name = "taoalsketch", .classid = &TAO_CLASSID};
#include <tesserasketch.h>

const char *const TaoALSketchAccuracies[]           = {"adaptive", "paper", "TaoALSketchAccuracy", "TAO_ALSKETCH_ACCURACY_", NULL};
const char *const TaoALSketchJacobianGuardActions[] = {"regularize", "abort", "TaoALSketchJacobianGuardAction", "TAO_ALSKETCH_GUARD_", NULL};
const char *const TaoALSketchScalings[]             = {"none", "gradient", "TaoALSketchScaling", "TAO_ALSKETCH_SCALING_", NULL};
const char *const TaoALSketchInners[]               = {"auto", "ksp", "block", "TaoALSketchInner", "TAO_ALSKETCH_INNER_", NULL};
const char *const TaoALSketchTerminations[]         = {"none", "stagnation", "jacobian_guard", "inner_solver", "TaoALSketchTermination", "TAO_ALSKETCH_TERMINATION_", NULL};
const char *const TaoALSketchHistoryFields[]        = {
           "kkt_residual", "f", "cnorm", "alpha", "mu", "nu", "delta", "theta", "sketch_iterations", "cap_hit", "descent_passes", "hessian_shift", "extensions", "regularization", "roundoff", "TaoALSketchHistoryField", "TAO_ALSKETCH_HISTORY_", NULL};
PetscLogEvent TAOALSKETCH_KKT, TAOALSKETCH_LS, TAOALSKETCH_Dense, TAOALSKETCH_Checkpoint;

static const char citation[] = "@inproceedings{HongNaMahoneyKolar2023,\n"
                               "  author    = {Ilgee Hong and Sen Na and Michael W. Mahoney and Mladen Kolar},\n"
                               "  title     = {Constrained Optimization via Exact Augmented {L}agrangian and Randomized Iterative Sketching},\n"
                               "  booktitle = {Proceedings of the 40th International Conference on Machine Learning},\n"
                               "  series    = {PMLR},\n"
                               "  volume    = {202},\n"
                               "  pages     = {13174--13198},\n"
                               "  year      = {2023}\n}\n";
static PetscBool  cited      = PETSC_FALSE;

/* the inner stopping test installed in the KSP: absolute threshold on the residual norm */
static PetscErrorCode TaoALSketchKSPConverged_Private(KSP ksp, PetscInt it, PetscReal rnorm, KSPConvergedReason *reason, void *ctx)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)((Tao)ctx)->data;
  PetscInt      maxit;

  PetscFunctionBegin;
  *reason = KSP_CONVERGED_ITERATING;
  PetscCall(KSPGetTolerances(ksp, NULL, NULL, NULL, &maxit));
  if (PetscIsInfOrNanReal(rnorm)) *reason = KSP_DIVERGED_NANORINF;
  else if (rnorm <= al->ksptol) *reason = KSP_CONVERGED_ATOL;
  else if (it >= maxit) *reason = KSP_DIVERGED_ITS;
  PetscFunctionReturn(0);
}

/*
  f, grad f, c, G at x and grad_x L = grad f + G^T lambda; with scaling those of the scaled problem sf f, Dc c
  (al->Gk = Dc G), lambda its multipliers
*/
PetscErrorCode TaoALSketchEvaluate_Private(Tao tao, Vec x, Vec lam, PetscReal *f, Vec g, Vec c, Vec gL)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCall(TaoComputeObjectiveAndGradient(tao, x, f, g));
  PetscCall(TaoComputeEqualityConstraints(tao, x, c));
  PetscCall(TaoComputeJacobianEquality(tao, x, tao->jacobian_equality, tao->jacobian_equality_pre));
  al->Gk = tao->jacobian_equality;
  if (al->scaled) {
    *f *= al->sf;
    PetscCall(VecScale(g, al->sf));
    PetscCall(VecPointwiseMult(c, c, al->dc));
    PetscCall(MatDestroy(&al->Gs));
    PetscCall(MatDuplicate(tao->jacobian_equality, MAT_COPY_VALUES, &al->Gs));
    PetscCall(MatDiagonalScale(al->Gs, al->dc, NULL));
    al->Gk = al->Gs;
  }
  PetscCall(MatMultTransposeAdd(al->Gk, lam, g, gL));
  PetscFunctionReturn(0);
}

/* the Tao's dual variables, the multipliers of the problem as given, from those of the scaled problem: DE = Dc lam / sf */
PetscErrorCode TaoALSketchSyncDual_Private(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  if (al->scaled) {
    PetscCall(VecPointwiseMult(tao->DE, al->lam, al->dc));
    PetscCall(VecScale(tao->DE, 1.0 / al->sf));
  } else PetscCall(VecCopy(al->lam, tao->DE));
  PetscFunctionReturn(0);
}

/*
  gradient-based scaling at the start point (IPOPT's rule): sf = min(1, gmax/||grad f||_inf), dc_i = min(1,
  gmax/||grad c_i||_inf), both at least 1e-8, and (beyond IPOPT) a constraint with 0 < ||grad c_i||_inf < gmin scaled
  up to gmin (by at most 1e4); g and the Jacobian are those of the unscaled problem at x0. Needs a
  Jacobian with MatGetRowMaxAbs() and MatDuplicate() and a Hessian with MatDuplicate(); otherwise no scaling.
*/
static PetscErrorCode TaoALSketchComputeScaling_Private(Tao tao, Vec g)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  PetscBool     rowmax, dupG, dupH;
  PetscReal     gi, dmin, dmax;
  PetscScalar  *d;
  PetscInt      ml;

  PetscFunctionBegin;
  al->scaled = PETSC_FALSE;
  al->sf     = 1.0;
  al->smin   = 1.0;
  if (al->scaling == TAO_ALSKETCH_SCALING_NONE || (al->paper && !al->scalingset)) PetscFunctionReturn(0);
  PetscCall(MatHasOperation(tao->jacobian_equality, MATOP_GET_ROW_MAX_ABS, &rowmax));
  PetscCall(MatHasOperation(tao->jacobian_equality, MATOP_DUPLICATE, &dupG));
  PetscCall(MatHasOperation(tao->hessian, MATOP_DUPLICATE, &dupH));
  if (!rowmax || !dupG || !dupH) {
    PetscCall(PetscInfo(tao, "No automatic scaling: the Jacobian or the Hessian lacks MatGetRowMaxAbs() or MatDuplicate()\n"));
    PetscFunctionReturn(0);
  }
  PetscCall(VecNorm(g, NORM_INFINITY, &gi));
  if (gi > al->gmax) al->sf = PetscMax(al->gmax / gi, 1e-8);
  if (!al->dc) PetscCall(VecDuplicate(tao->constraints_equality, &al->dc));
  PetscCall(MatGetRowMaxAbs(tao->jacobian_equality, al->dc, NULL));
  PetscCall(VecGetLocalSize(al->dc, &ml));
  PetscCall(VecGetArray(al->dc, &d));
  for (PetscInt i = 0; i < ml; i++) {
    PetscReal r = PetscRealPart(d[i]);

    if (r > al->gmax) d[i] = PetscMax(al->gmax / r, 1e-8);
    else if (r > 0.0 && r < al->gmin) d[i] = PetscMin(al->gmin / r, 1e4);
    else d[i] = 1.0;
  }
  PetscCall(VecRestoreArray(al->dc, &d));
  PetscCall(VecMin(al->dc, NULL, &dmin));
  PetscCall(VecMax(al->dc, NULL, &dmax));
  al->scaled = (al->sf != 1.0 || dmin != 1.0 || dmax != 1.0) ? PETSC_TRUE : PETSC_FALSE;
  al->smin   = PetscMin(1.0, PetscMin(al->sf, dmin)); /* a scaled residual below smin gatol has its unscaled one below gatol */
  if (al->scaled) PetscCall(PetscInfo(tao, "Gradient-based scaling: objective %g, smallest constraint scale %g\n", (double)al->sf, (double)dmin));
  PetscFunctionReturn(0);
}

/* merit value from f, lambda, c, grad_x L, and (if mag) the sum of the magnitudes of its terms, the scale of its round-off */
static PetscErrorCode TaoALSketchMeritValue_Private(PetscReal f, Vec lam, Vec c, Vec gL, PetscReal mu, PetscReal nu, PetscReal *merit, PetscReal *mag)
{
  PetscScalar lc;
  PetscReal   cn, gn;

  PetscFunctionBegin;
  PetscCall(VecDot(lam, c, &lc));
  PetscCall(VecNorm(c, NORM_2, &cn));
  PetscCall(VecNorm(gL, NORM_2, &gn));
  *merit = f + PetscRealPart(lc) + 0.5 * mu * cn * cn + 0.5 * nu * gn * gn;
  if (mag) *mag = PetscAbsReal(f) + PetscAbsScalar(lc) + 0.5 * mu * cn * cn + 0.5 * nu * gn * gn;
  PetscFunctionReturn(0);
}

/* KKT residual and constraint norm of the scaled problem (kkt, cnorm) and of the problem as given (kktu, cnormu) */
PetscErrorCode TaoALSketchKKTNorm_Private(Tao tao, Vec gL, Vec c)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  PetscReal     gn;

  PetscFunctionBegin;
  PetscCall(VecNorm(gL, NORM_2, &gn));
  PetscCall(VecNorm(c, NORM_2, &al->cnorm));
  al->kkt    = PetscSqrtReal(gn * gn + al->cnorm * al->cnorm);
  al->kktu   = al->kkt;
  al->cnormu = al->cnorm;
  if (al->scaled) {
    PetscCall(VecPointwiseDivide(al->cw, c, al->dc));
    PetscCall(VecNorm(al->cw, NORM_2, &al->cnormu));
    gn /= al->sf;
    al->kktu = PetscSqrtReal(gn * gn + al->cnormu * al->cnormu);
  }
  PetscFunctionReturn(0);
}

/*
  remainder of the linear model at the full trial step: || (grad_x L, c)(x + dx, lambda + dlambda) - (K z - b) ||;
  the trial values are in Hg (grad_x L) and ct, K z - b in r
*/
static PetscErrorCode TaoALSketchModelError_Private(Tao tao, PetscReal *err)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCall(VecISCopy(al->w, al->isx, SCATTER_FORWARD, al->Hg));
  PetscCall(VecISCopy(al->w, al->isl, SCATTER_FORWARD, al->ct));
  PetscCall(VecAXPY(al->w, -1.0, al->r));
  PetscCall(VecNorm(al->w, NORM_2, err));
  PetscFunctionReturn(0);
}

/* delta_trial(mu, nu) of the authors' rule */
static PetscReal TaoALSketchDeltaTrial_Private(TAO_ALSKETCH *al, PetscReal psi, PetscReal ups) { return (0.5 - al->beta) * al->nu / ((1.0 + al->mu + al->nu) * ups * ups * psi * psi); }

static PetscErrorCode TaoALSketchRecord_Private(Tao tao, PetscReal alpha, PetscInt its, PetscBool cap, PetscInt passes, PetscInt exts)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  PetscReal     rec[TAO_ALSKETCH_HISTORY_NFIELDS];

  PetscFunctionBegin;
  rec[TAO_ALSKETCH_HISTORY_KKT]            = al->kktu;
  rec[TAO_ALSKETCH_HISTORY_F]              = al->f / al->sf;
  rec[TAO_ALSKETCH_HISTORY_CNORM]          = al->cnormu;
  rec[TAO_ALSKETCH_HISTORY_ALPHA]          = alpha;
  rec[TAO_ALSKETCH_HISTORY_MU]             = al->mu;
  rec[TAO_ALSKETCH_HISTORY_NU]             = al->nu;
  rec[TAO_ALSKETCH_HISTORY_DELTA]          = al->delta;
  rec[TAO_ALSKETCH_HISTORY_THETA]          = al->thetat;
  rec[TAO_ALSKETCH_HISTORY_SKETCH_ITS]     = (PetscReal)its;
  rec[TAO_ALSKETCH_HISTORY_CAP_HIT]        = cap ? 1.0 : 0.0;
  rec[TAO_ALSKETCH_HISTORY_DESCENT_PASSES] = (PetscReal)passes;
  rec[TAO_ALSKETCH_HISTORY_HESSIAN_SHIFT]  = al->shift;
  rec[TAO_ALSKETCH_HISTORY_EXTENSIONS]     = (PetscReal)exts;
  rec[TAO_ALSKETCH_HISTORY_REGULARIZATION] = al->regc;
  rec[TAO_ALSKETCH_HISTORY_ROUNDOFF]       = al->roundoff ? 1.0 : 0.0;
  PetscCall(TaoALSketchHistoryPush_Private(tao, rec));
  PetscFunctionReturn(0);
}

/* monitor, convergence history and test after an iterate */
PetscErrorCode TaoALSketchMonitor_Private(Tao tao, PetscReal step)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCall(TaoLogConvergenceHistory(tao, al->f / al->sf, al->kktu, al->cnormu, tao->ksp_its));
  if (PetscIsInfOrNanReal(al->f) || PetscIsInfOrNanReal(al->kktu)) {
    /* TaoMonitor() would raise an error: report the reason instead */
    PetscCall(PetscInfo(tao, "Inf or NaN from the objective, gradient, constraints or Jacobian at iteration %" PetscInt_FMT "\n", tao->niter));
    PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_NAN));
    PetscFunctionReturn(0);
  }
  /* the stopping test applies to the KKT residual of the problem as given */
  PetscCall(TaoMonitor(tao, tao->niter, al->f / al->sf, al->kktu, al->cnormu, step));
  PetscUseTypeMethod(tao, convergencetest, tao->cnvP);
  PetscFunctionReturn(0);
}

/*
  the block preconditioner of K = [B G^T; G -C]: P = [diag(B) G^T; 0 -S~] (upper triangular), S~ the problem's Schur
  approximation; P z = r: z_l = -S~^{-1} r_l, z_x = diag(B)^{-1} (r_x - G^T z_l)
*/
static PetscErrorCode TaoALSketchBlockPCApply_Private(PC pc, Vec r, Vec z)
{
  Tao           tao;
  TAO_ALSKETCH *al;
  Vec           rx, rl, zx, zl;

  PetscFunctionBegin;
  PetscCall(PCShellGetContext(pc, &tao));
  al = (TAO_ALSKETCH *)tao->data;
  PetscCall(VecGetSubVector(r, al->isx, &rx));
  PetscCall(VecGetSubVector(r, al->isl, &rl));
  PetscCall(VecGetSubVector(z, al->isx, &zx));
  PetscCall(VecGetSubVector(z, al->isl, &zl));
  PetscCall((*al->schurapply)(al->schurctx, rl, zl));
  PetscCall(VecScale(zl, -1.0));
  PetscCall(MatMultTranspose(al->Gk, zl, al->bx));
  PetscCall(VecAYPX(al->bx, -1.0, rx));
  PetscCall(VecPointwiseDivide(zx, al->bx, al->bd));
  PetscCall(VecRestoreSubVector(z, al->isl, &zl));
  PetscCall(VecRestoreSubVector(z, al->isx, &zx));
  PetscCall(VecRestoreSubVector(r, al->isl, &rl));
  PetscCall(VecRestoreSubVector(r, al->isx, &rx));
  PetscFunctionReturn(0);
}

/* an inner KSP's iteration cap from -<prefix>ksp_max_it must allow one iteration (0 or a negative value would make
   every inner solve return z = 0, and the run would stop as stagnated at iteration 0) */
static PetscErrorCode TaoALSketchCheckInnerMaxIt_Private(KSP ksp)
{
  PetscInt    maxit;
  const char *prefix;

  PetscFunctionBegin;
  PetscCall(KSPGetTolerances(ksp, NULL, NULL, NULL, &maxit));
  PetscCall(KSPGetOptionsPrefix(ksp, &prefix));
  PetscCheck(maxit >= 1, PetscObjectComm((PetscObject)ksp), PETSC_ERR_ARG_OUTOFRANGE, "Option -%sksp_max_it %" PetscInt_FMT " is out of range: the inner solver needs at least one iteration", prefix ? prefix : "", maxit);
  PetscFunctionReturn(0);
}

/*
  the inner solver of this solve (-tao_alsketch_inner): with the block choice the inner KSP becomes FGMRES (right
  preconditioning: the adaptive test sees the true residual) with the block preconditioner; options of the inner KSP
  given on the command line still apply
*/
static PetscErrorCode TaoALSketchChooseInner_Private(Tao tao)
{
  TAO_ALSKETCH *al   = (TAO_ALSKETCH *)tao->data;
  PetscBool     kset = PETSC_FALSE, pset = PETSC_FALSE;
  const char   *prefix;
  PC            pc;

  PetscFunctionBegin;
  al->block = PETSC_FALSE;
  if (al->inner == TAO_ALSKETCH_INNER_KSP) PetscFunctionReturn(0);
  PetscCheck(al->schurapply || al->inner != TAO_ALSKETCH_INNER_BLOCK, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_WRONGSTATE, "-tao_alsketch_inner block needs a Schur approximation of the problem: call TaoALSketchSetSchurApproximation()");
  if (!al->schurapply) PetscFunctionReturn(0);
  if (al->inner == TAO_ALSKETCH_INNER_AUTO) {
    PetscCall(KSPGetOptionsPrefix(al->ksp, &prefix));
    PetscCall(PetscOptionsHasName(((PetscObject)tao)->options, prefix, "-ksp_type", &kset));
    PetscCall(PetscOptionsHasName(((PetscObject)tao)->options, prefix, "-pc_type", &pset));
    /* the sketch stays for the paper's settings and where the user chose the inner KSP or PC, by options or in code
       (a KSP type other than the default sketch, or a sketch other than the default Gaussian one) */
    {
      PetscBool     issketch;
      KSPSketchType stype = KSP_SKETCH_GAUSSIAN;

      PetscCall(PetscObjectTypeCompare((PetscObject)al->ksp, KSPSKETCH, &issketch));
      if (issketch) PetscCall(KSPSketchGetType(al->ksp, &stype));
      if (al->paper || kset || pset || !issketch || stype != KSP_SKETCH_GAUSSIAN) PetscFunctionReturn(0);
    }
  }
  al->block = PETSC_TRUE;
  PetscCall(KSPSetType(al->ksp, KSPFGMRES));
  PetscCall(KSPGMRESSetRestart(al->ksp, 100));
  PetscCall(KSPSetTolerances(al->ksp, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 10000));
  PetscCall(KSPGetPC(al->ksp, &pc));
  PetscCall(PCSetType(pc, PCSHELL));
  PetscCall(PCShellSetContext(pc, tao));
  PetscCall(PCShellSetApply(pc, TaoALSketchBlockPCApply_Private));
  PetscCall(PCShellSetName(pc, "alsketch KKT block upper-triangular: diag(B) and the problem's Schur approximation"));
  PetscCall(KSPSetFromOptions(al->ksp));
  PetscCall(TaoALSketchCheckInnerMaxIt_Private(al->ksp));
  if (!al->bd) {
    PetscCall(VecDuplicate(tao->solution, &al->bd));
    PetscCall(VecDuplicate(tao->solution, &al->bx));
  }
  PetscFunctionReturn(0);
}

/* start of a solve, fresh or resumed: the parameters of the solve at their initial values */
static PetscErrorCode TaoALSketchStartState_Private(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  PetscBool     issketch;

  PetscFunctionBegin;
  al->paper = al->accuracy == TAO_ALSKETCH_ACCURACY_PAPER ? PETSC_TRUE : PETSC_FALSE;
  PetscCall(TaoALSketchChooseInner_Private(tao));
  PetscCall(PetscObjectTypeCompare((PetscObject)al->ksp, KSPPREONLY, &al->preonly));
  PetscCall(PetscObjectTypeCompare((PetscObject)al->ksp, KSPSKETCH, &issketch));
  /* a sketch gains nothing from restarting at the next iterate, a preconditioned Krylov method may: continuation by
     default with KSPSKETCH only */
  al->useext       = al->extendset ? al->extend : issketch;
  al->mu           = al->mu0;
  al->nu           = al->nu0;
  al->delta        = al->delta0;
  al->hlen         = 0;
  al->totalits     = 0;
  al->shift        = 0.0;
  al->thetat       = al->paper ? 1.0 : al->theta;
  al->capstreak    = 0;
  al->usefb        = PETSC_FALSE;
  al->fbiter       = -1;
  al->guardabort   = (al->guard == TAO_ALSKETCH_GUARD_ABORT || (al->paper && !al->guardset)) ? PETSC_TRUE : PETSC_FALSE;
  al->nreg         = 0;
  al->regc         = 0.0;
  al->rostreak     = 0;
  al->roundoff     = PETSC_FALSE;
  al->stagnated    = PETSC_FALSE;
  al->rokkt        = PETSC_INFINITY;
  al->term         = TAO_ALSKETCH_TERMINATION_NONE;
  al->mumpsretry   = 0;
  al->mumpsicntl14 = 0;
  al->termmsg[0]   = 0;
  al->scaled       = PETSC_FALSE;
  al->sf           = 1.0;
  al->smin         = 1.0;
  al->rsiter       = -1;
  tao->reason      = TAO_CONTINUE_ITERATING;
  tao->niter       = 0;
  PetscFunctionReturn(0);
}

/* start of a fresh solve: initial multipliers, evaluation, scaling and record of the start point */
static PetscErrorCode TaoALSketchInitialize_Private(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  if (al->lam0) PetscCall(VecCopy(al->lam0, al->lam));
  else PetscCall(VecSet(al->lam, 0.0));
  PetscCall(TaoALSketchEvaluate_Private(tao, tao->solution, al->lam, &al->f, tao->gradient, tao->constraints_equality, al->gL));
  PetscCall(TaoALSketchComputeScaling_Private(tao, tao->gradient));
  if (al->scaled) {
    /* the multipliers of the scaled problem, lam = sf DE / Dc, and the start point again, scaled */
    PetscCall(VecPointwiseDivide(al->lam, al->lam, al->dc));
    PetscCall(VecScale(al->lam, al->sf));
    PetscCall(TaoALSketchEvaluate_Private(tao, tao->solution, al->lam, &al->f, tao->gradient, tao->constraints_equality, al->gL));
  }
  PetscCall(TaoALSketchSyncDual_Private(tao));
  PetscCall(TaoALSketchKKTNorm_Private(tao, al->gL, tao->constraints_equality));
  PetscCall(TaoALSketchRecord_Private(tao, 0.0, 0, PETSC_FALSE, 0, 0));
  tao->ksp_its = 0;
  PetscCall(TaoALSketchMonitor_Private(tao, 0.0));
  PetscFunctionReturn(0);
}

#if defined(PETSC_HAVE_MUMPS)
/* a new MUMPS factor of K for the inner KSP with ICNTL(14) = icntl14 (PCSetUp with another K would make a new factor
   with the default ICNTL(14); MUMPS also refuses a numeric phase after a failed one) */
static PetscErrorCode TaoALSketchMumpsFactorWith_Private(KSP ksp, Mat K, PetscInt icntl14)
{
  PC            pc;
  Mat           F;
  PetscBool     factor, mumps = PETSC_FALSE;
  MatSolverType stype = NULL;

  PetscFunctionBegin;
  PetscCall(KSPGetPC(ksp, &pc));
  /* only onto a MUMPS factorization: the solver of an iteration may be a fallback of another kind */
  PetscCall(PetscObjectTypeCompareAny((PetscObject)pc, &factor, PCLU, PCCHOLESKY, ""));
  if (factor) PetscCall(PCFactorGetMatSolverType(pc, &stype));
  if (stype) PetscCall(PetscStrcmp(stype, MATSOLVERMUMPS, &mumps));
  if (!mumps) PetscFunctionReturn(0);
  PetscCall(PCReset(pc));
  PetscCall(KSPSetOperators(ksp, K, K));
  PetscCall(PCFactorSetUpMatSolverType(pc));
  PetscCall(PCFactorGetMatrix(pc, &F));
  PetscCall(MatMumpsSetIcntl(F, 14, icntl14));
  PetscFunctionReturn(0);
}
#endif

/*
  the Newton-KKT system of the current iterate: Hessian, dense checks (the Jacobian guard may stop the run here),
  K = [B G^T; G 0], b = -(grad_x L, c), the inner solver of this iteration, the accuracy constants and the merit
  gradient; z = 0
*/
static PetscErrorCode TaoALSketchNewtonSystem_Private(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  Mat           G, H;

  PetscFunctionBegin;
  al->its    = 0;
  al->passes = 0;
  al->exts   = 0;
  al->cap    = PETSC_FALSE;
  al->alpha  = 1.0;
  al->tauext = PETSC_INFINITY;
  al->regc   = 0.0;
  /* the Hessian of the Lagrangian at (x, DE); scaled: sf times it is that of the scaled problem */
  PetscCall(TaoComputeHessian(tao, tao->solution, tao->hessian, tao->hessian_pre));
  al->Hk = tao->hessian;
  if (al->scaled && al->sf != 1.0) {
    PetscCall(MatDestroy(&al->Hs));
    PetscCall(MatDuplicate(tao->hessian, MAT_COPY_VALUES, &al->Hs));
    PetscCall(MatScale(al->Hs, al->sf));
    al->Hk = al->Hs;
  }
  H = al->Hk;
  G = al->Gk;
  PetscCall(TaoALSketchDenseChecks_Private(tao, H, G));
  if (al->xiG < al->jacguard) {
    if (al->guardabort) {
      PetscCall(PetscSNPrintf(al->termmsg, sizeof(al->termmsg), "Jacobian guard: lambda_min(G G^T) = %g below %g at iteration %" PetscInt_FMT " (action abort)", (double)al->xiG, (double)al->jacguard, tao->niter));
      PetscCall(PetscInfo(tao, "%s\n", al->termmsg));
      al->term = TAO_ALSKETCH_TERMINATION_JACOBIAN_GUARD;
      PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_USER));
      PetscFunctionReturn(0);
    }
    /* stabilized step: [B G^T; G -regc I] with B positive definite (shifted on the whole space by the dense checks) */
    al->regc = PetscMin(1.0, al->kkt);
    al->nreg++;
    PetscCall(PetscInfo(tao, "Jacobian guard: lambda_min(G G^T) = %g below %g at iteration %" PetscInt_FMT ": regularized step, delta_c %g\n", (double)al->xiG, (double)al->jacguard, tao->niter, (double)al->regc));
  }
  PetscCall(TaoALSketchAssembleKKT_Private(tao, H, G));
  if (al->block) {
    PetscReal dmax;

    /* diag(B), made positive (|d_i| floored at 1e-8 max |d|), and the problem's Schur approximation with it */
    PetscCall(MatGetDiagonal(H, al->bd));
    PetscCall(VecShift(al->bd, al->shift));
    PetscCall(VecAbs(al->bd));
    PetscCall(VecMax(al->bd, NULL, &dmax));
    PetscCheck(dmax > 0.0, PetscObjectComm((PetscObject)tao), PETSC_ERR_NOT_CONVERGED, "TAOALSKETCH block preconditioner: the Hessian's diagonal is zero");
    {
      PetscScalar *d;
      PetscInt     nl;

      PetscCall(VecGetLocalSize(al->bd, &nl));
      PetscCall(VecGetArray(al->bd, &d));
      for (PetscInt i = 0; i < nl; i++) d[i] = PetscMax(PetscRealPart(d[i]), 1e-8 * dmax);
      PetscCall(VecRestoreArray(al->bd, &d));
    }
    PetscCall((*al->schursetup)(tao, al->bd, G, al->schurctx));
  }
  PetscCall(KSPSetOperators(al->ksp, al->K, al->K));
  if (al->fbafter > 0 && al->capstreak >= al->fbafter && !al->usefb && !al->paper) {
    /* consecutive cap hits: the sketch cannot reach the accuracy (e.g. a nearly singular K at a degenerate limit) */
    PetscCall(PetscInfo(tao, "iteration %" PetscInt_FMT ": %" PetscInt_FMT " consecutive inner solves ended at the cap: switching to the fallback inner solver\n", tao->niter, al->capstreak));
    al->usefb  = PETSC_TRUE;
    al->fbiter = tao->niter;
  }
  al->kspit = al->usefb ? al->kspfb : al->ksp;
  if (al->usefb) PetscCall(KSPSetOperators(al->kspfb, al->K, al->K));
#if defined(PETSC_HAVE_MUMPS)
  if (al->mumpsicntl14 > 0) PetscCall(TaoALSketchMumpsFactorWith_Private(al->kspit, al->K, al->mumpsicntl14));
#endif
  if (!al->splitset) {
    PC        pc;
    PetscBool split;

    /* a field-split preconditioner (e.g. Schur complement of the KKT matrix) gets the x and lambda blocks */
    PetscCall(KSPGetPC(al->ksp, &pc));
    PetscCall(PetscObjectTypeCompare((PetscObject)pc, PCFIELDSPLIT, &split));
    if (split) {
      PetscCall(PCFieldSplitSetIS(pc, "x", al->isx));
      PetscCall(PCFieldSplitSetIS(pc, "lambda", al->isl));
    }
    al->splitset = PETSC_TRUE;
  }
  PetscCall(VecISCopy(al->b, al->isx, SCATTER_FORWARD, al->gL));
  PetscCall(VecISCopy(al->b, al->isl, SCATTER_FORWARD, tao->constraints_equality));
  PetscCall(VecScale(al->b, -1.0));
  al->bnorm = al->kkt;
  al->psi = al->psi0 = al->ups = 1.0;
  if (al->paper) {
    PetscReal normK;

    PetscCall(MatNorm(al->K, NORM_FROBENIUS, &normK));
    al->psi0  = 20.0 * PetscMax(al->normB * al->normB, 1.0) / (PetscMin(al->xiG, 1.0) * PetscMin(al->xib, 1.0));
    al->ups   = PetscMax(PetscMax(al->normG, al->normH), 1.0);
    al->delta = PetscMax(PetscMin(al->delta, TaoALSketchDeltaTrial_Private(al, al->psi0, al->ups)), al->deltamin);
    al->psi   = al->psi0 * normK; /* the rule is ||K||_F psi ||r|| <= theta delta ||b|| */
  } else al->thetat = PetscMin(al->theta, PetscPowReal(al->kkt, al->thetapow));
  PetscCall(VecSet(al->z, 0.0));
  PetscCall(TaoALSketchMeritGradient_Private(tao, al->Hk, al->Gk, al->gL, tao->constraints_equality, al->Hg, al->mu, al->nu, al->mx, al->ml));
  PetscFunctionReturn(0);
}

/*
  the inner KSP's preconditioner failed. A MUMPS factorization that ran out of its workspace estimate (INFOG(1) = -9,
  MAT_FACTOR_OUTMEMORY) is redone with ICNTL(14) (the percentage added to the estimate) raised, at most four times;
  anything else ends the solve with the termination "inner_solver" and a message naming the KSP and PC reasons.
*/
static PetscErrorCode TaoALSketchInnerFailure_Private(Tao tao, PetscBool *retry)
{
  TAO_ALSKETCH  *al = (TAO_ALSKETCH *)tao->data;
  PC             pc;
  PCFailedReason pcr;
  MatFactorError ferr = MAT_FACTOR_NOERROR;
  Mat            F    = NULL;
  PetscBool      factor;
  MatSolverType  stype = NULL;
  char           extra[192];

  PetscFunctionBegin;
  *retry   = PETSC_FALSE;
  extra[0] = 0;
  PetscCall(KSPGetPC(al->kspit, &pc));
  PetscCall(PCGetFailedReason(pc, &pcr));
  PetscCall(PetscObjectTypeCompareAny((PetscObject)pc, &factor, PCLU, PCCHOLESKY, ""));
  if (factor) {
    PetscCall(PCFactorGetMatrix(pc, &F));
    PetscCall(MatFactorGetError(F, &ferr));
    PetscCall(PCFactorGetMatSolverType(pc, &stype));
  }
#if defined(PETSC_HAVE_MUMPS)
  if (F && ferr == MAT_FACTOR_OUTMEMORY && stype) {
    PetscBool mumps;

    PetscCall(PetscStrcmp(stype, MATSOLVERMUMPS, &mumps));
    if (mumps) {
      PetscInt icntl14;

      PetscCall(MatMumpsGetIcntl(F, 14, &icntl14));
      if (al->mumpsretry < 4) {
        PetscInt raised = PetscMax(2 * icntl14, icntl14 + 100);

        al->mumpsretry++;
        PetscCall(PetscInfo(tao, "iteration %" PetscInt_FMT ": MUMPS ran out of its workspace estimate with ICNTL(14) = %" PetscInt_FMT ": factorizing again with ICNTL(14) = %" PetscInt_FMT "\n", tao->niter, icntl14, raised));
        PetscCall(TaoALSketchMumpsFactorWith_Private(al->kspit, al->K, raised));
        al->mumpsicntl14 = raised; /* and for the factorizations of the later iterations */
        al->passes--;
        *retry = PETSC_TRUE;
        PetscFunctionReturn(0);
      }
      PetscCall(PetscSNPrintf(extra, sizeof(extra), "; MUMPS workspace too small after %" PetscInt_FMT " refactorizations, the last with ICNTL(14) = %" PetscInt_FMT " (an explicit -%smat_mumps_icntl_14 is applied to each: raise it)", al->mumpsretry,
                              icntl14, ((PetscObject)al->kspit)->prefix ? ((PetscObject)al->kspit)->prefix : ""));
    }
  }
#endif
  if (F && ferr != MAT_FACTOR_NOERROR && !extra[0]) PetscCall(PetscSNPrintf(extra, sizeof(extra), "; factorization: %s", ferr == MAT_FACTOR_OUTMEMORY ? "out of memory" : (ferr == MAT_FACTOR_OTHER ? "solver error" : "zero pivot")));
  PetscCall(PetscSNPrintf(al->termmsg, sizeof(al->termmsg), "inner solve (%s) failed at iteration %" PetscInt_FMT ": %s, preconditioner %s%s", al->usefb ? "fallback" : "primary", tao->niter, KSPConvergedReasons[KSP_DIVERGED_PC_FAILED],
                          PCFailedReasons[pcr], extra));
  PetscCall(PetscInfo(tao, "%s\n", al->termmsg));
  al->term = TAO_ALSKETCH_TERMINATION_INNER_SOLVER;
  PetscFunctionReturn(0);
}

/*
  inner solve and descent test: the KSP continues from the current z until the accuracy test holds (or the cap), then
  grad L_{mu,nu}^T z <= -nu/2 ||grad L||^2 is required; otherwise mu <- rho^2 mu, nu <- nu/rho, delta <- delta/rho^4
  and the inner solve continues. On return al->accepted says whether z is a step, al->r = K z - b.
*/
static PetscErrorCode TaoALSketchInnerSolve_Private(Tao tao)
{
  TAO_ALSKETCH *al     = (TAO_ALSKETCH *)tao->data;
  PetscReal     tfinal = al->tfinal * tao->gatol * al->smin;

  PetscFunctionBegin;
  al->accepted = PETSC_FALSE;
  while (!al->accepted) {
    KSPConvergedReason kr;
    PetscInt           kits;
    PetscScalar        sx, sl;
    Vec                zx, zl;

    al->ksptol = PetscMin(al->tauext, al->thetat * al->delta * al->bnorm / (al->paper ? al->psi : 1.0));
    if (!al->paper) al->ksptol = PetscMax(al->ksptol, tfinal); /* no inner accuracy beyond what the stopping test can use */
    PetscCall(KSPSetInitialGuessNonzero(al->kspit, (al->passes > 0 && (!al->preonly || al->usefb)) ? PETSC_TRUE : PETSC_FALSE));
    PetscCall(KSPSolve(al->kspit, al->b, al->z));
    PetscCall(KSPGetIterationNumber(al->kspit, &kits));
    PetscCall(KSPGetConvergedReason(al->kspit, &kr));
    al->its += kits;
    al->passes++;
    if (kr == KSP_DIVERGED_ITS) al->cap = PETSC_TRUE;
    else if (kr < 0) PetscCall(PetscInfo(tao, "Inner solve ended with %s\n", KSPConvergedReasons[kr]));
    if (kr == KSP_DIVERGED_PC_FAILED) {
      PetscBool retry;

      PetscCall(TaoALSketchInnerFailure_Private(tao, &retry));
      if (retry) continue;
      break;
    }
    PetscCall(VecGetSubVector(al->z, al->isx, &zx));
    PetscCall(VecGetSubVector(al->z, al->isl, &zl));
    PetscCall(VecDot(zx, al->mx, &sx));
    PetscCall(VecDot(zl, al->ml, &sl));
    PetscCall(VecRestoreSubVector(al->z, al->isx, &zx));
    PetscCall(VecRestoreSubVector(al->z, al->isl, &zl));
    al->slope = PetscRealPart(sx + sl);
    if (PetscIsInfOrNanReal(al->slope)) break;
    if (al->slope <= -0.5 * al->nu * al->kkt * al->kkt || al->mu > al->mumax || al->nu < al->numin) al->accepted = PETSC_TRUE;
    else {
      al->mu *= al->rho * al->rho;
      al->nu /= al->rho;
      al->delta = PetscMax(al->delta / PetscPowRealInt(al->rho, 4), al->deltamin);
      if (al->paper) al->delta = PetscMax(PetscMin(al->delta, TaoALSketchDeltaTrial_Private(al, al->psi0, al->ups)), al->deltamin);
      PetscCall(TaoALSketchMeritGradient_Private(tao, al->Hk, al->Gk, al->gL, tao->constraints_equality, al->Hg, al->mu, al->nu, al->mx, al->ml));
    }
  }
  PetscCall(MatMult(al->K, al->z, al->r));
  PetscCall(VecAXPY(al->r, -1.0, al->b));
  PetscCall(VecNorm(al->r, NORM_2, &al->rnorm));
  if (al->accepted)
    PetscCall(PetscInfo(tao, "iteration %" PetscInt_FMT ": %" PetscInt_FMT " inner iterations in %" PetscInt_FMT " passes, relative residual %g, slope %g\n", tao->niter, al->its, al->passes, (double)(al->rnorm / al->bnorm), (double)al->slope));
  PetscFunctionReturn(0);
}

/* the (scaled) KKT residual at the trial point of the line search, from its grad_x L (Hg) and constraints (ct) */
static PetscErrorCode TaoALSketchTrialKKT_Private(Tao tao, PetscReal *kktt)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  PetscReal     gn, cn;

  PetscFunctionBegin;
  PetscCall(VecNorm(al->Hg, NORM_2, &gn));
  PetscCall(VecNorm(al->ct, NORM_2, &cn));
  *kktt = PetscSqrtReal(gn * gn + cn * cn);
  PetscFunctionReturn(0);
}

/*
  Armijo backtracking on the merit along z: alpha = 1, 1 * backtrack, ... until
  L_{mu,nu}(x + alpha dx, lambda + alpha dlambda) <= L_{mu,nu}(x, lambda) + alpha beta slope, or alpha < alpha_min.
  At alpha = 1 (adaptive mode) the model error decides whether the inner solve should continue instead (*extend).
  Round-off: when the decrease the Armijo test asks of the step, alpha beta |slope|, is below the merit's round-off
  (ulps eps times the sum of the magnitudes of its terms), at the full step or after backtracking, the merit cannot
  judge the step (unless the merit rose by more than that round-off): it is accepted when the KKT residual falls (and halves at least every stagmax such steps),
  otherwise the run has stagnated. After such a step, until the KKT residual halves, a step the Armijo test accepts
  counts in the same streak (its decrease may be evaluation noise above the round-off estimate: the stall of a KKT
  residual that repeats while the merit is flat).
  The accepted trial point is in xt, lt, gt, ct, Hg (grad_x L) and its objective in al->f.
*/
static PetscErrorCode TaoALSketchLineSearch_Private(Tao tao, PetscBool *extend)
{
  TAO_ALSKETCH *al     = (TAO_ALSKETCH *)tao->data;
  PetscReal     tfinal = al->tfinal * tao->gatol * al->smin, merit0, mag0;
  Vec           zx, zl;

  PetscFunctionBegin;
  *extend      = PETSC_FALSE;
  al->roundoff = PETSC_FALSE;
  PetscCall(PetscLogEventBegin(TAOALSKETCH_LS, tao, 0, 0, 0));
  PetscCall(TaoALSketchMeritValue_Private(al->f, al->lam, tao->constraints_equality, al->gL, al->mu, al->nu, &merit0, &mag0));
  al->alpha = 1.0;
  while (PETSC_TRUE) {
    PetscReal merit, ft, mag;
    PetscBool armijo;

    PetscCall(VecGetSubVector(al->z, al->isx, &zx));
    PetscCall(VecGetSubVector(al->z, al->isl, &zl));
    PetscCall(VecWAXPY(al->xt, al->alpha, zx, tao->solution));
    PetscCall(VecWAXPY(al->lt, al->alpha, zl, al->lam));
    PetscCall(VecRestoreSubVector(al->z, al->isx, &zx));
    PetscCall(VecRestoreSubVector(al->z, al->isl, &zl));
    PetscCall(TaoALSketchEvaluate_Private(tao, al->xt, al->lt, &ft, al->gt, al->ct, al->Hg));
    PetscCall(TaoALSketchMeritValue_Private(ft, al->lt, al->ct, al->Hg, al->mu, al->nu, &merit, &mag));
    armijo = (!PetscIsInfOrNanReal(merit) && merit <= merit0 + al->alpha * al->beta * al->slope) ? PETSC_TRUE : PETSC_FALSE;
    if (al->alpha == 1.0 && !al->paper && al->useext && al->exts < al->maxext && !al->cap && al->rnorm > tfinal && !PetscIsInfOrNanReal(merit)) {
      PetscReal err;

      /* remainder of the linear model at the full step: grad L(x + z) = K z - b + e = r + e */
      PetscCall(TaoALSketchModelError_Private(tao, &err));
      if (!PetscIsInfOrNanReal(err) && al->rnorm > al->extratio * PetscMax(tfinal, err)) {
        /* the inner residual, not the nonlinearity, limits this step: continue the inner solve */
        PetscCall(PetscInfo(tao, "iteration %" PetscInt_FMT ": model error %g below the inner residual %g: inner solve continues\n", tao->niter, (double)err, (double)al->rnorm));
        al->tauext = PetscMax(tfinal, al->extfactor * err);
        *extend    = PETSC_TRUE;
        break;
      }
    }
    if (!PetscIsInfOrNanReal(merit) && (al->alpha == 1.0 || al->slope < 0.0) && al->alpha * PetscAbsReal(al->beta * al->slope) <= al->ulps * PETSC_MACHINE_EPSILON * PetscMax(mag0, mag) &&
        merit - merit0 <= al->ulps * PETSC_MACHINE_EPSILON * PetscMax(mag0, mag)) {
      PetscReal kktt;

      /* the merit cannot measure this step (at the full step or after backtracking; a merit that rose by more than its
         round-off, e.g. at a wild full step whose own large terms make the round-off large, rejects it; backtracking
         along a direction the safeguards accepted with a positive slope goes on to alpha_min): the KKT residual decides */
      PetscCall(TaoALSketchTrialKKT_Private(tao, &kktt));
      if (kktt < al->kkt && (al->rostreak < al->stagmax || kktt <= 0.5 * al->rokkt)) {
        PetscCall(PetscInfo(tao, "iteration %" PetscInt_FMT ": Armijo decrease %g at step %g below the merit's round-off; KKT residual %g -> %g: step accepted\n", tao->niter, (double)(al->alpha * PetscAbsReal(al->beta * al->slope)),
                            (double)al->alpha, (double)al->kkt, (double)kktt));
        if (al->rostreak == 0 || kktt <= 0.5 * al->rokkt) {
          al->rostreak = 0;
          al->rokkt    = al->kkt;
        }
        al->rostreak++;
        al->roundoff = PETSC_TRUE;
        al->f        = ft;
      } else {
        PetscCall(PetscSNPrintf(al->termmsg, sizeof(al->termmsg), "stagnation at iteration %" PetscInt_FMT ": Armijo decrease %g of the step %g below the merit's round-off %g, KKT residual (scaled) %g -> %g%s", tao->niter,
                                (double)(al->alpha * PetscAbsReal(al->beta * al->slope)), (double)al->alpha, (double)(al->ulps * PETSC_MACHINE_EPSILON * PetscMax(mag0, mag)), (double)al->kkt, (double)kktt,
                                kktt < al->kkt ? " (not halved over -tao_alsketch_stagnation_max steps)" : " (no decrease)"));
        PetscCall(PetscInfo(tao, "%s\n", al->termmsg));
        al->stagnated = PETSC_TRUE;
      }
      break;
    }
    if (armijo) {
      if (al->rostreak > 0) {
        PetscReal kktt;

        /* the merit was found unable to judge the steps (a round-off step since the KKT residual last halved): a
           decrease it reports now may be evaluation noise, so the KKT residual must still halve every stagmax steps */
        PetscCall(TaoALSketchTrialKKT_Private(tao, &kktt));
        if (kktt <= 0.5 * al->rokkt) al->rostreak = 0;
        else if (al->rostreak < al->stagmax) al->rostreak++;
        else {
          PetscCall(PetscSNPrintf(al->termmsg, sizeof(al->termmsg),
                                  "stagnation at iteration %" PetscInt_FMT
                                  ": the merit's decrease at step %g is not confirmed by the KKT residual (scaled) %g -> %g, not halved from %g over -tao_alsketch_stagnation_max steps since a step below the merit's round-off",
                                  tao->niter, (double)al->alpha, (double)al->kkt, (double)kktt, (double)al->rokkt));
          PetscCall(PetscInfo(tao, "%s\n", al->termmsg));
          al->stagnated = PETSC_TRUE;
          break;
        }
      }
      al->f = ft;
      break;
    }
    al->alpha *= al->bt;
    if (al->alpha < al->alphamin) break;
  }
  PetscCall(PetscLogEventEnd(TAOALSKETCH_LS, tao, 0, 0, 0));
  PetscFunctionReturn(0);
}

/* end of an outer iteration: counters, a failed inner solve or line search as a reason, or the step taken, recorded and monitored */
static PetscErrorCode TaoALSketchUpdate_Private(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  tao->ksp_its  = al->its;
  al->capstreak = al->cap ? al->capstreak + 1 : 0;
  tao->ksp_tot_its += al->its;
  al->totalits += al->its;
  if (!al->accepted && al->term == TAO_ALSKETCH_TERMINATION_INNER_SOLVER) {
    PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_USER));
    PetscFunctionReturn(0);
  }
  if (!al->accepted) {
    PetscCall(PetscInfo(tao, "The inner solve returned a step with Inf or NaN\n"));
    PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_NAN));
    PetscFunctionReturn(0);
  }
  if (al->alpha < al->alphamin || al->stagnated) {
    if (al->stagnated) {
      al->term = TAO_ALSKETCH_TERMINATION_STAGNATION;
      PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_USER));
    } else {
      PetscCall(PetscInfo(tao, "Step size below -tao_alsketch_alpha_min %g\n", (double)al->alphamin));
      PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_LS_FAILURE));
    }
    /* the Jacobian was last evaluated at a trial point: restore it at x */
    PetscCall(TaoALSketchEvaluate_Private(tao, tao->solution, al->lam, &al->f, tao->gradient, tao->constraints_equality, al->gL));
    PetscFunctionReturn(0);
  }
  PetscCall(VecCopy(al->xt, tao->solution));
  PetscCall(VecCopy(al->lt, al->lam));
  PetscCall(TaoALSketchSyncDual_Private(tao));
  PetscCall(VecCopy(al->gt, tao->gradient));
  PetscCall(VecCopy(al->ct, tao->constraints_equality));
  PetscCall(VecCopy(al->Hg, al->gL));
  PetscCall(TaoALSketchKKTNorm_Private(tao, al->gL, tao->constraints_equality));
  tao->niter++;
  PetscCall(TaoALSketchRecord_Private(tao, al->alpha, al->its, al->cap, al->passes, al->exts));
  PetscCall(TaoALSketchMonitor_Private(tao, al->alpha));
  if (al->ckfile[0] && tao->reason == TAO_CONTINUE_ITERATING && tao->niter % al->ckinterval == 0) PetscCall(TaoALSketchCheckpointWrite_Private(tao));
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoSolve_ALSketch(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(citation, &cited));
  PetscCall(TaoALSketchStartState_Private(tao));
  if (al->rsfile[0]) PetscCall(TaoALSketchRestart_Private(tao)); /* resume from a checkpoint (once) */
  else PetscCall(TaoALSketchInitialize_Private(tao));
  while (tao->reason == TAO_CONTINUE_ITERATING) {
    PetscBool extend = PETSC_TRUE;

    PetscCall(TaoALSketchNewtonSystem_Private(tao));
    if (tao->reason != TAO_CONTINUE_ITERATING) break; /* the Jacobian guard */
    while (extend) {
      PetscCall(TaoALSketchInnerSolve_Private(tao));
      if (!al->accepted) break;
      PetscCall(TaoALSketchLineSearch_Private(tao, &extend));
      if (extend) al->exts++;
    }
    PetscCall(TaoALSketchUpdate_Private(tao));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoSetUp_ALSketch(Tao tao)
{
  TAO_ALSKETCH *al   = (TAO_ALSKETCH *)tao->data;
  MPI_Comm      comm = PetscObjectComm((PetscObject)tao);
  PetscInt      n, m, nl, ml, M, N;

  PetscFunctionBegin;
  PetscCheck(tao->solution, comm, PETSC_ERR_ORDER, "TAOALSKETCH: call TaoSetSolution() first");
  PetscCheck(tao->ops->computeobjectiveandgradient || (tao->ops->computeobjective && tao->ops->computegradient), comm, PETSC_ERR_ORDER, "TAOALSKETCH needs the objective and its gradient: call TaoSetObjectiveAndGradient()");
  PetscCheck(!tao->ineq_constrained && !tao->ops->computeinequalityconstraints, comm, PETSC_ERR_SUP, "TAOALSKETCH handles equality constraints only: inequality constraints were given");
  PetscCheck(tao->eq_constrained && tao->constraints_equality, comm, PETSC_ERR_ORDER, "TAOALSKETCH needs equality constraints: call TaoSetEqualityConstraintsRoutine()");
  PetscCheck(tao->ops->computejacobianequality && tao->jacobian_equality, comm, PETSC_ERR_ORDER, "TAOALSKETCH needs the Jacobian of the equality constraints: call TaoSetJacobianEqualityRoutine()");
  PetscCheck(tao->ops->computehessian && tao->hessian, comm, PETSC_ERR_ORDER, "TAOALSKETCH needs the Hessian of the Lagrangian f + DE^T c: call TaoSetHessian()");
  if (tao->XL || tao->XU || tao->ops->computebounds) {
    PetscReal lmax = PETSC_NINFINITY, umin = PETSC_INFINITY;

    if (tao->ops->computebounds) PetscCall(TaoComputeVariableBounds(tao));
    if (tao->XL) PetscCall(VecMax(tao->XL, NULL, &lmax));
    if (tao->XU) PetscCall(VecMin(tao->XU, NULL, &umin));
    PetscCheck(lmax <= PETSC_NINFINITY && umin >= PETSC_INFINITY, comm, PETSC_ERR_SUP, "TAOALSKETCH handles equality constraints only: finite variable bounds were given");
  }
  PetscCall(VecGetSize(tao->solution, &n));
  PetscCall(VecGetLocalSize(tao->solution, &nl));
  PetscCall(VecGetSize(tao->constraints_equality, &m));
  PetscCall(VecGetLocalSize(tao->constraints_equality, &ml));
  PetscCheck(m <= n, comm, PETSC_ERR_ARG_SIZ, "TAOALSKETCH: %" PetscInt_FMT " equality constraints exceed the %" PetscInt_FMT " variables", m, n);
  PetscCall(MatGetSize(tao->jacobian_equality, &M, &N));
  PetscCheck(M == m && N == n, comm, PETSC_ERR_ARG_SIZ, "TAOALSKETCH: inconsistent sizes: the constraint Jacobian is %" PetscInt_FMT " x %" PetscInt_FMT " but there are %" PetscInt_FMT " constraints and %" PetscInt_FMT " variables", M, N, m, n);
  PetscCall(MatGetSize(tao->hessian, &M, &N));
  PetscCheck(M == n && N == n, comm, PETSC_ERR_ARG_SIZ, "TAOALSKETCH: inconsistent sizes: the Hessian is %" PetscInt_FMT " x %" PetscInt_FMT " but there are %" PetscInt_FMT " variables", M, N, n);
  if (al->lam0) {
    PetscCall(VecGetSize(al->lam0, &M));
    PetscCheck(M == m, comm, PETSC_ERR_ARG_SIZ, "TAOALSKETCH: inconsistent sizes: %" PetscInt_FMT " initial multipliers for %" PetscInt_FMT " constraints", M, m);
  }
  if (!tao->gradient) PetscCall(VecDuplicate(tao->solution, &tao->gradient));
  if (!tao->DE) PetscCall(VecDuplicate(tao->constraints_equality, &tao->DE));
  if (!al->gL) {
    PetscCall(VecDuplicate(tao->solution, &al->gL));
    PetscCall(VecDuplicate(tao->solution, &al->Hg));
    PetscCall(VecDuplicate(tao->solution, &al->mx));
    PetscCall(VecDuplicate(tao->solution, &al->xt));
    PetscCall(VecDuplicate(tao->solution, &al->gt));
    PetscCall(VecDuplicate(tao->constraints_equality, &al->ml));
    PetscCall(VecDuplicate(tao->constraints_equality, &al->lt));
    PetscCall(VecDuplicate(tao->constraints_equality, &al->ct));
    PetscCall(VecDuplicate(tao->constraints_equality, &al->cw));
    PetscCall(VecDuplicate(tao->constraints_equality, &al->lam));
    PetscCall(VecCreateMPI(comm, nl + ml, n + m, &al->z));
    PetscCall(VecDuplicate(al->z, &al->b));
    PetscCall(VecDuplicate(al->z, &al->r));
    PetscCall(VecDuplicate(al->z, &al->w));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoDestroy_ALSketch(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&al->lam0));
  PetscCall(VecDestroy(&al->gL));
  PetscCall(VecDestroy(&al->Hg));
  PetscCall(VecDestroy(&al->mx));
  PetscCall(VecDestroy(&al->xt));
  PetscCall(VecDestroy(&al->gt));
  PetscCall(VecDestroy(&al->ml));
  PetscCall(VecDestroy(&al->lt));
  PetscCall(VecDestroy(&al->ct));
  PetscCall(VecDestroy(&al->cw));
  PetscCall(VecDestroy(&al->lam));
  PetscCall(VecDestroy(&al->dc));
  PetscCall(MatDestroy(&al->Gs));
  PetscCall(MatDestroy(&al->Hs));
  PetscCall(MatDestroy(&al->C));
  PetscCall(VecDestroy(&al->z));
  PetscCall(VecDestroy(&al->b));
  PetscCall(VecDestroy(&al->r));
  PetscCall(VecDestroy(&al->w));
  PetscCall(VecDestroy(&tao->DE));
  PetscCall(ISDestroy(&al->isx));
  PetscCall(ISDestroy(&al->isl));
  PetscCall(MatDestroy(&al->K));
  PetscCall(KSPDestroy(&al->ksp));
  PetscCall(KSPDestroy(&al->kspfb));
  PetscCall(VecDestroy(&al->bd));
  PetscCall(VecDestroy(&al->bx));
  if (al->schurdestroy) PetscCall((*al->schurdestroy)(&al->schurctx));
  for (PetscInt k = 0; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) PetscCall(PetscFree(al->hist[k]));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetMultipliers_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetKSP_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetHistory_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetTotalSketchIterations_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetTermination_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetTerminationMessage_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetCheckpoint_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetRestart_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetSchurApproximation_C", NULL));
  PetscCall(PetscFree(tao->data));
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoSetFromOptions_ALSketch(Tao tao, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  /* the Tao's prefix may have changed since TaoCreate_ALSketch(): re-derive the inner solvers' prefixes (as TAOALMM) */
  PetscCall(KSPSetOptionsPrefix(al->ksp, ((PetscObject)tao)->prefix));
  PetscCall(KSPAppendOptionsPrefix(al->ksp, "tao_alsketch_"));
  PetscCall(KSPSetOptionsPrefix(al->kspfb, ((PetscObject)tao)->prefix));
  PetscCall(KSPAppendOptionsPrefix(al->kspfb, "tao_alsketch_fallback_"));
  PetscOptionsHeadBegin(PetscOptionsObject, "Exact augmented Lagrangian with randomized sketching (alsketch)");
  PetscCall(PetscOptionsEnum("-tao_alsketch_accuracy", "Inner accuracy rule", "", TaoALSketchAccuracies, (PetscEnum)al->accuracy, (PetscEnum *)&al->accuracy, NULL));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_mu0", "Initial penalty mu on ||c||^2/2", "", al->mu0, &al->mu0, NULL, 1e12));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_nu0", "Initial penalty nu on ||grad_x L||^2/2", "", al->nu0, &al->nu0, NULL, 1e12));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_delta0", "Initial accuracy parameter delta", "", al->delta0, &al->delta0, NULL, 1.0));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_delta_min", "Floor of delta", "", al->deltamin, &al->deltamin, NULL, 1.0));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_theta", "Largest sharpening factor theta (adaptive)", "", al->theta, &al->theta, NULL, 1.0));
  PetscCall(TesseraOptionsRealInRange("-tao_alsketch_theta_power", "theta_t = min(theta, ||grad L||^power) (adaptive)", "", al->thetapow, &al->thetapow, NULL, 0.0, 10.0));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_xi_b", "Hessian shift constant xi_B", "", al->xib, &al->xib, NULL, 1e12));
  {
    PetscBool set;

    PetscCall(TesseraOptionsRealInRange("-tao_alsketch_hess_mod_tol", "Shift the Hessian when lambda_min(Z^T H Z) is below this (default: 1e-6 with accuracy paper, 1e-13 ||H||_F with adaptive)", "", al->hessmodtol, &al->hessmodtol, &set, 0, 1e12));
    if (set) al->hessmodtolset = PETSC_TRUE;
  }
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_beta", "Armijo constant (< 0.5)", "", al->beta, &al->beta, NULL, 0.5));
  PetscCall(TesseraOptionsRealInRange("-tao_alsketch_rho", "Penalty update factor (> 1)", "", al->rho, &al->rho, NULL, 1.0, 1e6));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_backtrack", "Step reduction factor of the line search", "", al->bt, &al->bt, NULL, 1.0));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_alpha_min", "Smallest step size before TAO_DIVERGED_LS_FAILURE", "", al->alphamin, &al->alphamin, NULL, 1.0));
  PetscCall(TesseraOptionsRealInRange("-tao_alsketch_jacobian_guard", "Regularize the step (or stop, TAO_DIVERGED_USER) when lambda_min(G G^T) is below this", "", al->jacguard, &al->jacguard, NULL, 0.0, 1e12));
  PetscCall(PetscOptionsEnum("-tao_alsketch_jacobian_guard_action", "What the Jacobian guard does (default: abort with -tao_alsketch_accuracy paper, else regularize)", "", TaoALSketchJacobianGuardActions, (PetscEnum)al->guard,
                             (PetscEnum *)&al->guard, &al->guardset));
  PetscCall(TesseraOptionsRealInRange("-tao_alsketch_roundoff_ulps", "The merit's round-off in units of eps times the magnitudes of its terms", "", al->ulps, &al->ulps, NULL, 0.0, 1e12));
  PetscCall(TesseraOptionsIntInRange("-tao_alsketch_stagnation_max", "Steps accepted below the merit's round-off without halving the KKT residual before the stagnation exit", "", al->stagmax, &al->stagmax, NULL, 1, PETSC_MAX_INT));
  PetscCall(PetscOptionsEnum("-tao_alsketch_scaling", "Automatic scaling of the objective and the constraints", "", TaoALSketchScalings, (PetscEnum)al->scaling, (PetscEnum *)&al->scaling, &al->scalingset));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_scaling_max_gradient", "Gradient-based scaling: largest gradient entry at the start point after scaling", "", al->gmax, &al->gmax, NULL, 1e12));
  PetscCall(TesseraOptionsRealInRange("-tao_alsketch_scaling_min_gradient", "Gradient-based scaling: a constraint whose largest gradient entry at the start point is below this is scaled up to it", "", al->gmin, &al->gmin, NULL, 0.0, 1e12));
  PetscCall(PetscOptionsBool("-tao_alsketch_extend", "Continue the inner solve when the linear model error at the full step is below the inner residual (adaptive; default: with KSPSKETCH only)", "", al->extend, &al->extend, &al->extendset));
  PetscCall(TesseraOptionsIntInRange("-tao_alsketch_extend_max", "Most inner-solve continuations per iteration (adaptive)", "", al->maxext, &al->maxext, NULL, 0, 1000));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_extend_ratio", "Continue when the inner residual exceeds this multiple of the model error (adaptive)", "", al->extratio, &al->extratio, NULL, 1e12));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_extend_factor", "A continuation aims at this multiple of the model error", "", al->extfactor, &al->extfactor, NULL, 1.0));
  PetscCall(TesseraOptionsRealPositive("-tao_alsketch_final_fraction", "Continuations aim at this fraction of -tao_gatol", "", al->tfinal, &al->tfinal, NULL, 1.0));
  PetscCall(TesseraOptionsIntInRange("-tao_alsketch_fallback_after", "Switch to the fallback inner solver (-tao_alsketch_fallback_ksp_type, GMRES) after this many consecutive cap hits (0: never; adaptive)", "", al->fbafter, &al->fbafter, NULL, 0,
                                     PETSC_MAX_INT));
  PetscCall(PetscOptionsEnum("-tao_alsketch_inner", "Inner solver: auto (block for large problems with a Schur approximation), ksp (the inner KSP as configured) or block", "TaoALSketchSetSchurApproximation", TaoALSketchInners, (PetscEnum)al->inner,
                             (PetscEnum *)&al->inner, NULL));
  PetscCall(TesseraOptionsIntInRange("-tao_alsketch_dense_max", "Largest n + m for the dense checks", "", al->densemax, &al->densemax, NULL, 0, 100000));
  {
    char      file[PETSC_MAX_PATH_LEN];
    PetscInt  interval = al->ckinterval;
    PetscBool fset, iset;

    PetscCall(PetscStrncpy(file, al->ckfile, sizeof(file)));
    PetscCall(PetscOptionsString("-tao_alsketch_checkpoint", "HDF5 checkpoint file, written every -tao_alsketch_checkpoint_interval iterations", "TaoALSketchSetCheckpoint", file, file, sizeof(file), &fset));
    PetscCall(TesseraOptionsIntInRange("-tao_alsketch_checkpoint_interval", "Iterations between checkpoints", "TaoALSketchSetCheckpoint", interval, &interval, &iset, 1, PETSC_MAX_INT));
    PetscCheck(!iset || fset || al->ckfile[0], PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_WRONG, "-tao_alsketch_checkpoint_interval needs -tao_alsketch_checkpoint FILE");
    if (fset || iset) PetscCall(TaoALSketchSetCheckpoint_ALSketch(tao, file, interval));
    PetscCall(PetscStrncpy(file, al->rsfile, sizeof(file)));
    PetscCall(PetscOptionsString("-tao_alsketch_restart", "Resume the next TaoSolve() from this HDF5 checkpoint", "TaoALSketchSetRestart", file, file, sizeof(file), &fset));
    if (fset) PetscCall(TaoALSketchSetRestart_ALSketch(tao, file));
  }
  PetscOptionsHeadEnd();
  PetscCheck(al->beta > 0 && al->beta < 0.5, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_OUTOFRANGE, "-tao_alsketch_beta %g must be in (0, 0.5)", (double)al->beta);
  PetscCheck(al->rho > 1, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_OUTOFRANGE, "-tao_alsketch_rho %g must exceed 1", (double)al->rho);
  PetscCheck(al->bt > 0 && al->bt < 1, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_OUTOFRANGE, "-tao_alsketch_backtrack %g must be in (0, 1)", (double)al->bt);
  PetscCheck(al->deltamin <= al->delta0, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_OUTOFRANGE, "-tao_alsketch_delta_min %g must not exceed -tao_alsketch_delta0 %g", (double)al->deltamin, (double)al->delta0);
  PetscCheck(al->gmin <= al->gmax, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_OUTOFRANGE, "-tao_alsketch_scaling_min_gradient %g must not exceed -tao_alsketch_scaling_max_gradient %g", (double)al->gmin, (double)al->gmax);
  PetscCall(KSPSetFromOptions(al->ksp));
  PetscCall(KSPSetFromOptions(al->kspfb));
  PetscCall(TaoALSketchCheckInnerMaxIt_Private(al->ksp));
  PetscCall(TaoALSketchCheckInnerMaxIt_Private(al->kspfb));
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoView_ALSketch(Tao tao, PetscViewer viewer)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  PetscBool     isascii, issketch;

  PetscFunctionBegin;
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (!isascii) PetscFunctionReturn(0);
  PetscCall(PetscObjectTypeCompare((PetscObject)al->ksp, KSPSKETCH, &issketch));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  PetscCall(PetscViewerASCIIPrintf(viewer, "accuracy rule: %s; theta %g, theta power %g; continuation on small model error: %s (at most %" PetscInt_FMT ")\n", TaoALSketchAccuracies[al->accuracy], (double)al->theta, (double)al->thetapow,
                                   (al->extendset ? al->extend : issketch) ? "yes" : "no", al->maxext));
  PetscCall(PetscViewerASCIIPrintf(viewer, "penalties: mu %g (mu0 %g), nu %g (nu0 %g), delta %g (delta0 %g, floor %g), rho %g\n", (double)al->mu, (double)al->mu0, (double)al->nu, (double)al->nu0, (double)al->delta, (double)al->delta0,
                                   (double)al->deltamin, (double)al->rho));
  PetscCall(PetscViewerASCIIPrintf(viewer, "Armijo beta %g, backtracking %g, alpha_min %g; Jacobian guard %g; Hessian shift xi_B %g below %g%s\n", (double)al->beta, (double)al->bt, (double)al->alphamin, (double)al->jacguard, (double)al->xib,
                                   (double)(al->paper || al->hessmodtolset ? al->hessmodtol : 1e-13 * al->normH), al->paper || al->hessmodtolset ? "" : " (1e-13 ||H||_F: a reduced Hessian that is not positive definite)"));
  PetscCall(PetscViewerASCIIPrintf(viewer, "Jacobian guard action: %s; regularized iterations: %" PetscInt_FMT "\n", TaoALSketchJacobianGuardActions[al->guardabort ? TAO_ALSKETCH_GUARD_ABORT : al->guard], al->nreg));
  if (al->scaled) {
    PetscReal dmin, dmax;

    PetscCall(VecMin(al->dc, NULL, &dmin));
    PetscCall(VecMax(al->dc, NULL, &dmax));
    PetscCall(PetscViewerASCIIPrintf(viewer, "scaling %s (largest gradient %g): objective %g, constraints %g to %g\n", TaoALSketchScalings[al->scaling], (double)al->gmax, (double)al->sf, (double)dmin, (double)dmax));
  } else PetscCall(PetscViewerASCIIPrintf(viewer, "scaling %s: none applied\n", TaoALSketchScalings[al->scaling]));
  PetscCall(PetscViewerASCIIPrintf(viewer, "round-off of the merit: %g ulps; stagnation after %" PetscInt_FMT " round-off steps without halving the KKT residual\n", (double)al->ulps, al->stagmax));
  if (al->term != TAO_ALSKETCH_TERMINATION_NONE) PetscCall(PetscViewerASCIIPrintf(viewer, "stopped (%s): %s\n", TaoALSketchTerminations[al->term], al->termmsg));
  PetscCall(PetscViewerASCIIPrintf(viewer, "inner solver: %s (-tao_alsketch_inner %s; Schur approximation %s)\n", al->block ? "FGMRES + block preconditioner with the problem's Schur approximation" : "the inner KSP", TaoALSketchInners[al->inner],
                                   al->schurapply ? "given" : "not given"));
  PetscCall(PetscViewerASCIIPrintf(viewer, "total inner iterations: %" PetscInt_FMT "\n", al->totalits));
  if (al->ckfile[0]) PetscCall(PetscViewerASCIIPrintf(viewer, "checkpoint: %s every %" PetscInt_FMT " iterations\n", al->ckfile, al->ckinterval));
  if (al->rsiter >= 0) PetscCall(PetscViewerASCIIPrintf(viewer, "resumed from checkpoint %s at iteration %" PetscInt_FMT "\n", al->rsfrom, al->rsiter));
  PetscCall(KSPView(al->ksp, viewer));
  if (al->fbafter > 0) {
    if (al->fbiter >= 0) PetscCall(PetscViewerASCIIPrintf(viewer, "fallback inner solver (used from iteration %" PetscInt_FMT " after %" PetscInt_FMT " consecutive cap hits):\n", al->fbiter, al->fbafter));
    else PetscCall(PetscViewerASCIIPrintf(viewer, "fallback inner solver after %" PetscInt_FMT " consecutive cap hits (not used):\n", al->fbafter));
    PetscCall(KSPView(al->kspfb, viewer));
  }
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchSetSchurApproximation_ALSketch(Tao tao, TaoALSketchSchurSetUpFn setup, TaoALSketchSchurApplyFn apply, TaoALSketchSchurDestroyFn destroy, void *ctx)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  if (al->schurdestroy && al->schurctx != ctx) PetscCall((*al->schurdestroy)(&al->schurctx));
  al->schursetup   = setup;
  al->schurapply   = apply;
  al->schurdestroy = destroy;
  al->schurctx     = ctx;
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchSetMultipliers_ALSketch(Tao tao, Vec lam)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  if (!al->lam0) PetscCall(VecDuplicate(lam, &al->lam0));
  PetscCall(VecCopy(lam, al->lam0));
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchGetKSP_ALSketch(Tao tao, KSP *ksp)
{
  PetscFunctionBegin;
  *ksp = ((TAO_ALSKETCH *)tao->data)->ksp;
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchGetHistory_ALSketch(Tao tao, TaoALSketchHistoryField field, PetscInt *len, const PetscReal **values)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCheck(field >= 0 && field < TAO_ALSKETCH_HISTORY_NFIELDS, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_OUTOFRANGE, "Unknown history field %d", (int)field);
  if (len) *len = al->hlen;
  if (values) *values = al->hist[field];
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchGetTotalSketchIterations_ALSketch(Tao tao, PetscInt *its)
{
  PetscFunctionBegin;
  *its = ((TAO_ALSKETCH *)tao->data)->totalits;
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchGetTermination_ALSketch(Tao tao, TaoALSketchTermination *term)
{
  PetscFunctionBegin;
  *term = ((TAO_ALSKETCH *)tao->data)->term;
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchGetTerminationMessage_ALSketch(Tao tao, const char **msg)
{
  PetscFunctionBegin;
  *msg = ((TAO_ALSKETCH *)tao->data)->termmsg;
  PetscFunctionReturn(0);
}

/*@
  TaoALSketchSetMultipliers - Sets the initial Lagrange multipliers of `TAOALSKETCH` (default 0)

  Collective

  Input Parameters:
+ tao - the solver
- lam - the multipliers (copied), sign convention L = f + lam^T c

  Level: intermediate

.seealso: `TAOALSKETCH`, `TaoGetDualVariables()`
@*/
PetscErrorCode TaoALSketchSetMultipliers(Tao tao, Vec lam)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  PetscValidHeaderSpecific(lam, VEC_CLASSID, 2);
  PetscTryMethod(tao, "TaoALSketchSetMultipliers_C", (Tao, Vec), (tao, lam));
  PetscFunctionReturn(0);
}

/*@
  TaoALSketchGetKSP - Gets the inner linear solver of `TAOALSKETCH` (options prefix -tao_alsketch_)

  Not Collective

  Input Parameter:
. tao - the solver

  Output Parameter:
. ksp - the KSP (do not destroy)

  Level: intermediate

.seealso: `TAOALSKETCH`, `KSPSKETCH`
@*/
PetscErrorCode TaoALSketchGetKSP(Tao tao, KSP *ksp)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  TesseraValidPointer(ksp, 2);
  PetscUseMethod(tao, "TaoALSketchGetKSP_C", (Tao, KSP *), (tao, ksp));
  PetscFunctionReturn(0);
}

/*@C
  TaoALSketchGetHistory - Gets one per-iterate record of the last solve (entry 0 is the starting point)

  Not Collective

  Input Parameters:
+ tao   - the solver
- field - the record, e.g. `TAO_ALSKETCH_HISTORY_KKT` or `TAO_ALSKETCH_HISTORY_SKETCH_ITS`

  Output Parameters:
+ len    - the number of entries (iterations + 1)
- values - the values (do not free)

  Level: intermediate

.seealso: `TAOALSKETCH`, `TaoALSketchHistoryFields`
@*/
PetscErrorCode TaoALSketchGetHistory(Tao tao, TaoALSketchHistoryField field, PetscInt *len, const PetscReal **values)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  PetscUseMethod(tao, "TaoALSketchGetHistory_C", (Tao, TaoALSketchHistoryField, PetscInt *, const PetscReal **), (tao, field, len, values));
  PetscFunctionReturn(0);
}

/*@
  TaoALSketchGetTotalSketchIterations - Gets the number of inner (sketch) iterations of the last solve

  Not Collective

  Input Parameter:
. tao - the solver

  Output Parameter:
. its - the count

  Level: intermediate

.seealso: `TAOALSKETCH`
@*/
PetscErrorCode TaoALSketchGetTotalSketchIterations(Tao tao, PetscInt *its)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  TesseraValidPointer(its, 2);
  PetscUseMethod(tao, "TaoALSketchGetTotalSketchIterations_C", (Tao, PetscInt *), (tao, its));
  PetscFunctionReturn(0);
}

/*@C
  TaoALSketchSetSchurApproximation - Gives `TAOALSKETCH` an approximation S~ of the Schur complement G B^{-1} G^T of
  its Newton-KKT matrix K = [B G^T; G 0], for the block preconditioner of its inner solve

  Logically Collective

  Input Parameters:
+ tao     - the solver
. setup   - setup(tao, d, G, ctx): called once per outer iteration with d the diagonal of B (positive entries) and G
            the Jacobian of the iteration (scaled when `TAOALSKETCH` scales the problem); a problem whose blocks are
            constant may set up once and return at once later
. apply   - apply(ctx, r, z): z = S~^{-1} r, r and z of the size and layout of the constraints
. destroy - destroy(&ctx), called when the Tao is destroyed or another approximation is set (or NULL)
- ctx     - the context; owned by the Tao from now on when destroy is given

  Options Database Key:
. -tao_alsketch_inner <auto,ksp,block> - auto: the block preconditioner when n + m exceeds -tao_alsketch_dense_max and
                                         no -tao_alsketch_ksp_type or -tao_alsketch_pc_type is given

  Level: advanced

  Notes:
  With the block preconditioner the inner KSP is FGMRES (restart 100) preconditioned on the right by
  P = [diag(B) G^T; 0 -S~] (block upper triangular), so the adaptive accuracy rule of the outer loop sees the true
  residual. If S~ is spectrally equivalent to G diag(B)^{-1} G^T uniformly in the mesh (e.g. the approximation of
  Pearson and Wathen for distributed control, applied by multigrid), the inner iteration count does not grow under
  refinement. Does nothing when the Tao is not `TAOALSKETCH`.

.seealso: `TAOALSKETCH`, `TaoALSketchInner`, `TaoALSketchGetKSP()`
@*/
PetscErrorCode TaoALSketchSetSchurApproximation(Tao tao, TaoALSketchSchurSetUpFn setup, TaoALSketchSchurApplyFn apply, TaoALSketchSchurDestroyFn destroy, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  PetscTryMethod(tao, "TaoALSketchSetSchurApproximation_C", (Tao, TaoALSketchSchurSetUpFn, TaoALSketchSchurApplyFn, TaoALSketchSchurDestroyFn, void *), (tao, setup, apply, destroy, ctx));
  PetscFunctionReturn(0);
}

/*@
  TaoALSketchGetTermination - Gets why the last solve of `TAOALSKETCH` stopped when the TAO converged reason alone does
  not say it (stagnation at the merit's round-off, the Jacobian guard with the action abort, or a failed inner linear
  solve; all end with `TAO_DIVERGED_USER`); `TaoALSketchGetTerminationMessage()` and `-tao_view` give the details

  Not Collective

  Input Parameter:
. tao - the solver

  Output Parameter:
. term - `TAO_ALSKETCH_TERMINATION_NONE`, `TAO_ALSKETCH_TERMINATION_STAGNATION`, `TAO_ALSKETCH_TERMINATION_JACOBIAN_GUARD` or
         `TAO_ALSKETCH_TERMINATION_INNER_SOLVER`

  Level: intermediate

.seealso: `TAOALSKETCH`, `TaoALSketchTermination`, `TaoALSketchGetTerminationMessage()`, `TaoGetConvergedReason()`
@*/
PetscErrorCode TaoALSketchGetTermination(Tao tao, TaoALSketchTermination *term)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  TesseraValidPointer(term, 2);
  PetscUseMethod(tao, "TaoALSketchGetTermination_C", (Tao, TaoALSketchTermination *), (tao, term));
  PetscFunctionReturn(0);
}

/*@C
  TaoALSketchGetTerminationMessage - Gets the sentence that says why the last solve of `TAOALSKETCH` stopped when the
  termination is not `TAO_ALSKETCH_TERMINATION_NONE` (the line `-tao_view` prints; an empty string otherwise)

  Not Collective

  Input Parameter:
. tao - the solver

  Output Parameter:
. msg - the message, owned by the solver (valid until the next solve)

  Level: intermediate

.seealso: `TAOALSKETCH`, `TaoALSketchGetTermination()`, `TaoALSketchTermination`
@*/
PetscErrorCode TaoALSketchGetTerminationMessage(Tao tao, const char **msg)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  TesseraValidPointer(msg, 2);
  PetscUseMethod(tao, "TaoALSketchGetTerminationMessage_C", (Tao, const char **), (tao, msg));
  PetscFunctionReturn(0);
}

/*@
  TaoALSketchComputeMerit - Evaluates the exact augmented Lagrangian L_{mu,nu}(x, lam) and its gradient with the
  Tao's callbacks (the Hessian of the Lagrangian enters the gradient)

  Collective

  Input Parameters:
+ tao - a `TAOALSKETCH` after `TaoSetUp()` (not during `TaoSolve()`: it overwrites the dual variables)
. x   - the point
. lam - the multipliers
. mu  - penalty on ||c||^2/2
- nu  - penalty on ||grad_x L||^2/2

  Output Parameters:
+ merit - the value
. gx    - the gradient in x (or NULL)
- gl    - the gradient in lambda (or NULL)

  Level: developer

.seealso: `TAOALSKETCH`
@*/
PetscErrorCode TaoALSketchComputeMerit(Tao tao, Vec x, Vec lam, PetscReal mu, PetscReal nu, PetscReal *merit, Vec gx, Vec gl)
{
  TAO_ALSKETCH *al;
  PetscReal     f;
  PetscBool     is, scaled;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  PetscCall(PetscObjectTypeCompare((PetscObject)tao, TAOALSKETCH, &is));
  PetscCheck(is && tao->setupcalled, PetscObjectComm((PetscObject)tao), PETSC_ERR_ORDER, "TaoALSketchComputeMerit() needs a TAOALSKETCH after TaoSetUp()");
  al = (TAO_ALSKETCH *)tao->data;
  PetscCall(VecCopy(lam, tao->DE));
  scaled     = al->scaled; /* the merit of the problem as given */
  al->scaled = PETSC_FALSE;
  PetscCall(TaoALSketchEvaluate_Private(tao, x, lam, &f, al->gt, al->ct, al->gL));
  al->scaled = scaled;
  PetscCall(TaoALSketchMeritValue_Private(f, lam, al->ct, al->gL, mu, nu, merit, NULL));
  if (gx || gl) {
    PetscCall(TaoComputeHessian(tao, x, tao->hessian, tao->hessian_pre));
    PetscCall(TaoALSketchMeritGradient_Private(tao, tao->hessian, tao->jacobian_equality, al->gL, al->ct, al->Hg, mu, nu, al->mx, al->ml));
    if (gx) PetscCall(VecCopy(al->mx, gx));
    if (gl) PetscCall(VecCopy(al->ml, gl));
  }
  PetscFunctionReturn(0);
}

/*MC
  TAOALSKETCH - "alsketch": exact augmented Lagrangian method with adaptive randomized iterative sketching
  (AdaSketch-Newton, Hong, Na, Mahoney and Kolar, ICML 2023) for min f(x) s.t. c(x) = 0

  Options Database Keys:
+ -tao_alsketch_accuracy <adaptive>    - adaptive (||r|| <= theta_t delta ||b||) or paper (the authors' rule)
. -tao_alsketch_mu0 <1>                - initial penalty on ||c||^2/2
. -tao_alsketch_nu0 <0.1>              - initial penalty on ||grad_x L||^2/2
. -tao_alsketch_delta0 <0.1>           - initial accuracy parameter
. -tao_alsketch_delta_min <1e-6>       - floor of delta
. -tao_alsketch_theta <0.1>            - largest sharpening factor (authors: 1)
. -tao_alsketch_theta_power <1>        - theta_t = min(theta, ||grad L||^power); 0 gives a linear local rate
. -tao_alsketch_extend <true>          - continue the inner solve (to tighter accuracy) when the linear model's error at
                                         the full step is below the inner residual (adaptive; default on with KSPSKETCH
                                         inner solves, off with other KSPs)
. -tao_alsketch_extend_max <2>         - most continuations per iteration
. -tao_alsketch_extend_ratio <1>       - continue when the inner residual exceeds this multiple of the model error
. -tao_alsketch_extend_factor <0.25>   - a continuation aims at this multiple of the model error
. -tao_alsketch_final_fraction <0.1>   - and never below this fraction of -tao_gatol
. -tao_alsketch_fallback_after <2>     - after this many consecutive inner solves ended at the cap, switch to the
                                         fallback inner solver (prefix -tao_alsketch_fallback_, GMRES) for the rest of the run
. -tao_alsketch_xi_b <0.1>             - Hessian shift constant
. -tao_alsketch_hess_mod_tol <1e-6>    - shift when lambda_min(Z^T H Z) is below this (default 1e-6 with accuracy paper; adaptive:
                                         1e-13 ||H||_F, i.e. only a reduced Hessian that is not positive definite)
. -tao_alsketch_beta <0.1>             - Armijo constant
. -tao_alsketch_rho <1.5>              - penalty update factor
. -tao_alsketch_backtrack <0.5>        - step reduction factor
. -tao_alsketch_alpha_min <1e-12>      - smallest step before TAO_DIVERGED_LS_FAILURE
. -tao_alsketch_jacobian_guard <1e-10> - lambda_min(G G^T) below this: regularized step or stop (authors: 1e-2)
. -tao_alsketch_jacobian_guard_action <regularize> - regularize ([B G^T; G -delta_c I], delta_c = min(1, ||grad L||)) or
                                         abort (TAO_DIVERGED_USER; the default with -tao_alsketch_accuracy paper)
. -tao_alsketch_roundoff_ulps <10>     - below ulps eps (|f| + |lambda^T c| + ...) the merit cannot judge a step
. -tao_alsketch_stagnation_max <5>     - steps accepted by the KKT residual below the merit's round-off without halving it
                                         before the stagnation exit (TAO_DIVERGED_USER, `TaoALSketchGetTermination()`)
. -tao_alsketch_scaling <gradient>     - none or gradient (IPOPT's gradient-based scaling of f and of each c_i at x0;
                                         default none with -tao_alsketch_accuracy paper)
. -tao_alsketch_scaling_max_gradient <100> - largest scaled gradient entry at x0
. -tao_alsketch_scaling_min_gradient <1> - a constraint with smaller gradient entries at x0 is scaled up (by at most 1e4)
. -tao_alsketch_dense_max <2000>       - largest n + m for the dense checks (guard, Hessian modification)
. -tao_alsketch_inner <auto>           - auto, ksp or block: FGMRES with the block preconditioner built on the problem's
                                         Schur approximation, `TaoALSketchSetSchurApproximation()` (auto: block when
                                         one is given, the accuracy is not paper and the inner KSP is still the default
                                         Gaussian sketch, not set by options or in code)
. -tao_alsketch_checkpoint <file>      - write an HDF5 checkpoint (atomically) every interval iterations, `TaoALSketchSetCheckpoint()`
. -tao_alsketch_checkpoint_interval <10> - iterations between checkpoints
. -tao_alsketch_restart <file>         - resume the solve from a checkpoint, `TaoALSketchSetRestart()`
- -tao_alsketch_ksp_type <sketch>      - inner solver; any KSP (minres, gmres, preonly with -tao_alsketch_pc_type lu)

  Level: intermediate

  Notes:
  The algorithm, at iterate (x, lambda) with L = f + lambda^T c, G the Jacobian of c and H the Hessian of L, merit
  L_{mu,nu} = f + lambda^T c + mu/2 ||c||^2 + nu/2 ||grad_x L||^2 (gradient with H, as the paper states):
.vb
  mu = mu0, nu = nu0, delta = delta0
  while ||grad L|| = ||(grad_x L, c)|| > gatol:
    xi_G = lambda_min(G G^T); delta_c = 0
    B = H, or H + (xi_B + ||H||_F) I if n > m and lambda_min(Z^T H Z) < hess_mod_tol (Z a basis of null G)
    if xi_G < jacobian_guard: stop with TAO_DIVERGED_USER (action abort) or
      delta_c = min(1, ||grad L||), B = H, or H + (xi_B + ||H||_F) I if lambda_min(H) < hess_mod_tol  (regularize)
    K = [B G^T; G -delta_c I], b = -(grad_x L, c), z = 0
    theta_t = min(theta, ||grad L||^theta_power)                                  (adaptive)
    loop:                                                           (TaoALSketchInnerSolve_Private)
      continue the inner KSP from z until ||K z - b|| <= theta_t delta ||b||      (adaptive)
                                 or ||K||_F psi ||K z - b|| <= delta ||b||        (paper) or the cap
      if grad L_{mu,nu}^T z <= -nu/2 ||grad L||^2 (or mu > 1e8 or nu < 1e-8): accept z
      else mu = rho^2 mu, nu = nu/rho, delta = max(delta/rho^4, delta_min)
    alpha = 1                                                       (TaoALSketchLineSearch_Private)
    if the model error at the full step is below ||K z - b||: continue the inner solve (adaptive, extend)
    if beta |grad L_{mu,nu}^T z| < the merit's round-off: accept z if the KKT residual falls, else stop (stagnation)
    while L_{mu,nu}(x + alpha dx, lambda + alpha dlambda) > L_{mu,nu}(x, lambda) + alpha beta grad L_{mu,nu}^T z:
      alpha = backtrack alpha; stop with TAO_DIVERGED_LS_FAILURE if alpha < alpha_min
    (x, lambda) = (x, lambda) + alpha z                                 (TaoALSketchUpdate_Private)
.ve
  theta_power 0 gives a local linear rate, theta_power > 0 a superlinear one (theta_t -> 0). With the default
  gradient-based scaling (as IPOPT) the loop runs on sf f and Dc c, with multipliers lambda = sf DE ./ dc; the
  Hessian callback always sees the multipliers DE of the problem as given, and -tao_gatol applies to its KKT residual.

  Adaptive mode: after the inner solve meets theta_t delta ||b||, the unit trial step also measures the error of the
  linear model, e = grad L(x + dx, lambda + dlambda) - (K z - b). When ||K z - b|| exceeds extratio ||e||, the inner
  residual rather than the nonlinearity limits the step, and the inner solve continues (from the same z) down to
  max(extfactor ||e||, final_fraction gatol): one Newton step on a problem with a quadratic objective and linear
  constraints, early termination where the model is poor. The accuracy never loosens, so theta_t -> 0 keeps the
  superlinear local rate.

  The problem gives TAO the objective and gradient, the equality constraints and their Jacobian, and the Hessian of
  the Lagrangian f + DE^T c with DE from `TaoGetDualVariables()` (TAOPDIPM's convention, PETSc's
  src/tao/constrained/tutorials/ex1.c), so a problem written for TAOPDIPM runs unchanged. Bounds and inequality
  constraints are rejected. The KKT residual ||(grad_x L, c)|| is the monitored residual; convergence when it is
  below -tao_gatol (default 1e-4, the authors' value).

  Checkpoints (`TaoALSketchSetCheckpoint()`) hold everything that defines the next iterate, including the position of
  the random stream of a `KSPSKETCH` inner solver, so that a solve resumed with `TaoALSketchSetRestart()` takes the
  iterates of the uninterrupted one.

.seealso: `KSPSKETCH`, `TaoALSketchSetMultipliers()`, `TaoALSketchGetHistory()`, `TaoALSketchSetCheckpoint()`, `TaoALSketchSetRestart()`, `TAOALMM`, `TAOPDIPM`
M*/
PetscErrorCode TaoCreate_ALSketch(Tao tao)
{
  TAO_ALSKETCH *al;
  PC            pc;

  PetscFunctionBegin;
  PetscCall(PetscNew(&al));
  tao->data                = (void *)al;
  tao->ops->setup          = TaoSetUp_ALSketch;
  tao->ops->solve          = TaoSolve_ALSketch;
  tao->ops->view           = TaoView_ALSketch;
  tao->ops->setfromoptions = TaoSetFromOptions_ALSketch;
  tao->ops->destroy        = TaoDestroy_ALSketch;
  al->accuracy             = TAO_ALSKETCH_ACCURACY_ADAPTIVE;
  al->mu0                  = 1.0;
  al->nu0                  = 0.1;
  al->delta0               = 0.1;
  al->deltamin             = 1e-6;
  al->theta                = 0.1;
  al->thetapow             = 1.0;
  al->xib                  = 0.1;
  al->hessmodtol           = 1e-6;
  al->beta                 = 0.1;
  al->rho                  = 1.5;
  al->bt                   = 0.5;
  al->alphamin             = 1e-12;
  al->jacguard             = 1e-10;
  al->guard                = TAO_ALSKETCH_GUARD_REGULARIZE;
  al->ulps                 = 10.0;
  al->stagmax              = 5;
  al->scaling              = TAO_ALSKETCH_SCALING_GRADIENT;
  al->gmax                 = 100.0;
  al->gmin                 = 1.0;
  al->sf                   = 1.0;
  al->mumax                = 1e8;
  al->numin                = 1e-8;
  al->densemax             = 2000;
  al->extend               = PETSC_TRUE;
  al->maxext               = 2;
  al->tfinal               = 0.1;
  al->fbafter              = 2;
  al->extratio             = 1.0;
  al->extfactor            = 0.25;
  al->ckinterval           = 10;
  al->rsiter               = -1;
  if (!tao->max_it_changed) tao->max_it = 10000;
  if (!tao->max_funcs_changed) tao->max_funcs = -1;
  if (!tao->gatol_changed) tao->gatol = 1e-4;
  if (!tao->grtol_changed) tao->grtol = 0.0;
  if (!tao->gttol_changed) tao->gttol = 0.0;
  if (!tao->catol_changed) tao->catol = PETSC_INFINITY;
  if (!tao->crtol_changed) tao->crtol = 0.0;
  PetscCall(KSPCreate(PetscObjectComm((PetscObject)tao), &al->ksp));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)al->ksp, (PetscObject)tao, 1));
  PetscCall(KSPSetOptionsPrefix(al->ksp, ((PetscObject)tao)->prefix));
  PetscCall(KSPAppendOptionsPrefix(al->ksp, "tao_alsketch_"));
  PetscCall(KSPSetType(al->ksp, KSPSKETCH));
  PetscCall(KSPGetPC(al->ksp, &pc));
  PetscCall(PCSetType(pc, PCNONE));
  PetscCall(KSPSetConvergenceTest(al->ksp, TaoALSketchKSPConverged_Private, tao, NULL));
  PetscCall(KSPCreate(PetscObjectComm((PetscObject)tao), &al->kspfb));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)al->kspfb, (PetscObject)tao, 1));
  PetscCall(KSPSetOptionsPrefix(al->kspfb, ((PetscObject)tao)->prefix));
  PetscCall(KSPAppendOptionsPrefix(al->kspfb, "tao_alsketch_fallback_"));
  PetscCall(KSPSetType(al->kspfb, KSPGMRES));
  PetscCall(KSPGMRESSetRestart(al->kspfb, 100));
  PetscCall(KSPSetTolerances(al->kspfb, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 10000));
  PetscCall(KSPGetPC(al->kspfb, &pc));
  PetscCall(PCSetType(pc, PCNONE));
  PetscCall(KSPSetConvergenceTest(al->kspfb, TaoALSketchKSPConverged_Private, tao, NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetMultipliers_C", TaoALSketchSetMultipliers_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetKSP_C", TaoALSketchGetKSP_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetHistory_C", TaoALSketchGetHistory_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetTotalSketchIterations_C", TaoALSketchGetTotalSketchIterations_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetTermination_C", TaoALSketchGetTermination_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchGetTerminationMessage_C", TaoALSketchGetTerminationMessage_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetCheckpoint_C", TaoALSketchSetCheckpoint_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetRestart_C", TaoALSketchSetRestart_ALSketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)tao, "TaoALSketchSetSchurApproximation_C", TaoALSketchSetSchurApproximation_ALSketch));
  PetscFunctionReturn(0);
}

static PetscErrorCode TaoALSketchInitializePackage_Hook(void)
{
  PetscFunctionBegin;
  PetscCall(TaoInitializePackage());
  PetscCall(KSPSketchInitializePackage()); /* the default inner solver of TAOALSKETCH */
  PetscCall(TaoRegister(TAOALSKETCH, TaoCreate_ALSketch));
  PetscFunctionReturn(0);
}

/*@C
  TaoALSketchInitializePackage - Registers TAOALSKETCH and its log events; called by TesseraInitialize(), which no Tao routine can trigger

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode TaoALSketchInitializePackage(void)
{
  static const TesseraPackageEvent events[] = {{"TaoALSketchKKT", &TAOALSKETCH_KKT}, {"TaoALSketchLS", &TAOALSKETCH_LS}, {"TaoALSketchDense", &TAOALSKETCH_Dense}, {"TaoALSketchCkpt", &TAOALSKETCH_Checkpoint}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&TaoALSketchPackage, NULL, events, TaoALSketchInitializePackage_Hook));
  PetscFunctionReturn(0);
}
