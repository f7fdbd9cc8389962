"""Stance toward a target, measured on NewsMTSC; and the command that trains the stance model.

::

    python -m analysis.evaluate newsmtsc --data FILE [--model FILE] [--part all|held-out|fit]
    python -m analysis.evaluate newsmtsc-train --data TRAIN_FILE [--out FILE]

NewsMTSC (Hamborg & Donnay, EACL 2021; ``../shared/data/newsmtsc``) is news
sentences in JSON lines, each with one or more ``targets``: character spans
(``from``, ``to``, the ``mention`` as written, optional ``further_mentions`` of
the same target) and the sentiment the sentence expresses toward the target
(``polarity`` 2 negative, 4 neutral, 6 positive, by five coders).

``newsmtsc`` scores :func:`analysis.readability_tone.stance.predict` on every
target of ``FILE``: precision, recall and F1 for each class, their macro average,
the same for sentences with one target and with several, and (for comparison)
the sentence's VADER compound as the stance toward every target it names. It
ends with ``macro_f1=<value>``. ``devtest_mt.jsonl`` (sentences with several
targets) is the set to report; ``train.jsonl`` is what the model learnt from, so
its figures are in-sample unless ``--part held-out`` picks the part the
training command held out.

``newsmtsc-train`` trains on ``train.jsonl`` only. Articles (the ``primary_gid``
up to its third ``_``: source, article, story) are split by
:func:`analysis.evaluate.scoring.seeded_part` with salt :data:`SPLIT_SALT`:
:data:`FIT_SHARE` of them fit the model, the rest choose the hyper-parameters
(regularisation ``C`` and the class offsets) — by macro-F1 on the held-out
sentences with several targets, the kind the workbook needs most. The split is
written to ``analysis/data/newsmtsc_split.csv``. The model is then refit on all of
``train.jsonl`` with the chosen settings and written to
``analysis/data/stance_model.json`` (weights rounded, features seen fewer than
:data:`MIN_FEATURE_COUNT` times dropped), with the held-out figures in its
``tuning`` entry. ``devtest_mt.jsonl`` is never read by the training.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from analysis import config
from analysis.evaluate import scoring

POLARITY = {2: "negative", 4: "neutral", 6: "positive"}
SPLIT_SALT = "newsmtsc-stance-split"
SPLIT_FILE = config.PACKAGE_DATA_DIR / "newsmtsc_split.csv"
#: Share of the training articles that fit the model while the hyper-parameters are chosen.
FIT_SHARE = 0.8
#: Regularisation strengths tried (inverse; scikit-learn's C).
C_GRID = (0.1, 0.2, 0.4)
#: Neutral-class log offsets tried (the negative and positive offsets stay 0).
NEUTRAL_OFFSET_GRID = (-0.3, 0.0, 0.2, 0.4, 0.6, 0.8)
#: Tokens on each side that count as next to the target.
WINDOW = 4
#: A feature must occur this often in the training targets to be kept in the model file.
MIN_FEATURE_COUNT = 3
#: A kept feature has at least one weight this large (smaller ones move no decision visibly).
MIN_WEIGHT = 0.01


# --------------------------------------------------------------------------- data

def article_key(gid: str) -> str:
    """The article a NewsMTSC sentence comes from: its ``primary_gid`` up to the third ``_``."""
    return "_".join(str(gid).split("_")[:3])


def split_part(gid: str) -> str:
    """``"fit"`` or ``"held-out"``: the seeded split of the training articles (by :func:`article_key`)."""
    return "fit" if scoring.seeded_part(SPLIT_SALT, article_key(gid), FIT_SHARE) == "tune" else "held-out"


def read_targets(path: Path | str) -> list[dict]:
    """Every target of a NewsMTSC JSON-lines file, one dict each.

    Returns
    -------
    list of dict
        ``line`` (1-based), ``gid``, ``text`` (the sentence), ``target`` (list of
        ``(start, end)``: the mention and its further mentions), ``others`` (the
        spans of the sentence's other targets), ``mention``, ``label``
        (negative/neutral/positive) and ``n_targets``.

    Raises
    ------
    ValueError
        Naming the file and line: not JSON, no sentence, no target, a polarity
        other than 2/4/6, or a span whose text is not the stated mention or
        that lies outside the sentence.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: NewsMTSC file not found")
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}: line {line_no}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where}: not JSON ({error.msg})") from None
            text = record.get("sentence_normalized")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{where}: no sentence (sentence_normalized is missing or empty)")
            targets = record.get("targets") or []
            if not targets:
                raise ValueError(f"{where}: the sentence names no target (targets is empty)")
            spans = []
            for number, target in enumerate(targets, start=1):
                mentions = [target] + list(target.get("further_mentions") or [])
                own = []
                for mention in mentions:
                    try:
                        start, end = int(mention["from"]), int(mention["to"])
                    except (KeyError, TypeError, ValueError):
                        raise ValueError(f"{where}: target {number} has no integer from/to offsets") from None
                    if not 0 <= start < end <= len(text):
                        raise ValueError(f"{where}: target {number} span {start}-{end} lies outside the sentence ({len(text)} characters)")
                    if "mention" in mention and text[start:end] != mention["mention"]:
                        raise ValueError(f"{where}: target {number} span {start}-{end} reads {text[start:end]!r}, "
                                         f"not the mention {mention['mention']!r}")
                    own.append((start, end))
                spans.append(own)
                polarity = target.get("polarity")
                if polarity not in (2, 4, 6, 2.0, 4.0, 6.0):
                    raise ValueError(f"{where}: target {number} polarity {polarity!r} is not 2, 4 or 6")
            for number, target in enumerate(targets):
                rows.append({
                    "line": line_no, "gid": record.get("primary_gid", ""), "text": text, "target": spans[number],
                    "others": [span for other, own in enumerate(spans) if other != number for span in own],
                    "mention": target.get("mention", text[spans[number][0][0]:spans[number][0][1]]),
                    "label": POLARITY[int(target["polarity"])], "n_targets": len(targets),
                })
    return rows


# --------------------------------------------------------------------------- scoring

def class_scores(gold: list[str], predicted: list[str]) -> dict:
    """Per-class precision/recall/F1 (``CLASSES`` order), their macro average and accuracy."""
    from analysis.readability_tone.stance import CLASSES

    rows = []
    for name in CLASSES:
        tp = sum(g == name and p == name for g, p in zip(gold, predicted))
        n_pred = sum(p == name for p in predicted)
        n_gold = sum(g == name for g in gold)
        precision, recall, f1 = scoring.prf(tp, n_pred, tp, n_gold)
        rows.append({"class": name, "n_gold": n_gold, "n_predicted": n_pred, "precision": precision, "recall": recall, "f1": f1})
    macro = sum(row["f1"] for row in rows) / len(rows)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold) if gold else 0.0
    return {"classes": rows, "macro_f1": macro, "accuracy": accuracy, "n": len(gold)}


def predict_targets(rows: list[dict], model=None) -> list[str]:
    """The stance model's label for every target row of :func:`read_targets`."""
    from analysis.readability_tone import stance

    model = model or stance.load_model()
    return [stance.predict(row["text"], row["target"], row["others"], model=model).label for row in rows]


def vader_labels(rows: list[dict]) -> list[str]:
    """The baseline the workbook used before: the sentence's VADER compound (±0.05) for every target in it."""
    from analysis.readability_tone import vader_batch

    compounds = vader_batch.vader_scores([row["text"] for row in rows])["compound"].tolist() if rows else []
    return ["positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral" for c in compounds]


def evaluate(rows: list[dict], model=None) -> dict:
    """Scores of the stance model on ``rows``: all targets, one-target and several-target sentences, and the VADER baseline."""
    predicted = predict_targets(rows, model)
    gold = [row["label"] for row in rows]
    single = [i for i, row in enumerate(rows) if row["n_targets"] == 1]
    several = [i for i, row in enumerate(rows) if row["n_targets"] > 1]

    def subset(indices):
        return class_scores([gold[i] for i in indices], [predicted[i] for i in indices]) if indices else None

    return {
        "all": class_scores(gold, predicted),
        "single": subset(single),
        "several": subset(several),
        "vader": class_scores(gold, vader_labels(rows)),
        "predicted": predicted,
    }


def _print_report(result: dict, label: str, out=None) -> None:
    out = out or sys.stdout
    overall = result["all"]
    print(f"{overall['n']:,} targets ({label})", file=out)
    scoring.print_table(overall["classes"], [("class", "class", ""), ("n_gold", "gold", ","), ("n_predicted", "predicted", ","),
                                             ("precision", "precision", ".3f"), ("recall", "recall", ".3f"), ("f1", "F1", ".3f")], out)
    rows = [{"part": "all targets", "n": overall["n"], "macro_f1": overall["macro_f1"], "accuracy": overall["accuracy"]}]
    for key, name in (("single", "sentences with one target"), ("several", "sentences with several targets")):
        if result[key]:
            rows.append({"part": name, "n": result[key]["n"], "macro_f1": result[key]["macro_f1"], "accuracy": result[key]["accuracy"]})
    rows.append({"part": "baseline: sentence VADER", "n": result["vader"]["n"], "macro_f1": result["vader"]["macro_f1"],
                 "accuracy": result["vader"]["accuracy"]})
    print(file=out)
    scoring.print_table(rows, [("part", "part", ""), ("n", "targets", ","), ("macro_f1", "macro-F1", ".3f"), ("accuracy", "accuracy", ".3f")], out)
    if result["single"] and result["several"]:
        gap = result["single"]["macro_f1"] - result["several"]["macro_f1"]
        print(f"gap single - several targets: {gap:+.3f} macro-F1", file=out)
    scoring.final_line("macro_f1", overall["macro_f1"], out)


def _default_file(name: str) -> Path:
    return config.shared_data_dir() / "newsmtsc" / name


def _add_evaluate_arguments(parser) -> None:
    parser.add_argument("--data", type=Path, default=_default_file("devtest_mt.jsonl"),
                        help="NewsMTSC JSON lines to score (default: ../shared/data/newsmtsc/devtest_mt.jsonl)")
    parser.add_argument("--model", type=Path, default=None, help="stance model file (default: analysis/data/stance_model.json)")
    parser.add_argument("--part", choices=["all", "held-out", "fit"], default="all",
                        help="of a training file, the articles to score: all (default), held-out or fit (the training split)")


def _run_evaluate(args) -> int:
    from analysis.readability_tone import stance

    if scoring.missing_data([args.data]):
        return 0
    rows = read_targets(args.data)
    label = args.data.name
    if args.part != "all":
        rows = [row for row in rows if split_part(row["gid"]) == args.part]
        label += f", {args.part} part of the training split"
    if args.data.name == "train.jsonl" and args.part != "held-out":
        print("note: the model was trained on train.jsonl; these figures are in-sample")
    if args.data.name == "train.jsonl" and args.part == "held-out":
        print("note: the model file is refit on all of train.jsonl, so even the held-out part is in-sample for it; "
              "the out-of-sample held-out figures are the ones newsmtsc-train prints and stores under 'tuning'")
    if not rows:
        print(f"no targets in {args.data} ({args.part})", file=sys.stderr)
        return 1
    print(f"scoring {len(rows):,} targets ...", flush=True)
    _print_report(evaluate(rows, stance.load_model(args.model)), label)
    return 0


#: The figure of this evaluation a report shows, and the goal it was set (docs/tone.md).
REPORT_FIGURE = "macro_f1"
GOAL_MACRO_F1 = 0.70


def report_figures(path: Path | str | None = None) -> dict:
    """The stance model on NewsMTSC ``devtest_mt.jsonl``, for a report's "how far to trust this" box.

    Measured now when the file is present (cached on the package and the file,
    :mod:`analysis.report.result_cache`: about 2 s of work); otherwise the last
    figure recorded by ``./workbook evaluate newsmtsc --record``
    (``analysis/data/evaluation_figures.csv``).

    Returns
    -------
    dict
        ``macro_f1`` (None when neither measured nor recorded), ``vader_macro_f1``
        (the sentence-VADER baseline; None unless measured now), ``targets``
        (None unless measured now), ``measured`` (True when computed in this
        run), ``measured_on`` (the date of a recorded figure, else "") and ``data``
        (the file's name).
    """
    path = Path(path) if path is not None else _default_file("devtest_mt.jsonl")
    if path.is_file():
        from analysis.report import result_cache

        def compute() -> dict:
            result = evaluate(read_targets(path))
            return {"macro_f1": result["all"]["macro_f1"], "vader_macro_f1": result["vader"]["macro_f1"], "targets": result["all"]["n"]}

        figures = result_cache.cached("newsmtsc-devtest-evaluation", result_cache.content_key(path), compute)
        return {**figures, "measured": True, "measured_on": "", "data": path.name}
    recorded = scoring.last_figures("newsmtsc").get(REPORT_FIGURE)
    return {"macro_f1": float(recorded["value"]) if recorded else None, "vader_macro_f1": None, "targets": None,
            "measured": False, "measured_on": recorded["measured_on"] if recorded else "", "data": path.name}


# --------------------------------------------------------------------------- training

def _design(rows: list[dict], window: int):
    from analysis.readability_tone import stance

    return [stance.features(row["text"], row["target"], row["others"], window=window)[0] for row in rows]


def _fit(feature_dicts: list[dict], labels: list[str], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(feature_dicts)
    # role:bias is a constant feature; the intercept is fitted as well (and not penalised).
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(matrix, labels)
    return vectorizer, model


def _model_scores(vectorizer, model, feature_dicts: list[dict]):
    import numpy as np

    probabilities = model.predict_proba(vectorizer.transform(feature_dicts))
    order = [list(model.classes_).index(name) for name in POLARITY.values()]
    return np.log(np.clip(probabilities[:, order], 1e-12, None))


def _labels_with_offset(log_probabilities, neutral_offset: float) -> list[str]:
    names = list(POLARITY.values())
    shifted = log_probabilities.copy()
    shifted[:, 1] += neutral_offset
    return [names[i] for i in shifted.argmax(axis=1)]


def train(rows: list[dict], out=None, progress=None) -> dict:
    """Choose C and the neutral offset on the seeded split of ``rows``, refit on all, return the model file's content."""
    import numpy as np

    progress = progress or sys.stdout
    fit = [row for row in rows if split_part(row["gid"]) == "fit"]
    held = [row for row in rows if split_part(row["gid"]) == "held-out"]
    if not fit or not held:
        raise ValueError("the training file needs articles in both parts of the split; it has "
                         f"{len(fit)} fit and {len(held)} held-out targets")
    print(f"features for {len(fit):,} fit and {len(held):,} held-out targets ...", file=progress, flush=True)
    fit_x, held_x = _design(fit, WINDOW), _design(held, WINDOW)
    fit_y, held_y = [row["label"] for row in fit], [row["label"] for row in held]
    several = [i for i, row in enumerate(held) if row["n_targets"] > 1]
    single = [i for i, row in enumerate(held) if row["n_targets"] == 1]
    trials = []
    for number, c in enumerate(C_GRID, start=1):
        vectorizer, model = _fit(fit_x, fit_y, c)
        log_p = _model_scores(vectorizer, model, held_x)
        for offset in NEUTRAL_OFFSET_GRID:
            predicted = _labels_with_offset(log_p, offset)
            trial = {"C": c, "neutral_offset": offset,
                     "held_out_macro_f1": class_scores(held_y, predicted)["macro_f1"],
                     "held_out_single_macro_f1": class_scores([held_y[i] for i in single], [predicted[i] for i in single])["macro_f1"],
                     "held_out_several_macro_f1": class_scores([held_y[i] for i in several], [predicted[i] for i in several])["macro_f1"]}
            trials.append(trial)
        best_here = max((t for t in trials if t["C"] == c), key=lambda t: t["held_out_several_macro_f1"])
        print(f"C {c}: {number} of {len(C_GRID)} settings tried; best held-out macro-F1 "
              f"{best_here['held_out_macro_f1']:.3f} (several targets {best_here['held_out_several_macro_f1']:.3f})",
              file=progress, flush=True)
    # Several-target sentences are what an article's actors need; ties go to the overall figure.
    best = max(trials, key=lambda t: (round(t["held_out_several_macro_f1"], 3), t["held_out_macro_f1"]))
    print(f"chosen: C {best['C']}, neutral offset {best['neutral_offset']}; refitting on all {len(rows):,} targets ...",
          file=progress, flush=True)
    all_x = fit_x + held_x
    vectorizer, model = _fit(all_x, fit_y + held_y, best["C"])
    counts: dict[str, int] = {}
    for found in all_x:
        for name in found:
            counts[name] = counts.get(name, 0) + 1
    order = [list(model.classes_).index(name) for name in POLARITY.values()]
    coefficients = model.coef_[order]
    weights = {}
    for column, name in enumerate(vectorizer.feature_names_):
        values = [round(float(v), 3) for v in coefficients[:, column]]
        if counts.get(name, 0) >= MIN_FEATURE_COUNT and max(abs(v) for v in values) >= MIN_WEIGHT:
            weights[name] = values
    intercept = [round(float(v), 4) for v in np.asarray(model.intercept_)[order]]
    from analysis.readability_tone import stance

    return {
        "feature_version": stance.FEATURE_VERSION,
        "classes": list(POLARITY.values()),
        "window": WINDOW,
        "intercept": intercept,
        "offsets": [0.0, best["neutral_offset"], 0.0],
        "trained_on": "NewsMTSC train.jsonl (Hamborg & Donnay 2021), every target; devtest_mt.jsonl never read",
        "command": stance.RETRAIN_COMMAND,
        "hyperparameters": {"C": best["C"], "neutral_offset": best["neutral_offset"], "class_weight": "balanced",
                            "min_feature_count": MIN_FEATURE_COUNT},
        "tuning": {"split": f"seeded_part('{SPLIT_SALT}', article) with share {FIT_SHARE} fit (analysis/data/newsmtsc_split.csv)",
                   "n_fit_targets": len(fit), "n_held_out_targets": len(held), "n_held_out_several": len(several),
                   "chosen": best, "trials": trials},
        "weights": dict(sorted(weights.items())),
    }


def write_split(rows: list[dict], path: Path = SPLIT_FILE) -> None:
    """The seeded split of the training articles, one ``article, part`` row each (sorted)."""
    import pandas as pd

    keys = sorted({article_key(row["gid"]) for row in rows})
    pd.DataFrame({"article": keys, "part": [split_part(key) for key in keys]}).to_csv(path, index=False)


def _add_train_arguments(parser) -> None:
    parser.add_argument("--data", type=Path, default=_default_file("train.jsonl"),
                        help="NewsMTSC training file (default: ../shared/data/newsmtsc/train.jsonl)")
    parser.add_argument("--out", type=Path, default=None, help="model file to write (default: analysis/data/stance_model.json)")


def _run_train(args) -> int:
    from analysis.readability_tone import stance

    if scoring.missing_data([args.data]):
        return 0
    if args.data.name.startswith("devtest"):
        print(f"{args.data}: refusing to train on the evaluation file; train on train.jsonl", file=sys.stderr)
        return 1
    began = time.perf_counter()
    rows = read_targets(args.data)
    content = train(rows)
    out = args.out or stance.MODEL_FILE
    out.write_text(json.dumps(content, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    if args.out is None:
        write_split(rows)
    stance._load_model.cache_clear()
    chosen = content["tuning"]["chosen"]
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(content['weights']):,} features) in {time.perf_counter() - began:.0f} s")
    print(f"held-out part of train.jsonl: macro-F1 {chosen['held_out_macro_f1']:.3f}; one-target sentences "
          f"{chosen['held_out_single_macro_f1']:.3f}; several-target sentences {chosen['held_out_several_macro_f1']:.3f}")
    scoring.final_line("held_out_macro_f1", chosen["held_out_macro_f1"])
    return 0


TASKS = [
    scoring.Task("newsmtsc", "score the stance toward each target against NewsMTSC (per-class P/R/F1, macro-F1)",
                 _add_evaluate_arguments, _run_evaluate),
    scoring.Task("newsmtsc-train", "train the stance model on NewsMTSC train.jsonl (seeded split for the settings)",
                 _add_train_arguments, _run_train),
]
