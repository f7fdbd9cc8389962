"""analysis.rhetoric.reading: the reading view — one family at a time, a few colours, labels without hovering."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from analysis.corpus import loading
from analysis.report.display import mask_personal_data
from analysis.rhetoric import detector, reading


def _article(raw: str, doc_id: str = "t"):
    docs = pd.DataFrame({"doc_id": [doc_id], "raw": [raw]})
    return loading.segment_corpus(docs), detector.detect_text(raw, doc_id=doc_id)


def _span(device: str, raw: str, words: str, rule: str = "constructed") -> dict:
    start = raw.index(words)
    return {"doc_id": "t", "device": device, "start": start, "end": start + len(words), "text": words, "rule": rule,
            "sentence_id": 0, "ptc_technique": ""}


def _views(page: str) -> tuple[str, str]:
    first = page.index('<div class="wb-view wb-view-1"')
    second = page.index('<div class="wb-view wb-view-2"')
    return page[first:second], page[second:]


def _visible_text(view: str) -> str:
    """What a reader sees of the article in one view: labels, legend and grey notes removed, entities decoded."""
    view = re.sub(r'<p class="wb-legend".*?</p>', "", view, flags=re.S)
    view = re.sub(r'<span class="wb-tag"[^>]*>.*?</span>', "", view, flags=re.S)
    view = re.sub(r'<div style="color:#777[^>]*>.*?</div>', "", view, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", view))


def test_article_text_is_escaped_and_every_highlight_is_labelled():
    raw = ('The regime\'s brutal crackdown <script>alert("x")</script> may fail. '
           '<img src=x onerror=alert(1)> Critics dismissed the leaders as thugs.\n')
    segments, spans = _article(raw)
    page = reading.reading_view_html(raw, segments, spans, "article-1")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    argument, template = _views(page)
    for view in (argument, template):
        assert view.count("<mark title=") == view.count('class="wb-tag"') > 0
    assert ">loaded language</span>" in argument and ">name-calling</span>" in argument
    assert ">hedging</span>" in template


def test_markup_in_a_rule_or_a_frame_credit_is_escaped_too():
    raw = "Washington keeps encouraging reckless driving in the region.\n"
    segments, _ = _article(raw)
    spans = pd.DataFrame([_span("loaded_language", raw, "reckless", rule='<b onmouseover="x">')])
    frames = pd.DataFrame({"start": [raw.index("reckless")], "end": [raw.index("reckless") + 16], "label": ["Reckless driving"],
                           "attribution": ["stated"], "credited_frame_of": ["<i>Posen</i>"]})
    spans = pd.concat([spans, pd.DataFrame([_span("figurative_frame", raw, "reckless driving", "frames.csv: reckless_driving")])])
    page = reading.reading_view_html(raw, segments, spans, "article-1", frames=frames)
    assert "<b onmouseover" not in page and "<i>Posen" not in page
    assert "credited to &lt;i&gt;Posen&lt;/i&gt;" in page


def test_a_frame_and_the_loaded_words_inside_it_are_one_highlight_in_one_colour():
    raw = "Yet the United States continues to encourage reckless driving in the region.\n"
    spans = pd.DataFrame([
        _span("loaded_language", raw, "reckless", "rhetoric_lexicon.csv: 'reckless'"),
        _span("loaded_language", raw, "driving", "rhetoric_tagger.json (loaded_language, p=0.33)"),
        _span("figurative_frame", raw, "reckless driving", "frames.csv: reckless_driving"),
    ])
    marks = reading.reading_marks(raw, spans, "argument_emotive")
    assert len(marks) == 1
    mark = marks.iloc[0]
    assert raw[mark["start"]:mark["end"]] == "reckless driving"
    assert mark["group"] == "figurative"  # the frame is the longest span: its colour
    assert mark["tag"] == "frame “Reckless driving” · loaded language"  # each device named once
    page = reading.article_text_html(raw, loading.segment_corpus(pd.DataFrame({"doc_id": ["t"], "raw": [raw]})), marks)
    assert page.count("<mark") == 1 and ">reckless driving</mark>" in page


def test_spans_of_one_device_join_across_a_space_but_not_across_a_comma():
    raw = "A brutal vicious crackdown, a cruel, callous plan.\n"
    spans = pd.DataFrame([_span("loaded_language", raw, w) for w in ("brutal", "vicious", "cruel", "callous")])
    marks = reading.reading_marks(raw, spans, "argument_emotive")
    assert [raw[s:e] for s, e in zip(marks["start"], marks["end"])] == ["brutal vicious", "cruel", "callous"]
    assert marks["tag"].tolist() == ["loaded language"] * 3


def test_one_family_at_a_time_the_first_shown_first():
    raw = "The regime's catastrophic plan may perhaps fail, analysts suggest. It clearly must.\n"
    segments, spans = _article(raw)
    page = reading.reading_view_html(raw, segments, spans, "article-7")
    argument, template = _views(page)
    assert re.search(r'id="article-7-1" class="wb-pick-1" checked', page)
    assert not re.search(r'id="article-7-2" class="wb-pick-2" checked', page)
    assert "catastrophic</mark>" in argument and "catastrophic</mark>" not in template
    assert "may perhaps</mark>" in template and "may perhaps</mark>" not in argument  # two hedges a space apart: one
    families = reading.device_groups().set_index("device")["report_family"]
    n_argument = int(spans["device"].map(families).eq("argument_emotive").sum())
    assert f"Argument and emotive devices ({n_argument:,} span" in page


def test_the_legend_names_each_colour_in_plain_words_with_its_devices():
    raw = "The regime's catastrophic plan, a Trojan horse, may fail. Who could believe it?\n"
    segments, spans = _article(raw)
    argument, _ = _views(reading.reading_view_html(raw, segments, spans, "article-1"))
    legend = re.search(r'<p class="wb-legend".*?</p>', argument, flags=re.S).group()
    assert "<b>emotive words</b>: loaded language" in legend
    assert "<b>figurative frames</b> 1" in legend  # one device in the group: no list
    assert "<b>argument moves</b>: rhetorical question 1" in legend
    other = "Analysts suggest it may fail.\n"
    _, template = _views(reading.reading_view_html(other, *_article(other), "article-2"))
    assert "<b>sources and quotation marks</b>: vague attribution 1" in template  # the group's one device here is named
    # A few colours: one per group present, never one per device.
    assert len(set(re.findall(r"background:(#[0-9a-f]{6})", argument))) <= len(reading.GROUPS)


def test_only_a_few_colours_exist_and_every_family_of_the_taxonomy_has_one():
    groups = reading.device_groups()
    assert groups["colour"].nunique() == len(reading.GROUPS) <= 6
    assert set(groups["group"]) <= {group.key for group in reading.GROUPS}
    per_view = groups.groupby("report_family")["colour"].nunique()
    assert per_view.max() <= 4  # one family at a time shows at most four colours


def test_a_device_of_an_unknown_family_is_a_clear_error(monkeypatch):
    devices = detector.load_devices().copy()
    devices.loc[devices["device"].eq("slogan"), "family"] = "chant"
    monkeypatch.setattr(detector, "load_devices", lambda: devices)
    with pytest.raises(ValueError, match="rhetoric_devices.csv: device 'slogan' has family 'chant'"):
        reading.device_groups()


@pytest.mark.parametrize("view_id", ["", "1article", 'a" onclick="x', "a b", "a<b"])
def test_the_view_id_must_be_safe(view_id):
    raw = "A plain sentence here.\n"
    segments, spans = _article(raw)
    with pytest.raises(ValueError, match="view id"):
        reading.reading_view_html(raw, segments, spans, view_id)


def test_unknown_report_family_is_refused():
    with pytest.raises(ValueError, match="unknown report family 'emotive'"):
        reading.reading_marks("x", detector.detect_text("x"), "emotive")


def test_every_seed_reads_whole_in_both_views_and_every_span_is_inside_a_highlight(seed_docs, seed_segments):
    from analysis.corpus.sentences import body_sentences
    from analysis.provenance import attribution

    sentences = body_sentences(seed_docs)
    ledger = attribution.find_attributions(seed_docs, segments=seed_segments)
    spans = detector.detect_devices(seed_docs, sentences=sentences, ledger=ledger)
    frames = detector.track_frames(seed_docs, sentences=sentences, ledger=ledger)
    families = reading.device_groups().set_index("device")["report_family"]
    for doc in seed_docs.itertuples():
        segs = seed_segments[seed_segments["doc_id"].eq(doc.doc_id)]
        own = spans[spans["doc_id"].eq(doc.doc_id)]
        page = reading.reading_view_html(doc.raw, segs, own, "article-1", frames=frames[frames["doc_id"].eq(doc.doc_id)])
        body = "".join(mask_personal_data(doc.raw[s.start:s.end].strip()) for s in segs.itertuples() if s.kind == "body")
        for view in _views(page):
            assert re.sub(r"\s+", "", _visible_text(view)) == re.sub(r"\s+", "", body)
        for family in detector.REPORT_FAMILIES:
            marks = reading.reading_marks(doc.raw, own, family)
            assert (marks["start"].iloc[1:].to_numpy() >= marks["end"].iloc[:-1].to_numpy()).all()  # disjoint, in order
            for span in own[own["device"].map(families).eq(family)].itertuples():
                assert ((marks["start"] <= span.start) & (marks["end"] >= span.end)).any()


def test_a_very_long_article_is_cut_with_a_note():
    raw = "".join(f"Item {i} of the list, a disaster for the plan.\n" for i in range(3_000))
    segments, spans = _article(raw, "long")
    page = reading.reading_view_html(raw, segments, spans.assign(doc_id="long"), "article-1", max_chars=5_000)
    assert "Item 0 of the list" in page and "Item 2999 of the list" not in page
    assert re.search(r"the rest of the article is not shown: [\d,]+ more characters of body in [\d,]+ segments", page)


def test_lines_are_about_seventy_characters():
    raw = "A plain sentence.\n"
    segments, spans = _article(raw)
    assert f"max-width:{reading.LINE_CHARACTERS}ch" in reading.reading_view_html(raw, segments, spans, "article-1")
    assert reading.LINE_CHARACTERS == 70


def test_a_passage_shows_its_own_words_with_its_devices():
    raw = "Intro sentence. The regime's catastrophic plan failed. Another sentence may follow.\n"
    spans = detector.detect_text(raw)
    start = raw.index("The regime")
    end = raw.index("failed.") + len("failed.")
    page = reading.passage_html(raw, start, end, spans)
    assert _visible_text(page).strip() == raw[start:end]
    assert "catastrophic</mark>" in page


@pytest.mark.browser
def test_the_buttons_switch_families_and_lines_stay_short_in_chromium(browser, seed_docs, seed_segments, tmp_path):
    """The report template's CSS alone switches the views (no script), and text runs at about 70 characters a line."""
    from analysis import config

    doc = seed_docs[seed_docs["doc_id"].str.startswith("003")].iloc[0]
    segs = seed_segments[seed_segments["doc_id"].eq(doc["doc_id"])]
    spans = detector.detect_devices(seed_docs[seed_docs["doc_id"].eq(doc["doc_id"])])
    view = reading.reading_view_html(doc["raw"], segs, spans, "article-1")
    template = (config.PACKAGE_DIR / "report" / "templates" / "workbook" / "index.html.j2").read_text(encoding="utf-8")
    css = template[template.index("<style"):template.index("</style>") + len("</style>")]
    page_file = tmp_path / "reading.html"
    page_file.write_text(f"<!doctype html><html><head><meta charset='utf-8'>{css}</head><body>{view}</body></html>", encoding="utf-8")
    page = browser.new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(page_file.as_uri())
    shown = "() => [...document.querySelectorAll('.wb-view')].map(v => v.offsetHeight > 0)"
    assert page.evaluate(shown) == [True, False]
    page.click("label[for=article-1-2]")
    assert page.evaluate(shown) == [False, True]
    per_line = page.evaluate("""() => {
        const rows = [];
        for (const p of document.querySelectorAll('.wb-view-2 .wb-text > div')) {
            const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
            if (lines >= 3 && !p.querySelector('mark')) rows.push(p.textContent.length / lines);
        }
        return rows;
    }""")
    page.close()
    assert per_line and 55 <= sum(per_line) / len(per_line) <= 80
