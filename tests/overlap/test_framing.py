"""analysis.overlap.framing: a stance reading counts as a framing only when evaluative words carry it."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import sentences
from analysis.overlap import claims, framing

# Read as critical of Azerbaijan, by words that judge.
JUDGED = "Critics condemned Azerbaijan for a brutal and shameful crackdown."
# Read as critical of Turkey by the stance model, though no word in it judges anything.
UNJUDGED = "The ministry said that Turkey buys more than half of its gas from Russia."


PLAIN = "Azerbaijan is one of the countries that is in the region."


def _span(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def _sentences(**docs: str) -> pd.DataFrame:
    return pd.DataFrame([(doc_id, 0, 0, "paragraph", 0, len(text), text) for doc_id, text in docs.items()],
                        columns=sentences.SENTENCE_COLUMNS)


def test_evaluative_words_push_the_way_the_reading_goes_and_lie_outside_the_figure():
    evidence = [(0, 7, "welcome", 1.2), (8, 12, "than", 0.9), (13, 20, "brutal", -0.8), (21, 32, "significant", 1.0)]
    assert framing.evaluative_words(evidence, "positive") == ["welcome", "significant"]
    assert framing.evaluative_words(evidence, "negative") == ["brutal"]
    # A word inside the quantity ("a significant portion") describes a size, not a judgement.
    assert framing.evaluative_words(evidence, "positive", exclude=[(19, 40)]) == ["welcome"]
    assert framing.evaluative_words(evidence, "neutral") == []


def test_a_judging_sentence_is_carried_by_its_judging_words():
    label, words = framing.reading_support(JUDGED, "Azerbaijan")
    assert label == "negative"
    assert {"condemned", "brutal"} <= set(words)


def test_a_critical_reading_without_a_judging_word_is_not_carried():
    label, words = framing.reading_support(UNJUDGED, "Turkey")
    assert label == "negative"
    assert words == []
    assert framing.reading_support(UNJUDGED, "Japan") == ("neutral", [])


def test_framing_support_names_the_words_of_each_favourable_or_critical_statement():
    mentions = claims.quantity_mentions(_sentences(
        a="Azerbaijan generously supplies Israel with about 40 percent of its oil imports, a vital and welcome lifeline.",
        b=UNJUDGED,
    ))
    table = framing.framing_support(mentions).set_index("mention_id")
    assert list(table.reset_index().columns) == framing.SUPPORT_COLUMNS
    generous = mentions[mentions["doc_id"].eq("a")].iloc[0]
    assert generous["framing"] == "favourable"
    assert table.at[generous["mention_id"], "supported"]
    assert "welcome" in table.at[generous["mention_id"], "support"]
    bare = mentions[mentions["doc_id"].eq("b")].iloc[0]
    assert not table.at[bare["mention_id"], "supported"] and table.at[bare["mention_id"], "support"] == ""


def test_opposite_readings_differ_in_framing_only_when_both_sides_have_evaluative_words():
    mentions = claims.quantity_mentions(_sentences(
        a="Azerbaijan generously supplies Israel with about 40 percent of its oil imports, a vital and welcome lifeline.",
        b="Azerbaijan cynically supplies Israel with 40 percent of its oil imports, fuelling a brutal and shameful war.",
    ))
    opposite = framing.opposite_support(claims.opposite_framings(mentions, claims.match_claims(mentions)), mentions)
    row = opposite[opposite["actor"].eq("Azerbaijan")].iloc[0]
    assert row["supported"] and row["support_a"] and row["support_b"]
    # The same frame with one side that judges nothing: the model's two readings are not two framings.
    both = claims.quantity_mentions(_sentences(a=JUDGED + " It holds 40 percent of the market.", b=UNJUDGED))
    pair = pd.DataFrame([{column: "" for column in claims.OPPOSITE_COLUMNS}])
    pair = pair.assign(mention_a=both["mention_id"].iloc[0], mention_b=both[both["doc_id"].eq("b")]["mention_id"].iloc[0], actor="Turkey")
    unsupported = framing.opposite_support(pair, both)
    assert unsupported["support_b"].iloc[0] == "" and not unsupported["supported"].iloc[0]


def test_support_precision_counts_right_and_wrong_readings_apart():
    rows = [
        # Judging words, gold critical: a carried reading that is right.
        {"text": JUDGED, "target": [_span(JUDGED, "Azerbaijan")], "others": [], "label": "negative"},
        # No judging word, gold neutral: an uncarried reading that is wrong.
        {"text": UNJUDGED, "target": [_span(UNJUDGED, "Turkey")], "others": [_span(UNJUDGED, "Russia")], "label": "neutral"},
        # A plain statement the model reads as neutral: not a reading at all.
        {"text": PLAIN, "target": [_span(PLAIN, "Azerbaijan")], "others": [], "label": "neutral"},
    ]
    table = framing.support_precision(rows).set_index("carried")
    assert table.at[True, "readings"] == 1 and table.at[True, "right"] == 1 and table.at[True, "precision"] == 1.0
    assert table.at[False, "readings"] == 1 and table.at[False, "right"] == 0 and table.at[False, "precision"] == 0.0


@pytest.mark.slow
def test_on_newsmtsc_carried_readings_are_right_more_often():
    path = config.shared_data_dir() / "newsmtsc" / "devtest_mt.jsonl"
    if not path.is_file():
        pytest.skip(f"outside data not found at {path}")
    check = framing.newsmtsc_check(path)
    table = check["support"].set_index("carried")
    assert table.at[True, "readings"] > 100 and table.at[False, "readings"] > 100
    assert table.at[True, "precision"] > table.at[False, "precision"] + 0.1
    assert 0.5 < check["macro_f1"] < 0.8
