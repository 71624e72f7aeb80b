# Scenario: a RED-PSM run resumed from its checkpoint ends exactly where the uninterrupted run ends; 2 MPI ranks
# give the same reconstruction (to rounding).
include(${HARNESS})
# the low-rank phantom: RED-PSM passes the PSNR > 20 dB check of -test after 3 and 6 iterations
set(common -problem lowrank -n 32 -frames 32 -recon_psm_knots 9 -recon_denoiser_type gaussian -recon_spatial_ksp_rtol 1e-12 -recon_spatial_ksp_max_it 1000)
tessera_run(out COMMAND ${EXE} ${common} -recon_max_it 6 -output ref.h5 -test)
tessera_expect("${out}" "redpsm: converged" "reference run")
tessera_run(out COMMAND ${EXE} ${common} -recon_max_it 3 -recon_checkpoint ck.h5 -recon_checkpoint_interval 3 -test)
tessera_run(out COMMAND ${EXE} ${common} -recon_max_it 6 -recon_resume ck.h5 -compare ref.h5 -compare_tol 1e-13)
tessera_expect("${out}" "reconstruction matches ref.h5 to 1e-13 relative: yes" "resumed run equals the uninterrupted one")
tessera_run(out NP 2 COMMAND ${EXE} ${common} -recon_max_it 6 -compare ref.h5 -compare_tol 1e-9 -test)
tessera_expect("${out}" "reconstruction matches ref.h5 to 1e-09 relative: yes" "2 MPI ranks give the same reconstruction (tight inner CG)")
tessera_run(out EXPECT_FAIL COMMAND ${EXE} ${common} -recon_max_it 6 -recon_resume no-such-checkpoint.h5)
tessera_expect("${out}" "no-such-checkpoint.h5" "a missing checkpoint is named")
