/*I "tessera.h" I*/
/*
   Atoms problem set: NIST ground-state configurations and reference data.

   The configurations are those of NIST SRD 141 (S. Kotochigova, Z. H. Levine, E. L. Shirley, M. D. Stiles,
   C. W. Clark, Phys. Rev. A 55, 191 (1997); erratum Phys. Rev. A 56, 5191 (1997)), derived from the LDA
   reference table nist_lda_reference.tsv by gen_nist_configurations.py (the table lists every occupied
   orbital with its occupation).
*/
#include <tesseraimpl.h>
#include <tesseraatoms.h>

static const char *const AtomsTable[92][2] = {
#include "nistconfig.inc"
};

/*@C
  AtomsGetConfiguration - Gets the chemical symbol and the NIST ground-state configuration of an element

  Not Collective

  Input Parameter:
. Z - the atomic number, 1 <= Z <= 92

  Output Parameters:
+ symbol - the chemical symbol, e.g. "U" (or NULL)
- config - the configuration, e.g. "1s2 2s2 ... 5f3 6s2 6p6 6d1 7s2" (or NULL)

  Level: beginner

.seealso: `AtomsParseConfiguration()`, `AtomSetZ()`
@*/
PetscErrorCode AtomsGetConfiguration(PetscInt Z, const char **symbol, const char **config)
{
  PetscFunctionBegin;
  PetscCheck(Z >= 1 && Z <= 92, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Atomic number Z = %" PetscInt_FMT " is outside the NIST table range 1..92", Z);
  if (symbol) *symbol = AtomsTable[Z - 1][0];
  if (config) *config = AtomsTable[Z - 1][1];
  PetscFunctionReturn(0);
}

/*@C
  AtomsParseConfiguration - Parses a configuration string such as "1s2 2s2 2p6 3s1" or "4f2.5"

  Not Collective

  Input Parameters:
+ config - the configuration: space-separated n, letter of l (s p d f g), occupation
- max    - capacity of the output arrays

  Output Parameters:
+ norb - number of orbitals
. n    - principal quantum numbers
. l    - angular momenta
- occ  - occupations (fractional allowed, 0 < occ <= 2 (2l + 1))

  Level: intermediate

.seealso: `AtomsGetConfiguration()`
@*/
PetscErrorCode AtomsParseConfiguration(const char config[], PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscReal occ[])
{
  const char *s = config, *letters = "spdfg";
  PetscInt    k = 0;

  PetscFunctionBegin;
  while (*s) {
    const char *lp;
    char       *end;
    long        nn;
    double      f;

    while (*s == ' ') s++;
    if (!*s) break;
    nn = strtol(s, &end, 10);
    PetscCheck(end != s && nn >= 1 && *end, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Bad orbital in configuration \"%s\": expected n, l letter and occupation", config);
    lp = strchr(letters, *end);
    PetscCheck(lp && *lp, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Bad angular momentum letter '%c' in configuration \"%s\"", *end, config);
    s = end + 1;
    f = strtod(s, &end);
    PetscCheck(end != s, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Missing occupation in configuration \"%s\"", config);
    s = end;
    PetscCheck(k < max, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Configuration \"%s\" has more than %" PetscInt_FMT " orbitals", config, max);
    n[k]   = (PetscInt)nn;
    l[k]   = (PetscInt)(lp - letters);
    occ[k] = (PetscReal)f;
    PetscCheck(l[k] < n[k], PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Orbital with n = %" PetscInt_FMT " and l = %" PetscInt_FMT " in configuration \"%s\" violates l < n", n[k], l[k], config);
    for (PetscInt j = 0; j < k; j++) PetscCheck(n[j] != n[k] || l[j] != l[k], PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Orbital %" PetscInt_FMT "%c appears twice in configuration \"%s\"", n[k], letters[l[k]], config);
    PetscCheck(occ[k] > 0 && occ[k] <= 2 * (2 * l[k] + 1), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Occupation %g of an l = %" PetscInt_FMT " orbital in \"%s\" is outside (0, %d]", (double)occ[k], l[k], config, (int)(2 * (2 * l[k] + 1)));
    k++;
  }
  *norb = k;
  PetscFunctionReturn(0);
}

/* a finite real that fills the whole field s of a line of file */
static PetscErrorCode AtomsParseReal_Private(const char s[], const char file[], PetscInt Z, PetscReal *v)
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
  AtomsReadReference - Reads the total energy and the orbital eigenvalues of one atom from the NIST LDA
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

.seealso: `AtomsGetConfiguration()`
@*/
PetscErrorCode AtomsReadReference(const char file[], PetscInt Z, PetscReal *etot, PetscReal *nist, PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscReal occ[], PetscReal eig[])
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
      PetscCall(AtomsParseReal_Private(socc, file, Z, &occ[k]));
      PetscCall(AtomsParseReal_Private(se, file, Z, &eig[k]));
      k++;
    } else if (sscanf(line, "%d %7s %7s", &z, sym, kind) == 3 && z == Z && !strcmp(kind, "Etot")) {
      char *t = strrchr(line, '\t');

      PetscCheck(t, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Bad Etot line in %s", file);
      if (nist) PetscCall(AtomsParseReal_Private(t + 1, file, Z, nist));
      *t = 0;
      t  = strrchr(line, '\t');
      PetscCheck(t, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "Bad Etot line in %s", file);
      PetscCall(AtomsParseReal_Private(t + 1, file, Z, etot));
      found = PETSC_TRUE;
    }
  }
  PetscCall(PetscFClose(PETSC_COMM_SELF, fp));
  PetscCheck(found && k > 0, PETSC_COMM_SELF, PETSC_ERR_FILE_UNEXPECTED, "No reference data for Z = %" PetscInt_FMT " in %s", Z, file);
  *norb = k;
  PetscFunctionReturn(0);
}
