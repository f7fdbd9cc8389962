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


def _units(raw: str, pieces: list[tuple[int, str, str]], doc_id: str = "a") -> pd.DataFrame:
    """Body units of ``raw``: ``(seq, segment label, text)`` found in order, with their raw offsets."""
    rows, position = [], 0
    for seq, label, text in pieces:
        start = raw.index(text, position)
        position = start + len(text)
        rows.append({"doc_id": doc_id, "seq": seq, "segment_label": label, "start": start, "end": position, "text": text})
    return pd.DataFrame(rows)


LONG_PARAGRAPH = ("The regional authority approved the budget after a long debate in which members questioned "
                  "the administrative assumptions behind the infrastructure programme and its consequences.")
EASY_PARAGRAPH = ("The vote was close. Some members said no. Most said yes, and the plan went ahead. "
                  "The work will start in May and end next year, if the money comes in on time.")
FRAGMENT = "Strategic recommendations include:"


def test_a_fragment_is_scored_but_never_the_hardest_paragraph():
    # The fragment has the lowest reading ease of the three (3 words, 10 syllables) but only 3 words.
    raw = f"{EASY_PARAGRAPH}\n\n{FRAGMENT}\n\n{LONG_PARAGRAPH}\n"
    easy_sentences = ["The vote was close.", "Some members said no.", "Most said yes, and the plan went ahead.",
                      "The work will start in May and end next year, if the money comes in on time."]
    units = _units(raw, [(0, "paragraph", s) for s in easy_sentences] + [(1, "paragraph", FRAGMENT), (2, "paragraph", LONG_PARAGRAPH)])
    paragraphs = readability.paragraph_readability(units).set_index("seq")
    assert paragraphs["flesch_reading_ease"].idxmin() == 1
    assert paragraphs["words"].tolist() == [33, 3, 24]
    assert paragraphs["ranked"].tolist() == [True, False, False]
    # raw[start:end] is the paragraph, sentences joined.
    assert raw[paragraphs.loc[0, "start"]:paragraphs.loc[0, "end"]] == EASY_PARAGRAPH
    assert paragraphs.loc[0, "text"] == EASY_PARAGRAPH
    hardest = readability.hardest_paragraphs(paragraphs.reset_index())
    assert FRAGMENT not in set(hardest["text"])


def test_the_word_threshold_decides_what_is_ranked():
    raw = f"{LONG_PARAGRAPH}\n\n{EASY_PARAGRAPH}\n"
    units = _units(raw, [(0, "paragraph", LONG_PARAGRAPH), (1, "paragraph", EASY_PARAGRAPH)])
    words = readability.paragraph_readability(units).set_index("seq")["words"]
    assert words[0] == 24 and words[1] == 33
    strict = readability.hardest_paragraphs(readability.paragraph_readability(units, min_words=30))
    loose = readability.hardest_paragraphs(readability.paragraph_readability(units, min_words=10))
    assert strict["seq"].tolist() == [1]  # the 24-word paragraph is too short to rank at 30
    assert loose["seq"].tolist() == [0]   # at 10 it is ranked, and it is the harder one


def test_headings_lists_and_tables_are_not_paragraphs():
    raw = f"Budget Talks\n\n{LONG_PARAGRAPH}\n\n• A bullet that has a few words in it.\n"
    units = _units(raw, [(0, "heading", "Budget Talks"), (1, "paragraph", LONG_PARAGRAPH),
                         (2, "list_item", "• A bullet that has a few words in it.")])
    assert readability.paragraph_readability(units)["seq"].tolist() == [1]
    with pytest.raises(ValueError, match=r"\['seq'"):
        readability.paragraph_readability(units.drop(columns="seq"))


def test_no_hardest_paragraph_of_a_seed_or_bbc_article_is_a_fragment(seed_docs, bbc_dir, tmp_path):
    from analysis.corpus import loading

    for path in sorted((bbc_dir / "politics").glob("*.txt"))[:40]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    docs = pd.concat([seed_docs, loading.load_corpus(tmp_path)], ignore_index=True)
    paragraphs = readability.paragraph_readability(sentences.body_sentences(docs))
    hardest = readability.hardest_paragraphs(paragraphs)
    assert len(hardest) >= 40
    assert hardest["words"].min() >= readability.MIN_PARAGRAPH_WORDS
    assert not hardest["text"].str.fullmatch(r"[^.!?]*:").any()  # no lead-in ending with a colon
