"""Report 03 as a reader opens it in Chromium at 1366×768: findings on the first screen, links that land,
one article open, one family of devices shown, no raw id in a heading. Needs a build (`make report`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import config
from tests.conftest import skip_or_fail


def _report() -> Path:
    folder = Path(os.environ["WORKBOOK_EXPORTS"]) if os.environ.get("WORKBOOK_EXPORTS") else config.DEFAULT_EXPORTS_DIR
    page = folder / "03_rhetoric.html"
    if not page.is_file():
        skip_or_fail(f"no {page}: run `make report` first")
    return page


@pytest.mark.browser
def test_report_03_leads_with_findings_and_opens_one_article(browser):
    report = _report()
    page = browser.new_page()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(report.as_uri())
    bottom = page.evaluate("document.querySelector('#key-findings').getBoundingClientRect().bottom")
    trust_top = page.evaluate("document.querySelector('#how-far-to-trust-this').getBoundingClientRect().top")
    assert bottom <= 768, f"the key findings end at {bottom:.0f} px, below the first screen"
    assert trust_top < 768 + 200  # the trust box starts right after them
    targets = page.evaluate("Array.from(document.querySelectorAll('#key-findings a.wb-evidence')).map(a => a.getAttribute('href'))")
    assert targets
    for target in targets:
        assert page.evaluate("(id) => document.getElementById(decodeURIComponent(id)) !== null", target[1:]), target
    views = page.evaluate("Array.from(document.querySelectorAll('details.wb-article-view')).map(d => d.open)")
    assert views and views[0] and not any(views[1:])
    shown = page.evaluate("""() => Array.from(document.querySelector('details.wb-article-view').querySelectorAll('.wb-view'))
                                    .map(v => v.offsetHeight > 0)""")
    assert shown == [True, False]
    headings = page.evaluate("Array.from(document.querySelectorAll('h1, h2, h3, summary')).map(h => h.textContent)")
    doc_ids = [path.stem for path in config.SEEDS_DIR.glob("*.txt")]
    assert not [heading for heading in headings for doc_id in doc_ids if doc_id in heading]
    page.close()
