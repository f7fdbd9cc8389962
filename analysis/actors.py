"""Actors (countries, people, organisations, regions) and the aliases that name them.

The gazetteer is data: ``data/actors.csv`` (one row per alias, with its source).
Tone per actor (``analysis.tone``) and entity overlap (``analysis.overlap``) both
use it, so an alias added there reaches every analysis.

Matching is case-sensitive on purpose: aliases are proper nouns, and "US" (the
country) must not match the pronoun "us". Overlapping aliases resolve to the
longest ("United States" wins over "States"; "Eastern Zangezur" over "Zangezur").
"Azeri" is left out on purpose: the texts use it for ethnic Azeris in Iran as
well as for Azerbaijan, so it cannot be resolved without a reader.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR
from analysis.segments import table_cells

GAZETTEER_COLUMNS = ["actor", "kind", "alias", "affiliation", "source"]
MENTION_COLUMNS = ["doc_id", "start", "end", "alias", "actor", "kind"]


@lru_cache(maxsize=1)
def load_gazetteer() -> pd.DataFrame:
    """The actor gazetteer: columns ``actor, kind, alias, affiliation, source``.

    ``kind`` is country, person, organisation or region; ``affiliation`` names the
    country or body a person or organisation belongs to (empty when none).
    """
    table = pd.read_csv(PACKAGE_DATA_DIR / "actors.csv", dtype="string", keep_default_na=False)
    duplicated = table[table["alias"].duplicated(keep=False)]
    if not duplicated.empty:
        raise ValueError(f"{PACKAGE_DATA_DIR / 'actors.csv'}: aliases listed twice: {sorted(set(duplicated['alias']))}")
    return table[GAZETTEER_COLUMNS]


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    gazetteer = load_gazetteer()
    aliases = sorted(gazetteer["alias"], key=len, reverse=True)
    # Lookarounds instead of \b so aliases ending in "." ("U.S.") still match.
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(alias) for alias in aliases) + r")(?![\w])")
    return pattern, dict(zip(gazetteer["alias"], gazetteer["actor"]))


def resolve_alias(name: str) -> str | None:
    """The canonical actor for an alias (``"Baku" -> "Azerbaijan"``), or None."""
    return _alias_pattern()[1].get(name.strip())


def find_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """Actor mentions in ``text`` as ``(start, end, alias, actor)``, longest alias first."""
    pattern, actor_of = _alias_pattern()
    return [(match.start(), match.end(), match.group(), actor_of[match.group()]) for match in pattern.finditer(text)]


def tag_mentions(spans: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series) -> pd.DataFrame:
    """Every actor mention inside the given spans (segments or sentences).

    Parameters
    ----------
    spans : DataFrame
        Rows with ``doc_id, start, end`` (raw offsets), e.g. body segments; when a
        ``label`` column marks a ``table_row``, its glued cells are read one by one.
    raw_by_doc : mapping or Series
        ``doc_id -> raw text``.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, start, end, alias, actor, kind`` with raw offsets, so
        ``raw[start:end] == alias``.
    """
    kind_of = dict(zip(load_gazetteer()["actor"], load_gazetteer()["kind"]))
    labels = spans["label"] if "label" in spans.columns else pd.Series("", index=spans.index)
    rows = []
    for (doc_id, start, end), label in zip(spans[["doc_id", "start", "end"]].itertuples(index=False), labels):
        text = raw_by_doc[doc_id][start:end]
        # Glued table cells ("FocusUS Expectations") hide aliases from the word-boundary rule.
        units = table_cells(text) if label == "table_row" else [(0, len(text))]
        for unit_start, unit_end in units:
            for m_start, m_end, alias, actor in find_mentions(text[unit_start:unit_end]):
                offset = start + unit_start
                rows.append((doc_id, offset + m_start, offset + m_end, alias, actor, kind_of[actor]))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def actors_per_span(spans: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series) -> pd.Series:
    """For each row of ``spans``, the sorted distinct actors it mentions (a list)."""
    return pd.Series(
        [
            sorted({actor for *_, actor in find_mentions(raw_by_doc[doc_id][start:end])})
            for doc_id, start, end in spans[["doc_id", "start", "end"]].itertuples(index=False)
        ],
        index=spans.index,
        dtype="object",
    )
