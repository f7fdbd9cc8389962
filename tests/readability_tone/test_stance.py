"""analysis.readability_tone.stance: target-dependent features, the model file, explained decisions."""

from __future__ import annotations

import json

import pytest

from analysis.readability_tone import stance


def _span(text: str, name: str) -> list[tuple[int, int]]:
    start = text.index(name)
    return [(start, start + len(name))]


def test_words_are_scoped_to_the_target_clause_and_neighbours():
    text = "Smith praised the plan, but Jones called it a disaster."
    found, evidence = stance.features(text, _span(text, "Smith"), _span(text, "Jones"))
    assert found["clause:praised"] == 1 and "clause:disaster" not in found
    assert found["right:praised"] == 1
    # "disaster" is nearer Jones than Smith: it counts as the other actor's word.
    assert found["other:disaster"] == 1
    assert found["role:several_actors"] == 1 and found["role:other_after"] == 1
    # Every feature from a word is the sum of its evidence.
    for name, value in found.items():
        parts = [v for n, _, v in evidence if n == name]
        if parts:
            assert sum(parts) == pytest.approx(value)


def test_negation_flips_valence_and_speaker_role():
    text = "Lee said the deal was not good."
    found, _ = stance.features(text, _span(text, "Lee"))
    assert "valence-:sentence" in found and "valence+:sentence" not in found
    assert found["role:speaker"] == 1
    quoted = '"It is a fine deal," according to Lee.'
    assert stance.features(quoted, _span(quoted, "Lee"))[0]["role:speaker"] == 1


def test_a_span_outside_every_word_is_an_error_and_neutral_in_reports():
    with pytest.raises(ValueError, match="cover no word"):
        stance.features("Smith spoke.", [(20, 25)])
    assert stance.neutral("no word").label == "neutral" and stance.neutral("no word").stance == 0


def test_two_targets_of_one_sentence_get_opposite_stances():
    text = "The brave reformer Garcia defeated the corrupt, disgraced tyrant Novak."
    for_garcia = stance.predict(text, _span(text, "Garcia"), _span(text, "Novak"))
    for_novak = stance.predict(text, _span(text, "Novak"), _span(text, "Garcia"))
    assert for_garcia.stance > for_novak.stance
    assert for_novak.label == "negative"
    # The evidence words are words of the sentence, at their offsets.
    assert for_novak.evidence and all(text[a:b] == word for a, b, word, _ in for_novak.evidence)
    assert -1 <= for_novak.stance <= 1 and sum(for_novak.probabilities) == pytest.approx(1)


def test_missing_or_old_model_file_names_the_file_and_the_command(tmp_path):
    with pytest.raises(stance.ModelFileError, match=r"nothere\.json: stance model file not found.*newsmtsc-train"):
        stance.load_model(tmp_path / "nothere.json")
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"feature_version": 0, "classes": list(stance.CLASSES)}), encoding="utf-8")
    with pytest.raises(stance.ModelFileError, match=r"old\.json: written for feature version 0.*newsmtsc-train"):
        stance.load_model(old)


def test_the_committed_model_is_small_and_records_its_training():
    assert stance.MODEL_FILE.stat().st_size < 2_000_000
    info = stance.load_model().info
    assert info["feature_version"] == stance.FEATURE_VERSION
    assert "devtest_mt.jsonl never read" in info["trained_on"]
    assert info["tuning"]["chosen"]["held_out_macro_f1"] > 0.55


def test_several_targets_of_a_sentence_at_once_equal_one_at_a_time():
    text = "Garcia praised Novak, but Novak condemned Garcia's brutal plan."
    garcia, novak = [(0, 6), (42, 48)], [(15, 20), (26, 31)]
    together = stance.predict_targets(text, [(garcia, novak), (novak, garcia), ([(70, 75)], [])])
    assert together[:2] == [stance.predict(text, garcia, novak), stance.predict(text, novak, garcia)]
    assert together[2] == stance.neutral("no word of the mention in its sentence")


def test_covered_tokens_are_those_overlapping_a_span():
    text = "A  word-pair, and more."
    tokens = stance._tokens(text)
    for spans in ([(0, 1)], [(3, 7)], [(5, 5)], [(2, 3), (10, 20)], [(30, 40)], [(12, 6)], []):
        expected = [any(a < end and start < b for start, end in spans) for a, b, _ in tokens]
        assert stance._covered(tokens, spans) == expected, spans
