#include "pavp/devices/register_access.h"

#include <cstdio>

namespace pavp {

void reject_register_access(tlm::tlm_generic_payload& gp, const sc_core::sc_object& device,
                            const char* msg_type, tlm::tlm_response_status status,
                            const char* why) {
  char msg[160];
  std::snprintf(msg, sizeof msg, "%s: %s %u byte(s) at offset 0x%llx: %s", device.name(),
                gp.is_write() ? "write of" : "read of", gp.get_data_length(),
                static_cast<unsigned long long>(gp.get_address()), why);
  SC_REPORT_WARNING(msg_type, msg);
  gp.set_response_status(status);
}

bool accept_register_access(tlm::tlm_generic_payload& gp, const sc_core::sc_object& device,
                            const char* msg_type, bool byte_access, std::uint64_t regs_end) {
  const std::uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  const auto reject = [&](tlm::tlm_response_status st, const char* why) {
    reject_register_access(gp, device, msg_type, st, why);
    return false;
  };
  if (gp.get_command() == tlm::TLM_IGNORE_COMMAND) {
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return false;
  }
  if (gp.get_byte_enable_ptr() != nullptr) {
    return reject(tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE, "byte enables are not supported");
  }
  if (!(len == 4 || (byte_access && len == 1)) || gp.get_streaming_width() < len) {
    return reject(tlm::TLM_BURST_ERROR_RESPONSE, byte_access
                                                     ? "registers take 8- or 32-bit accesses only"
                                                     : "registers take 32-bit accesses only");
  }
  if (addr % len != 0) {
    return reject(tlm::TLM_GENERIC_ERROR_RESPONSE, "a 32-bit access must be aligned");
  }
  if (addr >= regs_end)
    return reject(tlm::TLM_ADDRESS_ERROR_RESPONSE, "no register at this offset");
  return true;
}

}  // namespace pavp
