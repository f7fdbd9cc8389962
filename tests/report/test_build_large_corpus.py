"""The corpus report (notebook 00) on the seeds and on a corpus too large to show article by article."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from analysis import config
from analysis.report import build, limits as limits

CORPUS_NOTEBOOK = config.NOTEBOOKS_DIR / "00_corpus.py"


def _outputs(exports):
    notebook = nbformat.read(exports / "notebooks" / "00_corpus.ipynb", as_version=4)
    return [
        "".join(output["data"].get("text/html", output["data"].get("text/markdown", "")))
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.get("outputs", []) if "data" in output
    ]


def _overview_rows(outputs) -> int:
    table = next(text for text in outputs if "<th>checksum (SHA-256)</th>" in text)
    return len(re.findall(r"<tr>", table.split("<tbody>")[1]))


def _run(corpus_dir, exports, monkeypatch):
    monkeypatch.setenv("WORKBOOK_EXPORTS", str(exports))
    monkeypatch.setenv("WORKBOOK_CORPUS", str(corpus_dir))
    html, _ = build.run_notebook(str(CORPUS_NOTEBOOK), str(exports), {"CORPUS_DIR": str(corpus_dir)}, {})
    return _outputs(exports), html


@pytest.fixture(scope="module")
def mixed30(bbc_dir, tmp_path_factory):
    """The five seeds (with page furniture) and 25 BBC articles (without): 30 articles, more than a report shows."""
    folder = tmp_path_factory.mktemp("mixed30")
    for seed in sorted(config.SEEDS_DIR.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for path in sorted((bbc_dir / "politics").glob("*.txt"))[:25]:
        shutil.copy(path, folder / f"politics_{path.name}")
    return folder


@pytest.mark.slow  # runs in make test-all and CI
def test_the_seed_report_lists_every_article(tmp_path, monkeypatch):
    outputs, _ = _run(config.SEEDS_DIR, tmp_path / "exports", monkeypatch)
    assert _overview_rows(outputs) == 5
    assert not any("Shown: the" in text for text in outputs)


@pytest.mark.slow  # runs in make test-all and CI
def test_a_large_corpus_shows_the_extremes_and_names_the_csv(mixed30, tmp_path, monkeypatch):
    exports = tmp_path / "exports"
    outputs, html = _run(mixed30, exports, monkeypatch)
    assert _overview_rows(outputs) == limits.MAX_ARTICLES == 20
    text = "\n".join(outputs)
    assert "Shown: the 20 articles with the fewest and the most characters, shortest first, of 30. All 30 are in `tables/corpus.csv`." in text
    # Only the seeds carry furniture, so the chart shows those five and says how many of the thirty they are.
    assert "**5 of 30 pages** carry any furniture. The bars show every one of them." in text
    # The exported table keeps every article.
    assert len((exports / "tables" / "corpus.csv").read_text(encoding="utf-8").splitlines()) == 31
    assert Path(html).stat().st_size < 1_500_000
