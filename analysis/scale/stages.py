"""Corpus scale: the per-document stages over thousands of articles, in bounded memory.

The notebooks load the whole corpus into one frame and call the helpers on it, which
is right for a handful of articles. For a folder of thousands (or, through
:mod:`analysis.scale.cluster`, millions) this module runs the same stages on chunks of
documents and streams each chunk's tables to CSV, so memory holds one chunk at a
time and a progress bar shows how far it got::

    python -m analysis.scale path/to/folder --out exports-scale/tables

    from analysis.scale import stages
    written = stages.write_corpus_tables("path/to/folder", "out/tables")   # streaming
    tables = stages.corpus_tables("path/to/folder")                        # in memory

Stages, each computed once per document and reused by the stages after it:

1. **read** — every ``.txt`` file (``pattern`` may recurse), decoded as UTF-8, or
   with a recorded fallback (``latin-1``) when it is not; a file that cannot be
   used (empty, binary, too large) is listed in the ``inputs`` table with its
   problem instead of stopping a run of thousands (``errors="raise"`` stops).
   Byte-identical files are kept and marked (``duplicate_of``).
2. **segments** — :func:`analysis.corpus.segments.line_spans` and
   :func:`~analysis.corpus.segments.classify_lines`, the rules of ``segment_text``,
   without building one small DataFrame per article.
3. **sentences** — the body split by :func:`analysis.corpus.sentences.split_sentences`
   (table rows into cells, everything else by spaCy's sentencizer, run over the
   chunk's segments in batches with ``nlp.pipe``); its per-text cache serves the
   attribution ledger of the rhetoric stage, which splits the same segments.
4. **readability** — :func:`analysis.readability_tone.readability.sentence_counts` tokenises each
   sentence once (syllables looked up once per distinct word) and
   :func:`analysis.readability_tone.readability.readability` sums the counts per article.
5. **tone** — VADER per sentence with :mod:`analysis.readability_tone.vader_batch` (the same
   scores as vaderSentiment, faster), the word counts of step 4 reused, hedges and
   boosters found once (:func:`analysis.readability_tone.tone.find_hedges_boosters`) for both the
   sentence counts and the ``hedges_boosters`` table, actors per sentence
   (:func:`analysis.provenance.actors.actors_in_sequence`), then :func:`analysis.readability_tone.tone.tone_summary`.
6. **actor mentions and stance** — :func:`analysis.readability_tone.tone.actor_mentions` on the body
   sentences (every actor the article names, with the stance toward it) and
   :func:`analysis.readability_tone.tone.actor_tone` over them, as notebook 02.
7. **rhetoric** — :func:`analysis.rhetoric.detector.detect_devices` on the chunk, given the
   sentences of step 3 (skipped with a note when the module is not installed).

The tables have the names and columns the notebooks export (``corpus``,
``segments``, ``readability``, ``sentences``, ``tone``, ``actor_tone``,
``hedges_boosters``, ``rhetoric_spans``), plus ``actor_mentions`` and ``inputs``
(what was read and how it was decoded). Each is documented in :data:`TABLE_SPECS`,
and a column dictionary is written beside each CSV in the format of
:func:`analysis.report.tables.write_table`. ``tests/scale/test_stages.py`` checks each table
against the notebooks' helper calls on the same articles.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.errors import CorpusError, LeftOutFiles
from analysis.report.tables import write_csv

#: Documents processed together: large enough for batching to pay, small enough
#: that one chunk's tables (about 20 rows of sentences per article) fit easily in memory.
DEFAULT_CHUNK_SIZE = 250
#: Segments handed to spaCy at once.
SPACY_BATCH_SIZE = 256
#: Encoding tried when a file is not valid UTF-8 (recorded in ``inputs.encoding``).
FALLBACK_ENCODING = "latin-1"

#: Columns of the per-chunk document frame: those of :func:`analysis.corpus.loading.load_corpus`
#: plus how the file was decoded, so every helper that takes "docs" accepts it.
DOC_COLUMNS = [
    "doc_id", "file", "path", "sha256", "n_bytes", "raw", "body",
    "n_chars", "n_body_chars", "n_furniture_chars", "n_segments", "encoding",
]


@dataclass(frozen=True)
class TableSpec:
    """One output table: its stable name, what a row is, and what each column means."""

    name: str
    description: str
    columns: dict[str, str]


_DOC_ID = "article id (the file's path under the corpus folder, without .txt)"
_START = "first character in the raw text (Python offset)"
_END = "one past the last character (raw[start:end] == text)"


def _readability_columns() -> dict[str, str]:
    from analysis.readability_tone import readability

    names = ["doc_id"] + readability.MEASURE_COLUMNS + [
        "words", "sentences", "syllables", "polysyllables", "words_per_sentence", "syllables_per_word", "mtld",
    ]
    return {name: (_DOC_ID if name == "doc_id" else readability.COLUMN_DOCS[name]) for name in names}


def _tone_docs(name: str) -> dict[str, str]:
    from analysis.readability_tone import tone

    return dict(getattr(tone, name))


def _table_specs() -> dict[str, TableSpec]:
    specs = [
        TableSpec("inputs", "One row per file found: how it was read and decoded, and any problem that kept it out of the analysis.", {
            "doc_id": _DOC_ID,
            "file": "file name",
            "path": "path of the file as read",
            "sha256": "SHA-256 of the file's bytes (empty when unreadable)",
            "n_bytes": "file size in bytes",
            "encoding": "utf-8, or the fallback used and why (e.g. 'latin-1 (fallback: not UTF-8 at byte 257)')",
            "duplicate_of": "doc_id of an earlier file with identical bytes (empty when none); both are analysed",
            "problem": "why the file was left out (empty when it was analysed)",
        }),
        TableSpec("corpus", "One row per article: file, checksum and how much of the page is body and furniture.", {
            "doc_id": _DOC_ID,
            "file": "file name in the corpus folder",
            "sha256": "SHA-256 of the file's bytes",
            "n_bytes": "file size in bytes",
            "n_chars": "characters of raw text",
            "n_body_chars": "characters in body segments",
            "n_furniture_chars": "characters in furniture segments",
            "n_segments": "number of segments",
            "title": "text of the first body segment (the page's title line)",
        }),
        TableSpec("segments", "One row per segment of each article, in page order; the segments of an article tile its raw text exactly.", {
            "doc_id": _DOC_ID,
            "seq": "position of the segment in the page, from 0",
            "start": "first character of the segment in the raw text (Python offset)",
            "end": "one past the last character (raw[start:end] is the segment, trailing blank lines included)",
            "kind": "body (article text) or furniture (page furniture left out of every analysis)",
            "label": "what the segment is: title, heading, paragraph, list_item, table_row, byline, advertising, subscription_pitch, author_box, author_bio, page_tail, ...",
            "reason": "why the segment got its kind and label",
        }),
        TableSpec("readability", "One row per article: readability of the body (textstat formulas on body sentences; titles, headings, list items and table rows are sentences of their own).",
                  _readability_columns()),
        TableSpec("sentences", "One row per body sentence: raw offsets, VADER sentiment, hedge and booster counts, actors named.", {
            "doc_id": _DOC_ID,
            "sentence_id": "position of the sentence in the article body, from 0",
            "start": "first character of the sentence in the raw text (Python offset)",
            "end": _END,
            "text": "the sentence as written",
            "compound": "VADER compound score, -1 (negative) to +1 (positive); |compound| < 0.05 is neutral",
            "hedges": "hedges in the sentence (analysis/data/hedges.csv; matches in hedges_boosters.csv)",
            "boosters": "boosters in the sentence (analysis/data/boosters.csv)",
            "actors": "canonical actors the sentence names, '; '-separated, via the aliases in analysis/data/actors.csv",
        }),
        TableSpec("tone", "One row per article: the distribution of sentence sentiment, and hedge and booster densities.", {
            "doc_id": _DOC_ID,
            "sentences": "body sentences",
            "words": "body words (textstat's count, as in readability.csv)",
            "mean_compound": "mean VADER compound of the sentences",
            "median_compound": "median VADER compound of the sentences",
            "share_negative": "share of sentences with compound <= -0.05",
            "share_positive": "share of sentences with compound >= 0.05",
            "share_clearly_negative": "share of sentences with compound <= -0.5",
            "share_clearly_positive": "share of sentences with compound >= 0.5",
            "hedges": "hedges in the body",
            "boosters": "boosters in the body",
            "hedges_per_1000_words": "hedges per 1,000 body words",
            "boosters_per_1000_words": "boosters per 1,000 body words",
            "document_compound": "VADER compound of the whole body as one text (saturates; shown only to explain why it is not used)",
        }),
        TableSpec("actor_tone", "One row per article and actor named in it: how many mentions, the mean stance toward the actor and how many mentions lean each way (fewer than 3 mentions: anecdote, not tone).",
                  _tone_docs("ACTOR_TONE_DOCS")),
        TableSpec("hedges_boosters", "One row per hedge or booster found in a body sentence, with raw offsets.", {
            "doc_id": _DOC_ID,
            "sentence_id": "the sentence it is in (sentences.csv)",
            "start": _START,
            "end": _END,
            "text": "the words as written",
            "term": "the lexicon entry matched (hedges.csv or boosters.csv)",
            "kind": "hedge or booster",
            "category": "modal verb, lexical verb, adverb, adjective, noun, approximator or phrase",
        }),
        TableSpec("actor_mentions", "One row per actor mention in a body sentence, with raw offsets, the stance its sentence takes toward the actor and the words that moved it.",
                  _tone_docs("MENTION_STANCE_DOCS")),
        TableSpec("rhetoric_spans", "One row per rhetorical-device span in a body sentence, with the rule that fired.", {
            "doc_id": _DOC_ID,
            "device": "the device (analysis/data/rhetoric_devices.csv)",
            "start": _START,
            "end": _END,
            "text": "the span as written",
            "rule": "the pattern, lexicon entry or ledger rule that fired",
            "sentence_id": "the body sentence it lies in (sentences.csv)",
            "ptc_technique": "the Propaganda Techniques Corpus name of the device's technique (empty when none)",
        }),
    ]
    return {spec.name: spec for spec in specs}


TABLE_SPECS: dict[str, TableSpec] = _table_specs()
#: The tables produced per chunk, in writing order.
TABLE_NAMES = list(TABLE_SPECS)


# ---------------------------------------------------------------- reading


def article_paths(folder: Path | str, pattern: str = "*.txt") -> list[Path]:
    """The article files under ``folder`` matching ``pattern``, sorted by path.

    ``"*.txt"`` (the default) reads the folder itself, as :func:`analysis.corpus.loading.load_corpus`
    does; ``"**/*.txt"`` also reads its subfolders (e.g. the BBC corpus's topics).
    Hidden files are skipped.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "corpus folder does not exist")
    paths = sorted(
        path for path in folder.glob(pattern)
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    if not paths:
        raise CorpusError(folder, f"corpus folder has no files matching {pattern!r}")
    return paths


def doc_id_of(path: Path, folder: Path) -> str:
    """The id of an article: its path under ``folder`` without the suffix (``sport/199``)."""
    return path.relative_to(folder).with_suffix("").as_posix()


def decode_article(data: bytes, path: Path | str, fallback: str | None = FALLBACK_ENCODING) -> tuple[str, str]:
    """Decode an article's bytes as UTF-8, or with ``fallback``, saying which.

    Returns ``(text, encoding)``; ``encoding`` is ``"utf-8"`` or records the
    fallback, e.g. ``"latin-1 (fallback: not UTF-8 at byte 257)"``.

    Raises
    ------
    CorpusError
        The same checks as :func:`analysis.corpus.loading.decode_article` (empty, too
        large, binary, only whitespace), and not UTF-8 when ``fallback`` is None.
    """
    from analysis.corpus import loading

    try:
        return loading.decode_article(data, path), "utf-8"
    except CorpusError as error:
        if fallback is None or "not valid UTF-8" not in error.problem:
            raise
    from analysis.overlap.near_duplicates import decode_with_fallback

    text, encoding = decode_with_fallback(data, path, fallback)
    if not text.strip():
        raise CorpusError(path, "the file has no text (only whitespace)")
    return text, encoding


def read_inputs(
    paths: Iterable[Path],
    folder: Path | str,
    errors: str = "record",
    fallback: str | None = FALLBACK_ENCODING,
    first_with_hash: dict[str, str] | None = None,
    manifest: dict[str, str] | None = None,
) -> tuple[list[dict], list[dict]]:
    """Read article files: ``(documents, inputs)`` as lists of records.

    ``documents`` have ``doc_id, file, path, sha256, n_bytes, raw, encoding``;
    ``inputs`` has one record per path (the ``inputs`` table). With
    ``errors="record"`` a file that cannot be used is listed with its problem and
    left out; with ``errors="raise"`` it raises :class:`CorpusError`.
    ``first_with_hash`` (sha256 → doc_id) carries duplicate detection across chunks.
    ``manifest`` (file name → sha256, from :func:`folder_manifest`) makes a file
    directly in ``folder`` whose bytes differ from its manifest entry a problem.
    """
    from analysis.corpus import loading

    if errors not in ("record", "raise"):
        raise ValueError(f"errors must be 'record' or 'raise', not {errors!r}")
    folder = Path(folder)
    manifest = manifest or {}
    seen = {} if first_with_hash is None else first_with_hash
    documents, inputs = [], []
    for path in paths:
        path = Path(path)
        doc_id = doc_id_of(path, folder)
        record = {"doc_id": doc_id, "file": path.name, "path": str(path), "sha256": "", "n_bytes": 0,
                  "encoding": "", "duplicate_of": "", "problem": ""}
        try:
            data = loading.read_article_bytes(path)
            record["n_bytes"] = len(data)
            record["sha256"] = loading.sha256_bytes(data)
            expected = manifest.get(path.name) if path.parent == folder else None
            if expected is not None and expected != record["sha256"]:
                raise CorpusError(path, f"its sha256 is {record['sha256']} but {config.MANIFEST_NAME} records {expected}")
            raw, record["encoding"] = decode_article(data, path, fallback)
        except CorpusError as error:
            if errors == "raise":
                raise
            record["problem"] = error.problem
            inputs.append(record)
            continue
        first = seen.setdefault(record["sha256"], doc_id)
        record["duplicate_of"] = first if first != doc_id else ""
        inputs.append(record)
        documents.append({key: record[key] for key in ("doc_id", "file", "path", "sha256", "n_bytes", "encoding")} | {"raw": raw})
    return documents, inputs


def folder_manifest(folder: Path | str) -> dict[str, str]:
    """``file -> sha256`` from the folder's ``manifest.csv`` (empty when it has none).

    Raises :class:`analysis.errors.ManifestError` for a malformed manifest.
    """
    from analysis.corpus.loading import read_manifest

    manifest = read_manifest(folder) if (Path(folder) / config.MANIFEST_NAME).exists() else None
    return {} if manifest is None else dict(zip(manifest["file"], manifest["sha256"]))


# ---------------------------------------------------------------- stages


def segment_documents(docs: pd.DataFrame) -> pd.DataFrame:
    """Segments of every document: the columns of :func:`analysis.corpus.loading.segment_corpus`.

    The same rules as :func:`analysis.corpus.segments.segment_text` (``line_spans`` then
    ``classify_lines``), assembled into one frame for all documents. Each document is
    segmented alone, without the corpus evidence :func:`analysis.corpus.loading.segment_corpus`
    uses (lines other articles print too), so that how the corpus is cut into chunks for
    the workers can never change a segment.
    """
    from analysis.corpus.loading import SEGMENT_TABLE_COLUMNS
    from analysis.corpus.segments import classify_lines, line_spans

    columns: dict[str, list] = {name: [] for name in SEGMENT_TABLE_COLUMNS}
    for doc_id, raw in docs[["doc_id", "raw"]].itertuples(index=False):
        spans = line_spans(raw)
        lines = [raw[start:end].strip() for start, end in spans]
        decisions = classify_lines(lines, len(raw), [start for start, _ in spans])
        for seq, ((start, end), (kind, label, reason)) in enumerate(zip(spans, decisions)):
            columns["doc_id"].append(doc_id)
            columns["seq"].append(seq)
            columns["start"].append(start)
            columns["end"].append(end)
            columns["kind"].append(kind)
            columns["label"].append(label)
            columns["reason"].append(reason)
            columns["text"].append(raw[start:end])
    frame = pd.DataFrame(columns, columns=SEGMENT_TABLE_COLUMNS)
    return frame.astype({"seq": "int64", "start": "int64", "end": "int64"})


def split_body_sentences(body: pd.DataFrame, raw_by_doc: dict[str, str], batch_size: int = SPACY_BATCH_SIZE) -> pd.DataFrame:
    """Sentences of body segments: :func:`analysis.corpus.sentences.split_sentences`.

    Table rows are split into cells (:func:`analysis.corpus.segments.table_cells`); every
    other segment by spaCy's sentencizer, run over all segments in batches, and each
    split is kept for :func:`analysis.corpus.sentences.split_text` (the attribution
    ledger splits the same segments).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`analysis.corpus.sentences.SENTENCE_COLUMNS`.
    """
    from analysis.corpus.sentences import split_sentences

    return split_sentences(body, raw_by_doc, batch_size)


def score_sentences(counted: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tone of each sentence, as :func:`analysis.readability_tone.tone.sentence_tone`, plus the hedge and booster matches.

    Parameters
    ----------
    counted : DataFrame
        Sentences with ``doc_id, start, end, text``; a ``words`` column (from
        :func:`analysis.readability_tone.readability.sentence_counts`) is reused when present.

    Returns
    -------
    (scored, matches)
        ``scored`` has the columns of :func:`analysis.readability_tone.tone.sentence_tone` (the
        input's, then ``words, compound, neg, neu, pos, hedges, boosters,
        actors``); ``matches`` is :func:`analysis.readability_tone.tone.find_hedges_boosters` of the
        sentences with ``sentence_id`` added.
    """
    from analysis.readability_tone import tone, vader_batch
    from analysis.provenance.actors import actors_in_sequence
    from analysis.readability_tone.readability import count_words

    scored = counted.reset_index(drop=True).copy()
    if "words" not in scored.columns:
        scored["words"] = [count_words(text) for text in scored["text"]]
    else:
        # sentence_tone puts ``words`` after the input columns; keep that order.
        scored["words"] = scored.pop("words")
    scored[tone.VADER_COLUMNS] = vader_batch.vader_scores(scored["text"])[tone.VADER_COLUMNS].to_numpy()
    matches = tone.find_hedges_boosters(scored)
    for kind, column in (("hedge", "hedges"), ("booster", "boosters")):
        counts = matches[matches["kind"].eq(kind)].groupby("span").size()
        scored[column] = scored.index.map(counts).fillna(0).astype("int64")
    scored["actors"] = actors_in_sequence(scored["doc_id"], scored["text"], scored["start"] if "start" in scored.columns else None)
    if "sentence_id" in scored.columns:
        matches["sentence_id"] = scored["sentence_id"].to_numpy()[matches["span"].to_numpy(dtype="int64")] if len(matches) else pd.Series(dtype="int64")
    return scored, matches


def _rhetoric_spans(docs: pd.DataFrame, sentences: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    from analysis.rhetoric import detector

    return detector.detect_devices(docs, sentences=sentences, segments=segments)


def rhetoric_available() -> bool:
    """Whether :mod:`analysis.rhetoric.detector` is installed (its spans are then part of every run)."""
    try:
        from analysis.rhetoric import detector  # noqa: F401
    except ImportError:
        return False
    return True


def document_tables(documents: pd.DataFrame | list[dict], include_rhetoric: bool = True) -> dict[str, pd.DataFrame]:
    """Every per-document table for a batch of documents.

    Parameters
    ----------
    documents : DataFrame or list of dict
        At least ``doc_id`` and ``raw`` (the exact text); ``file``, ``sha256``,
        ``n_bytes``, ``path`` and ``encoding`` are carried into ``corpus`` when
        present. Ids must be unique.
    include_rhetoric : bool
        Run :func:`analysis.rhetoric.detector.detect_devices` (the slowest stage) when the
        module is installed.

    Returns
    -------
    dict of DataFrame
        ``corpus, segments, readability, sentences, tone, actor_tone,
        hedges_boosters, actor_mentions`` and, with rhetoric, ``rhetoric_spans``;
        columns as in :data:`TABLE_SPECS`. Rows follow the order of ``documents``.
    """
    from analysis.readability_tone import readability, tone, vader_batch

    docs = pd.DataFrame(documents)
    if docs.empty:
        with_rhetoric = include_rhetoric and rhetoric_available()
        return {name: empty_table(name) for name in TABLE_NAMES if name != "inputs" and (name != "rhetoric_spans" or with_rhetoric)}
    if docs["doc_id"].duplicated().any():
        raise ValueError(f"document ids appear twice: {sorted(set(docs.loc[docs['doc_id'].duplicated(), 'doc_id']))[:10]}")
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))

    segments = segment_documents(docs)
    is_body = segments["kind"].eq("body")
    body = segments[is_body]
    lengths = segments["end"] - segments["start"]
    per_doc = pd.DataFrame({
        "n_body_chars": lengths.where(is_body, 0).groupby(segments["doc_id"]).sum(),
        "n_furniture_chars": lengths.where(~is_body, 0).groupby(segments["doc_id"]).sum(),
        "n_segments": segments.groupby("doc_id").size(),
    })
    body_text = body.assign(stripped=body["text"].str.strip()).groupby("doc_id", sort=False)["stripped"].agg("\n\n".join)
    titles = segments[segments["label"].eq("title")].groupby("doc_id", sort=False)["text"].first().str.strip()
    for column, default in (("file", ""), ("path", ""), ("sha256", ""), ("encoding", "utf-8")):
        if column not in docs.columns:
            docs[column] = default
    if "n_bytes" not in docs.columns:
        docs["n_bytes"] = [len(raw.encode("utf-8")) for raw in docs["raw"]]
    if not docs["sha256"].astype(bool).all():
        docs["sha256"] = [s or hashlib.sha256(raw.encode("utf-8")).hexdigest() for s, raw in zip(docs["sha256"], docs["raw"])]
    docs["body"] = docs["doc_id"].map(body_text).fillna("")
    docs["n_chars"] = docs["raw"].str.len()
    for column in ("n_body_chars", "n_furniture_chars", "n_segments"):
        docs[column] = docs["doc_id"].map(per_doc[column]).fillna(0).astype("int64")
    docs["title"] = docs["doc_id"].map(titles).fillna("")

    with_rhetoric = include_rhetoric and rhetoric_available()
    # Every split is kept for analysis.corpus.sentences.split_text, which the attribution
    # ledger of the rhetoric stage calls on the same body segments.
    sentences = split_body_sentences(body, raw_by_doc)
    counted = readability.sentence_counts(sentences)
    per_article = readability.readability(counted) if len(counted) else empty_table("readability")
    scored, matches = score_sentences(counted)
    summary = tone.tone_summary(scored) if len(scored) else empty_table("tone").drop(columns="document_compound")
    summary["document_compound"] = vader_batch.vader_scores(summary["doc_id"].map(docs.set_index("doc_id")["body"]))["compound"].to_numpy()

    mentions = tone.actor_mentions(scored, raw_by_doc)
    out = {
        "corpus": docs[list(TABLE_SPECS["corpus"].columns)],
        "segments": segments[list(TABLE_SPECS["segments"].columns)],
        "readability": per_article[list(TABLE_SPECS["readability"].columns)],
        "sentences": scored[["doc_id", "sentence_id", "start", "end", "text", "compound", "hedges", "boosters"]].assign(
            actors=scored["actors"].str.join("; ")
        ),
        "tone": summary[list(TABLE_SPECS["tone"].columns)],
        "actor_tone": tone.actor_tone(mentions)[list(TABLE_SPECS["actor_tone"].columns)],
        "hedges_boosters": matches.reindex(columns=list(TABLE_SPECS["hedges_boosters"].columns)),
        "actor_mentions": mentions[list(TABLE_SPECS["actor_mentions"].columns)],
    }
    if with_rhetoric:
        spans = _rhetoric_spans(docs[DOC_COLUMNS], sentences, segments)
        out["rhetoric_spans"] = spans[list(TABLE_SPECS["rhetoric_spans"].columns)]
    return {name: frame.reset_index(drop=True) for name, frame in out.items()}


def empty_table(name: str) -> pd.DataFrame:
    """An empty frame with the columns of table ``name`` (see :data:`TABLE_SPECS`)."""
    return pd.DataFrame(columns=list(TABLE_SPECS[name].columns))


# ---------------------------------------------------------------- whole folders


def _progress(total: int, enabled: bool, description: str, unit: str = "doc"):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=description, unit=unit, disable=not enabled, mininterval=1.0)


def iter_chunk_tables(
    folder: Path | str,
    pattern: str = "*.txt",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    errors: str = "record",
    include_rhetoric: bool = True,
    progress: bool = True,
) -> Iterator[dict[str, pd.DataFrame]]:
    """The tables of :func:`document_tables`, one chunk of ``chunk_size`` files at a time, plus ``inputs``.

    Memory holds one chunk's texts and tables. A tqdm bar counts documents.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    folder = Path(folder)
    paths = article_paths(folder, pattern)
    manifest = folder_manifest(folder)
    seen: dict[str, str] = {}
    problems: list[str] = []
    with _progress(len(paths), progress, "per-document stages") as bar:
        for begin in range(0, len(paths), chunk_size):
            chunk = paths[begin:begin + chunk_size]
            documents, inputs = read_inputs(chunk, folder, errors=errors, first_with_hash=seen, manifest=manifest)
            problems += [f"{record['file']}: {record['problem']}" for record in inputs if record["problem"]]
            tables = document_tables(documents, include_rhetoric=include_rhetoric)
            tables["inputs"] = pd.DataFrame(inputs, columns=list(TABLE_SPECS["inputs"].columns))
            bar.update(len(chunk))
            yield tables
    warn_left_out(folder, problems)


def warn_left_out(folder: Path | str, problems: list[str], shown: int = 5) -> None:
    """Warn (:class:`LeftOutFiles`) that files were left out, naming the first ``shown`` as ``file: problem``."""
    if problems:
        more = f"; and {len(problems) - shown:,} more" if len(problems) > shown else ""
        warnings.warn(f"{len(problems):,} file(s) under {folder} were left out (inputs.csv says why for each): "
                      f"{'; '.join(problems[:shown])}{more}", LeftOutFiles, stacklevel=3)


def corpus_tables(folder: Path | str, pattern: str = "*.txt", chunk_size: int = DEFAULT_CHUNK_SIZE, **options) -> dict[str, pd.DataFrame]:
    """All tables of a folder in memory (for thousands of articles; stream millions with :func:`write_corpus_tables`).

    Options are those of :func:`iter_chunk_tables`. Rows are in document order, so
    the result does not depend on ``chunk_size``.
    """
    parts: dict[str, list[pd.DataFrame]] = {}
    for tables in iter_chunk_tables(folder, pattern, chunk_size, **options):
        for name, frame in tables.items():
            parts.setdefault(name, []).append(frame)
    return {name: concat_tables(name, parts[name]) for name in TABLE_NAMES if name in parts}


def concat_tables(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunks of one table stacked in order (the empty columns of ``name`` when there are none)."""
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return empty_table(name)
    return pd.concat(frames, ignore_index=True)


def write_sidecar(folder: Path, spec: TableSpec, rows: int) -> Path:
    """The column dictionary ``<name>.columns.json``, in :func:`analysis.report.tables.write_table`'s format."""
    sidecar = {"table": f"{spec.name}.csv", "description": spec.description, "rows": int(rows), "columns": spec.columns}
    path = folder / f"{spec.name}.columns.json"
    path.write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


class TableWriter:
    """Append chunks of the tables to ``<out_dir>/<name>.csv``; :meth:`close` writes the column dictionaries.

    The CSVs are written as :func:`analysis.report.tables.write_table` writes them (UTF-8,
    ``\\n`` line ends, no index, formula-like text behind a ``'``), so the build's index page and ``tables/README.md``
    pick them up. Used by :func:`write_corpus_tables` and by the cluster path.
    """

    def __init__(self, out_dir: Path | str):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.rows: dict[str, int] = {}

    def write(self, tables: dict[str, pd.DataFrame]) -> None:
        for name, frame in tables.items():
            first = name not in self.rows
            write_csv(frame, self.out / f"{name}.csv", mode="w" if first else "a", header=first)
            self.rows[name] = self.rows.get(name, 0) + len(frame)

    def close(self) -> dict[str, Path]:
        written = {}
        for name in TABLE_NAMES:
            if name in self.rows:
                write_sidecar(self.out, TABLE_SPECS[name], self.rows[name])
                written[name] = self.out / f"{name}.csv"
        return written


def write_corpus_tables(
    folder: Path | str,
    out_dir: Path | str | None = None,
    pattern: str = "*.txt",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    **options,
) -> dict[str, Path]:
    """Stream every table of a folder to ``<out_dir>/<name>.csv``, one chunk at a time.

    Each CSV has its column dictionary beside it (:class:`TableWriter`). Memory
    holds one chunk. ``out_dir`` defaults to :func:`analysis.config.tables_dir`.
    Options are those of :func:`iter_chunk_tables`.

    Returns
    -------
    dict
        ``name -> path`` of each CSV written.
    """
    writer = TableWriter(out_dir if out_dir is not None else config.tables_dir())
    for tables in iter_chunk_tables(folder, pattern, chunk_size, **options):
        writer.write(tables)
    return writer.close()


# ---------------------------------------------------------------- near-duplicates


def near_duplicate_pairs(
    documents: Iterable[tuple[str, str]],
    threshold: float = 0.5,
    candidate_threshold: float | None = None,
    shingle_size: int = 5,
    num_perm: int = 128,
    progress: bool = False,
    total: int | None = None,
) -> pd.DataFrame:
    """Near-duplicate pairs in a stream of ``(doc_id, text)``: MinHash LSH, exact Jaccard on candidates.

    A thin wrapper on :func:`analysis.overlap.near_duplicates.find_near_duplicates` (the
    overlap analysis's implementation: word shingles, datasketch LSH, exact scoring)
    that adds a progress bar. The default threshold 0.5 is the one
    :mod:`analysis.corpus.add` uses for "near duplicate".

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_a, doc_b, estimated_jaccard, jaccard``; ``attrs`` as
        ``find_near_duplicates`` sets them.
    """
    from analysis.overlap.near_duplicates import find_near_duplicates

    if progress:
        from tqdm.auto import tqdm

        documents = tqdm(documents, total=total, desc="near-duplicates", unit="doc", mininterval=1.0)
    return find_near_duplicates(
        documents, threshold=threshold, shingle_size=shingle_size, num_perm=num_perm, candidate_threshold=candidate_threshold
    )
