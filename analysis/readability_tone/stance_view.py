"""The stance of each article toward each actor, for a report: the grid and the evidence behind every cell.

:func:`stance_grid` picks the rows (articles) and columns (actors) of the article ×
actor view and gives each cell its mean stance, its number of mentions and an id;
:func:`evidence_html` renders, folded, every mention behind each cell — the
sentence with the mention and the words that moved its stance highlighted, each
word's weight in its tooltip and in a column — so a reader is one click away from
why a cell is red or blue. Every string from an article is escaped
(:mod:`analysis.report.display`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.readability_tone import tone
from analysis.report import display

#: Colours of the evidence: the mention, words that moved the stance against the actor, words that moved it for.
EVIDENCE_COLOURS = {"mention": "#f6c667", "against": "#f4a6a6", "for": "#a6c8f4"}


@dataclass(frozen=True)
class StanceGrid:
    """The article × actor view: ``stance`` and ``mentions`` (rows = doc ids, columns = actors), each cell's evidence id,
    and the articles left out because they name none of the actors shown."""

    stance: pd.DataFrame
    mentions: pd.DataFrame
    ids: dict[tuple[str, str], str]
    naming_none: list[str]


def stance_grid(by_actor: pd.DataFrame, doc_ids: list[str], actors: int, articles: int | None = None) -> StanceGrid:
    """The ``actors`` most-mentioned actors of the corpus as columns, and the articles as rows.

    Parameters
    ----------
    by_actor : DataFrame
        :func:`analysis.readability_tone.tone.actor_tone`.
    doc_ids : list of str
        Every article, in corpus order. An article naming none of the shown
        actors gets no row (it is listed in ``naming_none``).
    actors : int
        How many actors to show: the most mentioned over the corpus (ties by name).
    articles : int, optional
        Show only this many articles: those with the most mentions of the shown
        actors (ties in corpus order), kept in corpus order. Default all.

    Returns
    -------
    StanceGrid
        ``ids[(doc_id, actor)]`` is ``"stance-evidence-<row>-<column>"`` for every
        cell with at least one mention: an id made of numbers, never of a name.
    """
    totals = by_actor.groupby("actor")["n_mentions"].sum()
    columns = sorted(totals.index, key=lambda actor: (-totals[actor], actor))[:actors]
    shown = by_actor[by_actor["actor"].isin(columns)]
    named = set(shown.loc[shown["n_mentions"].gt(0), "doc_id"])
    naming_none = [doc for doc in doc_ids if doc not in named]
    rows = [doc for doc in doc_ids if doc in named]
    if articles is not None and len(rows) > articles:
        per_doc = shown.groupby("doc_id")["n_mentions"].sum().reindex(rows).fillna(0)
        keep = set(sorted(rows, key=lambda doc: (-per_doc[doc], rows.index(doc)))[:articles])
        rows = [doc for doc in rows if doc in keep]
    mentions = shown.pivot(index="doc_id", columns="actor", values="n_mentions").reindex(index=rows, columns=columns).fillna(0).astype(int)
    stance = shown.pivot(index="doc_id", columns="actor", values="stance").reindex(index=rows, columns=columns)
    ids = {(doc, actor): f"stance-evidence-{i}-{j}" for i, doc in enumerate(rows) for j, actor in enumerate(columns)
           if mentions.loc[doc, actor] > 0}
    return StanceGrid(stance, mentions, ids, naming_none)


def _signed(value: float) -> str:
    """``+0.26`` / ``-0.14``; a mean that rounds to zero is ``+0.00``, never ``-0.00``."""
    return f"{round(float(value), 2) + 0.0:+.2f}"


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _counts(rows: pd.DataFrame) -> str:
    labels = rows["label"].value_counts()
    return ", ".join(f"{int(labels.get(label, 0)):,} {label}" for label in ("negative", "neutral", "positive"))


def mention_rows_html(rows: pd.DataFrame, sentences: pd.DataFrame, raw_by_doc) -> str:
    """A table of mentions (:func:`tone.actor_mentions` rows): stance, label, the highlighted sentence and its evidence words.

    ``sentences`` are the body sentences (``doc_id, sentence_id, start, end``).
    In the sentence the mention is yellow, the words that moved the stance
    against the actor red and those for it blue, each with its weight as tooltip.
    """
    bounds = sentences.set_index(["doc_id", "sentence_id"])[["start", "end"]]
    cells = []
    for row in rows.itertuples():
        s_start, s_end = bounds.loc[(row.doc_id, row.sentence_id)]
        marks = [(row.start, row.end, "mention", row.alias)]
        for span, part in zip(filter(None, str(row.evidence_spans).split(";")), str(row.evidence).split("; ")):
            a, b = (int(x) for x in span.split(":"))
            marks.append((a, b, "against" if "−" in part else "for", part))
        spans = pd.DataFrame(marks, columns=["start", "end", "label", "why"])
        sentence = display.highlight_spans(raw_by_doc[row.doc_id], spans, start=int(s_start), end=int(s_end),
                                           colours=EVIDENCE_COLOURS, title_column="why")
        cells.append(
            f'<tr><td style="white-space:nowrap">{_signed(row.stance)}</td><td style="text-align:left">{display.escape_text(row.label)}</td>'
            f'<td style="text-align:left">{sentence}</td><td style="font-size:.85em;text-align:left">{display.escape_text(row.evidence)}</td></tr>'
        )
    return ('<table class="wb-evidence-mentions"><thead><tr><th>stance</th><th style="text-align:left">label</th><th style="text-align:left">sentence</th>'
            f'<th style="text-align:left">words that moved it</th></tr></thead><tbody>{"".join(cells)}</tbody></table>')


def evidence_html(
    mentions: pd.DataFrame,
    grid: StanceGrid,
    sentences: pd.DataFrame,
    raw_by_doc,
    labels: dict[str, str],
    words: pd.DataFrame | None = None,
    max_rows: int | None = None,
) -> str:
    """Every mention behind each cell of ``grid``, folded: one ``<details>`` per actor, inside it one per article.

    Parameters
    ----------
    mentions : DataFrame
        :func:`tone.actor_mentions`.
    grid : StanceGrid
        :func:`stance_grid`; its cell ids are the ids of the article blocks here, so
        a link from the grid opens the block (browsers open the ``<details>``
        around a link's target).
    sentences, raw_by_doc
        Body sentences and ``doc_id -> raw text``.
    labels : dict
        ``doc_id -> article label``.
    words : DataFrame, optional
        :func:`tone.stance_evidence_words`, for the words named in each block's summary.
    max_rows : int, optional
        Mentions listed per cell, most negative and most positive first when cut; the rest are in the CSV.
    """
    blocks = []
    for actor in grid.stance.columns:
        of_actor = mentions[mentions["actor"].eq(actor) & mentions["doc_id"].isin(set(grid.stance.index))]
        if of_actor.empty:
            continue
        inner = []
        for doc_id in grid.stance.index:
            rows = of_actor[of_actor["doc_id"].eq(doc_id)].sort_values(["stance", "start"], kind="stable")
            if rows.empty:
                continue
            n = len(rows)
            thin = n < tone.MIN_MENTIONS
            summary = (f"{labels.get(doc_id, doc_id)}: {_plural(n, 'mention')}, mean stance {_signed(rows['stance'].mean())} ({_counts(rows)})"
                       + (f" — fewer than {tone.MIN_MENTIONS}, not read as a tendency" if thin else ""))
            if words is not None and not thin:
                pro = tone.top_evidence_words(words, doc_id, actor, "for")
                con = tone.top_evidence_words(words, doc_id, actor, "against")
                summary += "; words for: " + (", ".join(pro) or "none") + "; against: " + (", ".join(con) or "none")
            listed, note = rows, ""
            if max_rows is not None and n > max_rows:
                half = max_rows // 2
                listed = pd.concat([rows.head(half), rows.tail(max_rows - half)])
                note = (f'<p class="wb-table-note">The {half} most negative and {max_rows - half} most positive of the {n:,} '
                        f"mentions; every one is in tables/actor_mentions.csv.</p>")
            inner.append(f'<details class="wb-cell"><summary>{display.escape_text(summary)}</summary>'
                         f'<div id="{grid.ids[(doc_id, actor)]}" style="scroll-margin-top:4em">{mention_rows_html(listed, sentences, raw_by_doc)}{note}</div></details>')
        total = len(of_actor)
        head = (f"{actor}: {_plural(total, 'mention')} in {_plural(of_actor['doc_id'].nunique(), 'article')}, "
                f"mean stance {_signed(of_actor['stance'].mean())} ({_counts(of_actor)})")
        blocks.append(f'<details class="wb-actor"><summary><strong>{display.escape_text(head)}</strong></summary>'
                      f'<div style="margin-left:1.2em">{"".join(inner)}</div></details>')
    legend = display.legend_html({"the mention": EVIDENCE_COLOURS["mention"], "a word that moved the stance against the actor":
                                  EVIDENCE_COLOURS["against"], "a word that moved it for the actor": EVIDENCE_COLOURS["for"]})
    return f'<div class="wb-stance-evidence">{legend}{"".join(blocks)}</div>'
