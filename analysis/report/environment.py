"""The pinned environment the numbers depend on: the lock, what is installed, and the conda file.

``requirements.lock`` pins every package (``make lock`` writes it). The build
checks that the packages installed are the ones it pins (:func:`mismatches`) and
fingerprints what is installed, not the lock file, so a hand-installed upgrade
re-executes the notebooks instead of passing silently. ``environment.yml`` is
generated from the lock (``make environment.yml``, which runs this module), so
the conda route installs exactly the same versions.

Only the standard library is imported: the build calls this before it knows
whether there is any work to do, and ``make environment.yml`` runs it with the
system Python.
"""

from __future__ import annotations

import hashlib
import re
import sys
from importlib import metadata
from pathlib import Path

_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)$")
CONDA_HEADER = """\
# Conda alternative to `make env`, generated from requirements.lock by `make environment.yml`
# (every package pinned; tests/test_environment.py checks that the two agree). Then:
#   conda env create -f environment.yml && conda activate media-workbook
#   python -m analysis.readability_tone.pronouncing
#   python -m analysis build      (the reports)      python -m pytest     (the tests)
name: media-workbook
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def normalise(name: str) -> str:
    """A distribution name as pip compares them (PEP 503): lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path | str) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line of a lock file (names normalised).

    Raises
    ------
    ValueError
        Naming the file and line of an entry that is not an exact pin.
    """
    pins = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _PIN.match(line)
        if not match:
            raise ValueError(f"{path}: line {number} is not an exact pin (name==version): {line!r}")
        pins[normalise(match.group(1))] = match.group(2)
    return pins


def conda_environment(lock: Path | str) -> str:
    """The text of ``environment.yml``: every pin of the lock, then the workbook itself (editable)."""
    lines = [f"      - {line.strip()}" for line in Path(lock).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return CONDA_HEADER + "\n".join(lines) + "\n      - -e .\n"


def installed() -> dict[str, str]:
    """``name -> version`` of every distribution installed in this interpreter (names normalised)."""
    return {normalise(dist.metadata["Name"]): dist.version for dist in metadata.distributions() if dist.metadata["Name"]}


def mismatches(lock: Path | str) -> list[str]:
    """One line per package pinned by ``lock`` that is missing or installed at another version."""
    have = installed()
    problems = []
    for name, version in sorted(read_lock(lock).items()):
        if name not in have:
            problems.append(f"{name}: not installed ({version} pinned)")
        elif have[name] != version:
            problems.append(f"{name}: {have[name]} installed, {version} pinned")
    return problems


def fingerprint() -> str:
    """SHA-256 of every installed distribution and version: changes whenever what the numbers run on changes."""
    text = "\n".join(f"{name}=={version}" for name, version in sorted(installed().items()))
    return hashlib.sha256(text.encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m analysis.report.environment requirements.lock > environment.yml", file=sys.stderr)
        return 2
    sys.stdout.write(conda_environment(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
