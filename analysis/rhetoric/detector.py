"""Rhetorical devices and figurative frames in the article body, as raw-text spans.

Start here::

    from analysis.corpus import loading
    from analysis.rhetoric import detector
    docs = loading.load_corpus()
    spans = detector.detect_devices(docs)        # one row per device span
    frames = detector.track_frames(docs)         # every frame occurrence, with whom the text credits
    detector.detect_text("Experts agree it is an unprecedented disaster.")   # any string

Every span is a pair of character offsets into the raw article (``raw[start:end]``
is the evidence) inside one body sentence, so a span never reaches into page
furniture, and ``rule`` names the pattern or lexicon entry that fired so a reader
can judge it.

What is detected, and from which data file (all in ``analysis/data/``, each row
with its source; ``rhetoric_datasheet.md`` describes them):

``rhetoric_devices.csv``   the taxonomy: one row per device with its definition,
                           examples, colour, how it is detected, and the matching
                           technique of the Propaganda Techniques Corpus (PTC,
                           SemEval-2020 Task 11) where there is one
``rhetoric_patterns.csv``  regular expressions for name-calling, glittering
                           generalities, appeals to authority, doubt, exaggeration,
                           minimisation, flag-waving, appeals to fear and slogans,
                           each with a positive example and a near miss
``rhetoric_lexicon.csv``   loaded-language and name-calling words, with how often
                           the tune part of the PTC labels each one
                           (``python -m analysis.evaluate ptc-tune`` rebuilds it)
``frames.csv``             figurative frames (reckless driving, Trojan horse,
                           trump card, gold reserve, bridge between ...)
``frame_credit_cues.csv``  naming verbs that credit a frame to someone
                           ("what X called ...", "X declared it ...")
``stock_phrases.csv``      stock phrases of template prose (shared with the
                           provenance page signal)

Devices reused from other analyses rather than detected twice: hedging and
boosting come from the tone lexicons (:func:`analysis.readability_tone.tone.find_hedges_boosters`);
vague attribution, scare quotes and speakers introduced as authorities come from
the attribution ledger (:mod:`analysis.provenance.attribution`). A hedge is never reported
as loaded language: lexicon entries containing a hedge term are ignored.

Rhetorical questions are found by rule: a sentence of the writer's own (the
question mark not inside a quotation) that ends with a question mark.

Spans of the same device that overlap are merged into one span (their rules
joined with `` + ``); spans of different devices may overlap.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import PACKAGE_DATA_DIR

DEVICES_FILE = PACKAGE_DATA_DIR / "rhetoric_devices.csv"
PATTERNS_FILE = PACKAGE_DATA_DIR / "rhetoric_patterns.csv"
LEXICON_FILE = PACKAGE_DATA_DIR / "rhetoric_lexicon.csv"
FRAMES_FILE = PACKAGE_DATA_DIR / "frames.csv"
CREDIT_CUES_FILE = PACKAGE_DATA_DIR / "frame_credit_cues.csv"
STOCK_PHRASES_FILE = PACKAGE_DATA_DIR / "stock_phrases.csv"
SENSE_RULES_FILE = PACKAGE_DATA_DIR / "rhetoric_sense_rules.csv"

DEVICE_COLUMNS = ["device", "label", "family", "report_family", "ptc_technique", "ptc_span", "definition", "examples", "colour", "detection", "source"]
PATTERN_COLUMNS = ["device", "rule", "target", "pattern", "case_sensitive", "example", "near_miss", "source"]
LEXICON_COLUMNS = ["entry", "device", "origin", "tune_occurrences", "tune_hits", "tune_precision", "source"]
FRAME_COLUMNS = ["frame", "label", "family", "pattern", "definition", "example", "near_miss", "source"]
LEXICON_ORIGINS = ("curated", "excluded", "riloff2003_strong", "ptc_tune")
CREDIT_CUE_COLUMNS = ["cue", "pattern", "note", "source"]
STOCK_PHRASE_COLUMNS = ["phrase", "pattern", "category", "example", "source"]
SENSE_RULE_COLUMNS = ["device", "rule", "word", "followed_by", "example", "near_miss", "source"]
#: Lexicon origins matched as rules. Mined and Riloff entries are not: the trained tagger
#: (analysis.rhetoric.tagger) learnt from the same words and from the clue list itself.
RULE_ORIGINS = ("curated",)
_SENSE_DEVICES = ("loaded_language", "name_calling")
#: Sentences with fewer words carry no device span (no context to judge one by).
MIN_SENTENCE_WORDS = 2

#: Columns of :func:`detect_devices` (the ``rhetoric_spans.csv`` export).
SPAN_COLUMNS = ["doc_id", "device", "start", "end", "text", "rule", "sentence_id", "ptc_technique"]
#: Columns of :func:`track_frames`.
FRAME_OCCURRENCE_COLUMNS = [
    "doc_id", "frame", "label", "family", "start", "end", "text", "sentence_id", "sentence",
    "attributed_to", "attribution", "voice", "credited_frame_of", "credit_start", "credit_end", "credit_text", "credit_role",
]
#: Columns of :func:`article_summary`.
SUMMARY_COLUMNS = [
    "doc_id", "n_words", "n_spans", "spans_per_1000_words",
    "n_argument_emotive", "argument_emotive_per_1000_words", "n_template_stance", "template_stance_per_1000_words",
    "n_devices", "dominant_devices",
    "densest_sentence_id", "densest_start", "densest_end", "densest_text", "densest_devices",
]
#: The two families the reports count apart (``report_family`` of ``rhetoric_devices.csv``):
#: devices that argue or stir feeling, and the stance words and stock phrases of template prose.
REPORT_FAMILIES = {"argument_emotive": "argument and emotive devices", "template_stance": "hedging, boosting and template prose"}
#: Values of the ``attribution`` column of :func:`track_frames`.
ATTRIBUTION_KINDS = ("stated", "quoted", "author_use_of_credited", "none")
#: Values of the ``voice`` column of :func:`track_frames`: whether the text credits the
#: occurrence to someone (coined or quoted by them) or uses the frame in the author's own voice.
VOICES = ("credited", "author")

_TARGETS = ("text", "ledger_speaker")
# Lexicon tokens: words with inner apostrophes or hyphens ("record-breaking", "don't").
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_WORD = re.compile(r"\w+")
_CLOSERS = "”’\"')]»"
# A name as printed: capitalised words, with the particles names carry.
_NAME = r"(?-i:(?!(?:He|She|They|It|We|I|You|This|That|These|Those|The|A|An|What|Which|Who)\b)(?:[A-Z][\w’'.-]*)(?:\s+(?:(?:bin|al-|de|von|van|der|la|le)\s+)?[A-Z][\w’'.-]*){0,4})"


# --------------------------------------------------------------------------- data files

def _read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    """A data file as strings, refusing missing columns or rows without a source."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: data file missing (it ships with the package)")
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; expected {','.join(columns)}")
    if "source" in columns:
        unsourced = table.index[table["source"].str.strip().eq("")].tolist()
        if unsourced:
            raise ValueError(f"{path}: row(s) {[i + 2 for i in unsourced]} (file line numbers) have no source")
    return table[columns]


def _compile(path: Path, line: int, pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    try:
        return re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", 0 if case_sensitive else re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"{path}: line {line}: pattern {pattern!r} is not a valid regular expression ({error})") from None


@lru_cache(maxsize=1)
def load_devices() -> pd.DataFrame:
    """The taxonomy of devices (``rhetoric_devices.csv``), columns :data:`DEVICE_COLUMNS`.

    ``report_family`` is one of :data:`REPORT_FAMILIES` (densities are counted per
    family); ``ptc_technique`` is the PTC technique name where the device matches one
    (empty otherwise); ``ptc_span`` says what is compared with a PTC span when
    the detector is scored (``match``: the words that fired; ``sentence``: the
    sentence they are in, for techniques the PTC annotates as whole clauses);
    ``colour`` is the device's highlight colour in the reports.
    """
    table = _read_table(DEVICES_FILE, DEVICE_COLUMNS)
    twice = table.loc[table["device"].duplicated(), "device"].tolist()
    if twice:
        raise ValueError(f"{DEVICES_FILE}: devices listed twice: {twice}")
    bad = table.loc[~table["report_family"].isin(REPORT_FAMILIES), "device"].tolist()
    if bad:
        raise ValueError(f"{DEVICES_FILE}: report_family must be one of {list(REPORT_FAMILIES)}; rows {bad}")
    mapped = table["ptc_technique"].ne("")
    bad = table.loc[(mapped & ~table["ptc_span"].isin(["match", "sentence"])) | (~mapped & table["ptc_span"].ne("")), "device"].tolist()
    if bad:
        raise ValueError(f"{DEVICES_FILE}: ptc_span must be match or sentence exactly where ptc_technique is given; rows {bad}")
    return table


def _known_device(path: Path, table: pd.DataFrame) -> None:
    unknown = sorted(set(table["device"]) - set(load_devices()["device"]))
    if unknown:
        raise ValueError(f"{path}: device(s) {unknown} are not in {DEVICES_FILE.name}")


@lru_cache(maxsize=1)
def load_patterns() -> pd.DataFrame:
    """Pattern rules (``rhetoric_patterns.csv``), columns :data:`PATTERN_COLUMNS`.

    ``pattern`` is a Python regular expression matched on whole words
    (case-insensitively unless ``case_sensitive`` is ``yes``); ``target`` is
    ``text`` (matched in the sentence) or ``ledger_speaker`` (matched in the
    speaker phrase of an attribution-ledger row).
    """
    table = _read_table(PATTERNS_FILE, PATTERN_COLUMNS)
    _known_device(PATTERNS_FILE, table)
    bad = table.loc[~table["target"].isin(_TARGETS), "rule"].tolist()
    if bad:
        raise ValueError(f"{PATTERNS_FILE}: target must be one of {_TARGETS}; rows {bad}")
    bad = table.loc[~table["case_sensitive"].isin(["yes", "no"]), "rule"].tolist()
    if bad:
        raise ValueError(f"{PATTERNS_FILE}: case_sensitive must be yes or no; rows {bad}")
    for line, row in enumerate(table.itertuples(index=False), start=2):
        _compile(PATTERNS_FILE, line, row.pattern, row.case_sensitive == "yes")
    return table


@lru_cache(maxsize=1)
def load_lexicon() -> pd.DataFrame:
    """Loaded-language and name-calling entries (``rhetoric_lexicon.csv``).

    Columns :data:`LEXICON_COLUMNS`: ``entry`` (lower case, one to three words,
    matched on whole words, ``'`` and ``’`` alike), ``device``, ``origin``
    (``curated``, ``riloff2003_strong``, ``ptc_tune``, or ``excluded``: a word a
    person judged neutral in news reporting, never matched and never re-added
    by tuning), and on the tune part
    of the PTC: ``tune_occurrences`` (times the entry occurs), ``tune_hits``
    (times it lies inside a span labelled with the device's technique) and
    ``tune_precision`` (hits / occurrences; empty when it never occurs).
    """
    table = _read_table(LEXICON_FILE, LEXICON_COLUMNS)
    _known_device(LEXICON_FILE, table)
    normalised = table["entry"].map(_normalise_entry)
    bad = table.loc[normalised.ne(table["entry"]) | table["entry"].eq(""), "entry"].tolist()
    if bad:
        raise ValueError(f"{LEXICON_FILE}: entries must be lower case, single-spaced, with ' for apostrophes: {bad[:10]}")
    twice = table.loc[table["entry"].duplicated(), "entry"].tolist()
    if twice:
        raise ValueError(f"{LEXICON_FILE}: entries listed twice: {twice[:10]}")
    bad = table.loc[~table["origin"].isin(LEXICON_ORIGINS), "entry"].tolist()
    if bad:
        raise ValueError(f"{LEXICON_FILE}: origin must be one of {LEXICON_ORIGINS}; entries {bad[:10]}")
    return table


@lru_cache(maxsize=1)
def load_frames() -> pd.DataFrame:
    """Figurative frames (``frames.csv``), columns :data:`FRAME_COLUMNS`."""
    table = _read_table(FRAMES_FILE, FRAME_COLUMNS)
    twice = table.loc[table["frame"].duplicated(), "frame"].tolist()
    if twice:
        raise ValueError(f"{FRAMES_FILE}: frames listed twice: {twice}")
    for line, row in enumerate(table.itertuples(index=False), start=2):
        _compile(FRAMES_FILE, line, row.pattern)
    return table


@lru_cache(maxsize=1)
def load_credit_cues() -> pd.DataFrame:
    """Naming verbs that credit a frame to someone (``frame_credit_cues.csv``)."""
    table = _read_table(CREDIT_CUES_FILE, CREDIT_CUE_COLUMNS)
    for line, row in enumerate(table.itertuples(index=False), start=2):
        _compile(CREDIT_CUES_FILE, line, row.pattern)
    return table


@lru_cache(maxsize=1)
def load_stock_phrases() -> pd.DataFrame:
    """Stock phrases of template prose (``stock_phrases.csv``), columns :data:`STOCK_PHRASE_COLUMNS`.

    The file is shared: the provenance analysis reads it for its page signal, so
    its columns are stable. ``pattern`` is a regular expression matched
    case-insensitively on whole words.
    """
    table = _read_table(STOCK_PHRASES_FILE, STOCK_PHRASE_COLUMNS)
    for line, row in enumerate(table.itertuples(index=False), start=2):
        _compile(STOCK_PHRASES_FILE, line, row.pattern)
    return table


@lru_cache(maxsize=1)
def load_sense_rules() -> pd.DataFrame:
    """Context rules that tell a neutral sense of a loaded word (``rhetoric_sense_rules.csv``).

    Columns :data:`SENSE_RULE_COLUMNS`: a loaded-language or name-calling span
    whose last word matches ``word`` (a regular expression on whole words) and
    which is followed by ``followed_by`` (a regular expression matched right
    after the span) is not reported: "lies in the valley" is "is located".
    ``example`` must be dropped by the rule and ``near_miss`` must not.
    """
    table = _read_table(SENSE_RULES_FILE, SENSE_RULE_COLUMNS)
    _known_device(SENSE_RULES_FILE, table)
    for line, row in enumerate(table.itertuples(index=False), start=2):
        _compile(SENSE_RULES_FILE, line, row.word)
        _compile(SENSE_RULES_FILE, line, row.followed_by)
    return table


def _normalise_entry(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


# --------------------------------------------------------------------------- compiled rules

@lru_cache(maxsize=1)
def _text_rules() -> list[tuple[str, str, re.Pattern[str]]]:
    """``(device, rule label, compiled pattern)`` for every rule matched on text."""
    rules = []
    for line, row in enumerate(load_patterns().itertuples(index=False), start=2):
        if row.target == "text":
            rules.append((row.device, f"rhetoric_patterns.csv: {row.rule}", _compile(PATTERNS_FILE, line, row.pattern, row.case_sensitive == "yes")))
    for line, row in enumerate(load_frames().itertuples(index=False), start=2):
        rules.append(("figurative_frame", f"frames.csv: {row.frame}", _compile(FRAMES_FILE, line, row.pattern)))
    for line, row in enumerate(load_stock_phrases().itertuples(index=False), start=2):
        rules.append(("stock_phrase", f"stock_phrases.csv: {row.phrase}", _compile(STOCK_PHRASES_FILE, line, row.pattern)))
    return rules


@lru_cache(maxsize=1)
def _speaker_rules() -> list[tuple[str, str, re.Pattern[str]]]:
    rules = []
    for line, row in enumerate(load_patterns().itertuples(index=False), start=2):
        if row.target == "ledger_speaker":
            rules.append((row.device, f"rhetoric_patterns.csv: {row.rule}", _compile(PATTERNS_FILE, line, row.pattern, row.case_sensitive == "yes")))
    return rules


@lru_cache(maxsize=1)
def _hedge_terms() -> frozenset[str]:
    from analysis.readability_tone import tone

    lexicon = tone.load_lexicon()
    return frozenset(_normalise_entry(term) for term in lexicon.loc[lexicon["kind"].eq("hedge"), "term"])


@lru_cache(maxsize=1)
def _lexicon_index() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[int, ...]]]:
    """``entry -> (device, rule label)`` without entries that contain a hedge, and its :func:`phrase_lengths`."""
    hedges = _hedge_terms()
    index = {}
    for row in load_lexicon().itertuples(index=False):
        words = row.entry.split()
        if row.origin not in RULE_ORIGINS or any(word in hedges for word in words):
            continue  # a hedge is never loaded language
        if row.tune_occurrences:
            evidence = f"PTC tune: {row.tune_hits} of {row.tune_occurrences} labelled"
        else:
            evidence = "not seen in the PTC tune part"
        index[row.entry] = (row.device, f"rhetoric_lexicon.csv: '{row.entry}' ({row.origin}; {evidence})")
    return index, phrase_lengths(index)


# --------------------------------------------------------------------------- matching one passage

def phrase_lengths(index: dict[str, tuple[str, str]]) -> dict[str, tuple[int, ...]]:
    """``first word -> the word counts of the entries of index that start with it``, longest first."""
    lengths: dict[str, set[int]] = {}
    for entry in index:
        words = entry.split(" ")
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(counts, reverse=True)) for word, counts in lengths.items()}


def _lexicon_matches(
    text: str, index: dict[str, tuple[str, str]] | None = None, lengths: dict[str, tuple[int, ...]] | None = None
) -> list[tuple[int, int, str, str]]:
    """Lexicon entries in ``text``, longest entry first at each word.

    ``index`` maps entry -> (device, rule) and ``lengths`` is its :func:`phrase_lengths`
    (both default to the package lexicon's).
    """
    if index is None:
        index, lengths = _lexicon_index()
    elif lengths is None:
        lengths = phrase_lengths(index)
    # A token holds no whitespace, so _normalise_entry of it is its lower case with straight apostrophes.
    tokens = [(*m.span(), m.group().lower().replace("’", "'")) for m in _TOKEN.finditer(text)]
    found = []
    for i in range(len(tokens)):
        # Only the lengths of entries that start with this word can match here (longest first).
        for n in lengths.get(tokens[i][2], ()):
            if i + n > len(tokens):
                continue
            window = tokens[i:i + n]
            # Words of a phrase must be separated by whitespace only.
            if any(not text[a[1]:b[0]].isspace() for a, b in zip(window, window[1:])):
                continue
            entry = " ".join(word for _, _, word in window)
            if entry in index:
                device, rule = index[entry]
                found.append((window[0][0], window[-1][1], device, rule))
                break
    return found


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains, or None when none can be told.

    Read from the parsed pattern: a run of literal characters in a sequence; for an
    alternation, one string of each branch; a repeat at least once, what its body
    needs. Where a sequence offers several, the most selective is kept. A text whose
    lower case (:meth:`str.lower`) contains none of them, and holds none of
    :data:`analysis.readability_tone.tone.CASE_FOLD_TRAPS`, has no match, whatever the case of either.
    """
    from re import _constants as sre, _parser

    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern the parser of this Python reads differently: no prefilter
        return None

    def selectivity(needs: frozenset[str]) -> tuple[int, int]:
        return min(map(len, needs)), -len(needs)

    def sequence(items) -> frozenset[str] | None:
        best, run = None, []

        def consider(needs: frozenset[str] | None) -> None:
            nonlocal best
            if needs and all(needs) and (best is None or selectivity(needs) > selectivity(best)):
                best = needs

        for op, value in items:
            if op is sre.LITERAL and value < 128:
                run.append(chr(value))
                continue
            if run:
                consider(frozenset({"".join(run).lower()}))
                run = []
            consider(node(op, value))
        if run:
            consider(frozenset({"".join(run).lower()}))
        return best

    def node(op, value) -> frozenset[str] | None:
        if op is sre.SUBPATTERN:
            return sequence(value[-1])
        if op is sre.ATOMIC_GROUP:
            return sequence(value)
        if op is sre.BRANCH:
            union: set[str] = set()
            for branch in value[1]:
                needs = sequence(branch)
                if needs is None:
                    return None
                union |= needs
            return frozenset(union)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, body = value
            return sequence(body) if low >= 1 else None
        return None

    return sequence(tree)


@lru_cache(maxsize=1)
def _rule_prefilter() -> tuple[tuple[str, frozenset[int]], ...]:
    """``(string, rules)``: each string that :func:`required_literals` asks of a text rule, and the rules (indexes) asking it."""
    asked: dict[str, set[int]] = {}
    for index, (_, _, pattern) in enumerate(_text_rules()):
        for need in required_literals(pattern) or ():
            asked.setdefault(need, set()).add(index)
    return tuple((need, frozenset(indexes)) for need, indexes in asked.items())


@lru_cache(maxsize=1)
def _rules_without_prefilter() -> frozenset[int]:
    return frozenset(index for index, (_, _, pattern) in enumerate(_text_rules()) if required_literals(pattern) is None)


def _pattern_matches(text: str) -> list[tuple[int, int, str, str]]:
    from analysis.readability_tone.tone import CASE_FOLD_TRAPS

    rules = _text_rules()
    if CASE_FOLD_TRAPS.isdisjoint(text):
        # A rule none of whose required strings is in the text cannot match it: most sentences match no rule.
        lowered = text.lower()
        to_run = set(_rules_without_prefilter())
        for need, indexes in _rule_prefilter():
            if need in lowered:
                to_run |= indexes
        rules = [rule for index, rule in enumerate(rules) if index in to_run]
    found = []
    for device, rule, pattern in rules:
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), device, rule))
    return found


def _inside_quotation(text: str, position: int) -> bool:
    """Whether ``position`` in a sentence lies inside an open quotation."""
    before = text[:position]
    curly_open = before.count("“") - before.count("”")
    straight = before.count('"')
    return curly_open > 0 or straight % 2 == 1


def _question_matches(text: str, sentence_spans: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    found = []
    for start, end in sentence_spans:
        sentence = text[start:end]
        stripped = sentence.rstrip(_CLOSERS + " ")
        if not stripped.endswith("?") or not _WORD.search(sentence):
            continue
        mark = len(stripped) - 1
        if _inside_quotation(sentence, mark):
            continue  # a question someone else asked, quoted
        found.append((start, end, "rhetorical_question", "rule: sentence of the writer's own ending in '?'"))
    return found


def _tagger_matches(text: str, operating_point: str = "thresholds") -> list[tuple[int, int, str, str]]:
    """Loaded-language and name-calling spans of the trained tagger (:mod:`analysis.rhetoric.tagger`).

    Hedges are never loaded language: the tagger never puts a hedge word into a span.
    ``operating_point`` as in :func:`analysis.rhetoric.tagger.tag_text` (the reports use the default).
    """
    from analysis.readability_tone import tone
    from analysis.rhetoric import tagger

    hedges = [(m[0], m[1]) for m in tone._find_in_text(text) if m[4] == "hedge"]
    return tagger.tag_text(text, outside=hedges, operating_point=operating_point)


@lru_cache(maxsize=1)
def _sense_rules() -> list[tuple[str, str, re.Pattern[str], re.Pattern[str]]]:
    """``(device, rule, last word, what follows)`` of every rule in ``rhetoric_sense_rules.csv``."""
    rules = []
    for line, row in enumerate(load_sense_rules().itertuples(index=False), start=2):
        word = _compile(SENSE_RULES_FILE, line, row.word)
        following = re.compile(r"\s*(?:" + row.followed_by + r")(?!\w)", re.IGNORECASE)
        rules.append((row.device, row.rule, word, following))
    return rules


def _other_sense(text: str, start: int, end: int, device: str) -> bool:
    """Whether a word of a span is used in a neutral sense its context shows (``rhetoric_sense_rules.csv``).

    Any word of the span counts, not only its last: the tagger's spans run over
    several words ("the fortress lies between two rivers").
    """
    span = text[start:end]
    for rule_device, _, word, following in _sense_rules():
        if rule_device != device:
            continue
        if any(following.match(text, start + hit.end()) for hit in word.finditer(span)):
            return True
    return False


def _matches_in_passage(text: str, sentence_spans: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str, str]]:
    """All text rules (tagger, curated lexicon, patterns, frames, stock phrases, questions) on one passage.

    Loaded-language and name-calling spans holding a word used in a sense its
    context shows to be neutral ("the village lies in a valley") are dropped.
    """
    from analysis.corpus.sentences import split_text

    spans = sentence_spans if sentence_spans is not None else split_text(text)
    found = _lexicon_matches(text) + _tagger_matches(text) + _pattern_matches(text) + _question_matches(text, spans)
    return [m for m in found if m[2] not in _SENSE_DEVICES or not _other_sense(text, m[0], m[1], m[2])]


# --------------------------------------------------------------------------- reused analyses

def _hedge_booster_rows(matches: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    rows = []
    for record in matches.itertuples(index=False):
        device = "hedging" if record.kind == "hedge" else "boosting"
        source = "hedges.csv" if record.kind == "hedge" else "boosters.csv"
        rows.append((record.start, record.end, device, f"{source}: '{record.term}' (analysis.readability_tone.tone)"))
    return rows


def _ledger_rows(ledger: pd.DataFrame) -> list[tuple[str, int, int, str, str]]:
    """Vague attributions, scare quotes and authority speakers from the attribution ledger."""
    rows = []
    speaker_rules = _speaker_rules()
    for record in ledger.itertuples(index=False):
        how = f"attribution ledger ({record.rule})"
        if record.kind == "scare_quote":
            rows.append((record.doc_id, record.start, record.end, "scare_quotes", f"{how}: quoted term, no speaker"))
            continue
        if pd.isna(record.source_start):
            if record.speaker_kind == "vague" and not pd.isna(record.cue_start):
                # An agentless passive ("it is widely believed") prints no source: the cue is the evidence.
                rows.append((record.doc_id, int(record.cue_start), int(record.cue_end), "vague_attribution",
                             f"{how}: vague source '{record.speaker}' + '{record.verb}'"))
            continue
        ends = [int(record.source_start), int(record.source_end)]
        if not pd.isna(record.cue_start):
            ends += [int(record.cue_start), int(record.cue_end)]
        start, end = min(ends), max(ends)
        if end - start > 200:  # speaker and verb far apart (an inverted quote): show the speaker only
            start, end = int(record.source_start), int(record.source_end)
        if record.speaker_kind == "vague":
            rows.append((record.doc_id, start, end, "vague_attribution", f"{how}: vague source '{record.speaker}' + '{record.verb}'"))
        elif record.speaker_kind == "named":
            for device, rule, pattern in speaker_rules:
                if pattern.search(str(record.speaker)):
                    rows.append((record.doc_id, start, end, device, f"{how} + {rule}: '{record.speaker}' + '{record.verb}'"))
                    break
    return rows


def _ledger(docs: pd.DataFrame, segments: pd.DataFrame | None = None) -> pd.DataFrame | None:
    try:
        from analysis.provenance import attribution
    except ImportError:  # the ledger is optional: without it the three devices are not reported
        return None
    return attribution.find_attributions(docs, segments=segments)


# --------------------------------------------------------------------------- assembling spans

def _merge_same_device(spans: pd.DataFrame) -> pd.DataFrame:
    """Merge overlapping spans of the same device in the same document."""
    if spans.empty:
        return spans
    spans = spans.sort_values(["doc_id", "device", "start", "end"], kind="stable")
    merged = []
    for record in spans.itertuples(index=False):
        last = merged[-1] if merged else None
        if last and last["doc_id"] == record.doc_id and last["device"] == record.device and record.start < last["end"]:
            last["end"] = max(last["end"], record.end)
            if record.rule not in last["rule"].split(" + "):
                last["rule"] = f"{last['rule']} + {record.rule}"
        else:
            merged.append(record._asdict())
    return pd.DataFrame(merged)


def _finish(rows: pd.DataFrame, raw_by_doc: dict[str, str], sentences: pd.DataFrame) -> pd.DataFrame:
    """Merge, add text, sentence and PTC technique, and order the spans."""
    if rows.empty:
        return pd.DataFrame(columns=SPAN_COLUMNS).astype({"start": "int64", "end": "int64", "sentence_id": "int64"})
    spans = _merge_same_device(rows)
    spans["text"] = [raw_by_doc[d][s:e] for d, s, e in spans[["doc_id", "start", "end"]].itertuples(index=False)]
    spans["sentence_id"] = _sentence_of(spans, sentences)
    technique = dict(zip(load_devices()["device"], load_devices()["ptc_technique"]))
    spans["ptc_technique"] = spans["device"].map(technique).fillna("")
    spans = spans[spans["sentence_id"].ge(0)]  # outside every body sentence: never reported
    spans = spans.astype({"start": "int64", "end": "int64", "sentence_id": "int64"})
    return spans.sort_values(["doc_id", "start", "end", "device"], kind="stable").reset_index(drop=True)[SPAN_COLUMNS]


def _sentence_of(spans: pd.DataFrame, sentences: pd.DataFrame) -> list[int]:
    """The id of the body sentence that contains each span's start (-1 when none, or when the span
    runs past that sentence's end). A binary search in each article's sentences (they do not overlap)
    instead of a scan: a page of 100,000 short lines has as many sentences as spans."""
    by_doc = {}
    for doc, group in sentences.groupby("doc_id"):
        table = group[["start", "end", "sentence_id"]].to_numpy()
        by_doc[doc] = table[np.argsort(table[:, 0], kind="stable")]
    ids = []
    for doc, start, end in spans[["doc_id", "start", "end"]].itertuples(index=False):
        table = by_doc.get(doc)
        found = -1
        if table is not None and len(table):
            row = int(np.searchsorted(table[:, 0], start, side="right")) - 1
            if row >= 0 and table[row, 0] <= start < table[row, 1]:
                found = int(table[row, 2]) if end <= table[row, 1] else -1
        ids.append(found)
    return ids


def detect_devices(
    docs: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    ledger: pd.DataFrame | None = None,
    segments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every rhetorical-device span in the body of every article.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus` (``doc_id``, ``raw``).
    sentences : DataFrame, optional
        :func:`analysis.corpus.sentences.body_sentences` of ``docs`` (computed when absent).
    ledger : DataFrame, optional
        :func:`analysis.provenance.attribution.find_attributions` of ``docs`` (computed when
        absent and the module is installed).
    segments : DataFrame, optional
        :func:`analysis.corpus.loading.segment_corpus` of ``docs``, when the caller has it:
        the ledger computed here then reuses it instead of segmenting every page again.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SPAN_COLUMNS`: ``doc_id``; ``device`` (a device of
        :func:`load_devices`); ``start``, ``end`` (raw offsets); ``text``
        (``raw[start:end]``); ``rule`` (the pattern, lexicon entry or ledger rule
        that fired); ``sentence_id`` (as in ``body_sentences``; every span lies
        inside one body sentence of at least :data:`MIN_SENTENCE_WORDS` words);
        ``ptc_technique`` (the PTC name of the device's technique, empty when
        none). Sorted by document and offset. An article without sentences, or
        with one-word sentences only, has no spans.
    """
    from analysis.readability_tone import tone
    from analysis.corpus.sentences import body_sentences

    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    sentences = body_sentences(docs) if sentences is None else sentences
    # A sentence of fewer than two words ("Yes.", a one-word heading) gives no context to judge a device by.
    long_enough = [len(_WORD.findall(raw_by_doc[d][s:e])) >= MIN_SENTENCE_WORDS
                   for d, s, e in sentences[["doc_id", "start", "end"]].itertuples(index=False)]
    sentences = sentences.loc[np.array(long_enough, dtype=bool)] if len(sentences) else sentences
    rows = []
    for doc_id, start, end in sentences[["doc_id", "start", "end"]].itertuples(index=False):
        text = raw_by_doc[doc_id][start:end]
        for s, e, device, rule in _matches_in_passage(text, [(0, len(text))]):
            rows.append((doc_id, start + s, start + e, device, rule))
    hedges = tone.find_hedges_boosters(sentences, raw_by_doc)
    rows += [(d, s, e, device, rule) for d, (s, e, device, rule) in zip(hedges["doc_id"], _hedge_booster_rows(hedges))]
    ledger = _ledger(docs, segments) if ledger is None else ledger
    if ledger is not None:
        rows += _ledger_rows(ledger)
    frame = pd.DataFrame(rows, columns=["doc_id", "start", "end", "device", "rule"])
    return _finish(frame, raw_by_doc, sentences)


def detect_text(text: str, doc_id: str = "text") -> pd.DataFrame:
    """Every device span in one string, treated as a single body segment.

    Use it to try the rules on any passage. Offsets are into ``text``; columns
    :data:`SPAN_COLUMNS`. An empty or punctuation-only text has no spans.
    """
    docs = pd.DataFrame({"doc_id": [doc_id], "raw": [text]})
    return detect_devices(docs, sentences=text_sentences(text, doc_id), ledger=_text_ledger(text, doc_id))


def text_sentences(text: str, doc_id: str = "text") -> pd.DataFrame:
    """Sentences of a plain string in the shape of ``body_sentences`` (one segment)."""
    from analysis.corpus.sentences import split_text

    spans = split_text(text)
    return pd.DataFrame(
        {
            "doc_id": [doc_id] * len(spans),
            "sentence_id": range(len(spans)),
            "seq": [0] * len(spans),
            "segment_label": ["paragraph"] * len(spans),
            "start": [s for s, _ in spans],
            "end": [e for _, e in spans],
            "text": [text[s:e] for s, e in spans],
        }
    )


def _text_ledger(text: str, doc_id: str) -> pd.DataFrame | None:
    try:
        from analysis.provenance import attribution
    except ImportError:
        return None
    return attribution.attributions_in_text(text, doc_id=doc_id)


# --------------------------------------------------------------------------- frames

@lru_cache(maxsize=1)
def _frame_rules() -> list[tuple[str, re.Pattern[str]]]:
    return [(row.frame, _compile(FRAMES_FILE, line, row.pattern)) for line, row in enumerate(load_frames().itertuples(index=False), start=2)]


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A credit before the frame ("X called “…") and after it ("…”, as X called it)."""
    cues = "|".join(f"(?:{pattern})" for pattern in load_credit_cues()["pattern"])
    role = r"(?P<role>(?:(?:a|an|the)\s+)(?:[\w’'-]+\s+){0,4}?)?"
    before = re.compile(
        role + r"(?P<name>" + _NAME + r")\s+(?:(?:has|have|had|once|also|famously|memorably|aptly|to)\s+){0,2}"
        r"(?:" + cues + r")(?:\s+(?:[\w’'-]+\s+){0,2}|\s*[“\"‘'«][^”\"»]{0,40})$",
        re.IGNORECASE,
    )
    after = re.compile(
        r"^[\s,”\"’'»]{0,4}(?:as\s+(?P<name1>" + _NAME + r")\s+(?:" + cues + r")"
        r"|(?:(?:a|the)\s+(?:term|phrase|expression|metaphor|image)\s+)?(?:" + cues + r"|used|popularised|popularized)\s+by\s+(?P<name2>" + _NAME + r"))",
        re.IGNORECASE,
    )
    return before, after


def _resolve_name(printed: str) -> str:
    """The gazetteer's name for a printed name (longest known suffix), else the name as printed."""
    from analysis.provenance.actors import resolve_alias

    words = printed.split()
    for k in range(len(words)):
        actor = resolve_alias(" ".join(words[k:]))
        if actor:
            return actor
    return printed.strip(" ,.;:")


def _credit_in_sentence(sentence: str, start: int, end: int) -> tuple[str, int, int, str] | None:
    """``(name, name start, name end, role)`` where the sentence credits the span at [start, end)."""
    before, after = _credit_patterns()
    match = before.search(sentence[:start])
    if match:
        found = match.group("name"), match.start("name"), match.end("name"), match.group("role") or ""
    else:
        match = after.search(sentence[end:])
        if not match:
            return None
        group = "name1" if match.group("name1") else "name2"
        found = match.group(group), end + match.start(group), end + match.end(group), ""
    return _split_title(sentence, *found)


def _split_title(sentence: str, name: str, n_start: int, n_end: int, role: str) -> tuple[str, int, int, str]:
    """Move a title printed before a known name into the role ("the Hungarian Prime Minister" + "Victor Orbán")."""
    from analysis.provenance.actors import resolve_alias

    if resolve_alias(name):
        return name, n_start, n_end, " ".join(role.split())
    for word in re.finditer(r"\S+", name):
        if word.start() and resolve_alias(name[word.start():]):
            title = name[:word.start()]
            return name[word.start():], n_start + word.start(), n_end, " ".join((role + " " + title).split())
    return name, n_start, n_end, " ".join(role.split())


def _quote_speaker(ledger: pd.DataFrame | None, doc_id: str, start: int, end: int) -> tuple[str, int, int] | None:
    if ledger is None or ledger.empty:
        return None
    covering = ledger[
        ledger["doc_id"].eq(doc_id) & ledger["kind"].eq("quote") & ledger["speaker_kind"].eq("named")
        & ledger["start"].le(start) & ledger["end"].ge(end)
    ]
    if covering.empty:
        return None
    row = covering.iloc[0]
    return str(row["speaker"]), int(row["source_start"]), int(row["source_end"])


def track_frames(
    docs: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    ledger: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every occurrence of every figurative frame, with the sentence and whom the text credits.

    Parameters
    ----------
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus`.
    sentences : DataFrame, optional
        :func:`analysis.corpus.sentences.body_sentences` of ``docs``.
    ledger : DataFrame, optional
        The attribution ledger of ``docs``; a frame inside a quotation is credited
        to the quotation's named speaker.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_OCCURRENCE_COLUMNS`, one row per occurrence in page
        order: ``frame``, ``label`` and ``family`` from ``frames.csv``;
        ``start``/``end``/``text`` (raw offsets, ``raw[start:end]``);
        ``sentence_id`` and ``sentence``; ``attributed_to`` (the person this
        occurrence is credited to, named as in the actor gazetteer when it knows
        them; empty when the author uses the frame in their own voice);
        ``attribution`` — ``stated`` (a naming verb in the same sentence: "what X
        called …", "a term coined by X"), ``quoted`` (inside a quotation of a
        named speaker), ``author_use_of_credited`` (the author's own use of a
        frame the article credits to someone in another sentence: the credit
        goes with the coinage, not with every later use) or ``none`` (the
        author's own frame); ``voice`` — ``credited`` (stated or quoted) or
        ``author``; ``credited_frame_of`` — whom the article credits with the
        frame anywhere (filled for ``author_use_of_credited`` too, empty for
        ``none``); ``credit_start``/``credit_end``/``credit_text`` — raw offsets
        and text of that credited name in the crediting sentence (-1/-1/"" when
        none); ``credit_role`` — how the text introduces that person ("a
        prominent scholar"), empty when it does not.
    """
    from analysis.corpus.sentences import body_sentences

    raw_by_doc = dict(zip(docs["doc_id"], docs["raw"]))
    sentences = body_sentences(docs) if sentences is None else sentences
    frames = load_frames().set_index("frame")
    if ledger is None:
        ledger = _ledger(docs)
    rows = []
    for doc_id, sentence_id, s_start, s_end in sentences[["doc_id", "sentence_id", "start", "end"]].itertuples(index=False):
        sentence = raw_by_doc[doc_id][s_start:s_end]
        for frame, pattern in _frame_rules():
            for match in pattern.finditer(sentence):
                start, end = s_start + match.start(), s_start + match.end()
                credit = _credit_in_sentence(sentence, match.start(), match.end())
                row = {
                    "doc_id": doc_id, "frame": frame, "label": frames.at[frame, "label"], "family": frames.at[frame, "family"],
                    "start": start, "end": end, "text": match.group(), "sentence_id": int(sentence_id), "sentence": sentence,
                    "attributed_to": "", "attribution": "none", "voice": "author", "credited_frame_of": "",
                    "credit_start": -1, "credit_end": -1, "credit_text": "", "credit_role": "",
                }
                if credit:
                    name, n_start, n_end, role = credit
                    row.update(attributed_to=_resolve_name(name), attribution="stated", voice="credited",
                               credited_frame_of=_resolve_name(name), credit_start=s_start + n_start,
                               credit_end=s_start + n_end, credit_text=name, credit_role=role)
                else:
                    quoted = _quote_speaker(ledger, doc_id, start, end)
                    if quoted:
                        name, n_start, n_end = quoted
                        row.update(attributed_to=_resolve_name(name), attribution="quoted", voice="credited",
                                   credited_frame_of=_resolve_name(name), credit_start=n_start, credit_end=n_end, credit_text=name)
                rows.append(row)
    table = pd.DataFrame(rows, columns=FRAME_OCCURRENCE_COLUMNS)
    if table.empty:
        return table.astype({"start": "int64", "end": "int64", "sentence_id": "int64", "credit_start": "int64", "credit_end": "int64"})
    # An occurrence with no credit of its own is the author's use of the frame the article credits
    # elsewhere: it names whose frame it is, but is not itself credited to them.
    credited = table[table["attribution"].isin(["stated", "quoted"])].drop_duplicates(["doc_id", "frame"])
    first_credit = {(r.doc_id, r.frame): r for r in credited.itertuples(index=False)}
    for index, row in table[table["attribution"].eq("none")].iterrows():
        credit = first_credit.get((row["doc_id"], row["frame"]))
        if credit is not None:
            table.loc[index, ["attribution", "credited_frame_of", "credit_start", "credit_end", "credit_text", "credit_role"]] = [
                "author_use_of_credited", credit.attributed_to, credit.credit_start, credit.credit_end, credit.credit_text, credit.credit_role,
            ]
    table = table.astype({"start": "int64", "end": "int64", "sentence_id": "int64", "credit_start": "int64", "credit_end": "int64"})
    return table.sort_values(["doc_id", "start", "frame"], kind="stable").reset_index(drop=True)


def describe_voice(occurrences: pd.DataFrame) -> pd.Series:
    """Each occurrence's voice in words, for a reader ("coined or named by Barry Posen (a prominent scholar)",
    "author's use of a credited frame (Barry Posen's)", "author's own"); ``occurrences`` from :func:`track_frames`."""
    described = []
    for row in occurrences.itertuples(index=False):
        if row.voice == "credited":
            how = "coined or named by" if row.attribution == "stated" else "quoted from"
            described.append(f"{how} {row.attributed_to}" + (f" ({row.credit_role})" if row.credit_role else ""))
        elif row.attribution == "author_use_of_credited":
            described.append(f"author's use of a credited frame ({row.credited_frame_of}'s)")
        else:
            described.append("author's own")
    return pd.Series(described, index=occurrences.index, dtype="object")


def frame_voices(occurrences: pd.DataFrame) -> pd.DataFrame:
    """One row per frame and article: how often it occurs, whom the article credits it to, and in whose voice.

    Parameters
    ----------
    occurrences : DataFrame
        From :func:`track_frames`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, frame, label, n_occurrences, credited_to`` (whom the
        article credits with the frame, empty when nobody), ``n_credited`` (occurrences
        credited where they occur: coined, named or quoted), ``n_author_reuse`` (the
        author's own uses of a frame the article credits) and ``n_author_own``
        (uses of a frame the article credits to nobody); in page order of first use.
    """
    columns = ["doc_id", "frame", "label", "n_occurrences", "credited_to", "n_credited", "n_author_reuse", "n_author_own"]
    rows = []
    for (doc_id, frame), group in occurrences.groupby(["doc_id", "frame"], sort=False):
        credit = group.loc[group["credited_frame_of"].ne(""), "credited_frame_of"]
        rows.append({
            "doc_id": doc_id, "frame": frame, "label": group["label"].iloc[0], "n_occurrences": len(group),
            "credited_to": credit.iloc[0] if len(credit) else "", "n_credited": int(group["voice"].eq("credited").sum()),
            "n_author_reuse": int(group["attribution"].eq("author_use_of_credited").sum()),
            "n_author_own": int(group["attribution"].eq("none").sum()), "_first": int(group["start"].min()),
        })
    table = pd.DataFrame(rows, columns=columns + ["_first"])
    return table.sort_values(["doc_id", "_first"], kind="stable").drop(columns="_first").reset_index(drop=True)


def track_frames_in_text(text: str, doc_id: str = "text") -> pd.DataFrame:
    """:func:`track_frames` on one string treated as a single body segment (offsets into ``text``)."""
    docs = pd.DataFrame({"doc_id": [doc_id], "raw": [text]})
    return track_frames(docs, sentences=text_sentences(text, doc_id), ledger=_text_ledger(text, doc_id))


def frame_matrix(occurrences: pd.DataFrame, doc_ids: list[str] | pd.Series) -> pd.DataFrame:
    """Article × frame counts: one row per article in ``doc_ids`` (zeros included), one column per frame label used."""
    counts = occurrences.pivot_table(index="doc_id", columns="label", values="start", aggfunc="count", fill_value=0)
    counts = counts.reindex(list(doc_ids), fill_value=0)
    counts.columns.name = None
    return counts.astype("int64")


# --------------------------------------------------------------------------- summaries

def device_counts(spans: pd.DataFrame, doc_ids: list[str] | pd.Series) -> pd.DataFrame:
    """Article × device span counts (device labels as columns, every article a row, zeros included)."""
    labels = dict(zip(load_devices()["device"], load_devices()["label"]))
    table = spans.assign(label=spans["device"].map(labels))
    counts = table.pivot_table(index="doc_id", columns="label", values="start", aggfunc="count", fill_value=0)
    counts = counts.reindex(list(doc_ids), fill_value=0)
    counts.columns.name = None
    return counts.astype("int64")


def article_summary(spans: pd.DataFrame, sentences: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Per article: how dense each family of devices is, which devices dominate, and the densest passage.

    Parameters
    ----------
    spans : DataFrame
        From :func:`detect_devices`.
    sentences : DataFrame
        ``body_sentences`` of the same articles (every article listed there gets a row).
    top : int
        How many dominant devices to name.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`: ``n_words`` (body words, :func:`analysis.readability_tone.readability.body_word_counts`), ``n_spans`` and
        ``spans_per_1000_words`` (every device); the same per family of
        :data:`REPORT_FAMILIES` — ``n_argument_emotive`` /
        ``argument_emotive_per_1000_words`` (loaded language, name-calling,
        flag-waving, exaggeration, doubt, appeals, frames …) and
        ``n_template_stance`` / ``template_stance_per_1000_words`` (hedging,
        boosting, vague attribution, stock phrases); ``n_devices`` (distinct
        devices used), ``dominant_devices`` ("Loaded language (12), Hedging (7), …",
        most spans first), and the densest passage — the sentence carrying the
        most distinct *argument and emotive* devices (ties: more such spans, then
        earlier; stance words and stock phrases never make a passage dense) —
        with its id, raw offsets, text and those devices. Articles without
        argument or emotive spans have NaN/empty densest fields; densities of an
        article without words are NaN.
    """
    from analysis.readability_tone.readability import body_word_counts

    devices = load_devices()
    labels = dict(zip(devices["device"], devices["label"]))
    family = dict(zip(devices["device"], devices["report_family"]))
    # One word count per article for every report (readability's, textstat's rule), so densities agree across reports.
    words_of = body_word_counts(sentences).to_dict()
    # Rows grouped once per corpus: filtering the span table per article is quadratic in the corpus.
    sentences_by_doc: dict[str, list] = {}
    for row in sentences[["doc_id", "sentence_id", "start", "end", "text"]].itertuples(index=False):
        sentences_by_doc.setdefault(row.doc_id, []).append(row)
    spans_by_doc: dict[str, list[tuple[str, object]]] = {}
    for doc_id, device, sentence_id in spans[["doc_id", "device", "sentence_id"]].itertuples(index=False):
        spans_by_doc.setdefault(doc_id, []).append((device, sentence_id))

    def per_1000(n: int, n_words: int) -> float:
        return round(1000 * n / n_words, 1) if n_words else float("nan")

    rows = []
    for doc_id in sorted(sentences_by_doc):
        doc_sentences = sentences_by_doc[doc_id]
        n_words = int(words_of.get(doc_id, 0))
        doc_spans = spans_by_doc.get(doc_id, [])
        counts = Counter(device for device, _ in doc_spans)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))  # most spans first, ties by device id
        dominant = ", ".join(f"{labels[d]} ({n})" for d, n in ranked[:top])
        n_argument = sum(1 for device, _ in doc_spans if family[device] == "argument_emotive")
        n_template = len(doc_spans) - n_argument
        row = {
            "doc_id": doc_id, "n_words": n_words, "n_spans": len(doc_spans), "spans_per_1000_words": per_1000(len(doc_spans), n_words),
            "n_argument_emotive": n_argument, "argument_emotive_per_1000_words": per_1000(n_argument, n_words),
            "n_template_stance": n_template, "template_stance_per_1000_words": per_1000(n_template, n_words),
            "n_devices": len(counts), "dominant_devices": dominant,
            "densest_sentence_id": pd.NA, "densest_start": pd.NA, "densest_end": pd.NA, "densest_text": "", "densest_devices": "",
        }
        per_sentence: dict[int, list[str]] = {}
        for device, sentence_id in doc_spans:
            if pd.notna(sentence_id) and family[device] == "argument_emotive":
                per_sentence.setdefault(int(sentence_id), []).append(device)
        if per_sentence:
            # Most distinct devices, then most spans, then the earliest sentence.
            best = min(per_sentence, key=lambda sid: (-len(set(per_sentence[sid])), -len(per_sentence[sid]), sid))
            sentence = next(s for s in doc_sentences if s.sentence_id == best)
            row.update(
                densest_sentence_id=best, densest_start=int(sentence.start), densest_end=int(sentence.end),
                densest_text=sentence.text,
                densest_devices=", ".join(sorted({labels[d] for d in per_sentence[best]})),
            )
        rows.append(row)
    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    for column in ("densest_sentence_id", "densest_start", "densest_end"):
        table[column] = table[column].astype("Int64")
    return table


def family_densities(spans: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """Article × device spans per 1,000 body words, with each device's family (long form).

    Parameters
    ----------
    spans : DataFrame
        From :func:`detect_devices`.
    summary : DataFrame
        :func:`article_summary` of the same articles (its ``n_words`` is the denominator).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, device, label, report_family, n_spans, per_1000_words``:
        one row per article and device of the taxonomy (zeros included), so a
        table or chart headed "per 1,000 words" is always a density, never a count.
    """
    devices = load_devices()
    counts = spans.groupby(["doc_id", "device"]).size()
    rows = []
    for doc_id, n_words in summary[["doc_id", "n_words"]].itertuples(index=False):
        for device, label, report_family in devices[["device", "label", "report_family"]].itertuples(index=False):
            n = int(counts.get((doc_id, device), 0))
            rows.append((doc_id, device, label, report_family, n, round(1000 * n / n_words, 2) if n_words else float("nan")))
    return pd.DataFrame(rows, columns=["doc_id", "device", "label", "report_family", "n_spans", "per_1000_words"])


#: The devices of template prose, in the order :func:`template_prose_table` lists them.
TEMPLATE_DEVICES = ("hedging", "boosting", "vague_attribution", "stock_phrase")


def template_prose_table(spans: pd.DataFrame, summary: pd.DataFrame, quoted: int = 4) -> pd.DataFrame:
    """Per article: the hedging, boosting and template-prose family device by device, with its own stock phrases.

    Parameters
    ----------
    spans : DataFrame
        From :func:`detect_devices`.
    summary : DataFrame
        :func:`article_summary` of the same articles (one row each; ``n_words`` and the family density).
    quoted : int
        How many of an article's stock phrases to quote (in text order, each once).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, n_words, template_stance_per_1000_words``, then ``n_<device>``
        for each of :data:`TEMPLATE_DEVICES` (spans; zeros included), and
        ``stock_phrases``: the article's own words of its first ``quoted``
        distinct stock phrases, joined by " · " (with "…" when there are more).
        Densest first (ties by ``doc_id``).
    """
    counts = spans[spans["device"].isin(TEMPLATE_DEVICES)].groupby(["doc_id", "device"]).size()
    stock = spans[spans["device"].eq("stock_phrase")].sort_values(["doc_id", "start"])
    phrases = {doc: list(dict.fromkeys(group["text"])) for doc, group in stock.groupby("doc_id")}
    rows = []
    for doc_id, n_words, density in summary[["doc_id", "n_words", "template_stance_per_1000_words"]].itertuples(index=False):
        row = {"doc_id": doc_id, "n_words": int(n_words), "template_stance_per_1000_words": density}
        row.update({f"n_{device}": int(counts.get((doc_id, device), 0)) for device in TEMPLATE_DEVICES})
        own = phrases.get(doc_id, [])
        row["stock_phrases"] = " · ".join(own[:quoted]) + (" …" if len(own) > quoted else "")
        rows.append(row)
    columns = ["doc_id", "n_words", "template_stance_per_1000_words", *(f"n_{d}" for d in TEMPLATE_DEVICES), "stock_phrases"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["template_stance_per_1000_words", "doc_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- rendering

def device_colours() -> dict[str, str]:
    """``device label -> colour`` from the taxonomy, in taxonomy order."""
    devices = load_devices()
    return dict(zip(devices["label"], devices["colour"]))


#: Body characters of one article the rhetoric report renders; the rest is folded into a note
#: (its spans are all in tables/rhetoric_spans.csv). Long reports are 60,000 characters.
MAX_RENDERED_CHARS = 100_000


def render_article(raw: str, segments: pd.DataFrame, spans: pd.DataFrame, colours: dict[str, str] | None = None,
                   max_chars: int = MAX_RENDERED_CHARS) -> str:
    """One article as escaped HTML: body segments with device spans highlighted, furniture folded.

    Parameters
    ----------
    raw : str
        The article's raw text.
    segments : DataFrame
        The article's rows of :func:`analysis.corpus.loading.segment_corpus` (page order).
    spans : DataFrame
        The article's rows of :func:`detect_devices`.
    colours : dict, optional
        ``device label -> colour`` (default :func:`device_colours`).
    max_chars : int
        Body characters rendered; past them the rest of the article is one note
        saying how much was left out.

    Overlapping spans stay readable (:func:`analysis.report.display.highlight_records`
    shades the first device and stripes the others; the tooltip names every
    device and the rule that fired). Furniture segments are not shown, only a
    grey note of what was left out. Each span is handed only to the segments it
    overlaps (found by binary search), so the cost grows with segments plus
    spans, not with their product: a page of 100,000 short lines took 13 minutes.
    """
    from analysis.report.display import escape_text, highlight_records

    colours = colours or device_colours()
    labels = dict(zip(load_devices()["device"], load_devices()["label"]))
    labelled = spans.assign(label=spans["device"].map(labels)).sort_values(["start", "end"], kind="stable").reset_index(drop=True)
    records = list(zip(labelled["start"].tolist(), labelled["end"].tolist(), labelled["label"].astype(str).tolist(),
                       [f"{label}: {rule}" for label, rule in zip(labelled["label"].astype(str).tolist(), labelled["rule"].tolist())]))
    starts = labelled["start"].to_numpy()
    # The furthest end among the spans up to each position: a span can only reach a segment if it starts before the
    # segment's end and some span up to it ends after the segment's start.
    reach = np.maximum.accumulate(labelled["end"].to_numpy()) if len(labelled) else np.empty(0, dtype=int)
    parts = []
    folded: list[tuple[str, int]] = []  # consecutive furniture segments, shown as one note

    def fold() -> None:
        if folded:
            kinds = pd.Series([label for label, _ in folded]).value_counts(sort=False)
            what = ", ".join(label if n == 1 else f"{label} ×{n}" for label, n in kinds.items())
            n_chars = sum(n for _, n in folded)
            parts.append(
                '<div style="color:#888;font-size:.8em;margin:.3em 0">'
                f"[page furniture left out: {escape_text(what)}; {n_chars} characters]</div>"
            )
            folded.clear()

    shown = 0
    body = segments[segments["kind"].eq("body")]
    for number, segment in enumerate(segments.itertuples(index=False)):
        if segment.kind == "body":
            fold()
            if shown >= max_chars:
                rest = body[body["start"] >= segment.start]
                parts.append(
                    '<div style="color:#888;font-size:.8em;margin:.3em 0">'
                    f"[the rest of the article is not shown: {int((rest['end'] - rest['start']).sum()):,} more characters of body "
                    f"in {len(rest):,} segments; every span is in tables/rhetoric_spans.csv]</div>"
                )
                break
            hi = int(np.searchsorted(starts, segment.end, side="left"))
            lo = int(np.searchsorted(reach[:hi], segment.start, side="right"))
            parts.append(highlight_records(raw, records[lo:hi], segment.start, segment.end, colours))
            shown += segment.end - segment.start
        elif raw[segment.start:segment.end].strip():
            folded.append((segment.label, len(raw[segment.start:segment.end].strip())))
    fold()
    return '<div class="wb-rhetoric">' + "".join(parts) + "</div>"


def body_view(raw: str, segments: pd.DataFrame) -> str:
    """``raw`` with every furniture character replaced by a space (same length, so raw offsets still hold).

    Give it to :func:`analysis.report.display.kwic_table` so the words around a span
    come from the article body, never from an ad or a pitch beside it.
    """
    chars = list(raw)
    for start, end in segments.loc[segments["kind"].ne("body"), ["start", "end"]].itertuples(index=False):
        chars[start:end] = [" "] * (end - start)
    return "".join(chars)
