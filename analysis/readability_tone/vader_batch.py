"""VADER sentence scores, identical to vaderSentiment's, at corpus speed.

``SentimentIntensityAnalyzer.polarity_scores`` (vaderSentiment 3.3.2, Hutto &
Gilbert 2014) spends most of its time on bookkeeping rather than on its rules: it
rebuilds the text character by character to replace emoji, and for every
sentiment word it lower-cases the whole sentence again, up to five times
(negation and idiom checks). :func:`polarity_scores` applies **the same rules in
the same order, with the same arithmetic**, but lower-cases each sentence once,
skips the emoji pass when the text has no emoji, and tests negation words with a
set. It uses VADER's own lexicon, booster list and constants (imported from the
package, never copied), and hands every rarely used or order-sensitive step back
to VADER's own code: the emoji rewrite, the contrastive "but" rule and the final
scoring. Equality is tested on every sentence of the seeds and of the BBC corpus
(``tests/readability_tone/test_vader_batch.py``).

:func:`vader_scores` is a drop-in for :func:`analysis.readability_tone.tone.vader_scores`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from types import ModuleType

import pandas as pd

VADER_COLUMNS = ["compound", "neg", "neu", "pos"]


@dataclass(frozen=True)
class _Rules:
    """VADER's analyzer and its rule tables, with the lookups this module needs."""

    vs: ModuleType
    analyzer: object
    lexicon: dict[str, float]
    boosters: dict[str, float]
    special_cases: dict[str, float]
    negations: frozenset[str]
    emoji: frozenset[str]
    idiom_ends: frozenset[str]
    idiom_edges: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """VADER's analyzer and rule tables (loaded once per process)."""
    from vaderSentiment import vaderSentiment as vs

    analyzer = vs.SentimentIntensityAnalyzer()
    # polarity_scores tests one character at a time, so only one-character emoji can match.
    emoji = frozenset(key for key in analyzer.emojis if len(key) == 1)
    if any(character.isascii() for character in emoji):
        raise RuntimeError("vader_batch assumes VADER's emoji are not ASCII; check the vaderSentiment version")
    # The idiom check compares word sequences ending at the sentiment word i, at
    # i - 1 or at i - 2 with the special cases and multi-word boosters, and
    # sequences starting at i; none can match unless one of those words is the
    # last (or, at i, the first) word of such a phrase.
    phrases = [phrase.split(" ") for phrase in list(vs.SPECIAL_CASES) + list(vs.BOOSTER_DICT) if " " in phrase]
    last_words = frozenset(words[-1] for words in phrases)
    first_words = frozenset(words[0] for words in phrases)
    return _Rules(vs, analyzer, analyzer.lexicon, vs.BOOSTER_DICT, vs.SPECIAL_CASES, frozenset(vs.NEGATE), emoji,
                  last_words, last_words | first_words)


#: Tokens already stripped (VADER's ``_strip_punc_if_word`` of each token seen);
#: emptied when it reaches :data:`TOKEN_CACHE_SIZE` entries.
_STRIPPED: dict[str, str] = {}
TOKEN_CACHE_SIZE = 1 << 20


def strip_punctuation(tokens: list[str]) -> list[str]:
    """VADER's ``SentiText._strip_punc_if_word`` of each token, cached (tokens recur across sentences)."""
    words = list(map(_STRIPPED.get, tokens))
    # Stripped tokens are never empty, so a falsy entry is a token not seen before.
    if not all(words):
        from vaderSentiment.vaderSentiment import SentiText

        if len(_STRIPPED) > TOKEN_CACHE_SIZE:
            _STRIPPED.clear()
        for position, word in enumerate(words):
            if word is None:
                token = tokens[position]
                words[position] = _STRIPPED[token] = SentiText._strip_punc_if_word(token)
    return words


def clear_cache() -> None:
    """Forget the stripped tokens (for benchmarks that time a cold pass)."""
    _STRIPPED.clear()


def _special_idioms_check(valence: float, lower: list[str], i: int, special_cases: dict, booster_dict: dict) -> float:
    # SentimentIntensityAnalyzer._special_idioms_check, with the sentence lower-cased once.
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if sequence in special_cases:
            valence = special_cases[sequence]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in special_cases:
            valence = special_cases[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in special_cases:
            valence = special_cases[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in booster_dict:
            valence = valence + booster_dict[n_gram]
    return valence


def polarity_scores(text: str) -> dict[str, float]:
    """VADER's ``polarity_scores(text)``: ``{"neg", "neu", "pos", "compound"}``, the same values.

    Parameters
    ----------
    text : str
        One sentence (VADER is a sentence-level model; see :mod:`analysis.readability_tone.tone`).
    """
    rules = _rules()
    vs, analyzer = rules.vs, rules.analyzer
    # VADER's emoji are all non-ASCII, and str.isascii() is free.
    if not text.isascii() and not rules.emoji.isdisjoint(text):
        return analyzer.polarity_scores(text)
    # Without emoji VADER's rewrite returns the text unchanged; then SentiText.
    text = text.strip()
    words = strip_punctuation(text.split())
    lower = list(map(str.lower, words))
    n_words = len(words)
    lexicon = rules.lexicon
    # A word that is not in the lexicon scores 0 whatever its neighbours (as do
    # boosters and "kind" in "kind of"), so only lexicon words need the rules.
    sentiments: list[float] = [0] * n_words
    hits = list(compress(range(n_words), map(lexicon.__contains__, lower)))
    if not hits:
        return _score_valence(sentiments, text)
    booster_dict, negations, idiom_ends, idiom_edges = rules.boosters, rules.negations, rules.idiom_ends, rules.idiom_edges
    n_scalar, c_incr, scalar_inc_dec = vs.N_SCALAR, vs.C_INCR, vs.scalar_inc_dec
    capitals = sum(map(str.isupper, words))
    is_cap_diff = 0 < n_words - capitals < n_words  # vaderSentiment.allcap_differential
    last = n_words - 1
    for i in hits:
        item, item_lower = words[i], lower[i]
        if item_lower in booster_dict:
            continue
        if i < last and item_lower == "kind" and lower[i + 1] == "of":
            continue
        # SentimentIntensityAnalyzer.sentiment_valence
        valence = lexicon[item_lower]
        if item_lower == "no" and i != last and lower[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") or (
            i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor")
        ):
            valence = lexicon[item_lower] * n_scalar
        if item.isupper() and is_cap_diff:
            if valence > 0:
                valence += c_incr
            else:
                valence -= c_incr
        # The three preceding words (start_i = 0, 1, 2 in VADER's loop), unrolled.
        # vaderSentiment.scalar_inc_dec is 0.0 for any word that is not a booster.
        if i > 0:
            one = lower[i - 1]
            if one not in lexicon:
                s = scalar_inc_dec(words[i - 1], valence, is_cap_diff) if one in booster_dict else 0.0
                valence = valence + s
                if one in negations or "n't" in one:
                    valence = valence * n_scalar
            if i > 1:
                two = lower[i - 2]
                if two not in lexicon:
                    s = scalar_inc_dec(words[i - 2], valence, is_cap_diff) if two in booster_dict else 0.0
                    if s != 0:
                        s = s * 0.95
                    valence = valence + s
                    if two == "never" and (one == "so" or one == "this"):
                        valence = valence * 1.25
                    elif two == "without" and one == "doubt":
                        pass
                    elif two in negations or "n't" in two:
                        valence = valence * n_scalar
                if i > 2:
                    three = lower[i - 3]
                    if three not in lexicon:
                        s = scalar_inc_dec(words[i - 3], valence, is_cap_diff) if three in booster_dict else 0.0
                        if s != 0:
                            s = s * 0.9
                        valence = valence + s
                        if three == "never" and (two == "so" or two == "this") or (one == "so" or one == "this"):
                            valence = valence * 1.25
                        elif three == "without" and (two == "doubt" or one == "doubt"):
                            pass
                        elif three in negations or "n't" in three:
                            valence = valence * n_scalar
                        if item_lower in idiom_edges or one in idiom_ends or two in idiom_ends:
                            valence = _special_idioms_check(valence, lower, i, rules.special_cases, booster_dict)
        # SentimentIntensityAnalyzer._least_check
        if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
            valence = valence * n_scalar
        sentiments[i] = valence
    if "but" in lower:
        sentiments = analyzer._but_check(words, sentiments)
    return _score_valence(sentiments, text)


def _score_valence(sentiments: list[float], text: str) -> dict[str, float]:
    """SentimentIntensityAnalyzer.score_valence, the same arithmetic in the same order.

    Words scoring 0 only count towards ``neu``, so the sums run over the others.
    """
    if not sentiments:
        return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
    sum_s = float(sum(sentiments))
    scored = [sentiment for sentiment in sentiments if sentiment]
    if not scored:
        # compound normalize(0.0) == 0.0; pos and neg 0.0; neu = n / n.
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    vs = _rules().vs
    punct_emph_amplifier = _punctuation_emphasis(text)
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound = vs.normalize(sum_s)
    pos_sum = 0.0
    neg_sum = 0.0
    for sentiment in scored:
        if sentiment > 0:
            pos_sum += float(sentiment) + 1
        else:
            neg_sum += float(sentiment) - 1
    neu_count = len(sentiments) - len(scored)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neu_count
    pos = math.fabs(pos_sum / total)
    neg = math.fabs(neg_sum / total)
    neu = math.fabs(neu_count / total)
    return {"neg": round(neg, 3), "neu": round(neu, 3), "pos": round(pos, 3), "compound": round(compound, 4)}


def _punctuation_emphasis(text: str) -> float:
    # SentimentIntensityAnalyzer._punctuation_emphasis (_amplify_ep + _amplify_qm).
    ep_amplifier = min(text.count("!"), 4) * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    return ep_amplifier + qm_amplifier


def vader_scores(texts: Iterable[str]) -> pd.DataFrame:
    """VADER scores of each text: columns ``compound, neg, neu, pos`` (as :func:`analysis.readability_tone.tone.vader_scores`).

    ``compound`` is in [-1, 1]; an empty text scores 0 (neutral).
    """
    return pd.DataFrame([polarity_scores(text) for text in texts], columns=VADER_COLUMNS)
