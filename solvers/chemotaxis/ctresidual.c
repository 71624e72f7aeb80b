/*I "tessera.h" I*/
/*
   ctresidual.c - finite-volume residual and analytic Jacobian of the chemotaxis system on a DMDA (1-D/2-D/3-D).

   Cell-centred grid, cell widths h_d, cell i has the faces i +- e_d/2. With face fluxes F (operators/fvflux) of
   -grad n + n grad c and the Neumann Laplacian (boundary face fluxes are zero):
     F_n = n_t + sum_d (F_{i+e_d/2} - F_{i-e_d/2}) / h_d - f_n
     F_c = eps c_t - Lap_h c + c - w - f_c
     F_w = eps w_t - tau Lap_h w + w - n - f_w
   The Jacobian is sigma diag(1, eps, eps) + dF/dU; entries are inserted with the DMDA block fills set in
   ChemotaxisSetUp() (n couples to n, c of the neighbours, c to c and w to w).
*/
#include <chemotaxisimpl.h>

typedef struct {
  PetscInt xs, ys, zs, xm, ym, zm, gxs, gys, gzs, gxm, gym, gzm;
} ChemotaxisCorners;

/* Ghosted local copy of U (restore with DMRestoreLocalVector), owned and ghost corners, ghosted strides per direction */
static PetscErrorCode ChemotaxisGetLocalState_Private(Chemotaxis ct, Vec U, Vec *Ul, ChemotaxisCorners *cr, PetscInt gstride[3])
{
  PetscFunctionBegin;
  PetscCall(DMGetLocalVector(ct->da, Ul));
  PetscCall(DMGlobalToLocalBegin(ct->da, U, INSERT_VALUES, *Ul));
  PetscCall(DMGlobalToLocalEnd(ct->da, U, INSERT_VALUES, *Ul));
  PetscCall(DMDAGetCorners(ct->da, &cr->xs, &cr->ys, &cr->zs, &cr->xm, &cr->ym, &cr->zm));
  PetscCall(DMDAGetGhostCorners(ct->da, &cr->gxs, &cr->gys, &cr->gzs, &cr->gxm, &cr->gym, &cr->gzm));
  gstride[0] = 3;
  gstride[1] = 3 * cr->gxm;
  gstride[2] = 3 * cr->gxm * cr->gym;
  PetscFunctionReturn(0);
}

PetscErrorCode ChemotaxisIFunction_Private(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void *ptr)
{
  Chemotaxis         ct = (Chemotaxis)ptr;
  Vec                Ul;
  const PetscScalar *u, *ud;
  PetscScalar       *f;
  ChemotaxisCorners  cr;
  PetscInt           gstride[3];

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(CHEMOTAXIS_Residual, ct, U, F, 0));
  PetscCall(ChemotaxisGetLocalState_Private(ct, U, &Ul, &cr, gstride));
  PetscCall(VecGetArrayRead(Ul, &u));
  PetscCall(VecGetArrayRead(Udot, &ud));
  PetscCall(VecGetArray(F, &f));
  for (PetscInt k = cr.zs; k < cr.zs + cr.zm; k++) {
    for (PetscInt j = cr.ys; j < cr.ys + cr.ym; j++) {
      for (PetscInt i = cr.xs; i < cr.xs + cr.xm; i++) {
        const PetscInt     idx[3] = {i, j, k};
        const PetscInt     o      = 3 * (((k - cr.zs) * cr.ym + (j - cr.ys)) * cr.xm + (i - cr.xs));
        const PetscScalar *uc     = u + 3 * (((k - cr.gzs) * cr.gym + (j - cr.gys)) * cr.gxm + (i - cr.gxs));
        PetscReal          divF = 0, lapc = 0, lapw = 0, src[3] = {0, 0, 0};

        for (PetscInt d = 0; d < ct->dim; d++) {
          const PetscReal hinv = 1.0 / ct->h[d], h2 = hinv * hinv;
          PetscReal       Fr;

          if (idx[d] + 1 < ct->M[d]) {
            const PetscScalar *ur = uc + gstride[d];

            PetscCall(FVFluxEvaluate(ct->flux, hinv, uc[0], ur[0], ur[1] - uc[1], &Fr, NULL));
            divF += hinv * Fr;
            lapc += h2 * (ur[1] - uc[1]);
            lapw += h2 * (ur[2] - uc[2]);
          }
          if (idx[d] > 0) {
            const PetscScalar *ul = uc - gstride[d];

            PetscCall(FVFluxEvaluate(ct->flux, hinv, ul[0], uc[0], uc[1] - ul[1], &Fr, NULL));
            divF -= hinv * Fr;
            lapc -= h2 * (uc[1] - ul[1]);
            lapw -= h2 * (uc[2] - ul[2]);
          }
        }
        if (ct->forcing) {
          PetscReal x[3];

          for (PetscInt d = 0; d < 3; d++) x[d] = (idx[d] + 0.5) * ct->h[d];
          PetscCall(ct->forcing(ct->dim, t, x, src, ct->forcingctx));
        }
        f[o + 0] = ud[o + 0] + divF - src[0];
        f[o + 1] = ct->eps * ud[o + 1] - lapc + uc[1] - uc[2] - src[1];
        f[o + 2] = ct->eps * ud[o + 2] - ct->tau * lapw + uc[2] - uc[0] - src[2];
      }
    }
  }
  PetscCall(VecRestoreArray(F, &f));
  PetscCall(VecRestoreArrayRead(Udot, &ud));
  PetscCall(VecRestoreArrayRead(Ul, &u));
  PetscCall(DMRestoreLocalVector(ct->da, &Ul));
  PetscCall(PetscLogFlops(60.0 * ct->dim * cr.xm * cr.ym * cr.zm));
  PetscCall(PetscLogEventEnd(CHEMOTAXIS_Residual, ct, U, F, 0));
  PetscFunctionReturn(0);
}

PetscErrorCode ChemotaxisIJacobian_Private(TS ts, PetscReal t, Vec U, Vec Udot, PetscReal sigma, Mat A, Mat P, void *ptr)
{
  Chemotaxis         ct = (Chemotaxis)ptr;
  Vec                Ul;
  const PetscScalar *u;
  ChemotaxisCorners  cr;
  PetscInt           gstride[3];
  MatStencil         row, coln[14], colc[8], colw[8];
  PetscScalar        valn[14], valc[8], valw[8];

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(CHEMOTAXIS_Jacobian, ct, U, P, 0));
  PetscCall(ChemotaxisGetLocalState_Private(ct, U, &Ul, &cr, gstride));
  PetscCall(VecGetArrayRead(Ul, &u));
  for (PetscInt k = cr.zs; k < cr.zs + cr.zm; k++) {
    for (PetscInt j = cr.ys; j < cr.ys + cr.ym; j++) {
      for (PetscInt i = cr.xs; i < cr.xs + cr.xm; i++) {
        const PetscInt     idx[3] = {i, j, k};
        const PetscScalar *uc     = u + 3 * (((k - cr.gzs) * cr.gym + (j - cr.gys)) * cr.gxm + (i - cr.gxs));
        PetscInt           nn = 2, nc = 2, nw = 2;
        PetscReal          dnn = sigma, dnc = 0, dcc = sigma * ct->eps + 1.0, dww = sigma * ct->eps + 1.0;

        row.i = i;
        row.j = j;
        row.k = k;
        for (PetscInt d = 0; d < ct->dim; d++) {
          const PetscReal hinv = 1.0 / ct->h[d], h2 = hinv * hinv;
          PetscReal       Fr, dF[3];

          for (PetscInt s = -1; s <= 1; s += 2) {
            MatStencil         nb = row;
            const PetscScalar *un = uc + s * gstride[d];

            if ((s > 0 && idx[d] + 1 >= ct->M[d]) || (s < 0 && idx[d] == 0)) continue;
            if (d == 0) nb.i += s;
            else if (d == 1) nb.j += s;
            else nb.k += s;
            if (s > 0) {
              /* face i+1/2: F(n_i, n_{i+1}, c_{i+1} - c_i), enters F_n with + hinv */
              PetscCall(FVFluxEvaluate(ct->flux, hinv, uc[0], un[0], un[1] - uc[1], &Fr, dF));
              dnn += hinv * dF[0];
              dnc -= hinv * dF[2];
              valn[nn]     = hinv * dF[1];
              valn[nn + 1] = hinv * dF[2];
            } else {
              /* face i-1/2: F(n_{i-1}, n_i, c_i - c_{i-1}), enters F_n with - hinv */
              PetscCall(FVFluxEvaluate(ct->flux, hinv, un[0], uc[0], uc[1] - un[1], &Fr, dF));
              dnn -= hinv * dF[1];
              dnc -= hinv * dF[2];
              valn[nn]     = -hinv * dF[0];
              valn[nn + 1] = hinv * dF[2];
            }
            coln[nn]       = nb;
            coln[nn].c     = 0;
            coln[nn + 1]   = nb;
            coln[nn + 1].c = 1;
            nn += 2;
            colc[nc]   = nb;
            colc[nc].c = 1;
            valc[nc++] = -h2;
            colw[nw]   = nb;
            colw[nw].c = 2;
            valw[nw++] = -ct->tau * h2;
            dcc += h2;
            dww += ct->tau * h2;
          }
        }
        coln[0]   = row;
        coln[0].c = 0;
        valn[0]   = dnn;
        coln[1]   = row;
        coln[1].c = 1;
        valn[1]   = dnc;
        colc[0]   = row;
        colc[0].c = 1;
        valc[0]   = dcc;
        colc[1]   = row;
        colc[1].c = 2;
        valc[1]   = -1.0;
        colw[0]   = row;
        colw[0].c = 2;
        valw[0]   = dww;
        colw[1]   = row;
        colw[1].c = 0;
        valw[1]   = -1.0;
        row.c     = 0;
        PetscCall(MatSetValuesStencil(P, 1, &row, nn, coln, valn, INSERT_VALUES));
        row.c = 1;
        PetscCall(MatSetValuesStencil(P, 1, &row, nc, colc, valc, INSERT_VALUES));
        row.c = 2;
        PetscCall(MatSetValuesStencil(P, 1, &row, nw, colw, valw, INSERT_VALUES));
      }
    }
  }
  PetscCall(VecRestoreArrayRead(Ul, &u));
  PetscCall(DMRestoreLocalVector(ct->da, &Ul));
  PetscCall(MatAssemblyBegin(P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(P, MAT_FINAL_ASSEMBLY));
  if (A != P) {
    PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  }
  if (ct->fftpc) {
    PetscCall(MatNeumannFFTSetCoefficients(ct->pcw, 1.0 + sigma * ct->eps, ct->tau));
    PetscCall(MatNeumannFFTSetCoefficients(ct->pcc, 1.0 + sigma * ct->eps, 1.0));
  }
  PetscCall(PetscLogEventEnd(CHEMOTAXIS_Jacobian, ct, U, P, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisPCApplyFFT_Private(PC pc, Vec x, Vec y)
{
  Mat A;

  PetscFunctionBegin;
  PetscCall(PCShellGetContext(pc, &A));
  PetscCall(MatMult(A, x, y));
  PetscFunctionReturn(0);
}

/* Before the first linear solve: make the w and c splits exact FFT solves (the field split exists only after its setup) */
static PetscErrorCode ChemotaxisKSPPreSolve_Private(KSP ksp, Vec b, Vec x, void *ptr)
{
  Chemotaxis ct = (Chemotaxis)ptr;
  PC         pc;
  KSP       *sub;
  PetscInt   nsplit;

  PetscFunctionBegin;
  if (ct->fftpc_installed) PetscFunctionReturn(0);
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCFieldSplitGetSubKSP(pc, &nsplit, &sub));
  PetscCheck(nsplit == 3, PetscObjectComm((PetscObject)ct), PETSC_ERR_PLIB, "Expected 3 splits, got %" PetscInt_FMT, nsplit);
  for (PetscInt k = 0; k < 2; k++) {
    PC spc;

    PetscCall(KSPSetType(sub[k], KSPPREONLY));
    PetscCall(KSPGetPC(sub[k], &spc));
    PetscCall(PCSetType(spc, PCSHELL));
    PetscCall(PCShellSetContext(spc, k == 0 ? ct->pcw : ct->pcc));
    PetscCall(PCShellSetApply(spc, ChemotaxisPCApplyFFT_Private));
    PetscCall(PCShellSetName(spc, k == 0 ? "FFTW cosine-transform solve of (1 + sigma eps) I - tau Lap_h" : "FFTW cosine-transform solve of (1 + sigma eps) I - Lap_h"));
  }
  {
    PetscBool set;
    PC        npc;

    /* sparse LU of the (scalar) drift-diffusion block unless -fieldsplit_n_pc_type is given; GAMG was observed to
       degrade over a run (GMRES stagnation), ILU needs many iterations on fine grids */
    PetscCall(PetscOptionsHasName(((PetscObject)ksp)->options, ((PetscObject)sub[2])->prefix, "-pc_type", &set));
    if (!set) {
      PetscCall(KSPGetPC(sub[2], &npc));
      PetscCall(PCSetType(npc, PCLU));
      if (PetscDefined(HAVE_MUMPS)) PetscCall(PCFactorSetMatSolverType(npc, MATSOLVERMUMPS));
    }
  }
  PetscCall(PetscFree(sub));
  ct->fftpc_installed = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/*
   GMRES with a multiplicative field split in the order w, c, n: z_w = ((1 + sigma eps) I - tau Lap_h)^{-1} r_w,
   z_c = ((1 + sigma eps) I - Lap_h)^{-1} (r_c + z_w) (exact, FFTW), z_n = J_nn^{-1} (r_n - J_nc z_c) (the split's own
   solver, sparse LU by default). Only the coupling of w to n is lagged.
*/
PetscErrorCode ChemotaxisSetUpFFTPC_Private(Chemotaxis ct)
{
  SNES     snes;
  KSP      ksp;
  PC       pc;
  PetscInt lo, hi;
  IS       is[3];
  MPI_Comm comm;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)ct, &comm));
  PetscCall(MatCreateNeumannFFT(ct->da1, ct->L, 1.0, ct->tau, &ct->pcw));
  PetscCall(MatCreateNeumannFFT(ct->da1, ct->L, 1.0, 1.0, &ct->pcc));
  PetscCall(TSGetSNES(ct->ts, &snes));
  PetscCall(SNESGetKSP(snes, &ksp));
  PetscCall(KSPSetType(ksp, KSPGMRES));
  PetscCall(KSPSetPCSide(ksp, PC_RIGHT)); /* the tolerance bounds the true residual: mass conservation */
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCFIELDSPLIT));
  PetscCall(PCFieldSplitSetType(pc, PC_COMPOSITE_MULTIPLICATIVE));
  PetscCall(VecGetOwnershipRange(ct->s1, &lo, &hi));
  for (PetscInt k = 0; k < 3; k++) PetscCall(ISCreateStride(comm, hi - lo, 3 * lo + (2 - k), 3, &is[k]));
  PetscCall(PCFieldSplitSetIS(pc, "w", is[0]));
  PetscCall(PCFieldSplitSetIS(pc, "c", is[1]));
  PetscCall(PCFieldSplitSetIS(pc, "n", is[2]));
  for (PetscInt k = 0; k < 3; k++) PetscCall(ISDestroy(&is[k]));
  PetscCall(KSPSetPreSolve(ksp, ChemotaxisKSPPreSolve_Private, ct));
  PetscFunctionReturn(0);
}

/* After each accepted step: track min n and stop with a clear reason when max n passes the blow-up threshold */
PetscErrorCode ChemotaxisPostStep_Private(TS ts)
{
  Chemotaxis ct;
  Vec        U;
  PetscReal  nmin, nmax, t;

  PetscFunctionBegin;
  PetscCall(TSGetApplicationContext(ts, &ct));
  PetscCall(TSGetSolution(ts, &U));
  PetscCall(TSGetTime(ts, &t));
  PetscCall(VecStrideMin(U, 0, NULL, &nmin));
  PetscCall(VecStrideMax(U, 0, NULL, &nmax));
  ct->nmin = PetscMin(ct->nmin, nmin);
  if (nmax >= ct->blowup) {
    /* the crossing time of max n = threshold, interpolating log(max n) linearly in t over the last step: the reported
       time does not depend on where the steps fall (max n grows like a power of 1/(T - t) near a blow-up) */
    if (nmax > ct->nmaxprev && ct->nmaxprev > 0) ct->tblowup = ct->tprev + (t - ct->tprev) * (PetscLogReal(ct->blowup) - PetscLogReal(ct->nmaxprev)) / (PetscLogReal(nmax) - PetscLogReal(ct->nmaxprev));
    else ct->tblowup = t;
    ct->blowup_detected = PETSC_TRUE;
    PetscCall(PetscSNPrintf(ct->stopmsg, sizeof(ct->stopmsg), "suspected blow-up: max n reached the threshold %g at t = %.6g (interpolated; step ending at t = %g has max n = %g)%s", (double)ct->blowup, (double)ct->tblowup, (double)t, (double)nmax,
                            ct->blowup_capped ? "; the threshold was capped at a quarter of the mass in one cell: refine the grid" : ""));
    PetscCall(TSSetConvergedReason(ts, TS_CONVERGED_USER));
  }
  ct->tprev    = t;
  ct->nmaxprev = nmax;
  PetscFunctionReturn(0);
}

/*
   Positivity by step rejection: the choice of the TSAdapt in use (basic, dsp, none, ...) is wrapped so that a step whose
   candidate solution (ts->vec_sol when TSAdaptChoose() is called; the integrators roll it back on rejection) has n < 0
   anywhere is rejected and retried with at most half the step. Every accepted step then has n >= 0 exactly, whatever
   the integrator. The cost is a VecStrideMin() per step attempt.
*/
static PetscErrorCode ChemotaxisAdaptChoose_Private(TSAdapt adapt, TS ts, PetscReal h, PetscInt *next_sc, PetscReal *next_h, PetscBool *accept, PetscReal *wlte, PetscReal *wltea, PetscReal *wlter)
{
  Chemotaxis ct;
  Vec        U;
  PetscReal  nmin;

  PetscFunctionBegin;
  PetscCall(TSGetApplicationContext(ts, &ct));
  PetscCall((*ct->adaptchoose)(adapt, ts, h, next_sc, next_h, accept, wlte, wltea, wlter));
  if (!*accept || !ct->positive) PetscFunctionReturn(0);
  PetscCall(TSGetSolution(ts, &U));
  PetscCall(VecStrideMin(U, 0, NULL, &nmin));
  if (nmin < 0) {
    *accept = PETSC_FALSE;
    *next_h = PetscMin(*next_h, 0.5 * h);
    ct->nposrejects++;
    PetscCall(PetscInfo(ts, "Step %" PetscInt_FMT " at t = %g with dt = %g rejected: min n = %g < 0; retrying with dt = %g\n", ts->steps, (double)ts->ptime, (double)h, (double)nmin, (double)*next_h));
  }
  PetscFunctionReturn(0);
}

/* Installs the positivity check on the TSAdapt of the TS; called before every step (TSSetPreStep()), after TSSetUp()
   has fixed the adapt type (some integrators choose their own) and again after any later change of the adapt type */
PetscErrorCode ChemotaxisPreStep_Private(TS ts)
{
  Chemotaxis ct;
  TSAdapt    adapt;

  PetscFunctionBegin;
  PetscCall(TSGetApplicationContext(ts, &ct));
  PetscCall(TSGetAdapt(ts, &adapt));
  if (!adapt->ops->choose || adapt->ops->choose == ChemotaxisAdaptChoose_Private) PetscFunctionReturn(0);
  ct->adaptchoose    = adapt->ops->choose;
  adapt->ops->choose = ChemotaxisAdaptChoose_Private;
  PetscFunctionReturn(0);
}
