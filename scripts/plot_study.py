#!/usr/bin/python3
"""Draws a pavp study or sweep with matplotlib.

    scripts/plot_study.py [STUDY_JSON | SWEEP_JSON] [-o DIR]

A study (out/study.json, written by `pavp study`): for each preset it writes
DIR/study-PRESET.png and .svg: the mean fork cycles and the mean flush cycles
per fix as bars coloured by the fix's verdict (clean, stale data, fails), and
the fraction of runs that failed per fix.

A sweep (sweep.json, written by `pavp sweep`): for each varied parameter it
writes DIR/sweep-PARAMETER.png and .svg: the mean fork cycles, the mean flush
cycles and the fraction of failed runs against the parameter's values, one
line per fix (each value's figure the mean over the other parameters' values).

DIR defaults to the directory of the JSON file (out/study.json by default). A
file that is neither gives one line on standard error and exit status 2.
"""
import argparse
import json
import os
import sys

VERDICT_COLOURS = {"clean": "#2e7d32", "stale data": "#f9a825", "fails": "#c62828"}
PROVEN_COLOUR = "#1565c0"  # "proven at bound K" (an explored study's clean)


def fail(message):
    print(f"plot_study: {message}", file=sys.stderr)
    sys.exit(2)


ACCEPTED = "a study.json written by 'pavp study' or a sweep.json written by 'pavp sweep'"
NEEDED = ("preset", "fix", "verdict", "fork_cycles", "flush_cycles", "failed_fraction")
PANELS = (("fork_cycles", "fork cycles (mean per run)"),
          ("flush_cycles", "flush cycles (mean per run)"),
          ("failed_fraction", "fraction of runs that failed"))


def load(path):
    """The rows of a study's summary or of a sweep, and the sweep's parameters (None for a study)."""
    try:
        with open(path) as f:
            doc = json.load(f)
    except OSError as e:
        fail(f"{path}: cannot read: {e.strerror}")
    except json.JSONDecodeError as e:
        fail(f"{path}: not JSON (line {e.lineno}, column {e.colno}: {e.msg}); {ACCEPTED} is accepted")
    params = None
    if isinstance(doc, dict) and "parameters" in doc:
        rows = doc.get("rows")
        params = doc.get("parameters")
        if not isinstance(params, list) or not params or not all(
                isinstance(p, dict) and isinstance(p.get("key"), str)
                and isinstance(p.get("values"), list) for p in params):
            fail(f"{path}: 'parameters' is not a list of {{key, values}}; {ACCEPTED} is accepted")
        needed = NEEDED + tuple(p["key"] for p in params)
    else:
        rows = doc.get("summary") if isinstance(doc, dict) else None
        needed = NEEDED
    if not isinstance(rows, list) or not rows or not all(
            isinstance(r, dict) and all(k in r for k in needed) for r in rows):
        fail(f"{path}: no {'rows' if params else 'summary rows'} with {', '.join(needed)}; "
             f"{ACCEPTED} is accepted")
    return rows, params


def colour(verdict):
    if verdict.startswith("proven at bound"):
        return PROVEN_COLOUR
    return VERDICT_COLOURS.get(verdict, "#757575")


def plot_preset(plt, preset, rows, out_dir):
    fixes = [r["fix"] for r in rows]
    colours = [colour(r["verdict"]) for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8))
    for ax, (key, title) in zip(axes, PANELS):
        ax.bar(fixes, [r[key] for r in rows], color=colours)
        ax.set_title(title)
        ax.tick_params(axis="x", labelrotation=45)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
        if key == "failed_fraction":
            ax.set_ylim(0, 1)
    seen = {}
    for r in rows:
        v = r["verdict"]
        seen.setdefault("proven" if v.startswith("proven at bound") else v, colour(v))
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in seen.values()]
    fig.legend(handles, list(seen.keys()), loc="upper right", title="verdict")
    fig.suptitle(f"pavp study: {preset}")
    fig.tight_layout(rect=(0, 0, 0.93, 0.95))
    return save(plt, fig, out_dir, f"study-{preset}")


def save(plt, fig, out_dir, stem):
    """Writes fig as DIR/STEM.png and .svg; returns their paths."""
    written = []
    for ext in ("png", "svg"):
        path = os.path.join(out_dir, f"{stem}.{ext}")
        fig.savefig(path)
        written.append(path)
    plt.close(fig)
    return written


def plot_parameter(plt, param, rows, out_dir):
    """The three panels against one varied parameter, a line per fix."""
    key, values = param["key"], [str(v) for v in param["values"]]
    fixes = []
    for r in rows:
        if r["fix"] not in fixes:
            fixes.append(r["fix"])
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8))
    for ax, (metric, title) in zip(axes, PANELS):
        for fix in fixes:
            ys = []
            for v in values:
                picked = [r[metric] for r in rows if r["fix"] == fix and str(r[key]) == v]
                ys.append(sum(picked) / len(picked) if picked else float("nan"))
            ax.plot(values, ys, marker="o", label=fix)
        ax.set_title(title)
        ax.set_xlabel(key)
        if metric == "failed_fraction":
            ax.set_ylim(-0.02, 1.02)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper right", title="fix")
    fig.suptitle(f"pavp sweep: against {key}")
    fig.tight_layout(rect=(0, 0, 0.88, 0.95))
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in key)
    return save(plt, fig, out_dir, f"sweep-{safe}")


def main():
    ap = argparse.ArgumentParser(
        description="Draws a pavp study.json per preset, or a sweep.json per varied parameter "
                    "(PNG and SVG).")
    ap.add_argument("study", nargs="?", default="out/study.json")
    ap.add_argument("-o", "--out", help="directory for the pictures (default: the JSON file's)")
    a = ap.parse_args()
    rows, params = load(a.study)
    out_dir = a.out or os.path.dirname(os.path.abspath(a.study))
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as e:
        fail(f"{out_dir}: cannot create: {e.strerror}")
    try:
        import matplotlib
        matplotlib.use("Agg")  # files only, no display
        import matplotlib.pyplot as plt
    except ImportError:
        fail("matplotlib is missing (Debian package python3-matplotlib; "
             "scripts/install-deps.sh installs it)")
    written = []
    if params is not None:
        for p in params:
            try:
                written += plot_parameter(plt, p, rows, out_dir)
            except OSError as e:
                fail(f"{out_dir}: cannot write: {e.strerror}")
        print("wrote " + ", ".join(written))
        return 0
    presets = []
    for r in rows:
        if r["preset"] not in presets:
            presets.append(r["preset"])
    for p in presets:
        try:
            written += plot_preset(plt, p, [r for r in rows if r["preset"] == p], out_dir)
        except OSError as e:
            fail(f"{out_dir}: cannot write: {e.strerror}")
    print("wrote " + ", ".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
