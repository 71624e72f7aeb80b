/*I "tesserachemotaxis.h" I*/
/*
   ctio.c - self-describing states of the chemotaxis solver in HDF5 (checkpoints, final solutions).

   A state group holds the vector U (n, c, w interlaced) in the natural ordering of the grid, so files do not depend on
   the number of ranks, and attributes that define what the vector means: dim, grid_x/y/z, domain_x/y/z, eps, tau,
   limit, flux, and the time integrator's time, time_step and step. Reading checks each against the solver and refuses
   a file of another grid, dimension, domain or model with an error naming the file and the mismatch, and checks that
   the time, step and time step are finite and plausible.
*/
#include <chemotaxisimpl.h>
#include <tesseraio.h>

static const char *const ChemotaxisAxisNames[3] = {"x", "y", "z"};

/* copies between a global state and a vector in natural ordering with the same parallel layout as U */
static PetscErrorCode ChemotaxisNaturalCopy_Private(Chemotaxis ct, Vec U, Vec flat, PetscBool tofile)
{
  Vec          nat;
  PetscScalar *a, *b;
  PetscInt     n;

  PetscFunctionBegin;
  PetscCall(DMDACreateNaturalVector(ct->da, &nat));
  if (tofile) {
    PetscCall(DMDAGlobalToNaturalBegin(ct->da, U, INSERT_VALUES, nat));
    PetscCall(DMDAGlobalToNaturalEnd(ct->da, U, INSERT_VALUES, nat));
  }
  PetscCall(VecGetLocalSize(nat, &n));
  PetscCall(VecGetArray(nat, &a));
  PetscCall(VecGetArray(flat, &b));
  for (PetscInt i = 0; i < n; i++) {
    if (tofile) b[i] = a[i];
    else a[i] = b[i];
  }
  PetscCall(VecRestoreArray(flat, &b));
  PetscCall(VecRestoreArray(nat, &a));
  if (!tofile) {
    PetscCall(DMDANaturalToGlobalBegin(ct->da, nat, INSERT_VALUES, U));
    PetscCall(DMDANaturalToGlobalEnd(ct->da, nat, INSERT_VALUES, U));
  }
  PetscCall(VecDestroy(&nat));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisCreateFlat_Private(Vec U, Vec *flat)
{
  PetscInt n;

  PetscFunctionBegin;
  PetscCall(VecGetLocalSize(U, &n));
  PetscCall(VecCreateMPI(PetscObjectComm((PetscObject)U), n, PETSC_DETERMINE, flat));
  PetscCall(PetscObjectSetName((PetscObject)*flat, "U"));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisWriteState - Writes a state with everything that defines it (grid, domain, model) and the time integrator's
  position (time, step, time step) to a group of an HDF5 file

  Collective

  Input Parameters:
+ ct     - the solver, set up
. viewer - an HDF5 viewer from `TesseraIOOpen()` in write mode
. group  - the group, e.g. "/checkpoint" or "/solution"
- U      - the state

  Level: intermediate

  Notes:
  The vector is stored in the natural ordering of the grid (independent of the number of ranks). Attributes: dim,
  grid_x, grid_y, grid_z, domain_x, domain_y, domain_z, eps, tau (as solved for), limit, flux, time, time_step, step.

.seealso: `ChemotaxisReadState()`, `TesseraIOOpen()`
@*/
PetscErrorCode ChemotaxisWriteState(Chemotaxis ct, PetscViewer viewer, const char group[], Vec U)
{
  Vec       flat;
  PetscReal t, dt;
  PetscInt  step;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 2);
  TesseraValidPointer(group, 3);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 4);
  PetscCheck(ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Call ChemotaxisSetUp() before ChemotaxisWriteState()");
  PetscCall(ChemotaxisCreateFlat_Private(U, &flat));
  PetscCall(ChemotaxisNaturalCopy_Private(ct, U, flat, PETSC_TRUE));
  PetscCall(TesseraIOWriteVec(viewer, group, flat));
  PetscCall(VecDestroy(&flat));
  PetscCall(TesseraIOWriteAttribute(viewer, group, "dim", PETSC_INT, &ct->dim));
  for (PetscInt d = 0; d < 3; d++) {
    char name[16];

    PetscCall(PetscSNPrintf(name, sizeof(name), "grid_%s", ChemotaxisAxisNames[d]));
    PetscCall(TesseraIOWriteAttribute(viewer, group, name, PETSC_INT, &ct->M[d]));
    PetscCall(PetscSNPrintf(name, sizeof(name), "domain_%s", ChemotaxisAxisNames[d]));
    PetscCall(TesseraIOWriteAttribute(viewer, group, name, PETSC_REAL, &ct->L[d]));
  }
  PetscCall(TesseraIOWriteAttribute(viewer, group, "eps", PETSC_REAL, &ct->eps));
  PetscCall(TesseraIOWriteAttribute(viewer, group, "tau", PETSC_REAL, &ct->tau));
  PetscCall(TesseraIOWriteAttribute(viewer, group, "limit", PETSC_STRING, ChemotaxisLimits[ct->limit]));
  PetscCall(TesseraIOWriteAttribute(viewer, group, "flux", PETSC_STRING, FVFluxTypes[ct->flux]));
  PetscCall(TSGetTime(ct->ts, &t));
  PetscCall(TSGetTimeStep(ct->ts, &dt));
  PetscCall(TSGetStepNumber(ct->ts, &step));
  PetscCall(TesseraIOWriteAttribute(viewer, group, "time", PETSC_REAL, &t));
  PetscCall(TesseraIOWriteAttribute(viewer, group, "time_step", PETSC_REAL, &dt));
  PetscCall(TesseraIOWriteAttribute(viewer, group, "step", PETSC_INT, &step));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisReadInt_Private(PetscViewer viewer, const char file[], const char group[], const char name[], PetscInt *v)
{
  PetscBool has;

  PetscFunctionBegin;
  PetscCall(TesseraIOHasAttribute(viewer, group, name, &has));
  PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "%s:%s has no attribute '%s': not a self-describing chemotaxis state (written by an older tessera?)", file, group, name);
  PetscCall(TesseraIOReadAttribute(viewer, group, name, PETSC_INT, v));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisReadReal_Private(PetscViewer viewer, const char file[], const char group[], const char name[], PetscReal *v)
{
  PetscBool has;

  PetscFunctionBegin;
  PetscCall(TesseraIOHasAttribute(viewer, group, name, &has));
  PetscCheck(has, PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "%s:%s has no attribute '%s': not a self-describing chemotaxis state (written by an older tessera?)", file, group, name);
  PetscCall(TesseraIOReadAttribute(viewer, group, name, PETSC_REAL, v));
  PetscCheck(!PetscIsInfOrNanReal(*v), PetscObjectComm((PetscObject)viewer), PETSC_ERR_FILE_UNEXPECTED, "%s:%s attribute '%s' is %g, not finite", file, group, name, (double)*v);
  PetscFunctionReturn(0);
}

/* equal up to rounding of a value printed and read back */
static PetscBool ChemotaxisSameReal_Private(PetscReal a, PetscReal b) { return (PetscBool)(PetscAbsReal(a - b) <= 1e-13 * PetscMax(PetscAbsReal(a), PetscAbsReal(b))); }

/*@
  ChemotaxisReadState - Reads a state written by `ChemotaxisWriteState()`, after checking that it was written for the
  same grid, domain and model

  Collective

  Input Parameters:
+ ct     - the solver, set up (its grid and parameters are the ones the file must match)
. viewer - an HDF5 viewer from `TesseraIOOpen()` in read mode
- group  - the group

  Output Parameters:
+ U    - the state
. t    - the time of the state (may be NULL)
. dt   - the next time step (may be NULL)
- step - the step number (may be NULL)

  Level: intermediate

  Notes:
  Refused with an error naming the file and the mismatch: another dimension, number of cells in any direction, side
  length, eps, tau, limit or flux; a missing attribute; a time that is negative or not finite, a time step that is not
  positive and finite, a negative step number. The caller compares t and step with its final time and step limit.

.seealso: `ChemotaxisWriteState()`
@*/
PetscErrorCode ChemotaxisReadState(Chemotaxis ct, PetscViewer viewer, const char group[], Vec U, PetscReal *t, PetscReal *dt, PetscInt *step)
{
  MPI_Comm    comm;
  const char *file;
  PetscInt    dim, M[3];
  PetscReal   L[3], eps, tau, tt, tdt;
  PetscInt    tstep;
  char       *limit = NULL, *flux = NULL;
  Vec         flat;
  PetscBool   same;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 2);
  TesseraValidPointer(group, 3);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 4);
  PetscCheck(ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Call ChemotaxisSetUp() before ChemotaxisReadState()");
  PetscCall(PetscObjectGetComm((PetscObject)ct, &comm));
  PetscCall(TesseraIOGetFileName(viewer, &file));
  PetscCall(ChemotaxisReadInt_Private(viewer, file, group, "dim", &dim));
  for (PetscInt d = 0; d < 3; d++) {
    char name[16];

    PetscCall(PetscSNPrintf(name, sizeof(name), "grid_%s", ChemotaxisAxisNames[d]));
    PetscCall(ChemotaxisReadInt_Private(viewer, file, group, name, &M[d]));
    PetscCall(PetscSNPrintf(name, sizeof(name), "domain_%s", ChemotaxisAxisNames[d]));
    PetscCall(ChemotaxisReadReal_Private(viewer, file, group, name, &L[d]));
  }
  PetscCheck(dim == ct->dim && M[0] == ct->M[0] && M[1] == ct->M[1] && M[2] == ct->M[2], comm, PETSC_ERR_FILE_UNEXPECTED,
             "%s:%s holds a %" PetscInt_FMT "-D state on %" PetscInt_FMT " x %" PetscInt_FMT " x %" PetscInt_FMT " cells, but this run is %" PetscInt_FMT "-D on %" PetscInt_FMT " x %" PetscInt_FMT " x %" PetscInt_FMT
             " cells: refusing to read it on another grid",
             file, group, dim, M[0], M[1], M[2], ct->dim, ct->M[0], ct->M[1], ct->M[2]);
  for (PetscInt d = 0; d < ct->dim; d++)
    PetscCheck(ChemotaxisSameReal_Private(L[d], ct->L[d]), comm, PETSC_ERR_FILE_UNEXPECTED, "%s:%s was written on a domain of side %g in direction %s, this run has %g: refusing to read it on another domain", file, group, (double)L[d],
               ChemotaxisAxisNames[d], (double)ct->L[d]);
  PetscCall(ChemotaxisReadReal_Private(viewer, file, group, "eps", &eps));
  PetscCall(ChemotaxisReadReal_Private(viewer, file, group, "tau", &tau));
  PetscCheck(ChemotaxisSameReal_Private(eps, ct->eps) && ChemotaxisSameReal_Private(tau, ct->tau), comm, PETSC_ERR_FILE_UNEXPECTED, "%s:%s was written with eps = %g, tau = %g, this run has eps = %g, tau = %g: refusing to read it into another model",
             file, group, (double)eps, (double)tau, (double)ct->eps, (double)ct->tau);
  PetscCall(TesseraIOReadAttribute(viewer, group, "limit", PETSC_STRING, &limit));
  PetscCall(PetscStrcmp(limit, ChemotaxisLimits[ct->limit], &same));
  PetscCheck(same, comm, PETSC_ERR_FILE_UNEXPECTED, "%s:%s was written for the system '%s', this run solves '%s'", file, group, limit, ChemotaxisLimits[ct->limit]);
  PetscCall(PetscFree(limit));
  PetscCall(TesseraIOReadAttribute(viewer, group, "flux", PETSC_STRING, &flux));
  PetscCall(PetscStrcmp(flux, FVFluxTypes[ct->flux], &same));
  PetscCheck(same, comm, PETSC_ERR_FILE_UNEXPECTED, "%s:%s was written with the %s flux, this run uses %s", file, group, flux, FVFluxTypes[ct->flux]);
  PetscCall(PetscFree(flux));
  PetscCall(ChemotaxisReadReal_Private(viewer, file, group, "time", &tt));
  PetscCall(ChemotaxisReadReal_Private(viewer, file, group, "time_step", &tdt));
  PetscCall(ChemotaxisReadInt_Private(viewer, file, group, "step", &tstep));
  PetscCheck(tt >= 0, comm, PETSC_ERR_FILE_UNEXPECTED, "%s:%s has time %g: must be >= 0", file, group, (double)tt);
  PetscCheck(tdt > 0, comm, PETSC_ERR_FILE_UNEXPECTED, "%s:%s has time step %g: must be > 0", file, group, (double)tdt);
  PetscCheck(tstep >= 0, comm, PETSC_ERR_FILE_UNEXPECTED, "%s:%s has step number %" PetscInt_FMT ": must be >= 0", file, group, tstep);
  PetscCall(ChemotaxisCreateFlat_Private(U, &flat));
  PetscCall(TesseraIOReadVec(viewer, group, flat));
  PetscCall(ChemotaxisNaturalCopy_Private(ct, U, flat, PETSC_FALSE));
  PetscCall(VecDestroy(&flat));
  if (t) *t = tt;
  if (dt) *dt = tdt;
  if (step) *step = tstep;
  PetscFunctionReturn(0);
}
