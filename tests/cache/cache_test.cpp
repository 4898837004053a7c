// Test bench of the VIPT-WB cache: a test initiator drives pavp::cache through
// its cpu_socket; a memory target sits behind its mem_socket.
#include <cstring>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>

#include <set>

#include "pavp/cache/cache.h"
#include "pavp/dram/dram.h"
#include "pavp/interconnect/router.h"
#include "test_initiator.h"
#include "test_memory.h"

using namespace sc_core;
using pavp::cache_op;

namespace {

constexpr std::uint64_t MEM_LATENCY_NS = 50;
constexpr std::uint64_t PERIOD_PS = 10000;  // 100 MHz: one cycle = 10 ns

// 1 KB, 2-way, 32-byte lines: 16 sets; the virtual index is bits 5..8, so
// addresses that differ by 512 bytes share a set (congruent).
pavp::cache_params small_params(pavp::index_function index = pavp::index_function::VIRTUAL) {
  pavp::cache_params p;
  p.size_bytes = 1024;
  p.associativity = 2;
  p.line_bytes = 32;
  p.index = index;
  p.clock_period_ps = PERIOD_PS;
  p.hit_latency_cycles = 1;
  p.miss_penalty_cycles = 2;
  p.fdc_cycles = 1;
  p.pdc_cycles = 1;
  p.fdce_cycles = 1;
  p.fic_cycles = 6;
  p.fice_cycles = 6;
  return p;
}

struct bench {
  pavp::test::test_initiator cpu{"cpu"};
  pavp::cache dut;
  pavp::test::test_memory mem{"mem", 1 << 20, sc_time(MEM_LATENCY_NS, SC_NS)};

  explicit bench(const pavp::cache_params& p) : dut("dcache", p) {
    cpu.socket.bind(dut.cpu_socket);
    dut.mem_socket.bind(mem.socket);
    pavp::test::run_elaboration();
  }
  std::uint32_t memory_word(std::uint64_t pa) {
    std::uint32_t v = 0;
    std::memcpy(&v, mem.data() + pa, 4);
    return v;
  }
  void set_memory_word(std::uint64_t pa, std::uint32_t v) { std::memcpy(mem.data() + pa, &v, 4); }
  const pavp::cache_stats& stats() { return dut.stats(); }
};

const sc_time CYCLE(PERIOD_PS, SC_PS);
const sc_time MEM(MEM_LATENCY_NS, SC_NS);

TEST(cache, miss_then_hit_with_latencies) {
  bench b(small_params());
  b.set_memory_word(0x2000, 0x11223344);
  EXPECT_EQ(b.cpu.load32(0x2000, 0x2000), 0x11223344u);
  // hit latency + miss penalty + one line fill from memory
  EXPECT_EQ(b.cpu.last_delay, 3 * CYCLE + MEM);
  EXPECT_EQ(b.cpu.load32(0x2000, 0x2000), 0x11223344u);
  EXPECT_EQ(b.cpu.last_delay, CYCLE);
  EXPECT_EQ(b.stats().misses[1], 1u);
  EXPECT_EQ(b.stats().hits[1], 1u);
  EXPECT_EQ(b.stats().bytes_read_memory, 32u);
}

TEST(cache, lru_evicts_least_recently_used_way) {
  bench b(small_params());
  const std::uint64_t a = 0x0000, bb = 0x0200, c = 0x0400;  // same set (512-byte stride)
  b.cpu.load32(a, a);
  b.cpu.load32(bb, bb);
  b.cpu.load32(a, a);  // a is now most recent
  b.cpu.load32(c, c);  // evicts bb
  EXPECT_EQ(b.dut.core().find_lines(a).size(), 1u);
  EXPECT_TRUE(b.dut.core().find_lines(bb).empty());
  EXPECT_EQ(b.dut.core().find_lines(c).size(), 1u);
  EXPECT_EQ(b.stats().evictions, 1u);
  b.cpu.load32(bb, bb);  // evicts a, the least recent now
  EXPECT_TRUE(b.dut.core().find_lines(a).empty());
  EXPECT_EQ(b.stats().evictions, 2u);
}

TEST(cache, fifo_evicts_oldest_fill_even_if_recently_used) {
  pavp::cache_params p = small_params();
  p.replacement = pavp::replacement_policy::FIFO;
  bench b(p);
  b.cpu.load32(0x0000, 0x0000);
  b.cpu.load32(0x0200, 0x0200);
  b.cpu.load32(0x0000, 0x0000);  // a use, not a fill
  b.cpu.load32(0x0400, 0x0400);  // evicts 0x0000, the first filled
  EXPECT_TRUE(b.dut.core().find_lines(0x0000).empty());
  EXPECT_EQ(b.dut.core().find_lines(0x0200).size(), 1u);
}

TEST(cache, dirty_line_written_back_on_eviction) {
  bench b(small_params());
  b.set_memory_word(0x0000, 1);
  b.cpu.store32(0x0000, 0x0000, 0xdeadbeef);
  EXPECT_EQ(b.memory_word(0x0000), 1u) << "write-back cache must not write memory on a store";
  b.cpu.load32(0x0200, 0x0200);
  b.cpu.load32(0x0400, 0x0400);  // evicts the dirty line
  EXPECT_EQ(b.cpu.last_delay, 3 * CYCLE + MEM + MEM) << "write-back, then fill";
  EXPECT_EQ(b.memory_word(0x0000), 0xdeadbeefu);
  EXPECT_EQ(b.stats().dirty_writebacks, 1u);
  EXPECT_EQ(b.stats().bytes_written_memory, 32u);
}

TEST(cache, fdc_writes_back_dirty_line_and_invalidates) {
  bench b(small_params());
  b.cpu.store32(0x1000, 0x2000, 0xcafef00d);
  ASSERT_EQ(b.memory_word(0x2000), 0u);
  EXPECT_EQ(b.cpu.cache_op(cache_op::FDC, 0x1000, 0x2000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.cpu.last_delay, CYCLE + MEM);  // fdc_cycles + write-back
  EXPECT_EQ(b.memory_word(0x2000), 0xcafef00du);
  EXPECT_TRUE(b.dut.core().find_lines(0x2000).empty());
  EXPECT_EQ(b.stats().ops[static_cast<int>(cache_op::FDC)], 1u);
  EXPECT_EQ(b.stats().op_writebacks, 1u);
  EXPECT_EQ(b.stats().op_cycles, 1u + MEM_LATENCY_NS * 1000 / PERIOD_PS);
  // A flush of a line that is not present costs its cycle and changes nothing.
  EXPECT_EQ(b.cpu.cache_op(cache_op::FDC, 0x1000, 0x2000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.cpu.last_delay, CYCLE);
  EXPECT_EQ(b.stats().op_writebacks, 1u);
}

TEST(cache, pdc_at_privilege_0_drops_dirty_data) {
  bench b(small_params());
  b.set_memory_word(0x2000, 7);
  b.cpu.store32(0x1000, 0x2000, 99);
  b.cpu.cache_op(cache_op::PDC, 0x1000, 0x2000, 0, 0);
  EXPECT_EQ(b.cpu.last_delay, CYCLE);
  EXPECT_EQ(b.memory_word(0x2000), 7u);
  EXPECT_EQ(b.cpu.load32(0x1000, 0x2000), 7u) << "the store was purged";
  EXPECT_EQ(b.stats().op_writebacks, 0u);
}

TEST(cache, pdc_at_user_privilege_writes_back) {
  bench b(small_params());
  b.cpu.store32(0x1000, 0x2000, 99);
  b.cpu.cache_op(cache_op::PDC, 0x1000, 0x2000, 0, 3);
  EXPECT_EQ(b.memory_word(0x2000), 99u);
  EXPECT_EQ(b.stats().op_writebacks, 1u);
}

TEST(cache, fdce_loop_flushes_whole_cache) {
  bench b(small_params());
  // Fill every way of every set with dirty data.
  for (std::uint64_t pa = 0; pa < 2048; pa += 32) b.cpu.store32(pa, pa, 0x5a000000u | unsigned(pa));
  EXPECT_EQ(b.stats().dirty_writebacks, 32u);  // the first 1 KB was evicted by the second
  const pavp::flush_loop_params loop = b.dut.core().fdce_loop();
  EXPECT_EQ(loop.stride, 32u);
  EXPECT_EQ(loop.count * loop.loop, 32u);  // 16 sets x 2 ways
  // Linux flush_data_cache_local: for count { for loop { fdce,m stride(addr) } }
  std::uint64_t addr = loop.base;
  sc_time total = SC_ZERO_TIME;
  for (std::uint64_t i = 0; i < loop.count; ++i) {
    for (std::uint64_t j = 0; j < loop.loop; ++j) {
      b.cpu.cache_op(cache_op::FDCE, addr, addr);
      total += b.cpu.last_delay;
      addr += loop.stride;
    }
  }
  for (std::uint64_t s = 0; s < b.dut.core().sets(); ++s) {
    for (unsigned w = 0; w < b.dut.core().ways(); ++w) EXPECT_FALSE(b.dut.core().line_valid(s, w));
  }
  for (std::uint64_t pa = 0; pa < 2048; pa += 32) {
    EXPECT_EQ(b.memory_word(pa), 0x5a000000u | unsigned(pa));
  }
  EXPECT_EQ(b.stats().ops[static_cast<int>(cache_op::FDCE)], 32u);
  EXPECT_EQ(b.stats().op_writebacks, 32u);
  EXPECT_EQ(total, 32 * CYCLE + 32 * MEM);
}

// The alias case of the seed bug: one physical line, two virtual addresses
// whose set indexes differ (non-congruent), no hardware alias detection.
TEST(cache, alias_read_through_noncongruent_address_is_stale_until_flushed) {
  bench b(small_params());
  const std::uint64_t pa = 0x2000, va_user = 0x1000, va_kernel = 0x1100;
  ASSERT_NE(b.dut.core().set_index(va_user, pa, 0), b.dut.core().set_index(va_kernel, pa, 0));
  b.set_memory_word(pa, 0x01d0);
  b.cpu.store32(va_user, pa, 0x0e0e0e0e);  // new value, dirty in the user's set
  EXPECT_EQ(b.cpu.load32(va_kernel, pa), 0x01d0u) << "a non-congruent alias reads memory";
  EXPECT_EQ(b.dut.core().find_lines(pa).size(), 2u) << "one physical line in two sets";
  b.cpu.cache_op(cache_op::FDC, va_user, pa);  // write back the user's copy
  EXPECT_EQ(b.memory_word(pa), 0x0e0e0e0eu);
  // The kernel alias still holds its clean, stale copy: FDC acts on one set.
  EXPECT_EQ(b.cpu.load32(va_kernel, pa), 0x01d0u);
  b.cpu.cache_op(cache_op::FDC, va_kernel, pa);
  EXPECT_EQ(b.cpu.load32(va_kernel, pa), 0x0e0e0e0eu) << "fresh after both aliases are flushed";
}

TEST(cache, alias_read_after_fdc_of_writer_sees_new_value) {
  bench b(small_params());
  const std::uint64_t pa = 0x2000, va_user = 0x1000, va_kernel = 0x1100;
  b.set_memory_word(pa, 0x01d0);
  b.cpu.store32(va_user, pa, 0x0e0e0e0e);
  b.cpu.cache_op(cache_op::FDC, va_user, pa);
  EXPECT_EQ(b.cpu.load32(va_kernel, pa), 0x0e0e0e0eu);
}

TEST(cache, congruent_alias_shares_the_line) {
  bench b(small_params());
  const std::uint64_t pa = 0x2000, va_a = 0x1000, va_b = 0x1000 + 512 * 8;  // same index bits
  b.cpu.store32(va_a, pa, 0x12345678);
  EXPECT_EQ(b.cpu.load32(va_b, pa), 0x12345678u);
  EXPECT_EQ(b.cpu.last_delay, CYCLE) << "a hit in the same line";
  EXPECT_EQ(b.dut.core().find_lines(pa).size(), 1u);
}

TEST(cache, physical_index_sees_new_value_at_once) {
  bench b(small_params(pavp::index_function::PHYSICAL));
  const std::uint64_t pa = 0x2000, va_user = 0x1000, va_kernel = 0x1100;
  b.set_memory_word(pa, 0x01d0);
  b.cpu.store32(va_user, pa, 0x0e0e0e0e);
  EXPECT_EQ(b.cpu.load32(va_kernel, pa), 0x0e0e0e0eu);
  EXPECT_EQ(b.dut.core().find_lines(pa).size(), 1u);
}

TEST(cache, hashed_index_xors_space_bits) {
  pavp::cache_params p = small_params(pavp::index_function::HASHED);
  p.hash_space_bits = 2;
  p.hash_shift = 5;  // space bits 0..1 enter the offset at bit 5 (the first index bit)
  bench b(p);
  const pavp::cache_core& core = b.dut.core();
  EXPECT_EQ(core.set_index(0x1000, 0x2000, 0), 0u);
  EXPECT_EQ(core.set_index(0x1000, 0x2000, 1), 1u);
  EXPECT_EQ(core.set_index(0x1000, 0x2000, 3), 3u);
  EXPECT_EQ(core.set_index(0x1000, 0x2000, 4), 0u) << "only hash_space_bits bits take part";
  // Same offset, different spaces, same physical line: two copies.
  b.cpu.store32(0x1000, 0x2000, 5, 0);
  b.set_memory_word(0x2000, 6);
  EXPECT_EQ(b.cpu.load32(0x1000, 0x2000, 1), 6u);
  EXPECT_EQ(core.find_lines(0x2000).size(), 2u);
}

TEST(cache, payload_without_extension_is_physical) {
  bench b(small_params());
  std::uint32_t v = 0xa5a5a5a5;
  b.cpu.write(0x2100, &v, 4);  // index from physical 0x2100: set 8
  const auto lines = b.dut.core().find_lines(0x2100);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].set, 8u);
  EXPECT_TRUE(lines[0].dirty);
  std::uint32_t r = 0;
  b.cpu.read(0x2100, &r, 4);
  EXPECT_EQ(r, v);
}

TEST(cache, statistics_by_access_kind) {
  bench b(small_params());
  std::uint32_t w = 0;
  b.cpu.fetch(0x0, 0x0, &w, 4);
  b.cpu.fetch(0x4, 0x4, &w, 4);
  b.cpu.load32(0x40, 0x40);
  b.cpu.store32(0x44, 0x44, 1);
  b.cpu.store32(0x80, 0x80, 1);
  const pavp::cache_stats& s = b.stats();
  EXPECT_EQ(s.misses[0], 1u);
  EXPECT_EQ(s.hits[0], 1u);
  EXPECT_EQ(s.misses[1], 1u);
  EXPECT_EQ(s.hits[2], 1u);
  EXPECT_EQ(s.misses[2], 1u);
  // cycles: 3 misses x (1 + 2 + 5 memory cycles) + 2 hits x 1
  EXPECT_EQ(s.cycles, 3u * 8 + 2);
  std::ostringstream os;
  s.print(os, "dcache.");
  EXPECT_NE(os.str().find("dcache.fetch_hits 1\n"), std::string::npos);
  EXPECT_NE(os.str().find("dcache.store_misses 1\n"), std::string::npos);
}

TEST(cache, instruction_cache_rejects_stores_and_takes_fic) {
  pavp::cache_params p = small_params();
  p.role = pavp::cache_role::INSTRUCTION;
  bench b(p);
  std::uint32_t w = 0;
  b.set_memory_word(0x40, 0x08000240);  // nop
  EXPECT_EQ(b.cpu.fetch(0x40, 0x40, &w, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(w, 0x08000240u);
  EXPECT_EQ(b.cpu.store(0x40, 0x40, &w, 4), tlm::TLM_COMMAND_ERROR_RESPONSE);
  b.cpu.cache_op(cache_op::FDC, 0x40, 0x40);
  EXPECT_EQ(b.stats().ops_ignored, 1u);
  EXPECT_EQ(b.dut.core().find_lines(0x40).size(), 1u);
  b.cpu.cache_op(cache_op::FIC, 0x40, 0x40);
  EXPECT_EQ(b.cpu.last_delay, 6 * CYCLE);
  EXPECT_TRUE(b.dut.core().find_lines(0x40).empty());
  // New code in memory is fetched after FIC.
  b.set_memory_word(0x40, 0x0b210001);
  b.cpu.fetch(0x40, 0x40, &w, 4);
  EXPECT_EQ(w, 0x0b210001u);
}

TEST(cache, fice_loop_invalidates_instruction_cache) {
  pavp::cache_params p = small_params();
  p.role = pavp::cache_role::INSTRUCTION;
  bench b(p);
  std::uint32_t w = 0;
  for (std::uint64_t pa = 0; pa < 1024; pa += 32) b.cpu.fetch(pa, pa, &w, 4);
  const pavp::flush_loop_params loop = b.dut.core().fdce_loop();
  for (std::uint64_t i = 0, addr = loop.base; i < loop.count * loop.loop;
       ++i, addr += loop.stride) {
    b.cpu.cache_op(cache_op::FICE, addr, addr);
  }
  for (std::uint64_t pa = 0; pa < 1024; pa += 32) EXPECT_TRUE(b.dut.core().find_lines(pa).empty());
  EXPECT_EQ(b.stats().ops[static_cast<int>(cache_op::FICE)], 32u);
}

TEST(cache, data_cache_ignores_instruction_ops) {
  bench b(small_params());
  b.cpu.store32(0x40, 0x40, 3);
  b.cpu.cache_op(cache_op::FIC, 0x40, 0x40);
  EXPECT_EQ(b.stats().ops_ignored, 1u);
  EXPECT_EQ(b.dut.core().find_lines(0x40).size(), 1u);
}

TEST(cache, write_through_no_allocate) {
  pavp::cache_params p = small_params();
  p.write_back = false;
  p.write_allocate = false;
  bench b(p);
  b.cpu.store32(0x100, 0x100, 42);  // miss: written around the cache
  EXPECT_EQ(b.memory_word(0x100), 42u);
  EXPECT_TRUE(b.dut.core().find_lines(0x100).empty());
  EXPECT_EQ(b.cpu.load32(0x100, 0x100), 42u);
  b.cpu.store32(0x100, 0x100, 43);  // hit: cache and memory both updated
  EXPECT_EQ(b.memory_word(0x100), 43u);
  EXPECT_FALSE(b.dut.core().find_lines(0x100)[0].dirty);
  EXPECT_EQ(b.stats().write_throughs, 2u);
}

TEST(cache, access_spanning_two_lines) {
  bench b(small_params());
  std::uint8_t out[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  b.cpu.store(0x1c, 0x1c, out, 8);
  EXPECT_EQ(b.stats().misses[2], 2u);
  std::uint8_t in[8] = {};
  b.cpu.load(0x1c, 0x1c, in, 8);
  EXPECT_EQ(std::memcmp(in, out, 8), 0);
  EXPECT_EQ(b.stats().hits[1], 2u);
}

TEST(cache, debug_transport_sees_dirty_data_and_updates_copies) {
  bench b(small_params());
  b.cpu.store32(0x1000, 0x2000, 0x77777777);
  std::uint32_t v = 0;
  EXPECT_EQ(b.cpu.debug_read(0x2000, &v, 4), 4u);
  EXPECT_EQ(v, 0x77777777u) << "physical debug read overlays the dirty line";
  const std::uint32_t nv = 0x12121212;
  EXPECT_EQ(b.cpu.debug_write(0x2000, &nv, 4), 4u);
  EXPECT_EQ(b.memory_word(0x2000), nv);
  EXPECT_EQ(b.cpu.load32(0x1000, 0x2000), nv) << "the cached copy was updated too";
  EXPECT_EQ(b.stats().misses[1], 0u);
}

TEST(cache, rejects_byte_enables_and_short_streaming_width) {
  bench b(small_params());
  tlm::tlm_generic_payload gp;
  std::uint8_t data[4] = {};
  std::uint8_t be[4] = {0xff, 0, 0xff, 0};
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(0);
  gp.set_data_ptr(data);
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  gp.set_byte_enable_ptr(be);
  gp.set_byte_enable_length(4);
  sc_time d = SC_ZERO_TIME;
  b.cpu.socket->b_transport(gp, d);
  EXPECT_EQ(gp.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
  gp.set_byte_enable_ptr(nullptr);
  gp.set_streaming_width(2);
  b.cpu.socket->b_transport(gp, d);
  EXPECT_EQ(gp.get_response_status(), tlm::TLM_BURST_ERROR_RESPONSE);
}

TEST(cache, grants_no_dmi) {
  bench b(small_params());
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(b.cpu.get_dmi(0, dmi));
}

TEST(cache, memory_error_is_passed_up) {
  bench b(small_params());
  std::uint32_t v = 0;
  EXPECT_EQ(b.cpu.load(0x1000, (1 << 20) + 64, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_TRUE(b.dut.core().find_lines((1 << 20) + 64).empty());
}

// The core directly, without SystemC.
struct flat_memory : pavp::cache_memory {
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(4096, 0);
  bool read_memory(std::uint64_t pa, std::uint8_t* d, unsigned n, std::uint64_t& lat) override {
    std::memcpy(d, &bytes[pa], n);
    lat = 1000;
    return true;
  }
  bool write_memory(std::uint64_t pa, const std::uint8_t* d, unsigned n,
                    std::uint64_t& lat) override {
    std::memcpy(&bytes[pa], d, n);
    lat = 1000;
    return true;
  }
  unsigned debug_read_memory(std::uint64_t pa, std::uint8_t* d, unsigned n) override {
    std::memcpy(d, &bytes[pa], n);
    return n;
  }
  unsigned debug_write_memory(std::uint64_t pa, const std::uint8_t* d, unsigned n) override {
    std::memcpy(&bytes[pa], d, n);
    return n;
  }
};

TEST(cache_core, rejects_invalid_parameters) {
  flat_memory m;
  pavp::cache_params p = small_params();
  p.size_bytes = 1000;
  EXPECT_THROW(pavp::cache_core(p, &m), std::invalid_argument);
  p = small_params();
  p.line_bytes = 6;
  EXPECT_THROW(pavp::cache_core(p, &m), std::invalid_argument);
  p = small_params();
  p.associativity = 3;
  EXPECT_THROW(pavp::cache_core(p, &m), std::invalid_argument);
  EXPECT_THROW(pavp::cache_core(small_params(), nullptr), std::invalid_argument);
}

// LRU takes a free way (one a flush left empty) before it evicts the least
// recently used line, and the least recently used one otherwise.
TEST(cache_core, lru_fills_a_free_way_before_evicting_the_least_recently_used) {
  flat_memory m;
  pavp::cache_params p = small_params();
  p.associativity = 4;
  p.size_bytes = 2048;  // 16 sets of 4 ways, 512 bytes a way: 0x000, 0x200 ... share set 0
  pavp::cache_core c(p, &m);
  std::uint32_t v = 0;
  auto load = [&](std::uint64_t a) {
    c.access(pavp::access_kind::LOAD, a, a, 0, reinterpret_cast<std::uint8_t*>(&v), 4);
  };
  auto way_of = [&](std::uint64_t a) {
    const std::vector<pavp::line_location> at = c.find_lines(a);
    return at.size() == 1 ? static_cast<int>(at[0].way) : -1;
  };
  for (std::uint64_t a : {0x000, 0x200, 0x400, 0x600}) load(a);  // ways 0 to 3
  ASSERT_EQ(way_of(0x400), 2);
  c.maintain(cache_op::FDC, 0x400, 0x400, 0, 0);  // way 2 free
  load(0x000);                                    // 0x200 (way 1) is now the oldest
  load(0x800);
  EXPECT_EQ(way_of(0x800), 2);  // the free way, not the oldest
  EXPECT_EQ(way_of(0x200), 1);
  load(0xa00);
  EXPECT_EQ(way_of(0xa00), 1);  // then the oldest
  EXPECT_EQ(way_of(0x200), -1);
  EXPECT_EQ(c.stats().evictions, 1u);
}

TEST(cache_core, random_replacement_is_deterministic_for_a_seed) {
  auto run = [](std::uint64_t seed) {
    flat_memory m;
    pavp::cache_params p = small_params();
    p.replacement = pavp::replacement_policy::RANDOM;
    p.random_seed = seed;
    pavp::cache_core c(p, &m);
    std::uint32_t v;
    std::string trace;
    for (int i = 0; i < 64; ++i) {
      const std::uint64_t pa = std::uint64_t(i % 5) * 512;
      c.access(pavp::access_kind::LOAD, pa, pa, 0, reinterpret_cast<std::uint8_t*>(&v), 4);
      trace += c.find_lines(0).empty() ? '0' : '1';
    }
    return trace;
  };
  EXPECT_EQ(run(7), run(7));
  EXPECT_NE(run(7), run(8));
}

// The instruction-fetch shortcut: a fetch hit names its line; touch() is the
// same hit again (LRU, statistics, cycles) for as long as the entry holds
// that fill and no debug write changed a line; a data cache names no line.
TEST(cache_core, touch_repeats_a_fetch_hit_while_the_line_holds_the_same_fill) {
  flat_memory m;
  pavp::cache_params p = small_params();
  p.role = pavp::cache_role::INSTRUCTION;
  pavp::cache_core c(p, &m);
  std::uint8_t line[32];
  c.access(pavp::access_kind::FETCH, 0x200, 0x200, 0, line, 32);  // miss: filled
  pavp::cache_core::line_ref ref;
  ASSERT_TRUE(c.access_hit(pavp::access_kind::FETCH, 0x200, 0x200, 0, line, 32, &ref));
  const std::uint64_t hits = c.stats().hits[0];
  const std::uint64_t cycles = c.stats().cycles;
  EXPECT_TRUE(c.touch(ref));
  EXPECT_EQ(c.stats().hits[0], hits + 1);
  EXPECT_EQ(c.stats().cycles, cycles + p.hit_latency_cycles);

  // LRU: the touched line is the most recent, so the next fill of its set
  // (0x400, 0x600: 512 bytes apart share a set) evicts the other way first.
  c.access(pavp::access_kind::FETCH, 0x400, 0x400, 0, line, 32);
  EXPECT_TRUE(c.touch(ref));
  c.access(pavp::access_kind::FETCH, 0x600, 0x600, 0, line, 32);
  EXPECT_TRUE(c.touch(ref)) << "0x400 was the least recently used";
  EXPECT_TRUE(c.find_lines(0x400).empty());

  // Evicted and filled again: another fill, the reference is stale.
  c.access(pavp::access_kind::FETCH, 0x400, 0x400, 0, line, 32);
  c.access(pavp::access_kind::FETCH, 0x800, 0x800, 0, line, 32);
  ASSERT_TRUE(c.find_lines(0x200).empty());
  c.access(pavp::access_kind::FETCH, 0x200, 0x200, 0, line, 32);
  const std::uint64_t before = c.stats().hits[0];
  EXPECT_FALSE(c.touch(ref));
  EXPECT_EQ(c.stats().hits[0], before) << "a refused touch does nothing";

  // A debug write into a cached line makes every reference stale.
  ASSERT_TRUE(c.access_hit(pavp::access_kind::FETCH, 0x200, 0x200, 0, line, 32, &ref));
  EXPECT_TRUE(c.touch(ref));
  const std::uint8_t word[4] = {1, 2, 3, 4};
  c.debug_write(0x204, word, 4);
  EXPECT_FALSE(c.touch(ref));

  // A data cache's lines change by stores: it names none.
  pavp::cache_core d(small_params(), &m);
  d.access(pavp::access_kind::LOAD, 0x200, 0x200, 0, line, 4);
  ASSERT_TRUE(d.access_hit(pavp::access_kind::LOAD, 0x200, 0x200, 0, line, 4, &ref));
  EXPECT_FALSE(d.touch(ref));
}

TEST(cache_core, writeback_all_untimed_leaves_memory_current) {
  flat_memory m;
  pavp::cache_core c(small_params(), &m);
  std::uint32_t v = 0x01020304;
  c.access(pavp::access_kind::STORE, 0x100, 0x100, 0, reinterpret_cast<std::uint8_t*>(&v), 4);
  c.writeback_all_untimed();
  std::uint32_t r = 0;
  std::memcpy(&r, &m.bytes[0x100], 4);
  EXPECT_EQ(r, v);
  EXPECT_TRUE(c.find_lines(0x100).empty());
  EXPECT_EQ(c.stats().op_writebacks, 0u) << "untimed and not counted";
}

}  // namespace

namespace {

TEST(cache, io_space_and_uncacheable_pages_bypass_the_cache) {
  pavp::cache_params p = small_params();
  p.uncached_base = 0x80000;  // the test memory is 1 MB: use its upper half as "I/O"
  p.uncached_size = 0x80000;
  bench b(p);
  b.cpu.store32(0x80010, 0x80010, 0x11);
  EXPECT_EQ(b.memory_word(0x80010), 0x11u) << "written through at once";
  EXPECT_TRUE(b.dut.core().find_lines(0x80010).empty());
  EXPECT_EQ(b.cpu.last_delay, CYCLE + MEM);
  b.set_memory_word(0x80010, 0x22);
  EXPECT_EQ(b.cpu.load32(0x80010, 0x80010), 0x22u) << "never served from a cached copy";
  EXPECT_EQ(b.stats().uncached, 2u);
  EXPECT_EQ(b.stats().total_hits() + b.stats().total_misses(), 0u);

  // An uncacheable page (TLB U bit) in ordinary memory: the extension says so.
  tlm::tlm_generic_payload gp;
  pavp::access_extension ext;
  ext.set_store(0x1000, 0, 0);
  ext.uncached = true;
  pavp::attach(gp, ext);
  std::uint32_t v = 0x33;
  gp.set_command(tlm::TLM_WRITE_COMMAND);
  gp.set_address(0x2000);
  gp.set_data_ptr(reinterpret_cast<unsigned char*>(&v));
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  sc_time d = SC_ZERO_TIME;
  b.cpu.socket->b_transport(gp, d);
  pavp::detach(gp);
  EXPECT_TRUE(gp.is_response_ok());
  EXPECT_EQ(b.memory_word(0x2000), 0x33u);
  EXPECT_TRUE(b.dut.core().find_lines(0x2000).empty());
  EXPECT_EQ(b.stats().uncached, 3u);
}

}  // namespace

namespace {

TEST(cache, is_found_through_its_socket_and_its_direct_interface_equals_b_transport) {
  bench b(small_params());
  EXPECT_EQ(pavp::find_cache(b.cpu.socket), &b.dut);
  // Through the socket...
  b.cpu.store32(0x1000, 0x2000, 0x12345678);
  const sc_time socket_store = b.cpu.last_delay;
  // ...and directly: the same data, latency and statistics.
  std::uint32_t v = 0;
  sc_time d = SC_ZERO_TIME;
  EXPECT_EQ(b.dut.access(pavp::access_kind::LOAD, 0x1000, 0x2000, 0, false,
                         reinterpret_cast<std::uint8_t*>(&v), 4, d),
            tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(v, 0x12345678u);
  EXPECT_EQ(d, CYCLE);
  EXPECT_EQ(socket_store, 3 * CYCLE + MEM);
  d = SC_ZERO_TIME;
  EXPECT_EQ(b.dut.maintain(cache_op::FDC, 0x1000, 0x2000, 0, 0, d), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(d, CYCLE + MEM);
  EXPECT_EQ(b.memory_word(0x2000), 0x12345678u);
  EXPECT_EQ(b.stats().hits[1], 1u);
  EXPECT_EQ(b.stats().op_writebacks, 1u);
}

TEST(cache, is_not_found_behind_a_plain_memory) {
  pavp::test::test_initiator cpu{"cpu"};
  pavp::test::test_memory mem{"mem", 4096};
  cpu.socket.bind(mem.socket);
  pavp::test::run_elaboration();
  EXPECT_EQ(pavp::find_cache(cpu.socket), nullptr);
}

}  // namespace

namespace {
// A 16 KB 2-way virtually indexed cache: 8 KB a way, so a physical line can
// sit in two sets (bit 12 of the virtual address chooses), with 4 KB pages.
pavp::cache_params two_colour_params() {
  pavp::cache_params p = small_params();
  p.size_bytes = 16 * 1024;
  return p;
}
// The statistics' one shape (models/common/stats.h): every counter once, by name.
TEST(cache, statistics_name_each_counter_once) {
  pavp::cache_stats s;
  s.uncached = 7;
  std::set<std::string> names;
  unsigned calls = 0;
  std::uint64_t uncached = 0;
  s.visit([&](const char* name, std::uint64_t v) {
    names.insert(name);
    ++calls;
    if (std::string(name) == "uncached") uncached += v;
  });
  EXPECT_EQ(names.size(), calls) << "a counter named twice";
  EXPECT_EQ(uncached, 7u);
}

}  // namespace

// The searches by physical address find every copy of a line: aliases in the
// other colour's set, and a copy an initiator placed with a virtual address
// whose page offset differs from the physical one (which the page rule does
// not predict).
TEST(cache_core, physical_searches_find_every_copy_of_a_line) {
  flat_memory m;
  pavp::cache_core c(two_colour_params(), &m);
  ASSERT_EQ(c.sets(), 256u);
  std::uint32_t v = 0x11111111;
  c.access(pavp::access_kind::STORE, 0x0040, 0x0040, 0, reinterpret_cast<std::uint8_t*>(&v), 4);
  c.access(pavp::access_kind::STORE, 0x1040, 0x0040, 0, reinterpret_cast<std::uint8_t*>(&v), 4);
  std::vector<pavp::line_location> at = c.find_lines(0x0040);
  ASSERT_EQ(at.size(), 2u);
  EXPECT_EQ(at[0].set, 2u);
  EXPECT_EQ(at[1].set, 130u);

  // A debug write reaches both copies; a load through either alias sees it.
  const std::uint32_t w = 0x22222222;
  c.debug_write(0x0044, reinterpret_cast<const std::uint8_t*>(&w), 4);
  std::uint32_t got = 0;
  c.access(pavp::access_kind::LOAD, 0x1044, 0x0044, 0, reinterpret_cast<std::uint8_t*>(&got), 4);
  EXPECT_EQ(got, w);
  c.access(pavp::access_kind::LOAD, 0x0044, 0x0044, 0, reinterpret_cast<std::uint8_t*>(&got), 4);
  EXPECT_EQ(got, w);

  // Filled through a virtual address with another page offset: set 4, which
  // no 4 KB translation could give for physical 0x0040.
  c.access(pavp::access_kind::LOAD, 0x0080, 0x0040, 0, reinterpret_cast<std::uint8_t*>(&got), 4);
  at = c.find_lines(0x0040);
  ASSERT_EQ(at.size(), 3u);
  EXPECT_EQ(at[1].set, 4u);
  const std::uint32_t x = 0x33333333;
  c.debug_write(0x0040, reinterpret_cast<const std::uint8_t*>(&x), 4);
  c.access(pavp::access_kind::LOAD, 0x0080, 0x0040, 0, reinterpret_cast<std::uint8_t*>(&got), 4);
  EXPECT_EQ(got, x);
  // Without a virtual address a debug read finds a dirty copy wherever it is.
  std::uint8_t line[4] = {};
  c.access(pavp::access_kind::STORE, 0x01a0, 0x0100, 0, reinterpret_cast<std::uint8_t*>(&v), 4);
  c.debug_read(nullptr, 0, 0x0100, line, 4);
  EXPECT_EQ(std::memcmp(line, &v, 4), 0);
}

// Fills and write-backs through a route to a pavp::dram (the cache does the
// interconnect's part and calls the DRAM's inline transfer(); a miss the
// hit path declined does its whole line access inline) against the
// same through an interconnect the route cannot pass (a second router, 0 ns,
// so every transaction takes the generic direct_transport() calls): the same
// data, latencies, and cache, router and DRAM statistics, access by access.
// The region is larger than the DRAM: the bytes past its end answer an
// address error either way.
namespace {

constexpr std::uint64_t DRAM_BYTES = 64 * 1024;

struct dram_chain {
  pavp::test::test_initiator cpu;
  pavp::cache dut;
  pavp::router bus;
  std::unique_ptr<pavp::router> hop;  // between bus and mem when present
  pavp::dram mem;

  dram_chain(const char* name, const pavp::cache_params& p, const pavp::dram_spec& spec,
             bool second_hop)
      : cpu((std::string(name) + "_cpu").c_str()),
        dut((std::string(name) + "_cache").c_str(), p),
        bus((std::string(name) + "_bus").c_str(), sc_time(5, SC_NS)),
        mem((std::string(name) + "_dram").c_str(), spec, DRAM_BYTES, pavp::page_policy::CLOSED) {
    cpu.socket.bind(dut.cpu_socket);
    dut.mem_socket.bind(bus.target_socket);
    if (second_hop) {
      hop = std::make_unique<pavp::router>((std::string(name) + "_hop").c_str(), SC_ZERO_TIME);
      bus.initiator_socket.bind(hop->target_socket);
      hop->initiator_socket.bind(mem.socket);
      hop->map_region("dram", 0, 2 * DRAM_BYTES, 0);
    } else {
      bus.initiator_socket.bind(mem.socket);
    }
    bus.map_region("dram", 0, 2 * DRAM_BYTES, 0);
  }
};

// A DRAM spec and a line size: DDR3's 64-byte burst holds a 32-byte line
// (the inline route's one-burst transfer, cache::m_dram_burst_line), SDR's
// 32-byte burst half of a 64-byte line (two bursts, through the DRAM's test).
struct route_case {
  const char* spec_file;
  unsigned line_bytes;
};

void PrintTo(const route_case& c, std::ostream* os) {
  *os << c.spec_file << ", " << c.line_bytes << "-byte lines";
}

class cache_route : public ::testing::TestWithParam<route_case> {};

TEST_P(cache_route, fills_and_write_backs_through_a_route_to_a_dram_equal_the_generic_path) {
  const pavp::dram_spec spec = pavp::load_dram_spec_file(
      std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/" + GetParam().spec_file);
  pavp::cache_params p = small_params();
  p.line_bytes = GetParam().line_bytes;
  p.write_back = true;
  p.write_allocate = true;
  dram_chain routed("routed", p, spec, false);
  dram_chain hopped("hopped", p, spec, true);
  pavp::test::run_elaboration();

  // Loads and stores over 64 KB of DRAM and the 64 KB past it: misses with
  // dirty victims, hits, and address errors, at advancing times.
  std::uint64_t x = 88172645463325252ull;
  std::uint64_t now_ps = 0;
  unsigned errors = 0;
  for (unsigned i = 0; i < 4000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const bool store = (x & 1) != 0;
    const std::uint64_t paddr = (x >> 8) % (2 * DRAM_BYTES - 4) & ~std::uint64_t{3};
    const std::uint64_t vaddr = paddr ^ ((x >> 40) & 0x200);  // some aliases
    const pavp::access_kind kind = store ? pavp::access_kind::STORE : pavp::access_kind::LOAD;
    std::uint32_t a = static_cast<std::uint32_t>(x >> 32), b = a;
    std::uint64_t lat_a = 0, lat_b = 0;
    // The routed cache is asked as the CPU asks it: the inline hit path
    // first, then the miss path told that the hit path declined (every
    // fill and write-back inline, cache::access_declined).
    tlm::tlm_response_status ra = tlm::TLM_OK_RESPONSE;
    if (routed.dut.access_hit(kind, vaddr, paddr, 0, false, reinterpret_cast<std::uint8_t*>(&a),
                              4)) {
      lat_a = routed.dut.core().hit_latency_ps();
    } else {
      ra = routed.dut.access_at(kind, vaddr, paddr, 0, false, reinterpret_cast<std::uint8_t*>(&a),
                                4, now_ps, lat_a, true);
    }
    const tlm::tlm_response_status rb = hopped.dut.access_at(
        kind, vaddr, paddr, 0, false, reinterpret_cast<std::uint8_t*>(&b), 4, now_ps, lat_b);
    ASSERT_EQ(ra, rb) << "access " << i;
    ASSERT_EQ(lat_a, lat_b) << "access " << i;
    ASSERT_EQ(a, b) << "access " << i;
    if (ra != tlm::TLM_OK_RESPONSE) ++errors;
    now_ps += lat_a + ((x >> 20) & 0xffff);
  }
  EXPECT_GT(errors, 0u);
  EXPECT_GT(routed.dut.stats().dirty_writebacks, 500u);

  std::ostringstream cache_a, cache_b, dram_a, dram_b;
  routed.dut.stats().print(cache_a, "");
  hopped.dut.stats().print(cache_b, "");
  routed.mem.stats().print(dram_a);
  hopped.mem.stats().print(dram_b);
  EXPECT_EQ(cache_a.str(), cache_b.str());
  EXPECT_EQ(dram_a.str(), dram_b.str());
  const pavp::router_region_stats& bus_a = routed.bus.stats("dram");
  const pavp::router_region_stats& bus_b = hopped.bus.stats("dram");
  EXPECT_EQ(bus_a.transactions, bus_b.transactions);
  EXPECT_EQ(bus_a.reads, bus_b.reads);
  EXPECT_EQ(bus_a.writes, bus_b.writes);
  EXPECT_EQ(bus_a.bytes_read, bus_b.bytes_read);
  EXPECT_EQ(bus_a.bytes_written, bus_b.bytes_written);
  EXPECT_GT(bus_a.writes, 500u);
  std::vector<std::uint8_t> bytes_a(DRAM_BYTES), bytes_b(DRAM_BYTES);
  tlm::tlm_generic_payload gp;
  for (auto [chain, out] : {std::pair{&routed, &bytes_a}, std::pair{&hopped, &bytes_b}}) {
    pavp::set_plain_transaction(gp, tlm::TLM_READ_COMMAND, 0, out->data(), DRAM_BYTES);
    EXPECT_EQ(chain->mem.socket.get_base_export()->transport_dbg(gp), DRAM_BYTES);
  }
  EXPECT_EQ(bytes_a, bytes_b);
}

INSTANTIATE_TEST_SUITE_P(lines, cache_route,
                         ::testing::Values(route_case{"ddr3-1600-micron-mt41j128m8.json", 32},
                                           route_case{"sdr-pc100-micron-mt48lc16m8a2.json", 64}),
                         [](const ::testing::TestParamInfo<route_case>& param_info) {
                           return std::string(param_info.param.line_bytes == 32
                                                  ? "line_in_one_burst"
                                                  : "line_in_two_bursts");
                         });

}  // namespace
