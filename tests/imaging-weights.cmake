# Where the CNN denoiser finds its weights: -denoiser_cnn_weights, then $TESSERA_DATA_DIR, then tessera's data
# directory (the build tree's copy, build/share/tessera, for the library of a build tree). Each run views the denoiser before set up (the places looked in) and after (the file
# loaded), and checks the loaded network against the training framework's stored output (every check of t305's
# CheckCNN prints ok, the last one is looked for; a FAILED check fails the run through its exit status).
include(${HARNESS})
get_filename_component(data "datadir" ABSOLUTE)
get_filename_component(empty "emptydir" ABSOLUTE)
get_filename_component(other "other-weights.h5" ABSOLUTE)
file(REMOVE_RECURSE ${data} ${empty})
file(MAKE_DIRECTORY ${data} ${empty})
file(COPY_FILE ${WEIGHTS} ${data}/dncnn.h5)
file(COPY_FILE ${WEIGHTS} ${other})

# default: TESSERA_DATA_DIR unset, then the data directory of the build tree, in that order
tessera_run(out COMMAND ${CMAKE_COMMAND} -E env --unset=TESSERA_DATA_DIR ${T305} -n 16 -weights_only)
tessera_expect("${out}" "\\$TESSERA_DATA_DIR \\(not set\\)\n[^\n]*share/tessera \\(build tree\\)\n" "default places in order")
tessera_expect("${out}" "weights [^\n]*share/tessera/dncnn.h5\n" "default weights loaded")
tessera_expect("${out}" "ok: cnn Winograd vs im2col on a 13 x 9 frame" "default weights match the training framework")
# TESSERA_DATA_DIR comes first
tessera_run(out COMMAND ${CMAKE_COMMAND} -E env TESSERA_DATA_DIR=${data} ${T305} -n 16 -weights_only)
tessera_expect("${out}" "weights ${data}/dncnn.h5\n" "TESSERA_DATA_DIR used")
tessera_expect("${out}" "ok: cnn Winograd vs im2col on a 13 x 9 frame" "weights from TESSERA_DATA_DIR match")
# a TESSERA_DATA_DIR without the file falls through to the next places
tessera_run(out COMMAND ${CMAKE_COMMAND} -E env TESSERA_DATA_DIR=${empty} ${T305} -n 16 -weights_only)
tessera_expect("${out}" "weights [^\n]*share/tessera/dncnn.h5\n" "fall-through past an empty TESSERA_DATA_DIR")
# the option wins over the environment
tessera_run(out COMMAND ${CMAKE_COMMAND} -E env TESSERA_DATA_DIR=${data} ${T305} -n 16 -weights_only -denoiser_cnn_weights ${other})
tessera_expect("${out}" "weights ${other}\n" "-denoiser_cnn_weights wins")
