"""Notebook 04's pair steps at 300, 600, 1,200 and 2,127 BBC articles: how each grows, peak memory, what the candidates miss.

Run: ``.venv/bin/python bench/bench_overlap_growth.py [--sizes 300,600,1200,2127] [--recall-size 1200]``
(``make bench`` runs every bench; about 3 minutes on an idle machine, 5 on a busy one; ``--recall-size 2127``
adds about two minutes). Skips with a message when ``../shared/data/bbc`` is absent.

The corpus is the 2,225 BBC articles (Greene & Cunningham 2006) less their
byte-identical copies (the corpus layer refuses a duplicate; the first in path
order is kept), the one Latin-1 file decoded as Latin-1: 2,127 articles, written
as UTF-8 to a temporary folder and read, segmented and split into sentences once
by the corpus layer (:func:`analysis.corpus.layer.open_corpus`). A corpus of size
n is the first n articles of a seeded shuffle, so each size contains the smaller
ones and mixes the five categories.

For each size a fresh process runs the steps of ``notebooks/04_overlap.py`` that
compare articles, in the notebook's order and with its arguments — body words,
quantities, candidate pairs (:func:`analysis.overlap.candidates.candidate_pairs`),
shared words, keyness, shared phrases, passages, actors, claims, style — and
records each step's CPU time (``time.process_time``: other jobs on a shared
machine slow the wall clock more than the CPU time of this process; the garbage
collector runs, untimed, before each step, so that a step does not pay for the
garbage of the steps before it) and the
largest resident set of the process during the steps, less the resident set
before them (the corpus layer of that size, the imports, and what the steps load
on first use: they run once on five articles first, untimed). The growth exponent of a step is
the least-squares slope of log(CPU time) on log(articles) over the sizes; of the
candidate pairs also the slope of their number.

Passage recall: at ``--recall-size`` articles (default 1,200, so that ``make bench``
stays within its time), the passages of 8 or more identical aligned words of an
all-pairs run of :func:`analysis.overlap.similarity.shared_passages` (every pair)
against those of the candidate pairs; also for passages of 12 or more words.

Ends with ``name=value`` lines: ``overlap_exponent_<step>`` for every step,
``overlap_exponent_pairs``, ``overlap_pairs_per_article_<n>``,
``overlap_peak_mb_<n>`` and ``overlap_peak_mb_per_text_mb_<n>`` at the smallest and
largest size, ``overlap_passage_recall_<n>`` and ``overlap_passage_recall_12_<n>``. Goals:
every exponent ≤ 1.15; peak memory proportional to the text.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import pickle
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 19
GOAL_EXPONENT = 1.15
MIN_PASSAGE_WORDS = 8  # notebook 04: identical aligned words for a passage to count as reused
DELTA_WORDS = 50
SAME_TEXT_COSINE = 0.9
STEPS = [
    "body_tokens", "quantity_mentions", "candidate_pairs", "shared_terms", "keyness", "shared_ngrams", "ngram_occurrences",
    "shared_passages", "entity_mentions", "entity_matrix", "shared_entities", "match_claims", "shared_claims", "pair_deltas",
    "overlap_pairs", "delta_pairs", "opposite_framings",
]


def write_corpus(bbc: Path, folder: Path) -> int:
    """The BBC articles less byte-identical copies, as ``<category>_<number>.txt`` in UTF-8; returns how many."""
    from analysis.overlap.near_duplicates import decode_with_fallback

    seen: set[str] = set()
    for category in sorted(path for path in bbc.iterdir() if path.is_dir()):
        for path in sorted(category.glob("*.txt")):
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            text, _ = decode_with_fallback(data, path)
            (folder / f"{category.name}_{path.stem}.txt").write_text(text, encoding="utf-8")
    return len(seen)


def resident_mb() -> float:
    """The resident set of this process now, in MB (Linux ``/proc/self/statm``)."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure(layer_file: Path) -> dict:
    """Run the pair steps of notebook 04 on one corpus layer (in a fresh process); CPU seconds and memory."""
    with open(layer_file, "rb") as handle:
        layer = pickle.load(handle)
    # First the same steps on five articles, untimed: lexicons, gazetteer, patterns and permutations load on first
    # use, a fixed cost that would otherwise count in the smallest corpus and flatter the growth.
    few = set(sorted(layer["docs"]["doc_id"])[:5])
    _run_steps(*(frame[frame["doc_id"].isin(few)].reset_index(drop=True) for frame in (layer["docs"], layer["segments"], layer["sentences"])),
               lambda name, function: function())
    before = resident_mb()
    seconds: dict[str, float] = {}

    def step(name, function):
        # Collect, untimed, what the earlier steps left: otherwise a full collection their garbage sets off (0.1 s at
        # 2,127 articles, more in a larger process) lands in whichever step runs next and moves its exponent.
        gc.collect()
        started = time.process_time()
        result = function()
        seconds[name] = time.process_time() - started
        return result

    candidate, alignments = _run_steps(layer["docs"], layer["segments"], layer["sentences"], step)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(layer["docs"]),
        "text_mb": sum(len(raw.encode("utf-8")) for raw in layer["docs"]["raw"]) / 1e6,
        "seconds": seconds,
        "peak_mb": peak - before,
        "pairs": len(candidate),
        "passages": int((alignments["matched_words"] >= MIN_PASSAGE_WORDS).sum()),
    }


def _run_steps(docs, segments, sentences, step):
    """The pair steps of notebook 04 in its order, each through ``step(name, function)``; returns the candidates and alignments."""
    from analysis.overlap import candidates, claims, similarity, stylometry


    tokens = step("body_tokens", lambda: similarity.body_tokens(docs, segments))
    quantities = step("quantity_mentions", lambda: claims.quantity_mentions(sentences))
    candidate = step("candidate_pairs", lambda: candidates.candidate_pairs(tokens, docs["doc_id"], quantities))
    step("shared_terms", lambda: similarity.shared_terms(tokens, top=8, pairs=candidate))
    step("keyness", lambda: similarity.keyness(tokens))
    ngrams = step("shared_ngrams", lambda: similarity.shared_ngrams(tokens))
    example = list(ngrams[ngrams["n_docs"].eq(2)].head(3)["ngram"])
    step("ngram_occurrences", lambda: similarity.ngram_occurrences(docs, tokens, ngrams=example))
    alignments = step("shared_passages", lambda: similarity.shared_passages(docs, tokens, min_matched_words=MIN_PASSAGE_WORDS, pairs=candidate))
    mentions = step("entity_mentions", lambda: similarity.entity_mentions(docs, segments))
    step("entity_matrix", lambda: similarity.entity_matrix(mentions, docs["doc_id"]))
    entity_pairs = step("shared_entities", lambda: similarity.shared_entities(mentions, docs["doc_id"], pairs=candidate))
    matches = step("match_claims", lambda: claims.match_claims(quantities, pairs=candidate))
    step("shared_claims", lambda: claims.shared_claims(quantities, matches))
    delta = step("pair_deltas", lambda: stylometry.pair_deltas(tokens, candidate, DELTA_WORDS))
    pairs = step("overlap_pairs", lambda: similarity.overlap_pairs(candidate, ngrams, entity_pairs, delta))
    styled = pairs[pairs["tfidf_cosine"] < SAME_TEXT_COSINE]
    step("delta_pairs", lambda: stylometry.ranking_stability(stylometry.delta_pairs(tokens, pairs=styled), reference=DELTA_WORDS))
    step("opposite_framings", lambda: claims.opposite_framings(quantities, matches))
    return candidate, alignments


def growth_exponent(sizes: list[int], values: list[float]) -> float:
    xs = [math.log(size) for size in sizes]
    ys = [math.log(max(value, 1e-6)) for value in values]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def passage_recall(layer_file: Path) -> tuple[int, int, int, int]:
    """Passages of 8+ (and 12+) words of an all-pairs run, and how many of them the candidate pairs keep."""
    from analysis.overlap import candidates, claims, similarity

    with open(layer_file, "rb") as handle:
        layer = pickle.load(handle)
    docs = layer["docs"]
    tokens = similarity.body_tokens(docs, layer["segments"])
    candidate = candidates.candidate_pairs(tokens, docs["doc_id"], claims.quantity_mentions(layer["sentences"]))
    kept = set(zip(candidate["doc_a"], candidate["doc_b"]))
    everything = similarity.shared_passages(docs, tokens, min_matched_words=MIN_PASSAGE_WORDS)
    found = [pair in kept for pair in zip(everything["doc_a"], everything["doc_b"])]
    long = (everything["matched_words"] >= 12).tolist()
    return len(everything), sum(found), sum(long), sum(f and g for f, g in zip(found, long))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,600,1200,2127", help="comma-separated corpus sizes (articles)")
    parser.add_argument("--recall-size", type=int, default=1200, help="articles of the all-pairs recall check (0 leaves it out)")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # internal: measure one layer file, print JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0

    from analysis import config

    bbc = config.shared_data_dir() / "bbc"
    if not bbc.is_dir():
        print(f"skipped: the BBC corpus is not at {bbc} (see ../shared/data/README.md)")
        return 0

    from analysis.corpus.layer import open_corpus

    try:
        sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        parser.error(f"--sizes {args.sizes!r}: give whole numbers separated by commas, e.g. 300,2127")
    if len(sizes) < 2 or sizes[0] < 2:
        parser.error(f"--sizes {args.sizes!r}: a growth exponent needs at least two different sizes of 2 articles or more")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores (shared; CPU times are per process)")
    with tempfile.TemporaryDirectory(prefix="bench-overlap-") as temporary:
        folder = Path(temporary) / "bbc"
        folder.mkdir()
        started = time.perf_counter()
        n_articles = write_corpus(bbc, folder)
        corpus = open_corpus(folder, cache=False)
        layer = {"docs": corpus.docs, "segments": corpus.segments, "sentences": corpus.sentences}
        print(f"corpus layer: {n_articles:,} articles read, segmented and split in {time.perf_counter() - started:.0f} s", flush=True)
        order = sorted(layer["docs"]["doc_id"])
        random.Random(SEED).shuffle(order)
        files = {}
        for size in sorted(set(sizes) | ({args.recall_size} if args.recall_size else set())):
            chosen = set(order[:size])
            part = {name: frame[frame["doc_id"].isin(chosen)].reset_index(drop=True) for name, frame in layer.items()}
            files[size] = Path(temporary) / f"layer_{size}.pkl"
            with open(files[size], "wb") as handle:
                pickle.dump(part, handle)
        del layer, corpus

        rows = []
        for number, size in enumerate(sizes, start=1):
            # A fresh process per size, so the peak memory is that size's alone.
            output = subprocess.run([sys.executable, __file__, "--one", str(files[size])], capture_output=True, text=True, check=True)
            row = json.loads(output.stdout.strip().splitlines()[-1])
            rows.append(row)
            slowest = sorted(row["seconds"].items(), key=lambda item: -item[1])[:3]
            print(f"size {number} of {len(sizes)}: {row['articles']:,} articles ({row['text_mb']:.1f} MB), {row['pairs']:,} candidate pairs "
                  f"({row['pairs'] / row['articles']:.1f} per article), {sum(row['seconds'].values()):.1f} s CPU "
                  f"(slowest: {', '.join(f'{name} {value:.1f} s' for name, value in slowest)}), peak {row['peak_mb']:.0f} MB", flush=True)

        articles = [row["articles"] for row in rows]
        exponents = {name: growth_exponent(articles, [row["seconds"][name] for row in rows]) for name in STEPS}
        exponents["pairs"] = growth_exponent(articles, [row["pairs"] for row in rows])
        print(f"\n{'step':<20} " + " ".join(f"{n:>8,}" for n in articles) + "   exponent")
        for name in STEPS:
            print(f"{name:<20} " + " ".join(f"{row['seconds'][name]:>8.2f}" for row in rows) + f"   {exponents[name]:8.2f}")
        print(f"{'candidate pairs':<20} " + " ".join(f"{row['pairs']:>8,}" for row in rows) + f"   {exponents['pairs']:8.2f}")
        print(f"{'peak MB':<20} " + " ".join(f"{row['peak_mb']:>8.0f}" for row in rows))

        recall = None
        if args.recall_size:
            print(f"\nall-pairs passages at {args.recall_size:,} articles (every pair aligned) ...", flush=True)
            started = time.perf_counter()
            recall = passage_recall(files[args.recall_size])
            total, kept, total_long, kept_long = recall
            print(f"passages of {MIN_PASSAGE_WORDS}+ words: {kept:,} of {total:,} kept by the candidate pairs ({kept / total:.3f}); "
                  f"of 12+ words: {kept_long} of {total_long} ({time.perf_counter() - started:.0f} s)")

    worst = max(exponents.items(), key=lambda item: item[1])
    print(f"\ngoal: every exponent <= {GOAL_EXPONENT}: {'met' if worst[1] <= GOAL_EXPONENT else 'NOT met'} (largest: {worst[0]} {worst[1]:.2f})\n")
    for name, value in exponents.items():
        print(f"overlap_exponent_{name}={value:.2f}")
    for row in (rows[0], rows[-1]):
        print(f"overlap_pairs_per_article_{row['articles']}={row['pairs'] / row['articles']:.1f}")
        print(f"overlap_peak_mb_{row['articles']}={row['peak_mb']:.0f}")
        print(f"overlap_peak_mb_per_text_mb_{row['articles']}={row['peak_mb'] / row['text_mb']:.0f}")
    if recall is not None:
        total, kept, total_long, kept_long = recall
        print(f"overlap_passage_recall_{args.recall_size}={kept / total:.3f}")
        print(f"overlap_passage_recall_12_{args.recall_size}={kept_long / total_long:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
