"""``python -m analysis.scale FOLDER --out DIR``: every per-document table of a folder, streamed.

In-process by default (:mod:`analysis.scale.stages`); ``--workers N`` or
``--scheduler ADDRESS`` run the same stages on a Dask cluster
(:mod:`analysis.scale.cluster`). This module imports both, so neither imports the other.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.errors import CorpusError, LeftOutFiles
from analysis.scale import cluster, stages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./workbook scale",
        description="Run the per-document stages over a folder of .txt articles, streaming CSV tables.",
    )
    parser.add_argument("folder", type=Path, help="folder of .txt articles")
    parser.add_argument("--out", type=Path, help="output folder for the CSV tables (default: <exports>/tables)")
    parser.add_argument("--pattern", default="*.txt", help="which files to read, e.g. '**/*.txt' to recurse (default: *.txt)")
    parser.add_argument("--chunk-size", type=int, default=stages.DEFAULT_CHUNK_SIZE, help=f"documents per chunk (default {stages.DEFAULT_CHUNK_SIZE})")
    parser.add_argument("--strict", action="store_true", help="stop at the first unusable file instead of listing it in inputs.csv")
    parser.add_argument("--no-rhetoric", action="store_true", help="skip the rhetoric stage (the slowest)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes on this machine (a local Dask cluster) when more than 1 (default 1)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786) to run the chunks on")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    options = {
        "pattern": args.pattern, "errors": "raise" if args.strict else "record",
        "include_rhetoric": not args.no_rhetoric, "progress": not args.quiet,
    }
    try:
        # The command line names the files left out itself, from inputs.csv, one plain line each.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=LeftOutFiles)
            if args.scheduler or args.workers > 1:
                with cluster.scheduler_for(args.scheduler, args.workers) as client:
                    written = cluster.stream_cluster_tables(args.folder, args.out or config.tables_dir(), client,
                                                            partition_size=args.chunk_size, **options)
            else:
                written = stages.write_corpus_tables(args.folder, args.out, chunk_size=args.chunk_size, **options)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    for name, path in written.items():
        print(f"  {path}")
    if "inputs" in written:
        inputs = pd.read_csv(written["inputs"], dtype=str, keep_default_na=False)
        left_out = inputs[inputs["problem"].ne("")]
        if len(left_out):
            print(f"warning: {len(left_out):,} of {len(inputs):,} file(s) left out (the problem column of inputs.csv):", file=sys.stderr)
            for file, problem in left_out[["file", "problem"]].itertuples(index=False):
                print(f"  {file}: {problem}", file=sys.stderr)
    print(f"Done in {seconds:.1f} s")
    return 0
