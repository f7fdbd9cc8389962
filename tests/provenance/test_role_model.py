"""analysis.provenance.role_model: the source and content of a cue, on constructed sentences, and the model file's errors.

Expected spans were read off the sentences, not copied from the model's output.
"""

from __future__ import annotations

import json

import pytest

from analysis.provenance import attribution, cue_model, role_model


def _roles(text: str, cue: str):
    quotes = attribution.find_quotes(text)
    runs = [(s, e, p) for s, e, p, _ in cue_model.cue_spans(text, quotes, attribution.reporting_forms())]
    paragraph = role_model.paragraph(text, quotes, runs)
    start = text.index(cue)
    first, last = role_model.word_range(paragraph, start, start + len(cue))
    roles = role_model.decode(paragraph, first, last, role_model.load_role_model())

    def span(words):
        return None if words is None else text[paragraph.words[words[0]][0]:paragraph.words[words[1]][1]]

    return span(roles.source), span(roles.content), roles


@pytest.mark.parametrize("text, cue, source, content", [
    ("Ann Lee said the port would close.", "said", "Ann Lee", "the port would close"),
    ("The port would close, the harbour master said on Monday.", "said", "the harbour master", "The port would close"),
    ("Richard Roe, director of the ferry company, said the fares would rise.", "said",
     "Richard Roe, director of the ferry company", "the fares would rise"),
    ("According to the report, the river rose by two metres.", "According to", "the report", "the river rose by two metres"),
    ("“We are ready,” the mayor said, “and we will win.”", "said", "the mayor", "“We are ready,” the mayor said, “and we will win.”"),
])
def test_source_and_content_of_a_cue_on_constructed_sentences(text, cue, source, content):
    found_source, found_content, roles = _roles(text, cue)
    assert found_source == source
    assert found_content.rstrip(".") == content
    assert roles.source_reasons and roles.content_reasons  # each decision names the features behind it


def test_an_attribution_inside_another_ones_content_is_part_of_it():
    # PolNeAR labels each word once: "Comey said" is inside what the fact checkers pointed out.
    text = "Several fact checkers have pointed out that Comey said only that her statements were truthful."
    source, content, roles = _roles(text, "have pointed out")
    assert source == "Several fact checkers"
    assert content.startswith("that Comey said only") and content.endswith("truthful")


def test_best_segment_sums_the_gains_and_bridges_one_weak_word():
    assert role_model._best_segment([0, 1, 2, 3, 4], [-1.0, 2.0, -0.5, 1.5, -3.0]) == (1, 3)
    assert role_model._best_segment([0, 1, 2], [-1.0, -2.0, -0.5]) is None
    # A gap in the window (the cue's own words are left out) starts a new run.
    assert role_model._best_segment([0, 1, 5, 6], [1.0, 1.0, 0.5, 0.4]) == (0, 1)


def test_a_missing_or_other_version_model_file_names_the_file_and_the_command(tmp_path):
    with pytest.raises(role_model.RoleModelError, match=r"nowhere\.json.*missing.*attribution-train"):
        role_model.load_role_model(tmp_path / "nowhere.json")
    old = tmp_path / "old.json"
    data = json.loads(role_model.MODEL_FILE.read_text(encoding="utf-8"))
    old.write_text(json.dumps({**data, "version": 0}), encoding="utf-8")
    with pytest.raises(role_model.RoleModelError, match=r"old\.json: role model version 0.*attribution-train"):
        role_model.load_role_model(old)
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": 1}', encoding="utf-8")
    with pytest.raises(role_model.RoleModelError, match=r"broken\.json: not an attribution role model"):
        role_model.load_role_model(broken)


def _hand_model(source_p_before: float) -> role_model.RoleModel:
    # Every word before the cue but a comma gets the source probability ``source_p_before``; every word after
    # it is content.
    logit = role_model._logit(source_p_before)
    return role_model.RoleModel(
        weights={"source": {"s=L": logit + 10.0, "s=L|w=,": -20.0}, "content": {"s=R": 20.0}},
        bias={"source": -10.0, "content": -10.0}, threshold={"source": 0.2, "content": 0.2},
        version=role_model.MODEL_VERSION, trained_on="hand-made")


def _decode_with(model, text="Yesterday, Ann Lee denied it.", cue="denied"):
    start = text.index(cue)
    paragraph = role_model.paragraph(text, [], [(start, start + len(cue), 0.9)])
    first, last = role_model.word_range(paragraph, start, start + len(cue))
    roles = role_model.decode(paragraph, first, last, model)
    words = paragraph.words
    return (None if roles.source is None else text[words[roles.source[0]][0]:words[roles.source[1]][1]]), roles


def test_below_the_source_threshold_the_nearest_run_before_the_cue_in_its_sentence_is_the_source(monkeypatch):
    source, roles = _decode_with(_hand_model(0.17))
    # Under the threshold (0.2) but over the fallback's bar (0.15): the stronger run before the cue.
    assert source == "Ann Lee"
    assert "below the source threshold" in roles.source_reasons
    # An unsure run that names no one is not taken.
    assert _decode_with(_hand_model(0.17), text="In addition to that, the clerk denied it.")[0] is None
    # A capitalised verb form opening the sentence is no name either.
    assert _decode_with(_hand_model(0.17), text="Promoting peace, the clerk denied it.")[0] is None
    monkeypatch.setattr(role_model, "FALLBACK_SOURCE_THRESHOLD", None)
    assert _decode_with(_hand_model(0.17))[0] is None
    monkeypatch.undo()
    # Under the fallback's bar too: no source.
    assert _decode_with(_hand_model(0.1))[0] is None
    # Over the threshold the model's own choice stands, and says nothing of the fallback.
    source, roles = _decode_with(_hand_model(0.9))
    assert source is not None and "below the source threshold" not in roles.source_reasons


def test_the_fallback_never_reaches_into_an_earlier_sentence():
    assert _decode_with(_hand_model(0.17), text="Prices rose. Denied it was, by all.", cue="Denied")[0] is None
