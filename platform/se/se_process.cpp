// Syscall-emulation mode: process set-up and the Linux/hppa system calls.
//
// Facts used (cited where they are used):
// - syscall numbers: Linux arch/parisc/include/uapi/asm/unistd.h (the
//   installed /usr/hppa-linux-gnu/include/asm/unistd_32.h);
// - errno and signal numbers of parisc: asm/errno.h (ENOSYS 251),
//   asm/signal.h (SIGABRT 6, SIGBUS 10);
// - struct stat64: arch/parisc/include/uapi/asm/stat.h; struct statx:
//   include/uapi/linux/stat.h;
// - the gateway page and LWS: Linux arch/parisc/kernel/syscall.S, QEMU
//   linux-user/hppa/cpu_loop.c, libgcc config/pa/linux-atomic.c.
#include "platform/se/se_process.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "platform/board/elf_loader.h"

namespace pavp {

namespace {

// Linux/hppa syscall numbers (asm/unistd_32.h).
enum : std::uint32_t {
  NR_EXIT = 1,
  NR_READ = 3,
  NR_WRITE = 4,
  NR_OPEN = 5,
  NR_CLOSE = 6,
  NR_TIME = 13,
  NR_LSEEK = 19,
  NR_GETPID = 20,
  NR_GETUID = 24,
  NR_ACCESS = 33,
  NR_KILL = 37,
  NR_BRK = 45,
  NR_GETGID = 47,
  NR_GETEUID = 49,
  NR_GETEGID = 50,
  NR_IOCTL = 54,
  NR_FCNTL = 55,
  NR_UNAME = 59,
  NR_GETPPID = 64,
  NR_GETRLIMIT = 76,
  NR_GETTIMEOFDAY = 78,
  NR_READLINK = 85,
  NR_MMAP2 = 89,
  NR_MMAP = 90,
  NR_MUNMAP = 91,
  NR_FSTAT64 = 112,
  NR_SYSINFO = 116,
  NR_MADVISE = 119,
  NR_MPROTECT = 125,
  NR_LLSEEK = 140,
  NR_READV = 145,
  NR_WRITEV = 146,
  NR_SCHED_YIELD = 158,
  NR_NANOSLEEP = 162,
  NR_MREMAP = 163,
  NR_SIGALTSTACK = 166,
  NR_RT_SIGACTION = 174,
  NR_RT_SIGPROCMASK = 175,
  NR_FCNTL64 = 202,
  NR_GETTID = 206,
  NR_TKILL = 208,
  NR_FUTEX = 210,
  NR_EXIT_GROUP = 222,
  NR_SET_TID_ADDRESS = 237,
  NR_CLOCK_GETTIME = 256,
  NR_CLOCK_NANOSLEEP = 258,
  NR_TGKILL = 259,
  NR_OPENAT = 275,
  NR_READLINKAT = 285,
  NR_SET_ROBUST_LIST = 289,
  NR_PRLIMIT64 = 321,
  NR_GETRANDOM = 339,
  NR_STATX = 349,
  NR_RSEQ = 354,
  NR_CLOCK_GETTIME64 = 403,
  NR_CLOCK_NANOSLEEP64 = 407,
  NR_FUTEX_TIME64 = 422,
};

// parisc errno values (asm-generic/errno-base.h, asm/errno.h).
enum : std::int32_t {
  E_PERM = 1,
  E_NOENT = 2,
  E_BADF = 9,
  E_AGAIN = 11,
  E_NOMEM = 12,
  E_FAULT = 14,
  E_INVAL = 22,
  E_NOTTY = 25,
  E_SPIPE = 29,
  E_NOSYS = 251,
};

// parisc signal numbers (asm/signal.h).
enum : int { SIG_ILL = 4, SIG_TRAP = 5, SIG_ABRT = 6, SIG_FPE = 8, SIG_BUS = 10, SIG_SEGV = 11 };

std::string fmt_hex(std::uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "%llx", static_cast<unsigned long long>(v));
  return b;
}

constexpr std::uint32_t k_page = 4096;
constexpr std::uint32_t k_stack_max = 8u << 20;  // RLIMIT_STACK as Linux's default

std::uint32_t page_up(std::uint64_t v) {
  return static_cast<std::uint32_t>((v + k_page - 1) & ~std::uint64_t{k_page - 1});
}

void put_be32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
  b[at] = static_cast<std::uint8_t>(v >> 24);
  b[at + 1] = static_cast<std::uint8_t>(v >> 16);
  b[at + 2] = static_cast<std::uint8_t>(v >> 8);
  b[at + 3] = static_cast<std::uint8_t>(v);
}

void put_be64(std::vector<std::uint8_t>& b, std::size_t at, std::uint64_t v) {
  put_be32(b, at, static_cast<std::uint32_t>(v >> 32));
  put_be32(b, at + 4, static_cast<std::uint32_t>(v));
}

void put_be16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v >> 8);
  b[at + 1] = static_cast<std::uint8_t>(v);
}

std::uint32_t get_be32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | b[at + 3];
}

std::uint16_t get_be16(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint16_t>((b[at] << 8) | b[at + 1]);
}

// The signal Linux delivers for an interruption a user program causes
// (Linux arch/parisc/kernel/traps.c handle_interruption).
int signal_for_trap(unsigned trap) {
  switch (trap) {
    case cpu::TRAP_BREAK:
      return SIG_TRAP;
    case cpu::TRAP_OVERFLOW:
    case cpu::TRAP_CONDITIONAL:
    case cpu::TRAP_ASSIST_EXCEPTION:
      return SIG_FPE;
    case cpu::TRAP_UNALIGNED:
      return SIG_BUS;
    case cpu::TRAP_DTLB_MISS:
    case cpu::TRAP_ITLB_MISS:
    case cpu::TRAP_DMEM_PROTECTION:
    case cpu::TRAP_DMEM_ACCESS_RIGHTS:
    case cpu::TRAP_IMEM_PROTECTION:
      return SIG_SEGV;
    default:
      return SIG_ILL;
  }
}

const char* signal_name(int sig) {
  switch (sig) {
    case SIG_ILL:
      return "SIGILL";
    case SIG_TRAP:
      return "SIGTRAP";
    case SIG_ABRT:
      return "SIGABRT";
    case SIG_FPE:
      return "SIGFPE";
    case SIG_BUS:
      return "SIGBUS";
    case SIG_SEGV:
      return "SIGSEGV";
    default:
      return "signal";
  }
}

}  // namespace

se_process::se_process(cpu::cpu_model& cpu) : m_cpu(cpu) {}

// ---------------------------------------------------------------- memory

bool se_process::valid(std::uint32_t addr, std::uint32_t len) const {
  return addr >= m_mem_lo && addr <= m_mem_hi && len <= m_mem_hi - addr;
}

bool se_process::read_mem(std::uint32_t addr, void* data, std::uint32_t len) {
  return valid(addr, len) && m_cpu.debug_read(addr, data, len) == len;
}

bool se_process::write_mem(std::uint32_t addr, const void* data, std::uint32_t len) {
  return valid(addr, len) && m_cpu.debug_write(addr, data, len) == len;
}

bool se_process::read_u32(std::uint32_t addr, std::uint32_t& v) {
  std::uint8_t b[4];
  if (!read_mem(addr, b, 4)) return false;
  v = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
  return true;
}

bool se_process::write_u32(std::uint32_t addr, std::uint32_t v) {
  std::vector<std::uint8_t> b(4);
  put_be32(b, 0, v);
  return write_mem(addr, b.data(), 4);
}

bool se_process::zero_mem(std::uint32_t addr, std::uint32_t len) {
  static const std::vector<std::uint8_t> zeros(64 * 1024, 0);
  while (len > 0) {
    const std::uint32_t n = std::min<std::uint32_t>(len, static_cast<std::uint32_t>(zeros.size()));
    if (!write_mem(addr, zeros.data(), n)) return false;
    addr += n;
    len -= n;
  }
  return true;
}

bool se_process::read_string(std::uint32_t addr, std::string& s, std::size_t max) {
  s.clear();
  char c = 0;
  while (s.size() < max) {
    if (!read_mem(addr++, &c, 1)) return false;
    if (c == '\0') return true;
    s.push_back(c);
  }
  return false;
}

// ---------------------------------------------------------------- loading

bool se_process::load(const std::string& path, const std::vector<std::string>& argv,
                      const std::vector<std::string>& envp, std::uint64_t dram_base,
                      std::uint64_t dram_size, std::string& error) {
  if (dram_base != 0) {
    error = "syscall emulation needs DRAM at physical address 0 (map.dram.base = 0), not 0x" +
            fmt_hex(static_cast<std::uint32_t>(dram_base));
    return false;
  }
  dram_size = std::min<std::uint64_t>(dram_size, 0xF0000000ull);
  elf_image elf;
  if (!elf.read_file(path, error)) return false;
  const std::vector<std::uint8_t>& bytes = elf.bytes();
  std::string why;
  // ET_EXEC without an interpreter: a static executable (ELF header and
  // program header table as in the System V gABI).
  const std::uint16_t type = get_be16(bytes, 16);
  const std::uint32_t phoff = get_be32(bytes, 28);
  const std::uint16_t phentsize = get_be16(bytes, 42);
  const std::uint16_t phnum = get_be16(bytes, 44);
  if (type != 2) {
    error = path + ": not a static executable (ELF type " + std::to_string(type) +
            ", want ET_EXEC; link with -static -no-pie)";
    return false;
  }
  std::uint32_t phdr_vaddr = 0;
  if (elf.dynamic()) {
    error = path + ": dynamically linked (has PT_INTERP); pavp se runs static executables";
    return false;
  }
  std::uint64_t end = 0;
  for (const elf_segment& seg : elf.segments()) {
    if (seg.vaddr < k_page || std::uint64_t{seg.vaddr} + seg.memsz > dram_size / 2) {
      error = path + ": segment [0x" + fmt_hex(seg.vaddr) + ", 0x" +
              fmt_hex(std::uint64_t{seg.vaddr} + seg.memsz) +
              ") is outside the program area [0x1000, 0x" +
              fmt_hex(static_cast<std::uint32_t>(dram_size / 2)) +
              ") (the lower half of DRAM; a larger dram.size raises the limit)";
      return false;
    }
    end = std::max<std::uint64_t>(end, std::uint64_t{seg.vaddr} + seg.memsz);
    if (seg.offset <= phoff && phoff < std::uint64_t{seg.offset} + seg.filesz)
      phdr_vaddr = seg.vaddr + (phoff - seg.offset);
  }
  m_mem_lo = k_page;
  m_mem_hi = static_cast<std::uint32_t>(dram_size);
  m_stack_size = std::min<std::uint32_t>(k_stack_max, m_mem_hi / 8) & ~(k_page - 1);
  m_stack_base = m_mem_hi - m_stack_size;
  m_brk_start = m_brk = page_up(end);
  // Memory protection as Linux gives the process: each segment's pages with
  // its flags (text and rodata read-only), the stack read-write, nothing
  // else -- no page at 0, none between the regions. The loader below and the
  // syscalls write through debug transport, which the rights do not limit.
  for (const elf_segment& seg : elf.segments()) {
    const std::uint32_t first = seg.vaddr & ~(k_page - 1);
    std::uint8_t r = (seg.flags & 4u) || (seg.flags & 1u) ? cpu::iss::ABSOLUTE_READ : 0;
    if (seg.flags & 2u) r |= cpu::iss::ABSOLUTE_READ | cpu::iss::ABSOLUTE_WRITE;
    set_rights(first, seg.vaddr + seg.memsz - first, r);
  }
  set_rights(m_stack_base, m_stack_size, k_rw);

  // Segments: through the D-cache's debug transport (memory and any cached
  // copy), PT_LOAD file bytes then zeros.
  const bool loaded = elf.load(
      [&](std::uint64_t a, const std::uint8_t* d, std::uint64_t n) {
        return write_mem(static_cast<std::uint32_t>(a), d, static_cast<std::uint32_t>(n));
      },
      [&](std::uint64_t a, std::uint64_t n) {
        return zero_mem(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(n));
      },
      why);
  if (!loaded) {
    error = path + ": " + why;
    return false;
  }
  char* real = ::realpath(path.c_str(), nullptr);
  m_exe = real ? real : path;
  std::free(real);

  // The initial stack (grows up): strings, then the tables, then sp.
  std::vector<std::uint8_t> strings;
  auto add_string = [&](const std::string& s) {
    const std::uint32_t at = m_stack_base + static_cast<std::uint32_t>(strings.size());
    strings.insert(strings.end(), s.begin(), s.end());
    strings.push_back(0);
    return at;
  };
  std::vector<std::uint32_t> argv_ptr, envp_ptr;
  for (const std::string& a : argv) argv_ptr.push_back(add_string(a));
  for (const std::string& e : envp) envp_ptr.push_back(add_string(e));
  const std::uint32_t execfn = add_string(argv.empty() ? path : argv[0]);
  const std::uint32_t platform = add_string("PARISC");
  while (strings.size() % 16) strings.push_back(0);
  const std::uint32_t random = m_stack_base + static_cast<std::uint32_t>(strings.size());
  for (unsigned i = 0; i < 16; ++i) {
    m_random ^= m_random << 13;
    m_random ^= m_random >> 7;
    m_random ^= m_random << 17;
    strings.push_back(static_cast<std::uint8_t>(m_random));
  }
  while (strings.size() % 64) strings.push_back(0);
  const std::uint32_t table = m_stack_base + static_cast<std::uint32_t>(strings.size());

  std::vector<std::uint32_t> words;
  words.push_back(static_cast<std::uint32_t>(argv.size()));
  const std::uint32_t argv_addr = table + 4;
  for (std::uint32_t p : argv_ptr) words.push_back(p);
  words.push_back(0);
  for (std::uint32_t p : envp_ptr) words.push_back(p);
  words.push_back(0);
  // auxv (include/uapi/linux/auxvec.h numbers).
  const std::uint32_t uid = static_cast<std::uint32_t>(::getuid());
  const std::uint32_t gid = static_cast<std::uint32_t>(::getgid());
  const std::uint32_t aux[][2] = {
      {3, phdr_vaddr},  {4, phentsize}, {5, phnum}, {6, k_page},  {7, 0},       {8, 0},
      {9, elf.entry()}, {11, uid},      {12, uid},  {13, gid},    {14, gid},    {15, platform},
      {16, 0},          {17, 100},      {23, 0},    {25, random}, {31, execfn}, {0, 0}};
  for (const auto& kv : aux) {
    words.push_back(kv[0]);
    words.push_back(kv[1]);
  }
  std::vector<std::uint8_t> tab(words.size() * 4);
  for (std::size_t i = 0; i < words.size(); ++i) put_be32(tab, 4 * i, words[i]);
  const std::uint64_t used = strings.size() + tab.size() + 128;
  if (used > m_stack_size / 2) {
    error = "arguments and environment too large for the stack";
    return false;
  }
  if (!write_mem(m_stack_base, strings.data(), static_cast<std::uint32_t>(strings.size())) ||
      !write_mem(table, tab.data(), static_cast<std::uint32_t>(tab.size()))) {
    error = "cannot write the initial stack";
    return false;
  }
  const std::uint32_t sp = ((table + static_cast<std::uint32_t>(tab.size()) + 63u) & ~63u) + 64u;

  cpu::cpu_state& s = m_cpu.core().state();
  s = cpu::cpu_state{};
  s.gr[25] = static_cast<std::uint32_t>(argv.size());
  s.gr[24] = argv_addr;
  s.gr[23] = 0;
  s.gr[30] = sp;
  s.gr[31] = elf.entry();
  s.cr[cpu::CR_CCR] = 0xC0;
  s.set_pc(elf.entry(), 3, 0);
  m_cpu.core().invalidate_all_code();
  return true;
}

// ---------------------------------------------------------------- dispatch

bool se_process::on_stop(const cpu::run_result& r) {
  cpu::cpu_state& s = m_cpu.core().state();
  if (r.reason == cpu::stop_reason::GATEWAY) {
    const std::uint32_t ofs = r.pc & ~3u;
    if (ofs == 0x100) {  // Linux syscall
      ++m_syscalls;
      const std::uint32_t args[6] = {s.gr[26], s.gr[25], s.gr[24], s.gr[23], s.gr[22], s.gr[21]};
      const std::int32_t ret = syscall(s.gr[20], args);
      if (m_state != state::RUNNING) return false;
      s.gr[28] = static_cast<std::uint32_t>(ret);
    } else if (ofs == 0xB0) {  // light-weight syscall
      ++m_lws;
      lws();
      if (m_state != state::RUNNING) return false;
    } else if (ofs == 0xE0) {  // set the thread pointer (r26 -> cr27; parisc-isa.md §3)
      s.cr[27] = s.gr[26];
    } else {
      m_state = state::FAULTED;
      m_code = SIG_SEGV;
      m_fault = "killed by SIGSEGV: execution reached page 0 at offset 0x" + fmt_hex(ofs) +
                " (a jump through a null or bad pointer?)";
      return false;
    }
    // Return through the BLE link: r31 at user privilege, space sr0 (Linux
    // syscall.S returns to %r31 in the user's space; QEMU cpu_loop.c sets
    // iaoq_f = gr[31] | PRIV_USER).
    s.set_pc(s.gr[31] & ~3u, 3, s.sr[0]);
    s.psw_n = false;
    return true;
  }
  m_state = state::FAULTED;
  switch (r.reason) {
    case cpu::stop_reason::TRAP:
      m_code = signal_for_trap(r.trap);
      m_fault = "trap " + std::to_string(r.trap) + " at pc 0x" + fmt_hex(r.pc & ~3u) + " (insn 0x" +
                fmt_hex(r.iir) + ")";
      if (r.trap == cpu::TRAP_DMEM_ACCESS_RIGHTS) {
        m_fault += ": no access to address 0x" + fmt_hex(r.ior) +
                   " (unmapped, or a read-only page written)";
      }
      break;
    case cpu::stop_reason::BUS_ERROR:
      m_code = SIG_SEGV;
      m_fault = "bus error at address 0x" + fmt_hex(r.ior) + ", pc 0x" + fmt_hex(r.pc & ~3u);
      break;
    default:
      m_code = SIG_ILL;
      m_fault = std::string(cpu::to_string(r.reason)) + " instruction 0x" + fmt_hex(r.iir) +
                " at pc 0x" + fmt_hex(r.pc & ~3u);
      break;
  }
  m_fault = std::string("killed by ") + signal_name(m_code) + ": " + m_fault;
  return false;
}

// The light-weight syscalls at gateway offset 0xB0 (Linux syscall.S
// lws_entry): r20 = 0 is a 32-bit compare-and-swap (r26 address, r25 old,
// r24 new; r28 = the value read, r21 = 0 or -EFAULT); r20 = 2 is the
// sized compare-and-swap (r26 address, r25 / r24 addresses of old / new,
// r23 = log2 size; r28 = 0 when swapped, 1 when not), as libgcc's
// linux-atomic.c __kernel_cmpxchg / __kernel_cmpxchg2 call them. The
// sequence is atomic: the guest is single-threaded and stopped.
void se_process::lws() {
  cpu::cpu_state& s = m_cpu.core().state();
  std::uint32_t* gr = s.gr;
  const std::uint32_t op = gr[20];
  if (op == 0 || op == 1) {
    std::uint32_t cur = 0;
    if ((gr[26] & 3u) || !read_u32(gr[26], cur)) {
      gr[21] = static_cast<std::uint32_t>(-E_FAULT);
      return;
    }
    if (cur == gr[25] && !write_u32(gr[26], gr[24])) {
      gr[21] = static_cast<std::uint32_t>(-E_FAULT);
      return;
    }
    gr[28] = cur;
    gr[21] = 0;
    return;
  }
  if (op == 2) {
    const std::uint32_t size_log2 = gr[23];
    if (size_log2 > 3) {
      gr[21] = static_cast<std::uint32_t>(-E_INVAL);
      return;
    }
    const std::uint32_t n = 1u << size_log2;
    std::uint8_t mem[8], old[8], neu[8];
    if ((gr[26] & (n - 1)) || !read_mem(gr[26], mem, n) || !read_mem(gr[25], old, n) ||
        !read_mem(gr[24], neu, n)) {
      gr[21] = static_cast<std::uint32_t>(-E_FAULT);
      return;
    }
    const bool equal = std::memcmp(mem, old, n) == 0;
    if (equal && !write_mem(gr[26], neu, n)) {
      gr[21] = static_cast<std::uint32_t>(-E_FAULT);
      return;
    }
    gr[28] = equal ? 0 : 1;
    gr[21] = 0;
    return;
  }
  gr[21] = static_cast<std::uint32_t>(-E_NOSYS);
}

std::int32_t se_process::syscall(std::uint32_t nr, const std::uint32_t* a) {
  const auto sa = [&](int i) { return static_cast<std::int32_t>(a[i]); };
  switch (nr) {
    case NR_EXIT:
    case NR_EXIT_GROUP:
      m_state = state::EXITED;
      m_code = static_cast<int>(a[0] & 0xffu);
      return 0;
    case NR_WRITE:
      return sys_write(sa(0), a[1], a[2]);
    case NR_READ:
      return sys_read(sa(0), a[1], a[2]);
    case NR_WRITEV:
      return sys_iov(true, sa(0), a[1], a[2]);
    case NR_READV:
      return sys_iov(false, sa(0), a[1], a[2]);
    case NR_CLOSE:
      return a[0] <= 2 ? 0 : -E_BADF;
    case NR_OPEN:
    case NR_OPENAT:
    case NR_ACCESS:
      return -E_NOENT;  // no guest file system
    case NR_LSEEK:
    case NR_LLSEEK:
      return a[0] <= 2 ? -E_SPIPE : -E_BADF;
    case NR_FCNTL:
    case NR_FCNTL64:
      return a[0] <= 2 ? (a[1] == 3 /* F_GETFL */ ? 2 /* O_RDWR */ : 0) : -E_BADF;
    case NR_IOCTL:
      return a[0] <= 2 ? -E_NOTTY : -E_BADF;
    case NR_BRK:
      return sys_brk(a[0]);
    case NR_MMAP2:
    case NR_MMAP:  // anonymous mappings only, so the offset (pages / bytes) must be 0
      if (a[5] != 0) return -E_INVAL;
      return sys_mmap(a[0], a[1], a[2], a[3], sa(4));
    case NR_MUNMAP:
      return sys_munmap(a[0], a[1]);
    case NR_MREMAP:
      return -E_NOMEM;  // glibc's realloc then allocates and copies
    case NR_MPROTECT:
      return sys_mprotect(a[0], a[1], a[2]);
    case NR_MADVISE:
    case NR_SIGALTSTACK:
    case NR_SET_ROBUST_LIST:
    case NR_SCHED_YIELD:
    case NR_NANOSLEEP:
    case NR_CLOCK_NANOSLEEP:
    case NR_CLOCK_NANOSLEEP64:
      return 0;
    case NR_RSEQ:
      return -E_NOSYS;  // as a kernel without CONFIG_RSEQ; glibc carries on
    case NR_SET_TID_ADDRESS:
    case NR_GETPID:
    case NR_GETTID:
      return static_cast<std::int32_t>(m_tid);
    case NR_GETPPID:
      return 1;
    case NR_GETUID:
    case NR_GETEUID:
      return static_cast<std::int32_t>(::getuid());
    case NR_GETGID:
    case NR_GETEGID:
      return static_cast<std::int32_t>(::getgid());
    case NR_GETRLIMIT:
      return sys_prlimit(a[0], a[1], false);
    case NR_PRLIMIT64:
      if (a[0] != 0 && a[0] != m_tid) return -E_PERM;
      return a[3] ? sys_prlimit(a[1], a[3], true) : 0;
    case NR_READLINK:
      return sys_readlink(a[0], a[1], a[2]);
    case NR_READLINKAT:
      return sys_readlink(a[1], a[2], a[3]);
    case NR_GETRANDOM:
      return sys_getrandom(a[0], a[1]);
    case NR_UNAME:
      return sys_uname(a[0]);
    case NR_SYSINFO: {
      // struct sysinfo of a 32-bit kernel (include/uapi/linux/sysinfo.h), 64
      // bytes: the DRAM above the program as total and free RAM, unit 1.
      std::vector<std::uint8_t> b(64, 0);
      put_be32(b, 0, static_cast<std::uint32_t>(m_cpu.local_now().to_seconds()));
      put_be32(b, 16, m_mem_hi);                                         // totalram
      put_be32(b, 20, m_stack_base > m_brk ? m_stack_base - m_brk : 0);  // freeram
      put_be16(b, 40, 1);                                                // procs
      put_be32(b, 52, 1);                                                // mem_unit
      return write_mem(a[0], b.data(), 64) ? 0 : -E_FAULT;
    }
    case NR_FSTAT64:
      return sys_fstat64(sa(0), a[1]);
    case NR_STATX:
      return sys_statx(sa(0), a[1], a[2], a[4]);
    case NR_CLOCK_GETTIME:
      return sys_clock_gettime(a[0], a[1], false);
    case NR_CLOCK_GETTIME64:
      return sys_clock_gettime(a[0], a[1], true);
    case NR_GETTIMEOFDAY: {
      if (a[0] == 0) return 0;
      const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
      std::vector<std::uint8_t> b(8);
      put_be32(b, 0, static_cast<std::uint32_t>(us / 1000000));
      put_be32(b, 4, static_cast<std::uint32_t>(us % 1000000));
      return write_mem(a[0], b.data(), 8) ? 0 : -E_FAULT;
    }
    case NR_TIME: {
      const auto sec = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
      if (a[0] != 0 && !write_u32(a[0], static_cast<std::uint32_t>(sec))) return -E_FAULT;
      return static_cast<std::int32_t>(sec);
    }
    case NR_RT_SIGACTION:  // accepted, never delivered; the old action reads as SIG_DFL
      if (a[2] != 0 && !zero_mem(a[2], 20)) return -E_FAULT;
      return 0;
    case NR_RT_SIGPROCMASK:
      if (a[2] != 0 && !zero_mem(a[2], 8)) return -E_FAULT;
      return 0;
    case NR_KILL:
      if (a[0] != m_tid && a[0] != 0 && sa(0) != -1) return -E_PERM;
      return kill_self(a[1]);
    case NR_TKILL:
      if (a[0] != m_tid) return -E_PERM;
      return kill_self(a[1]);
    case NR_TGKILL:
      if (a[1] != m_tid) return -E_PERM;
      return kill_self(a[2]);
    case NR_FUTEX:
    case NR_FUTEX_TIME64:
      // One thread: a wake finds no waiter; a wait would never end.
      return (a[1] & 0x7f) == 1 /* FUTEX_WAKE */ ? 0 : -E_AGAIN;
    default: {
      const char* name = se_syscall_name(nr);
      std::fflush(stdout);
      std::fprintf(stderr, "pavp: unknown syscall %u%s%s%s returns ENOSYS\n", nr, name ? " (" : "",
                   name ? name : "", name ? ")" : "");
      return -E_NOSYS;
    }
  }
}

std::int32_t se_process::kill_self(std::uint32_t sig) {
  if (sig == 0) return 0;
  if (sig >= 65) return -E_INVAL;
  // No handlers are ever run: every signal the program sends itself ends it
  // as its default action would (term or core).
  m_state = state::SIGNALED;
  m_code = static_cast<int>(sig);
  return 0;
}

// ---------------------------------------------------------------- file I/O

std::int32_t se_process::sys_write(int fd, std::uint32_t buf, std::uint32_t len) {
  if (fd != 1 && fd != 2) return -E_BADF;
  len = std::min<std::uint32_t>(len, 0x7ffff000u);  // Linux's MAX_RW_COUNT
  if (!valid(buf, len)) return -E_FAULT;
  // In pieces, so a huge length costs no huge host buffer.
  std::vector<char> data(std::min<std::uint32_t>(len, 64u * 1024u));
  std::uint32_t done = 0;
  while (done < len) {
    const std::uint32_t piece =
        std::min<std::uint32_t>(len - done, static_cast<std::uint32_t>(data.size()));
    if (!read_mem(buf + done, data.data(), piece))
      return done ? static_cast<std::int32_t>(done) : -E_FAULT;
    std::uint32_t out = 0;
    while (out < piece) {
      const ssize_t n = ::write(fd, data.data() + out, piece - out);
      if (n <= 0) return static_cast<std::int32_t>(done + out);
      out += static_cast<std::uint32_t>(n);
    }
    done += piece;
  }
  return static_cast<std::int32_t>(done);
}

std::int32_t se_process::sys_read(int fd, std::uint32_t buf, std::uint32_t len) {
  if (fd != 0) return -E_BADF;
  if (!valid(buf, len)) return -E_FAULT;
  std::vector<char> data(std::min<std::uint32_t>(len, 1u << 20));
  const ssize_t n = ::read(0, data.data(), data.size());
  if (n < 0) return -E_BADF;
  if (n > 0 && !write_mem(buf, data.data(), static_cast<std::uint32_t>(n))) return -E_FAULT;
  return static_cast<std::int32_t>(n);
}

std::int32_t se_process::sys_iov(bool write, int fd, std::uint32_t iov, std::uint32_t count) {
  if (count > 1024) return -E_INVAL;
  std::int32_t total = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t base = 0, len = 0;
    if (!read_u32(iov + 8 * i, base) || !read_u32(iov + 8 * i + 4, len)) return -E_FAULT;
    if (len == 0) continue;
    const std::int32_t n = write ? sys_write(fd, base, len) : sys_read(fd, base, len);
    if (n < 0) return total > 0 ? total : n;
    total += n;
    if (static_cast<std::uint32_t>(n) < len) break;
  }
  return total;
}

std::int32_t se_process::sys_fstat64(int fd, std::uint32_t buf) {
  if (fd < 0 || fd > 2) return -E_BADF;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return -E_BADF;
  // struct stat64 of parisc (asm/stat.h), 104 bytes, big-endian.
  std::vector<std::uint8_t> b(104, 0);
  put_be64(b, 0, st.st_dev);
  put_be32(b, 12, static_cast<std::uint32_t>(st.st_ino));
  put_be32(b, 16, st.st_mode);
  put_be32(b, 20, static_cast<std::uint32_t>(st.st_nlink));
  put_be32(b, 24, st.st_uid);
  put_be32(b, 28, st.st_gid);
  put_be64(b, 32, st.st_rdev);
  put_be64(b, 48, static_cast<std::uint64_t>(st.st_size));
  put_be32(b, 56, static_cast<std::uint32_t>(st.st_blksize));
  put_be64(b, 64, static_cast<std::uint64_t>(st.st_blocks));
  put_be32(b, 72, static_cast<std::uint32_t>(st.st_atime));
  put_be32(b, 80, static_cast<std::uint32_t>(st.st_mtime));
  put_be32(b, 88, static_cast<std::uint32_t>(st.st_ctime));
  put_be64(b, 96, st.st_ino);
  return write_mem(buf, b.data(), 104) ? 0 : -E_FAULT;
}

std::int32_t se_process::sys_statx(int dirfd, std::uint32_t path, std::uint32_t flags,
                                   std::uint32_t buf) {
  std::string name;
  if (!read_string(path, name)) return -E_FAULT;
  // Only fstat-like calls on the standard streams: statx(fd, "", AT_EMPTY_PATH).
  if (!name.empty() || !(flags & 0x1000) || dirfd < 0 || dirfd > 2) return -E_NOENT;
  struct stat st {};
  if (::fstat(dirfd, &st) != 0) return -E_BADF;
  // struct statx (include/uapi/linux/stat.h), 256 bytes.
  std::vector<std::uint8_t> b(256, 0);
  put_be32(b, 0, 0x7ff);  // STATX_BASIC_STATS
  put_be32(b, 4, static_cast<std::uint32_t>(st.st_blksize));
  put_be32(b, 16, static_cast<std::uint32_t>(st.st_nlink));
  put_be32(b, 20, st.st_uid);
  put_be32(b, 24, st.st_gid);
  put_be16(b, 28, static_cast<std::uint16_t>(st.st_mode));
  put_be64(b, 32, st.st_ino);
  put_be64(b, 40, static_cast<std::uint64_t>(st.st_size));
  put_be64(b, 48, static_cast<std::uint64_t>(st.st_blocks));
  put_be64(b, 64, static_cast<std::uint64_t>(st.st_atime));
  put_be64(b, 96, static_cast<std::uint64_t>(st.st_ctime));
  put_be64(b, 112, static_cast<std::uint64_t>(st.st_mtime));
  put_be32(b, 128, major(st.st_rdev));
  put_be32(b, 132, minor(st.st_rdev));
  put_be32(b, 136, major(st.st_dev));
  put_be32(b, 140, minor(st.st_dev));
  return write_mem(buf, b.data(), 256) ? 0 : -E_FAULT;
}

std::int32_t se_process::sys_readlink(std::uint32_t path, std::uint32_t buf, std::uint32_t size) {
  std::string name;
  if (!read_string(path, name)) return -E_FAULT;
  if (name != "/proc/self/exe") return -E_NOENT;
  const std::uint32_t n = std::min<std::uint32_t>(size, static_cast<std::uint32_t>(m_exe.size()));
  return write_mem(buf, m_exe.data(), n) ? static_cast<std::int32_t>(n) : -E_FAULT;
}

// ---------------------------------------------------------------- memory management

void se_process::set_rights(std::uint32_t addr, std::uint32_t len, std::uint8_t rights) {
  if (len == 0) return;
  std::uint8_t* table = m_cpu.core().enable_absolute_rights();
  const std::uint64_t first = addr / k_page;
  const std::uint64_t end = (std::uint64_t{addr} + len + k_page - 1) / k_page;
  for (std::uint64_t p = first; p < end && p < cpu::iss::ABSOLUTE_RIGHTS_PAGES; ++p) {
    table[p] = rights;
  }
}

namespace {
// PROT_READ 1, PROT_WRITE 2 (parisc mman.h) as the core's page rights.
std::uint8_t rights_of_prot(std::uint32_t prot) {
  std::uint8_t r = 0;
  if (prot & 1u) r |= cpu::iss::ABSOLUTE_READ;
  if (prot & 2u) r |= cpu::iss::ABSOLUTE_READ | cpu::iss::ABSOLUTE_WRITE;  // write implies read
  return r;
}
}  // namespace

std::int32_t se_process::sys_brk(std::uint32_t addr) {
  // Linux returns the current break when the request cannot be met.
  const std::uint32_t limit = m_maps.empty() ? m_stack_base : m_maps.begin()->first;
  if (addr < m_brk_start || addr > limit) return static_cast<std::int32_t>(m_brk);
  if (addr > m_brk && !zero_mem(m_brk, addr - m_brk)) return static_cast<std::int32_t>(m_brk);
  // The heap's pages: readable and writable up to the new break, none above.
  const std::uint32_t old_top = page_up(m_brk), new_top = page_up(addr);
  if (new_top > old_top) set_rights(old_top, new_top - old_top, k_rw);
  if (new_top < old_top) set_rights(new_top, old_top - new_top, 0);
  m_brk = addr;
  return static_cast<std::int32_t>(m_brk);
}

std::int32_t se_process::sys_mprotect(std::uint32_t addr, std::uint32_t len, std::uint32_t prot) {
  if (addr & (k_page - 1)) return -E_INVAL;
  if (len == 0) return 0;
  const std::uint64_t end = std::uint64_t{addr} + page_up(len);
  if (end > m_mem_hi || addr < m_mem_lo) return -E_NOMEM;
  // Every page of the range must be mapped (Linux: ENOMEM otherwise).
  const std::uint8_t* table = m_cpu.core().enable_absolute_rights();
  for (std::uint64_t p = addr / k_page; p < end / k_page; ++p) {
    if (table[p] == 0 && !m_mapped_none.count(static_cast<std::uint32_t>(p))) return -E_NOMEM;
  }
  for (std::uint64_t p = addr / k_page; p < end / k_page; ++p) {
    if (rights_of_prot(prot) == 0) {
      m_mapped_none.insert(static_cast<std::uint32_t>(p));
    } else {
      m_mapped_none.erase(static_cast<std::uint32_t>(p));
    }
  }
  set_rights(addr, static_cast<std::uint32_t>(end - addr), rights_of_prot(prot));
  return 0;
}

std::int32_t se_process::sys_mmap(std::uint32_t addr, std::uint32_t len, std::uint32_t prot,
                                  std::uint32_t flags, std::int32_t fd) {
  // parisc mman.h: MAP_FIXED 0x04, MAP_ANONYMOUS 0x10.
  if (!(flags & 0x10) || fd != -1) return -E_BADF;  // no files to map
  if (len == 0) return -E_INVAL;
  const std::uint32_t size = page_up(len);
  if (size == 0 || size > m_stack_base) return -E_NOMEM;
  std::uint32_t at = 0;
  if (flags & 0x04) {
    if (addr & (k_page - 1)) return -E_INVAL;
    if (addr < page_up(m_brk) || addr > m_stack_base || size > m_stack_base - addr) return -E_NOMEM;
    sys_munmap(addr, size);
    at = addr;
  } else {
    // Top-down first fit below the stack, above the break.
    std::uint32_t top = m_stack_base;
    bool found = false;
    for (auto it = m_maps.rbegin(); it != m_maps.rend(); ++it) {
      const std::uint32_t end = it->first + it->second;
      if (top >= end && top - end >= size) {
        found = true;
        break;
      }
      top = it->first;
    }
    if (!found && (top < page_up(m_brk) || top - page_up(m_brk) < size)) return -E_NOMEM;
    at = top - size;
  }
  if (!zero_mem(at, size)) return -E_NOMEM;
  m_maps[at] = size;
  set_rights(at, size, rights_of_prot(prot));
  if (rights_of_prot(prot) == 0) {
    for (std::uint32_t p = at / k_page; p < (at + size) / k_page; ++p) m_mapped_none.insert(p);
  }
  return static_cast<std::int32_t>(at);
}

std::int32_t se_process::sys_munmap(std::uint32_t addr, std::uint32_t len) {
  if ((addr & (k_page - 1)) || len == 0) return -E_INVAL;
  const std::uint64_t end = std::uint64_t{addr} + page_up(len);
  std::map<std::uint32_t, std::uint32_t> keep;
  for (auto it = m_maps.begin(); it != m_maps.end();) {
    const std::uint64_t s = it->first, e = s + it->second;
    if (e <= addr || s >= end) {
      ++it;
      continue;
    }
    if (s < addr) keep[static_cast<std::uint32_t>(s)] = static_cast<std::uint32_t>(addr - s);
    if (e > end) keep[static_cast<std::uint32_t>(end)] = static_cast<std::uint32_t>(e - end);
    it = m_maps.erase(it);
  }
  m_maps.insert(keep.begin(), keep.end());
  // The range has no pages any more (whatever of it was mapped).
  if (end <= m_mem_hi) {
    set_rights(addr, static_cast<std::uint32_t>(end - addr), 0);
    for (std::uint64_t p = addr / k_page; p < end / k_page; ++p) {
      m_mapped_none.erase(static_cast<std::uint32_t>(p));
    }
  }
  return 0;
}

// ---------------------------------------------------------------- information

std::int32_t se_process::sys_uname(std::uint32_t buf) {
  // struct new_utsname: six 65-byte strings.
  std::vector<std::uint8_t> b(6 * 65, 0);
  const char* fields[6] = {"Linux",  "pavp",  "6.1.0", "#1 SMP pavp syscall emulation",
                           "parisc", "(none)"};
  for (int i = 0; i < 6; ++i) std::memcpy(b.data() + 65 * i, fields[i], std::strlen(fields[i]));
  return write_mem(buf, b.data(), static_cast<std::uint32_t>(b.size())) ? 0 : -E_FAULT;
}

std::int32_t se_process::sys_clock_gettime(std::uint32_t clock, std::uint32_t buf, bool time64) {
  // CLOCK_REALTIME (0) and its variants come from the host; the monotonic and
  // CPU-time clocks (1, 2, 3, 4, 7) count simulated time from the start.
  std::uint64_t sec = 0, nsec = 0;
  if (clock == 0 || clock == 5 || clock == 8 || clock == 11) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    sec = static_cast<std::uint64_t>(ns) / 1000000000u;
    nsec = static_cast<std::uint64_t>(ns) % 1000000000u;
  } else if (clock <= 7) {
    const double t = m_cpu.local_now().to_seconds();
    sec = static_cast<std::uint64_t>(t);
    nsec = static_cast<std::uint64_t>((t - static_cast<double>(sec)) * 1e9);
  } else {
    return -E_INVAL;
  }
  std::vector<std::uint8_t> b(time64 ? 16 : 8, 0);
  if (time64) {
    put_be64(b, 0, sec);
    put_be64(b, 8, nsec);
  } else {
    put_be32(b, 0, static_cast<std::uint32_t>(sec));
    put_be32(b, 4, static_cast<std::uint32_t>(nsec));
  }
  return write_mem(buf, b.data(), static_cast<std::uint32_t>(b.size())) ? 0 : -E_FAULT;
}

std::int32_t se_process::sys_prlimit(std::uint32_t resource, std::uint32_t old, bool wide) {
  std::uint64_t cur = ~0ull, max = ~0ull;       // RLIM_INFINITY
  if (resource == 3) cur = max = m_stack_size;  // RLIMIT_STACK
  if (resource == 7) cur = max = 1024;          // RLIMIT_NOFILE
  if (resource > 15) return -E_INVAL;
  std::vector<std::uint8_t> b(wide ? 16 : 8, 0);
  if (wide) {
    put_be64(b, 0, cur);
    put_be64(b, 8, max);
  } else {
    put_be32(b, 0, cur > 0xffffffffull ? 0xffffffffu : static_cast<std::uint32_t>(cur));
    put_be32(b, 4, max > 0xffffffffull ? 0xffffffffu : static_cast<std::uint32_t>(max));
  }
  return write_mem(old, b.data(), static_cast<std::uint32_t>(b.size())) ? 0 : -E_FAULT;
}

std::int32_t se_process::sys_getrandom(std::uint32_t buf, std::uint32_t len) {
  // Deterministic (xorshift64): runs repeat bit for bit.
  len = std::min<std::uint32_t>(len, 1u << 20);
  std::vector<std::uint8_t> b(len);
  for (auto& byte : b) {
    m_random ^= m_random << 13;
    m_random ^= m_random >> 7;
    m_random ^= m_random << 17;
    byte = static_cast<std::uint8_t>(m_random >> 24);
  }
  return write_mem(buf, b.data(), len) ? static_cast<std::int32_t>(len) : -E_FAULT;
}

}  // namespace pavp
