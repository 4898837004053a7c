// Builds a cache in front of a DRAM from the installed pavp package, shows the
// VIPT alias (a stale read through a non-congruent address) and its cure (FDC).
#include <cstdio>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>

#include <pavp/cache/cache.h>
#include <pavp/dram/dram.h>
#include <pavp/dram/dram_spec.h>
#include <pavp/tlm/access_extension.h>

struct cpu : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<cpu> socket{"socket"};
  int failures = 0;
  SC_HAS_PROCESS(cpu);
  explicit cpu(sc_core::sc_module_name n) : sc_module(n) { SC_THREAD(run); }

  std::uint32_t access(tlm::tlm_command cmd, pavp::access_kind kind, std::uint64_t va,
                       std::uint64_t pa, std::uint32_t value,
                       pavp::cache_op op = pavp::cache_op::NONE) {
    tlm::tlm_generic_payload gp;
    pavp::access_extension ext;
    ext.set(kind, va, 0, 0, op);
    pavp::attach(gp, ext);
    gp.set_command(cmd);
    gp.set_address(pa);
    gp.set_data_ptr(reinterpret_cast<unsigned char*>(&value));
    gp.set_data_length(cmd == tlm::TLM_IGNORE_COMMAND ? 0 : 4);
    gp.set_streaming_width(4);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(gp, delay);
    if (!gp.is_response_ok()) ++failures;
    pavp::detach(gp);
    wait(delay);
    return value;
  }

  void run() {
    const std::uint64_t pa = 0x2000, va1 = 0x40002000, va2 = 0x40003000;
    access(tlm::TLM_WRITE_COMMAND, pavp::access_kind::STORE, va1, pa, 0x12345678);
    const std::uint32_t stale = access(tlm::TLM_READ_COMMAND, pavp::access_kind::LOAD, va2, pa, 0);
    access(tlm::TLM_IGNORE_COMMAND, pavp::access_kind::CACHE_OP, va1, pa, 0, pavp::cache_op::FDC);
    access(tlm::TLM_IGNORE_COMMAND, pavp::access_kind::CACHE_OP, va2, pa, 0, pavp::cache_op::FDC);
    const std::uint32_t fresh = access(tlm::TLM_READ_COMMAND, pavp::access_kind::LOAD, va2, pa, 0);
    std::printf("stale read 0x%08x, after flush 0x%08x, time %s\n", stale, fresh,
                sc_core::sc_time_stamp().to_string().c_str());
    if (stale != 0 || fresh != 0x12345678) ++failures;
  }
};

int sc_main(int, char*[]) {
  const pavp::dram_spec spec =
      pavp::load_dram_spec_file(std::string(DRAM_SPEC_DIR) + "/ddr3-1600-micron-mt41j128m8.json");

  pavp::cache_params params;  // 64 KB 2-way, 32-byte lines, virtual index
  cpu c("cpu");
  pavp::cache dcache("dcache", params);
  pavp::dram mem("dram", spec, 16 << 20, spec.policy);
  c.socket.bind(dcache.cpu_socket);
  dcache.mem_socket.bind(mem.socket);
  sc_core::sc_start();
  std::printf("consumer: %s\n", c.failures == 0 ? "ok" : "FAILED");
  return c.failures == 0 ? 0 : 1;
}
