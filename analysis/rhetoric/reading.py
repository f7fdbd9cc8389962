"""The reading view of an article: its devices highlighted one family at a time, every span labelled.

::

    from analysis.rhetoric import reading
    html = reading.reading_view_html(raw, segments, spans, "article-1", frames=frames)

A reader chooses a family of devices (argument and emotive devices, or hedging,
boosting and template prose: :data:`analysis.rhetoric.detector.REPORT_FAMILIES`)
with two buttons; the view shows that family alone. Within a family the devices
fall into a few colour groups (:data:`GROUPS`, from the taxonomy's ``family``
column), named in plain words in a legend above the text, and every highlight is
followed by a small label naming its device, so nothing needs a hover (the rule
that fired is still in the tooltip). Spans of one family that overlap — a frame
and the loaded word inside it, "reckless" and "driving" of "reckless driving" —
are drawn as one highlight in one colour whose label names each device once.

The buttons are radio inputs switched by the report template's CSS
(``.wb-reading`` in ``analysis/report/templates/workbook/index.html.j2``): no
script. Without that CSS (a notebook opened in Jupyter) both views show, one
after the other. The text runs in lines of about 70 characters.

Article text is always escaped (:func:`analysis.report.display.escape_text`),
and so are labels and rules; the view's id must be letters, digits and hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.rhetoric import detector


@dataclass(frozen=True)
class ReadingGroup:
    """One colour of the reading view: ``name`` in plain words, ``colour`` of the highlight, ``ink`` of its labels."""

    key: str
    name: str
    colour: str
    ink: str


#: The colour groups, in the order the legend lists them and ties between overlapping spans are settled.
#: Light tints of the Okabe-Ito colour-blind-safe palette, each with a dark ink of the same hue for the labels.
GROUPS = (
    ReadingGroup("figurative", "figurative frames", "#e7c6e0", "#6d2a60"),
    ReadingGroup("emotive", "emotive words", "#f9cf96", "#7a4300"),
    ReadingGroup("argument", "argument moves", "#b9dcf3", "#0b4a75"),
    ReadingGroup("sourcing", "sources and quotation marks", "#b3e3cc", "#0d5a3c"),
    ReadingGroup("stance", "hedges and boosters", "#f1e48a", "#5f5000"),
    ReadingGroup("template", "stock phrases", "#d4d4d4", "#3d3d3d"),
)
#: The taxonomy's ``family`` (rhetoric_devices.csv) -> colour group.
GROUP_OF_FAMILY = {
    "figurative": "figurative", "emotive": "emotive", "argument": "argument", "magnitude": "argument",
    "sourcing": "sourcing", "stance": "stance", "template": "template",
}
#: What the legend calls each report family (the buttons' names).
VIEW_NAMES = {"argument_emotive": "Argument and emotive devices", "template_stance": "Hedging, boosting and template prose"}
#: Characters per line of the article text (CSS ``ch`` units).
LINE_CHARACTERS = 70
#: Highlights up to this many characters stay on one line.
SHORT_MARK = 40

MARK_COLUMNS = ["start", "end", "group", "tag", "tip"]
_VIEW_ID = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_GROUPS = {group.key: group for group in GROUPS}
_ORDER = {group.key: number for number, group in enumerate(GROUPS)}


def device_groups() -> pd.DataFrame:
    """The taxonomy with each device's colour group.

    Returns
    -------
    pandas.DataFrame
        Columns ``device, label, tag, report_family, group, group_name, colour, ink``:
        ``tag`` is the device's label as a highlight shows it ("loaded language",
        "name-calling", "stock phrase").

    Raises
    ------
    ValueError
        A device whose ``family`` has no colour group, named with its row of rhetoric_devices.csv.
    """
    devices = detector.load_devices()
    unknown = devices[~devices["family"].isin(GROUP_OF_FAMILY)]
    if len(unknown):
        row = unknown.iloc[0]
        raise ValueError(f"{detector.DEVICES_FILE.name}: device {row['device']!r} has family {row['family']!r}, "
                         f"which the reading view has no colour for (known: {', '.join(sorted(GROUP_OF_FAMILY))})")
    groups = devices["family"].map(GROUP_OF_FAMILY)
    return pd.DataFrame({
        "device": devices["device"], "label": devices["label"], "tag": devices["label"].map(device_tag),
        "report_family": devices["report_family"], "group": groups,
        "group_name": groups.map(lambda key: _GROUPS[key].name),
        "colour": groups.map(lambda key: _GROUPS[key].colour), "ink": groups.map(lambda key: _GROUPS[key].ink),
    })


def device_tag(label: str) -> str:
    """A device's label as short plain words: ``'Name-calling, labelling'`` -> ``'name-calling'``,
    ``'Stock phrase of template prose'`` -> ``'stock phrase'``."""
    short = re.split(r",\s| of ", label, maxsplit=1)[0]
    return short[:1].lower() + short[1:]


def frame_tag(label: str, attribution: str = "none", credited_to: str = "") -> str:
    """What a frame's highlight says: its name and whose voice it is in.

    ``attribution`` and ``credited_to`` as :func:`analysis.rhetoric.detector.track_frames`
    gives them (``attribution`` / ``credited_frame_of``).
    """
    name = f"frame “{label}”"
    if attribution in ("stated", "quoted") and credited_to:
        return f"{name}, credited to {credited_to}"
    if attribution == "author_use_of_credited" and credited_to:
        return f"{name}, the author reusing {credited_to}’s"
    return f"{name}, the author’s own"


def reading_marks(raw: str, spans: pd.DataFrame, report_family: str, frames: pd.DataFrame | None = None) -> pd.DataFrame:
    """The highlights of one family of devices in one article, overlaps drawn as one.

    Parameters
    ----------
    raw : str
        The article's raw text.
    spans : DataFrame
        One article's rows of :func:`analysis.rhetoric.detector.detect_devices`.
    report_family : str
        A key of :data:`analysis.rhetoric.detector.REPORT_FAMILIES`.
    frames : DataFrame, optional
        The article's rows of :func:`analysis.rhetoric.detector.track_frames`:
        frame labels then say the frame's name and whose voice it is in.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MARK_COLUMNS`, disjoint and in text order: ``start``/``end``
        (raw offsets covering every span of the highlight), ``group`` (the colour
        group of its longest span; ties in :data:`GROUPS` order), ``tag`` (each
        device's label once, longest span first, joined by " · ") and ``tip``
        (every span's device and the rule that fired). Spans overlap into one
        highlight; so do spans of the same device with only a space between them.
    """
    if report_family not in detector.REPORT_FAMILIES:
        raise ValueError(f"unknown report family {report_family!r} (known: {', '.join(detector.REPORT_FAMILIES)})")
    groups = device_groups().set_index("device")
    chosen = spans[spans["device"].map(groups["report_family"]).eq(report_family)]
    if chosen.empty:
        return pd.DataFrame(columns=MARK_COLUMNS).astype({"start": "int64", "end": "int64"})
    frame_of = {}
    if frames is not None and len(frames):
        for row in frames.itertuples(index=False):
            frame_of[(int(row.start), int(row.end))] = frame_tag(row.label, row.attribution, row.credited_frame_of)
    frame_labels = dict(zip(detector.load_frames()["frame"], detector.load_frames()["label"]))

    def tag(device: str, start: int, end: int, rule: str) -> str:
        if device != "figurative_frame":
            return groups.at[device, "tag"]
        if (start, end) in frame_of:
            return frame_of[(start, end)]
        frame = rule.split(":", 1)[1].strip() if ":" in rule else ""
        return f"frame “{frame_labels.get(frame, frame)}”" if frame else "frame"

    ordered = chosen.sort_values(["start", "end"], kind="stable")
    marks: list[dict] = []
    for device, start, end, rule in ordered[["device", "start", "end", "rule"]].itertuples(index=False):
        start, end = int(start), int(end)
        span = {"device": device, "start": start, "end": end, "tag": tag(device, start, end, rule),
                "tip": f"{groups.at[device, 'label']}: {rule}"}
        last = marks[-1] if marks else None
        # Overlapping spans are one highlight; so are spans of the same device one space apart ("reckless" "driving").
        joins = last is not None and (start < last["end"] or (
            raw[last["end"]:start] in ("", " ") and device in {s["device"] for s in last["spans"]}))
        if joins:
            last["end"] = max(last["end"], end)
            last["spans"].append(span)
        else:
            marks.append({"start": start, "end": end, "spans": [span]})
    rows = []
    for mark in marks:
        members = sorted(mark["spans"], key=lambda s: (-(s["end"] - s["start"]), _ORDER[groups.at[s["device"], "group"]], s["start"]))
        tags = list(dict.fromkeys(s["tag"] for s in members))
        tips = list(dict.fromkeys(s["tip"] for s in members))
        rows.append((mark["start"], mark["end"], groups.at[members[0]["device"], "group"], " · ".join(tags), "; ".join(tips)))
    return pd.DataFrame(rows, columns=MARK_COLUMNS).astype({"start": "int64", "end": "int64"})


def _mark_html(text: str, mark) -> str:
    from analysis.report.display import escape_text

    group = _GROUPS[mark.group]
    label = (f'<span class="wb-tag" style="font:600 11px/1 system-ui,sans-serif;color:{group.ink};'
             f'margin-left:.2em">{escape_text(mark.tag)}</span>')
    # A short highlight never breaks over two lines, so a phrase reads as one span.
    keep = "white-space:nowrap;" if len(text) <= SHORT_MARK else ""
    return (f'<mark title="{escape_text(mark.tip)}" style="background:{group.colour};color:inherit;padding:1px 2px;'
            f'border-radius:3px;{keep}">{text}</mark>{label}')


def _segment_html(raw: str, start: int, end: int, marks: list, first: int) -> tuple[str, int]:
    """``raw[start:end]`` escaped with the marks that reach into it; returns the HTML and the first mark still open."""
    from analysis.report.display import escape_text

    while first < len(marks) and marks[first].end <= start:
        first += 1
    pieces, position, number = [], start, first
    while number < len(marks) and marks[number].start < end:
        mark = marks[number]
        left, right = max(mark.start, start), min(mark.end, end)
        pieces.append(escape_text(raw[position:left]))
        # The label follows the highlight's last character, or the end of the part shown when it runs on.
        pieces.append(_mark_html(escape_text(raw[left:right]), mark))
        position = right
        if mark.end > end:
            break
        number += 1
    pieces.append(escape_text(raw[position:end]))
    return "".join(pieces), number


def article_text_html(raw: str, segments: pd.DataFrame, marks: pd.DataFrame, max_chars: int = detector.MAX_RENDERED_CHARS) -> str:
    """The article body as escaped HTML with ``marks`` (:func:`reading_marks`) highlighted and labelled.

    Furniture segments (ads, pitches, author boxes) are left out, each run of
    them named in one grey note; past ``max_chars`` body characters the rest of
    the article is one note saying how much was left out. One sweep over the
    segments and the (disjoint, ordered) marks: the cost grows with their sum.
    """
    from analysis.report.display import escape_text

    ordered = list(marks.sort_values("start").itertuples(index=False))
    parts: list[str] = []
    folded: list[tuple[str, int]] = []

    def note(text: str) -> str:
        return f'<div style="color:#777;font:12px/1.4 system-ui,sans-serif;margin:.4em 0">[{escape_text(text)}]</div>'

    def fold() -> None:
        if folded:
            kinds = pd.Series([label for label, _ in folded]).value_counts(sort=False)
            what = ", ".join(label if n == 1 else f"{label} ×{n}" for label, n in kinds.items())
            parts.append(note(f"page furniture left out: {what}; {sum(n for _, n in folded):,} characters"))
            folded.clear()

    shown, first = 0, 0
    body = segments[segments["kind"].eq("body")]
    for segment in segments.itertuples(index=False):
        if segment.kind != "body":
            if raw[segment.start:segment.end].strip():
                folded.append((segment.label, len(raw[segment.start:segment.end].strip())))
            continue
        fold()
        if shown >= max_chars:
            rest = body[body["start"] >= segment.start]
            parts.append(note(f"the rest of the article is not shown: {int((rest['end'] - rest['start']).sum()):,} more "
                              f"characters of body in {len(rest):,} segments; every span is in tables/rhetoric_spans.csv"))
            break
        # The paragraph without its surrounding blank lines (a margin separates paragraphs instead).
        text = raw[segment.start:segment.end]
        start = int(segment.start) + len(text) - len(text.lstrip())
        end = max(start, int(segment.start) + len(text.rstrip()))
        html, first = _segment_html(raw, start, end, ordered, first)
        parts.append(f'<div style="white-space:pre-wrap;margin:0 0 .9em">{html}</div>')
        shown += segment.end - segment.start
    fold()
    return "".join(parts)


def legend_html(spans: pd.DataFrame, report_family: str) -> str:
    """The colours of one family in plain words, each with the devices it holds and their spans in ``spans``."""
    from analysis.report.display import escape_text

    groups = device_groups()
    groups = groups[groups["report_family"].eq(report_family)]
    counts = spans["device"].value_counts()
    items = []
    for group in GROUPS:
        members = groups[groups["group"].eq(group.key)]
        present = [(tag, int(counts.get(device, 0))) for device, tag in members[["device", "tag"]].itertuples(index=False)
                   if counts.get(device, 0)]
        if not present:
            continue
        # A group of one device needs no list ("figurative frames 5", not "figurative frames: figurative frame 5").
        alone = len(members) == 1 and group.name == f"{present[0][0]}s"
        devices = f" {present[0][1]:,}" if alone else ": " + ", ".join(f"{tag} {n:,}" for tag, n in present)
        items.append(f'<span style="white-space:nowrap;margin-right:1.2em"><mark style="background:{group.colour};'
                     f'padding:0 .7em;border-radius:3px"></mark> <b>{escape_text(group.name)}</b>{escape_text(devices)}</span>')
    if not items:
        return f'<p class="wb-legend">No {escape_text(detector.REPORT_FAMILIES[report_family])} in this article.</p>'
    return ('<p class="wb-legend" style="font-size:13px;line-height:1.9;margin:.4em 0">' + " ".join(items)
            + '<br><span style="color:#666">Each highlight is labelled after it; point at one to see the rule or '
              'the words that made it.</span></p>')


def reading_view_html(raw: str, segments: pd.DataFrame, spans: pd.DataFrame, view_id: str,
                      frames: pd.DataFrame | None = None, max_chars: int = detector.MAX_RENDERED_CHARS) -> str:
    """One article to read: a button per family of devices, a legend, and the body with that family highlighted.

    Parameters
    ----------
    raw : str
        The article's raw text.
    segments : DataFrame
        The article's rows of :func:`analysis.corpus.loading.segment_corpus` (page order).
    spans : DataFrame
        The article's rows of :func:`analysis.rhetoric.detector.detect_devices`.
    view_id : str
        An id unique on the page (letters, digits, hyphens; e.g. ``"article-2"``): it ties the buttons to the views.
    frames : DataFrame, optional
        The article's rows of :func:`analysis.rhetoric.detector.track_frames` (frame labels say whose voice).
    max_chars : int
        Body characters shown (:func:`article_text_html`).

    Returns
    -------
    str
        Escaped HTML: the first family (argument and emotive devices) shown, the other a click away.
    """
    from analysis.report.display import escape_text

    if not _VIEW_ID.fullmatch(view_id):
        raise ValueError(f"view id {view_id!r}: use letters, digits and hyphens, starting with a letter")
    families = device_groups().set_index("device")["report_family"]
    buttons, views = [], []
    for number, family in enumerate(detector.REPORT_FAMILIES, start=1):
        own = spans[spans["device"].map(families).eq(family)]
        marks = reading_marks(raw, own, family, frames)
        n = len(own)
        checked = " checked" if number == 1 else ""
        buttons.append(
            f'<input type="radio" name="{view_id}" id="{view_id}-{number}" class="wb-pick-{number}"{checked}>'
            f'<label for="{view_id}-{number}" class="wb-pick">{escape_text(VIEW_NAMES[family])} '
            f'({n:,} span{"" if n == 1 else "s"})</label>')
        views.append(
            f'<div class="wb-view wb-view-{number}">{legend_html(own, family)}'
            f'<div class="wb-text" style="max-width:{LINE_CHARACTERS}ch;font-family:Georgia,serif;font-size:16px;'
            f'line-height:1.8">{article_text_html(raw, segments, marks, max_chars)}</div></div>')
    return f'<div class="wb-reading">{"".join(buttons)}{"".join(views)}</div>'


def passage_html(raw: str, start: int, end: int, spans: pd.DataFrame, report_family: str = "argument_emotive",
                 frames: pd.DataFrame | None = None) -> str:
    """``raw[start:end]`` (a sentence, say) as escaped HTML with one family's devices highlighted and labelled."""
    inside = spans[(spans["start"] < end) & (spans["end"] > start)]
    marks = reading_marks(raw, inside, report_family, frames)
    segment = pd.DataFrame({"start": [start], "end": [end], "kind": ["body"], "label": ["body"]})
    return (f'<div class="wb-text" style="max-width:{LINE_CHARACTERS}ch;font-family:Georgia,serif;font-size:16px;'
            f'line-height:1.8">{article_text_html(raw, segment, marks)}</div>')
