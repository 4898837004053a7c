#include "platform/board/board.h"

#include <ostream>
#include <string>

namespace pavp {

namespace {

// A model's summary counters (models/common/stats.h) as a JSON object.
template <typename Stats>
nlohmann::ordered_json summary_json(const Stats& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  s.visit([&j](const char* name, std::uint64_t v) { j[name] = v; }, stat_detail::SUMMARY);
  return j;
}
}  // namespace

cpu::cpu_model_config cpu_config_of(const platform_config& config) {
  cpu::cpu_model_config cc;
  cc.clock_period_ps = config.cpu.clock_period_ps();
  cc.quantum_ps = config.cpu.quantum_ns * 1000;
  cc.skip_idle_syncs = config.cpu.skip_idle_syncs;
  cc.max_instructions = config.limits.instructions;
  cc.max_time_ps = config.limits.sim_time_ms * 1'000'000'000ull;
  cc.core.fetch_line_bytes = config.icache.line_bytes;
  return cc;
}

template <typename Socket>
void board::attach(Socket& socket, const map_region& region) {
  bus.initiator_socket.bind(socket);
  bus.map_region(region.name, region.base, region.size, m_targets++);
}

board::board(sc_core::sc_module_name name, const platform_config& config,
             const board_options& options)
    : sc_module(name),
      icache("icache", config.icache),
      dcache("dcache", config.dcache),
      bus("bus", sc_core::sc_time(static_cast<double>(config.bus.latency_ns), sc_core::SC_NS)),
      memory("dram", config.dram.spec, config.dram.size_bytes, config.dram.policy),
      tty("console", options.echo_console),
      control("simctl"),
      m_config(config) {
  icache.mem_socket.bind(bus.target_socket);
  dcache.mem_socket.bind(bus.target_socket);
  attach(memory.socket, config.map.dram);
  attach(tty.socket, config.map.console);
  attach(control.socket, config.map.simctl);
  for (const map_region& region : options.memories) {
    memories.push_back(std::make_unique<dram>(region.name.c_str(), config.dram.spec, region.size,
                                              config.dram.policy));
    attach(memories.back()->socket, region);
  }
  if (options.cpu) {
    cpu = std::make_unique<cpu::cpu_model>("cpu", *options.cpu);
    cpu->isocket.bind(icache.cpu_socket);
    if (options.data_path.from_cpu && options.data_path.to_cache) {
      cpu->dsocket.bind(*options.data_path.from_cpu);
      options.data_path.to_cache->bind(dcache.cpu_socket);
    } else {
      cpu->dsocket.bind(dcache.cpu_socket);
    }
  }
}

nlohmann::ordered_json board::stats_json() const {
  nlohmann::ordered_json j;
  j["icache"] = summary_json(icache.stats());
  j["dcache"] = summary_json(dcache.stats());
  j["dram"] = summary_json(memory.stats());
  for (const map_region* region : m_config.map.regions()) {
    j["bus"][region->name] = summary_json(bus.stats(region->name));
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
