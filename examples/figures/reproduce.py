#!/usr/bin/python3
"""Run tessera's examples that feed the figures, then draw the figures.

Usage: /usr/bin/python3 examples/figures/reproduce.py [--demo] [--build BUILD_DIR] [--only FAMILIES] [--list] OUT_DIR

Without --demo: every figure input at the settings of the papers' figures (the list below, about 60 runs), written
as HDF5 into OUT_DIR, then every figure (make_all.py OUT_DIR OUT_DIR). With --demo: one short real case per family
(what `sh .ci/quickstart demo` runs), each reported in one line with its headline number against a reference, then
one figure per paper and a summary table. Each run prints a progress line when it starts and its wall time when it
ends; a failing run stops the script with its output and exit status.

BUILD_DIR (default: build) holds the examples as BUILD_DIR/examples/NAME, as `cmake --build BUILD_DIR` leaves them;
the data files the examples read are found by the library (share/tessera of the install, or build/share/tessera).
"""
import argparse
import os
import pathlib
import subprocess
import sys
import time

import h5py
import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
SRC = HERE.parent.parent
NIST = SRC / "problems" / "atoms" / "nist_lda_reference.tsv"
NIST_RLDA = SRC / "problems" / "atoms" / "nist_rlda_reference.tsv"
FORK = ["-bilevel_lvhba_alpha", "0.002", "-bilevel_lvhba_beta", "0.002", "-bilevel_lvhba_eta", "0.03", "-bilevel_lvhba_eta_lambda",
        "0.03", "-bilevel_lvhba_gamma1", "10", "-bilevel_lvhba_gamma2", "10", "-bilevel_lvhba_c", "1", "-bilevel_lvhba_p", "0.3",
        "-bilevel_lvhba_r", "1", "-bilevel_lvhba_c_increase", "1", "-bilevel_atol", "0", "-bilevel_rtol", "0", "-bilevel_gap_atol",
        "0", "-bilevel_gap_rtol", "0", "-bilevel_max_it", "30000"]
SEEDS = range(1, 11)


def attr(f, name, group="/"):
    v = f[group].attrs[name]
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, np.ndarray) and v.size == 1:
        return v.item()
    return v


class Run:
    """One example run: family, what it solves, program and arguments, output file, optional headline. budget: a run
    that is meant to stop at its iteration budget (the papers' protocols), where the example says "did not converge"
    and exits with status 1 after writing its output."""

    def __init__(self, family, what, exe, args, output, headline=None, outopt="-output", budget=False):
        self.family, self.what, self.exe, self.args, self.output, self.headline = family, what, exe, args, output, headline
        self.outopt, self.budget = outopt, budget


# --- headline numbers of the demo: (case, number, reference) from the HDF5 output of a run ---------------------------

def hl_alsketch(out):
    def one(g):
        with h5py.File(out / f"alsketch_HS7_theta{g}.h5") as f:
            return attr(f, "iterations"), attr(f, "kkt_residual"), attr(f, "f"), attr(f, "f_star")
    i0, k0, _, _ = one(0)
    i1, k1, fv, fs = one(1)
    return ("HS7 (CUTEst), fixed theta vs theta -> 0",
            f"{i0} vs {i1} outer its to KKT {max(k0, k1):.0e}; |f - f*| = {abs(fv - fs):.1e}",
            f"f* = {fs:.10f} (CUTEst table)")


def hl_atom_u(h5, table, col, label, refname):
    """U's total energy from an atom run against the converged value of a NIST table (column col of its Etot row)."""
    def h(out):
        with h5py.File(out / h5) as f:
            e = attr(f, "total_energy")
        row = next(c for c in (ln.split("\t") for ln in table.read_text().splitlines() if not ln.startswith("#"))
                   if len(c) > col and c[0] == "92" and c[2] == "Etot")
        ref = float(row[col])
        return (label, f"E_tot = {e:.8f} Ha, |diff| {abs(e - ref):.1e} Ha", f"converged {ref:.8f} Ha ({refname(row)})")
    return h


hl_atom = hl_atom_u("atom_U.h5", NIST, 7, "U (Z = 92) Kohn-Sham LDA", lambda row: f"NIST SRD 141: {row[8]}")
hl_atom_rlda = hl_atom_u("atom_U_rlda.h5", NIST_RLDA, 9, "U (Z = 92) Dirac-Kohn-Sham RLDA", lambda row: "NIST SRD 141 RLDA")


def hl_recon(out):
    with h5py.File(out / "dynamic_ct.h5") as f:
        p, s = f["table/psnr"][()], f["table/ssim"][()]
    return ("RED-PSM, dynamic CT 64^2 x 64 frames, 1 view/frame",
            f"RED-PSM {p[0]:.1f} dB, SSIM {s[0]:.3f}",
            f"PSM (no RED) {p[1]:.1f} dB, SSIM {s[1]:.3f}; same data")


def hl_atom_table(out):
    with h5py.File(out / "atom_table.h5") as f:
        return (f"Z = {attr(f, 'z_min')}..{attr(f, 'z_max')} sweep vs NIST",
                f"worst |dE_tot| = {attr(f, 'worst_error'):.1e} Ha (Z = {attr(f, 'worst_error_z')})",
                "NIST SRD 141 (6 decimals)")


def hl_chemotaxis(out):
    with h5py.File(out / "chemotaxis_limits_pes_well.h5") as f:
        return ("PES limit eps -> 0, 1-D, well-prepared",
                f"rate {attr(f, 'slope_n_linf_l2', '/table'):.2f} (n, Linf L2), {attr(f, 'slope_n_l2_h1semi', '/table'):.2f} (n, L2 H1)",
                f"theory: order {attr(f, 'expected_order', '/table'):g} (Bui et al. 2025)")


def hl_bilevel_toy(out):
    with h5py.File(out / "bilevel_toy_lvhba.h5") as f:
        return ("LV-HBA, LLC toy (n = 100)", f"|x - x*|/|x*| = {attr(f, 'xerr'):.1e}", "closed form x* = -0.3")


def hl_bilevel_learn(problem, method, label):
    def h(out):
        with h5py.File(out / f"bilevel_{problem}_{method}_seed1.h5") as f:
            return (label, f"test accuracy {attr(f, 'test_accuracy'):.3f}", f"grid search {attr(f, 'baseline_test_accuracy'):.3f}")
    return h


def hl_imaging(out):
    with h5py.File(out / "bench_imaging.h5") as f:
        keys = [k for k in f.attrs if k.startswith("psnr_") and k != "psnr_noisy"]
        best = max(keys, key=lambda k: attr(f, k))
        return ("phantom, Radon, FBP, denoisers",
                f"FBP {attr(f, 'fbp_psnr'):.1f} dB; best denoiser {best[5:]} {attr(f, best):.1f} dB; Radon {attr(f, 'radon_speedup'):.0f}x",
                f"noisy {attr(f, 'psnr_noisy'):.1f} dB; speed-up vs scikit-image (CPU)")


def runs(demo):
    """The runs of the demo, or those of the papers' figures."""
    r = []
    lim = ["-chemotaxis_dim", "1", "-da_grid_x", "64", "-cosine_nbar", "20", "-chemotaxis_tau", "1"]
    if demo:
        for g in (0, 1):
            r.append(Run("alsketch", f"HS7, theta_power {g}", "nlp", ["-problem", "HS7", "-tao_gatol", "1e-10", "-tao_alsketch_theta", "0.5",
                                                                    "-tao_alsketch_theta_power", str(g), "-tao_alsketch_extend", "0"],
                         f"alsketch_HS7_theta{g}.h5", hl_alsketch if g else None))
        r.append(Run("atom", "U (Z = 92) LDA", "atom", ["-atom_z", "92", "-reference", str(NIST)], "atom_U.h5", hl_atom))
        r.append(Run("atom", "U (Z = 92) relativistic LDA", "atom", ["-problem", "nist_rlda", "-atom_model", "dirac", "-atom_z", "92"],
                     "atom_U_rlda.h5", hl_atom_rlda))
        r.append(Run("atom", "Z = 1..92 sweep", "atom_table", ["-reference", str(NIST)], "atom_table.h5", hl_atom_table))
        r.append(Run("chemotaxis", "PES limit rate study", "chemotaxis_limits", lim + ["-init", "well", "-lim_samples", "20", "-lim_eps", "1e-1,1e-2,1e-3"],
                     "chemotaxis_limits_pes_well.h5", hl_chemotaxis))
        r.append(Run("bilevel", "LV-HBA on the LLC toy", "bilevel", ["-problem", "toy"], "bilevel_toy_lvhba.h5", hl_bilevel_toy))
        for p, m, label in (("svm", "lvhba", "LV-HBA, SVM weights, heart_scale"), ("cleaning", "borep", "BO-REP, hyper-cleaning, breast cancer")):
            r.append(Run("bilevel", label, "bilevel", ["-problem", p, "-bilevel_type", m, "-bilevel_max_it", "2000", "-svm_seed", "1"],
                         f"bilevel_{p}_{m}_seed1.h5", hl_bilevel_learn(p, m, label), budget=True))
        r.append(Run("imaging", "phantom, Radon, FBP, denoisers", "bench_imaging", ["-n", "128", "-angles", "128", "-frames", "2", "-reps", "3",
                                                                                  "-sk_reps", "1", "-phantom_supersample", "4"],
                     "bench_imaging.h5", hl_imaging))
        r.append(Run("imaging", "RED-PSM dynamic CT", "dynamic_ct", ["-n", "64", "-frames", "64", "-recon_max_it", "10", "-methods", "redpsm,psm"],
                     "dynamic_ct.h5", hl_recon))
        return r
    for prob in ("HS7", "BT2", "HS6"):
        for g in (0, 1):
            r.append(Run("alsketch", f"{prob}, theta_power {g} (Fig.: KKT residual vs iteration)", "nlp",
                         ["-problem", prob, "-tao_gatol", "1e-10", "-tao_alsketch_theta", "0.5", "-tao_alsketch_theta_power", str(g),
                          "-tao_alsketch_extend", "0"], f"alsketch_{prob}_theta{g}.h5"))
    for d in ("heart_scale", "breast_cancer_scale", "spam_scale"):
        r.append(Run("alsketch", f"constrained logistic regression, {d} (Fig.: KKT residual and f vs iteration)", "logreg",
                     ["-logreg_data", d, "-tao_gatol", "1e-8"], f"logreg_{d}.h5"))
    for n in (63, 255):
        r.append(Run("alsketch", f"semilinear elliptic control, N = {n} (Fig.: state, control, target, convergence)", "pde_control",
                     ["-control_n", str(n), "-tao_gatol", "1e-8"], f"pde_control_{n}.h5"))
    r.append(Run("atom", "U LDA and RLDA: error and time vs p and elements", "bench_atom", ["-bench_sweep", "0", "-bench_repeat", "3"],
                 "atom_convergence.h5", outopt="-convergence_output"))
    r.append(Run("atom", "Z = 1..92 vs NIST", "atom_table", ["-reference", str(NIST)], "atom_table.h5"))
    r.append(Run("atom", "Z = 1..92 relativistic LDA vs NIST", "atom_table", ["-atom_model", "dirac", "-reference", str(NIST_RLDA)], "rlda_table.h5"))
    r.append(Run("chemotaxis", "PES limit, well-prepared", "chemotaxis_limits", lim + ["-init", "well"], "chemotaxis_limits_pes_well.h5"))
    r.append(Run("chemotaxis", "PES limit, ill-prepared", "chemotaxis_limits", lim + ["-init", "ill"], "chemotaxis_limits_pes_ill.h5"))
    r.append(Run("chemotaxis", "IDS limit, well-prepared", "chemotaxis_limits", ["-lim_mode", "ids", "-chemotaxis_dim", "1", "-da_grid_x", "64", "-cosine_nbar", "5"],
                 "chemotaxis_limits_ids_well.h5"))
    r.append(Run("bilevel", "LV-HBA, LLC toy, tessera defaults", "bilevel", ["-problem", "toy"], "bilevel_toy_lvhba.h5"))
    r.append(Run("bilevel", "LV-HBA, LLC toy, authors' fork parameters", "bilevel", ["-problem", "toy"] + FORK, "bilevel_toy_lvhba_fork.h5", budget=True))
    r.append(Run("bilevel", "BO-REP, quadratic", "bilevel", ["-problem", "quadratic", "-bilevel_type", "borep"], "bilevel_quadratic_borep.h5"))
    for p in ("svm", "cleaning"):
        for m in ("lvhba", "borep"):
            for s in SEEDS:
                r.append(Run("bilevel", f"{m}, {p}, seed {s}", "bilevel", ["-problem", p, "-bilevel_type", m, "-bilevel_max_it", "2000", "-svm_seed", str(s)],
                             f"bilevel_{p}_{m}_seed{s}.h5", budget=True))
    r.append(Run("imaging", "Radon, FBP and denoisers (128^2, 256 angles)", "bench_imaging", ["-phantom_supersample", "4"], "bench_imaging.h5"))
    r.append(Run("imaging", "RED-PSM and baselines, the authors' P = 256 setting (128^2, 256 frames)", "dynamic_ct",
                 ["-methods", "redpsm,adam,psm,fbp,tv"], "dynamic_ct.h5"))
    r.append(Run("imaging", "RED-PSM and baselines on the exactly-low-rank object (128^2, 256 frames)", "dynamic_ct",
                 ["-problem", "lowrank", "-methods", "redpsm,adam,psm,fbp,tv"], "dynamic_ct_lowrank.h5"))
    r.append(Run("gray-scott", "Gray-Scott 128^2 to t = 2000", "rd", ["-da_grid_x", "128", "-da_grid_y", "128", "-ts_max_time", "2000"], "rd.h5"))
    return r


def execute(run, build, out, k, n):
    exe = build / "examples" / run.exe
    cmd = [str(exe)] + run.args + [run.outopt, str(out / run.output)]
    print(f"[{k:2d}/{n}] {run.family:10s} {run.what} ...", flush=True)
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=out)  # side files stay in OUT
    wall = time.time() - t0
    if run.budget and p.returncode == 1 and "did not converge" in p.stdout and (out / run.output).exists():
        print("  stopped at its iteration budget (the protocol of this run)", flush=True)
    elif p.returncode != 0:
        print(p.stdout)
        print(f"FAILED (exit {p.returncode}): {' '.join(cmd)}")
        sys.exit(p.returncode or 1)
    return wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--demo", action="store_true", help="one short case per family, headline numbers, summary table")
    ap.add_argument("--build", type=pathlib.Path, default=pathlib.Path("build"))
    ap.add_argument("--only", default="", help="comma-separated families to run (alsketch, atom, chemotaxis, bilevel, imaging, "
                    "gray-scott); the figures are then drawn from every input present in OUT_DIR")
    ap.add_argument("--list", action="store_true", help="print the runs (family, what, command) and exit")
    a = ap.parse_args()
    out, build = a.out.resolve(), a.build.resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("OMPI_MCA_pml", "ob1")
    todo = runs(a.demo)
    if a.only:
        fams = set(a.only.split(","))
        unknown = fams - {r.family for r in todo}
        if unknown:
            sys.exit(f"reproduce.py: --only {a.only}: no runs of {', '.join(sorted(unknown))}")
        todo = [r for r in todo if r.family in fams]
    if a.list:
        for k, run in enumerate(todo, 1):
            print(f"[{k:2d}/{len(todo)}] {run.family:10s} {run.what}: {run.exe} {' '.join(run.args)} {run.outopt} {run.output}")
        return 0
    rows, t_all = [], time.time()
    for k, run in enumerate(todo, 1):
        wall = execute(run, build, out, k, len(todo))
        if run.headline:
            case, number, ref = run.headline(out)
            print(f"        {run.family}: {case}: {number} (reference: {ref}), {wall:.1f} s", flush=True)
            rows.append((run.family, case, number, ref, "bilevel_accuracy.png" if "accuracy" in number else "recon_psnr.png" if "RED-PSM" in case else None))
        else:
            print(f"        done in {wall:.1f} s", flush=True)
    t_runs = time.time() - t_all
    scripts = ["fig_alsketch.py", "fig_atom_table.py", "fig_chemotaxis_limits.py", "fig_bilevel_convergence.py",
               "fig_bilevel_accuracy.py", "fig_imaging.py", "fig_recon.py"] if a.demo else sorted(p.name for p in HERE.glob("fig_*.py"))
    print(f"all {len(todo)} runs in {t_runs:.0f} s; drawing the figures", flush=True)
    p = subprocess.run([sys.executable, str(HERE / "make_all.py"), str(out), str(out)] + scripts, stdout=subprocess.PIPE, text=True)
    print(p.stdout, end="")
    if p.returncode != 0:
        sys.exit(p.returncode)
    pngs = [ln.strip() for ln in p.stdout.splitlines() if ln.strip().endswith(".png")]
    if a.demo:
        figs = {"alsketch": "fig_alsketch.png", "atom": "atom_table_errors.png", "chemotaxis": "chemotaxis_limits_rates.png",
                "bilevel": "bilevel_convergence.png", "imaging": "imaging_radon.png"}
        w = [10, 44, 58, 44]
        print("\nsummary")
        print(f"{'family':{w[0]}} {'case':{w[1]}} {'result':{w[2]}} {'reference':{w[3]}} figure")
        for fam, case, number, ref, fig in rows:
            print(f"{fam:{w[0]}} {case:{w[1]}} {number:{w[2]}} {ref:{w[3]}} {out / (fig or figs[fam])}")
    print(f"{len(pngs)} PNG files in {out}; total {time.time() - t_all:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
