#!/usr/bin/python3
"""Damaged-file corpus for tessera's HDF5 readers (the reliability review's fault injection, as tests).

  io_corpus.py --list                       print one case per line: name|reader|expected
  io_corpus.py --make RDCK WEIGHTS OUTDIR   write OUTDIR/<name>.h5 for every case from a good rd checkpoint
                                            RDCK and a good CNN weight file WEIGHTS

A dataset replaced by h5py loses its attributes, the tessera_checksum among them: such files test the checks
behind the checksum (read unverified, as files written before checksums). reader is the program that reads the file: "rd" (rd -restart FILE) or "cnn" (t305 -weights_only
-denoiser_cnn_weights FILE). expected is a regular expression (without '|', which the test harness uses as separator) the PETSc error message must match, or "OK" for a
file that must be accepted (the run must succeed). Each damage is one h5py edit (or a byte edit) of a copy of a
good file, so the corpus is regenerated from the current writer on every test run.
"""
import os
import shutil
import sys

CASES = []  # (name, reader, expected, function(path))


def case(name, reader, expected):
    def wrap(fn):
        CASES.append((name, reader, expected, fn))
        return fn
    return wrap


def h5edit(fn):
    """A damage done with h5py on the open copy"""
    def run(path):
        import h5py
        with h5py.File(path, 'r+') as h:
            fn(h)
    return run


def attr(obj, name, value):
    return h5edit(lambda h: h[obj].attrs.__setitem__(name, value))


def replace_dataset(path, fn):
    """Replaces dataset path of the open file h by fn(old data)"""
    def edit(h):
        old = h[path][...]
        del h[path]
        fn(h, path, old)
    return h5edit(edit)


def np():
    import numpy
    return numpy


# ---- attributes of the wrong shape or type (bug 1: stack overflow in the reader) ----
case('step_array', 'rd', r'Attribute step on /checkpoint in HDF5 file .*: holds 3 values')(lambda p: attr('checkpoint', 'step', [1, 2, 3])(p))
case('time_array', 'rd', r'Attribute time on /checkpoint in HDF5 file .*: holds 3 values')(lambda p: attr('checkpoint', 'time', np().array([1.0, 2.0, 3.0]))(p))
case('time_step_array', 'rd', r'Attribute time_step on /checkpoint .*: holds 2 values')(lambda p: attr('checkpoint', 'time_step', np().array([0.1, 0.2]))(p))
case('step_empty', 'rd', r'Attribute step on /checkpoint .*: holds 0 values')(lambda p: h5edit(lambda h: h['checkpoint'].attrs.create('step', __import__('h5py').Empty('i4')))(p))
case('time_string', 'rd', r'Attribute time on /checkpoint .*: is of HDF5 type class string, expected floating-point')(lambda p: attr('checkpoint', 'time', 'hello')(p))
case('step_real', 'rd', r'Attribute step on /checkpoint .*: is of HDF5 type class floating-point, expected integer')(lambda p: attr('checkpoint', 'step', 1.5)(p))
case('step_int64_huge', 'rd', r'Attribute step on /checkpoint .*: value 1099511627776 does not fit a PetscInt')(lambda p: attr('checkpoint', 'step', np().int64(2**40))(p))
case('step_uint64_huge', 'rd', r'Attribute step on /checkpoint .*: value 18446744073709551615 does not fit a PetscInt')(lambda p: attr('checkpoint', 'step', np().uint64(2**64 - 1))(p))
case('step_int64_ok', 'rd', 'OK')(lambda p: attr('checkpoint', 'step', np().int64(6))(p))
case('time_compound', 'rd', r'Attribute time on /checkpoint .*: is of HDF5 type class compound')(lambda p: attr('checkpoint', 'time', np().array((1.0, 2.0), dtype=[('a', 'f8'), ('b', 'f8')]))(p))
case('problem_vlen', 'rd', 'OK')(lambda p: h5edit(lambda h: h.attrs.__setitem__('problem', 'gray-scott'))(p))
case('problem_array', 'rd', r'Attribute problem on / in HDF5 file .*: holds 2 values')(lambda p: h5edit(lambda h: h.attrs.__setitem__('problem', np().array([b'gray-scott', b'gray-scott'])))(p))
case('problem_int', 'rd', r'Attribute problem on / .*: is of HDF5 type class integer, expected string')(lambda p: h5edit(lambda h: h.attrs.__setitem__('problem', 7))(p))
case('cnn_channels_array', 'cnn', r'Attribute channels on / .*: holds 3 values')(lambda p: h5edit(lambda h: h.attrs.__setitem__('channels', np().array([16, 16, 16], dtype='i4')))(p))
case('cnn_residual_array', 'cnn', r'Attribute residual on / .*: holds 2 values')(lambda p: h5edit(lambda h: h.attrs.__setitem__('residual', np().array([1, 1], dtype='i8')))(p))
case('cnn_layers_huge', 'cnn', r'Attribute layers on / .*: value 4294967302 does not fit a PetscInt')(lambda p: h5edit(lambda h: h.attrs.__setitem__('layers', np().int64(2**32 + 6)))(p))

# ---- implausible values (bug 6) ----
case('step_max', 'rd', r'stored step number 2147483647 on /checkpoint is not in')(lambda p: attr('checkpoint', 'step', np().int32(2**31 - 1))(p))
case('step_negative', 'rd', r'stored step number -5 on /checkpoint is not in')(lambda p: attr('checkpoint', 'step', np().int32(-5))(p))
case('time_huge', 'rd', r'stored time 1e\+300 on /checkpoint is outside this run')(lambda p: attr('checkpoint', 'time', 1e300)(p))
case('time_negative', 'rd', r'stored time -1[.]? on /checkpoint is outside this run')(lambda p: attr('checkpoint', 'time', -1.0)(p))
case('time_nan', 'rd', r'Attribute time on /checkpoint .*: value is NaN or Inf')(lambda p: attr('checkpoint', 'time', float('nan'))(p))
case('time_step_zero', 'rd', r'stored time step 0[.]? on /checkpoint is not in')(lambda p: attr('checkpoint', 'time_step', 0.0)(p))
case('time_step_inf', 'rd', r'Attribute time_step on /checkpoint .*: value is NaN or Inf')(lambda p: attr('checkpoint', 'time_step', float('inf'))(p))
case('time_step_huge', 'rd', r'stored time step 1e\+200 on /checkpoint is not in')(lambda p: attr('checkpoint', 'time_step', 1e200)(p))
case('step_time_inconsistent', 'rd', r'stored step number 0 and time .* are inconsistent')(lambda p: attr('checkpoint', 'step', np().int32(0))(p))

# ---- datasets: wrong type, shape, declared size (bugs 2, 5, 11) ----
case('uv_int', 'rd', r'Dataset /checkpoint/uv in HDF5 file .*: is of HDF5 type class integer, expected floating-point')(
    lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: h.create_dataset(k, data=d.astype('i4')))(p))
case('uv_float32', 'rd', 'OK')(lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: h.create_dataset(k, data=d.astype('f4')))(p))
case('uv_other_shape', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* has shape 16 x 64 x 2, expected 32 x 32 x 2')(
    lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: h.create_dataset(k, data=d.reshape(16, 64, 2)))(p))
case('uv_oversized', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* has 4294969344 entries, expected 2048')(
    lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: h.create_dataset(k, shape=(2**32 + 2048,), dtype='f8'))(p))
case('uv_oversized_2d', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* has 8589934592 entries, expected 2048')(
    lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: h.create_dataset(k, shape=(2**16, 2**16, 2), dtype='f8'))(p))
case('uv_scalar', 'rd', r'Dataset /checkpoint/uv in HDF5 file .*: has no simple dataspace')(
    lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: h.create_dataset(k, data=1.0))(p))
case('uv_compound', 'rd', r'Dataset /checkpoint/uv in HDF5 file .*: is of HDF5 type class compound')(
    lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: h.create_dataset(k, data=np().zeros(2048, dtype=[('a', 'f8')])))(p))
case('uv_missing', 'rd', r'has no dataset uv in group /checkpoint')(lambda p: h5edit(lambda h: h.__delitem__('checkpoint/uv'))(p))
case('uv_group', 'rd', r'has no dataset uv in group /checkpoint')(lambda p: h5edit(lambda h: (h.__delitem__('checkpoint/uv'), h.create_group('checkpoint/uv')))(p))
case('uv_soft_loop', 'rd', r'HDF5 file .* is damaged or unsupported: looking up dataset /checkpoint/uv failed')(
    lambda p: h5edit(lambda h: (h.__delitem__('checkpoint/uv'), h.__setitem__('checkpoint/uv', __import__('h5py').SoftLink('/checkpoint/uv'))))(p))
case('uv_external_missing', 'rd', r'has no dataset uv in group /checkpoint')(
    lambda p: h5edit(lambda h: (h.__delitem__('checkpoint/uv'), h.__setitem__('checkpoint/uv', __import__('h5py').ExternalLink('no-such-file.h5', '/uv'))))(p))
case('uv_nan', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* fails its checksum')(lambda p: h5edit(lambda h: h['checkpoint/uv'].__setitem__((3, 5, 1), float('nan')))(p))
case('uv_value_changed', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* fails its checksum')(lambda p: h5edit(lambda h: h['checkpoint/uv'].__setitem__((0, 0, 0), h['checkpoint/uv'][0, 0, 0] + 1e-15))(p))
case('uv_nan_no_checksum', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* contains NaN or Inf')(
    lambda p: replace_dataset('checkpoint/uv', lambda h, k, d: (d.reshape(-1).__setitem__(17, float('nan')), h.create_dataset(k, data=d)))(p))
case('uv_no_checksum', 'rd', 'OK')(lambda p: h5edit(lambda h: h['checkpoint/uv'].attrs.__delitem__('tessera_checksum'))(p))
case('uv_checksum_garbage', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* has a checksum of unknown kind')(lambda p: attr('checkpoint/uv', 'tessera_checksum', np().bytes_(b'crc32:12345678'))(p))
case('uv_checksum_array', 'rd', r'Attribute tessera_checksum on /checkpoint/uv .*: holds 2 values')(lambda p: attr('checkpoint/uv', 'tessera_checksum', np().array([b'a', b'b']))(p))


def flip_data_bit(seed):
    """Flips one seeded random bit in the raw data of /checkpoint/uv (located with h5py, flipped in the bytes)"""
    def run(path):
        import h5py
        import random
        rng = random.Random(seed)
        with h5py.File(path, 'r') as h:
            ds = h['checkpoint/uv']
            offset, nbytes = ds.id.get_offset(), ds.id.get_storage_size()
            if offset is None:  # chunked (as PETSc writes): a random chunk
                info = ds.id.get_chunk_info(rng.randrange(ds.id.get_num_chunks()))
                offset, nbytes = info.byte_offset, info.size
        pos, bit = offset + rng.randrange(nbytes), rng.randrange(8)
        with open(path, 'r+b') as f:
            f.seek(pos)
            b = f.read(1)[0]
            f.seek(pos)
            f.write(bytes([b ^ (1 << bit)]))
    return run


for seed in range(1, 9):
    case(f'uv_bitflip_{seed}', 'rd', r'Dataset /checkpoint/uv in HDF5 file .* fails its checksum')(flip_data_bit(seed))
case('cnn_weights_as_shipped', 'cnn', 'OK')(lambda p: None)  # written by the training script: no checksums, read unverified

case('cnn_w0_oversized', 'cnn', r'Dataset /cnn/w0 in HDF5 file .* declares 4294967440 entries')(
    lambda p: replace_dataset('cnn/w0', lambda h, k, d: h.create_dataset(k, shape=(2**32 + 144,), dtype='f8'))(p))
case('cnn_w0_int', 'cnn', r'Dataset /cnn/w0 in HDF5 file .*: is of HDF5 type class integer')(
    lambda p: replace_dataset('cnn/w0', lambda h, k, d: h.create_dataset(k, data=(d * 1000).astype('i8')))(p))

# ---- another problem, another run (bug 5) ----
case('other_problem', 'rd', r"was written by problem 'chemotaxis', expected problem 'gray-scott'")(lambda p: h5edit(lambda h: h.attrs.__setitem__('problem', np().bytes_(b'chemotaxis')))(p))
case('not_tessera', 'rd', r'was not written by tessera')(lambda p: h5edit(lambda h: h.attrs.__delitem__('tessera_version'))(p))
case('param_D1', 'rd', r'was written with parameter D1 = 3.0000000000000001e-05, this run has 2.0000000000000002e-05')(lambda p: attr('checkpoint/parameters', 'D1', 3e-5)(p))
case('param_grid', 'rd', r'was written with parameter grid_x = 64, this run has 32')(lambda p: attr('checkpoint/parameters', 'grid_x', 64.0)(p))
case('param_missing', 'rd', r'does not record parameter grid_x')(lambda p: h5edit(lambda h: h.__delitem__('checkpoint/parameters'))(p))


# ---- byte-level damage ----
def truncate(fraction):
    def run(path):
        size = os.path.getsize(path)
        with open(path, 'r+b') as f:
            f.truncate(max(1, int(size * fraction)) if fraction < 1 else size - 1)
    return run


case('truncated_10', 'rd', r'is truncated or corrupt: HDF5 cannot open it')(truncate(0.10))
case('truncated_50', 'rd', r'is truncated or corrupt: HDF5 cannot open it')(truncate(0.50))
case('truncated_1byte', 'rd', r'is truncated or corrupt: HDF5 cannot open it')(truncate(1.0))


def reference_of(reader):
    return {'rd': 0, 'cnn': 1}[reader]


def main():
    if sys.argv[1:2] == ['--list']:
        for name, reader, expected, _ in CASES:
            print(f'{name}|{reader}|{expected}')
        return 0
    if sys.argv[1:2] != ['--make'] or len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    sources, outdir = sys.argv[2:4], sys.argv[4]
    os.makedirs(outdir, exist_ok=True)
    for name, reader, expected, fn in CASES:
        path = os.path.join(outdir, name + '.h5')
        shutil.copyfile(sources[reference_of(reader)], path)
        fn(path)
    print(f'io_corpus: {len(CASES)} files in {outdir}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
