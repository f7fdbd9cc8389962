"""Quantity claims matched across articles, and how each article frames them.

A *claim* here is a sentence stating a quantity — a share ("about 40 percent of
its oil needs", "two-fifths", "a significant portion of Israel's oil imports"),
a year, a count ("the 44-day war") or a sum of money — about some subject.
Two claims in different articles state the same fact when their quantities are
compatible and their subjects agree::

    from analysis.corpus import loading, sentences
    from analysis.overlap import claims
    docs = loading.load_corpus()
    mentions = claims.quantity_mentions(sentences.body_sentences(docs))
    matches = claims.match_claims(mentions)        # pairs, with the reason
    shared = claims.shared_claims(mentions, matches)  # one row per article's statement

Quantities become intervals so that wording does not matter: "about 40 percent"
is 36–44 %, "40%" 39.5–40.5 % (rounding), "two-fifths" 40 %, "more than half"
50–100 %. The words and intervals (numerals, fractions, hedges such as "about"
or "more than", vague shares and counts, currencies) are data:
``analysis/data/quantity_terms.csv``, each row with its source.

A bare year ("in 2022") is no claim on its own: years are read (they bound
other quantities' contexts) but never matched. A shared fact needs the same
subject — when both statements name actors, at least one actor in common — and
intervals that overlap; a fact groups only statements whose intervals all
admit one value, so "more than half" (50–100 %) and "about 40 percent"
(36–44 %) never end up one fact through a loose "significant portion".

Framing is the *stance* toward the subject: the target-dependent stance model
(:mod:`analysis.readability_tone.stance`, trained on NewsMTSC) reads the
sentence's stance toward the actor the claim is about, from the words that
concern that actor, not from the sentence's overall tone. Two statements of one
fact frame it in opposite ways when their stances toward a shared actor are
opposite (one positive, one negative); :func:`opposite_framings` shows both
sentences with the words that carry each stance.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.provenance import actors
from analysis.config import PACKAGE_DATA_DIR
from analysis.overlap.similarity import is_content_word, pair_list, tokenize

TERMS_FILE = PACKAGE_DATA_DIR / "quantity_terms.csv"
MENTION_COLUMNS = [
    "mention_id", "doc_id", "sentence_id", "start", "end", "text", "q_start", "q_end", "quantity_text",
    "kind", "low", "high", "unit", "quantity", "measured", "subject", "framing_actor", "tone", "framing", "framing_evidence",
]
MATCH_COLUMNS = ["mention_a", "mention_b", "doc_a", "doc_b", "kind", "shared_subject", "shared_measured"]
SHARED_COLUMNS = ["claim_id", "doc_id", "start", "end", "text", "quantity", "framing"]

#: Words on either side of a quantity that describe what it is about.
SUBJECT_WINDOW = 6
#: Subject words two statements must share to be about the same thing.
MIN_SHARED_SUBJECT = 2
#: Kinds of quantity that are a claim on their own (a bare year is not).
CLAIM_KINDS = frozenset({"share", "count", "money"})
#: How far a plain figure may be from the stated one by rounding ("40%" is 39.5–40.5 %).
ROUNDING = 0.5


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a text: its span, kind, interval and unit.

    ``kind`` is ``share`` (percent, 0–100), ``year``, ``count`` (``unit`` is the
    counted noun, singular) or ``money`` (``unit`` is an ISO 4217 code).
    ``low``/``high`` bound the value (inclusive; ``high`` may be infinite).
    """

    start: int
    end: int
    text: str
    kind: str
    low: float
    high: float
    unit: str = ""

    @property
    def label(self) -> str:
        """A readable normalised form, e.g. ``share 36–44 %``."""
        def fmt(value: float) -> str:
            if math.isinf(value):
                return "∞"
            return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:.1f}"

        span = fmt(self.low) if self.low == self.high else f"{fmt(self.low)}–{fmt(self.high)}"
        if self.kind == "share":
            return f"share {span} %"
        if self.kind == "year":
            return f"year {self.low:.0f}" if self.low == self.high else f"years {self.low:.0f}–{self.high:.0f}"
        if self.kind == "money":
            return f"money {span} {self.unit}"
        return f"count {span} {self.unit}"


@lru_cache(maxsize=1)
def load_terms() -> pd.DataFrame:
    """``analysis/data/quantity_terms.csv``: columns ``kind, term, value, low, high, source``."""
    table = pd.read_csv(TERMS_FILE, dtype={"kind": "string", "term": "string", "source": "string"}, keep_default_na=False)
    for column in ("low", "high"):
        table[column] = pd.to_numeric(table[column].replace("", None), errors="raise")
    missing = table[table["source"].str.strip().eq("")]
    if not missing.empty:
        raise ValueError(f"{TERMS_FILE}: rows without a source: {list(missing['term'])}")
    return table


def _terms(kind: str) -> pd.DataFrame:
    table = load_terms()
    return table[table["kind"].eq(kind)]


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict:
    numbers = dict(zip(_terms("number")["term"], _terms("number")["value"].astype(float)))
    small = [w for w in numbers if numbers[w] < 100]
    word_number = rf"(?:(?:{_alternation(small)})(?:[-\s](?:{_alternation(small)}))?)"
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    figure = rf"(?P<fig>{digits}|{word_number})"
    scale = rf"(?:\s?(?P<scale>{_alternation(_terms('scale_suffix')['term'])})\b|\s(?P<scaleword>million|billion|trillion|thousand|hundred)\b)?"
    fractions = _alternation(_terms("fraction")["term"])
    numerators = _alternation(["a", "an", "one"] + small)
    symbols = _alternation(_terms("currency_symbol")["term"])
    currency_words = _alternation(_terms("currency_word")["term"])
    share_adjectives = _alternation(_terms("share_adjective")["term"])
    share_nouns = _alternation(_terms("share_noun")["term"])
    share_phrases = _alternation(_terms("share_phrase")["term"])
    vague_counts = _alternation(_terms("vague_count")["term"])
    flags = re.IGNORECASE
    return {
        "numbers": numbers,
        "percent": re.compile(rf"(?<![\w.]){figure}\s?(?:%|percent\b|per cent\b|per-cent\b)", flags),
        "money": re.compile(rf"(?P<sym>{symbols})\s?(?P<fig>{digits}){scale}", flags),
        "money_word": re.compile(rf"(?<![\w.$£€]){figure}{scale}\s(?P<cur>{currency_words})\b", flags),
        "vague_money": re.compile(rf"\b(?P<vague>{vague_counts}) of (?P<cur>{currency_words})\b", flags),
        "fraction": re.compile(rf"\b(?:(?P<num>{numerators})[\s-])?(?P<frac>{fractions})\b(?=\s+of\b)", flags),
        "vague_share": re.compile(rf"\b(?:an?\s+|the\s+)?(?P<adj>{share_adjectives})\s+(?P<noun>{share_nouns})\b(?=\s+of\b)", flags),
        "share_phrase": re.compile(rf"\b(?:an?\s+|the\s+)?(?P<phrase>{share_phrases})\b(?=\s+of\b)", flags),
        "year": re.compile(r"(?<![\w.,$£€])(?P<year>1[89]\d\d|20\d\d)(?![\w%]|[.,]\d)"),
        "count": re.compile(rf"(?<![\w.,$£€]){figure}{scale}[\s-](?P<unit>(?-i:[a-z]{{3,}}))\b", flags),
        "vague_count": re.compile(rf"\b(?P<vague>{vague_counts}) of (?:[A-Za-z]+\s){{0,2}}?(?P<unit>(?-i:[a-z]{{3,}}))\b", flags),
        "hedge": re.compile(rf"\b(?P<hedge>{_alternation(_terms('hedge')['term'])})\s+(?:an?\s+|the\s+)?$", flags),
    }


def _figure_value(text: str) -> float | None:
    """The value of a figure written in digits ("1,000", "3.5") or words ("forty-five")."""
    text = text.strip().lower()
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    numbers = _patterns()["numbers"]
    parts = re.split(r"[-\s]+", text)
    if parts and all(part in numbers for part in parts):
        return float(sum(numbers[part] for part in parts))
    return None


@lru_cache(maxsize=1)
def _lookup() -> dict[str, dict]:
    """The terms file as plain dictionaries (term in lower case), for fast parsing."""
    def values(*kinds: str) -> dict:
        rows = load_terms()[load_terms()["kind"].isin(kinds)]
        return {term.lower(): value for term, value in zip(rows["term"], rows["value"])}

    def intervals(*kinds: str) -> dict:
        rows = load_terms()[load_terms()["kind"].isin(kinds)]
        return {term.lower(): (float(low), float(high)) for term, low, high in zip(rows["term"], rows["low"], rows["high"])}

    return {
        "scale": {term: float(value) for term, value in values("scale_suffix", "number").items()},
        "fraction": {term: float(value) for term, value in values("fraction").items()},
        "currency": values("currency_symbol", "currency_word"),
        "hedge": intervals("hedge"),
        "interval": intervals("share_adjective", "share_phrase", "vague_count"),
    }


def _scale_value(match: re.Match) -> float:
    scale = match.groupdict().get("scale") or match.groupdict().get("scaleword")
    return _lookup()["scale"][scale.lower()] if scale else 1.0


def _singular(word: str) -> str:
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("s", "x", "ch", "sh")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _hedged(text: str, start: int, low: float, high: float) -> tuple[float, float, int]:
    """Apply a hedge written just before ``start`` ("about", "more than") to an interval."""
    match = _patterns()["hedge"].search(text[max(0, start - 25):start])
    if not match:
        return low, high, start
    low_factor, high_factor = _lookup()["hedge"][match.group("hedge").lower()]
    value = (low + high) / 2
    new_low = value * low_factor
    new_high = math.inf if math.isinf(high_factor) else value * high_factor
    return new_low, new_high, max(0, start - 25) + match.start()


def parse_quantities(text: str) -> list[Quantity]:
    """Quantities stated in ``text``, each with its span (offsets into ``text``).

    Shares, money, years and counts are recognised in that order of precedence;
    a span already taken by one kind is not read again as another ("$45 million"
    is money, not a count of 45). Ordinals ("7th summit") and days of the month
    are not quantities.

    Examples
    --------
    >>> [q.label for q in parse_quantities("It supplies about 40 percent of its oil.")]
    ['share 36–44 %']
    """
    patterns = _patterns()
    lookup = _lookup()
    found: list[Quantity] = []
    taken = bytearray(len(text))  # 1 where a character already belongs to a quantity

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def add(start: int, end: int, kind: str, low: float, high: float, unit: str = "", hedge: bool = True) -> None:
        if not free(start, end):
            return
        if hedge:
            low, high, start = _hedged(text, start, low, high)
        if kind == "share":
            low, high = max(0.0, low), min(100.0, high)
        found.append(Quantity(start, end, text[start:end], kind, low, high, unit))
        taken[start:end] = b"\x01" * (end - start)

    for match in patterns["percent"].finditer(text):
        value = _figure_value(match.group("fig"))
        if value is not None:
            add(match.start(), match.end(), "share", value - ROUNDING, value + ROUNDING)
    for match in patterns["fraction"].finditer(text):
        numerator = (match.group("num") or "one").lower()
        value = 1.0 if numerator in {"a", "an", "one"} else _figure_value(numerator)
        fraction = lookup["fraction"][match.group("frac").lower()]
        if value is not None:
            add(match.start(), match.end(), "share", 100 * value * fraction, 100 * value * fraction)
    for kind in ("vague_share", "share_phrase"):
        for match in patterns[kind].finditer(text):
            key = match.group("adj") if kind == "vague_share" else match.group("phrase")
            low, high = lookup["interval"][key.lower()]
            add(match.start(), match.end(), "share", low, high, hedge=False)
    currency_of = lookup["currency"]
    for match in patterns["money"].finditer(text):
        value = _figure_value(match.group("fig"))
        code = currency_of[match.group("sym").lower()]
        if value is not None:
            value *= _scale_value(match)
            add(match.start(), match.end(), "money", value, value, code)
    for match in patterns["money_word"].finditer(text):
        value = _figure_value(match.group("fig"))
        if value is not None:
            value *= _scale_value(match)
            add(match.start(), match.end(), "money", value, value, currency_of[match.group("cur").lower()])
    for match in patterns["vague_money"].finditer(text):
        low, high = lookup["interval"][match.group("vague").lower()]
        add(match.start(), match.end(), "money", low, high, currency_of[match.group("cur").lower()], hedge=False)
    for match in patterns["year"].finditer(text):
        year = float(match.group("year"))
        add(match.start(), match.end(), "year", year, year, hedge=False)
    for match in patterns["count"].finditer(text):
        value = _figure_value(match.group("fig"))
        unit = match.group("unit")
        # "two-state solution", "three-way talks": a spelled-out number hyphenated to
        # a noun is a fixed compound, not a count ("44-day war" with digits is one).
        spelled_compound = not match.group("fig")[0].isdigit() and text[match.start("unit") - 1] == "-"
        if value is None or value == 1 or spelled_compound or not is_content_word(unit):
            continue
        value *= _scale_value(match)
        add(match.start(), match.end(), "count", value, value, _singular(unit))
    for match in patterns["vague_count"].finditer(text):
        unit = match.group("unit")
        if is_content_word(unit):
            low, high = lookup["interval"][match.group("vague").lower()]
            add(match.start(), match.end(), "count", low, high, _singular(unit), hedge=False)
    return sorted(found, key=lambda q: (q.start, q.end))


# ---------------------------------------------------------------- subjects


_AFFILIATIONS: dict[int, tuple[pd.DataFrame, dict[str, str]]] = {}


def _affiliations(gazetteer: pd.DataFrame) -> dict[str, str]:
    """``actor -> affiliation`` of the gazetteer, built once per loaded gazetteer (not once per quantity)."""
    cached = _AFFILIATIONS.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        _AFFILIATIONS.clear()
        cached = _AFFILIATIONS[id(gazetteer)] = (gazetteer, dict(zip(gazetteer["actor"], gazetteer["affiliation"])))
    return cached[1]


def _subject_terms(text: str, quantity: Quantity) -> tuple[list[str], list[str]]:
    """What a quantity is about: (window terms, measured terms).

    Words are lower-cased and made singular; an actor named in the gazetteer
    becomes ``@Actor`` (so "Baku" and "Azerbaijan" agree), and a person also
    brings in the country they belong to ("Putin" -> ``@Vladimir Putin``,
    ``@Russia``). The *measured* terms are those of the phrase after "of"
    ("of its oil needs" -> oil, need) or the counted unit.
    """
    affiliation = _affiliations(actors.load_gazetteer())
    mentions = actors.find_mentions(text)
    words = tokenize(text)
    items: list[tuple[int, int, list[str], bool]] = []  # start, end, terms, is_content
    index = 0
    for m_start, m_end, _alias, actor in mentions:
        while index < len(words) and words[index][1] <= m_start:
            start, end, norm = words[index]
            items.append((start, end, [_singular(norm)], is_content_word(norm)))
            index += 1
        terms = [f"@{actor}"] + ([f"@{affiliation[actor]}"] if affiliation.get(actor) else [])
        items.append((m_start, m_end, terms, True))
        while index < len(words) and words[index][0] < m_end:
            index += 1
    for start, end, norm in words[index:]:
        items.append((start, end, [_singular(norm)], is_content_word(norm)))

    before = [item for item in items if item[1] <= quantity.start]
    after = [item for item in items if item[0] >= quantity.end]
    window = [t for item in [i for i in before if i[3]][-SUBJECT_WINDOW:] for t in item[2]]
    window += [t for item in [i for i in after if i[3]][:SUBJECT_WINDOW] for t in item[2]]

    measured: list[str] = []
    if quantity.kind == "count":
        measured = [quantity.unit]
    elif after and text[quantity.end:after[0][0]].strip() == "" and after[0][2] == ["of"]:
        cursor = after[0][1]
        for start, end, terms, content in after[1:]:
            between = text[cursor:start]
            if between.strip() not in {"", "'s", "’s"} or (not content and measured):
                break
            if content:
                measured.extend(terms)
            cursor = end
    return window, measured


# ---------------------------------------------------------------- tone


def stance_toward(text: str, actor: str):
    """The stance of ``text`` toward ``actor`` (a gazetteer actor it names), or None when it does not name it.

    Returns :class:`analysis.readability_tone.stance.Stance` (label, stance −1…1, evidence words).
    """
    from analysis.readability_tone import stance

    mentions = actors.find_mentions(text)
    own = [(start, end) for start, end, _, name in mentions if name == actor]
    if not own:
        return None
    others = [(start, end) for start, end, _, name in mentions if name != actor]
    return stance.predict(text, own, others)


def framing_label(label: str) -> str:
    """``favourable`` for a positive stance, ``critical`` for a negative one, else ``neutral``."""
    return {"positive": "favourable", "negative": "critical"}.get(label, "neutral")


def _nearest_actor(text: str, quantity: Quantity) -> str:
    """The gazetteer actor named nearest to the quantity in its sentence ("" when none)."""
    mentions = actors.find_mentions(text)
    if not mentions:
        return ""
    return min(mentions, key=lambda m: min(abs(m[0] - quantity.end), abs(quantity.start - m[1])))[3]


# ---------------------------------------------------------------- mentions and matching


def quantity_mentions(sentences: pd.DataFrame) -> pd.DataFrame:
    """Every quantity stated in the given sentences, with its subject and framing.

    Parameters
    ----------
    sentences : DataFrame
        From :func:`analysis.corpus.sentences.body_sentences` (``doc_id, sentence_id,
        start, end, text`` with raw offsets).

    Returns
    -------
    pandas.DataFrame
        Columns ``mention_id`` (``doc_id:n``), ``doc_id``, ``sentence_id``,
        ``start``/``end``/``text`` (the sentence, raw offsets), ``q_start``/
        ``q_end``/``quantity_text`` (the quantity, raw offsets), ``kind``,
        ``low``/``high`` (interval), ``unit``, ``quantity`` (readable label),
        ``measured`` and ``subject`` (terms, space-separated; actors as
        ``@Actor``), ``framing_actor`` (the actor named nearest the quantity),
        ``tone`` (the sentence's stance toward that actor, −1…1), ``framing``
        (favourable, critical or neutral: the stance model's label) and
        ``framing_evidence`` (the words that carry the stance).
    """
    rows = []
    counters: dict[str, int] = {}
    for record in sentences[["doc_id", "sentence_id", "start", "end", "text"]].itertuples(index=False):
        quantities = parse_quantities(record.text)
        if not quantities:
            continue
        from analysis.readability_tone.stance import format_evidence

        for quantity in quantities:
            window, measured = _subject_terms(record.text, quantity)
            actor = _nearest_actor(record.text, quantity)
            decided = stance_toward(record.text, actor) if actor else None
            n = counters.get(record.doc_id, 0)
            counters[record.doc_id] = n + 1
            rows.append(
                (
                    f"{record.doc_id}:{n}", record.doc_id, record.sentence_id, record.start, record.end, record.text,
                    record.start + quantity.start, record.start + quantity.end, quantity.text, quantity.kind,
                    quantity.low, quantity.high, quantity.unit, f"{quantity.text} ({quantity.label})",
                    " ".join(dict.fromkeys(measured)), " ".join(dict.fromkeys(window + measured)),
                    actor, round(decided.stance, 4) if decided else 0.0, framing_label(decided.label) if decided else "neutral",
                    format_evidence(decided.evidence) if decided else "",
                )
            )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


@lru_cache(maxsize=1)
def _measure_nouns() -> frozenset[str]:
    return frozenset(_terms("measure_noun")["term"])


def _measured_thing(terms: set[str]) -> set[str]:
    """Measured terms that say *what* is measured: no actors, no generic measure nouns."""
    generic = _measure_nouns()
    return {term for term in terms if not term.startswith("@") and term not in generic}


def claims_agree(a: pd.Series | dict, b: pd.Series | dict) -> tuple[bool, list[str], list[str]]:
    """Whether two quantity mentions state the same fact, and the subject words they share.

    The rule: same kind (a share, count or sum of money: a bare year is no
    claim), same unit for counts and money, overlapping intervals, at least one
    actor in common when both name actors, at least :data:`MIN_SHARED_SUBJECT` shared subject terms, and —
    when both name what is measured ("of its oil needs" / "of Azerbaijan's
    weapons imports") — at least one measured word in common once actors and
    generic measure nouns ("imports", "needs", "demand": ``measure_noun`` rows of
    the terms file) are set aside, so 40 % of oil imports and 40 % of weapons
    imports stay apart even in a sentence about the same two countries.

    Returns
    -------
    (agree, shared_subject, shared_measured)
    """
    if a["kind"] != b["kind"] or a["unit"] != b["unit"] or a["kind"] not in CLAIM_KINDS:
        return False, [], []
    if a["low"] > b["high"] or b["low"] > a["high"]:
        return False, [], []
    subject_a, subject_b = set(a["subject"].split()), set(b["subject"].split())
    actors_a = {term for term in subject_a if term.startswith("@")}
    actors_b = {term for term in subject_b if term.startswith("@")}
    if actors_a and actors_b and not actors_a & actors_b:
        return False, [], []
    measured_a, measured_b = _measured_thing(set(a["measured"].split())), _measured_thing(set(b["measured"].split()))
    shared_measured = sorted(measured_a & measured_b)
    if measured_a and measured_b and not shared_measured:
        return False, [], []
    shared = sorted(subject_a & subject_b)
    return len(shared) >= MIN_SHARED_SUBJECT, shared, shared_measured


def _claim_parts(mention: pd.Series | dict) -> tuple:
    """``kind, unit, low, high``, subject terms, actor terms and measured thing of a mention, as :func:`claims_agree` reads them."""
    subject = set(mention["subject"].split())
    return (mention["kind"], mention["unit"], mention["low"], mention["high"], subject,
            {term for term in subject if term.startswith("@")}, _measured_thing(set(mention["measured"].split())))


def _parts_agree(a: tuple, b: tuple) -> tuple[bool, list[str], list[str]]:
    """:func:`claims_agree` of two mentions' :func:`_claim_parts` (the same rule, step by step)."""
    kind_a, unit_a, low_a, high_a, subject_a, actors_a, measured_a = a
    kind_b, unit_b, low_b, high_b, subject_b, actors_b, measured_b = b
    if kind_a != kind_b or unit_a != unit_b or kind_a not in CLAIM_KINDS:
        return False, [], []
    if low_a > high_b or low_b > high_a:
        return False, [], []
    if actors_a and actors_b and not actors_a & actors_b:
        return False, [], []
    shared_measured = sorted(measured_a & measured_b)
    if measured_a and measured_b and not shared_measured:
        return False, [], []
    shared = sorted(subject_a & subject_b)
    return len(shared) >= MIN_SHARED_SUBJECT, shared, shared_measured


def match_claims(mentions: pd.DataFrame, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of quantity mentions in different articles that state the same fact.

    Parameters
    ----------
    mentions : DataFrame
        From :func:`quantity_mentions`.
    pairs : DataFrame, optional
        The pairs of articles to compare (``doc_a, doc_b``, e.g.
        :func:`analysis.overlap.candidates.candidate_pairs`); default every pair. Only
        mentions of the same kind and unit are compared (:func:`claims_agree`
        needs both), so the work is the sum over pairs of those products.

    Returns
    -------
    pandas.DataFrame
        Columns ``mention_a, mention_b, doc_a, doc_b, kind, shared_subject,
        shared_measured`` (terms joined by spaces), ``doc_a < doc_b``, in the
        order of the mentions.
    """
    records = mentions.to_dict("records")
    by_doc: dict[str, dict[tuple[str, str], list[int]]] = {}
    for number, record in enumerate(records):
        by_doc.setdefault(record["doc_id"], {}).setdefault((record["kind"], record["unit"]), []).append(number)
    # What claims_agree reads of a mention, taken apart once per mention rather than once per comparison:
    # a mention of a large corpus is compared with the mentions of every partner of its article.
    parts = [_claim_parts(record) for record in records]
    found = []
    for doc_a, doc_b in pair_list(pairs, by_doc):
        if doc_a not in by_doc or doc_b not in by_doc:
            continue
        groups_b = by_doc[doc_b]
        for key, numbers_a in by_doc[doc_a].items():
            if key[0] not in CLAIM_KINDS or key not in groups_b:
                continue  # claims_agree refuses any other kind
            for i in numbers_a:
                for j in groups_b[key]:
                    first, second = (i, j) if i < j else (j, i)  # the order the mentions come in, as before
                    agree, shared, measured = _parts_agree(parts[first], parts[second])
                    if agree:
                        found.append((first, second, " ".join(shared), " ".join(measured)))
    rows = []
    for first, second, shared, measured in sorted(found):
        a, b = records[first], records[second]
        low, high = (a, b) if a["doc_id"] < b["doc_id"] else (b, a)
        rows.append((low["mention_id"], high["mention_id"], low["doc_id"], high["doc_id"], a["kind"], shared, measured))
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def claim_groups(mentions: pd.DataFrame, matches: pd.DataFrame) -> pd.Series:
    """``mention_id -> claim_id`` for matched mentions: groups of matches whose intervals all share a value.

    Matches are joined in order; a match that would put two statements whose
    intervals do not overlap into one group is left out of the grouping (it is
    still in ``matches``).

    Claim ids are ``C1``, ``C2``, … in order of the first article and offset
    that states them.
    """
    parent: dict[str, str] = {}
    bounds = {m: (low, high) for m, low, high in mentions[["mention_id", "low", "high"]].itertuples(index=False)}
    span: dict[str, tuple[float, float]] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in matches[["mention_a", "mention_b"]].itertuples(index=False):
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        low_a, high_a = span.get(ra, bounds[a])
        low_b, high_b = span.get(rb, bounds[b])
        low, high = max(low_a, low_b), min(high_a, high_b)
        # A fact's statements must all admit one value; a loose interval may not chain two different figures.
        if low > high:
            continue
        parent[ra] = rb
        span[rb] = (low, high)
    joined = {x for x in parent if parent[x] != x} | {parent[x] for x in parent if parent[x] != x}
    matched = mentions[mentions["mention_id"].isin(joined)].sort_values(["doc_id", "q_start"])
    ids: dict[str, str] = {}
    group_of = {}
    for mention_id in matched["mention_id"]:
        group = root(mention_id)
        ids.setdefault(group, f"C{len(ids) + 1}")
        group_of[mention_id] = ids[group]
    return pd.Series(group_of, name="claim_id", dtype="string")


def shared_claims(mentions: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Claims stated in more than one article: one row per article's statement.

    Returns
    -------
    pandas.DataFrame
        Columns ``claim_id`` (same id = same fact), ``doc_id``, ``start``/``end``
        /``text`` (the sentence, raw offsets), ``quantity`` (as written, with its
        normalised interval) and ``framing``; sorted by claim and article. The
        quantity's own span is in :func:`quantity_mentions` (``q_start``,
        ``q_end``); join on ``doc_id, start, quantity``.
    """
    groups = claim_groups(mentions, matches)
    if groups.empty:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    table = mentions[mentions["mention_id"].isin(groups.index)].assign(claim_id=lambda t: t["mention_id"].map(groups))
    table = table.assign(order=table["claim_id"].str[1:].astype(int)).sort_values(["order", "doc_id", "q_start"])
    return table[SHARED_COLUMNS].reset_index(drop=True)


OPPOSITE_COLUMNS = [
    "mention_a", "mention_b", "doc_a", "doc_b", "actor", "text_a", "text_b", "tone_a", "tone_b", "framing_a", "framing_b",
    "evidence_a", "evidence_b", "quantity_a", "quantity_b",
]


def opposite_framings(mentions: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Matched statements whose stances toward an actor they share are opposite (one positive, one negative).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OPPOSITE_COLUMNS`: the two mentions, ``actor`` (the
        shared subject), both sentences, ``tone_a``/``tone_b`` (stance toward
        the actor, −1…1), ``framing_a``/``framing_b`` (favourable or critical),
        ``evidence_a``/``evidence_b`` (the words that carry each stance) and the
        quantities as written.
    """
    from analysis.readability_tone.stance import format_evidence

    # A mention is matched with many others in a large corpus: read its fields and its stance toward an actor once.
    info = {row[0]: row[1:] for row in mentions[["mention_id", "subject", "text", "quantity_text"]].itertuples(index=False)}
    actors_of = {mention: {t for t in subject.split() if t.startswith("@")} for mention, (subject, _, _) in info.items()}
    stances: dict[tuple[str, str], object] = {}

    def stance_of(mention: str, actor: str):
        key = (mention, actor)
        if key not in stances:
            stances[key] = stance_toward(info[mention][1], actor)
        return stances[key]

    rows = []
    for a, b, doc_a, doc_b in matches[["mention_a", "mention_b", "doc_a", "doc_b"]].itertuples(index=False):
        for term in sorted(actors_of[a] & actors_of[b]):
            actor = term[1:]
            first, second = stance_of(a, actor), stance_of(b, actor)
            if first is None or second is None or {first.label, second.label} != {"positive", "negative"}:
                continue
            rows.append((a, b, doc_a, doc_b, actor, info[a][1], info[b][1], round(first.stance, 4),
                         round(second.stance, 4), framing_label(first.label), framing_label(second.label),
                         format_evidence(first.evidence), format_evidence(second.evidence),
                         info[a][2], info[b][2]))
    return pd.DataFrame(rows, columns=OPPOSITE_COLUMNS)
