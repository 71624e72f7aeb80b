/*I "tesseraatom.h" I*/
/*
   Atom class: the input format of the solver, i.e. orbital configurations ("1s2 2s2 2p6 3s1", fractional
   occupations allowed) and the NIST SRD 141 ground-state configuration of each element, the default input.

   The configurations are those of NIST SRD 141 (S. Kotochigova, Z. H. Levine, E. L. Shirley, M. D. Stiles,
   C. W. Clark, Phys. Rev. A 55, 191 (1997); erratum Phys. Rev. A 56, 5191 (1997)), derived from the LDA
   reference table problems/atoms/nist_lda_reference.tsv by gen_nist_configurations.py (the table lists every
   occupied orbital with its occupation).
*/
#include <atomimpl.h>

static const char *const AtomNISTTable[92][2] = {
#include "nistconfig.inc"
};

/*@C
  AtomGetNISTConfiguration - Gets the chemical symbol and the NIST ground-state configuration of an element

  Not Collective

  Input Parameter:
. Z - the atomic number, 1 <= Z <= 92

  Output Parameters:
+ symbol - the chemical symbol, e.g. "U" (or NULL)
- config - the configuration, e.g. "1s2 2s2 ... 5f3 6s2 6p6 6d1 7s2" (or NULL)

  Level: beginner

.seealso: `AtomParseConfiguration()`, `AtomSetZ()`, `AtomSetConfiguration()`
@*/
PetscErrorCode AtomGetNISTConfiguration(PetscInt Z, const char **symbol, const char **config)
{
  PetscFunctionBegin;
  PetscCheck(Z >= 1 && Z <= 92, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Atomic number Z = %" PetscInt_FMT " is outside the NIST table range 1..92", Z);
  if (symbol) *symbol = AtomNISTTable[Z - 1][0];
  if (config) *config = AtomNISTTable[Z - 1][1];
  PetscFunctionReturn(0);
}

/*@C
  AtomParseConfiguration - Parses a configuration string such as "1s2 2s2 2p6 3s1" or "4f2.5"

  Not Collective

  Input Parameters:
+ config - the configuration: space-separated n, letter of l (s p d f g), occupation
- max    - capacity of the output arrays (at most `ATOM_MAX_ORBITALS` for an `Atom`)

  Output Parameters:
+ norb - number of orbitals (at least 1: an empty or blank configuration is an error)
. n    - principal quantum numbers
. l    - angular momenta
- occ  - occupations (fractional allowed, 0 < occ <= 2 (2l + 1))

  Level: intermediate

.seealso: `AtomGetNISTConfiguration()`, `AtomSetConfiguration()`
@*/
PetscErrorCode AtomParseConfiguration(const char config[], PetscInt max, PetscInt *norb, PetscInt n[], PetscInt l[], PetscReal occ[])
{
  const char *s = config, *letters = "spdfg";
  PetscInt    k = 0;

  PetscFunctionBegin;
  PetscValidCharPointer(config, 1);
  while (*s) {
    const char *lp;
    char       *end;
    long        nn;
    double      f;

    while (*s == ' ' || *s == '\t') s++;
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
  PetscCheck(k > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "Configuration \"%s\" has no orbital (give e.g. \"1s2 2s1\", or no configuration for the NIST ground state)", config);
  *norb = k;
  PetscFunctionReturn(0);
}
