"""The checks of the Python test drivers (tests/gdb, tests/perfetto,
tests/platform/interrupt_test.py): each failed check prints FAIL with what
was expected (and the output that shows it), and the script's exit status
says whether any failed.

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
    from checklist import check, failures, exit_status
    check(r.returncode == 0, "pavp exits 0", r.stderr)
    sys.exit(exit_status())
"""

failures = []


def check(ok, what, output=""):
    """Records a failed check; returns ok."""
    if not ok:
        failures.append(what)
        print(f"FAIL: {what}")
        if output:
            print("---- output\n" + output + "\n----")
    return ok


def exit_status():
    """The exit status: 1 after printing how many checks failed, else 0."""
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0
