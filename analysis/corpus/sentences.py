"""Sentences of the article body, with raw-text offsets, shared by every analysis.

Splitting uses spaCy's rule-based ``sentencizer`` on a blank English pipeline
(spaCy 3.8; no model download). spaCy's tokenizer keeps abbreviations such as
"U.S." and "Dr." whole, so they do not end sentences. Each body segment (title,
heading, list item, table row, paragraph) is split on its own, so a sentence never
crosses a segment boundary: headings and bullets are never glued to the prose
around them, and furniture never leaks into a sentence. A flattened table row is
split into its cells (:func:`analysis.corpus.segments.table_cells`), each a unit of its
own, so "Relations with RussiaRestrains military involvement" reads as two cells.

Two repairs after the sentencizer (:func:`repair_boundaries`), both from the form of
the text: a sentence that ends with the *opening* straight quote of the next
quotation (``he declared. "``, where the ``"`` follows a space) gives that mark back
to the next sentence; and a sentence glued on after "U.S." (or another dotted
abbreviation of capitals, "U.K.", "U.N.") is split there when the next word is a
capitalised function word that starts sentences ("The", "He", "But" ...), while
"U.S. Senate" stays whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.corpus.segments import table_cells

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "seq", "segment_label", "start", "end", "text"]

#: A dotted abbreviation of capitals ("U.S.", "U.K.") followed by a capitalised word.
_DOTTED_CAPITALS = re.compile(r"\b(?:[A-Z]\.){2,}(?=\s+([A-Z][a-z]*)\b)")


@lru_cache(maxsize=1)
def sentence_pipeline():
    """The spaCy pipeline used for splitting (blank English + sentencizer), built once."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp


def split_text(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as (start, end) offsets, whitespace trimmed.

    An empty or whitespace-only text has no sentences. Results are cached per
    text, so stages that split the same segments (tone, attribution, rhetoric)
    pay for spaCy once.
    """
    return list(_split_text_cached(text))


@lru_cache(maxsize=200_000)
def _split_text_cached(text: str) -> tuple[tuple[int, int], ...]:
    if not text.strip():
        return ()
    return tuple(repair_boundaries(trimmed_sentence_spans(sentence_pipeline()(text), text), text))


@lru_cache(maxsize=1)
def _sentence_openers() -> frozenset[str]:
    """Capitalised function words that start a sentence after an abbreviation (spaCy's English stop words)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(word.capitalize() for word in STOP_WORDS if word.isalpha())


def repair_boundaries(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Move a stray opening quote to the sentence it opens, and split after "U.S." before a sentence opener.

    ``spans`` are trimmed ``(start, end)`` sentence spans of ``text`` in order;
    the result covers the same characters (whitespace between sentences aside).
    """
    openers = _sentence_openers()
    split: list[tuple[int, int]] = []
    for start, end in spans:
        cut = start
        for match in _DOTTED_CAPITALS.finditer(text, start, end):
            if match.group(1) in openers and match.end() < end:
                split.append((cut, match.end()))
                cut = match.end()
                while cut < end and text[cut].isspace():
                    cut += 1
        split.append((cut, end))
    repaired: list[tuple[int, int]] = []
    carry = None  # where a quote handed on by the previous sentence starts
    for start, end in split:
        if carry is not None:
            start, carry = carry, None
        # A straight quote after a space opens a quotation (a closing one follows its last word).
        if end - start >= 2 and text[end - 1] == '"' and text[end - 2].isspace():
            quote = end - 1
            end = quote
            while end > start and text[end - 1].isspace():
                end -= 1
            carry = quote
        if end > start:
            repaired.append((start, end))
    if carry is not None:  # a quote at the very end opens nothing: leave it where it was
        if repaired:
            repaired[-1] = (repaired[-1][0], carry + 1)
        else:
            repaired.append((carry, carry + 1))
    return repaired


def trimmed_sentence_spans(doc, text: str) -> list[tuple[int, int]]:
    """Sentence spans of an already parsed spaCy ``doc`` of ``text``, whitespace trimmed."""
    spans = []
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def split_sentences(segments: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series) -> pd.DataFrame:
    """Sentences of the given segments (usually :func:`analysis.corpus.loading.body_segments`).

    Parameters
    ----------
    segments : DataFrame
        Rows with ``doc_id, seq, start, end, label`` (raw offsets).
    raw_by_doc : mapping or Series
        ``doc_id -> raw text``.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``sentence_id`` (0-based, in page order within the
        document), ``seq`` and ``segment_label`` (the segment it lies in),
        ``start``/``end`` (raw offsets) and ``text`` (``raw[start:end]``).
    """
    rows = []
    counters: dict[str, int] = {}
    texts = []
    keys = []
    for doc_id, seq, start, end, label in segments[["doc_id", "seq", "start", "end", "label"]].itertuples(index=False):
        texts.append(raw_by_doc[doc_id][start:end])
        keys.append((doc_id, seq, start, label))
    for (doc_id, seq, offset, label), text in zip(keys, texts):
        units = table_cells(text) if label == "table_row" else split_text(text)
        for start, end in units:
            sentence_id = counters.get(doc_id, 0)
            counters[doc_id] = sentence_id + 1
            rows.append(
                {
                    "doc_id": doc_id,
                    "sentence_id": sentence_id,
                    "seq": seq,
                    "segment_label": label,
                    "start": offset + start,
                    "end": offset + end,
                    "text": text[start:end],
                }
            )
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def body_sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """Sentences of the body of every article in ``docs`` (from ``load_corpus``)."""
    from analysis.corpus.loading import body_segments

    return split_sentences(body_segments(docs), dict(zip(docs["doc_id"], docs["raw"])))
