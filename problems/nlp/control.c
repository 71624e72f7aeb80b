/*
   control.c - distributed control of a semilinear elliptic equation on a DMDA (2-D or 3-D):

       min_{y,u} h^d sum_i [ 1/2 (y_i - yd_i)^2 + alpha/2 u_i^2 ]
       s.t.      h^d ( (-Delta_h y)_i + y_i^3 - u_i ) = 0      at every interior point i,

   on the unit square or cube with N interior points per direction, h = 1/(N + 1), y = 0 on the boundary, the
   2d+1-point Laplacian, target yd(x) = A prod_k sin(pi x_k). The factor h^d makes the objective and the
   constraints discrete L2 inner products (mass-lumped finite elements), so the multipliers approximate the adjoint
   state and the Newton iteration sees the same problem on every mesh. Unknowns x = (y, u) interleaved on a dof-2
   DMDA (n = 2 N^d), constraints on a dof-1 DMDA with the same layout (m = N^d). Exact derivatives:
     grad f = h^d (y - yd, alpha u),   J = h^d [ -Delta_h + 3 diag(y^2), -I ],
     Hessian of f + lambda^T c: diag( h^d (1 + 6 lambda_i y_i), h^d alpha ).
   Start y = u = 0, lambda = 0. Options: -control_n <15>, -control_dim <2>, -control_alpha <1e-3>,
   -control_amplitude <10> (A: the larger, the more the cubic term matters).
*/
#include <nlpimpl.h>
#include <tesseraio.h>
#include <petscdmda.h>

typedef struct {
  PetscInt  N, dim;
  PetscReal h, hd, alpha, amp;
  DM        dax, dac; /* dof-2 (y, u) and dof-1 (constraints) grids */
  Mat       A;        /* the constant part of J: h^d [-Delta_h, -I] */
  Vec       yd;       /* target in the layout of x (u entries 0) */
  Vec       hdiag;    /* the Hessian's diagonal */
} ControlCtx;

static PetscErrorCode ControlObjGrad(Tao tao, Vec x, PetscReal *f, Vec g, void *ctx)
{
  ControlCtx        *pc = (ControlCtx *)((NLPProblem)ctx)->data;
  const PetscScalar *xa, *ya;
  PetscScalar       *ga;
  PetscInt           nloc;
  PetscReal          floc = 0.0;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(x, &nloc));
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayRead(pc->yd, &ya));
  PetscCall(VecGetArrayWrite(g, &ga));
  for (PetscInt k = 0; k < nloc; k += 2) {
    PetscReal d = PetscRealPart(xa[k] - ya[k]), u = PetscRealPart(xa[k + 1]);

    floc += pc->hd * (0.5 * d * d + 0.5 * pc->alpha * u * u);
    ga[k]     = pc->hd * d;
    ga[k + 1] = pc->hd * pc->alpha * u;
  }
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(VecRestoreArrayRead(pc->yd, &ya));
  PetscCall(VecRestoreArrayWrite(g, &ga));
  PetscCall(PetscLogFlops(10.0 * nloc));
  PetscCall(MPIU_Allreduce(&floc, f, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)x)));
  PetscFunctionReturn(0);
}

/* c = A x + h^d y^3 (the constraint rows are owned like the y entries of x) */
static PetscErrorCode ControlCon(Tao tao, Vec x, Vec c, void *ctx)
{
  ControlCtx        *pc = (ControlCtx *)((NLPProblem)ctx)->data;
  const PetscScalar *xa;
  PetscScalar       *ca;
  PetscInt           mloc;

  PetscFunctionBegin;
  PetscCall(MatMult(pc->A, x, c));
  PetscCall(VecGetLocalSize(c, &mloc));
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArray(c, &ca));
  for (PetscInt i = 0; i < mloc; i++) {
    PetscReal y = PetscRealPart(xa[2 * i]);

    ca[i] += pc->hd * y * y * y;
  }
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(VecRestoreArray(c, &ca));
  PetscCall(PetscLogFlops(4.0 * mloc));
  PetscFunctionReturn(0);
}

/* J = A + h^d diag(3 y^2) in the y columns */
static PetscErrorCode ControlJac(Tao tao, Vec x, Mat J, Mat Jpre, void *ctx)
{
  ControlCtx        *pc = (ControlCtx *)((NLPProblem)ctx)->data;
  const PetscScalar *xa;
  PetscInt           rs, re, mloc;

  PetscFunctionBegin;
  PetscCall(MatCopy(pc->A, J, SAME_NONZERO_PATTERN));
  PetscCall(MatGetOwnershipRange(J, &rs, &re));
  PetscCall(VecGetLocalSize(x, &mloc));
  mloc /= 2;
  PetscCall(VecGetArrayRead(x, &xa));
  for (PetscInt i = 0; i < mloc; i++) {
    PetscInt    row = rs + i, col = 2 * rs + 2 * i; /* x is owned like c, two entries per row */
    PetscReal   y = PetscRealPart(xa[2 * i]);
    PetscScalar v = 3.0 * pc->hd * y * y;

    PetscCall(MatSetValues(J, 1, &row, 1, &col, &v, ADD_VALUES));
  }
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  if (Jpre && Jpre != J) PetscCall(MatCopy(J, Jpre, SAME_NONZERO_PATTERN));
  PetscFunctionReturn(0);
}

/* the Hessian of f + lambda^T c with lambda from TaoGetDualVariables(): diagonal */
static PetscErrorCode ControlHess(Tao tao, Vec x, Mat H, Mat Hpre, void *ctx)
{
  NLPProblem         nlp = (NLPProblem)ctx;
  ControlCtx        *pc  = (ControlCtx *)nlp->data;
  const PetscScalar *xa, *la = NULL;
  PetscScalar       *da;
  Vec                DE, DI, d = pc->hdiag;
  PetscInt           nloc;

  PetscFunctionBegin;
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCall(VecGetLocalSize(x, &nloc));
  PetscCall(VecGetArrayRead(x, &xa));
  if (DE) PetscCall(VecGetArrayRead(DE, &la));
  PetscCall(VecGetArrayWrite(d, &da));
  for (PetscInt k = 0; k < nloc; k += 2) {
    PetscReal lam = la ? PetscRealPart(la[k / 2]) : 0.0;

    da[k]     = pc->hd * (1.0 + 6.0 * lam * PetscRealPart(xa[k]));
    da[k + 1] = pc->hd * pc->alpha;
  }
  PetscCall(VecRestoreArrayWrite(d, &da));
  if (DE) PetscCall(VecRestoreArrayRead(DE, &la));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(MatDiagonalSet(H, d, INSERT_VALUES));
  if (Hpre && Hpre != H) PetscCall(MatDiagonalSet(Hpre, d, INSERT_VALUES));
  PetscFunctionReturn(0);
}

static PetscErrorCode ControlSetUpTao(NLPProblem nlp, Tao tao)
{
  ControlCtx *pc = (ControlCtx *)nlp->data;

  PetscFunctionBegin;
  if (!nlp->xsol) {
    PetscInt     xs, ys, zs, xm, ym, zm, nloc;
    PetscScalar *ya;

    PetscCall(DMCreateGlobalVector(pc->dax, &nlp->xsol));
    PetscCall(DMCreateGlobalVector(pc->dac, &nlp->ce));
    PetscCall(VecDuplicate(nlp->ce, &nlp->lam0));
    PetscCall(VecDuplicate(nlp->xsol, &pc->yd));
    PetscCall(DMDAGetCorners(pc->dac, &xs, &ys, &zs, &xm, &ym, &zm));
    PetscCall(VecGetArrayWrite(pc->yd, &ya));
    nloc = 0;
    for (PetscInt k = zs; k < zs + zm; k++) {
      for (PetscInt j = ys; j < ys + ym; j++) {
        for (PetscInt i = xs; i < xs + xm; i++) {
          PetscReal v = pc->amp * PetscSinReal(PETSC_PI * (i + 1) * pc->h) * PetscSinReal(PETSC_PI * (j + 1) * pc->h);

          if (pc->dim == 3) v *= PetscSinReal(PETSC_PI * (k + 1) * pc->h);
          ya[nloc++] = v;
          ya[nloc++] = 0.0;
        }
      }
    }
    PetscCall(VecRestoreArrayWrite(pc->yd, &ya));
    PetscCall(NLPProblemAssembleStateControlJacobian_Private(nlp, pc->dax, pc->dac, pc->hd / (pc->h * pc->h), -pc->hd, &pc->A)); /* h^d [-Delta_h, -I] */
    PetscCall(MatDuplicate(pc->A, MAT_COPY_VALUES, &nlp->J));
    PetscCall(VecGetLocalSize(nlp->xsol, &nloc));
    PetscCall(MatCreateAIJ(nlp->comm, nloc, nloc, nlp->n, nlp->n, 1, NULL, 0, NULL, &nlp->H));
    PetscCall(MatSetOption(nlp->H, MAT_SYMMETRIC, PETSC_TRUE));
    PetscCall(VecDuplicate(nlp->xsol, &pc->hdiag));
    PetscCall(VecSet(pc->hdiag, 1.0));
    PetscCall(MatDiagonalSet(nlp->H, pc->hdiag, INSERT_VALUES));
  }
  PetscCall(VecSet(nlp->xsol, 0.0));
  PetscCall(VecSet(nlp->lam0, 0.0));
  PetscCall(TaoSetSolution(tao, nlp->xsol));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, ControlObjGrad, nlp));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, nlp->ce, ControlCon, nlp));
  PetscCall(TaoSetJacobianEqualityRoutine(tao, nlp->J, nlp->J, ControlJac, nlp));
  PetscCall(TaoSetHessian(tao, nlp->H, nlp->H, ControlHess, nlp));
  PetscCall(NLPProblemSetStateControlSchur_Private(nlp, tao, pc->dac, PETSC_FALSE)); /* J_y and the Hessian change with y, lambda */
  PetscFunctionReturn(0);
}

/* the problem's parameters (the figure script rebuilds the target from them) */
static PetscErrorCode ControlReport(NLPProblem nlp, Vec x, PetscViewer viewer)
{
  ControlCtx *pc = (ControlCtx *)nlp->data;
  PetscBool   isascii;

  PetscFunctionBegin;
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (isascii) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  %" PetscInt_FMT "-D, N = %" PetscInt_FMT " interior points per direction, alpha %g, target amplitude %g\n", pc->dim, pc->N, (double)pc->alpha, (double)pc->amp));
  } else {
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "control_n", PETSC_INT, &pc->N));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "control_dim", PETSC_INT, &pc->dim));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "control_alpha", PETSC_REAL, &pc->alpha));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "control_amplitude", PETSC_REAL, &pc->amp));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ControlDestroy(NLPProblem nlp)
{
  ControlCtx *pc = (ControlCtx *)nlp->data;

  PetscFunctionBegin;
  PetscCall(VecDestroy(&pc->yd));
  PetscCall(VecDestroy(&pc->hdiag));
  PetscCall(MatDestroy(&pc->A));
  PetscCall(DMDestroy(&pc->dax));
  PetscCall(DMDestroy(&pc->dac));
  PetscCall(PetscFree(nlp->data));
  PetscFunctionReturn(0);
}

PetscErrorCode NLPProblemCreate_Control(NLPProblem nlp)
{
  ControlCtx *pc;

  PetscFunctionBegin;
  PetscCall(PetscNew(&pc));
  pc->N     = 15;
  pc->dim   = 2;
  pc->alpha = 1e-3;
  pc->amp   = 10.0;
  PetscOptionsBegin(nlp->comm, NULL, "Semilinear elliptic control problem", "NLPProblem");
  PetscCall(TesseraOptionsIntInRange("-control_n", "Interior grid points per direction", "NLPProblemCreate", pc->N, &pc->N, NULL, 2, 32767));
  PetscCall(TesseraOptionsIntInRange("-control_dim", "Space dimension (2 or 3)", "NLPProblemCreate", pc->dim, &pc->dim, NULL, 2, 3));
  PetscCall(TesseraOptionsRealInRange("-control_alpha", "Tikhonov weight of the control", "NLPProblemCreate", pc->alpha, &pc->alpha, NULL, 1e-12, 1e12));
  PetscCall(TesseraOptionsRealInRange("-control_amplitude", "Amplitude A of the target A prod sin(pi x_k)", "NLPProblemCreate", pc->amp, &pc->amp, NULL, -1e6, 1e6));
  PetscOptionsEnd();
  PetscCheck(pc->dim == 2 || pc->N <= 1023, nlp->comm, PETSC_ERR_ARG_OUTOFRANGE, "-control_n %" PetscInt_FMT " with -control_dim 3: 2 N^3 unknowns exceed the 32-bit indices (N <= 1023)", pc->N);
  pc->h  = 1.0 / (pc->N + 1);
  pc->hd = pc->dim == 3 ? pc->h * pc->h * pc->h : pc->h * pc->h;
  if (pc->dim == 2) PetscCall(DMDACreate2d(nlp->comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, pc->N, pc->N, PETSC_DECIDE, PETSC_DECIDE, 2, 1, NULL, NULL, &pc->dax));
  else PetscCall(DMDACreate3d(nlp->comm, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DM_BOUNDARY_NONE, DMDA_STENCIL_STAR, pc->N, pc->N, pc->N, PETSC_DECIDE, PETSC_DECIDE, PETSC_DECIDE, 2, 1, NULL, NULL, NULL, &pc->dax));
  PetscCall(DMSetUp(pc->dax));
  PetscCall(DMDACreateCompatibleDMDA(pc->dax, 1, &pc->dac));
  nlp->data     = pc;
  nlp->n        = 2 * (pc->dim == 3 ? pc->N * pc->N * pc->N : pc->N * pc->N);
  nlp->m        = nlp->n / 2;
  nlp->hasfstar = PETSC_FALSE;
  nlp->setuptao = ControlSetUpTao;
  nlp->destroy  = ControlDestroy;
  nlp->report   = ControlReport;
  PetscFunctionReturn(0);
}
