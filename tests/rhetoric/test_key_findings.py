"""analysis.rhetoric.key_findings, judged, charts and the report tables: what report 03 leads with, computed."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import config
from analysis.report import findings
from analysis.rhetoric import charts, detector, judged, key_findings

#: Constructed articles (not the seeds): one argues with loaded words and a credited frame, one is template prose,
#: one is plain.
TEXTS = {
    "a_argues": ("The regime's brutal, catastrophic crackdown shocked the region. Critics call its leaders thugs and traitors. "
                 "What a prominent scholar Jane Roe called “reckless driving” continues: Washington keeps encouraging reckless driving. "
                 "It was a vicious, disgraceful campaign."),
    "b_template": ("This article delves into the complexities of the region. Analysts suggest that the talks may perhaps stall, "
                   "and it appears that leaders are navigating a delicate balance. As the situation continues to evolve, "
                   "it is likely that the parties might possibly agree."),
    "c_plain": "The ministers met on Monday in Baku. They signed two agreements on trade and transport. The talks ended at noon.",
}
LABELS = {"a_argues": "Daily Argument (a)", "b_template": "unknown site A (b)", "c_plain": "Plain News (c)"}


def _analyse(texts: dict[str, str]):
    from analysis.corpus.sentences import body_sentences

    docs = pd.DataFrame({"doc_id": list(texts), "raw": [text + "\n" for text in texts.values()]})
    sentences = body_sentences(docs)
    spans = detector.detect_devices(docs, sentences=sentences)
    frames = detector.track_frames(docs, sentences=sentences)
    return spans, frames, detector.article_summary(spans, sentences)


@pytest.fixture(scope="module")
def analysed():
    return _analyse(TEXTS)


def test_findings_name_the_arguing_article_the_template_one_and_the_frame_credit(analysed):
    spans, frames, summary = analysed
    items = key_findings.rhetoric_findings(summary, spans, frames, LABELS)
    assert findings.FEWEST_FINDINGS <= len(items) <= findings.MOST_FINDINGS
    text = [item.text for item in items]
    top = summary.set_index("doc_id").loc["a_argues"]
    assert text[0].startswith(f"**Daily Argument (a)** carries the most argument and emotive devices: "
                              f"**{top['argument_emotive_per_1000_words']:.1f} per 1,000 body words**")
    template = next(t for t in text if "reads most like template prose" in t)
    assert template.startswith("**Unknown site A (b)**")  # the label opens the sentence, capitalised
    assert "“This article delves into”" in template  # the article's own words
    outnumber = next(t for t in text if "outnumber" in t)
    assert "In 1 of 3 articles" in outnumber and "**unknown site A (b)**" in outnumber
    frames_text = text[-1]
    assert "“Reckless driving” to Jane Roe in Daily Argument (a)" in frames_text
    assert f"Of {len(frames)} figurative-frame occurrences" in frames_text


def test_every_finding_links_to_a_heading_the_notebook_has(analysed):
    spans, frames, summary = analysed
    notebook = (config.NOTEBOOKS_DIR / "03_rhetoric.py").read_text(encoding="utf-8")
    headings = {findings.section_id(line[len("# ## "):]) for line in notebook.splitlines() if line.startswith("# ## ")}
    for key, heading in key_findings.SECTIONS.items():
        assert f"# ## {heading}" in notebook, f"notebook 03 lacks the heading of {key!r}"
    for item in key_findings.rhetoric_findings(summary, spans, frames, LABELS):
        assert item.evidence in headings


def test_findings_change_when_the_corpus_changes(analysed):
    spans, frames, summary = analysed
    before = [item.text for item in key_findings.rhetoric_findings(summary, spans, frames, LABELS)]
    fewer = {key: TEXTS[key] for key in ("b_template", "c_plain")}
    spans2, frames2, summary2 = _analyse(fewer)
    after = [item.text for item in key_findings.rhetoric_findings(summary2, spans2, frames2, LABELS)]
    assert before != after
    assert not any("Daily Argument" in line for line in after)
    assert after[-1] == "No figurative frame of the curated list occurs in the 2 articles."


def test_concentration_counts_the_tagged_devices_per_article(analysed):
    spans, frames, summary = analysed
    items = key_findings.rhetoric_findings(summary, spans, frames, LABELS)
    line = next(item.text for item in items if "name-calling spans" in item.text or "name-calling span " in item.text)
    loaded = spans[spans["device"].eq("loaded_language")]
    in_a = int(loaded["doc_id"].eq("a_argues").sum())
    expected = f"all {len(loaded)} loaded language spans are" if in_a == len(loaded) else f"{in_a} of the {len(loaded)} loaded language spans are"
    assert expected in line.lower()


def test_a_corpus_string_cannot_make_a_finding_bold():
    assert key_findings.inert("**x**") != "**x**"
    assert "<strong>" not in findings.key_findings_html([findings.Finding("A " + key_findings.inert("**x**") + " b")])


def test_an_empty_body_gives_one_plain_finding():
    summary = pd.DataFrame(columns=detector.SUMMARY_COLUMNS)
    items = key_findings.rhetoric_findings(summary, pd.DataFrame(columns=detector.SPAN_COLUMNS),
                                           pd.DataFrame(columns=detector.FRAME_OCCURRENCE_COLUMNS), {})
    assert [item.text for item in items] == ["No article has body text, so no device was looked for."]


def test_trust_rows_from_a_measured_result_and_from_the_last_figures():
    per_technique = pd.DataFrame({"technique": ["Loaded_Language"], "precision": [0.33], "recall": [0.2], "f1": [0.25]})
    result = {"per_technique": per_technique, "span_identification": (0.4, 0.2, 0.26), "micro": (0.25, 0.16, 0.19), "n_articles": 188}
    seeds = {"n_spans": 80, "n_judged": 77, "n_genuine": 68, "precision": 68 / 77, "n_not_judged": 3, "n_no_longer_found": 0}
    rows, caveats = key_findings.trust_rows(result, seeds)
    assert [row.value for row in rows] == [0.25, 0.26, 0.19, 68 / 77]
    assert all(row.measured for row in rows) and rows[0].goal == 0.45 and rows[2].goal == 0.35
    assert "one in five" in rows[0].note and "188 held-out PTC articles" == rows[0].data
    assert rows[3].note == "3 spans found now were never judged."
    assert any(c.startswith("**None of the goals is reached**") for c in caveats)
    assert any("F1 runs from 0 to 1" in c for c in caveats)

    last = {"loaded_language_f1": {"value": "0.2496", "measured_on": "2026-01-01"},
            "micro_f1": {"value": "0.1935", "measured_on": "2026-01-01"},
            "span_identification_f1": {"value": "0.2639", "measured_on": "2026-01-01"},
            "articles": {"value": "188.0000", "measured_on": "2026-01-01"}}
    rows, _ = key_findings.trust_rows(None, seeds, last)
    assert [row.value for row in rows[:3]] == [0.2496, 0.2639, 0.1935]
    assert not any(row.measured for row in rows[:3])
    assert "last measured figure" in findings.trust_html(rows)
    rows, caveats = key_findings.trust_rows(None, None, {})
    assert [row.value for row in rows] == [None, None, None]
    assert "not measured" in findings.trust_html(rows, caveats)


def test_the_recorded_ptc_figures_are_there_for_a_build_without_the_data():
    from analysis.evaluate import scoring

    last = scoring.last_figures("ptc")
    assert {"loaded_language_f1", "span_identification_f1", "micro_f1", "articles"} <= set(last)
    assert all(row["part"] == "held-out" for row in last.values())


# --------------------------------------------------------------------------- the reader's judgement of the seed spans

def test_every_judged_span_is_the_seed_text_it_names(seed_raw):
    table = judged.load_judgements()
    assert len(table) > 0
    for row in table.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.text


def test_a_bad_judgement_row_is_named(tmp_path):
    good = judged.load_judgements().head(2)
    for column, value, message in [("genuine", "maybe", "genuine must be yes or no"), ("device", "shouting", "unknown device"),
                                   ("source", " ", "no source"), ("start", "x", "start .x. and end .* are not offsets")]:
        bad = good.astype(str).copy()
        bad.loc[bad.index[1], column] = value
        path = tmp_path / "judgements.csv"
        bad.to_csv(path, index=False)
        with pytest.raises(ValueError, match=rf"judgements.csv, line 3: {message}"):
            judged.load_judgements(path)
    good.drop(columns=["reason"]).to_csv(tmp_path / "short.csv", index=False)
    with pytest.raises(ValueError, match="missing column"):
        judged.load_judgements(tmp_path / "short.csv")


def test_judged_precision_counts_unjudged_and_vanished_spans_apart():
    raw = "The regime's brutal crackdown shocked everyone, a vicious campaign."
    spans = detector.detect_text(raw, doc_id="t")
    loaded = spans[spans["device"].eq("loaded_language")].reset_index(drop=True)
    assert len(loaded) >= 2
    judgements = pd.DataFrame({
        "doc_id": ["t", "t", "t"], "device": ["loaded_language", "loaded_language", "name_calling"],
        "start": [loaded.at[0, "start"], loaded.at[1, "start"], 500], "end": [loaded.at[0, "end"], loaded.at[1, "end"], 510],
        "text": ["", "", ""], "genuine": ["yes", "no", "yes"], "reason": ["", "plain", ""], "source": ["test"] * 3})
    result = judged.judged_precision(spans, judgements)
    family = dict(zip(detector.load_devices()["device"], detector.load_devices()["report_family"]))
    n_argument = int(spans["device"].map(family).eq("argument_emotive").sum())
    assert result == {"n_spans": n_argument, "n_judged": 2, "n_genuine": 1, "precision": 0.5,
                      "n_not_judged": n_argument - 2, "n_no_longer_found": 1}


def test_the_seed_precision_rests_on_the_judgement_file():
    result = judged.seed_precision(use_cache=False)
    assert result["n_judged"] > 0 and 0 <= result["n_genuine"] <= result["n_judged"] <= result["n_spans"]
    assert result["precision"] == result["n_genuine"] / result["n_judged"]


# --------------------------------------------------------------------------- tables and charts of the report

def test_template_prose_table_counts_each_device_and_quotes_the_articles_words(analysed):
    spans, _, summary = analysed
    table = detector.template_prose_table(spans, summary)
    assert table["doc_id"].iloc[0] == "b_template"  # densest first
    row = table.set_index("doc_id").loc["b_template"]
    assert row["n_hedging"] == spans[spans["doc_id"].eq("b_template") & spans["device"].eq("hedging")].shape[0] > 0
    assert row["stock_phrases"].startswith("This article delves into")
    assert table.set_index("doc_id").loc["c_plain", "stock_phrases"] == ""


def test_frame_voices_counts_credited_reused_and_own_uses(analysed):
    _, frames, _ = analysed
    voices = detector.frame_voices(frames).set_index(["doc_id", "frame"])
    row = voices.loc[("a_argues", "reckless_driving")]
    assert row["credited_to"] == "Jane Roe"
    assert row["n_occurrences"] == row["n_credited"] + row["n_author_reuse"] + row["n_author_own"] == 2
    assert row["n_credited"] == 1 and row["n_author_reuse"] == 1


def test_the_family_chart_compares_on_one_scale_and_says_what_it_shows(analysed):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, _, summary = analysed
    fig, alt = charts.family_density_figure(summary, LABELS, {"a_argues": "#0072B2"})
    left, right = fig.axes[:2]
    assert left.get_xlim() == right.get_xlim()
    densest = summary.sort_values("argument_emotive_per_1000_words", ascending=False).iloc[0]
    assert f"densest {LABELS[densest['doc_id']]} ({densest['argument_emotive_per_1000_words']:.1f})" in alt
    assert all(text.get_fontsize() >= 10 for text in left.texts)  # the value labels
    plt.close(fig)


def test_the_heat_map_leaves_out_unused_devices_and_names_the_densest_cell(analysed):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    spans, _, summary = analysed
    densities = detector.family_densities(spans, summary)
    fig, alt = charts.device_heatmap_figure(densities, list(summary["doc_id"]), LABELS)
    from analysis.rhetoric.reading import device_tag

    columns = [tick.get_text() for tick in fig.axes[0].get_xticklabels()]
    assert set(columns) == {device_tag(label) for label in densities.loc[densities["n_spans"] > 0, "label"]}
    assert [tick.get_text() for tick in fig.axes[0].get_yticklabels()] == [LABELS[d] for d in summary["doc_id"]]
    assert re.search(r"among argument and emotive devices the densest cell is .+ in .+ \(\d+\.\d\)", alt)
    plt.close(fig)
