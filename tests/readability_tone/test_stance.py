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


def _structure(text: str, name: str, *others: str) -> dict[str, float]:
    found, _ = stance.features(text, _span(text, name), [span for other in others for span in _span(text, other)])
    families = ("poss", "pred", "pred_obj", "patient", "patient_prep")
    return {key: value for key, value in found.items()
            if key.split(":")[0] in families or key.split(":")[-1] in stance.STRUCTURE_FAMILIES}


def test_what_the_target_possesses_is_read_from_the_noun_phrase_after_its_possessive():
    text = "Observers feared that Ruritania would applaud Novak's reckless bullying of its neighbours."
    found = _structure(text, "Novak", "Ruritania")
    assert found["poss:reckless"] == 1 and found["poss:bullying"] == 1
    # "reckless" is negative in VADER: the possessed phrase counts against the possessor.
    assert "valence-:poss" in found
    # Not the verb that governs the whole phrase: Novak is not what is applauded.
    assert "patient:applaud" not in found and "poss:neighbours" not in found
    plural = "The Greens' shameful plan collapsed."
    assert _structure(plural, "Greens")["poss:shameful"] == 1
    pronoun = "Garcia said his generous offer stood."
    assert _structure(pronoun, "his", "Garcia")["poss:generous"] == 1


def test_the_verb_a_target_is_subject_of_and_its_object_are_its_predicate():
    text = "Novak has repeatedly threatened brutal reprisals, officials in Lisbon said."
    found = _structure(text, "Novak", "Lisbon")
    assert found["pred:threatened"] == 1 and found["pred_obj:brutal"] == 1 and found["pred_obj:reprisals"] == 1
    assert "valence-:pred" in found
    copula = "Garcia is a corrupt liar."
    assert _structure(copula, "Garcia")["pred:corrupt"] == 1
    # The agent of a passive did the deed.
    agent = "The treaty was praised by Garcia."
    assert _structure(agent, "Garcia")["pred:praised"] == 1


def test_what_is_done_to_a_target_is_its_patient_family():
    text = "The council condemned Novak and imposed sanctions against Garcia."
    assert _structure(text, "Novak", "Garcia")["patient:condemned"] == 1
    against = _structure(text, "Garcia", "Novak")
    assert against["patient:sanctions"] == 1 and against["patient_prep:against"] == 1
    passive = "Novak was criticized for the delay."
    found = _structure(passive, "Novak")
    assert found["patient:criticized"] == 1 and "pred:criticized" not in found
    assert "valence-:patient" in found


def test_structure_features_are_evidence_at_their_words_offsets():
    text = "The council condemned Novak's brutal crackdown."
    found, evidence = stance.features(text, _span(text, "Novak"))
    words = stance._tokens(text)
    for name in ("poss:brutal", "poss:crackdown"):
        (index,) = [i for n, i, _ in evidence if n == name]
        start, end, _ = words[index]
        assert text[start:end] == name.split(":")[1]
    decided = stance.predict(text, _span(text, "Novak"))
    assert decided.label == "negative"
    assert all(text[a:b] == word for a, b, word, _ in decided.evidence)
    assert "brutal" in [word for _, _, word, _ in decided.evidence]


def test_the_tagger_gives_textblobs_own_tags():
    from textblob.en import parser

    sentences = [
        "Aliyev 's taunting of Iran was criticised by the European Union .",
        "Sanctions against Moscow were lifted , officials said on Tuesday .",
        "She has repeatedly denied that the ministry knew about the 2,300 missing files .",
        "Protesters like him hope the new law , which parliament passed , will be struck down .",
    ]
    for sentence in sentences:
        words = sentence.split()
        assert stance._pos_tags(tuple(words)) == tuple(tag for _, tag in parser.find_tags(list(words)))


def test_scoring_a_mention_does_not_import_nltk():
    # TextBlob's package __init__ imports NLTK (over a second and ~90 MB a process); the tagger must not.
    import subprocess
    import sys

    code = ("import sys; from analysis.readability_tone import stance; "
            "stance._pos_tags(('Baku', 'threatened', 'Yerevan', '.')); print('nltk' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
