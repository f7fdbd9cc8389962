"""analysis.report.build: parameters, failing cells named, fingerprints, notebooks stored as text."""

from __future__ import annotations

import os
import subprocess

import jupytext
import pytest

from analysis import config
from analysis.report import build

FAILING_NOTEBOOK = """# %% [markdown]
# # A notebook that fails

# %% tags=["parameters"]
CORPUS_DIR = None

# %%
x = 1

# %%
raise ValueError("boom in the third code cell")
"""


def test_every_notebook_has_one_parameters_cell_and_a_title():
    sources = build.notebook_sources()
    assert sources, "no notebooks found"
    for source in sources:
        notebook = jupytext.read(source)
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, f"{source.name}: {len(tagged)} parameters cells"
        assert "CORPUS_DIR" in tagged[0].source
        assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")


def test_no_executed_notebook_is_committed():
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=config.PROJ_ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert tracked.stdout.strip() == ""


def test_inject_parameters_goes_right_after_the_parameters_cell():
    notebook = jupytext.reads(FAILING_NOTEBOOK, fmt="py:percent")
    build.inject_parameters(notebook, {"CORPUS_DIR": "/data/articles"})
    assert notebook.cells[2].metadata["tags"] == ["injected-parameters"]
    assert "CORPUS_DIR = '/data/articles'" in notebook.cells[2].source


def test_notebook_without_parameters_cell_is_refused():
    notebook = jupytext.reads("# %%\nx = 1\n", fmt="py:percent")
    with pytest.raises(build.NotebookFailed, match="no cell tagged 'parameters'"):
        build.inject_parameters(notebook, {"CORPUS_DIR": "x"})


def test_failing_cell_is_named_with_the_notebook(tmp_path):
    source = tmp_path / "99_failing.py"
    source.write_text(FAILING_NOTEBOOK, encoding="utf-8")
    with pytest.raises(build.NotebookFailed) as caught:
        build.run_notebook(str(source), str(tmp_path / "out"), {"CORPUS_DIR": str(config.SEEDS_DIR)}, {})
    message = str(caught.value)
    # cells: 0 markdown, 1 parameters, 2 injected parameters, 3 x = 1, 4 the raise
    assert message.startswith("99_failing.py: cell 4 failed: ValueError: boom in the third code cell")


def test_fingerprint_follows_the_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("One article.\n", encoding="utf-8")
    before = build.shared_fingerprint(folder)
    assert build.shared_fingerprint(folder) == before
    (folder / "a.txt").write_text("One article, edited.\n", encoding="utf-8")
    assert build.shared_fingerprint(folder) != before


def test_summary_markdown_is_rendered_and_raw_html_is_shown_as_text():
    rendered = build.summary_html("Every figure is measured on the article **body**; *stated* means `printed` <script>alert(1)</script>")
    assert "<strong>body</strong>" in rendered and "<em>stated</em>" in rendered and "<code>printed</code>" in rendered
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered


def _index_for(tmp_path, n_articles):
    exports = tmp_path / "exports"
    exports.mkdir()
    for source in build.notebook_sources():
        (exports / f"{source.stem}.html").write_text("<html></html>", encoding="utf-8")
    documents = [{"doc_id": f"doc_{i}", "n_bytes": 1000 + i, "sha256": "0" * 64} for i in range(n_articles)]
    return build.write_index(exports, config.SEEDS_DIR, documents, "2026-11-25 12:00 UTC").read_text(encoding="utf-8")


def test_the_index_renders_each_reports_summary_and_lists_small_corpora_open(tmp_path):
    page = _index_for(tmp_path, 5)
    # The corpus report's first paragraph says the body is what is analysed, in bold.
    assert "<strong>body</strong>" in page and "**body**" not in page
    assert "<details open><summary>The 5 articles and their checksums" in page


def test_the_index_folds_the_checksums_of_a_large_corpus(tmp_path):
    page = _index_for(tmp_path, 2127)
    assert "2,127 articles from the corpus folder" in page
    assert "<details><summary>The 2,127 articles and their checksums" in page
    assert page.count("<tr><td>doc_") == 2127


SMALL_NOTEBOOK = """# %% [markdown]
# # A small report

# %% tags=["parameters"]
CORPUS_DIR = None

# %%
print("done")
"""


@pytest.mark.parametrize(("n_articles", "details"), [(5, "<details open=\"\"><summary>The 5 articles"), (2127, "<details><summary>The 2,127 articles")])
def test_a_report_footer_lists_its_articles_folded_when_many(tmp_path, n_articles, details):
    source = tmp_path / "98_small.py"
    source.write_text(SMALL_NOTEBOOK, encoding="utf-8")
    documents = [{"doc_id": f"doc_{i}", "file": f"doc_{i}.txt", "sha256": f"{i:064x}", "n_bytes": 100} for i in range(n_articles)]
    workbook = {"built": "2026-11-25 12:00 UTC", "corpus": "/data/articles", "documents": documents,
                "list_documents_open": n_articles <= 20}
    target, _ = build.run_notebook(str(source), str(tmp_path / "out"), {"CORPUS_DIR": str(config.SEEDS_DIR)}, workbook)
    page = open(target, encoding="utf-8").read()
    assert details in page
    assert page.count("<tr><td>doc_") == n_articles  # every article is still listed, with its checksum
    assert f"<code>{n_articles - 1:064x}</code>" in page


def test_a_build_on_packages_the_lock_does_not_pin_is_refused(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(build.environment, "mismatches", lambda lock: ["pandas: 9.9 installed, 3.1.1 pinned"])
    monkeypatch.delenv("WORKBOOK_ALLOW_UNPINNED", raising=False)
    assert build.main(["--exports", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "not the ones requirements.lock pins (1)" in err and "pandas: 9.9 installed, 3.1.1 pinned" in err and "make env" in err
    assert not (tmp_path / "out").exists()  # nothing written


def test_progress_names_the_cell_and_its_section(capsys):
    notebook = jupytext.reads(FAILING_NOTEBOOK.replace("# %%\nx = 1", "# %% [markdown]\n# ## Second part\n\n# %%\nx = 1"), fmt="py:percent")
    hook = build._progress_printer("99_demo", notebook)
    for index, cell in enumerate(notebook.cells):
        hook(cell=cell, cell_index=index)
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["    99_demo: cell 1 of 3 · A notebook that fails", "    99_demo: cell 2 of 3 · Second part"]


@pytest.mark.parametrize("source", build.notebook_sources(), ids=lambda path: path.name)
def test_saving_a_notebook_from_jupyterlab_leaves_its_text_file_unchanged(source):
    # JupyterLab saves through jupytext with the kernel's language_info and widget state; neither may reach the .py.
    notebook = jupytext.read(source)
    notebook.metadata["language_info"] = {"name": "python", "version": "3.11.7", "mimetype": "text/x-python"}
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    assert jupytext.writes(notebook, fmt="py:percent") == source.read_text(encoding="utf-8")


RANDOM_NOTEBOOK = """# %% [markdown]
# # A notebook with a random output
#
# First wording of the prose.

# %% tags=["parameters"]
CORPUS_DIR = None

# %%
import random
print(f"drawn {random.random():.12f}")
"""


def test_a_markdown_edit_changes_only_the_prose_fingerprint(tmp_path):
    paths = {}
    for name, text in (("a", RANDOM_NOTEBOOK), ("b", RANDOM_NOTEBOOK.replace("First wording", "Second wording")),
                       ("c", RANDOM_NOTEBOOK.replace("drawn", "picked"))):
        paths[name] = tmp_path / f"{name}.py"
        paths[name].write_text(text, encoding="utf-8")
    assert build.code_fingerprint(paths["a"]) == build.code_fingerprint(paths["b"])
    assert build.code_fingerprint(paths["a"]) != build.code_fingerprint(paths["c"])


def test_a_markdown_edit_is_rendered_with_the_outputs_of_the_last_run(tmp_path):
    source = tmp_path / "98_random.py"
    source.write_text(RANDOM_NOTEBOOK, encoding="utf-8")
    out = tmp_path / "out"
    parameters = {"CORPUS_DIR": str(config.SEEDS_DIR)}
    first_html = open(build.run_notebook(str(source), str(out), parameters, {})[0], encoding="utf-8").read()
    drawn = first_html[first_html.index("drawn "):first_html.index("drawn ") + 20]
    source.write_text(RANDOM_NOTEBOOK.replace("First wording", "Second wording"), encoding="utf-8")
    target, _ = build.rerender_notebook(str(source), str(out), parameters, {})
    html = open(target, encoding="utf-8").read()
    assert "Second wording" in html and "First wording" not in html
    assert drawn in html  # the same random draw: the code was not run again
    source.write_text(RANDOM_NOTEBOOK.replace("drawn", "picked"), encoding="utf-8")
    with pytest.raises(build.NotebookFailed, match="code cells differ"):
        build.rerender_notebook(str(source), str(out), parameters, {})


def test_contents_list_the_sections_after_the_findings_and_trust_box():
    page = ('<html><body><main class="jp-Notebook"><h1 id="T">Title</h1>'
            '<section id="key-findings"><h2 id="Key-findings">Key findings</h2></section>'
            '<aside id="how-far-to-trust-this"></aside>'
            '<h2 id="Who-published">Who published<a class="anchor-link" href="#Who-published">¶</a></h2>'
            '<h2 id="When">When &lt;exactly&gt;</h2></main></body></html>')
    html = build.with_contents(page)
    nav = html[html.index('class="wb-toc"'):html.index("</nav>")]
    assert '<a href="#Who-published">Who published</a>' in nav and "When &lt;exactly&gt;" in nav
    assert "Key findings" not in nav
    assert html.index("how-far-to-trust-this") < html.index("wb-toc") < html.index('id="Who-published"')
    assert build.with_contents("<html><body><h2 id='a'>only one</h2></body></html>").count("wb-toc") == 0


def test_a_build_run_in_process_leaves_the_callers_environment_as_it_was(tmp_path, monkeypatch):
    # The build marks its process as a build (the corpus layer then uses the result cache); a test or
    # script that calls it must not stay marked, or its later corpus reads come from the cache.
    for name in ("WORKBOOK_BUILD", "WORKBOOK_CORPUS", "WORKBOOK_EXPORTS"):
        monkeypatch.delenv(name, raising=False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")  # refused once the build has set its environment
    assert build.main(["--corpus", str(corpus), "--exports", str(tmp_path / "out")]) == 2
    assert not {"WORKBOOK_BUILD", "WORKBOOK_CORPUS", "WORKBOOK_EXPORTS"} & set(os.environ)
