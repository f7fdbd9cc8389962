"""analysis.readability_tone.vader_batch: VADER's scores, exactly — on every rule, the seeds and BBC sentences."""

from __future__ import annotations

import pytest

from analysis.readability_tone import vader_batch
from tests import texts


@pytest.fixture(scope="module")
def analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


#: One sentence per rule of VADER's (vaderSentiment 3.3.2) and each corner of it.
RULE_SENTENCES = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",  # exclamation emphasis
    "VADER is very smart, handsome, and funny.",  # booster
    "VADER is VERY SMART, handsome, and FUNNY.",  # capitals among lower case
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "ALL OF THIS IS GOOD",  # all capitals: no capital emphasis
    "VADER is not smart, handsome, nor funny.",  # negation
    "At least it isn't a horrible book.",  # n't negation, "at least"
    "It is the least helpful answer.",  # "least" as negation
    "The book was only kind of good.",  # "kind of" dampener
    "The plot was good, but the characters are uncompelling and the dialog is not great.",  # but
    "Good, but good, but bad but good.",  # several "but"s with repeated scores
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",  # emoticons
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",  # emoji rewritten to words
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",  # special case
    "On the other hand, VADER is quite bad ass",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Without a doubt, excellent idea.",
    "no no no good bad",  # "no" before a lexicon word
    "There is no love, or nor hope left.",
    "It was a kiss of death for the plan, a real bus stop of a deal.",
    "Yeah right, the food is to die for and the show was the bomb.",
    "A beating heart, just enough hope, sort of good.",
    "Is this good?? Really??? Are you sure????",  # question emphasis
    "Wow!!!!!! Great!",
    "",
    "   ",
    "!!!",
    texts.HEDGED_AND_BOOSTED,
    texts.NON_ENGLISH,
    texts.PLATYPUS,
]


@pytest.mark.parametrize("sentence", RULE_SENTENCES)
def test_equal_to_vader_on_each_rule(analyzer, sentence):
    assert vader_batch.polarity_scores(sentence) == analyzer.polarity_scores(sentence)


def test_equal_to_vader_on_seed_sentences(analyzer, seed_docs):
    from analysis.corpus.sentences import body_sentences

    sentences = body_sentences(seed_docs)["text"].tolist()
    assert len(sentences) > 100
    assert [vader_batch.polarity_scores(s) for s in sentences] == [analyzer.polarity_scores(s) for s in sentences]


def test_equal_to_vader_on_whole_bodies(analyzer, seed_docs):
    # Long texts exercise windows of every size; VADER's own code is quadratic here, ours is not.
    bodies = seed_docs["body"].tolist()
    assert [vader_batch.polarity_scores(b) for b in bodies] == [analyzer.polarity_scores(b) for b in bodies]


def test_equal_to_vader_on_bbc_sentences(analyzer, bbc_dir):
    from analysis.corpus.sentences import split_text

    sentences = []
    for path in sorted(bbc_dir.glob("politics/*.txt"))[:120]:
        text = path.read_text(encoding="utf-8")
        sentences += [text[start:end] for start, end in split_text(text)]
    assert len(sentences) > 1500
    assert [vader_batch.polarity_scores(s) for s in sentences] == [analyzer.polarity_scores(s) for s in sentences]


def test_scores_by_hand():
    # "good" is +1.9 in VADER's lexicon: compound = 1.9 / sqrt(1.9² + 15) = 0.4404; pos = 2.9/2.9 = 1.
    assert vader_batch.polarity_scores("good") == {"neg": 0.0, "neu": 0.0, "pos": 1.0, "compound": 0.4404}
    # No lexicon word: neutral.
    assert vader_batch.polarity_scores("The committee met on Tuesday.") == {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}


def test_vader_scores_frame_matches_tone():
    from analysis.readability_tone import tone

    sample = RULE_SENTENCES[:8]
    assert vader_batch.vader_scores(sample).equals(tone.vader_scores(sample))


def test_token_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(vader_batch, "TOKEN_CACHE_SIZE", 5)
    vader_batch.clear_cache()
    for word in ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"]:
        vader_batch.polarity_scores(f"{word} is good")
    assert len(vader_batch._STRIPPED) <= 5 + 3
