# bench_imaging (small, terse) writes its HDF5 output; fig_imaging.py draws both figures from it.
include(${HARNESS})
# noise 0.15: at 64^2 and the default 0.1 the Gaussian filter lowers the PSNR (20.00 -> 19.37 dB) and -test fails
tessera_run(out COMMAND ${EXE} -test -reps 2 -sk_reps 1 -frames 2 -n 64 -angles 64 -noise 0.15 -sk_python ${PYTHON} -torch_python ${TORCH} -output bench_imaging.h5)
tessera_expect("${out}" "denoiser cnn raises PSNR: yes" "benchmark ran to the end")
tessera_run(fig NO_FLAGS COMMAND ${PYTHON} ${FIG} . .)
tessera_expect("${fig}" "imaging_radon.png" "Radon figure written")
tessera_expect("${fig}" "imaging_denoisers.png" "denoiser figure written")
