// PA-RISC 1.1 instruction and data TLBs (see pavp/cpu/mmu.h).
#include "pavp/cpu/mmu.h"

namespace pavp::cpu {

bool tlb_rights_allow(const tlb_entry& e, unsigned priv, tlb_access access) {
  const unsigned pl1 = e.pl1();
  const unsigned pl2 = e.pl2();
  const bool r = priv <= pl1;
  const bool w = priv <= pl2;
  const bool x = pl2 <= priv && priv <= pl1;
  const unsigned type = e.type();
  switch (access) {
    case tlb_access::READ:
      return type < 4 && r;
    case tlb_access::WRITE:
      return (type == 1 || type == 3) && w;
    case tlb_access::EXECUTE:
      return type >= 2 && x;
  }
  return false;
}

bool tlb_pid_allow(const tlb_entry& e, const std::uint32_t pids[4], bool write) {
  const std::uint32_t id = e.access_id();
  if (id == 0) return true;
  for (unsigned i = 0; i < 4; ++i) {
    if (((pids[i] >> 1) & 0x3ffffu) == id) {
      if (!write || (pids[i] & 1u) == 0) return true;
    }
  }
  return false;
}

tlb::tlb(unsigned entries) : m_entries(entries == 0 ? 1 : entries) {}

tlb_entry* tlb::find(std::uint32_t space, std::uint32_t vpn, bool addr_only_too) {
  for (tlb_entry& e : m_entries) {
    if ((e.valid || (addr_only_too && e.addr_only)) && e.vpn == vpn && e.space == space) return &e;
  }
  return nullptr;
}

unsigned tlb::victim() {
  for (unsigned i = 0; i < m_entries.size(); ++i) {
    if (!m_entries[i].valid && !m_entries[i].addr_only) return i;
  }
  const unsigned v = m_next;
  m_next = (m_next + 1) % static_cast<unsigned>(m_entries.size());
  return v;
}

void tlb::insert_address(std::uint32_t space, std::uint32_t vaddr, std::uint32_t word) {
  const std::uint32_t vpn = vaddr >> 12;
  tlb_entry* e = find(space, vpn, true);
  if (e == nullptr) e = &m_entries[victim()];
  *e = tlb_entry{};
  e->space = space;
  e->vpn = vpn;
  e->ppn = (word >> 5) & 0xfffffu;  // QEMU: extract32(reg, 5, 20) << 12
  e->addr_only = true;
}

bool tlb::insert_protection(std::uint32_t space, std::uint32_t vaddr, std::uint32_t prot) {
  tlb_entry* e = find(space, vaddr >> 12, true);
  if (e == nullptr) return false;
  e->prot = prot;
  e->valid = true;
  e->addr_only = false;
  return true;
}

void tlb::insert(std::uint32_t space, std::uint32_t vaddr, std::uint64_t paddr,
                 std::uint32_t prot) {
  insert_address(space, vaddr, static_cast<std::uint32_t>(paddr >> 7));
  insert_protection(space, vaddr, prot);
}

unsigned tlb::purge(std::uint32_t space, std::uint32_t vaddr) {
  unsigned n = 0;
  const std::uint32_t vpn = vaddr >> 12;
  for (tlb_entry& e : m_entries) {
    if ((e.valid || e.addr_only) && e.vpn == vpn && e.space == space) {
      e = tlb_entry{};
      ++n;
    }
  }
  return n;
}

void tlb::clear() {
  for (tlb_entry& e : m_entries) e = tlb_entry{};
  m_next = 0;
}

const tlb_entry* tlb::lookup(std::uint32_t space, std::uint32_t vaddr) const {
  const std::uint32_t vpn = vaddr >> 12;
  for (const tlb_entry& e : m_entries) {
    if (e.valid && e.vpn == vpn && e.space == space) return &e;
  }
  return nullptr;
}

unsigned tlb::valid_entries() const {
  unsigned n = 0;
  for (const tlb_entry& e : m_entries) n += e.valid ? 1u : 0u;
  return n;
}

mmu::mmu(const mmu_config& config)
    : m_config(config),
      m_itlb(config.unified ? 1 : config.itlb_entries),
      m_dtlb(config.dtlb_entries) {}

void mmu::itlb_insert_address(std::uint32_t space, std::uint32_t vaddr, std::uint32_t word) {
  itlb_mut().insert_address(space, vaddr, word);
  ++m_generation;
}

bool mmu::itlb_insert_protection(std::uint32_t space, std::uint32_t vaddr, std::uint32_t prot) {
  ++m_generation;
  return itlb_mut().insert_protection(space, vaddr, prot);
}

void mmu::dtlb_insert_address(std::uint32_t space, std::uint32_t vaddr, std::uint32_t word) {
  m_dtlb.insert_address(space, vaddr, word);
  ++m_generation;
}

bool mmu::dtlb_insert_protection(std::uint32_t space, std::uint32_t vaddr, std::uint32_t prot) {
  ++m_generation;
  return m_dtlb.insert_protection(space, vaddr, prot);
}

void mmu::itlb_insert(std::uint32_t space, std::uint32_t vaddr, std::uint64_t paddr,
                      std::uint32_t prot) {
  itlb_mut().insert(space, vaddr, paddr, prot);
  ++m_generation;
}

void mmu::dtlb_insert(std::uint32_t space, std::uint32_t vaddr, std::uint64_t paddr,
                      std::uint32_t prot) {
  m_dtlb.insert(space, vaddr, paddr, prot);
  ++m_generation;
}

void mmu::itlb_purge(std::uint32_t space, std::uint32_t vaddr) {
  itlb_mut().purge(space, vaddr);
  ++m_generation;
}

void mmu::dtlb_purge(std::uint32_t space, std::uint32_t vaddr) {
  m_dtlb.purge(space, vaddr);
  ++m_generation;
}

void mmu::itlb_clear() {
  itlb_mut().clear();
  ++m_generation;
}

void mmu::dtlb_clear() {
  m_dtlb.clear();
  ++m_generation;
}

void mmu::clear() {
  m_itlb.clear();
  m_dtlb.clear();
  ++m_generation;
}

}  // namespace pavp::cpu
