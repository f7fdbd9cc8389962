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


def test_the_tagger_decodes_the_written_weights_as_crfsuite_does(monkeypatch, tmp_path):
    # The same sentences fitted by ptc_training.fit (weights written as the model file holds
    # them) and by CRFsuite itself: the tagger's forward-backward over the JSON weights gives
    # CRFsuite's own marginals (up to the file's three decimals).
    import random

    import numpy as np
    import pycrfsuite

    monkeypatch.setattr(ptc_training, "PRUNE_BELOW", 0.0)
    monkeypatch.setattr(ptc_training, "MIN_FEATURE_COUNT", 1)
    classes = [tagger.OUTSIDE, "loaded_language", "name_calling"]
    words = "the vile thugs wrecked a plan and said it was disgusting".split()
    kind = {"vile": 1, "disgusting": 1, "thugs": 2}
    rng = random.Random(16)
    features, y, sentences = [], [], []
    for _ in range(150):
        first = len(features)
        for _ in range(rng.randint(3, 9)):
            word = rng.choice(words)
            features.append([f"w={word}", f"suf3={word[-3:]}"])
            y.append(kind.get(word, 0))
        sentences.append((first, len(features)))
    y = np.array(y)
    bias, transitions, weights = ptc_training.fit(features, y, sentences, 0.0, 0.1, classes)
    model = {"classes": classes, "bias": bias, "transitions": transitions, "weights": weights}

    trainer = pycrfsuite.Trainer(verbose=False)
    for a, b in sentences:
        trainer.append([["bias"] + features[i] for i in range(a, b)], ptc_training.chain_labels(y, a, b, classes))
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": ptc_training.MAX_ITERATIONS, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "reference.crfsuite"))
    reference = pycrfsuite.Tagger()
    reference.open(str(tmp_path / "reference.crfsuite"))
    sentence = [["w=the", "suf3=the"], ["w=vile", "suf3=ile"], ["w=thugs", "suf3=ugs"], ["w=said", "suf3=aid"]]
    reference.set([["bias"] + names for names in sentence])
    labels = tagger.bio_labels(classes)
    expected = [[reference.marginal(label, t) for label in labels] for t in range(len(sentence))]
    got = tagger.label_marginals(tagger.label_scores(sentence, model), model["transitions"])
    assert np.abs(np.array(got) - np.array(expected)).max() < 1e-3
    assert [max(range(5), key=row.__getitem__) for row in got] == [0, 1, 3, 0]  # O, B-loaded, B-name, O
