#!/usr/bin/python3
"""Figures of the imaging building blocks, from the HDF5 file of examples/bench_imaging -output.

Usage: fig_imaging.py DATA_DIR OUT_DIR
Reads DATA_DIR/bench_imaging.h5 (written by `bench_imaging -output bench_imaging.h5`) and writes
  OUT_DIR/imaging_radon.png      phantom, its sinogram (exact projections) and the FBP reconstruction
  OUT_DIR/imaging_denoisers.png  a noisy frame and the output of each denoiser, with PSNRs
Exits with status 3 when the input file is absent.
"""
import pathlib
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

TYPES = ["gaussian", "wiener", "tv", "nlm", "cnn"]


def attr(h, name):
    return np.ravel(h.attrs[name])[0]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src = pathlib.Path(sys.argv[1]) / "bench_imaging.h5"
    out = pathlib.Path(sys.argv[2])
    if not src.exists():
        return 3
    out.mkdir(parents=True, exist_ok=True)
    with h5py.File(src, "r") as h:
        n, nang = int(attr(h, "n")), int(attr(h, "angles"))
        truth = np.asarray(h["radon/truth"]).reshape(n, n)
        fbp = np.asarray(h["radon/fbp"]).reshape(n, n)
        sino = np.asarray(h["radon/sinogram"]).reshape(nang, -1)
        fig, ax = plt.subplots(1, 3, figsize=(12, 4))
        ax[0].imshow(truth, cmap="gray")
        ax[0].set_title(f"static phantom {n}x{n}")
        smax = (sino.shape[1] - 1) / 2  # detector bin k at s = k - (ndet - 1)/2 pixels (unit spacing)
        im = ax[1].imshow(sino.T, cmap="gray", aspect="auto", origin="lower", extent=[0, 180, -smax - 0.5, smax + 0.5])
        ax[1].set_title(f"exact sinogram, {nang} angles")
        ax[1].set_xlabel(r"projection angle $\theta$ (degrees)")
        ax[1].set_ylabel("detector position s (pixels)")
        fig.colorbar(im, ax=ax[1], label="line integral (pixel units)")
        ax[2].imshow(fbp, cmap="gray", vmin=truth.min(), vmax=truth.max())
        ax[2].set_title(f"FBP, PSNR {attr(h, 'fbp_psnr'):.2f} dB")
        for a in (ax[0], ax[2]):
            a.axis("off")
        fig.tight_layout()
        p = out / "imaging_radon.png"
        fig.savefig(p, dpi=100)
        plt.close(fig)
        print(p)

        noisy = np.asarray(h["denoise/noisy"])[: n * n].reshape(n, n)
        fig, ax = plt.subplots(1, 1 + len(TYPES), figsize=(3 * (1 + len(TYPES)), 3.4))
        ax[0].imshow(noisy, cmap="gray", vmin=0, vmax=1)
        ax[0].set_title(f"noisy, {attr(h, 'psnr_noisy'):.2f} dB")
        for a, t in zip(ax[1:], TYPES):
            a.imshow(np.asarray(h["denoise/" + t])[: n * n].reshape(n, n), cmap="gray", vmin=0, vmax=1)
            a.set_title(f"{t}, {attr(h, 'psnr_' + t):.2f} dB")
        for a in ax:
            a.axis("off")
        fig.tight_layout()
        p = out / "imaging_denoisers.png"
        fig.savefig(p, dpi=100)
        plt.close(fig)
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
