"""Candidate pairs: which pairs of articles are worth comparing in a large corpus.

Five articles make 10 pairs; 2,127 make 2.3 million, and aligning passages,
matching claims or explaining a cosine for each of them takes hours. Most pairs
of a large corpus share nothing but a language. This module proposes the pairs
that can overlap, at most a fixed number per article and test, so the pairs — and
the time of every pairwise step of :mod:`analysis.overlap.similarity`,
:mod:`analysis.overlap.claims` and :mod:`analysis.overlap.stylometry` that runs
on them — grow with the articles, not with their square::

    from analysis.overlap import candidates, similarity
    tokens = similarity.body_tokens(docs)
    pairs = candidates.candidate_pairs(tokens, docs["doc_id"])
    passages = similarity.shared_passages(docs, tokens, pairs=pairs)

Each article proposes partners by five tests, each partner list ranked by the
strength of its evidence (ties to the smaller document id) and cut at a fixed
length; a pair is a candidate when either article proposes the other:

1. **nearest** — its :data:`TOP_K` most similar articles by TF-IDF cosine (a
   sparse matrix product, a block of rows at a time, so memory stays bounded).
   These share a subject: the closest vocabularies, shared phrases, actors and
   same-story facts.
2. **reuse** — its :data:`REUSE_PARTNERS` partners sharing the most *rare* word
   sequences: :data:`SHINGLE_WORDS` consecutive body words (normalised, at least
   one content word — the seeds of :func:`analysis.overlap.similarity.local_alignments`)
   found in at most :data:`MAX_SHINGLE_DOCS` articles. A reused passage contains
   such sequences wherever it sits and however different the rest of the two
   articles is; sequences in more articles are stock phrases ("the prime
   minister said").
3. **runs** — its :data:`RUN_PARTNERS` partners sharing the most runs of
   :data:`RUN_WORDS` identical words found in at most :data:`MAX_RUN_DOCS`
   articles: a stock sentence ("he told BBC Radio 4's Today programme") is made
   of common 3-word sequences but is itself a passage of eight identical words.
   Tests 2 and 3 fill the ``reuse`` column.
4. **shared figure** — its :data:`FIGURE_PARTNERS` partners stating the most
   quantities (kind, unit and interval, from
   :func:`analysis.overlap.claims.quantity_mentions`) that at most
   :data:`MAX_QUANTITY_DOCS` articles state: the first sign of a shared fact.
5. **near-duplicate** — MinHash LSH (:func:`analysis.overlap.near_duplicates.lsh_candidate_pairs`,
   datasketch) over 5-word shingles of the body at Jaccard :data:`LSH_THRESHOLD`:
   re-filed copies of one story, even when their sequences are too common for
   tests 2 and 3. A cluster of more than :data:`MAX_CLIQUE` copies (articles
   linked by LSH, directly or through each other) is compared as a star — each
   copy with the cluster's first article — not as every pair of copies, and the
   other tests (but the nearest, test 1) do not pair two of its copies either:
   500 copies of one text make 499 pairs here, not 124,750, and each copy is
   still paired with its ten closest.

An article whose tests name fewer than :data:`PARTNERS` others takes its next
nearest by cosine until it proposes that many (they fill the ``nearest``
column too; never another copy in its large near-duplicate cluster), so every article is compared with about as many others in a
corpus of 300 as of 30,000 and the number of pairs per article does not creep
up as the evidence lists fill.

A rare sequence or figure in ``d`` articles costs ``d²`` in the sparse products
that count what pairs share; the caps bound that, so counting grows with the
corpus. The partner limits bound the pairs: each article proposes ``PARTNERS``
others, more only when its tests name more (at most
``TOP_K + REUSE_PARTNERS + RUN_PARTNERS + FIGURE_PARTNERS + MAX_CLIQUE``);
a pair both articles propose counts once. Words and sequences are integer codes
throughout (a hash table, never a fixed-width array of strings).

When the corpus is small (``n - 1 <= top_k``) every pair is a candidate, so the
tables of a handful of articles are exactly those of an all-pairs run; every
pairwise step gives each candidate pair exactly what an all-pairs run gives it.

What the restriction misses, measured against an all-pairs run of the same
steps on BBC articles (Greene & Cunningham 2006; byte-identical copies removed;
``bench/bench_overlap_growth.py`` measures it again):

* 2,127 articles, all five categories: 92,929 candidate pairs of 2,261,001
  (43.7 per article; 38.7 at 300 articles of the same corpus, so the pairs grow
  as n^1.06 from 300 to 2,127); reused passages of 8+ identical aligned words
  kept: 2,477 of 2,538 (0.976); of 12+ words: 895 of 896.
* 400 articles, business only (one subject, the hard case): 16,090 of 79,800
  pairs (40.2 per article); 377 of 378 passages (0.997); 146 of 147 of 12+ words.
* 300 articles, 60 per category (``tests/overlap/test_candidates.py``): 11,328 of 44,850
  pairs (37.8 per article); 103 of 103 passages.

The limits were chosen on the 2,127 articles, so those figures are in-sample.
Held out, on the 923 distinct PolNeAR articles (US political news of 2015–2016,
train and dev): 47,487 of 425,503 pairs (51.4 per article); 2,018 of 2,157
passages (0.936), 476 of 478 of 12+ words (on the corpus layer of 1 December
2026; 2,010 of 2,148 on the one before) — the earlier unbounded tests kept
2,079 of 2,148 (0.968) with 92,544 pairs.

Passages of 8+ words are the ones the report counts as reused. Those left out
are stock phrasing shared by more articles than one article's partner lists
hold ("told BBC Radio 4's Today programme. However", "in the run-up to the
general election"): such a phrase in ``m`` articles makes ``m²/2`` passages, a
number that would grow with the square of the corpus.

Of the article pairs sharing the most matched quantity statements
(:func:`analysis.overlap.claims.match_claims`, all pairs against candidates), 9 of
the top 10 and 42 of the top 50 are kept on 2,127 articles (9 of the top 10 on
the 300). The pair left out of the top 10 matches generic statements about
different things — "US growth would reach 4.4% in 2004" with "interest rates
will fall to 4% by the end of the year" (business_030 and business_459, cosine
0.18) — so restricting to candidates also keeps such chance matches out of the
claim groups.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.overlap import near_duplicates
from analysis.overlap.similarity import documents_in_order, tfidf_matrix

#: Nearest neighbours by TF-IDF cosine kept for each article: the pairs that share a subject.
TOP_K = 10
#: Words in a shingle of the reuse test: the alignment's seed size, so any passage
#: the alignment can find contains shingles (see :func:`analysis.overlap.similarity.local_alignments`).
SHINGLE_WORDS = 3
#: Articles a shingle may appear in and still mark reuse; commoner ones are stock phrases.
MAX_SHINGLE_DOCS = 50
#: Partners each article proposes by the reuse test: those sharing the most rare shingles.
REUSE_PARTNERS = 50
#: Words in a run of the run test: a few identical words in a row.
RUN_WORDS = 5
#: Articles a run may appear in and still mark reuse (a run is rarer than a shingle, so the cap is higher).
MAX_RUN_DOCS = 200
#: Partners each article proposes by the run test: those sharing the most such runs.
RUN_PARTNERS = 40
#: Articles a quantity (same kind, unit and interval) may be stated in and still pair them.
MAX_QUANTITY_DOCS = 10
#: Partners each article proposes by the shared-figure test: those sharing the most rare figures.
FIGURE_PARTNERS = 10
#: Jaccard similarity of 5-word shingle sets above which MinHash LSH proposes a pair.
LSH_THRESHOLD = 0.5
#: A near-duplicate cluster larger than this is compared as a star, not a clique (every pair of copies).
MAX_CLIQUE = TOP_K + 1
#: Partners each article proposes in all: when the tests above name fewer, its next nearest by cosine fill the list,
#: so every article is compared with as many others whatever the size of the corpus.
PARTNERS = 60
#: Pairs whose TF-IDF cosine is computed at once: bounded memory for the rows of both articles.
COSINE_BLOCK = 20_000

CANDIDATE_COLUMNS = [
    "doc_a", "doc_b", "tfidf_cosine", "nearest", "reuse", "shared_shingles", "shared_runs",
    "shared_figure", "shared_quantities", "near_duplicate",
]


def candidate_pairs(
    tokens: pd.DataFrame,
    doc_ids: Sequence[str] | None = None,
    quantities: pd.DataFrame | None = None,
    top_k: int = TOP_K,
    lsh_threshold: float | None = LSH_THRESHOLD,
) -> pd.DataFrame:
    """The pairs of articles worth comparing, each with why it was proposed.

    Parameters
    ----------
    tokens : DataFrame
        From :func:`analysis.overlap.similarity.body_tokens`.
    doc_ids : sequence of str, optional
        Every article (e.g. ``docs["doc_id"]``), including any without words;
        default the articles in ``tokens``.
    quantities : DataFrame, optional
        :func:`analysis.overlap.claims.quantity_mentions`, for the shared-figure test.
    top_k : int
        Nearest neighbours per article. When ``len(doc_ids) - 1 <= top_k``
        every pair is returned.
    lsh_threshold : float or None
        The near-duplicate test; None leaves it out.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted), ``tfidf_cosine``,
        ``nearest`` (one is among the other's ``top_k`` most similar, or among
        the next nearest that fill its :data:`PARTNERS`),
        ``reuse`` (proposed by the reuse or run test), ``shared_shingles``
        (rare 3-word sequences both contain), ``shared_runs`` (5-word runs both
        contain, of those in at most :data:`MAX_RUN_DOCS` articles),
        ``shared_figure`` (proposed by the shared-figure test),
        ``shared_quantities`` (rare figures both state) and ``near_duplicate``
        (proposed by the near-duplicate test). ``attrs`` records ``all_pairs``
        (True when every pair was kept because the corpus is small),
        ``n_possible`` (pairs there are) and ``top_k``.
    """
    matrix, doc_index, _ = tfidf_matrix(tokens, doc_ids)
    n_docs = len(doc_index)
    all_pairs = n_docs - 1 <= top_k
    rank_of = _id_ranks(doc_index)

    def cosine(rows: np.ndarray, partners: np.ndarray) -> np.ndarray:
        return _row_products(matrix, rows, partners)

    shingles = shared_sequence_counts(tokens, doc_index, SHINGLE_WORDS, MAX_SHINGLE_DOCS)
    runs = shared_sequence_counts(tokens, doc_index, RUN_WORDS, MAX_RUN_DOCS)
    figures = _figure_counts(quantities, doc_index) if quantities is not None else sparse.csr_matrix((n_docs, n_docs), dtype=np.int64)
    copies = lsh_pairs(tokens, lsh_threshold) if lsh_threshold is not None and not tokens.empty else _empty_pairs()
    cluster = _large_clusters(copies, doc_index)
    stars = star_clusters(copies)
    lists = {
        # Among partners sharing as many sequences, the one closer in vocabulary is likelier to share a passage.
        "reuse": [top_partners(shingles, rank_of, REUSE_PARTNERS, tie_break=cosine),
                  top_partners(runs, rank_of, RUN_PARTNERS, tie_break=cosine)],
        "shared_figure": [top_partners(figures, rank_of, FIGURE_PARTNERS)],
    }
    # Two copies in one large near-duplicate cluster are compared through its star only.
    lists = {name: [_apart(rows, partners, cluster) for rows, partners in parts] for name, parts in lists.items()}
    lists["near_duplicate"] = [(doc_index.get_indexer(stars["doc_a"]), doc_index.get_indexer(stars["doc_b"]))]
    if all_pairs:
        first, second = np.triu_indices(n_docs, k=1)
        nearest = keys = np.sort(_pair_keys(first, second, n_docs, rank_of))
    else:
        row, column, place = nearest_lists(matrix, rank_of, max(top_k, PARTNERS))
        chosen = [(row, column) for parts in lists.values() for row, column in parts]
        nearest_row, nearest_column = _top_up(row, column, place, chosen, top_k, PARTNERS, cluster)
        nearest = np.unique(_pair_keys(nearest_row, nearest_column, n_docs, rank_of))
        keys = np.unique(np.concatenate([nearest] + [_pair_keys(r, c, n_docs, rank_of) for r, c in chosen]))
    proposed = {name: np.unique(np.concatenate([_pair_keys(r, c, n_docs, rank_of) for r, c in parts])) for name, parts in lists.items()}
    by_rank = np.argsort(rank_of)  # id order -> row of the matrices
    row_a, row_b = by_rank[keys // n_docs], by_rank[keys % n_docs]  # keys order pairs by (doc_a, doc_b)
    ids = np.asarray(doc_index, dtype=object)
    result = pd.DataFrame({
        "doc_a": ids[row_a] if len(keys) else np.empty(0, dtype=object),
        "doc_b": ids[row_b] if len(keys) else np.empty(0, dtype=object),
        "tfidf_cosine": _row_products(matrix, row_a, row_b),
        "nearest": np.isin(keys, nearest),
        "reuse": np.isin(keys, proposed["reuse"]),
        "shared_shingles": _lookup(shingles, row_a, row_b),
        "shared_runs": _lookup(runs, row_a, row_b),
        "shared_figure": np.isin(keys, proposed["shared_figure"]),
        "shared_quantities": _lookup(figures, row_a, row_b),
        "near_duplicate": np.isin(keys, proposed["near_duplicate"]),
    }, columns=CANDIDATE_COLUMNS)
    result.attrs.update(all_pairs=all_pairs, n_possible=n_docs * (n_docs - 1) // 2, top_k=top_k)
    return result


# ---------------------------------------------------------------- pairs as integers


def _id_ranks(doc_index: pd.Index) -> np.ndarray:
    """Each document's position in sorted id order: the order pairs are reported in, and ties broken by."""
    order = np.argsort(np.asarray(doc_index, dtype=object), kind="stable")
    rank_of = np.empty(len(doc_index), dtype=np.int64)
    rank_of[order] = np.arange(len(doc_index))
    return rank_of


def _pair_keys(first: np.ndarray, second: np.ndarray, n_docs: int, rank_of: np.ndarray) -> np.ndarray:
    """One integer per unordered pair of rows: ``rank(doc_a) * n + rank(doc_b)`` with ``doc_a < doc_b``."""
    a, b = rank_of[np.asarray(first, dtype=np.int64)], rank_of[np.asarray(second, dtype=np.int64)]
    return np.minimum(a, b) * n_docs + np.maximum(a, b)


def _union(*keys: np.ndarray) -> np.ndarray:
    return np.unique(np.concatenate(keys)) if keys else np.empty(0, dtype=np.int64)


def top_partners(
    strength: sparse.csr_matrix, rank_of: np.ndarray, limit: int, tie_break: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Each article's ``limit`` strongest partners in a symmetric document × document matrix.

    Only positive strengths count. Partners as strong as the last one kept
    are told apart by ``tie_break(rows, partners)`` (larger first; computed
    for those partners only), then by the smaller id (``rank_of``: each row's
    position in id order). The work is a sort of the matrix's entries, so it
    grows with what the articles share, not with the number of pairs.

    Returns
    -------
    (rows, partners)
        Row numbers: article ``rows[i]`` proposes ``partners[i]``.
    """
    entries = sparse.coo_matrix(strength)
    keep = (entries.row != entries.col) & (entries.data > 0)
    row, column, value = entries.row[keep].astype(np.int64), entries.col[keep].astype(np.int64), entries.data[keep]
    if not row.size or limit <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    order = np.lexsort((rank_of[column], -value, row))
    row, column, value = row[order], column[order], value[order]
    row_start = np.searchsorted(row, row)
    place = np.arange(row.size) - row_start  # 0 for each row's strongest partner, 1 for the next...
    if tie_break is None:
        chosen = place < limit
        return row[chosen], column[chosen]
    # The strength of each row's limit-th partner; partners stronger are in, weaker out, as strong compete.
    size = np.bincount(row, minlength=strength.shape[0])[row]
    cut = np.where(size > limit, value[row_start + np.minimum(limit, size) - 1], -np.inf)
    sure, tied = value > cut, value == cut
    slots = limit - np.bincount(row[sure], minlength=strength.shape[0])
    tied_at = np.flatnonzero(tied)
    tie = tie_break(row[tied_at], column[tied_at])
    again = np.lexsort((rank_of[column[tied_at]], -tie, row[tied_at]))
    tied_at = tied_at[again]
    tied_rows = row[tied_at]
    within = np.arange(tied_at.size) - np.searchsorted(tied_rows, tied_rows)
    chosen = sure.copy()
    chosen[tied_at[within < slots[tied_rows]]] = True
    return row[chosen], column[chosen]


def _top_up(
    row: np.ndarray, column: np.ndarray, place: np.ndarray, chosen: list[tuple[np.ndarray, np.ndarray]], top_k: int, partners: int,
    cluster: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The nearest-neighbour proposals: each article's ``top_k`` nearest, then more of its nearest
    until it proposes ``partners`` articles in all (counting what the other tests chose for it).

    ``row, column, place`` are :func:`nearest_lists` (``place`` 0 for the nearest);
    ``chosen`` the (rows, partners) of the other tests; ``cluster`` (see
    :func:`_large_clusters`) keeps copies of one large cluster out of each other's top-up.
    """
    n_rows = int(max([row.max(initial=-1)] + [r.max(initial=-1) for r, _ in chosen])) + 1
    width = int(max([column.max(initial=-1)] + [c.max(initial=-1) for _, c in chosen])) + 1
    tested = np.unique(np.concatenate([r * width + c for r, c in chosen])) if chosen else np.empty(0, dtype=np.int64)
    already = np.bincount(tested // width, minlength=n_rows) if tested.size else np.zeros(n_rows, dtype=np.int64)
    is_new = ~np.isin(row * width + column, tested)
    if cluster is not None:
        is_new &= ~((cluster[row] >= 0) & (cluster[row] == cluster[column]))
    # Within each row (nearest first), the how-many-th partner not chosen by another test this is.
    new_before = np.cumsum(is_new) - is_new
    row_start = np.searchsorted(row, row)
    new_rank = new_before - new_before[row_start]
    keep = (place < top_k) | (is_new & (already[row] + new_rank < partners))
    return row[keep], column[keep]


def _lookup(matrix: sparse.csr_matrix, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """``matrix[rows[i], columns[i]]`` for each i, as int64."""
    if not len(rows):
        return np.empty(0, dtype=np.int64)
    return np.asarray(matrix[rows, columns]).reshape(-1).astype(np.int64)


def _row_products(matrix: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """Dot products of the rows of each pair (the cosine of unit rows), a block of pairs at a time."""
    values = np.empty(len(rows_a))
    for first in range(0, len(rows_a), COSINE_BLOCK):
        a, b = rows_a[first:first + COSINE_BLOCK], rows_b[first:first + COSINE_BLOCK]
        values[first:first + len(a)] = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).reshape(-1)
    return values


def _empty_pairs(**columns: str) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_a": pd.Series(dtype=object), "doc_b": pd.Series(dtype=object)})
    for name, dtype in columns.items():
        frame[name] = pd.Series(dtype=dtype)
    return frame


def _pair_frame(strength: sparse.csr_matrix, doc_index: pd.Index, column: str) -> pd.DataFrame:
    """Every pair with a positive entry in a symmetric matrix: ``doc_a, doc_b, <column>``, sorted."""
    upper = sparse.triu(strength, k=1).tocoo()
    keep = upper.data > 0
    if not keep.any():
        return _empty_pairs(**{column: "int64"})
    ids = np.asarray(doc_index, dtype=object)
    frame = _ordered_pairs(ids[upper.row[keep]], ids[upper.col[keep]]).assign(**{column: upper.data[keep].astype("int64")})
    return frame.sort_values(["doc_a", "doc_b"], ignore_index=True)


def _ordered_pairs(first: np.ndarray, second: np.ndarray) -> pd.DataFrame:
    """``doc_a, doc_b`` with the smaller id first."""
    first, second = np.asarray(first, dtype=object), np.asarray(second, dtype=object)
    swap = np.fromiter((x > y for x, y in zip(first, second)), dtype=bool, count=len(first))
    return pd.DataFrame({"doc_a": np.where(swap, second, first), "doc_b": np.where(swap, first, second)})


def _shared_counts(doc_codes: np.ndarray, item_codes: np.ndarray, n_docs: int, max_docs: int) -> sparse.csr_matrix:
    """Document × document counts of the items (sequences, figures) both contain, of those in 2..``max_docs`` documents.

    A symmetric CSR matrix of int64 with a zero diagonal. An item in ``d``
    documents adds ``d²`` entries to the product, so ``max_docs`` bounds the
    work per item.
    """
    if not item_codes.size:
        return sparse.csr_matrix((n_docs, n_docs), dtype=np.int64)
    incidence = sparse.csr_matrix(
        (np.ones(item_codes.size, dtype=np.int64), (doc_codes, item_codes)), shape=(n_docs, int(item_codes.max()) + 1),
    )
    incidence.sum_duplicates()
    incidence.data[:] = 1  # presence, not count
    doc_frequency = np.bincount(incidence.indices, minlength=incidence.shape[1])
    telling = np.flatnonzero((doc_frequency >= 2) & (doc_frequency <= max_docs))
    kept = incidence[:, telling].tocsr()
    shared = (kept @ kept.T).tocsr()
    shared.setdiag(0)
    shared.eliminate_zeros()
    return shared


# ---------------------------------------------------------------- the tests


def nearest_lists(matrix: sparse.csr_matrix, rank_of: np.ndarray, top_k: int = TOP_K, block: int = 512) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``top_k`` most similar other rows by cosine, nearest first.

    ``matrix`` holds unit-length rows (:func:`analysis.overlap.similarity.tfidf_matrix`), so
    a row block times the transpose gives cosines; ``block`` rows at a time keep
    memory at ``block × n``, and a partial sort per row keeps the time at
    ``n`` per article for the ranking. Only positive cosines count (a pair
    without a shared word has nothing to compare); ties go to the smaller
    document id (``rank_of``, each row's position in id order).

    Returns
    -------
    (rows, partners, places)
        ``partners[i]`` is the ``places[i]``-th nearest (0 = nearest) of ``rows[i]``.
    """
    n_docs = matrix.shape[0]
    k = min(top_k, n_docs - 1)
    found_a, found_b, found_place = [], [], []
    transposed = matrix.T.tocsc()
    for first in range(0, n_docs if k > 0 else 0, block):
        rows = np.arange(first, min(n_docs, first + block))
        cosine = (matrix[rows] @ transposed).toarray()
        cosine[np.arange(len(rows)), rows] = -np.inf  # not its own neighbour
        kth_largest = np.partition(cosine, n_docs - k, axis=1)[:, n_docs - k]
        row, column = np.nonzero((cosine >= kth_largest[:, None]) & (cosine > 0))  # the top k and any ties with the k-th
        value = cosine[row, column]
        order = np.lexsort((rank_of[column], -value, row))
        row, column = row[order], column[order]
        place = np.arange(len(row)) - np.searchsorted(row, row)  # 0 for each row's best, 1 for the next...
        keep = place < k
        found_a.append(rows[row[keep]])
        found_b.append(column[keep])
        found_place.append(place[keep])
    if not found_a:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return tuple(np.concatenate(parts).astype(np.int64) for parts in (found_a, found_b, found_place))


def nearest_pairs(matrix: sparse.csr_matrix, doc_index: pd.Index, top_k: int = TOP_K, block: int = 512) -> pd.DataFrame:
    """Each article's ``top_k`` most similar others by cosine of the rows of ``matrix`` (see :func:`nearest_lists`).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted), ``tfidf_cosine``; a
        pair appears once even when each article is the other's neighbour.
    """
    ids = np.asarray(doc_index, dtype=object)
    a, b, _ = nearest_lists(matrix, _id_ranks(doc_index), top_k, block)
    frame = _ordered_pairs(ids[a], ids[b]).assign(tfidf_cosine=_row_products(matrix, a, b))
    return frame.drop_duplicates(["doc_a", "doc_b"]).sort_values(["doc_a", "doc_b"], ignore_index=True)


def shared_sequence_counts(
    tokens: pd.DataFrame, doc_index: pd.Index, words: int = SHINGLE_WORDS, max_docs: int = MAX_SHINGLE_DOCS,
) -> sparse.csr_matrix:
    """How many rare word sequences each pair of documents shares, as a document × document matrix.

    A sequence is ``words`` consecutive body words in normalised form (the
    ``norm`` column; punctuation and segment breaks ignored, as the passage
    alignment ignores them) with at least one content word; it counts when 2
    to ``max_docs`` documents contain it. Words and sequences are numbered with
    integer codes (a hash table, never an array of strings), so memory grows
    with the number of words only.

    Returns
    -------
    scipy.sparse.csr_matrix
        Symmetric, int64, rows and columns in ``doc_index`` order, zero diagonal.
    """
    n_docs = len(doc_index)
    if tokens.empty or n_docs < 2:
        return sparse.csr_matrix((n_docs, n_docs), dtype=np.int64)
    doc_codes = doc_index.get_indexer(tokens["doc_id"])
    in_order = np.argsort(doc_codes, kind="stable")  # each document's words together, in page order
    doc_codes = doc_codes[in_order]
    word_codes = pd.factorize(tokens["norm"].to_numpy(dtype=object)[in_order])[0].astype(np.int64)
    content = tokens["is_content"].to_numpy(dtype=bool)[in_order]
    n = len(word_codes) - words + 1
    if n <= 0:
        return sparse.csr_matrix((n_docs, n_docs), dtype=np.int64)
    starts = np.arange(n)
    has_content = np.zeros(n, dtype=bool)
    for offset in range(words):
        has_content |= content[offset:offset + n]
    starts = starts[(doc_codes[:n] == doc_codes[words - 1:]) & has_content & (doc_codes[:n] >= 0)]
    # Number the sequences one word at a time: (number of the first k words, next word) -> number.
    codes = word_codes[starts]
    n_words = int(word_codes.max()) + 1
    for offset in range(1, words):
        codes = pd.factorize(codes * n_words + word_codes[starts + offset])[0].astype(np.int64)
    return _shared_counts(doc_codes[starts], codes, n_docs, max_docs)


def rare_shingle_pairs(
    tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None, shingle_words: int = SHINGLE_WORDS, max_docs: int = MAX_SHINGLE_DOCS,
) -> pd.DataFrame:
    """Every pair of articles sharing a rare word sequence, with how many they share.

    The counts of :func:`shared_sequence_counts` as a table (the reuse test ranks
    each article's partners by them).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted) and ``shared_shingles``.
    """
    doc_index = pd.Index(documents_in_order(tokens["doc_id"] if doc_ids is None else doc_ids))
    return _pair_frame(shared_sequence_counts(tokens, doc_index, shingle_words, max_docs), doc_index, "shared_shingles")


def _figure_counts(quantities: pd.DataFrame, doc_index: pd.Index, max_docs: int = MAX_QUANTITY_DOCS) -> sparse.csr_matrix:
    """Document × document counts of rare figures both state (see :func:`shared_quantity_pairs`)."""
    n_docs = len(doc_index)
    if quantities.empty:
        return sparse.csr_matrix((n_docs, n_docs), dtype=np.int64)
    key = quantities["kind"].astype(str) + "|" + quantities["unit"].astype(str) + "|" + quantities["low"].astype(str) + "|" + quantities["high"].astype(str)
    doc_codes = doc_index.get_indexer(quantities["doc_id"])
    known = doc_codes >= 0
    figure_codes = pd.factorize(key.to_numpy(dtype=object)[known])[0].astype(np.int64)
    return _shared_counts(doc_codes[known], figure_codes, n_docs, max_docs)


def shared_quantity_pairs(quantities: pd.DataFrame, max_docs: int = MAX_QUANTITY_DOCS) -> pd.DataFrame:
    """Pairs of articles stating the same rare figure, with how many such figures.

    A figure is a quantity of :func:`analysis.overlap.claims.quantity_mentions` keyed by
    its kind, unit and interval ("4.4%" is share 3.9–4.9 %); one stated in 2 to
    ``max_docs`` articles pairs them, since the same specific number in two
    articles is the first sign of a shared fact. Commoner figures ("2004", "a
    third of") pair too much to tell anything.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted) and ``shared_quantities``.
    """
    if quantities.empty:
        return _empty_pairs(shared_quantities="int64")
    doc_index = pd.Index(sorted(set(quantities["doc_id"])))
    return _pair_frame(_figure_counts(quantities, doc_index, max_docs), doc_index, "shared_quantities")


def lsh_pairs(tokens: pd.DataFrame, threshold: float = LSH_THRESHOLD) -> pd.DataFrame:
    """Pairs MinHash LSH proposes as near-duplicates of each other's body.

    The body's normalised words, joined by spaces, go through
    :func:`analysis.overlap.near_duplicates.sketch_documents` (5-word shingles, 128
    permutations) and :func:`~analysis.overlap.near_duplicates.lsh_candidate_pairs` at
    ``threshold``. Each proposal carries the similarity its sketches estimate,
    which ranks an article's partners when it has more copies than the
    near-duplicate test keeps.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted) and ``estimated_jaccard``.
    """
    texts = tokens.groupby("doc_id", sort=True)["norm"].agg(" ".join)
    sketches = {sketch.doc_id: sketch.minhash for sketch in near_duplicates.sketch_documents(texts.items())}
    found = sorted(set(near_duplicates.lsh_candidate_pairs(sketches.items(), threshold=threshold)))
    if not found:
        return _empty_pairs(estimated_jaccard="float64")
    frame = pd.DataFrame(found, columns=["doc_a", "doc_b"])
    return frame.assign(estimated_jaccard=[float(sketches[a].jaccard(sketches[b])) for a, b in found])


def _clusters(pairs: pd.DataFrame) -> dict[str, list[str]]:
    """The connected components of ``pairs`` (``doc_a, doc_b``): first member (in id order) -> sorted members."""
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        parent.setdefault(doc, doc)
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for doc_a, doc_b in zip(pairs["doc_a"].to_numpy(dtype=object), pairs["doc_b"].to_numpy(dtype=object)):
        ra, rb = root(doc_a), root(doc_b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for doc in list(parent):
        members.setdefault(root(doc), []).append(doc)
    return {head: sorted(group) for head, group in members.items()}


def star_clusters(pairs: pd.DataFrame, max_clique: int = MAX_CLIQUE) -> pd.DataFrame:
    """``pairs`` (``doc_a, doc_b``) with each cluster of more than ``max_clique`` articles made a star.

    A cluster is a connected component of the pairs. A small one keeps its
    pairs; a large one (copies of one text) is replaced by the pairs of its
    first article (in id order) with each other member, so the pairs grow
    linearly with the copies instead of with their square.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted).
    """
    if pairs.empty:
        return pairs[["doc_a", "doc_b"]]
    large = {head: group for head, group in _clusters(pairs).items() if len(group) > max_clique}
    if not large:
        return pairs[["doc_a", "doc_b"]]
    in_large = {doc for group in large.values() for doc in group}
    kept = pairs.loc[~pairs["doc_a"].isin(in_large), ["doc_a", "doc_b"]]
    stars = [(group[0], doc) for group in large.values() for doc in group[1:]]
    return pd.concat([kept, pd.DataFrame(stars, columns=["doc_a", "doc_b"])], ignore_index=True).sort_values(["doc_a", "doc_b"], ignore_index=True)


def _large_clusters(pairs: pd.DataFrame, doc_index: pd.Index, max_clique: int = MAX_CLIQUE) -> np.ndarray:
    """Per row of ``doc_index``, the number of its near-duplicate cluster when that has more than ``max_clique`` members, else -1."""
    cluster = np.full(len(doc_index), -1, dtype=np.int64)
    if pairs.empty:
        return cluster
    large = [group for group in _clusters(pairs).values() if len(group) > max_clique]
    for number, group in enumerate(large):
        rows = doc_index.get_indexer(group)
        cluster[rows[rows >= 0]] = number
    return cluster


def _apart(rows: np.ndarray, partners: np.ndarray, cluster: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The proposals that do not pair two copies of one large near-duplicate cluster."""
    keep = ~((cluster[rows] >= 0) & (cluster[rows] == cluster[partners]))
    return rows[keep], partners[keep]
