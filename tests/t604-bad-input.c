static char help[] = "Bad input to the Bilevel class and the LIBSVM reader must raise clear errors.\n\n\
  -<case>  one of -sizemismatch -infeasible -malformed -missing -borepconstraints -unknownproblem (a flag, so that the\n           test harness passes a single argument)\n\n";

/*
   Each case raises one error, matched by the test registration (EXPECT_ERROR):
     sizemismatch      an upper-level gradient Vec of the wrong size given with the callback
     infeasible        LV-HBA started outside the feasible set C (toy problem, start moved off 1'x + 1'y = 0)
     malformed         a LIBSVM file whose line 3 has a token that is not index:value (the line number is reported)
     missing           a LIBSVM file that does not exist
     borepconstraints  BO-REP given lower-level constraints
     unknownproblem    an unregistered problem name
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode Quadratic(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  PetscReal nx, ny;

  PetscFunctionBegin;
  PetscCall(VecNorm(x, NORM_2, &nx));
  PetscCall(VecNorm(y, NORM_2, &ny));
  *f = 0.5 * (nx * nx + ny * ny);
  PetscCall(VecCopy(x, gx));
  PetscCall(VecCopy(y, gy));
  PetscFunctionReturn(0);
}

static PetscErrorCode Constraint(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)
{
  PetscScalar s;

  PetscFunctionBegin;
  PetscCall(VecSum(y, &s));
  PetscCall(VecSet(g, s));
  PetscFunctionReturn(0);
}

static PetscErrorCode ConstraintJT(Bilevel bl, Vec x, Vec y, Vec l, Vec jx, Vec jy, void *ctx)
{
  PetscScalar s;

  PetscFunctionBegin;
  PetscCall(VecSum(l, &s));
  PetscCall(VecSet(jx, 0));
  PetscCall(VecSet(jy, s));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const char *cases[6] = {"sizemismatch", "infeasible", "malformed", "missing", "borepconstraints", "unknownproblem"};
  char        name[64] = "sizemismatch";
  MPI_Comm    comm;
  Bilevel     bl;
  Vec         x, y, gbad, g;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Bad-input cases", "");
  for (PetscInt i = 0; i < 6; i++) {
    char      opt[80];
    PetscBool set = PETSC_FALSE;

    PetscCall(PetscSNPrintf(opt, sizeof(opt), "-%s", cases[i]));
    PetscCall(PetscOptionsBool(opt, "Run this bad-input case", "t604", set, &set, NULL));
    if (set) PetscCall(PetscStrncpy(name, cases[i], sizeof(name)));
  }
  PetscOptionsEnd();
  PetscCall(VecCreateMPI(comm, PETSC_DECIDE, 4, &x));
  PetscCall(VecCreateMPI(comm, PETSC_DECIDE, 6, &y));
  PetscCall(BilevelCreate(comm, &bl));
  if (!strcmp(name, "sizemismatch")) {
    PetscCall(VecCreateMPI(comm, PETSC_DECIDE, 5, &gbad));
    PetscCall(BilevelSetSolution(bl, x, y));
    PetscCall(BilevelSetUpperObjective(bl, gbad, NULL, Quadratic, NULL));
    PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, Quadratic, NULL));
    PetscCall(VecDestroy(&gbad));
    PetscCall(BilevelSetUp(bl));
  } else if (!strcmp(name, "infeasible")) {
    BilevelProblem prob;

    PetscCall(BilevelProblemCreate(comm, "toy", &prob));
    PetscCall(BilevelSetType(bl, BILEVELLVHBA));
    PetscCall(BilevelProblemSetUpSolver(prob, bl));
    PetscCall(BilevelGetSolution(bl, &gbad, NULL));
    PetscCall(VecShift(gbad, 1.0)); /* leaves C = {1'x + 1'y = 0} */
    PetscCall(BilevelSolve(bl));
    PetscCall(BilevelProblemDestroy(&prob));
  } else if (!strcmp(name, "malformed") || !strcmp(name, "missing")) {
    Mat         X;
    Vec         lab;
    PetscMPIInt rank;

    PetscCallMPI(MPI_Comm_rank(comm, &rank));
    if (rank == 0 && !strcmp(name, "malformed")) {
      FILE *fp = fopen("t604-malformed.libsvm", "w");

      PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot write the test file");
      fprintf(fp, "+1 1:0.5 2:-1\n-1 1:0.25 3:1\n+1 1:0.1 2 3:0.3\n");
      fclose(fp);
    }
    PetscCallMPI(MPI_Barrier(comm));
    PetscCall(TesseraLibSVMRead(comm, !strcmp(name, "malformed") ? "t604-malformed.libsvm" : "t604-does-not-exist.libsvm", &X, &lab));
    PetscCall(MatDestroy(&X));
    PetscCall(VecDestroy(&lab));
  } else if (!strcmp(name, "borepconstraints")) {
    PetscCall(BilevelSetType(bl, BILEVELBOREP));
    PetscCall(BilevelSetSolution(bl, x, y));
    PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, Quadratic, NULL));
    PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, Quadratic, NULL));
    PetscCall(VecCreateMPI(comm, PETSC_DECIDE, 1, &g));
    PetscCall(BilevelSetLowerConstraints(bl, g, BILEVEL_CONSTRAINT_INEQUALITY, Constraint, NULL));
    PetscCall(BilevelSetLowerConstraintsJacobianTranspose(bl, NULL, NULL, ConstraintJT, NULL));
    PetscCall(VecDestroy(&g));
    PetscCall(BilevelSetUp(bl));
  } else if (!strcmp(name, "unknownproblem")) {
    BilevelProblem prob;

    PetscCall(BilevelProblemCreate(comm, "nosuchproblem", &prob));
  }
  PetscCall(BilevelDestroy(&bl));
  PetscCall(VecDestroy(&x));
  PetscCall(VecDestroy(&y));
  /* reached only if the case raised no error: every case must end with its PETSc error above */
  PetscCall(TesseraTestCheck(comm, PETSC_FALSE, "case %s raised its error before this point", name));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
