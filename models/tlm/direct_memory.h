// pavp::direct_memory: a memory-side target's b_transport for a plain read or
// write as a member call, and the query that finds it through a socket.
//
// A cache's line fills and write-backs are the busiest transactions below the
// CPU: a program that misses on stores makes two per miss. A generic payload
// set up per transaction and four indirect calls per hop (socket, binder,
// router, socket again) cost more than the router's and the DRAM's own work.
// A target that implements direct_memory does in direct_transport() exactly
// what its b_transport does for a payload with that command, address, data
// pointer and length, no byte enables, a streaming width equal to the length
// and no extension: the same data, the same delay, the same statistics, the
// same response. The router implements it by decoding, counting and adding its
// latency as b_transport does, then calling the target's direct_transport when
// the target has one, and its socket otherwise. Only the payload and the
// socket hops are skipped; every model on the way still carries out, times and
// counts every transaction.
//
// find_direct_memory(socket) sends a TLM_IGNORE_COMMAND carrying a
// direct_memory_query: a target that implements the interface fills in
// `found` (and does nothing else), any other target ignores the command.
#ifndef PAVP_TLM_DIRECT_MEMORY_H
#define PAVP_TLM_DIRECT_MEMORY_H

#include <cstdint>

#include <systemc>
#include <tlm>

namespace pavp {

class direct_memory {
 public:
  virtual ~direct_memory() = default;

  // cmd is TLM_READ_COMMAND or TLM_WRITE_COMMAND (TLM_IGNORE_COMMAND does
  // what b_transport does with it); addr as the target's socket sees it;
  // delay is the caller's local time offset and grows by the latency.
  virtual tlm::tlm_response_status direct_transport(tlm::tlm_command cmd, std::uint64_t addr,
                                                    unsigned char* data, unsigned len,
                                                    sc_core::sc_time& delay) = 0;
};

class direct_memory_query : public tlm::tlm_extension<direct_memory_query> {
 public:
  direct_memory* found = nullptr;
  tlm::tlm_extension_base* clone() const override { return new direct_memory_query(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    found = static_cast<const direct_memory_query&>(other).found;
  }
};

// For a target's b_transport: true (and `found` set to self) when gp is the
// query; the target then answers TLM_OK_RESPONSE and does nothing else.
inline bool answer_direct_memory_query(tlm::tlm_generic_payload& gp, direct_memory* self) {
  if (gp.get_command() != tlm::TLM_IGNORE_COMMAND) return false;
  direct_memory_query* query = gp.get_extension<direct_memory_query>();
  if (query == nullptr) return false;
  query->found = self;
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return true;
}

// Sends the query through socket; the direct interface behind it, or nullptr.
template <typename Socket>
direct_memory* find_direct_memory(Socket& socket) {
  tlm::tlm_generic_payload gp;
  direct_memory_query query;
  gp.set_extension(&query);
  gp.set_command(tlm::TLM_IGNORE_COMMAND);
  gp.set_address(0);
  gp.set_data_length(0);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  socket->b_transport(gp, delay);
  gp.clear_extension(&query);
  return query.found;
}

}  // namespace pavp

#endif  // PAVP_TLM_DIRECT_MEMORY_H
