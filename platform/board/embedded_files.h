// Files compiled into the pavp binary (platform/embed_files.cmake generates
// their definitions at build time), so that a shipped file is found from any
// working directory.
#ifndef PAVP_PLATFORM_BOARD_EMBEDDED_FILES_H
#define PAVP_PLATFORM_BOARD_EMBEDDED_FILES_H

#include <string_view>
#include <vector>

namespace pavp {

struct embedded_file {
  std::string_view name;  // file name without directory and extension
  std::string_view text;  // the file's contents
};

// The DRAM timing specs shipped in models/dram/specs/*.json, sorted by name.
const std::vector<embedded_file>& embedded_dram_specs();

}  // namespace pavp

#endif  // PAVP_PLATFORM_BOARD_EMBEDDED_FILES_H
