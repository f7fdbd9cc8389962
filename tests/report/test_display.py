"""analysis.report.display: article text always escaped, personal data masked, overlaps readable."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

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


#: File names and fields that are markup; each must read as itself and do nothing in Markdown.
HOSTILE_STRINGS = [
    '<img src=x onerror="alert(1)">',
    "<svg onload=\"alert('svg')\">",
    '<details open ontoggle="alert(1)">',
    '<iframe srcdoc="<script>alert(1)</script>">',
    "[x](javascript:alert(1))",
    "![pixel](http://attacker.example/p.png)",
    "<img src=http:\\\\attacker.example\\p.png>",
    "http://attacker.example/autolink",
    "*emphasis* __strong__ `code` ~~struck~~ $x$ a|b",
    "line one\n# a heading\n- a list",
    "&lt;already an entity&gt; & more",
]


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_markdown_text_reads_as_itself_and_renders_nothing(text):
    """Rendered the way nbconvert renders a cell's Markdown output (raw HTML allowed)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    rendered = markdown2html_mistune(f"Article **{display.markdown_text(text)}** is the shortest.")
    inner = rendered.strip().removeprefix("<p>").removesuffix("</p>")
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", inner))
    assert tags <= {"strong"}, f"{text!r} became markup: {rendered!r}"
    assert html.unescape(inner) == f"Article <strong>{text.replace(chr(10), chr(0x2424))}</strong> is the shortest."


def test_markdown_code_keeps_backticks_and_markup_as_text():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    rendered = markdown2html_mistune(f"Not found at {display.markdown_code('/data/a`b <img src=x onerror=alert(1)>')}.")
    assert "<img" not in rendered and "&lt;img src=x onerror=alert(1)&gt;" in rendered and "a`b" in rendered


def test_only_strings_that_render_as_markup_are_guarded():
    assert not display.renders_as_markup("000_f9577ae45c5847e6") and not display.renders_as_markup("Caspian Courier")
    assert all(display.renders_as_markup(text) for text in HOSTILE_STRINGS)


def test_the_guard_finds_a_corpus_string_shown_raw_and_passes_it_escaped():
    import nbformat

    hostile = '<img src=x onerror="alert(1)">'
    raw = nbformat.v4.new_code_cell("display(Markdown(f'**{doc_id}**'))", outputs=[
        nbformat.v4.new_output("display_data", data={"text/markdown": f"**{hostile}** is the shortest", "text/plain": "<Markdown>"})])
    escaped = nbformat.v4.new_code_cell("display(Markdown(...))", outputs=[
        nbformat.v4.new_output("display_data", data={"text/markdown": f"**{display.markdown_text(hostile)}**", "text/plain": "<Markdown>"}),
        nbformat.v4.new_output("display_data", data={"text/html": display.frame_html(pd.DataFrame({"doc_id": [hostile]}))}),
    ])
    html_raw = nbformat.v4.new_code_cell("show(...)", outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": f'<mark title="{"a" + chr(34) + " onmouseover=" + chr(34) + "x"}">'})])
    notebook = nbformat.v4.new_notebook(cells=[raw, escaped, html_raw])
    found = display.unescaped_in_outputs(notebook, [hostile, "000_plain", 'a" onmouseover="x'])
    assert found == [(0, "text/markdown", hostile), (2, "text/html", 'a" onmouseover="x')]


def test_kwic_context_stays_within_the_span_s_lines():
    raw = {"d": "Opinion\nThe reckless driving of allies continues.\nSubscribe now"}
    start = raw["d"].index("reckless")
    table = display.kwic_table(pd.DataFrame({"doc_id": ["d"], "start": [start], "end": [start + 16]}), raw, width=40)
    assert table.loc[0, "left"] == "The" and table.loc[0, "right"] == "of allies continues."
