"""The ledger's models scored faster give the same floats as the code they replace, on constructed text.

Each reference below is the code it replaced, copied here: the speed-ups must not
move a single bit of a probability (the ledger's tables stay byte-identical).
"""

from __future__ import annotations

import math

import pytest

from analysis.provenance import attribution, cue_model, role_model

TEXTS = [
    "Ann Lee said the port would close. “It is over,” she told reporters on Monday, adding that talks had failed.",
    "According to a poll, 52% of voters believe the mayor; the board, however, suggested otherwise.",
    "“We will not back down,” said Rep. Ann Lee, who chairs the panel. Officials declined to comment.",
    "The U.S. Treasury — in a statement — warned that rates 'could rise', and analysts expect more.",
    "Nothing here cites anyone at all",
    "He said: “Yes.” She asked why. They argued, insisted and claimed that the O'Neill-Smith plan's cost was £3.2bn.",
]


def _old_role_score(model, role, features):
    weights = model.weights[role]
    return model.bias[role] + sum(weights.get(f, 0.0) for f in features)


def _old_cue_probability(model, features):
    score = model.bias + sum(model.weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@pytest.mark.parametrize("text", TEXTS)
def test_cue_probabilities_are_the_same_floats(text):
    model = cue_model.load_cue_model()
    words = cue_model.tokens(text)
    inside = cue_model.quoted_flags(words, attribution.find_quotes(text))
    forms = attribution.reporting_forms()
    for i in range(len(words)):
        feats = cue_model.features(words, i, inside, forms)
        assert model.probability(feats) == _old_cue_probability(model, feats)


@pytest.mark.parametrize("text", TEXTS)
def test_role_scores_are_the_same_floats(text):
    model = role_model.load_role_model()
    quotes = attribution.find_quotes(text)
    runs = [(s, e, p) for s, e, p, _ in cue_model.cue_spans(text, quotes, attribution.reporting_forms())]
    paragraph = role_model.paragraph(text, quotes, runs)
    scored = 0
    for first in range(paragraph.n):
        for last in (first, min(first + 1, paragraph.n - 1)):
            context = role_model.cue_context(paragraph, first, last)
            for i in role_model.window(paragraph, first, last):
                feats = role_model.features(paragraph, i, first, last, context)
                for role in role_model.ROLES:
                    assert model.score(role, feats) == _old_role_score(model, role, feats)
                scored += 1
    assert scored > 0
