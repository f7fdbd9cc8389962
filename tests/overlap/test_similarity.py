"""analysis.overlap.similarity: body-only words with raw offsets, TF-IDF and its evidence, keyness,
shared phrases, passage alignment, entity overlap and the pair table."""

from __future__ import annotations

import itertools
import math
import shutil

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.corpus import loading
from analysis.overlap import similarity, stylometry
from tests import texts

HARBOUR_SOURCE, HARBOUR_COPY = texts.HARBOUR_SOURCE, texts.HARBOUR_COPY


def _folder_with(tmp_path, articles: dict[str, str]):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- tokens


def test_tokenize_offsets_and_normal_forms():
    text = "The U.S. and Azerbaijan’s Nagorno-Karabakh policy: US aid, not us; 1,000 troops."
    words = similarity.tokenize(text)
    assert all(text[start:end] for start, end, _ in words)
    norms = [norm for _, _, norm in words]
    assert norms == ["the", "US", "and", "azerbaijan", "nagorno-karabakh", "policy", "US", "aid", "not", "us", "1,000", "troops"]
    assert [text[s:e] for s, e, _ in words][1] == "U.S."
    # "US" the country is a content word, "us" the pronoun a stopword
    assert similarity.is_content_word("US") and not similarity.is_content_word("us")


def test_tokenize_splits_glued_table_cells_only_when_asked():
    row = "Priority AreaAzerbaijan’s FocusUS Expectations"
    assert [n for *_, n in similarity.tokenize(row, split_glued=True)] == ["priority", "area", "azerbaijan", "focus", "US", "expectations"]
    assert "areaazerbaijan" in [n for *_, n in similarity.tokenize(row)]


@pytest.mark.parametrize("text", [texts.EMPTY_STR, texts.WHITESPACE_ONLY, texts.PUNCTUATION_ONLY])
def test_tokenize_nothing_to_read(text):
    assert similarity.tokenize(text) == []


def test_tokenize_non_english_and_huge():
    words = similarity.tokenize(texts.NON_ENGLISH)
    assert [texts.NON_ENGLISH[s:e] for s, e, _ in words][:2] == ["Azərbaycan", "Respublikası"]
    huge = "peace talks " * 100_000
    assert len(similarity.tokenize(huge)) == 200_000


def test_body_tokens_are_raw_spans_inside_body_segments(seed_docs, seed_raw):
    tokens = similarity.body_tokens(seed_docs)
    assert all(seed_raw[d][s:e] == t for d, s, e, t in tokens[["doc_id", "start", "end", "text"]].itertuples(index=False))
    body = loading.body_segments(seed_docs)
    spans = body.groupby("doc_id")[["start", "end"]].apply(lambda f: list(f.itertuples(index=False, name=None)))
    for doc_id, start, end in tokens[["doc_id", "start", "end"]].itertuples(index=False):
        assert any(s <= start and end <= e for s, e in spans[doc_id])
    # Seed 003's page carries a newsletter pitch; its words never become tokens.
    assert "newsletter" not in set(tokens.loc[tokens["doc_id"].str.startswith("003"), "norm"])


def test_furniture_never_makes_articles_similar(tmp_path):
    pitch = "\n\nGet our free weekly newsletter delivered to your inbox.\n"
    folder = _folder_with(tmp_path, {
        "a": "Harbour authority approves ferry terminal\n\nThe harbour authority approved a ferry terminal on Monday." + pitch,
        "b": "Orchestra opens winter season\n\nThe city orchestra opened its winter season with a symphony." + pitch,
    })
    docs = loading.load_corpus(folder)
    tokens = similarity.body_tokens(docs)
    assert "newsletter" not in set(tokens["norm"])
    assert similarity.tfidf_cosine(tokens).at["a", "b"] == pytest.approx(0.0)
    assert similarity.shared_ngrams(tokens).empty


# ---------------------------------------------------------------- vocabulary


def test_stopwords_alone_give_no_similarity():
    tokens = pd.DataFrame(
        [("a", i, w, similarity.is_content_word(w)) for i, w in enumerate("the of and it was".split())]
        + [("b", i, w, similarity.is_content_word(w)) for i, w in enumerate("the of and it was".split())]
        + [("b", 9, "harbour", True)],
        columns=["doc_id", "token_id", "norm", "is_content"],
    )
    assert similarity.tfidf_cosine(tokens).at["a", "b"] == 0.0


def test_cosine_matrix_and_the_words_that_make_it(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    cosine = similarity.tfidf_cosine(tokens)
    assert np.allclose(cosine.to_numpy(), cosine.to_numpy().T)
    assert np.allclose(np.diag(cosine), 1.0)
    terms = similarity.shared_terms(tokens, top=None)
    sums = terms.groupby(["doc_a", "doc_b"])["contribution"].sum()
    for (doc_a, doc_b), total in sums.items():
        assert total == pytest.approx(cosine.at[doc_a, doc_b])
    # Seeds 002 and 003 both argue about Iran (33 and 26 mentions): Iran is what they share most.
    top = terms[(terms["doc_a"].str.startswith("002")) & (terms["doc_b"].str.startswith("003"))].iloc[0]
    assert top["term"] == "iran"


def test_log_likelihood_by_hand():
    # 10 uses in 1,000 words against none in 1,000: expected 5 and 5, G2 = 2 * 10 ln 2.
    assert similarity.log_likelihood(10, 1000, 0, 1000) == pytest.approx(20 * math.log(2))
    # 50 against 30 in equal halves: 2 * (50 ln(50/40) + 30 ln(30/40)) = 2 * (11.15718 - 8.63046) = 5.0534.
    assert similarity.log_likelihood(50, 10_000, 30, 10_000) == pytest.approx(5.0534, abs=1e-4)
    assert similarity.log_likelihood(0, 100, 0, 100) == 0.0


def test_keyness_finds_what_each_seed_is_about(seed_docs):
    key = similarity.keyness(similarity.body_tokens(seed_docs))
    top = key.groupby("doc_id")["term"].first()
    # Read from the texts: 000 is about the International Stabilization Force (US
    # spelling; 001 writes "stabilisation"), 004 is "Leading a New Era of Peace".
    assert top["000_f9577ae45c5847e6"] == "stabilization"
    assert top["004_08525f4401574900"] == "peace"
    assert (key["count"] >= 3).all() and (key["log_likelihood"] >= 3.84).all()
    assert not key["term"].isin(similarity.STOPWORDS).any()


# ---------------------------------------------------------------- phrases


def test_shared_ngrams_in_the_seeds(seed_docs, seed_raw):
    tokens = similarity.body_tokens(seed_docs)
    ngrams = similarity.shared_ngrams(tokens)
    by_gram = ngrams.set_index("ngram")
    # Every seed speaks of some country's "foreign policy"; 001 and 002 of a "two-state solution".
    assert by_gram.at["foreign policy", "n_docs"] == 5
    assert by_gram.at["two-state solution", "docs"] == ("001_4f3f081fc040d33a", "002_a8b85cc1135acd1c")
    for gram in ngrams["ngram"]:
        words = gram.split(" ")
        assert similarity.is_content_word(words[0]) and similarity.is_content_word(words[-1])
    places = similarity.ngram_occurrences(seed_docs, tokens)
    assert all(seed_raw[d][s:e] == t for d, s, e, t in places[["doc_id", "start", "end", "text"]].itertuples(index=False))


def test_shared_ngrams_keep_longest_form_and_stop_at_punctuation():
    def tokens_of(**docs):
        frames = []
        for doc_id, text in docs.items():
            previous = None
            for i, (s, e, n) in enumerate(similarity.tokenize(text)):
                frames.append((doc_id, i, s, e, text[s:e], n, similarity.is_content_word(n), previous is None or text[previous:s].strip() != ""))
                previous = e
        return pd.DataFrame(frames, columns=["doc_id", "token_id", "start", "end", "text", "norm", "is_content", "phrase_break"])

    tokens = tokens_of(a="President Ilham Aliyev spoke. Gaza. Peace talks began", b="President Ilham Aliyev said Gaza peace talks failed")
    grams = set(similarity.shared_ngrams(tokens)["ngram"])
    assert "president ilham aliyev" in grams
    assert "ilham aliyev" not in grams  # same articles as the longer phrase
    assert "peace talks" in grams
    assert "gaza peace talks" not in grams  # "Gaza." ends a sentence in a


def _plain_shared_ngrams(tokens: pd.DataFrame, min_docs: int = 2) -> pd.DataFrame:
    """Shared phrases the obvious way: every run of words of every article, every length, compared as strings."""
    docs_of: dict[str, set[str]] = {}
    count: dict[str, int] = {}
    for doc_id, frame in tokens.groupby("doc_id", sort=False):
        norms, content, breaks = list(frame["norm"]), list(frame["is_content"]), list(frame["phrase_break"])
        for start in range(len(norms)):
            for end in range(start + 2, len(norms) + 1):
                if end - 1 > start and breaks[end - 1]:
                    break  # punctuation before the last word: no phrase runs across it
                if content[start] and content[end - 1] and sum(content[start:end]) >= 2:
                    gram = " ".join(norms[start:end])
                    docs_of.setdefault(gram, set()).add(doc_id)
                    count[gram] = count.get(gram, 0) + 1
    shared = {gram: docs for gram, docs in docs_of.items() if len(docs) >= min_docs}
    # Longest forms: a phrase inside a longer shared phrase used by the same articles goes.
    kept = [gram for gram, docs in shared.items()
            if not any(f" {gram} " in f" {other} " and other != gram and shared[other] == docs for other in shared)]
    return pd.DataFrame({
        "ngram": kept, "n": [len(g.split(" ")) for g in kept], "n_docs": [len(shared[g]) for g in kept],
        "docs": [tuple(sorted(shared[g])) for g in kept], "count": [count[g] for g in kept],
    }).sort_values(["n_docs", "n", "count", "ngram"], ascending=[False, False, False, True], ignore_index=True)


def test_shared_ngrams_equal_a_plain_enumeration_of_every_phrase(tmp_path):
    articles = {
        "a": "The harbour authority approved the new ferry terminal on Monday. Ferry terminal fares will rise in May.",
        "b": "On Monday the harbour authority approved the new ferry terminal, and the city council approved the budget.",
        "c": "The city council approved the budget for the ferry terminal; the harbour authority approved nothing.",
        "d": "Fares will rise in May, the harbour authority said. The city council approved the budget for schools.",
        "e": "A storm closed the ferry terminal. Schools stayed open.",
    }
    docs = loading.load_corpus(_folder_with(tmp_path, articles))
    tokens = similarity.body_tokens(docs)
    expected = _plain_shared_ngrams(tokens)
    assert len(expected) >= 5 and expected["n"].max() >= 5  # nested phrases to tell apart
    pd.testing.assert_frame_equal(similarity.shared_ngrams(tokens), expected, check_dtype=False)
    three = _plain_shared_ngrams(tokens, min_docs=3)
    pd.testing.assert_frame_equal(similarity.shared_ngrams(tokens, min_docs=3), three, check_dtype=False)


def test_ngram_occurrences_of_chosen_phrases_only(seed_docs, seed_raw):
    tokens = similarity.body_tokens(seed_docs)
    every = similarity.ngram_occurrences(seed_docs, tokens)
    chosen = ["foreign policy", "two-state solution"]
    some = similarity.ngram_occurrences(seed_docs, tokens, ngrams=chosen)
    assert set(some["ngram"]) == set(chosen)
    pd.testing.assert_frame_equal(some, every[every["ngram"].isin(chosen)].reset_index(drop=True))


def test_looked_up_occurrences_equal_those_of_every_shared_phrase(tmp_path, monkeypatch):
    """A few n-grams asked for are looked up directly; the rows are those the build of every shared n-gram gives."""
    articles = {
        "a": "The harbour authority approved the new ferry terminal on Monday. Ferry terminal fares will rise in May.",
        "b": "On Monday the harbour authority approved the new ferry terminal, and the city council approved the budget.",
        "c": "The city council approved the budget for the ferry terminal; the harbour authority approved nothing.",
        "d": "Fares will rise in May, the harbour authority said. The city council approved the budget for schools.",
        "e": "A storm closed the ferry terminal. Schools stayed open. The harbour authority, the harbour authority!",
    }
    docs = loading.load_corpus(_folder_with(tmp_path, articles))
    tokens = similarity.body_tokens(docs)
    every = similarity.ngram_occurrences(docs, tokens)
    asked = list(dict.fromkeys(every["ngram"]))[:20] + [
        "harbour authority", "ilham aliyev", "the harbour", "authority approved the", "ferry", "terminal fares", "budget for"]
    for options in ({}, {"min_docs": 3}, {"n_max": 3}, {"n_min": 4}):
        monkeypatch.setattr(similarity, "MAX_LOOKED_UP_NGRAMS", 0)  # the build of every shared n-gram, as before
        built = similarity.ngram_occurrences(docs, tokens, ngrams=asked, **options)
        monkeypatch.undo()
        looked_up = similarity.ngram_occurrences(docs, tokens, ngrams=asked + asked[:3], **options)
        assert len(built) and len(looked_up) == len(built)
        pd.testing.assert_frame_equal(looked_up, built)


# ---------------------------------------------------------------- alignment


def test_alignment_finds_a_lightly_edited_copy_with_exact_spans():
    found = similarity.align_texts(HARBOUR_SOURCE, HARBOUR_COPY)
    assert len(found) == 1
    hit = found.iloc[0]
    end_a = HARBOUR_SOURCE.index("the chair") + len("the chair")
    end_b = HARBOUR_COPY.index("the chair") + len("the chair")
    assert (hit["a_start"], hit["a_end"]) == (HARBOUR_SOURCE.index("The harbour authority"), end_a)
    assert (hit["b_start"], hit["b_end"]) == (HARBOUR_COPY.index("the port authority"), end_b)
    assert hit["text_a"] == HARBOUR_SOURCE[hit["a_start"]:hit["a_end"]]
    assert (hit["matched_words"], hit["score"]) == (20, 34)


def test_alignment_finds_reordered_passages():
    first = "officials say the new ferry terminal will double passenger capacity within five years"
    second = "the orchestra will open its winter season with a symphony by a local composer"
    text_a = f"{first}. Some filler text sits here. {second}."
    text_b = f"Intro words. {second}. Other filler in between. {first}."
    found = similarity.align_texts(text_a, text_b, min_matched_words=8)
    assert len(found) == 2
    assert {text for text in found["text_a"]} == {first, second}
    for row in found.itertuples():
        assert text_b[row.b_start:row.b_end] == row.text_a


def test_alignment_edge_cases():
    assert similarity.local_alignments([], ["a", "b", "c"]) == []
    assert similarity.align_texts(texts.EMPTY_STR, HARBOUR_COPY).empty
    assert similarity.align_texts(texts.PUNCTUATION_ONLY, texts.PUNCTUATION_ONLY).empty
    # Stopwords alone never seed an alignment.
    assert similarity.align_texts("of the and to in of the and to in of the", "of the and to in of the and to in of the").empty


def test_shared_passages_finds_a_paragraph_reused_from_a_seed(tmp_path, seed_docs):
    articles = {doc.doc_id: doc.raw for doc in seed_docs.itertuples()}
    source = articles["002_a8b85cc1135acd1c"]
    paragraph = next(line for line in source.splitlines() if line.startswith("Azerbaijan did vote in favor"))
    edited = paragraph.replace("immediate humanitarian truce", "immediate truce").replace("Azerbaijan did vote", "Baku voted")
    articles["005_reuse"] = "A new article on the Gaza vote\n\nIntroductory words of our own.\n\n" + edited + "\n\nClosing words of our own.\n"
    docs = loading.load_corpus(_folder_with(tmp_path, articles))
    raw = dict(zip(docs["doc_id"], docs["raw"]))
    passages = similarity.shared_passages(docs, similarity.body_tokens(docs))
    hits = passages[passages["doc_b"].eq("005_reuse")]
    assert len(hits) == 1
    hit = hits.iloc[0]
    assert hit["doc_a"] == "002_a8b85cc1135acd1c"
    assert raw[hit["doc_a"]][hit["a_start"]:hit["a_end"]] == hit["text_a"]
    assert raw["005_reuse"][hit["b_start"]:hit["b_end"]] == hit["text_b"]
    assert "calling for an immediate" in hit["text_a"] and "as far as it is prepared to go" in hit["text_b"]


# ---------------------------------------------------------------- entities and pairs


def test_entities_fold_aliases(seed_docs):
    mentions = similarity.entity_mentions(seed_docs)
    pairs = similarity.shared_entities(mentions, seed_docs["doc_id"])
    # 001 writes "Garabagh", 002 "Nagorno-Karabakh": the same region.
    garabagh = mentions[mentions["doc_id"].str.startswith("001") & mentions["alias"].eq("Garabagh")]
    assert set(garabagh["actor"]) == {"Nagorno-Karabakh"}
    shared = pairs[pairs["doc_a"].str.startswith("001") & pairs["doc_b"].str.startswith("002")]
    assert "Nagorno-Karabakh" in set(shared["actor"])
    matrix = similarity.entity_matrix(mentions, seed_docs["doc_id"])
    assert (matrix["Azerbaijan"] > 0).all()
    # "Georgia Meloni" (seed 004's spelling of Italy's prime minister) is not the country
    assert matrix.at["004_08525f4401574900", "Giorgia Meloni"] == 1


def _pairs_for(docs):
    tokens = similarity.body_tokens(docs)
    mentions = similarity.entity_mentions(docs)
    return similarity.overlap_pairs(
        similarity.tfidf_cosine(tokens, docs["doc_id"]), similarity.shared_ngrams(tokens),
        similarity.shared_entities(mentions, docs["doc_id"]), stylometry.burrows_delta(tokens),
    )


def test_pair_table_is_symmetric_and_complete(seed_docs):
    pairs = _pairs_for(seed_docs)
    ids = sorted(seed_docs["doc_id"])
    assert list(pairs.columns) == similarity.PAIR_COLUMNS
    assert set(zip(pairs["doc_a"], pairs["doc_b"])) == set(itertools.combinations(ids, 2))
    assert len(pairs) == len(ids) * (len(ids) - 1) // 2
    assert (pairs["doc_a"] < pairs["doc_b"]).all()
    assert not pairs[["tfidf_cosine", "shared_ngrams", "shared_entities", "stylometric_delta"]].isna().any().any()
    for column in ["tfidf_cosine", "shared_ngrams", "shared_entities", "stylometric_delta"]:
        matrix = similarity.pair_matrix(pairs, column)
        assert np.allclose(matrix.to_numpy(), matrix.to_numpy().T, equal_nan=True)
    # The order articles come in does not change any value.
    shuffled = _pairs_for(seed_docs.iloc[::-1].reset_index(drop=True))
    pd.testing.assert_frame_equal(pairs, shuffled)


def test_pair_table_of_one_article_is_empty(tmp_path):
    docs = loading.load_corpus(_folder_with(tmp_path, {"only": "A title\n\nOne article about the harbour.\n"}))
    pairs = _pairs_for(docs)
    assert pairs.empty and list(pairs.columns) == similarity.PAIR_COLUMNS


def test_pair_table_keeps_an_article_without_words(tmp_path):
    docs = loading.load_corpus(_folder_with(tmp_path, {
        "a": "Harbour authority approves ferry terminal\n\nThe harbour authority approved a ferry terminal on Monday.\n",
        "b": "Ferry terminal approved\n\nA ferry terminal was approved by the harbour authority.\n",
        "c": "!!! ... ???\n",
    }))
    pairs = _pairs_for(docs)
    assert set(zip(pairs["doc_a"], pairs["doc_b"])) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert (pairs.loc[pairs["doc_b"].eq("c"), "tfidf_cosine"] == 0.0).all()
    assert pairs.loc[pairs["doc_b"].eq("b"), "tfidf_cosine"].iloc[0] > 0.3


def test_empty_tokens_give_empty_tables():
    tokens = pd.DataFrame(columns=similarity.TOKEN_COLUMNS)
    assert similarity.tfidf_cosine(tokens).empty and similarity.keyness(tokens).empty
    assert similarity.shared_ngrams(tokens).empty and similarity.shared_terms(tokens).empty


def test_seed_folder_copy_gives_the_same_pairs(tmp_path, seed_docs):
    folder = tmp_path / "copy"
    shutil.copytree(config.SEEDS_DIR, folder)
    pd.testing.assert_frame_equal(_pairs_for(loading.load_corpus(folder)), _pairs_for(seed_docs))


# ---------------------------------------------------------------- chosen pairs (analysis.overlap.candidates)


def test_tfidf_matrix_is_the_sparse_form_of_the_weights(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    matrix, doc_index, term_index = similarity.tfidf_matrix(tokens, seed_docs["doc_id"])
    weights = similarity.tfidf_weights(tokens, seed_docs["doc_id"])
    assert list(doc_index) == list(weights.index) and list(term_index) == list(weights.columns)
    assert np.array_equal(matrix.toarray(), weights.to_numpy())
    # Unit rows: a document's cosine with itself is 1; most cells are empty.
    assert np.allclose(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel(), 1.0)
    assert matrix.nnz < 0.5 * matrix.shape[0] * matrix.shape[1]


def test_pair_list_takes_either_order_once_and_refuses_self_pairs():
    pairs = pd.DataFrame({"doc_a": ["b", "a", "c"], "doc_b": ["a", "b", "a"]})
    assert similarity.pair_list(pairs) == [("a", "b"), ("a", "c")]
    assert similarity.pair_list(None, ["c", "a", "b"]) == [("a", "b"), ("a", "c"), ("b", "c")]
    with pytest.raises(ValueError, match="paired with itself"):
        similarity.pair_list(pd.DataFrame({"doc_a": ["a"], "doc_b": ["a"]}))
    with pytest.raises(ValueError, match="doc_b"):
        similarity.pair_list(pd.DataFrame({"doc_a": ["a"]}))


def test_pairwise_steps_on_chosen_pairs_give_the_all_pairs_rows(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    a, b, c = "001_4f3f081fc040d33a", "002_a8b85cc1135acd1c", "004_08525f4401574900"
    chosen = pd.DataFrame({"doc_a": [b, a, c], "doc_b": [a, c, b]})  # any order; (a, b), (a, c), (b, c)
    keys = {(a, b), (a, c), (b, c)}

    def only_chosen(frame):
        keep = [pair in keys for pair in zip(frame["doc_a"], frame["doc_b"])]
        return frame[keep].reset_index(drop=True)

    pd.testing.assert_frame_equal(similarity.shared_terms(tokens, top=None, pairs=chosen), only_chosen(similarity.shared_terms(tokens, top=None)))
    passages = similarity.shared_passages(seed_docs, tokens, min_matched_words=4, pairs=chosen)
    pd.testing.assert_frame_equal(passages, only_chosen(similarity.shared_passages(seed_docs, tokens, min_matched_words=4)))
    mentions = similarity.entity_mentions(seed_docs)
    pd.testing.assert_frame_equal(
        similarity.shared_entities(mentions, seed_docs["doc_id"], pairs=chosen), only_chosen(similarity.shared_entities(mentions, seed_docs["doc_id"])),
    )
    cosine = similarity.tfidf_cosine(tokens, seed_docs["doc_id"])
    found = similarity.pair_cosines(tokens, chosen, seed_docs["doc_id"])
    assert set(zip(found["doc_a"], found["doc_b"])) == keys
    for row in found.itertuples():
        assert row.tfidf_cosine == pytest.approx(cosine.at[row.doc_a, row.doc_b], abs=1e-12)


def test_pair_table_from_pair_tables_equals_the_matrix_version(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    mentions = similarity.entity_mentions(seed_docs)
    ngrams = similarity.shared_ngrams(tokens)
    entity_pairs = similarity.shared_entities(mentions, seed_docs["doc_id"])
    from_matrices = similarity.overlap_pairs(similarity.tfidf_cosine(tokens, seed_docs["doc_id"]), ngrams, entity_pairs, stylometry.burrows_delta(tokens))
    from_pairs = similarity.overlap_pairs(similarity.pair_cosines(tokens, None, seed_docs["doc_id"]), ngrams, entity_pairs, stylometry.pair_deltas(tokens))
    pd.testing.assert_frame_equal(from_pairs, from_matrices, check_exact=False, rtol=0, atol=1e-12)
    # Restricted to two pairs: the same two rows.
    two = from_matrices.iloc[[2, 7]][["doc_a", "doc_b"]]
    restricted = similarity.overlap_pairs(similarity.tfidf_cosine(tokens, seed_docs["doc_id"]), ngrams, entity_pairs, stylometry.burrows_delta(tokens), pairs=two)
    pd.testing.assert_frame_equal(restricted, from_matrices.iloc[[2, 7]].reset_index(drop=True))


def test_segments_computed_once_give_the_same_words_and_mentions(seed_docs, seed_segments):
    pd.testing.assert_frame_equal(similarity.body_tokens(seed_docs, seed_segments), similarity.body_tokens(seed_docs))
    pd.testing.assert_frame_equal(similarity.entity_mentions(seed_docs, seed_segments), similarity.entity_mentions(seed_docs))


def test_shared_phrases_equal_every_ngram_counted_the_slow_way(seed_docs):
    """The level-by-level search finds exactly what listing every n-gram of every phrase finds."""
    tokens = similarity.body_tokens(seed_docs)
    found: dict[str, set[str]] = {}
    for doc_id, words in tokens.groupby("doc_id", sort=False):
        run: list[tuple[str, bool]] = []
        runs = []
        for norm, content, breaks in zip(words["norm"], words["is_content"], words["phrase_break"]):
            if breaks and run:
                runs.append(run)
                run = []
            run.append((norm, content))
        runs.append(run)
        for run in runs:
            for n in range(2, len(run) + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i:i + n]
                    if gram[0][1] and gram[-1][1] and sum(c for _, c in gram) >= 2:
                        found.setdefault(" ".join(w for w, _ in gram), set()).add(doc_id)
    expected = {gram for gram, docs in found.items() if len(docs) >= 2}
    places = similarity.ngram_occurrences(seed_docs, tokens)
    assert set(places["ngram"]) == expected


def test_an_id_with_a_semicolon_keeps_its_shared_phrases(seed_docs):
    """Ids were joined on ';' and split again, so 'a;b' became two unknown articles."""
    renamed = seed_docs.assign(doc_id=seed_docs["doc_id"].replace({"001_4f3f081fc040d33a": "a;b"}))
    pairs = _pairs_for(renamed)
    original = _pairs_for(seed_docs)
    by_pair = lambda frame: dict(zip(zip(frame["doc_a"], frame["doc_b"]), frame["shared_ngrams"]))  # noqa: E731
    renamed_counts = {tuple(sorted("001_4f3f081fc040d33a" if d == "a;b" else d for d in pair)): n for pair, n in by_pair(pairs).items()}
    assert renamed_counts == by_pair(original) and max(renamed_counts.values()) > 0
    ngrams = similarity.shared_ngrams(similarity.body_tokens(renamed))
    assert any("a;b" in docs for docs in ngrams["docs"]) and (ngrams["n_docs"] == ngrams["docs"].map(len)).all()


def test_an_nfd_copy_has_the_same_words_as_its_nfc_original_with_raw_offsets():
    """The tokenizer split a decomposed accent ("e" + U+0301) off its word, so the copy looked like another text."""
    import unicodedata

    original = ("Le ministre a déclaré à Bakı que l'accord énergétique serait signé après la réunion. "
                "Ölkə rəhbərliyi bəyanat yaydı; the café owners in Gəncə agreed.\n")
    copy = unicodedata.normalize("NFD", original)
    assert copy != original and len(copy) > len(original)
    docs = pd.DataFrame({"doc_id": ["nfc", "nfd"], "raw": [original, copy]})
    tokens = similarity.body_tokens(docs)
    by_doc = {doc: list(group["norm"]) for doc, group in tokens.groupby("doc_id")}
    assert by_doc["nfc"] == by_doc["nfd"] and "déclaré" in by_doc["nfd"] and "gəncə" in by_doc["nfd"]
    for row in tokens.itertuples():
        assert docs.set_index("doc_id").at[row.doc_id, "raw"][row.start:row.end] == row.text  # raw offsets still hold
    cosine = similarity.tfidf_cosine(tokens, docs["doc_id"])
    assert cosine.at["nfc", "nfd"] == pytest.approx(1.0)
    from analysis.overlap import near_duplicates

    assert np.array_equal(near_duplicates.word_shingles(original), near_duplicates.word_shingles(copy))


@pytest.mark.parametrize("rows", [
    [("a", "b"), ("a", "c"), ("b", "c"), ("b", "d")],  # ordered, each once: returned as they are
    [("b", "c"), ("a", "b"), ("c", "a"), ("a", "b"), ("b", "a")],  # any order, either way round, repeated
    [("a", "b"), ("a", "b")],
    [("a", "c"), ("a", "b")],
    [],
])
def test_pair_list_equals_sorting_the_set_of_pairs(rows):
    pairs = pd.DataFrame(rows, columns=["doc_a", "doc_b"], dtype="string")
    expected = sorted({(a, b) if a < b else (b, a) for a, b in rows})
    assert similarity.pair_list(pairs) == expected
    assert all(type(a) is str and type(b) is str for a, b in similarity.pair_list(pairs))


@pytest.mark.parametrize("rows", [[("a", "b"), ("b", "b")], [("b", "b")], [("c", "d"), ("a", "a")]])
def test_pair_list_refuses_an_article_paired_with_itself(rows):
    with pytest.raises(ValueError, match="paired with itself"):
        similarity.pair_list(pd.DataFrame(rows, columns=["doc_a", "doc_b"]))


@pytest.mark.parametrize("make", [
    lambda ids: pd.Series(ids, dtype="string"), lambda ids: pd.Series(ids, dtype=object), lambda ids: pd.Series(ids),
    lambda ids: pd.Index(ids), list, tuple, iter,
])
def test_documents_in_order_equal_dict_fromkeys(make):
    ids = ["b", "a", "b", "c", "a", "d", "b;c", "a"]
    found = similarity.documents_in_order(make(ids))
    assert found == list(dict.fromkeys(make(ids))) == ["b", "a", "c", "d", "b;c"]
    assert all(type(doc) is str for doc in found)
    # The indexes built from them are the same as before too.
    pd.testing.assert_index_equal(pd.Index(found, name="doc_id"), pd.Index(list(dict.fromkeys(make(ids))), name="doc_id"))


def test_bands_left_unaligned_could_not_hold_a_passage():
    """The bound that spares most bands the recurrence is never below an alignment's identical words, and the
    passages found with it are those the one-by-one alignment finds."""
    rng = np.random.default_rng(19)
    vocabulary = ["the", "of", "ferry", "harbour", "storm", "tide", "fares", "rose", "in", "may", "port", "closed"]
    sequences = [rng.integers(0, len(vocabulary), size=int(rng.integers(30, 120))) for _ in range(12)]
    sequences.append(np.concatenate([sequences[0][:40], rng.integers(0, 12, size=5), sequences[0][45:]]))  # an edited copy
    words = [[vocabulary[code] for code in sequence] for sequence in sequences]
    flat = np.concatenate(sequences).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum([len(sequence) for sequence in sequences])[:-1]])
    windows, owners = [], []
    for a, b in itertools.combinations(range(len(sequences)), 2):
        index_a, index_b = similarity.seed_index(words[a]), similarity.seed_index(words[b])
        found = similarity._pair_windows(sequences[a], sequences[b], {tuple(k): v for k, v in index_a.items()},
                                         {tuple(k): v for k, v in index_b.items()})
        windows.extend(found)
        owners.extend([(a, b)] * len(found))
    windows = np.array(windows, dtype=np.int64)
    offsets_a = np.array([offsets[a] for a, _ in owners], dtype=np.int64)
    offsets_b = np.array([offsets[b] for _, b in owners], dtype=np.int64)
    one_by_one = [similarity._align_chain(sequences[a], sequences[b], tuple(window), 2, -1, -1) for (a, b), window in zip(owners, windows.tolist())]
    small = np.flatnonzero(((windows[:, 1] - windows[:, 0]) <= 24) & ((windows[:, 3] - windows[:, 2]) <= 24))
    assert len(small) > 100
    bound = similarity._identical_words_bound(flat, offsets_a[small], offsets_b[small], windows[small], 24, 24)
    matched = np.array([0 if one_by_one[k] is None else one_by_one[k].matched_words for k in small])
    assert (bound >= matched).all() and (bound > matched).any() and (bound < 8).any() and (matched >= 8).any()
    kept = similarity._align_many(flat, offsets_a, offsets_b, windows, min_matched_words=8)
    assert kept == [hit if hit is not None and hit.matched_words >= 8 else None for hit in one_by_one]
    assert sum(hit is not None for hit in kept) >= 2


def test_seed_indexes_hold_only_seeds_another_article_has(tmp_path):
    docs = loading.load_corpus(_folder_with(tmp_path, {
        "a": f"Title A\n\n{HARBOUR_SOURCE}\n\nOnly this article mentions purple giraffes dancing wildly tonight.\n",
        "b": f"Title B\n\n{HARBOUR_COPY}\n\nA closing line about orchestras and winter concerts here.\n",
        "c": "Title C\n\nNothing here is shared with the others, as purple giraffes dance alone.\n",
    }))
    tokens = similarity.body_tokens(docs)
    words, _, _, seeds = similarity._coded_documents(tokens)
    doc_ids = list(words)
    seeds_of = {doc: set() for doc in doc_ids}
    for key in seeds.keys.tolist():
        seeds_of[doc_ids[key // seeds.n_seeds]].add(key % seeds.n_seeds)
    assert seeds_of["a"] and seeds_of["b"] and not seeds_of["c"]  # c shares no three words with a content word
    for doc, seeds in seeds_of.items():
        assert all(any(seed in other for name, other in seeds_of.items() if name != doc) for seed in seeds)
    # "purple giraffes dancing" is in a only: its seed is not indexed, while the passage a and b share is still found.
    passages = similarity.shared_passages(docs, tokens)
    assert list(zip(passages["doc_a"], passages["doc_b"])) == [("a", "b")]


@pytest.mark.parametrize("few_docs", [0, 2, 3, similarity.PHRASE_PAIR_DOCS])
def test_shared_phrase_counts_equal_intersecting_each_pairs_phrase_sets(monkeypatch, few_docs):
    # Phrases as the docs tuples of shared_ngrams: one used by an article in no pair, one by a single pair's
    # articles, one by all three paired articles, one listing an article twice; a pair sharing nothing counts 0.
    # Every phrase is counted by listing its pairs (few_docs 32), none is (0), or some are and some go to the product.
    monkeypatch.setattr(similarity, "PHRASE_PAIR_DOCS", few_docs)
    doc_lists = [("a", "b", "c"), ("a", "b"), ("b", "outside"), ("c", "outside"), ("a", "c", "outside"), ("b", "b", "c", "d")]
    chosen = [("a", "b"), ("a", "c"), ("b", "c"), ("b", "d"), ("c", "d"), ("a", "d")]
    phrases_of: dict[str, set[int]] = {}
    for number, docs in enumerate(doc_lists):
        for doc in docs:
            phrases_of.setdefault(doc, set()).add(number)
    expected = [len(phrases_of.get(a, set()) & phrases_of.get(b, set())) for a, b in chosen]
    assert expected == [2, 2, 2, 1, 1, 0]
    assert similarity._shared_phrase_counts(doc_lists, chosen).tolist() == expected
    assert similarity._shared_phrase_counts(doc_lists, []).tolist() == []
    assert similarity._shared_phrase_counts([], chosen).tolist() == [0] * len(chosen)


def test_seed_hits_and_bands_of_all_pairs_at_once_equal_the_pair_by_pair_loop():
    """_pair_hits and _pairs_windows give every pair the bands _pair_windows gives it, in the same order, including
    repeated seeds (one skipped as boilerplate past 20 repeats), chains of several seeds and seeds alone in their reach."""
    rng = np.random.default_rng(7)
    vocabulary = ["the", "of", "ferry", "harbour", "storm", "tide", "fares", "rose", "in", "may", "port", "closed", "and", "a"]
    sequences = [list(rng.integers(0, len(vocabulary), size=int(rng.integers(20, 150)))) for _ in range(14)]
    sequences.append(sequences[0][:60] + list(rng.integers(0, 14, size=6)) + sequences[0][66:])  # an edited copy
    sequences.append([2, 3, 4] * 25)  # one seed repeated past the boilerplate limit
    sequences.append([2, 3, 4] * 3 + [5, 6, 7])
    names = [f"d{number:02d}" for number in range(len(sequences))]
    words = {name: [vocabulary[code] for code in sequence] for name, sequence in zip(names, sequences)}
    tokens = pd.DataFrame({
        "doc_id": [name for name in names for _ in words[name]],
        "norm": [word for name in names for word in words[name]],
        "is_content": [similarity.is_content_word(word) for name in names for word in words[name]],
        "start": [k for name in names for k in range(len(words[name]))],
        "end": [k + 1 for name in names for k in range(len(words[name]))],
    })
    coded, _, _, seeds = similarity._coded_documents(tokens)
    chosen = list(itertools.combinations(names, 2))
    code_of = {name: code for code, name in enumerate(coded)}
    pair_a = np.array([code_of[a] for a, _ in chosen], dtype=np.int64)
    pair_b = np.array([code_of[b] for _, b in chosen], dtype=np.int64)
    lengths = np.array([len(coded[name]) for name in coded], dtype=np.int64)
    hit_pair, hit_i, hit_j = similarity._pair_hits(seeds, pair_a, pair_b)
    windows, owner = similarity._pairs_windows(hit_pair, hit_i, hit_j, lengths[pair_a], lengths[pair_b])
    expected, expected_owner = [], []
    for number, (a, b) in enumerate(chosen):
        found = similarity._pair_windows(coded[a], coded[b], similarity.seed_index(words[a]), similarity.seed_index(words[b]))
        expected.extend(found)
        expected_owner.extend([number] * len(found))
    assert len(expected) > 200
    assert [tuple(row) for row in windows.tolist()] == expected
    assert owner.tolist() == expected_owner
    run, simple = similarity._chain_runs(hit_pair, hit_i, hit_j)
    sizes = np.bincount(run)
    # Seeds alone in their reach, simple runs of several seeds and hits the loop still chains are all here.
    assert (simple & (sizes == 1)).any() and (simple & (sizes > 1)).any() and not simple.all()
    # The repeated seed is boilerplate in d15 (75 words, 25 repeats): no hit has d15 second, as the loop skips it.
    repeated = code_of["d15"]
    assert not (pair_b[hit_pair] == repeated).any() and (pair_a[hit_pair] == repeated).any()


def test_pair_row_counts_equal_a_counter_of_the_rows():
    table = pd.DataFrame({"doc_a": ["a", "a", "a", "b", "c", "x"], "doc_b": ["b", "b", "c", "a", "d", "a"]})
    first, second = np.array(["a", "a", "b", "c"], dtype=object), np.array(["b", "c", "c", "d"], dtype=object)
    # ("b", "a") is a row in the other order and ("x", "a") names a document in no pair: neither counts.
    assert similarity._pair_row_counts(table, first, second).tolist() == [2, 1, 0, 1]
    assert similarity._pair_row_counts(table.iloc[:0], first, second).tolist() == [0, 0, 0, 0]
    empty = np.array([], dtype=object)
    assert similarity._pair_row_counts(table, empty, empty).tolist() == []
