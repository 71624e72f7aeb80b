/*I "tesseraatomproblems.h" I*/
/*
   Atoms problem set: the reference data of NIST SRD 141 (S. Kotochigova, Z. H. Levine, E. L. Shirley,
   M. D. Stiles, C. W. Clark, Phys. Rev. A 55, 191 (1997); erratum Phys. Rev. A 56, 5191 (1997)) and the errors
   of an Atom solve against them.
*/
#include <tesseraimpl.h>
#include <tesseraatomproblems.h>

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
  AtomProblemReadReference - Reads the total energy and the orbital eigenvalues of one atom from the NIST LDA
  reference table (tab-separated: Z, symbol, kind (Etot|eig), n, l, orbital, occupation, energy_Ha, nist_6dp)

  Not Collective

  Input Parameters:
+ file - the table, e.g. problems/atoms/nist_lda_reference.tsv
. Z    - the atomic number
- max  - capacity of the orbital arrays

  Output Parameters:
+ etot - the reference total energy (Hartree)
. nist - NIST's published 6-decimal total energy
. norb - number of orbitals
. n    - principal quantum numbers
. l    - angular momenta
. occ  - occupations
- eig  - reference eigenvalues (Hartree)

  Level: intermediate

.seealso: `AtomProblemComputeReferenceError()`
@*/
PetscErrorCode AtomProblemReadReference(const char file[], PetscInt Z, PetscReal *etot, PetscReal *nist, PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscReal occ[], PetscReal eig[])
{
  FILE     *fp;
  char      line[512];
  PetscInt  k     = 0;
  PetscBool found = PETSC_FALSE;

  PetscFunctionBegin;
  PetscCall(PetscFOpen(PETSC_COMM_SELF, file, "r", &fp));
  while (fgets(line, sizeof(line), fp)) {
    int  z, nn, ll;
    char sym[8], kind[8], orb[8], socc[32], se[64], s6[64];

    if (line[0] == '#' || line[0] == 'Z') continue;
    if (sscanf(line, "%d %7s %7s %d %d %7s %31s %63s %63s", &z, sym, kind, &nn, &ll, orb, socc, se, s6) == 9) {
      if (z != Z) continue;
      PetscCheck(k < max, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Reference for Z = %" PetscInt_FMT " has more than %" PetscInt_FMT " orbitals", Z, max);
      n[k] = nn;
      l[k] = ll;
      PetscCall(AtomProblemParseReal_Private(socc, file, Z, &occ[k]));
      PetscCall(AtomProblemParseReal_Private(se, file, Z, &eig[k]));
      k++;
    } else if (sscanf(line, "%d %7s %7s", &z, sym, kind) == 3 && z == Z && !strcmp(kind, "Etot")) {
      char *t = strrchr(line, '\t');

      PetscCheck(t, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Bad Etot line in %s", file);
      if (nist) PetscCall(AtomProblemParseReal_Private(t + 1, file, Z, nist));
      *t = 0;
      t  = strrchr(line, '\t');
      PetscCheck(t, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Bad Etot line in %s", file);
      PetscCall(AtomProblemParseReal_Private(t + 1, file, Z, etot));
      found = PETSC_TRUE;
    }
  }
  PetscCall(PetscFClose(PETSC_COMM_SELF, fp));
  PetscCheck(found && k > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "No reference data for Z = %" PetscInt_FMT " in %s", Z, file);
  *norb = k;
  PetscFunctionReturn(0);
}

/*@C
  AtomProblemComputeReferenceError - Compares the last solve with the NIST LDA reference table

  Not Collective

  Input Parameters:
+ atom - the solver (solved)
- file - the reference table (problems/atoms/nist_lda_reference.tsv)

  Output Parameters:
+ detot - |E_tot - reference| (or NULL)
. deig  - max over the orbitals of |e_i - reference| (or NULL)
- dnist - |E_tot - NIST's published 6 decimals| (or NULL)

  Level: intermediate

  Notes:
  Fails if the computed orbitals (n, l, occupation) differ from those of the table.

.seealso: `AtomProblemReadReference()`, `AtomSolve()`
@*/
PetscErrorCode AtomProblemComputeReferenceError(Atom atom, const char file[], PetscReal *detot, PetscReal *deig, PetscReal *dnist)
{
  PetscInt  rn[ATOM_MAX_ORBITALS], rl[ATOM_MAX_ORBITALS], rnorb, norb, Z, matched  = 0;
  PetscReal rocc[ATOM_MAX_ORBITALS], reig[ATOM_MAX_ORBITALS], retot, nist, etot, d = 0;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(atom, ATOM_CLASSID, 1);
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  PetscCall(AtomGetTotalEnergy(atom, &etot));
  PetscCall(AtomProblemReadReference(file, Z, &retot, &nist, ATOM_MAX_ORBITALS, &rnorb, rn, rl, rocc, reig));
  for (PetscInt k = 0; k < norb; k++) {
    PetscInt  n, l;
    PetscReal occ, eig;

    PetscCall(AtomGetOrbital(atom, k, &n, &l, &occ, &eig));
    for (PetscInt j = 0; j < rnorb; j++) {
      if (rn[j] != n || rl[j] != l) continue;
      PetscCheck(PetscAbsReal(rocc[j] - occ) <= 1e-12, PETSC_COMM_SELF, PETSC_ERR_ARG_INCOMP, "Occupation %g of orbital %" PetscInt_FMT "%c differs from %g in %s", (double)occ, n, "spdfghi"[l], (double)rocc[j], file);
      d = PetscMax(d, PetscAbsReal(eig - reig[j]));
      matched++;
    }
  }
  PetscCheck(matched == rnorb && norb == rnorb, PETSC_COMM_SELF, PETSC_ERR_ARG_INCOMP, "The orbitals of Z = %" PetscInt_FMT " differ from those of %s", Z, file);
  if (detot) *detot = PetscAbsReal(etot - retot);
  if (deig) *deig = d;
  if (dnist) *dnist = PetscAbsReal(etot - nist);
  PetscFunctionReturn(0);
}
