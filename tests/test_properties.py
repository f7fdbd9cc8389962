"""Property-based tests (hypothesis) of the public helpers: arbitrary Unicode, empty and very
long inputs never crash them; every span they report is a valid pair of raw offsets
(``raw[start:end] == text``); segments tile the raw text; numbers are finite or NaN.

Settings stay modest (``max_examples`` 60, no deadline) so the suite stays fast; the
long-input cases are fixed examples, not random ones.
"""

from __future__ import annotations

import html
import math
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis import actors, corpus, display, segments, sentences
from analysis.errors import CorpusError

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Lines that look like page furniture and prose, so the segmenter's rules are exercised.
PAGE_LINES = [
    "ADVERTISEMENT", "Share this article", "Friday, January 9, 2026", "2024-02-30", "By Jane Okafor | Coastal Times",
    "Subscribe to our newsletter", "Analysis | Europe", "* . *", "-----", "1 2 3 4 5 next", "M T W T F S S",
    "March 2024", "  • Phase one: a new pier.", "3) The third point", "Priority AreaAzerbaijan's Focus",
    "Jane Okafor is a reporter covering transport.", "Jane Okafor", "Read more: Ferry fares to rise in May",
    "The United States and Azerbaijan met in Baku on Monday, officials said.", "U.S. officials in Washington declined to comment.",
    "Azərbaycan Respublikası Cənubi Qafqazda yerləşən dövlətdir.", "Он сказал: «Нет».", "。！？", "",
]
LINE_BREAKS = ["\n", "\r\n", "\n\n", "\r", "\u2028", "\x85", "\x0c", "\n \t\n"]

any_text = st.text(max_size=400)
page_text = st.lists(
    st.tuples(st.one_of(st.sampled_from(PAGE_LINES), st.text(max_size=80)), st.sampled_from(LINE_BREAKS)),
    max_size=25,
).map(lambda parts: "".join(line + br for line, br in parts))
texts = st.one_of(any_text, page_text)
LONG_PAGE = ("By Jane Okafor | Coastal Times\n\n" + "The ferry link between Baku and Aktau reopened on Monday, officials said. " * 40 + "\n\n") * 60
LONG_LINE = "word " * 40_000


def _tiles(raw: str, spans: list[tuple[int, int]]) -> bool:
    if not raw:
        return spans == []
    return spans[0][0] == 0 and spans[-1][1] == len(raw) and all(a[1] == b[0] for a, b in zip(spans, spans[1:])) and all(s < e for s, e in spans)


# --------------------------------------------------------------------------- segments


@FAST
@given(texts)
@example("")
@example(LONG_PAGE)
@example(LONG_LINE)
@example("\r\n\r\n")
def test_segments_tile_any_text(raw):
    table = segments.segment_text(raw)
    spans = list(table[["start", "end"]].itertuples(index=False, name=None))
    assert _tiles(raw, spans)
    assert list(table["seq"]) == list(range(len(table)))
    assert set(table["kind"]) <= {"body", "furniture"}
    assert table["label"].map(lambda v: isinstance(v, str) and v != "").all()
    assert table["reason"].map(lambda v: isinstance(v, str) and v != "").all()
    assert _tiles(raw, segments.line_spans(raw))


@FAST
@given(st.lists(texts, min_size=1, max_size=3))
def test_segment_corpus_text_is_the_raw_span(raws):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(raws))], "raw": raws})
    table = corpus.segment_corpus(docs)
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    assert all(raw_by_doc[d][s:e] == t for d, s, e, t in table[["doc_id", "start", "end", "text"]].itertuples(index=False))
    for doc_id, raw in raw_by_doc.items():
        rows = table[table["doc_id"].eq(doc_id)]
        assert "".join(rows["text"]) == raw


# --------------------------------------------------------------------------- corpus


@FAST
@given(st.one_of(st.binary(max_size=300), any_text.map(lambda t: t.encode("utf-8")), any_text.map(lambda t: t.encode("utf-16"))))
@example(b"")
@example("Caf\u00e9".encode("latin-1"))
@example(b"\xef\xbb\xbfHello")
def test_decode_article_returns_the_exact_text_or_a_named_error(data):
    try:
        text = corpus.decode_article(data, "some/article.txt")
    except CorpusError as error:
        assert str(error).startswith("some/article.txt: ")
    else:
        assert text.encode("utf-8") == data and text.strip()


# --------------------------------------------------------------------------- sentences


@FAST
@given(texts)
@example(LONG_LINE)
@example("U.S. officials met Dr. Aliyev. Then they left!")
def test_split_text_spans_are_trimmed_ordered_and_inside(text):
    spans = sentences.split_text(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)
    if not text.strip():
        assert spans == []


@FAST
@given(st.lists(texts, min_size=1, max_size=3))
@example([LONG_PAGE])
def test_body_sentences_are_raw_spans_inside_one_body_segment(raws):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(raws))], "raw": raws})
    found = sentences.body_sentences(docs)
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    assert list(found.columns) == sentences.SENTENCE_COLUMNS
    assert all(raw_by_doc[d][s:e] == t for d, s, e, t in found[["doc_id", "start", "end", "text"]].itertuples(index=False))
    body = corpus.body_segments(docs).set_index(["doc_id", "seq"])
    for d, seq, s, e in found[["doc_id", "seq", "start", "end"]].itertuples(index=False):
        segment = body.loc[(d, seq)]
        assert segment["start"] <= s < e <= segment["end"]  # never crosses a segment, never furniture


# --------------------------------------------------------------------------- actors


@FAST
@given(texts)
@example("Washington and the United States; U.S. and US-led; Baku, Garabagh and Nagorno-Karabakh.")
def test_mentions_are_raw_spans_of_known_aliases(text):
    mentions = actors.find_mentions(text)
    assert all(text[s:e] == alias and actors.resolve_alias(alias) == actor for s, e, alias, actor in mentions)
    assert all(a[1] <= b[0] for a, b in zip(mentions, mentions[1:]))
    docs = pd.DataFrame({"doc_id": ["d"], "raw": [text]})
    tagged = actors.tag_mentions(corpus.segment_corpus(docs), {"d": text})
    assert all(text[s:e] == alias for s, e, alias in tagged[["start", "end", "alias"]].itertuples(index=False))
    assert len(actors.actors_per_span(corpus.segment_corpus(docs), {"d": text})) == len(corpus.segment_corpus(docs))


# --------------------------------------------------------------------------- display


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data, self.tags = [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.data.append(data)


def _parse(markup: str) -> _Collect:
    parser = _Collect()
    parser.feed(markup)
    parser.close()
    return parser


@FAST
@given(texts)
@example('<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>')
def test_escape_text_is_inert_and_reversible(text):
    escaped = display.escape_text(text, mask=False)
    assert not set(escaped) & set("<>\"'") and html.unescape(escaped) == text
    masked = display.escape_text(text)
    assert "<" not in masked and ">" not in masked


@FAST
@given(texts)
@example("Reach me at 12345678@example.com or +44 20 7946 0958")
def test_personal_data_spans_are_valid_and_masking_never_crashes(text):
    found = display.find_personal_data(text)
    assert all(0 <= s < e <= len(text) and kind in {"email", "phone"} for s, e, kind in found)
    assert isinstance(display.mask_personal_data(text), str)


def test_overlapping_email_and_phone_are_masked_cleanly():
    assert display.mask_personal_data("call 0123456789@x.io now") == "call [e-mail address masked] now"


# Text without digits or '@' has no personal data to mask, so rendering must keep every character.
plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Nd"), blacklist_characters="@"), max_size=300)


@FAST
@given(plain_text, st.lists(st.tuples(st.integers(0, 300), st.integers(0, 300), st.sampled_from(["a", "b", "<c>"])), max_size=6))
def test_highlighting_keeps_the_text_and_adds_only_its_own_tags(raw, picks):
    spans = pd.DataFrame(
        [(min(s, e, len(raw)), min(max(s, e), len(raw)), label) for s, e, label in picks],
        columns=["start", "end", "label"],
    )
    spans = spans[spans["start"] < spans["end"]]
    parsed = _parse(display.highlight_spans(raw, spans))
    assert "".join(parsed.data) == raw
    assert parsed.tags <= {"div", "mark"}


@FAST
@given(st.lists(st.tuples(texts, st.one_of(st.integers(), st.floats(allow_nan=True))), max_size=5))
def test_frame_html_never_lets_cell_text_become_markup(rows):
    frame = pd.DataFrame(rows, columns=["text", "value"])
    parsed = _parse(display.frame_html(frame, caption="<b>caption</b>"))
    assert parsed.tags <= {"p", "table", "thead", "tbody", "tr", "th", "td"}


@FAST
@given(plain_text, st.integers(0, 300), st.integers(0, 300))
def test_kwic_match_is_the_raw_span(raw, a, b):
    start, end = sorted((min(a, len(raw)), min(b, len(raw))))
    table = display.kwic_table(pd.DataFrame({"doc_id": ["d"], "start": [start], "end": [end]}), {"d": raw}, width=20)
    assert table.loc[0, "match"] == raw[start:end]
    parsed = _parse(display.kwic_html(table))
    assert parsed.tags <= {"table", "caption", "tbody", "tr", "td"}


def _finite_or_nan(value) -> bool:
    return isinstance(value, (int, float)) and (math.isfinite(value) or math.isnan(value))


@pytest.mark.parametrize("labels", [[], ["x"], [str(i) for i in range(25)]])
def test_colour_map_gives_every_label_a_colour(labels):
    colours = display.colour_map(labels)
    assert set(colours) == set(labels) and all(c.startswith("#") for c in colours.values())
