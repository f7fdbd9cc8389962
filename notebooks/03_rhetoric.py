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
# Which articles argue with emotive words and figures of speech, which read as template prose, and in whose voice their frames are.

# %% tags=["parameters"]
CORPUS_DIR = None  # folder of .txt articles; None means seeds/ (the build injects the folder it runs on)

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.corpus.layer import open_corpus
from analysis.evaluate import ptc, scoring
from analysis.provenance import attribution
from analysis.provenance.labels import article_labels
from analysis.report import display as show, figures, findings, limits as limits, presentation, tables
from analysis.rhetoric import charts, detector, judged, key_findings, reading, tagger

figures.use_report_style()
corpus = open_corpus(CORPUS_DIR)
docs, raw_by_doc, segments, titles = corpus.docs, corpus.raw_by_doc, corpus.segments, corpus.titles
body = corpus.sentences
labels = article_labels(corpus)  # one name per article in every heading, sentence, table and chart
article_colours = figures.article_colours(docs["doc_id"])
ledger = attribution.find_attributions(docs, segments=segments)
spans = detector.detect_devices(docs, sentences=body, ledger=ledger)
frames = detector.track_frames(docs, sentences=body, ledger=ledger)
summary = detector.article_summary(spans, body)
densities = detector.family_densities(spans, summary)
devices = detector.load_devices()
label_of = dict(zip(devices["device"], devices["label"]))
family_of = dict(zip(devices["device"], devices["report_family"]))
n_articles = len(docs)
show_all = limits.shows_all(n_articles)  # a small corpus shows every article in every section
segments_by_doc = dict(list(segments.groupby("doc_id", sort=False)))
spans_by_doc = dict(list(spans.groupby("doc_id", sort=False)))
frames_by_doc = dict(list(frames.groupby("doc_id", sort=False)))
densest_articles = limits.select(summary, n_articles, "argument_emotive_per_1000_words")
section = {key: findings.section_id(heading) for key, heading in key_findings.SECTIONS.items()}

# How far to trust it: the held-out PTC figures (cached on the detector's and the PTC's contents), else the last recorded ones.
ptc_dir = config.shared_data_dir() / "ptc"
ptc_present = (ptc_dir / ptc.PTC_ARTICLES).is_dir() and (ptc_dir / ptc.PTC_LABELS).is_file()
ptc_result = ptc.held_out_evaluation(ptc_dir) if ptc_present else None
trust, caveats = key_findings.trust_rows(ptc_result, judged.seed_precision(), scoring.last_figures("ptc"))

show.show(findings.key_findings_html(key_findings.rhetoric_findings(summary, spans, frames, labels)))
show.show(findings.trust_html(trust, caveats=caveats))

# %% [markdown]
# The detector finds rhetorical devices and figurative frames in each article's **body** (page furniture is never searched) and sorts them into two families that say different things: **argument and emotive devices** — loaded language, name-calling, flag-waving, exaggeration, doubt, appeals to fear or authority, scare quotes, rhetorical questions, figurative frames — and **hedging, boosting and template prose**: the "may" and "clearly" every writer uses, vague sources ("analysts suggest") and the stock phrases of template text ("delves into"). A **density** is spans per 1,000 body words, with the same word count as every other report, so long and short articles compare. Every highlight is a pair of character offsets into the raw article, and says which rule, word list entry or trained-model feature made it.

# %% [markdown]
# ## Which articles argue, and which read as template prose

# %%
argument_ranked = summary.sort_values(["argument_emotive_per_1000_words", "doc_id"], ascending=[False, True])
most, least = argument_ranked.iloc[0], argument_ranked.iloc[-1]
n_sparest = int(summary["argument_emotive_per_1000_words"].eq(least["argument_emotive_per_1000_words"]).sum())
template_top = summary.sort_values(["template_stance_per_1000_words", "doc_id"], ascending=[False, True]).iloc[0]
name = {doc: show.markdown_text(label) for doc, label in labels.items()}  # labels as inert Markdown
display(Markdown(
    f"Counting argument and emotive devices, **{name[most['doc_id']]}** is the densest ({most['argument_emotive_per_1000_words']:.1f} spans per 1,000 body words)"
    + (f" and {name[least['doc_id']] if n_sparest == 1 else f'{n_sparest:,} articles'} the sparest ({least['argument_emotive_per_1000_words']:.1f})" if len(summary) > 1 else "")
    + f". Counting hedging, boosting and template prose instead, **{name[template_top['doc_id']]}** leads ({template_top['template_stance_per_1000_words']:.1f}). "
    "The two panels share one scale."
    + ("" if show_all else " " + limits.selection_note(len(densest_articles), n_articles, "articles", "densest in argument and emotive devices", "rhetoric_summary.csv"))
))
fig, alt = charts.family_density_figure(densest_articles, labels, article_colours)
figures.show_figure(fig, alt=alt)
families_table = summary.sort_values(["argument_emotive_per_1000_words", "doc_id"], ascending=[False, True])[
    ["doc_id", "n_words", "n_argument_emotive", "argument_emotive_per_1000_words", "n_template_stance", "template_stance_per_1000_words", "dominant_devices"]]
show.show(presentation.left_aligned(show.frame_html(
    families_table.rename(columns={
        "n_words": "body words", "n_argument_emotive": "argument & emotive spans", "argument_emotive_per_1000_words": "argument & emotive per 1,000 words",
        "n_template_stance": "hedging, boosting & template spans", "template_stance_per_1000_words": "hedging, boosting & template per 1,000 words",
        "dominant_devices": "most frequent devices (spans)"}),
    caption="The two families per article, densest in argument and emotive devices first.", csv="rhetoric_summary.csv", labels=labels)))

# %% [markdown]
# Device by device: each cell is a device's spans per 1,000 body words in one article (read along a row to see what an article leans on, down a column to compare articles). Argument and emotive devices are left of the line, hedging, boosting and template prose right of it.

# %%
fig, alt = charts.device_heatmap_figure(densities, list(argument_ranked[argument_ranked["doc_id"].isin(densest_articles["doc_id"])]["doc_id"]), labels)
figures.show_figure(fig, alt=alt)

# %% [markdown]
# ## Read the articles
#
# Each article with its devices highlighted, **one family at a time**: the buttons above an article switch between argument and emotive devices and hedging, boosting and template prose. The legend says what each colour holds; every highlight is labelled after it (point at one to see the rule or the model's words behind it). A phrase that several devices share — a frame and the loaded word inside it — is one highlight whose label names each. Page furniture (ads, pitches, author boxes) is left out and named in a grey note. Only the first article is open; click a title to open another.

# %%
if not show_all:
    display(Markdown(limits.selection_note(len(densest_articles), n_articles, "articles", "densest in argument and emotive devices, densest first", "rhetoric_spans.csv")))
reading_order = densest_articles.sort_values(["argument_emotive_per_1000_words", "doc_id"], ascending=[False, True])
for number, doc in enumerate(reading_order.itertuples(index=False), start=1):
    heading = show.escape_text(f"{labels[doc.doc_id]} — {titles.get(doc.doc_id, '')}")
    lead = show.escape_text(
        f"{doc.argument_emotive_per_1000_words:.1f} argument and emotive spans per 1,000 words ({doc.n_argument_emotive:,}), "
        f"{doc.template_stance_per_1000_words:.1f} of hedging, boosting and template prose ({doc.n_template_stance:,}); "
        f"most frequent: {doc.dominant_devices or 'none'}")
    view = reading.reading_view_html(raw_by_doc[doc.doc_id], segments_by_doc[doc.doc_id], spans_by_doc.get(doc.doc_id, spans.head(0)),
                                     f"article-{number}", frames=frames_by_doc.get(doc.doc_id))
    show.show(f'<details class="wb-article-view" style="margin:.6em 0"{" open" if number == 1 else ""}>'
              f'<summary style="cursor:pointer"><b>{heading}</b><br><span style="color:#555">{lead}</span></summary>{view}</details>')

# %% [markdown]
# ## Template prose: hedges, boosters, vague sources and stock phrases
#
# Hedges ("may", "appears") and boosters ("clearly", "must") are words every writer uses; what marks template prose is their density together with vague sources ("analysts suggest") and stock phrases — the ready-made openings, inflations and closings of machine-made or boilerplate text ("this article delves into", "navigating a delicate balance"; `analysis/data/stock_phrases.csv`, each with its source).

# %%
template_table = detector.template_prose_table(spans, summary)
template_shown = limits.select(template_table, n_articles, "template_stance_per_1000_words")
with_stock = template_table[template_table["n_stock_phrase"] > 0]
display(Markdown(
    f"{len(with_stock):,} of {n_articles:,} articles use a stock phrase of template prose"
    + (f"; **{name[with_stock.iloc[0]['doc_id']]}** uses the most ({with_stock['n_stock_phrase'].max():,})" if len(with_stock) else "")
    + ". The table quotes each article's own words, densest in the family first."
    + ("" if show_all else " " + limits.selection_note(len(template_shown), n_articles, "articles", "densest in hedging, boosting and template prose", "rhetoric_spans.csv"))
))
show.show(presentation.left_aligned(show.frame_html(
    template_shown.rename(columns={
        "n_words": "body words", "template_stance_per_1000_words": "per 1,000 words", "n_hedging": "hedges", "n_boosting": "boosters",
        "n_vague_attribution": "vague sources", "n_stock_phrase": "stock phrases", "stock_phrases": "its stock phrases (first four)"}),
    caption="Hedging, boosting and template prose per article: spans of each device, and the family's density.",
    csv="rhetoric_spans.csv", labels=labels)))

# %% [markdown]
# ## Figurative frames and whom they are credited to
#
# A figurative frame makes the reader see one thing in terms of another (an alliance as reckless driving, a proposal as a Trojan horse; `analysis/data/frames.csv`). What matters is whose frame it is: **credited** where the sentence names who coined or used it, or where it sits inside a named speaker's quotation; the **author's reuse** of a frame the article credits to someone elsewhere (the credit goes with the coinage, not with every later use); or the **author's own**, credited to nobody.

# %%
if frames.empty:
    display(Markdown("No figurative frame of `frames.csv` occurs in these articles."))
else:
    voices = detector.frame_voices(frames)
    widest = int(frames.groupby("frame")["doc_id"].nunique().max())
    display(Markdown(
        f"{len(frames):,} occurrences of {frames['frame'].nunique():,} frames in {frames['doc_id'].nunique():,} of {n_articles:,} articles: "
        f"{frames['voice'].eq('credited').sum():,} credited where they occur, {frames['attribution'].eq('author_use_of_credited').sum():,} "
        f"the author's reuse of a credited frame, {frames['attribution'].eq('none').sum():,} the author's own. "
        + ("No frame appears in more than one article." if widest == 1 else f"The most widely used frame appears in {widest:,} articles.")
    ))
    voices_shown = limits.select(voices, n_articles, "n_occurrences", limit=limits.MAX_ROWS)
    show.show(presentation.left_aligned(show.frame_html(
        voices_shown[["doc_id", "label", "n_occurrences", "credited_to", "n_credited", "n_author_reuse", "n_author_own"]].rename(columns={
            "label": "frame", "n_occurrences": "occurrences", "credited_to": "the article credits it to",
            "n_credited": "credited where it occurs", "n_author_reuse": "author's reuse", "n_author_own": "author's own"}),
        caption="One row per frame and article, in page order.", csv="rhetoric_frames.csv", labels=labels)))
    occurrences = frames.assign(credited=detector.describe_voice(frames))
    occurrences_shown = limits.select(occurrences, n_articles, ["doc_id", "start"], ascending=True, limit=limits.MAX_ROWS, ties=None)
    show.show(presentation.left_aligned(show.frame_html(
        occurrences_shown[["doc_id", "label", "text", "sentence", "credited"]].rename(columns={"label": "frame", "text": "words", "credited": "voice"}),
        caption="Every occurrence with its sentence and voice.", csv="rhetoric_frames.csv", labels=labels, fold_after=6)))

# %% [markdown]
# ## Every device in context
#
# Each device across all articles, its spans in the words around them (keyword in context): open a device to judge whether the detector catches what its definition says.

# %%
order = [d for d in devices["device"] if d in set(spans["device"])]
shown = 12
listed = {device: spans[spans["device"].eq(device)].head(shown) for device in order}
# The body view (furniture blanked) only of the articles whose spans are listed.
body_text = {doc: detector.body_view(raw_by_doc[doc], segments_by_doc[doc]) for doc in pd.concat(listed.values())["doc_id"].unique()} if order else {}
for device in order:
    rows = spans[spans["device"].eq(device)]
    n_rows, n_docs = len(rows), rows["doc_id"].nunique()
    definition = devices.set_index("device").at[device, "definition"]
    kwic = show.kwic_table(listed[device], body_text, width=60)
    kwic["doc_id"] = kwic["doc_id"].map(labels)
    more = (f'<p class="wb-table-note">… {n_rows - shown:,} more in <a href="tables/rhetoric_spans.csv">tables/rhetoric_spans.csv</a>.</p>'
            if n_rows > shown else "")
    summary_line = (f"{label_of[device]} — {n_rows:,} span{'s' if n_rows != 1 else ''} in {n_docs:,} article{'s' if n_docs != 1 else ''} "
                    f"({detector.REPORT_FAMILIES[family_of[device]]})")
    show.show(f'<details style="margin:.3em 0"><summary style="cursor:pointer">{show.escape_text(summary_line)}</summary>'
              f"<p><i>{show.escape_text(definition)}</i></p>{show.kwic_html(kwic.head(shown))}{more}</details>")

# %% [markdown]
# ## The densest passage of each article
#
# The sentence that carries the most distinct argument and emotive devices (hedges and stock phrases never make a passage dense), with those devices highlighted.

# %%
if not show_all:
    display(Markdown(limits.selection_note(len(densest_articles), n_articles, "articles", "densest in argument and emotive devices", "rhetoric_summary.csv")))
for doc in reading_order.dropna(subset=["densest_start"]).itertuples(index=False):
    passage = reading.passage_html(raw_by_doc[doc.doc_id], int(doc.densest_start), int(doc.densest_end),
                                   spans_by_doc.get(doc.doc_id, spans.head(0)), frames=frames_by_doc.get(doc.doc_id))
    show.show(f"<p style='margin-bottom:.2em'><b>{show.escape_text(labels[doc.doc_id])}</b> — {show.escape_text(doc.densest_devices)}</p>"
              f"<blockquote style='margin-top:0'>{passage}</blockquote>")

# %% [markdown]
# ## Methods appendix: measured against expert annotations
#
# ### The devices and how each is found
#
# The taxonomy (`analysis/data/rhetoric_devices.csv`): each device with its family, definition, the technique of the Propaganda Techniques Corpus (PTC) it corresponds to where there is one, how it is detected, and its source.

# %%
show.show('<div class="wb-taxonomy">' + show.frame_html(
    devices.assign(report_family=devices["report_family"].map(detector.REPORT_FAMILIES))[["label", "report_family", "ptc_technique", "definition", "detection", "source"]]
    .rename(columns={"label": "device", "report_family": "family", "ptc_technique": "PTC technique"})) + "</div>")

# %% [markdown]
# ### How the trained tagger decides
#
# Loaded language and name-calling are found by a small trained model (`analysis/data/rhetoric_tagger.json`, rebuilt by `python -m analysis.evaluate ptc-train`): a linear-chain conditional random field that labels each word of a sentence as the first word of a span, a later word or outside, from features a reader can name — the word and its ending, the words beside it, its capitalisation, whether it is inside a quotation, whether cited word lists hold it (subjectivity clues, the biased-language lexicon, hedges, report verbs) and its VADER valence (a word's positive or negative charge in the VADER sentiment lexicon) — and from how such labels follow each other. Words whose probability passes the class's threshold form a span, and each span's rule lists the features that weighed most for it. Curated word lists and patterns add what the model cannot know; a hedge is never loaded language; a dictionary sense rule drops "lies" meaning "is located".

# %%
model = tagger.load_model()
classes = model["classes"][1:]
weights_per_class = tagger.class_weights(model)  # the larger of a feature's weights as a span's first and as a later word
word_weights = pd.DataFrame(
    [(feature[2:], *weights) for feature, weights in weights_per_class.items() if feature.startswith("w=") and feature[2:].isalpha()],
    columns=["word", *classes],
)
kind_weights = pd.DataFrame(
    [(tagger.describe_feature(feature), *weights) for feature, weights in weights_per_class.items()
     if feature.split("=")[0] in ("lex", "vader", "shape") or feature in ("in_quote_short", "in_quote_long", "inner_title", "inner_upper", "first_word", "sentence_has_!")],
    columns=["feature", *classes],
)
display(Markdown(
    f"The model was trained on {model['trained_on']['articles']} ({model['trained_on']['tokens']:,} words) and keeps "
    f"{len(model['weights']):,} weighted features. The reports use the thresholds that were best for precision-weighted F (F0.5) "
    "in four-fold cross-validation inside the tune half: "
    + "; ".join(f"{c.replace('_', ' ')} at p ≥ {model['thresholds'][c]:.2f}" for c in classes)
    + ". The words that weigh most for each class, and how much the other kinds of feature weigh (log-odds against a plain word, "
    "the larger of a feature's weights as a span's first word and as a later word):"
))
top_words = pd.concat(
    [word_weights.nlargest(15, c)[["word", c]].reset_index(drop=True).rename(columns={"word": f"{c.replace('_', ' ')}: word", c: f"{c.replace('_', ' ')}: weight"}).round(2)
     for c in classes], axis=1)
show.show(show.frame_html(top_words, caption="The 15 words that weigh most for each class (the feature 'the word …'; log-odds against a plain word)", headers=False))
show.show(show.frame_html(kind_weights.assign(**{c: kind_weights[c].round(2) for c in classes}).sort_values(classes[0], ascending=False)
                          .rename(columns={c: c.replace("_", " ") for c in classes}),
                          caption="Weights of the lexicon, valence, shape and quotation features", headers=False))

# %% [markdown]
# ### Scores on the held-out PTC articles
#
# The PTC (Da San Martino et al. 2019; SemEval-2020 Task 11) labels 6,129 spans in 371 news articles with 14 propaganda techniques. The tagger was trained, and the detector's word lists and rules tuned, on a fixed half of those articles (`analysis/data/ptc_tune_articles.csv`, chosen by a hash of the article id); the figures below are computed now, on the **other half**, which training and tuning never saw. The score is SemEval's span score: partial credit by character overlap, per technique. The same figures come from `python -m analysis.evaluate ptc`.

# %%
if ptc_result is None:
    display(Markdown(f"*The Propaganda Techniques Corpus was not found at {show.markdown_code(ptc_dir)}: this section is skipped, and the box at the top shows the last measured figures (`analysis/data/evaluation_figures.csv`). See `../shared/data/README.md`.*"))
else:
    ptc_predictions = ptc_result["predictions"]
    scores = ptc_result["per_technique"]
    best = scores.sort_values("f1", ascending=False).iloc[0]
    micro_p, micro_r, micro_f = ptc_result["micro"]
    si_p, si_r, si_f = ptc_result["span_identification"]
    display(Markdown(
        f"On {ptc_result['n_articles']} held-out articles the detector reaches F1 {micro_f:.2f} over the techniques it reports "
        f"(precision {micro_p:.2f}, recall {micro_r:.2f}, {int(scores['n_gold'].sum()):,} labelled spans), best on {show.markdown_text(best['technique'])} ({best['f1']:.2f}). "
        f"Counting every labelled technique, including the {len(ptc_result['undetected'])} it does not try to detect, F1 is {ptc_result['all_techniques'][2]:.2f}; "
        f"scored as SemEval's technique-agnostic span identification it is {si_f:.2f} (precision {si_p:.2f}, recall {si_r:.2f}). "
        "For reference, the best SemEval-2020 span-identification systems, large fine-tuned transformers, reached about 0.51."
    ))
    show.show(show.frame_html(scores[["technique", "n_predicted", "n_gold", "precision", "recall", "f1"]].round(3).rename(columns={"n_predicted": "predicted", "n_gold": "labelled", "f1": "F1"}),
                              caption="Counts are after merging overlapping spans of the same technique within an article, as the SemEval scorer does.",
                              csv="rhetoric_ptc_scores.csv"))
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
        show.show(show.frame_html(points[["operating_point", "technique", "threshold", "n_predicted", "n_gold", "precision", "recall", "f1"]].round(3)
                                  .rename(columns={"n_predicted": "predicted", "n_gold": "labelled", "f1": "F1"}),
                                  caption="The trained tagger alone on the held-out articles (no curated lexicon, no patterns)."))
    import matplotlib.pyplot as plt
    import seaborn as sns

    fig, ax = plt.subplots(figsize=(9, 0.5 * len(scores) + 1.2))
    long = scores.melt(id_vars="technique", value_vars=["precision", "recall", "f1"], var_name="measure", value_name="score")
    sns.barplot(data=long, y="technique", x="score", hue="measure", palette=["#9fb3c8", "#f6c667", "#4C72B0"], ax=ax)
    ax.set_xlim(0, 1)
    ax.set_xlabel("score (SemEval-2020 span scoring, held-out PTC articles)")
    ax.set_ylabel("")
    ax.legend(frameon=False, loc="lower right")  # the bars stay below 0.5, so the right half is empty
    sns.despine(left=True)
    fig.tight_layout()
    figures.show_figure(fig, alt=f"Precision, recall and F1 per PTC technique on {ptc_result['n_articles']} held-out articles; "
                                 f"the best F1 is {best['technique']} ({best['f1']:.2f}), every score is below {long['score'].max() + 0.005:.2f}.")

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
        headline = (f"{technique}: {len(false_alarms)} of {n_pred} reported spans touch no labelled span; "
                    f"{len(missed)} of {n_gold} labelled spans are missed entirely, "
                    f"{(words > 1).mean():.0%} of them longer than one word (median {words.median():.0f} words)")
        alarms = false_alarms.sample(min(8, len(false_alarms)), random_state=3) if len(false_alarms) else false_alarms
        misses = missed.sample(min(8, len(missed)), random_state=3) if len(missed) else missed
        show.show(
            f'<details style="margin:.4em 0"><summary style="cursor:pointer"><b>{show.escape_text(headline)}</b> — examples</summary>'
            + show.kwic_html(show.kwic_table(alarms, ptc_raw, width=50), caption=f"False alarms: reported as {technique}, not labelled")
            + presentation.left_aligned(show.frame_html(
                alarms[["doc_id", "rule"]].assign(match=[ptc_raw[d][s:e] for d, s, e in alarms[["doc_id", "start", "end"]].itertuples(index=False)])
                .rename(columns={"doc_id": "PTC article"}), caption="…and the rule behind each"))
            + show.kwic_html(show.kwic_table(misses, ptc_raw, width=50), caption=f"Missed: labelled {technique}, not reported")
            + "</details>")

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
