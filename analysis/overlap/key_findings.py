"""The overlap report's key findings and caveats, each a sentence computed from its tables.

The report (``notebooks/04_overlap.py``) computes its tables, then opens with
what they say: whether any passage is reused, which pair is closest in
vocabulary and in style, which facts several articles state and whether their
framings differ by their words, which actors everyone names, and what each
article talks about that the others do not. Every number comes from the tables
given; nothing is written for a particular corpus, so the findings change when
the corpus does::

    from analysis.overlap import key_findings
    found = key_findings.overlap_findings(passages=..., alignments=..., pairs=..., ...)
    show.show(findings.key_findings_html(found))

Each :class:`analysis.report.findings.Finding` links to the report section that
holds its evidence; :data:`SECTIONS` are those sections' headings, which the
notebook uses as its headings so the links resolve.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.report.findings import MOST_FINDINGS, Finding, section_id

#: The report's section headings (stable, so that a finding's link keeps resolving).
SECTIONS = {
    "articles": "The articles",
    "passages": "Reused passages",
    "phrases": "Shared phrases",
    "vocabulary": "Closest vocabularies",
    "keyness": "Words that set each article apart",
    "style": "Same-author hints",
    "claims": "Facts stated by more than one article",
    "actors": "Actors the articles name",
    "tables": "Exported tables",
    "methods": "Methods appendix",
}
#: Characters of an article's passage quoted in a finding before it is cut.
QUOTE_CHARS = 90
#: Words after "of" that say what a quantity measures ("more than half *of Israel's oil demand*").
MEASURED_WORDS = 3
_OF_PHRASE = re.compile(r"\s+of\s+((?:[\w’'-]+\s+){0,%d}[\w’'-]+)" % (MEASURED_WORDS - 1))


def anchor(section: str) -> str:
    """The link target of a section of :data:`SECTIONS` (``"passages"`` -> ``"Reused-passages"``)."""
    return section_id(SECTIONS[section])


def quoted(text: str, most: int = QUOTE_CHARS) -> str:
    """``text`` on one line in curly quotes, cut at a space before ``most`` characters (with "…")."""
    flat = " ".join(str(text).split())
    if len(flat) > most:
        cut = flat.rfind(" ", 0, most)
        flat = flat[:cut if cut > 0 else most].rstrip(",;:") + " …"
    return f"“{flat}”"


def names(items: list[str], most: int = 4) -> str:
    """``"A, B and C"``; past ``most`` items ``"A, B, C, D and 3 more"``."""
    items = list(items)
    if len(items) > most:
        return ", ".join(items[:most]) + f" and {len(items) - most:,} more"
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def body_words(sentences: pd.DataFrame) -> pd.Series:
    """``doc_id -> body words``: the one count every report states (:func:`analysis.readability_tone.readability.body_word_counts`)."""
    from analysis.readability_tone.readability import body_word_counts

    return body_word_counts(sentences)


def quantity_phrase(sentence: str, q_start: int, q_end: int) -> str:
    """The quantity as written, with the ``of …`` phrase after it that says what it measures.

    Offsets are into ``sentence``. ``"a significant portion of Israel's oil imports"``
    for the quantity ``a significant portion``; the quantity alone when no ``of`` follows.
    """
    phrase = sentence[q_start:q_end]
    match = _OF_PHRASE.match(sentence, q_end)
    return f"{phrase} of {match.group(1)}" if match else phrase


def reuse_finding(passages: pd.DataFrame, alignments: pd.DataFrame, labels: dict[str, str], min_words: int,
                  compared: str = "") -> Finding:
    """Whether any passage is reused (``passages``: alignments of at least ``min_words`` identical words).

    ``alignments`` are all alignments found (shorter ones too): with no reused
    passage, the closest of them is quoted so the reader sees how far from
    copying the nearest match is. ``compared`` names the pairs compared when
    not every pair was (``"the 204 candidate pairs"``); empty means every pair.
    """
    link = anchor("passages")
    if passages.empty:
        lead = (f"**Nobody copies anybody**: no two articles share a passage of {min_words} or more identical words"
                if not compared else f"**No reused passage**: none of {compared} shares {min_words} or more identical words")
        if alignments.empty:
            return Finding(lead + ", nor even four.", link, "passages")
        best = alignments.sort_values(["matched_words", "score"], ascending=False, kind="stable").iloc[0]
        first, second = quoted(best["text_a"]), quoted(best["text_b"])
        return Finding(
            f"{lead}; the closest match is {best['matched_words']} aligned words between {labels[best['doc_a']]} and "
            f"{labels[best['doc_b']]} ({f'{first} in both' if first == second else f'{first} and {second}'}).", link, "passages")
    n_pairs = passages[["doc_a", "doc_b"]].drop_duplicates().shape[0]
    longest = passages.sort_values(["matched_words", "score"], ascending=False, kind="stable").iloc[0]
    return Finding(
        f"**{len(passages):,} reused passage{'s' if len(passages) != 1 else ''}** of {min_words} or more identical words, "
        f"between {n_pairs:,} pair{'s' if n_pairs != 1 else ''} of articles; the longest ({longest['matched_words']:,} words) "
        f"is shared by {labels[longest['doc_a']]} and {labels[longest['doc_b']]}: {quoted(longest['text_a'])}.",
        link, "passages")


def _pair(row) -> frozenset[str]:
    return frozenset((row["doc_a"], row["doc_b"]))


def closeness_findings(pairs: pd.DataFrame, terms: pd.DataFrame, styled: pd.DataFrame, stability: pd.DataFrame | None,
                       labels: dict[str, str], delta_words: int, all_pairs: bool = True) -> list[Finding]:
    """Which pair is closest in vocabulary (TF-IDF cosine) and which in style (Burrows' Delta): one finding when they agree.

    Parameters
    ----------
    pairs : DataFrame
        :func:`analysis.overlap.similarity.overlap_pairs` (``doc_a, doc_b, tfidf_cosine, …``).
    terms : DataFrame
        :func:`analysis.overlap.similarity.shared_terms` (the words behind each cosine).
    styled : DataFrame
        The pairs ranked for style, smallest ``stylometric_delta`` first (near-identical texts left out).
    stability : DataFrame, optional
        :func:`analysis.overlap.stylometry.ranking_stability` of ``styled``.
    delta_words : int
        Function words behind ``stylometric_delta``.
    all_pairs : bool
        Whether every pair was compared. The closest vocabulary is always among the pairs compared (each
        article's nearest neighbours are), the closest style need not be, so its sentence says so.
    """
    if pairs.empty:
        return []
    closest = pairs.loc[pairs["tfidf_cosine"].idxmax()]
    words = terms[(terms["doc_a"] == closest["doc_a"]) & (terms["doc_b"] == closest["doc_b"])]["term"].head(3)
    vocabulary = (f"vocabulary (TF-IDF cosine {closest['tfidf_cosine']:.2f} of a possible 1"
                  + (f", mostly through {names([quoted(w) for w in words])}" if len(words) else "") + ")")
    found = []
    style = ""
    same = False
    if len(styled):
        first = styled.iloc[0]
        held = ""
        if stability is not None and len(stability):
            kept = int(stability["closest_pair"].eq(f"{first['doc_a']} & {first['doc_b']}").sum())
            held = f", the smallest at {kept} of {len(stability)} word-list sizes"
        among = "" if all_pairs else " among the pairs compared"
        style = (f"style (Burrows' Delta {first['stylometric_delta']:.2f} over {delta_words} function words{held}{among})"
                 " — a reason to read them side by side, not evidence of one author")
        same = _pair(first) == _pair(closest)
    if same:
        found.append(Finding(
            f"**{labels[closest['doc_a']]} and {labels[closest['doc_b']]}** are the closest pair both in {vocabulary} "
            f"and in {style}.", anchor("vocabulary"), "vocabulary"))
        return found
    found.append(Finding(f"**{labels[closest['doc_a']]} and {labels[closest['doc_b']]}** are the closest pair in {vocabulary}.",
                         anchor("vocabulary"), "vocabulary"))
    if style:
        first = styled.iloc[0]
        found.append(Finding(f"In style the closest are **{labels[first['doc_a']]} and {labels[first['doc_b']]}**: {style}.",
                             anchor("style"), "style"))
    return found


def _signed(value: float) -> str:
    return format(value, "+.2f").replace("-", "−")


def facts_finding(shared_claims: pd.DataFrame, mentions: pd.DataFrame, opposite: pd.DataFrame,
                  labels: dict[str, str]) -> Finding:
    """Which facts with a figure several articles state, and whether their framings differ by their words.

    Parameters
    ----------
    shared_claims : DataFrame
        :func:`analysis.overlap.claims.shared_claims`.
    mentions : DataFrame
        :func:`analysis.overlap.claims.quantity_mentions` (for the quantities' offsets).
    opposite : DataFrame
        :func:`analysis.overlap.framing.opposite_support` (opposite readings, with ``supported``).
    """
    link = anchor("claims")
    n_facts = shared_claims["claim_id"].nunique() if len(shared_claims) else 0
    if not n_facts:
        return Finding("No fact with a figure (a share, a count, a sum) is stated by more than one article.", link, "facts")
    stated = shared_claims.merge(mentions[["doc_id", "start", "quantity", "q_start", "q_end", "text"]],
                                 on=["doc_id", "start", "quantity"], suffixes=("", "_mention"))
    spread = stated.groupby("claim_id", sort=False)["doc_id"].nunique()
    order = {claim: i for i, claim in enumerate(stated["claim_id"].drop_duplicates())}
    widest = max(spread.index, key=lambda claim: (spread[claim], -order[claim]))
    statements = stated[stated["claim_id"].eq(widest)].drop_duplicates("doc_id")
    quotes = [f"{quoted(quantity_phrase(row.text, row.q_start - row.start, row.q_end - row.start))} ({labels[row.doc_id]})"
              for row in statements.itertuples(index=False)]
    if n_facts == 1:
        text = f"Only **1 fact with a figure** recurs across articles: {names(quotes, most=3)}."
    else:
        text = (f"**{n_facts:,} facts with a figure** recur across articles; the most widely stated, in {spread[widest]:,} "
                f"articles: {names(quotes, most=3)}.")
    supported = opposite[opposite["supported"]] if len(opposite) else opposite
    if len(supported):
        row = supported.iloc[0]
        text += (f" {len(supported):,} pair{'s' if len(supported) != 1 else ''} of statements frame a shared fact in opposite "
                 f"ways with evaluative words behind both, e.g. toward {row['actor']}: {labels[row['doc_a']]} {row['framing_a']} "
                 f"({quoted(row['support_a'])}), {labels[row['doc_b']]} {row['framing_b']} ({quoted(row['support_b'])}).")
    elif len(opposite):
        row = opposite.iloc[0]
        if len(opposite) == 1:
            bare = [labels[doc] for doc, words in ((row["doc_a"], row["support_a"]), (row["doc_b"], row["support_b"])) if not words]
            text += (f" The stance model reads {labels[row['doc_a']]} and {labels[row['doc_b']]} as opposite toward "
                     f"{row['actor']} ({_signed(row['tone_a'])} and {_signed(row['tone_b'])}), but no evaluative word carries "
                     f"{names(bare)}'s reading, so no difference of framing is claimed.")
        else:
            text += (f" The stance model reads {len(opposite):,} pairs of statements as opposite, but in none do evaluative "
                     "words carry both readings, so no difference of framing is claimed.")
    else:
        text += " No two statements of one fact take opposite stances toward an actor they share."
    return Finding(text, link, "facts")


def actors_finding(entity_counts: pd.DataFrame, labels: dict[str, str]) -> Finding | None:
    """Which actors every article names, how many only one names, and where the most named of the rest is.

    ``entity_counts`` is :func:`analysis.overlap.similarity.entity_matrix` (articles × actors, mentions).
    """
    if entity_counts.empty or not entity_counts.shape[1]:
        return None
    n = len(entity_counts)
    named_by = (entity_counts > 0).sum()
    everywhere = [actor for actor in named_by.index if named_by[actor] == n]
    if everywhere:
        text = (f"All {n:,} articles name **{names(everywhere)}**" if n > 1 else f"The one article names **{names(everywhere)}**")
        named = everywhere
    else:
        widest = named_by.sort_values(ascending=False, kind="stable").index[0]
        text = f"No actor is named by every article; the most widely named, **{widest}**, by {named_by[widest]:,} of {n:,}"
        named = [widest]
    solo = int(named_by.eq(1).sum())
    text += f"; {solo:,} of {len(named_by):,} actors are named by one article only"
    rest = entity_counts.drop(columns=named).sum()
    rest = rest[rest > 0]
    if len(rest) and n > 2:
        actor = rest.sort_values(ascending=False, kind="stable").index[0]
        counts = entity_counts[actor].sort_values(ascending=False, kind="stable")
        top = counts[counts > 0].head(2)
        where = " and ".join(labels[doc] for doc in top.index)
        share = "all" if top.sum() == counts.sum() else f"{top.sum():,}"
        text += (f". Besides {'them' if len(named) > 1 else 'it'}, the most named is **{actor}** ({counts.sum():,} mentions, "
                 f"{share} of them in {where})")
    return Finding(text + ".", anchor("actors"), "actors")


def keyness_finding(key_terms: pd.DataFrame, labels: dict[str, str], doc_order: list[str], most: int = 5) -> Finding | None:
    """Each article's most distinctive word (highest log-likelihood G² against the rest of the corpus).

    With more than ``most`` articles, the ``most`` whose word stands out most are named.
    """
    if key_terms.empty:
        return None
    strongest = key_terms.sort_values("log_likelihood", ascending=False, kind="stable").drop_duplicates("doc_id")
    position = {doc: i for i, doc in enumerate(doc_order)}
    if len(strongest) <= most:
        shown = strongest.sort_values("doc_id", key=lambda ids: ids.map(position), kind="stable")
        lead = "What each article talks about that the others do not, by its most distinctive word"
    else:
        shown = strongest.head(most)
        lead = f"The {most} articles whose own word stands out most"
    parts = [f"{quoted(row.term)} in {labels[row.doc_id]}" for row in shown.itertuples(index=False)]
    left = len(strongest) - len(shown)
    tail = f"; {left:,} more articles have one" if left else ""
    none = len(doc_order) - len(strongest)
    tail += f"; {none:,} article{'s' if none != 1 else ''} no word of {'its' if none == 1 else 'their'} own" if none else ""
    return Finding(f"{lead}: {', '.join(parts)}{tail}.", anchor("keyness"), "distinctive words")


def overlap_findings(*, passages: pd.DataFrame, alignments: pd.DataFrame, min_words: int, pairs: pd.DataFrame,
                     terms: pd.DataFrame, styled: pd.DataFrame, stability: pd.DataFrame | None, delta_words: int,
                     shared_claims: pd.DataFrame, mentions: pd.DataFrame, opposite: pd.DataFrame,
                     entity_counts: pd.DataFrame, key_terms: pd.DataFrame, labels: dict[str, str], doc_order: list[str],
                     compared: str = "") -> list[Finding]:
    """The report's key findings, in reading order (at most :data:`analysis.report.findings.MOST_FINDINGS`).

    The arguments are the tables of the functions above; ``compared`` names the
    pairs compared when not every pair was (empty: every pair). A corpus of one
    article has nothing to compare and gets one finding saying so.
    """
    if len(doc_order) < 2:
        return [Finding("The corpus has a single article, so there is nothing to compare.", anchor("articles"), "the article")]
    found = [reuse_finding(passages, alignments, labels, min_words, compared)]
    found += closeness_findings(pairs, terms, styled, stability, labels, delta_words, all_pairs=not compared)
    found.append(facts_finding(shared_claims, mentions, opposite, labels))
    found += [f for f in (actors_finding(entity_counts, labels), keyness_finding(key_terms, labels, doc_order)) if f]
    return found[:MOST_FINDINGS]


def trust_caveats(body_words: pd.Series, support: pd.DataFrame | None, compared: str = "") -> list[str]:
    """The plain-word caveats of the report's trust box.

    Parameters
    ----------
    body_words : Series
        ``doc_id -> body words`` (:func:`analysis.readability_tone.readability.body_word_counts`).
    support : DataFrame, optional
        :func:`analysis.overlap.framing.support_precision` on NewsMTSC, when the data was there.
    compared : str
        The pairs compared when not every pair was (empty: every pair).
    """
    caveats = [
        "Vocabulary similarity, shared phrases, reused passages and shared actors are **exact computations, not "
        "predictions**: a cosine, the identical words two passages share, the names a list finds. What a figure means — "
        "a shared subject or a copied text — you judge from the words and passages shown beside it.",
        "Which statements state **the same fact** rests on reading quantities (“about 40 percent” is 36–44 %) and "
        "comparing the words around them; this matching has not been scored on annotated data, so every match is shown "
        "with both sentences.",
    ]
    if support is not None and len(support) == 2 and support["readings"].gt(0).all():
        carried = support.set_index("carried")
        caveats.append(
            f"On NewsMTSC, a favourable or critical reading that an evaluative word carries was right "
            f"**{carried.at[True, 'precision']:.0%}** of the time ({carried.at[True, 'readings']:,} readings), one that no "
            f"evaluative word carries {carried.at[False, 'precision']:.0%} ({carried.at[False, 'readings']:,}): this report "
            "claims a difference of framing only when evaluative words carry both readings.")
    else:
        caveats.append("This report claims a difference of framing only when evaluative words (words with a sentiment "
                       "value, outside the figure itself) carry both readings.")
    if len(body_words):
        caveats.append(
            f"Burrows' Delta was designed for texts of thousands of words; these {len(body_words):,} articles have "
            f"{int(body_words.min()):,}–{int(body_words.max()):,} body words, so a same-author hint is **only a hint**: "
            "read the two side by side, never conclude one author.")
    if compared:
        caveats.append(f"Not every pair was compared: only {compared} (nearest neighbours by vocabulary, pairs sharing rare "
                       "word sequences or figures, near-duplicates); a pair outside them is in no pair table.")
    return caveats
