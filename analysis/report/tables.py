"""Write reusable tables to ``<exports>/tables/`` with their column dictionary.

Every table a notebook shows that a reader may want to reuse goes through
:func:`write_table`, which writes ``<name>.csv`` and a sidecar
``<name>.columns.json`` (what a row is, what each column means). The build
collects the sidecars into ``tables/README.md`` and the index page, so the
column dictionary cannot drift from the files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis import config


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
        to 12 significant digits.
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
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.12g")
    sidecar = {"table": f"{name}.csv", "description": description, "rows": int(len(frame)), "columns": columns}
    (folder / f"{name}.columns.json").write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def column_dictionary(folder: Path | None = None) -> list[dict]:
    """All sidecars under ``folder`` (default: the tables folder), sorted by table name."""
    folder = Path(folder) if folder is not None else config.tables_dir()
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.columns.json"))]
