#include "pavp/dram/dram.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <sstream>
#include <string>

#include "pavp/common/copy_bytes.h"
#include "pavp/tlm/time.h"

namespace pavp {

namespace {

constexpr const char* k_msg_type = "pavp/dram";

// The spec, after reporting what is wrong with it (the timing core then
// throws std::invalid_argument if the report did not stop the simulation).
const dram_spec& reported(const char* module, const dram_spec& spec) {
  const std::string err = spec.validate();
  if (!err.empty()) {
    SC_REPORT_ERROR(k_msg_type,
                    (std::string(module) + ": DRAM spec '" + spec.name + "': " + err).c_str());
  }
  return spec;
}

// Copies len bytes between the store and the payload's data, honouring the
// payload's byte enables (a disabled byte is left as it is on both sides).
void copy_payload_bytes(tlm::tlm_generic_payload& gp, unsigned char* mem, unsigned len) {
  unsigned char* data = gp.get_data_ptr();
  const unsigned char* be = gp.get_byte_enable_ptr();
  const unsigned be_len = gp.get_byte_enable_length();
  const bool write = gp.is_write();
  if (!be) {
    if (write) {
      pavp::copy_bytes(mem, data, len);
    } else {
      pavp::copy_bytes(data, mem, len);
    }
    return;
  }
  for (unsigned i = 0; i < len; ++i) {
    if (be[i % be_len] == TLM_BYTE_DISABLED) continue;
    if (write) {
      mem[i] = data[i];
    } else {
      data[i] = mem[i];
    }
  }
}

}  // namespace

dram::dram(sc_core::sc_module_name name, const dram_spec& spec, std::uint64_t size_bytes,
           page_policy policy)
    : sc_module(name),
      socket("socket"),
      m_timing(reported(this->name(), spec), policy),
      m_size(size_bytes) {
  if (size_bytes == 0) {
    SC_REPORT_ERROR(k_msg_type, (std::string(this->name()) +
                                 ": size 0 is not accepted (a memory of at least 1 byte)")
                                    .c_str());
  }
  if (size_bytes > spec.capacity_bytes()) {
    std::ostringstream msg;
    msg << this->name() << ": size " << size_bytes << " exceeds the " << spec.capacity_bytes()
        << " bytes the spec '" << spec.name
        << "' addresses; higher addresses reuse its banks and rows for timing";
    SC_REPORT_WARNING(k_msg_type, msg.str().c_str());
  }
  m_store = host_memory::zeroed_block(static_cast<std::size_t>(size_bytes));
  m_populate = host_memory::write_populator<>(m_store.data(), m_store.size());
  if (!m_store) {
    std::ostringstream msg;
    msg << this->name() << ": cannot allocate " << size_bytes << " bytes of backing store";
    SC_REPORT_FATAL(k_msg_type, msg.str().c_str());
  }
  socket.register_b_transport(this, &dram::b_transport);
  socket.register_transport_dbg(this, &dram::transport_dbg);
  socket.register_get_direct_mem_ptr(this, &dram::get_direct_mem_ptr);
}

bool dram::load_image(std::uint64_t addr, const void* data, std::size_t len) {
  if (!in_range(addr, len)) {
    std::ostringstream msg;
    msg << name() << ": image of " << len << " bytes at 0x" << std::hex << addr
        << " does not fit the memory of 0x" << m_size << " bytes";
    SC_REPORT_ERROR(k_msg_type, msg.str().c_str());
    return false;
  }
  if (len) std::memcpy(store_at(addr, len, true), data, len);
  return true;
}

void dram::add_access_time(std::uint64_t addr, bool is_write, unsigned len,
                           sc_core::sc_time& delay) {
  const std::uint64_t arrival_ps = to_ps(sc_core::sc_time_stamp() + delay);
  const dram_access_result r = m_timing.access(addr, is_write, len, arrival_ps);
  delay += m_latency_time(r.latency_ps);
}

tlm::tlm_response_status dram::direct_transport(tlm::tlm_command cmd, std::uint64_t addr,
                                                unsigned char* data, unsigned len,
                                                std::uint64_t arrival_ps,
                                                std::uint64_t& latency_ps) {
  // The checks and their order are b_transport's; the payload-only ones
  // (streaming width, byte enables) cannot fail here.
  if (cmd == tlm::TLM_IGNORE_COMMAND) return tlm::TLM_OK_RESPONSE;
  if (len == 0 || !data) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  const bool ok = cmd == tlm::TLM_WRITE_COMMAND
                      ? transfer<true>(addr, data, len, arrival_ps, latency_ps)
                      : transfer<false>(addr, data, len, arrival_ps, latency_ps);
  return ok ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE;
}

void dram::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  if (answer_direct_memory_query(gp, this)) return;
  const tlm::tlm_command cmd = gp.get_command();
  if (cmd == tlm::TLM_IGNORE_COMMAND) {  // e.g. a cache-maintenance operation
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }
  const std::uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  if (len == 0 || !gp.get_data_ptr()) {
    gp.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
    return;
  }
  if (!in_range(addr, len)) {
    gp.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  if (gp.get_streaming_width() < len) {
    gp.set_response_status(tlm::TLM_BURST_ERROR_RESPONSE);
    return;
  }
  if (gp.get_byte_enable_ptr() && gp.get_byte_enable_length() == 0) {
    gp.set_response_status(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
    return;
  }

  copy_payload_bytes(gp, store_at(addr, len, cmd == tlm::TLM_WRITE_COMMAND), len);
  add_access_time(addr, cmd == tlm::TLM_WRITE_COMMAND, len, delay);

  gp.set_dmi_allowed(true);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned dram::transport_dbg(tlm::tlm_generic_payload& gp) {
  const tlm::tlm_command cmd = gp.get_command();
  const std::uint64_t addr = gp.get_address();
  if (cmd == tlm::TLM_IGNORE_COMMAND || addr >= m_size || !gp.get_data_ptr()) return 0;
  if (gp.get_byte_enable_ptr() && gp.get_byte_enable_length() == 0) return 0;
  const auto len =
      static_cast<unsigned>(std::min<std::uint64_t>(gp.get_data_length(), m_size - addr));
  if (len > 0) copy_payload_bytes(gp, store_at(addr, len, cmd == tlm::TLM_WRITE_COMMAND), len);
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return len;
}

bool dram::get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi) {
  const std::uint64_t addr = gp.get_address();
  if (addr >= m_size || !m_store) {
    // Nothing is granted from the end of the store upwards.
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
    dmi.set_start_address(m_size);
    dmi.set_end_address(std::numeric_limits<sc_dt::uint64>::max());
    return false;
  }
  dmi.set_dmi_ptr(m_store.data());
  dmi.set_start_address(0);
  dmi.set_end_address(m_size - 1);
  dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ_WRITE);
  dmi.set_read_latency(from_ps(m_timing.hit_latency_ps(false)));
  dmi.set_write_latency(from_ps(m_timing.hit_latency_ps(true)));
  return true;
}

}  // namespace pavp
