#!/usr/bin/python3
"""Uranium LDA total-energy error vs number of unknowns for several polynomial orders p.

Usage: fig_atom_convergence.py DATA_DIR OUT_DIR
Input: DATA_DIR/atom_convergence.h5, written by
  bench_atom -bench_sweep 0 -reference problems/atoms/nist_lda_reference.tsv -convergence_output atom_convergence.h5
Output: OUT_DIR/atom_convergence.png. Exit status 3 when the input is missing.
"""
import sys

import h5py
import tessera_fig
import matplotlib.pyplot as plt
import numpy as np


def main():
    out, src = tessera_fig.input_path("atom_convergence.h5")
    if src is None:
        return 3
    with h5py.File(src, "r") as f:
        z = int(np.ravel(f.attrs["z"])[0])
        g = f["convergence"]
        p, dofs, err = (np.ravel(g[k][()]) for k in ("p", "dofs", "error_total_energy"))
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for pp in np.unique(p):
        m = (p == pp) & (err > 0)
        ax.semilogy(dofs[m], err[m], "o-", ms=3, label=f"p = {int(pp)}")
    ax.axhline(1e-8, color="k", ls="--", lw=0.8, label="1e-8 Ha")
    ax.set_xlabel("number of unknowns (elements x p - 1)")
    ax.set_ylabel("|E_tot - reference| (Ha)")
    ax.set_title(f"Z = {z} Kohn-Sham LDA: total-energy error vs unknowns")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, ncol=2)
    tessera_fig.save(fig, out, "atom_convergence.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
