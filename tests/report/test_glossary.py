"""analysis.report.glossary: one plain-words definition per measure, with its source."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from analysis.report import glossary


def test_every_term_has_short_words_a_definition_and_a_source():
    terms = glossary.load_glossary()
    # The measures the reports name (issue 17's list, and the readability formulas of report 02).
    for term in ("VADER", "MTLD", "TF-IDF cosine", "G² keyness", "Burrows' Delta", "F1", "macro-F1", "Flesch reading ease",
                 "Flesch-Kincaid grade", "stance", "hedge", "booster"):
        assert term in terms
    for term, row in terms.items():
        assert len(row["short"]) < 100, f"{term}: the parenthesis is too long to sit in a sentence"
        assert len(row["plain_words"]) > len(row["short"]) and any(ch.isdigit() for ch in row["source"]), term


def test_the_glossary_is_escaped_html_and_unknown_terms_are_named():
    html = glossary.glossary_html(["VADER", "stance"])
    soup = BeautifulSoup(html, "html.parser")
    assert [dt.get_text() for dt in soup.find_all("dt")] == ["VADER", "stance"]
    assert "Hutto & Gilbert 2014" in soup.get_text() and "&amp;" in html
    assert glossary.short("Flesch reading ease") == "higher is easier; below 30 is very difficult"
    with pytest.raises(KeyError, match="'Fog' is not in glossary.csv"):
        glossary.short("Fog")


def test_a_bad_glossary_row_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "glossary.csv"
    bad.write_text("term,short,plain_words,source\nVADER,a score,,Hutto 2014\n", encoding="utf-8")
    monkeypatch.setattr(glossary, "GLOSSARY_FILE", bad)
    glossary.load_glossary.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"line 2: empty \['plain_words'\]"):
            glossary.load_glossary()
    finally:
        glossary.load_glossary.cache_clear()
