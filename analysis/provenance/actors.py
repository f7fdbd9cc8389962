"""Actors (countries, people, organisations, regions) and the aliases that name them.

The gazetteer is data: ``data/actors.csv`` (one row per alias, with its source).
Tone per actor (``analysis.readability_tone.tone``) and entity overlap (``analysis.overlap.similarity``) both
use it, so an alias added there reaches every analysis.

Matching is case-sensitive on purpose: aliases are proper nouns, and "US" (the
country) must not match the pronoun "us". Overlapping aliases resolve to the
longest ("United States" wins over "States"; "Eastern Zangezur" over "Zangezur").
"Azeri" is left out on purpose: the texts use it for ethnic Azeris in Iran as
well as for Azerbaijan, so it cannot be resolved without a reader.

A surname that is also a common word or another person's name ("Price": "Paying
the Price", "Adam Price") is marked ``after_full_name`` in the gazetteer: it names
its actor only once the article has named that actor by another alias ("spokesman
Ned Price … According to Price"), as a reader resolves it. The helpers that see a
whole article in reading order (:func:`tag_mentions`, :func:`actors_per_span`,
:func:`actors_in_sequence`) carry that knowledge from span to span;
:func:`find_mentions` on its own sees only its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR
from analysis.corpus.segments import table_cells

GAZETTEER_COLUMNS = ["actor", "kind", "alias", "affiliation", "after_full_name", "source"]
MENTION_COLUMNS = ["doc_id", "start", "end", "alias", "actor", "kind"]


@lru_cache(maxsize=1)
def load_gazetteer() -> pd.DataFrame:
    """The actor gazetteer: columns ``actor, kind, alias, affiliation, after_full_name, source``.

    ``kind`` is country, person, organisation or region; ``affiliation`` names the
    country or body a person or organisation belongs to (empty when none);
    ``after_full_name`` is ``yes`` for an alias that names its actor only after the
    article has named the actor by another alias (see the module docstring).
    """
    return _checked_gazetteer(pd.read_csv(PACKAGE_DATA_DIR / "actors.csv", dtype="string", keep_default_na=False),
                              PACKAGE_DATA_DIR / "actors.csv")


def _checked_gazetteer(table: pd.DataFrame, path) -> pd.DataFrame:
    missing = [column for column in GAZETTEER_COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}; expected {GAZETTEER_COLUMNS}")
    duplicated = table[table["alias"].duplicated(keep=False)]
    if not duplicated.empty:
        raise ValueError(f"{path}: aliases listed twice: {sorted(set(duplicated['alias']))}")
    flags = set(table["after_full_name"]) - {"", "yes"}
    if flags:
        raise ValueError(f"{path}: after_full_name is 'yes' or empty, not {sorted(flags)}")
    deferred = table["after_full_name"].eq("yes")
    introduced = set(table.loc[~deferred, "actor"])
    orphans = sorted(set(table.loc[deferred, "alias"][~table.loc[deferred, "actor"].isin(introduced)]))
    if orphans:
        raise ValueError(f"{path}: {orphans} can only follow a full name, but their actor has no other alias")
    return table[GAZETTEER_COLUMNS]


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    gazetteer = load_gazetteer()
    aliases = sorted(gazetteer["alias"], key=len, reverse=True)
    # Lookarounds instead of \b so aliases ending in "." ("U.S.") still match.
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(alias) for alias in aliases) + r")(?![\w])")
    deferred = frozenset(gazetteer.loc[gazetteer["after_full_name"].eq("yes"), "alias"])
    return pattern, dict(zip(gazetteer["alias"], gazetteer["actor"])), deferred


def resolve_alias(name: str) -> str | None:
    """The canonical actor for an alias (``"Baku" -> "Azerbaijan"``), or None."""
    return _alias_pattern()[1].get(name.strip())


def find_mentions(text: str, named: set[str] | frozenset[str] = frozenset()) -> list[tuple[int, int, str, str]]:
    """Actor mentions in ``text`` as ``(start, end, alias, actor)``, longest alias first, in text order.

    Parameters
    ----------
    text : str
        Any span of an article.
    named : set of str
        Actors the article has already named (by an alias not marked
        ``after_full_name``) before ``text``. An ``after_full_name`` alias counts
        only for those, or for an actor named earlier in ``text`` itself.
    """
    pattern, actor_of, deferred = _alias_pattern()
    mentions, seen = [], set()
    for match in pattern.finditer(text):
        alias = match.group()
        actor = actor_of[alias]
        if alias in deferred:
            if actor not in named and actor not in seen:
                continue
        else:
            seen.add(actor)
        mentions.append((match.start(), match.end(), alias, actor))
    return mentions


def _named_by(mentions: list[tuple[int, int, str, str]]) -> set[str]:
    """The actors these mentions name in a way that lets a later ``after_full_name`` alias count."""
    deferred = _alias_pattern()[2]
    return {actor for _, _, alias, actor in mentions if alias not in deferred}


def _reading_order(doc_ids: list, starts: list | None) -> list[int]:
    """Positions of the spans in reading order within each article (by start offset where known)."""
    if starts is None:
        return list(range(len(doc_ids)))
    return sorted(range(len(doc_ids)), key=starts.__getitem__)


def actors_in_sequence(doc_ids: Iterable[str], texts: Iterable[str], starts: Iterable[int] | None = None) -> list[list[str]]:
    """For each span of articles, the sorted distinct actors it names, reading each article in order.

    Parameters
    ----------
    doc_ids, texts : iterables of str
        One entry per span (e.g. the body sentences of :func:`analysis.corpus.sentences.body_sentences`).
    starts : iterable of int, optional
        Raw start offsets, for spans not given in reading order; without them the
        given order is taken as reading order.

    Returns
    -------
    list of lists
        In the order given. An ``after_full_name`` alias ("Price") counts once an
        earlier span of the same article (or its own text, before it) named the actor.
    """
    doc_ids, texts = list(doc_ids), list(texts)
    order = _reading_order(doc_ids, None if starts is None else list(starts))
    named: dict[str, set[str]] = {}
    found: list[list[str]] = [[] for _ in texts]
    for position in order:
        known = named.setdefault(doc_ids[position], set())
        mentions = find_mentions(texts[position], known)
        known |= _named_by(mentions)
        found[position] = sorted({actor for *_, actor in mentions})
    return found


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
    labels = list(spans["label"]) if "label" in spans.columns else [""] * len(spans)
    doc_ids, starts, ends = list(spans["doc_id"]), list(spans["start"]), list(spans["end"])
    named: dict[str, set[str]] = {}
    found: list[list[tuple]] = [[] for _ in doc_ids]
    for position in _reading_order(doc_ids, starts):
        doc_id, start = doc_ids[position], starts[position]
        text = raw_by_doc[doc_id][start:ends[position]]
        known = named.setdefault(doc_id, set())
        # Glued table cells ("FocusUS Expectations") hide aliases from the word-boundary rule.
        units = table_cells(text) if labels[position] == "table_row" else [(0, len(text))]
        for unit_start, unit_end in units:
            mentions = find_mentions(text[unit_start:unit_end], known)
            known |= _named_by(mentions)
            offset = start + unit_start
            found[position] += [(doc_id, offset + m_start, offset + m_end, alias, actor, kind_of[actor])
                                for m_start, m_end, alias, actor in mentions]
    return pd.DataFrame([row for rows in found for row in rows], columns=MENTION_COLUMNS)


def actors_per_span(spans: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series) -> pd.Series:
    """For each row of ``spans``, the sorted distinct actors it mentions (a list), each article read in order."""
    texts = [raw_by_doc[doc_id][start:end] for doc_id, start, end in spans[["doc_id", "start", "end"]].itertuples(index=False)]
    return pd.Series(actors_in_sequence(spans["doc_id"], texts, spans["start"]), index=spans.index, dtype="object")
