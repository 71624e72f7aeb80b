# Bad-input scenarios of the imaging family: each run must fail cleanly with a clear PETSc error message.
# (tessera_add_test's EXPECT_ERROR passes only one argument through, so the cases are run from here.)
include(${HARNESS})

function(imaging_expect_error what regex)
  tessera_run(out EXPECT_FAIL COMMAND ${ARGN})
  tessera_expect("${out}" "PETSC ERROR" "${what}: PETSc error raised")
  tessera_expect("${out}" "${regex}" "${what}: message")
  if(out MATCHES "Caught signal|Segmentation|AddressSanitizer|runtime error:")
    message(FATAL_ERROR "${what}: the program crashed instead of failing cleanly")
  endif()
endfunction()

imaging_expect_error("angle count vs frames" "angle count 10 does not match frame count 8" ${T301} -n 16 -frames 8 -angles 10)
if(DEFINED T302)
  imaging_expect_error("phantom size vs operator" "[Ii]mage size" ${T302} -bad_size)
endif()
