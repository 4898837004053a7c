#include "run_command.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

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
  std::string dir = (fs::temp_directory_path() / "pavp_command_XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) {
    r.err = "mkdtemp " + dir + ": " + std::strerror(errno);
    return r;
  }
  const fs::path out = fs::path(dir) / "out", err = fs::path(dir) / "err";
  std::string cmd;
  for (const std::string& word : argv) cmd += shell_quoted(word) + " ";
  cmd += ">" + shell_quoted(out.string()) + " 2>" + shell_quoted(err.string());
  const int status = std::system(cmd.c_str());
  r.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(out);
  r.err = read_text(err);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return r;
}

}  // namespace pavp::test
