"""Near-duplicates at 2k, 10k and 100k documents (50k with ``--sizes``): time, memory, recall of planted copies, growth.

Run: ``.venv/bin/python bench/bench_near_duplicate_growth.py [--sizes 2000,10000,50000,100000]``
(``make bench`` runs every bench). Skips with a message when ``../shared/data`` is absent.

The detector is :func:`analysis.scale.stages.near_duplicate_pairs`, i.e. the overlap
analysis's :func:`analysis.overlap.near_duplicates.find_near_duplicates` (5-word shingles,
128-permutation MinHash, datasketch LSH, exact Jaccard of every candidate), asked
for pairs with Jaccard ≥ 0.5 — the workbook's "near duplicate" (``analysis.corpus.add``)
— with LSH bands set for 0.3 (37 bands of 3 rows), so that a pair at 0.5 is
proposed with probability 0.993 and one at 0.6 with 0.9999.

How the corpus is enlarged (seeded, so every run builds the same documents):

1. **Real documents first**: the 2,225 BBC articles (sorted by path; ``sport/199``
   is Latin-1 and decoded with a recorded fallback), then the 371 PTC training
   articles.
2. **Assembled documents** after them: a title taken from a real article, then as
   many paragraphs as a real article has (the count of a real article drawn at
   random, at least three, so that two assembled articles sharing one paragraph
   are not near-duplicates of each other), drawn without replacement from the pool of every distinct real
   paragraph of 8 to 150 words (BBC and PTC). Paragraphs recur across assembled
   documents as boilerplate does in real news, which is what makes candidate
   generation work for its living.
3. **Planted near-copies**: every 100th document of the stream (1 %) is a copy of
   an earlier document chosen at random, with known edits: a fraction of its
   words (1–5 %, uniform) replaced by words of the pool, the same fraction
   deleted and inserted, and, for documents of four paragraphs or more, one
   paragraph dropped with probability ½. A copy is kept only if its exact
   Jaccard with its source is at least 0.55 (otherwise the edits are drawn again
   at half the rate), so every planted pair is a near-duplicate by the
   detector's own definition and recall measures what LSH misses.

The corpus of size n is the first n documents of that stream, so each size
contains the smaller ones. Time covers detection only (generating the texts is
not timed); peak memory is the largest resident set of a fresh process per size
(``resource.getrusage``), minus that process's resident set before detection.
The growth exponent is the slope of log(time) against log(n), least squares over
the sizes.

Ends with one ``name=value`` line per goal: exponent ≤ 1.15, 100k documents in
≤ 5 minutes on 2 cores, recall of planted copies ≥ 0.99.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

SEED = 20240611
PLANT_EVERY = 100
MIN_PARAGRAPH_WORDS = 8
MAX_PARAGRAPH_WORDS = 150
MIN_PLANTED_JACCARD = 0.55
THRESHOLD = 0.5
CANDIDATE_THRESHOLD = 0.3
GOALS = {"exponent": 1.15, "seconds_100k": 300.0, "recall": 0.99}
_BLANK_LINES = re.compile(r"\n\s*\n")


def real_documents(shared: Path) -> list[tuple[str, str]]:
    """The BBC then the PTC articles as ``(doc_id, text)``, decoded with a recorded fallback."""
    from analysis.scale import stages

    documents = []
    for name, folder, pattern in (("bbc", shared / "bbc", "**/*.txt"), ("ptc", shared / "ptc" / "train-articles", "*.txt")):
        if not folder.is_dir():
            continue
        records, inputs = stages.read_inputs(stages.article_paths(folder, pattern), folder)
        for record in inputs:
            if record["encoding"] not in ("utf-8", ""):
                print(f"note: {name}/{record['doc_id']} decoded as {record['encoding']}", file=sys.stderr)
            if record["problem"]:
                print(f"note: {name}/{record['doc_id']} left out: {record['problem']}", file=sys.stderr)
        documents += [(f"{name}/{record['doc_id']}", record["raw"]) for record in records]
    return documents


def paragraphs_of(text: str) -> list[str]:
    return [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]


def edited_copy(text: str, rate: float, rng: random.Random, vocabulary: list[str]) -> str:
    """A near-copy of ``text``: ``rate`` of its words replaced, deleted and inserted; maybe one paragraph dropped."""
    paragraphs = paragraphs_of(text)
    if len(paragraphs) >= 4 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    edited = []
    for paragraph in paragraphs:
        words = paragraph.split()
        out = []
        for word in words:
            roll = rng.random()
            if roll < rate:
                out.append(rng.choice(vocabulary))  # replaced
            elif roll < 2 * rate:
                continue  # deleted
            else:
                out.append(word)
            if rng.random() < rate:
                out.append(rng.choice(vocabulary))  # inserted
        edited.append(" ".join(out))
    return "\n\n".join(edited)


def document_stream(shared: Path, seed: int = SEED) -> Iterator[tuple[str, str, str | None]]:
    """The enlarged corpus, in order: ``(doc_id, text, source_id)``, ``source_id`` set for planted copies."""
    from analysis.overlap.near_duplicates import jaccard, word_shingles

    rng = random.Random(seed)
    real = real_documents(shared)
    seen_paragraphs: set[str] = set()
    pool: list[str] = []
    titles: list[str] = []
    lengths: list[int] = []  # paragraphs per real article, the distribution assembled articles follow
    for doc_id, text in real:
        parts = paragraphs_of(text)
        if parts:
            titles.append(parts[0])
            lengths.append(max(1, len(parts) - 1))
        for paragraph in parts[1:]:
            if MIN_PARAGRAPH_WORDS <= len(paragraph.split()) <= MAX_PARAGRAPH_WORDS and paragraph not in seen_paragraphs:
                seen_paragraphs.add(paragraph)
                pool.append(paragraph)
    vocabulary = sorted({word for paragraph in pool[:2000] for word in paragraph.split() if word.isalpha()})
    emitted: list[tuple[str, str]] = []
    real_iter = iter(real)
    position = 0
    while True:
        position += 1
        if position % PLANT_EVERY == 0 and emitted:
            source_id, source_text = emitted[rng.randrange(len(emitted))]
            rate = rng.uniform(0.01, 0.05)
            source_shingles = word_shingles(source_text)
            while True:
                copy = edited_copy(source_text, rate, rng, vocabulary)
                if jaccard(word_shingles(copy), source_shingles) >= MIN_PLANTED_JACCARD:
                    break
                rate /= 2
            doc_id = f"planted/{position:07d}"
            yield doc_id, copy, source_id
            emitted.append((doc_id, copy))
            continue
        item = next(real_iter, None)
        if item is None:
            k = max(3, rng.choice(lengths))
            text = "\n\n".join([rng.choice(titles)] + rng.sample(pool, k))
            item = (f"assembled/{position:07d}", text)
        yield item[0], item[1], None
        emitted.append(item)


def measure(size: int, shared: Path) -> dict:
    """Detection on the first ``size`` documents of the stream (run in a fresh process)."""
    from analysis.scale import stages

    documents, planted = [], []
    for doc_id, text, source in document_stream(shared):
        if len(documents) == size:
            break
        documents.append((doc_id, text))
        if source is not None:
            planted.append(tuple(sorted((doc_id, source))))
    n_bytes = sum(len(text.encode("utf-8")) for _, text in documents)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    pairs = stages.near_duplicate_pairs(documents, threshold=THRESHOLD, candidate_threshold=CANDIDATE_THRESHOLD)
    seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = set(zip(pairs["doc_a"], pairs["doc_b"]))
    hits = sum(pair in found for pair in planted)
    return {
        "size": size,
        "mb": n_bytes / 1e6,
        "seconds": seconds,
        "peak_mb": (rss_after - rss_before) / 1024,
        "rss_mb": rss_after / 1024,
        "candidates": int(pairs.attrs.get("n_candidates", -1)),
        "pairs": len(found),
        "planted": len(planted),
        "recalled": hits,
    }


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    xs = [math.log(size) for size in sizes]
    ys = [math.log(value) for value in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # 50k is left out by default so that make bench stays within its 15 minutes (it adds about 85 s on a busy machine).
    parser.add_argument("--sizes", default="2000,10000,100000", help="comma-separated corpus sizes (default 2000,10000,100000)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    args = parser.parse_args(argv)

    from analysis import config

    shared = config.shared_data_dir()
    if not (shared / "bbc").is_dir():
        print(f"skipped: the BBC corpus is not at {shared / 'bbc'} (see ../shared/data/README.md)")
        return 0
    if args.one:
        print(json.dumps(measure(args.one, shared)))
        return 0

    sizes = sorted(int(size) for size in args.sizes.split(","))
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores (shared; times vary with load)")
    print(f"detector: Jaccard >= {THRESHOLD} over 5-word shingles, LSH bands for {CANDIDATE_THRESHOLD}, exact scoring of candidates")
    print(f"\n{'docs':>8} {'MB':>6} {'seconds':>8} {'docs/s':>7} {'peak MB':>8} {'candidates':>10} {'pairs':>7} {'planted':>7} {'recall':>7}")
    rows = []
    for size in sizes:
        # A fresh process per size, so peak memory is that size's alone.
        output = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        row = json.loads(output.stdout.strip().splitlines()[-1])
        rows.append(row)
        recall = row["recalled"] / row["planted"] if row["planted"] else float("nan")
        print(f"{row['size']:>8,} {row['mb']:>6.1f} {row['seconds']:>8.1f} {row['size'] / row['seconds']:>7.0f} "
              f"{row['peak_mb']:>8.0f} {row['candidates']:>10,} {row['pairs']:>7,} {row['planted']:>7,} {recall:>7.3f}", flush=True)
    exponent = growth_exponent([row["size"] for row in rows], [row["seconds"] for row in rows]) if len(rows) > 1 else float("nan")
    planted = sum(row["planted"] for row in rows)
    recall = sum(row["recalled"] for row in rows) / planted if planted else float("nan")
    largest = rows[-1]
    print(f"\ngrowth exponent (log time on log size): {exponent:.2f}; recall of planted copies over all sizes: "
          f"{sum(row['recalled'] for row in rows)}/{planted}")
    print(f"goals: exponent <= {GOALS['exponent']} {'met' if exponent <= GOALS['exponent'] else 'NOT met'}; "
          f"{largest['size']:,} docs in {largest['seconds']:.0f} s (<= {GOALS['seconds_100k']:.0f} s for 100k: "
          f"{'met' if largest['size'] >= 100_000 and largest['seconds'] <= GOALS['seconds_100k'] else 'NOT met'}); "
          f"recall >= {GOALS['recall']} {'met' if recall >= GOALS['recall'] else 'NOT met'}\n")
    print(f"lsh_growth_exponent={exponent:.2f}")
    print(f"lsh_seconds_{largest['size'] // 1000}k={largest['seconds']:.1f}")
    print(f"lsh_peak_mb_{largest['size'] // 1000}k={largest['peak_mb']:.0f}")
    print(f"lsh_planted_recall={recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
