"""analysis.overlap.candidates: which pairs a large corpus compares, and what the restriction costs.

The recall figures are measured on 300 real BBC articles (60 per category, in file
order, byte-identical copies left out) against an all-pairs run of the same steps;
how the candidates bound the pairs is tested on constructed articles.
"""

from __future__ import annotations

import hashlib
import itertools

import numpy as np
import pandas as pd
import pytest

from analysis.overlap import candidates, claims, similarity, stylometry
from analysis.corpus import loading, sentences
from tests import texts

from scipy import sparse

PER_CATEGORY = 60


def _folder_with(tmp_path, articles: dict[str, str], name: str = "corpus"):
    folder = tmp_path / name
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bbc_sample(bbc_dir, tmp_path_factory):
    """The first 60 articles of each BBC category as one flat corpus folder, loaded."""
    folder = tmp_path_factory.mktemp("bbc_sample")
    seen = set()
    for category in sorted(path for path in bbc_dir.iterdir() if path.is_dir()):
        taken = 0
        for path in sorted(category.glob("*.txt")):
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                continue  # the corpus layer refuses byte-identical articles
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                continue  # one BBC file is Latin-1; load_corpus reads UTF-8 only
            seen.add(digest)
            (folder / f"{category.name}_{path.stem}.txt").write_bytes(data)
            taken += 1
            if taken == PER_CATEGORY:
                break
    docs = loading.load_corpus(folder)
    tokens = similarity.body_tokens(docs)
    quantities = claims.quantity_mentions(sentences.body_sentences(docs))
    return docs, tokens, quantities


@pytest.fixture(scope="module")
def bbc_candidates(bbc_sample):
    docs, tokens, quantities = bbc_sample
    return candidates.candidate_pairs(tokens, docs["doc_id"], quantities)


def _pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["doc_a"], frame["doc_b"]))


def _within(frame: pd.DataFrame, chosen: set[tuple[str, str]]) -> pd.DataFrame:
    keep = [pair in chosen for pair in zip(frame["doc_a"], frame["doc_b"])]
    return frame[keep].reset_index(drop=True)


# ---------------------------------------------------------------- small corpora: every pair


def test_a_small_corpus_compares_every_pair(seed_docs):
    tokens = similarity.body_tokens(seed_docs)
    found = candidates.candidate_pairs(tokens, seed_docs["doc_id"])
    assert list(found.columns) == candidates.CANDIDATE_COLUMNS
    assert _pairs(found) == set(itertools.combinations(sorted(seed_docs["doc_id"]), 2))
    assert found.attrs["all_pairs"] and found.attrs["n_possible"] == 10
    assert found["nearest"].all()
    cosine = similarity.tfidf_cosine(tokens, seed_docs["doc_id"])
    for row in found.itertuples():
        assert row.tfidf_cosine == pytest.approx(cosine.at[row.doc_a, row.doc_b])


def test_one_article_or_none_gives_no_pairs(tmp_path):
    docs = loading.load_corpus(_folder_with(tmp_path, {"only": "A title\n\nOne article about the harbour.\n"}))
    found = candidates.candidate_pairs(similarity.body_tokens(docs), docs["doc_id"])
    assert found.empty and list(found.columns) == candidates.CANDIDATE_COLUMNS
    empty = candidates.candidate_pairs(pd.DataFrame(columns=similarity.TOKEN_COLUMNS))
    assert empty.empty


def test_an_article_without_words_is_still_paired_in_a_small_corpus(tmp_path):
    docs = loading.load_corpus(_folder_with(tmp_path, {
        "a": "Harbour authority approves ferry terminal\n\nThe harbour authority approved a ferry terminal on Monday.\n",
        "b": "Ferry terminal approved\n\nA ferry terminal was approved by the harbour authority.\n",
        "c": "!!! ... ???\n",
    }))
    found = candidates.candidate_pairs(similarity.body_tokens(docs), docs["doc_id"])
    assert _pairs(found) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert found.set_index(["doc_a", "doc_b"]).at[("a", "c"), "tfidf_cosine"] == 0.0


# ---------------------------------------------------------------- a bounded number of partners per article

SYLLABLES = ["ka", "lo", "mi", "ru", "te", "sa", "vo", "ne", "di", "bu", "ga", "fe"]
STOCK_SENTENCE = "The harbour authority approved the new ferry terminal on Monday morning."


def _invented_articles(n_articles: int, seed: int = 7) -> dict[str, str]:
    """Articles of invented words (no two alike), each with one stock sentence all of them share."""
    rng = np.random.default_rng(seed)
    vocabulary = ["".join(rng.choice(SYLLABLES, size=3)) for _ in range(3000)]
    articles = {}
    for number in range(n_articles):
        words = rng.choice(vocabulary, size=120)
        sentences = [" ".join(words[i:i + 12]).capitalize() + "." for i in range(0, 120, 12)]
        # The stock sentence inside a paragraph of the article's own: a paragraph repeated on every page would be furniture.
        articles[f"a{number:03d}"] = f"Invented story {number}\n\n" + " ".join(sentences[:5] + [STOCK_SENTENCE] + sentences[5:]) + "\n"
    return articles


@pytest.fixture
def small_limits(monkeypatch):
    """Partner limits small enough that 40 articles are a large corpus."""
    for name, value in {"TOP_K": 2, "REUSE_PARTNERS": 3, "RUN_PARTNERS": 3, "FIGURE_PARTNERS": 2, "PARTNERS": 6}.items():
        monkeypatch.setattr(candidates, name, value)


def test_a_phrase_every_article_shares_pairs_each_article_a_bounded_number_of_times(tmp_path, small_limits):
    found = {}
    for n_articles in (40, 80):
        docs = loading.load_corpus(_folder_with(tmp_path, _invented_articles(n_articles), name=f"corpus{n_articles}"))
        tokens = similarity.body_tokens(docs)
        # The stock sentence's 5-word runs are in every article: unbounded, they pair every article with every other.
        runs = candidates.shared_sequence_counts(tokens, pd.Index(docs["doc_id"]), candidates.RUN_WORDS, candidates.MAX_RUN_DOCS)
        assert sparse.triu(runs, k=1).nnz == n_articles * (n_articles - 1) // 2
        found[n_articles] = candidates.candidate_pairs(tokens, docs["doc_id"], top_k=candidates.TOP_K)
        assert not found[n_articles].attrs["all_pairs"]
        # Each article proposes its PARTNERS: the strongest by each test, topped up with its nearest.
        assert len(found[n_articles]) <= n_articles * candidates.PARTNERS
        partners = pd.concat([found[n_articles]["doc_a"], found[n_articles]["doc_b"]]).value_counts()
        assert partners.min() >= candidates.PARTNERS
    # Twice the articles, about twice the pairs (not four times, as every pair sharing the sentence would be).
    assert len(found[80]) / len(found[40]) < 2.3


def test_top_partners_rank_by_strength_then_by_id():
    strength = sparse.csr_matrix(np.array([
        [0, 5, 1, 1, 0],
        [5, 0, 0, 2, 0],
        [1, 0, 0, 0, 0],
        [1, 2, 0, 0, 3],
        [0, 0, 0, 3, 0],
    ]))
    rank_of = np.array([0, 1, 2, 3, 4])
    rows, partners = candidates.top_partners(strength, rank_of, limit=2)
    chosen = {(int(r), int(p)) for r, p in zip(rows, partners)}
    # Row 0: 5 (doc 1), then a tie of 1 between docs 2 and 3 goes to the smaller id; row 3: 3 (doc 4), then 2 (doc 1).
    assert chosen == {(0, 1), (0, 2), (1, 0), (1, 3), (2, 0), (3, 4), (3, 1), (4, 3)}
    assert candidates.top_partners(sparse.csr_matrix((3, 3)), np.arange(3), limit=2)[0].size == 0


def test_an_article_without_shared_sequences_is_topped_up_with_its_nearest(tmp_path, small_limits):
    articles = _invented_articles(30, seed=11)
    articles = {name: text.replace(STOCK_SENTENCE, "") for name, text in articles.items()}  # nothing shared but chance words
    docs = loading.load_corpus(_folder_with(tmp_path, articles))
    tokens = similarity.body_tokens(docs)
    found = candidates.candidate_pairs(tokens, docs["doc_id"], top_k=candidates.TOP_K)
    assert not found["reuse"].any()
    assert found["nearest"].all()
    partners = pd.concat([found["doc_a"], found["doc_b"]]).value_counts()
    assert partners.reindex(docs["doc_id"], fill_value=0).min() >= candidates.PARTNERS


# ---------------------------------------------------------------- the tests, one by one


@pytest.mark.slow  # runs in make test-all and CI
def test_nearest_pairs_are_each_articles_top_k(bbc_sample):
    docs, tokens, _ = bbc_sample
    matrix, doc_index, _ = similarity.tfidf_matrix(tokens, docs["doc_id"])
    found = candidates.nearest_pairs(matrix, doc_index, top_k=5)
    # Brute force: every article's five most similar others (ties to the smaller id), positive cosines only.
    cosine = (matrix @ matrix.T).toarray()
    ids = list(doc_index)
    expected = set()
    for i, doc in enumerate(ids):
        others = sorted((j for j in range(len(ids)) if j != i), key=lambda j: (-cosine[i, j], ids[j]))[:5]
        expected |= {tuple(sorted((doc, ids[j]))) for j in others if cosine[i, j] > 0}
    assert _pairs(found) == expected
    # About linear: at most k pairs per article, far from the 44,850 pairs of 300 articles.
    assert len(found) <= 5 * len(ids)


def test_rare_shingles_pair_a_reused_paragraph_and_ignore_stock_phrases(tmp_path, seed_docs):
    articles = {doc.doc_id: doc.raw for doc in seed_docs.itertuples()}
    source = articles["002_a8b85cc1135acd1c"]
    paragraph = next(line for line in source.splitlines() if line.startswith("Azerbaijan did vote in favor"))
    articles["005_reuse"] = "A new article on the Gaza vote\n\nIntroductory words of our own.\n\n" + paragraph + "\n\nClosing words.\n"
    docs = loading.load_corpus(_folder_with(tmp_path, articles))
    tokens = similarity.body_tokens(docs)
    found = candidates.rare_shingle_pairs(tokens, docs["doc_id"]).set_index(["doc_a", "doc_b"])["shared_shingles"]
    # The copied paragraph's 3-word sequences make the pair the most alike of all by this measure.
    n_words = len(similarity.tokenize(paragraph))
    assert found.idxmax() == ("002_a8b85cc1135acd1c", "005_reuse")
    assert found.max() >= n_words // 2
    # The same sequence in more articles than the cap pairs nobody.
    stock = {name: f"Title {name}\n\nThe harbour authority approved the plan. Story {name} about {topic}.\n"
             for name, topic in zip("abcd", ["ferries", "orchestras", "elections", "weather"])}
    stock_docs = loading.load_corpus(_folder_with(tmp_path, stock, name="stock"))
    stock_tokens = similarity.body_tokens(stock_docs)
    assert len(candidates.rare_shingle_pairs(stock_tokens, max_docs=4)) == 6
    assert candidates.rare_shingle_pairs(stock_tokens, max_docs=3).empty


def test_shared_figures_pair_articles_stating_the_same_number():
    mentions = claims.quantity_mentions(pd.DataFrame(
        [("a", 0, 0, "paragraph", 0, len(texts.OIL_PERCENT), texts.OIL_PERCENT),
         ("b", 0, 0, "paragraph", 0, len(texts.TURNOUT_SAME_NUMBER), texts.TURNOUT_SAME_NUMBER),
         ("c", 0, 0, "paragraph", 0, len(texts.OIL_ABOUT), texts.OIL_ABOUT)],
        columns=sentences.SENTENCE_COLUMNS,
    ))
    found = candidates.shared_quantity_pairs(mentions)
    # "40%" and "40 percent" are the same figure (share 39.5–40.5 %); "about 40 percent" (36–44 %) is another.
    assert _pairs(found) == {("a", "b")}
    assert candidates.shared_quantity_pairs(mentions, max_docs=1).empty


def test_lsh_finds_an_edited_copy(bbc_sample):
    docs, tokens, _ = bbc_sample
    original = tokens[tokens["doc_id"].eq(docs["doc_id"].iloc[7])]
    copy = original.assign(doc_id="zz_copy")
    copy.loc[copy.index[::25], "norm"] = "edited"  # one word in 25 changed
    found = candidates.lsh_pairs(pd.concat([tokens, copy], ignore_index=True))
    assert (docs["doc_id"].iloc[7], "zz_copy") in _pairs(found)


# ---------------------------------------------------------------- what the restriction keeps, on real articles


def test_candidates_grow_with_the_articles_not_the_pairs(bbc_sample, bbc_candidates):
    docs = bbc_sample[0]
    assert not bbc_candidates.attrs["all_pairs"]
    assert bbc_candidates.attrs["n_possible"] == len(docs) * (len(docs) - 1) // 2
    # Measured: 37.8 candidate pairs per article here (11,328 of 44,850), of 149.5 per article in an all-pairs run;
    # each article proposes at least PARTNERS others, and a pair proposed by both ends counts once.
    per_article = len(bbc_candidates) / len(docs)
    assert candidates.PARTNERS / 2 <= per_article <= candidates.PARTNERS
    assert (bbc_candidates["doc_a"] < bbc_candidates["doc_b"]).all()
    assert not bbc_candidates.duplicated(["doc_a", "doc_b"]).any()
    # Every article is compared with at least PARTNERS others, whatever evidence it has.
    partners = pd.concat([bbc_candidates["doc_a"], bbc_candidates["doc_b"]]).value_counts()
    assert partners.reindex(docs["doc_id"], fill_value=0).min() >= candidates.PARTNERS


@pytest.mark.slow  # runs in make test-all and CI
def test_candidates_keep_the_reused_passages_of_an_all_pairs_run(bbc_sample, bbc_candidates):
    docs, tokens, _ = bbc_sample
    everything = similarity.shared_passages(docs, tokens, min_matched_words=8)
    chosen = _pairs(bbc_candidates)
    kept = _within(everything, chosen)
    recall = len(kept) / len(everything)
    print(f"passages of 8+ matched words: {len(everything)} in all pairs, {len(kept)} in candidate pairs, recall {recall:.3f}")
    assert len(everything) >= 50  # real reuse to find: BBC stories re-use agency copy and stock sentences
    assert recall >= 0.97  # measured: 103 of 103
    # Per pair, the restricted run finds exactly what the all-pairs run finds.
    restricted = similarity.shared_passages(docs, tokens, min_matched_words=8, pairs=bbc_candidates)
    pd.testing.assert_frame_equal(restricted, kept)


def test_candidates_keep_the_pairs_sharing_most_facts(bbc_sample, bbc_candidates):
    _, _, quantities = bbc_sample
    everything = claims.match_claims(quantities)
    chosen = _pairs(bbc_candidates)
    by_pair = everything.groupby(["doc_a", "doc_b"]).size().sort_values(ascending=False, kind="stable")
    kept_top = sum(pair in chosen for pair in by_pair.head(10).index)
    print(f"claim matches: {len(everything)} in {len(by_pair)} pairs; of the 10 pairs with the most, {kept_top} are candidates")
    assert len(everything) >= 100
    # Measured: 9 of 10. The one left out matches generic statements about different things: "US growth would
    # reach 4.4% in 2004" with "forecasting UK growth at between 3% and 3.5%" (business_030, politics_021).
    assert kept_top >= 8
    assert ("business_030", "politics_021") in set(by_pair.head(10).index) - chosen
    restricted = claims.match_claims(quantities, pairs=bbc_candidates)
    pd.testing.assert_frame_equal(restricted, _within(everything, chosen))


@pytest.mark.slow  # runs in make test-all and CI
def test_per_pair_results_equal_the_all_pairs_run(bbc_sample, bbc_candidates):
    docs, tokens, _ = bbc_sample
    chosen = _pairs(bbc_candidates)
    terms_all = similarity.shared_terms(tokens, top=8)
    pd.testing.assert_frame_equal(similarity.shared_terms(tokens, top=8, pairs=bbc_candidates), _within(terms_all, chosen))
    mentions = similarity.entity_mentions(docs)
    entities_all = similarity.shared_entities(mentions, docs["doc_id"])
    pd.testing.assert_frame_equal(similarity.shared_entities(mentions, docs["doc_id"], pairs=bbc_candidates), _within(entities_all, chosen))
    delta = stylometry.burrows_delta(tokens, 50)
    restricted = stylometry.pair_deltas(tokens, bbc_candidates, 50)
    assert all(delta.at[a, b] == value for a, b, value in restricted.itertuples(index=False))
    cosine = similarity.pair_cosines(tokens, bbc_candidates, docs["doc_id"])
    assert np.allclose(cosine["tfidf_cosine"], bbc_candidates["tfidf_cosine"], rtol=0, atol=1e-12)


def test_many_copies_of_one_text_make_pairs_linear_in_the_copies(seed_docs):
    """500 near-copies made every pair a near-duplicate candidate (124,750 alignments; 04 ran past 21 minutes)."""
    source = seed_docs.set_index("doc_id").at["002_a8b85cc1135acd1c", "raw"]
    copies = pd.DataFrame({
        "doc_id": [f"copy_{i:03d}" for i in range(60)],
        "raw": [source.replace(" the ", f" the{' ' * (i % 4 + 1)}", 1) + f"\nCopy number {i}.\n" for i in range(60)],
    })
    tokens = similarity.body_tokens(copies)
    found = candidates.candidate_pairs(tokens, copies["doc_id"])
    assert found["near_duplicate"].sum() == 59  # a star: each copy with the first
    assert len(found) <= (candidates.TOP_K + 1) * len(copies) < 60 * 59 // 2
    # A small cluster keeps all its pairs.
    small = candidates.star_clusters(pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"]}))
    assert list(zip(small["doc_a"], small["doc_b"])) == [("a", "b"), ("a", "c"), ("b", "c")]
