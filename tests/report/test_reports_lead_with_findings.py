"""Every report leads with its findings, in Chromium at a laptop's 1366x768, as a journalist opens it.

Checks on the seed exports (`make report` first; CI builds them) and on a 30-article
corpus built here: the key findings are on the first screen of every export, the
index compares one row per article, no heading shows a raw article id, every
finding's link resolves, and the findings change when the corpus changes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from analysis import config
from analysis.corpus.loading import load_corpus
from analysis.report import build
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.browser
SCREEN = {"width": 1366, "height": 768}


def _seed_exports() -> Path:
    folder = Path(os.environ["WORKBOOK_EXPORTS"]) if os.environ.get("WORKBOOK_EXPORTS") else config.DEFAULT_EXPORTS_DIR
    if not (folder / "index.html").exists():
        skip_or_fail(f"no exports in {folder}: run `make report` first")
    return folder


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]_*.html")) + [folder / "index.html"]


def _check_exports(browser, folder: Path, doc_ids: list[str]) -> dict[str, list[str]]:
    """Check every export of ``folder``; returns the index's finding texts."""
    page = browser.new_page()
    page.set_viewport_size(SCREEN)
    problems, index_findings = [], []
    for path in _pages(folder):
        page.goto(path.as_uri(), wait_until="load")
        box = page.evaluate("(() => { const e = document.getElementById('key-findings'); if (!e) return null;"
                            " const r = e.getBoundingClientRect(); return {top: r.top, items: e.querySelectorAll('li').length}; })()")
        if box is None:
            problems.append(f"{path.name}: no key findings")
            continue
        if box["top"] >= SCREEN["height"] - 80:
            problems.append(f"{path.name}: key findings start at {box['top']:.0f} px, below the first screen")
        if not 1 <= box["items"] <= 7:
            problems.append(f"{path.name}: {box['items']} key findings")
        headings = page.evaluate("Array.from(document.querySelectorAll('h1, h2, h3')).map(h => h.textContent)")
        for heading in headings:
            for doc_id in doc_ids:
                if doc_id in heading:
                    problems.append(f"{path.name}: heading {heading[:60]!r} shows the raw id {doc_id}")
        links = page.evaluate("Array.from(document.querySelectorAll('#key-findings a')).map(a => a.getAttribute('href'))")
        for href in links:
            target, fragment = urlsplit(href).path, unquote(urlsplit(href).fragment)
            target_path = (path.parent / target) if target else path
            if not target_path.exists():
                problems.append(f"{path.name}: finding links {href}, which does not exist")
                continue
            if fragment:
                page_text = target_path.read_text(encoding="utf-8")
                if f'id="{fragment}"' not in page_text and f'id="{urlsplit(href).fragment}"' not in page_text:
                    problems.append(f"{path.name}: finding links {href}, whose section does not exist")
        if path.name == "index.html":
            index_findings = page.evaluate("Array.from(document.querySelectorAll('#key-findings li')).map(li => li.textContent)")
            rows = page.evaluate("document.querySelectorAll('#outlet-comparison tbody tr').length")
            if rows != len(doc_ids):
                problems.append(f"index.html: the comparison has {rows} rows for {len(doc_ids)} articles")
    page.close()
    assert problems == []
    return {"index": index_findings}


def test_the_seed_reports_lead_with_findings(browser):
    folder = _seed_exports()
    docs = load_corpus(config.SEEDS_DIR)
    _check_exports(browser, folder, list(docs["doc_id"]))


@pytest.mark.slow
def test_another_corpus_gets_its_own_findings(browser, bbc_dir, tmp_path, monkeypatch):
    corpus = tmp_path / "mixed30"
    corpus.mkdir()
    for seed in sorted(config.SEEDS_DIR.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    for path in sorted((bbc_dir / "politics").glob("*.txt"))[:25]:
        shutil.copy(path, corpus / f"politics_{path.name}")
    seed_exports = _seed_exports()  # before the build, which points WORKBOOK_EXPORTS at its own folder
    exports = tmp_path / "exports"
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "cache"))
    for name in ("WORKBOOK_EXPORTS", "WORKBOOK_CORPUS", "WORKBOOK_BUILD"):  # the build sets these; restored after the test
        if name in os.environ:
            monkeypatch.setenv(name, os.environ[name])
        else:
            monkeypatch.delenv(name, raising=False)
    assert build.main(["--corpus", str(corpus), "--exports", str(exports)]) == 0
    docs = load_corpus(corpus)
    mixed = _check_exports(browser, exports, list(docs["doc_id"]))
    seeds = _check_exports(browser, seed_exports, list(load_corpus(config.SEEDS_DIR)["doc_id"]))
    assert mixed["index"] != seeds["index"]
    assert any(re.search(r"\b30\b", text) for text in mixed["index"])
