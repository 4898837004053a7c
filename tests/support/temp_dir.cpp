#include "temp_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace pavp::test {

temp_dir::temp_dir(const std::string& prefix) {
  std::string dir = (std::filesystem::temp_directory_path() / (prefix + "_XXXXXX")).string();
  if (::mkdtemp(dir.data()) == nullptr) {
    throw std::runtime_error("mkdtemp " + dir + ": " + std::strerror(errno));
  }
  m_path = dir;
}

std::filesystem::path temp_dir::write(const std::string& name, const std::string& text) const {
  const std::filesystem::path file = m_path / name;
  std::ofstream(file) << text;
  return file;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

}  // namespace pavp::test
