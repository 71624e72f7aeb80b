"""Oracle for t303: recompute PSNR and SSIM of the arrays in FILE with scikit-image and compare to tessera's.

Usage: imaging_metrics_oracle.py FILE.h5   (prints one line per check, exits 1 on any mismatch > 1e-6)
"""
import sys

import h5py
import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

TOL = 1e-6


def main(path):
    with h5py.File(path, "r") as h:
        n = int(np.ravel(h.attrs["n"])[0])
        t = int(np.ravel(h.attrs["frames"])[0])
        rng = float(np.ravel(h.attrs["data_range"])[0])
        f = np.asarray(h["data/truth"], dtype=np.float64).reshape(t, n, n)
        x = np.asarray(h["data/estimate"], dtype=np.float64).reshape(t, n, n)
        ours = {
            "psnr": float(np.ravel(h.attrs["psnr"])[0]),
            "psnr_auto_range": float(np.ravel(h.attrs["psnr_auto_range"])[0]),
            "ssim3d": float(np.ravel(h.attrs["ssim3d"])[0]),
        }
        psnr_frames = np.asarray(h["metrics/psnr_frames"]).ravel()
        ssim_frames = np.asarray(h["metrics/ssim_frames"]).ravel()
    ref = {
        "psnr": peak_signal_noise_ratio(f, x, data_range=rng),
        "psnr_auto_range": peak_signal_noise_ratio(f, x, data_range=f.max() - f.min()),
        "ssim3d": structural_similarity(f, x, data_range=rng),
    }
    ok = True
    for key, val in ref.items():
        d = abs(val - ours[key])
        good = d <= TOL
        ok &= good
        print(f"{key}: tessera {ours[key]:.10f} skimage {val:.10f} diff {d:.1e} <= {TOL:g}: {'yes' if good else 'NO'}")
    dp = max(abs(peak_signal_noise_ratio(f[k], x[k], data_range=rng) - psnr_frames[k]) for k in range(t))
    ds = max(abs(structural_similarity(f[k], x[k], data_range=rng) - ssim_frames[k]) for k in range(t))
    for key, d in (("psnr per frame", dp), ("ssim per frame", ds)):
        good = d <= TOL
        ok &= good
        print(f"{key}: max diff {d:.1e} <= {TOL:g}: {'yes' if good else 'NO'}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
