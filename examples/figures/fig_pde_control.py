#!/usr/bin/python3
"""Distributed control of a semilinear elliptic equation (problem CONTROL) solved by TAOALSKETCH: state, control,
target and convergence.

Usage: fig_pde_control.py DATA_DIR OUT_DIR

Reads DATA_DIR/pde_control*.h5 written by
    examples/pde_control -control_n 63 -tao_gatol 1e-8 -output pde_control.h5
(the solution x = (y, u) interleaved on the grid, /solution/x of shape N x N x 2 or N x N x N x 2, the attributes
control_n, control_dim, control_alpha, control_amplitude and the /history of the solve). For the first file draws the
state y, the control u and the target y_d = A prod_k sin(pi x_k) (3-D: the middle slice), and for every file the KKT
residual and the inner (FGMRES) iterations per outer iteration, one curve per mesh. Writes OUT_DIR/fig_pde_control.png
and prints its path; exits with status 3 when no input exists.
"""
import pathlib
import sys

import h5py
import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402


def read(path):
    with h5py.File(path, "r") as f:
        if "history" not in f or "solution" not in f or "control_n" not in f.attrs:
            return None
        a = f.attrs
        n, dim = int(a["control_n"]), int(a["control_dim"])
        x = np.asarray(f["solution"]["x"][:]).reshape((n,) * dim + (2,))
        return dict(n=n, dim=dim, alpha=float(a["control_alpha"]), amp=float(a["control_amplitude"]), y=x[..., 0], u=x[..., 1],
                    kkt=f["history"]["kkt_residual"][:], inner=f["history"]["sketch_iterations"][:], f=float(a["f"]))


def main():
    data = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else data)
    runs = [r for r in (read(p) for p in sorted(data.glob("pde_control*.h5"))) if r is not None]
    if not runs:
        return 3
    runs.sort(key=lambda r: r["n"])
    r0 = runs[-1]
    n, h = r0["n"], 1.0 / (r0["n"] + 1)
    t = np.sin(np.pi * h * np.arange(1, n + 1))
    yd = r0["amp"] * np.multiply.outer(t, t)  # rows: j (y direction), columns: i (x direction)
    y, u = r0["y"], r0["u"]
    if r0["dim"] == 3:
        y, u = y[n // 2], u[n // 2]
        yd = yd * t[n // 2]
    out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(1, 4, figsize=(17, 4.0))
    ext = [h, 1 - h, h, 1 - h]
    for k, (field, title) in enumerate(((y, "state $y$"), (u, "control $u$"), (yd, "target $y_d$"))):
        im = ax[k].imshow(field, origin="lower", extent=ext, cmap="viridis")
        ax[k].set_title(title + (" (middle slice)" if r0["dim"] == 3 else ""))
        fig.colorbar(im, ax=ax[k], shrink=0.8)
    for r in runs:
        ax[3].semilogy(range(len(r["kkt"])), r["kkt"], "o-", label="N = %d: f = %.7f" % (r["n"], r["f"]))
    ax[3].set_xlabel("Newton (outer) iteration")
    ax[3].set_ylabel(r"KKT residual $\|(\nabla_x L, c)\|$")
    ax[3].xaxis.set_major_locator(MaxNLocator(integer=True))
    ax[3].grid(True, which="both", alpha=0.3)
    inner = ax[3].twinx()
    for r in runs:
        inner.plot(range(1, len(r["inner"])), r["inner"][1:], "x:", alpha=0.6)
    inner.set_ylabel("inner iterations (x, dotted)")
    ax[3].legend(fontsize=7)
    fig.suptitle(r"$\min \frac{1}{2}\|y - y_d\|^2 + \frac{\alpha}{2}\|u\|^2$ s.t. $-\Delta y + y^3 = u$, $\alpha$ = %g, %d-D, N = %d; TAOALSKETCH" % (r0["alpha"], r0["dim"], n))
    fig.tight_layout()
    png = out / "fig_pde_control.png"
    fig.savefig(png, dpi=100)
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
