"""The index page as an overview: key findings across the reports, then one row per article compared.

Everything here is computed from the tables the reports exported (``<exports>/tables``),
so the overview follows whatever the analyses produce and changes when the corpus
changes. A finding or a cell links to the report section that holds its evidence.

::

    from analysis.report import overview
    html = overview.overview_html(exports / "tables", labels)      # findings + comparison table
    table = overview.outlet_comparison(exports / "tables", labels) # the same rows as a DataFrame
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from analysis.report import findings as findings_module
from analysis.report.findings import Finding

#: The comparison table of a large corpus shows this many rows before "show all" (every row is in the CSV).
SHOWN_ROWS = 20
#: An actor's stance is shown for an article only with at least this many mentions there.
MIN_MENTIONS = 3
#: Which report and section hold the evidence of each column of the comparison (report file, section id).
EVIDENCE = {
    "outlet": ("01_provenance.html", "key-findings"),
    "reading_ease": ("02_readability_tone.html", "key-findings"),
    "sourcing": ("01_provenance.html", "key-findings"),
    "stance": ("02_readability_tone.html", "key-findings"),
    "rhetoric": ("03_rhetoric.html", "key-findings"),
    "closest": ("04_overlap.html", "key-findings"),
}

COMPARISON_DESCRIPTION = ("One row per article: who published it and how it writes, side by side "
                          "(computed from the other tables; the index page shows it first).")
COMPARISON_DICTIONARY = {
    "doc_id": "article id (the file's stem)",
    "article": "the article's label in every report: outlet (or unknown site A, B …) and number",
    "outlet_basis": "how the outlet is known: stated on the page, curated, inferred from cues, or unknown (documents.csv)",
    "author": "the author the page states (documents.csv)",
    "published": "publication date, YYYY, YYYY-MM or YYYY-MM-DD (documents.csv)",
    "genre": "news, opinion, analysis … as the page states or its cues imply (documents.csv)",
    "body_words": "words of the article body (readability.csv)",
    "reading_ease": "Flesch reading ease of the body, higher is easier (readability.csv)",
    "named_sources": "attributions to a named source (sourcing_profile.csv)",
    "vague_sources": "attributions to a vague source such as 'experts' (sourcing_profile.csv)",
    "share_sourced": "share of body sentences with an attribution (sourcing_profile.csv)",
    "main_actor": "the actor the whole corpus mentions most (actor_tone.csv)",
    "stance_main_actor": f"mean stance of the article toward that actor, -1 to 1; empty with fewer than {MIN_MENTIONS} mentions (actor_tone.csv)",
    "emotive_per_1000_words": "argument and emotive devices (loaded language, name-calling …) per 1,000 body words (rhetoric_summary.csv)",
    "template_per_1000_words": "hedges, boosters and stock phrases of template prose per 1,000 body words (rhetoric_summary.csv)",
    "template_signals": "how many of the weak signals of a template page fired, 'n of m' (page_signals.csv)",
    "closest_article": "the other article with the most similar vocabulary (overlap_pairs.csv)",
    "closest_cosine": "their TF-IDF cosine (overlap_pairs.csv)",
}

COMPARISON_COLUMNS = [
    "doc_id", "article", "outlet_basis", "author", "published", "genre", "body_words", "reading_ease",
    "named_sources", "vague_sources", "share_sourced", "main_actor", "stance_main_actor",
    "emotive_per_1000_words", "template_per_1000_words", "template_signals", "closest_article", "closest_cosine",
]
#: Of the page signals (page_signals.csv), an article showing at least this many looks like template filler.
TEMPLATE_SIGNALS_SHOWN = 4


def _read(tables: Path, name: str) -> pd.DataFrame | None:
    path = Path(tables) / f"{name}.csv"
    return pd.read_csv(path, keep_default_na=False, na_values=[""]) if path.is_file() else None


def main_actor(actor_tone: pd.DataFrame | None) -> str | None:
    """The actor the corpus mentions most (ties by name), or None."""
    if actor_tone is None or actor_tone.empty or "n_mentions" not in actor_tone:
        return None
    totals = actor_tone.groupby("actor")["n_mentions"].sum()
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[0][0]


def outlet_comparison(tables: Path | str, labels: dict[str, str]) -> pd.DataFrame:
    """One row per article: columns :data:`COMPARISON_COLUMNS`, from the exported tables.

    A column whose table was not exported (a report that failed or was not built)
    stays empty rather than guessed.
    """
    tables = Path(tables)
    documents = _read(tables, "documents")
    if documents is None:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    rows = pd.DataFrame({"doc_id": documents["doc_id"]})
    rows["article"] = rows["doc_id"].map(lambda d: labels.get(d, d))
    for column in ("outlet_basis", "author", "published", "genre"):
        rows[column] = documents[column].fillna("") if column in documents else ""
    readability = _read(tables, "readability")
    if readability is not None:
        by_doc = readability.set_index("doc_id")
        rows["body_words"] = rows["doc_id"].map(by_doc["words"])
        rows["reading_ease"] = rows["doc_id"].map(by_doc["flesch_reading_ease"]).round(1)
    profile = _read(tables, "sourcing_profile")
    if profile is not None:
        by_doc = profile.set_index("doc_id")
        rows["named_sources"] = rows["doc_id"].map(by_doc["n_named"])
        rows["vague_sources"] = rows["doc_id"].map(by_doc["n_vague"])
        rows["share_sourced"] = rows["doc_id"].map(by_doc["share_sourced"]).round(2)
    actor_tone = _read(tables, "actor_tone")
    actor = main_actor(actor_tone)
    if actor is not None:
        rows["main_actor"] = actor
        chosen = actor_tone[actor_tone["actor"].eq(actor) & actor_tone["n_mentions"].ge(MIN_MENTIONS)].set_index("doc_id")
        rows["stance_main_actor"] = rows["doc_id"].map(chosen["stance"]).round(2)
    summary = _read(tables, "rhetoric_summary")
    if summary is not None:
        by_doc = summary.set_index("doc_id")
        for column, source in (("emotive_per_1000_words", "argument_emotive_per_1000_words"),
                               ("template_per_1000_words", "template_stance_per_1000_words")):
            if source in by_doc:
                rows[column] = rows["doc_id"].map(by_doc[source]).round(1)
    signals = _read(tables, "page_signals")
    if signals is not None and len(signals):
        fired = signals.assign(fired=signals["fired"].astype(str).str.lower().eq("true")).groupby("doc_id")["fired"]
        rows["template_signals"] = rows["doc_id"].map(fired.sum().astype(int).astype(str) + " of " + fired.size().astype(str))
    pairs = _read(tables, "overlap_pairs")
    if pairs is not None and len(pairs):
        both = pd.concat([pairs.rename(columns={"doc_a": "doc", "doc_b": "other"}),
                          pairs.rename(columns={"doc_b": "doc", "doc_a": "other"})])
        best = both.sort_values(["doc", "tfidf_cosine", "other"], ascending=[True, False, True]).drop_duplicates("doc").set_index("doc")
        rows["closest_article"] = rows["doc_id"].map(best["other"]).map(lambda d: labels.get(d, d) if isinstance(d, str) else "")
        rows["closest_cosine"] = rows["doc_id"].map(best["tfidf_cosine"]).round(2)
    return rows.reindex(columns=COMPARISON_COLUMNS)


def index_findings(table: pd.DataFrame, passages: int | None = None) -> list[Finding]:
    """The index's key findings, each a sentence computed from the comparison table (3-7 of them).

    ``passages`` is the number of passages reused between two articles (shared_passages.csv), when known.
    """
    found: list[Finding] = []
    if table.empty:
        return found
    n = len(table)
    unknown = table[table["outlet_basis"].eq("unknown")]
    if len(unknown):
        names = ", ".join(unknown["article"].head(3)) + (" …" if len(unknown) > 3 else "")
        found.append(Finding(f"**{len(unknown):,} of {n:,}** pages never name their publisher ({names}).",
                             _href("outlet"), "provenance"))
    else:
        found.append(Finding(f"Every one of the {n:,} pages names its publisher.", _href("outlet"), "provenance"))
    stance = table.dropna(subset=["stance_main_actor"]) if "stance_main_actor" in table else table.iloc[0:0]
    if len(stance) >= 2:
        warm = stance.loc[stance["stance_main_actor"].idxmax()]
        cold = stance.loc[stance["stance_main_actor"].idxmin()]
        found.append(Finding(
            f"Toward {warm['main_actor']}, **{warm['article']}** is the most favourable (stance {warm['stance_main_actor']:+.2f}) "
            f"and **{cold['article']}** the most critical ({cold['stance_main_actor']:+.2f}).", _href("stance"), "tone"))
    emotive = table.dropna(subset=["emotive_per_1000_words"])
    if len(emotive) >= 2:
        top = emotive.sort_values(["emotive_per_1000_words", "article"], ascending=[False, True]).head(2)
        found.append(Finding(
            "Loaded language, name-calling and other emotive devices are densest in "
            + " and ".join(f"**{row.article}** ({row.emotive_per_1000_words:.1f} per 1,000 words)" for row in top.itertuples())
            + ".", _href("rhetoric"), "rhetoric"))
    signalled = table.dropna(subset=["template_signals"])
    if len(signalled):
        counts = signalled["template_signals"].str.split(" of ", expand=True).astype(int)
        template = signalled[counts[0].ge(TEMPLATE_SIGNALS_SHOWN)]
        if len(template):
            first = template.iloc[0]
            found.append(Finding(
                f"**{first['article']}** shows {first['template_signals']} signals of a template page (generic author bio, "
                "no named source, stock phrases, ad markers, stale facts)"
                + (f", and {len(template) - 1:,} more article(s) show {TEMPLATE_SIGNALS_SHOWN} or more" if len(template) > 1 else "")
                + ".", "01_provenance.html#key-findings", "page signals"))
    sourced = table.dropna(subset=["share_sourced"])
    if len(sourced) >= 2:
        least = sourced.loc[sourced["share_sourced"].idxmin()]
        most = sourced.loc[sourced["share_sourced"].idxmax()]
        found.append(Finding(
            f"**{most['article']}** attributes the most of its sentences to a source ({most['share_sourced']:.0%}), "
            f"**{least['article']}** the fewest ({least['share_sourced']:.0%}).", _href("sourcing"), "sourcing"))
    if passages is not None and n > 1:
        from analysis.overlap.similarity import REUSED_PASSAGE_WORDS as words

        found.append(Finding(
            f"No two articles share a passage of {words} or more words: **nobody copies anybody**." if passages == 0 else
            f"**{passages:,} passage(s)** of {words} or more words are shared between articles.", _href("closest"), "overlap"))
    closest = table.dropna(subset=["closest_cosine"])
    if len(closest):
        pair = closest.loc[closest["closest_cosine"].idxmax()]
        found.append(Finding(
            f"The closest vocabularies are **{pair['article']}** and **{pair['closest_article']}** "
            f"(TF-IDF cosine {pair['closest_cosine']:.2f}).", _href("closest"), "overlap"))
    return found[:findings_module.MOST_FINDINGS]


def _href(column: str) -> str:
    report, section = EVIDENCE[column]
    return f"{report}#{section}"


def comparison_html(table: pd.DataFrame) -> str:
    """The ``outlet-comparison`` table, every cell escaped, each column headed by a link to its evidence."""
    from analysis.report import display

    shown = table.drop(columns=["doc_id"])
    headers = {
        "article": "article", "outlet_basis": "outlet known as", "author": "author", "published": "published",
        "genre": "genre", "body_words": "body words", "reading_ease": "reading ease",
        "named_sources": "named sources", "vague_sources": "vague sources", "share_sourced": "share of sentences sourced",
        "main_actor": "main actor", "stance_main_actor": "stance toward it (−1…1)",
        "emotive_per_1000_words": "emotive devices per 1,000 words", "template_per_1000_words": "template phrases per 1,000 words",
        "template_signals": "template-page signals",
        "closest_article": "closest article", "closest_cosine": "cosine",
    }
    shown = shown.rename(columns=headers)
    body = display.frame_html(shown, fold_after=SHOWN_ROWS, csv="outlet_comparison.csv", headers=False)
    links = " · ".join(
        f'<a href="{html.escape(report)}#{html.escape(section)}">{html.escape(name)}</a>'
        for name, (report, section) in (("provenance", EVIDENCE["outlet"]), ("reading ease and stance", EVIDENCE["stance"]),
                                        ("rhetoric", EVIDENCE["rhetoric"]), ("overlap", EVIDENCE["closest"])))
    return (f'<section id="outlet-comparison"><h2>The articles compared</h2>'
            f'<p>One row per article; the evidence for each column is in its report: {links}.</p>{body}</section>')


def overview_html(tables: Path | str, labels: dict[str, str]) -> str:
    """Key findings, then the comparison table, for the top of the index page."""
    table = outlet_comparison(tables, labels)
    reused = _read(tables, "shared_passages")
    return findings_module.key_findings_html(index_findings(table, None if reused is None else len(reused))) + comparison_html(table)
