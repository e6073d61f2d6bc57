include(GNUInstallDirs)

# newsdex_program_docs(TARGET): after TARGET is built, writes TARGET.1 (its man page) and its
# bash completion script into the build tree, and installs them under share/man/man1 and
# share/bash-completion/completions (where bash-completion looks for TARGET's script).
function(newsdex_program_docs target)
  set(man ${CMAKE_CURRENT_BINARY_DIR}/${target}.1)
  set(completion ${CMAKE_CURRENT_BINARY_DIR}/${target}.bash-completion)
  add_custom_command(
    OUTPUT ${man} ${completion}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${target}> -DARG=--help-man
            -DOUTPUT=${man} -P ${PROJECT_SOURCE_DIR}/cmake/run_to_file.cmake
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${target}> -DARG=--help-bash-completion
            -DOUTPUT=${completion} -P ${PROJECT_SOURCE_DIR}/cmake/run_to_file.cmake
    DEPENDS ${target} ${PROJECT_SOURCE_DIR}/cmake/run_to_file.cmake
    COMMENT "Writing the man page and bash completion of ${target}"
    VERBATIM)
  add_custom_target(${target}-docs ALL DEPENDS ${man} ${completion})
  install(FILES ${man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
          RENAME ${target})
endfunction()
