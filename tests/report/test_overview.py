"""analysis.report.overview: the index's findings and comparison table, computed from the exported tables."""

from __future__ import annotations

import pandas as pd

from analysis.report import overview

LABELS = {"a_1": "Daily A (1)", "b_2": "unknown site A (2)", "c_3": "Weekly C (3)"}


def _tables(folder, stance_b=-0.4):
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"doc_id": ["a_1", "b_2", "c_3"], "outlet_basis": ["stated", "unknown", "inferred"],
                  "author": ["Ann", "", "Cy"], "published": ["2024", "", "2025-01"], "genre": ["news", "", "opinion"]}
                 ).to_csv(folder / "documents.csv", index=False)
    pd.DataFrame({"doc_id": ["a_1", "b_2", "c_3"], "words": [500, 800, 650], "flesch_reading_ease": [40.04, 20.0, 55.55]}
                 ).to_csv(folder / "readability.csv", index=False)
    pd.DataFrame({"doc_id": ["a_1", "b_2", "c_3"], "n_named": [5, 0, 2], "n_vague": [1, 3, 0], "share_sourced": [0.4, 0.05, 0.2]}
                 ).to_csv(folder / "sourcing_profile.csv", index=False)
    pd.DataFrame({"doc_id": ["a_1", "b_2", "c_3", "c_3"], "actor": ["Baku", "Baku", "Baku", "Tehran"],
                  "n_mentions": [4, 6, 2, 9], "stance": [0.3, stance_b, 0.9, -0.1]}).to_csv(folder / "actor_tone.csv", index=False)
    pd.DataFrame({"doc_id": ["a_1", "b_2", "c_3"], "argument_emotive_per_1000_words": [2.0, 30.26, 9.0],
                  "template_stance_per_1000_words": [40.0, 1.0, 5.0]}).to_csv(folder / "rhetoric_summary.csv", index=False)
    pd.DataFrame({"doc_a": ["a_1", "a_1", "b_2"], "doc_b": ["b_2", "c_3", "c_3"], "tfidf_cosine": [0.2, 0.5, 0.1]}
                 ).to_csv(folder / "overlap_pairs.csv", index=False)
    return folder


def test_one_row_per_article_from_the_tables(tmp_path):
    table = overview.outlet_comparison(_tables(tmp_path / "t"), LABELS).set_index("doc_id")
    assert list(table["article"]) == ["Daily A (1)", "unknown site A (2)", "Weekly C (3)"]
    assert table.loc["a_1", "reading_ease"] == 40.0 and table.loc["b_2", "body_words"] == 800
    # Tehran has 9 mentions, Baku 12 in all: Baku is the main actor; c_3 has only 2 Baku mentions, too few for a stance.
    assert set(table["main_actor"]) == {"Baku"} and pd.isna(table.loc["c_3", "stance_main_actor"])
    assert table.loc["a_1", "closest_article"] == "Weekly C (3)" and table.loc["c_3", "closest_article"] == "Daily A (1)"
    assert table.loc["b_2", "closest_article"] == "Daily A (1)" and table.loc["b_2", "closest_cosine"] == 0.2


def test_findings_are_sentences_computed_from_the_tables_and_follow_them(tmp_path):
    found = overview.index_findings(overview.outlet_comparison(_tables(tmp_path / "t"), LABELS))
    texts = [f.text for f in found]
    assert texts[0] == "**1 of 3** pages never name their publisher (unknown site A (2))."
    assert "Toward Baku, **Daily A (1)** is the most favourable (stance +0.30) and **unknown site A (2)** the most critical (-0.40)." in texts
    assert ("Loaded language, name-calling and other emotive devices are densest in **unknown site A (2)** (30.3 per 1,000 words) "
            "and **Weekly C (3)** (9.0 per 1,000 words).") in texts
    assert all(f.evidence.endswith("#key-findings") for f in found)
    # Another corpus, other findings: the critical article turns favourable.
    again = overview.index_findings(overview.outlet_comparison(_tables(tmp_path / "u", stance_b=0.8), LABELS))
    assert "Toward Baku, **unknown site A (2)** is the most favourable (stance +0.80) and **Daily A (1)** the most critical (+0.30)." in [f.text for f in again]


def test_template_pages_and_reuse_are_findings(tmp_path):
    folder = _tables(tmp_path / "t")
    signals = [(doc, f"signal_{k}", doc == "b_2" or k == 0) for doc in ("a_1", "b_2", "c_3") for k in range(5)]
    pd.DataFrame(signals, columns=["doc_id", "signal", "fired"]).to_csv(folder / "page_signals.csv", index=False)
    table = overview.outlet_comparison(folder, LABELS).set_index("doc_id")
    assert table.loc["b_2", "template_signals"] == "5 of 5" and table.loc["a_1", "template_signals"] == "1 of 5"
    texts = [f.text for f in overview.index_findings(table.reset_index(), passages=0)]
    assert any(t.startswith("**unknown site A (2)** shows 5 of 5 signals of a template page") for t in texts)
    assert "No two articles share a passage of 8 or more words: **nobody copies anybody**." in texts
    again = [f.text for f in overview.index_findings(table.reset_index(), passages=3)]
    assert "**3 passage(s)** of 8 or more words are shared between articles." in again


def test_a_missing_table_leaves_its_columns_empty(tmp_path):
    folder = _tables(tmp_path / "t")
    (folder / "actor_tone.csv").unlink()
    table = overview.outlet_comparison(folder, LABELS)
    assert table["stance_main_actor"].isna().all() and table["closest_cosine"].notna().all()
    assert overview.outlet_comparison(tmp_path / "nothing", LABELS).empty


def test_the_overview_html_escapes_labels_and_links_the_csv(tmp_path):
    html = overview.overview_html(_tables(tmp_path / "t"), {**LABELS, "a_1": "<b>Daily</b> (1)"})
    assert "<b>Daily</b>" not in html and "&lt;b&gt;Daily&lt;/b&gt;" in html
    assert 'id="key-findings"' in html and 'id="outlet-comparison"' in html and "tables/outlet_comparison.csv" in html
