# An install that stands alone: install tessera into a scratch prefix, move the prefix elsewhere (the build tree and the
# source tree stay where they are, but the installed library never looks there: its data directory is found relative
# to the library itself), build a user's program against the moved prefix with find_package(tessera), and run the
# cases that read tessera's data files by default (bilevel svm, cleaning; atoms nist_lda). Every data file read must
# lie in the moved prefix, and the answers must be right.
include(${HARNESS})
set(first ${CMAKE_CURRENT_BINARY_DIR}/prefix-installed)
set(moved ${CMAKE_CURRENT_BINARY_DIR}/prefix-moved)
file(REMOVE_RECURSE ${first} ${moved} ${CMAKE_CURRENT_BINARY_DIR}/standalone-build)
tessera_run(out NO_FLAGS COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${first})
foreach(f nist_lda_reference.tsv nist_rlda_reference.tsv heart_scale breast_cancer_scale LICENSE.md spam_scale spam_scale.LICENSE.md dncnn.h5)
  if(NOT EXISTS ${first}/share/tessera/${f})
    message(FATAL_ERROR "data file not installed: ${first}/share/tessera/${f}")
  endif()
endforeach()
file(RENAME ${first} ${moved})
tessera_run(out NO_FLAGS COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${CMAKE_CURRENT_BINARY_DIR}/standalone-build -DCMAKE_PREFIX_PATH=${moved} -DCMAKE_C_COMPILER=${CC})
tessera_run(out NO_FLAGS COMMAND ${CMAKE_COMMAND} --build ${CMAKE_CURRENT_BINARY_DIR}/standalone-build)
tessera_run(out COMMAND ${CMAKE_COMMAND} -E env --unset=TESSERA_DATA_DIR ${CMAKE_CURRENT_BINARY_DIR}/standalone-build/standalone -bilevel_max_it 2000)
tessera_expect("${out}" "data ${moved}/share/tessera/heart_scale:" "svm read heart_scale from the moved prefix")
tessera_expect("${out}" "data ${moved}/share/tessera/breast_cancer_scale:" "cleaning read breast_cancer_scale from the moved prefix")
tessera_expect("${out}" "reference ${moved}/share/tessera/nist_lda_reference.tsv\n" "nist_lda read its table from the moved prefix")
tessera_expect("${out}" "svm: test accuracy [0-9.]+ >= 0.70: yes" "svm solved")
tessera_expect("${out}" "cleaning: test accuracy [0-9.]+ >= 0.80: yes" "cleaning solved")
tessera_expect("${out}" "< 1e-6: yes" "nist_lda solved")
