"""Overlap between articles: shared vocabulary, phrases, reused passages and entities.

Start here in a notebook::

    from analysis.corpus import loading
    from analysis.overlap import similarity
    docs = loading.load_corpus()
    tokens = similarity.body_tokens(docs)          # words of the body, raw offsets
    cosine = similarity.tfidf_cosine(tokens)       # doc x doc similarity
    terms = similarity.shared_terms(tokens)        # the words that make each cosine
    ngrams = similarity.shared_ngrams(tokens)      # phrases in two or more articles
    passages = similarity.shared_passages(docs, tokens)  # reused passages, both spans

Every pairwise step (:func:`shared_terms`, :func:`shared_passages`,
:func:`shared_entities`, :func:`overlap_pairs`, :func:`pair_cosines`) takes an
optional ``pairs`` frame (``doc_a, doc_b``) and compares only those pairs; for a
corpus of thousands pass :func:`analysis.overlap.candidates.candidate_pairs`, which
grows with the articles, not with their square. Each pair's result is the one
an all-pairs run gives it.

Everything is computed on body segments only (page furniture never enters), and
every span is a pair of character offsets into the raw article text. Stopwords
are scikit-learn's English list (``ENGLISH_STOP_WORDS``, from the Glasgow
Information Retrieval Group); they never count as vocabulary, never start or end
a shared phrase and never seed an alignment.

Quantity claims live in :mod:`analysis.overlap.claims`, function-word stylometry in
:mod:`analysis.overlap.stylometry` and MinHash near-duplicate search in
:mod:`analysis.overlap.near_duplicates`; :func:`overlap_pairs` joins them into one row
per pair of articles.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.provenance import actors
from analysis.corpus.loading import body_segments
from analysis.overlap.near_duplicates import COMBINING_MARKS, composed, has_combining_mark

STOPWORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)

#: Identical aligned words a passage needs to count as reused between two articles (what report 04 and the index call reuse).
REUSED_PASSAGE_WORDS = 8
TOKEN_COLUMNS = ["doc_id", "seq", "token_id", "start", "end", "text", "norm", "is_content", "phrase_break"]
PAIR_COLUMNS = ["doc_a", "doc_b", "tfidf_cosine", "shared_ngrams", "shared_entities", "stylometric_delta"]
SHARED_TERM_COLUMNS = ["doc_a", "doc_b", "term", "weight_a", "weight_b", "contribution", "share_of_cosine"]
KEYNESS_COLUMNS = ["doc_id", "term", "count", "count_rest", "per_1000", "per_1000_rest", "log_likelihood", "log_ratio"]
NGRAM_COLUMNS = ["ngram", "n", "n_docs", "docs", "count"]
NGRAM_OCCURRENCE_COLUMNS = ["ngram", "doc_id", "start", "end", "text"]
PASSAGE_COLUMNS = [
    "doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "text_a", "text_b", "score",
    "matched_words", "words_a", "words_b",
]
ENTITY_PAIR_COLUMNS = ["doc_a", "doc_b", "actor", "kind", "mentions_a", "mentions_b"]

# Acronyms with dots first ("U.S."), then numbers ("1,000", "3.5"), then words with
# inner apostrophes or hyphens ("Azerbaijan's", "Nagorno-Karabakh", "44-day").
# A combining mark (a decomposed accent) belongs to the word it follows, so an NFD copy of a
# text has the same words as its NFC original; normalise_word then composes them (NFC).
_LETTER_ON = rf"(?:[^\W_]|{COMBINING_MARKS})"
_TOKEN_WITH_MARKS = re.compile(
    rf"(?:[^\W\d_]{COMBINING_MARKS}*\.){{2,}}"
    r"|\d+(?:[.,]\d+)*(?:[-‐][^\W_]+)*"
    rf"|[^\W\d_]{_LETTER_ON}*(?:['’\-‐]{_LETTER_ON}+)*"
)
_TOKEN = re.compile(  # the same, for the usual text with no combining mark (faster)
    r"(?:[^\W\d_]\.){2,}"
    r"|\d+(?:[.,]\d+)*(?:[-‐][^\W_]+)*"
    r"|[^\W\d_][^\W_]*(?:['’\-‐][^\W_]+)*"
)
# Table cells glued by page capture ("Priority AreaAzerbaijan’s FocusUS") split where
# a lower-case letter meets an upper-case one.
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1 << 18)  # a corpus repeats its words: normalise each distinct one once
def normalise_word(word: str) -> str:
    """The form a word is compared in.

    Composed (Unicode NFC, so "e" + U+0301 is "é"), lower case, curly apostrophes straightened, a possessive ``'s`` dropped and
    dots removed from dotted acronyms. Acronyms of two to five capitals keep
    their case, so "US" (the country) stays apart from the pronoun "us".
    """
    word = composed(word).replace("’", "'").replace("‐", "-")
    if re.fullmatch(r"(?:[^\W\d_]\.){2,}", word):
        return word.replace(".", "").upper()
    word = _POSSESSIVE.sub("", word) or word
    if 2 <= len(word) <= 5 and word.isupper() and word.isalpha():
        return word
    return word.lower()


@lru_cache(maxsize=1 << 18)
def is_content_word(norm: str) -> bool:
    """True for a word that can carry vocabulary: not a stopword or contraction, has a letter."""
    return (
        len(norm) >= 2
        and norm not in STOPWORDS  # an acronym keeps its capitals, so "US" is not "us"
        and "'" not in norm
        and any(ch.isalpha() for ch in norm)
        and not any(ch.isdigit() for ch in norm)
    )


def tokenize(text: str, split_glued: bool = False) -> list[tuple[int, int, str]]:
    """Words of ``text`` as ``(start, end, norm)`` with offsets into ``text``.

    Parameters
    ----------
    text : str
        Any text.
    split_glued : bool
        Split words at a lower-to-upper case change ("AreaAzerbaijan" ->
        "Area", "Azerbaijan"); meant for table rows whose cells the page capture
        glued together. It would also split names such as "McDonald", so it is
        off for prose.
    """
    words = []
    for match in (_TOKEN_WITH_MARKS if has_combining_mark(text) else _TOKEN).finditer(text):
        pieces = [(match.start(), match.end())]
        if split_glued and _GLUED.search(match.group()):
            cuts = [match.start()] + [match.start() + m.start() for m in _GLUED.finditer(match.group())] + [match.end()]
            pieces = list(zip(cuts, cuts[1:]))
        for start, end in pieces:
            words.append((start, end, normalise_word(text[start:end])))
    return words


def body_tokens(docs: pd.DataFrame, segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every word of every article body, with raw offsets.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus` (``doc_id``, ``raw``).
    segments : DataFrame, optional
        :func:`analysis.corpus.loading.segment_corpus` of the same ``docs`` when already
        computed (segmenting thousands of pages takes a while); its body
        segments are used.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id``, ``seq`` (body segment), ``token_id`` (0-based within
        the document, in page order), ``start``/``end`` (raw offsets, so
        ``raw[start:end] == text``), ``text``, ``norm`` (:func:`normalise_word`),
        ``is_content`` (:func:`is_content_word`) and ``phrase_break`` (True when
        punctuation or a segment boundary separates the word from the previous
        one, so no shared phrase runs across it).
    """
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    # One list per column, not a tuple per word: a corpus of a million words would hold a million tuples at once.
    columns: dict[str, list] = {name: [] for name in TOKEN_COLUMNS}
    counters: dict[str, int] = defaultdict(int)
    for doc_id, seq, start, end, label in _body(docs, segments)[["doc_id", "seq", "start", "end", "label"]].itertuples(index=False):
        segment = raw_by_doc[doc_id][start:end]
        words = tokenize(segment, split_glued=(label == "table_row"))
        if not words:
            continue
        first = counters[doc_id]
        counters[doc_id] = first + len(words)
        previous_end = None
        for w_start, w_end, norm in words:
            columns["start"].append(start + w_start)
            columns["end"].append(start + w_end)
            columns["text"].append(segment[w_start:w_end])
            columns["norm"].append(norm)
            columns["is_content"].append(is_content_word(norm))
            columns["phrase_break"].append(previous_end is None or segment[previous_end:w_start].strip() != "")
            previous_end = w_end
        columns["doc_id"].extend([doc_id] * len(words))
        columns["seq"].extend([seq] * len(words))
        columns["token_id"].extend(range(first, first + len(words)))
    frame = pd.DataFrame({
        "doc_id": columns["doc_id"],
        "seq": np.array(columns["seq"], dtype=np.int64),
        "token_id": np.array(columns["token_id"], dtype=np.int64),
        "start": np.array(columns["start"], dtype=np.int64),
        "end": np.array(columns["end"], dtype=np.int64),
        "text": columns["text"],
        "norm": columns["norm"],
        "is_content": np.array(columns["is_content"], dtype=bool),
        "phrase_break": np.array(columns["phrase_break"], dtype=bool),
    }, columns=TOKEN_COLUMNS)
    return frame


def _body(docs: pd.DataFrame, segments: pd.DataFrame | None) -> pd.DataFrame:
    """The body segments of ``docs``: from ``segments`` when given, else segmented now."""
    if segments is None:
        return body_segments(docs)
    return segments[segments["kind"].eq("body")].reset_index(drop=True)


# ---------------------------------------------------------------- vocabulary


def term_counts(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Content-word counts: one row per document (index ``doc_id``), one column per term.

    ``doc_ids`` (e.g. ``docs["doc_id"]``) lists every document, so one without
    any content word (or any word) keeps a row of zeros; by default the
    documents are those in ``tokens``.
    """
    content = tokens.loc[tokens["is_content"].astype(bool)]
    counts = pd.crosstab(content["doc_id"], content["norm"]) if len(content) else pd.DataFrame(dtype="int64")
    doc_ids = documents_in_order(tokens["doc_id"] if doc_ids is None else doc_ids)
    return counts.reindex(index=doc_ids, fill_value=0).rename_axis(index="doc_id", columns="term")


def documents_in_order(doc_ids) -> list[str]:
    """Each document id once, in order of first appearance (``list(dict.fromkeys(doc_ids))``).

    A column of a token table is read as one object array first: iterating a
    pandas string column yields its million values one by one (0.4 s at 2,000
    articles, for every step that counts words).
    """
    return list(dict.fromkeys(doc_ids.to_numpy(dtype=object) if isinstance(doc_ids, (pd.Series, pd.Index)) else doc_ids))


def tfidf_matrix(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> tuple[sparse.csr_matrix, pd.Index, pd.Index]:
    """The TF-IDF weights of :func:`tfidf_weights` as a sparse matrix, for corpora of thousands.

    A dense document × term frame of 2,000 news articles holds some 60 million
    cells, almost all zero; this sparse form holds only the words each article
    uses, so memory and the cost of a pair grow with the articles' lengths, not
    with the vocabulary.

    Returns
    -------
    (matrix, doc_index, term_index)
        ``matrix`` is a SciPy CSR matrix (rows in ``doc_index`` order, columns
        in ``term_index`` order: terms sorted, column indices sorted within each
        row); the same values as ``tfidf_weights(tokens, doc_ids)``.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    counts, doc_index, term_index = _count_matrix(tokens, doc_ids)
    if counts.shape[1] == 0:
        matrix = counts.astype(float)
    else:
        matrix = TfidfTransformer().fit_transform(counts).tocsr()
        matrix.sort_indices()
    return matrix, doc_index, term_index


def _count_matrix(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> tuple[sparse.csr_matrix, pd.Index, pd.Index]:
    """:func:`term_counts` as a sparse CSR matrix (rows ``doc_index``, columns ``term_index``, sorted)."""
    doc_index = pd.Index(documents_in_order(tokens["doc_id"] if doc_ids is None else doc_ids), name="doc_id")
    content = tokens.loc[tokens["is_content"].astype(bool)]
    # A hash table of the words, not a fixed-width string array (the width of the longest word times every word).
    term_codes, terms = pd.factorize(content["norm"].to_numpy(dtype=object), sort=True)
    terms = np.asarray(terms, dtype=object)
    doc_codes = doc_index.get_indexer(content["doc_id"])
    kept = doc_codes >= 0  # words of documents left out of ``doc_ids`` still name a column, as in term_counts
    counts = sparse.csr_matrix(
        (np.ones(int(kept.sum()), dtype=np.int64), (doc_codes[kept], term_codes.reshape(-1)[kept])),
        shape=(len(doc_index), len(terms)),
    )
    counts.sum_duplicates()
    counts.sort_indices()
    return counts, doc_index, pd.Index(terms, dtype=object, name="term")


def tfidf_weights(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """TF-IDF weights of content words, each document's row scaled to unit length.

    scikit-learn's ``TfidfTransformer`` with its defaults (raw counts, smoothed
    idf ``ln((1 + n) / (1 + df)) + 1``, l2 norm). A document with no content word
    keeps a row of zeros (``doc_ids`` as in :func:`term_counts`). Dense: for a
    large corpus use :func:`tfidf_matrix`.
    """
    matrix, doc_index, term_index = tfidf_matrix(tokens, doc_ids)
    return pd.DataFrame(matrix.toarray(), index=doc_index, columns=term_index)


def tfidf_cosine(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Cosine similarity of the documents' TF-IDF vectors (symmetric, 1 on the diagonal).

    Returns a square frame indexed by ``doc_id`` both ways (every one of
    ``doc_ids`` when given); a document without content words has similarity 0
    to every other and NaN to itself. The frame is n × n; for thousands of
    articles take the cosines of chosen pairs with :func:`pair_cosines`.
    """
    matrix, doc_index, _ = tfidf_matrix(tokens, doc_ids)
    product = (matrix @ matrix.T).toarray()
    has_words = np.asarray(matrix.multiply(matrix).sum(axis=1)).reshape(-1) > 0
    np.fill_diagonal(product, np.where(has_words, 1.0, np.nan))
    return pd.DataFrame(product, index=doc_index, columns=doc_index)


def pair_cosines(tokens: pd.DataFrame, pairs: pd.DataFrame | None = None, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """TF-IDF cosine of chosen pairs of documents, without the n × n matrix.

    Parameters
    ----------
    tokens : DataFrame
        From :func:`body_tokens`.
    pairs : DataFrame, optional
        ``doc_a, doc_b`` (e.g. :func:`analysis.overlap.candidates.candidate_pairs`);
        default every pair of ``doc_ids``.
    doc_ids : sequence of str, optional
        Every document (as in :func:`tfidf_cosine`); a pair naming a document
        without content words has cosine 0.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, tfidf_cosine`` (``doc_a < doc_b``), in pair order.
    """
    matrix, doc_index, _ = tfidf_matrix(tokens, doc_ids)
    chosen = pair_list(pairs, doc_index)
    rows_a = doc_index.get_indexer([a for a, _ in chosen])
    rows_b = doc_index.get_indexer([b for _, b in chosen])
    values = np.zeros(len(chosen))
    known = (rows_a >= 0) & (rows_b >= 0)
    if known.any():
        values[known] = np.asarray(matrix[rows_a[known]].multiply(matrix[rows_b[known]]).sum(axis=1)).reshape(-1)
    return pd.DataFrame({"doc_a": [a for a, _ in chosen], "doc_b": [b for _, b in chosen], "tfidf_cosine": values})


def _descending_order(values: np.ndarray) -> np.ndarray:
    """Positions of ``values`` from largest to smallest, ties as ``Series.sort_values(ascending=False)`` orders them."""
    reversed_positions = np.arange(len(values))[::-1]
    return reversed_positions[values[::-1].argsort(kind="quicksort")][::-1]


def shared_terms(tokens: pd.DataFrame, top: int | None = 10, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The words behind each pair's TF-IDF cosine.

    The cosine of two unit vectors is the sum over terms of ``weight_a *
    weight_b``, so each shared term's ``contribution`` is its exact part of the
    similarity and the contributions of all shared terms add up to the cosine.

    Parameters
    ----------
    tokens : DataFrame
        From :func:`body_tokens`.
    top : int or None
        Keep the ``top`` largest contributions per pair (None keeps all).
    pairs : DataFrame, optional
        The pairs to explain (``doc_a, doc_b``, e.g. the candidate pairs of
        :func:`analysis.overlap.candidates.candidate_pairs`); default every pair. Each
        pair costs the length of its two articles, not the vocabulary.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, term, weight_a, weight_b, contribution,
        share_of_cosine`` (contribution / cosine), ``doc_a < doc_b``, sorted by
        pair and falling contribution.
    """
    matrix, doc_index, term_index = tfidf_matrix(tokens)
    terms = term_index.to_numpy()
    position = {doc: i for i, doc in enumerate(doc_index)}
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    columns: dict[str, list] = {name: [] for name in SHARED_TERM_COLUMNS}
    for doc_a, doc_b in pair_list(pairs, doc_index):
        if doc_a not in position or doc_b not in position:
            continue
        a, b = position[doc_a], position[doc_b]
        span_a, span_b = slice(indptr[a], indptr[a + 1]), slice(indptr[b], indptr[b + 1])
        common, at_a, at_b = np.intersect1d(indices[span_a], indices[span_b], assume_unique=True, return_indices=True)
        weight_a, weight_b = data[span_a][at_a], data[span_b][at_b]
        product = weight_a * weight_b
        positive = product > 0
        common, weight_a, weight_b, product = common[positive], weight_a[positive], weight_b[positive], product[positive]
        order = _descending_order(product)
        cosine = float(product[order].sum())
        order = order if top is None else order[:top]
        columns["doc_a"].extend([doc_a] * len(order))
        columns["doc_b"].extend([doc_b] * len(order))
        columns["term"].append(terms[common[order]])
        columns["weight_a"].append(weight_a[order])
        columns["weight_b"].append(weight_b[order])
        columns["contribution"].append(product[order])
        columns["share_of_cosine"].append(product[order] / cosine)
    if not columns["term"]:
        return pd.DataFrame(columns=SHARED_TERM_COLUMNS)
    frame = {name: values if name in ("doc_a", "doc_b") else np.concatenate(values) for name, values in columns.items()}
    frame["term"] = frame["term"].astype(object)
    return pd.DataFrame(frame, columns=SHARED_TERM_COLUMNS)


def keyness(tokens: pd.DataFrame, min_count: int = 3, min_log_likelihood: float = 3.84) -> pd.DataFrame:
    """Distinctive words of each article against the rest of the corpus.

    Dunning's log-likelihood G² as computed by Rayson & Garside (2000), with
    corpus sizes counted in content words; the effect size is Hardie's (2014) log
    ratio, ``log2`` of the relative frequencies (a zero count in the rest of the
    corpus is replaced by 0.5 so the ratio stays finite). Only words an article
    uses *more* than the rest are kept.

    Parameters
    ----------
    tokens : DataFrame
        From :func:`body_tokens`.
    min_count : int
        Smallest count in the article (rarer words cannot be told from chance).
    min_log_likelihood : float
        Smallest G²; 3.84 is p < 0.05 with one degree of freedom, 6.63 p < 0.01.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, term, count, count_rest, per_1000, per_1000_rest,
        log_likelihood, log_ratio``, sorted by document and falling G².
    """
    counts, doc_index, term_index = _count_matrix(tokens)  # sparse: a row costs its own words, not the vocabulary
    totals = np.asarray(counts.sum(axis=0)).reshape(-1)
    sizes = np.asarray(counts.sum(axis=1)).reshape(-1)
    corpus_size = int(sizes.sum())
    terms = term_index.to_numpy()
    rows = []
    for position, doc_id in enumerate(doc_index):
        size, rest_size = int(sizes[position]), corpus_size - int(sizes[position])
        if size == 0 or rest_size == 0:
            continue
        span = slice(counts.indptr[position], counts.indptr[position + 1])
        frequent = counts.data[span] >= min_count
        for column, count in zip(counts.indices[span][frequent], counts.data[span][frequent]):
            term, count = terms[column], int(count)
            rest = int(totals[column] - count)
            g2 = log_likelihood(int(count), size, rest, rest_size)
            if count / size <= rest / rest_size or g2 < min_log_likelihood:
                continue
            log_ratio = math.log2((count / size) / (max(rest, 0.5) / rest_size))
            rows.append((doc_id, term, int(count), rest, 1000 * count / size, 1000 * rest / rest_size, g2, log_ratio))
    frame = pd.DataFrame(rows, columns=KEYNESS_COLUMNS)
    return frame.sort_values(["doc_id", "log_likelihood", "term"], ascending=[True, False, True], ignore_index=True)


def log_likelihood(count_a: int, size_a: int, count_b: int, size_b: int) -> float:
    """Dunning's G² for a word seen ``count_a`` times in ``size_a`` words and
    ``count_b`` times in ``size_b`` words (Rayson & Garside 2000)."""
    total = count_a + count_b
    if total == 0:
        return 0.0
    expected_a = size_a * total / (size_a + size_b)
    expected_b = size_b * total / (size_a + size_b)
    g2 = 0.0
    for observed, expected in ((count_a, expected_a), (count_b, expected_b)):
        if observed > 0:
            g2 += observed * math.log(observed / expected)
    return 2 * g2


# ---------------------------------------------------------------- shared phrases


@dataclass(frozen=True)
class _Phrases:
    """The non-trivial n-grams found in ``min_docs`` or more documents (see :func:`_frequent_phrases`).

    ``table`` has one row per n-gram: ``ngram, n, doc_ids`` (a tuple, sorted),
    ``count`` (occurrences) and ``subsumed`` (a longer such n-gram containing it
    is used by exactly the same documents). ``occurrences`` has one row per
    occurrence: ``phrase`` (row of ``table``), ``doc_id``, ``start``, ``end``.
    """

    table: pd.DataFrame
    occurrences: pd.DataFrame


@dataclass(frozen=True)
class _WordRuns:
    """A token table as arrays, each document's words together in their order (what the phrase finders read)."""

    doc_codes: np.ndarray  # int64 code of each word's document (codes in order of first appearance)
    doc_index: pd.Index  # document id of each code
    norms: np.ndarray  # each word's normalised form
    codes: np.ndarray  # int64 code of each word's form
    vocabulary: pd.Index  # the form of each code
    content: np.ndarray  # whether the word is a content word
    starts: np.ndarray
    ends: np.ndarray
    run_of: np.ndarray  # number of the run of words (no phrase break, one document) each word is in


def _word_runs(tokens: pd.DataFrame) -> _WordRuns:
    doc_codes, doc_index = pd.factorize(tokens["doc_id"].to_numpy(dtype=object))
    order = np.argsort(doc_codes, kind="stable")  # each document's words together, in their order
    doc_codes = doc_codes[order].astype(np.int64)
    norms = tokens["norm"].to_numpy(dtype=object)[order]
    codes, vocabulary = pd.factorize(norms)
    new_run = tokens["phrase_break"].to_numpy(dtype=bool)[order]
    new_run[0] = True
    new_run[1:] |= doc_codes[1:] != doc_codes[:-1]
    return _WordRuns(doc_codes, doc_index, norms, codes.astype(np.int64), vocabulary,
                     tokens["is_content"].to_numpy(dtype=bool)[order], tokens["start"].to_numpy()[order],
                     tokens["end"].to_numpy()[order], np.cumsum(new_run))


def _frequent_phrases(tokens: pd.DataFrame, n_min: int, n_max: int | None, min_docs: int, with_subsumed: bool = True) -> _Phrases:
    """The shared n-grams of :func:`shared_ngrams` and :func:`ngram_occurrences`, level by level.

    Built level by level (Apriori): a word sequence can only be in ``min_docs``
    documents if the sequence one word shorter at each of its ends is too, so
    only those are extended. Words, sequences and documents are integer codes
    and every level is a few array operations over the positions still
    extended, so the work is about the number of words times the length of the
    longest shared run, never a loop over occurrences.

    Whether an n-gram is subsumed needs no comparison of document lists: a
    longer n-gram's documents are a subset of a shorter one's it contains, so
    the two are used by the same documents exactly when they are used by as
    many. An n-gram is subsumed when an n-gram one word longer, used by as many
    documents, is itself non-trivial or subsumed; that is decided from the
    longest level down. ``with_subsumed`` False leaves subsumed n-grams out of the
    result (their text and documents are then never built).
    """
    empty = _Phrases(
        pd.DataFrame({"ngram": pd.Series(dtype=object), "n": pd.Series(dtype="int64"), "doc_ids": pd.Series(dtype=object),
                      "count": pd.Series(dtype="int64"), "subsumed": pd.Series(dtype=bool)}),
        pd.DataFrame({"phrase": pd.Series(dtype="int64"), "doc_id": pd.Series(dtype=object),
                      "start": pd.Series(dtype="int64"), "end": pd.Series(dtype="int64")}),
    )
    if tokens.empty:
        return empty
    runs = _word_runs(tokens)
    doc_codes, doc_index, norms, words = runs.doc_codes, runs.doc_index, runs.norms, runs.codes
    content, starts, ends, run_of = runs.content, runs.starts, runs.ends, runs.run_of
    content_before = np.concatenate([[0], np.cumsum(content)])  # content words before each position
    total = len(words)
    n_documents, n_words = len(doc_index), int(words.max()) + 1

    def document_counts(codes: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """How many documents use each sequence code."""
        sequence_in_doc = pd.unique(codes * n_documents + doc_codes[positions])  # one per (sequence, document)
        return np.bincount(sequence_in_doc // n_documents, minlength=int(codes.max()) + 1 if codes.size else 0)

    # Each level: positions of its frequent sequences, their codes (0..m-1), the codes of the two sequences one
    # word shorter it extends (left and right), and per code its number of documents and whether it is non-trivial.
    levels: list[dict[str, np.ndarray]] = []
    positions = np.arange(total)
    codes = words
    parents: tuple[np.ndarray, np.ndarray] | None = None
    n = 1
    while True:
        n_docs = document_counts(codes, positions)
        frequent = n_docs[codes] >= min_docs
        positions, codes = positions[frequent], codes[frequent]
        if not positions.size:
            break
        kept_codes, codes = np.unique(codes, return_inverse=True)  # renumber the frequent ones 0..m-1
        codes = codes.reshape(-1).astype(np.int64)
        first_position = np.zeros(kept_codes.size, dtype=np.int64)
        first_position[codes[::-1]] = positions[::-1]  # the first occurrence of each
        last = first_position + n - 1
        valid = (n >= n_min) & content[first_position] & content[last] & (content_before[last + 1] - content_before[first_position] >= 2)
        level = {"positions": positions, "codes": codes, "n_docs": n_docs[kept_codes], "valid": valid, "first": first_position}
        if parents is not None:
            level["left"], level["right"] = parents[0][frequent], parents[1][frequent]
        levels.append(level)
        n += 1
        if n_max is not None and n > n_max:
            break
        # Extend position p when the n-1 words at p and at p + 1 are frequent and p..p+n-1 is one run. Positions are
        # sorted, so both are frequent exactly where one position follows the other: no array the length of the corpus.
        follows = positions[1:] == positions[:-1] + 1
        candidates = positions[:-1][follows]
        left, right = codes[:-1][follows], codes[1:][follows]
        in_run = run_of[candidates] == run_of[candidates + n - 1]
        candidates, left, right = candidates[in_run], left[in_run], right[in_run]
        if not candidates.size:
            break
        parents = left, right
        positions = candidates
        codes = pd.factorize(left * n_words + words[candidates + n - 1])[0].astype(np.int64)

    # Subsumed, from the longest level down: an extension used by as many documents that is non-trivial or subsumed.
    for shorter, longer in zip(reversed(levels[:-1]), reversed(levels[1:])):
        flag = longer["valid"] | longer["subsumed"] if "subsumed" in longer else longer["valid"]
        longer_docs, longer_flag = longer["n_docs"][longer["codes"]], flag[longer["codes"]]
        subsumed = np.zeros(shorter["n_docs"].size, dtype=bool)
        for parent in (longer["left"], longer["right"]):
            subsumed[parent[longer_flag & (longer_docs == shorter["n_docs"][parent])]] = True
        shorter["subsumed"] = subsumed
    if levels:
        levels[-1].setdefault("subsumed", np.zeros(levels[-1]["n_docs"].size, dtype=bool))
    tables, places, offset = [], [], 0
    doc_ids = np.asarray(doc_index, dtype=object)
    by_id = np.argsort(doc_ids, kind="stable")
    ids_in_order = doc_ids[by_id]
    doc_rank = np.empty(n_documents, dtype=np.int64)
    doc_rank[by_id] = np.arange(n_documents)
    for n, level in enumerate(levels, start=1):
        valid = level["valid"] if with_subsumed else level["valid"] & ~level["subsumed"]
        if not valid.any():
            continue
        numbers = np.full(valid.size, -1, dtype=np.int64)
        numbers[valid] = offset + np.arange(int(valid.sum()))
        occurrence = valid[level["codes"]]
        where, code = level["positions"][occurrence], level["codes"][occurrence]
        first = level["first"][valid]
        pairs = np.unique(numbers[code] * n_documents + doc_rank[doc_codes[where]])  # by phrase, then document id
        phrase_of, doc_of = pairs // n_documents, pairs % n_documents
        bounds = np.flatnonzero(np.diff(phrase_of)) + 1
        doc_lists = [tuple(ids) for ids in np.split(ids_in_order[doc_of], bounds)]
        tables.append(pd.DataFrame({
            "ngram": [" ".join(norms[p:p + n]) for p in first],
            "n": n,
            "doc_ids": pd.Series(doc_lists, dtype=object),
            "count": np.bincount(code, minlength=valid.size)[valid],
            "subsumed": level["subsumed"][valid],
        }))
        places.append(pd.DataFrame({"phrase": numbers[code], "doc_id": doc_ids[doc_codes[where]], "start": starts[where], "end": ends[where + n - 1]}))
        offset += int(valid.sum())
    if not tables:
        return empty
    return _Phrases(pd.concat(tables, ignore_index=True), pd.concat(places, ignore_index=True))


MAX_LOOKED_UP_NGRAMS = 64  # up to this many n-grams asked for are looked up one by one; more, all shared n-grams are built


def _looked_up_occurrences(tokens, ngrams, n_min, n_max, min_docs, raw_by_doc) -> list[tuple]:
    """The rows of :func:`ngram_occurrences` for a few given n-grams, by looking each up in the word codes.

    Gives what :func:`_frequent_phrases` gives for them (every occurrence within
    one run of words, when the n-gram is in ``min_docs`` documents and is
    non-trivial at its first occurrence), without building every shared n-gram of
    the corpus first: one pass over the words per n-gram instead of one per
    level of the longest shared run.
    """
    if tokens.empty:
        return []
    runs = _word_runs(tokens)
    doc_codes, codes, content, starts, ends, run_of = runs.doc_codes, runs.codes, runs.content, runs.starts, runs.ends, runs.run_of
    code_of = {word: code for code, word in enumerate(runs.vocabulary)}
    doc_ids = np.asarray(runs.doc_index, dtype=object)
    rows = []
    for gram in ngrams:
        words = gram.split(" ")
        n = len(words)
        if n < max(n_min, 1) or (n_max is not None and n > n_max) or n > len(codes) or any(word not in code_of for word in words):
            continue
        at = np.flatnonzero(codes[:len(codes) - n + 1] == code_of[words[0]])
        for offset, word in enumerate(words[1:], start=1):
            at = at[codes[at + offset] == code_of[word]]
        at = at[run_of[at] == run_of[at + n - 1]]
        if not at.size or np.unique(doc_codes[at]).size < min_docs:
            continue
        first = int(at[0])
        if not (content[first] and content[first + n - 1] and int(content[first:first + n].sum()) >= 2):
            continue
        for place in at.tolist():
            doc, start, end = doc_ids[doc_codes[place]], starts[place], ends[place + n - 1]
            rows.append((gram, doc, start, end, raw_by_doc[doc][start:end]))
    return rows


def ngram_occurrences(
    docs: pd.DataFrame, tokens: pd.DataFrame, n_min: int = 2, n_max: int | None = None, min_docs: int = 2,
    ngrams: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every occurrence of a non-trivial n-gram found in ``min_docs`` or more articles.

    An n-gram is a run of ``n`` words with only white space between them (never
    across punctuation or a segment boundary), compared in normalised form. It is
    non-trivial when it neither starts nor ends with a stopword and holds at
    least two content words ("foreign policy", "strategic ties with Israel"; not
    "of the" or "in Gaza"). ``n_max`` None means no limit: a phrase may run as
    long as the words between two punctuation marks.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus` (for the raw text).
    tokens : DataFrame
        From :func:`body_tokens` of the same ``docs``.
    ngrams : sequence of str, optional
        Only the occurrences of these n-grams (e.g. a few rows of
        :func:`shared_ngrams`); default every n-gram, which in a corpus of
        thousands is hundreds of thousands of rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``ngram, doc_id, start, end, text`` (raw offsets; ``text`` is
        ``raw[start:end]``), one row per occurrence, in n-gram and page order.
    """
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    if ngrams is not None and len(set(ngrams)) <= MAX_LOOKED_UP_NGRAMS and not tokens["norm"].str.contains(" ", regex=False).any():
        rows = _looked_up_occurrences(tokens, list(dict.fromkeys(ngrams)), n_min, n_max, min_docs, raw_by_doc)
        return pd.DataFrame(rows, columns=NGRAM_OCCURRENCE_COLUMNS).sort_values(["ngram", "doc_id", "start"], ignore_index=True)
    phrases = _frequent_phrases(tokens, n_min, n_max, min_docs)
    places = phrases.occurrences
    if ngrams is not None:
        places = places[places["phrase"].isin(np.flatnonzero(phrases.table["ngram"].isin(list(ngrams)).to_numpy()))]
    rows = [
        (key, doc, start, end, raw_by_doc[doc][start:end])
        for key, doc, start, end in zip(phrases.table["ngram"].to_numpy()[places["phrase"].to_numpy()], places["doc_id"], places["start"], places["end"])
    ]
    frame = pd.DataFrame(rows, columns=NGRAM_OCCURRENCE_COLUMNS)
    return frame.sort_values(["ngram", "doc_id", "start"], ignore_index=True)


def shared_ngrams(tokens: pd.DataFrame, n_min: int = 2, n_max: int | None = None, min_docs: int = 2) -> pd.DataFrame:
    """Non-trivial phrases used by two or more articles, longest forms only.

    A shared n-gram is dropped when a longer shared n-gram containing it is used
    by exactly the same articles ("Ilham Aliyev" goes when every article using it
    says "President Ilham Aliyev"), so each phrase is counted once.

    Returns
    -------
    pandas.DataFrame
        Columns ``ngram`` (normalised words), ``n`` (words), ``n_docs``, ``docs``
        (a tuple of the sorted doc ids: never joined into one string, since an id may hold any character but ``/``) and ``count`` (occurrences in all
        articles), sorted by falling ``n_docs``, ``n`` and ``count``. Spans are in
        :func:`ngram_occurrences`.
    """
    phrases = _frequent_phrases(tokens, n_min, n_max, min_docs, with_subsumed=False).table
    if phrases.empty:
        return pd.DataFrame(columns=NGRAM_COLUMNS)
    # A phrase is subsumed when a longer shared phrase containing it is used by the same articles (decided level by level).
    kept = phrases[~phrases["subsumed"].to_numpy()]
    # Each phrase is one row (one code per level), so its documents are its row's; read as object arrays, not value by value.
    doc_lists = kept["doc_ids"].to_numpy(dtype=object)  # tuples of sorted ids: an id may hold ';'
    frame = pd.DataFrame(
        {
            "ngram": kept["ngram"].to_numpy(dtype=object),
            "n": kept["n"].to_numpy(dtype="int64"),
            "n_docs": np.fromiter((len(docs) for docs in doc_lists), dtype=np.int64, count=len(doc_lists)),
            "docs": doc_lists,
            "count": kept["count"].to_numpy(dtype="int64"),
        },
        columns=NGRAM_COLUMNS,
    )
    return frame.sort_values(["n_docs", "n", "count", "ngram"], ascending=[False, False, False, True], ignore_index=True)


# ---------------------------------------------------------------- local alignment


@dataclass(frozen=True)
class Alignment:
    """One local alignment between two word sequences (token indices, end exclusive)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: int
    matched_words: int


def local_alignments(
    a: Sequence[str],
    b: Sequence[str],
    min_matched_words: int = 8,
    seed_size: int = 3,
    match: int = 2,
    mismatch: int = -1,
    gap: int = -1,
    max_seed_repeats: int = 20,
) -> list[Alignment]:
    """Passages of ``a`` reused in ``b``, found by seed-and-extend local alignment.

    Seeds are word ``seed_size``-grams the two sequences share (at least one
    content word in each; a seed repeated more than ``max_seed_repeats`` times in
    ``b`` is boilerplate and skipped). Seeds on nearby diagonals are chained and
    each chain is extended by Smith–Waterman alignment (``match``, ``mismatch``,
    ``gap`` scores) in a band around it, so a passage is found wherever it sits
    in either text (reordered passages are separate chains) and survives edited,
    inserted or deleted words.

    Parameters
    ----------
    a, b : sequence of str
        Normalised words (e.g. the ``norm`` column of :func:`body_tokens`).
    min_matched_words : int
        Smallest number of identical aligned words for a passage to count.

    Returns
    -------
    list of Alignment
        Non-overlapping alignments, best score first.
    """
    if len(a) < seed_size or len(b) < seed_size:
        return []
    return _align_indexed(
        a, b, seed_index(a, seed_size), seed_index(b, seed_size), min_matched_words, seed_size, match, mismatch, gap, max_seed_repeats,
    )


def seed_index(words: Sequence[str], seed_size: int = 3, is_content: Sequence[bool] | None = None) -> dict[tuple[str, ...], list[int]]:
    """Where each word ``seed_size``-gram with a content word starts: ``gram -> [positions]``.

    The seeds :func:`local_alignments` looks up. Built once per document, it
    serves every pair the document is in. ``is_content`` (one flag per word,
    e.g. the ``is_content`` column of :func:`body_tokens`) saves recomputing
    :func:`is_content_word`.
    """
    flags = [is_content_word(word) for word in words] if is_content is None else list(is_content)
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(words) - seed_size + 1):
        if any(flags[j:j + seed_size]):
            positions[tuple(words[j:j + seed_size])].append(j)
    return dict(positions)


def _align_indexed(
    a, b, index_a, index_b, min_matched_words=8, seed_size=3, match=2, mismatch=-1, gap=-1, max_seed_repeats=20,
) -> list[Alignment]:
    """:func:`local_alignments` given both sequences' :func:`seed_index`."""
    windows = _pair_windows(a, b, index_a, index_b, seed_size, max_seed_repeats)
    return _select(_align_windows(a, b, windows, match, mismatch, gap, min_matched_words), min_matched_words)


def _pair_windows(a, b, index_a, index_b, seed_size=3, max_seed_repeats=20) -> list[tuple[int, int, int, int, int, int]]:
    """The band of each chain of seeds two sequences share: ``(i0, i1, j0, j1, low, high)`` (see :func:`_window`)."""
    seeds = []
    for gram in index_a.keys() & index_b.keys():
        hits = index_b[gram]
        if len(hits) <= max_seed_repeats:
            seeds.extend((i, j) for i in index_a[gram] for j in hits)
    if len(seeds) == 1:  # most pairs of a large corpus share one seed: its chain is itself
        return [_window(len(a), len(b), seeds, seed_size)]
    return [_window(len(a), len(b), chain, seed_size) for chain in _chain_seeds(seeds, max_gap=12, max_shift=6)]


def _select(found: list[Alignment | None], min_matched_words: int) -> list[Alignment]:
    """The alignments with enough identical words, best score first, none overlapping a better one."""
    found = [alignment for alignment in found if alignment is not None and alignment.matched_words >= min_matched_words]
    kept: list[Alignment] = []
    for alignment in sorted(found, key=lambda x: (-x.score, x.a_start, x.b_start)):
        if not any(_overlaps(alignment, other) for other in kept):
            kept.append(alignment)
    return kept


def _overlaps(x: Alignment, y: Alignment) -> bool:
    return x.a_start < y.a_end and y.a_start < x.a_end and x.b_start < y.b_end and y.b_start < x.b_end


def _chain_seeds(seeds: list[tuple[int, int]], max_gap: int, max_shift: int) -> list[list[tuple[int, int]]]:
    """Group seeds that follow each other closely on nearby diagonals."""
    chains: list[list[tuple[int, int]]] = []
    open_chains: list[list[tuple[int, int]]] = []
    for i, j in sorted(seeds):
        open_chains = [c for c in open_chains if i - c[-1][0] <= max_gap]
        best = None
        for chain in open_chains:
            last_i, last_j = chain[-1]
            if 0 < j - last_j <= max_gap and abs((i - j) - (last_i - last_j)) <= max_shift:
                best = chain
                break
        if best is None:
            best = []
            chains.append(best)
            open_chains.append(best)
        best.append((i, j))
    return chains


def _window(len_a: int, len_b: int, chain: list[tuple[int, int]], seed_size: int) -> tuple[int, int, int, int, int, int]:
    """The band Smith–Waterman searches around a chain of seeds: rows ``i0:i1`` of a, columns ``j0:j1`` of b,
    diagonals ``low..high`` (row minus column, 1-based within the window)."""
    margin = 2 * seed_size + 4
    first_i, last_i = chain[0][0], chain[-1][0]  # seeds are chained in row order
    first_j = last_j = chain[0][1]
    low_d = high_d = first_i - first_j
    for i, j in chain:
        if j < first_j:
            first_j = j
        elif j > last_j:
            last_j = j
        if i - j < low_d:
            low_d = i - j
        elif i - j > high_d:
            high_d = i - j
    i0 = first_i - margin if first_i > margin else 0
    i1 = min(len_a, last_i + seed_size + margin)
    j0 = first_j - margin if first_j > margin else 0
    j1 = min(len_b, last_j + seed_size + margin)
    shift = j0 - i0  # diagonal (i - i0) - (j - j0) is i - j + shift
    return i0, i1, j0, j1, low_d + shift - margin, high_d + shift + margin


def _align_chain(a, b, window, match, mismatch, gap) -> Alignment | None:
    """Smith–Waterman in the band of a chain of seeds (:func:`_window`), with traceback."""
    i0, i1, j0, j1, low, high = window
    sub_a, sub_b = a[i0:i1], b[j0:j1]
    if isinstance(sub_a, np.ndarray):  # word codes: plain integers compare faster in the loop below
        sub_a, sub_b = sub_a.tolist(), sub_b.tolist()
    n, m = len(sub_a), len(sub_b)
    # score[i][j] for 1-based cells; cells outside the band stay 0. Lists, not a dict of
    # cells: this loop is most of the time of a large corpus's passage search.
    score = [[0] * (m + 1) for _ in range(n + 1)]
    best, best_cell = 0, None
    for i in range(1, n + 1):
        word = sub_a[i - 1]
        above, row = score[i - 1], score[i]
        first = i - high if i - high > 1 else 1
        last = i - low if i - low < m else m
        if first > last:
            continue
        left = 0
        # The diagonal, upper and word of each cell of the band, zipped: the same recurrence with fewer lookups.
        for j, diagonal, up, other in zip(range(first, last + 1), above[first - 1:last], above[first:last + 1], sub_b[first - 1:last]):
            value = diagonal + (match if word == other else mismatch)
            up += gap
            if up > value:
                value = up
            if left + gap > value:
                value = left + gap
            if value < 0:
                value = 0
            row[j] = left = value
            if value > best:
                best, best_cell = value, (i, j)
    if best_cell is None:
        return None
    i, j = best_cell
    end_i, end_j, matched = i, j, 0
    while score[i][j] > 0:
        value = score[i][j]
        same = sub_a[i - 1] == sub_b[j - 1]
        if value == score[i - 1][j - 1] + (match if same else mismatch):
            matched += same
            i, j = i - 1, j - 1
        elif value == score[i - 1][j] + gap:
            i -= 1
        else:
            j -= 1
    return Alignment(i0 + i, i0 + end_i, j0 + j, j0 + end_j, best, matched)


#: Windows up to this many words a side are aligned together, as arrays (most windows: one seed and its margins).
BATCH_WINDOW = 64
#: Score cells of the windows aligned at once (bounded memory: 8 MB of scores whatever the window size).
BATCH_CELLS = 2_000_000


def _align_windows(a, b, windows, match=2, mismatch=-1, gap=-1, min_matched_words=0) -> list[Alignment | None]:
    """:func:`_align_chain` of each window of one pair of word sequences (any comparable words)."""
    if not windows:
        return []
    codes: dict = {}
    flat = np.array([codes.setdefault(word, len(codes)) for word in list(a) + list(b)], dtype=np.int64)
    count = len(windows)
    return _align_many(flat, np.zeros(count, dtype=np.int64), np.full(count, len(a), dtype=np.int64),
                       np.array(windows, dtype=np.int64).reshape(count, 6), match, mismatch, gap, min_matched_words)


def _align_many(
    flat: np.ndarray, offsets_a: np.ndarray, offsets_b: np.ndarray, windows: np.ndarray,
    match: int = 2, mismatch: int = -1, gap: int = -1, min_matched_words: int = 0,
) -> list[Alignment | None]:
    """:func:`_align_chain` of each window: small windows together as arrays, large ones one by one.

    ``flat`` holds the word codes of every sequence (equal codes, equal words);
    window ``k`` (a row ``i0, i1, j0, j1, low, high`` of ``windows``) aligns the
    sequence starting at ``offsets_a[k]`` with the one at ``offsets_b[k]``. The
    same recurrence, the same best cell (the first highest in row order) and the
    same traceback as :func:`_align_chain`, so each result is the one it gives; a
    band of a few hundred cells costs a few microseconds instead of a Python
    loop over its cells. Alignments with fewer than ``min_matched_words``
    identical words come back as None; a small window whose band cannot hold
    that many (:func:`_identical_words_bound`, nine in ten of a large corpus's)
    is not aligned at all, so the recurrence runs on the bands that may count.
    """
    results: list[Alignment | None] = [None] * len(windows)
    if not len(windows):
        return results
    rows, columns = windows[:, 1] - windows[:, 0], windows[:, 3] - windows[:, 2]
    small = (rows <= BATCH_WINDOW) & (columns <= BATCH_WINDOW) if gap < 0 else np.zeros(len(windows), dtype=bool)
    for number in np.flatnonzero(~small):
        alignment = _align_chain(flat[offsets_a[number]:], flat[offsets_b[number]:], tuple(windows[number].tolist()), match, mismatch, gap)
        results[number] = alignment if alignment is not None and alignment.matched_words >= min_matched_words else None
    sizes = np.array(BUCKETS)
    row_bucket, column_bucket = np.searchsorted(sizes, rows), np.searchsorted(sizes, columns)
    for bucket in np.unique(row_bucket[small] * len(sizes) + column_bucket[small]):
        numbers = np.flatnonzero(small & (row_bucket * len(sizes) + column_bucket == bucket))
        n_rows, n_columns = int(sizes[bucket // len(sizes)]), int(sizes[bucket % len(sizes)])
        batch = max(1, BATCH_CELLS // ((n_rows + 1) * (n_columns + 1)))
        for first in range(0, len(numbers), batch):
            chosen = numbers[first:first + batch]
            if min_matched_words > 0:
                # Most bands of a large corpus cannot hold enough identical words: one array pass finds them, so only
                # the others pay for the row-by-row recurrence (same results: the bound is never below the alignment's).
                bound = _identical_words_bound(flat, offsets_a[chosen], offsets_b[chosen], windows[chosen], n_rows, n_columns)
                chosen = chosen[bound >= min_matched_words]
                if not chosen.size:
                    continue
            found = _align_batch(flat, offsets_a[chosen], offsets_b[chosen], windows[chosen], n_rows, n_columns, match, mismatch, gap)
            starts_a, ends_a, starts_b, ends_b, best, matched = found
            for k in np.flatnonzero((best > 0) & (matched >= min_matched_words)):
                results[chosen[k]] = Alignment(int(starts_a[k]), int(ends_a[k]), int(starts_b[k]), int(ends_b[k]), int(best[k]), int(matched[k]))
    return results


#: The padded sizes of a window side (words) for the aligning of many windows at once.
BUCKETS = (16, 24, 32, 48, BATCH_WINDOW)


def _window_words(flat, offsets_a, offsets_b, windows, n_rows: int, n_columns: int) -> tuple[np.ndarray, np.ndarray]:
    """The word codes of each window's rows and columns, padded to ``n_rows`` and ``n_columns`` with codes that never match."""
    i0, i1, j0, j1 = (windows[:, column] for column in range(4))
    along_a, along_b = np.arange(n_rows), np.arange(n_columns)
    last = len(flat) - 1
    words_a = np.where(along_a < (i1 - i0)[:, None], flat[np.minimum(offsets_a[:, None] + i0[:, None] + along_a, last)], -1)
    words_b = np.where(along_b < (j1 - j0)[:, None], flat[np.minimum(offsets_b[:, None] + j0[:, None] + along_b, last)], -2)
    return words_a, words_b


def _identical_words_bound(flat, offsets_a, offsets_b, windows, n_rows: int, n_columns: int) -> np.ndarray:
    """An upper bound on the identical words of each window's best alignment (see :func:`_align_many`).

    An alignment pairs each identical word with one row and one column of its
    band, each row and column at most once, so it has no more identical words
    than the band has rows (or columns) holding a word the other side has in the
    band. One comparison of every cell of the band at once, no recurrence.
    """
    words_a, words_b = _window_words(flat, offsets_a, offsets_b, windows, n_rows, n_columns)
    # Narrow integers: the comparisons below touch every cell of every band, and half the bytes is about half the time.
    words_a, words_b = words_a.astype(np.int32), words_b.astype(np.int32)
    diagonal = (np.arange(1, n_rows + 1)[:, None] - np.arange(1, n_columns + 1)[None, :]).astype(np.int16)  # row minus column
    # A diagonal outside int16 is outside every band of at most BATCH_WINDOW words a side: clip, then compare.
    low = np.clip(windows[:, 4], -BATCH_WINDOW - 1, BATCH_WINDOW + 1).astype(np.int16)
    high = np.clip(windows[:, 5], -BATCH_WINDOW - 1, BATCH_WINDOW + 1).astype(np.int16)
    same = words_a[:, :, None] == words_b[:, None, :]
    same &= diagonal >= low[:, None, None]
    same &= diagonal <= high[:, None, None]
    return np.minimum(same.any(axis=2).sum(axis=1), same.any(axis=1).sum(axis=1))


def _align_batch(flat, offsets_a, offsets_b, windows, n_rows: int, n_columns: int, match: int, mismatch: int, gap: int):
    """Banded Smith–Waterman of several windows at once, padded to ``n_rows × n_columns`` (see :func:`_align_many`).

    Row by row over all windows: the diagonal and upper moves of a row are array
    operations, and the left moves (``H[j] = max(T[j], H[j - 1] + gap)``)
    unroll into a running maximum, ``H[j] = max over k <= j of T[k] + (j - k) gap``.

    Returns
    -------
    (starts_a, ends_a, starts_b, ends_b, best, matched)
        Arrays, one value per window: the alignment's word positions in each
        sequence (end exclusive), its score (0: no alignment) and its identical words.
    """
    count = len(windows)
    i0, i1, j0, j1, low, high = (windows[:, column] for column in range(6))
    n, m = i1 - i0, j1 - j0
    words_a, words_b = _window_words(flat, offsets_a, offsets_b, windows, n_rows, n_columns)
    score = np.zeros((count, n_rows + 1, n_columns + 1), dtype=np.int32)
    columns = np.arange(1, n_columns + 1)
    very_low = -(4 * (n_columns + n_rows + 2) * (abs(match) + abs(mismatch) + abs(gap) + 1))
    for i in range(1, n_rows + 1):
        first = np.maximum(1, i - high)
        last_column = np.minimum(m, i - low)
        active = (i <= n)[:, None] & (columns >= first[:, None]) & (columns <= last_column[:, None])
        same = words_a[:, i - 1][:, None] == words_b
        above = score[:, i - 1].astype(np.int64)
        value = np.maximum(np.maximum(above[:, :-1] + np.where(same, match, mismatch), above[:, 1:] + gap), 0)
        value = np.where(active, value, very_low)
        run = np.maximum.accumulate(value - columns * gap, axis=1) + columns * gap
        score[:, i, 1:] = np.where(active, run, 0)
    flat_score = score.reshape(count, -1)
    best_at = flat_score.argmax(axis=1)  # the first highest cell in row order, as the loop finds it
    best = flat_score[np.arange(count), best_at].astype(np.int64)
    i, j = best_at // (n_columns + 1), best_at % (n_columns + 1)
    end_i, end_j = i.copy(), j.copy()
    matched = np.zeros(count, dtype=np.int64)
    everyone = np.arange(count)
    alive = best > 0
    while alive.any():
        k, ik, jk = everyone[alive], i[alive], j[alive]
        value = score[k, ik, jk].astype(np.int64)
        same = words_a[k, ik - 1] == words_b[k, jk - 1]
        diagonal = value == score[k, ik - 1, jk - 1].astype(np.int64) + np.where(same, match, mismatch)
        up = ~diagonal & (value == score[k, ik - 1, jk].astype(np.int64) + gap)
        matched[k] += diagonal & same
        i[k] = ik - (diagonal | up)
        j[k] = jk - (diagonal | ~up)
        alive[k] = score[k, i[k], j[k]] > 0
    return i0 + i, i0 + end_i, j0 + j, j0 + end_j, best, matched


def align_texts(text_a: str, text_b: str, min_matched_words: int = 8) -> pd.DataFrame:
    """Reused passages between two plain texts, as character offsets into each.

    Returns columns ``a_start, a_end, b_start, b_end, text_a, text_b, score,
    matched_words`` (offsets into ``text_a`` / ``text_b``).
    """
    words_a, words_b = tokenize(text_a), tokenize(text_b)
    rows = []
    for hit in local_alignments([w[2] for w in words_a], [w[2] for w in words_b], min_matched_words):
        a_start, a_end = words_a[hit.a_start][0], words_a[hit.a_end - 1][1]
        b_start, b_end = words_b[hit.b_start][0], words_b[hit.b_end - 1][1]
        rows.append((a_start, a_end, b_start, b_end, text_a[a_start:a_end], text_b[b_start:b_end], hit.score, hit.matched_words))
    return pd.DataFrame(rows, columns=["a_start", "a_end", "b_start", "b_end", "text_a", "text_b", "score", "matched_words"])


@dataclass(frozen=True)
class _SharedSeeds:
    """Every occurrence of a seed some other document has, grouped by (document, seed), as arrays.

    Group ``g`` is seed ``keys[g] % n_seeds`` in document ``keys[g] // n_seeds``
    (codes as in :func:`_coded_documents`; ``keys`` ascending); its occurrences
    are ``positions[first[g]:first[g] + count[g]]`` (word positions within the
    document, ascending). ``incidence`` is the document × seed matrix of the
    groups (CSR, 1 per group), whose row-wise product finds the seeds two
    documents share.
    """

    keys: np.ndarray
    first: np.ndarray
    count: np.ndarray
    positions: np.ndarray
    n_seeds: int
    incidence: sparse.csr_matrix


def _coded_documents(tokens: pd.DataFrame, seed_size: int = 3) -> tuple[dict, dict, dict, _SharedSeeds]:
    """Each document's words as an array of integer codes, raw offsets and shared seeds, for :func:`shared_passages`.

    Equal codes are equal normalised words, so the alignment compares integers;
    a seed (``seed_size`` words with a content word, as :func:`seed_index` keeps
    them) is one integer too, numbered for the whole corpus at once. Returns
    ``words, starts, ends`` keyed by document id (in order of first appearance,
    which is the order of the document codes) and the :class:`_SharedSeeds`.
    """
    words, starts, ends = {}, {}, {}
    nothing = np.empty(0, dtype=np.int64)
    if tokens.empty:
        return words, starts, ends, _SharedSeeds(nothing, nothing, nothing, nothing, 0, sparse.csr_matrix((0, 0), dtype=np.int8))
    doc_codes, doc_index = pd.factorize(tokens["doc_id"].to_numpy(dtype=object))
    order = np.argsort(doc_codes, kind="stable")  # each document's words together, in page order
    doc_codes = doc_codes[order].astype(np.int64)
    word_codes = pd.factorize(tokens["norm"].to_numpy(dtype=object)[order])[0].astype(np.int64)
    content = (tokens["is_content"].to_numpy(dtype=bool) if "is_content" in tokens
               else np.array([is_content_word(w) for w in tokens["norm"]], dtype=bool))[order]
    token_starts, token_ends = tokens["start"].to_numpy()[order], tokens["end"].to_numpy()[order]
    n = len(word_codes) - seed_size + 1
    seed_codes = np.full(max(n, 0), -1, dtype=np.int64)
    n_seeds = 0
    if n > 0:
        same_doc = doc_codes[:n] == doc_codes[seed_size - 1:]
        has_content = np.zeros(n, dtype=bool)
        for offset in range(seed_size):
            has_content |= content[offset:offset + n]
        usable = np.flatnonzero(same_doc & has_content)
        codes = word_codes[usable]
        n_words = int(word_codes.max()) + 1
        for offset in range(1, seed_size):
            codes = pd.factorize(codes * n_words + word_codes[usable + offset])[0].astype(np.int64)
        n_seeds = int(codes.max()) + 1 if codes.size else 0
        # A seed of one document only is never shared: left out, it costs no pair a look-up.
        in_docs = np.bincount(pd.unique(codes * len(doc_index) + doc_codes[usable]) // len(doc_index), minlength=n_seeds)
        seed_codes[usable] = np.where(in_docs[codes] >= 2, codes, -1)
    bounds = np.flatnonzero(np.diff(doc_codes)) + 1
    doc_first = np.concatenate([[0], bounds])
    for first, last in zip(doc_first, np.concatenate([bounds, [len(doc_codes)]])):
        doc = doc_index[doc_codes[first]]
        words[doc] = word_codes[first:last]
        starts[doc], ends[doc] = token_starts[first:last], token_ends[first:last]
    at = np.flatnonzero(seed_codes >= 0)
    occurrence_docs, occurrence_seeds = doc_codes[at], seed_codes[at]
    grouped = np.lexsort((occurrence_seeds, occurrence_docs))  # by document, then seed; stable, so positions ascend
    keys = occurrence_docs[grouped] * n_seeds + occurrence_seeds[grouped]
    positions = (at - doc_first[doc_codes[at]])[grouped]
    starts_of_groups = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) if keys.size else nothing
    group_keys = keys[starts_of_groups]
    count = np.diff(np.concatenate([starts_of_groups, [keys.size]])).astype(np.int64)
    group_docs = group_keys // max(n_seeds, 1)
    incidence = sparse.csr_matrix(
        (np.ones(group_keys.size, dtype=np.int8), group_keys % max(n_seeds, 1), np.searchsorted(group_docs, np.arange(len(doc_index) + 1))),
        shape=(len(doc_index), n_seeds),
    )
    return words, starts, ends, _SharedSeeds(group_keys, starts_of_groups.astype(np.int64), count, positions.astype(np.int64), n_seeds, incidence)


#: Pairs whose shared seeds are found in one sparse product (bounded memory: about 100 seeds an article, two rows a pair).
SEED_PAIR_BLOCK = 20_000


def _pair_hits(seeds: _SharedSeeds, pair_a: np.ndarray, pair_b: np.ndarray, max_seed_repeats: int = 20) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every seed two documents of a pair share, as ``(pair, i, j)`` arrays sorted by pair, ``i`` and ``j``.

    ``pair_a`` and ``pair_b`` are document codes, one per pair; ``i`` is the
    seed's position in the first document, ``j`` in the second. The seeds
    :func:`_pair_windows` lists for the pair (a seed more than
    ``max_seed_repeats`` times in the second is boilerplate and skipped), found for
    all pairs at once: a sparse product of the pairs' rows of the incidence
    matrix finds the shared seeds, and their occurrences are read from the groups.
    """
    found_pairs, found_i, found_j = [], [], []
    for first in range(0, len(pair_a), SEED_PAIR_BLOCK):
        a, b = pair_a[first:first + SEED_PAIR_BLOCK], pair_b[first:first + SEED_PAIR_BLOCK]
        both = seeds.incidence[a].multiply(seeds.incidence[b]).tocsr()
        pair = np.repeat(np.arange(len(a), dtype=np.int64), np.diff(both.indptr))
        seed = both.indices.astype(np.int64)
        group_a = np.searchsorted(seeds.keys, a[pair] * seeds.n_seeds + seed)
        group_b = np.searchsorted(seeds.keys, b[pair] * seeds.n_seeds + seed)
        count_a, count_b = seeds.count[group_a], seeds.count[group_b]
        kept = count_b <= max_seed_repeats
        pair, group_a, group_b, count_a, count_b = pair[kept], group_a[kept], group_b[kept], count_a[kept], count_b[kept]
        combinations_of = count_a * count_b  # every occurrence in a with every one in b
        owner = np.repeat(np.arange(pair.size), combinations_of)
        within = np.arange(owner.size) - np.repeat(np.cumsum(combinations_of) - combinations_of, combinations_of)
        found_pairs.append(pair[owner] + first)
        found_i.append(seeds.positions[seeds.first[group_a][owner] + within // count_b[owner]])
        found_j.append(seeds.positions[seeds.first[group_b][owner] + within % count_b[owner]])
    if not found_pairs:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    pair, i, j = np.concatenate(found_pairs), np.concatenate(found_i), np.concatenate(found_j)
    order = np.lexsort((j, i, pair))
    return pair[order], i[order], j[order]


def _chain_runs(pair: np.ndarray, i: np.ndarray, j: np.ndarray, max_gap: int = 12, max_shift: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Runs of hits (sorted by pair, ``i``, ``j``) that :func:`_chain_seeds` makes one chain each, found as arrays.

    A hit is in the run of the hit before it when it would join a chain ending
    there (same pair, at most ``max_gap`` rows on, 1 to ``max_gap`` columns on,
    diagonal within ``max_shift``). A run is *simple* when no hit of another run
    is within ``max_gap`` rows and columns of one of its hits: no other chain
    can then take its hits or its chain take another's, so the loop makes the
    run one chain of its own, and leaving it out changes no other chain. A seed
    alone in its reach is a simple run of one (most of a large corpus's).
    Each hit is compared with the ones after it until they are more than
    ``max_gap`` rows away.

    Returns
    -------
    (run, simple)
        The run number of each hit (0, 1, ... in hit order) and, per run, whether it is simple.
    """
    if not pair.size:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=bool)
    rows, columns = i[1:] - i[:-1], j[1:] - j[:-1]
    joins = ((pair[1:] == pair[:-1]) & (rows <= max_gap) & (columns > 0) & (columns <= max_gap)
             & (np.abs(rows - columns) <= max_shift))
    run = np.concatenate([[0], np.cumsum(~joins)]).astype(np.int64)
    simple = np.ones(int(run[-1]) + 1, dtype=bool)
    earlier = np.arange(pair.size - 1)
    distance = 1
    while earlier.size:
        later = earlier + distance
        in_reach = later < pair.size
        earlier, later = earlier[in_reach], later[in_reach]
        in_reach = (pair[later] == pair[earlier]) & (i[later] - i[earlier] <= max_gap)
        earlier, later = earlier[in_reach], later[in_reach]
        across = (np.abs(j[later] - j[earlier]) <= max_gap) & (run[later] != run[earlier])
        simple[run[earlier[across]]] = False
        simple[run[later[across]]] = False
        distance += 1
    return run, simple


def _pairs_windows(pair, i, j, lengths_a, lengths_b, seed_size: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """The bands of every pair's chains of seeds, in the order :func:`_pair_windows` gives them pair by pair.

    ``pair, i, j`` from :func:`_pair_hits`; ``lengths_a``/``lengths_b`` the words
    of each pair's two documents. Returns ``(windows, owner)``: rows ``i0, i1, j0,
    j1, low, high`` (:func:`_window`) and the pair of each. A simple run of hits
    (:func:`_chain_runs`; all but a few of a large corpus's) gets its band from
    array arithmetic; the other hits are chained pair by pair as before. Bands
    come in the order their chains start in the sorted seeds, as the loop creates them.
    """
    run, simple = _chain_runs(pair, i, j)
    margin = 2 * seed_size + 4
    in_simple = simple[run]
    run_firsts = np.flatnonzero(np.concatenate([[True], run[1:] != run[:-1]])) if run.size else run
    run_lasts = np.concatenate([run_firsts[1:] - 1, [run.size - 1]]) if run.size else run
    firsts, lasts = run_firsts[simple], run_lasts[simple]
    owner_of, first_i, last_i, first_j, last_j = pair[firsts], i[firsts], i[lasts], j[firsts], j[lasts]  # columns rise along a run
    diagonal = i - j
    low_d = np.minimum.reduceat(diagonal, run_firsts)[simple] if run.size else run
    high_d = np.maximum.reduceat(diagonal, run_firsts)[simple] if run.size else run
    i0, j0 = np.where(first_i > margin, first_i - margin, 0), np.where(first_j > margin, first_j - margin, 0)
    shift = j0 - i0
    simple_windows = np.stack([
        i0, np.minimum(lengths_a[owner_of], last_i + seed_size + margin), j0, np.minimum(lengths_b[owner_of], last_j + seed_size + margin),
        low_d + shift - margin, high_d + shift + margin,
    ], axis=1).reshape(-1, 6)
    rows, owners, first_hits = [simple_windows], [owner_of], [firsts]
    chained = np.flatnonzero(~in_simple)
    if chained.size:
        bounds = np.flatnonzero(np.diff(pair[chained])) + 1
        chained_windows, chained_owner, chained_first = [], [], []
        for part in np.split(chained, bounds):
            number = int(pair[part[0]])
            seeds = list(zip(i[part].tolist(), j[part].tolist()))
            hit_number = dict(zip(seeds, part.tolist()))
            len_a, len_b = int(lengths_a[number]), int(lengths_b[number])
            for chain in _chain_seeds(seeds, max_gap=12, max_shift=6):
                chained_windows.append(_window(len_a, len_b, chain, seed_size))
                chained_owner.append(number)
                chained_first.append(hit_number[chain[0]])
        rows.append(np.array(chained_windows, dtype=np.int64).reshape(-1, 6))
        owners.append(np.array(chained_owner, dtype=np.int64))
        first_hits.append(np.array(chained_first, dtype=np.int64))
    order = np.argsort(np.concatenate(first_hits), kind="stable")
    return np.concatenate(rows)[order], np.concatenate(owners)[order]


def shared_passages(
    docs: pd.DataFrame, tokens: pd.DataFrame, min_matched_words: int = 8, pairs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Passages reused between pairs of articles, with raw offsets in both.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus` (for the raw text).
    tokens : DataFrame
        From :func:`body_tokens` of the same ``docs``.
    min_matched_words : int
        Smallest number of identical aligned words (see :func:`local_alignments`).
    pairs : DataFrame, optional
        The pairs to align (``doc_a, doc_b``); default every pair. For thousands
        of articles pass :func:`analysis.overlap.candidates.candidate_pairs`, which
        includes every pair sharing a rare word sequence.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, a_start, a_end, doc_b, b_start, b_end`` (raw offsets),
        ``text_a, text_b`` (``raw[start:end]`` of each), ``score``
        (Smith–Waterman: +2 per identical word, −1 per substituted, inserted or
        deleted word), ``matched_words``, ``words_a``, ``words_b`` (length of each
        side in words), best score first. Each pair's passages are those
        :func:`local_alignments` finds for its two bodies.
    """
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    words, starts, ends, seeds = _coded_documents(tokens)
    chosen = [(doc_a, doc_b) for doc_a, doc_b in pair_list(pairs, list(words)) if doc_a in words and doc_b in words]
    # Every pair's seeds and bands as arrays, then all bands aligned together (small ones as arrays), then each pair's passages.
    code_of, offset_of, lengths, position = {}, [], [], 0
    for code, (doc, codes) in enumerate(words.items()):
        code_of[doc] = code
        offset_of.append(position)
        lengths.append(len(codes))
        position += len(codes)
    offset_of, lengths = np.array(offset_of, dtype=np.int64), np.array(lengths, dtype=np.int64)
    flat = np.concatenate(list(words.values())) if words else np.empty(0, dtype=np.int64)
    pair_a = np.array([code_of[a] for a, _ in chosen], dtype=np.int64)
    pair_b = np.array([code_of[b] for _, b in chosen], dtype=np.int64)
    hit_pair, hit_i, hit_j = _pair_hits(seeds, pair_a, pair_b)
    windows, owner = _pairs_windows(hit_pair, hit_i, hit_j, lengths[pair_a], lengths[pair_b])
    aligned = _align_many(flat, offset_of[pair_a[owner]], offset_of[pair_b[owner]], windows, min_matched_words=min_matched_words)
    found: dict[int, list[Alignment | None]] = defaultdict(list)
    for number, alignment in zip(owner.tolist(), aligned):
        if alignment is not None:
            found[number].append(alignment)
    rows = []
    for number in sorted(found):  # pair order, as the pairs were given
        doc_a, doc_b = chosen[number]
        for hit in _select(found[number], min_matched_words):
            a_start, a_end = int(starts[doc_a][hit.a_start]), int(ends[doc_a][hit.a_end - 1])
            b_start, b_end = int(starts[doc_b][hit.b_start]), int(ends[doc_b][hit.b_end - 1])
            rows.append(
                (
                    doc_a, a_start, a_end, doc_b, b_start, b_end,
                    raw_by_doc[doc_a][a_start:a_end], raw_by_doc[doc_b][b_start:b_end],
                    hit.score, hit.matched_words, hit.a_end - hit.a_start, hit.b_end - hit.b_start,
                )
            )
    frame = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    return frame.sort_values(["score", "doc_a", "a_start"], ascending=[False, True, True], ignore_index=True)


# ---------------------------------------------------------------- entities


def entity_mentions(docs: pd.DataFrame, segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actor mentions in the body of every article (gazetteer ``analysis/data/actors.csv``).

    Columns ``doc_id, start, end, alias, actor, kind`` (raw offsets), as
    :func:`analysis.provenance.actors.tag_mentions` returns them. ``segments`` as in
    :func:`body_tokens`.
    """
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    return actors.tag_mentions(_body(docs, segments), raw_by_doc)


def entity_matrix(mentions: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Article × actor mention counts (index ``doc_id``, one column per actor).

    Columns are sorted by the number of articles naming the actor, then by total
    mentions; ``doc_ids`` keeps articles that name no actor as rows of zeros.
    """
    matrix = pd.crosstab(mentions["doc_id"], mentions["actor"]) if not mentions.empty else pd.DataFrame()
    if doc_ids is not None:
        matrix = matrix.reindex(index=list(doc_ids), fill_value=0)
    if matrix.shape[1]:
        order = sorted(matrix.columns, key=lambda actor: (-(matrix[actor] > 0).sum(), -matrix[actor].sum(), actor))
        matrix = matrix[order]
    return matrix.rename_axis(index="doc_id", columns="actor")


def shared_entities(mentions: pd.DataFrame, doc_ids: Sequence[str] | None = None, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actors named by both articles of each pair.

    ``pairs`` (``doc_a, doc_b``, e.g. candidate pairs) limits the pairs looked
    at; default every pair of ``doc_ids`` (or of the documents in ``mentions``).

    Returns columns ``doc_a, doc_b, actor, kind, mentions_a, mentions_b``, one
    row per pair and shared actor, in pair order and the column order of
    :func:`entity_matrix`.
    """
    matrix = entity_matrix(mentions, doc_ids)
    kind_of = dict(zip(mentions["actor"], mentions["kind"]))
    chosen = [(a, b) for a, b in pair_list(pairs, matrix.index) if a in matrix.index and b in matrix.index]
    if not chosen or not matrix.shape[1]:
        return pd.DataFrame(columns=ENTITY_PAIR_COLUMNS)
    # Sparse rows: a pair costs the actors its two articles name, not every actor of the corpus.
    counts = sparse.csr_matrix(matrix.to_numpy())
    named = (counts > 0).astype(np.int8).tocsr()
    rows_a = matrix.index.get_indexer([a for a, _ in chosen])
    rows_b = matrix.index.get_indexer([b for _, b in chosen])
    actors_in = matrix.columns.to_numpy()
    kinds = np.array([kind_of[actor] for actor in actors_in], dtype=object)
    ids = matrix.index.to_numpy()
    parts = []
    for block in range(0, len(chosen), 50_000):  # bounded memory: 50,000 pairs at a time
        a, b = rows_a[block:block + 50_000], rows_b[block:block + 50_000]
        both = named[a].multiply(named[b]).tocsr()
        both.sort_indices()
        pair = np.repeat(np.arange(len(a)), np.diff(both.indptr))
        column = both.indices
        parts.append(pd.DataFrame({
            "doc_a": ids[a[pair]], "doc_b": ids[b[pair]],
            "actor": actors_in[column], "kind": kinds[column],
            "mentions_a": np.asarray(counts[a[pair], column]).reshape(-1).astype(int),
            "mentions_b": np.asarray(counts[b[pair], column]).reshape(-1).astype(int),
        }))
    return pd.concat(parts, ignore_index=True)[ENTITY_PAIR_COLUMNS]


# ---------------------------------------------------------------- pair table


def document_pairs(doc_ids) -> list[tuple[str, str]]:
    """Every unordered pair of distinct documents, as ``(doc_a, doc_b)`` with ``doc_a < doc_b``."""
    return list(combinations(sorted(set(doc_ids)), 2))


def pair_list(pairs: pd.DataFrame | None, doc_ids=()) -> list[tuple[str, str]]:
    """The pairs a pairwise step compares, as sorted ``(doc_a, doc_b)`` tuples with ``doc_a < doc_b``.

    Every pair of ``doc_ids`` when ``pairs`` is None (:func:`document_pairs`);
    otherwise the rows of ``pairs`` (columns ``doc_a, doc_b``, either order),
    each once. A pair of a document with itself is an error, not a pair.
    """
    if pairs is None:
        return document_pairs(doc_ids)
    missing = {"doc_a", "doc_b"} - set(pairs.columns)
    if missing:
        raise ValueError(f"pairs need columns doc_a and doc_b; missing {sorted(missing)}")
    listed = list(zip(pairs["doc_a"].to_numpy(dtype=object), pairs["doc_b"].to_numpy(dtype=object)))  # plain str, not Arrow scalars
    # Candidate pairs come ordered, each once, doc_a < doc_b: one pass checks that and returns them as they are.
    # Every step takes its pairs through here; sorting 100,000 pairs of strings costs more than the pass.
    if all(a < b for a, b in listed) and all(x < y for x, y in zip(listed, listed[1:])):
        return listed
    chosen = set()
    for a, b in listed:
        if a == b:
            raise ValueError(f"pairs: {a!r} is paired with itself")
        chosen.add((a, b) if a < b else (b, a))
    return sorted(chosen)


def _pair_values(table: pd.DataFrame, value: str, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``value`` of each chosen pair (``first[k], second[k]``, object arrays) from a square doc x doc matrix or a pair table (NaN when absent)."""
    if {"doc_a", "doc_b"} <= set(table.columns):
        table_a, table_b = table["doc_a"].to_numpy(dtype=object), table["doc_b"].to_numpy(dtype=object)
        if len(table_a) == len(first) and len(first) and np.array_equal(table_a, first) and np.array_equal(table_b, second):
            # A table of the very pairs asked for, in their order (the candidate pairs and what was computed for them):
            # its values as they stand, without a look-up per pair.
            return table[value].to_numpy(dtype=float)
        lookup = {}
        for a, b, number in zip(table_a, table_b, table[value].to_numpy()):
            lookup[(a, b) if a < b else (b, a)] = float(number)
        return np.array([lookup.get(pair, np.nan) for pair in zip(first, second)], dtype=float)
    rows = table.index.get_indexer(first)
    columns = table.columns.get_indexer(second)
    values = table.to_numpy(dtype=float)[np.maximum(rows, 0), np.maximum(columns, 0)] if len(table) else np.full(len(first), np.nan)
    return np.where((rows >= 0) & (columns >= 0), values, np.nan)


def overlap_pairs(
    cosine: pd.DataFrame,
    ngrams: pd.DataFrame,
    entity_pairs: pd.DataFrame,
    delta: pd.DataFrame,
    pairs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per pair of articles with every overlap measure.

    Parameters
    ----------
    cosine : DataFrame
        Square TF-IDF cosine matrix from :func:`tfidf_cosine` (its index names
        the documents), or a pair table ``doc_a, doc_b, tfidf_cosine`` such as
        :func:`pair_cosines` or :func:`analysis.overlap.candidates.candidate_pairs`.
    ngrams : DataFrame
        :func:`shared_ngrams` (its ``docs`` column).
    entity_pairs : DataFrame
        :func:`shared_entities`.
    delta : DataFrame
        Square Burrows' Delta matrix from :func:`analysis.overlap.stylometry.burrows_delta`,
        or a pair table ``doc_a, doc_b, delta`` from
        :func:`analysis.overlap.stylometry.pair_deltas`.
    pairs : DataFrame, optional
        The pairs to report (``doc_a, doc_b``); default the rows of ``cosine``
        when it is a pair table, else every pair of its index.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, tfidf_cosine, shared_ngrams, shared_entities,
        stylometric_delta`` with ``doc_a < doc_b``, one row per pair, in pair
        order. A pair's shared phrases are counted from the phrases' ``docs``
        lists, so the cost grows with the pairs asked for, not with every pair a
        common phrase spans.
    """
    is_pair_table = {"doc_a", "doc_b"} <= set(cosine.columns)
    if pairs is None and is_pair_table:
        pairs = cosine
    chosen = pair_list(pairs, cosine.index)
    # The pairs as two object arrays and document codes, read once: every column below is array work, not a pass per pair.
    first = np.array([a for a, _ in chosen], dtype=object).reshape(-1)
    second = np.array([b for _, b in chosen], dtype=object).reshape(-1)
    frame = pd.DataFrame({
        "doc_a": first,
        "doc_b": second,
        "tfidf_cosine": _pair_values(cosine, "tfidf_cosine", first, second),
        "shared_ngrams": _shared_phrase_counts(ngrams["docs"], chosen),
        "shared_entities": _pair_row_counts(entity_pairs, first, second),
        "stylometric_delta": _pair_values(delta, "delta", first, second),
    })
    return frame.astype({"shared_ngrams": "int64", "shared_entities": "int64"})[PAIR_COLUMNS]


#: Pairs whose shared phrases are counted in one sparse product (bounded memory, as in :func:`shared_entities`).
PAIR_BLOCK = 50_000
#: A phrase used by at most this many articles is counted for each pair of them it names (at most 496 pairs, and
#: nearly every phrase: 23,194 of 23,267 at 2,127 BBC articles); a commoner one by the sparse product, whose cost is
#: the common phrases of the pairs' articles (2.2 an article there, against 37 for every phrase).
PHRASE_PAIR_DOCS = 32


def _shared_phrase_counts(doc_lists, chosen: list[tuple[str, str]]) -> np.ndarray:
    """How many of the phrases (each a tuple of the documents using it) each chosen pair's two documents both use.

    The same counts as intersecting each pair's sets of phrases, in array
    operations whose cost follows what the pairs share: a phrase of a few
    articles adds one to every pair of them (listed with the phrase, so an
    article listed twice still shares it once), and the few common phrases are
    counted by a sparse article × phrase product of each pair's two rows. A
    product over every phrase would cost each pair all the phrases its articles
    share with anyone, which grows faster than the pairs.
    """
    counts = np.zeros(len(chosen), dtype=np.int64)
    if not chosen:
        return counts
    codes, documents = pd.factorize(np.array([doc for pair in chosen for doc in pair], dtype=object))
    rows_a, rows_b = codes[0::2], codes[1::2]
    n = max(len(documents), 1)
    wanted = np.minimum(rows_a, rows_b) * n + np.maximum(rows_a, rows_b)
    lists = list(doc_lists)
    lengths = np.fromiter((len(docs) for docs in lists), dtype=np.int64, count=len(lists))
    rows = pd.Index(documents).get_indexer(np.array([doc for docs in lists for doc in docs], dtype=object))  # -1: in no pair
    starts = np.cumsum(lengths) - lengths
    few = lengths <= PHRASE_PAIR_DOCS
    named = []
    for size in np.unique(lengths[few & (lengths >= 2)]).tolist():
        phrases = np.flatnonzero(lengths == size)
        members = rows[starts[phrases][:, None] + np.arange(size)]
        first, second = np.triu_indices(size, k=1)
        x, y = members[:, first].reshape(-1), members[:, second].reshape(-1)
        phrase = np.repeat(phrases, len(first))
        ok = (x >= 0) & (y >= 0) & (x != y)
        named.append(pd.unique(phrase[ok] * (n * n) + np.minimum(x[ok], y[ok]) * n + np.maximum(x[ok], y[ok])) % (n * n))
    if named:
        counts += _occurrences(np.concatenate(named), wanted)
    common = np.repeat(~few, lengths) & (rows >= 0)
    if common.any():
        incidence = sparse.csr_matrix((np.ones(int(common.sum()), dtype=np.int32), (rows[common], np.repeat(np.arange(len(lists)), lengths)[common])),
                                      shape=(n, len(lists)))
        incidence.data[:] = 1  # an article listed twice for a phrase still shares it once
        for start in range(0, len(chosen), PAIR_BLOCK):
            block = slice(start, start + PAIR_BLOCK)
            both = incidence[rows_a[block]].multiply(incidence[rows_b[block]])
            counts[block] += np.asarray(both.sum(axis=1)).reshape(-1)
    return counts


def _pair_row_counts(table: pd.DataFrame, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """How many rows of ``table`` (columns ``doc_a, doc_b``, in that order) name each pair ``first[k], second[k]``.

    The pairs' and the rows' documents as codes of one index and each pair as
    one integer, counted with a sort: the counts of a ``Counter`` of the rows
    looked up pair by pair.
    """
    codes, documents = pd.factorize(np.concatenate([first, second]))
    n = max(len(documents), 1)
    wanted = codes[:len(first)] * n + codes[len(first):]
    index = pd.Index(documents)
    row_a = index.get_indexer(table["doc_a"].to_numpy(dtype=object))
    row_b = index.get_indexer(table["doc_b"].to_numpy(dtype=object))
    known = (row_a >= 0) & (row_b >= 0)  # a row of a document in no chosen pair names none of them
    return _occurrences(row_a[known] * n + row_b[known], wanted)


def _occurrences(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """How many times each integer of ``wanted`` occurs in ``values`` (0 when never), by a sort, not a dict."""
    result = np.zeros(len(wanted), dtype=np.int64)
    keys, counts = np.unique(values, return_counts=True)
    if len(keys):
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        hit = keys[at] == wanted
        result[hit] = counts[at[hit]]
    return result


def pair_matrix(pairs: pd.DataFrame, value: str, diagonal: float = float("nan")) -> pd.DataFrame:
    """A symmetric doc × doc matrix of one column of a pair table (``doc_a, doc_b, value``)."""
    doc_ids = sorted(set(pairs["doc_a"]) | set(pairs["doc_b"]))
    matrix = pd.DataFrame(diagonal, index=doc_ids, columns=doc_ids, dtype=float)
    for doc_a, doc_b, number in pairs[["doc_a", "doc_b", value]].itertuples(index=False):
        matrix.at[doc_a, doc_b] = matrix.at[doc_b, doc_a] = number
    return matrix
