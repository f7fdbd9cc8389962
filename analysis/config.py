"""Every path the workbook uses, resolved from the project root in one place.

Notebooks and scripts import these constants instead of writing relative paths,
so nothing depends on the current working directory.

Environment overrides (used by ``make report CORPUS=...`` and by tests):

``WORKBOOK_CORPUS``
    Folder of ``.txt`` articles to analyse instead of ``seeds/``.
``WORKBOOK_EXPORTS``
    Folder the HTML reports and tables are written to. The build always sets it
    (``exports/``, or ``exports-<corpus>/``); a notebook run by hand in JupyterLab
    leaves it unset and so writes to ``exports-interactive/``, never over the
    tables the build produced.
``WORKBOOK_SHARED_DATA``
    Folder of outside evaluation data instead of ``../shared/data``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = PROJ_ROOT / "analysis"
PACKAGE_DATA_DIR = PACKAGE_DIR / "data"
SEEDS_DIR = PROJ_ROOT / "seeds"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
DEFAULT_EXPORTS_DIR = PROJ_ROOT / "exports"
#: Where a notebook or script run outside the build writes its tables.
INTERACTIVE_EXPORTS_DIR = PROJ_ROOT / "exports-interactive"
DEFAULT_SHARED_DATA_DIR = PROJ_ROOT.parent / "shared" / "data"

MANIFEST_NAME = "manifest.csv"

#: Largest article the corpus layer accepts, in bytes. Real news articles are
#: 2-60 KB; 2 MB leaves room for long reports while refusing log dumps and
#: binaries renamed to .txt, which would stall every analysis.
MAX_ARTICLE_BYTES = 2_000_000

#: Largest manifest read, in bytes: a row is under 2 KB, so this is room for
#: 25,000 articles with long notes, and refuses a manifest linked to a device.
MAX_MANIFEST_BYTES = 50_000_000


def corpus_dir() -> Path:
    """Folder of articles analysed by this run (``seeds/`` unless overridden)."""
    override = os.environ.get("WORKBOOK_CORPUS")
    return Path(override).expanduser().resolve() if override else SEEDS_DIR


def exports_dir() -> Path:
    """Folder reports and tables are written to: the build's (``WORKBOOK_EXPORTS``), else ``exports-interactive/``."""
    override = os.environ.get("WORKBOOK_EXPORTS")
    return Path(override).expanduser().resolve() if override else INTERACTIVE_EXPORTS_DIR


def tables_dir() -> Path:
    """``<exports>/tables``: every reusable table as CSV, plus its column dictionary."""
    return exports_dir() / "tables"


def shared_data_dir() -> Path:
    """Outside evaluation data (BBC, PTC, lexicons); may be absent on a user's machine."""
    override = os.environ.get("WORKBOOK_SHARED_DATA")
    return Path(override).expanduser().resolve() if override else DEFAULT_SHARED_DATA_DIR
