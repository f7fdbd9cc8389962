"""The per-document stages on a Dask cluster: the same helpers, one ``dask.dataframe`` partition at a time.

:mod:`analysis.scale.stages` runs the per-document stages on one machine, a chunk at a
time. This module hands the same chunks to a Dask ``distributed`` cluster: the list
of files becomes a ``dask.dataframe`` whose partitions are chunks of articles, and
each partition goes through :func:`analysis.scale.stages.document_tables` on a worker.
Nothing is scheduled by hand — Dask decides where and when each partition runs,
retries it if a worker dies, and streams results back::

    from analysis.scale import cluster
    tables = cluster.cluster_tables("path/to/folder", "tcp://scheduler:8786")   # -> pandas, in memory
    cluster.write_cluster_tables("/shared/corpus", "/shared/out", client)        # -> CSV parts on shared storage

``scheduler`` is anything :class:`distributed.Client` accepts — an address such as
``"tcp://10.0.0.5:8786"`` — or a ``Client`` you already hold (including one on a
``LocalCluster``). The results equal the in-process run row for row
(``tests/scale/test_cluster.py``): partitions are chunks of the same sorted file list,
every table is per document, and the one cross-document field — ``duplicate_of``
in the ``inputs`` table — is settled on the client after the partitions return.

What the workers need (README, "Running on a cluster"): this package installed in
their environment (``pip install -e .`` and ``python -m analysis.readability_tone.pronouncing``
once), and either the article files at the same path (shared storage) or the
texts shipped with the tasks (``documents=`` a frame with ``doc_id, raw``).
"""

from __future__ import annotations

import contextlib
import math
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from analysis.report.tables import write_csv
from analysis.scale import stages

#: Articles per partition unless told otherwise: a task of a few seconds, so the
#: scheduler's overhead (milliseconds per task) stays small and work spreads evenly.
DEFAULT_PARTITION_SIZE = stages.DEFAULT_CHUNK_SIZE


def connect(scheduler):
    """A :class:`distributed.Client` for ``scheduler`` (an address, or a Client returned as is)."""
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler
    if not isinstance(scheduler, str) or not scheduler:
        raise ValueError(f"scheduler must be a Dask scheduler address such as 'tcp://host:8786' or a distributed.Client, not {scheduler!r}")
    return Client(scheduler)


def file_table(folder: Path | str, pattern: str = "*.txt") -> pd.DataFrame:
    """The articles of a folder as a frame ``doc_id, path`` (sorted), the unit the cluster partitions."""
    folder = Path(folder)
    paths = stages.article_paths(folder, pattern)
    return pd.DataFrame({"doc_id": [stages.doc_id_of(path, folder) for path in paths], "path": [str(path) for path in paths]})


def _partition_from_files(part: pd.DataFrame, folder: str, errors: str, include_rhetoric: bool, manifest: dict[str, str]) -> dict[str, pd.DataFrame]:
    """Worker side: read one partition's files and run every stage on them."""
    documents, inputs = stages.read_inputs([Path(path) for path in part["path"]], folder, errors=errors, manifest=manifest)
    tables = stages.document_tables(documents, include_rhetoric=include_rhetoric)
    tables["inputs"] = pd.DataFrame(inputs, columns=list(stages.TABLE_SPECS["inputs"].columns))
    return tables


def _partition_from_texts(part: pd.DataFrame, include_rhetoric: bool) -> dict[str, pd.DataFrame]:
    """Worker side: run every stage on documents shipped with the task."""
    return stages.document_tables(part, include_rhetoric=include_rhetoric)


def mark_duplicates(inputs: pd.DataFrame) -> pd.DataFrame:
    """``inputs`` with ``duplicate_of`` set to the first earlier file with the same bytes (as the in-process run does)."""
    inputs = inputs.copy()
    readable = inputs["sha256"].astype(bool) & ~inputs["problem"].astype(bool)
    first = inputs[readable].groupby("sha256", sort=False)["doc_id"].transform("first")
    inputs["duplicate_of"] = ""
    inputs.loc[readable, "duplicate_of"] = first.where(first != inputs.loc[readable, "doc_id"], "")
    return inputs


def _partitions(frame: pd.DataFrame, npartitions: int | None, partition_size: int) -> list:
    """``frame`` as a ``dask.dataframe`` cut into row ranges, returned as its partitions (delayed pandas frames), in order."""
    import dask.dataframe as dd

    if frame.empty:
        raise ValueError("nothing to process: no documents")
    count = min(npartitions or max(1, math.ceil(len(frame) / partition_size)), len(frame))
    return dd.from_pandas(frame, npartitions=count, sort=False).to_delayed()


def submit_tables(
    client,
    folder: Path | str | None = None,
    documents: pd.DataFrame | None = None,
    pattern: str = "*.txt",
    npartitions: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    errors: str = "record",
    include_rhetoric: bool = True,
):
    """Submit one task per partition; returns the futures, in document order.

    Each future resolves to the tables of :func:`analysis.scale.stages.document_tables`
    for its partition (plus ``inputs`` when reading files).
    """
    import dask

    if (folder is None) == (documents is None):
        raise ValueError("give either folder= (files the workers can read) or documents= (a frame with doc_id, raw)")
    if folder is not None:
        parts = _partitions(file_table(folder, pattern), npartitions, partition_size)
        manifest = stages.folder_manifest(folder)
        tasks = [dask.delayed(_partition_from_files)(part, str(Path(folder)), errors, include_rhetoric, manifest) for part in parts]
    else:
        missing = {"doc_id", "raw"} - set(documents.columns)
        if missing:
            raise ValueError(f"documents lack the columns {sorted(missing)}")
        parts = _partitions(documents.reset_index(drop=True), npartitions, partition_size)
        tasks = [dask.delayed(_partition_from_texts)(part, include_rhetoric) for part in parts]
    return client.compute(tasks)


def cluster_tables(
    folder: Path | str | None = None,
    scheduler=None,
    documents: pd.DataFrame | None = None,
    pattern: str = "*.txt",
    npartitions: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    errors: str = "record",
    include_rhetoric: bool = True,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Every table of :func:`analysis.scale.stages.corpus_tables`, computed on a Dask cluster.

    Parameters
    ----------
    folder : path, optional
        Folder of articles; the workers read the files, so the path must be the
        same on every worker (shared storage).
    scheduler : str or distributed.Client
        The scheduler's address (``"tcp://host:8786"``) or a Client.
    documents : DataFrame, optional
        Instead of ``folder``: documents with ``doc_id`` and ``raw`` shipped to the
        workers with the tasks (no shared storage needed; no ``inputs`` table).
    npartitions, partition_size
        How the articles are split into tasks (default: ``partition_size``
        articles per partition).
    errors, include_rhetoric
        As in :func:`analysis.scale.stages.iter_chunk_tables`.
    progress : bool
        A tqdm bar counting finished partitions.

    Returns
    -------
    dict of DataFrame
        The same tables, columns and row order as the in-process run.
    """
    from distributed import as_completed

    if scheduler is None:
        raise ValueError("cluster_tables needs scheduler=: a Dask scheduler address or a distributed.Client")
    client = connect(scheduler)
    futures = submit_tables(client, folder, documents, pattern, npartitions, partition_size, errors, include_rhetoric)
    if progress:
        from tqdm.auto import tqdm

        for _ in tqdm(as_completed(futures), total=len(futures), desc="partitions", unit="part"):
            pass
    results = client.gather(futures)
    names = [name for name in stages.TABLE_NAMES if any(name in result for result in results)]
    tables = {name: stages.concat_tables(name, [result[name] for result in results if name in result]) for name in names}
    if "inputs" in tables:
        tables["inputs"] = mark_duplicates(tables["inputs"])
    return tables


def _write_partition(tables: dict[str, pd.DataFrame], out_dir: str, index: int) -> dict[str, int]:
    """Worker side: write one partition's tables as ``<out_dir>/<name>/part-<index>.csv``; returns row counts."""
    rows = {}
    for name, frame in tables.items():
        folder = Path(out_dir) / name
        folder.mkdir(parents=True, exist_ok=True)
        write_csv(frame, folder / f"part-{index:06d}.csv")
        rows[name] = len(frame)
    return rows


def write_cluster_tables(
    folder: Path | str,
    out_dir: Path | str,
    scheduler,
    pattern: str = "*.txt",
    npartitions: int | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    errors: str = "record",
    include_rhetoric: bool = True,
) -> dict[str, Path]:
    """Run the stages on the cluster and let each worker write its partition to shared storage.

    Writes ``<out_dir>/<name>/part-NNNNNN.csv`` (one per partition, in document
    order; concatenating them in name order gives the in-process CSV, except that
    ``inputs`` marks duplicates only within a partition) and the column
    dictionary ``<out_dir>/<name>.columns.json``. Nothing but row counts comes
    back to the client, so memory on the client stays flat however large the corpus.

    Returns
    -------
    dict
        ``name -> folder`` of its parts.
    """
    import dask

    client = connect(scheduler)
    parts = _partitions(file_table(folder, pattern), npartitions, partition_size)
    manifest = stages.folder_manifest(folder)
    tasks = [
        dask.delayed(_write_partition)(
            dask.delayed(_partition_from_files)(part, str(Path(folder)), errors, include_rhetoric, manifest), str(out_dir), index
        )
        for index, part in enumerate(parts)
    ]
    counts = client.gather(client.compute(tasks))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in stages.TABLE_NAMES:
        if any(name in count for count in counts):
            stages.write_sidecar(out, stages.TABLE_SPECS[name], sum(count.get(name, 0) for count in counts))
            written[name] = out / name
    return written


@contextlib.contextmanager
def scheduler_for(address: str | None = None, workers: int = 2) -> Iterator:
    """A Client on ``address``, or on a local cluster of ``workers`` single-threaded processes (closed on exit).

    The stages are pure Python (the GIL allows one thread per process to work),
    so a local cluster gets one thread per worker process, on 127.0.0.1, without
    a dashboard.
    """
    from distributed import Client, LocalCluster

    if address:
        with Client(address) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as local:
        with Client(local) as client:
            yield client


def stream_cluster_tables(
    folder: Path | str,
    out_dir: Path | str,
    scheduler,
    pattern: str = "*.txt",
    partition_size: int = DEFAULT_PARTITION_SIZE,
    errors: str = "record",
    include_rhetoric: bool = True,
    progress: bool = True,
    in_flight: int | None = None,
) -> dict[str, Path]:
    """Run the stages on the cluster and write the tables on this machine as they come back, in order.

    The same CSVs and column dictionaries as :func:`analysis.scale.stages.write_corpus_tables`
    (byte for byte): partitions are submitted a few at a time (``in_flight``,
    default twice the workers' threads) and each result is appended as soon as
    every partition before it is written, so memory on this machine holds a few
    partitions whatever the corpus size.
    """
    import dask
    from distributed import wait

    client = connect(scheduler)
    folder = Path(folder)
    parts = _partitions(file_table(folder, pattern), None, partition_size)
    manifest = stages.folder_manifest(folder)
    if in_flight is None:
        in_flight = max(2, 2 * sum(client.nthreads().values()))
    writer = stages.TableWriter(out_dir)
    seen: dict[str, str] = {}
    problems: list[str] = []
    pending: deque = deque()
    remaining = iter(parts)

    def submit_next() -> None:
        part = next(remaining, None)
        if part is not None:
            pending.append(client.compute(dask.delayed(_partition_from_files)(part, str(folder), errors, include_rhetoric, manifest)))

    for _ in range(in_flight):
        submit_next()
    with stages._progress(len(parts), progress, "partitions", unit="part") as bar:
        while pending:
            future = pending.popleft()
            wait(future)
            tables = future.result()
            future.release()
            submit_next()
            inputs = tables["inputs"]
            for index, (doc_id, file, sha256, problem) in enumerate(inputs[["doc_id", "file", "sha256", "problem"]].itertuples(index=False)):
                if sha256 and not problem:
                    first = seen.setdefault(sha256, doc_id)
                    inputs.iloc[index, inputs.columns.get_loc("duplicate_of")] = first if first != doc_id else ""
                elif problem:
                    problems.append(f"{file}: {problem}")
            writer.write(tables)
            bar.update(1)
    stages.warn_left_out(folder, problems)
    return writer.close()
