"""A trained, explainable span tagger for loaded language and name-calling.

The tagger reads each body sentence word by word with a linear-chain conditional
random field (CRF): every word gets a score for each label — ``O`` (outside),
``B-`` (first word) and ``I-`` (later word) of each class it was trained on
(``loaded_language``, ``name_calling``) — from features a reader can name: the
word itself, its lower-case form and suffixes, its capitalisation, the words
around it, whether it sits inside a quotation, whether the cited word lists
contain it (strong and weak subjectivity clues, Riloff & Wiebe 2003; the biased
language lexicon, Recasens et al. 2013; hedges, Hyland 2005; report, factive,
assertive and implicative verbs) and its VADER valence (Hutto & Gilbert 2014);
a weight per pair of neighbouring labels (the transitions) scores how labels
follow each other. A word's probability for a class is the chance, over all
label sequences of the sentence, that it carries that class's ``B-`` or ``I-``
label (forward-backward, :func:`label_marginals`). Runs of words whose
probability for a class passes that class's threshold form a span; every span
keeps the features that weighed most for it, so the ``rule`` of a span reads e.g.::

    rhetoric_tagger.json (loaded_language, p=0.81): the word 'brutal' +2.1;
    strong subjectivity clue (Riloff & Wiebe 2003) +0.9; next word 'crackdown' +0.4

The weights live in ``analysis/data/rhetoric_tagger.json`` (plain JSON, with the
word lists the features need, so nothing outside the package is read at run
time, and the decoding here is plain Python: the CRF library is needed only to
train); ``python -m analysis.evaluate ptc-train`` rebuilds it from the
Propaganda Techniques Corpus (:mod:`analysis.evaluate.ptc_training`). A missing
file, or one written for another model or feature set, raises
:class:`ModelFileError` naming the file and that command.
"""

from __future__ import annotations

import json
import math
import operator
import re
from functools import lru_cache
from pathlib import Path

from analysis.config import PACKAGE_DATA_DIR
from analysis.provenance.cue_model import built_for, weights_by_pair, weights_by_value

MODEL_FILE = PACKAGE_DATA_DIR / "rhetoric_tagger.json"
#: Changes whenever the features change: a model file of another version is refused.
MODEL_FORMAT = "rhetoric-tagger/2"
TRAIN_COMMAND = "python -m analysis.evaluate ptc-train"
#: The class of words outside every span.
OUTSIDE = "O"
#: Punctuation a span never holds: it splits runs of tagged words.
CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "(", ")", "[", "]"})
#: Features that explain a span in its ``rule`` (the largest contributions).
EXPLAIN_TOP = 3

# Words (with inner apostrophes and hyphens) and single punctuation marks.
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_OPENING = {"“": "”", "‘": "’", "«": "»", '"': '"'}
_DIGIT = re.compile(r"\d")


class ModelFileError(RuntimeError):
    """The tagger's model file is missing, unreadable or of another version."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {problem}; rebuild it with `{TRAIN_COMMAND}` (see docs/rhetoric.md)")


# --------------------------------------------------------------------------- tokens and features

def tokenize(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` for every word and punctuation mark of ``text``."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _quotation_marks(tokens: list[tuple[int, int, str]]) -> list[int]:
    """Per token: 0 outside quotation marks, else the number of tokens of the quotation it is in."""
    inside = [0] * len(tokens)
    i = 0
    while i < len(tokens):
        mark = tokens[i][2]
        closer = _OPENING.get(mark)
        # A ’ or ‘ glued to a word is an apostrophe, not a quotation mark.
        if closer and not (mark == "‘" and i + 1 < len(tokens) and tokens[i + 1][0] > tokens[i][1]):
            for j in range(i + 1, min(len(tokens), i + 80)):
                if tokens[j][2] == closer or (closer == "’" and tokens[j][2] == "'"):
                    for k in range(i + 1, j):
                        inside[k] = j - i - 1
                    i = j
                    break
        i += 1
    return inside


def _shape(token: str) -> str:
    if not token[0].isalnum():
        return "punct"
    if _DIGIT.search(token):
        return "digit"
    if token.isupper() and len(token) > 1:
        return "upper"
    if token[0].isupper():
        return "title"
    return "lower"


def _valence_bin(value: float | None) -> str | None:
    if value is None:
        return None
    if value <= -2.0:
        return "neg2"
    if value < 0:
        return "neg1"
    if value >= 2.0:
        return "pos2"
    return "pos1"


def sentence_features(tokens: list[tuple[int, int, str]], lexicons: dict[str, frozenset[str]],
                      valence: dict[str, float]) -> list[list[str]]:
    """The feature names of every token of one sentence (the model's input).

    ``lexicons`` maps a word-list name to its lower-case words; ``valence`` is
    VADER's lexicon (word -> mean valence).
    """
    words = [t[2] for t in tokens]
    lower = [w.lower().replace("’", "'") for w in words]
    quoted = _quotation_marks(tokens)
    in_lexicon = [[name for name, entries in lexicons.items() if low in entries] for low in lower]
    valences = [_valence_bin(valence.get(low)) for low in lower]
    n = len(tokens)
    has_exclamation = "!" in words
    features = []
    for i, (word, low) in enumerate(zip(words, lower)):
        shape = _shape(word)
        f = [f"w={low}", f"shape={shape}"]
        if shape != "punct":
            if len(low) > 3:
                f.append(f"suf3={low[-3:]}")
            if i == 0:
                f.append("first_word")
            elif shape in ("title", "upper"):
                f.append(f"inner_{shape}")
        prev1 = lower[i - 1] if i else "<s>"
        next1 = lower[i + 1] if i + 1 < n else "</s>"
        f += [f"w-1={prev1}", f"w+1={next1}", f"w-1w={prev1}|{low}", f"ww+1={low}|{next1}"]
        f += [f"lex={name}" for name in in_lexicon[i]]
        for offset, tag in ((-1, "-1"), (1, "+1")):
            j = i + offset
            if 0 <= j < n:
                f += [f"lex{tag}={name}" for name in in_lexicon[j]]
                if valences[j]:
                    f.append(f"vader{tag}={valences[j]}")
        if valences[i]:
            f.append(f"vader={valences[i]}")
        if quoted[i]:
            f.append("in_quote_short" if quoted[i] <= 4 else "in_quote_long")
        if has_exclamation:
            f.append("sentence_has_!")
        features.append(f)
    return features


# --------------------------------------------------------------------------- the model file

@lru_cache(maxsize=4)
def _read_model(path: str) -> dict:
    model_path = Path(path)
    if not model_path.is_file():
        raise ModelFileError(model_path, "the rhetoric tagger's model file is missing")
    try:
        model = json.loads(model_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(model_path, f"the model file cannot be read ({error})") from None
    found = model.get("format") if isinstance(model, dict) else None
    if found != MODEL_FORMAT:
        raise ModelFileError(model_path, f"model format {found!r}, but this version of the package reads {MODEL_FORMAT!r}")
    for key in ("classes", "labels", "bias", "transitions", "weights", "thresholds", "lexicons", "trained_on"):
        if key not in model:
            raise ModelFileError(model_path, f"the model file has no '{key}'")
    problem = _shape_problem(model)
    if problem:
        raise ModelFileError(model_path, problem)
    model["lexicon_sets"] = {name: frozenset(words) for name, words in model["lexicons"].items()}
    return model


def bio_labels(classes: list[str]) -> list[str]:
    """The chain's labels for ``classes``: ``O``, then ``B-`` (first word) and ``I-`` (later words) of each class."""
    return [OUTSIDE] + [f"{prefix}-{name}" for name in classes[1:] for prefix in ("B", "I")]


def _shape_problem(model: dict) -> str | None:
    """What is wrong with the shape of a model's classes, labels and weights (None: nothing)."""
    classes, labels = model["classes"], model["labels"]
    if not classes or classes[0] != OUTSIDE or labels != bio_labels(classes):
        return f"classes {classes} and labels {labels} are not O followed by B-/I- labels of each class"
    k = len(labels)
    if len(model["bias"]) != k or len(model["transitions"]) != k or any(len(row) != k for row in model["transitions"]):
        return f"the bias and the transitions do not have one value per label ({k} labels)"
    bad = [name for name, w in model["weights"].items() if len(w) != k]
    if bad:
        return f"{len(bad)} feature weight(s) do not have one value per label (e.g. {bad[0]!r})"
    return None


def load_model(path: Path | str | None = None) -> dict:
    """The tagger's model (``rhetoric_tagger.json``): labels, weights, transitions, thresholds, word lists, provenance.

    Raises
    ------
    ModelFileError
        When the file is missing, is not JSON, or was written for another
        :data:`MODEL_FORMAT`; the message names the file and :data:`TRAIN_COMMAND`.
    """
    return _read_model(str(MODEL_FILE if path is None else path))


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (the lexicon that ships with vaderSentiment)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


# --------------------------------------------------------------------------- tagging

def label_scores(features: list[list[str]], model: dict) -> list[list[float]]:
    """Per token, the score of each of ``model['labels']``: the bias plus the weights of its features."""
    find, bias, add = model["weights"].get, model["bias"], operator.add
    out = []
    for names in features:
        scores = bias
        for name in names:
            w = find(name)
            if w is not None:
                scores = list(map(add, scores, w))
        out.append(list(scores))
    return out


class SentenceScorer:
    """:func:`label_scores` of :func:`sentence_features` without building the feature names.

    The weights of a word's own features (the word, its shape and ending, first or
    capitalised inside the sentence) are added once per word type and sentence
    position kind, and the rest are read from tables of the model's keys: the
    same weights added in the same order to the same bias, so the same floats
    (``tests/rhetoric/test_tagger.py``). The per-type tables are emptied when they
    reach :data:`TYPE_CACHE_SIZE` entries (memory stays bounded on any corpus).
    """

    def __init__(self, model: dict, valence: dict[str, float]):
        self.weights, self.bias = model["weights"], list(model["bias"])
        self.lexicons, self.valence = model["lexicon_sets"], valence
        self.previous, self.following = weights_by_value(self.weights, "w-1="), weights_by_value(self.weights, "w+1=")
        self.previous_pair, self.following_pair = weights_by_pair(self.weights, "w-1w="), weights_by_pair(self.weights, "ww+1=")
        self.own: dict[tuple[str, bool], list[float]] = {}  # (word, first in sentence) -> bias + own features
        self.described: dict[str, tuple[list[str], str | None]] = {}  # lower case -> word lists, valence bin

    def _describe(self, low: str) -> tuple[list[str], str | None]:
        found = self.described.get(low)
        if found is None:
            if len(self.described) >= TYPE_CACHE_SIZE:
                self.described.clear()
            found = self.described[low] = ([name for name, entries in self.lexicons.items() if low in entries],
                                            _valence_bin(self.valence.get(low)))
        return found

    def _own(self, word: str, low: str, first: bool) -> list[float]:
        key = (word, first)
        scores = self.own.get(key)
        if scores is None:
            if len(self.own) >= TYPE_CACHE_SIZE:
                self.own.clear()
            shape = _shape(word)
            names = [f"w={low}", f"shape={shape}"]
            if shape != "punct":
                if len(low) > 3:
                    names.append(f"suf3={low[-3:]}")
                if first:
                    names.append("first_word")
                elif shape in ("title", "upper"):
                    names.append(f"inner_{shape}")
            scores = self.own[key] = self._add(self.bias, names)
        return scores

    def _add(self, scores: list[float], names: list[str]) -> list[float]:
        add, find = operator.add, self.weights.get
        for name in names:
            w = find(name)
            if w is not None:
                scores = list(map(add, scores, w))
        return scores

    def scores(self, tokens: list[tuple[int, int, str]]) -> list[list[float]]:
        """Per token, the score of each label: ``label_scores(sentence_features(tokens, …), model)``."""
        add, find = operator.add, self.weights.get
        words = [t[2] for t in tokens]
        lower = [w.lower().replace("’", "'") for w in words]
        quoted = _quotation_marks(tokens)
        described = [self._describe(low) for low in lower]
        n = len(tokens)
        exclamation = find("sentence_has_!") if "!" in words else None
        out = []
        for i, (word, low) in enumerate(zip(words, lower)):
            scores = self._own(word, low, i == 0)
            prev1 = lower[i - 1] if i else "<s>"
            next1 = lower[i + 1] if i + 1 < n else "</s>"
            weights = [self.previous.get(prev1), self.following.get(next1), self.previous_pair.get((prev1, low)),
                       self.following_pair.get((low, next1))]
            weights += [find(f"lex={name}") for name in described[i][0]]
            for j, tag in ((i - 1, "-1"), (i + 1, "+1")):
                if 0 <= j < n:
                    names, valence = described[j]
                    weights += [find(f"lex{tag}={name}") for name in names]
                    if valence:
                        weights.append(find(f"vader{tag}={valence}"))
            if described[i][1]:
                weights.append(find(f"vader={described[i][1]}"))
            if quoted[i]:
                weights.append(find("in_quote_short" if quoted[i] <= 4 else "in_quote_long"))
            weights.append(exclamation)
            for w in weights:
                if w is not None:
                    scores = list(map(add, scores, w))
            out.append(list(scores))
        return out


#: Word types whose own-feature scores and word lists a :class:`SentenceScorer` keeps at most.
TYPE_CACHE_SIZE = 200_000
#: The scorers of the last few models and valence lexicons used (:func:`built_for`).
_SCORERS: list = []


def sentence_scorer(model: dict, valence: dict[str, float]) -> SentenceScorer:
    """The :class:`SentenceScorer` of ``model`` and ``valence``, built once per pair of objects."""
    return built_for(_SCORERS, (model, valence), SentenceScorer)


def label_marginals(scores: list[list[float]], transitions: list[list[float]]) -> list[list[float]]:
    """Per token, the probability of each label over all label sequences of the sentence (forward-backward).

    A sequence's score is the sum of its tokens' label scores and of
    ``transitions[a][b]`` for each label ``a`` followed by ``b``; its probability
    is proportional to the exponential of that score. Computed with the
    exponentials, each step's forward sums scaled to 1 (no logarithms: this runs
    on every sentence the reports read).
    """
    n = len(scores)
    if not n:
        return []
    k = len(scores[0])
    step = [[math.exp(w) for w in row] for row in transitions]  # step[a][b]: label a, then b
    into = [list(column) for column in zip(*step)]  # into[b][a] = step[a][b]
    exp, mul = math.exp, operator.mul
    emitted = []
    for row in scores:
        top = max(row)
        emitted.append([exp(v - top) for v in row])
    forward, scale = [], []
    current = emitted[0]
    for t in range(n):
        if t:
            previous = forward[-1]
            current = [e * sum(map(mul, previous, column)) for e, column in zip(emitted[t], into)]
        total = sum(current)
        scale.append(total)
        forward.append([v / total for v in current])
    backward = [[1.0] * k] * n
    for t in range(n - 2, -1, -1):
        norm = scale[t + 1]
        after = [e * g / norm for e, g in zip(emitted[t + 1], backward[t + 1])]
        backward[t] = [sum(map(mul, row, after)) for row in step]
    out = []
    for f, g in zip(forward, backward):
        joint = list(map(mul, f, g))
        total = sum(joint)
        out.append([v / total for v in joint])
    return out


def token_probabilities(features: list[list[str]], model: dict) -> list[list[float]]:
    """Per token of one sentence, the probability of each of ``model['classes']``.

    A class's probability is that of its ``B-`` and ``I-`` labels together, from
    the chain's marginals (:func:`label_marginals`): the words around a token
    and the labels they are likely to take both count.
    """
    return _class_probabilities(label_marginals(label_scores(features, model), model["transitions"]), model)


def _class_probabilities(marginals: list[list[float]], model: dict) -> list[list[float]]:
    return [[p[0]] + [p[2 * c - 1] + p[2 * c] for c in range(1, len(model["classes"]))] for p in marginals]


def class_weights(model: dict) -> dict[str, list[float]]:
    """Per feature, one weight per class after ``O``: the larger of its ``B-`` and ``I-`` weights.

    What a feature adds for a class when it sits on a span's first or a later
    word (log-odds against ``O``), for tables of what the model learnt.
    """
    n = len(model["classes"])
    return {name: [max(w[2 * c - 1], w[2 * c]) for c in range(1, n)] for name, w in model["weights"].items()}


def _labels(probabilities: list[list[float]], classes: list[str], thresholds: dict[str, float]) -> list[int]:
    """The class index of each token: the most probable class over its threshold, else 0 (outside)."""
    labels = []
    for p in probabilities:
        best, best_p = 0, 0.0
        for c in range(1, len(classes)):
            if p[c] >= thresholds[classes[c]] and p[c] > best_p:
                best, best_p = c, p[c]
        labels.append(best)
    return labels


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The closed-class words of ``function_words.csv``: a span of these alone is never reported."""
    import csv

    with open(PACKAGE_DATA_DIR / "function_words.csv", encoding="utf-8", newline="") as handle:
        return frozenset(row["word"].lower() for row in csv.DictReader(handle))


def _runs(labels: list[int], tokens: list[tuple[int, int, str]], bridge: int, blocked: frozenset[int] = frozenset()) -> list[tuple[int, int, int]]:
    """``(class, first token, last token)`` of each run of one class, across gaps of at most ``bridge`` tokens.

    A run starts and ends on a word, never holds or bridges a ``blocked`` token
    or one of :data:`CLAUSE_MARKS`, and holds
    at least one word that is not a function word ("a", "the", "is a" alone are
    never a span).
    """
    # A span never runs across a comma, colon, dash or bracket (5% of the PTC's loaded-language
    # spans hold one; the chain would otherwise join two emotive words a clause apart).
    blocked = blocked | {i for i, token in enumerate(tokens) if token[2] in CLAUSE_MARKS}
    runs: list[list[int]] = []
    for i, label in enumerate(labels):
        if not label or i in blocked:
            continue
        if runs and runs[-1][0] == label and i - runs[-1][2] - 1 <= bridge and not blocked.intersection(range(runs[-1][2] + 1, i)):
            runs[-1][2] = i
        else:
            runs.append([label, i, i])
    trimmed = []
    for label, first, last in runs:
        # A span starts and ends on a word, never on a punctuation mark.
        while first <= last and not tokens[first][2][0].isalnum():
            first += 1
        while last >= first and not tokens[last][2][0].isalnum():
            last -= 1
        closed = function_words()
        if first <= last and any(t[2][0].isalnum() and t[2].lower() not in closed for t in tokens[first:last + 1]):
            trimmed.append((label, first, last))
    return trimmed


def describe_feature(name: str) -> str:
    """A feature name as a reader reads it ("the word 'brutal'", "previous word 'the'")."""
    kind, _, value = name.partition("=")
    lexicon_names = {
        "riloff_strong": "strong subjectivity clue (Riloff & Wiebe 2003)",
        "riloff_weak": "weak subjectivity clue (Riloff & Wiebe 2003)",
        "bias_lexicon": "biased-language lexicon (Recasens et al. 2013)",
        "hedge": "hedge (Hyland 2005)",
        "report_verb": "report verb (Recasens et al. 2013)",
        "factive": "factive verb (Hooper 1975)",
        "assertive": "assertive verb (Hooper 1975)",
        "implicative": "implicative verb (Karttunen 1971)",
    }
    valence_names = {"neg2": "very negative (≤ -2)", "neg1": "negative", "pos1": "positive", "pos2": "very positive (≥ 2)"}
    simple = {
        "w": f"the word '{value}'", "w-1": f"previous word '{value}'", "w+1": f"next word '{value}'",
        "suf3": f"ending '-{value}'",
        "w-1w": f"words '{value.replace('|', ' ')}'", "ww+1": f"words '{value.replace('|', ' ')}'",
        "shape": f"shape {value}",
    }
    if kind in simple:
        return simple[kind]
    if kind in ("lex", "lex-1", "lex+1"):
        where = {"lex": "", "lex-1": "previous word: ", "lex+1": "next word: "}[kind]
        return where + lexicon_names.get(value, value)
    if kind in ("vader", "vader-1", "vader+1"):
        where = {"vader": "", "vader-1": "previous word ", "vader+1": "next word "}[kind]
        return f"{where}VADER valence {valence_names.get(value, value)}"
    return {
        "first_word": "first word of the sentence", "inner_title": "capitalised inside the sentence",
        "inner_upper": "all capitals inside the sentence", "in_quote_short": "inside a short quotation (≤ 4 words)",
        "in_quote_long": "inside a longer quotation", "sentence_has_!": "sentence has an exclamation mark",
    }.get(name, name)


def explain(features: list[list[str]], model: dict, label: int, top: int = EXPLAIN_TOP) -> list[tuple[str, float]]:
    """The features that weighed most for class ``label`` over the outside label, summed over a span's tokens.

    The span's first token is read as the class's ``B-`` label, the others as its
    ``I-`` label (the weights are relative to ``O``).
    """
    weights = model["weights"]
    total: dict[str, float] = {}
    for position, names in enumerate(features):
        column = 2 * label - 1 if position == 0 else 2 * label
        for name in names:
            w = weights.get(name)
            if w is not None:
                total[name] = total.get(name, 0.0) + w[column] - w[0]
    ranked = sorted(((v, n) for n, v in total.items() if v > 0), key=lambda item: (-item[0], item[1]))
    return [(name, value) for value, name in ranked[:top]]


def tag_text(text: str, model: dict | None = None, outside: list[tuple[int, int]] = (),
             operating_point: str = "thresholds") -> list[tuple[int, int, str, str]]:
    """Spans the tagger finds in one sentence: ``(start, end, class, rule)`` with offsets into ``text``.

    ``operating_point`` names the model's thresholds to use: ``thresholds`` (the
    reports', chosen for precision: best cross-validated F0.5) or
    ``f1_thresholds`` (best cross-validated F1). Tokens overlapping an interval
    of ``outside`` (e.g. hedges) are never put in a span. A text without words
    (empty, punctuation only) has no spans.
    """
    model = load_model() if model is None else model
    tokens = tokenize(text)
    if not tokens:
        return []
    # The scores without the feature names (the same floats as token_probabilities of sentence_features);
    # the names are built only for a sentence with a span to explain.
    scores = sentence_scorer(model, vader_lexicon()).scores(tokens)
    probabilities = _class_probabilities(label_marginals(scores, model["transitions"]), model)
    classes = model["classes"]
    labels = _labels(probabilities, classes, model.get(operating_point) or model["thresholds"])
    blocked = frozenset(i for i, (start, end, _) in enumerate(tokens)
                        if any(start < o_end and o_start < end for o_start, o_end in outside))
    for i in blocked:
        labels[i] = 0
    if not any(labels):
        return []
    features = sentence_features(tokens, model["lexicon_sets"], vader_lexicon())
    spans = []
    for label, first, last in _runs(labels, tokens, int(model.get("bridge", 0)), blocked):
        start, end = tokens[first][0], tokens[last][1]
        p = max(probabilities[i][label] for i in range(first, last + 1))
        reasons = "; ".join(f"{describe_feature(n)} {v:+.1f}" for n, v in explain(features[first:last + 1], model, label))
        rule = f"{MODEL_FILE.name} ({classes[label]}, p={p:.2f}): {reasons or 'no single feature stands out'}"
        spans.append((start, end, classes[label], rule))
    return spans
