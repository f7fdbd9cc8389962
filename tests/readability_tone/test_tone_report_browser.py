"""The readability and tone report as a reader opens it at 1366×768: findings first, short when folded, evidence one click away.

Runs against the exports of the last build (`make report`; WORKBOOK_EXPORTS for another build).
Skips locally without a browser or without the report; CI makes the skip a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import config
from analysis.readability_tone import tone
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.browser
SCREEN = {"width": 1366, "height": 768}
#: The issue's goal: the tone report fits in 15 laptop screens with everything folded.
MOST_SCREENS = 15


@pytest.fixture(scope="module")
def report(browser):
    folder = Path(os.environ["WORKBOOK_EXPORTS"]) if os.environ.get("WORKBOOK_EXPORTS") else config.DEFAULT_EXPORTS_DIR
    path = folder / "02_readability_tone.html"
    if not path.is_file():
        skip_or_fail(f"{path} not built: run `make report` first")
    page = browser.new_page()
    page.set_viewport_size(SCREEN)
    page.goto(path.as_uri(), wait_until="load")
    yield page
    page.close()


def test_the_findings_come_first_and_fit_the_first_screen(report):
    box = report.evaluate("(() => { const r = document.getElementById('key-findings').getBoundingClientRect(); return [r.top, r.bottom]; })()")
    assert box[1] <= SCREEN["height"], f"key findings end at {box[1]:.0f} px, below the first screen"
    first = report.evaluate("""(() => { const f = document.getElementById('key-findings');
        return Array.from(document.querySelectorAll('table, img')).filter(e => f.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING).length; })()""")
    assert first == 0, "a table or chart comes before the key findings"
    items = report.evaluate("document.querySelectorAll('#key-findings li').length")
    assert 3 <= items <= 7
    assert report.evaluate("!!document.getElementById('how-far-to-trust-this')")


def test_every_finding_links_to_a_section_of_the_report(report):
    targets = report.evaluate("Array.from(document.querySelectorAll('#key-findings a')).map(a => a.getAttribute('href'))")
    assert targets and all(t.startswith("#") for t in targets)
    missing = [t for t in targets if not report.evaluate(f"!!document.getElementById(decodeURIComponent({t[1:]!r}))")]
    assert missing == []


def test_the_report_folded_fits_in_fifteen_screens(report):
    height = report.evaluate("document.documentElement.scrollHeight")
    assert report.evaluate("document.querySelectorAll('details.wb-folded[open], details.wb-actor[open], details.wb-cell[open]').length") == 0
    assert height / SCREEN["height"] <= MOST_SCREENS, f"{height / SCREEN['height']:.1f} screens"


def test_no_heading_or_finding_shows_a_raw_article_id(report):
    ids = report.evaluate("Array.from(document.querySelectorAll('footer.wb-provenance td:first-child')).map(td => td.textContent.trim())")
    assert ids, "the footer lists the articles' ids"
    shown = report.evaluate("""Array.from(document.querySelectorAll('h1, h2, h3, h4, summary, #key-findings, .wb-heat th, figure, img'))
        .map(e => e.tagName === 'IMG' ? e.getAttribute('alt') : e.textContent).join('\\n')""")
    leaked = [doc_id for doc_id in ids if doc_id in shown]
    assert leaked == []


def test_a_stance_cell_opens_the_mentions_behind_it(report):
    links = report.evaluate("Array.from(document.querySelectorAll('.wb-heat td a')).map(a => a.getAttribute('href'))")
    assert links
    for href in links[:: max(1, len(links) // 6)]:  # a spread of cells, thin ones included
        report.evaluate("document.querySelectorAll('details[open]').forEach(d => d.open = false)")
        report.click(f".wb-heat a[href='{href}']")
        report.wait_for_timeout(100)
        opened = report.evaluate(f"""(() => {{ const t = document.getElementById({href[1:]!r});
            let d = t.closest('details'); return !!d && d.open && !!d.parentElement.closest('details').open &&
            t.querySelectorAll('tbody tr').length; }})()""")
        assert opened, f"{href}: the mentions did not open"
    thin = report.evaluate("""Array.from(document.querySelectorAll('.wb-heat td')).filter(td => /too few/.test(td.title))
        .map(td => td.textContent.trim())""")
    assert all(text.startswith("n=") and int(text[2:]) < tone.MIN_MENTIONS for text in thin)
