#!/usr/bin/python3
"""Damaged-file corpus for tessera's HDF5 readers (the reliability review's fault injection, as tests).

  io_corpus.py --list                       print one case per line: name|reader|expected
  io_corpus.py --make RDCK WEIGHTS CTCK ATOMCK OUTDIR
                                            write OUTDIR/<name>.h5 for every case from a good rd checkpoint RDCK,
                                            CNN weight file WEIGHTS, chemotaxis checkpoint CTCK, atom checkpoint ATOMCK

A dataset replaced by h5py loses its attributes, the tessera_checksum among them: such files test the checks
behind the checksum (read unverified, as files written before checksums). reader is the program that reads the file: "rd" (rd -restart FILE), "cnn" (t305 -weights_only
-denoiser_cnn_weights FILE), "ct" (chemotaxis -restart FILE) or "atom" (atom -restart FILE). expected is a regular expression (without '|', which the test harness uses as separator) the PETSc error message must match, or "OK" for a
file that must be accepted (the run must succeed). Each damage is one h5py edit (or a byte edit) of a copy of a
good file, so the corpus is regenerated from the current writer on every test run.
"""
import os
import shutil
import sys

CASES = []  # (name, reader, expected, function(path), source)
SOURCES = ['rd', 'cnn', 'ct', 'atom']  # the good files given to --make, in this order


def case(name, reader, expected, source=None):
    """A damaged copy of the good file of source (default: the reader's own) that reader must refuse with expected"""
    def wrap(fn):
        CASES.append((name, reader, expected, fn, source or reader))
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


def flip_data_bit(seed, dataset='checkpoint/uv'):
    """Flips one seeded random bit in the raw data of a dataset (located with h5py, flipped in the bytes)"""
    def run(path):
        import h5py
        import random
        rng = random.Random(seed)
        with h5py.File(path, 'r') as h:
            ds = h[dataset]
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


# ---- the chemotaxis checkpoint reader (chemotaxis -restart FILE, 16 x 16 grid) ----
CT = 'checkpoint'
case('ct_step_array', 'ct', r'Attribute step on /checkpoint in HDF5 file .*: holds 3 values')(lambda p: attr(CT, 'step', [1, 2, 3])(p))
case('ct_dim_array', 'ct', r'Attribute dim on /checkpoint in HDF5 file .*: holds 2 values')(lambda p: attr(CT, 'dim', np().array([2, 2], dtype='i4'))(p))
case('ct_grid_string', 'ct', r'Attribute grid_x on /checkpoint .*: is of HDF5 type class string, expected integer')(lambda p: attr(CT, 'grid_x', np().bytes_(b'sixteen'))(p))
case('ct_grid_huge', 'ct', r'Attribute grid_y on /checkpoint .*: value 1099511627776 does not fit a PetscInt')(lambda p: attr(CT, 'grid_y', np().int64(2**40))(p))
case('ct_eps_array', 'ct', r'Attribute eps on /checkpoint .*: holds 4 values')(lambda p: attr(CT, 'eps', np().zeros(4))(p))
case('ct_eps_string', 'ct', r'Attribute eps on /checkpoint .*: is of HDF5 type class string, expected floating-point')(lambda p: attr(CT, 'eps', 'small')(p))
case('ct_domain_nan', 'ct', r'Attribute domain_x on /checkpoint .*: value is NaN or Inf')(lambda p: attr(CT, 'domain_x', float('nan'))(p))
case('ct_limit_int', 'ct', r'Attribute limit on /checkpoint .*: is of HDF5 type class integer, expected string')(lambda p: attr(CT, 'limit', np().int32(7))(p))
case('ct_time_nan', 'ct', r'Attribute time on /checkpoint .*: value is NaN or Inf')(lambda p: attr(CT, 'time', float('nan'))(p))
case('ct_time_huge', 'ct', r'stored time 1e\+300 on /checkpoint is outside this run')(lambda p: attr(CT, 'time', 1e300)(p))
case('ct_time_negative', 'ct', r':/checkpoint has time -1[.]?: must be >= 0')(lambda p: attr(CT, 'time', -1.0)(p))
case('ct_time_step_negative', 'ct', r':/checkpoint has time step -0.1: must be > 0')(lambda p: attr(CT, 'time_step', -0.1)(p))
case('ct_time_step_inf', 'ct', r'Attribute time_step on /checkpoint .*: value is NaN or Inf')(lambda p: attr(CT, 'time_step', float('inf'))(p))
case('ct_step_max', 'ct', r'stored step number 2147483647 on /checkpoint is not in')(lambda p: attr(CT, 'step', np().int32(2**31 - 1))(p))
case('ct_step_implausible', 'ct', r'holds [0-9]+ history rows for step 2147483646')(lambda p: attr(CT, 'step', np().int32(2**31 - 2))(p))
case('ct_step_negative', 'ct', r':/checkpoint has step number -1: must be >= 0')(lambda p: attr(CT, 'step', np().int32(-1))(p))
case('ct_step_zero', 'ct', r'stored step number 0 and time .* are inconsistent')(lambda p: attr(CT, 'step', np().int32(0))(p))
case('ct_history_missing', 'ct', r'has no /checkpoint/history/time')(lambda p: h5edit(lambda h: h.__delitem__('checkpoint/history'))(p))
case('ct_history_time_changed', 'ct', r'the last history time .* differs from the checkpoint time')(
    lambda p: replace_dataset('checkpoint/history/time', lambda h, k, d: (d.__setitem__(-1, 0.5 * (d[-2] + d[-1])), h.create_dataset(k, data=d)))(p))  # still increasing
case('ct_history_value_changed', 'ct', r'Dataset /checkpoint/history/mass in HDF5 file .* fails its checksum')(lambda p: h5edit(lambda h: h['checkpoint/history/mass'].__setitem__(0, 123.0))(p))
case('ct_U_int', 'ct', r'Dataset /checkpoint/U in HDF5 file .*: is of HDF5 type class integer, expected floating-point')(
    lambda p: replace_dataset('checkpoint/U', lambda h, k, d: h.create_dataset(k, data=d.astype('i4')))(p))
case('ct_U_short', 'ct', r'Dataset /checkpoint/U in HDF5 file .* has 700 entries, expected 768')(
    lambda p: replace_dataset('checkpoint/U', lambda h, k, d: h.create_dataset(k, data=d[:700]))(p))
case('ct_U_oversized', 'ct', r'Dataset /checkpoint/U in HDF5 file .* has 4294968064 entries, expected 768')(
    lambda p: replace_dataset('checkpoint/U', lambda h, k, d: h.create_dataset(k, shape=(2**32 + 768,), dtype='f8'))(p))
case('ct_U_missing', 'ct', r'has no dataset U in group /checkpoint')(lambda p: h5edit(lambda h: h.__delitem__('checkpoint/U'))(p))
case('ct_U_nan', 'ct', r'Dataset /checkpoint/U in HDF5 file .* fails its checksum')(lambda p: h5edit(lambda h: h['checkpoint/U'].__setitem__(5, float('nan')))(p))
case('ct_U_nan_no_checksum', 'ct', r'Dataset /checkpoint/U in HDF5 file .* contains NaN or Inf')(
    lambda p: replace_dataset('checkpoint/U', lambda h, k, d: (d.__setitem__(5, float('inf')), h.create_dataset(k, data=d)))(p))
case('ct_U_no_checksum', 'ct', 'OK')(lambda p: h5edit(lambda h: h['checkpoint/U'].attrs.__delitem__('tessera_checksum'))(p))
for seed in range(1, 5):
    case(f'ct_U_bitflip_{seed}', 'ct', r'Dataset /checkpoint/U in HDF5 file .* fails its checksum')(flip_data_bit(seed, 'checkpoint/U'))
case('ct_other_grid', 'ct', r'holds a 2-D state on 32 x 8 x 1 cells, but this run is 2-D on 16 x 16 x 1 cells: refusing')(
    lambda p: h5edit(lambda h: (h[CT].attrs.__setitem__('grid_x', np().int32(32)), h[CT].attrs.__setitem__('grid_y', np().int32(8))))(p))
case('ct_other_dim', 'ct', r'holds a 1-D state on 256 x 1 x 1 cells, but this run is 2-D')(
    lambda p: h5edit(lambda h: (h[CT].attrs.__setitem__('dim', np().int32(1)), h[CT].attrs.__setitem__('grid_x', np().int32(256)), h[CT].attrs.__setitem__('grid_y', np().int32(1))))(p))
case('ct_other_eps', 'ct', r'was written with eps = 0.02, tau = 1[.]?, this run has eps = 0.01')(lambda p: attr(CT, 'eps', 0.02)(p))
case('ct_other_flux', 'ct', r'was written with the UPWIND flux, this run uses SG')(lambda p: attr(CT, 'flux', np().bytes_(b'UPWIND'))(p))
case('ct_other_limit', 'ct', r"was written for the system 'pes', this run solves 'none'")(lambda p: attr(CT, 'limit', np().bytes_(b'pes'))(p))
case('ct_other_problem_rd', 'ct', r"was written by problem 'gray-scott', expected problem 'chemotaxis'", source='rd')(lambda p: None)
case('ct_other_problem_atom', 'ct', r"was written by problem 'atom', expected problem 'chemotaxis'", source='atom')(lambda p: None)
case('ct_not_tessera', 'ct', r'was not written by tessera')(lambda p: h5edit(lambda h: h.attrs.__delitem__('tessera_version'))(p))
case('ct_truncated_10', 'ct', r'is truncated or corrupt: HDF5 cannot open it')(truncate(0.10))
case('ct_truncated_50', 'ct', r'is truncated or corrupt: HDF5 cannot open it')(truncate(0.50))
case('ct_truncated_1byte', 'ct', r'is truncated or corrupt: HDF5 cannot open it')(truncate(1.0))

# ---- the atom SCF checkpoint reader (atom -restart FILE, Z = 2, fast preset) ----
case('atom_iteration_array', 'atom', r'Attribute iteration on /checkpoint in HDF5 file .*: holds 3 values')(lambda p: attr(CT, 'iteration', [1, 2, 3])(p))
case('atom_iteration_string', 'atom', r'Attribute iteration on /checkpoint .*: is of HDF5 type class string, expected integer')(lambda p: attr(CT, 'iteration', 'two')(p))
case('atom_iteration_real', 'atom', r'Attribute iteration on /checkpoint .*: is of HDF5 type class floating-point, expected integer')(lambda p: attr(CT, 'iteration', 2.5)(p))
case('atom_iteration_huge', 'atom', r'Attribute iteration on /checkpoint .*: value 1099511627776 does not fit a PetscInt')(lambda p: attr(CT, 'iteration', np().int64(2**40))(p))
case('atom_iteration_negative', 'atom', r'Checkpoint .* is at SCF iteration -3: not a valid iteration number')(lambda p: attr(CT, 'iteration', np().int32(-3))(p))
case('atom_potential_int', 'atom', r'Dataset /checkpoint/potential in HDF5 file .*: is of HDF5 type class integer, expected floating-point')(
    lambda p: replace_dataset('checkpoint/potential', lambda h, k, d: h.create_dataset(k, data=d.astype('i8')))(p))
case('atom_potential_short', 'atom', r'Checkpoint .* has 100 potential values, expected [0-9]+')(
    lambda p: replace_dataset('checkpoint/potential', lambda h, k, d: h.create_dataset(k, data=d[:100]))(p))
case('atom_potential_oversized', 'atom', r'Dataset /checkpoint/potential in HDF5 file .* declares 42949[0-9]+ entries')(
    lambda p: replace_dataset('checkpoint/potential', lambda h, k, d: h.create_dataset(k, shape=(2**32 + d.size,), dtype='f8'))(p))
case('atom_potential_2d', 'atom', r'Dataset /checkpoint/potential in HDF5 file .* declares 85899[0-9]+ entries')(
    lambda p: replace_dataset('checkpoint/potential', lambda h, k, d: h.create_dataset(k, shape=(2**16, 2**17), dtype='f8'))(p))
case('atom_potential_missing', 'atom', r'has no dataset potential in group /checkpoint')(lambda p: h5edit(lambda h: h.__delitem__('checkpoint/potential'))(p))
case('atom_potential_nan', 'atom', r'Dataset /checkpoint/potential in HDF5 file .* fails its checksum')(lambda p: h5edit(lambda h: h['checkpoint/potential'].__setitem__(3, float('nan')))(p))
case('atom_potential_nan_no_checksum', 'atom', r'Dataset /checkpoint/potential in HDF5 file .* contains NaN or Inf')(
    lambda p: replace_dataset('checkpoint/potential', lambda h, k, d: (d.__setitem__(3, float('nan')), h.create_dataset(k, data=d)))(p))
case('atom_potential_no_checksum', 'atom', 'OK')(lambda p: h5edit(lambda h: h['checkpoint/potential'].attrs.__delitem__('tessera_checksum'))(p))
for seed in range(1, 5):
    case(f'atom_potential_bitflip_{seed}', 'atom', r'Dataset /checkpoint/potential in HDF5 file .* fails its checksum')(flip_data_bit(seed, 'checkpoint/potential'))
case('atom_discretization_bitflip', 'atom', r'Dataset /checkpoint/discretization in HDF5 file .* fails its checksum')(flip_data_bit(1, 'checkpoint/discretization'))
case('atom_other_atom', 'atom', r'was written for another atom or discretisation')(
    lambda p: replace_dataset('checkpoint/discretization', lambda h, k, d: (d.__setitem__(0, 3.0), h.create_dataset(k, data=d)))(p))
case('atom_discretization_short', 'atom', r'Dataset /checkpoint/discretization in HDF5 file .* has 3 entries, expected 4')(
    lambda p: replace_dataset('checkpoint/discretization', lambda h, k, d: h.create_dataset(k, data=d[:3]))(p))
case('atom_other_problem_ct', 'atom', r"was written by problem 'chemotaxis', expected problem 'atom'", source='ct')(lambda p: None)
case('atom_other_problem_rd', 'atom', r"was written by problem 'gray-scott', expected problem 'atom'", source='rd')(lambda p: None)
case('atom_not_tessera', 'atom', r'was not written by tessera')(lambda p: h5edit(lambda h: h.attrs.__delitem__('tessera_version'))(p))
case('atom_truncated_10', 'atom', r'is truncated or corrupt: HDF5 cannot open it')(truncate(0.10))
case('atom_truncated_50', 'atom', r'is truncated or corrupt: HDF5 cannot open it')(truncate(0.50))
case('atom_truncated_1byte', 'atom', r'is truncated or corrupt: HDF5 cannot open it')(truncate(1.0))

# ---- the CNN weight reader, further ----
for seed in range(1, 4):
    case(f'cnn_w1_bitflip_{seed}', 'cnn', r'Dataset /cnn/w1 in HDF5 file .* fails its checksum')(flip_data_bit(seed, 'cnn/w1'))
case('cnn_b0_bitflip', 'cnn', r'Dataset /cnn/b0 in HDF5 file .* fails its checksum')(flip_data_bit(7, 'cnn/b0'))
case('cnn_layers_string', 'cnn', r'Attribute layers on / .*: is of HDF5 type class string, expected integer')(lambda p: h5edit(lambda h: h.attrs.__setitem__('layers', 'six'))(p))
case('cnn_layers_zero', 'cnn', r'CNN weight file .* is malformed')(lambda p: h5edit(lambda h: h.attrs.__setitem__('layers', np().int32(0)))(p))
case('cnn_channels_huge', 'cnn', r'CNN weight file .* is malformed')(lambda p: h5edit(lambda h: h.attrs.__setitem__('channels', np().int32(100000)))(p))
case('cnn_residual_two', 'cnn', r'CNN weight file .* is malformed')(lambda p: h5edit(lambda h: h.attrs.__setitem__('residual', np().int32(2)))(p))
case('cnn_w1_short', 'cnn', r'is malformed: dataset /cnn/w1 has 2000 values, expected 2304')(lambda p: replace_dataset('cnn/w1', lambda h, k, d: h.create_dataset(k, data=d[:2000]))(p))
case('cnn_w2_missing', 'cnn', r'has no dataset w2 in group /cnn')(lambda p: h5edit(lambda h: h.__delitem__('cnn/w2'))(p))
case('cnn_w0_nan_no_checksum', 'cnn', r'Dataset /cnn/w0 in HDF5 file .* contains NaN or Inf')(
    lambda p: replace_dataset('cnn/w0', lambda h, k, d: (d.__setitem__(0, float('nan')), h.create_dataset(k, data=d)))(p))
case('cnn_check_n_huge', 'cnn', r'check frame side /check n = 100000 is not in 1..4096')(lambda p: h5edit(lambda h: h['check'].attrs.__setitem__('n', np().int32(100000)))(p))
case('cnn_no_checksums', 'cnn', 'OK')(lambda p: h5edit(lambda h: [h['cnn'][n].attrs.__delitem__('tessera_checksum') for n in h['cnn']])(p))  # as files written before checksums
case('cnn_other_problem_rd', 'cnn', r"was written by problem 'gray-scott', expected problem 'dncnn'", source='rd')(lambda p: None)
case('cnn_truncated_50', 'cnn', r'is truncated or corrupt: HDF5 cannot open it')(truncate(0.50))
case('cnn_truncated_1byte', 'cnn', r'is truncated or corrupt: HDF5 cannot open it')(truncate(1.0))


def main():
    if sys.argv[1:2] == ['--list']:
        for name, reader, expected, _, _ in CASES:
            print(f'{name}|{reader}|{expected}')
        return 0
    if sys.argv[1:2] != ['--make'] or len(sys.argv) != 3 + len(SOURCES):
        print(__doc__, file=sys.stderr)
        return 2
    sources, outdir = dict(zip(SOURCES, sys.argv[2:2 + len(SOURCES)])), sys.argv[2 + len(SOURCES)]
    os.makedirs(outdir, exist_ok=True)
    for name, reader, expected, fn, source in CASES:
        path = os.path.join(outdir, name + '.h5')
        shutil.copyfile(sources[source], path)
        fn(path)
    print(f'io_corpus: {len(CASES)} files in {outdir}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
