"""analysis.evaluate.page_metadata: the markup a page states about itself, and the coverage/agreement table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluate import page_metadata


def test_markup_authors_from_json_ld_and_meta_tags():
    markup = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Okafor"},'
              ' {"@type": "Person", "url": "https://coastal.example/staff/tom"}]}</script>'
              '<meta content="Tom  Reyes" name="author"><meta property="article:author" content="https://facebook.example/tom">')
    assert page_metadata.markup_authors(markup) == {"Jane Okafor", "Tom Reyes"}


def test_summary_counts_coverage_and_agreement_only_where_the_markup_says():
    results = pd.DataFrame([
        {"author": "Jane Okafor", "markup_authors": "By JANE OKAFOR, AP Writer", "author_agrees": True,
         "published": "2020-03-03", "markup_published": "2020-03-03", "date_agrees": True},
        {"author": "Tom Reyes", "markup_authors": "Amy Lee", "author_agrees": False,
         "published": "", "markup_published": "2020-03-04", "date_agrees": False},
        {"author": "", "markup_authors": "Amy Lee", "author_agrees": False,
         "published": "2020-03", "markup_published": "", "date_agrees": False},
    ])
    author, published = page_metadata.summary(results)
    assert (author["pages_with_markup"], author["stated"], author["agreement"]) == (3, 2, 0.5)
    assert author["coverage"] == pytest.approx(2 / 3)
    assert (published["pages_with_markup"], published["stated"], published["coverage"], published["agreement"]) == (2, 1, 0.5, 1.0)
    assert published["stated_without_markup"] == 1


def test_a_name_agrees_when_one_contains_the_other():
    assert page_metadata._agrees("Jane Okafor", {"By JANE OKAFOR, AP Writer"})
    assert not page_metadata._agrees("Jane Okafor", {"Tom Reyes"}) and not page_metadata._agrees("", {"Tom Reyes"})
