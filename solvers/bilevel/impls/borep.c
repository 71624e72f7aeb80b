/*I "tessera.h" I*/
/*
   borep.c - BO-REP: bilevel optimisation with lower-level initialisation refinement and periodic updates

   Method: min_x Phi(x) = F(x, y*(x)), y*(x) = argmin_y f(x, y) with f strongly convex in y (no lower-level
   constraints). Hypergradient surrogate grad(x, y, z) = F_x(x, y) - grad^2_xy f(x, y) z with z ~ [f_yy]^{-1} F_y:

     before the loop: refinement, N0 lower-level gradient steps at x_0
     if k mod I == 0: y <- y - gamma grad_y f(x_k, y), N times
     z_{k+1} = z_k - nu (grad^2_yy f z_k - F_y(x_k, y_k))        (projected onto |z| <= R if R > 0)
     m_{k+1} = beta m_k + (1 - beta) grad(x_k, y_k, z_{k+1})
     x_{k+1} = x_k - eta_k m_{k+1}/|m_{k+1}|,  eta_k = eta/(k+1)^q

   Hessian-vector products come from the user's callback or, Hessian-free, from central differences of the
   lower-level gradient (BilevelComputeLowerHessianProducts()).

   Reference: J. Hao, X. Gong, M. Liu, "Bilevel optimization under unbounded smoothness: a new algorithm and
   convergence analysis", ICLR 2024, arXiv:2401.09587.
*/
#include <bilevelimpl.h>

static const char citation[] = "@inproceedings{hao2024borep,\n"
                               "  title  = {Bilevel Optimization under Unbounded Smoothness: A New Algorithm and Convergence Analysis},\n"
                               "  author = {Jie Hao and Xiaochuan Gong and Mingrui Liu},\n"
                               "  booktitle = {ICLR},\n  year = {2024},\n  note = {arXiv:2401.09587}\n}\n";
static PetscBool  cited      = PETSC_FALSE;

typedef struct {
  PetscReal eta, gamma, nu;      /* outer, lower-level and adjoint step sizes (PETSC_DEFAULT: 1/L_yy) */
  PetscReal g, n, Lyy;           /* steps used by the last solve and the estimate behind them */
  PetscReal beta;                /* momentum */
  PetscInt  period, nsteps;      /* lower-level update every I iterations, N steps each */
  PetscInt  ninit;               /* initialisation refinement steps */
  PetscReal q;                   /* outer step decay exponent */
  PetscReal radius;              /* ball for z (0: none) */
  PetscReal grow;                /* growth of the adaptive step while the estimate agrees with the momentum */
  PetscReal etak, rzprev, Fprev; /* state of the iteration: current outer step, last adjoint residual, F after the last lower-level update */
  Vec       z, m, ghat, wy, pv, pw;
} Bilevel_BOREP;

/* v -> grad^2_yy f(x, y) v */
static PetscErrorCode HessYY_Private(Bilevel bl, Vec v, Vec w, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(BilevelComputeLowerHessianProducts(bl, bl->x, bl->y, v, bl->hx, w));
  PetscFunctionReturn(0);
}

/* L_yy = 1.05 |grad^2_yy f(x, y)| by the power method at the current point; the automatic steps follow it */
static PetscErrorCode BilevelBOREPEstimate_Private(Bilevel bl)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  PetscCall(BilevelEstimateNorm_Private(bl, 20, HessYY_Private, bo->pv, bo->pw, NULL, &bo->Lyy));
  bo->Lyy *= 1.05;
  PetscCheck(bo->Lyy > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_WRONG, "BO-REP: the lower-level Hessian estimate is zero; the lower level must be strongly convex in y");
  bo->g = bo->gamma == (PetscReal)PETSC_DEFAULT ? 1 / bo->Lyy : bo->gamma;
  bo->n = bo->nu == (PetscReal)PETSC_DEFAULT ? 1 / bo->Lyy : bo->nu;
  PetscCall(PetscInfo(bl, "BO-REP steps gamma %g nu %g (estimate |f_yy| %g)\n", (double)bo->g, (double)bo->n, (double)bo->Lyy));
  PetscFunctionReturn(0);
}

/* nsteps gradient steps on the lower level; a step that increases |grad_y f| is undone and the curvature estimate
   (and with it the automatic steps) renewed at the current point: the Hessian may grow as x moves */
static PetscErrorCode BilevelBOREPLowerSteps_Private(Bilevel bl, PetscInt nsteps, PetscReal *gnorm)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;
  PetscReal      f, gn, gprev = PETSC_MAX_REAL;

  PetscFunctionBegin;
  for (PetscInt i = 0; i < nsteps; i++) {
    PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &f, bl->fx, bl->fy));
    PetscCall(VecNorm(bl->fy, NORM_2, &gn));
    if (gn > gprev && bo->gamma == (PetscReal)PETSC_DEFAULT) {
      PetscCall(VecAXPY(bl->y, bo->g, bo->pw)); /* undo the step */
      PetscCall(BilevelBOREPEstimate_Private(bl));
      PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &f, bl->fx, bl->fy));
      PetscCall(VecNorm(bl->fy, NORM_2, &gn));
    }
    gprev = gn;
    PetscCall(VecCopy(bl->fy, bo->pw));
    PetscCall(VecAXPY(bl->y, -bo->g, bl->fy));
  }
  PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &f, bl->fx, bl->fy));
  PetscCall(VecNorm(bl->fy, NORM_2, gnorm));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSolve_BOREP(Bilevel bl)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;
  PetscReal      gap;

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(citation, &cited));
  if (!bl->resumed) { /* otherwise the state of the checkpoint (BilevelCheckpointRead_BOREP()) */
    bo->etak   = bo->eta;
    bo->rzprev = 0;
    bo->Fprev  = PETSC_MAX_REAL;
    PetscCall(VecSet(bo->z, 0));
    PetscCall(VecSet(bo->m, 0));
    PetscCall(BilevelBOREPEstimate_Private(bl));
    PetscCall(BilevelBOREPLowerSteps_Private(bl, bo->ninit, &gap));
  }
  for (; bl->its < bl->max_it; bl->its++) {
    PetscReal   F, f, gn, mn, rz, yn, fxn, fyn;
    PetscScalar gm = 0;

    if (bo->q != (PetscReal)PETSC_DEFAULT) bo->etak = bo->eta / PetscPowReal((PetscReal)(bl->its + 1), bo->q);
    if (bl->its > 0 && bl->its % bo->period == 0) PetscCall(BilevelBOREPLowerSteps_Private(bl, bo->nsteps, &gap));
    PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, &f, bl->fx, bl->fy));
    PetscCall(VecNorm(bl->fy, NORM_2, &gap));
    PetscCall(BilevelComputeUpper_Private(bl, bl->x, bl->y, &F, bl->Fx, bl->Fy));
    /* adjoint: z <- z - nu (f_yy z - F_y) */
    PetscCall(BilevelComputeLowerHessianProducts(bl, bl->x, bl->y, bo->z, bl->hx, bl->hy));
    PetscCall(VecAXPY(bl->hy, -1, bl->Fy));
    PetscCall(VecNorm(bl->hy, NORM_2, &rz));
    if (bl->its > 0 && rz > 2 * bo->rzprev && bo->nu == (PetscReal)PETSC_DEFAULT) {
      /* the adjoint residual doubled: the lower-level Hessian outgrew the estimate, renew it */
      PetscCall(PetscInfo(bl, "Iteration %" PetscInt_FMT ": adjoint residual %g grew from %g: curvature estimate renewed\n", bl->its, (double)rz, (double)bo->rzprev));
      PetscCall(BilevelBOREPEstimate_Private(bl));
    }
    bo->rzprev = rz;
    PetscCall(VecAXPY(bo->z, -bo->n, bl->hy));
    if (bo->radius > 0) {
      PetscReal zn;

      PetscCall(VecNorm(bo->z, NORM_2, &zn));
      if (zn > bo->radius) PetscCall(VecScale(bo->z, bo->radius / zn));
    }
    /* hypergradient estimate F_x - f_xy z_{k+1}, momentum and normalised step */
    PetscCall(BilevelComputeLowerHessianProducts(bl, bl->x, bl->y, bo->z, bl->hx, bl->hy));
    PetscCall(VecWAXPY(bo->ghat, -1, bl->hx, bl->Fx));
    PetscCall(VecNorm(bo->ghat, NORM_2, &gn));
    if (bo->q == (PetscReal)PETSC_DEFAULT && bl->its > 0) {
      /* adaptive step: the estimate turned against the last step direction m_k, or F (after a lower-level update)
         increased: an overshoot, halve the step and restart the momentum; otherwise lengthen it by -bilevel_borep_grow */
      PetscCall(VecDot(bo->ghat, bo->m, &gm));
      if (PetscRealPart(gm) < 0 || (bl->its % bo->period == 0 && F > bo->Fprev + 1e-10 * PetscAbsReal(bo->Fprev))) {
        bo->etak *= 0.5;
        PetscCall(VecSet(bo->m, 0));
      } else bo->etak *= bo->grow;
    }
    if (bl->its % bo->period == 0) bo->Fprev = F; /* F after a lower-level update */
    PetscCall(VecAXPBY(bo->m, 1 - bo->beta, bo->beta, bo->ghat));
    PetscCall(VecNorm(bo->m, NORM_2, &mn));
    if (mn > 0) PetscCall(VecAXPY(bl->x, -(bo->q == (PetscReal)PETSC_DEFAULT ? PetscMin(bo->etak, bo->eta / PetscSqrtReal(bl->its + 1.0)) : bo->etak) / mn, bo->m));
    PetscCall(BilevelClipUpper_Private(bl, bl->x));
    /* stationarity: hypergradient estimate and adjoint residual (gradients of F); lower-level gap: |grad_y f|/|f_yy|,
       an estimate of the distance to y*(x), measured relative to |y| */
    PetscCall(VecNorm(bl->y, NORM_2, &yn));
    bl->gapref = yn;
    PetscCall(VecNormBegin(bl->Fx, NORM_2, &fxn));
    PetscCall(VecNormBegin(bl->Fy, NORM_2, &fyn));
    PetscCall(VecNormEnd(bl->Fx, NORM_2, &fxn));
    PetscCall(VecNormEnd(bl->Fy, NORM_2, &fyn));
    bl->res0 = PetscSqrtReal(fxn * fxn + fyn * fyn); /* reference of rtol: |grad F(x_k, y_k)| */
    PetscCall(BilevelLogIteration_Private(bl, F, f, PetscSqrtReal(gn * gn + rz * rz), gap / bo->Lyy));
    PetscCall(BilevelCheckpoint_Private(bl));
    if (bl->reason != BILEVEL_CONVERGED_ITERATING) {
      bl->its++;
      break;
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSetUp_BOREP(Bilevel bl)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  PetscCheck(!bl->g, PetscObjectComm((PetscObject)bl), PETSC_ERR_SUP, "BO-REP needs an unconstrained, strongly convex lower level: remove the lower-level constraints or use -bilevel_type lvhba");
  PetscCall(VecDuplicate(bl->y, &bo->z));
  PetscCall(VecDuplicate(bl->y, &bo->wy));
  PetscCall(VecDuplicate(bl->y, &bo->pv));
  PetscCall(VecDuplicate(bl->y, &bo->pw));
  PetscCall(VecDuplicate(bl->x, &bo->m));
  PetscCall(VecDuplicate(bl->x, &bo->ghat));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelReset_BOREP(Bilevel bl)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&bo->z));
  PetscCall(VecDestroy(&bo->wy));
  PetscCall(VecDestroy(&bo->pv));
  PetscCall(VecDestroy(&bo->pw));
  PetscCall(VecDestroy(&bo->m));
  PetscCall(VecDestroy(&bo->ghat));
  PetscFunctionReturn(0);
}

/* the state of BO-REP besides x and y: the adjoint z, the momentum m, the steps and the adaptive step state */
static PetscErrorCode BilevelCheckpointWrite_BOREP(Bilevel bl, PetscViewer viewer, const char group[])
{
  Bilevel_BOREP *bo      = (Bilevel_BOREP *)bl->data;
  const char    *names[] = {"z", "m"};
  Vec            v[2]    = {bo->z, bo->m};
  PetscReal      st[6]   = {bo->g, bo->n, bo->Lyy, bo->etak, bo->rzprev, bo->Fprev};

  PetscFunctionBegin;
  PetscCall(BilevelCheckpointWriteState_Private(bl, viewer, group, 6, st, 2, v, names));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelCheckpointRead_BOREP(Bilevel bl, PetscViewer viewer, const char group[])
{
  Bilevel_BOREP *bo      = (Bilevel_BOREP *)bl->data;
  const char    *names[] = {"z", "m"};
  Vec            v[2]    = {bo->z, bo->m};
  PetscReal      st[6];

  PetscFunctionBegin;
  PetscCall(BilevelCheckpointReadState_Private(bl, viewer, group, 6, st, 2, v, names));
  PetscCheck(st[0] > 0 && st[1] > 0 && st[2] > 0 && st[3] > 0 && st[4] >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_FILE_UNEXPECTED, "BO-REP checkpoint: implausible steps gamma %g nu %g, estimate %g, outer step %g or adjoint residual %g",
             (double)st[0], (double)st[1], (double)st[2], (double)st[3], (double)st[4]);
  bo->g      = st[0];
  bo->n      = st[1];
  bo->Lyy    = st[2];
  bo->etak   = st[3];
  bo->rzprev = st[4];
  bo->Fprev  = st[5];
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSetFromOptions_BOREP(Bilevel bl, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "BO-REP options");
  PetscCall(TesseraOptionsRealPositive("-bilevel_borep_eta", "Outer (normalised) step eta", "BilevelBOREPSetStepSizes", bo->eta, &bo->eta, NULL, 1e6));
  PetscCall(TesseraOptionsRealPositive("-bilevel_borep_gamma", "Lower-level gradient step", "BilevelBOREPSetStepSizes", bo->gamma, &bo->gamma, NULL, 1e6));
  PetscCall(TesseraOptionsRealPositive("-bilevel_borep_nu", "Adjoint step", "BilevelBOREPSetStepSizes", bo->nu, &bo->nu, NULL, 1e6));
  PetscCall(TesseraOptionsRealInRange("-bilevel_borep_beta", "Momentum", "BilevelBOREPSetMomentum", bo->beta, &bo->beta, NULL, 0, 1));
  PetscCall(TesseraOptionsIntInRange("-bilevel_borep_period", "Lower-level update period I", "BilevelBOREPSetSchedule", bo->period, &bo->period, NULL, 1, 1000000));
  PetscCall(TesseraOptionsIntInRange("-bilevel_borep_steps", "Lower-level steps N per update", "BilevelBOREPSetSchedule", bo->nsteps, &bo->nsteps, NULL, 0, 1000000));
  PetscCall(TesseraOptionsIntInRange("-bilevel_borep_init_steps", "Initialisation refinement steps", "BilevelBOREPSetSchedule", bo->ninit, &bo->ninit, NULL, 0, 1000000));
  PetscCall(TesseraOptionsRealInRange("-bilevel_borep_decay", "Outer step decay exponent q: eta_k = eta/(k+1)^q", "BilevelBOREPSetSchedule", bo->q, &bo->q, NULL, 0, 1));
  PetscCall(TesseraOptionsRealInRange("-bilevel_borep_grow", "Growth factor of the adaptive step while the hypergradient agrees with the momentum", "", bo->grow, &bo->grow, NULL, 1, 10));
  PetscCall(TesseraOptionsRealInRange("-bilevel_borep_radius", "Radius of the ball for z (0: none)", "", bo->radius, &bo->radius, NULL, 0, PETSC_MAX_REAL));
  PetscOptionsHeadEnd();
  PetscCall(BilevelBOREPSetStepSizes(bl, bo->eta, bo->gamma, bo->nu));
  PetscCall(BilevelBOREPSetMomentum(bl, bo->beta));
  PetscCall(BilevelBOREPSetSchedule(bl, bo->period, bo->nsteps, bo->ninit, bo->q));
  PetscCheck(bo->radius >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_borep_radius %g must be nonnegative", (double)bo->radius);
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelView_BOREP(Bilevel bl, PetscViewer viewer)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  if (bo->g > 0) PetscCall(PetscViewerASCIIPrintf(viewer, "BO-REP: lower-level step gamma %g, adjoint step nu %g (last solve; estimate |f_yy| %g)\n", (double)bo->g, (double)bo->n, (double)bo->Lyy));
  if (bo->q == (PetscReal)PETSC_DEFAULT) PetscCall(PetscViewerASCIIPrintf(viewer, "BO-REP: adaptive step from %g (x 1.1 per step, halved when the hypergradient turns against the momentum)\n", (double)bo->eta));
  else PetscCall(PetscViewerASCIIPrintf(viewer, "BO-REP: step eta/(k+1)^q, eta %g, q %g\n", (double)bo->eta, (double)bo->q));
  PetscCall(PetscViewerASCIIPrintf(viewer, "BO-REP: momentum %g, lower level every %" PetscInt_FMT " iterations x %" PetscInt_FMT " steps, refinement %" PetscInt_FMT " steps\n", (double)bo->beta, bo->period, bo->nsteps, bo->ninit));
  PetscCall(PetscViewerASCIIPrintf(viewer, "BO-REP: Hessian-vector products %s\n", bl->hess && !bl->hess_fd ? "from the callback" : "by central differences of gradients (Hessian-free)"));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelBOREPSetStepSizes_BOREP(Bilevel bl, PetscReal eta, PetscReal gamma, PetscReal nu)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  PetscCheck(eta > 0 && (gamma > 0 || gamma == (PetscReal)PETSC_DEFAULT) && (nu > 0 || nu == (PetscReal)PETSC_DEFAULT), PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "BO-REP steps eta %g, gamma %g, nu %g must be positive", (double)eta,
             (double)gamma, (double)nu);
  bo->eta   = eta;
  bo->gamma = gamma;
  bo->nu    = nu;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelBOREPSetMomentum_BOREP(Bilevel bl, PetscReal beta)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  PetscCheck(beta >= 0 && beta < 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Momentum %g must lie in [0, 1)", (double)beta);
  bo->beta = beta;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelBOREPSetSchedule_BOREP(Bilevel bl, PetscInt period, PetscInt nsteps, PetscInt ninit, PetscReal q)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  PetscCheck(period >= 1 && nsteps >= 0 && ninit >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "BO-REP schedule: period %" PetscInt_FMT " must be >= 1, steps %" PetscInt_FMT " and refinement %" PetscInt_FMT " >= 0", period,
             nsteps, ninit);
  PetscCheck((q >= 0 && q <= 1) || q == (PetscReal)PETSC_DEFAULT, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "BO-REP decay exponent %g must lie in [0, 1]", (double)q);
  bo->period = period;
  bo->nsteps = nsteps;
  bo->ninit  = ninit;
  bo->q      = q;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelBOREPGetAdjoint_BOREP(Bilevel bl, Vec *z)
{
  Bilevel_BOREP *bo = (Bilevel_BOREP *)bl->data;

  PetscFunctionBegin;
  *z = bo->z;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelDestroy_BOREP(Bilevel bl)
{
  PetscFunctionBegin;
  PetscCall(PetscFree(bl->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPSetStepSizes_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPSetMomentum_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPSetSchedule_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPGetAdjoint_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  BILEVELBOREP - "borep": BO-REP of Hao, Gong and Liu, normalised momentum with initialisation refinement and
  periodic lower-level updates, for a strongly convex unconstrained lower level

  Options Database Keys:
+ -bilevel_borep_eta <1>          - outer step (normalised: |x_{k+1} - x_k| = eta_k)
. -bilevel_borep_decay <1>        - eta_k = eta/(k+1)^q (q = 0: the authors' constant step)
. -bilevel_borep_gamma <auto>     - lower-level gradient step, default 1/L_yy (power-method estimate of |grad^2_yy f| at the start)
. -bilevel_borep_nu <auto>        - adjoint step, default 1/L_yy
. -bilevel_borep_beta <0.9>       - momentum
. -bilevel_borep_period <2>       - lower-level update period I
. -bilevel_borep_steps <5>        - lower-level steps N per update
. -bilevel_borep_init_steps <100> - initialisation refinement steps
- -bilevel_borep_radius <0>       - radius of the ball for z (0: no projection, as the authors' code)

  Level: beginner

  Notes:
  Residual: norm of the hypergradient estimate; gap: norm of grad_y f at the current (x, y).
  Reference: J. Hao, X. Gong, M. Liu, ICLR 2024, arXiv:2401.09587.

.seealso: `Bilevel`, `BILEVELLVHBA`, `BilevelSetLowerHessianProducts()`
M*/
PetscErrorCode BilevelCreate_BOREP(Bilevel bl)
{
  Bilevel_BOREP *bo;

  PetscFunctionBegin;
  PetscCall(PetscNew(&bo));
  bl->data                 = (void *)bo;
  bo->eta                  = 1.0;
  bo->q                    = PETSC_DEFAULT;
  bo->gamma                = PETSC_DEFAULT;
  bo->nu                   = PETSC_DEFAULT;
  bo->beta                 = 0.9;
  bo->period               = 2;
  bo->nsteps               = 5;
  bo->ninit                = 100;
  bo->radius               = 0;
  bo->grow                 = 1;
  bl->rtol_default         = 1e-7;
  bl->ops->setup           = BilevelSetUp_BOREP;
  bl->ops->solve           = BilevelSolve_BOREP;
  bl->ops->setfromoptions  = BilevelSetFromOptions_BOREP;
  bl->ops->view            = BilevelView_BOREP;
  bl->ops->reset           = BilevelReset_BOREP;
  bl->ops->destroy         = BilevelDestroy_BOREP;
  bl->ops->checkpointwrite = BilevelCheckpointWrite_BOREP;
  bl->ops->checkpointread  = BilevelCheckpointRead_BOREP;
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPSetStepSizes_C", BilevelBOREPSetStepSizes_BOREP));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPSetMomentum_C", BilevelBOREPSetMomentum_BOREP));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPSetSchedule_C", BilevelBOREPSetSchedule_BOREP));
  PetscCall(PetscObjectComposeFunction((PetscObject)bl, "BilevelBOREPGetAdjoint_C", BilevelBOREPGetAdjoint_BOREP));
  PetscFunctionReturn(0);
}

/*@
  BilevelBOREPSetStepSizes - Sets the step sizes of BO-REP

  Logically Collective

  Input Parameters:
+ bl    - the solver
. eta   - outer (normalised) step
. gamma - lower-level gradient step
- nu    - adjoint step

  Level: intermediate

.seealso: `BILEVELBOREP`
@*/
PetscErrorCode BilevelBOREPSetStepSizes(Bilevel bl, PetscReal eta, PetscReal gamma, PetscReal nu)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryMethod(bl, "BilevelBOREPSetStepSizes_C", (Bilevel, PetscReal, PetscReal, PetscReal), (bl, eta, gamma, nu));
  PetscFunctionReturn(0);
}

/*@
  BilevelBOREPSetMomentum - Sets the momentum beta of BO-REP

  Logically Collective

  Input Parameters:
+ bl   - the solver
- beta - momentum in [0, 1)

  Level: intermediate

.seealso: `BILEVELBOREP`
@*/
PetscErrorCode BilevelBOREPSetMomentum(Bilevel bl, PetscReal beta)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryMethod(bl, "BilevelBOREPSetMomentum_C", (Bilevel, PetscReal), (bl, beta));
  PetscFunctionReturn(0);
}

/*@
  BilevelBOREPSetSchedule - Sets the lower-level schedule and the outer step decay of BO-REP

  Logically Collective

  Input Parameters:
+ bl     - the solver
. period - lower-level update period I
. nsteps - lower-level gradient steps N per update
. ninit  - initialisation refinement steps
- q      - outer step decay exponent in [0, 1]

  Level: intermediate

.seealso: `BILEVELBOREP`
@*/
PetscErrorCode BilevelBOREPSetSchedule(Bilevel bl, PetscInt period, PetscInt nsteps, PetscInt ninit, PetscReal q)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryMethod(bl, "BilevelBOREPSetSchedule_C", (Bilevel, PetscInt, PetscInt, PetscInt, PetscReal), (bl, period, nsteps, ninit, q));
  PetscFunctionReturn(0);
}

/*@
  BilevelBOREPGetAdjoint - Gets the adjoint iterate z ~ [grad^2_yy f]^{-1} grad_y F

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameter:
. z - the adjoint (do not destroy)

  Level: intermediate

.seealso: `BILEVELBOREP`
@*/
PetscErrorCode BilevelBOREPGetAdjoint(Bilevel bl, Vec *z)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscUseMethod(bl, "BilevelBOREPGetAdjoint_C", (Bilevel, Vec *), (bl, z));
  PetscFunctionReturn(0);
}
