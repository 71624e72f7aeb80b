/*I "tessera.h" I*/
/*
   Atom class: radial atomic structure solvers (object management, options, viewing).

   The models are registered types (-atom_type, alias -atom_model); the Schroedinger model solves the
   hydrogen-like problem (-atom_xc none) and the non-relativistic Kohn-Sham LDA ground state of NIST SRD 141
   (-atom_xc lda) on high-order radial finite elements (see schroedinger.c).
*/
#include <atomimpl.h>

PetscClassId          ATOM_CLASSID = 0;
static TesseraPackage AtomPackage  = {.name = "atom", .classname = "Atom", .classid = &ATOM_CLASSID};
PetscLogEvent         ATOM_SetUp, ATOM_SCF, ATOM_Eigen, ATOM_Poisson;

const char *const        AtomXCTypes[]                  = {"none", "lda", "rlda", "AtomXCType", "ATOM_XC_", NULL};
const char *const        AtomEigenSolverTypes[]         = {"dense", "band", "AtomEigenSolverType", "ATOM_EIGEN_", NULL};
static const char *const AtomPresets[]                  = {"accurate", "fast", "AtomPreset", "ATOM_PRESET_", NULL};
static const char *const AtomConvergedReasons_Shifted[] = {"DIVERGED_ITS", "CONVERGED_ITERATING", "CONVERGED_TOL", "CONVERGED_LINEAR", "AtomConvergedReason", "ATOM_", NULL};
const char *const       *AtomConvergedReasons           = AtomConvergedReasons_Shifted + 1;

/*@C
  AtomInitializePackage - Registers the `Atom` class, its types and log events

  Not Collective

  Level: developer

.seealso: `AtomFinalizePackage()`, `TesseraInitialize()`
@*/
PetscErrorCode AtomInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {{ATOMSCHROEDINGER, (PetscVoidFunction)AtomCreate_Schroedinger}, {ATOMDIRAC, (PetscVoidFunction)AtomCreate_Dirac}, {NULL, NULL}};
  static const TesseraPackageEvent events[]  = {{"AtomSetUp", &ATOM_SetUp}, {"AtomSCF", &ATOM_SCF}, {"AtomEigen", &ATOM_Eigen}, {"AtomPoisson", &ATOM_Poisson}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&AtomPackage, entries, events, NULL));
  PetscFunctionReturn(0);
}

/*@C
  AtomRegister - Adds an `Atom` model

  Not Collective

  Input Parameters:
+ name   - the name of the model
- create - its creation routine

  Level: advanced

.seealso: `AtomSetType()`, `AtomRegisterAll()`
@*/
PetscErrorCode AtomRegister(const char name[], PetscErrorCode (*create)(Atom))
{
  PetscFunctionBegin;
  PetscCall(AtomInitializePackage());
  PetscCall(PetscFunctionListAdd(&AtomPackage.list, name, create));
  PetscFunctionReturn(0);
}

PetscErrorCode AtomRegisterAll(void)
{
  PetscFunctionBegin;
  PetscCall(AtomInitializePackage());
  PetscFunctionReturn(0);
}

static void AtomSetPreset_Private(Atom atom, PetscInt preset)
{
  if (atom->relativistic) { /* Dirac: first element [0, r0], then an exponential mesh r0 .. rmax */
    atom->rmax  = 50;
    atom->ratio = 1000;
    atom->ne    = 8;
    atom->p     = 24;
    atom->r0    = 0.005;
    atom->tol   = preset == 1 ? 1e-7 : 1e-9;
  } else if (preset == 1) { /* fast: 1e-6 Ha for every Z = 1..92 (83 unknowns) */
    atom->rmax  = 30;
    atom->ratio = 1000;
    atom->ne    = 7;
    atom->p     = 12;
    atom->tol   = 1e-7;
  } else { /* accurate: 1e-8 Ha for every Z = 1..92 (111 unknowns) */
    atom->rmax  = 40;
    atom->ratio = 1000;
    atom->ne    = 8;
    atom->p     = 14;
    atom->tol   = 1e-9;
  }
  atom->nq         = PETSC_DEFAULT;
  atom->porder     = PETSC_DEFAULT;
  atom->rmaxpreset = atom->rmax;
  atom->rmaxset    = PETSC_FALSE;
}

/*@
  AtomCreate - Creates a radial atomic structure solver

  Collective

  Input Parameter:
. comm - the communicator (the radial solve is serial: every rank computes the same result)

  Output Parameter:
. atom - the solver

  Level: beginner

.seealso: `AtomSetFromOptions()`, `AtomSolve()`, `AtomDestroy()`
@*/
PetscErrorCode AtomCreate(MPI_Comm comm, Atom *atom)
{
  Atom a;

  PetscFunctionBegin;
  TesseraValidPointer(atom, 2);
  *atom = NULL;
  PetscCall(AtomInitializePackage());
  PetscCall(PetscHeaderCreate(a, ATOM_CLASSID, "Atom", "Radial atomic structure solver", "Atom", comm, AtomDestroy, AtomView));
  a->Z           = 1;
  a->xc          = ATOM_XC_LDA;
  a->config[0]   = 0;
  a->hnmax       = 7;
  a->c           = 137.0359895;
  a->r0          = 0.005;
  a->eigen       = ATOM_EIGEN_BAND;
  a->warm        = 1e3;
  a->renorm      = PETSC_FALSE;
  a->rayleigh    = PETSC_TRUE;
  a->ldlt        = PETSC_TRUE;
  a->refine      = 1e-4;
  a->max_it      = 200;
  a->mix_alpha   = 0.5;
  a->mix_history = 8;
  a->vinit       = NULL;
  a->nvinit      = 0;
  a->monitor     = NULL;
  a->norb        = 0;
  a->etot        = 0;
  a->its         = 0;
  a->reason      = ATOM_CONVERGED_ITERATING;
  a->setupcalled = PETSC_FALSE;
  AtomSetPreset_Private(a, 0);
  *atom = a;
  PetscFunctionReturn(0);
}

/*@C
  AtomSetType - Selects the model (`ATOMSCHROEDINGER`)

  Collective

  Input Parameters:
+ atom - the solver
- type - the model

  Options Database Keys:
+ -atom_type <schroedinger> - the model
- -atom_model <schroedinger> - alias of -atom_type

  Level: beginner

.seealso: `AtomCreate()`, `AtomType`
@*/
PetscErrorCode AtomSetType(Atom atom, AtomType type)
{
  PetscErrorCode (*create)(Atom);
  PetscBool match;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidCharPointer(type, 2);
  PetscCall(PetscObjectTypeCompare((PetscObject)atom, type, &match));
  if (match) PetscFunctionReturn(0);
  PetscCall(PetscFunctionListFind(AtomPackage.list, type, &create));
  PetscCheck(create, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown atom model \"%s\" (known: " ATOMSCHROEDINGER ", " ATOMDIRAC ")", type);
  PetscTryTypeMethod(atom, destroy);
  atom->data = NULL;
  PetscCall(PetscMemzero(atom->ops, sizeof(struct _AtomOps)));
  atom->setupcalled  = PETSC_FALSE;
  atom->relativistic = PETSC_FALSE;
  PetscCall((*create)(atom));
  PetscCall(PetscObjectChangeTypeName((PetscObject)atom, type));
  AtomSetPreset_Private(atom, 0); /* the discretisation of the model (options and setters given later override it) */
  PetscFunctionReturn(0);
}

/*@C
  AtomGetType - Gets the model

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameter:
. type - the model

  Level: beginner

.seealso: `AtomSetType()`
@*/
PetscErrorCode AtomGetType(Atom atom, AtomType *type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  TesseraValidPointer(type, 2);
  *type = ((PetscObject)atom)->type_name;
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomMonitorDefault_Private(Atom atom, PetscInt it, PetscReal etot, PetscReal res, void *ctx)
{
  PetscFunctionBegin;
  PetscCall(PetscPrintf(PetscObjectComm((PetscObject)atom), "  %3" PetscInt_FMT " SCF E_tot %.12f residual %.3e\n", it, (double)etot, (double)res));
  PetscFunctionReturn(0);
}

/*@
  AtomSetFromOptions - Sets the model, the discretisation and the SCF parameters from the options database

  Collective

  Input Parameter:
. atom - the solver

  Options Database Keys:
+ -atom_type <schroedinger> - the model (alias -atom_model)
. -atom_z <1> - atomic number, 1..92
. -atom_xc <lda> - none (hydrogen-like), lda (with the Dirac model: the relativistic LDA) or rlda (Dirac model only)
. -atom_configuration <string> - occupations, e.g. "1s2 2s1" (default: the NIST ground state)
. -atom_hydrogenic_nmax <7> - hydrogen-like problem: all (n, l) with n <= nmax
. -atom_preset <accurate> - accurate (1e-8 Ha: rmax 40, a 1000, 8 elements, p 14) or fast (1e-6 Ha: rmax 30, a 1000, 7 elements, p 12)
. -atom_mesh_rmax <40> - radius of the domain
. -atom_mesh_ratio <1000> - last/first element length ratio
. -atom_mesh_elements <8> - number of elements
. -atom_order <14> - polynomial order p
. -atom_quadrature_points <2p+1> - Gauss-Legendre points per element
. -atom_poisson_order <q> - solve the Hartree problem by finite elements of order q instead of its exact integral form (default)
. -atom_eigensolver <band> - LAPACK kernel of the partial eigensolves (band: dsbevx eigenvalues to full relative accuracy + inverse iteration; dense: dsyevx, accurate only to eps ||H||)
. -atom_renormalize - normalise the orbitals by Gauss quadrature (instead of the GLL overlap) for the density
. -atom_rayleigh <true> - Schroedinger model: take the eigenvalues as Rayleigh quotients of the computed eigenvectors evaluated by quadrature (sum of w P'^2 and w V P^2), whose round-off stays ~1e-11 Ha for every order and element count; false: the band eigensolver's values (round-off ~1e-8 Ha at p = 60 with 60 elements)
. -atom_eigensolver_warm <1e3> - once the eigenvalues change less than this between SCF iterations, refine the previous eigenpairs by shift-and-invert instead of a new partial eigensolve (0: never)
. -atom_eigensolver_ldlt <true> - factor the shifted matrices by the symmetric band LDL^T without pivoting, falling back to the pivoted band LU on element growth
. -atom_eigensolver_refine <1e-4> - warm start (and every SCF solve of the Dirac model): accept the eigenpair once the Rayleigh-type shift update is below this (the eigenvalue error is then ~ update^3/gap^2 or smaller)
. -atom_tol <1e-9> - SCF tolerance on the changes of the eigenvalues and the total energy
. -atom_scf_max_it <200> - maximum number of SCF iterations
. -atom_mix_alpha <0.5> - Anderson mixing parameter
. -atom_mix_history <8> - Anderson history length
. -atom_monitor - print the SCF iterations
- -atom_view - view the solver after the solve

  Level: beginner

.seealso: `AtomCreate()`, `AtomSetUp()`
@*/
PetscErrorCode AtomSetFromOptions(Atom atom)
{
  char      type[256];
  PetscBool flg, flg2, monitor = PETSC_FALSE;
  PetscInt  preset = 0;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(AtomRegisterAll());
  PetscObjectOptionsBegin((PetscObject)atom);
  PetscCall(PetscOptionsFList("-atom_type", "Atom model", "AtomSetType", AtomPackage.list, ((PetscObject)atom)->type_name ? ((PetscObject)atom)->type_name : ATOMSCHROEDINGER, type, sizeof(type), &flg));
  PetscCall(PetscOptionsFList("-atom_model", "Atom model (alias of -atom_type)", "AtomSetType", AtomPackage.list, ((PetscObject)atom)->type_name ? ((PetscObject)atom)->type_name : ATOMSCHROEDINGER, type, sizeof(type), &flg2));
  if (flg || flg2) PetscCall(AtomSetType(atom, type));
  else if (!((PetscObject)atom)->type_name) PetscCall(AtomSetType(atom, ATOMSCHROEDINGER));
  PetscCall(PetscOptionsEList("-atom_preset", "Discretisation preset", "AtomSetMesh", AtomPresets, 2, AtomPresets[0], &preset, &flg));
  if (flg) AtomSetPreset_Private(atom, preset);
  PetscCall(TesseraOptionsIntInRange("-atom_z", "Atomic number", "AtomSetZ", atom->Z, &atom->Z, &flg, 1, 92));
  if (flg) PetscCall(AtomSetZ(atom, atom->Z));
  PetscCall(PetscOptionsEnum("-atom_xc", "Electron interaction", "AtomSetXC", AtomXCTypes, (PetscEnum)atom->xc, (PetscEnum *)&atom->xc, NULL));
  PetscCall(PetscOptionsString("-atom_configuration", "Orbital occupations", "AtomSetConfiguration", atom->config, atom->config, sizeof(atom->config), NULL));
  PetscCall(TesseraOptionsIntInRange("-atom_hydrogenic_nmax", "Largest n of the hydrogen-like states", "AtomSetHydrogenicMaxN", atom->hnmax, &atom->hnmax, NULL, 1, 10));
  PetscCall(TesseraOptionsRealPositive("-atom_mesh_rmax", "Radius of the domain", "AtomSetMesh", atom->rmax, &atom->rmax, &flg, 1e6));
  if (flg) atom->rmaxset = PETSC_TRUE;
  if (atom->relativistic) {
    PetscCall(TesseraOptionsRealPositive("-atom_mesh_r0", "Radius of the first element (Dirac)", "AtomSetMesh", atom->r0, &atom->r0, NULL, 1e3));
    PetscCall(TesseraOptionsRealPositive("-atom_speed_of_light", "Speed of light c (Dirac)", "AtomSetSpeedOfLight", atom->c, &atom->c, NULL, 1e12));
  }
  PetscCall(TesseraOptionsRealPositive("-atom_mesh_ratio", "Last/first element length ratio", "AtomSetMesh", atom->ratio, &atom->ratio, NULL, 1e12));
  PetscCall(TesseraOptionsIntInRange("-atom_mesh_elements", "Number of elements", "AtomSetMesh", atom->ne, &atom->ne, NULL, 1, 100000));
  PetscCall(TesseraOptionsIntInRange("-atom_order", "Polynomial order", "AtomSetOrder", atom->p, &atom->p, NULL, 1, 100));
  PetscCall(TesseraOptionsIntInRange("-atom_quadrature_points", "Gauss-Legendre points per element", "AtomSetQuadrature", atom->nq, &atom->nq, NULL, 1, 1000));
  PetscCall(TesseraOptionsIntInRange("-atom_poisson_order", "Polynomial order of the Poisson elements", "AtomSetUp", atom->porder, &atom->porder, NULL, 1, 100));
  PetscCall(PetscOptionsEnum("-atom_eigensolver", "Partial eigensolver", "AtomSetEigenSolver", AtomEigenSolverTypes, (PetscEnum)atom->eigen, (PetscEnum *)&atom->eigen, NULL));
  PetscCall(TesseraOptionsRealInRange("-atom_eigensolver_warm", "Warm-start the eigensolves below this eigenvalue change (0: never)", "AtomSetEigenSolver", atom->warm, &atom->warm, NULL, 0, 1e6));
  PetscCall(PetscOptionsBool("-atom_renormalize", "Normalise the orbitals by Gauss quadrature for the density", "AtomSetUp", atom->renorm, &atom->renorm, NULL));
  PetscCall(PetscOptionsBool("-atom_rayleigh", "Eigenvalues as Rayleigh quotients of the eigenvectors, by quadrature", "AtomSetUp", atom->rayleigh, &atom->rayleigh, NULL));
  PetscCall(PetscOptionsBool("-atom_eigensolver_ldlt", "Shift-and-invert with the symmetric band LDL^T (pivoted LU on element growth)", "AtomSetEigenSolver", atom->ldlt, &atom->ldlt, NULL));
  PetscCall(TesseraOptionsRealPositive("-atom_eigensolver_refine", "Warm start: accept the eigenpair once the shift update is below this", "AtomSetEigenSolver", atom->refine, &atom->refine, NULL, 1));
  PetscCall(TesseraOptionsRealPositive("-atom_tol", "SCF tolerance", "AtomSetTolerance", atom->tol, &atom->tol, NULL, 1));
  PetscCall(TesseraOptionsIntInRange("-atom_scf_max_it", "Maximum SCF iterations", "AtomSetMaxIterations", atom->max_it, &atom->max_it, NULL, 1, PETSC_MAX_INT));
  PetscCall(TesseraOptionsRealPositive("-atom_mix_alpha", "Anderson mixing parameter", "AtomSetMixing", atom->mix_alpha, &atom->mix_alpha, NULL, 1));
  PetscCall(TesseraOptionsIntInRange("-atom_mix_history", "Anderson history length (0: linear mixing)", "AtomSetMixing", atom->mix_history, &atom->mix_history, NULL, 0, 30));
  PetscCall(PetscOptionsBool("-atom_monitor", "Print the SCF iterations", "AtomMonitorSet", monitor, &monitor, NULL));
  PetscCall(PetscOptionsName("-atom_view", "View the solver after the solve", "AtomView", NULL));
  PetscCall(PetscOptionsName("-atom_converged_reason", "Print the reason the SCF stopped", "AtomSolve", NULL));
  PetscTryTypeMethod(atom, setfromoptions, PetscOptionsObject);
  PetscCall(PetscObjectProcessOptionsHandlers((PetscObject)atom, PetscOptionsObject));
  PetscOptionsEnd();
  if (monitor) PetscCall(AtomMonitorSet(atom, AtomMonitorDefault_Private, NULL, NULL));
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/* validation shared by SetUp: clear PETSc errors for nonsense input */
static PetscErrorCode AtomCheckParameters_Private(Atom atom)
{
  MPI_Comm comm = PetscObjectComm((PetscObject)atom);

  PetscFunctionBegin;
  PetscCheck(atom->Z >= 1 && atom->Z <= 92, comm, PETSC_ERR_ARG_OUTOFRANGE, "Atomic number Z = %" PetscInt_FMT " is outside 1..92", atom->Z);
  PetscCheck(atom->p >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Polynomial order p = %" PetscInt_FMT " must be at least 1", atom->p);
  PetscCheck(atom->ne >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Number of mesh elements %" PetscInt_FMT " must be at least 1", atom->ne);
  PetscCheck(atom->rmax > 0 && PetscIsNormalReal(atom->rmax), comm, PETSC_ERR_ARG_OUTOFRANGE, "Mesh radius rmax = %g must be positive and finite", (double)atom->rmax);
  PetscCheck(atom->ratio > 0 && PetscIsNormalReal(atom->ratio), comm, PETSC_ERR_ARG_OUTOFRANGE, "Mesh ratio a = %g must be positive and finite", (double)atom->ratio);
  PetscCheck(atom->nq == PETSC_DEFAULT || atom->nq >= atom->p + 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Number of quadrature points %" PetscInt_FMT " must be at least p + 1 = %" PetscInt_FMT, atom->nq, atom->p + 1);
  PetscCheck(atom->porder == PETSC_DEFAULT || atom->porder >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Poisson order %" PetscInt_FMT " must be at least 1", atom->porder);
  {
    const PetscInt nq = atom->nq == PETSC_DEFAULT ? 2 * atom->p + 1 : atom->nq, q = atom->porder;

    PetscCheck(atom->xc == ATOM_XC_NONE || q == PETSC_DEFAULT || nq >= q + 1, comm, PETSC_ERR_ARG_OUTOFRANGE,
               "%" PetscInt_FMT " quadrature points cannot integrate the Poisson stiffness of order %" PetscInt_FMT ": use at least %" PetscInt_FMT " or lower -atom_poisson_order", nq, q, q + 1);
  }
  if (atom->relativistic) {
    PetscCheck(atom->c > atom->Z && PetscIsNormalReal(atom->c), comm, PETSC_ERR_ARG_OUTOFRANGE, "Speed of light c = %g must be finite and exceed Z = %" PetscInt_FMT " (a point nucleus with Z >= c has no Dirac bound state)", (double)atom->c, atom->Z);
    PetscCheck(atom->r0 > 0 && atom->r0 < atom->rmax && PetscIsNormalReal(atom->r0), comm, PETSC_ERR_ARG_OUTOFRANGE, "First element radius r0 = %g must lie in (0, rmax = %g)", (double)atom->r0, (double)atom->rmax);
  }
  PetscCheck(atom->hnmax >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Hydrogen-like nmax %" PetscInt_FMT " must be at least 1", atom->hnmax);
  PetscCheck(atom->tol > 0 && PetscIsNormalReal(atom->tol), comm, PETSC_ERR_ARG_OUTOFRANGE, "SCF tolerance %g must be positive and finite", (double)atom->tol);
  PetscCheck(atom->max_it >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Maximum SCF iterations %" PetscInt_FMT " must be at least 1", atom->max_it);
  PetscCheck(atom->mix_alpha > 0 && atom->mix_alpha <= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "Mixing parameter %g must be in (0, 1]", (double)atom->mix_alpha);
  PetscCheck(atom->refine > 0 && PetscIsNormalReal(atom->refine), comm, PETSC_ERR_ARG_OUTOFRANGE, "Eigensolver refinement tolerance %g must be positive and finite", (double)atom->refine);
  PetscCheck(atom->warm >= 0 && !PetscIsNanReal(atom->warm), comm, PETSC_ERR_ARG_OUTOFRANGE, "Eigensolver warm-start threshold %g must be nonnegative (0: never)", (double)atom->warm);
  PetscCheck(atom->mix_history >= 0 && atom->mix_history <= 30, comm, PETSC_ERR_ARG_OUTOFRANGE, "Mixing history %" PetscInt_FMT " must be in 0..30", atom->mix_history);
  PetscFunctionReturn(0);
}

/* Hydrogen-like problem without an explicit rmax: the radius beyond which the (n, l = 0) state of the largest n
   holds a fraction below 1e-16 of its probability, P^2 ~ r^(2n) exp(-2Zr/n), i.e. Q(2n + 1, 2Zr/n) = 1e-16
   (regularised upper incomplete gamma function, by bisection); never below the preset radius. */
static PetscReal AtomHydrogenicRadius_Private(PetscInt Z, PetscInt nmax, PetscReal rpreset)
{
  PetscReal lo = 0, hi = 2000;

  for (PetscInt it = 0; it < 100; it++) {
    const PetscReal x    = (lo + hi) / 2;
    PetscReal       term = 1, sum = 1;

    for (PetscInt k = 1; k <= 2 * nmax; k++) {
      term *= x / k;
      sum += term;
    }
    if (PetscLogReal(sum) - x > PetscLogReal(1e-16)) lo = x;
    else hi = x;
  }
  return PetscMax(rpreset, nmax * hi / (2.0 * Z));
}

/* appends the orbital (n, l) with occupation f; relativistic models split it into j = l - 1/2 (kappa = l,
   occupation 2l/(4l + 2) f) and j = l + 1/2 (kappa = -(l + 1), occupation (2l + 2)/(4l + 2) f) */
static PetscErrorCode AtomAddOrbital_Private(Atom atom, PetscInt n, PetscInt l, PetscReal f)
{
  PetscFunctionBegin;
  for (PetscInt s = (atom->relativistic && l > 0) ? 0 : 1; s < 2; s++) {
    const PetscInt k = atom->norb;

    PetscCheck(k < ATOM_MAX_ORBITALS, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "More than %d orbitals (hydrogen-like nmax %" PetscInt_FMT ")", ATOM_MAX_ORBITALS, atom->hnmax);
    atom->n[k]     = n;
    atom->l[k]     = l;
    atom->kappa[k] = atom->relativistic ? (s ? -(l + 1) : l) : 0;
    atom->occ[k]   = atom->relativistic ? f * (s ? 2 * l + 2 : 2 * l) / (4 * l + 2) : f;
    atom->eig[k]   = 0;
    atom->norb++;
  }
  PetscFunctionReturn(0);
}

/* the orbitals to compute: the configuration, or all (n, l) with n <= nmax for the hydrogen-like problem */
static PetscErrorCode AtomSetUpOrbitals_Private(Atom atom)
{
  const char *config = atom->config;
  PetscInt    norb, n[ATOM_MAX_ORBITALS], l[ATOM_MAX_ORBITALS];
  PetscReal   occ[ATOM_MAX_ORBITALS];

  PetscFunctionBegin;
  if (!config[0]) PetscCall(AtomGetNISTConfiguration(atom->Z, NULL, &config));
  PetscCall(AtomParseConfiguration(config, ATOM_MAX_ORBITALS, &norb, n, l, occ));
  atom->norb = 0;
  if (atom->xc == ATOM_XC_NONE) {
    for (PetscInt nn = 1; nn <= atom->hnmax; nn++) {
      for (PetscInt ll = 0; ll < nn; ll++) {
        PetscReal f = 0;

        for (PetscInt j = 0; j < norb; j++)
          if (n[j] == nn && l[j] == ll) f = occ[j];
        PetscCall(AtomAddOrbital_Private(atom, nn, ll, f));
      }
    }
  } else {
    for (PetscInt k = 0; k < norb; k++) PetscCall(AtomAddOrbital_Private(atom, n[k], l[k], occ[k]));
  }
  PetscFunctionReturn(0);
}

/*@
  AtomSetUp - Validates the parameters, builds the discretisation and precomputes every operator

  Collective

  Input Parameter:
. atom - the solver

  Level: advanced

  Notes:
  All heavy work independent of the SCF potential is done here: mesh, basis tables, kinetic + centrifugal +
  nuclear matrices for each l, the factored Poisson stiffness, LAPACK workspaces. `AtomSolve()` then
  allocates nothing.

.seealso: `AtomSolve()`, `AtomSetFromOptions()`
@*/
PetscErrorCode AtomSetUp(Atom atom)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  if (atom->setupcalled) PetscFunctionReturn(0);
  if (!((PetscObject)atom)->type_name) PetscCall(AtomSetType(atom, ATOMSCHROEDINGER));
  if (atom->xc == ATOM_XC_NONE && !atom->rmaxset && atom->hnmax >= 1 && atom->hnmax <= 20) atom->rmax = AtomHydrogenicRadius_Private(atom->Z, atom->hnmax, atom->rmaxpreset);
  PetscCall(AtomCheckParameters_Private(atom));
  PetscCall(AtomSetUpOrbitals_Private(atom));
  PetscCall(PetscLogEventBegin(ATOM_SetUp, atom, 0, 0, 0));
  PetscTryTypeMethod(atom, reset);
  PetscUseTypeMethod(atom, setup);
  PetscCall(PetscLogEventEnd(ATOM_SetUp, atom, 0, 0, 0));
  atom->setupcalled = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* every computed orbital must be bound (e < 0) and decay inside the domain: |P| on the outer tenth of
   [0, rmax] below 1e-4 of its maximum (energy error ~ 1e-10) (a state squeezed by the wall at rmax has a wrong, too high energy) */
static PetscErrorCode AtomCheckBound_Private(Atom atom)
{
  MPI_Comm comm = PetscObjectComm((PetscObject)atom);

  PetscFunctionBegin;
  for (PetscInt k = 0; k < atom->norb; k++) {
    char      name[16];
    PetscReal tail = 0;

    if (atom->kappa[k]) PetscCall(PetscSNPrintf(name, sizeof(name), "%" PetscInt_FMT "%c%" PetscInt_FMT "/2", atom->n[k], "spdfghi"[atom->l[k]], 2 * PetscAbsInt(atom->kappa[k]) - 1));
    else PetscCall(PetscSNPrintf(name, sizeof(name), "%" PetscInt_FMT "%c", atom->n[k], "spdfghi"[atom->l[k]]));
    PetscCheck(atom->eig[k] < 0, comm, PETSC_ERR_NOT_CONVERGED, "Orbital %s of Z = %" PetscInt_FMT " has the eigenvalue %g >= 0: it is not bound in rmax = %g (increase -atom_mesh_rmax, or check the configuration)", name, atom->Z,
               (double)atom->eig[k], (double)atom->rmax);
    PetscUseTypeMethod(atom, tail, k, &tail);
    PetscCheck(tail <= 1e-4, comm, PETSC_ERR_NOT_CONVERGED, "Orbital %s of Z = %" PetscInt_FMT " (eigenvalue %g) does not decay inside rmax = %g: |P| near rmax is %.1e of its maximum, so its energy is raised by the wall; increase -atom_mesh_rmax",
               name, atom->Z, (double)atom->eig[k], (double)atom->rmax, (double)tail);
  }
  PetscFunctionReturn(0);
}

static const char citation[] = "@article{certik2024featom,\n"
                               "  title   = {High-order finite element method for atomic structure calculations},\n"
                               "  author  = {O. \\v{C}ert\\'{\\i}k and J. E. Pask and I. Fernando and R. Goswami and N. Sukumar and L. A. Collins and G. Manzini and J. Vack\\'{a}\\v{r}},\n"
                               "  journal = {Comput. Phys. Commun.},\n"
                               "  volume  = {297},\n"
                               "  year    = {2024},\n"
                               "  note    = {arXiv:2307.05856}\n"
                               "}\n";
static PetscBool  cited      = PETSC_FALSE;

/*@
  AtomSolve - Solves the radial problem: the hydrogen-like eigenvalues, or the Kohn-Sham LDA ground state to
  self-consistency

  Collective

  Input Parameter:
. atom - the solver

  Options Database Keys:
+ -atom_scf_max_it <200> - maximum number of SCF iterations
. -atom_converged_reason - print why the SCF stopped
- -atom_view - view the solver after the solve

  Level: beginner

  Notes:
  Reference: O. Certik et al., Comput. Phys. Commun. 297 (2024), arXiv:2307.05856; NIST SRD 141,
  Phys. Rev. A 55, 191 (1997).

.seealso: `AtomCreate()`, `AtomSetUp()`, `AtomView()`, `AtomGetTotalEnergy()`
@*/
PetscErrorCode AtomSolve(Atom atom)
{
  PetscBool flg;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(PetscCitationsRegister(citation, &cited));
  PetscCall(AtomSetUp(atom));
  atom->reason = ATOM_CONVERGED_ITERATING;
  atom->its    = 0;
  PetscCall(PetscLogEventBegin(ATOM_SCF, atom, 0, 0, 0));
  PetscUseTypeMethod(atom, solve);
  PetscCall(PetscLogEventEnd(ATOM_SCF, atom, 0, 0, 0));
  if (atom->reason > 0) PetscCall(AtomCheckBound_Private(atom));
  PetscCall(PetscOptionsHasName(((PetscObject)atom)->options, ((PetscObject)atom)->prefix, "-atom_converged_reason", &flg));
  if (flg) PetscCall(PetscPrintf(PetscObjectComm((PetscObject)atom), "Atom Z = %" PetscInt_FMT " %s after %" PetscInt_FMT " SCF iterations\n", atom->Z, AtomConvergedReasons[atom->reason], atom->its));
  PetscCall(AtomViewFromOptions(atom, NULL, "-atom_view"));
  PetscFunctionReturn(0);
}

/*@C
  AtomView - Prints the model, the discretisation and the results

  Collective

  Input Parameters:
+ atom   - the solver
- viewer - an ASCII viewer, or NULL for stdout

  Level: beginner

.seealso: `AtomSolve()`, `AtomViewFromOptions()`
@*/
PetscErrorCode AtomView(Atom atom, PetscViewer viewer)
{
  PetscBool iascii;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(PetscObjectComm((PetscObject)atom), &viewer));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &iascii));
  if (!iascii) PetscFunctionReturn(0);
  PetscCall(PetscObjectPrintClassNamePrefixType((PetscObject)atom, viewer));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  PetscCall(PetscViewerASCIIPrintf(viewer, "Z = %" PetscInt_FMT ", interaction %s\n", atom->Z, AtomXCTypes[atom->xc]));
  PetscCall(PetscViewerASCIIPrintf(viewer, "mesh: %" PetscInt_FMT " exponential elements on [0, %g], ratio %g; order p = %" PetscInt_FMT "\n", atom->ne, (double)atom->rmax, (double)atom->ratio, atom->p));
  if (atom->eigen == ATOM_EIGEN_BAND) PetscCall(PetscViewerASCIIPrintf(viewer, "eigensolver: occupied states only; LAPACKE dsbevx eigenvalues + inverse iteration, then warm-started banded shift-and-invert\n"));
  else PetscCall(PetscViewerASCIIPrintf(viewer, "eigensolver: occupied states only; LAPACKE dsyevx (dense, accurate only to eps ||H||)\n"));
  PetscCall(PetscViewerASCIIPrintf(viewer, "SCF: tolerance %g, max %" PetscInt_FMT " iterations, Anderson mixing alpha %g history %" PetscInt_FMT "\n", (double)atom->tol, atom->max_it, (double)atom->mix_alpha, atom->mix_history));
  PetscTryTypeMethod(atom, view, viewer);
  if (atom->reason != ATOM_CONVERGED_ITERATING) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "%s after %" PetscInt_FMT " iterations\n", AtomConvergedReasons[atom->reason], atom->its));
    PetscCall(PetscViewerASCIIPrintf(viewer, "total energy %.10f Ha\n", (double)atom->etot));
    for (PetscInt k = 0; k < atom->norb; k++) {
      if (atom->kappa[k])
        PetscCall(PetscViewerASCIIPrintf(viewer, "  %" PetscInt_FMT "%c%" PetscInt_FMT "/2 occ %g eigenvalue %.10f\n", atom->n[k], "spdfghi"[atom->l[k]], 2 * PetscAbsInt(atom->kappa[k]) - 1, (double)atom->occ[k], (double)atom->eig[k]));
      else PetscCall(PetscViewerASCIIPrintf(viewer, "  %" PetscInt_FMT "%c occ %g eigenvalue %.10f\n", atom->n[k], "spdfghi"[atom->l[k]], (double)atom -> occ[k], (double)atom -> eig[k]));
    }
  }
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}

/*@C
  AtomViewFromOptions - Views the solver if an option is set

  Collective

  Input Parameters:
+ atom - the solver
. obj  - an optional object whose prefix is used
- name - the option, e.g. "-atom_view"

  Level: intermediate

.seealso: `AtomView()`
@*/
PetscErrorCode AtomViewFromOptions(Atom atom, PetscObject obj, const char name[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(PetscObjectViewFromOptions((PetscObject)atom, obj, name));
  PetscFunctionReturn(0);
}

/*@
  AtomReset - Frees the size-dependent data, so that the solver can be set up again

  Collective

  Input Parameter:
. atom - the solver

  Level: advanced

.seealso: `AtomSetUp()`, `AtomDestroy()`
@*/
PetscErrorCode AtomReset(Atom atom)
{
  PetscFunctionBegin;
  if (!atom) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscTryTypeMethod(atom, reset);
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomDestroy - Destroys the solver

  Collective

  Input Parameter:
. atom - the solver (set to NULL)

  Level: beginner

.seealso: `AtomCreate()`
@*/
PetscErrorCode AtomDestroy(Atom *atom)
{
  PetscFunctionBegin;
  if (!*atom) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(*atom, ATOM_CLASSID, 1);
  if (--((PetscObject)(*atom))->refct > 0) {
    *atom = NULL;
    PetscFunctionReturn(0);
  }
  PetscCall(AtomReset(*atom));
  PetscTryTypeMethod(*atom, destroy);
  PetscCall(PetscFree((*atom)->vinit));
  if ((*atom)->monitordestroy) PetscCall((*(*atom)->monitordestroy)(&(*atom)->monitorctx));
  PetscCall(PetscHeaderDestroy(atom));
  PetscFunctionReturn(0);
}

/*@C
  AtomSetOptionsPrefix - Sets the prefix of the options of this solver

  Logically Collective

  Input Parameters:
+ atom   - the solver
- prefix - the prefix (without the leading dash)

  Level: advanced

.seealso: `AtomSetFromOptions()`
@*/
PetscErrorCode AtomSetOptionsPrefix(Atom atom, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(PetscObjectSetOptionsPrefix((PetscObject)atom, prefix));
  PetscFunctionReturn(0);
}

/*@C
  AtomAppendOptionsPrefix - Appends to the prefix of the options of this solver

  Logically Collective

  Input Parameters:
+ atom   - the solver
- prefix - the prefix to append (without the leading dash)

  Level: advanced

  Notes:
  A solver that owns a `Atom` sets the inner prefix to its own and then appends, e.g. "outer_" then
  "inner_": the options are then -outer_inner_atom_...

.seealso: `AtomSetOptionsPrefix()`, `AtomGetOptionsPrefix()`
@*/
PetscErrorCode AtomAppendOptionsPrefix(Atom atom, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(PetscObjectAppendOptionsPrefix((PetscObject)atom, prefix));
  PetscFunctionReturn(0);
}

/*@C
  AtomGetOptionsPrefix - Gets the prefix of the options of this solver

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameter:
. prefix - the prefix (NULL if none; do not free)

  Level: advanced

.seealso: `AtomSetOptionsPrefix()`, `AtomAppendOptionsPrefix()`
@*/
PetscErrorCode AtomGetOptionsPrefix(Atom atom, const char *prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  TesseraValidPointer(prefix, 2);
  PetscCall(PetscObjectGetOptionsPrefix((PetscObject)atom, prefix));
  PetscFunctionReturn(0);
}
