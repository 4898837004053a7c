#include "platform/board/board.h"

#include <ostream>
#include <string>

namespace pavp {

namespace {
enum target_index : unsigned { DRAM_TARGET, CONSOLE_TARGET, SIMCTL_TARGET };

nlohmann::ordered_json cache_json(const cache_stats& s) {
  nlohmann::ordered_json j;
  s.visit([&](const char* name, std::uint64_t v) { j[name] = v; });
  return j;
}
}  // namespace

board::board(sc_core::sc_module_name name, const platform_config& config, bool echo_console)
    : sc_module(name),
      icache("icache", config.icache),
      dcache("dcache", config.dcache),
      bus("bus", sc_core::sc_time(static_cast<double>(config.bus.latency_ns), sc_core::SC_NS)),
      memory("dram", config.dram.spec, config.dram.size_bytes, config.dram.policy),
      tty("console", echo_console),
      control("simctl"),
      m_config(config) {
  icache.mem_socket.bind(bus.target_socket);
  dcache.mem_socket.bind(bus.target_socket);
  bus.initiator_socket.bind(memory.socket);
  bus.initiator_socket.bind(tty.socket);
  bus.initiator_socket.bind(control.socket);
  bus.map_region("dram", config.map.dram.base, config.map.dram.size, DRAM_TARGET);
  bus.map_region("console", config.map.console.base, config.map.console.size, CONSOLE_TARGET);
  bus.map_region("simctl", config.map.simctl.base, config.map.simctl.size, SIMCTL_TARGET);
}

nlohmann::ordered_json board::stats_json() const {
  nlohmann::ordered_json j;
  j["icache"] = cache_json(icache.stats());
  j["dcache"] = cache_json(dcache.stats());
  const dram_stats& d = memory.stats();
  j["dram"] = {{"row_hits", d.row_hits},
               {"row_misses", d.row_misses},
               {"row_conflicts", d.row_conflicts},
               {"reads", d.reads},
               {"writes", d.writes},
               {"bytes_read", d.bytes_read},
               {"bytes_written", d.bytes_written},
               {"bursts", d.bursts},
               {"busy_ps", d.busy_ps}};
  for (const char* region : {"dram", "console", "simctl"}) {
    const router_region_stats& r = bus.stats(region);
    j["bus"][region] = {{"transactions", r.transactions},
                        {"bytes_read", r.bytes_read},
                        {"bytes_written", r.bytes_written}};
  }
  return j;
}

namespace {
void print_flat(std::ostream& os, const nlohmann::ordered_json& j, const std::string& prefix) {
  for (const auto& [key, value] : j.items()) {
    if (value.is_object()) {
      print_flat(os, value, prefix + key + ".");
    } else {
      os << prefix << key << " " << value.dump() << "\n";
    }
  }
}
}  // namespace

void board::print_stats(std::ostream& os) const {
  print_flat(os, stats_json(), "");
}

}  // namespace pavp
