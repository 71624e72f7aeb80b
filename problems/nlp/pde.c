/*
   pde.c - the PDE-constrained problem of the AdaSketch-Newton experiments on a distributed DMDA:

       min_{w,z} 1/2 ||w - w*||^2 + 0.1/2 ||z||^2   s.t.   Delta_h w + z = 0  on the N x N interior grid,

   h = 2/(N+1), w = 0 on the boundary, 5-point Laplacian, w*_ij = sin(4 + 0.1(i - (N+1)/2)/sqrt(15)) +
   cos(3 + 0.1(j - (N+1)/2)/sqrt(15)), i, j = 1..N. Unknowns x = (w, z) interleaved on a dof-2 DMDA (n = 2N^2),
   constraints on a dof-1 DMDA with the same layout (m = N^2). Start x0 = 1, lambda0 = 1 (as the authors).
   Options: -pde_n <3> the grid size, -pde_h2 to weight both norms by h^2 (a mesh-independent objective).
   A strictly convex QP: its optimum is the solution of one KKT system (no tabulated f*).
*/
#include <nlpimpl.h>
#include <petscdmda.h>

typedef struct {
  PetscInt  N;
  PetscBool h2;
  PetscReal h, wscale; /* mesh size and norm weight (1 or h^2) */
  DM        dax, dac;  /* dof-2 (w, z) and dof-1 (constraints) grids */
  Vec       wstar;     /* target in the layout of x (z entries 0) */
} PDECtx;

static PetscErrorCode PDEObjGrad(Tao tao, Vec x, PetscReal *f, Vec g, void *ctx)
{
  PDECtx            *pde = (PDECtx *)((NLPProblem)ctx)->data;
  const PetscScalar *xa, *wa;
  PetscScalar       *ga;
  PetscInt           nloc;
  PetscReal          floc = 0.0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &nloc));
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayRead(pde->wstar, &wa));
  PetscCall(VecGetArrayWrite(g, &ga));
  for (PetscInt k = 0; k < nloc; k += 2) {
    PetscReal d = PetscRealPart(xa[k] - wa[k]), z = PetscRealPart(xa[k + 1]);

    floc += pde->wscale * (0.5 * d * d + 0.05 * z * z);
    ga[k]     = pde->wscale * d;
    ga[k + 1] = pde->wscale * 0.1 * z;
  }
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(VecRestoreArrayRead(pde->wstar, &wa));
  PetscCall(VecRestoreArrayWrite(g, &ga));
  PetscCall(PetscLogFlops(8.0 * nloc));
  PetscCall(MPIU_Allreduce(&floc, f, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)x)));
  PetscFunctionReturn(0);
}

static PetscErrorCode PDECon(Tao tao, Vec x, Vec c, void *ctx)
{
  NLPProblem nlp = (NLPProblem)ctx;

  PetscFunctionBegin;
  PetscCall(MatMult(nlp->J, x, c));
  PetscFunctionReturn(0);
}

static PetscErrorCode PDEJac(Tao tao, Vec x, Mat J, Mat Jpre, void *ctx)
{
  PetscFunctionBegin; /* constant, assembled at setup */
  PetscFunctionReturn(0);
}

static PetscErrorCode PDEHess(Tao tao, Vec x, Mat H, Mat Hpre, void *ctx)
{
  PetscFunctionBegin; /* constant (linear constraints): assembled at setup */
  PetscFunctionReturn(0);
}

static PetscErrorCode PDESetUpTao(NLPProblem nlp, Tao tao)
{
  PDECtx *pde = (PDECtx *)nlp->data;

  PetscFunctionBegin;
  if (!nlp->xsol) {
    PetscInt       xs, ys, xm, ym, N = pde->N;
    PetscScalar ***w;
    PetscReal      ih2 = 1.0 / (pde->h * pde->h), a = 0.1 / PetscSqrtReal(15.0);

    PetscCall(DMCreateGlobalVector(pde->dax, &nlp->xsol));
    PetscCall(DMCreateGlobalVector(pde->dac, &nlp->ce));
    PetscCall(VecDuplicate(nlp->ce, &nlp->lam0));
    PetscCall(VecDuplicate(nlp->xsol, &pde->wstar));
    PetscCall(DMDAGetCorners(pde->dac, &xs, &ys, NULL, &xm, &ym, NULL));
    PetscCall(DMDAVecGetArrayDOF(pde->dax, pde->wstar, &w));
    for (PetscInt j = ys; j < ys + ym; j++) {
      for (PetscInt i = xs; i < xs + xm; i++) {
        w[j][i][0] = PetscSinReal(4 + a * (i + 1 - 0.5 * (N + 1))) + PetscCosReal(3 + a * (j + 1 - 0.5 * (N + 1)));
        w[j][i][1] = 0.0;
      }
    }
    PetscCall(DMDAVecRestoreArrayDOF(pde->dax, pde->wstar, &w));
    /* Jacobian [Delta_h, I] (rows on dac, columns on dax) and Hessian diag(1, 0.1) weighted */
    PetscCall(NLPProblemAssembleStateControlJacobian_Private(nlp, pde->dax, pde->dac, -ih2, 1.0, &nlp->J));
    PetscCall(DMCreateMatrix(pde->dax, &nlp->H));
    {
      Vec d;

      PetscCall(VecDuplicate(nlp->xsol, &d));
      for (PetscInt k = 0; k < 2; k++) PetscCall(VecStrideSet(d, k, pde->wscale * (k ? 0.1 : 1.0)));
      PetscCall(MatDiagonalSet(nlp->H, d, INSERT_VALUES));
      PetscCall(VecDestroy(&d));
    }
    PetscCall(MatSetOption(nlp->H, MAT_SYMMETRIC, PETSC_TRUE));
  }
  PetscCall(VecSet(nlp->xsol, 1.0));
  PetscCall(VecSet(nlp->lam0, 1.0));
  PetscCall(TaoSetSolution(tao, nlp->xsol));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, PDEObjGrad, nlp));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, nlp->ce, PDECon, nlp));
  PetscCall(TaoSetJacobianEqualityRoutine(tao, nlp->J, nlp->J, PDEJac, nlp));
  PetscCall(TaoSetHessian(tao, nlp->H, nlp->H, PDEHess, nlp));
  PetscCall(NLPProblemSetStateControlSchur_Private(nlp, tao, pde->dac, PETSC_TRUE)); /* constant KKT blocks: set up once */
  PetscFunctionReturn(0);
}

static PetscErrorCode PDEDestroy(NLPProblem nlp)
{
  PDECtx *pde = (PDECtx *)nlp->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&pde->wstar));
  PetscCall(DMDestroy(&pde->dax));
  PetscCall(DMDestroy(&pde->dac));
  PetscCall(PetscFree(nlp->data));
  PetscFunctionReturn(0);
}

PetscErrorCode NLPProblemCreate_PDE(NLPProblem nlp)
{
  PDECtx *pde;

  PetscFunctionBegin;
  PetscCall(PetscNew(&pde));
  pde->N  = 3;
  pde->h2 = PETSC_FALSE;
  PetscOptionsBegin(nlp->comm, NULL, "PDE-constrained problem", "NLPProblem");
  PetscCall(TesseraOptionsIntInRange("-pde_n", "Interior grid points per direction (2 N^2 unknowns: at most 32767)", "", pde->N, &pde->N, NULL, 2, 32767));
  PetscCall(PetscOptionsBool("-pde_h2", "Weight the norms of the objective by h^2", "", pde->h2, &pde->h2, NULL));
  PetscOptionsEnd();
  pde->h      = 2.0 / (pde->N + 1);
  pde->wscale = pde->h2 ? pde->h * pde->h : 1.0;
  PetscCall(DMDACreate2d(nlp->comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, pde->N, pde->N, PETSC_DECIDE, PETSC_DECIDE, 2, 1, NULL, NULL, &pde->dax));
  PetscCall(DMSetUp(pde->dax));
  PetscCall(DMDACreateCompatibleDMDA(pde->dax, 1, &pde->dac));
  nlp->data     = pde;
  nlp->n        = 2 * pde->N * pde->N;
  nlp->m        = pde->N * pde->N;
  nlp->hasfstar = PETSC_FALSE;
  nlp->setuptao = PDESetUpTao;
  nlp->destroy  = PDEDestroy;
  PetscFunctionReturn(0);
}
