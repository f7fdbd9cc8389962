"""What the corpus report (00) leads with: its key findings and how far to trust the body/furniture cut.

Every sentence is computed from the report's own tables (``corpus``, ``segments``)
and from the segmenter's evaluation on saved web pages, so the findings follow the
corpus; each links to the report section holding its evidence (the headings in
:data:`SECTIONS`, which notebook 00 uses verbatim)::

    from analysis.corpus import key_findings
    cut = key_findings.cut_figures(web_result, last_figures("furniture"))
    items = key_findings.corpus_findings(docs, segments, labels, cut)
    rows, caveats = key_findings.trust_rows(cut)

Furniture labels are grouped into a few families (:data:`FURNITURE_FAMILIES`) so a
chart can give each family one clearly different colour and a legend in plain words.
"""

from __future__ import annotations

import pandas as pd

from analysis.report.findings import Finding, Trust, bold, plural, section_id

#: The report's section headings that findings link to (notebook 00 writes them as ``## <heading>``).
SECTIONS = {
    "corpus": "What is in the corpus",
    "share": "How much of each page is furniture",
    "position": "Where the furniture sits on each page",
    "removed": "Every removed segment, with the reason",
    "structure": "What the body is made of",
    "appendix": "Methods appendix: how well the cut holds on web pages nobody here wrote rules from",
}
#: The segmenter's furniture labels (analysis.corpus.segments) grouped for a reader; any other label is "other".
FURNITURE_FAMILIES = {
    "advertising": "advertising and pitches", "subscription_pitch": "advertising and pitches",
    "navigation": "menus and links", "archive_link": "menus and links", "pager": "menus and links",
    "related_teaser": "menus and links", "section_label": "menus and links", "social_links": "menus and links",
    "share_widget": "menus and links",
    "byline": "about the author", "author_bio": "about the author", "author_box": "about the author",
    "disclaimer": "about the author",
    "calendar": "dates, credits and separators", "date_banner": "dates, credits and separators",
    "image_credit": "dates, credits and separators", "separator": "dates, credits and separators",
    "page_tail": "after the article ends",
}
#: Families in legend order, "other" last.
FAMILY_ORDER = ("advertising and pitches", "menus and links", "about the author", "dates, credits and separators",
                "after the article ends", "other")
#: The goal set for the text path (docs/corpus.md): F at least this while keeping at least BODY_GOAL of the body.
F_GOAL = 0.90
BODY_GOAL = 0.97
#: A furniture segment "sits at an edge" when it lies in the first or the last EDGE share of its page.
EDGE = 0.2
#: Body labels the structure finding counts (the rest are prose paragraphs and titles).
STRUCTURE_LABELS = {"heading": ("heading", "headings"), "list_item": ("list item", "list items"),
                    "table_row": ("table row", "table rows")}


def furniture_family(label: str) -> str:
    """The family of a furniture label, in plain words (``"other"`` for a label not grouped)."""
    return FURNITURE_FAMILIES.get(label, "other")


def _percent(share: float) -> str:
    return f"{share:.0%}"


def furniture_positions(segments: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """One row per furniture segment with where it sits on its page.

    Columns ``doc_id, seq, label, family, start_share, end_share, n_chars, at_edge``:
    ``start_share``/``end_share`` are the segment's offsets over the page's length,
    ``at_edge`` is True when the segment lies within the first or last :data:`EDGE`
    of the page.
    """
    furniture = segments[segments["kind"].eq("furniture")]
    length = furniture["doc_id"].map(dict(zip(docs["doc_id"], docs["n_chars"]))).astype(float).clip(lower=1)
    out = pd.DataFrame({
        "doc_id": furniture["doc_id"], "seq": furniture["seq"], "label": furniture["label"],
        "family": furniture["label"].map(furniture_family),
        "start_share": furniture["start"] / length, "end_share": furniture["end"] / length,
        "n_chars": furniture["end"] - furniture["start"],
    })
    out["at_edge"] = out["end_share"].le(EDGE) | out["start_share"].ge(1 - EDGE)
    return out.reset_index(drop=True)


def edge_share(positions: pd.DataFrame) -> float:
    """Share of the furniture's characters (``positions`` of :func:`furniture_positions`) in a page's first or last fifth."""
    return positions.loc[positions["at_edge"], "n_chars"].sum() / max(int(positions["n_chars"].sum()), 1)


def cut_figures(web_result: dict | None, recorded: dict[str, dict[str, str]] | None = None) -> dict:
    """The segmenter's figures on the report half of the web pages, measured now or last recorded.

    ``web_result`` is :func:`analysis.evaluate.furniture.held_out_evaluation` (None
    when the pages are absent); ``recorded`` is
    ``analysis.evaluate.scoring.last_figures("furniture")``. Returns ``f``,
    ``body_kept``, ``furniture_cut``, ``trafilatura_f``, ``html_f``, ``pages``,
    ``sites`` (None where unknown), ``measured`` and ``measured_on``.
    """
    if web_result is not None:
        overall = web_result["overall"]
        ours = overall["segmenter"]
        return {"f": ours["f"], "body_kept": ours["body_kept"], "furniture_cut": ours["furniture_cut"],
                "trafilatura_f": overall["trafilatura"]["f"], "html_f": overall["segmenter (HTML path)"]["f"],
                "pages": web_result["n_pages"], "sites": web_result["n_sites"], "measured": True, "measured_on": ""}
    recorded = recorded or {}

    def value(name: str) -> float | None:
        return float(recorded[name]["value"]) if name in recorded else None

    pages = value("pages")
    dates = sorted({row["measured_on"] for row in recorded.values()})
    return {"f": value("text_f"), "body_kept": value("body_kept"), "furniture_cut": value("furniture_cut"),
            "trafilatura_f": value("trafilatura_f"), "html_f": value("html_f"),
            "pages": int(pages) if pages is not None else None, "sites": None, "measured": False,
            "measured_on": dates[-1] if dates else ""}


def corpus_finding(docs: pd.DataFrame, labels: dict[str, str]) -> Finding | None:
    """How many articles, verified how, and how many carry furniture."""
    if docs.empty:
        return None
    with_furniture = int(docs["n_furniture_chars"].gt(0).sum())
    shares = docs["n_furniture_chars"] / docs["n_chars"].clip(lower=1)
    text = (f"The corpus holds **{plural(len(docs), 'article', 'articles')}**, each file matching the checksum its "
            f"manifest records; **{with_furniture:,} of {len(docs):,}** carry page furniture that every other report leaves out")
    if with_furniture > 1:
        # The range over the pages that carry any: a page without furniture would only say "0%".
        shares = shares[docs["n_furniture_chars"].gt(0)]
        most = docs.loc[shares.idxmax()]
        least = docs.loc[shares.idxmin()]
        text += (f", from {_percent(shares.min())} of the page ({bold(labels.get(least['doc_id'], least['doc_id']))}) "
                 f"to {_percent(shares.max())} ({bold(labels.get(most['doc_id'], most['doc_id']))})")
    return Finding(text + ".", section_id(SECTIONS["share"]), "body and furniture per page")


def kinds_finding(segments: pd.DataFrame) -> Finding | None:
    """The most common kinds of furniture removed, in plain words."""
    furniture = segments[segments["kind"].eq("furniture")]
    if furniture.empty:
        return None
    families = furniture["label"].map(furniture_family).value_counts()
    listed = ", ".join(f"{family} ({n:,})" for family, n in families.head(3).items())
    characters = int((furniture["end"] - furniture["start"]).sum())
    return Finding(f"**{plural(len(furniture), 'segment', 'segments')}** ({characters:,} characters) were removed as "
                   f"furniture, most of them {listed}; each is listed with the rule that removed it.",
                   section_id(SECTIONS["removed"]), "every removed segment")


def position_finding(positions: pd.DataFrame) -> Finding | None:
    """How much of the furniture sits at the top or the bottom of its page."""
    if positions.empty:
        return None
    return Finding(f"**{_percent(edge_share(positions))}** of the furniture's characters sit in the first or last fifth of their "
                   "page (banners and menus above the headline, author boxes and teasers after the article's end); "
                   "the rest sits between paragraphs of the article.", section_id(SECTIONS["position"]), "where it sits")


def structure_finding(segments: pd.DataFrame, labels: dict[str, str]) -> Finding | None:
    """How many headings, list items and table rows the bodies keep as units of their own."""
    body = segments[segments["kind"].eq("body")]
    counts = body["label"].value_counts()
    parts = [plural(int(counts[label]), one, many) for label, (one, many) in STRUCTURE_LABELS.items()
             if counts.get(label, 0)]
    if not parts:
        return None
    structured = body[body["label"].isin(STRUCTURE_LABELS)]
    per_article = structured["doc_id"].value_counts()
    most = per_article.index[0]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return Finding(f"The bodies keep **{listed}** as units of their own, so no report glues a heading "
                   f"or a bullet onto the next sentence; {bold(labels.get(most, most))} has the most "
                   f"({per_article.iloc[0]:,}).", section_id(SECTIONS["structure"]), "body structure")


def evaluation_finding(cut: dict) -> Finding | None:
    """How the cut scores on web pages nobody here wrote rules from."""
    if cut["f"] is None:
        return None
    kept = (f"keeps **{_percent(cut['body_kept'])}** of the article body and sets aside "
            f"**{_percent(cut['furniture_cut'])}** of the furniture (F {cut['f']:.2f}"
            if cut["body_kept"] is not None else f"scores F **{cut['f']:.2f}**")
    kept += ")" if cut["body_kept"] is not None else ""
    pages = f"{cut['pages']:,} " if cut["pages"] else ""
    when = "" if cut["measured"] else f" (last measured {cut['measured_on']})".replace(" ()", "")
    reached = cut["f"] >= F_GOAL and (cut["body_kept"] is None or cut["body_kept"] >= BODY_GOAL)
    return Finding(f"On {pages}saved web pages nobody here wrote rules from, the cut {kept}{when}; "
                   + ("its goal is reached." if reached else f"its goal (F {F_GOAL:.2f}) is not reached yet: "
                      "expect some furniture kept, read the removed segments to audit it."),
                   section_id(SECTIONS["appendix"]), "measured on web pages")


def corpus_findings(docs: pd.DataFrame, segments: pd.DataFrame, labels: dict[str, str], cut: dict) -> list[Finding]:
    """The report's key findings, in reading order (those the data do not support are left out)."""
    found = [corpus_finding(docs, labels), kinds_finding(segments), position_finding(furniture_positions(segments, docs)),
             structure_finding(segments, labels), evaluation_finding(cut)]
    return [finding for finding in found if finding is not None]


def trust_rows(cut: dict) -> tuple[list[Trust], list[str]]:
    """The trust box's row for the cut and its caveats in plain words."""
    data = "saved web pages of sites the classifier was not trained on"
    if cut["pages"]:
        data = f"{cut['pages']:,} " + data + (f" ({cut['sites']:,} sites)" if cut["sites"] else "")
    notes = []
    if cut["body_kept"] is not None:
        notes.append(f"It keeps {_percent(cut['body_kept'])} of the article body and sets aside "
                     f"{_percent(cut['furniture_cut'])} of the furniture.")
    if cut["trafilatura_f"] is not None and cut["html_f"] is not None:
        notes.append(f"From a page's HTML (what add stores for a saved page) it scores {cut['html_f']:.3f}, "
                     f"beside trafilatura's {cut['trafilatura_f']:.3f}.")
    if cut["f"] is not None and cut["f"] < F_GOAL:
        notes.insert(0, "**Below its goal.**")
    if not cut["measured"] and cut["measured_on"]:
        notes.append(f"Measured on {cut['measured_on']}.")
    rows = [Trust("Body vs page furniture (the segmenter's line classifier, on pasted page text)", data,
                  "F (body kept and furniture set aside, by characters)", cut["f"], measured=cut["measured"],
                  goal=F_GOAL, note=" ".join(notes))]
    caveats = [
        "A segment is kept or removed whole: a paragraph that mixes article text with a teaser counts as one or the other.",
        "What it misses most on other sites is furniture written as prose (reader comments, other articles' summaries): "
        "a page with comments may keep some of them as body.",
        "Every removed segment is listed below with its reason, so the cut can be checked line by line.",
    ]
    return rows, caveats
