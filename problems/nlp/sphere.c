/*
   sphere.c - the closest point of the unit sphere, a distributed problem with a known solution and a large objective:

       min_x 1/2 ||x - a||^2   s.t.   ||x||^2 - 1 = 0,   a_i = s (1 + sin(i + 1)/2), i = 0..n-1,

   x0 = 1 (all ones), lambda0 = 0. Solution x* = a/||a||, lambda* = (||a|| - 1)/2, f* = (||a|| - 1)^2/2; the
   Hessian of the Lagrangian is (1 + 2 lambda) I. Options: -sphere_n <50> the dimension, -sphere_scale <10> s.
   With s = 10 and n = 50, f* is about 1.4e4: the merit's round-off (about 1e-12) hides the Armijo decrease
   (nu ||grad L||^2 / 2) once ||grad L|| is below about 1e-5, so the problem tests the outer loop's round-off-aware
   acceptance and its stagnation exit.
*/
#include <nlpimpl.h>

typedef struct {
  PetscReal s, anorm;
  Vec       a;
} SphereCtx;

static PetscErrorCode SphereObjGrad(Tao tao, Vec x, PetscReal *f, Vec g, void *ctx)
{
  SphereCtx *sp = (SphereCtx *)((NLPProblem)ctx)->data;
  PetscReal  nrm;

  PetscFunctionBegin;
  PetscCall(VecWAXPY(g, -1.0, sp->a, x));
  PetscCall(VecNorm(g, NORM_2, &nrm));
  *f = 0.5 * nrm * nrm;
  PetscFunctionReturn(0);
}

static PetscErrorCode SphereCon(Tao tao, Vec x, Vec c, void *ctx)
{
  PetscReal nrm;

  PetscFunctionBegin;
  PetscCall(VecNorm(x, NORM_2, &nrm));
  PetscCall(VecSet(c, nrm * nrm - 1.0));
  PetscFunctionReturn(0);
}

/* J = 2 x^T: one row (owned by the first rank), every rank sets its own columns */
static PetscErrorCode SphereJac(Tao tao, Vec x, Mat J, Mat Jpre, void *ctx)
{
  const PetscScalar *xa;
  PetscInt           rs, re, row = 0;

  PetscFunctionBegin;
  PetscCall(VecGetOwnershipRange(x, &rs, &re));
  PetscCall(VecGetArrayRead(x, &xa));
  for (PetscInt i = rs; i < re; i++) PetscCall(MatSetValue(J, row, i, 2.0 * xa[i - rs], INSERT_VALUES));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

/* Hessian of f + lambda c: (1 + 2 lambda) I */
static PetscErrorCode SphereHess(Tao tao, Vec x, Mat H, Mat Hpre, void *ctx)
{
  NLPProblem  nlp = (NLPProblem)ctx;
  Vec         DE, DI;
  PetscScalar lam;

  PetscFunctionBegin;
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCheck(DE, nlp->comm, PETSC_ERR_ORDER, "Problem %s: the Hessian of the Lagrangian needs the multipliers from TaoGetDualVariables(), which this Tao type does not provide", nlp->name);
  PetscCall(VecSum(DE, &lam));
  PetscCall(MatZeroEntries(H));
  PetscCall(MatShift(H, 1.0 + 2.0 * PetscRealPart(lam)));
  PetscFunctionReturn(0);
}

static PetscErrorCode SphereSetUpTao(NLPProblem nlp, Tao tao)
{
  SphereCtx *sp = (SphereCtx *)nlp->data;

  PetscFunctionBegin;
  if (!nlp->xsol) {
    PetscInt     rs, re, nl;
    PetscScalar *a;

    PetscCall(VecCreateMPI(nlp->comm, PETSC_DECIDE, nlp->n, &nlp->xsol));
    PetscCall(VecCreateMPI(nlp->comm, PETSC_DECIDE, nlp->m, &nlp->ce));
    PetscCall(VecDuplicate(nlp->xsol, &sp->a));
    PetscCall(VecGetOwnershipRange(sp->a, &rs, &re));
    PetscCall(VecGetArrayWrite(sp->a, &a));
    for (PetscInt i = rs; i < re; i++) a[i - rs] = sp->s * (1.0 + 0.5 * PetscSinReal((PetscReal)(i + 1)));
    PetscCall(VecRestoreArrayWrite(sp->a, &a));
    PetscCall(VecGetLocalSize(nlp->xsol, &nl));
    PetscCall(MatCreateAIJ(nlp->comm, PETSC_DECIDE, nl, nlp->m, nlp->n, nl, NULL, nlp->n - nl, NULL, &nlp->J));
    PetscCall(MatCreateAIJ(nlp->comm, nl, nl, nlp->n, nlp->n, 1, NULL, 0, NULL, &nlp->H));
    PetscCall(MatSetOption(nlp->H, MAT_SYMMETRIC, PETSC_TRUE));
    for (PetscInt i = rs; i < re; i++) PetscCall(MatSetValue(nlp->H, i, i, 1.0, INSERT_VALUES));
    PetscCall(MatAssemblyBegin(nlp->H, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(nlp->H, MAT_FINAL_ASSEMBLY));
    PetscCall(VecDuplicate(nlp->ce, &nlp->lam0));
  }
  PetscCall(VecSet(nlp->xsol, 1.0));
  PetscCall(VecSet(nlp->lam0, 0.0));
  PetscCall(TaoSetSolution(tao, nlp->xsol));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, SphereObjGrad, nlp));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, nlp->ce, SphereCon, nlp));
  PetscCall(TaoSetJacobianEqualityRoutine(tao, nlp->J, nlp->J, SphereJac, nlp));
  PetscCall(TaoSetHessian(tao, nlp->H, nlp->H, SphereHess, nlp));
  PetscFunctionReturn(0);
}

static PetscErrorCode SphereDestroy(NLPProblem nlp)
{
  SphereCtx *sp = (SphereCtx *)nlp->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&sp->a));
  PetscCall(PetscFree(nlp->data));
  PetscFunctionReturn(0);
}

PetscErrorCode NLPProblemCreate_Sphere(NLPProblem nlp)
{
  SphereCtx *sp;
  PetscInt   n  = 50;
  PetscReal  a2 = 0.0;

  PetscFunctionBegin;
  PetscCall(PetscNew(&sp));
  sp->s = 10.0;
  PetscOptionsBegin(nlp->comm, NULL, "Closest point of the unit sphere", "NLPProblem");
  PetscCall(TesseraOptionsIntInRange("-sphere_n", "Dimension", "", n, &n, NULL, 2, 100000000));
  PetscCall(TesseraOptionsRealPositive("-sphere_scale", "Scale s of the point a_i = s (1 + sin(i + 1)/2)", "", sp->s, &sp->s, NULL, 1e100));
  PetscOptionsEnd();
  for (PetscInt i = 0; i < n; i++) {
    PetscReal ai = sp->s * (1.0 + 0.5 * PetscSinReal((PetscReal)(i + 1)));

    a2 += ai * ai;
  }
  sp->anorm     = PetscSqrtReal(a2);
  nlp->data     = sp;
  nlp->n        = n;
  nlp->m        = 1;
  nlp->fstar    = 0.5 * (sp->anorm - 1.0) * (sp->anorm - 1.0);
  nlp->hasfstar = PETSC_TRUE;
  nlp->setuptao = SphereSetUpTao;
  nlp->destroy  = SphereDestroy;
  PetscFunctionReturn(0);
}
