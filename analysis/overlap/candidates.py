"""Candidate pairs: which pairs of articles are worth comparing in a large corpus.

Five articles make 10 pairs; 2,127 make 2.3 million, and aligning passages,
matching claims or explaining a cosine for each of them takes hours. Most pairs
of a large corpus share nothing but a language. This module proposes the pairs
that can overlap, in time that grows about linearly with the corpus, and the
pairwise steps of :mod:`analysis.overlap.similarity`, :mod:`analysis.overlap.claims` and
:mod:`analysis.overlap.stylometry` then run on those pairs only::

    from analysis.overlap import candidates, similarity
    tokens = similarity.body_tokens(docs)
    pairs = candidates.candidate_pairs(tokens, docs["doc_id"])
    passages = similarity.shared_passages(docs, tokens, pairs=pairs)

A pair is a candidate when any of four tests proposes it:

1. **nearest** — one article is among the other's :data:`TOP_K` most similar by
   TF-IDF cosine (a sparse matrix product, a block of rows at a time, so memory
   stays bounded). This keeps the pairs that share a subject: the closest
   vocabularies, shared phrases, actors and same-story facts.
2. **reuse** — the two share at least :data:`MIN_SHARED_SHINGLES` *rare* word
   sequences: :data:`SHINGLE_WORDS` consecutive body words (normalised, at least
   one content word — the seeds of :func:`analysis.overlap.similarity.local_alignments`)
   found in at most :data:`MAX_SHINGLE_DOCS` articles. A reused passage contains
   such sequences wherever it sits and however different the rest of the two
   articles is; sequences in more articles are stock phrases ("the prime
   minister said") and would pair everything with everything.
3. **shared figure** — the two state the same quantity (kind, unit and
   interval, from :func:`analysis.overlap.claims.quantity_mentions`) that at most
   :data:`MAX_QUANTITY_DOCS` articles state: the first sign of a shared fact.
4. **near-duplicate** — MinHash LSH (:func:`analysis.overlap.near_duplicates.lsh_candidate_pairs`,
   datasketch) over 5-word shingles of the body at Jaccard :data:`LSH_THRESHOLD`:
   re-filed copies of one story, even when there are more copies than
   :data:`TOP_K` and their sequences are too common for test 2. A cluster of
   more than :data:`MAX_CLIQUE` copies (articles linked by LSH, directly or
   through each other) is compared as a star — each copy with the cluster's
   first article — not as every pair of copies: 500 copies of one text make
   499 pairs here, not 124,750 (the copies' own nearest neighbours, test 1,
   still pair each with its ten closest).

When the corpus is small (``n - 1 <= top_k``) every pair is a candidate, so the
tables of a handful of articles are exactly those of an all-pairs run; every
pairwise step gives each candidate pair exactly what an all-pairs run gives it.

What the restriction misses, measured against an all-pairs run of the same
steps on BBC articles (Greene & Cunningham 2006; byte-identical copies removed):

* 2,127 articles, all five categories: 84,957 candidate pairs of 2,261,001
  (40 per article); reused passages of 8+ identical aligned words kept: 2,465
  of 2,538 (0.971); of 12+ words: 895 of 896.
* 400 articles, business only (one subject, the hard case): 10,462 of 79,800
  pairs (26 per article); 375 of 378 passages (0.992); 146 of 147 of 12+ words.
* 300 articles, 60 per category (``tests/overlap/test_candidates.py``): 4,194 of 44,850
  pairs (14 per article); 103 of 103 passages.

Passages of 8+ words are the ones the report counts as reused. Those left out
are stock phrasing in unrelated stories ("he told BBC Radio 4's World At One",
"in the first half we had put them under").

Of the article pairs sharing the most matched quantity statements
(:func:`analysis.overlap.claims.match_claims`), 9 of the top 10 and 42 of the top 50 are
kept on 2,127 articles (8 of the top 10 on the 300). The pairs left out match
generic statements about different things — "US growth would reach 4.4% in
2004" with "forecasting UK growth at between 3% and 3.5%" (business_030 and
politics_021, cosine 0.09) — so restricting to candidates also keeps such
chance matches out of the claim groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.overlap import near_duplicates
from analysis.overlap.similarity import document_pairs, tfidf_matrix

#: Nearest neighbours by TF-IDF cosine kept for each article: the pairs that share a subject.
TOP_K = 10
#: Words in a shingle of the reuse test: the alignment's seed size, so any passage
#: the alignment can find contains shingles (see :func:`analysis.overlap.similarity.local_alignments`).
SHINGLE_WORDS = 3
#: Articles a shingle may appear in and still mark reuse; commoner ones are stock phrases.
MAX_SHINGLE_DOCS = 50
#: Rare shingles two articles must share: one alone is often a coincidence of names.
MIN_SHARED_SHINGLES = 2
#: Articles a quantity (same kind, unit and interval) may be stated in and still pair them.
MAX_QUANTITY_DOCS = 10
#: Jaccard similarity of 5-word shingle sets above which MinHash LSH proposes a pair.
LSH_THRESHOLD = 0.5
#: A near-duplicate cluster larger than this is compared as a star, not a clique (every pair of copies).
MAX_CLIQUE = TOP_K + 1

CANDIDATE_COLUMNS = ["doc_a", "doc_b", "tfidf_cosine", "nearest", "shared_shingles", "shared_quantities", "near_duplicate"]


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
        ``nearest`` (one is among the other's ``top_k`` most similar),
        ``shared_shingles`` (rare 3-word sequences both contain),
        ``shared_quantities`` (rare figures both state) and ``near_duplicate``
        (proposed by LSH). ``attrs`` records ``all_pairs`` (True when every pair
        was kept because the corpus is small), ``n_possible`` (pairs there are)
        and ``top_k``.
    """
    matrix, doc_index, _ = tfidf_matrix(tokens, doc_ids)
    n_docs = len(doc_index)
    all_pairs = n_docs - 1 <= top_k
    if all_pairs:
        nearest = pd.DataFrame(document_pairs(doc_index), columns=["doc_a", "doc_b"])
    else:
        nearest = nearest_pairs(matrix, doc_index, top_k)[["doc_a", "doc_b"]]
    found = nearest.assign(nearest=True)
    proposals = [
        rare_shingle_pairs(tokens, doc_index),
        shared_quantity_pairs(quantities) if quantities is not None else _empty_pairs(shared_quantities="int64"),
        (star_clusters(lsh_pairs(tokens, lsh_threshold)) if lsh_threshold is not None else _empty_pairs()).assign(near_duplicate=True),
    ]
    for proposal in proposals:
        found = found.merge(proposal, on=["doc_a", "doc_b"], how="outer")
    found = found.fillna({"nearest": False, "shared_shingles": 0, "shared_quantities": 0, "near_duplicate": False})
    found = found.astype({"nearest": bool, "shared_shingles": "int64", "shared_quantities": "int64", "near_duplicate": bool})
    if not all_pairs:
        keep = found["nearest"] | (found["shared_shingles"] >= MIN_SHARED_SHINGLES) | (found["shared_quantities"] > 0) | found["near_duplicate"]
        found = found[keep]
    else:
        found = found[found["nearest"]]
    found = found.sort_values(["doc_a", "doc_b"], ignore_index=True)
    rows_a, rows_b = doc_index.get_indexer(found["doc_a"]), doc_index.get_indexer(found["doc_b"])
    cosine = np.asarray(matrix[rows_a].multiply(matrix[rows_b]).sum(axis=1)).reshape(-1) if len(found) else np.empty(0)
    result = found.assign(tfidf_cosine=cosine)[CANDIDATE_COLUMNS]
    result.attrs.update(all_pairs=all_pairs, n_possible=n_docs * (n_docs - 1) // 2, top_k=top_k)
    return result


def _empty_pairs(**columns: str) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_a": pd.Series(dtype=object), "doc_b": pd.Series(dtype=object)})
    for name, dtype in columns.items():
        frame[name] = pd.Series(dtype=dtype)
    return frame


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
    key = quantities["kind"].astype(str) + "|" + quantities["unit"].astype(str) + "|" + quantities["low"].astype(str) + "|" + quantities["high"].astype(str)
    stated = pd.DataFrame({"key": key, "doc_id": quantities["doc_id"]}).drop_duplicates().sort_values(["key", "doc_id"])
    docs_of: dict[str, list[str]] = {}
    for figure, doc_id in zip(stated["key"], stated["doc_id"]):
        docs_of.setdefault(figure, []).append(doc_id)
    found: dict[tuple[str, str], int] = {}
    for docs in docs_of.values():
        if 2 <= len(docs) <= max_docs:
            for pair in combinations(docs, 2):
                found[pair] = found.get(pair, 0) + 1
    if not found:
        return _empty_pairs(shared_quantities="int64")
    frame = pd.DataFrame([(a, b, n) for (a, b), n in found.items()], columns=["doc_a", "doc_b", "shared_quantities"])
    return frame.sort_values(["doc_a", "doc_b"], ignore_index=True)


def nearest_pairs(matrix: sparse.csr_matrix, doc_index: pd.Index, top_k: int = TOP_K, block: int = 512) -> pd.DataFrame:
    """Each article's ``top_k`` most similar others by cosine of the rows of ``matrix``.

    ``matrix`` holds unit-length rows (:func:`analysis.overlap.similarity.tfidf_matrix`), so
    a row block times the transpose gives cosines; ``block`` rows at a time keep
    memory at ``block × n``, and a partial sort per row keeps the time at
    ``n`` per article for the ranking. Only positive cosines count (a pair
    without a shared word has nothing to compare); ties go to the smaller
    document id.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted), ``tfidf_cosine``; a
        pair appears once even when each article is the other's neighbour.
    """
    n_docs = matrix.shape[0]
    k = min(top_k, n_docs - 1)
    ids = np.asarray(doc_index, dtype=object)
    rank_of = np.empty(n_docs, dtype=np.int64)
    rank_of[np.argsort(ids.astype(str), kind="stable")] = np.arange(n_docs)  # position in id order, to break ties
    found_a, found_b, found_cosine = [], [], []
    transposed = matrix.T.tocsc()
    for first in range(0, n_docs if k > 0 else 0, block):
        rows = np.arange(first, min(n_docs, first + block))
        cosine = (matrix[rows] @ transposed).toarray()
        cosine[np.arange(len(rows)), rows] = -np.inf  # not its own neighbour
        kth_largest = np.partition(cosine, n_docs - k, axis=1)[:, n_docs - k]
        row, column = np.nonzero((cosine >= kth_largest[:, None]) & (cosine > 0))  # the top k and any ties with the k-th
        value = cosine[row, column]
        order = np.lexsort((rank_of[column], -value, row))
        row, column, value = row[order], column[order], value[order]
        place = np.arange(len(row)) - np.searchsorted(row, row)  # 0 for each row's best, 1 for the next...
        keep = place < k
        found_a.append(rows[row[keep]])
        found_b.append(column[keep])
        found_cosine.append(value[keep])
    a = np.concatenate(found_a) if found_a else np.empty(0, dtype=np.int64)
    b = np.concatenate(found_b) if found_b else np.empty(0, dtype=np.int64)
    frame = _ordered_pairs(ids[a], ids[b]).assign(tfidf_cosine=np.concatenate(found_cosine) if found_cosine else np.empty(0))
    return frame.drop_duplicates(["doc_a", "doc_b"]).sort_values(["doc_a", "doc_b"], ignore_index=True)


def _ordered_pairs(first: np.ndarray, second: np.ndarray) -> pd.DataFrame:
    """``doc_a, doc_b`` with the smaller id first."""
    first, second = np.asarray(first, dtype=object), np.asarray(second, dtype=object)
    swap = np.fromiter((x > y for x, y in zip(first, second)), dtype=bool, count=len(first))
    return pd.DataFrame({"doc_a": np.where(swap, second, first), "doc_b": np.where(swap, first, second)})


def rare_shingle_pairs(
    tokens: pd.DataFrame, doc_ids: Sequence[str] | None = None, shingle_words: int = SHINGLE_WORDS, max_docs: int = MAX_SHINGLE_DOCS,
) -> pd.DataFrame:
    """Pairs of articles sharing a rare word sequence, with how many they share.

    A shingle is ``shingle_words`` consecutive body words in normalised form
    (the ``norm`` column; punctuation and segment breaks ignored, as the passage
    alignment ignores them) with at least one content word. Shingles found in 2
    to ``max_docs`` articles pair those articles; a document × shingle matrix
    times its transpose counts them, and the ``max_docs`` cap bounds the pairs
    any one shingle adds, so the work grows with the corpus, not with its square.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted) and ``shared_shingles``.
    """
    empty = _empty_pairs(shared_shingles="int64")
    doc_index = pd.Index(list(dict.fromkeys(tokens["doc_id"] if doc_ids is None else doc_ids)))
    if tokens.empty or len(doc_index) < 2:
        return empty
    doc_codes = doc_index.get_indexer(tokens["doc_id"])
    in_order = np.argsort(doc_codes, kind="stable")  # each document's words together, in page order
    doc_codes = doc_codes[in_order]
    _, word_codes = np.unique(tokens["norm"].to_numpy(dtype=str)[in_order], return_inverse=True)
    word_codes = word_codes.reshape(-1).astype(np.int64)
    content = tokens["is_content"].to_numpy(dtype=bool)[in_order]
    # A shingle starts at every word whose next shingle_words - 1 words are in the same document.
    n = len(word_codes) - shingle_words + 1
    if n <= 0:
        return empty
    starts = np.arange(n)
    same_doc = doc_codes[starts] == doc_codes[starts + shingle_words - 1]
    has_content = np.zeros(n, dtype=bool)
    for offset in range(shingle_words):
        has_content |= content[starts + offset]
    starts = starts[same_doc & has_content & (doc_codes[starts] >= 0)]
    if not starts.size:
        return empty
    # Number the shingles one word at a time: (number of the first k words, next word) -> number.
    shingle_codes = word_codes[starts]
    n_words = int(word_codes.max()) + 1
    for offset in range(1, shingle_words):
        _, shingle_codes = np.unique(shingle_codes * n_words + word_codes[starts + offset], return_inverse=True)
        shingle_codes = shingle_codes.reshape(-1).astype(np.int64)
    incidence = sparse.csr_matrix(
        (np.ones(starts.size, dtype=np.int32), (doc_codes[starts], shingle_codes)),
        shape=(len(doc_index), int(shingle_codes.max()) + 1),
    )
    incidence.data[:] = 1  # presence, not count (duplicates are summed on construction)
    incidence.sum_duplicates()
    incidence.data[:] = 1
    doc_frequency = np.asarray(incidence.sum(axis=0)).reshape(-1)
    telling = np.flatnonzero((doc_frequency >= 2) & (doc_frequency <= max_docs))
    if not telling.size:
        return empty
    kept = incidence[:, telling].tocsr()
    shared = sparse.triu(kept @ kept.T, k=1).tocoo()
    ids = np.asarray(doc_index, dtype=object)
    frame = _ordered_pairs(ids[shared.row], ids[shared.col]).assign(shared_shingles=shared.data.astype("int64"))
    return frame.sort_values(["doc_a", "doc_b"], ignore_index=True)


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
        return pairs
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        parent.setdefault(doc, doc)
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for doc_a, doc_b in pairs[["doc_a", "doc_b"]].itertuples(index=False):
        ra, rb = root(doc_a), root(doc_b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for doc in list(parent):
        members.setdefault(root(doc), []).append(doc)
    large = {head: sorted(group) for head, group in members.items() if len(group) > max_clique}
    if not large:
        return pairs
    kept = pairs[~pairs["doc_a"].map(root).isin(large)]
    stars = [(group[0], doc) for group in large.values() for doc in group[1:]]
    return pd.concat([kept, pd.DataFrame(stars, columns=["doc_a", "doc_b"])], ignore_index=True).sort_values(["doc_a", "doc_b"], ignore_index=True)


def lsh_pairs(tokens: pd.DataFrame, threshold: float = LSH_THRESHOLD) -> pd.DataFrame:
    """Pairs MinHash LSH proposes as near-duplicates of each other's body.

    The body's normalised words, joined by spaces, go through
    :func:`analysis.overlap.near_duplicates.sketch_documents` (5-word shingles, 128
    permutations) and :func:`~analysis.overlap.near_duplicates.lsh_candidate_pairs` at
    ``threshold``. Proposals are not scored: any pair proposed is worth
    comparing in full.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b`` (``doc_a < doc_b``, sorted).
    """
    texts = tokens.groupby("doc_id", sort=True)["norm"].agg(" ".join)
    sketches = ((sketch.doc_id, sketch.minhash) for sketch in near_duplicates.sketch_documents(texts.items()))
    found = sorted(set(near_duplicates.lsh_candidate_pairs(sketches, threshold=threshold)))
    return pd.DataFrame(found, columns=["doc_a", "doc_b"]) if found else _empty_pairs()
