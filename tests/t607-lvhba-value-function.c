static char help[] = "LV-HBA proximal Lagrangian value function v_gamma: Danskin gradients against finite differences, Moreau envelope (spec section 6, item 4).\n\n";

/*
   x, theta in R^4 (one process), separable convex lower-level objective with coupling
     f(x, theta) = sum_i softplus(theta_i) + q_i theta_i^2 / 2 - a_i x_i theta_i,
   two coupled inequalities, one nonlinear in theta:
     g1 = |theta|^2 / 2 + d1^T x - 1 <= 0,   g2 = b^T theta - d2^T x <= 0.
   Checks:
   1. with the constraints: the gradients of v_gamma (x, y and z parts, Danskin's formulas of
      BilevelLVHBAComputeValueFunction()) agree with central differences (h = 1e-5) of v_gamma, inner saddle point
      solved to 1e-13, to 1e-6 relative; the multiplier lambda* is strictly inside the box in at least one
      component (the constraint term matters);
   2. the same with equality constraints (multiplier free in sign);
   3. without constraints, gamma1 = 1/2 and Y = [-1/2, 2]^4: v_gamma equals the Moreau envelope of f(x, .) + indicator
      of Y computed independently (per coordinate: Newton's method on the 1-D optimality condition, then clipping to
      the interval), value and y gradient to 1e-10, and the finite-difference check of 1 holds as well.
*/
#include <tessera.h>
#include "tesseratest.h"

#define M 4
static const PetscReal q[M] = {1, 2, 0.5, 1.5}, a[M] = {1, -0.5, 0.8, 0.3}, d1[M] = {0.3, -0.2, 0.1, 0.4}, b[M] = {1, 1, -1, 0.5}, d2[M] = {0.2, 0.1, 0.3, -0.1};

static PetscReal Softplus(PetscReal t) { return t > 0 ? t + PetscLogReal(1 + PetscExpReal(-t)) : PetscLogReal(1 + PetscExpReal(t)); }

static PetscReal Sigmoid(PetscReal t) { return 1 / (1 + PetscExpReal(-t)); }

static PetscErrorCode Upper(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(VecSet(gx, 0));
  PetscCall(VecSet(gy, 0));
  *F = 0;
  PetscFunctionReturn(0);
}

static PetscErrorCode Lower(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  const PetscScalar *xa, *ya;
  PetscScalar       *gxa, *gya;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayRead(y, &ya));
  PetscCall(VecGetArrayWrite(gx, &gxa));
  PetscCall(VecGetArrayWrite(gy, &gya));
  *f = 0;
  for (PetscInt i = 0; i < M; i++) {
    const PetscReal t = PetscRealPart(ya[i]), s = PetscRealPart(xa[i]);

    *f += Softplus(t) + 0.5 * q[i] * t * t - a[i] * s * t;
    gxa[i] = -a[i] * t;
    gya[i] = Sigmoid(t) + q[i] * t - a[i] * s;
  }
  PetscCall(VecRestoreArrayWrite(gy, &gya));
  PetscCall(VecRestoreArrayWrite(gx, &gxa));
  PetscCall(VecRestoreArrayRead(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscFunctionReturn(0);
}

static PetscErrorCode Constraints(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)
{
  const PetscScalar *xa, *ya;
  PetscScalar       *ga;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(x, &xa));
  PetscCall(VecGetArrayRead(y, &ya));
  PetscCall(VecGetArrayWrite(g, &ga));
  ga[0] = -1;
  ga[1] = 0;
  for (PetscInt i = 0; i < M; i++) {
    ga[0] += 0.5 * ya[i] * ya[i] + d1[i] * xa[i];
    ga[1] += b[i] * ya[i] - d2[i] * xa[i];
  }
  PetscCall(VecRestoreArrayWrite(g, &ga));
  PetscCall(VecRestoreArrayRead(y, &ya));
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscFunctionReturn(0);
}

static PetscErrorCode JacobianTranspose(Bilevel bl, Vec x, Vec y, Vec l, Vec jx, Vec jy, void *ctx)
{
  const PetscScalar *ya, *la;
  PetscScalar       *jxa, *jya;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(y, &ya));
  PetscCall(VecGetArrayRead(l, &la));
  PetscCall(VecGetArrayWrite(jx, &jxa));
  PetscCall(VecGetArrayWrite(jy, &jya));
  for (PetscInt i = 0; i < M; i++) {
    jxa[i] = la[0] * d1[i] - la[1] * d2[i];
    jya[i] = la[0] * ya[i] + la[1] * b[i];
  }
  PetscCall(VecRestoreArrayWrite(jy, &jya));
  PetscCall(VecRestoreArrayWrite(jx, &jxa));
  PetscCall(VecRestoreArrayRead(l, &la));
  PetscCall(VecRestoreArrayRead(y, &ya));
  PetscFunctionReturn(0);
}

static PetscErrorCode ProjectY(Bilevel bl, Vec y, void *ctx)
{
  PetscScalar *ya;

  PetscFunctionBegin;
  PetscCall(VecGetArray(y, &ya));
  for (PetscInt i = 0; i < M; i++) ya[i] = PetscMin(PetscMax(PetscRealPart(ya[i]), -0.5), 2.0);
  PetscCall(VecRestoreArray(y, &ya));
  PetscFunctionReturn(0);
}

/* largest relative difference between the gradient gv and central differences of v in each coordinate of p */
static PetscErrorCode FDCheck(Bilevel bl, Vec x, Vec y, Vec z, Vec p, Vec gv, PetscReal *relerr)
{
  PetscInt  n;
  PetscReal gn, err = 0, h = 1e-5;
  Vec       fd;

  PetscFunctionBegin;
  PetscCall(VecGetSize(p, &n));
  PetscCall(VecDuplicate(p, &fd));
  for (PetscInt i = 0; i < n; i++) {
    PetscReal vp, vm;

    PetscCall(VecSetValue(p, i, h, ADD_VALUES));
    PetscCall(VecAssemblyBegin(p));
    PetscCall(VecAssemblyEnd(p));
    PetscCall(BilevelLVHBAComputeValueFunction(bl, x, y, z, 1e-13, 100000, &vp, NULL, NULL, NULL));
    PetscCall(VecSetValue(p, i, -2 * h, ADD_VALUES));
    PetscCall(VecAssemblyBegin(p));
    PetscCall(VecAssemblyEnd(p));
    PetscCall(BilevelLVHBAComputeValueFunction(bl, x, y, z, 1e-13, 100000, &vm, NULL, NULL, NULL));
    PetscCall(VecSetValue(p, i, h, ADD_VALUES));
    PetscCall(VecAssemblyBegin(p));
    PetscCall(VecAssemblyEnd(p));
    PetscCall(VecSetValue(fd, i, (vp - vm) / (2 * h), INSERT_VALUES));
  }
  PetscCall(VecAssemblyBegin(fd));
  PetscCall(VecAssemblyEnd(fd));
  PetscCall(VecNorm(gv, NORM_2, &gn));
  PetscCall(VecAXPY(fd, -1, gv));
  PetscCall(VecNorm(fd, NORM_2, &err));
  *relerr = err / gn;
  PetscCall(VecDestroy(&fd));
  PetscFunctionReturn(0);
}

static PetscErrorCode SetPoint(Vec v, const PetscReal vals[])
{
  PetscScalar *va;
  PetscInt     n;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(v, &n));
  PetscCall(VecGetArrayWrite(v, &va));
  for (PetscInt i = 0; i < n; i++) va[i] = vals[i];
  PetscCall(VecRestoreArrayWrite(v, &va));
  PetscFunctionReturn(0);
}

/* x, y at the given point, the solver's own copies xs, ys, gradient Vecs gx, gy, and an LV-HBA solver with F and f */
static PetscErrorCode CreateProblem(MPI_Comm comm, const PetscReal x0[], const PetscReal y0[], Vec v[6], Bilevel *bl)
{
  PetscFunctionBegin;
  PetscCall(VecCreateMPI(comm, M, M, &v[0]));
  for (PetscInt i = 1; i < 6; i++) PetscCall(VecDuplicate(v[0], &v[i]));
  PetscCall(SetPoint(v[0], x0));
  PetscCall(SetPoint(v[1], y0));
  PetscCall(VecCopy(v[0], v[2]));
  PetscCall(VecCopy(v[1], v[3]));
  PetscCall(BilevelCreate(comm, bl));
  PetscCall(BilevelSetType(*bl, BILEVELLVHBA));
  PetscCall(BilevelSetSolution(*bl, v[2], v[3]));
  PetscCall(BilevelSetUpperObjective(*bl, NULL, NULL, Upper, NULL));
  PetscCall(BilevelSetLowerObjective(*bl, NULL, NULL, Lower, NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode DestroyProblem(Vec v[6], Bilevel *bl)
{
  PetscFunctionBegin;
  PetscCall(BilevelDestroy(bl));
  for (PetscInt i = 0; i < 6; i++) PetscCall(VecDestroy(&v[i]));
  PetscFunctionReturn(0);
}

/* Cases 1 and 2: gradients of v_gamma with the two constraints of the given type */
static PetscErrorCode CheckConstrained(MPI_Comm comm, BilevelConstraintType ctype)
{
  const PetscReal x0[M] = {0.5, -0.3, 0.8, 0.2}, y0[M] = {1.0, -0.5, 0.7, 1.2}, z0[2] = {0.5, 0.4};
  Bilevel         bl;
  Vec             vec[6], x, y, z, g, gx, gy, gz, lam;
  PetscReal       v, ex, ey, ez, r, gamma2;
  PetscBool       inside = PETSC_FALSE;
  char            what[128];

  PetscFunctionBegin;
  PetscCall(CreateProblem(comm, x0, y0, vec, &bl));
  x  = vec[0];
  y  = vec[1];
  gx = vec[4];
  gy = vec[5];
  PetscCall(VecCreateMPI(comm, 2, 2, &z));
  PetscCall(VecDuplicate(z, &g));
  PetscCall(VecDuplicate(z, &gz));
  PetscCall(SetPoint(z, z0));
  PetscCall(BilevelSetLowerConstraints(bl, g, ctype, Constraints, NULL));
  PetscCall(BilevelSetLowerConstraintsJacobianTranspose(bl, NULL, NULL, JacobianTranspose, NULL));
  PetscCall(BilevelSetUp(bl));
  PetscCall(BilevelLVHBAComputeValueFunction(bl, x, y, z, 1e-13, 100000, &v, gx, gy, gz));
  /* lambda* = Proj_Z(z + gamma2 g(x, theta*)) = z + gamma2 grad_z v */
  PetscCall(BilevelLVHBAGetProximal(bl, NULL, &gamma2));
  PetscCall(BilevelLVHBAGetPenalty(bl, NULL, NULL, &r));
  PetscCall(VecDuplicate(z, &lam));
  PetscCall(VecWAXPY(lam, gamma2, gz, z));
  {
    const PetscScalar *la;

    PetscCall(VecGetArrayRead(lam, &la));
    PetscCall(PetscPrintf(comm, "%s constraints: v_gamma = %.12f, lambda* = (%.6f, %.6f)\n", BilevelConstraintTypes[ctype], (double)v, (double)PetscRealPart(la[0]), (double)PetscRealPart(la[1])));
    for (PetscInt i = 0; i < 2; i++)
      if (PetscAbsReal(PetscRealPart(la[i])) > 1e-3 && PetscAbsReal(PetscRealPart(la[i])) < r) inside = PETSC_TRUE;
    PetscCall(VecRestoreArrayRead(lam, &la));
  }
  PetscCall(FDCheck(bl, x, y, z, x, gx, &ex));
  PetscCall(FDCheck(bl, x, y, z, y, gy, &ey));
  PetscCall(FDCheck(bl, x, y, z, z, gz, &ez));
  PetscCall(PetscPrintf(comm, "  relative differences to central differences: x %.2e, y %.2e, z %.2e\n", (double)ex, (double)ey, (double)ez));
  PetscCall(PetscSNPrintf(what, sizeof(what), "%s: a multiplier strictly inside its box", BilevelConstraintTypes[ctype]));
  PetscCall(TesseraTestCheck(comm, inside, "%s", what));
  PetscCall(PetscSNPrintf(what, sizeof(what), "%s: grad v_gamma (x, y, z) = central differences to 1e-6", BilevelConstraintTypes[ctype]));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(ex < 1e-6 && ey < 1e-6 && ez < 1e-6), "%s", what));
  PetscCall(DestroyProblem(vec, &bl));
  PetscCall(VecDestroy(&z));
  PetscCall(VecDestroy(&g));
  PetscCall(VecDestroy(&gz));
  PetscCall(VecDestroy(&lam));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const PetscReal    x0[M] = {0.5, -0.3, 0.8, 0.2}, y0[M] = {1.0, -2.0, 0.7, 1.2}, gamma1 = 0.5;
  MPI_Comm           comm;
  PetscMPIInt        size;
  PetscInt           nactive = 0;
  Bilevel            bl;
  Vec                vec[6], x, y, gx, gy;
  PetscReal          v, env = 0, ex, ey, eg = 0;
  const PetscScalar *gya;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCheck(size == 1, comm, PETSC_ERR_WRONG_MPI_SIZE, "t607 runs on one process");
  PetscCall(CheckConstrained(comm, BILEVEL_CONSTRAINT_INEQUALITY));
  PetscCall(CheckConstrained(comm, BILEVEL_CONSTRAINT_EQUALITY));

  /* 3. no constraints, Y = [-1/2, 2]^4: Moreau envelope of f(x, .) + indicator of Y */
  PetscCall(CreateProblem(comm, x0, y0, vec, &bl));
  x  = vec[0];
  y  = vec[1];
  gx = vec[4];
  gy = vec[5];
  PetscCall(BilevelSetLowerProjection(bl, ProjectY, NULL));
  PetscCall(BilevelLVHBASetProximal(bl, gamma1, 1));
  PetscCall(BilevelSetUp(bl));
  PetscCall(BilevelLVHBAComputeValueFunction(bl, x, y, NULL, 1e-13, 100000, &v, gx, gy, NULL));
  PetscCall(VecGetArrayRead(gy, &gya));
  for (PetscInt i = 0; i < M; i++) {
    /* minimise softplus(t) + q t^2/2 - a x t + (t - y)^2/(2 gamma1) over [-1/2, 2]: Newton, then clip */
    PetscReal t = y0[i];

    for (PetscInt k = 0; k < 50; k++) t -= (Sigmoid(t) + q[i] * t - a[i] * x0[i] + (t - y0[i]) / gamma1) / (Sigmoid(t) * (1 - Sigmoid(t)) + q[i] + 1 / gamma1);
    if (t < -0.5 || t > 2) nactive++;
    t = PetscMin(PetscMax(t, -0.5), 2.0);
    env += Softplus(t) + 0.5 * q[i] * t * t - a[i] * x0[i] * t + (t - y0[i]) * (t - y0[i]) / (2 * gamma1);
    eg = PetscMax(eg, PetscAbsReal(PetscRealPart(gya[i]) - (y0[i] - t) / gamma1));
  }
  PetscCall(VecRestoreArrayRead(gy, &gya));
  PetscCall(PetscPrintf(comm, "no constraints, gamma1 = 1/2, Y = [-1/2, 2]^4: v_gamma = %.12f, Moreau envelope %.12f (%" PetscInt_FMT " coordinates at a bound of Y), y gradient difference %.2e\n", (double)v, (double)env, nactive, (double)eg));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(nactive > 0), "a bound of Y active at the proximal point"));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(v - env) < 1e-10 * (1 + PetscAbsReal(env)) && eg < 1e-10), "v_gamma = Moreau envelope and grad_y v_gamma = (y - prox)/gamma1 to 1e-10"));
  PetscCall(FDCheck(bl, x, y, NULL, x, gx, &ex));
  PetscCall(FDCheck(bl, x, y, NULL, y, gy, &ey));
  PetscCall(PetscPrintf(comm, "  relative differences to central differences: x %.2e, y %.2e\n", (double)ex, (double)ey));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(ex < 1e-6 && ey < 1e-6), "no constraints: grad v_gamma (x, y) = central differences to 1e-6"));
  PetscCall(DestroyProblem(vec, &bl));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
