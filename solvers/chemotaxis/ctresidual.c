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

/* Which terms a pass over the cells evaluates: the implicit residual of the fully implicit scheme, or the stiff
   (implicit) and nonstiff (explicit) parts of the IMEX splitting, with identity mass (c, w rows divided by eps):
     full:     F = (n_t + div F_SG - f_n,  eps c_t - Lap_h c + c - w - f_c,  eps w_t - tau Lap_h w + w - n - f_w)
     stiff:    F = (n_t - Lap_h n,  c_t - (Lap_h c - c + w) / eps,  w_t - (tau Lap_h w - w + n) / eps)   (linear)
     nonstiff: G = (-div F_SG - Lap_h n + f_n,  f_c / eps,  f_w / eps)   (the drift: F_SG contains -grad n)
   stiff + nonstiff is the full system: the semi-discretisation (SG flux) is the same for both schemes. */
typedef enum { CT_EVAL_FULL, CT_EVAL_STIFF, CT_EVAL_NONSTIFF } ChemotaxisEvalType;

static PetscErrorCode ChemotaxisEvaluate_Private(Chemotaxis ct, ChemotaxisEvalType type, PetscReal t, Vec U, Vec Udot, Vec F)
{
  Vec                Ul;
  const PetscScalar *u, *ud = NULL;
  PetscScalar       *f;
  ChemotaxisCorners  cr;
  PetscInt           gstride[3];
  const PetscReal    ieps = type == CT_EVAL_FULL ? 0 : 1.0 / ct->eps;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(CHEMOTAXIS_Residual, ct, U, F, 0));
  PetscCall(ChemotaxisGetLocalState_Private(ct, U, &Ul, &cr, gstride));
  PetscCall(VecGetArrayRead(Ul, &u));
  if (Udot) PetscCall(VecGetArrayRead(Udot, &ud));
  PetscCall(VecGetArray(F, &f));
  /* cell terms: time derivative, Laplacians, coupling, forcing */
  for (PetscInt k = cr.zs; k < cr.zs + cr.zm; k++) {
    for (PetscInt j = cr.ys; j < cr.ys + cr.ym; j++) {
      for (PetscInt i = cr.xs; i < cr.xs + cr.xm; i++) {
        const PetscInt     idx[3] = {i, j, k};
        const PetscInt     o      = 3 * (((k - cr.zs) * cr.ym + (j - cr.ys)) * cr.xm + (i - cr.xs));
        const PetscScalar *uc     = u + 3 * (((k - cr.gzs) * cr.gym + (j - cr.gys)) * cr.gxm + (i - cr.gxs));
        PetscReal          lapn = 0, lapc = 0, lapw = 0, src[3] = {0, 0, 0};

        for (PetscInt d = 0; d < ct->dim; d++) {
          const PetscReal h2 = 1.0 / (ct->h[d] * ct->h[d]);

          if (idx[d] + 1 < ct->M[d]) {
            const PetscScalar *ur = uc + gstride[d];

            lapn += h2 * (ur[0] - uc[0]);
            lapc += h2 * (ur[1] - uc[1]);
            lapw += h2 * (ur[2] - uc[2]);
          }
          if (idx[d] > 0) {
            const PetscScalar *ul = uc - gstride[d];

            lapn -= h2 * (uc[0] - ul[0]);
            lapc -= h2 * (uc[1] - ul[1]);
            lapw -= h2 * (uc[2] - ul[2]);
          }
        }
        if (ct->forcing && type != CT_EVAL_STIFF) {
          PetscReal x[3];

          for (PetscInt d = 0; d < 3; d++) x[d] = (idx[d] + 0.5) * ct->h[d];
          PetscCall(ct->forcing(ct->dim, t, x, src, ct->forcingctx));
        }
        switch (type) {
        case CT_EVAL_FULL:
          f[o + 0] = ud[o + 0] - src[0];
          f[o + 1] = ct->eps * ud[o + 1] - lapc + uc[1] - uc[2] - src[1];
          f[o + 2] = ct->eps * ud[o + 2] - ct->tau * lapw + uc[2] - uc[0] - src[2];
          break;
        case CT_EVAL_STIFF:
          f[o + 0] = ud[o + 0] - lapn;
          f[o + 1] = ud[o + 1] - ieps * (lapc - uc[1] + uc[2]);
          f[o + 2] = ud[o + 2] - ieps * (ct->tau * lapw - uc[2] + uc[0]);
          break;
        case CT_EVAL_NONSTIFF:
          f[o + 0] = -lapn + src[0];
          f[o + 1] = ieps * src[1];
          f[o + 2] = ieps * src[2];
          break;
        }
      }
    }
  }
  /* drift-diffusion: each face flux once (the faces to the ghost cells included), added to the divergence of the owned
     cells on both sides; the full residual has + div F, the explicit part - div F */
  if (type != CT_EVAL_STIFF) {
    const PetscInt ostride[3] = {3, 3 * cr.xm, 3 * cr.xm * cr.ym}, s[3] = {cr.xs, cr.ys, cr.zs}, e[3] = {cr.xs + cr.xm, cr.ys + cr.ym, cr.zs + cr.zm};

    for (PetscInt d = 0; d < ct->dim; d++) {
      const PetscReal hinv = 1.0 / ct->h[d], coef = (type == CT_EVAL_FULL ? 1.0 : -1.0) * hinv;
      PetscInt        lo[3] = {s[0], s[1], s[2]}, hi[3] = {e[0], e[1], e[2]};

      if (lo[d] > 0) lo[d]--;         /* the face between the first owned cell and its ghost */
      if (hi[d] == ct->M[d]) hi[d]--; /* no flux through the boundary */
      for (PetscInt k = lo[2]; k < hi[2]; k++) {
        for (PetscInt j = lo[1]; j < hi[1]; j++) {
          for (PetscInt i = lo[0]; i < hi[0]; i++) {
            const PetscInt     idx[3] = {i, j, k};
            const PetscInt     o      = 3 * (((k - cr.zs) * cr.ym + (j - cr.ys)) * cr.xm + (i - cr.xs));
            const PetscScalar *ul = u + 3 * (((k - cr.gzs) * cr.gym + (j - cr.gys)) * cr.gxm + (i - cr.gxs)), *ur = ul + gstride[d];
            PetscReal          Fr;

            PetscCall(FVFluxEvaluate(ct->flux, hinv, ul[0], ur[0], ur[1] - ul[1], &Fr, NULL));
            if (idx[d] >= s[d]) f[o] += coef * Fr;
            if (idx[d] + 1 < e[d]) f[o + ostride[d]] -= coef * Fr;
          }
        }
      }
    }
  }
  PetscCall(VecRestoreArray(F, &f));
  if (Udot) PetscCall(VecRestoreArrayRead(Udot, &ud));
  PetscCall(VecRestoreArrayRead(Ul, &u));
  PetscCall(DMRestoreLocalVector(ct->da, &Ul));
  PetscCall(PetscLogFlops((type == CT_EVAL_STIFF ? 20.0 : 60.0) * ct->dim * cr.xm * cr.ym * cr.zm));
  PetscCall(PetscLogEventEnd(CHEMOTAXIS_Residual, ct, U, F, 0));
  PetscFunctionReturn(0);
}

PetscErrorCode ChemotaxisIFunction_Private(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void *ptr)
{
  PetscFunctionBegin;
  PetscCall(ChemotaxisEvaluate_Private((Chemotaxis)ptr, CT_EVAL_FULL, t, U, Udot, F));
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

/*
   IMEX scheme (CHEMOTAXIS_SCHEME_IMEX): TSARKIMEX with the linear stiff part A U = (Lap_h n, (Lap_h c - c + w) / eps,
   (tau Lap_h w - w + n) / eps) implicit and the drift explicit. A stage solve is linear with the matrix sigma I - A,
   which is block lower triangular in (n, w, c) and diagonalised field by field by the cosine transform:
     (sigma I - Lap_h) n = r_n,   ((1 + sigma eps) I - tau Lap_h) w = eps r_w + n,   ((1 + sigma eps) I - Lap_h) c = eps r_c + w,
   three exact FFTW solves (MatCreateNeumannFFT) applied as a PCSHELL with KSPPREONLY and SNESKSPONLY: a stage costs six
   cosine transforms and no assembly.
*/
static PetscErrorCode ChemotaxisIFunctionIMEX_Private(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void *ptr)
{
  PetscFunctionBegin;
  PetscCall(ChemotaxisEvaluate_Private((Chemotaxis)ptr, CT_EVAL_STIFF, t, U, Udot, F));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisRHSFunctionIMEX_Private(TS ts, PetscReal t, Vec U, Vec G, void *ptr)
{
  PetscFunctionBegin;
  PetscCall(ChemotaxisEvaluate_Private((Chemotaxis)ptr, CT_EVAL_NONSTIFF, t, U, NULL, G));
  PetscFunctionReturn(0);
}

/* y = (sigma I - A) x: the stiff part is linear and homogeneous, so this is its IFunction at (U, U_t) = (x, sigma x) */
static PetscErrorCode ChemotaxisMatMultIMEX_Private(Mat J, Vec x, Vec y)
{
  Chemotaxis ct;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(J, &ct));
  PetscCall(VecAXPBY(ct->imexwork, ct->sigma, 0.0, x));
  PetscCall(ChemotaxisEvaluate_Private(ct, CT_EVAL_STIFF, 0.0, x, ct->imexwork, y));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisIJacobianIMEX_Private(TS ts, PetscReal t, Vec U, Vec Udot, PetscReal sigma, Mat A, Mat P, void *ptr)
{
  Chemotaxis ct = (Chemotaxis)ptr;

  PetscFunctionBegin;
  PetscCheck(sigma > 0 && !PetscIsInfOrNanReal(sigma), PetscObjectComm((PetscObject)ct), PETSC_ERR_SUP, "The IMEX stage solve needs a positive shift, got %g: use an ARKIMEX method with implicit stages", (double)sigma);
  ct->sigma = sigma;
  PetscCall(MatNeumannFFTSetCoefficients(ct->pcn, sigma, 1.0));
  PetscCall(MatNeumannFFTSetCoefficients(ct->pcw, 1.0 + sigma * ct->eps, ct->tau));
  PetscCall(MatNeumannFFTSetCoefficients(ct->pcc, 1.0 + sigma * ct->eps, 1.0));
  PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

/* x = (sigma I - A)^{-1} r exactly: n, then w, then c (block lower triangular), three cosine-transform solves */
static PetscErrorCode ChemotaxisPCApplyIMEX_Private(PC pc, Vec r, Vec x)
{
  Chemotaxis ct;

  PetscFunctionBegin;
  PetscCall(PCShellGetContext(pc, &ct));
  PetscCall(PetscLogEventBegin(CHEMOTAXIS_IMEXSolve, ct, r, x, 0));
  PetscCall(VecStrideGather(r, 0, ct->s1, INSERT_VALUES));
  PetscCall(MatMult(ct->pcn, ct->s1, ct->s2)); /* s2 = n */
  PetscCall(VecStrideScatter(ct->s2, 0, x, INSERT_VALUES));
  PetscCall(VecStrideGather(r, 2, ct->s1, INSERT_VALUES));
  PetscCall(VecAYPX(ct->s1, ct->eps, ct->s2));
  PetscCall(MatMult(ct->pcw, ct->s1, ct->s3)); /* s3 = w */
  PetscCall(VecStrideScatter(ct->s3, 2, x, INSERT_VALUES));
  PetscCall(VecStrideGather(r, 1, ct->s1, INSERT_VALUES));
  PetscCall(VecAYPX(ct->s1, ct->eps, ct->s3));
  PetscCall(MatMult(ct->pcc, ct->s1, ct->s2)); /* s2 = c */
  PetscCall(VecStrideScatter(ct->s2, 1, x, INSERT_VALUES));
  PetscCall(PetscLogEventEnd(CHEMOTAXIS_IMEXSolve, ct, r, x, 0));
  PetscFunctionReturn(0);
}

PetscErrorCode ChemotaxisSetUpIMEX_Private(Chemotaxis ct)
{
  MPI_Comm comm;
  SNES     snes;
  KSP      ksp;
  PC       pc;
  PetscInt m, M;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)ct, &comm));
  PetscCheck(ct->eps > 0, comm, PETSC_ERR_ARG_INCOMP, "The IMEX scheme (-chemotaxis_scheme imex) needs eps > 0 (it divides the signal equations by eps); for eps = 0 and the pes/ids limits use -chemotaxis_scheme implicit");
  PetscCall(MatCreateNeumannFFT(ct->da1, ct->L, 1.0, 1.0, &ct->pcn));
  PetscCall(MatCreateNeumannFFT(ct->da1, ct->L, 1.0, ct->tau, &ct->pcw));
  PetscCall(MatCreateNeumannFFT(ct->da1, ct->L, 1.0, 1.0, &ct->pcc));
  PetscCall(DMCreateGlobalVector(ct->da, &ct->imexwork));
  PetscCall(VecGetLocalSize(ct->imexwork, &m));
  PetscCall(VecGetSize(ct->imexwork, &M));
  PetscCall(MatCreateShell(comm, m, m, M, M, ct, &ct->Jimex));
  PetscCall(MatShellSetOperation(ct->Jimex, MATOP_MULT, (void (*)(void))ChemotaxisMatMultIMEX_Private));
  ct->sigma = 1.0;
  PetscCall(TSSetEquationType(ct->ts, TS_EQ_ODE_EXPLICIT)); /* identity mass: ARKIMEX may use its explicit first stage */
  PetscCall(TSSetType(ct->ts, TSARKIMEX));
  PetscCall(TSARKIMEXSetType(ct->ts, TSARKIMEX3));
  PetscCall(TSSetIFunction(ct->ts, NULL, ChemotaxisIFunctionIMEX_Private, ct));
  PetscCall(TSSetRHSFunction(ct->ts, NULL, ChemotaxisRHSFunctionIMEX_Private, ct));
  PetscCall(TSSetIJacobian(ct->ts, ct->Jimex, ct->Jimex, ChemotaxisIJacobianIMEX_Private, ct));
  PetscCall(TSGetSNES(ct->ts, &snes));
  PetscCall(SNESSetType(snes, SNESKSPONLY));
  PetscCall(SNESGetKSP(snes, &ksp));
  PetscCall(KSPSetType(ksp, KSPPREONLY));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCSHELL));
  PetscCall(PCShellSetContext(pc, ct));
  PetscCall(PCShellSetApply(pc, ChemotaxisPCApplyIMEX_Private));
  PetscCall(PCShellSetName(pc, "exact stage solve (sigma I - A)^{-1}: FFTW cosine-transform solves for n, w, c"));
  PetscFunctionReturn(0);
}

/* Largest step of the explicit drift: dt sum_d max_faces |c_{i+e_d} - c_i| / h_d^2 <= cfl (a face velocity |grad c|
   over the cell width; forward Euler with upwind drift keeps n >= 0 for cfl <= 1/2) */
PetscErrorCode ChemotaxisCFLStep_Private(Chemotaxis ct, Vec U, PetscReal *dt)
{
  Vec                Ul;
  const PetscScalar *u;
  ChemotaxisCorners  cr;
  PetscInt           gstride[3];
  PetscReal          vmax[3] = {0, 0, 0}, rate = 0;

  PetscFunctionBegin;
  PetscCall(ChemotaxisGetLocalState_Private(ct, U, &Ul, &cr, gstride));
  PetscCall(VecGetArrayRead(Ul, &u));
  for (PetscInt k = cr.zs; k < cr.zs + cr.zm; k++) {
    for (PetscInt j = cr.ys; j < cr.ys + cr.ym; j++) {
      for (PetscInt i = cr.xs; i < cr.xs + cr.xm; i++) {
        const PetscInt     idx[3] = {i, j, k};
        const PetscScalar *uc     = u + 3 * (((k - cr.gzs) * cr.gym + (j - cr.gys)) * cr.gxm + (i - cr.gxs));

        for (PetscInt d = 0; d < ct->dim; d++)
          if (idx[d] + 1 < ct->M[d]) vmax[d] = PetscMax(vmax[d], PetscAbsReal(uc[gstride[d] + 1] - uc[1]));
      }
    }
  }
  PetscCall(VecRestoreArrayRead(Ul, &u));
  PetscCall(DMRestoreLocalVector(ct->da, &Ul));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, vmax, 3, MPIU_REAL, MPIU_MAX, PetscObjectComm((PetscObject)ct)));
  for (PetscInt d = 0; d < ct->dim; d++) rate += vmax[d] / (ct->h[d] * ct->h[d]);
  *dt = rate > 0 ? ct->cfl / rate : PETSC_MAX_REAL;
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
  if (ct->positive && nmin < 0) {
    PetscScalar *u;
    PetscInt     n;
    PetscReal    m[2] = {0, 0};

    /* the step was accepted, so its negative values are rounding errors (> -CHEMOTAXIS_ROUNDOFF max n): set them to 0
       and restore the mass by scaling n (a relative change of the order of the rounding error) */
    PetscCall(VecGetLocalSize(U, &n));
    PetscCall(VecGetArray(U, &u));
    for (PetscInt i = 0; i < n; i += 3) {
      m[0] += PetscRealPart(u[i]);
      if (PetscRealPart(u[i]) < 0) u[i] = 0;
      m[1] += PetscRealPart(u[i]);
    }
    PetscCall(MPIU_Allreduce(MPI_IN_PLACE, m, 2, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)ct)));
    for (PetscInt i = 0; i < n; i += 3) u[i] *= m[0] / m[1];
    PetscCall(VecRestoreArray(U, &u));
    PetscCall(PetscInfo(ts, "Step %" PetscInt_FMT ": n in [%g, 0) set to 0 (rounding errors), mass restored by a factor 1 - %g\n", ts->steps, (double)nmin, (double)(1 - m[0] / m[1])));
    nmin = 0;
  }
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
  if (!*accept) PetscFunctionReturn(0);
  PetscCall(TSGetSolution(ts, &U));
  if (ct->positive) {
    PetscReal nmax;

    /* values in [-CHEMOTAXIS_ROUNDOFF max n, 0) are rounding errors of the linear solves (FFT solves leave noise of
       relative size 1e-16 where n vanishes); they are removed after the step (ChemotaxisPostStep_Private) */
    PetscCall(VecStrideMin(U, 0, NULL, &nmin));
    PetscCall(VecStrideMax(U, 0, NULL, &nmax));
    if (nmin < -CHEMOTAXIS_ROUNDOFF * nmax) {
      *accept = PETSC_FALSE;
      *next_h = PetscMin(*next_h, 0.5 * h);
      ct->nposrejects++;
      PetscCall(PetscInfo(ts, "Step %" PetscInt_FMT " at t = %g with dt = %g rejected: min n = %g < 0; retrying with dt = %g\n", ts->steps, (double)ts->ptime, (double)h, (double)nmin, (double)*next_h));
      PetscFunctionReturn(0);
    }
  }
  if (ct->scheme == CHEMOTAXIS_SCHEME_IMEX) {
    PetscReal dtcfl;

    /* explicit drift: the next step obeys the CFL bound of the accepted state */
    PetscCall(ChemotaxisCFLStep_Private(ct, U, &dtcfl));
    if (*next_h > dtcfl) {
      *next_h = dtcfl;
      ct->ncflcaps++;
    }
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
