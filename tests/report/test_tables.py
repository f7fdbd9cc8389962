"""analysis.report.tables: CSV plus a column dictionary that must match the frame."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import config
from analysis.report import tables


def test_write_table_and_dictionary(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a", "b"], "n": [1, 2]})
    path = tables.write_table(frame, "demo", "One row per thing.", {"doc_id": "id", "n": "count"}, folder=tmp_path)
    assert path.read_text(encoding="utf-8") == "doc_id,n\na,1\nb,2\n"
    sidecar = json.loads((tmp_path / "demo.columns.json").read_text(encoding="utf-8"))
    assert sidecar["rows"] == 2 and sidecar["columns"] == {"doc_id": "id", "n": "count"}
    assert tables.column_dictionary(tmp_path)[0]["table"] == "demo.csv"


def test_undocumented_column_is_refused(tmp_path):
    with pytest.raises(ValueError, match="does not match"):
        tables.write_table(pd.DataFrame({"a": [1], "b": [2]}), "x", "d", {"a": "only a"}, folder=tmp_path)


def test_a_table_written_outside_the_build_is_kept_apart_from_the_builds(monkeypatch):
    # JupyterLab runs a notebook without the build's WORKBOOK_EXPORTS: its tables must not replace exports/tables.
    monkeypatch.delenv("WORKBOOK_EXPORTS", raising=False)
    assert config.tables_dir() == config.INTERACTIVE_EXPORTS_DIR / "tables"
    assert config.tables_dir() != config.DEFAULT_EXPORTS_DIR / "tables"
    monkeypatch.setenv("WORKBOOK_EXPORTS", str(config.DEFAULT_EXPORTS_DIR))
    assert config.tables_dir() == config.DEFAULT_EXPORTS_DIR / "tables"
