"""Markup inside an article, or in its file name, never runs in the reports.

Adds two hostile articles to a temporary copy of the corpus with ``analysis.corpus.add`` — a
``.txt`` whose title, byline and paragraphs carry a ``<script>``, an ``<img onerror=…>``
and a ``javascript:`` link, with markup in the curated outlet and author too, and a saved
``.html`` page whose title and paragraphs hold the same markup as escaped text, and articles whose
file names are markup (``<img src=x onerror=…>.txt``, ``<svg onload=…>``, ``<details ontoggle=…>``,
``<iframe srcdoc=…>``, a ``javascript:`` Markdown link, an image fetched from the network, Markdown
emphasis, a ``;``) plus a page that is furniture only — builds the
whole workbook on it (``python -m analysis build --corpus … --exports …``), then opens every
export in headless Chromium and proves that nothing ran and that the markup is shown as
literal text. Each hostile snippet sets ``window.__pwned``; a control page with the same
snippets unescaped proves the browser check would notice if one ran.

Slow (a full build). Skips without Chromium, unless WORKBOOK_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import subprocess
import sys
import time

import pytest

from analysis import config
from analysis.corpus import add
from analysis.report import build
from tests import texts

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE = [texts.HOSTILE_SCRIPT, texts.HOSTILE_IMG, texts.HOSTILE_LINK]
PAGE_SCRIPT = "<script>window.__pwned='page'</script>"
HOSTILE_PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="{html.escape(PAGE_SCRIPT)} Ferry fares to rise">
<meta name="author" content="Ola Brandt {html.escape(texts.HOSTILE_IMG)}">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2021-05-04">
</head><body><article><h1>{html.escape(PAGE_SCRIPT)} Ferry fares to rise</h1>
<p>Ferry fares between the two harbours will rise by a tenth in May, the operator said on Friday, citing the price of fuel {html.escape(texts.HOSTILE_IMG)}.</p>
<p>Passenger groups said the increase would hit commuters hardest and asked the regional council to review the contract {html.escape(texts.HOSTILE_LINK)}.</p>
</article></body></html>
"""

#: Corpus files whose names are markup: each would run script, link to javascript: or fetch from the
#: network if an id reached a report raw (the file stem is the article id).
HOSTILE_NAMES = [
    "<img src=x onerror=\"window.__pwned='img-name'\">",
    "<svg onload=\"window.__pwned='svg-name'\">",
    "<details open ontoggle=\"window.__pwned='details-name'\">",
    "<iframe srcdoc=\"<img src=x onerror=parent.__pwned='iframe-name'>\">",
    "[read this](javascript:window.__pwned='link-name')",
    "<img src=http:\\\\127.0.0.1:9\\pixel.png>",
    "*emphasis* and `code` in a_name_",
    "a;b",  # overlap once joined and re-split ids on ';'
]
#: A page the segmenter reads as furniture only (add accepts it with a warning): no body at all.
FURNITURE_ONLY = "Subscribe to our newsletter\n\nShare this article on Facebook\n\nAdvertisement\n"


def _hostile_article(number: int) -> str:
    """A short article of constructed text, different for each file (so none is a duplicate)."""
    return texts.NEW_ARTICLE.replace("140 passengers", f"{140 + number} passengers").replace("32 lorries", f"{32 + number} lorries")


def _add_hostile_files(folder):
    """Write the hostile-named articles into ``folder`` and list each in its manifest, as add would."""
    import csv

    with open(folder / "manifest.csv", "a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for number, name in enumerate(HOSTILE_NAMES + ["furniture-only"]):
            data = (FURNITURE_ONLY if name == "furniture-only" else _hostile_article(number)).encode("utf-8")
            (folder / f"{name}.txt").write_bytes(data)
            writer.writerow([f"{name}.txt", hashlib.sha256(data).hexdigest(), "", "", "", "", "", "hostile file name for the security test"])


#: What must never appear in a rendered report: evidence that article markup became markup. Every folded
#: <details> is opened first, so folded evidence counts as rendered text too (reports fold their evidence tables).
PROBE = """() => (document.querySelectorAll('details').forEach(d => { d.open = true; }), {
    pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
    onerror: Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 120)),
    frames: Array.from(document.querySelectorAll('iframe, frame, object, embed')).map(e => e.outerHTML.slice(0, 120)),
    javascript_links: Array.from(document.querySelectorAll('a[href]')).filter(a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).map(a => a.outerHTML.slice(0, 120)),
    hostile_scripts: Array.from(document.scripts).filter(s => s.textContent.includes('__pwned')).length,
    text: document.body ? document.body.innerText : '',
})"""


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def hostile_exports(tmp_path_factory, browser):
    """The workbook built on the seeds plus two hostile articles; returns the exports folder."""
    root = tmp_path_factory.mktemp("security")
    folder = root / "corpus"
    shutil.copytree(config.SEEDS_DIR, folder)
    source = root / "hostile.txt"
    source.write_text(texts.HOSTILE_ARTICLE, encoding="utf-8")
    add.add_article(source, folder, outlet=f"Harbour Post {texts.HOSTILE_SCRIPT}", author=f"Mara Quill {texts.HOSTILE_IMG}")
    page = root / "hostile.html"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    added = add.add_article(page, folder)
    assert PAGE_SCRIPT in added.text_path.read_text(encoding="utf-8")  # the page's escaped markup is now text
    _add_hostile_files(folder)
    before = _snapshot(folder)
    exports = root / "exports"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "analysis.report.build", "--corpus", str(folder), "--exports", str(exports)],
        cwd=config.PROJ_ROOT, capture_output=True, text=True, timeout=3600,
        env={**os.environ, "WORKBOOK_CORPUS": "", "WORKBOOK_EXPORTS": ""},
    )
    print(f"build on {5 + 2 + len(HOSTILE_NAMES) + 1} articles: {time.perf_counter() - started:.1f} s")
    assert done.returncode == 0, f"the build failed on the hostile corpus:\n{done.stdout}\n{done.stderr}"
    assert _snapshot(folder) == before, "the build modified the corpus folder"
    return exports


def test_the_browser_check_notices_markup_that_runs(browser, tmp_path):
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><body><p>{texts.HOSTILE_SCRIPT}{texts.HOSTILE_IMG}</p></body></html>", encoding="utf-8")
    page = browser.new_page()
    page.goto(control.as_uri(), wait_until="load")
    page.wait_for_timeout(200)
    seen = page.evaluate(PROBE)
    page.close()
    assert seen["pwned"] in {"script", "img"} and seen["onerror"]


def test_no_hostile_markup_reaches_the_html_source(hostile_exports):
    pages = sorted(hostile_exports.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html"} | {f"{s.stem}.html" for s in build.notebook_sources()}  # all five reports built
    for path in pages:
        source = path.read_text(encoding="utf-8")
        for snippet in HOSTILE + [PAGE_SCRIPT] + [name for name in HOSTILE_NAMES if "<" in name]:  # as text in HTML, a Markdown link is inert
            assert snippet not in source, f"{path.name} contains {snippet!r} unescaped"


def test_nothing_runs_and_the_markup_is_shown_as_text(browser, hostile_exports):
    pages = sorted(hostile_exports.glob("*.html"))
    problems, shown = [], ""
    for path in pages:
        page = browser.new_page()
        dialogs, errors, fetched = [], [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda request: fetched.append(request.url) if not request.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(200)
        seen = page.evaluate(PROBE)
        page.close()
        if seen["pwned"] is not None:
            problems.append(f"{path.name}: markup ran (window.__pwned = {seen['pwned']!r})")
        if fetched:
            problems.append(f"{path.name}: fetched from the network {fetched[:2]}")
        for key in ("onerror", "frames", "javascript_links"):
            if seen[key]:
                problems.append(f"{path.name}: {key} elements {seen[key][:2]}")
        if seen["hostile_scripts"]:
            problems.append(f"{path.name}: {seen['hostile_scripts']} script element(s) from an article")
        if dialogs or errors:
            problems.append(f"{path.name}: dialogs {dialogs[:2]} page errors {errors[:2]}")
        shown += " ".join(seen["text"].split()) + "\n"
    assert problems == []
    # The reports show the article's markup literally, as a reader would type it.
    for snippet in HOSTILE + [PAGE_SCRIPT] + HOSTILE_NAMES:
        assert " ".join(snippet.split()) in shown, f"{snippet!r} is not shown as text in any report"


def test_every_report_names_the_hostile_files_as_text(browser, hostile_exports):
    """Each report and the index list the articles (the footer), each name readable as it is."""
    for path in [hostile_exports / "index.html"] + [hostile_exports / f"{s.stem}.html" for s in build.notebook_sources()]:
        page = browser.new_page()
        page.goto(path.as_uri(), wait_until="load")
        text = page.evaluate("() => document.body.textContent")
        page.close()
        missing = [name for name in HOSTILE_NAMES if name not in text]
        assert missing == [], f"{path.name} does not show {missing[:2]} as text"
