"""The corpus layer: read articles losslessly, verify them, and segment them.

Start here in a notebook::

    from analysis.corpus import loading
    docs = loading.load_corpus()         # one row per article
    segs = loading.segment_corpus(docs)  # one row per segment, raw-text offsets

Articles are read as bytes and decoded as strict UTF-8 with no newline
translation, so ``raw`` is the file's text exactly and ``raw[start:end]`` is the
evidence for every span the project reports.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis import config
from analysis.errors import CorpusError, LeftOutFiles, ManifestError
from analysis.corpus import segments as segmenter
from analysis.corpus.segments import SEGMENT_COLUMNS, corpus_line_counts

MANIFEST_COLUMNS = ["file", "sha256", "url", "outlet", "author", "published", "retrieved", "note"]
CORPUS_COLUMNS = [
    "doc_id", "file", "path", "sha256", "n_bytes", "raw", "body",
    "n_chars", "n_body_chars", "n_furniture_chars", "n_segments", "extracted", "site",
]
#: The manifest note ``add`` writes for a saved page's extracted text.
EXTRACTED_NOTE = "text extracted offline by"
SEGMENT_TABLE_COLUMNS = ["doc_id"] + SEGMENT_COLUMNS + ["text"]
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: The byline ``add`` writes at the top of a saved page's text: ``By <author> | <site name or host>``.
_ADDED_BYLINE = re.compile(r"^By [^|\n]{1,200}\|\s*(?P<site>[^|\n]{1,100}?)\s*$", re.MULTILINE)
#: ``add`` writes its title, byline and date lines first: the byline is looked for among this many lines.
_ADDED_HEADER_LINES = 3


def url_site(url: str) -> str:
    """The site of a page address: its host, lower-case, without a leading ``www.`` (``""`` when none)."""
    host = urlsplit(url.strip()).netloc.lower().split("@")[-1].split(":")[0]
    return host.removeprefix("www.")


def article_site(url: str = "", raw: str = "", extracted: bool = False) -> str:
    """Which site an article comes from, so that lines it shares with other pages of that site can be told apart.

    The host of its URL (the manifest's ``url`` column) when there is one; for a
    text ``add`` extracted from a saved page (``extracted``), else the site name
    in the ``By <author> | <site>`` line ``add`` writes at its top (case-folded);
    otherwise ``""``: unknown, shared with no other article.
    """
    site = url_site(url) if url else ""
    if site or not extracted:
        return site
    header = "\n".join(line for line in raw.splitlines() if line.strip())
    header = "\n".join(header.splitlines()[:_ADDED_HEADER_LINES])
    match = _ADDED_BYLINE.search(header)
    if not match:
        return ""
    named = match.group("site").strip()
    return (url_site(named) if re.match(r"https?://", named) else named.removeprefix("www.")).casefold()


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def decode_article(data: bytes, path: Path | str) -> str:
    """Decode an article's bytes, refusing anything that is not a usable text file.

    Raises
    ------
    CorpusError
        Empty, over :data:`analysis.config.MAX_ARTICLE_BYTES`, binary (NUL bytes),
        not UTF-8 (with the offset of the first bad byte), or only whitespace.
    """
    if not data:
        raise CorpusError(path, "the file is empty")
    if len(data) > config.MAX_ARTICLE_BYTES:
        raise CorpusError(
            path,
            f"the file is {len(data):,} bytes; articles are limited to "
            f"{config.MAX_ARTICLE_BYTES:,} bytes (analysis.config.MAX_ARTICLE_BYTES)",
        )
    if b"\x00" in data:
        raise CorpusError(path, "this is a binary file (it contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CorpusError(
            path,
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "re-save it as UTF-8",
        ) from None
    if not text.strip():
        raise CorpusError(path, "the file has no text (only whitespace)")
    return text


def read_article_bytes(path: Path | str) -> bytes:
    """The bytes of one article file, refusing a missing, non-regular or oversized file
    before reading it into memory."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(path, "no such file")
    if not path.is_file():
        raise CorpusError(path, "not a regular file")
    size = path.stat().st_size
    if size > config.MAX_ARTICLE_BYTES:
        raise CorpusError(
            path,
            f"the file is {size:,} bytes; articles are limited to "
            f"{config.MAX_ARTICLE_BYTES:,} bytes (analysis.config.MAX_ARTICLE_BYTES)",
        )
    return path.read_bytes()


def read_article(path: Path | str) -> str:
    """Read one article as its exact text; see :func:`decode_article` for the checks."""
    return decode_article(read_article_bytes(path), path)


def _read_manifest_bytes(path: Path) -> bytes:
    """The manifest's bytes, refusing a folder, a device or a file past :data:`analysis.config.MAX_MANIFEST_BYTES`
    before reading more than that (a manifest linked to ``/dev/zero`` would fill the memory)."""
    if path.is_dir():
        raise ManifestError(path, "is a folder, not a file: the manifest must be a CSV file")
    if not path.is_file():
        raise ManifestError(path, "is not a regular file (a device, a pipe or a broken link): the manifest must be a CSV file")
    with open(path, "rb") as handle:
        data = handle.read(config.MAX_MANIFEST_BYTES + 1)
    if len(data) > config.MAX_MANIFEST_BYTES:
        raise ManifestError(
            path, f"is larger than {config.MAX_MANIFEST_BYTES:,} bytes (analysis.config.MAX_MANIFEST_BYTES): not a manifest"
        )
    return data


def read_manifest(folder: Path | str | None = None) -> pd.DataFrame:
    """Read ``manifest.csv`` of a corpus folder (columns :data:`MANIFEST_COLUMNS`).

    Missing manifest: an empty table, except for ``seeds/``, which must have one.
    Raises :class:`ManifestError` for a malformed file, duplicate or unsafe rows.
    """
    folder = Path(folder) if folder is not None else config.corpus_dir()
    path = folder / config.MANIFEST_NAME
    if not os.path.lexists(path):
        if folder.resolve() == config.SEEDS_DIR.resolve():
            raise ManifestError(path, "seeds/ has no manifest; it must list every seed with its sha256")
        return pd.DataFrame(columns=MANIFEST_COLUMNS, dtype="string")
    data = _read_manifest_bytes(path)
    if b"\r" in data and b"\n" not in data:
        raise ManifestError(path, "has CR-only line endings (old Mac style); re-save it with LF or CRLF line endings")
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
        header = reader.fieldnames or []
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as error:
        raise ManifestError(path, f"cannot be read as a UTF-8 CSV file ({error})") from None
    missing = [column for column in MANIFEST_COLUMNS if column not in header]
    if missing:
        raise ManifestError(path, f"the header lacks column(s) {', '.join(missing)}; expected {','.join(MANIFEST_COLUMNS)}")
    seen: dict[str, int] = {}
    for line_no, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            raise ManifestError(path, f"line {line_no} has a different number of fields than the header")
        name = row["file"]
        if not name or Path(name).name != name or name in {".", ".."} or not name.endswith(".txt"):
            raise ManifestError(path, f"line {line_no}: file {name!r} must be a plain .txt file name inside the folder")
        if not _SHA256.match(row["sha256"]):
            raise ManifestError(path, f"line {line_no}: sha256 {row['sha256']!r} for {name} is not 64 lowercase hex digits")
        if name in seen:
            raise ManifestError(path, f"line {line_no}: {name} is listed twice (first on line {seen[name]})")
        seen[name] = line_no
    return pd.DataFrame(rows, columns=MANIFEST_COLUMNS).astype("string")


def article_paths(folder: Path | str | None = None) -> list[Path]:
    """The ``.txt`` articles of a corpus folder, sorted by name."""
    folder = Path(folder) if folder is not None else config.corpus_dir()
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder does not exist")
    paths = sorted(path for path in folder.iterdir() if path.suffix == ".txt" and not path.name.startswith("."))
    if not paths:
        raise CorpusError(folder, "corpus folder has no .txt articles")
    return paths


LEFT_OUT_COLUMNS = ["file", "problem"]
PAGE_SUFFIXES = (".html", ".htm")


def left_out_files(folder: Path | str | None = None) -> pd.DataFrame:
    """What a corpus folder holds besides its articles and manifest, and why each is not read.

    Articles are the ``*.txt`` files directly in the folder whose name does not
    start with ``.``; the manifest, a ``README`` and a saved page kept beside its
    article (``<doc_id>.html``) are expected. Everything else is listed, so nothing is left out silently.

    Returns
    -------
    pandas.DataFrame
        Columns ``file`` (the name, ``/`` appended for a folder) and ``problem``
        (why it is not read and what to do), in name order.
    """
    folder = Path(folder) if folder is not None else config.corpus_dir()
    entries = sorted(folder.iterdir(), key=lambda path: path.name)
    stems = {path.stem for path in entries if path.suffix == ".txt" and not path.name.startswith(".")}
    rows = []
    for path in entries:
        name, suffix = path.name, path.suffix
        if (name == config.MANIFEST_NAME or name.upper().startswith("README")) and path.is_file():
            continue
        if path.is_dir():
            if name == ".add-in-progress":
                rows.append((name + "/", "an add was interrupted here: run `./workbook add --recover`"))
            elif not name.startswith("."):
                rows.append((name + "/", "a sub-folder: its files are not read (articles sit directly in the corpus folder)"))
        elif name.startswith("."):
            if suffix.lower() == ".txt":
                rows.append((name, "a hidden file (its name starts with '.'): not read; rename it to add it"))
        elif suffix == ".txt":
            continue
        elif suffix.lower() == ".txt":
            rows.append((name, f"the extension is {suffix!r}: only lower-case .txt files are read; rename it to {path.stem}.txt"))
        elif suffix.lower() in PAGE_SUFFIXES and path.stem in stems:
            continue
        elif suffix.lower() in PAGE_SUFFIXES:
            rows.append((name, "a saved page with no article beside it: add it with `./workbook add`"))
        else:
            rows.append((name, "not a .txt article: not read"))
    return pd.DataFrame(rows, columns=LEFT_OUT_COLUMNS)


def _warn_left_out(folder: Path) -> None:
    left_out = left_out_files(folder)
    if len(left_out):
        shown = "; ".join(f"{row.file}: {row.problem}" for row in left_out.head(10).itertuples(index=False))
        more = f"; and {len(left_out) - 10:,} more" if len(left_out) > 10 else ""
        warnings.warn(f"{folder}: {len(left_out):,} entr{'y' if len(left_out) == 1 else 'ies'} not read as articles: {shown}{more}",
                      LeftOutFiles, stacklevel=3)


def load_corpus(folder: Path | str | None = None) -> pd.DataFrame:
    """Load, verify and segment every article of a corpus folder.

    Parameters
    ----------
    folder : path, optional
        Folder of ``.txt`` articles; defaults to :func:`analysis.config.corpus_dir`
        (``seeds/`` unless ``WORKBOOK_CORPUS`` is set).

    Returns
    -------
    pandas.DataFrame
        One row per article, sorted by ``doc_id``, with columns ``doc_id`` (file
        stem), ``file``, ``path``, ``sha256``, ``n_bytes``, ``raw`` (exact text),
        ``body`` (body segments joined by blank lines, for quick reading only: its
        offsets are not raw offsets), ``n_chars``, ``n_body_chars``,
        ``n_furniture_chars``, ``n_segments``, ``extracted`` (True when the
        manifest says ``add`` extracted the text from a saved page), ``site``
        (:func:`article_site`: the host of the manifest's ``url``, else for an
        extracted page the site its ``By … | site`` line names; ``""`` when
        unknown). Segments use the corpus evidence: lines other articles of the
        folder print too (a prose paragraph only when they are of the same site).

    Raises
    ------
    CorpusError
        A bad article (see :func:`decode_article`), two files with identical
        content, or — where the folder has a manifest — a file missing from it, a
        listed file that is absent, or a checksum that differs from the manifest.

    Warns
    -----
    LeftOutFiles
        Entries of the folder that are not read (:func:`left_out_files`): a
        ``.TXT`` or hidden ``.txt``, a sub-folder, any other file.
    """
    folder = Path(folder) if folder is not None else config.corpus_dir()
    manifest = read_manifest(folder)
    recorded = dict(zip(manifest["file"], manifest["sha256"]))
    paths = article_paths(folder)
    _warn_left_out(folder)
    names = {path.name for path in paths}
    manifest_path = folder / config.MANIFEST_NAME
    for name in recorded:
        if name not in names:
            raise ManifestError(manifest_path, f"lists {name}, which is not in {folder}")

    notes = dict(zip(manifest["file"], manifest["note"])) if "note" in manifest else {}
    urls = dict(zip(manifest["file"], manifest["url"]))
    read = []
    for path in paths:
        data = read_article_bytes(path)
        raw = decode_article(data, path)
        extracted = EXTRACTED_NOTE in str(notes.get(path.name, "") or "")
        site = article_site(str(urls.get(path.name, "") or ""), raw, extracted)
        read.append((path, data, raw, extracted, site))
    counts = corpus_line_counts({path.stem: raw for path, _, raw, _, _ in read},
                                {path.stem: site for path, _, _, _, site in read})
    rows = []
    first_with_hash: dict[str, Path] = {}
    for path, data, raw, extracted, site in read:
        digest = sha256_bytes(data)
        if manifest_path.exists():
            if path.name not in recorded:
                raise ManifestError(path, f"is not listed in {manifest_path}; add articles with `./workbook add`")
            if recorded[path.name] != digest:
                raise ManifestError(
                    path,
                    f"its sha256 is {digest} but {manifest_path.name} records {recorded[path.name]}: "
                    "the seed changed without its manifest entry changing (seeds are read-only; restore it)",
                )
        if digest in first_with_hash:
            raise CorpusError(path, f"is an exact duplicate of {first_with_hash[digest].name}")
        first_with_hash[digest] = path
        extracted = EXTRACTED_NOTE in str(notes.get(path.name, "") or "")
        rows_of_page = page_segments(raw, counts[path.stem], extracted)
        body_spans = [(start, end) for _, start, end, kind, _, _ in rows_of_page if kind == "body"]
        body = "\n\n".join(raw[start:end].strip() for start, end in body_spans)
        n_body_chars = sum(end - start for start, end in body_spans)
        n_furniture_chars = sum(end - start for _, start, end, kind, _, _ in rows_of_page if kind != "body")
        rows.append(
            {
                "doc_id": path.stem,
                "file": path.name,
                "path": str(path),
                "sha256": digest,
                "n_bytes": len(data),
                "raw": raw,
                "body": body,
                "n_chars": len(raw),
                "n_body_chars": n_body_chars,
                "n_furniture_chars": n_furniture_chars,
                "n_segments": len(rows_of_page),
                "extracted": extracted,
                "site": site,
            }
        )
    return pd.DataFrame(rows, columns=CORPUS_COLUMNS)


def segment_corpus(docs: pd.DataFrame) -> pd.DataFrame:
    """Segments of every article in ``docs`` (the frame from :func:`load_corpus`).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, seq, start, end, kind, label, reason, text`` where
        ``text == raw[start:end]`` exactly (trailing blank lines included).
    """
    counts = corpus_line_counts(dict(zip(docs["doc_id"], docs["raw"])),
                                dict(zip(docs["doc_id"], docs["site"])) if "site" in docs else None)
    extracted = docs["extracted"] if "extracted" in docs else pd.Series(False, index=docs.index)
    # One frame for the corpus: a small DataFrame per article costs more than segmenting it.
    columns: dict[str, list] = {name: [] for name in SEGMENT_TABLE_COLUMNS}
    for doc_id, raw, from_page in zip(docs["doc_id"], docs["raw"], extracted):
        rows = page_segments(raw, counts[doc_id], bool(from_page))
        columns["doc_id"] += [doc_id] * len(rows)
        for name, values in zip(SEGMENT_COLUMNS, zip(*rows)):
            columns[name] += values
        columns["text"] += [raw[start:end] for _, start, end, *_ in rows]
    if not columns["doc_id"]:
        return pd.DataFrame(columns=SEGMENT_TABLE_COLUMNS)
    return pd.DataFrame(columns, columns=SEGMENT_TABLE_COLUMNS)


def page_segments(raw: str, corpus_counts: tuple[int, ...] | None = None,
                  extracted: bool = False) -> tuple[tuple[int, int, int, str, str, str], ...]:
    """The rows of :func:`analysis.corpus.segments.segment_text` as tuples, without a DataFrame.

    Each row is ``(seq, start, end, kind, label, reason)``; arguments as
    ``segment_text``, whose per-page cache this shares (a page segmented by
    :func:`load_corpus` is not segmented again by :func:`segment_corpus`).
    """
    return segmenter._segment_rows(raw, corpus_counts, extracted)


def body_segments(docs: pd.DataFrame) -> pd.DataFrame:
    """Only the body segments of :func:`segment_corpus` (same columns)."""
    segments = segment_corpus(docs)
    return segments[segments["kind"].eq("body")].reset_index(drop=True)
