/*
   statecontrol.c - pieces shared by the distributed state/control problems PDE (pde.c) and CONTROL (control.c):
   unknowns x = (y, u) interleaved on a dof-2 DMDA, constraints on the dof-1 DMDA of the same layout.

   NLPProblemAssembleStateControlJacobian_Private(): the constraint Jacobian s (-Delta_h) y + c u (2d+1-point
   Laplacian, zero Dirichlet boundary), rows on dac, columns on dax.

   NLPProblemSetStateControlSchur_Private(): the Schur approximation handed to TAOALSKETCH for its block preconditioner.
   With the Jacobian G = [J_y, J_u] (J_u diagonal) and the diagonal d = (d_y, d_u) of the (1,1) block, the Schur
   complement G diag(d)^-1 G^T = J_y D_y^-1 J_y^T + J_u D_u^-1 J_u^T is approximated, as Pearson and Wathen do for
   distributed control (the cross terms dropped), by
       S~ = F D_y^-1 F^T,   F = sigma J_y + E,   E = |J_u| sqrt(D_y / D_u)  (diagonal),
   sigma = +-1 the sign of J_y's diagonal (F then has a positive diagonal; S~ does not depend on the sign). Then
   S~^-1 r = F^-T D_y F^-1 r: two applications of one multigrid V-cycle on F (J_y symmetric for both problems, so F is
   symmetric and both applications use the same solve). For the mass-lumped control problem with alpha this is
   F = h^d (-Delta_h + 3 diag(y^2) + diag(sqrt((1 + 6 lambda y)/alpha))), whose eigenvalues bound those of S~^-1 S in
   [1/2, 1] independently of h (Pearson, Wathen, Numer. Linear Algebra Appl. 19 (2012) 816-829); so the number of
   preconditioned iterations does not grow under refinement as long as the F-solve is itself mesh-independent.
   The default F-solve is geometric multigrid (PCMG) on the grid of the constraints: the coarse grid of an N-point
   direction (interior points only, zero Dirichlet boundary) keeps the fine points 1, 3, 5, ... (floor(N/2) points,
   odd or even N), the interpolation is d-linear (the boundary contributes zero), the coarse operators are Galerkin
   products P^T F P (so the variable reaction 3 y^2 and the diagonal E are carried to every level; the hierarchy of
   interpolations is built once, the Galerkin products on every new F). Coarse grids follow the fine grid's
   partition (a coarse point lives on the rank of its fine point), coarsening stops when a direction would fall below
   2 points or a rank would own none. Level smoothers: Richardson with two symmetric SOR sweeps
   (PETSc's default Chebyshev/SOR let the inner counts grow by ~15 % per refinement). The KSP has the prefix
   <tao prefix>tao_alsketch_schur_ (default: one V-cycle on one rank, two V-cycles (Richardson) on several ranks, where
   SOR is rank-local; -tao_alsketch_schur_pc_type hypre|gamg selects algebraic multigrid instead).
*/
#include <nlpimpl.h>
#include <tesseraalsketch.h>
#include <petscdmda.h>

/*
  J = s (-Delta_h) in the y columns and c I in the u columns: row (i, j, k) has 2 dim s on the diagonal, -s for every
  interior neighbour and c in the control column (dim 2 or 3; dac a dof-1 DMDA, dax its dof-2 companion)
*/
PetscErrorCode NLPProblemAssembleStateControlJacobian_Private(NLPProblem nlp, DM dax, DM dac, PetscReal s, PetscReal c, Mat *J)
{
  PetscInt               dim, N, xs, ys, zs, xm, ym, zm, gxs, gys, gzs, gxm, gym, gzm;
  ISLocalToGlobalMapping lx, lc;

  PetscFunctionBegin;
  PetscCall(DMDAGetInfo(dac, &dim, &N, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAGetCorners(dac, &xs, &ys, &zs, &xm, &ym, &zm));
  PetscCall(DMDAGetGhostCorners(dac, &gxs, &gys, &gzs, &gxm, &gym, &gzm));
  PetscCall(MatCreateAIJ(nlp->comm, xm * ym * zm, 2 * xm * ym * zm, nlp->m, nlp->n, 2 * dim + 2, NULL, 2 * dim, NULL, J));
  PetscCall(DMGetLocalToGlobalMapping(dac, &lc));
  PetscCall(DMGetLocalToGlobalMapping(dax, &lx));
  PetscCall(MatSetLocalToGlobalMapping(*J, lc, lx));
  for (PetscInt k = zs; k < zs + zm; k++) {
    for (PetscInt j = ys; j < ys + ym; j++) {
      for (PetscInt i = xs; i < xs + xm; i++) {
        PetscInt    row = ((k - gzs) * gym + (j - gys)) * gxm + (i - gxs), cols[8], nc = 0;
        PetscInt    nb[6]  = {row - 1, row + 1, row - gxm, row + gxm, row - gxm * gym, row + gxm * gym};
        PetscBool   inb[6] = {i > 0, i<N - 1, j> 0, j < N - 1, dim == 3 && k > 0, dim == 3 && k < N - 1};
        PetscScalar v[8];

        cols[nc] = 2 * row;
        v[nc++]  = 2 * dim * s;
        cols[nc] = 2 * row + 1;
        v[nc++]  = c;
        for (PetscInt q = 0; q < 6; q++) {
          if (!inb[q]) continue;
          cols[nc] = 2 * nb[q];
          v[nc++]  = -s;
        }
        PetscCall(MatSetValuesLocal(*J, 1, &row, nc, cols, v, INSERT_VALUES));
      }
    }
  }
  PetscCall(MatAssemblyBegin(*J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(*J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

typedef struct {
  PetscBool constant, ready; /* the blocks do not change: set up once */
  IS        rows, isy, isu;  /* owned constraint rows; state and control columns of G */
  Mat       F;               /* sigma J_y + E */
  KSP       amg;             /* multigrid on F */
  Vec       dy, du, ju, e, t;
} NLPSchurCtx;

static PetscErrorCode NLPSchurSetUp_Private(Tao tao, Vec d, Mat G, void *ctx)
{
  NLPSchurCtx       *sc = (NLPSchurCtx *)ctx;
  Mat                Ju;
  Vec                sub;
  PetscReal          fmax, fmin, sigma;
  PetscScalar       *ea;
  const PetscScalar *dya, *dua, *jua;
  PetscInt           ml;

  PetscFunctionBegin;
  if (sc->constant && sc->ready) PetscFunctionReturn(0);
  if (!sc->rows) {
    PetscInt rs, re, cs, ce;

    PetscCall(MatGetOwnershipRange(G, &rs, &re));
    PetscCall(MatGetOwnershipRangeColumn(G, &cs, &ce));
    PetscCheck(ce - cs == 2 * (re - rs), PetscObjectComm((PetscObject)G), PETSC_ERR_ARG_SIZ, "State/control Schur approximation: %" PetscInt_FMT " local columns for %" PetscInt_FMT " local rows (expected twice as many)", ce - cs, re - rs);
    PetscCall(ISCreateStride(PetscObjectComm((PetscObject)G), re - rs, rs, 1, &sc->rows));
    PetscCall(ISCreateStride(PetscObjectComm((PetscObject)G), re - rs, cs, 2, &sc->isy));
    PetscCall(ISCreateStride(PetscObjectComm((PetscObject)G), re - rs, cs + 1, 2, &sc->isu));
  }
  PetscCall(MatDestroy(&sc->F));
  PetscCall(MatCreateSubMatrix(G, sc->rows, sc->isy, MAT_INITIAL_MATRIX, &sc->F));
  PetscCall(MatCreateSubMatrix(G, sc->rows, sc->isu, MAT_INITIAL_MATRIX, &Ju));
  if (!sc->ju) {
    PetscCall(MatCreateVecs(sc->F, &sc->ju, &sc->e));
    PetscCall(VecDuplicate(sc->ju, &sc->dy));
    PetscCall(VecDuplicate(sc->ju, &sc->du));
    PetscCall(VecDuplicate(sc->ju, &sc->t));
  }
  PetscCall(MatGetDiagonal(Ju, sc->ju));
  PetscCall(MatDestroy(&Ju));
  PetscCall(VecGetSubVector(d, sc->isy, &sub));
  PetscCall(VecCopy(sub, sc->dy));
  PetscCall(VecRestoreSubVector(d, sc->isy, &sub));
  PetscCall(VecGetSubVector(d, sc->isu, &sub));
  PetscCall(VecCopy(sub, sc->du));
  PetscCall(VecRestoreSubVector(d, sc->isu, &sub));
  PetscCall(MatGetDiagonal(sc->F, sc->e));
  PetscCall(VecMax(sc->e, NULL, &fmax));
  PetscCall(VecMin(sc->e, NULL, &fmin));
  sigma = (fmax <= 0.0 && fmin < 0.0) ? -1.0 : 1.0;
  PetscCall(VecGetLocalSize(sc->e, &ml));
  PetscCall(VecGetArrayRead(sc->dy, &dya));
  PetscCall(VecGetArrayRead(sc->du, &dua));
  PetscCall(VecGetArrayRead(sc->ju, &jua));
  PetscCall(VecGetArrayWrite(sc->e, &ea));
  for (PetscInt i = 0; i < ml; i++) ea[i] = PetscAbsScalar(jua[i]) * PetscSqrtReal(PetscRealPart(dya[i]) / PetscRealPart(dua[i]));
  PetscCall(VecRestoreArrayWrite(sc->e, &ea));
  PetscCall(VecRestoreArrayRead(sc->ju, &jua));
  PetscCall(VecRestoreArrayRead(sc->du, &dua));
  PetscCall(VecRestoreArrayRead(sc->dy, &dya));
  PetscCall(PetscLogFlops(4.0 * ml));
  if (sigma < 0.0) PetscCall(MatScale(sc->F, -1.0));
  PetscCall(MatDiagonalSet(sc->F, sc->e, ADD_VALUES));
  PetscCall(MatSetOption(sc->F, MAT_SYMMETRIC, PETSC_TRUE));
  PetscCall(KSPSetOperators(sc->amg, sc->F, sc->F));
  PetscCall(KSPSetUp(sc->amg));
  sc->ready = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* z = F^-T D_y F^-1 r (F symmetric) */
static PetscErrorCode NLPSchurApply_Private(void *ctx, Vec r, Vec z)
{
  NLPSchurCtx *sc = (NLPSchurCtx *)ctx;

  PetscFunctionBegin;
  PetscCall(KSPSolve(sc->amg, r, sc->t));
  PetscCall(VecPointwiseMult(sc->t, sc->t, sc->dy));
  PetscCall(KSPSolve(sc->amg, sc->t, z));
  PetscFunctionReturn(0);
}

static PetscErrorCode NLPSchurDestroy_Private(void **ctx)
{
  NLPSchurCtx *sc = (NLPSchurCtx *)*ctx;

  PetscFunctionBegin;
  if (!sc) PetscFunctionReturn(0);
  PetscCall(ISDestroy(&sc->rows));
  PetscCall(ISDestroy(&sc->isy));
  PetscCall(ISDestroy(&sc->isu));
  PetscCall(MatDestroy(&sc->F));
  PetscCall(KSPDestroy(&sc->amg));
  PetscCall(VecDestroy(&sc->dy));
  PetscCall(VecDestroy(&sc->du));
  PetscCall(VecDestroy(&sc->ju));
  PetscCall(VecDestroy(&sc->e));
  PetscCall(VecDestroy(&sc->t));
  PetscCall(PetscFree(*ctx));
  PetscFunctionReturn(0);
}

/*
  the d-linear interpolation from the coarse grid dc (floor(N/2) points per direction, coarse point J at fine point
  2J + 1) to the fine grid df, both dof-1 DMDAs with stencil width >= 1 and compatible partitions
*/
static PetscErrorCode NLPSchurInterpolation_Private(DM dc, DM df, Mat *P)
{
  PetscInt               dim, Nc, xs, ys, zs, xm, ym, zm, gxs, gys, gzs, gxm, gym, gzm, cxs, cys, czs, cxm, cym, czm;
  ISLocalToGlobalMapping lf, lc;

  PetscFunctionBegin;
  PetscCall(DMDAGetInfo(df, &dim, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAGetInfo(dc, NULL, &Nc, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAGetCorners(df, &xs, &ys, &zs, &xm, &ym, &zm));
  PetscCall(DMDAGetGhostCorners(df, &gxs, &gys, &gzs, &gxm, &gym, &gzm));
  PetscCall(DMDAGetCorners(dc, NULL, NULL, NULL, &cxm, &cym, &czm));
  PetscCall(MatCreateAIJ(PetscObjectComm((PetscObject)df), xm * ym * zm, cxm * cym * czm, PETSC_DETERMINE, PETSC_DETERMINE, 1 << dim, NULL, 1 << dim, NULL, P));
  PetscCall(DMDAGetGhostCorners(dc, &cxs, &cys, &czs, &cxm, &cym, &czm));
  PetscCall(DMGetLocalToGlobalMapping(df, &lf));
  PetscCall(DMGetLocalToGlobalMapping(dc, &lc));
  PetscCall(MatSetLocalToGlobalMapping(*P, lf, lc));
  for (PetscInt k = zs; k < zs + zm; k++) {
    for (PetscInt j = ys; j < ys + ym; j++) {
      for (PetscInt i = xs; i < xs + xm; i++) {
        PetscInt    f[3] = {i, j, k}, c[3][2], nc[3], row = ((k - gzs) * gym + (j - gys)) * gxm + (i - gxs), cols[8], n = 0;
        PetscInt    cs[3] = {cxs, cys, czs}, cw[3] = {cxm, cym, czm};
        PetscScalar w[3][2], v[8];

        for (PetscInt q = 0; q < 3; q++) {
          nc[q] = 0;
          if (q >= dim) { /* the third direction of a 2-D grid */
            c[q][nc[q]]   = 0;
            w[q][nc[q]++] = 1.0;
          } else if (f[q] % 2) { /* fine point 2J + 1: coarse point J */
            c[q][nc[q]]   = (f[q] - 1) / 2 - cs[q];
            w[q][nc[q]++] = 1.0;
          } else { /* between coarse points f/2 - 1 and f/2 (either may be the boundary) */
            if (f[q] / 2 - 1 >= 0) {
              c[q][nc[q]]   = f[q] / 2 - 1 - cs[q];
              w[q][nc[q]++] = 0.5;
            }
            if (f[q] / 2 < Nc) {
              c[q][nc[q]]   = f[q] / 2 - cs[q];
              w[q][nc[q]++] = 0.5;
            }
          }
        }
        for (PetscInt a = 0; a < nc[2]; a++) {
          for (PetscInt b = 0; b < nc[1]; b++) {
            for (PetscInt e = 0; e < nc[0]; e++) {
              cols[n] = (c[2][a] * cw[1] + c[1][b]) * cw[0] + c[0][e];
              v[n++]  = w[2][a] * w[1][b] * w[0][e];
            }
          }
        }
        PetscCall(MatSetValuesLocal(*P, 1, &row, n, cols, v, INSERT_VALUES));
      }
    }
  }
  PetscCall(MatAssemblyBegin(*P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(*P, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

/*
  PCMG on the grid dac: the hierarchy of coarse grids (see the file header) and their interpolations; the operators
  come from Galerkin products when the KSP gets F
*/
static PetscErrorCode NLPSchurSetUpMG_Private(PC pc, DM dac)
{
  PetscInt        dim, N, np[3], nlev = 1;
  const PetscInt *own[3];
  PetscInt       *lc[3][32];
  DM              da[32];
  Mat             P[32];
  MPI_Comm        comm = PetscObjectComm((PetscObject)dac);

  PetscFunctionBegin;
  PetscCall(DMDAGetInfo(dac, &dim, &N, NULL, NULL, &np[0], &np[1], &np[2], NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAGetOwnershipRanges(dac, &own[0], &own[1], &own[2]));
  da[0] = dac;
  PetscCall(PetscObjectReference((PetscObject)dac));
  for (PetscInt q = 0; q < 3; q++) { /* finest level: the grid's own partition */
    PetscCall(PetscMalloc1(np[q], &lc[q][0]));
    for (PetscInt r = 0; r < np[q]; r++) lc[q][0][r] = q < dim ? own[q][r] : 1;
  }
  for (PetscInt Nf = N; nlev < 32 && Nf / 2 >= 2; Nf /= 2) { /* coarse point J = fine point 2J + 1 */
    PetscBool ok = PETSC_TRUE;

    for (PetscInt q = 0; q < dim; q++) {
      PetscCall(PetscMalloc1(np[q], &lc[q][nlev]));
      for (PetscInt r = 0, s = 0; r < np[q]; s += lc[q][nlev - 1][r], r++) {
        lc[q][nlev][r] = (s + lc[q][nlev - 1][r]) / 2 - s / 2;
        if (lc[q][nlev][r] < 1) ok = PETSC_FALSE;
      }
    }
    for (PetscInt q = dim; q < 3; q++) lc[q][nlev] = NULL;
    if (!ok) {
      for (PetscInt q = 0; q < dim; q++) PetscCall(PetscFree(lc[q][nlev]));
      break;
    }
    if (dim == 2) PetscCall(DMDACreate2d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_BOX, Nf / 2, Nf / 2, np[0], np[1], 1, 1, lc[0][nlev], lc[1][nlev], &da[nlev]));
    else PetscCall(DMDACreate3d(comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_BOX, Nf / 2, Nf / 2, Nf / 2, np[0], np[1], np[2], 1, 1, lc[0][nlev], lc[1][nlev], lc[2][nlev], &da[nlev]));
    PetscCall(DMSetUp(da[nlev]));
    PetscCall(NLPSchurInterpolation_Private(da[nlev], da[nlev - 1], &P[nlev]));
    nlev++;
  }
  PetscCall(PCSetType(pc, PCMG));
  PetscCall(PCMGSetLevels(pc, nlev, NULL));
  PetscCall(PCMGSetType(pc, PC_MG_MULTIPLICATIVE));
  PetscCall(PCMGSetCycleType(pc, PC_MG_CYCLE_V));
  PetscCall(PCMGSetGalerkin(pc, PC_MG_GALERKIN_BOTH));
  for (PetscInt l = 1; l < nlev; l++) { /* PCMG level nlev - 1 is the finest */
    KSP smooth;
    PC  spc;

    PetscCall(PCMGSetInterpolation(pc, nlev - l, P[l]));
    PetscCall(PCMGGetSmoother(pc, nlev - l, &smooth)); /* two symmetric SOR sweeps before and after the correction */
    PetscCall(KSPSetType(smooth, KSPRICHARDSON));
    PetscCall(KSPSetTolerances(smooth, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 2));
    PetscCall(KSPGetPC(smooth, &spc));
    PetscCall(PCSetType(spc, PCSOR));
  }
  for (PetscInt l = 0; l < nlev; l++) {
    if (l) PetscCall(MatDestroy(&P[l]));
    PetscCall(DMDestroy(&da[l]));
    for (PetscInt q = 0; q < 3; q++) PetscCall(PetscFree(lc[q][l]));
  }
  PetscFunctionReturn(0);
}

/*
  give a TAOALSKETCH the Schur approximation of this state/control problem on the constraint grid dac (other Tao
  types: nothing)
*/
PetscErrorCode NLPProblemSetStateControlSchur_Private(NLPProblem nlp, Tao tao, DM dac, PetscBool constant)
{
  NLPSchurCtx *sc;
  PetscBool    isal;
  const char  *prefix;
  PC           pc;
  PetscMPIInt  size;

  PetscFunctionBegin;
  PetscCall(PetscObjectTypeCompare((PetscObject)tao, TAOALSKETCH, &isal));
  if (!isal) PetscFunctionReturn(0);
  PetscCall(PetscNew(&sc));
  sc->constant = constant;
  PetscCall(KSPCreate(nlp->comm, &sc->amg));
  PetscCall(TaoGetOptionsPrefix(tao, &prefix));
  PetscCall(KSPSetOptionsPrefix(sc->amg, prefix));
  PetscCall(KSPAppendOptionsPrefix(sc->amg, "tao_alsketch_schur_"));
  PetscCallMPI(MPI_Comm_size(nlp->comm, &size));
  if (size == 1) PetscCall(KSPSetType(sc->amg, KSPPREONLY)); /* one V-cycle */
  else { /* two V-cycles: the level smoothers' SOR is rank-local, one cycle lets the inner counts grow with N */ PetscCall(KSPSetType(sc->amg, KSPRICHARDSON));
    PetscCall(KSPSetTolerances(sc->amg, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 2));
    PetscCall(KSPSetNormType(sc->amg, KSP_NORM_NONE));
  }
  PetscCall(KSPGetPC(sc->amg, &pc));
  PetscCall(NLPSchurSetUpMG_Private(pc, dac));
  PetscCall(KSPSetFromOptions(sc->amg));
  PetscCall(TaoALSketchSetSchurApproximation(tao, NLPSchurSetUp_Private, NLPSchurApply_Private, NLPSchurDestroy_Private, sc));
  PetscFunctionReturn(0);
}
