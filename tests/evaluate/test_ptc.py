"""analysis.evaluate.ptc: SemEval-2020 Task 11 span scoring, checked on examples computed by hand."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import config
from analysis.evaluate import command, ptc, scoring
from analysis.rhetoric import detector


def spans(*rows):
    """Rows of (doc_id, technique, start, end)."""
    return pd.DataFrame(list(rows), columns=ptc.LABEL_COLUMNS)


def score(predicted, gold, technique="LL"):
    row = ptc.score_spans(predicted, gold, [technique]).iloc[0]
    return round(row["precision"], 6), round(row["recall"], 6), round(row["f1"], 6)


# --------------------------------------------------------------------------- the scorer by hand

def test_half_overlap():
    # pred [0,10) and gold [5,15) share 5 characters: 5/10 of each.
    assert score(spans(("d", "LL", 0, 10)), spans(("d", "LL", 5, 15))) == (0.5, 0.5, 0.5)


def test_two_predictions_one_gold():
    # pred [0,4) overlaps gold [2,12) by 2 -> 2/4 = 0.5 ; pred [10,20) by 2 -> 2/10 = 0.2.
    # P = (0.5 + 0.2) / 2 = 0.35 ; R = (2/10 + 2/10) / 1 = 0.4 ; F1 = 2*0.35*0.4/0.75 = 0.373333
    assert score(spans(("d", "LL", 0, 4), ("d", "LL", 10, 20)), spans(("d", "LL", 2, 12))) == (0.35, 0.4, 0.373333)


def test_overlapping_gold_spans_of_one_technique_are_merged():
    # gold [0,10) and [5,15) become [0,15): one span, fully covered.
    result = ptc.score_spans(spans(("d", "LL", 0, 15)), spans(("d", "LL", 0, 10), ("d", "LL", 5, 15)), ["LL"]).iloc[0]
    assert (result["n_gold"], result["precision"], result["recall"]) == (1, 1.0, 1.0)


def test_touching_predictions_stay_two_spans():
    # [0,5) and [5,10) do not overlap, so they are not merged: each is wholly inside gold [0,10).
    result = ptc.score_spans(spans(("d", "LL", 0, 5), ("d", "LL", 5, 10)), spans(("d", "LL", 0, 10)), ["LL"]).iloc[0]
    assert (result["n_predicted"], result["precision"], result["recall"]) == (2, 1.0, 1.0)


def test_technique_and_document_must_match():
    assert score(spans(("d", "LL", 0, 10)), spans(("d", "NC", 0, 10))) == (0.0, 0.0, 0.0)
    assert score(spans(("d", "LL", 0, 10)), spans(("e", "LL", 0, 10))) == (0.0, 0.0, 0.0)
    # A technique nobody predicted has recall 0 over its gold spans.
    row = ptc.score_spans(spans(("d", "LL", 0, 10)), spans(("d", "NC", 0, 10)), ["NC"]).iloc[0]
    assert (row["n_predicted"], row["n_gold"], row["recall"]) == (0, 1, 0.0)


def test_micro_average_pools_sums_and_counts():
    # LL: one exact hit (p_sum 1, r_sum 1, 1 pred, 1 gold).
    # NC: preds [20,30) and [40,50), gold [20,25): p_sum 5/10 = 0.5, r_sum 5/5 = 1, 2 preds, 1 gold.
    # micro P = (1 + 0.5) / 3 = 0.5 ; R = (1 + 1) / 2 = 1 ; F1 = 2/3.
    predicted = spans(("d", "LL", 0, 10), ("d", "NC", 20, 30), ("d", "NC", 40, 50))
    gold = spans(("d", "LL", 0, 10), ("d", "NC", 20, 25))
    table = ptc.score_spans(predicted, gold, ["LL", "NC"])
    assert table.set_index("technique").loc["NC", ["precision", "recall"]].tolist() == [0.25, 1.0]
    p, r, f = ptc.micro_average(table)
    assert (round(p, 6), round(r, 6), round(f, 6)) == (0.5, 1.0, 0.666667)


def test_span_identification_ignores_the_technique():
    p, r, f = ptc.score_span_identification(spans(("d", "LL", 0, 10)), spans(("d", "NC", 5, 15)))
    assert (p, r, f) == (0.5, 0.5, 0.5)


def test_merge_overlaps():
    assert scoring.merge_overlaps([(5, 8), (0, 3), (2, 6), (8, 9)]) == [(0, 8), (8, 9)]
    assert scoring.merge_overlaps([]) == []


def test_unmatched_finds_false_alarms_and_misses():
    predicted = spans(("d", "LL", 0, 4), ("d", "LL", 20, 24))
    gold = spans(("d", "LL", 2, 8), ("d", "LL", 40, 44))
    assert ptc.unmatched(predicted, gold, "LL")[["start", "end"]].values.tolist() == [[20, 24]]
    assert ptc.unmatched(gold, predicted, "LL")[["start", "end"]].values.tolist() == [[40, 44]]


# --------------------------------------------------------------------------- inputs

def test_read_labels_and_clear_errors(tmp_path):
    good = tmp_path / "good.labels"
    good.write_text("111\tLoaded_Language\t4\t16\n111\tDoubt\t0\t3\n", encoding="utf-8")
    labels = ptc.read_labels(good)
    assert labels.values.tolist() == [["article111", "Loaded_Language", 4, 16], ["article111", "Doubt", 0, 3]]
    for content, message in [
        ("111\tLoaded_Language\t4\n", r"good2\.labels: line 1 has 3 tab-separated fields"),
        ("111\tLoaded_Language\tfour\t16\n", r"line 1: offsets 'four'"),
        ("\n111\tLoaded_Language\t16\t4\n", r"line 2: span 16-4 is empty"),
    ]:
        bad = tmp_path / "good2.labels"
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(ValueError, match=message):
            ptc.read_labels(bad)
    with pytest.raises(FileNotFoundError, match="label file not found"):
        ptc.read_labels(tmp_path / "missing.labels")


def test_labels_past_the_end_of_an_article_are_refused():
    docs = pd.DataFrame({"doc_id": ["article1"], "n_chars": [10]})
    with pytest.raises(ValueError, match="runs past the article's end"):
        ptc.check_labels(spans(("article1", "LL", 5, 11)), docs, "x.labels")
    kept = ptc.check_labels(spans(("article1", "LL", 5, 10), ("article2", "LL", 0, 99)), docs, "x.labels")
    assert kept["doc_id"].tolist() == ["article1"]  # labels of absent articles are set aside


def test_the_split_is_fixed_and_recorded():
    assert ptc.ptc_part("111111111") == ptc.ptc_part("111111111")
    tuned = ptc.tune_articles()
    assert tuned, "analysis/data/ptc_tune_articles.csv is missing: run python -m analysis.evaluate ptc-tune"
    assert all(ptc.ptc_part(article) == "tune" for article in tuned)


# --------------------------------------------------------------------------- the command

def test_command_on_a_constructed_corpus(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "A plan for the port\n\nThe catastrophic plan was approved on Monday.\n"
    (folder / "article900000001.txt").write_text(text, encoding="utf-8")
    start = text.index("catastrophic")
    labels = tmp_path / "gold.labels"
    labels.write_text(f"900000001\tLoaded_Language\t{start}\t{start + len('catastrophic')}\n", encoding="utf-8")
    assert command.main(["ptc", "--articles", str(folder), "--labels", str(labels)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"micro_f1=\d\.\d{4}", out[-1])
    loaded = next(line for line in out if line.startswith("Loaded_Language"))
    # One labelled span, found exactly: recall 1.000; "catastrophic" is the only loaded word.
    assert loaded.split()[1:] == ["1", "1", "1.000", "1.000", "1.000"]


def test_command_refuses_a_bad_label_file(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "article900000001.txt").write_text("Short text.\n", encoding="utf-8")
    labels = tmp_path / "gold.labels"
    labels.write_text("900000001\tLoaded_Language\t0\t400\n", encoding="utf-8")
    with pytest.raises(ValueError, match="runs past the article's end"):
        command.main(["ptc", "--articles", str(folder), "--labels", str(labels)])


# --------------------------------------------------------------------------- the real corpus

@pytest.fixture(scope="module")
def ptc_dir():
    folder = config.shared_data_dir() / "ptc"
    if not (folder / "train-articles").is_dir():
        pytest.skip(f"Propaganda Techniques Corpus not found at {folder}")
    return folder


def test_ptc_labels_are_python_offsets_into_the_articles(ptc_dir):
    labels = ptc.read_labels(ptc_dir / "train-task2-TC.labels")
    assert len(labels) == 6129
    assert labels["technique"].value_counts()["Loaded_Language"] == 2123
    text = (ptc_dir / "train-articles" / "article111111111.txt").read_text(encoding="utf-8")
    first = labels[labels["doc_id"].eq("article111111111")].iloc[0]
    assert not text[first["start"]:first["end"]][0].isspace()


def test_the_split_holds_half_of_the_ptc(ptc_dir):
    ids = [path.stem.removeprefix("article") for path in (ptc_dir / "train-articles").glob("article*.txt")]
    tune = {article for article in ids if ptc.ptc_part(article) == "tune"}
    assert tune == ptc.tune_articles()
    assert 0.4 < len(tune) / len(ids) < 0.6


def test_scoring_a_few_held_out_articles(ptc_dir):
    docs = ptc.load_articles(ptc_dir / "train-articles")
    held = ptc.select_part(docs, "held-out").head(8)
    labels = ptc.check_labels(ptc.read_labels(ptc_dir / "train-task2-TC.labels"), held, "train-task2-TC.labels")
    result = ptc.evaluate(held, labels)
    detected = [t for t in detector.load_devices()["ptc_technique"].drop_duplicates() if t]
    assert set(result["per_technique"]["technique"]) == set(detected)
    assert result["n_gold"] == len(labels)
    assert all(0 <= value <= 1 for value in (*result["micro"], *result["span_identification"]))
    assert not set(held["doc_id"].str.removeprefix("article")) & ptc.tune_articles()


@pytest.fixture()
def small_ptc(ptc_dir, tmp_path):
    """A PTC-shaped folder with 10 real articles (held-out and tune ones) and their labels."""
    folder = tmp_path / "ptc"
    articles = folder / ptc.PTC_ARTICLES
    articles.mkdir(parents=True)
    paths = sorted((ptc_dir / ptc.PTC_ARTICLES).glob("article*.txt"))[:10]
    for path in paths:
        (articles / path.name).write_bytes(path.read_bytes())
    wanted = {path.stem.removeprefix("article") for path in paths}
    lines = (ptc_dir / ptc.PTC_LABELS).read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / ptc.PTC_LABELS).write_text("".join(line for line in lines if line.split("\t")[0] in wanted), encoding="utf-8")
    return folder


def test_held_out_evaluation_scores_only_held_out_articles_and_is_cached(small_ptc, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_CACHE", str(tmp_path / "cache"))
    fresh = ptc.held_out_evaluation(small_ptc, use_cache=False)
    held = set(fresh["articles"]["doc_id"])
    assert held and len(held) < 10, "the ten articles should mix held-out and tune ones"
    assert not {doc.removeprefix("article") for doc in held} & ptc.tune_articles()
    assert set(fresh["labels"]["doc_id"]) <= held and set(fresh["predictions"]["doc_id"]) <= held
    # The same figures as scoring the held-out articles step by step.
    docs = ptc.load_articles(small_ptc / ptc.PTC_ARTICLES)
    labels = ptc.check_labels(ptc.read_labels(small_ptc / ptc.PTC_LABELS), docs, "labels")
    by_hand = ptc.evaluate(ptc.select_part(docs, "held-out"), labels)
    assert fresh["micro"] == by_hand["micro"] and fresh["span_identification"] == by_hand["span_identification"]

    first = ptc.held_out_evaluation(small_ptc)
    assert len(list((tmp_path / "cache").glob("ptc-held-out-evaluation-*.pickle"))) == 1

    def must_not_run(*args, **kwargs):
        raise AssertionError("the detector ran although its result was cached")

    monkeypatch.setattr(ptc, "ptc_predictions", must_not_run)
    second = ptc.held_out_evaluation(small_ptc)
    pd.testing.assert_frame_equal(second["per_technique"], first["per_technique"])
    pd.testing.assert_frame_equal(second["predictions"], fresh["predictions"])
    assert second["micro"] == fresh["micro"]

    # Editing a label file changes the key: the cached result is not reused.
    with (small_ptc / ptc.PTC_LABELS).open("a", encoding="utf-8") as labels_file:
        labels_file.write(f"{next(iter(held)).removeprefix('article')}\tLoaded_Language\t0\t3\n")
    with pytest.raises(AssertionError, match="the detector ran"):
        ptc.held_out_evaluation(small_ptc)


def test_held_out_evaluation_names_a_missing_label_file(small_ptc):
    (small_ptc / ptc.PTC_LABELS).unlink()
    with pytest.raises(FileNotFoundError, match=r"train-task2-TC\.labels: the PTC technique labels are missing"):
        ptc.held_out_evaluation(small_ptc, use_cache=False)


def test_recorded_figures_replace_the_tasks_earlier_rows(tmp_path):
    path = tmp_path / "figures.csv"
    scoring.record_figures("ptc", [("micro_f1", 0.19)], "held-out", "./workbook evaluate ptc", "2026-11-01", path)
    scoring.record_figures("newsmtsc", [("macro_f1", 0.6)], "report", "./workbook evaluate newsmtsc", "2026-11-02", path)
    scoring.record_figures("ptc", [("micro_f1", 0.35), ("si_f1", 0.45)], "held-out", "./workbook evaluate ptc", "2026-12-01", path)
    ptc_rows = scoring.last_figures("ptc", path)
    assert {name: row["value"] for name, row in ptc_rows.items()} == {"micro_f1": "0.3500", "si_f1": "0.4500"}
    assert ptc_rows["micro_f1"]["measured_on"] == "2026-12-01"
    assert scoring.last_figures("newsmtsc", path)["macro_f1"]["value"] == "0.6000"
    assert scoring.last_figures("furniture", path) == {}
