"""The workbook build: cold, warm and no-op ``make report`` times, measured in a fresh clone.

Run: ``.venv/bin/python bench/bench_build.py`` (``make bench`` runs every bench).

1. ``git clone`` this repository into a new temporary folder (or ``--clone DIR``).
   The clone is of the last commit, so what is measured is what a user checking
   out the project gets; it is told where this checkout's outside data is
   (``WORKBOOK_SHARED_DATA``), wherever the clone lies.
2. **cold**: ``make report`` in the clone — nothing executed yet, no bytecode.
3. **warm**: for each notebook, append a comment line to its source and run
   ``make report`` again — the build re-executes that notebook alone (its
   fingerprint changed), so this is the edit-and-rebuild loop of someone working
   on one report; the slowest notebook is the figure that matters.
4. **no-op**: ``make report`` with nothing changed.

Each ``make report`` runs with the repository's own ``.venv`` (``VENV=...``, and
``-o`` so that make does not try to rebuild that environment because the clone's
files are newer); everything else — notebooks, package, seeds, exports — is the
clone's. Times are wall-clock for the whole ``make`` command
(``time.perf_counter`` around ``subprocess.run``), and ``/usr/bin/time -v`` gives
the peak resident memory of the largest process. The clone is deleted afterwards.

Ends with ``cold_build_s``, ``warm_build_s`` (slowest notebook), ``noop_build_s``.
Goals: warm ≤ 20 s, no-op ≤ 2 s. Skips when ``../shared/data`` is absent.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import config

GOALS = {"warm": 20.0, "noop": 2.0}
_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")


def make_report(clone: Path, venv: Path) -> tuple[float, float | None, str]:
    """Run ``make report`` in ``clone``; returns (seconds, peak RSS in MB or None, output)."""
    command = ["make", "-o", f"{venv}/.installed", "report", f"VENV={venv}"]
    if Path("/usr/bin/time").exists():
        command = ["/usr/bin/time", "-v"] + command
    environment = {**os.environ, "WORKBOOK_SHARED_DATA": str(config.shared_data_dir())}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=clone, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"make report failed in {clone} ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    found = _MAX_RSS.search(result.stderr)
    return seconds, (int(found.group(1)) / 1024 if found else None), result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clone", type=Path, help="where to clone (default: a new temporary folder; deleted afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args(argv)

    if not config.shared_data_dir().is_dir():
        print(f"skipped: the outside data is not at {config.shared_data_dir()} (see ../shared/data/README.md)")
        return 0
    clone = (args.clone or Path(tempfile.mkdtemp(prefix="workbook-bench-")) / "clone").resolve()
    venv = (config.PROJ_ROOT / ".venv").resolve()
    if clone.exists():
        shutil.rmtree(clone)
    subprocess.run(["git", "clone", "--quiet", str(config.PROJ_ROOT), str(clone)], check=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=clone, capture_output=True, text=True).stdout.strip()
    notebooks = sorted((clone / "notebooks").glob("[0-9][0-9]_*.py"))
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores (shared; times vary with load)")
    print(f"clone of {commit} at {clone}: {len(notebooks)} notebooks, {len(list((clone / 'seeds').glob('*.txt')))} seed articles\n")
    try:
        cold, cold_rss, output = make_report(clone, venv)
        print(f"cold   {cold:7.1f} s  (peak RSS {cold_rss or float('nan'):.0f} MB)")
        for line in output.splitlines():
            if line.strip().startswith(tuple(f"{n.name}:" for n in notebooks)):
                print(f"         {line.strip()}")
        warm = {}
        for notebook in notebooks:
            with open(notebook, "a", encoding="utf-8") as handle:
                handle.write("\n# (bench: an edit that changes this notebook's fingerprint)\n")
            warm[notebook.name], rss, _ = make_report(clone, venv)
            print(f"warm   {warm[notebook.name]:7.1f} s  after editing {notebook.name} (peak RSS {rss or float('nan'):.0f} MB)")
        noop_runs = [make_report(clone, venv)[0] for _ in range(3)]
        noop = sorted(noop_runs)[1]
        print(f"no-op  {noop:7.2f} s  (median of {', '.join(f'{t:.2f}' for t in noop_runs)})")
    finally:
        if not args.keep:
            shutil.rmtree(clone if args.clone else clone.parent, ignore_errors=True)
    slowest = max(warm.values()) if warm else float("nan")
    print(f"\ngoals: warm <= {GOALS['warm']:.0f} s {'met' if slowest <= GOALS['warm'] else 'NOT met'} "
          f"(slowest notebook {max(warm, key=warm.get) if warm else '-'}); no-op <= {GOALS['noop']:.0f} s "
          f"{'met' if noop <= GOALS['noop'] else 'NOT met'}\n")
    print(f"cold_build_s={cold:.1f}")
    print(f"warm_build_s={slowest:.1f}")
    print(f"noop_build_s={noop:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
