#!/usr/bin/python3
"""Error of the Kohn-Sham LDA (and Dirac-Kohn-Sham RLDA) total energy and eigenvalues vs Z over the NIST tables,
and SCF iterations.

Usage: fig_atom_table.py DATA_DIR OUT_DIR
Input: DATA_DIR/atom_table.h5 and/or DATA_DIR/rlda_table.h5, written by
  atom_table -reference problems/atoms/nist_lda_reference.tsv -output atom_table.h5
  atom_table -atom_model dirac -reference problems/atoms/nist_rlda_reference.tsv -output rlda_table.h5
Output: OUT_DIR/atom_table_errors.png, OUT_DIR/rlda_table_errors.png. Exit status 3 when both inputs are missing.
"""
import sys

import h5py
import tessera_fig
import matplotlib.pyplot as plt
import numpy as np


def table_figure(src, out, title, png):
    with h5py.File(src, "r") as f:
        t = f["table"]
        z, de, dv, dn, its = (np.ravel(t[k][()]) for k in ("z", "error_total_energy", "error_eigenvalue_max", "error_nist", "iterations"))
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(7, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    floor = 1e-13
    ax.semilogy(z, np.maximum(de, floor), "o", ms=3, label="|E_tot - reference|")
    ax.semilogy(z, np.maximum(dv, floor), "s", ms=3, label="max |eigenvalue - reference|")
    if np.all(dn >= 0):  # the RLDA table has no NIST 6-decimal column (error_nist = -1)
        ax.semilogy(z, np.maximum(dn, floor), "^", ms=3, alpha=0.6, label="|E_tot - NIST 6 decimals|")
    ax.axhline(1e-8, color="k", ls="--", lw=0.8, label="1e-8 Ha")
    ax.set_ylabel("error (Ha)")
    ax.set_title(f"{title}, Z = {int(z.min())}..{int(z.max())}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    ax2.bar(z, its, color="gray")
    ax2.set_xlabel("Z")
    ax2.set_ylabel("SCF its")
    tessera_fig.save(fig, out, png)


def main():
    done = 0
    for name, title, png in (("atom_table.h5", "Kohn-Sham LDA", "atom_table_errors.png"), ("rlda_table.h5", "Dirac-Kohn-Sham RLDA", "rlda_table_errors.png")):
        out, src = tessera_fig.input_path(name)
        if src is not None:
            table_figure(src, out, title, png)
            done += 1
    return 0 if done else 3


if __name__ == "__main__":
    sys.exit(main())
