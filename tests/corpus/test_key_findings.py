"""The corpus report's key findings, computed from constructed corpus and segment tables."""

from __future__ import annotations

import pandas as pd

from analysis.corpus import key_findings
from analysis.report.findings import key_findings_html, section_id

LABELS = {"a": "Harbour Herald (a)", "b": "unknown site A (b)"}


def docs_table(rows):
    return pd.DataFrame(rows, columns=["doc_id", "n_chars", "n_body_chars", "n_furniture_chars"])


def segment_table(rows):
    return pd.DataFrame(rows, columns=["doc_id", "seq", "start", "end", "kind", "label"])


DOCS = docs_table([("a", 1000, 900, 100), ("b", 1000, 500, 500)])
SEGMENTS = segment_table([
    ("a", 0, 0, 60, "furniture", "navigation"),       # first fifth of the page
    ("a", 1, 60, 500, "body", "paragraph"),
    ("a", 2, 500, 550, "furniture", "advertising"),   # mid-page
    ("a", 3, 550, 1000, "body", "heading"),
    ("b", 0, 0, 500, "body", "list_item"),
    ("b", 1, 500, 700, "body", "list_item"),
    ("b", 2, 700, 850, "furniture", "page_tail"),     # starts before the last fifth
    ("b", 3, 850, 1000, "furniture", "page_tail"),    # inside it
])
MEASURED = {"overall": {"segmenter": {"f": 0.8, "body_kept": 0.98, "furniture_cut": 0.68},
                        "trafilatura": {"f": 0.97}, "segmenter (HTML path)": {"f": 0.96}},
            "n_pages": 86, "n_sites": 58}


def test_furniture_positions_mark_only_segments_inside_an_edge_fifth():
    positions = key_findings.furniture_positions(SEGMENTS, DOCS)
    assert positions[["doc_id", "label", "family", "at_edge"]].values.tolist() == [
        ["a", "navigation", "menus and links", True],
        ["a", "advertising", "advertising and pitches", False],
        ["b", "page_tail", "after the article ends", False],
        ["b", "page_tail", "after the article ends", True],
    ]
    assert positions["start_share"].tolist() == [0.0, 0.5, 0.7, 0.85]


def test_an_unknown_furniture_label_is_other():
    assert key_findings.furniture_family("weather_widget") == "other"


def test_findings_name_articles_by_label_and_state_computed_shares():
    cut = key_findings.cut_figures(MEASURED)
    found = key_findings.corpus_findings(DOCS, SEGMENTS, LABELS, cut)
    texts = [finding.text for finding in found]
    assert texts[0].startswith("The corpus holds **2 articles**")
    assert "**2 of 2** carry page furniture" in texts[0]
    assert "from 10% of the page (**Harbour Herald (a)**) to 50% (**unknown site A (b)**)" in texts[0]
    assert texts[1].startswith("**4 segments** (410 characters)")
    assert "most of them after the article ends (2), " in texts[1]
    assert "advertising and pitches (1)" in texts[1] and "menus and links (1)" in texts[1]
    assert texts[2].startswith("**51%** of the furniture's characters")  # 60 + 150 of 410
    assert "**1 heading and 2 list items**" in texts[3] and "**unknown site A (b)** has the most (2)" in texts[3]
    assert "keeps **98%** of the article body and sets aside **68%** of the furniture (F 0.80)" in texts[4]
    assert "not reached yet" in texts[4]
    assert [finding.evidence for finding in found] == [section_id(key_findings.SECTIONS[topic]) for topic in
                                                        ("share", "removed", "position", "structure", "appendix")]
    assert "a)</strong>" in key_findings_html(found)


def test_findings_change_with_the_corpus():
    cut = key_findings.cut_figures(MEASURED)
    one_page = DOCS.iloc[:1]
    found = key_findings.corpus_findings(one_page, SEGMENTS[SEGMENTS["doc_id"].eq("a")], LABELS, cut)
    assert found[0].text == ("The corpus holds **1 article**, each file matching the checksum its manifest records; "
                             "**1 of 1** carry page furniture that every other report leaves out.")
    assert found[1].text.startswith("**2 segments** (110 characters)")


def test_the_furniture_range_is_over_the_pages_that_carry_any():
    docs = docs_table([("a", 1000, 900, 100), ("b", 1000, 500, 500), ("c", 1000, 1000, 0)])
    text = key_findings.corpus_finding(docs, {**LABELS, "c": "unknown site B (c)"}).text
    assert "**2 of 3** carry page furniture" in text
    assert "from 10% of the page (**Harbour Herald (a)**) to 50% (**unknown site A (b)**)" in text


def test_a_corpus_without_furniture_or_structure_leaves_those_findings_out():
    docs = docs_table([("a", 100, 100, 0)])
    segments = segment_table([("a", 0, 0, 100, "body", "paragraph")])
    found = key_findings.corpus_findings(docs, segments, LABELS, key_findings.cut_figures(None, {}))
    assert [finding.evidence for finding in found] == [section_id(key_findings.SECTIONS["share"])]
    assert "**0 of 1** carry page furniture" in found[0].text


def test_without_the_web_pages_the_last_recorded_figures_are_used_and_named_so():
    recorded = {name: {"value": value, "measured_on": "2026-11-30"} for name, value in
                (("text_f", "0.85"), ("body_kept", "0.98"), ("furniture_cut", "0.76"), ("pages", "86"),
                 ("html_f", "0.975"), ("trafilatura_f", "0.978"))}
    cut = key_findings.cut_figures(None, recorded)
    assert (cut["f"], cut["pages"], cut["measured"], cut["measured_on"]) == (0.85, 86, False, "2026-11-30")
    finding = key_findings.evaluation_finding(cut)
    assert "(F 0.85) (last measured 2026-11-30)" in finding.text
    rows, caveats = key_findings.trust_rows(cut)
    assert rows[0].value == 0.85 and rows[0].measured is False and rows[0].goal == key_findings.F_GOAL
    assert rows[0].note.startswith("**Below its goal.**") and "Measured on 2026-11-30." in rows[0].note
    assert "it scores 0.975, beside trafilatura's 0.978" in rows[0].note
    assert len(caveats) == 3


def test_nothing_recorded_gives_no_evaluation_finding_and_an_unmeasured_trust_row():
    cut = key_findings.cut_figures(None, {})
    assert key_findings.evaluation_finding(cut) is None
    rows, _ = key_findings.trust_rows(cut)
    assert rows[0].value is None and "**Below its goal.**" not in rows[0].note


def test_a_goal_met_is_said_to_be_reached():
    cut = key_findings.cut_figures({**MEASURED, "overall": {**MEASURED["overall"],
                                    "segmenter": {"f": 0.93, "body_kept": 0.99, "furniture_cut": 0.88}}})
    assert key_findings.evaluation_finding(cut).text.endswith("its goal is reached.")
