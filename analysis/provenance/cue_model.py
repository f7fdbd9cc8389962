"""A small, explainable model of attribution cues: which words cite someone's statement, thought or finding.

A logistic regression over each word's features (the word, its ending, its
neighbours, whether it is inside a quotation, whether it is a reporting verb of
``data/reporting_verbs.csv``) gives the probability that the word belongs to an
attribution cue ("said", "told reporters", "believes", "a poll shows",
"according to", "in a statement"). Runs of words at or above the threshold are
cue candidates; the ledger (:mod:`analysis.provenance.attribution`) asks the role
model (:mod:`analysis.provenance.role_model`) for each candidate's source and
content, and keeps the candidates that cite something.

The weights are a committed JSON file, ``data/attribution_cue_model.json``:
an L1-regularised fit on PolNeAR's train compartment minus its check fifth
(the check fifth chooses the threshold), of which only the weights at least
0.01 in size are kept, rounded to three decimals; a feature the file does not
list weighs nothing. It is rebuilt by::

    python -m analysis.evaluate attribution-train

Every cue the model finds carries the features that weighed most for it, so a
ledger row can say why it is there (``rule``: ``cue model p=0.93 (w=said +3.27,
reporting_verb +2.37, shape=x +0.92)``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from analysis.config import PACKAGE_DATA_DIR

MODEL_FILE = PACKAGE_DATA_DIR / "attribution_cue_model.json"
MODEL_VERSION = 1
REBUILD_COMMAND = "python -m analysis.evaluate attribution-train"

TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w’'\-]*[\w’'])?|[^\w\s]")
_QUOTE_CHARS = set("“”\"«»‘’'`")


class CueModelError(RuntimeError):
    """The cue model file is missing, unreadable or of another version."""


@dataclass(frozen=True)
class CueModel:
    """Weights of the cue model (see the module docstring)."""

    weights: dict
    bias: float
    threshold: float
    version: int
    trained_on: str

    def probability(self, features: list[str]) -> float:
        # The weights in the order of ``features`` (0.0 for an unknown one), summed left to right.
        return sigmoid(self.bias + sum(map(self.weights.get, features, repeat(0.0))))

    def reasons(self, features: list[str], n: int = 3) -> str:
        """The ``n`` features that pushed hardest towards a cue, e.g. ``w=said +3.10, n=, +0.84``."""
        return strongest(self.weights, features, n)


def sigmoid(score: float) -> float:
    """The logistic function, its argument clipped to ±30 (no overflow; the same value to the last bit there)."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def strongest(weights: dict, features: list[str], n: int = 3) -> str:
    """The ``n`` of ``features`` with the largest weights, as ``feature +w.ww, …`` (a linear model's reasons)."""
    weighted = sorted(((weights[f], f) for f in features if f in weights), reverse=True)[:n]
    return ", ".join(f"{f} {w:+.2f}" for w, f in weighted)


def load_cue_model(path: Path | str | None = None) -> CueModel:
    """The committed cue model.

    Raises
    ------
    CueModelError
        Naming the file and the command that rebuilds it, when the file is
        missing, is not the model's JSON, or is of another version.
    """
    return _load(str(path or MODEL_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> CueModel:
    def build(data: dict) -> CueModel:
        return CueModel(weights=dict(data["weights"]), bias=float(data["bias"]), threshold=float(data["threshold"]),
                        version=int(data["version"]), trained_on=str(data.get("trained_on", "")))

    return read_model_file(path, "cue", build, MODEL_VERSION, CueModelError)


def read_model_file(path: str, what: str, build, version: int, error: type[Exception]):
    """A model of the attribution ledger read from its JSON file by ``build(data)``, its ``version`` checked.

    Raises ``error`` naming the file and the command that rebuilds it when the file is
    missing, is not the ``what`` model's JSON, or is of another version.
    """
    file = Path(path)
    if not file.is_file():
        raise error(f"{file}: the attribution {what} model is missing; rebuild it with `{REBUILD_COMMAND}`")
    try:
        model = build(json.loads(file.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as problem:
        raise error(f"{file}: not an attribution {what} model ({problem}); rebuild it with `{REBUILD_COMMAND}`") from None
    if model.version != version:
        raise error(f"{file}: {what} model version {model.version}, this code reads version {version}; "
                    f"rebuild it with `{REBUILD_COMMAND}`")
    return model


def tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every word and punctuation mark of ``text`` (a new list each call).

    The ledger tokenises each paragraph three or four times (cue model, thought verbs, verb
    groups, role model), so the last few texts' tokens are kept.
    """
    found = _recent_tokens.get(text)
    if found is None:
        found = tuple((m.start(), m.end(), m.group()) for m in TOKEN.finditer(text))
        if len(_recent_tokens) >= 4:
            del _recent_tokens[next(iter(_recent_tokens))]
        _recent_tokens[text] = found
    return list(found)


_recent_tokens: dict[str, tuple[tuple[int, int, str], ...]] = {}


def quoted_flags(words: list[tuple[int, int, str]], quotes: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it lies strictly inside a quotation of ``quotes``."""
    flags = []
    k = 0
    quotes = sorted(quotes)
    for start, end, _ in words:
        while k < len(quotes) and quotes[k][1] <= start:
            k += 1
        flags.append(k < len(quotes) and quotes[k][0] < start and end < quotes[k][1])
    return flags


def _shape(word: str) -> str:
    if word in _QUOTE_CHARS:
        return "Q"
    if not word[0].isalnum():
        return word
    if word[0].isupper():
        return "X" if len(word) > 1 and not word.isupper() else "XX"
    return "x" if not word[0].isdigit() else "d"


def features(words: list[tuple[int, int, str]], i: int, inside_quote: list[bool], reporting_forms: set[str]) -> list[str]:
    """The feature strings of token ``i`` (what the weights are keyed by).

    The features reach two tokens each side, so only that window is lower-cased
    and shaped (training calls this once per token).
    """
    lo = max(0, i - 2)
    window = words[lo:i + 3]
    return _features(window, _lows(window), [_shape(w) for _, _, w in window], i - lo, inside_quote[lo:i + 3],
                     reporting_forms)


def _lows(words: list[tuple[int, int, str]]) -> list[str]:
    """Each token as the features name it: ``Q`` for a quotation mark, else lower case."""
    return ["Q" if word in _QUOTE_CHARS else word.lower() for _, _, word in words]


def _features(words, lows: list[str], shapes: list[str], i: int, inside_quote: list[bool], reporting_forms: set[str]) -> list[str]:
    """The features of token ``i`` from the tokens already lower-cased (``lows``) and shaped (``shapes``):
    :func:`cue_spans` scores every token of a text, so it prepares them once for the whole text."""
    n = len(words)
    word = words[i][2]
    w = lows[i]
    previous = lows[i - 1] if i > 0 else "<s>"
    following = lows[i + 1] if i + 1 < n else "</s>"
    shape = shapes[i]
    out = [f"w={w}", f"p={previous}", f"n={following}", f"p2={lows[i - 2] if i > 1 else '<s>'}",
           f"n2={lows[i + 2] if i + 2 < n else '</s>'}",
           f"pw={previous}|{w}", f"wn={w}|{following}", f"shape={shape}",
           f"ps={shapes[i - 1] if i > 0 else '<s>'}|{shape}"]
    if len(w) > 4 and w.isalpha():
        out.append(f"s3={w[-3:]}")
    if inside_quote[i]:
        out.append("inside_quote")
        out.append(f"inside_quote|{shape}")
    if word in reporting_forms:
        out.append("reporting_verb")
        out.append(f"reporting_verb|p={previous}")
    return out


def cue_spans(text: str, quotes: list[tuple[int, int]], reporting_forms: set[str], model: CueModel | None = None,
              threshold: float | None = None) -> list[tuple[int, int, float, str]]:
    """Cue spans of ``text``: ``(start, end, probability, reasons)`` for each run of cue words.

    Parameters
    ----------
    text : str
        One body segment (offsets are into it).
    quotes : list of (start, end)
        Its quotations (:func:`analysis.provenance.attribution.find_quotes`).
    reporting_forms : set of str
        Forms of the reporting-verb lexicon (a feature, not a rule).
    model : CueModel, optional
        Default :func:`load_cue_model`.
    threshold : float, optional
        Default the model's own (tuned on the tune part of PolNeAR train).
    """
    model = model or load_cue_model()
    threshold = model.threshold if threshold is None else threshold
    words = tokens(text)
    inside = quoted_flags(words, quotes)
    lows, shapes = _lows(words), [_shape(w) for _, _, w in words]
    runs: list[list] = []
    for i, p in enumerate(_scorer(model).probabilities(words, lows, shapes, inside, reporting_forms)):
        if p < threshold:
            continue
        feats = _features(words, lows, shapes, i, inside, reporting_forms)  # for its reasons
        start, end, word = words[i]
        if runs and runs[-1][3] == i - 1:
            runs[-1][1], runs[-1][3] = end, i
            if p > runs[-1][2]:
                runs[-1][2], runs[-1][4] = p, model.reasons(feats)
        else:
            runs.append([start, end, p, i, model.reasons(feats)])
    return [(s, e, p, why) for s, e, p, _, why in runs]


class _TokenScorer:
    """:meth:`CueModel.probability` of :func:`_features` of every token, without building the feature strings.

    Each feature's weight is read from a table of the model's keys (``prefix + value`` is a key exactly
    when ``value`` is the key less ``prefix``; a pair ``a|b`` under every split of a key at a "|") and the
    weights are added in the order of :func:`_features`, from zero, the bias last: the same floats
    (``tests/provenance/test_scoring_same.py``).
    """

    def __init__(self, model: CueModel):
        self.model = model
        weights = model.weights
        self.get = weights.get
        (self.word, self.previous, self.following, self.previous2, self.following2, self.ending, self.quoted_shape,
         self.reported_after) = (weights_by_value(weights, prefix) for prefix in ("w=", "p=", "n=", "p2=", "n2=", "s3=",
                                                                                  "inside_quote|", "reporting_verb|p="))
        self.previous_word, self.word_following, self.shape_pair = (weights_by_pair(weights, prefix)
                                                                    for prefix in ("pw=", "wn=", "ps="))
        self.shape = weights_by_value(weights, "shape=")
        self.quoted, self.reported = weights.get("inside_quote", 0.0), weights.get("reporting_verb", 0.0)

    def probabilities(self, words, lows: list[str], shapes: list[str], inside_quote: list[bool],
                      reporting_forms: set[str]) -> list[float]:
        n = len(words)
        bias, exp = self.model.bias, math.exp
        word_of, previous_of, following_of = self.word.get, self.previous.get, self.following.get
        previous2_of, following2_of, previous_word_of = self.previous2.get, self.following2.get, self.previous_word.get
        word_following_of, shape_of, shape_pair_of = self.word_following.get, self.shape.get, self.shape_pair.get
        out = []
        for i in range(n):
            w = lows[i]
            previous = lows[i - 1] if i > 0 else "<s>"
            following = lows[i + 1] if i + 1 < n else "</s>"
            shape = shapes[i]
            weights = [word_of(w, 0.0), previous_of(previous, 0.0), following_of(following, 0.0),
                       previous2_of(lows[i - 2] if i > 1 else "<s>", 0.0),
                       following2_of(lows[i + 2] if i + 2 < n else "</s>", 0.0),
                       previous_word_of((previous, w), 0.0), word_following_of((w, following), 0.0), shape_of(shape, 0.0),
                       shape_pair_of((shapes[i - 1] if i > 0 else "<s>", shape), 0.0)]
            if len(w) > 4 and w.isalpha():
                weights.append(self.ending.get(w[-3:], 0.0))
            if inside_quote[i]:
                weights.append(self.quoted)
                weights.append(self.quoted_shape.get(shape, 0.0))
            if words[i][2] in reporting_forms:
                weights.append(self.reported)
                weights.append(self.reported_after.get(previous, 0.0))
            # :func:`sigmoid` of the score, written out (it runs for every token of the body).
            out.append(1.0 / (1.0 + exp(-max(-30.0, min(30.0, bias + sum(weights))))))
        return out


def weights_by_value(weights: dict, prefix: str) -> dict:
    """The weights of the feature names ``prefix + value``, keyed by ``value``: a scorer looks a word's value up
    instead of building its feature name (a name has a weight exactly when its value is a key here)."""
    return {key[len(prefix):]: w for key, w in weights.items() if key.startswith(prefix)}


def weights_by_pair(weights: dict, prefix: str) -> dict:
    """The weights of the feature names ``prefix + a + "|" + b``, keyed by ``(a, b)``. Every split of a name at
    a "|" is a key, since a token may itself be "|": any pair whose name has a weight is found."""
    table = {}
    for key, w in weights.items():
        if key.startswith(prefix):
            rest = key[len(prefix):]
            for cut, char in enumerate(rest):
                if char == "|":
                    table[(rest[:cut], rest[cut + 1:])] = w
    return table


def built_for(recent: list, objects: tuple, build):
    """``build(*objects)``, kept in ``recent`` for the last four tuples of objects it was built for.

    Objects are compared by identity: the models are dicts or frozen dataclasses of dicts, not
    hashable, and a scorer's tables are read from the very weights it was built from.
    """
    for known, built in recent:
        if len(known) == len(objects) and all(a is b for a, b in zip(known, objects)):
            return built
    built = build(*objects)
    recent[:] = [(objects, built)] + recent[:3]
    return built


#: The scorers of the last few cue models used (:func:`built_for`).
_SCORERS: list = []


def _scorer(model: CueModel) -> _TokenScorer:
    return built_for(_SCORERS, (model,), _TokenScorer)
