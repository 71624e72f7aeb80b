/*
   bilevelproblemimpl.h - private data of the bilevel problem registry (never installed)
*/
#if !defined(BILEVELPROBLEMIMPL_H)
  #define BILEVELPROBLEMIMPL_H

  #include <tesseraimpl.h>
  #include <tesserabilevelproblems.h>

  /* for a small static driver that takes a per-entry function: inlining the driver into each caller lets the
   compiler inline the entry function too, as if the loop were written out in each caller */
  #if PetscHasAttribute(always_inline)
    #define BILEVELPROBLEM_INLINE inline __attribute__((always_inline))
  #else
    #define BILEVELPROBLEM_INLINE inline
  #endif

struct _p_BilevelProblem {
  MPI_Comm comm;
  char     name[64];
  Vec      x, y; /* solution Vecs handed to the solver (owned) */
  void    *data;
  PetscErrorCode (*setupsolver)(BilevelProblem, Bilevel);
  PetscErrorCode (*error)(BilevelProblem, Bilevel, PetscReal *, PetscReal *, PetscBool *);
  PetscErrorCode (*accuracy)(BilevelProblem, Bilevel, PetscReal *, PetscReal *, PetscBool *);
  PetscErrorCode (*baseline)(BilevelProblem, PetscReal *, PetscReal *, PetscBool *);
  PetscErrorCode (*lowergap)(BilevelProblem, Bilevel, PetscReal *, PetscReal *, PetscBool *);
  PetscErrorCode (*natural)(BilevelProblem, Vec, Vec *); /* y in natural order (problems that store y permuted) */
  PetscErrorCode (*view)(BilevelProblem, PetscViewer);
  PetscErrorCode (*destroy)(BilevelProblem);
};

TESSERA_INTERN PetscErrorCode BilevelProblemCreate_Toy(BilevelProblem);
TESSERA_INTERN PetscErrorCode BilevelProblemCreate_Quadratic(BilevelProblem);
TESSERA_INTERN PetscErrorCode BilevelProblemCreate_SVM(BilevelProblem);
TESSERA_INTERN PetscErrorCode BilevelProblemCreate_Cleaning(BilevelProblem);
TESSERA_INTERN PetscErrorCode BilevelProblemCreate_LLSC(BilevelProblem);
TESSERA_INTERN PetscErrorCode BilevelProblemCreate_Inequality(BilevelProblem);

#endif
