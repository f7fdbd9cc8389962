"""analysis.build: parameters, failing cells named, fingerprints, notebooks stored as text."""

from __future__ import annotations

import subprocess

import jupytext
import pytest

from analysis import build, config

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
