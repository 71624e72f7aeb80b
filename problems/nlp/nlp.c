/*I "tesseranlpproblems.h" I*/
/*
   nlp.c - the NLPProblem registry (-problem NAME, -problem list) and the TAO adapter of small problems written on
   replicated dense arrays.

   Convention: the Hessian callback returns the Hessian of the Lagrangian f(x) + DE^T c(x), with DE from
   TaoGetDualVariables(), as TAOPDIPM expects (PETSc's src/tao/constrained/tutorials/ex1.c).
*/
#include <nlpimpl.h>
#include <tesseraalsketch.h>
#include <tesseraproblem.h>

static TesseraPackage NLPProblemPackage = {.name = "nlp", .problemset = "nlp"};

static PetscErrorCode NLPProblemInitializePackage_Hook(void)
{
  PetscFunctionBegin;
  PetscCall(NLPProblemRegisterHS_Private());
  PetscCall(NLPProblemRegisterBT_Private());
  PetscCall(NLPProblemRegisterNE_Private());
  PetscCall(NLPProblemRegisterBA_Private());
  PetscCall(NLPProblemRegister("PDE", NLPProblemCreate_PDE));
  PetscCall(NLPProblemRegister("SPHERE", NLPProblemCreate_Sphere));
  PetscCall(NLPProblemRegister("logreg", NLPProblemCreate_LogReg));
  PetscCall(NLPProblemRegister("CONTROL", NLPProblemCreate_Control));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemInitializePackage - Registers the problem set; called by its Register and Create routines and by TesseraInitialize()

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode NLPProblemInitializePackage(void)
{
  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&NLPProblemPackage, NULL, NULL, NLPProblemInitializePackage_Hook));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemRegister - Adds a problem to the registry

  Not Collective

  Input Parameters:
+ name   - the problem name (as used with -problem)
- create - the routine that fills the problem

  Level: advanced

.seealso: `NLPProblemCreate()`, `NLPProblemListView()`
@*/
PetscErrorCode NLPProblemRegister(const char name[], PetscErrorCode (*create)(NLPProblem))
{
  PetscFunctionBegin;
  PetscCall(NLPProblemInitializePackage());
  PetscCall(PetscFunctionListAdd(&NLPProblemPackage.list, name, create));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemGetNames - Gets the names of all registered problems, in registration order

  Not Collective

  Output Parameters:
+ n     - the number of problems
- names - their names, an array to free with `PetscFree()` (the strings belong to the registry; the array ends
          with NULL)

  Level: intermediate

.seealso: `NLPProblemListView()`
@*/
PetscErrorCode NLPProblemGetNames(PetscInt *n, const char ***names)
{
  const char **all;
  int          cnt;
  PetscInt     k = 0;

  PetscFunctionBegin;
  TesseraValidPointer(n, 1);
  TesseraValidPointer(names, 2);
  PetscCall(NLPProblemInitializePackage());
  PetscCall(PetscFunctionListGet(NLPProblemPackage.list, &all, &cnt));
  while (k < cnt && all[k]) k++;
  *n     = k;
  *names = all;
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemListView - Prints the registered problems with their sizes and known optima (-problem list)

  Collective

  Input Parameter:
. comm - the communicator

  Level: beginner

.seealso: `NLPProblemCreate()`
@*/
PetscErrorCode NLPProblemListView(MPI_Comm comm)
{
  const char **names;
  PetscInt     n;

  PetscFunctionBegin;
  PetscCall(NLPProblemGetNames(&n, &names));
  PetscCall(PetscPrintf(comm, "%-12s %5s %5s  %s\n", "problem", "n", "m", "known optimum f*"));
  for (PetscInt i = 0; i < n; i++) {
    NLPProblem nlp;

    PetscCall(NLPProblemCreate(comm, names[i], &nlp));
    if (nlp->hasfstar) PetscCall(PetscPrintf(comm, "%-12s %5" PetscInt_FMT " %5" PetscInt_FMT "  %.10g\n", nlp->name, nlp->n, nlp->m, (double)nlp->fstar));
    else PetscCall(PetscPrintf(comm, "%-12s %5" PetscInt_FMT " %5" PetscInt_FMT "  (computed by a direct KKT solve)\n", nlp->name, nlp->n, nlp->m));
    PetscCall(NLPProblemDestroy(&nlp));
  }
  PetscCall(PetscFree(names));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemCreate - Creates a registered problem

  Collective

  Input Parameters:
+ comm - the communicator
- name - the problem name

  Output Parameter:
. nlp - the problem

  Level: beginner

.seealso: `NLPProblemSetUpTao()`, `NLPProblemDestroy()`, `NLPProblemListView()`
@*/
PetscErrorCode NLPProblemCreate(MPI_Comm comm, const char name[], NLPProblem *nlp)
{
  PetscErrorCode (*create)(NLPProblem) = NULL;
  NLPProblem p;

  PetscFunctionBegin;
  TesseraValidPointer(nlp, 3);
  PetscCall(NLPProblemInitializePackage());
  PetscCall(TesseraProblemFind(comm, "nlp", name, (void (**)(void)) & create));
  PetscCall(PetscNew(&p));
  PetscCall(PetscStrncpy(p->name, name, sizeof(p->name)));
  p->comm = comm;
  PetscCall(create(p));
  PetscCheck(p->n > 0 && p->m > 0 && p->m <= p->n, comm, PETSC_ERR_PLIB, "Problem %s has invalid sizes n %" PetscInt_FMT " m %" PetscInt_FMT, name, p->n, p->m);
  p->x0scale   = 1.0;
  p->x0perturb = 0.0;
  p->x0seed    = 0;
  PetscOptionsBegin(comm, NULL, "Start point of an NLP problem", "NLPProblem");
  PetscCall(TesseraOptionsRealInRange("-nlp_x0_scale", "Start point scaled: x0 <- s x0", "NLPProblemCreate", p->x0scale, &p->x0scale, NULL, -1e6, 1e6));
  PetscCall(TesseraOptionsRealInRange("-nlp_x0_perturb", "Start point perturbed: x0 <- x0 + e (1 + |x0|) u, u uniform in [-1, 1]", "NLPProblemCreate", p->x0perturb, &p->x0perturb, NULL, 0.0, 1e6));
  PetscCall(TesseraOptionsIntInRange("-nlp_x0_seed", "Seed of the start point perturbation", "NLPProblemCreate", p->x0seed, &p->x0seed, NULL, 0, PETSC_MAX_INT));
  PetscOptionsEnd();
  *nlp = p;
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemDestroy - Destroys a problem

  Collective

  Input Parameter:
. nlp - the problem

  Level: beginner

.seealso: `NLPProblemCreate()`
@*/
PetscErrorCode NLPProblemDestroy(NLPProblem *nlp)
{
  NLPProblem p;

  PetscFunctionBegin;
  if (!nlp || !*nlp) PetscFunctionReturn(0);
  p = *nlp;
  if (p->destroy) PetscCall(p->destroy(p));
  PetscCall(PetscFree6(p->xd, p->gd, p->cd, p->Jd, p->Hd, p->ld));
  PetscCall(VecScatterDestroy(&p->xscat));
  PetscCall(VecScatterDestroy(&p->lscat));
  PetscCall(VecDestroy(&p->xseq));
  PetscCall(VecDestroy(&p->lseq));
  PetscCall(VecDestroy(&p->xsol));
  PetscCall(VecDestroy(&p->ce));
  PetscCall(VecDestroy(&p->lam0));
  PetscCall(MatDestroy(&p->J));
  PetscCall(MatDestroy(&p->H));
  PetscCall(PetscFree(p));
  *nlp = NULL;
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemGetName - Gets the problem name

  Not Collective

  Input Parameter:
. nlp - the problem

  Output Parameter:
. name - the name

  Level: beginner

.seealso: `NLPProblemCreate()`
@*/
PetscErrorCode NLPProblemGetName(NLPProblem nlp, const char **name)
{
  PetscFunctionBegin;
  *name = nlp->name;
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemGetSizes - Gets the numbers of variables and equality constraints

  Not Collective

  Input Parameter:
. nlp - the problem

  Output Parameters:
+ n - the number of variables
- m - the number of constraints

  Level: beginner

.seealso: `NLPProblemCreate()`
@*/
PetscErrorCode NLPProblemGetSizes(NLPProblem nlp, PetscInt *n, PetscInt *m)
{
  PetscFunctionBegin;
  if (n) *n = nlp->n;
  if (m) *m = nlp->m;
  PetscFunctionReturn(0);
}

/* -nlp_x0_scale / -nlp_x0_perturb moved the start point away from the problem's own */
static inline PetscBool NLPProblemStartChanged_Private(NLPProblem nlp) { return (PetscBool)(nlp->x0scale != 1.0 || nlp->x0perturb != 0.0); }

/*@C
  NLPProblemGetOptimum - Gets the known optimal value (the local minimum reached from the start point)

  Not Collective

  Input Parameter:
. nlp - the problem

  Output Parameters:
+ fstar - the optimal value
- known - whether it is known (otherwise compute it, e.g. by a direct KKT solve for a QP)

  Level: beginner

.seealso: `NLPProblemCreate()`
@*/
PetscErrorCode NLPProblemGetOptimum(NLPProblem nlp, PetscReal *fstar, PetscBool *known)
{
  PetscFunctionBegin;
  if (fstar) *fstar = nlp->fstar;
  if (known) *known = (PetscBool)(nlp->hasfstar && !NLPProblemStartChanged_Private(nlp)); /* another start may reach another local minimum */
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemGetInitialMultipliers - Gets the problem's initial multipliers, if it defines any

  Not Collective

  Input Parameter:
. nlp - the problem (after `NLPProblemSetUpTao()`)

  Output Parameter:
. lam0 - the multipliers, or NULL when the problem starts from lambda = 0 (do not destroy)

  Level: intermediate

.seealso: `NLPProblemSetUpTao()`, `TaoALSketchSetMultipliers()`
@*/
PetscErrorCode NLPProblemGetInitialMultipliers(NLPProblem nlp, Vec *lam0)
{
  PetscFunctionBegin;
  *lam0 = nlp->lam0;
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemGetJacobian - Gets the constraint Jacobian matrix the problem gives the Tao

  Not Collective

  Input Parameter:
. nlp - the problem (after `NLPProblemSetUpTao()`)

  Output Parameter:
. J - the m x n Jacobian (do not destroy); evaluate it with `TaoComputeJacobianEquality()`

  Level: intermediate

.seealso: `NLPProblemSetUpTao()`
@*/
PetscErrorCode NLPProblemGetJacobian(NLPProblem nlp, Mat *J)
{
  PetscFunctionBegin;
  *J = nlp->J;
  PetscFunctionReturn(0);
}

static PetscErrorCode NLPProblemGather_Private(VecScatter scat, Vec v, Vec seq, PetscReal *a, PetscInt n)
{
  const PetscScalar *s;

  PetscFunctionBegin;
  PetscCall(VecScatterBegin(scat, v, seq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(scat, v, seq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetArrayRead(seq, &s));
  for (PetscInt i = 0; i < n; i++) a[i] = PetscRealPart(s[i]);
  PetscCall(VecRestoreArrayRead(seq, &s));
  PetscFunctionReturn(0);
}

/* copy the owned part of a replicated array into a distributed vector */
static PetscErrorCode NLPProblemScatterBack_Private(const PetscReal *a, Vec v)
{
  PetscInt     rstart, rend;
  PetscScalar *s;

  PetscFunctionBegin;
  PetscCall(VecGetOwnershipRange(v, &rstart, &rend));
  PetscCall(VecGetArrayWrite(v, &s));
  for (PetscInt i = rstart; i < rend; i++) s[i - rstart] = a[i];
  PetscCall(VecRestoreArrayWrite(v, &s));
  PetscFunctionReturn(0);
}

/* set the owned rows of a distributed matrix from a replicated dense row-major array */
static PetscErrorCode NLPProblemSetDense_Private(Mat A, PetscInt ncols, const PetscReal *a, PetscInt *cols)
{
  PetscInt rstart, rend;

  PetscFunctionBegin;
  PetscCall(MatGetOwnershipRange(A, &rstart, &rend));
  for (PetscInt i = rstart; i < rend; i++) PetscCall(MatSetValues(A, 1, &i, ncols, cols, a + i * ncols, INSERT_VALUES));
  PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

static PetscErrorCode NLPProblemObjGrad_Dense(Tao tao, Vec x, PetscReal *f, Vec g, void *ctx)
{
  NLPProblem nlp = (NLPProblem)ctx;

  PetscFunctionBegin;
  PetscCall(NLPProblemGather_Private(nlp->xscat, x, nlp->xseq, nlp->xd, nlp->n));
  for (PetscInt i = 0; i < nlp->n; i++) nlp->gd[i] = 0.0;
  *f = 0.0;
  if (nlp->obj) PetscCall(nlp->obj(nlp->n, nlp->xd, f, nlp->gd));
  PetscCall(NLPProblemScatterBack_Private(nlp->gd, g));
  PetscFunctionReturn(0);
}

static PetscErrorCode NLPProblemCon_Dense(Tao tao, Vec x, Vec c, void *ctx)
{
  NLPProblem nlp = (NLPProblem)ctx;

  PetscFunctionBegin;
  PetscCall(NLPProblemGather_Private(nlp->xscat, x, nlp->xseq, nlp->xd, nlp->n));
  PetscCall(nlp->con(nlp->n, nlp->xd, nlp->cd, NULL));
  PetscCall(NLPProblemScatterBack_Private(nlp->cd, c));
  PetscFunctionReturn(0);
}

static PetscErrorCode NLPProblemJac_Dense(Tao tao, Vec x, Mat J, Mat Jpre, void *ctx)
{
  NLPProblem nlp = (NLPProblem)ctx;
  PetscInt  *cols;

  PetscFunctionBegin;
  PetscCall(NLPProblemGather_Private(nlp->xscat, x, nlp->xseq, nlp->xd, nlp->n));
  for (PetscInt i = 0; i < nlp->m * nlp->n; i++) nlp->Jd[i] = 0.0;
  PetscCall(nlp->con(nlp->n, nlp->xd, nlp->cd, nlp->Jd));
  PetscCall(PetscMalloc1(nlp->n, &cols));
  for (PetscInt j = 0; j < nlp->n; j++) cols[j] = j;
  PetscCall(NLPProblemSetDense_Private(J, nlp->n, nlp->Jd, cols));
  if (Jpre != J) PetscCall(NLPProblemSetDense_Private(Jpre, nlp->n, nlp->Jd, cols));
  PetscCall(PetscFree(cols));
  PetscFunctionReturn(0);
}

static PetscErrorCode NLPProblemHess_Dense(Tao tao, Vec x, Mat H, Mat Hpre, void *ctx)
{
  NLPProblem nlp = (NLPProblem)ctx;
  Vec        DE, DI;
  PetscInt  *cols;

  PetscFunctionBegin;
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCheck(DE, nlp->comm, PETSC_ERR_ORDER, "Problem %s: the Hessian of the Lagrangian needs the multipliers from TaoGetDualVariables(), which this Tao type does not provide", nlp->name);
  PetscCall(NLPProblemGather_Private(nlp->xscat, x, nlp->xseq, nlp->xd, nlp->n));
  PetscCall(NLPProblemGather_Private(nlp->lscat, DE, nlp->lseq, nlp->ld, nlp->m));
  for (PetscInt i = 0; i < nlp->n * nlp->n; i++) nlp->Hd[i] = 0.0;
  PetscCall(nlp->hess(nlp->n, nlp->xd, nlp->ld, nlp->Hd));
  PetscCall(PetscMalloc1(nlp->n, &cols));
  for (PetscInt j = 0; j < nlp->n; j++) cols[j] = j;
  PetscCall(NLPProblemSetDense_Private(H, nlp->n, nlp->Hd, cols));
  if (Hpre != H) PetscCall(NLPProblemSetDense_Private(Hpre, nlp->n, nlp->Hd, cols));
  PetscCall(PetscFree(cols));
  PetscFunctionReturn(0);
}

/* the Tao types that take these problems (equality constraints, no bounds): others are refused, never run */
static PetscErrorCode NLPProblemCheckTaoType_Private(NLPProblem nlp, Tao tao)
{
  const char *type;
  PetscBool   ok;

  PetscFunctionBegin;
  PetscCall(TaoGetType(tao, &type));
  if (!type) PetscFunctionReturn(0);
  PetscCall(PetscObjectTypeCompareAny((PetscObject)tao, &ok, "alsketch", TAOALMM, ""));
  PetscCheck(ok, nlp->comm, PETSC_ERR_SUP, "Problem %s has equality constraints and no variable bounds: Tao type %s cannot take it (TAOPDIPM needs bounds, the unconstrained types ignore constraints); use -tao_type alsketch or -tao_type almm",
             nlp->name, type);
  PetscFunctionReturn(0);
}

/* a value in [-1, 1] from (seed, global index) by the splitmix64 finalizer: the same on any number of ranks */
static PetscReal NLPProblemStartHash_Private(PetscInt seed, PetscInt i)
{
  unsigned long long z = 0x9e3779b97f4a7c15ULL * (unsigned long long)(seed + 1) + (unsigned long long)i;

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z = z ^ (z >> 31);
  return 2.0 * (PetscReal)(z >> 11) / 9007199254740992.0 - 1.0;
}

/* the start point of -nlp_x0_scale, -nlp_x0_perturb, -nlp_x0_seed applied to the Tao's solution vector */
static PetscErrorCode NLPProblemChangeStart_Private(NLPProblem nlp, Tao tao)
{
  Vec          x;
  PetscScalar *a;
  PetscInt     rstart, rend;

  PetscFunctionBegin;
  if (!NLPProblemStartChanged_Private(nlp)) PetscFunctionReturn(0);
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(VecGetOwnershipRange(x, &rstart, &rend));
  PetscCall(VecGetArray(x, &a));
  for (PetscInt i = rstart; i < rend; i++) {
    PetscReal v = nlp->x0scale * PetscRealPart(a[i - rstart]);

    a[i - rstart] = v + nlp->x0perturb * (1.0 + PetscAbsReal(v)) * NLPProblemStartHash_Private(nlp->x0seed, i);
  }
  PetscCall(VecRestoreArray(x, &a));
  PetscFunctionReturn(0);
}

/* run by TaoSetFromOptions() after -tao_type has been read */
static PetscErrorCode NLPProblemOptionsHandler_Private(PetscObject obj, PetscOptionItems *PetscOptionsObject, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(NLPProblemCheckTaoType_Private((NLPProblem)ctx, (Tao)obj));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemSetUpTao - Gives the problem to a Tao: start point, objective and gradient, equality constraints, their
  Jacobian and the Hessian of the Lagrangian

  Collective

  Input Parameters:
+ nlp - the problem
- tao - the Tao

  Level: beginner

  Notes:
  The Hessian is that of f(x) + DE^T c(x) with DE from `TaoGetDualVariables()` (TAOPDIPM's convention), so the
  same problem runs on TAOALSKETCH and TAOALMM (which does not use the Hessian). Other Tao types (TAOPDIPM needs
  variable bounds; the unconstrained types would ignore the constraints) are refused with an error, here and in
  `TaoSetFromOptions()`.

.seealso: `NLPProblemCreate()`, `TAOALSKETCH`
@*/
PetscErrorCode NLPProblemSetUpTao(NLPProblem nlp, Tao tao)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 2);
  PetscCall(NLPProblemCheckTaoType_Private(nlp, tao));
  PetscCall(PetscObjectAddOptionsHandler((PetscObject)tao, NLPProblemOptionsHandler_Private, NULL, nlp));
  PetscCall(PetscObjectSetName((PetscObject)tao, nlp->name)); /* the problem's identity in checkpoints (TaoALSketchSetCheckpoint()) */
  if (nlp->setuptao) {
    PetscCall(nlp->setuptao(nlp, tao));
    PetscCall(NLPProblemChangeStart_Private(nlp, tao));
    PetscFunctionReturn(0);
  }
  if (!nlp->xsol) {
    PetscCall(VecCreateMPI(nlp->comm, PETSC_DECIDE, nlp->n, &nlp->xsol));
    PetscCall(VecCreateMPI(nlp->comm, PETSC_DECIDE, nlp->m, &nlp->ce));
    PetscCall(VecScatterCreateToAll(nlp->xsol, &nlp->xscat, &nlp->xseq));
    PetscCall(VecScatterCreateToAll(nlp->ce, &nlp->lscat, &nlp->lseq));
    PetscCall(MatCreateAIJ(nlp->comm, PETSC_DECIDE, PETSC_DECIDE, nlp->m, nlp->n, nlp->n, NULL, nlp->n, NULL, &nlp->J));
    PetscCall(MatCreateAIJ(nlp->comm, PETSC_DECIDE, PETSC_DECIDE, nlp->n, nlp->n, nlp->n, NULL, nlp->n, NULL, &nlp->H));
    PetscCall(MatSetOption(nlp->H, MAT_SYMMETRIC, PETSC_TRUE));
    PetscCall(PetscMalloc6(nlp->n, &nlp->xd, nlp->n, &nlp->gd, nlp->m, &nlp->cd, nlp->m * nlp->n, &nlp->Jd, nlp->n * nlp->n, &nlp->Hd, nlp->m, &nlp->ld));
  }
  PetscCall(nlp->x0(nlp->n, nlp->xd));
  PetscCall(NLPProblemScatterBack_Private(nlp->xd, nlp->xsol));
  PetscCall(TaoSetSolution(tao, nlp->xsol));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, NLPProblemObjGrad_Dense, nlp));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, nlp->ce, NLPProblemCon_Dense, nlp));
  PetscCall(TaoSetJacobianEqualityRoutine(tao, nlp->J, nlp->J, NLPProblemJac_Dense, nlp));
  PetscCall(TaoSetHessian(tao, nlp->H, nlp->H, NLPProblemHess_Dense, nlp));
  PetscCall(NLPProblemChangeStart_Private(nlp, tao));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemCreateTao - Creates a Tao of a given type for the problem, with one KKT tolerance and, for
  `TAOALSKETCH`, the problem's initial multipliers

  Collective

  Input Parameters:
+ nlp   - the problem
. type  - the Tao type, e.g. `TAOALSKETCH` or `TAOALMM`
- gatol - the tolerance: gatol of `TaoSetTolerances()` (grtol = gttol = 0) and, for `TAOALMM`, also catol of
          `TaoSetConstraintTolerances()` (crtol = 0)

  Output Parameter:
. tao - the new Tao, given the problem by `NLPProblemSetUpTao()`

  Level: intermediate

  Notes:
  The options database is not read: call `TaoSetFromOptions()` afterwards if wanted. With `TAOALSKETCH` the
  multipliers of `NLPProblemGetInitialMultipliers()`, when the problem defines them, are set with
  `TaoALSketchSetMultipliers()`. Destroy the Tao with `TaoDestroy()` before `NLPProblemDestroy()`.

.seealso: `NLPProblemCreate()`, `NLPProblemSetUpTao()`, `NLPProblemGetInitialMultipliers()`, `TAOALSKETCH`
@*/
PetscErrorCode NLPProblemCreateTao(NLPProblem nlp, TaoType type, PetscReal gatol, Tao *tao)
{
  PetscBool isalmm, isalsketch;
  Vec       lam0;

  PetscFunctionBegin;
  PetscValidPointer(tao, 4);
  PetscCall(TaoCreate(nlp->comm, tao));
  PetscCall(TaoSetType(*tao, type));
  PetscCall(NLPProblemSetUpTao(nlp, *tao));
  PetscCall(TaoSetTolerances(*tao, gatol, 0.0, 0.0));
  PetscCall(PetscObjectTypeCompare((PetscObject)*tao, TAOALMM, &isalmm));
  if (isalmm) PetscCall(TaoSetConstraintTolerances(*tao, gatol, 0.0));
  PetscCall(PetscObjectTypeCompare((PetscObject)*tao, TAOALSKETCH, &isalsketch));
  if (isalsketch) {
    PetscCall(NLPProblemGetInitialMultipliers(nlp, &lam0));
    if (lam0) PetscCall(TaoALSketchSetMultipliers(*tao, lam0));
  }
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemComputeKKT - Computes f(x) and the KKT residual ||(grad f + J^T lambda, c)||_2 with the problem's own
  callbacks (independently of the solver)

  Collective

  Input Parameters:
+ nlp - the problem
. tao - a Tao given the problem by `NLPProblemSetUpTao()`
. x   - the point
- lam - the multipliers (sign: L = f + lambda^T c)

  Output Parameters:
+ f   - the objective
- kkt - the KKT residual

  Level: intermediate

.seealso: `NLPProblemSetUpTao()`
@*/
PetscErrorCode NLPProblemComputeKKT(NLPProblem nlp, Tao tao, Vec x, Vec lam, PetscReal *f, PetscReal *kkt)
{
  Vec       g, c;
  PetscReal gn, cn;

  PetscFunctionBegin;
  PetscCall(VecDuplicate(x, &g));
  PetscCall(VecDuplicate(lam, &c));
  PetscCall(TaoComputeObjectiveAndGradient(tao, x, f, g));
  PetscCall(TaoComputeEqualityConstraints(tao, x, c));
  PetscCall(TaoComputeJacobianEquality(tao, x, nlp->J, nlp->J));
  PetscCall(MatMultTransposeAdd(nlp->J, lam, g, g));
  PetscCall(VecNorm(g, NORM_2, &gn));
  PetscCall(VecNorm(c, NORM_2, &cn));
  *kkt = PetscSqrtReal(gn * gn + cn * cn);
  PetscCall(VecDestroy(&g));
  PetscCall(VecDestroy(&c));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemComputeLeastSquaresMultipliers - Computes lambda = argmin ||grad f(x) + G(x)^T lambda||_2 (KSPLSQR, options
  prefix -lsmult_), the multipliers that make the KKT residual of a point smallest; used to measure points returned by
  Tao types that keep their own multiplier conventions

  Collective

  Input Parameters:
+ nlp - the problem
. tao - a Tao given the problem by `NLPProblemSetUpTao()`
- x   - the point

  Output Parameter:
. lam - the multipliers (sign: L = f + lambda^T c)

  Level: intermediate

.seealso: `NLPProblemComputeKKT()`
@*/
PetscErrorCode NLPProblemComputeLeastSquaresMultipliers(NLPProblem nlp, Tao tao, Vec x, Vec lam)
{
  Vec       g;
  Mat       Gt;
  KSP       ksp;
  PC        pc;
  PetscReal f;

  PetscFunctionBegin;
  PetscCall(VecDuplicate(x, &g));
  PetscCall(TaoComputeObjectiveAndGradient(tao, x, &f, g));
  PetscCall(VecScale(g, -1.0));
  PetscCall(TaoComputeJacobianEquality(tao, x, nlp->J, nlp->J));
  PetscCall(MatTranspose(nlp->J, MAT_INITIAL_MATRIX, &Gt));
  PetscCall(KSPCreate(nlp->comm, &ksp));
  PetscCall(KSPSetType(ksp, KSPLSQR));
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PCSetType(pc, PCNONE));
  PetscCall(KSPSetOperators(ksp, Gt, Gt));
  PetscCall(KSPSetTolerances(ksp, 1e-14, 1e-30, PETSC_DEFAULT, 10000));
  PetscCall(KSPSetOptionsPrefix(ksp, "lsmult_"));
  PetscCall(KSPSetFromOptions(ksp));
  PetscCall(KSPSolve(ksp, g, lam));
  PetscCall(KSPDestroy(&ksp));
  PetscCall(MatDestroy(&Gt));
  PetscCall(VecDestroy(&g));
  PetscFunctionReturn(0);
}

/*@C
  NLPProblemReport - Reports the problem's own data and, given a point, problem-specific results there (for logreg:
  the data set, the seed and draw of the random constraints, and the training accuracy)

  Collective

  Input Parameters:
+ nlp    - the problem (after `NLPProblemSetUpTao()`)
. x      - the point (e.g. the solution), or NULL
- viewer - an ASCII viewer (lines printed) or an HDF5 viewer opened by `TesseraIOOpen()` (root attributes and datasets)

  Level: intermediate

  Note:
  Problems without such data print and write nothing.

.seealso: `NLPProblemSetUpTao()`, `TesseraIOOpen()`
@*/
PetscErrorCode NLPProblemReport(NLPProblem nlp, Vec x, PetscViewer viewer)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 3);
  if (nlp->report) PetscCall(nlp->report(nlp, x, viewer));
  PetscFunctionReturn(0);
}
