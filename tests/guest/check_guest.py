#!/usr/bin/env python3
"""Runs a static guest program under pavp's nptl scenario (the kernel's Linux
personality) and checks what its header's `guest-expect:` line says: the
run's outcome and kernel results (exit_status is the wait status word).

    check_guest.py --pavp PAVP --program ELF --source C_FILE [--budget N]

Exit 0 when every expectation holds, 1 otherwise (each difference printed).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pavp", required=True)
    ap.add_argument("--program", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--budget", default="2000000")
    a = ap.parse_args()
    with open(a.source) as f:
        m = re.search(r"guest-expect:\s*(.*?)\s*(\*/|$)", f.read(), re.M)
    if not m:
        print(f"{a.source}: no 'guest-expect:' line")
        return 1
    expect = dict(kv.split("=", 1) for kv in m.group(1).split())
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "run.json")
        cmd = [a.pavp, "run", "--scenario", "nptl", "--fix", "pipt",
               "--set", "workload.program=" + a.program,
               "--set", "workload.process_budget=" + a.budget, "--json", out]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        if p.returncode != 0 or not os.path.exists(out):
            print(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stdout}{p.stderr}")
            return 1
        with open(out) as f:
            run = json.load(f)
    got = {k: str(v) for k, v in run.get("kernel", {}).items()}
    got["outcome"] = run["outcome"]  # the run's word, not the kernel's code
    bad = [f"{k}: expected {v}, got {got.get(k, '(none)')}" for k, v in expect.items()
           if got.get(k) != v]
    print(f"{os.path.basename(a.program)}: " + ("as expected: " + m.group(1) if not bad else
                                                 "; ".join(bad)))
    if bad:
        print(run.get("console", ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
