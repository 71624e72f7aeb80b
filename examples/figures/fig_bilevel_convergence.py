#!/usr/bin/python3
"""Convergence of LV-HBA on the LLC toy and of BO-REP on the quadratic problem, against iterations and time.

Usage: fig_bilevel_convergence.py DATA_DIR OUT_DIR

Reads DATA_DIR/bilevel_toy_lvhba.h5 (required), and if present bilevel_toy_lvhba_fork.h5 (the authors' fork
parameters) and bilevel_quadratic_borep.h5, all written by `examples/bilevel -output FILE`. Plots the relative x error
(closed form) and the lower-level gap against iterations and wall time. Writes OUT_DIR/bilevel_convergence.png.
Exit status 3 when the required input is missing.
"""
import pathlib
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def load(path):
    with h5py.File(path, "r") as f:
        h = f["history"]
        return {k: np.asarray(h[k]) for k in h.keys()}


def main():
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    runs = [("bilevel_toy_lvhba.h5", "LV-HBA, tessera defaults (toy)"),
            ("bilevel_toy_lvhba_fork.h5", "LV-HBA, authors' fork parameters (toy)"),
            ("bilevel_quadratic_borep.h5", "BO-REP, defaults (quadratic)")]
    if not (data / runs[0][0]).exists():
        return 3
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.2))
    for name, label in runs:
        if not (data / name).exists():
            continue
        h = load(data / name)
        it = np.arange(1, len(h["xerr"]) + 1)
        ax[0].loglog(it, h["xerr"], label=label)
        ax[1].loglog(h["time"][:len(h["xerr"])] + 1e-6, h["xerr"], label=label)
        ax[2].loglog(np.arange(1, len(h["gap"]) + 1), np.abs(h["gap"]) + 1e-16, label=label)
    ax[0].set(xlabel="iteration", ylabel="relative error |x - x*| / |x*|", title="error vs iterations")
    ax[1].set(xlabel="wall time (s)", ylabel="relative error", title="error vs time")
    ax[2].set(xlabel="iteration", ylabel="|lower-level gap|", title="lower-level gap")
    for a in ax:
        a.axhline(1e-3, color="gray", ls=":", lw=1)
        a.grid(True, which="both", alpha=0.3)
    ax[0].legend(fontsize=8)
    fig.tight_layout()
    out.mkdir(parents=True, exist_ok=True)
    path = out / "bilevel_convergence.png"
    fig.savefig(path, dpi=120)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
