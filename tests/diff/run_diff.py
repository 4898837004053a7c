#!/usr/bin/env python3
"""Differential test runner: hppa-linux-gnu programs under qemu-hppa and `pavp se`.

Each ELF in --elf-dir is named NAME.LEVEL.elf (LEVEL = O0, O1, O2, O3, Os). Its
source, SRC-DIR/NAME.c, declares in its header comment what the program must do:

    diff-expect: exit N      the program exits with status N
    diff-expect: signal N    the program is killed by signal N (abort: signal 6)
    diff-args: A B "C D"     command-line arguments (shell quoting), optional

Modes:
  default         run every ELF under qemu-hppa (cached) and under `PAVP se ELF ARGS`,
                  compare stdout, stderr and exit status
  --qemu-only     run every ELF under qemu-hppa only and check that it exits as its
                  source declares
  --check-levels  check that all optimisation levels of one program give the same
                  stdout, stderr and exit status under qemu-hppa (may be combined)

Exit status is compared as a shell reports it: a process killed by signal N has
status 128 + N. The qemu-hppa results are cached in CACHE-DIR (default: the
directory qemu-expected next to the ELF directory), keyed by the SHA-256 of the
ELF and of qemu-hppa and by the arguments, so reruns only run pavp. Every run has a timeout (default 10 s);
a timeout is a failure. The last line printed is "N passed, M failed"; the exit
status is 0 when nothing failed, 1 otherwise, 2 on a usage error.
"""

import argparse
import base64
import concurrent.futures
import difflib
import hashlib
import json
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

LEVEL_ORDER = ["O0", "O1", "O2", "O3", "Os"]
ELF_RE = re.compile(r"^(?P<name>[A-Za-z0-9_+-]+)\.(?P<level>O[0-3s]|Og|Ofast)\.elf$")
EXPECT_RE = re.compile(r"diff-expect:\s*(exit|signal)\s+(\d+)")
ARGS_RE = re.compile(r"diff-args:(.*?)(?:\*/)?\s*$", re.MULTILINE)
OUTPUT_LIMIT = 16 * 1024 * 1024   # bytes of stdout/stderr kept per run
FILE_SIZE_LIMIT = 256 * 1024 * 1024  # a runaway child is stopped by SIGXFSZ
CACHE_VERSION = 1


class Result:
    """Outcome of one run of one program."""

    def __init__(self, stdout=b"", stderr=b"", status=None, timed_out=False, error=None):
        self.stdout = stdout
        self.stderr = stderr
        self.status = status          # shell-style exit status, None if it did not run
        self.timed_out = timed_out
        self.error = error            # why the run could not start

    def describe_status(self):
        if self.error:
            return "not run (%s)" % self.error
        if self.timed_out:
            return "timeout"
        if self.status is not None and self.status > 128:
            return "%d (signal %d)" % (self.status, self.status - 128)
        return str(self.status)

    def to_json(self):
        return {
            "stdout": base64.b64encode(self.stdout).decode("ascii"),
            "stderr": base64.b64encode(self.stderr).decode("ascii"),
            "status": self.status,
        }

    @staticmethod
    def from_json(obj):
        return Result(base64.b64decode(obj["stdout"]), base64.b64decode(obj["stderr"]), obj["status"])


class Program:
    """One ELF and what its source declares."""

    def __init__(self, path, name, level):
        self.path = path
        self.name = name
        self.level = level
        self.label = "%s.%s" % (name, level)
        self.expect = None            # expected shell-style status
        self.args = []
        self.meta_error = None


def read_metadata(prog, src_dir):
    src = os.path.join(src_dir, prog.name + ".c")
    try:
        with open(src, encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError as e:
        prog.meta_error = "cannot read source %s: %s" % (src, e.strerror)
        return
    m = EXPECT_RE.search(head)
    if not m:
        prog.meta_error = "no 'diff-expect:' line in %s" % src
    else:
        n = int(m.group(2))
        prog.expect = n if m.group(1) == "exit" else 128 + n
    a = ARGS_RE.search(head)
    if a:
        try:
            prog.args = shlex.split(a.group(1))
        except ValueError as e:
            prog.meta_error = "bad 'diff-args:' line in %s: %s" % (src, e)


def discover(elf_dir, pattern, src_dir):
    progs = []
    for entry in sorted(os.listdir(elf_dir)):
        m = ELF_RE.match(entry)
        if not m:
            continue
        p = Program(os.path.join(elf_dir, entry), m.group("name"), m.group("level"))
        if pattern and not pattern.search(p.label):
            continue
        read_metadata(p, src_dir)
        progs.append(p)

    def key(p):
        lv = LEVEL_ORDER.index(p.level) if p.level in LEVEL_ORDER else len(LEVEL_ORDER)
        return (p.name, lv, p.level)
    progs.sort(key=key)
    return progs


def read_limited(f):
    f.seek(0)
    data = f.read(OUTPUT_LIMIT + 1)
    if len(data) > OUTPUT_LIMIT:
        data = data[:OUTPUT_LIMIT] + b"\n[output truncated by run_diff.py]\n"
    return data


def run_one(cmd, timeout, workdir, env):
    """Run cmd with empty stdin; never hangs longer than timeout (+ cleanup)."""
    with tempfile.TemporaryFile(dir=workdir) as out, tempfile.TemporaryFile(dir=workdir) as err:
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=workdir, env=env,
                                    start_new_session=True)
        except OSError as e:
            return Result(error="%s: %s" % (cmd[0], e.strerror))
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        # Kill the whole process group: the program, and anything it started.
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        rc = proc.wait()
        status = rc if rc >= 0 else 128 - rc
        return Result(read_limited(out), read_limited(err), None if timed_out else status, timed_out)


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Runner:
    def __init__(self, opts):
        self.opts = opts
        self.workdir = tempfile.mkdtemp(prefix="run_diff.")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C", "LC_ALL": "C",
               "SC_COPYRIGHT_MESSAGE": "DISABLE"}
        if "LD_LIBRARY_PATH" in os.environ:
            env["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
        self.env = env
        self.qemu_id = sha256_of(opts.qemu)
        if opts.cache_dir:
            os.makedirs(opts.cache_dir, exist_ok=True)

    def close(self):
        shutil.rmtree(self.workdir, ignore_errors=True)

    def cache_path(self, prog):
        return os.path.join(self.opts.cache_dir, prog.label + ".json")

    def expected(self, prog):
        """qemu-hppa's result for prog, from the cache when it is still valid."""
        digest = sha256_of(prog.path)
        key = {"version": CACHE_VERSION, "sha256": digest, "args": prog.args, "qemu": self.qemu_id}
        path = self.cache_path(prog) if self.opts.cache_dir else None
        if path and not self.opts.refresh:
            try:
                with open(path, encoding="utf-8") as f:
                    obj = json.load(f)
                if obj.get("key") == key:
                    return Result.from_json(obj["result"])
            except (OSError, ValueError, KeyError, TypeError):
                pass
        res = run_one([self.opts.qemu, prog.path] + prog.args, self.opts.timeout, self.workdir, self.env)
        if path and res.error is None and not res.timed_out:
            tmp = path + ".tmp.%d" % threading.get_ident()
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump({"key": key, "result": res.to_json()}, f)
            os.replace(tmp, path)
        return res

    def actual(self, prog):
        return run_one([self.opts.pavp, "se", prog.path] + prog.args, self.opts.timeout, self.workdir, self.env)


def printable(data, width=110):
    text = data.decode("utf-8", errors="backslashreplace")
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= width else shown[:width] + "..."


def short_diff(expected, actual, label_a, label_b, max_lines=12):
    a = expected.split(b"\n")
    b = actual.split(b"\n")
    lines = list(difflib.unified_diff([printable(x) for x in a], [printable(x) for x in b],
                                      fromfile=label_a, tofile=label_b, n=1, lineterm=""))
    if len(lines) > max_lines:
        lines = lines[:max_lines] + ["    ... (%d more diff lines)" % (len(lines) - max_lines)]
    return "\n".join("    " + line for line in lines)


def without_name(res, prog):
    """res with the ELF's file name NAME.LEVEL.elf replaced by NAME.elf in its output.

    A program's argv[0] differs between optimisation levels by construction, and
    glibc prints it in some messages (assert, for instance)."""
    name = os.path.basename(prog.path).encode()
    plain = (prog.name + ".elf").encode()
    return Result(res.stdout.replace(name, plain), res.stderr.replace(name, plain), res.status, res.timed_out,
                  res.error)


def compare(exp, act, label_a, label_b):
    """List of (what, detail) describing how act differs from exp."""
    problems = []
    if act.error:
        return [("run", act.describe_status())]
    if act.timed_out:
        problems.append(("status", "%s timed out" % label_b))
    elif exp.status != act.status:
        problems.append(("status", "%s %s, %s %s" % (label_a, exp.describe_status(), label_b, act.describe_status())))
    if exp.stdout != act.stdout:
        problems.append(("stdout", short_diff(exp.stdout, act.stdout, label_a, label_b)))
    if exp.stderr != act.stderr:
        problems.append(("stderr", short_diff(exp.stderr, act.stderr, label_a, label_b)))
    return problems


def report(label, problems):
    print("FAIL %s: %s" % (label, ", ".join(kind for kind, _ in problems)))
    for kind, detail in problems:
        if "\n" in detail or detail.startswith("    "):
            print("  %s:" % kind)
            print(detail)
        else:
            print("  %s: %s" % (kind, detail))
    sys.stdout.flush()


def main(argv):
    ap = argparse.ArgumentParser(description="Run hppa-linux-gnu programs under qemu-hppa and `pavp se` and compare "
                                             "stdout, stderr and exit status.")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--pavp", help="path of the pavp command (runs `PAVP se ELF ARGS...`)")
    ap.add_argument("--elf-dir", required=True, help="directory of NAME.LEVEL.elf files")
    ap.add_argument("--src-dir", default=os.path.join(here, "programs"),
                    help="directory of the NAME.c sources (default: programs/ next to this script)")
    ap.add_argument("--cache-dir", help="where qemu-hppa results are cached (default: ELF_DIR/../qemu-expected)")
    ap.add_argument("--no-cache", action="store_true", help="neither read nor write cached qemu-hppa results")
    ap.add_argument("--refresh", action="store_true", help="rerun qemu-hppa and rewrite the cache")
    ap.add_argument("--qemu", default="qemu-hppa", help="qemu-hppa command (default: qemu-hppa)")
    ap.add_argument("--filter", help="only programs whose NAME.LEVEL matches this regular expression (re.search)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel runs (default: CPU count)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per run; a timeout fails (default: 10)")
    ap.add_argument("--qemu-only", action="store_true",
                    help="run only qemu-hppa and check each program's declared exit status")
    ap.add_argument("--check-levels", action="store_true",
                    help="check that every optimisation level of a program behaves the same under qemu-hppa")
    ap.add_argument("-v", "--verbose", action="store_true", help="print a line for every passing check too")
    opts = ap.parse_args(argv)

    if not opts.qemu_only and not opts.pavp and not opts.check_levels:
        ap.error("--pavp is required unless --qemu-only or --check-levels is given")
    if opts.pavp and not opts.qemu_only and not os.access(opts.pavp, os.X_OK):
        ap.error("--pavp %s is not an executable file" % opts.pavp)
    if opts.jobs < 1:
        ap.error("--jobs must be at least 1")
    if opts.timeout <= 0:
        ap.error("--timeout must be positive")
    if not os.path.isdir(opts.elf_dir):
        ap.error("--elf-dir %s is not a directory" % opts.elf_dir)
    if shutil.which(opts.qemu) is None:
        ap.error("qemu-hppa not found (%s); give its path with --qemu" % opts.qemu)
    opts.qemu = os.path.abspath(shutil.which(opts.qemu))
    opts.elf_dir = os.path.abspath(opts.elf_dir)
    if opts.pavp:
        opts.pavp = os.path.abspath(opts.pavp)
    try:
        pattern = re.compile(opts.filter) if opts.filter else None
    except re.error as e:
        ap.error("--filter: %s" % e)
    if opts.no_cache:
        opts.cache_dir = None
    elif not opts.cache_dir:
        opts.cache_dir = os.path.join(os.path.dirname(opts.elf_dir.rstrip("/")), "qemu-expected")

    progs = discover(opts.elf_dir, pattern, opts.src_dir)
    if not progs:
        print("no NAME.LEVEL.elf files%s in %s" % (" matching the filter" if pattern else "", opts.elf_dir))
        print("0 passed, 0 failed")
        return 2

    # No core files from programs that die by a signal; stop runaway output.
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
    if hard == resource.RLIM_INFINITY or hard > FILE_SIZE_LIMIT:
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, hard))

    runner = Runner(opts)
    passed = failed = 0

    def job(prog):
        exp = runner.expected(prog)
        problems = []
        if prog.meta_error:
            problems.append(("source", prog.meta_error))
        if exp.error:
            problems.append(("qemu", exp.describe_status()))
        elif exp.timed_out:
            problems.append(("qemu", "qemu-hppa timed out after %g s" % opts.timeout))
        if opts.qemu_only:
            if not problems and prog.expect is not None and exp.status != prog.expect:
                problems.append(("status", "qemu-hppa %s, source declares %s" % (
                    exp.describe_status(), Result(status=prog.expect).describe_status())))
        elif opts.pavp:
            if not problems:
                problems = compare(exp, runner.actual(prog), "qemu-hppa", "pavp")
        return prog, exp, problems

    results = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
            do_per_elf = opts.qemu_only or bool(opts.pavp)
            for prog, exp, problems in pool.map(job, progs):
                results[prog.label] = (prog, exp)
                if not do_per_elf:
                    continue
                if problems:
                    failed += 1
                    report(prog.label, problems)
                else:
                    passed += 1
                    if opts.verbose:
                        print("ok   %s (status %s)" % (prog.label, exp.describe_status()))

        if opts.check_levels:
            by_name = {}
            for prog in progs:
                by_name.setdefault(prog.name, []).append(results[prog.label])
            for name in sorted(by_name):
                runs = by_name[name]
                ref_prog, ref = runs[0]
                problems = []
                if ref.error or ref.timed_out:
                    problems.append(("qemu", "%s: %s" % (ref_prog.label, ref.describe_status())))
                ref_plain = without_name(ref, ref_prog)
                for prog, exp in runs[1:]:
                    if problems:
                        break
                    for kind, detail in compare(ref_plain, without_name(exp, prog), ref_prog.label, prog.label):
                        problems.append(("%s %s" % (prog.level, kind), detail))
                if problems:
                    failed += 1
                    report("%s (levels %s)" % (name, ",".join(p.level for p, _ in runs)), problems)
                else:
                    passed += 1
                    if opts.verbose:
                        print("ok   %s: %d levels agree" % (name, len(runs)))
    finally:
        runner.close()

    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
