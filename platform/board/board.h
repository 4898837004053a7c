// The board: every model of the platform built and wired from a
// platform_config.
//
//   CPU ──> icache.cpu_socket ─┐
//   CPU ──> dcache.cpu_socket ─┴─> bus (router) ──> dram     (map.dram)
//                                              ├──> console  (map.console)
//                                              └──> simctl   (map.simctl)
//
// The caches take their geometry, index function and costs from the config's
// icache/dcache, the DRAM its timing from the config's spec, the router its
// latency from bus.latency_ns. A CPU model, or a traffic generator in a test,
// binds an initiator socket to each cache's cpu_socket.
#ifndef PAVP_PLATFORM_BOARD_BOARD_H
#define PAVP_PLATFORM_BOARD_BOARD_H

#include <iosfwd>

#include <nlohmann/json.hpp>
#include <systemc>

#include "pavp/cache/cache.h"
#include "pavp/devices/console.h"
#include "pavp/devices/simctl.h"
#include "pavp/dram/dram.h"
#include "pavp/interconnect/router.h"
#include "platform/board/config.h"

namespace pavp {

class board : public sc_core::sc_module {
 public:
  cache icache;
  cache dcache;
  router bus;
  dram memory;
  console tty;
  simctl control;

  // echo_console: the console also writes to stdout (it always captures).
  board(sc_core::sc_module_name name, const platform_config& config, bool echo_console = true);

  const platform_config& config() const { return m_config; }

  // Statistics of every model: {"icache": {...}, "dcache": {...}, "dram": {...},
  // "bus": {"dram": {...}, ...}}.
  nlohmann::ordered_json stats_json() const;
  void print_stats(std::ostream& os) const;

 private:
  platform_config m_config;
};

}  // namespace pavp

#endif  // PAVP_PLATFORM_BOARD_BOARD_H
