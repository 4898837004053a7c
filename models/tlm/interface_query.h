// pavp::interface_query<T>: asks, through a socket, whether the target behind
// it offers the member-call interface T, and gets a pointer to it.
//
// The query is a TLM_IGNORE_COMMAND b_transport carrying the extension; a
// target that offers T fills in `found` and does nothing else; any other
// target ignores the command, as TLM-2.0 lets it. pavp uses it for
// pavp::cache (the CPU module calls its cache directly, find_cache) and for
// pavp::direct_memory (the cache's fills and write-backs, see
// direct_memory.h).
//
//   // initiator, once:          T* t = find_interface<T>(socket);
//   // target's b_transport:     if (answer_interface_query<T>(gp, this)) return;
#ifndef PAVP_TLM_INTERFACE_QUERY_H
#define PAVP_TLM_INTERFACE_QUERY_H

#include <systemc>
#include <tlm>

namespace pavp {

template <typename T>
class interface_query : public tlm::tlm_extension<interface_query<T>> {
 public:
  T* found = nullptr;
  tlm::tlm_extension_base* clone() const override { return new interface_query(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    found = static_cast<const interface_query&>(other).found;
  }
};

// Sends the query through socket; the interface behind it, or nullptr.
template <typename T, typename Socket>
T* find_interface(Socket& socket) {
  tlm::tlm_generic_payload gp;
  interface_query<T> query;
  gp.set_extension(&query);
  gp.set_command(tlm::TLM_IGNORE_COMMAND);
  gp.set_address(0);
  gp.set_data_length(0);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  socket->b_transport(gp, delay);
  gp.clear_extension(&query);
  return query.found;
}

// For a target's b_transport: true (and `found` set to self) when gp is the
// query for T; the target then answers TLM_OK_RESPONSE and does nothing else.
template <typename T>
bool answer_interface_query(tlm::tlm_generic_payload& gp, T* self) {
  if (gp.get_command() != tlm::TLM_IGNORE_COMMAND) return false;
  interface_query<T>* query = gp.get_extension<interface_query<T>>();
  if (query == nullptr) return false;
  query->found = self;
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  return true;
}

}  // namespace pavp

#endif  // PAVP_TLM_INTERFACE_QUERY_H
