// Test bench of the address map and the router: decoding, address
// translation, latency, error responses, debug transport and DMI.
#include <gtest/gtest.h>

#include <set>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include <systemc>
#include <tlm>

#include "pavp/dram/dram.h"
#include "pavp/interconnect/address_map.h"
#include "pavp/interconnect/router.h"
#include "pavp/tlm/direct_memory.h"
#include "test_initiator.h"
#include "test_memory.h"

namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

// Expects `fn` to throw E with a message containing every one of `parts`.
template <typename E, typename F>
void expect_throw_with(F fn, std::initializer_list<const char*> parts) {
  try {
    fn();
    ADD_FAILURE() << "no exception";
  } catch (const E& e) {
    const std::string what = e.what();
    for (const char* p : parts) EXPECT_NE(what.find(p), std::string::npos) << what;
  }
}

// ---------------------------------------------------------------------------
// address_map (plain C++)

TEST(router_address_map, decodes_regions_and_gaps) {
  pavp::address_map map;
  EXPECT_EQ(map.add_region("io", 0xF0000000, 0x100, 1), 0u);
  EXPECT_EQ(map.add_region("ram", 0x0, 0x1000, 0), 1u);
  ASSERT_NE(map.decode(0x0, 4), nullptr);
  EXPECT_EQ(map.decode(0x0, 4)->name, "ram");
  EXPECT_EQ(map.decode(0xFFC, 4)->name, "ram");
  EXPECT_EQ(map.decode(0xF00000FF, 1)->name, "io");
  EXPECT_EQ(map.decode(0xF00000FF, 0)->name, "io");  // length 0 decodes like 1
  EXPECT_EQ(map.decode(0x1000, 1), nullptr);
  EXPECT_EQ(map.decode(0xEFFFFFFF, 1), nullptr);
  EXPECT_EQ(map.decode(0xF0000100, 1), nullptr);
  EXPECT_EQ(map.find("io")->base, 0xF0000000u);
  EXPECT_EQ(map.find("nothing"), nullptr);
  ASSERT_EQ(map.sorted().size(), 2u);
  EXPECT_EQ(map.sorted()[0]->name, "ram");
  EXPECT_EQ(map.region(0).name, "io");
  EXPECT_NE(map.to_string().find("ram [0x0..0xfff] -> target 0"), std::string::npos)
      << map.to_string();
}

TEST(router_address_map, straddling_access_is_unmapped) {
  pavp::address_map map;
  map.add_region("a", 0x1000, 0x1000, 0);
  map.add_region("b", 0x2000, 0x1000, 1);  // adjacent: still not one region
  EXPECT_NE(map.decode(0x1FFC, 4), nullptr);
  EXPECT_EQ(map.decode(0x1FFE, 4), nullptr);
  EXPECT_EQ(map.decode(0x2FFF, 2), nullptr);
  EXPECT_EQ(map.decode(0x1000, 0x1001), nullptr);
  EXPECT_EQ(map.decode(0x1000, ~std::uint64_t{0}), nullptr);  // no overflow in the check
}

TEST(router_address_map, rejects_overlap_naming_both_regions) {
  pavp::address_map map;
  map.add_region("ram", 0x0, 0x1000, 0);
  expect_throw_with<std::invalid_argument>([&] { map.add_region("rom", 0xFFF, 0x10, 1); },
                                           {"'rom'", "'ram'", "overlaps"});
  expect_throw_with<std::invalid_argument>([&] { map.add_region("big", 0x0, 0x10000, 1); },
                                           {"'big'", "'ram'"});
  EXPECT_EQ(map.size(), 1u);
  EXPECT_NO_THROW(map.add_region("next", 0x1000, 0x10, 1));
}

TEST(router_address_map, rejects_zero_size_wrap_and_bad_names) {
  pavp::address_map map;
  expect_throw_with<std::invalid_argument>([&] { map.add_region("z", 0x10, 0, 0); },
                                           {"'z'", "size 0"});
  expect_throw_with<std::invalid_argument>(
      [&] { map.add_region("w", 0xFFFFFFFFFFFFF000ull, 0x2000, 0); }, {"'w'", "wraps"});
  EXPECT_NO_THROW(map.add_region("top", 0xFFFFFFFFFFFFF000ull, 0x1000, 0));
  EXPECT_EQ(map.decode(0xFFFFFFFFFFFFFFFFull, 1)->name, "top");
  expect_throw_with<std::invalid_argument>([&] { map.add_region("", 0x0, 0x10, 0); }, {"no name"});
  expect_throw_with<std::invalid_argument>([&] { map.add_region("top", 0x0, 0x10, 0); },
                                           {"'top'", "twice"});
}

TEST(router_address_map, unmapped_range_is_the_gap) {
  pavp::address_map map;
  map.add_region("a", 0x1000, 0x1000, 0);
  map.add_region("b", 0x8000, 0x1000, 0);
  std::uint64_t lo = 0, hi = 0;
  EXPECT_FALSE(map.unmapped_range(0x1800, lo, hi));
  ASSERT_TRUE(map.unmapped_range(0x4000, lo, hi));
  EXPECT_EQ(lo, 0x2000u);
  EXPECT_EQ(hi, 0x7FFFu);
  ASSERT_TRUE(map.unmapped_range(0x10, lo, hi));
  EXPECT_EQ(lo, 0u);
  EXPECT_EQ(hi, 0xFFFu);
  ASSERT_TRUE(map.unmapped_range(0x9000, lo, hi));
  EXPECT_EQ(lo, 0x9000u);
  EXPECT_EQ(hi, ~std::uint64_t{0});
}

// ---------------------------------------------------------------------------
// router (SystemC). Each TEST runs in its own process (see tests/CMakeLists.txt).

// initiator -> router (5 ns) -> ram (10 ns, target 0), io (20 ns, target 1),
//                               big (2 ns, target 2; only its first 0x800 bytes mapped)
struct bench {
  pavp::test::test_initiator init{"init"};
  pavp::router bus{"bus", sc_time(5, SC_NS)};
  pavp::test::test_memory ram{"ram", 0x1000, sc_time(10, SC_NS)};
  pavp::test::test_memory io{"io", 0x100, sc_time(20, SC_NS)};
  pavp::test::test_memory big{"big", 0x2000, sc_time(2, SC_NS)};

  bench() {
    init.socket.bind(bus.target_socket);
    bus.initiator_socket.bind(ram.socket);
    bus.initiator_socket.bind(io.socket);
    bus.initiator_socket.bind(big.socket);
    bus.map_region("ram", 0x00000000, 0x1000, 0);
    bus.map_region("io", 0xF0000000, 0x100, 1);
    bus.map_region("big", 0x10000000, 0x800, 2);
    pavp::test::run_elaboration();
  }
};

TEST(router, decodes_to_targets_with_translation) {
  bench b;
  const std::uint32_t v = 0x11223344;
  ASSERT_EQ(b.init.write(0x10, &v, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.ram.last_address, 0x10u);
  EXPECT_EQ(std::memcmp(b.ram.data() + 0x10, &v, 4), 0);

  const std::uint32_t w = 0xCAFEF00D;
  ASSERT_EQ(b.init.write(0xF0000020, &w, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.io.last_address, 0x20u);  // the target sees the offset
  EXPECT_EQ(std::memcmp(b.io.data() + 0x20, &w, 4), 0);
  EXPECT_EQ(b.ram.transactions, 1u);

  std::uint32_t r = 0;
  ASSERT_EQ(b.init.read(0xF0000020, &r, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(r, w);
  ASSERT_EQ(b.init.read(0x100007FC, &r, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.big.last_address, 0x7FCu);
  EXPECT_EQ(b.big.last_command, tlm::TLM_READ_COMMAND);
}

TEST(router, restores_the_payload_address) {
  bench b;
  tlm::tlm_generic_payload gp;
  std::uint8_t data[4] = {};
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(0xF0000040);
  gp.set_data_ptr(data);
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  sc_time delay = sc_core::SC_ZERO_TIME;
  b.init.socket->b_transport(gp, delay);
  EXPECT_EQ(gp.get_response_status(), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(gp.get_address(), 0xF0000040u);
  EXPECT_EQ(b.io.last_address, 0x40u);
}

TEST(router, adds_its_latency) {
  bench b;
  std::uint32_t v = 0;
  b.init.read(0x0, &v, 4);
  EXPECT_EQ(b.init.last_delay, sc_time(15, SC_NS));  // 5 (router) + 10 (ram)
  b.init.read(0xF0000000, &v, 4);
  EXPECT_EQ(b.init.last_delay, sc_time(25, SC_NS));  // 5 + 20
  b.init.read(0x50000000, &v, 4);
  EXPECT_EQ(b.init.last_delay, sc_time(5, SC_NS));  // decoded, then refused
  EXPECT_EQ(b.bus.latency(), sc_time(5, SC_NS));
}

TEST(router, unmapped_address_is_an_address_error) {
  bench b;
  std::uint32_t v = 0;
  EXPECT_EQ(b.init.read(0x1000, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.init.write(0xEFFFFFFC, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  // Mapped in the target but outside the region's window.
  EXPECT_EQ(b.init.read(0x10000800, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.ram.transactions + b.io.transactions + b.big.transactions, 0u);
  EXPECT_EQ(b.bus.unmapped_transactions(), 3u);
}

TEST(router, straddling_access_is_an_address_error) {
  bench b;
  std::uint8_t buf[8] = {};
  EXPECT_EQ(b.init.read(0xFFC, buf, 8), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.init.write(0xF00000FE, buf, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.ram.transactions + b.io.transactions, 0u);
  EXPECT_EQ(b.init.read(0xFF8, buf, 8), tlm::TLM_OK_RESPONSE);  // ends on the last byte
}

TEST(router, forwards_ignore_commands_like_cache_operations) {
  bench b;
  EXPECT_EQ(b.init.cache_op(pavp::cache_op::FDC, 0x4000, 0xF0000080), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.io.last_command, tlm::TLM_IGNORE_COMMAND);
  EXPECT_EQ(b.io.last_address, 0x80u);
  EXPECT_EQ(b.bus.stats("io").ignores, 1u);
}

TEST(router, overlap_is_rejected_at_map_time) {
  pavp::test::test_initiator init("init");
  pavp::router bus("bus");
  pavp::test::test_memory ram("ram", 0x1000);
  init.socket.bind(bus.target_socket);
  bus.initiator_socket.bind(ram.socket);
  bus.map_region("ram", 0x0, 0x1000, 0);
  expect_throw_with<std::invalid_argument>([&] { bus.map_region("alias", 0x800, 0x1000, 0); },
                                           {"'alias'", "'ram'", "overlaps"});
  EXPECT_EQ(bus.map().size(), 1u);
  EXPECT_EQ(bus.stats().size(), 1u);
}

TEST(router, unbound_target_index_is_an_elaboration_error) {
  pavp::test::test_initiator init("init");
  pavp::router bus("bus");
  pavp::test::test_memory ram("ram", 0x1000);
  init.socket.bind(bus.target_socket);
  bus.initiator_socket.bind(ram.socket);
  bus.map_region("ghost", 0x0, 0x1000, 3);
  sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
  try {
    pavp::test::run_elaboration();
    ADD_FAILURE() << "no error";
  } catch (const sc_core::sc_report& r) {
    EXPECT_NE(std::string(r.what()).find("'ghost' names target 3"), std::string::npos) << r.what();
  }
}

TEST(router, forwards_debug_transport_with_translation) {
  bench b;
  const char text[] = "debug";
  EXPECT_EQ(b.init.debug_write(0xF0000004, text, 5), 5u);
  EXPECT_EQ(b.io.last_debug_address, 0x4u);
  EXPECT_EQ(std::memcmp(b.io.data() + 4, text, 5), 0);
  char back[5] = {};
  EXPECT_EQ(b.init.debug_read(0xF0000004, back, 5), 5u);
  EXPECT_EQ(std::memcmp(back, text, 5), 0);
  EXPECT_EQ(b.io.transactions, 0u);  // debug accesses are not transactions
  EXPECT_EQ(b.init.last_delay, sc_core::SC_ZERO_TIME);

  std::uint8_t buf[16] = {};
  EXPECT_EQ(b.init.debug_read(0x2000, buf, 4), 0u);       // unmapped: 0 bytes
  EXPECT_EQ(b.init.debug_read(0xFF8, buf, 16), 8u);       // cut at the region's end
  EXPECT_EQ(b.init.debug_read(0x100007FE, buf, 16), 2u);  // the window, not the target
  EXPECT_EQ(b.bus.stats("io").debug_transactions, 2u);
}

TEST(router, translates_dmi_ranges) {
  bench b;
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.init.get_dmi(0xF0000010, dmi));
  EXPECT_EQ(b.io.last_dmi_address, 0x10u);
  EXPECT_EQ(dmi.get_start_address(), 0xF0000000u);
  EXPECT_EQ(dmi.get_end_address(), 0xF00000FFu);
  EXPECT_EQ(dmi.get_dmi_ptr(), b.io.data());
  EXPECT_TRUE(dmi.is_read_write_allowed());
  EXPECT_EQ(dmi.get_read_latency(), sc_time(25, SC_NS));  // target 20 + router 5
  EXPECT_EQ(dmi.get_write_latency(), sc_time(25, SC_NS));

  // The pointer reaches the bytes a transaction would.
  const std::uint32_t v = 0x5A5A1234;
  b.init.write(0xF0000030, &v, 4);
  EXPECT_EQ(std::memcmp(dmi.get_dmi_ptr() + (0xF0000030 - dmi.get_start_address()), &v, 4), 0);

  // The target offers 0..0x1fff; the window is only 0x800 bytes.
  tlm::tlm_dmi dmi_big;
  ASSERT_TRUE(b.init.get_dmi(0x10000100, dmi_big, true));
  EXPECT_EQ(dmi_big.get_start_address(), 0x10000000u);
  EXPECT_EQ(dmi_big.get_end_address(), 0x100007FFu);
  EXPECT_EQ(dmi_big.get_dmi_ptr(), b.big.data());

  EXPECT_EQ(b.bus.stats("io").dmi_grants, 1u);
  EXPECT_EQ(b.bus.stats("big").dmi_requests, 1u);
}

TEST(router, refused_dmi_covers_the_unmapped_gap) {
  bench b;
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(b.init.get_dmi(0x20000000, dmi));
  EXPECT_EQ(dmi.get_start_address(), 0x10000800u);
  EXPECT_EQ(dmi.get_end_address(), 0xEFFFFFFFu);
  EXPECT_EQ(dmi.get_dmi_ptr(), nullptr);

  // A target that refuses: the refused range comes back in global addresses.
  b.ram.set_dmi_enabled(false);
  tlm::tlm_dmi dmi_ram;
  EXPECT_FALSE(b.init.get_dmi(0x200, dmi_ram));
  EXPECT_EQ(dmi_ram.get_start_address(), 0x0u);
  EXPECT_EQ(dmi_ram.get_end_address(), 0xFFFu);
}

TEST(router, translates_dmi_invalidations_back_to_global_addresses) {
  bench b;
  b.io.invalidate_dmi(0x10, 0x1F);
  ASSERT_EQ(b.init.invalidations.size(), 1u);
  EXPECT_EQ(b.init.invalidations[0].first, 0xF0000010u);
  EXPECT_EQ(b.init.invalidations[0].second, 0xF000001Fu);

  b.big.invalidate_dmi(0x0, 0x1FFF);  // clamped to the mapped window
  ASSERT_EQ(b.init.invalidations.size(), 2u);
  EXPECT_EQ(b.init.invalidations[1].first, 0x10000000u);
  EXPECT_EQ(b.init.invalidations[1].second, 0x100007FFu);

  b.big.invalidate_dmi(0x1000, 0x1FFF);  // outside the window: nothing to tell
  EXPECT_EQ(b.init.invalidations.size(), 2u);

  b.ram.invalidate_dmi(0x0, ~sc_dt::uint64{0});  // "everything" stays inside the region
  ASSERT_EQ(b.init.invalidations.size(), 3u);
  EXPECT_EQ(b.init.invalidations[2].first, 0x0u);
  EXPECT_EQ(b.init.invalidations[2].second, 0xFFFu);
  EXPECT_EQ(b.bus.stats("big").dmi_invalidations, 1u);
}

TEST(router, counts_transactions_per_region) {
  bench b;
  std::uint8_t buf[8] = {};
  b.init.write(0x0, buf, 8);
  b.init.read(0x8, buf, 4);
  b.init.read(0xC, buf, 4);
  b.init.write(0xF0000000, buf, 1);
  b.init.read(0x5000, buf, 4);  // unmapped
  const pavp::router_region_stats& ram = b.bus.stats("ram");
  EXPECT_EQ(ram.transactions, 3u);
  EXPECT_EQ(ram.reads, 2u);
  EXPECT_EQ(ram.writes, 1u);
  EXPECT_EQ(ram.bytes_read, 8u);
  EXPECT_EQ(ram.bytes_written, 8u);
  EXPECT_EQ(b.bus.stats("io").transactions, 1u);
  EXPECT_EQ(b.bus.stats()[2].transactions, 0u);  // "big", id 2
  EXPECT_EQ(b.bus.unmapped_transactions(), 1u);
  EXPECT_THROW(b.bus.stats("nothing"), std::invalid_argument);
  b.bus.reset_stats();
  EXPECT_EQ(b.bus.stats("ram").transactions, 0u);
  EXPECT_EQ(b.bus.unmapped_transactions(), 0u);
}

}  // namespace

namespace {

// Two initiators (as the instruction and data caches) share one router.
TEST(router, serves_several_initiators_and_tells_each_of_dmi_invalidation) {
  pavp::test::test_initiator icache{"icache"};
  pavp::test::test_initiator dcache{"dcache"};
  pavp::router bus{"bus", sc_time(5, SC_NS)};
  pavp::test::test_memory ram{"ram", 0x1000, sc_time(10, SC_NS)};
  icache.socket.bind(bus.target_socket);
  dcache.socket.bind(bus.target_socket);
  bus.initiator_socket.bind(ram.socket);
  bus.map_region("ram", 0x8000, 0x1000, 0);
  pavp::test::run_elaboration();

  const std::uint32_t v = 0x01020304;
  EXPECT_EQ(dcache.write(0x8010, &v, 4), tlm::TLM_OK_RESPONSE);
  std::uint32_t r = 0;
  EXPECT_EQ(icache.read(0x8010, &r, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(r, v);
  EXPECT_EQ(icache.last_delay, sc_time(15, SC_NS));
  EXPECT_EQ(bus.stats("ram").transactions, 2u);

  ram.invalidate_dmi(0x0, 0xFF);
  ASSERT_EQ(icache.invalidations.size(), 1u);
  ASSERT_EQ(dcache.invalidations.size(), 1u);
  EXPECT_EQ(dcache.invalidations[0].first, 0x8000u);
  EXPECT_EQ(dcache.invalidations[0].second, 0x80FFu);
}

}  // namespace

namespace {

// The router's direct interface (pavp/tlm/direct_memory.h), as a cache's fills
// and write-backs use it: found through the router's socket; it decodes,
// translates, counts and adds the router's latency as b_transport does, then
// calls a target's own direct interface (the DRAM's) or, for a target without
// one, its socket.
TEST(router, direct_transport_equals_b_transport_to_direct_and_plain_targets) {
  pavp::test::test_initiator init{"init"};
  pavp::router bus{"bus", sc_time(5, SC_NS)};
  pavp::test::test_memory ram{"ram", 0x1000, sc_time(10, SC_NS)};
  pavp::dram dram{
      "dram",
      pavp::load_dram_spec_file(std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/"
                                                               "ddr3-1600-micron-mt41j128m8.json"),
      0x100000, pavp::page_policy::OPEN};
  init.socket.bind(bus.target_socket);
  bus.initiator_socket.bind(ram.socket);
  bus.initiator_socket.bind(dram.socket);
  bus.map_region("ram", 0x0, 0x1000, 0);
  bus.map_region("dram", 0x40000000, 0x100000, 1);
  pavp::test::run_elaboration();
  pavp::direct_memory* direct = pavp::find_direct_memory(init.socket);
  ASSERT_EQ(direct, &bus);

  // A target without the interface: through its socket, translated.
  std::uint32_t v = 0xA1B2C3D4;
  sc_time delay(1, SC_NS);
  EXPECT_EQ(pavp::direct_transport(*direct, tlm::TLM_WRITE_COMMAND, 0x40,
                                   reinterpret_cast<unsigned char*>(&v), 4, delay),
            tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(delay, sc_time(16, SC_NS));  // 1 + 5 (router) + 10 (ram)
  // The target saw the router's one-time interface query (a TLM_IGNORE_COMMAND
  // with the query extension, which a plain target ignores) and the write.
  EXPECT_EQ(ram.transactions, 2u);
  EXPECT_EQ(ram.last_command, tlm::TLM_WRITE_COMMAND);
  EXPECT_EQ(ram.last_address, 0x40u);
  EXPECT_EQ(std::memcmp(ram.data() + 0x40, &v, 4), 0);

  // The DRAM: its own direct interface, the same latency as through sockets.
  std::uint8_t line[32];
  for (unsigned k = 0; k < 32; ++k) line[k] = static_cast<std::uint8_t>(k);
  delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(pavp::direct_transport(*direct, tlm::TLM_WRITE_COMMAND, 0x40000020, line, 32, delay),
            tlm::TLM_OK_RESPONSE);
  const sc_time direct_write = delay;
  std::uint8_t back[32] = {};
  sc_core::sc_start(1, sc_core::SC_US);  // the bank goes idle, its row stays open
  ASSERT_EQ(init.read(0x40000020, back, 32), tlm::TLM_OK_RESPONSE);  // through the sockets
  EXPECT_EQ(std::memcmp(back, line, 32), 0);
  // A row miss (tRCD + CWL + BURST = 23 cycles of 1.25 ns) and then a row hit
  // (CL + BURST = 15 cycles), each after the router's 5 ns.
  EXPECT_EQ(direct_write, sc_time(5, SC_NS) + sc_time(28750, sc_core::SC_PS));
  EXPECT_EQ(init.last_delay, sc_time(5, SC_NS) + sc_time(18750, sc_core::SC_PS));
  EXPECT_EQ(dram.stats().writes, 1u);
  EXPECT_EQ(dram.stats().reads, 1u);

  // Counted per region as b_transport counts; unmapped is an address error
  // after the router's latency.
  EXPECT_EQ(bus.stats("dram").transactions, 2u);
  EXPECT_EQ(bus.stats("dram").bytes_written, 32u);
  EXPECT_EQ(bus.stats("ram").writes, 1u);
  delay = sc_core::SC_ZERO_TIME;
  EXPECT_EQ(pavp::direct_transport(*direct, tlm::TLM_READ_COMMAND, 0x2000, back, 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(delay, sc_time(5, SC_NS));
  EXPECT_EQ(bus.unmapped_transactions(), 1u);
  EXPECT_EQ(pavp::direct_transport(*direct, tlm::TLM_READ_COMMAND, 0x400FFFFE, back, 4, delay),
            tlm::TLM_ADDRESS_ERROR_RESPONSE);  // straddles the region's end
  EXPECT_EQ(bus.unmapped_transactions(), 2u);
}

// A direct route (pavp/tlm/direct_memory.h): the router hands out its region
// to a target with a direct interface; a transaction through the route has
// the router's latency, counts and translation, and the target's data and
// timing, as through the router's own direct_transport; a change of the map
// revokes the routes.
TEST(router, direct_route_is_the_router_hop_done_by_the_initiator) {
  pavp::test::test_initiator init{"init"};
  pavp::router bus{"bus", sc_time(5, SC_NS)};
  pavp::test::test_memory ram{"ram", 0x1000, sc_time(10, SC_NS)};
  const pavp::dram_spec spec = pavp::load_dram_spec_file(
      std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/ddr3-1600-micron-mt41j128m8.json");
  pavp::dram dram{"dram", spec, 0x100000, pavp::page_policy::OPEN};
  pavp::router inner{"inner", sc_time(1, SC_NS)};
  pavp::dram far{"far", spec, 0x100000, pavp::page_policy::OPEN};
  init.socket.bind(bus.target_socket);
  bus.initiator_socket.bind(ram.socket);
  bus.initiator_socket.bind(dram.socket);
  bus.initiator_socket.bind(inner.target_socket);
  inner.initiator_socket.bind(far.socket);
  bus.map_region("ram", 0x0, 0x1000, 0);
  bus.map_region("dram", 0x40000000, 0x100000, 1);
  bus.map_region("inner", 0x80000000, 0x100000, 2);
  inner.map_region("far", 0x0, 0x100000, 0);
  pavp::test::run_elaboration();
  pavp::direct_memory* direct = pavp::find_direct_memory(init.socket);
  ASSERT_EQ(direct, &bus);

  // No route to a target without a direct interface, to another router, or
  // where nothing is mapped.
  pavp::direct_route route;
  EXPECT_FALSE(direct->direct_route_for(0x40, route));
  EXPECT_FALSE(direct->direct_route_for(0x80000040, route));
  EXPECT_FALSE(direct->direct_route_for(0x2000, route));
  EXPECT_EQ(route.target, nullptr);

  ASSERT_TRUE(direct->direct_route_for(0x40000020, route));
  EXPECT_EQ(route.target, static_cast<pavp::direct_memory*>(&dram));
  EXPECT_EQ(route.base, 0x40000000u);
  EXPECT_EQ(route.size, 0x100000u);
  EXPECT_EQ(route.latency_ps, 5000u);
  EXPECT_TRUE(route.covers(0x400FFFE0, 32));
  EXPECT_FALSE(route.covers(0x400FFFF0, 32));  // straddles the region's end
  EXPECT_FALSE(route.covers(0x3FFFFFF0, 4));

  // A write through the route, a read back through the router: the same
  // data, a row miss then a row hit each after the router's 5 ns (as in the
  // test above), and the router counts both.
  std::uint8_t line[32];
  for (unsigned k = 0; k < 32; ++k) line[k] = static_cast<std::uint8_t>(3 * k);
  std::uint64_t write_ps = 0;
  EXPECT_EQ(route.transport(tlm::TLM_WRITE_COMMAND, 0x40000020, line, 32, 0, write_ps),
            tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(write_ps, 5000u + 28750u);
  std::uint8_t back[32] = {};
  std::uint64_t read_ps = 0;
  EXPECT_EQ(direct->direct_transport(tlm::TLM_READ_COMMAND, 0x40000020, back, 32, 1000000, read_ps),
            tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(read_ps, 5000u + 18750u);
  EXPECT_EQ(std::memcmp(back, line, 32), 0);
  EXPECT_EQ(bus.stats("dram").transactions, 2u);
  EXPECT_EQ(bus.stats("dram").writes, 1u);
  EXPECT_EQ(bus.stats("dram").bytes_written, 32u);
  EXPECT_EQ(bus.stats("dram").reads, 1u);
  EXPECT_EQ(bus.stats("dram").bytes_read, 32u);
  EXPECT_EQ(dram.stats().writes, 1u);
  EXPECT_EQ(dram.stats().reads, 1u);

  // A region added after a route was given revokes every route (the
  // statistics it counts into may move): the initiator is told over the
  // whole address space.
  ASSERT_TRUE(init.invalidations.empty());
  bus.map_region("more", 0x50000000, 0x1000, 0);
  ASSERT_EQ(init.invalidations.size(), 1u);
  EXPECT_EQ(init.invalidations[0].first, 0u);
  EXPECT_EQ(init.invalidations[0].second, ~std::uint64_t{0});
}

// The statistics' one shape (models/common/stats.h): the summary is the
// traffic; ALL adds the command, debug and DMI counts.
TEST(router, statistics_visit_summary_and_all) {
  pavp::router_region_stats s;
  s.dmi_grants = 4;
  std::set<std::string> all;
  std::uint64_t grants = 0;
  unsigned summary = 0;
  s.visit([&](const char*, std::uint64_t) { ++summary; }, pavp::stat_detail::SUMMARY);
  s.visit([&](const char* name, std::uint64_t v) {
    all.insert(name);
    if (std::string(name) == "dmi_grants") grants = v;
  });
  EXPECT_EQ(summary, 3u);
  EXPECT_EQ(all.size(), 10u);
  EXPECT_EQ(grants, 4u);
}

}  // namespace
