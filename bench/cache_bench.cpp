// Cache accesses per second through the TLM socket.
//
// An initiator thread drives pavp::cache the way a CPU model does: one reused
// payload with the access_extension, the virtual address, space and privilege
// set per access, b_transport through a simple_initiator_socket, the response
// checked and the delay accumulated (quantum-keeper style, no wait per access).
// Behind the cache sits the DRAM timing model.
//
//   cache_bench [--accesses N] [--spec FILE]
//
// Prints one line per case: accesses, host seconds, million accesses per second.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>

#include "pavp/cache/cache.h"
#include "pavp/dram/dram.h"
#include "pavp/dram/dram_spec.h"
#include "pavp/tlm/access_extension.h"

namespace {

struct driver : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<driver> socket{"socket"};
  std::uint64_t accesses;
  pavp::cache* dut = nullptr;

  SC_HAS_PROCESS(driver);
  driver(sc_core::sc_module_name n, std::uint64_t count) : sc_module(n), accesses(count) {
    SC_THREAD(run);
  }

  // Runs count accesses; stride and span choose hits or misses.
  double pass(const char* label, tlm::tlm_command cmd, pavp::access_kind kind, std::uint64_t span,
              std::uint64_t stride, std::uint64_t count) {
    tlm::tlm_generic_payload gp;
    pavp::access_extension ext;
    pavp::attach(gp, ext);
    std::uint32_t word = 0x01020304;
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(&word));
    gp.set_data_length(4);
    gp.set_streaming_width(4);
    gp.set_byte_enable_ptr(nullptr);
    sc_core::sc_time local = sc_core::SC_ZERO_TIME;
    std::uint64_t errors = 0, offset = 0;
    const pavp::cache_stats before = dut->stats();
    const auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t pa = 0x100000 + offset;
      ext.set(kind, 0x40000000 + offset, 0x10, 3);
      gp.set_command(cmd);
      gp.set_address(pa);
      gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
      socket->b_transport(gp, local);
      errors += !gp.is_response_ok();
      offset += stride;
      if (offset >= span) offset = 0;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    pavp::detach(gp);
    const pavp::cache_stats& after = dut->stats();
    const std::uint64_t hits = after.total_hits() - before.total_hits();
    const std::uint64_t misses = after.total_misses() - before.total_misses();
    std::printf(
        "%-22s %12llu accesses %8.3f s %8.1f M/s  hits %llu misses %llu errors %llu "
        "simulated %.3f ms\n",
        label, static_cast<unsigned long long>(count), seconds, count / seconds / 1e6,
        static_cast<unsigned long long>(hits), static_cast<unsigned long long>(misses),
        static_cast<unsigned long long>(errors), local.to_seconds() * 1e3);
    return seconds;
  }

  // The same accesses on the plain C++ core, without TLM: the baseline that
  // shows what the socket costs.
  double pass_core(const char* label, pavp::access_kind kind, std::uint64_t span,
                   std::uint64_t stride, std::uint64_t count) {
    std::uint32_t word = 0x01020304;
    std::uint64_t offset = 0, errors = 0;
    pavp::cache_core& core = dut->core();
    const auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < count; ++i) {
      const pavp::cache_result r = core.access(kind, 0x40000000 + offset, 0x100000 + offset, 0x10,
                                               reinterpret_cast<std::uint8_t*>(&word), 4);
      errors += r.status != pavp::cache_status::OK;
      offset += stride;
      if (offset >= span) offset = 0;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%-22s %12llu accesses %8.3f s %8.1f M/s  errors %llu\n", label,
                static_cast<unsigned long long>(count), seconds, count / seconds / 1e6,
                static_cast<unsigned long long>(errors));
    return seconds;
  }

  void run() {
    // Warm a 16 KB working set, then hit it.
    pass("warm-up", tlm::TLM_READ_COMMAND, pavp::access_kind::LOAD, 16384, 4, 4096);
    pass("load hits", tlm::TLM_READ_COMMAND, pavp::access_kind::LOAD, 16384, 4, accesses);
    pass("store hits", tlm::TLM_WRITE_COMMAND, pavp::access_kind::STORE, 16384, 4, accesses);
    pass("fetch hits", tlm::TLM_READ_COMMAND, pavp::access_kind::FETCH, 16384, 4, accesses);
    const double socket = pass("load hits (again)", tlm::TLM_READ_COMMAND, pavp::access_kind::LOAD,
                               16384, 4, accesses);
    const double core =
        pass_core("load hits, core only", pavp::access_kind::LOAD, 16384, 4, accesses);
    std::printf("%-22s %8.2fx the core-only time\n", "socket overhead", socket / core);
    // A 4 MB span with a line stride: every access misses; stores leave dirty
    // lines, so the store pass also writes back on every fill.
    pass("load misses (DRAM)", tlm::TLM_READ_COMMAND, pavp::access_kind::LOAD, 4 << 20, 32,
         accesses / 10);
    pass("store misses (DRAM)", tlm::TLM_WRITE_COMMAND, pavp::access_kind::STORE, 4 << 20, 32,
         accesses / 10);
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cache_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  std::uint64_t accesses = 50'000'000;
  std::string spec_path =
      std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/ddr3-1600-micron-mt41j128m8.json";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--accesses" && i + 1 < argc) {
      accesses = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--spec" && i + 1 < argc) {
      spec_path = argv[++i];
    } else {
      std::fprintf(stderr,
                   "cache_bench: unknown argument '%s' (accepted: --accesses N, --spec FILE)\n",
                   a.c_str());
      return 2;
    }
  }
  const pavp::dram_spec spec = pavp::parse_dram_spec(read_file(spec_path), spec_path);
  pavp::cache_params params;  // the pa7300lc data cache: 64 KB, 2-way, 32-byte lines
  driver d("driver", accesses);
  pavp::cache dcache("dcache", params);
  pavp::dram mem("dram", spec, 64 << 20, spec.policy);
  d.dut = &dcache;
  d.socket.bind(dcache.cpu_socket);
  dcache.mem_socket.bind(mem.socket);
  sc_core::sc_start();
  return 0;
}
