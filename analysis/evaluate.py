"""Measure the rhetoric detector against the Propaganda Techniques Corpus (PTC).

Two commands::

    python -m analysis.evaluate ptc  --articles DIR --labels FILE [--part held-out|tune|all]
    python -m analysis.evaluate tune --articles DIR --labels FILE

``ptc`` runs :func:`analysis.rhetoric.detect_devices` on every article in ``DIR``
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

``tune`` rebuilds ``analysis/data/rhetoric_lexicon.csv`` from the tune part only:
it counts, for every word and word pair, how often the tune articles label it
Loaded_Language or Name_Calling,Labeling, chooses the lexicon thresholds by
two-fold cross-validation *inside* the tune part, and keeps (a) the strong
subjectivity clues of Riloff & Wiebe (2003, ``../shared/data/lexicons``) unless
the tune part shows them to be mostly unlabelled, (b) words and pairs the tune
part labels often enough, (c) every curated entry, with its tune counts.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

from analysis import config

LABEL_COLUMNS = ["doc_id", "technique", "start", "end"]
SCORE_COLUMNS = ["technique", "n_predicted", "n_gold", "precision", "recall", "f1"]
TUNE_LIST_FILE = config.PACKAGE_DATA_DIR / "ptc_tune_articles.csv"
SPLIT_SALT = "rhetoric-ptc-split"
FOLD_SALT = "rhetoric-ptc-fold"
#: Share of the PTC training articles in the tune part.
TUNE_SHARE = 0.5
#: Lexicon settings tried by the cross-validation of ``tune``: (min precision of a
#: mined entry, min precision of a Riloff clue, how often a clue must occur before
#: its precision is trusted, whether clues the tune part never shows are kept).
THRESHOLD_GRID = [(m, s, n, u) for m in (0.2, 0.3) for s in (0.1, 0.2, 0.3) for n in (1, 2, 3) for u in (True, False)]
#: A mined entry needs at least this many labelled occurrences in the tune part.
MIN_MINED_HITS = 2
#: The most frequent tokens of the tune part (function words) never form an entry on their own.
FREQUENT_TOKENS = 200
LEXICON_TECHNIQUES = {"Loaded_Language": "loaded_language", "Name_Calling,Labeling": "name_calling"}
RILOFF_FILE = "lexicons/strong_subjectives_riloff2003.txt"
RILOFF_SOURCE = ("Riloff & Wiebe 2003, Learning extraction patterns for subjective expressions (EMNLP): strong "
                 "subjectivity clue (../shared/data/lexicons, MIT-licensed collection); kept because the PTC tune part "
                 "does not show it to be mostly unlabelled")
MINED_SOURCE = ("PTC v2 training articles, tune part (Da San Martino et al. 2019, EMNLP; SemEval-2020 Task 11): "
                "labelled {technique} in {hits} of {occurrences} occurrences")


# --------------------------------------------------------------------------- data

def ptc_part(article_id: str) -> str:
    """``"tune"`` or ``"held-out"``: the fixed, seeded split of the PTC training articles by id."""
    digest = hashlib.sha256(f"{SPLIT_SALT}:{article_id}".encode()).hexdigest()
    return "tune" if int(digest[:8], 16) / 2**32 < TUNE_SHARE else "held-out"


def _fold(article_id: str) -> int:
    return int(hashlib.sha256(f"{FOLD_SALT}:{article_id}".encode()).hexdigest()[:8], 16) % 2


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
    from analysis import corpus

    return corpus.load_corpus(Path(folder))


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

def merge_overlaps(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping ``[start, end)`` intervals (touching ones stay apart, as in the official scorer)."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _prf(p_num: float, n_pred: int, r_num: float, n_gold: int) -> tuple[float, float, float]:
    precision = p_num / n_pred if n_pred else 0.0
    recall = r_num / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _overlap_sums(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    """Sum of |s∩g|/|s| and of |s∩g|/|g| over all pairs (both lists merged and sorted)."""
    p_num = r_num = 0.0
    gold_starts = [g[0] for g in gold]
    for s, e in predicted:
        i = max(bisect.bisect_right(gold_starts, s) - 1, 0)
        while i < len(gold) and gold[i][0] < e:
            overlap = min(e, gold[i][1]) - max(s, gold[i][0])
            if overlap > 0:
                p_num += overlap / (e - s)
                r_num += overlap / (gold[i][1] - gold[i][0])
            i += 1
    return p_num, r_num


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
            p_spans = merge_overlaps(pred.get(technique, {}).get(doc_id, []))
            g_spans = merge_overlaps(true.get(technique, {}).get(doc_id, []))
            n_pred += len(p_spans)
            n_gold += len(g_spans)
            p, r = _overlap_sums(p_spans, g_spans)
            p_sum += p
            r_sum += r
        precision, recall, f1 = _prf(p_sum, n_pred, r_sum, n_gold)
        rows.append({"technique": technique, "n_predicted": n_pred, "n_gold": n_gold, "precision": precision,
                     "recall": recall, "f1": f1, "p_sum": p_sum, "r_sum": r_sum})
    return pd.DataFrame(rows, columns=SCORE_COLUMNS + ["p_sum", "r_sum"])


def micro_average(scores: pd.DataFrame) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of per-technique scores (sums and counts pooled)."""
    return _prf(scores["p_sum"].sum(), int(scores["n_predicted"].sum()), scores["r_sum"].sum(), int(scores["n_gold"].sum()))


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
    from analysis import rhetoric
    from analysis.corpus import segment_corpus
    from analysis.sentences import split_sentences

    segments = None
    if sentences is None:
        # Segment once: the sentences and the attribution ledger behind the spans share it.
        segments = segment_corpus(docs)
        sentences = split_sentences(segments[segments["kind"].eq("body")], dict(zip(docs["doc_id"], docs["raw"])))
    spans = rhetoric.detect_devices(docs, sentences=sentences, segments=segments) if spans is None else spans
    mapped = spans[spans["ptc_technique"].ne("")].copy()
    scope = dict(zip(rhetoric.load_devices()["device"], rhetoric.load_devices()["ptc_span"]))
    whole = mapped["device"].map(scope).eq("sentence").to_numpy()
    bounds = sentences.set_index(["doc_id", "sentence_id"])[["start", "end"]]
    keys = list(zip(mapped.loc[whole, "doc_id"], mapped.loc[whole, "sentence_id"]))
    if keys:
        mapped.loc[whole, "start"] = bounds.loc[keys, "start"].to_numpy()
        mapped.loc[whole, "end"] = bounds.loc[keys, "end"].to_numpy()
    return mapped.rename(columns={"ptc_technique": "technique"})[LABEL_COLUMNS + ["device", "rule"]].reset_index(drop=True)


def evaluate(docs: pd.DataFrame, labels: pd.DataFrame, predictions: pd.DataFrame | None = None) -> dict:
    """Score the detector on ``docs`` against ``labels``: per technique, micro, all-technique and SI figures."""
    from analysis import rhetoric

    predictions = ptc_predictions(docs) if predictions is None else predictions
    gold = labels[labels["doc_id"].isin(set(docs["doc_id"]))]
    predictions = predictions[predictions["doc_id"].isin(set(docs["doc_id"]))]
    detected = [t for t in rhetoric.load_devices()["ptc_technique"].drop_duplicates() if t]
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


PTC_ARTICLES = "train-articles"
PTC_LABELS = "train-task2-TC.labels"


def held_out_evaluation(ptc_dir: Path | str, use_cache: bool = True) -> dict:
    """The detector scored on the held-out articles of the PTC at ``ptc_dir`` (what notebook 03 shows).

    ``ptc_dir`` holds ``train-articles/`` and ``train-task2-TC.labels`` (the layout
    of ``../shared/data/ptc``). The result depends only on this package and on
    those files, never on the corpus being analysed, so it is cached on their
    contents (:mod:`analysis.result_cache`): a rebuild after a notebook edit
    reuses it, and any change to the detector, its data or the PTC files
    recomputes it. ``use_cache=False`` always recomputes.

    Returns
    -------
    dict
        The keys of :func:`evaluate`, plus ``articles`` (``doc_id, raw`` of the
        held-out articles), ``labels`` (their gold spans, ``LABEL_COLUMNS``) and
        ``predictions`` (the detector's spans, as :func:`ptc_predictions`).
    """
    from analysis import result_cache

    ptc_dir = Path(ptc_dir)
    articles, labels_file = ptc_dir / PTC_ARTICLES, ptc_dir / PTC_LABELS
    for path, kind in ((articles, "the folder of PTC articles is"), (labels_file, "the PTC technique labels are")):
        if not path.exists():
            raise FileNotFoundError(f"{path}: {kind} missing")

    def compute() -> dict:
        from analysis.sentences import body_sentences

        docs = load_articles(articles)
        labels = check_labels(read_labels(labels_file), docs, labels_file)
        held_out = select_part(docs, "held-out")
        if held_out.empty:
            raise ValueError(f"{articles}: no held-out articles (every article is in {TUNE_LIST_FILE.name})")
        predictions = ptc_predictions(held_out, sentences=body_sentences(held_out))
        result = evaluate(held_out, labels, predictions)
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
    theirs = {doc: merge_overlaps(list(zip(g["start"], g["end"]))) for doc, g in other[other["technique"].eq(technique)].groupby("doc_id")}
    keep = []
    for doc_id, start, end in mine[["doc_id", "start", "end"]].itertuples(index=False):
        keep.append(not any(s < end and start < e for s, e in theirs.get(doc_id, [])))
    return mine[keep].reset_index(drop=True)


# --------------------------------------------------------------------------- tuning the lexicon

def _ngram_occurrences(docs: pd.DataFrame, sentences: pd.DataFrame, max_words: int = 2) -> pd.DataFrame:
    """Every word and whitespace-joined word pair of the body sentences, normalised as the lexicon is."""
    from analysis.rhetoric import _TOKEN, _normalise_entry

    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    rows = []
    for doc_id, start, end in sentences[["doc_id", "start", "end"]].itertuples(index=False):
        text = raw_by_doc[doc_id][start:end]
        tokens = [(m.start(), m.end(), _normalise_entry(m.group())) for m in _TOKEN.finditer(text)]
        for i, (s, e, word) in enumerate(tokens):
            rows.append((doc_id, start + s, start + e, word, 1))
            for n in range(2, max_words + 1):
                window = tokens[i:i + n]
                if len(window) == n and all(text[a[1]:b[0]].isspace() for a, b in zip(window, window[1:])):
                    rows.append((doc_id, start + s, start + window[-1][1], " ".join(w for _, _, w in window), n))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "entry", "n_words"])


def _inside(occurrences: pd.DataFrame, gold: pd.DataFrame) -> pd.Series:
    """Whether each occurrence lies wholly inside a gold span (gold of one technique)."""
    spans = {doc: merge_overlaps(list(zip(g["start"], g["end"]))) for doc, g in gold.groupby("doc_id")}
    starts = {doc: [s for s, _ in v] for doc, v in spans.items()}
    flags = []
    for doc_id, start, end in occurrences[["doc_id", "start", "end"]].itertuples(index=False):
        intervals = spans.get(doc_id)
        if not intervals:
            flags.append(False)
            continue
        i = bisect.bisect_right(starts[doc_id], start) - 1
        flags.append(i >= 0 and intervals[i][1] >= end)
    return pd.Series(flags, index=occurrences.index)


def _entry_stats(occurrences: pd.DataFrame) -> pd.DataFrame:
    """Per entry: occurrences and hits per lexicon technique."""
    columns = {f"hits_{device}": (f"in_{device}", "sum") for device in LEXICON_TECHNIQUES.values()}
    return occurrences.groupby("entry").agg(occurrences=("entry", "size"), **columns)


def _choose_entries(stats: pd.DataFrame, strong: set[str], curated: dict[str, str], excluded: set[str],
                    frequent: set[str], min_mined: float, min_strong: float, trust_after: int,
                    keep_unseen: bool) -> dict[str, tuple[str, str]]:
    """``entry -> (device, origin)`` for one setting of the thresholds."""
    chosen: dict[str, tuple[str, str]] = {}
    hits = stats[[f"hits_{d}" for d in LEXICON_TECHNIQUES.values()]]
    best = hits.idxmax(axis=1).str.removeprefix("hits_")
    best_hits = hits.max(axis=1)
    precision = best_hits / stats["occurrences"]
    for entry, device, n_hits, prec in zip(stats.index, best, best_hits, precision):
        words = entry.split()
        if any(word in excluded for word in words) or all(word in frequent for word in words):
            continue
        if n_hits >= MIN_MINED_HITS and prec >= min_mined:
            chosen[entry] = (device, "ptc_tune")
    for entry in strong:
        if entry in chosen or any(word in excluded for word in entry.split()):
            continue
        if entry in stats.index:
            n = stats.at[entry, "occurrences"]
            labelled = stats.at[entry, "hits_loaded_language"]
            if n >= trust_after and labelled / n < min_strong:
                continue
        elif not keep_unseen:
            continue
        chosen[entry] = ("loaded_language", "riloff2003_strong")
    for entry, device in curated.items():
        chosen[entry] = (device, "curated")
    return chosen


def _lexicon_predictions(docs: pd.DataFrame, sentences: pd.DataFrame, chosen: dict[str, tuple[str, str]]) -> pd.DataFrame:
    from analysis.rhetoric import _lexicon_matches, phrase_lengths

    index = {entry: (device, origin) for entry, (device, origin) in chosen.items()}
    lengths = phrase_lengths(index)
    technique = {device: name for name, device in LEXICON_TECHNIQUES.items()}
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    rows = []
    for doc_id, start, end in sentences[["doc_id", "start", "end"]].itertuples(index=False):
        for s, e, device, _ in _lexicon_matches(raw_by_doc[doc_id][start:end], index, lengths):
            rows.append((doc_id, technique[device], start + s, start + e))
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


def tune_lexicon(docs: pd.DataFrame, labels: pd.DataFrame, strong: set[str], out=None) -> tuple[pd.DataFrame, dict]:
    """Build the lexicon table from the tune part of ``docs`` (see the module docstring).

    Returns the new ``rhetoric_lexicon.csv`` table and the chosen thresholds with
    their cross-validated F1.
    """
    from analysis import rhetoric
    from analysis.sentences import body_sentences

    out = out or sys.stdout
    tune_docs = docs[docs["doc_id"].map(lambda d: ptc_part(article_id(d)) == "tune")].reset_index(drop=True)
    sentences = body_sentences(tune_docs)
    occurrences = _ngram_occurrences(tune_docs, sentences)
    for technique, device in LEXICON_TECHNIQUES.items():
        occurrences[f"in_{device}"] = _inside(occurrences, labels[labels["technique"].eq(technique)])
    occurrences["fold"] = occurrences["doc_id"].map(lambda d: _fold(article_id(d)))
    counts = occurrences.loc[occurrences["n_words"].eq(1), "entry"].value_counts()
    frequent = set(counts.head(FREQUENT_TOKENS).index)
    current = rhetoric.load_lexicon()
    curated = dict(zip(current.loc[current["origin"].eq("curated"), "entry"], current.loc[current["origin"].eq("curated"), "device"]))
    judged_neutral = dict(zip(current.loc[current["origin"].eq("excluded"), "entry"], current.loc[current["origin"].eq("excluded"), "device"]))
    # Hedges are never loaded language; entries a person excluded are never re-added.
    excluded = set(rhetoric._hedge_terms()) | set(judged_neutral)
    gold = labels[labels["technique"].isin(LEXICON_TECHNIQUES)]

    print(f"tune part: {len(tune_docs)} articles, {len(sentences)} body sentences; two-fold cross-validation inside it", file=out)
    results = []
    folds = tune_docs["doc_id"].map(lambda d: _fold(article_id(d)))
    for setting in THRESHOLD_GRID:
        predictions = []
        for fold in (0, 1):
            stats = _entry_stats(occurrences[occurrences["fold"].ne(fold)])
            chosen = _choose_entries(stats, strong, curated, excluded, frequent, *setting)
            test_docs = tune_docs[folds.eq(fold).to_numpy()]
            predictions.append(_lexicon_predictions(test_docs, sentences[sentences["doc_id"].isin(set(test_docs["doc_id"]))], chosen))
        scores = score_spans(pd.concat(predictions), gold[gold["doc_id"].isin(set(tune_docs["doc_id"]))], list(LEXICON_TECHNIQUES))
        results.append((setting, scores["f1"].mean(), *scores["f1"]))
    results.sort(key=lambda r: -r[1])
    print("  setting (mined precision, clue precision, clue trusted after n, unseen clues kept)   mean F1   "
          + "   ".join(LEXICON_TECHNIQUES), file=out)
    for setting, mean, *f1s in results[:5]:
        print(f"  {setting!s:<84} {mean:.3f}   " + "   ".join(f"{f:.3f}" for f in f1s), file=out)
    best = results[0][0]

    stats = _entry_stats(occurrences)
    chosen = _choose_entries(stats, strong, curated, excluded, frequent, *best)
    chosen.update({entry: (device, "excluded") for entry, device in judged_neutral.items()})
    rows = []
    order = {"curated": 0, "excluded": 1, "ptc_tune": 2, "riloff2003_strong": 3}
    for entry, (device, origin) in sorted(chosen.items(), key=lambda kv: (order[kv[1][1]], kv[1][0], kv[0])):
        technique = next(t for t, d in LEXICON_TECHNIQUES.items() if d == device)
        n = int(stats.at[entry, "occurrences"]) if entry in stats.index else 0
        hits = int(stats.at[entry, f"hits_{device}"]) if entry in stats.index else 0
        if origin in ("curated", "excluded"):
            source = current.loc[current["entry"].eq(entry), "source"].iloc[0]
        elif origin == "ptc_tune":
            source = MINED_SOURCE.format(technique=technique, hits=hits, occurrences=n)
        else:
            source = RILOFF_SOURCE
        rows.append({"entry": entry, "device": device, "origin": origin, "tune_occurrences": n or "",
                     "tune_hits": hits if n else "", "tune_precision": f"{hits / n:.2f}" if n else "", "source": source})
    table = pd.DataFrame(rows, columns=rhetoric.LEXICON_COLUMNS)
    summary = {"thresholds": best, "cv_mean_f1": results[0][1], "n_entries": len(table),
               "by_origin": table.groupby(["device", "origin"]).size().to_dict()}
    return table, summary


def read_strong_subjectives(path: Path) -> set[str]:
    """Riloff & Wiebe's strong subjectivity clues, normalised as lexicon entries."""
    from analysis.rhetoric import _normalise_entry

    if not path.is_file():
        raise FileNotFoundError(f"{path}: Riloff & Wiebe's strong subjectives list not found (see ../shared/data/README.md)")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(_normalise_entry(line))
    return words


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
    print(f"micro_f1={result['micro'][2]:.4f}", file=out)


def select_part(docs: pd.DataFrame, part: str) -> pd.DataFrame:
    """The articles of ``docs`` in a part: ``held-out`` (not in the tune list), ``tune`` or ``all``."""
    tuned = tune_articles()
    in_tune = docs["doc_id"].map(lambda d: article_id(d) in tuned)
    if part == "held-out":
        return docs[~in_tune].reset_index(drop=True)
    if part == "tune":
        return docs[in_tune].reset_index(drop=True)
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ptc = commands.add_parser("ptc", help="score the rhetoric detector against PTC labels")
    ptc.add_argument("--articles", required=True, type=Path, help="folder of article<ID>.txt files")
    ptc.add_argument("--labels", required=True, type=Path, help="tab-separated article_id, technique, start, end")
    ptc.add_argument("--part", choices=["held-out", "tune", "all"], default="held-out",
                     help="which articles to score: held-out (default: not used for tuning), tune (in-sample) or all")
    tune = commands.add_parser("tune", help="rebuild analysis/data/rhetoric_lexicon.csv from the tune part")
    tune.add_argument("--articles", required=True, type=Path)
    tune.add_argument("--labels", required=True, type=Path)
    tune.add_argument("--subjectives", type=Path, default=config.shared_data_dir() / RILOFF_FILE)
    args = parser.parse_args(argv)

    docs = load_articles(args.articles)
    labels = check_labels(read_labels(args.labels), docs, args.labels)
    if args.command == "ptc":
        selected = select_part(docs, args.part)
        if selected.empty:
            print(f"no {args.part} articles in {args.articles}", file=sys.stderr)
            return 1
        if args.part != "held-out":
            print(f"note: {args.part} includes the articles the lexicon was tuned on; these figures are in-sample")
        _print_report(evaluate(selected, labels), args.part)
        return 0

    from analysis import rhetoric

    table, summary = tune_lexicon(docs, labels, read_strong_subjectives(args.subjectives))
    table.to_csv(rhetoric.LEXICON_FILE, index=False, lineterminator="\n")
    tuned = sorted(article_id(d) for d in docs["doc_id"] if ptc_part(article_id(d)) == "tune")
    pd.DataFrame({"article_id": tuned, "part": "tune",
                  "source": f"sha256('{SPLIT_SALT}:<id>') in the lower {TUNE_SHARE:.0%} of its range (analysis.evaluate.ptc_part)"}
                 ).to_csv(TUNE_LIST_FILE, index=False, lineterminator="\n")
    print(f"chose thresholds {summary['thresholds']} (cross-validated mean F1 {summary['cv_mean_f1']:.3f})")
    print(f"wrote {rhetoric.LEXICON_FILE} ({summary['n_entries']} entries: {summary['by_origin']}) and {TUNE_LIST_FILE} ({len(tuned)} articles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
