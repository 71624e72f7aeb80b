/*I "tessera.h" I*/
/*
   Atom class: setters and getters of the problem, discretisation, SCF parameters and results.
*/
#include <atomimpl.h>

/*@
  AtomSetZ - Sets the atomic number (nuclear charge of a point nucleus)

  Logically Collective

  Input Parameters:
+ atom - the solver
- Z    - the atomic number, 1 <= Z <= 92 (the range of the NIST configurations)

  Options Database Key:
. -atom_z <Z> - the atomic number

  Level: beginner

.seealso: `AtomSetXC()`, `AtomSetConfiguration()`
@*/
PetscErrorCode AtomSetZ(Atom atom, PetscInt Z)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveInt(atom, Z, 2);
  PetscCheck(Z >= 1 && Z <= 92, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Atomic number Z = %" PetscInt_FMT " is outside 1..92", Z);
  atom->Z           = Z;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomGetZ - Gets the atomic number

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameter:
. Z - the atomic number

  Level: beginner

.seealso: `AtomSetZ()`
@*/
PetscErrorCode AtomGetZ(Atom atom, PetscInt *Z)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidIntPointer(Z, 2);
  *Z = atom->Z;
  PetscFunctionReturn(0);
}

/*@
  AtomSetXC - Selects the electron interaction

  Logically Collective

  Input Parameters:
+ atom - the solver
- xc   - `ATOM_XC_NONE` (hydrogen-like, V = -Z/r), `ATOM_XC_LDA` (Kohn-Sham LDA; relativistic LDA with `ATOMDIRAC`) or `ATOM_XC_RLDA` (`ATOMDIRAC` only)

  Options Database Key:
. -atom_xc <none,lda,rlda> - the interaction

  Level: beginner

.seealso: `AtomSetZ()`
@*/
PetscErrorCode AtomSetXC(Atom atom, AtomXCType xc)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveEnum(atom, xc, 2);
  atom->xc          = xc;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  AtomSetConfiguration - Sets the orbital occupations, e.g. "1s2 2s2 2p6 3s1"

  Logically Collective

  Input Parameters:
+ atom   - the solver
- config - the configuration, or NULL for the NIST ground state of Z

  Options Database Key:
. -atom_configuration <string> - the configuration

  Level: intermediate

.seealso: `AtomGetNISTConfiguration()`
@*/
PetscErrorCode AtomSetConfiguration(Atom atom, const char config[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(PetscStrncpy(atom->config, config ? config : "", sizeof(atom->config)));
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomSetMesh - Sets the exponential element mesh

  Logically Collective

  Input Parameters:
+ atom  - the solver
. rmax  - radius of the domain
. ratio - last/first element length ratio (1: uniform)
- ne    - number of elements

  Options Database Keys:
+ -atom_mesh_rmax <40> - radius
. -atom_mesh_ratio <1000> - ratio
- -atom_mesh_elements <8> - elements

  Level: intermediate

.seealso: `AtomGetMesh()`, `AtomSetOrder()`, `RadialFEMeshExponential()`
@*/
PetscErrorCode AtomSetMesh(Atom atom, PetscReal rmax, PetscReal ratio, PetscInt ne)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveReal(atom, rmax, 2);
  PetscValidLogicalCollectiveReal(atom, ratio, 3);
  PetscValidLogicalCollectiveInt(atom, ne, 4);
  PetscCheck(rmax > 0, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Mesh radius rmax = %g must be positive", (double)rmax);
  PetscCheck(ratio > 0, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Mesh ratio a = %g must be positive", (double)ratio);
  PetscCheck(ne >= 1, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Number of mesh elements %" PetscInt_FMT " must be at least 1", ne);
  atom->rmax        = rmax;
  atom->rmaxset     = PETSC_TRUE;
  atom->ratio       = ratio;
  atom->ne          = ne;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomGetMesh - Gets the parameters of the exponential element mesh

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameters:
+ rmax  - radius of the domain (or NULL)
. ratio - last/first element length ratio (or NULL)
- ne    - number of elements (or NULL)

  Level: intermediate

.seealso: `AtomSetMesh()`
@*/
PetscErrorCode AtomGetMesh(Atom atom, PetscReal *rmax, PetscReal *ratio, PetscInt *ne)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  if (rmax) *rmax = atom->rmax;
  if (ratio) *ratio = atom->ratio;
  if (ne) *ne = atom->ne;
  PetscFunctionReturn(0);
}

/*@
  AtomSetOrder - Sets the polynomial order of the elements

  Logically Collective

  Input Parameters:
+ atom - the solver
- p    - the order, p >= 1

  Options Database Key:
. -atom_order <14> - the order

  Level: intermediate

.seealso: `AtomSetMesh()`, `AtomSetQuadrature()`
@*/
PetscErrorCode AtomSetOrder(Atom atom, PetscInt p)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveInt(atom, p, 2);
  PetscCheck(p >= 1, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Polynomial order p = %" PetscInt_FMT " must be at least 1", p);
  atom->p           = p;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomSetQuadrature - Sets the number of Gauss-Legendre points per element

  Logically Collective

  Input Parameters:
+ atom - the solver
- nq   - points per element (`PETSC_DEFAULT`: 2p + 1)

  Options Database Key:
. -atom_quadrature_points <nq> - points per element

  Level: intermediate

.seealso: `AtomSetOrder()`
@*/
PetscErrorCode AtomSetQuadrature(Atom atom, PetscInt nq)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveInt(atom, nq, 2);
  atom->nq          = nq;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomSetTolerance - Sets the SCF tolerance on the changes of the eigenvalues and of the total energy between
  iterations

  Logically Collective

  Input Parameters:
+ atom - the solver
- tol  - the tolerance (Hartree)

  Options Database Key:
. -atom_tol <1e-9> - the tolerance

  Level: beginner

.seealso: `AtomSetMaxIterations()`
@*/
PetscErrorCode AtomSetTolerance(Atom atom, PetscReal tol)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveReal(atom, tol, 2);
  atom->tol = tol;
  PetscFunctionReturn(0);
}

/*@
  AtomSetMaxIterations - Sets the maximum number of SCF iterations

  Logically Collective

  Input Parameters:
+ atom   - the solver
- max_it - the maximum

  Options Database Key:
. -atom_scf_max_it <200> - the maximum

  Level: beginner

.seealso: `AtomSetTolerance()`
@*/
PetscErrorCode AtomSetMaxIterations(Atom atom, PetscInt max_it)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveInt(atom, max_it, 2);
  atom->max_it = max_it;
  PetscFunctionReturn(0);
}

/*@
  AtomSetMixing - Sets the Anderson (Pulay) mixing of the SCF potential

  Logically Collective

  Input Parameters:
+ atom    - the solver
. alpha   - damping of the residual, 0 < alpha <= 1
- history - number of previous iterations kept (0: linear mixing)

  Options Database Keys:
+ -atom_mix_alpha <0.5> - damping
- -atom_mix_history <8> - history

  Level: intermediate

.seealso: `AtomSolve()`
@*/
PetscErrorCode AtomSetMixing(Atom atom, PetscReal alpha, PetscInt history)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveReal(atom, alpha, 2);
  PetscValidLogicalCollectiveInt(atom, history, 3);
  atom->mix_alpha   = alpha;
  atom->mix_history = history;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomSetEigenSolver - Selects the LAPACK kernel of the partial eigensolves

  Logically Collective

  Input Parameters:
+ atom  - the solver
- eigen - `ATOM_EIGEN_BAND` (dsbevx eigenvalues + inverse iteration, warm-started shift-and-invert; default) or `ATOM_EIGEN_DENSE` (dsyevx; accurate only to eps ||H||)

  Options Database Key:
. -atom_eigensolver <dense,band> - the kernel

  Level: advanced

.seealso: `AtomSolve()`
@*/
PetscErrorCode AtomSetEigenSolver(Atom atom, AtomEigenSolverType eigen)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveEnum(atom, eigen, 2);
  atom->eigen       = eigen;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomSetHydrogenicMaxN - Sets the states of the hydrogen-like problem: all (n, l) with n <= nmax

  Logically Collective

  Input Parameters:
+ atom - the solver
- nmax - the largest principal quantum number

  Options Database Key:
. -atom_hydrogenic_nmax <7> - nmax

  Level: intermediate

.seealso: `AtomSetXC()`
@*/
PetscErrorCode AtomSetHydrogenicMaxN(Atom atom, PetscInt nmax)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveInt(atom, nmax, 2);
  atom->hnmax       = nmax;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  AtomSetInitialPotential - Sets the initial V_H + V_xc at the quadrature points (SCF restart), replacing the
  Thomas-Fermi guess

  Logically Collective

  Input Parameters:
+ atom - the solver
. n    - number of values (the number of quadrature points of the discretisation)
- v    - the values, e.g. from `AtomGetPotential()` of an earlier run with the same discretisation

  Level: intermediate

.seealso: `AtomGetPotential()`
@*/
PetscErrorCode AtomSetInitialPotential(Atom atom, PetscInt n, const PetscReal v[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveInt(atom, n, 2);
  PetscCheck(n >= 0, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Number of initial potential values %" PetscInt_FMT " must be nonnegative", n);
  if (n) PetscValidRealPointer(v, 3);
  PetscCall(PetscFree(atom->vinit));
  atom->nvinit = n;
  PetscCall(PetscMalloc1(n, &atom->vinit));
  PetscCall(PetscArraycpy(atom->vinit, v, n));
  PetscFunctionReturn(0);
}

/*@C
  AtomMonitorSet - Sets a routine called after every SCF iteration

  Logically Collective

  Input Parameters:
+ atom    - the solver
. monitor - the routine, monitor(atom, iteration, total energy, potential residual, ctx)
. ctx     - its context
- destroy - routine destroying the context, or NULL

  Options Database Key:
. -atom_monitor - print every iteration

  Level: intermediate

.seealso: `AtomSolve()`
@*/
PetscErrorCode AtomMonitorSet(Atom atom, PetscErrorCode (*monitor)(Atom, PetscInt, PetscReal, PetscReal, void *), void *ctx, PetscErrorCode (*destroy)(void **))
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  if (atom->monitordestroy) PetscCall((*atom->monitordestroy)(&atom->monitorctx));
  atom->monitor        = monitor;
  atom->monitorctx     = ctx;
  atom->monitordestroy = destroy;
  PetscFunctionReturn(0);
}

/*@
  AtomGetTotalEnergy - Gets the total energy of the last solve

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameter:
. etot - the total energy (Hartree); the sum of occupied eigenvalues for the hydrogen-like problem

  Level: beginner

.seealso: `AtomSolve()`, `AtomGetOrbital()`
@*/
PetscErrorCode AtomGetTotalEnergy(Atom atom, PetscReal *etot)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidRealPointer(etot, 2);
  *etot = atom->etot;
  PetscFunctionReturn(0);
}

/*@
  AtomGetNumberOrbitals - Gets the number of computed orbitals

  Not Collective

  Input Parameter:
. atom - the solver (set up)

  Output Parameter:
. norb - the number of orbitals

  Level: beginner

.seealso: `AtomGetOrbital()`
@*/
PetscErrorCode AtomGetNumberOrbitals(Atom atom, PetscInt *norb)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidIntPointer(norb, 2);
  *norb = atom->norb;
  PetscFunctionReturn(0);
}

/*@
  AtomGetOrbital - Gets the quantum numbers, occupation and eigenvalue of one orbital

  Not Collective

  Input Parameters:
+ atom - the solver
- k    - the orbital, 0 <= k < norb

  Output Parameters:
+ n   - principal quantum number (or NULL)
. l   - angular momentum (or NULL)
. occ - occupation (or NULL)
- eig - eigenvalue in Hartree (or NULL)

  Level: beginner

.seealso: `AtomGetNumberOrbitals()`
@*/
PetscErrorCode AtomGetOrbital(Atom atom, PetscInt k, PetscInt *n, PetscInt *l, PetscReal *occ, PetscReal *eig)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCheck(k >= 0 && k < atom->norb, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Orbital %" PetscInt_FMT " is not in 0..%" PetscInt_FMT, k, atom->norb - 1);
  if (n) *n = atom->n[k];
  if (l) *l = atom->l[k];
  if (occ) *occ = atom->occ[k];
  if (eig) *eig = atom->eig[k];
  PetscFunctionReturn(0);
}

/*@
  AtomGetIterationNumber - Gets the number of SCF iterations of the last solve

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameter:
. its - the iterations

  Level: beginner

.seealso: `AtomGetConvergedReason()`
@*/
PetscErrorCode AtomGetIterationNumber(Atom atom, PetscInt *its)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidIntPointer(its, 2);
  *its = atom->its;
  PetscFunctionReturn(0);
}

/*@
  AtomGetConvergedReason - Gets why the SCF stopped

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameter:
. reason - the reason (negative: not converged)

  Level: beginner

.seealso: `AtomGetIterationNumber()`
@*/
PetscErrorCode AtomGetConvergedReason(Atom atom, AtomConvergedReason *reason)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  TesseraValidPointer(reason, 2);
  *reason = atom->reason;
  PetscFunctionReturn(0);
}

/*@
  AtomEvaluateRadial - Evaluates the electron density n(r) and the total potential V(r) = -Z/r + V_H + V_xc of
  the last SCF input at given radii

  Not Collective

  Input Parameters:
+ atom - the solver (solved)
. npts - number of radii
- r    - the radii, 0 < r <= rmax

  Output Parameters:
+ n - the density (or NULL)
- V - the potential (or NULL)

  Level: intermediate

.seealso: `AtomSolve()`
@*/
PetscErrorCode AtomEvaluateRadial(Atom atom, PetscInt npts, const PetscReal r[], PetscReal n[], PetscReal V[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  if (npts) PetscValidRealPointer(r, 3);
  PetscCheck(atom->setupcalled, PetscObjectComm((PetscObject)atom), PETSC_ERR_ORDER, "Call AtomSolve() before AtomEvaluateRadial()");
  PetscUseTypeMethod(atom, evaluate, npts, r, n, V);
  PetscFunctionReturn(0);
}

/*@C
  AtomGetPotential - Gets the SCF input potential V_H + V_xc at the quadrature points (the SCF state, for
  checkpoints; see `AtomSetInitialPotential()`)

  Not Collective

  Input Parameter:
. atom - the solver (set up)

  Output Parameters:
+ n - number of values
- v - the values (do not free)

  Level: intermediate

.seealso: `AtomSetInitialPotential()`, `AtomGetDiscretization()`
@*/
PetscErrorCode AtomGetPotential(Atom atom, PetscInt *n, const PetscReal **v)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidIntPointer(n, 2);
  TesseraValidPointer(v, 3);
  PetscCheck(atom->setupcalled, PetscObjectComm((PetscObject)atom), PETSC_ERR_ORDER, "Call AtomSetUp() before AtomGetPotential()");
  *n = atom->nqt;
  *v = atom->vin;
  PetscFunctionReturn(0);
}

/*@C
  AtomGetDiscretization - Gets the radial finite-element discretisation

  Not Collective

  Input Parameter:
. atom - the solver (set up)

  Output Parameter:
. fe - the discretisation (do not destroy)

  Level: intermediate

.seealso: `AtomSetUp()`
@*/
PetscErrorCode AtomGetDiscretization(Atom atom, RadialFE *fe)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  TesseraValidPointer(fe, 2);
  PetscCheck(atom->setupcalled, PetscObjectComm((PetscObject)atom), PETSC_ERR_ORDER, "Call AtomSetUp() before AtomGetDiscretization()");
  *fe = atom->fe;
  PetscFunctionReturn(0);
}

/*@
  AtomGetOrbitalKappa - Gets the relativistic quantum number kappa of one orbital

  Not Collective

  Input Parameters:
+ atom - the solver (set up)
- k    - the orbital, 0 <= k < norb

  Output Parameter:
. kappa - -(l + 1) for j = l + 1/2, l for j = l - 1/2; 0 for the orbitals of a non-relativistic model

  Level: intermediate

.seealso: `AtomGetOrbital()`, `ATOMDIRAC`
@*/
PetscErrorCode AtomGetOrbitalKappa(Atom atom, PetscInt k, PetscInt *kappa)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidIntPointer(kappa, 3);
  PetscCheck(k >= 0 && k < atom->norb, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Orbital %" PetscInt_FMT " is not in 0..%" PetscInt_FMT, k, atom->norb - 1);
  *kappa = atom->kappa[k];
  PetscFunctionReturn(0);
}

/*@
  AtomGetSpeedOfLight - Gets the speed of light of the relativistic models

  Not Collective

  Input Parameter:
. atom - the solver

  Output Parameter:
. c - the speed of light in atomic units

  Level: advanced

.seealso: `AtomSetSpeedOfLight()`, `ATOMDIRAC`
@*/
PetscErrorCode AtomGetSpeedOfLight(Atom atom, PetscReal *c)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidRealPointer(c, 2);
  *c = atom->c;
  PetscFunctionReturn(0);
}

/*@
  AtomSetSpeedOfLight - Sets the speed of light of the relativistic models

  Logically Collective

  Input Parameters:
+ atom - the solver
- c    - the speed of light in atomic units, c > Z (default 137.0359895, the CODATA 1986 value used by NIST SRD 141)

  Options Database Key:
. -atom_speed_of_light <c> - the speed of light

  Level: advanced

.seealso: `ATOMDIRAC`
@*/
PetscErrorCode AtomSetSpeedOfLight(Atom atom, PetscReal c)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscValidLogicalCollectiveReal(atom, c, 2);
  PetscCheck(c > 0 && PetscIsNormalReal(c) && c < 1e10, PetscObjectComm((PetscObject)atom), PETSC_ERR_ARG_OUTOFRANGE, "Speed of light c = %g must be positive, finite and below 1e10", (double)c);
  atom->c           = c;
  atom->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}
