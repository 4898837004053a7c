#include "platform/study/traffic_study.h"

#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>

#include <fmt/format.h>
#include <tlm_utils/simple_initiator_socket.h>

#include "pavp/tlm/access_extension.h"
#include "pavp/tlm/time.h"
#include "platform/board/board.h"
#include "platform/study/firmware_run.h"
#include "platform/study/fixes.h"
#include "platform/study/run_pool.h"

namespace pavp {

namespace {

constexpr std::uint32_t PAGE = 4096;
// Linux parisc, 32-bit: the kernel maps physical memory at __PAGE_OFFSET and
// keeps a 2 x 4 MB tmpalias window below it (fork-cache-bug.md §3).
constexpr std::uint32_t KERNEL_LINEAR = 0x10000000;
constexpr std::uint32_t TMPALIAS = KERNEL_LINEAR - (2u << 22);
constexpr std::uint32_t SHM_COLOUR = 0x00400000;  // 4 MB: Linux's alias boundary
constexpr std::uint32_t USER_VA = 0x40001000;     // the list page in A and in B
constexpr std::uint32_t SPACE_A = 0x15, SPACE_B = 0x27, SPACE_KERNEL = 0;
constexpr unsigned WALK_BOUND = 64;

// The list page: heads and elements, {next, prev} pairs of user addresses.
constexpr std::uint32_t OFF_USED = 0x000, OFF_CACHE = 0x008;
constexpr std::uint32_t OFF_ELEM = 0x100, OFF_E2 = 0x200, OFF_E3 = 0x300, OFF_C1 = 0x400;

struct fix_traits {
  bool wrprotect_flush = false;  // FDC the user page when write-protecting it
  bool cow_flush = false;        // FDC the source at the user address before the copy
  bool congruent_copy = false;   // read the source through a congruent tmpalias address
  bool tmpalias_flush = false;   // FDC the source through a congruent tmpalias (linux-6.10)
  bool fork_flush_late = false;  // whole-cache loop again after copy_page_range
  bool colour_alloc = false;     // physical pages with the colour of their user address
};

// What each kernel fix does to the replay. A switch without a default: a
// fix added to PAVP_KERNEL_FIXES does not compile (-Wswitch) until it has its
// actions here. pipt runs the none kernel; its caches do the rest.
fix_traits traits_of(const fix_spec& fix) {
  fix_traits t;
  switch (fix.kernel_code) {
    case PAVP_FIX_NONE:
    case PAVP_FIX_COUNT:
      break;
    case PAVP_FIX_WRPROTECT_FLUSH:
      t.wrprotect_flush = true;
      break;
    case PAVP_FIX_COW_FLUSH:
      t.cow_flush = true;
      break;
    case PAVP_FIX_CONGRUENT_COPY:
      t.congruent_copy = true;
      break;
    case PAVP_FIX_FORK_FLUSH_LATE:
      t.fork_flush_late = true;
      break;
    case PAVP_FIX_COLOUR_ALLOC:
      t.colour_alloc = true;
      break;
    case PAVP_FIX_LINUX_6_10:
      t.tmpalias_flush = true;
      break;
  }
  return t;
}

class traffic_generator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<traffic_generator> data_socket{"data_socket"};
  tlm_utils::simple_initiator_socket<traffic_generator> insn_socket{"insn_socket"};
  nlohmann::ordered_json result;

  SC_HAS_PROCESS(traffic_generator);
  traffic_generator(sc_core::sc_module_name name, board& b, const fix_spec& fix)
      : sc_module(name), m_board(b), m_fix(fix.id), m_traits(traits_of(fix)) {
    pavp::attach(m_gp, m_ext);
    SC_THREAD(run);
  }
  ~traffic_generator() override { pavp::detach(m_gp); }

 private:
  board& m_board;
  std::string m_fix;
  fix_traits m_traits;
  tlm::tlm_generic_payload m_gp;
  access_extension m_ext;
  sc_core::sc_time m_local = sc_core::SC_ZERO_TIME;  // time annotated so far
  std::map<std::uint64_t, std::uint32_t> m_shadow;   // latest value per physical word
  std::uint64_t m_stale = 0;
  nlohmann::json m_first_stale = nullptr;
  std::string m_phase = "setup";
  std::uint64_t m_flush_ops = 0;
  std::uint64_t m_flush_cycles = 0;

  std::uint64_t now_cycles() const {
    return to_ps(sc_core::sc_time_stamp() + m_local) / m_board.config().cpu.clock_period_ps();
  }

  void transport(tlm::tlm_command cmd, std::uint64_t pa, std::uint32_t* word) {
    m_gp.set_command(cmd);
    m_gp.set_address(pa);
    m_gp.set_data_ptr(reinterpret_cast<unsigned char*>(word));
    m_gp.set_data_length(cmd == tlm::TLM_IGNORE_COMMAND ? 0 : 4);
    m_gp.set_streaming_width(4);
    m_gp.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    data_socket->b_transport(m_gp, m_local);
    if (!m_gp.is_response_ok()) {
      throw std::runtime_error(
          fmt::format("{}: access to 0x{:x} failed: {}", m_phase, pa, m_gp.get_response_string()));
    }
  }

  // Guest words are big-endian; the shadow holds host values.
  static std::uint32_t to_guest(std::uint32_t v) { return __builtin_bswap32(v); }

  std::uint32_t load(std::uint32_t va, std::uint64_t pa, std::uint32_t space) {
    m_ext.set_load(va, space, space == SPACE_KERNEL ? 0 : 3);
    std::uint32_t raw = 0;
    transport(tlm::TLM_READ_COMMAND, pa, &raw);
    const std::uint32_t value = to_guest(raw);
    const std::uint32_t expected = m_shadow[pa];
    if (value != expected) {
      if (m_stale == 0) {
        m_first_stale = {{"phase", m_phase},
                         {"cycle", now_cycles()},
                         {"vaddr", fmt::format("0x{:08x}", va)},
                         {"space", fmt::format("0x{:x}", space)},
                         {"paddr", fmt::format("0x{:08x}", pa)},
                         {"expected", fmt::format("0x{:08x}", expected)},
                         {"observed", fmt::format("0x{:08x}", value)},
                         {"lines", lines_holding(pa)}};
      }
      ++m_stale;
    }
    return value;
  }

  void store(std::uint32_t va, std::uint64_t pa, std::uint32_t space, std::uint32_t value) {
    m_ext.set_store(va, space, space == SPACE_KERNEL ? 0 : 3);
    std::uint32_t raw = to_guest(value);
    transport(tlm::TLM_WRITE_COMMAND, pa, &raw);
    m_shadow[pa] = value;
  }

  void cache_op(cache_op op, std::uint32_t va, std::uint64_t pa, std::uint32_t space) {
    const sc_core::sc_time before = m_local;
    m_ext.set_cache_op(op, va, space, 0);
    std::uint32_t none = 0;
    transport(tlm::TLM_IGNORE_COMMAND, pa, &none);
    ++m_flush_ops;
    m_flush_cycles += to_ps(m_local - before) / m_board.config().cpu.clock_period_ps();
  }

  nlohmann::json lines_holding(std::uint64_t pa) const {
    nlohmann::json lines = nlohmann::json::array();
    for (const line_location& l : m_board.dcache.core().find_lines(pa)) {
      lines.push_back({{"set", l.set}, {"way", l.way}, {"dirty", l.dirty}});
    }
    return lines;
  }

  // FDC over one page through (va, space), line by line.
  void flush_page(std::uint32_t va, std::uint64_t pa, std::uint32_t space) {
    const unsigned line = m_board.dcache.params().line_bytes;
    for (std::uint32_t off = 0; off < PAGE; off += line) {
      cache_op(cache_op::FDC, va + off, pa + off, space);
    }
  }

  // Linux flush_data_cache_local: the architected FDCE loop.
  void flush_whole_cache() {
    const flush_loop_params loop = m_board.dcache.core().fdce_loop();
    std::uint64_t addr = loop.base;
    for (std::uint64_t i = 0; i < loop.count; ++i) {
      for (std::uint64_t j = 0; j < loop.loop; ++j, addr += loop.stride) {
        cache_op(cache_op::FDCE, static_cast<std::uint32_t>(addr), addr, SPACE_KERNEL);
      }
    }
  }

  void store_node(std::uint64_t pa, std::uint32_t off, std::uint32_t next, std::uint32_t prev) {
    store(USER_VA + off, pa + off, SPACE_A, USER_VA + next);
    store(USER_VA + off + 4, pa + off + 4, SPACE_A, USER_VA + prev);
  }

  void run() {
    const std::uint64_t colour_base = m_traits.colour_alloc ? (USER_VA % SHM_COLOUR) : 0x3000;
    const std::uint64_t src = 0x00200000 + colour_base;  // A's list page
    const std::uint64_t dst = 0x00600000 + colour_base + (m_traits.colour_alloc ? 0 : 0x2000);
    const board_stats_snapshot start = snapshot();

    // 1. A's lists: used -> ELEM -> E2 -> E3 -> used; cache -> C1 -> cache.
    m_phase = "setup";
    for (std::uint32_t off = 0; off < PAGE; off += 4) store(USER_VA + off, src + off, SPACE_A, 0);
    store_node(src, OFF_USED, OFF_ELEM, OFF_E3);
    store_node(src, OFF_ELEM, OFF_E2, OFF_USED);
    store_node(src, OFF_E2, OFF_E3, OFF_ELEM);
    store_node(src, OFF_E3, OFF_USED, OFF_E2);
    store_node(src, OFF_CACHE, OFF_C1, OFF_C1);
    store_node(src, OFF_C1, OFF_CACHE, OFF_CACHE);

    // 2. fork: dup_mmap -> flush_cache_dup_mm.
    m_phase = "flush_cache_dup_mm";
    const std::uint64_t fork_start = now_cycles();
    flush_whole_cache();

    // 3. copy_page_range sleeps; A-2 moves ELEM from used to cache.
    m_phase = "thread A-2";
    store(USER_VA + OFF_USED, src + OFF_USED, SPACE_A, USER_VA + OFF_E2);  // used.next = E2
    store(USER_VA + OFF_E2 + 4, src + OFF_E2 + 4, SPACE_A, USER_VA + OFF_USED);
    store(USER_VA + OFF_C1 + 4, src + OFF_C1 + 4, SPACE_A, USER_VA + OFF_ELEM);
    store_node(src, OFF_ELEM, OFF_C1, OFF_CACHE);
    store(USER_VA + OFF_CACHE, src + OFF_CACHE, SPACE_A, USER_VA + OFF_ELEM);  // cache.next

    // 4. copy_one_pte -> ptep_set_wrprotect; then the end of dup_mmap.
    m_phase = "ptep_set_wrprotect";
    if (m_traits.wrprotect_flush) flush_page(USER_VA, src, SPACE_A);
    m_phase = "dup_mmap";
    if (m_traits.fork_flush_late) flush_whole_cache();
    const std::uint64_t fork_cycles = now_cycles() - fork_start;

    // 5. B reads its cache head, then writes: the COW fault copies the page.
    m_phase = "child B";
    const std::uint32_t first = load(USER_VA + OFF_CACHE, src + OFF_CACHE, SPACE_B);
    m_phase = "copy_user_page";
    const std::uint64_t cow_start = now_cycles();
    if (m_traits.cow_flush) flush_page(USER_VA, src, SPACE_B);
    const std::uint32_t tmp_from = TMPALIAS + (USER_VA & (SHM_COLOUR - 1));
    if (m_traits.tmpalias_flush) flush_page(tmp_from, src, SPACE_KERNEL);
    const std::uint32_t from =
        m_traits.congruent_copy ? tmp_from : KERNEL_LINEAR + static_cast<std::uint32_t>(src);
    const std::uint32_t to = m_traits.congruent_copy
                                 ? tmp_from + SHM_COLOUR
                                 : KERNEL_LINEAR + static_cast<std::uint32_t>(dst);
    for (std::uint32_t off = 0; off < PAGE; off += 4) {
      store(to + off, dst + off, SPACE_KERNEL, load(from + off, src + off, SPACE_KERNEL));
    }
    flush_page(to, dst, SPACE_KERNEL);  // the destination's kernel lines
    const std::uint64_t cow_cycles = now_cycles() - cow_start;

    // 6. B walks `cache` on its copy and updates each element, as NPTL does.
    m_phase = "child B walk";
    std::uint32_t node = first;
    unsigned steps = 0;
    bool finished = false, wrong = false;
    const std::uint32_t expected_order[] = {USER_VA + OFF_ELEM, USER_VA + OFF_C1,
                                            USER_VA + OFF_CACHE};
    while (steps < WALK_BOUND) {
      if (steps < 3 && node != expected_order[steps]) wrong = true;
      if (node == USER_VA + OFF_CACHE) {
        finished = true;
        break;
      }
      const std::uint32_t off = (node - USER_VA) & (PAGE - 1);
      store(node + 12, dst + off + 12, SPACE_B, steps);  // the element's data word
      node = load(node, dst + off, SPACE_B);
      ++steps;
    }
    m_phase = "end";
    wait(m_local);
    m_local = sc_core::SC_ZERO_TIME;

    const board_stats_snapshot end = snapshot();
    const std::string outcome = !finished ? "hang" : (wrong || m_stale ? "corrupted" : "ok");
    result = {{"fix", m_fix},
              {"preset", m_board.config().preset},
              {"outcome", outcome},
              {"stale_reads", m_stale},
              {"first_stale", m_first_stale},
              {"walk_steps", steps},
              {"fork_cycles", fork_cycles},
              {"cow_faults", 1},
              {"cow_fault_cycles", cow_cycles},
              {"flush_ops", m_flush_ops},
              {"flush_cycles", m_flush_cycles},
              {"writebacks", end.writebacks - start.writebacks},
              {"dram_bytes_read", end.dram_read - start.dram_read},
              {"dram_bytes_written", end.dram_written - start.dram_written},
              {"total_cycles", now_cycles()}};
  }

  struct board_stats_snapshot {
    std::uint64_t writebacks, dram_read, dram_written;
  };
  board_stats_snapshot snapshot() const {
    return {m_board.dcache.stats().writebacks(), m_board.memory.stats().bytes_read,
            m_board.memory.stats().bytes_written};
  }
};

}  // namespace

nlohmann::ordered_json run_traffic_replay(const run_spec& spec) {
  board_options quiet;
  quiet.echo_console = false;
  board b("board", spec.config, quiet);
  traffic_generator gen("traffic", b, spec.fix);
  gen.data_socket.bind(b.dcache.cpu_socket);
  gen.insn_socket.bind(b.icache.cpu_socket);
  sc_core::sc_start();
  return gen.result;
}

nlohmann::ordered_json run_traffic_study(const traffic_study_options& options) {
  std::vector<std::string> preset_names = options.presets;
  if (preset_names.empty()) {
    for (const preset& p : presets()) preset_names.push_back(p.name);
  }
  const std::vector<std::string> fixes = options.fixes.empty() ? fix_ids() : options.fixes;
  // Every configuration is built (and so checked) before the first run.
  std::vector<std::function<std::string()>> jobs;
  for (const std::string& preset_name : preset_names) {
    for (const std::string& fix : fixes) {
      config_sources sources;
      sources.preset = preset_name;
      sources.overrides = options.overrides;
      // The replay plays the seed's steps whatever the workload: its spec
      // keeps the default schedule without make_run_spec's check of it.
      run_spec spec;
      spec.fix = find_fix(fix);
      spec.config = firmware_config(sources, fix);
      jobs.push_back([spec] { return run_traffic_replay(spec).dump(); });
    }
  }
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const run_outcome& o : run_isolated(jobs, options.jobs)) {
    if (!o.ok) throw std::runtime_error("a study run failed: " + o.output);
    runs.push_back(nlohmann::ordered_json::parse(o.output));
  }
  return runs;
}

}  // namespace pavp
