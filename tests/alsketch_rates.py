#!/usr/bin/python3
"""Checks the HDF5 output of examples/nlp and the local rates of TAOALSKETCH (spec section 11, item 5).

Usage: alsketch_rates.py DIR PROBLEM...

For each problem, DIR/alsketch_<P>_theta0.h5 (fixed theta) and DIR/alsketch_<P>_theta1.h5 (theta_t = ||grad L||):
root attributes f, kkt_residual, iterations and the /history datasets are present and consistent; the ratios of
successive KKT residuals over the last 3 iterations stay above 1e-3 with fixed theta (linear rate) and fall below
1e-3 with theta_t -> 0 (superlinear rate). Prints pass/fail lines; exit status 1 on a failure.
"""
import sys

import h5py
import numpy as np


def main():
    d, problems = sys.argv[1], sys.argv[2:]
    fails = 0
    for p in problems:
        tails = {}
        for g in ("0", "1"):
            with h5py.File(f"{d}/alsketch_{p}_theta{g}.h5", "r") as f:
                kkt = f["history/kkt_residual"][:]
                its = int(f.attrs["iterations"])
                ok = (len(kkt) == its + 1 and abs(kkt[-1] - f.attrs["kkt_residual"]) <= 1e-6 * max(1, kkt[-1]) + 1e-12
                      and "f" in f.attrs and len(f["history/sketch_iterations"]) == its + 1)
                print(f"{'pass' if ok else 'FAIL'} {p} theta_power {g}: attributes f, kkt_residual, iterations and /history consistent: {'yes' if ok else 'no'}")
                fails += not ok
                tails[g] = kkt[-3:] / kkt[-4:-1]
        ok = tails["0"].min() > 1e-3 and tails["1"].min() < 1e-3
        print(f"{'pass' if ok else 'FAIL'} {p}: last KKT ratios fixed theta {np.array2string(tails['0'], formatter={'float_kind': lambda v: f'{v:.1e}'})}, "
              f"theta_t -> 0 {np.array2string(tails['1'], formatter={'float_kind': lambda v: f'{v:.1e}'})}: linear then superlinear: {'yes' if ok else 'no'}")
        fails += not ok
    print(f"alsketch rates: {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
