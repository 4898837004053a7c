// pavp's one TLM-2.0 generic-payload extension: what a physical address alone
// does not say about an access. It carries the virtual address, the space id,
// the privilege level, the kind of access and, for cache maintenance, which
// operation (FDC, PDC, FDCE, FIC, FICE).
//
// The extension is ignorable (IEEE 1666-2011 §14.21.1.2): a target that does
// not know it sees a normal read or write at the physical address. A cache
// operation travels as TLM_IGNORE_COMMAND, so a foreign target ignores it too.
// A payload without the extension is a physical access: virtual address =
// physical address, space 0, privilege 0, kind taken from the command.
//
// Typical use by an initiator that owns its payload (no allocation per access):
//
//   pavp::access_extension ext;                // lives as long as the payload
//   tlm::tlm_generic_payload gp;
//   pavp::attach(gp, ext);                     // once
//   ext.set_load(vaddr, space, privilege);     // per access
//   gp.set_command(tlm::TLM_READ_COMMAND); ... socket->b_transport(gp, delay);
//   ...
//   pavp::detach(gp);                          // before ext or gp goes away
#ifndef PAVP_TLM_ACCESS_EXTENSION_H
#define PAVP_TLM_ACCESS_EXTENSION_H

#include <cstdint>
#include <string>

#include <tlm>

#include "pavp/tlm/access_kind.h"

namespace pavp {

class access_extension : public tlm::tlm_extension<access_extension> {
 public:
  access_extension() = default;

  std::uint64_t vaddr = 0;     // virtual offset of the first byte
  std::uint32_t space = 0;     // space id (PA-RISC space register value)
  std::uint8_t privilege = 0;  // 0 = most privileged .. 3 = user
  access_kind kind = access_kind::LOAD;
  cache_op op = cache_op::NONE;
  bool uncached = false;  // the page is uncacheable (TLB U bit): bypass caches

  void set(access_kind k, std::uint64_t va, std::uint32_t sp, std::uint8_t pl,
           cache_op o = cache_op::NONE) {
    kind = k;
    vaddr = va;
    space = sp;
    privilege = pl;
    op = o;
    uncached = false;
  }
  void set_fetch(std::uint64_t va, std::uint32_t sp, std::uint8_t pl) {
    set(access_kind::FETCH, va, sp, pl);
  }
  void set_load(std::uint64_t va, std::uint32_t sp, std::uint8_t pl) {
    set(access_kind::LOAD, va, sp, pl);
  }
  void set_store(std::uint64_t va, std::uint32_t sp, std::uint8_t pl) {
    set(access_kind::STORE, va, sp, pl);
  }
  void set_cache_op(cache_op o, std::uint64_t va, std::uint32_t sp, std::uint8_t pl) {
    set(access_kind::CACHE_OP, va, sp, pl, o);
  }

  tlm::tlm_extension_base* clone() const override;
  void copy_from(const tlm::tlm_extension_base& other) override;

  std::string to_string() const;
};

// The fields of an access as a target sees them, whether or not the payload
// carries the extension (without it: a physical access, see file comment).
struct access_info {
  std::uint64_t vaddr;
  std::uint32_t space;
  std::uint8_t privilege;
  access_kind kind;
  cache_op op;
};

// Attaches ext to gp without transferring ownership (the caller keeps ext alive
// and calls detach() before either goes away).
inline void attach(tlm::tlm_generic_payload& gp, access_extension& ext) {
  gp.set_extension(&ext);
}
inline void detach(tlm::tlm_generic_payload& gp) {
  gp.clear_extension<access_extension>();
}

// The extension of gp, or nullptr for a plain physical access.
inline const access_extension* find_access(const tlm::tlm_generic_payload& gp) {
  return gp.get_extension<access_extension>();
}

// The access as a target should treat it.
inline access_info get_access_info(const tlm::tlm_generic_payload& gp) {
  if (const access_extension* ext = find_access(gp)) {
    return {ext->vaddr, ext->space, ext->privilege, ext->kind, ext->op};
  }
  access_kind kind = gp.is_write() ? access_kind::STORE : access_kind::LOAD;
  return {gp.get_address(), 0, 0, kind, cache_op::NONE};
}

}  // namespace pavp

#endif  // PAVP_TLM_ACCESS_EXTENSION_H
