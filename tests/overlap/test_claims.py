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
    # Read in the texts: 001's "significant portion of Israel's oil imports" is stated by 002 as well.
    assert ("001", "a significant portion") in by_text
    # A bare year ("2020") is no claim; "more than half" and "about 40 percent" are never one fact.
    assert not any(quantity.isdigit() for _, quantity in by_text)
    assert by_text.get(("002", "more than half")) != by_text.get(("002", "about 40 percent"), "none")
    # 002's "almost 70 percent of Azerbaijan's weapons" is about arms, not oil.
    assert ("002", "almost 70 percent") not in by_text


def test_a_bare_year_is_no_claim():
    mentions = claims.quantity_mentions(_sentences(
        a="Azerbaijan and Israel signed the accord in 2022, officials in Baku said.",
        b="In 2022 Israel and Azerbaijan held talks in Jerusalem about trade.",
    ))
    assert set(mentions["kind"]) == {"year"}
    assert claims.match_claims(mentions).empty


def test_a_loose_interval_does_not_chain_two_figures_into_one_fact():
    mentions = claims.quantity_mentions(_sentences(
        a="Azerbaijan supplies Israel with more than half of its oil imports, traders said.",
        b="Azerbaijan supplies Israel with a significant portion of its oil imports, traders said.",
        c="Azerbaijan supplies Israel with about 40 percent of its oil imports, traders said.",
    ))
    matches = claims.match_claims(mentions)
    # Both figures overlap the loose "significant portion" (10-100 %), but not each other.
    assert {("a", "b"), ("b", "c")} <= set(zip(matches["doc_a"], matches["doc_b"]))
    groups = claims.shared_claims(mentions, matches).groupby("claim_id")["doc_id"].apply(set).tolist()
    assert all(not {"a", "c"} <= docs for docs in groups)


def test_same_figure_about_other_actors_is_another_fact():
    mentions = claims.quantity_mentions(_sentences(
        a="Azerbaijan supplies Israel with about 40 percent of its oil imports, officials said.",
        b="Kazakhstan supplies Italy with about 40 percent of its oil imports, officials said.",
    ))
    assert claims.match_claims(mentions).empty


def test_opposite_framing_is_opposite_stance_toward_the_shared_subject():
    mentions = claims.quantity_mentions(_sentences(
        a="Azerbaijan generously supplies Israel with about 40 percent of its oil imports, a vital and welcome lifeline.",
        b="Azerbaijan cynically supplies Israel with 40 percent of its oil imports, fuelling a brutal and shameful war.",
    ))
    matches = claims.match_claims(mentions)
    assert len(matches) == 1
    opposite = claims.opposite_framings(mentions, matches)
    assert list(opposite.columns) == claims.OPPOSITE_COLUMNS
    row = opposite[opposite["actor"].eq("Azerbaijan")].iloc[0]
    assert {row["framing_a"], row["framing_b"]} == {"favourable", "critical"}
    # The words that carry each stance are shown with it.
    assert row["evidence_a"] and row["evidence_b"]


def test_the_same_framing_twice_is_not_opposite():
    mentions = claims.quantity_mentions(_sentences(a=OIL_ABOUT, b=OIL_PERCENT))
    opposite = claims.opposite_framings(mentions, claims.match_claims(mentions))
    assert opposite.empty


def test_framing_labels():
    assert claims.framing_label("positive") == "favourable"
    assert claims.framing_label("negative") == "critical"
    assert claims.framing_label("neutral") == "neutral"
    assert claims.stance_toward(texts.EMPTY_STR, "Azerbaijan") is None


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


def _match_claims_as_before(mentions: pd.DataFrame) -> pd.DataFrame:
    """match_claims the plain way: claims_agree on every two mentions of different articles, in mention order."""
    records = mentions.to_dict("records")
    rows = []
    for first, second in itertools.combinations(range(len(records)), 2):
        a, b = records[first], records[second]
        if a["doc_id"] == b["doc_id"]:
            continue
        agree, shared, measured = claims.claims_agree(a, b)
        if agree:
            low, high = (a, b) if a["doc_id"] < b["doc_id"] else (b, a)
            rows.append((low["mention_id"], high["mention_id"], low["doc_id"], high["doc_id"], a["kind"], " ".join(shared), " ".join(measured)))
    return pd.DataFrame(rows, columns=claims.MATCH_COLUMNS)


def _opposite_as_before(mentions: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """opposite_framings as it was: the mention's fields read from an indexed frame, its stance read per match."""
    from analysis.readability_tone.stance import format_evidence

    info = mentions.set_index("mention_id")
    rows = []
    for a, b, doc_a, doc_b in matches[["mention_a", "mention_b", "doc_a", "doc_b"]].itertuples(index=False):
        shared = sorted({t for t in info.at[a, "subject"].split() if t.startswith("@")}
                        & {t for t in info.at[b, "subject"].split() if t.startswith("@")})
        for term in shared:
            actor = term[1:]
            first, second = claims.stance_toward(info.at[a, "text"], actor), claims.stance_toward(info.at[b, "text"], actor)
            if first is None or second is None or {first.label, second.label} != {"positive", "negative"}:
                continue
            rows.append((a, b, doc_a, doc_b, actor, info.at[a, "text"], info.at[b, "text"], round(first.stance, 4),
                         round(second.stance, 4), claims.framing_label(first.label), claims.framing_label(second.label),
                         format_evidence(first.evidence), format_evidence(second.evidence),
                         info.at[a, "quantity_text"], info.at[b, "quantity_text"]))
    return pd.DataFrame(rows, columns=claims.OPPOSITE_COLUMNS)


def test_matching_and_opposite_framings_equal_the_plain_way():
    """Mentions taken apart once, stances read once per mention: the same matches and opposite framings."""
    favourable = "Azerbaijan generously supplies Israel with about 40 percent of its oil imports, a vital and welcome lifeline."
    critical = "Azerbaijan cynically supplies Israel with 40 percent of its oil imports, fuelling a brutal and shameful war."
    mentions = claims.quantity_mentions(pd.DataFrame(
        [(doc_id, number, 0, "paragraph", 0, len(text), text) for doc_id, text_list in {
            "a": [favourable, ARMS_SAME_NUMBER, "Israel bought 12 drones from Azerbaijan for $5 million last year."],
            "b": [critical, OIL_PERCENT, TURNOUT_SAME_NUMBER],
            "c": [OIL_ABOUT, OIL_FRACTION, "Azerbaijan sold 12 drones to Israel for $5 million, a shameful deal."],
            "d": [favourable, critical, ARMS_SAME_NUMBER, "In 2020 Azerbaijan won the war."],
        }.items() for number, text in enumerate(text_list)],
        columns=sentences.SENTENCE_COLUMNS,
    ))
    matches = claims.match_claims(mentions)
    expected = _match_claims_as_before(mentions)
    assert len(expected) >= 6
    pd.testing.assert_frame_equal(matches, expected, check_dtype=False)
    opposite = claims.opposite_framings(mentions, matches)
    assert len(opposite) >= 2
    pd.testing.assert_frame_equal(opposite, _opposite_as_before(mentions, matches))
