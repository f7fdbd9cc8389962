"""analysis.evaluate.newsmtsc: reading NewsMTSC, bad rows named, per-class scores, the held-out figure."""

from __future__ import annotations

import json

import pytest

from analysis import config
from analysis.evaluate import command, newsmtsc

SENTENCE = "Smith praised the plan, but Jones called it a disaster."


def _write(tmp_path, *records) -> str:
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _record(targets, text=SENTENCE):
    return {"primary_gid": "x_1_2_t", "sentence_normalized": text, "targets": targets}


def test_reads_targets_with_their_other_targets(tmp_path):
    rows = newsmtsc.read_targets(_write(tmp_path, _record([
        {"from": 0, "to": 5, "mention": "Smith", "polarity": 6.0},
        {"from": 28, "to": 33, "mention": "Jones", "polarity": 2.0, "further_mentions": [{"from": 41, "to": 43, "mention": "it"}]},
    ])))
    assert [(r["mention"], r["label"], r["n_targets"]) for r in rows] == [("Smith", "positive", 2), ("Jones", "negative", 2)]
    assert rows[0]["others"] == [(28, 33), (41, 43)] and rows[1]["target"] == [(28, 33), (41, 43)]


@pytest.mark.parametrize(
    "record, message",
    [
        (_record([]), r"line 1: the sentence names no target"),
        (_record([{"from": 0, "to": 4, "mention": "Smith", "polarity": 4}]), r"line 1: target 1 span 0-4 reads 'Smit', not the mention 'Smith'"),
        (_record([{"from": 50, "to": 90, "mention": "x", "polarity": 4}]), r"line 1: target 1 span 50-90 lies outside the sentence"),
        (_record([{"from": 0, "to": 5, "mention": "Smith", "polarity": 5}]), r"line 1: target 1 polarity 5 is not 2, 4 or 6"),
        ({"primary_gid": "x", "targets": []}, r"line 1: no sentence"),
    ],
)
def test_bad_rows_are_named(tmp_path, record, message):
    with pytest.raises(ValueError, match=message):
        newsmtsc.read_targets(_write(tmp_path, record))


def test_class_scores_by_hand():
    scores = newsmtsc.class_scores(["negative", "negative", "neutral", "positive"], ["negative", "neutral", "neutral", "negative"])
    by_class = {row["class"]: row for row in scores["classes"]}
    # negative: 1 of 2 predicted right, 1 of 2 gold found; neutral: 1 of 2 predicted, 1 of 1 gold; positive: none.
    assert by_class["negative"]["f1"] == pytest.approx(0.5)
    assert by_class["neutral"]["f1"] == pytest.approx(2 / 3)
    assert by_class["positive"]["f1"] == 0
    assert scores["macro_f1"] == pytest.approx((0.5 + 2 / 3) / 3)


def test_the_command_prints_a_table_and_ends_with_macro_f1(tmp_path, capsys):
    path = _write(tmp_path, _record([{"from": 0, "to": 5, "mention": "Smith", "polarity": 6}, {"from": 28, "to": 33, "mention": "Jones", "polarity": 2}]))
    assert command.main(["newsmtsc", "--data", str(path)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("negative") for line in out) and out[-1].startswith("macro_f1=")


def test_absent_data_is_skipped_with_a_message(tmp_path, capsys):
    assert command.main(["newsmtsc", "--data", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().err


def test_devtest_macro_f1_beats_sentence_vader():
    path = config.shared_data_dir() / "newsmtsc" / "devtest_mt.jsonl"
    if not path.is_file():
        pytest.skip(f"outside data not found at {path}")
    result = newsmtsc.evaluate(newsmtsc.read_targets(path))
    assert result["all"]["macro_f1"] > result["vader"]["macro_f1"] + 0.05


def test_report_figures_are_measured_when_the_file_is_present(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "cache"))
    path = _write(tmp_path, _record([{"from": 0, "to": 5, "mention": "Smith", "polarity": 6}, {"from": 28, "to": 33, "mention": "Jones", "polarity": 2}]))
    figures = newsmtsc.report_figures(path)
    direct = newsmtsc.evaluate(newsmtsc.read_targets(path))
    assert figures["measured"] and figures["targets"] == 2 and figures["data"] == "data.jsonl"
    assert figures["macro_f1"] == pytest.approx(direct["all"]["macro_f1"])
    assert figures["vader_macro_f1"] == pytest.approx(direct["vader"]["macro_f1"])
    assert newsmtsc.report_figures(path) == figures  # the cached result is the same


def test_report_figures_fall_back_to_the_last_recorded_figure(tmp_path, monkeypatch):
    from analysis.evaluate import scoring

    figures_file = tmp_path / "evaluation_figures.csv"
    monkeypatch.setattr(scoring, "FIGURES_FILE", figures_file)
    absent = tmp_path / "devtest_mt.jsonl"
    nothing = newsmtsc.report_figures(absent)
    assert nothing["macro_f1"] is None and not nothing["measured"]
    scoring.record_figures("newsmtsc", [("macro_f1", 0.6009)], "all", "./workbook evaluate newsmtsc", "2026-01-02", figures_file)
    last = newsmtsc.report_figures(absent)
    assert last["macro_f1"] == pytest.approx(0.6009) and last["measured_on"] == "2026-01-02" and not last["measured"]
    assert last["vader_macro_f1"] is None
