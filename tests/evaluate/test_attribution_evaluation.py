"""analysis.evaluate.attribution: the PolNeAR reader and the one-to-one scores, on files and figures made by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.evaluate import attribution as evaluation
from analysis.provenance import attribution

TEXT = 'Ann Lee said the port would close. "It is over," he added. Prices rose.'


def _ann(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_brat_events_become_attributions_and_notes_are_ignored(tmp_path):
    path = _ann(tmp_path, "a_x1.ann", [
        "T1\tSource 0 7\tAnn Lee", "T2\tCue 8 12\tsaid", "T3\tContent 13 34\tthe port would close.",
        "T4\tAttribution 8 12\tsaid", "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tDiscuss 59 71\tPrices rose.",
        "T6\tContent 35 48;49 50\t\"It is over,\"", "T7\tCue 52 57\tadded", "T8\tAttribution-no-source 52 57\tadded",
        "E2\tAttribution-no-source:T8 Cue:T7 Content:T6",
    ])
    gold = evaluation.read_annotation(path, TEXT)
    assert [g["attribution_id"] for g in gold] == ["E1", "E2"]
    assert gold[0]["source"] == [(0, 7)] and gold[0]["cue_text"] == "said"
    assert gold[1]["content"] == [(35, 48), (49, 50)] and gold[1]["source"] == []


def test_a_span_past_the_text_is_refused_naming_the_file_and_line(tmp_path):
    path = _ann(tmp_path, "a_x1.ann", ["T1\tCue 8 12\tsaid", "T2\tContent 13 999\tx"])
    with pytest.raises(ValueError, match=r"a_x1\.ann: line 2: span ends at 999"):
        evaluation.read_annotation(path, TEXT)


def test_an_event_pointing_at_a_missing_span_is_refused(tmp_path):
    path = _ann(tmp_path, "a_x1.ann", ["T1\tCue 8 12\tsaid", "E1\tAttribution:T9 Content:T3 Cue:T1"])
    with pytest.raises(ValueError, match="points at T3"):
        evaluation.read_annotation(path, TEXT)


def test_the_annotator_pick_is_fixed_and_independent_of_order():
    picks = {evaluation.choose_annotator("article", order) for order in (["a", "b", "c"], ["c", "a", "b"])}
    assert len(picks) == 1


def _gold(rows):
    frame = pd.DataFrame(rows, columns=["doc_id", "content", "cue", "source", "source_text", "is_quote", "cue_kind"])
    return frame


def _ledger(rows):
    base = {c: "" for c in attribution.ATTRIBUTION_COLUMNS}
    frame = pd.DataFrame([{**base, **r} for r in rows], columns=attribution.ATTRIBUTION_COLUMNS)
    for column in ("source_start", "source_end", "cue_start", "cue_end"):
        frame[column] = frame[column].replace("", None).astype("Int64")
    frame["is_quote"] = frame["is_quote"].astype(bool)
    return frame


def test_matching_is_one_to_one_and_scores_source_and_cue():
    # Two gold attributions in one sentence; the first row overlaps both, the second only the second.
    gold = _gold([
        ("d", [(10, 20)], [(5, 9)], [(0, 4)], "Ann Lee", False, "verb"),
        ("d", [(30, 40)], [(25, 29)], [], "", False, "thought"),
    ])
    ledger = _ledger([
        {"doc_id": "d", "start": 10, "end": 35, "kind": "reported", "speaker_kind": "named", "speaker": "Ann Lee",
         "source_start": 0, "source_end": 4, "cue_start": 5, "cue_end": 9, "cue_kind": "verb", "is_quote": False},
        {"doc_id": "d", "start": 31, "end": 40, "kind": "thought", "speaker_kind": "none", "speaker": "",
         "source_start": "", "source_end": "", "cue_start": 25, "cue_end": 29, "cue_kind": "thought", "is_quote": False},
        {"doc_id": "d", "start": 50, "end": 55, "kind": "scare_quote", "speaker_kind": "none", "is_quote": False},
    ])
    result = evaluation.evaluate(ledger, gold)
    # Row 1 overlaps gold 1 by 10 characters and gold 2 by 5; row 2 overlaps gold 2 by 9: pairs (0, 0) and (1, 1).
    assert result["pairs"] == [(0, 0), (1, 1)]
    assert (result["overall"]["n_predicted"], result["overall"]["precision"], result["overall"]["recall"]) == (2, 1.0, 1.0)
    assert result["source_accuracy"] == 1.0 and result["cue_accuracy"] == 1.0
    thought = result["per_kind"].set_index("kind").loc["thought"]
    assert (thought["n_gold"], thought["n_matched"], thought["recall"]) == (1, 1, 1.0)


def test_a_surname_resolved_to_the_full_name_counts_as_the_right_source():
    gold = _gold([("d", [(10, 20)], [(5, 9)], [(40, 43)], "Lee", False, "verb")])
    ledger = _ledger([{"doc_id": "d", "start": 10, "end": 20, "kind": "reported", "speaker_kind": "named", "speaker": "he",
                       "source_resolved": "Ann Lee", "source_start": 0, "source_end": 2, "cue_start": 5, "cue_end": 9,
                       "cue_kind": "verb", "is_quote": False}])
    assert evaluation.evaluate(ledger, gold)["source_accuracy"] == 1.0


@pytest.mark.slow
def test_polnear_dev_meets_its_floor():
    folder = config.shared_data_dir() / "polnear" / "dev"
    if not folder.is_dir():
        pytest.skip(f"outside data not found at {folder}")
    result = evaluation.run_evaluation(folder / "text", folder / "attributions")
    # Floors a little under the figures measured when the cue model was committed (docs/attribution.md).
    assert result["overall"]["f1"] >= 0.65 and result["quotes"]["f1"] >= 0.80


def test_the_listed_annotator_choices_are_the_ones_the_evaluation_makes():
    listed = pd.read_csv(evaluation.ANNOTATOR_FILE, dtype=str)
    assert list(listed.columns) == ["compartment", "article", "annotators", "chosen"]
    assert set(listed["compartment"]) == {"train", "dev"}
    for row in listed.itertuples(index=False):
        annotators = row.annotators.split("|")
        assert len(annotators) > 1 and row.chosen in annotators
        assert evaluation.choose_annotator(row.article, annotators) == row.chosen, row.article


def _one_pair(gold_source_text, speaker, resolved, row_span=(0, 2), gold_span=(40, 43)):
    gold = _gold([("d", [(10, 20)], [(5, 9)], [gold_span], gold_source_text, False, "verb")])
    ledger = _ledger([{"doc_id": "d", "start": 10, "end": 20, "kind": "reported", "speaker_kind": "named",
                       "speaker": speaker, "source_resolved": resolved, "source_start": row_span[0],
                       "source_end": row_span[1], "cue_start": 5, "cue_end": 9, "cue_kind": "verb", "is_quote": False}])
    return evaluation.evaluate(ledger, gold)["source_accuracy"]


def test_the_gold_sources_head_name_decides_not_its_appositive():
    # "said Bob Mulholland, a California superdelegate" where the row printed "who" resolved to the name.
    assert _one_pair("Bob Mulholland, a California superdelegate", "Bob Mulholland", "Bob Mulholland") == 1.0
    assert _one_pair("Ann Lee (D-Ohio)", "Ann Lee", "Ann Lee") == 1.0
    # A row resolved to another person who merely appears in the appositive is wrong.
    assert _one_pair("Rick Tyler, Cruz's spokesman", "Ted Cruz", "Ted Cruz") == 0.0
    assert _one_pair("Cruz spokesman Rick Tyler", "Ted Cruz", "Ted Cruz") == 0.0
    # The row's resolved name has its own appositive.
    assert _one_pair("Mr. Centinello", "Dan Centinello, Romney's deputy director", "Dan Centinello, Romney's deputy director") == 1.0


def test_a_gold_pronoun_is_right_only_where_the_row_prints_it():
    # PolNeAR does not say whom the expert's "he" refers to: a row that names someone elsewhere is not assumed right.
    assert _one_pair("he", "Ann Lee", "Ann Lee") == 0.0
    assert _one_pair("he", "Ann Lee", "Ann Lee", row_span=(40, 42)) == 1.0


def test_a_row_is_paired_with_the_nested_attribution_whose_cue_it_found():
    # '“…,” said Ann Lee, reports the Times': both gold attributions hold the quotation; the row found "said".
    gold = _gold([
        ("d", [(10, 30)], [(45, 52)], [(53, 62)], "the Times", True, "verb"),
        ("d", [(10, 30)], [(31, 35)], [(36, 43)], "Ann Lee", True, "verb"),
    ])
    ledger = _ledger([{"doc_id": "d", "start": 10, "end": 30, "kind": "quote", "speaker_kind": "named",
                       "speaker": "Ann Lee", "source_start": 36, "source_end": 43, "cue_start": 31, "cue_end": 35,
                       "cue_kind": "verb", "is_quote": True}])
    result = evaluation.evaluate(ledger, gold)
    assert result["pairs"] == [(0, 1)]
    assert result["source_accuracy"] == 1.0 and result["cue_accuracy"] == 1.0
    # Without a cue in common, the content overlap decides as before (the earlier of two equal overlaps).
    ledger.loc[0, ["cue_start", "cue_end"]] = [70, 75]
    assert evaluation.evaluate(ledger, gold)["pairs"] == [(0, 0)]


def _compartment(root, names):
    """A PolNeAR-shaped compartment: text/<name>.txt and attributions/<name>_<annotator>.ann, one attribution each."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name in names:
        (root / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        _ann(root / "attributions", f"{name}_x1.ann", [
            "T1\tSource 0 7\tAnn Lee", "T2\tCue 8 12\tsaid", "T3\tContent 13 34\tthe port would close.",
            "T4\tAttribution 8 12\tsaid", "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1"])


def test_only_the_listed_articles_are_scored_and_a_listed_article_missing_is_refused(tmp_path):
    _compartment(tmp_path, ["a", "b", "c"])
    result = evaluation.run_evaluation(tmp_path / "text", tmp_path / "attributions", only=frozenset({"a", "c"}))
    assert sorted(result["docs"]["doc_id"]) == ["a", "c"] and result["overall"]["n_gold"] == 2
    with pytest.raises(ValueError, match="1 listed article"):
        evaluation.run_evaluation(tmp_path / "text", tmp_path / "attributions", only=frozenset({"a", "zz"}))


def test_the_check_part_command_scores_the_listed_train_articles_and_refuses_to_record_them(tmp_path, monkeypatch, capsys):
    from analysis.evaluate import command

    listed = sorted(evaluation.check_part_articles())
    assert len(listed) == 167  # the seeded fifth of PolNeAR's 838 train articles
    _compartment(tmp_path / "polnear" / "train", listed[:2] + ["not_listed"])
    monkeypatch.setattr(config, "shared_data_dir", lambda: tmp_path)
    assert command.main(["attribution", "--check-part"]) == 2  # 165 listed articles are not in this folder
    assert "165 listed article(s) not in the folder" in capsys.readouterr().err
    monkeypatch.setattr(evaluation, "check_part_articles", lambda: frozenset(listed[:2]))
    assert command.main(["attribution", "--check-part"]) == 0
    out = capsys.readouterr().out
    assert "2 articles (the check fifth of train: in-sample" in out and ": 2 gold attributions" in out  # not_listed left out
    assert out.rstrip().splitlines()[-1].startswith("attribution_f1=")
    assert command.main(["attribution", "--check-part", "--record"]) == 2
    assert "nothing was recorded" in capsys.readouterr().err


QUOTE_TEXT = 'Ann Lee said, "The port will close." Then "Sell now," a sign read. He called it "a scandal" and left.'


def _quote_gold(rows):
    frame = pd.DataFrame(rows, columns=["doc_id", "content", "cue", "source", "content_text", "cue_text", "source_text",
                                        "is_quote", "cue_kind"])
    return frame


def test_the_quotation_errors_list_the_missed_gold_quotations_and_the_false_quotation_rows():
    q1, q2, q3 = QUOTE_TEXT.index('"The'), QUOTE_TEXT.index('"Sell'), QUOTE_TEXT.index("it \"a")
    e1, e2 = QUOTE_TEXT.index('"', q1 + 1) + 1, QUOTE_TEXT.index('"', q2 + 1) + 1
    e3 = QUOTE_TEXT.index('scandal"') + len('scandal"')
    gold = _quote_gold([
        ("d", [(q1, e1)], [(8, 12)], [(0, 7)], QUOTE_TEXT[q1:e1], "said", "Ann Lee", True, "verb"),  # found
        ("d", [(q2, e2)], [(e2 + 8, e2 + 12)], [(e2 + 1, e2 + 7)], QUOTE_TEXT[q2:e2], "read", "a sign", True, "verb"),
        ("d", [(q3, e3)], [(q3 - 7, q3 - 1)], [(q3 - 10, q3 - 8)], QUOTE_TEXT[q3:e3], "called", "He", False, "verb"),
    ])
    ledger = _ledger([
        {"doc_id": "d", "start": q1, "end": e1, "kind": "quote", "speaker_kind": "named", "speaker": "Ann Lee",
         "source_start": 0, "source_end": 7, "cue_start": 8, "cue_end": 12, "cue_kind": "verb", "is_quote": True,
         "text": QUOTE_TEXT[q1:e1], "verb": "said"},
        {"doc_id": "d", "start": q3 + 3, "end": e3, "kind": "quote", "speaker_kind": "other", "speaker": "He",
         "source_start": q3 - 10, "source_end": q3 - 8, "cue_start": q3 - 7, "cue_end": q3 - 1, "cue_kind": "verb",
         "is_quote": True, "text": QUOTE_TEXT[q3 + 3:e3], "verb": "called"},
    ])
    result = evaluation.evaluate(ledger, gold)
    result["docs"] = pd.DataFrame([{"doc_id": "d", "raw": QUOTE_TEXT}])
    errors = evaluation.quotation_errors(result)
    by_error = {e: frame for e, frame in errors.groupby("error")}
    assert list(by_error["missed"]["content"]) == ['"Sell now,"'] and by_error["missed"]["other_row"].iloc[0] == ""
    # The quotation row "a scandal" matched the gold content 'it "a scandal"', which is no direct quotation.
    false, = by_error["false"].itertuples()
    assert false.content == '"a scandal"' and false.other_gold == f"{q3}-{e3} cue='called'"
    assert "missed_partial" not in by_error  # the partial quotation is matched by a row of the ledger
    assert '[["Sell now,"]]' in by_error["missed"]["context"].iloc[0]
    # Counted as the quotation figures count them.
    assert len(by_error["missed"]) == result["quotes"]["n_gold"] - result["quotes"]["n_matched"]
    assert len(by_error["false"]) == result["quotes"]["n_predicted"] - result["quotes"]["n_matched"]


THOUGHT_TEXT = "Lee believes the port will close. Voters want a new mayor. Aides fear the vote will slip."


def test_the_cue_kind_errors_list_one_kinds_missed_gold_and_false_rows():
    def span(phrase):
        s = THOUGHT_TEXT.index(phrase)
        return [(s, s + len(phrase))]

    gold = _quote_gold([
        ("d", span("the port will close"), span("believes"), span("Lee"), "the port will close", "believes", "Lee",
         False, "thought"),  # found
        ("d", span("a new mayor"), span("want"), span("Voters"), "a new mayor", "want", "Voters", False, "thought"),
        ("d", span("the vote will slip"), span("fear"), span("Aides"), "the vote will slip", "fear", "Aides", False,
         "verb"),  # another kind: not listed
    ])
    rows = []
    for content, cue, speaker in (("the port will close", "believes", "Lee"), ("the vote", "fear", "Aides"),
                                  ("will slip", "Aides", "")):
        (c, d), = span(content)
        (e, f), = span(cue)
        rows.append({"doc_id": "d", "start": c, "end": d, "kind": "thought", "speaker_kind": "named", "speaker": speaker,
                     "cue_start": e, "cue_end": f, "cue_kind": "thought", "is_quote": False, "text": content,
                     "verb": cue})
    result = evaluation.evaluate(_ledger(rows), gold)
    result["docs"] = pd.DataFrame([{"doc_id": "d", "raw": THOUGHT_TEXT}])
    errors = evaluation.cue_kind_errors(result, "thought")
    by_error = {e: frame for e, frame in errors.groupby("error")}
    assert list(by_error["missed"]["content"]) == ["a new mayor"]
    assert by_error["missed"]["other_row"].iloc[0] == "" and "[[a new mayor]]" in by_error["missed"]["context"].iloc[0]
    # "the vote" (its cue found too) matched the verb-cue gold; "will slip" overlaps it but is paired with nothing.
    false, = by_error["false"].itertuples()
    assert false.content == "will slip" and false.other_gold == f"{span('the vote will slip')[0][0]}-" \
        f"{span('the vote will slip')[0][1]} cue='fear'"
    kind = result["per_kind"].set_index("kind").loc["thought"]
    assert len(by_error["missed"]) == kind["n_gold"] - kind["n_matched"]
    with pytest.raises(ValueError, match="unknown cue kind"):
        evaluation.cue_kind_errors(result, "thoughts")


def test_the_fit_part_is_the_train_articles_outside_the_check_fifth(tmp_path, monkeypatch, capsys):
    from analysis.evaluate import command

    listed = sorted(evaluation.check_part_articles())
    _compartment(tmp_path / "polnear" / "train", listed[:2] + ["fit_a", "fit_b"])
    assert evaluation.fit_part_articles(tmp_path / "polnear" / "train" / "text") == {"fit_a", "fit_b"}
    monkeypatch.setattr(config, "shared_data_dir", lambda: tmp_path)
    out_csv = tmp_path / "errors.csv"
    assert command.main(["attribution", "--fit-part", "--quotation-errors", str(out_csv)]) == 0
    out = capsys.readouterr().out
    assert "2 articles (train outside the check fifth" in out and ": 2 gold attributions" in out
    assert list(pd.read_csv(out_csv).columns)[:3] == ["error", "doc_id", "start"]
    assert command.main(["attribution", "--fit-part", "--record"]) == 2
    _compartment(tmp_path / "polnear" / "dev", ["dev_a"])
    assert command.main(["attribution", "--quotation-errors", str(out_csv)]) == 2  # dev's errors are not read
    assert "only of train/ articles" in capsys.readouterr().err
    assert command.main(["attribution", "--cue-errors", "thought", str(out_csv)]) == 2
    assert "only of train/ articles" in capsys.readouterr().err
    assert command.main(["attribution", "--fit-part", "--cue-errors", "thoughts", str(out_csv)]) == 2
    assert "takes a cue kind" in capsys.readouterr().err
    thought_csv = tmp_path / "thought.csv"
    assert command.main(["attribution", "--fit-part", "--cue-errors", "thought", str(thought_csv)]) == 0
    assert list(pd.read_csv(thought_csv).columns)[:3] == ["error", "doc_id", "start"]
