"""analysis.report.presentation: the shapes the reports share, escaped and capped."""

from __future__ import annotations

import pandas as pd

from analysis.report import presentation


def test_short_label_numbers_and_truncates_at_the_width():
    assert presentation.short_label("003_ab12", "Baku and Tehran") == "003 · Baku and Tehran"
    assert presentation.short_label("003_ab12", "A title that runs well past the width", width=12) == "003 · A title that…"
    assert presentation.short_label("article17", "") == "article17"  # no number prefix: the id itself
    assert presentation.label_number("003 · Baku and Tehran") == "003"


def test_short_labels_of_a_title_series():
    titles = pd.Series({"000_x": "One", "001_y": ""})
    assert presentation.short_labels(titles) == {"000_x": "000 · One", "001_y": "001"}


def test_first_rows_caps_by_the_measure_with_ties_by_pair():
    pairs = pd.DataFrame({"doc_a": ["b", "a", "c", "a"], "doc_b": ["c", "c", "d", "b"], "value": [0.5, 0.5, 0.9, 0.1]})
    assert presentation.first_rows(pairs, "value", limit=10) is pairs  # small enough: every row, unsorted
    top = presentation.first_rows(pairs, "value", limit=3)
    assert list(zip(top["doc_a"], top["doc_b"])) == [("c", "d"), ("a", "c"), ("b", "c")]
    low = presentation.first_rows(pairs, "value", ascending=True, limit=1)
    assert list(low["value"]) == [0.1]


def test_names_list_says_how_many_are_left_out():
    assert presentation.names_list(["000", "001"]) == "000, 001"
    assert presentation.names_list([str(i) for i in range(11)], most=3) == "0, 1, 2 … and 8 more"


def test_side_by_side_escapes_headings_but_keeps_the_escaped_bodies():
    html = presentation.side_by_side([("<script>x</script>", "<mark>kept</mark>"), ("b", "c")])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>kept</mark>" in html and html.count("<td") == 2 and "width:50%" in html


def test_a_short_passage_is_shown_whole_with_its_context_escaped():
    raw = "Before <b>bold</b> the shared passage here and after."
    start = raw.index("the shared")
    end = start + len("the shared passage")
    html = presentation.passage_html(raw, start, end, context=12)
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html  # the article's markup shows as text
    assert ">the shared passage</mark>" in html
    assert html.endswith(" here and af</div>") and "Before" not in html  # 12 characters each side, no more


def test_a_long_passage_shows_its_start_and_end_cut_at_spaces():
    words = [f"word{i:03d}" for i in range(200)]
    raw = " ".join(words)
    html = presentation.passage_html(raw, 0, len(raw), max_chars=100, context=0)
    head_end = raw.rfind(" ", 0, 50)
    tail_start = raw.find(" ", len(raw) - 50, len(raw)) + 1
    assert f"[… {tail_start - head_end:,} more characters of the passage …]" in html
    assert "word000" in html and "word199" in html and "word100" not in html


def test_folded_evidence_is_closed_and_its_summary_escaped():
    from bs4 import BeautifulSoup

    html = presentation.folded('All 5 <img src=x onerror="alert(1)"> rows', "<table><tr><td>1</td></tr></table>")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.details is not None and not soup.details.has_attr("open")
    assert soup.summary.get_text() == 'All 5 <img src=x onerror="alert(1)"> rows' and soup.find("img") is None
    assert soup.find("td").get_text() == "1"
