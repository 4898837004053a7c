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
// Time crosses as integer picoseconds, the unit of pavp's timing cores: the
// transaction's arrival (what b_transport's target computes as sc_time_stamp()
// plus the delay) and the latency it takes. A cache's miss makes two or three
// memory transactions; converting sc_time at each hop cost more than the DRAM
// timing model's own work.
//
// find_direct_memory(socket) asks a socket for it (interface_query.h: an
// ignorable command that a target without the interface ignores).
#ifndef PAVP_TLM_DIRECT_MEMORY_H
#define PAVP_TLM_DIRECT_MEMORY_H

#include <cstdint>

#include <systemc>
#include <tlm>

#include "pavp/tlm/interface_query.h"
#include "pavp/tlm/time.h"

namespace pavp {

// The traffic an interconnect counts for a range of addresses: what its
// b_transport and direct_transport count per transaction, and what the user
// of a direct_route counts in its place.
struct transfer_counts {
  std::uint64_t transactions = 0;  // every command
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  std::uint64_t ignores = 0;  // TLM_IGNORE_COMMAND (cache maintenance, for instance)
  std::uint64_t bytes_read = 0;
  std::uint64_t bytes_written = 0;

  void count(tlm::tlm_command cmd, unsigned len) {
    ++transactions;
    switch (cmd) {
      case tlm::TLM_READ_COMMAND:
        ++reads;
        bytes_read += len;
        break;
      case tlm::TLM_WRITE_COMMAND:
        ++writes;
        bytes_written += len;
        break;
      case tlm::TLM_IGNORE_COMMAND:
        ++ignores;
        break;
    }
  }
};

class direct_memory;

// A way through an interconnect, as DMI is for data: for the addresses
// [base, base + size - 1] the interconnect would decode them to target, add
// latency_ps to each transaction's latency (and arrival) and count it in
// counts. An initiator holding the route does those three itself and calls
// the target's direct_transport, one call instead of two: the same data,
// delay, statistics and response as through the interconnect. The
// interconnect revokes its routes with invalidate_direct_mem_ptr over the
// whole address space, as it does DMI grants (when its map changes).
struct direct_route {
  direct_memory* target = nullptr;
  std::uint64_t base = 0;  // the range, in the asker's addresses (size 0: no route)
  std::uint64_t size = 0;
  std::uint64_t latency_ps = 0;
  transfer_counts* counts = nullptr;

  // Whether an access of len bytes at addr lies within the range (len 0
  // counts as 1, as the interconnect's decode does).
  bool covers(std::uint64_t addr, unsigned len) const {
    const std::uint64_t span = len == 0 ? 1 : len;
    return addr - base < size && span <= size - (addr - base);
  }
  // The interconnect's direct_transport for an access covers() accepts.
  inline tlm::tlm_response_status transport(tlm::tlm_command cmd, std::uint64_t addr,
                                            unsigned char* data, unsigned len,
                                            std::uint64_t arrival_ps, std::uint64_t& latency);
};

class direct_memory {
 public:
  virtual ~direct_memory() = default;

  // An interconnect answers with the route for addr when it has one (the
  // region holding addr leads to a target with a direct interface and no
  // further interconnect); a memory has none.
  virtual bool direct_route_for(std::uint64_t /*addr*/, direct_route& /*route*/) { return false; }

  // The host bytes that hold this memory's contents from its address 0 on
  // (size of them in size), or null when it has none: for a caller that
  // only asks the host to prefetch them before a direct_transport() it is
  // about to make (cache_core::set_prefetch_window). Reading or writing
  // through them would bypass the model's timing and statistics.
  virtual const unsigned char* prefetch_view(std::uint64_t& size) const {
    size = 0;
    return nullptr;
  }

  // cmd is TLM_READ_COMMAND or TLM_WRITE_COMMAND (TLM_IGNORE_COMMAND does
  // what b_transport does with it); addr as the target's socket sees it;
  // arrival_ps is when the transaction reaches this target, in simulated
  // picoseconds since time 0; latency_ps grows by the target's latency (what
  // b_transport would add to the delay).
  virtual tlm::tlm_response_status direct_transport(tlm::tlm_command cmd, std::uint64_t addr,
                                                    unsigned char* data, unsigned len,
                                                    std::uint64_t arrival_ps,
                                                    std::uint64_t& latency_ps) = 0;
};

inline tlm::tlm_response_status direct_route::transport(tlm::tlm_command cmd, std::uint64_t addr,
                                                        unsigned char* data, unsigned len,
                                                        std::uint64_t arrival_ps,
                                                        std::uint64_t& latency) {
  counts->count(cmd, len);
  latency += latency_ps;
  return target->direct_transport(cmd, addr - base, data, len, arrival_ps + latency_ps, latency);
}

// direct_transport with b_transport's time arguments: the transaction arrives
// at sc_time_stamp() + delay, and delay grows by its latency.
inline tlm::tlm_response_status direct_transport(direct_memory& target, tlm::tlm_command cmd,
                                                 std::uint64_t addr, unsigned char* data,
                                                 unsigned len, sc_core::sc_time& delay) {
  std::uint64_t latency_ps = 0;
  const tlm::tlm_response_status status = target.direct_transport(
      cmd, addr, data, len, to_ps(sc_core::sc_time_stamp() + delay), latency_ps);
  delay += from_ps(latency_ps);
  return status;
}

// Sets gp up as the plain transaction a direct_transport() call stands for:
// cmd, addr, data and len, streaming width len, no byte enables, no DMI hint,
// response incomplete. For a caller that falls back to b_transport.
inline void set_plain_transaction(tlm::tlm_generic_payload& gp, tlm::tlm_command cmd,
                                  std::uint64_t addr, unsigned char* data, unsigned len) {
  gp.set_command(cmd);
  gp.set_address(addr);
  gp.set_data_ptr(data);
  gp.set_data_length(len);
  gp.set_streaming_width(len);
  gp.set_byte_enable_ptr(nullptr);
  gp.set_byte_enable_length(0);
  gp.set_dmi_allowed(false);
  gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

// The query through a socket, and its answer in a target's b_transport.
template <typename Socket>
direct_memory* find_direct_memory(Socket& socket) {
  return find_interface<direct_memory>(socket);
}
inline bool answer_direct_memory_query(tlm::tlm_generic_payload& gp, direct_memory* self) {
  return answer_interface_query<direct_memory>(gp, self);
}

}  // namespace pavp

#endif  // PAVP_TLM_DIRECT_MEMORY_H
