// host_memory: zero-filled blocks, and populating their pages ahead of
// writes, across forks, without changing what any process reads.
#include "pavp/common/host_memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

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

// The units a populator announces to detail::before_populate (what an
// in-process snapshot keeps): each unit a write or a first read reaches, once
// per epoch, whether the range lies within a unit, starts or ends at a unit's
// edge, or spans units; an empty range none (at a unit's start) or its unit.
std::vector<std::size_t> announced;
const std::uint8_t* announced_base = nullptr;
void note_unit(std::uint8_t* unit, std::size_t) {
  announced.push_back(static_cast<std::size_t>(unit - announced_base));
}

TEST(host_memory, a_populator_announces_each_unit_it_reaches_once_per_epoch) {
  constexpr std::size_t UNIT = 2 * PAGE_BYTES;
  zeroed_block b(8 * UNIT);
  write_populator<UNIT> pop(b.data(), b.size());
  announced_base = b.data();
  detail::before_populate = note_unit;
  std::uint8_t* const at = b.data();
  pop.before_write(at + UNIT + 8, 32);           // within unit 1
  pop.before_write(at + UNIT + 100, 4);          // unit 1 again: nothing
  pop.before_write(at + 3 * UNIT - 32, 32);      // ends at unit 2's end
  pop.before_write(at + 4 * UNIT - 2, 4);        // units 3 and 4
  pop.before_read(at + 6 * UNIT, 32);            // starts at unit 6's start
  pop.before_read(at + UNIT, 8);                 // unit 1 was written: nothing
  pop.before_read(at + 5 * UNIT - 1, UNIT + 2);  // 5 untouched: units 4 to 6 all
  pop.before_write(at + 7 * UNIT, 0);            // empty at a unit's start: none
  pop.before_write(at + 1, 0);                   // empty inside unit 0: unit 0
  pop.before_write(at + 6 * UNIT + 4, 4);        // unit 6, populated by the read: nothing
  detail::before_populate = nullptr;
  const std::vector<std::size_t> expected = {1 * UNIT, 2 * UNIT, 3 * UNIT, 4 * UNIT, 6 * UNIT,
                                             4 * UNIT, 5 * UNIT, 6 * UNIT, 0};
  EXPECT_EQ(announced, expected);
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

// Units written in order are populated ahead, in one system call each
// time, twice as many as the time before up to 16; a unit written out of
// order is populated alone. (Seen as the pages the kernel holds: mincore.)
TEST(host_memory, units_written_in_order_are_populated_ahead) {
  constexpr std::size_t UNITS = 64;
  zeroed_block b(UNITS * PAGE_BYTES);
  ASSERT_TRUE(b);
  ::madvise(b.data(), b.size(), MADV_NOHUGEPAGE);  // residency page by page
  write_populator<> pop(b.data(), b.size());
  auto resident = [&b] {
    std::vector<unsigned char> v(UNITS);
    EXPECT_EQ(::mincore(b.data(), b.size(), v.data()), 0);
    std::string s;
    for (unsigned char c : v) s += (c & 1) ? '#' : '.';
    return s;
  };
  pop.before_write(b.data() + 8, 4);
  if (resident()[0] != '#') GTEST_SKIP() << "this kernel does not populate (MADV_POPULATE_WRITE)";
  EXPECT_EQ(resident().substr(0, 2), "#.");
  for (std::size_t unit : {1, 2, 3, 7, 15, 31}) pop.before_write(b.data() + unit * PAGE_BYTES, 4);
  pop.before_write(b.data() + 50 * PAGE_BYTES, 4);
  EXPECT_EQ(resident(), std::string(47, '#') + "...#" + std::string(13, '.'));
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
