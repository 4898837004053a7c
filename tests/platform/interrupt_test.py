#!/usr/bin/python3
"""Ctrl-C (SIGINT) and SIGTERM in the middle of `pavp study` and `pavp explore`.

Each command is started with an output directory of its own, signalled after
it has run a while, and must: end within seconds with status 128+signal and
one line on standard error saying it was interrupted; leave no file in its
output directory (nothing half written, no temporary files); and leave no
process of its own running (its workers, and theirs, are stopped).

  interrupt_test.py PAVP
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from checklist import check, exit_status, failures  # noqa: E402

def leftover(marker):
    """Processes whose command line holds marker (forked workers share it)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if marker.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def interrupt(pavp, args, out, sig, after):
    proc = subprocess.Popen([pavp, *args, "--out", out], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(after)
    check(proc.poll() is None, f"{args[0]} still runs after {after} s (the test needs a longer run)")
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        check(False, f"{args[0]} did not end within 30 s of {sig.name}")
        return
    # AddressSanitizer's note on SystemC's stack switches (a sanitizer build
    # only) is not the command's output.
    err = "".join(line for line in err.splitlines(keepends=True)
                  if "__asan_handle_no_return" not in line
                  and not line.startswith("False positive error reports may follow")
                  and not line.startswith("For details see https://github.com/google/sanitizers"))
    name = sig.name
    check(proc.returncode == 128 + sig.value,
          f"{args[0]}: {name} gives exit status {128 + sig.value} (got {proc.returncode})", err)
    check(re.fullmatch(rf"pavp: interrupted by {name} (after|before) [^\n]*\n", err) is not None,
          f"{args[0]}: one line saying it was interrupted", err)
    written = os.listdir(out) if os.path.isdir(out) else []
    check(written == [], f"{args[0]}: nothing written to the output directory", str(written))
    time.sleep(0.5)
    check(leftover(out) == [], f"{args[0]}: no process of its own is left", str(leftover(out)))


def main():
    pavp = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        interrupt(pavp, ["study", "--preset", "pa8500", "--schedules", "40", "-j", "2"],
                  os.path.join(tmp, "study-int"), signal.SIGINT, 3)
        interrupt(pavp, ["study", "--preset", "pa7300lc", "--schedules", "40", "-j", "2"],
                  os.path.join(tmp, "study-term"), signal.SIGTERM, 3)
        interrupt(pavp, ["explore", "--fix", "none", "--preempt-every", "30", "-j", "2"],
                  os.path.join(tmp, "explore-int"), signal.SIGINT, 3)
    return exit_status()


if __name__ == "__main__":
    sys.exit(main())
