# Scenario: examples/logreg (nlp with problem logreg as its default) solves heart_scale to KKT <= 1e-8 and writes its
# HDF5 result (history, solution, the logreg attributes and /logreg/A, b); examples/figures/fig_logreg.py draws it.
# Defines: EXE (logreg), PY, FIG.
include(${HARNESS})
tessera_run(out COMMAND ${EXE} -tao_gatol 1e-8 -test -test_tol 1e-8 -output logreg_heart_scale.h5)
tessera_expect("${out}" "logreg: KKT residual <= 1e-08: yes" "logreg reaches 1e-8 on heart_scale")
execute_process(COMMAND ${PY} ${FIG} . figures RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rv EQUAL 0 OR NOT EXISTS ${CMAKE_CURRENT_BINARY_DIR}/figures/fig_logreg.png)
  message(FATAL_ERROR "fig_logreg.py did not draw figures/fig_logreg.png")
endif()
tessera_expect("${out}" "fig_logreg.png" "figure written")
