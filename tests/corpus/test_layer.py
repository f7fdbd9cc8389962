"""analysis.corpus.layer: one object per corpus, each part computed once and equal to the functions it wraps."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import layer, loading, sentences
from analysis.errors import CorpusError


@pytest.fixture(scope="module")
def seeds():
    return layer.open_corpus(config.SEEDS_DIR)


def test_parts_equal_the_corpus_functions(seeds, seed_docs):
    pd.testing.assert_frame_equal(seeds.docs, seed_docs)
    pd.testing.assert_frame_equal(seeds.segments, loading.segment_corpus(seed_docs))
    pd.testing.assert_frame_equal(seeds.body, loading.body_segments(seed_docs))
    pd.testing.assert_frame_equal(seeds.sentences, sentences.body_sentences(seed_docs))
    assert seeds.raw_by_doc == dict(zip(seed_docs["doc_id"], seed_docs["raw"]))
    assert list(seeds.manifest["file"]) == list(seed_docs["file"])
    assert len(seeds) == 5


def test_parts_are_computed_once_on_first_use(tmp_path):
    (tmp_path / "a.txt").write_text("A title\n\nOne sentence here. Another one.\n", encoding="utf-8")
    corpus = layer.open_corpus(tmp_path)
    assert "segments" not in corpus.__dict__  # nothing computed before it is asked for
    assert corpus.sentences is corpus.sentences and "segments" in corpus.__dict__
    assert list(corpus.sentences["text"]) == ["A title", "One sentence here.", "Another one."]


def test_titles_are_each_articles_title_line_in_corpus_order(tmp_path):
    (tmp_path / "b.txt").write_text("Ferries return to the Caspian  \n\nThe first boat left at dawn.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ports reopen\n\nThe harbour master said so.\n", encoding="utf-8")
    titles = layer.open_corpus(tmp_path).titles
    assert list(titles.items()) == [("a", "Ports reopen"), ("b", "Ferries return to the Caspian")]


def test_a_bad_folder_is_refused_by_name(tmp_path):
    with pytest.raises(CorpusError, match="no .txt articles"):
        layer.open_corpus(tmp_path)


def test_a_build_reads_segments_and_sentences_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Ports reopen\n\nThe harbour master said so. Boats left.\n", encoding="utf-8")
    first = layer.open_corpus(folder, cache=True)
    assert len(list((tmp_path / "cache").glob("corpus-layer-*.pickle"))) == 1

    def must_not_run(*args, **kwargs):
        raise AssertionError("the corpus was segmented again although its layer was cached")

    monkeypatch.setattr(loading, "segment_corpus", must_not_run)
    monkeypatch.setattr(sentences, "split_sentences", must_not_run)
    second = layer.open_corpus(folder, cache=True)
    pd.testing.assert_frame_equal(second.sentences, first.sentences)
    pd.testing.assert_frame_equal(second.segments, first.segments)
    # An edited article is a new key: computed afresh (and here, refused to run the monkeypatched splitter).
    (folder / "a.txt").write_text("Ports reopen\n\nThe harbour master said otherwise.\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="segmented again"):
        layer.open_corpus(folder, cache=True)


def test_outside_a_build_nothing_is_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBOOK_BUILD", raising=False)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Ports reopen\n\nBoats left.\n", encoding="utf-8")
    assert len(layer.open_corpus(folder).sentences) == 2
    assert not (tmp_path / "cache").exists()
