#!/usr/bin/python3
"""Gray-Scott final state (examples/rd.c -output DATA_DIR/rd.h5) as DATA_DIR/.. OUT_DIR/rd.png.

Usage: /usr/bin/python3 examples/figures/fig_rd.py DATA_DIR OUT_DIR   (exit 3 if rd.h5 is absent)
"""
import pathlib
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    src = data / "rd.h5"
    if not src.exists():
        return 3
    with h5py.File(src, "r") as f:
        uv = f["/solution/uv"][...]  # (My, Mx, 2) in natural ordering
        t = float(f["/solution"].attrs["time"])
        steps = int(f["/solution"].attrs["step"])
        version = f.attrs["tessera_version"]
        version = version.decode() if isinstance(version, bytes) else str(version)
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.2), constrained_layout=True)
    for ax, c, name in zip(axes, (0, 1), ("u", "v")):
        im = ax.imshow(uv[:, :, c], origin="lower", cmap="viridis")
        ax.set_title(f"{name}(t = {t:g})")
        ax.set_xticks([])
        ax.set_yticks([])
        fig.colorbar(im, ax=ax, shrink=0.85)
    fig.suptitle(f"Gray-Scott, {uv.shape[1]}x{uv.shape[0]} grid, {steps} steps ({version})")
    out.mkdir(parents=True, exist_ok=True)
    png = out / "rd.png"
    fig.savefig(png, dpi=110)
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
