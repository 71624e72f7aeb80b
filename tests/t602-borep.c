static char help[] = "BO-REP: hypergradient against finite differences of Phi, finite-difference Hessian products of order 2,\n\
normalised steps, and convergence to the closed-form solution of the quadratic problem.\n\n";

/*
   Checks (spec bilevel.md section 6, items 7-10):
   7. with y = y*(x) and z = [f_yy]^{-1} F_y exact, F_x - f_xy z equals grad Phi(x) from central differences of
      Phi(x) = F(x, y*(x)) to 1e-6 relative, on a non-quadratic strongly convex lower level
        f(x, y) = 1/2 |y|^2 + 1/12 sum y_i^4 - sum_i y_i tanh((B x)_i),  F(x, y) = 1/2 |y - t|^2 + rho/2 |x|^2;
   8. the Hessian-free products (central differences of gradients) match the analytic ones with observed order 2;
   9. every BO-REP step has length eta_k = eta/(k+1)^q to round-off;
  10. BO-REP with default options reaches |x - x*| <= 1e-3 |x*| on the registered quadratic problem, with the analytic
      Hessian products and with finite differences.
*/
#include <tessera.h>
#include "tesseratest.h"

#define NX 3
#define NY 4

typedef struct {
  PetscReal B[NY][NX], t[NY], rho;
} Ctx;

static void Inner(const Ctx *c, const PetscScalar *x, PetscReal u[NY])
{
  for (PetscInt i = 0; i < NY; i++) {
    u[i] = 0;
    for (PetscInt j = 0; j < NX; j++) u[i] += c->B[i][j] * PetscRealPart(x[j]);
  }
}

static PetscErrorCode Upper(Bilevel bl, Vec X, Vec Y, PetscReal *F, Vec gx, Vec gy, void *ptr)
{
  Ctx               *c = (Ctx *)ptr;
  const PetscScalar *x, *y;
  PetscScalar       *ax, *ay;

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArray(gx, &ax));
  PetscCall(VecGetArray(gy, &ay));
  *F = 0;
  for (PetscInt i = 0; i < NY; i++) {
    ay[i] = y[i] - c->t[i];
    *F += 0.5 * PetscSqr(PetscRealPart(ay[i]));
  }
  for (PetscInt j = 0; j < NX; j++) {
    ax[j] = c->rho * x[j];
    *F += 0.5 * c->rho * PetscSqr(PetscRealPart(x[j]));
  }
  PetscCall(VecRestoreArray(gx, &ax));
  PetscCall(VecRestoreArray(gy, &ay));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(0);
}

static PetscErrorCode Lower(Bilevel bl, Vec X, Vec Y, PetscReal *f, Vec gx, Vec gy, void *ptr)
{
  Ctx               *c = (Ctx *)ptr;
  const PetscScalar *x, *y;
  PetscScalar       *ax, *ay;
  PetscReal          u[NY];

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArray(gx, &ax));
  PetscCall(VecGetArray(gy, &ay));
  Inner(c, x, u);
  *f = 0;
  for (PetscInt j = 0; j < NX; j++) ax[j] = 0;
  for (PetscInt i = 0; i < NY; i++) {
    PetscReal yi = PetscRealPart(y[i]), th = PetscTanhReal(u[i]);

    *f += 0.5 * yi * yi + yi * yi * yi * yi / 12 - yi * th;
    ay[i] = yi + yi * yi * yi / 3 - th;
    for (PetscInt j = 0; j < NX; j++) ax[j] -= yi * (1 - th * th) * c->B[i][j];
  }
  PetscCall(VecRestoreArray(gx, &ax));
  PetscCall(VecRestoreArray(gy, &ay));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(0);
}

static PetscErrorCode Hess(Bilevel bl, Vec X, Vec Y, Vec V, Vec hx, Vec hy, void *ptr)
{
  Ctx               *c = (Ctx *)ptr;
  const PetscScalar *x, *y, *v;
  PetscScalar       *ax, *ay;
  PetscReal          u[NY];

  PetscFunctionBegin;
  PetscCall(VecGetArrayRead(X, &x));
  PetscCall(VecGetArrayRead(Y, &y));
  PetscCall(VecGetArrayRead(V, &v));
  PetscCall(VecGetArray(hx, &ax));
  PetscCall(VecGetArray(hy, &ay));
  Inner(c, x, u);
  for (PetscInt j = 0; j < NX; j++) ax[j] = 0;
  for (PetscInt i = 0; i < NY; i++) {
    PetscReal yi = PetscRealPart(y[i]), th = PetscTanhReal(u[i]);

    ay[i] = (1 + yi * yi) * v[i];
    for (PetscInt j = 0; j < NX; j++) ax[j] -= (1 - th * th) * c->B[i][j] * v[i];
  }
  PetscCall(VecRestoreArray(hx, &ax));
  PetscCall(VecRestoreArray(hy, &ay));
  PetscCall(VecRestoreArrayRead(V, &v));
  PetscCall(VecRestoreArrayRead(X, &x));
  PetscCall(VecRestoreArrayRead(Y, &y));
  PetscFunctionReturn(0);
}

/* y*(x): componentwise Newton on y + y^3/3 = tanh(u) */
static void LowerSolution(const Ctx *c, const PetscScalar *x, PetscReal y[NY])
{
  PetscReal u[NY];

  Inner(c, x, u);
  for (PetscInt i = 0; i < NY; i++) {
    PetscReal r = PetscTanhReal(u[i]);

    y[i] = r;
    for (PetscInt k = 0; k < 60; k++) y[i] -= (y[i] + y[i] * y[i] * y[i] / 3 - r) / (1 + y[i] * y[i]);
  }
}

static PetscReal Phi(const Ctx *c, const PetscScalar *x)
{
  PetscReal y[NY], F = 0;

  LowerSolution(c, x, y);
  for (PetscInt i = 0; i < NY; i++) F += 0.5 * PetscSqr(y[i] - c->t[i]);
  for (PetscInt j = 0; j < NX; j++) F += 0.5 * c->rho * PetscSqr(PetscRealPart(x[j]));
  return F;
}

typedef struct {
  Vec       xprev;
  PetscReal eta, q, maxdev;
} StepCtx;

static PetscErrorCode StepMonitor(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ptr)
{
  StepCtx  *s = (StepCtx *)ptr;
  Vec       x;
  PetscReal d;

  PetscFunctionBegin;
  PetscCall(BilevelGetSolution(bl, &x, NULL));
  PetscCall(VecAXPY(s->xprev, -1, x));
  PetscCall(VecNorm(s->xprev, NORM_2, &d));
  s->maxdev = PetscMax(s->maxdev, PetscAbsReal(d - s->eta / PetscPowReal(it + 1.0, s->q)));
  PetscCall(VecCopy(x, s->xprev));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm    comm;
  Ctx         c;
  Bilevel     bl;
  Vec         x, y, v, hx, hy, hx2, hy2, gx, gy;
  PetscRandom rnd;
  PetscScalar xs[NX] = {0.3, -0.2, 0.5}, xp[NX];
  PetscReal   ys[NY], err, nrm, e[3], order;
  StepCtx     sc;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_SELF;
  PetscCall(PetscRandomCreate(comm, &rnd));
  PetscCall(PetscRandomSetInterval(rnd, -1, 1));
  PetscCall(PetscRandomSetSeed(rnd, 602));
  PetscCall(PetscRandomSeed(rnd));
  for (PetscInt i = 0; i < NY; i++) {
    for (PetscInt j = 0; j < NX; j++) {
      PetscScalar r;

      PetscCall(PetscRandomGetValue(rnd, &r));
      c.B[i][j] = PetscRealPart(r);
    }
    c.t[i] = 0.5 * (i % 2 ? 1 : -1);
  }
  c.rho = 0.1;
  PetscCall(VecCreateSeq(comm, NX, &x));
  PetscCall(VecCreateSeq(comm, NY, &y));
  PetscCall(VecDuplicate(x, &hx));
  PetscCall(VecDuplicate(x, &hx2));
  PetscCall(VecDuplicate(x, &gx));
  PetscCall(VecDuplicate(y, &hy));
  PetscCall(VecDuplicate(y, &hy2));
  PetscCall(VecDuplicate(y, &gy));
  PetscCall(VecDuplicate(y, &v));
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, BILEVELBOREP));
  PetscCall(BilevelSetSolution(bl, x, y));
  PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, Upper, &c));
  PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, Lower, &c));
  PetscCall(BilevelSetLowerHessianProducts(bl, NULL, NULL, Hess, &c));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelSetUp(bl));

  /* 7. hypergradient at (x, y*(x), z*) against central differences of Phi */
  {
    PetscScalar       *ay, *av;
    PetscReal          F, fd[NX], h = 1e-5;
    const PetscScalar *a;

    PetscCall(VecSetValues(x, NX, (PetscInt[]){0, 1, 2}, xs, INSERT_VALUES));
    PetscCall(VecAssemblyBegin(x));
    PetscCall(VecAssemblyEnd(x));
    LowerSolution(&c, xs, ys);
    PetscCall(VecGetArray(y, &ay));
    for (PetscInt i = 0; i < NY; i++) ay[i] = ys[i];
    PetscCall(VecRestoreArray(y, &ay));
    PetscCall(Upper(bl, x, y, &F, gx, gy, &c));
    PetscCall(VecGetArray(v, &av));
    PetscCall(VecGetArrayRead(gy, &a));
    for (PetscInt i = 0; i < NY; i++) av[i] = a[i] / (1 + ys[i] * ys[i]); /* z* = f_yy^{-1} F_y */
    PetscCall(VecRestoreArrayRead(gy, &a));
    PetscCall(VecRestoreArray(v, &av));
    PetscCall(BilevelComputeLowerHessianProducts(bl, x, y, v, hx, hy));
    PetscCall(VecAXPY(gx, -1, hx)); /* F_x - f_xy z */
    for (PetscInt j = 0; j < NX; j++) {
      for (PetscInt k = 0; k < NX; k++) xp[k] = xs[k];
      xp[j] = xs[j] + h;
      fd[j] = Phi(&c, xp);
      xp[j] = xs[j] - h;
      fd[j] = (fd[j] - Phi(&c, xp)) / (2 * h);
    }
    PetscCall(VecGetArrayRead(gx, &a));
    err = 0;
    nrm = 0;
    for (PetscInt j = 0; j < NX; j++) {
      err += PetscSqr(PetscRealPart(a[j]) - fd[j]);
      nrm += PetscSqr(fd[j]);
    }
    PetscCall(VecRestoreArrayRead(gx, &a));
    err = PetscSqrtReal(err / nrm);
    PetscCall(TesseraTestCheck(comm, (PetscBool)(err < 1e-6), "hypergradient F_x - f_xy z* = grad Phi: relative error %.1e < 1e-6 against finite differences of Phi", (double)err));
  }

  /* 8. Hessian-free products: error of central differences against the callback, steps 1e-1, 5e-2, 2.5e-2 */
  PetscCall(VecSetRandom(v, rnd));
  PetscCall(BilevelSetHessianFiniteDifference(bl, PETSC_FALSE, PETSC_DEFAULT));
  PetscCall(BilevelComputeLowerHessianProducts(bl, x, y, v, hx, hy));
  for (PetscInt k = 0; k < 3; k++) {
    PetscReal ex, ey;

    PetscCall(BilevelSetHessianFiniteDifference(bl, PETSC_TRUE, 0.1 / PetscPowReal(2, k)));
    PetscCall(BilevelComputeLowerHessianProducts(bl, x, y, v, hx2, hy2));
    PetscCall(VecAXPY(hx2, -1, hx));
    PetscCall(VecAXPY(hy2, -1, hy));
    PetscCall(VecNorm(hx2, NORM_2, &ex));
    PetscCall(VecNorm(hy2, NORM_2, &ey));
    e[k] = PetscSqrtReal(ex * ex + ey * ey);
  }
  order = PetscLog2Real(e[1] / e[2]);
  PetscCall(PetscPrintf(comm, "finite-difference Hessian products: observed order %.1f\n", (double)order));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(PetscAbsReal(order - 2) < 0.2 && PetscAbsReal(PetscLog2Real(e[0] / e[1]) - 2) < 0.3), "observed order 2 in e"));
  PetscCall(BilevelSetHessianFiniteDifference(bl, PETSC_FALSE, 1e-5));

  /* 9. normalised steps: |x_{k+1} - x_k| = eta/(k+1)^q */
  PetscCall(VecSet(x, 0));
  PetscCall(VecSet(y, 0));
  PetscCall(VecDuplicate(x, &sc.xprev));
  PetscCall(VecCopy(x, sc.xprev));
  sc.eta    = 0.05;
  sc.q      = 0.5;
  sc.maxdev = 0;
  PetscCall(BilevelBOREPSetStepSizes(bl, sc.eta, 0.1, 0.1));
  PetscCall(BilevelBOREPSetSchedule(bl, 2, 5, 50, sc.q));
  PetscCall(BilevelSetTolerances(bl, 0, 0, 0, 0, 200));
  PetscCall(BilevelMonitorSet(bl, StepMonitor, &sc, NULL));
  PetscCall(BilevelSolve(bl));
  PetscCall(TesseraTestCheck(comm, (PetscBool)(sc.maxdev < 1e-12), "every step has length eta_k: max | |dx| - eta_k | = %.1e < 1e-12", (double)sc.maxdev));
  PetscCall(VecDestroy(&sc.xprev));
  PetscCall(BilevelDestroy(&bl));

  /* 10. default BO-REP on the registered quadratic problem, analytic and Hessian-free products */
  for (PetscInt fdmode = 0; fdmode < 2; fdmode++) {
    BilevelProblem prob;
    PetscReal      xe, ye;
    PetscBool      known;

    PetscCall(BilevelProblemCreate(PETSC_COMM_WORLD, "quadratic", &prob));
    PetscCall(BilevelCreate(PETSC_COMM_WORLD, &bl));
    PetscCall(BilevelSetType(bl, BILEVELBOREP));
    PetscCall(BilevelProblemSetUpSolver(prob, bl));
    PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 10000));
    PetscCall(BilevelSetHessianFiniteDifference(bl, fdmode ? PETSC_TRUE : PETSC_FALSE, PETSC_DEFAULT));
    PetscCall(BilevelSolve(bl));
    PetscCall(BilevelProblemComputeError(prob, bl, &xe, &ye, &known));
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(known && xe <= 1e-3), "BO-REP on the quadratic problem, %s products, 10000 iterations: |x - x*| = %.1e |x*| <= 1e-3 |x*|%s", fdmode ? "finite-difference" : "analytic", (double)xe,
                               known ? "" : " (x* not known)"));
    PetscCall(BilevelDestroy(&bl));
    PetscCall(BilevelProblemDestroy(&prob));
  }
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&y));
  PetscCall(VecDestroy(&v));
  PetscCall(VecDestroy(&hx));
  PetscCall(VecDestroy(&hy));
  PetscCall(VecDestroy(&hx2));
  PetscCall(VecDestroy(&hy2));
  PetscCall(VecDestroy(&gx));
  PetscCall(VecDestroy(&gy));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
