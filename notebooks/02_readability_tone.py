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
# How hard each article is to read, and how it sounds: sentence by sentence, paragraph by paragraph, and toward each actor it names. Every figure is measured on the article **body** only, with titles, headings, list items and table rows kept as sentences of their own.
#
# Steps: (1) readability per article, and how much the raw page and glued segments would have moved it; (2) whether an article is uniformly dense or has a few monster sentences; (3) sentence-level sentiment and why a whole-article score is useless; (4) hedges and boosters; (5) tone toward each actor, with the sentences behind every number.

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
from analysis.report import display as show, limits as limits, tables
from analysis.readability_tone import readability, textstat_batch, tone
from analysis.readability_tone import stance as stance_model

MAIN_ACTORS_LISTED = 4  # actors whose mentions are all listed at the end (most mentions first)
SHORT_NAMES = {  # display names for the readability table (the CSV keeps the full names)
    "flesch_reading_ease": "reading ease", "flesch_kincaid_grade": "FK grade", "gunning_fog": "Fog",
    "smog_index": "SMOG", "coleman_liau_index": "Coleman-Liau", "automated_readability_index": "ARI",
    "dale_chall": "Dale-Chall", "words_per_sentence": "words / sentence", "syllables_per_word": "syllables / word",
    "mtld": "MTLD",
}

sns.set_theme(style="whitegrid", context="notebook")
corpus = open_corpus(CORPUS_DIR)
docs, raw_by_doc, segments, titles, body = corpus.docs, corpus.raw_by_doc, corpus.segments, corpus.titles, corpus.body
body_sentences = readability.sentence_counts(corpus.sentences)
per_article = readability.readability(body_sentences)
scored = tone.sentence_tone(body_sentences)
n_articles = len(docs)
show_all = limits.shows_all(n_articles)  # a small corpus shows every article in every section

display(Markdown(
    f"**{len(docs):,} articles**, **{len(body_sentences):,} body sentences**. "
    f"Implementations: readability formulas and counts from textstat {version('textstat')} (syllables from the "
    f"CMU Pronouncing Dictionary, pyphen for words it lacks); sentences from spaCy {version('spacy')}'s rule-based "
    f"`sentencizer` run on each body segment separately (`analysis.corpus.sentences`), not textstat's regex; MTLD from "
    f"lexicalrichness {version('lexicalrichness')}; sentiment from VADER (vaderSentiment {version('vaderSentiment')}). "
    "Implementations differ by about ±1 Flesch point on the same passage, so compare articles within this report, "
    "not with scores from another tool."
))
# Long text cells (sentences) read better left-aligned than in the default right-aligned table style.
if show_all:
    show.show('<div class="wb-text">' + show.frame_html(titles.rename("title").reset_index(), caption="The articles.") + "</div>")
else:
    display(Markdown(f"The {n_articles:,} articles' titles are in `tables/corpus.csv` (the corpus report); the sections below "
                     f"show at most {limits.MAX_ARTICLES} articles each, chosen by the section's own measure, and chart the rest as distributions."))

# %%
ranked = per_article.sort_values("flesch_reading_ease")
hardest, easiest = ranked.iloc[0], ranked.iloc[-1]
difficult = per_article["flesch_reading_ease"].lt(30).sum()
grade_columns = ["flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index", "automated_readability_index"]
lowest_grade = per_article[grade_columns].min().min()
display(Markdown(
    f"## {difficult:,} of {len(per_article):,} articles are “very difficult” to read (Flesch reading ease below 30)\n\n"
    f"The hardest body is **{show.markdown_text(hardest['doc_id'])}** (reading ease {hardest['flesch_reading_ease']:.1f}, "
    f"Flesch-Kincaid grade {hardest['flesch_kincaid_grade']:.1f}, {hardest['syllables_per_word']:.2f} syllables a word); "
    f"the easiest is **{show.markdown_text(easiest['doc_id'])}** ({easiest['flesch_reading_ease']:.1f}, grade {easiest['flesch_kincaid_grade']:.1f}). "
    f"Grades are US school years: the lowest of the five grade formulas for any article is {lowest_grade:.1f}"
    + (", beyond high school for every article and formula. " if lowest_grade > 12 else ". ")
    + "Reading ease runs from 100 (easy) down, below 30 is college-graduate prose. "
    "MTLD (lexical diversity) does not depend on length: higher means fewer repeated words."
))
shown = per_article[["doc_id"] + readability.MEASURE_COLUMNS + ["words", "sentences", "words_per_sentence", "syllables_per_word", "mtld"]]
shown = limits.select_extremes(shown, n_articles, "flesch_reading_ease")
if not show_all:
    display(Markdown(
        f"Half the articles score below **{per_article['flesch_reading_ease'].median():.1f}**. "
        + limits.selection_note(len(shown), n_articles, "articles", "with the lowest and the highest reading ease, hardest first", "readability.csv")
    ))
    fig, ax = plt.subplots(figsize=(9, 2.6))
    ax.hist(per_article["flesch_reading_ease"].dropna(), bins=40, color="#4C72B0")
    ax.axvline(30, color="#888", linestyle="--", linewidth=1)
    ax.set_xlabel("Flesch reading ease of the article body (higher is easier; left of the dashed line: very difficult)")
    ax.set_ylabel("articles")
    ax.set_title(f"Reading ease of the {n_articles:,} articles")
    sns.despine()
    plt.tight_layout()
    plt.show()
show.show(show.frame_html(shown.round(2).rename(columns=SHORT_NAMES), caption="Body only; one row per article (tables/readability.csv has the full column names)."))

# %%
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
    pd.concat({way: figures[compare_columns].set_axis(docs["doc_id"]) for way, figures in ways.items()}, names=["measured on", "doc_id"])
    .swaplevel().sort_index(level="doc_id", sort_remaining=False).astype(float)
)
comparison = comparison.reindex(pd.MultiIndex.from_product([docs["doc_id"], [PAGE, GLUED, SPLIT]], names=["doc_id", "measured on"]))
shift = (comparison.xs(SPLIT, level=1)["flesch_reading_ease"] - comparison.xs(PAGE, level=1)["flesch_reading_ease"]).abs()
first = docs["doc_id"].iloc[0] if show_all else shift.idxmax()  # a large corpus explains the article that moves most
page, glued, split = (comparison.loc[(first, version)] for version in (PAGE, GLUED, SPLIT))
display(Markdown(
    f"## Page furniture and glued segments move reading ease by up to {shift.max():.0f} points\n\n"
    "The same measures three ways: textstat on the **raw page** (furniture included, its own regex sentence splitter), "
    "textstat on the **body as one string** (furniture removed, but headings, bullets and table rows without a full stop "
    "glued to the next sentence), and this report's **body with segments split**.\n\n"
    f"On the raw page of **{show.markdown_text(first)}** textstat counts **{page['sentences']:.0f} sentences** and **{page['words']:.0f} words** "
    f"and reports Flesch reading ease **{page['flesch_reading_ease']:.1f}**; the body alone as one string gives "
    f"{glued['sentences']:.0f} sentences and {glued['flesch_reading_ease']:.1f}; with bullets, table rows and headings split "
    f"it has **{split['sentences']:.0f} sentences**, {split['words']:.0f} words, {split['syllables_per_word']:.2f} syllables a word "
    f"and reading ease **{split['flesch_reading_ease']:.1f}**. Across the articles, the raw page misstates reading ease by "
    f"{shift.min():.1f} to {shift.max():.1f} points."
))
moved = limits.select(shift.rename("shift").reset_index(), n_articles, "shift")
if not show_all:
    display(Markdown(
        f"Half the articles move by less than {shift.median():.1f} points. "
        + limits.selection_note(len(moved), n_articles, "articles", "whose reading ease moves most, most first", None,
                                where="The body figures of every article are in `tables/readability.csv`.")
    ))
shown = comparison.loc[list(moved["doc_id"])].round(2).astype({"sentences": int, "words": int}).reset_index().rename(columns=SHORT_NAMES)
show.show(show.frame_html(shown, caption="Three ways of measuring each article; only the third is used in this report."))

# %%
lengths = body_sentences.assign(kind=np.where(body_sentences["segment_label"].isin(["title", "heading"]), "title or heading",
                                              np.where(body_sentences["segment_label"].eq("paragraph"), "prose", "list item or table row")))
long_share = lengths.groupby("doc_id")["words"].apply(lambda w: (w > 40).mean())
longest = lengths.loc[lengths.groupby("doc_id")["words"].idxmax()]
paragraphs = readability.readability(body_sentences[body_sentences["segment_label"].eq("paragraph")], by=["doc_id", "seq"])
spread = paragraphs.groupby("doc_id")["flesch_reading_ease"].agg(["min", "max"])
within = (spread["max"] - spread["min"]).max()
between = per_article["flesch_reading_ease"].max() - per_article["flesch_reading_ease"].min()
display(Markdown(
    ("## Paragraphs differ more within an article than the articles differ from each other\n\n" if within > between
     else "## Sentence and paragraph difficulty within each article\n\n")
    + f"Reading ease spans {between:.0f} points between the easiest and the hardest article, but up to {within:.0f} points "
    "between paragraphs of one article: an article-level score hides both its easy and its impenetrable passages.\n\n"
    f"Each dot is one body sentence, placed by its length in words; boxes span the middle half of each article's sentences. "
    f"The longest sentence runs to **{longest['words'].max()} words** ({show.markdown_text(longest.loc[longest['words'].idxmax(), 'doc_id'])}); "
    f"the share of sentences over 40 words ranges from {long_share.min():.0%} to {long_share.max():.0%}. "
    "Short dots at the left are titles, headings, bullets and table rows — the units textstat would have glued to the next sentence."
    + ("" if show_all else
       f"\n\nThe histogram counts every body sentence of the corpus; the chart below it shows the {limits.MAX_ARTICLES} of the "
       f"{n_articles:,} articles with the largest share of sentences over 40 words. Every sentence is in `tables/sentences.csv`.")
))
kind_palette = {"prose": "#4C72B0", "title or heading": "#DD8452", "list item or table row": "#55A868"}
if show_all:
    order = sorted(docs["doc_id"])
else:
    long_shares = long_share.rename("long_share").reset_index().assign(longest=lambda t: t["doc_id"].map(longest.set_index("doc_id")["words"]))
    order = list(limits.select(long_shares, n_articles, ["long_share", "longest"])["doc_id"])
    fig, ax = plt.subplots(figsize=(10, 2.8))
    sns.histplot(data=lengths, x="words", hue="kind", palette=kind_palette, multiple="stack", binwidth=2, ax=ax)
    ax.axvline(40, color="#888", linestyle="--", linewidth=1)
    ax.set_xlabel("words per sentence (dashed: 40)")
    ax.set_ylabel("sentences")
    ax.set_title(f"Sentence lengths across the {n_articles:,} articles ({len(lengths):,} sentences)")
    plt.tight_layout()
    plt.show()
fig, ax = plt.subplots(figsize=(10, 0.7 * len(order) + 1.5))
charted = lengths if show_all else lengths[lengths["doc_id"].isin(order)]
sns.boxplot(data=charted, x="words", y="doc_id", order=order, color="#e8e8e8", showfliers=False, ax=ax)
sns.stripplot(data=charted, x="words", y="doc_id", order=order, hue="kind", palette=kind_palette, size=5, jitter=0.25, alpha=0.8, ax=ax)
ax.set_xlabel("words per sentence")
ax.set_ylabel("")
if show_all:
    ax.legend(title="", loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, frameon=False)
else:  # a tall chart: a legend below the axes would float far from the dots
    ax.legend(title="", loc="lower right", frameon=True)
ax.set_title("Sentence lengths in the body")
plt.tight_layout()
plt.show()

# %%
widest = (spread["max"] - spread["min"]).idxmax()
if not show_all:  # a large corpus charts the articles whose paragraphs differ most
    ranges = (spread["max"] - spread["min"]).rename("range").reset_index()
    order = list(limits.select(ranges, n_articles, "range")["doc_id"])
display(Markdown(
    f"Reading ease of each prose paragraph ({len(paragraphs):,} paragraphs; list items, table rows and headings left out). "
    f"The widest range is in **{show.markdown_text(widest)}**, from {spread.loc[widest, 'min']:.0f} to {spread.loc[widest, 'max']:.0f}. "
    "Left of the dashed line (30) is “very difficult”."
    + ("" if show_all else f" The chart shows the {len(order)} articles whose paragraphs differ most, widest range first.")
))
fig, ax = plt.subplots(figsize=(10, 0.7 * len(order) + 1.5))
charted = paragraphs if show_all else paragraphs[paragraphs["doc_id"].isin(order)]
sns.boxplot(data=charted, x="flesch_reading_ease", y="doc_id", order=order, color="#e8e8e8", showfliers=False, ax=ax)
sns.stripplot(data=charted, x="flesch_reading_ease", y="doc_id", order=order, color="#4C72B0", size=6, jitter=0.2, ax=ax)
ax.axvline(30, color="#888", linestyle="--", linewidth=1)
ax.set_xlabel("Flesch reading ease of the paragraph (higher is easier)")
ax.set_ylabel("")
ax.set_title("Readability paragraph by paragraph")
plt.tight_layout()
plt.show()

# %%
longest_shown = limits.select(longest[["doc_id", "sentence_id", "words", "text"]].sort_values("words", ascending=False), n_articles, "words")
note = limits.selection_note(len(longest_shown), n_articles, "articles", "with the longest sentences", None,
                             where="Every sentence is in `tables/sentences.csv`.")
show.show('<div class="wb-text">' + show.frame_html(
    longest_shown,
    caption="The longest sentence of each article, as evidence." + (f" {note}".replace("`", "") if note else ""),
) + "</div>")
hardest_paragraphs = paragraphs.loc[paragraphs.groupby("doc_id")["flesch_reading_ease"].idxmin()]
hardest_paragraphs = limits.select(hardest_paragraphs, n_articles, "flesch_reading_ease", ascending=True)
paragraph_text = body_sentences.groupby(["doc_id", "seq"])["text"].agg(" ".join)
hardest_paragraphs = hardest_paragraphs.assign(text=[paragraph_text[key] for key in zip(hardest_paragraphs["doc_id"], hardest_paragraphs["seq"])])
note = limits.selection_note(len(hardest_paragraphs), n_articles, "articles", "whose hardest paragraph is hardest", None,
                             where="Their sentences, and every other, are in `tables/sentences.csv`.")
show.show('<div class="wb-text">' + show.frame_html(
    hardest_paragraphs[["doc_id", "seq", "flesch_reading_ease", "words", "sentences", "syllables_per_word", "text"]]
    .round(2).rename(columns=SHORT_NAMES).sort_values("reading ease"),
    caption="The hardest paragraph of each article (lowest reading ease), as evidence." + (f" {note}".replace("`", "") if note else ""),
) + "</div>")

# %%
summary = tone.tone_summary(scored)
summary["document_compound"] = tone.document_compound(docs.set_index("doc_id").loc[summary["doc_id"], "body"])
display(Markdown(
    ("## A whole-article sentiment score saturates; sentence scores do not\n\n"
     if summary["document_compound"].abs().min() > 0.7 else "## Tone sentence by sentence\n\n")
    +
    f"VADER's compound score on each whole body lies between **{summary['document_compound'].abs().min():.2f}** and "
    f"**{summary['document_compound'].abs().max():.2f}** in absolute value — "
    + ("near the end of its −1…+1 scale for every article " if summary["document_compound"].abs().min() > 0.7 else
       f"beyond ±0.9 for {summary['document_compound'].abs().gt(0.9).mean():.0%} of the articles ")
    + 
    "(the compound sums the valence of every word, so long texts saturate; vaderSentiment issue #151). "
    f"The mean of the same articles' sentence scores lies between **{summary['mean_compound'].min():+.2f}** and "
    f"**{summary['mean_compound'].max():+.2f}**. This report uses sentence scores: their distribution, the share of clearly "
    f"negative (≤ −{tone.CLEAR_THRESHOLD}) and clearly positive (≥ +{tone.CLEAR_THRESHOLD}) sentences, and the sentences themselves."
))
shares = ["share_negative", "share_positive", "share_clearly_negative", "share_clearly_positive"]
tone_shown = summary[["doc_id", "sentences", "document_compound", "mean_compound", "median_compound"] + shares].copy()
tone_shown[shares] = tone_shown[shares].map("{:.0%}".format)
tone_shown = tone_shown.round(3).rename(columns={
    "document_compound": "whole body", "mean_compound": "sentence mean", "median_compound": "sentence median",
    "share_negative": "negative", "share_positive": "positive", "share_clearly_negative": "clearly negative",
    "share_clearly_positive": "clearly positive",
})
tone_shown = limits.select_extremes(tone_shown, n_articles, "sentence mean")
note = limits.selection_note(len(tone_shown), n_articles, "articles", "with the lowest and the highest sentence mean, most negative first", "tone.csv")
show.show(show.frame_html(
    tone_shown,
    caption=f"Negative/positive: compound beyond ±{tone.NEUTRAL_BAND} (VADER's neutral band); clearly: beyond ±{tone.CLEAR_THRESHOLD}."
    + (f" {note}".replace("`", "") if note else ""),
))

# %%
most_negative = summary.loc[summary["share_clearly_negative"].idxmax()]
if not show_all:  # a large corpus charts the articles with the most clearly negative sentences
    order = list(limits.select(summary, n_articles, ["share_clearly_negative", "mean_compound"], ascending=[False, True])["doc_id"])
display(Markdown(
    f"Each dot is a sentence. The grey band is VADER's neutral zone (±{tone.NEUTRAL_BAND}). "
    f"**{show.markdown_text(most_negative['doc_id'])}** has the largest share of clearly negative sentences ({most_negative['share_clearly_negative']:.0%})."
    + ("" if show_all else
       f" The histogram counts all {len(scored):,} sentences; the chart below it shows the {len(order)} articles with the largest "
       f"share of clearly negative sentences (every sentence's score is in `tables/sentences.csv`).")
))
if not show_all:
    fig, ax = plt.subplots(figsize=(10, 2.6))
    ax.axvspan(-tone.NEUTRAL_BAND, tone.NEUTRAL_BAND, color="#dddddd", zorder=0)
    ax.hist(scored["compound"], bins=41, range=(-1.025, 1.025), color="#4C72B0")
    ax.set_xlabel("VADER compound of the sentence (−1 negative … +1 positive)")
    ax.set_ylabel("sentences")
    ax.set_title(f"Sentence sentiment across the {n_articles:,} articles")
    sns.despine()
    plt.tight_layout()
    plt.show()
fig, ax = plt.subplots(figsize=(10, 0.7 * len(order) + 1.5))
ax.axvspan(-tone.NEUTRAL_BAND, tone.NEUTRAL_BAND, color="#dddddd", zorder=0)
sns.stripplot(data=scored if show_all else scored[scored["doc_id"].isin(order)], x="compound", y="doc_id", order=order, hue="compound", palette="RdBu", hue_norm=(-1, 1),
              legend=False, size=6, jitter=0.25, edgecolor="#555", linewidth=0.3, ax=ax)
means = scored.groupby("doc_id")["compound"].mean().reindex(order)
ax.scatter(means, range(len(order)), marker="|", s=600, color="black", zorder=3, label="mean")
ax.set_xlim(-1.05, 1.05)
ax.set_xlabel("VADER compound of the sentence (−1 negative … +1 positive)")
ax.set_ylabel("")
ax.legend(loc="lower left", frameon=True)
ax.set_title("Sentence sentiment per article")
plt.tight_layout()
plt.show()

# %%
if show_all:
    extremes = tone.extreme_sentences(scored, n=2)
    display(Markdown("The evidence: the two most negative and the two most positive sentences of each article, with their scores."))
else:
    half = limits.MAX_ROWS // 2
    extremes = pd.concat([scored.nsmallest(half, "compound").assign(extreme="most negative"),
                          scored.nlargest(half, "compound").assign(extreme="most positive")])
    display(Markdown(f"The evidence: the {half} most negative and the {half} most positive sentences of the corpus, with their scores "
                     f"(all {len(scored):,} are in `tables/sentences.csv`)."))
show.show('<div class="wb-text">' + show.frame_html(extremes[["doc_id", "extreme", "compound", "text"]]) + "</div>")

# %%
matches = tone.find_hedges_boosters(body_sentences)
matches["sentence_id"] = body_sentences.loc[matches["span"], "sentence_id"].to_numpy()
categories = matches[matches["kind"].eq("hedge")]["category"].value_counts()
modal_share = categories.get("modal verb", 0) / max(categories.sum(), 1)
most_hedged = summary.loc[summary["hedges_per_1000_words"].idxmax()]
display(Markdown(
    f"## {'Hedges outnumber boosters in every article' if (summary['hedges'] > summary['boosters']).all() else 'Hedging and certainty'}\n\n"
    f"{len(matches[matches['kind'].eq('hedge')])} hedges and {len(matches[matches['kind'].eq('booster')])} boosters in the bodies, "
    f"from the curated lists in `analysis/data/hedges.csv` and `boosters.csv` (Hyland 2005, with additions from Biber et al. 1999 and "
    f"Holmes 1988; each entry cites its source). **{show.markdown_text(most_hedged['doc_id'])}** hedges most: {most_hedged['hedges_per_1000_words']:.1f} "
    f"hedges per 1,000 words. Modal verbs (would, could, might, should, may) are {modal_share:.0%} of the hedges; "
    "“would” includes reported speech (“said it would”), which the list cannot tell apart."
))
if not show_all:  # a large corpus: the distribution over all articles, then the articles that hedge most
    order = list(limits.select(summary, n_articles, "hedges_per_1000_words")["doc_id"])
    display(Markdown(
        f"Half the articles use fewer than {summary['hedges_per_1000_words'].median():.1f} hedges and "
        f"{summary['boosters_per_1000_words'].median():.1f} boosters per 1,000 words. "
        + limits.selection_note(len(order), n_articles, "articles", "that hedge most", "tone.csv")
    ))
    fig, ax = plt.subplots(figsize=(9, 2.6))
    upper = float(summary[["hedges_per_1000_words", "boosters_per_1000_words"]].quantile(0.99).max())
    ax.hist([summary["hedges_per_1000_words"].dropna(), summary["boosters_per_1000_words"].dropna()], bins=30, range=(0, upper),
            color=["#8fb3d9", "#d98f8f"], label=["hedges", "boosters"])
    ax.set_xlabel("per 1,000 words of body (the top 1% of articles beyond the right edge)")
    ax.set_ylabel("articles")
    ax.legend(frameon=False)
    ax.set_title(f"Hedges and boosters in the {n_articles:,} articles")
    sns.despine()
    plt.tight_layout()
    plt.show()
density = summary.melt(id_vars="doc_id", value_vars=["hedges_per_1000_words", "boosters_per_1000_words"], var_name="kind", value_name="per 1,000 words")
density["kind"] = density["kind"].str.replace("_per_1000_words", "")
fig, ax = plt.subplots(figsize=(9, 0.6 * len(order) + 1.5))
sns.barplot(data=density if show_all else density[density["doc_id"].isin(order)], x="per 1,000 words", y="doc_id", hue="kind", order=order, palette={"hedges": "#8fb3d9", "boosters": "#d98f8f"}, ax=ax)
ax.set_ylabel("")
ax.set_title("Hedges and boosters per 1,000 words of body")
ax.legend(title="", frameon=False)
plt.tight_layout()
plt.show()

# %%
if show_all:
    display(Markdown("Every match within its sentence: read them to judge the word lists as well as the articles."))
    in_context = tone.matches_in_context(matches.sort_values(["doc_id", "start"]), body_sentences)
    for kind in ("booster", "hedge"):
        rows = in_context[in_context["kind"].eq(kind)]
        show.show(show.kwic_html(rows, caption=f"{len(rows):,} {kind}s in context"))
else:  # a large corpus: how often each entry matches, and two matches of each frequent entry
    display(Markdown(
        "How often each entry of the word lists matches, and two matches of each of the most frequent entries within their "
        "sentence: read them to judge the word lists. Every match is in `tables/hedges_boosters.csv`."
    ))
    for kind in ("booster", "hedge"):
        rows = matches[matches["kind"].eq(kind)].sort_values(["doc_id", "start"])
        frequency = rows.groupby("term").agg(matches=("text", "size"), articles=("doc_id", "nunique"), category=("category", "first"))
        frequency = frequency.sort_values(["matches", "articles"], ascending=False).reset_index()
        examples = rows[rows["term"].isin(frequency["term"])].groupby("term", sort=False).head(2)
        examples = examples.assign(_rank=examples["term"].map(dict(zip(frequency["term"], range(len(frequency)))))).sort_values(["_rank", "doc_id", "start"], kind="stable")
        examples = examples.head(limits.MAX_ROWS)
        show.show(show.frame_html(frequency.head(limits.MAX_ARTICLES), caption=(
            f"The {min(limits.MAX_ARTICLES, len(frequency))} most frequent of the {len(frequency)} {kind} entries that match; {len(rows):,} matches in all.")))
        show.show(show.kwic_html(tone.matches_in_context(examples, body_sentences),
                                 caption=f"{len(examples)} of the {len(rows):,} {kind}s in context, two per entry, most frequent entry first"))

# %% [markdown]
# ## Stance toward each actor
#
# An actor's tone in an article is its **stance**: for every mention — through an alias of the shared gazetteer (`analysis/data/actors.csv`: Baku → Azerbaijan …), a country or city name (GeoNames), a person's or organisation's name in the text, a surname or a pronoun resolved to the person named before — the sentiment its sentence expresses toward *that* actor, read from the words of its clause, its neighbours and its role (speaker of a quotation or subject of it), not from the sentence as a whole. The model is linear and trained on NewsMTSC (news sentences labelled per target); each mention shows the words that moved its score. `docs/tone.md` describes it and its measured accuracy.

# %%
mentions = tone.actor_mentions(body_sentences, raw_by_doc)
by_actor = tone.actor_tone(mentions)
model_info = stance_model.load_model().info
held_out = model_info["tuning"]["chosen"]
display(Markdown(
    f"{len(mentions):,} actor mentions in {mentions['doc_id'].nunique() if len(mentions) else 0:,} articles: "
    + ", ".join(f"{count:,} {source}" for source, count in mentions["source"].value_counts().items())
    + f". The stance model decides negative / neutral / positive with macro-F1 {held_out['held_out_macro_f1']:.2f} on the part of its "
    f"training data it was not fitted on ({held_out['held_out_several_macro_f1']:.2f} in sentences naming several targets): "
    "read single mentions as leads, and the mean over many mentions as the tendency."
))
totals = by_actor.groupby("actor")["n_mentions"].sum().sort_values(ascending=False)
enough = by_actor[by_actor["n_mentions"] >= tone.MIN_MENTIONS]
heat_actors = [a for a in totals.index if a in set(enough["actor"])]
all_articles = sorted(docs["doc_id"])
counts = by_actor.pivot(index="actor", columns="doc_id", values="n_mentions").reindex(index=heat_actors, columns=all_articles).fillna(0).astype(int)
means = by_actor.pivot(index="actor", columns="doc_id", values="stance").reindex(index=heat_actors, columns=all_articles)
coloured = means.where(counts >= tone.MIN_MENTIONS)
if not heat_actors:
    display(Markdown(
        f"### No actor is mentioned {tone.MIN_MENTIONS} or more times in any article\n\n"
        "So no cell can be read as a stance; the counts are listed instead (tables/actor_tone.csv)."
    ))
    show.show(show.frame_html(limits.select(by_actor.round(3), n_articles, "n_mentions", limit=limits.MAX_ROWS)))
else:
    low, high = coloured.stack().idxmin(), coloured.stack().idxmax()
    named_cells = int((counts > 0).to_numpy().sum())
    display(Markdown(
        f"### {int((counts >= tone.MIN_MENTIONS).to_numpy().sum())} of the {named_cells} article × actor cells below rest on "
        f"{tone.MIN_MENTIONS} mentions or more\n\n"
        f"Rows are the {len(heat_actors)} actors mentioned at least {tone.MIN_MENTIONS} times in some article, most-mentioned first. "
        f"Each cell shows the mean stance (−1 against … +1 for) and the number of mentions; a cell with fewer than {tone.MIN_MENTIONS} "
        "mentions is hatched grey, its count shown but not coloured, and an empty cell means the article never names the actor. "
        f"The most negative coloured cell is **{show.markdown_text(low[0])} in {show.markdown_text(low[1])}** ({coloured.loc[low]:+.2f}, {counts.loc[low]} mentions); "
        f"the most positive is **{show.markdown_text(high[0])} in {show.markdown_text(high[1])}** ({coloured.loc[high]:+.2f}, {counts.loc[high]} mentions)."
    ))
    if show_all:
        limit = max(0.3, float(np.nanmax(np.abs(coloured.to_numpy()))))
        fig, ax = plt.subplots(figsize=(1.6 * len(all_articles) + 3, 0.45 * len(heat_actors) + 1.8))
        sns.heatmap(coloured, cmap="RdBu", vmin=-limit, vmax=limit, center=0, linewidths=0.5, linecolor="white",
                    cbar_kws={"label": "mean stance"}, ax=ax)
        ax.grid(False)
        for y, actor in enumerate(heat_actors):
            for x, doc_id in enumerate(all_articles):
                n = counts.loc[actor, doc_id]
                if n >= tone.MIN_MENTIONS:
                    value = coloured.loc[actor, doc_id]
                    ax.text(x + 0.5, y + 0.5, f"{value:+.2f}\nn={n}", ha="center", va="center", fontsize=8,
                            color="white" if abs(value) > 0.6 * limit else "black")
                elif n > 0:
                    ax.add_patch(plt.Rectangle((x, y), 1, 1, facecolor="#eeeeee", hatch="///", edgecolor="#bbbbbb", linewidth=0))
                    ax.text(x + 0.5, y + 0.5, f"n={n}", ha="center", va="center", fontsize=8, color="#777777")
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(axis="x", labelrotation=25)
        plt.setp(ax.get_xticklabels(), ha="right")
        ax.set_title(f"Stance toward each actor (hatched: fewer than {tone.MIN_MENTIONS} mentions)")
        plt.tight_layout()
        plt.show()

    else:  # a large corpus: one box per actor over the articles whose cell rests on enough mentions
        charted_actors = heat_actors[:limits.MAX_ARTICLES]
        cells = enough[enough["actor"].isin(charted_actors)]
        per_actor = pd.DataFrame({
            "articles naming it": by_actor.groupby("actor")["doc_id"].nunique(),
            f"articles with {tone.MIN_MENTIONS}+ mentions": cells.groupby("actor").size(),
            "mentions": totals,
            "mean stance of those mentions": mentions.groupby("actor")["stance"].mean(),
        }).reindex(charted_actors).fillna(0).round(3)
        per_actor = per_actor.astype({column: int for column in per_actor.columns[:3]})
        display(Markdown(
            f"With {n_articles:,} articles a grid of articles × actors is unreadable, so each actor gets one box: the spread of the "
            f"stance toward it across the articles that mention it {tone.MIN_MENTIONS} times or more (each dot one article). "
            + (f"Shown: the {len(charted_actors)} most-mentioned of the {len(heat_actors)} actors. " if len(charted_actors) < len(heat_actors) else "")
            + "Every article × actor cell is in `tables/actor_tone.csv`."
        ))
        fig, ax = plt.subplots(figsize=(10, 0.5 * len(charted_actors) + 1.6))
        ax.axvspan(-tone.STANCE_BAND, tone.STANCE_BAND, color="#dddddd", zorder=0)
        sns.boxplot(data=cells, x="stance", y="actor", order=charted_actors, color="#e8e8e8", showfliers=False, ax=ax)
        sns.stripplot(data=cells, x="stance", y="actor", order=charted_actors, hue="stance", palette="RdBu",
                      hue_norm=(-1, 1), legend=False, size=4, jitter=0.25, edgecolor="#555", linewidth=0.3, ax=ax)
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel(f"mean stance of an article's mentions of the actor ({tone.MIN_MENTIONS}+ mentions)")
        ax.set_ylabel("")
        ax.set_title("Stance toward each actor, article by article")
        plt.tight_layout()
        plt.show()
        show.show(show.frame_html(per_actor.reset_index(names="actor"), caption="The actors charted, most-mentioned first."))

# %% [markdown]
# ### The mentions behind the cells
#
# Every mention of the most-mentioned actors, by article, most negative first: the mention is highlighted in yellow, the words that moved its stance in red (against) or blue (for), each with its weight in the tooltip and in the evidence column.

# %%
evidence_colours = {"mention": "#f6c667", "against": "#f4a6a6", "for": "#a6c8f4"}
for actor in totals.index[:MAIN_ACTORS_LISTED]:
    rows = mentions[mentions["actor"].eq(actor)].sort_values(["doc_id", "stance"])
    # A large corpus lists the most negative and the most positive mentions.
    listed = rows if show_all else pd.concat([rows.nsmallest(limits.MAX_ROWS // 2, "stance"),
                                              rows.drop(rows.nsmallest(limits.MAX_ROWS // 2, "stance").index).nlargest(limits.MAX_ROWS // 2, "stance")])
    bounds = body_sentences.set_index(["doc_id", "sentence_id"])[["start", "end"]]
    cells = []
    for row in listed.itertuples():
        s_start, s_end = bounds.loc[(row.doc_id, row.sentence_id)]
        marks = [(row.start, row.end, "mention", row.alias)]
        for span, part in zip(filter(None, row.evidence_spans.split(";")), row.evidence.split("; ")):
            a, b = (int(x) for x in span.split(":"))
            marks.append((a, b, "against" if "−" in part else "for", part))
        spans = pd.DataFrame(marks, columns=["start", "end", "label", "why"])
        sentence = show.highlight_spans(raw_by_doc[row.doc_id], spans, start=int(s_start), end=int(s_end),
                                        colours=evidence_colours, title_column="why")
        cells.append(
            f'<tr><td style="white-space:nowrap;font-size:.85em">{show.escape_text(row.doc_id)}</td>'
            f'<td style="text-align:right">{row.stance + 0.0:+.2f}</td><td>{show.escape_text(row.label)}</td>'
            f'<td style="text-align:left">{sentence}</td><td style="font-size:.85em">{show.escape_text(row.evidence)}</td></tr>'
        )
    body = "".join(cells)
    note = limits.selection_note(len(listed), len(rows), "mentions", "most negative first, then the most positive", "actor_mentions.csv")
    display(Markdown(f"**{show.markdown_text(actor)}**: {len(rows):,} mentions in {rows['doc_id'].nunique():,} articles, mean stance {rows['stance'].mean():+.2f} "
                     f"({(rows['label'] == 'negative').sum():,} negative, {(rows['label'] == 'neutral').sum():,} neutral, "
                     f"{(rows['label'] == 'positive').sum():,} positive)." + (f" {note}" if note else "")))
    show.show('<table class="wb-evidence"><thead><tr><th>article</th><th>stance</th><th>label</th><th>sentence</th>'
              f'<th>evidence words</th></tr></thead><tbody>{body}</tbody></table>')

# %% [markdown]
# ## Exported tables

# %%
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
display(Markdown("Written `tables/readability.csv`, `sentences.csv`, `actor_tone.csv`, `actor_mentions.csv`, `tone.csv` and `hedges_boosters.csv`; their column dictionary is on the index page."))
