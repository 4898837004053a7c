#include <gtest/gtest.h>

#include "pavp/tlm/access_extension.h"

namespace {

TEST(access_extension, payload_without_extension_is_a_physical_access) {
  tlm::tlm_generic_payload gp;
  gp.set_address(0x1234);
  gp.set_command(tlm::TLM_WRITE_COMMAND);
  EXPECT_EQ(pavp::find_access(gp), nullptr);
  const pavp::access_info info = pavp::get_access_info(gp);
  EXPECT_EQ(info.vaddr, 0x1234u);
  EXPECT_EQ(info.space, 0u);
  EXPECT_EQ(info.privilege, 0u);
  EXPECT_EQ(info.kind, pavp::access_kind::STORE);
  EXPECT_EQ(info.op, pavp::cache_op::NONE);
}

TEST(access_extension, attached_fields_are_read_back) {
  tlm::tlm_generic_payload gp;
  pavp::access_extension ext;
  pavp::attach(gp, ext);
  ext.set_cache_op(pavp::cache_op::FDC, 0x40001000, 0x55, 3);
  gp.set_command(tlm::TLM_IGNORE_COMMAND);
  const pavp::access_info info = pavp::get_access_info(gp);
  EXPECT_EQ(info.vaddr, 0x40001000u);
  EXPECT_EQ(info.space, 0x55u);
  EXPECT_EQ(info.privilege, 3u);
  EXPECT_EQ(info.kind, pavp::access_kind::CACHE_OP);
  EXPECT_EQ(info.op, pavp::cache_op::FDC);
  EXPECT_EQ(ext.to_string(), "cache-op:fdc va=0x40001000 space=0x55 pl=3");
  pavp::detach(gp);
  EXPECT_EQ(pavp::find_access(gp), nullptr);
}

TEST(access_extension, deep_copy_carries_the_extension) {
  tlm::tlm_generic_payload gp, copy;
  pavp::access_extension ext;
  ext.set_fetch(0x100, 7, 0);
  pavp::attach(gp, ext);
  copy.deep_copy_from(gp);
  const pavp::access_extension* c = pavp::find_access(copy);
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c, &ext);
  EXPECT_EQ(c->kind, pavp::access_kind::FETCH);
  EXPECT_EQ(c->space, 7u);
  pavp::detach(gp);
  copy.free_all_extensions();
}

TEST(access_extension, names) {
  EXPECT_STREQ(pavp::to_string(pavp::cache_op::FDCE), "fdce");
  EXPECT_STREQ(pavp::to_string(pavp::cache_op::FICE), "fice");
  EXPECT_STREQ(pavp::to_string(pavp::access_kind::FETCH), "fetch");
}

}  // namespace
