"""Shapes the reports share: short article labels, capped pair listings, side-by-side excerpts.

Every function returns escaped HTML or plain values built from escaped parts
(:mod:`analysis.report.display`), so a notebook can show what it gets without
handling article text itself.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.report import display, limits

_NUMBERED_ID = re.compile(r"\d+_")


def short_label(doc_id: str, title: str = "", width: int = 34) -> str:
    """``'000 · Did the US Jump the Gun…'``: the id's number (or the id) and the start of the title."""
    stem = doc_id.split("_")[0] if _NUMBERED_ID.match(doc_id) else doc_id
    if not title:
        return stem
    return f"{stem} · {title[:width].rstrip()}…" if len(title) > width else f"{stem} · {title}"


def short_labels(titles: pd.Series, width: int = 34) -> dict[str, str]:
    """``doc_id -> short_label`` for every article of ``titles`` (a Series indexed by ``doc_id``)."""
    return {doc_id: short_label(doc_id, title, width) for doc_id, title in titles.items()}


def label_number(label: str) -> str:
    """The part of a :func:`short_label` before the title (``'000 · Did…'`` -> ``'000'``)."""
    return label.split(" · ")[0]


def first_rows(frame: pd.DataFrame, by: str, ascending: bool = False, limit: int = limits.MAX_ROWS,
               ties: tuple[str, ...] = ("doc_a", "doc_b")) -> pd.DataFrame:
    """The rows a report lists: all of them up to ``limit``, else the first ``limit`` by ``by`` (ties by ``ties``).

    Pairs are evidence rows, not articles: even a corpus small enough to show every
    article has 190 pairs at 20 articles, so listings stop at ``limit`` rows.
    """
    if len(frame) <= limit:
        return frame
    order = [by, *ties]
    return frame.sort_values(order, ascending=[ascending] + [True] * len(ties), kind="stable").head(limit)


def names_list(labels: list[str], most: int = 8) -> str:
    """``'000, 001, 003 … and 4 more'``: the first ``most`` labels and how many are left out."""
    shown = ", ".join(labels[:most])
    return shown + (f" … and {len(labels) - most:,} more" if len(labels) > most else "")


def side_by_side(cells: list[tuple[str, str]]) -> str:
    """Columns of already-escaped HTML, each under a heading (plain text, escaped here)."""
    heads = "".join(f'<th style="text-align:left;width:{100 / len(cells):.0f}%">{display.escape_text(head)}</th>' for head, _ in cells)
    bodies = "".join(f'<td style="vertical-align:top;text-align:left">{body}</td>' for _, body in cells)
    return f'<table class="wb-side" style="width:100%;table-layout:fixed"><tr>{heads}</tr><tr>{bodies}</tr></table>'


def left_aligned(html: str) -> str:
    """Wrap a table that holds text so every column reads left-aligned (the template's ``wb-left`` style)."""
    return f'<div class="wb-left">{html}</div>'


def excerpt_html(raw: str, start: int, end: int, spans: pd.DataFrame, label: str = "shared", context: int = 0) -> str:
    """``raw[start:end]`` (plus ``context`` characters each side) as escaped HTML with ``spans`` highlighted."""
    return display.highlight_spans(raw, spans.assign(label=label), "label", max(0, start - context), min(len(raw), end + context))


def passage_html(raw: str, start: int, end: int, max_chars: int = 900, context: int = 90) -> str:
    """A passage highlighted with ``context`` characters around it; one longer than ``max_chars`` shows its start and end.

    The cut falls at spaces, and the part left out is named with its length.
    """
    if end - start <= max_chars:
        return excerpt_html(raw, start, end, pd.DataFrame({"start": [start], "end": [end]}), context=context)
    half = max_chars // 2
    head_end = raw.rfind(" ", start, start + half)
    head_end = head_end if head_end > start else start + half
    tail_start = raw.find(" ", end - half, end)
    tail_start = tail_start + 1 if tail_start >= 0 else end - half
    head = display.highlight_spans(raw, pd.DataFrame({"start": [start], "end": [head_end], "label": ["shared"]}), "label",
                                   max(0, start - context), head_end)
    tail = display.highlight_spans(raw, pd.DataFrame({"start": [tail_start], "end": [end], "label": ["shared"]}), "label",
                                   tail_start, min(len(raw), end + context))
    gap = display.escape_text(f"[… {tail_start - head_end:,} more characters of the passage …]")
    return f"{head}<p><em>{gap}</em></p>{tail}"


def folded(summary: str, body_html: str) -> str:
    """``body_html`` (already escaped) folded under a one-line ``summary`` (plain text, escaped here): closed until clicked."""
    return (f'<details class="wb-folded"><summary style="cursor:pointer">{display.escape_text(summary)}</summary>'
            f'<div style="margin:.4em 0 .8em 1.2em">{body_html}</div></details>')
