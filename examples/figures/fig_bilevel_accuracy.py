#!/usr/bin/python3
"""Test accuracy of LV-HBA and BO-REP against the grid-search baseline (SVM on heart_scale, hyper-cleaning on
breast_cancer_scale with 40 % flipped training labels).

Usage: fig_bilevel_accuracy.py DATA_DIR OUT_DIR

Reads DATA_DIR/bilevel_{svm,cleaning}_{lvhba,borep}.h5 written by `examples/bilevel -problem P -bilevel_type M
-output FILE` (root attributes test_accuracy, baseline_test_accuracy; /history/test_accuracy, /history/time).
Writes OUT_DIR/bilevel_accuracy.png (bars) and OUT_DIR/bilevel_accuracy_time.png (test accuracy against time).
Exit status 3 when no input is present.
"""
import pathlib
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

PROBLEMS = [("svm", "SVM, heart_scale"), ("cleaning", "hyper-cleaning, breast cancer")]
METHODS = [("lvhba", "LV-HBA"), ("borep", "BO-REP")]


def main():
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    found = {}
    for p, _ in PROBLEMS:
        for m, _ in METHODS:
            path = data / f"bilevel_{p}_{m}.h5"
            if path.exists():
                with h5py.File(path, "r") as f:
                    found[(p, m)] = dict(test=float(f.attrs["test_accuracy"]), base=float(f.attrs["baseline_test_accuracy"]),
                                         hist=np.asarray(f["history/test_accuracy"]), time=np.asarray(f["history/time"]))
    if not found:
        return 3
    out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(7, 4))
    width = 0.25
    for i, (p, plabel) in enumerate(PROBLEMS):
        base = next((v["base"] for (pp, _), v in found.items() if pp == p), None)
        bars = [(found[(p, m)]["test"] if (p, m) in found else np.nan) for m, _ in METHODS] + [base if base is not None else np.nan]
        for j, (v, lab) in enumerate(zip(bars, [l for _, l in METHODS] + ["grid search"])):
            ax.bar(i + (j - 1) * width, v, width, label=lab if i == 0 else None, color=f"C{j}")
            if np.isfinite(v):
                ax.text(i + (j - 1) * width, v + 0.005, f"{v:.3f}", ha="center", fontsize=8)
    ax.set_xticks(range(len(PROBLEMS)), [l for _, l in PROBLEMS])
    ax.set_ylim(0.5, 1.0)
    ax.set_ylabel("test accuracy")
    ax.legend(loc="upper left", ncol=3, fontsize=8)
    fig.tight_layout()
    path = out / "bilevel_accuracy.png"
    fig.savefig(path, dpi=120)
    print(path)
    fig, ax = plt.subplots(1, len(PROBLEMS), figsize=(11, 4))
    for i, (p, plabel) in enumerate(PROBLEMS):
        for j, (m, mlabel) in enumerate(METHODS):
            if (p, m) in found:
                v = found[(p, m)]
                n = min(len(v["hist"]), len(v["time"]))
                ax[i].semilogx(v["time"][:n] + 1e-6, v["hist"][:n], label=mlabel, color=f"C{j}")
                ax[i].axhline(v["base"], color="C2", ls="--", label="grid search" if j == 0 else None)
        ax[i].set(xlabel="wall time (s)", ylabel="test accuracy", title=plabel)
        ax[i].legend(fontsize=8)
        ax[i].grid(True, alpha=0.3)
    fig.tight_layout()
    path = out / "bilevel_accuracy_time.png"
    fig.savefig(path, dpi=120)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
