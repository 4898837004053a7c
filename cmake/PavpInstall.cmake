# `cmake --install` puts the models library, its headers, the DRAM specs and a
# CMake package in place, so that `find_package(pavp)` gives `pavp::models`.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS pavp_models EXPORT pavpTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/models/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/pavp
  FILES_MATCHING PATTERN "*.h")
install(DIRECTORY ${CMAKE_SOURCE_DIR}/models/dram/specs/
  DESTINATION ${CMAKE_INSTALL_DATADIR}/pavp/dram-specs
  FILES_MATCHING PATTERN "*.json")
install(EXPORT pavpTargets NAMESPACE pavp::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pavp)
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/pavpConfig.cmake.in
  ${CMAKE_BINARY_DIR}/pavpConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pavp
  PATH_VARS CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/pavpConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/pavpConfig.cmake ${CMAKE_BINARY_DIR}/pavpConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pavp)
