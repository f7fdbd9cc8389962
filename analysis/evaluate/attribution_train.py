"""Train the attribution ledger's two models on PolNeAR's train compartment.

::

    python -m analysis.evaluate attribution-train [--articles DIR] [--annotations DIR] [--roles-only]

Defaults are ``../shared/data/polnear/train/text`` and ``.../train/attributions``
(never ``dev/``, where the ledger is reported). The train articles are split by a
seeded hash (:func:`analysis.evaluate.scoring.seeded_part` with salt
``polnear-cue-check``, 20 %): the **check** part, listed in
``analysis/data/polnear_cue_check_articles.csv``, chooses the thresholds; the
models are fitted on the rest, each an L1-regularised logistic regression
(scikit-learn, liblinear), with the annotator
:func:`analysis.evaluate.attribution.choose_annotator` picks.

1. The **cue model** (:mod:`analysis.provenance.cue_model`): each word of an
   article's body is labelled 1 when it lies inside a gold cue span.
2. The **role model** (:mod:`analysis.provenance.role_model`): for every cue
   candidate (:func:`analysis.provenance.attribution.cue_candidates`, probability
   at least :data:`CANDIDATE_FLOOR`)
   and every gold cue it misses, each word of the cue's window is labelled
   source / content when it lies in the source / content of the gold
   attribution whose cue the candidate overlaps (a candidate that overlaps no
   gold cue labels every word neither, so the model learns which cues cite nothing).

Features seen fewer than :data:`MIN_COUNT` times are left out; weights of at
least :data:`MIN_WEIGHT` in size are written, rounded to three decimals, to
``analysis/data/attribution_cue_model.json`` and ``attribution_role_model.json``.
Then the ledger's thresholds (the cue candidates', the role model's source and
content thresholds, the rows') are the ones of :data:`THRESHOLDS`,
:data:`ROLE_THRESHOLDS` and :data:`ROW_SCORES` that give the best
attribution F1 of the whole ledger on the check part with precision at least
:data:`MIN_PRECISION` (the best F1 when none reaches it; F1 is compared to three
decimals, and a tie goes to the higher source accuracy). It takes about fifteen
minutes; ``--roles-only`` keeps the cue model and retrains the role model,
``--thresholds-only`` keeps both and chooses the thresholds again (five minutes).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.evaluate import scoring
from analysis.evaluate.attribution import CHECK_LIST_FILE

CHECK_SALT = "polnear-cue-check"
CHECK_SHARE = 0.2
#: Tried on the check part: cue-model thresholds for the ledger's cue candidates, the role model's source and
#: content thresholds, and row scores (cue times content probability).
THRESHOLDS = (0.1, 0.15)
ROLE_THRESHOLDS = ((0.2, 0.2), (0.2, 0.3), (0.3, 0.2), (0.3, 0.3))
ROW_SCORES = (0.1, 0.12, 0.13, 0.14, 0.15, 0.2)
MIN_PRECISION = 0.85
#: Cue candidates the role model is trained on: runs of words the cue model gives at least this.
CANDIDATE_FLOOR = 0.2
#: Inverse regularisation strength of the logistic regressions (L1).
C = 0.5
MIN_WEIGHT = 0.01
#: A role-model feature seen fewer times than this is left out.
MIN_COUNT = 3


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


def role_examples(docs: pd.DataFrame, gold: pd.DataFrame, progress=None):
    """The role model's training rows: a sparse 0/1 feature matrix, its feature names, and source and content labels.

    One row per word of each cue's window (:func:`analysis.provenance.role_model.window`), for the cue
    candidates of the cue model (:data:`CANDIDATE_FLOOR`) and the gold cues none of them overlaps.
    """
    import numpy as np
    from scipy import sparse

    from analysis.corpus.loading import body_segments
    from analysis.provenance import attribution, role_model

    gold_by_doc: dict[str, list] = {}
    for item in gold.itertuples(index=False):
        if item.cue:
            gold_by_doc.setdefault(item.doc_id, []).append(item)
    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    segments = body_segments(docs)
    vocabulary: dict[str, int] = {}
    columns: list[int] = []
    pointers = [0]
    source_labels: list[int] = []
    content_labels: list[int] = []

    def add(paragraph, first: int, last: int, target) -> None:
        context = role_model.cue_context(paragraph, first, last)
        for i in role_model.window(paragraph, first, last):
            if first <= i <= last:
                continue
            columns.extend(vocabulary.setdefault(f, len(vocabulary)) for f in role_model.features(paragraph, i, first, last, context))
            pointers.append(len(columns))
            start, end, _ = paragraph.words[i]
            source_labels.append(int(target is not None and any(s < end and start < e for s, e in target[0])))
            content_labels.append(int(target is not None and any(s < end and start < e for s, e in target[1])))

    rows = list(segments[["doc_id", "start", "end"]].itertuples(index=False))
    for n, (doc_id, start, end) in enumerate(rows, start=1):
        region = raw_by_doc[doc_id][start:end]
        quotes = attribution.find_quotes(region)
        runs = [(s, e, p) for s, e, p, _ in attribution.cue_candidates(region, quotes, threshold=CANDIDATE_FLOOR)]
        paragraph = role_model.paragraph(region, quotes, runs)
        here = []
        for item in gold_by_doc.get(doc_id, []):
            if any(start <= s < end for s, _ in item.cue):
                shift = lambda spans: [(s - start, e - start) for s, e in spans]  # noqa: E731
                here.append((item.attribution_id, shift(item.cue), (shift(item.source), shift(item.content))))
        covered = set()
        for s, e, _ in runs:
            span = role_model.word_range(paragraph, s, e)
            if span is None:
                continue
            overlaps = [(sum(max(0, min(e, ce) - max(s, cs)) for cs, ce in cues), ident, target) for ident, cues, target in here]
            best = max(overlaps, default=(0, None, None))
            if best[0] > 0:
                covered.add(best[1])
            add(paragraph, span[0], span[1], best[2] if best[0] > 0 else None)
        for ident, cues, target in here:
            span = None if ident in covered else role_model.word_range(paragraph, cues[0][0], cues[-1][1])
            if span is not None:
                add(paragraph, span[0], span[1], target)
        if progress is not None and (n % 2000 == 0 or n == len(rows)):
            print(f"role examples: {n:,} of {len(rows):,} paragraphs, {len(source_labels):,} words", file=progress, flush=True)
    matrix = sparse.csr_matrix((np.ones(len(columns), dtype=np.float32), np.array(columns, dtype=np.int32),
                                np.array(pointers, dtype=np.int32)), shape=(len(source_labels), len(vocabulary)))
    names = [""] * len(vocabulary)
    for name, index in vocabulary.items():
        names[index] = name
    return matrix, names, np.array(source_labels), np.array(content_labels)


def fit_roles(matrix, names: list[str], source_labels, content_labels, progress=None) -> dict:
    """Weights and biases of the two role classifiers (source, content): L1 logistic regressions."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts = np.asarray((matrix > 0).sum(axis=0)).ravel()
    keep = np.nonzero(counts >= MIN_COUNT)[0]
    kept = matrix[:, keep].tocsr()
    kept.indices = kept.indices.astype("int32")  # liblinear takes 32-bit indices only
    kept.indptr = kept.indptr.astype("int32")
    fitted: dict = {"weights": {}, "bias": {}}
    for role, labels in (("source", source_labels), ("content", content_labels)):
        model = LogisticRegression(l1_ratio=1.0, C=C, solver="liblinear", max_iter=100)
        model.fit(kept, labels)
        coefficients = model.coef_[0]
        fitted["weights"][role] = {names[keep[k]]: round(float(coefficients[k]), 3)
                                   for k in np.nonzero(np.abs(coefficients) >= MIN_WEIGHT)[0]}
        fitted["bias"][role] = round(float(model.intercept_[0]), 4)
        if progress is not None:
            print(f"role model, {role}: {len(fitted['weights'][role]):,} weights kept of {len(keep):,} features", file=progress, flush=True)
    return fitted


def _write(path: Path, model: dict) -> None:
    path.write_text(json.dumps(model, sort_keys=True, ensure_ascii=False, indent=0), encoding="utf-8")


def _add_arguments(parser) -> None:
    shared = config.shared_data_dir() / "polnear" / "train"
    parser.add_argument("--articles", type=Path, default=shared / "text", help="PolNeAR train text/ folder")
    parser.add_argument("--annotations", type=Path, default=shared / "attributions", help="PolNeAR train attributions/ folder")
    parser.add_argument("--roles-only", action="store_true", help="keep the cue model, retrain the role model and the thresholds")
    parser.add_argument("--thresholds-only", action="store_true", help="keep both models, choose the thresholds again")


def _run(args) -> int:
    from analysis.evaluate import attribution as evaluation
    from analysis.provenance import attribution, cue_model, role_model

    if scoring.missing_data([args.articles, args.annotations]):
        return 0
    if not evaluation.in_sample(args.articles):
        print(f"{args.articles}: the ledger's models are trained on PolNeAR train only (dev is where they are reported)", file=sys.stderr)
        return 1
    docs = evaluation.load_articles(args.articles, sys.stdout)
    gold = evaluation.load_gold(args.annotations, docs)
    in_check = docs["doc_id"].map(check_part)
    fit_docs, check_docs = docs[~in_check].reset_index(drop=True), docs[in_check].reset_index(drop=True)
    fit_gold = gold[gold["doc_id"].isin(set(fit_docs["doc_id"]))]
    print(f"{len(fit_docs):,} articles to fit, {len(check_docs):,} to choose the thresholds", flush=True)
    # The committed files: the thresholds are chosen by running the ledger, which reads them.
    cue_file, role_file = cue_model.MODEL_FILE, role_model.MODEL_FILE
    if args.roles_only or args.thresholds_only:
        cue = json.loads(Path(cue_file).read_text(encoding="utf-8"))
        print(f"cue model kept: {cue_file}", flush=True)
    else:
        X, y = labelled_words(fit_docs, fit_gold)
        print(f"cue model: features of {len(X):,} words ({sum(y):,} inside a cue); fitting ...", flush=True)
        fitted = fit(X, y)
        print(f"cue model: {len(fitted['weights']):,} weights kept", flush=True)
        cue = {"version": cue_model.MODEL_VERSION, "trained_on": "PolNeAR train minus its check part",
               "command": cue_model.REBUILD_COMMAND, "threshold": CANDIDATE_FLOOR, **fitted}
        _write(Path(cue_file), cue)
    cue_model._load.cache_clear()
    if args.thresholds_only:
        roles = json.loads(Path(role_file).read_text(encoding="utf-8"))
        print(f"role model kept: {role_file}", flush=True)
    else:
        matrix, names, source_labels, content_labels = role_examples(fit_docs, fit_gold, sys.stdout)
        print(f"role model: {matrix.shape[0]:,} words, {matrix.shape[1]:,} features; fitting ...", flush=True)
        roles = {"version": role_model.MODEL_VERSION, "trained_on": "PolNeAR train minus its check part",
                 "command": cue_model.REBUILD_COMMAND, "threshold": {"source": 0.5, "content": 0.5}, "row_min_score": 0.2,
                 **fit_roles(matrix, names, source_labels, content_labels, sys.stdout)}
    check_gold = gold[gold["doc_id"].isin(set(check_docs["doc_id"]))]
    best = None
    for threshold in THRESHOLDS:
        for source_threshold, content_threshold in ROLE_THRESHOLDS:
            for row_score in ROW_SCORES:
                cue["threshold"], roles["row_min_score"] = threshold, row_score
                roles["threshold"] = {"source": source_threshold, "content": content_threshold}
                _write(Path(cue_file), cue)
                _write(Path(role_file), roles)
                attribution.clear_caches()
                result = evaluation.evaluate(attribution.find_attributions(check_docs), check_gold)
                overall = result["overall"]
                print(f"cue {threshold:.2f}, source {source_threshold:.2f}, content {content_threshold:.2f}, row {row_score:.2f}: "
                      f"precision {overall['precision']:.3f} recall {overall['recall']:.3f} F1 {overall['f1']:.3f} "
                      f"source accuracy {result['source_accuracy']:.3f}", flush=True)
                key = (overall["precision"] >= MIN_PRECISION, round(overall["f1"], 3), result["source_accuracy"])
                if best is None or key > best[0]:
                    best = (key, threshold, source_threshold, content_threshold, row_score)
    _, cue["threshold"], source_threshold, content_threshold, roles["row_min_score"] = best
    roles["threshold"] = {"source": source_threshold, "content": content_threshold}
    _write(Path(cue_file), cue)
    _write(Path(role_file), roles)
    attribution.clear_caches()
    pd.DataFrame({"article": sorted(check_docs["doc_id"])}).to_csv(CHECK_LIST_FILE, index=False)
    print(f"chosen: cue {cue['threshold']:.2f}, source {source_threshold:.2f}, content {content_threshold:.2f}, "
          f"row {roles['row_min_score']:.2f}; wrote {cue_file}, {role_file} and {CHECK_LIST_FILE.name}")
    return 0


TASKS = [scoring.Task("attribution-train", "train the attribution cue and role models on PolNeAR train (about ten minutes)",
                      _add_arguments, _run)]
