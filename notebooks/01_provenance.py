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
# # Source provenance
#
# Who published each article, who wrote it, when — and whom the text itself relies on. Every field carries its **basis**: *stated* (printed on the page; the evidence is quoted), *inferred* (deduced from cues in the text; every cue is listed), *curated* (from the corpus manifest or the outlet registry, with its source) or *unknown*. Nothing is guessed: a page that never names its publisher keeps an unknown outlet.

# %% tags=["parameters"]
CORPUS_DIR = None  # folder of .txt articles; None means seeds/ (the build injects the folder it runs on)

# %%
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import Markdown, display

from analysis import config
from analysis.corpus.layer import open_corpus
from analysis.evaluate import attribution as attribution_evaluation, scoring
from analysis.provenance import attribution, key_findings, publication
from analysis.provenance.labels import article_labels
from analysis.report import display as show, figures, findings, limits as limits, presentation, tables

figures.use_report_style()
corpus = open_corpus(CORPUS_DIR)
docs, raw_by_doc, manifest, segments, body = corpus.docs, corpus.raw_by_doc, corpus.manifest, corpus.segments, corpus.body
labels = article_labels(corpus)
chart_label = {doc_id: figures.chart_text(label) for doc_id, label in labels.items()}
colour_of = figures.article_colours(docs["doc_id"])
dates = publication.date_mentions(docs, segments)
evidence = publication.provenance_evidence(docs, manifest, segments=segments, dates=dates)
documents = publication.join_outlets(publication.document_provenance(docs, evidence))
body_sentences = corpus.sentences
ledger = attribution.find_attributions(docs, segments=segments)
profile = attribution.sourcing_profile(ledger, body_sentences)
stock_phrases = publication.load_stock_phrases()
signals, spans = publication.page_signals_and_spans(
    docs, documents=documents, evidence=evidence, ledger=ledger, stock_phrases=stock_phrases, segments=segments,
    sentences=body_sentences)
n_articles = len(docs)
show_all = limits.shows_all(n_articles)  # a small corpus shows every article in every section
section = key_findings.sections()

polnear_dir = config.shared_data_dir() / "polnear"
polnear_present = (polnear_dir / "dev" / "text").is_dir() and (polnear_dir / "dev" / "attributions").is_dir()
polnear = attribution_evaluation.dev_evaluation(polnear_dir) if polnear_present else None  # cached on the package and data
trust, caveats = key_findings.trust_rows(key_findings.ledger_figures(polnear, scoring.last_figures("attribution")),
                                         scoring.last_figures("furniture"))
show.show(findings.key_findings_html(key_findings.provenance_findings(documents, profile, ledger, signals, labels, section)))
show.show(findings.trust_html(trust, caveats=caveats))

# %% [markdown]
# ## Who published and wrote each article
#
# One card per article. The coloured label is the basis; under each value, the evidence in context and the rule that found it. An unknown field says why it is unknown.

# %%
counts = documents["outlet_basis"].value_counts()
display(Markdown(
    f"**{n_articles:,} articles.** Outlet: {counts.get('stated', 0):,} stated, {counts.get('inferred', 0):,} inferred, "
    f"{counts.get('curated', 0):,} curated, {counts.get('unknown', 0):,} unknown. "
    f"Authors named: {documents['author_basis'].ne('unknown').sum():,}. "
    f"Publication dates printed on the page: {documents['published_basis'].eq('stated').sum():,}; "
    f"bounded from the body: {documents['published_basis'].eq('inferred').sum():,}; "
    f"unknown: {documents['published_basis'].eq('unknown').sum():,}."
))
unknown_outlets = documents[documents["outlet_basis"].eq("unknown")]
named_unknown = unknown_outlets["doc_id"].head(limits.MAX_ARTICLES)
n_inferred = int(documents["outlet_basis"].eq("inferred").sum())
display(Markdown(
    f"### {len(unknown_outlets):,} of {len(documents):,} pages never name their publisher\n\n"
    + ("For " + ", ".join(f"**{show.markdown_text(labels[d])}**" for d in named_unknown)
       + (f" and {len(unknown_outlets) - len(named_unknown):,} more (tables/documents.csv)" if len(named_unknown) < len(unknown_outlets) else "")
       + " the outlet stays unknown (hence the name “unknown site”); the cards list the "
       "furniture seen instead (ad markers, template widgets, author boxes), which describes the page without naming anyone. "
       if len(unknown_outlets) else "Every page names its publisher. ")
    + (f"{key_findings.plural(n_inferred, 'outlet')} {'is' if n_inferred == 1 else 'are'} inferred because two or more kinds of registry cue "
       "(an abbreviation, a section name, a phrase from the outlet's own About page) agree." if documents["outlet_basis"].eq("inferred").any() else "")
))
card_fields = ["title", "outlet", "author", "author_bio", "affiliation", "genre", "published", "disclaimer"]
known = documents.assign(
    n_known=documents[[f"{field}_basis" for field in card_fields]].ne("unknown").sum(axis=1),
    n_evidence=documents["doc_id"].map(evidence["doc_id"].value_counts()).fillna(0),
)
carded = limits.select(known, n_articles, ["n_known", "n_evidence"])
if not show_all:
    bases = pd.DataFrame({field: documents[f"{field}_basis"].value_counts() for field in card_fields + ["capture"]}).T
    bases = bases.reindex(columns=list(publication.BASES)).fillna(0).astype(int)
    display(Markdown(
        f"How each field is known across the {n_articles:,} articles (one row per field, one column per basis), then the cards. "
        + limits.selection_note(len(carded), n_articles, "articles", "with the most fields known (then the most evidence)", "documents.csv")
        + " Their evidence rows are in `tables/provenance_evidence.csv`."
    ))
    show.show(show.frame_html(bases.reset_index(names="field"), caption="Articles per field and basis."))
overview = documents[["doc_id", "outlet", "outlet_basis", "author", "affiliation", "genre", "published", "published_basis"]].rename(
    columns={"outlet_basis": "outlet known as", "published": "date", "published_basis": "date known as"})
show.show(presentation.left_aligned(show.frame_html(
    overview.fillna(""), caption="Who published and wrote each article, and when; each value's basis says how it is known.",
    labels=labels, csv="documents.csv", fold_after=8)))
evidence_by_doc = dict(list(evidence.groupby("doc_id", sort=False)))
cards = [(document["doc_id"], publication.card_html({**document, "doc_id": labels[document["doc_id"]]},
                                                    evidence_by_doc.get(document["doc_id"], evidence.head(0)), raw_by_doc[document["doc_id"]]))
         for document in carded[documents.columns].to_dict("records")]
display(Markdown("Each article's card, with every piece of evidence in context (open one to check it):"))
show.show("".join(f"<details><summary><b>{show.escape_text(labels[doc_id])}</b> — provenance card</summary>{card}</details>"
                  for doc_id, card in cards))

# %% [markdown]
# ## The outlets, joined to the registry
#
# `analysis/data/outlets.csv` holds what is publicly documented about each outlet — country, type, ownership or funding — with its source (the outlet's own About page, Wikipedia, interviews). The registry is joined to an article only when the text names or identifies the outlet; an unknown outlet gets nothing from it.

# %%
registry = publication.load_outlets()
joined = documents[documents["outlet"].ne("")][["doc_id", "outlet", "outlet_basis", "outlet_country", "outlet_type", "outlet_ownership_funding", "outlet_source"]]
display(Markdown(
    f"{len(joined):,} of {len(documents):,} articles join the registry of {len(registry)} outlets; "
    + (f"{key_findings.plural(len(registry) - joined['outlet'].nunique(), 'registry outlet')} without an article here."
       if len(registry) > joined["outlet"].nunique() else "every registry outlet has an article here.")
))
if show_all:
    show.show(presentation.left_aligned(show.frame_html(
        joined.rename(columns={"outlet_basis": "outlet known as", "outlet_ownership_funding": "ownership or funding"}),
        caption="Registry facts (basis curated) for the articles whose outlet is stated or inferred.", labels=labels, csv="documents.csv")))
elif len(joined):
    per_outlet = (
        joined.groupby(["outlet", "outlet_country", "outlet_type", "outlet_ownership_funding", "outlet_source"], dropna=False)
        .agg(articles=("doc_id", "size"), stated=("outlet_basis", lambda b: int(b.eq("stated").sum())))
        .reset_index().sort_values(["articles", "outlet"], ascending=[False, True])
    )
    outlets_shown = limits.select(per_outlet, n_articles, "articles", ties="outlet")
    note = limits.selection_note(len(outlets_shown), len(per_outlet), "outlets", "with the most articles", "documents.csv")
    show.show(presentation.left_aligned(show.frame_html(
        outlets_shown.rename(columns={"outlet_ownership_funding": "ownership or funding", "stated": "articles that state it"}),
        caption="Registry facts (basis curated) per outlet stated or inferred, with its number of articles. " + note, csv="documents.csv")))

# %% [markdown]
# ## When the articles were published, and how precisely we know

# %%
stated = documents[documents["published_basis"].eq("stated")]
inferred = documents[documents["published_basis"].eq("inferred")]
younger = documents[documents["furniture_younger"]]
# A large corpus lists and charts the pages of the cards above; the histogram shows every dated page.
dated = documents if show_all else documents[documents["doc_id"].isin(carded["doc_id"])]
listed_stated, listed_inferred, listed_younger = (frame[frame["doc_id"].isin(dated["doc_id"])] for frame in (stated, inferred, younger))
display(Markdown(
    f"### {key_findings.plural(len(stated), 'page')} {'prints' if len(stated) == 1 else 'print'} a date; "
    f"{len(inferred):,} {'is' if len(inferred) == 1 else 'are'} dated only from events their body mentions\n\n"
    + ("" if show_all else
       f"{len(documents) - len(stated) - len(inferred):,} pages give no date at all; "
       f"{len(younger):,} have furniture younger than the article. Listed here are the {len(dated):,} pages of the cards above; "
       "every page's dates are in `tables/documents.csv` and every date mentioned in `tables/dates.csv`.\n\n")
    + "".join(f"- **{show.markdown_text(labels[r.doc_id])}**: {show.markdown_text(r.published)} from the {r.published_kind.replace('_', ' ')}.\n" for r in listed_stated.itertuples())
    + "".join(f"- **{show.markdown_text(labels[r.doc_id])}**: not before {show.markdown_text(r.published_earliest)}" + (f", not after {show.markdown_text(r.published_latest)}" if r.published_latest else "")
              + " (inferred from the body).\n" for r in listed_inferred.itertuples())
    + ("\n" + " ".join(f"On **{show.markdown_text(labels[r.doc_id])}** the furniture mentions {show.markdown_text(r.capture_not_before)}, later than the article can be: "
                        "the page was captured with younger sidebars, so its capture date is not the article's date." for r in listed_younger.itertuples())
       if len(listed_younger) else "")
    + "\n\nIn the chart, a diamond is a printed date, a bar the window the body allows (an open bar has no upper bound), "
    "and a grey cross the capture bound: the latest date anywhere on the page."
))
if not show_all and len(stated) + len(inferred):
    years = pd.DataFrame({
        "year": documents["published"].str[:4],
        "basis": documents["published_basis"],
    }).query("basis in ['stated', 'inferred', 'curated']")
    counts = (years.assign(year=years["year"].astype(int)).groupby(["year", "basis"]).size().unstack(fill_value=0)
              .reindex(columns=["stated", "curated", "inferred"], fill_value=0))
    fig, ax = plt.subplots(figsize=(10, 2.8))
    bottom = pd.Series(0, index=counts.index)
    for basis, colour in (("stated", "#2a9d8f"), ("curated", "#8fd0f0"), ("inferred", "#f6c667")):
        ax.bar(counts.index, counts[basis], bottom=bottom, width=0.85, color=colour, label=basis)
        bottom = bottom + counts[basis]
    ax.set_xlabel("year of publication (printed, or the earliest the body allows)")
    ax.set_ylabel("pages")
    ax.legend(frameon=False, loc="upper left")
    ax.set_title(f"Publication year of the {len(years):,} dated pages")
    sns.despine()
    plt.tight_layout()
    peak = counts.sum(axis=1)
    figures.show_figure(fig, alt=f"Bar chart of publication years of {len(years):,} dated pages, from {peak.index.min()} to "
                                 f"{peak.index.max()}; most pages ({int(peak.max()):,}) are from {peak.idxmax()}.")
fig, ax = plt.subplots(figsize=(10, 0.7 * len(dated) + 1.5))
today = pd.Timestamp.today().normalize()
for y, r in enumerate(dated.itertuples()):
    if r.published_earliest:
        start = publication._bound(r.published_earliest)
        end = publication._bound(r.published_latest, upper=True) if r.published_latest else None
        if end is not None:
            ax.barh(y, (end - start).days, left=start, height=0.35, color="#f6c667", edgecolor="#b8860b")
        else:
            right = publication._bound(r.capture_not_before, upper=True) if r.capture_not_before else start + pd.Timedelta(days=120)
            ax.barh(y, max((right - start).days, 60), left=start, height=0.35, color="none", edgecolor="#b8860b", hatch="//")
        ax.text(start, y - 0.32, f"≥ {r.published_earliest}" + (f", ≤ {r.published_latest}" if r.published_latest else ""), fontsize=10, color="#8a6d00")
    if r.published_basis == "stated":
        ax.plot(publication._bound(r.published), y, marker="D", color="#2a9d8f", markersize=9)
        ax.text(publication._bound(r.published), y + 0.38, f"{r.published} ({r.published_kind.replace('_', ' ')})", fontsize=10, color="#2a9d8f")
    if r.capture_not_before:
        ax.plot(publication._bound(r.capture_not_before), y, marker="x", color="#666666", markersize=9, mew=2)
ax.set_yticks(range(len(dated)), [chart_label[d] for d in dated["doc_id"]])
for tick, doc_id in zip(ax.get_yticklabels(), dated["doc_id"]):
    tick.set_color(colour_of[doc_id])
ax.invert_yaxis()
ax.set_xlim(right=ax.get_xlim()[1] + 200)  # room for the labels of the latest dates
span_years = (ax.get_xlim()[1] - ax.get_xlim()[0]) / 365.25
ax.xaxis.set_major_locator(mdates.YearLocator(base=1 if span_years <= 12 else int(span_years // 10)))  # at most about a dozen labels
ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
ax.set_title("Publication dates: printed (◆), window implied by the body (bar), capture bound (×)")
sns.despine(left=True)
plt.tight_layout()
figures.show_figure(fig, alt=f"Timeline of {key_findings.plural(len(dated), 'page')}: "
                             + "; ".join(f"{labels[r.doc_id]} " + (f"printed {r.published}" if r.published_basis == "stated" else
                                                                   f"not before {r.published_earliest}" if r.published_earliest else "undated")
                                         for r in dated.head(limits.MAX_ARTICLES).itertuples()) + ".")

# %% [markdown]
# The dates behind each bound, with the rule that used them. Dates in a clause about the future ("by 2007") and days without a year that nothing anchors are listed but not used.

# %%
date_table = dates[["doc_id", "segment_kind", "segment_label", "text", "date", "precision", "kind", "bound", "rule"]]
display(Markdown(f"{len(date_table):,} dates and dated facts: {dates['kind'].eq('event').sum()} dated facts from `analysis/data/dated_events.csv`, "
                 f"{dates['bound'].eq('future').sum()} in clauses about the future, {dates['kind'].eq('day_month').sum()} days without a year "
                 "(resolved on the cards against the other dates when one anchors them)."))
dates_shown = date_table if show_all else date_table[date_table["doc_id"].isin(dated["doc_id"])].head(limits.MAX_ROWS)
note = limits.selection_note(len(dates_shown), len(date_table), "dates", "of the pages charted above, in page order", "dates.csv")
show.show(f"<details><summary>Open the table of {key_findings.plural(len(dates_shown), 'date')}</summary><div style=\"overflow-x:auto\">"
          + publication.table_html(dates_shown.assign(doc_id=dates_shown["doc_id"].map(labels)).rename(
              columns={"doc_id": "article", "segment_kind": "where", "segment_label": "part of the page"}),
              caption=note or "Every date and dated fact on the pages (body and furniture).", text_columns=("text",))
          + '</div><p class="wb-table-note">all rows: <a href="tables/dates.csv">tables/dates.csv</a>.</p></details>')

# %% [markdown]
# ## Whom the texts rely on: named and vague sources

# %%
# Ties (many articles have one vague source and no named one) go to the article with more vague sources.
most_vague = profile.sort_values(["share_vague", "n_vague"], ascending=False).iloc[0]
least_sourced = profile.sort_values("share_sourced").iloc[0]
# A large corpus charts the articles with the most vague attributions; the histogram shows them all.
leaning = limits.select(profile, n_articles, ["n_vague", "share_vague"])
profile_shown = leaning.assign(share_sourced=leaning["share_sourced"].round(2), share_vague=leaning["share_vague"].round(2))
display(Markdown(
    f"### {show.markdown_text(labels[most_vague['doc_id']])} leans most on vague sources ({most_vague['n_vague']} of "
    f"{most_vague['n_named'] + most_vague['n_vague']} attributions); {show.markdown_text(labels[least_sourced['doc_id']])} cites a source in the fewest sentences "
    f"({least_sourced['share_sourced']:.0%})\n\n"
    "A **named** source is a person or an institution the text names (\"President Ilham Aliyev\", \"the Stockholm International "
    "Peace Institute\"); a **vague** one is a group or document nobody can check (\"analysts suggest\", \"reports suggesting\", "
    "\"Iranian officials\"). Quotations nobody is said to have spoken count as unattributed; scare quotes are terms in quotation "
    "marks with no speaker and are not attributions. The bars count attributions; the label is the share of body sentences "
    "that carry any source."
    + ("" if show_all else
       f" Half the articles cite a source in fewer than {profile['share_sourced'].median():.0%} of their sentences "
       f"(histogram); {profile['n_vague'].gt(0).sum():,} of {n_articles:,} use at least one vague source. "
       + limits.selection_note(len(leaning), n_articles, "articles", "with the most vague attributions", "sourcing_profile.csv"))
))
if not show_all:
    fig, ax = plt.subplots(figsize=(9, 2.6))
    ax.hist(profile["share_sourced"].dropna() * 100, bins=20, range=(0, 100), color="#4C72B0")
    ax.set_xlabel("% of the article's body sentences that carry a named or vague source")
    ax.set_ylabel("articles")
    ax.set_title(f"How much of each article is sourced ({n_articles:,} articles)")
    sns.despine()
    plt.tight_layout()
    figures.show_figure(fig, alt=f"Histogram of the share of sourced sentences over {n_articles:,} articles; "
                                 f"the median is {profile['share_sourced'].median():.0%}.")
fig, ax = plt.subplots(figsize=(9, 0.55 * len(leaning) + 1.4))
order = leaning.set_index("doc_id")
left = pd.Series(0, index=order.index)
for column, colour, label in (("n_named", "#4C72B0", "named"), ("n_vague", "#DD8452", "vague"),
                              ("n_unattributed_quotes", "#999999", "unattributed quotation"), ("n_scare_quotes", "#C44E52", "scare quote")):
    ax.barh([chart_label[d] for d in order.index], order[column], left=left, color=colour, label=label)
    left = left + order[column]
for y, (doc_id, row) in enumerate(order.iterrows()):
    ax.text(left[doc_id] + 0.3, y, f"{row['share_sourced']:.0%} of {int(row['n_sentences'])} sentences sourced", va="center", fontsize=10)
for tick, doc_id in zip(ax.get_yticklabels(), order.index):
    tick.set_color(colour_of[doc_id])
ax.invert_yaxis()
ax.set_xlim(0, left.max() * 1.6 + 1)
ax.set_xlabel("attributions and quoted terms")
if show_all:
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=4, frameon=False, fontsize=10)
else:  # a tall chart: a legend below the axes would float far from the bars
    ax.legend(loc="lower right", frameon=True, fontsize=10)
ax.set_title("Sourcing profile per article")
sns.despine(left=True)
plt.tight_layout()
figures.show_figure(fig, alt="Stacked bars of named, vague, unattributed and scare-quoted attributions per article: "
                             + "; ".join(f"{labels[d]} {int(r['n_named'])} named, {int(r['n_vague'])} vague, {r['share_sourced']:.0%} of sentences sourced"
                                         for d, r in order.head(limits.MAX_ARTICLES).iterrows()) + ".")
show.show(presentation.left_aligned(show.frame_html(
    profile_shown.rename(columns={"n_sentences": "body sentences", "n_named": "named sources", "n_vague": "vague sources",
                                  "n_unattributed_quotes": "unattributed quotations", "n_quotes": "quotations",
                                  "n_sourced_sentences": "sourced sentences", "share_sourced": "share of sentences sourced",
                                  "share_vague": "share of sources vague"}),
    caption="Sourcing profile, one row per article.", labels=labels, csv="sourcing_profile.csv")))

# %% [markdown]
# ## Every quotation and reported statement, in context
#
# Each row of the attribution ledger, with its speaker, the kind of source and the reporting verb, in its context; a pronoun ("he said") shows the name it was resolved to. The CSV's `rule` column says which cue, source and content the models found and the features that weighed most, so a reader can judge each row.

# %%
# A reported statement is shown as its speaker and verb (the sentence is in the CSV); a quotation as itself.
# Thoughts and findings are listed with the reported statements, each shown as its source and cue.
evidence_spans = attribution.source_and_cue_view(ledger)
# A large corpus lists, per kind, the rows whose speaker is missing or vague first: those a reader should check.
check_first = evidence_spans.assign(_priority=evidence_spans["speaker_kind"].map({"none": 0, "vague": 1}).fillna(2))
for kind, caption in (("quote", "Quotations"), ("reported", "Reported statements, thoughts and findings (the source and cue in context; what they report is in attributions.csv)"),
                      ("scare_quote", "Scare quotes: terms in quotation marks with no speaker")):
    rows = check_first[check_first["kind"].eq(kind)]
    listed = limits.select(rows, n_articles, ["_priority", "doc_id", "start"], ascending=True, limit=limits.MAX_ROWS, ties=None)
    note = limits.selection_note(len(listed), len(rows), "rows", "without a speaker or with a vague one first, then in page order", "attributions.csv")
    display(Markdown(f"**{caption}: {len(rows):,}**" + (f" — {note}" if note else "")))
    if len(rows):
        in_context = key_findings.in_context(listed, raw_by_doc, width=70).rename(
            columns={"words": "quotation" if kind == "quote" else "source and verb" if kind == "reported" else "term"})
        if kind == "scare_quote":
            in_context = in_context.drop(columns=["speaker", "source", "verb"])
        show.show(presentation.left_aligned(show.frame_html(in_context, labels=labels, csv="attributions.csv", fold_after=8)))
highlighted = list(raw_by_doc) if show_all else list(leaning["doc_id"])
display(Markdown("Each article's body with the ledger highlighted (open one to read it):" if show_all else
                 f"The bodies of the {len(highlighted)} articles charted above, with the ledger highlighted (open one to read it):"))
#: The ledger's speaker kinds in the legend's plain words (the author and "none" share one colour: no one else is cited).
source_label = {"named": "source named", "vague": "vague source (“officials”)", "other": "other source",
                "author": "the author, or no one named", "none": "the author, or no one named"}
colours = {"source named": "#8fd0f0", "vague source (“officials”)": "#f6c667", "other source": "#d9c7a7",
           "the author, or no one named": "#e0e0e0", "reporting verb": "#c8d96f",
           "quotation": "#b9a3e3", "quotation nobody is said to speak": "#cfcfcf", "scare quote": "#f3a6c8"}
show.show(show.legend_html(colours))
ledger_by_doc = dict(list(ledger.groupby("doc_id", sort=False)))
body_by_doc = dict(list(body.groupby("doc_id", sort=False)))
for doc_id in highlighted:
    if doc_id not in body_by_doc:  # a page of furniture only: there is no body to highlight
        show.show(f"<p><b>{show.escape_text(labels[doc_id])}</b> — no article body: every segment of the page is furniture.</p>")
        continue
    raw = raw_by_doc[doc_id]
    rows = ledger_by_doc.get(doc_id, ledger.head(0))
    marks = []
    for r in rows.itertuples():
        if r.kind == "scare_quote":
            marks.append((r.start, r.end, "scare quote", r.rule))
        elif r.is_quote:
            marks.append((r.start, r.end, "quotation" if r.speaker_kind != "none" else "quotation nobody is said to speak", f"{r.speaker} ({r.rule})"))
        if pd.notna(r.source_start) and r.kind in ("reported", "thought", "finding") or (r.is_quote and pd.notna(r.cue_start)):
            if pd.notna(r.source_start) and abs(int(r.source_start) - r.start) < 600:
                marks.append((int(r.source_start), int(r.source_end), source_label.get(r.speaker_kind, "other source"), r.rule))
            if pd.notna(r.cue_start):
                marks.append((int(r.cue_start), int(r.cue_end), "reporting verb", f"{r.verb_lemma} ({r.verb_category})"))
    marks = pd.DataFrame(marks, columns=["start", "end", "label", "why"]).drop_duplicates(["start", "end", "label"])
    segs = body_by_doc[doc_id]
    html = show.highlight_spans(raw, marks, "label", int(segs["start"].min()), int(segs["end"].max()), colours, "why")
    show.show(f"<details><summary><b>{show.escape_text(labels[doc_id])}</b> — {key_findings.plural(len(rows), 'ledger row')}</summary>{html}</details>")

# %% [markdown]
# ## Signals about the page: weak indicators, never verdicts
#
# Five indicators that a page may be template or machine-written filler. Each is weak on its own, and each row says what it saw, so a reader can disagree with it.

# %%
fired = signals.pivot(index="doc_id", columns="signal", values="fired").reindex(columns=list(publication.SIGNALS)).rename_axis(columns=None)
n_fired = fired.sum(axis=1)
top = n_fired.idxmax()
others = n_fired.drop(top)
display(Markdown(
    f"### {show.markdown_text(labels[top][:1].upper() + labels[top][1:])} shows {int(n_fired.max())} of {len(publication.SIGNALS)} indicators; the other pages show at most {int(others.max()) if len(others) else 0}\n\n"
    + ("The stock-phrase list comes from the rhetoric report (`analysis/data/stock_phrases.csv`). " if stock_phrases is not None
       else "The stock-phrase list (`analysis/data/stock_phrases.csv`) is not available, so stock-phrase density is not measured. ")
    + f"Stock-phrase density fires at {publication.STOCK_PHRASE_THRESHOLD:g} phrases per 1,000 body words with at least "
    f"{publication.STOCK_PHRASE_MIN_HITS} phrases (how often it fires on BBC News: methods appendix)."
))
signal_name = {signal: key_findings.SIGNAL_NAMES.get(signal, signal.replace("_", " ")) for signal in publication.SIGNALS}
# A large corpus lists the articles with the most indicators fired; the table of counts covers them all.
flagged = limits.select(n_fired.rename("n_fired").reset_index(), n_articles, "n_fired")
if not show_all:
    per_signal = fired.sum().astype(int).rename("articles where it fired").rename(index=signal_name).rename_axis("indicator").reset_index()
    display(Markdown(
        f"{int(n_fired.gt(0).sum()):,} of {n_articles:,} articles show at least one indicator. "
        + limits.selection_note(len(flagged), n_articles, "articles", "with the most indicators fired", "page_signals.csv")
    ))
    show.show(show.frame_html(per_signal, caption="Articles where each indicator fired."))
show.show(show.frame_html(fired.loc[flagged["doc_id"]].map(lambda v: "✔" if v else "").rename(columns=signal_name)
                          .assign(**{"indicators fired": n_fired.loc[flagged["doc_id"]].astype(int)}).reset_index(),
                          caption="Indicators that fired, per article.", labels=labels, csv="page_signals.csv"))
saw = signals if show_all else signals[signals["doc_id"].isin(flagged["doc_id"]) & signals["fired"]]
saw_shown = saw.assign(doc_id=saw["doc_id"].map(labels), signal=saw["signal"].map(signal_name),
                       fired=saw["fired"].map({True: "yes", False: "no"})).rename(
    columns={"doc_id": "article", "signal": "indicator", "fired": "fired", "value": "measured", "threshold": "fires at"})
show.show(presentation.left_aligned(  # bios in "saw" are masked already
    publication.table_html(saw_shown, caption="What each indicator saw." if show_all else "What each indicator that fired saw, for these articles.")
    + '<p class="wb-table-note">all rows: <a href="tables/page_signals.csv">tables/page_signals.csv</a>.</p>'))
for signal in publication.SIGNALS:  # the spans behind each indicator, in context
    rows = spans[spans["signal"].eq(signal)].sort_values(["doc_id", "start"])
    listed = rows if show_all else rows.head(limits.MAX_ROWS)
    if len(rows):
        kwic_rows = show.kwic_table(listed, raw_by_doc, width=50)
        kwic = show.kwic_html(kwic_rows.assign(doc_id=kwic_rows["doc_id"].map(labels)))
        note = limits.selection_note(len(listed), len(rows), "spans", "first in article order", "page_signals.csv")
        show.show(f"<details><summary>What <b>{signal_name[signal]}</b> saw: {key_findings.plural(len(rows), 'span')}</summary>{show.escape_text(note.replace('`', ''))}{kwic}</details>")

# %% [markdown]
# ## Exported tables

# %%
basis_note = "stated | inferred | curated | unknown"
tables.write_table(
    documents,
    "documents",
    "One row per article: provenance fields with their basis (stated in the text, inferred from cues, curated from the manifest or outlet registry, or unknown), joined to the outlet registry.",
    {
        "doc_id": "article id (the seed's file stem)",
        "sha256": "SHA-256 of the article file",
        "title": "the page's title line, genre labels removed",
        "title_basis": basis_note,
        "outlet": "publisher; empty when unknown (never guessed)",
        "outlet_basis": basis_note + " (inferred only when two kinds of registry cue agree)",
        "outlet_cues": "when the outlet is unknown or inferred: the cues seen, with their text",
        "author": "author's name as printed (byline, author box or tagline)",
        "author_basis": basis_note,
        "author_bio": "the author's bio as printed (personal data masked)",
        "author_bio_basis": basis_note,
        "affiliation": "organisations and places in the bio, or organisations named by a disclaimer (inferred)",
        "affiliation_basis": basis_note,
        "author_role": "the author's role as the byline prints it (correspondent, editor, staff writer, ...)",
        "author_role_basis": basis_note,
        "agency": "news agency the page credits (a byline's agency or an agency credit line)",
        "agency_basis": basis_note,
        "genre": "news, analysis, opinion, interview, feature, review or sponsored, from a label printed on the page",
        "genre_basis": basis_note,
        "published": "publication date, YYYY, YYYY-MM or YYYY-MM-DD: a printed date, or the earliest month the body allows",
        "published_basis": basis_note,
        "published_kind": "where the date comes from: date_banner, dateline, published_line, body_dates or manifest",
        "published_earliest": "earliest date the body allows (latest event or past date it mentions)",
        "published_latest": "latest date the body allows (an office title used as current, ...); empty when unbounded",
        "updated": "date of the page's 'Updated ...' line, kept apart from the publication date",
        "updated_basis": basis_note,
        "capture_not_before": "the latest date anywhere on the page, furniture included: the page was captured no earlier",
        "capture_basis": basis_note,
        "furniture_younger": "True when the capture bound is later than the article can be (the furniture is younger)",
        "disclaimer": "views (the views are the author's) or sponsorship",
        "disclaimer_basis": basis_note,
        "personal_data": "personal data printed in the author box (email, phone): flagged here, masked in every report",
        "outlet_country": "registry (curated): the outlet's country",
        "outlet_type": "registry (curated): state-affiliated, independent, think-tank magazine, ...",
        "outlet_ownership_funding": "registry (curated): ownership or funding where publicly documented",
        "outlet_source": "registry (curated): where the registry facts come from",
    },
)
tables.write_table(
    evidence,
    "provenance_evidence",
    "One row per piece of provenance evidence: a field value or a cue, with its basis, raw offsets and the rule that found it.",
    {
        "doc_id": "article id",
        "field": "title, outlet, author, author_bio, affiliation, author_role, agency, genre, published, updated, capture, disclaimer, personal_data or stale_fact",
        "value": "the value this evidence supports; empty for cues of an unknown field",
        "basis": basis_note,
        "start": "first character of the evidence in the raw text (-1 for curated facts from outside the text)",
        "end": "one past the last character",
        "evidence": "raw[start:end] (e-mail addresses and phone numbers masked in author fields), or the citation of a curated fact",
        "rule": "why this row exists: the rule or cue that fired",
    },
)
tables.write_table(
    dates,
    "dates",
    "One row per date or dated fact mentioned anywhere on a page (body and furniture), with the bound it sets on the publication date.",
    {
        "doc_id": "article id",
        "start": "first character of the date in the raw text",
        "end": "one past the last character",
        "text": "raw[start:end]",
        "date": "the date at its precision (YYYY, YYYY-MM, YYYY-MM-DD; --MM-DD for a day without a year); for a dated fact, its bound",
        "precision": "year, month, day, day_month or event",
        "kind": "explicit, day_month, event (a fact from analysis/data/dated_events.csv), date_banner, dateline or published_line",
        "bound": "not_before, not_after, both, future (a clause about the future: not a bound) or year_needed",
        "not_before": "the article was written on or after this date (empty when the date sets no lower bound)",
        "not_after": "the article was written on or before this date (dated facts only)",
        "segment_kind": "body or furniture: where on the page the date is",
        "segment_label": "the segment's label (paragraph, date_banner, related_teaser, ...)",
        "rule": "why the date got its kind and bound",
    },
)
tables.write_table(
    ledger,
    "attributions",
    "One row per attribution (quotation, reported statement, thought, finding) or scare quote in the article bodies (the attribution ledger).",
    {
        "doc_id": "article id",
        "start": "first character of the content: the quotation (marks included) or the reported clause",
        "end": "one past the last character",
        "speaker": "who is cited, as printed (a resolved pronoun shows the name); empty when nobody",
        "speaker_kind": "named | vague | other (a common noun phrase) | author (I, we, you) | none",
        "verb": "the reporting verb or phrase as printed (said, declared, according to, it is believed ...)",
        "is_quote": "True for a direct quotation",
        "text": "raw[start:end]",
        "kind": "quote | reported | thought | finding | scare_quote",
        "sentence_id": "body sentence id (as in analysis.corpus.sentences.body_sentences)",
        "source_start": "raw offset of the source as printed (a pronoun stays the pronoun; empty when no source is printed; for a continued quotation, the earlier source)",
        "source_end": "one past its last character",
        "source_resolved": "the full name a pronoun or bare surname stands for (empty when the source is printed in full or unresolved)",
        "cue_start": "raw offset of the cue: reporting verb, thought or finding verb, noun cue, according to (empty for a continued quotation or scare quote)",
        "cue_end": "one past its last character",
        "cue_kind": "verb, noun, according_to, thought or finding (analysis/data/cue_kinds.csv)",
        "verb_lemma": "the verb's entry in analysis/data/reporting_verbs.csv",
        "verb_category": "neutral, emphatic, distancing, tentative, critical, concessive, factive, directive, naming ...",
        "rule": "how the row was found",
    },
)
tables.write_table(
    profile,
    "sourcing_profile",
    "One row per article: named and vague attributions and the share of body sentences that carry a source.",
    {
        "doc_id": "article id",
        "n_sentences": "body sentences",
        "n_attributions": "quotations and reported statements (scare quotes excluded)",
        "n_named": "attributions to a named person or institution",
        "n_vague": "attributions to a vague source",
        "n_unattributed_quotes": "quotations nobody is said to have spoken",
        "n_quotes": "direct quotations",
        "n_scare_quotes": "terms in quotation marks with no speaker",
        "n_sourced_sentences": "body sentences with at least one named or vague source",
        "share_sourced": "n_sourced_sentences / n_sentences",
        "share_vague": "n_vague / (n_named + n_vague)",
    },
)
tables.write_table(
    signals,
    "page_signals",
    "One row per article and page indicator (weak signals of template pages, never verdicts), with what the indicator saw.",
    {
        "doc_id": "article id",
        "signal": "generic_author_bio, no_named_sources, stock_phrase_density, advertising_markers or stale_facts",
        "fired": "True when the indicator's threshold is reached",
        "value": "the measured number (specifics in the bio, named attributions, phrases per 1,000 words, markers, stale facts)",
        "threshold": "when the indicator fires",
        "saw": "what the indicator saw, in words",
    },
)
display(Markdown("Written `tables/documents.csv`, `tables/provenance_evidence.csv`, `tables/dates.csv`, `tables/attributions.csv`, "
                 "`tables/sourcing_profile.csv` and `tables/page_signals.csv`; their column dictionary is on the index page."))


# %% [markdown]
# ## Methods appendix: the ledger measured on expert annotations
#
# PolNeAR (Newell, Margolin & Ruths 2018) marks every attribution in political news (statements, thoughts, findings) with its source, cue and content. The ledger's two models (which words are cues; which words are each cue's source and content) and its thresholds were tuned on PolNeAR's `train/` articles only; the figures below are computed on its `dev/` articles, which tuning never saw. A ledger row matches an expert attribution when their contents overlap, one to one. F1 is the balance of precision (the share of rows that are right) and recall (the share of expert attributions found). The same figures come from `python -m analysis.evaluate attribution`; `docs/attribution.md` explains them.

# %%
if polnear is None:
    display(Markdown("*PolNeAR was not found in the shared data folder, so the ledger was not scored in this build; the box at the top "
                     "shows the last measured figures. See `../shared/data/README.md`.*"))
else:
    overall, quotes = polnear["overall"], polnear["quotes"]
    display(Markdown(
        f"### On {polnear['n_articles']:,} articles it was not tuned on, the ledger finds {overall['recall']:.0%} of the "
        f"{overall['n_gold']:,} attributions experts marked, and {overall['precision']:.0%} of its rows are one of them (F1 {overall['f1']:.3f})\n\n"
        f"Direct quotations: F1 {quotes['f1']:.2f} (precision {quotes['precision']:.2f}, recall {quotes['recall']:.2f}). "
        f"On the matched pairs the source is right {polnear['source_accuracy']:.0%} of the time and the cue {polnear['cue_accuracy']:.0%}. "
        f"Beside this, this corpus's ledger has {len(ledger):,} rows, "
        f"{ledger['kind'].isin(['thought', 'finding']).sum():,} of them thoughts or findings."))
    per_kind = polnear["per_kind"].assign(**{c: polnear["per_kind"][c].round(2) for c in ("precision", "recall", "f1", "source_accuracy")})
    show.show(show.frame_html(per_kind.rename(columns={"kind": "cue kind", "n_predicted": "ledger rows", "n_gold": "expert attributions",
                                                       "n_matched": "matched", "f1": "F1", "source_accuracy": "source accuracy"}),
                              caption="Per cue kind (recall by the expert cue's kind, precision by the row's), PolNeAR dev.", headers=False))
display(Markdown(
    f"The stock-phrase indicator fires at {publication.STOCK_PHRASE_THRESHOLD:g} phrases per 1,000 body words with at least "
    f"{publication.STOCK_PHRASE_MIN_HITS} phrases; on 2,225 BBC News articles none reaches that."))
