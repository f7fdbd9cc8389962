"""How many per-article items a report shows: every one for a small corpus, a chosen few for a large one.

A report section that renders one item per article — a provenance card, a chart
row, a highlighted article, a table row — reads well for the five seeds and not at
all for two thousand articles: the HTML grows to tens of megabytes and a chart
with one bar per article is a smear. The policy, shared by every notebook so that
none hard-codes its own cap:

* a corpus of at most :data:`MAX_ARTICLES` articles shows **every** article in
  every section (the reports on the seeds are unchanged by this module);
* a larger corpus shows, per section, the :data:`MAX_ARTICLES` articles that
  section's own measure puts first (:func:`select`, or :func:`select_extremes`
  for both ends of a scale), and evidence listings (quotations, matches in
  context) at most :data:`MAX_ROWS` rows; aggregate plots replace one-row-per-
  article charts;
* every cut is said in a sentence computed from the data (:func:`selection_note`):
  how many there are in all, how the shown ones were chosen, and which exported
  CSV under ``tables/`` holds every row.

Start here::

    from analysis.report import limits
    shown = limits.select(documents, n_articles=len(docs), by="n_known_fields")
    note = limits.selection_note(len(shown), len(documents), "articles",
                                 "with the most fields known", "documents.csv")
"""

from __future__ import annotations

import pandas as pd

#: A corpus with at most this many articles shows every article everywhere; a
#: larger one shows this many per section. Twenty cards, chart rows or highlighted
#: articles keep a report readable and its HTML around a megabyte.
MAX_ARTICLES = 20
#: At most this many evidence rows (quotations, matches in context, …) per listing
#: in a report on a corpus larger than :data:`MAX_ARTICLES`.
MAX_ROWS = 40


def shows_all(n_articles: int) -> bool:
    """True when a corpus of ``n_articles`` is small enough to show every article and row."""
    if n_articles < 0:
        raise ValueError(f"n_articles must be 0 or more, got {n_articles}")
    return n_articles <= MAX_ARTICLES


def _ordered(frame: pd.DataFrame, by: str | list[str], ascending: bool | list[bool], ties: str | None) -> pd.DataFrame:
    keys = [by] if isinstance(by, str) else list(by)
    missing = [key for key in keys + ([ties] if ties else []) if key not in frame.columns]
    if missing:
        raise KeyError(f"select: the frame lacks the column(s) {missing}; it has {list(frame.columns)}")
    order = [ascending] * len(keys) if isinstance(ascending, bool) else list(ascending)
    if ties and ties not in keys:
        keys, order = keys + [ties], order + [True]
    return frame.sort_values(keys, ascending=order, kind="stable", na_position="last")


def select(
    frame: pd.DataFrame,
    n_articles: int,
    by: str | list[str],
    ascending: bool | list[bool] = False,
    limit: int = MAX_ARTICLES,
    ties: str | None = "doc_id",
) -> pd.DataFrame:
    """The rows a report shows: all of ``frame`` for a small corpus, else the first ``limit`` by ``by``.

    Parameters
    ----------
    frame : DataFrame
        One row per item (usually per article).
    n_articles : int
        Articles in the corpus (decides small or large, :func:`shows_all`).
    by : str or list of str
        The section's measure; rows with the largest values come first
        (``ascending=False``). Missing values sort last.
    ascending : bool or list of bool
        Smallest first instead.
    limit : int
        How many rows a large corpus shows (:data:`MAX_ARTICLES`, or
        :data:`MAX_ROWS` for evidence listings).
    ties : str, optional
        Column that breaks ties (ascending), so the choice is reproducible.

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself, unchanged and in its order, when the corpus is small;
        otherwise the chosen rows, in the measure's order.
    """
    if shows_all(n_articles):
        return frame
    return _ordered(frame, by, ascending, ties).head(limit)


def select_extremes(
    frame: pd.DataFrame, n_articles: int, by: str, limit: int = MAX_ARTICLES, ties: str | None = "doc_id"
) -> pd.DataFrame:
    """Both ends of a scale: all of ``frame`` for a small corpus, else the lowest and highest rows by ``by``.

    A large corpus shows ``limit // 2`` rows with the lowest values and the rest of
    ``limit`` with the highest, lowest first; rows without a value are left out
    of both ends. A frame with at most ``limit`` rows is returned whole, sorted.
    """
    if shows_all(n_articles):
        return frame
    ordered = _ordered(frame[frame[by].notna()], by, True, ties)
    if len(ordered) <= limit:
        return ordered
    n_low = limit // 2
    return pd.concat([ordered.head(n_low), ordered.tail(limit - n_low)])


def selection_note(n_shown: int, n_total: int, noun: str, how: str, table: str | None, where: str | None = None) -> str:
    """The sentence that says a section shows a selection, or ``""`` when it shows everything.

    Parameters
    ----------
    n_shown, n_total : int
        Items shown and items there are.
    noun : str
        What an item is, plural ("articles", "quotations").
    how : str
        How the shown ones were chosen, read after the noun ("with the most furniture").
    table : str, optional
        The exported CSV (name under ``tables/``) holding every item; None when
        no table holds them (then the sentence says so).
    where : str, optional
        A sentence saying where the data behind the items is, when no one table
        holds the items themselves (used instead of the sentence about ``table``).

    Examples
    --------
    >>> selection_note(20, 2127, "articles", "with the most furniture", "corpus.csv")
    'Shown: the 20 articles with the most furniture, of 2,127. All 2,127 are in `tables/corpus.csv`.'
    """
    if n_shown >= n_total:
        return ""
    if where is None:
        where = f"All {n_total:,} are in `tables/{table}`." if table else "The others are not exported."
    return f"Shown: the {n_shown:,} {noun} {how}, of {n_total:,}. {where}"
