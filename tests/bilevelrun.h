/*
   bilevelrun.h - one solve of a registered bilevel problem with default options, shared by the bilevel tests (t6xx)
*/
#if !defined(BILEVELRUN_H)
  #define BILEVELRUN_H

  #include <tessera.h>

typedef struct {
  BilevelConvergedReason reason;
  PetscInt               its;
  PetscReal              xe, ye, F; /* closed-form relative errors (-1 if unknown), final upper-level objective */
} BilevelTestRun;

/* sets the options (name value pairs, NULL-ended, or NULL), solves the problem with a solver of the given type and
   default options (maxit > 0: that iteration limit), clears the options */
static inline PetscErrorCode BilevelTestSolve(MPI_Comm comm, const char problem[], BilevelType type, PetscInt maxit, const char *opts[], BilevelTestRun *r)
{
  BilevelProblem prob;
  Bilevel        bl;
  PetscBool      known;

  PetscFunctionBegin;
  for (PetscInt i = 0; opts && opts[i]; i += 2) PetscCall(PetscOptionsSetValue(NULL, opts[i], opts[i + 1]));
  PetscCall(BilevelProblemCreate(comm, problem, &prob));
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetType(bl, type));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelProblemSetUpSolver(prob, bl));
  if (maxit > 0) PetscCall(BilevelSetTolerances(bl, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, maxit));
  PetscCall(BilevelSolve(bl));
  PetscCall(BilevelGetConvergedReason(bl, &r->reason));
  PetscCall(BilevelGetIterationNumber(bl, &r->its));
  PetscCall(BilevelGetObjectives(bl, &r->F, NULL));
  PetscCall(BilevelProblemComputeError(prob, bl, &r->xe, &r->ye, &known));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&prob));
  for (PetscInt i = 0; opts && opts[i]; i += 2) PetscCall(PetscOptionsClearValue(NULL, opts[i]));
  PetscFunctionReturn(0);
}

#endif
