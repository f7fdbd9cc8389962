"""The build under faults: unreadable state, truncated reports, failing and dying notebooks,
Ctrl-C and SIGTERM, and hostile folder names given to ``make report CORPUS=...``.

Each build here runs small notebooks written for the test on a two-article corpus, in a
subprocess (``python -m analysis.report.build`` with a notebook folder of its own), so a
kill reaches the build exactly as it would from a terminal.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from analysis import config
from analysis.report import build

OK = """# %% [markdown]
# # A small report
#
# It prints a line.

# %% tags=["parameters"]
CORPUS_DIR = None

# %%
print("report body")
"""

FAILING = OK.replace('print("report body")', 'raise ValueError("boom")')
DYING = OK.replace('print("report body")', "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
SLEEPING = OK.replace('print("report body")', "import os, pathlib, time\npathlib.Path(os.environ['KERNEL_PID_FILE']).write_text(str(os.getpid()))\ntime.sleep(300)")

#: Runs the build with its notebooks taken from NOTEBOOKS (a folder of the test's).
RUNNER = """
import sys
from pathlib import Path
from analysis import config
config.NOTEBOOKS_DIR = Path(sys.argv[1])
from analysis.report import build
sys.exit(build.main(sys.argv[2:]))
"""


@pytest.fixture
def workspace(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in sorted(p.name for p in config.SEEDS_DIR.glob("*.txt"))[:2]:
        shutil.copy(config.SEEDS_DIR / name, corpus / name)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "tmp").mkdir()
    return tmp_path


def _notebook(workspace, name, text):
    (workspace / "notebooks" / name).write_text(text, encoding="utf-8")


def _start(workspace, *extra, **popen):
    env = {**os.environ, "TMPDIR": str(workspace / "tmp"), "KERNEL_PID_FILE": str(workspace / "kernel.pid"),
           "WORKBOOK_CORPUS": "", "WORKBOOK_EXPORTS": "", "WORKBOOK_ALLOW_UNPINNED": "1"}
    argv = [sys.executable, "-c", RUNNER, str(workspace / "notebooks"), "--corpus", str(workspace / "corpus"),
            "--exports", str(workspace / "exports"), *extra]
    return subprocess.Popen(argv, cwd=config.PROJ_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def _build(workspace, *extra, timeout=180):
    process = _start(workspace, *extra)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def test_a_zero_byte_build_state_is_treated_as_absent_and_said_so(workspace):
    _notebook(workspace, "98_ok.py", OK)
    (workspace / "exports").mkdir()
    (workspace / "exports" / build.STATE_FILE).write_bytes(b"")  # kill -9 while it was written
    code, out, err = _build(workspace)
    assert code == 0, err
    assert ".build-state.json is unreadable (0 bytes" in err and "every notebook is run again" in err
    assert "report body" in (workspace / "exports" / "98_ok.html").read_text(encoding="utf-8")
    assert "up to date" in _build(workspace)[1]  # the state written now is whole


def test_a_truncated_report_is_rebuilt_not_called_up_to_date(workspace):
    _notebook(workspace, "98_ok.py", OK)
    assert _build(workspace)[0] == 0
    report = workspace / "exports" / "98_ok.html"
    report.write_bytes(b"")  # what a kill during the old non-atomic write left
    code, out, err = _build(workspace)
    assert code == 0 and "up to date" not in out and "98_ok.py:" in out, err
    assert "report body" in report.read_text(encoding="utf-8")


def test_a_failed_notebook_is_marked_in_the_index_and_its_old_report_is_not_presented_as_current(workspace):
    _notebook(workspace, "98_ok.py", OK)
    assert _build(workspace)[0] == 0
    _notebook(workspace, "98_ok.py", FAILING)
    code, out, err = _build(workspace)
    assert code == 1 and "FAILED 98_ok.py: cell 3 failed: ValueError: boom" in err
    index = (workspace / "exports" / "index.html").read_text(encoding="utf-8")
    assert "FAILED in this build" in index and "ValueError: boom" in index
    assert 'href="98_ok.html"' not in index and 'href="98_ok.previous.html"' in index
    assert not (workspace / "exports" / "98_ok.html").exists()
    # Still failing next time (not up to date), and fixed once the notebook is.
    assert _build(workspace)[0] == 1
    _notebook(workspace, "98_ok.py", OK)
    assert _build(workspace)[0] == 0
    index = (workspace / "exports" / "index.html").read_text(encoding="utf-8")
    assert "FAILED" not in index and 'href="98_ok.html"' in index and not (workspace / "exports" / "98_ok.previous.html").exists()


@pytest.mark.slow
def test_a_dead_kernel_fails_the_notebook_naming_the_cell_without_hanging(workspace):
    _notebook(workspace, "97_dead.py", DYING)
    _notebook(workspace, "98_ok.py", OK)
    started = time.monotonic()
    code, out, err = _build(workspace, timeout=300)
    assert time.monotonic() - started < 120
    assert code == 1 and "FAILED 97_dead.py: cell 3 (begins 'import os, signal') failed: the kernel died" in err, err
    assert "98_ok.py:" in out  # the other notebook still ran
    assert list((workspace / "tmp").iterdir()) == []  # no socket folder left behind


def _wait_for(path, process, seconds=120):
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the notebook never started"
        time.sleep(0.1)


def _alive(pids):
    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_an_interrupted_build_says_so_in_one_line_and_ends_every_child(workspace, how):
    _notebook(workspace, "97_sleeping.py", SLEEPING)
    process = _start(workspace, start_new_session=True)
    _wait_for(workspace / "kernel.pid", process)
    kernel = int((workspace / "kernel.pid").read_text())
    children = [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
    assert kernel in children
    if how == "SIGTERM":
        process.terminate()
    else:  # a terminal sends SIGINT to the whole foreground process group
        os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted: stopped 1 notebook(s) before they finished (97_sleeping.py)" in err
    assert "Traceback" not in err and "zmq" not in err.lower() and "asyncio" not in err, err
    time.sleep(0.5)
    assert _alive(children) == [], "worker or kernel processes outlived the build"
    assert list((workspace / "tmp").iterdir()) == []  # kernel sockets and job files removed


# --------------------------------------------------------------------------- make report CORPUS=...


HOSTILE_FOLDER_NAMES = [
    "x`touch {marker}`y",
    "x$(touch {marker})y",
    "x$$(touch {marker})y",
    "x$(shell touch {marker})y",
    'x"y',
    "x\ny",
    "x$Hy",
]


def _make_report(corpus: str, cwd: Path):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(config.PROJ_ROOT), "-o", ".venv/.installed", "report",
         f"CORPUS={corpus}", f"PY={sys.executable}"],
        cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "WORKBOOK_CORPUS": "", "WORKBOOK_EXPORTS": "", "WORKBOOK_ALLOW_UNPINNED": "1"},
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("name", HOSTILE_FOLDER_NAMES)
def test_make_report_passes_a_hostile_folder_name_through_literally(tmp_path, name):
    marker = f"PWNED-{os.getpid()}-{HOSTILE_FOLDER_NAMES.index(name)}"  # a command that ran would touch it in the project root
    folder = tmp_path / name.format(marker=marker)
    folder.mkdir()  # exists, and holds no article: the build must name exactly this folder
    try:
        done = _make_report(str(folder), tmp_path)
        assert not (config.PROJ_ROOT / marker).exists(), "a command in the folder name ran"
    finally:
        (config.PROJ_ROOT / marker).unlink(missing_ok=True)
    assert done.returncode != 0
    assert f"{folder}: corpus folder has no .txt articles" in done.stderr, done.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_report_never_analyses_the_project_when_corpus_expands_to_nothing(tmp_path):
    done = _make_report("$$(true)", tmp_path)
    assert done.returncode != 0 and "requirements.txt" not in done.stdout + done.stderr
    assert "$$(true): corpus folder does not exist" in done.stderr
    empty = subprocess.run([sys.executable, "-m", "analysis.report.build", "--corpus", ""], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert empty.returncode == 2 and "--corpus is empty" in empty.stderr


def test_a_manifest_linked_to_dev_zero_stops_the_build_with_a_clear_error(workspace):
    """load_corpus read it until the kernel killed it at 22 GB."""
    _notebook(workspace, "98_ok.py", OK)
    (workspace / "corpus" / "manifest.csv").symlink_to("/dev/zero")
    code, out, err = _build(workspace, timeout=120)
    assert code == 2 and "manifest.csv: is not a regular file" in err
    assert not (workspace / "exports" / "98_ok.html").exists()
