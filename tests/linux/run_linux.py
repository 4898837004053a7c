#!/usr/bin/env python3
"""Run one static hppa-linux-gnu program under qemu-hppa and under pavp's
Linux personality (`pavp run --scenario nptl`) and compare them.

  run_linux.py --pavp PAVP --qemu QEMU_HPPA [--source PROG.c] [OPTIONS] PROG [--] [ARG...]

The program runs once under qemu-hppa (the oracle) and, by default, twice
under pavp: with the default schedule, and with
`--preempt-every 2000 --schedule random:3` (threads interleave in user mode).
Each pavp run passes when

  * the program's output -- the console without the kernel's own lines,
    which start with "pavp: " or "pavp kernel: " -- equals qemu-hppa's
    standard output. (pavp's console carries standard error too, so the
    programs write only to standard output; qemu-hppa's standard error holds
    its own messages -- "qemu: uncaught target signal", CPU dumps for a
    privileged-operation trap -- and is shown on a failure, not compared);
  * the first process's exit status matches qemu-hppa's: pavp's is the
    "init status" of the kernel's "all tasks done" line (wait4's status word;
    kernel.exit_status is the same unless a child failed, when the kernel
    reports the first failing child there instead), qemu-hppa's is its
    return code (negative: the host signal that ended it, mapped to parisc's
    number by name);
  * kernel.unknown_syscalls equals the number the program expects (0 unless
    its header says "expect-enosys: N");
  * the run ended with no thread left sleeping (no deadlock, no hang).

The program itself must also pass under qemu-hppa: its exit status there
must be 0 (or what its header's "expect-exit: N" says), since every program
computes its status from its own checks.

Header lines read from --source (a comment near the top of the C file):
  expect-enosys: N     system calls the program makes that the kernel does not know
  expect-exit: N       the program's exit status under qemu-hppa (default 0)
  args: A B ...        the program's arguments (for both; after any given here)
  qemu-args: A B ...   the arguments under qemu-hppa instead of args, for a
                       check qemu-hppa cannot run (the header says why); the
                       program must print the same either way

Exit status: 0 when every run passes, 1 when one differs, 2 on a usage or
tool error.
"""

import argparse
import difflib
import json
import os
import re
import resource
import shlex
import signal
import subprocess
import sys
import tempfile

KERNEL_PREFIXES = ("pavp: ", "pavp kernel: ")

# parisc's signal numbers (asm/signal.h), by name.
PARISC_SIGNALS = {
    "SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6,
    "SIGSTKFLT": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGBUS": 10, "SIGSEGV": 11, "SIGXCPU": 12,
    "SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGUSR1": 16, "SIGUSR2": 17,
    "SIGCHLD": 18, "SIGPWR": 19, "SIGVTALRM": 20, "SIGPROF": 21, "SIGIO": 22,
    "SIGWINCH": 23, "SIGSTOP": 24, "SIGTSTP": 25, "SIGCONT": 26, "SIGTTIN": 27,
    "SIGTTOU": 28, "SIGURG": 29, "SIGXFSZ": 30, "SIGSYS": 31,
}
PARISC_SIGNAL_NAMES = {v: k for k, v in PARISC_SIGNALS.items()}

SCHEDULES = {
    "default": [],
    "preempt": ["--preempt-every", "2000", "--schedule", "random:3"],
}


def describe(status):
    """('exit', code) or ('signal', parisc number) as text."""
    kind, value = status
    if kind == "exit":
        return f"exit {value}"
    return f"signal {value} ({PARISC_SIGNAL_NAMES.get(value, '?')})"


def decode_wait_status(word):
    """Linux's wait status word: signal in the low 7 bits, else code << 8."""
    if word & 0x7F:
        return ("signal", word & 0x7F)
    return ("exit", (word >> 8) & 0xFF)


def decode_returncode(rc):
    """subprocess return code of qemu-hppa: negative is a host signal."""
    if rc >= 0:
        return ("exit", rc)
    try:
        name = signal.Signals(-rc).name
    except ValueError:
        return ("signal", -1000 + rc)
    return ("signal", PARISC_SIGNALS.get(name, -1000 + rc))


def read_header(source):
    header = {}
    if not source:
        return header
    with open(source, encoding="utf-8", errors="replace") as f:
        text = f.read(8192)
    for key in ("expect-enosys", "expect-exit", "args", "qemu-args"):
        m = re.search(r"^[ \t/*]*" + re.escape(key) + r":[ \t]*(.*?)[ \t]*(\*/)?[ \t]*$", text, re.M)
        if m:
            header[key] = m.group(1)
    return header


def program_lines_of_console(console):
    return [line for line in console.splitlines(keepends=True) if not line.startswith(KERNEL_PREFIXES)]


# qemu-hppa's own lines on standard error: an uncaught signal, and the CPU
# dump (registers, memory map) it prints for a privileged-operation trap.
QEMU_OWN_LINE = re.compile(r"^(qemu: |Failing executable|IA_F |PSW |GR\d\d |FR\d\d|SAR |[0-9a-f]+-[0-9a-f]+ |\s*$)")


def show_stderr(text):
    """What the program wrote on qemu-hppa's standard error (pavp's console
    would show it among the program's output), without qemu's own lines."""
    lines = [line for line in text.splitlines() if not QEMU_OWN_LINE.match(line)]
    if lines:
        print(f"  the program's standard error under qemu-hppa ({len(lines)} lines, not compared):")
        for line in lines[:20]:
            print(f"    {line}")


def show_diff(expected, actual, label):
    diff = difflib.unified_diff(expected, actual, fromfile="qemu-hppa", tofile=label, n=3)
    for line in diff:
        sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of line\n")


def no_core_dumps():
    """qemu-user writes a guest core file into its working directory when a
    guest process dies of a signal and RLIMIT_CORE allows it."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_qemu(qemu, prog, args, timeout, workdir):
    """(stdout lines, status, stderr text) of the program under qemu-hppa."""
    try:
        p = subprocess.run([qemu, os.path.abspath(prog)] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout, cwd=workdir, preexec_fn=no_core_dumps)
    except subprocess.TimeoutExpired:
        return None, None, ""
    text = p.stdout.decode("utf-8", errors="backslashreplace")
    return text.splitlines(keepends=True), decode_returncode(p.returncode), p.stderr.decode("utf-8", "replace")


def syscall_names():
    """parisc's system call numbers -> names, from the cross compiler's
    asm/unistd_32.h when it is there (for messages only)."""
    names = {}
    for path in ("/usr/hppa-linux-gnu/include/asm/unistd_32.h",):
        try:
            with open(path, encoding="utf-8") as f:
                for m in re.finditer(r"^#define __NR_(\w+)\s+(\d+)\s*$", f.read(), re.M):
                    names.setdefault(int(m.group(2)), m.group(1))
        except OSError:
            pass
    return names


def unknown_syscalls_of(pavp, prog, args, options, timeout, workdir):
    """Runs pavp again with --verbose-kernel: the unknown system calls the
    kernel reports ("pid P: unknown system call N: ENOSYS"), with names."""
    _, result, error = run_pavp(pavp, prog, args, options + ["--verbose-kernel"], timeout, workdir, "verbose")
    if error:
        return [f"(the --verbose-kernel run failed: {error})"]
    names = syscall_names()
    found = []
    for m in re.finditer(r"^pavp: pid (\d+): unknown system call (\d+): ENOSYS", result.get("console", ""), re.M):
        nr = int(m.group(2))
        found.append(f"pid {m.group(1)}: {nr} ({names.get(nr, '?')})")
    return found


def run_pavp(pavp, prog, args, options, timeout, workdir, tag):
    out = os.path.join(workdir, f"pavp-{tag}.json")
    cmd = [pavp, "run", "--scenario", "nptl", "--fix", "pipt", "--set", f"workload.program={os.path.abspath(prog)}"]
    if args:
        cmd += ["--set", "workload.args=" + " ".join(args)]
    cmd += ["--json", out] + options
    env = dict(os.environ, SC_COPYRIGHT_MESSAGE="DISABLE")
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return cmd, None, f"timed out after {timeout} s"
    if not os.path.exists(out):
        err = p.stderr.decode("utf-8", errors="replace").strip()
        return cmd, None, f"no JSON written (pavp exit {p.returncode}): {err}"
    with open(out, encoding="utf-8") as f:
        result = json.load(f)
    return cmd, result, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pavp", required=True, help="the pavp binary")
    ap.add_argument("--qemu", required=True, help="qemu-hppa")
    ap.add_argument("--source", help="the program's C source (its header lines)")
    ap.add_argument("--expect-enosys", type=int, help="overrides the header's expect-enosys")
    ap.add_argument("--pavp-options", default="",
                    help="extra options for every pavp run (one string, split as a shell would)")
    ap.add_argument("--schedule", action="append", choices=sorted(SCHEDULES),
                    help="pavp runs to do (default: default and preempt)")
    ap.add_argument("--qemu-timeout", type=float, default=120)
    ap.add_argument("--pavp-timeout", type=float, default=600)
    ap.add_argument("program")
    ap.add_argument("args", nargs="*", help="the program's arguments (after -- if one starts with -)")
    opts = ap.parse_args()

    header = read_header(opts.source)
    name = re.sub(r"\.elf$", "", os.path.basename(opts.program))
    args = opts.args + shlex.split(header.get("args", ""))
    qemu_args = shlex.split(header["qemu-args"]) if "qemu-args" in header else args
    expect_enosys = opts.expect_enosys if opts.expect_enosys is not None else int(header.get("expect-enosys", 0))
    expect_exit = int(header.get("expect-exit", 0))
    extra = shlex.split(opts.pavp_options)
    schedules = opts.schedule or ["default", "preempt"]

    if any(any(ch.isspace() for ch in a) or not a for a in args):
        print(f"{name}: pavp's workload.args splits at spaces: an argument cannot hold one or be empty: {args}")
        return 2
    if not os.path.isfile(opts.program):
        print(f"{name}: no such program: {opts.program}")
        return 2

    qemu_cmd = " ".join(shlex.quote(a) for a in [opts.qemu, os.path.abspath(opts.program)] + qemu_args)
    failed = False
    with tempfile.TemporaryDirectory(prefix=f"linux_abi.{name}.") as workdir:
        expected, qemu_status, qemu_stderr = run_qemu(opts.qemu, opts.program, qemu_args, opts.qemu_timeout,
                                                      workdir)
        if expected is None:
            print(f"{name}: qemu-hppa timed out after {opts.qemu_timeout} s: {qemu_cmd}")
            return 2
        print(f"{name}: qemu-hppa: {describe(qemu_status)}, {len(expected)} lines of output ({qemu_cmd})")
        if qemu_status != ("exit", expect_exit):
            print(f"{name}: FAIL under qemu-hppa itself: {describe(qemu_status)}, "
                  f"the program expects exit {expect_exit}")
            sys.stdout.writelines(expected)
            show_stderr(qemu_stderr)
            failed = True

        for tag in schedules:
            options = SCHEDULES[tag] + extra
            cmd, result, error = run_pavp(opts.pavp, opts.program, args, options, opts.pavp_timeout, workdir, tag)
            label = f"pavp [{tag}]"
            shown = " ".join(shlex.quote(a) for a in cmd).replace(workdir + "/pavp-" + tag + ".json", "OUT.json")
            if error:
                print(f"{name}: {label}: FAIL: {error}\n  command: {shown}")
                failed = True
                continue
            console = result.get("console", "")
            kernel = result.get("kernel", {})
            problems = []

            actual = program_lines_of_console(console)
            output_differs = actual != expected
            if output_differs:
                problems.append("the program's output differs from qemu-hppa's")

            m = re.search(r"^pavp: all tasks done: (\d+) children, (\d+) failed, (\d+) sleeping, "
                          r"init status 0x([0-9a-fA-F]+), (\d+) unknown system calls", console, re.M)
            if not m:
                problems.append(f"no 'all tasks done' line (outcome {result.get('outcome')}, "
                                f"end: {result.get('end')})")
            else:
                failed_children, sleeping, init_word = int(m.group(2)), int(m.group(3)), int(m.group(4), 16)
                pavp_status = decode_wait_status(init_word)
                if pavp_status != qemu_status:
                    problems.append(f"exit status: pavp {describe(pavp_status)} (wait status 0x{init_word:x}), "
                                    f"qemu-hppa {describe(qemu_status)}")
                if sleeping:
                    problems.append(f"{sleeping} thread(s) still sleeping at the end "
                                    f"(outcome {result.get('outcome')})")
                if not failed_children and kernel.get("exit_status") != init_word:
                    problems.append(f"kernel.exit_status 0x{kernel.get('exit_status', 0):x} is not the init "
                                    f"status 0x{init_word:x} although no child failed")
            if "budget" in console and re.search(r"^pavp: pid \d+ ran \d+ user instructions, over its budget",
                                                 console, re.M):
                problems.append("a process was killed over its instruction budget")
            enosys = kernel.get("unknown_syscalls")
            if enosys != expect_enosys:
                calls = unknown_syscalls_of(opts.pavp, opts.program, args, options, opts.pavp_timeout, workdir)
                problems.append(f"unknown_syscalls {enosys}, expected {expect_enosys}; "
                                f"with --verbose-kernel: {', '.join(calls) or 'none reported'}")

            summary = (f"outcome {result.get('outcome')}, exit_status 0x{kernel.get('exit_status', 0):x}, "
                       f"{result.get('instructions')} instructions")
            if problems:
                failed = True
                print(f"{name}: {label}: FAIL ({summary})")
                for p in problems:
                    print(f"  - {p}")
                print(f"  command: {shown}")
                print(f"  oracle:  {qemu_cmd}")
                if output_differs:
                    show_diff(expected, actual, label)
                    show_stderr(qemu_stderr)
                kernel_lines = [l for l in console.splitlines() if l.startswith(KERNEL_PREFIXES)]
                print("  kernel lines:")
                for l in kernel_lines[-12:]:
                    print(f"    {l}")
            else:
                print(f"{name}: {label}: pass ({summary})")

    print(f"{name}: {'FAIL' if failed else 'pass'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
