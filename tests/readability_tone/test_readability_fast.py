"""readability without importing textstat or lexicalrichness gives the figures textstat and lexicalrichness give.

The scale path used to import textstat (which imports NLTK and SciPy, and builds
NLTK's whole CMU dictionary) and lexicalrichness (matplotlib and SciPy) in every
fresh process; :mod:`analysis.readability_tone.readability` now reads the same
dictionaries itself and repeats lexicalrichness's MTLD. Each replacement is compared
here with the code it replaces, on constructed text.
"""

from __future__ import annotations

import math

import pytest

from analysis.readability_tone import readability

TEXTS = [
    "The council said it would close the port. It didn't, and officials weren't sure why.",
    "Rock'n'roll's co-op café in İstanbul — naïve? ‘Quoted’ 'words' and ''t, 3.2bn, £5, 50%.",
    "ǅemal's straße ﬁnds ſome ΣΊΣΥΦΟΣ Ωμέγα; x y z a b c; well-known, re-elected, O'Neill.",
    "Table:\tCell one |  Cell two\u2028next\u00a0line\x1cend",
    "",
    "   ",
    "!!! ??? ... ---",
    "a a a a a a a a b b b b c c d e f g h i j k l m n o p a b c d e f g h",
    " ".join(f"word{i % 37} alpha beta gamma" for i in range(300)),
]

WORDS = [
    "the", "The", "THE", "said", "didn't", "weren't", "İstanbul", "café", "naïve", "rock'n'roll's", "co-op",
    "ſome", "ǅemal's", "straße", "ﬁnds", "ΣΊΣΥΦΟΣ", "x", "3", "3.2bn", "''t", "'quoted'", "O'Neill",
    "zzzzqx", "antidisestablishmentarianism", "well-known", "a\u0307", "i̇", "hello world", "",
]


def _old_word_profile(word):
    textstat = readability._textstat()
    word = word.lower()
    return textstat.syllable_count(word), not textstat.is_difficult_word(word, syllable_threshold=0)


def _old_text_counts(text):
    readability._textstat()
    from textstat.backend.counts import count_chars, count_letters
    from textstat.backend.selections import list_words

    words = list_words(text)
    profiles = [_old_word_profile(word) for word in words]
    return {
        "words": len(words),
        "syllables": sum(syllables for syllables, _ in profiles),
        "polysyllables": sum(syllables >= 3 for syllables, _ in profiles),
        "difficult_words": sum(not easy for _, easy in profiles),
        "complex_words": sum(syllables >= 3 and not easy for syllables, easy in profiles),
        "letters": count_letters(text),
        "characters": count_chars(text, ignore_spaces=True),
        "tokens": len(text.split()),
    }


def _old_mtld(text, threshold=0.72):
    from lexicalrichness import LexicalRichness

    richness = LexicalRichness(text)
    if richness.words == 0:
        return float("nan")
    return float(richness.mtld(threshold=threshold))


def test_dictionaries_are_textstats():
    readability._textstat()
    from textstat.backend.utils._get_cmudict import get_cmudict
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    syllables, easy, hyphenator = readability._dictionaries()
    cmudict = get_cmudict("en_US")
    assert syllables.keys() == cmudict.keys()
    assert all(syllables[word] == sum(1 for p in phones[0] if p[-1].isdigit()) for word, phones in cmudict.items())
    assert easy == get_lang_easy_words("en_US")
    from textstat.backend.utils._get_pyphen import get_pyphen

    for word in ("antidisestablishmentarianism", "zzzzqx", "hyphenation", "café"):
        assert hyphenator.positions(word) == get_pyphen("en_US").positions(word)


def test_word_profile_is_textstats():
    readability.word_profile.cache_clear()
    for word in WORDS + [w for text in TEXTS for w in text.split()] + [w for text in TEXTS for w in readability.list_words(text)]:
        assert readability.word_profile(word) == _old_word_profile(word), word


@pytest.mark.parametrize("text", TEXTS)
def test_list_words_and_counts_are_textstats(text):
    readability._textstat()
    from textstat.backend.selections import list_words

    assert readability.list_words(text) == list_words(text)
    assert readability.text_counts(text) == _old_text_counts(text)


@pytest.mark.parametrize("text", TEXTS + ["one", "one two", "Only unique words here now", "- – —", "123 456"])
@pytest.mark.parametrize("threshold", [0.72, 0.5, 0.9])
def test_mtld_is_lexicalrichness(text, threshold):
    new, old = readability.mtld(text, threshold), _old_mtld(text, threshold)
    assert (math.isnan(new) and math.isnan(old)) or new == old
