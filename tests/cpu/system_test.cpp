// Tests of the PA-RISC 1.1 system architecture of the ISS: the TLBs
// (pavp/cpu/mmu.h), interruption delivery through the vector table, RFI/RFIR,
// the interval timer and external interrupts, translation with its access
// checks, and the memory-management instructions.
//
// The bare-metal programs tests/cpu/asm/sys_*.S run on the ISS over a memory
// laid out like qemu-system-hppa's B160L (RAM at 0, the program in the
// firmware window at 0xF0000000, the LASI serial port at 0xFFD05800). Their
// interruption handler prints one line per interruption (number, IIR, ISR,
// IOR, IIAOQ, IPSW) and the programs print their results, so the serial
// transcript records what happened. sys_traps also runs as qemu-system-hppa
// firmware; its transcript and the addresses of its interruptions must match
// QEMU's (skipped without qemu-system-hppa). sys_native covers what QEMU 7.2
// does not model and is checked against hand-derived lines.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "iss_harness.h"
#include "pavp/cpu/iss.h"
#include "pavp/cpu/mmu.h"
#include "platform/board/elf_loader.h"
#include "run_command.h"

namespace {

using pavp::access_kind;
using namespace pavp::cpu;
using namespace pavp::test;

constexpr std::uint64_t RAM_SIZE = 16u << 20;
constexpr std::uint64_t ROM_BASE = 0xF0000000u;
constexpr std::uint64_t ROM_SIZE = 1u << 20;
constexpr std::uint64_t SERIAL = 0xFFD05800u;

// RAM, the program window and the serial port's transmit and status
// registers.
class board_bus : public cpu_bus {
 public:
  std::vector<std::uint8_t> ram = std::vector<std::uint8_t>(RAM_SIZE, 0);
  std::vector<std::uint8_t> rom = std::vector<std::uint8_t>(ROM_SIZE, 0);
  std::string serial;
  unsigned uncached_reads = 0, uncached_writes = 0, cache_ops = 0;
  std::uint32_t last_data_space = ~0u;  // of the last load or store
  std::uint64_t last_cache_op_paddr = 0;

  std::uint8_t* at(std::uint64_t paddr, unsigned len) {
    if (paddr < RAM_SIZE && len <= RAM_SIZE - paddr) return ram.data() + paddr;
    if (paddr >= ROM_BASE && paddr - ROM_BASE < ROM_SIZE && len <= ROM_SIZE - (paddr - ROM_BASE)) {
      return rom.data() + (paddr - ROM_BASE);
    }
    return nullptr;
  }
  // Cycles every third load adds (a miss's latency, as a cache would add).
  std::uint64_t third_load_cycles = 0;
  unsigned loads = 0;

  bool read(access_kind kind, std::uint32_t, std::uint32_t space, std::uint8_t, std::uint64_t paddr,
            void* data, unsigned len, std::uint64_t& cycles) override {
    if (kind == access_kind::LOAD && ++loads % 3 == 0) cycles += third_load_cycles;
    if (uncached()) ++uncached_reads;
    if (kind != access_kind::FETCH) last_data_space = space;
    if (paddr >= SERIAL && paddr < SERIAL + 8) {
      std::memset(data, 0, len);
      if (paddr == SERIAL + 5 && len == 1) *static_cast<std::uint8_t*>(data) = 0x60;  // LSR
      return true;
    }
    std::uint8_t* p = at(paddr, len);
    if (p == nullptr) return false;
    std::memcpy(data, p, len);
    return true;
  }
  bool write(access_kind, std::uint32_t, std::uint32_t space, std::uint8_t, std::uint64_t paddr,
             const void* data, unsigned len, std::uint64_t&) override {
    if (uncached()) ++uncached_writes;
    last_data_space = space;
    if (paddr == SERIAL && len == 1) {
      serial.push_back(static_cast<char>(*static_cast<const std::uint8_t*>(data)));
      return true;
    }
    if (paddr >= SERIAL && paddr < SERIAL + 8) return true;
    if (paddr >= ROM_BASE) return false;  // the program window is read-only
    std::uint8_t* p = at(paddr, len);
    if (p == nullptr) return false;
    std::memcpy(p, data, len);
    return true;
  }
  bool cache_op(pavp::cache_op, std::uint32_t, std::uint32_t, std::uint8_t, std::uint64_t paddr,
                std::uint64_t&) override {
    ++cache_ops;
    last_cache_op_paddr = paddr;
    return true;
  }

  void set_word(std::uint64_t a, std::uint32_t v) { store_be32(at(a, 4), v); }
  std::uint32_t word(std::uint64_t a) { return load_be32(at(a, 4)); }
};

iss_config delivering() {
  iss_config c;
  c.deliver_interruptions = true;
  return c;
}

struct delivery {
  unsigned trap;
  std::uint32_t iiaoq;
};

// A CPU in the reset state of qemu-system-hppa (PSW = Q, privilege 0,
// physical mode) with interruption delivery on.
struct board {
  board_bus bus;
  iss cpu;
  pavp::elf_image elf;
  std::vector<delivery> deliveries;
  bool halted = false;
  std::uint32_t halt_pc = 0;

  explicit board(const iss_config& cfg = delivering()) : cpu(bus, cfg) {
    cpu.set_interruption_hook([this](unsigned trap) {
      const cpu_state& s = cpu.state();
      deliveries.push_back({trap, s.cr[CR_IIAOQ]});
      if (trap == TRAP_ILLEGAL && (s.cr[CR_IIAOQ] & ~3u) == halt_pc) halted = true;
    });
  }

  void load(const std::string& name) {
    std::string err;
    ASSERT_TRUE(elf.read_file(program_path(name), err)) << err;
    ASSERT_TRUE(elf.load_into(bus.rom.data(), ROM_BASE, ROM_SIZE, err)) << err;
    halt_pc = elf.symbol("halt").value_or(0);
    cpu.state().set_pc(elf.entry(), 0);
    cpu.state().psw = PSW_Q;
  }
  // Runs until the program executes its power-off word (an illegal
  // instruction here) or the limit; returns the transcript up to "D\n".
  std::string run_program(std::uint64_t limit = 5'000'000) {
    std::uint64_t done = 0;
    while (!halted && done < limit) {
      const run_result r = cpu.run(1000);
      done += 1000;
      EXPECT_EQ(r.reason, stop_reason::INSN_LIMIT)
          << to_string(r.reason) << " at 0x" << std::hex << r.pc;
      if (r.reason != stop_reason::INSN_LIMIT) break;
    }
    EXPECT_TRUE(halted) << "the program did not reach halt";
    const std::size_t end = bus.serial.find("D\n");
    return end == std::string::npos ? bus.serial : bus.serial.substr(0, end + 2);
  }
};

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------
// The TLBs on their own

TEST(SystemTlb, InsertNeedsBothHalvesAndTranslates) {
  mmu m;
  const std::uint64_t g0 = m.generation();
  m.dtlb_insert_address(5, 0x00401234, 0x00200000 >> 7);
  EXPECT_EQ(m.dtlb_lookup(5, 0x00401000), nullptr) << "address half only";
  EXPECT_TRUE(m.dtlb_insert_protection(5, 0x00401ffc, 0x11000000));
  const tlb_entry* e = m.dtlb_lookup(5, 0x00401abc);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->paddr(0x00401abc), 0x00200abcu);
  EXPECT_EQ(e->type(), 1u);
  EXPECT_EQ(m.dtlb_lookup(6, 0x00401abc), nullptr) << "another space";
  EXPECT_EQ(m.itlb_lookup(5, 0x00401abc), nullptr) << "split TLBs";
  EXPECT_FALSE(m.itlb_insert_protection(5, 0x00401000, 0)) << "a lone IxTLBP";
  EXPECT_GT(m.generation(), g0);
  m.dtlb_purge(5, 0x00401000);
  EXPECT_EQ(m.dtlb_lookup(5, 0x00401abc), nullptr);
}

TEST(SystemTlb, ReplacementIsRoundRobinOnceFull) {
  mmu_config cfg;
  cfg.dtlb_entries = 4;
  mmu m(cfg);
  for (std::uint32_t p = 0; p < 4; ++p) m.dtlb_insert(0, p << 12, p << 12, 0x01000000);
  EXPECT_EQ(m.dtlb().valid_entries(), 4u);
  m.dtlb_insert(0, 4u << 12, 4u << 12, 0x01000000);  // evicts the first entry
  EXPECT_EQ(m.dtlb_lookup(0, 0), nullptr);
  EXPECT_NE(m.dtlb_lookup(0, 4u << 12), nullptr);
  m.dtlb_insert(0, 5u << 12, 5u << 12, 0x01000000);  // then the second
  EXPECT_EQ(m.dtlb_lookup(0, 1u << 12), nullptr);
  m.dtlb_insert(0, 2u << 12, 0x9000, 0x01000000);  // re-inserting a page replaces it
  EXPECT_EQ(m.dtlb_lookup(0, 2u << 12)->paddr(2u << 12), 0x9000u);
  EXPECT_EQ(m.dtlb().valid_entries(), 4u);
  m.clear();
  EXPECT_EQ(m.dtlb().valid_entries(), 0u);
}

TEST(SystemTlb, UnifiedTlbServesBothSides) {
  mmu_config cfg;
  cfg.unified = true;
  mmu m(cfg);
  m.itlb_insert(0, 0x1000, 0x1000, 0x02C00000);
  EXPECT_NE(m.dtlb_lookup(0, 0x1000), nullptr);
}

TEST(SystemTlb, AccessRightsByTypeAndPrivilege) {
  tlb_entry e;
  e.valid = true;
  auto prot = [&](unsigned type, unsigned pl1, unsigned pl2) {
    e.prot = (type << 24) | (pl1 << 22) | (pl2 << 20);
  };
  prot(0, 3, 0);  // read-only for everybody
  EXPECT_TRUE(tlb_rights_allow(e, 3, tlb_access::READ));
  EXPECT_FALSE(tlb_rights_allow(e, 0, tlb_access::WRITE));
  EXPECT_FALSE(tlb_rights_allow(e, 0, tlb_access::EXECUTE));
  prot(1, 3, 0);  // read everybody, write at 0 (OpenBSD TLB_AR_KRW-like)
  EXPECT_TRUE(tlb_rights_allow(e, 0, tlb_access::WRITE));
  EXPECT_FALSE(tlb_rights_allow(e, 1, tlb_access::WRITE));
  prot(2, 3, 1);  // execute at 1..3
  EXPECT_TRUE(tlb_rights_allow(e, 3, tlb_access::EXECUTE));
  EXPECT_FALSE(tlb_rights_allow(e, 0, tlb_access::EXECUTE));
  prot(3, 3, 3);  // OpenBSD TLB_AR_URWX
  EXPECT_TRUE(tlb_rights_allow(e, 3, tlb_access::WRITE));
  EXPECT_TRUE(tlb_rights_allow(e, 3, tlb_access::EXECUTE));
  prot(4, 3, 0);  // gateway (OpenBSD TLB_GATE_PROT): execute only
  EXPECT_TRUE(tlb_rights_allow(e, 3, tlb_access::EXECUTE));
  EXPECT_FALSE(tlb_rights_allow(e, 0, tlb_access::READ));
}

TEST(SystemTlb, ProtectionIdsAndWriteDisable) {
  tlb_entry e;
  e.valid = true;
  e.prot = 0x01000000u | (0x55u << 1);
  std::uint32_t pids[4] = {0, 0, 0, 0};
  EXPECT_FALSE(tlb_pid_allow(e, pids, false));
  pids[2] = (0x55u << 1) | 1u;  // write disabled
  EXPECT_TRUE(tlb_pid_allow(e, pids, false));
  EXPECT_FALSE(tlb_pid_allow(e, pids, true));
  pids[3] = 0x55u << 1;
  EXPECT_TRUE(tlb_pid_allow(e, pids, true));
  e.prot = 0x01000000u;  // access ID 0: public
  const std::uint32_t none[4] = {0, 0, 0, 0};
  EXPECT_TRUE(tlb_pid_allow(e, none, true));
}

// ---------------------------------------------------------------------------
// Delivery and the core's own mechanisms

TEST(SystemDelivery, StopModeLeavesInterruptionRegistersAlone) {
  board b(iss_config{});
  b.bus.set_word(0x1000, 0x00004001);  // break 1,2
  b.cpu.state().set_pc(0x1000, 0);
  b.cpu.state().psw = PSW_Q;
  const run_result r = b.cpu.run(10);
  EXPECT_EQ(r.reason, stop_reason::TRAP);
  EXPECT_EQ(r.trap, TRAP_BREAK);
  EXPECT_EQ(b.cpu.state().cr[CR_IIR], 0u);
  EXPECT_EQ(b.cpu.state().iaoq_f, 0x1000u);
  EXPECT_TRUE(b.deliveries.empty());
}

TEST(SystemDelivery, BreakSavesStateAndRfiReturns) {
  board b;
  cpu_state& s = b.cpu.state();
  s.cr[CR_IVA] = 0x8000;
  b.bus.set_word(0x1000, 0x00004001);           // break 1,2
  b.bus.set_word(0x1004, 0x34030000 | 0x2a);    // ldi 21,%r3
  b.bus.set_word(0x8000 + 32 * 9, 0x00000C00);  // rfi (back to the break: IIAOQ = it)
  s.set_pc(0x1000, 0);
  s.psw = PSW_Q | PSW_D;
  s.psw_n = false;
  s.gr[1] = 0x1111;
  (void)b.cpu.run(1);  // the delivery
  ASSERT_EQ(b.deliveries.size(), 1u);
  EXPECT_EQ(b.deliveries[0].trap, TRAP_BREAK);
  EXPECT_EQ(s.iaoq_f, 0x8000u + 32 * 9);
  EXPECT_EQ(s.iaoq_b, 0x8000u + 32 * 9 + 4);
  EXPECT_EQ(s.get_psw(), 0u);
  EXPECT_EQ(s.cr[CR_IPSW], PSW_Q | PSW_D);
  EXPECT_EQ(s.cr[CR_IIR], 0x00004001u);
  EXPECT_EQ(s.cr[CR_IIAOQ], 0x1000u);
  EXPECT_EQ(s.cr_back[1], 0x1004u);
  EXPECT_EQ(s.shadow[0], 0x1111u);
  // Skip the break on return with IPSW.N.
  s.cr[CR_IPSW] |= PSW_N;
  s.gr[1] = 0;
  (void)b.cpu.run(1);  // rfi
  EXPECT_EQ(s.iaoq_f, 0x1000u);
  EXPECT_TRUE(s.psw_n);
  EXPECT_EQ(s.psw, PSW_Q | PSW_D);
  EXPECT_EQ(s.gr[1], 0u) << "RFI does not restore shadows";
}

TEST(SystemDelivery, StateCollectionOffKeepsIirAndShadows) {
  board b;
  cpu_state& s = b.cpu.state();
  s.cr[CR_IVA] = 0x8000;
  s.cr[CR_IIR] = 0xabcd;
  b.bus.set_word(0x1000, 0x00004001);
  s.set_pc(0x1000, 0);
  s.psw = 0;  // Q = 0
  s.gr[1] = 5;
  (void)b.cpu.run(1);
  EXPECT_EQ(s.cr[CR_IIR], 0xabcdu);
  EXPECT_EQ(s.shadow[0], 0u);
  EXPECT_EQ(s.cr[CR_IIAOQ], 0x1000u);
}

TEST(SystemDelivery, IvaZeroWithoutHandlerEndsAtTheLimit) {
  board b;
  b.cpu.state().set_pc(0x2000, 3);  // zeros: break 0,0 everywhere, vector 9 too
  const run_result r = b.cpu.run(10'000);
  EXPECT_EQ(r.reason, stop_reason::INSN_LIMIT);
  EXPECT_GT(b.cpu.interruption_counts()[TRAP_BREAK], 1000u);
}

TEST(SystemDelivery, RandomSystemCodeNeverCrashesOrHangs) {
  board b;
  std::mt19937 rng(11);
  for (std::uint64_t a = 0; a < (1u << 20); a += 4) {
    b.bus.set_word(a, static_cast<std::uint32_t>(rng()));
  }
  for (unsigned i = 0; i < 2000; ++i) {
    cpu_state& s = b.cpu.state();
    s = cpu_state{};
    for (unsigned r = 1; r < 32; ++r) s.gr[r] = static_cast<std::uint32_t>(rng()) & 0x00ffffffu;
    s.cr[CR_IVA] = static_cast<std::uint32_t>(rng()) & 0x000ff800u;
    s.psw = static_cast<std::uint32_t>(rng()) & (PSW_Q | PSW_D | PSW_C | PSW_P | PSW_I);
    s.set_pc(static_cast<std::uint32_t>(rng()) & 0x000ffffcu, i & 3u);
    if (i % 7 == 0) b.cpu.mmu_unit().clear();
    const run_result r = b.cpu.run(2000);
    EXPECT_LE(r.executed, 2000u);
  }
}

// The timer compare and an external line, and their delivery between
// instructions with IIAOQ naming the next instruction.
TEST(SystemInterrupts, TimerMatchSetsEirrAndInterruptsWhenEnabled) {
  iss_config cfg = delivering();
  cfg.timer_divider = 2;
  board b(cfg);
  cpu_state& s = b.cpu.state();
  for (std::uint32_t a = 0x1000; a < 0x3000; a += 4) b.bus.set_word(a, 0x08000240);  // nop
  for (std::uint32_t a = 0x8000; a < 0x8400; a += 4) b.bus.set_word(a, 0x08000240);
  s.cr[CR_IVA] = 0x8000;
  s.set_pc(0x1000, 0);
  s.psw = PSW_Q;       // I = 0: latched only
  s.cr[CR_ITMR] = 50;  // compare: tick 50 = cycle 100
  (void)b.cpu.run(1);
  EXPECT_EQ(b.cpu.cycles_to_timer_match(), 99u);
  (void)b.cpu.run(150);
  EXPECT_EQ(s.cr[CR_EIRR], 0x80000000u);
  EXPECT_TRUE(b.deliveries.empty());
  EXPECT_GE(b.cpu.interval_timer(), 75u);
  // Enabled in EIEM and PSW.I: taken before the next instruction.
  s.cr[CR_EIEM] = 0x80000000u;
  s.psw |= PSW_I;
  const std::uint32_t next = s.iaoq_f;
  (void)b.cpu.run(1);
  ASSERT_EQ(b.deliveries.size(), 1u);
  EXPECT_EQ(b.deliveries[0].trap, TRAP_EXTERNAL);
  EXPECT_EQ(s.cr[CR_IIAOQ], next);
  EXPECT_EQ(s.cr[CR_IPSW] & PSW_I, PSW_I);
  // An external line from the platform.
  b.cpu.lower_external(0x80000000u);
  b.cpu.raise_external(0x00010000u);
  EXPECT_FALSE(b.cpu.external_pending()) << "PSW.I is off in the handler";
  s.psw = PSW_I;
  s.cr[CR_EIEM] = 0x00010000u;
  EXPECT_TRUE(b.cpu.external_pending());
  s.set_pc(0x2000, 0);
  (void)b.cpu.run(1);
  EXPECT_EQ(b.deliveries.size(), 2u);
  EXPECT_EQ(s.cr[CR_IIAOQ], 0x2000u);
}

// Two boards prepared alike run n instructions, one in one run() and the
// other one run(1) at a time (each run looks at the events when it starts):
// the same interruptions before the same instructions (the timer's first),
// the same registers and the same cycle count. A core that looked at the
// events less often than before every instruction, where it could tell that
// none comes due, must pass this as one that looks every time does.
template <typename Prepare>
void expect_one_run_as_steps(const iss_config& cfg, const Prepare& prepare, unsigned n,
                             const std::string& at) {
  board whole(cfg), steps(cfg);
  prepare(whole);
  prepare(steps);
  (void)whole.cpu.run(n);
  for (unsigned i = 0; i < n; ++i) (void)steps.cpu.run(1);
  // The interrupt, then the break traps of the zeros past the nops.
  ASSERT_FALSE(whole.deliveries.empty()) << at;
  EXPECT_EQ(whole.deliveries[0].trap, TRAP_EXTERNAL) << at;
  ASSERT_EQ(whole.deliveries.size(), steps.deliveries.size()) << at;
  for (std::size_t i = 0; i < whole.deliveries.size(); ++i) {
    EXPECT_EQ(whole.deliveries[i].trap, steps.deliveries[i].trap) << at;
    EXPECT_EQ(whole.deliveries[i].iiaoq, steps.deliveries[i].iiaoq) << at;
  }
  EXPECT_EQ(whole.cpu.state().gr[1], steps.cpu.state().gr[1]) << at;
  EXPECT_EQ(whole.cpu.state().gr[5], steps.cpu.state().gr[5]) << at;
  EXPECT_EQ(whole.cpu.stats().cycles, steps.cpu.stats().cycles) << at;
}

// The timer's compare on every side of two loops' instructions, whose costs
// differ by class and by a taken branch, and in the second loop by a load's
// latency (added by the bus).
TEST(SystemInterrupts, TimerTakenAtTheSameInstructionInOneRunAsStepByStep) {
  iss_config cfg = delivering();
  cfg.class_cycles = {1, 3, 2, 2, 1};  // ALU, LOAD, STORE, BRANCH, SYSTEM
  cfg.taken_branch_cycles = 3;
  // loop: ldo 1(r1),r1; ldo 3(r6),r6; addib,<> -1,r4,loop; ldo 2(r5),r5;
  //       addib,<> -1,r7,loop; nop; b loop; nop
  const std::vector<std::uint32_t> alu_loop = {0x34210002, 0x34c60006, 0xac9f3fe5, 0x34a50004,
                                               0xacff3fd5, 0x08000240, 0xe81f1fc5, 0x08000240};
  // loop: ldo 1(r1),r1; ldw 0x100(r0),r2; add r2,r1,r3; stw r3,0x104(r0);
  //       addib,<> -1,r4,loop; ldo 2(r5),r5; b loop; nop
  const std::vector<std::uint32_t> load_loop = {0x34210002, 0x48020200, 0x08220603, 0x68030208,
                                                0xac9f3fd5, 0x34a50004, 0xe81f1fc5, 0x08000240};
  for (const auto* loop : {&alu_loop, &load_loop}) {
    for (std::uint32_t compare = 5; compare < 400; compare += 7) {
      auto prepare = [&](board& b) {
        for (unsigned i = 0; i < loop->size(); ++i) b.bus.set_word(0x1000 + 4 * i, (*loop)[i]);
        for (std::uint32_t a = 0x8000; a < 0x8400; a += 4) b.bus.set_word(a, 0x08000240);  // nop
        b.bus.third_load_cycles = 7;
        cpu_state& s = b.cpu.state();
        s.cr[CR_IVA] = 0x8000;
        s.cr[CR_ITMR] = compare;
        s.cr[CR_EIEM] = 0x80000000u;
        s.gr[4] = 5;
        s.gr[7] = 3;
        s.set_pc(0x1000, 0);
        s.psw = PSW_Q | PSW_I;
      };
      expect_one_run_as_steps(cfg, prepare, 500,
                              "compare " + std::to_string(compare) +
                                  (loop == &alu_loop ? " (alu loop)" : " (load loop)"));
    }
  }
}

// The same when the program itself moves the event nearer in the middle of
// a run: it reads CR16 and writes a compare value delta cycles ahead (past
// the cycles its own add and mtctl take).
TEST(SystemInterrupts, TimerSetByTheProgramTakenAtTheSameInstructionAsStepByStep) {
  iss_config cfg = delivering();
  cfg.class_cycles = {1, 3, 2, 2, 1};
  cfg.taken_branch_cycles = 3;
  // loop: ldo 1(r1),r1; addib,<> -1,r4,loop; nop; mfctl cr16,r11;
  //       add r11,r12,r10; mtctl r10,cr16;
  // loop2: ldo 1(r5),r5; addib,<> -1,r7,loop2; ldo 3(r6),r6; b loop2; nop
  const std::uint32_t program[] = {0x34210002, 0xac9f3fed, 0x08000240, 0x020008ab,
                                   0x098b060a, 0x020a1840, 0x34a50002, 0xacff3fed,
                                   0x34c60006, 0xe81f1fdd, 0x08000240};
  for (std::uint32_t delta = 4; delta < 120; delta += 3) {
    auto prepare = [&](board& b) {
      for (unsigned i = 0; i < std::size(program); ++i) {
        b.bus.set_word(0x1000 + 4 * i, program[i]);
      }
      for (std::uint32_t a = 0x8000; a < 0x8400; a += 4) b.bus.set_word(a, 0x08000240);  // nop
      cpu_state& s = b.cpu.state();
      s.cr[CR_IVA] = 0x8000;
      s.cr[CR_ITMR] = 0xfffffff0u;  // far away until the program writes it
      s.cr[CR_EIEM] = 0x80000000u;
      s.gr[4] = 20;
      s.gr[7] = 4;
      s.gr[12] = delta;
      s.set_pc(0x1000, 0);
      s.psw = PSW_Q | PSW_I;
    };
    expect_one_run_as_steps(cfg, prepare, 400, "delta " + std::to_string(delta));
  }
}

TEST(SystemInterrupts, StopModeLeavesInterruptsPending) {
  board b(iss_config{});
  cpu_state& s = b.cpu.state();
  for (std::uint32_t a = 0x1000; a < 0x1100; a += 4) b.bus.set_word(a, 0x08000240);
  s.set_pc(0x1000, 0);
  s.psw = PSW_I;
  s.cr[CR_EIEM] = ~0u;
  b.cpu.raise_external(1u);
  const run_result r = b.cpu.run(10);
  EXPECT_EQ(r.reason, stop_reason::INSN_LIMIT);
  EXPECT_EQ(s.cr[CR_EIRR], 1u);
}

// The recovery counter (CR0): counts non-nullified instructions while
// PSW.R = 1 and traps (3) before the next instruction once its leftmost bit
// is 1 (PA-RISC 2.0 manual, ch. 2, CR0 and ch. 4, trap 3).
TEST(SystemRecoveryCounter, TrapsAfterCounterPlusOneInstructions) {
  board b;
  cpu_state& s = b.cpu.state();
  for (std::uint32_t a = 0x1000; a < 0x1100; a += 4) b.bus.set_word(a, 0x08000240);  // nop
  for (std::uint32_t a = 0x8000; a < 0x8400; a += 4) b.bus.set_word(a, 0x08000240);
  s.cr[CR_IVA] = 0x8000;
  s.set_pc(0x1000, 0);
  s.psw = PSW_Q | PSW_R;
  s.cr[CR_RC] = 4;
  (void)b.cpu.run(5);
  EXPECT_TRUE(b.deliveries.empty()) << "five instructions run: 4, 3, 2, 1, 0 before each";
  EXPECT_EQ(s.cr[CR_RC], 0xffffffffu);
  (void)b.cpu.run(1);
  ASSERT_EQ(b.deliveries.size(), 1u);
  EXPECT_EQ(b.deliveries[0].trap, TRAP_RECOVERY_COUNTER);
  EXPECT_EQ(b.deliveries[0].iiaoq, 0x1014u) << "IIAOQ names the next instruction";
  EXPECT_EQ(s.cr[CR_IPSW], PSW_Q | PSW_R);
  EXPECT_EQ(s.cr[CR_RC], 0xffffffffu) << "PSW.R = 0 in the handler: the counter stops";
  (void)b.cpu.run(10);
  EXPECT_EQ(s.cr[CR_RC], 0xffffffffu);
  EXPECT_EQ(b.deliveries.size(), 1u);
}

TEST(SystemRecoveryCounter, NullifiedAndTrappingInstructionsDoNotCount) {
  board b;
  cpu_state& s = b.cpu.state();
  s.cr[CR_IVA] = 0x8000;
  b.bus.set_word(0x1000, 0x08002880);           // cmpclr,= r0,r0,r0: nullifies the next
  b.bus.set_word(0x1004, 0x3403000e);           // ldi 7,r3 (nullified)
  b.bus.set_word(0x1008, 0x000008a4);           // mfctl rctr,r4
  b.bus.set_word(0x100c, 0x00000000);           // break 0,0
  b.bus.set_word(0x8000 + 32 * 9, 0x00000C00);  // rfi
  s.set_pc(0x1000, 0);
  s.psw = PSW_Q | PSW_R;
  s.cr[CR_RC] = 100;
  (void)b.cpu.run(3);
  EXPECT_EQ(s.gr[3], 0u);
  EXPECT_EQ(s.gr[4], 99u) << "mfctl reads the live counter: only cmpclr counted before it";
  EXPECT_EQ(s.cr[CR_RC], 98u);
  (void)b.cpu.run(1);  // the break traps: it does not complete
  ASSERT_EQ(b.deliveries.size(), 1u);
  EXPECT_EQ(b.deliveries[0].trap, TRAP_BREAK);
  EXPECT_EQ(s.cr[CR_RC], 98u);
}

TEST(SystemRecoveryCounter, OffWithoutPswRAndWritableByMtctl) {
  board b;
  cpu_state& s = b.cpu.state();
  for (std::uint32_t a = 0x1000; a < 0x1100; a += 4) b.bus.set_word(a, 0x08000240);
  for (std::uint32_t a = 0x8000; a < 0x8400; a += 4) b.bus.set_word(a, 0x08000240);
  s.cr[CR_IVA] = 0x8000;
  b.bus.set_word(0x1000, 0x00051840);  // mtctl r5,rctr
  b.bus.set_word(0x1004, 0x00100d60);  // ssm R,r0
  s.set_pc(0x1000, 0);
  s.psw = PSW_Q;
  s.cr[CR_RC] = 7;
  s.gr[5] = 0x80000000u;  // leftmost bit set: due as soon as R = 1
  (void)b.cpu.run(1);
  EXPECT_EQ(s.cr[CR_RC], 0x80000000u);
  EXPECT_TRUE(b.deliveries.empty()) << "no trap while PSW.R = 0";
  (void)b.cpu.run(3);
  ASSERT_EQ(b.deliveries.size(), 1u);
  EXPECT_EQ(b.deliveries[0].trap, TRAP_RECOVERY_COUNTER);
  EXPECT_EQ(b.deliveries[0].iiaoq, 0x1008u) << "right after the ssm that set R";
  // A user-mode mtctl to CR0 is a privileged register trap.
  board u;
  u.bus.set_word(0x1000, 0x00051840);
  u.cpu.state().cr[CR_IVA] = 0x8000;
  u.cpu.state().set_pc(0x1000, 3);
  u.cpu.state().psw = PSW_Q;
  (void)u.cpu.run(1);
  ASSERT_EQ(u.deliveries.size(), 1u);
  EXPECT_EQ(u.deliveries[0].trap, TRAP_PRIV_REGISTER);
}

// DIAG: a no-op at privilege 0, the privileged operation trap above.
TEST(SystemDelivery, DiagIsPrivileged) {
  board b;
  cpu_state& s = b.cpu.state();
  s.cr[CR_IVA] = 0x8000;
  b.bus.set_word(0x1000, 0x14000123);  // diag 0x123
  b.bus.set_word(0x1004, 0x08000240);
  s.set_pc(0x1000, 0);
  (void)b.cpu.run(1);
  EXPECT_TRUE(b.deliveries.empty());
  EXPECT_EQ(s.iaoq_f, 0x1004u);
  s.set_pc(0x1000, 3);
  (void)b.cpu.run(1);
  ASSERT_EQ(b.deliveries.size(), 1u);
  EXPECT_EQ(b.deliveries[0].trap, TRAP_PRIV_OPERATION);
}

// U pages reach the bus as uncached accesses.
TEST(SystemTranslation, UncacheablePagesAreFlaggedOnTheBus) {
  board b;
  cpu_state& s = b.cpu.state();
  b.cpu.mmu_unit().dtlb_insert(0, 0x00400000, 0x00200000, 0x11000000 | TLB_PROT_U);
  b.cpu.mmu_unit().dtlb_insert(0, 0x00401000, 0x00201000, 0x11000000);
  b.bus.set_word(0x1000, 0x0c801086);  // ldw 0(%r4),%r6
  b.bus.set_word(0x1004, 0x0ca01087);  // ldw 0(%r5),%r7
  b.bus.set_word(0x1008, 0x00004001);  // break
  b.bus.set_word(0x00200000, 0x11223344);
  b.bus.set_word(0x00201000, 0x55667788);
  s.gr[4] = 0x00400000;
  s.gr[5] = 0x00401000;
  s.set_pc(0x1000, 0);
  s.psw = PSW_D;
  s.cr[CR_IVA] = 0x8000;
  b.bus.set_word(0x8000 + 32 * 9, 0x00000C00);
  (void)b.cpu.run(2);
  EXPECT_EQ(s.gr[6], 0x11223344u);
  EXPECT_EQ(s.gr[7], 0x55667788u);
  EXPECT_EQ(b.bus.uncached_reads, 1u);
}

// An absolute load or store (LDWA, STWA) is cached whatever the access
// before it was: it does not inherit a U page's uncached attribute. It forms
// no virtual address: the bus sees space 0 with PSW.D set as without.
TEST(SystemTranslation, AbsoluteAccessesAreCachedAndInNoSpace) {
  board b;
  cpu_state& s = b.cpu.state();
  b.cpu.mmu_unit().dtlb_insert(0x2a, 0x00400000, 0x00200000, 0x11000000 | TLB_PROT_U);
  b.bus.set_word(0x1000, 0x0c801086);  // ldw 0(%r4),%r6    (U page: uncached)
  b.bus.set_word(0x1004, 0x0ca01187);  // ldwa 0(%r5),%r7   (absolute)
  b.bus.set_word(0x1008, 0x0ca61388);  // stwa %r6,4(%r5)   (absolute)
  b.bus.set_word(0x100c, 0x00000000);  // break
  b.bus.set_word(0x00200000, 0x11223344);
  b.bus.set_word(0x00300000, 0x55667788);
  s.gr[4] = 0x00400000;
  s.gr[5] = 0x00300000;
  s.sr[4] = 0x2a;  // the space of the virtual load, and the one a virtual access would name
  s.set_pc(0x1000, 0);
  s.psw = PSW_D;
  (void)b.cpu.run(1);
  EXPECT_EQ(s.gr[6], 0x11223344u);
  EXPECT_EQ(b.bus.last_data_space, 0x2au);
  (void)b.cpu.run(1);
  EXPECT_EQ(s.gr[7], 0x55667788u);
  EXPECT_EQ(b.bus.last_data_space, 0u);
  (void)b.cpu.run(1);
  EXPECT_EQ(b.bus.word(0x00300004), 0x11223344u);
  EXPECT_EQ(b.bus.last_data_space, 0u);
  EXPECT_EQ(b.bus.uncached_reads, 1u);
  EXPECT_EQ(b.bus.uncached_writes, 0u);
}

// BE changes IASQ_Back; the front space follows one instruction later, as
// the queue advances: also for a BE in the delay slot of another, and the
// same whether the run stops after every instruction or goes on.
TEST(SystemTranslation, BranchExternalMovesTheSpaceThroughTheQueue) {
  struct queue {
    std::uint32_t iaoq_f, iasq_f, iaoq_b, iasq_b;
    bool operator==(const queue& o) const {
      return iaoq_f == o.iaoq_f && iasq_f == o.iasq_f && iaoq_b == o.iaoq_b && iasq_b == o.iasq_b;
    }
  };
  auto load = [](board& b) {
    cpu_state& s = b.cpu.state();
    b.bus.set_word(0x1000, 0xe0804200);  // be 0x100(%sr1,%r4)
    b.bus.set_word(0x1004, 0x08000240);  // nop
    b.bus.set_word(0x2100, 0xe0808400);  // be 0x200(%sr2,%r4)
    b.bus.set_word(0x2104, 0xe080c600);  // be 0x300(%sr3,%r4)   (in the delay slot)
    b.bus.set_word(0x2200, 0x34060002);  // ldi 1,%r6
    b.bus.set_word(0x2300, 0x34060004);  // ldi 2,%r6
    s.gr[4] = 0x2000;
    s.sr[1] = 0x11;
    s.sr[2] = 0x22;
    s.sr[3] = 0x33;
    s.set_pc(0x1000, 0, 0x5);
  };
  auto queue_of = [](const cpu_state& s) {
    return queue{s.iaoq_f & ~3u, s.iasq_f, s.iaoq_b & ~3u, s.iasq_b};
  };
  const queue expected[] = {
      {0x1004, 0x05, 0x2100, 0x11},  // after the first BE
      {0x2100, 0x11, 0x2104, 0x11},  // after its delay slot
      {0x2104, 0x11, 0x2200, 0x22},  // after the second BE
      {0x2200, 0x22, 0x2300, 0x33},  // after the third, in the second's delay slot
      {0x2300, 0x33, 0x2304, 0x33},  // after ldi 1
      {0x2304, 0x33, 0x2308, 0x33},  // after ldi 2
  };
  board stepped(iss_config{});
  load(stepped);
  for (const queue& q : expected) {
    EXPECT_EQ(stepped.cpu.run(1).reason, stop_reason::INSN_LIMIT);
    const queue got = queue_of(stepped.cpu.state());
    EXPECT_TRUE(got == q) << std::hex << "front 0x" << got.iasq_f << ":0x" << got.iaoq_f
                          << " back 0x" << got.iasq_b << ":0x" << got.iaoq_b
                          << ", expected front 0x" << q.iasq_f << ":0x" << q.iaoq_f;
  }
  EXPECT_EQ(stepped.cpu.state().gr[6], 2u);
  for (unsigned n = 1; n <= 6; ++n) {
    board whole(iss_config{});
    load(whole);
    EXPECT_EQ(whole.cpu.run(n).reason, stop_reason::INSN_LIMIT);
    EXPECT_TRUE(queue_of(whole.cpu.state()) == expected[n - 1]) << n << " instructions in one run";
  }
}

// The same virtual line in another space is another line: after a change of
// IASQ_Front -- a BE whose target shares the line of its delay slot, a BE in
// that delay slot, or a space set between runs -- the next instruction comes
// from the new space's page, not from the line the previous one came from.
TEST(SystemTranslation, AnotherSpaceAtTheSameVirtualLineIsAnotherLine) {
  auto load = [](board& b) {
    cpu_state& s = b.cpu.state();
    mmu& m = b.cpu.mmu_unit();
    // Virtual 0x2000 is physical 0x1000 in space 5, 0x3000 in 0x11, 0x5000 in 0x22.
    m.itlb_insert(0x05, 0x2000, 0x1000, 0x02C00000);
    m.itlb_insert(0x11, 0x2000, 0x3000, 0x02C00000);
    m.itlb_insert(0x22, 0x2000, 0x5000, 0x02C00000);
    for (const std::uint64_t page : {0x1000u, 0x3000u, 0x5000u}) {
      b.bus.set_word(page + 0x8, 0x3406000a);   // ldi 5,%r6
      b.bus.set_word(page + 0x10, 0x3407000a);  // ldi 5,%r7
    }
    b.bus.set_word(0x1000, 0xe0804010);  // be 8(%sr1,%r4)      -> 0x11:0x2008
    b.bus.set_word(0x1004, 0xe0808020);  // be 0x10(%sr2,%r4)   -> 0x22:0x2010 (delay slot)
    b.bus.set_word(0x3008, 0x34060002);  // ldi 1,%r6            at 0x11:0x2008
    b.bus.set_word(0x5010, 0x34070004);  // ldi 2,%r7            at 0x22:0x2010
    s.gr[4] = 0x2000;
    s.sr[1] = 0x11;
    s.sr[2] = 0x22;
    s.set_pc(0x2000, 0, 0x05);
    s.psw = PSW_C;
  };
  board stepped(iss_config{});
  load(stepped);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(stepped.cpu.run(1).reason, stop_reason::INSN_LIMIT);
  EXPECT_EQ(stepped.cpu.state().gr[6], 1u) << "0x2008 in space 0x11, stepped";
  EXPECT_EQ(stepped.cpu.state().gr[7], 2u) << "0x2010 in space 0x22, stepped";
  board whole(iss_config{});
  load(whole);
  EXPECT_EQ(whole.cpu.run(4).reason, stop_reason::INSN_LIMIT);
  EXPECT_EQ(whole.cpu.state().gr[6], 1u) << "0x2008 in space 0x11, in one run";
  EXPECT_EQ(whole.cpu.state().gr[7], 2u) << "0x2010 in space 0x22, in one run";

  // Between runs: the same pc, another space.
  cpu_state& s = whole.cpu.state();
  s.set_pc(0x2008, 0, 0x05);
  EXPECT_EQ(whole.cpu.run(1).reason, stop_reason::INSN_LIMIT);
  EXPECT_EQ(s.gr[6], 5u) << "0x2008 in space 5";
  s.set_pc(0x2008, 0, 0x11);
  EXPECT_EQ(whole.cpu.run(1).reason, stop_reason::INSN_LIMIT);
  EXPECT_EQ(s.gr[6], 1u) << "0x2008 in space 0x11 after a run in space 5";
}

// What a platform changes between runs through mmu_unit() or state() --
// the TLBs, PSW.C and PSW.D -- holds from the next run on, although a run
// that follows an unchanged translation context keeps its fetched lines and
// translation caches (a system-call stop, a quantum's end).
TEST(SystemTranslation, TranslationChangesBetweenRunsArePickedUp) {
  board b(iss_config{});
  cpu_state& s = b.cpu.state();
  mmu& m = b.cpu.mmu_unit();
  b.bus.set_word(0x1000, 0x34060002);  // ldi 1,%r6
  b.bus.set_word(0x3000, 0x34060004);  // ldi 2,%r6
  b.bus.set_word(0x4000, 0x0c801087);  // ldw 0(%r4),%r7
  b.bus.set_word(0x00200000, 0x11111111);
  b.bus.set_word(0x00201000, 0x22222222);
  b.bus.set_word(0x00400000, 0x33333333);
  m.itlb_insert(0, 0x2000, 0x1000, 0x02C00000);  // execute at privilege 0
  m.itlb_insert(0, 0x5000, 0x4000, 0x02C00000);
  m.dtlb_insert(0, 0x00400000, 0x00200000, 0x11000000);
  auto step = [&](std::uint32_t pc, std::uint32_t psw) {
    s.gr[6] = s.gr[7] = 0;
    s.set_pc(pc, 0);
    s.psw = psw;
    const run_result r = b.cpu.run(1);
    EXPECT_EQ(r.reason, stop_reason::INSN_LIMIT)
        << to_string(r.reason) << " at 0x" << std::hex << r.pc;
  };
  step(0x2000, PSW_C);
  EXPECT_EQ(s.gr[6], 1u) << "virtual 0x2000 -> 0x1000";
  step(0x2000, PSW_C);
  EXPECT_EQ(s.gr[6], 1u) << "the same again";
  m.itlb_insert(0, 0x2000, 0x3000, 0x02C00000);
  step(0x2000, PSW_C);
  EXPECT_EQ(s.gr[6], 2u) << "the ITLB now maps 0x2000 to 0x3000";
  m.itlb_insert(0, 0x2000, 0x1000, 0x02C00000);
  step(0x2000, PSW_C);
  EXPECT_EQ(s.gr[6], 1u) << "and back to 0x1000";
  b.bus.set_word(0x2000, 0x34060004);  // ldi 2,%r6 at absolute 0x2000
  step(0x2000, 0);
  EXPECT_EQ(s.gr[6], 2u) << "PSW.C cleared: 0x2000 is absolute";

  s.gr[4] = 0x00400000;
  step(0x5000, PSW_C | PSW_D);
  EXPECT_EQ(s.gr[7], 0x11111111u) << "virtual 0x400000 -> 0x200000";
  m.dtlb_insert(0, 0x00400000, 0x00201000, 0x11000000);
  step(0x5000, PSW_C | PSW_D);
  EXPECT_EQ(s.gr[7], 0x22222222u) << "the DTLB now maps it to 0x201000";
  step(0x5000, PSW_C);
  EXPECT_EQ(s.gr[7], 0x33333333u) << "PSW.D cleared: 0x400000 is absolute";
}

// ---------------------------------------------------------------------------
// Bare-metal programs

// Lines of the sys_traps transcript derived from the program by hand.
TEST(SystemProgram, TrapsTlbUserModeGatewayAndTimer) {
  REQUIRE_PROGRAM("sys_traps");
  board b;
  b.load("sys_traps");
  const std::string out = b.run_program();
  const std::vector<std::string> l = lines(out);
  ASSERT_GE(l.size(), 22u) << out;
  EXPECT_EQ(l[0], "S");
  EXPECT_EQ(l[1].substr(0, 18), "00000009 00004001 ") << "break 1,2 -> 9 with IIR";
  EXPECT_EQ(l[2].substr(0, 36), "0000001C 0CA01086 00000000 00400002 ") << "unaligned";
  EXPECT_EQ(l[4], "00000011 00000088 00000099 00000016 00000017 00000024 00000025 ")
      << "RFIR restored the shadowed registers";
  EXPECT_EQ(l[5].substr(0, 36), "0000000F 0C801085 00000000 00400000 ") << "DTLB miss";
  EXPECT_EQ(l[6].substr(0, 9), "00000014 ") << "dirty trap";
  EXPECT_EQ(l[7].substr(0, 9), "0000000F ");
  EXPECT_EQ(l[8].substr(0, 36), "0000001A 0D461280 00000000 00401000 ") << "access rights";
  EXPECT_EQ(l[9].substr(0, 36), "00000011 06A01356 00000000 00402000 ") << "LPA miss";
  EXPECT_EQ(l[10].substr(0, 36), "0000000F 0C801097 00000000 00400000 ") << "DTLB miss after PDTLB";
  EXPECT_EQ(l[11],
            "12345678 0000004D 0BADCAFE 00000001 00000000 00000001 00000000 00400010 00000000 "
            "12345678 ")
      << "loads after the inserts, PROBE, LPA";
  EXPECT_EQ(l[12].substr(0, 9), "00000006 ") << "ITLB miss entering user mode";
  EXPECT_EQ(l[13].substr(0, 9), "0000000B ") << "MTCTL at user level";
  EXPECT_EQ(l[14].substr(0, 9), "0000000A ") << "SSM at user level";
  EXPECT_EQ(l[15].substr(0, 9), "0000000A ") << "RFI at user level";
  EXPECT_EQ(l[16].substr(0, 9), "00000006 ") << "ITLB miss of the gateway page";
  EXPECT_EQ(l[17].substr(0, 18), "00000009 000C6007 ") << "back to the kernel";
  const std::uint32_t iva = b.elf.symbol("ivt").value_or(0);
  char expect[64];
  std::snprintf(expect, sizeof expect, "00000003 00000003 00000000 00000003 %08X ", iva);
  EXPECT_EQ(l[18], expect) << "user level 3, BLE link at 3, GATE promoted to 0, back at 3";
  EXPECT_EQ(l[19].substr(0, 9), "00000004 ") << "timer interrupt";
  EXPECT_EQ(l[20], "80000000 ") << "EIRR bit 0";
  EXPECT_EQ(l[21], "00000001 ") << "the handler ran";
}

// The same program under qemu-system-hppa: the serial transcripts and the
// queue fronts of the interruptions must be the same.
TEST(SystemProgram, TrapsMatchQemuSystem) {
  REQUIRE_PROGRAM("sys_traps");
  if (!have_tool(PAVP_QEMU_SYSTEM_HPPA)) GTEST_SKIP() << "qemu-system-hppa not installed";
  board b;
  b.load("sys_traps");
  const std::string ours = b.run_program();

  const std::string log = std::string(PAVP_ISS_PROGRAM_DIR) + "/sys_traps.qemu.log";
  const command_result q =
      run_command({"timeout", "60", PAVP_QEMU_SYSTEM_HPPA, "-bios", program_path("sys_traps"),
                   "-display", "none", "-serial", "stdio", "-monitor", "none", "-m", "64",
                   "-no-reboot", "-d", "int", "-D", log});
  // Serial output may come with CR LF.
  std::string theirs;
  for (char c : q.out) {
    if (c != '\r') theirs.push_back(c);
  }
  const std::size_t end = theirs.find("D\n");
  ASSERT_NE(end, std::string::npos) << "QEMU did not finish: " << theirs;
  theirs.resize(end + 2);
  EXPECT_EQ(ours, theirs);

  // "INT n: <name> @ <space:offset front>,<back> -> ..." per interruption.
  std::FILE* f = std::fopen(log.c_str(), "r");
  ASSERT_NE(f, nullptr);
  std::vector<std::uint32_t> fronts;
  char line[512];
  while (std::fgets(line, sizeof line, f)) {
    const char* at = std::strstr(line, " @ ");
    if (std::strncmp(line, "INT", 3) != 0 || at == nullptr) continue;
    fronts.push_back(static_cast<std::uint32_t>(std::strtoull(at + 3, nullptr, 16)));
  }
  std::fclose(f);
  // Ours: up to and including the timer interrupt (QEMU powers off at the
  // halt word, the ISS takes an illegal-instruction trap there).
  // The place of the timer interrupt depends on timing: not compared.
  std::vector<std::uint32_t> mine;
  for (const delivery& d : b.deliveries) {
    if (d.trap == TRAP_ILLEGAL) break;
    mine.push_back(d.trap == TRAP_EXTERNAL ? 0 : d.iiaoq);
  }
  ASSERT_GE(fronts.size(), mine.size());
  fronts.resize(mine.size());
  for (std::size_t i = 0; i < mine.size(); ++i) {
    if (mine[i] == 0) fronts[i] = 0;
  }
  EXPECT_EQ(mine, fronts);
}

TEST(SystemProgram, ProtectionIdsNonAccessMissesAndReferenceTraps) {
  REQUIRE_PROGRAM("sys_native");
  board b;
  b.load("sys_native");
  const std::string out = b.run_program();
  const std::vector<std::string> l = lines(out);
  ASSERT_GE(l.size(), 14u) << out;
  EXPECT_EQ(l[1].substr(0, 9), "0000000F ") << "DTLB miss";
  EXPECT_EQ(l[2].substr(0, 36), "0000001B 0C851280 00000000 00400000 ") << "PID write disable";
  EXPECT_EQ(l[3].substr(0, 9), "0000001B ") << "no matching PID";
  EXPECT_EQ(l[4].substr(0, 36), "00000011 05A01280 00000000 00403000 ") << "FDC non-access miss";
  EXPECT_EQ(l[5].substr(0, 9), "0000000F ");
  EXPECT_EQ(l[6].substr(0, 36), "00000015 0DA0108F 00000000 00404000 ") << "page reference";
  EXPECT_EQ(l[7].substr(0, 9), "0000000F ");
  EXPECT_EQ(l[8].substr(0, 36), "00000013 0DA01280 00000000 00405000 ") << "data memory break";
  // r5 (read with PID1), r6 (skipped: 0), probe under PID (0), the store
  // and load with PID2 (42), probew (1), LCI (0), T-trapped load (0), the
  // load from the break page (0).
  EXPECT_EQ(l[9], "00000000 00000000 00000000 0000002A 00000001 00000000 00000000 00000000 ");
  EXPECT_EQ(l[10].substr(0, 9), "00000006 ") << "ITLB miss at privilege 0";
  EXPECT_EQ(l[11].substr(0, 9), "00000010 ") << "FIC non-access ITLB miss";
  EXPECT_EQ(l[12].substr(0, 9), "00000008 ") << "reserved encoding";
  EXPECT_EQ(l[13].substr(0, 9), "00000006 ");
  EXPECT_EQ(l[14].substr(0, 9), "00000007 ") << "execute on a data page";
  EXPECT_EQ(l[15], "00000001 00000002 00000003 ") << "DIAG was a no-op";
  EXPECT_EQ(b.cpu.interruption_counts()[TRAP_DMEM_PID], 2u);
}

// The gcc-compiled workload of iss_test at user level with code and data
// translation on (every page it touches mapped in both TLBs): the cost of
// the translation fast path.
TEST(SystemSpeed, TranslatedWorkloadThroughput) {
  REQUIRE_PROGRAM("workload_O2");
  board b(iss_config{});
  std::string err;
  ASSERT_TRUE(b.elf.read_file(program_path("workload_O2"), err)) << err;
  ASSERT_TRUE(b.elf.load_into(b.bus.ram.data(), 0, RAM_SIZE, err)) << err;
  for (std::uint32_t a = 0x10000; a < 0x10000 + 64 * 4096; a += 4096) {
    b.cpu.mmu_unit().itlb_insert(0, a, a, 0x03F00000);  // URWX
    b.cpu.mmu_unit().dtlb_insert(0, a, a, 0x13F00000);  // URWX, dirty
  }
  std::uint64_t total = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) {
    b.cpu.state().set_pc(b.elf.entry(), 3);
    b.cpu.state().psw = PSW_C | PSW_D | PSW_Q;
    const run_result r = b.cpu.run(50'000'000);
    ASSERT_EQ(r.reason, stop_reason::TRAP)
        << to_string(r.reason) << " trap " << r.trap << " at 0x" << std::hex << r.pc;
    ASSERT_EQ(r.trap, TRAP_BREAK);
    total += r.executed;
  }
  const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("ISS: %llu instructions in %.3f s = %.1f MIPS (translated, user level)\n",
              static_cast<unsigned long long>(total), sec, total / sec / 1e6);
  EXPECT_GT(total, 0u);
}

}  // namespace
