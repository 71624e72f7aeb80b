static char help[] = "Measured convergence rates of the singular limits of indirect-signalling chemotaxis: PES (eps -> 0) and IDS ((eps, tau) -> 0).\n\n\
Options:\n\
  -lim_mode <pes>            pes: eps -> 0 with tau fixed (-chemotaxis_tau); ids: (eps, tau) -> 0 against the Keller-Segel limit\n\
  -lim_eps <1e-1,1e-2,1e-3,1e-4>  the eps sequence (decreasing, at most 16 values)\n\
  -lim_coupling <eps>        ids: tau = eps | sqrt (tau = sqrt(eps)) | list (the values of -lim_tau)\n\
  -lim_tau <...>             ids with -lim_coupling list: the tau sequence (as many values as -lim_eps)\n\
  -lim_T <0.5>               final time T\n\
  -lim_samples <50>          uniform sample times k T / K in (0, T]\n\
  -lim_layer_per_decade <10> logarithmic sample times eps 10^(j/P) from -lim_layer_start eps to T, per eps\n\
  -lim_layer_start <1e-3>    first logarithmic sample time, in units of eps\n\
  -lim_rtol <1e-8>           TS relative tolerance of every run (-lim_atol <1e-10> absolute)\n\
  -lim_expect <1 or 0.5>     expected order of ||n_eps - n||_{Linf(0,T;L2)} (default 1 well-prepared, 0.5 otherwise)\n\
  -lim_expect_tol <0.2>      allowed deviation of the fitted slope (checked in -test mode)\n\
  -lim_mean_tol <1e-6>       tolerance of the signal means against their exact ODEs, relative to the mean of n (-test)\n\
  -lim_layer_tol <1e-2>      tolerance of the fitted layer decay rate lambda eps against 1 (-test; data off the manifold)\n\
  -init <well>               initial signals: well (PES: tau-manifold; IDS: the Keller-Segel manifold) | ill (zero) |\n\
                             opposite (reflected through the manifold) | step (discontinuous); -problem NAME chooses n0\n\
  -output <file.h5>          HDF5 table (/table) and initial layers (/layer/eK/time, /layer/eK/distance)\n\
  -test                      print only tolerance-robust lines\n\
Model and grid options as in the chemotaxis example (-chemotaxis_dim, -da_grid_x, -chemotaxis_L, -chemotaxis_tau, ...).\n\n";

/*
   For each eps (and tau, IDS) the full system is solved on the same grid, with the same initial density n0 and tight
   time tolerances (all three fields under error control), and compared with the limit system solved by the same code
   with eps = 0 (PES: the index-1 DAE with tau; IDS: eps = tau = 0, the parabolic-elliptic Keller-Segel system).

   Sampling: t = 0, the uniform times k T / K, and per eps the logarithmic times eps 10^(j/P) from 1e-3 eps to T, which
   resolve the initial layer (width eps) for every eps; the limit solution is computed at the union of all sample times.
   Norms over time use the trapezoidal rule on the samples of each eps:
     ||n_eps - n||_{Linf(0,T;L2)}       max over the samples of the L2 norm
     ||grad(n_eps - n)||_{L2(0,T;L2)}   the H1 seminorm (face differences), L2 in time
     ||c_eps - c||_{L2(0,T;L2)}         includes the initial layer, where c_eps - c = O(1) for data off the manifold
     ||c_eps - c||_{Linf(T/2,T;L2)}     away from the layer
   Observed orders: local log(E_{j-1}/E_j) / log(x_{j-1}/x_j) and the least-squares slope, x = eps (x = tau in IDS
   with -lim_coupling list).

   Initial layer: the distance d(t) = ||c_eps - K_tau n_eps|| to the critical manifold at the samples in [eps, 20 eps] is
   fitted by (A + B t) e^{-lambda t} + D (weighted least squares, relative residuals; linear in A, B, D, golden-section
   search in lambda): the slowest mode (the mean) of the deviation relaxes as (b0 + a0 t/eps) e^{-t/eps} (a Jordan block:
   eps a' = -a, eps b' = a - b for the deviations of the means of w and c), so lambda eps = 1 exactly. The means of c and w
   are compared at every sample with this exact solution (spec chemotaxis.md, A1).

   Hypotheses (spec chemotaxis.md section 3, derived, not confirmed against the paper): PES well-prepared O(eps),
   ill-prepared O(eps^{1/2}) in Linf(L2) and for the H1 seminorm in L2; the signals converge in L2(0,T;L2) at order 1/2
   for ill-prepared data (layer of height O(1) and width eps) and uniformly on [T/2, T]; IDS O(eps + tau).

   Reference: L. T. T. Bui, T. K. L. Huynh, B. Q. Tang, B.-N. Tran, Calc. Var. PDE (2025), arXiv:2508.01436.
*/
#include <tessera.h>

#define LIM_MAX   16
#define LIM_NORMS 4

static const char *const NormNames[LIM_NORMS]  = {"err_n_linf_l2", "err_n_l2_h1semi", "err_c_l2_l2", "err_c_linf_half_l2"};
static const char *const NormTitles[LIM_NORMS] = {"n Linf(L2)", "n L2(H1semi)", "c L2(L2)", "c Linf(T/2,T;L2)"};
static const char *const Couplings[]           = {"eps", "sqrt", "list", "LimCoupling", "LIM_COUPLING_", NULL};
typedef enum { LIM_COUPLING_EPS, LIM_COUPLING_SQRT, LIM_COUPLING_LIST } LimCoupling;

/* sample times of one eps: 0, k T / K, eps 10^(j/P) from start eps to T; sorted, without duplicates */
static PetscErrorCode SampleTimes(PetscReal eps, PetscReal T, PetscInt K, PetscInt P, PetscReal start, PetscInt *n, PetscReal **t)
{
  PetscInt nlog = 0, m = 0;

  PetscFunctionBegin;
  while (start * eps * PetscPowReal(10.0, (PetscReal)nlog / P) < T) nlog++;
  PetscCall(PetscMalloc1(1 + K + nlog, t));
  (*t)[m++] = 0;
  for (PetscInt k = 1; k <= K; k++) (*t)[m++] = k * T / K;
  for (PetscInt j = 0; j < nlog; j++) (*t)[m++] = start * eps * PetscPowReal(10.0, (PetscReal)j / P);
  PetscCall(PetscSortRemoveDupsReal(&m, *t));
  *n = m;
  PetscFunctionReturn(0);
}

/* Creates and sets up a solver for (limit, eps, tau); c, w under error control (the layer is measured) */
static PetscErrorCode CreateSolver(ChemotaxisLimit limit, PetscReal eps, PetscReal tau, PetscReal rtol, PetscReal atol, Chemotaxis *ct)
{
  TS        ts;
  PetscReal e0, t0;

  PetscFunctionBegin;
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, ct));
  PetscCall(ChemotaxisSetErrorControlSignals(*ct, PETSC_TRUE));
  PetscCall(ChemotaxisSetFromOptions(*ct));
  PetscCall(ChemotaxisGetParameters(*ct, &e0, &t0));
  PetscCall(ChemotaxisSetParameters(*ct, limit == CHEMOTAXIS_LIMIT_NONE ? eps : e0, tau >= 0 ? tau : t0));
  PetscCall(ChemotaxisSetLimit(*ct, limit));
  PetscCall(ChemotaxisSetUp(*ct));
  PetscCall(ChemotaxisGetTS(*ct, &ts));
  PetscCall(TSSetTolerances(ts, atol, NULL, rtol, NULL));
  PetscFunctionReturn(0);
}

static PetscReal Slope(PetscInt n, const PetscReal x[], const PetscReal y[])
{
  PetscReal sx = 0, sy = 0, sxx = 0, sxy = 0;

  for (PetscInt i = 0; i < n; i++) {
    PetscReal lx = PetscLog10Real(x[i]), ly = PetscLog10Real(y[i]);

    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

/* weighted residual of the best (A + B t) e^{-lambda t} + D for a fixed lambda (weights 1/d: relative residuals) */
static PetscReal LayerResidual(PetscInt m, const PetscReal t[], const PetscReal d[], PetscReal lambda)
{
  PetscReal G[3][3] = {{0}}, r[3] = {0}, c[3], res = 0;

  for (PetscInt i = 0; i < m; i++) {
    PetscReal e = PetscExpReal(-lambda * t[i]), phi[3] = {e, t[i] * e, 1.0}, w = 1.0 / (d[i] * d[i]);

    for (PetscInt a = 0; a < 3; a++) {
      r[a] += w * phi[a] * d[i];
      for (PetscInt b = 0; b < 3; b++) G[a][b] += w * phi[a] * phi[b];
    }
  }
  /* 3x3 solve by Cramer's rule */
  {
    PetscReal det = G[0][0] * (G[1][1] * G[2][2] - G[1][2] * G[2][1]) - G[0][1] * (G[1][0] * G[2][2] - G[1][2] * G[2][0]) + G[0][2] * (G[1][0] * G[2][1] - G[1][1] * G[2][0]);

    if (det == 0) return PETSC_MAX_REAL;
    for (PetscInt k = 0; k < 3; k++) {
      PetscReal M[3][3];

      for (PetscInt a = 0; a < 3; a++)
        for (PetscInt b = 0; b < 3; b++) M[a][b] = b == k ? r[a] : G[a][b];
      c[k] = (M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0])) / det;
    }
  }
  for (PetscInt i = 0; i < m; i++) {
    PetscReal e = PetscExpReal(-lambda * t[i]), f = (c[0] + c[1] * t[i]) * e + c[2];

    res += PetscSqr((f - d[i]) / d[i]);
  }
  return res;
}

/* fitted lambda eps of d(t) on t in [eps, 20 eps] where d exceeds 100 times its plateau: coarse scan of lambda eps in [0.05, 20], then golden section */
static PetscReal LayerRate(PetscInt n, const PetscReal t[], const PetscReal d[], PetscReal eps)
{
  PetscReal tt[256], dd[256], best = 0, bres = PETSC_MAX_REAL, lo, hi, g = 0.5 * (PetscSqrtReal(5.0) - 1.0), dmin = PETSC_MAX_REAL;
  PetscInt  m = 0;

  /* the plateau (the O(eps) slaved part, orthogonal to the mean mode) adds in quadrature, not linearly: fit where the
     layer is at least 100 times the plateau */
  if (t[n - 1] >= 20 * eps) { /* otherwise the layer fills [0, T] and there is no plateau to exclude */
    for (PetscInt i = 0; i < n; i++)
      if (t[i] >= eps && t[i] <= 30 * eps) dmin = PetscMin(dmin, d[i]);
  } else dmin = 0;
  for (PetscInt i = 0; i < n && m < 256; i++) {
    if (t[i] < eps * (1 - 1e-12) || t[i] > 20 * eps || d[i] <= 100 * dmin) continue;
    tt[m] = t[i] / eps;
    dd[m] = d[i];
    m++;
  }
  if (m < 5) return 0;
  for (PetscInt k = 0; k <= 200; k++) {
    PetscReal l = 0.05 * PetscPowReal(400.0, k / 200.0), r = LayerResidual(m, tt, dd, l);

    if (r < bres) {
      bres = r;
      best = l;
    }
  }
  lo = best / PetscPowReal(400.0, 1 / 200.0);
  hi = best * PetscPowReal(400.0, 1 / 200.0);
  for (PetscInt it = 0; it < 100; it++) {
    PetscReal a = hi - g * (hi - lo), b = lo + g * (hi - lo);

    if (LayerResidual(m, tt, dd, a) < LayerResidual(m, tt, dd, b)) hi = b;
    else lo = a;
  }
  return 0.5 * (lo + hi); /* in units of 1/eps */
}

int main(int argc, char **argv)
{
  char                  output[PETSC_MAX_PATH_LEN] = "", mode[8] = "pes";
  ChemotaxisInitialType init     = CHEMOTAXIS_INITIAL_WELL, initeps;
  LimCoupling           coupling = LIM_COUPLING_EPS;
  ChemotaxisProblem     problem;
  char                  pname[64];
  PetscReal             eps[LIM_MAX] = {1e-1, 1e-2, 1e-3, 1e-4}, tau[LIM_MAX], T = 0.5, rtol = 1e-8, atol = 1e-10, expect = -1, etol = 0.2, mtol = 1e-6, ltol = 1e-2, start = 1e-3, tauref;
  PetscReal             err[LIM_NORMS][LIM_MAX], slope[LIM_NORMS], dfin[LIM_MAX], steps_r[LIM_MAX], taus_r[LIM_MAX], layer_rate[LIM_MAX], meanerr[LIM_MAX], *x;
  PetscInt              neps = LIM_MAX, ntau = LIM_MAX, K = 50, P = 10, steps[LIM_MAX], nall = 0, ns[LIM_MAX];
  PetscReal            *ts[LIM_MAX], *dist[LIM_MAX], *tall;
  PetscBool             test = PETSC_FALSE, ids, hastau, haseps, layer_expected, listed;
  Chemotaxis            ref;
  Vec                  *Uref, U;
  PetscViewer           viewer = NULL;
  MPI_Comm              comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscOptionsBegin(comm, "", "Chemotaxis singular-limit rates", "");
  PetscCall(PetscOptionsString("-lim_mode", "pes or ids", "chemotaxis_limits.c", mode, mode, sizeof(mode), NULL));
  PetscCall(PetscOptionsRealArray("-lim_eps", "eps sequence", "chemotaxis_limits.c", eps, &neps, &haseps));
  if (!haseps) neps = 4;
  PetscCall(PetscOptionsEnum("-lim_coupling", "IDS: tau = eps, tau = sqrt(eps), or the -lim_tau list", "chemotaxis_limits.c", Couplings, (PetscEnum)coupling, (PetscEnum *)&coupling, NULL));
  PetscCall(PetscOptionsRealArray("-lim_tau", "tau sequence (ids, -lim_coupling list)", "chemotaxis_limits.c", tau, &ntau, &hastau));
  PetscCall(TesseraOptionsRealPositive("-lim_T", "Final time", "chemotaxis_limits.c", T, &T, NULL, 1e6));
  PetscCall(TesseraOptionsIntInRange("-lim_samples", "Uniform sample times", "chemotaxis_limits.c", K, &K, NULL, 1, 100000));
  PetscCall(TesseraOptionsIntInRange("-lim_layer_per_decade", "Logarithmic sample times per decade", "chemotaxis_limits.c", P, &P, NULL, 1, 1000));
  PetscCall(TesseraOptionsRealPositive("-lim_layer_start", "First logarithmic sample time / eps", "chemotaxis_limits.c", start, &start, NULL, 1.0));
  PetscCall(TesseraOptionsRealInRange("-lim_rtol", "TS relative tolerance", "chemotaxis_limits.c", rtol, &rtol, NULL, 1e-14, 1e-1));
  PetscCall(TesseraOptionsRealInRange("-lim_atol", "TS absolute tolerance", "chemotaxis_limits.c", atol, &atol, NULL, 1e-16, 1e-1));
  PetscCall(TesseraOptionsRealPositive("-lim_expect", "Expected order", "chemotaxis_limits.c", expect, &expect, NULL, 10));
  PetscCall(TesseraOptionsRealPositive("-lim_expect_tol", "Allowed deviation of the slope", "chemotaxis_limits.c", etol, &etol, NULL, 10));
  PetscCall(TesseraOptionsRealPositive("-lim_mean_tol", "Tolerance of the signal means", "chemotaxis_limits.c", mtol, &mtol, NULL, 1));
  PetscCall(TesseraOptionsRealPositive("-lim_layer_tol", "Tolerance of lambda eps against 1", "chemotaxis_limits.c", ltol, &ltol, NULL, 10));
  PetscCall(PetscOptionsEnum("-init", "Initial signals", "chemotaxis_limits.c", ChemotaxisInitialTypes, (PetscEnum)init, (PetscEnum *)&init, NULL));
  PetscCall(PetscOptionsString("-output", "HDF5 output", "chemotaxis_limits.c", output, output, sizeof(output), NULL));
  PetscCall(PetscOptionsBool("-test", "Tolerance-robust output", "chemotaxis_limits.c", test, &test, NULL));
  PetscOptionsEnd();
  PetscCall(PetscStrcmp(mode, "ids", &ids));
  if (!ids) {
    PetscBool pes;

    PetscCall(PetscStrcmp(mode, "pes", &pes));
    PetscCheck(pes, comm, PETSC_ERR_ARG_WRONG, "-lim_mode must be pes or ids, not %s", mode);
  }
  PetscCheck(neps >= 2 && neps <= LIM_MAX, comm, PETSC_ERR_ARG_SIZ, "-lim_eps needs 2 to %d values", LIM_MAX);
  PetscCheck(!hastau || coupling == LIM_COUPLING_LIST, comm, PETSC_ERR_ARG_WRONG, "-lim_tau needs -lim_coupling list");
  PetscCheck(coupling != LIM_COUPLING_LIST || (hastau && ntau == neps), comm, PETSC_ERR_ARG_SIZ, "-lim_coupling list needs -lim_tau with as many values as -lim_eps");
  PetscCheck(ids || coupling == LIM_COUPLING_EPS, comm, PETSC_ERR_ARG_WRONG, "-lim_coupling is for -lim_mode ids (PES keeps tau = -chemotaxis_tau)");
  PetscCheck(init != CHEMOTAXIS_INITIAL_KS, comm, PETSC_ERR_ARG_WRONG, "-init ks: use -init well, which is the Keller-Segel manifold in -lim_mode ids");
  for (PetscInt j = 0; j < neps; j++) {
    PetscCall(TesseraCheckRealInRange(comm, "-lim_eps", eps[j], PETSC_SMALL, 1e3));
    if (coupling == LIM_COUPLING_LIST) PetscCall(TesseraCheckRealInRange(comm, "-lim_tau", tau[j], 0, 1e3));
    else tau[j] = coupling == LIM_COUPLING_EPS ? eps[j] : PetscSqrtReal(eps[j]);
    if (j) PetscCheck(eps[j] < eps[j - 1] || (coupling == LIM_COUPLING_LIST && tau[j] < tau[j - 1]), comm, PETSC_ERR_ARG_WRONG, "-lim_eps (or -lim_tau) must decrease: value %" PetscInt_FMT " is %g after %g", j, (double)eps[j], (double)eps[j - 1]);
  }
  if (expect < 0) expect = init == CHEMOTAXIS_INITIAL_WELL ? 1.0 : 0.5;
  /* well-prepared data lie on the manifold of the limit studied: the tau-manifold (PES), the Keller-Segel one (IDS) */
  initeps        = ids && init == CHEMOTAXIS_INITIAL_WELL ? CHEMOTAXIS_INITIAL_KS : init;
  layer_expected = (PetscBool)(init == CHEMOTAXIS_INITIAL_ILL || init == CHEMOTAXIS_INITIAL_OPPOSITE);
  PetscCall(TesseraProblemSelect(comm, NULL, "chemotaxis", "cosine", pname, sizeof(pname), &listed));
  if (listed) {
    PetscCall(PetscFinalize());
    return 0;
  }
  PetscCall(ChemotaxisProblemCreate(comm, pname, &problem));

  /* sample times of every eps and their union */
  for (PetscInt j = 0; j < neps; j++) {
    PetscCall(SampleTimes(eps[j], T, K, P, start, &ns[j], &ts[j]));
    nall += ns[j];
  }
  PetscCall(PetscMalloc1(nall, &tall));
  nall = 0;
  for (PetscInt j = 0; j < neps; j++) {
    PetscCall(PetscArraycpy(tall + nall, ts[j], ns[j]));
    nall += ns[j];
  }
  PetscCall(PetscSortRemoveDupsReal(&nall, tall));

  /* the limit solution at every sample time */
  PetscCall(CreateSolver(ids ? CHEMOTAXIS_LIMIT_IDS : CHEMOTAXIS_LIMIT_PES, 0, -1, rtol, atol, &ref));
  PetscCall(ChemotaxisGetParameters(ref, NULL, &tauref));
  PetscCall(ChemotaxisCreateGlobalVector(ref, &U));
  PetscCall(VecDuplicateVecs(U, nall, &Uref));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ref, CHEMOTAXIS_INITIAL_WELL, Uref[0]));
  PetscCall(ChemotaxisProjectToManifold(ref, Uref[0]));
  PetscCall(VecCopy(Uref[0], U));
  for (PetscInt k = 1; k < nall; k++) {
    TS ts;

    PetscCall(ChemotaxisGetTS(ref, &ts));
    PetscCall(TSSetMaxTime(ts, tall[k]));
    PetscCall(ChemotaxisSolve(ref, U));
    PetscCall(VecCopy(U, Uref[k]));
  }
  PetscCall(VecDestroy(&U));
  if (!test) PetscCall(PetscPrintf(comm, "  limit (%s) solution at %" PetscInt_FMT " sample times: done\n", ids ? "IDS" : "PES", nall));

  for (PetscInt j = 0; j < neps; j++) {
    Chemotaxis ct;
    TS         tsj;
    PetscReal  eps_j, tau_j, mean0[3], prev[LIM_NORMS] = {0, 0, 0, 0}, a0, b0;

    PetscCall(CreateSolver(CHEMOTAXIS_LIMIT_NONE, eps[j], ids ? tau[j] : -1, rtol, atol, &ct));
    PetscCall(ChemotaxisGetParameters(ct, &eps_j, &tau_j));
    taus_r[j] = tau_j;
    PetscCall(ChemotaxisGetTS(ct, &tsj));
    PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
    PetscCall(ChemotaxisProblemSetInitialState(problem, ct, initeps, U));
    PetscCall(ChemotaxisGetMeans(ct, U, mean0));
    a0 = mean0[2] - mean0[0]; /* deviations of the means of w and c from the mean m of n */
    b0 = mean0[1] - mean0[0];
    PetscCall(PetscMalloc1(ns[j], &dist[j]));
    for (PetscInt q = 0; q < LIM_NORMS; q++) err[q][j] = 0;
    meanerr[j] = 0;
    for (PetscInt k = 0; k < ns[j]; k++) {
      PetscReal t = ts[j][k], en, gn, ec, cur[LIM_NORMS], mean[3], s = t / eps_j, mw, mc;
      PetscInt  loc;

      if (k) {
        PetscCall(TSSetMaxTime(tsj, t));
        PetscCall(ChemotaxisSolve(ct, U));
      }
      PetscCall(PetscFindReal(t, nall, tall, 1e-15 * T, &loc));
      PetscCheck(loc >= 0, comm, PETSC_ERR_PLIB, "sample time %g not in the reference times", (double)t);
      PetscCall(ChemotaxisComputeDifferenceNorms(ct, 0, U, Uref[loc], &en, &gn));
      PetscCall(ChemotaxisComputeDifferenceNorms(ct, 1, U, Uref[loc], &ec, NULL));
      PetscCall(ChemotaxisGetManifoldDistance(ct, U, &dist[j][k], NULL));
      /* exact means: eps a' = -a, eps b' = a - b */
      PetscCall(ChemotaxisGetMeans(ct, U, mean));
      mw         = mean0[0] + a0 * PetscExpReal(-s);
      mc         = mean0[0] + (b0 + a0 * s) * PetscExpReal(-s);
      meanerr[j] = PetscMax(meanerr[j], PetscMax(PetscAbsReal(mean[2] - mw), PetscAbsReal(mean[1] - mc)) / mean0[0]);
      cur[0]     = en;
      cur[1]     = gn * gn;
      cur[2]     = ec * ec;
      err[0][j]  = PetscMax(err[0][j], en);
      if (k) {
        PetscReal h = t - ts[j][k - 1];

        err[1][j] += 0.5 * h * (prev[1] + cur[1]);
        err[2][j] += 0.5 * h * (prev[2] + cur[2]);
      }
      if (t >= 0.5 * T * (1 - 1e-12)) err[3][j] = PetscMax(err[3][j], ec);
      for (PetscInt q = 0; q < LIM_NORMS; q++) prev[q] = cur[q];
    }
    err[1][j] = PetscSqrtReal(err[1][j]);
    err[2][j] = PetscSqrtReal(err[2][j]);
    PetscCall(TSGetStepNumber(tsj, &steps[j]));
    steps_r[j]    = steps[j];
    dfin[j]       = dist[j][ns[j] - 1];
    layer_rate[j] = LayerRate(ns[j], ts[j], dist[j], eps_j);
    if (!test) PetscCall(PetscPrintf(comm, "  run %" PetscInt_FMT " of %" PetscInt_FMT ": eps = %g done, %" PetscInt_FMT " steps\n", j + 1, neps, (double)eps_j, steps[j]));
    PetscCall(VecDestroy(&U));
    PetscCall(ChemotaxisDestroy(&ct));
  }
  x = ids && coupling == LIM_COUPLING_LIST ? taus_r : eps;
  for (PetscInt q = 0; q < LIM_NORMS; q++) slope[q] = Slope(neps, x, err[q]);

  if (!test) {
    PetscCall(PetscPrintf(comm, "%s limit, -init %s (%s), tau %s, T = %g, %" PetscInt_FMT " uniform + %" PetscInt_FMT " per decade logarithmic samples from %g eps\n", ids ? "IDS (Keller-Segel)" : "PES", ChemotaxisInitialTypes[init],
                          initeps == CHEMOTAXIS_INITIAL_KS ? "on the Keller-Segel manifold" : (init == CHEMOTAXIS_INITIAL_WELL ? "on the tau-manifold" : "off the manifold"), ids ? Couplings[coupling] : "fixed", (double)T, K, P, (double)start));
    PetscCall(PetscPrintf(comm, "      eps       tau |"));
    for (PetscInt q = 0; q < LIM_NORMS; q++) PetscCall(PetscPrintf(comm, " %17s  ord |", NormTitles[q]));
    PetscCall(PetscPrintf(comm, "  steps  |c-Kn|(T)  lambda*eps  means err\n"));
    for (PetscInt j = 0; j < neps; j++) {
      PetscCall(PetscPrintf(comm, "%9.2e %9.2e |", (double)eps[j], (double)taus_r[j]));
      for (PetscInt q = 0; q < LIM_NORMS; q++) {
        if (j) PetscCall(PetscPrintf(comm, "       %.4e %5.2f |", (double)err[q][j], (double)(PetscLog10Real(err[q][j - 1] / err[q][j]) / PetscLog10Real(x[j - 1] / x[j]))));
        else PetscCall(PetscPrintf(comm, "       %.4e     - |", (double)err[q][j]));
      }
      if (layer_rate[j] > 0) PetscCall(PetscPrintf(comm, " %6" PetscInt_FMT "  %.3e  %9.5f  %.2e\n", steps[j], (double)dfin[j], (double)layer_rate[j], (double)meanerr[j]));
      else PetscCall(PetscPrintf(comm, " %6" PetscInt_FMT "  %.3e          -  %.2e\n", steps[j], (double)dfin[j], (double)meanerr[j]));
    }
    PetscCall(PetscPrintf(comm, "least-squares slopes in %s:", x == eps ? "eps" : "tau"));
    for (PetscInt q = 0; q < LIM_NORMS; q++) PetscCall(PetscPrintf(comm, " %s %.3f%s", NormTitles[q], (double)slope[q], q < LIM_NORMS - 1 ? "," : ""));
    PetscCall(PetscPrintf(comm, " (hypothesis for n Linf(L2): %.2f); steps eps_min / eps_max = %.2f\n", (double)expect, (double)(steps_r[neps - 1] / steps_r[0])));
  }
  {
    PetscReal mmax = 0, lmax = 0;

    for (PetscInt j = 0; j < neps; j++) {
      mmax = PetscMax(mmax, meanerr[j]);
      lmax = PetscMax(lmax, PetscAbsReal(layer_rate[j] - 1.0));
    }
    if (test) { /* the hypotheses are checked in -test mode; otherwise the slopes above are the result */
      PetscCall(TesseraVerdict(comm, (PetscBool)(PetscAbsReal(slope[0] - expect) <= etol), "%s %s data: n Linf(L2) slope within %g of %g", ids ? "IDS" : "PES", ChemotaxisInitialTypes[init], (double)etol, (double)expect));
      PetscCall(TesseraVerdict(comm, (PetscBool)(mmax <= mtol), "means of c, w at every sample (initial layer included) follow their exact ODEs to %g", (double)mtol));
      if (layer_expected) PetscCall(TesseraVerdict(comm, (PetscBool)(lmax <= ltol), "fitted initial-layer decay rate lambda eps within %g of 1 for every eps", (double)ltol));
    }
  }
  if (output[0]) {
    PetscReal eps_r[LIM_MAX];

    for (PetscInt j = 0; j < neps; j++) eps_r[j] = eps[j];
    PetscCall(TesseraIOOpen(comm, output, FILE_MODE_WRITE, "chemotaxis_limits", &viewer));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "eps", neps, eps_r));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "tau", neps, taus_r));
    for (PetscInt q = 0; q < LIM_NORMS; q++) {
      char name[64];

      PetscCall(TesseraIOWriteArray(viewer, "/table", NormNames[q], neps, err[q]));
      PetscCall(PetscSNPrintf(name, sizeof(name), "slope_%s", NormNames[q] + 4));
      PetscCall(TesseraIOWriteAttribute(viewer, "/table", name, PETSC_REAL, &slope[q]));
    }
    PetscCall(TesseraIOWriteArray(viewer, "/table", "steps", neps, steps_r));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "manifold_distance_T", neps, dfin));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "layer_rate_times_eps", neps, layer_rate));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "mean_error", neps, meanerr));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "mode", PETSC_STRING, ids ? "ids" : "pes"));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "init", PETSC_STRING, ChemotaxisInitialTypes[init]));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "coupling", PETSC_STRING, ids ? Couplings[coupling] : "fixed"));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "tau_limit", PETSC_REAL, &tauref));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "expected_order", PETSC_REAL, &expect));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "T", PETSC_REAL, &T));
    for (PetscInt j = 0; j < neps; j++) {
      char group[32];

      PetscCall(PetscSNPrintf(group, sizeof(group), "/layer/e%" PetscInt_FMT, j));
      PetscCall(TesseraIOWriteArray(viewer, group, "time", ns[j], ts[j]));
      PetscCall(TesseraIOWriteArray(viewer, group, "distance", ns[j], dist[j]));
      PetscCall(TesseraIOWriteAttribute(viewer, group, "eps", PETSC_REAL, &eps_r[j]));
    }
    PetscCall(TesseraIOClose(&viewer));
    if (!test) PetscCall(PetscPrintf(comm, "wrote %s\n", output));
  }
  for (PetscInt j = 0; j < neps; j++) {
    PetscCall(PetscFree(ts[j]));
    PetscCall(PetscFree(dist[j]));
  }
  PetscCall(PetscFree(tall));
  PetscCall(VecDestroyVecs(nall, &Uref));
  PetscCall(ChemotaxisDestroy(&ref));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(TesseraVerdictCheckAll(comm));
  PetscCall(PetscFinalize());
  return 0;
}
