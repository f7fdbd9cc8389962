"""analysis.evaluate.furniture: gold lines, furniture kinds and scores on pages built here; the cached evaluation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.evaluate import furniture

ARTICLE = [
    "The harbour board approved a new ferry terminal on Monday, its chair said, after a year of public hearings.",
    "Construction is expected to begin next spring and to take two years, according to the board's plans.",
]


def test_gold_lines_are_body_where_the_hand_extracted_body_is():
    rendered = "\n".join(["Home", "News", "Harbour approves ferry terminal", *ARTICLE, "© 2020 Harbour Media"]) + "\n"
    lines = furniture.gold_lines("p", rendered, " ".join(ARTICLE), headline="Harbour approves ferry terminal")
    gold = dict(zip(lines["text"], zip(lines["gold"], lines["scored"])))
    assert gold[ARTICLE[0]] == ("body", True) and gold[ARTICLE[1]] == ("body", True)
    assert gold["Home"] == ("furniture", True) and gold["© 2020 Harbour Media"] == ("furniture", True)
    # The headline repeats the page's <h1>: articleBody leaves it out, the workbook keeps it as the title. Not scored.
    assert gold["Harbour approves ferry terminal"] == ("furniture", False)
    assert (lines["n_chars"] == lines["end"] - lines["start"]).all()
    assert all(rendered[s:e] == t for s, e, t in zip(lines["start"], lines["end"], lines["text"]))


KIND_EXAMPLES = [
    ("Advertisement", "ads"),
    ("We may earn a commission when you buy through links on our site.", "ads"),
    ("© 2020 Harbour Media. All rights reserved.", "copyright_legal"),
    ("Privacy Policy", "copyright_legal"),
    ("Get the Harbour Daily newsletter in your inbox", "newsletter_app"),
    ("Jane Okafor is a reporter for the Coastal Times covering transport.", "bios"),
    ("3 Comments", "comments"),
    ("November 3, 2020 at 9:15 am", "date_tag"),
    ("Tags: ferries, harbour", "date_tag"),
    ("Share on Facebook", "share_social"),
    ("Photo: Jane Okafor", "bylines_credits"),
    ("Home", "navigation"),
    ("City council approves a new budget for the harbour", "other_headlines"),
]


@pytest.mark.parametrize("line,kind", KIND_EXAMPLES)
def test_furniture_kinds_follow_the_documented_rule(line, kind):
    lines = pd.DataFrame({"text": [ARTICLE[0], line], "gold": ["body", "furniture"]})
    assert furniture.furniture_kinds_of_page(lines) == ["", kind]


def test_prose_below_a_comment_widget_is_a_comment_and_elsewhere_other_prose():
    teaser = "Ferry fares will rise by a tenth in May, the operator said, blaming the cost of fuel and of new crews."
    comment = "I have taken this ferry every week for twenty years and the service has never been worse than now."
    lines = pd.DataFrame({"text": [teaser, *ARTICLE, "2 Comments", comment],
                          "gold": ["furniture", "body", "body", "furniture", "furniture"]})
    assert furniture.furniture_kinds_of_page(lines) == ["other_prose", "", "", "comments", "comments"]


def test_kind_table_shares_and_what_each_system_set_aside():
    lines = pd.DataFrame({
        "scored": [True, True, True, True, False],
        "gold": ["body", "furniture", "furniture", "furniture", "furniture"],
        "kind": ["", "navigation", "navigation", "ads", "ads"],
        "n_chars": [100, 10, 30, 60, 999],
        "segmenter": [True, False, True, False, True],
    })
    table = furniture.kind_table(lines, ["segmenter"]).set_index("kind")
    # Navigation: 40 of 100 furniture characters, of which the 10-character line was set aside.
    assert table.loc["navigation", ["lines", "furniture_chars"]].tolist() == [2, 40]
    assert table.loc["navigation", "share"] == pytest.approx(0.4) and table.loc["navigation", "segmenter"] == pytest.approx(0.25)
    assert table.loc["ads", "segmenter"] == pytest.approx(1.0)  # the unscored line does not count
    assert table.loc["all", "segmenter"] == pytest.approx(0.7) and list(table.index) == ["ads", "navigation", "all"]


def _fake_result():
    lines = pd.DataFrame({
        "page_id": ["a", "a", "a", "b", "b"], "line": [0, 1, 2, 0, 1], "start": 0, "end": 0,
        "n_chars": [50, 10, 40, 30, 30], "gold": ["body", "furniture", "body", "body", "furniture"],
        "scored": True, "text": ["Para A", "Menu", "Para A2", "Para B", "Footer B"],
        "kind": ["", "navigation", "", "", "copyright_legal"], "segmenter": [True, True, False, True, False],
    })
    pages = pd.DataFrame([
        {"page_id": "a", "system": "segmenter", "f": 0.0, "body_chars": 90, "furniture_chars": 10, "body_kept": 5 / 9, "furniture_cut": 0.0},
        {"page_id": "b", "system": "segmenter", "f": 1.0, "body_chars": 30, "furniture_chars": 30, "body_kept": 1.0, "furniture_cut": 1.0},
    ])
    return {"lines": lines, "pages": pages, "sites": {"a": "a.example", "b": "b.example"},
            "urls": {"a": "https://a.example/1", "b": "https://b.example/2"}}


def test_worst_pages_and_what_they_got_wrong():
    result = _fake_result()
    worst = furniture.worst_pages(result, n=1)
    assert worst[["page_id", "site", "url"]].values.tolist() == [["a", "a.example", "https://a.example/1"]]
    errors = furniture.page_errors(result, "a")
    assert errors[["text", "outcome"]].values.tolist() == [["Menu", "furniture kept"], ["Para A2", "body cut"]]


def test_the_evaluation_is_computed_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    pages_dir, truth = tmp_path / "html", tmp_path / "ground-truth.json"
    pages_dir.mkdir()
    truth.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "cache"))
    calls = []

    def fake_read_pages(pages, truth_file, part):
        calls.append(part)
        return pd.DataFrame({"page_id": ["a"], "site": ["a.example"], "url": ["https://a.example/1"]})

    monkeypatch.setattr(furniture, "read_pages", fake_read_pages)
    monkeypatch.setattr(furniture, "evaluate_pages", lambda pages: {**_fake_result(), "overall": {"segmenter": {"f": 0.5}}})
    first = furniture.held_out_evaluation(pages_dir, truth)
    second = furniture.held_out_evaluation(pages_dir, truth)
    assert calls == ["report"] and second["overall"] == first["overall"] == {"segmenter": {"f": 0.5}}
    truth.write_text('{"changed": true}', encoding="utf-8")  # new inputs: computed afresh
    furniture.held_out_evaluation(pages_dir, truth)
    assert calls == ["report", "report"]
    furniture.held_out_evaluation(pages_dir, truth, use_cache=False)
    assert len(calls) == 3


def test_a_missing_folder_is_named():
    with pytest.raises(FileNotFoundError, match="saved web pages"):
        furniture.held_out_evaluation(config.PROJ_ROOT / "no-such-folder", config.PROJ_ROOT / "no-such.json")


@pytest.mark.slow
def test_on_the_report_half_the_segmenter_is_ahead_of_jusText_and_keeps_the_body():
    shared = config.shared_data_dir() / "web-articles"
    if not (shared / "ground-truth.json").is_file():
        pytest.skip(f"outside data not found at {shared}")
    result = furniture.held_out_evaluation(shared / "html", shared / "ground-truth.json", use_cache=False)
    overall = result["overall"]
    assert overall["segmenter"]["f"] > overall["jusText"]["f"]
    assert overall["segmenter"]["body_kept"] >= 0.97
    assert np.isclose(result["kinds"].set_index("kind").loc["all", "segmenter"], overall["segmenter"]["furniture_cut"])
