# cmake -DPROGRAM=… -DARG=… -DOUTPUT=… -P run_to_file.cmake: runs PROGRAM ARG and writes what it
# prints to OUTPUT. The build makes the man pages and bash completion scripts this way, with
# the programs themselves (--help-man, --help-bash-completion), from the option definitions
# that --help prints: the three cannot drift apart.
execute_process(COMMAND "${PROGRAM}" "${ARG}" OUTPUT_FILE "${OUTPUT}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE "${OUTPUT}")
  message(FATAL_ERROR "'${PROGRAM} ${ARG}' failed (${status})")
endif()
