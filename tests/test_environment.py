"""The pinned environment: requirements.txt, requirements.lock, environment.yml and what is installed agree."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis import config
from analysis.report import environment

LOCK = config.PROJ_ROOT / "requirements.lock"


def _environment_yml_pins() -> dict[str, str]:
    text = (config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
    entries = [line.strip()[2:].strip() for line in text.split("- pip:", 1)[1].splitlines() if line.strip().startswith("- ")]
    pins = {}
    for entry in entries:
        if entry != "-e .":
            name, version = entry.split("==")
            pins[environment.normalise(name)] = version
    return pins


def test_environment_yml_is_generated_from_the_lock():
    # `make environment.yml` writes exactly this text; a lock edited without regenerating it fails here.
    assert (config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8") == environment.conda_environment(LOCK)
    assert _environment_yml_pins() == environment.read_lock(LOCK)
    assert "python=3.11" in (config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")


def test_the_conda_file_comes_from_the_module_make_runs():
    result = subprocess.run([sys.executable, "-m", "analysis.report.environment", str(LOCK)],
                            capture_output=True, text=True, cwd=config.PROJ_ROOT, check=True)
    assert result.stdout == environment.conda_environment(LOCK)


def test_lock_pins_every_top_level_package_at_the_same_version():
    requirements = environment.read_lock(config.PROJ_ROOT / "requirements.txt")
    lock = environment.read_lock(LOCK)
    for name, version in requirements.items():
        assert lock.get(name) == version, f"{name}: requirements.txt {version}, requirements.lock {lock.get(name)}"


def test_what_is_installed_is_what_the_lock_pins():
    assert environment.mismatches(LOCK) == []


def test_a_mismatch_names_the_package_and_both_versions(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# a comment\npandas==0.0.1\nno-such-package-here==1.0\n", encoding="utf-8")
    problems = environment.mismatches(lock)
    assert problems[0] == "no-such-package-here: not installed (1.0 pinned)"
    assert problems[1].startswith("pandas: ") and problems[1].endswith("installed, 0.0.1 pinned")


def test_a_loose_pin_is_refused_naming_the_line(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("pandas==3.1.1\nnumpy>=2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"requirements.lock: line 2 is not an exact pin"):
        environment.read_lock(lock)


def test_names_compare_as_pip_compares_them():
    assert environment.normalise("vaderSentiment") == "vadersentiment"
    assert environment.normalise("flit_core") == environment.normalise("Flit.Core") == "flit-core"
