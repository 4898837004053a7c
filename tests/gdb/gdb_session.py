#!/usr/bin/python3
"""pavp --gdb against a real debugger and a bad client (tests/gdb).

  gdb_session.py run  --pavp P --gdb G --kernel K --workload W
      gdb-multiarch in batch mode against `pavp run --gdb 0`: break on
      dup_mmap (an inlined function, found through the kernel's DWARF), the
      pc, a register, a word of memory, a single step, a watchpoint on the
      workload's `heads`, the stop on the first stale read, the end as the
      process exiting; and the run's JSON equal to a run without a debugger.
  gdb_session.py se   --pavp P --gdb G --program watch_me.elf
      the same kind of session against `pavp se --gdb 0`.
  gdb_session.py bad  --pavp P --program watch_me.elf
      a port in use, a malformed packet, a bad checksum, a client that goes
      away in the middle of a packet: one clear line each, no crash, and the
      program still runs to its end.

Each check that fails prints what was expected and the session's output, and
the script exits 1. A missing gdb-multiarch is a failure, not a skip.
"""
import argparse
import json
import os
import re
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checklist import check, exit_status, failures  # noqa: E402

TIMEOUT = 120


def start(cmd):
    """Starts pavp with --gdb 0 in cmd; returns (process, port)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    deadline = time.time() + 30
    seen = ""
    while time.time() < deadline:
        if not sel.select(timeout=max(0.0, deadline - time.time())):
            break
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
        m = re.search(r"waiting for a debugger on 127\.0\.0\.1:(\d+)", line)
        if m:
            return proc, int(m.group(1)), seen
    proc.kill()
    out, err = proc.communicate()
    sys.exit(f"FAIL: pavp did not say which port it waits on; stderr:\n{seen}{err}")


def finish(proc, seen):
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        failures.append("pavp did not end after the debugger left")
    return proc.returncode, out, seen + err


def run_gdb(gdb, elf, port, commands):
    script = "set pagination off\nset confirm off\n" + commands.replace("PORT", str(port))
    with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as f:
        f.write(script)
        path = f.name
    try:
        r = subprocess.run([gdb, "-nx", "-q", "-batch", "-x", path, elf], capture_output=True,
                           text=True, timeout=TIMEOUT)
    finally:
        os.unlink(path)
    return r.stdout + r.stderr


def value(name, text):
    m = re.search(rf"^{name}=([0-9a-fx]+)$", text, re.M)
    return int(m.group(1), 16) if m else None


def need_gdb(gdb):
    if not (os.path.isfile(gdb) or shutil.which(gdb)):
        sys.exit(f"FAIL: {gdb} not found: install Debian's gdb-multiarch "
                 "(scripts/install-deps.sh installs every package pavp uses)")


def session_run(a):
    need_gdb(a.gdb)
    with tempfile.TemporaryDirectory() as tmp:
        plain_json = os.path.join(tmp, "plain.json")
        gdb_json = os.path.join(tmp, "gdb.json")
        base = [a.pavp, "run", "--fix", "none", "--preset", "pa8500", "--schedule", "seed"]
        subprocess.run(base + ["--json", plain_json], check=True, capture_output=True,
                       timeout=TIMEOUT)
        proc, port, seen = start(base + ["--json", gdb_json, "--gdb", "0"])
        out = run_gdb(a.gdb, a.kernel, port, f"""
printf "FILE_WORD=%08x\\n", *(unsigned int *)do_fork
target remote :PORT
printf "TARGET_WORD=%08x\\n", *(unsigned int *)do_fork
break dup_mmap
continue
printf "PC=%08x\\n", $pc
printf "OLDMM=%08x\\n", oldmm
printf "MM_POOL=%08x\\n", &mm_pool
printf "SP=%08x\\n", $sp
printf "MM_WORD=%08x\\n", *(unsigned int *)&mm_pool
stepi
printf "STEP_PC=%08x\\n", $pc
add-symbol-file {a.workload}
delete
watch *(unsigned int *)&heads
continue
printf "WATCH_PC=%08x\\n", $pc
info symbol $pc
delete
monitor stale-stop on
continue
monitor stale
continue
""")
        status, pout, perr = finish(proc, seen)
        check(status == 0, f"pavp run --gdb exits 0 (got {status})", perr)
        check(value("FILE_WORD", out) is not None and value("FILE_WORD", out) == value("TARGET_WORD", out),
              "the word at do_fork read through the target equals the ELF's", out)
        bp = re.search(r"Breakpoint 1 at (0x[0-9a-f]+): file .*fork\.c", out)
        check(bp is not None, "break dup_mmap resolves in fork.c", out)
        check(bp is not None and value("PC", out) == int(bp.group(1), 16),
              "continue stops at dup_mmap's breakpoint address", out)
        check(re.search(r"Breakpoint 1, dup_mmap \(", out) is not None,
              "gdb reports the stop in dup_mmap", out)
        check(value("OLDMM", out) is not None and value("OLDMM", out) == value("MM_POOL", out),
              "dup_mmap's oldmm (DWARF location: a register) is &mm_pool", out)
        check(value("SP", out) not in (None, 0) and value("SP", out) % 64 == 0,
              "the stack pointer (r30) reads as a 64-byte aligned frame", out)
        check(value("MM_WORD", out) is not None, "a word of kernel memory is read", out)
        check(value("STEP_PC", out) not in (None, value("PC", out)), "stepi moves the pc", out)
        check(re.search(r"Hardware watchpoint 2: \*\(unsigned int \*\)&heads\s+Old value = \d+\s+"
                        r"New value = \d+", out) is not None,
              "the watchpoint on the workload's heads hits with old and new values", out)
        check(re.search(r"thread_a2 \+ \d+ in section \.text", out) is not None,
              "the watchpoint stops in the workload's thread_a2", out)
        check("pavp: stale read at pc" in out and "SIGTRAP" in out,
              "monitor stale-stop on stops at the first stale read", out)
        check(re.search(r"first stale read: cycle \d+, pc 0x[0-9a-f]+", out) is not None,
              "monitor stale shows the checker's report", out)
        with open(plain_json) as f:
            plain = json.load(f)
        exit_code = plain.get("exit_code")
        check(re.search(rf"exited with code {exit_code:02o}\]", out) is not None
              if exit_code else "exited normally" in out,
              f"the end of the run is the process exiting (code {exit_code})", out)
        if os.path.exists(gdb_json):
            with open(gdb_json) as f:
                check(json.load(f) == plain,
                      "the run under the debugger gives the same JSON as without it")
        else:
            check(False, "pavp run --gdb wrote its --json", perr)


def session_se(a):
    need_gdb(a.gdb)
    proc, port, seen = start([a.pavp, "se", "--gdb", "0", a.program])
    out = run_gdb(a.gdb, a.program, port, """
printf "FILE_WORD=%08x\\n", *(unsigned int *)bump
target remote :PORT
printf "TARGET_WORD=%08x\\n", *(unsigned int *)bump
break bump
continue
printf "PC=%08x\\n", $pc
printf "BUMP=%08x\\n", bump
printf "BY=%x\\n", by
printf "R26=%08x\\n", $r26
printf "COUNTER=%08x\\n", counter
set $old19 = $r19
set $r19 = 0x12345678
printf "R19=%08x\\n", $r19
set $r19 = $old19
set var counter = 0x55
printf "COUNTER_W=%08x\\n", counter
set var counter = 0
stepi
printf "STEP_PC=%08x\\n", $pc
delete
watch counter
continue
continue
delete
continue
""")
    status, pout, perr = finish(proc, seen)
    check(status == 7, f"pavp se --gdb ends with the program's status 7 (got {status})", perr)
    check(pout == "counter 15 sum 35\n", "the program's output is unchanged", pout)
    check(value("FILE_WORD", out) is not None and value("FILE_WORD", out) == value("TARGET_WORD", out),
          "the word at bump read through the target equals the ELF's", out)
    pc, bump = value("PC", out), value("BUMP", out)
    check(pc is not None and bump is not None and bump <= pc < bump + 64,
          "break bump stops in bump", out)
    check(value("BY", out) == 1 and value("R26", out) == 1, "the first call's argument (r26) is 1", out)
    check(value("COUNTER", out) == 0, "counter reads 0 before the first bump", out)
    check(value("R19", out) == 0x12345678, "a general register is written and read back", out)
    check(value("COUNTER_W", out) == 0x55, "a word of memory is written and read back", out)
    check(value("STEP_PC", out) not in (None, pc), "stepi moves the pc", out)
    check(re.search(r"Hardware watchpoint 2: counter\s+Old value = 0\s+New value = 1", out) is not None,
          "the watchpoint on counter hits: 0 -> 1", out)
    check(re.search(r"Old value = 1\s+New value = 3", out) is not None,
          "the second hit: 1 -> 3", out)
    check("exited with code 07]" in out, "gdb sees the process exit with code 7", out)


def raw_session(a, script, args=()):
    """Runs pavp se --gdb 0 on the program with a raw client; script(sock) talks."""
    proc, port, seen = start([a.pavp, "se", "--gdb", "0", a.program, *args])
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        script(sock)
    finally:
        sock.close()
    return finish(proc, seen)


def packet(payload):
    return b"$" + payload + b"#" + b"%02x" % (sum(payload) & 0xff)


def read_reply(sock):
    data = b""
    while not re.search(rb"\$[^#]*#[0-9a-f]{2}", data):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    m = re.search(rb"\$([^#]*)#", data)
    return data, (m.group(1) if m else None)


def session_interrupt(a):
    """Ctrl-C stops a running program; k ends the run."""
    def interrupt(sock):
        sock.sendall(packet(b"QStartNoAckMode"))
        data, reply = read_reply(sock)
        check(reply == b"OK", f"QStartNoAckMode is accepted (got {data!r})")
        sock.sendall(packet(b"c"))
        time.sleep(0.5)
        sock.sendall(b"\x03")
        data, reply = read_reply(sock)
        check(reply == b"T02", f"Ctrl-C stops the CPU with SIGINT (got {data!r})")
        sock.sendall(packet(b"p21"))  # pcoqh
        data, reply = read_reply(sock)
        check(reply is not None and len(reply) == 8, f"the pc is read after the stop (got {data!r})")
        sock.sendall(packet(b"k"))
        time.sleep(0.2)

    status, out, err = raw_session(a, interrupt, ["spin"])
    check(status == 137, f"k ends pavp se as a killed program, status 137 (got {status})", err)
    check("pavp se: the debugger killed the program after" in err,
          "the end by the debugger is told on stderr", err)


def session_bad(a):
    # A port in use: one line, status 2, before anything runs.
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    r = subprocess.run([a.pavp, "se", "--gdb", str(port), a.program], capture_output=True,
                       text=True, timeout=TIMEOUT)
    holder.close()
    check(r.returncode == 2, f"a port in use: exit status 2 (got {r.returncode})", r.stderr)
    check(re.fullmatch(rf"pavp se: --gdb {port}: port in use[^\n]*\n", r.stderr) is not None,
          "a port in use: one line naming the port", r.stderr)
    check(r.stdout == "", "a port in use: nothing runs", r.stdout)
    r = subprocess.run([a.pavp, "se", "--gdb", "70000", a.program], capture_output=True,
                       text=True, timeout=TIMEOUT)
    check(r.returncode == 2 and r.stderr.count("\n") == 1 and "70000" in r.stderr,
          "--gdb 70000: one line, status 2", r.stderr)

    # A malformed packet and a bad checksum, then a detach: answered, the run goes on.
    def malformed(sock):
        sock.sendall(packet(b"mzz,4"))
        data, reply = read_reply(sock)
        check(reply == b"E01", f"a malformed m packet is answered E01 (got {data!r})")
        sock.sendall(b"$g#00")
        data = sock.recv(1)
        check(data == b"-", f"a bad checksum is refused with '-' (got {data!r})")
        sock.sendall(packet(b"?"))
        data, reply = read_reply(sock)
        check(reply == b"S05", f"the next good packet is answered (got {data!r})")
        sock.sendall(packet(b"D"))
        read_reply(sock)

    status, out, err = raw_session(a, malformed)
    check(status == 7 and out == "counter 15 sum 35\n",
          f"after a malformed packet the program runs to its end (status {status})", out + err)
    check("malformed packet 'mzz,4'" in err, "the malformed packet is named on stderr", err)
    check("bad checksum" in err, "the bad checksum is told on stderr", err)
    check(err.count("Segmentation") == 0 and "terminate" not in err, "no crash", err)

    # A client that goes away in the middle of a packet.
    def cut(sock):
        sock.sendall(packet(b"?"))
        read_reply(sock)
        sock.sendall(b"$m10000,")
        time.sleep(0.2)

    status, out, err = raw_session(a, cut)
    check(status == 7 and out == "counter 15 sum 35\n",
          f"after a disconnect mid-packet the program runs to its end (status {status})", out + err)
    check(re.search(r"pavp: gdb: the debugger disconnected in the middle of a packet; "
                    r"the run goes on without it\n", err) is not None,
          "the disconnect mid-packet is one clear line", err)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("session", choices=["run", "se", "bad"])
    p.add_argument("--pavp", required=True)
    p.add_argument("--gdb", default="gdb-multiarch")
    p.add_argument("--kernel")
    p.add_argument("--workload")
    p.add_argument("--program")
    a = p.parse_args()
    sessions = {"run": [session_run], "se": [session_se, session_interrupt], "bad": [session_bad]}
    for session in sessions[a.session]:
        session(a)
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
