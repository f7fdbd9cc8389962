"""analysis.report.result_cache: results keyed on the contents of what they depend on."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.report import result_cache


def counting(value):
    """A compute function that records how often it ran."""
    calls = []

    def compute():
        calls.append(1)
        return value

    return compute, calls


def test_a_result_is_computed_once_per_key(tmp_path):
    frame = pd.DataFrame({"technique": ["Loaded_Language"], "f1": [0.249]})
    compute, calls = counting(frame)
    first = result_cache.cached("scores", "a" * 64, compute, folder=tmp_path)
    second = result_cache.cached("scores", "a" * 64, compute, folder=tmp_path)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(second, first)
    result_cache.cached("scores", "b" * 64, compute, folder=tmp_path)
    assert len(calls) == 2
    # Only the newest entry of a name is kept; other names are left alone.
    result_cache.cached("other", "c" * 64, counting(1)[0], folder=tmp_path)
    assert sorted(path.name[:8] for path in tmp_path.glob("*.pickle")) == ["other-cc", "scores-b"]
    assert not list(tmp_path.glob(".*")), "no temporary file is left behind"


def test_an_unreadable_entry_is_recomputed_with_a_warning(tmp_path):
    compute, calls = counting({"micro": (0.2, 0.19, 0.193)})
    result_cache.cached("ptc", "d" * 64, compute, folder=tmp_path)
    entry = next(tmp_path.glob("ptc-*.pickle"))
    entry.write_bytes(entry.read_bytes()[:10])  # as if the disk filled up mid-write
    with pytest.warns(UserWarning, match="unreadable cache entry"):
        assert result_cache.cached("ptc", "d" * 64, compute, folder=tmp_path) == {"micro": (0.2, 0.19, 0.193)}
    assert len(calls) == 2


def test_names_that_are_not_file_name_safe_are_refused(tmp_path):
    with pytest.raises(ValueError, match="cache name"):
        result_cache.cached("../escape", "e" * 64, lambda: 1, folder=tmp_path)


def test_the_key_follows_the_input_files_contents(tmp_path):
    inputs = tmp_path / "labels"
    inputs.mkdir()
    (inputs / "a.txt").write_text("111111111\tLoaded_Language\t10\t20\n", encoding="utf-8")
    key = result_cache.content_key(inputs)
    assert result_cache.content_key(inputs) == key
    (inputs / "a.txt").write_text("111111111\tLoaded_Language\t10\t21\n", encoding="utf-8")
    edited = result_cache.content_key(inputs)
    assert edited != key
    (inputs / "b.txt").write_text("another article\n", encoding="utf-8")
    assert result_cache.content_key(inputs) not in {key, edited}
    with pytest.raises(FileNotFoundError, match="missing input"):
        result_cache.content_key(tmp_path / "absent.labels")


def test_the_key_follows_the_package_source(tmp_path, monkeypatch):
    # A copy of the package whose detector data is then edited, as a user tuning the lexicon would.
    package = tmp_path / "analysis"
    (package / "data").mkdir(parents=True)
    lexicon = config.PACKAGE_DATA_DIR / "rhetoric_lexicon.csv"
    (package / "data" / lexicon.name).write_bytes(lexicon.read_bytes())
    (package / "rhetoric").mkdir()
    (package / "rhetoric" / "detector.py").write_bytes((config.PACKAGE_DIR / "rhetoric" / "detector.py").read_bytes())
    (tmp_path / "requirements.lock").write_bytes((config.PROJ_ROOT / "requirements.lock").read_bytes())
    monkeypatch.setattr(config, "PROJ_ROOT", tmp_path)
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    inputs = tmp_path / "input.txt"
    inputs.write_text("text\n", encoding="utf-8")
    key = result_cache.content_key(inputs)
    with (package / "data" / lexicon.name).open("a", encoding="utf-8") as handle:
        handle.write("reckless,loaded_language,curated,test\n")
    assert result_cache.content_key(inputs) != key


def test_the_cache_folder_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "elsewhere"))
    assert result_cache.cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("WORKBOOK_CACHE")
    assert result_cache.cache_dir() == config.PROJ_ROOT / ".cache"


def test_a_name_keeps_its_newest_entries_up_to_keep(tmp_path):
    for n in range(5):
        assert result_cache.cached("layer", str(n) * 64, lambda n=n: n, folder=tmp_path, keep=3) == n
    assert len(list(tmp_path.glob("layer-*.pickle"))) == 3
    # The three newest survive; the oldest two were computed afresh if asked for again.
    assert result_cache.cached("layer", "4" * 64, lambda: "recomputed", folder=tmp_path, keep=3) == 4
    assert result_cache.cached("layer", "0" * 64, lambda: "recomputed", folder=tmp_path, keep=3) == "recomputed"
