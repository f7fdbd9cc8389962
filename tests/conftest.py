"""Shared fixtures: the real seeds, the outside data in ../shared/data, and named texts."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from analysis import config
from analysis.corpus import loading


@pytest.fixture(scope="session")
def seed_docs():
    """The five seeds, loaded and verified exactly as the notebooks load them."""
    return loading.load_corpus(config.SEEDS_DIR)


@pytest.fixture(scope="session")
def seed_raw(seed_docs):
    """``doc_id -> raw text`` of the seeds."""
    return dict(zip(seed_docs["doc_id"], seed_docs["raw"]))


@pytest.fixture(scope="session")
def seed_segments(seed_docs):
    return loading.segment_corpus(seed_docs)


@pytest.fixture(scope="session")
def bbc_dir():
    """The BBC corpus in ../shared/data (skips when the outside data is absent)."""
    folder = config.shared_data_dir() / "bbc"
    if not folder.is_dir():
        pytest.skip(f"outside data not found at {folder}")
    return folder


#: Headless Chromium as root on a closed network: no sandbox, no background traffic.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def skip_or_fail(reason: str):
    """Skip locally; fail in CI, where WORKBOOK_REQUIRE_BROWSER=1 makes browser checks mandatory."""
    if os.environ.get("WORKBOOK_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium context driven by Playwright (Debian's /usr/bin/chromium)."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        skip_or_fail("no Chromium installed (Debian: apt-get install chromium); browser checks skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        user_dir = tempfile.mkdtemp(prefix="workbook-chromium-")
        context = playwright.chromium.launch_persistent_context(
            user_dir, executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield context
        context.close()
        shutil.rmtree(user_dir, ignore_errors=True)


# In CI, property tests draw the same examples every run (a reproducible pass or
# failure); locally they explore new random examples each time.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
