// loop_test: loops that run as host code (run_translator::loop_plan) against
// the interpreter. A loop's code needs the caches' hit paths
// (cpu_bus::offer_fetch_hits, offer_data_hits), so every test here runs the
// ISS over a bus of two real cache cores and a flat memory, once with
// loops translated and once with every instruction interpreted
// (iss_config::translate_loops = false, runs as host code in both), and
// asserts that nothing differs: registers, queue, PSW bits, every ISS
// statistic, both caches' statistics and the memory's bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "iss_harness.h"
#include "pavp/cache/cache_core.h"
#include "pavp/cpu/iss.h"
#include "pavp/cpu/run_translator.h"

namespace {

using namespace pavp::cpu;
using pavp::access_kind;
using pavp::cache_core;
using pavp::cache_params;
using pavp::cache_result;
using pavp::cache_role;
using pavp::cache_status;
using pavp::test::MEM_SIZE;

// A memory below two caches, with a fixed latency per line transferred.
class cached_bus : public cpu_bus, public pavp::cache_memory {
 public:
  static constexpr std::uint64_t PERIOD_PS = 6250;
  static constexpr std::uint64_t MEMORY_PS = 60000;

  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(MEM_SIZE, 0);
  cache_core icache;
  cache_core dcache;

  cached_bus(const cache_params& i, const cache_params& d) : icache(i, this), dcache(d, this) {
    offer_fetch_hits(&icache, 1);
    offer_data_hits(&dcache, 1);
  }

  // cache_memory
  bool read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len,
                   std::uint64_t& latency_ps) override {
    if (paddr + len > MEM_SIZE) return false;
    std::memcpy(data, &mem[paddr], len);
    latency_ps += MEMORY_PS;
    return true;
  }
  bool write_memory(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                    std::uint64_t& latency_ps) override {
    if (paddr + len > MEM_SIZE) return false;
    std::memcpy(&mem[paddr], data, len);
    latency_ps += MEMORY_PS;
    return true;
  }
  unsigned debug_read_memory(std::uint64_t paddr, std::uint8_t* data, unsigned len) override {
    if (paddr + len > MEM_SIZE) return 0;
    std::memcpy(data, &mem[paddr], len);
    return len;
  }
  unsigned debug_write_memory(std::uint64_t paddr, const std::uint8_t* data,
                              unsigned len) override {
    if (paddr + len > MEM_SIZE) return 0;
    std::memcpy(&mem[paddr], data, len);
    return len;
  }

  // cpu_bus
  bool read(access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint8_t,
            std::uint64_t paddr, void* data, unsigned len, std::uint64_t& cycles) override {
    cache_core& c = kind == access_kind::FETCH ? icache : dcache;
    return finish(c.access(kind, vaddr, paddr, space, static_cast<std::uint8_t*>(data), len),
                  cycles);
  }
  bool fetch(std::uint32_t vaddr, std::uint32_t space, std::uint8_t, std::uint64_t paddr,
             void* data, unsigned len, std::uint64_t& cycles, line_token& token) override {
    token = line_token{};
    auto* bytes = static_cast<std::uint8_t*>(data);
    if (icache.access_hit(access_kind::FETCH, vaddr, paddr, space, bytes, len, &token)) {
      cycles += 1;
      return true;
    }
    return finish(icache.access_declined(access_kind::FETCH, vaddr, paddr, space, bytes, len),
                  cycles);
  }
  bool write(access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint8_t,
             std::uint64_t paddr, const void* data, unsigned len, std::uint64_t& cycles) override {
    return finish(dcache.access(kind, vaddr, paddr, space,
                                static_cast<std::uint8_t*>(const_cast<void*>(data)), len),
                  cycles);
  }
  bool cache_op(pavp::cache_op, std::uint32_t, std::uint32_t, std::uint8_t, std::uint64_t,
                std::uint64_t&) override {
    return true;
  }
  // A bus whose data misses empty the instruction cache (as a coherent one
  // might): a loop's code must not go on with lines it no longer holds.
  bool drop_icache_on_data_miss = false;
  bool data_miss(access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint8_t privilege,
                 std::uint64_t paddr, std::uint8_t* data, unsigned len,
                 std::uint64_t& cycles) override {
    if (drop_icache_on_data_miss) icache.invalidate_all();
    // As an observer in front of the cache sees a miss: after it, with the
    // counts as the core gave them to the memory system.
    const std::uint64_t at = core != nullptr ? core->stats().cycles : 0;
    const std::uint32_t pc = core != nullptr ? core->state().iaoq_f : 0;
    const bool ok = cpu_bus::data_miss(kind, vaddr, space, privilege, paddr, data, len, cycles);
    if (ok && core != nullptr) {
      tell({kind == access_kind::STORE, true, paddr, {data, data + len}, at, pc});
    }
    return ok;
  }

  // An observer of every load and store (as the study's coherence checker
  // is, cpu_bus::data_hits_observed): what it is told, in order, with the
  // core's cycle count and IAOQ_Front it would read then, or the store's
  // own in a batch (takes_stores: observe_store_hits()).
  struct access_told {
    bool store = false;
    bool miss = false;
    std::uint64_t paddr = 0;
    std::vector<std::uint8_t> bytes;
    std::uint64_t cycle = 0;
    std::uint32_t pc = 0;
    bool operator==(const access_told& o) const {
      return store == o.store && miss == o.miss && paddr == o.paddr && bytes == o.bytes &&
             cycle == o.cycle && pc == o.pc;
    }
  };
  const iss* core = nullptr;
  bool takes_stores = false;
  bool takes_quiet_loads = false;
  std::vector<access_told> told;
  // As a coherence checker keeps it: the bytes the stores told leave (from
  // the memory as loaded on), each load told compared with them.
  std::vector<std::uint8_t> shadow;
  std::uint64_t loads_differing = 0;
  std::uint64_t quiet_loads = 0;
  void tell(access_told t) {
    if (t.store) {
      std::copy(t.bytes.begin(), t.bytes.end(), shadow.begin() + static_cast<long>(t.paddr));
    } else if (!std::equal(t.bytes.begin(), t.bytes.end(),
                           shadow.begin() + static_cast<long>(t.paddr))) {
      ++loads_differing;
    }
    told.push_back(std::move(t));
  }
  std::uint64_t batches = 0;
  std::size_t largest_batch = 0;
  void observe(const iss& cpu, bool in_brief) {
    core = &cpu;
    takes_stores = in_brief;
    takes_quiet_loads = in_brief;
    shadow = mem;
    offer_data_hits(&dcache, 1, true);
  }
  bool observe_quiet_load(std::uint64_t paddr, const std::uint8_t* data, unsigned len) override {
    if (!takes_quiet_loads) return false;
    ++quiet_loads;
    tell({false, false, paddr, {data, data + len}, 0, 0});  // no cycle nor pc
    return true;
  }
  void observe_data_hit(access_kind kind, std::uint32_t, std::uint32_t, std::uint8_t,
                        std::uint64_t paddr, std::uint8_t* data, unsigned len) override {
    tell({kind == access_kind::STORE,
          false,
          paddr,
          {data, data + len},
          core->stats().cycles,
          core->state().iaoq_f});
  }
  bool observer_takes_stores() const override { return takes_stores; }
  void observe_store_hits(const pavp::observed_store* stores, std::size_t count) override {
    ++batches;
    largest_batch = std::max(largest_batch, count);
    for (std::size_t k = 0; k < count; ++k) {
      const pavp::observed_store& s = stores[k];
      tell({true, false, s.paddr, {s.data, s.data + s.len}, s.cycle, s.pc});
    }
  }
  bool peek_code(std::uint64_t paddr, void* data, unsigned len) override {
    return debug_read_memory(paddr, static_cast<std::uint8_t*>(data), len) == len;
  }

 private:
  static bool finish(const cache_result& r, std::uint64_t& cycles) {
    cycles += (r.latency_ps + PERIOD_PS - 1) / PERIOD_PS;
    return r.status == cache_status::OK;
  }
};

cache_params cache_of(cache_role role, std::uint64_t size, unsigned ways) {
  cache_params p;
  p.role = role;
  p.size_bytes = size;
  p.associativity = ways;
  p.line_bytes = 32;
  return p;
}

// An ISS over a cached_bus, a test program loaded.
struct cached_machine {
  cached_bus bus;
  iss cpu;
  pavp::elf_image elf;

  cached_machine(bool loops, std::uint64_t dcache_bytes = 1024, unsigned ways = 2,
                 iss_config cfg = {})
      : bus(cache_of(cache_role::INSTRUCTION, 2048, 2),
            cache_of(cache_role::DATA, dcache_bytes, ways)),
        cpu(bus, with_loops(cfg, loops)) {}

  static iss_config with_loops(iss_config cfg, bool loops) {
    cfg.translate_loops = loops;
    return cfg;
  }
  void load(const std::string& name) {
    std::string err;
    ASSERT_TRUE(elf.read_file(pavp::test::program_path(name), err)) << err;
    ASSERT_TRUE(elf.load_into(bus.mem.data(), 0, MEM_SIZE, err)) << err;
    cpu.state().set_pc(elf.entry(), 3);
    cpu.state().cr[CR_CCR] = 0xC0;
  }
};

void expect_same(cached_machine& a, cached_machine& b, const std::string& where) {
  pavp::test::expect_same_core(a.cpu, b.cpu, where);
  ASSERT_FALSE(::testing::Test::HasFailure()) << where;
  for (cache_core* c : {&a.bus.icache, &a.bus.dcache}) {
    const cache_core& d = c == &a.bus.icache ? b.bus.icache : b.bus.dcache;
    const auto& u = c->stats();
    const auto& v = d.stats();
    for (unsigned k = 0; k < 3; ++k) {
      ASSERT_EQ(u.hits[k], v.hits[k]) << where << ": hits of kind " << k;
      ASSERT_EQ(u.misses[k], v.misses[k]) << where << ": misses of kind " << k;
    }
    ASSERT_EQ(u.evictions, v.evictions) << where;
    ASSERT_EQ(u.dirty_writebacks, v.dirty_writebacks) << where;
    ASSERT_EQ(u.cycles, v.cycles) << where;
    // The LRU state: the same line in every entry, as dirty.
    for (std::uint64_t set = 0; set < c->sets(); ++set) {
      for (unsigned w = 0; w < c->ways(); ++w) {
        ASSERT_EQ(c->line_valid(set, w), d.line_valid(set, w)) << where;
        if (!c->line_valid(set, w)) continue;
        ASSERT_EQ(c->line_paddr(set, w), d.line_paddr(set, w)) << where;
        ASSERT_EQ(c->line_dirty(set, w), d.line_dirty(set, w)) << where;
      }
    }
  }
  ASSERT_TRUE(a.bus.mem == b.bus.mem) << where << ": memory";
}

// Runs both machines to the program's end in pieces of 1 + rng() % longest(piece)
// instructions, each piece ending in both at the same instruction with the
// same state.
void run_alike_in_pieces(cached_machine& on, cached_machine& off, std::mt19937& rng,
                         const std::function<unsigned(unsigned)>& longest,
                         const std::string& where) {
  for (unsigned piece = 0;; ++piece) {
    const std::uint64_t n = 1 + rng() % longest(piece);
    const run_result a = on.cpu.run(n);
    const run_result b = off.cpu.run(n);
    ASSERT_EQ(a.reason, b.reason) << where << ", piece " << piece;
    ASSERT_EQ(a.executed, b.executed) << where << ", piece " << piece;
    expect_same(on, off, where + ", piece " + std::to_string(piece));
    if (a.reason != stop_reason::INSN_LIMIT) return;
  }
}

// The loops program (tests/cpu/asm/loops.S) in pieces of random length:
// each piece ends at the same instruction with the same state, whether it
// ends inside a loop's code or not, and the loops' code ran.
TEST(LoopCode, EveryPieceEndsWhereTheInterpreterEnds) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("loops");
  for (const auto& [bytes, ways] :
       {std::pair<std::uint64_t, unsigned>{1024, 2}, {512, 1}, {4096, 4}}) {
    cached_machine on(true, bytes, ways);
    cached_machine off(false, bytes, ways);
    on.load("loops");
    off.load("loops");
    std::mt19937 rng(static_cast<unsigned>(bytes + ways));
    const std::string cfg = std::to_string(bytes) + " B, " + std::to_string(ways) + " ways";
    ASSERT_NO_FATAL_FAILURE(run_alike_in_pieces(
        on, off, rng, [](unsigned piece) { return piece % 2 ? 2000 : 37; }, cfg));
    const run_result end = off.cpu.run(1);
    EXPECT_EQ(end.reason, stop_reason::TRAP) << cfg << ": the program ends at its BREAK";
    EXPECT_EQ(on.cpu.translated_loops(), 10u) << cfg;
    // Most of the program runs in its loops' code.
    EXPECT_GT(on.cpu.loop_instructions(), on.cpu.stats().instructions / 2) << cfg;
    EXPECT_EQ(off.cpu.loop_instructions(), 0u);
  }
}

// Data misses that empty the instruction cache: each loop's code stops
// after such a miss, and the next fetches miss, as interpreted.
TEST(LoopCode, AMissThatEmptiesTheInstructionCacheStopsTheLoop) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("loops");
  cached_machine on(true);
  cached_machine off(false);
  for (cached_machine* m : {&on, &off}) {
    m->load("loops");
    m->bus.drop_icache_on_data_miss = true;
  }
  std::mt19937 rng(11);
  ASSERT_NO_FATAL_FAILURE(run_alike_in_pieces(
      on, off, rng, [](unsigned) { return 5000; }, "dropping the I-cache"));
  EXPECT_GT(on.cpu.loop_instructions(), 0u);
  EXPECT_GT(on.bus.icache.stats().misses[0], 1000u);
}

// With an observer of every access (as the study's coherence checker): the
// loops' code tells it each load and store as the interpreter does -- the
// same bytes, cycle count and pc, in the same order, by the end of each
// run. Told in brief (store hits logged and told in batches, load hits
// with their bytes only), the stores are still told as interpreted, those
// to each word in the same order; each load after every store that touches
// its bytes, so that it reads what they left; and the loops' code still does
// most of the work.
void observed_alike(std::uint64_t dcache_bytes, unsigned ways) {
  const std::string cfg = std::to_string(dcache_bytes) + " B, " + std::to_string(ways) + " ways";
  cached_machine off(false, dcache_bytes, ways);
  cached_machine on(true, dcache_bytes, ways);
  cached_machine brief(true, dcache_bytes, ways);
  for (cached_machine* m : {&off, &on, &brief}) {
    m->load("loops");
    m->bus.observe(m->cpu, m == &brief);
  }
  // The stores to each word, in the order told.
  auto stores_of = [](const std::vector<cached_bus::access_told>& told) {
    std::map<std::uint64_t, std::vector<cached_bus::access_told>> stores;
    for (const cached_bus::access_told& t : told) {
      if (t.store) stores[t.paddr & ~std::uint64_t{3}].push_back(t);
    }
    return stores;
  };
  std::mt19937 rng(23);
  for (unsigned piece = 0;; ++piece) {
    const std::uint64_t n = 1 + rng() % (piece % 2 ? 3000 : 41);
    const std::string where = cfg + ", piece " + std::to_string(piece);
    const std::size_t from = off.bus.told.size();
    const run_result a = off.cpu.run(n);
    for (cached_machine* m : {&on, &brief}) {
      const run_result b = m->cpu.run(n);
      ASSERT_EQ(a.reason, b.reason) << where;
      ASSERT_EQ(a.executed, b.executed) << where;
      ASSERT_NO_FATAL_FAILURE(expect_same(off, *m, where));
      ASSERT_EQ(m->bus.told.size(), off.bus.told.size()) << where;
    }
    for (std::size_t k = from; k < off.bus.told.size(); ++k) {
      const cached_bus::access_told& x = off.bus.told[k];
      const cached_bus::access_told& y = on.bus.told[k];
      ASSERT_TRUE(x == y) << where << ", access " << k << ": interpreted "
                          << (x.store ? "store" : "load") << " at 0x" << std::hex << x.paddr
                          << " pc 0x" << x.pc << std::dec << " cycle " << x.cycle
                          << (x.miss ? " (miss)" : "") << ", loop code "
                          << (y.store ? "store" : "load") << " at 0x" << std::hex << y.paddr
                          << " pc 0x" << y.pc << std::dec << " cycle " << y.cycle
                          << (y.miss ? " (miss)" : "");
    }
    if (a.reason != stop_reason::INSN_LIMIT) break;
  }
  const auto stores = stores_of(off.bus.told);
  const auto brief_stores = stores_of(brief.bus.told);
  ASSERT_EQ(stores.size(), brief_stores.size()) << cfg;
  for (const auto& [word, list] : stores) {
    const auto other = brief_stores.find(word);
    ASSERT_NE(other, brief_stores.end()) << cfg << std::hex << ": word 0x" << word;
    ASSERT_EQ(list.size(), other->second.size()) << cfg << std::hex << ": word 0x" << word;
    for (std::size_t k = 0; k < list.size(); ++k) {
      const cached_bus::access_told& x = list[k];
      const cached_bus::access_told& y = other->second[k];
      ASSERT_TRUE(x == y) << cfg << ": word 0x" << std::hex << word << std::dec << ", store " << k
                          << ": interpreted pc 0x" << std::hex << x.pc << std::dec << " cycle "
                          << x.cycle << ", told in brief pc 0x" << std::hex << y.pc << std::dec
                          << " cycle " << y.cycle;
    }
  }
  EXPECT_EQ(off.bus.loads_differing, 0u) << cfg;
  EXPECT_EQ(brief.bus.loads_differing, 0u) << cfg;
  // Most of the program ran in loops' code, its store hits in batches, its
  // load hits told in brief.
  for (cached_machine* m : {&on, &brief}) {
    EXPECT_GT(m->cpu.loop_instructions(), m->cpu.stats().instructions / 2) << cfg;
  }
  std::uint64_t store_hits = 0, load_hits = 0, misses = 0;
  for (const cached_bus::access_told& t : off.bus.told) {
    store_hits += t.store && !t.miss;
    load_hits += !t.store && !t.miss;
    misses += t.miss;
  }
  EXPECT_GT(misses, 100u) << cfg;
  EXPECT_GT(store_hits, 1000u) << cfg;
  EXPECT_LT(brief.bus.batches, store_hits) << cfg;
  EXPECT_GT(brief.bus.largest_batch, 8u) << cfg;
  EXPECT_GT(brief.bus.quiet_loads, load_hits / 2) << cfg;
  EXPECT_EQ(on.bus.batches, 0u) << cfg;
  EXPECT_EQ(on.bus.quiet_loads, 0u) << cfg;
}

TEST(LoopCode, AnObserverIsToldEveryAccessAsInterpreted) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("loops");
  for (const auto& [bytes, ways] :
       {std::pair<std::uint64_t, unsigned>{1024, 2}, {512, 1}, {4096, 4}}) {
    ASSERT_NO_FATAL_FAILURE(observed_alike(bytes, ways));
  }
}

// gcc's code: the C workload and libgcc's millicode, in pieces.
class LoopCodePrograms : public ::testing::TestWithParam<const char*> {};

TEST_P(LoopCodePrograms, RunAsInterpreted) {
  const std::string name = GetParam();
  REQUIRE_PROGRAM(name);
  cached_machine on(true);
  cached_machine off(false);
  on.load(name);
  off.load(name);
  std::mt19937 rng(5);
  for (unsigned piece = 0; piece < 100000; ++piece) {
    const std::uint64_t n = 1 + rng() % 200;
    const run_result a = on.cpu.run(n);
    const run_result b = off.cpu.run(n);
    ASSERT_EQ(a.reason, b.reason) << name << ", piece " << piece;
    ASSERT_EQ(a.executed, b.executed) << name << ", piece " << piece;
    if (piece % 64 == 0 || a.reason != stop_reason::INSN_LIMIT) {
      expect_same(on, off, name + ", piece " + std::to_string(piece));
    }
    if (a.reason != stop_reason::INSN_LIMIT) break;
  }
  expect_same(on, off, name + " at the end");
}

INSTANTIATE_TEST_SUITE_P(Programs, LoopCodePrograms,
                         ::testing::Values("workload_O2", "workload_O3", "workload_Os",
                                           "workload_fpu_O2", "workload_fpu_O3", "millicode"));

// With the absolute-access rights table on (as pavp se runs programs), a
// loop's stores to a page that allows reading only trap at the same
// instruction as interpreted, with the same state.
TEST(LoopCode, ARightsTrapInsideALoopFallsAtTheSameInstruction) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("loops");
  std::uint32_t buf = 0;
  run_result results[2];
  cached_machine on(true);
  cached_machine off(false);
  for (cached_machine* m : {&on, &off}) {
    m->load("loops");
    buf = m->elf.symbol("buf").value_or(0);
    ASSERT_NE(buf, 0u);
    std::uint8_t* rights = m->cpu.enable_absolute_rights();
    std::fill(rights, rights + iss::ABSOLUTE_RIGHTS_PAGES,
              iss::ABSOLUTE_READ | iss::ABSOLUTE_WRITE);
    // The sixth page of the buffer may be read, not written: loop A's
    // stores reach it in the first round.
    rights[(buf >> 12) + 5] = iss::ABSOLUTE_READ;
  }
  results[0] = on.cpu.run(10000000);
  results[1] = off.cpu.run(10000000);
  EXPECT_EQ(results[0].reason, stop_reason::TRAP);
  EXPECT_EQ(results[0].trap, results[1].trap);
  EXPECT_EQ(results[0].pc, results[1].pc);
  EXPECT_EQ(results[0].ior, results[1].ior);
  EXPECT_EQ(results[0].ior >> 12, (buf >> 12) + 5);
  expect_same(on, off, "at the rights trap");
  EXPECT_GT(on.cpu.loop_instructions(), 0u);
}

// A way out of a loop, taken: the code stops before the branch's delay
// slot with the queue, PSW.B and counts of a taken branch, as the
// interpreter stands there. Loop H of loops.S reads byte 0x8000 of the
// buffer in the way out's delay slot; that page made unreadable once the
// program reaches the loop, the read traps there, PSW.B still set.
TEST(LoopCode, AWayOutTakenStopsBeforeItsDelaySlotAsInterpreted) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("loops");
  cached_machine on(true);
  cached_machine off(false);
  on.load("loops");
  off.load("loops");
  const std::uint32_t loop = on.elf.symbol("Hl").value_or(0);
  const std::uint32_t buf = on.elf.symbol("buf").value_or(0);
  ASSERT_NE(loop, 0u);
  std::uint64_t n = 0;
  for (; (off.cpu.state().iaoq_f & ~3u) != loop; ++n) {
    ASSERT_EQ(off.cpu.run(1).reason, stop_reason::INSN_LIMIT);
    ASSERT_LT(n, 5000000u) << "loop H never reached";
  }
  ASSERT_EQ(on.cpu.run(n).executed, n);
  for (cached_machine* m : {&on, &off}) {
    std::uint8_t* rights = m->cpu.enable_absolute_rights();
    std::fill(rights, rights + iss::ABSOLUTE_RIGHTS_PAGES,
              iss::ABSOLUTE_READ | iss::ABSOLUTE_WRITE);
    rights[(buf + 0x8000) >> 12] = iss::ABSOLUTE_WRITE;
  }
  const run_result a = on.cpu.run(5000000);
  const run_result b = off.cpu.run(5000000);
  EXPECT_EQ(a.reason, stop_reason::TRAP);
  EXPECT_EQ(a.trap, b.trap);
  EXPECT_EQ(a.pc, b.pc);
  EXPECT_EQ(a.pc & ~3u, loop + 4);
  EXPECT_EQ(a.ior, buf + 0x8000);
  expect_same(on, off, "at the way out's delay slot");
  EXPECT_TRUE(on.cpu.state().psw_b);
  EXPECT_GT(on.cpu.loop_instructions(), 0u);
}

// A loop's load that misses goes through the memory system from the
// loop's code; one the memory refuses (beyond its end) ends the run with a
// bus error at that load, its cycles spent, as interpreted.
TEST(LoopCode, ABusErrorInALoopsMissEndsTheRunAtThatLoad) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  // L: ldo 4(r8),r8 ; ldo 1(r9),r9 ; ldw -4(r8),r10 ; addib,<> -1,r13,L ;
  // add,l r10,r11,r11 ; break 0,0 (hppa-linux-gnu-as).
  static constexpr std::uint32_t words[] = {0x35080008, 0x35290002, 0x0d19108a,
                                            0xadbf3fdd, 0x096a0a0b, 0x00000000};
  cached_machine on(true);
  cached_machine off(false);
  run_result results[2];
  for (cached_machine* m : {&on, &off}) {
    for (unsigned i = 0; i < 6; ++i) pavp::test::store_be32(&m->bus.mem[0x1000 + 4 * i], words[i]);
    cpu_state& s = m->cpu.state();
    s.gr[8] = MEM_SIZE - 0x100;  // the 65th load reads past the end
    s.gr[13] = 1000;
    s.set_pc(0x1000, 3);
    results[m == &on ? 0 : 1] = m->cpu.run(100000);
  }
  EXPECT_EQ(results[0].reason, stop_reason::BUS_ERROR);
  EXPECT_EQ(results[0].reason, results[1].reason);
  EXPECT_EQ(results[0].pc, results[1].pc);
  EXPECT_EQ(results[0].pc & ~3u, 0x1008u);
  EXPECT_EQ(results[0].ior, results[1].ior);
  EXPECT_EQ(results[0].ior, MEM_SIZE);
  EXPECT_EQ(results[0].iir, 0x0d19108au);
  EXPECT_EQ(results[0].executed, results[1].executed);
  expect_same(on, off, "at the bus error");
  EXPECT_GT(on.cpu.loop_instructions(), 0u);
}

// The interval timer matching at every cycle of a stretch of loop A: the
// interruption is taken before the same instruction, with the same saved
// queue, registers and counts.
TEST(LoopCode, TimerInterruptionsFallAtTheSameInstruction) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("loops");
  iss_config cfg;
  cfg.deliver_interruptions = true;
  for (std::uint32_t match = 1; match < 400; match += 3) {
    cached_machine on(true, 1024, 2, cfg);
    cached_machine off(false, 1024, 2, cfg);
    for (cached_machine* m : {&on, &off}) {
      m->load("loops");
      // The vectors at IVA = 0x4000: a BREAK each, so that the run stops
      // at the interruption's handler.
      for (std::uint32_t a = 0x4000; a < 0x4800; a += 4) {
        pavp::test::store_be32(&m->bus.mem[a], 0x00000000u);
      }
      // Into loop A (its code made), then the timer.
      ASSERT_EQ(m->cpu.run(3000).reason, stop_reason::INSN_LIMIT);
      cpu_state& s = m->cpu.state();
      s.cr[CR_IVA] = 0x4000;
      s.cr[CR_EIEM] = 0x80000000u;
      s.cr[CR_ITMR] = static_cast<std::uint32_t>(m->cpu.stats().cycles) + match;
      s.psw |= PSW_I;
    }
    const run_result a = on.cpu.run(5000);
    const run_result b = off.cpu.run(5000);
    ASSERT_EQ(a.executed, b.executed) << "match " << match;
    ASSERT_EQ(on.cpu.interruption_counts()[TRAP_EXTERNAL], 1u) << "match " << match;
    expect_same(on, off, "timer match " + std::to_string(match));
    ASSERT_GT(on.cpu.loop_instructions(), 0u);
  }
}

// Code written over a loop's second line while the loop is known (the
// words change, the line is fetched again after a flush of the I-cache
// line): the new words run, not the loop's old code.
TEST(LoopCode, RewrittenLoopRunsAsWritten) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("loops");
  cached_machine on(true);
  cached_machine off(false);
  for (cached_machine* m : {&on, &off}) {
    m->load("loops");
    ASSERT_EQ(m->cpu.run(3000).reason, stop_reason::INSN_LIMIT);  // inside loop A
  }
  ASSERT_EQ(on.cpu.translated_loops(), 1u);
  const std::uint32_t a = on.elf.symbol("A").value_or(0);
  for (cached_machine* m : {&on, &off}) {
    // stb r7,0(r4) in the delay slot becomes stb r7,1(r4), in memory and in
    // the I-cache (a debug write reaches every copy).
    std::uint8_t word[4];
    pavp::test::store_be32(word, 0x0c87'1202u);  // hppa-linux-gnu-as
    ASSERT_EQ(m->bus.icache.debug_write(a + 12, word, 4), 4u);
    m->bus.debug_write_memory(a + 12, word, 4);
  }
  for (unsigned piece = 0; piece < 50; ++piece) {
    const run_result x = on.cpu.run(997);
    const run_result y = off.cpu.run(997);
    ASSERT_EQ(x.executed, y.executed);
    expect_same(on, off, "after the rewrite, piece " + std::to_string(piece));
  }
}

}  // namespace
