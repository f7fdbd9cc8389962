"""The overlap report as a reader opens it (headless Chromium, 1366×768): findings first, links that resolve.

Runs on the exports `make report` wrote (WORKBOOK_EXPORTS for another build) and skips without them."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from analysis import config
from tests.conftest import skip_or_fail


def _report() -> Path:
    folder = Path(os.environ["WORKBOOK_EXPORTS"]) if os.environ.get("WORKBOOK_EXPORTS") else config.DEFAULT_EXPORTS_DIR
    page = folder / "04_overlap.html"
    if not page.is_file():
        skip_or_fail(f"no overlap report in {folder}: run `make report` first")
    return page


def _article_ids(report: Path) -> set[str]:
    with open(report.parent / "tables" / "overlap_pairs.csv", encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle) for column in ("doc_a", "doc_b")}


@pytest.mark.browser
def test_the_overlap_report_opens_on_its_findings_and_trust_box(browser):
    report = _report()
    page = browser.new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(report.as_uri())
    box = page.evaluate("(() => { const r = document.getElementById('key-findings').getBoundingClientRect();"
                        " return [r.top, r.bottom, document.querySelectorAll('#key-findings li').length]; })()")
    order = page.evaluate("Array.from(document.querySelectorAll('#key-findings, #how-far-to-trust-this, .jp-Notebook h2[id], img'))"
                          ".map(e => e.id || e.tagName)")
    page.close()
    top, bottom, items = box
    assert 0 <= top and bottom <= 768, f"the key findings end at {bottom:.0f} px, below the first screen"
    assert 3 <= items <= 7
    # Findings, then the trust box, before any section or chart.
    assert order[:2] == ["key-findings", "how-far-to-trust-this"]


@pytest.mark.browser
def test_every_finding_links_to_a_section_of_the_report_and_no_heading_shows_an_id(browser):
    report = _report()
    page = browser.new_page()
    page.goto(report.as_uri())
    targets = page.evaluate("Array.from(document.querySelectorAll('#key-findings a')).map(a => a.getAttribute('href'))")
    missing = page.evaluate("hrefs => hrefs.filter(h => !document.getElementById(decodeURIComponent(h.slice(1))))", targets)
    headings = page.evaluate("Array.from(document.querySelectorAll('h1, h2, h3')).map(h => h.textContent)")
    alts = page.evaluate("Array.from(document.querySelectorAll('.jp-Notebook img')).map(i => i.getAttribute('alt') || '')")
    page.close()
    assert targets and all(target.startswith("#") for target in targets)
    assert missing == []
    ids = _article_ids(report)
    assert [heading for heading in headings if any(doc_id in heading for doc_id in ids)] == []
    assert alts and all(len(alt) > 40 and "No description" not in alt for alt in alts)
