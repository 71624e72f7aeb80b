# ParaView opens tessera's XDMF sidecars with their fields (python3-paraview's pvpython, both XDMF readers): a 1-D,
# a 2-D (2 ranks) and a 3-D chemotaxis time series, a Gray-Scott final state and a dynamic CT reconstruction (its frames
# as a time series, and the same frames as one x-y-t volume, 2 ranks), checked against the HDF5 by
# tests/paraview_xdmf.py (time values, array names, cell counts, value ranges per step, bounds, xy plane).
include(${HARNESS})
file(REMOVE_RECURSE ${CMAKE_CURRENT_BINARY_DIR}/out)
file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/out)
set(ct ${CHEMOTAXIS} -ts_max_time 0.02 -output_interval 2 -test)
tessera_run(out COMMAND ${ct} -chemotaxis_dim 1 -da_grid_x 32 -output out/ct1.h5)
tessera_run(out NP 2 COMMAND ${ct} -chemotaxis_dim 2 -da_grid_x 40 -da_grid_y 20 -chemotaxis_L 2,1 -chemotaxis_eps 1e-2 -problem gaussian -gaussian_mass 10
            -gaussian_width 0.1 -gaussian_floor 0.1 -output out/ct2.h5)
tessera_run(out COMMAND ${ct} -chemotaxis_dim 3 -da_grid_x 6 -da_grid_y 5 -da_grid_z 4 -chemotaxis_L 3,2,1 -output out/ct3.h5)
tessera_run(out COMMAND ${RD} -da_grid_x 32 -da_grid_y 24 -ts_max_time 50 -test -output out/rd.h5)
tessera_run(out NP 2 COMMAND ${DYNAMIC_CT} -problem lowrank -n 16 -frames 32 -recon_psm_knots 5 -recon_max_it 2 -recon_denoiser_type tv
            -methods redpsm -progress 0 -output out/dct.h5)
foreach(f ct1 ct2 ct3 rd dct dct_xyt)
  if(NOT EXISTS ${CMAKE_CURRENT_BINARY_DIR}/out/${f}.xmf)
    message(FATAL_ERROR "no XDMF file out/${f}.xmf next to out/${f}.h5")
  endif()
endforeach()
string(TIMESTAMP t0 "%s")
tessera_run(out NO_FLAGS COMMAND ${PVPYTHON} ${CHECK} out/ct1.xmf:1 out/ct2.xmf:2 out/ct3.xmf:3 out/rd.xmf:2 out/dct.xmf:2 out/dct_xyt.xmf:3)
string(TIMESTAMP t1 "%s")
math(EXPR dt "${t1} - ${t0}")
message("pvpython check: ${dt} s")
if(out MATCHES "HDF5-DIAG|Skipping unrecognized|ERR\\||FAILED|Traceback")
  message(FATAL_ERROR "ParaView reported an error: ${CMAKE_MATCH_0}")
endif()
foreach(f ct1 ct2 ct3 rd dct dct_xyt)
  foreach(reader Xdmf3ReaderS XDMFReader)
    tessera_expect("${out}" "${f}.xmf \\(${reader}\\): [0-9]+ steps, arrays .* ranges equal the HDF5" "${f}.xmf opens in ParaView's ${reader} with its fields")
  endforeach()
endforeach()
