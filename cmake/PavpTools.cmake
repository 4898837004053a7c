# The host tools that the firmware, the test programs and the oracles use, each
# from the Debian package named beside it (scripts/install-deps.sh installs them
# all). Found once here; every directory uses these variables.
#
# With PAVP_REQUIRE_TOOLS (the Makefile sets it), a missing tool stops the
# configure step with the package to install, so that `make test` never passes
# by leaving tests out. Without it (a SoC project that builds only the models,
# say), whatever needs a missing tool is left out with a status line.
option(PAVP_REQUIRE_TOOLS
       "Stop the configure step when a tool the firmware or the tests use is missing" OFF)

# pavp_find_tool(VAR PROGRAM PACKAGE): VAR is the path of PROGRAM, or VAR-NOTFOUND.
function(pavp_find_tool var program package)
  find_program(${var} ${program})
  if(NOT ${var})
    if(PAVP_REQUIRE_TOOLS)
      message(FATAL_ERROR "${program} not found: install Debian's ${package} "
                          "(scripts/install-deps.sh installs every package pavp uses)")
    endif()
    message(STATUS "${program} not found (Debian's ${package}): what needs it is left out")
  endif()
endfunction()

pavp_find_tool(PAVP_HPPA_GCC hppa-linux-gnu-gcc-12 gcc-12-hppa-linux-gnu)
pavp_find_tool(PAVP_HPPA_LD hppa-linux-gnu-ld binutils-hppa-linux-gnu)
pavp_find_tool(PAVP_HPPA_OBJCOPY hppa-linux-gnu-objcopy binutils-hppa-linux-gnu)
pavp_find_tool(PAVP_HPPA_OBJDUMP hppa-linux-gnu-objdump binutils-hppa-linux-gnu)
pavp_find_tool(PAVP_HPPA_ADDR2LINE hppa-linux-gnu-addr2line binutils-hppa-linux-gnu)
pavp_find_tool(PAVP_QEMU_HPPA qemu-hppa qemu-user)
pavp_find_tool(PAVP_QEMU_SYSTEM_HPPA qemu-system-hppa qemu-system-misc)
pavp_find_tool(PAVP_GDB gdb-multiarch gdb-multiarch)
# Slurm and MUNGE: the sweep test starts a single-node cluster of its own.
# The daemons live in /usr/sbin, which a user's PATH may lack.
find_program(PAVP_SLURMCTLD slurmctld PATHS /usr/sbin)
pavp_find_tool(PAVP_SLURMCTLD slurmctld slurm-wlm)
find_program(PAVP_SLURMD slurmd PATHS /usr/sbin)
pavp_find_tool(PAVP_SLURMD slurmd slurm-wlm)
pavp_find_tool(PAVP_SBATCH sbatch slurm-wlm)
find_program(PAVP_MUNGED munged PATHS /usr/sbin)
pavp_find_tool(PAVP_MUNGED munged munge)
# Debian's python3 first (/usr/bin): the one install-deps.sh gives
# python3-matplotlib to, whatever other python3 comes first in PATH.
find_program(PAVP_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
pavp_find_tool(PAVP_PYTHON3 python3 python3)

# PAVP_HPPA_GLIBC: the cross compiler links a static glibc program with libm.
# The headers and libraries come from libc6-dev-hppa-cross, which
# gcc-12-hppa-linux-gnu only recommends; the firmware does not need it, the
# `pavp se`, differential and FPU test programs do.
set(PAVP_HPPA_GLIBC OFF)
if(PAVP_HPPA_GCC)
  set(probe_dir ${CMAKE_BINARY_DIR}/CMakeFiles/pavp_hppa_glibc)
  file(MAKE_DIRECTORY ${probe_dir})
  file(WRITE ${probe_dir}/probe.c
       "#include <math.h>\n#include <stdio.h>\n"
       "int main(int argc, char **argv) { (void)argv; printf(\"%f\\n\", sqrt((double)argc)); return 0; }\n")
  execute_process(COMMAND ${PAVP_HPPA_GCC} -static -o ${probe_dir}/probe.elf ${probe_dir}/probe.c -lm
                  RESULT_VARIABLE probe_rc ERROR_VARIABLE probe_err OUTPUT_QUIET)
  if(probe_rc EQUAL 0)
    set(PAVP_HPPA_GLIBC ON)
  else()
    string(REGEX MATCH "[^\n]*error[^\n]*" probe_err "${probe_err}")
    string(REPLACE "${probe_dir}/" "" probe_err "${probe_err}")
    if(PAVP_REQUIRE_TOOLS)
      message(FATAL_ERROR "hppa-linux-gnu-gcc-12 cannot link a static glibc program (${probe_err}): "
                          "install Debian's libc6-dev-hppa-cross "
                          "(scripts/install-deps.sh installs every package pavp uses)")
    endif()
    message(STATUS "hppa static glibc not usable (Debian's libc6-dev-hppa-cross): "
                   "the pavp se, differential and FPU glibc test programs are left out")
  endif()
endif()

# PAVP_MATPLOTLIB: python3 imports matplotlib (Debian's python3-matplotlib),
# which scripts/plot_study.py draws the study's pictures with.
set(PAVP_MATPLOTLIB OFF)
if(PAVP_PYTHON3)
  execute_process(COMMAND ${PAVP_PYTHON3} -c "import matplotlib" RESULT_VARIABLE mpl_rc
                  OUTPUT_QUIET ERROR_QUIET)
  if(mpl_rc EQUAL 0)
    set(PAVP_MATPLOTLIB ON)
  elseif(PAVP_REQUIRE_TOOLS)
    message(FATAL_ERROR "python3 cannot import matplotlib: install Debian's python3-matplotlib "
                        "(scripts/install-deps.sh installs every package pavp uses)")
  else()
    message(STATUS "matplotlib not found (Debian's python3-matplotlib): the plot test is left out")
  endif()
endif()
