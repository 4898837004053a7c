// Test bench of pavp::cpu::cpu_model, the SystemC wrapper of the ISS: the CPU
// on the board's caches and DRAM, running small programs (encodings from
// hppa-linux-gnu-as, linked at 0x10000) written to memory by debug transport
// when the simulation starts.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include <cstdint>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "pavp/cache/access_observer.h"
#include "pavp/cache/cache.h"
#include "pavp/cpu/cpu.h"
#include "pavp/tlm/interface_query.h"
#include "platform/board/board.h"
#include "platform/board/config.h"
#include "platform/study/run_pool.h"

namespace {

using pavp::cpu::cpu_model;
using pavp::cpu::run_result;
using pavp::cpu::stop_reason;

// for (r4 = 1000; r4 != 0; --r4) { mem[0x20000] += r4; r28 += mem[0x20000]; } break
const std::vector<std::uint32_t> k_loop = {
    0x20700000,  // ldil L%0x20000,r3
    0x340407d0,  // ldi 1000,r4
    0x341c0000,  // ldi 0,r28
    0x0c601085,  // loop: ldw 0(r3),r5
    0x08850605,  // add r5,r4,r5
    0x0c651280,  // stw r5,0(r3)
    0xac9f3fdd,  // addib,<> -1,r4,loop
    0x08bc061c,  // add r28,r5,r28 (delay slot)
    0x00000000,  // break 0,0
};

// Calls target (ldi 1,r28), rewrites its delay-slot word to ldi 2,r28, FDC +
// FIC over the line, calls it again: r5 = 1, r28 = 2.
const std::vector<std::uint32_t> k_selfmod = {
    0x20680000,  // ldil L%0x10000,r3
    0x34630080,  // ldo 0x40(r3),r3          r3 = target
    0xe8400060,  // b,l target,rp
    0x08000240,  // nop
    0x081c0245,  // copy r28,r5
    0x2080c682,  // ldil L%0x341c0000,r4
    0x34840008,  // ldo 4(r4),r4             r4 = "ldi 2,r28"
    0x0c641288,  // stw r4,4(r3)
    0x04601280,  // fdc r0(r3)
    0x00000400,  // sync
    0x04602280,  // fic r0(sr4,r3)
    0x00000400,  // sync
    0xe8400010,  // b,l target,rp
    0x08000240,  // nop
    0x00000000,  // break 0,0
    0x00000000,  //
    0xe840c000,  // target (0x10040): bv r0(rp)
    0x341c0002,  // ldi 1,r28
};

// Writes exit code 0 to the sim-control device (which calls sc_stop() from
// within the store), then would count r4 down from 1000 and break.
const std::vector<std::uint32_t> k_exit_then_loop = {
    0x20602ffd,  // ldil L%0xFFE01000,r3
    0x34630000,  // ldo 0(r3),r3
    0x34040000,  // ldi 0,r4
    0x0c641290,  // stw r4,8(r3)             EXIT <- 0
    0x340407d0,  // ldi 1000,r4
    0xac9f3ff5,  // loop: addib,<> -1,r4,loop
    0x08000240,  // nop
    0x00000000,  // break 0,0
};

struct bench {
  pavp::platform_config cfg;
  std::unique_ptr<pavp::board> b;
  cpu_model* cpu = nullptr;  // the board's
  run_result stop;

  explicit bench(const std::vector<std::uint32_t>& program, std::uint64_t quantum_ns = 100,
                 std::uint64_t max_instructions = 1'000'000, bool direct_cache = true,
                 bool skip_idle_syncs = false, pavp::data_path_module data_path = {}) {
    pavp::config_sources src;
    src.overrides = {"cpu.quantum_ns=" + std::to_string(quantum_ns)};
    cfg = pavp::load_config(src);
    pavp::board_options bo;
    bo.echo_console = false;
    bo.cpu = pavp::cpu_config_of(cfg);
    bo.cpu->max_instructions = max_instructions;
    bo.cpu->direct_cache = direct_cache;
    bo.cpu->skip_idle_syncs = skip_idle_syncs;
    bo.data_path = data_path;
    b = std::make_unique<pavp::board>("board", cfg, bo);
    cpu = b->cpu.get();
    cpu->set_start_handler([this, program] {
      std::vector<std::uint8_t> bytes;
      for (std::uint32_t w : program) {
        for (int s = 24; s >= 0; s -= 8) bytes.push_back(static_cast<std::uint8_t>(w >> s));
      }
      const auto n = static_cast<unsigned>(bytes.size());
      if (cpu->debug_write(0x10000, bytes.data(), n) != n) return false;
      cpu->core().state().set_pc(0x10000, 0, 0);
      return true;
    });
    cpu->set_stop_handler([this](const run_result& r) {
      stop = r;
      return false;
    });
  }

  // What a run leaves behind: cycles, simulated time, the memory word the
  // loop programs write, the caches' and the DRAM's counters.
  std::string summary() {
    std::ostringstream os;
    os << cpu->stats().cycles << " " << cpu->stats().sim_seconds << " " << word(0x20000);
    b->icache.stats().print(os, "i.");
    b->dcache.stats().print(os, "d.");
    os << b->memory.stats().bytes_read << " " << b->memory.stats().bytes_written << "\n";
    return os.str();
  }

  std::uint32_t word(std::uint32_t addr) {
    std::uint8_t d[4] = {};
    cpu->debug_read(addr, d, 4);
    return (std::uint32_t{d[0]} << 24) | (std::uint32_t{d[1]} << 16) | (std::uint32_t{d[2]} << 8) |
           d[3];
  }
};

TEST(CpuModel, RunsAProgramThroughTheCaches) {
  bench t(k_loop);
  sc_core::sc_start();
  ASSERT_EQ(t.cpu->end(), cpu_model::end_reason::STOPPED);
  EXPECT_EQ(t.stop.reason, stop_reason::TRAP);
  EXPECT_EQ(t.stop.trap, pavp::cpu::TRAP_BREAK);
  EXPECT_EQ(t.stop.pc & ~3u, 0x10020u);

  // Results: the memory word through the D-cache, r28 the running sum.
  std::uint32_t mem = 0, sum = 0;
  for (std::uint32_t i = 1000; i != 0; --i) {
    mem += i;
    sum += mem;
  }
  EXPECT_EQ(t.word(0x20000), mem);
  EXPECT_EQ(t.cpu->core().state().gr[28], sum);

  // 3 set-up instructions, 5 per iteration; the BREAK does not complete.
  const pavp::cpu::iss_stats& s = t.cpu->core().stats();
  EXPECT_EQ(s.instructions, 3u + 5u * 1000u);
  EXPECT_EQ(s.loads, 1000u);
  EXPECT_EQ(s.stores, 1000u);

  // Every load, store and line fetch is visible in the cache statistics.
  const pavp::cache_stats& ic = t.b->icache.stats();
  const pavp::cache_stats& dc = t.b->dcache.stats();
  const auto FETCH = static_cast<unsigned>(pavp::access_kind::FETCH);
  const auto LOAD = static_cast<unsigned>(pavp::access_kind::LOAD);
  const auto STORE = static_cast<unsigned>(pavp::access_kind::STORE);
  EXPECT_EQ(ic.hits[FETCH] + ic.misses[FETCH], s.fetch_lines);
  EXPECT_EQ(s.fetch_lines, 2u);  // two lines; the loop stays in the second
  EXPECT_EQ(dc.hits[LOAD] + dc.misses[LOAD], 1000u);
  EXPECT_EQ(dc.hits[STORE] + dc.misses[STORE], 1000u);
  EXPECT_EQ(dc.misses[LOAD], 1u);  // one line, missed once
}

// A pass-through between the CPU's data socket and the D-cache that must see
// every load and store, as the study's coherence probe does: it offers itself
// as an access_observer, so that the CPU calls the cache directly and tells
// it of each access, and it records what it is told. Through its socket
// (no direct cache) it records the same from the transactions.
struct recording_observer : sc_core::sc_module, pavp::access_observer {
  tlm_utils::simple_target_socket<recording_observer> from_cpu{"from_cpu"};
  tlm_utils::simple_initiator_socket<recording_observer> to_cache{"to_cache"};
  std::ostringstream log;  // one line per load or store: R|W kind paddr len value
  unsigned befores = 0;

  explicit recording_observer(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {
    from_cpu.register_b_transport(this, &recording_observer::b_transport);
    from_cpu.register_transport_dbg(this, &recording_observer::transport_dbg);
  }
  pavp::cache* observed_cache() override { return pavp::find_cache(to_cache); }
  void before_access() override { ++befores; }
  void after_access(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
                    const pavp::access_extension& ext) override {
    if (cmd == tlm::TLM_IGNORE_COMMAND) return;  // a cache operation
    std::uint32_t value = 0;
    for (unsigned i = 0; i < len; ++i) value = value << 8 | data[i];
    log << (cmd == tlm::TLM_WRITE_COMMAND ? 'W' : 'R') << ' ' << static_cast<int>(ext.kind) << ' '
        << std::hex << paddr << ' ' << std::dec << len << ' ' << value << '\n';
  }
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
    if (pavp::answer_interface_query<pavp::access_observer>(gp, this)) return;
    const auto* ext = gp.get_extension<pavp::access_extension>();
    const tlm::tlm_command cmd = gp.get_command();
    if (cmd == tlm::TLM_IGNORE_COMMAND && ext == nullptr) {  // a query: nothing may bypass us
      gp.set_response_status(tlm::TLM_OK_RESPONSE);
      return;
    }
    if (cmd != tlm::TLM_IGNORE_COMMAND) before_access();
    to_cache->b_transport(gp, delay);
    if (gp.is_response_ok() && ext != nullptr) {
      after_access(cmd, gp.get_address(), gp.get_data_ptr(), gp.get_data_length(), *ext);
    }
  }
  unsigned transport_dbg(tlm::tlm_generic_payload& gp) { return to_cache->transport_dbg(gp); }
};

// An observer in front of the D-cache is told of every load and store once,
// with its address and data, whether the core serves a hit itself (the
// direct cache) or the access goes through the observer's socket; and it
// changes nothing in the run.
TEST(CpuModel, ObserverIsToldOfEveryLoadAndStoreOnce) {
  enum mode { NO_OBSERVER, DIRECT, SOCKET };
  auto run = [](mode m) {
    return [m] {
      std::unique_ptr<recording_observer> observer;
      pavp::data_path_module path;
      if (m != NO_OBSERVER) {
        observer = std::make_unique<recording_observer>("observer");
        path = {&observer->from_cpu, &observer->to_cache};
      }
      bench t(k_loop, 100, 1'000'000, m != SOCKET, false, path);
      sc_core::sc_start();
      std::string out = t.summary() + "--\n";
      if (observer) {
        out += "befores " + std::to_string(observer->befores) + "\n" + observer->log.str();
      }
      return out;
    };
  };
  const auto r = pavp::run_isolated({run(NO_OBSERVER), run(DIRECT), run(SOCKET)}, 2);
  for (const auto& one : r) ASSERT_TRUE(one.ok) << one.output;

  // What k_loop's loads and stores carry: mem[0x20000] before and after each add.
  std::ostringstream expect;
  expect << "befores 2000\n";
  const auto LOAD = static_cast<int>(pavp::access_kind::LOAD);
  const auto STORE = static_cast<int>(pavp::access_kind::STORE);
  std::uint32_t mem = 0;
  for (std::uint32_t i = 1000; i != 0; --i) {
    expect << "R " << LOAD << " 20000 4 " << mem << '\n';
    mem += i;
    expect << "W " << STORE << " 20000 4 " << mem << '\n';
  }
  const std::string plain = r[NO_OBSERVER].output;
  EXPECT_EQ(r[DIRECT].output, plain + expect.str());
  EXPECT_EQ(r[SOCKET].output, plain + expect.str());
}

TEST(CpuModel, CyclesBecomeTimeUnderTheQuantum) {
  bench t(k_loop, 100);
  sc_core::sc_start();
  const pavp::cpu::cpu_model_stats s = t.cpu->stats();
  // At least the base cost; memory latencies add more (a DRAM miss or two).
  EXPECT_GT(s.cycles, s.instructions);
  // Simulated time is exactly the cycle count times the clock period.
  const double expect =
      static_cast<double>(s.cycles) * static_cast<double>(t.cfg.cpu.clock_period_ps()) * 1e-12;
  EXPECT_NEAR(s.sim_seconds, expect, 1e-15);
  // The thread synchronised with the kernel: SystemC time advanced to within
  // one quantum of the CPU's local time.
  const double kernel = sc_core::sc_time_stamp().to_seconds();
  EXPECT_GT(kernel, 0.0);
  EXPECT_LE(expect - kernel,
            100e-9 + 1e-12 * static_cast<double>(t.cfg.cpu.clock_period_ps()) * 1000.0);
  EXPECT_GT(s.host_seconds, 0.0);
}

// The direct cache interface skips only the generic payload: the run is the
// same, cycle for cycle and counter for counter, as with TLM transport.
TEST(CpuModel, DirectCacheInterfaceMatchesTlmTransport) {
  auto run = [](bool direct) {
    return [direct] {
      bench t(k_loop, 100, 1'000'000, direct);
      sc_core::sc_start();
      return t.summary();
    };
  };
  const auto r = pavp::run_isolated({run(true), run(false)}, 2);
  ASSERT_TRUE(r[0].ok) << r[0].output;
  ASSERT_TRUE(r[1].ok) << r[1].output;
  EXPECT_EQ(r[0].output, r[1].output);
  EXPECT_NE(r[0].output.find("d.store_hits 1000\n"), std::string::npos) << r[0].output;
}

TEST(CpuModel, InstructionLimitEndsTheRun) {
  bench t(k_loop, 100, 100);
  sc_core::sc_start();
  EXPECT_EQ(t.cpu->end(), cpu_model::end_reason::INSTRUCTION_LIMIT);
  EXPECT_EQ(t.cpu->core().stats().instructions, 100u);
}

TEST(CpuModel, FicMakesRewrittenCodeVisible) {
  bench t(k_selfmod);
  sc_core::sc_start();
  ASSERT_EQ(t.stop.reason, stop_reason::TRAP);
  EXPECT_EQ(t.stop.trap, pavp::cpu::TRAP_BREAK);
  EXPECT_EQ(t.cpu->core().state().gr[5], 1u);   // the original code
  EXPECT_EQ(t.cpu->core().state().gr[28], 2u);  // the rewritten code, after FDC + FIC
  const auto FIC = static_cast<unsigned>(pavp::cache_op::FIC);
  const auto FDC = static_cast<unsigned>(pavp::cache_op::FDC);
  EXPECT_EQ(t.b->icache.stats().ops[FIC], 1u);
  EXPECT_EQ(t.b->dcache.stats().ops[FDC], 1u);
}

// An interrupt line sets its EIRR bit (line n -> mask 1 << n); with PSW.I
// off and delivery off the program runs on undisturbed.
struct irq_driver : sc_core::sc_module {
  sc_core::sc_signal<bool> line{"line"};
  explicit irq_driver(sc_core::sc_module_name name) : sc_module(name) {
    SC_HAS_PROCESS(irq_driver);
    SC_THREAD(drive);
  }
  void drive() {
    wait(sc_core::sc_time(200, sc_core::SC_NS));
    line.write(true);
  }
};

TEST(CpuModel, InterruptLineSetsEirr) {
  pavp::config_sources src;
  pavp::platform_config cfg = pavp::load_config(src);
  pavp::board_options bo;
  bo.echo_console = false;
  bo.cpu = pavp::cpu_config_of(cfg);
  bo.cpu->quantum_ps = 50'000;
  bo.cpu->irq_lines = 3;
  bo.cpu->skip_idle_syncs = false;
  bo.cpu->max_instructions = 1'000'000;
  pavp::board b("board", cfg, bo);
  cpu_model& cpu = *b.cpu;
  irq_driver drv("drv");
  sc_core::sc_signal<bool> low0("low0"), low1("low1");
  cpu.irq[0].bind(low0);
  cpu.irq[1].bind(low1);
  cpu.irq[2].bind(drv.line);
  cpu.set_start_handler([&cpu] {
    std::vector<std::uint8_t> bytes;
    for (std::uint32_t w : k_loop) {
      for (int s = 24; s >= 0; s -= 8) bytes.push_back(static_cast<std::uint8_t>(w >> s));
    }
    cpu.debug_write(0x10000, bytes.data(), static_cast<unsigned>(bytes.size()));
    cpu.core().state().set_pc(0x10000, 0, 0);
    return true;
  });
  sc_core::sc_start();
  EXPECT_EQ(cpu.last_stop().trap, pavp::cpu::TRAP_BREAK);
  EXPECT_EQ(cpu.core().state().cr[pavp::cpu::CR_EIRR] & 7u, 4u);
}

// A process that wakes at a given time, records how far the CPU had got
// then, and optionally stops the simulation.
struct observer : sc_core::sc_module {
  const cpu_model* cpu = nullptr;
  sc_core::sc_time at;
  bool stop = false;
  std::uint64_t seen_instructions = 0;
  double seen_kernel_seconds = 0;
  observer(sc_core::sc_module_name name, const sc_core::sc_time& wake) : sc_module(name), at(wake) {
    SC_HAS_PROCESS(observer);
    SC_THREAD(watch);
  }
  void watch() {
    wait(at);
    seen_instructions = cpu->core().stats().instructions;
    seen_kernel_seconds = sc_core::sc_time_stamp().to_seconds();
    if (stop) sc_core::sc_stop();
  }
};

// Skipping the quantum's wait when nothing else is scheduled changes the
// speed only: the same cycles, cache and DRAM counters and results. Alone
// on the kernel, the CPU then never waits (SystemC time stays 0).
TEST(CpuModel, SkippedIdleSyncsGiveTheSameRun) {
  auto run = [](bool skip) {
    return [skip] {
      bench t(k_loop, 100, 1'000'000, true, skip);
      sc_core::sc_start();
      return t.summary() + "kernel " + std::to_string(sc_core::sc_time_stamp().value());
    };
  };
  const auto r = pavp::run_isolated({run(false), run(true)}, 2);
  ASSERT_TRUE(r[0].ok) << r[0].output;
  ASSERT_TRUE(r[1].ok) << r[1].output;
  const auto body = [](const std::string& out) { return out.substr(0, out.rfind("kernel ")); };
  EXPECT_EQ(body(r[0].output), body(r[1].output));
  EXPECT_EQ(r[1].output.substr(r[1].output.rfind("kernel ")), "kernel 0");
  EXPECT_NE(r[0].output.substr(r[0].output.rfind("kernel ")), "kernel 0");
}

// Another process scheduled in the middle of the run still runs when the
// CPU's local time reaches it, seeing the CPU exactly where it would with
// every sync; and its sc_stop() ends the CPU's run there.
TEST(CpuModel, SkippedIdleSyncsStillMeetOtherProcessesAndScStop) {
  auto run = [](bool skip) {
    return [skip] {
      bench t(k_loop, 100, 1'000'000, true, skip);
      observer look("look", sc_core::sc_time(2, sc_core::SC_US));
      look.cpu = t.cpu;
      observer halt("halt", sc_core::sc_time(5, sc_core::SC_US));
      halt.cpu = t.cpu;
      halt.stop = true;
      sc_core::sc_start();
      return std::to_string(look.seen_instructions) + " " +
             std::to_string(look.seen_kernel_seconds) + " " +
             std::to_string(halt.seen_instructions) + " " +
             std::to_string(t.cpu->core().stats().instructions);
    };
  };
  const auto r = pavp::run_isolated({run(false), run(true)}, 2);
  ASSERT_TRUE(r[0].ok) << r[0].output;
  ASSERT_TRUE(r[1].ok) << r[1].output;
  EXPECT_EQ(r[0].output, r[1].output);
  std::istringstream in(r[1].output);
  std::uint64_t look_insns = 0, halt_insns = 0, final_insns = 0;
  double look_time = 0;
  in >> look_insns >> look_time >> halt_insns >> final_insns;
  EXPECT_GT(look_insns, 0u);
  EXPECT_GT(halt_insns, look_insns);
  EXPECT_LT(final_insns, 3u + 5u * 1000u);  // stopped before the loop's end
  EXPECT_DOUBLE_EQ(look_time, 2e-6);
}

// A device's sc_stop() from within one of the CPU's accesses ends the run at
// the next quantum boundary, whether or not idle syncs are skipped.
TEST(CpuModel, ScStopFromADeviceEndsARunThatSkipsIdleSyncs) {
  bench t(k_exit_then_loop, 100, 1'000'000, true, true);
  sc_core::sc_start();
  EXPECT_TRUE(t.b->control.exited());
  EXPECT_EQ(t.b->control.exit_code(), 0u);
  EXPECT_LT(t.cpu->core().stats().instructions, 100u);
}

}  // namespace
