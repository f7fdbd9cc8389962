"""Add an article to the corpus: ``python -m analysis add PATH``.

::

    python -m analysis add article.txt --outlet "Coastal Times" --url https://example.org/a
    python -m analysis add saved-page.html                 # body text and metadata extracted offline
    python -m analysis add article.txt --dry-run           # check everything, write nothing
    python -m analysis add --recover                       # undo an add that was killed half-way

A ``.txt`` article is copied in byte for byte (UTF-8; a byte-order mark is removed
and said so). A saved ``.html`` page is kept beside the text as ``<doc_id>.html``;
its body text is extracted with trafilatura (offline, from the file), and the
title, author, date and site name the page states in its metadata become the
text's first lines (a title line, a ``By <author> | <site>`` byline and a date
line), so the provenance analysis finds them printed in the text as it does in
the seeds. The manifest row records the checksum; its ``outlet``, ``author``,
``url`` and ``published`` columns hold only what was given on the command line
(basis ``curated``), and its ``note`` says which fields came from the page's
metadata (basis ``stated``) and which from the command line.

Every problem is refused before anything is written, with an error that names the
file and the problem (docs/bad-input.md lists each bad
input and its error; ``tests/corpus/test_add.py`` tries every one). The write itself is atomic: the new files and manifest are staged in
``<corpus>/.add-in-progress/`` and moved into place; a failure, Ctrl-C or SIGTERM
rolls back, and a journal lets the next ``add`` (or ``add --recover``) roll back an
add that was killed outright. ``seeds/`` and its manifest are then exactly as
they were.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import errno
import fcntl
import io
import json
import logging
import os
import re
import shutil
import signal
import sys
import threading
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from analysis import config
from analysis.corpus.loading import (
    CORPUS_COLUMNS,
    MANIFEST_COLUMNS,
    article_site,
    decode_article,
    load_corpus,
    read_article_bytes,
    read_manifest,
    sha256_bytes,
)
from analysis.errors import CorpusError, LeftOutFiles, ManifestError
from analysis.overlap.near_duplicates import jaccard, word_shingles
from analysis.corpus.segments import segment_text

TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = (".html", ".htm")
#: A saved page carries scripts and styles besides the article, so it may be this
#: many times larger than the article limit (:data:`analysis.config.MAX_ARTICLE_BYTES`).
PAGE_SIZE_FACTOR = 5
#: Words per shingle for near-duplicates; the same shingles as analysis.overlap.near_duplicates.
SHINGLE_WORDS = 5
#: Warn when the two bodies share this share of their 5-gram sets (Jaccard) ...
NEAR_DUPLICATE_JACCARD = 0.5
#: ... or when this share of either body's 5-grams appears in the other.
NEAR_DUPLICATE_CONTAINMENT = 0.8
#: Below this many body words a new article is probably a failed extraction (a warning).
MIN_BODY_WORDS = 30
#: A saved page yielding fewer words than this has no article in it (refused).
MIN_PAGE_WORDS = 20
#: A text with more control characters than this share is binary, not an article.
MAX_CONTROL_SHARE = 0.005
MAX_FIELD_CHARS = 300
STAGING_NAME = ".add-in-progress"
JOURNAL_NAME = "journal.json"
COMMITTED_NAME = "committed.json"
TWIN_COLUMNS = ["doc_id", "file", "relation", "jaccard", "containment_new", "containment_twin"]
FIELD_COLUMNS = ["field", "value", "basis", "origin"]

_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")  # fullmatch: "$" would accept a final newline
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_BASE_TAG = re.compile(r"<base\b[^>]*>", re.IGNORECASE)
_PAGE_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


@dataclass(frozen=True)
class Source:
    """An article read from disk and turned into the text to store."""

    path: Path
    kind: str  # "text" (a .txt article) or "page" (a saved .html page)
    data: bytes  # the file's bytes as read
    text: str  # the article text that will be stored, as UTF-8
    decoding: str  # how the bytes became text, said in the output and the note
    page_fields: dict[str, str] = field(default_factory=dict)  # what the page's metadata states
    extractor: str = ""
    warnings: list[str] = field(default_factory=list)  # what reading it noticed, for the person adding


@dataclass
class AddResult:
    """What :func:`add_article` did (or, with ``dry_run``, would do)."""

    doc_id: str
    corpus: Path
    text_path: Path
    page_path: Path | None
    sha256: str
    n_bytes: int
    manifest_row: dict[str, str]
    fields: pd.DataFrame  # FIELD_COLUMNS
    twins: pd.DataFrame  # TWIN_COLUMNS
    segments: pd.DataFrame  # segment_text() of the stored text
    decoding: str
    warnings: list[str]
    recovered: list[str]
    manifest_created: bool
    dry_run: bool


# --------------------------------------------------------------------------- reading


def _has_utf16_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _is_valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _encoding_hint(data: bytes) -> str:
    """A suggestion for a file that is not UTF-8; never acted on without --encoding."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return " Pass --encoding NAME if you know how it was saved (e.g. cp1251, latin-1, shift_jis)."
    return " It decodes as cp1252 (Windows Western European): if that is how it was saved, pass --encoding cp1252."


def _check_controls(text: str, path: Path) -> int:
    """Refuse text that is mostly control characters; return how many there are."""
    controls = [i for i, ch in enumerate(text) if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS]
    if controls and len(controls) > MAX_CONTROL_SHARE * len(text):
        first = controls[0]
        raise CorpusError(
            path,
            f"looks binary: {len(controls):,} control characters (the first, U+{ord(text[first]):04X}, at offset {first}) "
            "in a text that should be prose",
        )
    return len(controls)


#: Format characters that belong in real text and are left alone: the soft hyphen and
#: the bidi marks LRM, RLM and ALM (right-to-left text uses them).
_HARMLESS_FORMAT = {"\u00ad", "\u200e", "\u200f", "\u061c"}
_JOINERS = {"\u200c", "\u200d"}  # ZWNJ, ZWJ: part of Persian, Arabic and Indic spelling between letters


def invisible_controls(text: str) -> list[int]:
    """Offsets of the invisible characters in ``text`` that can make it display as something else.

    Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069: the
    "Trojan Source" characters), zero-width spaces, word joiners, a byte-order
    mark inside the text and every other Unicode format character (category
    Cf), except the soft hyphen, the bidi marks LRM/RLM/ALM, and ZWNJ/ZWJ
    between two letters, where the spelling of several scripts needs them.
    """
    found = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) != "Cf" or ch in _HARMLESS_FORMAT:
            continue
        if ch in _JOINERS and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue
        found.append(i)
    return found


def _character(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}"


def _decode_with(data: bytes, path: Path, encoding: str, origin: str) -> tuple[str, str]:
    """Decode with an encoding a person named (``--encoding``) or the page declares."""
    codec = codecs.lookup(_text_codec(encoding, path, origin))
    if data.isascii():
        return _decode_utf8(data, path), "utf-8 (plain ASCII, identical in every ASCII-based encoding)"
    if _is_valid_utf8(data) and b"\x00" not in data:
        raise CorpusError(
            path, f"the file is already valid UTF-8; decoding it as {encoding} would garble it: leave out {origin}"
        )
    if b"\x00" in data and not codec.name.startswith(("utf-16", "utf-32")):
        raise CorpusError(path, "this is a binary file (it contains NUL bytes), not a text article")
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as error:
        raise CorpusError(
            path, f"the file is not valid {codec.name} either (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    c1 = next((i for i, ch in enumerate(text) if "\x80" <= ch <= "\x9f"), None)
    if c1 is not None:
        raise CorpusError(
            path,
            f"decoding as {codec.name} gives control characters (U+{ord(text[c1]):04X} at offset {c1}), so that is not "
            "how the file was saved; it is probably cp1252 (Windows Western European): try --encoding cp1252",
        )
    text = text.removeprefix("\ufeff")
    return decode_article(text.encode("utf-8"), path), f"decoded from {codec.name} ({origin}) and stored as UTF-8"


def _decode_utf8(data: bytes, path: Path) -> str:
    """:func:`analysis.corpus.loading.decode_article`, with a hint when the bytes are not UTF-8."""
    try:
        return decode_article(data, path)
    except CorpusError as error:
        plain_bad_utf8 = data and b"\x00" not in data and len(data) <= config.MAX_ARTICLE_BYTES and not _is_valid_utf8(data)
        if plain_bad_utf8:
            raise CorpusError(path, error.problem + "." + _encoding_hint(data)) from None
        raise


def decode_text_bytes(data: bytes, path: Path | str, encoding: str | None = None) -> tuple[str, str]:
    """Turn an article file's bytes into its text, refusing anything that is not usable.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    path : path
        Named in every error.
    encoding : str, optional
        The encoding a person says the file was saved in (``--encoding``); by
        default the file must be UTF-8. Never guessed: a file that is not UTF-8
        is refused with a hint.

    Returns
    -------
    (str, str)
        The text, and how it was decoded (for the output and the manifest note).

    Raises
    ------
    CorpusError
        Empty, whitespace only, over :data:`analysis.config.MAX_ARTICLE_BYTES`,
        binary, UTF-16 without ``--encoding``, not UTF-8, or not the named encoding.
    """
    path = Path(path)
    if encoding is not None and _known(encoding) and codecs.lookup(encoding).name == "utf-8":
        encoding = None  # the default, byte-order mark handling included
    if encoding is not None:
        text, how = _decode_with(data, path, encoding, "--encoding")
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or _has_utf16_bom(data):
        width = "32" if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "16"
        raise CorpusError(
            path,
            f"the file is UTF-{width} text (it starts with a UTF-{width} byte-order mark); re-save it as UTF-8 "
            f"or pass --encoding utf-{width}",
        )
    elif data.startswith(codecs.BOM_UTF8):
        text, how = _decode_utf8(data[len(codecs.BOM_UTF8):], path), "utf-8 (its byte-order mark removed)"
    else:
        text, how = _decode_utf8(data, path), "utf-8"
    _check_controls(text, path)
    return text, how


def _read_limited(path: Path, limit: int, what: str) -> bytes:
    if not path.exists():
        raise CorpusError(path, "no such file")
    if not path.is_file():
        raise CorpusError(path, "not a regular file")
    size = path.stat().st_size
    if size > limit:
        raise CorpusError(path, f"the file is {size:,} bytes; {what}")
    return path.read_bytes()


def max_page_bytes() -> int:
    """Largest saved page accepted: ``PAGE_SIZE_FACTOR`` × the article limit."""
    return PAGE_SIZE_FACTOR * config.MAX_ARTICLE_BYTES


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def decode_page_bytes(data: bytes, path: Path | str, encoding: str | None = None) -> tuple[str, str]:
    """The markup of a saved page as text: UTF-8, ``--encoding``, or the charset it declares.

    Returns the markup and how it was decoded. A page that is not UTF-8 and
    declares no charset is refused (never guessed).
    """
    path = Path(path)
    if not data:
        raise CorpusError(path, "the file is empty")
    if not data.strip():
        raise CorpusError(path, "the file has no text (only whitespace)")
    if encoding is not None:
        return _decode_page_with(data, path, encoding, "--encoding")
    if _has_utf16_bom(data):
        raise CorpusError(path, "the page is UTF-16 (it starts with a UTF-16 byte-order mark); pass --encoding utf-16")
    if b"\x00" in data:
        raise CorpusError(path, "this is a binary file (it contains NUL bytes), not a saved web page")
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        declared = _declared_charset(data)
        if declared is None or (_known(declared) and codecs.lookup(declared).name == "utf-8"):
            said = "declares UTF-8" if declared else "declares no other charset"
            raise CorpusError(
                path,
                f"the page is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) and {said}."
                f"{_encoding_hint(data)}",
            ) from None
        return _decode_page_with(data, path, declared, "the charset the page declares")


def _known(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding)._is_text_encoding
    except LookupError:
        return False


def _text_codec(encoding: str, path: Path, origin: str) -> str:
    """The codec name of a text encoding, refusing unknown names and the codecs that are
    not text encodings (``rot13``, ``base64``, ``zlib``: Python's ``bytes.decode`` refuses them)."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise CorpusError(path, f"{origin} {encoding!r} is not an encoding Python knows") from None
    if not codec._is_text_encoding:
        raise CorpusError(
            path, f"{origin} {encoding!r} is a transform (like rot13, base64 or zlib), not a text encoding: name the charset the file was saved in"
        )
    return codec.name


#: A decoding is implausible when this share of its non-ASCII words look like mojibake ...
MOJIBAKE_WORD_SHARE = 0.15
#: ... or when charset_normalizer's best guess is at least this much less chaotic.
CHAOS_MARGIN = 0.05
_LETTERS = re.compile(r"[^\W\d_]+")


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ")[0]


def mojibake_words(text: str) -> tuple[int, int]:
    """How many words with a non-ASCII letter ``text`` has, and how many of them look like mojibake.

    A word looks like mojibake when it mixes scripts ("Гјber": a UTF-8 or cp1252
    "ü" read as cp1251) or has its case inverted ("мОСКВА": cp1251 read as
    KOI8-R), the two marks a wrong single-byte charset leaves.
    """
    words = [word for word in _LETTERS.findall(text) if not word.isascii()]
    odd = sum(
        1 for word in words
        if len({_script(ch) for ch in word}) > 1 or (len(word) >= 3 and word[0].islower() and word[1:].isupper())
    )
    return len(words), odd


def implausible_decoding(data: bytes, text: str, codec_name: str) -> str | None:
    """Why decoding ``data`` as ``codec_name`` (giving ``text``) looks wrong, or None.

    Two opinions: the words themselves (:func:`mojibake_words`), and
    charset_normalizer's detector, whose best guess must be a different charset
    that reads with clearly less chaos (its mess ratio) than the one given.
    """
    n_words, odd = mojibake_words(text)
    if odd >= 2 and odd >= MOJIBAKE_WORD_SHARE * n_words:
        return f"{odd:,} of its {n_words:,} words with non-ASCII letters mix scripts or have their case inverted"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    given = from_bytes(data, cp_isolation=[codec_name]).best()
    if best is not None and codecs.lookup(best.encoding).name != codec_name:
        given_chaos = given.chaos if given is not None else 1.0
        if best.chaos + CHAOS_MARGIN <= given_chaos:
            return (
                f"it reads as garbled text (charset_normalizer's mess ratio {given_chaos:.2f}); "
                f"as {best.encoding} it reads cleanly ({best.chaos:.2f})"
            )
    return None


def _decode_page_with(data: bytes, path: Path, encoding: str, origin: str) -> tuple[str, str]:
    name = _text_codec(encoding, path, origin)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise CorpusError(
            path, f"the page is not valid {name} ({origin}; byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    if origin != "--encoding":
        doubt = implausible_decoding(data, text, name)
        if doubt:
            raise CorpusError(
                path,
                f"the page declares charset {encoding!r}, but decoded that way {doubt}: the declaration is probably wrong; "
                "pass --encoding NAME with the charset it was really saved in",
            )
    return text.removeprefix("\ufeff"), f"decoded from {name} ({origin})"


# --------------------------------------------------------------------------- saved pages


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_TIME_TAG = re.compile(r"<time\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.\-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_JSON_LD = re.compile(r"""<script\b[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>""", re.IGNORECASE | re.DOTALL)
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T\s]|$)")
#: Names of the meta tags (``property``, ``name`` or ``itemprop``) that state when a page was published or changed:
#: Open Graph article tags, schema.org microdata, Dublin Core and common CMS names.
PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
                  "dc.date.issued", "dcterms.issued", "parsely-pub-date", "sailthru.date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified",
                 "dcterms.modified")
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                  "report", "scholarlyarticle", "techarticle", "liveblogposting", "webpage"}


def _iso_day(value: object) -> str:
    """``YYYY-MM-DD`` from an ISO 8601 date or date-time (a real date), else ``""``."""
    match = _ISO_DAY.match(str(value)) if isinstance(value, str) else None
    if not match:
        return ""
    try:
        date.fromisoformat(match.group(1))
    except ValueError:
        return ""
    return match.group(1)


def _json_ld_objects(markup: str) -> Iterator[dict]:
    """Every object of the page's JSON-LD blocks (``@graph`` members and lists included); bad JSON is skipped."""
    for block in _JSON_LD.findall(markup):
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def page_dates(markup: str) -> dict[str, str]:
    """When a saved page says it was published and last modified, from its own markup, kept apart.

    ``published`` comes from schema.org ``datePublished`` (JSON-LD, an article-like
    object first; or microdata ``itemprop``), else the ``article:published_time``
    family of meta tags (:data:`PUBLISHED_META`); ``modified`` likewise from
    ``dateModified`` and :data:`MODIFIED_META`. Each is ``YYYY-MM-DD`` and present
    only when the page states it.
    """
    found: dict[str, list[tuple[int, str]]] = {"published": [], "modified": []}
    for item in _json_ld_objects(markup):
        types = item.get("@type", "")
        types = {str(t).casefold() for t in (types if isinstance(types, list) else [types])}
        rank = 0 if types & _ARTICLE_TYPES else 1
        for key, kind in (("datePublished", "published"), ("dateModified", "modified")):
            day = _iso_day(item.get(key))
            if day:
                found[kind].append((rank, day))
    for tag in _META_TAG.findall(markup) + _TIME_TAG.findall(markup):
        attributes = {name.casefold(): value.strip("\"'") for name, value in _ATTRIBUTE.findall(tag)}
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").casefold()
        day = _iso_day(attributes.get("content") or attributes.get("datetime") or "")
        if day and key in PUBLISHED_META:
            found["published"].append((2, day))
        elif day and key in MODIFIED_META:
            found["modified"].append((2, day))
    # The best-ranked statement wins (an article's JSON-LD, then other JSON-LD, then tags), the first on the page among equals.
    return {field: sorted(values, key=lambda value: value[0])[0][1] for field, values in found.items() if values}


def extract_page(markup: str, path: Path | str) -> tuple[list[str], dict[str, str]]:
    """Body text lines and stated metadata of a saved page, with trafilatura (offline).

    Parameters
    ----------
    markup : str
        The page's HTML.
    path : path
        Named in errors.

    Returns
    -------
    (list of str, dict)
        The extracted text, one paragraph, heading or list item per line
        (whitespace collapsed), and the metadata the page states: ``title``,
        ``author``, ``published`` and ``updated`` (``YYYY-MM-DD``), ``site_name``
        and ``url`` (each present only when the page states it). The dates come
        only from the page's own date markup (:func:`page_dates`:
        ``datePublished`` and ``dateModified`` kept apart, trafilatura's date only
        when the page states no ``datePublished`` and it is not the modified
        date): trafilatura's extensive date search is off, because it turns a
        footer "© 2020" into 2020-01-01. A ``<base href>`` is removed
        first: trafilatura would state it as the page's URL (and its host as the
        site name), though it only says how relative links resolve.
    """
    import trafilatura
    from trafilatura.settings import set_date_params

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.ERROR)
    document = trafilatura.bare_extraction(
        _BASE_TAG.sub("", markup),  # a <base href> resolves links; it does not say where the page was published
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        date_extraction_params=set_date_params(False),
    )
    text = (document.text or "") if document is not None else ""
    lines = [line for line in (_one_line(line) for line in text.splitlines()) if line]
    n_words = sum(len(_WORD.findall(line)) for line in lines)
    if n_words < MIN_PAGE_WORDS:
        found = f"only {n_words} word(s)" if n_words else "nothing"
        raise CorpusError(
            path,
            f"trafilatura found no article text in this page ({found}: navigation only, or text drawn by scripts); "
            "copy the article's text into a .txt file and add that",
        )
    stated = {}
    if document is not None:
        for key, attribute in (("title", "title"), ("author", "author"), ("published", "date"), ("site_name", "sitename"), ("url", "url")):
            value = _one_line(getattr(document, attribute, None))
            if value:
                stated[key] = value[:MAX_FIELD_CHARS]
    if "title" in stated and "site_name" in stated:
        stated["title"] = title_without_site(stated["title"], stated["site_name"])
    if "author" in stated:
        names = (author_without_label(part) for part in stated["author"].split(";"))
        stated["author"] = " and ".join(name for name in names if name)
        if not stated["author"]:
            del stated["author"]
    if "published" in stated and not _PARTIAL_DATE.match(stated["published"]):
        del stated["published"]
    # Publication and update kept apart: trafilatura's one date can be the page's dateModified.
    dates = page_dates(markup)
    if "published" in dates:
        stated["published"] = dates["published"]
    elif "modified" in dates and stated.get("published") == dates["modified"]:
        del stated["published"]  # the only date trafilatura found is when the page was changed
    if "modified" in dates and dates["modified"] != stated.get("published"):
        stated["updated"] = dates["modified"]
    return lines, stated


_AUTHOR_LABEL = re.compile(
    r"^(?:(?:analysis|opinion|commentary|perspective|review|interview|story|text|words|"
    r"written|reported|reporting|photos?|video)\s+)?by\s+", re.IGNORECASE)


def author_without_label(author: str) -> str:
    """An author field without the credit words a page prints before the name.

    Pages' author metadata often copies the printed credit: ``By Ana Ruiz``,
    ``Analysis by Ana Ruiz``, ``Opinion by Ana Ruiz``; ``add`` writes its own
    ``By`` before the name, and a second "by" would make the line read as prose.
    """
    return _AUTHOR_LABEL.sub("", author.strip()).strip()


_TITLE_SEPARATOR = r"\s*[|:–—•·-]\s*"


def title_without_site(title: str, site: str) -> str:
    """``title`` without the site's name that a page's ``<title>`` adds before or after the headline.

    Pages title themselves ``Headline | Site`` or ``Site: Headline``; the site's name is
    the page's, not the article's, and printed as a headline it would match the
    site's name in menus and footers. Only a name equal to the page's stated site name
    (case-folded) and set off by a separator (``|``, ``:``, a dash, a bullet) is removed,
    and never the whole title.
    """
    if not site or not title:
        return title
    name = re.escape(site.strip())
    for pattern in (rf"^(?P<rest>.+?){_TITLE_SEPARATOR}{name}$", rf"^{name}{_TITLE_SEPARATOR}(?P<rest>.+)$"):
        match = re.match(pattern, title.strip(), re.IGNORECASE)
        if match and re.search(r"\w", match["rest"]):
            return match["rest"].strip()
    return title


def compose_page_text(lines: list[str], stated: dict[str, str]) -> str:
    """The text stored for a saved page: what the page states about itself, then its body.

    The title (when the page states one) is the first line; a byline
    ``By <author> | <site name>``, the publication date and an ``Updated
    <date>`` line (when the page states a later change) follow, as a printed
    page shows them, so that the segmenter labels them (title, byline, date_banner) and the
    provenance analysis finds them in the text with raw offsets. The body's own
    first line is dropped when it repeats the title. Lines are separated by blank
    lines; the text ends with a newline.
    """
    header = []
    body = list(lines)
    title = stated.get("title", "")
    if title:
        header.append(title)
        if body and body[0].casefold() == title.casefold():
            body = body[1:]
    if stated.get("author"):
        site = stated.get("site_name", "")
        if re.match(r"https?://", site):  # some pages state their address as their name: print the host
            site = urlsplit(site).netloc.removeprefix("www.")
        header.append(f"By {stated['author']}" + (f" | {site}" if site and site != stated["author"] else ""))
    if stated.get("published"):
        header.append(stated["published"])
    if stated.get("updated"):
        header.append(f"Updated {stated['updated']}")
    return "\n\n".join(header + body) + "\n"


# --------------------------------------------------------------------------- checks


def validate_doc_id(doc_id: str, corpus: Path | str) -> str:
    """Check a requested document id (the file stem in the corpus folder).

    Raises
    ------
    CorpusError
        The id would escape the folder (``../``, an absolute path, a separator) or
        is not 1-80 letters, digits, ``_`` or ``-`` starting with a letter or digit.
    """
    corpus = Path(corpus)
    escapes = "/" in doc_id or "\\" in doc_id or os.path.isabs(doc_id) or ".." in doc_id or "\x00" in doc_id
    where = corpus if escapes or not doc_id else corpus / doc_id
    if escapes:
        raise CorpusError(
            where,
            f"the id {doc_id!r} would escape the corpus folder: an id is a plain name (letters, digits, '_', '-') that "
            "becomes the file name inside it",
        )
    if doc_id.endswith((".txt", ".html")):
        raise CorpusError(where, f"the id {doc_id!r} includes a file extension: give the id without .txt")
    if not _DOC_ID.fullmatch(doc_id):
        raise CorpusError(
            where, f"the id {doc_id!r} is not usable: an id is 1-80 letters, digits, '_' or '-', starting with a letter or digit"
        )
    target = (corpus / f"{doc_id}.txt").resolve()
    if target.parent != corpus.resolve():
        raise CorpusError(where, f"the id {doc_id!r} would escape the corpus folder")
    return doc_id


def curated_fields(path: Path | str, **values: str | None) -> dict[str, str]:
    """Check what a person gave on the command line (``outlet``, ``author``, ``url``,
    ``published``, ``retrieved``, ``note``); returns the non-empty values, stripped.

    Raises
    ------
    CorpusError
        A value with a line break or control character, longer than 300
        characters, a URL that is not http(s), or a date not ``YYYY[-MM[-DD]]``
        (``retrieved``: ``YYYY-MM-DD``).
    """
    path = Path(path)
    clean: dict[str, str] = {}
    for name, value in values.items():
        if value is None or not value.strip():
            continue
        option = f"--{name}"
        value = value.strip()
        if any(unicodedata.category(ch) in {"Cc", "Zl", "Zp"} for ch in value):
            raise CorpusError(path, f"{option} contains a line break or control character; give it on one line")
        hidden = invisible_controls(value)
        if hidden:
            raise CorpusError(
                path,
                f"{option} contains an invisible character ({_character(value[hidden[0]])} at character {hidden[0]}) "
                "that can make it display as something other than what it says; give it without",
            )
        if len(value) > MAX_FIELD_CHARS and name != "note":
            raise CorpusError(path, f"{option} is {len(value)} characters long; the limit is {MAX_FIELD_CHARS}")
        if name == "url":
            parts = urlsplit(value)
            if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or " " in value:
                raise CorpusError(path, f"--url {value!r}: only http(s) addresses are recorded (e.g. https://example.org/article)")
        if name in {"published", "retrieved"}:
            _check_date(path, option, value, full=name == "retrieved")
        clean[name] = value
    return clean


def _check_date(path: Path, option: str, value: str, full: bool) -> None:
    match = _PARTIAL_DATE.match(value)
    wanted = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
    if not match or (full and match.group(3) is None):
        raise CorpusError(path, f"{option} {value!r} is not {wanted}")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise CorpusError(path, f"{option} {value!r} is not a real date ({wanted})") from None


def body_text(raw: str) -> str:
    """The body segments of ``raw`` joined by newlines (for comparison only, not for offsets)."""
    segments = segment_text(raw)
    body = segments[segments["kind"].eq("body")]
    return "\n".join(raw[start:end] for start, end in body[["start", "end"]].itertuples(index=False))


def find_twins(raw: str, docs: pd.DataFrame) -> pd.DataFrame:
    """Articles of ``docs`` (from :func:`analysis.corpus.loading.load_corpus`) that duplicate ``raw``.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, file, relation, jaccard, containment_new,
        containment_twin``, most similar first. ``relation`` is ``exact`` (same
        bytes), ``same_text`` (same text apart from whitespace and line endings)
        or ``near`` (the bodies share ≥ :data:`NEAR_DUPLICATE_JACCARD` of their
        word 5-grams, or ≥ :data:`NEAR_DUPLICATE_CONTAINMENT` of either body's
        5-grams are in the other). ``jaccard`` and the containments are shares
        in [0, 1] of the bodies' word 5-gram sets (the shingles of
        :func:`analysis.overlap.near_duplicates.word_shingles`); NaN when a body has no words.
    """
    new_sha = sha256_bytes(raw.encode("utf-8"))
    new_words = " ".join(raw.split())
    new_set = word_shingles(body_text(raw), SHINGLE_WORDS)
    rows = []
    for doc in docs.itertuples(index=False):
        twin_set = word_shingles(doc.body, SHINGLE_WORDS)
        shared = np.intersect1d(new_set, twin_set, assume_unique=True).size
        similarity = jaccard(new_set, twin_set)
        contained_new = shared / new_set.size if new_set.size else float("nan")
        contained_twin = shared / twin_set.size if twin_set.size else float("nan")
        if doc.sha256 == new_sha:
            relation = "exact"
        elif " ".join(doc.raw.split()) == new_words:
            relation = "same_text"
        elif similarity >= NEAR_DUPLICATE_JACCARD or np.nanmax([contained_new, contained_twin, 0.0]) >= NEAR_DUPLICATE_CONTAINMENT:
            relation = "near"
        else:
            continue
        rows.append((doc.doc_id, doc.file, relation, similarity, contained_new, contained_twin))
    twins = pd.DataFrame(rows, columns=TWIN_COLUMNS)
    order = twins["relation"].map({"exact": 0, "same_text": 1, "near": 2})
    return twins.assign(_order=order).sort_values(["_order", "jaccard"], ascending=[True, False]).drop(columns="_order").reset_index(drop=True)


def _existing_docs(corpus: Path) -> pd.DataFrame:
    """Verify the corpus folder exactly as the build does; an empty folder is fine."""
    if not any(p.is_file() and p.suffix == ".txt" and not p.name.startswith(".") for p in corpus.iterdir()):
        manifest = read_manifest(corpus)
        if len(manifest):
            raise ManifestError(corpus / config.MANIFEST_NAME, f"lists {manifest['file'].iloc[0]}, which is not in {corpus}")
        return pd.DataFrame(columns=CORPUS_COLUMNS)
    return _quiet_load(corpus)


def _quiet_load(corpus: Path) -> pd.DataFrame:
    """:func:`load_corpus` without its note of files left out (the build reports those; the
    staging folder of this very add is one of them while it writes)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LeftOutFiles)
        return load_corpus(corpus)


def _next_doc_id(corpus: Path, sha256: str) -> str:
    numbers = [int(m.group(1)) for p in corpus.glob("*.txt") if (m := re.match(r"^(\d+)_", p.name))]
    return f"{(max(numbers) + 1) if numbers else 0:03d}_{sha256[:16]}"


# --------------------------------------------------------------------------- manifest


def _manifest_text(corpus: Path) -> tuple[bytes | None, list[str], str]:
    """The manifest's bytes (None if absent), its header and its line ending."""
    path = corpus / config.MANIFEST_NAME
    if not path.exists():
        return None, list(MANIFEST_COLUMNS), "\n"
    data = path.read_bytes()
    text = data.decode("utf-8")  # read_manifest already proved it is UTF-8
    header = next(csv.reader(io.StringIO(text)))
    first_line_end = text.find("\n")
    newline = "\r\n" if first_line_end > 0 and text[first_line_end - 1] == "\r" else "\n"
    return data, header, newline


def _csv_rows(rows: list[dict[str, str]], header: list[str], newline: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue()


def new_manifest_bytes(original: bytes | None, header: list[str], newline: str, rows: list[dict[str, str]]) -> bytes:
    """The manifest with ``rows`` appended; existing lines are kept byte for byte."""
    if original is None:
        return (_csv_rows([dict(zip(header, header))], header, newline) + _csv_rows(rows, header, newline)).encode("utf-8")
    text = original.decode("utf-8")
    if text and not text.endswith("\n"):
        text += newline
    return (text + _csv_rows(rows, header, newline)).encode("utf-8")


# --------------------------------------------------------------------------- atomic write


@contextmanager
def corpus_lock(corpus: Path) -> Iterator[None]:
    """Hold an exclusive lock on the corpus folder itself (no lock file is left behind)."""
    handle = os.open(corpus, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CorpusError(
                corpus, "another `python -m analysis add` is writing to this folder; run yours when it has finished"
            ) from None
        yield
    finally:
        os.close(handle)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``path`` so that it holds either its old content or all of ``data``, never a part:
    a temporary file beside it, fsynced, renamed over it, and the folder fsynced."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _sync_folder(path.parent)


def _place_exclusively(source: Path, target: Path) -> None:
    """Make ``target`` a name of the staged file ``source``, failing if ``target`` exists.

    A hard link appears atomically and never replaces anything (``os.replace``
    would overwrite a file that appeared at the name after it was checked);
    a folder that cannot hold hard links gets an exclusive-create copy.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise CorpusError(target, "appeared while the add was running; nothing was added") from None
    except OSError as error:
        if error.errno not in {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}:
            raise
        try:
            _write_synced(target, source.read_bytes())
        except FileExistsError:
            raise CorpusError(target, "appeared while the add was running; nothing was added") from None


def _read_journal(path: Path) -> tuple[dict | None, str]:
    """The journal of an interrupted add, or None and why it cannot be used."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "absent"
    if not data.strip():
        return None, f"{JOURNAL_NAME} is empty ({len(data)} bytes)"
    try:
        journal = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"{JOURNAL_NAME} is not readable JSON ({error})"
    if not isinstance(journal, dict) or not isinstance(journal.get("new_files"), (dict, list)):
        return None, f"{JOURNAL_NAME} does not list the files it wrote"
    return journal, ""


def _listed_before(staging: Path, corpus: Path, journal: dict) -> set[str]:
    """The files the manifest listed before the add: never removed by a rollback."""
    backup = staging / "manifest.csv.orig"
    source = backup if backup.exists() else corpus / config.MANIFEST_NAME
    if not source.is_file():
        return set()
    try:
        return {row.get("file", "") for row in csv.DictReader(io.StringIO(source.read_text(encoding="utf-8")))}
    except (UnicodeDecodeError, csv.Error):
        return set()


def _remove_staging(staging: Path) -> None:
    try:
        shutil.rmtree(staging)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise CorpusError(staging, f"could not be removed ({error.strerror or error}); remove it by hand") from None


def recover_interrupted_add(corpus: Path | str) -> list[str]:
    """Undo an add that stopped half-way (its journal is in ``<corpus>/.add-in-progress``).

    Returns what was done, each a sentence (empty when there was nothing to do).
    Only what that add created is removed: a file named in its journal goes only
    when its bytes have the sha256 the journal recorded and the manifest did not
    list it before the add (a seed is never removed). A journal that cannot be
    read (a kill or a full disk while it was written) means the add stopped
    before it changed the corpus, since the journal is complete before the first
    change; a ``committed.json`` means the add had finished. Safe to run again
    if it is itself interrupted. Call it while holding :func:`corpus_lock`.

    Raises
    ------
    CorpusError
        The staging folder could not be removed.
    """
    corpus = Path(corpus)
    staging = corpus / STAGING_NAME
    if not staging.exists():
        return []
    done: list[str] = []
    if (staging / COMMITTED_NAME).exists():
        added = ", ".join(_committed_names(staging / COMMITTED_NAME)) or "an article"
        _remove_staging(staging)
        return [f"an earlier add of {added} had completed; removed the staging folder it left"]
    journal, problem = _read_journal(staging / JOURNAL_NAME)
    if journal is None:
        _remove_staging(staging)
        if problem == "absent":
            return ["an earlier add had stopped before it changed the corpus; removed its staging folder"]
        return [
            f"an earlier add had stopped while writing its journal ({problem}), before it changed the corpus; "
            "removed its staging folder"
        ]
    listed = _listed_before(staging, corpus, journal)
    new_files = journal["new_files"]
    recorded = new_files if isinstance(new_files, dict) else dict.fromkeys(new_files)
    for name, digest in recorded.items():
        target = corpus / Path(str(name)).name
        if not target.is_file() or target.is_symlink():
            continue
        if target.name in listed:
            done.append(f"kept {target.name}: the manifest listed it before that add, so that add did not create it")
        elif digest is None:
            done.append(f"kept {target.name}: the journal records no checksum for it, so it may not be that add's")
        elif sha256_bytes(target.read_bytes()) != digest:
            done.append(f"kept {target.name}: its bytes are not the ones that add wrote (another file took the name)")
        else:
            target.unlink()
            done.append(f"removed {target.name}")
    backup = staging / "manifest.csv.orig"
    manifest = corpus / config.MANIFEST_NAME
    if backup.exists():
        if not manifest.exists() or manifest.read_bytes() != backup.read_bytes():
            os.replace(backup, manifest)
            done.append(f"restored {config.MANIFEST_NAME}")
    elif not journal.get("manifest_existed", True) and manifest.exists():
        expected = journal.get("manifest_sha256")
        if expected and sha256_bytes(manifest.read_bytes()) == expected:
            manifest.unlink()
            done.append(f"removed the {config.MANIFEST_NAME} it had created")
        else:
            done.append(f"kept {config.MANIFEST_NAME}: it is not the one that add wrote")
    _sync_folder(corpus)
    (staging / JOURNAL_NAME).unlink(missing_ok=True)
    _remove_staging(staging)
    return done or ["an earlier add had stopped before it changed the corpus; removed its staging folder"]


def _committed_names(path: Path) -> list[str]:
    journal, _ = _read_journal(path)
    return sorted(journal["new_files"]) if journal else []


class _Terminated(BaseException):
    """SIGTERM arrived during the write; raised so the add rolls back."""


@contextmanager
def _rollback_on_sigterm() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, frame):
        raise _Terminated(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def commit_files(corpus: Path, files: dict[str, bytes], manifest: bytes, original_manifest: bytes | None, verify: Callable[[], None]) -> list[str]:
    """Write ``files`` and the new manifest into ``corpus`` all at once, or not at all.

    Everything is first written (and fsynced) to ``<corpus>/.add-in-progress/``
    with a journal (the names and sha256 of the new files), then placed (a new
    file never replaces one that appeared meanwhile), then ``verify`` runs; the
    commit point is the journal's atomic rename to ``committed.json``. Any
    exception before it (Ctrl-C and SIGTERM included) rolls back to the exact
    previous state before it propagates, with ``error.rollback`` set to
    ``"done"`` or to why it stopped. If the process is killed outright, the
    journal lets :func:`recover_interrupted_add` roll back later.

    Returns
    -------
    list of str
        Problems after the commit point (the article is added; its staging
        folder may be left for the next add to remove).
    """
    staging = corpus / STAGING_NAME
    staging.mkdir()
    with _rollback_on_sigterm():
        try:
            for name, data in files.items():
                _write_synced(staging / name, data)
            _write_synced(staging / "manifest.csv.new", manifest)
            if original_manifest is not None:
                _write_synced(staging / "manifest.csv.orig", original_manifest)
            journal = {
                "new_files": {name: sha256_bytes(data) for name, data in files.items()},
                "manifest_existed": original_manifest is not None,
                "manifest_sha256": sha256_bytes(manifest),
            }
            write_atomically(staging / JOURNAL_NAME, json.dumps(journal).encode("utf-8"))
            # From here the corpus changes; the journal above is how a crash gets undone.
            for name in files:
                _place_exclusively(staging / name, corpus / name)
            os.replace(staging / "manifest.csv.new", corpus / config.MANIFEST_NAME)
            _sync_folder(corpus)
            verify()
            os.replace(staging / JOURNAL_NAME, staging / COMMITTED_NAME)  # the commit point
        except BaseException as error:
            try:
                recover_interrupted_add(corpus)
                error.rollback = "done"
            except Exception as rollback_error:  # keep the first error; say how to finish the rollback
                error.rollback = str(rollback_error)
                error.add_note(f"the rollback stopped too ({rollback_error}); run `./workbook add --recover --corpus {corpus}`")
            raise
    try:
        _sync_folder(staging)
        shutil.rmtree(staging)
    except OSError as error:
        return [f"{staging}: clearing the staging folder failed ({error.strerror or error}); the next add removes it"]
    return []


# --------------------------------------------------------------------------- add


def read_source(path: Path | str, encoding: str | None = None) -> Source:
    """Read a ``.txt`` article or a saved ``.html`` page and produce the text to store.

    Raises
    ------
    CorpusError
        Any bad input that concerns the file itself (see docs/bad-input.md).
    """
    path = Path(path)
    if path.is_symlink():
        raise CorpusError(
            path,
            f"is a symbolic link (to {os.readlink(path)}); add copies the file itself, so give the path of the "
            "article, not of a link",
        )
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + PAGE_SUFFIXES:
        if not path.exists():
            raise CorpusError(path, "no such file")
        raise CorpusError(
            path, f"add takes a UTF-8 .txt article or a saved .html page, not {suffix or 'a file without an extension'!r}"
        )
    if suffix in TEXT_SUFFIXES:
        data = read_article_bytes(path)
        text, how = decode_text_bytes(data, path, encoding)
        if _PAGE_START.match(text):
            raise CorpusError(path, "this is an HTML page, not article text: rename it to .html so its text is extracted")
        return Source(path=path, kind="text", data=data, text=text, decoding=how)
    data = _read_limited(
        path,
        max_page_bytes(),
        f"saved pages are limited to {max_page_bytes():,} bytes ({PAGE_SIZE_FACTOR} × analysis.config.MAX_ARTICLE_BYTES)",
    )
    markup, how = decode_page_bytes(data, path, encoding)
    lines, stated = extract_page(markup, path)
    text = compose_page_text(lines, stated)
    stored = text.encode("utf-8")
    if len(stored) > config.MAX_ARTICLE_BYTES:
        raise CorpusError(
            path,
            f"the extracted text is {len(stored):,} bytes; articles are limited to {config.MAX_ARTICLE_BYTES:,} bytes "
            "(analysis.config.MAX_ARTICLE_BYTES)",
        )
    _check_controls(text, path)
    import trafilatura

    return Source(
        path=path, kind="page", data=data, text=text, decoding=how, page_fields=stated,
        extractor=f"trafilatura {trafilatura.__version__}",
    )


def _field_table(stated: dict[str, str], curated: dict[str, str]) -> pd.DataFrame:
    rows = [(name, value, "stated", "page metadata") for name, value in stated.items()]
    rows += [
        (name, value, "curated", f"command line --{name}")
        for name, value in curated.items()
        if name in {"outlet", "author", "url", "published", "retrieved"}
    ]
    return pd.DataFrame(rows, columns=FIELD_COLUMNS)


def _note(source: Source, stem: str, stated: dict[str, str], curated: dict[str, str], today: str) -> str:
    parts = [f"Added {today} with `python -m analysis add` from {source.path.name}"]
    if source.kind == "page":
        parts.append(
            f"text extracted offline by {source.extractor} from the saved page {stem}.html "
            f"(sha256 {sha256_bytes(source.data)}, kept beside it)"
        )
    if source.decoding.startswith("decoded") and source.kind == "text":
        parts.append(f"{source.decoding} (the original bytes had sha256 {sha256_bytes(source.data)})")
    elif source.decoding != "utf-8":
        parts.append(f"page {source.decoding}" if source.kind == "page" else source.decoding)
    if stated:
        described = ", ".join(f"{name}={value!r}" for name, value in stated.items())
        parts.append(f"from the page's metadata (basis stated; title, byline and date written as the text's first lines): {described}")
    listed = [name for name in ("outlet", "author", "url", "published", "retrieved") if name in curated]
    if listed:
        parts.append(f"from the command line (basis curated): {', '.join(listed)}")
    if "note" in curated:
        parts.append(curated["note"])
    return "; ".join(parts)


def _corpus_counts(text: str, docs: pd.DataFrame, site: str = "") -> tuple[int, ...]:
    """How many articles already in the corpus print each line of the new text (the corpus evidence).

    ``site`` is the new article's (:func:`analysis.corpus.loading.article_site`):
    a prose paragraph counts only when an article of the same site prints it.
    """
    from analysis.corpus.segments import corpus_line_counts

    raws = {"\x00new": text, **dict(zip(docs["doc_id"], docs["raw"]))} if "raw" in docs else {"\x00new": text}
    sites = {"\x00new": site, **dict(zip(docs["doc_id"], docs["site"]))} if "site" in docs else {"\x00new": site}
    return corpus_line_counts(raws, sites)["\x00new"]


def _refuse_duplicates(path: Path, corpus: Path, twins: pd.DataFrame, sha256: str) -> None:
    for twin in twins.itertuples(index=False):
        if twin.relation == "exact":
            raise CorpusError(path, f"is an exact duplicate of {twin.file}, already in {corpus} (sha256 {sha256})")
        if twin.relation == "same_text":
            raise CorpusError(path, f"has the same text as {twin.file}, already in {corpus}, apart from whitespace and line endings")


def _warnings(path: Path, source: Source, curated: dict[str, str], twins: pd.DataFrame, segments: pd.DataFrame) -> list[str]:
    """What the person adding should know, though nothing is wrong enough to refuse."""
    warnings = []
    stated = source.page_fields
    for name in ("author", "published"):
        if name in stated and name in curated and stated[name] != curated[name]:
            warnings.append(
                f"--{name} {curated[name]!r} differs from the page's {stated[name]!r}; both are kept: "
                "the page's as stated (in the text), yours as curated (in the manifest)"
            )
    for twin in twins.itertuples(index=False):
        warnings.append(
            f"{path} is a near-duplicate of {twin.doc_id}: the bodies share {twin.jaccard:.0%} of their word 5-grams; "
            f"{twin.containment_new:.0%} of the new body is in {twin.doc_id} and {twin.containment_twin:.0%} of "
            f"{twin.doc_id}'s body is in the new one. Added anyway: republished copies are worth comparing."
        )
    body = segments[segments["kind"].eq("body")]
    body_words = sum(len(_WORD.findall(source.text[s:e])) for s, e in body[["start", "end"]].itertuples(index=False))
    if body.empty:
        warnings.append(f"{path}: the segmenter found no article body (every line looks like page furniture)")
    elif body_words < MIN_BODY_WORDS:
        warnings.append(f"{path}: only {body_words} words of article body: check the text is the whole article")
    controls = _check_controls(source.text, path)
    if controls:
        warnings.append(f"{path}: {controls} control character(s) kept as they are")
    hidden = invisible_controls(source.text)
    if hidden:
        warnings.append(
            f"{path}: {len(hidden):,} invisible formatting character(s) kept as they are (the first, "
            f"{_character(source.text[hidden[0]])}, at offset {hidden[0]}): bidi controls and zero-width characters "
            "can make the text display differently from what it says"
        )
    warnings.extend(source.warnings)
    return warnings


def add_article(
    path: Path | str,
    corpus: Path | str | None = None,
    *,
    doc_id: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: str | None = None,
    retrieved: str | None = None,
    note: str | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
) -> AddResult:
    """Add one article to a corpus folder, checksummed in its manifest.

    Parameters
    ----------
    path : path
        A UTF-8 ``.txt`` article or a saved ``.html`` page.
    corpus : path, optional
        The corpus folder; default :func:`analysis.config.corpus_dir` (``seeds/``).
    doc_id : str, optional
        The new article's id (file stem); default ``NNN_<first 16 hex digits of
        its sha256>`` with NNN one more than the highest number in the folder.
    outlet, author, url, published, retrieved, note : str, optional
        Facts a person curated (manifest columns; basis ``curated``).
    encoding : str, optional
        The encoding the file was saved in, when it is not UTF-8 (recorded).
    dry_run : bool
        Check everything and report, but write nothing.

    Returns
    -------
    AddResult

    Raises
    ------
    CorpusError, ManifestError
        Bad input (see docs/bad-input.md); nothing has been written.
    """
    corpus = Path(corpus) if corpus is not None else config.corpus_dir()
    path = Path(path)
    if not corpus.is_dir():
        raise CorpusError(corpus, "is not a folder" if corpus.exists() else "corpus folder does not exist")
    if path.exists() and path.resolve().parent == corpus.resolve():
        raise CorpusError(
            path,
            "is inside the corpus folder, where every .txt must already be listed in the manifest; "
            "move it out and add it from there (add copies it in under its id)",
        )
    curated = curated_fields(path, outlet=outlet, author=author, url=url, published=published, retrieved=retrieved, note=note)
    if doc_id is not None:
        validate_doc_id(doc_id, corpus)
    source = read_source(path, encoding)
    data = source.text.encode("utf-8") if source.kind == "page" or source.decoding != "utf-8" else source.data
    sha256 = sha256_bytes(data)

    with corpus_lock(corpus):
        recovered = [] if dry_run else recover_interrupted_add(corpus)
        docs = _existing_docs(corpus)
        twins = find_twins(source.text, docs)
        _refuse_duplicates(path, corpus, twins, sha256)
        doc_id = doc_id or _next_doc_id(corpus, sha256)
        names = {f"{doc_id}.txt": data}
        if source.kind == "page":
            names[f"{doc_id}.html"] = source.data
        for name in names:
            if os.path.lexists(corpus / name) or name in set(docs["file"]):
                raise CorpusError(corpus / name, "already exists: choose another --id")

        stated = source.page_fields
        site = article_site(curated.get("url", ""), source.text, extracted=source.kind == "page")  # as load_corpus will read it
        segments = segment_text(source.text, _corpus_counts(source.text, docs, site), extracted=source.kind == "page")
        warnings = _warnings(path, source, curated, twins, segments)

        today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        row = {
            "file": f"{doc_id}.txt",
            "sha256": sha256,
            "url": curated.get("url", ""),
            "outlet": curated.get("outlet", ""),
            "author": curated.get("author", ""),
            "published": curated.get("published", ""),
            "retrieved": curated.get("retrieved", ""),
            "note": _note(source, doc_id, stated, curated, today),
        }
        original, header, newline = _manifest_text(corpus)
        rows = []
        if original is None:
            rows = [
                {"file": d.file, "sha256": d.sha256, "note": f"Listed {today} by `python -m analysis add` when it created the manifest"}
                for d in docs.itertuples(index=False)
            ]
        manifest = new_manifest_bytes(original, header, newline, rows + [row])
        result = AddResult(
            doc_id=doc_id, corpus=corpus, text_path=corpus / f"{doc_id}.txt",
            page_path=corpus / f"{doc_id}.html" if source.kind == "page" else None,
            sha256=sha256, n_bytes=len(data), manifest_row=row, fields=_field_table(stated, curated),
            twins=twins, segments=segments, decoding=source.decoding, warnings=warnings, recovered=recovered,
            manifest_created=original is None, dry_run=dry_run,
        )
        if dry_run:
            return result

        def verify() -> None:
            loaded = _quiet_load(corpus)
            if sha256 not in set(loaded.loc[loaded["doc_id"].eq(doc_id), "sha256"]):
                raise CorpusError(corpus / f"{doc_id}.txt", "did not load back with the checksum just recorded")

        result.warnings.extend(commit_files(corpus, names, manifest, original, verify))
    return result


# --------------------------------------------------------------------------- command line


def format_result(result: AddResult) -> str:
    """What the add did, for a person: files, checksum, fields and their basis, segments."""
    verb = "Would add" if result.dry_run else "Added"
    lines = [f"{verb} {result.doc_id} to {result.corpus}:"]
    lines.append(f"  {result.text_path.name:<34} {result.n_bytes:,} bytes, sha256 {result.sha256}")
    if result.page_path is not None:
        lines.append(f"  {result.page_path.name:<34} the original page, kept byte for byte")
    action = "created, listing every article" if result.manifest_created else "1 row appended; earlier rows unchanged"
    lines.append(f"  {config.MANIFEST_NAME:<34} {action}")
    if result.decoding != "utf-8":
        lines.append(f"  encoding: {result.decoding}")
    for row in result.fields.itertuples(index=False):
        lines.append(f"  {row.field:<10} {row.value!r:<40} {row.basis} ({row.origin})")
    segments = result.segments
    kinds = segments["kind"].value_counts()
    lines.append(
        f"  segments: {len(segments)} ({kinds.get('body', 0)} body, {kinds.get('furniture', 0)} furniture); "
        f"first lines: " + ", ".join(f"{label} ({kind})" for kind, label in segments[["kind", "label"]].head(3).itertuples(index=False))
    )
    if result.recovered:
        rolled_back = any(step.startswith(("removed ", "restored ")) for step in result.recovered)
        lead = "Rolled back an earlier add that was interrupted: " if rolled_back else "Cleaned up first: "
        lines.insert(0, lead + "; ".join(result.recovered))
    if not result.dry_run:
        lines.append("Next: `make report` (or `./workbook build`) includes it in every report and table.")
    return "\n".join(lines)


def _what_was_written(error: BaseException, corpus: Path) -> str:
    """The truth about the corpus after a failed add, from what :func:`commit_files` recorded."""
    rollback = getattr(error, "rollback", None)
    if rollback is None:
        return "Nothing was written."
    if rollback == "done":
        return "Nothing was added (what had been written was rolled back)."
    return (f"The add did not finish and its rollback stopped too ({rollback}): run "
            f"`./workbook add --recover --corpus {corpus}` to finish it.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./workbook add",
        description="Add an article (.txt) or a saved web page (.html) to the corpus, checksummed in its manifest.",
    )
    parser.add_argument("path", nargs="?", type=Path, help="the .txt article or saved .html page")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: seeds/, or $WORKBOOK_CORPUS)")
    parser.add_argument("--id", dest="doc_id", help="the new article's id (default: NNN_<sha256 prefix>)")
    parser.add_argument("--outlet", help="the outlet that published it (curated)")
    parser.add_argument("--author", help="its author (curated)")
    parser.add_argument("--url", help="where it was published, http(s) (curated)")
    parser.add_argument("--published", help="publication date YYYY, YYYY-MM or YYYY-MM-DD (curated)")
    parser.add_argument("--retrieved", help="date the page was captured, YYYY-MM-DD")
    parser.add_argument("--note", help="a retrieval note for the manifest")
    parser.add_argument("--encoding", help="the file's encoding when it is not UTF-8 (converted, and recorded)")
    parser.add_argument("--dry-run", action="store_true", help="check everything and say what would be added; write nothing")
    parser.add_argument("--recover", action="store_true", help="only roll back an add that was interrupted")
    args = parser.parse_args(argv)
    corpus = (args.corpus or config.corpus_dir()).expanduser()
    try:
        if args.recover:
            if not corpus.is_dir():
                raise CorpusError(corpus, "corpus folder does not exist")
            with corpus_lock(corpus):
                undone = recover_interrupted_add(corpus)
            print(f"In {corpus}: " + "; ".join(undone) + "." if undone else f"Nothing to recover in {corpus}.")
            return 0
        if args.path is None:
            parser.error("give the PATH of the article to add (or --recover)")
        result = add_article(
            args.path, corpus, doc_id=args.doc_id, outlet=args.outlet, author=args.author, url=args.url,
            published=args.published, retrieved=args.retrieved, note=args.note, encoding=args.encoding,
            dry_run=args.dry_run,
        )
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        print(_what_was_written(error, corpus), file=sys.stderr)
        return 2
    except OSError as error:  # a read-only folder, a full disk
        print(f"error: {error.filename or corpus}: {error.strerror or error}", file=sys.stderr)
        print(_what_was_written(error, corpus), file=sys.stderr)
        return 2
    except (KeyboardInterrupt, _Terminated) as error:
        rollback = getattr(error, "rollback", None)
        if rollback in (None, "done"):
            print("Interrupted: nothing was added; the corpus folder is as it was"
                  + (" (what had been written was rolled back)." if rollback else "."), file=sys.stderr)
        else:
            print(f"Interrupted, and the rollback stopped too ({rollback}): run "
                  f"`./workbook add --recover --corpus {corpus}`.", file=sys.stderr)
        return 130
    print(format_result(result))
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
