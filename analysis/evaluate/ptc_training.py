"""Train the rhetoric tagger on the PTC: ``python -m analysis.evaluate ptc-train``.

::

    python -m analysis.evaluate ptc-train [--articles DIR] [--labels FILE] [--lexicons DIR] [--part tune|all]

It writes ``analysis/data/rhetoric_tagger.json`` (:mod:`analysis.rhetoric.tagger`):
a linear-chain CRF (CRFsuite, through python-crfsuite; L-BFGS with L1 and L2
penalties) over the words of the body sentences of the Propaganda Techniques
Corpus articles, with ``B-``/``I-`` labels for each technique it learns
(:data:`TAGGED_TECHNIQUES`) and ``O`` for words outside every such span. A word
is labelled with a technique when most of its characters lie inside a labelled
span of that technique; the first such word of a run is its ``B-``. The weights
are written to JSON and the tagger decodes them itself, so only training needs
the CRF library.

What is chosen, and on what:

* ``--part tune`` (the default, and what every reported figure uses) trains on
  the tune half only (:func:`analysis.evaluate.ptc.ptc_part`); the held-out half
  scored by ``python -m analysis.evaluate ptc`` is then unseen.
* The regularisation (:data:`REGULARISATION_GRID`), the probability threshold of
  each class and the gap a span may bridge are chosen by four-fold
  cross-validation *inside the tune half* (folds by
  :func:`analysis.evaluate.scoring.seeded_fold`) on the SemEval span scores of
  the folds not trained on: the regularisation and the bridge by the best F1,
  and two thresholds per class — ``thresholds``, the one the reports use, by
  the best F0.5 (precision weighed twice as much as recall: a reader judges
  every highlighted word, and the PTC leaves many emotive words unlabelled),
  and ``f1_thresholds``, the best F1, which ``python -m analysis.evaluate ptc``
  also scores. The model file keeps the cross-validated figures, span
  identification of the tagger alone included.
* ``--part all`` then refits with the chosen settings on every article; the
  model file records which, and held-out figures of such a model are in-sample.

The word lists behind the lexicon features are read from ``--lexicons``
(``../shared/data/lexicons``) and the package's ``hedges.csv``, and written into
the model file with their sources, so tagging needs nothing outside the package.
Takes about seven minutes on one core (twelve CRF fits for the cross-validation, one to ship).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.evaluate import scoring
from analysis.evaluate.ptc import (
    LABEL_COLUMNS, PTC_ARTICLES, PTC_LABELS, article_id, check_labels, load_articles, ptc_part, read_labels, score_span_identification,
    score_spans,
)

#: PTC technique -> the tagger's class (a device of ``rhetoric_devices.csv``).
TAGGED_TECHNIQUES = {"Loaded_Language": "loaded_language", "Name_Calling,Labeling": "name_calling"}
FOLD_SALT = "rhetoric-tagger-fold"
#: Cross-validation folds inside the training articles: each fit sees 3/4 of them, close
#: to the final model's data, so the thresholds chosen suit the final model.
FOLDS = 4
#: (L1, L2) regularisation strengths of the CRF tried by the cross-validation.
REGULARISATION_GRID = ((0.05, 0.2), (0.05, 0.5), (0.02, 1.0))
#: L-BFGS iterations of each CRF fit.
MAX_ITERATIONS = 150
#: The chain's marginals put little mass on a class far from its words: low thresholds are tried too.
THRESHOLD_GRID = (0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
BRIDGE_GRID = (0, 1)
#: A feature seen in fewer training words than this is not learnt (keeps the file small).
MIN_FEATURE_COUNT = 1
#: Weights smaller than this (for every class, relative to O) are dropped from the file.
PRUNE_BELOW = 0.02
LEXICON_FILES = {
    "riloff_strong": ("strong_subjectives_riloff2003.txt", "Riloff & Wiebe 2003, Learning extraction patterns for subjective expressions (EMNLP): strong subjectivity clues"),
    "riloff_weak": ("weak_subjectives_riloff2003.txt", "Riloff & Wiebe 2003 (EMNLP): weak subjectivity clues"),
    "bias_lexicon": ("npov_lexicon.txt", "Recasens, Danescu-Niculescu-Mizil & Jurafsky 2013, Linguistic Models for Analyzing and Detecting Biased Language (ACL): bias lexicon"),
    "report_verb": ("report_verbs.txt", "Recasens et al. 2013 (ACL): report verbs"),
    "factive": ("factives_hooper1975.txt", "Hooper 1975, On assertive predicates (Syntax and Semantics 4): factive verbs"),
    "assertive": ("assertives_hooper1975.txt", "Hooper 1975 (Syntax and Semantics 4): assertive verbs"),
    "implicative": ("implicatives_karttunen1971.txt", "Karttunen 1971, Implicative verbs (Language 47(2)): implicative verbs"),
}
HEDGE_SOURCE = "analysis/data/hedges.csv (Hyland 2005, Metadiscourse, and others; one-word entries)"


# --------------------------------------------------------------------------- word lists

def read_word_list(path: Path) -> list[str]:
    """One word per line, ``#`` comments skipped, lower-cased; refuses a missing file by name."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: word list not found (../shared/data/README.md says where it comes from)")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.lower().replace("’", "'"))
    return sorted(words)


def feature_lexicons(folder: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """``name -> words`` and ``name -> source`` of every word list the features use."""
    from analysis.readability_tone import tone

    lists, sources = {}, {}
    for name, (file_name, source) in LEXICON_FILES.items():
        lists[name] = read_word_list(folder / file_name)
        sources[name] = f"{source} (../shared/data/lexicons/{file_name}, MIT-licensed collection)"
    hedges = tone.load_lexicon()
    lists["hedge"] = sorted(t for t in hedges.loc[hedges["kind"].eq("hedge"), "term"] if " " not in t)
    sources["hedge"] = HEDGE_SOURCE
    return lists, sources


# --------------------------------------------------------------------------- the training words

def token_table(docs: pd.DataFrame, sentences: pd.DataFrame, labels: pd.DataFrame, lexicons: dict[str, list[str]],
                classes: list[str]) -> tuple[list[list[str]], np.ndarray, pd.DataFrame]:
    """Features, class index and position of every token of the body sentences of ``docs``.

    Returns the feature names per token, the class index per token (0 outside
    every tagged span) and a table ``doc_id, sentence, token, start, end`` in the
    same order (raw offsets).
    """
    from analysis.rhetoric import tagger

    sets = {name: frozenset(words) for name, words in lexicons.items()}
    valence = tagger.vader_lexicon()
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    gold = {}
    for (doc_id, technique), group in labels[labels["technique"].isin(TAGGED_TECHNIQUES)].groupby(["doc_id", "technique"]):
        gold.setdefault(doc_id, []).extend((int(s), int(e), classes.index(TAGGED_TECHNIQUES[technique])) for s, e in zip(group["start"], group["end"]))
    features, y, where = [], [], []
    for number, (doc_id, start, end) in enumerate(sentences[["doc_id", "start", "end"]].itertuples(index=False)):
        text = raw_by_doc[doc_id][start:end]
        tokens = tagger.tokenize(text)
        if not tokens:
            continue
        features += tagger.sentence_features(tokens, sets, valence)
        spans = [g for g in gold.get(doc_id, []) if g[0] < end and g[1] > start]
        for i, (s, e, _) in enumerate(tokens):
            s, e = start + s, start + e
            best, best_overlap = 0, 0
            for g_start, g_end, label in spans:
                overlap = min(e, g_end) - max(s, g_start)
                if overlap * 2 > e - s and overlap > best_overlap:
                    best, best_overlap = label, overlap
            y.append(best)
            where.append((doc_id, number, i, s, e))
    return features, np.array(y), pd.DataFrame(where, columns=["doc_id", "sentence", "token", "start", "end"])


def _vocabulary(features: list[list[str]]) -> set[str]:
    counts = Counter(name for names in features for name in names)
    return {name for name, count in counts.items() if count >= MIN_FEATURE_COUNT}


def sentence_bounds(where: pd.DataFrame) -> list[tuple[int, int]]:
    """``(first, past-last)`` row of each sentence in a :func:`token_table` position table."""
    numbers = where["sentence"].to_numpy()
    bounds = np.flatnonzero(np.diff(numbers)) + 1
    return [(int(a), int(b)) for a, b in zip(np.r_[0, bounds], np.r_[bounds, len(numbers)])]


def chain_labels(y: np.ndarray, first: int, last: int, classes: list[str]) -> list[str]:
    """The B-/I-/O labels of one sentence's tokens ``y[first:last]`` (class indices): a class's first token is ``B-``."""
    return [classes[0] if c == 0 else ("I-" if i > first and y[i - 1] == c else "B-") + classes[c]
            for i, c in zip(range(first, last), y[first:last])]


def fit(features: list[list[str]], y: np.ndarray, sentences: list[tuple[int, int]], c1: float, c2: float,
        classes: list[str]) -> tuple[list[float], list[list[float]], dict[str, list[float]]]:
    """Fit the linear-chain CRF on ``sentences`` (row ranges); return bias, transitions and pruned feature weights.

    Weights are per chain label (:func:`analysis.rhetoric.tagger.bio_labels`),
    shifted so that ``O``'s is zero (a shift of every label's weight at one token
    changes no sequence's probability).
    """
    import tempfile

    import pycrfsuite

    from analysis.rhetoric import tagger

    labels = tagger.bio_labels(classes)
    vocabulary = _vocabulary([features[i] for a, b in sentences for i in range(a, b)])
    trainer = pycrfsuite.Trainer(verbose=False)
    for a, b in sentences:
        trainer.append([["bias"] + [n for n in features[i] if n in vocabulary] for i in range(a, b)], chain_labels(y, a, b, classes))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": MAX_ITERATIONS, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "model.crfsuite")
        trainer.train(path)
        reader = pycrfsuite.Tagger()
        reader.open(path)
        info = reader.info()
        reader.close()
    weights: dict[str, list[float]] = {}
    for (name, label), w in info.state_features.items():
        weights.setdefault(name, [0.0] * len(labels))[labels.index(label)] = w
    transitions = [[0.0] * len(labels) for _ in labels]
    for (before, after), w in info.transitions.items():
        transitions[labels.index(before)][labels.index(after)] = round(float(w), 3)
    shifted = {name: [v - w[0] for v in w] for name, w in weights.items()}
    bias = [round(v, 3) for v in shifted.pop("bias", [0.0] * len(labels))]
    kept = {name: [round(v, 3) for v in w] for name, w in shifted.items() if max(abs(v) for v in w) >= PRUNE_BELOW}
    return bias, transitions, kept


def _probabilities(features: list[list[str]], sentences: list[tuple[int, int]], model: dict, n_tokens: int) -> np.ndarray:
    """Class probabilities (:func:`analysis.rhetoric.tagger.token_probabilities`) of the tokens of ``sentences``; other rows 0."""
    from analysis.rhetoric import tagger

    out = np.zeros((n_tokens, len(model["classes"])))
    for a, b in sentences:
        out[a:b] = tagger.token_probabilities(features[a:b], model)
    return out


def spans_from_probabilities(probabilities: np.ndarray, where: pd.DataFrame, classes: list[str],
                             thresholds: dict[str, float], bridge: int, tokens_text: list[str]) -> pd.DataFrame:
    """Predicted spans (``LABEL_COLUMNS``) of the tokens in ``where``, as the tagger assembles them."""
    from analysis.rhetoric import tagger

    technique = {device: name for name, device in TAGGED_TECHNIQUES.items()}
    labels = tagger._labels(probabilities.tolist(), classes, thresholds)
    rows = []
    starts, ends, docs = where["start"].to_numpy(), where["end"].to_numpy(), where["doc_id"].to_numpy()
    for first, last in sentence_bounds(where):
        tokens = [(int(starts[i]), int(ends[i]), tokens_text[i]) for i in range(first, last)]
        for label, a, b in tagger._runs(labels[first:last], tokens, bridge):
            rows.append((docs[first], technique[classes[label]], tokens[a][0], tokens[b][1]))
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


# --------------------------------------------------------------------------- choosing the settings

def cross_validate(features, y, where, tokens_text, gold: pd.DataFrame, classes: list[str], out=None) -> dict:
    """:data:`FOLDS`-fold cross-validation inside the training articles: the regularisation, thresholds and bridge to use."""
    out = out or sys.stdout
    sentences = sentence_bounds(where)
    doc_fold = {d: scoring.seeded_fold(FOLD_SALT, article_id(d), FOLDS) for d in where["doc_id"].unique()}
    docs = where["doc_id"].to_numpy()
    sentence_fold = np.array([doc_fold[docs[a]] for a, _ in sentences])
    results, by_setting = [], {}
    for c1, c2 in REGULARISATION_GRID:
        probabilities = by_setting[c1, c2] = np.zeros((len(y), len(classes)))
        for fold in range(FOLDS):
            train_on = [sentences[i] for i in np.flatnonzero(sentence_fold != fold)]
            bias, transitions, weights = fit(features, y, train_on, c1, c2, classes)
            model = {"classes": classes, "bias": bias, "transitions": transitions, "weights": weights}
            test = [sentences[i] for i in np.flatnonzero(sentence_fold == fold)]
            probabilities += _probabilities(features, test, model, len(y))
            print(f"  c1={c1} c2={c2}: fold {fold + 1} of {FOLDS} fitted", file=out, flush=True)
        for bridge in BRIDGE_GRID:
            for technique, device in TAGGED_TECHNIQUES.items():
                for threshold in THRESHOLD_GRID:
                    thresholds = {name: (threshold if name == device else 2.0) for name in classes[1:]}
                    predicted = spans_from_probabilities(probabilities, where, classes, thresholds, bridge, tokens_text)
                    row = score_spans(predicted, gold, [technique]).iloc[0]
                    results.append({"c1": c1, "c2": c2, "bridge": bridge, "technique": technique, "threshold": threshold,
                                    "precision": row["precision"], "recall": row["recall"], "f1": row["f1"]})
        here = pd.DataFrame(results).query("c1 == @c1 and c2 == @c2").groupby("technique")["f1"].max()
        print(f"  c1={c1} c2={c2}: best cross-validated F1 " + ", ".join(f"{t} {f:.3f}" for t, f in here.items()), file=out, flush=True)
    table = pd.DataFrame(results)
    # One regularisation and one bridge for the model (best mean over techniques), then each class's best threshold.
    per_setting = table.groupby(["c1", "c2", "bridge", "technique"])["f1"].max().groupby(["c1", "c2", "bridge"]).mean()
    c1, c2, bridge = per_setting.idxmax()
    chosen = table[table["c1"].eq(c1) & table["c2"].eq(c2) & table["bridge"].eq(bridge)].copy()
    best = chosen.loc[chosen.groupby("technique")["f1"].idxmax()]
    # The reports' operating point weighs precision twice as much as recall (F0.5): a reader
    # judges every highlighted word, while the PTC leaves many emotive words unlabelled.
    chosen["f05"] = [scoring.f_beta(p, r, 0.5) for p, r in zip(chosen["precision"], chosen["recall"])]
    precise = chosen.loc[chosen.groupby("technique")["f05"].idxmax()]

    def figures(rows):
        return {r.technique: {"threshold": float(r.threshold), "precision": round(r.precision, 4), "recall": round(r.recall, 4),
                              "f1": round(r.f1, 4)} for r in rows.itertuples()}

    def span_identification(rows):
        """Both classes at their thresholds, every labelled technique one class (the tagger alone)."""
        thresholds = {TAGGED_TECHNIQUES[r.technique]: float(r.threshold) for r in rows.itertuples()}
        predicted = spans_from_probabilities(by_setting[c1, c2], where, classes, thresholds, bridge, tokens_text)
        precision, recall, f1 = score_span_identification(predicted, gold)
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}

    return {"c1": float(c1), "c2": float(c2), "bridge": int(bridge),
            "thresholds": {TAGGED_TECHNIQUES[r.technique]: float(r.threshold) for r in precise.itertuples()},
            "f1_thresholds": {TAGGED_TECHNIQUES[r.technique]: float(r.threshold) for r in best.itertuples()},
            "cv": figures(precise), "cv_f1_optimal": figures(best),
            "cv_span_identification": {"thresholds": span_identification(precise), "f1_thresholds": span_identification(best)}}


def train(docs: pd.DataFrame, labels: pd.DataFrame, lexicon_dir: Path, part: str = "tune", out=None) -> dict:
    """The model file's content, trained as the module docstring says."""
    from analysis.corpus.sentences import body_sentences
    from analysis.rhetoric import tagger

    out = out or sys.stdout
    started = time.perf_counter()
    classes = [tagger.OUTSIDE] + list(TAGGED_TECHNIQUES.values())
    lexicons, sources = feature_lexicons(lexicon_dir)
    tune_docs = docs[docs["doc_id"].map(lambda d: ptc_part(article_id(d)) == "tune")].reset_index(drop=True)
    print(f"tune half: {len(tune_docs)} articles; reading their body sentences ...", file=out, flush=True)
    sentences = body_sentences(tune_docs)
    features, y, where = token_table(tune_docs, sentences, labels, lexicons, classes)
    tokens_text = [f[0][2:] for f in features]  # "w=<lower>": only whether a token is a word matters here
    gold = labels[labels["doc_id"].isin(set(tune_docs["doc_id"]))]
    print(f"{len(y):,} tokens, {int((y > 0).sum()):,} inside a tagged span; {FOLDS}-fold cross-validation inside the tune half "
          f"({len(REGULARISATION_GRID)} regularisation settings, {FOLDS * len(REGULARISATION_GRID)} fits) ...", file=out, flush=True)
    settings = cross_validate(features, y, where, tokens_text, gold, classes, out)
    print(f"chose c1={settings['c1']}, c2={settings['c2']}, bridge={settings['bridge']}, thresholds {settings['thresholds']} (best F0.5; "
          f"best F1 at {settings['f1_thresholds']})", file=out, flush=True)
    if part == "all":
        print(f"refitting on all {len(docs)} articles (held-out figures of this model are in-sample) ...", file=out, flush=True)
        all_sentences = body_sentences(docs)
        features, y, where = token_table(docs, all_sentences, labels, lexicons, classes)
        trained_on = f"all {len(docs)} PTC v2 training articles (the held-out half included: its figures are in-sample)"
    else:
        trained_on = f"the tune half of the PTC v2 training articles ({len(tune_docs)} articles, analysis/data/ptc_tune_articles.csv)"
    bias, transitions, weights = fit(features, y, sentence_bounds(where), settings["c1"], settings["c2"], classes)
    print(f"fitted: {len(weights):,} features kept ({time.perf_counter() - started:.0f} s)", file=out, flush=True)
    return {
        "format": tagger.MODEL_FORMAT,
        "trained_on": {"part": part, "articles": trained_on, "command": f"{tagger.TRAIN_COMMAND} --part {part}",
                       "tokens": int(len(y)), "labels": "Da San Martino et al. 2019 (EMNLP), PTC v2 / SemEval-2020 Task 11 training set"},
        "model": ("linear-chain CRF (CRFsuite through python-crfsuite, L-BFGS, L1 + L2) over B-/I-/O labels per class; "
                  "feature weights and bias relative to label O, transitions[from][to]"),
        "classes": classes,
        "labels": tagger.bio_labels(classes),
        "bias": bias,
        "transitions": transitions,
        "thresholds": settings["thresholds"],
        "f1_thresholds": settings["f1_thresholds"],
        "bridge": settings["bridge"],
        "settings": {"c1": settings["c1"], "c2": settings["c2"], "max_iterations": MAX_ITERATIONS, "min_feature_count": MIN_FEATURE_COUNT, "prune_below": PRUNE_BELOW},
        "cross_validation": settings["cv"],
        "cross_validation_f1_optimal": settings["cv_f1_optimal"],
        "cross_validation_span_identification": settings["cv_span_identification"],
        "lexicon_sources": sources,
        "lexicons": lexicons,
        "weights": dict(sorted(weights.items())),
    }


def write_model(model: dict, path: Path) -> None:
    """Write the model as compact, line-per-feature JSON (diffs stay readable)."""
    head = {k: v for k, v in model.items() if k not in ("lexicons", "weights")}
    lines = ["{"]
    for key, value in head.items():
        lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('"lexicons": {')
    lines.append(",\n".join(f"{json.dumps(name)}: {json.dumps(words, ensure_ascii=False)}" for name, words in model["lexicons"].items()))
    lines.append("},")
    lines.append('"weights": {')
    lines.append(",\n".join(f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}" for name, w in model["weights"].items()))
    lines.append("}")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- command line

def _add_arguments(parser) -> None:
    shared = config.shared_data_dir()
    parser.add_argument("--articles", type=Path, default=shared / "ptc" / PTC_ARTICLES, help="folder of article<ID>.txt files")
    parser.add_argument("--labels", type=Path, default=shared / "ptc" / PTC_LABELS, help="the PTC technique labels")
    parser.add_argument("--lexicons", type=Path, default=shared / "lexicons", help="folder of the cited word lists (../shared/data/lexicons)")
    parser.add_argument("--part", choices=["tune", "all"], default="tune",
                        help="train on the tune half (default: held-out figures stay honest) or refit on all articles")
    parser.add_argument("--output", type=Path, default=None, help="model file to write (default: analysis/data/rhetoric_tagger.json)")


def _run(args) -> int:
    from analysis.rhetoric import tagger

    if scoring.missing_data([args.articles, args.labels, args.lexicons]):
        return 0
    docs = load_articles(args.articles)
    labels = check_labels(read_labels(args.labels), docs, args.labels)
    model = train(docs, labels, args.lexicons, args.part)
    path = args.output or tagger.MODEL_FILE
    write_model(model, path)
    tagger._read_model.cache_clear()
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB, {len(model['weights']):,} weighted features)")
    for name, key in (("reports' thresholds (best F0.5)", "cross_validation"), ("best-F1 thresholds", "cross_validation_f1_optimal")):
        for technique, figures in model[key].items():
            print(f"cross-validated inside the tune half, {name}: {technique} at p >= {figures['threshold']:.2f}: "
                  f"P {figures['precision']:.3f} R {figures['recall']:.3f} F1 {figures['f1']:.3f}")
        si = model["cross_validation_span_identification"]["thresholds" if key == "cross_validation" else "f1_thresholds"]
        print(f"cross-validated inside the tune half, {name}: span identification of the tagger alone (every labelled "
              f"technique one class): P {si['precision']:.3f} R {si['recall']:.3f} F1 {si['f1']:.3f}")
    scoring.final_line("cv_loaded_language_f1", model["cross_validation_f1_optimal"]["Loaded_Language"]["f1"])
    return 0


TASKS = [scoring.Task("ptc-train", "train the rhetoric tagger (analysis/data/rhetoric_tagger.json) on the PTC tune half",
                      _add_arguments, _run)]
