#!/usr/bin/python3
"""Test accuracy of LV-HBA and BO-REP against the grid-search baseline (SVM on heart_scale, hyper-cleaning on
breast_cancer_scale with 40 % flipped training labels).

Usage: fig_bilevel_accuracy.py DATA_DIR OUT_DIR

Reads DATA_DIR/bilevel_{svm,cleaning}_{lvhba,borep}_seed<S>.h5 (one file per data split, written by `examples/bilevel
-problem P -bilevel_type M -svm_seed S -output FILE`; a file without the _seed<S> suffix counts as one more split)
with root attributes test_accuracy and baseline_test_accuracy and /history/{test_accuracy,time}. Writes
  OUT_DIR/bilevel_accuracy.png       test accuracy, mean +- standard deviation over the splits (seeds), of LV-HBA, BO-REP
                                     and the grid-search baseline, with the number of seeds
  OUT_DIR/bilevel_accuracy_time.png  test accuracy against wall time: mean over the seeds, band +- one standard deviation
Exit status 3 when no input is present.
"""
import pathlib
import sys

import h5py
import numpy as np

import tessera_fig  # noqa: F401  (selects the Agg backend)
import matplotlib.pyplot as plt  # noqa: E402

PROBLEMS = [("svm", "SVM weights, heart_scale"), ("cleaning", "hyper-cleaning, breast cancer\n(40 % flipped labels)")]
METHODS = [("lvhba", "LV-HBA"), ("borep", "BO-REP")]


def load(data, p, m):
    runs = []
    for path in sorted(data.glob(f"bilevel_{p}_{m}_seed*.h5")) + sorted(data.glob(f"bilevel_{p}_{m}.h5")):
        with h5py.File(path, "r") as f:
            runs.append(dict(test=float(f.attrs["test_accuracy"]), base=float(f.attrs["baseline_test_accuracy"]),
                             hist=np.asarray(f["history/test_accuracy"]), time=np.asarray(f["history/time"])))
    return runs


def main():
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    found = {(p, m): load(data, p, m) for p, _ in PROBLEMS for m, _ in METHODS}
    found = {k: v for k, v in found.items() if v}
    if not found:
        return 3
    out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.26
    labelled = set()  # each method in the legend once, whichever problem it first appears in
    for i, (p, plabel) in enumerate(PROBLEMS):
        base = next(([r["base"] for r in runs] for (pp, _), runs in found.items() if pp == p), [])
        cols = [[r["test"] for r in found.get((p, m), [])] for m, _ in METHODS] + [base]
        for j, (vals, lab) in enumerate(zip(cols, [l for _, l in METHODS] + ["grid search (baseline)"])):
            if not vals:
                continue
            mean, std = float(np.mean(vals)), float(np.std(vals, ddof=1)) if len(vals) > 1 else 0.0
            x = i + (j - 1) * width
            ax.bar(x, mean, width, yerr=std if len(vals) > 1 else None, capsize=4, label=lab if lab not in labelled else None, color=f"C{j}")
            labelled.add(lab)
            ax.text(x, mean + std + 0.01, f"{mean:.3f}" + (f"\n±{std:.3f}" if len(vals) > 1 else ""), ha="center", fontsize=7)
    nseeds = sorted({len(v) for v in found.values()})
    ax.set_xticks(range(len(PROBLEMS)), [l for _, l in PROBLEMS])
    ax.set_ylim(0.5, 1.05)
    ax.set_ylabel("test accuracy")
    ax.set_title("test accuracy, mean ± std over " + "/".join(str(n) for n in nseeds) + " random splits (seeds)"
                 if nseeds != [1] else "test accuracy (one split)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    path = out / "bilevel_accuracy.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(path)
    fig, axs = plt.subplots(1, len(PROBLEMS), figsize=(11, 4))
    for i, (p, plabel) in enumerate(PROBLEMS):
        for j, (m, mlabel) in enumerate(METHODS):
            runs = found.get((p, m), [])
            if not runs:
                continue
            n = min(min(len(r["hist"]), len(r["time"])) for r in runs)
            acc = np.array([r["hist"][:n] for r in runs])
            t = np.median(np.array([r["time"][:n] for r in runs]), axis=0) + 1e-6
            mean = acc.mean(axis=0)
            axs[i].semilogx(t, mean, color=f"C{j}", label=f"{mlabel} (mean of {len(runs)})")
            if len(runs) > 1:
                std = acc.std(axis=0, ddof=1)
                axs[i].fill_between(t, mean - std, mean + std, color=f"C{j}", alpha=0.2)
        base = next(([r["base"] for r in runs] for (pp, _), runs in found.items() if pp == p), [])
        if base:
            axs[i].axhline(np.mean(base), color="C2", ls="--", label="grid search (mean)")
        axs[i].set(xlabel="wall time (s, median over seeds)", ylabel="test accuracy", title=plabel.replace("\n", " "))
        axs[i].legend(fontsize=8, loc="lower right")
        axs[i].grid(True, alpha=0.3)
    fig.tight_layout()
    path = out / "bilevel_accuracy_time.png"
    fig.savefig(path, dpi=120)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
