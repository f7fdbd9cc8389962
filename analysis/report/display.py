"""HTML pieces for the reports: escaped article text, highlighted spans, evidence in context.

Everything that reaches the HTML from an article (text, titles, names, metadata)
goes through :func:`escape_text`, which escapes markup so it shows as text and
never runs, and masks e-mail addresses and phone numbers (personal data printed in
author boxes has no place in a shared report; the tables keep a flag instead).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import pandas as pd

_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(r"(?<![\w(+])[+(]?\d[\d ()\-]{7,}\d(?![\w])")

#: Colour-blind-safe qualitative palette (Okabe & Ito 2008), light tints for backgrounds.
PALETTE = [
    "#f6c667", "#8fd0f0", "#7fd3b4", "#f3a6c8", "#b9a3e3", "#f7a072",
    "#c8d96f", "#9fb3c8", "#e9d8a6", "#cfcfcf",
]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_phone(candidate: str) -> bool:
    # Phone numbers have 7-15 digits (ITU-T E.164). Without a leading "+" we ask for
    # at least 9 (a national number with area code), so that years, ISO dates,
    # "resolution 2803 (2025)", pagers ("1 - 2 - 3") and calendar rows
    # ("12131415161718") are not masked as phone numbers.
    runs = re.findall(r"\d+", candidate)
    digits = sum(len(run) for run in runs)
    if _ISO_DATE.search(candidate) or all(re.fullmatch(r"(?:19|20)\d\d", run) for run in runs):
        return False
    if candidate.startswith("+"):
        return 7 <= digits <= 15 and max(len(run) for run in runs) >= 2
    if len(runs) == 1:
        return 10 <= digits <= 13
    return 9 <= digits <= 15 and max(len(run) for run in runs) >= 3


def find_personal_data(text: str) -> list[tuple[int, int, str]]:
    """E-mail addresses and phone numbers in ``text`` as ``(start, end, kind)``."""
    found = [(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    found += [(m.start(), m.end(), "phone") for m in _PHONE.finditer(text) if _is_phone(m.group())]
    # An e-mail's local part can look like a phone number: keep the longer of overlapping spans.
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(found, key=lambda span: (span[0], -(span[1] - span[0]))):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, kind))
    return kept


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses and phone numbers with a placeholder."""
    for start, end, kind in reversed(find_personal_data(text)):
        placeholder = "[e-mail address masked]" if kind == "email" else "[phone number masked]"
        text = text[:start] + placeholder + text[end:]
    return text


def escape_text(text: str, mask: bool = True) -> str:
    """HTML-escape article text (quotes included), masking personal data first."""
    return html.escape(mask_personal_data(text) if mask else text, quote=True)


# Every ASCII punctuation mark Markdown gives a meaning to (links, images, emphasis, code,
# headings, lists, tables, strikethrough, math, autolinks), escaped with a backslash.
# <, >, &, " and ' become HTML entities instead, which Markdown passes through as text.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$/=^])")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


def markdown_text(value: object) -> str:
    """``value`` as text that is safe and inert inside Markdown (and so inside HTML).

    Use it for every string from the corpus, its file names or its metadata that
    a cell puts into ``Markdown(f"...")``: HTML is escaped (a file named
    ``<img src=x onerror=...>.txt`` shows as that name), and Markdown's
    punctuation is backslash-escaped so that ``[x](javascript:...)`` is no link,
    ``*a*`` no emphasis and ``http://...`` no autolink. A line break becomes
    ``␤`` so it cannot start a heading or a list. The text reads exactly as
    given otherwise (ids are shown unmasked: use :func:`escape_text` for article
    text, which also masks personal data).
    """
    text = _LINE_BREAK.sub("\u2424", str(value))
    return html.escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text), quote=True)


def markdown_code(value: object) -> str:
    """``value`` as inline code inside Markdown: ``<code>`` with its text HTML-escaped.

    Use it instead of backticks around a string from the corpus or a path: inside
    backticks Markdown ignores backslash escapes, so a backtick in the string
    would end the code span and what follows would be Markdown again.
    """
    text = _LINE_BREAK.sub("\u2424", str(value))
    return f"<code>{html.escape(text, quote=True)}</code>"


def renders_as_markup(text: str) -> bool:
    """True when ``text`` would not read as itself if written raw into Markdown or HTML:
    it holds ``<`` or ``&``, a line break, or Markdown (a link, emphasis, code ...)."""
    if not text or re.search(r"[<>&\r\n]", text):
        return bool(text)
    import mistune

    rendered = mistune.create_markdown(escape=False, plugins=["strikethrough", "table", "url", "task_lists", "def_list"])(text)
    return rendered.strip() != f"<p>{html.escape(text, quote=False)}</p>"


def unescaped_in_outputs(notebook, strings: Iterable[str]) -> list[tuple[int, str, str]]:
    """Places where a notebook's outputs show one of ``strings`` raw instead of escaped.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        An executed notebook.
    strings : iterable of str
        Strings from the corpus (ids, file names, manifest fields). Only those for
        which :func:`renders_as_markup` holds are looked for: the rest read the
        same raw or escaped.

    Returns
    -------
    list of (int, str, str)
        ``(cell index, output type, string)`` for each ``text/markdown`` output
        containing a string raw, and each ``text/html`` output containing it raw
        where it matters: with ``<`` or ``&`` in it, or inside a tag (an
        attribute value) when it holds a quote.
    """
    hostile = sorted({s for s in strings if isinstance(s, str) and renders_as_markup(s)})
    found = []
    if not hostile:
        return found
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            markdown, page = data.get("text/markdown", ""), data.get("text/html", "")
            markdown = "".join(markdown) if isinstance(markdown, list) else markdown
            page = "".join(page) if isinstance(page, list) else page
            for string in hostile:
                if markdown and string in markdown:
                    found.append((index, "text/markdown", string))
                elif page and string in page and _raw_in_html(page, string):
                    found.append((index, "text/html", string))
    return found


def _raw_in_html(page: str, string: str) -> bool:
    if re.search(r"[<&]", string):
        return True
    if not re.search(r"[\"']", string):
        return False
    start = page.find(string)
    while start >= 0:
        if page.rfind("<", 0, start) > page.rfind(">", 0, start):  # inside a tag: an attribute value
            return True
        start = page.find(string, start + 1)
    return False


def colour_map(labels: Iterable[str]) -> dict[str, str]:
    """A stable colour per label, in sorted label order."""
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(sorted(set(labels)))}


def legend_html(colours: dict[str, str]) -> str:
    """A one-line legend: a swatch and the label for each colour."""
    items = "".join(
        f'<span style="margin-right:1em;white-space:nowrap"><span style="background:{colour};'
        f'padding:0 .6em;border-radius:3px">&nbsp;</span> {escape_text(label)}</span>'
        for label, colour in colours.items()
    )
    return f'<div class="wb-legend" style="margin:.4em 0;display:flex;flex-wrap:wrap;row-gap:.3em">{items}</div>'


def highlight_spans(
    raw: str,
    spans: pd.DataFrame,
    label_column: str = "label",
    start: int = 0,
    end: int | None = None,
    colours: dict[str, str] | None = None,
    title_column: str | None = None,
) -> str:
    """Render ``raw[start:end]`` as escaped HTML with ``spans`` highlighted.

    Overlapping spans stay readable: each piece of text is shaded with the colour
    of the first covering span and underlined with stripes for the others, and
    its tooltip names every covering label.

    Parameters
    ----------
    raw : str
        The article's raw text.
    spans : DataFrame
        Rows with ``start``, ``end`` (raw offsets) and ``label_column``.
    start, end : int
        The part of ``raw`` to show (default: all of it).
    colours : dict, optional
        ``label -> CSS colour``; default :func:`colour_map` of the labels.
    title_column : str, optional
        A column whose text is added to the tooltip (e.g. the rule that fired).
    """
    end = len(raw) if end is None else end
    colours = colours or colour_map(spans[label_column].astype(str))
    inside = spans[(spans["end"] > start) & (spans["start"] < end)]
    labels = inside[label_column].astype(str).tolist()
    tips = labels if title_column is None else [f"{label}: {title}" for label, title in zip(labels, inside[title_column].tolist())]
    records = list(zip(inside["start"].tolist(), inside["end"].tolist(), labels, tips))
    return highlight_records(raw, records, start, end, colours)


def highlight_records(raw: str, records: list[tuple[int, int, str, str]], start: int, end: int, colours: dict[str, str]) -> str:
    """:func:`highlight_spans` on plain ``(start, end, label, tooltip)`` tuples, first covering span first.

    One sweep over the cut points, keeping the spans that cover the current
    piece: the cost grows with the pieces and spans, not with their product.
    """
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    cuts = {start, end}
    for number, (s, e, _, _) in enumerate(records):
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        cuts.update((s, e))
        opening.setdefault(s, []).append(number)
        closing.setdefault(e, []).append(number)
    cuts = sorted(cuts)
    active: set[int] = set()
    pieces = []
    for left, right in zip(cuts, cuts[1:]):
        active.difference_update(closing.get(left, ()))
        active.update(opening.get(left, ()))
        text = escape_text(raw[left:right])
        if not active:
            pieces.append(text)
            continue
        covering = [records[number] for number in sorted(active)]
        labels = [label for _, _, label, _ in covering]
        stripes = ", ".join(f"0 {2 * (i + 1)}px 0 0 {colours[label]}" for i, label in enumerate(labels[1:]))
        shadow = f"box-shadow: {stripes};" if stripes else ""
        pieces.append(
            f'<mark title="{escape_text("; ".join(tip for _, _, _, tip in covering))}" style="background:{colours[labels[0]]};'
            f'{shadow}padding:0 1px;border-radius:2px">{text}</mark>'
        )
    body = "".join(pieces)
    return f'<div class="wb-article" style="white-space:pre-wrap;line-height:1.6;font-family:Georgia,serif">{body}</div>'


def context_bounds(raw: str, start: int, end: int, width: int) -> tuple[int, int]:
    """Where a span's context begins and ends: up to ``width`` characters each side, never past the
    span's own lines (a line before or after is another paragraph, a heading or page furniture)."""
    line_start = raw.rfind("\n", 0, start) + 1
    line_end = raw.find("\n", end)
    return max(line_start, start - width), min(len(raw) if line_end < 0 else line_end, end + width)


def in_context(raw: str, start: int, end: int, width: int = 80) -> tuple[str, str, str]:
    """The text left of a span, the span, and the text right of it (``width`` chars each, within the
    span's lines: :func:`context_bounds`)."""
    lo, hi = context_bounds(raw, start, end, width)
    return (" ".join(raw[lo:start].split()), raw[start:end], " ".join(raw[end:hi].split()))


def kwic_table(spans: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series, width: int = 60, extra_columns: list[str] | None = None) -> pd.DataFrame:
    """Keyword-in-context rows for ``spans`` (``doc_id, start, end`` + extras).

    Returns columns ``doc_id, start, end, left, match, right`` plus ``extra_columns``;
    ``match == raw[start:end]``.
    """
    extra_columns = extra_columns or []
    rows = []
    for record in spans.itertuples(index=False):
        left, match, right = in_context(raw_by_doc[record.doc_id], record.start, record.end, width)
        row = {"doc_id": record.doc_id, "start": record.start, "end": record.end, "left": left, "match": match, "right": right}
        row.update({column: getattr(record, column) for column in extra_columns})
        rows.append(row)
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "match", "right"] + extra_columns)


def kwic_html(kwic: pd.DataFrame, caption: str = "") -> str:
    """A keyword-in-context table as escaped HTML, the match centred and bold."""
    body = "".join(
        "<tr>"
        f'<td style="font-size:.85em;color:#555">{escape_text(str(row.doc_id))}</td>'
        f'<td style="text-align:right;color:#444">{escape_text(row.left)}</td>'
        f'<td style="font-weight:bold;background:#fff3c4">{escape_text(row.match)}</td>'
        f'<td style="color:#444">{escape_text(row.right)}</td>'
        "</tr>"
        for row in kwic.itertuples(index=False)
    )
    cap = f"<caption>{escape_text(caption)}</caption>" if caption else ""
    return f'<table class="wb-kwic">{cap}<tbody>{body}</tbody></table>'


#: A table longer than this shows its first rows and a "show all" button (the template's script).
FOLD_AFTER = 12
#: Column names that read better in a report under another header.
PLAIN_HEADERS = {
    "doc_id": "article", "doc_a": "article", "doc_b": "other article", "n": "words", "n_docs": "articles",
    "start": "from", "end": "to", "sha256": "SHA-256", "tfidf_cosine": "TF-IDF cosine", "url": "URL",
}


def plain_header(column: str) -> str:
    """A column name in plain words: ``n_mentions`` -> ``mentions``, ``share_sourced`` -> ``share sourced``."""
    if column in PLAIN_HEADERS:
        return PLAIN_HEADERS[column]
    words = str(column).split("_")
    if words[0] == "n" and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _cell(value, labels: dict[str, str] | None):
    if isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, str):
        return escape_text(labels.get(value, value) if labels else value)
    return value


def frame_html(frame: pd.DataFrame, caption: str = "", max_rows: int | None = None, *, fold_after: int | None = FOLD_AFTER,
               csv: str | None = None, labels: dict[str, str] | None = None, headers: bool = True) -> str:
    """A DataFrame as an HTML table: every cell escaped, personal data masked, plain headers, long tables folded.

    Parameters
    ----------
    frame : DataFrame
        The rows to show.
    caption : str
        A sentence above the table (escaped).
    max_rows : int, optional
        Rows written at all; the rest are named as left out (in the CSV).
    fold_after : int, optional
        Rows visible before the reader asks for more ("show all N rows"); ``None`` shows every row.
    csv : str, optional
        The exported table holding these rows (e.g. ``"attributions.csv"``), linked under the table.
    labels : dict, optional
        ``doc_id -> label``: article ids in the cells are shown as their labels.
    headers : bool
        Column names in plain words (:func:`plain_header`); ``False`` keeps them as they are.
    """
    shown = frame if max_rows is None else frame.head(max_rows)
    escaped = shown.map(lambda value: _cell(value, labels))
    name = plain_header if headers else str
    # Column labels can come from data too (pivoted outlet or actor names).
    escaped.columns = escaped.columns.map(
        lambda column: tuple(escape_text(str(part)) for part in column) if isinstance(column, tuple) else escape_text(name(str(column)))
    )
    table = escaped.to_html(index=False, escape=False, na_rep="", classes="wb-sortable")
    fold = f' data-fold="{fold_after}"' if fold_after is not None and len(shown) > fold_after else ""
    cap = f'<p style="font-style:italic;margin:.2em 0">{escape_text(caption)}</p>' if caption else ""
    notes = []
    if len(shown) < len(frame):
        rows = len(frame) - len(shown)
        notes.append(f"… {rows:,} more row{'s' if rows != 1 else ''} in the CSV export")
    if csv:
        notes.append(f'all rows: <a href="tables/{escape_text(csv)}">tables/{escape_text(csv)}</a>')
    more = f'<p class="wb-table-note">{"; ".join(notes)}.</p>' if notes else ""
    return f'{cap}<div class="wb-table"{fold}>{table}</div>{more}'


def show(html_text: str) -> None:
    """Display an HTML string in the notebook (and so in the exported report)."""
    from IPython.display import HTML, display

    display(HTML(html_text))
