// pavp::gdb::gdb_stub: see gdb_stub.h.
#include "pavp/gdb/gdb_stub.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace pavp::gdb {

namespace {

constexpr unsigned k_registers = 128;
constexpr unsigned k_page = 4096;
// Ctrl-C is looked for after this many instructions or chunks, and then only
// when this much host time has passed since the last look.
constexpr unsigned k_poll_every = 1024;
constexpr std::uint64_t k_poll_ns = 10'000'000;

std::string hex32(std::uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

std::string hex_text(const std::string& text) {
  return to_hex(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

// "addr,len" (and what follows after sep, if sep is given).
bool parse_addr_len(const std::string& text, std::uint64_t& addr, std::uint64_t& len,
                    std::string* rest = nullptr) {
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos) return false;
  std::size_t end = text.size();
  if (rest) {
    end = text.find(':', comma);
    if (end == std::string::npos) return false;
    *rest = text.substr(end + 1);
  }
  return parse_hex(text.substr(0, comma), addr) &&
         parse_hex(text.substr(comma + 1, end - comma - 1), len) && addr <= 0xffffffffu;
}

std::uint64_t now_ns() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace

gdb_stub::gdb_stub(cpu::cpu_model& cpu, unsigned port) : m_cpu(cpu), m_conn(port) {}

void gdb_stub::add_command(const std::string& name, const std::string& help, command handler) {
  m_commands[name] = command_entry{help, std::move(handler)};
}

void gdb_stub::say(const std::string& line) const {
  if (m_log) {
    m_log(line);
  } else {
    std::cerr << "pavp: gdb: " << line << std::endl;
  }
}

void gdb_stub::request_stop(const std::string& why) {
  if (m_mode == mode::DETACHED || !m_pending_stop.empty()) return;
  if (!why.empty()) m_conn.send("O" + hex_text(why + "\n"));
  m_pending_stop = "T05";
}

bool gdb_stub::per_instruction() const {
  switch (m_mode) {
    case mode::DETACHED:
      return false;
    case mode::CONTINUE:
      return !m_breakpoints.empty() || !m_watchpoints.empty() || m_check_requests ||
             !m_pending_stop.empty();
    case mode::HOLD:
    case mode::STEP:
      break;
  }
  return true;
}

bool gdb_stub::before_instruction() {
  if (m_mode == mode::HOLD && !m_conn.connected()) {
    say("waiting for a debugger on 127.0.0.1:" + std::to_string(port()) +
        " (gdb-multiarch FILE.elf -ex 'target remote :" + std::to_string(port()) + "')");
    m_conn.accept_client();
    say("debugger connected; simulated time stands still while it holds the CPU");
    if (!serve()) return false;
  } else if (!m_pending_stop.empty()) {
    std::string reply;
    reply.swap(m_pending_stop);
    if (!stop(reply)) return false;
  } else if (m_mode == mode::STEP && m_since_resume > 0) {
    if (!stop("T05")) return false;
  } else if (m_mode == mode::CONTINUE && m_since_resume > 0 &&
             m_breakpoints.count(m_cpu.core().state().iaoq_f & ~3u) != 0) {
    if (!stop("T05swbreak:;")) return false;
  } else if (interrupted()) {
    if (!stop("T02")) return false;
  }
  ++m_since_resume;
  return true;
}

bool gdb_stub::between_chunks() {
  if (m_mode == mode::DETACHED) return true;
  if (!m_pending_stop.empty()) {
    std::string reply;
    reply.swap(m_pending_stop);
    return stop(reply);
  }
  if (interrupted()) return stop("T02");
  return true;
}

bool gdb_stub::interrupted() {
  if (m_mode == mode::DETACHED) return false;
  if (++m_poll_countdown < k_poll_every) return false;
  m_poll_countdown = 0;
  const std::uint64_t now = now_ns();
  if (now - m_last_poll_ns < k_poll_ns) return false;
  m_last_poll_ns = now;
  const bool hit = m_conn.interrupt_pending();
  if (!m_conn.connected()) {
    detach("the debugger disconnected");
    return false;
  }
  return hit;
}

void gdb_stub::data_access(bool is_write, std::uint32_t vaddr, std::uint32_t, unsigned len) {
  if (m_watchpoints.empty() || m_mode == mode::DETACHED || !m_pending_stop.empty()) return;
  for (const watchpoint& w : m_watchpoints) {
    const bool kind_ok = w.kind == watch_kind::ACCESS || (w.kind == watch_kind::WRITE) == is_write;
    const bool overlap =
        vaddr < w.addr + std::uint64_t{w.len} && w.addr < vaddr + std::uint64_t{len};
    if (!kind_ok || !overlap) continue;
    const char* name = w.kind == watch_kind::WRITE  ? "watch"
                       : w.kind == watch_kind::READ ? "rwatch"
                                                    : "awatch";
    std::ostringstream os;
    os << "T05" << name << ':' << std::hex << w.addr << ';';
    m_pending_stop = os.str();
    return;
  }
}

void gdb_stub::at_end() {
  if (m_mode == mode::DETACHED || !m_conn.connected()) return;
  const int status = m_exit_status ? m_exit_status() : 0;
  char buf[8];
  std::snprintf(buf, sizeof buf, "W%02x", static_cast<unsigned>(status) & 0xffu);
  m_conn.send(buf);
  m_conn.close_client();
}

bool gdb_stub::stop(const std::string& reply) {
  if (!m_conn.send(reply)) {
    detach("the debugger disconnected");
    return true;
  }
  return serve();
}

void gdb_stub::detach(const std::string& why) {
  const std::string problem = m_conn.take_problem();
  say((problem.empty() ? why : problem) + "; the run goes on without it");
  m_conn.close_client();
  m_breakpoints.clear();
  m_watchpoints.clear();
  m_pending_stop.clear();
  m_check_requests = false;
  m_mode = mode::DETACHED;
}

bool gdb_stub::serve() {
  for (;;) {
    std::string packet;
    const rsp_connection::event ev = m_conn.receive(packet);
    const std::string problem = m_conn.take_problem();
    if (ev == rsp_connection::event::CLOSED) {
      detach(problem.empty() ? "the debugger disconnected" : problem);
      return true;
    }
    if (!problem.empty()) say(problem);
    if (ev == rsp_connection::event::INTERRUPT) continue;  // already stopped
    switch (handle(packet)) {
      case action::STAY:
        break;
      case action::RESUME:
        m_since_resume = 0;
        return true;
      case action::KILL:
        say("the debugger ended the run");
        m_conn.close_client();
        m_mode = mode::DETACHED;
        return false;
    }
    if (!m_conn.connected()) {
      detach("the debugger disconnected");
      return true;
    }
  }
}

gdb_stub::action gdb_stub::handle(const std::string& p) {
  auto reply = [this](const std::string& r) {
    m_conn.send(r);
    return action::STAY;
  };
  auto malformed = [&]() {
    say("malformed packet '" + p.substr(0, 60) + "' answered with an error (E01)");
    return reply("E01");
  };
  if (p.empty()) return reply("");
  const std::string args = p.substr(1);
  switch (p[0]) {
    case '?':
      return reply("S05");
    case 'g':
      return reply(read_registers());
    case 'G': {
      std::string bytes;
      if (!from_hex(args, bytes) || bytes.size() < 4 * k_registers) return malformed();
      for (unsigned n = 0; n < k_registers; ++n) {
        const auto* b = reinterpret_cast<const std::uint8_t*>(bytes.data()) + 4 * n;
        write_register(n, (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) |
                              (std::uint32_t{b[2]} << 8) | b[3]);
      }
      return reply("OK");
    }
    case 'p': {
      std::uint64_t n = 0;
      if (!parse_hex(args, n)) return malformed();
      if (n >= k_registers) return reply("E00");
      return reply(hex32(register_value(static_cast<unsigned>(n))));
    }
    case 'P': {
      const std::size_t eq = args.find('=');
      std::uint64_t n = 0;
      std::string bytes;
      if (eq == std::string::npos || !parse_hex(args.substr(0, eq), n) ||
          !from_hex(args.substr(eq + 1), bytes) || bytes.size() != 4) {
        return malformed();
      }
      const auto* b = reinterpret_cast<const std::uint8_t*>(bytes.data());
      if (n >= k_registers) return reply("E00");
      write_register(static_cast<unsigned>(n), (std::uint32_t{b[0]} << 24) |
                                                   (std::uint32_t{b[1]} << 16) |
                                                   (std::uint32_t{b[2]} << 8) | b[3]);
      return reply("OK");
    }
    case 'm': {
      std::uint64_t addr = 0, len = 0;
      if (!parse_addr_len(args, addr, len) || len > 0x10000) return malformed();
      std::vector<std::uint8_t> buf(len);
      const std::size_t got =
          access_memory(false, static_cast<std::uint32_t>(addr), buf.data(), len);
      if (got == 0 && len > 0) return reply("E14");
      return reply(to_hex(buf.data(), got));
    }
    case 'M':    // M addr,len:hex
    case 'X': {  // X addr,len:binary ('}' escapes, the byte XOR 0x20)
      std::uint64_t addr = 0, len = 0;
      std::string data, bytes;
      if (!parse_addr_len(args, addr, len, &data)) return malformed();
      if (p[0] == 'M') {
        if (!from_hex(data, bytes)) return malformed();
      } else {
        for (std::size_t i = 0; i < data.size(); ++i) {
          bytes +=
              static_cast<char>(data[i] == '}' && i + 1 < data.size() ? data[++i] ^ 0x20 : data[i]);
        }
      }
      if (bytes.size() != len) return malformed();
      const std::size_t done = access_memory(true, static_cast<std::uint32_t>(addr),
                                             reinterpret_cast<std::uint8_t*>(bytes.data()), len);
      return reply(done == len ? "OK" : "E14");
    }
    case 'c':
    case 's':
    case 'C':
    case 'S': {
      // c [addr], s [addr], C sig[;addr], S sig[;addr]: the signal is
      // ignored (there is no process to deliver it to).
      std::string at = args;
      if (p[0] == 'C' || p[0] == 'S') {
        const std::size_t semi = args.find(';');
        at = semi == std::string::npos ? "" : args.substr(semi + 1);
      }
      if (!at.empty()) {
        std::uint64_t pc = 0;
        if (!parse_hex(at, pc) || pc > 0xffffffffu) return malformed();
        cpu::cpu_state& s = m_cpu.core().state();
        s.iaoq_f = (static_cast<std::uint32_t>(pc) & ~3u) | s.privilege();
        s.iaoq_b = s.iaoq_f + 4;
      }
      m_mode = (p[0] == 's' || p[0] == 'S') ? mode::STEP : mode::CONTINUE;
      return action::RESUME;
    }
    case 'Z':
    case 'z': {
      // Z type,addr,kind
      const std::size_t c1 = args.find(',');
      const std::size_t c2 = c1 == std::string::npos ? c1 : args.find(',', c1 + 1);
      std::uint64_t type = 0, addr = 0, kind = 0;
      if (c2 == std::string::npos || !parse_hex(args.substr(0, c1), type) ||
          !parse_hex(args.substr(c1 + 1, c2 - c1 - 1), addr) ||
          !parse_hex(args.substr(c2 + 1, args.find(';', c2) - c2 - 1), kind) ||
          addr > 0xffffffffu) {
        return malformed();
      }
      const bool insert = p[0] == 'Z';
      const auto a = static_cast<std::uint32_t>(addr);
      if (type <= 1) {
        if (insert) {
          m_breakpoints.insert(a & ~3u);
        } else {
          m_breakpoints.erase(a & ~3u);
        }
        return reply("OK");
      }
      if (type > 4 || kind == 0 || kind > 0x10000) return reply("");
      const watchpoint w{static_cast<watch_kind>(type), a, static_cast<std::uint32_t>(kind)};
      auto same = [&](const watchpoint& o) {
        return o.kind == w.kind && o.addr == w.addr && o.len == w.len;
      };
      if (insert) {
        m_watchpoints.push_back(w);
      } else {
        auto it = std::find_if(m_watchpoints.begin(), m_watchpoints.end(), same);
        if (it != m_watchpoints.end()) m_watchpoints.erase(it);
      }
      return reply("OK");
    }
    case 'k':
      return action::KILL;
    case 'D':
      m_conn.send("OK");
      detach("the debugger detached");
      return action::RESUME;
    case 'H':
    case 'T':
      return reply("OK");
    case 'q':
      if (p.rfind("qSupported", 0) == 0) {
        return reply("PacketSize=4000;QStartNoAckMode+;swbreak+;hwbreak+");
      }
      if (p == "qAttached") return reply("1");
      if (p == "qC") return reply("QC1");
      if (p == "qfThreadInfo") return reply("m1");
      if (p == "qsThreadInfo") return reply("l");
      if (p.rfind("qSymbol", 0) == 0) return reply("OK");
      if (p.rfind("qRcmd,", 0) == 0) {
        std::string line;
        if (!from_hex(p.substr(6), line)) return malformed();
        const std::string out = monitor(line);
        if (!out.empty()) m_conn.send("O" + hex_text(out));
        return reply("OK");
      }
      return reply("");
    case 'Q':
      if (p == "QStartNoAckMode") {
        reply("OK");
        m_conn.set_no_ack(true);
        return action::STAY;
      }
      return reply("");
    case 'v':
      if (p.rfind("vKill", 0) == 0) {
        m_conn.send("OK");
        return action::KILL;
      }
      return reply("");
    default:
      return reply("");
  }
}

std::string gdb_stub::monitor(const std::string& line) {
  const std::size_t sp = line.find(' ');
  const std::string name = line.substr(0, sp);
  std::string args;
  if (sp != std::string::npos) {
    const std::size_t first = line.find_first_not_of(' ', sp);
    if (first != std::string::npos) args = line.substr(first);
  }
  if (name == "help" || name.empty()) {
    std::string out = "pavp monitor commands:\n  help  this text\n  cr    every control register\n";
    for (const auto& [n, c] : m_commands) out += "  " + n + "  " + c.help + "\n";
    return out;
  }
  if (name == "cr") {
    const cpu::cpu_state& s = m_cpu.core().state();
    std::ostringstream os;
    unsigned shown = 0;
    for (unsigned i = 0; i < 32; ++i) {
      if (i >= 1 && i <= 7) continue;  // not in PA-RISC 1.1
      const std::uint32_t v = i == 16 ? m_cpu.core().interval_timer() : s.cr[i];
      os << "cr" << i << (i < 10 ? "  " : " ") << "0x" << hex32(v)
         << (++shown % 5 == 0 ? "\n" : "   ");
    }
    os << "\nIIASQ back 0x" << hex32(s.cr_back[0]) << "   IIAOQ back 0x" << hex32(s.cr_back[1])
       << "   PSW 0x" << hex32(s.get_psw()) << "\n";
    return os.str();
  }
  auto it = m_commands.find(name);
  if (it == m_commands.end()) {
    std::string known = "help, cr";
    for (const auto& [n, c] : m_commands) known += ", " + n;
    return "unknown monitor command '" + name + "' (known: " + known + ")\n";
  }
  std::string out = it->second.handler(args);
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::uint32_t* gdb_stub::register_slot(unsigned n) const {
  cpu::cpu_state& s = m_cpu.core().state();
  if (n >= 1 && n < 32) return &s.gr[n];
  if (n >= 44 && n <= 47) return &s.sr[n - 44];  // sr0..sr3
  if (n >= 48 && n <= 50) return &s.sr[n - 43];  // sr5..sr7
  if (n >= 57 && n <= 63) return &s.cr[n - 33];  // cr24..cr30
  switch (n) {
    case 32:
      return &s.cr[cpu::CR_SAR];
    case 33:
      return &s.iaoq_f;
    case 34:
      return &s.iasq_f;
    case 35:
      return &s.iaoq_b;
    case 36:
      return &s.iasq_b;
    case 37:
      return &s.cr[cpu::CR_EIEM];
    case 38:
      return &s.cr[cpu::CR_IIR];
    case 39:
      return &s.cr[cpu::CR_ISR];
    case 40:
      return &s.cr[cpu::CR_IOR];
    case 43:
      return &s.sr[4];
    case 51:
      return &s.cr[cpu::CR_RC];
    case 52:
      return &s.cr[cpu::CR_PID1];
    case 53:
      return &s.cr[cpu::CR_PID2];
    case 54:
      return &s.cr[cpu::CR_CCR];
    case 55:
      return &s.cr[cpu::CR_PID3];
    case 56:
      return &s.cr[cpu::CR_PID4];
    default:
      return nullptr;
  }
}

std::uint32_t gdb_stub::register_value(unsigned n) const {
  const cpu::cpu_state& s = m_cpu.core().state();
  if (n == 0 || n == 41) return s.get_psw();
  if (n >= 64) return s.frw(((n - 64) / 2) | ((n & 1u) ? 32u : 0u));  // fr0 high first
  const std::uint32_t* slot = register_slot(n);
  return slot ? *slot : 0;
}

bool gdb_stub::write_register(unsigned n, std::uint32_t v) {
  cpu::cpu_state& s = m_cpu.core().state();
  if (n == 0 || n == 41) {
    s.set_psw(v);
    return true;
  }
  if (n >= 64) {
    s.set_frw(((n - 64) / 2) | ((n & 1u) ? 32u : 0u), v);
    return true;
  }
  std::uint32_t* slot = register_slot(n);
  if (slot) *slot = v;
  return slot != nullptr;
}

std::string gdb_stub::read_registers() const {
  std::string out;
  out.reserve(8 * k_registers);
  for (unsigned n = 0; n < k_registers; ++n) out += hex32(register_value(n));
  return out;
}

std::optional<gdb_stub::where> gdb_stub::translate(std::uint32_t vaddr) const {
  const cpu::cpu_state& s = m_cpu.core().state();
  const std::uint32_t space = s.sr[4 + (vaddr >> 30)];
  if (s.psw & cpu::PSW_D) {
    if (const cpu::tlb_entry* e = m_cpu.core().mmu_unit().dtlb_lookup(space, vaddr)) {
      return where{e->paddr(vaddr), space};
    }
    if (m_translate) {
      if (auto pa = m_translate(vaddr)) return where{*pa, space};
    }
    return std::nullopt;
  }
  if (m_translate) {
    if (auto pa = m_translate(vaddr)) return where{*pa, space};
  }
  return where{vaddr, 0};
}

std::size_t gdb_stub::access_memory(bool write, std::uint32_t vaddr, std::uint8_t* data,
                                    std::size_t len) {
  std::size_t done = 0;
  while (done < len) {  // page by page: each page has its own translation
    const std::uint32_t a = vaddr + static_cast<std::uint32_t>(done);
    const auto n = static_cast<unsigned>(std::min<std::size_t>(len - done, k_page - a % k_page));
    const std::optional<where> w = translate(a);
    if (!w) break;
    const unsigned moved = write ? m_cpu.debug_write_at(a, w->space, w->paddr, data + done, n)
                                 : m_cpu.debug_read_at(a, w->space, w->paddr, data + done, n);
    done += moved;
    if (moved < n) break;
  }
  return done;
}

}  // namespace pavp::gdb
