#!/usr/bin/python3
"""Figures of the chemotaxis singular limits (examples/chemotaxis_limits).

Usage: fig_chemotaxis_limits.py DATA_DIR OUT_DIR

Reads DATA_DIR/chemotaxis_limits_*.h5 (written with -output by chemotaxis_limits, e.g. chemotaxis_limits_pes_well.h5,
chemotaxis_limits_pes_ill.h5, chemotaxis_limits_ids_well.h5) and writes
  OUT_DIR/chemotaxis_limits_rates.png  errors ||n_eps - n||_{Linf(0,T;L2)}, ||grad(n_eps - n)||_{L2(0,T;L2)},
                                       ||c_eps - c||_{L2(0,T;L2)} and ||c_eps - c||_{Linf(T/2,T;L2)} vs eps, log-log, fitted slopes
  OUT_DIR/chemotaxis_initial_layer.png distance ||c_eps - K_tau n_eps|| to the critical manifold vs t/eps, one curve per eps
Prints each path written; exits 3 when no input file is present.
"""
import pathlib
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def attr(group, name):
    v = group.attrs[name]
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, np.ndarray) and v.size == 1:
        return v.item()
    return v


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    files = sorted(data.glob("chemotaxis_limits_*.h5"))
    if not files:
        return 3
    out.mkdir(parents=True, exist_ok=True)

    fig, axes = plt.subplots(2, 2, figsize=(11, 9))
    axes = axes.ravel()
    norms = (("err_n_linf_l2", r"$\|n_\varepsilon - n\|_{L^\infty(0,T;L^2)}$"),
             ("err_n_l2_h1semi", r"$\|\nabla(n_\varepsilon - n)\|_{L^2(0,T;L^2)}$"),
             ("err_c_l2_l2", r"$\|c_\varepsilon - c\|_{L^2(0,T;L^2)}$"),
             ("err_c_linf_half_l2", r"$\|c_\varepsilon - c\|_{L^\infty(T/2,T;L^2)}$"))
    layer_file = None
    for i, f in enumerate(files):
        with h5py.File(f, "r") as h:
            t = h["table"]
            mode, init = attr(t, "mode"), attr(t, "init")
            coupling = attr(t, "coupling")
            x = np.array(t["tau"] if coupling == "list" else t["eps"])
            for ax, (key, title) in zip(axes, norms):
                y = np.array(t[key])
                p = np.polyfit(np.log10(x), np.log10(y), 1)
                ax.loglog(x, y, ["o-", "s--", "^-.", "v:"][i % 4], ms=7 - i, label=f"{mode.upper()} {init} ({coupling}): slope {p[0]:.2f}")
                ax.set_title(title)
            if mode == "pes" and init in ("ill", "opposite"):
                layer_file = f
            elif layer_file is None and init in ("ill", "opposite"):
                layer_file = f
    for ax in axes:
        ax.set_xlabel(r"$\varepsilon$ ($\tau$ for a fixed-$\varepsilon$ list)")
        ax.set_ylabel(r"error against the limit")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    path = out / "chemotaxis_limits_rates.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(path)

    if layer_file is None:
        layer_file = files[0]
    with h5py.File(layer_file, "r") as h:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
        names = sorted(h["layer"].keys(), key=lambda s: int(s[1:]))
        styles = ["-", "--", "-.", ":"]
        markers = ["o", "s", "^", "v", "D", "x"]
        for j, name in enumerate(names):
            g = h["layer"][name]
            eps = attr(g, "eps")
            t, d = np.array(g["time"]), np.array(g["distance"])
            keep = (t > 0) & (d > 0)
            # the curves coincide in t/eps (that is the point of the right panel): distinct dashes and sparse markers,
            # wider lines first, so that every eps stays visible
            kw = dict(ls=styles[j % len(styles)], marker=markers[j % len(markers)], markevery=max(1, keep.sum() // 8),
                      lw=max(0.8, 2.6 - 0.4 * j), ms=5, color=f"C{j}", label=rf"$\varepsilon$ = {eps:g}")
            axes[0].loglog(t[keep], d[keep], **kw)
            axes[1].loglog(t[keep] / eps, d[keep], **kw)
        axes[0].set_xlabel("t")
        axes[1].set_xlabel(r"$t/\varepsilon$")
        init = attr(h["table"], "init")
        layered = init not in ("well",)
        axes[0].set_title("distance to the critical manifold")
        if layered:
            axes[1].set_title(r"the same against $t/\varepsilon$: one layer profile, decay like $e^{-t/\varepsilon}$")
        else:
            axes[1].set_title(r"the same against $t/\varepsilon$ (well-prepared: no layer, distance $O(\varepsilon)$)")
        for ax in axes:
            ax.set_ylabel(r"$\|c_\varepsilon - K_\tau n_\varepsilon\|_{L^2}$")
            ax.grid(True, which="both", alpha=0.3)
            ax.legend(fontsize=8)
        title = f"initial layer ({attr(h['table'], 'mode').upper()}, {init} data)"
        if layered:  # the fitted decay rate means something only when the data start off the manifold
            rates = ", ".join(f"{r:.4f}" for r in np.array(h["table"]["layer_rate_times_eps"]))
            title += f"; fitted $\\lambda\\varepsilon$ (theory 1): {rates}"
        fig.suptitle(title, fontsize=10)
        fig.tight_layout()
        path = out / "chemotaxis_initial_layer.png"
        fig.savefig(path, dpi=120)
        plt.close(fig)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
