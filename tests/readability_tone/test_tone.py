"""analysis.readability_tone.tone: hedges and boosters by their context rules, VADER per sentence, tone per actor."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import sentences
from analysis.readability_tone import tone
from tests import texts


def _sentences(*rows: tuple[str, str]) -> pd.DataFrame:
    """A sentences table for hand-made text: one (doc_id, text) per sentence, offsets from 0."""
    return pd.DataFrame(
        [
            {"doc_id": doc_id, "sentence_id": i, "seq": i, "segment_label": "paragraph", "start": 0, "end": len(text), "text": text}
            for i, (doc_id, text) in enumerate(rows)
        ]
    )


def test_hedges_and_boosters_follow_their_context_rules():
    found = tone.find_hedges_boosters(texts.HEDGED_AND_BOOSTED)
    # Read off the text: "About 30" yes, "about Baku" no; "may" yes, the month "May" no;
    # "rather than" no; "found that" yes, "found in" no; "no doubt" is one booster, not the hedge "doubt".
    assert list(zip(found["text"], found["kind"])) == [
        ("About", "hedge"),
        ("may", "hedge"),
        ("clearly", "booster"),
        ("found", "booster"),
        ("no doubt", "booster"),
        ("couldn’t", "hedge"),
        ("proved", "booster"),
    ]
    for row in found.itertuples():
        assert texts.HEDGED_AND_BOOSTED[row.start:row.end] == row.text
    assert found.loc[found["text"].eq("couldn’t"), "term"].item() == "couldn't"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("around 200 people", ["around"]),
        ("around a dozen people", ["around"]),
        ("about $5 billion", ["about"]),
        ("around the region", []),
        ("it is supposed to end", []),
        ("the supposed deal", ["supposed"]),
        ("also known as Artsakh", []),
        ("a well-known fact", []),
        ("certain countries", []),
        ("certain that it works", ["certain"]),
        ("a certain extent", ["certain extent"]),
        ("", []),
        ("!?… -- ;;", []),
    ],
)
def test_single_rules(text, expected):
    assert tone.find_hedges_boosters(text)["term"].tolist() == expected


def test_spans_give_raw_offsets(seed_docs, seed_raw):
    body = sentences.body_sentences(seed_docs)
    found = tone.find_hedges_boosters(body)
    assert len(found) > 50
    for row in found.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.text
        assert body.loc[row.span, "start"] <= row.start < row.end <= body.loc[row.span, "end"]
    # The same matches from raw text instead of the span's text column.
    from_raw = tone.find_hedges_boosters(body.drop(columns="text"), seed_raw)
    pd.testing.assert_frame_equal(found, from_raw)


def test_context_stays_inside_the_sentence():
    body = _sentences(("a", "Critics clearly disagree."), ("a", "They may not."))
    rows = tone.matches_in_context(tone.find_hedges_boosters(body), body)
    assert rows[["left", "match", "right", "kind"]].values.tolist() == [
        ["Critics", "clearly", "disagree.", "booster"],
        ["They", "may", "not.", "hedge"],
    ]


def test_lexicon_covers_hyland_and_cites_every_entry():
    lexicon = tone.load_lexicon()
    assert set(lexicon["kind"]) == {"hedge", "booster"}
    assert lexicon["source"].str.strip().ne("").all()
    assert {"may", "might", "arguably", "appears"} <= set(lexicon.loc[lexicon["kind"].eq("hedge"), "term"])
    assert {"clearly", "undoubtedly", "must"} <= set(lexicon.loc[lexicon["kind"].eq("booster"), "term"])
    hyland = config.shared_data_dir() / "lexicons" / "hedges_hyland2005.txt"
    if not hyland.is_file():
        pytest.skip(f"outside data not found at {hyland}")
    listed = {line.strip() for line in hyland.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    assert listed <= set(lexicon["term"])


def test_bad_lexicon_file_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "hedges.csv"
    bad.write_text("term,kind,category,context,note,source\nmaybe,hedge,adverb,sometimes,,Hyland 2005\n", encoding="utf-8")
    monkeypatch.setitem(tone.LEXICON_FILES, "hedge", bad)
    tone.load_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"hedges\.csv: unknown context rule for \['maybe'\]"):
            tone.load_lexicon()
    finally:
        monkeypatch.undo()
        tone.load_lexicon.cache_clear()
        tone._lexicon_pattern.cache_clear()


def test_vader_signs_on_plain_sentences():
    scores = tone.vader_scores(["This is a terrible, horrible disaster.", "What a wonderful, generous gift.", ""])
    assert scores.loc[0, "compound"] < -tone.CLEAR_THRESHOLD
    assert scores.loc[1, "compound"] > tone.CLEAR_THRESHOLD
    assert scores.loc[2, "compound"] == 0


def test_sentence_tone_tags_actors_by_alias():
    scored = tone.sentence_tone(
        _sentences(
            ("a", "Baku and Tehran traded accusations."),
            ("a", "Washington and the United States are one actor; so are Garabagh and Karabakh."),
            ("a", "Ankara, Moscow and Jerusalem stayed silent; let us wait."),
            ("a", 'Baku speaks of "Southern Azerbaijan".'),
        )
    )
    assert scored["actors"].tolist() == [
        ["Azerbaijan", "Iran"],
        ["Nagorno-Karabakh", "United States"],
        ["Israel", "Russia", "Turkey"],
        ["Azerbaijan", "Iranian Azerbaijan"],
    ]


def _mentions(*rows: tuple[str, str]) -> pd.DataFrame:
    """Actor mentions with stance for hand-made sentences, each document's sentences laid end to end."""
    raw_by_doc: dict[str, str] = {}
    records = []
    for doc_id, text in rows:
        start = len(raw_by_doc.get(doc_id, ""))
        raw_by_doc[doc_id] = raw_by_doc.get(doc_id, "") + text + " "
        records.append({"doc_id": doc_id, "sentence_id": len([r for r in records if r["doc_id"] == doc_id]),
                        "start": start, "end": start + len(text), "text": text})
    return tone.actor_mentions(pd.DataFrame(records), raw_by_doc), raw_by_doc


def test_stance_differs_between_two_actors_of_one_sentence():
    mentions, raw = _mentions(("a", "Mike Pence deftly and calmly ignored the immature, hateful invective of Tim Kaine."))
    by_actor = mentions.set_index("actor")
    # One sentence, two actors, two stances: praise for Pence, contempt for Kaine.
    assert by_actor.loc["Mike Pence", "stance"] > by_actor.loc["Tim Kaine", "stance"]
    assert by_actor.loc["Tim Kaine", "label"] == "negative"
    for row in mentions.itertuples():
        assert raw["a"][row.start:row.end] == row.alias
        for span in filter(None, row.evidence_spans.split(";")):
            a, b = (int(x) for x in span.split(":"))
            assert raw["a"][a:b] in row.evidence


def test_actor_tone_counts_mentions_and_averages_their_stance():
    mentions, _ = _mentions(
        ("a", "Baku welcomed the wonderful agreement."),
        ("a", "Tehran condemned Baku for the terrible attack."),
        ("a", "The weather was mild."),
        ("b", "Tehran praised the talks."),
    )
    table = tone.actor_tone(mentions).set_index(["doc_id", "actor"])
    assert list(table.reset_index().columns) == tone.ACTOR_TONE_COLUMNS
    assert table.loc[("a", "Azerbaijan"), "n_mentions"] == 2
    assert table.loc[("a", "Azerbaijan"), "stance"] == pytest.approx(
        mentions.loc[mentions["actor"].eq("Azerbaijan") & mentions["doc_id"].eq("a"), "stance"].mean(), abs=1e-4)
    assert (table[["negative", "neutral", "positive"]].sum(axis=1) == table["n_mentions"]).all()
    assert len(table) == 3  # the sentence naming nobody is in no cell


def test_no_actor_no_mention_and_an_unresolved_pronoun_is_no_mention():
    mentions, _ = _mentions(("a", "The weather was mild and it rained."), ("b", "He said the plan was terrible."))
    assert mentions.empty
    assert tone.actor_tone(mentions).empty and list(tone.actor_tone(mentions).columns) == tone.ACTOR_TONE_COLUMNS


def test_a_pronoun_takes_the_stance_of_its_own_sentence():
    mentions, _ = _mentions(("a", "Angela Merkel arrived in Rome."), ("a", "She was praised as a wise, admired and brilliant leader."))
    pronoun = mentions[mentions["source"].eq("pronoun")]
    assert list(pronoun["alias"]) == ["She"] and list(pronoun["actor"]) == ["Angela Merkel"]
    assert pronoun["label"].item() == "positive"


def test_tone_summary_densities_and_extremes():
    scored = tone.sentence_tone(
        _sentences(
            ("a", "Officials may clearly agree."),  # 4 words: 1 hedge, 1 booster
            ("a", "The deal is a terrible failure."),  # 6 words
            ("a", "It was a great success."),  # 5 words
        )
    )
    summary = tone.tone_summary(scored).set_index("doc_id").loc["a"]
    assert (summary["sentences"], summary["words"], summary["hedges"], summary["boosters"]) == (3, 15, 1, 1)
    assert summary["hedges_per_1000_words"] == pytest.approx(1000 / 15)
    extremes = tone.extreme_sentences(scored).set_index("extreme")["text"]
    assert extremes["most negative"] == "The deal is a terrible failure."
    assert extremes["most positive"] == "It was a great success."


def test_seed_sentences_are_raw_spans_and_document_scores_saturate(seed_docs, seed_raw):
    scored = tone.sentence_tone(sentences.body_sentences(seed_docs))
    for row in scored.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.text
    # The reason for sentence-level scores: on whole bodies VADER sits near an end of
    # its scale (|compound| > 0.7 for all five), while sentence means stay near zero.
    whole = tone.document_compound(seed_docs["body"])
    assert (abs(whole) > 0.7).all()
    assert tone.tone_summary(scored)["mean_compound"].abs().max() < 0.4


def test_extremes_break_ties_in_page_order_and_keep_articles_sorted():
    scored = tone.sentence_tone(
        _sentences(
            ("b", "It was a terrible failure."),
            ("a", "A terrible failure."),
            ("a", "Another terrible failure."),
            ("a", "A great success."),
        )
    )
    extremes = tone.extreme_sentences(scored, n=1)
    assert list(extremes["doc_id"]) == ["a", "a", "b"]  # article a first, its negative then its positive
    a = extremes[extremes["doc_id"].eq("a")].set_index("extreme")["text"]
    # "A terrible failure." and "Another terrible failure." score the same: the earlier one is listed.
    assert scored.loc[1, "compound"] == scored.loc[2, "compound"]
    assert a["most negative"] == "A terrible failure."
    assert a["most positive"] == "A great success."


def test_whole_article_compound_equals_vaders_own(seed_docs):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    expected = [analyzer.polarity_scores(body)["compound"] for body in seed_docs["body"]]
    assert list(tone.document_compound(seed_docs["body"])) == expected


# --------------------------------------------------------------------------- context rules of the modal hedges

@pytest.mark.parametrize("text, counted", [
    ("The pipeline should be finished by May.", ["should"]),           # epistemic: an expectation
    ("Such deals should help trade.", ["should"]),
    ("Washington should reconsider its stance.", []),                  # a recommendation to a named subject
    ("We should talk before the vote.", []),
    ("Should the talks fail, prices would rise.", []),                 # inverted conditional
    ("This would suggest a shift in policy.", ["would", "suggest"]),   # softening: a hedge
    ("If Baku refused, it would lose the contract.", []),              # conditional clause
    ("He said the talks would resume on Monday.", []),                 # future of a reported past
])
def test_modal_hedges_count_only_their_epistemic_use(text, counted):
    found = tone.find_hedges_boosters(text)
    assert [t.lower() for t in found.loc[found["kind"].eq("hedge"), "text"]] == counted


def test_claims_and_think_tanks_are_not_stance_words():
    assert tone.find_hedges_boosters("Armenia's territorial claims were rejected in court.").empty
    assert tone.find_hedges_boosters("The attack claimed the lives of ten people.").empty
    assert tone.find_hedges_boosters("Hawkish think tanks in Washington disagree.").empty
    claims = tone.find_hedges_boosters("Tehran claims that Baku helped Israel.")
    assert claims[["text", "kind"]].values.tolist() == [["claims", "hedge"]]
    assert tone.find_hedges_boosters("I think this is wrong.")[["text", "kind"]].values.tolist() == [["think", "booster"]]


def test_evidence_words_sum_per_article_and_actor_once_per_sentence():
    mentions = pd.DataFrame({
        "doc_id": ["a", "a", "a", "b"],
        "sentence_id": [0, 0, 1, 0],  # the first two mentions share one sentence, so one stance and one evidence
        "actor": ["Azerbaijan"] * 4,
        "evidence": ["Peace +0.90; the −0.40; , +0.30; accused −0.50",
                     "Peace +0.90; the −0.40; , +0.30; accused −0.50",
                     "peace +0.60; accused −0.70",
                     "tensions −1.10"],
    })
    words = tone.stance_evidence_words(mentions)
    assert list(words.columns) == tone.EVIDENCE_WORD_COLUMNS
    a = words[words["doc_id"].eq("a")].set_index("word")
    assert set(a.index) == {"peace", "accused"}  # 'the' and ',' move the model but say nothing to a reader
    assert a.loc["peace", "contribution"] == pytest.approx(1.5) and a.loc["peace", "sentences"] == 2
    assert a.loc["accused", "contribution"] == pytest.approx(-1.2) and a.loc["accused", "direction"] == "against"
    assert tone.top_evidence_words(words, "a", "Azerbaijan", "for") == ["peace"]
    assert tone.top_evidence_words(words, "b", "Azerbaijan", "against") == ["tensions"]
    assert tone.top_evidence_words(words, "b", "Azerbaijan", "for") == []


def test_evidence_words_come_from_the_mentions_sentences():
    mentions, raw = _mentions(
        ("a", "Baku welcomed the wonderful agreement."),
        ("a", "Tehran condemned Baku for the terrible attack."),
    )
    words = tone.stance_evidence_words(mentions)
    assert len(words) and set(words["actor"]) <= set(mentions["actor"])
    for row in words.itertuples():
        assert row.word.lower() in raw[row.doc_id].lower()
        assert (row.direction == "for") == (row.contribution > 0)
    with pytest.raises(ValueError, match="cannot read 'oops'"):
        tone.stance_evidence_words(mentions.assign(evidence="oops"))
    assert tone.stance_evidence_words(mentions.head(0)).empty


def test_case_fold_traps_are_every_character_ignorecase_matches_to_an_ascii_letter():
    import re

    letters = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(code) for code in range(0x80, 0x110000) if letters.fullmatch(chr(code))}
    assert found == set(tone.CASE_FOLD_TRAPS)


@pytest.mark.parametrize("text", [
    "It MAY rain; Parliament May decide. It may well be that they SHOULD act.",
    "Arguably, the deal – possibly the largest – was perhaps signed in May.",
    "İt may rain", "Perhapſ it may", "ﬁnally, it could possibly rain", "It’s likely that we’ll never KNOW.",
])
def test_matching_on_the_lower_case_equals_matching_case_insensitively(text):
    pattern, _ = tone._lexicon_pattern()
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    context = [(start, end, matched) for start, end, matched, *_ in tone._find_in_text(text)]
    assert set(context) <= set(expected)
    lowered = text.lower()
    if len(lowered) == len(text) and tone.CASE_FOLD_TRAPS.isdisjoint(text):
        assert [m.span() for m in tone._lower_case_pattern().finditer(lowered)] == [(s, e) for s, e, _ in expected]
