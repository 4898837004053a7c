// PA-RISC 1.1 system architecture of the ISS core: interruption delivery, the
// interval timer and external interrupts, address translation through the
// TLBs with the access checks, and the memory-management instructions.
//
// Sources: parisc-isa.md §1.3-1.5, §3, §4 and §5; QEMU target/hppa
// (int_helper.c hppa_cpu_do_interrupt, sys_helper.c helper_rfi,
// mem_helper.c hppa_get_physical_address, helper_probe, helper_lpa,
// translate.c trans_b_gate, trans_lci); Linux arch/parisc/kernel/entry.S
// (naitlb_miss_11 inserts into the ITLB for a FIC miss).
#include "pavp/cpu/iss.h"

#include <algorithm>
#include <new>

namespace pavp::cpu {
namespace {

// Interruptions that load IIR when PSW.Q = 1 (QEMU hppa_cpu_do_interrupt):
// illegal, break, privileged operation/register, overflow, conditional,
// assist, the data TLB and protection traps, 26..28.
bool loads_iir(unsigned trap) {
  return (trap >= TRAP_ILLEGAL && trap <= TRAP_ASSIST_EMULATION) ||
         (trap >= TRAP_DMEM_ACCESS_RIGHTS && trap <= TRAP_UNALIGNED);
}

// Interruptions that report a data address in ISR/IOR (parisc-isa.md §4).
bool loads_isr_ior(unsigned trap) {
  return (trap >= TRAP_DTLB_MISS && trap <= TRAP_PAGE_REFERENCE) ||
         (trap >= TRAP_DMEM_ACCESS_RIGHTS && trap <= TRAP_UNALIGNED);
}

constexpr unsigned SHADOWED[7] = {1, 8, 9, 16, 17, 24, 25};

}  // namespace

// ---- run loop and interruption delivery ------------------------------------

run_result iss::run(std::uint64_t max_instructions) {
  const std::uint64_t start = m_stats.instructions;
  // Picks up changes made through state() and mmu_unit() since the last run:
  // a new translation epoch when what translations depend on changed, and
  // in any case the timer and the pending events again. A run that follows
  // a system-call stop (registers and memory changed, translations not)
  // keeps its fetched lines and translation caches.
  m_absolute_rights_table = m_absolute_rights_on ? m_absolute_rights.data() : nullptr;
  if (translation_context() != m_xlat_context) {
    system_state_changed();
  } else {
    if (m_state.cr[CR_ITMR] != m_timer_compare) arm_timer();
    update_events();
  }
  // A delivered interruption counts against the budget, so that a vector
  // that traps again (IVA = 0 and no handler) still ends at the limit.
  std::uint64_t used = 0;
  for (;;) {
    const std::uint64_t before = m_stats.instructions;
    run_result r = execute(max_instructions - used);
    used += m_stats.instructions - before;
    r.executed = m_stats.instructions - start;
    if (r.reason != stop_reason::TRAP || !m_config.deliver_interruptions) return r;
    deliver_interruption(r.trap, r.iir, r.isr, r.ior);
    if (++used >= max_instructions) {
      run_result lim;
      lim.reason = stop_reason::INSN_LIMIT;
      lim.pc = m_state.iaoq_f;
      lim.space = m_state.iasq_f;
      lim.executed = r.executed;
      return lim;
    }
  }
}

void iss::deliver_interruption(unsigned trap, std::uint32_t iir, std::uint32_t isr,
                               std::uint32_t ior) {
  cpu_state& s = m_state;
  rctr_sync();  // the counter stops with PSW.R = 0 from here
  const std::uint32_t old = s.get_psw();
  s.cr[CR_IPSW] = old;
  // The queue is saved whatever Q is, as QEMU does (whether Q = 0 freezes
  // IIASQ/IIAOQ is an open question, parisc-isa.md §4).
  s.cr[CR_IIASQ] = s.iasq_f;
  s.cr_back[0] = s.iasq_b;
  s.cr[CR_IIAOQ] = s.iaoq_f;
  s.cr_back[1] = s.iaoq_b;
  if (old & PSW_Q) {
    if (loads_iir(trap)) s.cr[CR_IIR] = iir;
    if (loads_isr_ior(trap)) {
      s.cr[CR_ISR] = isr;
      s.cr[CR_IOR] = ior;
    }
    for (unsigned i = 0; i < 7; ++i) s.shadow[i] = s.gr[SHADOWED[i]];
  }
  // PSW <- 0 (M for a HPMC): absolute addressing, interrupts and state
  // collection off, privilege 0 at IVA + 32 * trap, space 0.
  s.set_psw(trap == TRAP_HPMC ? PSW_M : 0u);
  s.iaoq_f = (s.cr[CR_IVA] + 32u * trap) & ~3u;
  s.iaoq_b = s.iaoq_f + 4;
  s.iasq_f = s.iasq_b = 0;
  m_front_space_at = NEVER;
  ++m_interruptions[trap & 31u];
  rctr_rebase(0);
  system_state_changed();
  if (m_interruption_hook) m_interruption_hook(trap);
}

// ---- interval timer and external interrupts ----------------------------------

std::uint32_t iss::interval_timer() const {
  return static_cast<std::uint32_t>(m_stats.cycles / m_config.timer_divider);
}

std::uint64_t iss::cycles_to_timer_match() const {
  return m_timer_match > m_stats.cycles ? m_timer_match - m_stats.cycles : 0;
}

void iss::arm_timer() {
  // The next tick at which the 32-bit counter equals the compare value; a
  // compare equal to the counter now matches one full period later.
  const std::uint64_t div = m_config.timer_divider;
  const std::uint64_t tick = m_stats.cycles / div;
  std::uint64_t delta =
      static_cast<std::uint32_t>(m_state.cr[CR_ITMR] - static_cast<std::uint32_t>(tick));
  if (delta == 0) delta = std::uint64_t{1} << 32;
  m_timer_match = (tick + delta) * div;
  m_timer_compare = m_state.cr[CR_ITMR];
}

void iss::raise_external(std::uint32_t eirr_bits) {
  m_state.cr[CR_EIRR] |= eirr_bits;
  update_events();
}

void iss::lower_external(std::uint32_t eirr_bits) {
  m_state.cr[CR_EIRR] &= ~eirr_bits;
  update_events();
}

bool iss::external_pending() const {
  return (m_state.psw & PSW_I) != 0 && (m_state.cr[CR_EIRR] & m_state.cr[CR_EIEM]) != 0;
}

void iss::update_events() {
  m_event_at = (m_config.deliver_interruptions && external_pending()) ? 0 : m_timer_match;
}

void iss::take_events() {
  if (m_stats.cycles >= m_timer_match) {
    m_state.cr[CR_EIRR] |= 0x80000000u;  // EIRR bit 0: the interval timer
    m_timer_match += (std::uint64_t{1} << 32) * m_config.timer_divider;
  }
  // Between instructions the front of the queue is the next instruction, so
  // IIAOQ names it (and IPSW.N skips it if it was nullified).
  if (m_config.deliver_interruptions && external_pending()) {
    deliver_interruption(TRAP_EXTERNAL);
  }
  update_events();
}

void iss::rctr_sync() {
  const std::uint64_t done = m_stats.instructions - m_stats.nullified;
  if (m_rctr_on) m_state.cr[CR_RC] -= static_cast<std::uint32_t>(done - m_rctr_since);
  m_rctr_since = done;
}

void iss::rctr_rebase(unsigned completing) {
  rctr_sync();
  m_rctr_since += completing;
  m_rctr_on = (m_state.psw & PSW_R) != 0;
  std::uint64_t check = ~0ull;
  if (m_rctr_on) {
    // The trap is due once CR0's leftmost bit is 1: now, or after CR0 + 1
    // more non-nullified instructions (at least that many instructions).
    const std::uint32_t rc = m_state.cr[CR_RC];
    check = m_stats.instructions + completing + ((rc & 0x80000000u) ? 0 : std::uint64_t{rc} + 1);
  }
  m_insn_stop = std::min({m_insn_limit, check, m_front_space_at});
}

void iss::arm_front_space(std::uint64_t completed) {
  m_front_space_at = m_state.iasq_f != m_state.iasq_b ? completed + 1 : NEVER;
}

iss::xlat_context iss::translation_context() const {
  const cpu_state& s = m_state;
  return {s.psw & (PSW_C | PSW_D | PSW_P),
          {s.cr[CR_PID1], s.cr[CR_PID2], s.cr[CR_PID3], s.cr[CR_PID4]},
          m_mmu.generation()};
}

void iss::system_state_changed() {
  // The lines were reached through the old epoch's translations: the
  // current key goes, and the fetched entries' keys, made in an older epoch,
  // no longer match (switch_to_fetched_line).
  m_line_key = NO_LINE_KEY;
  m_xlat_context = translation_context();
  if (++m_epoch == 0) {
    m_dxlat.fill(xlat_slot{});
    m_ixlat.fill(xlat_slot{});
    drop_fetch_line();
    m_epoch = 1;
  }
  if (m_state.cr[CR_ITMR] != m_timer_compare) arm_timer();
  update_events();
}

// ---- translation ----------------------------------------------------------------

std::uint8_t* iss::enable_absolute_rights() {
  if (!m_absolute_rights_on) {
    m_absolute_rights = host_memory::zeroed_block(ABSOLUTE_RIGHTS_PAGES);
    if (!m_absolute_rights) throw std::bad_alloc();
    m_absolute_rights_on = true;
  }
  return m_absolute_rights.data();
}

unsigned iss::translate_fetch(std::uint32_t vaddr, std::uint32_t space, unsigned priv,
                              std::uint64_t& paddr) {
  const tlb_entry* e = m_mmu.itlb_lookup(space, vaddr);
  if (e == nullptr) return TRAP_ITLB_MISS;
  if (!tlb_rights_allow(*e, priv, tlb_access::EXECUTE)) return TRAP_IMEM_PROTECTION;
  const cpu_state& s = m_state;
  const std::uint32_t pids[4] = {s.cr[CR_PID1], s.cr[CR_PID2], s.cr[CR_PID3], s.cr[CR_PID4]};
  if ((s.psw & PSW_P) && !tlb_pid_allow(*e, pids, false)) return TRAP_IMEM_PROTECTION;
  paddr = e->paddr(vaddr);
  xlat_slot& xs = m_ixlat[(vaddr >> 12) & (XLAT_SLOTS - 1)];
  xs.space = space;
  xs.key = (vaddr & ~0xfffu) | priv;
  xs.ppage = static_cast<std::uint32_t>(paddr & ~std::uint64_t{0xfff});
  xs.epoch = m_epoch;
  xs.read = xs.write = false;
  xs.uncached = (e->prot & TLB_PROT_U) != 0;
  return 0;
}

// Data checks in the order of current QEMU (parisc-isa.md §5): TLB miss,
// access rights (26), protection ID (27), page reference (21), dirty (20),
// data memory break (19). Alignment (28) is checked before translation by
// the callers, as QEMU 7.2 does.
unsigned iss::translate_data_slow(std::uint32_t vaddr, std::uint32_t space, access_kind kind,
                                  std::uint64_t& paddr) {
  const cpu_state& s = m_state;
  const bool write = kind == access_kind::STORE;
  const unsigned priv = s.privilege();
  const tlb_entry* e = m_mmu.dtlb_lookup(space, vaddr);
  if (e == nullptr) return TRAP_DTLB_MISS;
  const std::uint32_t pids[4] = {s.cr[CR_PID1], s.cr[CR_PID2], s.cr[CR_PID3], s.cr[CR_PID4]};
  const bool pid_on = (s.psw & PSW_P) != 0;
  const bool r_ok =
      tlb_rights_allow(*e, priv, tlb_access::READ) && (!pid_on || tlb_pid_allow(*e, pids, false));
  const bool w_ok =
      tlb_rights_allow(*e, priv, tlb_access::WRITE) && (!pid_on || tlb_pid_allow(*e, pids, true));
  if (!tlb_rights_allow(*e, priv, write ? tlb_access::WRITE : tlb_access::READ)) {
    return TRAP_DMEM_ACCESS_RIGHTS;
  }
  if (!(write ? w_ok : r_ok)) return TRAP_DMEM_PID;
  if (e->prot & TLB_PROT_T) return TRAP_PAGE_REFERENCE;
  if (write && !(e->prot & TLB_PROT_D)) return TRAP_TLB_DIRTY;
  if (write && (e->prot & TLB_PROT_B) && !(s.psw & PSW_X)) return TRAP_DMEM_BREAK;
  paddr = e->paddr(vaddr);
  const bool uncached = (e->prot & TLB_PROT_U) != 0;
  if (uncached != m_bus.uncached()) m_bus.set_uncached(uncached);
  xlat_slot& xs = m_dxlat[(vaddr >> 12) & (XLAT_SLOTS - 1)];
  xs.space = space;
  xs.key = (vaddr & ~0xfffu) | priv;
  xs.ppage = static_cast<std::uint32_t>(paddr & ~std::uint64_t{0xfff});
  xs.epoch = m_epoch;
  xs.read = r_ok;
  xs.write = w_ok && (e->prot & TLB_PROT_D) != 0 && (e->prot & TLB_PROT_B) == 0;
  xs.uncached = uncached;
  return 0;
}

// FDC and PDC translate through the DTLB when PSW.D = 1, FIC through the ITLB
// when PSW.C = 1 (Linux handles a FIC miss in naitlb_miss_11 with IITLBA/P).
// No access-rights check; a miss is the non-access TLB miss.
unsigned iss::translate_cache_op(std::uint32_t vaddr, std::uint32_t space, bool insn_side,
                                 std::uint64_t& paddr) {
  paddr = vaddr;
  if (!(m_state.psw & (insn_side ? PSW_C : PSW_D))) return 0;
  const tlb_entry* e =
      insn_side ? m_mmu.itlb_lookup(space, vaddr) : m_mmu.dtlb_lookup(space, vaddr);
  if (e == nullptr) return insn_side ? TRAP_NA_ITLB_MISS : TRAP_NA_DTLB_MISS;
  paddr = e->paddr(vaddr);
  return 0;
}

// ---- memory-management instructions ------------------------------------------------

unsigned iss::system_mmu_op(const decoded_insn& d, std::uint32_t& fault_space,
                            std::uint32_t& fault_ofs) {
  cpu_state& s = m_state;
  std::uint32_t* const gr = s.gr;
  const unsigned priv = s.privilege();
  const std::uint32_t base = gr[d.r2];
  // Space: explicit 3-bit field (I-side, pos | 8) or the 2-bit field with
  // implicit selection by the base's top bits when it is 0.
  const std::uint32_t space =
      (d.pos & 8u) ? s.sr[d.pos & 7u] : (d.pos ? s.sr[d.pos & 3u] : s.sr[4 + (base >> 30)]);
  const std::uint32_t indexed = base + gr[d.r1];
  switch (d.code) {
    case op::TLB_INSERT: {
      if (priv != 0) return TRAP_PRIV_OPERATION;
      const std::uint32_t v = gr[d.r1];
      switch (d.a) {
        case 0:
          m_mmu.itlb_insert_protection(space, base, v);
          break;
        case 1:
          m_mmu.itlb_insert_address(space, base, v);
          break;
        case 2:
          m_mmu.dtlb_insert_protection(space, base, v);
          break;
        default:
          m_mmu.dtlb_insert_address(space, base, v);
          break;
      }
      system_state_changed();
      return 0;
    }
    case op::TLB_PURGE: {
      if (priv != 0) return TRAP_PRIV_OPERATION;
      const std::uint32_t addr = d.m ? base : indexed;
      switch (d.a) {
        case 0:
          m_mmu.itlb_purge(space, addr);
          break;
        case 1:  // PITLBE: QEMU purges the whole TLB; so does this model
          m_mmu.itlb_clear();
          break;
        case 2:
          m_mmu.dtlb_purge(space, addr);
          break;
        default:
          m_mmu.dtlb_clear();
          break;
      }
      if (d.m) gr[d.r2] = indexed;
      system_state_changed();
      return 0;
    }
    case op::PROBE: {
      // PROBER/PROBEW (s,b),r,t and the I forms: 1 if an access at level
      // (GR[r] or i) & 3 would pass the rights and PID checks. A level more
      // privileged than the current one gives 0 (QEMU helper_probe). The DTLB
      // is consulted whatever PSW.D is; a miss is the non-access DTLB miss.
      const unsigned level = ((d.a & 2u) ? d.r1 : gr[d.r1]) & 3u;
      const bool write = (d.a & 1u) != 0;
      std::uint32_t result = 0;
      if (level >= priv) {
        const tlb_entry* e = m_mmu.dtlb_lookup(space, base);
        if (e == nullptr) {
          fault_space = space;
          fault_ofs = base;
          return TRAP_NA_DTLB_MISS;
        }
        const std::uint32_t pids[4] = {s.cr[CR_PID1], s.cr[CR_PID2], s.cr[CR_PID3], s.cr[CR_PID4]};
        const bool ok = tlb_rights_allow(*e, level, write ? tlb_access::WRITE : tlb_access::READ) &&
                        (!(s.psw & PSW_P) || tlb_pid_allow(*e, pids, write));
        result = ok ? 1u : 0u;
      }
      gr[d.t] = result;
      return 0;
    }
    case op::LPA: {
      // Privileged; the DTLB's physical address for (space, offset).
      if (priv != 0) return TRAP_PRIV_OPERATION;
      const std::uint32_t addr = d.m ? base : indexed;
      const tlb_entry* e = m_mmu.dtlb_lookup(space, addr);
      if (e == nullptr) {
        fault_space = space;
        fault_ofs = addr;
        return TRAP_NA_DTLB_MISS;
      }
      if (d.m) gr[d.r2] = indexed;
      gr[d.t] = static_cast<std::uint32_t>(e->paddr(addr));
      return 0;
    }
    case op::LCI:
      // Privileged; the coherence index is 0 for every address, as in QEMU
      // (the whole memory is one coherence domain).
      if (priv != 0) return TRAP_PRIV_OPERATION;
      if (d.m) gr[d.r2] = indexed;
      gr[d.t] = 0;
      return 0;
    default:
      return TRAP_ILLEGAL;
  }
}

}  // namespace pavp::cpu
