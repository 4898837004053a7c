// pavp file input and output with limits: see file_io.h.
#include "pavp/common/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace pavp {

namespace {

std::string quoted(const std::string& path) {
  return "'" + path + "'";
}

// write(2) all of data to fd; false (errno set) on a short or failed write.
bool write_all(int fd, const char* data, std::size_t len) {
  while (len > 0) {
    const ssize_t n = ::write(fd, data, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      return false;
    }
    data += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}

[[noreturn]] void cannot_write(const std::string& path, int err) {
  throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
}

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// read_regular_file() into a string or a byte vector: the file's size is
// known from fstat, so the bytes are read into one allocation of that size
// (a file that grows while read is still caught).
template <typename Bytes>
bool read_regular_file_into(const std::string& path, std::size_t max_bytes, Bytes& bytes,
                            std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = "cannot open " + quoted(path) + ": " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    error = quoted(path) + (S_ISDIR(st.st_mode) ? " is a directory" : " is not a regular file");
    return false;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    error = quoted(path) + " is " + std::to_string(st.st_size) + " bytes; at most " +
            std::to_string(max_bytes) + " are accepted";
    return false;
  }
  // One byte more than the size: a file that grew is seen at once.
  bytes.resize(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t have = 0;
  for (;;) {
    if (have == bytes.size()) {
      if (have > max_bytes) {  // it grew while being read
        ::close(fd);
        error = quoted(path) + " is more than " + std::to_string(max_bytes) +
                " bytes; at most that many are accepted";
        return false;
      }
      bytes.resize(std::min(max_bytes + 1, 2 * have));
    }
    const ssize_t n = ::read(fd, &bytes[have], bytes.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read " + quoted(path) + ": " + std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  ::close(fd);
  bytes.resize(have);
  return true;
}

}  // namespace

bool read_regular_file(const std::string& path, std::size_t max_bytes, std::string& bytes,
                       std::string& error) {
  return read_regular_file_into(path, max_bytes, bytes, error);
}

bool read_regular_file(const std::string& path, std::size_t max_bytes,
                       std::vector<std::uint8_t>& bytes, std::string& error) {
  return read_regular_file_into(path, max_bytes, bytes, error);
}

std::size_t json_nesting_depth(const std::string& text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > deepest) deepest = depth;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

void write_text_file(const std::string& path, const std::string& text) {
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) cannot_write(path, EISDIR);
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or a pipe: in place.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_TRUNC);
    if (fd < 0) cannot_write(path, errno);
    const bool ok = write_all(fd, text.data(), text.size());
    const int err = errno;
    if (::close(fd) != 0 && ok) cannot_write(path, errno);
    if (!ok) cannot_write(path, err);
    return;
  }
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) cannot_write(path, errno);
  const bool ok = write_all(fd, text.data(), text.size());
  int err = errno;
  const bool closed = ::close(fd) == 0;
  if (ok && !closed) err = errno;
  if (!ok || !closed) {
    ::unlink(tmp.c_str());
    cannot_write(path, err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    ::unlink(tmp.c_str());
    cannot_write(path, err);
  }
}

void check_output_path(const std::string& path) {
  if (path.empty()) throw std::runtime_error("cannot write '': an empty path");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) cannot_write(path, EISDIR);
    if (::access(path.c_str(), W_OK) != 0) cannot_write(path, errno);
    if (!S_ISREG(st.st_mode)) return;  // a device or a pipe: its writes are checked
  }
  const std::string dir = directory_of(path);
  struct stat dst {};
  if (::stat(dir.c_str(), &dst) != 0) cannot_write(path, errno);
  if (!S_ISDIR(dst.st_mode)) cannot_write(path, ENOTDIR);
  if (::access(dir.c_str(), W_OK | X_OK) != 0) cannot_write(path, errno);
}

}  // namespace pavp
