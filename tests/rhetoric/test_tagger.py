"""analysis.rhetoric.tagger: the trained loaded-language / name-calling tagger, its explanations and its model file."""

from __future__ import annotations

import json

import pytest

from analysis.rhetoric import detector, tagger
from tests import texts


def tiny_model(**weights) -> dict:
    """A hand-made model in the file's shape: classes O, loaded_language; weights relative to O."""
    return {
        "format": tagger.MODEL_FORMAT, "classes": ["O", "loaded_language"], "bias": [0.0, -3.0],
        "thresholds": {"loaded_language": 0.5}, "bridge": 1, "trained_on": {"part": "test"},
        "lexicons": {"riloff_strong": ["vile"]}, "lexicon_sets": {"riloff_strong": frozenset({"vile"})},
        "weights": {name: [0.0, w] for name, w in weights.items()},
    }


# --------------------------------------------------------------------------- tokens and features

def test_tokens_are_offsets_into_the_text():
    text = "Baku’s “vile” plan—isn't it?"
    tokens = tagger.tokenize(text)
    assert all(text[s:e] == t for s, e, t in tokens)
    assert [t for _, _, t in tokens] == ["Baku’s", "“", "vile", "”", "plan", "—", "isn't", "it", "?"]


def test_features_name_the_word_its_context_lexicons_and_quotation():
    tokens = tagger.tokenize("They called it “vile” today.")
    features = tagger.sentence_features(tokens, {"riloff_strong": frozenset({"vile"})}, {"vile": -2.5})
    vile = features[4]
    assert {"w=vile", "w-1=“", "w+1=”", "lex=riloff_strong", "vader=neg2", "in_quote_short"} <= set(vile)
    assert "lex+1=riloff_strong" in features[3] and "in_quote_short" not in features[0]


# --------------------------------------------------------------------------- tagging and explaining, on a hand-made model

def test_a_span_is_a_run_of_tokens_over_the_threshold_and_names_its_features():
    model = tiny_model(**{"w=vile": 5.0, "lex=riloff_strong": 1.0, "w=smear": 4.0})
    text = "A vile smear, they said."
    spans = tagger.tag_text(text, model)
    assert [(text[s:e], c) for s, e, c, _ in spans] == [("vile smear", "loaded_language")]
    rule = spans[0][3]
    assert rule.startswith("rhetoric_tagger.json (loaded_language, p=")
    # The heaviest feature first, with its summed weight over the span's tokens.
    assert rule.split(": ", 1)[1].startswith("the word 'vile' +5.0; the word 'smear' +4.0; strong subjectivity clue")


def test_a_gap_of_one_token_is_bridged_and_function_words_alone_are_no_span():
    model = tiny_model(**{"w=vile": 5.0, "w=cruel": 5.0, "w=the": 9.0})
    spans = tagger.tag_text("vile and cruel", model)
    assert [(s, e) for s, e, _, _ in spans] == [(0, 14)]
    assert tagger.tag_text("It was the end.", model) == []  # 'the' alone, however heavy


@pytest.mark.parametrize("text", [texts.EMPTY_STR, texts.WHITESPACE_ONLY, texts.PUNCTUATION_ONLY, "Yes.", "No!"])
def test_texts_without_words_or_of_one_word_give_no_crash(text):
    assert isinstance(tagger.tag_text(text), list)


def test_articles_with_no_sentences_or_one_word_sentences_give_no_spans():
    for text in ["", "   \n\n  ", "Yes. No. Maybe.", "Gaza.\n\nBaku.\n"]:
        spans = detector.detect_text(text)
        assert spans.empty, spans


# --------------------------------------------------------------------------- the shipped model

def test_the_shipped_model_finds_loaded_language_and_explains_it():
    text = "The regime's vicious, barbaric assault left the city in ruins."
    spans = detector.detect_text(text)
    loaded = spans[spans["device"].eq("loaded_language")]
    tagged = loaded[loaded["rule"].str.contains("rhetoric_tagger.json")]
    assert not tagged.empty
    assert any("vicious" in t or "barbaric" in t for t in tagged["text"])
    for row in tagged.itertuples():
        assert text[row.start:row.end] == row.text
        assert "p=" in row.rule and "+" in row.rule  # the weighed features, with their weights


def test_the_shipped_model_says_what_it_was_trained_on():
    model = tagger.load_model()
    assert model["format"] == tagger.MODEL_FORMAT
    assert model["classes"][0] == "O" and {"loaded_language", "name_calling"} <= set(model["classes"])
    assert "tune half" in model["trained_on"]["articles"] or "all" in model["trained_on"]["articles"]
    assert set(model["lexicon_sources"]) == set(model["lexicons"])
    assert tagger.MODEL_FILE.stat().st_size < 3_000_000


def test_a_neutral_sense_rule_drops_a_loaded_word_its_context_shows_is_neutral():
    for row in detector.load_sense_rules().itertuples(index=False):
        example, near = row.example, row.near_miss
        word = detector._compile(detector.SENSE_RULES_FILE, 0, row.word)
        hit = list(word.finditer(example))[0]
        assert detector._other_sense(example, hit.start(), hit.end(), row.device), example
        hit = list(word.finditer(near))[0]
        assert not detector._other_sense(near, hit.start(), hit.end(), row.device), near
    spans = detector.detect_text("The old fortress lies between two rivers, and the town lies on a hill.")
    assert spans[spans["device"].eq("loaded_language") & spans["text"].str.contains("lies")].empty


# --------------------------------------------------------------------------- a missing or wrong model file

def test_a_missing_model_file_names_the_file_and_the_command(tmp_path):
    with pytest.raises(tagger.ModelFileError, match=r"missing\.json: the rhetoric tagger's model file is missing; rebuild it with `python -m analysis\.evaluate ptc-train`"):
        tagger.load_model(tmp_path / "missing.json")


def test_a_model_file_of_another_version_is_refused(tmp_path):
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": "rhetoric-tagger/0", "classes": ["O"], "bias": [0], "weights": {}}), encoding="utf-8")
    with pytest.raises(tagger.ModelFileError, match=r"old\.json: model format 'rhetoric-tagger/0', but this version .* reads 'rhetoric-tagger/1'.*ptc-train"):
        tagger.load_model(old)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(tagger.ModelFileError, match=r"broken\.json: the model file cannot be read.*ptc-train"):
        tagger.load_model(broken)


def test_scores_without_feature_names_equal_the_named_features_exactly(seed_segments):
    # The shipped model (three classes) scores tokens from its weight tables; the probabilities
    # must be the very floats token_probabilities gives for the feature names.
    model = tagger.load_model()
    sentences = list(seed_segments["text"]) + [
        "“Vile traitors!” he shouted, and the crowd roared.", "It's a disgrace — an utter DISGRACE!", "Baku", "",
        "‘Quoted’ words, (brackets) and 3.5 million…", "The regime's brutal crackdown was condemned.",
    ]
    lexicons, valence = model["lexicon_sets"], tagger.vader_lexicon()
    for text in sentences:
        tokens = tagger.tokenize(text)
        named = tagger.token_probabilities(tagger.sentence_features(tokens, lexicons, valence), model)
        assert tagger._sentence_probabilities(tokens, model, lexicons, valence) == named
    # A model of other than three classes is scored from the names.
    assert tagger._sentence_probabilities(tagger.tokenize("A vile act."), tiny_model(**{"w=vile": 4.0}), {}, {}) is None
    assert tagger.tag_text("A vile act.", tiny_model(**{"w=vile": 4.0}))[0][:3] == (2, 6, "loaded_language")
