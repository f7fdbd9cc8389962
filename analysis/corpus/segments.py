"""Split a raw page into ordered segments and tell article body from page furniture.

A segment is one non-blank line of the raw text together with the blank space that
follows it, so the segments of a page tile it exactly: ``"".join(raw[s:e] for s, e
in spans) == raw``. Every later span in the project uses the same raw offsets.

Each segment gets a ``kind`` (``body`` or ``furniture``), a ``label`` (what it is)
and a ``reason`` (why). Decisions come from the segment's own form and wording and
from its place in the page, never from phrases copied out of particular articles:

* form: decoration with no words, a standalone date, bullets, table rows whose
  cells were glued together ("Priority AreaAzerbaijan's Focus"), headings;
* wording: generic web-page cues kept in ``data/furniture_cues.csv`` (advertising
  markers, subscription pitches, share widgets, photo credits, disclaimers);
* place: once the article has ended (author bio, author box, disclaimer or a
  separator late in the page), what follows is sidebar, teaser or footer.

The approach follows shallow-feature boilerplate detection (Kohlschütter et al.
2010; Pomikálek 2011, jusText), reduced to rules a reader can audit.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR

SEGMENT_COLUMNS = ["seq", "start", "end", "kind", "label", "reason"]

_BULLET = re.compile(r"^\s*(?:[•●▪◦·‣∙\-–*]|\d{1,2}[.)])\s+\S")
_GLUED_CELLS = re.compile(r"[a-z’'][A-Z]")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”)\]]*\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAYS},?\s+)?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})$",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"^{_MONTHS}\s+\d{{4}}$", re.IGNORECASE)
_CALENDAR_HEADER = re.compile(r"^(?:MTWTFSS|SMTWTFS|(?:(?:Mo|Tu|We|Th|Fr|Sa|Su)\s*){7}|(?:[MTWFS]\s+){6}[MTWFS])$")
_CALENDAR_ROW = re.compile(r"^[\d\s\u00a0]+$")
_PAGER = re.compile(r"^(?:\d+\s*[-–|·]\s*){2,}\d+\s*$|^(?:\d+\s+){2,}(?:next|»|›)?\s*$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^[Bb]y\s+(?:[A-Z][\w.’'\-]*\s*){1,4}(?:(?:[|/,–—-]|\bI\b|\band\b)\s*[\w.’'\- ]+)?$"
)
_NAME_LINE = re.compile(r"^(?:[A-Z][a-zà-ÿ’'\-.]+\s+){1,3}[A-Z][a-zà-ÿ’'\-.]+$")
_BIO = re.compile(
    r"^(?:[A-Z][\w.’'\-]+\s+){1,3}is\s+(?:a|an|the)\s+.*\b(?:journalist|analyst|expert|student|writer|"
    r"editor|author|filmmaker|researcher|fellow|professor|lecturer|contributor|correspondent|"
    r"columnist|scholar|reporter|director|consultant|commentator|blogger)s?\b",
)
_SECTION_LABEL = re.compile(r"^[\w&’' ]{1,30}(?:\s+\|\s+[\w&’' ]{1,30})+$")

#: Labels that end the article: what follows them is page tail.
_END_OF_ARTICLE = {"author_bio", "author_box", "disclaimer", "separator"}


@dataclass(frozen=True)
class FurnitureCue:
    label: str
    pattern: re.Pattern[str]
    max_words: int
    needs_reader_address: bool
    reason: str
    source: str


@lru_cache(maxsize=1)
def furniture_cues() -> tuple[FurnitureCue, ...]:
    """The wording cues of ``data/furniture_cues.csv``, compiled, in file order."""
    with open(PACKAGE_DATA_DIR / "furniture_cues.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            FurnitureCue(
                label=row["label"],
                pattern=re.compile(row["pattern"], re.IGNORECASE),
                max_words=int(row["max_words"]),
                needs_reader_address=row["needs_reader_address"] == "yes",
                reason=row["reason"],
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        )


# Case-sensitive on purpose: "US" (the country) is not a reader address.
_READER_ADDRESS = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Oo]ur|[Ww]e)\b|^(?:Subscribe|Sign|Support|Choose|Join|Donate|Get|Help)\b")


def line_spans(raw: str) -> list[tuple[int, int]]:
    """Split ``raw`` into spans that each start at a non-blank line and tile the text.

    Leading blank space belongs to the first span, and the blank lines after a
    line belong to that line's span. A text with no visible characters is one span.
    """
    starts: list[int] = []
    position = 0
    for line in raw.splitlines(keepends=True):
        if line.strip():
            starts.append(position)
        position += len(line)
    if not starts:
        return [(0, len(raw))] if raw else []
    starts[0] = 0
    ends = starts[1:] + [len(raw)]
    return list(zip(starts, ends))


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _form_label(text: str) -> tuple[str, str, str] | None:
    """Furniture recognised from the line's form alone, or None."""
    if not any(ch.isalnum() for ch in text):
        if len(set(text.replace(" ", ""))) <= 2 and len(text) >= 3:
            return "furniture", "separator", "a rule of repeated punctuation separating page parts"
        return "furniture", "decoration", "no words: decorative characters"
    if _DATE_LINE.match(text):
        return "furniture", "date_banner", "a standalone date line (page date banner, not prose)"
    if _CALENDAR_HEADER.match(text) or (_CALENDAR_ROW.match(text) and len(text.split()) <= 7):
        return "furniture", "calendar", "calendar widget: weekday initials or rows of day numbers"
    if _PAGER.match(text):
        return "furniture", "pager", "pager: a run of page numbers"
    if _MONTH_YEAR.match(text):
        return "furniture", "archive_link", "a bare month and year (archive widget entry)"
    if _BYLINE.match(text) and _word_count(text) <= 10:
        return "furniture", "byline", "byline: author credit, not article prose"
    return None


def _cue_label(text: str) -> tuple[str, str, str] | None:
    words = _word_count(text)
    for cue in furniture_cues():
        if words > cue.max_words or not cue.pattern.search(text):
            continue
        if cue.needs_reader_address and words > 4 and not _READER_ADDRESS.search(text):
            continue
        return "furniture", cue.label, cue.reason
    return None


def classify_lines(lines: list[str], total_chars: int, starts: list[int]) -> list[tuple[str, str, str]]:
    """Classify the stripped text of each segment; see the module docstring."""
    n = len(lines)
    decisions: list[tuple[str, str, str] | None] = []
    for text in lines:
        decisions.append(_form_label(text) or _cue_label(text))

    # Author boxes and bios: only near the end of the page, where they close an article.
    for i, text in enumerate(lines):
        if decisions[i] is not None:
            continue
        late = starts[i] >= 0.5 * total_chars
        remaining = n - i - 1
        beside_furniture = any(0 <= j < n and decisions[j] is not None for j in (i - 1, i + 1))
        if late and remaining <= 6 and beside_furniture and _BIO.match(text) and _word_count(text) <= 60:
            # A bio alone at the end of plain prose (a columnist's note) stays body.
            decisions[i] = ("furniture", "author_bio", "author biography in the page's author box or footer")
        elif late and _NAME_LINE.match(text) and i + 1 < n and lines[i + 1] == text:
            decisions[i] = ("furniture", "author_box", "author box: the author's name repeated as a widget title")
            decisions[i + 1] = ("furniture", "author_box", "author box: the author's name repeated as a widget title")
        elif _SECTION_LABEL.match(text) and not _SENTENCE_END.search(text):
            decisions[i] = ("furniture", "section_label", "section / genre label (short terms separated by '|')")

    # Place: everything after the first late end-of-article marker is page tail.
    tail_from = next(
        (
            i
            for i, decision in enumerate(decisions)
            if decision is not None
            and decision[1] in _END_OF_ARTICLE
            and starts[i] >= 0.5 * total_chars
        ),
        None,
    )
    if tail_from is not None:
        marker = decisions[tail_from][1].replace("_", " ")
        for i in range(tail_from + 1, n):
            if decisions[i] is None:
                decisions[i] = (
                    "furniture",
                    "page_tail",
                    f"after the end of the article ({marker} at segment {tail_from}): sidebar, teaser or footer",
                )

    # Form of what is left: title, list items, table rows, headings, paragraphs.
    result: list[tuple[str, str, str]] = []
    seen_title = False
    for i, text in enumerate(lines):
        decision = decisions[i]
        if decision is not None:
            result.append(decision)
            continue
        neighbours_glued = any(
            0 <= j < n and decisions[j] is None and _GLUED_CELLS.search(lines[j]) and not _SENTENCE_END.search(lines[j])
            for j in (i - 1, i + 1)
        )
        if not seen_title:
            seen_title = True
            result.append(("body", "title", "first line of article text"))
        elif _BULLET.match(text):
            result.append(("body", "list_item", "bulleted or numbered list item"))
        elif _GLUED_CELLS.search(text) and not _SENTENCE_END.search(text) and neighbours_glued:
            result.append(("body", "table_row", "table row whose cells were flattened into one line"))
        elif _word_count(text) <= 20 and not _SENTENCE_END.search(text):
            result.append(("body", "heading", "short line without closing punctuation (heading)"))
        else:
            result.append(("body", "paragraph", "prose paragraph"))
    return result


def table_cells(row: str) -> list[tuple[int, int]]:
    """Cells of a flattened table row as (start, end) offsets into ``row``.

    Pages whose HTML tables lost their cell borders glue the cells together
    ("Military DeploymentLimited external engagementActive participation"): a
    lower-case letter followed directly by a capital is where one cell ended and
    the next began. Whitespace at the edges of the row is left out.
    """
    stripped_start = len(row) - len(row.lstrip())
    stripped_end = len(row.rstrip())
    if stripped_end <= stripped_start:
        return []
    cuts = [stripped_start] + [m.start() + 1 for m in _GLUED_CELLS.finditer(row, stripped_start, stripped_end)] + [stripped_end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if row[a:b].strip()]


def segment_text(raw: str) -> pd.DataFrame:
    """Segment one raw page.

    Parameters
    ----------
    raw : str
        The article exactly as stored in ``seeds/``.

    Returns
    -------
    pandas.DataFrame
        One row per segment, in page order, with columns ``seq`` (0-based order),
        ``start`` and ``end`` (character offsets into ``raw``; the spans tile it),
        ``kind`` (``body`` or ``furniture``), ``label`` (title, paragraph, heading,
        list_item, table_row, advertising, subscription_pitch, author_bio, ...)
        and ``reason`` (why the segment got its kind and label).
    """
    return pd.DataFrame(list(_segment_rows(raw)), columns=SEGMENT_COLUMNS).astype(
        {"seq": "int64", "start": "int64", "end": "int64"}
    )


@lru_cache(maxsize=4096)
def _segment_rows(raw: str) -> tuple[tuple[int, int, int, str, str, str], ...]:
    # Cached as immutable rows: every stage segments the same pages, and callers
    # get a fresh DataFrame they may modify.
    spans = line_spans(raw)
    lines = [raw[start:end].strip() for start, end in spans]
    decisions = classify_lines(lines, len(raw), [start for start, _ in spans])
    return tuple(
        (seq, start, end, kind, label, reason)
        for seq, ((start, end), (kind, label, reason)) in enumerate(zip(spans, decisions))
    )


def segment_corpus_texts(raws: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Segment several pages of one corpus: ``doc_id -> segment_text`` table."""
    return {doc_id: segment_text(raw) for doc_id, raw in raws.items()}
