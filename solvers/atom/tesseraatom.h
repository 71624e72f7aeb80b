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
TESSERA_EXTERN PetscErrorCode AtomRegister(const char[], PetscErrorCode (*)(Atom));
TESSERA_EXTERN PetscErrorCode AtomCreate(MPI_Comm, Atom *);
TESSERA_EXTERN PetscErrorCode AtomSetType(Atom, AtomType);
TESSERA_EXTERN PetscErrorCode AtomGetType(Atom, AtomType *);
TESSERA_EXTERN PetscErrorCode AtomSetFromOptions(Atom);
TESSERA_EXTERN PetscErrorCode AtomSetUp(Atom);
TESSERA_EXTERN PetscErrorCode AtomSolve(Atom);
TESSERA_EXTERN PetscErrorCode AtomView(Atom, PetscViewer);
TESSERA_EXTERN PetscErrorCode AtomViewFromOptions(Atom, PetscObject, const char[]);
TESSERA_EXTERN PetscErrorCode AtomReset(Atom);
TESSERA_EXTERN PetscErrorCode AtomDestroy(Atom *);
TESSERA_EXTERN PetscErrorCode AtomSetOptionsPrefix(Atom, const char[]);
TESSERA_EXTERN PetscErrorCode AtomAppendOptionsPrefix(Atom, const char[]);
TESSERA_EXTERN PetscErrorCode AtomGetOptionsPrefix(Atom, const char *[]);

TESSERA_EXTERN PetscErrorCode AtomSetZ(Atom, PetscInt);
TESSERA_EXTERN PetscErrorCode AtomGetZ(Atom, PetscInt *);
TESSERA_EXTERN PetscErrorCode AtomSetXC(Atom, AtomXCType);
TESSERA_EXTERN PetscErrorCode AtomSetConfiguration(Atom, const char[]);
TESSERA_EXTERN PetscErrorCode AtomSetMesh(Atom, PetscReal, PetscReal, PetscInt);
TESSERA_EXTERN PetscErrorCode AtomGetMesh(Atom, PetscReal *, PetscReal *, PetscInt *);
TESSERA_EXTERN PetscErrorCode AtomSetOrder(Atom, PetscInt);
TESSERA_EXTERN PetscErrorCode AtomSetQuadrature(Atom, PetscInt);
TESSERA_EXTERN PetscErrorCode AtomSetTolerance(Atom, PetscReal);
TESSERA_EXTERN PetscErrorCode AtomSetMaxIterations(Atom, PetscInt);
TESSERA_EXTERN PetscErrorCode AtomSetMixing(Atom, PetscReal, PetscInt);
TESSERA_EXTERN PetscErrorCode AtomSetEigenSolver(Atom, AtomEigenSolverType);
TESSERA_EXTERN PetscErrorCode AtomSetHydrogenicMaxN(Atom, PetscInt);
TESSERA_EXTERN PetscErrorCode AtomSetInitialPotential(Atom, PetscInt, const PetscReal[]);
TESSERA_EXTERN PetscErrorCode AtomMonitorSet(Atom, PetscErrorCode (*)(Atom, PetscInt, PetscReal, PetscReal, void *), void *, PetscErrorCode (*)(void **));

TESSERA_EXTERN PetscErrorCode AtomGetTotalEnergy(Atom, PetscReal *);
TESSERA_EXTERN PetscErrorCode AtomGetNumberOrbitals(Atom, PetscInt *);
TESSERA_EXTERN PetscErrorCode AtomGetOrbital(Atom, PetscInt, PetscInt *, PetscInt *, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode AtomGetOrbitalKappa(Atom, PetscInt, PetscInt *);
TESSERA_EXTERN PetscErrorCode AtomSetSpeedOfLight(Atom, PetscReal);
TESSERA_EXTERN PetscErrorCode AtomGetSpeedOfLight(Atom atom, PetscReal *c);
TESSERA_EXTERN PetscErrorCode AtomGetIterationNumber(Atom, PetscInt *);
TESSERA_EXTERN PetscErrorCode AtomGetConvergedReason(Atom, AtomConvergedReason *);
TESSERA_EXTERN PetscErrorCode AtomGetPotential(Atom, PetscInt *, const PetscReal **);
TESSERA_EXTERN PetscErrorCode AtomGetDiscretization(Atom, RadialFE *);
TESSERA_EXTERN PetscErrorCode AtomEvaluateRadial(Atom, PetscInt, const PetscReal[], PetscReal[], PetscReal[]);

TESSERA_EXTERN PetscErrorCode AtomGetNISTConfiguration(PetscInt, const char **, const char **);
TESSERA_EXTERN PetscErrorCode AtomParseConfiguration(const char[], PetscInt, PetscInt *, PetscInt[], PetscInt[], PetscReal[]);
TESSERA_EXTERN PetscErrorCode AtomLDA(PetscReal, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode AtomRelativisticLDA(PetscReal, PetscReal, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode AtomVWNCorrelation(PetscReal, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode AtomThomasFermiZeff(PetscInt, PetscReal, PetscReal *);

#endif
