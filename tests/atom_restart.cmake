# SCF checkpoint/restart of examples/atom: an interrupted run (6 SCF iterations, checkpoint every 3) restarted
# from its checkpoint reaches the total energy of the uninterrupted run, in fewer iterations.
# -DMODEL=dirac runs the same scenario with the Dirac-Kohn-Sham RLDA model.
include(${HARNESS})
set(M)
if(MODEL)
  set(M -atom_model ${MODEL})
endif()
tessera_run(out COMMAND ${EXE} ${M} -atom_z 26 -output full.h5 -test)
tessera_expect("${out}" "converged yes" "uninterrupted run converges")
tessera_run(out EXPECT_FAIL COMMAND ${EXE} ${M} -atom_z 26 -atom_scf_max_it 6 -checkpoint ck.h5 -checkpoint_interval 3 -test)
tessera_expect("${out}" "converged no" "interrupted run stops early")
tessera_expect("${out}" "the SCF stopped with DIVERGED_ITS after 6 iterations" "an SCF that did not converge exits nonzero with the reason")
tessera_run(out COMMAND ${EXE} ${M} -atom_z 26 -restart ck.h5 -compare full.h5 -atom_converged_reason)
tessera_expect("${out}" "Restarting from ck.h5 \\(SCF iteration 6\\)" "restart reads the checkpoint of iteration 6")
tessera_expect("${out}" "total energy agrees with full.h5 to 1e-9: yes" "restarted run reproduces the total energy")
tessera_run(out EXPECT_FAIL COMMAND ${EXE} ${M} -atom_z 27 -restart ck.h5)
tessera_expect("${out}" "written for another atom or discretisation" "restart of another atom is refused")
