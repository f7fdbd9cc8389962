"""analysis.report.display: article text always escaped, personal data masked, overlaps readable."""

from __future__ import annotations

import pandas as pd

from analysis.report import display

HOSTILE = 'Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>'


def test_escape_text_neutralises_markup():
    escaped = display.escape_text(HOSTILE)
    assert "<script>" not in escaped and "<img" not in escaped and "<a " not in escaped
    assert "&lt;script&gt;" in escaped and "&quot;" in escaped


def test_highlight_escapes_and_shows_overlaps():
    raw = "Alpha <b>beta</b> gamma"
    spans = pd.DataFrame({"start": [0, 6], "end": [17, 23], "label": ["one", "two"]})
    rendered = display.highlight_spans(raw, spans)
    assert "<b>" not in rendered and "&lt;b&gt;beta&lt;/b&gt;" in rendered
    assert 'title="one; two"' in rendered  # the overlap names both devices
    assert "box-shadow" in rendered


def test_personal_data_is_found_and_masked():
    text = "Reach me at muhammad.rafiq@example.com or +44 20 7946 0958; pages 1 - 2 - 3 - 4 - 5 - 6 - 7 - 8; in 2020 2021 2022."
    kinds = [kind for *_, kind in display.find_personal_data(text)]
    assert kinds == ["email", "phone"]
    masked = display.mask_personal_data(text)
    assert "example.com" not in masked and "7946" not in masked
    assert "1 - 2 - 3 - 4" in masked and "2020 2021 2022" in masked


def test_kwic_match_is_the_raw_span():
    raw = {"d": "The reckless driving of allies continues."}
    table = display.kwic_table(pd.DataFrame({"doc_id": ["d"], "start": [4], "end": [20]}), raw, width=10)
    assert table.loc[0, "match"] == "reckless driving"
    assert table.loc[0, "left"] == "The"


def test_frame_html_escapes_cells():
    html_text = display.frame_html(pd.DataFrame({"text": [HOSTILE], "n": [1]}))
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text


def test_dates_and_numbers_are_not_phone_numbers():
    for text in ["2026-01-09", "resolution 2803 (2025)", "12131415161718", "567891011", "in 2020 2021 2022"]:
        assert display.mask_personal_data(text) == text
    for text in ["+994 12 345 67 89", "020 7946 0958", "(555) 123-4567"]:
        assert display.mask_personal_data(text) == "[phone number masked]"


def test_tables_read_in_plain_words_with_labels_yes_no_and_a_csv_link():
    frame = pd.DataFrame({"doc_id": ["001_x", "002_y"], "n_mentions": [3, 1], "is_quote": [True, False]})
    html = display.frame_html(frame, labels={"001_x": "AzerNews (001)"}, csv="attributions.csv")
    assert "<th>article</th>" in html and "<th>mentions</th>" in html and "<th>is quote</th>" in html
    assert "AzerNews (001)" in html and "002_y" in html  # an id without a label stays as it is
    assert ">yes<" in html and ">no<" in html and "True" not in html and "False" not in html
    assert '<a href="tables/attributions.csv">tables/attributions.csv</a>' in html
    assert "data-fold" not in html  # two rows: nothing to fold


def test_a_long_table_is_marked_for_folding_and_counts_its_rows_in_words():
    frame = pd.DataFrame({"value": range(30)})
    html = display.frame_html(frame, fold_after=10, max_rows=29)
    assert 'data-fold="10"' in html and 'class="dataframe wb-sortable"' in html
    assert "… 1 more row in the CSV export." in html
    assert "more rows" in display.frame_html(frame, max_rows=20)


def test_plain_headers():
    assert display.plain_header("n_mentions") == "mentions"
    assert display.plain_header("share_sourced") == "share sourced"
    assert display.plain_header("doc_id") == "article" and display.plain_header("n") == "words"
