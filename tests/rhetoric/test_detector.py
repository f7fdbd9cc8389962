"""analysis.rhetoric.detector: device spans with raw offsets and the rule that fired; frames with attribution."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.corpus import loading
from analysis.rhetoric import detector
from analysis.readability_tone import tone
from tests import texts

SEED_003 = "003_f04a42b35340f9e1"
SEED_004 = "004_08525f4401574900"
SEED_000 = "000_f9577ae45c5847e6"

#: One positive and one near miss per device, written for these tests: the rule
#: must fire on the first and stay silent on the second.
DEVICE_CASES = [
    ("figurative_frame", "Washington keeps encouraging the reckless driving of its allies.",
     "The police stopped a reckless motorist who was driving home."),
    ("loaded_language", "The army's catastrophic intervention shocked the region.",
     "The army's planned intervention began in the region."),
    ("name_calling", "Critics dismissed the leaders as thugs and traitors.",
     "Critics dismissed the leaders' plan as too costly."),
    ("glittering_generality", "The summit opened a new era of peace for the region.",
     "The summit opened a new round of talks for the region."),
    ("appeal_to_authority", "Experts agree that the pipeline is safe.",
     "Engineers inspected the pipeline last week."),
    ("vague_attribution", "Analysts suggest that the talks will fail.",
     "Ali Karimov said on Monday that the talks will fail."),
    ("scare_quotes", 'Officials opened a "humanitarian corridor" that stayed closed for weeks.',
     'The minister said: "We opened a humanitarian corridor for civilians today."'),
    ("rhetorical_question", "Who could possibly believe such a promise?",
     'She asked the reporters: "Who could believe such a promise?"'),
    ("doubt", "Such claims need to be treated with caution.",
     "Such patients need to be treated with antibiotics."),
    ("exaggeration", "It was the deadliest attack in modern history.",
     "It was the first attack in the modern era."),
    ("minimisation", "The aid was merely a symbolic gesture.",
     "The aid arrived by ship in March."),
    ("flag_waving", "We will always defend our homeland.",
     "We will publish our report on the budget."),
    ("appeal_to_fear", "Tehran is an existential threat to the nation.",
     "Tehran is an important market for the nation."),
    ("slogan", "Crowds chanted Make America Great Again outside.",
     "Crowds gathered outside the great hall again."),
    ("stock_phrase", "This article delves into the complexities of the deal.",
     "This article describes the terms of the deal."),
    ("hedging", "The deal may collapse next year.",
     "The deal collapsed last year."),
    ("boosting", "The deal will clearly collapse.",
     "The deal collapsed in March."),
]


@pytest.fixture(scope="module")
def seed_spans(seed_docs):
    return detector.detect_devices(seed_docs)


@pytest.fixture(scope="module")
def seed_frames(seed_docs):
    return detector.track_frames(seed_docs)


# --------------------------------------------------------------------------- data files

def test_data_files_load_and_cross_reference():
    devices = detector.load_devices()
    assert {"loaded_language", "name_calling", "figurative_frame", "scare_quotes", "rhetorical_question",
            "stock_phrase", "hedging", "boosting", "vague_attribution", "appeal_to_authority"} <= set(devices["device"])
    ptc = {"Loaded_Language", "Name_Calling,Labeling", "Doubt", "Exaggeration,Minimisation", "Flag-Waving",
           "Appeal_to_Authority", "Slogans", "Appeal_to_fear-prejudice"}
    assert set(devices["ptc_technique"]) - {""} <= ptc
    assert devices.loc[devices["device"].eq("loaded_language"), "ptc_technique"].item() == "Loaded_Language"
    assert set(detector.load_patterns()["device"]) <= set(devices["device"])
    assert len(detector.load_frames()) >= 10 and len(detector.load_stock_phrases()) >= 20
    lexicon = detector.load_lexicon()
    assert set(lexicon["device"]) == {"loaded_language", "name_calling"}
    assert (lexicon["source"].str.len() > 0).all()


def test_stock_phrase_columns_stay_stable():
    # The provenance analysis reads this file; its columns are a contract.
    table = pd.read_csv(detector.STOCK_PHRASES_FILE, dtype="string", keep_default_na=False)
    assert list(table.columns) == ["phrase", "pattern", "category", "example", "source"]


@pytest.mark.parametrize("row", detector.load_patterns().to_dict("records"), ids=lambda r: f"{r['device']}:{r['rule']}")
def test_every_pattern_fires_on_its_example_and_not_on_its_near_miss(row):
    pattern = detector._compile(detector.PATTERNS_FILE, 0, row["pattern"], row["case_sensitive"] == "yes")
    assert pattern.search(row["example"]), row["example"]
    assert not pattern.search(row["near_miss"]), row["near_miss"]


@pytest.mark.parametrize("row", detector.load_frames().to_dict("records"), ids=lambda r: r["frame"])
def test_every_frame_fires_on_its_example_and_not_on_its_near_miss(row):
    assert row["frame"] in set(detector.track_frames_in_text(row["example"])["frame"])
    assert detector.track_frames_in_text(row["near_miss"]).empty


@pytest.mark.parametrize("row", detector.load_stock_phrases().to_dict("records"), ids=lambda r: r["phrase"])
def test_every_stock_phrase_fires_on_its_example(row):
    spans = detector.detect_text(row["example"])
    assert any(f"stock_phrases.csv: {row['phrase']}" in rule for rule in spans["rule"])


def test_a_broken_pattern_file_is_refused_with_its_name(tmp_path, monkeypatch):
    bad = tmp_path / "rhetoric_patterns.csv"
    table = detector.load_patterns().copy()
    table.loc[0, "pattern"] = "(unclosed"
    table.to_csv(bad, index=False)
    monkeypatch.setattr(detector, "PATTERNS_FILE", bad)
    detector.load_patterns.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"rhetoric_patterns\.csv: line 2"):
            detector.load_patterns()
    finally:
        monkeypatch.undo()
        detector.load_patterns.cache_clear()


# --------------------------------------------------------------------------- each device on constructed text

@pytest.mark.parametrize("device, positive, near_miss", DEVICE_CASES, ids=[case[0] for case in DEVICE_CASES])
def test_each_device_fires_on_a_positive_and_not_on_a_near_miss(device, positive, near_miss):
    found = detector.detect_text(positive)
    assert device in set(found["device"]), found[["device", "text", "rule"]]
    missed = detector.detect_text(near_miss)
    assert device not in set(missed["device"]), missed[["device", "text", "rule"]]


def test_every_device_of_the_taxonomy_has_a_constructed_case():
    assert {case[0] for case in DEVICE_CASES} == set(detector.load_devices()["device"])


def test_spans_name_the_rule_and_quote_the_text():
    text = "Experts agree: this is an unprecedented, catastrophic blunder by the regime."
    spans = detector.detect_text(text)
    for row in spans.itertuples():
        assert text[row.start:row.end] == row.text
        assert row.rule
    loaded = spans[spans["device"].eq("loaded_language")]
    # The curated entry and the tagger both fire; the merged span keeps both explanations.
    at = text.index("catastrophic")
    covering = loaded[(loaded["start"] <= at) & (loaded["end"] >= at + len("catastrophic"))]
    assert len(covering) == 1
    rule = covering["rule"].item()
    assert "rhetoric_lexicon.csv: 'catastrophic' (curated" in rule
    assert "rhetoric_tagger.json (loaded_language, p=" in rule
    assert spans.loc[spans["device"].eq("exaggeration"), "text"].tolist() == ["unprecedented"]
    assert spans.loc[spans["device"].eq("name_calling"), "text"].tolist() == ["the regime"]


def test_overlapping_spans_of_one_device_merge_and_of_two_devices_coexist():
    # "navigating a delicate balance" fires two stock-phrase rules over the same words.
    spans = detector.detect_text("Baku is navigating a delicate balance between its neighbours.")
    stock = spans[spans["device"].eq("stock_phrase")]
    assert stock["text"].tolist() == ["navigating a delicate balance"]
    assert "navigate a delicate balance" in stock["rule"].item() and "delicate equilibrium" in stock["rule"].item()
    both = detector.detect_text("It was a Trojan horse, experts agree.")
    assert {"figurative_frame", "appeal_to_authority"} <= set(both["device"])


# --------------------------------------------------------------------------- hedges are not loaded language

def test_no_hedge_term_is_in_the_matched_lexicon():
    hedges = set(tone.load_lexicon().query("kind == 'hedge'")["term"])
    index, _ = detector._lexicon_index()
    assert not hedges & set(index)
    assert not any(word in hedges for entry in index for word in entry.split())


def test_a_hedge_in_a_sentence_is_not_loaded_language():
    # The hedge sits right before the loaded phrase: a chain that joins neighbouring words must still leave it out.
    text = "The plan is arguably a total disaster, and it will probably fail."
    spans = detector.detect_text(text)
    hedged = spans[spans["device"].eq("hedging")]
    assert set(hedged["text"]) == {"arguably", "probably"}
    loaded = spans[spans["device"].isin(["loaded_language", "name_calling"])]
    assert any("disaster" in t for t in loaded["text"])
    for h in hedged.itertuples():
        assert not ((loaded["start"] < h.end) & (loaded["end"] > h.start)).any()


def test_seed_hedges_are_never_inside_loaded_language(seed_spans, seed_raw):
    # Seed 000: "it arguably overlooks the layers of domestic and regional calculations".
    raw = seed_raw[SEED_000]
    at = raw.index("arguably")
    hedges = seed_spans[seed_spans["device"].eq("hedging")]
    assert ((hedges["doc_id"] == SEED_000) & (hedges["start"] == at) & (hedges["end"] == at + len("arguably"))).any()
    loaded = seed_spans[seed_spans["device"].isin(["loaded_language", "name_calling"])]
    for h in hedges.itertuples():
        same = loaded[loaded["doc_id"].eq(h.doc_id)]
        assert not ((same["start"] < h.end) & (same["end"] > h.start)).any(), h


# --------------------------------------------------------------------------- the seeds

def test_seed_spans_are_raw_evidence_inside_one_body_segment(seed_spans, seed_raw, seed_segments):
    assert len(seed_spans) > 50
    body = seed_segments[seed_segments["kind"].eq("body")]
    for row in seed_spans.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.text
        segs = body[body["doc_id"].eq(row.doc_id)]
        inside = segs[(segs["start"] <= row.start) & (segs["end"] >= row.end)]
        assert len(inside) == 1, f"span crosses a segment boundary or lies in furniture: {row}"


def test_furniture_is_never_searched(seed_spans, seed_raw, seed_segments):
    # Seed 001's subscription pitch ("Choose to support open, independent, quality journalism")
    # and seed 004's author box are furniture: no span may start there.
    furniture = seed_segments[seed_segments["kind"].eq("furniture")]
    for row in furniture.itertuples():
        in_it = seed_spans[seed_spans["doc_id"].eq(row.doc_id) & (seed_spans["start"] >= row.start) & (seed_spans["start"] < row.end)]
        assert in_it.empty, in_it


def test_reckless_driving_is_found_at_every_occurrence_in_seed_003(seed_frames, seed_spans, seed_raw):
    raw = seed_raw[SEED_003]
    # Offsets checked by hand in the raw file: the coinage, "A classic example of ..." and
    # "Yet the United States continues to encourage ...".
    expected = [(375, 391), (599, 615), (2158, 2174)]
    assert [m.span() for m in re.finditer("reckless driving", raw, re.IGNORECASE)] == expected
    occurrences = seed_frames[seed_frames["doc_id"].eq(SEED_003) & seed_frames["frame"].eq("reckless_driving")]
    assert list(zip(occurrences["start"], occurrences["end"])) == expected
    assert (occurrences["text"] == "reckless driving").all()
    in_spans = seed_spans[seed_spans["doc_id"].eq(SEED_003) & seed_spans["rule"].str.contains("frames.csv: reckless_driving")]
    assert list(zip(in_spans["start"], in_spans["end"])) == expected


def test_reckless_driving_is_credited_to_barry_posen_once_and_then_used_by_the_author(seed_frames, seed_raw):
    occurrences = seed_frames[seed_frames["doc_id"].eq(SEED_003) & seed_frames["frame"].eq("reckless_driving")]
    # The coinage is credited; the two later uses are the author's own use of his term.
    assert occurrences["attributed_to"].tolist() == ["Barry Posen", "", ""]
    assert occurrences["attribution"].tolist() == ["stated", "author_use_of_credited", "author_use_of_credited"]
    assert occurrences["voice"].tolist() == ["credited", "author", "author"]
    assert occurrences["credited_frame_of"].tolist() == ["Barry Posen"] * 3
    first = occurrences.iloc[0]
    assert seed_raw[SEED_003][first["credit_start"]:first["credit_end"]] == "Barry Posen"
    assert first["credit_role"] == "a prominent scholar"
    assert "what a prominent scholar Barry Posen called" in first["sentence"]


def test_the_gold_reserve_is_credited_to_orban_even_in_the_heading(seed_frames):
    gold = seed_frames[seed_frames["doc_id"].eq(SEED_004) & seed_frames["frame"].eq("gold_reserve")]
    assert gold["text"].tolist() == ["Golden Reserve", "gold reserve"]
    # The heading uses the frame in the page's own voice; the body credits it to Orbán.
    assert gold["attributed_to"].tolist() == ["", "Viktor Orbán"]
    assert gold["credited_frame_of"].tolist() == ["Viktor Orbán", "Viktor Orbán"]
    assert gold["attribution"].tolist() == ["author_use_of_credited", "stated"]
    assert gold["credit_text"].iloc[1] == "Victor Orbán"  # printed spelling; the gazetteer's name above
    assert gold["credit_role"].iloc[1] == "the Hungarian Prime Minister"


def test_uncredited_frames_are_the_writers_own(seed_frames):
    trojan = seed_frames[seed_frames["frame"].eq("trojan_horse")]
    assert trojan["doc_id"].tolist() == ["002_a8b85cc1135acd1c"]
    assert trojan[["attributed_to", "attribution", "voice", "credited_frame_of", "credit_start"]].values.tolist() == [["", "none", "author", "", -1]]


def test_a_frame_coined_once_and_reused_is_credited_only_where_the_text_credits_it():
    text = ("What the scholar Jane Roe called “reckless driving” has a long history. "
            "Reckless driving by allies is common. Washington keeps encouraging reckless driving.")
    frames = detector.track_frames_in_text(text)
    assert frames["attribution"].tolist() == ["stated", "author_use_of_credited", "author_use_of_credited"]
    assert frames["attributed_to"].tolist() == ["Jane Roe", "", ""]
    assert frames["credited_frame_of"].tolist() == ["Jane Roe"] * 3
    assert set(frames["attribution"]) <= set(detector.ATTRIBUTION_KINDS) and set(frames["voice"]) <= set(detector.VOICES)
    assert detector.describe_voice(frames).tolist() == [
        "coined or named by Jane Roe (the scholar)", "author's use of a credited frame (Jane Roe's)", "author's use of a credited frame (Jane Roe's)"]


def test_frame_credit_forms():
    credit = detector._credit_in_sentence
    text = "“Reckless driving,” as Barry Posen called it, is common."
    assert credit(text, 1, 17)[:2] == ("Barry Posen", text.index("Barry"))
    text = "Reckless driving, a term coined by Barry Posen, is common."
    assert credit(text, 0, 16)[0] == "Barry Posen"
    # A pronoun is not a name; a verb that does not name is not a credit.
    assert credit("He called it reckless driving.", 13, 29) is None
    assert credit("Posen called for restraint and warned of reckless driving.", 41, 57) is None


def test_frame_matrix_lists_every_article(seed_docs, seed_frames):
    matrix = detector.frame_matrix(seed_frames, seed_docs["doc_id"])
    assert list(matrix.index) == list(seed_docs["doc_id"])
    assert matrix.loc[SEED_003, "Reckless driving"] == 3
    assert matrix.loc["001_4f3f081fc040d33a"].sum() == 0


def test_seed_003_template_and_000_stock_phrases(seed_spans):
    stock = seed_spans[seed_spans["device"].eq("stock_phrase")]
    texts_000 = set(stock.loc[stock["doc_id"].eq(SEED_000), "text"])
    assert {"This article delves into", "navigating a delicate balance", "In Summary", "Observers will be closely watching"} <= texts_000
    assert stock["doc_id"].value_counts().idxmax() == SEED_000


# --------------------------------------------------------------------------- summaries and rendering

def test_article_summary_counts_the_two_families_apart_and_the_densest_passage_is_argument_or_emotive():
    # Sentence 0 is all hedges and stock phrases; sentence 1 argues and stirs feeling.
    text = ("This article delves into what may perhaps possibly happen, arguably. "
            "The regime's brutal crackdown is an existential threat to the nation. Rain fell.")
    sentences = detector.text_sentences(text)
    spans = detector.detect_text(text)
    summary = detector.article_summary(spans, sentences).iloc[0]
    assert summary["n_words"] == 23  # 10 + 11 + 2, textstat's count ("regime's" is one word), as every report counts
    family = spans["device"].map(dict(zip(detector.load_devices()["device"], detector.load_devices()["report_family"])))
    n_argument, n_template = int(family.eq("argument_emotive").sum()), int(family.eq("template_stance").sum())
    assert n_template >= 4 and n_argument >= 3  # delves into, may, perhaps, possibly, arguably / regime, brutal, threat
    assert (summary["n_argument_emotive"], summary["n_template_stance"]) == (n_argument, n_template)
    assert summary["argument_emotive_per_1000_words"] == round(1000 * n_argument / 23, 1)
    assert summary["template_stance_per_1000_words"] == round(1000 * n_template / 23, 1)
    assert summary["densest_sentence_id"] == 1
    assert summary["densest_text"] == "The regime's brutal crackdown is an existential threat to the nation."
    assert "Hedging" not in summary["densest_devices"] and "Appeal to fear" in summary["densest_devices"]


def test_an_article_of_stance_words_only_has_no_densest_passage():
    text = "It may perhaps rain. It could possibly snow."
    summary = detector.article_summary(detector.detect_text(text), detector.text_sentences(text)).iloc[0]
    assert summary["n_argument_emotive"] == 0 and summary["n_template_stance"] >= 3
    assert pd.isna(summary["densest_sentence_id"]) and summary["densest_text"] == ""


def test_family_densities_are_densities_not_counts():
    text = "The regime's brutal crackdown may fail. It may perhaps rain."
    sentences = detector.text_sentences(text)
    spans = detector.detect_text(text)
    summary = detector.article_summary(spans, sentences)
    table = detector.family_densities(spans, summary)
    assert len(table) == len(detector.load_devices())  # every device, zeros included
    hedging = table.set_index("device").loc["hedging"]
    assert hedging["n_spans"] == 3 and hedging["per_1000_words"] == round(1000 * 3 / 10, 2)  # 6 + 4 words


def test_render_article_escapes_markup_and_folds_furniture():
    raw = 'A catastrophic <script>alert("x")</script> plan.\n\nSubscribe to our newsletter today!\n'
    docs = pd.DataFrame({"doc_id": ["t"], "raw": [raw]})
    segments = loading.segment_corpus(docs)
    spans = detector.detect_text(raw, doc_id="t")
    html = detector.render_article(raw, segments, spans)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert detector.device_colours()["Loaded language"] in html
    assert "page furniture left out" in html and "newsletter" not in html


# --------------------------------------------------------------------------- edge cases

@pytest.mark.parametrize("text", [texts.EMPTY_STR, texts.WHITESPACE_ONLY, texts.PUNCTUATION_ONLY])
def test_empty_and_punctuation_only_texts_have_no_spans(text):
    spans = detector.detect_text(text)
    assert spans.empty and list(spans.columns) == detector.SPAN_COLUMNS


def test_non_english_text_runs_and_finds_no_english_devices():
    spans = detector.detect_text(texts.NON_ENGLISH)
    assert spans[spans["device"].isin(["loaded_language", "name_calling", "stock_phrase"])].empty


def test_huge_text_finds_every_repeated_frame():
    unit = "Washington keeps encouraging reckless driving. The deal was merely a symbolic gesture.\n\n"
    text = unit * 2000
    frames = detector.track_frames_in_text(text)
    assert len(frames) == 2000
    assert frames["start"].tolist()[:2] == [29, 29 + len(unit)]


def test_body_view_blanks_furniture_and_keeps_offsets(seed_docs, seed_segments, seed_raw):
    doc = "001_4f3f081fc040d33a"
    view = detector.body_view(seed_raw[doc], seed_segments[seed_segments["doc_id"].eq(doc)])
    assert len(view) == len(seed_raw[doc])
    assert "Choose to support open" not in view  # the subscription pitch is furniture
    start = seed_raw[doc].index("strategic restraint")
    assert view[start:start + 19] == "strategic restraint"


def test_render_article_gives_each_segment_what_highlight_spans_gives_it(seed_docs, seed_spans):
    """Each span is now handed only to the segments it overlaps (it was every span to every segment)."""
    from analysis.report.display import highlight_spans

    segments = loading.segment_corpus(seed_docs)
    labels = dict(zip(detector.load_devices()["device"], detector.load_devices()["label"]))
    colours = detector.device_colours()
    for doc in seed_docs.itertuples():
        spans = seed_spans[seed_spans["doc_id"].eq(doc.doc_id)]
        segs = segments[segments["doc_id"].eq(doc.doc_id)]
        html = detector.render_article(doc.raw, segs, spans, colours)
        labelled = spans.assign(label=spans["device"].map(labels))
        for seg in segs[segs["kind"].eq("body")].itertuples():
            assert highlight_spans(doc.raw, labelled, "label", seg.start, seg.end, colours, "rule") in html


def test_a_very_long_article_is_rendered_up_to_a_cap_and_says_what_it_left_out():
    """100,000 short lines took 13 minutes; the report now shows the first MAX_RENDERED_CHARS of body and a note."""
    raw = "".join(f"Item {i} of the list, a disaster for the plan.\n" for i in range(3_000))
    segments = loading.segment_corpus(pd.DataFrame({"doc_id": ["long"], "raw": [raw]}))
    spans = detector.detect_devices(pd.DataFrame({"doc_id": ["long"], "raw": [raw]}))
    html = detector.render_article(raw, segments, spans, max_chars=5_000)
    shown = re.sub(r"<[^>]+>", "", html)
    assert "Item 0 of the list" in shown and "Item 2999 of the list" not in shown
    assert re.search(r"the rest of the article is not shown: [\d,]+ more characters of body in [\d,]+ segments", shown)
    assert len(html) < 100_000


def _all_rules(text):
    found = []
    for device, rule, pattern in detector._text_rules():
        found += [(m.start(), m.end(), device, rule) for m in pattern.finditer(text) if m.end() > m.start()]
    return found


def test_the_rule_prefilter_never_skips_a_rule_that_matches():
    rows = list(detector.load_patterns().query("target == 'text'")[["example", "near_miss"]].itertuples(index=False))
    rows += list(detector.load_frames()[["example", "near_miss"]].itertuples(index=False))
    examples = [text for row in rows for text in row] + list(detector.load_stock_phrases()["example"])
    assert len(examples) > 100
    variants = []
    for text in examples:
        # Other cases, and characters that case-insensitive patterns match to ASCII letters.
        variants += [text, text.upper(), text.title(), text.replace("s", "ſ"), text.replace("i", "ı"), "İ" + text,
                     text.replace("k", "\u212a")]
    for text in variants:
        assert detector._pattern_matches(text) == _all_rules(text), text
    assert sum(bool(_all_rules(text)) for text in examples) > 50


def test_required_literals_of_constructed_patterns():
    def needs(pattern, flags=0):
        return detector.required_literals(re.compile(pattern, flags))

    # One string per branch: "hawk" (before ish|s) for the first, the longest run ("hawks") for the second.
    assert needs(r"(?<!\w)(?:hawk(?:ish|s)|war\s+hawks)(?!\w)") == {"hawk", "hawks"}
    assert needs(r"Crisis", re.IGNORECASE) == {"crisis"}
    assert needs(r"\w+ly") == {"ly"}
    assert needs(r"(?:a|\d)+") is None  # a branch that needs nothing
    assert needs(r"x*") is None  # may match nothing
    for pattern, text in [(r"(?:pre|post)-war", "the POST-WAR era"), (r"s(?:ai|ay)d", "he SAID")]:
        found = needs(pattern, re.IGNORECASE)
        assert re.search(pattern, text, re.IGNORECASE) and any(need in text.lower() for need in found)
