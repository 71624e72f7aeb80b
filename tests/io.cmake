# io hardening tests (t007-t009): the damaged-file corpus of the reliability review as bad-input ctests.
#
# t007-io-corpus-make writes a good rd checkpoint (32 x 32 grid) and, with h5py, one damaged copy per case of
# tests/io_corpus.py (cases and expected messages are listed by `io_corpus.py --list`). Each case is one ctest
# t007-io-corpus-<name>: the reader (rd -restart or the CNN weight loader in t305) must fail with a PETSc error
# matching the expected message and must not crash, or, for the cases marked OK, accept the file.
if(TESSERA_HAVE_PYTHON_HDF5 AND TESSERA_BUILD_EXAMPLES)
  set(corpus_py ${CMAKE_CURRENT_SOURCE_DIR}/io_corpus.py)
  set(corpus_dir ${CMAKE_BINARY_DIR}/tests/run/t007-io-corpus-make)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${corpus_py})
  execute_process(COMMAND ${TESSERA_PYTHON} ${corpus_py} --list OUTPUT_VARIABLE corpus_cases RESULT_VARIABLE rv)
  if(NOT rv EQUAL 0)
    message(FATAL_ERROR "io_corpus.py --list failed")
  endif()
  set(rd_args -da_grid_x 32 -da_grid_y 32 -ts_max_time 50 -test)
  set(ct_args -da_grid_x 16 -da_grid_y 16 -ts_max_time 0.05 -test)
  set(atom_args -atom_z 2 -atom_preset fast -test)
  string(REPLACE ";" "|" ct_list "${ct_args}")
  string(REPLACE ";" "|" atom_list "${atom_args}")
  tessera_add_script_test(NAME t007-io-corpus-make SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/io_corpus_make.cmake LABELS io
                          DEFINES -DRD=$<TARGET_FILE:rd> -DCHEMOTAXIS=$<TARGET_FILE:chemotaxis> -DATOM=$<TARGET_FILE:atom>
                                  "-DCT_ARGS=${ct_list}" "-DATOM_ARGS=${atom_list}" -DPYTHON=${TESSERA_PYTHON} -DCORPUS=${corpus_py}
                                  -DWEIGHTS=${CMAKE_SOURCE_DIR}/operators/denoiser/weights/dncnn.h5)
  set_tests_properties(t007-io-corpus-make PROPERTIES FIXTURES_SETUP io-corpus)
  string(REPLACE "\n" ";" corpus_cases "${corpus_cases}")
  foreach(line IN LISTS corpus_cases)
    if(NOT line)
      continue()
    endif()
    string(REPLACE "|" ";" fields "${line}")
    list(GET fields 0 name)
    list(GET fields 1 reader)
    list(GET fields 2 expected)
    set(file ${corpus_dir}/corpus/${name}.h5)
    if(reader STREQUAL "rd")
      set(target rd)
      set(args ${rd_args} -restart ${file})
    elseif(reader STREQUAL "ct")
      set(target chemotaxis)
      set(args -da_grid_x 16 -da_grid_y 16 -ts_max_time 0.1 -test -restart ${file})
    elseif(reader STREQUAL "atom")
      set(target atom)
      set(args ${atom_args} -restart ${file})
    else()
      set(target t305)
      set(args -n 16 -weights_only -denoiser_cnn_weights ${file})
    endif()
    if(expected STREQUAL "OK")
      tessera_add_test(NAME t007-io-corpus-${name} TARGET ${target} ARGS ${args} LABELS io FIXTURES_REQUIRED io-corpus)
    else()
      tessera_add_test(NAME t007-io-corpus-${name} TARGET ${target} ARGS ${args} EXPECT_ERROR "${expected}" LABELS io FIXTURES_REQUIRED io-corpus)
    endif()
  endforeach()
  # a checkpoint of another grid with the same number of unknowns (review bug 5)
  tessera_add_test(NAME t007-io-corpus-other-grid TARGET rd ARGS -da_grid_x 16 -da_grid_y 64 -ts_max_time 50 -test -restart ${corpus_dir}/ck.h5
                   EXPECT_ERROR "Dataset /checkpoint/uv in HDF5 file .* has shape 32 x 32 x 2, expected 64 x 16 x 2" LABELS io FIXTURES_REQUIRED io-corpus)
  # the chemotaxis and atom checkpoints restarted into another grid or discretisation
  tessera_add_test(NAME t007-io-corpus-ct-other-grid TARGET chemotaxis ARGS -da_grid_x 32 -da_grid_y 8 -ts_max_time 0.1 -test -restart ${corpus_dir}/ct.h5
                   EXPECT_ERROR "holds a 2-D state on 16 x 16 x 1 cells, but this run is 2-D on 32 x 8 x 1 cells: refusing to read it on another grid" LABELS io FIXTURES_REQUIRED io-corpus)
  tessera_add_test(NAME t007-io-corpus-atom-other-order TARGET atom ARGS ${atom_args} -atom_order 10 -restart ${corpus_dir}/atom.h5
                   EXPECT_ERROR "Checkpoint .*atom.h5 was written for another atom or discretisation" LABELS io FIXTURES_REQUIRED io-corpus)
endif()

# safe writes (review bug 8): exclusive random temporary file, existing files and planted links untouched, mode
# kept, read-only/dangling/directory targets refused, writes through a symbolic link replace its target
tessera_add_unit(t008-io-safe-write)
tessera_add_test(NAME t008-io-safe-write TARGET t008 ARGS -dir t008-np1 LABELS unit io)
tessera_add_test(NAME t008-io-safe-write-np2 TARGET t008 NP 2 ARGS -dir t008-np2 LABELS unit io)
# a run ending by an error during a write leaves no temporary file and the previous files unchanged (1 and 2 ranks)
if(TESSERA_BUILD_EXAMPLES)
  tessera_add_script_test(NAME t008-io-error-exit SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/io_error_exit.cmake LABELS io DEFINES -DEXE=$<TARGET_FILE:rd>)
  tessera_add_script_test(NAME t008-io-error-exit-np2 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/io_error_exit.cmake NP 2 LABELS io mpi DEFINES -DEXE=$<TARGET_FILE:rd> -DNP=2)
endif()

# LIBSVM reader (review: indices above 2^31 aliased, NUL byte and truncated last line parsed as samples)
tessera_add_unit(t009-libsvm)
tessera_add_test(NAME t009-libsvm TARGET t009 LABELS unit io)
foreach(bad "index31;line 2: feature index 2147483648 is larger than the largest supported index 2147483647"
            "index64;line 2: feature index 99999999999999999999999 is larger than the largest supported index"
            "nul;line 2: the line holds a NUL byte" "truncated;line 2: the last line does not end with a newline: the file may be truncated")
  list(GET bad 0 case)
  list(GET bad 1 msg)
  tessera_add_test(NAME t009-libsvm-bad-${case} TARGET t009 ARGS -bad ${case} EXPECT_ERROR "Malformed LIBSVM file t009-${case}.libsvm, ${msg}" LABELS unit io)
endforeach()

# kill rd, chemotaxis and atom at seeded random checkpoint writes, resume, compare (10 trials each, 1 and 2 ranks;
# rd bit for bit, chemotaxis to 1e-10 relative, atom energy to 1e-9 Ha)
if(TESSERA_BUILD_EXAMPLES)
  tessera_add_script_test(NAME t007-io-kill-resume SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/io_kill.cmake NP 2 LABELS io mpi
                          DEFINES -DEXE=$<TARGET_FILE:rd> "-DCOMMON=-da_grid_x|24|-da_grid_y|24|-ts_max_time|150|-test" -DINTERVAL=2 -DWRITES=8
                                  -DMODE=rd -DCOMPARE=$<TARGET_FILE:t002> -DSEED=2026 -DTRIALS=10)
  tessera_add_script_test(NAME t007-io-kill-resume-chemotaxis SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/io_kill.cmake NP 2 LABELS io mpi
                          DEFINES -DEXE=$<TARGET_FILE:chemotaxis> "-DCOMMON=-da_grid_x|24|-da_grid_y|24|-init|ill|-cosine_nbar|5|-ts_max_time|0.2|-test" -DINTERVAL=2 -DWRITES=36
                                  -DMODE=self "-DEXPECT=final state matches full[12].h5 to 1e-10 relative: yes" -DTOL=1e-10 -DSEED=2027 -DTRIALS=10)
  tessera_add_script_test(NAME t007-io-kill-resume-atom SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/io_kill.cmake NP 2 LABELS io mpi
                          DEFINES -DEXE=$<TARGET_FILE:atom> "-DCOMMON=-atom_z|10|-atom_preset|fast|-test" -DINTERVAL=2 -DWRITES=8
                                  -DMODE=self "-DEXPECT=total energy agrees with full[12].h5 to 1e-9: yes" -DSEED=2028 -DTRIALS=10)
endif()

# option fuzzing (review: 463 bad option values): every real and integer option of tessera that each example reads
# (found in its -help output) gets nan, inf, -inf, -1, 0, 1e300 (reals) or -1, 0, 2147483647 (integers); each run must
# be refused with a message naming the option, or the value be documented as meaningful in tests/option_fuzz.py,
# and never crash or trip a sanitizer. One test per configuration (tests/option_fuzz.py --list).
if(TESSERA_BUILD_EXAMPLES AND TESSERA_PYTHON)
  set(fuzz_py ${CMAKE_CURRENT_SOURCE_DIR}/option_fuzz.py)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${fuzz_py})
  execute_process(COMMAND ${TESSERA_PYTHON} ${fuzz_py} --list OUTPUT_VARIABLE fuzz_configs RESULT_VARIABLE rv)
  if(NOT rv EQUAL 0)
    message(FATAL_ERROR "option_fuzz.py --list failed")
  endif()
  string(REPLACE "\n" ";" fuzz_configs "${fuzz_configs}")
  set(fuzz_flags)
  if(TESSERA_SANITIZE)
    set(fuzz_flags --asan)
  endif()
  foreach(config IN LISTS fuzz_configs)
    if(config)
      set(wd ${CMAKE_BINARY_DIR}/tests/run/t013-option-fuzz-${config})
      file(MAKE_DIRECTORY ${wd})
      add_test(NAME t013-option-fuzz-${config} COMMAND ${TESSERA_PYTHON} ${fuzz_py} --run ${config} --bindir $<TARGET_FILE_DIR:rd> --jobs 2 ${fuzz_flags} WORKING_DIRECTORY ${wd})
      tessera_test_env(env t013-option-fuzz-${config})
      set_tests_properties(t013-option-fuzz-${config} PROPERTIES PROCESSORS 2 TIMEOUT 1200 ENVIRONMENT "${env}" LABELS "io;bad-input;fuzz")
    endif()
  endforeach()
endif()
