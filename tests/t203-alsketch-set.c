static char help[] = "Solves every registered problem with TAOALSKETCH and compares with the authors' iteration counts and TAOALMM.\n\
  -tsv <file>      : shared/data/eq_constrained_problems.tsv\n\
  -part <adaptive> : adaptive (every problem to KKT <= 1e-6 and f*; iterations at KKT <= 1e-4 vs the authors), paper\n\
                     (the authors' rule with GV sketches: iterations no worse than theirs), almm (TAOALMM)\n";

/*
   adaptive: default TAOALSKETCH (adaptive accuracy theta_t delta ||b||, theta_t = min(0.1, ||grad L||), continuation
     of the inner solve when the linear model error at the full step is below the inner residual, GMRES fallback after
     two consecutive cap hits; KSPSKETCH Gaussian inner solves). Every problem must reach a KKT residual <= 1e-6
     (computed independently with the problem's callbacks and the returned multipliers) and f within 1e-6 (relative,
     absolute below 1) of f*; at the authors' tolerance 1e-4 the outer iterations are compared with their GV counts:
     mean no larger than theirs and no worse on at least 34 of the 41 problems they solve.
   paper: the authors' accuracy rule, Jacobian guard 1e-2, gatol 1e-4, Gaussian-vector sketches with their cap 1e5:
     outer iterations no worse than the authors' GV count on every problem they solve, GOTTFR and PRICE4NE stopped by
     the guard. The same rule with exact (LU) inner solves is printed for comparison: BT9 then needs 13 (authors 12):
     the authors' capped sketch steps are inexact, and exact Newton steps take a different path there. Then the ratio
     of total sketch steps adaptive/paper on HS6, HS7, BT2.
   almm: TAOALMM (default bqnls subsolver, gatol = catol = 1e-6) on every problem in the same run: iterations, f, KKT
     residual with least-squares multipliers, and the ratio of outer iterations alsketch/almm.
*/
#include <tessera.h>
#include "alsketchtable.h"
#include "tesseratest.h"

typedef struct {
  PetscInt           its, sketchits;
  PetscReal          f, kkt, time;
  TaoConvergedReason reason;
} Result;

/* solve one problem; mode 0 adaptive/sketch, 1 paper/LU, 2 paper/sketch GV, 3 almm */
static PetscErrorCode SolveProblem(const char name[], PetscInt mode, PetscReal gatol, Result *res)
{
  NLPProblem     nlp;
  Tao            tao;
  Vec            x, lam;
  PetscInt       m;
  PetscLogDouble t0, t1;

  PetscFunctionBegin;
  PetscCall(NLPProblemCreate(PETSC_COMM_WORLD, name, &nlp));
  PetscCall(NLPProblemGetSizes(nlp, NULL, &m));
  PetscCall(NLPProblemCreateTao(nlp, mode == 3 ? TAOALMM : TAOALSKETCH, gatol, &tao));
  if (mode != 3) {
    KSP ksp;
    PC  pc;

    PetscCall(TaoALSketchGetKSP(tao, &ksp));
    if (mode == 1) {
      PetscCall(KSPSetType(ksp, KSPPREONLY));
      PetscCall(KSPGetPC(ksp, &pc));
      PetscCall(PCSetType(pc, PCLU));
      PetscCall(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS));
    }
    if (mode == 1 || mode == 2) {
      PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_accuracy", "paper"));
      PetscCall(PetscOptionsSetValue(NULL, "-tao_alsketch_jacobian_guard", "1e-2"));
    }
  }
  PetscCall(TaoSetFromOptions(tao));
  if (mode == 1 || mode == 2) {
    PetscCall(PetscOptionsClearValue(NULL, "-tao_alsketch_accuracy"));
    PetscCall(PetscOptionsClearValue(NULL, "-tao_alsketch_jacobian_guard"));
  }
  PetscCall(PetscTime(&t0));
  if (mode == 3) {
    PetscErrorCode ierr;

    /* TAOALMM's subsolver may stop with an error (Inf or NaN): record it as a failure of the peer */
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    ierr = TaoSolve(tao);
    PetscCall(PetscPopErrorHandler());
    if (ierr) PetscCall(TaoSetConvergedReason(tao, TAO_DIVERGED_NAN));
  } else PetscCall(TaoSolve(tao));
  PetscCall(PetscTime(&t1));
  res->time = t1 - t0;
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(TaoGetConvergedReason(tao, &res->reason));
  PetscCall(TaoGetIterationNumber(tao, &res->its));
  PetscCall(VecCreateMPI(PETSC_COMM_WORLD, PETSC_DECIDE, m, &lam));
  res->sketchits = 0;
  if (mode == 3) PetscCall(NLPProblemComputeLeastSquaresMultipliers(nlp, tao, x, lam));
  else {
    Vec DE, DI;

    PetscCall(TaoGetDualVariables(tao, &DE, &DI));
    PetscCall(VecCopy(DE, lam));
    PetscCall(TaoALSketchGetTotalSketchIterations(tao, &res->sketchits));
  }
  if (res->reason == TAO_DIVERGED_NAN) res->f = res->kkt = PETSC_INFINITY;
  else PetscCall(NLPProblemComputeKKT(nlp, tao, x, lam, &res->f, &res->kkt));
  PetscCall(VecDestroy(&lam));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscFunctionReturn(0);
}

static PetscReal FErr(PetscReal f, PetscReal fstar) { return PetscAbsReal(f - fstar) / PetscMax(1.0, PetscAbsReal(fstar)); }

int main(int argc, char **argv)
{
  char         tsv[PETSC_MAX_PATH_LEN] = "", part[32] = "adaptive";
  PetscInt     nprob, nrows                           = 0;
  const char **names;
  Row         *rows = NULL;
  PetscBool    is;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetString(NULL, NULL, "-tsv", tsv, sizeof(tsv), NULL));
  PetscCall(PetscOptionsGetString(NULL, NULL, "-part", part, sizeof(part), NULL));
  PetscCall(ReadTable(tsv, &rows, &nrows));
  PetscCall(NLPProblemGetNames(&nprob, &names));
  PetscCall(PetscStrcmp(part, "adaptive", &is));
  if (is) {
    PetscInt solved = 0, cnt = 0, noworse = 0, sum = 0, asum = 0;

    for (PetscInt p = 0; p < nprob; p++) {
      const Row *row = FindRow(rows, nrows, names[p]);
      Result     r, r4;
      PetscBool  ok;

      if (!row) continue; /* the PDE problem: t204 */
      PetscCall(SolveProblem(names[p], 0, 1e-6, &r));
      ok = (PetscBool)(r.reason > 0 && r.kkt <= 1e-6 && FErr(r.f, row->fstar) <= 1e-6);
      PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, ok, "%-11s KKT %.1e <= 1e-6 and f within 1e-6 of f* (%.1e) after %3" PetscInt_FMT " its (%8" PetscInt_FMT " inner steps), %s", names[p], (double)r.kkt, (double)FErr(r.f, row->fstar), r.its,
                                 r.sketchits, TaoConvergedReasons[r.reason]));
      solved += ok;
      if (row->gv >= 0) {
        /* the same default run to the authors' tolerance, against their table */
        PetscCall(SolveProblem(names[p], 0, 1e-4, &r4));
        cnt++;
        sum += r4.its;
        asum += row->gv;
        noworse += (r4.reason > 0 && r4.its <= row->gv) ? 1 : 0;
        PetscCall(PetscPrintf(PETSC_COMM_WORLD, "info %-11s at KKT <= 1e-4 %3" PetscInt_FMT " its vs authors GV %3" PetscInt_FMT " (counted below)\n", names[p], r4.its, row->gv));
      }
    }
    /* the default (adaptive) mode needs no more outer iterations than the authors on average and on most problems */
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(sum <= asum && noworse >= 34),
                               "adaptive at KKT <= 1e-4: mean %.2f outer iterations vs the authors' %.2f (GV), no worse on %" PetscInt_FMT " of %" PetscInt_FMT " (need mean <= theirs and >= 34)", (double)sum / PetscMax(cnt, 1),
                               (double)asum / PetscMax(cnt, 1), noworse, cnt));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "adaptive: %" PetscInt_FMT " problems solved to KKT <= 1e-6 and f*\n", solved));
  }
  PetscCall(PetscStrcmp(part, "paper", &is));
  if (is) {
    PetscInt   inset = 0, noworse = 0, guard = 0, sum = 0, asum = 0, cnt = 0, lusum = 0, luworse = 0;
    PetscReal  ratio;
    const char ratioprob[3][8] = {"HS6", "HS7", "BT2"};
    PetscInt   paperits[3]     = {0, 0, 0};

    for (PetscInt p = 0; p < nprob; p++) {
      const Row *row = FindRow(rows, nrows, names[p]);
      Result     r, rl;
      PetscBool  ok;

      if (!row || row->gv == -2) continue;
      inset++;
      /* the authors' method: their accuracy rule with Gaussian-vector sketches, cap 1e5 (their inner solves often end at
         the cap, so the steps are inexact); and the same rule with exact (LU) inner solves for comparison */
      PetscCall(SolveProblem(names[p], 2, 1e-4, &r));
      PetscCall(SolveProblem(names[p], 1, 1e-4, &rl));
      for (PetscInt k = 0; k < 3; k++) {
        PetscBool same;

        PetscCall(PetscStrcmp(names[p], ratioprob[k], &same));
        if (same) paperits[k] = r.sketchits;
      }
      if (row->gv == -1) {
        ok = (PetscBool)(r.reason == TAO_DIVERGED_USER && rl.reason == TAO_DIVERGED_USER);
        guard += ok;
        PetscCall(
            TesseraTestCheck(PETSC_COMM_WORLD, ok, "%-11s authors: stopped by the Jacobian guard; tessera paper mode too: %s after %" PetscInt_FMT " its (LU: %s)", names[p], TaoConvergedReasons[r.reason], r.its, TaoConvergedReasons[rl.reason]));
      } else {
        ok = (PetscBool)(r.reason > 0 && r.kkt <= 1e-4 && r.its <= row->gv);
        noworse += ok;
        sum += r.its;
        asum += row->gv;
        lusum += rl.its;
        luworse += (rl.reason <= 0 || rl.its > row->gv) ? 1 : 0;
        cnt++;
        PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, ok,
                                   "%-11s GV sketch: KKT %.1e <= 1e-4 in %3" PetscInt_FMT " outer iterations (%7" PetscInt_FMT " steps) <= authors GV %3" PetscInt_FMT " (RK %3" PetscInt_FMT "); exact LU inner solves %3" PetscInt_FMT, names[p],
                                   (double)r.kkt, r.its, r.sketchits, row->gv, row->rk, rl.its));
        PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(FErr(r.f, row->fstar) <= 1e-5), "%-11s GV sketch: f within 1e-5 of f* (%.1e)", names[p], (double)FErr(r.f, row->fstar)));
      }
    }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "paper: %" PetscInt_FMT " of the authors' problems implemented; GV sketch no worse than the authors on %" PetscInt_FMT " of %" PetscInt_FMT
                          ", mean %.2f outer iterations vs their %.2f; with exact LU inner solves mean %.2f, worse on %" PetscInt_FMT "; %" PetscInt_FMT " stopped by the Jacobian guard as theirs\n",
                          inset, noworse, cnt, (double)sum / PetscMax(cnt, 1), (double)asum / PetscMax(cnt, 1), (double)lusum / PetscMax(cnt, 1), luworse, guard));
    /* total sketch steps, adaptive versus paper (GV) */
    for (PetscInt k = 0; k < 3; k++) {
      Result ra;

      PetscCall(SolveProblem(ratioprob[k], 0, 1e-4, &ra));
      ratio = (PetscReal)ra.sketchits / PetscMax(paperits[k], 1);
      PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(ra.reason > 0 && ratio < 0.5), "%-4s GV sketch steps: paper %7" PetscInt_FMT ", adaptive %2" PetscInt_FMT " its %7" PetscInt_FMT " steps (%s), ratio %.3f < 0.5", ratioprob[k],
                                 paperits[k], ra.its, ra.sketchits, TaoConvergedReasons[ra.reason], (double)ratio));
    }
  }
  PetscCall(PetscStrcmp(part, "almm", &is));
  if (is) {
    PetscInt  conv = 0, total = 0, itsal = 0, itsalmm = 0;
    PetscReal tal = 0, talmm = 0;

    for (PetscInt p = 0; p < nprob; p++) {
      const Row *row = FindRow(rows, nrows, names[p]);
      Result     ra, rm;
      PetscBool  ishs47, ok;

      if (!row) continue;
      PetscCall(PetscStrcmp(names[p], "HS47", &ishs47));
      PetscCall(SolveProblem(names[p], 0, 1e-6, &ra));
      PetscCall(SolveProblem(names[p], 3, 1e-6, &rm));
      total++;
      ok = (rm.reason > 0 && rm.kkt <= 1e-4) ? PETSC_TRUE : PETSC_FALSE;
      conv += ok;
      if (ok) {
        itsal += ra.its;
        itsalmm += rm.its;
        tal += ra.time;
        talmm += rm.time;
      }
      {
        PetscBool ismw, agree;

        /* several local minima: MWRIGHT (24.9788, 1.2884) and HS47 (0 degenerate, -0.0267142 strict) */
        PetscCall(PetscStrcmp(names[p], "MWRIGHT", &ismw));
        ismw  = (PetscBool)(ismw || ishs47);
        agree = (PetscBool)(ra.kkt <= 1e-6 && (!ok || ismw || FErr(ra.f, rm.f) <= 1e-5));
        PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, agree, "%-11s alsketch KKT %.1e <= 1e-6 and f within 1e-5 of almm's where almm converged (%s)", names[p], (double)ra.kkt,
                                   !ok    ? "almm did not converge"
                                   : ismw ? "several local minima: f not compared"
                                          : "compared"));
      }
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "info %-11s alsketch %3" PetscInt_FMT " its KKT %.1e f %-12.6g | almm %-22s %4" PetscInt_FMT " its KKT %.1e f %-12.6g\n", names[p], ra.its, (double)ra.kkt, (double)ra.f, TaoConvergedReasons[rm.reason],
                            rm.its, (double)rm.kkt, (double)rm.f));
    }
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "almm: %" PetscInt_FMT "/%" PetscInt_FMT " converged (KKT <= 1e-4 with least-squares multipliers); on those, outer iterations alsketch %" PetscInt_FMT " vs almm %" PetscInt_FMT " (ratio %.2f), time ratio %.2f\n", conv,
                          total, itsal, itsalmm, (double)itsal / PetscMax(itsalmm, 1), (double)(tal / PetscMax(talmm, 1e-12))));
  }
  PetscCall(PetscFree(names));
  PetscCall(PetscFree(rows));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
