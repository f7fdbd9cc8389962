"""Same-author hints: Burrows' Delta over the most frequent function words.

Authors differ in how often they use "the", "of", "which", "however" — words
they choose without thinking about the topic. Burrows' Delta (Burrows 2002,
"'Delta': a measure of stylistic difference and a guide to likely authorship",
Literary and Linguistic Computing 17(3)) turns each text's relative frequencies
of the ``n`` most frequent function words into z-scores across the corpus and
takes the mean absolute difference: the smaller the Delta, the more alike the
style. ::

    from analysis.overlap import similarity, stylometry
    tokens = similarity.body_tokens(docs)
    delta = stylometry.burrows_delta(tokens, n_words=50)      # doc x doc
    pairs = stylometry.delta_pairs(tokens, sizes=(20, 30, 50, 100))
    stability = stylometry.ranking_stability(pairs)

Function words are those listed in ``analysis/data/function_words.csv``
(closed word classes, with the source). Counting only them keeps topic words
("Gaza", "oil") out. Delta is a ranking among the texts compared, not a
probability; with a handful of short texts the z-scores rest on very few
values, so a small Delta is a hint to read the texts side by side, not evidence
of common authorship (Eder 2015, "Does size matter? Authorship attribution,
small samples, big problem", Digital Scholarship in the Humanities 30(2), finds
attribution unreliable on samples much longer than these articles).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.config import PACKAGE_DATA_DIR
from analysis.overlap.similarity import pair_list

FUNCTION_WORDS_FILE = PACKAGE_DATA_DIR / "function_words.csv"
DELTA_PAIR_COLUMNS = ["doc_a", "doc_b", "n_words", "delta", "rank"]
STABILITY_COLUMNS = ["n_words", "kendall_tau", "closest_pair", "closest_delta", "same_closest_pair"]
DEFAULT_SIZES = (20, 30, 50, 75, 100, 150)


@lru_cache(maxsize=1)
def load_function_words() -> pd.DataFrame:
    """``analysis/data/function_words.csv``: columns ``word, category, source``."""
    table = pd.read_csv(FUNCTION_WORDS_FILE, dtype="string", keep_default_na=False)
    duplicated = table[table["word"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"{FUNCTION_WORDS_FILE}: words listed twice: {sorted(duplicated['word'])}")
    if table["source"].str.strip().eq("").any():
        raise ValueError(f"{FUNCTION_WORDS_FILE}: every row needs a source")
    return table


def function_word_frequencies(tokens: pd.DataFrame) -> pd.DataFrame:
    """Relative frequency of each function word in each document.

    Parameters
    ----------
    tokens : DataFrame
        From :func:`analysis.overlap.similarity.body_tokens` (``doc_id``, ``norm``).

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``, one column per function word that occurs, values =
        occurrences / words in the document's body (words with a letter).
        Matching is on the normalised form, so "US" (the country) is not the
        pronoun "us".
    """
    words = tokens.loc[tokens["norm"].astype(str).str.contains(r"[^\W\d_]", regex=True)]
    sizes = words.groupby("doc_id", sort=False).size()
    listed = set(load_function_words()["word"])
    function = words[words["norm"].isin(listed)]
    if function.empty:
        counts = pd.crosstab(function["doc_id"], function["norm"]).reindex(index=sizes.index, fill_value=0)
        return counts.div(sizes, axis=0).rename_axis(index="doc_id", columns="word")
    # Counted as one array of document x word codes: a cross-tabulation of string columns aggregates
    # every (document, word) group in Python, about 100,000 groups at 2,000 articles. Same counts, same order.
    rows = sizes.index.get_indexer(function["doc_id"])
    columns, vocabulary = pd.factorize(function["norm"], sort=True)
    counts = np.bincount(rows * len(vocabulary) + columns, minlength=len(sizes) * len(vocabulary)).reshape(len(sizes), len(vocabulary))
    # Divided here and kept a document per row in memory, as the cross-tabulation's frame was: the means and
    # standard deviations taken of it later then add in the same order, to the last bit.
    values = np.ascontiguousarray(counts.astype(np.int64) / sizes.to_numpy()[:, None])
    return pd.DataFrame(values, index=sizes.index, columns=vocabulary, copy=False).rename_axis(index="doc_id", columns="word")


def most_frequent_function_words(tokens: pd.DataFrame, n_words: int) -> list[str]:
    """The ``n_words`` function words most frequent in the whole corpus (ties alphabetical)."""
    listed = set(load_function_words()["word"])
    counts = tokens.loc[tokens["norm"].isin(listed), "norm"].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:n_words]]


def delta_z_scores(tokens: pd.DataFrame, n_words: int = 50) -> pd.DataFrame:
    """The z-scores Burrows' Delta compares: one row per document, one column per function word.

    Relative frequencies of the ``n_words`` most frequent function words,
    standardised per word across the documents (mean and sample standard
    deviation). Words with the same frequency in every document carry no
    information and are left out; with fewer than three documents no word is
    kept (a standard deviation over two values cannot tell words apart).
    Computing them is linear in the corpus; a pair's Delta is then the mean
    absolute difference of its two rows.
    """
    return _z_scores(function_word_frequencies(tokens), most_frequent_function_words(tokens, n_words))


def _z_scores(frequencies: pd.DataFrame, ranked_words: list[str]) -> pd.DataFrame:
    """:func:`delta_z_scores` from the frequencies and the chosen words (most frequent first)."""
    if len(frequencies) < 3:
        return frequencies.iloc[:, :0]
    chosen = [word for word in ranked_words if word in frequencies.columns]
    profile = frequencies[chosen]
    spread = profile.std(axis=0, ddof=1)
    profile = profile.loc[:, spread > 0]
    return (profile - profile.mean(axis=0)) / profile.std(axis=0, ddof=1)


def _pair_values(scores: pd.DataFrame, chosen: list[tuple[str, str]]) -> pd.DataFrame:
    """Delta of each chosen pair from the z-scores (NaN for a document without a row)."""
    rows_a = scores.index.get_indexer([a for a, _ in chosen])
    rows_b = scores.index.get_indexer([b for _, b in chosen])
    values = _deltas(scores.to_numpy(), rows_a, rows_b)
    return pd.DataFrame({"doc_a": [a for a, _ in chosen], "doc_b": [b for _, b in chosen], "delta": values})


def _deltas(z: np.ndarray, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """Delta of the documents at rows ``rows_a[k]`` and ``rows_b[k]`` of the z-scores (NaN where a row is -1)."""
    values = np.full(len(rows_a), np.nan)
    known = (rows_a >= 0) & (rows_b >= 0)
    if z.shape[1] and known.any():
        at = np.flatnonzero(known)
        for first in range(0, at.size, 20_000):  # bounded memory: 20,000 pairs x words at a time, not every pair at once
            block = at[first:first + 20_000]
            values[block] = np.abs(z[rows_a[block]] - z[rows_b[block]]).mean(axis=1)
    return values


def burrows_delta(tokens: pd.DataFrame, n_words: int = 50) -> pd.DataFrame:
    """Burrows' Delta between every two documents (symmetric, 0 on the diagonal).

    Relative frequencies of the ``n_words`` most frequent function words are
    standardised per word across the documents (:func:`delta_z_scores`); Delta
    is the mean absolute difference of two documents' z-scores. Fewer than
    three documents give NaN: a standard deviation over two values cannot tell
    words apart. The result is n × n (computed a block of rows at a time); for
    thousands of articles take chosen pairs with :func:`pair_deltas`.

    Returns
    -------
    pandas.DataFrame
        Square, indexed by ``doc_id`` both ways.
    """
    scores = delta_z_scores(tokens, n_words)
    doc_ids = list(scores.index)
    z = scores.to_numpy()
    if not z.shape[1]:
        return pd.DataFrame(np.nan, index=doc_ids, columns=doc_ids)
    delta = np.empty((len(doc_ids), len(doc_ids)))
    block = max(1, 2_000_000 // max(1, len(doc_ids) * z.shape[1]))  # about 16 MB of differences at a time
    for first in range(0, len(doc_ids), block):
        delta[first:first + block] = np.abs(z[first:first + block, None, :] - z[None, :, :]).mean(axis=2)
    return pd.DataFrame(delta, index=doc_ids, columns=doc_ids)


def pair_deltas(tokens: pd.DataFrame, pairs: pd.DataFrame | None = None, n_words: int = 50) -> pd.DataFrame:
    """Burrows' Delta of chosen pairs of documents, without the n × n matrix.

    The z-scores are those of the whole corpus (:func:`delta_z_scores`), so a
    pair's value is the one :func:`burrows_delta` gives it.

    Parameters
    ----------
    pairs : DataFrame, optional
        ``doc_a, doc_b`` (e.g. :func:`analysis.overlap.candidates.candidate_pairs`);
        default every pair of documents with words.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, delta`` (``doc_a < doc_b``, pair order); NaN for
        a document without words or a corpus of fewer than three.
    """
    scores = delta_z_scores(tokens, n_words)
    return _pair_values(scores, pair_list(pairs, scores.index))


def delta_pairs(tokens: pd.DataFrame, sizes=DEFAULT_SIZES, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Delta of every pair of documents (or of ``pairs``) for each word-list size.

    Parameters
    ----------
    tokens : DataFrame
        From :func:`analysis.overlap.similarity.body_tokens`.
    sizes : sequence of int
        Word-list sizes.
    pairs : DataFrame, optional
        ``doc_a, doc_b`` to rank (e.g. candidate pairs); default every pair of
        documents with words. Ranks are among the pairs given.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, n_words, delta, rank`` (rank 1 = the most alike
        pair at that size), one row per pair and size. Sizes above the number of
        function words the corpus uses are skipped (they would repeat the
        largest list).
    """
    ranked = most_frequent_function_words(tokens, 10_000)
    frequencies = function_word_frequencies(tokens)
    with_words = set(frequencies.index)
    chosen = [(a, b) for a, b in pair_list(pairs, frequencies.index) if a in with_words and b in with_words]
    used = [size for size in sorted(set(sizes)) if size <= len(ranked) or size == min(sizes)]
    if chosen and used:
        return _ranked_deltas(frequencies, ranked, chosen, used)
    # No pair with words, or no size: no row.
    return pd.DataFrame({"doc_a": pd.Series(dtype=object), "doc_b": pd.Series(dtype=object), "n_words": pd.Series(dtype="int64"),
                         "delta": pd.Series(dtype="float64"), "rank": pd.Series(dtype="Int64")})[DELTA_PAIR_COLUMNS]


def _ranked_deltas(frequencies: pd.DataFrame, ranked: list[str], chosen: list[tuple[str, str]], sizes: list[int]) -> pd.DataFrame:
    """:func:`delta_pairs` for pairs of documents with words, ranked and ordered on integer codes.

    The same Deltas, ranks (lowest rank of ties) and row order as ranking and
    sorting the string columns: the documents are numbered in the order of their
    ids (a sort of the documents, not of the pairs), so sorting the numbers sorts
    the ids, and no string is compared or copied per pair and size.
    """
    rows_a = frequencies.index.get_indexer(np.array([a for a, _ in chosen], dtype=object))
    rows_b = frequencies.index.get_indexer(np.array([b for _, b in chosen], dtype=object))
    ids = np.asarray(frequencies.index, dtype=object)
    by_id = np.argsort(ids, kind="stable")
    id_rank = np.empty(ids.size, dtype=np.int64)
    id_rank[by_id] = np.arange(ids.size)
    n_pairs, n_docs = len(chosen), ids.size
    rank_a, rank_b = id_rank[rows_a], id_rank[rows_b]
    orders, deltas, ranks = [], [], []
    for size in sizes:
        values = _deltas(_z_scores(frequencies, ranked[:size]).to_numpy(), rows_a, rows_b)
        known = ~np.isnan(values)
        rank = np.full(n_pairs, np.nan)
        # Rank "min": one more than the values strictly below, as pandas ranks them; a missing Delta has no rank.
        rank[known] = np.searchsorted(np.sort(values[known]), values[known], side="left") + 1
        # By rank (missing last), then the ids, as one integer: each pair is there once, so the order is total.
        key = (np.where(known, rank, n_pairs + 1).astype(np.int64) * n_docs + rank_a) * n_docs + rank_b
        order = np.argsort(key, kind="stable") if (n_pairs + 2) * n_docs * n_docs < 2**62 else np.lexsort((rank_b, rank_a, np.where(known, rank, np.inf)))
        orders.append(order)
        deltas.append(values[order])
        ranks.append(rank[order])
    order = np.concatenate(orders)
    id_strings = pd.array(ids[by_id], dtype="str")  # the ids once; each row takes its own by number
    frame = pd.DataFrame({
        "doc_a": pd.Series(id_strings.take(rank_a[order])),
        "doc_b": pd.Series(id_strings.take(rank_b[order])),
        "n_words": np.repeat(np.array(sizes, dtype=np.int64), n_pairs),
        "delta": np.concatenate(deltas),
        "rank": pd.array(np.concatenate(ranks), dtype="Float64").astype("Int64"),
    })
    return frame[DELTA_PAIR_COLUMNS]


def ranking_stability(pairs: pd.DataFrame, reference: int | None = None) -> pd.DataFrame:
    """How much the ranking of pairs changes with the word-list size.

    Parameters
    ----------
    pairs : DataFrame
        From :func:`delta_pairs`.
    reference : int, optional
        The size every ranking is compared with (default: the largest).

    Returns
    -------
    pandas.DataFrame
        Columns ``n_words``, ``kendall_tau`` (rank correlation of the pairs'
        Deltas with those at the reference size; 1 = same order), ``closest_pair``
        ("doc_a & doc_b"), ``closest_delta`` and ``same_closest_pair`` (whether it
        is the reference size's closest pair).
    """
    if pairs.empty:
        return pd.DataFrame(columns=STABILITY_COLUMNS)
    reference = reference if reference is not None else int(pairs["n_words"].max())
    rows = _coded_stability(pairs, reference)
    if rows is not None:
        return pd.DataFrame(rows, columns=STABILITY_COLUMNS)
    key = pairs["doc_a"] + " & " + pairs["doc_b"]
    wide = pairs.assign(pair=key).pivot(index="pair", columns="n_words", values="delta")
    closest_reference = wide[reference].idxmin()
    rows = []
    for size in wide.columns:
        rows.append(
            (
                int(size), float(wide[size].corr(wide[reference], method="kendall")), wide[size].idxmin(),
                float(wide[size].min()), wide[size].idxmin() == closest_reference,
            )
        )
    return pd.DataFrame(rows, columns=STABILITY_COLUMNS)


def _coded_stability(pairs: pd.DataFrame, reference: int) -> list[tuple] | None:
    """The rows of :func:`ranking_stability` from a pair × size array of Deltas, or None where it cannot give them.

    Pairs are numbered instead of keyed by their joined ids, so no string is built
    or sorted per pair: Kendall's tau does not depend on the order of the pairs,
    and the closest pair is the smallest "doc_a & doc_b" among those with the
    smallest Delta, the first the table of joined ids (sorted) would hold. None
    (the caller then builds that table) when a pair or a size is listed twice, an
    id holds " & " or is missing, the reference size is absent or a size has no
    Delta: the table's own errors and answers apply there.
    """
    from scipy.stats import kendalltau  # what pandas' Kendall correlation calls

    first, second = pairs["doc_a"].to_numpy(dtype=object), pairs["doc_b"].to_numpy(dtype=object)
    codes_a, ids_a = pd.factorize(first)
    codes_b, ids_b = pd.factorize(second)
    size_codes, sizes = pd.factorize(pairs["n_words"].to_numpy(), sort=True)
    if (codes_a < 0).any() or (codes_b < 0).any() or (size_codes < 0).any() or reference not in set(sizes.tolist()):
        return None
    if any(not isinstance(doc, str) or " & " in doc for doc in (*ids_a, *ids_b)):
        return None
    pair_codes, _ = pd.factorize(codes_a.astype(np.int64) * len(ids_b) + codes_b)
    n_pairs = int(pair_codes.max()) + 1
    cells = pair_codes.astype(np.int64) * len(sizes) + size_codes
    if np.bincount(cells).max() > 1:
        return None
    wide = np.full((n_pairs, len(sizes)), np.nan)
    wide.reshape(-1)[cells] = pairs["delta"].to_numpy(dtype=float)
    pair_a, pair_b = np.empty(n_pairs, dtype=np.int64), np.empty(n_pairs, dtype=np.int64)
    pair_a[pair_codes], pair_b[pair_codes] = codes_a, codes_b

    def closest(column: np.ndarray) -> tuple[str, float]:
        smallest = np.nanmin(column)
        return min(f"{ids_a[pair_a[k]]} & {ids_b[pair_b[k]]}" for k in np.flatnonzero(column == smallest)), float(smallest)

    if np.isnan(wide).all(axis=0).any():
        return None
    at_reference = wide[:, sizes.tolist().index(reference)]
    closest_reference, _ = closest(at_reference)
    rows = []
    for number, size in enumerate(sizes.tolist()):
        column = wide[:, number]
        both = ~np.isnan(column) & ~np.isnan(at_reference)
        tau = float(kendalltau(column[both], at_reference[both])[0]) if both.any() else float("nan")
        pair, smallest = closest(column)
        rows.append((int(size), tau, pair, smallest, pair == closest_reference))
    return rows


def delta_contributions(tokens: pd.DataFrame, doc_a: str, doc_b: str, n_words: int = 50) -> pd.DataFrame:
    """The function words behind one pair's Delta.

    Returns
    -------
    pandas.DataFrame
        Columns ``word, per_1000_a, per_1000_b, per_1000_corpus`` (mean over
        documents), ``z_a, z_b, difference`` (``|z_a - z_b|``; Delta is its
        mean), sorted by ``difference``: first the words the two texts use
        alike, last the ones that set them apart.
    """
    frequencies = function_word_frequencies(tokens)
    chosen = [word for word in most_frequent_function_words(tokens, n_words) if word in frequencies.columns]
    profile = frequencies[chosen]
    profile = profile.loc[:, profile.std(axis=0, ddof=1) > 0]
    z = (profile - profile.mean(axis=0)) / profile.std(axis=0, ddof=1)
    frame = pd.DataFrame(
        {
            "word": profile.columns,
            "per_1000_a": 1000 * profile.loc[doc_a].to_numpy(),
            "per_1000_b": 1000 * profile.loc[doc_b].to_numpy(),
            "per_1000_corpus": 1000 * profile.mean(axis=0).to_numpy(),
            "z_a": z.loc[doc_a].to_numpy(),
            "z_b": z.loc[doc_b].to_numpy(),
        }
    )
    frame["difference"] = (frame["z_a"] - frame["z_b"]).abs()
    return frame.sort_values(["difference", "word"], ignore_index=True)
