#!/usr/bin/env python3
"""Train tessera's small DnCNN-style denoiser on tessera's own phantom images; write the weights as HDF5.

Usage (see the README section "Retraining the CNN denoiser"):
    build/examples/imaging_phantoms -n 64 -frames 16 -seeds 3 -output train.h5
    /usr/bin/python3 operators/denoiser/train_dncnn.py train.h5 operators/denoiser/weights/dncnn.h5 --minutes 4

Network (K. Zhang et al., Beyond a Gaussian denoiser: residual learning of deep CNN for image denoising,
IEEE TIP 26 (2017) 3142, doi:10.1109/TIP.2017.2662206, without batch normalisation as in RED-PSM):
3x3 conv 1->C + ReLU, depth x (3x3 conv C->C + ReLU), 3x3 conv C->1, zero padding 1; residual mode
D(x) = x - net(x). Training: Adam on 40x40 patches of min-max normalised phantom frames (random flips,
transposes and intensity scales) with white Gaussian noise of standard deviation uniform in
[sigma_min, sigma_max]; loss = mean squared error of net(noisy) against the noise.

The output file is what tessera's C inference (DenoiserCNNSetWeights) reads: root attributes
tessera_version, problem = "dncnn", layers, channels, residual, training metadata; datasets /cnn/w<k>
(out x in x 3 x 3, row major) and /cnn/b<k> as float64; and /check/input, /check/output: a stored noisy
64x64 frame and this framework's float64 output on it, against which the C inference is tested.
Only this script needs torch (Debian python3-torch); building and testing tessera never do.
"""
import argparse
import os
import sys
import time

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "io"))
import tesseraio  # noqa: E402  (the per-dataset checksum tessera's reader verifies)

try:
    import torch
    from torch import nn
except ImportError:  # pragma: no cover
    sys.exit("train_dncnn.py needs PyTorch (Debian: apt-get install python3-torch); tessera itself does not")


def load_frames(path):
    """All phantom frames of an imaging_phantoms file, each min-max normalised to [0, 1]."""
    frames = []
    with h5py.File(path, "r") as h:
        n = int(np.ravel(h.attrs["n"])[0])
        for name in sorted(h["phantoms"].keys()):
            a = np.asarray(h["phantoms"][name], dtype=np.float64).reshape(-1, n, n)
            for f in a:
                lo, hi = f.min(), f.max()
                if hi - lo > 1e-12:
                    frames.append((f - lo) / (hi - lo))
    return np.stack(frames)


def make_net(channels, depth):
    layers = [nn.Conv2d(1, channels, 3, padding=1), nn.ReLU()]
    for _ in range(depth):
        layers += [nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU()]
    layers += [nn.Conv2d(channels, 1, 3, padding=1)]
    return nn.Sequential(*layers)


def write_weights(path, net, channels, attrs, noisy, denoised):
    """Writes net in tessera's CNN weight-file layout (read by DENOISERCNN), with a check frame (noisy) and the
    network's output on it (denoised); attrs are extra root attributes. Returns the convolution layers."""
    convs = [m for m in net if isinstance(m, nn.Conv2d)]
    with h5py.File(path, "w") as h:
        h.attrs["tessera_version"] = np.bytes_("tessera 0.1.0")
        h.attrs["problem"] = np.bytes_("dncnn")
        h.attrs["layers"] = np.int32(len(convs))
        h.attrs["channels"] = np.int32(channels)
        h.attrs["residual"] = np.int32(1)
        for key, value in attrs.items():
            h.attrs[key] = value
        g = h.create_group("cnn")
        for k, c in enumerate(convs):
            g.create_dataset(f"w{k}", data=c.weight.detach().numpy().astype(np.float64).ravel())
            g.create_dataset(f"b{k}", data=c.bias.detach().numpy().astype(np.float64).ravel())
        c = h.create_group("check")
        c.attrs["n"] = np.int32(noisy.shape[0])
        c.create_dataset("input", data=noisy.ravel())
        c.create_dataset("output", data=denoised.ravel())
        tesseraio.add_checksums(h)
    return convs


def batch(frames, rng, size, patch, smin, smax):
    idx = rng.integers(0, frames.shape[0], size)
    n = frames.shape[1]
    out = np.empty((size, 1, patch, patch))
    for k, i in enumerate(idx):
        r, c = rng.integers(0, n - patch + 1, 2)
        p = frames[i, r:r + patch, c:c + patch]
        if rng.random() < 0.5:
            p = p[:, ::-1]
        if rng.random() < 0.5:
            p = p.T
        out[k, 0] = p * rng.uniform(0.5, 1.5)
    sig = rng.uniform(smin, smax, (size, 1, 1, 1))
    noise = sig * rng.standard_normal(out.shape)
    return torch.from_numpy((out + noise).astype(np.float32)), torch.from_numpy(noise.astype(np.float32))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", help="HDF5 file written by examples/imaging_phantoms")
    ap.add_argument("output", help="weights file to write (HDF5)")
    ap.add_argument("--minutes", type=float, default=4.0, help="training time budget")
    ap.add_argument("--channels", type=int, default=16)
    ap.add_argument("--depth", type=int, default=4, help="hidden C->C layers")
    ap.add_argument("--sigma-min", type=float, default=0.01)
    ap.add_argument("--sigma-max", type=float, default=0.15)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--patch", type=int, default=40)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    frames = load_frames(args.train)
    net = make_net(args.channels, args.depth)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    t0, step, avg = time.time(), 0, None
    budget = 60.0 * args.minutes
    while time.time() - t0 < budget:
        if step and step % 1000 == 0:
            for g in opt.param_groups:
                g["lr"] = max(g["lr"] * 0.7, 1e-5)
        x, noise = batch(frames, rng, args.batch, args.patch, args.sigma_min, args.sigma_max)
        loss = torch.mean((net(x) - noise) ** 2)
        opt.zero_grad()
        loss.backward()
        opt.step()
        avg = loss.item() if avg is None else 0.98 * avg + 0.02 * loss.item()
        step += 1
        if step % 200 == 0:
            print(f"step {step:6d}  {time.time() - t0:6.0f} s  loss {avg:.3e}", flush=True)

    # stored check: a noisy frame and the float64 output of this framework on it
    net = net.double().eval()
    crng = np.random.default_rng(1234)
    clean = frames[rng.integers(0, frames.shape[0])]
    noisy = clean + 0.08 * crng.standard_normal(clean.shape)
    with torch.no_grad():
        res = net(torch.from_numpy(noisy[None, None])).numpy()[0, 0]
    denoised = noisy - res
    mse_in, mse_out = np.mean((noisy - clean) ** 2), np.mean((denoised - clean) ** 2)
    print(f"check frame: PSNR {10 * np.log10(1 / mse_in):.2f} dB -> {10 * np.log10(1 / mse_out):.2f} dB")

    attrs = {"options": np.bytes_(" ".join(os.path.basename(a) if os.path.sep in a else a for a in sys.argv[1:])),
             "train_sigma_min": np.float64(args.sigma_min), "train_sigma_max": np.float64(args.sigma_max),
             "train_steps": np.int32(step), "train_loss": np.float64(avg),
             "framework": np.bytes_(f"torch {torch.__version__}")}
    convs = write_weights(args.output, net, args.channels, attrs, noisy, denoised)
    print(f"wrote {args.output}: {len(convs)} conv layers, {sum(p.numel() for p in net.parameters())} parameters, {step} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
