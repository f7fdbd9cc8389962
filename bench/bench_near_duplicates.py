"""Near-duplicate detection on the BBC corpus: accuracy against the exact all-pairs check, and speed.

Run: ``.venv/bin/python bench/bench_near_duplicates.py`` (``make bench`` runs every bench).

Prints, for several Jaccard thresholds, how many pairs LSH proposes and the
precision and recall of the reported pairs against the exact all-pairs check,
then the time of each step and how it grows on a corpus four times larger (the
BBC articles plus three lightly edited copies of each). Skips with a message
when ``../shared/data/bbc`` is absent.
"""

from __future__ import annotations

import random
import sys
import time
import warnings

from analysis import config
from analysis.overlap import near_duplicates as nd


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    print(f"  {label:<38} {time.perf_counter() - start:7.2f} s")
    return result


def edited_copy(text: str, rng: random.Random, edits: int = 3) -> str:
    words = text.split()
    for _ in range(min(edits, len(words))):
        words[rng.randrange(len(words))] = rng.choice(["indeed", "reportedly", "also", "now"])
    return " ".join(words)


def main() -> int:
    folder = config.shared_data_dir() / "bbc"
    if not folder.is_dir():
        print(f"skipped: the BBC corpus is not at {folder}")
        return 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bbc = nd.read_text_folder(folder)
    for warning in caught:
        print(f"note: {warning.message}")
    documents = list(zip(bbc["doc_id"], bbc["text"]))
    n_pairs = len(documents) * (len(documents) - 1) // 2
    identical = nd.identical_pairs(bbc)
    print(f"{len(documents):,} BBC articles, {n_pairs:,} pairs, {len(identical)} byte-identical pairs\n")

    print("accuracy (5-word shingles, 128 permutations; LSH bands set at threshold - 0.1):")
    print(f"  {'threshold':>9} {'candidates':>10} {'true':>5} {'found':>5} {'precision':>9} {'recall':>6} {'identical recall':>16}")
    for threshold in (0.5, 0.7, 0.8, 0.9):
        shingles: dict = {}
        found = nd.find_near_duplicates(documents, threshold=threshold, shingles_out=shingles)
        truth = nd.all_pairs_jaccard(shingles, threshold)
        scores = nd.pair_precision_recall(found, truth)
        identical_recall = nd.pair_precision_recall(found, identical)["recall"]
        print(
            f"  {threshold:>9.1f} {found.attrs['n_candidates']:>10} {scores['true']:>5} {scores['found']:>5} "
            f"{scores['precision']:>9.3f} {scores['recall']:>6.3f} {identical_recall:>16.3f}"
        )

    print("\nLSH alone (no exact scoring) at band threshold 0.8, against exact Jaccard >= 0.8:")
    sketches = list(nd.sketch_documents(documents))
    shingles = {sketch.doc_id: sketch.shingles for sketch in sketches}
    candidates = list(nd.lsh_candidate_pairs(((s.doc_id, s.minhash) for s in sketches), threshold=0.8))
    truth = nd.all_pairs_jaccard(shingles, 0.8)
    scores = nd.pair_precision_recall(nd.score_pairs(candidates, shingles), truth)
    print(f"  {len(candidates)} candidates: precision {scores['precision']:.3f}, recall {scores['recall']:.3f}")

    for label, corpus in (("BBC", documents), ("BBC x4 (3 edited copies each)", None)):
        if corpus is None:
            rng = random.Random(1)
            corpus = documents + [(f"{doc_id}~{k}", edited_copy(text, rng)) for k in range(3) for doc_id, text in documents]
        print(f"\ntimings on {label}: {len(corpus):,} documents")
        sketches = timed("shingle + MinHash sketch", lambda: list(nd.sketch_documents(corpus)))
        shingles = {sketch.doc_id: sketch.shingles for sketch in sketches}
        candidates = timed("LSH index + query", lambda: list(nd.lsh_candidate_pairs((s.doc_id, s.minhash) for s in sketches)))
        timed(f"exact scoring of {len(candidates):,} candidates", nd.score_pairs, candidates, shingles)
        timed("exact all-pairs check (sparse product)", nd.all_pairs_jaccard, shingles, 0.8)
    return 0


if __name__ == "__main__":
    sys.exit(main())
