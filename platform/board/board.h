// The board: every model of the platform built and wired from a
// platform_config -- the one place the machine is assembled, for firmware
// runs, `pavp se`, the traffic study and the test benches.
//
//   cpu ──> icache.cpu_socket ──────────────┐
//   cpu ──> [data probe] ──> dcache.cpu_socket ─┴─> bus (router) ──> dram     (map.dram)
//                                                              ├──> console  (map.console)
//                                                              ├──> simctl   (map.simctl)
//                                                              └──> memories (board_options)
//
// The caches take their geometry, index function and costs from the config's
// icache/dcache, the DRAM its timing from the config's spec, the router its
// latency from bus.latency_ns, the CPU its clock, quantum and limits from
// cpu_config_of(). Without a CPU (board_options::cpu empty) an initiator of
// the caller's binds each cache's cpu_socket (a traffic generator, a test
// bench). Every target is mapped on the bus by its region's name.
#ifndef PAVP_PLATFORM_BOARD_BOARD_H
#define PAVP_PLATFORM_BOARD_BOARD_H

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <systemc>
#include <tlm>

#include "pavp/cache/cache.h"
#include "pavp/cpu/cpu.h"
#include "pavp/devices/console.h"
#include "pavp/devices/simctl.h"
#include "pavp/dram/dram.h"
#include "pavp/interconnect/router.h"
#include "platform/board/config.h"

namespace pavp {

// The CPU's settings a platform configuration gives: clock, quantum,
// idle-sync skipping, the simulated-time limit (limits.sim_time_ms) and the
// instruction limit (limits.instructions, 0: none), and the I-cache's line
// as the fetch line. What the CPU does at a trap (deliver interruptions, stop
// at the gateway page) is the caller's to add.
cpu::cpu_model_config cpu_config_of(const platform_config& config);

// A module the board puts between the CPU's data socket and the D-cache
// (the coherence probe of a firmware run): the CPU binds `from_cpu`, `to_cache`
// binds the D-cache.
struct data_path_module {
  tlm::tlm_target_socket<>* from_cpu = nullptr;
  tlm::tlm_initiator_socket<>* to_cache = nullptr;
};

struct board_options {
  bool echo_console = true;  // the console also writes to stdout (it always captures)
  // The CPU, with these settings (usually cpu_config_of() plus a personality);
  // empty: no CPU.
  std::optional<cpu::cpu_model_config> cpu;
  // Memories besides DRAM (the firmware window of a firmware run): each a
  // DRAM of the config's spec and page policy, mapped on the bus at its region.
  std::vector<map_region> memories;
  data_path_module data_path;  // empty: the CPU binds the D-cache itself
};

class board : public sc_core::sc_module {
 public:
  cache icache;
  cache dcache;
  router bus;
  dram memory;
  console tty;
  simctl control;
  std::vector<std::unique_ptr<dram>> memories;  // one per board_options::memories
  std::unique_ptr<cpu::cpu_model> cpu;          // null without a CPU

  board(sc_core::sc_module_name name, const platform_config& config,
        const board_options& options = {});

  const platform_config& config() const { return m_config; }

  // Statistics of every model: {"icache": {...}, "dcache": {...}, "dram": {...},
  // "bus": {"dram": {...}, ...}}.
  nlohmann::ordered_json stats_json() const;
  void print_stats(std::ostream& os) const;

 private:
  platform_config m_config;
  unsigned m_targets = 0;  // targets bound to the bus so far

  // Binds a target to the bus and maps it at a region; returns its target index.
  template <typename Socket>
  void attach(Socket& socket, const map_region& region);
};

}  // namespace pavp

#endif  // PAVP_PLATFORM_BOARD_BOARD_H
