"""analysis.report.limits: every article of a small corpus, a chosen few of a large one, and a sentence that says so."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.corpus import loading
from analysis.report import limits as limits


@pytest.fixture(scope="module")
def bbc300(bbc_dir, tmp_path_factory):
    """300 BBC articles from all five categories, flat, byte-identical copies left out, all UTF-8."""
    folder = tmp_path_factory.mktemp("bbc300")
    paths = sorted(bbc_dir.rglob("*.txt"))
    seen: set[str] = set()
    for path in paths[::7]:  # every 7th file: all five categories, not only "business"
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # one BBC file is Latin-1; the corpus layer rightly refuses it
            text = data.decode("latin-1")
        (folder / f"{path.parent.name}_{path.stem}.txt").write_text(text, encoding="utf-8")
        if len(seen) == 300:
            break
    return loading.load_corpus(folder)


def test_the_seeds_show_all_five_unchanged(seed_docs):
    assert limits.shows_all(len(seed_docs))
    shown = limits.select(seed_docs, len(seed_docs), "n_chars")
    assert shown is seed_docs  # same frame, same order: the seed reports do not change
    assert limits.select_extremes(seed_docs, len(seed_docs), "n_chars") is seed_docs
    assert limits.selection_note(len(shown), len(seed_docs), "articles", "with the most characters", "corpus.csv") == ""


def test_a_300_article_corpus_shows_the_cap_chosen_by_the_measure(bbc300):
    assert len(bbc300) == 300 and not limits.shows_all(300)
    assert bbc300["doc_id"].str.split("_").str[0].nunique() == 5
    shown = limits.select(bbc300, len(bbc300), "n_chars")
    assert len(shown) == limits.MAX_ARTICLES == 20
    assert list(shown["n_chars"]) == sorted(shown["n_chars"], reverse=True)
    left_out = bbc300[~bbc300["doc_id"].isin(shown["doc_id"])]
    assert left_out["n_chars"].max() <= shown["n_chars"].min()
    # The longest BBC article of these 300, found by hand in the folder listing, comes first.
    assert shown["doc_id"].iloc[0] == bbc300.loc[bbc300["n_chars"].idxmax(), "doc_id"]


def test_the_note_names_the_count_and_the_csv(bbc300):
    shown = limits.select(bbc300, len(bbc300), "n_chars")
    note = limits.selection_note(len(shown), len(bbc300), "articles", "with the most characters", "corpus.csv")
    assert note == "Shown: the 20 articles with the most characters, of 300. All 300 are in `tables/corpus.csv`."


def test_extremes_take_both_ends_lowest_first(bbc300):
    shown = limits.select_extremes(bbc300, len(bbc300), "n_chars")
    assert len(shown) == 20
    ordered = bbc300.sort_values("n_chars")["n_chars"]
    assert list(shown["n_chars"].head(10)) == list(ordered.head(10))
    assert list(shown["n_chars"].tail(10)) == list(ordered.tail(10))


def test_ties_are_broken_by_doc_id_so_the_choice_is_reproducible():
    frame = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(50)][::-1], "score": [1.0] * 50})
    shown = limits.select(frame, 50, "score")
    assert list(shown["doc_id"]) == [f"d{i:03d}" for i in range(20)]


def test_missing_values_are_never_chosen_first():
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(30)], "score": [float("nan")] * 10 + list(range(20))})
    assert limits.select(frame, 30, "score")["score"].notna().all()
    extremes = limits.select_extremes(frame, 30, "score")
    assert extremes["score"].notna().all() and len(extremes) == 20


def test_evidence_rows_are_capped_at_max_rows():
    rows = pd.DataFrame({"doc_id": ["a"] * 100, "start": range(100)})
    shown = limits.select(rows, 21, "start", ascending=True, limit=limits.MAX_ROWS, ties=None)
    assert list(shown["start"]) == list(range(limits.MAX_ROWS))


def test_edge_cases():
    empty = pd.DataFrame({"doc_id": pd.Series(dtype="str"), "score": pd.Series(dtype="float")})
    assert limits.select(empty, 0, "score").empty
    assert limits.select(empty, 5000, "score").empty
    assert limits.select_extremes(empty, 5000, "score").empty
    with pytest.raises(ValueError, match="n_articles"):
        limits.shows_all(-1)
    with pytest.raises(KeyError, match="lacks the column"):
        limits.select(empty, 5000, "n_words")
    assert limits.selection_note(0, 0, "articles", "at all", "corpus.csv") == ""
    assert limits.selection_note(3, 4, "rows", "first", None) == "Shown: the 3 rows first, of 4. The others are not exported."
    assert limits.selection_note(1, 1_234_567, "spans", "first", None, where="See rhetoric_spans.csv.").endswith(
        "of 1,234,567. See rhetoric_spans.csv.")
