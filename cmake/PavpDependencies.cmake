# Every dependency comes from a Debian 12 package (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
# libsystemc-dev ships pkg-config files only; this gives PkgConfig::SystemC.
pkg_check_modules(SystemC REQUIRED IMPORTED_TARGET GLOBAL systemc>=2.3.4)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(fmt 9 REQUIRED)
# libtomlplusplus-dev (toml++ 3): the sweep files of pavp sweep.
find_package(tomlplusplus 3 REQUIRED)
# libxbyak-dev (Xbyak 6, headers only): the x86-64 host code that the ISS makes
# for runs of plain ALU instructions (models/cpu/run_translator.cpp). Other
# hosts interpret every instruction and do not need it.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  find_path(PAVP_XBYAK_INCLUDE_DIR xbyak/xbyak.h)
  if(NOT PAVP_XBYAK_INCLUDE_DIR)
    message(FATAL_ERROR "xbyak/xbyak.h not found: install Debian's libxbyak-dev "
                        "(scripts/install-deps.sh installs every package pavp needs)")
  endif()
endif()
