"""textstat's own figures for thousands of texts, counted once.

The naive way to get readability for a corpus is to call each textstat function on
each text: ``flesch_reading_ease(text)``, ``gunning_fog(text)``, … Each call
re-tokenises the text (textstat caches only the last 128 texts and words), and
every word's syllables are looked up again for every text and formula. This module
gives **the same numbers** — textstat 0.7.13's seven English formulas plus its
word, sentence and syllable counts, on the same unsegmented text — but tokenises
each text once and looks each distinct word up once per process:

1. :func:`text_counts` splits a text into words once (textstat's own rule,
   :func:`list_words`) and sums its words' figures, each word type looked up
   once per process (:func:`word_figures`: syllables from the CMU
   Pronouncing Dictionary or pyphen, the Dale-Chall easy-word list, straight
   from textstat's own dictionaries); letters, characters and textstat's regex
   sentence count come from the same pass.
2. :func:`figures_from_counts` applies textstat's formulas to a whole table of
   counts at once (numpy), including textstat's conventions for degenerate input
   (0.0, not NaN, for a text without words).

:func:`textstat_figures` does both for an iterable of texts. The figures are for
comparison with textstat and for corpus-wide screening; the workbook's reports
measure the *body* sentence by sentence instead (:mod:`analysis.readability_tone.readability`).

Equality with textstat is tested on every BBC article (``tests/readability_tone/test_textstat_batch.py``)
and measured in ``bench/bench_features.py``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

#: The ten figures, in the order of textstat's own functions listed in :data:`TEXTSTAT_FUNCTIONS`.
FIGURE_COLUMNS = [
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
    "words",
    "sentences",
    "syllables",
]

#: The base counts every formula is computed from (one row per text).
COUNT_COLUMNS = [
    "words", "sentences", "syllables", "polysyllables", "difficult_words", "complex_words",
    "letters", "characters", "tokens",
]

#: The textstat function (``textstat.<name>(text)``) behind each figure.
TEXTSTAT_FUNCTIONS = {
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "coleman_liau_index": "coleman_liau_index",
    "automated_readability_index": "automated_readability_index",
    "dale_chall": "dale_chall_readability_score",
    "words": "lexicon_count",
    "sentences": "sentence_count",
    "syllables": "syllable_count",
}

#: Column meanings, for :func:`analysis.report.tables.write_table`.
COLUMN_DOCS = {
    "flesch_reading_ease": "textstat.flesch_reading_ease of the whole text",
    "flesch_kincaid_grade": "textstat.flesch_kincaid_grade of the whole text",
    "gunning_fog": "textstat.gunning_fog of the whole text",
    "smog_index": "textstat.smog_index of the whole text",
    "coleman_liau_index": "textstat.coleman_liau_index of the whole text",
    "automated_readability_index": "textstat.automated_readability_index of the whole text",
    "dale_chall": "textstat.dale_chall_readability_score of the whole text",
    "words": "textstat.lexicon_count: words after punctuation removal",
    "sentences": "textstat.sentence_count: regex pieces ending in .!? with more than two words (at least 1 for any non-empty text)",
    "syllables": "textstat.syllable_count: CMU Pronouncing Dictionary, pyphen for words it lacks",
    "polysyllables": "words of three or more syllables (SMOG)",
    "difficult_words": "words not on the Dale-Chall easy-word list (Dale-Chall)",
    "complex_words": "words of three or more syllables not on the easy-word list (Gunning fog)",
    "letters": "word characters (Coleman-Liau)",
    "characters": "characters other than whitespace (ARI)",
    "tokens": "whitespace-separated tokens, punctuation included (ARI's denominator)",
}

#: textstat's sentence pieces (``textstat.backend.counts.count_sentences``).
_SENTENCE_PIECE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_WORD_CHARACTER = re.compile(r"\w")
#: A text whose first three whitespace tokens each contain a word character.
_THREE_WORDS = re.compile(r"\s*(?:\S*\w\S*\s+){2}\S*\w")
#: A character textstat's punctuation removal deletes (``remove_punctuation`` with
#: ``rm_apostrophe=False``: anything but word characters, whitespace and the
#: apostrophe of a contraction).
_REMOVABLE = re.compile(r"[^\w\s']|'(?![tsd]|ve|ll|re)")
_LANG = "en_US"
_LAST_CHARACTER = operator.itemgetter(-1)


@lru_cache(maxsize=1)
def _backend():
    """textstat's primitives and dictionaries (after making sure its pronouncing dictionary is installed offline)."""
    from analysis.readability_tone.readability import _textstat

    _textstat()
    from textstat.backend.counts import count_syllables
    from textstat.backend.selections import list_words
    from textstat.backend.utils._get_cmudict import get_cmudict
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
    from textstat.backend.utils._get_pyphen import get_pyphen

    return {
        "list_words": list_words,
        "count_syllables": count_syllables,
        "cmudict": get_cmudict(_LANG),
        "pyphen": get_pyphen(_LANG),
        "easy_words": get_lang_easy_words(_LANG),
    }


@lru_cache(maxsize=1)
def _hyphenation_trie() -> dict:
    """pyphen's patterns as a character trie: ``node[char]`` is the next node,
    ``node[None]`` the pattern (offset, values) ending there."""
    root: dict = {}
    for key, pattern in _backend()["pyphen"].hd.patterns.items():
        node = root
        for character in key:
            node = node.setdefault(character, {})
        node[None] = pattern
    return root


def hyphenation_points(word: str) -> int:
    """``len(pyphen.Pyphen(lang="en_US").positions(word))``, computed without building its point objects.

    Liang's algorithm exactly as pyphen 0.18 runs it (same patterns, same
    left/right margins), walking a trie of the patterns instead of looking up
    every substring. textstat counts a word the CMU dictionary lacks as
    ``points + 1`` syllables. Tested equal to pyphen on every word of the CMU
    dictionary and of the BBC corpus.
    """
    hyphenator = _backend()["pyphen"]
    trie = _hyphenation_trie()
    pointed = f".{word.lower()}."
    size = len(pointed)
    references = [0] * (size + 1)
    for i in range(size - 1):
        node = trie
        for j in range(i, size):
            node = node.get(pointed[j])
            if node is None:
                break
            pattern = node.get(None)
            if pattern:
                offset, values = pattern
                for position, value in enumerate(values, start=i + offset):
                    if position > size:
                        break
                    if value > references[position]:
                        references[position] = value
    right = len(word) - hyphenator.right
    return sum(1 for index, reference in enumerate(references) if reference % 2 and hyphenator.left <= index - 1 <= right)


def _syllables_of(lower: str) -> int:
    """The syllables ``textstat.syllable_count`` adds for one lower-case word of a text:
    the CMU Pronouncing Dictionary's first pronunciation (one per phone with a stress
    digit), else pyphen's hyphenation points + 1."""
    try:
        return sum(map(str.isdigit, map(_LAST_CHARACTER, _backend()["cmudict"][lower][0])))
    except (TypeError, IndexError, KeyError):
        return hyphenation_points(lower) + 1


def word_figures(word: str) -> tuple[int, int, int, int]:
    """What textstat's formulas need to know about one word (cached per lower-case form).

    Parameters
    ----------
    word : str
        One token of textstat's ``list_words(text)`` (punctuation already removed), any case.

    Returns
    -------
    (syllables, polysyllable, difficult, complex)
        ``syllables`` is what ``textstat.syllable_count(text)`` adds for this word;
        the others are 0 or 1: three or more syllables (SMOG); not on the
        Dale-Chall easy-word list (Dale-Chall); and not on that list with three
        or more syllables when textstat's ``is_difficult_word`` looks the word up
        on its own (Gunning fog).

    Notes
    -----
    textstat 0.7.13's rules, from its own dictionaries: the word is lower-cased,
    its syllables come from the CMU Pronouncing Dictionary or, for words it lacks,
    pyphen. ``is_difficult_word`` re-applies textstat's punctuation removal to the
    lower-cased word before counting; that can only change a word containing a
    character the removal deletes (e.g. the combining dot of a lower-cased "İ"),
    so only such words go through textstat's own ``count_syllables`` again. (This
    is also what :func:`analysis.readability_tone.readability.word_profile` computes, through
    textstat's public wrappers; calling the dictionaries directly makes a new
    word about ten times cheaper, which matters on the first pass over a corpus.)
    """
    return _lower_figures(word.lower())


@lru_cache(maxsize=1 << 20)
def _lower_figures(lower: str) -> tuple[int, int, int, int]:
    backend = _backend()
    syllables = _syllables_of(lower)
    as_word = backend["count_syllables"](lower, _LANG) if _REMOVABLE.search(lower) else syllables
    difficult = lower not in backend["easy_words"]
    return syllables, int(syllables >= 3), int(difficult), int(difficult and as_word >= 3)


def clear_caches() -> None:
    """Forget every word looked up (for benchmarks that time a cold pass)."""
    _lower_figures.cache_clear()
    _packed_figures.cache_clear()


@lru_cache(maxsize=1 << 20)
def _packed_figures(word: str) -> int:
    """:func:`word_figures` in one integer (syllables << 3 | polysyllable << 2 | difficult << 1 | complex),
    so a text's words are summed with a few array operations."""
    syllables, polysyllable, difficult, complex_word = word_figures(word)
    return syllables << 3 | polysyllable << 2 | difficult << 1 | complex_word


def _sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: regex pieces, ignoring those of two words or fewer.

    textstat counts a piece's words with ``list_words`` (punctuation removed, then
    split on whitespace). Removing punctuation deletes characters but never adds
    or removes whitespace, so a piece's words are exactly its whitespace tokens
    that contain a word character (``\\w``). A piece whose first three tokens
    all do has more than two words; only the others are counted token by token.
    """
    if not text:
        return 0
    pieces = _SENTENCE_PIECE.findall(text)
    ignored = 0
    starts_with_three_words = _THREE_WORDS.match
    has_word = _WORD_CHARACTER.search
    for piece in pieces:
        if starts_with_three_words(piece) is None and sum(1 for token in piece.split() if has_word(token)) <= 2:
            ignored += 1
    return max(1, len(pieces) - ignored)


def list_words(text: str) -> list[str]:
    """textstat's ``list_words(text)`` (its defaults): punctuation removed, split on whitespace.

    textstat removes non-contraction apostrophes, then every other character that
    is neither a word character, whitespace nor an apostrophe; both deletions look
    at the original text, so one pass of the union does the same.
    """
    return _REMOVABLE.sub("", text).split()


def text_counts(text: str) -> dict[str, int]:
    """The :data:`COUNT_COLUMNS` of one text, by textstat 0.7.13's rules, tokenising it once.

    Raises
    ------
    TypeError
        ``text`` is not a string (textstat would fail later and less clearly).
    """
    if not isinstance(text, str):
        raise TypeError(f"text_counts needs a str, got {type(text).__name__}")
    words = list_words(text)
    # Each word's figures come from the per-word cache (computed on a word's first
    # appearance in the process); four array sums total them.
    packed = np.fromiter(map(_packed_figures, words), dtype=np.int64, count=len(words))
    syllables = int((packed >> 3).sum())
    polysyllables = int(((packed >> 2) & 1).sum())
    difficult = int(((packed >> 1) & 1).sum())
    complex_words = int((packed & 1).sum())
    # textstat's count_letters keeps the word characters (\w) of the text; every one
    # of them is in a word of list_words, whose only other character is a kept
    # contraction apostrophe. count_chars drops whitespace, which is what
    # str.split() drops (the same Unicode whitespace as the regex \s).
    joined = "".join(words)
    tokens = text.split()
    return {
        "words": len(words),
        "sentences": _sentence_count(text),
        "syllables": syllables,
        "polysyllables": polysyllables,
        "difficult_words": difficult,
        "complex_words": complex_words,
        "letters": len(joined) - joined.count("'"),
        "characters": sum(map(len, tokens)),
        "tokens": len(tokens),
    }


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator``, 0.0 where the denominator is 0 (textstat's ZeroDivisionError rule)."""
    out = np.zeros(len(numerator), dtype=float)
    np.divide(numerator, denominator, out=out, where=denominator != 0)
    return out


def figures_from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """textstat's seven English formulas applied to a table of counts, row by row.

    The arithmetic follows textstat 0.7.13 term by term (same order of operations),
    including its conventions for degenerate text: a formula whose inputs are zero
    returns 0.0, not NaN.

    Parameters
    ----------
    counts : DataFrame
        The :data:`COUNT_COLUMNS`, one row per text (from :func:`text_counts`).

    Returns
    -------
    pandas.DataFrame
        :data:`FIGURE_COLUMNS` then the remaining counts, same index.
    """
    missing = [column for column in COUNT_COLUMNS if column not in counts.columns]
    if missing:
        raise ValueError(f"figures_from_counts: counts lack the columns {missing}")
    c = {column: counts[column].to_numpy(dtype=float) for column in COUNT_COLUMNS}
    words, sentences = c["words"], c["sentences"]
    words_per_sentence = _ratio(words, sentences)
    syllables_per_word = _ratio(c["syllables"], words)
    flesch_defined = (words_per_sentence != 0) & (syllables_per_word != 0)
    out = pd.DataFrame(index=counts.index)
    out["flesch_reading_ease"] = np.where(flesch_defined, 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word, 0.0)
    out["flesch_kincaid_grade"] = np.where(flesch_defined, 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59, 0.0)
    complex_share = _ratio(100 * c["complex_words"], words)
    out["gunning_fog"] = np.where(words != 0, 0.4 * (words_per_sentence + complex_share), 0.0)
    out["smog_index"] = np.where(sentences != 0, 1.043 * (30 * _ratio(c["polysyllables"], sentences)) ** 0.5 + 3.1291, 0.0)
    letters_per_100 = _ratio(c["letters"], words) * 100
    sentences_per_100 = _ratio(sentences, words) * 100
    coleman_defined = (letters_per_100 != 0) & (sentences_per_100 != 0)
    out["coleman_liau_index"] = np.where(coleman_defined, 0.058 * letters_per_100 - 0.296 * sentences_per_100 - 15.8, 0.0)
    characters_per_token = _ratio(c["characters"], c["tokens"])
    ari_defined = (characters_per_token != 0) & (words_per_sentence != 0)
    out["automated_readability_index"] = np.where(ari_defined, 4.71 * characters_per_token + 0.5 * words_per_sentence - 21.43, 0.0)
    difficult_share = _ratio(100 * c["difficult_words"], words)
    dale_chall = 0.1579 * difficult_share + 0.0496 * words_per_sentence + np.where(difficult_share > 5, 3.6365, 0.0)
    out["dale_chall"] = np.where(words != 0, dale_chall, 0.0)
    for column in COUNT_COLUMNS:
        out[column] = counts[column].astype("int64")
    return out


def textstat_figures(texts: Iterable[str] | pd.Series, progress: bool = False) -> pd.DataFrame:
    """textstat's ten figures (and the counts behind them) for each text.

    Parameters
    ----------
    texts : iterable of str or Series
        Whole texts, each measured as textstat would measure it (no segmentation).
        A Series keeps its index.
    progress : bool
        Show a tqdm progress bar (for thousands of texts).

    Returns
    -------
    pandas.DataFrame
        One row per text: :data:`FIGURE_COLUMNS`, then ``polysyllables,
        difficult_words, complex_words, letters, characters, tokens``. Each figure
        equals ``getattr(textstat, TEXTSTAT_FUNCTIONS[column])(text)``.
    """
    index = texts.index if isinstance(texts, pd.Series) else None
    iterator = texts
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(texts, desc="textstat figures", unit="doc", total=len(texts) if hasattr(texts, "__len__") else None)
    rows = [text_counts(text) for text in iterator]
    counts = pd.DataFrame(rows, columns=COUNT_COLUMNS, index=index, dtype="int64")
    return figures_from_counts(counts)


def textstat_reference(text: str) -> dict[str, float]:
    """The same ten figures from textstat itself, one function call each (the naive way).

    Used by the tests and the benchmark as the reference :func:`textstat_figures` must equal.
    """
    from analysis.readability_tone.readability import _textstat

    textstat = _textstat()
    return {column: float(getattr(textstat, name)(text)) for column, name in TEXTSTAT_FUNCTIONS.items()}
