"""Tone of the article body: sentence-level sentiment, hedges and boosters, tone per actor.

Sentiment is VADER (vaderSentiment 3.3, Hutto & Gilbert 2014; the lexicon ships
with the package) applied to each body sentence, never to a whole article: VADER's
compound score sums the valence of every word and normalises it, so a long text
saturates near +1 or -1 whatever its balance (vaderSentiment issue #151; on the
five seeds the document-level compound is 0.73-0.998 for every article). Articles
are compared by the *distribution* of their sentence scores instead.

Hedges (may, might, appears ...) and boosters (clearly, undoubtedly, must ...)
come from two curated data files, ``data/hedges.csv`` and ``data/boosters.csv``:
Hyland (2005) with additions from Biber et al. (1999) and Holmes (1988), one
``source`` per entry. Their columns are stable (other analyses reuse them):

``term``      lower-case word or phrase; matched case-insensitively on whole words,
              any run of whitespace between the words of a phrase, ``'`` or ``’``
``kind``      ``hedge`` or ``booster``
``category``  modal verb, lexical verb, adverb, adjective, noun, approximator, phrase
``context``   when an occurrence counts: ``any``; ``before_number`` (approximators:
              "about 30", not "about Baku"); ``lowercase`` ("may", not the month
              "May"); ``before:<word>`` ("found that", not "found in");
              ``not_before:<word>`` ("rather", not "rather than"), where
              ``<word>`` may list alternatives (``not_before:tank|tanks``: "think",
              not "think tanks"); ``epistemic_modal`` (a modal verb counts as a
              hedge only in its epistemic sense: not in a conditional clause —
              "if it fails, Baku would lose" —, not as the future of a reported
              past — "he said it would" — and, for "should", not as a
              recommendation to a named or personal subject — "Washington should
              act", "we should talk"; after Coates 1983, The Semantics of the Modal
              Auxiliaries, and Palmer 2001, Mood and Modality)
``note``      why the context rule, or what the entry cannot tell apart
``source``    the citation

Where two entries overlap, the longer wins ("no doubt" is a booster, not the hedge
"doubt"). :func:`find_hedges_boosters` is the one matcher; it returns raw offsets.

Tone toward an actor is its *stance*: for every mention of an actor
(:mod:`analysis.provenance.named_actors`: the gazetteer, places, name phrases,
surnames and pronouns), the sentiment its sentence expresses toward it, read by
the target-dependent model of :mod:`analysis.readability_tone.stance` from the
words that concern it — not the sentence's overall VADER score, which gives
every actor of a sentence the same tone. :func:`actor_mentions` scores every
mention, with the words that moved its score; :func:`actor_tone` averages them
per article and actor. A cell backed by fewer than :data:`MIN_MENTIONS` mentions
is reported but should not be read as a tone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.config import PACKAGE_DATA_DIR

LEXICON_FILES = {"hedge": PACKAGE_DATA_DIR / "hedges.csv", "booster": PACKAGE_DATA_DIR / "boosters.csv"}
LEXICON_COLUMNS = ["term", "kind", "category", "context", "note", "source"]
MATCH_COLUMNS = ["doc_id", "span", "start", "end", "text", "term", "kind", "category"]
VADER_COLUMNS = ["compound", "neg", "neu", "pos"]

#: VADER's own thresholds (vaderSentiment README): |compound| < 0.05 is neutral.
NEUTRAL_BAND = 0.05
#: "Clearly" negative or positive: |compound| >= 0.5.
CLEAR_THRESHOLD = 0.5
#: An article x actor cell with fewer mentions than this is shown but not read as a tone.
MIN_MENTIONS = 3
#: A stance of at least this (or at most minus it) is shown as leaning; the label is the model's.
STANCE_BAND = 0.1
MENTION_STANCE_COLUMNS = [
    "doc_id", "sentence_id", "start", "end", "alias", "actor", "kind", "source", "stance", "label",
    "p_negative", "p_neutral", "p_positive", "evidence", "evidence_spans", "roles",
]
ACTOR_TONE_COLUMNS = ["doc_id", "actor", "n_mentions", "stance", "negative", "neutral", "positive"]
#: Column dictionary of :func:`actor_tone` (the exported ``actor_tone.csv``).
ACTOR_TONE_DOCS = {
    "doc_id": "article id (the file stem)",
    "actor": "canonical actor: a gazetteer actor (analysis/data/actors.csv), a country or city (GeoNames), or a person or organisation named in the text",
    "n_mentions": "mentions of the actor in body sentences (aliases, names, surnames and resolved pronouns)",
    "stance": "mean stance of those mentions, -1 (against) to +1 (for): p(positive) - p(negative) of the stance model",
    "negative": "mentions the stance model labels negative",
    "neutral": "mentions the stance model labels neutral",
    "positive": "mentions the stance model labels positive",
}
#: Column dictionary of :func:`actor_mentions` (the exported ``actor_mentions.csv``).
MENTION_STANCE_DOCS = {
    "doc_id": "article id (the file stem)",
    "sentence_id": "the body sentence the mention is in (sentences.csv)",
    "start": "first character of the mention in the raw text (Python offset)",
    "end": "one past its last character (raw[start:end] == alias)",
    "alias": "the mention as written (a name, an alias, a surname or a pronoun)",
    "actor": "canonical actor it resolves to",
    "kind": "country, city, person, organisation or region",
    "source": "how it was found: gazetteer, place, name, surname or pronoun (analysis.provenance.named_actors)",
    "stance": "stance of the sentence toward the actor, -1 to +1: p(positive) - p(negative) (analysis.readability_tone.stance)",
    "label": "negative, neutral or positive: the stance model's decision",
    "p_negative": "probability of negative",
    "p_neutral": "probability of neutral",
    "p_positive": "probability of positive",
    "evidence": "the words that moved the stance most, each with its contribution to the log-odds of positive over negative",
    "evidence_spans": "raw offsets of those words, start:end joined by ';'",
    "roles": "role features that fired: speaker, in_quotation, clause_initial, several_actors ...",
}

_CONTEXT = re.compile(r"^(?:any|before_number|lowercase|epistemic_modal|(?:not_)?before:[a-z]+(?:\|[a-z]+)*)$")
# The epistemic_modal context: clause boundaries, conditional conjunctions, reported-past
# verbs ("said it would") and the subjects a recommendation is addressed to.
_CLAUSE_END = re.compile(r"[.!?;:]")
_CONDITIONAL = re.compile(r"(?<!\w)(?:if|unless|otherwise|whether|provided\s+that|in\s+case|as\s+long\s+as|were\s+(?:it|they|he|she|we|the)|had\s+(?:it|they|he|she|we|the))(?!\w)", re.IGNORECASE)
_REPORTED_PAST = re.compile(
    r"(?<!\w)(?:said|says|told|announced|promised|pledged|vowed|warned|added|stated|declared|insisted|argued|claimed|"
    r"suggested|predicted|expected|hoped|believed|thought|knew|decided|agreed|confirmed|reported|indicated|signalled|signaled)"
    r"(?:\s+(?:that|it|they|he|she|we|i|this|which|the\s+\w+|\w+))?\s*$", re.IGNORECASE)
_PERSONAL_SUBJECT = re.compile(
    r"(?:(?<!\w)(?:we|you|they|he|she|i|everyone|nobody|one)"
    r"|(?-i:(?!(?:The|This|That|These|Those|It|Such|A|An|Its|Their|His|Her|Our|Some|Any|Each|Every|No|Both|All|There)\b)[A-Z][\w’'-]+))\s*$",
    re.IGNORECASE)
# "Should the talks fail, ...": an inverted conditional at the start of the sentence.
_INVERTED_CONDITIONAL = re.compile(r"^\W*should\s+\w", re.IGNORECASE)
# Words that make "about"/"around" an approximator when they follow it.
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion dozen dozens half third quarter".split()
)
_NEXT_WORD = re.compile(r"\s*([$€£]?\w[\w.,]*)")


@lru_cache(maxsize=1)
def load_lexicon() -> pd.DataFrame:
    """Hedges and boosters, both files, validated: columns :data:`LEXICON_COLUMNS`.

    Raises
    ------
    ValueError
        Naming the file and the problem: missing columns, a row of the wrong kind,
        an unknown context rule, an entry without a source, or a term listed twice.
    """
    frames = []
    for kind, path in LEXICON_FILES.items():
        table = pd.read_csv(path, dtype="string", keep_default_na=False)
        missing = [c for c in LEXICON_COLUMNS if c not in table.columns]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        wrong_kind = table.loc[table["kind"] != kind, "term"].tolist()
        if wrong_kind:
            raise ValueError(f"{path}: rows whose kind is not {kind!r}: {wrong_kind}")
        bad_context = table.loc[~table["context"].str.match(_CONTEXT), "term"].tolist()
        if bad_context:
            raise ValueError(f"{path}: unknown context rule for {bad_context} (see analysis.readability_tone.tone)")
        unsourced = table.loc[table["source"].str.strip() == "", "term"].tolist()
        if unsourced:
            raise ValueError(f"{path}: entries without a source: {unsourced}")
        if (table["term"] != table["term"].str.strip().str.lower()).any() or (table["term"] == "").any():
            raise ValueError(f"{path}: terms must be lower case, trimmed and non-empty")
        frames.append(table[LEXICON_COLUMNS])
    lexicon = pd.concat(frames, ignore_index=True)
    twice = sorted(set(lexicon.loc[lexicon["term"].duplicated(), "term"]))
    if twice:
        raise ValueError(f"{', '.join(str(p) for p in LEXICON_FILES.values())}: terms listed twice: {twice}")
    return lexicon


@lru_cache(maxsize=1)
def _lexicon_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str, str]]]:
    lexicon = load_lexicon()
    terms = sorted(lexicon["term"], key=len, reverse=True)

    def term_regex(term: str) -> str:
        words = [re.escape(word).replace("'", "['’]") for word in term.split()]
        return r"\s+".join(words)

    pattern = re.compile(
        r"(?<![\w\-'’])(?:" + "|".join(term_regex(term) for term in terms) + r")(?![\w\-]|['’]\w)",
        re.IGNORECASE,
    )
    entry = {row.term: (row.kind, row.category, row.context) for row in lexicon.itertuples(index=False)}
    return pattern, entry


#: Characters that a case-insensitive pattern of Python's ``re`` matches to an ASCII letter
#: although their lower case holds none ("ı" matches "i", "ſ" matches "s"), and two whose lower
#: case does ("İ", and the Kelvin sign, U+212A), listed too to be safe. A text holding none of them, and whose lower case
#: is as long as itself, is matched case-insensitively by matching its lower case case-sensitively
#: (``tests/readability_tone/test_tone.py`` recomputes the set).
CASE_FOLD_TRAPS = frozenset("\u0131\u017f\u0130\u212a")  # ı ſ İ and the Kelvin sign


@lru_cache(maxsize=1)
def _lower_case_pattern() -> re.Pattern[str]:
    # The lexicon pattern without IGNORECASE, for lower-cased text: its alternatives then start with
    # a plain literal, which the regex engine checks before entering one (several times faster).
    pattern, _ = _lexicon_pattern()
    return re.compile(pattern.pattern)


def _normalise(matched: str) -> str:
    return " ".join(matched.lower().replace("’", "'").split())


def _epistemic(matched: str, before: str, after: str) -> bool:
    """Whether a modal is used epistemically (see ``epistemic_modal`` in the module docstring)."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    found = _CLAUSE_END.search(after)
    clause = before[clause_start:] + " " + after[:found.start() if found else len(after)]
    if _CONDITIONAL.search(clause) or _INVERTED_CONDITIONAL.match(clause.lstrip()):
        return False
    lead = before[clause_start:]
    if _REPORTED_PAST.search(lead[-60:]):
        return False
    # Clause-initial "should" is an inverted conditional or a question; after a person, a recommendation.
    if matched.lower() == "should" and (not lead.strip(" ,“”\"'(") or _PERSONAL_SUBJECT.search(lead)):
        return False
    return True


def _context_holds(context: str, matched: str, after: str, before: str = "") -> bool:
    if context == "any":
        return True
    if context == "lowercase":
        return matched == matched.lower()
    if context == "epistemic_modal":
        return _epistemic(matched, before, after)
    found = _NEXT_WORD.match(after)
    next_word = found.group(1).lower().rstrip(".,") if found else ""
    if context == "before_number":
        if next_word in ("a", "an"):
            rest = _NEXT_WORD.match(after, found.end())
            next_word = rest.group(1).lower().rstrip(".,") if rest else ""
            return next_word in _NUMBER_WORDS
        return bool(re.match(r"[$€£]?\d", next_word)) or next_word in _NUMBER_WORDS
    rule, _, words = context.partition(":")
    listed = next_word in words.split("|")
    return listed if rule == "before" else not listed


def _find_in_text(text: str) -> list[tuple[int, int, str, str, str, str]]:
    return list(_found_in_text(text, _lexicon_pattern()[0]))


@lru_cache(maxsize=100_000)
def _found_in_text(text: str, pattern: re.Pattern[str]) -> tuple[tuple[int, int, str, str, str, str], ...]:
    # Kept per text (and lexicon): tone, the rhetoric devices and the tagger's hedge guard read the same sentences.
    entry = _lexicon_pattern()[1]
    lowered = text.lower()
    if len(lowered) == len(text) and CASE_FOLD_TRAPS.isdisjoint(text):
        spans = [match.span() for match in _lower_case_pattern().finditer(lowered)]
    else:
        spans = [match.span() for match in pattern.finditer(text)]
    found = []
    for start, end in spans:
        matched = text[start:end]
        term = _normalise(matched)
        if term not in entry:
            # Matched only through Unicode case folding ("Perhapſ" with a long s): the entry is its case-folded form.
            term = _normalise(matched.casefold())
            if term not in entry:
                continue
        kind, category, context = entry[term]
        if _context_holds(context, matched, text[end:], text[max(0, start - 200):start]):
            found.append((start, end, matched, term, kind, category))
    return tuple(found)


def find_hedges_boosters(
    spans_or_text: str | pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series | None = None
) -> pd.DataFrame:
    """Every hedge and booster in a text, or in each span of a table of spans.

    Parameters
    ----------
    spans_or_text : str or DataFrame
        A plain string, or rows with ``doc_id, start, end`` (raw offsets) such as
        body segments or :func:`analysis.corpus.sentences.body_sentences`.
    raw_by_doc : mapping or Series, optional
        ``doc_id -> raw text``. Not needed when the spans carry their own ``text``
        column (``text == raw[start:end]``, as sentences and segments do).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MATCH_COLUMNS`: ``doc_id`` and ``span`` (the index label of
        the span the match lies in; both None for a plain string), ``start, end``
        (raw offsets, or offsets into the string), ``text`` (the words as written,
        ``raw[start:end]``), ``term`` (the lexicon entry), ``kind`` (hedge or
        booster) and ``category``.
    """
    rows = []
    if isinstance(spans_or_text, str):
        rows = [(None, None, *found) for found in _find_in_text(spans_or_text)]
        return pd.DataFrame(rows, columns=MATCH_COLUMNS)
    spans = spans_or_text
    if raw_by_doc is None and "text" not in spans.columns:
        raise ValueError("find_hedges_boosters: spans need a 'text' column or raw_by_doc")
    for label, record in zip(spans.index, spans.itertuples(index=False)):
        text = record.text if raw_by_doc is None else raw_by_doc[record.doc_id][record.start:record.end]
        for start, end, matched, term, kind, category in _find_in_text(text):
            rows.append((record.doc_id, label, record.start + start, record.start + end, matched, term, kind, category))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS).astype({"start": "int64", "end": "int64"})


def matches_in_context(matches: pd.DataFrame, spans: pd.DataFrame, width: int = 70) -> pd.DataFrame:
    """Keyword-in-context rows for :func:`find_hedges_boosters` matches, cut at their span.

    The context never leaves the span a match was found in (usually its sentence),
    so it never shows page furniture next to the body.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`analysis.report.display.kwic_table` (``doc_id, start, end,
        left, match, right``) plus ``term, kind, category``; ready for
        :func:`analysis.report.display.kwic_html`.
    """
    rows = []
    # One lookup for all matches (a row lookup per match costs more than the cutting).
    span_starts = spans["start"].reindex(matches["span"]).tolist()
    span_texts = spans["text"].reindex(matches["span"]).tolist()
    for match, span_start, span_text in zip(matches.itertuples(index=False), span_starts, span_texts):
        offset = match.start - span_start
        left = span_text[:offset][-width:]
        right = span_text[offset + len(match.text):][:width]
        rows.append((match.doc_id, match.start, match.end, " ".join(left.split()), match.text, " ".join(right.split()),
                     match.term, match.kind, match.category))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "match", "right", "term", "kind", "category"])


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_scores(texts: Iterable[str]) -> pd.DataFrame:
    """VADER scores of each text: columns ``compound, neg, neu, pos``.

    ``compound`` is in [-1, 1]; an empty text scores 0 (neutral).
    """
    analyzer = _vader()
    return pd.DataFrame([analyzer.polarity_scores(text) for text in texts], columns=VADER_COLUMNS)


def sentence_tone(sentences: pd.DataFrame) -> pd.DataFrame:
    """Score every sentence: sentiment, hedges, boosters and the actors it names.

    Parameters
    ----------
    sentences : DataFrame
        :func:`analysis.corpus.sentences.body_sentences` (needs ``doc_id, start, end, text``).

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``words`` (textstat's word count, the denominator
        of densities), ``compound, neg, neu, pos`` (VADER), ``hedges`` and
        ``boosters`` (counts from :func:`find_hedges_boosters`) and ``actors`` (a
        sorted list of the canonical actors the sentence names).
    """
    from analysis.readability_tone import vader_batch
    from analysis.provenance.actors import actors_in_sequence
    from analysis.readability_tone.readability import COUNT_COLUMNS, count_words

    scored = sentences.reset_index(drop=True).copy()
    if not set(COUNT_COLUMNS) <= set(scored.columns):  # else: readability.sentence_counts counted them already
        scored["words"] = [count_words(text) for text in scored["text"]]
    # vader_batch gives vaderSentiment's own scores (tested equal on every seed and BBC sentence), faster.
    scored[VADER_COLUMNS] = vader_batch.vader_scores(scored["text"])[VADER_COLUMNS].to_numpy()
    matches = find_hedges_boosters(scored)
    for kind, column in (("hedge", "hedges"), ("booster", "boosters")):
        counts = matches[matches["kind"].eq(kind)].groupby("span").size()
        scored[column] = scored.index.map(counts).fillna(0).astype("int64")
    scored["actors"] = actors_in_sequence(scored["doc_id"], scored["text"], scored["start"] if "start" in scored.columns else None)
    return scored


def tone_summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Per article: the distribution of sentence tone and the density of hedges and boosters.

    Parameters
    ----------
    scored : DataFrame
        :func:`sentence_tone`.

    Returns
    -------
    pandas.DataFrame
        One row per ``doc_id``: ``sentences, words, mean_compound,
        median_compound, share_negative, share_positive`` (compound beyond
        :data:`NEUTRAL_BAND`), ``share_clearly_negative, share_clearly_positive``
        (beyond :data:`CLEAR_THRESHOLD`), ``hedges, boosters`` and
        ``hedges_per_1000_words, boosters_per_1000_words``.
    """
    grouped = scored.groupby("doc_id", sort=False)
    compound = grouped["compound"]
    out = pd.DataFrame(
        {
            "sentences": grouped.size(),
            "words": grouped["words"].sum(),
            "mean_compound": compound.mean(),
            "median_compound": compound.median(),
            "share_negative": compound.apply(lambda c: (c <= -NEUTRAL_BAND).mean()),
            "share_positive": compound.apply(lambda c: (c >= NEUTRAL_BAND).mean()),
            "share_clearly_negative": compound.apply(lambda c: (c <= -CLEAR_THRESHOLD).mean()),
            "share_clearly_positive": compound.apply(lambda c: (c >= CLEAR_THRESHOLD).mean()),
            "hedges": grouped["hedges"].sum(),
            "boosters": grouped["boosters"].sum(),
        }
    )
    per_thousand = 1000 / out["words"].where(out["words"] > 0)
    out["hedges_per_1000_words"] = out["hedges"] * per_thousand
    out["boosters_per_1000_words"] = out["boosters"] * per_thousand
    return out.reset_index()


def actor_mentions(sentences: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series) -> pd.DataFrame:
    """Every actor mention in the sentences, with the stance its sentence takes toward the actor.

    Parameters
    ----------
    sentences : DataFrame
        :func:`analysis.corpus.sentences.body_sentences` (``doc_id, sentence_id, start, end``; raw offsets).
    raw_by_doc : mapping or Series
        ``doc_id -> raw text``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MENTION_STANCE_COLUMNS`: the mention (``start, end`` raw
        offsets, ``alias`` as written, canonical ``actor``, ``kind``, ``source``
        step of :mod:`analysis.provenance.named_actors`), ``stance`` (p(positive) −
        p(negative), −1…1), ``label`` (negative/neutral/positive),
        ``p_negative, p_neutral, p_positive``, ``evidence`` (the words that moved
        the stance most, with their contributions to the log-odds of positive
        over negative, e.g. ``"condemned −1.20; welcomed +0.40"``),
        ``evidence_spans`` (their raw offsets, ``start:end`` joined by ``;``) and
        ``roles`` (speaker, in_quotation … joined by ``;``). All mentions of one
        actor in one sentence are one target and share its stance. A mention the
        model cannot read (no word of it in the sentence) is neutral with the
        reason in ``roles``.
    """
    from bisect import bisect_right

    from analysis.provenance.named_actors import find_actor_mentions
    from analysis.readability_tone import stance

    if sentences.empty:
        return pd.DataFrame(columns=MENTION_STANCE_COLUMNS)
    model = stance.load_model()
    found = find_actor_mentions(sentences, raw_by_doc)
    # Plain lists per article (a pandas lookup per mention costs more than reading its stance).
    bounds: dict[str, list[tuple[int, int, int]]] = {}
    for doc_id, sentence_id, start, end in zip(sentences["doc_id"], sentences["sentence_id"], sentences["start"], sentences["end"]):
        bounds.setdefault(doc_id, []).append((int(start), int(sentence_id), int(end)))
    for doc_bounds in bounds.values():
        doc_bounds.sort(key=lambda bound: bound[0])
    # Mentions per article (articles in order of first mention), then per sentence, in the order found.
    by_doc: dict[str, dict[int, list[tuple]]] = {}
    starts_of = {doc_id: [bound[0] for bound in doc_bounds] for doc_id, doc_bounds in bounds.items()}
    for mention in zip(found["doc_id"], found["start"], found["end"], found["alias"], found["actor"], found["kind"], found["source"]):
        doc_id, start = mention[0], int(mention[1])
        number = bisect_right(starts_of[doc_id], start) - 1
        by_doc.setdefault(doc_id, {}).setdefault(number, []).append(mention)
    rows = []
    for doc_id, by_sentence in by_doc.items():
        raw = raw_by_doc[doc_id]
        doc_bounds = bounds[doc_id]
        for number in sorted(by_sentence):
            group = by_sentence[number]
            s_start, sentence_id, s_end = doc_bounds[number]
            text = raw[s_start:s_end]
            local = [(int(m_start) - s_start, int(m_end) - s_start) for _, m_start, m_end, *_ in group]
            names = [mention[4] for mention in group]
            targets = []
            for actor in dict.fromkeys(names):
                own = [span for span, name in zip(local, names) if name == actor]
                others = [span for span, name in zip(local, names) if name != actor]
                targets.append((actor, own, others))
            decided = dict(zip([actor for actor, _, _ in targets], stance.predict_targets(text, [(own, others) for _, own, others in targets], model=model)))
            for _, m_start, m_end, alias, actor, kind, source in group:
                result = decided[actor]
                rows.append((
                    doc_id, sentence_id, int(m_start), int(m_end), alias, actor, kind,
                    source, round(result.stance, 4), result.label, *(round(p, 4) for p in result.probabilities),
                    stance.format_evidence(result.evidence),
                    ";".join(f"{s_start + a}:{s_start + b}" for a, b, _, _ in result.evidence), ";".join(result.roles),
                ))
    return pd.DataFrame(rows, columns=MENTION_STANCE_COLUMNS)


def actor_tone(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per article and actor: how many mentions, the mean stance toward it and how many mentions lean each way.

    Parameters
    ----------
    mentions : DataFrame
        :func:`actor_mentions`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACTOR_TONE_COLUMNS`: ``doc_id, actor, n_mentions``,
        ``stance`` (the mean over the mentions, −1…1) and ``negative, neutral,
        positive`` (mentions of each label), sorted by article and by number of
        mentions (most first). Read cells with fewer than :data:`MIN_MENTIONS`
        mentions as anecdotes, not tone.
    """
    if mentions.empty:
        return pd.DataFrame(columns=ACTOR_TONE_COLUMNS).astype({"n_mentions": "int64", "stance": "float64", "negative": "int64",
                                                                  "neutral": "int64", "positive": "int64"})
    grouped = mentions.groupby(["doc_id", "actor"], sort=False)
    out = grouped["stance"].agg(n_mentions="size", stance="mean").reset_index()
    labels = mentions.groupby(["doc_id", "actor", "label"], sort=False).size().unstack("label").reindex(columns=list(("negative", "neutral", "positive")))
    out = out.merge(labels.fillna(0).astype("int64").reset_index(), on=["doc_id", "actor"], how="left")
    out["stance"] = out["stance"].round(4)
    return out.sort_values(["doc_id", "n_mentions", "actor"], ascending=[True, False, True], ignore_index=True)[ACTOR_TONE_COLUMNS]


def actor_sentences(scored: pd.DataFrame, actor: str) -> pd.DataFrame:
    """The sentences whose ``actors`` (the gazetteer's, :func:`sentence_tone`) include ``actor``, in page order."""
    return scored[scored["actors"].map(lambda actors: actor in actors)]


def extreme_sentences(scored: pd.DataFrame, n: int = 1) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences of each article.

    Returns
    -------
    pandas.DataFrame
        The columns of ``scored`` plus ``extreme`` (``most negative`` or ``most
        positive``). A sentence scoring exactly 0 is never listed as an extreme.
    """
    if scored.empty:
        return scored.head(0).assign(extreme=pd.Series(dtype="object"))
    # Per article, the n lowest (ties: first in page order), then the n highest; articles in doc_id order.
    negative = scored[scored["compound"] < 0].sort_values("compound", kind="stable").groupby("doc_id", sort=False).head(n)
    positive = scored[scored["compound"] > 0].sort_values("compound", ascending=False, kind="stable").groupby("doc_id", sort=False).head(n)
    both = pd.concat([negative.assign(extreme="most negative", _part=0), positive.assign(extreme="most positive", _part=1)])
    return both.sort_values(["doc_id", "_part"], kind="stable").drop(columns="_part").reset_index(drop=True)


def document_compound(texts: Iterable[str]) -> np.ndarray:
    """VADER compound of each whole text (to show why it is not used: it saturates).

    Scored with :mod:`analysis.readability_tone.vader_batch` (vaderSentiment's own scores; on a whole
    article it is an order of magnitude faster than the package).
    """
    from analysis.readability_tone import vader_batch

    return vader_batch.vader_scores(texts)["compound"].to_numpy()


#: Columns of :func:`stance_evidence_words`.
EVIDENCE_WORD_COLUMNS = ["doc_id", "actor", "word", "direction", "contribution", "sentences"]
_EVIDENCE_ITEM = re.compile(r"^(?P<word>.+) (?P<value>[+−-]\d+(?:\.\d+)?)$")


def _content_word(word: str) -> bool:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return any(ch.isalpha() for ch in word) and word.lower() not in ENGLISH_STOP_WORDS


def stance_evidence_words(mentions: pd.DataFrame) -> pd.DataFrame:
    """The content words that moved each article's stance toward each actor, summed over its sentences.

    Parameters
    ----------
    mentions : DataFrame
        :func:`actor_mentions` (``doc_id, sentence_id, actor, evidence``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVIDENCE_WORD_COLUMNS`: per article and actor, each evidence
        word (in lower case when it is ever written so, else as first written), ``direction`` (``for`` when its summed
        contribution to the log-odds of positive over negative is above 0, else
        ``against``), ``contribution`` (that sum) and ``sentences`` (how many of the
        actor's sentences it moved). A sentence counts once per actor however often
        it names the actor (its mentions share one stance). Function words and
        punctuation (scikit-learn's English stop words) are left out: they move
        the model too, but tell a reader nothing; every word is in the
        ``evidence`` column of ``actor_mentions.csv``. Sorted by article, actor and
        the size of the contribution, largest first.
    """
    if mentions.empty:
        return pd.DataFrame(columns=EVIDENCE_WORD_COLUMNS)
    targets = mentions.drop_duplicates(["doc_id", "sentence_id", "actor"])
    rows = []
    for doc_id, actor, evidence in targets[["doc_id", "actor", "evidence"]].itertuples(index=False):
        for item in filter(None, (part.strip() for part in str(evidence or "").split("; "))):
            match = _EVIDENCE_ITEM.match(item)
            if match is None:
                raise ValueError(f"actor_mentions evidence of {doc_id!r} / {actor!r}: cannot read {item!r} as 'word ±weight'")
            word = match["word"]
            if _content_word(word):
                rows.append((doc_id, actor, word, word.lower(), float(match["value"].replace("−", "-"))))
    if not rows:
        return pd.DataFrame(columns=EVIDENCE_WORD_COLUMNS)
    found = pd.DataFrame(rows, columns=["doc_id", "actor", "word", "_key", "contribution"])
    # "Peace" at the start of a sentence and "peace" inside one are one word, shown in lower case.
    found["word"] = found["word"].where(~found["_key"].isin(set(found.loc[found["word"].eq(found["_key"]), "_key"])), found["_key"])
    out = found.groupby(["doc_id", "actor", "_key"], sort=False).agg(
        word=("word", "first"), contribution=("contribution", "sum"), sentences=("contribution", "size")).reset_index()
    out["direction"] = np.where(out["contribution"] > 0, "for", "against")
    out["contribution"] = out["contribution"].round(3)
    out = out.assign(_size=out["contribution"].abs()).sort_values(["doc_id", "actor", "_size", "word"], ascending=[True, True, False, True],
                                                                  kind="stable")
    return out[EVIDENCE_WORD_COLUMNS].reset_index(drop=True)


def top_evidence_words(words: pd.DataFrame, doc_id: str, actor: str, direction: str, n: int = 3) -> list[str]:
    """The ``n`` words of :func:`stance_evidence_words` that moved ``doc_id``'s stance toward ``actor`` most in ``direction`` (``for``/``against``)."""
    chosen = words[words["doc_id"].eq(doc_id) & words["actor"].eq(actor) & words["direction"].eq(direction)]
    return chosen["word"].head(n).tolist()
