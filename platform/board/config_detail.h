// Configuration internals shared by its files (config_values.cpp,
// config_schema.cpp, config_builder.cpp, config_output.cpp): the constants,
// the parsing and formatting of values, the rejection messages and the
// schema's lookups. Not part of the public interface (platform/board/config.h).
#ifndef PAVP_PLATFORM_BOARD_CONFIG_DETAIL_H
#define PAVP_PLATFORM_BOARD_CONFIG_DETAIL_H

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "platform/board/config.h"

namespace pavp::config_detail {

inline constexpr std::uint64_t k_kib = 1024;
inline constexpr std::uint64_t k_mib = k_kib * 1024;
inline constexpr std::uint64_t k_gib = k_mib * 1024;
inline constexpr std::uint64_t k_u64_max = std::numeric_limits<std::uint64_t>::max();
inline constexpr std::uint64_t k_address_limit = std::uint64_t{1}
                                                 << 32;  // PA-RISC 1.1 physical space
inline constexpr std::uint64_t k_page = 4096;

// ---- values (config_values.cpp)

// A value as a message quotes it.
std::string shown(const std::string& value);
std::string join(const std::vector<std::string>& items, const char* sep = ", ");
// "file: " for values from a file; nothing for --set, presets and defaults.
std::string origin_prefix(const std::string& origin);
// Throws config_error "[origin: ]key: value is not accepted (accepted)".
[[noreturn]] void reject(const std::string& key, const std::string& value,
                         const std::string& accepted, const std::string& origin = "");
std::string trim(const std::string& s);
std::string lower(std::string s);
// Decimal or 0x-hex; false on anything else or overflow.
bool parse_u64(const std::string& text, std::uint64_t& out);
// An integer with an optional K, M or G suffix (binary).
bool parse_size_text(const std::string& text, std::uint64_t& out);
bool parse_bool_text(const std::string& text, bool& out);
std::string format_address(std::uint64_t a);
std::string format_integer_bound(const key_spec& spec, std::uint64_t v);
// Checks text against a key and returns its canonical form; rejects it otherwise.
std::string canonical_value(const key_spec& spec, const std::string& raw,
                            const std::string& origin);

// ---- the schema's lookups (config_schema.cpp)

// The key's index in config_schema(), or config_schema().size().
std::size_t key_index(const std::string& key);
// "dcache" of "dcache.size".
std::string group_of(const std::string& key);
// Throws config_error naming the unknown key and the closest known ones.
[[noreturn]] void reject_unknown_key(const std::string& key, const std::string& value,
                                     const std::string& origin);

}  // namespace pavp::config_detail

#endif  // PAVP_PLATFORM_BOARD_CONFIG_DETAIL_H
