"""A small, explainable model of what each attribution cue cites: which words are its source and which its content.

Given a cue span in a paragraph (from :mod:`analysis.provenance.cue_model`), every
word of the cue's sentence and of the sentences just before and after it is
scored twice by logistic regressions: the probability that it belongs to the
cue's **source** and that it belongs to its **content**. The features say where
the word is relative to the cue (side, distance, sentence), what lies between
them (a comma, "that", a quotation mark, another cue, "and"/"but", lower-case
words), the word itself and its neighbours, the cue's words, and whether the
word is inside a quotation that opens right after or closes right before the
cue. :func:`decode` turns the scores into one source span and one content span
(an interrupted quotation, "“…,” she said, “…”", is one content), or none.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) labels every word with at most
one role in at most one attribution, so the model also learns when a cue inside
another attribution's content is part of that content ("X pointed out that Y
said …" is one attribution) and when a cue cites nothing ("added security").

The weights are a committed JSON file, ``data/attribution_role_model.json``,
trained on PolNeAR's train compartment by::

    python -m analysis.evaluate attribution-train

Every decision carries the features that weighed most for it, so a ledger row
can say why its source and content are where they are.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path

from analysis.config import PACKAGE_DATA_DIR
from analysis.provenance.cue_model import built_for, read_model_file, sigmoid, strongest, weights_by_pair, weights_by_value

MODEL_FILE = PACKAGE_DATA_DIR / "attribution_role_model.json"
MODEL_VERSION = 1
ROLES = ("source", "content")
#: Words scored on each side of a cue at most (the cue's sentence and its neighbours).
MAX_SIDE = 80
#: A cue candidate at least this probable is a wall no other cue's source runs over.
STRONG_CUE = 0.5

_QUOTE_CHARS = set("“”\"«»‘’'`")
_OPEN_QUOTE_CHARS = set("“«‘\"'`")
_CLOSE_QUOTE_CHARS = set("”»’\"'")
_CLAUSE_PUNCTUATION = {";", ":", "—", "–", "(", ")"}
_COORDINATORS = {"and", "but", "while", "whereas", "or"}


class RoleModelError(RuntimeError):
    """The role model file is missing, unreadable or of another version."""


@dataclass(frozen=True)
class RoleModel:
    """Weights of the two role classifiers (see the module docstring)."""

    weights: dict  # role -> {feature: weight}
    bias: dict  # role -> float
    threshold: dict  # role -> float
    version: int
    trained_on: str
    #: A candidate becomes a ledger row when its cue probability times its content's reaches this.
    row_min_score: float = 0.2

    def score(self, role: str, features: list[str]) -> float:
        # The weights in the order of ``features``, 0.0 for an unknown one, summed left to right
        # (``map`` instead of a generator: the same floats added in the same order, twice as fast).
        return self.bias[role] + sum(map(self.weights[role].get, features, repeat(0.0)))

    def reasons(self, role: str, features: list[str], n: int = 3) -> str:
        """The ``n`` features that pushed hardest towards ``role``, e.g. ``side=L|adj +2.10``."""
        return strongest(self.weights[role], features, n)


def load_role_model(path: Path | str | None = None) -> RoleModel:
    """The committed role model.

    Raises
    ------
    RoleModelError
        Naming the file and the command that rebuilds it, when the file is
        missing, is not the model's JSON, or is of another version.
    """
    return _load(str(path or MODEL_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> RoleModel:
    def build(data: dict) -> RoleModel:
        return RoleModel(weights={r: dict(data["weights"][r]) for r in ROLES},
                         bias={r: float(data["bias"][r]) for r in ROLES},
                         threshold={r: float(data["threshold"][r]) for r in ROLES},
                         version=int(data["version"]), trained_on=str(data.get("trained_on", "")),
                         row_min_score=float(data["row_min_score"]))

    return read_model_file(path, "role", build, MODEL_VERSION, RoleModelError)


# --------------------------------------------------------------------------- the paragraph

class Paragraph:
    """A paragraph's words with what the role features read: sentences, quotations, cue words.

    Parameters
    ----------
    words : list of (start, end, word)
        :func:`analysis.provenance.cue_model.tokens` of the paragraph.
    sentences : list of (start, end)
        Sentence spans (offsets into the paragraph).
    quotes : list of (start, end)
        Quotation spans (:func:`analysis.provenance.attribution.find_quotes`).
    cue_words : list of bool
        For each word, whether it is part of some cue candidate.
    """

    def __init__(self, words, sentences, quotes, cue_words, cue_probability=None):
        self.words = words
        self.n = len(words)
        self.low = [w.lower() for _, _, w in words]
        # Tokens are in text order and never overlap, so their starts and their ends both rise: the words
        # inside or touching a span of characters are one run of indices, found by bisection.
        self.starts = [s for s, _, _ in words]
        self.ends = [e for _, e, _ in words]
        starts = [s for s, _ in sentences] or [0]
        self.sentence = [max(0, bisect_right(starts, w[0]) - 1) for w in words]
        self.quote = [-1] * self.n  # index of the quotation a word is strictly inside
        self.quote_bounds: list[tuple[int, int]] = []  # first and last word index of each quotation
        for q, (q_start, q_end) in enumerate(sorted(quotes)):
            inside = range(bisect_left(self.starts, q_start), bisect_right(self.ends, q_end))
            self.quote_bounds.append((inside[0], inside[-1]) if inside else (-1, -1))
            for i in inside:
                if words[i][0] > q_start and words[i][1] < q_end or words[i][2] not in _QUOTE_CHARS:
                    self.quote[i] = q
        self.cue_word = list(cue_words)
        self.cue_probability = list(cue_probability) if cue_probability is not None else [0.0] * self.n
        self.shape = [_shape(w) for _, _, w in words]
        # Position in its sentence, and whether a word is before the sentence's first lower-case verb-like
        # word (a rough subject: "Richard Revesz, director of …, said").
        self.position = []
        self.before_verb = []
        sentence, position, verb_seen = -1, 0, False
        for i, (_, _, w) in enumerate(words):
            if self.sentence[i] != sentence:
                sentence, position, verb_seen = self.sentence[i], 0, False
            self.position.append(position)
            if self.shape[i] == "x" and (self.cue_word[i] or _verb_like(self.low[i])):
                verb_seen = True
            self.before_verb.append(not verb_seen)
            position += 1

        def prefix(flags):
            return list(accumulate(map(int, flags), initial=0))

        self._comma = prefix(w == "," for w in self.low)
        self._that = prefix(w == "that" for w in self.low)
        self._quote = prefix(w in _QUOTE_CHARS for _, _, w in words)
        self._clause = prefix(w in _CLAUSE_PUNCTUATION for w in self.low)
        self._coord = prefix(w in _COORDINATORS for w in self.low)
        self._lower = prefix(s == "x" for s in self.shape)
        self._cue = prefix(self.cue_word)
        self._stop = prefix(w in (".", "?", "!") for w in self.low)


def _verb_like(word: str) -> bool:
    return len(word) > 3 and (word.endswith("ed") or word.endswith("es") or word in _COMMON_VERBS)


_COMMON_VERBS = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "says", "said", "did",
                 "does", "do", "may", "might", "must", "should"}


def _shape(word: str) -> str:
    if word in _QUOTE_CHARS:
        return "Q"
    if not word[0].isalnum():
        return word
    if word[0].isupper():
        return "X" if len(word) > 1 and not word.isupper() else "XX"
    return "x" if not word[0].isdigit() else "d"


def _bucket(d: int) -> str:
    if d <= 3:
        return str(d)
    if d <= 5:
        return "4-5"
    if d <= 8:
        return "6-8"
    if d <= 12:
        return "9-12"
    if d <= 20:
        return "13-20"
    return "21+"


#: :func:`_bucket` of 0 .. _BUCKETED - 1, looked up instead of computed for every word scored.
_BUCKETED = 128
_BUCKETS = tuple(_bucket(d) for d in range(_BUCKETED))


def window(paragraph: Paragraph, first: int, last: int) -> range:
    """Word indices scored for the cue on words ``first .. last``: its sentence and the one before and after."""
    sentence = paragraph.sentence[first]
    lo = first
    while lo > 0 and paragraph.sentence[lo - 1] >= sentence - 1 and first - lo < MAX_SIDE:
        lo -= 1
    hi = last
    while hi < paragraph.n - 1 and paragraph.sentence[hi + 1] <= paragraph.sentence[last] + 1 and hi - last < MAX_SIDE:
        hi += 1
    return range(lo, hi + 1)


def cue_context(paragraph: Paragraph, first: int, last: int) -> list[str]:
    """Features of the cue itself, shared by every word scored for it."""
    low = paragraph.low
    words = [w for w in low[first:last + 1] if w[0].isalnum()][:3]
    before = low[first - 1] if first > 0 else "<s>"
    after = low[last + 1] if last + 1 < paragraph.n else "</s>"
    inside = paragraph.quote[first] >= 0
    probability = max(paragraph.cue_probability[first:last + 1])
    level = next(label for bound, label in ((0.01, "0"), (0.3, "<.3"), (0.5, "<.5"), (0.7, "<.7"), (0.9, "<.9"), (2, ">=.9"))
                 if probability < bound)
    return [f"c={' '.join(words)}", f"c1={words[0] if words else ''}", f"cp={before}", f"cn={after}",
            f"cps={paragraph.shape[first - 1] if first > 0 else '<s>'}", f"cin={int(inside)}", f"cprob={level}",
            f"cpos={_bucket(paragraph.position[first])}"]


_FEW = ("0", "1")
_NOTHING_BETWEEN = ("0",) * 8


def between_counts(p: Paragraph, lo: int, hi: int) -> tuple[str, str, str, str, str, str, str, str]:
    """What lies between a word and its cue (words ``lo .. hi - 1``), as the feature values name it: commas,
    "that", quotation marks, clause breaks, coordinators, other cues and stop words counted 0, 1 or 2+, and
    lower-case words 0, 1, 2, 3-5 or 6+ (read from the paragraph's running counts; the counts are inlined,
    since this runs for every word of every cue's window)."""
    if hi <= lo:
        return _NOTHING_BETWEEN
    n = p._comma[hi] - p._comma[lo]
    comma = _FEW[n] if n < 2 else "2+"
    n = p._that[hi] - p._that[lo]
    that = _FEW[n] if n < 2 else "2+"
    n = p._quote[hi] - p._quote[lo]
    quotes = _FEW[n] if n < 2 else "2+"
    n = p._clause[hi] - p._clause[lo]
    clause = _FEW[n] if n < 2 else "2+"
    n = p._coord[hi] - p._coord[lo]
    coord = _FEW[n] if n < 2 else "2+"
    n = p._cue[hi] - p._cue[lo]
    cues = _FEW[n] if n < 2 else "2+"
    n = p._stop[hi] - p._stop[lo]
    stops = _FEW[n] if n < 2 else "2+"
    lower = p._lower[hi] - p._lower[lo]
    return comma, that, quotes, clause, coord, cues, stops, str(lower) if lower < 3 else ("3-5" if lower <= 5 else "6+")


def features(paragraph: Paragraph, i: int, first: int, last: int, context: list[str]) -> list[str]:
    """Feature strings of word ``i`` for the cue on words ``first .. last`` (what the weights are keyed by)."""
    p = paragraph
    if i < first:
        side, d, lo, hi = "L", first - i, i + 1, first
        sentence = p.sentence[i] - p.sentence[first]
    else:
        side, d, lo, hi = "R", i - last, last + 1, i
        sentence = p.sentence[i] - p.sentence[last]
    db = _bucket(d)
    word = p.low[i]
    shape = p.shape[i]
    comma, that, quotes, clause, coord, cues, stops, lower_b = between_counts(p, lo, hi)
    q = p.quote[i]
    if q >= 0:
        q_first, q_last = p.quote_bounds[q]
        if q_first <= first and last <= q_last:
            quote = "around"  # the cue is inside the same quotation
        elif side == "R" and q_first - last <= 3:
            quote = "opens-after"
        elif side == "L" and first - q_last <= 3:
            quote = "closes-before"
        else:
            quote = "far"
    else:
        quote = "no"
    previous = p.low[i - 1] if i > 0 else "<s>"
    following = p.low[i + 1] if i + 1 < p.n else "</s>"
    subject = int(p.before_verb[i])
    s = f"s={side}|"
    c1 = s + context[1]
    c2 = s + context[2]
    out = [
        "bias", f"s={side}", f"{s}d={db}", f"{s}sent={sentence}", f"{s}d={db}|sent={sentence}",
        f"{s}w={word}", f"{s}shape={shape}", f"{s}d={db}|shape={shape}", f"{s}p={previous}",
        f"{s}n={following}", f"{s}pw={previous}|{word}",
        f"{s}comma={comma}", f"{s}that={that}", f"{s}quotes={quotes}", f"{s}clause={clause}",
        f"{s}coord={coord}", f"{s}cues={cues}", f"{s}stops={stops}", f"{s}lower={lower_b}",
        f"{s}comma={comma}|that={that}|cues={cues}", f"{s}lower={lower_b}|shape={shape}",
        f"{s}quote={quote}", f"{s}quote={quote}|d={db}", f"{s}cueword={int(p.cue_word[i])}",
        f"{s}pos={_bucket(p.position[i])}", f"{s}subject={subject}|sent={sentence}",
        f"{s}subject={subject}|shape={shape}|lower={lower_b}",
        f"{c1}|comma={comma}", f"{c1}|that={that}", f"{c1}|quotes={quotes}",
        f"{c1}|stops={stops}", f"{c1}|cues={cues}", f"{c1}|quote={quote}",
        f"{s}comma={comma}|d={db}", f"{s}comma={comma}|lower={lower_b}", f"{s}quote={quote}|comma={comma}",
        f"{s}comma={comma}|shape={shape}|d={db}", f"{s}stops={stops}|quote={quote}",
        f"{c2}|comma={comma}|lower={lower_b}",
    ]
    out += [s + c for c in context]
    out.append(f"{s}{context[0]}|d={db}")
    out.append(f"{c2}|shape={shape}|d={db}")
    return out




# --------------------------------------------------------------------------- scoring a window fast

class WindowScorer:
    """The role scores of every word of a cue's window without building its feature strings.

    :func:`features` builds 49 strings a word and looks each up twice; here each
    feature's weight comes from a table keyed by the values the string is made of,
    filled from the same strings (a closed set of values: on first use of a key) or,
    for the open-vocabulary ones (the word, the words before and after it), read
    from the weights file's own keys. The weights are then added in the order of
    :func:`features`, from zero, with the bias last, as :meth:`RoleModel.score` adds
    them: the same floats, bit for bit (``tests/provenance/test_scoring_same.py``).
    """

    def __init__(self, model: RoleModel):
        self.weights = (model.weights["source"], model.weights["content"])
        self.bias = (model.bias["source"], model.bias["content"])
        # Every key's beginnings up to a "|": a feature ``head + "|" + …`` can have a weight only when ``head``
        # is one of them, so the features that join a cue's words to the word's weigh nothing for most cues.
        self.heads = {key[:cut] for weights in self.weights for key in weights for cut, char in enumerate(key)
                      if char == "|"}
        self.sides = {}
        for side in ("L", "R"):
            s = f"s={side}|"
            self.sides[side] = {
                "s": s,
                "word": self._vocabulary(f"{s}w="), "previous": self._vocabulary(f"{s}p="),
                "following": self._vocabulary(f"{s}n="), "pair": self._pairs(f"{s}pw="),
                # Closed sets of values, filled on first use by the strings of :func:`features`.
                "prefix": {}, "shape": {}, "between": {}, "word_place": {}, "comma_quote": {},
                "cue_tags": {}, "cue_commas": {}, "cue_distance": {}, "cue_shape": {},
            }

    def _pair(self, strings: list[str]) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The weights of ``strings`` in the source and in the content model (0.0 for an unknown one)."""
        return tuple(tuple(weights.get(f, 0.0) for f in strings) for weights in self.weights)

    def _vocabulary(self, prefix: str) -> dict[str, tuple[float, float]]:
        """``value -> (source weight, content weight)`` of the features ``prefix + value`` (a value not in the
        table weighs 0.0 in both models: :func:`~analysis.provenance.cue_model.weights_by_value`)."""
        return _both([weights_by_value(weights, prefix) for weights in self.weights])

    def _pairs(self, prefix: str) -> dict[tuple[str, str], tuple[float, float]]:
        """``(a, b) -> weights`` of the features ``prefix + a + "|" + b``
        (:func:`~analysis.provenance.cue_model.weights_by_pair`)."""
        return _both([weights_by_pair(weights, prefix) for weights in self.weights])

    def scores(self, paragraph: Paragraph, first: int, last: int) -> tuple[list[int], list[float], list[float]]:
        """What :func:`score_roles` returns but the features: window word indices (the cue left out), source
        and content probabilities."""
        p = paragraph
        window_range = window(p, first, last)
        context = cue_context(p, first, last)
        indices, p_source, p_content = [], [], []
        bias_source, bias_content = self.bias
        exp = math.exp
        low, shape_of, sentence_of, quote_of = p.low, p.shape, p.sentence, p.quote
        for side, words in (("L", range(window_range.start, first)), ("R", range(last + 1, window_range.stop))):
            if not words:
                continue
            t = self.sides[side]
            s = t["s"]
            vocabulary, previous_of, following_of, pair_of = t["word"], t["previous"], t["following"], t["pair"]
            prefix_of, shape_table, between_of = t["prefix"], t["shape"], t["between"]
            word_place_of, comma_quote_of = t["word_place"], t["comma_quote"]
            c0, c1, c2 = s + context[0], s + context[1], s + context[2]
            # The cue's own features on this side, and those of its words combined with the word's (the tables
            # of a head no key begins with are never read: every such weight is 0.0).
            cue_source, cue_content = self._pair([s + c for c in context])
            c0_known, c1_known, c2_known = c0 in self.heads, c1 in self.heads, c2 in self.heads
            cue_tags, cue_commas, cue_distance, cue_shape = t["cue_tags"], t["cue_commas"], t["cue_distance"], t["cue_shape"]
            tags, cue_comma, distance, cue_shaped = _NO_WEIGHTS[6], _NO_WEIGHTS[1], _NO_WEIGHTS[1], _NO_WEIGHTS[1]
            anchor = first if side == "L" else last
            for i in words:
                if side == "L":
                    d, lo, hi = first - i, i + 1, first
                else:
                    d, lo, hi = i - last, last + 1, i
                sentence = sentence_of[i] - sentence_of[anchor]
                db = _BUCKETS[d] if d < _BUCKETED else _bucket(d)
                word = low[i]
                shape = shape_of[i]
                comma, that, quotes, clause, coord, cues, stops, lower_b = between_counts(p, lo, hi)
                q = quote_of[i]
                if q >= 0:
                    q_first, q_last = p.quote_bounds[q]
                    if q_first <= first and last <= q_last:
                        quote = "around"
                    elif side == "R" and q_first - last <= 3:
                        quote = "opens-after"
                    elif side == "L" and first - q_last <= 3:
                        quote = "closes-before"
                    else:
                        quote = "far"
                else:
                    quote = "no"
                previous = low[i - 1] if i > 0 else "<s>"
                following = low[i + 1] if i + 1 < p.n else "</s>"
                subject = int(p.before_verb[i])

                key = (db, sentence)
                prefix = prefix_of.get(key)
                if prefix is None:
                    strings = ["bias", f"s={side}", f"{s}d={db}", f"{s}sent={sentence}", f"{s}d={db}|sent={sentence}"]
                    prefix = prefix_of[key] = tuple(sum(weights) for weights in self._pair(strings))
                key = (shape, db)
                shaped = shape_table.get(key)
                if shaped is None:
                    shaped = shape_table[key] = self._pair([f"{s}shape={shape}", f"{s}d={db}|shape={shape}"])
                key = (comma, that, quotes, clause, coord, cues, stops, lower_b)
                between = between_of.get(key)
                if between is None:
                    between = between_of[key] = self._pair([
                        f"{s}comma={comma}", f"{s}that={that}", f"{s}quotes={quotes}", f"{s}clause={clause}",
                        f"{s}coord={coord}", f"{s}cues={cues}", f"{s}stops={stops}", f"{s}lower={lower_b}",
                        f"{s}comma={comma}|that={that}|cues={cues}"])
                position = p.position[i]
                position = _BUCKETS[position] if position < _BUCKETED else _bucket(position)
                cueword = int(p.cue_word[i])
                key = (lower_b, shape, quote, db, cueword, position, subject, sentence)
                word_place = word_place_of.get(key)
                if word_place is None:
                    word_place = word_place_of[key] = self._pair([
                        f"{s}lower={lower_b}|shape={shape}", f"{s}quote={quote}", f"{s}quote={quote}|d={db}",
                        f"{s}cueword={cueword}", f"{s}pos={position}", f"{s}subject={subject}|sent={sentence}",
                        f"{s}subject={subject}|shape={shape}|lower={lower_b}"])
                if c1_known:
                    key = (c1, comma, that, quotes, stops, cues, quote)
                    tags = cue_tags.get(key)
                    if tags is None:
                        tags = cue_tags[key] = self._pair([
                            f"{c1}|comma={comma}", f"{c1}|that={that}", f"{c1}|quotes={quotes}", f"{c1}|stops={stops}",
                            f"{c1}|cues={cues}", f"{c1}|quote={quote}"])
                key = (comma, db, lower_b, quote, shape, stops)
                comma_quote = comma_quote_of.get(key)
                if comma_quote is None:
                    comma_quote = comma_quote_of[key] = self._pair([
                        f"{s}comma={comma}|d={db}", f"{s}comma={comma}|lower={lower_b}", f"{s}quote={quote}|comma={comma}",
                        f"{s}comma={comma}|shape={shape}|d={db}", f"{s}stops={stops}|quote={quote}"])
                if c2_known:
                    key = (c2, comma, lower_b)
                    cue_comma = cue_commas.get(key)
                    if cue_comma is None:
                        cue_comma = cue_commas[key] = self._pair([f"{c2}|comma={comma}|lower={lower_b}"])
                    key = (c2, shape, db)
                    cue_shaped = cue_shape.get(key)
                    if cue_shaped is None:
                        cue_shaped = cue_shape[key] = self._pair([f"{c2}|shape={shape}|d={db}"])
                if c0_known:
                    key = (c0, db)
                    distance = cue_distance.get(key)
                    if distance is None:
                        distance = cue_distance[key] = self._pair([f"{c0}|d={db}"])
                w_word = vocabulary.get(word, _NO_WEIGHT)
                w_previous = previous_of.get(previous, _NO_WEIGHT)
                w_following = following_of.get(following, _NO_WEIGHT)
                w_pair = pair_of.get((previous, word), _NO_WEIGHT)
                # The 49 weights of :func:`features` in its order, from the sum of its first five.
                total_source = sum((w_word[0], *shaped[0], w_previous[0], w_following[0], w_pair[0], *between[0],
                                    *word_place[0], *tags[0], *comma_quote[0], *cue_comma[0], *cue_source, *distance[0],
                                    *cue_shaped[0]), prefix[0])
                total_content = sum((w_word[1], *shaped[1], w_previous[1], w_following[1], w_pair[1], *between[1],
                                     *word_place[1], *tags[1], *comma_quote[1], *cue_comma[1], *cue_content, *distance[1],
                                     *cue_shaped[1]), prefix[1])
                indices.append(i)
                # :func:`sigmoid` written out (two calls a word cost more than the arithmetic).
                p_source.append(1.0 / (1.0 + exp(-max(-30.0, min(30.0, bias_source + total_source)))))
                p_content.append(1.0 / (1.0 + exp(-max(-30.0, min(30.0, bias_content + total_content)))))
        return indices, p_source, p_content


_NO_WEIGHT = (0.0, 0.0)
_NO_WEIGHTS = {n: ((0.0,) * n, (0.0,) * n) for n in (1, 6)}


def _both(tables: list[dict]) -> dict:
    """One table of ``(source weight, content weight)`` from the source model's table and the content model's."""
    source, content = tables
    return {key: (source.get(key, 0.0), content.get(key, 0.0)) for key in source.keys() | content.keys()}


#: The scorers of the last few role models used (:func:`~analysis.provenance.cue_model.built_for`).
_SCORERS: list = []


def window_scorer(model: RoleModel) -> WindowScorer:
    """The :class:`WindowScorer` of ``model``, built once per model object (its tables are read from the weights)."""
    return built_for(_SCORERS, (model,), WindowScorer)


# --------------------------------------------------------------------------- decoding

@dataclass
class Roles:
    """The source and content of one cue: word index ranges (inclusive) or None, with probabilities and reasons."""

    source: tuple[int, int] | None
    content: tuple[int, int] | None
    source_probability: float
    content_probability: float
    source_reasons: str
    content_reasons: str
    content_words: set  # every word index scored as content (to see whether another cue lies inside it)
    content_of: dict  # word index -> its content probability, over the whole window


def score_roles(paragraph: Paragraph, first: int, last: int, model: RoleModel) -> tuple[list[int], list[float], list[float], list[list[str]]]:
    """Word indices of the cue's window (cue words left out) with their source and content probabilities and features.

    The reference that :class:`WindowScorer` (what :func:`decode` uses) is checked against: the same probabilities.
    """
    context = cue_context(paragraph, first, last)
    indices, p_source, p_content, feats = [], [], [], []
    for i in window(paragraph, first, last):
        if first <= i <= last:
            continue
        f = features(paragraph, i, first, last, context)
        indices.append(i)
        feats.append(f)
        p_source.append(sigmoid(model.score("source", f)))
        p_content.append(sigmoid(model.score("content", f)))
    return indices, p_source, p_content, feats


def _best_segment(indices: list[int], gains: list[float]) -> tuple[int, int] | None:
    """The run of consecutive word indices with the largest positive sum of gains (Kadane), shortest on ties."""
    best, best_sum = None, 0.0
    start, total, previous = None, 0.0, None
    for i, g in zip(indices, gains):
        if previous is not None and i != previous + 1:
            start, total = None, 0.0  # a gap in the window (the cue itself is bridged by a zero gain)
        previous = i
        if start is None or total <= 0:
            start, total = i, g
        else:
            total += g
        if total > best_sum + 1e-9:
            best, best_sum = (start, i), total
    return best


_PREPOSITIONS = {"on", "in", "at", "after", "before", "during", "since", "by", "for", "from", "with", "under", "over", "last",
                 "this", "earlier", "later"}


def _no_leading_phrase(paragraph: Paragraph, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A source does not open with "and" or with a prepositional phrase set off by a comma ("On Monday, the board")."""
    if span is None:
        return None
    while span[0] < span[1] and paragraph.low[span[0]] in _COORDINATORS:
        span = (span[0] + 1, span[1])
    if paragraph.low[span[0]] not in _PREPOSITIONS:
        return span
    comma = next((i for i in range(span[0], span[1]) if paragraph.low[i] == ","), None)
    return (comma + 1, span[1]) if comma is not None and comma + 1 <= span[1] else span


def _whole_name(paragraph: Paragraph, span: tuple[int, int] | None, first: int, last: int) -> tuple[int, int] | None:
    """A source never cuts a name: it takes the capitalised words right before and after it ("Barry Posen")."""
    if span is None:
        return None
    lo, hi = span
    if paragraph.shape[lo] in ("X", "XX"):
        while lo > 0 and paragraph.shape[lo - 1] in ("X", "XX") and paragraph.position[lo - 1] > 0 and lo - 1 != last:
            lo -= 1
    if paragraph.shape[hi] in ("X", "XX"):
        while hi + 1 < paragraph.n and paragraph.shape[hi + 1] in ("X", "XX") and hi + 1 != first:
            hi += 1
    return lo, hi


def _trim(paragraph: Paragraph, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A span without punctuation at its edges (quotation marks and brackets that close inside it stay)."""
    if span is None:
        return None
    lo, hi = span
    while lo <= hi and paragraph.shape[lo] in (",", ";", ":", "—", "–", "-", "."):
        lo += 1
    while hi >= lo and paragraph.shape[hi] in (",", ";", ":", "—", "–", "-"):
        hi -= 1
    return (lo, hi) if lo <= hi else None


def _nearest_segment(indices: list[int], gains: list[float], first: int, last: int) -> tuple[int, int] | None:
    """The positive-sum segment nearest the cue whose strongest word is sure (log-odds gain of at least
    :data:`SURE_GAIN`); the best segment of all when none is. Segments are found by :func:`_best_segment`
    on each side of every strongly negative word."""
    pieces, current = [], []
    for i, g in zip(indices, gains):
        if g <= -SPLIT_GAIN or (current and i != current[-1][0] + 1):
            if current:
                pieces.append(current)
            current = [] if g <= -SPLIT_GAIN else [(i, g)]
        else:
            current.append((i, g))
    if current:
        pieces.append(current)
    segments = []
    for piece in pieces:
        segment = _best_segment([i for i, _ in piece], [g for _, g in piece])
        if segment is not None:
            peak = max(g for i, g in piece if segment[0] <= i <= segment[1])
            segments.append((segment, peak))
    if not segments:
        return None
    sure = [seg for seg, peak in segments if peak >= SURE_GAIN]
    if not sure:
        return _best_segment(indices, gains)
    return min(sure, key=lambda seg: first - seg[1] if seg[1] < first else seg[0] - last)


_PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "who"}
_NOT_NAMES = {"yet", "but", "and", "so", "still", "however", "meanwhile", "instead", "then", "now", "also", "in", "on",
              "at", "for", "of", "the", "a", "an", "this", "that", "it", "there", "here", "when", "while", "after",
              "before", "as", "if", "although", "by", "with", "from", "to", "into", "during", "under", "over", "among",
              "through", "about", "against", "between", "without", "within", "across", "along", "such", "these",
              "those", "its", "their", "his", "her"}


def _names_someone(paragraph: Paragraph, span: tuple[int, int]) -> bool:
    """Whether a run opens with no lower-case preposition ("of Independent States") and holds a personal pronoun
    or a capitalised word that is neither a sentence-opening function word ("By", "Yet") nor a verb form
    ("Promoting such a peace")."""
    if paragraph.shape[span[0]] == "x" and paragraph.low[span[0]] in _NOT_NAMES:
        return False
    return any(paragraph.low[i] in _PERSONAL_PRONOUNS
               or (paragraph.shape[i] in ("X", "XX") and paragraph.low[i] not in _NOT_NAMES
                   and not paragraph.low[i].endswith(("ing", "ed")))
               for i in range(span[0], span[1] + 1))


#: A word this far below the threshold (in log-odds) splits two candidate sources.
SPLIT_GAIN = 3.0
#: A candidate source needs one word this far above the threshold (in log-odds).
SURE_GAIN = 1.5
#: When no run reaches the source threshold, a run before the cue in its sentence that holds a name or a personal
#: pronoun may reach this lower bar instead (chosen on the check part of PolNeAR train among 0.005, 0.02, 0.05,
#: 0.1 and 0.15; None turns it off).
FALLBACK_SOURCE_THRESHOLD: float | None = 0.15


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def decode(paragraph: Paragraph, first: int, last: int, model: RoleModel,
           scores: tuple[list[int], list[float], list[float]] | None = None) -> Roles:
    """The source span and the content span of the cue on words ``first .. last``.

    Each is the run of words whose log-odds above the role's threshold sum highest
    (so one unsure word inside a name or a clause does not split it). For the
    content, the cue's own words and the words likely to be its source count zero,
    so an interrupted quotation ("“…,” she said, “…”") is one content when both
    parts are strong. The source is then the best run outside the content's words.
    ``scores`` are the window's, when the caller has them already (:meth:`WindowScorer.scores`).
    """
    indices, p_source, p_content = scores or window_scorer(model).scores(paragraph, first, last)
    by_index = {i: k for k, i in enumerate(indices)}
    t_source, t_content = _logit(model.threshold["source"]), _logit(model.threshold["content"])
    # A source never runs over another cue candidate ("the board said …, and analysts suggest").
    strong = [p >= STRONG_CUE for p in paragraph.cue_probability]
    source_gain = [_logit(p) - t_source if not strong[i] else -10.0 for i, p in zip(indices, p_source)]
    order = sorted(set(indices) | set(range(first, last + 1)))
    content_gain = []
    for i in order:
        k = by_index.get(i)
        if k is None or (source_gain[k] > 0 and p_source[k] > p_content[k]):
            content_gain.append(0.0)  # the cue itself, or a word likelier the source: bridged, never taken
        else:
            gain = _logit(p_content[k]) - t_content
            if gain < 0 and paragraph.shape[i] in (",", ";", ":", "—", "–", "-"):
                gain = 0.0  # punctuation between two parts of one content does not split it
            content_gain.append(gain)
    content = _best_segment(order, content_gain)
    if content is not None and content[0] < first and content[1] > last:
        # Both sides of the cue: one content only when both parts are quoted ("“…,” she said, “…”");
        # otherwise the side that weighs more.
        left = [i for i in range(content[0], first) if i in by_index]
        right = [i for i in range(last + 1, content[1] + 1) if i in by_index]
        quoted = [any(paragraph.quote[i] >= 0 for i in part) for part in (left, right)]
        if not all(quoted):
            gain = {i: g for i, g in zip(order, content_gain)}
            left_part = _best_segment(left, [gain[i] for i in left])
            right_part = _best_segment(right, [gain[i] for i in right])

            def total(part):
                return sum(gain[i] for i in range(part[0], part[1] + 1)) if part else float("-inf")

            content = left_part if total(left_part) >= total(right_part) else right_part
    if content is not None and all(first <= i <= last or by_index.get(i) is None for i in range(content[0], content[1] + 1)):
        content = None
    content_words = set(range(content[0], content[1] + 1)) if content else set()
    outside = [(i, g) for i, g in zip(indices, source_gain)
               if i not in content_words or p_source[by_index[i]] > p_content[by_index[i]]]
    source = _nearest_segment([i for i, _ in outside], [g for _, g in outside], first, last)
    fallback = False
    if source is None and FALLBACK_SOURCE_THRESHOLD is not None:
        # No sure source: a run before the cue in its sentence whose words clear a lower bar, chosen as
        # :func:`_nearest_segment` chooses ("the government in Lisbon has firmly denied …").
        t_low = _logit(FALLBACK_SOURCE_THRESHOLD)
        before = [(i, _logit(p) - t_low if not strong[i] else -10.0) for i, p in zip(indices, p_source)
                  if i < first and paragraph.sentence[i] == paragraph.sentence[first] and i not in content_words]
        source = _nearest_segment([i for i, _ in before], [g for _, g in before], first, last) if before else None
        if source is not None and not _names_someone(paragraph, source):
            source = None  # an unsure run with no name or pronoun in it ("in addition", "between") is no source
        fallback = source is not None
    source = _whole_name(paragraph, _no_leading_phrase(paragraph, _trim(paragraph, source)), first, last)
    if source is not None and source[0] > last:
        # After the cue ("…, said Rep. Ann Lee, who …", "as stated by X, constructive"): the source ends at a comma.
        comma = next((i for i in range(source[0] + 1, source[1] + 1) if paragraph.low[i] == ","), None)
        if comma is not None:
            source = (source[0], comma - 1)
    content = _trim(paragraph, content)
    if content is not None and source is not None and content[0] < source[0] and source[1] < content[1]:
        pass  # a source inside an interrupted quotation: the content keeps both parts
    if content is not None:
        content_words = {i for i in content_words if i in by_index and p_content[by_index[i]] >= model.threshold["content"]}

    def strength(span, probabilities):
        if span is None:
            return 0.0
        values = [probabilities[by_index[i]] for i in range(span[0], span[1] + 1) if i in by_index]
        return max(values) if values else 0.0

    def why(span, role, probabilities):
        if span is None:
            return ""
        k = max((by_index[i] for i in range(span[0], span[1] + 1) if i in by_index), key=lambda k: probabilities[k])
        # The feature strings of the one word that explains the span (scoring did not build them).
        return model.reasons(role, features(paragraph, indices[k], first, last, cue_context(paragraph, first, last)))

    source_reasons = why(source, "source", p_source)
    if fallback and source is not None:
        source_reasons += f"; below the source threshold, a run before the cue at p >= {FALLBACK_SOURCE_THRESHOLD}"
    return Roles(source, content, strength(source, p_source), strength(content, p_content),
                 source_reasons, why(content, "content", p_content), content_words,
                 dict(zip(indices, p_content)))


def paragraph(region: str, quotes: list[tuple[int, int]], cue_runs: list[tuple]) -> Paragraph:
    """The :class:`Paragraph` of a body segment, its quotations and its cue candidates.

    ``cue_runs`` are ``(start, end)`` or ``(start, end, probability)`` character spans of cue candidates
    (:func:`analysis.provenance.cue_model.cue_spans`).
    """
    from analysis.corpus.sentences import split_text
    from analysis.provenance import cue_model

    words = cue_model.tokens(region)
    starts, ends = [s for s, _, _ in words], [e for _, e, _ in words]
    # Each word's flag and the largest probability of the runs touching it (0.0 for none), run by run over the
    # words each touches (one run of indices: starts and ends both rise).
    flags, probabilities = [False] * len(words), [0.0] * len(words)
    for run in cue_runs:
        run_start, run_end, p = run[0], run[1], run[2] if len(run) > 2 else 1.0
        for i in range(bisect_right(ends, run_start), bisect_left(starts, run_end)):
            probabilities[i] = max(probabilities[i], p) if flags[i] else p
            flags[i] = True
    return Paragraph(words, split_text(region), quotes, flags, probabilities)


def word_range(paragraph: Paragraph, start: int, end: int) -> tuple[int, int] | None:
    """First and last word index overlapping characters ``start .. end`` of the paragraph, or None."""
    lo, hi = bisect_right(paragraph.ends, start), bisect_left(paragraph.starts, end)
    return (lo, hi - 1) if lo < hi else None
