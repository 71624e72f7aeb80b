"""RED-PSM figures from the HDF5 output of examples/dynamic_ct (-output dynamic_ct.h5):

  recon_frames.png  truth and every method at four times (frames t = 0, P/4, P/2, 3P/4)
  recon_xt.png      x-t slices (the middle image row through all frames) of the truth and every method
  recon_psnr.png    PSNR against iteration and against wall time, all methods side by side

Usage: fig_recon.py DATA_DIR OUT_DIR (reads DATA_DIR/dynamic_ct.h5; exit status 3 when it is missing).
"""
import tessera_fig  # selects the Agg backend first

import h5py
import matplotlib.pyplot as plt
import numpy as np

out, src = tessera_fig.input_path("dynamic_ct.h5")
if src is None:
    raise SystemExit(3)
with h5py.File(src, "r") as f:
    methods = f["table"].attrs["methods"]
    methods = (methods.decode() if isinstance(methods, bytes) else str(methods)).split(",")
    n, P = int(f.attrs["n"]), int(f.attrs["frames"])
    vol = {"truth": np.asarray(f["truth/reconstruction"]).reshape(P, n, n)}
    hist, stats = {}, {}
    for m in methods:
        vol[m] = np.asarray(f[m + "/reconstruction"]).reshape(P, n, n)
        hist[m] = {k: np.asarray(f[m + "/history/" + k]) for k in ("psnr", "time")}
        stats[m] = (float(f[m].attrs["psnr"]), float(f[m].attrs["ssim"]))

names = ["truth"] + methods
lo, hi = vol["truth"].min(), vol["truth"].max()
times = [0, P // 4, P // 2, 3 * P // 4]
fig, ax = plt.subplots(len(times), len(names), figsize=(2.2 * len(names), 2.2 * len(times)), squeeze=False)
for j, m in enumerate(names):
    for i, t in enumerate(times):
        ax[i][j].imshow(vol[m][t], cmap="gray", vmin=lo, vmax=hi)
        ax[i][j].set_xticks([])
        ax[i][j].set_yticks([])
        if i == 0:
            ax[i][j].set_title(m if m == "truth" else "%s\n%.2f dB, SSIM %.3f" % (m, *stats[m]), fontsize=8)
        if j == 0:
            ax[i][j].set_ylabel("t = %d" % t)
tessera_fig.save(fig, out, "recon_frames.png")

fig, ax = plt.subplots(1, len(names), figsize=(2.2 * len(names), 3.0), squeeze=False)
for j, m in enumerate(names):
    ax[0][j].imshow(vol[m][:, n // 2, :], cmap="gray", vmin=lo, vmax=hi, aspect="auto")
    ax[0][j].set_title(m, fontsize=8)
    ax[0][j].set_xlabel("x (row %d)" % (n // 2))
    if j == 0:
        ax[0][j].set_ylabel("frame t")
tessera_fig.save(fig, out, "recon_xt.png")

fig, ax = plt.subplots(1, 2, figsize=(10, 4))
for m in methods:
    it = np.arange(len(hist[m]["psnr"]))
    ax[0].plot(it, hist[m]["psnr"], label=m, marker="." if len(it) < 3 else None)
    ax[1].plot(hist[m]["time"], hist[m]["psnr"], label=m, marker="." if len(it) < 3 else None)
ax[0].set_xlabel("outer iteration")
ax[1].set_xlabel("wall time (s)")
for a in ax:
    a.set_ylabel("PSNR (dB)")
    a.grid(alpha=0.3)
    a.legend()
tessera_fig.save(fig, out, "recon_psnr.png")
