"""One human name per article, used by every report: the outlet and the article's number.

``"AzerNews (001)"`` when the page states or the registry identifies its outlet;
``"unknown site A (000)"``, ``"unknown site B (004)"`` … when it does not (letters
in corpus order, so two unknown pages never share a name). The number is the
file's numeric prefix (``001`` of ``001_4f3f…``) or, for a file without one, its
id. Labels are plain text: escape them like any other string on the way to HTML
or Markdown.

In a build the labels are computed once (they need the provenance of every page)
and cached beside the corpus layer; :func:`article_labels` loads them.
"""

from __future__ import annotations

import os
import re

import pandas as pd

_NUMBERED = re.compile(r"^(\d+)_")
#: Outlet bases trusted for a name: printed on the page, curated by a person, or inferred from agreeing cues.
NAMING_BASES = ("stated", "curated", "inferred")


def article_number(doc_id: str) -> str:
    """``"001"`` for ``"001_4f3f…"``; the whole id when it has no numeric prefix."""
    match = _NUMBERED.match(doc_id)
    return match.group(1) if match else doc_id


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA … (spreadsheet columns), so any number of unknown sites gets a name."""
    name = ""
    n += 1
    while n:
        n, remainder = divmod(n - 1, 26)
        name = chr(65 + remainder) + name
    return name


def labels_from_outlets(documents: pd.DataFrame) -> dict[str, str]:
    """``doc_id -> label`` from a table with ``doc_id, outlet, outlet_basis`` (one row per article, corpus order).

    Examples
    --------
    >>> labels_from_outlets(pd.DataFrame({"doc_id": ["000_a", "001_b", "004_c"],
    ...     "outlet": ["", "AzerNews", ""], "outlet_basis": ["unknown", "stated", "unknown"]}))
    {'000_a': 'unknown site A (000)', '001_b': 'AzerNews (001)', '004_c': 'unknown site B (004)'}
    """
    labels, unknown = {}, 0
    for doc_id, outlet, basis in documents[["doc_id", "outlet", "outlet_basis"]].itertuples(index=False):
        outlet = "" if pd.isna(outlet) else str(outlet).strip()
        if outlet and basis in NAMING_BASES:
            name = outlet
        else:
            name = f"unknown site {_letters(unknown)}"
            unknown += 1
        labels[doc_id] = f"{name} ({article_number(doc_id)})"
    return labels


def article_labels(corpus, cache: bool | None = None) -> dict[str, str]:
    """``doc_id -> label`` for every article of a :class:`analysis.corpus.layer.Corpus`.

    The outlet comes from :func:`analysis.provenance.publication.document_provenance`
    (the page's own statement, the manifest, or agreeing registry cues). Cached in a
    build like the corpus layer (``cache`` as :func:`analysis.corpus.layer.open_corpus`).
    """
    from analysis.provenance import publication

    def compute() -> dict[str, str]:
        evidence = publication.provenance_evidence(corpus.docs, corpus.manifest, segments=corpus.segments)
        documents = publication.document_provenance(corpus.docs, evidence)
        return labels_from_outlets(documents)

    if cache is None:
        cache = os.environ.get("WORKBOOK_BUILD") == "1"
    if not cache:
        return compute()
    from analysis.corpus.layer import CACHED_CORPORA
    from analysis.report import result_cache

    return result_cache.cached("article-labels", corpus.cache_key(), compute, keep=CACHED_CORPORA)
