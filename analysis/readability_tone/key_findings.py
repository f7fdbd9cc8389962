"""The key findings of the readability and tone report, each a sentence computed from the report's own tables.

Every number comes from the tables the report shows (and exports), formatted as
they show it, so no finding can be contradicted by them, and every finding
changes when the corpus does. A finding is left out when the data do not support
it (fewer than two articles to compare, no actor mentioned often enough).

::

    from analysis.readability_tone import key_findings
    found = key_findings.readability_tone_findings(per_article, summary, by_actor, words, paragraphs, labels, sections)
    show.show(findings.key_findings_html(found))
"""

from __future__ import annotations

import pandas as pd

from analysis.readability_tone import readability, tone
from analysis.report.findings import Finding, bold

#: Section ids a finding links to, by topic (the notebook passes the ids of its headings).
TOPICS = ("readability", "paragraphs", "sentiment", "hedges", "stance")
#: How many of the corpus's most-mentioned actors get a stance finding each.
STANCE_ACTORS = 2
#: Evidence words quoted per end of a stance finding.
QUOTED_WORDS = 2
#: Reading ease below this is "very difficult" (Flesch 1948: college-graduate prose).
VERY_DIFFICULT = 30


def _name(labels: dict[str, str], doc_id: str) -> str:
    return bold(labels.get(doc_id, doc_id))


def _quoted(words: list[str]) -> str:
    return ", ".join(f"“{word}”" for word in words)


def readability_finding(per_article: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """The hardest and the easiest article to read, and how many are very difficult."""
    scored = per_article.dropna(subset=["flesch_reading_ease"])
    if len(scored) < 2:
        return None
    ranked = scored.sort_values(["flesch_reading_ease", "doc_id"], kind="stable")
    hardest, easiest = ranked.iloc[0], ranked.iloc[-1]
    difficult = int(scored["flesch_reading_ease"].lt(VERY_DIFFICULT).sum())
    return Finding(
        f"{_name(labels, hardest['doc_id'])} is the hardest to read (Flesch reading ease {hardest['flesch_reading_ease']:.1f}, "
        f"US school grade {hardest['flesch_kincaid_grade']:.1f}) and {_name(labels, easiest['doc_id'])} the easiest "
        f"({easiest['flesch_reading_ease']:.1f}, grade {easiest['flesch_kincaid_grade']:.1f}); "
        f"**{difficult:,} of {len(scored):,}** score below {VERY_DIFFICULT}, “very difficult”.",
        section, "readability")


def paragraph_finding(paragraphs: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """The hardest paragraph of the corpus, among paragraphs long enough to rank."""
    hardest = readability.hardest_paragraphs(paragraphs)
    if hardest.empty:
        return None
    top = hardest.iloc[0]
    sentences = int(top["sentences"])
    shape = (f"one sentence of {int(top['words']):,} words" if sentences == 1
             else f"{sentences:,} sentences, {top['words_per_sentence']:.0f} words each on average")
    return Finding(
        f"The hardest paragraph ({readability.MIN_PARAGRAPH_WORDS}+ words) is in {_name(labels, top['doc_id'])}: {shape}, "
        f"reading ease **{top['flesch_reading_ease']:.1f}**.", section, "paragraphs")


def _stance_finding(by_actor: pd.DataFrame, words: pd.DataFrame, actor: str, labels: dict[str, str], section: str) -> Finding | None:
    cells = by_actor[by_actor["actor"].eq(actor) & by_actor["n_mentions"].ge(tone.MIN_MENTIONS)]
    if len(cells) < 2:
        return None
    ranked = cells.sort_values(["stance", "doc_id"], kind="stable")
    cold, warm = ranked.iloc[0], ranked.iloc[-1]

    def end(cell, direction: str) -> str:
        quoted = tone.top_evidence_words(words, cell["doc_id"], actor, direction, QUOTED_WORDS)
        because = f"; {_quoted(quoted)}" if quoted else ""
        return f"{round(float(cell['stance']), 2) + 0.0:+.2f} over {int(cell['n_mentions']):,} mentions{because}"

    band = tone.STANCE_BAND
    toward = f"Toward {bold(actor)}, "
    every = (("both" if len(cells) == 2 else f"all {len(cells):,}") + f" articles that name it {tone.MIN_MENTIONS}+ times lean")
    if cold["stance"] >= band:
        text = (f"{toward}{every} for it: {_name(labels, warm['doc_id'])} most ({end(warm, 'for')}), "
                f"{_name(labels, cold['doc_id'])} least ({end(cold, 'for')}).")
    elif warm["stance"] <= -band:
        text = (f"{toward}{every} against it: {_name(labels, cold['doc_id'])} most ({end(cold, 'against')}), "
                f"{_name(labels, warm['doc_id'])} least ({end(warm, 'against')}).")
    else:
        warm_word = "the most favourable" if warm["stance"] >= band else "the least critical, about neutral"
        cold_word = "the most critical" if cold["stance"] <= -band else "the least favourable, about neutral"
        text = (f"{toward}{_name(labels, warm['doc_id'])} is {warm_word} ({end(warm, 'for')}) "
                f"and {_name(labels, cold['doc_id'])} {cold_word} ({end(cold, 'against')}).")
    return Finding(text, section, "stance and its evidence")


def stance_findings(by_actor: pd.DataFrame, words: pd.DataFrame, labels: dict[str, str], section: str,
                    actors: int = STANCE_ACTORS) -> list[Finding]:
    """Per main actor (the most mentioned of the corpus), the most favourable and the most critical article, with their words."""
    if by_actor.empty:
        return []
    totals = by_actor.groupby("actor")["n_mentions"].sum()
    found = []
    for actor in sorted(totals.index, key=lambda a: (-totals[a], a)):
        finding = _stance_finding(by_actor, words, actor, labels, section)
        if finding is not None:
            found.append(finding)
        if len(found) == actors:
            break
    return found


def sentiment_finding(summary: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """The articles with the largest shares of clearly positive and clearly negative sentences (VADER)."""
    if len(summary) < 2:
        return None
    positive = summary.sort_values(["share_clearly_positive", "doc_id"], ascending=[False, True], kind="stable").iloc[0]
    negative = summary.sort_values(["share_clearly_negative", "doc_id"], ascending=[False, True], kind="stable").iloc[0]
    return Finding(
        f"By how its sentences sound (VADER sentiment, not stance), {_name(labels, positive['doc_id'])} is the most positive "
        f"({positive['share_clearly_positive']:.0%} of its sentences clearly positive) and {_name(labels, negative['doc_id'])} "
        f"the most negative ({negative['share_clearly_negative']:.0%} clearly negative).", section, "sentiment")


def hedging_finding(summary: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """The article that hedges most and the one that hedges least, per 1,000 words, and whether hedges outnumber boosters."""
    rated = summary.dropna(subset=["hedges_per_1000_words"])
    if len(rated) < 2:
        return None
    ranked = rated.sort_values(["hedges_per_1000_words", "doc_id"], ascending=[False, True], kind="stable")
    most, least = ranked.iloc[0], ranked.iloc[-1]
    more = int((rated["hedges"] > rated["boosters"]).sum())
    outnumber = ("in every article" if more == len(rated) else f"in {more:,} of {len(rated):,} articles")
    return Finding(
        f"{_name(labels, most['doc_id'])} hedges most (**{most['hedges_per_1000_words']:.1f}** hedges such as “may” or “likely” "
        f"per 1,000 words), {_name(labels, least['doc_id'])} least ({least['hedges_per_1000_words']:.1f}); "
        f"hedges outnumber boosters {outnumber}.", section, "hedges")


def readability_tone_findings(
    per_article: pd.DataFrame,
    summary: pd.DataFrame,
    by_actor: pd.DataFrame,
    words: pd.DataFrame,
    paragraphs: pd.DataFrame,
    labels: dict[str, str],
    sections: dict[str, str],
) -> list[Finding]:
    """The report's key findings, in reading order: readability, stance toward the main actors, sentiment, hedging, the hardest paragraph.

    Parameters
    ----------
    per_article : DataFrame
        :func:`readability.readability` per article.
    summary : DataFrame
        :func:`tone.tone_summary`.
    by_actor, words : DataFrame
        :func:`tone.actor_tone` and :func:`tone.stance_evidence_words`.
    paragraphs : DataFrame
        :func:`readability.paragraph_readability`.
    labels : dict
        ``doc_id -> article label``.
    sections : dict
        ``topic -> section id`` for every topic of :data:`TOPICS`.

    Returns
    -------
    list of Finding
        At most :data:`analysis.report.findings.MOST_FINDINGS`; the ones the data do not support are left out.
    """
    missing = [topic for topic in TOPICS if topic not in sections]
    if missing:
        raise ValueError(f"readability_tone_findings: no section id for {missing}")
    found = [
        readability_finding(per_article, labels, sections["readability"]),
        *stance_findings(by_actor, words, labels, sections["stance"]),
        sentiment_finding(summary, labels, sections["sentiment"]),
        hedging_finding(summary, labels, sections["hedges"]),
        paragraph_finding(paragraphs, labels, sections["paragraphs"]),
    ]
    return [finding for finding in found if finding is not None]
