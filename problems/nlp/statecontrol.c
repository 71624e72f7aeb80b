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
   S~^-1 r = F^-T D_y F^-1 r: two applications of algebraic multigrid on F (J_y symmetric for both problems, so F is
   symmetric and both applications use the same solve). For the mass-lumped control problem with alpha this is
   F = h^d (-Delta_h + 3 diag(y^2) + diag(sqrt((1 + 6 lambda y)/alpha))), whose eigenvalues bound those of S~^-1 S in
   [1/2, 1] independently of h (Pearson, Wathen, Numer. Linear Algebra Appl. 19 (2012) 816-829); so the number of
   preconditioned iterations does not grow under refinement. The multigrid KSP has the prefix
   <tao prefix>tao_alsketch_schur_ (default: preonly, one BoomerAMG V-cycle, GAMG when PETSc has no hypre).
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

/* give a TAOALSKETCH the Schur approximation of this state/control problem (other Tao types: nothing) */
PetscErrorCode NLPProblemSetStateControlSchur_Private(NLPProblem nlp, Tao tao, PetscBool constant)
{
  NLPSchurCtx *sc;
  PetscBool    isal, hypre;
  const char  *prefix;
  PC           pc;

  PetscFunctionBegin;
  PetscCall(PetscObjectTypeCompare((PetscObject)tao, TAOALSKETCH, &isal));
  if (!isal) PetscFunctionReturn(0);
  PetscCall(PetscNew(&sc));
  sc->constant = constant;
  PetscCall(KSPCreate(nlp->comm, &sc->amg));
  PetscCall(TaoGetOptionsPrefix(tao, &prefix));
  PetscCall(KSPSetOptionsPrefix(sc->amg, prefix));
  PetscCall(KSPAppendOptionsPrefix(sc->amg, "tao_alsketch_schur_"));
  PetscCall(KSPSetType(sc->amg, KSPPREONLY));
  PetscCall(KSPGetPC(sc->amg, &pc));
  PetscCall(PetscHasExternalPackage("hypre", &hypre));
  PetscCall(PCSetType(pc, hypre ? PCHYPRE : PCGAMG));
  PetscCall(KSPSetFromOptions(sc->amg));
  PetscCall(TaoALSketchSetSchurApproximation(tao, NLPSchurSetUp_Private, NLPSchurApply_Private, NLPSchurDestroy_Private, sc));
  PetscFunctionReturn(0);
}
