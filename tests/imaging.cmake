# imaging family tests (t3xx): Radon and MRI operators, phantoms, denoisers, metrics
tessera_add_unit(t301-radon)
tessera_add_test(NAME t301-radon-adjoint TARGET t301 ARGS -n 64 -frames 1 -angles 256)
tessera_add_test(NAME t301-radon-adjoint-128 TARGET t301 ARGS -n 128 -frames 256 -angles 256)
tessera_add_test(NAME t301-radon-uneven-np2 TARGET t301 NP 2 ARGS -n 48 -frames 7 -angles 60 -uneven -radon_ndet 70 -radon_det_spacing 0.8)
tessera_add_test(NAME t301-radon-np2 TARGET t301 NP 2 ARGS -n 64 -frames 1 -angles 256)
tessera_add_script_test(NAME t3xx-imaging-bad-input SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/imaging-bad-input.cmake LABELS bad-input DEFINES -DT301=$<TARGET_FILE:t301>)
