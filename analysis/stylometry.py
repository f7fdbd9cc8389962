"""Same-author hints: Burrows' Delta over the most frequent function words.

Authors differ in how often they use "the", "of", "which", "however" — words
they choose without thinking about the topic. Burrows' Delta (Burrows 2002,
"'Delta': a measure of stylistic difference and a guide to likely authorship",
Literary and Linguistic Computing 17(3)) turns each text's relative frequencies
of the ``n`` most frequent function words into z-scores across the corpus and
takes the mean absolute difference: the smaller the Delta, the more alike the
style. ::

    from analysis import overlap, stylometry
    tokens = overlap.body_tokens(docs)
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
from analysis.overlap import document_pairs

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
        From :func:`analysis.overlap.body_tokens` (``doc_id``, ``norm``).

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
    counts = pd.crosstab(function["doc_id"], function["norm"]).reindex(index=sizes.index, fill_value=0)
    return counts.div(sizes, axis=0).rename_axis(index="doc_id", columns="word")


def most_frequent_function_words(tokens: pd.DataFrame, n_words: int) -> list[str]:
    """The ``n_words`` function words most frequent in the whole corpus (ties alphabetical)."""
    listed = set(load_function_words()["word"])
    counts = tokens.loc[tokens["norm"].isin(listed), "norm"].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:n_words]]


def burrows_delta(tokens: pd.DataFrame, n_words: int = 50) -> pd.DataFrame:
    """Burrows' Delta between every two documents (symmetric, 0 on the diagonal).

    Relative frequencies of the ``n_words`` most frequent function words are
    standardised per word across the documents (mean and sample standard
    deviation); Delta is the mean absolute difference of two documents'
    z-scores. Words with the same frequency in every document carry no
    information and are left out. Fewer than three documents give NaN: a
    standard deviation over two values cannot tell words apart.

    Returns
    -------
    pandas.DataFrame
        Square, indexed by ``doc_id`` both ways.
    """
    frequencies = function_word_frequencies(tokens)
    doc_ids = list(frequencies.index)
    if len(doc_ids) < 3:
        return pd.DataFrame(np.nan, index=doc_ids, columns=doc_ids)
    chosen = [word for word in most_frequent_function_words(tokens, n_words) if word in frequencies.columns]
    profile = frequencies[chosen]
    spread = profile.std(axis=0, ddof=1)
    profile = profile.loc[:, spread > 0]
    z = ((profile - profile.mean(axis=0)) / profile.std(axis=0, ddof=1)).to_numpy()
    delta = np.abs(z[:, None, :] - z[None, :, :]).mean(axis=2) if z.shape[1] else np.full((len(doc_ids),) * 2, np.nan)
    return pd.DataFrame(delta, index=doc_ids, columns=doc_ids)


def delta_pairs(tokens: pd.DataFrame, sizes=DEFAULT_SIZES) -> pd.DataFrame:
    """Delta of every pair of documents for each word-list size.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, n_words, delta, rank`` (rank 1 = the most alike
        pair at that size), one row per pair and size. Sizes above the number of
        function words the corpus uses are skipped (they would repeat the
        largest list).
    """
    available = len(most_frequent_function_words(tokens, 10_000))
    rows = []
    for size in sorted(set(sizes)):
        if size > available and size != min(sizes):
            continue
        matrix = burrows_delta(tokens, size)
        for doc_a, doc_b in document_pairs(matrix.index):
            rows.append((doc_a, doc_b, size, float(matrix.at[doc_a, doc_b])))
    frame = pd.DataFrame(rows, columns=DELTA_PAIR_COLUMNS[:-1])
    frame["rank"] = frame.groupby("n_words")["delta"].rank(method="min").astype("Int64")
    return frame.sort_values(["n_words", "rank", "doc_a", "doc_b"], ignore_index=True)


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
