# What `cmake --install build --prefix P` puts under P, and the Debian package cpack makes of it:
#   bin/moneytrail
#   share/moneytrail/cytoscape.min.js        found beside the program (../share/moneytrail)
#   share/man/man1/moneytrail*.1             generated from the command tables at build time
#   share/bash-completion/completions/moneytrail, share/zsh/vendor-completions/_moneytrail
#   include/moneytrail/{graph,io,algorithms}/*.h, lib/libmoneytrail_*.a
#   lib/cmake/moneytrail/                    find_package(moneytrail): moneytrail::graph, ::io,
#                                            ::algorithms, ::report

# Man pages and completions from the command tables, by the program itself once it is built.
set(MONEYTRAIL_MAN_DIR ${PROJECT_BINARY_DIR}/share/man/man1)
set(MONEYTRAIL_COMPLETION_DIR ${PROJECT_BINARY_DIR}/share/completions)
add_custom_command(
  OUTPUT ${MONEYTRAIL_MAN_DIR}/moneytrail.1 ${MONEYTRAIL_COMPLETION_DIR}/moneytrail
         ${MONEYTRAIL_COMPLETION_DIR}/_moneytrail
  COMMAND $<TARGET_FILE:moneytrail> help --man-dir ${MONEYTRAIL_MAN_DIR}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${MONEYTRAIL_COMPLETION_DIR}
  COMMAND $<TARGET_FILE:moneytrail> completion bash > ${MONEYTRAIL_COMPLETION_DIR}/moneytrail
  COMMAND $<TARGET_FILE:moneytrail> completion zsh > ${MONEYTRAIL_COMPLETION_DIR}/_moneytrail
  DEPENDS moneytrail
  COMMENT "Man pages and shell completion from the command tables")
add_custom_target(moneytrail_docs ALL DEPENDS ${MONEYTRAIL_MAN_DIR}/moneytrail.1)

install(TARGETS moneytrail RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_BINARY_DIR}/share/moneytrail/cytoscape.min.js
        DESTINATION ${CMAKE_INSTALL_DATADIR}/moneytrail OPTIONAL)
install(DIRECTORY ${MONEYTRAIL_MAN_DIR}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${MONEYTRAIL_COMPLETION_DIR}/moneytrail
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${MONEYTRAIL_COMPLETION_DIR}/_moneytrail
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# The library for C++ users: headers, static libraries and a CMake package.
set_target_properties(moneytrail_graph PROPERTIES EXPORT_NAME graph)
set_target_properties(moneytrail_io PROPERTIES EXPORT_NAME io)
set_target_properties(moneytrail_algorithms PROPERTIES EXPORT_NAME algorithms)
set_target_properties(moneytrail_report PROPERTIES EXPORT_NAME report)
install(TARGETS moneytrail_graph moneytrail_io moneytrail_algorithms moneytrail_report
        EXPORT moneytrailTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
foreach(dir graph io algorithms)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/moneytrail/${dir}
          FILES_MATCHING PATTERN "*.h")
endforeach()
install(FILES ${PROJECT_BINARY_DIR}/io/moneytrail.pb.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/moneytrail/io)
install(FILES ${PROJECT_BINARY_DIR}/algorithms/score_model.pb.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/moneytrail/algorithms)
include(CMakePackageConfigHelpers)
set(MONEYTRAIL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/moneytrail)
install(EXPORT moneytrailTargets NAMESPACE moneytrail:: DESTINATION ${MONEYTRAIL_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/moneytrailConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/moneytrailConfig.cmake
                              INSTALL_DESTINATION ${MONEYTRAIL_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/moneytrailConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/moneytrailConfig.cmake
              ${PROJECT_BINARY_DIR}/moneytrailConfigVersion.cmake
        DESTINATION ${MONEYTRAIL_CMAKE_DIR})

# cpack -G DEB: one package, its library dependencies found by dpkg-shlibdeps.
set(CPACK_PACKAGE_NAME moneytrail)
set(CPACK_PACKAGE_VENDOR "moneytrail")
set(CPACK_PACKAGE_CONTACT "moneytrail maintainers <maintainers@moneytrail.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "money-laundering flow graph analyzer")
set(CPACK_PACKAGE_DESCRIPTION
    "Traces money forward and back under six attribution policies, scores accounts for mule risk, finds mule clusters and exports them for a case file.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY moneytrail)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_GENERATOR DEB)
include(CPack)
