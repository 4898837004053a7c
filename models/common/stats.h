// The one shape of a model's statistics: name/value pairs. Every statistics
// struct of the models (cache_stats, dram_stats, router_region_stats) has
//
//   void visit(const stat_visitor& fn, stat_detail detail = stat_detail::ALL) const;
//
// which calls fn(name, value) for each counter in a fixed order. A platform
// builds its summary, its JSON and its `--stats` lines from visit() alone, so
// a counter added to a model appears everywhere without a list of fields
// elsewhere.
#ifndef PAVP_COMMON_STATS_H
#define PAVP_COMMON_STATS_H

#include <cstdint>
#include <functional>

namespace pavp {

// SUMMARY: the counters a platform's summary shows (pavp se --stats);
// ALL: every counter the model keeps.
enum class stat_detail : std::uint8_t { SUMMARY, ALL };

using stat_visitor = std::function<void(const char* name, std::uint64_t value)>;

}  // namespace pavp

#endif  // PAVP_COMMON_STATS_H
