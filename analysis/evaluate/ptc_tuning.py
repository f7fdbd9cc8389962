"""Rebuild the rhetoric lexicon from the tune part of the PTC: ``python -m analysis.evaluate ptc-tune``.

::

    python -m analysis.evaluate ptc-tune --articles DIR --labels FILE

It rebuilds ``analysis/data/rhetoric_lexicon.csv`` from the tune part only
(:func:`analysis.evaluate.ptc.ptc_part`): it counts, for every word and word pair,
how often the tune articles label it Loaded_Language or Name_Calling,Labeling,
chooses the lexicon thresholds by two-fold cross-validation *inside* the tune
part, and keeps (a) the strong subjectivity clues of Riloff & Wiebe (2003,
``../shared/data/lexicons``) unless the tune part shows them to be mostly
unlabelled, (b) words and pairs the tune part labels often enough, (c) every
curated entry, with its tune counts. It also writes the tune part's ids to
``analysis/data/ptc_tune_articles.csv``, so the split stays fixed for any folder.
"""

from __future__ import annotations

import bisect
import sys
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.evaluate import scoring
from analysis.evaluate.ptc import (
    LABEL_COLUMNS, PTC_ARTICLES, PTC_LABELS, SPLIT_SALT, TUNE_LIST_FILE, TUNE_SHARE, article_id, check_labels,
    load_articles, ptc_part, read_labels, score_spans,
)

FOLD_SALT = "rhetoric-ptc-fold"
#: Lexicon settings tried by the cross-validation: (min precision of a mined entry,
#: min precision of a Riloff clue, how often a clue must occur before its precision
#: is trusted, whether clues the tune part never shows are kept).
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


def _ngram_occurrences(docs: pd.DataFrame, sentences: pd.DataFrame, max_words: int = 2) -> pd.DataFrame:
    """Every word and whitespace-joined word pair of the body sentences, normalised as the lexicon is."""
    from analysis.rhetoric.detector import _TOKEN, _normalise_entry

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
    spans = {doc: scoring.merge_overlaps(list(zip(g["start"], g["end"]))) for doc, g in gold.groupby("doc_id")}
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
    from analysis.rhetoric.detector import _lexicon_matches, phrase_lengths

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
    from analysis.rhetoric import detector
    from analysis.corpus.sentences import body_sentences

    out = out or sys.stdout
    tune_docs = docs[docs["doc_id"].map(lambda d: ptc_part(article_id(d)) == "tune")].reset_index(drop=True)
    sentences = body_sentences(tune_docs)
    occurrences = _ngram_occurrences(tune_docs, sentences)
    for technique, device in LEXICON_TECHNIQUES.items():
        occurrences[f"in_{device}"] = _inside(occurrences, labels[labels["technique"].eq(technique)])
    occurrences["fold"] = occurrences["doc_id"].map(lambda d: scoring.seeded_fold(FOLD_SALT, article_id(d)))
    counts = occurrences.loc[occurrences["n_words"].eq(1), "entry"].value_counts()
    frequent = set(counts.head(FREQUENT_TOKENS).index)
    current = detector.load_lexicon()
    curated = dict(zip(current.loc[current["origin"].eq("curated"), "entry"], current.loc[current["origin"].eq("curated"), "device"]))
    judged_neutral = dict(zip(current.loc[current["origin"].eq("excluded"), "entry"], current.loc[current["origin"].eq("excluded"), "device"]))
    # Hedges are never loaded language; entries a person excluded are never re-added.
    excluded = set(detector._hedge_terms()) | set(judged_neutral)
    gold = labels[labels["technique"].isin(LEXICON_TECHNIQUES)]

    print(f"tune part: {len(tune_docs)} articles, {len(sentences)} body sentences; two-fold cross-validation inside it", file=out)
    results = []
    folds = tune_docs["doc_id"].map(lambda d: scoring.seeded_fold(FOLD_SALT, article_id(d)))
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
    table = pd.DataFrame(rows, columns=detector.LEXICON_COLUMNS)
    summary = {"thresholds": best, "cv_mean_f1": results[0][1], "n_entries": len(table),
               "by_origin": table.groupby(["device", "origin"]).size().to_dict()}
    return table, summary


def read_strong_subjectives(path: Path) -> set[str]:
    """Riloff & Wiebe's strong subjectivity clues, normalised as lexicon entries."""
    from analysis.rhetoric.detector import _normalise_entry

    if not path.is_file():
        raise FileNotFoundError(f"{path}: Riloff & Wiebe's strong subjectives list not found (see ../shared/data/README.md)")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(_normalise_entry(line))
    return words


def _add_arguments(parser) -> None:
    shared = config.shared_data_dir()
    parser.add_argument("--articles", type=Path, default=shared / "ptc" / PTC_ARTICLES, help="folder of article<ID>.txt files")
    parser.add_argument("--labels", type=Path, default=shared / "ptc" / PTC_LABELS, help="the PTC technique labels")
    parser.add_argument("--subjectives", type=Path, default=shared / RILOFF_FILE, help="Riloff & Wiebe's strong subjectivity clues")


def _run(args) -> int:
    from analysis.rhetoric import detector

    if scoring.missing_data([args.articles, args.labels, args.subjectives]):
        return 0
    docs = load_articles(args.articles)
    labels = check_labels(read_labels(args.labels), docs, args.labels)
    table, summary = tune_lexicon(docs, labels, read_strong_subjectives(args.subjectives))
    table.to_csv(detector.LEXICON_FILE, index=False, lineterminator="\n")
    tuned = sorted(article_id(d) for d in docs["doc_id"] if ptc_part(article_id(d)) == "tune")
    pd.DataFrame({"article_id": tuned, "part": "tune",
                  "source": f"sha256('{SPLIT_SALT}:<id>') in the lower {TUNE_SHARE:.0%} of its range (analysis.evaluate.ptc.ptc_part)"}
                 ).to_csv(TUNE_LIST_FILE, index=False, lineterminator="\n")
    print(f"chose thresholds {summary['thresholds']} (cross-validated mean F1 {summary['cv_mean_f1']:.3f})")
    print(f"wrote {detector.LEXICON_FILE} ({summary['n_entries']} entries: {summary['by_origin']}) and {TUNE_LIST_FILE} ({len(tuned)} articles)")
    return 0


TASKS = [scoring.Task("ptc-tune", "rebuild analysis/data/rhetoric_lexicon.csv from the tune part of the PTC",
                      _add_arguments, _run)]
