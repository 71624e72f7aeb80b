# Scenario: examples/nlp writes HDF5 histories for fixed and sharpening theta, the rates are checked, and
# examples/figures/fig_alsketch.py draws them (continuations and scaling off, so that only the theta schedule differs).
# Defines: EXE (nlp), PY, RATES, FIG.
include(${HARNESS})
foreach(p HS7 BT2)
  foreach(g 0 1)
    tessera_run(out COMMAND ${EXE} -problem ${p} -tao_gatol 1e-10 -tao_alsketch_theta 0.5 -tao_alsketch_theta_power ${g} -tao_alsketch_extend 0 -tao_alsketch_scaling none
                -output alsketch_${p}_theta${g}.h5 -test -test_tol 1e-10)
    tessera_expect("${out}" "${p}: KKT residual <= 1e-10: yes" "${p} theta_power ${g} reaches 1e-10")
  endforeach()
endforeach()
execute_process(COMMAND ${PY} ${RATES} . HS7 BT2 RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rv EQUAL 0)
  message(FATAL_ERROR "rate checks failed")
endif()
execute_process(COMMAND ${PY} ${FIG} . figures RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rv EQUAL 0 OR NOT EXISTS ${CMAKE_CURRENT_BINARY_DIR}/figures/fig_alsketch.png)
  message(FATAL_ERROR "fig_alsketch.py did not draw figures/fig_alsketch.png")
endif()
tessera_expect("${out}" "fig_alsketch.png" "figure written")
