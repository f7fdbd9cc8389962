"""analysis.evaluate.ptc_training: the tagger's training command, on a small constructed corpus."""

from __future__ import annotations

import json

import pytest

from analysis.evaluate import command, ptc, ptc_training
from analysis.rhetoric import tagger

LISTS = {"strong_subjectives_riloff2003.txt": "vile\ndisgusting\n", "weak_subjectives_riloff2003.txt": "plan\n",
         "npov_lexicon.txt": "regime\n", "report_verbs.txt": "said\n", "factives_hooper1975.txt": "# a comment\nknow\n",
         "assertives_hooper1975.txt": "claim\n", "implicatives_karttunen1971.txt": "manage\n"}


def ids(part: str, n: int) -> list[str]:
    found, number = [], 900000000
    while len(found) < n:
        number += 1
        if ptc.ptc_part(str(number)) == part:
            found.append(str(number))
    return found


@pytest.fixture()
def corpus(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    lines = []
    sentences = ["The vile thugs wrecked the disgusting plan.", "Officials met on Monday to sign the plan.",
                 "A vile and disgusting attack, said the thugs.", "The port opened in March after the vote."]
    for article in ids("tune", 8) + ids("held-out", 2):
        text = f"Title {article}\n\n" + " ".join(sentences) + "\n"
        (articles / f"article{article}.txt").write_text(text, encoding="utf-8")
        for word, technique in (("vile", "Loaded_Language"), ("disgusting", "Loaded_Language"), ("thugs", "Name_Calling,Labeling")):
            start = 0
            while (start := text.find(word, start)) >= 0:
                lines.append(f"{article}\t{technique}\t{start}\t{start + len(word)}\n")
                start += len(word)
    labels = tmp_path / "gold.labels"
    labels.write_text("".join(lines), encoding="utf-8")
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    for name, content in LISTS.items():
        (lexicons / name).write_text(content, encoding="utf-8")
    return articles, labels, lexicons


def test_training_writes_a_model_that_tags_what_it_was_taught(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(ptc_training, "MIN_FEATURE_COUNT", 1)
    articles, labels, lexicons = corpus
    output = tmp_path / "model.json"
    assert command.main(["ptc-train", "--articles", str(articles), "--labels", str(labels), "--lexicons", str(lexicons),
                         "--output", str(output)]) == 0
    out = capsys.readouterr().out
    assert "tune half: 8 articles" in out and out.strip().splitlines()[-1].startswith("cv_loaded_language_f1=")
    model = tagger.load_model(output)
    assert model["format"] == tagger.MODEL_FORMAT and model["trained_on"]["part"] == "tune"
    assert "8 articles" in model["trained_on"]["articles"]
    assert model["lexicons"]["riloff_strong"] == ["disgusting", "vile"] and model["lexicons"]["factive"] == ["know"]
    assert set(model["thresholds"]) == set(model["f1_thresholds"]) == {"loaded_language", "name_calling"}
    spans = tagger.tag_text("Such vile thugs.", model)
    found = {("Such vile thugs."[s:e], c) for s, e, c, _ in spans}
    assert ("vile", "loaded_language") in found and ("thugs", "name_calling") in found
    assert tagger.tag_text("Officials met on Monday.", model) == []
    json.loads(output.read_text(encoding="utf-8"))  # plain JSON


def test_training_skips_when_the_data_is_absent(tmp_path, capsys):
    assert command.main(["ptc-train", "--articles", str(tmp_path / "none"), "--labels", str(tmp_path / "none.labels"),
                         "--lexicons", str(tmp_path), "--output", str(tmp_path / "m.json")]) == 0
    assert "skipped:" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()


def test_a_missing_word_list_is_named(corpus, tmp_path):
    articles, labels, lexicons = corpus
    (lexicons / "npov_lexicon.txt").unlink()
    with pytest.raises(FileNotFoundError, match=r"npov_lexicon\.txt: word list not found"):
        ptc_training.feature_lexicons(lexicons)
