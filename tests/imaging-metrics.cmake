# t303 computes PSNR/SSIM and writes them with the arrays; scikit-image recomputes them (tolerance 1e-6).
include(${HARNESS})
tessera_run(out NP ${NP} COMMAND ${EXE} -n 32 -frames 10 -output metrics.h5)
tessera_run(oracle NO_FLAGS COMMAND ${PYTHON} ${ORACLE} metrics.h5)
tessera_expect("${oracle}" "PASS" "PSNR and SSIM match scikit-image to 1e-6")
