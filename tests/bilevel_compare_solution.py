"""Compares /solution/y of two tessera bilevel HDF5 outputs (e.g. 1 and 2 MPI processes): prints the largest
difference and 'natural order: yes' when they agree to 1e-10 with the expected size."""
import sys

import h5py
import numpy

a = h5py.File(sys.argv[1], "r")["solution/y"][()]
b = h5py.File(sys.argv[2], "r")["solution/y"][()]
n = int(sys.argv[3])
d = numpy.abs(a - b).max() if a.shape == b.shape else numpy.inf
print("max difference", d)
print("natural order: " + ("yes" if d < 1e-10 and a.shape == (n,) else "no"))
