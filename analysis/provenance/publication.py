"""Document provenance: who published each article, who wrote it, and when.

For every article: title, outlet, genre (news, analysis, opinion …), author, the
author's stated bio and affiliation, publication date, disclaimers and the
page's capture bound. Every field carries a **basis**:

``stated``
    printed in the text; the evidence span says where.
``inferred``
    deduced from cues in the text; every cue is listed with its span.
``curated``
    taken from ``seeds/manifest.csv`` (a person checked it) or the outlet
    registry ``data/outlets.csv``; the source is cited.
``unknown``
    the text does not support a value. **Nothing is guessed**: an outlet the
    page never names stays unknown, and the cues seen (widgets, footer wording,
    pagers, author-box style) are listed instead.

Start here::

    from analysis.corpus import loading
    from analysis.provenance import publication
    docs = loading.load_corpus()
    evidence = publication.provenance_evidence(docs)       # one row per piece of evidence
    documents = publication.document_provenance(docs, evidence)  # one row per article
    documents = publication.join_outlets(documents)        # + registry facts (curated)
    dates = publication.date_mentions(docs)                # every date the page mentions
    signals = publication.page_signals(docs, documents)    # weak indicators of template pages

Bylines, roles, agencies and bios are read from the form of the line
(:mod:`analysis.provenance.page_metadata`): "By <name>, <outlet>", "By <name> |
<role>", "By <name>, Reuters", a dateline's "(AP)", a generic credit ("By Staff
Writer") that names no author, and an author's tagline at the top (under the
byline) or the bottom of the page.

Dates: an explicit date where the page prints one (a ``published_line`` —
"Published/Posted …" —, a ``dateline`` opening the body, or a ``date_banner`` in
the header); a date after "Updated/Last updated …" is the page's ``updated``
date, kept apart from its publication; "5 hours ago" counts back from the
manifest's capture date (``retrieved``) when there is one; otherwise the
earliest and latest possible dates implied by the body — explicit past dates
("in early January 2026"), day-month dates without a year resolved against the
other evidence ("On November 1" after an event of October 2023), and dated
facts from ``data/dated_events.csv`` (an event mentioned cannot predate the
article; an office title used as current bounds it from above). The inferred
``published`` value has the precision the evidence supports (``2026-01``, never
an invented day). Page furniture can be younger than the article (a sidebar
teaser about later events), so the page's capture bound is reported separately.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR
from analysis.provenance import page_metadata

BASES = ("stated", "inferred", "curated", "unknown")
#: A relative date ("5 hours ago") is read only on a line of at most this many words (a post's meta, not prose).
RELATIVE_DATE_MAX_WORDS = 12
#: "Published …" / "Updated …" dates are the page's own only on furniture or a line of at most this many words
#: ("The report, published on 3 March, found …" in a paragraph is about the report).
META_LINE_MAX_WORDS = 25
#: The page head: segments this close to the headline, where a page prints its own byline and date (a date
#: banner far from it belongs to a sidebar or a comment).
HEAD_WINDOW = 3
#: Columns of :func:`provenance_evidence`.
EVIDENCE_COLUMNS = ["doc_id", "field", "value", "basis", "start", "end", "evidence", "rule"]
#: Columns of :func:`document_provenance`.
DOCUMENT_COLUMNS = [
    "doc_id", "sha256", "title", "title_basis", "outlet", "outlet_basis", "outlet_cues",
    "author", "author_basis", "author_bio", "author_bio_basis", "affiliation", "affiliation_basis",
    "author_role", "author_role_basis", "agency", "agency_basis",
    "genre", "genre_basis", "published", "published_basis", "published_kind", "published_earliest",
    "published_latest", "updated", "updated_basis", "capture_not_before", "capture_basis", "furniture_younger",
    "disclaimer", "disclaimer_basis", "personal_data",
]
#: Columns of :func:`date_mentions`.
DATE_COLUMNS = ["doc_id", "start", "end", "text", "date", "precision", "kind", "bound", "not_before", "not_after",
                "segment_kind", "segment_label", "rule"]
#: Columns of :func:`page_signals`.
SIGNAL_COLUMNS = ["doc_id", "signal", "fired", "value", "threshold", "saw"]
#: Columns of :func:`signal_spans`.
SIGNAL_SPAN_COLUMNS = ["doc_id", "signal", "start", "end", "text"]
SIGNALS = ("generic_author_bio", "no_named_sources", "stock_phrase_density", "advertising_markers", "stale_facts")

#: How many of an article's stock phrases the signal's ``saw`` quotes (with their raw offsets).
STOCK_PHRASES_SHOWN = 4
#: The stock-phrase signal fires at this many phrases per 1,000 body words, with at
#: least :data:`STOCK_PHRASE_MIN_HITS` phrases (one phrase in a 160-word brief is not
#: a density). Measured on the 2,225 BBC News articles of ../shared/data/bbc with
#: data/stock_phrases.csv as of this module: median 0, 99th percentile 2.9, maximum
#: 6.2 per 1,000 words (a single phrase in a short article); none reaches both bounds.
STOCK_PHRASE_THRESHOLD = 5.0
STOCK_PHRASE_MIN_HITS = 3

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE_PATTERNS = [
    # ISO 8601, alone or as the date of a date-time ("2020-03-03T09:00:00Z"), and year/month/day with slashes.
    ("day", re.compile(r"\b(?P<year>20\d\d|19\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?=T\d|\b)")),
    ("day", re.compile(r"\b(?P<year>20\d\d|19\d\d)/(?P<month>[01]\d)/(?P<day>[0-3]\d)\b")),
    ("day", re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b")),
    ("day", re.compile(r"\b" + _WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("day", re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b")),
    ("month", re.compile(r"\b(?:(?:early|mid|late|mid-)\s*)?" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("year", re.compile(r"(?<![\d,.$£€/-])" + _YEAR + r"(?![\d%/-]|,\d)")),
    ("undated", re.compile(r"\b(?:[Oo]n\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?!\s*,?\s*\d)(?![\w])")),
    ("undated", re.compile(r"\b(?:[Oo]n\s+)?" + _MONTH + r"\s+" + _DAY + r"(?!\s*,?\s*\d)(?![\w])")),
]
# A date in a clause about the future is not a lower bound ("to nine months by 2007").
_FUTURE = re.compile(
    r"\b(?:will|would|shall|going to|expected|scheduled|due|plans?|planned|aims?|aimed|targets?|targeted|until|"
    r"next|upcoming|forecasts?|projected|set to|deadline|intends?|hopes?)\b[^.;]{0,80}$|\bby\s*$",
    re.IGNORECASE,
)
_PERSON_LINE = re.compile(r"^\s*(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'.\-]+){1,3})\s*$")
_TAGLINE = re.compile(r"^\s*(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'.\-]+){1,3})\s+(?:is|was|writes|has been)\s+(?:a|an|the)?\b")
_PERSONAL_FIELDS = {"author", "author_bio", "affiliation", "personal_data"}
_OUTLET_STOPWORDS = {"us", "our", "the", "this", "it", "you", "twitter", "facebook", "x", "here", "now", "independent", "free",
                     "quality", "open", "journalism", "news", "today"}
_ORG_NOUNS = r"(?:group|company|firm|agency|organi[sz]ation|institute|university|college|school|newspaper|outlet|network|foundation|think[- ]tank|ministry|party|council|centre|center|bank|fund|office|parliament|commission)"


@lru_cache(maxsize=1)
def load_outlets() -> pd.DataFrame:
    """The outlet registry (``data/outlets.csv``): publicly documented facts per outlet.

    Columns ``outlet, name_forms, abbreviations, section_names, signature_phrases,
    country, type, ownership_funding, homepage, source, checked``. The list
    columns hold ``|``-separated values: ``name_forms`` are ways the outlet prints
    its own name; ``abbreviations``, ``section_names`` and ``signature_phrases``
    are cues that only identify the outlet when at least two kinds agree.
    """
    path = PACKAGE_DATA_DIR / "outlets.csv"
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    expected = ["outlet", "name_forms", "abbreviations", "section_names", "signature_phrases", "country", "type",
                "ownership_funding", "homepage", "source", "checked"]
    if list(table.columns) != expected:
        raise ValueError(f"{path}: expected columns {expected}, found {list(table.columns)}")
    if table["source"].eq("").any():
        raise ValueError(f"{path}: every outlet needs a source; missing for {list(table.loc[table['source'].eq(''), 'outlet'])}")
    if table["outlet"].duplicated().any():
        raise ValueError(f"{path}: outlets listed twice: {sorted(set(table.loc[table['outlet'].duplicated(), 'outlet']))}")
    return table


@lru_cache(maxsize=1)
def load_dated_events() -> pd.DataFrame:
    """Dated facts (``data/dated_events.csv``): ``event, pattern, not_before, not_after, note, source``.

    A body that mentions the event (``pattern`` matches) was written no earlier
    than ``not_before``; a phrase that is only true for a while (an office title
    used as current, "the incoming Trump administration") was written no later
    than ``not_after``. Dates are ``YYYY-MM-DD`` or ``YYYY-MM``.
    """
    path = PACKAGE_DATA_DIR / "dated_events.csv"
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    expected = ["event", "pattern", "not_before", "not_after", "note", "source"]
    if list(table.columns) != expected:
        raise ValueError(f"{path}: expected columns {expected}, found {list(table.columns)}")
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if not row.source:
            raise ValueError(f"{path}: line {line} ({row.event}) has no source")
        if not (row.not_before or row.not_after):
            raise ValueError(f"{path}: line {line} ({row.event}) has neither not_before nor not_after")
        for value in (row.not_before, row.not_after):
            if value and not _is_iso_date(value):
                raise ValueError(f"{path}: line {line} ({row.event}): date {value!r} is not a real YYYY-MM or YYYY-MM-DD date")
        try:
            re.compile(row.pattern)
        except re.error as error:
            raise ValueError(f"{path}: line {line} ({row.event}): bad pattern ({error})") from None
    return table


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
        return False
    year, month, *day = (int(p) for p in value.split("-"))
    return 1 <= month <= 12 and (not day or 1 <= day[0] <= calendar.monthrange(year, month)[1])


@lru_cache(maxsize=1)
def load_provenance_cues() -> pd.DataFrame:
    """Page cues (``data/provenance_cues.csv``): ``field, kind, pattern, value, note, source``.

    ``genre_label`` rows map a printed label to a genre; ``outlet_naming`` rows
    are reader-addressed furniture wording with an ``outlet`` group; ``page_cue``
    rows describe furniture (matched on the segment label) listed when the outlet
    is unknown; ``views``/``sponsorship`` rows find disclaimers;
    ``published_line`` and ``updated_line`` recognise the words right before a
    date that make it the page's publication or update date.
    """
    path = PACKAGE_DATA_DIR / "provenance_cues.csv"
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    expected = ["field", "kind", "pattern", "value", "note", "source"]
    if list(table.columns) != expected:
        raise ValueError(f"{path}: expected columns {expected}, found {list(table.columns)}")
    for line, row in enumerate(table.itertuples(index=False), start=2):
        try:
            re.compile(row.pattern)
        except re.error as error:
            raise ValueError(f"{path}: line {line}: bad pattern ({error})") from None
    return table


# --------------------------------------------------------------------------- dates

@dataclass(frozen=True)
class DateMention:
    """One date the text mentions: offsets, ISO value at its precision, precision."""

    start: int
    end: int
    text: str
    date: str  # "YYYY", "YYYY-MM", "YYYY-MM-DD", or "--MM-DD" for a day and month without a year
    precision: str  # year | month | day | day_month


def find_dates(text: str) -> list[DateMention]:
    """Dates mentioned in ``text``, longest reading first, never overlapping.

    Recognises "Friday, January 9, 2026", "9 January 2026", "2026-01-09",
    "09.01.2026" (day first), "January 2026" / "early January 2026", a bare year
    ("in 2023"), and a day and month without a year ("On November 1", "9th
    October"), which gets ``precision`` ``day_month`` and ``date`` ``--MM-DD``.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for precision, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = match.groupdict()
            month = _month_number(groups.get("month"))
            day = int(groups["day"]) if groups.get("day") else None
            if month is None and precision in ("day", "month", "undated"):
                continue
            if day is not None and not 1 <= day <= 31:
                taken.append((start, end))  # "31 February 2020" is no date, nor is its "February 2020"
                continue
            if precision == "undated":
                value, kind = f"--{month:02d}-{day:02d}", "day_month"
            elif precision == "year":
                value, kind = groups["year"], "year"
            elif precision == "month":
                value, kind = f"{groups['year']}-{month:02d}", "month"
            else:
                year = int(groups["year"])
                if day > calendar.monthrange(year, month)[1]:
                    taken.append((start, end))
                    continue
                value, kind = f"{year}-{month:02d}-{day:02d}", "day"
            taken.append((start, end))
            found.append(DateMention(start, end, text[start:end], value, kind))
    return sorted(found, key=lambda d: d.start)


def _month_number(name: str | None) -> int | None:
    if name is None:
        return None
    if name.isdigit():
        number = int(name)
        return number if 1 <= number <= 12 else None
    return _MONTHS.get(name.lower().rstrip("."))


def _bound(value: str, upper: bool = False) -> pd.Timestamp:
    """The first (or last, with ``upper``) day a ``YYYY[-MM[-DD]]`` value can mean."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = (parts + [None, None])[:3]
    if not upper:
        return pd.Timestamp(year=year, month=month or 1, day=day or 1)
    month = month or 12
    return pd.Timestamp(year=year, month=month, day=day or calendar.monthrange(year, month)[1])


def _at_precision(ts: pd.Timestamp, precision: str) -> str:
    return {"year": f"{ts.year}", "month": f"{ts.year}-{ts.month:02d}"}.get(precision, ts.strftime("%Y-%m-%d"))


def date_mentions(docs: pd.DataFrame, segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every date and dated fact the pages mention, body and furniture.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus`.
    segments : DataFrame, optional
        From :func:`analysis.corpus.loading.segment_corpus` (computed when omitted).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DATE_COLUMNS`: raw offsets and ``text``; ``date`` (ISO at
        its ``precision``: year, month, day, day_month, or ``event`` for a dated
        fact); ``kind`` — ``explicit``, ``day_month`` (no year printed),
        ``event`` (a fact from ``data/dated_events.csv``), ``date_banner``,
        ``dateline``, ``published_line``, ``updated_line`` or ``relative`` ("5
        hours ago" on a short line: ``date`` empty, ``bound`` ``capture_needed``,
        resolved against the manifest's capture date); ``bound`` — ``not_before`` (the text
        was written on or after), ``not_after``, ``both``, ``future`` (a date in
        a clause about the future: not a bound) or ``year_needed`` (a day and
        month without a year, resolved by :func:`document_provenance` against the
        other dates when they anchor it); ``not_before``/``not_after`` — the bound
        values; ``segment_kind``/``segment_label`` — where on the page; ``rule``.
    """
    from analysis.corpus.loading import segment_corpus

    segments = segment_corpus(docs) if segments is None else segments
    events = load_dated_events()
    compiled = [(row, re.compile(row.pattern)) for row in events.itertuples(index=False)]
    published_patterns = [pattern for pattern, *_ in _cues("published_line")]
    updated_patterns = [pattern for pattern, *_ in _cues("updated_line")]
    rows = []
    titles = segments.loc[segments["label"].eq("title")].groupby("doc_id")["seq"].first().to_dict()
    for seg in segments.itertuples(index=False):
        text = seg.text
        dates = find_dates(text)
        title = titles.get(seg.doc_id)
        # The page head: the lines around the headline, where a page prints its own byline and date.
        in_head = abs(seg.seq - title) <= HEAD_WINDOW if title is not None else seg.seq <= HEAD_WINDOW
        byline = in_head and dates and len(text) <= 200 and page_metadata.parse_byline(text.strip()) is not None
        for date in dates:
            before = text[max(0, date.start - 100):date.start]
            sentence_before = re.split(r"[.!?]\s", before)[-1]
            kind, bound, rule = "explicit", "not_before", "explicit date in the text"
            # A bare year after "Updated" is a clock time ("Updated 1909 GMT"); the page's own dates name a month or day.
            meta_line = (seg.kind == "furniture" or len(text.split()) <= META_LINE_MAX_WORDS) and date.precision in ("day", "month")
            if meta_line and any(p.search(before) for p in updated_patterns):
                kind, rule = "updated_line", "date after 'Updated' / 'Last updated': when the page was last changed"
            elif meta_line and any(p.search(before) for p in published_patterns):
                kind, rule = "published_line", "date after 'Published' / 'Posted': when the page was published"
            elif byline:
                kind, rule = "byline_date", "date on the byline ('By X | 3 March 2020'): when the page was published"
            elif in_head and (seg.label in ("date_banner", "date_line") or (
                    seg.kind == "furniture" and len(text.split()) <= 12 and not text[:date.start].strip(" *•·-–—|\n")
                    and date.precision == "day")):
                kind, rule = "date_banner", "date printed in the page header (date banner)"
            elif seg.kind == "body" and seg.label == "paragraph" and _is_dateline(text, date):
                kind, rule = "dateline", "date in the dateline opening the article"
            if date.precision == "day_month":
                kind, bound, rule = "day_month", "year_needed", "day and month without a year (resolved against the other dates, if any)"
            elif _FUTURE.search(sentence_before):
                bound, rule = "future", f"date in a clause about the future ('{_FUTURE.search(sentence_before).group().strip()[:30]}')"
            value = date.date
            not_before = value if bound == "not_before" else ""
            rows.append({
                "doc_id": seg.doc_id, "start": seg.start + date.start, "end": seg.start + date.end, "text": date.text,
                "date": value, "precision": date.precision, "kind": kind, "bound": bound, "not_before": not_before,
                "not_after": "", "segment_kind": seg.kind, "segment_label": seg.label, "rule": rule,
            })
        if len(text.split()) <= RELATIVE_DATE_MAX_WORDS:
            # "5 hours ago" printed beside a post: a date only against the page's capture date.
            for relative in page_metadata.relative_dates(text):
                before = text[max(0, relative.start - 100):relative.start]
                updated = any(p.search(before) for p in updated_patterns)
                rows.append({
                    "doc_id": seg.doc_id, "start": seg.start + relative.start, "end": seg.start + relative.end,
                    "text": text[relative.start:relative.end], "date": "", "precision": "relative", "kind": "relative",
                    "bound": "capture_needed", "not_before": "", "not_after": "", "segment_kind": seg.kind,
                    "segment_label": seg.label,
                    "rule": ("update" if updated else "publication") + " date printed relative to the moment the page was read",
                })
        for row, pattern in compiled:
            for match in pattern.finditer(text):
                bound = "both" if row.not_before and row.not_after else ("not_before" if row.not_before else "not_after")
                rows.append({
                    "doc_id": seg.doc_id, "start": seg.start + match.start(), "end": seg.start + match.end(),
                    "text": match.group(), "date": row.not_before or row.not_after, "precision": "event", "kind": "event",
                    "bound": bound, "not_before": row.not_before, "not_after": row.not_after,
                    "segment_kind": seg.kind, "segment_label": seg.label,
                    "rule": f"dated fact: {row.event} ({row.source})",
                })
    frame = pd.DataFrame(rows, columns=DATE_COLUMNS)
    return frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)


def _is_dateline(text: str, date: DateMention) -> bool:
    """``BAKU, Jan. 5, 2026 —`` / ``WASHINGTON (AP) March 3, 2020 —``: the date opens the first line."""
    head = text[:date.start]
    return bool(re.fullmatch(r"\s*(?:[A-Z][A-Za-z .'\-]{1,30}(?:,\s*[A-Z][A-Za-z .'\-]{1,30})?\s*(?:\([A-Za-z ]+\))?\s*,?\s*)?", head)) \
        and bool(re.match(r"\s*(?:\([A-Za-z ]+\)\s*)?[-–—:/]", text[date.end:]))


@dataclass
class _Publication:
    published: str = ""
    basis: str = "unknown"
    kind: str = ""
    earliest: str = ""
    latest: str = ""
    capture: str = ""
    capture_basis: str = "unknown"
    updated: str = ""
    furniture_younger: bool = False
    evidence: list | None = None
    stale: list | None = None


def _infer_publication(doc_id: str, mentions: list[dict], manifest_row: dict | None) -> _Publication:
    """Combine one article's date mentions (rows of :func:`date_mentions` as dicts) into a
    publication date and a capture bound."""
    result = _Publication(evidence=[], stale=[])
    body = [m for m in mentions if m["segment_kind"] == "body"]
    furniture = [m for m in mentions if m["segment_kind"] == "furniture"]
    # 1. Dates the page states.
    for kind in ("published_line", "byline_date", "dateline", "date_banner"):
        stated = [m for m in mentions if m["kind"] == kind and m["precision"] in ("day", "month", "year")]
        if stated:
            first = stated[0]
            result.published, result.basis, result.kind = first["date"], "stated", kind
            result.evidence.append(("published", first["date"], "stated", first, first["rule"]))
            break
    # An update date is not the publication: it is reported apart, and the article cannot be younger than it.
    update_bound: list[tuple[pd.Timestamp, dict]] = []
    updates = [m for m in mentions if m["kind"] == "updated_line" and m["precision"] in ("day", "month", "year")]
    if updates:
        first = updates[0]
        result.updated = first["date"]
        result.evidence.append(("updated", first["date"], "stated", first, first["rule"]))
        update_bound.append((_bound(first["date"], upper=True), {**first, "not_after": first["date"],
                                                                 "rule": f"the page says it was updated on {first['date']}"}))
    # Relative dates ("5 hours ago") count back from the capture date, when the manifest records it.
    capture_day = manifest_row.get("retrieved", "") if manifest_row else ""
    for m in (m for m in mentions if m["kind"] == "relative"):
        field = "updated" if m["rule"].startswith("update") else "published"
        relative = page_metadata.relative_dates(m["text"])
        if not relative:
            continue
        if not capture_day or not _is_iso_date(capture_day) or len(capture_day) != 10:
            result.evidence.append((field, "", "unknown", m, f"'{m['text']}' is printed, but the page's capture date is not "
                                    "recorded (the manifest's retrieved column), so it gives no date"))
            continue
        first_day, last_day = page_metadata.counted_back(relative[0], pd.Timestamp(capture_day).date())
        value = page_metadata.shared_precision(first_day, last_day)
        result.evidence.append((field, value, "inferred" if value else "unknown", m,
                                f"counted back: '{m['text']}' before the capture on {capture_day} (manifest retrieved) "
                                f"is between {first_day} and {last_day}"))
        if field == "published" and value and result.basis == "unknown":
            result.published, result.basis, result.kind = value, "inferred", "relative"
    # 2. Bounds implied by the body.
    lower: list[tuple[pd.Timestamp, str, dict]] = []
    upper: list[tuple[pd.Timestamp, dict]] = []
    for m in body:
        if m["kind"] == "updated_line":
            continue
        if m["bound"] in ("not_before", "both") and m["not_before"]:
            precision = m["precision"] if m["precision"] in ("year", "month", "day") else \
                ("day" if len(m["not_before"]) == 10 else "month")
            lower.append((_bound(m["not_before"]), precision, m))
        if m["bound"] in ("not_after", "both") and m["not_after"]:
            upper.append((_bound(m["not_after"], upper=True), m))
    anchor = max(lower, key=lambda item: item[0])[0] if lower else None
    for m in (m for m in body if m["kind"] == "day_month"):
        if anchor is None:
            result.evidence.append(("published", "", "unknown", m, "day and month without a year, and no other date to anchor it"))
            continue
        month, day = int(m["date"][2:4]), int(m["date"][5:7])
        year = anchor.year if (month, day) >= (anchor.month, anchor.day) else anchor.year + 1
        try:
            resolved = pd.Timestamp(year=year, month=month, day=day)
        except ValueError:
            continue
        lower.append((resolved, "day", m.copy()))
        lower[-1][2]["rule"] = f"day and month without a year, read as the first {m['text'].strip()} on or after {anchor.date()} (the latest other date the body implies)"
        lower[-1][2]["not_before"] = resolved.strftime("%Y-%m-%d")
    earliest = max(lower, key=lambda item: item[0]) if lower else None
    if earliest is not None:
        ts, precision, m = earliest
        result.earliest = _at_precision(ts, "year" if precision == "year" else "month")
        for ts_i, precision_i, m_i in sorted(lower, key=lambda item: item[0], reverse=True)[:3]:
            result.evidence.append(("published", _at_precision(ts_i, "year" if precision_i == "year" else "month"), "inferred", m_i,
                                    f"not before: {m_i['rule']}"))
    consistent_upper = list(update_bound)
    for ts, m in upper:
        if earliest is not None and ts < earliest[0]:
            result.stale.append((m, earliest))
        else:
            consistent_upper.append((ts, m))
    if consistent_upper:
        ts, m = min(consistent_upper, key=lambda item: item[0])
        precision = "day" if len(m["not_after"]) == 10 else "month"
        result.latest = _at_precision(ts, "month" if precision in ("day", "month") else "year")
        result.evidence.append(("published", result.latest, "inferred", m, f"not after: {m['rule']}"))
    if result.basis in ("unknown", "inferred") and manifest_row and manifest_row.get("published"):
        result.published, result.basis, result.kind = manifest_row["published"], "curated", "manifest"
    elif result.basis == "unknown" and result.earliest:
        result.published, result.basis, result.kind = result.earliest, "inferred", "body_dates"
    # 3. The capture bound: the latest date anywhere on the page (furniture included).
    capture_candidates = [(ts, m) for ts, _, m in lower]
    for m in mentions:
        if m["bound"] in ("not_before", "both") and m["not_before"] and m["kind"] != "day_month":
            capture_candidates.append((_bound(m["not_before"]), m))
    if capture_candidates:
        ts, m = max(capture_candidates, key=lambda item: item[0])
        result.capture = m["not_before"]
        result.capture_basis = "stated" if m["kind"] not in ("event", "day_month") else "inferred"
        result.evidence.append(("capture", result.capture, result.capture_basis, m,
                                f"the page mentions this date ({m['segment_kind']}, {m['segment_label']}), so it was captured no earlier"))
    if manifest_row and manifest_row.get("retrieved"):
        result.capture, result.capture_basis = manifest_row["retrieved"], "curated"
    reference = result.latest or (result.published if result.basis == "stated" else "")
    if result.capture and reference and furniture:
        result.furniture_younger = _bound(result.capture) > _bound(reference, upper=True)
    return result


# --------------------------------------------------------------------------- the evidence table

def _records_by_doc(frame: pd.DataFrame) -> dict[str, list]:
    """``frame``'s rows as namedtuples, grouped by ``doc_id`` in frame order.

    The per-article rules read a few rows each; filtering a DataFrame per article
    costs more than the rules themselves on a corpus of thousands (and scanning
    the whole frame per article is quadratic), so rows are grouped once here.
    """
    grouped: dict[str, list] = {}
    for row in frame.itertuples(index=False):
        grouped.setdefault(row.doc_id, []).append(row)
    return grouped


def provenance_evidence(docs: pd.DataFrame, manifest: pd.DataFrame | None = None,
                        segments: pd.DataFrame | None = None, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every piece of provenance evidence, one row per field value or cue.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus`.
    manifest : DataFrame, optional
        The corpus manifest (:func:`analysis.corpus.loading.read_manifest`); its
        ``outlet``, ``author``, ``published`` and ``retrieved`` columns become
        ``curated`` evidence when filled. Default: no manifest facts.
    segments, dates : DataFrame, optional
        Precomputed :func:`analysis.corpus.loading.segment_corpus` and :func:`date_mentions`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVIDENCE_COLUMNS`: ``field`` (title, outlet, author,
        author_bio, affiliation, genre, published, capture, disclaimer,
        personal_data, stale_fact); ``value`` (empty for cues of an unknown
        field); ``basis``; ``start``/``end`` raw offsets (-1 for curated facts,
        which come from outside the text); ``evidence`` — ``raw[start:end]`` with
        e-mail addresses and phone numbers masked, or the citation of a curated
        fact; ``rule`` — why the row exists.
    """
    from analysis.corpus.loading import segment_corpus
    from analysis.report.display import find_personal_data, mask_personal_data

    segments = segment_corpus(docs) if segments is None else segments
    dates = date_mentions(docs, segments) if dates is None else dates
    manifest_rows = {}
    if manifest is not None and not manifest.empty:
        for row in manifest.to_dict("records"):
            manifest_rows[str(row["file"]).removesuffix(".txt")] = row
    rows: list[dict] = []

    def add(doc_id, field, value, basis, start, end, raw, rule, evidence=None):
        text = evidence if evidence is not None else raw[start:end].strip() if start >= 0 else ""
        if field in _PERSONAL_FIELDS:  # e-mail addresses and phone numbers in author boxes: flagged, never copied
            text, value = mask_personal_data(text), mask_personal_data(value)
        if start >= 0:  # trim the span to the evidence without surrounding blank lines
            piece = raw[start:end]
            start += len(piece) - len(piece.lstrip())
            end -= len(piece) - len(piece.rstrip())
        rows.append({"doc_id": doc_id, "field": field, "value": value, "basis": basis, "start": start, "end": end,
                     "evidence": text, "rule": rule})

    segments_by_doc = _records_by_doc(segments)
    dates_by_doc = {doc_id: group.to_dict("records") for doc_id, group in dates.groupby("doc_id", sort=False)}
    for doc_id, raw in docs[["doc_id", "raw"]].itertuples(index=False):
        segs = segments_by_doc.get(doc_id, [])
        manifest_row = manifest_rows.get(doc_id)
        _title_evidence(doc_id, raw, segs, add)
        author = _author_evidence(doc_id, raw, segs, manifest_row, add)
        _outlet_evidence(doc_id, raw, segs, manifest_row, add)
        _genre_evidence(doc_id, raw, segs, add)
        _disclaimer_evidence(doc_id, raw, segs, add)
        _bio_evidence(doc_id, raw, segs, author, add)
        publication = _infer_publication(doc_id, dates_by_doc.get(doc_id, []), manifest_row)
        for field, value, basis, m, rule in publication.evidence:
            add(doc_id, field, value, basis, int(m["start"]), int(m["end"]), raw, rule)
        if manifest_row and manifest_row.get("published"):
            add(doc_id, "published", manifest_row["published"], "curated", -1, -1, raw, "seeds manifest (a person curated it)",
                evidence=f"manifest.csv: published={manifest_row['published']}")
        if manifest_row and manifest_row.get("retrieved"):
            add(doc_id, "capture", manifest_row["retrieved"], "curated", -1, -1, raw, "seeds manifest: date the page was retrieved",
                evidence=f"manifest.csv: retrieved={manifest_row['retrieved']}")
        for m, (ts, _, anchor) in publication.stale:
            add(doc_id, "stale_fact", m["not_after"], "inferred", int(m["start"]), int(m["end"]), raw,
                f"true only until {m['not_after']}, but the body also implies a date of {ts.date()} or later "
                f"('{anchor['text']}'): {m['rule']}")
        author_segments, seen = [], set()
        for seg in _author_segments(segs, author) + [seg for seg in segs if seg.label == "disclaimer"]:
            if seg.seq not in seen:
                seen.add(seg.seq)
                author_segments.append(seg)
        for seg in author_segments:
            for start, end, kind in find_personal_data(seg.text):
                add(doc_id, "personal_data", kind, "stated", seg.start + start, seg.start + end, raw,
                    f"{kind} printed with the author's details ({seg.label.replace('_', ' ')}): flagged here, masked in every report")
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    return frame


def _title_evidence(doc_id, raw, segs, add) -> None:
    titles = [seg for seg in segs if seg.label == "title"]
    if not titles:
        add(doc_id, "title", "", "unknown", -1, -1, raw, "no title line found", evidence="")
        return
    seg = titles[0]
    add(doc_id, "title", _clean_title(seg.text), "stated", int(seg.start), int(seg.end), raw,
        "the page's title line (genre labels such as 'Perspectives |' or '[ANALYSIS]' removed from the value)")


def _clean_title(text: str) -> str:
    title = " ".join(text.split())
    labels = _genre_labels()
    prefix = re.match(r"^(?P<label>[^|]{2,25})\s+\|\s+", title)
    if prefix and _genre_of(prefix.group("label"), labels):
        title = title[prefix.end():]
    suffix = re.search(r"\s*[\[(](?P<label>[A-Za-z &-]{3,25})[\])]\s*$", title)
    if suffix and _genre_of(suffix.group("label"), labels):
        title = title[:suffix.start()]
    return title.strip()


@lru_cache(maxsize=None)
def _cues(kind: str | None = None, field: str | None = None) -> tuple[tuple[re.Pattern, str, str, str], ...]:
    """Compiled rows of ``provenance_cues.csv`` as ``(pattern, value, note, raw pattern)``, filtered once."""
    cues = load_provenance_cues()
    if kind is not None:
        cues = cues[cues["kind"].eq(kind)]
    if field is not None:
        cues = cues[cues["field"].eq(field)]
    flags = re.IGNORECASE if field == "disclaimer" else 0
    return tuple((re.compile(p, flags), v, n, p) for p, v, n in zip(cues["pattern"], cues["value"], cues["note"]))


@lru_cache(maxsize=1)
def _registry_cues() -> tuple[tuple[str, str, str, re.Pattern], ...]:
    """``(outlet, kind, value, pattern)`` for every abbreviation, section name and signature phrase."""
    found = []
    for row in load_outlets().itertuples(index=False):
        for kind, values in (("abbreviation", row.abbreviations), ("section name", row.section_names),
                             ("signature phrase", row.signature_phrases)):
            for value in [v for v in values.split("|") if v]:
                found.append((row.outlet, kind, value, re.compile(r"(?<![\w])" + re.escape(value) + r"(?![\w])")))
    return tuple(found)


@lru_cache(maxsize=1)
def _genre_labels() -> list[tuple[re.Pattern, str]]:
    cues = load_provenance_cues()
    cues = cues[cues["kind"].eq("genre_label")]
    return [(re.compile(r"(?:" + p + r")", re.IGNORECASE), v) for p, v in zip(cues["pattern"], cues["value"])]


def _genre_of(label: str, labels=None) -> str | None:
    labels = labels or _genre_labels()
    label = label.strip().strip("[]()").strip()
    for pattern, genre in labels:
        if pattern.fullmatch(label):
            return genre
    return None


def _genre_evidence(doc_id, raw, segs, add) -> None:
    found = False
    for seg in segs:
        text = seg.text
        candidates = []
        if seg.label == "title":
            prefix = re.match(r"^\s*(?P<label>[^|\n]{2,25}?)\s+\|\s+", text)
            if prefix:
                candidates.append((prefix.start("label"), prefix.end("label"), "label before the title ('X | title')"))
            suffix = re.search(r"[\[(](?P<label>[A-Za-z &-]{3,25})[\])]\s*$", text)
            if suffix:
                candidates.append((suffix.start("label") - 1, suffix.end("label") + 1, "label after the title ('title [X]')"))
        elif seg.label == "section_label":  # an ad slot's "Sponsored" marker labels the ad, not the article
            first = re.match(r"\s*(?P<label>[A-Za-z &-]{3,25}?)\s*(?:\||$)", text)
            if first:
                candidates.append((first.start("label"), first.end("label"), f"section label ({seg.label})"))
        for start, end, rule in candidates:
            genre = _genre_of(text[start:end])
            if genre:
                add(doc_id, "genre", genre, "stated", seg.start + start, seg.start + end, raw, f"{rule}: printed '{text[start:end].strip()}'")
                found = True
                break
    if not found:
        add(doc_id, "genre", "", "unknown", -1, -1, raw, "no genre label printed on the page", evidence="")


#: A bio printed at the top of the page sits within this many segments after the byline.
TOP_BIO_WINDOW = 3
_ABOUT_AUTHOR = re.compile(r"^\s*about (?:the )?authors?\s*:?\s*$", re.IGNORECASE)


def _same_person(name: str, authors: list[str]) -> bool:
    """``name`` is one of ``authors`` (in full, or by the same surname: "Okafor is a …" after "By Jane Okafor")."""
    surname = name.split()[-1].casefold()
    return any(name == author or author.split()[-1].casefold() == surname for author in authors)


def _author_segments(segs: list, authors: list[str] | None = None) -> list:
    """Segments that may hold an author tagline or bio, in page order.

    Author furniture after the article; the last body segment when it reads as a
    tagline ("X is a … at …") the segmenter kept as body; the segment after an
    "About the author" line; and, at the top of the page, a tagline within
    :data:`TOP_BIO_WINDOW` segments after the byline that names one of the byline's
    ``authors`` (a profile's opening line about someone else is not a bio).

    ``segs`` are one article's segments as namedtuples, in page order."""
    found = {seg.seq: seg for seg in segs if seg.kind == "furniture" and seg.label in ("author_bio", "page_tail", "author_box", "byline")}
    body = [seg for seg in segs if seg.kind == "body"]
    if body:
        last = body[-1]
        if _TAGLINE.match(last.text) and len(last.text.split()) <= 60 and last.label != "title":
            found[last.seq] = last
    for before, seg in zip(segs, segs[1:]):
        if _ABOUT_AUTHOR.match(before.text) and len(seg.text.split()) <= 80:
            found[seg.seq] = seg
    if authors:
        bylines = [seg.seq for seg, _ in _bylines(segs)]
        if bylines:
            for seg in segs:
                tagline = _TAGLINE.match(seg.text)
                if (bylines[0] < seg.seq <= bylines[0] + TOP_BIO_WINDOW and tagline and len(seg.text.split()) <= 60
                        and _same_person(tagline.group("name"), authors)):
                    found[seg.seq] = seg
    return [found[seq] for seq in sorted(found)]


def _bylines(segs: list) -> list[tuple]:
    """``(segment, parts)`` of every segment that is a byline (:func:`analysis.provenance.page_metadata.parse_byline`)."""
    found = []
    for seg in segs:
        line = seg.text.strip()
        if not line or len(line) > 200 or "\n" in line or seg.label == "title":
            continue
        parts = page_metadata.parse_byline(seg.text)
        if parts:
            found.append((seg, parts))
    return found


def _author_evidence(doc_id, raw, segs, manifest_row, add) -> list[str]:
    """Author, role and agency rows; returns the names of the stated authors (possibly none)."""
    authors: list[str] = []
    for seg, parts in _bylines(segs):
        names = [part for part in parts if part.kind == "author"]
        if names:
            value = " and ".join(part.value for part in names)
            add(doc_id, "author", value, "stated", seg.start + names[0].start, seg.start + names[-1].end, raw, "byline ('By …')")
            authors += [part.value for part in names if part.value not in authors]
        for part in parts:
            if part.kind == "credit":
                add(doc_id, "author_role", part.value, "stated", seg.start + part.start, seg.start + part.end, raw,
                    "the byline credits a role or desk, not a person: the author stays unknown")
            elif part.kind == "role":
                add(doc_id, "author_role", part.value, "stated", seg.start + part.start, seg.start + part.end, raw,
                    "the author's role in the byline ('By X | Senior Correspondent')")
            elif part.kind == "agency":
                add(doc_id, "agency", part.value, "stated", seg.start + part.start, seg.start + part.end, raw,
                    "news agency credited in the byline")
    for seg in (seg for seg in segs if seg.label == "author_box"):
        match = _PERSON_LINE.match(seg.text)
        if match:
            name = match.group("name")
            add(doc_id, "author", name, "stated", seg.start + match.start("name"), seg.start + match.end("name"), raw,
                "name in the author box after the article")
            if name not in authors:
                authors.append(name)
    for seg in _author_segments(segs, authors):
        match = _TAGLINE.match(seg.text)
        if match and (not authors or _same_person(match.group("name"), authors)):
            name = match.group("name")
            where = "at the top of the page" if seg.seq < len(segs) / 2 else "after the article"
            add(doc_id, "author", name, "stated", seg.start + match.start("name"), seg.start + match.end("name"), raw,
                f"author tagline {where} ('X is a …')" + (" (the segmenter kept it as body)" if seg.kind == "body" else ""))
            if not authors:
                authors.append(name)
    _agency_credit_evidence(doc_id, raw, segs, add)
    if manifest_row and manifest_row.get("author"):
        add(doc_id, "author", manifest_row["author"], "curated", -1, -1, raw, "seeds manifest (a person curated it)",
            evidence=f"manifest.csv: author={manifest_row['author']}")
    if not authors and not (manifest_row and manifest_row.get("author")):
        mentions = [(seg.start + m.start(), seg.start + m.end()) for seg in segs
                    for m in re.finditer(r"\bthe (?:author|writer)\b", seg.text)]
        if mentions:
            for start, end in mentions:
                add(doc_id, "author", "", "unknown", start, end, raw, "the page refers to 'the author' but never names them")
        else:
            add(doc_id, "author", "", "unknown", -1, -1, raw, "no byline, author box or tagline", evidence="")
    return authors


def _agency_credit_evidence(doc_id, raw, segs, add) -> None:
    """A news agency a dateline credits ("WASHINGTON (Reuters) —") or a short credit line names ("— AFP")."""
    first_paragraph = next((seg for seg in segs if seg.kind == "body" and seg.label == "paragraph"), None)
    for seg in segs:
        short = len(seg.text.split()) <= 8
        if not short and seg is not first_paragraph:
            continue
        text = seg.text if short else seg.text[:200]
        for agency, start, end in page_metadata.agency_credits(text):
            if not short and not re.match(r"\s*[A-Z][A-Za-z .,'\-]{0,60}\(", text):  # only a dateline's "(Agency)"
                continue
            add(doc_id, "agency", agency, "stated", seg.start + start, seg.start + end, raw,
                "news agency credited in the dateline" if not short else "news agency credited on a line of its own")


def _bio_evidence(doc_id, raw, segs, authors, add) -> None:
    bio_segments = []
    about = {seg.seq for before, seg in zip(segs, segs[1:]) if _ABOUT_AUTHOR.match(before.text)}
    for seg in _author_segments(segs, authors):
        tagline = _TAGLINE.match(seg.text)
        if tagline and (not authors or _same_person(tagline.group("name"), authors)):
            where = "at the top of the page" if seg.seq < len(segs) / 2 else "after the article"
            bio_segments.append((seg, f"author tagline {where} ('X is a …')"))
        elif seg.seq in about:
            bio_segments.append((seg, "the text under 'About the author'"))
    if not bio_segments and authors:
        # A bio line right after the author box ("A documentary filmmaker who …").
        boxes = [seg.seq for seg in segs if seg.kind == "furniture" and seg.label == "author_box"]
        if boxes:
            after = [seg for seg in segs if seg.seq > max(boxes)][:1]
            for seg in after:
                if re.match(r"\s*(?:An?|The)\s+[a-z]", seg.text) and len(seg.text.split()) <= 60:
                    bio_segments.append((seg, "line after the author box"))
    for seg, rule in bio_segments:
        add(doc_id, "author_bio", " ".join(seg.text.split()), "stated", int(seg.start), int(seg.end), raw, rule)
        for value, start, end, why in _affiliations(seg.text):
            add(doc_id, "affiliation", value, "stated", seg.start + start, seg.start + end, raw, why)
    if not bio_segments:
        add(doc_id, "author_bio", "", "unknown", -1, -1, raw, "no author bio printed", evidence="")
    # A disclaimer that separates the author's views from an organisation's names the author's employer.
    for seg in (seg for seg in segs if seg.label == "disclaimer"):
        match = re.search(r"not necessarily (?:the|those of the)?\s*(?:views?|opinions?|positions?)?\s*(?:of\s+)?(?P<orgs>(?:the\s+)?[A-Z][^.]{2,120})", seg.text)
        if match:
            orgs = re.sub(r"\s+", " ", match.group("orgs")).strip().rstrip(".")
            add(doc_id, "affiliation", orgs, "inferred", seg.start + match.start("orgs"), seg.start + match.start("orgs") + len(match.group("orgs").rstrip().rstrip(".")), raw,
                "a disclaimer that the views are not necessarily those of an organisation implies the author is connected to it")


def _affiliations(bio: str) -> list[tuple[str, int, int, str]]:
    """Named organisations, unnamed organisations and places in an author bio."""
    found = []
    word = r"[A-Z][\w&’'\-]*"
    for match in re.finditer(r"\b(?:at|of|with|from|for|by)\s+(?:the\s+)?(?P<org>" + word + r"(?:\s+(?:of|for|and|&)\s+" + word + r"|\s+" + word + r"){0,6})", bio):
        org = match.group("org").strip()
        words = org.split()
        if len(words) >= 2 and any(re.search(_ORG_NOUNS, w, re.IGNORECASE) for w in words) or re.search(r"\b[A-Z]{2,}\b", org) and len(words) <= 4:
            found.append((org, match.start("org"), match.start("org") + len(org), "organisation named in the bio"))
    for match in re.finditer(r"\b(?:of|at|with|for)\s+(?P<org>(?:an?|the)\s+[a-z][\w\s\-]{0,40}?\b" + _ORG_NOUNS + r")\b", bio):
        found.append((f"{match.group('org')} (not named)", match.start("org"), match.end("org"), "organisation described but not named in the bio"))
    for match in re.finditer(r"\b(?P<place>[A-Z][\w]+(?:\s+[A-Z][\w]+)?)-based\b|\bbased in\s+(?P<place2>[A-Z][\w]+(?:\s+[A-Z][\w]+)?(?:,\s*[A-Z][A-Za-z]+)?)", bio):
        group = "place" if match.group("place") else "place2"
        found.append((f"based in {match.group(group)}", match.start(group), match.end(group), "place named in the bio"))
    return found


def _outlet_evidence(doc_id, raw, segs, manifest_row, add) -> None:
    naming = [(pattern, note) for pattern, _, note, _ in _cues("outlet_naming")]
    stated = []
    furniture = [seg for seg in segs if seg.kind == "furniture"]
    for seg, parts in _bylines(segs):
        for part in (part for part in parts if part.kind == "outlet"):
            if re.match(r"(?:https?://|www\.)|[\w\-]+\.[a-z]{2,}", part.value, re.IGNORECASE):
                from analysis.corpus.loading import url_site

                name = url_site(part.value if "//" in part.value else f"//{part.value}")
                rule = "the site's address in the byline ('By X | https://…'): its host"
            else:
                name, rule = _canonical_outlet(part.value), "outlet in the byline ('By X | Outlet', 'By X, Outlet', 'By X for Outlet')"
            stated.append(name)
            add(doc_id, "outlet", name, "stated", seg.start + part.start, seg.start + part.end, raw, rule)
    for seg in segs:
        # Body text names sources, not the publisher; a short line that is nothing but a credit
        # ("© 2024 Harbour Herald", "Follow X on Twitter") is furniture the segmenter kept as body.
        short_line = seg.kind == "body" and seg.label != "title" and len(seg.text.split()) <= 20
        if seg.kind != "furniture" and not short_line:
            continue
        for pattern, note in naming:
            for match in pattern.finditer(seg.text):
                if seg.kind == "body" and match.start() > len(seg.text) - len(seg.text.lstrip()) + 1:
                    continue
                printed = match.group("outlet").strip()
                if printed.lower() in _OUTLET_STOPWORDS or printed.split()[0].lower() in _OUTLET_STOPWORDS:
                    continue
                name = _canonical_outlet(printed)
                stated.append(name)
                add(doc_id, "outlet", name, "stated", seg.start + match.start("outlet"), seg.start + match.start("outlet") + len(printed), raw,
                    f"furniture naming the publisher: {note}")
    # Registry cues: an abbreviation, a section name or a signature phrase alone proves little;
    # two kinds agreeing on one outlet make an inference.
    registry_hits: dict[str, list[tuple[str, int, int, str]]] = {}
    cue_rows = [(seg.start, seg.text) for seg in segs
                if seg.kind == "furniture" or (seg.kind == "body" and seg.label != "title" and len(str(seg.text).split()) <= 20)]
    for outlet, kind, value, pattern in _registry_cues():
        for seg_start, text in cue_rows:
            for match in pattern.finditer(text):
                registry_hits.setdefault(outlet, []).append((kind, seg_start + match.start(), seg_start + match.end(), value))
    if not stated:
        for outlet, hits in registry_hits.items():
            kinds = {kind for kind, *_ in hits}
            basis = "inferred" if len(kinds) >= 2 else "unknown"
            for kind, start, end, value in hits:
                add(doc_id, "outlet", outlet if basis == "inferred" else "", basis, start, end, raw,
                    f"{kind} '{value}' of {outlet} in data/outlets.csv"
                    + (f" ({len(kinds)} kinds of cue agree)" if basis == "inferred" else " (one kind of cue only: not enough to name the outlet)"))
    if manifest_row and manifest_row.get("outlet"):
        add(doc_id, "outlet", manifest_row["outlet"], "curated", -1, -1, raw, "seeds manifest (a person curated it)",
            evidence=f"manifest.csv: outlet={manifest_row['outlet']}")
    inferred = any(len({k for k, *_ in hits}) >= 2 for hits in registry_hits.values())
    if not stated and not inferred and not (manifest_row and manifest_row.get("outlet")):
        page_cues = [(raw_pattern, note) for _, _, note, raw_pattern in _cues("page_cue")]
        runs: list[list] = []  # consecutive furniture segments showing the same cue become one row
        for seg in furniture:
            note = next((n for p, n in page_cues if re.fullmatch(p, seg.label)), None)
            if note is None:
                continue
            if runs and runs[-1][0] == note and runs[-1][3] == seg.seq - 1:
                runs[-1][2], runs[-1][3], runs[-1][4] = int(seg.end), seg.seq, runs[-1][4] + 1
            else:
                runs.append([note, int(seg.start), int(seg.end), seg.seq, 1])
        for note, start, end, _, count in runs:
            add(doc_id, "outlet", "", "unknown", start, end, raw,
                f"cue seen, not a name: {note}" + (f" ({count} consecutive segments)" if count > 1 else ""))
        if not runs:
            add(doc_id, "outlet", "", "unknown", -1, -1, raw, "the page never names its publisher and shows no furniture", evidence="")


def _canonical_outlet(printed: str) -> str:
    """The registry's name for an outlet as printed ("AzerNEWS" -> "AzerNews"), else as printed."""
    printed = " ".join(printed.split()).rstrip(".")
    for row in load_outlets().itertuples(index=False):
        if printed.lower() in {form.lower() for form in row.name_forms.split("|")} or printed.lower() == row.outlet.lower():
            return row.outlet
    return printed


def _disclaimer_evidence(doc_id, raw, segs, add) -> None:
    cues = _cues(field="disclaimer")
    found = False
    for seg in segs:
        short = seg.kind == "furniture" or len(seg.text.split()) <= 30
        for pattern, value, note, _ in cues:
            if value == "sponsorship" and (not short or seg.label == "advertising"):
                continue  # "paid for by taxpayers" in a news paragraph, or an ad slot's marker, is not a sponsorship note
            match = pattern.search(seg.text)
            if match:
                sentence_start = max(seg.text.rfind(". ", 0, match.start()) + 2, 0) if ". " in seg.text[:match.start()] else 0
                sentence_end = seg.text.find(". ", match.end())
                sentence_end = len(seg.text.rstrip()) if sentence_end < 0 else sentence_end + 1
                add(doc_id, "disclaimer", value, "stated", seg.start + sentence_start, seg.start + sentence_end, raw,
                    f"{note} ({seg.kind}, {seg.label})")
                found = True
                break
    if not found:
        add(doc_id, "disclaimer", "", "unknown", -1, -1, raw, "no disclaimer or sponsorship note printed", evidence="")


# --------------------------------------------------------------------------- one row per article

def document_provenance(docs: pd.DataFrame, evidence: pd.DataFrame | None = None,
                        manifest: pd.DataFrame | None = None, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per article: every provenance field with its basis.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus`.
    evidence : DataFrame, optional
        From :func:`provenance_evidence` (computed when omitted, with ``manifest``).
    manifest, dates : DataFrame, optional
        Passed to :func:`provenance_evidence` / used for the date bounds.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DOCUMENT_COLUMNS`. Each ``<field>_basis`` is stated,
        inferred, curated or unknown, and the value is empty when unknown.
        Precedence when several bases exist: stated > curated > inferred.
        ``outlet_cues`` lists the cues seen when the outlet is unknown or
        inferred; ``author_role`` is the role a byline credits ("Senior
        Correspondent", "Staff Writer": a byline that names no person leaves
        ``author`` unknown); ``agency`` a news agency the byline or dateline
        credits; ``published`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
        ``published_kind`` says where it comes from (date_banner, dateline,
        published_line, relative — "5 hours ago" counted back from the manifest's
        capture date —, body_dates, manifest); ``published_earliest`` /
        ``published_latest`` are the bounds the body implies (and an update date);
        ``updated`` is the date the page says it was last updated, kept apart from
        its publication;
        ``capture_not_before`` is the latest date anywhere on the page (the page
        was captured no earlier); ``furniture_younger`` is True when that date is
        later than the article can be; ``personal_data`` names what was found in
        the author box (email, phone) — masked in every report.
    """
    evidence = provenance_evidence(docs, manifest, dates=dates) if evidence is None else evidence
    evidence_by_doc = _records_by_doc(evidence)
    rows = []
    for doc_id, sha in docs[["doc_id", "sha256"]].itertuples(index=False):
        by_field: dict[str, list] = {}
        for r in evidence_by_doc.get(doc_id, []):
            by_field.setdefault(r.field, []).append(r)
        row = {"doc_id": doc_id, "sha256": sha}
        for field in ("title", "outlet", "author", "author_bio", "author_role", "agency", "genre", "disclaimer", "updated"):
            value, basis = _pick(by_field.get(field, []))
            row[field], row[f"{field}_basis"] = value, basis
        affiliations = [r for r in by_field.get("affiliation", []) if r.value != ""]
        row["affiliation"] = "; ".join(dict.fromkeys(r.value for r in affiliations))
        row["affiliation_basis"] = _pick(affiliations)[1] if affiliations else "unknown"
        if row["outlet_basis"] in ("unknown", "inferred"):
            cues = [r for r in by_field.get("outlet", []) if r.start >= 0]
            row["outlet_cues"] = "; ".join(dict.fromkeys(
                f"{r.rule.removeprefix('cue seen, not a name: ')} [{r.evidence[:40]}]" for r in cues))
        else:
            row["outlet_cues"] = ""
        published = by_field.get("published", [])
        value, basis = _pick(published)
        row["published"], row["published_basis"] = value, basis
        kind_rule = [r.rule for r in published if r.basis == basis]
        row["published_kind"] = _published_kind(kind_rule[0] if kind_rule else "", basis)
        bounds = [r for r in published if r.basis == "inferred"]
        earliest = [r.value for r in bounds if r.rule.startswith("not before")]
        latest = [r.value for r in bounds if r.rule.startswith("not after")]
        row["published_earliest"] = max(earliest, key=lambda v: _bound(v)) if earliest else ""
        row["published_latest"] = latest[0] if latest else ""
        if basis == "inferred" and row["published_kind"] == "body_dates":
            row["published"] = row["published_earliest"]
            if not row["published"]:  # only an upper bound: the date itself stays unknown (the bound is in published_latest)
                row["published_basis"], row["published_kind"] = "unknown", ""
        row["capture_not_before"], row["capture_basis"] = _pick(by_field.get("capture", []))
        reference = row["published_latest"] or (row["published"] if basis == "stated" else "")
        row["furniture_younger"] = bool(row["capture_not_before"] and reference and
                                        _bound(row["capture_not_before"]) > _bound(reference, upper=True))
        row["personal_data"] = "; ".join(sorted({r.value for r in by_field.get("personal_data", [])}))
        rows.append(row)
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def _pick(rows: list) -> tuple[str, str]:
    """The value and basis of a field from evidence rows (namedtuples): stated > curated >
    inferred; unknown when no value."""
    for basis in ("stated", "curated", "inferred"):
        chosen = [r for r in rows if r.basis == basis and r.value != ""]
        if chosen:
            return str(chosen[0].value), basis
    return "", "unknown"


def _published_kind(rule: str, basis: str) -> str:
    if basis == "unknown":
        return ""
    if basis == "curated":
        return "manifest"
    for cue, kind in (("date banner", "date_banner"), ("dateline", "dateline"), ("'Published'", "published_line"),
                      ("on the byline", "byline_date"), ("counted back", "relative")):
        if cue in rule:
            return kind
    return "body_dates"


def join_outlets(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` plus the outlet registry's facts (basis ``curated``).

    Adds ``outlet_country``, ``outlet_type``, ``outlet_ownership_funding`` and
    ``outlet_source`` (empty where the outlet is unknown or not in the registry,
    never guessed).
    """
    registry = load_outlets().set_index("outlet")
    joined = documents.copy()
    for column, source in (("outlet_country", "country"), ("outlet_type", "type"),
                           ("outlet_ownership_funding", "ownership_funding"), ("outlet_source", "source")):
        joined[column] = [registry.at[o, source] if o in registry.index else "" for o in joined["outlet"]]
    return joined


# --------------------------------------------------------------------------- page signals

def _signals(docs: pd.DataFrame, documents: pd.DataFrame, evidence: pd.DataFrame, ledger: pd.DataFrame | None,
             stock_phrases: pd.DataFrame | None, segments: pd.DataFrame,
             sentences: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    from analysis.corpus.sentences import split_sentences
    from analysis.provenance import attribution
    from analysis.readability_tone.readability import body_word_counts

    if ledger is None:
        ledger = attribution.find_attributions(docs)
    if stock_phrases is None:
        stock_phrases = load_stock_phrases()
    summary, spans = [], []
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    evidence_by_doc = _records_by_doc(evidence)
    segments_by_doc = _records_by_doc(segments)
    ledger_by_doc = _records_by_doc(ledger)
    compiled_phrases = _compiled_stock_phrases(stock_phrases) if stock_phrases is not None else None
    # The one body word count every density uses (a table row's cells are words of separate sentences).
    if sentences is None:
        sentences = split_sentences(segments[segments["kind"].eq("body")], raw_by_doc)
    words_by_doc = body_word_counts(sentences).to_dict()
    for doc in documents.itertuples(index=False):
        doc_id = doc.doc_id
        ev = evidence_by_doc.get(doc_id, [])
        segs = segments_by_doc.get(doc_id, [])
        body = [seg for seg in segs if seg.kind == "body"]
        raw = raw_by_doc[doc_id]
        # 1. Generic author bio: no organisation or place named in it.
        bio = [r for r in ev if r.field == "author_bio" and r.value != ""]
        if not bio:
            summary.append((doc_id, "generic_author_bio", False, float("nan"), "0 specifics", "no author bio printed: nothing to judge"))
        else:
            specifics = [r for r in ev if r.field == "affiliation" and r.basis == "stated"]
            fired = not specifics
            named = "; ".join(r.value for r in specifics) or "none"
            summary.append((doc_id, "generic_author_bio", fired, float(len(specifics)), "0 specifics",
                            f"bio '{bio[0].value[:90]}' names {named}"))
            for r in bio:
                spans.append((doc_id, "generic_author_bio", r.start, r.end, r.evidence))
        # 2. No named sources: nobody named is quoted and vague sources are at least as many as named ones.
        led = [r for r in ledger_by_doc.get(doc_id, []) if r.kind != "scare_quote"]
        n_named = sum(r.speaker_kind == "named" for r in led)
        n_vague = sum(r.speaker_kind == "vague" for r in led)
        n_named_quotes = sum(r.speaker_kind == "named" and bool(r.is_quote) for r in led)
        fired = n_named_quotes == 0 and n_vague >= n_named
        summary.append((doc_id, "no_named_sources", fired, float(n_named), "no named quotation and vague ≥ named",
                        f"{n_named} named and {n_vague} vague attribution(s); {n_named_quotes} direct quotation(s) from a named source"))
        for r in (r for r in led if r.speaker_kind == "vague"):
            spans.append((doc_id, "no_named_sources", int(r.source_start) if pd.notna(r.source_start) else r.start,
                          int(r.source_end) if pd.notna(r.source_end) else r.end, r.speaker))
        # 3. Stock phrases per 1,000 body words.
        n_words = int(words_by_doc.get(doc_id, 0))
        if stock_phrases is None:
            summary.append((doc_id, "stock_phrase_density", False, float("nan"), f"≥ {STOCK_PHRASE_THRESHOLD:g} per 1,000 words and ≥ {STOCK_PHRASE_MIN_HITS} phrases",
                            "analysis/data/stock_phrases.csv not available: not measured"))
        else:
            hits = _stock_phrase_hits_in(((seg.start, seg.text) for seg in body), compiled_phrases)
            density = 1000 * len(hits) / n_words if n_words else float("nan")
            fired = bool(n_words) and density >= STOCK_PHRASE_THRESHOLD and len(hits) >= STOCK_PHRASE_MIN_HITS
            # What the signal saw is the article's own words at their offsets, never the lexicon's entry.
            shown = ", ".join(f"'{' '.join(raw[start:end].split())}' ({start}–{end})" for start, end, _ in hits[:STOCK_PHRASES_SHOWN])
            more = f" and {len(hits) - STOCK_PHRASES_SHOWN} more" if len(hits) > STOCK_PHRASES_SHOWN else ""
            summary.append((doc_id, "stock_phrase_density", fired, round(density, 2) if n_words else float("nan"),
                            f"≥ {STOCK_PHRASE_THRESHOLD:g} per 1,000 words and ≥ {STOCK_PHRASE_MIN_HITS} phrases",
                            f"{len(hits)} stock phrase(s) in {n_words:,} body words" + (f": {shown}{more}" if hits else "")))
            for start, end, phrase in hits:
                spans.append((doc_id, "stock_phrase_density", start, end, raw[start:end]))
        # 4. Advertising markers.
        ads = [seg for seg in segs if seg.label == "advertising"]
        summary.append((doc_id, "advertising_markers", bool(ads), float(len(ads)), "≥ 1",
                        f"{len(ads)} advertising marker(s)" + (f": {', '.join(sorted(set(seg.text.strip() for seg in ads)))}" if ads else "")))
        for seg in ads:
            spans.append((doc_id, "advertising_markers", seg.start, seg.start + len(seg.text.rstrip()), seg.text.strip()))
        # 5. Stale facts: phrases true only before the article's own date.
        stated_date = doc.published if doc.published_basis == "stated" else ""
        stale_rows = [r for r in ev if r.field == "stale_fact"]
        if stated_date:
            for m in _stale_against(doc_id, raw, segs, stated_date):
                if not any(r.start == m[0] for r in stale_rows):
                    stale_rows.append(m[2])
        summary.append((doc_id, "stale_facts", bool(stale_rows), float(len(stale_rows)), "≥ 1",
                        "; ".join(f"'{r.evidence}' (true only until {r.value})" for r in stale_rows) or "no dated fact contradicts the article's date"))
        for r in stale_rows:
            spans.append((doc_id, "stale_facts", r.start, r.end, r.evidence))
    summary_frame = pd.DataFrame(summary, columns=SIGNAL_COLUMNS)
    summary_frame["fired"] = summary_frame["fired"].astype(bool)
    return summary_frame, pd.DataFrame(spans, columns=SIGNAL_SPAN_COLUMNS)


@dataclass
class _StaleRow:
    start: int
    end: int
    evidence: str
    value: str


def _stale_against(doc_id: str, raw: str, segs: list, stated_date: str) -> list[tuple[int, int, _StaleRow]]:
    """Dated facts in the body whose validity ended before a stated publication date (``segs``: one
    article's segments as namedtuples)."""
    found = []
    reference = _bound(stated_date)
    for row in load_dated_events().itertuples(index=False):
        if not row.not_after:
            continue
        if _bound(row.not_after, upper=True) >= reference:
            continue
        for seg in (seg for seg in segs if seg.kind == "body"):
            for m in re.finditer(row.pattern, seg.text):
                start, end = seg.start + m.start(), seg.start + m.end()
                found.append((start, end, _StaleRow(start, end, raw[start:end], row.not_after)))
    return found


def stock_phrase_hits(segments: pd.DataFrame, stock_phrases: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Stock phrases in ``segments`` (rows with ``start`` and ``text``) as ``(start, end, phrase)``.

    Overlapping matches keep the longest ("plays a pivotal role" over "pivotal"),
    so one passage is counted once.
    """
    return _stock_phrase_hits_in(segments[["start", "text"]].itertuples(index=False), _compiled_stock_phrases(stock_phrases))


def _compiled_stock_phrases(stock_phrases: pd.DataFrame) -> list[tuple[str, re.Pattern[str]]]:
    return [(phrase, re.compile(pattern, re.IGNORECASE)) for phrase, pattern in stock_phrases[["phrase", "pattern"]].itertuples(index=False)]


def _stock_phrase_hits_in(segments, compiled: list[tuple[str, re.Pattern[str]]]) -> list[tuple[int, int, str]]:
    """:func:`stock_phrase_hits` on ``(start, text)`` pairs with the phrases compiled once."""
    hits = []
    for seg_start, text in segments:
        for phrase, pattern in compiled:
            for m in pattern.finditer(text):
                hits.append((seg_start + m.start(), seg_start + m.end(), phrase))
    kept: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if not any(hit[0] < k[1] and k[0] < hit[1] for k in kept):
            kept.append(hit)
    return sorted(kept)


def load_stock_phrases() -> pd.DataFrame | None:
    """The stock phrases of template prose (``data/stock_phrases.csv``, kept by the rhetoric
    module), or None when the file is absent."""
    path = PACKAGE_DATA_DIR / "stock_phrases.csv"
    if not path.exists():
        return None
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    missing = {"phrase", "pattern"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: lacks column(s) {sorted(missing)}")
    return table


def page_signals(docs: pd.DataFrame, documents: pd.DataFrame | None = None, evidence: pd.DataFrame | None = None,
                 ledger: pd.DataFrame | None = None, stock_phrases: pd.DataFrame | None = None,
                 segments: pd.DataFrame | None = None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Weak, explained indicators that a page is template or machine-written filler.

    Indicators, never verdicts: each row says what the indicator saw.

    ``generic_author_bio``
        the author bio names no organisation and no place.
    ``no_named_sources``
        nobody named is quoted directly, and vague sources ("analysts suggest")
        are at least as many as named ones (from :mod:`analysis.provenance.attribution`).
    ``stock_phrase_density``
        stock phrases of template prose (``data/stock_phrases.csv``) per 1,000
        body words, from :data:`STOCK_PHRASE_THRESHOLD` (and at least
        :data:`STOCK_PHRASE_MIN_HITS` phrases).
    ``advertising_markers``
        "ADVERTISEMENT"-style markers on the page.
    ``stale_facts``
        a phrase true only before the article's own date ("ongoing conflict over
        Nagorno-Karabakh" on a page dated 2026; "the incoming Trump
        administration" in a body that mentions January 2026).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SIGNAL_COLUMNS`: one row per article and indicator, with
        ``fired`` (bool), ``value`` (the measured number), ``threshold`` and
        ``saw`` (what the indicator saw, in words). The spans are in
        :func:`signal_spans`. ``sentences`` (the body sentences of the corpus layer) give the body
        word counts; without them the body is split again.
    """
    return _signal_tables(docs, documents, evidence, ledger, stock_phrases, segments, sentences)[0]


def signal_spans(docs: pd.DataFrame, documents: pd.DataFrame | None = None, evidence: pd.DataFrame | None = None,
                 ledger: pd.DataFrame | None = None, stock_phrases: pd.DataFrame | None = None,
                 segments: pd.DataFrame | None = None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The evidence spans behind :func:`page_signals`: ``doc_id, signal, start, end, text`` (raw offsets)."""
    return _signal_tables(docs, documents, evidence, ledger, stock_phrases, segments, sentences)[1]


def page_signals_and_spans(docs: pd.DataFrame, documents: pd.DataFrame | None = None, evidence: pd.DataFrame | None = None,
                           ledger: pd.DataFrame | None = None, stock_phrases: pd.DataFrame | None = None,
                           segments: pd.DataFrame | None = None,
                           sentences: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`page_signals` and :func:`signal_spans` from one pass over the articles.

    Both come from the same per-article work; a report that shows the indicators and
    their evidence calls this once instead of each function separately.
    """
    return _signal_tables(docs, documents, evidence, ledger, stock_phrases, segments, sentences)


def _signal_tables(docs, documents, evidence, ledger, stock_phrases, segments, sentences=None):
    from analysis.corpus.loading import segment_corpus

    segments = segment_corpus(docs) if segments is None else segments
    evidence = provenance_evidence(docs, segments=segments) if evidence is None else evidence
    documents = document_provenance(docs, evidence) if documents is None else documents
    return _signals(docs, documents, evidence, ledger, stock_phrases, segments, sentences)


# --------------------------------------------------------------------------- report pieces

_BASIS_COLOURS = {"stated": "#7fd3b4", "inferred": "#f6c667", "curated": "#8fd0f0", "unknown": "#cfcfcf"}
_CARD_FIELDS = [
    ("outlet", "Outlet"), ("author", "Author"), ("author_role", "Author's role"), ("agency", "News agency"),
    ("author_bio", "Author's bio"), ("affiliation", "Affiliation"),
    ("genre", "Genre"), ("published", "Published"), ("updated", "Updated"), ("disclaimer", "Disclaimer"),
]
#: Card fields shown only when the page states them (most pages print no role, agency or update date).
_CARD_FIELDS_WHEN_KNOWN = {"author_role", "agency", "updated"}


def basis_badge(basis: str) -> str:
    """A small coloured label for a basis (stated, inferred, curated, unknown)."""
    from analysis.report.display import escape_text

    colour = _BASIS_COLOURS.get(basis, "#eeeeee")
    return (f'<span style="background:{colour};border-radius:3px;padding:0 .4em;font-size:.8em;'
            f'font-family:sans-serif">{escape_text(basis)}</span>')


def card_html(document: pd.Series | dict, evidence: pd.DataFrame, raw: str, context: int = 50) -> str:
    """A provenance card for one article: each field's value, basis and evidence in context.

    Parameters
    ----------
    document : Series or dict
        One row of :func:`document_provenance` (optionally :func:`join_outlets`).
    evidence : DataFrame
        :func:`provenance_evidence` rows of this article.
    raw : str
        The article's raw text (evidence is shown in context from it).

    Everything from the article is escaped, and e-mail addresses and phone
    numbers are masked (:func:`analysis.report.display.escape_text`).
    """
    from analysis.report.display import escape_text, in_context

    doc = dict(document)
    lines = []
    for field, label in _CARD_FIELDS:
        basis = doc.get(f"{field}_basis", "unknown")
        if field in _CARD_FIELDS_WHEN_KNOWN and basis == "unknown":
            continue
        value = doc.get(field, "") or ""
        if field == "published" and value:
            extra = [f"from the {doc.get('published_kind', '').replace('_', ' ')}"] if doc.get("published_kind") else []
            if doc.get("published_earliest"):
                extra.append(f"body implies not before {doc['published_earliest']}")
            if doc.get("published_latest"):
                extra.append(f"not after {doc['published_latest']}")
            value = f"{value} ({'; '.join(extra)})" if extra else value
        if field == "outlet" and doc.get("outlet_type"):
            value = f"{value} — {doc['outlet_type']}, {doc.get('outlet_country', '')} (registry, curated)"
        rows = evidence[evidence["field"].eq(field) & evidence["start"].ge(0)]
        mask = field in _PERSONAL_FIELDS
        if field == "outlet" and basis == "unknown" and len(rows):
            groups = []
            for rule, group in rows.groupby("rule", sort=False):
                first_lines = [" ".join(e.split("\n")[0].split())[:40] + (" …" if "\n" in e else "") for e in group["evidence"]]
                examples = ", ".join(dict.fromkeys(first_lines))
                groups.append(f"<li>{escape_text(rule.removeprefix('cue seen, not a name: '), mask=False)}: "
                              f"<span style='background:#fff3c4'>{escape_text(examples)}</span></li>")
            lines.append(f"<div style='margin:.35em 0'><b>{escape_text(label)}</b> {basis_badge(basis)} <i>unknown</i> — "
                         f"the page never names its publisher; cues seen (not turned into a guess):"
                         f"<ul style='font-size:.85em;color:#555;margin:.2em 0'>{''.join(groups)}</ul></div>")
            continue
        if basis != "unknown":
            rows = rows[rows["basis"].eq(basis) | rows["basis"].eq("inferred")] if field != "outlet" else rows
        shown = []
        for r in rows.drop_duplicates(["start", "end"]).head(4).itertuples(index=False):
            left, match, right = in_context(raw, r.start, r.end, context)
            shown.append(
                f'<div style="font-size:.85em;color:#555;margin-left:1em">… {escape_text(left)} '
                f'<b style="background:#fff3c4">{escape_text(match)}</b> {escape_text(right)} … '
                f'<i>({escape_text(r.rule, mask=mask)})</i></div>'
            )
        more = len(rows.drop_duplicates(["start", "end"])) - len(shown)
        if more > 0:
            shown.append(f'<div style="font-size:.85em;color:#555;margin-left:1em">… and {more} more in provenance_evidence.csv</div>')
        if basis == "unknown" and not shown:
            reason = evidence[evidence["field"].eq(field)]["rule"]
            shown.append(f'<div style="font-size:.85em;color:#555;margin-left:1em">{escape_text(reason.iloc[0] if len(reason) else "not found", mask=False)}</div>')
        # Values of author fields come from the author box: personal data masked. Other values are computed
        # here (dates, labels) and are not masked, because the phone pattern mistakes "2026-01-09" for a number.
        shown_value = escape_text(value, mask=mask) if value else "<i>unknown</i>"
        lines.append(f"<div style='margin:.35em 0'><b>{escape_text(label)}</b> {basis_badge(basis)} {shown_value}{''.join(shown)}</div>")
    capture = doc.get("capture_not_before", "")
    if capture:
        younger = " — <b>later than the article can be: the furniture is younger than the article</b>" if doc.get("furniture_younger") else ""
        lines.append(f"<div style='margin:.35em 0'><b>Page captured</b> {basis_badge(doc.get('capture_basis', 'unknown'))} "
                     f"no earlier than {escape_text(capture, mask=False)}{younger}</div>")
    if doc.get("personal_data"):
        lines.append(f"<div style='margin:.35em 0'><b>Personal data</b> {escape_text(doc['personal_data'])} in the author box — masked here</div>")
    title = escape_text(doc.get("title") or "(no title)")
    return (f'<div style="border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:.8em 0">'
            f'<div style="font-size:1.1em;font-weight:bold">{title}</div>'
            f'<div style="color:#666;font-size:.85em">{escape_text(doc.get("doc_id", ""))} · title {basis_badge(doc.get("title_basis", "unknown"))}</div>'
            + "".join(lines) + "</div>")


def table_html(frame: pd.DataFrame, caption: str = "", text_columns: tuple[str, ...] = (), max_rows: int | None = None) -> str:
    """A table as escaped HTML, masking personal data only in ``text_columns``.

    :func:`analysis.report.display.frame_html` masks every cell, and its phone-number
    pattern also matches ISO dates ("2026-01-09") and citations such as
    "resolution 2803 (2025)"; this report's computed columns (dates, rules) are
    therefore escaped without masking, while article text (``text_columns``) is
    escaped and masked as everywhere else.
    """
    from analysis.report.display import escape_text

    shown = frame if max_rows is None else frame.head(max_rows)
    escaped = shown.copy()
    for column in shown.columns:
        mask = column in text_columns
        escaped[column] = [escape_text(str(v), mask=mask) if isinstance(v, str) else v for v in shown[column]]
    table = escaped.to_html(index=False, escape=False, na_rep="", classes="wb-prov")
    cap = f'<p style="font-style:italic;margin:.2em 0">{escape_text(caption, mask=False)}</p>' if caption else ""
    more = f"<p>… {len(frame) - len(shown)} more rows in the CSV export.</p>" if len(shown) < len(frame) else ""
    return cap + table + more
