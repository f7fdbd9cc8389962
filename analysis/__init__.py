"""Helpers behind the media-analysis workbook.

Public modules (import the one you need; each returns tidy pandas objects with
documented, stable columns):

``analysis.config``      every path, resolved from the project root
``analysis.corpus``      load and verify articles; segments (body vs furniture)
``analysis.segments``    the segmentation and furniture rules
``analysis.sentences``   body sentences with raw-text offsets
``analysis.actors``      the actor gazetteer and alias tagging
``analysis.attribution`` the attribution ledger: quotations, reported statements, scare quotes
``analysis.provenance``  who published each article, who wrote it, when (with the basis)
``analysis.readability`` readability of the body, per sentence, paragraph and article
``analysis.tone``        sentence sentiment, hedges and boosters, tone per actor
``analysis.rhetoric``    rhetorical devices and figurative frames as raw-text spans
``analysis.evaluate``    score the rhetoric detector on the Propaganda Techniques Corpus
``analysis.display``     escaped, highlighted HTML for the reports
``analysis.tables``      CSV exports with a column dictionary
``analysis.build``       execute the notebooks and export HTML (``make report``)
``analysis.result_cache`` results that do not depend on the corpus (the PTC evaluation), cached on content
``analysis.add``         add an article or saved page to the corpus (``python -m analysis add``)
``analysis.candidates``  the pairs of articles a large corpus compares (nearest neighbours, shared rare passages and figures)
``analysis.scale``       the per-document stages over thousands of articles, streamed (``python -m analysis.scale``)
``analysis.cluster``     the same stages on a Dask cluster
``analysis.textstat_batch`` textstat's own figures for many texts, each word looked up once
``analysis.vader_batch`` VADER's sentence scores, the same values, faster
``analysis.report_limits`` how many per-article items a report shows (all for a small corpus)

Submodules are imported lazily so that ``python -m analysis.build`` can decide
in milliseconds that nothing needs rebuilding.
"""

from importlib import import_module

__all__ = ["config", "corpus", "segments", "sentences", "actors", "attribution", "provenance", "readability", "tone", "rhetoric", "evaluate", "display", "tables", "build", "result_cache", "add", "overlap", "claims", "stylometry", "near_duplicates", "candidates", "scale", "cluster", "textstat_batch", "vader_batch", "report_limits"]


def __getattr__(name: str):
    if name in __all__:
        return import_module(f"analysis.{name}")
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
