"""The pinned environment: requirements.txt, requirements.lock and environment.yml agree."""

from __future__ import annotations

import re
from importlib import metadata

from analysis import config

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)$")


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"not an exact pin: {line!r}"
        pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def _environment_yml_pins() -> dict[str, str]:
    text = (config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")
    pip_section = text.split("- pip:", 1)[1]
    entries = [line.strip()[2:].strip() for line in pip_section.splitlines() if line.strip().startswith("- ")]
    return _pins(entry for entry in entries if entry != "-e .")


def test_environment_yml_names_exactly_the_pinned_top_level_packages():
    requirements = _pins((config.PROJ_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert _environment_yml_pins() == requirements
    assert "python=3.11" in (config.PROJ_ROOT / "environment.yml").read_text(encoding="utf-8")


def test_lock_pins_every_top_level_package_at_the_same_version():
    requirements = _pins((config.PROJ_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    lock = _pins((config.PROJ_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    for name, version in requirements.items():
        assert lock.get(name) == version, f"{name}: requirements.txt {version}, requirements.lock {lock.get(name)}"


def test_installed_versions_match_the_lock():
    lock = _pins((config.PROJ_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    for name in ("pandas", "numpy", "textstat", "vadersentiment", "spacy", "scikit-learn", "matplotlib", "seaborn"):
        assert metadata.version(name) == lock[name], f"{name} installed {metadata.version(name)}, locked {lock[name]}"
