"""Measure the rhetoric detector against the Propaganda Techniques Corpus (PTC).

::

    python -m analysis.evaluate ptc --articles DIR --labels FILE [--part held-out|tune|all]

It runs :func:`analysis.rhetoric.detector.detect_devices` on every article in ``DIR``
(through the same corpus layer as the seeds: segments, body sentences), maps each
device to its PTC technique (``rhetoric_devices.csv``), and scores the spans
against ``FILE`` (tab-separated ``article_id, technique, start, end``; Python
character offsets) with the SemEval-2020 Task 11 span scoring: partial credit by
character overlap. For a technique *t*, with S the predicted and T the gold spans
of *t* (overlapping spans of the same technique in an article merged first, as the
official scorer does)::

    P(t) = sum over s in S, g in T of |s ∩ g| / |s|,  divided by |S|
    R(t) = sum over s in S, g in T of |s ∩ g| / |g|,  divided by |T|
    F1   = 2 P R / (P + R)

It prints precision, recall and F1 for each technique the detector reports, the
micro average over those techniques (numerators and denominators pooled), the
same over *all* labelled techniques (undetected ones count as missed), and the
technique-agnostic span-identification score of SemEval subtask SI (every span
one class) for comparison with published systems, and ends with
``micro_f1=<value>`` — the micro average over the detected techniques.

The split. Lexicons and rules are tuned on a fixed part of the PTC training
articles and scored on the rest: an article is in the **tune** part when the
SHA-256 of ``"rhetoric-ptc-split:<article id>"`` falls in the lower half of its
range (:func:`ptc_part`); the tune part's ids are written to
``analysis/data/ptc_tune_articles.csv`` so the split stays fixed for any folder.
``ptc`` scores the **held-out** articles by default (every article of ``DIR`` not
in the tune list); ``--part all`` or ``--part tune`` score the others, marked as
in-sample.

``python -m analysis.evaluate ptc-tune`` (:mod:`analysis.evaluate.ptc_tuning`) rebuilds the
lexicon from the tune part.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.evaluate import scoring

LABEL_COLUMNS = ["doc_id", "technique", "start", "end"]
SCORE_COLUMNS = ["technique", "n_predicted", "n_gold", "precision", "recall", "f1"]
TUNE_LIST_FILE = config.PACKAGE_DATA_DIR / "ptc_tune_articles.csv"
SPLIT_SALT = "rhetoric-ptc-split"
#: Share of the PTC training articles in the tune part.
TUNE_SHARE = 0.5
PTC_ARTICLES = "train-articles"
PTC_LABELS = "train-task2-TC.labels"


# --------------------------------------------------------------------------- data

def ptc_part(article_id: str) -> str:
    """``"tune"`` or ``"held-out"``: the fixed, seeded split of the PTC training articles by id."""
    return "tune" if scoring.seeded_part(SPLIT_SALT, article_id, TUNE_SHARE) == "tune" else "held-out"


def tune_articles() -> set[str]:
    """Ids of the articles the lexicon was tuned on (``ptc_tune_articles.csv``); empty if never tuned."""
    if not TUNE_LIST_FILE.exists():
        return set()
    return set(pd.read_csv(TUNE_LIST_FILE, dtype="string")["article_id"])


def article_id(doc_id: str) -> str:
    """The PTC article id of a file stem (``article111111111`` -> ``111111111``)."""
    return doc_id[len("article"):] if doc_id.startswith("article") else doc_id


def read_labels(path: Path | str) -> pd.DataFrame:
    """Read a PTC label file (tab-separated ``article_id, technique, start, end``).

    Returns columns :data:`LABEL_COLUMNS` with ``doc_id`` = ``article<id>``.

    Raises
    ------
    ValueError
        Naming the file and line of a row that does not have four fields, whose
        offsets are not integers, or whose end is not after its start.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: label file not found")
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 4:
                raise ValueError(f"{path}: line {line_no} has {len(fields)} tab-separated fields; expected article_id, technique, start, end")
            ident, technique, start, end = fields
            try:
                start, end = int(start), int(end)
            except ValueError:
                raise ValueError(f"{path}: line {line_no}: offsets {fields[2]!r}, {fields[3]!r} are not integers") from None
            if start < 0 or end <= start:
                raise ValueError(f"{path}: line {line_no}: span {start}-{end} is empty or negative")
            rows.append((f"article{ident}" if not ident.startswith("article") else ident, technique, start, end))
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


def load_articles(folder: Path | str) -> pd.DataFrame:
    """The articles of a PTC folder through the workbook's corpus layer (``load_corpus``)."""
    from analysis.corpus import loading

    return loading.load_corpus(Path(folder))


def check_labels(labels: pd.DataFrame, docs: pd.DataFrame, path: Path | str) -> pd.DataFrame:
    """Labels of the articles present, refusing spans that run past their article."""
    lengths = dict(zip(docs["doc_id"], docs["n_chars"]))
    present = labels[labels["doc_id"].isin(lengths)]
    too_long = present[present["end"] > present["doc_id"].map(lengths)]
    if not too_long.empty:
        row = too_long.iloc[0]
        raise ValueError(f"{path}: span {row['start']}-{row['end']} of {row['doc_id']} runs past the article's end ({lengths[row['doc_id']]} characters)")
    return present.reset_index(drop=True)


# --------------------------------------------------------------------------- scoring

def _grouped(spans: pd.DataFrame, by_technique: bool) -> dict[str, dict[str, list[tuple[int, int]]]]:
    grouped: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for doc_id, technique, start, end in spans[LABEL_COLUMNS].itertuples(index=False):
        grouped[technique if by_technique else "propaganda"][doc_id].append((int(start), int(end)))
    return grouped


def score_spans(predicted: pd.DataFrame, gold: pd.DataFrame, techniques: list[str] | None = None) -> pd.DataFrame:
    """SemEval-2020 Task 11 span scores (partial credit by character overlap), per technique.

    Parameters
    ----------
    predicted, gold : DataFrame
        Rows with ``doc_id, technique, start, end`` (``[start, end)`` character offsets).
    techniques : list of str, optional
        Techniques to score (default: those in ``predicted``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCORE_COLUMNS` plus ``p_sum`` and ``r_sum`` (the overlap
        sums, for pooling into a micro average); counts are after merging
        overlapping spans of the same technique within an article.
    """
    pred = _grouped(predicted, True)
    true = _grouped(gold, True)
    techniques = sorted(pred) if techniques is None else techniques
    rows = []
    for technique in techniques:
        n_pred = n_gold = 0
        p_sum = r_sum = 0.0
        # Sorted: set order varies between runs, and so would the float sums' last digit.
        for doc_id in sorted(set(pred.get(technique, {})) | set(true.get(technique, {}))):
            p_spans = scoring.merge_overlaps(pred.get(technique, {}).get(doc_id, []))
            g_spans = scoring.merge_overlaps(true.get(technique, {}).get(doc_id, []))
            n_pred += len(p_spans)
            n_gold += len(g_spans)
            p, r = scoring.overlap_sums(p_spans, g_spans)
            p_sum += p
            r_sum += r
        precision, recall, f1 = scoring.prf(p_sum, n_pred, r_sum, n_gold)
        rows.append({"technique": technique, "n_predicted": n_pred, "n_gold": n_gold, "precision": precision,
                     "recall": recall, "f1": f1, "p_sum": p_sum, "r_sum": r_sum})
    return pd.DataFrame(rows, columns=SCORE_COLUMNS + ["p_sum", "r_sum"])


def micro_average(scores: pd.DataFrame) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of per-technique scores (sums and counts pooled)."""
    return scoring.prf(scores["p_sum"].sum(), int(scores["n_predicted"].sum()), scores["r_sum"].sum(), int(scores["n_gold"].sum()))


def score_span_identification(predicted: pd.DataFrame, gold: pd.DataFrame) -> tuple[float, float, float]:
    """SemEval subtask SI: every span one class ("propaganda"), overlaps merged."""
    flat = score_spans(predicted.assign(technique="propaganda"), gold.assign(technique="propaganda"), ["propaganda"])
    return micro_average(flat)


def ptc_predictions(docs: pd.DataFrame, spans: pd.DataFrame | None = None, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Detector spans of ``docs`` as PTC predictions (``doc_id, technique, start, end, device, rule``).

    Devices whose ``ptc_span`` is ``sentence`` (``rhetoric_devices.csv``) are
    compared by the body sentence they lie in, since the PTC labels those
    techniques as whole clauses; the others by the words that fired.
    """
    from analysis.rhetoric import detector
    from analysis.corpus.loading import segment_corpus
    from analysis.corpus.sentences import split_sentences

    segments = None
    if sentences is None:
        # Segment once: the sentences and the attribution ledger behind the spans share it.
        segments = segment_corpus(docs)
        sentences = split_sentences(segments[segments["kind"].eq("body")], dict(zip(docs["doc_id"], docs["raw"])))
    spans = detector.detect_devices(docs, sentences=sentences, segments=segments) if spans is None else spans
    mapped = spans[spans["ptc_technique"].ne("")].copy()
    scope = dict(zip(detector.load_devices()["device"], detector.load_devices()["ptc_span"]))
    whole = mapped["device"].map(scope).eq("sentence").to_numpy()
    bounds = sentences.set_index(["doc_id", "sentence_id"])[["start", "end"]]
    keys = list(zip(mapped.loc[whole, "doc_id"], mapped.loc[whole, "sentence_id"]))
    if keys:
        mapped.loc[whole, "start"] = bounds.loc[keys, "start"].to_numpy()
        mapped.loc[whole, "end"] = bounds.loc[keys, "end"].to_numpy()
    return mapped.rename(columns={"ptc_technique": "technique"})[LABEL_COLUMNS + ["device", "rule"]].reset_index(drop=True)


#: The tagger's operating points scored on their own (model-file key -> what it is for).
OPERATING_POINTS = {"thresholds": "reports (best cross-validated F0.5)", "f1_thresholds": "best cross-validated F1"}


def tagger_operating_points(docs: pd.DataFrame, labels: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The trained tagger alone (no curated lexicon, no patterns) at each of its operating points.

    Returns :data:`SCORE_COLUMNS` plus ``operating_point`` and ``threshold``, one row
    per operating point and tagged technique, scored as :func:`score_spans` does.
    """
    from analysis.corpus.sentences import body_sentences
    from analysis.rhetoric import detector, tagger

    model = tagger.load_model()
    technique_of = {device: technique for technique, device in
                    zip(detector.load_devices()["ptc_technique"], detector.load_devices()["device"]) if technique}
    sentences = body_sentences(docs) if sentences is None else sentences
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    gold = labels[labels["doc_id"].isin(set(docs["doc_id"]))]
    tables = []
    for point, purpose in OPERATING_POINTS.items():
        if point not in model:
            continue
        rows = []
        for doc_id, start, end in sentences[["doc_id", "start", "end"]].itertuples(index=False):
            for s, e, device, _ in detector._tagger_matches(raw_by_doc[doc_id][start:end], point):
                rows.append((doc_id, technique_of[device], start + s, start + e))
        predicted = pd.DataFrame(rows, columns=LABEL_COLUMNS)
        techniques = [technique_of[c] for c in model["classes"][1:]]
        scores = score_spans(predicted, gold, techniques)
        scores.insert(0, "operating_point", purpose)
        scores.insert(2, "threshold", [model[point][c] for c in model["classes"][1:]])
        tables.append(scores)
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=["operating_point", "technique", "threshold", *SCORE_COLUMNS[1:]])


def evaluate(docs: pd.DataFrame, labels: pd.DataFrame, predictions: pd.DataFrame | None = None) -> dict:
    """Score the detector on ``docs`` against ``labels``: per technique, micro, all-technique and SI figures."""
    from analysis.rhetoric import detector

    predictions = ptc_predictions(docs) if predictions is None else predictions
    gold = labels[labels["doc_id"].isin(set(docs["doc_id"]))]
    predictions = predictions[predictions["doc_id"].isin(set(docs["doc_id"]))]
    detected = [t for t in detector.load_devices()["ptc_technique"].drop_duplicates() if t]
    frequency = gold["technique"].value_counts()
    detected.sort(key=lambda t: (-frequency.get(t, 0), t))
    per_technique = score_spans(predictions, gold, detected)
    undetected = sorted(set(gold["technique"]) - set(detected), key=lambda t: (-frequency.get(t, 0), t))
    everything = score_spans(predictions, gold, detected + undetected)
    return {
        "per_technique": per_technique,
        "micro": micro_average(per_technique),
        "all_techniques": micro_average(everything),
        "undetected": undetected,
        "span_identification": score_span_identification(predictions, gold),
        "n_articles": len(docs),
        "n_gold": len(gold),
        "n_predicted": len(predictions),
    }


def held_out_evaluation(ptc_dir: Path | str, use_cache: bool = True) -> dict:
    """The detector scored on the held-out articles of the PTC at ``ptc_dir`` (what notebook 03 shows).

    ``ptc_dir`` holds ``train-articles/`` and ``train-task2-TC.labels`` (the layout
    of ``../shared/data/ptc``). The result depends only on this package and on
    those files, never on the corpus being analysed, so it is cached on their
    contents (:mod:`analysis.report.result_cache`): a rebuild after a notebook edit
    reuses it, and any change to the detector, its data or the PTC files
    recomputes it. ``use_cache=False`` always recomputes.

    Returns
    -------
    dict
        The keys of :func:`evaluate`, plus ``articles`` (``doc_id, raw`` of the
        held-out articles), ``labels`` (their gold spans, ``LABEL_COLUMNS``),
        ``predictions`` (the detector's spans, as :func:`ptc_predictions`) and
        ``tagger_operating_points`` (:func:`tagger_operating_points`).
    """
    from analysis.report import result_cache

    ptc_dir = Path(ptc_dir)
    articles, labels_file = ptc_dir / PTC_ARTICLES, ptc_dir / PTC_LABELS
    for path, kind in ((articles, "the folder of PTC articles is"), (labels_file, "the PTC technique labels are")):
        if not path.exists():
            raise FileNotFoundError(f"{path}: {kind} missing")

    def compute() -> dict:
        from analysis.corpus.sentences import body_sentences

        docs = load_articles(articles)
        labels = check_labels(read_labels(labels_file), docs, labels_file)
        held_out = select_part(docs, "held-out")
        if held_out.empty:
            raise ValueError(f"{articles}: no held-out articles (every article is in {TUNE_LIST_FILE.name})")
        held_sentences = body_sentences(held_out)
        predictions = ptc_predictions(held_out, sentences=held_sentences)
        result = evaluate(held_out, labels, predictions)
        result["tagger_operating_points"] = tagger_operating_points(held_out, labels, held_sentences)
        result["articles"] = held_out[["doc_id", "raw"]].reset_index(drop=True)
        result["labels"] = labels[labels["doc_id"].isin(set(held_out["doc_id"]))].reset_index(drop=True)
        result["predictions"] = predictions
        return result

    if not use_cache:
        return compute()
    return result_cache.cached("ptc-held-out-evaluation", result_cache.content_key(articles, labels_file), compute)


def unmatched(spans: pd.DataFrame, other: pd.DataFrame, technique: str) -> pd.DataFrame:
    """Rows of ``spans`` of ``technique`` that overlap no span of ``other`` of the same technique.

    With predictions as ``spans`` and gold as ``other`` these are the false
    positives; the other way round, the labelled spans the detector missed.
    """
    mine = spans[spans["technique"].eq(technique)]
    theirs = {doc: scoring.merge_overlaps(list(zip(g["start"], g["end"]))) for doc, g in other[other["technique"].eq(technique)].groupby("doc_id")}
    keep = []
    for doc_id, start, end in mine[["doc_id", "start", "end"]].itertuples(index=False):
        keep.append(not any(s < end and start < e for s, e in theirs.get(doc_id, [])))
    return mine[keep].reset_index(drop=True)


# --------------------------------------------------------------------------- command line

def _print_report(result: dict, part: str, out=None) -> None:
    out = out or sys.stdout
    print(f"{result['n_articles']} articles ({part}), {result['n_gold']} labelled spans, {result['n_predicted']} predicted spans", file=out)
    print("SemEval-2020 Task 11 span scoring, partial credit by character overlap", file=out)
    print(f"{'technique':<28} {'predicted':>9} {'gold':>6} {'precision':>9} {'recall':>7} {'F1':>6}", file=out)
    for row in result["per_technique"].itertuples(index=False):
        if row.n_predicted == 0 and row.n_gold == 0:  # nothing to score: no figure rather than 0 or 1
            print(f"{row.technique:<28} {0:>9} {0:>6} {'-':>9} {'-':>7} {'-':>6}", file=out)
            continue
        print(f"{row.technique:<28} {row.n_predicted:>9} {row.n_gold:>6} {row.precision:>9.3f} {row.recall:>7.3f} {row.f1:>6.3f}", file=out)
    p, r, f = result["micro"]
    print(f"{'micro, detected techniques':<28} {'':>9} {'':>6} {p:>9.3f} {r:>7.3f} {f:>6.3f}", file=out)
    p, r, f = result["all_techniques"]
    print(f"{'micro, all techniques':<28} {'':>9} {'':>6} {p:>9.3f} {r:>7.3f} {f:>6.3f}   "
          f"(not detected: {', '.join(result['undetected']) or 'none'})", file=out)
    p, r, f = result["span_identification"]
    print(f"{'span identification (SI)':<28} {'':>9} {'':>6} {p:>9.3f} {r:>7.3f} {f:>6.3f}   (technique-agnostic, as SemEval subtask SI)", file=out)
    # What a report's trust box shows when the PTC is absent (--record keeps them).
    loaded = result["per_technique"].set_index("technique")
    if "Loaded_Language" in loaded.index:
        scoring.keep_figure("loaded_language_f1", loaded.at["Loaded_Language", "f1"])
    scoring.keep_figure("span_identification_f1", result["span_identification"][2])
    scoring.keep_figure("articles", result["n_articles"])
    scoring.final_line("micro_f1", result["micro"][2], out)


def select_part(docs: pd.DataFrame, part: str) -> pd.DataFrame:
    """The articles of ``docs`` in a part: ``held-out`` (not in the tune list), ``tune`` or ``all``."""
    tuned = tune_articles()
    in_tune = docs["doc_id"].map(lambda d: article_id(d) in tuned)
    if part == "held-out":
        return docs[~in_tune].reset_index(drop=True)
    if part == "tune":
        return docs[in_tune].reset_index(drop=True)
    return docs


def _add_arguments(parser) -> None:
    shared = config.shared_data_dir() / "ptc"
    parser.add_argument("--articles", type=Path, default=shared / PTC_ARTICLES,
                        help="folder of article<ID>.txt files (default: ../shared/data/ptc/train-articles)")
    parser.add_argument("--labels", type=Path, default=shared / PTC_LABELS,
                        help="tab-separated article_id, technique, start, end (default: ../shared/data/ptc/train-task2-TC.labels)")
    parser.add_argument("--part", choices=["held-out", "tune", "all"], default="held-out",
                        help="which articles to score: held-out (default: not used for tuning), tune (in-sample) or all")


def _run(args) -> int:
    if scoring.missing_data([args.articles, args.labels]):
        return 0
    docs = load_articles(args.articles)
    labels = check_labels(read_labels(args.labels), docs, args.labels)
    selected = select_part(docs, args.part)
    if selected.empty:
        print(f"no {args.part} articles in {args.articles}", file=sys.stderr)
        return 1
    if args.part != "held-out":
        print(f"note: {args.part} includes the articles the lexicon was tuned on; these figures are in-sample")
    print(f"scoring {len(selected):,} articles ...", flush=True)
    result = evaluate(selected, labels)
    points = tagger_operating_points(selected, labels)
    print("the trained tagger alone (analysis/data/rhetoric_tagger.json), at its two operating points:")
    for row in points.itertuples(index=False):
        print(f"  {row.operating_point:<36} {row.technique:<22} p >= {row.threshold:.2f}: predicted {row.n_predicted:>5}  "
              f"P {row.precision:.3f}  R {row.recall:.3f}  F1 {row.f1:.3f}")
    print("the detector as the reports run it (tagger at the reports' thresholds + curated lexicon + patterns + rules):")
    _print_report(result, args.part)
    return 0


TASKS = [scoring.Task("ptc", "score the rhetoric detector against the Propaganda Techniques Corpus (SemEval-2020 span scoring)",
                      _add_arguments, _run)]
