# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version,-jupytext.text_representation.format_version
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The corpus: what was collected, and how much of each page is the article
#
# Every article of the corpus, checked against its manifest, split into segments and sorted into article **body** and page **furniture** (advertising, newsletter pitches, share buttons, author boxes, calendars, teasers for other articles). Every other report reads the body only, so this is where a reader checks the cut.

# %% tags=["parameters"]
CORPUS_DIR = None  # folder of .txt articles; None means seeds/ (the build injects the folder it runs on)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.corpus import key_findings
from analysis.corpus.layer import open_corpus
from analysis.evaluate import furniture as furniture_evaluation
from analysis.evaluate.scoring import last_figures
from analysis.provenance.labels import article_labels
from analysis.report import display as show, figures, findings, limits as limits, presentation, tables

figures.use_report_style()
corpus = open_corpus(CORPUS_DIR)
docs, segments = corpus.docs, corpus.segments
docs["title"] = docs["doc_id"].map(corpus.titles)
docs["furniture_share"] = docs["n_furniture_chars"] / docs["n_chars"]
labels = article_labels(corpus)
chart_label = {doc_id: figures.chart_text(label) for doc_id, label in labels.items()}
n_articles = len(docs)
show_all = limits.shows_all(n_articles)  # a small corpus shows every article in every section

web_pages = config.shared_data_dir() / "web-articles"
has_web_pages = (web_pages / furniture_evaluation.PAGES_SUBDIR).is_dir() and (web_pages / furniture_evaluation.TRUTH_FILE).is_file()
# Depends only on the segmenter and the pages, so it is cached on their contents (analysis.report.result_cache).
web_result = (furniture_evaluation.held_out_evaluation(web_pages / furniture_evaluation.PAGES_SUBDIR, web_pages / furniture_evaluation.TRUTH_FILE)
              if has_web_pages else None)
cut = key_findings.cut_figures(web_result, last_figures("furniture"))
show.show(findings.key_findings_html(key_findings.corpus_findings(docs, segments, labels, cut)))
trust_rows, caveats = key_findings.trust_rows(cut)
show.show(findings.trust_html(trust_rows, caveats=caveats))

# %% [markdown]
# ## What is in the corpus

# %%
display(Markdown(
    f"The corpus holds **{len(docs):,} articles** ({docs['n_chars'].sum():,} characters). "
    f"Each file's SHA-256 matched its manifest entry, so the numbers below come from exactly these files. "
    f"The segmenter found **{len(segments):,} segments**, of which "
    f"**{segments['kind'].eq('furniture').sum():,}** are page furniture."
))
overview = docs[["doc_id", "title", "n_chars", "n_body_chars", "n_furniture_chars", "n_segments", "sha256"]]
overview_shown = limits.select_extremes(overview, n_articles, "n_chars")
if not show_all:
    q10, q50, q90 = docs["n_chars"].quantile([0.1, 0.5, 0.9])
    display(Markdown(
        f"Half the articles are shorter than **{q50:,.0f} characters**; a tenth are shorter than {q10:,.0f} and a tenth longer "
        f"than {q90:,.0f}. The extremes are where a bad file shows (an empty page, a log dump). "
        + limits.selection_note(len(overview_shown), n_articles, "articles", "with the fewest and the most characters, shortest first", "corpus.csv")
    ))
show.show(show.frame_html(overview_shown.assign(sha256=overview_shown["sha256"].str[:16] + "…").rename(columns={
    "doc_id": "article", "n_chars": "characters", "n_body_chars": "body characters", "n_furniture_chars": "furniture characters",
    "n_segments": "segments", "sha256": "checksum (SHA-256)"}),
                          caption="One row per article; the full checksums are in corpus.csv and in the index.", csv="corpus.csv", labels=labels))

# %% [markdown]
# ## How much of each page is furniture

# %%
most = docs.loc[docs["furniture_share"].idxmax()]
least = docs.loc[docs["furniture_share"].idxmin()]
with_furniture = docs[docs["n_furniture_chars"].gt(0)]
# A large corpus charts only pages that carry furniture, the largest shares first.
order = docs.sort_values("doc_id") if show_all else limits.select(with_furniture, n_articles, "furniture_share")
if len(order):
    display(Markdown(
        f"Furniture ranges from **{least['furniture_share']:.0%}** of the page ({show.markdown_text(labels[least['doc_id']])}) "
        f"to **{most['furniture_share']:.0%}** ({show.markdown_text(labels[most['doc_id']])}). "
        "The bars show characters of body and furniture per page; analyses that read the raw page instead of the body "
        "would count the furniture as if the author wrote it."
        + ("" if show_all else
           f" **{len(with_furniture):,} of {n_articles:,} pages** carry any furniture. "
           + (limits.selection_note(len(order), len(with_furniture), "pages with furniture", "with the largest share", "corpus.csv")
              or "The bars show every one of them."))
    ))
else:
    display(Markdown(f"No page of the {n_articles:,} carries any furniture: every character is body."))
if len(with_furniture) > limits.MAX_ARTICLES and not show_all:
    fig, ax = plt.subplots(figsize=(9, 2.6))
    ax.hist(with_furniture["furniture_share"] * 100, bins=40, range=(0, 100), color="#DD8452")
    ax.set_xlabel("furniture, % of the page's characters")
    ax.set_ylabel("pages")
    ax.set_title(f"Furniture share of the {len(with_furniture):,} pages that carry any")
    plt.tight_layout()
    figures.show_figure(fig, alt=f"Histogram of the furniture share of the {len(with_furniture):,} pages that carry any furniture; "
                             f"half of them are below {with_furniture['furniture_share'].median():.0%}.")
if len(order):
    fig, ax = plt.subplots(figsize=(9, max(2.8, 0.55 * len(order) + 1.2)))
    names = [chart_label[doc_id] for doc_id in order["doc_id"]]
    ax.barh(names, order["n_body_chars"], color="#4C72B0", label="body")
    ax.barh(names, order["n_furniture_chars"], left=order["n_body_chars"], color="#DD8452", label="furniture")
    for y, (body, furniture) in enumerate(zip(order["n_body_chars"], order["n_furniture_chars"])):
        ax.text(body + furniture + 60, y, f"{furniture / (body + furniture):.0%} furniture", va="center", fontsize=10)
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_xlim(0, (order["n_chars"].max()) * 1.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 - 1.2 / max(len(order), 3)), ncol=2, frameon=False)
    ax.set_title("Body and furniture characters per page")
    plt.tight_layout()
    figures.show_figure(fig, alt="Bar chart of body and furniture characters per page: "
                             + "; ".join(f"{labels[row.doc_id]} {row.furniture_share:.0%} furniture" for row in order.head(12).itertuples())
                             + ("; and more" if len(order) > 12 else "") + ".")

# %% [markdown]
# ## Where the furniture sits on each page

# %%
furniture = segments[segments["kind"].eq("furniture")]
positions = key_findings.furniture_positions(furniture, docs)
if len(order):
    display(Markdown(
        "Each strip is one page from its first character (left) to its last (right); coloured blocks are furniture "
        "segments, light grey is body. "
        f"**{key_findings.edge_share(positions):.0%}** of the furniture's "
        "characters sit in the first or last fifth of a page; the rest sits between paragraphs of the article."
        + ("" if show_all else f" The strips are the {len(order):,} pages charted above.")
    ))
    families = [family for family in key_findings.FAMILY_ORDER if family in set(positions["family"])]
    palette = dict(zip(key_findings.FAMILY_ORDER, ["#C44E52", "#DD8452", "#8172B3", "#55A868", "#4C72B0", "#937860"]))
    positions_by_doc = dict(list(positions.groupby("doc_id")))
    fig, ax = plt.subplots(figsize=(10, max(3.2, 0.5 * len(order) + 1.6)))
    for y, doc in enumerate(order.itertuples()):
        ax.barh(y, 1.0, color="#ececec", height=0.6)
        for seg in positions_by_doc.get(doc.doc_id, positions.head(0)).itertuples():
            ax.barh(y, seg.end_share - seg.start_share, left=seg.start_share, color=palette[seg.family], height=0.6)
    ax.set_yticks(range(len(order)), [chart_label[doc_id] for doc_id in order["doc_id"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the page (share of characters; light grey is article body)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=palette[family]) for family in families]
    ax.legend(handles, families, ncol=3, fontsize=10, loc="upper center", bbox_to_anchor=(0.5, -0.12 - 1.2 / max(len(order), 3)), frameon=False)
    ax.set_title("Furniture segments by position, by kind")
    plt.tight_layout()
    figures.show_figure(fig, alt=f"Strips of the {len(order):,} pages from first to last character, furniture coloured by kind: "
                             + ", ".join(f"{family} {positions.loc[positions['family'].eq(family), 'n_chars'].sum():,} characters" for family in families)
                             + f"; {key_findings.edge_share(positions):.0%} of it in the first or last fifth of a page.")
else:
    display(Markdown("No page carries furniture, so there is nothing to place."))

# %% [markdown]
# ## Every removed segment, with the reason
#
# Read this table to audit the cut: each row is a segment left out of the body, in page order, with the rule's reason. Segments after the end of an article (an author bio, author box or disclaimer late in the page) are labelled `page_tail` when nothing else identifies them.

# %%
removed = furniture.assign(text=furniture["text"].str.strip(), kind=furniture["label"].map(key_findings.furniture_family))[
    ["doc_id", "seq", "start", "end", "kind", "label", "reason", "text"]].rename(columns={"doc_id": "article", "seq": "segment"})
if removed.empty:
    display(Markdown("No segment was removed: every page is body from its first character to its last."))
else:
    display(Markdown(
        f"**{len(removed)}** segments ({removed['end'].sub(removed['start']).sum():,} characters) are furniture; "
        f"the most common kinds are "
        + ", ".join(f"{label.replace('_', ' ')} ({count})" for label, count in removed["label"].value_counts().head(4).items())
        + "."
    ))
    if show_all:
        show.show(presentation.left_aligned(show.frame_html(removed, csv="segments.csv", labels=labels)))
    else:
        by_label = (
            removed.assign(n_chars=removed["end"] - removed["start"])
            .groupby("label")
            .agg(segments=("segment", "size"), pages=("article", "nunique"), characters=("n_chars", "sum"),
                 reason=("reason", lambda r: r.value_counts().index[0]), example=("text", "first"))
            .sort_values("segments", ascending=False)
            .reset_index()
        )
        by_label["example"] = by_label["example"].str.slice(0, 80)
        show.show(show.frame_html(by_label, caption="Every kind of furniture: how often, on how many pages, the most common reason, and the first example."))
        removed_shown = removed[removed["article"].isin(order["doc_id"])].head(limits.MAX_ROWS)
        note = limits.selection_note(len(removed_shown), len(removed), "removed segments", "of the pages charted above, in page order", "segments.csv")
        if note:
            display(Markdown(note))
        show.show(presentation.left_aligned(show.frame_html(removed_shown, csv="segments.csv", labels=labels)))

# %% [markdown]
# ## What the body is made of
#
# Body segments keep their structure: titles, headings, list items and table rows are separate from prose paragraphs, so later reports never glue a heading or a bullet onto the sentence after it.

# %%
structure = (
    segments[segments["kind"].eq("body")]
    .pivot_table(index="doc_id", columns="label", values="seq", aggfunc="count", fill_value=0)
)
if show_all:
    show.show(show.frame_html(structure.rename_axis(columns=None).reset_index().rename(columns={"doc_id": "article"}), caption="Body segments per article, by label.", labels=labels))
else:
    spread = pd.DataFrame({
        "articles with it": structure.gt(0).sum(),
        "segments": structure.sum(),
        "median per article": structure.median(),
        "most in one article": structure.max(),
    }).sort_values("segments", ascending=False)
    show.show(show.frame_html(spread.reset_index(names="label"), caption=(
        f"Body segments by label across the {n_articles:,} articles (per article: tables/segments.csv, kind body).")))

# %% [markdown]
# ## Methods appendix: how well the cut holds on web pages nobody here wrote rules from
#
# The segmenter was measured on 162 saved web pages with a hand-extracted article body (`../shared/data/web-articles`), rendered to the text a browser copy gives. Its line classifier was trained on a fixed half of the sites (`analysis/data/furniture_split_pages.csv`); the figures below are for the **other half**, the report half, which training never saw, beside jusText on the same text and trafilatura on the same pages' HTML. The same figures come from `python -m analysis.evaluate furniture`.

# %%
if web_result is None:
    display(Markdown(f"*The annotated web pages were not found at `{web_pages}`; this section is skipped and the figures above are "
                     "the last measured ones. See `../shared/data/README.md`.*"))
else:
    overall = web_result["overall"]
    ours, justext, trafilatura = overall["segmenter"], overall["jusText"], overall["trafilatura"]
    display(Markdown(
        f"### On {web_result['n_pages']} report-half pages ({web_result['n_sites']} sites) the segmenter keeps "
        f"{ours['body_kept']:.1%} of the article body and sets aside {ours['furniture_cut']:.1%} of the furniture (F {ours['f']:.3f})\n\n"
        f"jusText on the same text keeps {justext['body_kept']:.1%} and sets aside {justext['furniture_cut']:.1%} (F {justext['f']:.3f}). "
        f"From the saved HTML, trafilatura reaches F {trafilatura['f']:.3f} and the HTML path (what `add page.html` stores, segmented) "
        f"{overall['segmenter (HTML path)']['f']:.3f}. Shares are of characters; F is their harmonic mean. "
        f"The project's goal for the text path is F of at least 0.90 while keeping at least 97% of the body"
        + (": reached." if ours["f"] >= 0.90 and ours["body_kept"] >= 0.97 else ": not reached yet.")
    ))
    systems = pd.DataFrame([{"path": "text" if name in furniture_evaluation.TEXT_SYSTEMS else "HTML", "system": name, **figures}
                            for name, figures in overall.items()])
    show.show(show.frame_html(systems[["path", "system", "body_kept", "furniture_cut", "f", "median_page_f"]].round(3).rename(
                                  columns={"furniture_cut": "furniture set aside", "f": "F", "median_page_f": "median page's F"}),
                              caption="Pooled over the report-half pages: body kept, furniture set aside, F and the median page's F."))
    kinds = web_result["kinds"]
    weakest = kinds[kinds["kind"].ne("all") & kinds["share"].ge(0.05)].sort_values("segmenter").head(2)
    display(Markdown(
        "By kind of furniture (sorted by the rule of `analysis/data/furniture_kinds.csv`), the segmenter misses most of "
        + " and ".join(f"**{row.kind.replace('_', ' ')}** ({row.segmenter:.0%} set aside, {row.share:.0%} of all furniture)"
                       for row in weakest.itertuples())
        + "; each column is the share of that kind's characters a system set aside."
    ))
    show.show(show.frame_html(kinds.round(3).assign(kind=kinds["kind"].str.replace("_", " ")).rename(
        columns={"furniture_chars": "furniture characters", "share": "share of all furniture"}),
        caption="Share of each kind of furniture each system set aside, report half."))
    worst = furniture_evaluation.worst_pages(web_result, n=3)
    display(Markdown(
        "### The report-half pages it cuts worst, with what it kept and what it cut\n\n"
        "Each table lists the lines the segmenter got wrong on one page: article text it cut (`body cut`) and page furniture it "
        "kept (`furniture kept`), in page order, with the kind of furniture."
    ))
    for page in worst.itertuples():
        errors = furniture_evaluation.page_errors(web_result, page.page_id)
        display(Markdown(
            f"**{show.markdown_text(page.site)}** — F {page.f:.2f}: {page.body_kept:.0%} of {page.body_chars:,} body characters kept, "
            f"{page.furniture_cut:.0%} of {page.furniture_chars:,} furniture characters set aside."
        ))
        show.show(presentation.left_aligned(show.frame_html(
            errors[["outcome", "kind", "text"]].assign(text=errors["text"].str.slice(0, 160), kind=errors["kind"].str.replace("_", " ")),
            max_rows=limits.MAX_ROWS)))

# %% [markdown]
# ## Exported tables

# %%
tables.write_table(
    segments[["doc_id", "seq", "start", "end", "kind", "label", "reason"]],
    "segments",
    "One row per segment of each article, in page order; the segments of an article tile its raw text exactly.",
    {
        "doc_id": "article id (the seed's file stem)",
        "seq": "position of the segment in the page, from 0",
        "start": "first character of the segment in the raw text (Python offset)",
        "end": "one past the last character (raw[start:end] is the segment, trailing blank lines included)",
        "kind": "body (article text) or furniture (page furniture left out of every analysis)",
        "label": "what the segment is: title, heading, paragraph, list_item, table_row, byline, advertising, subscription_pitch, author_box, author_bio, page_tail, ...",
        "reason": "why the segment got its kind and label",
    },
)
tables.write_table(
    docs[["doc_id", "file", "sha256", "n_bytes", "n_chars", "n_body_chars", "n_furniture_chars", "n_segments", "title"]],
    "corpus",
    "One row per article: file, checksum and how much of the page is body and furniture.",
    {
        "doc_id": "article id (the seed's file stem)",
        "file": "file name in the corpus folder",
        "sha256": "SHA-256 of the file's bytes (verified against seeds/manifest.csv)",
        "n_bytes": "file size in bytes",
        "n_chars": "characters of raw text",
        "n_body_chars": "characters in body segments",
        "n_furniture_chars": "characters in furniture segments",
        "n_segments": "number of segments",
        "title": "text of the first body segment (the page's title line)",
    },
)
display(Markdown("Written `tables/segments.csv` and `tables/corpus.csv`; their column dictionary is on the index page."))
