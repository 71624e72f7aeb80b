#!/usr/bin/python3
"""Convergence of LV-HBA on the LLC toy and of BO-REP on the quadratic problem, against iterations and time.

Usage: fig_bilevel_convergence.py DATA_DIR OUT_DIR

Reads DATA_DIR/bilevel_toy_lvhba.h5 (required), and if present bilevel_toy_lvhba_fork.h5 (the authors' fork
parameters) and bilevel_quadratic_borep.h5, all written by `examples/bilevel -output FILE`. One row per problem (the
LLC toy with LV-HBA, the quadratic problem with BO-REP), three panels: relative x error (closed form) against
iterations and against wall time (the dotted line is the error 1e-3 of the benchmark), and the lower-level gap
(LV-HBA: f - v_gamma; BO-REP: the norm of the lower-level gradient) against iterations (exact zeros are not drawn). An oscillating curve is drawn thin and light,
with its moving geometric mean over the iterations i/1.1 to 1.1 i on top. Writes OUT_DIR/bilevel_convergence.png. Exit status
3 when the required input is missing.
"""
import pathlib
import sys

import h5py
import numpy as np

import tessera_fig  # noqa: F401  (selects the Agg backend)
import matplotlib.pyplot as plt  # noqa: E402

ROWS = [("LLC toy (LV-HBA paper), n = 100", r"lower-level gap $|f(x, y) - v_\gamma(x)|$", [("bilevel_toy_lvhba.h5", "LV-HBA, tessera defaults", "C0"),
                                             ("bilevel_toy_lvhba_fork.h5", "LV-HBA, authors' fork parameters", "C1")]),
        ("quadratic lower level (closed form)", r"lower-level gradient $\|\nabla_y f(x, y)\|$", [("bilevel_quadratic_borep.h5", "BO-REP, defaults", "C3")])]


def load(path):
    with h5py.File(path, "r") as f:
        h = f["history"]
        return {k: np.asarray(h[k]) for k in h.keys()}


def smooth(y):
    """Moving geometric mean of y over the iterations [i/q, i q] around each iteration i (q = 1.1, a window of constant
    width on a log axis), or None when y does not oscillate (median step between iterations below 0.05 decades)."""
    ly = np.log10(np.maximum(y, 1e-300))
    if len(y) <= 20 or np.median(np.abs(np.diff(ly))) <= 0.05:
        return None
    i = np.arange(1, len(y) + 1)
    lo = np.clip(np.floor(i / 1.1).astype(int) - 1, 0, len(y) - 1)
    hi = np.clip(np.ceil(i * 1.1).astype(int), 1, len(y))
    c = np.concatenate([[0.0], np.cumsum(ly)])
    return 10 ** ((c[hi] - c[lo]) / (hi - lo))


def draw(ax, x, y, color, label):
    ys = smooth(y)
    if ys is None:
        ax.loglog(x, y, color=color, label=label)
        return
    ax.loglog(x, y, color=color, lw=0.5, alpha=0.3)
    ax.loglog(x, ys, color=color, label=f"{label} (geometric mean over iterations i/1.1 to 1.1 i)")


def main():
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    if not (data / ROWS[0][2][0][0]).exists():
        return 3
    rows = [(t, g, [(n, l, c) for n, l, c in runs if (data / n).exists()]) for t, g, runs in ROWS]
    rows = [r for r in rows if r[2]]
    fig, axes = plt.subplots(len(rows), 3, figsize=(15, 4.2 * len(rows)), squeeze=False)
    for ax, (title, gaplabel, runs) in zip(axes, rows):
        for name, label, color in runs:
            h = load(data / name)
            err = h["xerr"]
            it = np.arange(1, len(err) + 1)
            draw(ax[0], it, err, color, label)
            draw(ax[1], h["time"][:len(err)] + 1e-6, err, color, label)
            gap = np.abs(h["gap"])
            keep = gap > 0
            draw(ax[2], np.arange(1, len(gap) + 1)[keep], gap[keep], color, label)
        ax[0].set(xlabel="iteration", ylabel=r"relative error $|x - x^*| / |x^*|$", title=f"{title}: error vs iterations")
        ax[1].set(xlabel="wall time (s)", ylabel=r"relative error $|x - x^*| / |x^*|$", title=f"{title}: error vs time")
        ax[2].set(xlabel="iteration", ylabel=gaplabel, title=f"{title}: lower level")
        for a in ax[:2]:
            a.axhline(1e-3, color="gray", ls=":", lw=1, label="error 1e-3")
        for a in ax:
            a.grid(True, which="both", alpha=0.3)
            a.legend(fontsize=8)
    fig.tight_layout()
    out.mkdir(parents=True, exist_ok=True)
    path = out / "bilevel_convergence.png"
    fig.savefig(path, dpi=110)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
