/*
   bilevelcheck.h - pass/fail line shared by the bilevel tests (t6xx)
*/
#if !defined(BILEVELCHECK_H)
  #define BILEVELCHECK_H

  #include <petscsys.h>

/* Prints "what: pass|FAIL" and counts the failures */
static inline PetscErrorCode BilevelTestCheck(MPI_Comm comm, PetscBool ok, const char what[], PetscInt *nfail)
{
  PetscFunctionBegin;
  PetscCall(PetscPrintf(comm, "%s: %s\n", what, ok ? "pass" : "FAIL"));
  if (!ok) (*nfail)++;
  PetscFunctionReturn(0);
}

#endif
