#!/usr/bin/python3
"""Constrained logistic regression (problem logreg) solved by TAOALSKETCH: KKT residual and objective per iteration.

Usage: fig_logreg.py DATA_DIR OUT_DIR

Reads DATA_DIR/logreg_<DATA>.h5 written by
    examples/logreg -logreg_data <DATA> -tao_gatol 1e-8 -output logreg_<DATA>.h5
(DATA = heart_scale, breast_cancer_scale, spam_scale: the LIBSVM files in share/tessera) and draws, one curve per data
set, the KKT residual ||(grad_x L, c)|| (left) and the objective f (right) against the outer iteration; the legend
gives N x d, the number of random constraints and the training accuracy of the solution. Writes OUT_DIR/fig_logreg.png
and prints its path; exits with status 3 when no input exists.
"""
import pathlib
import re
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402


def main():
    data = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else data)
    runs = []
    for path in sorted(data.glob("logreg_*.h5")):
        m = re.match(r"logreg_(.+)\.h5$", path.name)
        with h5py.File(path, "r") as f:
            if "history" not in f or "kkt_residual" not in f["history"] or "logreg_samples" not in f.attrs:
                continue
            a = f.attrs
            label = "%s (%d x %d, %d constraints + sphere): accuracy %.3f" % (m.group(1), a["logreg_samples"], f["solution"]["x"].shape[0],
                                                                            a["logreg_constraints"], a["logreg_training_accuracy"])
            runs.append((label, f["history"]["kkt_residual"][:], f["history"]["f"][:]))
    if not runs:
        return 3
    out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(1, 2, figsize=(12, 4.2))
    for label, kkt, fval in runs:
        ax[0].semilogy(range(len(kkt)), kkt, "o-", label=label)
        ax[1].plot(range(len(fval)), fval, "o-", label=label)
    ax[0].set_ylabel(r"KKT residual $\|(\nabla_x L, c)\|$")
    ax[1].set_ylabel(r"$f(x) = \frac{1}{N}\sum_i \log(1 + e^{-y_i z_i^T x})$")
    ax[1].set_yscale("log")
    for a in ax:
        a.set_xlabel("outer iteration")
        a.grid(True, which="both", alpha=0.3)
        a.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax[0].legend(fontsize=7)
    fig.suptitle(r"constrained logistic regression: $A x = b$ (Gaussian), $\|x\|^2 = 1$; TAOALSKETCH")
    fig.tight_layout()
    png = out / "fig_logreg.png"
    fig.savefig(png, dpi=110)
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
