"""Every command the README and the docs print works as printed, from a fresh clone.

Each shell block of README.md and docs/*.md is read command by command: a ``make``
target must exist (``make -n`` of it succeeds in the clone), a ``./workbook``
command must be one the workbook has (its ``--help`` succeeds in the clone), and
no command may call a bare ``python`` that only works in an activated environment.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

import pytest

from analysis import config

DOCUMENTS = [config.PROJ_ROOT / "README.md", *sorted((config.PROJ_ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"```(?:sh|bash|shell)\n(.*?)```", re.S)


def shell_commands() -> list[tuple[str, str]]:
    """``(document, command)`` for every command line of every shell block (continuations joined, comments cut)."""
    found = []
    for path in DOCUMENTS:
        for block in _BLOCK.findall(path.read_text(encoding="utf-8")):
            for command in block.replace("\\\n", " ").splitlines():
                command = command.split(" #")[0].strip()
                if command and not command.startswith("#"):
                    found.append((path.relative_to(config.PROJ_ROOT).as_posix(), command))
    return found


def test_the_documents_print_commands():
    commands = shell_commands()
    assert any(command == "make report" for _, command in commands)
    assert any(command.startswith("./workbook add") for _, command in commands)


@pytest.mark.parametrize("where,command", shell_commands())
def test_no_command_needs_an_activated_environment(where, command):
    first = shlex.split(command)[0]
    assert first not in {"python", "python3", "pip", "pytest", "jupyter"}, (
        f"{where}: {command!r} needs an activated environment; print `./workbook …`, `make …` or `.venv/bin/…`")


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A fresh clone of the last commit, using this checkout's environment (as bench/bench_build.py does)."""
    if shutil.which("git") is None or not (config.PROJ_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    target = tmp_path_factory.mktemp("readme") / "clone"
    subprocess.run(["git", "clone", "--quiet", str(config.PROJ_ROOT), str(target)], check=True)
    (target / ".venv").symlink_to(config.PROJ_ROOT / ".venv")
    return target


@pytest.mark.slow
@pytest.mark.parametrize("where,command", shell_commands())
def test_each_command_runs_as_printed_in_a_fresh_clone(where, command, clone):
    words = shlex.split(command)
    environment = {**os.environ, "WORKBOOK_SHARED_DATA": str(config.shared_data_dir())}
    if words[0] == "make":
        targets = [word for word in words[1:] if "=" not in word and not word.startswith("-")]
        result = subprocess.run(["make", "-n", *targets], cwd=clone, capture_output=True, text=True, env=environment)
    elif words[0] == "./workbook":
        # ./workbook runs `python -m analysis` with the checkout's environment; --help exercises the command itself.
        subcommand = [words[1]] if len(words) > 1 and not words[1].startswith("-") else []
        result = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-m", "analysis", *subcommand, "--help"],
                                cwd=clone, capture_output=True, text=True, env=environment)
    elif words[0] == ".venv/bin/python" and words[1] == "-m":
        result = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-m", words[2], "--help"],
                                cwd=clone, capture_output=True, text=True, env=environment)
    elif words[0] in {"conda", "dask", "git"}:
        pytest.skip(f"{words[0]} is not part of this project's environment")
    else:
        pytest.fail(f"{where}: {command!r}: no rule to check this command; add one here")
    assert result.returncode == 0, f"{where}: {command!r} failed as printed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"


def test_the_workbook_script_runs_the_commands_with_the_environment():
    result = subprocess.run([str(config.PROJ_ROOT / "workbook"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "./workbook <command>" in result.stdout and "evaluate" in result.stdout and "add" in result.stdout
    # A path relative to where the user stands keeps meaning that: the script does not change directory.
    result = subprocess.run([str(config.PROJ_ROOT / "workbook"), "add", "no-such-article.txt", "--dry-run"],
                            capture_output=True, text=True, cwd=config.PROJ_ROOT.parent)
    assert result.returncode != 0 and "no-such-article.txt: no such file" in result.stderr
