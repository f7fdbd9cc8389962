"""analysis.overlap.stylometry: Burrows' Delta over function words, by hand and on the seeds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.overlap import similarity, stylometry


def _tokens(**docs: str) -> pd.DataFrame:
    rows = []
    for doc_id, text in docs.items():
        for i, (start, end, norm) in enumerate(similarity.tokenize(text)):
            rows.append((doc_id, i, start, end, text[start:end], norm))
    return pd.DataFrame(rows, columns=["doc_id", "token_id", "start", "end", "text", "norm"])


# By hand: "the" is 3/4, 1/2, 1/4 of the words and "of" 1/4, 1/2, 3/4. Each has
# mean 1/2 and sample standard deviation 1/4, so z("the") = 1, 0, -1 and
# z("of") = -1, 0, 1. Delta(A,B) = (1 + 1) / 2 = 1, Delta(A,C) = (2 + 2) / 2 = 2, Delta(B,C) = 1.
HAND = {"A": "the the the of", "B": "the the of of", "C": "the of of of"}


def test_delta_by_hand():
    delta = stylometry.burrows_delta(_tokens(**HAND), n_words=2)
    assert delta.at["A", "B"] == pytest.approx(1.0)
    assert delta.at["A", "C"] == pytest.approx(2.0)
    assert delta.at["B", "C"] == pytest.approx(1.0)
    assert np.allclose(np.diag(delta), 0.0)


def test_topic_words_do_not_count():
    # Adding content words changes the rates but not which function words are compared.
    with_topic = {doc: text + " gaza oil pipeline" for doc, text in HAND.items()}
    delta = stylometry.burrows_delta(_tokens(**with_topic), n_words=2)
    assert delta.at["A", "C"] == pytest.approx(2.0)
    assert stylometry.most_frequent_function_words(_tokens(**with_topic), 10) == ["of", "the"]


def test_us_the_country_is_not_the_pronoun():
    frequencies = stylometry.function_word_frequencies(_tokens(A="The US and us", B="us us", C="US"))
    assert frequencies.at["A", "us"] == pytest.approx(1 / 4)
    assert frequencies.at["C", "us"] == 0


def test_too_few_documents_give_nan():
    delta = stylometry.burrows_delta(_tokens(A="the of", B="the the"), n_words=2)
    assert delta.isna().all().all()


def test_seed_delta_and_stability(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    delta = stylometry.burrows_delta(tokens, 50)
    assert np.allclose(delta.to_numpy(), delta.to_numpy().T)
    assert (delta.to_numpy()[~np.eye(5, dtype=bool)] > 0).all()
    pairs = stylometry.delta_pairs(tokens, sizes=(20, 30, 50))
    assert set(pairs["n_words"]) == {20, 30, 50}
    assert (pairs.groupby("n_words").size() == 10).all()
    assert (pairs.groupby("n_words")["rank"].min() == 1).all()
    stability = stylometry.ranking_stability(pairs, reference=50)
    assert stability.set_index("n_words").at[50, "kendall_tau"] == pytest.approx(1.0)
    assert stability.set_index("n_words").at[50, "same_closest_pair"]


def test_ranking_stability_detects_a_reordering():
    pairs = pd.DataFrame({
        "doc_a": ["A", "A", "B"] * 2, "doc_b": ["B", "C", "C"] * 2, "n_words": [10] * 3 + [20] * 3,
        "delta": [1.0, 2.0, 3.0, 3.0, 2.0, 1.0], "rank": [1, 2, 3, 3, 2, 1],
    })
    stability = stylometry.ranking_stability(pairs).set_index("n_words")
    assert stability.at[10, "kendall_tau"] == pytest.approx(-1.0)
    assert not stability.at[10, "same_closest_pair"]
    assert stability.at[20, "closest_pair"] == "B & C"


def test_contributions_add_up_to_delta(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    a, b = "002_a8b85cc1135acd1c", "003_f04a42b35340f9e1"
    words = stylometry.delta_contributions(tokens, a, b, 50)
    assert words["difference"].mean() == pytest.approx(stylometry.burrows_delta(tokens, 50).at[a, b])


def test_function_word_list_has_sources():
    table = stylometry.load_function_words()
    assert not table["word"].duplicated().any()
    assert {"the", "of", "which", "however"} <= set(table["word"])
    assert "azerbaijan" not in set(table["word"])


def test_pair_deltas_are_the_matrix_values_without_the_matrix(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    matrix = stylometry.burrows_delta(tokens, 50)
    a, b, c = "000_f9577ae45c5847e6", "002_a8b85cc1135acd1c", "004_08525f4401574900"
    chosen = pd.DataFrame({"doc_a": [c, a, "no_such_article"], "doc_b": [a, b, a]})
    found = stylometry.pair_deltas(tokens, chosen, 50)
    assert list(zip(found["doc_a"], found["doc_b"])) == [(a, b), (a, c), (a, "no_such_article")]
    assert found["delta"].iloc[0] == matrix.at[a, b] and found["delta"].iloc[1] == matrix.at[a, c]
    assert np.isnan(found["delta"].iloc[2])
    # Every pair by default; fewer than three documents cannot be standardised.
    assert len(stylometry.pair_deltas(tokens)) == 10
    assert stylometry.pair_deltas(_tokens(A="the of", B="the the"), n_words=2)["delta"].isna().all()


def test_delta_pairs_rank_only_the_pairs_asked_for(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    every = stylometry.delta_pairs(tokens, sizes=(20, 50))
    some = every[every["n_words"].eq(50)].iloc[[1, 4, 7]][["doc_a", "doc_b"]]
    ranked = stylometry.delta_pairs(tokens, sizes=(20, 50), pairs=some)
    assert (ranked.groupby("n_words").size() == 3).all()
    assert set(ranked["rank"]) == {1, 2, 3}
    merged = ranked.merge(every, on=["doc_a", "doc_b", "n_words"], suffixes=("", "_all"))
    assert (merged["delta"] == merged["delta_all"]).all()
    # Ranks among the three keep the all-pairs order.
    for _, group in merged.groupby("n_words"):
        assert list(group.sort_values("rank")["rank_all"]) == sorted(group["rank_all"])


def test_function_word_counts_equal_a_cross_tabulation():
    """The frequencies counted as one array of codes equal those of the cross-tabulation they replace, order and all."""
    tokens = _tokens(
        zeta="The harbour is open and the ferry is late, but we will wait for it in the rain.",
        alpha="It was not the ferry but the storm that closed the harbour; they said so, and so did we.",
        mid="Ferry fares rise in May. 2024 figures: 12, 40, 7.",
        empty="1999 2000",
    )
    frequencies = stylometry.function_word_frequencies(tokens)
    words = tokens.loc[tokens["norm"].astype(str).str.contains(r"[^\W\d_]", regex=True)]
    sizes = words.groupby("doc_id", sort=False).size()
    function = words[words["norm"].isin(set(stylometry.load_function_words()["word"]))]
    crosstab = pd.crosstab(function["doc_id"], function["norm"]).reindex(index=sizes.index, fill_value=0)
    expected = crosstab.div(sizes, axis=0).rename_axis(index="doc_id", columns="word")
    assert frequencies.shape[1] >= 10 and (frequencies.to_numpy() == 0).any()
    pd.testing.assert_frame_equal(frequencies, expected, check_exact=True)
    # Laid out as the cross-tabulation was, so the z-scores (column means and deviations) agree to the last bit.
    ranked = stylometry.most_frequent_function_words(tokens, 100)
    assert np.array_equal(stylometry._z_scores(frequencies, ranked).to_numpy(), stylometry._z_scores(expected, ranked).to_numpy())


def _string_ranked(tokens: pd.DataFrame, sizes) -> pd.DataFrame:
    """delta_pairs as it was written before the integer codes: rank and sort on the string columns."""
    ranked = stylometry.most_frequent_function_words(tokens, 10_000)
    frequencies = stylometry.function_word_frequencies(tokens)
    chosen = similarity.document_pairs(frequencies.index)
    frames = [stylometry._pair_values(stylometry._z_scores(frequencies, ranked[:size]), chosen).assign(n_words=size)
              for size in sorted(set(sizes)) if size <= len(ranked) or size == min(sizes)]
    frame = pd.concat(frames, ignore_index=True)[stylometry.DELTA_PAIR_COLUMNS[:-1]].astype({"n_words": "int64", "delta": "float64"})
    frame["rank"] = frame.groupby("n_words")["delta"].rank(method="min").astype("Int64")
    return frame.sort_values(["n_words", "rank", "doc_a", "doc_b"], ignore_index=True)


# Three identical texts (three pairs tied at Delta 0, and equal Deltas to every other text), ids whose order as strings is
# not their order of appearance, and a text without function words (no row, so no pair).
TIED = {
    "b-copy": "The ferry was late and the harbour was closed, so we waited in the rain for it.",
    "a-copy": "The ferry was late and the harbour was closed, so we waited in the rain for it.",
    "c-copy": "The ferry was late and the harbour was closed, so we waited in the rain for it.",
    "Zed": "It was not the storm but the tide that closed the harbour; they said so and we did too.",
    "mid": "Ferry fares rose in May, and they will rise again in June, which is what we feared.",
    "zz": "Ferry fares rise. Harbour shut. Storm.",
    "ab": "We said that the ferry would be on time, but it was not, and nor was the next one.",
}


def test_delta_ranks_on_codes_equal_the_string_sort():
    tokens = _tokens(**TIED)
    new = stylometry.delta_pairs(tokens, sizes=(5, 10, 20))
    pd.testing.assert_frame_equal(new, _string_ranked(tokens, (5, 10, 20)), check_exact=True)
    assert new.groupby("n_words")["rank"].apply(lambda ranks: ranks.duplicated().any()).any()  # ties are there


def test_stability_on_codes_equals_the_table_of_joined_ids():
    """The pair-numbered path gives the rows of the pivot of "doc_a & doc_b" keys, ties between closest pairs included."""
    tokens = _tokens(**TIED)
    pairs = stylometry.delta_pairs(tokens, sizes=(5, 10, 20))
    reference = 10
    key = pairs["doc_a"] + " & " + pairs["doc_b"]
    wide = pairs.assign(pair=key).pivot(index="pair", columns="n_words", values="delta")
    expected = pd.DataFrame(
        [(int(size), float(wide[size].corr(wide[reference], method="kendall")), wide[size].idxmin(), float(wide[size].min()),
          wide[size].idxmin() == wide[reference].idxmin()) for size in wide.columns],
        columns=stylometry.STABILITY_COLUMNS,
    )
    assert stylometry._coded_stability(pairs, reference) is not None
    assert (pairs["delta"] == 0).sum() == 3 * 3  # three closest pairs at each size
    pd.testing.assert_frame_equal(stylometry.ranking_stability(pairs, reference=reference), expected, check_exact=True)
    # Shuffled rows give the same answer: the closest of tied pairs is chosen by its ids, not its row.
    shuffled = pairs.sample(frac=1, random_state=3).reset_index(drop=True)
    pd.testing.assert_frame_equal(stylometry.ranking_stability(shuffled, reference=reference), expected, check_exact=True)
    # A pair listed twice is the table's error, as before.
    with pytest.raises(ValueError):
        stylometry.ranking_stability(pd.concat([pairs, pairs.head(1)], ignore_index=True), reference=reference)
