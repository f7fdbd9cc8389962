"""Errors a user can act on: each names the file and says what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class CorpusError(ValueError):
    """An article or the manifest cannot be used as given.

    The message always starts with the offending path, so a user who sees it in a
    notebook traceback or a build log knows which file to fix.
    """

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ManifestError(CorpusError):
    """``manifest.csv`` is malformed, conflicts with the files, or a checksum differs."""


class LeftOutFiles(UserWarning):
    """Some files of a folder could not be analysed (empty, binary, too large …); the corpus
    goes on without them and the ``problem`` column of its inputs table says why for each."""
