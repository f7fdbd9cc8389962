"""analysis.report.tables: CSV plus a column dictionary that must match the frame."""

from __future__ import annotations

import json

import pandas as pd
import pytest

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
