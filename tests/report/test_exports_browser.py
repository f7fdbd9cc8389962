"""Open every HTML export in headless Chromium: no console error, no broken image, no request
leaving the machine. Skips locally without a browser or without exports (run `make report`);
CI sets WORKBOOK_REQUIRE_BROWSER=1 so a skip there is a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import config
from tests.conftest import skip_or_fail

def _build_exports():
    """The exports `make report` wrote (WORKBOOK_EXPORTS when the tests run against another build)."""
    import os

    return Path(os.environ["WORKBOOK_EXPORTS"]) if os.environ.get("WORKBOOK_EXPORTS") else config.DEFAULT_EXPORTS_DIR


def _exports():
    folder = _build_exports()
    pages = sorted(folder.glob("*.html"))
    if not pages:
        skip_or_fail(f"no HTML exports in {folder}: run `make report` first")
    return pages


@pytest.mark.browser
def test_every_export_renders_cleanly_offline(browser):
    problems = []
    for page_path in _exports():
        page = browser.new_page()
        errors, remote = [], []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda req: remote.append(req.url) if not req.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(page_path.as_uri(), wait_until="load")
        broken = page.evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length")
        if errors:
            problems.append(f"{page_path.name}: console errors {errors[:3]}")
        if remote:
            problems.append(f"{page_path.name}: requests leaving the machine {remote[:3]}")
        if broken:
            problems.append(f"{page_path.name}: {broken} broken image(s)")
        page.close()
    assert problems == []


@pytest.mark.browser
def test_index_links_every_report(browser):
    pages = _exports()
    index = _build_exports() / "index.html"
    page = browser.new_page()
    page.goto(index.as_uri())
    links = set(page.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))"))
    page.close()
    reports = {p.name for p in pages if p.name != "index.html"}
    assert reports <= links
