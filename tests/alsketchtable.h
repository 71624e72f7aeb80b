/*
   alsketchtable.h - reads shared/data/eq_constrained_problems.tsv for the alsketch tests (t202, t203)
*/
#if !defined(ALSKETCHTABLE_H)
  #define ALSKETCHTABLE_H

  #include <petscsys.h>

typedef struct {
  char      name[32];
  PetscInt  n, m, gv, rk; /* authors' counts, -1 for a failure, -2 when not in their set */
  PetscReal fstar;
} Row;

static PetscErrorCode ReadTable(const char path[], Row **rows, PetscInt *nrows)
{
  FILE    *fp;
  char     line[4096];
  PetscInt cnt = 0;
  Row     *r;

  PetscFunctionBegin;
  PetscCall(PetscMalloc1(256, &r));
  PetscCall(PetscFOpen(PETSC_COMM_SELF, path, "r", &fp));
  PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "Cannot open %s", path);
  while (fgets(line, sizeof(line), fp) && cnt < 256) {
    char *tok[11], *s = line;
    int   k;

    if (!strncmp(line, "problem\t", 8)) continue;
    for (k = 0; k < 11 && s; k++) {
      tok[k] = s;
      s      = strchr(s, '\t');
      if (s) *s++ = 0;
    }
    if (k < 11) continue;
    PetscCall(PetscStrncpy(r[cnt].name, tok[0], sizeof(r[cnt].name)));
    r[cnt].n     = atoi(tok[1]);
    r[cnt].m     = atoi(tok[2]);
    r[cnt].fstar = strtod(tok[4], NULL);
    r[cnt].gv    = strcmp(tok[7], "yes") ? -2 : (strcmp(tok[8], "fail") ? atoi(tok[8]) : -1);
    r[cnt].rk    = strcmp(tok[7], "yes") ? -2 : (strcmp(tok[9], "fail") ? atoi(tok[9]) : -1);
    cnt++;
  }
  PetscCall(PetscFClose(PETSC_COMM_SELF, fp));
  *rows  = r;
  *nrows = cnt;
  PetscFunctionReturn(0);
}

static const Row *FindRow(const Row *rows, PetscInt nrows, const char name[])
{
  for (PetscInt r = 0; r < nrows; r++)
    if (!strcmp(rows[r].name, name)) return &rows[r];
  return NULL;
}

#endif
