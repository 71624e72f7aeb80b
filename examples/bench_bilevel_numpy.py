#!/usr/bin/env python3
"""Plain NumPy implementation of LV-HBA on the LLC toy, the reference of examples/bench_bilevel.c.

    bench_bilevel_numpy.py N ITERATIONS ALPHA BETA ETA ETA_LAMBDA GAMMA1 GAMMA2 CBAR P R ATOL RTOL GAP_ATOL GAP_RTOL CINC

Runs exactly the updates of solvers/bilevel/impls/lvhba.c (inner projected descent-ascent step on (theta, lambda),
outer projected step on (x, y) and z, projection onto C = {1'x + 1'y = 0} by subtracting the mean) from the same
start (x = y = 0, theta = y, lambda = z = 0), including the per-iteration quantities tessera's stopping test uses
(F, f, the value-function gap and the step residual) and the penalty continuation (c_k multiplied by CINC when
residual <= max(ATOL, RTOL res0) but |gap| > max(GAP_ATOL, GAP_RTOL |f|)), with the closed-form gradients of the toy:

    F = 1/2 |x - y2|^2 + 1/2 |y1 - 1|^2,  f = 1/2 |y1|^2 - x'y1 + 1'y2,  h = 1'x + 1'y = 0 (equality, multiplier in [-R, R]).

Prints one line: "numpy s/iteration <t> x_error <e> F <F> residual <r> gap <g>" (time of the loop only).
Needs only numpy (Debian python3-numpy).
"""
import sys
import time

import numpy as np


def main():
    if len(sys.argv) != 17:
        sys.exit(__doc__)
    n, its = int(sys.argv[1]), int(sys.argv[2])
    a, b, e, el, g1, g2, cbar, p, r, atol, rtol, gatol, grtol, cinc = (float(v) for v in sys.argv[3:])
    rho, res0 = 1.0, None
    x = np.zeros(n)
    y1 = np.zeros(n)
    y2 = np.zeros(n)
    t1, t2 = y1.copy(), y2.copy()
    lam, z = 0.0, 0.0
    res = gap = Fxy = 0.0
    start = time.perf_counter()
    for k in range(its):
        c = cbar * rho * (k + 1) ** p
        # inner saddle step at (x, y, z) from (theta, lambda)
        d1, d2 = t1 - y1, t2 - y2
        h = x.sum() + t1.sum() + t2.sum()
        vest = 0.5 * t1 @ t1 - x @ t1 + t2.sum() + (d1 @ d1 + d2 @ d2) / (2 * g1) + lam * h - (lam - z) ** 2 / (2 * g2)
        s1 = t1 - x + lam + d1 / g1
        s2 = 1 + lam + d2 / g1
        lnew = min(max(lam - el * (-h + (lam - z) / g2), -r), r)
        t1, t2 = t1 - e * s1, t2 - e * s2
        dth2 = e * e * (s1 @ s1 + s2 @ s2)
        dlam, lam = lnew - lam, lnew
        # outer step with (theta^{k+1}, lambda^{k+1})
        Fxy = 0.5 * ((x - y2) @ (x - y2)) + 0.5 * ((y1 - 1) @ (y1 - 1))
        fxy = 0.5 * y1 @ y1 - x @ y1 + y2.sum()
        dx = (x - y2) / c - y1 + t1 - lam
        dy1 = (y1 - 1) / c + (y1 - x) - (y1 - t1) / g1
        dy2 = (y2 - x) / c + 1 - (y2 - t2) / g1
        xn, y1n, y2n = x - a * dx, y1 - a * dy1, y2 - a * dy2
        mean = (xn.sum() + y1n.sum() + y2n.sum()) / (3 * n)
        xn -= mean
        y1n -= mean
        y2n -= mean
        dxy2 = (x - xn) @ (x - xn) + (y1 - y1n) @ (y1 - y1n) + (y2 - y2n) @ (y2 - y2n)
        x, y1, y2 = xn, y1n, y2n
        znew = min(max(z - b * (z - lam) / g2, -r), r)
        dz, z = znew - z, znew
        res = np.sqrt(rho**2 * (dxy2 / a**2 + (dz / b) ** 2) + dth2 / e**2 + dlam**2 / (el * e))
        gap = fxy - vest
        res0 = res if res0 is None else res0
        if cinc > 1 and res <= max(atol, rtol * res0) and abs(gap) > max(gatol, grtol * abs(fxy)):
            rho *= cinc
    elapsed = time.perf_counter() - start
    xerr = np.linalg.norm(x + 0.3) / (0.3 * np.sqrt(n))
    print(f"numpy s/iteration {elapsed / max(its, 1):.6e} x_error {xerr:.6e} F {Fxy:.6e} residual {res:.6e} gap {gap:.6e}")


if __name__ == "__main__":
    main()
