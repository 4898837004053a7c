// Syscall-emulation (SE) mode: one static hppa-linux-gnu program in user mode
// on the platform's CPU, caches and DRAM, with its Linux system calls
// emulated on the host (as gem5's SE mode and qemu-user do).
//
// Memory (translation off: PSW C = D = 0, virtual address = physical address;
// DRAM must start at 0, sized by dram.size):
//
//   0x00000000  page 0, the gateway page: never fetched; execution reaching it
//               stops the core (iss_config::gateway_stop) and is emulated:
//               0x100 Linux syscall, 0xB0 light-weight syscall (atomic CAS),
//               0xE0 set thread pointer (cr27); any other offset is SIGILL.
//   ELF         the PT_LOAD segments at their addresses (usually 0x10000..)
//   brk         from the page after the highest segment, upwards
//   mmap        anonymous mappings, allocated top-down below the stack
//   stack       the top stack_size bytes of DRAM; it grows UP on PA-RISC:
//               strings and AT_RANDOM at its base, then argc, argv[], NULL,
//               envp[], NULL, auxv pairs, and sp 64-byte aligned above them
//               plus one 64-byte frame (QEMU linux-user/elfload.c hppa
//               init_thread: "The top-of-stack contains a linkage buffer").
//
// Initial registers (QEMU linux-user hppa init_thread / init_main_thread, as
// glibc's sysdeps/hppa/start.S reads them): r25 = argc, r24 = argv, r23 = 0
// (no rtld_fini), r30 = sp, r31 = entry, IAOQ = entry at privilege 3, all
// space registers 0, CCR (cr10) = 0xC0 (FPU enabled, as Linux does for
// every process).
//
// Syscalls: r20 = number (Linux arch/parisc/include/uapi/asm/unistd.h),
// arguments r26, r25, r24, r23, r22, r21; the result in r28, -errno on
// error (parisc errno values); return to r31 at user privilege in space sr0
// (the BLE link). Guest memory is read and written with debug transport
// through the D-cache, so a syscall sees and leaves coherent data. Syscalls
// take no simulated time.
//
// Emulated: exit, exit_group, read/readv (fd 0), write/writev (fds 1, 2, to
// the host's), close, brk, mmap/mmap2 (anonymous), munmap, mprotect, madvise,
// mremap (ENOMEM: glibc copies), set_tid_address, set_robust_list, rseq
// (ENOSYS, silently, as a kernel without it), getrlimit, prlimit64,
// readlink(at) (/proc/self/exe), getrandom (deterministic), uname, sysinfo,
// fstat64 and statx (standard streams, from the host's fstat), ioctl
// (ENOTTY: stdio buffers fully), fcntl(64), lseek/_llseek (ESPIPE),
// open/openat/access (ENOENT: no guest file system), clock_gettime(64)
// (REALTIME from the host, MONOTONIC/CPUTIME = simulated time),
// gettimeofday, time, rt_sigaction, rt_sigprocmask (accepted, no signal is
// ever delivered), kill/tkill/tgkill to itself (ends the program with that
// signal: abort() gives 128 + SIGABRT = 134), getpid/gettid/getppid,
// get[e]uid/get[e]gid, futex (one thread), nanosleep, clock_nanosleep,
// sched_yield, sigaltstack. Any other number returns -ENOSYS with one
// warning line on stderr. A trap the program causes ends it with the signal
// Linux would send (SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP).
//
// Memory protection as Linux gives it: the segments' pages with their flags
// (text and rodata read-only), the heap, mmap regions (with their PROT_READ /
// PROT_WRITE, changed by mprotect) and the stack; no page at 0 and none
// between the regions. A load or store a page does not allow ends the
// program with SIGSEGV (status 139), as under Linux and qemu-hppa
// (iss::enable_absolute_rights; translation stays off).
#ifndef PAVP_PLATFORM_SE_SE_PROCESS_H
#define PAVP_PLATFORM_SE_SE_PROCESS_H

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pavp/cpu/cpu.h"
#include "platform/board/config.h"

namespace pavp {

// Name of a Linux/hppa system call, or nullptr.
const char* se_syscall_name(std::uint32_t number);

class se_process {
 public:
  // How the program ended.
  enum class state : std::uint8_t { RUNNING, EXITED, SIGNALED, FAULTED };

  explicit se_process(cpu::cpu_model& cpu);

  // Loads a static executable and builds the initial stack and registers.
  // On failure returns false with a one-line error.
  bool load(const std::string& path, const std::vector<std::string>& argv,
            const std::vector<std::string>& envp, std::uint64_t dram_base, std::uint64_t dram_size,
            std::string& error);

  // The cpu_model stop handler: emulates a gateway call and returns true to
  // continue; any other stop ends the program (FAULTED, with the signal
  // Linux would deliver) and returns false.
  bool on_stop(const cpu::run_result& r);

  state status() const { return m_state; }
  // Exit status (EXITED) or signal number (SIGNALED, FAULTED).
  int code() const { return m_code; }
  // One line describing a fault (FAULTED).
  const std::string& fault() const { return m_fault; }

  std::uint64_t syscalls() const { return m_syscalls; }
  std::uint64_t lws_calls() const { return m_lws; }

 private:
  std::int32_t syscall(std::uint32_t nr, const std::uint32_t* a);
  void lws();

  bool valid(std::uint32_t addr, std::uint32_t len) const;
  bool read_mem(std::uint32_t addr, void* data, std::uint32_t len);
  bool write_mem(std::uint32_t addr, const void* data, std::uint32_t len);
  bool read_u32(std::uint32_t addr, std::uint32_t& v);
  bool write_u32(std::uint32_t addr, std::uint32_t v);
  bool zero_mem(std::uint32_t addr, std::uint32_t len);
  bool read_string(std::uint32_t addr, std::string& s, std::size_t max = 4096);

  std::int32_t sys_write(int fd, std::uint32_t buf, std::uint32_t len);
  std::int32_t sys_read(int fd, std::uint32_t buf, std::uint32_t len);
  std::int32_t sys_iov(bool write, int fd, std::uint32_t iov, std::uint32_t count);
  std::int32_t sys_brk(std::uint32_t addr);
  std::int32_t sys_mmap(std::uint32_t addr, std::uint32_t len, std::uint32_t prot,
                        std::uint32_t flags, std::int32_t fd);
  std::int32_t sys_munmap(std::uint32_t addr, std::uint32_t len);
  std::int32_t sys_mprotect(std::uint32_t addr, std::uint32_t len, std::uint32_t prot);
  // The core's page rights (iss::enable_absolute_rights) of [addr, addr+len),
  // page-rounded outwards.
  void set_rights(std::uint32_t addr, std::uint32_t len, std::uint8_t rights);
  static constexpr std::uint8_t k_rw = cpu::iss::ABSOLUTE_READ | cpu::iss::ABSOLUTE_WRITE;
  std::int32_t sys_fstat64(int fd, std::uint32_t buf);
  std::int32_t sys_statx(int dirfd, std::uint32_t path, std::uint32_t flags, std::uint32_t buf);
  std::int32_t sys_uname(std::uint32_t buf);
  std::int32_t sys_clock_gettime(std::uint32_t clock, std::uint32_t buf, bool time64);
  std::int32_t sys_readlink(std::uint32_t path, std::uint32_t buf, std::uint32_t size);
  std::int32_t sys_prlimit(std::uint32_t resource, std::uint32_t old, bool wide);
  std::int32_t sys_getrandom(std::uint32_t buf, std::uint32_t len);
  std::int32_t kill_self(std::uint32_t sig);

  cpu::cpu_model& m_cpu;
  std::uint32_t m_mem_lo = 0, m_mem_hi = 0;  // guest-accessible [lo, hi)
  std::uint32_t m_brk_start = 0, m_brk = 0;
  std::uint32_t m_stack_base = 0, m_stack_size = 0;
  std::map<std::uint32_t, std::uint32_t> m_maps;  // start -> length (page multiples)
  std::set<std::uint32_t> m_mapped_none;          // pages mapped PROT_NONE (no rights, mapped)
  std::string m_exe;                              // absolute path of the program
  std::uint64_t m_random = 0x9e3779b97f4a7c15ull;
  std::uint32_t m_tid = 1000;

  state m_state = state::RUNNING;
  int m_code = 0;
  std::string m_fault;
  std::uint64_t m_syscalls = 0;
  std::uint64_t m_lws = 0;
};

}  // namespace pavp

#endif  // PAVP_PLATFORM_SE_SE_PROCESS_H
