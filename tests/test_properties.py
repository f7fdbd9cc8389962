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

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.provenance import actors
from analysis.corpus import loading, segments, sentences
from analysis.report import display
from analysis.errors import CorpusError
from tests import texts as texts_module

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: For helpers that run a whole pipeline per example.
FEWER = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

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
    table = loading.segment_corpus(docs)
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
        text = loading.decode_article(data, "some/article.txt")
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
    body = loading.body_segments(docs).set_index(["doc_id", "seq"])
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
    tagged = actors.tag_mentions(loading.segment_corpus(docs), {"d": text})
    assert all(text[s:e] == alias for s, e, alias in tagged[["start", "end", "alias"]].itertuples(index=False))
    assert len(actors.actors_per_span(loading.segment_corpus(docs), {"d": text})) == len(loading.segment_corpus(docs))


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
    assert parsed.tags <= {"p", "div", "table", "thead", "tbody", "tr", "th", "td"}


@FAST
@given(st.lists(texts, min_size=1, max_size=3, unique=True))
@example(["<script>window.__pwned=1</script>"])
def test_frame_html_never_lets_column_labels_become_markup(labels):
    frame = pd.DataFrame([list(range(len(labels)))], columns=labels)
    parsed = _parse(display.frame_html(frame))
    assert parsed.tags <= {"p", "div", "table", "thead", "tbody", "tr", "th", "td"}


@FAST
@given(plain_text, st.integers(0, 300), st.integers(0, 300))
def test_kwic_match_is_the_raw_span(raw, a, b):
    start, end = sorted((min(a, len(raw)), min(b, len(raw))))
    table = display.kwic_table(pd.DataFrame({"doc_id": ["d"], "start": [start], "end": [end]}), {"d": raw}, width=20)
    assert table.loc[0, "match"] == raw[start:end]
    parsed = _parse(display.kwic_html(table))
    assert parsed.tags <= {"table", "caption", "tbody", "tr", "td"}


@pytest.mark.parametrize("labels", [[], ["x"], [str(i) for i in range(25)]])
def test_colour_map_gives_every_label_a_colour(labels):
    colours = display.colour_map(labels)
    assert set(colours) == set(labels) and all(c.startswith("#") for c in colours.values())


# --------------------------------------------------------------------------- the analyses
# The other modules' public helpers, on the same arbitrary text: spans are raw offsets and
# every number is finite or NaN (never inf, never a crash on empty or odd input).

prose = st.one_of(
    page_text,
    st.lists(st.sampled_from(PAGE_LINES[12:] + [
        'Analysts suggest "the deal is dead," officials said on 3 March 2024.',
        "It may well be that 40 percent of Israel's oil, about two-fifths, clearly comes from Baku.",
        "Was it a Trojan horse? Critics called it reckless driving by the regime.",
        "“Never,” he said.", "!!!", "1,000,000", "e.g.", "—",
    ]), max_size=12).map(" ".join),
)


def _docs(raws: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(raws))], "raw": raws})


def _numbers_finite_or_nan(frame: pd.DataFrame) -> None:
    numeric = frame.select_dtypes("number")
    values = numeric.to_numpy(dtype="float64")
    assert not np.isinf(values).any(), numeric.columns[np.isinf(values).any(axis=0)].tolist()


def _raw_spans_hold(frame: pd.DataFrame, raw_by_doc: dict[str, str], text_column: str = "text") -> None:
    for doc_id, start, end, text in frame[["doc_id", "start", "end", text_column]].itertuples(index=False):
        assert raw_by_doc[doc_id][start:end] == text, (doc_id, start, end, text)


@FEWER
@given(prose)
@example("")
@example(texts_module.PUNCTUATION_ONLY)
@example(LONG_LINE)
def test_readability_of_any_text_is_finite_or_nan(text):
    from analysis.readability_tone import readability

    scores = readability.readability_of_text(text)
    assert not np.isinf(scores.to_numpy(dtype="float64")).any()
    assert readability.count_words(text) >= 0
    diversity = readability.mtld(text)
    assert math.isnan(diversity) or diversity >= 0
    if not text.strip():
        assert math.isnan(scores["flesch_reading_ease"])


@FEWER
@given(st.lists(prose, min_size=1, max_size=3))
def test_readability_and_tone_tables_are_finite_or_nan(raws):
    from analysis.readability_tone import readability, tone

    docs = _docs(raws)
    body = sentences.body_sentences(docs)
    _numbers_finite_or_nan(readability.readability(body))
    scored = tone.sentence_tone(body)
    assert scored["compound"].between(-1, 1).all()
    _numbers_finite_or_nan(scored.drop(columns=["actors"]))
    _numbers_finite_or_nan(tone.tone_summary(scored))
    mentions = tone.actor_mentions(body, dict(zip(docs["doc_id"], docs["raw"])))
    assert mentions["stance"].between(-1, 1).all()
    _numbers_finite_or_nan(tone.actor_tone(mentions))


@FAST
@given(prose)
@example("It may or may not be, arguably; no doubt about 30 of them, clearly.")
def test_hedges_and_boosters_are_spans_of_the_text(text):
    from analysis.readability_tone import tone

    matches = tone.find_hedges_boosters(text)
    assert all(text[s:e] == t for s, e, t in matches[["start", "end", "text"]].itertuples(index=False))
    assert set(matches["kind"]) <= {"hedge", "booster"}


@FAST
@given(prose)
@example('"Never," he said. “Yes” — so-called “experts” claim; analysts suggest it.')
def test_attributions_quotes_and_paragraphs_are_spans_of_the_text(text):
    from analysis.provenance import attribution

    ledger = attribution.attributions_in_text(text)
    assert all(text[s:e] == t for s, e, t in ledger[["start", "end", "text"]].itertuples(index=False))
    for offsets in ("source", "cue"):
        for s, e in ledger[[f"{offsets}_start", f"{offsets}_end"]].itertuples(index=False):
            if not pd.isna(s):
                assert 0 <= s <= e <= len(text)
    assert all(0 <= s < e <= len(text) and text[s] in "\"“'‘«„" for s, e in attribution.find_quotes(text))
    assert all(0 <= s <= e <= len(text) for s, e in attribution.paragraph_spans(text))


@FEWER
@given(st.lists(prose, min_size=1, max_size=2))
def test_ledger_and_profile_of_any_corpus(raws):
    from analysis.provenance import attribution

    docs = _docs(raws)
    ledger = attribution.find_attributions(docs)
    _raw_spans_hold(ledger, dict(zip(docs["doc_id"], docs["raw"])))
    _numbers_finite_or_nan(attribution.sourcing_profile(ledger, sentences.body_sentences(docs)))


@FAST
@given(prose)
@example("On 2nd October 2025, in early January 2026, 1999-12-31, 31/02/2020 and March 2024.")
def test_dates_are_spans_of_the_text(text):
    from analysis.provenance import publication

    for mention in publication.find_dates(text):
        assert text[mention.start:mention.end] == mention.text
        assert mention.precision in {"year", "month", "day", "day_month"}  # day_month: "On November 1", no year


@FEWER
@given(st.lists(prose, min_size=1, max_size=2))
def test_provenance_evidence_is_raw_spans_and_every_field_has_a_basis(raws):
    from analysis.provenance import publication

    docs = _docs(raws)
    docs["sha256"] = [loading.sha256_bytes(raw.encode("utf-8")) for raw in raws]
    evidence = publication.provenance_evidence(docs)
    with_span = evidence.dropna(subset=["start", "end"])
    with_span = with_span[with_span["end"].astype(float) > with_span["start"].astype(float)]
    _raw_spans_hold(with_span.astype({"start": int, "end": int}), dict(zip(docs["doc_id"], docs["raw"])), "evidence")
    documents = publication.document_provenance(docs, evidence)
    for column in [c for c in documents.columns if c.endswith("_basis")]:
        assert set(documents[column]) <= {"stated", "inferred", "curated", "unknown"}, column


@FAST
@given(prose)
@example("about 40 percent, two-fifths, 40%, 1.5 million, $3bn, 2024, one in five")
def test_quantities_are_spans_of_the_text(text):
    from analysis.overlap import claims

    for quantity in claims.parse_quantities(text):
        assert text[quantity.start:quantity.end] == quantity.text
        assert math.isnan(quantity.low) or math.isfinite(quantity.low)
        assert math.isnan(quantity.low) or quantity.low <= quantity.high


@FAST
@given(prose, prose)
def test_tokens_and_alignments_are_spans_of_their_texts(a, b):
    from analysis.overlap import similarity

    assert all(0 <= s < e <= len(a) for s, e, _ in similarity.tokenize(a))
    combined = a + " " + b
    aligned = similarity.align_texts(a, combined)
    for row in aligned.itertuples(index=False):
        assert a[row.a_start:row.a_end] == row.text_a and combined[row.b_start:row.b_end] == row.text_b


@FEWER
@given(st.lists(prose, min_size=2, max_size=3))
def test_overlap_measures_of_any_corpus_are_finite_or_nan(raws):
    from analysis.overlap import similarity, stylometry

    docs = _docs(raws)
    tokens = similarity.body_tokens(docs)
    _raw_spans_hold(tokens, dict(zip(docs["doc_id"], docs["raw"])))
    if tokens.empty:
        return
    _numbers_finite_or_nan(similarity.tfidf_cosine(tokens))
    _numbers_finite_or_nan(similarity.keyness(tokens))
    _numbers_finite_or_nan(stylometry.burrows_delta(tokens))


@FAST
@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_log_likelihood_is_finite_or_nan(count_a, size_a, count_b, size_b):
    from analysis.overlap import similarity

    value = similarity.log_likelihood(min(count_a, size_a), size_a, min(count_b, size_b), size_b)
    assert math.isfinite(value) or math.isnan(value)


@FAST
@given(prose, prose)
def test_shingles_and_jaccard(a, b):
    from analysis.overlap import near_duplicates

    left, right = near_duplicates.word_shingles(a), near_duplicates.word_shingles(b)
    assert (np.diff(left.astype("float64")) > 0).all() or left.size <= 1
    similarity = near_duplicates.jaccard(left, right)
    assert math.isnan(similarity) or 0.0 <= similarity <= 1.0
    assert math.isnan(similarity) == (left.size == 0 and right.size == 0)


@FAST
@given(prose)
@example("Experts agree it is an unprecedented disaster. Was it a Trojan horse? The regime's reckless driving.")
def test_rhetoric_spans_are_spans_of_the_text(text):
    from analysis.rhetoric import detector

    spans = detector.detect_text(text)
    assert list(spans.columns) == detector.SPAN_COLUMNS
    assert all(text[s:e] == t for s, e, t in spans[["start", "end", "text"]].itertuples(index=False))


@FEWER
@given(st.lists(prose, min_size=1, max_size=2))
@example([texts_module.HOSTILE_ARTICLE])
def test_rhetoric_of_any_corpus_is_raw_spans_and_renders_inert(raws):
    from analysis.rhetoric import detector

    docs = _docs(raws)
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    spans = detector.detect_devices(docs)
    _raw_spans_hold(spans, raw_by_doc)
    frames = detector.track_frames(docs)
    _raw_spans_hold(frames, raw_by_doc)
    credited = frames.dropna(subset=["credit_start"])
    _raw_spans_hold(credited.rename(columns={"start": "s", "end": "e", "credit_start": "start", "credit_end": "end"}).astype({"start": int, "end": int}), raw_by_doc, "credit_text")
    summary = detector.article_summary(spans, sentences.body_sentences(docs))
    _numbers_finite_or_nan(summary)
    densest = summary.dropna(subset=["densest_start"])
    _raw_spans_hold(densest.rename(columns={"densest_start": "start", "densest_end": "end"}).astype({"start": int, "end": int}), raw_by_doc, "densest_text")
    segs = loading.segment_corpus(docs)
    for doc_id, raw in raw_by_doc.items():
        rendered = _parse(detector.render_article(raw, segs[segs["doc_id"].eq(doc_id)], spans[spans["doc_id"].eq(doc_id)]))
        assert not parsed_tags_from_text(rendered)


def parsed_tags_from_text(parsed: _Collect) -> set[str]:
    """Tags that can only have come from article text: the renderer never writes these."""
    return parsed.tags & {"script", "img", "a", "iframe", "object", "embed", "svg", "style", "link", "meta"}


def test_every_report_counts_the_same_body_words(tmp_path):
    # One word count per article (readability's), so a density means the same in every report.
    from analysis import config
    from analysis.corpus.layer import open_corpus
    from analysis.readability_tone import readability, tone
    from analysis.rhetoric import detector

    corpus = open_corpus(config.SEEDS_DIR)
    counted = readability.sentence_counts(corpus.sentences)
    per_article = readability.readability(counted).set_index("doc_id")["words"]
    summary = detector.article_summary(detector.detect_devices(corpus.docs, sentences=corpus.sentences), corpus.sentences)
    tone_words = tone.tone_summary(tone.sentence_tone(counted)).set_index("doc_id")["words"]
    assert summary.set_index("doc_id")["n_words"].to_dict() == per_article.to_dict() == tone_words.to_dict()
    assert readability.body_word_counts(corpus.sentences).to_dict() == per_article.to_dict()
