// The firmware contract (firmware/include/firmware_contract.h) is shared by
// the platform (C++) and the firmware (C): its constants and its list of
// fixes must read the same in both, and the platform's table of fixes
// (platform/study/fixes.h) must be that list plus the hardware fix pipt.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "firmware/include/firmware_contract.h"
#include "platform/board/config.h"
#include "platform/study/boot_params.h"
#include "platform/study/fixes.h"

extern "C" unsigned pavp_contract_c_count(void);
extern "C" unsigned pavp_contract_c_value(unsigned i);
extern "C" const char* pavp_contract_c_fix_id(unsigned code);

namespace {

TEST(firmware_contract, c_and_cpp_agree) {
  const unsigned expected[] = {
      PAVP_BOOT_PARAMS_ADDR, PAVP_BP_SIZE_VALUE,     PAVP_BP_SIZE_VALUE_EXT,  PAVP_BP_ALIAS_BYTES,
      PAVP_FIX_LINUX_6_10,   PAVP_FIX_COUNT,         PAVP_SCHEDULE_REPLAY,    PAVP_FIRMWARE_BASE,
      PAVP_FIRMWARE_SIZE,    PAVP_SEED_SCHEDULE_LEN, PAVP_RESULT_WRPROTECTED, PAVP_EXIT_BAD_PARAMS,
  };
  ASSERT_EQ(pavp_contract_c_count(), sizeof expected / sizeof expected[0]);
  for (unsigned i = 0; i < pavp_contract_c_count(); ++i) {
    EXPECT_EQ(pavp_contract_c_value(i), expected[i]) << i;
  }
  static_assert(PAVP_BOOT_PARAMS_ADDR % 4096 == 0, "boot block is page aligned");
  EXPECT_EQ(PAVP_BP_MAGIC_VALUE, 0x50415642u);  // "PAVB"
}

TEST(fixes, are_the_kernels_in_code_order_then_pipt) {
  const std::vector<pavp::fix_spec>& all = pavp::fixes();
  ASSERT_EQ(all.size(), PAVP_FIX_COUNT + 1u);
  std::set<std::string> ids;
  for (unsigned code = 0; code < PAVP_FIX_COUNT; ++code) {
    SCOPED_TRACE(code);
    EXPECT_EQ(all[code].kernel_code, code);
    EXPECT_FALSE(all[code].physical_caches);
    ASSERT_NE(pavp_contract_c_fix_id(code), nullptr);
    EXPECT_EQ(all[code].id, pavp_contract_c_fix_id(code)) << "the kernel's name of code " << code;
    EXPECT_FALSE(all[code].change.empty());
    EXPECT_TRUE(ids.insert(all[code].id).second) << "duplicate id " << all[code].id;
  }
  EXPECT_EQ(pavp_contract_c_fix_id(PAVP_FIX_COUNT), nullptr);
  EXPECT_EQ(all.back().id, "pipt");
  EXPECT_EQ(all.back().kernel_code, PAVP_FIX_NONE);
  EXPECT_TRUE(all.back().physical_caches);
  EXPECT_EQ(pavp::fix_id_list(),
            "none, wrprotect-flush, cow-flush, congruent-copy, fork-flush-late, colour-alloc, "
            "linux-6.10, pipt");
}

TEST(fixes, an_unknown_id_is_rejected_with_the_accepted_ones) {
  try {
    pavp::find_fix("flush-everything");
    ADD_FAILURE() << "accepted";
  } catch (const pavp::config_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("flush-everything"), std::string::npos) << what;
    EXPECT_NE(what.find("cow-flush"), std::string::npos) << what;
    EXPECT_NE(what.find("pipt"), std::string::npos) << what;
  }
}

std::uint32_t be32_at(const std::vector<std::uint8_t>& b, std::uint32_t off) {
  return std::uint32_t{b.at(off)} << 24 | std::uint32_t{b.at(off + 1)} << 16 |
         std::uint32_t{b.at(off + 2)} << 8 | b.at(off + 3);
}

// The block a run boots with comes from its run spec: schedule kind, cache
// geometry (pipt: no aliasing), colour-alloc's allocator, workload sizes,
// big-endian; not the fix code, which the kernel asks sim-control for.
TEST(boot_params, the_block_says_what_the_run_spec_says) {
  pavp::config_sources src;
  src.preset = "pa8500";
  src.overrides = {"workload.elements=9", "workload.heap_size=2M"};
  const pavp::run_spec cow = pavp::make_run_spec(src, "cow-flush", "random:5");
  pavp::boot_params_machine machine;
  machine.dtlb_entries = 96;
  machine.itlb_entries = 160;
  const std::vector<std::uint8_t> b = pavp::boot_parameter_block(cow, machine);
  ASSERT_EQ(b.size(), PAVP_BP_SIZE_VALUE_EXT);
  EXPECT_EQ(be32_at(b, PAVP_BP_MAGIC), PAVP_BP_MAGIC_VALUE);
  EXPECT_EQ(be32_at(b, PAVP_BP_SIZE), PAVP_BP_SIZE_VALUE_EXT);
  EXPECT_EQ(be32_at(b, PAVP_BP_FIX), 0u)
      << "with sim-control the kernel asks for its fix at the fork: fixes boot alike";
  EXPECT_EQ(be32_at(b, PAVP_BP_SCHEDULE), PAVP_SCHEDULE_PLATFORM)
      << "sim-control decides, whatever the schedule: the boot does not depend on it";
  EXPECT_EQ(be32_at(b, PAVP_BP_SEED_LO), 0u) << "the platform's oracle decides, not the kernel's";
  EXPECT_EQ(be32_at(b, PAVP_BP_DCACHE_SIZE), 1u << 20);
  EXPECT_EQ(be32_at(b, PAVP_BP_DCACHE_WAYS), 4u);
  EXPECT_EQ(be32_at(b, PAVP_BP_ALIAS_BYTES), (1u << 20) / 4);
  EXPECT_EQ(be32_at(b, PAVP_BP_ELEMENTS), 9u);
  EXPECT_EQ(be32_at(b, PAVP_BP_HEAP_SIZE), 2u << 20);
  EXPECT_EQ(be32_at(b, PAVP_BP_DTLB_ENTRIES), 96u);
  EXPECT_EQ(be32_at(b, PAVP_BP_ITLB_ENTRIES), 160u);
  EXPECT_EQ(be32_at(b, PAVP_BP_FLAGS), 0u);

  machine.verbose_kernel = true;
  const std::vector<std::uint8_t> p =
      pavp::boot_parameter_block(pavp::make_run_spec(src, "pipt"), machine);
  EXPECT_EQ(be32_at(p, PAVP_BP_FIX), static_cast<std::uint32_t>(PAVP_FIX_NONE));
  EXPECT_EQ(be32_at(p, PAVP_BP_SCHEDULE), PAVP_SCHEDULE_PLATFORM);
  EXPECT_EQ(be32_at(p, PAVP_BP_ALIAS_BYTES), 1u) << "physically indexed: no aliasing";
  EXPECT_EQ(be32_at(p, PAVP_BP_FLAGS), PAVP_BPF_VERBOSE);

  // colour-alloc's allocator works from boot on: the block says so.
  machine.verbose_kernel = false;
  const std::vector<std::uint8_t> c =
      pavp::boot_parameter_block(pavp::make_run_spec(src, "colour-alloc"), machine);
  EXPECT_EQ(be32_at(c, PAVP_BP_FLAGS), PAVP_BPF_COLOUR_ALLOC);
}

}  // namespace
