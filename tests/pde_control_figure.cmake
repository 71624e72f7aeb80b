# Scenario: examples/pde_control (nlp with problem CONTROL as its default) solves the 2-D control problem on two meshes
# with the block-preconditioned inner solver to KKT <= 1e-8 and writes the HDF5 results (history, solution, the control
# attributes); examples/figures/fig_pde_control.py draws state, control, target and convergence.
# Defines: EXE (pde_control), PY, FIG.
include(${HARNESS})
foreach(n 31 63)
  tessera_run(out COMMAND ${EXE} -control_n ${n} -tao_alsketch_inner block -tao_gatol 1e-8 -test -test_tol 1e-8 -output pde_control_${n}.h5)
  tessera_expect("${out}" "CONTROL: KKT residual <= 1e-08: yes" "pde_control reaches 1e-8 with N = ${n}")
endforeach()
execute_process(COMMAND ${PY} ${FIG} . figures RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rv EQUAL 0 OR NOT EXISTS ${CMAKE_CURRENT_BINARY_DIR}/figures/fig_pde_control.png)
  message(FATAL_ERROR "fig_pde_control.py did not draw figures/fig_pde_control.png")
endif()
tessera_expect("${out}" "fig_pde_control.png" "figure written")
