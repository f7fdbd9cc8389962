"""analysis.corpus.sentences: offsets into the raw text, never across segments."""

from __future__ import annotations

from analysis.corpus import sentences
from tests import texts


def test_every_sentence_is_its_raw_span(seed_docs, seed_raw):
    table = sentences.body_sentences(seed_docs)
    assert len(table) > 0
    for row in table.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.text
        assert row.text == row.text.strip()


def test_sentences_stay_inside_their_segment(seed_docs, seed_segments):
    table = sentences.body_sentences(seed_docs)
    bounds = seed_segments.set_index(["doc_id", "seq"])[["start", "end", "kind"]]
    for row in table.itertuples():
        start, end, kind = bounds.loc[(row.doc_id, row.seq)]
        assert kind == "body" and start <= row.start < row.end <= end


def test_abbreviations_do_not_split_and_bullets_stand_alone(seed_docs):
    table = sentences.body_sentences(seed_docs)
    doc = table[table["doc_id"].eq("003_f04a42b35340f9e1")]
    # "U.S." must not end a sentence: this sentence is one unit in the text.
    assert doc["text"].str.startswith("One of the persistent weaknesses of U.S. foreign policy").sum() == 1
    bullets = table[table["segment_label"].eq("list_item")]
    assert (bullets.groupby(["doc_id", "seq"]).size() >= 1).all()
    heading = table[table["text"].eq("In Summary")]
    assert len(heading) == 1


def test_edge_cases():
    assert sentences.split_text(texts.EMPTY_STR) == []
    assert sentences.split_text(texts.WHITESPACE_ONLY) == []
    spans = sentences.split_text("First one. Second one!  Third?")
    assert [("First one. Second one!  Third?")[s:e] for s, e in spans] == ["First one.", "Second one!", "Third?"]
    assert len(sentences.split_text(texts.NON_ENGLISH)) == 2


def test_flattened_table_rows_split_into_cells(seed_docs, seed_raw):
    table = sentences.body_sentences(seed_docs)
    cells = table[table["segment_label"].eq("table_row") & table["doc_id"].eq("000_f9577ae45c5847e6")]
    # Read off seed 000: the row "Relations with RussiaRestrains military involvement ..." has two cells.
    assert "Relations with Russia" in set(cells["text"])
    assert "Restrains military involvement due to Moscow’s regional influence" in set(cells["text"])
    assert {"Priority Area", "Azerbaijan’s Focus", "US Expectations"} <= set(cells["text"])


def test_opening_straight_quote_goes_to_the_quotation_it_opens():
    text = 'Sales rose 6%. "We are pleased," the chairman said. Profits fell. "It was a hard year."'
    got = [text[s:e] for s, e in sentences.split_text(text)]
    assert got == ["Sales rose 6%.", '"We are pleased," the chairman said.', "Profits fell.", '"It was a hard year."']


def test_closing_quote_of_a_long_quotation_stays_put():
    text = 'He said: "The plan works. It will cut costs." Then he left.'
    got = [text[s:e] for s, e in sentences.split_text(text)]
    assert got[1] == 'It will cut costs."' and got[-1] == "Then he left."


def test_us_ends_a_sentence_only_before_a_sentence_opener():
    text = "Officials in the U.S. Senate agreed. She moved to the U.S. The move was quick."
    got = [text[s:e] for s, e in sentences.split_text(text)]
    assert got == ["Officials in the U.S. Senate agreed.", "She moved to the U.S.", "The move was quick."]


# Pieces of text that move spaCy's sentence boundaries: abbreviations, numbers, end marks,
# closing quotes and brackets, emoticons, runs of whitespace and newlines.
_PIECES = ["word", "The", "U.S.", "Dr.", "etc.", "3.5", ".", "!", "?", "...", "…", '"', "“", "”", "’", "'", ")", "(",
           "]", "»", ",", ";", ":", "—", " ", " ", "  ", "\n", "\n\n", "\t", "it's", "e.g.", "?!", "。", ":)", "'s",
           "Mr.", "\u00a0", "‼", "“Yes.”", "a.m."]


def _spacy_split(text):
    nlp = sentences.sentence_pipeline()
    if not text.strip():
        return []
    return sentences.repair_boundaries(sentences.trimmed_sentence_spans(nlp(text), text), text)


def test_split_equals_spacy_sentencizer_on_random_and_real_text(seed_segments):
    import random

    rng = random.Random(19)
    constructed = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 10))) for _ in range(3000)]
    real = list(seed_segments["text"])
    sentences.clear_cache()
    for text in constructed + real:
        assert sentences.split_text(text) == _spacy_split(text), repr(text)


def test_split_texts_equals_split_text_and_fills_its_cache():
    texts_ = ["One. Two.", "A heading", "One. Two.", "", "He said so.\n\n", "Q? A! B."]
    sentences.clear_cache()
    batched = sentences.split_texts(texts_)
    assert batched == [_spacy_split(text) for text in texts_]
    assert all(text in sentences._split_cache for text in texts_)
    assert [sentences.split_text(text) for text in texts_] == batched


def test_a_text_the_sentencizer_cannot_split_is_not_parsed():
    assert sentences._one_sentence("  A heading without an end mark ") == (2, 31)
    assert sentences._one_sentence('He said "no."') == (0, 13)  # end marks only in the closing run
    assert sentences._one_sentence("One. Two") is None
