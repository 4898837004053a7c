#!/usr/bin/env python3
"""Tests of pavp run --perfetto (platform/study/perfetto_trace.h).

  check_trace.py PAVP DIR trace        the trace of none on pa8500 under seed
  check_trace.py PAVP DIR same-run     --perfetto does not change the run's figures
  check_trace.py PAVP DIR bad-path     an unwritable --perfetto path, before any run
  check_trace.py PAVP DIR chosen-run   explore and study trace the run they print a command for

Exit status 0 when every check holds; otherwise each failed check is printed.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checklist import check, exit_status, failures  # noqa: E402

RUN = ["run", "--fix", "none", "--preset", "pa8500", "--schedule", "seed"]
def pavp(binary, args):
    return subprocess.run([binary] + args, capture_output=True, text=True, timeout=300)


class span:
    def __init__(self, event, parent):
        self.name = event.get("name")
        self.begin = event["ts"]
        self.end = None
        self.tid = event["tid"]
        self.args = event.get("args", {})
        self.parent = parent

    def holds(self, ts):
        return self.begin <= ts <= self.end

    def ancestors(self):
        s = self.parent
        while s is not None:
            yield s
            s = s.parent


def spans_of(events):
    """Every B/E span, matched per thread; a mismatch is a failed check."""
    stacks, spans = {}, []
    for e in events:
        if e["ph"] not in ("B", "E"):
            continue
        key = (e["pid"], e["tid"])
        stack = stacks.setdefault(key, [])
        if e["ph"] == "B":
            s = span(e, stack[-1] if stack else None)
            stack.append(s)
            spans.append(s)
        elif check(stack, f"an E event without its B on pid/tid {key} at ts {e['ts']}"):
            s = stack.pop()
            s.end = e["ts"]
            check(s.end >= s.begin, f"{s.name} ends before it begins ({s.begin}, {s.end})")
    for key, stack in stacks.items():
        check(not stack, f"spans left open on {key}: {[s.name for s in stack]}")
    return [s for s in spans if s.end is not None]


def innermost(spans, tid, ts, name):
    """The spans called name on thread tid holding ts."""
    return [s for s in spans if s.tid == tid and s.name == name and s.holds(ts)]


def check_trace(binary, out_dir):
    path = os.path.join(out_dir, "none-pa8500-seed.json")
    text_path = os.path.join(out_dir, "none-pa8500-seed.trace")
    r = pavp(binary, RUN + ["--perfetto", path, "--trace", text_path])
    if not check(r.returncode == 0, f"pavp run --perfetto exited {r.returncode}: {r.stderr}"):
        return
    with open(path) as f:
        doc = json.load(f)  # valid JSON or an exception
    events = doc.get("traceEvents")
    if not check(isinstance(events, list) and events, "traceEvents is a non-empty list"):
        return
    check(doc.get("otherData", {}).get("fix") == "none", "otherData names the fix")
    check(doc.get("otherData", {}).get("preset") == "pa8500", "otherData names the preset")
    for e in events:
        ok = e.get("ph") in ("M", "B", "E", "i", "C") and isinstance(e.get("pid"), int)
        ok = ok and (e["ph"] == "C" or isinstance(e.get("tid"), int))
        ok = ok and (e["ph"] == "M" or isinstance(e.get("ts"), (int, float)))
        ok = ok and (e["ph"] != "i" or e.get("s") in ("t", "p", "g"))
        if not check(ok, f"a trace event of the format: {e}"):
            return

    # Metadata names the processes and threads as the seed does.
    threads = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
               if e["ph"] == "M" and e["name"] == "thread_name"}
    processes = {e["pid"]: e["args"]["name"] for e in events
                 if e["ph"] == "M" and e["name"] == "process_name"}
    tid_of = {name: tid for (pid, tid), name in threads.items()}
    for name in ("A-1", "A-2", "B"):
        check(name in tid_of, f"a thread named {name} (thread names: {sorted(threads.values())})")
    check("A" in processes.values() and "B" in processes.values(),
          f"processes named A and B ({processes})")
    for e in events:
        if e["ph"] in ("B", "E", "i"):
            check((e["pid"], e["tid"]) in threads, f"the thread of {e} is named")
            if failures:
                return
    if failures:
        return

    spans = spans_of(events)
    a1, b = tid_of["A-1"], tid_of["B"]

    # The fork: do_fork > dup_mmap > flush_cache_dup_mm, then copy_page_range.
    forks = [s for s in spans if s.tid == a1 and s.name == "do_fork" and
             any(c.name == "dup_mmap" and c.parent is s for c in spans)]
    if not check(len(forks) == 1, f"one do_fork span of A-1 holds dup_mmap ({len(forks)})"):
        return
    fork = forks[0]
    dup = [s for s in spans if s.name == "dup_mmap" and s.parent is fork][0]
    flushes = [s for s in spans if s.name == "flush_cache_dup_mm" and s.parent is dup]
    check(len(flushes) == 1, "dup_mmap holds flush_cache_dup_mm")
    check(any(s.name == "flush_data_cache_local" and flushes and flushes[0] in s.ancestors()
              for s in spans), "flush_cache_dup_mm holds the whole-cache loop")
    copies = [s for s in spans if s.name == "copy_page_range" and s.parent is dup]
    if not check(copies, "dup_mmap holds copy_page_range"):
        return
    check(not flushes or flushes[0].end <= copies[0].begin,
          "the fork's flush ends before copy_page_range begins")

    # A schedule decision inside copy_page_range: A-1 sleeps, A-2 runs.
    instants = [e for e in events if e["ph"] == "i"]
    decisions = [e for e in instants if e["name"] == "sched" and e["tid"] == a1 and
                 any(c.holds(e["ts"]) for c in copies)]
    if check(decisions, "a schedule decision of A-1 inside copy_page_range"):
        first = decisions[0]
        check(first["args"].get("point") == 1 and first["args"].get("choice") == 1,
              f"the seed's first decision switches at point 1 ({first['args']})")
        switch = [e for e in instants if e["name"] == "switch" and e["ts"] >= first["ts"]]
        check(switch and switch[0]["tid"] == tid_of["A-2"] and switch[0]["args"]["from"] == "A-1",
              "then the kernel switches from A-1 to A-2")
        marks = [e for e in instants if e["name"] == "mark" and e["args"]["marker"] == "FORK"]
        check(len(marks) >= 2 and marks[0]["ts"] <= first["ts"] <= marks[1]["ts"],
              "the decision lies between the FORK markers")

    # Stale reads: instants inside copy_user_page (in do_wp_page) of B, each
    # with the checker's full report.
    stale = [e for e in instants if e["name"] == "stale"]
    if check(stale, "stale-read instants"):
        s = stale[0]
        cup = innermost(spans, s["tid"], s["ts"], "copy_user_page")
        check(s["tid"] == b and cup, "the first stale read lies inside B's copy_user_page")
        check(cup and any(a.name == "do_wp_page" for a in cup[0].ancestors()),
              "copy_user_page lies inside do_wp_page")
        check(dup.end < s["ts"], "the stale read comes after dup_mmap")
        for key in ("cycle", "pc", "function", "pid", "tid", "vaddr", "paddr", "expected",
                    "observed", "last_writer", "text"):
            check(key in s["args"], f"the stale read's report has {key}")
        check(s["args"].get("function") == "copy_page", "the stale load is copy_page's")
        for e in stale:
            check(innermost(spans, e["tid"], e["ts"], "copy_user_page"),
                  f"stale read at {e['ts']} inside copy_user_page")

    # The text trace of the same run: the same events under the same names.
    def guest_ids(e):  # the guest's pid/tid of an event (the boot's are 0)
        if processes.get(e["pid"]) == "kernel (boot) and machine":
            return ("0", "0")
        return (str(e["pid"]), str(e["tid"]))
    with open(text_path) as f:
        lines = [line.split() for line in f if not line.startswith("#")]
    for name in ("sched", "switch", "mark", "flush", "stale", "exit"):
        in_text = len([words for words in lines if words[1] == name])
        in_json = len([e for e in instants if e["name"] == name])
        check(in_text == in_json and in_json > 0,
              f"{name}: {in_text} lines in the text trace, {in_json} Perfetto events")
    # "<cycle> sched point P n N choice C pid P tid T", "<cycle> mark begin FORK pid P tid T"
    sequence_text = [(w[1], w[-3], w[-1]) for w in lines if w[1] in ("sched", "mark")]
    sequence_json = [(e["name"],) + guest_ids(e) for e in instants
                     if e["name"] in ("sched", "mark")]
    check(sequence_text == sequence_json,
          "the text trace's decisions and markers are the Perfetto trace's, in order, by thread")

    # User mode of every thread, and the counters.
    for name in ("A-1", "A-2", "B"):
        check(any(s.name == "user" and s.tid == tid_of[name] for s in spans),
              f"a user-mode span of {name}")
    for name, key in (("flush", "ops"), ("D-cache", "misses"), ("D-cache", "write-backs")):
        counter = f"{name} {key}"  # the track's name in the Perfetto UI
        values = [(e["ts"], e["args"][key]) for e in events
                  if e["ph"] == "C" and e["name"] == name and key in e["args"]]
        if check(len(values) > 1, f"samples of the counter {counter}"):
            check(all(a[0] <= b[0] and a[1] <= b[1] for a, b in zip(values, values[1:])),
                  f"{counter} is cumulative: never decreases")
            check(values[-1][1] > values[0][1], f"{counter} grows")


def check_same_run(binary, out_dir):
    plain = os.path.join(out_dir, "plain.json")
    traced = os.path.join(out_dir, "traced.json")
    trace = os.path.join(out_dir, "same-run-trace.json")
    r1 = pavp(binary, RUN + ["--json", plain])
    r2 = pavp(binary, RUN + ["--json", traced, "--perfetto", trace])
    check(r1.returncode == 0 and r2.returncode == 0, f"both runs succeed: {r1.stderr}{r2.stderr}")
    with open(plain) as f1, open(traced) as f2:
        a, b = json.load(f1), json.load(f2)
    for key in a:
        check(a[key] == b.get(key), f"{key}: {a[key]!r} without --perfetto, {b.get(key)!r} with")
    check(a.keys() == b.keys(), "the same keys")
    check(r1.stdout == r2.stdout, "the same summary on stdout")


def check_bad_path(binary, out_dir):
    del out_dir
    bad = "/nonexistent-dir/trace.json"
    for args in (RUN, ["explore", "--fix", "none", "--bound", "0"],
                 ["study", "--fix", "none", "--schedules", "1", "--placements", "0"]):
        r = pavp(binary, args + ["--perfetto", bad])
        lines = r.stderr.strip().splitlines()
        check(r.returncode != 0, f"pavp {args[0]} --perfetto {bad} fails ({r.returncode})")
        check(len(lines) == 1 and "--perfetto" in lines[0] and bad in lines[0],
              f"pavp {args[0]}: one line naming --perfetto and the path: {r.stderr!r}")
        check(r.stdout == "", f"pavp {args[0]}: nothing runs: {r.stdout!r}")


def load_trace(path, what):
    """The trace at path, or None (a failed check) if it is not one."""
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"{what}: {path} is a JSON file ({e})")
        return None
    check(isinstance(doc.get("traceEvents"), list) and doc["traceEvents"], f"{what}: events")
    return doc


def check_chosen_run(binary, out_dir):
    # explore: the minimal counterexample, the replay it writes.
    path = os.path.join(out_dir, "explore.json")
    r = pavp(binary, ["explore", "--fix", "none", "--preset", "pa8500", "--bound", "1", "-j", "2",
                      "--out", os.path.join(out_dir, "explore"), "--perfetto", path])
    check(r.returncode == 0, f"pavp explore --perfetto exited {r.returncode}: {r.stderr}")
    check("Perfetto trace of the minimal counterexample" in r.stdout, "explore says what it wrote")
    doc = load_trace(path, "explore")
    if doc:
        about = doc.get("otherData", {})
        check(about.get("schedule", "").endswith("counterexample.sched"),
              f"explore traces the counterexample's replay ({about.get('schedule')})")
        check(any(e["name"] == "stale" for e in doc["traceEvents"] if e["ph"] == "i"),
              "the counterexample's trace holds its stale reads")
    # study: the first failing run study.md tells; nothing when none fails.
    path = os.path.join(out_dir, "study.json")
    r = pavp(binary, ["study", "--preset", "pa8500", "--fix", "none", "--schedules", "0",
                      "--placements", "0", "-j", "2", "--out", os.path.join(out_dir, "study"),
                      "--perfetto", path])
    check(r.returncode == 0, f"pavp study --perfetto exited {r.returncode}: {r.stderr}")
    check("Perfetto trace of none on pa8500, schedule seed, placement linear" in r.stdout,
          f"study says which run it traced: {r.stdout[-300:]!r}")
    doc = load_trace(path, "study")
    if doc:
        about = doc.get("otherData", {})
        check((about.get("fix"), about.get("schedule")) == ("none", "seed"),
              f"study traces none under seed ({about})")
    path = os.path.join(out_dir, "clean.json")
    r = pavp(binary, ["study", "--preset", "pa8500", "--fix", "cow-flush", "--schedules", "0",
                      "--placements", "0", "-j", "2", "--out", os.path.join(out_dir, "clean"),
                      "--perfetto", path])
    check(r.returncode == 0 and "no run failed: no Perfetto trace written" in r.stdout,
          f"a study where nothing fails says so: {r.stdout[-200:]!r} {r.stderr}")
    check(not os.path.exists(path), "and leaves no empty trace behind")


def main():
    binary, out_dir, what = sys.argv[1:4]
    os.makedirs(out_dir, exist_ok=True)
    checks = {"trace": check_trace, "same-run": check_same_run, "bad-path": check_bad_path,
              "chosen-run": check_chosen_run}
    checks[what](binary, out_dir)
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
