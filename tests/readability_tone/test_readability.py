"""analysis.readability_tone.readability: scores a person can check, body units never glued, NaN for no prose."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.readability_tone import readability
from analysis.corpus import sentences
from tests import texts

SCORES = readability.MEASURE_COLUMNS + readability.RATE_COLUMNS + ["mtld"]


def test_platypus_by_hand():
    # 13 words, 24 syllables (plat-y-pus, Aus-tral-ian, seem-ing-ly, hy-brid, mam-mal,
    # rep-til-ian, crea-ture), 1 sentence:
    # FK = 0.39*13 + 11.8*24/13 - 15.59 = 11.265; FRE = 206.835 - 1.015*13 - 84.6*24/13 = 37.455.
    scores = readability.readability_of_text(texts.PLATYPUS)
    assert (scores["words"], scores["syllables"], scores["sentences"]) == (13, 24, 1)
    assert round(scores["flesch_kincaid_grade"], 1) == 11.3
    assert round(scores["flesch_reading_ease"], 1) == 37.5


def test_two_monosyllabic_sentences_by_hand():
    # 9 words, 9 syllables, 2 sentences, 26 letters.
    # FRE = 206.835 - 1.015*4.5 - 84.6 = 117.6675; FK = 0.39*4.5 + 11.8 - 15.59 = -2.035;
    # Coleman-Liau = 0.058*(26/9*100) - 0.296*(2/9*100) - 15.8 = -5.622.
    scores = readability.readability_of_text(texts.CAT_AND_DOG)
    assert (scores["words"], scores["syllables"], scores["sentences"], scores["letters"]) == (9, 9, 2, 26)
    assert scores["flesch_reading_ease"] == pytest.approx(117.6675)
    assert scores["flesch_kincaid_grade"] == pytest.approx(-2.035)
    assert round(scores["coleman_liau_index"], 3) == -5.622
    assert scores["words_per_sentence"] == 4.5 and scores["syllables_per_word"] == 1.0


@pytest.mark.parametrize(
    "text",
    [
        texts.PLATYPUS,
        texts.CAT_AND_DOG,
        "Officials in the capital refused to comment. The ministry later issued a short statement! "
        "Analysts expect negotiations to resume after the elections.",
    ],
)
def test_same_scores_as_textstat_where_both_split_alike(text):
    # Every sentence has more than two words and ends with . or !, so textstat's own
    # splitter agrees with spaCy's and the two implementations must agree exactly.
    ours = readability.readability_of_text(text)
    reference = readability.textstat_scores(text)
    for column in readability.MEASURE_COLUMNS + ["words", "sentences", "syllables"]:
        assert ours[column] == pytest.approx(reference[column], abs=1e-9), column


@pytest.mark.parametrize(
    "text",
    [texts.EMPTY_STR, texts.WHITESPACE_ONLY, texts.PUNCTUATION_ONLY, "#", "## ", texts.HEADING_ONLY],
    ids=["empty", "whitespace", "punctuation", "hash", "markdown-heading", "heading"],
)
def test_no_prose_gives_nan_not_a_crash(text):
    scores = readability.readability_of_text(text)
    assert all(math.isnan(scores[column]) for column in SCORES)


def test_group_of_only_headings_is_nan_but_keeps_its_counts():
    units = pd.DataFrame(
        {
            "doc_id": ["a", "b", "b"],
            "segment_label": ["title", "title", "paragraph"],
            "text": ["Baku Looks West", "Baku Looks West", texts.PLATYPUS],
        }
    )
    table = readability.readability(units).set_index("doc_id")
    assert math.isnan(table.loc["a", "flesch_reading_ease"]) and table.loc["a", "words"] == 3
    assert not math.isnan(table.loc["b", "flesch_reading_ease"]) and table.loc["b", "sentences"] == 2


def test_non_english_text_is_measured_not_dropped():
    # Azərbaycan Respublikası Cənubi Qafqazda yerləşən dövlətdir. | Paytaxtı Bakı şəhəridir.
    scores = readability.readability_of_text(texts.NON_ENGLISH)
    assert (scores["words"], scores["sentences"]) == (9, 2)
    assert math.isfinite(scores["flesch_reading_ease"])


def test_huge_text_keeps_the_ratios_of_its_sentence():
    scores = readability.readability_of_text(" ".join([texts.PLATYPUS] * 2000))
    assert (scores["words"], scores["sentences"], scores["syllables"]) == (26_000, 2000, 48_000)
    assert round(scores["flesch_reading_ease"], 1) == 37.5


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match=r"\['text'\]"):
        readability.readability(pd.DataFrame({"doc_id": ["a"]}))


def test_seed_000_raw_page_versus_body(seed_docs):
    doc = seed_docs.set_index("doc_id").loc["000_f9577ae45c5847e6"]
    raw = readability.textstat_scores(doc["raw"])
    # The figures for textstat on the raw page.
    assert (raw["sentences"], raw["words"]) == (30, 775)
    assert round(raw["flesch_reading_ease"], 1) == -17.4
    body = readability.readability(sentences.body_sentences(seed_docs.iloc[[0]])).iloc[0]
    # Bullets, table rows and headings are sentences of their own: more than 40 of them,
    # and fewer words than the page (no furniture). The prose is dense: about 2.4 syllables a word.
    assert body["sentences"] > 40
    assert body["words"] < raw["words"]
    assert 2.3 < body["syllables_per_word"] < 2.5


def test_paragraph_scores_sum_back_to_the_article(seed_docs):
    units = readability.sentence_counts(sentences.body_sentences(seed_docs))
    per_doc = readability.readability(units).set_index("doc_id")
    per_paragraph = readability.readability(units, by=["doc_id", "seq"])
    summed = per_paragraph.groupby("doc_id")[["words", "sentences", "syllables"]].sum()
    pd.testing.assert_frame_equal(summed, per_doc[["words", "sentences", "syllables"]], check_names=False)
    assert set(per_doc.columns) >= set(SCORES) and per_doc[SCORES].notna().all().all()


def test_bbc_article_word_count_matches_textstat(bbc_dir):
    # Real outside text: a BBC article (title, blank line, paragraphs). Our words are
    # textstat's words; only the sentence count may differ.
    text = (bbc_dir / "business" / "001.txt").read_text(encoding="utf-8")
    ours = readability.readability_of_text(text)
    assert ours["words"] == readability.textstat_scores(text)["words"]
    assert 1.3 < ours["syllables_per_word"] < 2.0 and 10 < ours["words_per_sentence"] < 35
