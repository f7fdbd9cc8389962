"""The rhetoric stage per article on BBC News articles, as the corpus-scale path runs it.

Run: ``.venv/bin/python bench/bench_rhetoric.py [--limit N] [--rounds N]``.

Loads the first ``--limit`` BBC articles (``../shared/data/bbc``; skipped with a
message when absent), segments them and splits their body sentences once
(untimed), then times :func:`analysis.rhetoric.detector.detect_devices` as
:mod:`analysis.scale.stages` calls it (given the sentences and segments, so the
attribution ledger inside it reuses them). The first pass warms the caches that
load data files and the tagger's model; the timed rounds follow. CPU time of the
process (``time.process_time``) is printed beside wall time, because on a machine
shared with other jobs it is the steadier of the two.

Ends with ``rhetoric_ms_per_article=<CPU ms>`` and the share of that spent in the
trained tagger (``tagger_ms_per_article``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="BBC articles to run on (default 300)")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds (default 2; the best is reported)")
    args = parser.parse_args(argv)
    folder = config.shared_data_dir() / "bbc"
    if not folder.is_dir():
        print(f"skipped: {folder} not found (outside data; ../shared/data/README.md says where it comes from)", file=sys.stderr)
        return 0
    import pandas as pd

    from analysis.corpus import loading
    from analysis.corpus.sentences import split_sentences
    from analysis.rhetoric import detector

    paths = sorted(p for p in folder.rglob("*.txt") if p.name != "README.TXT")[: args.limit]
    docs = pd.DataFrame({
        "doc_id": [f"{p.parent.name}_{p.stem}" for p in paths],
        "raw": [p.read_bytes().decode("utf-8", errors="replace") for p in paths],
    })
    docs["n_chars"] = docs["raw"].str.len()
    segments = loading.segment_corpus(docs)
    sentences = split_sentences(segments[segments["kind"].eq("body")].reset_index(drop=True), dict(zip(docs["doc_id"], docs["raw"])))
    print(f"{len(docs)} BBC articles, {len(sentences):,} body sentences", flush=True)
    detector.detect_devices(docs.head(20), sentences=sentences[sentences["doc_id"].isin(set(docs["doc_id"].head(20)))],
                            segments=segments[segments["doc_id"].isin(set(docs["doc_id"].head(20)))])  # warm-up
    best_cpu = best_wall = float("inf")
    n_spans = 0
    for round_number in range(1, args.rounds + 1):
        cpu, wall = time.process_time(), time.perf_counter()
        spans = detector.detect_devices(docs, sentences=sentences, segments=segments)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
        n_spans = len(spans)
        print(f"round {round_number} of {args.rounds}: {1000 * cpu / len(docs):.2f} ms CPU, {1000 * wall / len(docs):.2f} ms wall per article", flush=True)
    tagger_ms = float("nan")
    if hasattr(detector, "_tagger_matches"):
        texts = [raw[s:e] for raw, s, e in zip(sentences["doc_id"].map(dict(zip(docs["doc_id"], docs["raw"]))), sentences["start"], sentences["end"])]
        cpu = time.process_time()
        for text in texts:
            detector._tagger_matches(text)
        tagger_ms = 1000 * (time.process_time() - cpu) / len(docs)
    print(f"{n_spans:,} spans")
    print(f"rhetoric_ms_per_article={1000 * best_cpu / len(docs):.2f}")
    print(f"rhetoric_wall_ms_per_article={1000 * best_wall / len(docs):.2f}")
    print(f"tagger_ms_per_article={tagger_ms:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
