"""analysis.readability_tone.textstat_batch: textstat's own figures, counted once — equal to textstat on every text."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.readability_tone import textstat_batch
from tests import texts

COLUMNS = textstat_batch.FIGURE_COLUMNS


def figures(text: str) -> pd.Series:
    return textstat_batch.textstat_figures([text]).iloc[0]


def assert_equal_to_textstat(text: str) -> None:
    ours = figures(text)
    reference = textstat_batch.textstat_reference(text)
    for column in COLUMNS:
        assert ours[column] == pytest.approx(reference[column], abs=0.01), (column, text[:80])


def test_platypus_by_hand():
    # 13 words, 24 syllables, 1 sentence: FK = 0.39*13 + 11.8*24/13 - 15.59 = 11.2646,
    # FRE = 206.835 - 1.015*13 - 84.6*24/13 = 37.4554 (the shared data README: 11.265 and 37.455).
    row = figures(texts.PLATYPUS)
    assert (row["words"], row["syllables"], row["sentences"]) == (13, 24, 1)
    assert row["flesch_kincaid_grade"] == pytest.approx(11.2646, abs=1e-4)
    assert row["flesch_reading_ease"] == pytest.approx(37.4554, abs=1e-4)


def test_cat_and_dog_by_hand():
    # Two sentences of 6 and 3 one-syllable words, 26 letters:
    # FRE = 206.835 - 1.015*4.5 - 84.6*1 = 117.6675; FK = 0.39*4.5 + 11.8 - 15.59 = -2.035;
    # Coleman-Liau = 0.058*(100*26/9) - 0.296*(100*2/9) - 15.8 = 16.7556 - 6.5778 - 15.8 = -5.6222.
    row = figures(texts.CAT_AND_DOG)
    assert (row["words"], row["sentences"], row["syllables"], row["letters"]) == (9, 2, 9, 26)
    assert row["flesch_reading_ease"] == pytest.approx(117.6675)
    assert row["flesch_kincaid_grade"] == pytest.approx(-2.035)
    assert row["coleman_liau_index"] == pytest.approx(-5.6222, abs=1e-4)
    assert row["smog_index"] == pytest.approx(3.1291)  # no polysyllables: the formula's constant


@pytest.mark.parametrize(
    "text",
    [
        texts.EMPTY_STR,
        texts.WHITESPACE_ONLY,
        texts.PUNCTUATION_ONLY,
        texts.NON_ENGLISH,
        texts.HEADING_ONLY,
        texts.HEDGED_AND_BOOSTED,
        texts.CONSTRUCTED_PAGE,
        # Contractions in capitals lose their apostrophe; curly quotes are punctuation.
        "DON'T STOP. It's fine, isn’t it? 'Quoted' words -- and a hyphen-ated one.",
        # Lower-casing "İ" adds a combining dot that textstat strips only when it looks a word up alone.
        "İstanbul and İzmir are the largest cities of Türkiye. They're big.",
        # Short pieces (two words or fewer) are not sentences; a piece of punctuation tokens neither.
        "U.S. officials met. Yes. No! -- ... Then they left the room quietly.",
        "a b. c d e f. g",
        "Numbers 1,234 and 56.7% and £600m count as words; so does x2.",
    ],
    ids=["empty", "whitespace", "punctuation", "non-english", "heading", "hedged", "page", "contractions",
         "dotted-i", "short-pieces", "tiny", "numbers"],
)
def test_equal_to_textstat_on_named_and_edge_texts(text):
    assert_equal_to_textstat(text)


def test_degenerate_texts_follow_textstats_zero_convention():
    # textstat returns 0.0 (not NaN) where a formula has nothing to work on.
    row = figures(texts.PUNCTUATION_ONLY)
    assert row["words"] == 0 and row["sentences"] == 1
    assert row["flesch_reading_ease"] == 0.0 and row["dale_chall"] == 0.0 and row["gunning_fog"] == 0.0
    empty = figures("")
    assert empty["sentences"] == 0 and empty["smog_index"] == 0.0


def test_huge_text_equal_to_textstat():
    text = (texts.PLATYPUS + " " + texts.HEDGED_AND_BOOSTED + "\n\n") * 400  # about 100 KB
    assert_equal_to_textstat(text)


def test_word_figures_by_hand():
    # "platypus": 3 syllables (CMU), not an easy word -> polysyllable, difficult, complex.
    assert textstat_batch.word_figures("platypus") == (3, 1, 1, 1)
    # "the": 1 syllable, on the Dale-Chall easy list.
    assert textstat_batch.word_figures("The") == (1, 0, 0, 0)


def test_hyphenation_points_equal_pyphen():
    import pyphen

    hyphenator = pyphen.Pyphen(lang="en_US")
    words = ["", "a", "hyphenation", "lettergrepen", "Azerbaijan", "x" * 40, "poporiented", "communicateresearch", "İstanbul"]
    assert [textstat_batch.hyphenation_points(word) for word in words] == [len(hyphenator.positions(word)) for word in words]


def test_list_words_equal_to_textstat():
    from textstat.backend.selections import list_words

    sample = texts.CONSTRUCTED_PAGE + " DON'T don't 'tis rock'n'roll o'clock -- ’curly’ x'-t"
    assert textstat_batch.list_words(sample) == list_words(sample)


def test_whitespace_of_split_is_regex_whitespace():
    # characters and letters are counted from str.split(); this holds only if the two agree.
    whitespace = re.compile(r"\s")
    disagree = [hex(c) for c in range(0x110000) if bool(whitespace.match(chr(c))) != (len(f"a{chr(c)}a".split()) == 2)]
    assert disagree == []


def test_rejects_non_text():
    with pytest.raises(TypeError, match="needs a str"):
        textstat_batch.text_counts(None)


def test_series_keeps_its_index():
    series = pd.Series([texts.PLATYPUS, texts.CAT_AND_DOG], index=["a", "b"])
    assert list(textstat_batch.textstat_figures(series).index) == ["a", "b"]


@pytest.mark.slow
def test_equal_to_textstat_on_every_bbc_article(bbc_dir):
    from analysis.scale import stages

    documents, inputs = stages.read_inputs(stages.article_paths(bbc_dir, "**/*.txt"), bbc_dir, errors="raise")
    assert len(documents) == 2225
    ours = textstat_batch.textstat_figures([document["raw"] for document in documents])
    reference = pd.DataFrame([textstat_batch.textstat_reference(document["raw"]) for document in documents])
    difference = (ours[COLUMNS] - reference[COLUMNS]).abs().max()
    assert (difference <= 0.01).all(), difference[difference > 0.01]
