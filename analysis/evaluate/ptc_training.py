"""Train the rhetoric tagger on the PTC: ``python -m analysis.evaluate ptc-train``.

::

    python -m analysis.evaluate ptc-train [--articles DIR] [--labels FILE] [--lexicons DIR] [--part tune|all]

It writes ``analysis/data/rhetoric_tagger.json`` (:mod:`analysis.rhetoric.tagger`):
a multinomial logistic regression over the words of the body sentences of the
Propaganda Techniques Corpus articles, one class per technique it learns
(:data:`TAGGED_TECHNIQUES`) and ``O`` for words outside every such span. A word
is labelled with a technique when most of its characters lie inside a labelled
span of that technique.

What is chosen, and on what:

* ``--part tune`` (the default, and what every reported figure uses) trains on
  the tune half only (:func:`analysis.evaluate.ptc.ptc_part`); the held-out half
  scored by ``python -m analysis.evaluate ptc`` is then unseen.
* The regularisation strength, the probability threshold of each class and the
  gap a span may bridge are chosen by four-fold cross-validation *inside the tune
  half* (folds by :func:`analysis.evaluate.scoring.seeded_fold`) on the SemEval
  span scores of the folds not trained on: C and the bridge by the best F1, and
  two thresholds per class — ``thresholds``, the one the reports use, by the best
  F0.5 (precision weighed twice as much as recall: a reader judges every
  highlighted word, and the PTC leaves many emotive words unlabelled), and
  ``f1_thresholds``, the best F1, which ``python -m analysis.evaluate ptc`` also
  scores.
* ``--part all`` then refits with the chosen settings on every article; the
  model file records which, and held-out figures of such a model are in-sample.

The word lists behind the lexicon features are read from ``--lexicons``
(``../shared/data/lexicons``) and the package's ``hedges.csv``, and written into
the model file with their sources, so tagging needs nothing outside the package.
Takes about eight minutes on one core.
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
    LABEL_COLUMNS, PTC_ARTICLES, PTC_LABELS, article_id, check_labels, load_articles, ptc_part, read_labels, score_spans,
)

#: PTC technique -> the tagger's class (a device of ``rhetoric_devices.csv``).
TAGGED_TECHNIQUES = {"Loaded_Language": "loaded_language", "Name_Calling,Labeling": "name_calling"}
FOLD_SALT = "rhetoric-tagger-fold"
#: Cross-validation folds inside the training articles: each fit sees 3/4 of them, close
#: to the final model's data, so the thresholds chosen suit the final model.
FOLDS = 4
#: Inverse regularisation strengths tried by the cross-validation.
C_GRID = (0.1, 0.2, 0.5)
THRESHOLD_GRID = tuple(round(t, 2) for t in np.arange(0.05, 0.56, 0.05))
BRIDGE_GRID = (0, 1)
#: A feature seen in fewer training words than this is not learnt (keeps the file small).
MIN_FEATURE_COUNT = 3
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


def _vocabulary(features: list[list[str]]) -> dict[str, int]:
    counts = Counter(name for names in features for name in names)
    return {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= MIN_FEATURE_COUNT))}


def _matrix(features: list[list[str]], vocabulary: dict[str, int]):
    from scipy.sparse import csr_matrix

    indices, indptr = [], [0]
    for names in features:
        row = sorted({vocabulary[n] for n in names if n in vocabulary})
        indices += row
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)), shape=(len(features), len(vocabulary)))


def fit(features: list[list[str]], y: np.ndarray, c: float, n_classes: int) -> tuple[list[float], dict[str, list[float]]]:
    """Fit the logistic regression; return bias and ``feature -> weights`` relative to the outside class, pruned."""
    from sklearn.linear_model import LogisticRegression

    vocabulary = _vocabulary(features)
    model = LogisticRegression(C=c, max_iter=300, tol=1e-4)
    model.fit(_matrix(features, vocabulary), y)
    coef = np.zeros((n_classes, len(vocabulary)))
    intercept = np.zeros(n_classes)
    coef[model.classes_] = model.coef_
    intercept[model.classes_] = model.intercept_
    # Softmax is unchanged when a feature's weights all shift by one amount: make O's zero.
    coef -= coef[0]
    intercept -= intercept[0]
    names = sorted(vocabulary, key=vocabulary.get)
    keep = np.abs(coef).max(axis=0) >= PRUNE_BELOW
    weights = {name: [round(float(v), 3) for v in coef[:, i]] for i, name in enumerate(names) if keep[i]}
    return [round(float(v), 3) for v in intercept], weights


def _probabilities(features: list[list[str]], bias: list[float], weights: dict[str, list[float]]) -> np.ndarray:
    from analysis.rhetoric import tagger

    return np.array(tagger.token_probabilities(features, {"bias": bias, "weights": weights}))


def spans_from_probabilities(probabilities: np.ndarray, where: pd.DataFrame, classes: list[str],
                             thresholds: dict[str, float], bridge: int, tokens_text: list[str]) -> pd.DataFrame:
    """Predicted spans (``LABEL_COLUMNS``) of the tokens in ``where``, as the tagger assembles them."""
    from analysis.rhetoric import tagger

    technique = {device: name for name, device in TAGGED_TECHNIQUES.items()}
    labels = tagger._labels(probabilities.tolist(), classes, thresholds)
    rows = []
    bounds = np.flatnonzero(np.diff(where["sentence"].to_numpy())) + 1
    starts, ends, docs = where["start"].to_numpy(), where["end"].to_numpy(), where["doc_id"].to_numpy()
    for first, last in zip(np.r_[0, bounds], np.r_[bounds, len(where)]):
        tokens = [(int(starts[i]), int(ends[i]), tokens_text[i]) for i in range(first, last)]
        for label, a, b in tagger._runs(labels[first:last], tokens, bridge):
            rows.append((docs[first], technique[classes[label]], tokens[a][0], tokens[b][1]))
    return pd.DataFrame(rows, columns=LABEL_COLUMNS)


# --------------------------------------------------------------------------- choosing the settings

def cross_validate(features, y, where, tokens_text, gold: pd.DataFrame, classes: list[str], out=None) -> dict:
    """:data:`FOLDS`-fold cross-validation inside the training articles: the C, thresholds and bridge to use."""
    out = out or sys.stdout
    folds = where["doc_id"].map(lambda d: scoring.seeded_fold(FOLD_SALT, article_id(d), FOLDS)).to_numpy()
    results = []
    for c in C_GRID:
        probabilities = np.zeros((len(y), len(classes)))
        for fold in range(FOLDS):
            train = np.flatnonzero(folds != fold)
            test = np.flatnonzero(folds == fold)
            bias, weights = fit([features[i] for i in train], y[train], c, len(classes))
            probabilities[test] = _probabilities([features[i] for i in test], bias, weights)
        for bridge in BRIDGE_GRID:
            for technique, device in TAGGED_TECHNIQUES.items():
                for threshold in THRESHOLD_GRID:
                    thresholds = {name: (threshold if name == device else 2.0) for name in classes[1:]}
                    predicted = spans_from_probabilities(probabilities, where, classes, thresholds, bridge, tokens_text)
                    row = score_spans(predicted, gold, [technique]).iloc[0]
                    results.append({"C": c, "bridge": bridge, "technique": technique, "threshold": threshold,
                                    "precision": row["precision"], "recall": row["recall"], "f1": row["f1"]})
        best_here = pd.DataFrame(results).query("C == @c").groupby("technique")["f1"].max()
        print(f"  C={c}: best cross-validated F1 " + ", ".join(f"{t} {f:.3f}" for t, f in best_here.items()), file=out, flush=True)
    table = pd.DataFrame(results)
    # One C and one bridge for the model (best mean over techniques), then each class's best threshold.
    per_setting = table.groupby(["C", "bridge", "technique"])["f1"].max().groupby(["C", "bridge"]).mean()
    c, bridge = per_setting.idxmax()
    chosen = table[table["C"].eq(c) & table["bridge"].eq(bridge)].copy()
    best = chosen.loc[chosen.groupby("technique")["f1"].idxmax()]
    # The reports' operating point weighs precision twice as much as recall (F0.5): a reader
    # judges every highlighted word, while the PTC leaves many emotive words unlabelled.
    chosen["f05"] = [scoring.f_beta(p, r, 0.5) for p, r in zip(chosen["precision"], chosen["recall"])]
    precise = chosen.loc[chosen.groupby("technique")["f05"].idxmax()]

    def figures(rows):
        return {r.technique: {"threshold": float(r.threshold), "precision": round(r.precision, 4), "recall": round(r.recall, 4),
                              "f1": round(r.f1, 4)} for r in rows.itertuples()}

    return {"C": float(c), "bridge": int(bridge),
            "thresholds": {TAGGED_TECHNIQUES[r.technique]: float(r.threshold) for r in precise.itertuples()},
            "f1_thresholds": {TAGGED_TECHNIQUES[r.technique]: float(r.threshold) for r in best.itertuples()},
            "cv": figures(precise), "cv_f1_optimal": figures(best)}


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
          f"({len(C_GRID)} settings of C, {FOLDS * len(C_GRID)} fits) ...", file=out, flush=True)
    settings = cross_validate(features, y, where, tokens_text, gold, classes, out)
    print(f"chose C={settings['C']}, bridge={settings['bridge']}, thresholds {settings['thresholds']} (best F0.5; "
          f"best F1 at {settings['f1_thresholds']})", file=out, flush=True)
    if part == "all":
        print(f"refitting on all {len(docs)} articles (held-out figures of this model are in-sample) ...", file=out, flush=True)
        all_sentences = body_sentences(docs)
        features, y, _ = token_table(docs, all_sentences, labels, lexicons, classes)
        trained_on = f"all {len(docs)} PTC v2 training articles (the held-out half included: its figures are in-sample)"
    else:
        trained_on = f"the tune half of the PTC v2 training articles ({len(tune_docs)} articles, analysis/data/ptc_tune_articles.csv)"
    bias, weights = fit(features, y, settings["C"], len(classes))
    print(f"fitted: {len(weights):,} features kept ({time.perf_counter() - started:.0f} s)", file=out, flush=True)
    return {
        "format": tagger.MODEL_FORMAT,
        "trained_on": {"part": part, "articles": trained_on, "command": f"{tagger.TRAIN_COMMAND} --part {part}",
                       "tokens": int(len(y)), "labels": "Da San Martino et al. 2019 (EMNLP), PTC v2 / SemEval-2020 Task 11 training set"},
        "model": "multinomial logistic regression (scikit-learn LogisticRegression, L2), weights relative to class O",
        "classes": classes,
        "bias": bias,
        "thresholds": settings["thresholds"],
        "f1_thresholds": settings["f1_thresholds"],
        "bridge": settings["bridge"],
        "settings": {"C": settings["C"], "min_feature_count": MIN_FEATURE_COUNT, "prune_below": PRUNE_BELOW},
        "cross_validation": settings["cv"],
        "cross_validation_f1_optimal": settings["cv_f1_optimal"],
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
    scoring.final_line("cv_loaded_language_f1", model["cross_validation_f1_optimal"]["Loaded_Language"]["f1"])
    return 0


TASKS = [scoring.Task("ptc-train", "train the rhetoric tagger (analysis/data/rhetoric_tagger.json) on the PTC tune half",
                      _add_arguments, _run)]
