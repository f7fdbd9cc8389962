"""analysis.corpus.loading: lossless loading, manifest verification, clear errors for bad input."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import loading
from analysis.errors import CorpusError, LeftOutFiles, ManifestError


def _copy_seeds(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(config.SEEDS_DIR, folder)
    return folder


def test_seeds_load_with_manifest_checksums(seed_docs):
    assert list(seed_docs["doc_id"]) == [p.stem for p in sorted(config.SEEDS_DIR.glob("*.txt"))]
    manifest = loading.read_manifest(config.SEEDS_DIR)
    assert dict(zip(manifest["file"], manifest["sha256"])) == dict(zip(seed_docs["file"], seed_docs["sha256"]))
    for doc in seed_docs.itertuples():
        assert doc.raw.encode("utf-8") == open(doc.path, "rb").read()
        assert doc.n_body_chars + doc.n_furniture_chars == doc.n_chars


def test_seeds_are_the_shared_seeds_byte_for_byte():
    shared = config.PROJ_ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds not present")
    for path in sorted(shared.glob("*.txt")):
        assert (config.SEEDS_DIR / path.name).read_bytes() == path.read_bytes()


def test_changed_seed_is_refused_naming_the_file(tmp_path):
    folder = _copy_seeds(tmp_path)
    target = folder / "002_a8b85cc1135acd1c.txt"
    target.write_bytes(target.read_bytes().replace(b"40 percent", b"50 percent"))
    with pytest.raises(ManifestError, match="002_a8b85cc1135acd1c.txt.*the seed changed without its manifest entry"):
        loading.load_corpus(folder)


def test_unlisted_and_missing_files_are_refused(tmp_path):
    folder = _copy_seeds(tmp_path)
    (folder / "999_new.txt").write_text("A new article.\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="999_new.txt.*not listed"):
        loading.load_corpus(folder)
    (folder / "999_new.txt").unlink()
    (folder / "000_f9577ae45c5847e6.txt").unlink()
    with pytest.raises(ManifestError, match="lists 000_f9577ae45c5847e6.txt, which is not in"):
        loading.load_corpus(folder)


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda text: text.replace("file,sha256", "name,sha256"), "lacks column"),
        (lambda text: text + text.splitlines()[1] + "\n", "listed twice"),
        (lambda text: text.replace("0004fc8f", "zz04fc8f"), "not 64 lowercase hex"),
        (lambda text: text.replace("000_f9577ae45c5847e6.txt", "../escape.txt"), "plain .txt file name"),
    ],
)
def test_malformed_manifest_is_refused(tmp_path, edit, message):
    folder = _copy_seeds(tmp_path)
    manifest = folder / "manifest.csv"
    manifest.write_text(edit(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        loading.load_corpus(folder)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"   \n\n ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Caf\u00e9 society".encode("latin-1"), r"not valid UTF-8 \(byte 0xe9 at offset 3\)"),
    ],
)
def test_bad_articles_get_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=message) as caught:
        loading.read_article(path)
    assert str(path) in str(caught.value)


def test_missing_and_enormous_files(tmp_path, monkeypatch):
    with pytest.raises(CorpusError, match="no such file"):
        loading.read_article(tmp_path / "absent.txt")
    monkeypatch.setattr(config, "MAX_ARTICLE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(CorpusError, match="500 bytes; articles are limited to 100 bytes"):
        loading.read_article(big)


def test_exact_duplicate_article_is_refused(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.txt").write_text("Same text.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Same text.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="b.txt: is an exact duplicate of a.txt"):
        loading.load_corpus(folder)


def test_folder_without_manifest_loads_and_keeps_crlf(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "x.txt").write_bytes(b"Title\r\n\r\nA paragraph.\r\n")
    docs = loading.load_corpus(folder)
    assert docs.loc[0, "raw"] == "Title\r\n\r\nA paragraph.\r\n"
    assert docs.loc[0, "n_chars"] == len("Title") + 2 + 2 + len("A paragraph.") + 2


def test_loading_never_modifies_the_seeds(seed_docs):
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in config.SEEDS_DIR.iterdir()}
    loading.segment_corpus(loading.load_corpus(config.SEEDS_DIR))
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in config.SEEDS_DIR.iterdir()}
    assert before == after


def _replace_manifest(folder, how):
    manifest = folder / "manifest.csv"
    data = manifest.read_bytes()
    manifest.unlink()
    if how == "dev/zero":
        manifest.symlink_to("/dev/zero")
    elif how == "folder":
        manifest.mkdir()
    elif how == "cr only":
        manifest.write_bytes(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))


@pytest.mark.parametrize(
    "how, message",
    [
        ("dev/zero", "manifest.csv: is not a regular file"),
        ("folder", "manifest.csv: is a folder, not a file"),
        ("cr only", r"manifest.csv: has CR-only line endings"),
    ],
)
def test_a_manifest_that_is_not_a_csv_file_gets_a_clear_error(tmp_path, how, message):
    """A manifest linked to /dev/zero grew load_corpus to 22 GB; a folder or CR-only endings gave no clear error."""
    folder = _copy_seeds(tmp_path)
    _replace_manifest(folder, how)
    with pytest.raises(ManifestError, match=message):
        loading.load_corpus(folder)


def test_a_manifest_past_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    folder = _copy_seeds(tmp_path)
    monkeypatch.setattr(config, "MAX_MANIFEST_BYTES", 1000)
    with pytest.raises(ManifestError, match="manifest.csv: is larger than 1,000 bytes"):
        loading.load_corpus(folder)


def test_files_the_build_does_not_read_are_named_with_the_reason(tmp_path):
    folder = _copy_seeds(tmp_path)
    (folder / "A.TXT").write_text("An article with an upper-case extension.\n")
    (folder / ".hidden.txt").write_text("A hidden article.\n")
    (folder / "more").mkdir()
    (folder / "more" / "b.txt").write_text("An article in a sub-folder.\n")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.7")
    with pytest.warns(LeftOutFiles, match="4 entries not read as articles") as caught:
        docs = loading.load_corpus(folder)
    assert len(docs) == 5
    left_out = loading.left_out_files(folder)
    assert list(left_out["file"]) == [".hidden.txt", "A.TXT", "more/", "notes.pdf"]
    reasons = dict(zip(left_out["file"], left_out["problem"]))
    assert "only lower-case .txt files are read; rename it to A.txt" in reasons["A.TXT"]
    assert "hidden file" in reasons[".hidden.txt"] and "sub-folder" in reasons["more/"]
    assert "A.TXT" in str(caught[0].message)
    assert loading.left_out_files(config.SEEDS_DIR).empty  # the manifest and README are expected


def test_segment_corpus_equals_segment_text_page_by_page(seed_docs, seed_segments):
    from analysis.corpus.segments import corpus_line_counts, segment_text

    counts = corpus_line_counts(dict(zip(seed_docs["doc_id"], seed_docs["raw"])))
    frames = []
    for doc_id, raw in zip(seed_docs["doc_id"], seed_docs["raw"]):
        frame = segment_text(raw, counts[doc_id])
        frame.insert(0, "doc_id", doc_id)
        frame["text"] = [raw[start:end] for start, end in zip(frame["start"], frame["end"])]
        frames.append(frame)
        assert list(loading.page_segments(raw, counts[doc_id])) == list(segment_text(raw, counts[doc_id]).itertuples(index=False, name=None))
    pd.testing.assert_frame_equal(seed_segments, pd.concat(frames, ignore_index=True)[loading.SEGMENT_TABLE_COLUMNS])


@pytest.mark.parametrize("url, raw, extracted, site", [
    ("https://www.Coastal-Times.example/2020/ferry?id=3", "", False, "coastal-times.example"),
    ("", "Ferry fares rise\n\nBy Jane Okafor | Coastal Times\n\n2020-03-03\n\nBody.\n", True, "coastal times"),
    ("", "Ferry fares rise\n\nBy Staff Writer | https://www.coastal-times.example/news\n\nBody.\n", True, "coastal-times.example"),
    ("", "Ferry fares rise\n\nBy Jane Okafor | Coastal Times\n\nBody.\n", False, ""),  # a pasted text: its byline is the author's
    ("", "Ferry fares rise\n\n2020-03-03\n\nThe board raised fares.\n\nBy Jane Okafor | Coastal Times\n", True, ""),  # not add's header
])
def test_article_site_from_the_url_or_the_byline_add_writes(url, raw, extracted, site):
    assert loading.article_site(url, raw, extracted) == site


def test_load_corpus_reads_each_articles_site_from_the_manifest_url(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = ["file,sha256,url,outlet,author,published,retrieved,note"]
    for name, url in (("a.txt", "https://news.example.org/a"), ("b.txt", "")):
        data = f"Title {name}\n\nA sentence of the article body here.\n".encode()
        (folder / name).write_bytes(data)
        rows.append(f"{name},{loading.sha256_bytes(data)},{url},,,,,")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = loading.load_corpus(folder)
    assert dict(zip(docs["doc_id"], docs["site"])) == {"a": "news.example.org", "b": ""}
