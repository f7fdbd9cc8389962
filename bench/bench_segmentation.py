"""Segmentation and sentence splitting on one core: articles per second.

Run: ``.venv/bin/python bench/bench_segmentation.py [--rounds N] [--limit N]`` (``make bench`` runs every bench).

The corpus layer segments every article (rules, then the trained line classifier of
:mod:`analysis.corpus.line_model`) and splits its body into sentences (spaCy's
sentencizer and the repairs of :mod:`analysis.corpus.sentences`). This measures
both on the 2,225 BBC articles of ``../shared/data/bbc``, in one process (one core),
the way the scale path runs them (:func:`analysis.scale.stages.segment_documents`,
then :func:`analysis.scale.stages.split_body_sentences`). The segmenter's cache is
emptied before every pass, and so is the sentence splitter's, so each pass segments and splits every article afresh. CPU time of
the process (``time.process_time``) gives the rate, since it is the steadier figure
on a machine shared with other jobs; the wall-clock rate is printed beside it. The
best of ``--rounds`` passes is reported.

The goal of the project: segmentation and sentence splitting together at least
500 articles per second on one core. Ends with ``name=value`` lines.
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from analysis import config

GOAL_ARTICLES_PER_SECOND = 500.0


def read_bbc(folder, limit: int | None) -> pd.DataFrame:
    """``doc_id, raw`` of the BBC articles (``sport/199.txt`` is Latin-1: bad bytes replaced)."""
    paths = sorted(folder.glob("*/*.txt"))[:limit]
    rows = [(f"{p.parent.name}_{p.stem}", p.read_bytes().decode("utf-8", errors="replace")) for p in paths]
    return pd.DataFrame(rows, columns=["doc_id", "raw"])


def timed(function, *args) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes; the best is reported (default 3)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    bbc = config.shared_data_dir() / "bbc"
    if not bbc.is_dir():
        print(f"skipped: {bbc} not found (see ../shared/data/README.md)")
        return 0
    from analysis.corpus import line_model, segments
    from analysis.corpus import sentences as sentence_splitting
    from analysis.corpus.sentences import sentence_pipeline
    from analysis.scale.stages import segment_documents, split_body_sentences

    docs = read_bbc(bbc, args.limit)
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    line_model.load_model()
    sentence_pipeline()  # loaded before timing
    best_segment = best_total = (float("inf"), float("inf"))
    for round_ in range(1, args.rounds + 1):
        segments._segment_rows.cache_clear()
        sentence_splitting.clear_cache()  # the splitter remembers texts it split: a later pass would only look them up
        segment_cpu, segment_wall, table = timed(segment_documents, docs)
        body = table[table["kind"].eq("body")]
        split_cpu, split_wall, sentences = timed(split_body_sentences, body, raw_by_doc)
        print(f"round {round_} of {args.rounds}: segmentation {segment_cpu:.2f} s CPU ({segment_wall:.2f} s wall), "
              f"sentences {split_cpu:.2f} s CPU ({split_wall:.2f} s wall); {len(table):,} segments, {len(sentences):,} sentences",
              flush=True)
        best_segment = min(best_segment, (segment_cpu, segment_wall))
        best_total = min(best_total, (segment_cpu + split_cpu, segment_wall + split_wall))
    n = len(docs)
    print(f"{n:,} BBC articles, one process; best of {args.rounds} passes")
    print(f"segmentation_articles_per_s={n / best_segment[0]:.0f}")
    print(f"segmentation_articles_per_s_wall={n / best_segment[1]:.0f}")
    print(f"segmentation_and_sentences_articles_per_s={n / best_total[0]:.0f}")
    print(f"segmentation_and_sentences_articles_per_s_wall={n / best_total[1]:.0f}")
    print(f"goal_articles_per_s={GOAL_ARTICLES_PER_SECOND:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
