"""Stance toward a target: the sentiment a sentence expresses toward one named actor.

A sentence can praise one actor and condemn another ("Pence deftly ignored
Kaine's immature invective"), so its overall tone is not the tone toward each
actor it names. The stance toward a *target* (the character spans that name it
in the sentence) is read from the words that concern it:

* the words of its own clause (clauses split at punctuation, quotation marks
  and clause-linking words such as *but*, *while*, *because*),
* the words just before and after it (what it does, what is done to it, its
  title or epithet),
* the words that are closer to another named actor than to it (counted apart,
  so they do not simply count for it),
* the valence of those words in VADER's lexicon (Hutto & Gilbert 2014), flipped
  after a negation,
* its role: the speaker of a report ("X said", "according to X"), inside or
  outside a quotation, clause-initial (a grammatical subject).
* what it has, does and undergoes, read from part-of-speech tags (no parser
  installs offline): the noun phrase it possesses ("X's aggression", ``poss:``),
  the verb it is the subject of and that verb's object ("X threatened
  sanctions", ``pred:``), the verb or head noun of which it is the object
  ("condemned X", "sanctions against X", "X was criticised", ``patient:``),
  each with the VADER valence of those words.

The words and the roles are features of a multinomial logistic regression
trained on NewsMTSC (Hamborg & Donnay 2021, ``../shared/data/newsmtsc``) by
``python -m analysis.evaluate newsmtsc-train``; its weights are the JSON file
:data:`MODEL_FILE`, read offline. The model is linear, so every decision splits
exactly into the contributions of its features, and each feature belongs to a
word of the sentence (or to a role): :func:`predict` returns the words that moved
the score, with their share of it.

``stance`` is ``p(positive) − p(negative)``, from −1 to +1; ``label`` is the most
probable of ``negative``, ``neutral``, ``positive`` after the class offsets chosen
in training. ``docs/tone.md`` describes the model and its evaluation.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.config import PACKAGE_DATA_DIR

MODEL_FILE = PACKAGE_DATA_DIR / "stance_model.json"
#: Bumped whenever the features change; a model file of another version is refused.
FEATURE_VERSION = 2
CLASSES = ("negative", "neutral", "positive")
RETRAIN_COMMAND = "python -m analysis.evaluate newsmtsc-train"

_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*|[’']s\b|n[’']t\b|[^\w\s]")
#: Punctuation that ends a clause for the purpose of scoping words to a target.
CLAUSE_PUNCTUATION = frozenset(",;:—–()[]?!")
QUOTE_MARKS = frozenset('"“”')
#: Words that start a new clause (coordinating and subordinating conjunctions).
CLAUSE_WORDS = frozenset("but while although though whereas because after before when since unless however yet and as if so".split())
#: Negators (VADER's list, abridged to the forms this tokeniser produces); they flip the next three words' valence.
NEGATORS = frozenset(
    "not no never nor without neither nobody nothing none nowhere hardly barely cannot n't "
    "dont didnt doesnt isnt wasnt wont wouldnt couldnt shouldnt arent werent aint".split()
)
#: VADER's own damping of a negated word (vaderSentiment: N_SCALAR).
NEGATION_SCALAR = -0.74
#: Reporting words after or before a name that make it the speaker.
SPEAKER_WORDS = frozenset("said says say told tells added adds stated states wrote writes tweeted claimed claims argued argues insisted insists".split())
_OTHER = "<other>"
#: The feature families read from the target's grammatical neighbourhood (see :func:`structure_features`).
STRUCTURE_FAMILIES = ("poss", "pred", "patient")
#: Possessive pronouns that stand for their referent the way "X's" does.
POSSESSIVE_PRONOUNS = frozenset("his her its their".split())
#: Forms of *be*, *have* and *do*: auxiliaries skipped on the way to the main verb.
BE_FORMS = frozenset("be is are was were been being 's 're 'm am".split())
AUXILIARIES = BE_FORMS | frozenset("have has had having do does did 've 'd".split())
#: Part-of-speech tags (Penn Treebank) that continue a noun phrase after a possessive.
_NOUN_PHRASE_TAGS = ("NN", "JJ", "VBG", "CD", "RB")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    norm: str


def tokenize(text: str) -> list[Token]:
    """Word and punctuation tokens with offsets into ``text``, lower-cased, curly apostrophes made straight."""
    return [Token(start, end, norm) for start, end, norm in _tokens(text)]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    # tokenize() as plain tuples: the features of every mention read them.
    return [(*m.span(), m.group().lower().replace("’", "'")) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


def _covered(tokens: list[tuple[int, int, str]], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Per token, whether it overlaps one of ``spans`` (tokens are in order and do not overlap)."""
    flags = [False] * len(tokens)
    if spans:
        starts = [token[0] for token in tokens]
        ends = [token[1] for token in tokens]
        for start, end in spans:
            # The tokens that end after the span starts and start before it ends.
            for i in range(bisect_right(ends, start), bisect_left(starts, end)):
                flags[i] = True
    return flags


def _quoted(norms: list[str]) -> list[bool]:
    inside, state = [], False
    for norm in norms:
        if norm in QUOTE_MARKS:
            state = True if norm == "“" else False if norm == "”" else not state
        inside.append(state)
    return inside


_CLAUSE_STARTS = CLAUSE_PUNCTUATION | QUOTE_MARKS | CLAUSE_WORDS


def _clauses(norms: list[str]) -> list[int]:
    ids, clause = [], 0
    for norm in norms:
        if norm in _CLAUSE_STARTS:
            clause += 1
        ids.append(clause)
    return ids


def _distances_to(positions: list[int], n: int) -> list[int]:
    """For each of ``n`` token indexes, how far the nearest of ``positions`` (sorted) is; ``n + 1`` when there is none."""
    if not positions:
        return [n + 1] * n
    distances, k, last = [], 0, len(positions) - 1
    for i in range(n):
        while k < last and positions[k + 1] <= i:
            k += 1
        nearest = abs(i - positions[k])
        if k < last and positions[k + 1] - i < nearest:
            nearest = positions[k + 1] - i
        distances.append(nearest)
    return distances


def features(text: str, target: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]] = (),
             window: int = 4, families: Sequence[str] = STRUCTURE_FAMILIES) -> tuple[dict[str, float], list[tuple[str, int, float]]]:
    """The features of one target in one sentence, and which token each comes from.

    Parameters
    ----------
    text : str
        The sentence.
    target : sequence of (start, end)
        Offsets into ``text`` of every mention of the target (a name and the
        pronouns that refer to it).
    others : sequence of (start, end)
        Offsets of the other actors the sentence names.
    window : int
        How many tokens on each side count as "next to" the target.
    families : sequence of str
        Which of :data:`STRUCTURE_FAMILIES` to add (:func:`structure_features`).

    Returns
    -------
    (features, evidence)
        ``features`` maps a feature name to its value; ``evidence`` lists
        ``(feature, token index, value)`` for every part of a feature that comes
        from one token (role features come from no token and are not listed), so
        that a feature's value is the sum of its evidence values.

    Raises
    ------
    ValueError
        When no token of ``text`` lies inside the target spans.
    """
    return _features(_tokens(text), text, target, others, window, families)


def _features(tokens: list[tuple[int, int, str]], text: str, target: Sequence[tuple[int, int]],
              others: Sequence[tuple[int, int]], window: int,
              families: Sequence[str] = STRUCTURE_FAMILIES) -> tuple[dict[str, float], list[tuple[str, int, float]]]:
    # features() on the tokens of text. Features are added in one fixed order: the model's
    # scores sum them in that order, so the same sentence always gets the same probabilities.
    n = len(tokens)
    is_target = _covered(tokens, target)
    is_other = _covered(tokens, others) if others else [False] * n
    positions = [i for i, flag in enumerate(is_target) if flag]
    if not positions:
        raise ValueError(f"the target spans {list(target)} cover no word of the sentence {text[:80]!r}")
    other_positions = [i for i, flag in enumerate(is_other) if flag and not is_target[i]]
    first, last = positions[0], positions[-1]
    words = [token[2] for token in tokens]
    quoted, clause = _quoted(words), _clauses(words)
    target_clauses = {clause[i] for i in positions}
    valence = _vader_lexicon()
    negated = [False] * n
    for i, word in enumerate(words):
        if word in NEGATORS or word.endswith("n't"):
            for j in range(i + 1, min(n, i + 4)):
                negated[j] = True
    to_others = _distances_to(other_positions, n)

    found: dict[str, float] = {}
    evidence: list[tuple[str, int, float]] = []
    get = found.get

    def add(name: str, value: float = 1.0, index: int | None = None) -> None:
        found[name] = get(name, 0.0) + value
        if index is not None:
            evidence.append((name, index, value))

    sums: dict[str, list[tuple[int, float]]] = {"clause": [], "near": [], "sentence": [], "other": []}
    clause_sums, near_sums, sentence_sums, other_sums = sums["clause"], sums["near"], sums["sentence"], sums["other"]
    for i, norm in enumerate(words):
        if is_target[i] or (is_other[i] and i and is_other[i - 1]):
            continue
        word = _OTHER if is_other[i] else norm
        before = i < first
        distance = first - i if before else i - last
        in_clause = clause[i] in target_clauses
        closer_to_other = to_others[i] < distance
        for name in ("word:" + word,
                     (("left:" if before else "right:") + word) if distance <= window else None,
                     ("clause:" + word) if in_clause else None,
                     ("other:" + word) if closer_to_other else None):
            if name is not None:
                found[name] = get(name, 0.0) + 1.0
                evidence.append((name, i, 1.0))
        value = valence.get(norm, 0.0)
        if value and not is_other[i]:
            value = NEGATION_SCALAR * value if negated[i] else value
            sentence_sums.append((i, value))
            if in_clause:
                clause_sums.append((i, value))
            if distance <= window:
                near_sums.append((i, value))
            if closer_to_other:
                other_sums.append((i, value))
    for i in range(n - 1):
        if not (is_target[i] or is_target[i + 1]):
            a = _OTHER if is_other[i] else words[i]
            b = _OTHER if is_other[i + 1] else words[i + 1]
            name = f"bigram:{a} {b}"
            found[name] = get(name, 0.0) + 1.0
            evidence.append((name, i, 1.0))
    for name, index, value in _valence_features(sums):
        add(name, value, index)

    if families:
        for name, index, value in _structure(text, tokens, words, is_target, is_other, negated, positions, families):
            add(name, value, index)

    if first == 0 or words[first - 1] in CLAUSE_PUNCTUATION or words[first - 1] in QUOTE_MARKS:
        add("role:clause_initial")
    after = words[last + 1:last + 3]
    before = words[max(0, first - 2):first]
    if any(word in SPEAKER_WORDS for word in after) or (before and before[-1] in SPEAKER_WORDS) or before == ["according", "to"]:
        add("role:speaker")
    if any(quoted[i] for i in positions):
        add("role:in_quotation")
    elif any(quoted):
        add("role:outside_quotation")
    if other_positions:
        add("role:several_actors")
        if other_positions[0] < first:
            add("role:other_before")
        if other_positions[-1] > last:
            add("role:other_after")
    add("role:bias")
    return found, evidence


# --------------------------------------------------------------------------- grammatical neighbourhood


@lru_cache(maxsize=1)
def _tagger():
    """TextBlob's bundled Brill-style tagger (pattern.en's lexicon and rules), built as ``textblob.en`` builds it.

    Its module ``textblob/_text.py`` needs only the standard library, but importing it through the
    ``textblob`` package runs the package's ``__init__``, which imports NLTK: 1.1-1.4 s of CPU and
    about 90 MB in every process that scores a mention. So the module is loaded from its file under a
    private name; ``tests/readability_tone/test_stance.py`` checks its tags against ``textblob.en.parser``.
    """
    spec = importlib.util.find_spec("textblob")  # locates the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob is not installed: run `make env` (it is pinned in requirements.lock)")
    root = Path(spec.submodule_search_locations[0])
    text_spec = importlib.util.spec_from_file_location("_stance_textblob_text", root / "_text.py")
    module = importlib.util.module_from_spec(text_spec)
    text_spec.loader.exec_module(module)
    en = root / "en"
    lexicon = module.Lexicon(path=str(en / "en-lexicon.txt"), morphology=str(en / "en-morphology.txt"),
                             context=str(en / "en-context.txt"), entities=str(en / "en-entities.txt"), language="en")
    parser = module.Parser(lexicon=lexicon, default=("NN", "NNP", "CD"), language="en")
    return lambda words: module.Parser.find_tags(parser, words, map=lambda token, tag: (token, tag))


@lru_cache(maxsize=512)
def _pos_tags(words: tuple[str, ...]) -> tuple[str, ...]:
    """Penn Treebank part-of-speech tags of ``words`` (as written), by the rule-based tagger bundled with TextBlob (offline)."""
    return tuple(tag for _, tag in _tagger()(list(words)))


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Consecutive token indexes grouped into (first, last) runs: one per mention."""
    runs: list[tuple[int, int]] = []
    for i in positions:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _is_possessive(words: list[str], tags: Sequence[str], first: int, last: int) -> bool:
    """Whether the mention at tokens ``first..last`` is a possessor: "X's", "Democrats'", "his"."""
    after = last + 1
    # "X's" is one token unless the name ends the span before it ("the U.S.'s").
    return (words[last].endswith("'s") or (after < len(words) and words[after] == "'s")
            or (after < len(words) and words[after] == "'" and words[last].endswith("s"))
            or (first == last and words[first] in POSSESSIVE_PRONOUNS and tags[first] == "PRP$"))


def _is_verb(tag: str, word: str) -> bool:
    return tag.startswith("VB") and word not in AUXILIARIES


def _structure(text: str, tokens: list[tuple[int, int, str]], words: list[str], is_target: list[bool],
               is_other: list[bool], negated: list[bool], positions: list[int],
               families: Sequence[str]) -> list[tuple[str, int, float]]:
    """``(feature, token index, value)`` of the structure ``families`` for the target at token ``positions``.

    ``poss:`` the words of the noun phrase the target possesses ("X's aggression",
    "his bullying"); ``pred:`` the main verb whose subject the target is ("X
    threatened", "X has repeatedly denied"; a copula's complement, "X is corrupt")
    and ``pred_obj:`` that verb's object words; ``patient:`` what is done to the
    target: the verb whose object it is ("condemned X"), the passive verb it is
    subject of ("X was criticised"), the head before a preposition it follows
    ("sanctions against X") with the preposition as ``patient_prep:``. The agent
    of a passive ("criticised by X") counts as its subject. ``valence±:<family>``
    sums the VADER valences of each family's words (flipped after a negation).
    Part-of-speech tags (the Brill-style tagger TextBlob bundles, read offline)
    approximate the grammar: no dependency parser installs offline. Every
    feature comes from one token, so the evidence of a decision names its words.
    """
    n = len(words)
    tags = _pos_tags(tuple(text[start:end] for start, end, _ in tokens))
    valence = _vader_lexicon()
    out: list[tuple[str, int, float]] = []
    scores: dict[str, list[tuple[int, float]]] = {family: [] for family in families}

    def word_at(i: int) -> str:
        return _OTHER if is_other[i] else words[i]

    def emit(family: str, prefix: str, i: int) -> None:
        if is_target[i]:
            return
        out.append((f"{prefix}:{word_at(i)}", i, 1.0))
        value = 0.0 if is_other[i] else valence.get(words[i], 0.0)
        if value:
            scores[family].append((i, NEGATION_SCALAR * value if negated[i] else value))

    def object_words(j: int, family: str, prefix: str) -> None:
        # The noun phrase from j: determiners and numbers skipped, up to four content words.
        taken = 0
        while j < n and taken < 4 and not is_target[j]:
            tag = tags[j]
            if tag in ("DT", "PRP$", "CD", "POS") or words[j] == "'s":
                j += 1
                continue
            if not tag.startswith(_NOUN_PHRASE_TAGS) or is_other[j]:
                break
            emit(family, prefix, j)
            taken += 1
            j += 1

    for first, last in _runs(positions):
        after = last + 1
        before = first - 1
        if _is_possessive(words, tags, first, last):
            if "poss" in families:
                object_words(after + 1 if after < n and words[after] in ("'s", "'") else after, "poss", "poss")
            continue
        object_of_preposition = before >= 0 and tags[before] in ("IN", "TO")
        if not object_of_preposition:
            # Subject: adverbs, modals and auxiliaries skipped to the main verb.
            j, saw_be = after, False
            while j < n and (tags[j] in ("RB", "MD") or (tags[j].startswith("VB") and words[j] in AUXILIARIES)):
                saw_be = saw_be or words[j] in BE_FORMS
                j += 1
            if j < n and not is_other[j] and not is_target[j]:
                if _is_verb(tags[j], words[j]):
                    # The tagger often reads a passive participle as a past tense after "was".
                    if saw_be and tags[j] in ("VBN", "VBD"):
                        if "patient" in families:
                            emit("patient", "patient", j)
                    elif "pred" in families:
                        emit("pred", "pred", j)
                        object_words(j + 1, "pred", "pred_obj")
                elif saw_be and tags[j].startswith(("JJ", "NN", "DT")) and "pred" in families:
                    object_words(j, "pred", "pred")
        if before >= 0 and not is_target[before]:
            if tags[before] in ("IN", "TO"):
                head = before - 1
                if words[before] == "by" and head >= 0 and tags[head] in ("VBN", "VBD"):
                    if "pred" in families:
                        emit("pred", "pred", head)
                elif "patient" in families:
                    out.append((f"patient_prep:{words[before]}", before, 1.0))
                    if head >= 0 and not is_target[head] and tags[head].startswith(("NN", "VB", "JJ")) and words[head] not in AUXILIARIES:
                        emit("patient", "patient", head)
            else:
                # Direct object: a main verb, then at most a determiner or two adjectives.
                j = before
                while j >= 0 and before - j < 3 and tags[j] in ("DT", "JJ", "PRP$") and not is_other[j]:
                    j -= 1
                if j >= 0 and not is_target[j] and _is_verb(tags[j], words[j]) and "patient" in families:
                    emit("patient", "patient", j)
    out.extend(_valence_features(scores))
    return out


def _valence_features(scopes: dict[str, list[tuple[int, float]]]) -> list[tuple[str, int, float]]:
    """``(valence±:<scope>, token index, value)`` for each scope's VADER valences: the feature is named by the
    sign of the scope's sum, and each word adds its valence in that direction."""
    out: list[tuple[str, int, float]] = []
    for scope, parts in scopes.items():
        total = sum(value for _, value in parts)
        if total:
            # VADER valences run from -4 to +4; a quarter puts one strong word near 1.
            sign = 1.0 if total > 0 else -1.0
            name = f"valence{'+' if sign > 0 else '-'}:{scope}"
            out.extend((name, index, sign * value / 4) for index, value in parts)
    return out


# --------------------------------------------------------------------------- the model


class ModelFileError(RuntimeError):
    """The stance model file is missing or was written for other features."""


@dataclass(frozen=True)
class StanceModel:
    """Weights of the linear model: ``weights[feature]`` is one weight per class of :data:`CLASSES`."""

    weights: dict[str, tuple[float, float, float]]
    intercept: tuple[float, float, float]
    offsets: tuple[float, float, float]
    window: int
    info: dict


@dataclass(frozen=True)
class Stance:
    """One decision: the class probabilities, the label, the stance and the words behind it.

    ``evidence`` lists ``(start, end, word, contribution)`` with offsets into the
    sentence, largest contribution to ``stance`` first (positive pushes toward
    positive); ``roles`` the role features that fired.
    """

    probabilities: tuple[float, float, float]
    label: str
    stance: float
    evidence: tuple[tuple[int, int, str, float], ...]
    roles: tuple[str, ...]


def load_model(path: Path | str | None = None) -> StanceModel:
    """Read a stance model file (default :data:`MODEL_FILE`).

    Raises
    ------
    ModelFileError
        Naming the file and the command that rebuilds it, when it is missing,
        not JSON, or of another feature version.
    """
    path = Path(path) if path is not None else MODEL_FILE
    return _load_model(str(path))


@lru_cache(maxsize=4)
def _load_model(path: str) -> StanceModel:
    rebuild = f"rebuild it with `{RETRAIN_COMMAND}`"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{path}: stance model file not found; {rebuild}") from None
    except json.JSONDecodeError as error:
        raise ModelFileError(f"{path}: not a stance model ({error}); {rebuild}") from None
    if data.get("feature_version") != FEATURE_VERSION or list(data.get("classes", [])) != list(CLASSES):
        raise ModelFileError(
            f"{path}: written for feature version {data.get('feature_version')!r}, this code reads version "
            f"{FEATURE_VERSION}; {rebuild}"
        )
    weights = {name: tuple(values) for name, values in data["weights"].items()}
    return StanceModel(weights, tuple(data["intercept"]), tuple(data.get("offsets", (0.0, 0.0, 0.0))),
                       int(data["window"]), {k: v for k, v in data.items() if k not in ("weights",)})


def _softmax(scores: Sequence[float]) -> tuple[float, float, float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return tuple(e / total for e in exps)


def predict(text: str, target: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]] = (),
            model: StanceModel | None = None, top: int = 4) -> Stance:
    """The stance of ``text`` toward the target at ``target`` (offsets into ``text``).

    Parameters
    ----------
    text, target, others
        As :func:`features`.
    model : StanceModel, optional
        Default :func:`load_model`.
    top : int
        How many words of evidence to keep.

    Returns
    -------
    Stance
        ``evidence`` holds the ``top`` words whose features moved ``p(positive) −
        p(negative)`` the most, each with its contribution to the log-odds of
        positive against negative (``w_positive − w_negative`` times the value).
    """
    return _predict(_tokens(text), text, target, others, model or load_model(), top)


def predict_targets(text: str, targets: Sequence[tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]]],
                    model: StanceModel | None = None, top: int = 4) -> list[Stance]:
    """:func:`predict` for several targets of one sentence, given as ``(target, others)`` pairs; the sentence is tokenised once.

    A target whose spans cover no word of the sentence gets :func:`neutral` with
    the reason ``"no word of the mention in its sentence"`` instead of an error.
    """
    model = model or load_model()
    tokens = _tokens(text)
    decided = []
    for target, others in targets:
        try:
            decided.append(_predict(tokens, text, target, others, model, top))
        except ValueError:
            decided.append(neutral("no word of the mention in its sentence"))
    return decided


def _predict(tokens: list[tuple[int, int, str]], text: str, target: Sequence[tuple[int, int]],
             others: Sequence[tuple[int, int]], model: StanceModel, top: int) -> Stance:
    found, evidence = _features(tokens, text, target, others, model.window)
    weights = model.weights
    negative, neutral_, positive = model.intercept
    for name, value in found.items():
        weight = weights.get(name)
        if weight:
            negative += weight[0] * value
            neutral_ += weight[1] * value
            positive += weight[2] * value
    probabilities = _softmax([negative, neutral_, positive])
    shifted = [math.log(max(p, 1e-12)) + offset for p, offset in zip(probabilities, model.offsets)]
    label = CLASSES[max(range(3), key=shifted.__getitem__)]
    per_token: dict[int, float] = {}
    for name, index, value in evidence:
        weight = weights.get(name)
        if weight:
            per_token[index] = per_token.get(index, 0.0) + value * (weight[2] - weight[0])
    ranked = sorted((item for item in per_token.items() if abs(item[1]) >= 0.05), key=lambda item: -abs(item[1]))[:top]
    words = tuple((tokens[i][0], tokens[i][1], text[tokens[i][0]:tokens[i][1]], round(c, 3)) for i, c in ranked)
    # _features adds the role features last, so they close the insertion order of ``found``.
    roles = []
    for name in reversed(found):
        if not name.startswith("role:"):
            break
        if name != "role:bias":
            roles.append(name[5:])
    return Stance(probabilities, label, probabilities[2] - probabilities[0], words, tuple(reversed(roles)))


def neutral(reason: str) -> Stance:
    """The stance reported when no decision can be made (no word of the sentence is the target): neutral, with why."""
    return Stance((0.0, 1.0, 0.0), "neutral", 0.0, (), (reason,))


def format_evidence(evidence: Sequence[tuple[int, int, str, float]]) -> str:
    """``"condemned −1.20; welcomed +0.40"``: the evidence words with their contributions."""
    return "; ".join(f"{word} {format(value, '+.2f').replace('-', '−')}" for _, _, word, value in evidence)
