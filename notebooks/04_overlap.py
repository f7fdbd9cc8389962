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
# # Overlap between outlets
#
# Do these articles copy one another, share a vocabulary or a style, repeat the same facts, name the same people? Everything is measured on the article **bodies**: page furniture never counts.

# %% tags=["parameters"]
CORPUS_DIR = None  # folder of .txt articles; None means seeds/ (the build injects the folder it runs on)

# %%
from importlib.metadata import version

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from IPython.display import Markdown, display

from analysis import config
from analysis.corpus.layer import open_corpus
from analysis.evaluate import scoring
from analysis.overlap import candidates, claims, framing, key_findings, near_duplicates, similarity, stylometry
from analysis.provenance.labels import article_labels
from analysis.report import display as show, figures, findings, limits, presentation as present, tables

DELTA_WORDS = 50  # function words in the Burrows' Delta reported in the pair table
DUPLICATE_THRESHOLD = 0.8  # Jaccard similarity of 5-word shingle sets that makes two BBC articles near-duplicates
MAX_STATEMENTS = 4  # statements of one fact shown side by side
MAX_EXCERPT = 900  # characters of a passage shown on each side; a longer one shows its start and end
SAME_TEXT_COSINE = 0.9  # pairs this alike in vocabulary are one text filed twice: their style agrees trivially
STANCE_GOAL = 0.70  # the stance model's macro-F1 goal on NewsMTSC devtest_mt (docs/tone.md)
FIGURE_WIDTH = 9.4  # inches: a wider chart is shrunk to the page's 960 px and its 10-point labels with it
SECTION = key_findings.SECTIONS
MIN_PASSAGE_WORDS = similarity.REUSED_PASSAGE_WORDS  # identical aligned words for a passage to count as reused (the index uses the same)

figures.use_report_style()
corpus = open_corpus(CORPUS_DIR)
docs, raw_by_doc, segments, titles = corpus.docs, corpus.raw_by_doc, corpus.segments, corpus.titles
labels = article_labels(corpus)  # one name per article, the same in every report
colours = figures.article_colours(docs["doc_id"])
# Segment once: every step below reads the body segments of this one table.
tokens = similarity.body_tokens(docs, segments)
body_sentences = corpus.sentences
body_words = key_findings.body_words(body_sentences)
quantities = claims.quantity_mentions(body_sentences)
# A corpus small enough to show in full (analysis/report/limits.py) shows every article in every section
# and compares every pair; a large one compares candidate pairs: a fixed number per article, those sharing
# the most rare word sequences, runs or figures, near-duplicates and nearest neighbours (analysis/overlap/candidates.py).
small = limits.shows_all(len(docs))
candidate = candidates.candidate_pairs(tokens, docs["doc_id"], quantities, top_k=max(candidates.TOP_K, len(docs) - 1) if small else candidates.TOP_K)
all_pairs = bool(candidate.attrs["all_pairs"])
cosine = similarity.tfidf_cosine(tokens, docs["doc_id"]) if small else None
terms = similarity.shared_terms(tokens, top=8, pairs=candidate)
key_terms = similarity.keyness(tokens)
ngrams = similarity.shared_ngrams(tokens)
passages = similarity.shared_passages(docs, tokens, min_matched_words=MIN_PASSAGE_WORDS, pairs=candidate)
# The closest alignments below the bar (4+ identical words) are used only when no passage reaches it.
alignments = passages if len(passages) else similarity.shared_passages(docs, tokens, min_matched_words=4, pairs=candidate)
mentions = similarity.entity_mentions(docs, segments)
entity_counts = similarity.entity_matrix(mentions, docs["doc_id"])
entity_pairs = similarity.shared_entities(mentions, docs["doc_id"], pairs=candidate)
claim_matches = claims.match_claims(quantities, pairs=candidate)
shared_claims = claims.shared_claims(quantities, claim_matches)
# Opposite readings of one fact, with the evaluative words behind each side (a reading no such word carries is not a framing).
opposite = framing.opposite_support(claims.opposite_framings(quantities, claim_matches), quantities)
support = framing.framing_support(quantities).set_index("mention_id")
delta = stylometry.pair_deltas(tokens, candidate, DELTA_WORDS)
pairs = similarity.overlap_pairs(candidate, ngrams, entity_pairs, delta)
# Same-author hints compare different texts: copies of one text have the same function words because they have the same words.
styled = pairs[pairs["tfidf_cosine"] < SAME_TEXT_COSINE].sort_values(["stylometric_delta", "doc_a", "doc_b"], kind="stable").reset_index(drop=True)
by_size = stylometry.delta_pairs(tokens, pairs=styled) if len(docs) >= 3 and len(styled) >= 2 else None
stability = stylometry.ranking_stability(by_size, reference=DELTA_WORDS) if by_size is not None else None
compared = "" if all_pairs else f"the {len(pairs):,} candidate pairs (of {candidate.attrs['n_possible']:,} possible)"
pair_scope = "every pair of articles" if all_pairs else compared
candidate_rule = (
    f"{candidates.PARTNERS} or more partners per article: those sharing the most rare word sequences, runs or figures, "
    f"near-duplicates and its {candidates.TOP_K} nearest by TF-IDF cosine, topped up with its next nearest"
)

show.show(findings.key_findings_html(key_findings.overlap_findings(
    passages=passages, alignments=alignments, min_words=MIN_PASSAGE_WORDS, pairs=pairs, terms=terms, styled=styled,
    stability=stability, delta_words=DELTA_WORDS, shared_claims=shared_claims, mentions=quantities, opposite=opposite,
    entity_counts=entity_counts, key_terms=key_terms, labels=labels, doc_order=list(docs["doc_id"]), compared=compared,
)))

# How far to trust it: the stance model behind "framing" is measured on NewsMTSC when the data is here
# (cached on the model and the data file); otherwise the last recorded figure is shown as such.
stance_file = config.shared_data_dir() / "newsmtsc" / "devtest_mt.jsonl"
if stance_file.is_file():
    stance_check = framing.newsmtsc_check(stance_file)
    stance_f1, stance_measured, framing_check = stance_check["macro_f1"], True, stance_check["support"]
    stance_data = f"NewsMTSC devtest_mt ({stance_check['targets']:,} targets the model never saw)"
else:
    recorded = scoring.last_figures("newsmtsc").get("macro_f1")
    # With no recorded figure either, the box says "not measured" and where the figure is, not "last measured".
    stance_f1, stance_measured, framing_check = (float(recorded["value"]) if recorded else None), recorded is None, None
    stance_data = "NewsMTSC devtest_mt" + (f" (measured {recorded['measured_on']})" if recorded else
                                           " in this build (the data is absent; docs/tone.md gives the figure measured when it was written)")
macro_f1_note = "Macro-F1 averages, over critical, neutral and favourable, how well the model finds each (1 is perfect)" + (
    "; the goal is not reached." if stance_f1 is not None and stance_f1 < STANCE_GOAL else ".")
show.show(findings.trust_html(
    [findings.Trust("How a shared fact is framed (the stance model, as in report 02)", stance_data, "macro-F1", stance_f1,
                    measured=stance_measured, goal=STANCE_GOAL, note=macro_f1_note)],
    caveats=key_findings.trust_caveats(body_words, framing_check, compared),
))

# %%
display(Markdown(
    f"## {SECTION['articles']}\n\n"
    f"**{len(docs):,} articles**, **{int(body_words.sum()):,} body words** in all. Each article keeps the name below in every "
    "report: its outlet, or *unknown site A, B …* when the page names none, and its number."
))
article_list = pd.DataFrame({"doc_id": docs["doc_id"], "title": docs["doc_id"].map(titles),
                             "body words": docs["doc_id"].map(body_words).fillna(0).astype(int)})
show.show(present.left_aligned(show.frame_html(article_list, labels=labels)))

# %%
if len(passages):
    n_passage_pairs = passages[["doc_a", "doc_b"]].drop_duplicates().shape[0]
    reuse_text = (
        f"**{len(passages):,} passage{'s' if len(passages) != 1 else ''}** of {MIN_PASSAGE_WORDS} or more identical aligned "
        f"words {'are' if len(passages) != 1 else 'is'} shared, by {n_passage_pairs:,} pair{'s' if n_passage_pairs != 1 else ''} "
        "of articles. " + (f"The five best-scoring are shown side by side; `tables/shared_passages.csv` holds all {len(passages):,}."
                           if len(passages) > 5 else "Each is shown side by side, the shared words highlighted.")
    )
else:
    reuse_text = (
        f"**No passage** of {MIN_PASSAGE_WORDS} or more identical aligned words is shared by "
        + ("any two articles" if all_pairs else f"any of {compared}") + ": no sign of copied text. "
        + ("The closest alignments below that bar (at least four identical words) are shown side by side so you can judge "
           "what they are." if len(alignments) else "Not even four identical words line up anywhere.")
    )
display(Markdown(
    f"## {SECTION['passages']}\n\n"
    "Copying is looked for by aligning the words of every pair of articles (a *Smith–Waterman local alignment*: it finds "
    "the longest stretch two texts have in common, even when a word was changed or the passage moved). " + reuse_text
    + ("" if all_pairs else f" Alignments were run on {compared}: {candidate_rule}.")
))
for row in (passages if len(passages) else alignments).head(5).itertuples(index=False):
    show.show(present.side_by_side([
        (f"{labels[row.doc_a]}, characters {row.a_start:,}–{row.a_end:,}", present.passage_html(raw_by_doc[row.doc_a], row.a_start, row.a_end, MAX_EXCERPT)),
        (f"{labels[row.doc_b]}, characters {row.b_start:,}–{row.b_end:,} — {row.matched_words} matching words",
         present.passage_html(raw_by_doc[row.doc_b], row.b_start, row.b_end, MAX_EXCERPT)),
    ]))

# %%
display(Markdown(f"## {SECTION['phrases']}"))
if len(ngrams):
    display(Markdown(
        f"**{len(ngrams):,} phrase{'s' if len(ngrams) != 1 else ''}** of two or more content words recur in two or more articles "
        "(runs of words with no punctuation between them, starting and ending with a content word; a phrase is listed once, "
        "in its longest shared form). The most widely shared, with the number of articles using them: "
        + ", ".join(f"*{show.markdown_text(g)}* ({n})" for g, n in ngrams[["ngram", "n_docs"]].head(5).itertuples(index=False))
        + ". Names and set phrases of a shared subject recur without any copying; a copied passage shows up in the "
        "alignment above instead."
    ))
    listed = ngrams.head(limits.MAX_ROWS).assign(
        articles=lambda t: t["docs"].map(lambda ids: present.names_list([labels[i] for i in ids], most=5)))
    if len(listed) < len(ngrams):
        display(Markdown(limits.selection_note(len(listed), len(ngrams), "phrases", "shared most widely", None)
                         + " `overlap.shared_ngrams(tokens)` lists them all."))
    show.show(present.left_aligned(show.frame_html(
        listed[["ngram", "n", "n_docs", "articles", "count"]].rename(
            columns={"ngram": "phrase", "n_docs": "how many articles", "articles": "which articles", "count": "uses"}),
        caption="Shared phrases, most widely shared first (lower case, possessive 's dropped).")))
    example = ngrams[ngrams["n_docs"].eq(2)].head(3)["ngram"]
    places = show.kwic_table(similarity.ngram_occurrences(docs, tokens, ngrams=list(example)), raw_by_doc, width=70)
    show.show(show.kwic_html(places.assign(doc_id=places["doc_id"].map(labels)),
                             caption="Three phrases that two articles share, in context, straight from the raw text."))
else:
    display(Markdown("No phrase of two or more content words recurs across the articles."))

# %%
if len(pairs):
    closest = pairs.loc[pairs["tfidf_cosine"].idxmax()]
    farthest = pairs.loc[pairs["tfidf_cosine"].idxmin()]
    display(Markdown(
        f"## {SECTION['vocabulary']}\n\n"
        "How alike two articles' vocabularies are is measured by the *TF-IDF cosine*: each article becomes a list of its "
        "content words, each weighted by how often the article uses it and how few other articles do (TF-IDF), and the "
        "cosine compares two such lists — 0 means no word in common, 1 the same words in the same proportions. "
        f"The closest pair is **{show.markdown_text(labels[closest['doc_a']])}** and **{show.markdown_text(labels[closest['doc_b']])}** "
        f"({closest['tfidf_cosine']:.2f}), the {'farthest' if all_pairs else 'least alike of the pairs compared'} "
        f"{show.markdown_text(labels[farthest['doc_a']])} and {show.markdown_text(labels[farthest['doc_b']])} ({farthest['tfidf_cosine']:.2f}). "
        + (f"No pair comes near one text filed twice (a cosine of {SAME_TEXT_COSINE} or more)." if pairs["tfidf_cosine"].max() < SAME_TEXT_COSINE else
           f"{(pairs['tfidf_cosine'] >= SAME_TEXT_COSINE).sum():,} pair(s) reach {SAME_TEXT_COSINE} or more: one text filed twice, not just a shared subject.")
    ))
else:
    display(Markdown(f"## {SECTION['vocabulary']}\n\nThe corpus has a single article, so there is nothing to compare."))

# %%
if len(pairs) and small:
    values = cosine.rename(index=labels, columns=labels)
    side = 0.55 * len(values)
    fig, ax = plt.subplots(figsize=(min(FIGURE_WIDTH, max(7.0, side + 4.2)), max(5.2, side + 2.5)))
    sns.heatmap(values, mask=np.eye(len(values), dtype=bool), annot=True, fmt=".2f", cmap="Blues", vmin=0,
                vmax=max(0.5, float(pairs["tfidf_cosine"].max())), square=True, cbar_kws={"label": "TF-IDF cosine"}, ax=ax,
                annot_kws={"fontsize": figures.MIN_FONT})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.set_xticklabels(ax.get_xticklabels(), rotation=30, ha="right")
    ax.set_title("How similar the articles' vocabularies are (darker = more alike)")
    plt.tight_layout()
    figures.show_figure(fig, alt=(
        f"Heatmap of the TF-IDF cosine of every pair of the {len(values)} articles, from {pairs['tfidf_cosine'].min():.2f} to "
        f"{pairs['tfidf_cosine'].max():.2f}; the closest pair is {labels[closest['doc_a']]} and {labels[closest['doc_b']]}."))
elif len(pairs):
    high, very_high = (pairs["tfidf_cosine"] >= 0.5).sum(), (pairs["tfidf_cosine"] >= SAME_TEXT_COSINE).sum()
    display(Markdown(
        f"With {len(docs):,} articles a map of every pair would have {len(docs) ** 2:,} cells, so here is how the cosines "
        f"of the {len(pairs):,} candidate pairs are spread: the median is {pairs['tfidf_cosine'].median():.2f}, {high:,} "
        f"pairs reach 0.5 and {very_high:,} reach {SAME_TEXT_COSINE} (the bars are on a log scale so that the few near-identical "
        "pairs show)."
    ))
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.6))
    ax.hist(pairs["tfidf_cosine"], bins=50, range=(0, 1), color=figures.PALETTE[0])
    ax.set_yscale("log")  # the few near-identical pairs would vanish beside the thousands of distant ones
    ax.set_xlabel("TF-IDF cosine of a candidate pair")
    ax.set_ylabel("pairs (log scale)")
    ax.set_title("How similar the candidate pairs' vocabularies are")
    plt.tight_layout()
    figures.show_figure(fig, alt=(
        f"Histogram of the TF-IDF cosine of {len(pairs):,} candidate pairs: median {pairs['tfidf_cosine'].median():.2f}, "
        f"{high:,} pairs at 0.5 or more, {very_high:,} at {SAME_TEXT_COSINE} or more."))

# %%
if len(pairs):
    shown = present.first_rows(pairs, "tfidf_cosine")
    if len(shown) < len(pairs):
        display(Markdown(limits.selection_note(len(shown), len(pairs), "pairs" if all_pairs else "candidate pairs", "with the highest TF-IDF cosine", "overlap_pairs.csv")))
    shown = shown.sort_values("tfidf_cosine", ascending=False).round(3).rename(columns={
        "shared_ngrams": "shared phrases", "shared_entities": "shared actors", "stylometric_delta": "Burrows' Delta (style)"})
    show.show(present.left_aligned(show.frame_html(
        shown, caption="Every measure for each pair of articles, most alike in vocabulary first.", labels=labels, csv="overlap_pairs.csv")))
    display(Markdown(
        "A cosine is a sum over shared words, so each word's share of it is exact: the table below gives, for each pair, "
        "the words that make it alike and the share of the similarity each carries."
    ))
    behind = (
        terms.assign(word=lambda t: t["term"] + " (" + (100 * t["share_of_cosine"]).round(0).astype(int).astype(str) + "%)")
        .groupby(["doc_a", "doc_b"])["word"].agg(", ".join).reset_index()
        .merge(pairs[["doc_a", "doc_b", "tfidf_cosine"]], on=["doc_a", "doc_b"])
        .sort_values("tfidf_cosine", ascending=False)
    )
    if len(behind) > limits.MAX_ROWS:
        display(Markdown(
            limits.selection_note(limits.MAX_ROWS, len(behind), "pairs", "with the highest TF-IDF cosine", None)
            + " `overlap.shared_terms(tokens, pairs=candidates.candidate_pairs(tokens))` gives the words of every pair."
        ))
        behind = present.first_rows(behind, "tfidf_cosine").sort_values("tfidf_cosine", ascending=False)
    show.show(present.left_aligned(show.frame_html(
        behind.assign(tfidf_cosine=behind["tfidf_cosine"].round(3))[["doc_a", "doc_b", "tfidf_cosine", "word"]]
        .rename(columns={"word": "shared words (share of the cosine)"}), labels=labels, fold_after=6)))

# %%
display(Markdown(f"## {SECTION['keyness']}"))
top_keys = key_terms.groupby("doc_id").head(8)
if len(top_keys):
    many = top_keys["doc_id"].nunique() > 6  # then narrower panels, three abreast, with their five strongest words
    top_keys = top_keys.groupby("doc_id").head(5) if many else top_keys
    strongest_of = key_terms.groupby("doc_id", as_index=False)["log_likelihood"].max()
    drawn = limits.select(strongest_of, len(docs), "log_likelihood")  # the articles whose strongest word stands out most
    top_keys = top_keys[top_keys["doc_id"].isin(drawn["doc_id"])]
    n_panels = top_keys["doc_id"].nunique()
    strongest = key_terms.loc[key_terms["log_likelihood"].idxmax()]
    display(Markdown(
        "What each article talks about that the others do not: the words it uses significantly more than the rest of the "
        "corpus, by *log-likelihood G²* (how surprising the word's count would be if the article used words like the others "
        "do; 3.84 or more is significant at the 5 % level). At least 3 uses; stopwords excluded. All panels share one scale, "
        "so a longer bar is a more distinctive word wherever it is; the label gives the uses here and in all other articles. "
        f"The strongest is *{show.markdown_text(strongest['term'])}* in {show.markdown_text(labels[strongest['doc_id']])} "
        f"({strongest['count']} uses against {strongest['count_rest']} elsewhere)."
        + (" " + limits.selection_note(len(drawn), len(strongest_of), "articles", "whose most distinctive word stands out most", None)
           + " `overlap.keyness(tokens)` lists every article's words." if len(drawn) < len(strongest_of) else "")
    ))
    columns = min(n_panels, 3 if many else 2)
    rows = int(np.ceil(n_panels / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(FIGURE_WIDTH * columns / (3 if many else 2), (2.1 if many else 2.9) * rows),
                             squeeze=False, sharex=True)
    limit = top_keys["log_likelihood"].max() * (1.6 if many else 1.35)
    order = list(drawn["doc_id"]) if len(drawn) < len(strongest_of) else [doc for doc in docs["doc_id"] if doc in set(top_keys["doc_id"])]
    for ax, doc_id in zip(axes.flat, order):
        group = top_keys[top_keys["doc_id"].eq(doc_id)].iloc[::-1]
        ax.barh(group["term"], group["log_likelihood"], color=colours[doc_id])
        for y, (g2, count, rest) in enumerate(zip(group["log_likelihood"], group["count"], group["count_rest"])):
            ax.text(g2, y, f" {count} vs {rest}", va="center", fontsize=figures.MIN_FONT)
        ax.set_title(labels[doc_id], fontsize=11)
        ax.set_xlim(0, limit)
        ax.set_xlabel("log-likelihood G²")
        ax.xaxis.set_tick_params(labelbottom=True)
    for ax in list(axes.flat)[n_panels:]:
        ax.axis("off")
    plt.tight_layout()
    figures.show_figure(fig, alt=(
        f"Bar charts, one per article on one scale, of the words each uses more than the others; the most distinctive is "
        f"“{strongest['term']}” in {labels[strongest['doc_id']]} (G² {strongest['log_likelihood']:.0f}, {strongest['count']} uses "
        f"against {strongest['count_rest']} in all other articles)."))
else:
    display(Markdown("No article uses any word significantly more than the rest of the corpus."))

# %%
if stability is not None:
    ranked = styled
    first = ranked.iloc[0]
    first_key = f"{first['doc_a']} & {first['doc_b']}"
    pair_name = {f"{a} & {b}": f"{labels[a]} & {labels[b]}" for a, b in zip(ranked["doc_a"], ranked["doc_b"])}
    held = stability["closest_pair"].eq(first_key)
    display(Markdown(
        f"## {SECTION['style']}\n\n"
        f"**Caveat first: this is only a hint.** *Burrows' Delta* compares how often texts use the most frequent function words "
        f"(*the, of, which, however* …), which writers choose without thinking about the topic; 0 would be identical habits, and "
        f"a smaller Delta means more alike. It was designed for texts of thousands of words and for choosing among known "
        f"candidates. These are {len(docs):,} articles of {int(body_words.min()):,}–{int(body_words.max()):,} body words, and "
        f"each word's comparison rests on {len(docs):,} values, so a small Delta says *read these two side by side*, never "
        f"*same author*.\n\n"
        f"At {DELTA_WORDS} words, the closest pair is **{show.markdown_text(labels[first['doc_a']])}** and "
        f"**{show.markdown_text(labels[first['doc_b']])}** (Delta {first['stylometric_delta']:.2f}; next comes "
        f"{ranked.iloc[1]['stylometric_delta']:.2f}). It stays closest at {held.sum()} of {len(stability)} word-list sizes"
        + (f"; at {', '.join(str(n) for n in stability.loc[~held, 'n_words'])} words another pair overtakes it (table under the chart)." if (~held).any() else ".")
        + ("" if all_pairs else f" Pairs are ranked among {pair_scope}.")
        + (f" {len(pairs) - len(ranked):,} pairs with near-identical vocabularies (TF-IDF cosine ≥ {SAME_TEXT_COSINE}: one text "
           "filed twice) are left out: their function words agree because all their words do." if len(ranked) < len(pairs) else "")
    ))
    drawn = present.first_rows(ranked, "stylometric_delta", ascending=True, limit=limits.MAX_ARTICLES).sort_values("stylometric_delta", kind="stable")
    if len(drawn) < len(ranked):
        display(Markdown(limits.selection_note(len(drawn), len(ranked), "pairs", "most alike in style", "overlap_pairs.csv")))
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 0.42 * len(drawn) + 1.6))
    names = [pair_name[f"{a} & {b}"] for a, b in zip(drawn["doc_a"], drawn["doc_b"])]
    shades = [figures.PALETTE[3] if i == 0 else figures.OTHER for i in range(len(drawn))]
    ax.barh(names[::-1], drawn["stylometric_delta"].iloc[::-1], color=shades[::-1])
    for y, value in enumerate(drawn["stylometric_delta"].iloc[::-1]):
        ax.text(value, y, f" {value:.2f}", va="center", fontsize=figures.MIN_FONT)
    ax.set_xlim(0, drawn["stylometric_delta"].max() * 1.12)
    ax.set_xlabel(f"Burrows' Delta over {DELTA_WORDS} function words (smaller = more alike)")
    ax.set_title("Pairs ranked by style distance, closest on top")
    plt.tight_layout()
    figures.show_figure(fig, alt=(
        f"Bar chart of Burrows' Delta for {len(drawn)} pairs of articles; the closest in style is {pair_name[first_key]} "
        f"({first['stylometric_delta']:.2f}), the farthest shown {names[-1]} ({drawn['stylometric_delta'].iloc[-1]:.2f})."))
    show.show(present.left_aligned(show.frame_html(
        pd.DataFrame({"function words": stability["n_words"], "closest pair": stability["closest_pair"].map(pair_name),
                      "Delta": stability["closest_delta"].round(2), f"same pair as at {DELTA_WORDS} words": stability["closest_pair"].eq(first_key)}),
        caption="Does the closest pair stay closest as the list of function words grows?")))
    words = stylometry.delta_contributions(tokens, first["doc_a"], first["doc_b"], DELTA_WORDS)
    alike = words[(np.sign(words["z_a"]) == np.sign(words["z_b"])) & (words[["z_a", "z_b"]].abs().min(axis=1) > 0.5)]
    display(Markdown(
        f"The words behind the closest pair: both depart from the other articles in the same direction on "
        f"{len(alike)} of {len(words)} function words"
        + (" — for instance " + ", ".join(
            f"*{show.markdown_text(w.word)}* ({w.per_1000_a:.1f} and {w.per_1000_b:.1f} per 1,000 words, against {w.per_1000_corpus:.1f} on average)"
            for w in alike.head(4).itertuples()) if len(alike) else "")
        + "."
    ))
    show.show(present.left_aligned(show.frame_html(
        words.round(2).head(12).rename(columns={"per_1000_a": f"per 1,000 words in {labels[first['doc_a']]}",
                                                "per_1000_b": f"per 1,000 words in {labels[first['doc_b']]}",
                                                "per_1000_corpus": "per 1,000 words, all articles", "z_a": "z-score a", "z_b": "z-score b"}),
        caption=f"Function words on which {labels[first['doc_a']]} and {labels[first['doc_b']]} agree most (smallest z-score difference).",
        fold_after=6)))
else:
    display(Markdown(
        f"## {SECTION['style']}\n\n"
        + ("Burrows' Delta needs at least three articles (each word's z-score needs a spread)." if len(docs) < 3 else
           f"Fewer than two pairs of different texts to rank: the other pairs have near-identical vocabularies (TF-IDF cosine ≥ {SAME_TEXT_COSINE}).")
    ))

# %%
n_claims = shared_claims["claim_id"].nunique()
supported_opposite = opposite[opposite["supported"]]
display(Markdown(
    f"## {SECTION['claims']}\n\n"
    + (f"**{n_claims:,} fact{'s' if n_claims != 1 else ''}** with a figure {'are' if n_claims != 1 else 'is'} stated by more than one article. "
       if n_claims else "No fact with a figure is stated by more than one article. ")
    + "Statements with a quantity (a share, a count, a sum; a bare year is no claim) are matched across articles when the "
    "quantities agree as intervals (*about 40 percent* is 36–44 %, *a significant portion* 10–100 %, *more than half* 50–100 %; "
    "one fact's statements must all admit one value) and the subject agrees (an actor in common when both name actors, at "
    "least two shared subject words or actors, and the same measured thing — *of oil* is not *of weapons*). "
    f"{len(quantities):,} quantities were read in all."
    + (" Each fact below shows each article's sentence, the quantity highlighted, and the sentence's *stance* toward the "
       "actor named nearest the quantity (the stance model of report 02: favourable, neutral or critical, −1 to +1) with the "
       "words that moved it. A reading counts as a framing only when an **evaluative word** — one with a sentiment value, "
       "outside the figure itself — carries it; the others are the model's guess from words such as *is* or *than*."
       if n_claims else "")
    + ("" if all_pairs else f" Statements were matched within {pair_scope}: {candidate_rule}.")
))
if len(shared_claims):
    claim_groups = list(shared_claims.groupby("claim_id", sort=False))
    if not small and n_claims > limits.MAX_ARTICLES:
        # Matches chain: a loose interval ("up to 100%") links statements whose figures differ. Show the facts whose
        # statements all admit one value, those stated by the most articles first.
        stated = quantities.merge(shared_claims[["claim_id", "doc_id", "start", "quantity"]], on=["doc_id", "start", "quantity"])
        bounds = stated.groupby("claim_id").agg(
            low=("low", "max"), high=("high", "min"), articles=("doc_id", "nunique"), statements=("doc_id", "size"),
            year=("kind", lambda kinds: (kinds == "year").all()),
        ).assign(number=lambda t: t.index.str[1:].astype(int))
        coherent = bounds["low"] <= bounds["high"]
        largest = bounds[~coherent].sort_values("statements", ascending=False).head(1)
        # A bare year ("in 2004") recurs everywhere; figures say more, so they come first.
        chosen = list(bounds[coherent].sort_values(["year", "articles", "number"], ascending=[True, False, True]).index[:limits.MAX_ARTICLES])
        claim_groups = sorted((item for item in claim_groups if item[0] in chosen), key=lambda item: chosen.index(item[0]))
        display(Markdown(
            f"{(~coherent).sum():,} of the {n_claims:,} facts chain statements whose figures do not all agree (a loose interval "
            f"such as *up to 100%* links one figure with another)"
            + (f"; the largest, {show.markdown_text(largest.index[0])}, joins {largest['statements'].iloc[0]:,} statements in "
               f"{largest['articles'].iloc[0]:,} articles" if len(largest) else "")
            + f". Below are the {len(chosen)} facts whose statements all admit one value that the most articles state, "
            "figures before bare years; `tables/shared_claims.csv` holds every statement of every fact."
        ))
    for claim_id, group in claim_groups:
        rows = quantities.merge(group[["doc_id", "start", "quantity"]], on=["doc_id", "start", "quantity"])
        cells = []
        for row in (rows if small else rows.head(MAX_STATEMENTS)).itertuples(index=False):
            spans = pd.DataFrame({"start": [row.q_start], "end": [row.q_end]})
            carried = support.at[row.mention_id, "support"]
            reading = (f"{row.framing} toward {row.framing_actor} ({row.tone:+.2f}), carried by: {carried}" if carried else
                       f"neutral toward {row.framing_actor}" if row.framing == "neutral" and row.framing_actor else
                       f"no evaluative word; the model reads {row.framing} toward {row.framing_actor} ({row.tone:+.2f}) from: {row.framing_evidence}"
                       if row.framing_actor else "names no actor")
            cells.append((f"{labels[row.doc_id]} — {reading}",
                          present.excerpt_html(raw_by_doc[row.doc_id], row.start, row.end, spans, label=row.quantity)))
        more = f" (the first {MAX_STATEMENTS} of {len(rows):,} statements are shown)" if len(cells) < len(rows) else ""
        display(Markdown(f"**Fact {show.markdown_text(claim_id)}** · {rows['kind'].iloc[0]}: " + " ~ ".join(f"*{show.markdown_text(q)}*" for q in rows["quantity_text"].head(len(cells))) + more))
        show.show(present.side_by_side(cells))
    if len(opposite):
        display(Markdown(
            f"**{len(opposite):,} pair{'s' if len(opposite) != 1 else ''} of statements** of one fact are read by the stance model "
            "as taking opposite stances toward an actor both name; "
            + (f"in {len(supported_opposite):,} of them evaluative words carry both readings, so the two articles frame the fact "
               "differently by their words. " if len(supported_opposite) else
               "in none do evaluative words carry both readings, so no difference of framing is claimed. ")
            + "Each pair is one row below, with the words behind each reading; an empty cell means no evaluative word carries it."
            + (f" {limits.selection_note(limits.MAX_ROWS, len(opposite), 'pairs', 'first found', None)}" if len(opposite) > limits.MAX_ROWS else "")
        ))
        show.show(present.left_aligned(show.frame_html(pd.DataFrame({
            "article": opposite["doc_a"], "read as": opposite["framing_a"] + " (" + opposite["tone_a"].map("{:+.2f}".format) + ")",
            "evaluative words": opposite["support_a"], "other article": opposite["doc_b"],
            "other read as": opposite["framing_b"] + " (" + opposite["tone_b"].map("{:+.2f}".format) + ")",
            "other evaluative words": opposite["support_b"], "toward": opposite["actor"],
            "framing differs by its words": opposite["supported"],
        }).head(limits.MAX_ROWS), labels=labels, headers=False)))
    else:
        display(Markdown("No fact is read as favourable toward its subject in one article and critical in another."))

# %%
display(Markdown(f"## {SECTION['actors']}"))
if entity_counts.shape[1]:
    named_by = (entity_counts > 0).sum()
    everywhere = list(named_by.index[named_by.eq(len(docs))])
    display(Markdown(
        (f"Every article names {show.markdown_text(key_findings.names(everywhere))}. " if everywhere else "No actor is named by every article. ")
        + "Actors are found with the shared list of names (`analysis/data/actors.csv`), each alias folded onto one name "
        "(*Garabagh* and *Karabakh* are Nagorno-Karabakh, *Baku* is Azerbaijan, *Washington* and *U.S.* the United States). "
        f"{(named_by >= 2).sum():,} actors are named by two or more of the {len(docs):,} articles, {(named_by == 1).sum():,} by one only."
        + (" The chart shows each actor two or more articles name and how often each article names it (a blank cell: not "
           "named); the table under it lists the actors only one article names — where the articles part ways." if small else
           f" An article × actor map would have {entity_counts.size:,} cells, so the bars show how many articles name each of "
           f"the {min(30, len(named_by))} most widely named actors.")
    ))
if entity_counts.shape[1] and not small:
    widest = named_by.sort_values(ascending=False).head(30).iloc[::-1]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 0.3 * len(widest) + 1.4))
    ax.barh(widest.index, widest.to_numpy(), color=figures.PALETTE[2])
    ax.set_xlabel(f"articles naming the actor (of {len(docs):,})")
    ax.set_title("The most widely named actors")
    plt.tight_layout()
    figures.show_figure(fig, alt=(
        f"Bar chart of the {len(widest)} most widely named actors; {widest.index[-1]} is named by the most articles "
        f"({widest.iloc[-1]:,} of {len(docs):,})."))
elif entity_counts.shape[1] and (named_by >= 2).any():
    shared_matrix = entity_counts.loc[:, named_by >= 2].T.rename(columns=labels)
    fig, ax = plt.subplots(figsize=(min(FIGURE_WIDTH, 3.2 + 1.25 * shared_matrix.shape[1]), 0.34 * len(shared_matrix) + 2.2))
    sns.heatmap(shared_matrix, annot=True, fmt="d", cmap="Greens", cbar=False, linewidths=0.5, linecolor="white",
                mask=shared_matrix.eq(0), ax=ax, annot_kws={"fontsize": figures.MIN_FONT})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.xaxis.tick_top()
    ax.set_xticklabels(ax.get_xticklabels(), rotation=25, ha="left")
    ax.set_title("Mentions of each actor that two or more articles name", pad=12)
    plt.tight_layout()
    busiest = shared_matrix.stack().idxmax()
    figures.show_figure(fig, alt=(
        f"Heatmap of mention counts of {len(shared_matrix)} actors (rows) in {shared_matrix.shape[1]} articles (columns); "
        f"the most mentions are of {busiest[0]} in {busiest[1]} ({shared_matrix.stack().max()})."))
if entity_counts.shape[1] and len(docs) > 1:
    only_one = entity_counts.loc[:, (entity_counts > 0).sum().eq(1)]
    solo = only_one.gt(0).sum(axis=1).sort_values(ascending=False, kind="stable")
    solo = solo[solo > 0] if not small else solo
    if not small:
        display(Markdown(
            f"Where the articles part ways: {only_one.shape[1]:,} actors are named by one article only, spread over "
            f"{len(solo):,} articles. "
            + limits.selection_note(min(len(solo), limits.MAX_ARTICLES), len(solo), "articles", "naming the most of them", None)
        ))
    listed_docs = list(solo.index[:limits.MAX_ARTICLES]) if not small else list(entity_counts.index)
    show.show(present.left_aligned(show.frame_html(pd.DataFrame({
        "article": [labels[doc] for doc in listed_docs],
        "actors only this article names": [", ".join(only_one.columns[only_one.loc[doc] > 0]) for doc in listed_docs],
    }))))

# %% [markdown]
# ## Exported tables

# %%
# At scale every pair table holds candidate pairs only; the column dictionary says so.
scope_note = "" if all_pairs else (
    f" Only candidate pairs were compared: {pair_scope}, {candidate_rule} (analysis/overlap/candidates.py); other pairs are not in this table."
)
tables.write_table(
    pairs,
    "overlap_pairs",
    "One row per unordered pair of articles (doc_a < doc_b) with every overlap measure, computed on the article bodies." + scope_note,
    {
        "doc_a": "first article id (alphabetically smaller)",
        "doc_b": "second article id",
        "tfidf_cosine": "cosine similarity of the two articles' TF-IDF vectors of content words (stopwords removed; 0 = no shared word, 1 = same vocabulary)",
        "shared_ngrams": "number of distinct non-trivial phrases (2+ content words, longest shared form) used by both articles",
        "shared_entities": "number of distinct actors from analysis/data/actors.csv named by both articles (aliases folded)",
        "stylometric_delta": f"Burrows' Delta over the {DELTA_WORDS} most frequent function words (smaller = more alike in style; a hint, not attribution)",
    },
)
tables.write_table(
    passages[["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "text_a", "text_b", "score"]],
    "shared_passages",
    f"One row per passage reused between two articles: a local alignment with at least {MIN_PASSAGE_WORDS} identical aligned words." + scope_note,
    {
        "doc_a": "first article id",
        "a_start": "first character of the passage in doc_a's raw text",
        "a_end": "one past its last character (raw[a_start:a_end] is text_a)",
        "doc_b": "second article id",
        "b_start": "first character of the passage in doc_b's raw text",
        "b_end": "one past its last character (raw[b_start:b_end] is text_b)",
        "text_a": "the passage as written in doc_a",
        "text_b": "the passage as written in doc_b",
        "score": "Smith-Waterman score over words: +2 per identical word, -1 per substituted, inserted or deleted word",
    },
)
claim_table = shared_claims.merge(quantities[["doc_id", "start", "quantity", "mention_id"]], on=["doc_id", "start", "quantity"], how="left")
claim_table = claim_table.assign(framing_words=claim_table["mention_id"].map(support["support"]).fillna("")).drop(columns="mention_id")
tables.write_table(
    claim_table,
    "shared_claims",
    "One row per article's statement of a fact (a quantity about a subject) that more than one article states; rows with the same claim_id state the same fact." + scope_note,
    {
        "claim_id": "the fact (C1, C2, ...); the same id in several articles means the same fact",
        "doc_id": "article id",
        "start": "first character of the sentence stating it in the raw text",
        "end": "one past its last character (raw[start:end] is text)",
        "text": "the sentence",
        "quantity": "the quantity as written, then its normalised interval, e.g. 'about 40 percent (share 36–44 %)'",
        "framing": "stance of the sentence toward the actor named nearest the quantity (stance model, analysis.readability_tone.stance): favourable (positive), critical (negative) or neutral",
        "framing_words": "the evaluative words (VADER lexicon, outside the quantity) that carry a favourable or critical framing; empty when none does (the reading is then the model's guess, analysis/overlap/framing.py)",
    },
)
display(Markdown(
    f"Written `tables/overlap_pairs.csv` ({len(pairs):,} rows), `tables/shared_passages.csv` ({len(passages):,} rows) and "
    f"`tables/shared_claims.csv` ({len(claim_table):,} rows); their column dictionary is on the index page."
))

# %%
display(Markdown(
    f"## {SECTION['methods']}\n\n"
    f"**Implementations.** The comparisons read the bodies as {len(tokens):,} word tokens ({tokens['is_content'].sum():,} content "
    f"words after removing scikit-learn's {len(similarity.STOPWORDS)} English stopwords). TF-IDF from scikit-learn {version('scikit-learn')}; "
    f"sentences from spaCy {version('spacy')}'s sentencizer; stance from the workbook's model (`analysis/data/stance_model.json`) "
    f"with VADER's lexicon (vaderSentiment {version('vaderSentiment')}) for evaluative words; MinHash LSH from datasketch "
    f"{version('datasketch')}. The body word counts this report states are the ones every report uses (they count words as readability does)."
    + ("" if all_pairs else
       f"\n\n**Candidate pairs.** {len(docs):,} articles make {candidate.attrs['n_possible']:,} pairs, too many to align passage by "
       f"passage, so every comparison of two articles (shared words, passages, actors, facts, style) runs on "
       f"**{len(candidate):,} candidate pairs**: each article proposes at least {candidates.PARTNERS} partners — the "
       f"{candidates.REUSE_PARTNERS} sharing the most word sequences of {candidates.SHINGLE_WORDS} that at most "
       f"{candidates.MAX_SHINGLE_DOCS} articles use and the {candidates.RUN_PARTNERS} sharing the most runs of "
       f"{candidates.RUN_WORDS} identical words ({candidate['reuse'].sum():,} pairs), the {candidates.FIGURE_PARTNERS} stating "
       f"the most figures that at most {candidates.MAX_QUANTITY_DOCS} articles state ({candidate['shared_figure'].sum():,}), "
       f"near-duplicates by MinHash LSH ({candidate['near_duplicate'].sum():,}) and its {candidates.TOP_K} nearest by TF-IDF "
       f"cosine, topped up with its next nearest ({candidate['nearest'].sum():,}) — so the work grows with the articles, not "
       "with the pairs. What this misses against an all-pairs run was measured on BBC "
       "articles (docstring of `analysis/overlap/candidates.py`, checked by `tests/overlap/test_candidates.py`). Pair tables "
       "here and in the CSV exports hold candidate pairs only.")
))

# %%
bbc_dir = config.shared_data_dir() / "bbc"
if not bbc_dir.is_dir():
    display(Markdown(f"### Near-duplicate detection at scale (BBC benchmark)\n\n*Skipped: the BBC evaluation corpus is not at {show.markdown_code(bbc_dir)} (outside data, see the README).*"))
else:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bbc = near_duplicates.read_text_folder(bbc_dir)
    shingles = {}
    found = near_duplicates.find_near_duplicates(zip(bbc["doc_id"], bbc["text"]), threshold=DUPLICATE_THRESHOLD, shingles_out=shingles)
    truth = near_duplicates.all_pairs_jaccard(shingles, DUPLICATE_THRESHOLD)
    identical = near_duplicates.identical_pairs(bbc)
    against_all = near_duplicates.pair_precision_recall(found, truth)
    against_identical = near_duplicates.pair_precision_recall(found[found["jaccard"].eq(1.0)], identical)
    n_pairs = len(bbc) * (len(bbc) - 1) // 2
    fallback = bbc[bbc["encoding"].ne("utf-8")]
    display(Markdown(
        "### Near-duplicate detection at scale (BBC benchmark)\n\n"
        "This checks a method the report uses on large corpora only, on articles that are not the corpus: it says nothing about "
        "the articles above. Comparing every pair of a large corpus is quadratic, so near-duplicates (re-filed copies of one "
        "story) are found with MinHash sketches (128 permutations) of 5-word shingles and locality-sensitive hashing, and only "
        f"the pairs LSH proposes are scored exactly (*Jaccard similarity*: the share of 5-word sequences two texts have in common). "
        f"On **{len(bbc):,} BBC articles** (Greene & Cunningham 2006) LSH proposed **{found.attrs['n_candidates']:,} candidate "
        f"pairs** out of {n_pairs:,}. Against the exact all-pairs check, the pairs it reports at Jaccard ≥ {DUPLICATE_THRESHOLD} "
        f"have **precision {against_all['precision']:.3f} and recall {against_all['recall']:.3f}** ({against_all['true_positives']} "
        f"of {against_all['true']} true pairs, {against_all['false_positives']} false). Of the **{len(identical):,} byte-identical "
        f"pairs**, it finds {against_identical['true_positives']} (recall {against_identical['recall']:.3f}); the other "
        f"{len(truth) - len(identical)} true pairs are copies with small edits.\n\n"
        + (f"Decoding: {len(fallback)} file(s) are not UTF-8 and were read as Latin-1, as recorded in the `encoding` column: "
           + ", ".join(f"{show.markdown_code(d)} ({show.markdown_text(e)})" for d, e in zip(fallback["doc_id"], fallback["encoding"])) + "."
           if len(fallback) else "Every file is UTF-8.")
    ))
    edited = found[found["jaccard"] < 1.0].head(8)
    first_line = {doc_id: text.strip().splitlines()[0] if text.strip() else "" for doc_id, text in zip(bbc["doc_id"], bbc["text"])}
    show.show(present.left_aligned(show.frame_html(
        edited.assign(title_a=edited["doc_a"].map(first_line), title_b=edited["doc_b"].map(first_line)).round(3)
        .rename(columns={"doc_a": "BBC file", "doc_b": "other BBC file"}),
        caption="BBC near-duplicates that are not byte-identical (most similar first): the same story re-filed with small edits.",
        headers=True,
    )))
