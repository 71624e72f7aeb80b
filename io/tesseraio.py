#!/usr/bin/python3
"""The per-dataset checksum of tessera's HDF5 files (io/io.c), for files written by Python programs.

  tesseraio.py --add-checksums FILE [DATASET ...]   add (or replace) the attribute tessera_checksum of every
                                                     floating-point dataset of FILE (or of the datasets named)
  tesseraio.py --verify FILE                        check every dataset that carries one; exit 1 on a mismatch

The checksum is the one of TesseraIOWriteVec(): the wrapping 64-bit sum over the entries x_i (natural order,
i = 0, 1, ...) of mix(bits(x_i) XOR mix(i + 1)), mix the SplitMix64 finalizer, stored as the string
"sum64-splitmix:<16 hex digits>". TesseraIOReadVec()/TesseraIOReadArray() verify it.
"""
import sys

import numpy as np

PREFIX = 'sum64-splitmix:'
NAME = 'tessera_checksum'


def _mix(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xbf58476d1ce4e5b9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94d049bb133111eb)
    return z ^ (z >> np.uint64(31))


def checksum(values):
    """The tessera checksum string of an array of reals (flattened in C order, as HDF5 stores it)"""
    x = np.ascontiguousarray(np.asarray(values, dtype=np.float64).ravel())
    with np.errstate(over='ignore'):
        i = np.arange(1, x.size + 1, dtype=np.uint64)
        terms = _mix(x.view(np.uint64) ^ _mix(i))
        total = int(np.sum(terms, dtype=np.uint64)) & 0xffffffffffffffff
    return f'{PREFIX}{total:016x}'


def _datasets(h):
    import h5py
    found = []
    h.visititems(lambda name, obj: found.append(name) if isinstance(obj, h5py.Dataset) and obj.dtype.kind == 'f' else None)
    return found


def add_checksums(h, names=None):
    """Sets the checksum attribute of the datasets names (default: every floating-point one) of the open h5py file h"""
    for name in names or _datasets(h):
        h[name].attrs[NAME] = np.bytes_(checksum(h[name][...]))


def main():
    import h5py
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == '--add-checksums':
        with h5py.File(args[1], 'r+') as h:
            add_checksums(h, args[2:])
        return 0
    if len(args) == 2 and args[0] == '--verify':
        bad = 0
        with h5py.File(args[1], 'r') as h:
            for name in _datasets(h):
                if NAME in h[name].attrs:
                    stored = h[name].attrs[NAME]
                    stored = stored.decode() if isinstance(stored, bytes) else str(stored)
                    if stored != checksum(h[name][...]):
                        print(f'{args[1]}: dataset /{name} fails its checksum')
                        bad += 1
        return 1 if bad else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main())
