# Restart files that do not belong to the run are refused with an error naming the mismatch (examples/nlp):
# another problem, other sizes, other problem data (same name and sizes), another inner solver, another solver
# type, a damaged or truncated file, a missing file; and bad checkpoint options.
# Defines: EXE (examples/nlp), PY (python3 with h5py, may be empty)
include(${HARNESS})
file(GLOB stale *.h5 *.tmp)
if(stale)
  file(REMOVE ${stale})
endif()
# checkpoints of HS7 (iteration 8 of 10) and of SPHERE with n = 10
tessera_run(out COMMAND ${EXE} -problem HS7 -tao_gatol 1e-10 -tao_alsketch_checkpoint hs7.h5 -tao_alsketch_checkpoint_interval 2)
tessera_run(out COMMAND ${EXE} -problem SPHERE -sphere_n 10 -tao_alsketch_checkpoint sphere.h5 -tao_alsketch_checkpoint_interval 1)
# the good one resumes
tessera_run(out COMMAND ${EXE} -problem HS7 -tao_gatol 1e-10 -tao_alsketch_restart hs7.h5 -tao_view)
tessera_expect("${out}" "resumed from checkpoint hs7.h5 at iteration 8" "the HS7 checkpoint resumes at iteration 8")
tessera_expect_error("another problem" "hs7.h5 was written by problem 'HS7', expected problem 'BT2'" COMMAND ${EXE} -problem BT2 -tao_alsketch_restart hs7.h5)
tessera_expect_error("other sizes" "sphere.h5 was written with parameter variables = 10, this run has 12" COMMAND ${EXE} -problem SPHERE -sphere_n 12 -tao_alsketch_restart sphere.h5)
tessera_expect_error("other problem data" "sphere.h5: the objective at the checkpointed iterate is .* in the file but .* for this problem: the checkpoint was written for another problem or other problem data"
                     COMMAND ${EXE} -problem SPHERE -sphere_n 10 -sphere_scale 3 -tao_alsketch_restart sphere.h5)
tessera_expect_error("another inner solver" "hs7.h5 was written with inner_ksp 'sketch', this run has inner_ksp 'gmres'" COMMAND ${EXE} -problem HS7 -tao_alsketch_ksp_type gmres -tao_alsketch_restart hs7.h5)
tessera_expect_error("missing file" "Cannot open HDF5 file no-such-checkpoint.h5" COMMAND ${EXE} -problem HS7 -tao_alsketch_restart no-such-checkpoint.h5)
tessera_expect_error("interval without file" "-tao_alsketch_checkpoint_interval needs -tao_alsketch_checkpoint FILE" COMMAND ${EXE} -problem HS7 -tao_alsketch_checkpoint_interval 3)
tessera_expect_error("interval 0" "Option -tao_alsketch_checkpoint_interval 0 is out of range" COMMAND ${EXE} -problem HS7 -tao_alsketch_checkpoint ck.h5 -tao_alsketch_checkpoint_interval 0)
if(PY)
  # another solver type: the solver attribute of a Bilevel checkpoint
  execute_process(COMMAND ${PY} -c "import h5py, shutil; shutil.copy('hs7.h5', 'type.h5'); f = h5py.File('type.h5', 'r+'); f['/checkpoint'].attrs['solver'] = 'bilevel lvhba'; f.close()" RESULT_VARIABLE rv)
  tessera_expect_error("another solver type" "type.h5 was written with solver 'bilevel lvhba', this run has solver 'tao alsketch'" COMMAND ${EXE} -problem HS7 -tao_alsketch_restart type.h5)
  # one value of x changed: the checksum of the dataset
  execute_process(COMMAND ${PY} -c "import h5py, shutil; shutil.copy('hs7.h5', 'flip.h5'); f = h5py.File('flip.h5', 'r+'); d = f['/checkpoint/x']; d[0] = d[0] + 1e-9; f.close()" RESULT_VARIABLE rv)
  tessera_expect_error("a damaged value" "Dataset /checkpoint/x in HDF5 file flip.h5 fails its checksum" COMMAND ${EXE} -problem HS7 -tao_alsketch_restart flip.h5)
  execute_process(COMMAND ${PY} -c "import shutil; shutil.copy('hs7.h5', 'trunc.h5'); f = open('trunc.h5', 'r+b'); f.truncate(2000); f.close()" RESULT_VARIABLE rv)
  tessera_expect_error("a truncated file" "HDF5 file trunc.h5 is truncated or corrupt|trunc.h5 is damaged" COMMAND ${EXE} -problem HS7 -tao_alsketch_restart trunc.h5)
endif()
