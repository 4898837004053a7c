// Reading and writing the files pavp takes and gives, with the limits bad
// input needs: a file to read must be a regular file of bounded size (not a
// directory, not /dev/zero, not a pipe that never ends), JSON text has a
// bounded nesting, and a file written is checked to the last byte and close,
// replacing the old one only when complete.
//
//   std::string text, error;
//   if (!pavp::read_regular_file(path, 1 << 20, text, error)) throw ...(error);
//   pavp::write_text_file("out/study.json", json.dump(2));   // throws with the path and reason
#ifndef PAVP_COMMON_FILE_IO_H
#define PAVP_COMMON_FILE_IO_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pavp {

// Reads the whole regular file at path if it holds at most max_bytes. False,
// with error naming the path and the problem ("'/dev/zero' is not a regular
// file", "'big.json' is 5000000 bytes; at most 1048576 are accepted",
// "cannot open 'x.json': No such file or directory"), otherwise.
bool read_regular_file(const std::string& path, std::size_t max_bytes, std::string& bytes,
                       std::string& error);
// The same, into bytes (an executable, an image).
bool read_regular_file(const std::string& path, std::size_t max_bytes,
                       std::vector<std::uint8_t>& bytes, std::string& error);

// The deepest nesting of objects and arrays in JSON text ("1" is 0,
// "{\"a\":[1]}" is 2); brackets inside strings do not count. Parsers and
// walks that recurse are safe on text whose depth was checked first.
std::size_t json_nesting_depth(const std::string& text);

// Writes text to path and checks every byte and the close. A regular file
// (or a new one) is written under a temporary name beside it and renamed, so
// a failed or interrupted write leaves the old file, or none; a device or a
// pipe (/dev/stdout, /dev/full) is written in place. Throws
// std::runtime_error("cannot write PATH: REASON").
void write_text_file(const std::string& path, const std::string& text);

// Before a long run: throws std::runtime_error("cannot write PATH: REASON")
// when path is a directory, or its directory does not exist or cannot be
// written to, so that a run does not end by losing what it computed.
void check_output_path(const std::string& path);

}  // namespace pavp

#endif  // PAVP_COMMON_FILE_IO_H
