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
# # Rhetoric
#
# Rhetorical devices and figurative frames in each article's body, shown as highlighted evidence: loaded language, name-calling, appeals to authority, vague attribution, scare quotes, rhetorical questions, exaggeration and minimisation, flag-waving, stock phrases of template prose, hedging and boosting, and frames such as the "reckless driving" metaphor. Every span is a pair of character offsets into the raw article, and every span says which rule, lexicon entry or trained-model features made it, so a reader can judge it. Loaded language and name-calling come from a small model trained on the Propaganda Techniques Corpus (an expert-annotated set of 371 news articles) together with curated word lists; the detector is then measured on the half of that corpus it was never trained or tuned on.
#
# The devices fall into two families that say different things about an article: **argument and emotive devices** (loaded language, name-calling, flag-waving, exaggeration, doubt, appeals, frames …) and **hedging, boosting and the stock phrases of template prose**. Densities are counted per family, so an article full of "may" and "delves into" is not called the most rhetorical.
#
# Steps: (1) which devices each article uses, and how densely, family by family; (2) each article with its devices highlighted; (3) every device in context across articles; (4) figurative frames — every occurrence, and whether the text credits it to someone or the author uses it; (5) what dominates each article; (6) how the trained tagger decides; (7) how well the detector agrees with expert annotators, and where it fails.

# %% tags=["parameters"]
CORPUS_DIR = None  # folder of .txt articles; None means seeds/ (the build injects the folder it runs on)

# %%
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import Markdown, display

from analysis import config
from analysis.provenance import attribution, publication
from analysis.corpus.layer import open_corpus
from analysis.report import display as show, limits as limits, tables
from analysis.evaluate import ptc
from analysis.rhetoric import detector, tagger

sns.set_theme(style="whitegrid", context="notebook")
corpus = open_corpus(CORPUS_DIR)
docs, raw_by_doc, segments, titles = corpus.docs, corpus.raw_by_doc, corpus.segments, corpus.titles
body = corpus.sentences
ledger = attribution.find_attributions(docs, segments=segments)
spans = detector.detect_devices(docs, sentences=body, ledger=ledger)
frames = detector.track_frames(docs, sentences=body, ledger=ledger)
summary = detector.article_summary(spans, body)
densities = detector.family_densities(spans, summary)
devices = detector.load_devices()
family_of = dict(zip(devices["device"], devices["report_family"]))
label_of = dict(zip(devices["device"], devices["label"]))
colours = detector.device_colours()
spans["label"] = spans["device"].map(label_of)

documents = publication.join_outlets(publication.document_provenance(docs, publication.provenance_evidence(docs, corpus.manifest, segments=segments)))
outlet_of = documents.set_index("doc_id")["outlet"].replace("", pd.NA).fillna("outlet unknown")
# Column labels: the id's first three characters and the outlet, unless those prefixes collide (then the full id).
prefixes_unique = docs["doc_id"].str[:3].is_unique
short_name = {doc: f"{doc[:3] if prefixes_unique else doc} · {outlet_of.get(doc, 'outlet unknown')}" for doc in docs["doc_id"]}
if not prefixes_unique:
    short_name = {doc: doc if outlet_of.get(doc, "outlet unknown") == "outlet unknown" else name for doc, name in short_name.items()}
n_articles = len(docs)
show_all = limits.shows_all(n_articles)  # a small corpus shows every article in every section
segments_by_doc = dict(list(segments.groupby("doc_id", sort=False)))
spans_by_doc = dict(list(spans.groupby("doc_id", sort=False)))

display(Markdown(
    f"**{len(spans):,} device spans** in {len(docs):,} articles ({summary['n_words'].sum():,} body words), "
    f"from {spans['device'].nunique()} of the {len(devices)} devices in the taxonomy, and "
    f"**{len(frames):,} occurrences of {frames['frame'].nunique()} figurative frames**. "
    "Every span lies inside one body sentence: page furniture is never searched."
))

# %% [markdown]
# ## Which devices each article uses
#
# The taxonomy (`analysis/data/rhetoric_devices.csv`): each device with its definition, the technique of the Propaganda Techniques Corpus (PTC) it corresponds to where there is one, how it is detected, and its source.

# %%
show.show('<div class="wb-taxonomy">' + show.frame_html(devices.assign(report_family=devices["report_family"].map(detector.REPORT_FAMILIES))[["label", "report_family", "family", "ptc_technique", "definition", "detection", "source"]]) + "</div>")

# %%
# Densities per 1,000 body words (never raw counts under that heading), from the family table.
density = densities.pivot(index="label", columns="doc_id", values="per_1000_words").reindex(columns=docs["doc_id"])
ordered = devices.assign(first=devices["report_family"].ne("argument_emotive")).sort_values("first", kind="stable")["label"]
density = density.loc[[label for label in ordered if label in set(spans["label"])]]
argument_ranked = summary.sort_values(["argument_emotive_per_1000_words", "doc_id"], ascending=[False, True])
most = argument_ranked.iloc[0]
least = argument_ranked.iloc[-1]
template_top = summary.sort_values(["template_stance_per_1000_words", "doc_id"], ascending=[False, True]).iloc[0]
top_device = spans["label"].value_counts().idxmax() if len(spans) else "none"
display(Markdown(
    f"### Counting argument and emotive devices, {show.markdown_text(short_name[most['doc_id']])} is the most rhetorical: {most['argument_emotive_per_1000_words']:.1f} spans per 1,000 body words"
    + (f" against {least['argument_emotive_per_1000_words']:.1f} for {show.markdown_text(short_name[least['doc_id']])}" if len(summary) > 1 else "") + "\n\n"
    f"Hedging, boosting, vague attribution and stock phrases are counted apart: by them {show.markdown_text(short_name[template_top['doc_id']])} leads "
    f"({template_top['template_stance_per_1000_words']:.1f} per 1,000 words). Across the corpus the most frequent device is **{show.markdown_text(top_device)}** "
    f"({spans['label'].value_counts().max() if len(spans) else 0:,} spans). "
    + ("Each cell below is a device's spans per 1,000 body words of an article: read across a row to compare articles, "
       "down a column to see which devices an article leans on. " if show_all else
       "Each cell of the grid below is a device's spans per 1,000 body words of an article: read down a column to compare "
       "articles, across a row to see which devices an article leans on. ")
))
families_table = summary.assign(article=summary["doc_id"].map(short_name))[
    ["article", "n_words", "n_argument_emotive", "argument_emotive_per_1000_words", "n_template_stance", "template_stance_per_1000_words"]
].sort_values("argument_emotive_per_1000_words", ascending=False)
families_shown = families_table if show_all else families_table.head(limits.MAX_ROWS)
show.show(show.frame_html(
    families_shown.rename(columns={
        "n_words": "body words", "n_argument_emotive": "argument & emotive spans", "argument_emotive_per_1000_words": "argument & emotive per 1,000 words",
        "n_template_stance": "hedging, boosting & template spans", "template_stance_per_1000_words": "hedging, boosting & template per 1,000 words"}),
    caption="The two families per article: span counts, and densities per 1,000 body words (rhetoric_summary.csv)."))
densest_articles = limits.select(summary, n_articles, "argument_emotive_per_1000_words")
if show_all:
    fig, ax = plt.subplots(figsize=(1.6 * len(docs) + 4, 0.42 * len(density) + 1.5))
    sns.heatmap(density.rename(columns=short_name), annot=True, fmt=".1f", cmap="Oranges", cbar_kws={"label": "spans per 1,000 words"}, ax=ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("Device spans per 1,000 body words (argument and emotive devices above, hedging, boosting and template prose below)")
    plt.xticks(rotation=20, ha="right")
    plt.tight_layout()
    plt.show()
else:  # a large corpus: each device across all articles, then the densest articles one row each
    using = density.gt(0).sum(axis=1).sort_values()
    users = density.stack().rename("density").reset_index().query("density > 0")
    display(Markdown(
        f"With {n_articles:,} articles, the first chart shows for each device how many articles use it (left) and how densely "
        "they use it (right: one box over the articles that use it). "
        + limits.selection_note(len(densest_articles), n_articles, "articles", "densest in devices", "rhetoric_summary.csv")
        + " The grid below shows them device by device; every span is in `tables/rhetoric_spans.csv`."
    ))
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 0.42 * len(using) + 1.6), sharey=True, gridspec_kw={"width_ratios": [1, 2]})
    left.barh(using.index, using.to_numpy(), color="#DD8452")
    left.set_xlabel("articles using the device")
    sns.boxplot(data=users, x="density", y="label", order=list(using.index), color="#f3d3b8", showfliers=True,
                flierprops={"markersize": 2, "alpha": 0.4}, ax=right)
    right.set_xscale("log")
    right.set_xlabel("spans per 1,000 body words, in the articles that use it (log scale)")
    right.set_ylabel("")
    left.set_ylabel("")
    fig.suptitle(f"Devices across the {n_articles:,} articles")
    plt.tight_layout()
    plt.show()
    fig, ax = plt.subplots(figsize=(0.7 * len(density) + 4, 0.42 * len(densest_articles) + 2.5))
    grid = density[list(densest_articles["doc_id"])].T.rename(index=short_name)
    sns.heatmap(grid, annot=True, fmt=".0f", cmap="Oranges", cbar_kws={"label": "spans per 1,000 words"}, ax=ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(f"Device spans per 1,000 body words: the {len(densest_articles)} densest articles")
    plt.xticks(rotation=35, ha="right")
    plt.tight_layout()
    plt.show()

# %%
if show_all:
    counts = detector.device_counts(spans, docs["doc_id"]).rename(index=short_name).T
    counts.columns.name = None
    show.show(show.frame_html(counts.reset_index(names="device"), caption="Device spans per article (counts). The CSV export rhetoric_spans.csv lists every span with the rule that fired."))
else:
    counts = detector.device_counts(spans, docs["doc_id"])
    totals = pd.DataFrame({"spans": counts.sum(), "articles using it": counts.gt(0).sum(), "most in one article": counts.max()})
    show.show(show.frame_html(totals.sort_values("spans", ascending=False).reset_index(names="device"),
                              caption="Device spans across all articles (counts). The CSV export rhetoric_spans.csv lists every span with the rule that fired."))

# %% [markdown]
# ## Each article, with its devices highlighted
#
# Hover over a highlight to see the device and the rule or lexicon entry that fired. Where devices overlap, the text is shaded with the first and underlined with a stripe for each other one, and the tooltip names them all. Page furniture (ads, pitches, author boxes) is folded into a grey note. Article text is escaped: markup in an article shows as text.

# %%
if not show_all:
    display(Markdown(limits.selection_note(len(densest_articles), n_articles, "articles", "densest in devices, densest first", "rhetoric_spans.csv")))
show.show(show.legend_html({label: colour for label, colour in colours.items() if label in set(spans["label"])}))
for number, doc in enumerate(densest_articles.itertuples(index=False)):
    doc_spans = spans_by_doc.get(doc.doc_id, spans.head(0))
    heading = show.escape_text(f"{short_name[doc.doc_id]} — {titles.get(doc.doc_id, '')}")
    lead = show.escape_text(f"{doc.n_argument_emotive} argument and emotive spans ({doc.argument_emotive_per_1000_words:.0f} per 1,000 words), "
                            f"{doc.n_template_stance} of hedging, boosting and template prose ({doc.template_stance_per_1000_words:.0f} per 1,000); "
                            f"dominant: {doc.dominant_devices or 'none'}")
    article = detector.render_article(raw_by_doc[doc.doc_id], segments_by_doc[doc.doc_id], doc_spans, colours)
    show.show(
        f'<details style="margin:.6em 0"{" open" if number == 0 else ""}><summary style="cursor:pointer"><b>{heading}</b><br>'
        f'<span style="color:#555">{lead}</span></summary>{article}</details>'
    )

# %% [markdown]
# ## Every device in context
#
# Keyword-in-context tables, one per device, across all articles: the span in bold, with the words around it. Read down a table to judge whether the rule catches what its definition says.

# %%
order = [d for d in devices["device"] if d in set(spans["device"])]
shown = 12
listed = {device: spans[spans["device"].eq(device)].head(shown) for device in order}
# The body view (furniture blanked) only of the articles whose spans are listed.
body_text = {doc: detector.body_view(raw_by_doc[doc], segments_by_doc[doc]) for doc in pd.concat(listed.values())["doc_id"].unique()} if order else {}
for device in order:
    rows = spans[spans["device"].eq(device)]
    definition = devices.set_index("device").at[device, "definition"]
    kwic = show.kwic_table(listed[device], body_text, width=60)
    caption = f"{label_of[device]} — {len(rows)} spans in {rows['doc_id'].nunique()} articles"
    more = f"<p>… {len(rows) - shown} more in rhetoric_spans.csv.</p>" if len(rows) > shown else ""
    show.show(f"<h4>{show.escape_text(caption)}</h4><p><i>{show.escape_text(definition)}</i></p>" + show.kwic_html(kwic.head(shown)) + more)

# %% [markdown]
# ## Figurative frames

# %%
if frames.empty:
    display(Markdown("No figurative frame of `frames.csv` occurs in these articles."))
else:
    recurring = frames.groupby("label").size().sort_values(ascending=False)
    credited = frames[frames["voice"].eq("credited")]
    reused = frames[frames["attribution"].eq("author_use_of_credited")]
    top = recurring.index[0]
    top_credit = frames.loc[frames["label"].eq(top) & frames["credited_frame_of"].ne(""), "credited_frame_of"]
    credit_note = f", the article credits it to **{show.markdown_text(top_credit.iloc[0])}**" if len(top_credit) else ", credited to nobody"
    display(Markdown(
        f"### The most frequent frame is “{show.markdown_text(top)}” ({recurring.iloc[0]} occurrences{credit_note})\n\n"
        f"{len(frames):,} occurrences of {len(recurring)} frames. {len(credited):,} are credited where they occur "
        f"({credited['attribution'].eq('stated').sum()} coined or named by someone in the sentence itself, {credited['attribution'].eq('quoted').sum()} inside a named speaker's quotation); "
        f"{len(reused):,} are the author's own use of a frame the article credits to someone elsewhere — the credit goes with the coinage, not with every later use — "
        f"and {frames['attribution'].eq('none').sum():,} are frames the author uses with no credit at all. "
        "The table lists every occurrence in page order, with its sentence and its voice."
    ))

    occurrences = frames.assign(article=frames["doc_id"].map(short_name), credited=detector.describe_voice(frames))
    occurrences_shown = limits.select(occurrences, n_articles, ["doc_id", "start"], ascending=True, limit=limits.MAX_ROWS, ties=None)
    note = limits.selection_note(len(occurrences_shown), len(occurrences), "occurrences", "first in article order", "rhetoric_frames.csv")
    if note:
        display(Markdown(note))
    show.show(show.frame_html(occurrences_shown[["article", "label", "start", "end", "text", "sentence_id", "sentence", "credited"]]))

# %%
if not frames.empty:
    matrix = detector.frame_matrix(frames, docs["doc_id"]).rename(index=short_name)
    widest = int(matrix.gt(0).sum(axis=0).max())
    framing = matrix[matrix.sum(axis=1) > 0].assign(_total=lambda m: m.sum(axis=1))
    matrix_shown = matrix if show_all else limits.select(framing.reset_index(names="doc_id"), n_articles, "_total").set_index("doc_id").drop(columns="_total")
    display(Markdown(
        "Which outlets use which frames: occurrences per article. "
        f"{(matrix.gt(0).sum(axis=1) > 0).sum():,} of {len(matrix):,} articles use at least one frame; "
        f"no frame appears in more than {widest} article(s)"
        + (", so each frame belongs to one outlet's argument rather than to a shared vocabulary." if widest <= 1 else ".")
        + ("" if show_all else " The table lists " + (
            limits.selection_note(len(matrix_shown), len(framing), "articles", "with the most occurrences", "rhetoric_frames.csv")
            .removeprefix("Shown: ") or "every article that uses one."))
    ))
    show.show(show.frame_html(matrix_shown.reset_index(names="article")))

# %% [markdown]
# ## What dominates each article
#
# Per article: how dense each family is, the three most frequent devices, and the densest passage — the sentence that carries the most distinct argument and emotive devices (hedges and stock phrases never make a passage dense) — quoted with its devices highlighted.

# %%
if not show_all:
    display(Markdown(limits.selection_note(len(densest_articles), n_articles, "articles", "densest in devices", "rhetoric_summary.csv")))
show.show(show.frame_html(densest_articles.assign(article=densest_articles["doc_id"].map(short_name))[["article", "n_words", "argument_emotive_per_1000_words", "template_stance_per_1000_words", "dominant_devices", "densest_devices"]],
                          caption="Densities are spans per 1,000 body words; the densest passage is the sentence with the most distinct argument and emotive devices."))
for doc in densest_articles.dropna(subset=["densest_start"]).itertuples(index=False):
    doc_spans = spans_by_doc.get(doc.doc_id, spans.head(0))
    passage = show.highlight_spans(raw_by_doc[doc.doc_id], doc_spans, "label", int(doc.densest_start), int(doc.densest_end), colours, "rule")
    show.show(f"<p><b>{show.escape_text(short_name[doc.doc_id])}</b> — {show.escape_text(doc.densest_devices)}</p><blockquote>{passage}</blockquote>")

# %% [markdown]
# ## How the trained tagger decides
#
# Loaded language and name-calling are found by a small trained model (`analysis/data/rhetoric_tagger.json`, `python -m analysis.evaluate ptc-train`): a logistic regression that scores each word of a sentence from features a reader can name — the word and its ending, the words beside it, its capitalisation, whether it is inside a quotation, whether the cited word lists hold it (subjectivity clues, the biased-language lexicon, hedges, report verbs) and its VADER valence. Words whose probability passes the class's threshold form a span, and each span's `rule` lists the features that weighed most for it. Curated word lists and patterns add what the model cannot know; a hedge is never loaded language; a dictionary sense rule drops "lies" meaning "is located".

# %%
model = tagger.load_model()
classes = model["classes"][1:]
word_weights = pd.DataFrame(
    [(name[2:], *weights[1:]) for name, weights in model["weights"].items() if name.startswith("w=") and name[2:].isalpha()],
    columns=["word", *classes],
)
kind_weights = pd.DataFrame(
    [(tagger.describe_feature(name), *weights[1:]) for name, weights in model["weights"].items()
     if name.split("=")[0] in ("lex", "vader", "shape") or name in ("in_quote_short", "in_quote_long", "inner_title", "inner_upper", "first_word", "sentence_has_!")],
    columns=["feature", *classes],
)
cv = model["cross_validation"]
display(Markdown(
    f"The model was trained on {model['trained_on']['articles']} ({model['trained_on']['tokens']:,} words) and keeps "
    f"{len(model['weights']):,} weighted features. The reports use the thresholds that were best for precision-weighted F (F0.5) "
    "in four-fold cross-validation inside the tune half: "
    + "; ".join(f"{c.replace('_', ' ')} at p ≥ {model['thresholds'][c]:.2f}" for c in classes)
    + ". The words that weigh most for each class, and how much the other kinds of feature weigh (log-odds against a plain word):"
))
top_words = pd.concat(
    [word_weights.nlargest(15, c)[["word", c]].reset_index(drop=True).rename(columns={"word": f"{c.replace('_', ' ')}: word", c: f"{c.replace('_', ' ')}: weight"}).round(2)
     for c in classes], axis=1)
show.show(show.frame_html(top_words, caption="The 15 words that weigh most for each class (the feature 'the word …'; log-odds against a plain word)"))
show.show(show.frame_html(kind_weights.assign(**{c: kind_weights[c].round(2) for c in classes}).sort_values(classes[0], ascending=False),
                          caption="Weights of the lexicon, valence, shape and quotation features"))

# %% [markdown]
# ## Measured against expert annotations (Propaganda Techniques Corpus)
#
# The PTC (Da San Martino et al. 2019; SemEval-2020 Task 11) labels 6,129 spans in 371 news articles with 14 propaganda techniques. The tagger was trained, and the detector's lexicons and rules tuned, on a fixed half of those articles (`analysis/data/ptc_tune_articles.csv`, chosen by a hash of the article id); the figures below are computed now, on the **other half**, which training and tuning never saw. The score is SemEval's span score: partial credit by character overlap, per technique. The same figures come from `python -m analysis.evaluate ptc --articles DIR --labels FILE`.

# %%
ptc_dir = config.shared_data_dir() / "ptc"
ptc_result = None
if not (ptc_dir / ptc.PTC_ARTICLES).is_dir() or not (ptc_dir / ptc.PTC_LABELS).is_file():
    display(Markdown(f"*The Propaganda Techniques Corpus was not found at {show.markdown_code(ptc_dir)}; this section is skipped. See `../shared/data/README.md`.*"))
else:
    # Depends only on the detector and the PTC files, so it is cached on their contents (analysis.report.result_cache).
    ptc_result = ptc.held_out_evaluation(ptc_dir)
    ptc_predictions = ptc_result["predictions"]
    scores = ptc_result["per_technique"]
    best = scores.sort_values("f1", ascending=False).iloc[0]
    micro_p, micro_r, micro_f = ptc_result["micro"]
    si_p, si_r, si_f = ptc_result["span_identification"]
    display(Markdown(
        f"### On {ptc_result['n_articles']} held-out articles the detector reaches F1 {micro_f:.2f} over the techniques it reports; best on {show.markdown_text(best['technique'])} ({best['f1']:.2f})\n\n"
        f"Precision {micro_p:.2f}, recall {micro_r:.2f} over {len(scores)} techniques ({int(scores['n_gold'].sum()):,} labelled spans). "
        f"Counting every labelled technique, including the {len(ptc_result['undetected'])} it does not try to detect, F1 is {ptc_result['all_techniques'][2]:.2f}; "
        f"scored as SemEval's technique-agnostic span identification it is {si_f:.2f} (precision {si_p:.2f}, recall {si_r:.2f}). "
        "For reference, the best SemEval-2020 span-identification systems, large fine-tuned transformers, reached about 0.51. "
        "The bars show precision, recall and F1 per technique."
    ))
    show.show(show.frame_html(scores[["technique", "n_predicted", "n_gold", "precision", "recall", "f1"]].round(3),
                              caption="Counts are after merging overlapping spans of the same technique within an article, as the SemEval scorer does."))
    points = ptc_result["tagger_operating_points"]
    if len(points):
        f1_point = points[points["operating_point"].eq(ptc.OPERATING_POINTS["f1_thresholds"])].set_index("technique")
        report_point = points[points["operating_point"].eq(ptc.OPERATING_POINTS["thresholds"])].set_index("technique")
        display(Markdown(
            "The tagger alone, at its two thresholds: the reports use the precision-weighted one; the best-F1 one finds more of the labelled spans "
            f"(loaded language F1 {f1_point.at['Loaded_Language', 'f1']:.2f} against {report_point.at['Loaded_Language', 'f1']:.2f}, "
            f"precision {f1_point.at['Loaded_Language', 'precision']:.2f} against {report_point.at['Loaded_Language', 'precision']:.2f}). "
            "Many emotive words the annotators did not label are genuine loaded language to a reader, so PTC precision understates what a reader sees."
        ))
        show.show(show.frame_html(points[["operating_point", "technique", "threshold", "n_predicted", "n_gold", "precision", "recall", "f1"]].round(3),
                                  caption="The trained tagger alone on the held-out articles (no curated lexicon, no patterns)."))
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(scores) + 1.2))
    long = scores.melt(id_vars="technique", value_vars=["precision", "recall", "f1"], var_name="measure", value_name="score")
    sns.barplot(data=long, y="technique", x="score", hue="measure", palette=["#9fb3c8", "#f6c667", "#4C72B0"], ax=ax)
    ax.set_xlim(0, 1)
    ax.set_xlabel("score (SemEval-2020 span scoring, held-out PTC articles)")
    ax.set_ylabel("")
    ax.legend(frameon=False, loc="lower right")
    sns.despine(left=True)
    plt.tight_layout()
    plt.show()

# %% [markdown]
# ### Where the detector fails
#
# Two kinds of error, with examples from the held-out articles: spans the detector reports that annotators did not label (false alarms — often emotive words in a neutral use, or a word whose other sense is loaded), and labelled spans it misses (mostly phrases whose charge comes from the context, not from a single word).

# %%
if ptc_result is not None:
    ptc_raw = dict(zip(ptc_result["articles"]["doc_id"], ptc_result["articles"]["raw"]))
    held_gold = ptc_result["labels"]
    for technique in ["Loaded_Language", "Name_Calling,Labeling"]:
        false_alarms = ptc.unmatched(ptc_predictions, held_gold, technique)
        missed = ptc.unmatched(held_gold, ptc_predictions, technique)
        n_pred = ptc_predictions["technique"].eq(technique).sum()
        n_gold = held_gold["technique"].eq(technique).sum()
        words = missed.apply(lambda r: len(ptc_raw[r["doc_id"]][r["start"]:r["end"]].split()), axis=1)
        display(Markdown(
            f"**{show.markdown_text(technique)}**: {len(false_alarms)} of {n_pred} reported spans touch no labelled span; "
            f"{len(missed)} of {n_gold} labelled spans are missed entirely, "
            f"{(words > 1).mean():.0%} of them longer than one word (median {words.median():.0f} words)."
        ))
        examples = false_alarms.sample(min(8, len(false_alarms)), random_state=3) if len(false_alarms) else false_alarms
        show.show(show.kwic_html(show.kwic_table(examples, ptc_raw, width=50), caption=f"False alarms: reported as {technique}, not labelled"))
        show.show(show.frame_html(examples[["doc_id", "rule"]].assign(match=[ptc_raw[d][s:e] for d, s, e in examples[["doc_id", "start", "end"]].itertuples(index=False)]), caption="…and the rule behind each"))
        examples = missed.sample(min(8, len(missed)), random_state=3) if len(missed) else missed
        show.show(show.kwic_html(show.kwic_table(examples, ptc_raw, width=50), caption=f"Missed: labelled {technique}, not reported"))

# %% [markdown]
# ## Exported tables

# %%
tables.write_table(
    spans[detector.SPAN_COLUMNS],
    "rhetoric_spans",
    "One row per rhetorical-device span in an article body, with the rule or lexicon entry that fired.",
    {
        "doc_id": "article id (the seed's file stem)",
        "device": "device id from analysis/data/rhetoric_devices.csv (loaded_language, figurative_frame, hedging, ...)",
        "start": "first character of the span in the raw text (Python offset)",
        "end": "one past the last character (raw[start:end] is the evidence)",
        "text": "raw[start:end]",
        "rule": "the pattern, lexicon entry or attribution-ledger rule that fired (file: entry), or for the trained tagger its probability and the features that weighed most",
        "sentence_id": "body sentence the span lies in (as in analysis.corpus.sentences.body_sentences)",
        "ptc_technique": "the Propaganda Techniques Corpus technique the device corresponds to (empty when none)",
    },
)
tables.write_table(
    frames.drop(columns=["sentence"]),
    "rhetoric_frames",
    "One row per occurrence of a figurative frame in an article body, with whom the text credits it.",
    {
        "doc_id": "article id",
        "frame": "frame id from analysis/data/frames.csv",
        "label": "frame name",
        "family": "family of images (vehicle and road, sport and games, ...)",
        "start": "first character of the occurrence in the raw text",
        "end": "one past its last character",
        "text": "raw[start:end]",
        "sentence_id": "body sentence of the occurrence",
        "attributed_to": "person this occurrence is credited to (gazetteer name when known); empty when the author uses the frame in their own voice",
        "attribution": "stated (coined or named by someone in the same sentence), quoted (inside a named speaker's quotation), author_use_of_credited (the author's own use of a frame the article credits elsewhere) or none (the author's own frame)",
        "voice": "credited (stated or quoted) or author",
        "credited_frame_of": "whom the article credits with the frame anywhere (filled for author_use_of_credited too); empty when nobody",
        "credit_start": "raw offset of the credited name in the crediting sentence (-1 when none)",
        "credit_end": "one past its end (-1 when none)",
        "credit_text": "the credited name as printed",
        "credit_role": "how the text introduces that person (e.g. a prominent scholar); empty when it does not",
    },
)
tables.write_table(
    summary,
    "rhetoric_summary",
    "One row per article: device densities per family, the dominant devices and the densest passage.",
    {
        "doc_id": "article id",
        "n_words": "words in the body sentences",
        "n_spans": "device spans in the body",
        "spans_per_1000_words": "n_spans per 1,000 body words",
        "n_argument_emotive": "spans of argument and emotive devices (loaded language, name-calling, flag-waving, exaggeration, doubt, appeals, frames, ...)",
        "argument_emotive_per_1000_words": "n_argument_emotive per 1,000 body words",
        "n_template_stance": "spans of hedging, boosting, vague attribution and stock phrases of template prose",
        "template_stance_per_1000_words": "n_template_stance per 1,000 body words",
        "n_devices": "distinct devices used",
        "dominant_devices": "the three most frequent devices with their span counts",
        "densest_sentence_id": "the sentence carrying the most distinct argument and emotive devices (ties: more such spans, then earlier)",
        "densest_start": "raw offset where that sentence starts",
        "densest_end": "raw offset where it ends",
        "densest_text": "the sentence",
        "densest_devices": "the argument and emotive devices in it",
    },
)
written = ["rhetoric_spans.csv", "rhetoric_frames.csv", "rhetoric_summary.csv"]
if ptc_result is not None:
    tables.write_table(
        ptc_result["per_technique"][ptc.SCORE_COLUMNS],
        "rhetoric_ptc_scores",
        "One row per PTC technique the detector reports: SemEval-2020 span scores on the held-out PTC articles.",
        {
            "technique": "PTC technique name",
            "n_predicted": "predicted spans (overlapping spans of the technique merged per article)",
            "n_gold": "labelled spans (merged the same way)",
            "precision": "sum of |predicted ∩ labelled| / |predicted| over span pairs, divided by n_predicted",
            "recall": "sum of |predicted ∩ labelled| / |labelled| over span pairs, divided by n_gold",
            "f1": "harmonic mean of precision and recall",
        },
    )
    written.append("rhetoric_ptc_scores.csv")
display(Markdown("Written " + ", ".join(f"`tables/{name}`" for name in written) + "; their column dictionary is on the index page."))
