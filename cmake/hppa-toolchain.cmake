# Cross toolchain for the firmware and guest programs: Debian's
# gcc-12-hppa-linux-gnu and binutils-hppa-linux-gnu (32-bit PA-RISC 1.1, big-endian).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR hppa)
set(CMAKE_C_COMPILER hppa-linux-gnu-gcc-12)
set(CMAKE_ASM_COMPILER hppa-linux-gnu-gcc-12)
set(CMAKE_AR hppa-linux-gnu-ar)
set(CMAKE_OBJCOPY hppa-linux-gnu-objcopy)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
