"""analysis.overlap.key_findings: the overlap report's findings follow its tables, and link to its sections."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.corpus import sentences
from analysis.overlap import claims, framing, key_findings, similarity
from analysis.report.findings import MOST_FINDINGS, key_findings_html
from tests import texts

LABELS = {"a": "Daily Post (001)", "b": "unknown site A (002)", "c": "Weekly Star (003)"}
ALIGNMENT_COLUMNS = ["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "text_a", "text_b", "score", "matched_words"]


def _alignments(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=ALIGNMENT_COLUMNS)


def _sentences(**docs: str) -> pd.DataFrame:
    return pd.DataFrame([(doc_id, 0, 0, "paragraph", 0, len(text), text) for doc_id, text in docs.items()],
                        columns=sentences.SENTENCE_COLUMNS)


def test_no_reused_passage_says_nobody_copies_and_quotes_the_nearest_match():
    near = _alignments(("a", 0, 30, "c", 5, 40, "the talks in the capital ended", "the talks in the capital began", 9, 5),
                       ("a", 50, 70, "b", 0, 20, "as the minister said", "as the minister said", 8, 4))
    found = key_findings.reuse_finding(near.iloc[0:0], near, LABELS, min_words=8)
    assert found.text.startswith("**Nobody copies anybody**: no two articles share a passage of 8 or more identical words")
    assert "5 aligned words between Daily Post (001) and Weekly Star (003)" in found.text
    assert "“the talks in the capital ended” and “the talks in the capital began”" in found.text
    assert found.evidence == "Reused-passages"
    # Among candidate pairs only, the report does not claim every pair was looked at.
    partial = key_findings.reuse_finding(near.iloc[0:0], near.iloc[1:], LABELS, 8, compared="the 12 candidate pairs")
    assert partial.text.startswith("**No reused passage**: none of the 12 candidate pairs")
    assert "(“as the minister said” in both)" in partial.text


def test_reused_passages_are_counted_by_pair_and_the_longest_quoted():
    passages = _alignments(("a", 0, 60, "b", 0, 60, "word " * 12, "word " * 12, 24, 12),
                           ("a", 100, 150, "b", 80, 130, "one two three four five six seven eight nine", "x", 18, 9),
                           ("b", 0, 60, "c", 0, 60, "sent to the front at dawn by the general", "y", 16, 8))
    found = key_findings.reuse_finding(passages, passages, LABELS, min_words=8)
    assert found.text.startswith("**3 reused passages** of 8 or more identical words, between 2 pairs of articles")
    assert "the longest (12 words) is shared by Daily Post (001) and unknown site A (002)" in found.text


def _pairs(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["doc_a", "doc_b", "tfidf_cosine", "shared_ngrams", "shared_entities", "stylometric_delta"])


TERMS = pd.DataFrame({"doc_a": ["a", "a", "a"], "doc_b": ["b", "b", "b"], "term": ["oil", "pipeline", "tariff"],
                      "share_of_cosine": [0.5, 0.2, 0.1]})


def test_one_finding_when_the_closest_pair_in_vocabulary_is_also_closest_in_style():
    pairs = _pairs(("a", "b", 0.41, 3, 2, 0.9), ("a", "c", 0.2, 1, 1, 1.2), ("b", "c", 0.25, 2, 1, 1.1))
    styled = pairs.sort_values("stylometric_delta").reset_index(drop=True)
    stability = pd.DataFrame({"n_words": [20, 50, 100], "closest_pair": ["a & b", "a & b", "b & c"]})
    found = key_findings.closeness_findings(pairs, TERMS, styled, stability, LABELS, delta_words=50)
    assert len(found) == 1
    text = found[0].text
    assert text.startswith("**Daily Post (001) and unknown site A (002)** are the closest pair both in vocabulary")
    assert "(TF-IDF cosine 0.41 of a possible 1, mostly through “oil”, “pipeline” and “tariff”)" in text
    assert "Burrows' Delta 0.90 over 50 function words, the smallest at 2 of 3 word-list sizes" in text
    assert "not evidence of one author" in text


def test_two_findings_when_vocabulary_and_style_point_at_different_pairs():
    pairs = _pairs(("a", "b", 0.41, 3, 2, 1.3), ("a", "c", 0.2, 1, 1, 0.7), ("b", "c", 0.25, 2, 1, 1.1))
    styled = pairs.sort_values("stylometric_delta").reset_index(drop=True)
    found = key_findings.closeness_findings(pairs, TERMS, styled, None, LABELS, delta_words=50, all_pairs=False)
    assert [f.evidence for f in found] == ["Closest-vocabularies", "Same-author-hints"]
    assert found[0].text.startswith("**Daily Post (001) and unknown site A (002)** are the closest pair in vocabulary")
    assert "over 50 function words among the pairs compared)" in found[1].text
    assert found[1].text.startswith("In style the closest are **Daily Post (001) and Weekly Star (003)**")


def test_quantity_phrase_keeps_what_the_figure_measures():
    text = "Officials said more than half of Europe's gas imports, by volume, came by sea."
    start = text.index("more than half")
    assert key_findings.quantity_phrase(text, start, start + len("more than half")) == "more than half of Europe's gas imports"
    plain = "Turnout rose to 40 percent."
    assert key_findings.quantity_phrase(plain, plain.index("40"), plain.index(" percent") + 8) == "40 percent"


def test_facts_finding_quotes_the_most_widely_stated_fact_and_claims_no_framing_without_words():
    mentions = claims.quantity_mentions(_sentences(a=texts.OIL_ABOUT, b=texts.OIL_PERCENT, c=texts.OIL_FRACTION))
    matches = claims.match_claims(mentions)
    shared = claims.shared_claims(mentions, matches)
    opposite = framing.opposite_support(claims.opposite_framings(mentions, matches), mentions)
    found = key_findings.facts_finding(shared, mentions, opposite, LABELS)
    assert found.text.startswith("Only **1 fact with a figure** recurs across articles: ")
    for label in LABELS.values():
        assert label in found.text
    assert "No two statements of one fact take opposite stances" in found.text
    # The same fact read as opposite with no evaluative word on one side: stated as the model's reading, not a framing.
    unsupported = pd.DataFrame([{"doc_a": "a", "doc_b": "b", "actor": "Israel", "tone_a": 0.8, "tone_b": -0.9,
                                 "framing_a": "favourable", "framing_b": "critical", "support_a": "welcome",
                                 "support_b": "", "supported": False}])
    hedged = key_findings.facts_finding(shared, mentions, unsupported, LABELS)
    assert ("The stance model reads Daily Post (001) and unknown site A (002) as opposite toward Israel (+0.80 and −0.90), "
            "but no evaluative word carries unknown site A (002)'s reading, so no difference of framing is claimed.") in hedged.text
    supported = unsupported.assign(support_b="reckless", supported=True)
    assert "frame a shared fact in opposite ways with evaluative words behind both" in key_findings.facts_finding(
        shared, mentions, supported, LABELS).text
    nothing = key_findings.facts_finding(shared.iloc[0:0], mentions, unsupported.iloc[0:0], LABELS)
    assert nothing.text.startswith("No fact with a figure")


def test_actors_finding_names_who_everyone_names_and_where_the_rest_concentrate():
    counts = pd.DataFrame({"Azerbaijan": [5, 3, 4], "Iran": [9, 8, 0], "Chile": [0, 0, 2], "Peru": [1, 0, 0]},
                          index=pd.Index(["a", "b", "c"], name="doc_id"))
    text = key_findings.actors_finding(counts, LABELS).text
    assert text.startswith("All 3 articles name **Azerbaijan**; 2 of 4 actors are named by one article only.")
    assert "Besides it, the most named is **Iran** (17 mentions, all of them in Daily Post (001) and unknown site A (002))." in text
    nobody = key_findings.actors_finding(counts.drop(columns="Azerbaijan"), LABELS).text
    assert nobody.startswith("No actor is named by every article; the most widely named, **Iran**, by 2 of 3")
    assert "Besides it, the most named is **Chile**" in nobody


def test_keyness_finding_gives_each_article_its_own_word_in_corpus_order():
    key_terms = pd.DataFrame({"doc_id": ["c", "a", "a", "b"], "term": ["summit", "pipeline", "oil", "ballot"],
                              "log_likelihood": [12.0, 30.0, 8.0, 5.0]})
    text = key_findings.keyness_finding(key_terms, LABELS, ["a", "b", "c"]).text
    assert "“pipeline” in Daily Post (001), “ballot” in unknown site A (002), “summit” in Weekly Star (003)." in text
    few = key_findings.keyness_finding(key_terms[key_terms["doc_id"].ne("b")], LABELS, ["a", "b", "c"]).text
    assert few.endswith("; 1 article no word of its own.")
    assert key_findings.keyness_finding(key_terms.iloc[0:0], LABELS, ["a"]) is None


def test_trust_caveats_say_in_plain_words_what_is_exact_and_what_is_a_hint():
    words = pd.Series({"a": 640, "b": 1210})
    support = pd.DataFrame({"carried": [True, False], "readings": [500, 300], "right": [300, 120], "precision": [0.6, 0.4]})
    caveats = key_findings.trust_caveats(words, support)
    assert "**exact computations, not predictions**" in caveats[0]
    assert "right **60%** of the time (500 readings), one that no evaluative word carries 40% (300)" in caveats[2]
    assert "these 2 articles have 640–1,210 body words" in caveats[3] and "**only a hint**" in caveats[3]
    partial = key_findings.trust_caveats(words, None, compared="the 9 candidate pairs")
    assert "how often" not in partial[2] and partial[-1].startswith("Not every pair was compared: only the 9 candidate pairs")


def _findings(docs, segments, tokens, body):
    from analysis.overlap import candidates, stylometry

    doc_ids = list(docs["doc_id"])
    mentions = claims.quantity_mentions(body)
    pairs_asked = candidates.candidate_pairs(tokens, docs["doc_id"], mentions, top_k=len(doc_ids))
    alignments = similarity.shared_passages(docs, tokens, min_matched_words=4, pairs=pairs_asked)
    entities = similarity.entity_mentions(docs, segments)
    matches = claims.match_claims(mentions, pairs=pairs_asked)
    pairs = similarity.overlap_pairs(pairs_asked, similarity.shared_ngrams(tokens),
                                     similarity.shared_entities(entities, docs["doc_id"], pairs=pairs_asked),
                                     stylometry.pair_deltas(tokens, pairs_asked, 50))
    styled = pairs.sort_values("stylometric_delta").reset_index(drop=True)
    return key_findings.overlap_findings(
        passages=alignments[alignments["matched_words"] >= 8], alignments=alignments, min_words=8, pairs=pairs,
        terms=similarity.shared_terms(tokens, top=8, pairs=pairs_asked), styled=styled, stability=None, delta_words=50,
        shared_claims=claims.shared_claims(mentions, matches), mentions=mentions,
        opposite=framing.opposite_support(claims.opposite_framings(mentions, matches), mentions),
        entity_counts=similarity.entity_matrix(entities, docs["doc_id"]), key_terms=similarity.keyness(tokens),
        labels={doc: f"article {i}" for i, doc in enumerate(doc_ids)}, doc_order=doc_ids)


@pytest.mark.slow
def test_seed_findings_link_to_report_sections_and_change_with_the_corpus(seed_docs, seed_segments):
    tokens = similarity.body_tokens(seed_docs, seed_segments)
    body = sentences.body_sentences(seed_docs)
    found = _findings(seed_docs, seed_segments, tokens, body)
    assert 3 <= len(found) <= MOST_FINDINGS
    anchors = {key_findings.anchor(section) for section in key_findings.SECTIONS}
    assert {f.evidence for f in found} <= anchors
    assert 'id="key-findings"' in key_findings_html(found)
    # Four of the five articles: the findings are recomputed, not written for the seeds.
    fewer = seed_docs[seed_docs["doc_id"] != seed_docs["doc_id"].iloc[2]].reset_index(drop=True)
    fewer_segments = seed_segments[seed_segments["doc_id"].isin(set(fewer["doc_id"]))]
    fewer_tokens = tokens[tokens["doc_id"].isin(set(fewer["doc_id"]))]
    fewer_body = body[body["doc_id"].isin(set(fewer["doc_id"]))]
    assert [f.text for f in _findings(fewer, fewer_segments, fewer_tokens, fewer_body)] != [f.text for f in found]


def test_a_single_article_has_nothing_to_compare():
    empty = pd.DataFrame()
    found = key_findings.overlap_findings(
        passages=empty, alignments=empty, min_words=8, pairs=empty, terms=empty, styled=empty, stability=None, delta_words=50,
        shared_claims=empty, mentions=empty, opposite=empty, entity_counts=empty, key_terms=empty, labels=LABELS, doc_order=["a"])
    assert [f.text for f in found] == ["The corpus has a single article, so there is nothing to compare."]
