static char help[] = "Radial atom: hydrogen-like, Kohn-Sham LDA or Dirac-Kohn-Sham RLDA ground state on high-order finite elements.\n\n\
Options:\n\
  -atom_z <1>                  atomic number, 1..92\n\
  -atom_model <schroedinger>   model: schroedinger or dirac (alias -atom_type)\n\
  -atom_xc <lda>               none (hydrogen-like), lda (RLDA with the Dirac model) or rlda (Dirac only)\n\
  -atom_preset <accurate>      accurate (1e-8 Ha) or fast (1e-6 Ha) discretisation\n\
  -atom_mesh_rmax, -atom_mesh_ratio, -atom_mesh_elements, -atom_order, -atom_quadrature_points\n\
  -atom_tol <1e-9>             SCF tolerance (Hartree)\n\
  -reference <file.tsv>        NIST LDA or RLDA table: print the errors against it\n\
  -problem <nist_lda|nist_rlda|hydrogenic> pose a problem of the atoms problem set (its exchange-correlation model) and print\n\
                               the errors against its reference; -problem list prints the set\n\
  -output <file.h5>            write energies, orbitals, density and potential\n\
  -output_points <200>         number of points of the radial output grid (2..1000000)\n\
  -checkpoint <file.h5>        write the SCF state every -checkpoint_interval iterations\n\
  -checkpoint_interval <N>     (0: never)\n\
  -restart <file.h5>           start the SCF from a checkpoint\n\
  -compare <file.h5>           check that the total energy agrees with an earlier -output to 1e-9 Ha\n\
  -test                        print only tolerance-robust lines\n\n";

/*
   Solves one atom with the Atom class and reports the total energy and the orbital eigenvalues.

   Hydrogen-like (-atom_xc none): V = -Z/r, eigenvalues -Z^2/(2 n^2) (Bohr), all (n, l) with n <= 7.
   Kohn-Sham LDA (-atom_xc lda): the NIST SRD 141 ground state (Slater exchange + VWN correlation).
   Dirac-Kohn-Sham RLDA (-atom_model dirac -atom_xc lda): the relativistic NIST ground state (MacDonald-Vosko
   exchange), orbitals (n, kappa) with the occupations split by j.

   Output (HDF5 through io/): root attributes z, total_energy, iterations, converged; datasets
   /orbitals/{n, l, kappa, occupation, eigenvalue} (kappa = 0 for the non-relativistic model) and /orbitals/labels (orbital names packed as a string attribute),
   /radial/{r, density, potential} on a logarithmic grid. Checkpoints hold the SCF input potential at the
   quadrature points with the discretisation as attributes; a restart checks them.
*/
#include <tessera.h>

typedef struct {
  char      reference[PETSC_MAX_PATH_LEN], output[PETSC_MAX_PATH_LEN], checkpoint[PETSC_MAX_PATH_LEN], restart[PETSC_MAX_PATH_LEN], compare[PETSC_MAX_PATH_LEN];
  PetscInt  interval, npts;
  PetscBool test;
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscFunctionBegin;
  ctx->reference[0]  = 0;
  ctx->output[0]     = 0;
  ctx->checkpoint[0] = 0;
  ctx->restart[0]    = 0;
  ctx->compare[0]    = 0;
  ctx->interval      = 0;
  ctx->npts          = 200;
  ctx->test          = PETSC_FALSE;
  PetscOptionsBegin(comm, "", "Radial atom options", "");
  PetscCall(PetscOptionsString("-reference", "NIST LDA reference table", "atom.c", ctx->reference, ctx->reference, sizeof(ctx->reference), NULL));
  PetscCall(PetscOptionsString("-output", "HDF5 output file", "atom.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsInt("-output_points", "Points of the radial output grid", "atom.c", ctx->npts, &ctx->npts, NULL));
  PetscCall(PetscOptionsString("-checkpoint", "SCF checkpoint file", "atom.c", ctx->checkpoint, ctx->checkpoint, sizeof(ctx->checkpoint), NULL));
  PetscCall(PetscOptionsInt("-checkpoint_interval", "SCF iterations between checkpoints (0: never)", "atom.c", ctx->interval, &ctx->interval, NULL));
  PetscCall(PetscOptionsString("-restart", "Checkpoint to restart from", "atom.c", ctx->restart, ctx->restart, sizeof(ctx->restart), NULL));
  PetscCall(PetscOptionsString("-compare", "Earlier output to compare the total energy with", "atom.c", ctx->compare, ctx->compare, sizeof(ctx->compare), NULL));
  PetscCall(PetscOptionsBool("-test", "Print only tolerance-robust lines", "atom.c", ctx->test, &ctx->test, NULL));
  PetscOptionsEnd();
  PetscCheck(ctx->npts >= 2 && ctx->npts <= 1000000, comm, PETSC_ERR_ARG_OUTOFRANGE, "-output_points %" PetscInt_FMT " must be in 2..1000000", ctx->npts);
  PetscCheck(ctx->interval >= 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "-checkpoint_interval %" PetscInt_FMT " must be nonnegative", ctx->interval);
  PetscCheck(!ctx->interval || ctx->checkpoint[0], comm, PETSC_ERR_ARG_WRONG, "-checkpoint_interval needs -checkpoint FILE");
  PetscCheck(ctx->interval || !ctx->checkpoint[0], comm, PETSC_ERR_ARG_WRONG, "-checkpoint %s needs -checkpoint_interval N > 0 (no checkpoint would be written)", ctx->checkpoint);
  PetscFunctionReturn(0);
}

/* the discretisation written with a checkpoint, to validate a restart */
static PetscErrorCode DiscretizationSignature(Atom atom, PetscReal sig[4])
{
  RadialFE         fe;
  PetscInt         n, nqt, ne, p, Z;
  const PetscReal *mesh;

  PetscFunctionBegin;
  PetscCall(AtomGetDiscretization(atom, &fe));
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(RadialFEGetSizes(fe, &n, &nqt, &ne, &p));
  PetscCall(RadialFEGetMesh(fe, &mesh));
  sig[0] = Z;
  sig[1] = nqt;
  sig[2] = p;
  sig[3] = mesh[1];
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteCheckpoint(Atom atom, const char file[], PetscInt it)
{
  PetscViewer      viewer;
  PetscInt         nqt;
  const PetscReal *v;
  PetscReal        sig[4];

  PetscFunctionBegin;
  PetscCall(AtomGetPotential(atom, &nqt, &v));
  PetscCall(DiscretizationSignature(atom, sig));
  PetscCall(TesseraIOOpen(PetscObjectComm((PetscObject)atom), file, FILE_MODE_WRITE, "atom", &viewer));
  PetscCall(TesseraIOWriteArray(viewer, "/checkpoint", "potential", nqt, v));
  PetscCall(TesseraIOWriteArray(viewer, "/checkpoint", "discretization", 4, sig));
  PetscCall(TesseraIOWriteAttribute(viewer, "/checkpoint", "iteration", PETSC_INT, &it));
  PetscCall(TesseraIOClose(&viewer));
  PetscFunctionReturn(0);
}

static PetscErrorCode ReadCheckpoint(Atom atom, const char file[])
{
  PetscViewer viewer;
  PetscInt    nqt, n, it;
  PetscReal   sig[4], fsig[4], *v;
  RadialFE    fe;

  PetscFunctionBegin;
  PetscCall(AtomSetUp(atom));
  PetscCall(AtomGetDiscretization(atom, &fe));
  PetscCall(RadialFEGetSizes(fe, NULL, &nqt, NULL, NULL));
  PetscCall(DiscretizationSignature(atom, sig));
  PetscCall(TesseraIOOpen(PetscObjectComm((PetscObject)atom), file, FILE_MODE_READ, "atom", &viewer));
  PetscCall(TesseraIOReadArray(viewer, "/checkpoint", "discretization", 4, fsig));
  for (PetscInt i = 0; i < 4; i++)
    PetscCheck(PetscAbsReal(sig[i] - fsig[i]) <= 1e-12 * PetscAbsReal(sig[i]), PetscObjectComm((PetscObject)atom), PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s was written for another atom or discretisation (Z, quadrature points, order, first element)",
               file);
  PetscCall(TesseraIOGetArraySize(viewer, "/checkpoint", "potential", &n));
  PetscCheck(n == nqt, PetscObjectComm((PetscObject)atom), PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s has %" PetscInt_FMT " potential values, expected %" PetscInt_FMT, file, n, nqt);
  PetscCall(PetscMalloc1(nqt, &v));
  PetscCall(TesseraIOReadArray(viewer, "/checkpoint", "potential", nqt, v));
  PetscCall(TesseraIOReadAttribute(viewer, "/checkpoint", "iteration", PETSC_INT, &it));
  PetscCheck(it >= 0, PetscObjectComm((PetscObject)atom), PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s is at SCF iteration %" PetscInt_FMT ": not a valid iteration number", file, it);
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(AtomSetInitialPotential(atom, nqt, v));
  PetscCall(PetscFree(v));
  PetscCall(PetscPrintf(PetscObjectComm((PetscObject)atom), "Restarting from %s (SCF iteration %" PetscInt_FMT ")\n", file, it));
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckpointMonitor(Atom atom, PetscInt it, PetscReal etot, PetscReal res, void *ptr)
{
  AppCtx *ctx = (AppCtx *)ptr;

  PetscFunctionBegin;
  if (ctx->interval && (it + 1) % ctx->interval == 0) PetscCall(WriteCheckpoint(atom, ctx->checkpoint, it + 1));
  PetscFunctionReturn(0);
}

/* "2p" or, for a relativistic orbital, "2p3/2" */
static PetscErrorCode OrbitalLabel(Atom atom, PetscInt k, char lab[], size_t len)
{
  PetscInt  n, l, kappa;
  PetscReal occ, eig;

  PetscFunctionBegin;
  PetscCall(AtomGetOrbital(atom, k, &n, &l, &occ, &eig));
  PetscCall(AtomGetOrbitalKappa(atom, k, &kappa));
  if (kappa) PetscCall(PetscSNPrintf(lab, len, "%" PetscInt_FMT "%c%" PetscInt_FMT "/2", n, "spdfghi"[l], 2 * PetscAbsInt(kappa) - 1));
  else PetscCall(PetscSNPrintf(lab, len, "%" PetscInt_FMT "%c", n, "spdfghi"[l]));
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteOutput(Atom atom, AppCtx *ctx)
{
  PetscViewer         viewer;
  PetscInt            norb, Z, its;
  PetscReal           etot, *on, *ol, *ok, *oocc, *oeig, *r, *dens, *V, rmin, rmax;
  AtomConvergedReason reason;
  PetscBool           conv;
  char                labels[512] = "";
  RadialFE            fe;
  const PetscReal    *mesh;
  PetscInt            ne;

  PetscFunctionBegin;
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetTotalEnergy(atom, &etot));
  PetscCall(AtomGetIterationNumber(atom, &its));
  PetscCall(AtomGetConvergedReason(atom, &reason));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  conv = reason > 0 ? PETSC_TRUE : PETSC_FALSE;
  PetscCall(PetscMalloc5(norb, &on, norb, &ol, norb, &ok, norb, &oocc, norb, &oeig));
  for (PetscInt k = 0; k < norb; k++) {
    PetscInt n, l, kappa;
    char     lab[16];

    PetscCall(AtomGetOrbital(atom, k, &n, &l, &oocc[k], &oeig[k]));
    PetscCall(AtomGetOrbitalKappa(atom, k, &kappa));
    on[k] = n;
    ol[k] = l;
    ok[k] = kappa;
    if (k) PetscCall(PetscStrlcat(labels, " ", sizeof(labels)));
    PetscCall(OrbitalLabel(atom, k, lab, sizeof(lab)));
    PetscCall(PetscStrlcat(labels, lab, sizeof(labels)));
  }
  PetscCall(AtomGetDiscretization(atom, &fe));
  PetscCall(RadialFEGetSizes(fe, NULL, NULL, &ne, NULL));
  PetscCall(RadialFEGetMesh(fe, &mesh));
  rmin = mesh[1] * 1e-4;
  rmax = mesh[ne];
  PetscCall(PetscMalloc3(ctx->npts, &r, ctx->npts, &dens, ctx->npts, &V));
  for (PetscInt i = 0; i < ctx->npts; i++) r[i] = rmin * PetscPowReal(rmax / rmin, (PetscReal)i / (ctx->npts - 1));
  PetscCall(AtomEvaluateRadial(atom, ctx->npts, r, dens, V));
  PetscCall(TesseraIOOpen(PetscObjectComm((PetscObject)atom), ctx->output, FILE_MODE_WRITE, "atom", &viewer));
  PetscCall(TesseraIOWriteAttribute(viewer, "/", "z", PETSC_INT, &Z));
  PetscCall(TesseraIOWriteAttribute(viewer, "/", "total_energy", PETSC_REAL, &etot));
  PetscCall(TesseraIOWriteAttribute(viewer, "/", "iterations", PETSC_INT, &its));
  PetscCall(TesseraIOWriteAttribute(viewer, "/", "converged", PETSC_BOOL, &conv));
  PetscCall(TesseraIOWriteArray(viewer, "/orbitals", "n", norb, on));
  PetscCall(TesseraIOWriteArray(viewer, "/orbitals", "l", norb, ol));
  PetscCall(TesseraIOWriteArray(viewer, "/orbitals", "kappa", norb, ok));
  PetscCall(TesseraIOWriteArray(viewer, "/orbitals", "occupation", norb, oocc));
  PetscCall(TesseraIOWriteArray(viewer, "/orbitals", "eigenvalue", norb, oeig));
  PetscCall(TesseraIOWriteAttribute(viewer, "/orbitals", "labels", PETSC_STRING, labels));
  PetscCall(TesseraIOWriteArray(viewer, "/radial", "r", ctx->npts, r));
  PetscCall(TesseraIOWriteArray(viewer, "/radial", "density", ctx->npts, dens));
  PetscCall(TesseraIOWriteArray(viewer, "/radial", "potential", ctx->npts, V));
  PetscCall(TesseraIOWriteAttribute(viewer, "/orbitals/eigenvalue", "units", PETSC_STRING, "Hartree"));
  PetscCall(TesseraIOWriteAttribute(viewer, "/radial/r", "units", PETSC_STRING, "Bohr"));
  PetscCall(TesseraIOWriteAttribute(viewer, "/radial/density", "units", PETSC_STRING, "electrons/Bohr^3"));
  PetscCall(TesseraIOWriteAttribute(viewer, "/radial/potential", "units", PETSC_STRING, "Hartree"));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(PetscFree3(r, dens, V));
  PetscCall(PetscFree5(on, ol, ok, oocc, oeig));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx              ctx;
  Atom                atom;
  MPI_Comm            comm;
  PetscInt            Z, norb, its;
  PetscReal           etot;
  AtomConvergedReason reason;
  const char         *symbol;
  AtomProblem         prob = NULL;
  PetscBool           hasproblem;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(ProcessOptions(comm, &ctx));
  PetscCall(PetscOptionsHasName(NULL, NULL, "-problem", &hasproblem));
  if (hasproblem) {
    char      name[64];
    PetscBool listed;

    PetscCall(TesseraProblemSelect(comm, NULL, "atom", "nist_lda", name, sizeof(name), &listed));
    if (listed) {
      PetscCall(PetscFinalize());
      return 0;
    }
    PetscCall(AtomProblemCreate(comm, name, &prob));
  }
  PetscCall(AtomCreate(comm, &atom));
  if (prob) PetscCall(AtomProblemSetUpAtom(prob, atom));
  PetscCall(AtomSetFromOptions(atom));
  if (ctx.interval) PetscCall(AtomMonitorSet(atom, CheckpointMonitor, &ctx, NULL));
  if (ctx.restart[0]) PetscCall(ReadCheckpoint(atom, ctx.restart));
  PetscCall(AtomSolve(atom));
  PetscCall(AtomGetZ(atom, &Z));
  PetscCall(AtomGetNISTConfiguration(Z, &symbol, NULL));
  PetscCall(AtomGetTotalEnergy(atom, &etot));
  PetscCall(AtomGetNumberOrbitals(atom, &norb));
  PetscCall(AtomGetIterationNumber(atom, &its));
  PetscCall(AtomGetConvergedReason(atom, &reason));
  if (!ctx.test) {
    PetscCall(PetscPrintf(comm, "Z = %" PetscInt_FMT " (%s): %s after %" PetscInt_FMT " iterations\n", Z, symbol, AtomConvergedReasons[reason], its));
    PetscCall(PetscPrintf(comm, "total energy %.10f Ha\n", (double)etot));
    for (PetscInt k = 0; k < norb; k++) {
      PetscInt  n, l;
      PetscReal occ, eig;
      char      lab[16];

      PetscCall(AtomGetOrbital(atom, k, &n, &l, &occ, &eig));
      PetscCall(OrbitalLabel(atom, k, lab, sizeof(lab)));
      PetscCall(PetscPrintf(comm, "  %-6s  occupation %8.5f  eigenvalue %18.10f\n", lab, (double)occ, (double)eig));
    }
  } else PetscCall(PetscPrintf(comm, "Z = %" PetscInt_FMT ": converged %s\n", Z, reason > 0 ? "yes" : "no"));
  if (ctx.reference[0]) {
    PetscReal detot, deig, dnist;

    PetscCall(AtomProblemComputeReferenceError(atom, ctx.reference, &detot, &deig, &dnist));
    if (!ctx.test && dnist >= 0) PetscCall(PetscPrintf(comm, "error vs reference: total energy %.3e, max eigenvalue %.3e; vs NIST 6 decimals %.3e\n", (double)detot, (double)deig, (double)dnist));
    else if (!ctx.test) PetscCall(PetscPrintf(comm, "error vs reference: total energy %.3e, max eigenvalue %.3e\n", (double)detot, (double)deig));
    else PetscCall(TesseraVerdict(comm, (PetscBool)(detot < 1e-8 && deig < 1e-8), "errors vs reference < 1e-8"));
  }
  if (prob) {
    PetscReal detot, deig;

    PetscCall(AtomProblemComputeError(prob, atom, &detot, &deig));
    if (!ctx.test) {
      PetscCall(AtomProblemView(prob, PETSC_VIEWER_STDOUT_(comm)));
      PetscCall(PetscPrintf(comm, "error vs the problem's reference: total energy %.3e, max eigenvalue %.3e\n", (double)detot, (double)deig));
    } else PetscCall(TesseraVerdict(comm, (PetscBool)(detot < 1e-8 && deig < 1e-8), "errors vs the problem's reference < 1e-8"));
  }
  if (ctx.output[0]) PetscCall(WriteOutput(atom, &ctx));
  if (ctx.compare[0]) {
    PetscViewer viewer;
    PetscReal   e;
    PetscInt    z;

    PetscCall(TesseraIOOpen(comm, ctx.compare, FILE_MODE_READ, "atom", &viewer));
    PetscCall(TesseraIOReadAttribute(viewer, "/", "total_energy", PETSC_REAL, &e));
    PetscCall(TesseraIOReadAttribute(viewer, "/", "z", PETSC_INT, &z));
    PetscCall(TesseraIOClose(&viewer));
    PetscCall(TesseraVerdict(comm, (PetscBool)(z == Z && PetscAbsReal(e - etot) <= 1e-9), "total energy agrees with %s to 1e-9", ctx.compare));
  }
  PetscCheck(reason > 0, comm, PETSC_ERR_NOT_CONVERGED, "Atom Z = %" PetscInt_FMT ": the SCF stopped with %s after %" PetscInt_FMT " iterations (raise -atom_scf_max_it, or change -atom_mix_alpha / -atom_mix_history)", Z, AtomConvergedReasons[reason],
             its);
  PetscCall(TesseraVerdictCheckAll(comm));
  PetscCall(AtomProblemDestroy(&prob));
  PetscCall(AtomDestroy(&atom));
  PetscCall(PetscFinalize());
  return 0;
}
