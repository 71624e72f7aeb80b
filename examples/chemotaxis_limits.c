static char help[] = "Measured convergence rates of the singular limits of indirect-signalling chemotaxis: PES (eps -> 0) and IDS ((eps, tau) -> 0).\n\n\
Options:\n\
  -lim_mode <pes>            pes: eps -> 0 with tau fixed (-chemotaxis_tau); ids: (eps, tau) -> 0 against the Keller-Segel limit\n\
  -lim_eps <1e-1,1e-2,1e-3,1e-4>  the eps sequence\n\
  -lim_tau <...>             the tau sequence for ids (default: tau = eps)\n\
  -lim_T <0.5>               final time T\n\
  -lim_samples <50>          number of sample times in (0, T] for the time norms\n\
  -lim_rtol <1e-8>           TS relative tolerance of every run (-lim_atol <1e-10> absolute)\n\
  -lim_expect <1 or 0.5>     expected order of the L^inf(0,T;L^2) error (default 1 well-prepared, 0.5 ill-prepared)\n\
  -lim_expect_tol <0.2>      allowed deviation of the fitted slope (checked in -test mode)\n\
  -init <well>            well- or ill-prepared initial signals; -problem, -cosine_nbar, ... choose n0\n\
  -chemotaxis_error_signals <1>      c, w under error control too (resolves the layer; 0: n only, the solver's default)\n\
  -output <file.h5>          HDF5 table (/table) and initial layers (/layer/eK/time, /layer/eK/distance)\n\
  -test                      print only tolerance-robust lines\n\
Model and grid options as in the chemotaxis example (-chemotaxis_dim, -da_grid_x, -chemotaxis_L, -chemotaxis_tau, ...).\n\n";

/*
   For each eps (and tau, IDS) the full system is solved on the same grid, with the same initial density n0 and tight
   time tolerances, and compared with the limit system solved by the same code with eps = 0 (PES: the index-1 DAE
   with tau; IDS: eps = tau = 0, the parabolic-elliptic Keller-Segel system). At sample times t_k = k T / K:
     E_inf = max_k || n_eps(t_k) - n(t_k) ||_{L^2},  E_H1 = ( sum_k dt (||e||^2 + ||grad e||^2) )^{1/2} (trapezoid),
   the distance to the critical manifold || c_eps - K_tau n_eps || at every accepted step (initial layer), and the
   accepted step counts. Observed orders: log(E_{j-1}/E_j) / log(eps_{j-1}/eps_j) and a least-squares slope.

   Hypotheses (spec chemotaxis.md section 3, derived, not confirmed against the paper): PES well-prepared O(eps),
   ill-prepared O(eps^{1/2}); IDS O(eps + tau) for well-prepared data.

   Reference: L. T. T. Bui, T. K. L. Huynh, B. Q. Tang, B.-N. Tran, Calc. Var. PDE (2025), arXiv:2508.01436.
*/
#include <tessera.h>

#define LIM_MAX 16

typedef struct {
  Chemotaxis ct;
  PetscInt   n, cap;
  PetscReal *t, *d;
} Layer;

static PetscErrorCode LayerMonitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  Layer    *ly = (Layer *)ptr;
  PetscReal dc;

  PetscFunctionBegin;
  if (ly->n && t <= ly->t[ly->n - 1]) PetscFunctionReturn(0); /* segments restart at the last time */
  PetscCall(ChemotaxisGetManifoldDistance(ly->ct, U, &dc, NULL));
  if (ly->n == ly->cap) {
    PetscReal *t, *d;

    ly->cap = 2 * ly->cap + 64;
    PetscCall(PetscMalloc2(ly->cap, &t, ly->cap, &d));
    if (ly->n) {
      PetscCall(PetscArraycpy(t, ly->t, ly->n));
      PetscCall(PetscArraycpy(d, ly->d, ly->n));
    }
    PetscCall(PetscFree2(ly->t, ly->d));
    ly->t = t;
    ly->d = d;
  }
  ly->t[ly->n]   = t;
  ly->d[ly->n++] = dc;
  PetscFunctionReturn(0);
}

/* Creates and sets up a solver; limit none uses (eps, tau) */
static PetscErrorCode CreateSolver(ChemotaxisLimit limit, PetscReal eps, PetscReal tau, PetscReal rtol, PetscReal atol, Chemotaxis *ct)
{
  TS        ts;
  PetscReal e0, t0;

  PetscFunctionBegin;
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, ct));
  /* the layer diagnostics need the signals resolved: control c, w too (-chemotaxis_error_signals 0: n only, the default) */
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

int main(int argc, char **argv)
{
  char                  output[PETSC_MAX_PATH_LEN] = "", mode[8] = "pes";
  ChemotaxisInitialType init = CHEMOTAXIS_INITIAL_WELL;
  ChemotaxisProblem     problem;
  PetscReal             eps[LIM_MAX] = {1e-1, 1e-2, 1e-3, 1e-4}, tau[LIM_MAX], T = 0.5, rtol = 1e-8, atol = 1e-10, expect = -1, etol = 0.2, tauref;
  PetscReal             einf[LIM_MAX], eh1[LIM_MAX], dfin[LIM_MAX], steps_r[LIM_MAX], taus_r[LIM_MAX], slope_inf, slope_h1, layer_rate[LIM_MAX];
  PetscInt              neps = LIM_MAX, ntau = LIM_MAX, K = 50, steps[LIM_MAX];
  PetscBool             test = PETSC_FALSE, ids, hastau, haseps;
  Chemotaxis            ref;
  Vec                  *Uref, U;
  Layer                 layer[LIM_MAX];
  PetscViewer           viewer = NULL;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscOptionsBegin(PETSC_COMM_WORLD, "", "Chemotaxis singular-limit rates", "");
  PetscCall(PetscOptionsString("-lim_mode", "pes or ids", "chemotaxis_limits.c", mode, mode, sizeof(mode), NULL));
  PetscCall(PetscOptionsRealArray("-lim_eps", "eps sequence", "chemotaxis_limits.c", eps, &neps, &haseps));
  if (!haseps) neps = 4;
  PetscCall(PetscOptionsRealArray("-lim_tau", "tau sequence (ids)", "chemotaxis_limits.c", tau, &ntau, &hastau));
  PetscCall(PetscOptionsReal("-lim_T", "Final time", "chemotaxis_limits.c", T, &T, NULL));
  PetscCall(PetscOptionsInt("-lim_samples", "Sample times", "chemotaxis_limits.c", K, &K, NULL));
  PetscCall(PetscOptionsReal("-lim_rtol", "TS relative tolerance", "chemotaxis_limits.c", rtol, &rtol, NULL));
  PetscCall(PetscOptionsReal("-lim_atol", "TS absolute tolerance", "chemotaxis_limits.c", atol, &atol, NULL));
  PetscCall(PetscOptionsReal("-lim_expect", "Expected order", "chemotaxis_limits.c", expect, &expect, NULL));
  PetscCall(PetscOptionsReal("-lim_expect_tol", "Allowed deviation of the slope", "chemotaxis_limits.c", etol, &etol, NULL));
  PetscCall(PetscOptionsEnum("-init", "Initial signals", "chemotaxis_limits.c", ChemotaxisInitialTypes, (PetscEnum)init, (PetscEnum *)&init, NULL));
  PetscCall(PetscOptionsString("-output", "HDF5 output", "chemotaxis_limits.c", output, output, sizeof(output), NULL));
  PetscCall(PetscOptionsBool("-test", "Tolerance-robust output", "chemotaxis_limits.c", test, &test, NULL));
  PetscOptionsEnd();
  PetscCall(PetscStrcmp(mode, "ids", &ids));
  if (!ids) {
    PetscBool pes;

    PetscCall(PetscStrcmp(mode, "pes", &pes));
    PetscCheck(pes, PETSC_COMM_WORLD, PETSC_ERR_ARG_WRONG, "-lim_mode must be pes or ids, not %s", mode);
  }
  PetscCheck(neps >= 2, PETSC_COMM_WORLD, PETSC_ERR_ARG_SIZ, "-lim_eps needs at least 2 values");
  PetscCheck(!hastau || ntau == neps, PETSC_COMM_WORLD, PETSC_ERR_ARG_SIZ, "-lim_tau needs as many values as -lim_eps");
  PetscCheck(K >= 1 && T > 0, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "Need -lim_samples >= 1 and -lim_T > 0");
  for (PetscInt j = 0; j < neps; j++) {
    PetscCheck(eps[j] > 0, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "-lim_eps values must be positive");
    if (!hastau) tau[j] = eps[j];
  }
  if (expect < 0) expect = init == CHEMOTAXIS_INITIAL_WELL ? 1.0 : 0.5;
  PetscCall(ChemotaxisProblemCreateFromOptions(PETSC_COMM_WORLD, "cosine", &problem));
  if (!problem) { /* -problem list */
    PetscCall(PetscFinalize());
    return 0;
  }

  /* the limit solution at the sample times */
  PetscCall(CreateSolver(ids ? CHEMOTAXIS_LIMIT_IDS : CHEMOTAXIS_LIMIT_PES, 0, -1, rtol, atol, &ref));
  PetscCall(ChemotaxisGetParameters(ref, NULL, &tauref));
  PetscCall(ChemotaxisCreateGlobalVector(ref, &U));
  PetscCall(VecDuplicateVecs(U, K + 1, &Uref));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ref, CHEMOTAXIS_INITIAL_WELL, Uref[0]));
  PetscCall(VecCopy(Uref[0], U));
  for (PetscInt k = 1; k <= K; k++) {
    TS ts;

    PetscCall(ChemotaxisGetTS(ref, &ts));
    PetscCall(TSSetMaxTime(ts, k * T / K));
    PetscCall(ChemotaxisSolve(ref, U));
    PetscCall(VecCopy(U, Uref[k]));
  }
  PetscCall(VecDestroy(&U));

  for (PetscInt j = 0; j < neps; j++) {
    Chemotaxis ct;
    TS         ts;
    PetscReal  e, g, prev = 0, eps_j, tau_j;

    PetscCall(CreateSolver(CHEMOTAXIS_LIMIT_NONE, eps[j], ids ? tau[j] : -1, rtol, atol, &ct));
    PetscCall(ChemotaxisGetParameters(ct, &eps_j, &tau_j));
    taus_r[j] = tau_j;
    PetscCall(ChemotaxisGetTS(ct, &ts));
    PetscCall(PetscMemzero(&layer[j], sizeof(Layer)));
    layer[j].ct = ct;
    PetscCall(TSMonitorSet(ts, LayerMonitor, &layer[j], NULL));
    PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
    PetscCall(ChemotaxisProblemSetInitialState(problem, ct, init, U));
    einf[j] = 0;
    eh1[j]  = 0;
    for (PetscInt k = 1; k <= K; k++) {
      PetscCall(TSSetMaxTime(ts, k * T / K));
      PetscCall(ChemotaxisSolve(ct, U));
      PetscCall(ChemotaxisComputeDifferenceNorms(ct, U, Uref[k], &e, &g));
      einf[j] = PetscMax(einf[j], e);
      eh1[j] += 0.5 * (T / K) * (prev + e * e + g * g);
      prev = e * e + g * g;
    }
    eh1[j] = PetscSqrtReal(eh1[j]);
    PetscCall(TSGetStepNumber(ts, &steps[j]));
    steps_r[j] = steps[j];
    PetscCall(ChemotaxisGetManifoldDistance(ct, U, &dfin[j], NULL));
    /* fitted decay rate of the manifold distance over the layer, t in [2 eps, 10 eps], in units of 1/eps: the slowest
       (mean) mode of c - K n relaxes as (t/eps) e^{-t/eps} (exact ODEs of the means), so fit log(d eps / t) */
    {
      PetscReal sx = 0, sy = 0, sxx = 0, sxy = 0;
      PetscInt  m = 0;

      for (PetscInt i = 0; i < layer[j].n; i++) {
        if (layer[j].t[i] < 2 * eps_j || layer[j].t[i] > 10 * eps_j || layer[j].d[i] <= 0) continue;
        sx += layer[j].t[i];
        sy += PetscLogReal(layer[j].d[i] * eps_j / layer[j].t[i]);
        sxx += layer[j].t[i] * layer[j].t[i];
        sxy += layer[j].t[i] * PetscLogReal(layer[j].d[i] * eps_j / layer[j].t[i]);
        m++;
      }
      layer_rate[j] = m >= 2 ? -eps_j * (m * sxy - sx * sy) / (m * sxx - sx * sx) : 0;
    }
    PetscCall(VecDestroy(&U));
    PetscCall(ChemotaxisDestroy(&ct));
  }
  slope_inf = Slope(neps, ids && hastau ? taus_r : eps, einf);
  slope_h1  = Slope(neps, ids && hastau ? taus_r : eps, eh1);

  if (!test) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s limit, %s-prepared data, tau = %g, T = %g, %" PetscInt_FMT " samples\n", ids ? "IDS (Keller-Segel)" : "PES", init == CHEMOTAXIS_INITIAL_WELL ? "well" : "ill", (double)tauref, (double)T, K));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "     eps       tau   Linf(L2) err  order   L2(H1) err  order   steps  |c-Kn|(T)  layer rate*eps\n"));
    for (PetscInt j = 0; j < neps; j++) {
      PetscReal r = j ? PetscLog10Real(eps[j - 1] / eps[j]) : 1;

      if (ids && hastau) r = j ? PetscLog10Real(taus_r[j - 1] / taus_r[j]) : 1;
      if (j)
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%9.2e %9.2e   %.4e   %5.2f   %.4e   %5.2f  %6" PetscInt_FMT "  %.3e  %6.3f\n", (double)eps[j], (double)taus_r[j], (double)einf[j], (double)(PetscLog10Real(einf[j - 1] / einf[j]) / r), (double)eh1[j],
                              (double)(PetscLog10Real(eh1[j - 1] / eh1[j]) / r), steps[j], (double)dfin[j], (double)layer_rate[j]));
      else PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%9.2e %9.2e   %.4e      -    %.4e      -   %6" PetscInt_FMT "  %.3e  %6.3f\n", (double)eps[j], (double)taus_r[j], (double)einf[j], (double)eh1[j], steps[j], (double)dfin[j], (double)layer_rate[j]));
    }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "least-squares slopes: Linf(L2) %.3f, L2(H1) %.3f (hypothesis %.2f); steps eps_min / eps_max = %.2f\n", (double)slope_inf, (double)slope_h1, (double)expect, (double)(steps_r[neps - 1] / steps_r[0])));
  } else {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s %s-prepared: Linf(L2) slope within %g of %g: %s\n", ids ? "IDS" : "PES", init == CHEMOTAXIS_INITIAL_WELL ? "well" : "ill", (double)etol, (double)expect,
                          PetscAbsReal(slope_inf - expect) <= etol ? "yes" : "no"));
    if (init == CHEMOTAXIS_INITIAL_ILL) {
      PetscBool ok = PETSC_TRUE;

      for (PetscInt j = 0; j < neps; j++) ok = (PetscBool)(ok && PetscAbsReal(layer_rate[j] - 1.0) <= 0.1);
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "initial-layer decay rate of |c - K n| within 10%% of 1/eps for every eps: %s\n", ok ? "yes" : "no"));
    }
  }
  if (output[0]) {
    const char *init_s = ChemotaxisInitialTypes[init];
    PetscReal   eps_r[LIM_MAX];

    for (PetscInt j = 0; j < neps; j++) eps_r[j] = eps[j];
    PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, output, FILE_MODE_WRITE, "chemotaxis_limits", &viewer));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "eps", neps, eps_r));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "tau", neps, taus_r));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "err_linf_l2", neps, einf));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "err_l2_h1", neps, eh1));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "steps", neps, steps_r));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "manifold_distance_T", neps, dfin));
    PetscCall(TesseraIOWriteArray(viewer, "/table", "layer_rate_times_eps", neps, layer_rate));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "mode", PETSC_STRING, ids ? "ids" : "pes"));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "init", PETSC_STRING, init_s));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "slope_linf_l2", PETSC_REAL, &slope_inf));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "slope_l2_h1", PETSC_REAL, &slope_h1));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "expected_order", PETSC_REAL, &expect));
    PetscCall(TesseraIOWriteAttribute(viewer, "/table", "T", PETSC_REAL, &T));
    for (PetscInt j = 0; j < neps; j++) {
      char group[32];

      PetscCall(PetscSNPrintf(group, sizeof(group), "/layer/e%" PetscInt_FMT, j));
      PetscCall(TesseraIOWriteArray(viewer, group, "time", layer[j].n, layer[j].t));
      PetscCall(TesseraIOWriteArray(viewer, group, "distance", layer[j].n, layer[j].d));
      PetscCall(TesseraIOWriteAttribute(viewer, group, "eps", PETSC_REAL, &eps_r[j]));
    }
    PetscCall(TesseraIOClose(&viewer));
    if (!test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "wrote %s\n", output));
  }
  for (PetscInt j = 0; j < neps; j++) PetscCall(PetscFree2(layer[j].t, layer[j].d));
  PetscCall(VecDestroyVecs(K + 1, &Uref));
  PetscCall(ChemotaxisDestroy(&ref));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(PetscFinalize());
  return 0;
}
