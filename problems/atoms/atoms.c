/*I "tesseraatomproblems.h" I*/
/*
   Atoms problem set: the reference data of NIST SRD 141 (S. Kotochigova, Z. H. Levine, E. L. Shirley,
   M. D. Stiles, C. W. Clark, Phys. Rev. A 55, 191 (1997); erratum Phys. Rev. A 56, 5191 (1997)) and the errors
   of an Atom solve against them.
*/
#include <tesseraimpl.h>
#include <tesseraatomproblems.h>
#include <tesseraproblem.h>

/* a finite real that fills the whole field s of a line of file */
static PetscErrorCode AtomProblemParseReal_Private(const char s[], const char file[], PetscInt Z, PetscReal *v)
{
  char  *end;
  double d;

  PetscFunctionBegin;
  d = strtod(s, &end);
  PetscCheck(end != s && (!*end || *end == '\t' || *end == '\n' || *end == '\r' || *end == ' ') && !PetscIsInfOrNanReal((PetscReal)d), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Bad number \"%.*s\" for Z = %" PetscInt_FMT " in %s",
             (int)strcspn(s, "\t\r\n"), s, Z, file);
  *v = (PetscReal)d;
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemReadReference - Reads the total energy and the orbital eigenvalues of one atom from a NIST
  reference table: LDA (tab-separated: Z, symbol, kind (Etot|eig), n, l, orbital, occupation, energy_Ha,
  nist_6dp) or RLDA (Z, symbol, kind, n, l, two_j, kappa, orbital, occupation, energy_Ha), told apart by the
  header line

  Not Collective

  Input Parameters:
+ file - the table, e.g. problems/atoms/nist_lda_reference.tsv
. Z    - the atomic number
- max  - capacity of the orbital arrays

  Output Parameters:
+ etot - the reference total energy (Hartree)
. nist - NIST's published 6-decimal total energy (NaN for an RLDA table, which has none; or NULL)
. norb - number of orbitals
. n    - principal quantum numbers
. l    - angular momenta
. kappa - relativistic quantum numbers (0 in an LDA table; or NULL)
. occ  - occupations
- eig  - reference eigenvalues (Hartree)

  Level: intermediate

.seealso: `AtomProblemComputeReferenceError()`
@*/
PetscErrorCode AtomProblemReadReference(const char file[], PetscInt Z, PetscReal *etot, PetscReal *nist, PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscInt kappa[], PetscReal occ[], PetscReal eig[])
{
  FILE     *fp;
  char      line[512];
  PetscInt  k     = 0;
  PetscBool found = PETSC_FALSE, rel = PETSC_FALSE;

  PetscFunctionBegin;
  PetscCall(PetscFOpen(PETSC_COMM_SELF, file, "r", &fp));
  while (fgets(line, sizeof(line), fp)) {
    int  z, nn, ll, tj = 0, kk = 0, nf;
    char sym[8], kind[8], orb[8], socc[32], se[64], s6[64];

    if (line[0] == '#') continue;
    if (line[0] == 'Z') {
      rel = (PetscBool)(strstr(line, "kappa") != NULL); /* the RLDA table has the columns two_j and kappa */
      continue;
    }
    if (rel) nf = sscanf(line, "%d %7s %7s %d %d %d %d %7s %31s %63s", &z, sym, kind, &nn, &ll, &tj, &kk, orb, socc, se) == 10 ? 9 : 0;
    else nf = sscanf(line, "%d %7s %7s %d %d %7s %31s %63s %63s", &z, sym, kind, &nn, &ll, orb, socc, se, s6);
    if (nf == 9) {
      if (z != Z) continue;
      PetscCheck(k < max, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Reference for Z = %" PetscInt_FMT " has more than %" PetscInt_FMT " orbitals", Z, max);
      PetscCheck(!rel || (kk == (tj == 2 * ll + 1 ? -(ll + 1) : ll) && (tj == 2 * ll + 1 || tj == 2 * ll - 1)), PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Inconsistent l = %d, 2j = %d, kappa = %d for Z = %" PetscInt_FMT " in %s", ll, tj, kk, Z,
                 file);
      n[k] = nn;
      l[k] = ll;
      if (kappa) kappa[k] = kk;
      PetscCall(AtomProblemParseReal_Private(socc, file, Z, &occ[k]));
      PetscCall(AtomProblemParseReal_Private(se, file, Z, &eig[k]));
      k++;
    } else if (sscanf(line, "%d %7s %7s", &z, sym, kind) == 3 && z == Z && !strcmp(kind, "Etot")) {
      char *t = strrchr(line, '\t');

      PetscCheck(t, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Bad Etot line in %s", file);
      if (rel) {
        PetscCall(AtomProblemParseReal_Private(t + 1, file, Z, etot));
        if (nist) *nist = (PetscReal)NAN;
      } else {
        if (nist) PetscCall(AtomProblemParseReal_Private(t + 1, file, Z, nist));
        *t = 0;
        t  = strrchr(line, '\t');
        PetscCheck(t, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Bad Etot line in %s", file);
        PetscCall(AtomProblemParseReal_Private(t + 1, file, Z, etot));
      }
      found = PETSC_TRUE;
    }
  }
  PetscCall(PetscFClose(PETSC_COMM_SELF, fp));
  PetscCheck(found && k > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "No reference data for Z = %" PetscInt_FMT " in %s", Z, file);
  *norb = k;
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemComputeReferenceError - Compares the last solve with a NIST reference table (LDA or RLDA)

  Not Collective

  Input Parameters:
+ atom - the solver (solved)
- file - the reference table (problems/atoms/nist_lda_reference.tsv, or nist_rlda_reference.tsv for the Dirac model)

  Output Parameters:
+ detot - |E_tot - reference| (or NULL)
. deig  - max over the orbitals of |e_i - reference| (or NULL)
- dnist - |E_tot - NIST's published 6 decimals|, -1 if the table has no such column (RLDA) (or NULL)

  Level: intermediate

  Notes:
  Fails if the computed orbitals (n, l, kappa, occupation) differ from those of the table, e.g. a Dirac solve
  compared with the LDA table.

.seealso: `AtomProblemReadReference()`, `AtomSolve()`
@*/
PetscErrorCode AtomProblemComputeReferenceError(Atom atom, const char file[], PetscReal *detot, PetscReal *deig, PetscReal *dnist)
{
  PetscInt  rn[ATOM_MAX_ORBITALS], rl[ATOM_MAX_ORBITALS], rk[ATOM_MAX_ORBITALS], rnorb, norb, Z, matched = 0;
  PetscReal rocc[ATOM_MAX_ORBITALS], reig[ATOM_MAX_ORBITALS], retot, nist, etot, d = 0;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  PetscCall(AtomGetTotalEnergy(atom, &etot));
  PetscCall(AtomProblemReadReference(file, Z, &retot, &nist, ATOM_MAX_ORBITALS, &rnorb, rn, rl, rk, rocc, reig));
  for (PetscInt k = 0; k < norb; k++) {
    PetscInt  n, l, kappa;
    PetscReal occ, eig;

    PetscCall(AtomGetOrbital(atom, k, &n, &l, &occ, &eig));
    PetscCall(AtomGetOrbitalKappa(atom, k, &kappa));
    for (PetscInt j = 0; j < rnorb; j++) {
      if (rn[j] != n || rl[j] != l || rk[j] != kappa) continue; /* occupations are printed to 9 decimals (5f5/2 1.285714286) */
      PetscCheck(PetscAbsReal(rocc[j] - occ) <= 1e-8, PETSC_COMM_SELF, PETSC_ERR_ARG_INCOMP, "Occupation %g of orbital %" PetscInt_FMT "%c differs from %g in %s", (double)occ, n, "spdfghi"[l], (double)rocc[j], file);
      d = PetscMax(d, PetscAbsReal(eig - reig[j]));
      matched++;
    }
  }
  PetscCheck(matched == rnorb && norb == rnorb, PETSC_COMM_SELF, PETSC_ERR_ARG_INCOMP, "The orbitals of Z = %" PetscInt_FMT " differ from those of %s", Z, file);
  if (detot) *detot = PetscAbsReal(etot - retot);
  if (deig) *deig = d;
  if (dnist) *dnist = PetscIsNanReal(nist) ? -1 : PetscAbsReal(etot - nist);
  PetscFunctionReturn(0);
}

/* ------------------------------------------------------------------------------------------------------------------
   The registry: an atoms problem poses the physics of an Atom solve (its exchange-correlation model) and the
   reference its answer is measured against.
*/
struct _n_AtomProblem {
  MPI_Comm   comm;
  char       name[64];
  char       file[PETSC_MAX_PATH_LEN]; /* reference table, for the table-based problems */
  AtomXCType xc;                       /* the exchange-correlation model the reference was computed with */
  PetscErrorCode (*error)(AtomProblem, Atom, PetscReal *, PetscReal *);
};

static TesseraPackage AtomProblemPackage = {.name = "atomproblem", .problemset = "atom"};

/* errors against the NIST SRD 141 LDA table */
static PetscErrorCode AtomProblemError_NISTLDA(AtomProblem prob, Atom atom, PetscReal *detot, PetscReal *deig)
{
  PetscFunctionBegin;
  PetscCall(AtomProblemComputeReferenceError(atom, prob->file, detot, deig, NULL));
  PetscFunctionReturn(0);
}

/* a problem measured against a NIST table: its model, its table in tessera's data directory, the option -NAME_file */
static PetscErrorCode AtomProblemCreateTable_Private(AtomProblem prob, AtomXCType xc, const char table[], const char opt[], const char title[])
{
  PetscFunctionBegin;
  prob->xc    = xc;
  prob->error = AtomProblemError_NISTLDA;
  PetscOptionsBegin(prob->comm, NULL, title, "AtomProblemCreate");
  PetscCall(PetscOptionsString(opt, "NIST SRD 141 reference table (tab-separated; default: the table in tessera's data directory)", "AtomProblemCreate", prob->file, prob->file, sizeof(prob->file), NULL));
  PetscOptionsEnd();
  if (!prob->file[0]) PetscCall(TesseraFindDataFile(prob->comm, table, opt, prob->file, sizeof(prob->file)));
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomProblemCreate_NISTLDA(AtomProblem prob)
{
  PetscFunctionBegin;
  PetscCall(AtomProblemCreateTable_Private(prob, ATOM_XC_LDA, "nist_lda_reference.tsv", "-nist_lda_file", "nist_lda atoms problem"));
  PetscFunctionReturn(0);
}

/* the relativistic LDA: needs the Dirac model (-atom_model dirac; the Schroedinger model refuses rlda) */
static PetscErrorCode AtomProblemCreate_NISTRLDA(AtomProblem prob)
{
  PetscFunctionBegin;
  PetscCall(AtomProblemCreateTable_Private(prob, ATOM_XC_RLDA, "nist_rlda_reference.tsv", "-nist_rlda_file", "nist_rlda atoms problem"));
  PetscFunctionReturn(0);
}

/* one electron in a Coulomb field: E = -Z^2/(2 n^2) (Schroedinger) or the Dirac-Sommerfeld level
   E = c^2 [(1 + x^2)^(-1/2) - 1], x = (Z/c)/(n - |kappa| + gamma), gamma = sqrt(kappa^2 - (Z/c)^2) (Dirac),
   evaluated as -c^2 x^2 / (sqrt(1 + x^2) (1 + sqrt(1 + x^2))): for Z = 1 the direct form loses about 1e-12 Ha */
static PetscErrorCode AtomProblemError_Hydrogenic(AtomProblem prob, Atom atom, PetscReal *detot, PetscReal *deig)
{
  PetscInt  Z, norb;
  PetscReal etot, sum = 0, d = 0, c = 0;
  PetscBool dirac;

  PetscFunctionBegin;
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  PetscCall(AtomGetTotalEnergy(atom, &etot));
  PetscCall(PetscObjectTypeCompare((PetscObject)atom, ATOMDIRAC, &dirac));
  if (dirac) PetscCall(AtomGetSpeedOfLight(atom, &c));
  for (PetscInt k = 0; k < norb; k++) {
    PetscInt  n, l, kappa;
    PetscReal occ, eig, exact;

    PetscCall(AtomGetOrbital(atom, k, &n, &l, &occ, &eig));
    if (dirac) {
      PetscReal za = Z / c, gamma, x;

      PetscCall(AtomGetOrbitalKappa(atom, k, &kappa));
      gamma = PetscSqrtReal((PetscReal)(kappa * kappa) - za * za);
      x     = za / (n - PetscAbsInt(kappa) + gamma);
      exact = -c * c * x * x / (PetscSqrtReal(1 + x * x) * (1 + PetscSqrtReal(1 + x * x))); /* = c^2 (1/sqrt(1 + x^2) - 1), without its cancellation for small x */
    } else exact = -(PetscReal)(Z * Z) / (2.0 * n * n);
    d = PetscMax(d, PetscAbsReal(eig - exact));
    sum += occ * exact;
  }
  if (detot) *detot = PetscAbsReal(etot - sum);
  if (deig) *deig = d;
  PetscFunctionReturn(0);
}

static PetscErrorCode AtomProblemCreate_Hydrogenic(AtomProblem prob)
{
  PetscFunctionBegin;
  prob->xc    = ATOM_XC_NONE;
  prob->error = AtomProblemError_Hydrogenic;
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemInitializePackage - Registers the atoms problem set ("atom": nist_lda, nist_rlda, hydrogenic); called by
  its Register and Create routines and by `TesseraInitialize()`

  Level: developer

.seealso: `TesseraProblemSelect()`, `AtomProblemCreate()`
@*/
PetscErrorCode AtomProblemInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {{"nist_lda", (PetscVoidFunction)AtomProblemCreate_NISTLDA}, {"nist_rlda", (PetscVoidFunction)AtomProblemCreate_NISTRLDA}, {"hydrogenic", (PetscVoidFunction)AtomProblemCreate_Hydrogenic}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&AtomProblemPackage, entries, NULL, NULL));
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemRegister - Adds a problem to the atoms problem set

  Not Collective

  Input Parameters:
+ name   - the name (for -problem NAME; its options should be -NAME_...)
- create - create(prob) sets the exchange-correlation model and the error routine of the problem

  Level: advanced

.seealso: `AtomProblemCreate()`, `TesseraProblemSelect()`
@*/
PetscErrorCode AtomProblemRegister(const char name[], PetscErrorCode (*create)(AtomProblem prob))
{
  PetscFunctionBegin;
  PetscCall(AtomProblemInitializePackage());
  PetscCall(PetscFunctionListAdd(&AtomProblemPackage.list, name, create));
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemCreate - Creates a registered atoms problem, reading its options

  Collective

  Input Parameters:
+ comm - communicator
- name - "nist_lda" (Kohn-Sham LDA, errors against the NIST SRD 141 table, -nist_lda_file FILE), "nist_rlda"
         (Dirac-Kohn-Sham RLDA with the Dirac model, errors against the RLDA table, -nist_rlda_file FILE), "hydrogenic"
         (no electron-electron interaction, errors against the closed-form Schroedinger or Dirac levels) or a name
         given to `AtomProblemRegister()`

  Output Parameter:
. prob - the problem

  Level: beginner

.seealso: `AtomProblemSetUpAtom()`, `AtomProblemComputeError()`, `AtomProblemDestroy()`
@*/
PetscErrorCode AtomProblemCreate(MPI_Comm comm, const char name[], AtomProblem *prob)
{
  PetscErrorCode (*create)(AtomProblem);
  AtomProblem p;

  PetscFunctionBegin;
  PetscValidCharPointer(name, 2);
  TesseraValidPointer(prob, 3);
  PetscCall(AtomProblemInitializePackage());
  PetscCall(TesseraProblemFind(comm, "atom", name, (void (**)(void)) & create));
  PetscCall(PetscNew(&p));
  p->comm = comm;
  PetscCall(PetscStrncpy(p->name, name, sizeof(p->name)));
  PetscCall((*create)(p));
  *prob = p;
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemSetUpAtom - Poses the problem's physics on an Atom: its exchange-correlation model (call before
  `AtomSetFromOptions()`, so that options still override it)

  Logically Collective

  Input Parameters:
+ prob - the problem
- atom - the solver

  Level: beginner

.seealso: `AtomProblemCreate()`, `AtomSetXC()`
@*/
PetscErrorCode AtomProblemSetUpAtom(AtomProblem prob, Atom atom)
{
  PetscFunctionBegin;
  TesseraValidPointer(prob, 1);
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 2);
  PetscCall(AtomSetXC(atom, prob->xc));
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemComputeError - Errors of a solved Atom against the problem's reference

  Collective

  Input Parameters:
+ prob - the problem
- atom - the solver, after `AtomSolve()`

  Output Parameters:
+ detot - |E_tot - reference| (or NULL)
- deig  - max over the orbitals of |e_i - reference| (or NULL)

  Level: beginner

.seealso: `AtomProblemCreate()`, `AtomProblemComputeReferenceError()`
@*/
PetscErrorCode AtomProblemComputeError(AtomProblem prob, Atom atom, PetscReal *detot, PetscReal *deig)
{
  PetscFunctionBegin;
  TesseraValidPointer(prob, 1);
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 2);
  PetscCall((*prob->error)(prob, atom, detot, deig));
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemView - Prints the problem's name and reference

  Collective

  Input Parameters:
+ prob   - the problem
- viewer - an ASCII viewer

  Level: beginner

.seealso: `AtomProblemCreate()`
@*/
PetscErrorCode AtomProblemView(AtomProblem prob, PetscViewer viewer)
{
  PetscFunctionBegin;
  TesseraValidPointer(prob, 1);
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 2);
  PetscCall(PetscViewerASCIIPrintf(viewer, "atoms problem %s: exchange-correlation %s, reference %s\n", prob->name, AtomXCTypes[prob->xc], prob->file[0] ? prob->file : "closed form"));
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemDestroy - Destroys an atoms problem

  Collective

  Input Parameter:
. prob - the problem

  Level: beginner

.seealso: `AtomProblemCreate()`
@*/
PetscErrorCode AtomProblemDestroy(AtomProblem *prob)
{
  PetscFunctionBegin;
  if (!*prob) PetscFunctionReturn(0);
  PetscCall(PetscFree(*prob));
  PetscFunctionReturn(0);
}
