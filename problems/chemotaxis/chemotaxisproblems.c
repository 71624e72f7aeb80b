/*I "tesserachemotaxisproblems.h" I*/
/*
   chemotaxisproblems.c - initial densities n0 for the Chemotaxis solver, registered by name (-problem NAME); the
   parameters of each problem are options under the problem's own name.

     cosine   n0 = nbar (1 + amp prod_d cos(pi m_d x_d / L_d)): smooth, positive, Neumann-compatible; a single mode
              of the linear stability analysis around nbar (-cosine_nbar, -cosine_amp, -cosine_mode).
     gaussian n0 = floor + mass (2 pi s^2)^{-dim/2} exp(-|x - x0|^2 / (2 s^2)): concentrated data; in 2-D with
              mass above 8 pi at an interior point the Keller-Segel limit blows up (Nagai 2001; spec chemotaxis.md A6)
              (-gaussian_mass, -gaussian_width, -gaussian_center, -gaussian_floor).
     step     n0 = high on x_0 < frac L_0, low elsewhere: discontinuous data (-step_high, -step_low, -step_fraction).
*/
#include <tesseraimpl.h>
#include <tesseraproblem.h>
#include <tesserachemotaxisproblems.h>

static TesseraPackage ChemotaxisProblemPackage = {.name = "chemotaxisproblem", .problemset = "chemotaxis"};

struct _p_ChemotaxisProblem {
  MPI_Comm            comm;
  char                name[64];
  ChemotaxisDensityFn density;
  void               *ctx;
  PetscErrorCode (*destroy)(void **);
  PetscErrorCode (*view)(void *, PetscViewer);
};

typedef struct {
  PetscReal nbar, amp;
  PetscInt  mode[3];
} CosineCtx;

typedef struct {
  PetscReal mass, width, center[3], floor;
} GaussianCtx;

typedef struct {
  PetscReal high, low, frac;
} StepCtx;

static PetscErrorCode ChemotaxisDensity_Cosine(PetscInt dim, const PetscReal x[], const PetscReal L[], PetscReal *n, void *ctx)
{
  CosineCtx *p = (CosineCtx *)ctx;
  PetscReal  v = 1.0;

  PetscFunctionBegin;
  for (PetscInt d = 0; d < dim; d++) v *= PetscCosReal(PETSC_PI * p->mode[d] * x[d] / L[d]);
  *n = p->nbar * (1.0 + p->amp * v);
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisDensity_Gaussian(PetscInt dim, const PetscReal x[], const PetscReal L[], PetscReal *n, void *ctx)
{
  GaussianCtx *p  = (GaussianCtx *)ctx;
  PetscReal    r2 = 0, s2 = p->width * p->width;

  PetscFunctionBegin;
  for (PetscInt d = 0; d < dim; d++) r2 += PetscSqr(x[d] - p->center[d] * L[d]);
  *n = p->floor + p->mass * PetscPowReal(2.0 * PETSC_PI * s2, -0.5 * dim) * PetscExpReal(-0.5 * r2 / s2);
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisDensity_Step(PetscInt dim, const PetscReal x[], const PetscReal L[], PetscReal *n, void *ctx)
{
  StepCtx *p = (StepCtx *)ctx;

  PetscFunctionBegin;
  *n = x[0] < p->frac * L[0] ? p->high : p->low;
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemFreeCtx_Private(void **ctx)
{
  PetscFunctionBegin;
  PetscCall(PetscFree(*ctx));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemView_Cosine(void *ctx, PetscViewer viewer)
{
  CosineCtx *p = (CosineCtx *)ctx;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "n0 = nbar (1 + amp prod cos(pi m_d x_d / L_d)): nbar = %g, amp = %g, modes %" PetscInt_FMT ",%" PetscInt_FMT ",%" PetscInt_FMT "\n", (double)p->nbar, (double)p->amp, p->mode[0], p->mode[1], p->mode[2]));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemView_Gaussian(void *ctx, PetscViewer viewer)
{
  GaussianCtx *p = (GaussianCtx *)ctx;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "n0 = floor + mass N(x0, s^2): mass = %g, width s = %g, centre %g,%g,%g (relative), floor = %g\n", (double)p->mass, (double)p->width, (double)p->center[0], (double)p->center[1], (double)p->center[2],
                                   (double)p->floor));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemView_Step(void *ctx, PetscViewer viewer)
{
  StepCtx *p = (StepCtx *)ctx;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "n0 = %g for x_0 < %g L_0, %g elsewhere\n", (double)p->high, (double)p->frac, (double)p->low));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemCreate_Cosine(ChemotaxisProblem problem)
{
  CosineCtx *p;
  PetscInt   nm = 3;

  PetscFunctionBegin;
  PetscCall(PetscNew(&p));
  p->nbar = 1.0;
  p->amp  = 0.5;
  for (PetscInt d = 0; d < 3; d++) p->mode[d] = 1;
  PetscOptionsBegin(problem->comm, NULL, "Chemotaxis problem cosine", "ChemotaxisProblem");
  PetscCall(TesseraOptionsRealPositive("-cosine_nbar", "Mean density", "ChemotaxisProblemCreate", p->nbar, &p->nbar, NULL, 1e12));
  PetscCall(TesseraOptionsRealInRange("-cosine_amp", "Relative amplitude of the cosine, |amp| <= 1 keeps n0 >= 0", "ChemotaxisProblemCreate", p->amp, &p->amp, NULL, -1e3, 1e3));
  PetscCall(PetscOptionsIntArray("-cosine_mode", "Mode numbers per direction", "ChemotaxisProblemCreate", p->mode, &nm, NULL));
  PetscOptionsEnd();
  for (PetscInt d = 0; d < 3; d++) PetscCheck(p->mode[d] >= 0 && p->mode[d] <= 1000000, problem->comm, PETSC_ERR_ARG_OUTOFRANGE, "-cosine_mode %" PetscInt_FMT " must be in [0, 1e6]", p->mode[d]);
  PetscCall(ChemotaxisProblemSetDensity(problem, ChemotaxisDensity_Cosine, p, ChemotaxisProblemFreeCtx_Private, ChemotaxisProblemView_Cosine));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemCreate_Gaussian(ChemotaxisProblem problem)
{
  GaussianCtx *p;
  PetscInt     nc = 3;
  PetscBool    set;

  PetscFunctionBegin;
  PetscCall(PetscNew(&p));
  p->mass  = 1.0;
  p->width = 0.05;
  p->floor = 0.0;
  for (PetscInt d = 0; d < 3; d++) p->center[d] = 0.5;
  PetscOptionsBegin(problem->comm, NULL, "Chemotaxis problem gaussian", "ChemotaxisProblem");
  PetscCall(TesseraOptionsRealInRange("-gaussian_mass", "Mass of the bump", "ChemotaxisProblemCreate", p->mass, &p->mass, NULL, 0, 1e12));
  PetscCall(TesseraOptionsRealPositive("-gaussian_width", "Standard deviation of the bump", "ChemotaxisProblemCreate", p->width, &p->width, NULL, 1e6));
  PetscCall(PetscOptionsRealArray("-gaussian_center", "Centre of the bump, relative to the box (0..1 per direction)", "ChemotaxisProblemCreate", p->center, &nc, &set));
  PetscCall(TesseraOptionsRealInRange("-gaussian_floor", "Background density", "ChemotaxisProblemCreate", p->floor, &p->floor, NULL, 0, 1e12));
  PetscOptionsEnd();
  PetscCheck(p->mass > 0 || p->floor > 0, problem->comm, PETSC_ERR_ARG_OUTOFRANGE, "Problem gaussian: -gaussian_mass %g and -gaussian_floor %g give an initial density of zero mass (one must be positive)", (double)p->mass, (double)p->floor);
  if (set) {
    for (PetscInt d = 0; d < nc; d++) PetscCall(TesseraCheckRealInRange(problem->comm, "-gaussian_center", p->center[d], 0, 1));
    for (PetscInt d = nc; d < 3; d++) p->center[d] = p->center[nc > 0 ? nc - 1 : 0];
  }
  PetscCall(ChemotaxisProblemSetDensity(problem, ChemotaxisDensity_Gaussian, p, ChemotaxisProblemFreeCtx_Private, ChemotaxisProblemView_Gaussian));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemCreate_Step(ChemotaxisProblem problem)
{
  StepCtx *p;

  PetscFunctionBegin;
  PetscCall(PetscNew(&p));
  p->high = 2.0;
  p->low  = 1.0;
  p->frac = 0.5;
  PetscOptionsBegin(problem->comm, NULL, "Chemotaxis problem step", "ChemotaxisProblem");
  PetscCall(TesseraOptionsRealInRange("-step_high", "Density left of the jump", "ChemotaxisProblemCreate", p->high, &p->high, NULL, 0, 1e12));
  PetscCall(TesseraOptionsRealInRange("-step_low", "Density right of the jump", "ChemotaxisProblemCreate", p->low, &p->low, NULL, 0, 1e12));
  PetscCall(TesseraOptionsRealInRange("-step_fraction", "Position of the jump, relative to L_0", "ChemotaxisProblemCreate", p->frac, &p->frac, NULL, 0, 1));
  PetscOptionsEnd();
  PetscCall(ChemotaxisProblemSetDensity(problem, ChemotaxisDensity_Step, p, ChemotaxisProblemFreeCtx_Private, ChemotaxisProblemView_Step));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemInitializePackage - Registers the chemotaxis problem set ("chemotaxis": cosine, gaussian, step);
  called by its Register and Create routines and by `TesseraInitialize()`

  Level: developer

.seealso: `TesseraProblemSelect()`, `ChemotaxisProblemCreate()`
@*/
PetscErrorCode ChemotaxisProblemInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {
      {"cosine", (PetscVoidFunction)ChemotaxisProblemCreate_Cosine}, {"gaussian", (PetscVoidFunction)ChemotaxisProblemCreate_Gaussian}, {"step", (PetscVoidFunction)ChemotaxisProblemCreate_Step}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&ChemotaxisProblemPackage, entries, NULL, NULL));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemRegister - Adds an initial density to the registry

  Not Collective

  Input Parameters:
+ name   - the name (for -problem NAME; its parameters should be options -NAME_...)
- create - create(problem) reads the parameters and calls `ChemotaxisProblemSetDensity()`

  Level: advanced

.seealso: `ChemotaxisProblemCreate()`, `ChemotaxisProblemSetDensity()`
@*/
PetscErrorCode ChemotaxisProblemRegister(const char name[], PetscErrorCode (*create)(ChemotaxisProblem problem))
{
  PetscFunctionBegin;
  PetscCall(ChemotaxisProblemInitializePackage());
  PetscCall(PetscFunctionListAdd(&ChemotaxisProblemPackage.list, name, create));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemCreate - Creates a registered initial density by name, reading its parameters from the options
  under its own name (-cosine_nbar, -gaussian_mass, ...)

  Collective

  Input Parameters:
+ comm - the communicator
- name - the name: cosine, gaussian, step or one added with `ChemotaxisProblemRegister()`

  Output Parameter:
. problem - the problem

  Level: beginner

.seealso: `TesseraProblemSelect()`, `ChemotaxisProblemSetInitialState()`, `ChemotaxisProblemDestroy()`
@*/
PetscErrorCode ChemotaxisProblemCreate(MPI_Comm comm, const char name[], ChemotaxisProblem *problem)
{
  PetscErrorCode (*create)(ChemotaxisProblem);
  ChemotaxisProblem p;

  PetscFunctionBegin;
  TesseraValidPointer(name, 2);
  TesseraValidPointer(problem, 3);
  PetscCall(ChemotaxisProblemInitializePackage());
  PetscCall(TesseraProblemFind(comm, "chemotaxis", name, (void (**)(void)) & create));
  PetscCall(PetscNew(&p));
  p->comm = comm;
  PetscCall(PetscStrncpy(p->name, name, sizeof(p->name)));
  PetscCall(create(p));
  PetscCheck(p->density, comm, PETSC_ERR_PLIB, "Chemotaxis problem '%s' set no density (ChemotaxisProblemSetDensity())", name);
  *problem = p;
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemSetDensity - Sets the density of a problem (called by the create routine of a registered problem)

  Logically Collective

  Input Parameters:
+ problem - the problem
. fn      - the density n0(x)
. ctx     - its context (parameters)
. destroy - frees ctx (may be NULL)
- view    - prints the parameters (may be NULL)

  Level: developer

.seealso: `ChemotaxisProblemRegister()`
@*/
PetscErrorCode ChemotaxisProblemSetDensity(ChemotaxisProblem problem, ChemotaxisDensityFn fn, void *ctx, PetscErrorCode (*destroy)(void **ctx), PetscErrorCode (*view)(void *ctx, PetscViewer viewer))
{
  PetscFunctionBegin;
  TesseraValidPointer(problem, 1);
  problem->density = fn;
  problem->ctx     = ctx;
  problem->destroy = destroy;
  problem->view    = view;
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemGetDensity - Gets the density function of a problem and its context

  Not Collective

  Input Parameter:
. problem - the problem

  Output Parameters:
+ fn  - the density (may be NULL)
- ctx - its context (may be NULL)

  Level: intermediate

.seealso: `ChemotaxisSetInitialState()`
@*/
PetscErrorCode ChemotaxisProblemGetDensity(ChemotaxisProblem problem, ChemotaxisDensityFn *fn, void **ctx)
{
  PetscFunctionBegin;
  TesseraValidPointer(problem, 1);
  if (fn) *fn = problem->density;
  if (ctx) *ctx = problem->ctx;
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemGetName - Gets the registered name of a problem

  Not Collective

  Input Parameter:
. problem - the problem

  Output Parameter:
. name - the name (do not free)

  Level: beginner

.seealso: `ChemotaxisProblemCreate()`
@*/
PetscErrorCode ChemotaxisProblemGetName(ChemotaxisProblem problem, const char **name)
{
  PetscFunctionBegin;
  TesseraValidPointer(problem, 1);
  TesseraValidPointer(name, 2);
  *name = problem->name;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisProblemSetInitialState - Fills a state of a solver from the problem's density and a choice of signals

  Collective

  Input Parameters:
+ problem - the problem
. ct      - the solver, set up
- type    - how the signals are chosen (`ChemotaxisInitialType`)

  Output Parameter:
. U - the state

  Level: beginner

.seealso: `ChemotaxisSetInitialState()`
@*/
PetscErrorCode ChemotaxisProblemSetInitialState(ChemotaxisProblem problem, Chemotaxis ct, ChemotaxisInitialType type, Vec U)
{
  PetscFunctionBegin;
  TesseraValidPointer(problem, 1);
  PetscCall(ChemotaxisSetInitialState(ct, problem->density, problem->ctx, type, U));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemView - Prints the name and parameters of a problem

  Collective

  Input Parameters:
+ problem - the problem
- viewer  - an ASCII viewer (NULL: stdout of the problem's communicator)

  Level: beginner

.seealso: `ChemotaxisProblemCreate()`
@*/
PetscErrorCode ChemotaxisProblemView(ChemotaxisProblem problem, PetscViewer viewer)
{
  PetscBool isascii;

  PetscFunctionBegin;
  TesseraValidPointer(problem, 1);
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(problem->comm, &viewer));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (!isascii) PetscFunctionReturn(0);
  PetscCall(PetscViewerASCIIPrintf(viewer, "chemotaxis problem %s\n", problem->name));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  if (problem->view) PetscCall(problem->view(problem->ctx, viewer));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemDestroy - Destroys a problem

  Collective

  Input Parameter:
. problem - the problem, set to NULL

  Level: beginner

.seealso: `ChemotaxisProblemCreate()`
@*/
PetscErrorCode ChemotaxisProblemDestroy(ChemotaxisProblem *problem)
{
  PetscFunctionBegin;
  if (!*problem) PetscFunctionReturn(0);
  if ((*problem)->destroy) PetscCall((*problem)->destroy(&(*problem)->ctx));
  PetscCall(PetscFree(*problem));
  PetscFunctionReturn(0);
}
