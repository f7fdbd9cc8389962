"""analysis.readability_tone.key_findings: findings computed from the report's tables, left out when unsupported."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.readability_tone import key_findings
from analysis.report import findings

SECTIONS = {topic: f"section-{topic}" for topic in key_findings.TOPICS}
LABELS = {"a": "Paper A (1)", "b": "Paper B (2)", "c": "Paper C (3)"}


def _per_article(ease=(10.0, 45.5, 25.0)):
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "flesch_reading_ease": list(ease), "flesch_kincaid_grade": [16.0, 9.5, 13.0]})


def _summary():
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "share_clearly_positive": [0.1, 0.4, 0.2],
                         "share_clearly_negative": [0.3, 0.05, 0.1], "hedges": [5, 9, 1], "boosters": [2, 3, 2],
                         "hedges_per_1000_words": [5.0, 12.34, 1.0]})


def _cells(*rows):
    return pd.DataFrame(rows, columns=["doc_id", "actor", "n_mentions", "stance"])


WORDS = pd.DataFrame({"doc_id": ["a", "b"], "actor": ["Iran", "Iran"], "word": ["praised", "condemned"],
                      "direction": ["for", "against"], "contribution": [1.2, -2.0], "sentences": [2, 3]})


def test_readability_names_the_hardest_and_easiest_with_the_table_figures():
    found = key_findings.readability_finding(_per_article(), LABELS, "r")
    assert found.text.startswith("**Paper A (1)** is the hardest to read (Flesch reading ease 10.0, US school grade 16.0)")
    assert "**Paper B (2)** the easiest (45.5, grade 9.5)" in found.text and "**2 of 3** score below 30" in found.text
    assert found.evidence == "r"
    assert key_findings.readability_finding(_per_article().head(1), LABELS, "r") is None


def test_stance_compares_the_ends_and_quotes_the_words_that_moved_them():
    by_actor = _cells(("a", "Iran", 5, 0.42), ("b", "Iran", 4, -0.31), ("c", "Iran", 2, -0.9))
    (found,) = key_findings.stance_findings(by_actor, WORDS, LABELS, "s")
    # c has only 2 mentions: an anecdote, never the most critical article.
    assert found.text == ("Toward **Iran**, **Paper A (1)** is the most favourable (+0.42 over 5 mentions; “praised”) "
                          "and **Paper B (2)** the most critical (-0.31 over 4 mentions; “condemned”).")


@pytest.mark.parametrize("stances,expected", [
    ((0.5, 0.2), "Toward **Iran**, both articles that name it 3+ times lean for it: **Paper A (1)** most (+0.50"),
    ((-0.5, -0.2), "Toward **Iran**, both articles that name it 3+ times lean against it: **Paper A (1)** most (-0.50"),
    ((0.05, -0.4), "Toward **Iran**, **Paper A (1)** is the least critical, about neutral (+0.05"),
])
def test_stance_wording_follows_the_signs(stances, expected):
    by_actor = _cells(("a", "Iran", 3, stances[0]), ("b", "Iran", 3, stances[1]))
    (found,) = key_findings.stance_findings(by_actor, WORDS.head(0), LABELS, "s")
    assert found.text.startswith(expected)


def test_stance_needs_two_articles_with_enough_mentions_and_takes_the_most_mentioned_actors():
    by_actor = _cells(("a", "Iran", 9, 0.1), ("b", "Iran", 2, -0.1), ("a", "Turkey", 3, 0.3), ("b", "Turkey", 3, -0.3),
                      ("a", "Gaza", 4, 0.2), ("c", "Gaza", 3, -0.2), ("b", "Oman", 3, 0.5), ("c", "Oman", 3, 0.4),
                      ("c", "Turkey", 1, 0.0))
    found = key_findings.stance_findings(by_actor, WORDS.head(0), LABELS, "s")
    # Iran is the most mentioned but only one article names it 3+ times; Gaza and Turkey (7 each) come next, then Oman (6).
    assert [f.text.split("**")[1] for f in found] == ["Gaza", "Turkey"]
    assert key_findings.stance_findings(by_actor.head(0), WORDS, LABELS, "s") == []


def test_sentiment_and_hedging_name_their_articles():
    sentiment = key_findings.sentiment_finding(_summary(), LABELS, "v")
    assert "**Paper B (2)** is the most positive (40% of its sentences clearly positive)" in sentiment.text
    assert "**Paper A (1)** the most negative (30% clearly negative)" in sentiment.text and "not stance" in sentiment.text
    hedging = key_findings.hedging_finding(_summary(), LABELS, "h")
    assert hedging.text.startswith("**Paper B (2)** hedges most (**12.3** hedges")
    assert "**Paper C (3)** least (1.0); hedges outnumber boosters in 2 of 3 articles." in hedging.text


def test_the_hardest_paragraph_is_never_a_fragment():
    paragraphs = pd.DataFrame({"doc_id": ["a", "a", "b"], "seq": [1, 2, 1], "flesch_reading_ease": [-78.2, -10.0, 5.0],
                               "words": [3, 60, 45], "sentences": [1, 3, 1], "words_per_sentence": [3.0, 20.0, 45.0],
                               "ranked": [False, True, True]})
    found = key_findings.paragraph_finding(paragraphs, LABELS, "p")
    assert found.text == "The hardest paragraph (30+ words) is in **Paper A (1)**: 3 sentences, 20 words each on average, reading ease **-10.0**."


def test_findings_change_with_the_corpus_and_fit_the_findings_box():
    by_actor = _cells(("a", "Iran", 5, 0.42), ("b", "Iran", 4, -0.31))
    paragraphs = pd.DataFrame({"doc_id": ["a"], "seq": [1], "flesch_reading_ease": [-10.0], "words": [60], "sentences": [3],
                               "words_per_sentence": [20.0], "ranked": [True]})
    first = key_findings.readability_tone_findings(_per_article(), _summary(), by_actor, WORDS, paragraphs, LABELS, SECTIONS)
    other = key_findings.readability_tone_findings(_per_article((50.0, 20.0, 25.0)), _summary(), by_actor, WORDS, paragraphs, LABELS, SECTIONS)
    assert findings.FEWEST_FINDINGS <= len(first) <= findings.MOST_FINDINGS
    assert [f.evidence for f in first] == ["section-readability", "section-stance", "section-sentiment", "section-hedges", "section-paragraphs"]
    assert first[0].text != other[0].text and other[0].text.startswith("**Paper B (2)** is the hardest")
    findings.key_findings_html(first)  # within the box's limits
    with pytest.raises(ValueError, match="no section id for"):
        key_findings.readability_tone_findings(_per_article(), _summary(), by_actor, WORDS, paragraphs, LABELS, {})


def test_a_name_with_asterisks_reads_as_itself_in_bold():
    found = key_findings.readability_finding(_per_article(), {"a": "**bold** *site* (1)", "b": "*emphasis* and a_name_"}, "r")
    html = findings.key_findings_html([found])
    assert "<strong>**bold** *site* (1)</strong> is the hardest" in html
    assert "<strong>*emphasis* and a_name_</strong> the easiest" in html
