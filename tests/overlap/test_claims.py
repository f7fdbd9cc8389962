"""analysis.overlap.claims: quantities as intervals, subjects, matching across articles, framing."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from analysis.overlap import claims
from analysis.corpus import sentences
from tests import texts

# Three articles state the same fact in three wordings; a fourth gives the same
# number about a different thing, in a sentence naming the same two countries.
OIL_ABOUT, OIL_PERCENT, OIL_FRACTION = texts.OIL_ABOUT, texts.OIL_PERCENT, texts.OIL_FRACTION
ARMS_SAME_NUMBER, TURNOUT_SAME_NUMBER = texts.ARMS_SAME_NUMBER, texts.TURNOUT_SAME_NUMBER


def _sentences(**docs: str) -> pd.DataFrame:
    """One sentence per document, spanning its whole text."""
    return pd.DataFrame(
        [(doc_id, 0, 0, "paragraph", 0, len(text), text) for doc_id, text in docs.items()],
        columns=sentences.SENTENCE_COLUMNS,
    )


def _labels(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.label) for q in claims.parse_quantities(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("about 40 percent of its oil", [("about 40 percent", "share 36–44 %")]),
        ("40% of its oil", [("40%", "share 39.5–40.5 %")]),
        ("Two-fifths of Israel's oil", [("Two-fifths", "share 40 %")]),
        ("more than half of Israel's oil demand", [("more than half", "share 50–100 %")]),
        ("almost 70 percent of Azerbaijan's weapons", [("almost 70 percent", "share 63–70 %")]),
        ("a significant portion of Israel's oil imports", [("a significant portion", "share 10–100 %")]),
        ("sent over $45 million in aid", [("over $45 million", "money 45,000,000–∞ USD")]),
        ("billions of dollars worth of weaponry", [("billions of dollars", "money 2,000,000,000–1,000,000,000,000 USD")]),
        ("the 44-day war in 2020", [("44-day", "count 44 day"), ("2020", "year 2020")]),
        ("a questionnaire of over 20 questions", [("over 20 questions", "count 20–∞ question")]),
        ("thousands of Ukrainian refugees", [("thousands of Ukrainian refugees", "count 2,000–1,000,000 refugee")]),
    ],
)
def test_quantities_become_intervals(text, expected):
    assert _labels(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the 7th summit of the European Political Community on 2nd October",  # ordinals and dates
        "a two-state solution and a one-sided deal",  # spelled-out numbers in compounds
        "On November 1, the leader spoke.",  # a day of the month
        texts.EMPTY_STR, texts.WHITESPACE_ONLY, texts.PUNCTUATION_ONLY, texts.PLATYPUS,
    ],
)
def test_not_quantities(text):
    assert claims.parse_quantities(text) == []


def test_non_english_and_huge_text():
    assert _labels(texts.NON_ENGLISH) == []
    huge = "The war ended in 2020. " * 20_000
    found = claims.parse_quantities(huge)
    assert len(found) == 20_000 and {q.label for q in found} == {"year 2020"}


def test_matching_pairs_wordings_and_keeps_subjects_apart():
    mentions = claims.quantity_mentions(_sentences(
        a=OIL_ABOUT, b=OIL_PERCENT, c=OIL_FRACTION, d=ARMS_SAME_NUMBER, e=TURNOUT_SAME_NUMBER,
    ))
    matches = claims.match_claims(mentions)
    matched = set(zip(matches["doc_a"], matches["doc_b"]))
    assert matched == {("a", "b"), ("a", "c"), ("b", "c")}
    groups = claims.shared_claims(mentions, matches)
    assert set(groups["doc_id"]) == {"a", "b", "c"} and groups["claim_id"].nunique() == 1
    assert list(groups.columns) == claims.SHARED_COLUMNS


def test_the_same_number_about_arms_is_not_the_oil_fact():
    mentions = claims.quantity_mentions(_sentences(a=OIL_ABOUT, d=ARMS_SAME_NUMBER)).set_index("doc_id")
    agree, shared, measured = claims.claims_agree(mentions.loc["a"], mentions.loc["d"])
    assert not agree and measured == []
    # They do share both countries: the measured thing (oil vs weapons) keeps them apart.
    assert {"@Azerbaijan", "@Israel"} <= set(mentions.at["a", "subject"].split()) & set(mentions.at["d", "subject"].split())


def test_incompatible_values_never_match():
    mentions = claims.quantity_mentions(_sentences(
        a=OIL_ABOUT, b="Azerbaijan supplies Israel with about 70 percent of its oil imports, officials said.",
    ))
    assert claims.match_claims(mentions).empty


def test_seed_claims_with_both_spans(seed_docs, seed_raw):
    mentions = claims.quantity_mentions(sentences.body_sentences(seed_docs))
    for row in mentions.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.text
        assert seed_raw[row.doc_id][row.q_start:row.q_end] == row.quantity_text
    matches = claims.match_claims(mentions)
    shared = claims.shared_claims(mentions, matches)
    by_text = {(row.doc_id[:3], row.quantity.split(" (")[0]): row.claim_id for row in shared.itertuples()}
    # Read in the texts: 001's "significant portion of Israel's oil imports" and 002's
    # "about 40 percent of its oil needs" are one fact; so are 001's "2020 Garabagh war"
    # and 002's "44-day war in 2020" (Garabagh is Nagorno-Karabakh).
    assert by_text[("001", "a significant portion")] == by_text[("002", "about 40 percent")]
    assert by_text[("001", "2020")] == by_text[("002", "2020")]
    assert by_text[("001", "2020")] != by_text[("001", "a significant portion")]
    # 002's "almost 70 percent of Azerbaijan's weapons" is about arms, not oil.
    assert ("002", "almost 70 percent") not in by_text


def test_opposite_framings_of_the_2020_war(seed_docs):
    mentions = claims.quantity_mentions(sentences.body_sentences(seed_docs))
    opposite = claims.opposite_framings(mentions, claims.match_claims(mentions))
    # 001 "consolidating gains ... restored full territorial integrity" against 002
    # "recover its occupied territories ... during the 44-day war in 2020".
    war = opposite[opposite["quantity_a"].eq("2020")]
    assert len(war) == 1
    assert (war.iloc[0]["framing_a"], war.iloc[0]["framing_b"]) == ("favourable", "critical")
    assert "restored full territorial integrity" in war.iloc[0]["text_a"]


def test_framing_labels():
    assert claims.framing_label(0.6) == "favourable"
    assert claims.framing_label(-0.6) == "critical"
    assert claims.framing_label(0.1) == "neutral"
    assert claims.sentence_tone(texts.EMPTY_STR) == 0.0


def test_quantity_terms_have_sources():
    terms = claims.load_terms()
    assert not terms["source"].str.strip().eq("").any()
    assert {"number", "fraction", "hedge", "share_adjective", "vague_count", "currency_symbol"} <= set(terms["kind"])


def test_no_sentences_no_claims():
    mentions = claims.quantity_mentions(pd.DataFrame(columns=sentences.SENTENCE_COLUMNS))
    matches = claims.match_claims(mentions)
    assert mentions.empty and matches.empty
    assert list(claims.shared_claims(mentions, matches).columns) == claims.SHARED_COLUMNS
    assert claims.opposite_framings(mentions, matches).empty


def test_matching_only_the_pairs_asked_for():
    mentions = claims.quantity_mentions(_sentences(
        a=OIL_ABOUT, b=OIL_PERCENT, c=OIL_FRACTION, d=ARMS_SAME_NUMBER, e=TURNOUT_SAME_NUMBER,
    ))
    everything = claims.match_claims(mentions)
    # Pairs in either order, repeated, or without any claim in common are all fine.
    pairs = pd.DataFrame({"doc_a": ["b", "a", "d"], "doc_b": ["a", "b", "e"]})
    restricted = claims.match_claims(mentions, pairs=pairs)
    assert list(zip(restricted["doc_a"], restricted["doc_b"])) == [("a", "b")]
    pd.testing.assert_frame_equal(restricted, everything[everything["doc_b"].eq("b")].reset_index(drop=True))
    assert claims.match_claims(mentions, pairs=pd.DataFrame({"doc_a": ["c"], "doc_b": ["e"]})).empty
    with pytest.raises(ValueError, match="paired with itself"):
        claims.match_claims(mentions, pairs=pd.DataFrame({"doc_a": ["a"], "doc_b": ["a"]}))


def test_seed_matches_restricted_to_every_pair_are_the_all_pairs_matches(seed_docs):
    mentions = claims.quantity_mentions(sentences.body_sentences(seed_docs))
    every_pair = pd.DataFrame(list(itertools.combinations(sorted(seed_docs["doc_id"]), 2)), columns=["doc_a", "doc_b"])
    pd.testing.assert_frame_equal(claims.match_claims(mentions, pairs=every_pair), claims.match_claims(mentions))
