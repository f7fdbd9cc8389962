"""An on-disk cache for results that are slow to compute and do not depend on the corpus.

The rhetoric notebook scores the detector on 188 held-out articles of the
Propaganda Techniques Corpus. That takes about 25 seconds and its answer depends
only on the detector (this package's code and data files) and on the PTC files,
never on the articles being analysed, so a rebuild after editing a notebook
need not pay for it again. :func:`cached` stores such a result under a key
hashed from the *contents* of everything it depends on, so any edit to the
package, its data or the inputs makes a new key and the result is computed
afresh; nothing is trusted by date or by name.

The cache lives in ``.cache/`` under the project (``WORKBOOK_CACHE`` overrides
it; ``make clean`` removes it). Each name keeps only its newest entry. A cache
file that cannot be read is reported with a warning and recomputed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from analysis import config
from analysis.report import environment

T = TypeVar("T")


def cache_dir() -> Path:
    """Folder of cached results (``.cache/`` in the project unless ``WORKBOOK_CACHE`` says otherwise)."""
    override = os.environ.get("WORKBOOK_CACHE")
    return Path(override).expanduser().resolve() if override else config.PROJ_ROOT / ".cache"


def digest_files(paths: Iterable[Path], root: Path) -> str:
    """SHA-256 over the files' paths (relative to ``root``) and contents, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def package_files() -> list[Path]:
    """Every source and data file of the ``analysis`` package (what any result of it depends on)."""
    return [
        path
        for path in config.PACKAGE_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    ]


def content_key(*inputs: Path) -> str:
    """A key for a result computed by this package from ``inputs`` (files or folders, read recursively).

    It changes when any file of the package changes, when any installed
    package changes, or when any input file is added, removed or edited.
    """
    parts = [
        digest_files(package_files(), config.PROJ_ROOT),
        environment.fingerprint(),
    ]
    for item in inputs:
        item = Path(item)
        if not item.exists():
            raise FileNotFoundError(f"{item}: cannot key a cached result on a missing input")
        files = [path for path in item.rglob("*") if path.is_file()] if item.is_dir() else [item]
        parts.append(digest_files(files, item if item.is_dir() else item.parent))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached(name: str, key: str, compute: Callable[[], T], folder: Path | None = None, keep: int = 1) -> T:
    """``compute()``'s result, from the cache when an entry ``name`` with this ``key`` exists.

    Parameters
    ----------
    name : str
        What the result is (a file-name-safe word such as ``"ptc-evaluation"``).
    key : str
        Hash of everything the result depends on (see :func:`content_key`).
    compute : callable
        Computes the result; it must be picklable (pandas objects, tuples, dicts).
    folder : Path, optional
        Cache folder instead of :func:`cache_dir`.
    keep : int
        How many entries of ``name`` to keep, newest first (the corpus layer keeps
        a few, one per corpus recently built; a result independent of the corpus
        keeps one).

    Returns
    -------
    The cached or freshly computed result; a fresh result replaces the oldest entries of ``name`` beyond ``keep``.
    """
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"cache name must be letters, digits, '-' or '_', not {name!r}")
    folder = cache_dir() if folder is None else Path(folder)
    path = folder / f"{name}-{key[:32]}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception as error:  # a truncated or foreign file: recompute rather than fail the build
            warnings.warn(f"{path}: unreadable cache entry ({error}); computing it again", stacklevel=2)
    result = compute()
    folder.mkdir(parents=True, exist_ok=True)
    # Write to a temporary file and rename, so a killed build never leaves half an entry.
    with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", delete=False) as handle:
        pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, path)
    entries = sorted(folder.glob(f"{name}-*.pickle"), key=lambda entry: entry.stat().st_mtime, reverse=True)
    for stale in [entry for entry in entries if entry != path][max(keep - 1, 0):]:
        stale.unlink(missing_ok=True)
    return result
