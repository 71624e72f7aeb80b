/*I "tessera.h" I*/
/*
   ctproblems.c - initial densities n0 for the chemotaxis solver, registered by name (libCEED-style registry).

     cosine   n0 = nbar (1 + amp prod_d cos(pi m_d x_d / L_d)): smooth, positive, Neumann-compatible; a single mode
              of the linear stability analysis around nbar.
     gaussian n0 = floor + mass (2 pi s^2)^{-dim/2} exp(-|x - x0|^2 / (2 s^2)): concentrated data; in 2-D with
              mass above 8 pi at an interior point the Keller-Segel limit blows up (Nagai 2001; spec chemotaxis.md A6).
*/
#include <tesseraimpl.h>
#include <tesseractproblems.h>

static PetscFunctionList ChemotaxisProblemFunctionList      = NULL;
static PetscBool         ChemotaxisProblemRegisterAllCalled = PETSC_FALSE;

static PetscErrorCode ChemotaxisDensity_Cosine(PetscInt dim, const PetscReal x[], const PetscReal L[], PetscReal *n, void *ctx)
{
  ChemotaxisProblemParams *p = (ChemotaxisProblemParams *)ctx;
  PetscReal                v = 1.0;

  PetscFunctionBegin;
  for (PetscInt d = 0; d < dim; d++) v *= PetscCosReal(PETSC_PI * p->mode[d] * x[d] / L[d]);
  *n = p->nbar * (1.0 + p->amp * v);
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisDensity_Gaussian(PetscInt dim, const PetscReal x[], const PetscReal L[], PetscReal *n, void *ctx)
{
  ChemotaxisProblemParams *p  = (ChemotaxisProblemParams *)ctx;
  PetscReal                r2 = 0, s2 = p->width * p->width;

  PetscFunctionBegin;
  for (PetscInt d = 0; d < dim; d++) r2 += PetscSqr(x[d] - p->center[d] * L[d]);
  *n = p->floor + p->mass * PetscPowReal(2.0 * PETSC_PI * s2, -0.5 * dim) * PetscExpReal(-0.5 * r2 / s2);
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemFinalize_Private(void)
{
  PetscFunctionBegin;
  PetscCall(PetscFunctionListDestroy(&ChemotaxisProblemFunctionList));
  ChemotaxisProblemRegisterAllCalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisProblemRegisterAll_Private(void)
{
  PetscFunctionBegin;
  if (ChemotaxisProblemRegisterAllCalled) PetscFunctionReturn(0);
  ChemotaxisProblemRegisterAllCalled = PETSC_TRUE;
  PetscCall(PetscFunctionListAdd(&ChemotaxisProblemFunctionList, "cosine", ChemotaxisDensity_Cosine));
  PetscCall(PetscFunctionListAdd(&ChemotaxisProblemFunctionList, "gaussian", ChemotaxisDensity_Gaussian));
  PetscCall(PetscRegisterFinalize(ChemotaxisProblemFinalize_Private));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemRegister - Adds an initial density to the registry

  Not Collective

  Input Parameters:
+ name - the name (for -ct_problem)
- fn   - the density function; its context is a `ChemotaxisProblemParams`

  Level: advanced

.seealso: `ChemotaxisProblemFind()`
@*/
PetscErrorCode ChemotaxisProblemRegister(const char name[], ChemotaxisDensityFn fn)
{
  PetscFunctionBegin;
  PetscCall(ChemotaxisProblemRegisterAll_Private());
  PetscCall(PetscFunctionListAdd(&ChemotaxisProblemFunctionList, name, fn));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemList - Prints the registered initial densities

  Collective

  Input Parameter:
. comm - where to print

  Level: beginner

.seealso: `ChemotaxisProblemFind()`
@*/
PetscErrorCode ChemotaxisProblemList(MPI_Comm comm)
{
  PetscFunctionBegin;
  PetscCall(ChemotaxisProblemRegisterAll_Private());
  PetscCall(PetscPrintf(comm, "chemotaxis problems (-ct_problem):\n"));
  PetscCall(PetscFunctionListPrintNonEmpty(ChemotaxisProblemFunctionList));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemFind - Looks an initial density up by name

  Collective

  Input Parameters:
+ comm - for the error message
- name - the name

  Output Parameter:
. fn - the density function

  Level: beginner

.seealso: `ChemotaxisProblemRegister()`, `ChemotaxisSetInitialState()`
@*/
PetscErrorCode ChemotaxisProblemFind(MPI_Comm comm, const char name[], ChemotaxisDensityFn *fn)
{
  PetscFunctionBegin;
  PetscCall(ChemotaxisProblemRegisterAll_Private());
  PetscCall(PetscFunctionListFind(ChemotaxisProblemFunctionList, name, fn));
  PetscCheck(*fn, comm, PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown chemotaxis problem '%s' (-ct_problem list prints the registered ones)", name);
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisProblemSetFromOptions - Reads the parameters of the initial densities

  Collective

  Input Parameters:
+ comm   - the communicator
- prefix - options prefix (may be NULL)

  Output Parameter:
. p - the parameters

  Options Database Keys:
+ -ct_nbar <1>            - mean density of cosine
. -ct_amp <0.5>           - relative amplitude of cosine, |amp| < 1
. -ct_mode <1,1,1>        - cosine mode numbers
. -ct_mass <1>            - mass of gaussian
. -ct_width <0.05>        - width of gaussian
. -ct_center <0.5,0.5,0.5> - centre of gaussian, relative to the box
- -ct_floor <0>           - background added to gaussian

  Level: beginner

.seealso: `ChemotaxisProblemFind()`
@*/
PetscErrorCode ChemotaxisProblemSetFromOptions(MPI_Comm comm, const char prefix[], ChemotaxisProblemParams *p)
{
  PetscInt nm = 3, nc = 3;

  PetscFunctionBegin;
  p->nbar  = 1.0;
  p->amp   = 0.5;
  p->mass  = 1.0;
  p->width = 0.05;
  p->floor = 0.0;
  for (PetscInt d = 0; d < 3; d++) {
    p->mode[d]   = 1;
    p->center[d] = 0.5;
  }
  PetscOptionsBegin(comm, prefix, "Chemotaxis initial densities", "ChemotaxisProblem");
  PetscCall(PetscOptionsReal("-ct_nbar", "Mean density of cosine", "", p->nbar, &p->nbar, NULL));
  PetscCall(PetscOptionsReal("-ct_amp", "Relative amplitude of cosine", "", p->amp, &p->amp, NULL));
  PetscCall(PetscOptionsIntArray("-ct_mode", "Cosine mode numbers", "", p->mode, &nm, NULL));
  PetscCall(PetscOptionsReal("-ct_mass", "Mass of gaussian", "", p->mass, &p->mass, NULL));
  PetscCall(PetscOptionsReal("-ct_width", "Width of gaussian", "", p->width, &p->width, NULL));
  PetscCall(PetscOptionsRealArray("-ct_center", "Centre of gaussian (relative)", "", p->center, &nc, NULL));
  PetscCall(PetscOptionsReal("-ct_floor", "Background added to gaussian", "", p->floor, &p->floor, NULL));
  PetscOptionsEnd();
  PetscCheck(p->width > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "-ct_width %g must be positive", (double)p->width);
  PetscFunctionReturn(0);
}
