// A test-bench memory target: a real byte array behind a
// simple_target_socket, with a fixed latency, blocking transport (byte
// enables and streaming width honoured), debug transport and DMI.
//
// The socket sees offsets 0..size-1 (behind a router, the router translates).
// The memory records what it was asked, so a test can check what arrived:
// last_address, last_command, transactions, debug_transactions.
//
//   pavp::test::test_memory mem("mem", 0x1000, sc_core::sc_time(10, sc_core::SC_NS));
//   initiator.socket.bind(mem.socket);
//   pavp::test::run_elaboration();
//   initiator.write(0x10, &v, 4);          // last_delay == 10 ns
//   mem.invalidate_dmi(0, 0xfff);          // tells the initiators to drop DMI
#ifndef PAVP_TESTS_TEST_MEMORY_H
#define PAVP_TESTS_TEST_MEMORY_H

#include <cstdint>
#include <cstring>
#include <vector>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

namespace pavp::test {

class test_memory : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<test_memory> socket;

  std::uint64_t last_address = 0;  // of the last b_transport
  tlm::tlm_command last_command = tlm::TLM_IGNORE_COMMAND;
  unsigned last_length = 0;
  std::uint64_t transactions = 0;  // b_transport calls
  std::uint64_t debug_transactions = 0;
  std::uint64_t last_debug_address = 0;
  std::uint64_t dmi_requests = 0;
  std::uint64_t last_dmi_address = 0;

  test_memory(sc_core::sc_module_name name, std::uint64_t size,
              const sc_core::sc_time& latency = sc_core::SC_ZERO_TIME)
      : sc_module(name), socket("socket"), m_bytes(size, 0), m_latency(latency) {
    socket.register_b_transport(this, &test_memory::b_transport);
    socket.register_transport_dbg(this, &test_memory::transport_dbg);
    socket.register_get_direct_mem_ptr(this, &test_memory::get_direct_mem_ptr);
  }

  std::uint64_t size() const { return m_bytes.size(); }
  unsigned char* data() { return m_bytes.data(); }
  const unsigned char* data() const { return m_bytes.data(); }
  const sc_core::sc_time& latency() const { return m_latency; }

  // Whether get_direct_mem_ptr grants access (default: yes, read and write).
  void set_dmi_enabled(bool enabled) { m_dmi_enabled = enabled; }

  // Tells the initiators upstream to drop DMI pointers into [start, end]
  // (offsets of this memory).
  void invalidate_dmi(std::uint64_t start, std::uint64_t end) {
    socket->invalidate_direct_mem_ptr(start, end);
  }

 private:
  std::vector<unsigned char> m_bytes;
  sc_core::sc_time m_latency;
  bool m_dmi_enabled = true;

  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    ++transactions;
    last_address = gp.get_address();
    last_command = gp.get_command();
    last_length = gp.get_data_length();
    delay += m_latency;

    const std::uint64_t addr = gp.get_address();
    const unsigned len = gp.get_data_length();
    const unsigned width = gp.get_streaming_width() ? gp.get_streaming_width() : len;
    const std::uint64_t span = width < len ? width : len;  // bytes of memory touched
    if (addr >= size() || span > size() - addr) {
      gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
      return;
    }
    if (gp.get_command() != tlm::TLM_IGNORE_COMMAND) {
      unsigned char* data = gp.get_data_ptr();
      const unsigned char* be = gp.get_byte_enable_ptr();
      const unsigned be_len = gp.get_byte_enable_length();
      for (unsigned i = 0; i < len; ++i) {
        if (be && be_len && be[i % be_len] != TLM_BYTE_ENABLED) continue;
        unsigned char& cell = m_bytes[addr + (i % width)];
        if (gp.is_read()) {
          data[i] = cell;
        } else {
          cell = data[i];
        }
      }
      gp.set_dmi_allowed(m_dmi_enabled);
    }
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
  }

  unsigned transport_dbg(tlm::tlm_generic_payload& gp) {
    ++debug_transactions;
    last_debug_address = gp.get_address();
    const std::uint64_t addr = gp.get_address();
    if (addr >= size()) return 0;
    std::uint64_t len = gp.get_data_length();
    if (len > size() - addr) len = size() - addr;
    if (gp.is_read()) {
      std::memcpy(gp.get_data_ptr(), &m_bytes[addr], len);
    } else if (gp.is_write()) {
      std::memcpy(&m_bytes[addr], gp.get_data_ptr(), len);
    }
    return static_cast<unsigned>(len);
  }

  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
    ++dmi_requests;
    last_dmi_address = gp.get_address();
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
    if (gp.get_address() >= size()) {  // refused from the end of the memory upwards
      dmi.set_start_address(size());
      dmi.set_end_address(~sc_dt::uint64{0});
      return false;
    }
    dmi.set_start_address(0);
    dmi.set_end_address(size() - 1);
    if (!m_dmi_enabled) return false;
    dmi.set_dmi_ptr(m_bytes.data());
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
    dmi.set_read_latency(m_latency);
    dmi.set_write_latency(m_latency);
    return true;
  }
};

}  // namespace pavp::test

#endif  // PAVP_TESTS_TEST_MEMORY_H
