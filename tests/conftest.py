"""Shared fixtures: the real seeds, the outside data in ../shared/data, and named texts."""

from __future__ import annotations

import pytest

from analysis import config, corpus


@pytest.fixture(scope="session")
def seed_docs():
    """The five seeds, loaded and verified exactly as the notebooks load them."""
    return corpus.load_corpus(config.SEEDS_DIR)


@pytest.fixture(scope="session")
def seed_raw(seed_docs):
    """``doc_id -> raw text`` of the seeds."""
    return dict(zip(seed_docs["doc_id"], seed_docs["raw"]))


@pytest.fixture(scope="session")
def seed_segments(seed_docs):
    return corpus.segment_corpus(seed_docs)


@pytest.fixture(scope="session")
def bbc_dir():
    """The BBC corpus in ../shared/data (skips when the outside data is absent)."""
    folder = config.shared_data_dir() / "bbc"
    if not folder.is_dir():
        pytest.skip(f"outside data not found at {folder}")
    return folder
