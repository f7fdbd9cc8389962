"""analysis.provenance.page_metadata: bylines, agency credits and relative dates, on lines written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.provenance import page_metadata


def _parts(line: str):
    parts = page_metadata.parse_byline(line)
    return None if parts is None else [(part.kind, part.value, line[part.start:part.end]) for part in parts]


@pytest.mark.parametrize("line, parts", [
    ("By Jane Okafor", [("author", "Jane Okafor", "Jane Okafor")]),
    ("By Jane Okafor, Coastal Times", [("author", "Jane Okafor", "Jane Okafor"), ("outlet", "Coastal Times", "Coastal Times")]),
    ("By Jane Okafor | Coastal Times", [("author", "Jane Okafor", "Jane Okafor"), ("outlet", "Coastal Times", "Coastal Times")]),
    ("By Jane Okafor for Coastal Times", [("author", "Jane Okafor", "Jane Okafor"), ("outlet", "Coastal Times", "Coastal Times")]),
    ("By Jane Okafor, Reuters", [("author", "Jane Okafor", "Jane Okafor"), ("agency", "Reuters", "Reuters")]),
    ("By Jane Okafor | Senior Correspondent", [("author", "Jane Okafor", "Jane Okafor"), ("role", "Senior Correspondent", "Senior Correspondent")]),
    ("By Jane Okafor, Staff Writer at Coastal Times",
     [("author", "Jane Okafor", "Jane Okafor"), ("role", "Staff Writer", "Staff Writer"), ("outlet", "Coastal Times", "Coastal Times")]),
    ("By Tom Reyes, AP Transport Writer",
     [("author", "Tom Reyes", "Tom Reyes"), ("agency", "Associated Press", "AP"), ("role", "AP Transport Writer", "AP Transport Writer")]),
    ("By Jane Okafor and Tom Reyes", [("author", "Jane Okafor", "Jane Okafor"), ("author", "Tom Reyes", "Tom Reyes")]),
    ("By Jane Okafor, Tom Reyes and Amy Lee",
     [("author", "Jane Okafor", "Jane Okafor"), ("author", "Tom Reyes", "Tom Reyes"), ("author", "Amy Lee", "Amy Lee")]),
    ("By Staff Writer | https://coastal.example/news",
     [("credit", "Staff Writer", "Staff Writer"), ("outlet", "https://coastal.example/news", "https://coastal.example/news")]),
    ("By the Editorial Board", [("credit", "the Editorial Board", "the Editorial Board")]),
    ("By Agence France-Presse", [("agency", "Agence France-Presse", "Agence France-Presse")]),
    ("By Jane Okafor | 3 March 2020", [("author", "Jane Okafor", "Jane Okafor")]),  # the date is the date rules' job
    ("Reporting by Jane Okafor; Editing by Tom Reyes", [("author", "Jane Okafor", "Jane Okafor")]),
])
def test_bylines_of_common_shapes(line, parts):
    assert _parts(line) == parts


@pytest.mark.parametrize("line", [
    "By contrast, analysts expect growth to slow.",
    "by the end of the year the pier will be finished",
    "By 2030 the port will handle twice the cargo.",
    "By train, the journey takes four hours.",
])
def test_sentences_that_start_with_by_are_not_bylines(line):
    assert page_metadata.parse_byline(line) is None


@pytest.mark.parametrize("text, credits", [
    ("LONDON (Reuters) - The port reopened on Monday after a week of strikes.", [("Reuters", "Reuters")]),
    ("BAKU, March 3 (AP) — Ferries resumed on Monday.", [("Associated Press", "AP")]),
    ("— AFP", [("Agence France-Presse", "AFP")]),
    ("AFP", [("Agence France-Presse", "AFP")]),
    ("Officials told AFP the talks had ended.", []),
])
def test_agency_credits(text, credits):
    assert [(name, text[start:end]) for name, start, end in page_metadata.agency_credits(text)] == credits


@pytest.mark.parametrize("text, captured, first, last, value", [
    # Whole units have passed: "5 hours ago" read at some hour of 15 March is 14 or 15 March.
    ("5 hours ago", date(2020, 3, 15), date(2020, 3, 14), date(2020, 3, 15), "2020-03"),
    ("Updated 3 days ago", date(2020, 3, 15), date(2020, 3, 11), date(2020, 3, 12), "2020-03"),
    ("a week ago", date(2020, 3, 15), date(2020, 3, 1), date(2020, 3, 8), "2020-03"),
    ("40 hours ago", date(2020, 3, 15), date(2020, 3, 13), date(2020, 3, 14), "2020-03"),
    ("2 months ago", date(2020, 3, 15), date(2019, 12, 1), date(2020, 1, 31), ""),
    ("1 year ago", date(2020, 7, 1), date(2018, 7, 1), date(2019, 7, 31), ""),
])
def test_relative_dates_count_back_only_as_precisely_as_they_can(text, captured, first, last, value):
    (relative,) = page_metadata.relative_dates(text)
    assert page_metadata.counted_back(relative, captured) == (first, last)
    assert page_metadata.shared_precision(first, last) == value


def test_shared_precision():
    assert page_metadata.shared_precision(date(2020, 3, 3), date(2020, 3, 3)) == "2020-03-03"
    assert page_metadata.shared_precision(date(2020, 2, 28), date(2020, 3, 3)) == "2020"
    assert page_metadata.shared_precision(date(2019, 12, 31), date(2020, 1, 1)) == ""


def test_byline_terms_cite_sources():
    terms = page_metadata.load_byline_terms()
    assert terms["source"].str.len().gt(10).all()
    assert set(terms["kind"]) == {"role", "credit", "agency"}
    assert terms.loc[terms["kind"].eq("agency"), "canonical"].ne("").all()
