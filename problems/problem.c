/*
   problem.c - what every problem set shares: selecting a problem by name with -problem, listing the names, and
   looking a name up with an error that lists the known ones. A problem set is a package whose TesseraPackage
   record names the set (problemset = "bilevel"); its XXXProblemInitializePackage() registers it, and these
   routines find its registry by that name.
*/
#include <tesseraimpl.h>
#include <tesseraproblem.h>

/*@C
  TesseraProblemListView - Prints the names registered in a problem set, one line: "<set> problems: a b c"

  Collective on the viewer

  Input Parameters:
+ set    - the name of the problem set: "nlp", "atom", "bilevel", "chemotaxis" or "phantom"
- viewer - an ASCII viewer, e.g. `PETSC_VIEWER_STDOUT_WORLD`

  Level: beginner

.seealso: `TesseraProblemSelect()`
@*/
PetscErrorCode TesseraProblemListView(const char set[], PetscViewer viewer)
{
  TesseraPackage *pkg;
  const char    **names = NULL;
  int             n     = 0;

  PetscFunctionBegin;
  PetscValidCharPointer(set, 1);
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 2);
  PetscCall(TesseraPackageFindProblemSet_Private(PetscObjectComm((PetscObject)viewer), set, &pkg));
  PetscCall(PetscFunctionListGet(pkg->list, &names, &n));
  PetscCall(PetscViewerASCIIPrintf(viewer, "%s problems:", set));
  for (int i = 0; i < n && names[i]; i++) PetscCall(PetscViewerASCIIPrintf(viewer, " %s", names[i])); /* PetscFunctionListGet() ends the array with NULL */
  PetscCall(PetscViewerASCIIPrintf(viewer, "\n"));
  PetscCall(PetscFree(names));
  PetscFunctionReturn(0);
}

/*@C
  TesseraProblemFind - Looks a problem up by name in a problem set; an unknown name is an error that lists the
  registered ones

  Collective

  Input Parameters:
+ comm - the communicator on which an error is raised
. set  - the name of the problem set ("nlp", "atom", "bilevel", "chemotaxis", "phantom")
- name - the problem's name

  Output Parameter:
. fn - the registered function

  Level: developer

.seealso: `TesseraProblemSelect()`, `TesseraProblemListView()`
@*/
PetscErrorCode TesseraProblemFind(MPI_Comm comm, const char set[], const char name[], void (**fn)(void))
{
  TesseraPackage *pkg;

  PetscFunctionBegin;
  PetscValidCharPointer(set, 2);
  PetscValidCharPointer(name, 3);
  TesseraValidPointer(fn, 4);
  PetscCall(TesseraPackageFindProblemSet_Private(comm, set, &pkg));
  PetscCall(PetscFunctionListFind(pkg->list, name, fn));
  if (!*fn) {
    const char **names = NULL;
    int          n     = 0;
    char         known[1024];

    known[0] = 0;
    PetscCall(PetscFunctionListGet(pkg->list, &names, &n));
    for (int i = 0; i < n && names[i]; i++) {
      PetscCall(PetscStrlcat(known, " ", sizeof(known)));
      PetscCall(PetscStrlcat(known, names[i], sizeof(known)));
    }
    PetscCall(PetscFree(names));
    SETERRQ(comm, PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown %s problem '%s'; the registered ones are:%s", set, name, known);
  }
  PetscFunctionReturn(0);
}

/*@C
  TesseraProblemSelect - Reads -problem NAME for a problem set, lists the set's names under -help and handles
  -problem list

  Collective

  Input Parameters:
+ comm    - the communicator
. prefix  - options prefix for -problem, or `NULL`
. set     - the name of the problem set: "nlp", "atom", "bilevel", "chemotaxis" or "phantom" (its
            XXXProblemInitializePackage(), called by `TesseraInitialize()`, registers it)
. defname - the default problem
- len     - size of name

  Output Parameters:
+ name   - the selected problem (a registered name)
- listed - `PETSC_TRUE` if -problem list was given: the names were printed on comm, and the caller should stop

  Level: beginner

  Notes:
  An unknown name is an error that lists the registered names. Every tessera problem set is selected this way, e.g.
.vb
  PetscCall(TesseraProblemSelect(PETSC_COMM_WORLD, NULL, "bilevel", "toy", name, sizeof(name), &listed));
  if (!listed) PetscCall(BilevelProblemCreate(PETSC_COMM_WORLD, name, &prob));
.ve

.seealso: `TesseraProblemListView()`, `TesseraProblemFind()`, `PetscOptionsFList()`
@*/
PetscErrorCode TesseraProblemSelect(MPI_Comm comm, const char prefix[], const char set[], const char defname[], char name[], size_t len, PetscBool *listed)
{
  TesseraPackage *pkg;
  char            title[128];
  PetscBool       islist;
  void (*fn)(void);

  PetscFunctionBegin;
  PetscValidCharPointer(set, 3);
  PetscValidCharPointer(defname, 4);
  PetscValidCharPointer(name, 5);
  TesseraValidPointer(listed, 7);
  PetscCall(TesseraPackageFindProblemSet_Private(comm, set, &pkg));
  PetscCall(PetscSNPrintf(title, sizeof(title), "%s problem set", set));
  PetscCall(PetscStrncpy(name, defname, len));
  PetscOptionsBegin(comm, prefix, title, "TesseraProblemSelect");
  PetscCall(PetscOptionsFList("-problem", "Problem to solve (list: print the names and stop)", "TesseraProblemSelect", pkg->list, defname, name, len, NULL));
  PetscOptionsEnd();
  PetscCall(PetscStrcmp(name, "list", &islist));
  *listed = islist;
  if (islist) PetscCall(TesseraProblemListView(set, PETSC_VIEWER_STDOUT_(comm)));
  else PetscCall(TesseraProblemFind(comm, set, name, &fn));
  PetscFunctionReturn(0);
}
