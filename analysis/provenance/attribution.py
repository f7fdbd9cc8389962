"""The attribution ledger: whom the text relies on, quotation by quotation.

Every direct quotation and every reported statement in the article **body**, with
who is cited (a named person or institution, a vague source such as "analysts
suggest" or "reports suggesting", or nobody), the reporting verb, whether it is
a direct quote, and raw-text offsets. A term in quotation marks that nobody is
said to have spoken (``a so-called "Zangezur corridor"``) is a **scare quote**
and is told apart from a quotation.

Start here::

    from analysis.corpus import loading
    from analysis.provenance import attribution
    docs = loading.load_corpus()
    ledger = attribution.find_attributions(docs)         # one row per attribution
    scare = attribution.find_scare_quotes(docs)          # the scare quotes only
    attribution.attributions_in_text("Analysts said ...")  # any string, offsets into it

The rules are transparent heuristics, not a parser: a reporting verb from
``data/reporting_verbs.csv``; its subject found by walking left over the noun
phrase (skipping auxiliaries, adverbs and a comma-enclosed parenthetical), or
the agent of a passive (``stated by X``), or the name after an inverted verb
(``", said X``); ``according to X``; a possessive speech noun (``X's promise to
"…"``); agentless passives and adverbs from ``data/vague_sources.csv``
(``it is believed``, ``reportedly``). A speaker is **named** when the phrase ends
in a proper name or names an institution ("the Trump administration", "the
Tories"), or is a definite office ("the minister"); **vague** when its head is a
group or document noun from ``data/vague_sources.csv`` ("analysts", "Iranian
officials", "reports"); a phrase that is neither ("the decline of US hegemony
suggests") is not a source and yields no row. ``he``/``she`` are resolved to
the most recent named speaker; the ``rule`` column says how each row was found,
so a reader can judge it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR

#: Columns of :func:`find_attributions` (stable; documented in the ledger export).
ATTRIBUTION_COLUMNS = [
    "doc_id", "start", "end", "speaker", "speaker_kind", "verb", "is_quote", "text",
    "kind", "sentence_id", "source_start", "source_end", "source_resolved", "cue_start", "cue_end",
    "cue_kind", "verb_lemma", "verb_category", "rule",
]
#: Columns of :func:`sourcing_profile`.
PROFILE_COLUMNS = [
    "doc_id", "n_sentences", "n_attributions", "n_named", "n_vague", "n_unattributed_quotes",
    "n_quotes", "n_scare_quotes", "n_sourced_sentences", "share_sourced", "share_vague",
]
SPEAKER_KINDS = ("named", "vague", "none")
ROW_KINDS = ("quote", "reported", "scare_quote")

#: A quoted passage of at most this many words with no speaker is a scare quote;
#: a longer one is an unattributed quotation (the usual bound for a "term").
SCARE_QUOTE_MAX_WORDS = 5

_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w’'&.\-]*[\w’'])?|[^\w\s]")
_OPEN_QUOTES = "“\"«‘'"
_CLOSE_QUOTES = "”\"»’'"

# Words that end a speaker noun phrase when walking left from the verb.
_BOUNDARY = set(
    """that which who whom whose what where when while whereas and but or nor as because if although though
    since after before so than to with on into onto about amid amidst despite during over under against
    between through toward towards upon within without via per like unlike including
    has have had is are was were be been being am will would shall should can could may might must do does
    did led made got let put set met took gave won came went saw sent began become became seems seemed
    this these those it its such there here then however yet also even only still now meanwhile instead
    thus therefore hence indeed moreover furthermore nonetheless nevertheless not no never by across around near
    beyond among amongst""".split()
)
# Allowed inside a speaker phrase ("Secretary of State", "spokeswoman for women Sandra Gidley").
_NP_INTERNAL = {"of", "for", "from", "the", "a", "an", "de", "al", "al-", "bin", "von", "van", "der", "le", "la", "and", "&"}
_SKIP_BEFORE_VERB = set(
    """has have had is are was were will would also has been be being did does do not never already once then
    again later repeatedly recently publicly explicitly strongly fiercely openly privately reportedly allegedly
    previously earlier first last further himself herself itself themselves only just even still always often
    frequently consistently long once""".split()
)
_PREPOSITIONS = {"in", "at", "on", "with", "about", "over", "under", "into", "onto", "to", "toward", "towards", "against",
                 "between", "through", "across", "around", "near", "beyond", "among", "amid", "during", "within", "by"}
_AUTHOR_VOICE = {"i", "we", "one", "you", "us"}
_PRONOUNS = {"he", "she", "they", "it"}
_DETERMINERS = {"the", "a", "an", "some", "many", "most", "several", "few", "other", "others", "both", "all",
                "his", "her", "their", "its", "our", "this", "these", "those", "that", "one", "two", "three"}
_DEFINITE = {"the", "his", "her", "their", "its", "our"}
_COMMON_SENTENCE_START = {w.title() for w in _BOUNDARY | _DETERMINERS | _AUTHOR_VOICE | _PRONOUNS}
_SPEECH_NOUNS = ("promise|pledge|call|calls|claim|claims|warning|warnings|vow|threat|threats|statement|remarks|words|"
                 "assertion|insistence|description|view|accusation|demand|appeal|slogan|phrase|motto")
_POSSESSIVE_SPEECH = re.compile(r"(?:'s|’s|s'|s’)\s+(?:" + _SPEECH_NOUNS + r")\b(?:\s+(?:to|that|of|for))?", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+")
_SO_CALLED = re.compile(r"(?:so[- ]called|self-styled|self-proclaimed|supposed|alleged|purported|vaunted)\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_reporting_verbs() -> pd.DataFrame:
    """The reporting-verb lexicon: columns ``verb, forms, category, use, note, source``.

    ``use`` is ``attribution`` (counts wherever it has a speaker), ``clause_only``
    (counts only when followed by "that", a colon or a quotation: "find", "feel")
    or ``excluded`` (listed by Recasens et al. 2013 but rarely a verb of saying in
    news prose, e.g. "see", "present"; kept with the reason so the choice is visible).
    """
    path = PACKAGE_DATA_DIR / "reporting_verbs.csv"
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    expected = ["verb", "forms", "category", "use", "note", "source"]
    if list(table.columns) != expected:
        raise ValueError(f"{path}: expected columns {expected}, found {list(table.columns)}")
    bad = table[~table["use"].isin(["attribution", "clause_only", "excluded"])]
    if not bad.empty:
        raise ValueError(f"{path}: unknown 'use' value(s) {sorted(set(bad['use']))} (attribution|clause_only|excluded)")
    if table["source"].eq("").any():
        raise ValueError(f"{path}: every verb needs a source; missing for {list(table.loc[table['source'].eq(''), 'verb'])}")
    return table


@lru_cache(maxsize=1)
def load_vague_sources() -> pd.DataFrame:
    """The source-noun lexicon: columns ``term, kind, note, source``.

    ``kind`` is ``group`` ("analysts", "officials"), ``document`` ("reports",
    "assessments"), ``role`` ("minister": named when definite, vague when
    indefinite or plural), ``passive`` (a regular expression for an agentless
    passive such as "it is believed"), ``adverb`` ("reportedly") or ``phrase``
    (a regular expression such as "amid reports of").
    """
    path = PACKAGE_DATA_DIR / "vague_sources.csv"
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    expected = ["term", "kind", "note", "source"]
    if list(table.columns) != expected:
        raise ValueError(f"{path}: expected columns {expected}, found {list(table.columns)}")
    bad = table[~table["kind"].isin(["group", "document", "role", "passive", "adverb", "phrase"])]
    if not bad.empty:
        raise ValueError(f"{path}: unknown kind(s) {sorted(set(bad['kind']))}")
    return table


@lru_cache(maxsize=1)
def _lexicon():
    verbs = load_reporting_verbs()
    verbs = verbs[verbs["use"].ne("excluded")]
    form_info: dict[str, tuple[str, str, str]] = {}
    for verb, forms, category, use in verbs[["verb", "forms", "category", "use"]].itertuples(index=False):
        for form in forms.split("|"):
            form_info[form] = (verb, category, use)
    forms_sorted = sorted(form_info, key=len, reverse=True)
    verb_pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(f) for f in forms_sorted) + r")(?![\w’'-])")
    nouns = load_vague_sources()
    vague = {t.lower(): k for t, k in nouns.loc[nouns["kind"].isin(["group", "document"]), ["term", "kind"]].itertuples(index=False)}
    roles = set(nouns.loc[nouns["kind"].eq("role"), "term"].str.lower())
    patterns = [
        (re.compile(t, re.IGNORECASE), k, t)
        for t, k in nouns.loc[nouns["kind"].isin(["passive", "adverb", "phrase"]), ["term", "kind"]].itertuples(index=False)
    ]
    return form_info, verb_pattern, vague, roles, patterns


# Forms that are also common nouns or adjectives ("the Jewish state", "such claims", "calls for a …"):
# they count as verbs only when past tense or followed by "that", a colon, a comma or a quotation.
_NOUN_LIKE_FORMS = set(
    """state states report reports claim claims call calls comment comments remark remarks reply replies vow vows
    pledge pledges demand demands request requests protest protests charge charges quote quotes warning warnings
    rule rules voice voices note notes praise blame promise promises threat threats stress counter estimate forecast
    guess hint hints signal signals question questions answer answers dispute disputes respond insist welcome
    label labels term terms""".split()
)
_PATTERN_RULE = {"passive": "agentless passive", "adverb": "attribution adverb", "phrase": "vague-source phrase"}
_BE_FORMS = {"is", "are", "was", "were", "been", "being", "be", "as"}


@dataclass
class _Attribution:
    sentence: int
    verb_start: int
    verb_end: int
    verb: str
    lemma: str
    category: str
    speaker: str = ""
    speaker_kind: str = "none"
    speaker_start: int | None = None
    speaker_end: int | None = None
    rule: str = ""
    quotes: list = field(default_factory=list)
    resolved: str = ""  # the full name a pronoun or surname stands for
    broad: bool = False  # found by the cue model: any noun phrase may be its source
    partial_quote: bool = False  # its reported clause holds a partial quotation
    probability: float = 1.0  # the cue model's, for a cue it found


# --------------------------------------------------------------------------- quotes

#: A quotation longer than this is cut at the end of its paragraph: an unbalanced mark
#: never swallows the rest of an article (the row's rule says so).
MAX_QUOTE_CHARS = 3000


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quoted passages in ``text`` as ``(start, end)``, quotation marks included.

    Two apostrophes (``''…''``, the New York Times style) and a double backtick
    opening (````…''``, typewriter style) are double quotation marks too.
    """
    if "''" not in text and "``" not in text:
        return _find_quotes(text)
    # Same length: each two-character mark becomes one mark and a filler that is
    # neither space nor word, then the spans are widened back over the second character.
    converted = re.sub(r"``|''", lambda m: '"\u2060', text)
    spans = []
    for start, end in _find_quotes(converted):
        if end < len(text) and text[end - 1:end + 1] == "''":
            end += 1
        spans.append((start, end))
    return spans


def _find_quotes(text: str) -> list[tuple[int, int]]:
    """:func:`find_quotes` for single-character marks.

    Curly double quotes (“…”), straight double quotes ("…"), guillemets («…»)
    and single quotes (‘…’ and '…') are recognised; a single quote inside a word
    or after a plural ("Azerbaijan’s", "Israelis’") is an apostrophe. Straight
    quotes are told apart by position: a mark after a space and before a word
    opens, a mark after a word closes. A quotation still open when a new one
    opens, or at the end of the text (news style for quotes running over several
    paragraphs), ends at the last non-space character before that point. Single
    quotes inside a double-quoted passage are part of it.
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    open_at: int | None = None
    open_mark = ""
    i = 0

    def close_before(pos: int) -> None:
        end = pos
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        spans.append((open_at, end))

    while i < n:
        ch = text[i]
        if ch in '“«"':
            before = text[i - 1] if i > 0 else " "
            k = i + 1
            while k < n and text[k] == "\u2060":  # the filler of a two-character mark
                k += 1
            after = text[k] if k < n else " "
            opener_like = (before.isspace() or before in "([{—–-/:") and not after.isspace()
            if open_at is None:
                closer_only = ch == '"' and not before.isspace() and (after.isspace() or after in ".,;:!?)")
                if ch == '"' and closer_only and i > 0:
                    i += 1  # a stray closing mark (its opening mark is in an earlier paragraph)
                    continue
                open_at, open_mark = i, ch
            elif ch == '"' and open_mark == '"' and not opener_like:
                spans.append((open_at, i + 1))
                open_at = None
            else:
                close_before(i)  # an unclosed quotation ends where the next one opens
                open_at, open_mark = i, ch
            i += 1
            continue
        if ch in "”»" and open_at is not None and open_mark in "“«":
            spans.append((open_at, i + 1))
            open_at = None
            i += 1
            continue
        if open_at is None and ch in "‘'" and _opens_single(text, i):
            j = _close_single(text, i, ch)
            if j is not None:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    if open_at is not None:
        close_before(n)
    return [(s, e) for s, e in spans if text[s + 1:e].strip(" " + _CLOSE_QUOTES + _OPEN_QUOTES)]


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-/“\"") and after.isalnum()


def _close_single(text: str, i: int, opener: str) -> int | None:
    closer = "’" if opener == "‘" else "'"
    limit = min(len(text), i + 300)
    j = i + 1
    while j < limit:
        if text[j] == "\n":
            return None
        if text[j] == closer:
            after = text[j + 1] if j + 1 < len(text) else " "
            before = text[j - 1]
            if not after.isalnum():
                return j
        j += 1
    return None


def _mask_quotes(text: str, quotes: list[tuple[int, int]]) -> str:
    """``text`` with the inside of every quotation replaced by underscores (same length)."""
    chars = list(text)
    for start, end in quotes:
        inner_end = end - 1 if end - 1 > start and text[end - 1] in _CLOSE_QUOTES else end
        for k in range(start + 1, inner_end):
            if not chars[k].isspace():
                chars[k] = "_"
    return "".join(chars)


# --------------------------------------------------------------------------- speakers

def _tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    end = len(text) if end is None else end
    return [(m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])]


def _bare(word: str) -> str:
    """A token without a possessive ending or trailing full stop ("Iran's" -> "Iran")."""
    word = re.sub(r"(?:'s|’s|'|’)$", "", word)
    return word[:-1] if word.endswith(".") and word.count(".") == 1 else word


def _is_boundary(word: str, previous: str | None, vague: dict, roles: set) -> bool:
    low = word.lower()
    if low in _NP_INTERNAL:
        return False
    if low in ("in", "at"):
        # "officials in Baku", "analysts at Chatham House": part of the phrase after a source noun.
        return not (previous is not None and (_bare(previous).lower() in vague or _bare(previous).lower() in roles))
    if low in _BOUNDARY or low in _PRONOUNS and word.islower() or (word in _lexicon()[0] and word not in _NOUN_LIKE_FORMS):
        return True
    if word[:1].islower() and len(word) > 4 and (low.endswith("ed") or low.endswith("ing")) and low not in vague and low not in roles:
        return True  # a verb form: "led", "arrested", "gathering"
    return False


def _phrase_left(masked: str, lo: int, pos: int, vague: dict, roles: set, object_ok: bool = False) -> tuple[int, int] | None:
    """The noun phrase ending just before ``pos`` (not before ``lo``), as offsets.

    None when the phrase is the object of a preposition ("a look at the South
    Caucasus"), unless ``object_ok`` (an antecedent of "who" may be one).
    """
    tokens = _tokens(masked, lo, pos)
    i = len(tokens) - 1
    while i >= 0 and tokens[i][2].lower() in _SKIP_BEFORE_VERB or (i >= 0 and tokens[i][2].islower() and tokens[i][2].endswith("ly") and len(tokens[i][2]) > 4):
        i -= 1
    if i >= 0 and tokens[i][2].lower() in _PRONOUNS:
        return tokens[i][0], tokens[i][1]  # "which it accuses …", "…, he said"
    collected = []
    while i >= 0 and len(collected) < 12:
        word = tokens[i][2]
        if not (word[0].isalnum()):
            if word in "-&":
                i -= 1
                continue
            break
        previous = tokens[i - 1][2] if i > 0 else None
        if _is_boundary(word, previous, vague, roles):
            if not object_ok and word.lower() in _PREPOSITIONS and previous is not None and previous[:1].isalpha() and previous.lower() not in _BOUNDARY:
                return None  # "a careful look at the South Caucasus reveals": the phrase is a prepositional object
            break
        collected.append(tokens[i])
        i -= 1
    collected.reverse()
    while collected and collected[0][2].lower() in (_NP_INTERNAL - {"the", "a", "an"}) | {"in", "at"}:
        collected.pop(0)
    while collected and collected[-1][2].lower() in _NP_INTERNAL:
        collected.pop()
    if not collected:
        return None
    return collected[0][0], collected[-1][1]


def _phrase_right(masked: str, pos: int, hi: int, vague: dict, roles: set) -> tuple[int, int] | None:
    """The noun phrase starting at ``pos`` (an agent after "by", a name after "said")."""
    collected = []
    for start, end, word in _tokens(masked, pos, hi):
        if not word[0].isalnum() and word not in "-&":
            break
        previous = collected[-1][2] if collected else None
        if collected and _is_boundary(word, previous, vague, roles):
            break
        if not collected and word.lower() in _BOUNDARY:
            break
        collected.append((start, end, word))
        if len(collected) >= 12:
            break
    while collected and collected[-1][2].lower() in _NP_INTERNAL:
        collected.pop()
    if not collected:
        return None
    return collected[0][0], collected[-1][1]


def classify_speaker(phrase: str, sentence_initial: bool = False) -> str | None:
    """Classify a speaker phrase as ``named``, ``vague``, ``pronoun``, ``author`` or None.

    Parameters
    ----------
    phrase : str
        The subject or agent of a reporting verb, e.g. ``"a prominent scholar
        Barry Posen"``, ``"Iranian officials"``, ``"The decline of the US hegemony"``.
    sentence_initial : bool
        Whether the phrase opens its sentence (then a capital letter alone does
        not make a proper name: "Reports suggesting …").

    Returns
    -------
    str or None
        ``named`` (ends in a proper name, an institution with a proper-name
        modifier, or a definite office), ``vague`` (head is a group or document
        noun, or an indefinite office), ``pronoun`` (he, she, they, it),
        ``author`` (I, we, one, you: the writer's own voice) or None when the
        phrase is not a source at all (an inanimate subject).
    """
    _, _, vague, roles, _ = _lexicon()
    words = [w for _, _, w in _tokens(phrase) if w[0].isalnum()]
    if not words:
        return None
    low = [_bare(w).lower() for w in words]
    if len(words) == 1 and low[0] in _AUTHOR_VOICE:
        return "author"
    if len(words) == 1 and low[0] in _PRONOUNS:
        return "pronoun"
    # The head is the part before a complement ("statements from Aliyev", "heads of state").
    cut = next((k for k, w in enumerate(low) if k > 0 and w in ("of", "from", "by", "in", "at", "for")), len(words))
    head, head_low = words[:cut], low[:cut]
    complement = words[cut + 1:]
    preposition = low[cut] if cut < len(words) else ""
    last, last_low = _bare(head[-1]), head_low[-1]
    first_is_initial = sentence_initial and len(head) == 1 and cut == len(words)
    # "heads of state": a multi-word source noun.
    joined = " ".join(low)
    if joined in vague or " ".join(low[-3:]) in vague:
        return "vague"
    if last[:1].isupper() and not first_is_initial and last_low not in vague:
        return "named"
    if last_low in vague:
        if vague[last_low] == "document" and preposition in ("from", "by") and any(w[:1].isupper() for w in complement):
            return "named"
        return "vague"
    if last_low in roles or last_low.rstrip("s") in roles or " ".join(head_low[-2:]) in roles:
        if last_low.endswith("s") and last_low.rstrip("s") in roles:
            return "vague"  # "ministers said"
        determiner = head_low[0]
        capital_modifier = any(w[:1].isupper() for w in head[1:-1]) or (head[0][:1].isupper() and not sentence_initial)
        if determiner in _DEFINITE or capital_modifier or re.search(r"(?:'s|’s)$", head[0]):
            return "named"
        return "vague"
    if last[:1].isupper() and first_is_initial and last not in _COMMON_SENTENCE_START:
        return "named"  # "Washington condemned …" at the start of a sentence
    if last_low in _INSTITUTION_NOUNS and (any(w[:1].isupper() for w in head[1:]) or head_low[0] in _DEFINITE):
        return "named"  # "the Trump administration", "the Azerbaijani government", "the government" (one, identifiable)
    return None


_INSTITUTION_NOUNS = set(
    """government administration ministry parliament court army military embassy cabinet council committee party
    police company agency office department commission presidency kremlin senate congress assembly union bank
    institute foundation university newspaper network alliance coalition campaign team board authority
    secretariat""".split()
)


# --------------------------------------------------------------------------- the ledger

def attributions_in_text(text: str, doc_id: str = "text", regions: list[tuple[int, int]] | None = None,
                         first_sentence_id: int = 0) -> pd.DataFrame:
    """The attribution ledger of any text (offsets into ``text``).

    Parameters
    ----------
    text : str
        Any text, e.g. one article's raw text or a constructed example.
    doc_id : str
        Value of the ``doc_id`` column.
    regions : list of (start, end), optional
        Parts of ``text`` to analyse, each split into sentences on its own (body
        segments); default: the paragraphs of ``text`` (split at blank lines).
    first_sentence_id : int
        Number given to the first sentence (sentences are numbered across regions).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ATTRIBUTION_COLUMNS`; see :func:`find_attributions`.
    """
    return _ledger_frame(_ledger_rows(text, doc_id, regions, first_sentence_id))


def _ledger_rows(text: str, doc_id: str, regions: list[tuple[int, int]] | None, first_sentence_id: int = 0) -> list[dict]:
    """The rows of :func:`attributions_in_text`, ordered by ``(start, end)``."""
    from analysis.corpus.sentences import split_text

    regions = paragraph_spans(text) if regions is None else regions
    state = _DocState(doc_id=doc_id)
    sentence_id = first_sentence_id
    for region_start, region_end in regions:
        region = text[region_start:region_end]
        quotes = find_quotes(region)
        masked = _mask_quotes(region, quotes)
        sentences = split_text(region)
        # A sentence splitter may cut inside a quotation; keep offsets per region.
        sentence_rows = []
        for s, e in sentences:
            sentence_rows.append((sentence_id, s, e))
            sentence_id += 1
        _analyse_region(region, masked, quotes, sentence_rows, region_start, state)
    return sorted(state.rows, key=lambda row: (row["start"], row["end"]))  # stable, like the table's sort


def _ledger_frame(rows: list[dict]) -> pd.DataFrame:
    """Ledger rows as a DataFrame with the ledger's dtypes (one frame for many articles:
    building a small DataFrame per article costs more than finding its attributions)."""
    frame = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    for column in ("source_start", "source_end", "cue_start", "cue_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("start", "end", "sentence_id"):
        frame[column] = frame[column].astype("int64")
    frame["is_quote"] = frame["is_quote"].astype(bool)
    return frame


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``text`` (blocks separated by blank lines)."""
    spans, start = [], 0
    for match in re.finditer(r"\n[ \t]*\r?\n\s*", text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@dataclass
class _DocState:
    doc_id: str
    rows: list = field(default_factory=list)
    named: list = field(default_factory=list)  # (speaker, is_person) in order
    last_quote: dict | None = None  # the previous linked quotation, for continuations
    last_quote_sentence: int = -10


def _analyse_region(region: str, masked: str, quotes: list[tuple[int, int]], sentences: list[tuple[int, int, int]],
                    offset: int, state: _DocState) -> None:
    form_info, verb_pattern, vague, roles, patterns = _lexicon()
    attributions: list[_Attribution] = []
    model_cues = _model_cues(region, quotes)
    for sentence_id, s_start, s_end in sentences:
        found: list[_Attribution] = []
        sentence_masked = masked[s_start:s_end]
        for match in verb_pattern.finditer(sentence_masked):
            v_start, v_end = s_start + match.start(), s_start + match.end()
            form = match.group()
            lemma, category, use = form_info[form]
            after = masked[v_end:s_end]
            follows_clause = bool(re.match(r"\s*(?:that\b|:|,?\s*[“\"«‘'])", after))
            if use == "clause_only" and not follows_clause:
                continue
            if form in _NOUN_LIKE_FORMS and not follows_clause:
                continue
            if re.match(r"\s+of\b", after) and form.endswith("ed"):
                continue  # "others accused of …": a participle, not a speaker
            if lemma == "add" and re.match(r"\s+to\b", after):
                continue  # "added to Aliyev's sense of …"
            previous_word = re.search(r"([\w’'.]+)\s*$", masked[s_start:v_start])
            if previous_word and (previous_word.group(1).lower() in _DETERMINERS | {"its", "his", "her", "their", "our", "my", "your"}
                                  or re.search(r"(?:'s|’s|s'|s’)$", previous_word.group(1))):
                continue  # "a proposed force", "Washington’s stated goals": an adjective or noun
            att = _Attribution(sentence_id, v_start, v_end, form, lemma, category)
            if _find_speaker(att, masked, s_start, s_end, found, state, vague, roles):
                found.append(att)
        for match in _ACCORDING_TO.finditer(sentence_masked):
            a_start, a_end = s_start + match.start(), s_start + match.end()
            span = _phrase_right(masked, a_end, s_end, vague, roles)
            if span is None:
                continue
            kind = classify_speaker(region[span[0]:span[1]])
            if kind in (None, "author"):
                continue
            att = _Attribution(sentence_id, a_start, a_start + len("according to"), region[a_start:a_start + 12],
                               "according to", "neutral", rule="according to X")
            _set_speaker(att, region, span, kind, state, s_start)
            found.append(att)
        for pattern, kind, term in patterns:
            for match in pattern.finditer(sentence_masked):
                p_start, p_end = s_start + match.start(), s_start + match.end()
                noun = [m for m in re.finditer(r"[\w-]+", match.group()) if m.group().lower() in vague]
                sp_start, sp_end = (p_start + noun[-1].start(), p_start + noun[-1].end()) if noun else (p_start, p_end)
                att = _Attribution(sentence_id, p_start, p_end, region[p_start:p_end], match.group().lower().strip(),
                                   "distancing" if kind == "adverb" else "neutral",
                                   speaker=region[sp_start:sp_end], speaker_kind="vague",
                                   speaker_start=sp_start, speaker_end=sp_end,
                                   rule=f"{_PATTERN_RULE[kind]} ({term})")
                found.append(att)
        for c_start, c_end, probability, why in model_cues:
            if not (s_start <= c_start < s_end):
                continue
            if any(a.verb_start < c_end and c_start < a.verb_end for a in found):
                continue  # the lexicon found this cue already
            att = _model_attribution(region, masked, c_start, min(c_end, s_end), probability, why, sentence_id,
                                     s_start, s_end, found, state, vague, roles)
            if att is not None:
                found.append(att)
        attributions.extend(sorted(found, key=lambda a: a.verb_start))
    _link_quotes(region, masked, quotes, sentences, attributions, offset, state, vague, roles)


def reporting_forms() -> set[str]:
    """Every form of the reporting verbs in use (``data/reporting_verbs.csv``, excluded rows left out)."""
    return set(_lexicon()[0])


def clear_caches() -> None:
    """Forget the lexicons and the cue model read so far (after a data file was rewritten)."""
    from analysis.provenance import cue_model

    for cached in (load_reporting_verbs, load_vague_sources, _lexicon, load_cue_kinds, _cue_kind_index):
        cached.cache_clear()
    cue_model._load.cache_clear()


def _model_cues(region: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int, float, str]]:
    """Cue spans the cue model finds in a region, outside quotations."""
    from analysis.provenance import cue_model

    found = cue_model.cue_spans(region, quotes, reporting_forms())
    return [c for c in found if not any(q_start < c[0] and c[1] < q_end for q_start, q_end in quotes)]


_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
                "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "also"}
#: A cue with no source it can find is kept only when the model is at least this sure
#: (PolNeAR marks agentless cues such as "is expected" or "has been well documented").
SOURCELESS_MIN_PROBABILITY = 0.8
#: A cue whose source is neither a name, a vague group nor a pronoun ("the decline of the
#: empire suggests", "I think") is kept only when the model is at least this sure.
OTHER_SOURCE_MIN_PROBABILITY = 0.5
#: A quoted term of a few words after a cue the model is less sure of stays a term in quotation
#: marks (a scare quote when nobody is said to have spoken it), not a partial quotation.
PARTIAL_QUOTE_MIN_PROBABILITY = 0.6


def _model_attribution(region: str, masked: str, c_start: int, c_end: int, probability: float, why: str, sentence_id: int,
                       s_start: int, s_end: int, found: list[_Attribution], state: _DocState, vague: dict,
                       roles: set) -> _Attribution | None:
    """An attribution for a cue the model found: its source by the ledger's rules, or none for an agentless cue."""
    cue = region[c_start:c_end]
    # Trim punctuation at the edges of a cue ("said:", ", said"), keeping a cue that is punctuation only (a headline colon).
    while c_end - c_start > 1 and not region[c_end - 1].isalnum():
        c_end -= 1
    while c_end - c_start > 1 and not region[c_start].isalnum():
        c_start += 1
    cue = region[c_start:c_end]
    words = cue.lower().split()
    if all(w.strip(",.:;") in _AUXILIARIES for w in words):
        return None  # "has", "had been": an auxiliary alone cites nobody
    info = next((_lexicon()[0][w] for w in cue.split() if w in _lexicon()[0]), None)
    lemma, category = (info[0], info[1]) if info else (" ".join(words), "")
    att = _Attribution(sentence_id, c_start, c_end, cue, lemma, category, broad=True, probability=probability)
    how = f"cue model p={probability:.2f} ({why})"
    if cue.lower().startswith("according to"):
        span = _phrase_right(masked, c_end, s_end, vague, roles)
        if span is not None:
            kind = classify_speaker(region[span[0]:span[1]]) or "other"
            _accept(att, masked, span, kind, state, s_start, "according to X")
            att.rule = f"{how}; {att.rule}"
            return att
    # Post-posed with the source after the cue: "…, said the senator", "“…,” says Chris Cox, who …".
    inverted = re.search(r"[,;:—–]\s*$", masked[s_start:c_start]) or re.search(r"[”\"’']\s*,?\s*$", region[s_start:c_start])
    if inverted:
        span = _phrase_right(masked, c_end, s_end, vague, roles)
        kind = classify_speaker(region[span[0]:span[1]]) if span is not None else None
        if kind in ("named", "vague", "pronoun"):
            _accept(att, masked, span, kind, state, s_start, "source after the cue (…, verb X)")
            att.rule = f"{how}; {att.rule}"
            return att
    if _find_speaker(att, masked, s_start, s_end, found, state, vague, roles):
        if att.speaker_kind in ("other", "author") and probability < OTHER_SOURCE_MIN_PROBABILITY:
            return None
        att.rule = f"{how}; {att.rule}"
        return att
    if probability >= SOURCELESS_MIN_PROBABILITY:
        att.rule = f"{how}; no source printed (agentless cue)"
        return att
    return None


def _set_speaker(att: _Attribution, region: str, span: tuple[int, int], kind: str, state: _DocState, s_start: int) -> None:
    att.speaker_start, att.speaker_end = span
    phrase = region[span[0]:span[1]]
    att.speaker = phrase
    att.speaker_kind = kind
    if kind == "named":
        att.resolved = _resolve_surname(phrase, state)
        state.named.append(phrase)


_TITLES = re.compile(r"^(?:(?:Mr|Ms|Mrs|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Rev|Sir|Dame|Lord|Lady|Judge|"
                     r"President|Senator|Governor|Secretary|Minister|Chancellor|Mayor)\.?\s+)+")


def _resolve_surname(phrase: str, state: _DocState) -> str:
    """The earlier full name a bare surname ("Garin", "Mr. Garin") stands for; empty when none or already full."""
    bare = _TITLES.sub("", phrase.strip())
    if not re.fullmatch(r"[A-Z][\w’'\-]+", bare):
        return ""
    for earlier in reversed(state.named):
        words = _TITLES.sub("", earlier).split()
        if len(words) >= 2 and _bare(words[-1]) == bare and words[0][:1].isupper():
            return " ".join(words[-4:]) if len(words) <= 4 else " ".join(words[-3:])
    return ""


def _broaden(att: _Attribution, kind: str | None) -> str | None:
    """For a cue the model found, a noun phrase that is neither a name nor a vague group is still its source."""
    if att.broad and kind is None:
        return "other"
    if att.broad and kind == "author":
        return "author"
    return kind


def _find_speaker(att: _Attribution, masked: str, s_start: int, s_end: int, earlier: list[_Attribution],
                  state: _DocState, vague: dict, roles: set) -> bool:
    region = masked  # offsets are shared; the raw region text is read through masked for words outside quotes
    before = masked[s_start:att.verb_start]
    stripped = before.rstrip()
    # Skip adverbs/auxiliaries right before the verb to see the real neighbour.
    tokens = _tokens(masked, s_start, att.verb_start)
    k = len(tokens) - 1
    # Skip adverbs and auxiliaries, but stop at a form of "be": "is believed" is a passive, "is saying" is not.
    while k >= 0 and ((tokens[k][2].lower() in _SKIP_BEFORE_VERB - _BE_FORMS)
                      or (tokens[k][2].islower() and tokens[k][2].endswith("ly") and len(tokens[k][2]) > 4)
                      or (tokens[k][2].lower() in _BE_FORMS - {"as"} and att.verb.endswith("ing"))):
        k -= 1
    neighbour = tokens[k][2] if k >= 0 else ""
    after = masked[att.verb_end:s_end]
    # Passive with an agent: "as stated by President Ilham Aliyev", "was confirmed by officials".
    by = re.match(r"\s+(?:\w+ly\s+)?by\s+", after)
    if by and neighbour.lower() in _BE_FORMS:
        span = _phrase_right(masked, att.verb_end + by.end(), s_end, vague, roles)
        if span:
            kind = classify_speaker(masked[span[0]:span[1]])
            if kind in ("named", "vague"):
                _set_speaker(att, masked, span, kind, state, s_start)
                att.rule = "passive with agent (verb by X)"
                return True
    if neighbour.lower() in _BE_FORMS - {"as"}:
        return False  # agentless passive handled by the vague-source patterns
    # Inverted after a quotation: '"…," said David Frost'.
    if neighbour in _CLOSE_QUOTES or (neighbour == "," and k > 0 and tokens[k - 1][2] in _CLOSE_QUOTES):
        span = _phrase_right(masked, att.verb_end, s_end, vague, roles)
        if span:
            kind = _broaden(att, classify_speaker(masked[span[0]:span[1]]))
            if kind in ("named", "vague", "pronoun", "other"):
                return _accept(att, masked, span, kind, state, s_start, "inverted after a quotation (said X)")
        return False
    if neighbour.lower() in ("and", "but", "or"):
        return _inherit(att, earlier, "coordinated verb: speaker of the previous verb")
    if neighbour.lower() in ("who", "which") and k > 0:
        j = k - 1 if tokens[k - 1][2] != "," else k - 2
        if j >= 0:
            span = _phrase_left(masked, s_start, tokens[j][1], vague, roles, object_ok=True)
            if span:
                kind = classify_speaker(masked[span[0]:span[1]], sentence_initial=span[0] == s_start)
                if kind in ("named", "vague"):
                    return _accept(att, masked, span, kind, state, s_start, "relative clause (X, who verb)")
        return False
    if neighbour.lower() == "to" and k > 0:
        span = _phrase_left(masked, s_start, tokens[k][0], vague, roles)
        if span:
            kind = classify_speaker(masked[span[0]:span[1]], sentence_initial=span[0] == s_start)
            if kind in ("named", "vague"):
                return _accept(att, masked, span, kind, state, s_start, "infinitive (led X to verb)")
        return False
    # A participle clause: "…, emphasising, “…”" inherits the subject of the main clause.
    if neighbour == "," and att.verb.endswith("ing"):
        if _parenthetical_subject(masked, tokens, k, s_start, vague, roles) is None:
            return _inherit(att, earlier, "participle clause: speaker of the main clause")
    if neighbour == ",":
        span = _parenthetical_subject(masked, tokens, k, s_start, vague, roles)
        if span is None:
            return _inherit(att, earlier, "after a comma: speaker of the main clause") if att.verb.endswith("ing") else False
        kind = _broaden(att, classify_speaker(masked[span[0]:span[1]], sentence_initial=span[0] == s_start))
        if kind is None or (kind == "author" and not att.broad):
            return False
        return _accept(att, masked, span, kind, state, s_start, "subject before a parenthetical (X, …, verb)")
    span = _phrase_left(masked, s_start, att.verb_start, vague, roles)
    if span is None:
        return False
    kind = _broaden(att, classify_speaker(masked[span[0]:span[1]], sentence_initial=span[0] == s_start))
    if kind is None or (kind == "author" and not att.broad):
        return False
    return _accept(att, masked, span, kind, state, s_start, "subject of the reporting verb (X verb)")


def _parenthetical_subject(masked: str, tokens: list, k: int, s_start: int, vague: dict, roles: set) -> tuple[int, int] | None:
    """For ``X, <parenthetical>, verb``: the span of X (or of the parenthetical when it is a name)."""
    j = k - 1
    while j >= 0 and tokens[j][2] not in {",", "(", ";", ":", "—", "–"}:
        j -= 1
    if j < 0 or tokens[j][2] != ",":
        return None
    inner = tokens[j + 1:k]
    words = [w for _, _, w in inner]
    if not inner or len(inner) > 10 or any(w.lower() in ("that", "which", "who") for w in words):
        return None
    if any(re.fullmatch(r"[a-z]+(?:ed|s)", w) and w.lower() in _lexicon()[0] for w in words):
        return None  # the "parenthetical" holds a reporting verb: it is a clause, not an aside
    left = _phrase_left(masked, s_start, tokens[j][0], vague, roles)
    name_like = all(w[:1].isupper() or w.lower() in _NP_INTERNAL for w in words) and any(w[:1].isupper() for w in words)
    if name_like:
        return inner[0][0], inner[-1][1]  # "The Shadow Secretary …, Theresa May, said"
    return left


def _accept(att, masked, span, kind, state, s_start, rule) -> bool:
    phrase = masked[span[0]:span[1]]
    if kind == "pronoun":
        resolved = _resolve_pronoun(phrase.lower(), state, masked, s_start, span[0])
        att.speaker_start, att.speaker_end = span
        if resolved:
            att.speaker, att.speaker_kind, att.resolved = resolved, "named", resolved
            att.rule = f"{rule}; pronoun '{phrase}' resolved to the last named speaker"
        else:
            att.speaker, att.speaker_kind = phrase, "vague"
            att.rule = f"{rule}; pronoun '{phrase}' not resolved"
        return True
    _set_speaker(att, masked, span, kind, state, s_start)
    att.rule = rule
    return True


def _inherit(att: _Attribution, earlier: list[_Attribution], rule: str) -> bool:
    same_sentence = [a for a in earlier if a.sentence == att.sentence and a.speaker_kind in ("named", "vague")]
    if not same_sentence:
        return False
    source = same_sentence[-1]
    att.speaker, att.speaker_kind = source.speaker, source.speaker_kind
    att.speaker_start, att.speaker_end = source.speaker_start, source.speaker_end
    att.rule = rule
    return True


_NAME = re.compile(r"(?:(?:Mr|Ms|Mrs|Dr|Prof|President|Minister)\.?\s+)?[A-Z][\w’'\-]+(?:\s+(?:bin\s+|al-|de\s+|von\s+)?[A-Z][\w’'\-]+)+")


def _looks_like_person(name: str) -> bool:
    """A name of a person rather than an institution: two capitalised words, or a title."""
    words = name.split()
    if re.match(r"(?:Mr|Ms|Mrs|Dr|Prof)\.?$", words[0]) and len(words) > 1:
        return True
    capitals = [w for w in words if w[:1].isupper()]
    return len(capitals) >= 1 and len(words) - words.index(capitals[0]) >= 1 and bool(_NAME.search(name)) \
        and not words[-1].endswith("s") and words[-1].lower() not in _INSTITUTION_NOUNS


def _resolve_pronoun(pronoun: str, state: _DocState, masked: str, s_start: int, p_start: int) -> str | None:
    if pronoun in ("he", "she"):
        people = [name for name in state.named if _looks_like_person(name)]
        if people:
            return people[-1]
        names = _NAME.findall(masked[max(0, s_start - 400):p_start])
        return names[-1] if names else None
    window = masked[s_start:p_start]
    names = [n for n in _NAME.findall(window) if n.split()[0] not in _COMMON_SENTENCE_START]
    names = names or [w for w in re.findall(r"\b[A-Z][a-z]{2,}\b", window) if w not in _COMMON_SENTENCE_START]
    return names[0] if names else None


def _link_quotes(region, masked, quotes, sentences, attributions, offset, state, vague, roles) -> None:
    """Attach each quotation to a speaker, then emit the rows of this region: one per attribution."""
    def sentence_of(pos: int) -> int:
        for sid, s, e in sentences:
            if s <= pos < e:
                return sid
        return sentences[-1][0] if sentences else 0

    bounds = {sid: (s, e) for sid, s, e in sentences}
    rows = state.rows
    quote_rows: dict[int, dict] = {}  # id(attribution) -> its quotation row, to join an interrupted quotation
    for q_start, q_end in quotes:
        sid_start = sentence_of(q_start)
        sid_end = sentence_of(max(q_start, q_end - 1))
        inner = region[q_start:q_end]
        n_words = len(re.findall(r"\w+", inner))
        window = [a for a in attributions if sid_start <= a.sentence <= sid_end or a.sentence == sid_end]
        preceding = [a for a in window if a.verb_end <= q_start and a.sentence == sid_start]
        following = [a for a in attributions if a.verb_start >= q_end and a.sentence == sid_end]
        link, rule = None, ""
        # Possessive speech noun right before the quote: "Mohammad Bin Salman’s promise to “…”".
        lead = masked[bounds.get(sid_start, (0, 0))[0]:q_start]
        possessive = None
        for m in _POSSESSIVE_SPEECH.finditer(lead):
            if len(lead) - m.end() <= 3:
                possessive = m
        before_text = region[max(0, q_start - 20):q_start]
        if _SO_CALLED.search(before_text):
            preceding, following, possessive = [], [], None
        # '"…," he said' / '"…," said X': an attribution right after the quote wins.
        if following and following[0].verb_start - q_end <= 25 and not re.search(r"[.!?]\s", region[q_end:following[0].verb_start]):
            link, rule = following[0], "quotation followed by its attribution"
        elif preceding and preceding[-1].probability < PARTIAL_QUOTE_MIN_PROBABILITY and n_words <= SCARE_QUOTE_MAX_WORDS:
            pass  # a quoted term after a cue the model is unsure of ("Officials opened a “corridor”") stays a term
        elif preceding:
            link, rule = preceding[-1], "quotation in the reported clause"
            lead_in = region[link.verb_end:q_start]
            if re.search(r"\w", lead_in[_LEAD_IN.match(lead_in).end():]) and not re.search(r"[,:]\s*$", lead_in):
                # 'X called it “extremely careless”': a partial quotation; the row is the reported clause.
                link.partial_quote = True
                # A quotation in the next sentences with no speaker of its own continues this one.
                state.last_quote = {"speaker": link.speaker, "speaker_kind": link.speaker_kind,
                                    "source_start": _shift(link.speaker_start, offset), "source_end": _shift(link.speaker_end, offset),
                                    "verb_lemma": link.lemma, "verb_category": link.category, "source_resolved": link.resolved}
                state.last_quote_sentence = sid_end
                continue
        elif following:
            link, rule = following[0], "quotation followed by its attribution"
        elif possessive is not None:
            s0 = bounds[sid_start][0]
            span = _phrase_left(masked, s0, s0 + possessive.start() + 1, vague, roles)
            if span:
                span = (span[0], s0 + possessive.start())
                kind = classify_speaker(region[span[0]:span[1]], sentence_initial=span[0] == s0)
                if kind in ("named", "vague"):
                    noun = region[s0 + possessive.start():s0 + possessive.end()]
                    link = _Attribution(sid_start, s0 + possessive.start(), s0 + possessive.end(),
                                        noun.lstrip("'’s ").strip(), re.sub(r"^(?:'s|’s|s'|s’)\s+|\s+(?:to|that|of|for)$", "", noun).lower(),
                                        "neutral", rule="possessive speech noun (X's promise to “…”)")
                    _set_speaker(link, region, span, kind, state, s0)
                    attributions.append(link)
                    rule = link.rule
        if link is None and state.last_quote is not None and n_words > SCARE_QUOTE_MAX_WORDS:
            same_sentence_sources = [a for a in attributions if a.sentence == sid_start]
            if not same_sentence_sources and sid_start - state.last_quote_sentence <= 2:
                previous = state.last_quote
                rows.append(_row(state.doc_id, offset + q_start, offset + q_end, previous["speaker"], previous["speaker_kind"],
                                 "", True, inner, "quote", sid_start, previous["source_start"], previous["source_end"],
                                 None, None, previous["verb_lemma"], previous["verb_category"],
                                 "continues the previous quotation (same speaker)" + _unclosed_note(inner),
                                 resolved=previous["source_resolved"]))
                state.last_quote_sentence = sid_end
                continue
        if link is not None:
            link.quotes.append((q_start, q_end))
            joined = quote_rows.get(id(link))
            if joined is not None and offset + q_start - joined["end"] <= 200:
                # "“…,” she said, “…”": one attribution, from the first mark to the last.
                joined["end"] = offset + q_end
                joined["text"] = region[joined["start"] - offset:q_end]
                joined["rule"] += "; joined with the rest of the interrupted quotation" + _unclosed_note(inner)
                state.last_quote_sentence = sid_end
                continue
            row = _row(state.doc_id, offset + q_start, offset + q_end, link.speaker, link.speaker_kind, link.verb, True,
                       inner, "quote", sid_start, _shift(link.speaker_start, offset), _shift(link.speaker_end, offset),
                       offset + link.verb_start, offset + link.verb_end, link.lemma, link.category,
                       (f"{rule}; {link.rule}" if link.rule and link.rule != rule else rule) + _unclosed_note(inner),
                       resolved=link.resolved)
            quote_rows[id(link)] = row
            rows.append(row)
            state.last_quote = row
            state.last_quote_sentence = sid_end
            continue
        so_called = _SO_CALLED.search(before_text)
        if n_words <= SCARE_QUOTE_MAX_WORDS or so_called:
            why = f"term in quotation marks after '{so_called.group().strip()}'" if so_called else \
                f"term of {n_words} word(s) in quotation marks with no speaker in its sentence"
            rows.append(_row(state.doc_id, offset + q_start, offset + q_end, "", "none", "", False, inner, "scare_quote",
                             sid_start, None, None, None, None, "", "", why))
        else:
            rows.append(_row(state.doc_id, offset + q_start, offset + q_end, "", "none", "", True, inner, "quote",
                             sid_start, None, None, None, None, "", "",
                             "quotation with no speaker in its sentence" + _unclosed_note(inner)))
    # Reported statements, thoughts and findings: one row per attribution with no quotation,
    # its content the clause the cue introduces (or, for "…, she said", the clause before it).
    for a in sorted(attributions, key=lambda a: (a.sentence, a.verb_start)):
        if a.quotes:
            continue
        if a.speaker_kind not in ("named", "vague", "other", "author") and not (a.broad and a.speaker_kind == "none"):
            continue
        c_start, c_end, where = _content_span(a, sentences, region, attributions)
        if c_end <= c_start:
            continue
        kind = {"thought": "thought", "finding": "finding"}.get(cue_kind(a.verb), "reported")
        partial = "; the clause holds a partial quotation" if a.partial_quote else ""
        rows.append(_row(state.doc_id, offset + c_start, offset + c_end, a.speaker, a.speaker_kind, region[a.verb_start:a.verb_end],
                         False, region[c_start:c_end], kind, a.sentence, _shift(a.speaker_start, offset),
                         _shift(a.speaker_end, offset), offset + a.verb_start, offset + a.verb_end, a.lemma, a.category,
                         f"{a.rule}; {where}{partial}", resolved=a.resolved))


def _unclosed_note(quoted: str) -> str:
    if quoted and quoted[-1] in _CLOSE_QUOTES:
        return ""
    return "; no closing quotation mark: cut where the next quotation opens or the paragraph ends"


_LEAD_IN = re.compile(r"\s*(?:(?:,|:|;|—|–|-)\s*)?(?:that\b\s*)?")


def _content_span(a: _Attribution, sentences: list[tuple[int, int, int]], region: str,
                  attributions: list[_Attribution]) -> tuple[int, int, str]:
    """Offsets (into the region) of what an attribution reports, and which side of the cue it is on."""
    bounds = {sid: (s, e) for sid, s, e in sentences}
    s, e = bounds[a.sentence]
    parts = [(a.verb_start, a.verb_end)] + ([(a.speaker_start, a.speaker_end)] if a.speaker_start is not None
                                            and s <= a.speaker_start < e else [])
    first, last = min(p[0] for p in parts), max(p[1] for p in parts)
    before = region[s:first]
    after_words = re.findall(r"\w+", region[last:e])
    if (re.search(r"\w", before) and re.search(r"[,;—–]\s*[”\"’']?\s*$", before) and len(after_words) <= 5
            and cue_kind(a.verb) != "noun"
            and (cue_kind(a.verb) == "according_to" or not re.search(r"\b(?:about|of|for|on|to)\s*$", a.verb.lower()))):
        end = first
        while end > s and (region[end - 1].isspace() or region[end - 1] in ",;—–"):
            end -= 1
        return s, end, "content before the cue"
    start = last + _LEAD_IN.match(region, last).end() - last
    end = e
    for b in attributions:
        if b is a or b.sentence != a.sentence:
            continue
        b_first = min(b.verb_start, b.speaker_start if b.speaker_start is not None and b.speaker_start >= s else b.verb_start)
        if start < b_first < end:
            end = b_first
    while end > start and (region[end - 1].isspace() or region[end - 1] in ",;—–(" or
                           region[max(start, end - 4):end].lower() in (" and", " but")):
        end -= 4 if region[max(start, end - 4):end].lower() in (" and", " but") else 1
    if not re.search(r"\w", region[start:end]):
        following = [(fs, fe) for sid, fs, fe in sentences if sid == a.sentence + 1]
        if following:
            return following[0][0], following[0][1], "content in the next sentence (the cue ends its own)"
        return start, start, ""
    return start, end, "content after the cue"


def _shift(value, offset):
    return None if value is None else value + offset


def _row(doc_id, start, end, speaker, speaker_kind, verb, is_quote, text, kind, sentence_id, speaker_start, speaker_end,
         verb_start, verb_end, verb_lemma, verb_category, rule, resolved: str = "") -> dict:
    return {
        "doc_id": doc_id, "start": start, "end": end, "speaker": speaker, "speaker_kind": speaker_kind, "verb": verb,
        "is_quote": is_quote, "text": text, "kind": kind, "sentence_id": sentence_id, "source_start": speaker_start,
        "source_end": speaker_end, "source_resolved": resolved, "cue_start": verb_start, "cue_end": verb_end,
        "cue_kind": cue_kind(verb) if verb else "", "verb_lemma": verb_lemma, "verb_category": verb_category, "rule": rule,
    }


def find_attributions(docs: pd.DataFrame, segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """The attribution ledger of every article's **body** (raw offsets).

    Parameters
    ----------
    docs : DataFrame
        The frame from :func:`analysis.corpus.loading.load_corpus` (``doc_id``, ``raw``).
    segments : DataFrame, optional
        :func:`analysis.corpus.loading.segment_corpus` of the same ``docs``, when the caller
        has it already (segmenting thousands of pages twice costs seconds); only its
        body segments are read. Computed when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per attribution, columns :data:`ATTRIBUTION_COLUMNS`:

        ``doc_id``; ``start``, ``end`` — raw offsets of the evidence: the
        quotation with its marks (``kind`` quote or scare_quote) or the whole
        sentence (``kind`` reported); ``speaker`` — the cited source as printed
        (a resolved pronoun shows the name it stands for; empty when none);
        ``speaker_kind`` — ``named`` | ``vague`` | ``none``; ``verb`` — the
        reporting verb or phrase as printed ("declared", "according to",
        "it is believed"; empty for scare quotes); ``is_quote`` — a direct
        quotation; ``text`` — ``raw[start:end]``; ``kind`` — ``quote`` |
        ``reported`` | ``scare_quote``; ``sentence_id`` — as in
        :func:`analysis.corpus.sentences.body_sentences`; ``speaker_start``,
        ``speaker_end``, ``verb_start``, ``verb_end`` — raw offsets (NA when
        absent); ``verb_lemma``; ``verb_category`` — neutral, emphatic,
        distancing, tentative, critical, … (``data/reporting_verbs.csv``);
        ``rule`` — how the row was found.
    """
    from analysis.corpus.loading import body_segments

    segments = body_segments(docs) if segments is None else segments[segments["kind"].eq("body")]
    regions_by_doc: dict[str, list[tuple[int, int]]] = {}  # grouped once: filtering per article is quadratic
    for doc_id, start, end in segments[["doc_id", "start", "end"]].itertuples(index=False):
        regions_by_doc.setdefault(doc_id, []).append((start, end))
    rows: list[dict] = []
    for doc_id, raw in docs[["doc_id", "raw"]].itertuples(index=False):
        rows.extend(_ledger_rows(raw, doc_id, regions_by_doc.get(doc_id, [])))
    return _ledger_frame(rows)


def source_and_cue_view(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger with ``start``/``end`` moved to the source and cue of each reported statement, thought or finding.

    For reading a row in context (quotations and scare quotes keep their span);
    ``kind`` thought and finding become ``reported``, so one listing shows them all.
    """
    def side(row, which: str) -> int:
        ends = [int(v) for v in (row.source_start, row.source_end, row.cue_start, row.cue_end) if pd.notna(v)]
        if row.kind in ("quote", "scare_quote") or not ends:
            return row.start if which == "start" else row.end
        return min(ends) if which == "start" else max(ends)

    rows = list(ledger.itertuples(index=False))
    return ledger.assign(start=[side(r, "start") for r in rows], end=[side(r, "end") for r in rows],
                         kind=ledger["kind"].replace({"thought": "reported", "finding": "reported"}))


def find_scare_quotes(docs_or_ledger: pd.DataFrame) -> pd.DataFrame:
    """Only the scare quotes: terms in quotation marks with no speaker.

    Accepts either the corpus frame (then :func:`find_attributions` runs first)
    or a ledger already computed. Same columns as :func:`find_attributions`.
    """
    ledger = docs_or_ledger if "kind" in docs_or_ledger.columns else find_attributions(docs_or_ledger)
    return ledger[ledger["kind"].eq("scare_quote")].reset_index(drop=True)


def sourcing_profile(ledger: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article: named vs vague attributions and the share of sentences with a source.

    Parameters
    ----------
    ledger : DataFrame
        From :func:`find_attributions`.
    sentences : DataFrame
        From :func:`analysis.corpus.sentences.body_sentences` (``doc_id, sentence_id``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROFILE_COLUMNS`: ``n_attributions`` counts quotations and
        reported statements (not scare quotes); ``n_named``/``n_vague`` split them
        by speaker kind; ``n_unattributed_quotes`` are quotations nobody is said
        to have spoken; ``n_sourced_sentences`` are sentences with at least one
        named or vague source; ``share_sourced`` = that / ``n_sentences``;
        ``share_vague`` = ``n_vague / (n_named + n_vague)`` (NaN when both are 0).
    """
    rows = []
    doc_ids = list(dict.fromkeys(list(sentences["doc_id"]) + list(ledger["doc_id"])))
    sentence_counts = sentences["doc_id"].value_counts()
    ledger_by_doc: dict[str, list] = {}  # grouped once: filtering per article is quadratic
    for row in ledger[["doc_id", "kind", "speaker_kind", "is_quote", "sentence_id"]].itertuples(index=False):
        ledger_by_doc.setdefault(row.doc_id, []).append(row)
    for doc_id in doc_ids:
        doc = ledger_by_doc.get(doc_id, [])
        n_sentences = int(sentence_counts.get(doc_id, 0))
        attributed = [r for r in doc if r.kind != "scare_quote"]
        sourced = [r for r in attributed if r.speaker_kind in ("named", "vague")]
        n_named = sum(r.speaker_kind == "named" for r in sourced)
        n_vague = sum(r.speaker_kind == "vague" for r in sourced)
        n_sourced = len({r.sentence_id for r in sourced if pd.notna(r.sentence_id)})
        rows.append({
            "doc_id": doc_id, "n_sentences": n_sentences, "n_attributions": len(attributed), "n_named": n_named,
            "n_vague": n_vague, "n_unattributed_quotes": sum(r.speaker_kind == "none" and bool(r.is_quote) for r in attributed),
            "n_quotes": sum(bool(r.is_quote) for r in attributed), "n_scare_quotes": sum(r.kind == "scare_quote" for r in doc),
            "n_sourced_sentences": n_sourced, "share_sourced": n_sourced / n_sentences if n_sentences else float("nan"),
            "share_vague": n_vague / (n_named + n_vague) if n_named + n_vague else float("nan"),
        })
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


CUE_KINDS = ("verb", "noun", "according_to", "thought", "finding")


@lru_cache(maxsize=1)
def load_cue_kinds() -> pd.DataFrame:
    """The cue-kind lexicon (``data/cue_kinds.csv``): columns ``term, forms, cue_kind, note, source``.

    Thought verbs ("believe", "want", "fear") and finding verbs ("show", "find")
    after Levin's verb classes; noun cues ("statement", "claims") and "according
    to" after the PARC 3.0 guidelines. A cue that none of them names is a verb.
    """
    path = PACKAGE_DATA_DIR / "cue_kinds.csv"
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    expected = ["term", "forms", "cue_kind", "note", "source"]
    if list(table.columns) != expected:
        raise ValueError(f"{path}: expected columns {expected}, found {list(table.columns)}")
    bad = table[~table["cue_kind"].isin(CUE_KINDS)]
    if not bad.empty:
        raise ValueError(f"{path}: row {int(bad.index[0]) + 2}: unknown cue_kind {bad.iloc[0]['cue_kind']!r} ({'|'.join(CUE_KINDS)})")
    if table["source"].eq("").any():
        raise ValueError(f"{path}: row {int(table.index[table['source'].eq('')][0]) + 2}: no source")
    return table


@lru_cache(maxsize=1)
def _cue_kind_index() -> tuple[dict[str, str], dict[str, str]]:
    verbs, nouns = {}, {}
    for forms, kind in load_cue_kinds()[["forms", "cue_kind"]].itertuples(index=False):
        for form in forms.split("|"):
            (nouns if kind in ("noun", "according_to") else verbs)[form] = kind
    return verbs, nouns


def cue_kind(cue: str) -> str:
    """The kind of an attribution cue: ``according_to``, ``thought``, ``finding``, ``noun`` or ``verb``.

    The first word of the cue that is a thought or finding verb, or a reporting
    verb (``data/reporting_verbs.csv``), decides ("is expected" -> thought, "a
    poll shows" -> finding, "said in a statement" -> verb); a cue with no verb
    is a noun cue when it holds a speech noun ("in a statement", "claims by").
    """
    low = cue.lower()
    if "according to" in low:
        return "according_to"
    verbs, nouns = _cue_kind_index()
    forms = reporting_forms()
    words = re.findall(r"[a-z][a-z’'\-]*", low)
    for word in words:
        if word in verbs:
            return verbs[word]
        if word in forms:
            return "verb"
    if any(word in nouns for word in words) or any(" ".join(pair) in nouns for pair in zip(words, words[1:])):
        return "noun"
    return "verb"
