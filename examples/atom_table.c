static char help[] = "Kohn-Sham LDA (or, with -atom_model dirac, RLDA) table of the atoms Z = zmin..zmax, atoms spread over the MPI ranks, written to one HDF5 file.\n\n\
Options:\n\
  -z_min <1> -z_max <92>   range of atoms\n\
  -reference <file.tsv>    NIST LDA or RLDA table: store the errors against it\n\
  -output <table.h5>       the table\n\
  -test                    print only tolerance-robust lines\n\
  -progress <true>         a progress line (atoms done on rank 0, elapsed time) at most every 5 s\n\
Discretisation and SCF through the -atom_ options (default: the accurate preset).\n\n";

/*
   Every rank solves the atoms Z with (Z - zmin) mod size == rank on PETSC_COMM_SELF; the per-atom rows are
   combined with an MPI sum of zero-initialised arrays (each entry has exactly one contributor, so the sum is
   exact) and written collectively, so that the table does not depend on the number of ranks.

   Datasets in /table: z, total_energy, iterations, converged, error_total_energy, error_eigenvalue_max,
   error_nist (vs NIST's 6 decimals; -1 for the RLDA table, which has none), and n, l, kappa (0 for the
   non-relativistic model), occupation, eigenvalue as
   (zmax - zmin + 1) x 32 row-major arrays (unused entries zero). Root attributes z_min, z_max and the worst
   errors. /timing/solve_time holds the wall time of each solve (informative: it depends on the run).
*/
#include <tessera.h>

#define NCOL 8

typedef struct {
  PetscInt  zmin, zmax;
  char      ref[PETSC_MAX_PATH_LEN], output[PETSC_MAX_PATH_LEN];
  PetscBool test, progress;
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscFunctionBegin;
  ctx->zmin      = 1;
  ctx->zmax      = 92;
  ctx->ref[0]    = 0;
  ctx->output[0] = 0;
  ctx->test      = PETSC_FALSE;
  ctx->progress  = PETSC_TRUE;
  PetscOptionsBegin(comm, "", "Atom table options", "");
  PetscCall(TesseraOptionsIntInRange("-z_min", "First atom", "atom_table.c", ctx->zmin, &ctx->zmin, NULL, 1, 92));
  PetscCall(TesseraOptionsIntInRange("-z_max", "Last atom", "atom_table.c", ctx->zmax, &ctx->zmax, NULL, 1, 92));
  PetscCall(PetscOptionsString("-reference", "NIST LDA table", "atom_table.c", ctx->ref, ctx->ref, sizeof(ctx->ref), NULL));
  PetscCall(PetscOptionsString("-output", "HDF5 table", "atom_table.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsBool("-test", "Print only tolerance-robust lines", "atom_table.c", ctx->test, &ctx->test, NULL));
  PetscCall(PetscOptionsBool("-progress", "Progress line at most every 5 s", "atom_table.c", ctx->progress, &ctx->progress, NULL));
  PetscOptionsEnd();
  PetscCheck(ctx->zmin <= ctx->zmax, comm, PETSC_ERR_ARG_OUTOFRANGE, "Atom range -z_min %" PetscInt_FMT " .. -z_max %" PetscInt_FMT " is empty", ctx->zmin, ctx->zmax);
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  MPI_Comm       comm;
  PetscMPIInt    rank, size;
  AppCtx         ctx;
  PetscInt       nz, worstz = 0;
  PetscReal     *col, *orb, *sum, worst = 0, worstnist = 0, worstetot = 0, worsteig = 0, maxits = 0, notconv = 0;
  const char    *names[NCOL]  = {"z", "total_energy", "iterations", "converged", "error_total_energy", "error_eigenvalue_max", "error_nist", "solve_time"};
  const char    *groups[NCOL] = {"/table", "/table", "/table", "/table", "/table", "/table", "/table", "/timing"};
  const char    *onames[5]    = {"n", "l", "kappa", "occupation", "eigenvalue"};
  PetscViewer    viewer;
  PetscLogDouble tstart, tend, tlast;
  PetscReal      wall;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(ProcessOptions(comm, &ctx));
  nz = ctx.zmax - ctx.zmin + 1;
  PetscCall(PetscCalloc3(NCOL * nz, &col, 5 * nz * ATOM_MAX_ORBITALS, &orb, (NCOL + 5 * ATOM_MAX_ORBITALS) * nz, &sum));
  PetscCall(PetscTime(&tstart));
  tlast = tstart;
  for (PetscInt i = rank; i < nz; i += size) {
    const PetscInt      Z = ctx.zmin + i;
    Atom                atom;
    PetscInt            its, norb;
    PetscReal           etot, deig = 0, detot = 0, dnist = 0;
    AtomConvergedReason reason;
    PetscLogDouble      t0, t1;

    PetscCall(AtomCreate(PETSC_COMM_SELF, &atom));
    PetscCall(AtomSetFromOptions(atom));
    PetscCall(AtomSetZ(atom, Z));
    PetscCall(PetscTime(&t0));
    PetscCall(AtomSolve(atom));
    PetscCall(PetscTime(&t1));
    if (ctx.progress && !ctx.test && !rank && t1 - tlast >= 5.0) { /* rank 0 does every size-th atom */
      PetscCall(PetscPrintf(PETSC_COMM_SELF, "  Z = %" PetscInt_FMT " done (%" PetscInt_FMT " of %" PetscInt_FMT " atoms on rank 0), %.0f s\n", Z, i / size + 1, (nz + size - 1) / size, (double)(t1 - tstart)));
      tlast = t1;
    }
    PetscCall(AtomGetTotalEnergy(atom, &etot));
    PetscCall(AtomGetIterationNumber(atom, &its));
    PetscCall(AtomGetConvergedReason(atom, &reason));
    PetscCall(AtomGetNumberOrbitals(atom, &norb));
    PetscCheck(norb <= ATOM_MAX_ORBITALS, PETSC_COMM_SELF, PETSC_ERR_PLIB, "Too many orbitals");
    for (PetscInt k = 0; k < norb; k++) {
      PetscInt  n, l, kappa;
      PetscReal occ, eig;

      PetscCall(AtomGetOrbital(atom, k, &n, &l, &occ, &eig));
      PetscCall(AtomGetOrbitalKappa(atom, k, &kappa));
      orb[(0 * nz + i) * ATOM_MAX_ORBITALS + k] = n;
      orb[(1 * nz + i) * ATOM_MAX_ORBITALS + k] = l;
      orb[(2 * nz + i) * ATOM_MAX_ORBITALS + k] = kappa;
      orb[(3 * nz + i) * ATOM_MAX_ORBITALS + k] = occ;
      orb[(4 * nz + i) * ATOM_MAX_ORBITALS + k] = eig;
    }
    if (ctx.ref[0]) PetscCall(AtomProblemComputeReferenceError(atom, ctx.ref, &detot, &deig, &dnist));
    col[0 * nz + i] = Z;
    col[1 * nz + i] = etot;
    col[2 * nz + i] = its;
    col[3 * nz + i] = reason > 0 ? 1 : 0;
    col[4 * nz + i] = detot;
    col[5 * nz + i] = deig;
    col[6 * nz + i] = dnist;
    col[7 * nz + i] = (PetscReal)(t1 - t0);
    PetscCall(AtomDestroy(&atom));
  }
  PetscCall(PetscTime(&tend));
  wall = (PetscReal)(tend - tstart);
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &wall, 1, MPIU_REAL, MPIU_MAX, comm));
  PetscCall(PetscArraycpy(sum, col, NCOL * nz));
  PetscCall(PetscArraycpy(sum + NCOL * nz, orb, 5 * nz * ATOM_MAX_ORBITALS));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, sum, (PetscMPIInt)((NCOL + 5 * ATOM_MAX_ORBITALS) * nz), MPIU_REAL, MPIU_SUM, comm));
  for (PetscInt i = 0; i < nz; i++) {
    const PetscReal e = PetscMax(sum[4 * nz + i], sum[5 * nz + i]);

    if (e > worst) {
      worst  = e;
      worstz = ctx.zmin + i;
    }
    worstnist = i ? PetscMax(worstnist, sum[6 * nz + i]) : sum[6 * nz + i];
    worstetot = PetscMax(worstetot, sum[4 * nz + i]);
    worsteig  = PetscMax(worsteig, sum[5 * nz + i]);
    maxits    = PetscMax(maxits, sum[2 * nz + i]);
    notconv += 1 - sum[3 * nz + i];
  }
  if (ctx.output[0]) {
    PetscCall(TesseraIOOpen(comm, ctx.output, FILE_MODE_WRITE, "atom_table", &viewer));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "z_min", PETSC_INT, &ctx.zmin));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "z_max", PETSC_INT, &ctx.zmax));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "worst_error", PETSC_REAL, &worst));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "worst_error_z", PETSC_INT, &worstz));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "worst_error_nist", PETSC_REAL, &worstnist));
    for (PetscInt c = 0; c < NCOL; c++) PetscCall(TesseraIOWriteArray(viewer, groups[c], names[c], nz, sum + c * nz));
    for (PetscInt c = 0; c < 5; c++) PetscCall(TesseraIOWriteArray(viewer, "/table", onames[c], nz * ATOM_MAX_ORBITALS, sum + NCOL * nz + c * nz * ATOM_MAX_ORBITALS));
    PetscCall(TesseraIOClose(&viewer));
  }
  if (ctx.test) {
    PetscCall(TesseraVerdict(comm, (PetscBool)(notconv == 0), "atoms %" PetscInt_FMT "..%" PetscInt_FMT ": all converged", ctx.zmin, ctx.zmax));
    if (ctx.ref[0]) PetscCall(TesseraVerdict(comm, (PetscBool)(worst <= 1e-8), "every E_tot and eigenvalue within 1e-8 of the reference"));
  } else {
    PetscCall(PetscPrintf(comm, "atoms %" PetscInt_FMT "..%" PetscInt_FMT " on %d ranks: %g not converged, max SCF iterations %g, wall time of the solves %.3f s\n", ctx.zmin, ctx.zmax, size, (double)notconv, (double)maxits, (double)wall));
    if (ctx.ref[0]) PetscCall(PetscPrintf(comm, "worst error vs reference %.2e (Z = %" PetscInt_FMT "): E_tot %.2e, eigenvalues %.2e\n", (double)worst, worstz, (double)worstetot, (double)worsteig));
    if (ctx.ref[0] && worstnist >= 0) PetscCall(PetscPrintf(comm, "worst |E_tot - NIST 6 decimals| %.2e\n", (double)worstnist));
  }
  PetscCheck(notconv == 0, comm, PETSC_ERR_NOT_CONVERGED, "%" PetscInt_FMT " of the atoms %" PetscInt_FMT "..%" PetscInt_FMT " did not converge (see /table/converged; raise -atom_scf_max_it)", (PetscInt)notconv, ctx.zmin, ctx.zmax);
  PetscCall(PetscFree3(col, orb, sum));
  PetscCall(TesseraVerdictCheckAll(comm));
  PetscCall(PetscFinalize());
  return 0;
}
