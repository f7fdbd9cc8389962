"""Bylines and publication dates read from a page's text, checked against what the page's own markup states.

::

    python -m analysis.evaluate page-metadata --pages DIR --truth FILE [--part report|tune|all]

The provenance layer reads who wrote a page and when from the text a reader sees
(:mod:`analysis.provenance.page_metadata`, :func:`analysis.provenance.publication.document_provenance`).
Nobody here annotated bylines, but a saved page usually also states its author
and publication date in its markup for search engines — schema.org JSON-LD
(``author``, ``datePublished``) and meta tags (``author``,
``article:published_time``) — which the text rules never read. So, on the saved
pages of ``../shared/data/web-articles`` (the furniture evaluation's pages, same
tune/report split by site), each page is rendered to browser-copy text
(:func:`analysis.evaluate.furniture.render_page`), segmented with the other
pages of its part, and its provenance read from that text alone; then:

* **author**: of the pages whose markup names an author, the share where the
  text path states one (coverage) and, of those, the share where the stated
  name and a markup name contain one another, case-folded (agreement — markup
  names are sometimes "By JANE OKAFOR, AP Writer");
* **published**: of the pages whose markup states a plausible ``datePublished``
  (after 1995), the share where the text path states a publication date, and of
  those the share where the markup date starts with it (it may be less precise).

A page whose markup states nothing is not scored for that field; a stated value
on such a page is counted separately (it cannot be checked). The rules were
developed looking at the tune part; the report part (default) is held out. Ends
with ``author_agreement=<value>`` and ``date_agreement=<value>``.
"""

from __future__ import annotations

import html
import sys

import pandas as pd

from analysis.evaluate import furniture, scoring

RESULT_COLUMNS = ["page_id", "site", "author", "author_basis", "markup_authors", "author_agrees",
                  "published", "published_basis", "published_kind", "markup_published", "date_agrees", "updated"]
_AUTHOR_META = {"author", "article:author", "parsely-author", "sailthru.author", "dc.creator"}
#: Markup dates before this are placeholders ("0001-01-01"), not a publication.
EARLIEST_PLAUSIBLE = "1995-01-01"


def markup_authors(markup: str) -> set[str]:
    """The author names a page's markup states: JSON-LD ``author`` (names, not URLs) and author meta tags."""
    from analysis.corpus.add import _ATTRIBUTE, _META_TAG, _json_ld_objects

    names = set()
    for item in _json_ld_objects(markup):
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str):
                names.add(name)
    for tag in _META_TAG.findall(markup):
        attributes = {key.casefold(): value.strip("\"'") for key, value in _ATTRIBUTE.findall(tag)}
        if (attributes.get("name") or attributes.get("property") or "").casefold() in _AUTHOR_META:
            names.add(attributes.get("content", ""))
    cleaned = {" ".join(html.unescape(name).split()) for name in names}
    return {name for name in cleaned if name and not name.startswith(("http://", "https://", "www."))}


def _agrees(stated: str, truths: set[str]) -> bool:
    stated = stated.casefold()
    return bool(stated) and any(truth.casefold() in stated or stated in truth.casefold() for truth in truths)


def evaluate_pages(pages: pd.DataFrame) -> pd.DataFrame:
    """One row per page (:data:`RESULT_COLUMNS`): what the text path states and what the markup says."""
    from analysis.corpus.add import page_dates
    from analysis.corpus.segments import segment_corpus_texts
    from analysis.provenance import publication

    rendered = {row.page_id: furniture.render_page(row.markup) for row in pages.itertuples(index=False)}
    segmented = segment_corpus_texts(rendered, sites=dict(zip(pages["page_id"], pages["site"])))
    frames = []
    for page_id, table in segmented.items():
        raw = rendered[page_id]
        frames.append(table.assign(doc_id=page_id, text=[raw[s:e] for s, e in zip(table["start"], table["end"])]))
    segments = pd.concat(frames, ignore_index=True)[["doc_id", "seq", "start", "end", "kind", "label", "reason", "text"]]
    docs = pd.DataFrame({"doc_id": list(rendered), "raw": list(rendered.values()), "sha256": ""})
    docs["n_chars"] = docs["raw"].str.len()
    evidence = publication.provenance_evidence(docs, segments=segments)
    documents = publication.document_provenance(docs, evidence).set_index("doc_id")
    rows = []
    for row in pages.itertuples(index=False):
        doc = documents.loc[row.page_id]
        authors = markup_authors(row.markup)
        stated_date = page_dates(row.markup).get("published", "")
        stated_date = stated_date if stated_date >= EARLIEST_PLAUSIBLE else ""
        author = doc["author"] if doc["author_basis"] == "stated" else ""
        published = doc["published"] if doc["published_basis"] == "stated" else ""
        rows.append({"page_id": row.page_id, "site": row.site, "author": author, "author_basis": doc["author_basis"],
                     "markup_authors": "; ".join(sorted(authors)), "author_agrees": _agrees(author, authors),
                     "published": published, "published_basis": doc["published_basis"], "published_kind": doc["published_kind"],
                     "markup_published": stated_date, "date_agrees": bool(published and stated_date and stated_date.startswith(published)),
                     "updated": doc["updated"]})
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def summary(results: pd.DataFrame) -> list[dict]:
    """Coverage and agreement per field (the table the command prints)."""
    out = []
    for field, truth, stated, agrees in (("author", "markup_authors", "author", "author_agrees"),
                                         ("published", "markup_published", "published", "date_agrees")):
        checked = results[results[truth].ne("")]
        said = checked[checked[stated].ne("")]
        unchecked = results[results[truth].eq("") & results[stated].ne("")]
        out.append({"field": field, "pages_with_markup": len(checked), "stated": len(said),
                    "coverage": len(said) / len(checked) if len(checked) else None,
                    "agreement": said[agrees].mean() if len(said) else None, "stated_without_markup": len(unchecked)})
    return out


def _run(args) -> int:
    if scoring.missing_data([args.pages, args.truth]):
        return 0
    pages = furniture.read_pages(args.pages, args.truth, args.part)
    if pages.empty:
        print(f"no {args.part} pages in {args.truth}", file=sys.stderr)
        return 1
    if args.part != "report":
        print(f"note: {args.part} includes the pages the rules were developed on; these figures are in-sample")
    print(f"reading the bylines and dates of {len(pages):,} pages from their text ...", flush=True)
    rows = summary(evaluate_pages(pages))
    scoring.print_table(rows, [("field", "field", ""), ("pages_with_markup", "pages whose markup says", ","),
                               ("stated", "text path states", ","), ("coverage", "coverage", ".3f"),
                               ("agreement", "agrees with markup", ".3f"), ("stated_without_markup", "stated, unchecked", ",")])
    scoring.final_line("author_agreement", rows[0]["agreement"] or 0.0)
    scoring.final_line("date_agreement", rows[1]["agreement"] or 0.0)
    return 0


def _add_arguments(parser) -> None:
    furniture._add_arguments(parser)


TASKS = [scoring.Task("page-metadata", "check the bylines and publication dates read from page text against the pages' own "
                      "markup (saved web pages)", _add_arguments, _run)]
