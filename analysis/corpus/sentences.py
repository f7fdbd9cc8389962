"""Sentences of the article body, with raw-text offsets, shared by every analysis.

Splitting uses spaCy's rule-based ``sentencizer`` on a blank English pipeline
(spaCy 3.8; no model download). spaCy's tokenizer keeps abbreviations such as
"U.S." and "Dr." whole, so they do not end sentences. Each body segment (title,
heading, list item, table row, paragraph) is split on its own, so a sentence never
crosses a segment boundary: headings and bullets are never glued to the prose
around them, and furniture never leaks into a sentence. A flattened table row is
split into its cells (:func:`analysis.corpus.segments.table_cells`), each a unit of its
own, so "Relations with RussiaRestrains military involvement" reads as two cells.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.corpus.segments import table_cells

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "seq", "segment_label", "start", "end", "text"]


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
    return tuple(trimmed_sentence_spans(sentence_pipeline()(text), text))


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
