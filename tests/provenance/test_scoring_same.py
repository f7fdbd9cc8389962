"""The ledger's models scored faster give the same floats as the code they replace, on constructed text.

Each reference below is the code it replaced, copied here: the speed-ups must not
move a single bit of a probability (the ledger's tables stay byte-identical).
"""

from __future__ import annotations

import math

import pytest

from analysis.provenance import attribution, cue_model, role_model

TEXTS = [
    "Ann Lee said the port would close. “It is over,” she told reporters on Monday, adding that talks had failed.",
    "According to a poll, 52% of voters believe the mayor; the board, however, suggested otherwise.",
    "“We will not back down,” said Rep. Ann Lee, who chairs the panel. Officials declined to comment.",
    "The U.S. Treasury — in a statement — warned that rates 'could rise', and analysts expect more.",
    "Nothing here cites anyone at all",
    "He said: “Yes.” She asked why. They argued, insisted and claimed that the O'Neill-Smith plan's cost was £3.2bn.",
]


def _old_role_score(model, role, features):
    weights = model.weights[role]
    return model.bias[role] + sum(weights.get(f, 0.0) for f in features)


def _old_cue_probability(model, features):
    score = model.bias + sum(model.weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def role_model_few(n):
    return str(n) if n < 2 else "2+"


def _count(prefix, lo, hi):
    """Flags set among words ``lo .. hi - 1`` (the counting the role model's features were first written with)."""
    return prefix[hi] - prefix[lo] if hi > lo else 0


def _old_role_features(paragraph, i, first, last, context):
    p = paragraph
    if i < first:
        side, d, lo, hi = "L", first - i, i + 1, first
    else:
        side, d, lo, hi = "R", i - last, last + 1, i
    sentence = p.sentence[i] - p.sentence[first if side == "L" else last]
    db = role_model._bucket(d)
    word = p.low[i]
    shape = p.shape[i]
    comma = role_model_few(_count(p._comma, lo, hi))
    that = role_model_few(_count(p._that, lo, hi))
    quotes = role_model_few(_count(p._quote, lo, hi))
    clause = role_model_few(_count(p._clause, lo, hi))
    coord = role_model_few(_count(p._coord, lo, hi))
    cues = role_model_few(_count(p._cue, lo, hi))
    stops = role_model_few(_count(p._stop, lo, hi))
    lower = _count(p._lower, lo, hi)
    lower_b = str(lower) if lower < 3 else ("3-5" if lower <= 5 else "6+")
    q = p.quote[i]
    if q >= 0:
        q_first, q_last = p.quote_bounds[q]
        if q_first <= first and last <= q_last:
            quote = "around"  # the cue is inside the same quotation
        elif side == "R" and q_first - last <= 3:
            quote = "opens-after"
        elif side == "L" and first - q_last <= 3:
            quote = "closes-before"
        else:
            quote = "far"
    else:
        quote = "no"
    previous = p.low[i - 1] if i > 0 else "<s>"
    following = p.low[i + 1] if i + 1 < p.n else "</s>"
    s = side
    out = [
        "bias", f"s={s}", f"s={s}|d={db}", f"s={s}|sent={sentence}", f"s={s}|d={db}|sent={sentence}",
        f"s={s}|w={word}", f"s={s}|shape={shape}", f"s={s}|d={db}|shape={shape}", f"s={s}|p={previous}",
        f"s={s}|n={following}", f"s={s}|pw={previous}|{word}",
        f"s={s}|comma={comma}", f"s={s}|that={that}", f"s={s}|quotes={quotes}", f"s={s}|clause={clause}",
        f"s={s}|coord={coord}", f"s={s}|cues={cues}", f"s={s}|stops={stops}", f"s={s}|lower={lower_b}",
        f"s={s}|comma={comma}|that={that}|cues={cues}", f"s={s}|lower={lower_b}|shape={shape}",
        f"s={s}|quote={quote}", f"s={s}|quote={quote}|d={db}", f"s={s}|cueword={int(p.cue_word[i])}",
        f"s={s}|pos={role_model._bucket(p.position[i])}", f"s={s}|subject={int(p.before_verb[i])}|sent={sentence}",
        f"s={s}|subject={int(p.before_verb[i])}|shape={shape}|lower={lower_b}",
    ]
    c1 = context[1]
    out += [f"s={s}|{c1}|comma={comma}", f"s={s}|{c1}|that={that}", f"s={s}|{c1}|quotes={quotes}",
            f"s={s}|{c1}|stops={stops}", f"s={s}|{c1}|cues={cues}", f"s={s}|{c1}|quote={quote}",
            f"s={s}|comma={comma}|d={db}", f"s={s}|comma={comma}|lower={lower_b}", f"s={s}|quote={quote}|comma={comma}",
            f"s={s}|comma={comma}|shape={shape}|d={db}", f"s={s}|stops={stops}|quote={quote}",
            f"s={s}|{context[2]}|comma={comma}|lower={lower_b}"]
    for c in context:
        out.append(f"s={s}|{c}")
    out.append(f"s={s}|{context[0]}|d={db}")
    out.append(f"s={s}|{context[2]}|shape={shape}|d={db}")
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_cue_probabilities_are_the_same_floats(text):
    model = cue_model.load_cue_model()
    words = cue_model.tokens(text)
    inside = cue_model.quoted_flags(words, attribution.find_quotes(text))
    forms = attribution.reporting_forms()
    for i in range(len(words)):
        feats = cue_model.features(words, i, inside, forms)
        assert model.probability(feats) == _old_cue_probability(model, feats)


@pytest.mark.parametrize("text", TEXTS)
def test_role_scores_are_the_same_floats(text):
    model = role_model.load_role_model()
    quotes = attribution.find_quotes(text)
    runs = [(s, e, p) for s, e, p, _ in cue_model.cue_spans(text, quotes, attribution.reporting_forms())]
    paragraph = role_model.paragraph(text, quotes, runs)
    scored = 0
    for first in range(paragraph.n):
        for last in (first, min(first + 1, paragraph.n - 1)):
            context = role_model.cue_context(paragraph, first, last)
            for i in range(paragraph.n):
                feats = role_model.features(paragraph, i, first, last, context)
                assert feats == _old_role_features(paragraph, i, first, last, context)
                for role in role_model.ROLES:
                    assert model.score(role, feats) == _old_role_score(model, role, feats)
                scored += 1
    assert scored > 0


@pytest.mark.parametrize("text", TEXTS + ["", "“", "a", "He said"])
def test_cue_features_of_a_whole_text_are_the_per_token_features(text):
    words = cue_model.tokens(text)
    inside = cue_model.quoted_flags(words, attribution.find_quotes(text))
    forms = attribution.reporting_forms()
    lows, shapes = cue_model._lows(words), [cue_model._shape(w) for _, _, w in words]
    for i in range(len(words)):
        assert cue_model._features(words, lows, shapes, i, inside, forms) == cue_model.features(words, i, inside, forms)


def _scorer_matches_features(paragraph, first, last, model):
    """Whether the fast scorer gives :func:`role_model.score_roles`'s probabilities for one cue, bit for bit."""
    indices, p_source, p_content, _ = role_model.score_roles(paragraph, first, last, model)
    return role_model.window_scorer(model).scores(paragraph, first, last) == (indices, p_source, p_content)


@pytest.mark.parametrize("text", TEXTS + ["", "a", "“We | they,” he said | she said.", "He said “|” and ‘x’ — (y) [z]."])
def test_window_scorer_gives_the_feature_strings_scores_for_every_cue(text):
    model = role_model.load_role_model()
    quotes = attribution.find_quotes(text)
    runs = [(s, e, p) for s, e, p, _ in cue_model.cue_spans(text, quotes, attribution.reporting_forms())]
    paragraph = role_model.paragraph(text, quotes, runs)
    for first in range(paragraph.n):
        for last in range(first, min(first + 3, paragraph.n)):
            assert _scorer_matches_features(paragraph, first, last, model), (first, last)


def test_window_scorer_reads_a_vocabulary_feature_the_model_lacks_as_zero():
    # A model whose only word weights are for "|" and a pair split at a "|" inside a key's rest.
    model = role_model.RoleModel(
        weights={"source": {"s=L|w=|": 1.5, "s=L|pw=a|b": 0.25, "s=L|pw=||b": -0.5},
                 "content": {"s=R|n=said": 2.0, "s=L|c1=said|comma=0": 0.75}},
        bias={"source": 0.1, "content": -0.2}, threshold={"source": 0.5, "content": 0.5}, version=1, trained_on="test")
    text = "a | b said b | it"
    paragraph = role_model.paragraph(text, [], [(text.index("said"), text.index("said") + 4, 0.9)])
    for first in range(paragraph.n):
        assert _scorer_matches_features(paragraph, first, first, model)


def test_window_scorer_gives_the_same_probabilities_on_real_articles(bbc_dir, monkeypatch):
    """Every cue window the ledger decodes on BBC articles of each topic, scored both ways."""
    model = role_model.load_role_model()
    windows = []
    decode = role_model.decode

    def recording(paragraph, first, last, *args, **kwargs):
        windows.append((paragraph, first, last))
        return decode(paragraph, first, last, *args, **kwargs)

    monkeypatch.setattr(role_model, "decode", recording)
    for topic in ("business", "politics", "tech"):
        for path in sorted((bbc_dir / topic).glob("*.txt"))[:5]:
            attribution.attributions_in_text(path.read_bytes().decode("utf-8", errors="replace"))
    assert len(windows) > 100
    assert all(_scorer_matches_features(paragraph, first, last, model) for paragraph, first, last in windows)


def _ledgers_with_and_without_the_row_bound(texts, monkeypatch):
    """The ledgers of ``texts`` with the skip and without it, and how many cues each decoded."""
    decoded = []
    decode = role_model.decode

    def counting(*args, **kwargs):
        decoded[-1] += 1
        return decode(*args, **kwargs)

    monkeypatch.setattr(role_model, "decode", counting)
    ledgers = []
    for skips in (True, False):
        monkeypatch.setattr(attribution, "ROW_BOUND_SKIPS", skips)
        decoded.append(0)
        ledgers.append([attribution.attributions_in_text(text).to_csv(index=False) for text in texts])
    return ledgers[0], ledgers[1], decoded


def test_candidates_no_content_could_make_a_row_are_skipped_with_the_same_ledger(monkeypatch):
    # Weak cues ("suggest", "noted") beside strong ones, and a paragraph ending "… reports:" (the colon row
    # reads the roles of a candidate with no content).
    texts = TEXTS + ["Critics suggest otherwise. The figures, as noted, are what they are; some believe it.",
                     "The Times reports:\n\n“The port will close,” a manager said.",
                     "It seemed, one could argue, a claim of sorts, noted in passing.",
                     "He told his audience, to rowdy applause:\n\n“We will win,” he said.",
                     "Partial transcript as follows:\n\n“It is over.”"]
    skipping, decoding, decoded = _ledgers_with_and_without_the_row_bound(texts, monkeypatch)
    assert skipping == decoding
    assert decoded[0] < decoded[1]


def test_row_bound_keeps_the_ledger_of_real_articles(bbc_dir, monkeypatch):
    from analysis import config

    paths = [p for topic in ("business", "entertainment", "politics", "sport", "tech")
             for p in sorted((bbc_dir / topic).glob("*.txt"))[10:13]]
    polnear = config.shared_data_dir() / "polnear" / "train" / "text"
    paths += sorted(polnear.glob("*.txt"))[:12] if polnear.is_dir() else []
    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in paths]
    skipping, decoding, decoded = _ledgers_with_and_without_the_row_bound(texts, monkeypatch)
    assert sum(ledger.count("\n") - 1 for ledger in skipping) > 100
    assert skipping == decoding
    assert decoded[0] < 0.8 * decoded[1]


def test_tokens_kept_for_recent_texts_are_those_of_the_text():
    texts = ["He said so.", "She said: “no”.", "He said so.", "", "a b c d e", "x", "He said so!"]
    for text in texts * 2:
        words = cue_model.tokens(text)
        assert words == [(m.start(), m.end(), m.group()) for m in cue_model.TOKEN.finditer(text)]
        words.append((0, 0, "changed by a caller"))  # each call's list is its own
    assert cue_model.tokens("He said so.") == [(0, 2, "He"), (3, 7, "said"), (8, 10, "so"), (10, 11, ".")]


def _old_paragraph_flags(words, runs):
    flags, probabilities = [], []
    for s, e, _ in words:
        touching = [p for s2, e2, p in runs if s < e2 and s2 < e]
        flags.append(bool(touching))
        probabilities.append(max(touching, default=0.0))
    return flags, probabilities


def _old_quote_of_words(words, quotes):
    quote, bounds = [-1] * len(words), []
    for q, (q_start, q_end) in enumerate(sorted(quotes)):
        inside = [i for i, (s, e, _) in enumerate(words) if q_start <= s and e <= q_end]
        bounds.append((inside[0], inside[-1]) if inside else (-1, -1))
        for i in inside:
            if words[i][0] > q_start and words[i][1] < q_end or words[i][2] not in role_model._QUOTE_CHARS:
                quote[i] = q
    return quote, bounds


def _old_word_range(paragraph, start, end):
    inside = [i for i, (s, e, _) in enumerate(paragraph.words) if s < end and start < e]
    return (inside[0], inside[-1]) if inside else None


def test_words_of_spans_found_by_bisection_are_those_of_a_scan(bbc_dir):
    texts = TEXTS + ["“A” ‘b’ \"c\" — “d, e,” said F. “G”", "x  y", "“”"]
    for path in sorted((bbc_dir / "politics").glob("*.txt"))[:10]:
        texts += [p for p in path.read_bytes().decode("utf-8", errors="replace").split("\n\n") if p.strip()]
    overlapping_runs = 0
    for text in texts:
        quotes = attribution.find_quotes(text)
        found = attribution.cue_candidates(text, quotes)
        runs = [(s, e, p) for s, e, p, _ in found] + [(0, 3, 0.2), (2, 9, 0.7), (len(text) // 2, len(text) // 2 + 1, 0.0)]
        overlapping_runs += any(a[0] < b[1] and b[0] < a[1] for a in runs for b in runs if a is not b)
        paragraph = role_model.paragraph(text, quotes, runs)
        assert (paragraph.cue_word, paragraph.cue_probability) == _old_paragraph_flags(paragraph.words, runs)
        assert (paragraph.quote, paragraph.quote_bounds) == _old_quote_of_words(paragraph.words, quotes)
        assert paragraph._comma == [sum(w == "," for w in paragraph.low[:k]) for k in range(paragraph.n + 1)]
        assert paragraph._cue == [sum(paragraph.cue_word[:k]) for k in range(paragraph.n + 1)]
        for start in range(0, len(text) + 2, 3):
            for end in (start, start + 1, start + 5, start + 40):
                assert role_model.word_range(paragraph, start, end) == _old_word_range(paragraph, start, end)
    assert overlapping_runs > 10


def _cue_probabilities_match(text, model):
    words = cue_model.tokens(text)
    inside = cue_model.quoted_flags(words, attribution.find_quotes(text))
    forms = attribution.reporting_forms()
    lows, shapes = cue_model._lows(words), [cue_model._shape(w) for _, _, w in words]
    expected = [model.probability(cue_model._features(words, lows, shapes, i, inside, forms)) for i in range(len(words))]
    return cue_model._scorer(model).probabilities(words, lows, shapes, inside, forms) == expected


def test_cue_probabilities_without_feature_strings_are_the_same_floats(bbc_dir):
    model = cue_model.load_cue_model()
    texts = TEXTS + ["", "said", "“We | they,” he said | she said.", "Officials, reportedly, “claimed” — ‘it’ (was) [so]."]
    for path in sorted((bbc_dir / "business").glob("*.txt"))[:10]:
        texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    assert all(_cue_probabilities_match(text, model) for text in texts)
    # A hand-made model with pairs split at a "|" inside a key and every kind of feature.
    tiny = cue_model.CueModel(weights={"pw=a||": 0.5, "wn=||b": 0.25, "ps=<s>|x": -0.5, "w=|": 1.0, "s3=aid": 0.1,
                                       "inside_quote": 0.3, "inside_quote|x": 0.2, "reporting_verb": 2.0,
                                       "reporting_verb|p=he": 0.7, "shape=Q": -0.1, "n2=</s>": 0.05},
                              bias=-1.0, threshold=0.5, version=1, trained_on="test")
    assert all(_cue_probabilities_match(text, tiny) for text in texts + ["a | | b", "“he said,” a | b"])
