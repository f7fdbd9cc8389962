"""Overlap between articles: shared vocabulary, phrases, reused passages and entities.

Start here in a notebook::

    from analysis import corpus, overlap
    docs = corpus.load_corpus()
    tokens = overlap.body_tokens(docs)          # words of the body, raw offsets
    cosine = overlap.tfidf_cosine(tokens)       # doc x doc similarity
    terms = overlap.shared_terms(tokens)        # the words that make each cosine
    ngrams = overlap.shared_ngrams(tokens)      # phrases in two or more articles
    passages = overlap.shared_passages(tokens)  # reused passages, both spans

Everything is computed on body segments only (page furniture never enters), and
every span is a pair of character offsets into the raw article text. Stopwords
are scikit-learn's English list (``ENGLISH_STOP_WORDS``, from the Glasgow
Information Retrieval Group); they never count as vocabulary, never start or end
a shared phrase and never seed an alignment.

Quantity claims live in :mod:`analysis.claims`, function-word stylometry in
:mod:`analysis.stylometry` and MinHash near-duplicate search in
:mod:`analysis.near_duplicates`; :func:`overlap_pairs` joins them into one row
per pair of articles.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis import actors
from analysis.corpus import body_segments

STOPWORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)

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
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|\d+(?:[.,]\d+)*(?:[-‐][^\W_]+)*"
    r"|[^\W\d_][^\W_]*(?:['’\-‐][^\W_]+)*"
)
# Table cells glued by page capture ("Priority AreaAzerbaijan’s FocusUS") split where
# a lower-case letter meets an upper-case one.
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")


def normalise_word(word: str) -> str:
    """The form a word is compared in.

    Lower case, curly apostrophes straightened, a possessive ``'s`` dropped and
    dots removed from dotted acronyms. Acronyms of two to five capitals keep
    their case, so "US" (the country) stays apart from the pronoun "us".
    """
    word = word.replace("’", "'").replace("‐", "-")
    if re.fullmatch(r"(?:[^\W\d_]\.){2,}", word):
        return word.replace(".", "").upper()
    word = _POSSESSIVE.sub("", word) or word
    if 2 <= len(word) <= 5 and word.isupper() and word.isalpha():
        return word
    return word.lower()


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
    for match in _TOKEN.finditer(text):
        pieces = [(match.start(), match.end())]
        if split_glued and _GLUED.search(match.group()):
            cuts = [match.start()] + [match.start() + m.start() for m in _GLUED.finditer(match.group())] + [match.end()]
            pieces = list(zip(cuts, cuts[1:]))
        for start, end in pieces:
            words.append((start, end, normalise_word(text[start:end])))
    return words


def body_tokens(docs: pd.DataFrame) -> pd.DataFrame:
    """Every word of every article body, with raw offsets.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.load_corpus` (``doc_id``, ``raw``).

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
    rows = []
    counters: dict[str, int] = defaultdict(int)
    for doc_id, seq, start, end, label in body_segments(docs)[["doc_id", "seq", "start", "end", "label"]].itertuples(index=False):
        segment = raw_by_doc[doc_id][start:end]
        previous_end = None
        for w_start, w_end, norm in tokenize(segment, split_glued=(label == "table_row")):
            gap = segment[previous_end:w_start] if previous_end is not None else None
            rows.append(
                (
                    doc_id, seq, counters[doc_id], start + w_start, start + w_end, segment[w_start:w_end], norm,
                    is_content_word(norm), gap is None or gap.strip() != "",
                )
            )
            counters[doc_id] += 1
            previous_end = w_end
    frame = pd.DataFrame(rows, columns=TOKEN_COLUMNS)
    return frame.astype({"seq": "int64", "token_id": "int64", "start": "int64", "end": "int64", "is_content": "bool", "phrase_break": "bool"})


# ---------------------------------------------------------------- vocabulary


def term_counts(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Content-word counts: one row per document (index ``doc_id``), one column per term.

    ``doc_ids`` (e.g. ``docs["doc_id"]``) lists every document, so one without
    any content word (or any word) keeps a row of zeros; by default the
    documents are those in ``tokens``.
    """
    content = tokens.loc[tokens["is_content"].astype(bool)]
    counts = pd.crosstab(content["doc_id"], content["norm"]) if len(content) else pd.DataFrame(dtype="int64")
    doc_ids = list(dict.fromkeys(tokens["doc_id"] if doc_ids is None else doc_ids))
    return counts.reindex(index=doc_ids, fill_value=0).rename_axis(index="doc_id", columns="term")


def tfidf_weights(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """TF-IDF weights of content words, each document's row scaled to unit length.

    scikit-learn's ``TfidfTransformer`` with its defaults (raw counts, smoothed
    idf ``ln((1 + n) / (1 + df)) + 1``, l2 norm). A document with no content word
    keeps a row of zeros (``doc_ids`` as in :func:`term_counts`).
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = term_counts(tokens, doc_ids)
    if counts.shape[1] == 0:
        return counts.astype(float)
    weights = TfidfTransformer().fit_transform(counts.to_numpy()).toarray()
    return pd.DataFrame(weights, index=counts.index, columns=counts.columns)


def tfidf_cosine(tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Cosine similarity of the documents' TF-IDF vectors (symmetric, 1 on the diagonal).

    Returns a square frame indexed by ``doc_id`` both ways (every one of
    ``doc_ids`` when given); a document without content words has similarity 0
    to every other and NaN to itself.
    """
    weights = tfidf_weights(tokens, doc_ids)
    matrix = weights.to_numpy() @ weights.to_numpy().T
    norms = np.linalg.norm(weights.to_numpy(), axis=1)
    np.fill_diagonal(matrix, np.where(norms > 0, 1.0, np.nan))
    return pd.DataFrame(matrix, index=weights.index, columns=weights.index)


def shared_terms(tokens: pd.DataFrame, top: int | None = 10) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, term, weight_a, weight_b, contribution,
        share_of_cosine`` (contribution / cosine), ``doc_a < doc_b``, sorted by
        pair and falling contribution.
    """
    weights = tfidf_weights(tokens)
    rows = []
    for doc_a, doc_b in document_pairs(weights.index):
        wa, wb = weights.loc[doc_a], weights.loc[doc_b]
        product = (wa * wb)[lambda s: s > 0].sort_values(ascending=False)
        cosine = float(product.sum())
        if top is not None:
            product = product.head(top)
        for term, contribution in product.items():
            rows.append((doc_a, doc_b, term, float(wa[term]), float(wb[term]), float(contribution), float(contribution / cosine)))
    return pd.DataFrame(rows, columns=SHARED_TERM_COLUMNS)


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
    counts = term_counts(tokens)
    totals = counts.sum(axis=0)
    sizes = counts.sum(axis=1)
    corpus_size = int(sizes.sum())
    rows = []
    for doc_id, row in counts.iterrows():
        size, rest_size = int(sizes[doc_id]), corpus_size - int(sizes[doc_id])
        if size == 0 or rest_size == 0:
            continue
        for term, count in row[row >= min_count].items():
            rest = int(totals[term] - count)
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


def _phrases(tokens: pd.DataFrame) -> dict[str, list[list[tuple]]]:
    """Per document, runs of words with no punctuation between them."""
    runs: dict[str, list[list[tuple]]] = defaultdict(list)
    for row in tokens.itertuples(index=False):
        if row.phrase_break or not runs[row.doc_id]:
            runs[row.doc_id].append([])
        runs[row.doc_id][-1].append((row.start, row.end, row.norm, row.is_content))
    return runs


def _ngram_places(tokens: pd.DataFrame, n_min: int, n_max: int | None, min_docs: int) -> dict[str, list[tuple[str, int, int]]]:
    """``ngram -> [(doc_id, start, end), ...]`` for n-grams found in ``min_docs`` or more documents."""
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for doc_id, doc_runs in _phrases(tokens).items():
        for run in doc_runs:
            longest = len(run) if n_max is None else min(n_max, len(run))
            for n in range(n_min, longest + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i:i + n]
                    if not (gram[0][3] and gram[-1][3]) or sum(w[3] for w in gram) < 2:
                        continue
                    found[" ".join(w[2] for w in gram)].append((doc_id, gram[0][0], gram[-1][1]))
    return {key: places for key, places in found.items() if len({doc for doc, _, _ in places}) >= min_docs}


def ngram_occurrences(docs: pd.DataFrame, tokens: pd.DataFrame, n_min: int = 2, n_max: int | None = None, min_docs: int = 2) -> pd.DataFrame:
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
        From :func:`analysis.corpus.load_corpus` (for the raw text).
    tokens : DataFrame
        From :func:`body_tokens` of the same ``docs``.

    Returns
    -------
    pandas.DataFrame
        Columns ``ngram, doc_id, start, end, text`` (raw offsets; ``text`` is
        ``raw[start:end]``), one row per occurrence, in n-gram and page order.
    """
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    rows = [
        (key, doc, start, end, raw_by_doc[doc][start:end])
        for key, places in _ngram_places(tokens, n_min, n_max, min_docs).items()
        for doc, start, end in places
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
        (sorted doc ids joined by ``;``) and ``count`` (occurrences in all
        articles), sorted by falling ``n_docs``, ``n`` and ``count``. Spans are in
        :func:`ngram_occurrences`.
    """
    places = _ngram_places(tokens, n_min, n_max, min_docs)
    if not places:
        return pd.DataFrame(columns=NGRAM_COLUMNS)
    docs_of = {gram: ";".join(sorted({doc for doc, _, _ in where})) for gram, where in places.items()}
    subsumed = set()
    for gram, docs in docs_of.items():
        words = gram.split(" ")
        for length in range(n_min, len(words)):
            for i in range(len(words) - length + 1):
                sub = " ".join(words[i:i + length])
                if docs_of.get(sub) == docs:
                    subsumed.add(sub)
    keep = [gram for gram in docs_of if gram not in subsumed]
    frame = pd.DataFrame(
        {
            "ngram": keep,
            "n": [len(gram.split(" ")) for gram in keep],
            "n_docs": [docs_of[gram].count(";") + 1 for gram in keep],
            "docs": [docs_of[gram] for gram in keep],
            "count": [len(places[gram]) for gram in keep],
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
    positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - seed_size + 1):
        gram = tuple(b[j:j + seed_size])
        if any(is_content_word(word) for word in gram):
            positions[gram].append(j)
    seeds = []
    for i in range(len(a) - seed_size + 1):
        hits = positions.get(tuple(a[i:i + seed_size]), ())
        if 0 < len(hits) <= max_seed_repeats:
            seeds.extend((i, j) for j in hits)

    chains = _chain_seeds(seeds, max_gap=12, max_shift=6)
    found = []
    for chain in chains:
        alignment = _align_chain(a, b, chain, seed_size, match, mismatch, gap)
        if alignment is not None and alignment.matched_words >= min_matched_words:
            found.append(alignment)
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


def _align_chain(a, b, chain, seed_size, match, mismatch, gap) -> Alignment | None:
    """Smith–Waterman in a band around a chain of seeds, with traceback."""
    margin = 2 * seed_size + 4
    i0 = max(0, min(i for i, _ in chain) - margin)
    i1 = min(len(a), max(i for i, _ in chain) + seed_size + margin)
    j0 = max(0, min(j for _, j in chain) - margin)
    j1 = min(len(b), max(j for _, j in chain) + seed_size + margin)
    diagonals = [(i - i0) - (j - j0) for i, j in chain]
    low, high = min(diagonals) - margin, max(diagonals) + margin
    sub_a, sub_b = a[i0:i1], b[j0:j1]
    n, m = len(sub_a), len(sub_b)
    # score[(i, j)] for 1-based cells inside the band; cells outside count as 0.
    score: dict[tuple[int, int], int] = {}
    best, best_cell = 0, None
    for i in range(1, n + 1):
        word = sub_a[i - 1]
        for j in range(max(1, i - high), min(m, i - low) + 1):
            diagonal = score.get((i - 1, j - 1), 0) + (match if word == sub_b[j - 1] else mismatch)
            value = max(0, diagonal, score.get((i - 1, j), 0) + gap, score.get((i, j - 1), 0) + gap)
            if value:
                score[(i, j)] = value
                if value > best:
                    best, best_cell = value, (i, j)
    if best_cell is None:
        return None
    i, j = best_cell
    end_i, end_j, matched = i, j, 0
    while score.get((i, j), 0) > 0:
        value = score[(i, j)]
        same = sub_a[i - 1] == sub_b[j - 1]
        if value == score.get((i - 1, j - 1), 0) + (match if same else mismatch):
            matched += same
            i, j = i - 1, j - 1
        elif value == score.get((i - 1, j), 0) + gap:
            i -= 1
        else:
            j -= 1
    return Alignment(i0 + i, i0 + end_i, j0 + j, j0 + end_j, best, matched)


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


def shared_passages(docs: pd.DataFrame, tokens: pd.DataFrame, min_matched_words: int = 8) -> pd.DataFrame:
    """Passages reused between every pair of articles, with raw offsets in both.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.load_corpus` (for the raw text).
    tokens : DataFrame
        From :func:`body_tokens` of the same ``docs``.
    min_matched_words : int
        Smallest number of identical aligned words (see :func:`local_alignments`).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, a_start, a_end, doc_b, b_start, b_end`` (raw offsets),
        ``text_a, text_b`` (``raw[start:end]`` of each), ``score``
        (Smith–Waterman: +2 per identical word, −1 per substituted, inserted or
        deleted word), ``matched_words``, ``words_a``, ``words_b`` (length of each
        side in words), best score first.
    """
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    by_doc = {doc: frame.reset_index(drop=True) for doc, frame in tokens.groupby("doc_id", sort=False)}
    rows = []
    for doc_a, doc_b in document_pairs(by_doc):
        ta, tb = by_doc[doc_a], by_doc[doc_b]
        for hit in local_alignments(list(ta["norm"]), list(tb["norm"]), min_matched_words):
            a_start, a_end = int(ta.at[hit.a_start, "start"]), int(ta.at[hit.a_end - 1, "end"])
            b_start, b_end = int(tb.at[hit.b_start, "start"]), int(tb.at[hit.b_end - 1, "end"])
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


def entity_mentions(docs: pd.DataFrame) -> pd.DataFrame:
    """Actor mentions in the body of every article (gazetteer ``analysis/data/actors.csv``).

    Columns ``doc_id, start, end, alias, actor, kind`` (raw offsets), as
    :func:`analysis.actors.tag_mentions` returns them.
    """
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    return actors.tag_mentions(body_segments(docs), raw_by_doc)


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


def shared_entities(mentions: pd.DataFrame, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Actors named by both articles of each pair.

    Returns columns ``doc_a, doc_b, actor, kind, mentions_a, mentions_b``, one
    row per pair and shared actor.
    """
    matrix = entity_matrix(mentions, doc_ids)
    kind_of = dict(zip(mentions["actor"], mentions["kind"]))
    rows = []
    for doc_a, doc_b in document_pairs(matrix.index):
        both = matrix.columns[(matrix.loc[doc_a] > 0) & (matrix.loc[doc_b] > 0)]
        rows.extend((doc_a, doc_b, actor, kind_of[actor], int(matrix.at[doc_a, actor]), int(matrix.at[doc_b, actor])) for actor in both)
    return pd.DataFrame(rows, columns=ENTITY_PAIR_COLUMNS)


# ---------------------------------------------------------------- pair table


def document_pairs(doc_ids) -> list[tuple[str, str]]:
    """Every unordered pair of distinct documents, as ``(doc_a, doc_b)`` with ``doc_a < doc_b``."""
    return list(combinations(sorted(set(doc_ids)), 2))


def overlap_pairs(
    cosine: pd.DataFrame,
    ngrams: pd.DataFrame,
    entity_pairs: pd.DataFrame,
    delta: pd.DataFrame,
) -> pd.DataFrame:
    """One row per unordered pair of articles with every overlap measure.

    Parameters
    ----------
    cosine : DataFrame
        Square TF-IDF cosine matrix from :func:`tfidf_cosine`; its index names
        the documents.
    ngrams : DataFrame
        :func:`shared_ngrams` (its ``docs`` column).
    entity_pairs : DataFrame
        :func:`shared_entities`.
    delta : DataFrame
        Square Burrows' Delta matrix from :func:`analysis.stylometry.burrows_delta`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, tfidf_cosine, shared_ngrams, shared_entities,
        stylometric_delta`` with ``doc_a < doc_b``, one row per pair.
    """
    ngram_count: Counter = Counter()
    for docs in ngrams["docs"]:
        ngram_count.update(combinations(sorted(docs.split(";")), 2))
    entity_count = Counter(zip(entity_pairs["doc_a"], entity_pairs["doc_b"]))
    rows = [
        (
            doc_a, doc_b, float(cosine.at[doc_a, doc_b]), ngram_count[(doc_a, doc_b)], entity_count[(doc_a, doc_b)],
            float(delta.at[doc_a, doc_b]) if doc_a in delta.index and doc_b in delta.index else float("nan"),
        )
        for doc_a, doc_b in document_pairs(cosine.index)
    ]
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def pair_matrix(pairs: pd.DataFrame, value: str, diagonal: float = float("nan")) -> pd.DataFrame:
    """A symmetric doc × doc matrix of one column of a pair table (``doc_a, doc_b, value``)."""
    doc_ids = sorted(set(pairs["doc_a"]) | set(pairs["doc_b"]))
    matrix = pd.DataFrame(diagonal, index=doc_ids, columns=doc_ids, dtype=float)
    for doc_a, doc_b, number in pairs[["doc_a", "doc_b", value]].itertuples(index=False):
        matrix.at[doc_a, doc_b] = matrix.at[doc_b, doc_a] = number
    return matrix
