"""analysis.overlap.near_duplicates: shingles, MinHash LSH candidates, exact scoring, the BBC check."""

from __future__ import annotations

import random
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis.overlap import near_duplicates as nd
from analysis.errors import CorpusError
from tests import texts

_VOCABULARY = (
    "harbour ferry terminal council budget school teacher river bridge election minister vote market price "
    "orchestra season symphony museum painting football match goal coach player train station storm rain "
    "hospital doctor patient factory worker strike court judge verdict farmer harvest wheat festival film"
).split()


def _constructed_corpus() -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    """60 distinct random articles plus exact copies; returns documents and the copy pairs."""
    rng = random.Random(20240)
    originals = {f"doc{i:02d}": " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(80, 200))) for i in range(60)}
    documents = list(originals.items())
    copies = {"copy_a": "doc03", "copy_b": "doc17", "copy_c": "doc17", "copy_d": "doc42", "copy_e": "doc59"}
    documents += [(copy, originals[source]) for copy, source in copies.items()]
    rng.shuffle(documents)
    by_text: dict[str, list[str]] = {}
    for doc_id, text in documents:
        by_text.setdefault(text, []).append(doc_id)
    truth = {tuple(sorted((a, b))) for ids in by_text.values() for i, a in enumerate(ids) for b in ids[i + 1:]}
    return documents, truth


def test_lsh_finds_every_exact_duplicate():
    documents, truth = _constructed_corpus()
    assert len(truth) == 6  # doc17 has two copies: three pairs among the three
    found = nd.find_near_duplicates(iter(documents), threshold=0.9)
    assert set(zip(found["doc_a"], found["doc_b"])) == truth
    assert (found["jaccard"] == 1.0).all()
    assert found.attrs["n_documents"] == len(documents)


def test_lsh_finds_an_edited_copy_and_reports_exact_jaccard():
    base = " ".join(f"w{i}" for i in range(200))
    edited = base.replace("w50 ", "changed ").replace("w150 ", "altered ")
    found = nd.find_near_duplicates([("a", base), ("b", edited), ("c", " ".join(f"x{i}" for i in range(200)))], threshold=0.8)
    assert list(zip(found["doc_a"], found["doc_b"])) == [("a", "b")]
    # Each edit removes the 5 shingles through the changed word and adds 5 new ones:
    # 196 shingles, 186 shared, union 206.
    assert found.iloc[0]["jaccard"] == pytest.approx(186 / 206)


def test_empty_documents_are_reported_not_compared():
    with pytest.warns(UserWarning, match="no words"):
        found = nd.find_near_duplicates([("a", texts.EMPTY_STR), ("b", texts.PUNCTUATION_ONLY), ("c", texts.PLATYPUS), ("d", texts.PLATYPUS)])
    assert found.attrs["skipped_empty"] == ["a", "b"]
    assert list(zip(found["doc_a"], found["doc_b"])) == [("c", "d")]


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="appears twice"):
        nd.find_near_duplicates([("a", texts.PLATYPUS), ("a", texts.PLATYPUS)])


def test_shingles():
    assert nd.word_shingles(texts.EMPTY_STR).size == 0
    assert nd.word_shingles("one two three").size == 1  # shorter than a shingle: one shingle
    assert nd.word_shingles("a b c d e f g").size == 3
    assert np.array_equal(nd.word_shingles("The Harbour Authority met on Monday"), nd.word_shingles("the harbour authority met on monday"))
    assert nd.word_shingles(texts.NON_ENGLISH).size == len(texts.NON_ENGLISH.split()) - 4
    assert nd.word_shingles("a b c d e a b c d e").size == 5  # a set: the repeated shingle counts once


def test_all_pairs_matches_pairwise_jaccard():
    documents, _ = _constructed_corpus()
    shingles = {doc_id: nd.word_shingles(text) for doc_id, text in documents[:25]}
    exact = nd.all_pairs_jaccard(shingles, threshold=0.0)
    by_pair = {(a, b): j for a, b, j in exact.itertuples(index=False)}
    ids = sorted(shingles)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            expected = nd.jaccard(shingles[a], shingles[b])
            assert by_pair.get((a, b), 0.0) == pytest.approx(expected)


def test_precision_recall():
    found = pd.DataFrame({"doc_a": ["a", "a"], "doc_b": ["b", "c"]})
    truth = pd.DataFrame({"doc_a": ["a", "b"], "doc_b": ["b", "c"]})
    scores = nd.pair_precision_recall(found, truth)
    assert (scores["precision"], scores["recall"], scores["true_positives"]) == (0.5, 0.5, 1)


def test_decoding_falls_back_with_a_record():
    text, encoding = nd.decode_with_fallback("transfer fee of £15.8m".encode("latin-1"), "x.txt")
    assert text == "transfer fee of £15.8m"
    assert encoding == "latin-1 (fallback: not UTF-8 at byte 16)"
    assert nd.decode_with_fallback("£15.8m".encode("utf-8"), "x.txt")[1] == "utf-8"
    with pytest.raises(CorpusError, match="x.bin.*binary"):
        nd.decode_with_fallback(b"abc\x00def", "x.bin")


def test_read_text_folder_warns_about_fallback(tmp_path):
    (tmp_path / "sport").mkdir()
    (tmp_path / "sport" / "1.txt").write_bytes("Fee of £15.8m".encode("latin-1"))
    (tmp_path / "sport" / "2.txt").write_text("Fee of £15.8m", encoding="utf-8")
    with pytest.warns(UserWarning, match="sport/1"):
        table = nd.read_text_folder(tmp_path)
    assert list(table["doc_id"]) == ["sport/1", "sport/2"]
    assert table["text"].nunique() == 1
    assert table.set_index("doc_id").at["sport/1", "encoding"].startswith("latin-1 (fallback")
    # Same text, different bytes: not byte-identical, but a duplicate by shingles.
    assert nd.identical_pairs(table).empty
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert len(nd.find_near_duplicates(zip(table["doc_id"], table["text"]))) == 1


@pytest.mark.slow  # runs in make test-all and CI
def test_bbc_duplicates(bbc_dir):
    with pytest.warns(UserWarning, match="sport/199"):
        bbc = nd.read_text_folder(bbc_dir)
    assert len(bbc) == 2225
    # The data's README: sport/199.txt is Latin-1 (a pound sign at byte 257).
    assert bbc.set_index("doc_id").at["sport/199", "encoding"] == "latin-1 (fallback: not UTF-8 at byte 257)"
    identical = nd.identical_pairs(bbc)
    assert len(identical) == 98  # the README's "about 98" byte-identical copies (checked with sha256sum | uniq -d)
    shingles: dict = {}
    found = nd.find_near_duplicates(zip(bbc["doc_id"], bbc["text"]), threshold=0.8, shingles_out=shingles)
    truth = nd.all_pairs_jaccard(shingles, 0.8)
    assert nd.pair_precision_recall(found, identical)["recall"] == 1.0
    scores = nd.pair_precision_recall(found, truth)
    assert scores["precision"] == 1.0 and scores["recall"] >= 0.98


def test_proposals_far_below_the_threshold_are_not_scored_and_nothing_is_lost():
    # Articles that share one paragraph of four are proposed by LSH at a low band threshold (Jaccard about 0.15),
    # edited copies are true near-duplicates; skipping the first must not lose any of the second.
    rng = random.Random(515)
    paragraphs = [" ".join(rng.choice(_VOCABULARY) + str(rng.randrange(50)) for _ in range(60)) for _ in range(40)]
    documents = [(f"doc{i:02d}", "\n\n".join(rng.sample(paragraphs, 4))) for i in range(40)]
    for number, (doc_id, text) in enumerate(documents[:8]):
        words = text.split()
        words[rng.randrange(len(words))] = "edited"
        documents.append((f"copy{number}", " ".join(words)))
    shingles: dict[str, np.ndarray] = {}
    found = nd.find_near_duplicates(documents, threshold=0.5, candidate_threshold=0.1, shingles_out=shingles)
    assert found.attrs["n_scored"] < found.attrs["n_candidates"]
    truth = nd.all_pairs_jaccard(shingles, 0.5)
    assert set(zip(found["doc_a"], found["doc_b"])) == set(zip(truth["doc_a"], truth["doc_b"]))
    assert len(truth) >= 8


def test_estimates_are_datasketchs_jaccard():
    documents, _ = _constructed_corpus()
    sketches = list(nd.sketch_documents(documents[:20]))
    row_of = {sketch.doc_id: number for number, sketch in enumerate(sketches)}
    pairs = [(a.doc_id, b.doc_id) for a in sketches[:10] for b in sketches[10:]]
    values = nd.estimated_jaccards(pairs, row_of, np.vstack([sketch.minhash.hashvalues for sketch in sketches]))
    by_id = {sketch.doc_id: sketch.minhash for sketch in sketches}
    assert values.tolist() == [float(by_id[a].jaccard(by_id[b])) for a, b in pairs]
