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

import numpy as np
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


@lru_cache(maxsize=1)
def _splitting_tokenizer():
    """spaCy's English tokenizer (the same rules as :func:`sentence_pipeline`'s) on a vocabulary that
    computes only the attribute the sentencizer reads (``is_punct``) for each new word, not all 23."""
    import spacy
    from spacy.attrs import IS_PUNCT

    nlp = spacy.blank("en")
    nlp.max_length = 10_000_000
    nlp.vocab.lex_attr_getters = {IS_PUNCT: nlp.vocab.lex_attr_getters[IS_PUNCT]}
    return nlp.tokenizer


#: Texts whose spans are kept (:func:`split_text`); the oldest are forgotten first.
SPLIT_CACHE_SIZE = 200_000
#: Texts handed to spaCy at once by :func:`split_texts`.
SPACY_BATCH_SIZE = 256
_split_cache: dict[str, tuple[tuple[int, int], ...]] = {}
# What closes a sentence after its end mark: quotes and brackets (all Unicode punctuation).
_CLOSING_MARKS = frozenset("”’\"')]»")


def clear_cache() -> None:
    """Forget every split kept by :func:`split_text` and :func:`split_texts`."""
    _split_cache.clear()


def _remember(text: str, spans: tuple[tuple[int, int], ...]) -> None:
    if len(_split_cache) >= SPLIT_CACHE_SIZE:
        del _split_cache[next(iter(_split_cache))]
    _split_cache[text] = spans


@lru_cache(maxsize=1)
def _end_marks() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """The sentencizer's end marks; a pattern finding one; a pattern matching a run of end marks, quotes and brackets."""
    marks = frozenset(sentence_pipeline().get_pipe("sentencizer").punct_chars)
    characters = "".join(re.escape(mark) for mark in sorted(marks))
    closing = "".join(re.escape(mark) for mark in sorted(_CLOSING_MARKS))
    return marks, re.compile(f"[{characters}]"), re.compile(f"[{characters}{closing}]*")


def _one_sentence(text: str) -> tuple[int, int] | None:
    """``(start, end)`` of the stripped text when the sentencizer cannot split it, else None.

    The sentencizer starts a sentence only at a token that follows a token which is
    one of its end marks and is not itself punctuation. A text with no end mark, or
    whose end marks all sit in its closing run of end marks, quotes and brackets
    (every one Unicode punctuation: the tokens there are punctuation), is one
    sentence whatever spaCy's tokenizer makes of it, so spaCy need not run.
    """
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    _, end_mark, closing_run = _end_marks()
    found = end_mark.search(text, start, end)
    if found is None or closing_run.fullmatch(text, found.end(), end):
        return start, end
    return None


def _sentence_bounds(doc, text: str) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence spaCy's sentencizer finds in ``doc`` (tokenised ``text``).

    The sentencizer's rule (spaCy 3.8, ``Sentencizer.predict``) on the token
    attributes as arrays, instead of a Python object per token: a token that is
    neither punctuation nor an end mark starts a sentence when an end mark came
    after the previous such token; the first token always does.
    """
    from spacy.attrs import IDX, IS_PUNCT, LENGTH

    if not len(doc):
        return []
    table = doc.to_array([IDX, LENGTH, IS_PUNCT]).astype(np.int64)
    offsets, lengths, punctuation = table[:, 0], table[:, 1], table[:, 2]
    marks = _end_marks()[0]
    is_mark = np.zeros(len(doc), dtype=bool)
    for i in np.flatnonzero(lengths == 1).tolist():
        is_mark[i] = text[offsets[i]] in marks
    candidates = np.flatnonzero((punctuation == 0) & ~is_mark)
    marks_before = np.cumsum(is_mark)[candidates]
    previous = np.concatenate(([0], marks_before[:-1]))
    starts = candidates[marks_before > previous].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc)]
    offsets, lengths = offsets.tolist(), lengths.tolist()
    return [(offsets[first], offsets[last - 1] + lengths[last - 1]) for first, last in zip(starts, ends)]


def _trimmed(bounds: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    spans = []
    for start, end in bounds:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _split_tokenised(doc, text: str) -> tuple[tuple[int, int], ...]:
    return tuple(repair_boundaries(_trimmed(_sentence_bounds(doc, text), text), text))


def _split_one(text: str) -> tuple[tuple[int, int], ...]:
    if not text.strip():
        return ()
    single = _one_sentence(text)
    if single is not None:
        return tuple(repair_boundaries([single], text))
    return _split_tokenised(_splitting_tokenizer()(text), text)


def split_text(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as (start, end) offsets, whitespace trimmed.

    An empty or whitespace-only text has no sentences. Results are kept per
    text (the last :data:`SPLIT_CACHE_SIZE` texts), so stages that split the
    same segments (tone, attribution, rhetoric) pay for spaCy once.
    """
    spans = _split_cache.get(text)
    if spans is None:
        spans = _split_one(text)
        _remember(text, spans)
    return list(spans)


def split_texts(texts: list[str], batch_size: int = SPACY_BATCH_SIZE) -> list[list[tuple[int, int]]]:
    """:func:`split_text` of each text, with spaCy run over the new ones in batches (``nlp.pipe``).

    The same spans as calling :func:`split_text` on each text; every split is kept
    for later :func:`split_text` calls on the same text.
    """
    spans: list[tuple[tuple[int, int], ...] | None] = [_split_cache.get(text) for text in texts]
    to_parse: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if spans[i] is not None:
            continue
        if not text.strip():
            spans[i] = ()
        elif (single := _one_sentence(text)) is not None:
            spans[i] = tuple(repair_boundaries([single], text))
        else:
            to_parse.setdefault(text, []).append(i)
            continue
        _remember(text, spans[i])
    if to_parse:
        unique = list(to_parse)
        for text, doc in zip(unique, _splitting_tokenizer().pipe(unique, batch_size=batch_size)):
            found = _split_tokenised(doc, text)
            _remember(text, found)
            for i in to_parse[text]:
                spans[i] = found
    return [list(found) for found in spans]


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
    return _trimmed([(sentence.start_char, sentence.end_char) for sentence in doc.sents], text)


def split_sentences(segments: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series,
                    batch_size: int = SPACY_BATCH_SIZE) -> pd.DataFrame:
    """Sentences of the given segments (usually :func:`analysis.corpus.loading.body_segments`).

    Table rows are split into their cells (:func:`analysis.corpus.segments.table_cells`),
    every other segment by :func:`split_texts` (spaCy over all of them in batches;
    each split is kept for :func:`split_text`).

    Parameters
    ----------
    segments : DataFrame
        Rows with ``doc_id, seq, start, end, label`` (raw offsets).
    raw_by_doc : mapping or Series
        ``doc_id -> raw text``.
    batch_size : int
        Segments handed to spaCy at once.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``sentence_id`` (0-based, in page order within the
        document), ``seq`` and ``segment_label`` (the segment it lies in),
        ``start``/``end`` (raw offsets) and ``text`` (``raw[start:end]``).
    """
    keys = list(segments[["doc_id", "seq", "start", "label"]].itertuples(index=False, name=None))
    texts = [raw_by_doc[doc_id][start:end] for doc_id, start, end in zip(segments["doc_id"], segments["start"], segments["end"])]
    prose = [i for i, (*_, label) in enumerate(keys) if label != "table_row"]
    split = dict(zip(prose, split_texts([texts[i] for i in prose], batch_size)))
    columns: dict[str, list] = {name: [] for name in SENTENCE_COLUMNS}
    counters: dict[str, int] = {}
    for i, ((doc_id, seq, offset, label), text) in enumerate(zip(keys, texts)):
        units = split[i] if i in split else table_cells(text)
        first = counters.get(doc_id, 0)
        counters[doc_id] = first + len(units)
        columns["doc_id"] += [doc_id] * len(units)
        columns["sentence_id"] += range(first, first + len(units))
        columns["seq"] += [seq] * len(units)
        columns["segment_label"] += [label] * len(units)
        columns["start"] += [offset + start for start, _ in units]
        columns["end"] += [offset + end for _, end in units]
        columns["text"] += [text[start:end] for start, end in units]
    return pd.DataFrame(columns, columns=SENTENCE_COLUMNS)


def body_sentences(docs: pd.DataFrame) -> pd.DataFrame:
    """Sentences of the body of every article in ``docs`` (from ``load_corpus``)."""
    from analysis.corpus.loading import body_segments

    return split_sentences(body_segments(docs), dict(zip(docs["doc_id"], docs["raw"])))
