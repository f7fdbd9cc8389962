"""Train the attribution cue model on PolNeAR's train compartment.

::

    python -m analysis.evaluate attribution-train [--articles DIR] [--annotations DIR]

Defaults are ``../shared/data/polnear/train/text`` and ``.../train/attributions``
(never ``dev/``, where the ledger is reported). The train articles are split by a
seeded hash (:func:`analysis.evaluate.scoring.seeded_part` with salt
``polnear-cue-check``, 20 %): the **check** part, listed in
``analysis/data/polnear_cue_check_articles.csv``, chooses the threshold; the
model is fitted on the rest. Each word of an article's body is labelled 1 when
it lies inside a gold cue span (the annotator :func:`analysis.evaluate.attribution.choose_annotator`
picks), and an L1-regularised logistic regression (scikit-learn, liblinear) is
fitted on the word features of :func:`analysis.provenance.cue_model.features`.
Weights of at least 0.01 in size are written, rounded, to
``analysis/data/attribution_cue_model.json``; the threshold is the one of
:data:`THRESHOLDS` that gives the best attribution F1 of the whole ledger on the
check part with precision at least :data:`MIN_PRECISION` (the best F1 when none
reaches it). It takes about a minute.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.evaluate import scoring

CHECK_SALT = "polnear-cue-check"
CHECK_SHARE = 0.2
CHECK_LIST_FILE = config.PACKAGE_DATA_DIR / "polnear_cue_check_articles.csv"
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
MIN_PRECISION = 0.85
#: Inverse regularisation strength of the logistic regression (L1).
C = 0.5
MIN_WEIGHT = 0.01


def check_part(doc_id: str) -> bool:
    """Whether a train article is in the check part (chooses the threshold; never fitted on)."""
    return scoring.seeded_part(CHECK_SALT, doc_id, CHECK_SHARE) == "tune"


def labelled_words(docs: pd.DataFrame, gold: pd.DataFrame) -> tuple[list[list[str]], list[int]]:
    """Features and 0/1 labels (inside a gold cue) of every word of the articles' bodies."""
    from analysis.corpus.loading import body_segments
    from analysis.provenance import attribution, cue_model

    forms = attribution.reporting_forms()
    cues_by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc_id, spans in zip(gold["doc_id"], gold["cue"]):
        cues_by_doc.setdefault(doc_id, []).extend(spans)
    segments = body_segments(docs)
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    X, y = [], []
    for doc_id, start, end in segments[["doc_id", "start", "end"]].itertuples(index=False):
        region = raw_by_doc[doc_id][start:end]
        cues = [(s - start, e - start) for s, e in cues_by_doc.get(doc_id, []) if s < end and e > start]
        words = cue_model.tokens(region)
        inside = cue_model.quoted_flags(words, attribution.find_quotes(region))
        for i, (w_start, w_end, _) in enumerate(words):
            X.append(cue_model.features(words, i, inside, forms))
            y.append(int(any(s < w_end and w_start < e for s, e in cues)))
    return X, y


def fit(X: list[list[str]], y: list[int]) -> dict:
    """Weights (feature -> weight) and bias of an L1 logistic regression."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{f: 1 for f in feats} for feats in X]).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = LogisticRegression(l1_ratio=1.0, C=C, solver="liblinear", max_iter=200)
    model.fit(matrix, y)
    names = vectorizer.get_feature_names_out()
    weights = {str(name): round(float(w), 3) for name, w in zip(names, model.coef_[0]) if abs(w) >= MIN_WEIGHT}
    return {"weights": weights, "bias": round(float(model.intercept_[0]), 4)}


def _add_arguments(parser) -> None:
    shared = config.shared_data_dir() / "polnear" / "train"
    parser.add_argument("--articles", type=Path, default=shared / "text", help="PolNeAR train text/ folder")
    parser.add_argument("--annotations", type=Path, default=shared / "attributions", help="PolNeAR train attributions/ folder")
    parser.add_argument("--output", type=Path, default=None, help="where to write the model (default: the committed file)")


def _run(args) -> int:
    from analysis.evaluate import attribution as evaluation
    from analysis.provenance import attribution, cue_model

    if scoring.missing_data([args.articles, args.annotations]):
        return 0
    if not evaluation.in_sample(args.articles):
        print(f"{args.articles}: the cue model is trained on PolNeAR train only (dev is where it is reported)", file=sys.stderr)
        return 1
    docs = evaluation.load_articles(args.articles, sys.stdout)
    gold = evaluation.load_gold(args.annotations, docs)
    in_check = docs["doc_id"].map(check_part)
    fit_docs, check_docs = docs[~in_check].reset_index(drop=True), docs[in_check].reset_index(drop=True)
    print(f"{len(fit_docs):,} articles to fit, {len(check_docs):,} to choose the threshold", flush=True)
    X, y = labelled_words(fit_docs, gold[gold["doc_id"].isin(set(fit_docs["doc_id"]))])
    print(f"features of {len(X):,} words ({sum(y):,} inside a cue); fitting ...", flush=True)
    fitted = fit(X, y)
    print(f"{len(fitted['weights']):,} weights kept", flush=True)
    output = args.output or cue_model.MODEL_FILE
    model = {"version": cue_model.MODEL_VERSION, "trained_on": "PolNeAR train minus its check part",
             "command": cue_model.REBUILD_COMMAND, "threshold": 0.5, **fitted}
    check_gold = gold[gold["doc_id"].isin(set(check_docs["doc_id"]))]
    best = None
    for threshold in THRESHOLDS:
        model["threshold"] = threshold
        output.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False, indent=0), encoding="utf-8")
        cue_model._load.cache_clear()
        attribution.clear_caches()
        result = evaluation.evaluate(attribution.find_attributions(check_docs), check_gold)["overall"]
        print(f"threshold {threshold:.2f}: precision {result['precision']:.3f} recall {result['recall']:.3f} F1 {result['f1']:.3f}", flush=True)
        key = (result["precision"] >= MIN_PRECISION, result["f1"])
        if best is None or key > best[0]:
            best = (key, threshold)
    model["threshold"] = best[1]
    output.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False, indent=0), encoding="utf-8")
    cue_model._load.cache_clear()
    attribution.clear_caches()
    pd.DataFrame({"article": sorted(check_docs["doc_id"])}).to_csv(CHECK_LIST_FILE, index=False)
    print(f"threshold {best[1]:.2f}; wrote {output} and {CHECK_LIST_FILE.name}")
    return 0


TASKS = [scoring.Task("attribution-train", "train the attribution cue model on PolNeAR train (about a minute)",
                      _add_arguments, _run)]
