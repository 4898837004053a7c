#include "run_command.h"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "temp_dir.h"

namespace pavp::test {

namespace {

namespace fs = std::filesystem;

// word in single quotes for /bin/sh, its own single quotes escaped.
std::string shell_quoted(const std::string& word) {
  std::string q = "'";
  for (char c : word) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

command_result run_command(const std::vector<std::string>& argv) {
  command_result r;
  // The output goes through files of a directory of this call's own, so that
  // neither stream can block the child and parallel tests do not collide.
  std::optional<temp_dir> dir;
  try {
    dir.emplace("pavp_command");
  } catch (const std::runtime_error& e) {
    r.err = e.what();
    return r;
  }
  const fs::path out = *dir / "out", err = *dir / "err";
  std::string cmd;
  for (const std::string& word : argv) cmd += shell_quoted(word) + " ";
  cmd += ">" + shell_quoted(out.string()) + " 2>" + shell_quoted(err.string());
  const int status = std::system(cmd.c_str());
  r.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
#ifdef PAVP_SANITIZE
  // AddressSanitizer warns (three lines, "==PID==WARNING: ASan is ignoring
  // requested __asan_handle_no_return ...") when an exception is thrown after
  // SystemC's thread stacks were switched to; a known false alarm
  // (google/sanitizers#189), not the command's output.
  std::string kept;
  std::size_t at = 0;
  while (at < r.err.size()) {
    std::size_t end = r.err.find('\n', at);
    end = end == std::string::npos ? r.err.size() : end + 1;
    const std::string line = r.err.substr(at, end - at);
    const bool asan_note =
        line.find("__asan_handle_no_return") != std::string::npos ||
        line.rfind("False positive error reports may follow", 0) == 0 ||
        line.rfind("For details see https://github.com/google/sanitizers", 0) == 0;
    if (!asan_note) kept += line;
    at = end;
  }
  r.err = kept;
#endif
  return r;
}

}  // namespace pavp::test
