"""Helpers behind the media-analysis workbook, one sub-package per question.

Layout (``docs/architecture.md`` has the data flow)::

    analysis.corpus            reading, verifying, segmenting and sentence-splitting articles; adding one
    analysis.provenance        report 01: publication facts, the attribution ledger, actors
    analysis.readability_tone  report 02: readability, sentiment, hedges and boosters, tone per actor
    analysis.rhetoric          report 03: devices and frames as raw-text spans
    analysis.overlap           report 04: shared words, passages, entities, claims; style; near-duplicates
    analysis.evaluate          scoring against annotated data (``python -m analysis.evaluate TASK``)
    analysis.scale             the per-document stages over thousands of articles, or on a Dask cluster
    analysis.report            the build, HTML display, tables, report limits, result cache, templates
    analysis.config            every path, resolved from the project root
    analysis.errors            errors a user can act on (each names the file)

The stable public API is the names below: ``from analysis import load_corpus``
keeps working whichever module holds the function. Each returns tidy pandas
objects with documented columns (see each function's docstring). Everything is
imported lazily, so ``python -m analysis build`` decides in milliseconds that
nothing needs rebuilding.
"""

from importlib import import_module

#: public name -> module that defines it
PUBLIC_API = {
    # the corpus layer
    "open_corpus": "analysis.corpus.layer",
    "read_article": "analysis.corpus.loading",
    "read_manifest": "analysis.corpus.loading",
    "load_corpus": "analysis.corpus.loading",
    "segment_corpus": "analysis.corpus.loading",
    "body_segments": "analysis.corpus.loading",
    "segment_text": "analysis.corpus.segments",
    "split_sentences": "analysis.corpus.sentences",
    "body_sentences": "analysis.corpus.sentences",
    "add_article": "analysis.corpus.add",
    # provenance
    "provenance_evidence": "analysis.provenance.publication",
    "document_provenance": "analysis.provenance.publication",
    "date_mentions": "analysis.provenance.publication",
    "page_signals": "analysis.provenance.publication",
    "find_attributions": "analysis.provenance.attribution",
    "sourcing_profile": "analysis.provenance.attribution",
    "load_gazetteer": "analysis.provenance.actors",
    "tag_mentions": "analysis.provenance.actors",
    # readability and tone
    "readability": "analysis.readability_tone.readability",
    "sentence_tone": "analysis.readability_tone.tone",
    "tone_summary": "analysis.readability_tone.tone",
    "actor_tone": "analysis.readability_tone.tone",
    "find_hedges_boosters": "analysis.readability_tone.tone",
    # rhetoric
    "detect_devices": "analysis.rhetoric.detector",
    "track_frames": "analysis.rhetoric.detector",
    "article_summary": "analysis.rhetoric.detector",
    # overlap
    "body_tokens": "analysis.overlap.similarity",
    "tfidf_cosine": "analysis.overlap.similarity",
    "keyness": "analysis.overlap.similarity",
    "shared_ngrams": "analysis.overlap.similarity",
    "shared_passages": "analysis.overlap.similarity",
    "overlap_pairs": "analysis.overlap.similarity",
    "quantity_mentions": "analysis.overlap.claims",
    "match_claims": "analysis.overlap.claims",
    "shared_claims": "analysis.overlap.claims",
    "delta_pairs": "analysis.overlap.stylometry",
    "find_near_duplicates": "analysis.overlap.near_duplicates",
    "candidate_pairs": "analysis.overlap.candidates",
    # scale
    "corpus_tables": "analysis.scale.stages",
    "write_corpus_tables": "analysis.scale.stages",
    # tables
    "write_table": "analysis.report.tables",
}

__all__ = sorted(PUBLIC_API)


def __getattr__(name: str):
    if name in PUBLIC_API:
        return getattr(import_module(PUBLIC_API[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(PUBLIC_API))
