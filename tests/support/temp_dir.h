// A folder of a test's own under the system's temporary folder, removed with
// everything in it when the object goes: tests that run in parallel (ctest
// -j) do not collide, and a run leaves nothing behind.
//
//   const pavp::test::temp_dir dir("pavp-sweep-test-local");
//   const std::filesystem::path spec = dir.write("s.toml", text);
#ifndef PAVP_TESTS_TEMP_DIR_H
#define PAVP_TESTS_TEMP_DIR_H

#include <filesystem>
#include <string>

namespace pavp::test {

class temp_dir {
 public:
  // Creates TMP/PREFIX_XXXXXX (mkdtemp); throws std::runtime_error naming
  // the folder and the reason when it cannot.
  explicit temp_dir(const std::string& prefix);
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // path() / name, for the files and folders a test makes in it.
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }
  // Writes text to the file name in the folder; returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path m_path;
};

}  // namespace pavp::test

#endif  // PAVP_TESTS_TEMP_DIR_H
