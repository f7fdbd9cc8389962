"""analysis.provenance.key_findings: the provenance report's findings follow its tables, and its trust box the evaluation."""

from __future__ import annotations

import pandas as pd

from analysis.provenance import attribution, key_findings
from analysis.report import findings


def _documents(outlets, bases, authors=("", "", ""), affiliations=("", "", ""), published=("", "", ""),
               published_bases=("unknown", "unknown", "unknown"), younger=(False, False, False)) -> pd.DataFrame:
    ids = [f"{n:03d}_x" for n in range(len(outlets))]
    return pd.DataFrame({
        "doc_id": ids, "outlet": list(outlets), "outlet_basis": list(bases),
        "author": list(authors), "author_basis": ["stated" if a else "unknown" for a in authors],
        "affiliation": list(affiliations), "affiliation_basis": ["stated" if a else "unknown" for a in affiliations],
        "published": list(published), "published_basis": list(published_bases),
        "capture_not_before": ["2025-04-12"] * len(ids), "furniture_younger": list(younger),
    })


LABELS = {"000_x": "Daily Example (000)", "001_x": "unknown site A (001)", "002_x": "unknown site B (002)"}


def test_the_publisher_finding_counts_named_and_unknown_outlets_by_label():
    documents = _documents(["Daily Example", "", ""], ["stated", "unknown", "unknown"])
    finding = key_findings.publisher_finding(documents, LABELS, "cards")
    assert finding.text.startswith("**1 of 3** articles name their publisher")
    assert "**unknown site A (001)** and **unknown site B (002)**" in finding.text
    assert "000_x" not in finding.text and finding.evidence == "cards"
    every = key_findings.publisher_finding(_documents(["A", "B", "C"], ["stated", "inferred", "stated"]), LABELS, "cards")
    assert "**3 of 3**" in every.text and "1 inferred" in every.text and "never" not in every.text


def test_the_author_finding_names_the_affiliation_when_the_page_states_it():
    documents = _documents(["", "", ""], ["unknown"] * 3, authors=("Ann Lee", "Bo Chan", ""),
                           affiliations=("", "Example University", ""))
    text = key_findings.author_finding(documents, LABELS, "cards").text
    assert text.startswith("**2 of 3** articles name an author; one states the author's affiliation")
    assert "**Bo Chan** (Example University) for unknown site A (001)" in text
    assert "no author on **unknown site B (002)**" in text


def test_the_date_finding_tells_printed_from_inferred_dates_and_a_younger_capture():
    documents = _documents(["", "", ""], ["unknown"] * 3, published=("2026-01-09", "2023-11", ""),
                           published_bases=("stated", "inferred", "unknown"), younger=(False, True, False))
    text = key_findings.date_finding(documents, LABELS, "dates").text
    assert "**1 of 3** pages print a publication date (Daily Example (000): 2026-01-09)" in text
    assert "1 is dated only from events its body mentions, to the month" in text and "1 are" not in text and "1 page gives no date at all" in text
    assert "**unknown site A (001)** is younger than the article (dated up to 2025-04-12)" in text


def _profile(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "n_sentences", "n_named", "n_vague", "share_sourced"])


def test_the_sourcing_finding_ranks_by_share_of_sourced_sentences():
    profile = _profile([("000_x", 10, 1, 3, 0.1), ("001_x", 20, 8, 0, 0.4), ("002_x", 5, 2, 1, 0.2)])
    text = key_findings.sourcing_finding(profile, LABELS, "sourcing").text
    assert text.startswith("**Unknown site A (001)** is the best sourced (**40%** of its sentences carry a source; 8 named and 0 vague)")
    assert "**Daily Example (000)** the least (10%; 1 named and 3 vague)" in text
    assert "1 article cites more vague sources than named ones" in text
    assert key_findings.sourcing_finding(profile.head(1), LABELS, "sourcing") is None


def test_speakers_are_counted_by_name_across_their_rows_on_a_real_ledger():
    text = ('Anna Berg said the plan would work. "We will not stop," Berg said. '
            'Anna Berg told reporters that talks continue. Analysts suggest the plan is late.')
    ledger = attribution.attributions_in_text(text, doc_id="000_x")
    speakers = key_findings.speaker_table(ledger)
    top = speakers.iloc[0]
    assert top["speaker"] == "Anna Berg" and top["attributions"] >= 2 and top["articles"] == 1
    finding = key_findings.speaker_finding(ledger, "ledger")
    assert finding.text.startswith("The most cited named sources are **Anna Berg** (")
    assert "direct quotation" in finding.text


def test_the_signal_finding_names_the_page_with_most_indicators_and_its_indicators():
    rows = [("000_x", s, s != "stale_facts") for s in key_findings.SIGNAL_NAMES]
    rows += [("001_x", s, s == "advertising_markers") for s in key_findings.SIGNAL_NAMES]
    rows += [("002_x", s, False) for s in key_findings.SIGNAL_NAMES]
    signals = pd.DataFrame(rows, columns=["doc_id", "signal", "fired"])
    text = key_findings.signal_finding(signals, LABELS, "signals").text
    assert text.startswith("**Daily Example (000)** shows **4 of 5** template-page indicators (")
    assert "stale facts" not in text.split(";")[0] and "the other pages show at most 1" in text
    none = key_findings.signal_finding(signals.assign(fired=False), LABELS, "signals")
    assert none.text == "No page shows any of the 5 template-page indicators."


def test_the_findings_change_with_the_corpus_and_render_as_the_key_findings_section():
    documents = _documents(["Daily Example", "", ""], ["stated", "unknown", "unknown"], authors=("Ann Lee", "", ""))
    profile = _profile([("000_x", 10, 1, 3, 0.1), ("001_x", 20, 8, 0, 0.4), ("002_x", 5, 2, 1, 0.2)])
    ledger = attribution.attributions_in_text("Anna Berg said the plan would work.", doc_id="000_x")
    signals = pd.DataFrame([("000_x", "advertising_markers", True)], columns=["doc_id", "signal", "fired"])
    found = key_findings.provenance_findings(documents, profile, ledger, signals, LABELS)
    assert 3 <= len(found) <= findings.MOST_FINDINGS
    sections = key_findings.sections()
    assert {f.evidence for f in found} <= set(sections.values())
    html = findings.key_findings_html(found)
    assert html.count("<li>") == len(found) and 'href="#Who-published-and-wrote-each-article"' in html
    renamed = key_findings.provenance_findings(documents.assign(outlet="", outlet_basis="unknown"), profile, ledger, signals, LABELS)
    assert [f.text for f in renamed] != [f.text for f in found]


def test_the_trust_box_uses_the_evaluation_else_the_last_recorded_figures_and_names_unmet_goals():
    dev = {"overall": {"f1": 0.79, "precision": 0.87, "recall": 0.73}, "quotes": {"f1": 0.95},
           "source_accuracy": 0.86, "n_articles": 84}
    rows, caveats = key_findings.trust_rows(key_findings.ledger_figures(dev))
    assert rows[0].measured and rows[0].value == 0.79 and "about **73%**" in rows[0].note
    goals = next(c for c in caveats if c.startswith("**Goals not reached**"))
    assert "F1 0.79 (goal 0.80)" in goals and "source accuracy 0.86 (goal 0.90)" in goals and "quotation" not in goals
    # Just below the goal, the figure keeps a third place rather than rounding up to it.
    close = {**dev, "overall": {**dev["overall"], "f1": 0.7962}}
    goals = next(c for c in key_findings.trust_rows(key_findings.ledger_figures(close))[1] if c.startswith("**Goals"))
    assert "F1 0.796 (goal 0.80)" in goals
    last = {name: {"value": str(value), "measured_on": "2026-12-01"} for name, value in
            (("attribution_f1", 0.81), ("precision", 0.9), ("recall", 0.74), ("source_accuracy", 0.91), ("quotes_f1", 0.94), ("articles", 84))}
    figures = key_findings.ledger_figures(None, last)
    assert figures["measured"] is False and figures["f1"] == 0.81 and figures["articles"] == 84
    rows, caveats = key_findings.trust_rows(figures, {"text_f": {"value": "0.9", "part": "report", "measured_on": "2026-11-30"}})
    box = findings.trust_html(rows, caveats)
    assert "last measured figure" in box and "measured 2026-12-01" in box and "body versus page furniture" in box
    assert not any(c.startswith("**Goals not reached**") for c in caveats)
    empty_rows, _ = key_findings.trust_rows(key_findings.ledger_figures(None, {}))
    assert "not measured" in findings.trust_html(empty_rows)


def test_rows_in_context_carry_their_speaker_and_plain_source_kind():
    raw = {"a": "x " * 40 + 'The minister said "we will stay" on Monday, and left. ' + "y " * 40}
    start = raw["a"].index('"we')
    rows = pd.DataFrame({"doc_id": ["a"], "start": [start], "end": [start + 14], "speaker": ["he"], "speaker_kind": ["other"],
                         "verb": ["said"], "source_resolved": ["The minister"]})
    row = key_findings.in_context(rows, raw, width=30).iloc[0]
    assert row["speaker"] == "The minister" and row["source"] == "a common noun" and row["words"] == '"we will stay"'
    assert row["before"].startswith("…") and row["after"].endswith("…") and "said" in row["before"]


def test_rows_in_context_stop_at_the_lines_around_the_span():
    # A heading and an advertising slot above the paragraph are not its context.
    raw = {"a": "Who Will Pay?\nADVERTISEMENT\nThe minister said \"we will stay\" on Monday.\nRead more\n"}
    start = raw["a"].index('"we')
    rows = pd.DataFrame({"doc_id": ["a"], "start": [start], "end": [start + 14], "speaker": ["The minister"],
                         "speaker_kind": ["other"], "verb": ["said"]})
    row = key_findings.in_context(rows, raw, width=60).iloc[0]
    assert row["before"] == "The minister said" and row["after"] == "on Monday."
