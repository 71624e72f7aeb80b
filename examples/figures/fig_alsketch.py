#!/usr/bin/python3
"""KKT residual and sketch iterations per Newton step of TAOALSKETCH runs.

Usage: fig_alsketch.py DATA_DIR OUT_DIR

Reads DATA_DIR/alsketch_<PROBLEM>_theta<g>.h5 written by
    examples/nlp -problem <PROBLEM> -tao_alsketch_theta_power <g> -output alsketch_<PROBLEM>_theta<g>.h5
(g = 0: fixed accuracy theta, linear local rate; g = 1: theta_t = min(theta, ||grad L||) -> 0, superlinear) and draws, per problem,
the KKT residual ||(grad_x L, c)|| against the outer iteration (left) and the sketch iterations spent on each
Newton-KKT system (right), one row per problem. Writes OUT_DIR/fig_alsketch.png and prints its path; exits with status 3 when no input exists.
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
    runs = {}
    for path in sorted(data.glob("alsketch_*_theta*.h5")):
        m = re.match(r"alsketch_(.+)_theta(\w+)\.h5$", path.name)
        if not m:
            continue
        with h5py.File(path, "r") as f:
            if "history" not in f or "kkt_residual" not in f["history"]:
                continue
            hist = {k: f["history"][k][:] for k in ("kkt_residual", "sketch_iterations")}
        runs.setdefault(m.group(1), {})[m.group(2)] = hist
    if not runs:
        return 3
    out.mkdir(parents=True, exist_ok=True)
    problems = sorted(runs)
    fig, axes = plt.subplots(len(problems), 2, figsize=(10, 3.2 * len(problems)), squeeze=False)
    for row, prob in zip(axes, problems):
        for g, hist in sorted(runs[prob].items()):
            label = r"fixed $\theta$ (linear rate)" if g == "0" else (rf"$\theta_t = \min(\theta, \|\nabla L\|" + ("" if g == "1" else f"^{{{g}}}") + r") \to 0$ (superlinear)")
            kkt = hist["kkt_residual"]
            row[0].semilogy(range(len(kkt)), kkt, "o-", label=label)
            its = hist["sketch_iterations"][1:]
            row[1].semilogy(range(1, len(its) + 1), [max(v, 1) for v in its], "s-", label=label)
        row[0].set_title(f"{prob}: KKT residual")
        row[0].set_xlabel("outer iteration")
        row[0].set_ylabel(r"KKT residual $\|(\nabla_x L, c)\|$")
        row[0].legend(fontsize=8)
        row[0].grid(True, which="both", alpha=0.3)
        row[1].set_title(f"{prob}: sketch iterations per Newton step")
        row[1].set_xlabel("outer iteration")
        row[1].set_ylabel("sketch iterations per Newton step")
        row[1].legend(fontsize=8)
        row[1].grid(True, which="both", alpha=0.3)
        for a in row:
            a.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.tight_layout()
    path = out / "fig_alsketch.png"
    fig.savefig(path, dpi=110)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
