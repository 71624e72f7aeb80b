#!/usr/bin/env python3
"""PyTorch side of bench_imaging's CNN comparison (run by examples/bench_imaging.c in the same run).

Times PyTorch's CPU inference (float32, torch.no_grad) of two DnCNN-style networks on one n x n frame with a
given number of threads: the network in a tessera weight file (--shipped, e.g. the shipped dncnn.h5) and an
authors'-size network (--big-channels, --big-layers) with seeded random weights, which it first writes to
--big in tessera's weight-file layout, with a /check frame (a smooth random n x n image plus noise) and
PyTorch's float64 output on it, so that tessera loads the very same network and checks its own output.

Prints one line per network:  TORCH <name> <wall median s> <wall min s> <cpu median s> <cpu min s> <reps>
"""
import argparse
import os
import sys
import time

import h5py
import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "operators", "denoiser"))
from train_dncnn import make_net, write_weights  # noqa: E402  (the network and the file layout of the trainer)


def build(channels, layers):
    net = make_net(channels, layers - 2).eval()
    return net, [m for m in net if isinstance(m, torch.nn.Conv2d)]


def load(path):
    with h5py.File(path, "r") as h:
        layers, channels = int(np.ravel(h.attrs["layers"])[0]), int(np.ravel(h.attrs["channels"])[0])
        net, convs = build(channels, layers)
        with torch.no_grad():
            for k, c in enumerate(convs):
                c.weight.copy_(torch.from_numpy(np.array(h["cnn"][f"w{k}"]).reshape(c.weight.shape)))
                c.bias.copy_(torch.from_numpy(np.array(h["cnn"][f"b{k}"])))
    return net


def write_big(path, channels, layers, n, seed):
    torch.manual_seed(seed)
    net, _ = build(channels, layers)
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:n, 0:n] / n
    clean = 0.5 + 0.25 * np.sin(2 * np.pi * (x + rng.random())) * np.cos(2 * np.pi * (y + rng.random())) + 0.2 * ((x - 0.5) ** 2 + (y - 0.5) ** 2 < 0.1)
    noisy = clean + 0.05 * rng.standard_normal((n, n))
    with torch.no_grad():
        out = noisy - net.double()(torch.from_numpy(noisy)[None, None]).numpy()[0, 0]
    net.float()
    write_weights(path, net, channels, {"framework": np.bytes_(f"torch {torch.__version__} (random weights, seed {seed}, for timing)")}, noisy, out)
    return net


def timeit(net, n, reps):
    x = torch.rand(1, 1, n, n)
    wall, cpu = [], []
    with torch.no_grad():
        net(x)  # warm-up
        for _ in range(reps):
            w0, c0 = time.perf_counter(), time.process_time()
            net(x)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
    return float(np.median(wall)), min(wall), float(np.median(cpu)), min(cpu)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shipped", required=True)
    p.add_argument("--big", default="")
    p.add_argument("--big-channels", type=int, default=64)
    p.add_argument("--big-layers", type=int, default=17)
    p.add_argument("--n", type=int, default=128)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    print(f"TORCHINFO torch {torch.__version__}, {torch.get_num_threads()} thread(s), mkldnn {torch.backends.mkldnn.is_available()}", flush=True)
    nets = [("shipped", load(a.shipped))]
    if a.big:
        nets.append(("big", write_big(a.big, a.big_channels, a.big_layers, a.n, a.seed)))
        print("TORCHBIG written", flush=True)
    for name, net in nets:
        t = timeit(net, a.n, a.reps)
        print(f"TORCH {name} {t[0]:.6e} {t[1]:.6e} {t[2]:.6e} {t[3]:.6e} {a.reps}", flush=True)


if __name__ == "__main__":
    main()
