# Every dependency comes from a Debian 12 package (scripts/install-deps.sh).
find_package(PkgConfig REQUIRED)
# libsystemc-dev ships pkg-config files only; this gives PkgConfig::SystemC.
pkg_check_modules(SystemC REQUIRED IMPORTED_TARGET GLOBAL systemc>=2.3.4)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)
find_package(fmt 9 REQUIRED)
# libtomlplusplus-dev (toml++ 3): the sweep files of pavp sweep.
find_package(tomlplusplus 3 REQUIRED)
