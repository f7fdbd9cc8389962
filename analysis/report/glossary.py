"""Every measure a report names, explained once in plain words, the same way in every report.

The definitions are curated data (``analysis/data/glossary.csv``: term, a few
words for a parenthesis where the measure first appears, a plain-words
paragraph, and the source that defined the measure)::

    from analysis.report import glossary
    f"Flesch reading ease ({glossary.short('Flesch reading ease')})"   # where it first appears
    show.show(glossary.glossary_html(["Flesch reading ease", "VADER"]))  # the report's glossary
"""

from __future__ import annotations

import csv
from functools import lru_cache

from analysis.config import PACKAGE_DATA_DIR
from analysis.report.display import escape_text

GLOSSARY_FILE = PACKAGE_DATA_DIR / "glossary.csv"
COLUMNS = ["term", "short", "plain_words", "source"]


@lru_cache(maxsize=1)
def load_glossary() -> dict[str, dict[str, str]]:
    """``term -> row`` of the glossary file.

    Raises
    ------
    ValueError
        Naming the file and the row when a row lacks a column or repeats a term.
    """
    with open(GLOSSARY_FILE, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{GLOSSARY_FILE}: columns {reader.fieldnames}, expected {COLUMNS}")
        terms: dict[str, dict[str, str]] = {}
        for line, row in enumerate(reader, start=2):
            empty = [column for column in COLUMNS if not (row.get(column) or "").strip()]
            if empty:
                raise ValueError(f"{GLOSSARY_FILE}, line {line}: empty {empty}")
            if row["term"] in terms:
                raise ValueError(f"{GLOSSARY_FILE}, line {line}: {row['term']!r} is defined twice")
            terms[row["term"]] = row
    return terms


def _row(term: str) -> dict[str, str]:
    terms = load_glossary()
    if term not in terms:
        raise KeyError(f"{term!r} is not in {GLOSSARY_FILE.name} (it has {', '.join(sorted(terms))})")
    return terms[term]


def short(term: str) -> str:
    """The few words that explain ``term`` in a parenthesis where it first appears (plain text)."""
    return _row(term)["short"]


def glossary_html(terms: list[str]) -> str:
    """A definition list of ``terms``, each with its plain-words explanation and source (escaped)."""
    items = "".join(
        f"<dt>{escape_text(term)}</dt><dd>{escape_text(_row(term)['plain_words'])} "
        f'<span style="color:#666;font-size:.9em">({escape_text(_row(term)["source"])})</span></dd>'
        for term in terms
    )
    return f'<dl class="wb-glossary">{items}</dl>'
