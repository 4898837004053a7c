// host_memory: zero-filled blocks, and populating their pages ahead of
// writes, across forks, without changing what any process reads.
#include "pavp/common/host_memory.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>

namespace pavp::host_memory {
namespace {

TEST(host_memory, a_zeroed_block_is_page_aligned_rounded_up_and_reads_zero) {
  zeroed_block b(3 * PAGE_BYTES + 1);
  ASSERT_TRUE(b);
  EXPECT_EQ(b.size(), 4 * PAGE_BYTES);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(b.data()) % PAGE_BYTES, 0u);
  for (std::size_t i = 0; i < b.size(); i += 511) EXPECT_EQ(b.data()[i], 0) << i;
  zeroed_block moved = std::move(b);
  EXPECT_FALSE(b);
  EXPECT_TRUE(moved);
  EXPECT_FALSE(zeroed_block(0));
}

TEST(host_memory, populated_writes_land_and_a_forked_child_writes_its_own_copy) {
  constexpr std::size_t UNIT = 3 * PAGE_BYTES;
  zeroed_block b(8 * UNIT);
  write_populator<UNIT> pop(b.data(), b.size());
  // A write across two units, then one within a unit.
  std::uint8_t* across = b.data() + UNIT - 2;
  pop.before_write(across, 4);
  std::memcpy(across, "abcd", 4);
  pop.before_read(b.data() + 5 * UNIT, 8);
  EXPECT_EQ(b.data()[5 * UNIT], 0);

  const std::uint32_t before = fork_epoch();
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // The child: a new epoch, its own copies of the pages it writes.
    bool ok = fork_epoch() != before;
    pop.before_write(across, 4);
    std::memcpy(across, "WXYZ", 4);
    ok = ok && std::memcmp(across, "WXYZ", 4) == 0;
    pop.before_write(b.data() + 7 * UNIT, 1);
    b.data()[7 * UNIT] = 7;
    ok = ok && b.data()[7 * UNIT] == 7;
    const char c = ok ? 'y' : 'n';
    (void)!::write(fds[1], &c, 1);
    ::_exit(0);
  }
  ::close(fds[1]);
  char c = 0;
  EXPECT_EQ(::read(fds[0], &c, 1), 1);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_EQ(c, 'y');
  // The parent is in a new epoch too, and sees none of the child's writes.
  EXPECT_NE(fork_epoch(), before);
  EXPECT_EQ(std::memcmp(across, "abcd", 4), 0);
  EXPECT_EQ(b.data()[7 * UNIT], 0);
  pop.before_write(across, 4);
  std::memcpy(across, "efgh", 4);
  EXPECT_EQ(std::memcmp(across, "efgh", 4), 0);
}

// In transparent huge pages (where the kernel gives them) a block still
// reads zero where nothing was written, and a forked child's write to a page
// the parent wrote is its own: the kernel copies on write within a huge page
// as within a small one.
TEST(host_memory, huge_pages_keep_the_zero_fill_and_a_forked_childs_copy) {
  constexpr std::size_t MB2 = std::size_t{2} << 20;
  zeroed_block b(3 * MB2);
  ASSERT_TRUE(b);
  prefer_huge_pages(b.data(), b.size());  // a hint: the test holds either way
  write_populator<> pop(b.data(), b.size());
  std::uint8_t* across = b.data() + MB2 - 2;  // across a 2 MB boundary
  pop.before_write(across, 4);
  std::memcpy(across, "abcd", 4);
  EXPECT_EQ(b.data()[MB2 + 4096], 0);
  EXPECT_EQ(b.data()[3 * MB2 - 1], 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    pop.before_write(across, 4);
    std::memcpy(across, "WXYZ", 4);
    ::_exit(std::memcmp(across, "WXYZ", 4) == 0 && b.data()[MB2 + 4096] == 0 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(std::memcmp(across, "abcd", 4), 0);
  EXPECT_EQ(b.data()[MB2 + 4096], 0);
}

TEST(host_memory, a_populator_without_memory_does_nothing) {
  write_populator<> none;
  std::uint8_t byte = 0;
  none.before_write(&byte, 1);
  none.before_read(&byte, 1);
  EXPECT_EQ(byte, 0);
}

}  // namespace
}  // namespace pavp::host_memory
