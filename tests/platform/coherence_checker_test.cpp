// The coherence checker's shadow: stores, debug writes, load comparison and
// the provenance of the first stale read (plain C++, no simulation).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "platform/study/coherence_checker.h"

namespace {

pavp::access_extension load_at(std::uint64_t vaddr, std::uint32_t space) {
  pavp::access_extension ext;
  ext.set_load(vaddr, space, 0);
  return ext;
}

// Two checkers hold the same word at a: the same shadow bytes, and a load
// of other bytes reported alike by both (the expected bytes, where they
// differ first, the last writer's cycle and pc). Returns b's report, for
// more checks; null (a failure) where either checker reported nothing.
const pavp::stale_read* expect_same_word(pavp::coherence_checker& a, pavp::coherence_checker& b,
                                         std::uint64_t at) {
  std::uint8_t x[4], y[4];
  a.read_shadow(at, x, 4);
  b.read_shadow(at, y, 4);
  EXPECT_EQ(std::memcmp(x, y, 4), 0) << std::hex << at;
  const std::uint8_t probe[4] = {0xff, 0xff, 0xff, 0xff};
  const pavp::stale_read* u = a.check_load(at, probe, 4, load_at(at, 0), {});
  const pavp::stale_read* v = b.check_load(at, probe, 4, load_at(at, 0), {});
  if (u == nullptr || v == nullptr) {
    ADD_FAILURE() << "no stale read reported at " << std::hex << at;
    return nullptr;
  }
  EXPECT_EQ(u->expected, v->expected) << std::hex << at;
  EXPECT_EQ(u->byte_paddr, v->byte_paddr) << std::hex << at;
  EXPECT_EQ(u->last_writer.who.cycle, v->last_writer.who.cycle) << std::hex << at;
  EXPECT_EQ(u->last_writer.who.pc, v->last_writer.who.pc) << std::hex << at;
  return v;
}

TEST(coherence_checker, unwritten_memory_reads_as_zero) {
  pavp::coherence_checker c;
  c.add_region(0, 1 << 20);
  const std::uint8_t zero[4] = {};
  const std::uint8_t one[4] = {0, 0, 0, 1};
  EXPECT_EQ(c.check_load(0x1000, zero, 4, load_at(0x1000, 0), {}), nullptr);
  EXPECT_NE(c.check_load(0x1000, one, 4, load_at(0x1000, 0), {}), nullptr);
  EXPECT_EQ(c.stale_reads(), 1u);
  EXPECT_EQ(c.loads_checked(), 2u);
}

TEST(coherence_checker, reports_expected_observed_and_last_writer) {
  pavp::coherence_checker c;
  c.add_region(0, 1 << 20);
  c.add_region(0xF0000000u, 1 << 20);
  const std::uint8_t v1[4] = {0x12, 0x34, 0x56, 0x78};
  const std::uint8_t v2[4] = {0x12, 0x34, 0x00, 0x00};
  pavp::access_context writer;
  writer.cycle = 100;
  writer.pc = 0x00400003;
  writer.pid = 1;
  writer.tid = 2;
  c.store(0x2040, v1, 4, writer);
  EXPECT_EQ(c.check_load(0x2040, v1, 4, load_at(0xc00040, 1), {}), nullptr);
  pavp::access_context reader;
  reader.cycle = 200;
  pavp::stale_read* s = c.check_load(0x2040, v2, 4, load_at(0x2040, 0), reader);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->expected, 0x12345678u);
  EXPECT_EQ(s->observed, 0x12340000u);
  EXPECT_EQ(s->byte_paddr, 0x2042u);
  EXPECT_TRUE(s->last_writer.known);
  EXPECT_FALSE(s->last_writer.debug);
  EXPECT_EQ(s->last_writer.who.pid, 1u);
  EXPECT_EQ(s->last_writer.who.tid, 2u);
  EXPECT_EQ(s->last_writer.who.cycle, 100u);
  EXPECT_EQ(s->who.cycle, 200u);
  EXPECT_NE(s->to_text().find("expected 0x12345678, observed 0x12340000"), std::string::npos);
  // A debug write is the new latest value and names no writer.
  c.debug_write(0x2040, v2, 4);
  EXPECT_EQ(c.check_load(0x2040, v2, 4, load_at(0x2040, 0), {}), nullptr);
  // The second region, and a byte store spanning two words.
  const std::uint8_t b[2] = {0xAA, 0xBB};
  c.store(0xF0000FFFu, b, 1, writer);
  std::uint8_t out[2] = {};
  c.read_shadow(0xF0000FFFu, out, 2);
  EXPECT_EQ(out[0], 0xAA);
  EXPECT_EQ(out[1], 0x00);
  // Outside every region: not tracked, never stale, not counted as checked.
  EXPECT_FALSE(c.tracked(0x80000000u, 4));
  const std::uint64_t checked = c.loads_checked();
  EXPECT_EQ(c.check_load(0x80000000u, v1, 4, load_at(0, 0), {}), nullptr);
  EXPECT_EQ(c.loads_checked(), checked);
}

TEST(coherence_checker, stores_across_a_page_boundary) {
  pavp::coherence_checker c;
  c.add_region(0, 1 << 16);
  const std::uint8_t v[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  c.store(0x0FFC, v, 8, {});
  std::uint8_t out[8] = {};
  c.read_shadow(0x0FFC, out, 8);
  for (unsigned i = 0; i < 8; ++i) EXPECT_EQ(out[i], v[i]);
  EXPECT_EQ(c.check_load(0x0FFC, v, 8, load_at(0x0FFC, 0), {}), nullptr);
}

TEST(coherence_checker, last_writer_of_each_word) {
  pavp::coherence_checker c;
  c.add_region(0, 1 << 16);
  const std::uint8_t v[4] = {1, 2, 3, 4};
  const std::uint8_t zero[4] = {};
  // Three words: stored by two threads in turn (pids and tids beyond 16
  // bits), then one debug write; a fourth word is never written.
  for (std::uint32_t i = 0; i < 3; ++i) {
    pavp::access_context w;
    w.cycle = (std::uint64_t{1} << 40) + i;
    w.pc = 0xf0001003u + 4 * i;
    w.pid = i % 2 == 0 ? 0x12345u : 7u;
    w.tid = i % 2 == 0 ? 0xfffffffeu : 8u;
    c.store(0x100 + 4 * i, v, 4, w);
  }
  c.debug_write(0x10c, v, 4);
  for (std::uint32_t i = 0; i < 3; ++i) {
    pavp::stale_read* s = c.check_load(0x100 + 4 * i, zero, 4, load_at(0x100, 0), {});
    ASSERT_NE(s, nullptr);
    EXPECT_TRUE(s->last_writer.known);
    EXPECT_FALSE(s->last_writer.debug);
    EXPECT_EQ(s->last_writer.who.cycle, (std::uint64_t{1} << 40) + i);
    EXPECT_EQ(s->last_writer.who.pc, 0xf0001003u + 4 * i);
    EXPECT_EQ(s->last_writer.who.pid, i % 2 == 0 ? 0x12345u : 7u);
    EXPECT_EQ(s->last_writer.who.tid, i % 2 == 0 ? 0xfffffffeu : 8u);
  }
  pavp::stale_read* d = c.check_load(0x10c, zero, 4, load_at(0x10c, 0), {});
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->last_writer.known);
  EXPECT_TRUE(d->last_writer.debug);
  EXPECT_EQ(d->last_writer.who.cycle, 0u);
  EXPECT_EQ(d->last_writer.who.pid, 0u);
  pavp::stale_read* n = c.check_load(0x110, v, 4, load_at(0x110, 0), {});
  ASSERT_NE(n, nullptr);
  EXPECT_FALSE(n->last_writer.known);
  EXPECT_EQ(n->expected, 0u);
}

}  // namespace

// The probe's path for every store: the context is asked for only when the
// store is tracked, and a store that is not wholly in one region is not
// looked at (as tracked() says).
TEST(coherence_checker, store_if_tracked_asks_for_the_context_only_when_tracked) {
  pavp::coherence_checker c;
  c.add_region(0x1000, 0x2000);
  const std::uint8_t v[4] = {0xde, 0xad, 0xbe, 0xef};
  unsigned asked = 0;
  auto context = [&asked] {
    ++asked;
    pavp::access_context who;
    who.cycle = 77;
    who.pc = 0x40123;
    who.pid = 5;
    who.tid = 6;
    return who;
  };
  c.store_if_tracked(0x1ffc, v, 4, context);
  EXPECT_EQ(asked, 1u);
  std::uint8_t out[4] = {};
  c.read_shadow(0x1ffc, out, 4);
  EXPECT_EQ(std::memcmp(out, v, 4), 0);
  EXPECT_EQ(c.check_load(0x1ffc, v, 4, load_at(0x1ffc, 0), {}), nullptr);
  const std::uint8_t other[4] = {1, 2, 3, 4};
  pavp::stale_read* s = c.check_load(0x1ffc, other, 4, load_at(0x1ffc, 0), {});
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->last_writer.known);
  EXPECT_EQ(s->last_writer.who.cycle, 77u);
  EXPECT_EQ(s->last_writer.who.pc, 0x40123u);
  EXPECT_EQ(s->last_writer.who.pid, 5u);
  EXPECT_EQ(s->last_writer.who.tid, 6u);

  // Outside, and across the region's end: neither asked nor written.
  c.store_if_tracked(0x8000, v, 4, context);
  c.store_if_tracked(0x2ffe, v, 4, context);
  EXPECT_EQ(asked, 1u);
  c.read_shadow(0x2ffc, out, 4);
  const std::uint8_t zero[4] = {};
  EXPECT_EQ(std::memcmp(out, zero, 4), 0);
}

// Store hits told in a batch (a loop's, access_observer::after_stores())
// leave the shadow and each word's last writer as the same stores told one
// by one: each with its own cycle and pc, of 1, 2 or 4 bytes, the same word
// written again later in the batch, stores outside the regions skipped.
TEST(coherence_checker, a_batch_of_stores_is_kept_as_the_stores_one_by_one) {
  pavp::coherence_checker one, batch;
  for (pavp::coherence_checker* c : {&one, &batch}) {
    c->add_region(0x1000, 0x2000);
    c->add_region(0x10000, 0x1000);
  }
  std::vector<pavp::observed_store> stores;
  const std::uint64_t addresses[] = {0x1000, 0x1004,  0x1ffc,  0x2000, 0x1002, 0x1000,
                                     0x8000, 0x10ff0, 0x10ff3, 0x1004, 0x2ffc, 0x3000};
  const std::uint32_t lens[] = {4, 4, 4, 4, 2, 1, 4, 4, 1, 2, 4, 4};
  for (std::size_t k = 0; k < std::size(addresses); ++k) {
    pavp::observed_store s{};
    s.paddr = addresses[k];
    s.cycle = 1000 + 3 * k;
    s.pc = k < 5 ? 0xf0003ec7u : 0x400103u + 4 * static_cast<std::uint32_t>(k);
    s.len = lens[k];
    for (unsigned b = 0; b < 4; ++b) s.data[b] = static_cast<std::uint8_t>(0x10 * k + b + 1);
    stores.push_back(s);
    pavp::access_context who;
    who.cycle = s.cycle;
    who.pc = s.pc;
    who.pid = 3;
    who.tid = 4;
    one.store_if_tracked(s.paddr, s.data, s.len, [&who] { return who; });
  }
  batch.store_batch(stores.data(), stores.size(), 3, 4);
  const std::uint8_t probe[4] = {0xff, 0xff, 0xff, 0xff};
  for (std::uint64_t a : {0x1000u, 0x1004u, 0x1ffcu, 0x2000u, 0x2ffcu, 0x10ff0u}) {
    const pavp::stale_read* v = expect_same_word(one, batch, a);
    ASSERT_NE(v, nullptr);
    EXPECT_TRUE(v->last_writer.known) << std::hex << a;
    EXPECT_EQ(v->last_writer.who.pid, 3u);
    EXPECT_EQ(v->last_writer.who.tid, 4u);
  }
  // 0x1000's last writer is the byte store, the sixth.
  pavp::stale_read* last = batch.check_load(0x1000, probe, 1, load_at(0x1000, 0), {});
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->last_writer.who.cycle, 1015u);
  EXPECT_EQ(last->observed, 0xffu);
  EXPECT_EQ(last->expected, 0x51u);
}

// A shadow the host keeps in huge pages (pavp run's, which does not fork)
// holds what one in small pages holds: the same bytes, the same writers,
// the same stale reads, across pages populated ahead and out of order.
TEST(coherence_checker, a_shadow_in_huge_pages_keeps_what_one_in_small_pages_keeps) {
  pavp::coherence_checker small, huge;
  huge.prefer_huge_pages();
  for (pavp::coherence_checker* c : {&small, &huge}) c->add_region(0x100000, 64u << 20);
  std::vector<std::uint64_t> addresses;
  for (std::uint64_t a = 0x100000; a < 0x100000 + (8u << 20); a += 0x1f04) addresses.push_back(a);
  for (std::uint64_t a = 0x100000 + (63u << 20); a > 0x100000 + (40u << 20); a -= 0x40004) {
    addresses.push_back(a);
  }
  for (std::size_t k = 0; k < addresses.size(); ++k) {
    pavp::access_context who;
    who.cycle = 10 * k;
    who.pc = 0x400000u + 4 * static_cast<std::uint32_t>(k % 64);
    who.pid = 2;
    who.tid = 2;
    const std::uint8_t data[4] = {static_cast<std::uint8_t>(k), static_cast<std::uint8_t>(k >> 8),
                                  0x5a, static_cast<std::uint8_t>(k + 1)};
    for (pavp::coherence_checker* c : {&small, &huge}) {
      c->store_if_tracked(addresses[k], data, 4, [&who] { return who; });
    }
  }
  for (std::uint64_t a : addresses) ASSERT_NE(expect_same_word(small, huge, a), nullptr);
  EXPECT_EQ(small.stale_reads(), huge.stale_reads());
}

// A load told in brief: counted as checked when its bytes are the
// shadow's; untracked, nothing to do; differing or across pages, nothing
// done, for check_load() to report.
TEST(coherence_checker, a_quiet_load_is_one_that_check_load_would_not_report) {
  pavp::coherence_checker c;
  c.add_region(0x1000, 0x2000);
  const std::uint8_t v[4] = {1, 2, 3, 4};
  pavp::access_context who;
  c.store(0x1100, v, 4, who);
  EXPECT_TRUE(c.quiet_load(0x1100, v, 4));
  EXPECT_EQ(c.loads_checked(), 1u);
  const std::uint8_t zero[4] = {};
  EXPECT_TRUE(c.quiet_load(0x1200, zero, 4));  // never written: zero
  EXPECT_EQ(c.loads_checked(), 2u);
  EXPECT_TRUE(c.quiet_load(0x8000, v, 4));  // not tracked
  EXPECT_EQ(c.loads_checked(), 2u);
  EXPECT_FALSE(c.quiet_load(0x1100, zero, 4));  // differs
  EXPECT_FALSE(c.quiet_load(0x1ffe, zero, 4));  // across pages
  EXPECT_EQ(c.loads_checked(), 2u);
  EXPECT_EQ(c.stale_reads(), 0u);
  EXPECT_NE(c.check_load(0x1100, zero, 4, load_at(0x1100, 0), {}), nullptr);
  EXPECT_EQ(c.stale_reads(), 1u);
}

// A store of no bytes (a zero-length write through the probe) changes
// nothing, whichever path it takes.
TEST(coherence_checker, a_store_of_no_bytes_writes_nothing) {
  pavp::coherence_checker c;
  c.add_region(0, 1 << 16);
  const std::uint8_t v[4] = {9, 9, 9, 9};
  c.store(0x1000, v, 0, {});
  c.store_if_tracked(0x2000, v, 0, [] { return pavp::access_context{}; });
  std::uint8_t out[4] = {1, 1, 1, 1};
  const std::uint8_t zero[4] = {};
  c.read_shadow(0x1000, out, 4);
  EXPECT_EQ(std::memcmp(out, zero, 4), 0);
  c.read_shadow(0x2000, out, 4);
  EXPECT_EQ(std::memcmp(out, zero, 4), 0);
  EXPECT_EQ(c.check_load(0x1000, zero, 4, load_at(0x1000, 0), {}), nullptr);
}
