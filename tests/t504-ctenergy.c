static char help[] = "Chemotaxis: the discrete free energy of the PES and Keller-Segel limits is non-increasing at every step (A4).\n\n";

/*
   For eps = 0 the signal is c = K_tau n exactly (K_tau = (I - Lap_h)^{-1} (I - tau Lap_h)^{-1}; tau = 0: Keller-Segel) and
     F[n] = sum_i |cell| ( n_i (log n_i - 1) - n_i c_i / 2 )
   is a Lyapunov functional of the limit system (dF/dt = -int n |grad(log n - c)|^2). Checks F(t_{k+1}) <= F(t_k) up to
   1e-10 |F| at every accepted step, and that F decreased overall.
*/
#include <tessera.h>
#include "tesseratest.h"

typedef struct {
  Chemotaxis ct;
  PetscReal  F0, Fprev, Flast;
  PetscBool  monotone;
} EnergyCtx;

static PetscErrorCode FreeEnergy(Chemotaxis ct, Vec U, PetscReal *F)
{
  const PetscScalar *u;
  PetscInt           n;
  PetscReal          vol, s = 0;

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisGetCellVolume(ct, &vol));
  PetscCall(VecGetLocalSize(U, &n));
  PetscCall(VecGetArrayRead(U, &u));
  for (PetscInt i = 0; i < n; i += 3) {
    PetscReal ni = PetscRealPart(u[i]), ci = PetscRealPart(u[i + 1]);

    s += (ni > 0 ? ni * (PetscLogReal(ni) - 1.0) : 0.0) - 0.5 * ni * ci;
  }
  PetscCall(VecRestoreArrayRead(U, &u));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &s, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)U)));
  *F = s * vol;
  PetscFunctionReturn(0);
}

static PetscErrorCode Monitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  EnergyCtx *ec = (EnergyCtx *)ptr;
  PetscReal  F;

  PetscFunctionBeginUser;
  PetscCall(FreeEnergy(ec->ct, U, &F));
  if (step == 0) ec->F0 = F;
  else if (F > ec->Fprev + 1e-10 * PetscAbsReal(ec->Fprev)) ec->monotone = PETSC_FALSE;
  ec->Fprev = F;
  ec->Flast = F;
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  EnergyCtx         ec;
  ChemotaxisProblem problem;
  TS                ts;
  Vec               U;
  PetscReal         eps;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, "cosine", &problem));
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ec.ct));
  PetscCall(ChemotaxisSetFromOptions(ec.ct));
  PetscCall(ChemotaxisSetUp(ec.ct));
  PetscCall(ChemotaxisGetParameters(ec.ct, &eps, NULL));
  PetscCheck(eps == 0, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "The free energy test is for the limits: use -chemotaxis_limit pes or ids");
  PetscCall(ChemotaxisGetTS(ec.ct, &ts));
  PetscCall(ChemotaxisCreateGlobalVector(ec.ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ec.ct, CHEMOTAXIS_INITIAL_WELL, U));
  ec.monotone = PETSC_TRUE;
  PetscCall(TSMonitorSet(ts, Monitor, &ec, NULL));
  PetscCall(ChemotaxisSolve(ec.ct, U));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, ec.monotone, "free energy non-increasing at every step"));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, ec.Flast < ec.F0, "free energy decreased over the run (%g -> %g)", (double)ec.F0, (double)ec.Flast));
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ec.ct));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
