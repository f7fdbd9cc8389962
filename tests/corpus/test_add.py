"""analysis.corpus.add: adding articles to a temporary copy of the corpus — what is written, what is
refused (every bad input names the file and the problem), and that a failed or interrupted add
leaves the folder byte for byte as it was. The real seeds/ are never touched."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import add, loading, sentences
from analysis.provenance.actors import tag_mentions
from analysis.errors import CorpusError, ManifestError
from tests import texts

SEED_002 = "002_a8b85cc1135acd1c"


def _snapshot(folder):
    """Every entry of a folder (hidden ones included) with its bytes."""
    return {p.name: (p.read_bytes() if p.is_file() else "<dir>") for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module", autouse=True)
def real_seeds_untouched():
    before = _snapshot(config.SEEDS_DIR)
    yield
    assert _snapshot(config.SEEDS_DIR) == before, "a test modified the real seeds/"


@pytest.fixture
def folder(tmp_path):
    """A private copy of seeds/ to add to."""
    target = tmp_path / "corpus"
    shutil.copytree(config.SEEDS_DIR, target)
    return target


def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _run(argv, capsys):
    code = add.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _manifest_rows(folder):
    with open(folder / "manifest.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- adding a .txt


def test_txt_is_copied_byte_for_byte_and_listed_with_its_checksum(folder, tmp_path, capsys):
    source = _write(tmp_path, "ferry.txt", texts.NEW_ARTICLE)
    manifest_before = (folder / "manifest.csv").read_bytes()
    code, out, err = _run(
        [source, "--corpus", folder, "--outlet", "Caspian Courier", "--author", "Leyla Aras",
         "--url", "https://courier.example/ferry", "--published", "2025-03"],
        capsys,
    )
    assert code == 0, err
    sha = loading.sha256_bytes(texts.NEW_ARTICLE.encode("utf-8"))
    doc_id = f"005_{sha[:16]}"  # next number after 004, then the checksum's first 16 hex digits
    assert (folder / f"{doc_id}.txt").read_bytes() == source.read_bytes()
    manifest_after = (folder / "manifest.csv").read_bytes()
    assert manifest_after.startswith(manifest_before)  # earlier rows kept byte for byte
    row = _manifest_rows(folder)[-1]
    assert (row["file"], row["sha256"]) == (f"{doc_id}.txt", sha)
    assert (row["outlet"], row["author"], row["url"], row["published"]) == (
        "Caspian Courier", "Leyla Aras", "https://courier.example/ferry", "2025-03",
    )
    assert "from the command line (basis curated): outlet, author, url, published" in row["note"]
    assert f"Added {doc_id}" in out and sha in out and "1 row appended" in out
    docs = loading.load_corpus(folder)  # the build's own check accepts the result
    assert len(docs) == 6 and doc_id in set(docs["doc_id"])


def test_added_article_flows_through_the_helpers(folder, tmp_path):
    result = add.add_article(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), folder)
    docs = loading.load_corpus(folder)
    mine = docs[docs["doc_id"].eq(result.doc_id)]
    found = sentences.body_sentences(mine)
    assert len(found) == 4  # the title and three one-sentence paragraphs
    raw = mine["raw"].iloc[0]
    assert all(raw[s:e] == t for s, e, t in found[["start", "end", "text"]].itertuples(index=False))
    mentions = tag_mentions(loading.body_segments(mine), dict(zip(mine["doc_id"], mine["raw"])))
    assert {"Baku"} <= set(mentions["alias"])
    assert all(raw[s:e] == a for s, e, a in mentions[["start", "end", "alias"]].itertuples(index=False))


def test_byte_order_mark_is_removed_and_said(folder, tmp_path, capsys):
    source = _write(tmp_path, "bom.txt", codecs.BOM_UTF8 + texts.NEW_ARTICLE.encode("utf-8"))
    code, out, _ = _run([source, "--corpus", folder], capsys)
    assert code == 0 and "byte-order mark removed" in out
    stored = next(folder.glob("005_*.txt")).read_bytes()
    assert stored == texts.NEW_ARTICLE.encode("utf-8")
    assert "byte-order mark removed" in _manifest_rows(folder)[-1]["note"]


def test_dry_run_checks_and_writes_nothing(folder, tmp_path, capsys):
    before = _snapshot(folder)
    code, out, _ = _run([_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder, "--dry-run"], capsys)
    assert code == 0 and out.startswith("Would add 005_")
    assert _snapshot(folder) == before


def test_explicit_id_and_numbering(folder, tmp_path):
    first = add.add_article(_write(tmp_path, "a.txt", texts.NEW_ARTICLE), folder, doc_id="caspian-ferry")
    assert first.text_path == folder / "caspian-ferry.txt"
    second = add.add_article(_write(tmp_path, "b.txt", texts.PLATYPUS + "\n"), folder)
    assert second.doc_id.startswith("005_")  # named ids do not take a number


def test_folder_without_manifest_gets_one_listing_every_article(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "old.txt").write_text("An older article about the harbour, already in the folder.\n", encoding="utf-8")
    result = add.add_article(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), plain)
    assert result.manifest_created
    assert [row["file"] for row in _manifest_rows(plain)] == ["old.txt", result.text_path.name]
    assert len(loading.load_corpus(plain)) == 2


def test_empty_folder_accepts_a_first_article(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = add.add_article(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), empty)
    assert result.doc_id.startswith("000_")
    assert list(loading.load_corpus(empty)["doc_id"]) == [result.doc_id]


# --------------------------------------------------------------------------- adding a saved page


def test_saved_page_keeps_the_html_and_records_stated_and_curated_fields(folder, tmp_path, capsys):
    page = _write(tmp_path, "saved.html", texts.SAVED_PAGE_HTML)
    code, out, err = _run([page, "--corpus", folder, "--outlet", "Coastal Times", "--url", "https://coastal.example/news/ferry-terminal"], capsys)
    assert code == 0, err
    stored = next(folder.glob("005_*.txt"))
    assert stored.with_suffix(".html").read_bytes() == page.read_bytes()
    raw = stored.read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if line]
    # What the page states about itself comes first, as a printed page shows it; then the article.
    assert lines[:4] == [
        "Harbour authority approves ferry terminal",
        "By Jane Okafor | Coastal Times",
        "2020-03-03",
        "The harbour authority on Monday approved plans for a ferry terminal that officials say will double "
        "passenger capacity at the port.",
    ]
    assert "- Phase one: a new pier." in lines and "- Phase two: a waiting hall." in lines
    assert "Home" not in raw and "Subscribe" not in raw and "tracking" not in raw  # navigation, footer, script dropped
    segments = loading.segment_corpus(loading.load_corpus(folder)).query("doc_id == @stored.stem")
    assert list(segments["label"].head(3)) == ["title", "byline", "date_banner"]

    row = _manifest_rows(folder)[-1]
    assert row["outlet"] == "Coastal Times" and row["author"] == "" and row["published"] == ""  # curated only
    assert "basis stated" in row["note"] and "author='Jane Okafor'" in row["note"] and "published='2020-03-03'" in row["note"]
    assert "from the command line (basis curated): outlet, url" in row["note"]
    assert loading.sha256_bytes(page.read_bytes()) in row["note"] and "trafilatura 2.3.1" in row["note"]
    assert "stated (page metadata)" in out and "curated (command line --outlet)" in out


def test_page_author_that_differs_from_the_command_line_is_reported(folder, tmp_path):
    result = add.add_article(_write(tmp_path, "saved.html", texts.SAVED_PAGE_HTML), folder, author="J. Okafor")
    assert any("--author 'J. Okafor' differs from the page's 'Jane Okafor'" in w for w in result.warnings)
    assert set(result.fields.query("field == 'author'")["basis"]) == {"stated", "curated"}


def test_page_date_is_never_guessed_from_a_copyright_line(tmp_path):
    page = texts.SAVED_PAGE_HTML.replace('<meta property="article:published_time" content="2020-03-03T09:00:00Z">', "")
    source = add.read_source(_write(tmp_path, "nodate.html", page))
    assert "published" not in source.page_fields  # the footer says "© 2020": not a publication date
    assert "2020-01-01" not in source.text


def test_page_in_a_declared_charset_is_decoded_and_said(folder, tmp_path, capsys):
    page = texts.SAVED_PAGE_HTML.replace('<meta charset="utf-8">', '<meta charset="windows-1251">').replace(
        "Local fishermen said", "Рыбаки сказали, что"
    )
    source = _write(tmp_path, "cyrillic.html", page.encode("cp1251"))
    code, out, _ = _run([source, "--corpus", folder], capsys)
    assert code == 0 and "decoded from cp1251 (the charset the page declares)" in out
    assert "Рыбаки сказали" in next(folder.glob("005_*.txt")).read_text(encoding="utf-8")
    assert "page decoded from cp1251" in _manifest_rows(folder)[-1]["note"]


# --------------------------------------------------------------------------- bad input

LATIN1 = "Caf\u00e9 society returns to the harbour, the owners said on Monday.\n".encode("latin-1")
CP1252 = "\u201cCaf\u00e9 society\u201d returns to the harbour, the owners said.\n".encode("cp1252")
#: A Russian page saved as cp1251 whose <meta charset> claims ISO-8859-1: decoded as it says, it is mojibake.
LYING_PAGE = (
    '<html><head><meta charset="iso-8859-1"><title>Паром</title></head><body><article>'
    "<p>Паромное сообщение между Баку и Актау возобновилось в понедельник после двухлетнего перерыва, "
    "сообщило управление порта. Первый рейс перевёз сто сорок пассажиров и тридцать два грузовика.</p>"
    "</article></body></html>"
).encode("cp1251")


def _bad_cases(tmp_path, folder):
    """(label, argv, expected message) for every bad input; the file is named in each message."""
    w = lambda name, content: _write(tmp_path, name, content)  # noqa: E731
    seed = (folder / f"{SEED_002}.txt").read_bytes()
    folder_arg = ["--corpus", folder]
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.write(b"word " * (config.MAX_ARTICLE_BYTES // 5 + 1))
    huge_page = tmp_path / "huge.html"
    with open(huge_page, "wb") as handle:
        handle.truncate(add.max_page_bytes() + 1)
    (tmp_path / "a-folder.txt").mkdir()
    symlink = tmp_path / "passwd.txt"
    symlink.symlink_to("/etc/passwd")
    return [
        ("missing file", [tmp_path / "absent.txt"], "absent.txt: no such file"),
        ("a folder", [tmp_path / "a-folder.txt"], "a-folder.txt: not a regular file"),
        ("empty", [w("empty.txt", b"")], "empty.txt: the file is empty"),
        ("whitespace only", [w("blank.txt", texts.WHITESPACE_ONLY)], r"blank.txt: the file has no text \(only whitespace\)"),
        ("binary", [w("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")], r"image.txt: this is a binary file \(it contains NUL bytes\)"),
        ("control characters", [w("controls.txt", "ab\x01\x02\x03\x04 " * 50)], "controls.txt: looks binary: 200 control characters"),
        ("not UTF-8", [w("latin.txt", LATIN1)], r"latin.txt: the file is not valid UTF-8 \(byte 0xe9 at offset 3\).*pass --encoding cp1252"),
        ("UTF-16", [w("wide.txt", texts.NEW_ARTICLE.encode("utf-16"))], "wide.txt: the file is UTF-16 text.*pass --encoding utf-16"),
        ("--encoding on UTF-8", [w("utf8.txt", "Café au lait.\n"), "--encoding", "latin-1"], "utf8.txt: the file is already valid UTF-8; decoding it as latin-1 would garble it"),
        ("--encoding latin-1 on cp1252", [w("smart.txt", CP1252), "--encoding", "latin-1"], r"smart.txt: decoding as iso8859-1 gives control characters \(U\+0093.*try --encoding cp1252"),
        ("unknown --encoding", [w("latin2.txt", LATIN1), "--encoding", "klingon"], "latin2.txt: --encoding 'klingon' is not an encoding Python knows"),
        ("huge", [big], f"huge.txt: the file is {big.stat().st_size:,} bytes; articles are limited to 2,000,000 bytes"),
        ("huge page", [huge_page], r"huge.html: the file is 10,000,001 bytes; saved pages are limited to 10,000,000 bytes \(5 × analysis.config.MAX_ARTICLE_BYTES\)"),
        ("pdf", [w("report.pdf", b"%PDF-1.7")], "report.pdf: add takes a UTF-8 .txt article or a saved .html page, not '.pdf'"),
        ("page named .txt", [w("page.txt", texts.SAVED_PAGE_HTML)], "page.txt: this is an HTML page, not article text: rename it to .html"),
        ("page with no text", [w("empty.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")], "empty.html: trafilatura found no article text"),
        ("page not UTF-8, no charset", [w("old.html", b"<html><body><p>" + LATIN1 + b"</p></body></html>")], r"old.html: the page is not valid UTF-8 \(byte 0xe9 at offset 18\) and declares no other charset"),
        ("exact duplicate", [w("copy.txt", seed)], f"copy.txt: is an exact duplicate of {SEED_002}.txt, already in"),
        ("same text, other line endings", [w("crlf.txt", seed.replace(b"\n", b"\r\n"))], f"crlf.txt: has the same text as {SEED_002}.txt.*apart from whitespace and line endings"),
        ("id escaping with ../", [w("ok1.txt", texts.NEW_ARTICLE), "--id", "../evil"], "the id '../evil' would escape the corpus folder"),
        ("absolute id", [w("ok2.txt", texts.NEW_ARTICLE), "--id", str(tmp_path / "evil")], "would escape the corpus folder"),
        ("id with a separator", [w("ok3.txt", texts.NEW_ARTICLE), "--id", "sub/evil"], "the id 'sub/evil' would escape the corpus folder"),
        ("hidden id", [w("ok4.txt", texts.NEW_ARTICLE), "--id", ".hidden"], "the id '.hidden' is not usable: an id is 1-80 letters"),
        ("id with extension", [w("ok5.txt", texts.NEW_ARTICLE), "--id", "new.txt"], "the id 'new.txt' includes a file extension"),
        ("id taken", [w("ok6.txt", texts.NEW_ARTICLE), "--id", SEED_002], f"{SEED_002}.txt: already exists: choose another --id"),
        ("javascript url", [w("ok7.txt", texts.NEW_ARTICLE), "--url", "javascript:alert(1)"], r"ok7.txt: --url 'javascript:alert\(1\)': only http\(s\) addresses are recorded"),
        ("bad date", [w("ok8.txt", texts.NEW_ARTICLE), "--published", "2024-13"], r"ok8.txt: --published '2024-13' is not a real date"),
        ("bad retrieved", [w("ok9.txt", texts.NEW_ARTICLE), "--retrieved", "March 2024"], "ok9.txt: --retrieved 'March 2024' is not YYYY-MM-DD"),
        ("line break in a field", [w("ok10.txt", texts.NEW_ARTICLE), "--author", "Jane\nOkafor"], "ok10.txt: --author contains a line break or control character"),
        ("source inside the corpus", [folder / "manifest.csv"], "manifest.csv: is inside the corpus folder"),
        ("id with a final newline", [w("ok11.txt", texts.NEW_ARTICLE), "--id", "abc\n"], r"the id 'abc\\n' is not usable"),
        ("--encoding rot13", [w("rot.txt", LATIN1), "--encoding", "rot13"], "rot.txt: --encoding 'rot13' is a transform .* not a text encoding"),
        ("--encoding base64", [w("b64.txt", LATIN1), "--encoding", "base64"], "b64.txt: --encoding 'base64' is a transform"),
        ("--encoding zlib", [w("zlib.txt", LATIN1), "--encoding", "zlib"], "zlib.txt: --encoding 'zlib' is a transform"),
        ("page declaring rot13", [w("rot.html", b'<html><head><meta charset="rot13"></head><body><p>' + LATIN1 + b"</p></body></html>")],
         "rot.html: the charset the page declares 'rot13' is a transform"),
        ("page whose charset lies", [w("lying.html", LYING_PAGE)],
         "lying.html: the page declares charset 'iso-8859-1', but decoded that way .*pass --encoding NAME"),
        ("symbolic link", [symlink], r"passwd.txt: is a symbolic link \(to /etc/passwd\)"),
        ("bidi override in --author", [w("ok12.txt", texts.NEW_ARTICLE), "--author", "Jane \u202eOkafor"],
         r"ok12.txt: --author contains an invisible character \(U\+202E RIGHT-TO-LEFT OVERRIDE at character 5\)"),
        ("zero-width space in --outlet", [w("ok13.txt", texts.NEW_ARTICLE), "--outlet", "Coastal\u200bTimes"],
         r"ok13.txt: --outlet contains an invisible character \(U\+200B ZERO WIDTH SPACE"),
    ], folder_arg


def test_every_bad_input_gets_a_clear_error_and_nothing_is_written(folder, tmp_path, capsys):
    cases, folder_arg = _bad_cases(tmp_path, folder)
    before = _snapshot(folder)
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    failures = []
    for label, argv, expected in cases:
        code, out, err = _run(argv + folder_arg, capsys)
        if code != 2 or not __import__("re").search(expected, err) or "Nothing was written." not in err or out:
            failures.append(f"{label}: rc={code} err={err.strip()!r}")
        assert _snapshot(folder) == before, f"{label}: the corpus folder changed"
    assert failures == []
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before  # nothing escaped into the parent


def test_explicit_encoding_is_converted_recorded_and_reported(folder, tmp_path, capsys):
    source = _write(tmp_path, "smart.txt", CP1252 + b"\nThe new owners plan to reopen the terrace in May, they said.\n")
    code, out, _ = _run([source, "--corpus", folder, "--encoding", "cp1252"], capsys)
    assert code == 0 and "decoded from cp1252 (--encoding) and stored as UTF-8" in out
    stored = next(folder.glob("005_*.txt")).read_text(encoding="utf-8")
    assert stored.startswith("\u201cCaf\u00e9 society\u201d returns")
    note = _manifest_rows(folder)[-1]["note"]
    assert "decoded from cp1252 (--encoding)" in note and loading.sha256_bytes(source.read_bytes()) in note


def test_utf16_with_explicit_encoding_is_accepted(folder, tmp_path):
    result = add.add_article(_write(tmp_path, "wide.txt", texts.NEW_ARTICLE.encode("utf-16")), folder, encoding="utf-16")
    assert result.text_path.read_text(encoding="utf-8") == texts.NEW_ARTICLE


def test_near_duplicate_is_added_with_a_warning_naming_the_twin(folder, tmp_path, capsys):
    seed = (folder / f"{SEED_002}.txt").read_text(encoding="utf-8")
    paragraphs = seed.split("\n")
    edited = "\n".join(paragraphs[:3] + paragraphs[4:]).replace("Khamenei", "Khamenei himself", 1)
    code, out, err = _run([_write(tmp_path, "republished.txt", edited), "--corpus", folder], capsys)
    assert code == 0 and "Added 005_" in out
    assert f"is a near-duplicate of {SEED_002}" in err


def test_find_twins_measures_shared_word_five_grams():
    base = "one two three four five six seven eight nine ten"
    docs = pd.DataFrame(
        {"doc_id": ["a"], "file": ["a.txt"], "sha256": ["0" * 64], "raw": [base + ".\n"], "body": [base + "."]}
    )
    twins = add.find_twins("one two three four five six seven eight nine eleven.\n", docs)
    # 6 five-grams each, 5 shared: Jaccard 5/7, containment 5/6 both ways.
    assert twins.loc[0, "relation"] == "near"
    assert twins.loc[0, "jaccard"] == pytest.approx(5 / 7)
    assert twins.loc[0, "containment_new"] == pytest.approx(5 / 6)
    assert add.find_twins("Completely different words about ferries and harbours today.\n", docs).empty


def test_seed_bodies_are_not_near_duplicates_of_each_other(seed_docs):
    for doc in seed_docs.itertuples():
        others = seed_docs[seed_docs["doc_id"].ne(doc.doc_id)]
        assert add.find_twins(doc.raw, others).empty, doc.doc_id


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda f: (f / "manifest.csv").write_text((f / "manifest.csv").read_text().replace("file,sha256", "name,sha256")), "manifest.csv: the header lacks column"),
        (lambda f: (f / "manifest.csv").write_text((f / "manifest.csv").read_text() + "000_f9577ae45c5847e6.txt," + "a" * 64 + ",,,,,,\n"), "listed twice"),
        (lambda f: (f / "manifest.csv").write_text((f / "manifest.csv").read_text() + "short,row\n"), "has a different number of fields"),
        (lambda f: (f / "manifest.csv").write_text((f / "manifest.csv").read_text().replace("000_f9577ae45c5847e6.txt", "../escape.txt")), "must be a plain .txt file name"),
        (lambda f: (f / "003_f04a42b35340f9e1.txt").unlink(), "lists 003_f04a42b35340f9e1.txt, which is not in"),
        (lambda f: (f / "999_stray.txt").write_text("A stray article nobody listed.\n"), "999_stray.txt: is not listed in"),
        (
            lambda f: (f / f"{SEED_002}.txt").write_bytes((f / f"{SEED_002}.txt").read_bytes().replace(b"40 percent", b"50 percent")),
            f"{SEED_002}.txt: its sha256 is .* the seed changed without its manifest entry changing",
        ),
        (lambda f: ((f / "manifest.csv").unlink(), (f / "manifest.csv").symlink_to("/dev/zero")), "manifest.csv: is not a regular file"),
        (lambda f: ((f / "manifest.csv").unlink(), (f / "manifest.csv").mkdir()), "manifest.csv: is a folder, not a file"),
        (lambda f: (f / "manifest.csv").write_bytes((f / "manifest.csv").read_bytes().replace(b"\n", b"\r")), "manifest.csv: has CR-only line endings"),
    ],
    ids=["header", "duplicate row", "field count", "unsafe file name", "listed file missing", "unlisted file", "changed seed",
         "manifest is /dev/zero", "manifest is a folder", "CR-only manifest"],
)
def test_a_corpus_that_does_not_verify_gets_nothing_added(folder, tmp_path, capsys, damage, expected):
    damage(folder)
    before = _snapshot(folder)
    code, _, err = _run([_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder], capsys)
    assert code == 2 and __import__("re").search(expected, err), err
    assert _snapshot(folder) == before


def test_a_second_add_while_one_is_writing_is_refused(folder, tmp_path):
    with add.corpus_lock(folder):
        with pytest.raises(CorpusError, match="another `python -m analysis add` is writing to this folder"):
            add.add_article(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), folder)


# --------------------------------------------------------------------------- atomic writes


def test_failure_while_replacing_the_manifest_rolls_back(folder, tmp_path, monkeypatch):
    before = _snapshot(folder)
    real_replace = os.replace

    failed = []

    def failing_replace(src, dst):
        if str(dst).endswith("manifest.csv") and ".add-in-progress" not in str(dst) and not failed:
            failed.append(dst)
            raise OSError(5, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(add.os, "replace", failing_replace)
    with pytest.raises(OSError, match="Input/output error"):
        add.add_article(_write(tmp_path, "saved.html", texts.SAVED_PAGE_HTML), folder)
    monkeypatch.setattr(add.os, "replace", real_replace)
    assert _snapshot(folder) == before


def test_a_folder_that_cannot_be_written_gets_a_clear_error(folder, tmp_path, monkeypatch, capsys):
    before = _snapshot(folder)

    def read_only(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(add.Path, "mkdir", read_only)  # as on a read-only folder (root ignores chmod)
    code, out, err = _run([_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder], capsys)
    assert code == 2 and f"error: {folder / '.add-in-progress'}: Permission denied" in err and out == ""
    assert _snapshot(folder) == before


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, add._Terminated])
def test_interruption_after_the_files_moved_rolls_back(folder, tmp_path, monkeypatch, interruption):
    before = _snapshot(folder)
    real_load = add.load_corpus
    calls = []

    def interrupted_verify(where):
        calls.append(where)
        if len(calls) == 2:  # the second load is the verification after the files moved in
            raise interruption()
        return real_load(where)

    monkeypatch.setattr(add, "load_corpus", interrupted_verify)
    with pytest.raises(interruption):
        add.add_article(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), folder)
    assert len(calls) == 2
    assert _snapshot(folder) == before


def test_verification_failure_after_writing_rolls_back(folder, tmp_path, monkeypatch):
    before = _snapshot(folder)
    real_load = add.load_corpus
    calls = []

    def verify_fails(where):
        calls.append(where)
        if len(calls) == 2:
            raise ManifestError(where / "manifest.csv", "simulated: the corpus no longer verifies")
        return real_load(where)

    monkeypatch.setattr(add, "load_corpus", verify_fails)
    with pytest.raises(ManifestError, match="simulated"):
        add.add_article(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), folder)
    assert _snapshot(folder) == before


# A child process that runs `add` with a hook: at the moment the manifest is about to be
# replaced ("replace"), or once everything is in place and being verified ("verify").
CHILD = """
import os, sys, time
from analysis.corpus import add
real_replace, real_load, loads = os.replace, add.load_corpus, []
def hooked_replace(src, dst):
    if "{at}" == "replace" and str(dst).endswith("manifest.csv") and ".add-in-progress" not in str(dst):
        {hook}
    return real_replace(src, dst)
def hooked_load(folder):
    loads.append(folder)
    if "{at}" == "verify" and len(loads) == 2:
        {hook}
    return real_load(folder)
add.os.replace, add.load_corpus = hooked_replace, hooked_load
sys.exit(add.main(sys.argv[1:]))
"""


def _child(hook, argv, at="replace"):
    return subprocess.Popen(
        [sys.executable, "-c", CHILD.replace("{hook}", hook).replace("{at}", at), *map(str, argv)],
        cwd=config.PROJ_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_sigterm_during_the_write_rolls_back(folder, tmp_path):
    before = _snapshot(folder)
    marker = tmp_path / "reached"
    child = _child(f"open({str(marker)!r}, 'w').close(); time.sleep(30)", [_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder])
    for _ in range(600):  # the child is mid-write once the marker exists
        if marker.exists() or child.poll() is not None:
            break
        time.sleep(0.05)
    assert marker.exists(), child.communicate()
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130 and "rolled back" in err
    assert _snapshot(folder) == before


def test_kill_9_mid_write_is_rolled_back_by_the_next_add(folder, tmp_path, capsys):
    before = _snapshot(folder)
    child = _child("os._exit(137)", [_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder])
    child.communicate(timeout=120)
    assert child.returncode == 137
    # Killed outright: the new text is in place but the manifest is not; the build refuses the folder.
    assert (folder / ".add-in-progress").is_dir() and len(list(folder.glob("005_*.txt"))) == 1
    with pytest.raises(ManifestError, match="is not listed in"):
        loading.load_corpus(folder)
    code, out, _ = _run(["--recover", "--corpus", folder], capsys)
    assert code == 0 and "removed 005_" in out
    assert _snapshot(folder) == before

    # Killed later, with the new manifest already in place: recovery restores the old one.
    child = _child("os._exit(137)", [tmp_path / "ferry.txt", "--corpus", folder], at="verify")
    child.communicate(timeout=120)
    assert child.returncode == 137 and (folder / "manifest.csv").read_bytes() != before["manifest.csv"]
    code, out, _ = _run([tmp_path / "ferry.txt", "--corpus", folder], capsys)  # a later add cleans up first
    assert code == 0 and out.startswith("Rolled back an earlier add that was interrupted")
    assert "restored manifest.csv" in out.splitlines()[0]
    assert len(loading.load_corpus(folder)) == 6


def _fd_path(fd):
    return os.readlink(f"/proc/self/fd/{fd}")


def test_rollback_keeps_a_file_that_appeared_at_the_new_name(folder, tmp_path, monkeypatch):
    """A file another program writes at the new article's name during the commit is not ours to delete."""
    source = _write(tmp_path, "ferry.txt", texts.NEW_ARTICLE)
    doc_id = add.add_article(source, folder, dry_run=True).doc_id
    intruder = folder / f"{doc_id}.txt"
    real_fsync = os.fsync

    def fsync_then_intrude(fd):
        real_fsync(fd)
        if "journal" in _fd_path(fd) and not intruder.exists():  # the journal is the last thing staged
            intruder.write_bytes(b"Someone else's notes, written at the same moment.\n")

    monkeypatch.setattr(add.os, "fsync", fsync_then_intrude)
    with pytest.raises(CorpusError, match="appeared while the add was running"):
        add.add_article(source, folder)
    assert intruder.read_bytes() == b"Someone else's notes, written at the same moment.\n"
    assert not (folder / ".add-in-progress").exists()


def test_recovery_never_removes_a_seed_a_journal_names(folder, tmp_path, capsys):
    seed = folder / "000_f9577ae45c5847e6.txt"
    before = seed.read_bytes()
    staging = folder / ".add-in-progress"
    staging.mkdir()
    (staging / "journal.json").write_text(json.dumps({"new_files": [seed.name], "manifest_existed": True}))
    code, out, _ = _run(["--recover", "--corpus", folder], capsys)
    assert code == 0 and f"kept {seed.name}: the manifest listed it before" in out
    assert seed.read_bytes() == before and not staging.exists()
    # Even with the seed's own checksum in the journal.
    staging.mkdir()
    (staging / "journal.json").write_text(json.dumps({"new_files": {seed.name: loading.sha256_bytes(before)}, "manifest_existed": True}))
    code, out, _ = _run([_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder], capsys)
    assert code == 0 and seed.read_bytes() == before and len(loading.load_corpus(folder)) == 6


@pytest.mark.parametrize("journal", [b"", b'{"new_fi'], ids=["0 bytes", "cut short"])
def test_an_unreadable_journal_is_treated_as_absent_and_said_so(folder, tmp_path, capsys, journal):
    before = _snapshot(folder)
    staging = folder / ".add-in-progress"
    staging.mkdir()
    (staging / "journal.json").write_bytes(journal)
    (staging / "005_x.txt").write_text("staged, never placed\n")
    code, out, err = _run(["--recover", "--corpus", folder], capsys)
    assert code == 0, err
    assert "stopped while writing its journal" in out and "before it changed the corpus" in out
    assert _snapshot(folder) == before
    staging.mkdir()
    (staging / "journal.json").write_bytes(journal)
    code, out, err = _run([_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder], capsys)
    assert code == 0 and out.startswith("Cleaned up first: an earlier add had stopped while writing its journal"), err


def test_a_full_disk_while_writing_the_journal_leaves_nothing_behind(folder, tmp_path, monkeypatch, capsys):
    """ENOSPC on the journal's write: the next add must not find a 0-byte journal it cannot read."""
    before = _snapshot(folder)
    real_open = open

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def open_on_a_full_disk(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return FullDisk(handle) if "journal" in str(file) and "w" in mode or "journal" in str(file) and "x" in mode else handle

    monkeypatch.setattr(add, "open", open_on_a_full_disk, raising=False)
    code, out, err = _run([_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", folder], capsys)
    monkeypatch.undo()
    assert code == 2 and "No space left on device" in err and "Nothing was added" in err
    assert _snapshot(folder) == before
    code, out, err = _run([tmp_path / "ferry.txt", "--corpus", folder], capsys)
    assert code == 0 and "Added 005_" in out, err


def test_an_error_after_the_commit_point_says_the_article_was_added(folder, tmp_path, monkeypatch, capsys):
    """EIO on the very last fsync: the article is in; the message must not say it was rolled back."""
    source = _write(tmp_path, "ferry.txt", texts.NEW_ARTICLE)
    rehearsal = tmp_path / "rehearsal"
    shutil.copytree(folder, rehearsal)
    real_fsync, calls = os.fsync, []
    monkeypatch.setattr(add.os, "fsync", lambda fd: (calls.append(fd), real_fsync(fd))[1])
    add.add_article(source, rehearsal)
    last = len(calls)
    calls.clear()

    def failing_last(fd):
        calls.append(fd)
        if len(calls) == last:
            raise OSError(5, "Input/output error")
        return real_fsync(fd)

    monkeypatch.setattr(add.os, "fsync", failing_last)
    code, out, err = _run([source, "--corpus", folder], capsys)
    monkeypatch.undo()
    assert "rolled back" not in err and "Nothing was" not in err
    assert code == 0 and "Added 005_" in out and "Input/output error" in err
    assert len(loading.load_corpus(folder)) == 6


def test_kill_after_the_commit_point_is_reported_as_a_completed_add(folder, tmp_path, capsys):
    script = (
        "import os, sys\nfrom analysis.corpus import add\n"
        "add.shutil.rmtree = lambda *a, **k: os._exit(137)\n"
        "sys.exit(add.main(sys.argv[1:]))\n"
    )
    child = subprocess.run([sys.executable, "-c", script, str(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE)), "--corpus", str(folder)],
                           cwd=config.PROJ_ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == 137 and (folder / ".add-in-progress").is_dir()
    assert len(loading.load_corpus(folder)) == 6  # the article is in
    code, out, _ = _run(["--recover", "--corpus", folder], capsys)
    assert code == 0 and "had completed" in out and "005_" in out
    assert "nothing in the corpus had changed" not in out and "Rolled back" not in out
    assert not (folder / ".add-in-progress").exists() and len(loading.load_corpus(folder)) == 6


def test_recover_does_not_claim_a_removal_that_failed(folder, monkeypatch, capsys):
    staging = folder / ".add-in-progress"
    staging.mkdir()
    real_rmtree = shutil.rmtree

    def stuck_rmtree(path, ignore_errors=False, **kwargs):
        if ignore_errors:
            return None
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(add.shutil, "rmtree", stuck_rmtree)
    code, out, err = _run(["--recover", "--corpus", folder], capsys)
    monkeypatch.setattr(add.shutil, "rmtree", real_rmtree)
    assert staging.exists()
    assert "removed" not in out and code == 2 and ".add-in-progress: could not be removed" in err


def test_a_base_href_is_not_stated_as_the_pages_url(folder, tmp_path):
    page = texts.SAVED_PAGE_HTML.replace(
        '<link rel="canonical" href="https://coastal.example/news/ferry-terminal">', '<base href="https://cdn.mirror.example/static/">'
    ).replace('<meta property="og:site_name" content="Coastal Times">', "")
    assert "<base href" in page and "canonical" not in page and "og:url" not in page
    result = add.add_article(_write(tmp_path, "based.html", page), folder)
    stated = dict(zip(result.fields["field"], result.fields["value"]))
    assert "mirror.example" not in stated.get("url", "") and "mirror.example" not in stated.get("site_name", "")


def test_invisible_controls_in_the_text_are_kept_with_a_warning(folder, tmp_path, capsys):
    spoofed = texts.NEW_ARTICLE.replace("140 passengers", "\u202e140 passengers\u202c", 1)
    code, out, err = _run([_write(tmp_path, "spoofed.txt", spoofed), "--corpus", folder], capsys)
    assert code == 0 and "2 invisible formatting character(s) kept as they are" in err and "U+202E RIGHT-TO-LEFT OVERRIDE" in err
    # ZWNJ inside a Persian word is spelling, not spoofing: no warning, and accepted in --author.
    persian = texts.NEW_ARTICLE.replace("Astana", "Astana (می\u200cگوید)", 1).replace("Caspian", "Caspian sea", 1)
    code, out, err = _run([_write(tmp_path, "persian.txt", persian), "--corpus", folder, "--author", "Mohammad\u200creza Ahmadi"], capsys)
    assert code == 0 and "invisible formatting" not in err


# --------------------------------------------------------------------------- the command line


def test_python_m_analysis_dispatches_to_add(folder, tmp_path):
    source = _write(tmp_path, "ferry.txt", texts.NEW_ARTICLE)
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "add", str(source), "--corpus", str(folder), "--outlet", "Caspian Courier"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Added 005_" in done.stdout and "Next: `make report`" in done.stdout
    helped = subprocess.run([sys.executable, "-m", "analysis"], capture_output=True, text=True, timeout=60)
    assert "add " in helped.stdout and "build " in helped.stdout
    wrong = subprocess.run([sys.executable, "-m", "analysis", "ad"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "unknown command 'ad'" in wrong.stderr


def test_missing_path_and_missing_corpus(tmp_path, capsys):
    with pytest.raises(SystemExit):
        add.main([])
    code, _, err = _run([_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), "--corpus", tmp_path / "nowhere"], capsys)
    assert code == 2 and "nowhere: corpus folder does not exist" in err


def test_manifest_row_quotes_commas_and_quotes(folder, tmp_path):
    add.add_article(_write(tmp_path, "ferry.txt", texts.NEW_ARTICLE), folder, outlet='The "Courier", Baku', note="via a reader, by e-mail")
    row = _manifest_rows(folder)[-1]
    assert row["outlet"] == 'The "Courier", Baku' and row["note"].endswith("via a reader, by e-mail")
    assert len(loading.read_manifest(folder)) == 6


def test_new_manifest_bytes_keeps_crlf_and_a_missing_final_newline():
    original = b"file,sha256\r\na.txt," + b"a" * 64
    out = add.new_manifest_bytes(original, ["file", "sha256"], "\r\n", [{"file": "b.txt", "sha256": "b" * 64}])
    assert out == original + b"\r\nb.txt," + b"b" * 64 + b"\r\n"
    assert list(csv.reader(io.StringIO(out.decode())))[-1] == ["b.txt", "b" * 64]


# --------------------------------------------------------------------------- the README's guide


def _readme_cell() -> str:
    """The example cell of the guide to extending the workbook (docs/extending.md, linked from the README)."""
    readme = (config.PROJ_ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Add a cell"):]
    return section[section.index("```python") + len("```python"):section.index("```", section.index("```python") + 3)]


def test_the_readme_cell_runs_on_the_seeds_and_on_an_added_article(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_EXPORTS", str(tmp_path / "exports"))
    cell = _readme_cell()
    seeds_run = {"CORPUS_DIR": config.SEEDS_DIR}
    exec(compile(cell, "docs/extending.md (Add a cell)", "exec"), seeds_run)
    table = pd.read_csv(tmp_path / "exports" / "tables" / "iran_sentences.csv")
    assert list(table.columns) == ["doc_id", "sentences", "naming_iran", "share"]
    # Seed 002 is about Iran's call to boycott Israel; seeds 001 and 004 never name Iran.
    assert seeds_run["top"]["doc_id"] == SEED_002
    assert table.set_index("doc_id").loc[["001_4f3f081fc040d33a", "004_08525f4401574900"], "naming_iran"].tolist() == [0, 0]
    # The same cell picks up an added article with no edit.
    article = "Tehran and Baku resume talks\n\nIran and Azerbaijan resumed talks in Tehran on Monday, officials said.\n"
    added = add.add_article(_write(tmp_path, "talks.txt", article), folder)
    exec(compile(cell, "docs/extending.md (Add a cell)", "exec"), {"CORPUS_DIR": folder})
    table = pd.read_csv(tmp_path / "exports" / "tables" / "iran_sentences.csv").set_index("doc_id")
    assert table.loc[added.doc_id, "sentences"] == 2 and table.loc[added.doc_id, "naming_iran"] == 2  # Tehran, Iran


_DATED = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Coastal Times"},'
          ' {"@type": "NewsArticle", "datePublished": "2020-01-19T22:05:00Z", "dateModified": "2020-01-20T08:00:00Z"}]}</script>'
          '<meta content="2020-01-20T08:00:00Z" property="article:modified_time">')


def test_a_saved_pages_publication_and_update_dates_are_kept_apart(tmp_path):
    page = texts.SAVED_PAGE_HTML.replace('<meta property="article:published_time" content="2020-03-03T09:00:00Z">', _DATED)
    source = add.read_source(_write(tmp_path, "dated.html", page))
    assert (source.page_fields["published"], source.page_fields["updated"]) == ("2020-01-19", "2020-01-20")
    lines = [line for line in source.text.splitlines() if line]
    assert lines[2:4] == ["2020-01-19", "Updated 2020-01-20"]
    folder = tmp_path / "corpus"
    folder.mkdir()
    add.add_article(tmp_path / "dated.html", folder)
    from analysis.provenance import publication

    docs = loading.load_corpus(folder)
    document = publication.document_provenance(docs, publication.provenance_evidence(docs, loading.read_manifest(folder))).iloc[0]
    assert (document["published"], document["published_basis"], document["updated"], document["updated_basis"]) == (
        "2020-01-19", "stated", "2020-01-20", "stated")


@pytest.mark.parametrize("markup, dates", [
    ('<meta property="article:published_time" content="2020-03-03T09:00:00Z">', {"published": "2020-03-03"}),
    ('<meta content="2020-03-05" name="dateModified">', {"modified": "2020-03-05"}),
    ('<time itemprop="datePublished" datetime="2020-03-03T09:00">3 March</time>', {"published": "2020-03-03"}),
    ('<meta property="article:published_time" content="2020-02-30">', {}),  # not a real date
    ('<script type="application/ld+json">{not json</script>', {}),
])
def test_page_dates_from_the_pages_own_markup(markup, dates):
    assert add.page_dates(f"<html><head>{markup}</head><body></body></html>") == dates


def test_only_a_modified_date_is_not_a_publication_date(tmp_path):
    page = texts.SAVED_PAGE_HTML.replace('article:published_time', 'article:modified_time')
    source = add.read_source(_write(tmp_path, "modified.html", page))
    assert "published" not in source.page_fields and source.page_fields["updated"] == "2020-03-03"


@pytest.mark.parametrize("title, site, expected", [
    ("Ferry fares rise | Coastal Times", "Coastal Times", "Ferry fares rise"),
    ("Ferry fares rise - coastal times", "Coastal Times", "Ferry fares rise"),
    ("Coastal Times: Ferry fares rise", "Coastal Times", "Ferry fares rise"),
    ("Coastal Times | Your harbour news: Ferry fares rise", "Coastal Times | Your harbour news", "Ferry fares rise"),
    ("Coastal Times", "Coastal Times", "Coastal Times"),  # never the whole title
    ("Times change at the harbour", "Times", "Times change at the harbour"),  # no separator: part of the headline
    ("Ferry fares rise | Harbour Post", "Coastal Times", "Ferry fares rise | Harbour Post"),  # another name stays
])
def test_the_stored_title_leaves_out_the_site_name_the_page_title_adds(title, site, expected):
    from analysis.corpus.add import title_without_site

    assert title_without_site(title, site) == expected


@pytest.mark.parametrize("author, expected", [
    ("Ana Ruiz", "Ana Ruiz"),
    ("By Ana Ruiz", "Ana Ruiz"),
    ("Analysis by Ana Ruiz", "Ana Ruiz"),
    ("OPINION BY Ana Ruiz", "Ana Ruiz"),
    ("Written by Ana Ruiz", "Ana Ruiz"),
    ("Byron Lee", "Byron Lee"),  # a name that starts with the letters of "by"
    ("Story Musgrave", "Story Musgrave"),  # a credit word without "by" is a name
])
def test_the_stored_author_leaves_out_the_credit_words_a_page_prints_before_the_name(author, expected):
    from analysis.corpus.add import author_without_label

    assert author_without_label(author) == expected


def test_a_page_whose_author_field_repeats_its_printed_credit_gets_one_by(tmp_path):
    page = texts.SAVED_PAGE_HTML.replace("<head>", '<head><meta name="author" content="Analysis by Ana Ruiz">', 1)
    source = add.read_source(_write(tmp_path, "analysis.html", page))
    assert "By Ana Ruiz" in source.text and "By Analysis by" not in source.text
