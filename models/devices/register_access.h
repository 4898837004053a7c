// The checks every pavp device applies to an access of its 32-bit registers:
// a cache-maintenance payload (TLM_IGNORE_COMMAND) is answered OK and does
// nothing; byte enables, a size the device does not take, a misaligned
// access or an offset past the registers get the matching error response and
// one SC_REPORT_WARNING naming the device, the access and the reason.
#ifndef PAVP_DEVICES_REGISTER_ACCESS_H
#define PAVP_DEVICES_REGISTER_ACCESS_H

#include <cstdint>

#include <systemc>
#include <tlm>

namespace pavp {

// Sets status on gp and reports why, as a warning of msg_type from device.
void reject_register_access(tlm::tlm_generic_payload& gp, const sc_core::sc_object& device,
                            const char* msg_type, tlm::tlm_response_status status, const char* why);

// True when gp is a register read or write the device should carry out:
// 4 bytes (or 1 byte too, if byte_access), aligned, below regs_end. Otherwise
// the payload has been answered (OK for an ignore command, an error else).
bool accept_register_access(tlm::tlm_generic_payload& gp, const sc_core::sc_object& device,
                            const char* msg_type, bool byte_access, std::uint64_t regs_end);

}  // namespace pavp

#endif  // PAVP_DEVICES_REGISTER_ACCESS_H
