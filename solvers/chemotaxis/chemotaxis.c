/*I "tessera.h" I*/
/*
   chemotaxis.c - the Chemotaxis class: indirect-signalling chemotaxis on a DMDA, integrated by PETSc TS.

   Model (no-flux boundaries on a box Omega = [0, L]^dim, dim = 1, 2, 3):
     n_t = Lap n - div(n grad c),   eps c_t = Lap c - c + w,   eps w_t = tau Lap w - w + n.
   Limits: PES (eps -> 0, tau fixed): c = (I - Lap)^{-1} (I - tau Lap)^{-1} n; IDS ((eps, tau) -> 0): the
   parabolic-elliptic Keller-Segel system c = (I - Lap)^{-1} n.

   Method: cell-centred finite volumes, Scharfetter-Gummel (default) or upwind chemotactic flux (operators/fvflux),
   the 3/5/7-point Neumann Laplacian for c and w; one implicit residual
     F(t, U, U_t) = M U_t - G(U),   M = diag(1, eps, eps),
   with an analytic Jacobian sigma M + dF/dU. For eps = 0 the same residual is an index-1 DAE whose algebraic
   blocks (I - Lap_h, I - tau Lap_h) are M-matrices: the limit systems use the same code. The default integrator is
   the L-stable, stiffly accurate Rosenbrock-W method ra34pw2 with adaptive steps, so one step much longer than eps
   projects onto the critical manifold; the local error is measured on the slow variable n only (the fast signals
   c, w get tolerance 0), so the initial layer of ill-prepared data is damped rather than resolved and the step count
   does not grow as eps -> 0 for well- or ill-prepared data.

   References: L. T. T. Bui, T. K. L. Huynh, B. Q. Tang, B.-N. Tran, Calc. Var. PDE (2025),
   doi:10.1007/s00526-025-03247-4, arXiv:2508.01436 (the model and its limits);
   J. Rang, L. Angermann, BIT 45 (2005) 761-787 (ROS34PW2); E. Hairer, G. Wanner, Solving ODEs II, Springer 1996.
*/
#include <chemotaxisimpl.h>
#include <cblas.h> /* openblas_get_num_threads(), openblas_set_num_threads() */

PetscClassId          CHEMOTAXIS_CLASSID;
static TesseraPackage ChemotaxisPackage = {.name = "chemotaxis", .classname = "Chemotaxis", .classid = &CHEMOTAXIS_CLASSID};
PetscLogEvent         CHEMOTAXIS_SetUp, CHEMOTAXIS_Solve, CHEMOTAXIS_Residual, CHEMOTAXIS_Jacobian, CHEMOTAXIS_IMEXSolve;

const char *const ChemotaxisLimits[]       = {"none", "pes", "ids", "ChemotaxisLimit", "CHEMOTAXIS_LIMIT_", NULL};
const char *const ChemotaxisSchemes[]      = {"implicit", "imex", "ChemotaxisScheme", "CHEMOTAXIS_SCHEME_", NULL};
const char *const ChemotaxisInitialTypes[] = {"well", "ill", "opposite", "ks", "step", "ChemotaxisInitialType", "CHEMOTAXIS_INITIAL_", NULL};

static PetscErrorCode ChemotaxisSetFromOptions_FV(Chemotaxis, PetscOptionItems *);
static PetscErrorCode ChemotaxisSetUp_FV(Chemotaxis);
static PetscErrorCode ChemotaxisView_FV(Chemotaxis, PetscViewer);
static PetscErrorCode ChemotaxisReset_FV(Chemotaxis);

static const char citation[] = "@article{BuiHuynhTangTran2025,\n"
                               "  title   = {Parabolic-elliptic and indirect-direct simplifications in chemotaxis systems driven by indirect signalling},\n"
                               "  author  = {L. T. T. Bui and T. K. L. Huynh and B. Q. Tang and B.-N. Tran},\n"
                               "  journal = {Calc. Var. Partial Differential Equations},\n"
                               "  year    = {2025},\n"
                               "  doi     = {10.1007/s00526-025-03247-4}\n}\n";
static PetscBool  cited      = PETSC_FALSE;

/*@C
  ChemotaxisInitializePackage - Registers the Chemotaxis class and its log events

  Level: developer

.seealso: `ChemotaxisCreate()`
@*/
PetscErrorCode ChemotaxisInitializePackage(void)
{
  static const TesseraPackageEvent events[] = {{"ChemotaxisSetUp", &CHEMOTAXIS_SetUp},  {"ChemotaxisSolve", &CHEMOTAXIS_Solve},       {"ChemotaxisResid", &CHEMOTAXIS_Residual},
                                               {"ChemotaxisJac", &CHEMOTAXIS_Jacobian}, {"ChemotaxisIMEXSlv", &CHEMOTAXIS_IMEXSolve}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&ChemotaxisPackage, NULL, events, NULL));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisCreate - Creates a chemotaxis solver

  Collective

  Input Parameter:
. comm - the MPI communicator

  Output Parameter:
. ct - the solver

  Level: beginner

  Notes:
  Defaults: dim = 2, 32 cells per direction on [0, 1]^dim, eps = 1e-2, tau = 1, no limit, Scharfetter-Gummel flux.

.seealso: `ChemotaxisSetFromOptions()`, `ChemotaxisSetUp()`, `ChemotaxisSolve()`, `ChemotaxisDestroy()`
@*/
PetscErrorCode ChemotaxisCreate(MPI_Comm comm, Chemotaxis *ct)
{
  Chemotaxis c;

  PetscFunctionBegin;
  TesseraValidPointer(ct, 2);
  PetscCall(ChemotaxisInitializePackage());
  PetscCall(PetscHeaderCreate(c, CHEMOTAXIS_CLASSID, "Chemotaxis", "Indirect-signalling chemotaxis", "Chemotaxis", comm, ChemotaxisDestroy, ChemotaxisView));
  c->eps_user      = 1e-2;
  c->tau_user      = 1.0;
  c->limit         = CHEMOTAXIS_LIMIT_NONE;
  c->flux          = FVFLUX_SG;
  c->dim           = 2;
  c->blowup_user   = 0;
  c->blowup_factor = 10;
  c->positive      = PETSC_TRUE;
  c->scheme        = CHEMOTAXIS_SCHEME_IMPLICIT;
  c->cfl           = 0.5;
  for (PetscInt d = 0; d < 3; d++) {
    c->M[d] = 32;
    c->L[d] = 1.0;
  }
  /* one implementation: cell-centred finite volumes */
  c->ops->setfromoptions = ChemotaxisSetFromOptions_FV;
  c->ops->setup          = ChemotaxisSetUp_FV;
  c->ops->view           = ChemotaxisView_FV;
  c->ops->reset          = ChemotaxisReset_FV;
  PetscCall(PetscObjectChangeTypeName((PetscObject)c, "fv"));
  *ct = c;
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisReset_FV(Chemotaxis ct)
{
  PetscFunctionBegin;
  PetscCall(TSDestroy(&ct->ts));
  PetscCall(MatDestroy(&ct->J));
  PetscCall(MatDestroy(&ct->fftL));
  PetscCall(MatDestroy(&ct->fftLtau));
  PetscCall(MatDestroy(&ct->pcw));
  PetscCall(MatDestroy(&ct->pcc));
  PetscCall(MatDestroy(&ct->pcn));
  PetscCall(MatDestroy(&ct->Jimex));
  PetscCall(VecDestroy(&ct->imexwork));
  PetscCall(VecDestroy(&ct->s1));
  PetscCall(VecDestroy(&ct->s2));
  PetscCall(VecDestroy(&ct->s3));
  PetscCall(VecDestroy(&ct->vatol));
  PetscCall(VecDestroy(&ct->vrtol));
  PetscCall(DMDestroy(&ct->da1));
  PetscCall(DMDestroy(&ct->da));
  ct->fftpc_installed = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisReset - Frees the grid, the time integrator and every grid-sized object, so that the solver can be set up
  again (e.g. on another grid); the model parameters and options are kept

  Collective

  Input Parameter:
. ct - the solver

  Level: intermediate

  Note:
  The `TS` is destroyed too: settings made on `ChemotaxisGetTS()` must be made again after the next `ChemotaxisSetUp()`.

.seealso: `ChemotaxisSetUp()`, `ChemotaxisDestroy()`
@*/
PetscErrorCode ChemotaxisReset(Chemotaxis ct)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  if (ct->ops->reset) PetscCall((*ct->ops->reset)(ct));
  ct->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisDestroy - Destroys a chemotaxis solver

  Collective

  Input Parameter:
. ct - the solver, set to NULL

  Level: beginner

.seealso: `ChemotaxisCreate()`
@*/
PetscErrorCode ChemotaxisDestroy(Chemotaxis *ct)
{
  PetscFunctionBegin;
  if (!*ct) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(*ct, CHEMOTAXIS_CLASSID, 1);
  if (--((PetscObject)(*ct))->refct > 0) {
    *ct = NULL;
    PetscFunctionReturn(0);
  }
  PetscCall(ChemotaxisReset(*ct));
  if ((*ct)->ops->destroy) PetscCall((*(*ct)->ops->destroy)(*ct));
  PetscCall(PetscHeaderDestroy(ct));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisCheckNotSetUp_Private(Chemotaxis ct, const char what[])
{
  PetscFunctionBegin;
  PetscCheck(!ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Set the %s before ChemotaxisSetUp()", what);
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetDimension - Sets the space dimension (1, 2 or 3)

  Logically Collective

  Input Parameters:
+ ct  - the solver
- dim - the dimension

  Options Database Key:
. -chemotaxis_dim <2> - the dimension

  Level: beginner

.seealso: `ChemotaxisSetGridSizes()`, `ChemotaxisSetDomain()`
@*/
PetscErrorCode ChemotaxisSetDimension(Chemotaxis ct, PetscInt dim)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(ChemotaxisCheckNotSetUp_Private(ct, "dimension"));
  PetscCheck(dim >= 1 && dim <= 3, PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Dimension %" PetscInt_FMT " not supported: the DMDA solver is 1-D, 2-D or 3-D", dim);
  ct->dim = dim;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetGridSizes - Sets the default number of cells per direction (overridden by -da_grid_x etc.)

  Logically Collective

  Input Parameters:
+ ct - the solver
- Mx, My, Mz - cells per direction (those beyond the dimension are ignored)

  Level: beginner

.seealso: `ChemotaxisSetDimension()`
@*/
PetscErrorCode ChemotaxisSetGridSizes(Chemotaxis ct, PetscInt Mx, PetscInt My, PetscInt Mz)
{
  PetscInt M[3] = {Mx, My, Mz};

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(ChemotaxisCheckNotSetUp_Private(ct, "grid sizes"));
  for (PetscInt d = 0; d < 3; d++) {
    PetscCheck(M[d] >= 2 && M[d] <= 1 << 20, PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Invalid grid: %" PetscInt_FMT " cells in direction %" PetscInt_FMT "; need 2 to 2^20", M[d], d);
    ct->M[d] = M[d];
  }
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetDomain - Sets the side lengths of the box [0, L_0] x [0, L_1] x [0, L_2]

  Logically Collective

  Input Parameters:
+ ct - the solver
- L  - the side lengths (dim entries)

  Options Database Key:
. -chemotaxis_L <1,1,1> - side lengths

  Level: beginner

.seealso: `ChemotaxisSetDimension()`
@*/
PetscErrorCode ChemotaxisSetDomain(Chemotaxis ct, const PetscReal L[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(L, 2);
  PetscCall(ChemotaxisCheckNotSetUp_Private(ct, "domain"));
  for (PetscInt d = 0; d < ct->dim; d++) {
    PetscCheck(L[d] > 0 && L[d] <= 1e12 && !PetscIsInfOrNanReal(L[d]), PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Invalid domain: side length %g in direction %" PetscInt_FMT " must be positive, finite and at most 1e12",
               (double)L[d], d);
    ct->L[d] = L[d];
  }
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetDomain - Gets the side lengths of the box

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. L - the side lengths (3 entries; those beyond the dimension are 1)

  Level: beginner

.seealso: `ChemotaxisSetDomain()`
@*/
PetscErrorCode ChemotaxisGetDomain(Chemotaxis ct, PetscReal L[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  for (PetscInt d = 0; d < 3; d++) L[d] = d < ct->dim ? ct->L[d] : 1.0;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetDimension - Gets the space dimension

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. dim - the dimension

  Level: beginner

.seealso: `ChemotaxisSetDimension()`
@*/
PetscErrorCode ChemotaxisGetDimension(Chemotaxis ct, PetscInt *dim)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(dim, 2);
  *dim = ct->dim;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetGridSizes - Gets the number of cells per direction of the grid in use

  Not Collective

  Input Parameter:
. ct - the solver, set up

  Output Parameter:
. M - cells per direction (3 entries; 1 beyond the dimension)

  Level: beginner

.seealso: `ChemotaxisSetGridSizes()`
@*/
PetscErrorCode ChemotaxisGetGridSizes(Chemotaxis ct, PetscInt M[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(M, 2);
  PetscCheck(ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Call ChemotaxisSetUp() before ChemotaxisGetGridSizes(): the DMDA options set the grid");
  for (PetscInt d = 0; d < 3; d++) M[d] = d < ct->dim ? ct->M[d] : 1;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetLimit - Gets which system is solved

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. limit - the system

  Level: beginner

.seealso: `ChemotaxisSetLimit()`
@*/
PetscErrorCode ChemotaxisGetLimit(Chemotaxis ct, ChemotaxisLimit *limit)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(limit, 2);
  *limit = ct->limit;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetFluxType - Gets the discretisation of the chemotactic flux

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. type - the flux

  Level: intermediate

.seealso: `ChemotaxisSetFluxType()`
@*/
PetscErrorCode ChemotaxisGetFluxType(Chemotaxis ct, FVFluxType *type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(type, 2);
  *type = ct->flux;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetMinimumDensity - Gets the smallest value of n over the initial state and every accepted step of the
  last `ChemotaxisSolve()`

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. nmin - the minimum over the steps (the final minimum is `VecStrideMin()` of field 0 of the final state)

  Level: intermediate

.seealso: `ChemotaxisSolve()`
@*/
PetscErrorCode ChemotaxisGetMinimumDensity(Chemotaxis ct, PetscReal *nmin)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(nmin, 2);
  *nmin = ct->nmin;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetParameters - Sets the relaxation time eps >= 0 and the diffusion tau >= 0 of the second signal

  Logically Collective

  Input Parameters:
+ ct  - the solver
. eps - time scale of the signals (0: the parabolic-elliptic DAE)
- tau - diffusion coefficient of w (0: indirect-direct simplification)

  Options Database Keys:
+ -chemotaxis_eps <1e-2> - eps
- -chemotaxis_tau <1>    - tau

  Level: beginner

.seealso: `ChemotaxisSetLimit()`
@*/
PetscErrorCode ChemotaxisSetParameters(Chemotaxis ct, PetscReal eps, PetscReal tau)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(ChemotaxisCheckNotSetUp_Private(ct, "parameters"));
  PetscCheck(eps >= 0 && !PetscIsInfOrNanReal(eps), PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Invalid eps = %g: the relaxation time eps must be >= 0", (double)eps);
  PetscCheck(tau >= 0 && !PetscIsInfOrNanReal(tau), PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Invalid tau = %g: the diffusion coefficient tau must be >= 0", (double)tau);
  ct->eps_user = eps;
  ct->tau_user = tau;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetParameters - Gets eps and tau as solved for (after the limit is applied)

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameters:
+ eps - eps (may be NULL)
- tau - tau (may be NULL)

  Level: beginner

.seealso: `ChemotaxisSetParameters()`
@*/
PetscErrorCode ChemotaxisGetParameters(Chemotaxis ct, PetscReal *eps, PetscReal *tau)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  if (eps) *eps = ct->limit == CHEMOTAXIS_LIMIT_NONE ? ct->eps_user : 0;
  if (tau) *tau = ct->limit == CHEMOTAXIS_LIMIT_IDS ? 0 : ct->tau_user;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetLimit - Solves the full system or one of its singular limits

  Logically Collective

  Input Parameters:
+ ct    - the solver
- limit - `CHEMOTAXIS_LIMIT_NONE`, `CHEMOTAXIS_LIMIT_PES` (eps = 0) or `CHEMOTAXIS_LIMIT_IDS` (eps = tau = 0)

  Options Database Key:
. -chemotaxis_limit <none,pes,ids> - the system

  Level: beginner

.seealso: `ChemotaxisSetParameters()`
@*/
PetscErrorCode ChemotaxisSetLimit(Chemotaxis ct, ChemotaxisLimit limit)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(ChemotaxisCheckNotSetUp_Private(ct, "limit"));
  ct->limit = limit;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetScheme - Chooses the time discretisation: fully implicit (default) or IMEX with exact FFT stage solves

  Logically Collective

  Input Parameters:
+ ct     - the solver
- scheme - `CHEMOTAXIS_SCHEME_IMPLICIT` or `CHEMOTAXIS_SCHEME_IMEX`

  Options Database Key:
. -chemotaxis_scheme <implicit,imex> - the scheme

  Level: beginner

  Notes:
  `CHEMOTAXIS_SCHEME_IMPLICIT` integrates the residual M U_t = G(U), M = diag(1, eps, eps), with `TSROSW` ra34pw2 and an
  assembled analytic Jacobian (MUMPS LU by default). It handles eps = 0 (the index-1 DAE of the pes and ids limits) and
  runs towards a blow-up, where the drift is stiff.

  `CHEMOTAXIS_SCHEME_IMEX` (eps > 0 only) divides the c and w equations by eps and splits U_t = A U + N(U): the linear
  stiff part A U = (Lap_h n, (Lap_h c - c + w)/eps, (tau Lap_h w - w + n)/eps) is implicit, the chemotactic drift
  N(U) = -div F_SG(n, c) - Lap_h n explicit (F_SG approximates -grad n + n grad c), with the same Scharfetter-Gummel semi-discretisation as the implicit scheme.
  The integrator is `TSARKIMEX` (type 3 by default: ARK3(2)4L[2]SA of Kennedy and Carpenter, L-stable and stiffly
  accurate implicit part; -ts_arkimex_type changes it). Every stage solve (sigma I - A) x = r is block lower triangular
  in (n, w, c) and each block is diagonalised by the cosine transform of the cell-centred Neumann grid, so it is done
  exactly by three `MatCreateNeumannFFT()` solves (a `PCSHELL` with `KSPPREONLY` and `SNESKSPONLY`): no matrix is
  assembled and no iteration is run. The step is bounded by the explicit drift, dt sum_d max |c_{i+e_d} - c_i| / h_d^2
  <= cfl (`ChemotaxisSetCFL()`), besides the error control; the positivity control (`ChemotaxisSetPositivityControl()`)
  and the blow-up detection work as for the implicit scheme. Near a blow-up the CFL bound makes the steps tiny: use the
  implicit scheme there.

.seealso: `ChemotaxisScheme`, `ChemotaxisSetCFL()`, `ChemotaxisGetScheme()`, `MatCreateNeumannFFT()`
@*/
PetscErrorCode ChemotaxisSetScheme(Chemotaxis ct, ChemotaxisScheme scheme)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(ChemotaxisCheckNotSetUp_Private(ct, "scheme"));
  PetscCheck(scheme == CHEMOTAXIS_SCHEME_IMPLICIT || scheme == CHEMOTAXIS_SCHEME_IMEX, PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Unknown chemotaxis scheme %d", (int)scheme);
  ct->scheme = scheme;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetScheme - Gets the time discretisation

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. scheme - the scheme

  Level: beginner

.seealso: `ChemotaxisSetScheme()`
@*/
PetscErrorCode ChemotaxisGetScheme(Chemotaxis ct, ChemotaxisScheme *scheme)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(scheme, 2);
  *scheme = ct->scheme;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetCFL - Sets the CFL number of the explicit drift of the IMEX scheme

  Logically Collective

  Input Parameters:
+ ct  - the solver
- cfl - the bound on dt sum_d max_faces |c_{i+e_d} - c_i| / h_d^2 (default 0.5; 0 < cfl <= 10)

  Options Database Key:
. -chemotaxis_cfl <0.5> - the CFL number

  Level: intermediate

  Note:
  |c_{i+e_d} - c_i| / h_d is the drift velocity on a face; one forward-Euler step of the upwind drift keeps n >= 0 for
  cfl <= 1/2. The adaptive step is the smaller of the error-controlled step and this bound (of the last accepted state).

.seealso: `ChemotaxisSetScheme()`
@*/
PetscErrorCode ChemotaxisSetCFL(Chemotaxis ct, PetscReal cfl)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(TesseraCheckRealInRange(PetscObjectComm((PetscObject)ct), "CFL number", cfl, PETSC_SMALL, 10));
  ct->cfl = cfl;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetFluxType - Chooses the chemotactic face flux

  Logically Collective

  Input Parameters:
+ ct   - the solver
- type - `FVFLUX_SG` (default) or `FVFLUX_UPWIND`

  Options Database Key:
. -chemotaxis_flux <sg,upwind> - the flux

  Level: intermediate

.seealso: `FVFluxEvaluate()`
@*/
PetscErrorCode ChemotaxisSetFluxType(Chemotaxis ct, FVFluxType type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  ct->flux = type;
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisSetForcing - Adds source terms to the three equations (for manufactured solutions)

  Logically Collective

  Input Parameters:
+ ct  - the solver
. fn  - fn(dim, t, x, f, ctx) sets f[0..2], the sources of the n, c and w equations at the point x
- ctx - context for fn

  Level: developer

.seealso: `ChemotaxisSolve()`
@*/
PetscErrorCode ChemotaxisSetForcing(Chemotaxis ct, ChemotaxisForcingFn fn, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  ct->forcing    = fn;
  ct->forcingctx = ctx;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetBlowupThreshold - Sets the value of max n at which a run stops and reports a suspected blow-up

  Logically Collective

  Input Parameters:
+ ct  - the solver
- max - the threshold (0, the default: `ChemotaxisSetBlowupFactor()` times the initial max n)

  Options Database Key:
. -chemotaxis_blowup_max <0> - the threshold

  Level: intermediate

  Notes:
  A numerical solution cannot exceed mass / |cell|: detection is a statement about the grid. Confirm a blow-up
  under refinement; with a threshold fixed independently of the grid the detection time (`ChemotaxisGetBlowupTime()`)
  is a quantity of the PDE and converges under refinement of the grid and of the time tolerances.

.seealso: `ChemotaxisGetBlowup()`, `ChemotaxisSetBlowupFactor()`, `ChemotaxisGetBlowupTime()`
@*/
PetscErrorCode ChemotaxisSetBlowupThreshold(Chemotaxis ct, PetscReal max)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCheck(max >= 0 && !PetscIsInfOrNanReal(max), PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Blow-up threshold %g must be finite and >= 0", (double)max);
  ct->blowup_user = max;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetBlowupFactor - Sets the blow-up threshold relative to the initial maximum of n (used when no absolute
  threshold is set with `ChemotaxisSetBlowupThreshold()`)

  Logically Collective

  Input Parameters:
+ ct     - the solver
- factor - the run stops when max n reaches factor times its initial value (default 10; > 1)

  Options Database Key:
. -chemotaxis_blowup_factor <10> - the factor

  Level: intermediate

  Notes:
  The threshold does not depend on the grid, so the detection time converges as the grid and the time tolerances are
  refined (near a blow-up max n grows like a power of 1/(T - t), and the crossing time is interpolated in log max n
  between steps). The discrete density cannot exceed mass / |cell|: on a grid too coarse to represent the threshold it
  is capped at mass / (4 |cell|), and the stop message says so.

.seealso: `ChemotaxisSetBlowupThreshold()`, `ChemotaxisGetBlowupTime()`
@*/
PetscErrorCode ChemotaxisSetBlowupFactor(Chemotaxis ct, PetscReal factor)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCheck(factor > 1 && factor < 1e15, PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_OUTOFRANGE, "Blow-up factor %g must be > 1 and < 1e15", (double)factor);
  ct->blowup_factor = factor;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetBlowupTime - Gets the time at which max n reached the blow-up threshold in the last `ChemotaxisSolve()`

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. t - the time (interpolated in log max n over the step that crossed the threshold), or -1 if not reached

  Level: intermediate

.seealso: `ChemotaxisGetBlowup()`, `ChemotaxisSetBlowupFactor()`, `ChemotaxisSetBlowupThreshold()`
@*/
PetscErrorCode ChemotaxisGetBlowupTime(Chemotaxis ct, PetscReal *t)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(t, 2);
  *t = ct->tblowup;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetOptionsPrefix - Sets the prefix of the options of the solver, its DMDA and its TS

  Logically Collective

  Input Parameters:
+ ct     - the solver
- prefix - the prefix (e.g. "a_" gives -a_chemotaxis_eps, -a_ts_type, -a_da_grid_x)

  Level: intermediate

  Note:
  The prefixes of the DMDA and the TS are derived from this one in `ChemotaxisSetUp()`.

.seealso: `ChemotaxisAppendOptionsPrefix()`, `ChemotaxisGetOptionsPrefix()`, `ChemotaxisSetFromOptions()`
@*/
PetscErrorCode ChemotaxisSetOptionsPrefix(Chemotaxis ct, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(PetscObjectSetOptionsPrefix((PetscObject)ct, prefix));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisAppendOptionsPrefix - Appends to the prefix of the options of the solver, its DMDA and its TS

  Logically Collective

  Input Parameters:
+ ct     - the solver
- prefix - the text to append

  Level: intermediate

.seealso: `ChemotaxisSetOptionsPrefix()`, `ChemotaxisGetOptionsPrefix()`
@*/
PetscErrorCode ChemotaxisAppendOptionsPrefix(Chemotaxis ct, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(PetscObjectAppendOptionsPrefix((PetscObject)ct, prefix));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisGetOptionsPrefix - Gets the prefix of the options of the solver

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. prefix - the prefix (NULL if none; do not free)

  Level: intermediate

.seealso: `ChemotaxisSetOptionsPrefix()`, `ChemotaxisAppendOptionsPrefix()`
@*/
PetscErrorCode ChemotaxisGetOptionsPrefix(Chemotaxis ct, const char *prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(prefix, 2);
  PetscCall(PetscObjectGetOptionsPrefix((PetscObject)ct, prefix));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisSetFromOptions_FV(Chemotaxis ct, PetscOptionItems *PetscOptionsObject)
{
  PetscInt  dim = ct->dim, nL = 3;
  PetscReal eps = ct->eps_user, tau = ct->tau_user, L[3] = {ct->L[0], ct->L[1], ct->L[2]}, bmax = ct->blowup_user, bfac = ct->blowup_factor;
  PetscBool flg = PETSC_FALSE, flg2 = PETSC_FALSE;

  PetscFunctionBegin;
  PetscCall(TesseraOptionsIntInRange("-chemotaxis_dim", "Space dimension (1, 2, 3)", "ChemotaxisSetDimension", dim, &dim, &flg, 1, 3));
  if (flg) PetscCall(ChemotaxisSetDimension(ct, dim));
  PetscCall(PetscOptionsRealArray("-chemotaxis_L", "Side lengths of the box", "ChemotaxisSetDomain", L, &nL, &flg));
  if (flg) {
    PetscCheck(nL >= 1 && nL <= ct->dim, PetscObjectComm((PetscObject)ct), PETSC_ERR_ARG_SIZ, "-chemotaxis_L takes 1 to dim = %" PetscInt_FMT " side lengths, got %" PetscInt_FMT, ct->dim, nL);
    for (PetscInt d = 0; d < nL; d++) PetscCall(TesseraCheckRealInRange(PetscObjectComm((PetscObject)ct), "-chemotaxis_L (side length)", L[d], PETSC_SMALL, 1e12));
    for (PetscInt d = nL; d < 3; d++) L[d] = L[nL - 1];
    PetscCall(ChemotaxisSetDomain(ct, L));
  }
  PetscCall(TesseraOptionsRealInRange("-chemotaxis_eps", "Relaxation time eps >= 0 of the signals", "ChemotaxisSetParameters", eps, &eps, &flg, 0, 1e6));
  PetscCall(TesseraOptionsRealInRange("-chemotaxis_tau", "Diffusion coefficient tau >= 0 of w", "ChemotaxisSetParameters", tau, &tau, &flg2, 0, 1e6));
  if (flg || flg2) PetscCall(ChemotaxisSetParameters(ct, eps, tau));
  PetscCall(PetscOptionsEnum("-chemotaxis_limit", "System: full or a singular limit", "ChemotaxisSetLimit", ChemotaxisLimits, (PetscEnum)ct->limit, (PetscEnum *)&ct->limit, NULL));
  PetscCall(PetscOptionsEnum("-chemotaxis_flux", "Chemotactic flux", "ChemotaxisSetFluxType", FVFluxTypes, (PetscEnum)ct->flux, (PetscEnum *)&ct->flux, NULL));
  PetscCall(PetscOptionsEnum("-chemotaxis_scheme", "Time discretisation: fully implicit or IMEX with exact FFT stage solves", "ChemotaxisSetScheme", ChemotaxisSchemes, (PetscEnum)ct->scheme, (PetscEnum *)&ct->scheme, NULL));
  {
    PetscReal cfl = ct->cfl;

    PetscCall(TesseraOptionsRealInRange("-chemotaxis_cfl", "CFL number of the explicit drift (IMEX scheme)", "ChemotaxisSetCFL", cfl, &cfl, &flg, PETSC_SMALL, 10));
    if (flg) PetscCall(ChemotaxisSetCFL(ct, cfl));
  }
  PetscCall(PetscOptionsBool("-chemotaxis_fft_pc", "Precondition with a w, c, n field split using FFT solves for w and c", "ChemotaxisSetFromOptions", ct->fftpc, &ct->fftpc, NULL));
  PetscCall(PetscOptionsBool("-chemotaxis_positivity", "Reject every step whose solution has n < 0 and retry with a smaller step", "ChemotaxisSetPositivityControl", ct->positive, &ct->positive, NULL));
  PetscCall(PetscOptionsBool("-chemotaxis_error_signals", "Include c and w in the local error estimate (default: n only)", "ChemotaxisSetErrorControlSignals", ct->errsignals, &ct->errsignals, NULL));
  PetscCall(TesseraOptionsRealInRange("-chemotaxis_blowup_max", "Blow-up threshold on max n (0: -chemotaxis_blowup_factor times the initial max n)", "ChemotaxisSetBlowupThreshold", bmax, &bmax, &flg, 0, PETSC_MAX_REAL));
  if (flg) PetscCall(ChemotaxisSetBlowupThreshold(ct, bmax));
  PetscCall(TesseraOptionsRealInRange("-chemotaxis_blowup_factor", "Blow-up threshold relative to the initial max n", "ChemotaxisSetBlowupFactor", bfac, &bfac, &flg, 1 + PETSC_SMALL, 1e15));
  if (flg) PetscCall(ChemotaxisSetBlowupFactor(ct, bfac));
  PetscCall(PetscOptionsName("-chemotaxis_view", "View the solver after the solve", "ChemotaxisView", NULL));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetFromOptions - Sets the solver from the options database

  Collective

  Input Parameter:
. ct - the solver

  Options Database Keys:
+ -chemotaxis_dim <2>               - dimension 1, 2 or 3
. -chemotaxis_L <1,1,1>             - side lengths of the box
. -chemotaxis_eps <1e-2>            - eps >= 0
. -chemotaxis_tau <1>               - tau >= 0
. -chemotaxis_limit <none,pes,ids>  - full system or a limit
. -chemotaxis_flux <sg,upwind>      - chemotactic flux
. -chemotaxis_scheme <implicit,imex> - fully implicit (default) or IMEX with exact FFTW stage solves (`ChemotaxisSetScheme()`)
. -chemotaxis_cfl <0.5>             - CFL number of the explicit drift of the IMEX scheme
. -chemotaxis_blowup_max <0>        - blow-up threshold on max n (0: the factor below times the initial max n)
. -chemotaxis_blowup_factor <10>   - blow-up threshold relative to the initial max n (capped at mass / (4 |cell|))
. -chemotaxis_positivity <true>     - reject steps whose solution has n < 0 (`ChemotaxisSetPositivityControl()`)
. -chemotaxis_error_signals         - include c and w in the local error estimate of the adaptive step (default: n only)
. -chemotaxis_fft_pc                - GMRES preconditioned by a multiplicative field split w, c, n with exact FFTW cosine-transform
                              solves of the w and c blocks ((1 + sigma eps) I - tau Lap_h, (1 + sigma eps) I - Lap_h)
- -chemotaxis_view                  - view the solver after the solve

  Level: beginner

  Notes:
  The grid is set with the DMDA options (-da_grid_x, -da_grid_y, -da_grid_z, -da_refine, -da_processors_x, ...)
  and the time integrator with the TS options, both read in `ChemotaxisSetUp()`.

.seealso: `ChemotaxisSetUp()`
@*/
PetscErrorCode ChemotaxisSetFromOptions(Chemotaxis ct)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscObjectOptionsBegin((PetscObject)ct);
  PetscCall((*ct->ops->setfromoptions)(ct, PetscOptionsObject));
  PetscCall(PetscObjectProcessOptionsHandlers((PetscObject)ct, PetscOptionsObject));
  PetscOptionsEnd();
  ct->setfromoptionscalled = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisSetUp_FV(Chemotaxis ct)
{
  MPI_Comm       comm;
  DMBoundaryType bnone    = DM_BOUNDARY_NONE;
  PetscInt       dfill[9] = {1, 1, 0, 0, 1, 1, 1, 0, 1}, ofill[9] = {1, 1, 0, 0, 1, 0, 0, 0, 1};
  const char    *prefix;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)ct, &comm));
  PetscCall(PetscObjectGetOptionsPrefix((PetscObject)ct, &prefix));
  ct->eps = ct->limit == CHEMOTAXIS_LIMIT_NONE ? ct->eps_user : 0;
  ct->tau = ct->limit == CHEMOTAXIS_LIMIT_IDS ? 0 : ct->tau_user;

  /* grid */
  PetscCall(DMDACreate(comm, &ct->da));
  PetscCall(DMSetDimension(ct->da, ct->dim));
  PetscCall(DMDASetSizes(ct->da, ct->M[0], ct->dim > 1 ? ct->M[1] : 1, ct->dim > 2 ? ct->M[2] : 1));
  PetscCall(DMDASetNumProcs(ct->da, PETSC_DECIDE, PETSC_DECIDE, PETSC_DECIDE));
  PetscCall(DMDASetBoundaryType(ct->da, bnone, bnone, bnone));
  PetscCall(DMDASetDof(ct->da, 3));
  PetscCall(DMDASetStencilType(ct->da, DMDA_STENCIL_STAR));
  PetscCall(DMDASetStencilWidth(ct->da, 1));
  /* cell-centred grid: coarsening and refinement by a factor of 2 in the number of cells (-da_refine, PCMG on any even
     grid such as 256^2), piecewise-constant interpolation between levels */
  PetscCall(DMDASetInterpolationType(ct->da, DMDA_Q0));
  PetscCall(DMSetOptionsPrefix(ct->da, prefix));
  if (ct->setfromoptionscalled) PetscCall(DMSetFromOptions(ct->da));
  {
    PetscInt M[3];

    PetscCall(DMDAGetInfo(ct->da, NULL, &M[0], &M[1], &M[2], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
    for (PetscInt d = 0; d < ct->dim; d++) PetscCheck(M[d] >= 2, comm, PETSC_ERR_ARG_OUTOFRANGE, "Invalid grid: %" PetscInt_FMT " cells in direction %" PetscInt_FMT "; the finite-volume grid needs at least 2 cells per direction", M[d], d);
  }
  PetscCall(DMSetUp(ct->da));
  PetscCall(DMDAGetInfo(ct->da, NULL, &ct->M[0], &ct->M[1], &ct->M[2], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  ct->vol = 1.0;
  for (PetscInt d = 0; d < 3; d++) {
    if (d >= ct->dim) {
      ct->M[d] = 1;
      ct->L[d] = 1.0;
    }
    ct->h[d] = ct->L[d] / ct->M[d];
    ct->vol *= ct->h[d];
  }
  /* no coordinates on the DMDA: DMCoarsen() injects coordinates with vertex-centred rules (odd sizes), which would
     stop PCMG on the cell-centred hierarchy; the cell centres are (i + 1/2) h_d */
  PetscCall(DMDASetFieldName(ct->da, 0, "n"));
  PetscCall(DMDASetFieldName(ct->da, 1, "c"));
  PetscCall(DMDASetFieldName(ct->da, 2, "w"));
  PetscCall(DMDASetBlockFills(ct->da, dfill, ofill));
  PetscCall(DMDACreateCompatibleDMDA(ct->da, 1, &ct->da1));
  PetscCall(DMCreateGlobalVector(ct->da1, &ct->s1));
  PetscCall(VecDuplicate(ct->s1, &ct->s2));
  PetscCall(VecDuplicate(ct->s1, &ct->s3));
  PetscCall(MatCreateNeumannFFT(ct->da1, ct->L, 1.0, 1.0, &ct->fftL));
  PetscCall(MatCreateNeumannFFT(ct->da1, ct->L, 1.0, ct->tau, &ct->fftLtau));

  /* time integrator */
  PetscCall(TSCreate(comm, &ct->ts));
  PetscCall(PetscObjectIncrementTabLevel((PetscObject)ct->ts, (PetscObject)ct, 1));
  PetscCall(TSSetOptionsPrefix(ct->ts, prefix));
  PetscCall(TSSetDM(ct->ts, ct->da));
  PetscCall(TSSetApplicationContext(ct->ts, ct));
  PetscCall(TSSetProblemType(ct->ts, TS_NONLINEAR));
  PetscCall(TSSetPreStep(ct->ts, ChemotaxisPreStep_Private));
  PetscCall(TSSetPostStep(ct->ts, ChemotaxisPostStep_Private));
  PetscCall(TSSetMaxTime(ct->ts, 1.0));
  PetscCall(TSSetExactFinalTime(ct->ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscCall(TSSetTimeStep(ct->ts, ct->eps > 0 ? PetscMin(1e-3, 0.1 * ct->eps) : 1e-3));
  PetscCall(TSSetMaxSNESFailures(ct->ts, -1));
  {
    TSAdapt adapt;

    /* the local error in the max norm: the RMS norm dilutes the error at a concentration peak over the grid and lets a
       run near blow-up take steps that plateau max n; -ts_adapt_wnormtype 2 restores PETSc's default */
    PetscCall(TSGetAdapt(ct->ts, &adapt));
    adapt->wnormtype = NORM_INFINITY;
  }
  PetscCall(TSSetErrorIfStepFails(ct->ts, PETSC_FALSE));
  if (ct->scheme == CHEMOTAXIS_SCHEME_IMEX) PetscCall(ChemotaxisSetUpIMEX_Private(ct));
  else {
    SNES snes;
    KSP  ksp;

    /* mass conservation and the algebraic constraints (eps = 0) hold to the linear solver tolerance */
    PetscCall(DMCreateMatrix(ct->da, &ct->J));
    PetscCall(TSSetEquationType(ct->ts, ct->eps > 0 ? TS_EQ_IMPLICIT : TS_EQ_DAE_IMPLICIT_INDEX1));
    PetscCall(TSSetType(ct->ts, TSROSW));
    PetscCall(TSSetIFunction(ct->ts, NULL, ChemotaxisIFunction_Private, ct));
    PetscCall(TSSetIJacobian(ct->ts, ct->J, ct->J, ChemotaxisIJacobian_Private, ct));
    PetscCall(TSGetSNES(ct->ts, &snes));
    PetscCall(SNESGetKSP(snes, &ksp));
    PetscCall(KSPSetTolerances(ksp, 1e-10, 1e-50, PETSC_DEFAULT, PETSC_DEFAULT));
    if (PetscDefined(HAVE_MUMPS)) {
      PC pc;

      /* sparse direct solves: robust near concentration, exact conservation; override with -pc_type */
      PetscCall(KSPGetPC(ksp, &pc));
      PetscCall(KSPSetType(ksp, KSPPREONLY));
      PetscCall(PCSetType(pc, PCLU));
      PetscCall(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
    }
    if (ct->fftpc) PetscCall(ChemotaxisSetUpFFTPC_Private(ct));
  }
  if (ct->setfromoptionscalled) PetscCall(TSSetFromOptions(ct->ts));
  PetscCall(PetscOptionsHasName(((PetscObject)ct)->options, prefix, "-ts_dt", &ct->user_dt));
  PetscCall(TSGetTimeStep(ct->ts, &ct->dt_default));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetUp - Creates the DMDA, the Jacobian, the FFTW Neumann solvers and the TS

  Collective

  Input Parameter:
. ct - the solver

  Level: beginner

  Notes:
  The default TS is `TSROSW` (ra34pw2, L-stable and stiffly accurate, index-1 DAE capable) with adaptive steps
  whose local error is measured on n only (`ChemotaxisSetErrorControlSignals()`) in the max norm (-ts_adapt_wnormtype
  infinity; PETSc's default is the RMS norm), steps with n < 0 rejected (`ChemotaxisSetPositivityControl()`), final
  time 1, first step 1e-3
  (with c, w under error control: min(1e-3, eps/10) when the initial state is off the critical manifold), unless
  -ts_dt is given or the step was set on the TS. The equation type is `TS_EQ_IMPLICIT` for eps > 0 and
  `TS_EQ_DAE_IMPLICIT_INDEX1` for eps = 0. All can be changed with the TS options or on `ChemotaxisGetTS()`.
  With `CHEMOTAXIS_SCHEME_IMEX` (`ChemotaxisSetScheme()`) the TS is `TSARKIMEX` type 3 with identity mass
  (`TS_EQ_ODE_EXPLICIT`), an IFunction for the linear stiff part, an RHSFunction for the drift, and an exact stage
  solve by FFTW cosine transforms; no Jacobian is assembled.

.seealso: `ChemotaxisSolve()`, `ChemotaxisGetTS()`, `ChemotaxisGetDM()`
@*/
PetscErrorCode ChemotaxisSetUp(Chemotaxis ct)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  if (ct->setupcalled) PetscFunctionReturn(0);
  PetscCall(PetscLogEventBegin(CHEMOTAXIS_SetUp, ct, 0, 0, 0));
  PetscCall((*ct->ops->setup)(ct));
  ct->setupcalled = PETSC_TRUE;
  PetscCall(PetscLogEventEnd(CHEMOTAXIS_SetUp, ct, 0, 0, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode ChemotaxisView_FV(Chemotaxis ct, PetscViewer viewer)
{
  PetscReal eps, tau, L[3];
  PetscInt  M[3];

  PetscFunctionBegin;
  PetscCall(ChemotaxisGetParameters(ct, &eps, &tau));
  PetscCall(ChemotaxisGetDomain(ct, L));
  for (PetscInt d = 0; d < 3; d++) M[d] = d < ct->dim ? ct->M[d] : 1;
  PetscCall(PetscViewerASCIIPrintf(viewer, "model: n_t = Lap n - div(n grad c), eps c_t = Lap c - c + w, eps w_t = tau Lap w - w + n, no-flux boundaries\n"));
  PetscCall(PetscViewerASCIIPrintf(viewer, "system: %s; eps = %g, tau = %g (as set: eps = %g, tau = %g)\n", ChemotaxisLimits[ct->limit], (double)eps, (double)tau, (double)ct->eps_user, (double)ct->tau_user));
  PetscCall(PetscViewerASCIIPrintf(viewer, "grid: %" PetscInt_FMT "-D, %" PetscInt_FMT " x %" PetscInt_FMT " x %" PetscInt_FMT " cells on [0,%g] x [0,%g] x [0,%g]%s\n", ct->dim, M[0], M[1], M[2], (double)L[0], (double)L[1], (double)L[2],
                                   ct->setupcalled ? "" : " (before setup; -da_grid_x etc. apply at setup)"));
  PetscCall(PetscViewerASCIIPrintf(viewer, "chemotactic flux: %s; source terms: %s\n", FVFluxTypes[ct->flux], ct->forcing ? "yes" : "no"));
  PetscCall(PetscViewerASCIIPrintf(viewer, "local error control: %s\n", ct->errsignals ? "n, c and w" : "n only (c, w are fast/algebraic)"));
  PetscCall(PetscViewerASCIIPrintf(viewer, "positivity: %s\n", ct->positive ? "steps with n < 0 are rejected and retried with at most half the step" : "not enforced"));
  if (ct->scheme == CHEMOTAXIS_SCHEME_IMEX) PetscCall(PetscViewerASCIIPrintf(viewer, "scheme: imex (stiff linear part implicit, exact FFTW cosine-transform stage solves; drift explicit, CFL %g)\n", (double)ct->cfl));
  else PetscCall(PetscViewerASCIIPrintf(viewer, "scheme: implicit; linear solver: %s\n", ct->fftpc ? "GMRES, field split w, c (FFTW cosine solves), n" : "TS default (MUMPS LU when available)"));
  if (ct->blowup_user > 0) PetscCall(PetscViewerASCIIPrintf(viewer, "blow-up threshold: max n >= %g\n", (double)ct->blowup_user));
  else PetscCall(PetscViewerASCIIPrintf(viewer, "blow-up threshold: max n >= %g x its initial value (at most mass / (4 |cell|))\n", (double)ct->blowup_factor));
  if (ct->ts) PetscCall(TSView(ct->ts, viewer));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisView - Prints the model, the grid and the time integrator

  Collective

  Input Parameters:
+ ct     - the solver
- viewer - an ASCII viewer

  Level: beginner

.seealso: `ChemotaxisSetFromOptions()`
@*/
PetscErrorCode ChemotaxisView(Chemotaxis ct, PetscViewer viewer)
{
  PetscBool isascii;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(PetscObjectComm((PetscObject)ct), &viewer));
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 2);
  PetscCheckSameComm(ct, 1, viewer, 2);
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (!isascii) PetscFunctionReturn(0);
  PetscCall(PetscObjectPrintClassNamePrefixType((PetscObject)ct, viewer));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  if (ct->ops->view) PetscCall((*ct->ops->view)(ct, viewer));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisViewFromOptions - Views the solver if an option is set

  Collective

  Input Parameters:
+ ct   - the solver
. obj  - an object whose prefix is used (NULL: the solver's)
- name - the option, e.g. "-chemotaxis_view"

  Level: intermediate

.seealso: `ChemotaxisView()`, `PetscObjectViewFromOptions()`
@*/
PetscErrorCode ChemotaxisViewFromOptions(Chemotaxis ct, PetscObject obj, const char name[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCall(PetscObjectViewFromOptions((PetscObject)ct, obj, name));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetDM - Gets the DMDA (dof 3: n, c, w) of the solver

  Not Collective

  Input Parameter:
. ct - the solver, set up

  Output Parameter:
. da - the DMDA (do not destroy)

  Level: beginner

.seealso: `ChemotaxisGetTS()`, `ChemotaxisSetUp()`
@*/
PetscErrorCode ChemotaxisGetDM(Chemotaxis ct, DM *da)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(da, 2);
  PetscCheck(ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Call ChemotaxisSetUp() before ChemotaxisGetDM()");
  *da = ct->da;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetTS - Gets the TS of the solver, to set the final time, monitors, tolerances, ...

  Not Collective

  Input Parameter:
. ct - the solver, set up

  Output Parameter:
. ts - the TS (do not destroy)

  Level: beginner

.seealso: `ChemotaxisGetDM()`, `ChemotaxisSetUp()`
@*/
PetscErrorCode ChemotaxisGetTS(Chemotaxis ct, TS *ts)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(ts, 2);
  PetscCheck(ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Call ChemotaxisSetUp() before ChemotaxisGetTS()");
  *ts = ct->ts;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisCreateGlobalVector - Creates a state vector (n, c, w interlaced)

  Collective

  Input Parameter:
. ct - the solver, set up

  Output Parameter:
. U - the vector, named "U"

  Level: beginner

.seealso: `ChemotaxisSetInitialState()`
@*/
PetscErrorCode ChemotaxisCreateGlobalVector(Chemotaxis ct, Vec *U)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscCheck(ct->setupcalled, PetscObjectComm((PetscObject)ct), PETSC_ERR_ORDER, "Call ChemotaxisSetUp() before ChemotaxisCreateGlobalVector()");
  PetscCall(DMCreateGlobalVector(ct->da, U));
  PetscCall(PetscObjectSetName((PetscObject)*U, "U"));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetErrorControlSignals - Includes the signals c, w in the local error estimate of the adaptive time step

  Logically Collective

  Input Parameters:
+ ct  - the solver
- flg - `PETSC_TRUE`: all three fields are controlled (TS scalar tolerances); `PETSC_FALSE` (default): n only

  Options Database Key:
. -chemotaxis_error_signals - control c and w too

  Level: intermediate

  Notes:
  By default `ChemotaxisSolve()` installs per-component tolerance vectors on the TS (`TSSetTolerances()`) that keep
  the scalar -ts_atol, -ts_rtol on n and set 0 (not controlled) on c and w, unless vector tolerances were set on the
  TS by the user. The signals are the fast (eps > 0) or algebraic (eps = 0) components of a singularly perturbed
  system: after the initial layer they are slaved to n, c = K_tau n + O(eps), so their error follows the error of n;
  inside the layer the L-stable, stiffly accurate integrator damps their deviation from the critical manifold for any
  step (stability function R(infinity) = 0) instead of resolving it. Controlling only the slow variable is the
  standard treatment of fast/algebraic components (Hairer-Wanner II, VI.3 and VII.3; the excluded algebraic variables
  of DASSL/IDA) and makes the step count independent of eps for well- and ill-prepared data. The initial layer still
  moves n by O(eps), which the error estimate of n sees and resolves when it matters (eps not small).

.seealso: `ChemotaxisSolve()`, `TSSetTolerances()`
@*/
PetscErrorCode ChemotaxisSetErrorControlSignals(Chemotaxis ct, PetscBool flg)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  ct->errsignals = flg;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSetPositivityControl - Rejects every time step whose solution has n < 0 somewhere and retries it with at most
  half the step

  Logically Collective

  Input Parameters:
+ ct  - the solver
- flg - `PETSC_TRUE` (default): n >= 0 at every accepted step; `PETSC_FALSE`: no check

  Options Database Key:
. -chemotaxis_positivity <true> - the check

  Level: intermediate

  Notes:
  The density of the continuous problem stays nonnegative, but a high-order integrator need not keep it so: the
  stability function of a Rosenbrock or BDF method is not absolutely monotonic for large steps, and near-vacuum data
  (n = 0 on part of the domain) then get small negative values after a step although the semi-discrete
  Scharfetter-Gummel system preserves n >= 0. The check wraps the step-size choice of the `TSAdapt` in use (any type,
  installed before every step): a candidate step with min n < 0 is rejected like a step with too large an error and
  retried with min(next step, half the step). Negative values above -1e-14 max n are not a property of the integrator
  but rounding errors of the linear solves (an FFT solve leaves noise of relative size 1e-16 where n vanishes, at any
  step size): the step is accepted, they are set to 0 after it and the mass is restored by scaling n (a relative change
  of the same order). Accepted steps therefore have n >= 0 exactly; the price is a few rejections where the density is
  near zero (`ChemotaxisGetPositivityRejections()`). A run whose steps keep being
  rejected stops with the TS reason `TS_DIVERGED_STEP_REJECTED` (-ts_max_reject).

.seealso: `ChemotaxisGetPositivityRejections()`, `ChemotaxisGetMinimumDensity()`, `ChemotaxisSolve()`
@*/
PetscErrorCode ChemotaxisSetPositivityControl(Chemotaxis ct, PetscBool flg)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  ct->positive = flg;
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisGetPositivityRejections - Gets the number of steps of the last `ChemotaxisSolve()` rejected because n < 0

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameter:
. nrej - the number of rejections for negative n (also counted in `TSGetStepRejections()`)

  Level: intermediate

.seealso: `ChemotaxisSetPositivityControl()`
@*/
PetscErrorCode ChemotaxisGetPositivityRejections(Chemotaxis ct, PetscInt *nrej)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  TesseraValidPointer(nrej, 2);
  *nrej = ct->nposrejects;
  PetscFunctionReturn(0);
}

/* installs tolerance vectors built from the scalar TS tolerances: atol, rtol on n; on c and w the same (all fields
   controlled) or 0 (not controlled); the user's own vectors are left alone */
static PetscErrorCode ChemotaxisSetTolerances_Private(Chemotaxis ct)
{
  PetscReal atol, rtol;
  Vec       va, vr;

  PetscFunctionBegin;
  PetscCall(TSGetTolerances(ct->ts, &atol, &va, &rtol, &vr));
  if ((va && va != ct->vatol) || (vr && vr != ct->vrtol)) PetscFunctionReturn(0);
  if (!ct->vatol) {
    PetscCall(DMCreateGlobalVector(ct->da, &ct->vatol));
    PetscCall(VecDuplicate(ct->vatol, &ct->vrtol));
  }
  PetscCall(VecSet(ct->vatol, ct->errsignals ? atol : 0.0));
  PetscCall(VecSet(ct->vrtol, ct->errsignals ? rtol : 0.0));
  PetscCall(VecStrideSet(ct->vatol, 0, atol));
  PetscCall(VecStrideSet(ct->vrtol, 0, rtol));
  PetscCall(TSSetTolerances(ct->ts, atol, ct->vatol, rtol, ct->vrtol));
  PetscFunctionReturn(0);
}

/*@
  ChemotaxisSolve - Integrates from the state U at the TS time to the TS final time

  Collective

  Input Parameters:
+ ct - the solver
- U  - the initial state on input, the final state on output

  Level: beginner

  Notes:
  The initial state is validated (`ChemotaxisCheckState()`). For eps = 0 it is projected onto the critical
  manifold first (consistent initial data of the DAE). The run stops early with a clear reason, available from
  `ChemotaxisGetBlowup()`, when max n exceeds the blow-up threshold, or when the integrator fails while n
  concentrates; any other integrator failure is an error.

.seealso: `ChemotaxisSetUp()`, `ChemotaxisGetBlowup()`, `ChemotaxisGetTS()`
@*/
PetscErrorCode ChemotaxisSolve(Chemotaxis ct, Vec U)
{
  TSConvergedReason reason;
  PetscReal         nmax0, nmax, t, dt;
  PetscInt          step;
  MPI_Comm          comm;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  PetscValidHeaderSpecific(U, VEC_CLASSID, 2);
  PetscCall(PetscObjectGetComm((PetscObject)ct, &comm));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(PetscCitationsRegister(citation, &cited));
  PetscCall(ChemotaxisCheckState(ct, U));
  if (ct->eps == 0) PetscCall(ChemotaxisProjectToManifold(ct, U));
  PetscCall(TSGetStepNumber(ct->ts, &step));
  PetscCall(TSGetTimeStep(ct->ts, &dt));
  if (!ct->user_dt && dt == ct->dt_default && ct->eps > 0 && step == 0) {
    PetscReal dc, dw, nrm;

    /* first step: when c, w are error-controlled, resolve the initial layer (width eps) if the data are off the
       critical manifold; with control on n only the step size is left to the error estimate of n */
    PetscCall(ChemotaxisGetManifoldDistance(ct, U, &dc, &dw));
    PetscCall(VecStrideNorm(U, 0, NORM_2, &nrm));
    nrm *= PetscSqrtReal(ct->vol);
    PetscCall(TSSetTimeStep(ct->ts, ct->errsignals && PetscMax(dc, dw) > 1e-8 * nrm ? PetscMin(1e-3, 0.1 * ct->eps) : 1e-3));
  }
  if (ct->scheme == CHEMOTAXIS_SCHEME_IMEX) {
    PetscReal dtcfl;

    PetscCall(TSGetTimeStep(ct->ts, &dt));
    PetscCall(ChemotaxisCFLStep_Private(ct, U, &dtcfl));
    if (dt > dtcfl) PetscCall(TSSetTimeStep(ct->ts, dtcfl));
  }
  ct->ncflcaps = 0;
  PetscCall(ChemotaxisSetTolerances_Private(ct));
  PetscCall(ChemotaxisGetMass(ct, U, &ct->mass0));
  PetscCall(VecStrideMax(U, 0, NULL, &nmax0));
  PetscCall(VecStrideMin(U, 0, NULL, &ct->nmin));
  if (ct->blowup_user > 0) {
    ct->blowup        = ct->blowup_user;
    ct->blowup_capped = PETSC_FALSE;
  } else {
    ct->blowup        = PetscMin(ct->blowup_factor * nmax0, 0.25 * ct->mass0 / ct->vol);
    ct->blowup_capped = (PetscBool)(ct->blowup < ct->blowup_factor * nmax0);
  }
  PetscCall(TSGetTime(ct->ts, &ct->tprev));
  ct->nmaxprev        = nmax0;
  ct->tblowup         = -1;
  ct->blowup_detected = PETSC_FALSE;
  ct->stopmsg[0]      = 0;
  ct->nposrejects     = 0;
  PetscCall(PetscLogEventBegin(CHEMOTAXIS_Solve, ct, U, 0, 0));
  {
    int       blas = openblas_get_num_threads();
    char      env[64];
    PetscBool set;

    /* the vector operations of the integrators are level-1 BLAS on memory-bound arrays: OpenBLAS's thread handoff
       per call costs more than it gains (VecAXPY on 256^2 x 3 entries 17x slower with 2 threads under load) and
       oversubscribes the cores with several ranks; one thread during the solve unless OPENBLAS_NUM_THREADS is set */
    PetscCall(PetscOptionsGetenv(comm, "OPENBLAS_NUM_THREADS", env, sizeof(env), &set));
    if (!set || !env[0]) openblas_set_num_threads(1);
    PetscCall(TSSolve(ct->ts, U));
    openblas_set_num_threads(blas);
  }
  PetscCall(PetscLogEventEnd(CHEMOTAXIS_Solve, ct, U, 0, 0));
  PetscCall(TSGetConvergedReason(ct->ts, &reason));
  PetscCall(TSGetTime(ct->ts, &t));
  PetscCall(VecStrideMax(U, 0, NULL, &nmax));
  if (reason < 0) {
    PetscCheck(nmax > 2.0 * nmax0, comm, PETSC_ERR_NOT_CONVERGED, "The time integrator failed (%s) at t = %g with max n = %g (initial max %g); try a smaller -ts_dt or tighter tolerances", TSConvergedReasons[reason], (double)t, (double)nmax,
               (double)nmax0);
    ct->blowup_detected = PETSC_TRUE;
    PetscCall(PetscSNPrintf(ct->stopmsg, sizeof(ct->stopmsg), "suspected blow-up: the time integrator failed (%s) at t = %g while n concentrates, max n = %g (initial %g), mass %g", TSConvergedReasons[reason], (double)t, (double)nmax, (double)nmax0,
                            (double)ct->mass0));
  } else if (!ct->blowup_detected) {
    PetscCall(PetscSNPrintf(ct->stopmsg, sizeof(ct->stopmsg), "reached t = %g (%s)", (double)t, TSConvergedReasons[reason]));
  }
  PetscCall(ChemotaxisViewFromOptions(ct, NULL, "-chemotaxis_view"));
  PetscFunctionReturn(0);
}

/*@C
  ChemotaxisGetBlowup - Tells whether the last solve stopped on a suspected blow-up, and why it stopped

  Not Collective

  Input Parameter:
. ct - the solver

  Output Parameters:
+ blowup - `PETSC_TRUE` if the run stopped on a suspected blow-up (may be NULL)
- reason - a sentence describing why the run stopped (do not free; may be NULL)

  Level: beginner

.seealso: `ChemotaxisSolve()`, `ChemotaxisSetBlowupThreshold()`
@*/
PetscErrorCode ChemotaxisGetBlowup(Chemotaxis ct, PetscBool *blowup, const char **reason)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ct, CHEMOTAXIS_CLASSID, 1);
  if (blowup) *blowup = ct->blowup_detected;
  if (reason) *reason = ct->stopmsg;
  PetscFunctionReturn(0);
}
