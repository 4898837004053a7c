#!/usr/bin/python3
"""Draws a pavp study (out/study.json, written by `pavp study`) with matplotlib.

    scripts/plot_study.py [STUDY_JSON] [-o DIR]

For each preset it writes DIR/study-PRESET.png and .svg: the mean fork cycles and
the mean flush cycles per fix as bars coloured by the fix's verdict (clean,
stale data, fails), and the fraction of runs that failed per fix. DIR defaults
to the directory of STUDY_JSON (out/study.json by default). A file that is not
a study gives one line on standard error and exit status 2.
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


def load_summary(path):
    try:
        with open(path) as f:
            study = json.load(f)
    except OSError as e:
        fail(f"{path}: cannot read: {e.strerror}")
    except json.JSONDecodeError as e:
        fail(f"{path}: not JSON (line {e.lineno}, column {e.colno}: {e.msg}); "
             "a study.json written by 'pavp study' is accepted")
    rows = study.get("summary") if isinstance(study, dict) else None
    needed = ("preset", "fix", "verdict", "fork_cycles", "flush_cycles", "failed_fraction")
    if not isinstance(rows, list) or not rows or not all(
            isinstance(r, dict) and all(k in r for k in needed) for r in rows):
        fail(f"{path}: no 'summary' rows with {', '.join(needed)}; "
             "a study.json written by 'pavp study' is accepted")
    return rows


def colour(verdict):
    if verdict.startswith("proven at bound"):
        return PROVEN_COLOUR
    return VERDICT_COLOURS.get(verdict, "#757575")


def plot_preset(plt, preset, rows, out_dir):
    fixes = [r["fix"] for r in rows]
    colours = [colour(r["verdict"]) for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8))
    panels = (("fork_cycles", "fork cycles (mean per run)"),
              ("flush_cycles", "flush cycles (mean per run)"),
              ("failed_fraction", "fraction of runs that failed"))
    for ax, (key, title) in zip(axes, panels):
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
    written = []
    for ext in ("png", "svg"):
        path = os.path.join(out_dir, f"study-{preset}.{ext}")
        fig.savefig(path)
        written.append(path)
    plt.close(fig)
    return written


def main():
    ap = argparse.ArgumentParser(description="Draws a pavp study.json per preset (PNG and SVG).")
    ap.add_argument("study", nargs="?", default="out/study.json")
    ap.add_argument("-o", "--out", help="directory for the pictures (default: the study's)")
    a = ap.parse_args()
    rows = load_summary(a.study)
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
    presets = []
    for r in rows:
        if r["preset"] not in presets:
            presets.append(r["preset"])
    written = []
    for p in presets:
        try:
            written += plot_preset(plt, p, [r for r in rows if r["preset"] == p], out_dir)
        except OSError as e:
            fail(f"{out_dir}: cannot write: {e.strerror}")
    print("wrote " + ", ".join(written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
