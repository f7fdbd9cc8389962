"""The corpus layer as one object: what every notebook starts from.

::

    from analysis.corpus.layer import open_corpus
    corpus = open_corpus(CORPUS_DIR)      # verified against the manifest
    corpus.docs                           # one row per article (load_corpus)
    corpus.segments                       # one row per segment, body or furniture (segment_corpus)
    corpus.body                           # the body segments only
    corpus.sentences                      # body sentences with raw offsets (split_sentences)
    corpus.raw_by_doc["001_…"]            # doc_id -> raw text

Each part is computed once, on first use, and shared by the steps of a notebook,
so no notebook segments or splits the corpus twice. In a build, the corpus is read,
segmented and split once for all notebooks: the build computes the layer before it
starts them and caches it on the contents of the corpus folder, the package and the
installed packages (:mod:`analysis.report.result_cache`), and each notebook's
``open_corpus`` loads it from there.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.corpus import loading, sentences

#: Corpora whose layer stays cached at once (seeds, a large corpus, a test folder …).
CACHED_CORPORA = 4


@dataclass
class Corpus:
    """A verified corpus folder and its segments and body sentences (see the module docstring)."""

    folder: Path
    docs: pd.DataFrame = field(repr=False)

    @cached_property
    def raw_by_doc(self) -> dict[str, str]:
        """``doc_id -> raw text``: the evidence every span's offsets point into."""
        return dict(zip(self.docs["doc_id"], self.docs["raw"]))

    @cached_property
    def manifest(self) -> pd.DataFrame:
        """The folder's ``manifest.csv`` (:func:`analysis.corpus.loading.read_manifest`)."""
        return loading.read_manifest(self.folder)

    @cached_property
    def segments(self) -> pd.DataFrame:
        """Every segment: ``doc_id, seq, start, end, kind, label, reason, text``."""
        return loading.segment_corpus(self.docs)

    @cached_property
    def body(self) -> pd.DataFrame:
        """The body segments (same columns as :attr:`segments`)."""
        return self.segments[self.segments["kind"].eq("body")].reset_index(drop=True)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """Body sentences: ``doc_id, sentence_id, seq, segment_label, start, end, text``."""
        return sentences.split_sentences(self.body, self.raw_by_doc)

    @cached_property
    def titles(self) -> pd.Series:
        """Each article's title line (its first segment labelled ``title``; empty if none), by ``doc_id``."""
        titled = self.segments[self.segments["label"].eq("title")]
        return titled.groupby("doc_id")["text"].first().str.strip().reindex(self.docs["doc_id"]).fillna("")

    def __len__(self) -> int:
        return len(self.docs)

    def cache_key(self) -> str:
        """Key of results computed from this corpus: the folder's contents, the package, the installed packages and the path.

        The path is part of it: two folders with the same files are two corpora
        (their doc ids agree, their paths do not).
        """
        return corpus_cache_key(self.folder)


def corpus_cache_key(folder: Path) -> str:
    """:meth:`Corpus.cache_key` of the corpus in ``folder``."""
    from analysis.report import result_cache

    return hashlib.sha256(f"{result_cache.content_key(folder)}\n{Path(folder).resolve()}".encode()).hexdigest()


def open_corpus(folder: Path | str | None = None, cache: bool | None = None) -> Corpus:
    """Load and verify the corpus folder (default: :func:`analysis.config.corpus_dir`).

    Parameters
    ----------
    folder : path, optional
        The corpus folder.
    cache : bool, optional
        Read the layer from the result cache, computing and storing it when absent.
        By default only inside a build (``WORKBOOK_BUILD=1``, which the build sets),
        so a script or test never leaves cache entries behind.

    Returns
    -------
    Corpus
        With ``docs`` loaded; segments, body and sentences follow on first use
        (or come from the cache, all at once).

    Raises
    ------
    CorpusError
        As :func:`analysis.corpus.loading.load_corpus`.
    """
    folder = Path(folder) if folder is not None else config.corpus_dir()
    if cache is None:
        cache = os.environ.get("WORKBOOK_BUILD") == "1"
    if not cache:
        return Corpus(folder=folder, docs=loading.load_corpus(folder))
    from analysis.report import result_cache

    def compute() -> dict[str, pd.DataFrame]:
        corpus = Corpus(folder=folder, docs=loading.load_corpus(folder))
        return {"docs": corpus.docs, "segments": corpus.segments, "sentences": corpus.sentences}

    parts = result_cache.cached("corpus-layer", corpus_cache_key(folder), compute, keep=CACHED_CORPORA)
    corpus = Corpus(folder=folder, docs=parts["docs"])
    corpus.__dict__.update(segments=parts["segments"], sentences=parts["sentences"])  # what cached_property would compute
    return corpus
