"""The corpus-scale path on the 2,225 BBC articles: articles per CPU second against a floor, stage by stage, memory, a local cluster.

Run: ``.venv/bin/python bench/bench_scale.py [--limit N] [--workers 1,2,4] [--rounds N]``
(``make bench`` runs every bench). Skips with a message when ``../shared/data/bbc`` is absent.

1. **floor** — what every per-article analysis does at least: read each file,
   decode it, split it into words by textstat's rule
   (:func:`analysis.readability_tone.textstat_batch.list_words`) and count their
   syllables (:func:`~analysis.readability_tone.textstat_batch.word_figures`, each
   word type looked up once per pass: the caches are emptied before each pass).
2. **segmentation and sentences** — the scale path
   (:func:`analysis.scale.stages.segment_documents`, then
   :func:`~analysis.scale.stages.split_body_sentences`, spaCy in batches) and the
   notebooks' path (:func:`analysis.corpus.loading.load_corpus`,
   :func:`~analysis.corpus.loading.segment_corpus`,
   :func:`analysis.corpus.sentences.split_sentences`) on the BBC articles less
   their byte-identical copies (the corpus layer refuses a duplicate; the one
   Latin-1 file re-saved as UTF-8), written to a temporary folder. The segments
   and sentences of both paths must be identical to segmenting each page alone
   with :func:`analysis.corpus.segments.segment_text` and splitting each segment
   with spaCy (checked on every article).
3. **every stage** — :func:`analysis.scale.stages.document_tables` on chunks of
   250 articles (as ``python -m analysis.scale`` runs them), with the rhetoric stage and
   without, after one warm-up chunk of three articles (models and data files load
   on first use); the CPU time of each stage comes from timers around the stage
   functions. The CPU time of the whole command (``python -m analysis.scale FOLDER``,
   imports and model loading included) and its peak resident memory are measured
   in a fresh process, on the first 1,000 articles and on all of them: memory that
   does not grow with the corpus is bounded.
4. **cluster** — :func:`analysis.scale.cluster.stream_cluster_tables` on a local Dask
   cluster (:func:`~analysis.scale.cluster.scheduler_for`) of each ``--workers``
   count, on the first ``--cluster-limit`` articles (600), wall time (the start of the
   cluster apart: the workers import the package first), the CSVs compared with
   the in-process run byte for byte.

CPU time (``time.process_time``, and ``resource`` for child processes) is the
figure for one core: on a machine shared with other jobs it moves much less than
wall time, which only the cluster runs report (with the load average beside them).

Ends with ``name=value`` lines: ``floor_docs_per_s``, ``scale_docs_per_cpu_s``,
``scale_floor_ratio`` (goal ≤ 10), ``scale_no_rhetoric_docs_per_cpu_s``,
``scale_command_docs_per_cpu_s`` (goal ≥ 200), ``scale_peak_rss_mb_1000`` and
``scale_peak_rss_mb``, ``segment_split_docs_per_s`` and
``segment_split_notebook_docs_per_s`` (goal ≥ 500), ``segment_split_identical``,
``cluster_wall_s_<N>`` and ``cluster_speedup_<N>`` per worker count.
"""

from __future__ import annotations

import argparse
import filecmp
import functools
import hashlib
import importlib
import json
import logging
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from analysis import config

GOALS = {"docs_per_cpu_s": 200.0, "floor_ratio": 10.0, "segment_split_docs_per_s": 500.0}
#: Stage timers: (label, group, module, function). A group's time is the CPU time inside its
#: outermost timed call; the sub-lines (group None) are inclusive times of functions inside a group.
STAGE_FUNCTIONS = [
    ("segments", "segments", "analysis.scale.stages", "segment_documents"),
    ("sentences", "sentences", "analysis.scale.stages", "split_body_sentences"),
    ("readability", "readability", "analysis.readability_tone.readability", "sentence_counts"),
    ("readability", "readability", "analysis.readability_tone.readability", "readability"),
    ("tone (VADER, hedges, actors per sentence)", "tone", "analysis.scale.stages", "score_sentences"),
    ("tone (VADER, hedges, actors per sentence)", "tone", "analysis.readability_tone.tone", "tone_summary"),
    ("tone (VADER, hedges, actors per sentence)", "tone", "analysis.readability_tone.vader_batch", "vader_scores"),
    ("actor mentions and stance", "actors", "analysis.readability_tone.tone", "actor_mentions"),
    ("actor mentions and stance", "actors", "analysis.readability_tone.tone", "actor_tone"),
    ("  named_actors.find_actor_mentions", None, "analysis.provenance.named_actors", "find_actor_mentions"),
    ("  stance model (stance.predict_targets)", None, "analysis.readability_tone.stance", "predict_targets"),
    ("  stance model (stance.predict)", None, "analysis.readability_tone.stance", "predict"),
    ("rhetoric", "rhetoric", "analysis.rhetoric.detector", "detect_devices"),
    ("  attribution ledger (provenance.attribution)", None, "analysis.provenance.attribution", "find_attributions"),
    ("    its cue model (provenance.cue_model)", None, "analysis.provenance.cue_model", "cue_spans"),
    ("  trained tagger (rhetoric.tagger)", None, "analysis.rhetoric.tagger", "tag_text"),
    ("  pattern rules", None, "analysis.rhetoric.detector", "_pattern_matches"),
    ("  lexicon", None, "analysis.rhetoric.detector", "_lexicon_matches"),
]


def cpu_rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("nan")


# ---------------------------------------------------------------- 1. floor


def _decoded(data: bytes) -> str:
    """The bytes of a BBC file as text (one of them is Latin-1)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def floor_pass(paths: list[Path]) -> tuple[float, int]:
    """CPU seconds of reading, decoding, tokenising and counting syllables; and the syllables counted."""
    from analysis.readability_tone import textstat_batch

    textstat_batch.clear_caches()
    started = time.process_time()
    syllables = 0
    for path in paths:
        text = _decoded(path.read_bytes())
        syllables += sum(textstat_batch.word_figures(word)[0] for word in textstat_batch.list_words(text))
    return time.process_time() - started, syllables


# ---------------------------------------------------------------- 2. segmentation and sentences


def unique_folder(paths: list[Path], folder: Path, out: Path) -> Path:
    """The articles without byte-identical copies (first in path order kept), as UTF-8 files ``<topic>_<name>.txt``."""
    seen = set()
    for path in paths:
        text = _decoded(path.read_bytes())
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        (out / ("_".join(path.relative_to(folder).with_suffix("").parts) + ".txt")).write_bytes(text.encode("utf-8"))
    return out


def clear_split_caches() -> None:
    from analysis.corpus import segments, sentences

    if hasattr(sentences, "clear_cache"):
        sentences.clear_cache()
    if hasattr(sentences, "_split_text_cached"):
        sentences._split_text_cached.cache_clear()
    segments._segment_rows.cache_clear()


def reference_split(docs, counts=None):
    """Each page segmented alone by ``segment_text`` (or with ``counts``), each body segment by spaCy: (segments, sentences) as row tuples."""
    from analysis.corpus.segments import segment_text, table_cells
    from analysis.corpus.sentences import repair_boundaries, sentence_pipeline, trimmed_sentence_spans

    nlp = sentence_pipeline()
    segment_rows, sentence_rows = [], []
    for doc_id, raw in zip(docs["doc_id"], docs["raw"]):
        frame = segment_text(raw, None if counts is None else counts[doc_id])
        sentence_id = 0
        for seq, start, end, kind, label, reason in frame.itertuples(index=False, name=None):
            segment_rows.append((doc_id, seq, start, end, kind, label, reason))
            if kind != "body":
                continue
            text = raw[start:end]
            if label == "table_row":
                units = table_cells(text)
            else:
                units = repair_boundaries(trimmed_sentence_spans(nlp(text), text), text) if text.strip() else []
            for a, b in units:
                sentence_rows.append((doc_id, sentence_id, seq, label, start + a, start + b))
                sentence_id += 1
    return segment_rows, sentence_rows


def check_split(documents: list[dict], unique: Path) -> bool:
    """Whether both paths give the segments and sentences of :func:`reference_split` on every article."""
    import pandas as pd

    from analysis.corpus import loading, sentences
    from analysis.corpus.segments import corpus_line_counts
    from analysis.scale import stages

    clear_split_caches()
    docs = pd.DataFrame(documents)
    segments = stages.segment_documents(docs)
    split = stages.split_body_sentences(segments[segments["kind"].eq("body")], dict(zip(docs["doc_id"], docs["raw"])))
    corpus = loading.load_corpus(unique)
    corpus_segments = loading.segment_corpus(corpus)
    corpus_sentences = sentences.split_sentences(corpus_segments[corpus_segments["kind"].eq("body")].reset_index(drop=True),
                                                 dict(zip(corpus["doc_id"], corpus["raw"])))
    segment_columns = ["doc_id", "seq", "start", "end", "kind", "label", "reason"]
    sentence_columns = ["doc_id", "sentence_id", "seq", "segment_label", "start", "end"]

    def rows(frame, columns):
        return list(frame[columns].itertuples(index=False, name=None))

    expected = reference_split(docs)
    same = rows(segments, segment_columns) == expected[0] and rows(split, sentence_columns) == expected[1]
    expected = reference_split(corpus, corpus_line_counts(dict(zip(corpus["doc_id"], corpus["raw"]))))
    same_notebook = rows(corpus_segments, segment_columns) == expected[0] and rows(corpus_sentences, sentence_columns) == expected[1]
    print(f"  {len(segments):,} segments, {len(split):,} sentences (scale path); {len(corpus):,} articles, "
          f"{len(corpus_sentences):,} sentences (notebook path); identical to segment_text and spaCy on each segment: "
          f"scale {same}, notebook {same_notebook}")
    return same and same_notebook


# ---------------------------------------------------------------- 3. every stage


class StageTimers:
    """CPU timers wrapped around the stage functions (module attributes), removed by :meth:`remove`."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self.saved: list[tuple] = []
        self.active_group: list[str] = []
        for label, group, module_name, name in STAGE_FUNCTIONS:
            module = importlib.import_module(module_name)
            function = getattr(module, name, None)
            if function is None:
                continue
            self.saved.append((module, name, function))
            setattr(module, name, self._timed(function, label, group))

    def _timed(self, function, label: str, group: str | None):
        depth = [0]

        @functools.wraps(function)
        def timed(*args, **kwargs):
            outermost = depth[0] == 0 and (group is None or not self.active_group)
            if not outermost:
                return function(*args, **kwargs)
            depth[0] += 1
            if group is not None:
                self.active_group.append(group)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] += time.process_time() - started
                depth[0] -= 1
                if group is not None:
                    self.active_group.pop()

        return timed

    def remove(self) -> None:
        for module, name, function in self.saved:
            setattr(module, name, function)


def all_stages(paths: list[Path], folder: Path, include_rhetoric: bool, timers: bool) -> tuple[float, dict[str, float]]:
    from analysis.scale import stages

    stages.document_tables(stages.read_inputs(paths[:3], folder)[0], include_rhetoric=include_rhetoric)  # warm-up
    clear_split_caches()
    timer = StageTimers() if timers else None
    started = time.process_time()
    try:
        for begin in range(0, len(paths), stages.DEFAULT_CHUNK_SIZE):
            documents, _ = stages.read_inputs(paths[begin:begin + stages.DEFAULT_CHUNK_SIZE], folder)
            stages.document_tables(documents, include_rhetoric=include_rhetoric)
    finally:
        if timer:
            timer.remove()
    return time.process_time() - started, dict(timer.seconds) if timer else {}


def command_run(folder: Path, out: Path) -> tuple[float, float, float]:
    """``python -m analysis.scale FOLDER`` in a fresh process: (CPU s, wall s, peak RSS MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis.scale", str(folder), "--pattern", "**/*.txt", "--out", str(out), "--quiet"],
                   check=True, stdout=subprocess.DEVNULL, cwd=config.PROJ_ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, after.ru_maxrss / 1024


def linked_folder(paths: list[Path], folder: Path, out: Path) -> Path:
    """The first articles as symbolic links under ``out``, with their paths under ``folder``."""
    for path in paths:
        target = out / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(path)
    return out


# ---------------------------------------------------------------- 4. cluster


def cluster_run(folder: Path, out: Path, workers: int) -> tuple[float, float]:
    """(seconds to start the cluster, seconds to run every stage on it and write the CSVs)."""
    from analysis.scale import cluster

    started = time.perf_counter()
    with cluster.scheduler_for(None, workers) as client:
        client.run(lambda: __import__("analysis.scale.stages"))  # workers import the package before the clock starts
        ready = time.perf_counter()
        cluster.stream_cluster_tables(folder, out, client, pattern="**/*.txt", progress=False)
        done = time.perf_counter()
    return ready - started, done - ready


def same_csvs(left: Path, right: Path) -> bool:
    names = sorted(path.name for path in left.glob("*.csv"))
    return names == sorted(path.name for path in right.glob("*.csv")) and all(filecmp.cmp(left / n, right / n, shallow=False) for n in names)


def run_part(part: str, limit: int | None, unique: str | None) -> dict:
    """One measurement in this (fresh) process, after a warm-up of three articles: its figures as a dict."""
    import pandas as pd

    from analysis.corpus import loading, sentences
    from analysis.scale import stages

    folder = config.shared_data_dir() / "bbc"
    paths = stages.article_paths(folder, "**/*.txt")[:limit]
    if part == "floor":
        from analysis.readability_tone import textstat_batch

        textstat_batch.word_figures("warm")  # loads the dictionaries; the word caches are emptied per pass
        return {"seconds": floor_pass(paths)[0], "articles": len(paths)}
    if part in ("stages", "stages-no-rhetoric"):
        seconds, per_stage = all_stages(paths, folder, include_rhetoric=part == "stages", timers=part == "stages")
        return {"seconds": seconds, "articles": len(paths), "per_stage": per_stage}
    documents, _ = stages.read_inputs(paths, folder)
    docs = pd.DataFrame(documents)
    warm = docs.head(3)
    warm_segments = stages.segment_documents(warm)
    stages.split_body_sentences(warm_segments[warm_segments["kind"].eq("body")], dict(zip(warm["doc_id"], warm["raw"])))
    clear_split_caches()
    if part == "split-scale":
        raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
        started = time.process_time()
        segments = stages.segment_documents(docs)
        stages.split_body_sentences(segments[segments["kind"].eq("body")], raw_by_doc)
        return {"seconds": time.process_time() - started, "articles": len(docs)}
    started = time.process_time()
    corpus = loading.load_corpus(unique)
    corpus_segments = loading.segment_corpus(corpus)
    sentences.split_sentences(corpus_segments[corpus_segments["kind"].eq("body")].reset_index(drop=True),
                              dict(zip(corpus["doc_id"], corpus["raw"])))
    return {"seconds": time.process_time() - started, "articles": len(corpus)}


def in_fresh_process(part: str, limit: int | None, unique: Path | None = None) -> dict:
    """:func:`run_part` in a new Python process (nothing cached from the measurements before it)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--part", part]
    if limit:
        command += ["--limit", str(limit)]
    if unique:
        command += ["--unique", str(unique)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=config.PROJ_ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="use only the first N articles (for a quick look)")
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per measurement of the floor (median; default 3)")
    parser.add_argument("--split-rounds", type=int, default=1, help="fresh processes per measurement of segmentation and sentences (default 1)")
    parser.add_argument("--workers", default="1,2,4", help="local cluster sizes to run (default 1,2,4; empty for none)")
    parser.add_argument("--cluster-limit", type=int, default=600, help="articles the cluster runs process (default the first 600)")
    parser.add_argument("--part", help=argparse.SUPPRESS)
    parser.add_argument("--unique", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.part:
        print(json.dumps(run_part(args.part, args.limit, args.unique)))
        return 0

    folder = config.shared_data_dir() / "bbc"
    if not folder.is_dir():
        print(f"skipped: the BBC corpus is not at {folder} (see ../shared/data/README.md)")
        return 0
    from analysis.scale import stages

    paths = stages.article_paths(folder, "**/*.txt")[: args.limit]
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
          f"shared with other jobs (load average {os.getloadavg()[0]:.1f}); CPU time is the steadier figure")
    print(f"{len(paths):,} BBC articles\n")
    figures: dict[str, float] = {}

    def median_of(part: str, unique: Path | None = None, rounds: int = args.rounds) -> tuple[float, int, dict]:
        runs = sorted((in_fresh_process(part, args.limit, unique) for _ in range(rounds)), key=lambda run: run["seconds"])
        middle = runs[len(runs) // 2]
        return middle["seconds"], middle["articles"], middle

    print("(each figure below: the median of --rounds fresh processes, after a warm-up of three articles)\n")
    print("1. floor: read, decode, tokenise (textstat's words) and count syllables", flush=True)
    seconds, count, _ = median_of("floor")
    figures["floor_docs_per_s"] = cpu_rate(count, seconds)
    print(f"  {seconds:.2f} s CPU = {figures['floor_docs_per_s']:,.0f} articles/s\n")

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temporary:
        temporary = Path(temporary)
        print("2. segmentation and sentences", flush=True)
        (temporary / "unique").mkdir()
        unique = unique_folder(paths, folder, temporary / "unique")
        seconds, count, _ = median_of("split-scale", rounds=args.split_rounds)
        figures["segment_split_docs_per_s"] = cpu_rate(count, seconds)
        print(f"  scale path (segment_documents, split_body_sentences): {seconds:.2f} s CPU for {count:,} articles "
              f"= {figures['segment_split_docs_per_s']:,.0f} articles/s")
        seconds, count, _ = median_of("split-notebook", unique, rounds=args.split_rounds)
        figures["segment_split_notebook_docs_per_s"] = cpu_rate(count, seconds)
        print(f"  notebook path (load_corpus, segment_corpus, split_sentences): {seconds:.2f} s CPU for {count:,} articles "
              f"= {figures['segment_split_notebook_docs_per_s']:,.0f} articles/s", flush=True)
        documents, _ = stages.read_inputs(paths, folder)
        identical = check_split(documents, unique)
        figures["segment_split_identical"] = int(identical)
        del documents
        print()

        print("3. every stage, in chunks of 250 (document_tables; CPU of one process)", flush=True)
        seconds, count, run = median_of("stages", rounds=1)
        per_stage = run["per_stage"]
        figures["scale_docs_per_cpu_s"] = cpu_rate(count, seconds)
        grouped = sum(per_stage.get(label, 0.0) for label in dict.fromkeys(label for label, group, *_ in STAGE_FUNCTIONS if group))
        print(f"  {seconds:.1f} s CPU = {figures['scale_docs_per_cpu_s']:.1f} articles/s; "
              f"{1000 * seconds / count:.2f} ms an article, of which:")
        shown = set()
        for label, group, *_ in STAGE_FUNCTIONS:
            if label in shown or label not in per_stage:
                continue
            shown.add(label)
            print(f"    {label:<48} {per_stage[label]:7.2f} s  {100 * per_stage[label] / seconds:5.1f} %  "
                  f"{1000 * per_stage[label] / count:6.2f} ms/article")
        print(f"    {'reading, assembling the tables (the rest)':<48} {seconds - grouped:7.2f} s  {100 * (seconds - grouped) / seconds:5.1f} %")
        no_rhetoric, count, _ = median_of("stages-no-rhetoric", rounds=1)
        figures["scale_no_rhetoric_docs_per_cpu_s"] = cpu_rate(count, no_rhetoric)
        figures["scale_floor_ratio"] = figures["floor_docs_per_s"] / figures["scale_docs_per_cpu_s"]
        figures["scale_no_rhetoric_floor_ratio"] = figures["floor_docs_per_s"] / figures["scale_no_rhetoric_docs_per_cpu_s"]
        print(f"  without the rhetoric stage: {no_rhetoric:.1f} s CPU = {figures['scale_no_rhetoric_docs_per_cpu_s']:.1f} articles/s")
        print(f"  the floor is {figures['scale_floor_ratio']:.1f}x faster than every stage, "
              f"{figures['scale_no_rhetoric_floor_ratio']:.1f}x faster than every stage but rhetoric (goal: within 10x)", flush=True)

        print("  python -m analysis.scale FOLDER (a fresh process, imports and model loading included):", flush=True)
        for count in sorted({min(1000, len(paths)), len(paths)}):
            source = linked_folder(paths[:count], folder, temporary / f"first-{count}")
            cpu, wall, rss = command_run(source, temporary / f"command-{count}")
            key = "scale_peak_rss_mb" if count == len(paths) else f"scale_peak_rss_mb_{count}"
            figures[key] = rss
            if count == len(paths):
                figures["scale_command_docs_per_cpu_s"] = cpu_rate(count, cpu)
            print(f"    {count:>6,} articles: {cpu:6.1f} s CPU = {cpu_rate(count, cpu):6.1f} articles/s, {wall:6.1f} s wall, peak {rss:,.0f} MB")
        print()

        worker_counts = [int(n) for n in args.workers.split(",") if n.strip()]
        if worker_counts:
            logging.getLogger("distributed").setLevel(logging.ERROR)  # its shutdown notices are not results
            count = min(args.cluster_limit, len(paths))
            print(f"4. the same on a local Dask cluster, first {count:,} articles (wall time; both cores are shared with other jobs)", flush=True)
            source = linked_folder(paths[:count], folder, temporary / f"cluster-input-{count}")
            reference = temporary / f"command-{count}"
            if not reference.exists():
                command_run(source, reference)
            walls = {}
            for workers in worker_counts:
                out = temporary / f"cluster-{workers}"
                start_up, wall = cluster_run(source, out, workers)
                walls[workers] = wall
                same = same_csvs(reference, out)
                print(f"  {workers} worker(s): started in {start_up:.1f} s, {wall:.1f} s for {count:,} articles "
                      f"= {count / wall:.1f} articles/s; CSVs identical to the in-process run: {same} "
                      f"(load average {os.getloadavg()[0]:.1f})", flush=True)
                figures[f"cluster_wall_s_{workers}"] = wall
                figures[f"cluster_identical_{workers}"] = int(same)
            base = walls.get(1)
            for workers, wall in walls.items():
                if base and workers != 1:
                    figures[f"cluster_speedup_{workers}"] = base / wall
            print()

    print(f"goal: {GOALS['docs_per_cpu_s']:.0f} articles/s of CPU with every stage -> "
          f"{'met' if figures['scale_command_docs_per_cpu_s'] >= GOALS['docs_per_cpu_s'] else 'NOT met'} "
          f"({figures['scale_command_docs_per_cpu_s']:.1f} for the command, {figures['scale_docs_per_cpu_s']:.1f} in process)")
    print(f"goal: within {GOALS['floor_ratio']:.0f}x of the floor -> {'met' if figures['scale_floor_ratio'] <= GOALS['floor_ratio'] else 'NOT met'} "
          f"({figures['scale_floor_ratio']:.1f}x; {figures['scale_no_rhetoric_floor_ratio']:.1f}x without rhetoric)")
    met = min(figures["segment_split_docs_per_s"], figures["segment_split_notebook_docs_per_s"]) >= GOALS["segment_split_docs_per_s"]
    print(f"goal: segmentation and sentences at {GOALS['segment_split_docs_per_s']:.0f} articles/s with identical output -> "
          f"{'met' if met and identical else 'NOT met'}\n")
    for name, value in figures.items():
        print(f"{name}={value:.2f}" if isinstance(value, float) else f"{name}={value}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
