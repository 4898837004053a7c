#include "iss_harness.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "run_command.h"

namespace pavp::test {

using namespace pavp::cpu;

bool flat_memory::read(access_kind kind, std::uint32_t, std::uint32_t, std::uint8_t,
                       std::uint64_t paddr, void* data, unsigned len, std::uint64_t& cycles) {
  if (paddr >= MEM_SIZE || len > MEM_SIZE - paddr) return false;
  std::memcpy(data, mem.data() + paddr, len);
  (kind == access_kind::FETCH ? fetches : loads)++;
  cycles += extra_cycles;
  return true;
}

bool flat_memory::peek_code(std::uint64_t paddr, void* data, unsigned len) {
  if (paddr >= MEM_SIZE || len > MEM_SIZE - paddr) return false;
  std::memcpy(data, mem.data() + paddr, len);
  for (const auto& [at, word] : peek_words) {
    if (at >= paddr && at + 4 <= paddr + len)
      store_be32(static_cast<std::uint8_t*>(data) + (at - paddr), word);
  }
  return true;
}

bool flat_memory::write(access_kind, std::uint32_t, std::uint32_t, std::uint8_t,
                        std::uint64_t paddr, const void* data, unsigned len,
                        std::uint64_t& cycles) {
  if (paddr >= MEM_SIZE || len > MEM_SIZE - paddr) return false;
  std::memcpy(mem.data() + paddr, data, len);
  ++stores;
  cycles += extra_cycles;
  return true;
}

bool flat_memory::cache_op(pavp::cache_op op, std::uint32_t, std::uint32_t, std::uint8_t,
                           std::uint64_t, std::uint64_t&) {
  ++cache_ops;
  last_op = op;
  return true;
}

std::string program_path(const std::string& name) {
  return std::string(PAVP_ISS_PROGRAM_DIR) + "/" + name + ".elf";
}

bool have_program(const std::string& name) {
  std::FILE* f = std::fopen(program_path(name).c_str(), "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}

bool have_tool(const std::string& path) {
  return !path.empty() && path.find("NOTFOUND") == std::string::npos;
}

bool have_qemu() {
  return have_tool(PAVP_QEMU_HPPA);
}

machine::machine(const iss_config& cfg) : cpu(bus, cfg) {
  cpu.state().cr[CR_CCR] = 0xC0;
}

void machine::load(const std::string& name) {
  std::string err;
  ASSERT_TRUE(elf.read_file(program_path(name), err)) << err;
  ASSERT_TRUE(elf.load_into(bus.mem.data(), 0, MEM_SIZE, err)) << err;
  cpu.state().set_pc(elf.entry(), 3);
  cpu.state().cr[CR_CCR] = 0xC0;
}

std::uint32_t machine::sym(const std::string& name) const {
  auto v = elf.symbol(name);
  EXPECT_TRUE(v.has_value()) << "no symbol " << name;
  return v.value_or(0);
}

void expect_same_core(const cpu::iss& a, const cpu::iss& b, const std::string& where) {
  const cpu::cpu_state& x = a.state();
  const cpu::cpu_state& y = b.state();
  for (unsigned r = 1; r < 32; ++r) EXPECT_EQ(x.gr[r], y.gr[r]) << where << ": gr" << r;
  EXPECT_EQ(x.cb, y.cb) << where << ": carry/borrow bits";
  EXPECT_EQ(x.psw_v, y.psw_v) << where << ": PSW.V";
  EXPECT_EQ(x.psw_n, y.psw_n) << where << ": PSW.N";
  EXPECT_EQ(x.psw_b, y.psw_b) << where << ": PSW.B";
  EXPECT_EQ(x.psw, y.psw) << where << ": PSW";
  EXPECT_EQ(x.iaoq_f, y.iaoq_f) << where << ": IAOQ front";
  EXPECT_EQ(x.iaoq_b, y.iaoq_b) << where << ": IAOQ back";
  EXPECT_EQ(x.cr[cpu::CR_IIAOQ], y.cr[cpu::CR_IIAOQ]) << where << ": IIAOQ";
  for (unsigned r = 0; r < 32; ++r) EXPECT_EQ(x.fr[r], y.fr[r]) << where << ": fr" << r;
  const cpu::iss_stats& s = a.stats();
  const cpu::iss_stats& t = b.stats();
  EXPECT_EQ(s.instructions, t.instructions) << where;
  EXPECT_EQ(s.nullified, t.nullified) << where;
  EXPECT_EQ(s.cycles, t.cycles) << where;
  EXPECT_EQ(s.fetch_lines, t.fetch_lines) << where;
  EXPECT_EQ(s.decodes, t.decodes) << where;
  EXPECT_EQ(s.loads, t.loads) << where;
  EXPECT_EQ(s.stores, t.stores) << where;
  EXPECT_EQ(s.taken_branches, t.taken_branches) << where;
  EXPECT_EQ(a.interruption_counts(), b.interruption_counts()) << where;
}

run_result machine::run_to_break(std::uint64_t limit) {
  run_result r = cpu.run(limit);
  EXPECT_EQ(r.reason, stop_reason::TRAP)
      << to_string(r.reason) << " at pc 0x" << std::hex << r.pc << " insn 0x" << r.iir;
  EXPECT_EQ(r.trap, TRAP_BREAK) << "trap " << r.trap << " at pc 0x" << std::hex << r.pc
                                << " insn 0x" << r.iir;
  return r;
}

run_result machine::run_words(const std::vector<std::uint32_t>& words) {
  std::uint32_t a = CODE;
  for (std::uint32_t w : words) {
    bus.set_word(a, w);
    a += 4;
  }
  bus.set_word(a, 0x00000000u);  // break 0,0
  cpu.invalidate_all_code();
  cpu.state().set_pc(CODE, 3);
  return cpu.run(100);
}

namespace {

// The complete dumps (all 32 GRs) in a stream, in order, read a line at a
// time (a trace can be large).
std::vector<qemu_record> read_qemu_dumps(std::istream& in) {
  std::vector<qemu_record> recs;
  qemu_record cur;
  unsigned regs = 0;
  std::string line;
  while (std::getline(in, line)) {
    unsigned a, b;
    if (std::sscanf(line.c_str(), "IA_F %x IA_B %x", &a, &b) == 2) {
      cur = qemu_record{};
      cur.ia_f = a;
      cur.ia_b = b;
      regs = 0;
    } else if (std::sscanf(line.c_str(), "PSW %x CB %x", &a, &b) == 2) {
      cur.psw = a;
      cur.cb = b;
    } else if (line.rfind("GR", 0) == 0) {
      unsigned n[4], v[4];
      if (std::sscanf(line.c_str(), "GR%u %x GR%u %x GR%u %x GR%u %x", &n[0], &v[0], &n[1], &v[1],
                      &n[2], &v[2], &n[3], &v[3]) == 8) {
        for (unsigned i = 0; i < 4; ++i) {
          if (n[i] < 32) cur.gr[n[i]] = v[i];
        }
        regs += 4;
        if (regs == 32) recs.push_back(cur);
      }
    }
  }
  return recs;
}

}  // namespace

std::optional<qemu_record> qemu_at_break(const std::string& name) {
  // The program writes nothing; qemu-hppa reports the BREAK on stderr.
  const command_result r = run_command({PAVP_QEMU_HPPA, program_path(name)});
  const std::string text = r.out + r.err;
  const std::size_t at = text.find("EXCP_BREAK");
  if (at == std::string::npos) return std::nullopt;
  std::istringstream dump(text.substr(at));
  const std::vector<qemu_record> recs = read_qemu_dumps(dump);
  if (recs.empty()) return std::nullopt;
  return recs.front();
}

std::vector<qemu_record> qemu_trace(const std::string& name) {
  const std::string log = std::string(PAVP_ISS_PROGRAM_DIR) + "/" + name + "." +
                          std::to_string(::getpid()) + ".qemu.log";
  run_command({PAVP_QEMU_HPPA, "-singlestep", "-d", "cpu,nochain", "-D", log, program_path(name)});
  std::vector<qemu_record> recs;
  {
    std::ifstream in(log);
    if (!in) return recs;
    recs = read_qemu_dumps(in);
  }
  std::remove(log.c_str());
  return recs;
}

void expect_same_as_qemu(const machine& m, const std::string& name) {
  if (!have_qemu()) {
    std::printf("qemu-hppa not installed: differential check of %s skipped\n", name.c_str());
    return;
  }
  const std::optional<qemu_record> q = qemu_at_break(name);
  ASSERT_TRUE(q.has_value()) << "qemu-hppa did not stop at BREAK for " << name;
  const cpu_state& s = m.cpu.state();
  EXPECT_EQ(s.iaoq_f, q->ia_f) << "IAOQ front";
  for (unsigned i = 1; i < 32; ++i) {
    EXPECT_EQ(s.gr[i], q->gr[i]) << name << ": GR" << i << " iss 0x" << std::hex << s.gr[i]
                                 << " qemu 0x" << q->gr[i];
  }
  // QEMU prints C/B{k} as hex digit k (digit 7 = word carry); PSW without C/B.
  EXPECT_EQ((s.cb >> 3) & 0x11111111u, q->cb) << "carry/borrow bits";
  EXPECT_EQ(s.psw_v, (q->psw & PSW_V) != 0) << "PSW V";
}

void expect_lockstep_with_qemu(const std::string& name, lockstep_check check) {
  const std::vector<qemu_record> recs = qemu_trace(name);
  ASSERT_GT(recs.size(), 10u) << "no qemu trace for " << name;
  machine m;
  m.load(name);
  cpu_state& s = m.s();
  for (unsigned i = 1; i < 32; ++i) s.gr[i] = recs[0].gr[i];
  std::uint32_t prev_pc = s.iaoq_f;
  std::uint64_t compared = 0;
  for (std::size_t k = 1; k < recs.size(); ++k) {
    const qemu_record& q = recs[k];
    // QEMU may skip a nullified instruction without a dump of its own (and
    // then shows the queue as it is after that instruction).
    for (unsigned step = 0; step < 3 && (s.iaoq_f != q.ia_f || (s.psw_n && s.iaoq_b != q.ia_b));
         ++step) {
      prev_pc = s.iaoq_f;
      const run_result r = m.cpu.run(1);
      ASSERT_EQ(r.reason, stop_reason::INSN_LIMIT)
          << name << ": ISS stopped at 0x" << std::hex << r.pc << " (" << to_string(r.reason)
          << ", trap " << std::dec << r.trap << ") while QEMU continued to 0x" << std::hex
          << q.ia_f;
    }
    ASSERT_EQ(s.iaoq_f, q.ia_f) << name << ": after the instruction at 0x" << std::hex << prev_pc
                                << " the ISS is at 0x" << s.iaoq_f << ", QEMU at 0x" << q.ia_f;
    if (check == lockstep_check::ALL) {
      ASSERT_EQ(s.iaoq_b, q.ia_b) << name << ": IAOQ back after 0x" << std::hex << prev_pc;
    }
    for (unsigned i = 1; i < 32; ++i) {
      ASSERT_EQ(s.gr[i], q.gr[i]) << name << ": GR" << i << " after the instruction at 0x"
                                  << std::hex << prev_pc << " (word 0x" << m.bus.word(prev_pc & ~3u)
                                  << ")";
    }
    if (check == lockstep_check::ALL) {
      ASSERT_EQ((s.cb >> 3) & 0x11111111u, q.cb)
          << name << ": carry bits after the instruction at 0x" << std::hex << prev_pc;
    }
    ++compared;
  }
  std::printf("%s: %llu instructions compared with QEMU\n", name.c_str(),
              static_cast<unsigned long long>(compared));
}

}  // namespace pavp::test
