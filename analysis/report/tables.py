"""Write reusable tables to ``<exports>/tables/`` with their column dictionary.

Every table a notebook shows that a reader may want to reuse goes through
:func:`write_table`, which writes ``<name>.csv`` and a sidecar
``<name>.columns.json`` (what a row is, what each column means). The build
collects the sidecars into ``tables/README.md`` and the index page, so the
column dictionary cannot drift from the files.

Text cells that a spreadsheet would run as a formula are written with a ``'``
before them (:func:`spreadsheet_safe`, OWASP's advice against CSV injection):
a title or sentence that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return. :func:`read_table` reads a table back with that ``'`` removed.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from analysis import config


#: How a formula starts in Excel, LibreOffice and Google Sheets (OWASP, "CSV Injection"):
#: = + - @, a tab or a carriage return, possibly behind quotes already (kept reversible).
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
#: A plain number a spreadsheet reads as a number, not a formula ("-0.5", "+3", "-12%"): kept as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")

#: What tables/README.md and the index page say about the rule.
FORMULA_NOTE = (
    "A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage "
    "return, and is not a plain number such as -0.5) is written with a ' before it, as OWASP advises against CSV "
    "injection; so is such a cell that already starts with quotes. To recover the raw text, remove the first ' "
    "from every cell that starts with one or more ' followed by one of those characters "
    "(analysis.report.tables.read_table does this). Numeric columns are never changed, and offsets (start, end) "
    "always refer to the raw article text."
)


def spreadsheet_safe_text(value: object) -> object:
    """``value`` with a ``'`` before it when it is text a spreadsheet would run as a formula (see :data:`FORMULA_NOTE`)."""
    if isinstance(value, str) and _FORMULA_START.match(value) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def raw_text(value: object) -> object:
    """The inverse of :func:`spreadsheet_safe_text`: the cell's text as it was before it was written."""
    if isinstance(value, str) and _NEUTRALISED.match(value):
        return value[1:]
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells cannot run as formulas (:func:`spreadsheet_safe_text`);
    numbers, booleans and missing values are untouched."""
    text_columns = _text_columns(frame)
    if not text_columns:
        return frame
    safe = frame.copy()
    for column in text_columns:
        safe[column] = frame[column].map(spreadsheet_safe_text, na_action="ignore")
    return safe


def write_csv(frame: pd.DataFrame, path: Path | str, *, mode: str = "w", header: bool = True, float_format: str | None = None) -> None:
    """Write ``frame`` as the workbook writes every CSV: UTF-8, ``\\n`` line ends, no index, text
    cells made spreadsheet-safe (:func:`spreadsheet_safe`).

    Python's CSV writer quotes a field holding ``\\n`` but not one holding only a
    carriage return, which every reader takes for the end of the row; a frame
    with such a cell is written with every text field quoted.
    """
    safe = spreadsheet_safe(frame)
    text = _text_columns(safe)
    bare_cr = any(safe[column].map(lambda v: isinstance(v, str) and "\r" in v, na_action="ignore").fillna(False).any() for column in text)
    quoting = csv.QUOTE_NONNUMERIC if bare_cr else csv.QUOTE_MINIMAL
    safe.to_csv(path, mode=mode, header=header, index=False, lineterminator="\n", float_format=float_format, quoting=quoting)


def read_table(path: Path | str, **read_csv) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (or the scale path) with its raw text restored.

    Every text column is read as text, so ``"-0.5"`` in a text column stays the
    text it was; numeric columns are parsed as pandas parses them.
    """
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], **read_csv)
    for column in _text_columns(frame):
        frame[column] = frame[column].map(raw_text, na_action="ignore")
    return frame


def _text_columns(frame: pd.DataFrame) -> list:
    return [column for column in frame.columns if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column].dtype)]


def write_table(
    frame: pd.DataFrame,
    name: str,
    description: str,
    columns: dict[str, str],
    folder: Path | None = None,
) -> Path:
    """Write ``frame`` as ``<folder>/<name>.csv`` plus its column dictionary.

    Parameters
    ----------
    frame : DataFrame
        The table; written without the index, UTF-8, ``\\n`` line endings, floats
        to 12 significant digits, text that would run as a spreadsheet formula
        behind a ``'`` (:func:`spreadsheet_safe`).
    name : str
        Stable file stem, e.g. ``"segments"``.
    description : str
        One sentence: what one row is and where it comes from.
    columns : dict
        ``column -> meaning`` for every column of ``frame``, in order.
    folder : Path, optional
        Defaults to :func:`analysis.config.tables_dir`.

    Raises
    ------
    ValueError
        When ``columns`` does not document exactly the columns of ``frame``.
    """
    if list(columns) != list(frame.columns):
        raise ValueError(
            f"table {name!r}: the column dictionary {list(columns)} does not match the columns {list(frame.columns)}"
        )
    folder = Path(folder) if folder is not None else config.tables_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    # 12 significant digits: beyond any figure's meaning, and stable when a float
    # sum's last bit differs between platforms or summation orders.
    write_csv(frame, path, float_format="%.12g")
    sidecar = {"table": f"{name}.csv", "description": description, "rows": int(len(frame)), "columns": columns}
    (folder / f"{name}.columns.json").write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def column_dictionary(folder: Path | None = None) -> list[dict]:
    """All sidecars under ``folder`` (default: the tables folder), sorted by table name."""
    folder = Path(folder) if folder is not None else config.tables_dir()
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.columns.json"))]
