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
# # Readability and tone
#
# How hard each article is to read, how its sentences sound, how much it hedges, and whom it favours among the actors it names — measured on the article body only (page furniture removed; titles, headings, list items and table rows kept as units of their own).

# %% tags=["parameters"]
CORPUS_DIR = None  # folder of .txt articles; None means seeds/ (the build injects the folder it runs on)

# %%
from importlib.metadata import version

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import Markdown, display

from analysis.corpus.layer import open_corpus
from analysis.evaluate import newsmtsc
from analysis.provenance.labels import article_labels
from analysis.readability_tone import key_findings, readability, stance_view, textstat_batch, tone
from analysis.readability_tone import stance as stance_model
from analysis.report import display as show, figures, findings, glossary, heat_table, limits, presentation, tables

#: The report's sections (their headings are the Markdown cells below); findings link to them.
SECTIONS = {
    "readability": "How hard each article is to read",
    "paragraphs": "Long sentences and hard paragraphs",
    "sentiment": "How the sentences sound",
    "hedges": "Hedges and boosters",
    "stance": "Stance toward the main actors",
}
STANCE_COLUMNS = 8  # actors in the article × actor grid: the most mentioned of the corpus
SHORT_NAMES = {  # display headers of the readability table (the CSV keeps the full names)
    "doc_id": "article", "flesch_reading_ease": "reading ease", "flesch_kincaid_grade": "FK grade", "gunning_fog": "Fog",
    "smog_index": "SMOG", "coleman_liau_index": "Coleman-Liau", "automated_readability_index": "ARI",
    "dale_chall": "Dale-Chall", "words_per_sentence": "words / sentence", "syllables_per_word": "syllables / word",
    "mtld": "MTLD", "words": "body words", "sentences": "sentences",
}

figures.use_report_style()
corpus = open_corpus(CORPUS_DIR)
docs, raw_by_doc = corpus.docs, corpus.raw_by_doc
labels = article_labels(corpus)
chart_label = {doc_id: figures.chart_text(label) for doc_id, label in labels.items()}
body_sentences = readability.sentence_counts(corpus.sentences)
per_article = readability.readability(body_sentences)
paragraphs = readability.paragraph_readability(body_sentences)
scored = tone.sentence_tone(body_sentences)
summary = tone.tone_summary(scored)
matches = tone.find_hedges_boosters(body_sentences)
matches["sentence_id"] = body_sentences.loc[matches["span"], "sentence_id"].to_numpy()
mentions = tone.actor_mentions(body_sentences, raw_by_doc)
by_actor = tone.actor_tone(mentions)
evidence_words = tone.stance_evidence_words(mentions)
n_articles = len(docs)
show_all = limits.shows_all(n_articles)  # a small corpus shows every article in every section
section = {topic: findings.section_id(heading) for topic, heading in SECTIONS.items()}

show.show(findings.key_findings_html(key_findings.readability_tone_findings(
    per_article, summary, by_actor, evidence_words, paragraphs, labels, section)))

stance_figures = newsmtsc.report_figures()
held_out = stance_model.load_model().info["tuning"]["chosen"]
measured_note = ("" if stance_figures["measured"] or not stance_figures["measured_on"]
                 else f" Measured on {stance_figures['measured_on']}.")
baseline = (f" Sentence VADER read as stance scores {stance_figures['vader_macro_f1']:.2f} on the same targets."
            if stance_figures["vader_macro_f1"] is not None else "")
goal_note = ("**Below its goal.** " if stance_figures["macro_f1"] is not None and stance_figures["macro_f1"] < newsmtsc.GOAL_MACRO_F1 else "")
show.show(findings.trust_html(
    [findings.Trust(
        "Stance toward an actor (a linear model trained on NewsMTSC news sentences)",
        "NewsMTSC devtest, news sentences naming several actors that training never saw"
        + (f" ({stance_figures['targets']:,} targets)" if stance_figures["targets"] else ""),
        "macro-F1", stance_figures["macro_f1"], measured=stance_figures["measured"], goal=newsmtsc.GOAL_MACRO_F1,
        note=f"{goal_note}{held_out['held_out_macro_f1']:.2f} on the held-out fifth of its training articles, which chose its settings."
             f"{baseline}{measured_note} "
             f"Read one mention as a lead, an article's mean over {tone.MIN_MENTIONS}+ mentions as a tendency.")],
    caveats=[
        "**Sentence sentiment is not stance.** VADER scores how a sentence sounds (“a tragic war” is negative whoever is blamed); "
        "whom an article favours is measured apart, per actor, in the stance section.",
        "Readability scores are formulas on sentence length and syllables, made for US school texts, not measured accuracy; "
        "tools differ by about ±1 Flesch point, so compare articles within this report.",
        "Hedges and boosters come from cited word lists (Hyland 2005) and have not been scored against annotated text: "
        "read their matches in context to judge them.",
    ],
))

# %% [markdown]
# ## How hard each article is to read

# %%
scored_articles = per_article.dropna(subset=["flesch_reading_ease"])
difficult = int(scored_articles["flesch_reading_ease"].lt(key_findings.VERY_DIFFICULT).sum())
grade_columns = ["flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index", "automated_readability_index"]
lowest_grade = per_article[grade_columns].min().min()
display(Markdown(
    f"**{difficult:,} of {len(scored_articles):,} articles** score below {key_findings.VERY_DIFFICULT} on Flesch reading ease "
    f"({glossary.short('Flesch reading ease')}). The five grade formulas (Flesch-Kincaid, Gunning fog, SMOG, Coleman-Liau and ARI) "
    f"give the US school year a reader needs, 12 being the last year of high school: at least **{lowest_grade:.1f}** for every article"
    + (", beyond high school for every article and formula. " if lowest_grade > 12 else ". ")
    + f"MTLD ({glossary.short('MTLD')}) does not depend on length. Hardest first."
))
shown = per_article[["doc_id"] + readability.MEASURE_COLUMNS + ["words_per_sentence", "syllables_per_word", "mtld", "words"]]
shown = limits.select_extremes(shown.sort_values("flesch_reading_ease", na_position="last"), n_articles, "flesch_reading_ease")
if not show_all:
    display(Markdown(
        f"Half the articles score below **{per_article['flesch_reading_ease'].median():.1f}**. "
        + limits.selection_note(len(shown), n_articles, "articles", "with the lowest and the highest reading ease, hardest first", "readability.csv")
    ))
    fig, ax = plt.subplots(figsize=(9, 2.6))
    ax.hist(per_article["flesch_reading_ease"].dropna(), bins=40, color="#4C72B0")
    ax.axvline(key_findings.VERY_DIFFICULT, color="#888", linestyle="--", linewidth=1)
    ax.set_xlabel("Flesch reading ease of the article body (higher is easier; left of the dashed line: very difficult)")
    ax.set_ylabel("articles")
    ax.set_title(f"Reading ease of the {n_articles:,} articles")
    sns.despine()
    figures.show_figure(fig, alt=f"Histogram of reading ease over {n_articles:,} articles; {difficult:,} score below "
                                 f"{key_findings.VERY_DIFFICULT}, the median is {per_article['flesch_reading_ease'].median():.1f}.")
show.show(presentation.left_aligned(show.frame_html(
    shown.round(1).assign(syllables_per_word=shown["syllables_per_word"].round(2)).rename(columns=SHORT_NAMES),
    labels=labels, csv="readability.csv", headers=False,
    caption="Body only; one row per article; grades are US school years.")))

# %% [markdown]
# ## Long sentences and hard paragraphs

# %%
lengths = body_sentences.assign(kind=np.where(body_sentences["segment_label"].isin(["title", "heading"]), "title or heading",
                                              np.where(body_sentences["segment_label"].eq("paragraph"), "prose", "list item or table row")))
long_share = lengths.groupby("doc_id")["words"].apply(lambda w: (w > 40).mean())
longest = lengths.loc[lengths.groupby("doc_id")["words"].idxmax()]
ranked_paragraphs = paragraphs[paragraphs["ranked"]]
spread = ranked_paragraphs.groupby("doc_id")["flesch_reading_ease"].agg(["min", "max"])
within = (spread["max"] - spread["min"])
between = per_article["flesch_reading_ease"].max() - per_article["flesch_reading_ease"].min()
hardest_paragraphs = readability.hardest_paragraphs(paragraphs)
widest = within.idxmax() if len(within) else None
display(Markdown(
    (f"Reading ease spans **{between:.0f} points** between the easiest and the hardest article, but up to **{within.max():.0f}** "
     f"between two paragraphs of one article, {show.markdown_text(labels[widest])}: an article's score hides its easy and its "
     "impenetrable passages. " if widest is not None else "")
    + f"The longest sentence, in {show.markdown_text(labels[longest.loc[longest['words'].idxmax(), 'doc_id']])}, runs to "
    f"**{longest['words'].max()} words**; the share of sentences over 40 words ranges from {long_share.min():.0%} to {long_share.max():.0%}. "
    "In the chart, each dot on the left is a sentence, each dot on the right a paragraph. "
    f"A paragraph is ranked only with {readability.MIN_PARAGRAPH_WORDS} words or more: in a 3-word fragment one word of four "
    f"syllables instead of one moves reading ease by 85 points ({int((~paragraphs['ranked']).sum()):,} of the "
    f"{len(paragraphs):,} paragraphs are shorter, drawn hollow and never ranked)."
    + ("" if show_all else
       f"\n\nThe chart shows the {limits.MAX_ARTICLES} of the {n_articles:,} articles with the largest share of sentences over 40 words; "
       "every sentence is in `tables/sentences.csv`.")
))
kind_palette = {"prose": "#4C72B0", "title or heading": "#DD8452", "list item or table row": "#55A868"}
if show_all:
    order = sorted(docs["doc_id"])
else:
    long_shares = long_share.rename("long_share").reset_index().assign(longest=lambda t: t["doc_id"].map(longest.set_index("doc_id")["words"]))
    order = list(limits.select(long_shares, n_articles, ["long_share", "longest"])["doc_id"])
row_of = {doc_id: i for i, doc_id in enumerate(order)}
fig, (left, right) = plt.subplots(1, 2, figsize=(9.4, 0.6 * len(order) + 1.6), sharey=True)
charted = lengths[lengths["doc_id"].isin(row_of)].assign(article=lambda t: t["doc_id"].map(chart_label))
names = [chart_label[d] for d in order]
peak_sentence = charted["words"].idxmax()  # drawn apart, unjittered, so its label sits on it
sns.boxplot(data=charted, x="words", y="article", order=names, color="#eeeeee", showfliers=False, ax=left)
sns.stripplot(data=charted.drop(index=peak_sentence), x="words", y="article", order=names, hue="kind", palette=kind_palette,
              size=5, jitter=0.25, alpha=0.85, ax=left, legend=True)
handles, kinds = left.get_legend_handles_labels()
left.get_legend().remove()
fig.legend(handles, kinds, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=3, frameon=False, handletextpad=0.1, columnspacing=0.8)
peak = charted.loc[peak_sentence, "doc_id"]
peak_words = int(charted.loc[peak_sentence, "words"])
left.scatter([peak_words], [row_of[peak]], s=60, color=kind_palette[charted.loc[peak_sentence, "kind"]], edgecolors="black", zorder=4)
left.annotate(f"{peak_words} words", (peak_words, row_of[peak]), xytext=(7, 0), textcoords="offset points", ha="left", va="center", fontsize=10)
left.set_xlim(0, peak_words * 1.45)
left.set_xlabel("words per sentence")
left.set_ylabel("")
shown_paragraphs = paragraphs[paragraphs["doc_id"].isin(row_of)]
colours = figures.article_colours(docs["doc_id"])
worst = hardest_paragraphs[hardest_paragraphs["doc_id"].isin(row_of)].head(1)
for doc_id, group in shown_paragraphs.groupby("doc_id"):
    y = row_of[doc_id] + np.random.default_rng(len(group)).uniform(-0.2, 0.2, len(group))
    hardest_here = group["seq"].isin(worst.loc[worst["doc_id"].eq(doc_id), "seq"])
    y = np.where(hardest_here, row_of[doc_id], y)  # the hardest paragraph sits on its row, beside its label
    right.scatter(group["flesch_reading_ease"], y, s=36, facecolors=np.where(group["ranked"], colours[doc_id], "none"),
                  edgecolors=colours[doc_id], linewidths=1)
right.axvline(key_findings.VERY_DIFFICULT, color="#888", linestyle="--", linewidth=1)
low, high = shown_paragraphs["flesch_reading_ease"].min(), shown_paragraphs["flesch_reading_ease"].max()
right.set_xlim(low - 0.45 * (high - low), high + 0.05 * (high - low))
if len(worst):
    point = (worst["flesch_reading_ease"].iloc[0], row_of[worst["doc_id"].iloc[0]])
    right.scatter(*point, s=60, facecolors="none", edgecolors="black", linewidths=1.2, zorder=4)
    right.annotate(f"hardest: {point[0]:.0f}", point, xytext=(-8, 0), textcoords="offset points", ha="right", va="center", fontsize=10)
right.set_xlabel(f"paragraph reading ease (hollow: under {readability.MIN_PARAGRAPH_WORDS} words)")
right.tick_params(axis="y", length=0)
left.set_ylim(len(order) - 0.5, -0.5)  # the scatter would widen the shared axis by a margin: keep one band per article
fig.tight_layout()
figures.show_figure(fig, alt=(
    f"Two panels, one row per article. Left: the length of every body sentence; the longest has {peak_words} words, in "
    f"{labels[peak]}. Right: the reading ease of every prose paragraph"
    + (f"; the hardest paragraph of {readability.MIN_PARAGRAPH_WORDS}+ words scores {hardest_paragraphs.iloc[0]['flesch_reading_ease']:.0f}, "
       f"in {labels[hardest_paragraphs.iloc[0]['doc_id']]}." if len(hardest_paragraphs) else ".")))
longest_shown = limits.select(longest[["doc_id", "words", "text"]].sort_values("words", ascending=False), n_articles, "words")
show.show(presentation.folded(
    f"The longest sentence of each article ({len(longest_shown):,} sentences)",
    presentation.left_aligned(show.frame_html(longest_shown.rename(columns={"words": "words", "text": "sentence"}), labels=labels,
                                              csv="sentences.csv"))))
hardest_shown = limits.select(hardest_paragraphs, n_articles, "flesch_reading_ease", ascending=True)
show.show(presentation.folded(
    f"The hardest paragraph of each article, {readability.MIN_PARAGRAPH_WORDS} words or more ({len(hardest_shown):,} paragraphs)",
    presentation.left_aligned(show.frame_html(
        hardest_shown[["doc_id", "flesch_reading_ease", "words", "sentences", "syllables_per_word", "text"]].round(
            {"flesch_reading_ease": 1, "syllables_per_word": 2})
        .rename(columns={**SHORT_NAMES, "words": "words", "text": "paragraph"}), labels=labels, headers=False))))

# %% [markdown]
# ## How the sentences sound

# %%
most_negative = summary.loc[summary["share_clearly_negative"].idxmax()]
display(Markdown(
    "Sentiment is scored per sentence with VADER, from −1 (negative) to +1 (positive). **This is not stance**: it says how a "
    "sentence sounds, and a sentence about a war sounds negative whoever the article blames or defends; whom an article favours "
    "is in the stance section. "
    f"Negative and positive mean a score beyond ±{tone.NEUTRAL_BAND}, clearly beyond ±{tone.CLEAR_THRESHOLD}. "
    f"**{show.markdown_text(labels[most_negative['doc_id']])}** has the largest share of clearly negative sentences "
    f"({most_negative['share_clearly_negative']:.0%}). One score for the whole article is not used: it saturates near ±1 (methods appendix)."
))
shares = ["share_negative", "share_positive", "share_clearly_negative", "share_clearly_positive"]
tone_shown = summary[["doc_id", "sentences", "mean_compound", "median_compound"] + shares].copy()
tone_shown[shares] = tone_shown[shares].map("{:.0%}".format)
tone_shown = limits.select_extremes(tone_shown, n_articles, "mean_compound").round(2).rename(columns={
    "doc_id": "article", "mean_compound": "mean", "median_compound": "median", "share_negative": "negative",
    "share_positive": "positive", "share_clearly_negative": "clearly negative", "share_clearly_positive": "clearly positive"})
note = limits.selection_note(len(tone_shown), n_articles, "articles", "with the lowest and the highest mean, most negative first", "tone.csv")
show.show(presentation.left_aligned(show.frame_html(
    tone_shown, labels=labels, csv="tone.csv", headers=False,
    caption="VADER per sentence: the mean and median score, and the share of sentences of each kind." + (f" {note}".replace("`", "") if note else ""))))
if not show_all:  # a large corpus charts the articles with the most clearly negative sentences
    order = list(limits.select(summary, n_articles, ["share_clearly_negative", "mean_compound"], ascending=[False, True])["doc_id"])
    fig, ax = plt.subplots(figsize=(10, 2.6))
    ax.axvspan(-tone.NEUTRAL_BAND, tone.NEUTRAL_BAND, color="#dddddd", zorder=0)
    ax.hist(scored["compound"], bins=41, range=(-1.025, 1.025), color="#4C72B0")
    ax.set_xlabel("VADER score of the sentence (−1 negative … +1 positive)")
    ax.set_ylabel("sentences")
    ax.set_title(f"Sentence sentiment across the {n_articles:,} articles")
    sns.despine()
    figures.show_figure(fig, alt=f"Histogram of the VADER score of all {len(scored):,} sentences; the next chart shows the "
                                 f"{len(order)} articles with the most clearly negative sentences.")
else:
    order = sorted(docs["doc_id"])
names = [chart_label[d] for d in order]
fig, ax = plt.subplots(figsize=(10, 0.6 * len(order) + 1.3))
ax.axvspan(-tone.NEUTRAL_BAND, tone.NEUTRAL_BAND, color="#dddddd", zorder=0)
charted = scored[scored["doc_id"].isin(set(order))].assign(article=lambda t: t["doc_id"].map(chart_label))
sns.stripplot(data=charted, x="compound", y="article", order=names, hue="compound", palette="RdBu", hue_norm=(-1, 1),
              legend=False, size=6, jitter=0.25, edgecolor="#555", linewidth=0.3, ax=ax)
means = scored.groupby("doc_id")["compound"].mean().reindex(order)
ax.scatter(means, range(len(order)), marker="|", s=700, color="black", zorder=3)
ax.annotate("mean", (means.iloc[0], 0), xytext=(0, 16), textcoords="offset points", ha="center", fontsize=10)
ax.set_xlim(-1.05, 1.05)
ax.set_ylim(len(order) - 0.5, -0.9)  # room above the first row for the "mean" label, none of it over a dot
ax.set_xlabel("VADER score of each sentence (−1 negative … +1 positive; grey band: neutral)")
ax.set_ylabel("")
fig.tight_layout()
figures.show_figure(fig, alt=(
    f"Every sentence's VADER score, one row per article, with each article's mean marked; {labels[most_negative['doc_id']]} has the "
    f"most clearly negative sentences ({most_negative['share_clearly_negative']:.0%})."))
if show_all:
    extremes = tone.extreme_sentences(scored, n=2)
    caption = "The two most negative and the two most positive sentences of each article"
else:
    half = limits.MAX_ROWS // 2
    extremes = pd.concat([scored.nsmallest(half, "compound").assign(extreme="most negative"),
                          scored.nlargest(half, "compound").assign(extreme="most positive")])
    caption = f"The {half} most negative and the {half} most positive sentences of the corpus"
show.show(presentation.folded(
    f"{caption} ({len(extremes):,} sentences)",
    presentation.left_aligned(show.frame_html(extremes[["doc_id", "extreme", "compound", "text"]].rename(
        columns={"extreme": "which", "compound": "VADER", "text": "sentence"}), labels=labels, csv="sentences.csv"))))

# %% [markdown]
# ## Hedges and boosters

# %%
categories = matches[matches["kind"].eq("hedge")]["category"].value_counts()
modal_share = categories.get("modal verb", 0) / max(categories.sum(), 1)
n_hedges, n_boosters = int(matches["kind"].eq("hedge").sum()), int(matches["kind"].eq("booster").sum())
more = int((summary["hedges"] > summary["boosters"]).sum())
display(Markdown(
    f"A hedge is {glossary.short('hedge')}; a booster is {glossary.short('booster')}. The bodies hold **{n_hedges:,} hedges** and "
    f"**{n_boosters:,} boosters** (word lists `analysis/data/hedges.csv` and `boosters.csv`, after Hyland 2005, Biber et al. 1999 and "
    f"Holmes 1988; each entry cites its source); hedges outnumber boosters in "
    + ("every article" if more == len(summary) else f"{more:,} of {len(summary):,} articles")
    + f". Modal verbs (would, could, might, should, may) are {modal_share:.0%} of the hedges; they count only in their epistemic "
    "use, not as recommendations or the future of a reported past."
))
if show_all:
    order = list(summary.sort_values("hedges_per_1000_words", ascending=False)["doc_id"])
else:  # a large corpus: the distribution over all articles, then the articles that hedge most
    order = list(limits.select(summary, n_articles, "hedges_per_1000_words")["doc_id"])
    display(Markdown(
        f"Half the articles use fewer than {summary['hedges_per_1000_words'].median():.1f} hedges and "
        f"{summary['boosters_per_1000_words'].median():.1f} boosters per 1,000 words. "
        + limits.selection_note(len(order), n_articles, "articles", "that hedge most", "tone.csv")
    ))
density = summary.set_index("doc_id").loc[order, ["hedges_per_1000_words", "boosters_per_1000_words"]]
fig, ax = plt.subplots(figsize=(9, 0.55 * len(order) + 1.2))
y = np.arange(len(order))
for offset, column, colour, name in ((-0.2, "hedges_per_1000_words", "#8fb3d9", "hedges"), (0.2, "boosters_per_1000_words", "#d98f8f", "boosters")):
    ax.barh(y + offset, density[column], height=0.38, color=colour)
    for position, value in zip(y + offset, density[column]):
        ax.text(value + 0.2, position, f"{value:.1f} {name}", va="center", fontsize=10)
ax.set_yticks(y, [chart_label[d] for d in order])
ax.invert_yaxis()
ax.set_xlim(0, float(density.to_numpy().max()) * 1.35 + 1)
ax.set_xlabel("per 1,000 words of body")
ax.grid(axis="y", visible=False)
sns.despine()
fig.tight_layout()
most_hedged = summary.loc[summary["hedges_per_1000_words"].idxmax()]
figures.show_figure(fig, alt=(f"Hedges and boosters per 1,000 words for {len(order)} articles, most hedged first: "
                              f"{labels[most_hedged['doc_id']]} with {most_hedged['hedges_per_1000_words']:.1f} hedges per 1,000 words."))
for kind in ("hedge", "booster"):
    rows = matches[matches["kind"].eq(kind)].sort_values(["doc_id", "start"])
    if show_all:
        listed, summary_line = rows, f"Every {kind} in its sentence ({len(rows):,})"
    else:  # a large corpus: how often each entry matches, and two matches of each of the most frequent entries
        frequency = rows.groupby("term").agg(matches=("text", "size"), articles=("doc_id", "nunique"), category=("category", "first"))
        frequency = frequency.sort_values(["matches", "articles"], ascending=False).reset_index()
        show.show(presentation.folded(
            f"How often each {kind} entry matches ({len(frequency):,} entries, {len(rows):,} matches)",
            presentation.left_aligned(show.frame_html(frequency, csv="hedges_boosters.csv"))))
        rank = dict(zip(frequency["term"], range(len(frequency))))
        listed = rows.groupby("term", sort=False).head(2).assign(_rank=lambda t: t["term"].map(rank))
        listed = listed.sort_values(["_rank", "doc_id", "start"], kind="stable").head(limits.MAX_ROWS)
        summary_line = (f"{kind.capitalize()}s in their sentences: {len(listed):,} of {len(rows):,}, two per entry, most frequent "
                        "entry first (all in tables/hedges_boosters.csv)")
    in_context = tone.matches_in_context(listed, body_sentences)
    show.show(presentation.folded(summary_line, show.kwic_html(in_context.assign(doc_id=in_context["doc_id"].map(labels)))))

# %% [markdown]
# ## Stance toward the main actors

# %%
grid = stance_view.stance_grid(by_actor, sorted(docs["doc_id"]), STANCE_COLUMNS, articles=None if show_all else limits.MAX_ARTICLES)
enough = grid.mentions.ge(tone.MIN_MENTIONS)
coloured = grid.stance.where(enough).stack()
sources = mentions["source"].value_counts()
if not len(grid.stance.columns):
    grid_text = "No article names an actor."
else:
    rows_cut = n_articles - len(grid.naming_none) - len(grid.stance.index)  # naming them, but beyond the limit
    grid_text = (
        f"The grid shows the {len(grid.stance.columns)} most-mentioned actors, one row per article that names them"
        + (f" ({len(grid.stance.index):,} of {n_articles:,}" + ("; the ones that name them most" if rows_cut else "")
           + (f"; {len(grid.naming_none):,} name none of them" if grid.naming_none else "") + ")"
           if len(grid.stance.index) < n_articles else "")
        + f": **{int(enough.to_numpy().sum()):,} of its {int(grid.mentions.gt(0).to_numpy().sum()):,} named cells** rest on "
        f"{tone.MIN_MENTIONS} mentions or more. ")
    if len(coloured):
        (low_doc, low_actor), (high_doc, high_actor) = coloured.idxmin(), coloured.idxmax()
        grid_text += (f"The most critical is **{show.markdown_text(low_actor)} in {show.markdown_text(labels[low_doc])}** "
                      f"({coloured.min():+.2f}), the most favourable **{show.markdown_text(high_actor)} in "
                      f"{show.markdown_text(labels[high_doc])}** ({coloured.max():+.2f}). ")
    grid_text += "Click a cell for the mentions behind it."
display(Markdown(
    f"Stance is {glossary.short('stance')}: per mention of an actor, from the words of its clause, its neighbours and its role "
    "(speaker of a quotation, its subject), not from the sentence's overall sound. Actors are found through the gazetteer "
    "(`analysis/data/actors.csv`: Baku → Azerbaijan …), country and city names, people's and organisations' names, surnames and "
    f"pronouns ({', '.join(f'{count:,} by {source}' for source, count in sources.items()) or 'none found'}); "
    f"`docs/tone.md` describes the model.\n\n{grid_text}"
))
if len(grid.stance.columns):
    show.show(heat_table.heat_table_html(
        grid.stance, grid.mentions, min_count=tone.MIN_MENTIONS, links={key: f"#{value}" for key, value in grid.ids.items()},
        labels=labels, noun="mention", low_word="against", high_word="for", empty_word="not named", corner="article"))
cells = by_actor[by_actor["n_mentions"].ge(tone.MIN_MENTIONS)].sort_values(["stance", "doc_id"])
show.show(presentation.folded(
    f"Every article × actor cell with {tone.MIN_MENTIONS}+ mentions ({len(cells):,} of {len(by_actor):,}; all in actor_tone.csv), most critical first",
    presentation.left_aligned(show.frame_html(cells.round(2).rename(columns={"stance": "mean stance"}), labels=labels, csv="actor_tone.csv"))))

# %% [markdown]
# ### The mentions behind each cell
#
# Open an actor, then an article: every mention with its stance, the mention in yellow and the words that moved its stance in red (against) or blue (for), each word's weight in its tooltip and in the last column.

# %%
show.show(stance_view.evidence_html(mentions, grid, body_sentences, raw_by_doc, labels, words=evidence_words,
                                    max_rows=None if show_all else limits.MAX_ROWS))

# %% [markdown]
# ## Methods appendix

# %%
display(Markdown(
    f"**{n_articles:,} articles**, **{len(body_sentences):,} body sentences**. Readability formulas and counts from textstat "
    f"{version('textstat')} (syllables from the CMU Pronouncing Dictionary, pyphen for words it lacks); sentences from spaCy "
    f"{version('spacy')}'s rule-based `sentencizer` run on each body segment separately (`analysis.corpus.sentences`), not "
    f"textstat's regex; MTLD from lexicalrichness {version('lexicalrichness')}; sentiment from VADER (vaderSentiment "
    f"{version('vaderSentiment')}); stance from `analysis.readability_tone.stance` (weights in `analysis/data/stance_model.json`, "
    "retrained with `python -m analysis.evaluate newsmtsc-train`, scored with `python -m analysis.evaluate newsmtsc`)."
))
if show_all:
    show.show(presentation.folded(f"The {n_articles:,} articles and their titles", presentation.left_aligned(show.frame_html(
        corpus.titles.rename("title").reset_index().assign(article=lambda t: t["doc_id"].map(labels))[["article", "title"]], headers=False))))

PAGE, GLUED, SPLIT = "raw page (textstat)", "body as one string (textstat)", "body, segments split (this report)"
compare_columns = ["sentences", "words", "syllables_per_word", "flesch_reading_ease", "flesch_kincaid_grade"]
# textstat's own figures, each word looked up once (textstat_batch: the same values as calling textstat per text).
ways = {
    PAGE: textstat_batch.textstat_figures(docs["raw"]).assign(syllables_per_word=lambda t: t["syllables"] / t["words"]),
    GLUED: textstat_batch.textstat_figures(docs["body"]).assign(syllables_per_word=lambda t: t["syllables"] / t["words"]),
    # A page with no body has no sentences and no words here, and no score (NaN).
    SPLIT: per_article.set_index("doc_id").reindex(docs["doc_id"]).fillna({"sentences": 0, "words": 0}).reset_index(drop=True),
}
comparison = (
    pd.concat({way: figures_[compare_columns].set_axis(docs["doc_id"]) for way, figures_ in ways.items()}, names=["measured on", "doc_id"])
    .swaplevel().sort_index(level="doc_id", sort_remaining=False).astype(float)
)
comparison = comparison.reindex(pd.MultiIndex.from_product([docs["doc_id"], [PAGE, GLUED, SPLIT]], names=["doc_id", "measured on"]))
shift = (comparison.xs(SPLIT, level=1)["flesch_reading_ease"] - comparison.xs(PAGE, level=1)["flesch_reading_ease"]).abs()
first = shift.idxmax()
page, glued, split = (comparison.loc[(first, way)] for way in (PAGE, GLUED, SPLIT))
display(Markdown(
    f"**Why the body, segment by segment.** Page furniture and glued segments move reading ease by up to **{shift.max():.0f} points**. "
    "The same measures three ways: textstat on the raw page (furniture included, its own regex sentence splitter), textstat on the "
    "body as one string (headings, bullets and table rows without a full stop glued to the next sentence), and this report's body "
    f"with segments split. On the raw page of **{show.markdown_text(labels[first])}**, the article that moves most, textstat counts "
    f"{page['sentences']:.0f} sentences and {page['words']:.0f} words and reports reading ease {page['flesch_reading_ease']:.1f}; "
    f"the body as one string gives {glued['sentences']:.0f} sentences and {glued['flesch_reading_ease']:.1f}; split, it has "
    f"{split['sentences']:.0f} sentences and reading ease **{split['flesch_reading_ease']:.1f}**."
))
moved = limits.select(shift.rename("shift").reset_index(), n_articles, "shift")
shown = comparison.loc[list(moved["doc_id"])].round(2).astype({"sentences": int, "words": int}).reset_index().rename(columns=SHORT_NAMES)
show.show(presentation.folded(
    f"The three ways for {'every article' if show_all else f'the {len(moved)} articles whose reading ease moves most'} ({len(shown):,} rows)",
    presentation.left_aligned(show.frame_html(shown, labels=labels, headers=False,
                                              caption="Only the third is used in this report."))))

whole = tone.document_compound(docs.set_index("doc_id").loc[summary["doc_id"], "body"])
display(Markdown(
    f"**Why sentence scores, not one score per article.** VADER on each whole body lies between **{np.abs(whole).min():.2f}** and "
    f"**{np.abs(whole).max():.2f}** in absolute value"
    + (" — near the end of its −1…+1 scale for every article" if np.abs(whole).min() > 0.7 else
       f" — beyond ±0.9 for {np.mean(np.abs(whole) > 0.9):.0%} of the articles")
    + ": the compound sums the valence of every word, so long texts saturate (vaderSentiment issue #151). The mean of the same "
    f"articles' sentence scores lies between {summary['mean_compound'].min():+.2f} and {summary['mean_compound'].max():+.2f}."
))
measures = ["Flesch reading ease", "Flesch-Kincaid grade", "Gunning fog index", "SMOG index", "Coleman-Liau index", "ARI",
            "Dale-Chall score", "MTLD", "VADER", "hedge", "booster", "stance", "F1", "macro-F1"]
show.show(presentation.folded(f"Measures in plain words ({len(measures)}, with their sources)", glossary.glossary_html(measures)))

# %% [markdown]
# ### Exported tables

# %%
summary["document_compound"] = whole
tables.write_table(
    per_article[["doc_id"] + readability.MEASURE_COLUMNS + ["words", "sentences", "syllables", "polysyllables",
                                                           "words_per_sentence", "syllables_per_word", "mtld"]],
    "readability",
    "One row per article: readability of the body (textstat formulas on body sentences; titles, headings, list items and table rows are sentences of their own).",
    {column: readability.COLUMN_DOCS[column] for column in ["doc_id"] + readability.MEASURE_COLUMNS
     + ["words", "sentences", "syllables", "polysyllables", "words_per_sentence", "syllables_per_word", "mtld"]},
)
tables.write_table(
    scored[["doc_id", "sentence_id", "start", "end", "text", "compound", "hedges", "boosters"]].assign(actors=scored["actors"].str.join("; ")),
    "sentences",
    "One row per body sentence: raw offsets, VADER sentiment, hedge and booster counts, actors named.",
    {
        "doc_id": "article id (the seed's file stem)",
        "sentence_id": "position of the sentence in the article body, from 0",
        "start": "first character of the sentence in the raw text (Python offset)",
        "end": "one past the last character (raw[start:end] == text)",
        "text": "the sentence as written",
        "compound": "VADER compound score, -1 (negative) to +1 (positive); |compound| < 0.05 is neutral",
        "hedges": "hedges in the sentence (analysis/data/hedges.csv; matches in hedges_boosters.csv)",
        "boosters": "boosters in the sentence (analysis/data/boosters.csv)",
        "actors": "canonical actors the sentence names, '; '-separated, via the aliases in analysis/data/actors.csv",
    },
)
tables.write_table(
    by_actor,
    "actor_tone",
    f"One row per article and actor named in it: how many mentions, the mean stance toward the actor and how many mentions lean each way (fewer than {tone.MIN_MENTIONS} mentions: anecdote, not tone).",
    dict(tone.ACTOR_TONE_DOCS),
)
tables.write_table(
    mentions,
    "actor_mentions",
    "One row per actor mention in a body sentence, with raw offsets, the stance its sentence takes toward the actor and the words that moved it.",
    dict(tone.MENTION_STANCE_DOCS),
)
tables.write_table(
    summary,
    "tone",
    "One row per article: the distribution of sentence sentiment, and hedge and booster densities.",
    {
        "doc_id": "article id (the seed's file stem)",
        "sentences": "body sentences",
        "words": "body words (textstat's count, as in readability.csv)",
        "mean_compound": "mean VADER compound of the sentences",
        "median_compound": "median VADER compound of the sentences",
        "share_negative": f"share of sentences with compound <= -{tone.NEUTRAL_BAND}",
        "share_positive": f"share of sentences with compound >= {tone.NEUTRAL_BAND}",
        "share_clearly_negative": f"share of sentences with compound <= -{tone.CLEAR_THRESHOLD}",
        "share_clearly_positive": f"share of sentences with compound >= {tone.CLEAR_THRESHOLD}",
        "hedges": "hedges in the body",
        "boosters": "boosters in the body",
        "hedges_per_1000_words": "hedges per 1,000 body words",
        "boosters_per_1000_words": "boosters per 1,000 body words",
        "document_compound": "VADER compound of the whole body as one text (saturates; shown only to explain why it is not used)",
    },
)
tables.write_table(
    matches[["doc_id", "sentence_id", "start", "end", "text", "term", "kind", "category"]],
    "hedges_boosters",
    "One row per hedge or booster found in a body sentence, with raw offsets.",
    {
        "doc_id": "article id (the seed's file stem)",
        "sentence_id": "the sentence it is in (sentences.csv)",
        "start": "first character in the raw text (Python offset)",
        "end": "one past the last character (raw[start:end] == text)",
        "text": "the words as written",
        "term": "the lexicon entry matched (hedges.csv or boosters.csv)",
        "kind": "hedge or booster",
        "category": "modal verb, lexical verb, adverb, adjective, noun, approximator or phrase",
    },
)
written = ["readability", "sentences", "actor_tone", "actor_mentions", "tone", "hedges_boosters"]
display(Markdown("Written " + ", ".join(f"[tables/{name}.csv](tables/{name}.csv)" for name in written)
                 + "; their column dictionary is on the index page."))
