// A test-bench initiator: drives any TLM-2.0 target through a real
// simple_initiator_socket with blocking transport, debug transport and DMI.
//
// pavp's models never call wait() in b_transport (loosely timed, latency is
// annotated), so a test may call these methods straight from its body once
// elaboration is done (run_elaboration() below). Each returns the response
// status; the annotated delay of the last call is in last_delay.
#ifndef PAVP_TESTS_TEST_INITIATOR_H
#define PAVP_TESTS_TEST_INITIATOR_H

#include <cstdint>
#include <cstring>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>
#include <tlm>

#include "pavp/tlm/access_extension.h"

namespace pavp::test {

class test_initiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<test_initiator> socket;
  sc_core::sc_time last_delay;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> invalidations;  // DMI ranges

  explicit test_initiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_invalidate_direct_mem_ptr(this, &test_initiator::invalidate_direct_mem_ptr);
    pavp::attach(m_gp, m_ext);
  }
  ~test_initiator() override { pavp::detach(m_gp); }

  // Physical access: no extension on the payload.
  tlm::tlm_response_status read(std::uint64_t addr, void* data, unsigned len) {
    return transport(tlm::TLM_READ_COMMAND, addr, data, len, nullptr);
  }
  tlm::tlm_response_status write(std::uint64_t addr, const void* data, unsigned len) {
    return transport(tlm::TLM_WRITE_COMMAND, addr, const_cast<void*>(data), len, nullptr);
  }

  // Virtual accesses: the extension carries va, space and privilege.
  tlm::tlm_response_status load(std::uint64_t va, std::uint64_t pa, void* data, unsigned len,
                                std::uint32_t space = 0, std::uint8_t pl = 0) {
    m_ext.set_load(va, space, pl);
    return transport(tlm::TLM_READ_COMMAND, pa, data, len, &m_ext);
  }
  tlm::tlm_response_status fetch(std::uint64_t va, std::uint64_t pa, void* data, unsigned len,
                                 std::uint32_t space = 0, std::uint8_t pl = 0) {
    m_ext.set_fetch(va, space, pl);
    return transport(tlm::TLM_READ_COMMAND, pa, data, len, &m_ext);
  }
  tlm::tlm_response_status store(std::uint64_t va, std::uint64_t pa, const void* data, unsigned len,
                                 std::uint32_t space = 0, std::uint8_t pl = 0) {
    m_ext.set_store(va, space, pl);
    return transport(tlm::TLM_WRITE_COMMAND, pa, const_cast<void*>(data), len, &m_ext);
  }
  // A cache-maintenance operation (TLM_IGNORE_COMMAND + extension).
  tlm::tlm_response_status cache_op(pavp::cache_op op, std::uint64_t va, std::uint64_t pa,
                                    std::uint32_t space = 0, std::uint8_t pl = 0) {
    m_ext.set_cache_op(op, va, space, pl);
    std::uint8_t dummy[4] = {};
    return transport(tlm::TLM_IGNORE_COMMAND, pa, dummy, 0, &m_ext);
  }

  std::uint32_t load32(std::uint64_t va, std::uint64_t pa, std::uint32_t space = 0) {
    std::uint32_t v = 0;
    load(va, pa, &v, 4, space);
    return v;
  }
  void store32(std::uint64_t va, std::uint64_t pa, std::uint32_t v, std::uint32_t space = 0) {
    store(va, pa, &v, 4, space);
  }

  unsigned debug_read(std::uint64_t addr, void* data, unsigned len) {
    return debug(tlm::TLM_READ_COMMAND, addr, data, len);
  }
  unsigned debug_write(std::uint64_t addr, const void* data, unsigned len) {
    return debug(tlm::TLM_WRITE_COMMAND, addr, const_cast<void*>(data), len);
  }

  bool get_dmi(std::uint64_t addr, tlm::tlm_dmi& dmi, bool for_write = false) {
    tlm::tlm_generic_payload gp;
    gp.set_command(for_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    gp.set_address(addr);
    return socket->get_direct_mem_ptr(gp, dmi);
  }

 private:
  tlm::tlm_generic_payload m_gp;
  pavp::access_extension m_ext;

  tlm::tlm_response_status transport(tlm::tlm_command cmd, std::uint64_t addr, void* data,
                                     unsigned len, pavp::access_extension* ext) {
    if (!ext) pavp::detach(m_gp);
    m_gp.set_command(cmd);
    m_gp.set_address(addr);
    m_gp.set_data_ptr(static_cast<unsigned char*>(data));
    m_gp.set_data_length(len);
    m_gp.set_streaming_width(len);
    m_gp.set_byte_enable_ptr(nullptr);
    m_gp.set_byte_enable_length(0);
    m_gp.set_dmi_allowed(false);
    m_gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    last_delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(m_gp, last_delay);
    if (!ext) pavp::attach(m_gp, m_ext);
    return m_gp.get_response_status();
  }

  unsigned debug(tlm::tlm_command cmd, std::uint64_t addr, void* data, unsigned len) {
    tlm::tlm_generic_payload gp;
    gp.set_command(cmd);
    gp.set_address(addr);
    gp.set_data_ptr(static_cast<unsigned char*>(data));
    gp.set_data_length(len);
    gp.set_streaming_width(len);
    return socket->transport_dbg(gp);
  }

  void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
    invalidations.emplace_back(start, end);
  }
};

// Completes elaboration (binds ports, runs end_of_elaboration) without
// advancing time, so a test can then call into the models.
inline void run_elaboration() {
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
}

}  // namespace pavp::test

#endif  // PAVP_TESTS_TEST_INITIATOR_H
