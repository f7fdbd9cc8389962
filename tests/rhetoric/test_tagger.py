"""analysis.rhetoric.tagger: the trained loaded-language / name-calling tagger, its explanations and its model file."""

from __future__ import annotations

import itertools
import json
import math

import pytest

from analysis.rhetoric import detector, tagger
from tests import texts


def tiny_model(transitions=None, **weights) -> dict:
    """A hand-made chain in the file's shape: labels O, B-, I- of loaded_language; weights relative to O.

    A feature's weight counts for the B- and the I- label alike; ``transitions``
    (3 x 3, from -> to) default to none.
    """
    return {
        "format": tagger.MODEL_FORMAT, "classes": ["O", "loaded_language"],
        "labels": ["O", "B-loaded_language", "I-loaded_language"], "bias": [0.0, -3.0, -3.0],
        "transitions": transitions or [[0.0] * 3 for _ in range(3)],
        "thresholds": {"loaded_language": 0.5}, "bridge": 1, "trained_on": {"part": "test"},
        "lexicons": {"riloff_strong": ["vile"]}, "lexicon_sets": {"riloff_strong": frozenset({"vile"})},
        "weights": {name: [0.0, w, w] for name, w in weights.items()},
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


def test_a_span_never_runs_across_a_comma_colon_dash_or_bracket():
    model = tiny_model(**{"w=vile": 5.0, "w=cruel": 5.0, "w=,": 9.0, "w=—": 9.0})
    for text in ("vile, cruel", "vile — cruel", "vile (cruel)"):
        assert [text[s:e] for s, e, _, _ in tagger.tag_text(text, model)] == ["vile", "cruel"], text
    assert [(s, e) for s, e, _, _ in tagger.tag_text("vile and cruel", model)] == [(0, 14)]


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
    # The logistic regression's file (version 1) has no chain labels: refused by its version.
    old.write_text(json.dumps({"format": "rhetoric-tagger/1", "classes": ["O"], "bias": [0], "weights": {}}), encoding="utf-8")
    with pytest.raises(tagger.ModelFileError, match=r"old\.json: model format 'rhetoric-tagger/1', but this version .* reads 'rhetoric-tagger/2'.*ptc-train"):
        tagger.load_model(old)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(tagger.ModelFileError, match=r"broken\.json: the model file cannot be read.*ptc-train"):
        tagger.load_model(broken)


def test_a_model_file_whose_weights_do_not_fit_its_labels_is_refused(tmp_path):
    model = {key: value for key, value in tiny_model(**{"w=vile": 1.0}).items() if key != "lexicon_sets"}
    for problem, change, message in (
        ("labels", {"labels": ["O", "loaded_language"]}, r"are not O followed by B-/I- labels"),
        ("transitions", {"transitions": [[0.0, 0.0], [0.0, 0.0]]}, r"one value per label \(3 labels\)"),
        ("weights", {"weights": {"w=vile": [0.0, 1.0]}}, r"1 feature weight\(s\) do not have one value per label \(e\.g\. 'w=vile'\)"),
    ):
        path = tmp_path / f"{problem}.json"
        path.write_text(json.dumps({**model, **change}), encoding="utf-8")
        with pytest.raises(tagger.ModelFileError, match=rf"{problem}\.json: .*{message}.*ptc-train"):
            tagger.load_model(path)


# --------------------------------------------------------------------------- the chain's decoder

def test_marginals_are_the_probabilities_of_all_label_sequences_summed():
    # Three tokens, three labels: the 27 sequences enumerated by hand.
    scores = [[0.0, 1.0, -2.0], [0.5, 0.0, 2.0], [0.0, -1.0, 0.3]]
    transitions = [[0.2, 0.0, -5.0], [0.0, -1.0, 1.5], [0.3, 0.0, 0.7]]
    weight = {}
    for path in itertools.product(range(3), repeat=3):
        total = sum(scores[t][label] for t, label in enumerate(path)) + sum(transitions[a][b] for a, b in zip(path, path[1:]))
        weight[path] = math.exp(total)
    z = sum(weight.values())
    expected = [[sum(w for path, w in weight.items() if path[t] == label) / z for label in range(3)] for t in range(3)]
    got = tagger.label_marginals(scores, transitions)
    assert all(abs(g - e) < 1e-12 for row_g, row_e in zip(got, expected) for g, e in zip(row_g, row_e))
    assert tagger.label_marginals([], transitions) == []
    one = tagger.label_marginals([[0.0, math.log(3.0), -math.inf]], transitions)[0]  # one token: a softmax
    assert abs(one[0] - 0.25) < 1e-12 and abs(one[1] - 0.75) < 1e-12 and one[2] == 0.0


def test_the_transitions_carry_a_span_over_a_word_with_no_weight_of_its_own():
    # "utter" weighs only as a span's first word (B-); "disgrace" has no weight. A B- -> I-
    # transition of 4 outweighs the I- label's bias of -3, so "disgrace" joins the span
    # (p = e/(1+e) = 0.73); without the transition it stays outside.
    carried = [[0.0, 0.0, 0.0], [0.0, 0.0, 4.0], [0.0, 0.0, 0.0]]
    text = "It was an utter disgrace today."
    with_chain = tiny_model(transitions=carried)
    with_chain["weights"]["w=utter"] = [0.0, 6.0, 0.0]
    probabilities = tagger.token_probabilities(tagger.sentence_features(tagger.tokenize(text), {}, {}), with_chain)
    assert abs(probabilities[4][1] - math.e / (1 + math.e)) < 0.01
    assert [(text[s:e], c) for s, e, c, _ in tagger.tag_text(text, with_chain)] == [("utter disgrace", "loaded_language")]
    without = tiny_model()
    without["weights"]["w=utter"] = [0.0, 6.0, 0.0]
    assert [text[s:e] for s, e, _, _ in tagger.tag_text(text, without)] == ["utter"]


def test_a_span_is_explained_by_the_b_weights_of_its_first_word_and_the_i_weights_of_the_others():
    model = tiny_model(**{"w=vile": 5.0, "w=smear": 4.0})
    model["weights"]["w=vile"] = [0.0, 5.0, 0.5]   # strong as a span's first word only
    model["weights"]["w=smear"] = [0.0, 0.5, 4.0]  # strong inside a span only
    tokens = tagger.tokenize("vile smear")
    features = tagger.sentence_features(tokens, model["lexicon_sets"], {})
    assert tagger.explain(features, model, 1)[:2] == [("w=vile", 5.0), ("w=smear", 4.0)]
    assert dict(tagger.explain(features[1:], model, 1))["w=smear"] == 0.5  # smear as the first word


def test_class_weights_take_the_larger_of_the_first_and_later_word_weights():
    model = tiny_model()
    model["weights"] = {"w=vile": [0.0, 5.0, 0.5], "w=smear": [0.0, -1.0, 4.0], "w=calm": [0.0, -2.0, -3.0]}
    assert tagger.class_weights(model) == {"w=vile": [5.0], "w=smear": [4.0], "w=calm": [-2.0]}


# --------------------------------------------------------------------------- scoring without the feature names

SCORED_SENTENCES = [
    "The vile, brutal crackdown was a disgrace!",
    "“Vile” thugs — as critics call them | a|b — ‘plan’ it.",
    "Mr Smith's ABC plan (isn't it?) is a DISASTER, says the report.",
    "He", "!", "a | |", "First word ’tis O'Neill’s",
]


def _same_scores(sentences, model, valence):
    scorer = tagger.sentence_scorer(model, valence)
    for sentence in sentences:
        tokens = tagger.tokenize(sentence)
        expected = tagger.label_scores(tagger.sentence_features(tokens, model["lexicon_sets"], valence), model)
        if scorer.scores(tokens) != expected:
            return False
    return True


def test_scores_without_feature_names_are_the_same_floats_on_constructed_sentences():
    model = tagger.load_model()
    assert _same_scores(SCORED_SENTENCES, model, tagger.vader_lexicon())
    # A hand-made model whose pair features split at a "|" inside a key, and whose word lists and valences fire.
    tiny = tiny_model(**{"w-1w=a||": 0.5, "ww+1=||": 0.25, "w-1=|": -0.5, "lex+1=riloff_strong": 1.0,
                         "vader-1=neg2": 0.75, "first_word": 0.1, "sentence_has_!": 0.2})
    assert _same_scores(SCORED_SENTENCES + ["a | | vile thing!"], tiny, {"vile": -2.5})


def test_scores_stay_the_same_when_the_word_type_tables_are_emptied(monkeypatch):
    monkeypatch.setattr(tagger, "TYPE_CACHE_SIZE", 3)
    model = tagger.load_model()
    valence = dict(tagger.vader_lexicon())  # a new object: a new scorer with the small tables
    assert _same_scores(SCORED_SENTENCES * 2, model, valence)
    scorer = tagger.sentence_scorer(model, valence)
    assert len(scorer.own) <= 3 and len(scorer.described) <= 3


def test_scores_without_feature_names_are_the_same_floats_on_real_sentences(bbc_dir):
    from analysis import config
    from analysis.corpus.sentences import split_text

    paths = [p for topic in ("business", "entertainment", "politics", "sport", "tech")
             for p in sorted((bbc_dir / topic).glob("*.txt"))[:6]]
    ptc = config.shared_data_dir() / "ptc" / "train-articles"
    paths += sorted(ptc.glob("*.txt"))[:10] if ptc.is_dir() else []
    sentences = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        sentences += [text[s:e] for s, e in split_text(text)]
    assert len(sentences) > 500
    assert _same_scores(sentences, tagger.load_model(), tagger.vader_lexicon())
