// Translation lookaside buffers of a PA-RISC 1.1 CPU: an instruction TLB and
// a data TLB, each fully associative, software managed (a miss interrupts and
// the handler inserts the entry with IxTLBA then IxTLBP), with 4 KiB pages.
//
// Entry format (parisc-isa.md §5; QEMU target/hppa/mem_helper.c
// helper_itlba_pa11/helper_itlbp_pa11; Linux arch/parisc/kernel/entry.S
// make_insert_tlb_11):
//   IxTLBA word: physical page number << 5 (BE bits 7..26), i.e. paddr >> 7.
//   IxTLBP word: T 0x20000000, D 0x10000000, B 0x08000000, access-rights type
//                0x07000000, PL1 0x00c00000, PL2 0x00300000, U 0x00080000,
//                access ID 0x0003fffe (BE bits 13..30).
//
// Sizes: the PA-7300LC of the B160L has one unified 96-entry TLB (HP B160L
// user manual, "PA-RISC CPU Architecture", TLB table: "PA-7300LC - 96 combined
// entries"). The default here is two 96-entry TLBs (the split I/D view that the
// PA 1.1 insert instructions expose); mmu_config::unified = true models the
// combined TLB: both insert paths then fill the same array. Replacement is
// deterministic: the first invalid entry, otherwise round robin.
//
// The C++ API (insert/purge/lookup/clear) lets platform code (syscall
// emulation, a loader) manage translations without guest instructions, between
// iss::run() calls: the ISS drops its translation fast path at every TLB
// instruction and at the start of every run(). Every change bumps
// generation(), for observers that cache translations themselves.
#ifndef PAVP_CPU_MMU_H
#define PAVP_CPU_MMU_H

#include <cstdint>
#include <vector>

namespace pavp::cpu {

// Protection-word fields (IxTLBP).
enum : std::uint32_t {
  TLB_PROT_T = 0x20000000u,  // page reference trap (21) on data access
  TLB_PROT_D = 0x10000000u,  // dirty: a store with D=0 gives trap 20
  TLB_PROT_B = 0x08000000u,  // data memory break: a store traps 19 unless PSW.X
  TLB_PROT_U = 0x00080000u,  // uncacheable
};

// Access kinds of an access-rights check.
enum class tlb_access : std::uint8_t { READ, WRITE, EXECUTE };

struct tlb_entry {
  std::uint32_t space = 0;
  std::uint32_t vpn = 0;   // virtual offset >> 12
  std::uint32_t ppn = 0;   // physical address >> 12
  std::uint32_t prot = 0;  // protection word as IxTLBP wrote it
  bool valid = false;      // address and protection both inserted
  bool addr_only = false;  // IxTLBA done, IxTLBP pending

  unsigned type() const { return (prot >> 24) & 7u; }
  unsigned pl1() const { return (prot >> 22) & 3u; }
  unsigned pl2() const { return (prot >> 20) & 3u; }
  std::uint32_t access_id() const { return (prot >> 1) & 0x3ffffu; }
  std::uint64_t paddr(std::uint32_t vaddr) const {
    return (std::uint64_t{ppn} << 12) | (vaddr & 0xfffu);
  }
};

// Access-rights check (QEMU hppa_get_physical_address): read if priv <= PL1,
// write if priv <= PL2, execute if PL2 <= priv <= PL1; type 0 read-only,
// 1 read/write, 2 read/execute, 3 read/write/execute, 4..7 gateway (execute
// only).
bool tlb_rights_allow(const tlb_entry& e, unsigned priv, tlb_access access);

// Protection-ID check (PSW.P = 1): an access ID of 0 is public; otherwise it
// must equal the ID (BE bits 0..30, compared over the 18-bit access-ID field)
// of one of PID1..PID4, and a store needs that PID's write-disable bit (LSB)
// clear.
bool tlb_pid_allow(const tlb_entry& e, const std::uint32_t pids[4], bool write);

class tlb {
 public:
  explicit tlb(unsigned entries);

  // IxTLBA: starts an entry for (space, vaddr's page), replacing any entry of
  // that page. word = physical address >> 7.
  void insert_address(std::uint32_t space, std::uint32_t vaddr, std::uint32_t word);
  // IxTLBP: completes the entry started by IxTLBA for the same page. Returns
  // false (and changes nothing) when there is none.
  bool insert_protection(std::uint32_t space, std::uint32_t vaddr, std::uint32_t prot);
  // Both halves at once.
  void insert(std::uint32_t space, std::uint32_t vaddr, std::uint64_t paddr, std::uint32_t prot);
  // PxTLB: removes the entry of the page; returns how many were removed.
  unsigned purge(std::uint32_t space, std::uint32_t vaddr);
  // PxTLBE (and a reset): removes every entry.
  void clear();

  // The valid entry translating (space, vaddr), or nullptr.
  const tlb_entry* lookup(std::uint32_t space, std::uint32_t vaddr) const;

  unsigned size() const { return static_cast<unsigned>(m_entries.size()); }
  const tlb_entry& entry(unsigned i) const { return m_entries[i]; }
  unsigned valid_entries() const;

 private:
  tlb_entry* find(std::uint32_t space, std::uint32_t vpn, bool addr_only_too);
  unsigned victim();

  std::vector<tlb_entry> m_entries;
  unsigned m_next = 0;  // round-robin replacement pointer
};

struct mmu_config {
  unsigned itlb_entries = 96;
  unsigned dtlb_entries = 96;
  bool unified = false;  // one TLB (dtlb_entries) serves both sides
};

class mmu {
 public:
  explicit mmu(const mmu_config& config = {});

  // Side-specific operations (the instruction forms); each bumps generation().
  void itlb_insert_address(std::uint32_t space, std::uint32_t vaddr, std::uint32_t word);
  bool itlb_insert_protection(std::uint32_t space, std::uint32_t vaddr, std::uint32_t prot);
  void dtlb_insert_address(std::uint32_t space, std::uint32_t vaddr, std::uint32_t word);
  bool dtlb_insert_protection(std::uint32_t space, std::uint32_t vaddr, std::uint32_t prot);
  void itlb_insert(std::uint32_t space, std::uint32_t vaddr, std::uint64_t paddr,
                   std::uint32_t prot);
  void dtlb_insert(std::uint32_t space, std::uint32_t vaddr, std::uint64_t paddr,
                   std::uint32_t prot);
  void itlb_purge(std::uint32_t space, std::uint32_t vaddr);
  void dtlb_purge(std::uint32_t space, std::uint32_t vaddr);
  void itlb_clear();
  void dtlb_clear();
  void clear();

  const tlb_entry* itlb_lookup(std::uint32_t space, std::uint32_t vaddr) const {
    return itlb().lookup(space, vaddr);
  }
  const tlb_entry* dtlb_lookup(std::uint32_t space, std::uint32_t vaddr) const {
    return m_dtlb.lookup(space, vaddr);
  }

  const tlb& itlb() const { return m_config.unified ? m_dtlb : m_itlb; }
  const tlb& dtlb() const { return m_dtlb; }
  const mmu_config& config() const { return m_config; }

  // Incremented by every change of either TLB.
  std::uint64_t generation() const { return m_generation; }

 private:
  tlb& itlb_mut() { return m_config.unified ? m_dtlb : m_itlb; }

  mmu_config m_config;
  tlb m_itlb;
  tlb m_dtlb;
  std::uint64_t m_generation = 0;
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_MMU_H
