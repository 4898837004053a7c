// file_io: the limits on what pavp reads (regular files of bounded size,
// bounded JSON nesting) and the checked, all-or-nothing writes.
#include "pavp/common/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "temp_dir.h"

namespace fs = std::filesystem;
using pavp::test::temp_dir;

namespace {

TEST(file_io, reads_a_regular_file_whole) {
  const temp_dir d("pavp_file_io_read");
  std::ofstream(d / "a.json") << "{\"x\": 1}\n";
  std::string text, error;
  ASSERT_TRUE(pavp::read_regular_file((d / "a.json").string(), 100, text, error)) << error;
  EXPECT_EQ(text, "{\"x\": 1}\n");
}

TEST(file_io, refuses_endless_devices_directories_pipes_missing_and_large_files) {
  const temp_dir d("pavp_file_io_refuse");
  std::string text, error;
  EXPECT_FALSE(pavp::read_regular_file("/dev/zero", 1 << 20, text, error));
  EXPECT_EQ(error, "'/dev/zero' is not a regular file");
  EXPECT_FALSE(pavp::read_regular_file(d.path().string(), 1 << 20, text, error));
  EXPECT_EQ(error, "'" + d.path().string() + "' is a directory");
  const std::string fifo = (d / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(pavp::read_regular_file(fifo, 1 << 20, text, error));  // does not block
  EXPECT_EQ(error, "'" + fifo + "' is not a regular file");
  EXPECT_FALSE(pavp::read_regular_file((d / "none").string(), 10, text, error));
  EXPECT_NE(error.find("cannot open '" + (d / "none").string() + "': No such file"),
            std::string::npos)
      << error;
  std::ofstream(d / "big") << std::string(101, 'x');
  EXPECT_FALSE(pavp::read_regular_file((d / "big").string(), 100, text, error));
  EXPECT_EQ(error, "'" + (d / "big").string() + "' is 101 bytes; at most 100 are accepted");
}

TEST(file_io, json_nesting_depth_skips_strings) {
  EXPECT_EQ(pavp::json_nesting_depth("1"), 0u);
  EXPECT_EQ(pavp::json_nesting_depth("{\"a\":[1,{\"b\":2}]}"), 3u);
  EXPECT_EQ(pavp::json_nesting_depth("{\"a\":\"[[[{{{\\\"[\"}"), 1u);
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "{\"a\":";
  EXPECT_EQ(pavp::json_nesting_depth(deep), 10000u);
}

TEST(file_io, write_replaces_a_file_only_when_complete) {
  const temp_dir d("pavp_file_io_write");
  const std::string p = (d / "out.json").string();
  pavp::write_text_file(p, "first\n");
  pavp::write_text_file(p, "second\n");
  std::string text, error;
  ASSERT_TRUE(pavp::read_regular_file(p, 100, text, error));
  EXPECT_EQ(text, "second\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path()), fs::directory_iterator()), 1)
      << "no temporary file is left";
}

TEST(file_io, failed_writes_throw_with_the_path_and_reason) {
  try {
    pavp::write_text_file("/dev/full", "x");
    FAIL() << "a write to /dev/full succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot write /dev/full: No space left on device");
  }
  try {
    pavp::write_text_file("/nonexistent/dir/out.json", "x");
    FAIL() << "a write into a missing directory succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot write /nonexistent/dir/out.json: No such file or directory");
  }
  EXPECT_THROW(pavp::write_text_file(fs::temp_directory_path().string(), "x"), std::runtime_error);
}

TEST(file_io, output_paths_are_checked_before_a_run) {
  EXPECT_NO_THROW(pavp::check_output_path((fs::temp_directory_path() / "new.json").string()));
  EXPECT_NO_THROW(pavp::check_output_path("/dev/null"));
  EXPECT_THROW(pavp::check_output_path("/nonexistent/out.json"), std::runtime_error);
  EXPECT_THROW(pavp::check_output_path(fs::temp_directory_path().string()), std::runtime_error);
  EXPECT_THROW(pavp::check_output_path(""), std::runtime_error);
}

}  // namespace
