/*
   tesseraatom.h - Atom: radial atomic structure solver (hydrogen-like and Kohn-Sham LDA ground states) on
   high-order radial finite elements.
*/
#if !defined(TESSERAATOM_H)
  #define TESSERAATOM_H

  #include <petscsys.h>
  #include <petscviewer.h>
  #include <tesserasys.h>
  #include <tesseraradialfe.h>

/* SUBMANSEC = Atom */

/*MC
  ATOM_MAX_ORBITALS - capacity of the orbital arrays of `Atom` (64: the NIST configurations need at most 18
  (n, l) or 29 (n, kappa) orbitals, the hydrogen-like problem with n <= 7 needs 28 (n, l) or 49 (n, kappa))

  Level: intermediate

.seealso: `AtomParseConfiguration()`, `AtomSetHydrogenicMaxN()`, `AtomGetNumberOrbitals()`
M*/
  #define ATOM_MAX_ORBITALS 64

/*S
  Atom - radial (spherically averaged, spin-unpolarised) atomic structure solver

  Level: beginner

.seealso: `AtomCreate()`, `AtomSolve()`, `AtomType`
S*/
typedef struct _p_Atom *Atom;

/*J
  AtomType - String with the name of an `Atom` model

  Level: beginner

.seealso: `AtomSetType()`, `Atom`
J*/
typedef const char *AtomType;
  #define ATOMSCHROEDINGER "schroedinger"
  #define ATOMDIRAC        "dirac"

/*E
  AtomXCType - the electron-electron interaction: none (hydrogen-like, V = -Z/r), the local density
  approximation (Slater exchange + VWN correlation, as NIST SRD 141), or its relativistic form RLDA
  (MacDonald-Vosko exchange; the Dirac model uses it for both lda and rlda, the Schroedinger model refuses rlda)

  Level: beginner

.seealso: `AtomSetXC()`
E*/
typedef enum { ATOM_XC_NONE, ATOM_XC_LDA, ATOM_XC_RLDA } AtomXCType;
TESSERA_EXTERN const char *const AtomXCTypes[];

/*E
  AtomEigenSolverType - the kernel of the partial eigensolves, lowest occupied eigenpairs only: banded
  (dsbevx eigenvalues + inverse iteration, then warm-started shift-and-invert) or dense (dsyevx)

  Level: intermediate

.seealso: `AtomSetEigenSolver()`
E*/
typedef enum { ATOM_EIGEN_DENSE, ATOM_EIGEN_BAND } AtomEigenSolverType;
TESSERA_EXTERN const char *const AtomEigenSolverTypes[];

/*E
  AtomConvergedReason - why the SCF stopped

  Level: beginner

.seealso: `AtomGetConvergedReason()`
E*/
typedef enum { ATOM_DIVERGED_ITS = -1, ATOM_CONVERGED_ITERATING = 0, ATOM_CONVERGED_TOL = 1, ATOM_CONVERGED_LINEAR = 2 } AtomConvergedReason;
TESSERA_EXTERN const char *const *AtomConvergedReasons;

TESSERA_EXTERN PetscClassId ATOM_CLASSID;

TESSERA_EXTERN PetscErrorCode AtomInitializePackage(void);
TESSERA_EXTERN PetscErrorCode AtomRegister(const char name[], PetscErrorCode (*create)(Atom));
TESSERA_EXTERN PetscErrorCode AtomCreate(MPI_Comm comm, Atom *atom);
TESSERA_EXTERN PetscErrorCode AtomSetType(Atom atom, AtomType type);
TESSERA_EXTERN PetscErrorCode AtomGetType(Atom atom, AtomType *type);
TESSERA_EXTERN PetscErrorCode AtomSetFromOptions(Atom atom);
TESSERA_EXTERN PetscErrorCode AtomSetUp(Atom atom);
TESSERA_EXTERN PetscErrorCode AtomSolve(Atom atom);
TESSERA_EXTERN PetscErrorCode AtomView(Atom atom, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode AtomViewFromOptions(Atom atom, PetscObject obj, const char name[]);
TESSERA_EXTERN PetscErrorCode AtomReset(Atom atom);
TESSERA_EXTERN PetscErrorCode AtomDestroy(Atom *atom);
TESSERA_EXTERN PetscErrorCode AtomSetOptionsPrefix(Atom atom, const char prefix[]);
TESSERA_EXTERN PetscErrorCode AtomAppendOptionsPrefix(Atom atom, const char prefix[]);
TESSERA_EXTERN PetscErrorCode AtomGetOptionsPrefix(Atom atom, const char *prefix[]);

TESSERA_EXTERN PetscErrorCode AtomSetZ(Atom atom, PetscInt Z);
TESSERA_EXTERN PetscErrorCode AtomGetZ(Atom atom, PetscInt *Z);
TESSERA_EXTERN PetscErrorCode AtomSetXC(Atom atom, AtomXCType xc);
TESSERA_EXTERN PetscErrorCode AtomSetConfiguration(Atom atom, const char config[]);
TESSERA_EXTERN PetscErrorCode AtomSetMesh(Atom atom, PetscReal rmax, PetscReal ratio, PetscInt ne);
TESSERA_EXTERN PetscErrorCode AtomGetMesh(Atom atom, PetscReal *rmax, PetscReal *ratio, PetscInt *ne);
TESSERA_EXTERN PetscErrorCode AtomSetOrder(Atom atom, PetscInt p);
TESSERA_EXTERN PetscErrorCode AtomSetQuadrature(Atom atom, PetscInt nq);
TESSERA_EXTERN PetscErrorCode AtomSetTolerance(Atom atom, PetscReal tol);
TESSERA_EXTERN PetscErrorCode AtomSetMaxIterations(Atom atom, PetscInt max_it);
TESSERA_EXTERN PetscErrorCode AtomSetMixing(Atom atom, PetscReal alpha, PetscInt history);
TESSERA_EXTERN PetscErrorCode AtomSetEigenSolver(Atom atom, AtomEigenSolverType eigen);
TESSERA_EXTERN PetscErrorCode AtomSetHydrogenicMaxN(Atom atom, PetscInt nmax);
TESSERA_EXTERN PetscErrorCode AtomSetInitialPotential(Atom atom, PetscInt n, const PetscReal v[]);
TESSERA_EXTERN PetscErrorCode AtomMonitorSet(Atom atom, PetscErrorCode (*monitor)(Atom, PetscInt, PetscReal, PetscReal, void *), void *ctx, PetscErrorCode (*destroy)(void **));

TESSERA_EXTERN PetscErrorCode AtomGetTotalEnergy(Atom atom, PetscReal *etot);
TESSERA_EXTERN PetscErrorCode AtomGetNumberOrbitals(Atom atom, PetscInt *norb);
TESSERA_EXTERN PetscErrorCode AtomGetOrbital(Atom atom, PetscInt k, PetscInt *n, PetscInt *l, PetscReal *occ, PetscReal *eig);
TESSERA_EXTERN PetscErrorCode AtomGetOrbitalKappa(Atom atom, PetscInt k, PetscInt *kappa);
TESSERA_EXTERN PetscErrorCode AtomSetSpeedOfLight(Atom atom, PetscReal c);
TESSERA_EXTERN PetscErrorCode AtomGetSpeedOfLight(Atom atom, PetscReal *c);
TESSERA_EXTERN PetscErrorCode AtomGetIterationNumber(Atom atom, PetscInt *its);
TESSERA_EXTERN PetscErrorCode AtomGetConvergedReason(Atom atom, AtomConvergedReason *reason);
TESSERA_EXTERN PetscErrorCode AtomGetPotential(Atom atom, PetscInt *n, const PetscReal **v);
TESSERA_EXTERN PetscErrorCode AtomGetDiscretization(Atom atom, RadialFE *fe);
TESSERA_EXTERN PetscErrorCode AtomEvaluateRadial(Atom atom, PetscInt npts, const PetscReal r[], PetscReal n[], PetscReal V[]);

TESSERA_EXTERN PetscErrorCode AtomGetNISTConfiguration(PetscInt Z, const char **symbol, const char **config);
TESSERA_EXTERN PetscErrorCode AtomParseConfiguration(const char config[], PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscReal occ[]);
TESSERA_EXTERN PetscErrorCode AtomLDA(PetscReal n, PetscReal *exc, PetscReal *vxc);
TESSERA_EXTERN PetscErrorCode AtomRelativisticLDA(PetscReal n, PetscReal c, PetscReal *exc, PetscReal *vxc);
TESSERA_EXTERN PetscErrorCode AtomVWNCorrelation(PetscReal rs, PetscReal *ec, PetscReal *vc);
TESSERA_EXTERN PetscErrorCode AtomThomasFermiZeff(PetscInt Z, PetscReal r, PetscReal *zeff);

#endif
