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
# What the articles have in common and what they do not: the words they share, the phrases and passages they repeat, the actors they name, the facts they state in different words (and how differently they frame them), and which two might come from the same hand. Every similarity is shown with the words, phrases, passages or sentences that make it, and everything is measured on the article **body** (page furniture never counts; stopwords never drive a result).
#
# Steps: (1) what overlaps and what does not, in one table; (2) shared vocabulary and each article's own words; (3) shared phrases and reused passages; (4) the actors each article names; (5) facts stated by more than one article, side by side with their framing; (6) same-author hints from function words; (7) near-duplicate detection at scale, checked on 2,225 BBC articles.

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
from analysis.overlap import candidates, claims, near_duplicates, similarity, stylometry
from analysis.corpus.layer import open_corpus
from analysis.report import display as show, limits, presentation as present, tables

MIN_PASSAGE_WORDS = 8  # identical aligned words for a passage to count as reused
DELTA_WORDS = 50  # function words in the Burrows' Delta reported in the pair table
DUPLICATE_THRESHOLD = 0.8  # Jaccard similarity of 5-word shingle sets that makes two BBC articles near-duplicates
MAX_STATEMENTS = 4  # statements of one fact shown side by side
MAX_EXCERPT = 900  # characters of a passage shown on each side; a longer one shows its start and end
SAME_TEXT_COSINE = 0.9  # pairs this alike in vocabulary are one text filed twice: their style agrees trivially

sns.set_theme(style="whitegrid", context="notebook")
corpus = open_corpus(CORPUS_DIR)
docs, raw_by_doc, segments, titles = corpus.docs, corpus.raw_by_doc, corpus.segments, corpus.titles


labels = present.short_labels(titles)
# Segment once: every step below reads the body segments of this one table.
tokens = similarity.body_tokens(docs, segments)
body_sentences = corpus.sentences
quantities = claims.quantity_mentions(body_sentences)
# A corpus small enough to show in full (analysis/report/limits.py) shows every article in every section
# and compares every pair; a large one compares candidate pairs: each article's nearest neighbours plus
# every pair sharing rare word sequences or figures (analysis/overlap/candidates.py).
small = limits.shows_all(len(docs))
candidate = candidates.candidate_pairs(tokens, docs["doc_id"], quantities, top_k=max(candidates.TOP_K, len(docs) - 1) if small else candidates.TOP_K)
all_pairs = bool(candidate.attrs["all_pairs"])
cosine = similarity.tfidf_cosine(tokens, docs["doc_id"]) if small else None
terms = similarity.shared_terms(tokens, top=8, pairs=candidate)
key_terms = similarity.keyness(tokens)
ngrams = similarity.shared_ngrams(tokens)
ngram_places = similarity.ngram_occurrences(docs, tokens)
alignments = similarity.shared_passages(docs, tokens, min_matched_words=4, pairs=candidate)
passages = alignments[alignments["matched_words"] >= MIN_PASSAGE_WORDS]
mentions = similarity.entity_mentions(docs, segments)
entity_counts = similarity.entity_matrix(mentions, docs["doc_id"])
entity_pairs = similarity.shared_entities(mentions, docs["doc_id"], pairs=candidate)
claim_matches = claims.match_claims(quantities, pairs=candidate)
shared_claims = claims.shared_claims(quantities, claim_matches)
delta = stylometry.pair_deltas(tokens, candidate, DELTA_WORDS)
pairs = similarity.overlap_pairs(candidate, ngrams, entity_pairs, delta)
# Same-author hints compare different texts: copies of one text have the same function words because they have the same words.
styled = pairs[pairs["tfidf_cosine"] < SAME_TEXT_COSINE].sort_values(["stylometric_delta", "doc_a", "doc_b"], kind="stable").reset_index(drop=True)
pair_scope = "every pair of articles" if all_pairs else f"the {len(pairs):,} candidate pairs (of {candidate.attrs['n_possible']:,} possible)"
candidate_rule = (
    f"each article's {candidates.TOP_K} nearest by TF-IDF cosine, every pair sharing rare word sequences or figures, "
    "and near-duplicates"
)


display(Markdown(
    f"**{len(docs):,} articles**, **{len(tokens):,} body words** ({tokens['is_content'].sum():,} content words after "
    f"removing scikit-learn's {len(similarity.STOPWORDS)} English stopwords). Implementations: TF-IDF from scikit-learn "
    f"{version('scikit-learn')}; sentences from spaCy {version('spacy')}'s sentencizer; tone from VADER "
    f"(vaderSentiment {version('vaderSentiment')}); MinHash LSH from datasketch {version('datasketch')}."
    + ("" if all_pairs else
       f"\n\n**{len(docs):,} articles make {candidate.attrs['n_possible']:,} pairs**, too many to align passage by passage, "
       f"so every comparison of two articles below (shared words, passages, actors, facts, style) runs on "
       f"**{len(candidate):,} candidate pairs**: each article's {candidates.TOP_K} nearest by TF-IDF cosine "
       f"({candidate['nearest'].sum():,} pairs), pairs sharing at least {candidates.MIN_SHARED_SHINGLES} word sequences of "
       f"{candidates.SHINGLE_WORDS} that at most {candidates.MAX_SHINGLE_DOCS} articles use "
       f"({(candidate['shared_shingles'] >= candidates.MIN_SHARED_SHINGLES).sum():,}), pairs stating a figure that at most "
       f"{candidates.MAX_QUANTITY_DOCS} articles state ({(candidate['shared_quantities'] > 0).sum():,}) and near-duplicates by "
       f"MinHash LSH ({candidate['near_duplicate'].sum():,}). What this misses against an all-pairs run was measured on the BBC "
       "articles (docstring of `analysis/overlap/candidates.py`, checked by `tests/overlap/test_candidates.py`). Pair tables here and in the "
       "CSV exports hold candidate pairs only.")
))
article_list = pd.DataFrame({"article": [labels[d] for d in docs["doc_id"]], "doc_id": docs["doc_id"], "title": titles.to_numpy()})
listed_articles = article_list.head(limits.MAX_ARTICLES) if not small else article_list
if len(listed_articles) < len(article_list):
    display(Markdown(limits.selection_note(len(listed_articles), len(article_list), "articles", "first in file order", "corpus.csv")
                     + " Notebook 00 writes that table."))
show.show(present.left_aligned(show.frame_html(listed_articles, caption="The articles and the short labels used in the figures.")))

# %% [markdown]
# ## What overlaps and what does not

# %%
if len(pairs):
    closest = pairs.loc[pairs["tfidf_cosine"].idxmax()]
    farthest = pairs.loc[pairs["tfidf_cosine"].idxmin()]
    top_share = terms.loc[terms["share_of_cosine"].idxmax()]
    top_word_pair = (
        f"{show.markdown_text(labels[top_share['doc_a']])} & {show.markdown_text(labels[top_share['doc_b']])}, where *{show.markdown_text(top_share['term'])}* alone carries "
        f"{top_share['share_of_cosine']:.0%} of the cosine"
    )
    closest_words = terms[(terms["doc_a"] == closest["doc_a"]) & (terms["doc_b"] == closest["doc_b"])]["term"].head(5)
    everywhere = [actor for actor in entity_counts.columns if (entity_counts[actor] > 0).all()]
    n_claims = shared_claims["claim_id"].nunique()
    claim_texts = [
        " ~ ".join(group["quantity"].str.replace(r" \(.*$", "", regex=True).head(4)) + (" ~ …" if len(group) > 4 else "")
        for _, group in shared_claims.groupby("claim_id", sort=False)
    ]
    claim_list = "; ".join(map(show.markdown_text, claim_texts[:5])) + ("; …" if len(claim_texts) > 5 else "") if claim_texts else "none"
    display(Markdown(
        f"- **Vocabulary:** the closest pair is **{show.markdown_text(labels[closest['doc_a']])}** and **{show.markdown_text(labels[closest['doc_b']])}** "
        f"(TF-IDF cosine {closest['tfidf_cosine']:.2f}, mostly through *{', '.join(map(show.markdown_text, closest_words))}*); the "
        f"{'farthest' if all_pairs else 'least similar of the candidate pairs'} is "
        f"{show.markdown_text(labels[farthest['doc_a']])} and {show.markdown_text(labels[farthest['doc_b']])} ({farthest['tfidf_cosine']:.2f}). "
        f"The pair whose similarity rests most on one word is {top_word_pair}.\n"
        f"- **Phrases and passages:** {len(ngrams):,} phrases of two or more content words recur across articles, "
        f"{(ngrams['n_docs'] >= 3).sum():,} of them in three or more; "
        + (f"**{len(passages):,} passage(s)** of at least {MIN_PASSAGE_WORDS} identical aligned words are reused."
           if len(passages) else
           f"**no passage** of {MIN_PASSAGE_WORDS} or more aligned words is shared by any two articles: no sign of copied text.")
        + "\n"
        f"- **Entities:** {len(everywhere)} actor(s) appear in every article ({', '.join(map(show.markdown_text, everywhere)) or 'none'}); "
        f"{(entity_counts > 0).sum().eq(1).sum()} of {entity_counts.shape[1]} actors are named by one article only.\n"
        f"- **Claims:** {n_claims:,} fact(s) with a number are stated by more than one article "
        f"({claim_list}).\n"
        + (f"- **Style:** the two articles closest in function-word use are {show.markdown_text(labels[styled['doc_a'].iloc[0]])} and "
           f"{show.markdown_text(labels[styled['doc_b'].iloc[0]])} (Burrows' Delta {styled['stylometric_delta'].iloc[0]:.2f} over {DELTA_WORDS} words"
           + (f", leaving out {len(pairs) - len(styled):,} pairs with near-identical vocabularies" if len(styled) < len(pairs) else "")
           + ") — a hint, not an attribution (see the caveat below)." if len(styled) else "")
    ))
    shown = present.first_rows(pairs, "tfidf_cosine")
    if len(shown) < len(pairs):
        display(Markdown(limits.selection_note(len(shown), len(pairs), "pairs" if all_pairs else "candidate pairs", "with the highest TF-IDF cosine", "overlap_pairs.csv")))
    shown = shown.sort_values("tfidf_cosine", ascending=False)
    shown = shown.assign(doc_a=shown["doc_a"].map(labels), doc_b=shown["doc_b"].map(labels)).round(3)
    show.show(present.left_aligned(show.frame_html(shown, caption="One row per pair of articles (exported as tables/overlap_pairs.csv).")))
else:
    display(Markdown("The corpus has a single article, so there is nothing to compare."))

# %%
if len(pairs) and small:
    display(Markdown(
        f"## The closest vocabularies: {show.markdown_text(labels[closest['doc_a']])} and {show.markdown_text(labels[closest['doc_b']])} "
        f"(cosine {closest['tfidf_cosine']:.2f})\n\n"
        f"Darker cells are pairs that use the same content words with similar weight (cosine of TF-IDF vectors; 1 would be the "
        f"same vocabulary). All values lie between {pairs['tfidf_cosine'].min():.2f} and {pairs['tfidf_cosine'].max():.2f}: "
        "the articles share a subject, not a text. The table under the map lists the words that make each value."
    ))
    values = cosine.rename(index=labels, columns=lambda doc_id: present.label_number(labels[doc_id]))
    fig, ax = plt.subplots(figsize=(max(7.5, 0.5 * len(values) + 4), max(5.2, 0.4 * len(values) + 2)))
    sns.heatmap(values, mask=np.eye(len(values), dtype=bool), annot=True, fmt=".2f", cmap="Blues", vmin=0,
                vmax=max(0.5, float(pairs["tfidf_cosine"].max())), square=True, cbar_kws={"label": "TF-IDF cosine"}, ax=ax,
                annot_kws={} if len(values) <= 10 else {"fontsize": 7})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title("How similar the articles' vocabularies are")
    plt.tight_layout()
    plt.show()
elif len(pairs):
    high, very_high = (pairs["tfidf_cosine"] >= 0.5).sum(), (pairs["tfidf_cosine"] >= 0.9).sum()
    display(Markdown(
        f"## The closest vocabularies: {show.markdown_text(labels[closest['doc_a']])} and {show.markdown_text(labels[closest['doc_b']])} "
        f"(cosine {closest['tfidf_cosine']:.2f})\n\n"
        f"With {len(docs):,} articles a heatmap of every pair would have {len(docs) ** 2:,} cells, so here is how the cosines "
        f"of the {len(pairs):,} candidate pairs are spread (1 would be the same vocabulary): the median is "
        f"{pairs['tfidf_cosine'].median():.2f}, {high:,} pairs reach 0.5 and {very_high:,} reach 0.9 — those share a text, "
        "not just a subject (the bars are on a log scale so that the few near-identical pairs show). The most similar pairs "
        "are in the table above, the words behind them in the table below."
    ))
    fig, ax = plt.subplots(figsize=(9, 3.6))
    ax.hist(pairs["tfidf_cosine"], bins=50, range=(0, 1), color="#4C72B0")
    ax.set_yscale("log")  # the few near-identical pairs would vanish beside the thousands of distant ones
    ax.set_xlabel("TF-IDF cosine of a candidate pair")
    ax.set_ylabel("pairs (log scale)")
    ax.set_title("How similar the candidate pairs' vocabularies are")
    plt.tight_layout()
    plt.show()

# %%
if len(pairs):
    display(Markdown(
        "A cosine is a sum over shared words of the product of their weights, so each word's share of the sum is exact. "
        "Read a pair's row to see what it has in common: the top words and the share of the similarity each carries."
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
    behind = behind.assign(doc_a=behind["doc_a"].map(labels), doc_b=behind["doc_b"].map(labels), tfidf_cosine=behind["tfidf_cosine"].round(3))
    show.show(present.left_aligned(show.frame_html(behind[["doc_a", "doc_b", "tfidf_cosine", "word"]].rename(columns={"word": "shared words (share of the cosine)"}))))

# %%
top_keys = key_terms.groupby("doc_id").head(8)
if len(top_keys):
    strongest_of = key_terms.groupby("doc_id", as_index=False)["log_likelihood"].max()
    drawn = limits.select(strongest_of, len(docs), "log_likelihood")  # the articles whose strongest word stands out most
    top_keys = top_keys[top_keys["doc_id"].isin(drawn["doc_id"])]
    n_panels = top_keys["doc_id"].nunique()
    strongest = key_terms.loc[key_terms["log_likelihood"].idxmax()]
    display(Markdown(
        f"What each article talks about that the others do not: words it uses significantly more than the rest of the corpus "
        f"(log-likelihood G² ≥ 3.84, p < 0.05; at least 3 uses; stopwords excluded). Longer bars are more distinctive; the "
        f"label gives the uses here and in all other articles. The strongest is *{show.markdown_text(strongest['term'])}* in {show.markdown_text(labels[strongest['doc_id']])} "
        f"({strongest['count']} uses against {strongest['count_rest']} elsewhere)."
        + (" " + limits.selection_note(len(drawn), len(strongest_of), "articles", "whose most distinctive word stands out most", None)
           + " `overlap.keyness(tokens)` lists every article's words." if len(drawn) < len(strongest_of) else "")
    ))
    columns = min(n_panels, 3)
    rows = int(np.ceil(n_panels / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 3.3 * rows), squeeze=False)
    for ax, (doc_id, group) in zip(axes.flat, top_keys.groupby("doc_id")):
        group = group.iloc[::-1]
        ax.barh(group["term"], group["log_likelihood"], color="#4C72B0")
        for y, (g2, count, rest) in enumerate(zip(group["log_likelihood"], group["count"], group["count_rest"])):
            ax.text(g2, y, f" {count} vs {rest}", va="center", fontsize=8)
        ax.set_title(labels[doc_id], fontsize=10)
        ax.set_xlim(0, group["log_likelihood"].max() * 1.45)
        ax.set_xlabel("log-likelihood G²", fontsize=9)
        ax.tick_params(axis="y", labelsize=10)
    for ax in list(axes.flat)[n_panels:]:
        ax.axis("off")
    fig.suptitle("Each article's most distinctive words", y=1.0)
    plt.tight_layout()
    plt.show()

# %%
display(Markdown(
    f"## {len(ngrams):,} shared phrases, "
    + (f"{len(passages):,} reused passage(s)" if len(passages) else "no reused passage")
))
if len(ngrams):
    display(Markdown(
        f"**{len(ngrams):,} phrases** recur in two or more articles (runs of words with no punctuation between them, starting "
        "and ending with a content word; a phrase is listed once, in its longest shared form). The most widely shared, "
        "with the number of articles using them: "
        + ", ".join(f"*{show.markdown_text(g)}* ({n})" for g, n in ngrams[["ngram", "n_docs"]].head(5).itertuples(index=False))
        + ". Names and stock phrases of a shared subject recur without any copying; a copied passage shows up in the "
        "alignment below instead."
    ))
    listed = ngrams.head(limits.MAX_ROWS).assign(
        articles=lambda t: t["docs"].map(lambda ids: present.names_list([present.label_number(labels[i]) for i in ids])))
    if len(listed) < len(ngrams):
        display(Markdown(limits.selection_note(len(listed), len(ngrams), "phrases", "shared most widely", None)
                         + " `overlap.shared_ngrams(tokens)` lists them all."))
    show.show(present.left_aligned(show.frame_html(listed[["ngram", "n", "n_docs", "articles", "count"]], caption="Shared phrases, most widely shared first (normalised: lower case, possessive 's dropped).")))
    example = ngrams[ngrams["n_docs"].eq(2)].head(3)["ngram"]
    places = ngram_places[ngram_places["ngram"].isin(example)]
    show.show(show.kwic_html(show.kwic_table(places, raw_by_doc, width=70), caption="Three two-article phrases in context, straight from the raw text."))
else:
    display(Markdown("No phrase of two or more content words recurs across the articles."))

# %%
display(Markdown(
    f"Passage reuse is checked by local alignment (seed-and-extend Smith–Waterman over the words, so a lightly edited or "
    f"moved passage is still found). **{len(passages):,}** passage(s) reach {MIN_PASSAGE_WORDS} identical aligned words. "
    + ("The closest alignments below that bar (at least four identical words) are shown side by side so the reader "
       "can judge what they are." if passages.empty and len(alignments) else "")
    + (f"They come from {passages[['doc_a', 'doc_b']].drop_duplicates().shape[0]:,} pairs of articles; the five best-scoring "
       f"are shown side by side and `tables/shared_passages.csv` holds all {len(passages):,}." if len(passages) > 5 else "")
    + ("" if all_pairs else f" Alignments were run on {pair_scope}: {candidate_rule}.")
))
for row in (passages if len(passages) else alignments).head(5).itertuples(index=False):
    left = present.passage_html(raw_by_doc[row.doc_a], row.a_start, row.a_end, MAX_EXCERPT)
    right = present.passage_html(raw_by_doc[row.doc_b], row.b_start, row.b_end, MAX_EXCERPT)
    show.show(present.side_by_side([
        (f"{labels[row.doc_a]} [{row.a_start}:{row.a_end}]", left),
        (f"{labels[row.doc_b]} [{row.b_start}:{row.b_end}] — {row.matched_words} matching words, score {row.score}", right),
    ]))

# %%
if entity_counts.shape[1]:
    named_by = (entity_counts > 0).sum()
    everywhere = list(named_by.index[named_by.eq(len(docs))])
    display(Markdown(
        f"## {'Every article names ' + ', '.join(map(show.markdown_text, everywhere)) if everywhere else 'No actor is named by every article'}; "
        f"{named_by.eq(1).sum()} of {len(named_by)} actors are named by one article only\n\n"
        + (f"Each cell counts how often an article names an actor, after folding aliases onto one name with the shared gazetteer "
           f"(`analysis/data/actors.csv`: *Garabagh* and *Karabakh* are Nagorno-Karabakh, *Baku* is Azerbaijan, *Washington* and "
           f"*U.S.* the United States). Read across a row to see who discusses an actor; the top rows are named by every article. "
           f"{(named_by >= 2).sum()} actors are named by two or more articles, {(named_by == 1).sum()} by one only."
           if small else
           f"Actors come from the shared gazetteer (`analysis/data/actors.csv`), aliases folded onto one name. "
           f"{(named_by >= 2).sum()} actors are named by two or more of the {len(docs):,} articles, {(named_by == 1).sum()} by "
           f"one only. An article × actor heatmap would have {entity_counts.size:,} cells, so the bars show how many articles "
           f"name each of the {min(30, len(named_by))} most widely named actors.")
    ))
if entity_counts.shape[1] and not small:
    widest = named_by.sort_values(ascending=False).head(30).iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, 0.28 * len(widest) + 1.4))
    ax.barh(widest.index, widest.to_numpy(), color="#55A868")
    ax.set_xlabel(f"articles naming the actor (of {len(docs):,})")
    ax.set_title("The most widely named actors")
    plt.tight_layout()
    plt.show()
elif entity_counts.shape[1]:
    matrix = entity_counts.T.rename(columns=labels)
    fig, ax = plt.subplots(figsize=(3.5 + 1.25 * matrix.shape[1], 0.32 * len(matrix) + 3.2))
    sns.heatmap(matrix, annot=True, fmt="d", cmap="Greens", cbar=False, linewidths=0.5, linecolor="white",
                mask=matrix.eq(0), ax=ax, annot_kws={"fontsize": 8})
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.xaxis.tick_top()
    plt.xticks(rotation=30, ha="left", fontsize=9)
    plt.yticks(fontsize=9)
    ax.set_title("Mentions of each actor, by article (empty = not named)", pad=70)
    plt.tight_layout()
    plt.show()

# %%
if entity_counts.shape[1] and len(pairs) and small:
    shared_actors = [actor for actor in entity_counts.columns if (entity_counts[actor] > 0).sum() >= 2]
    display(Markdown(
        "Who mentions whom: each line joins an article (left) to an actor it names that at least one other article names too "
        "(right); the thicker the line, the more mentions. Actors only one article names are listed under the figure — they "
        "are where the articles part ways."
    ))
    fig, ax = plt.subplots(figsize=(10, max(4.5, 0.3 * len(shared_actors) + 1.5)))
    doc_order = list(entity_counts.index)
    doc_y = {doc: 1 - i / max(1, len(doc_order) - 1) for i, doc in enumerate(doc_order)}
    actor_y = {actor: 1 - i / max(1, len(shared_actors) - 1) for i, actor in enumerate(shared_actors)}
    colours = dict(zip(doc_order, sns.color_palette("colorblind", len(doc_order))))
    for doc in doc_order:
        for actor in shared_actors:
            count = entity_counts.at[doc, actor]
            if count:
                ax.plot([0, 1], [doc_y[doc], actor_y[actor]], color=colours[doc], alpha=0.55, linewidth=0.6 + 1.6 * np.log1p(count))
        ax.text(-0.02, doc_y[doc], labels[doc], ha="right", va="center", fontsize=9, color=colours[doc], fontweight="bold")
    for actor in shared_actors:
        ax.text(1.02, actor_y[actor], f"{actor} ({(entity_counts[actor] > 0).sum():,} articles)", ha="left", va="center", fontsize=9)
    ax.set_xlim(-0.9, 1.6)
    ax.set_ylim(-0.05, 1.05)
    ax.axis("off")
    ax.set_title("Who mentions whom: articles and the actors they share")
    plt.tight_layout()
    plt.show()
    only_one = entity_counts.loc[:, (entity_counts > 0).sum().eq(1)]
    alone = pd.DataFrame({
        "article": [labels[doc] for doc in only_one.index],
        "actors only this article names": [", ".join(only_one.columns[only_one.loc[doc] > 0]) for doc in only_one.index],
    })
    show.show(present.left_aligned(show.frame_html(alone)))
elif entity_counts.shape[1] and len(pairs):
    only_one = entity_counts.loc[:, (entity_counts > 0).sum().eq(1)]
    solo = only_one.gt(0).sum(axis=1).sort_values(ascending=False, kind="stable")
    solo = solo[solo > 0]
    display(Markdown(
        f"Where the articles part ways: {only_one.shape[1]} actors are named by one article only, spread over "
        f"{len(solo):,} articles. "
        + limits.selection_note(min(len(solo), limits.MAX_ARTICLES), len(solo), "articles", "naming the most of them", None)
    ))
    alone = pd.DataFrame({
        "article": [labels[doc] for doc in solo.index[:limits.MAX_ARTICLES]],
        "actors only this article names": [", ".join(only_one.columns[only_one.loc[doc] > 0]) for doc in solo.index[:limits.MAX_ARTICLES]],
    })
    show.show(present.left_aligned(show.frame_html(alone)))

# %%
opposite = claims.opposite_framings(quantities, claim_matches)
n_claims = shared_claims["claim_id"].nunique()
display(Markdown(
    f"## {n_claims:,} fact(s) recur across articles; "
    f"{opposite[['mention_a', 'mention_b']].drop_duplicates().shape[0]:,} pair(s) of statements frame one in opposite ways"
))
if len(shared_claims):
    display(Markdown(
        f"Statements with a quantity (a share, a count, a sum; a bare year is no claim) are matched across articles when the quantities agree "
        f"as intervals (*about 40 percent* is 36–44 %, *a significant portion* 10–100 %, *more than half* 50–100 %; one fact's "
        f"statements must all admit one value) and the subject agrees (an actor in common when both name actors, at least two shared "
        f"subject words or actors, and the same measured thing — *of oil* is not *of weapons*). "
        f"**{n_claims:,} fact(s)** recur across articles; {len(quantities):,} quantities were read in all. "
        f"Each row below is one fact, each column one article's sentence, the quantity highlighted; the framing is the "
        f"sentence's stance toward the actor named nearest the quantity (the stance model of notebook 02: favourable = positive, "
        f"critical = negative), with the words that carry it."
        + ("" if all_pairs else f" Statements were matched within {pair_scope}: {candidate_rule}.")
    ))
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
            toward = f" toward {row.framing_actor}" if row.framing_actor else ""
            why = f" — {row.framing_evidence}" if row.framing_evidence else ""
            cells.append((f"{labels[row.doc_id]} — {row.framing}{toward} ({row.tone:+.2f}){why}",
                          present.excerpt_html(raw_by_doc[row.doc_id], row.start, row.end, spans, label=row.quantity)))
        more = f" (the first {MAX_STATEMENTS} of {len(rows):,} statements are shown)" if len(cells) < len(rows) else ""
        display(Markdown(f"**{show.markdown_text(claim_id)}** · {rows['kind'].iloc[0]}: " + " ~ ".join(f"*{show.markdown_text(q)}*" for q in rows["quantity_text"].head(len(cells))) + more))
        show.show(present.side_by_side(cells))
    if len(opposite):
        display(Markdown(
            f"**{len(opposite):,} pair(s) of statements** take opposite stances toward the subject of one fact; each pair below "
            "side by side, with the words that carry each stance (their weight toward positive in brackets)."
        ))
        for row in opposite.head(limits.MAX_ARTICLES).itertuples(index=False):
            sides = []
            for mention, text, framing, value, evidence in ((row.mention_a, row.text_a, row.framing_a, row.tone_a, row.evidence_a),
                                                             (row.mention_b, row.text_b, row.framing_b, row.tone_b, row.evidence_b)):
                record = quantities.set_index("mention_id").loc[mention]
                spans = pd.DataFrame({"start": [record["q_start"]], "end": [record["q_end"]]})
                sides.append((f"{labels[record['doc_id']]} — {framing} toward {row.actor} ({value:+.2f}): {evidence}",
                              present.excerpt_html(raw_by_doc[record["doc_id"]], record["start"], record["end"], spans, label=record["quantity"])))
            show.show(present.side_by_side(sides))
    else:
        display(Markdown("No fact is stated with a positive stance toward its subject in one article and a negative one in another."))
else:
    display(Markdown("No statement with a quantity recurs across the articles."))

# %%
if len(docs) >= 3 and len(styled) >= 2:
    by_size = stylometry.delta_pairs(tokens, pairs=styled)
    stability = stylometry.ranking_stability(by_size, reference=DELTA_WORDS)
    ranked = styled
    first = ranked.iloc[0]
    first_key = f"{first['doc_a']} & {first['doc_b']}"
    held = stability["closest_pair"].eq(first_key)
    display(Markdown(
        f"## Same-author hints: {show.markdown_text(labels[first['doc_a']])} and {show.markdown_text(labels[first['doc_b']])} are closest in style at "
        f"{held.sum()} of {len(stability)} word-list sizes\n\n"
        f"**Caveat first.** Burrows' Delta compares how often texts use the most frequent function words (*the, of, which, "
        f"however* …), which authors choose without thinking about the topic. It was designed for texts of thousands of words "
        f"and for choosing among known candidates. These are {len(docs):,} articles of {tokens.groupby('doc_id').size().min():,}–"
        f"{tokens.groupby('doc_id').size().max():,} words, and each word's z-score rests on {len(docs):,} values, so a small "
        f"Delta says *read these two side by side*, never *same author*.\n\n"
        f"At {DELTA_WORDS} words, the closest pair is **{show.markdown_text(labels[first['doc_a']])}** and **{show.markdown_text(labels[first['doc_b']])}** "
        f"(Delta {first['stylometric_delta']:.2f}; next comes {ranked.iloc[1]['stylometric_delta']:.2f}). "
        f"It stays closest at {held.sum()} of {len(stability)} word-list sizes "
        f"({', '.join(str(n) for n in stability.loc[held, 'n_words'])} words)"
        + (f"; at {', '.join(str(n) for n in stability.loc[~held, 'n_words'])} words another pair overtakes it." if (~held).any() else ".")
        + " The chart follows each pair's rank as the list grows: flat lines are a stable ranking, crossing lines are not."
        + ("" if all_pairs else f" Pairs are ranked among {pair_scope}.")
        + (f" {len(pairs) - len(ranked):,} pairs with near-identical vocabularies (TF-IDF cosine ≥ {SAME_TEXT_COSINE}: one text "
           "filed twice) are left out: their function words agree because all their words do." if len(ranked) < len(pairs) else "")
    ))
    drawn = present.first_rows(ranked, "stylometric_delta", ascending=True, limit=limits.MAX_ARTICLES).sort_values("stylometric_delta", kind="stable")
    if len(drawn) < len(ranked):
        display(Markdown(limits.selection_note(len(drawn), len(ranked), "pairs", "most alike in style", "overlap_pairs.csv")))
    drawn_keys = set(drawn["doc_a"] + " & " + drawn["doc_b"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 0.45 * len(drawn) + 2.2), gridspec_kw={"width_ratios": [1, 1.2]})
    names = [f"{present.label_number(labels[a])} & {present.label_number(labels[b])}" for a, b in zip(drawn["doc_a"], drawn["doc_b"])]
    left.barh(names[::-1], drawn["stylometric_delta"].iloc[::-1], color="#8172B3")
    left.set_xlabel(f"Burrows' Delta over {DELTA_WORDS} function words (smaller = more alike)")
    left.set_title("Pairs ranked by style distance")
    size_keys = by_size.assign(key=by_size["doc_a"] + " & " + by_size["doc_b"])
    for pair_key, group in size_keys[size_keys["key"].isin(drawn_keys)].groupby("key"):
        a, b = pair_key.split(" & ")
        name = f"{present.label_number(labels[a])} & {present.label_number(labels[b])}"
        highlighted = pair_key == first_key
        right.plot(group["n_words"], group["rank"], marker="o", color="#8172B3" if highlighted else "#c8c8c8",
                   linewidth=2.6 if highlighted else 1, zorder=3 if highlighted else 2)
        last = group.iloc[-1]
        if highlighted or len(drawn) == len(ranked):  # with thousands of ranks, labels of the grey lines would pile up
            right.text(last["n_words"] + 2, last["rank"], name, va="center", fontsize=8,
                       color="#4b3f8f" if highlighted else "#777777", fontweight="bold" if highlighted else "normal")
    if len(drawn) < len(ranked):
        right.set_yscale("log")  # ranks run into the thousands; the top ones are what matters
    right.invert_yaxis()
    right.set_xlabel("most frequent function words used")
    right.set_ylabel("rank (1 = most alike)" + (", log scale" if len(drawn) < len(ranked) else ""))
    right.set_title(f"Does the ranking hold as the word list grows? ({present.label_number(labels[first['doc_a']])} & {present.label_number(labels[first['doc_b']])} highlighted)", fontsize=10)
    right.set_xlim(right.get_xlim()[0], right.get_xlim()[1] + 12)
    plt.tight_layout()
    plt.show()
    words = stylometry.delta_contributions(tokens, first["doc_a"], first["doc_b"], DELTA_WORDS)
    alike = words[(np.sign(words["z_a"]) == np.sign(words["z_b"])) & (words[["z_a", "z_b"]].abs().min(axis=1) > 0.5)]
    display(Markdown(
        f"The words behind the closest pair: both depart from the other articles in the same direction on "
        f"{len(alike)} of {len(words)} function words — for instance "
        + ", ".join(f"*{show.markdown_text(w.word)}* ({w.per_1000_a:.1f} and {w.per_1000_b:.1f} per 1,000 words, against {w.per_1000_corpus:.1f} on average)" for w in alike.head(4).itertuples())
        + "."
    ))
    show.show(present.left_aligned(show.frame_html(words.round(2).head(12), caption=f"Function words on which {labels[first['doc_a']]} and {labels[first['doc_b']]} agree most (smallest z-score difference).")))
else:
    display(Markdown(
        "## Same-author hints\n\n"
        + ("Burrows' Delta needs at least three articles (each word's z-score needs a spread)." if len(docs) < 3 else
           f"Fewer than two pairs of different texts to rank: the other pairs have near-identical vocabularies (TF-IDF cosine ≥ {SAME_TEXT_COSINE}).")
    ))

# %%
bbc_dir = config.shared_data_dir() / "bbc"
if not bbc_dir.is_dir():
    display(Markdown(f"## Near-duplicates at scale\n\n*Skipped: the BBC evaluation corpus is not at {show.markdown_code(bbc_dir)} (outside data, see the README).*"))
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
        f"## Near-duplicates at scale: MinHash LSH finds {against_all['true_positives']} of {against_all['true']} "
        f"near-duplicate pairs among {len(bbc):,} BBC articles, with {against_all['false_positives']} false\n\n"
        f"Comparing every pair of a large corpus is quadratic, so near-duplicates are found with MinHash sketches (128 "
        f"permutations) of 5-word shingles and locality-sensitive hashing, and only the pairs LSH proposes are scored exactly. "
        f"On the **{len(bbc):,} BBC articles** (Greene & Cunningham 2006) LSH proposed **{found.attrs['n_candidates']} "
        f"candidate pairs** out of {n_pairs:,}. Against the exact all-pairs check, the pairs it reports at Jaccard ≥ "
        f"{DUPLICATE_THRESHOLD} have **precision {against_all['precision']:.3f} and recall {against_all['recall']:.3f}** "
        f"({against_all['true_positives']} of {against_all['true']} true pairs, {against_all['false_positives']} false). "
        f"Of the **{len(identical):,} byte-identical pairs**, it finds {against_identical['true_positives']} "
        f"(recall {against_identical['recall']:.3f}); the other {len(truth) - len(identical)} true pairs are copies with small "
        f"edits.\n\n"
        + (f"Decoding: {len(fallback)} file(s) are not UTF-8 and were read as Latin-1, as recorded in the `encoding` column: "
           + ", ".join(f"{show.markdown_code(d)} ({show.markdown_text(e)})" for d, e in zip(fallback["doc_id"], fallback["encoding"])) + "."
           if len(fallback) else "Every file is UTF-8.")
    ))
    edited = found[found["jaccard"] < 1.0].head(8)
    first_line = {doc_id: text.strip().splitlines()[0] if text.strip() else "" for doc_id, text in zip(bbc["doc_id"], bbc["text"])}
    show.show(present.left_aligned(show.frame_html(
        edited.assign(title_a=edited["doc_a"].map(first_line), title_b=edited["doc_b"].map(first_line)).round(3),
        caption="Near-duplicates that are not byte-identical (most similar first): the same story re-filed with small edits.",
    )))

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
tables.write_table(
    shared_claims,
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
    },
)
display(Markdown(
    f"Written `tables/overlap_pairs.csv` ({len(pairs):,} rows), `tables/shared_passages.csv` ({len(passages):,} rows) and "
    f"`tables/shared_claims.csv` ({len(shared_claims):,} rows); their column dictionary is on the index page."
))
