"""analysis.scale.stages: the notebooks' tables, chunk by chunk — equal to the helpers the notebooks call."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import loading, sentences
from analysis.readability_tone import readability, tone
from analysis.scale import command, stages
from analysis.report import tables
from analysis.errors import CorpusError, LeftOutFiles
from tests import texts


@pytest.fixture(scope="module")
def seed_tables():
    return stages.corpus_tables(config.SEEDS_DIR, chunk_size=2, progress=False)


@pytest.fixture(scope="module")
def notebook_way(seed_docs):
    """The seeds' tables computed the way notebooks 00 and 02 compute them."""
    segments = loading.segment_corpus(seed_docs)
    counted = readability.sentence_counts(sentences.body_sentences(seed_docs))
    scored = tone.sentence_tone(counted)
    summary = tone.tone_summary(scored)
    summary["document_compound"] = tone.document_compound(seed_docs.set_index("doc_id").loc[summary["doc_id"], "body"])
    matches = tone.find_hedges_boosters(counted)
    matches["sentence_id"] = counted.loc[matches["span"], "sentence_id"].to_numpy()
    mentions = tone.actor_mentions(counted, dict(zip(seed_docs["doc_id"], seed_docs["raw"])))
    titles = segments[segments["label"].eq("title")].assign(title=lambda t: t["text"].str.strip()).set_index("doc_id")["title"]
    return {
        "corpus": seed_docs.assign(title=seed_docs["doc_id"].map(titles).fillna("")),
        "segments": segments,
        "readability": readability.readability(counted),
        "sentences": scored[["doc_id", "sentence_id", "start", "end", "text", "compound", "hedges", "boosters"]].assign(
            actors=scored["actors"].str.join("; ")
        ),
        "tone": summary,
        "actor_tone": tone.actor_tone(mentions),
        "hedges_boosters": matches,
        "actor_mentions": mentions,
    }


@pytest.mark.parametrize(
    "name", ["corpus", "segments", "readability", "sentences", "tone", "actor_tone", "hedges_boosters", "actor_mentions"]
)
def test_each_table_equals_the_notebooks_on_the_seeds(seed_tables, notebook_way, name):
    columns = list(stages.TABLE_SPECS[name].columns)
    expected = notebook_way[name][columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(seed_tables[name], expected, check_dtype=False)


def test_rhetoric_spans_equal_detect_devices(seed_tables, seed_docs):
    rhetoric = pytest.importorskip("analysis.rhetoric.detector")
    expected = rhetoric.detect_devices(seed_docs)[list(stages.TABLE_SPECS["rhetoric_spans"].columns)]
    pd.testing.assert_frame_equal(seed_tables["rhetoric_spans"], expected.reset_index(drop=True), check_dtype=False)


def test_spans_are_raw_offsets(seed_tables, seed_raw):
    for name, text_column in (("sentences", "text"), ("hedges_boosters", "text"), ("actor_mentions", "alias")):
        frame = seed_tables[name]
        assert len(frame) > 0
        assert all(seed_raw[d][s:e] == t for d, s, e, t in frame[["doc_id", "start", "end", text_column]].itertuples(index=False)), name


def test_seed_figures_a_person_can_check(seed_tables, seed_docs):
    # Five seeds, every one listed in inputs, read as UTF-8 and verified against the manifest.
    inputs = seed_tables["inputs"]
    assert list(inputs["doc_id"]) == list(seed_docs["doc_id"])
    assert set(inputs["encoding"]) == {"utf-8"} and not inputs["problem"].any() and not inputs["duplicate_of"].any()
    assert len(seed_tables["readability"]) == 5


def test_segment_documents_equals_segment_text_on_bbc(bbc_dir):
    paths = sorted(bbc_dir.glob("tech/*.txt"))[:40]
    documents, _ = stages.read_inputs(paths, bbc_dir)
    docs = pd.DataFrame(documents)
    # Each document alone (no corpus evidence), so chunking cannot change a segment.
    expected = pd.concat([loading.segment_corpus(docs.iloc[[i]]) for i in range(len(docs))], ignore_index=True)
    pd.testing.assert_frame_equal(stages.segment_documents(docs), expected)


def test_split_body_sentences_equals_split_sentences(seed_docs, bbc_dir):
    documents, _ = stages.read_inputs(sorted(bbc_dir.glob("politics/*.txt"))[:30], bbc_dir)
    docs = pd.concat([seed_docs[["doc_id", "raw"]], pd.DataFrame(documents)[["doc_id", "raw"]]], ignore_index=True)
    body = loading.body_segments(docs)
    assert body["label"].eq("table_row").any()  # seed 000's flattened table is split into cells
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    expected = sentences.split_sentences(body, raw_by_doc)
    pd.testing.assert_frame_equal(stages.split_body_sentences(body, raw_by_doc, batch_size=7), expected)


def test_chunk_size_does_not_change_the_tables(tmp_path, seed_raw):
    for doc_id, raw in list(seed_raw.items())[:3]:
        (tmp_path / f"{doc_id}.txt").write_text(raw, encoding="utf-8")
    (tmp_path / "page.txt").write_text(texts.CONSTRUCTED_PAGE, encoding="utf-8", newline="")
    one = stages.corpus_tables(tmp_path, chunk_size=1, progress=False, include_rhetoric=False)
    many = stages.corpus_tables(tmp_path, chunk_size=100, progress=False, include_rhetoric=False)
    assert one.keys() == many.keys()
    for name in one:
        pd.testing.assert_frame_equal(one[name], many[name], check_dtype=False)


def test_streamed_csv_equals_the_tables_and_has_a_column_dictionary(tmp_path, seed_tables):
    out = tmp_path / "tables"
    written = stages.write_corpus_tables(config.SEEDS_DIR, out, chunk_size=2, progress=False)
    assert set(written) == set(seed_tables)
    for name, path in written.items():
        expected = seed_tables[name].to_csv(index=False, lineterminator="\n")
        assert path.read_text(encoding="utf-8") == expected, name
    dictionary = {entry["table"]: entry for entry in tables.column_dictionary(out)}
    for name, frame in seed_tables.items():
        entry = dictionary[f"{name}.csv"]
        assert list(entry["columns"]) == list(frame.columns) and entry["rows"] == len(frame)


def test_bad_files_are_listed_not_dropped_silently(tmp_path):
    (tmp_path / "good.txt").write_text(texts.NEW_ARTICLE, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(texts.NEW_ARTICLE, encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners in Baku said the r\xe9form would help.\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "blank.txt").write_text(texts.WHITESPACE_ONLY, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = stages.corpus_tables(tmp_path, progress=False, include_rhetoric=False)
    inputs = result["inputs"].set_index("doc_id")
    assert inputs.loc["latin", "encoding"] == "latin-1 (fallback: not UTF-8 at byte 3)"
    assert inputs.loc["copy", "duplicate_of"] == "" and inputs.loc["good", "duplicate_of"] == "copy"
    assert "empty" in inputs.loc["empty", "problem"]
    assert "binary" in inputs.loc["binary", "problem"]
    assert "only whitespace" in inputs.loc["blank", "problem"]
    assert list(result["corpus"]["doc_id"]) == ["copy", "good", "latin"]
    assert any("3 file(s)" in str(w.message) for w in caught)
    latin = result["sentences"][result["sentences"]["doc_id"].eq("latin")]
    assert latin["text"].iloc[0].startswith("Café owners")


def test_strict_mode_names_the_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match="empty.txt: the file is empty"):
        stages.corpus_tables(tmp_path, progress=False, errors="raise")


def test_manifest_mismatch_is_a_problem(tmp_path, seed_raw):
    doc_id, raw = next(iter(seed_raw.items()))
    (tmp_path / f"{doc_id}.txt").write_text(raw + "tampered", encoding="utf-8")
    manifest = loading.read_manifest(config.SEEDS_DIR)
    manifest[manifest["file"].eq(f"{doc_id}.txt")].to_csv(tmp_path / "manifest.csv", index=False)
    with pytest.warns(UserWarning, match="left out"):
        result = stages.corpus_tables(tmp_path, progress=False, include_rhetoric=False)
    assert "manifest.csv records" in result["inputs"]["problem"].iloc[0]
    assert result["corpus"].empty and list(result["readability"].columns) == list(stages.TABLE_SPECS["readability"].columns)


def test_edge_texts_do_not_crash():
    documents = [
        {"doc_id": "punctuation", "raw": texts.PUNCTUATION_ONLY},
        {"doc_id": "heading", "raw": texts.HEADING_ONLY},
        {"doc_id": "non-english", "raw": texts.NON_ENGLISH},
        {"doc_id": "huge", "raw": (texts.NEW_ARTICLE + "\n") * 300},  # about 150 KB
    ]
    result = stages.document_tables(documents, include_rhetoric=False)
    assert list(result["corpus"]["doc_id"]) == ["punctuation", "heading", "non-english", "huge"]
    assert result["sentences"]["doc_id"].eq("huge").sum() == 4 * 300
    huge = result["readability"].set_index("doc_id").loc["huge"]
    assert huge["sentences"] == 4 * 300
    assert set(result["readability"]["doc_id"]) >= {"non-english", "huge"}


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="appear twice"):
        stages.document_tables([{"doc_id": "a", "raw": "x y z."}, {"doc_id": "a", "raw": "p q r."}])


def test_recursive_pattern_and_latin1_bbc_file(bbc_dir):
    documents, inputs = stages.read_inputs([bbc_dir / "sport" / "199.txt", bbc_dir / "sport" / "198.txt"], bbc_dir)
    assert [record["doc_id"] for record in inputs] == ["sport/199", "sport/198"]
    assert inputs[0]["encoding"].startswith("latin-1 (fallback")
    assert inputs[1]["encoding"] == "utf-8"


def test_near_duplicates_find_planted_copy_and_exact_duplicates():
    base = texts.NEW_ARTICLE
    edited = base.replace("140 passengers", "141 passengers").replace("several days", "some days")
    documents = [("a", base), ("b", edited), ("c", texts.CONSTRUCTED_PAGE), ("d", texts.CONSTRUCTED_PAGE), ("e", texts.PLATYPUS)]
    pairs = stages.near_duplicate_pairs(documents, threshold=0.5)
    assert set(zip(pairs["doc_a"], pairs["doc_b"])) == {("a", "b"), ("c", "d")}
    assert pairs.set_index(["doc_a", "doc_b"]).loc[("c", "d"), "jaccard"] == 1.0


def test_command_line_writes_tables(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(texts.NEW_ARTICLE, encoding="utf-8")
    assert command.main([str(folder), "--out", str(tmp_path / "out"), "--quiet", "--no-rhetoric"]) == 0
    assert (tmp_path / "out" / "sentences.csv").exists()
    sidecar = json.loads((tmp_path / "out" / "sentences.columns.json").read_text(encoding="utf-8"))
    assert sidecar["rows"] == 4
    assert command.main([str(tmp_path / "missing"), "--quiet"]) == 2
    assert "corpus folder does not exist" in capsys.readouterr().err


def test_command_line_names_each_file_left_out(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(texts.NEW_ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "archive.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    assert command.main([str(folder), "--out", str(tmp_path / "out"), "--quiet", "--no-rhetoric"]) == 0
    err = capsys.readouterr().err
    assert "warning: 2 of 3 file(s) left out" in err
    assert "  empty.txt: the file is empty\n" in err
    assert "  archive.txt: this is a binary file" in err
    assert "UserWarning" not in err and "LeftOutFiles" not in err  # a plain line, not a Python warning
    # The library call still warns, naming the files.
    with pytest.warns(LeftOutFiles, match=r"2 file\(s\) under .* were left out .*archive.txt: this is a binary file"):
        stages.corpus_tables(folder, progress=False, include_rhetoric=False)


def test_the_scale_path_neutralises_formula_cells_too(tmp_path):
    """A sentence that starts with = in an article is a text cell, not a formula, in every streamed CSV."""
    (tmp_path / "formula.txt").write_text(
        "=HYPERLINK(\"http://attacker.example\",\"x\") opens the list of prices.\n\n" + texts.NEW_ARTICLE, encoding="utf-8")
    out = tmp_path / "tables"
    written = stages.write_corpus_tables(tmp_path, out, chunk_size=1, progress=False, include_rhetoric=False)
    for name, path in written.items():
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not any(cell.startswith("=") for cell in line.split(",")), f"{name}: {line[:80]}"
    sentences_csv = tables.read_table(written["sentences"])
    assert sentences_csv["text"].str.startswith("=HYPERLINK").any()  # the raw text comes back
