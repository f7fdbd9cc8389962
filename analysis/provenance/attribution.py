"""The attribution ledger: whom the text relies on, attribution by attribution.

Every direct quotation, reported statement, thought or intention and finding in
the article **body**, with who is cited, the words that cite them (the cue) and
what is cited (the content), all as raw-text offsets. A term in quotation marks
that no cue cites (``a so-called "Zangezur corridor"``) is a **scare quote** and
is told apart from a quotation.

Start here::

    from analysis.corpus import loading
    from analysis.provenance import attribution
    docs = loading.load_corpus()
    ledger = attribution.find_attributions(docs)         # one row per attribution
    scare = attribution.find_scare_quotes(docs)          # the scare quotes only
    attribution.attributions_in_text("Analysts said ...")  # any string, offsets into it

How a row is found, paragraph by paragraph (each step named in the row's ``rule``):

1. **Cue candidates**: runs of words the cue model
   (:mod:`analysis.provenance.cue_model`) scores at or above its threshold, and thought
   verbs found by their form (a subject before, a clause or infinitive after:
   :func:`thought_cues_by_form`). Candidates that by their form cite nobody are dropped
   (auxiliaries and adverbs alone, an extraposed "it is hard to say", "find oneself", a
   one-word modifier inside a noun phrase).
2. **Source and content** of each candidate: the role model
   (:mod:`analysis.provenance.role_model`) scores every word of the cue's sentence
   and its neighbours as source and as content; the strongest runs are taken. A
   candidate with no content cites nothing and gives no row; a row needs its cue
   probability times its content probability to reach the model's ``row_min_score``.
3. **One attribution per word**, as PolNeAR annotates: the surest candidates
   first; a cue inside an accepted content is part of it ("X pointed out that Y
   said …" is one row), a later content stops where an accepted one begins, and a
   source shared by two cues ("X said …, telling …") is the source of both.
4. Quotations: a content that reaches into a quotation takes all of it; a
   quotation left open at a paragraph's end continues into the next paragraph's
   opening quotation; "… reports:" ending a paragraph cites the next paragraph; words set
   off before a tag inside its sentence ("As for X, she said, “…”") open the content.
5. **Whether the subject is the source**, by rules of English form after the role
   model: a subject the cue model ran into the cue ("surveys suggest") becomes the
   source; a source inside a clause set off right before the cue gives way to the
   subject before it; the subject of a passive or raising cue ("is accused",
   "seemed") is no source unless it feels (``data/subject_roles.csv``); an adjective
   before a plural-noun cue ("clearer signals") is no subject; with no source found,
   a possessive before the cue or the subject right before a verb cue is taken.
6. The **source as a reader understands it**: ``named`` (a proper name, an
   institution, a definite office), ``vague`` (a group or document noun of
   ``data/vague_sources.csv``: "analysts", "reports"; an agentless passive such as
   "it is believed"), ``author`` (I, we, you), ``other`` (any other noun phrase),
   or ``none``. ``he``/``she`` are resolved to the last person named, a bare
   surname to the earlier full name, "who" to the name before it (``source_resolved``).

Terms in quotation marks that no cue cites are scare quotes when they have at most
:data:`SCARE_QUOTE_MAX_WORDS` words or follow "so-called"; longer ones are
quotations nobody is said to have spoken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
SPEAKER_KINDS = ("named", "vague", "other", "author", "none")
ROW_KINDS = ("quote", "reported", "thought", "finding", "scare_quote")

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
_AUTHOR_VOICE = {"i", "we", "one", "you", "us"}
_PRONOUNS = {"he", "she", "they", "it"}
_DETERMINERS = {"the", "a", "an", "some", "many", "most", "several", "few", "other", "others", "both", "all",
                "his", "her", "their", "its", "our", "this", "these", "those", "that", "one", "two", "three"}
_DEFINITE = {"the", "his", "her", "their", "its", "our"}
_COMMON_SENTENCE_START = {w.title() for w in _BOUNDARY | _DETERMINERS | _AUTHOR_VOICE | _PRONOUNS}
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


_PATTERN_RULE = {"passive": "agentless passive", "adverb": "attribution adverb", "phrase": "vague-source phrase"}




# --------------------------------------------------------------------------- quotes



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


#: A quotation opened with one style of mark may close with the other ('"I know …,” Henry said'; web text
#: often pairs a typed straight opening mark with a curled closing one).
MIXED_MARKS_CLOSE = True


#: A curly opening mark right after a word or punctuation and before a space, while a quotation is open ('“Do you
#: want to be associated with a fascist?“ he asked'), closes it: an opening mark opens before a word, never after
#: one, so it is the closing mark misprinted (a slip of typing or of automatic curling).
OPENING_MARK_AS_CLOSER = True


def _find_quotes(text: str) -> list[tuple[int, int]]:
    """:func:`find_quotes` for single-character marks.

    Curly double quotes (“…”), straight double quotes ("…"), guillemets («…»)
    and single quotes (‘…’ and '…') are recognised; a single quote inside a word
    or after a plural ("Azerbaijan’s", "Israelis’") is an apostrophe. Straight
    quotes are told apart by position: a mark after a space and before a word
    opens, a mark after a word closes; a straight mark closes a curly opening and
    a curly closing mark a straight opening (mixed typography). A quotation still open when a new one
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
            elif ch == "“" and OPENING_MARK_AS_CLOSER and not before.isspace() and (after.isspace() or after in ".,;:!?)") \
                    and open_mark in "“\"":
                spans.append((open_at, i + 1))  # '… a fascist?“ he asked': an opening mark printed for the closing one
                open_at = None
            elif ch == '"' and not opener_like and (open_mark == '"' or MIXED_MARKS_CLOSE):
                spans.append((open_at, i + 1))  # a curly opening closed by a straight mark (“…") is one quotation
                open_at = None
            else:
                close_before(i)  # an unclosed quotation ends where the next one opens
                open_at, open_mark = i, ch
            i += 1
            continue
        if ch in "”»" and open_at is not None and (open_mark in "“«" or MIXED_MARKS_CLOSE and open_mark == '"'):
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
    state = _DocState(doc_id=doc_id, raw=text)
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
        _assemble_region(region, masked, quotes, sentence_rows, region_start, state)
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
    raw: str = ""  # the whole text (offsets of rows are into it)
    pending: dict | None = None  # a cue ending its paragraph with a colon: its content is the next paragraph
    open_quote_row: dict | None = None  # a quotation row whose closing mark never came (it goes on in the next paragraph)






def reporting_forms() -> set[str]:
    """Every form of the reporting verbs in use (``data/reporting_verbs.csv``, excluded rows left out)."""
    return set(_lexicon()[0])


def clear_caches() -> None:
    """Forget the lexicons and the models read so far (after a data file was rewritten)."""
    from analysis.provenance import cue_model, role_model

    for cached in (load_reporting_verbs, load_vague_sources, _lexicon, load_cue_kinds, _cue_kind_index, _report_verb_forms,
                   load_subject_roles, _subject_role_forms, _cue_verb_forms, load_thought_complements, _thought_complement_forms, _thought_terms,
                   load_speech_verbs, _speech_tag_patterns, _inverted_tag_pattern, _speech_verb_forms):
        cached.cache_clear()
    cue_model._load.cache_clear()
    role_model._load.cache_clear()




_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
                "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "also"}






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




def _unclosed_note(quoted: str) -> str:
    if quoted and quoted[-1] in _CLOSE_QUOTES:
        return ""
    return "; no closing quotation mark: cut where the next quotation opens or the paragraph ends"






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

        ``doc_id``; ``start``, ``end`` — raw offsets of the content: the
        quotation with its marks (``kind`` quote, scare_quote) or what the cue
        reports, thinks or finds; ``speaker`` — the cited source as a reader
        should understand it (a resolved pronoun shows the name it stands for;
        an agentless passive shows its phrase; empty when none);
        ``speaker_kind`` — ``named`` | ``vague`` | ``other`` | ``author`` |
        ``none``; ``verb`` — the cue as printed ("declared", "According to",
        "told reporters"; empty for scare quotes); ``is_quote`` — a direct
        quotation; ``text`` — ``raw[start:end]``; ``kind`` — ``quote`` |
        ``reported`` | ``thought`` | ``finding`` | ``scare_quote``;
        ``sentence_id`` — as in :func:`analysis.corpus.sentences.body_sentences`;
        ``source_start``, ``source_end`` — the source as printed (NA when no
        source is printed; a source shared by two cues is both rows'); ``source_resolved`` — the full name a pronoun, "who" or a
        bare surname stands for; ``cue_start``, ``cue_end`` — the cue (NA for a
        scare quote or a quotation no cue cites); ``cue_kind`` — verb, noun,
        according_to, thought, finding (:func:`cue_kind`); ``verb_lemma``;
        ``verb_category`` — neutral, emphatic, distancing, tentative, critical, …
        (``data/reporting_verbs.csv``, empty for a cue it does not list);
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


def _read_sourced_table(name: str, expected: list[str], column: str | None = None,
                        allowed: Sequence[str] = ()) -> pd.DataFrame:
    """A curated table of ``analysis/data/<name>`` whose every row cites a source.

    Raises ``ValueError`` naming the file (and the row, counting the header as row 1) when its
    columns are not ``expected``, when ``column`` holds a value outside ``allowed``, or when a
    row's ``source`` is empty.
    """
    path = PACKAGE_DATA_DIR / name
    table = pd.read_csv(path, dtype="string", keep_default_na=False)
    if list(table.columns) != expected:
        raise ValueError(f"{path}: expected columns {expected}, found {list(table.columns)}")
    if column is not None:
        bad = table[~table[column].isin(allowed)]
        if not bad.empty:
            raise ValueError(f"{path}: row {int(bad.index[0]) + 2}: unknown {column} {bad.iloc[0][column]!r} "
                             f"({'|'.join(allowed)})")
    if table["source"].eq("").any():
        raise ValueError(f"{path}: row {int(table.index[table['source'].eq('')][0]) + 2}: no source")
    return table


@lru_cache(maxsize=1)
def load_cue_kinds() -> pd.DataFrame:
    """The cue-kind lexicon (``data/cue_kinds.csv``): columns ``term, forms, cue_kind, note, source``.

    Thought verbs ("believe", "want", "fear") and finding verbs ("show", "find")
    after Levin's verb classes; noun cues ("statement", "claims") and "according
    to" after the PARC 3.0 guidelines. A cue that none of them names is a verb.
    """
    return _read_sourced_table("cue_kinds.csv", ["term", "forms", "cue_kind", "note", "source"], "cue_kind", CUE_KINDS)


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


# --------------------------------------------------------------------------- the learned assembly

@dataclass
class _Candidate:
    start: int  # the cue, offsets into the region
    end: int
    first: int  # the cue's first and last word index
    last: int
    probability: float  # the cue model's
    why: str  # the cue model's features that weighed most
    roles: object  # role_model.Roles
    score: float = 0.0
    content: tuple[int, int] | None = None  # word range after conflicts are settled
    source: tuple[int, int] | None = None
    shared_source: bool = False  # the source is printed as another cue's
    note: str = ""  # what a rule after the role model changed in the content, for the row's ``rule``
    source_note: str = ""  # where the source came from when not from the role model

    @property
    def by_form(self) -> bool:
        """Whether the cue was found by its form (:func:`thought_cues_by_form`), not proposed by the cue model."""
        return self.why.startswith(CUE_BY_FORM)


#: How the ``why`` of a cue found by its form opens (:func:`thought_cues_by_form`, :attr:`_Candidate.by_form`).
CUE_BY_FORM = "cue by form"


def cue_candidates(region: str, quotes: list[tuple[int, int]], threshold: float | None = None) -> list[tuple[int, int, float, str]]:
    """Cue candidates of a paragraph: :func:`analysis.provenance.cue_model.cue_spans` with their edges cleaned.

    Punctuation at the edges goes (a cue of punctuation only, a headline colon, stays), and a group or
    document noun opening a cue ("assessments suggested") is left to the source. Returns
    ``(start, end, probability, reasons)``; the role model is trained on the same candidates.
    """
    from analysis.provenance import cue_model

    vague = _lexicon()[2]
    cleaned = []
    for c_start, c_end, probability, why in cue_model.cue_spans(region, quotes, reporting_forms(), threshold=threshold):
        while c_end - c_start > 1 and not region[c_end - 1].isalnum():
            c_end -= 1
        while c_end - c_start > 1 and not region[c_start].isalnum():
            c_start += 1
        lead = re.match(r"([A-Za-z][\w’'-]*)\s+(?=\S)", region[c_start:c_end])
        if lead and lead.group(1).lower() in vague:
            c_start += lead.end()
        cleaned.append((c_start, c_end, probability, why))
    return cleaned


#: The cue probability a thought verb found by its form (:func:`thought_cues_by_form`) is given: the row still
#: needs this times its content's probability to reach the row bar (chosen on the check part among 0.3, 0.5, 0.7:
#: F1 0.7839, 0.7856, 0.7856; 0.5 kept for its source accuracy, 0.892 against 0.891).
THOUGHT_BY_FORM_PROBABILITY = 0.5
THOUGHT_BY_FORM = True
THOUGHT_COMPLEMENTS = ("clause", "to_infinitive", "question")


@lru_cache(maxsize=1)
def load_thought_complements() -> pd.DataFrame:
    """Thought and intention verbs with the complement that carries their content (``data/thought_complements.csv``):
    columns ``term, forms, complement, note, source``; ``complement`` is ``clause`` ("believes the plan will
    fail", "thought that …"), ``to_infinitive`` ("wanted to give …") or ``question`` ("wonder whether …").
    ``forms`` are the finite forms only (an "-ing" form or an infinitive has no subject of its own).

    Raises
    ------
    ValueError
        Naming the file and row of an unknown complement or a row without a source.
    """
    return _read_sourced_table("thought_complements.csv", ["term", "forms", "complement", "note", "source"],
                               "complement", THOUGHT_COMPLEMENTS)


@lru_cache(maxsize=1)
def _thought_terms() -> dict[str, str]:
    """Each finite form of ``thought_complements.csv`` -> its base form (``term``)."""
    return {form: term for term, form_list in load_thought_complements()[["term", "forms"]].itertuples(index=False)
            for form in form_list.split("|")}


@lru_cache(maxsize=1)
def _thought_complement_forms() -> dict[str, frozenset]:
    """Each finite form of ``thought_complements.csv`` -> the complements it takes."""
    forms: dict[str, set] = {}
    for form_list, complement in load_thought_complements()[["forms", "complement"]].itertuples(index=False):
        for form in form_list.split("|"):
            forms.setdefault(form, set()).add(complement)
    return {form: frozenset(c) for form, c in forms.items()}


# Words that open a content clause ("believes the plan …", "thought that …", "feel it is …").
_CLAUSE_OPENERS = {"that", "he", "she", "they", "we", "i", "it", "there", "you", "the", "a", "an", "his", "her", "their",
                   "this", "these", "those", "its", "our", "my", "some", "many", "most", "no"}
_QUESTION_OPENERS = {"whether", "if", "how", "why", "what", "who", "when", "where"}
# Words between a subject and its verb that leave the subject the verb's ("she still believes", "they don't think").
_BETWEEN_SUBJECT_AND_VERB = {"do", "does", "did", "don't", "didn't", "doesn't", "don’t", "didn’t", "doesn’t", "not", "n't",
                             "still", "also", "just", "now", "long", "never", "always", "even", "all", "both", "only"}


#: A verb group's auxiliaries may stand between the subject and its thought verb ("HP had believed its forecasts
#: were …", "Emanuel may have thought the worst was over"): after "have" the verb must be a past participle, after a
#: modal its base form (Huddleston & Pullum 2002, ch. 3: the auxiliary verbs and the forms they select).
THOUGHT_AFTER_AUXILIARIES = True
_MODALS = {"will", "would", "may", "might", "can", "could", "should", "must", "shall"}
_PERFECT = {"has", "have", "had"}
_MODALS_AND_PERFECT = _MODALS | _PERFECT
#: "It" may be the subject of an intention with an infinitive ("It plans to raise rates more slowly"): an expletive
#: "it" never takes a to-infinitive after "plan", "want", "intend", "hope" or "expect" in the active.
THOUGHT_INTENTION_OF_IT = True
#: A singular common noun after a determiner may be the subject ("The Republican candidate plans to …", "the
#: campaign knew it was …") when the verb agrees with it: a third-person "-s" form or a past form.
THOUGHT_COMMON_NOUN_SUBJECT = True
# The subject's determiners are the ledger's (``_SUBJECT_DETERMINERS``, with the source rules below).
_NO_SUBJECT_NOUNS = frozenset(_BOUNDARY | _DETERMINERS | _AUXILIARIES | _CLAUSE_OPENERS)
_NO_NOUN_PHRASE_WORDS = frozenset(_BOUNDARY | _AUXILIARIES)  # end the search for a determiner before the noun


def _common_noun_subject(words: list, j: int) -> bool:
    """Whether ``words[j]`` is a lower-case noun with a determiner or a possessive at most three words before it."""
    noun = words[j][2]
    if not (noun.isalpha() and noun.islower()) or noun in _NO_SUBJECT_NOUNS or _adverb(noun) or noun.endswith("ing"):
        return False
    for back in (1, 2, 3):
        if j - back < 0:
            return False
        word = words[j - back][2]
        if word.lower() in _SUBJECT_DETERMINERS or word.endswith(("'s", "’s")):
            return True
        if not word.isalpha() or word.lower() in _NO_NOUN_PHRASE_WORDS:
            return False
    return False


def thought_cues_by_form(region: str, quotes: list[tuple[int, int]],
                         found: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Thought verbs the cue model left under its bar, found by their form: a finite form of
    ``data/thought_complements.csv`` in lower case (not a headline's "Knew") outside quotations, with its subject
    right before it (a personal pronoun other than "I" — outside quotation marks mostly speech printed without
    them —, "who", a capitalised name or a plural noun, adverbs and "do"/"not" between) and its complement right
    after it ("… believe meaningful relief is possible", "who thought she was …", "they wanted to give …",
    "voters wonder whether …"). A verb so found inside another candidate's content is part of that content
    (it never cuts it, see :func:`_settle`). The cue model gives such verbs little weight in context ("until she believed
    she could …" p = 0.07). Returns cue candidates as :func:`cue_candidates` does, with probability
    :data:`THOUGHT_BY_FORM_PROBABILITY`: ``found`` with the candidates such a verb is part of raised to it
    (a candidate the cue model is surer of is kept as it is)."""
    from analysis.provenance import cue_model

    forms = _thought_complement_forms()
    words = cue_model.tokens(region)
    inside = cue_model.quoted_flags(words, quotes)
    extra, replaced = [], set()
    for k, (start, end, word) in enumerate(words):
        complements = forms.get(word) if word.islower() else None  # not a headline's "Knew", "EXPECTED"
        if not complements or inside[k] or k + 1 >= len(words):
            continue
        overlapping = [c for c in found if start < c[1] and c[0] < end]
        if any(c[2] >= THOUGHT_BY_FORM_PROBABILITY for c in overlapping):
            continue  # the cue model is surer than the form
        following = words[k + 1][2]
        if "clause" in complements and (following.lower() in _CLAUSE_OPENERS
                                        or following[:1].isupper() and following not in _COMMON_SENTENCE_START):
            what = "a clause"
        elif "question" in complements and following.lower() in _QUESTION_OPENERS:
            what = "a question"
        elif "to_infinitive" in complements and following.lower() == "to" and k + 2 < len(words) \
                and words[k + 2][2].isalpha() and words[k + 2][2].islower():
            what = "an infinitive"
        else:
            continue
        term = _thought_terms().get(word, word)
        j = k - 1
        auxiliary = None  # the auxiliary nearest the verb, when one stands between it and its subject
        while j >= 0:
            between = words[j][2].lower()
            if THOUGHT_AFTER_AUXILIARIES and between in _MODALS_AND_PERFECT:
                auxiliary = auxiliary or between
            elif not (between in _BETWEEN_SUBJECT_AND_VERB or _adverb(words[j][2])):
                break
            j -= 1
        if j < 0 or inside[j]:
            continue
        if auxiliary in _PERFECT and not (word.endswith("ed") or word != term and not word.endswith("s")):
            continue  # "had plans to": after "have" a past participle
        if auxiliary in _MODALS and word != term:
            continue  # "could expects": after a modal the base form
        subject = words[j][2]
        low = subject.lower()
        if not (low in _SUBJECT_PRONOUNS - {"i"}  # "I" outside quotation marks: mostly speech printed without them
                or subject[:1].isupper() and subject not in _COMMON_SENTENCE_START and subject.isalpha()
                or re.fullmatch(r"[a-z]+s", subject) and not low.endswith("ss") and low not in _BOUNDARY | _DETERMINERS
                or THOUGHT_INTENTION_OF_IT and low == "it" and what == "an infinitive"
                or THOUGHT_COMMON_NOUN_SUBJECT and (auxiliary or word != term and not word.endswith("ing"))
                and _common_noun_subject(words, j)):
            continue
        c_start, c_end = (min(c[0] for c in overlapping), max(c[1] for c in overlapping)) if overlapping else (start, end)
        model_p = f", the cue model's p={max(c[2] for c in overlapping):.2f}" if overlapping else ""
        replaced.update(overlapping)
        extra.append((c_start, c_end, THOUGHT_BY_FORM_PROBABILITY,
                      f"{CUE_BY_FORM}: the thought verb '{word}' with its subject before it and {what} after it "
                      f"(thought_complements.csv; p={THOUGHT_BY_FORM_PROBABILITY:.2f} given{model_p})"))
    return [c for c in found if c not in replaced] + extra


#: Whether a cue candidate that no content could make a row is left undecoded (exact: the rows are the same either
#: way, see :func:`_assemble_region`; off only to test that).
ROW_BOUND_SKIPS = True
#: A cue candidate of auxiliaries, negations and adverbs alone ("has", "did not", "must be") opens a verb group
#: whose head the cue model left under its bar ("have already spent", "did not immediately return", "must be
#: gnashing"): it is taken on to that head (:func:`verb_group_cues`) instead of being dropped as reporting nothing.
VERB_GROUP_CUES = True
# Closed-class words that never head a verb group ("has 373 days", "is whether", "had to", "has his").
_NOT_A_HEAD = _BOUNDARY | _DETERMINERS | _PRONOUNS | _AUTHOR_VOICE | {
    "of", "in", "at", "for", "from", "his", "her", "their", "our", "my", "your", "him", "them", "me", "who", "whom",
    "whether", "how", "why"}
_ARTICLES = {"a", "an", "the"}
# The function words of a cue that make it a verb group: an auxiliary or a negated one ("also" and "not" alone do not).
_GROUP_OPENERS = _AUXILIARIES - {"not", "also"}


def _verb_group_head(words: list[tuple[int, int, str]], inside: list[bool], first: int, last: int) -> int | None:
    """The index of the head of the verb group that the function words ``first .. last`` open, or None.

    The head is the first word after them, over more negations and adverbs ("have already spent"), that is a
    lower-case word of no closed class. None when the words hold no auxiliary or an article ("have a"), when the
    head is quoted, and for a head after a form of "be" that is no "-ing" form (a passive, "were flooded", or a
    copula with its adjective, "are increasingly vital": neither names someone who reports) or a raising verb
    (``subject_roles.csv``: "has seemed").
    """
    opened = [w[2].lower().strip(",.:;!?()") for w in words[first:last + 1]]
    if any(w in _ARTICLES for w in opened) or not any(
            w in _GROUP_OPENERS or re.fullmatch(r"\w+n[’']t", w) for w in opened):
        return None
    j = last + 1
    while j < len(words) and not inside[j] and words[j][2].lower() not in _ARTICLES \
            and _function_words_only([words[j][2].lower()]):
        j += 1
    if j >= len(words) or inside[j]:
        return None
    head = words[j][2]
    if not (head.isalpha() and head.islower()) or head in _NOT_A_HEAD or head in _subject_role_forms()["raising"]:
        return None
    if any(words[i][2].lower() in _BE_FORMS for i in range(first, j)) and not head.endswith("ing"):
        return None
    return j


def verb_group_cues(region: str, quotes: list[tuple[int, int]],
                    found: list[tuple[int, int, float, str]]) -> list[tuple[int, int, float, str]]:
    """Cue candidates of auxiliaries, negations and adverbs alone, taken on to the head of their verb group.

    In English the auxiliaries, negation and adverbs of a verb group stand before its head ("have already spent",
    "did not immediately return", "must be gnashing"; Huddleston & Pullum 2002, The Cambridge Grammar of the
    English Language, ch. 3, auxiliary verbs). When the cue model proposes those words but leaves the head under
    its bar, the candidate alone is dropped as reporting nothing (:func:`_function_words_only`); here a candidate
    outside quotations whose words open a verb group (:func:`_verb_group_head`) is extended to the head, unless
    the head belongs to another candidate. It keeps the cue model's probability, and its reasons say the head was
    joined by form. Other candidates are returned as they are, in the same order.
    """
    from analysis.provenance import cue_model

    # Most paragraphs have no candidate of function words alone: they are returned without tokenising again.
    opens_group = [_function_words_only(region[c_start:c_end].lower().split()) for c_start, c_end, _, _ in found]
    if not any(opens_group):
        return list(found)
    words = cue_model.tokens(region)
    inside = cue_model.quoted_flags(words, quotes)
    out = []
    for (c_start, c_end, probability, why), function_words_only in zip(found, opens_group):
        head = None
        if function_words_only:
            cue = [i for i, (s, e, _) in enumerate(words) if s < c_end and c_start < e]
            if cue and not inside[cue[0]]:
                head = _verb_group_head(words, inside, cue[0], cue[-1])
        if head is not None and any(c[0] < words[head][1] and words[head][0] < c[1] for c in found):
            head = None  # the head is another candidate's word
        if head is None:
            out.append((c_start, c_end, probability, why))
        else:
            out.append((c_start, words[head][1], probability,
                        f"{why}; the head of its verb group, '{words[head][2]}', joined by form"))
    return out


def _in_another_content(words: tuple[int, int], c: _Candidate, accepted: list[_Candidate]) -> bool:
    """Whether the word range ``words`` overlaps the content of an accepted row other than ``c``'s."""
    return any(o is not c and o.content[0] <= words[1] and words[0] <= o.content[1] for o in accepted)


#: A paragraph that is only a dash and a name ("- Bernie Sanders.", "— Hillary Clinton") right after a paragraph
#: that is one quotation nobody cites is that quotation's attribution line, as under a block quotation or an
#: epigraph (Chicago Manual of Style, 17th ed., 13.36): the name is its source, the dash its cue.
ATTRIBUTION_LINE_AFTER_A_QUOTATION = True
_ATTRIBUTION_LINE = re.compile(r"\s*(?P<dash>--|[-—–])\s*(?P<name>[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|of|the|de|al-)){0,5}?)"
                               r"\.?\s*$")


def _attribution_line(region: str, offset: int, state: _DocState) -> bool:
    """Give the quotation right before an attribution line its source and cue; True when the line was one."""
    m = _ATTRIBUTION_LINE.fullmatch(region)
    if m is None or not state.rows:
        return False
    row = state.rows[-1]
    between = state.raw[row["end"]:offset] if row["end"] <= offset else "x"
    before = state.raw[:row["start"]]
    if row["kind"] != "quote" or row["verb"] or between.strip(" \n\t.") or before.rstrip(" \t")[-1:] not in ("", "\n") \
            or not _closes(row["text"]):
        return False
    name = m.group("name").rstrip(".")  # the line's full stop
    speaker_kind = classify_speaker(name, sentence_initial=True) or "named"
    row.update({"speaker": name, "speaker_kind": speaker_kind, "verb": m.group("dash"),
                "source_start": offset + m.start("name"), "source_end": offset + m.start("name") + len(name),
                "cue_start": offset + m.start("dash"), "cue_end": offset + m.end("dash"),
                "rule": row["rule"].replace("quotation that no cue cites",
                                            "quotation with an attribution line after it (a dash and a name)")})
    return True


def _assemble_region(region: str, masked: str, quotes: list[tuple[int, int]], sentences: list[tuple[int, int, int]],
                     offset: int, state: _DocState) -> None:
    """The rows of one body segment: cue candidates, their source and content by the role model, conflicts settled."""
    from analysis.provenance import role_model

    model = role_model.load_role_model()
    if ATTRIBUTION_LINE_AFTER_A_QUOTATION and _attribution_line(region, offset, state):
        return
    found = cue_candidates(region, quotes)
    if THOUGHT_BY_FORM:
        found = sorted(thought_cues_by_form(region, quotes, found))
    if VERB_GROUP_CUES:
        found = verb_group_cues(region, quotes, found)
    paragraph = role_model.paragraph(region, quotes, [(s, e, p) for s, e, p, _ in found])
    pending, state.pending = state.pending, None  # the previous paragraph's "… reports:"
    open_row, state.open_quote_row = state.open_quote_row, None  # its quotation left open at its end
    candidates = []
    colon = None  # a colon cue candidate that ends the paragraph (COLON_ENDING_A_PARAGRAPH)
    for c_start, c_end, probability, why in found:
        span = role_model.word_range(paragraph, c_start, c_end)
        if span is None:
            continue
        words = region[c_start:c_end].lower().split()
        if all(w.strip(",.:;") in _AUXILIARIES for w in words):
            continue  # "has", "had been": an auxiliary alone cites nobody
        if FUNCTION_WORD_CUES_DROPPED and _function_words_only(words):
            continue  # "has actually", "doesn’t", "repeatedly": no word of them can report anything
        if EXTRAPOSED_JUDGEMENT_DROPPED and _extraposed_judgement(region, c_start, c_end):
            continue  # "it is hard to say whether …": the writer's judgement, nobody cited
        if FOUND_ONESELF_DROPPED and _finds_oneself(region, c_start, c_end):
            continue  # "the bank has found itself at the center of …": where one ends up, no finding
        if _noun_not_cue(region, c_start, c_end):
            continue
        scores = role_model.window_scorer(model).scores(paragraph, span[0], span[1])
        # The two readers of a candidate without a content: a colon alone ending the paragraph, and a cue
        # followed by one ("The Times reports:").
        colon_alone = COLON_ENDING_A_PARAGRAPH and region[c_start:c_end].strip() == ":" and not region[c_end:].strip() \
            and probability >= model.row_min_score
        ends_in_colon = re.fullmatch(r"\s*:\s*", region[c_end:]) is not None and probability >= model.row_min_score
        if ROW_BOUND_SKIPS and not (colon_alone or ends_in_colon) \
                and probability * max(scores[2], default=0.0) < model.row_min_score:
            # No content could make this a row: a content's probability is the largest of some of its words', so
            # at most the window's largest, and the row needs probability times it at the bar. Without a content
            # only the colon rules below read the roles; nothing else reads a candidate under the bar.
            continue
        roles = role_model.decode(paragraph, span[0], span[1], model, scores)
        if roles.content is None:
            if colon_alone:
                colon = (c_start, c_end, span[0], probability, why, roles)
                continue
            if ends_in_colon:
                # "The Times reports:" at the end of a paragraph: what it reports is the next one.
                source = roles.source
                s_span = (paragraph.words[source[0]][0], paragraph.words[source[1]][1]) if source else None
                state.pending = {"cue": (offset + c_start, offset + c_end), "source": s_span, "offset": offset,
                                 "region": region, "masked": masked, "probability": probability, "why": why,
                                 "source_reasons": roles.source_reasons, "source_probability": roles.source_probability,
                                 "sentences": sentences}
            continue
        if MODIFIER_CUES_DROPPED and _modifier_in_noun_phrase(paragraph, span[0], span[1], roles.content):
            continue  # "an impassioned “farewell address”", "her particular brand of": a modifier reports nothing
        candidate = _Candidate(c_start, c_end, span[0], span[1], probability, why, roles)
        candidate.score = probability * roles.content_probability
        if candidate.score >= model.row_min_score:
            candidates.append(candidate)
    following = state.raw[offset + len(region):].lstrip()
    if colon is not None and state.pending is None and (following[:1] in _OPEN_QUOTES or following[:2] in ("''", "``")):
        candidates = _colon_introduces_next_paragraph(colon, candidates, paragraph, region, masked, offset, sentences,
                                                      state)
    pending_content = None
    if pending is not None and pending.get("quotation_only") and not any(not region[:q[0]].strip() for q in quotes):
        pending = None  # a colon ending the paragraph before introduces only a quotation opening this one
    if pending is not None:
        # The content of the previous paragraph's "… reports:" is this paragraph (its first quotation when it opens with one).
        first_quote = next((q for q in quotes if not region[:q[0]].strip()), None)
        end = first_quote[1] if first_quote else len(region.rstrip())
        taken_until = role_model.word_range(paragraph, 0, end)
        accepted = _settle(candidates, paragraph)
        if taken_until is not None and not any(c.content[0] <= taken_until[1] for c in accepted):
            candidates = [c for c in candidates if c.first > taken_until[1]]
            _pending_row(pending, offset, end, region, sentences[0][0] if sentences else 0, state)
            pending_content = (0, end)  # its quotation is cited: no row of its own as a quotation nobody cites
    accepted = _settle(candidates, paragraph)
    if QUOTATION_KEEPS_ITS_TAG:
        _quotation_keeps_its_tag(accepted, paragraph, region)
    words = paragraph.words
    bounds = {sid: (s, e) for sid, s, e in sentences}

    def sentence_of(pos: int) -> int:
        for sid, s, e in sentences:
            if s <= pos < e:
                return sid
        return sentences[-1][0] if sentences else 0

    _mend_quotation_marks(accepted, paragraph)
    if ONE_CUE_PER_QUOTATION:
        _one_cue_per_quotation(accepted, paragraph)
    _snap_to_quotations(accepted, paragraph)
    _absorb_adjacent_quotations(accepted, paragraph)
    _quotation_alone(accepted, paragraph)
    if SAYING_ADVERBIAL_BEFORE_QUOTATION:
        _saying_adverbial_before_quotation(accepted, paragraph)
    if QUOTATION_BETWEEN_DASHES:
        _quotation_between_dashes(accepted, paragraph)
    _tag_takes_its_quotation(accepted, paragraph)
    if LEAD_BEFORE_A_TAG:
        _lead_before_a_tag(accepted, paragraph)
    covered = [pending_content] if pending_content is not None else []
    for c in sorted(accepted, key=lambda c: c.start):
        lo, hi = c.content
        c_start, c_end = words[lo][0], words[hi][1]
        text = region[c_start:c_end]
        opens_quote = text[:1] in _OPEN_QUOTES or text[:2] in ("''", "``")
        if not opens_quote and text.endswith(".") and hi > lo and words[hi][2] == ".":
            c_end = words[hi - 1][1]  # the sentence's full stop is not part of what is reported
            text = region[c_start:c_end]
        inside = _subject_in_cue(paragraph, c) if SUBJECT_IN_CUE else None
        if inside is not None:
            # "surveys suggest", "Politico reported", "she’s protesting": the cue model took the subject into the cue.
            c.source, c.first, c.start, c.shared_source = inside[0], inside[1], words[inside[1]][0], False
            c.source_note = "the subject that opened the cue model's cue"
        cue = region[c.start:c.end]
        kind = "quote" if opens_quote else {"thought": "thought", "finding": "finding"}.get(cue_kind(cue), "reported")
        info = next((_lexicon()[0][w] for w in cue.split() if w in _lexicon()[0]), None)
        lemma, category = (info[0], info[1]) if info else (" ".join(cue.lower().split()), "")
        speaker, speaker_kind, s_start, s_end, resolved, how = "", "none", None, None, "", "no source printed"
        if c.source is not None and c.source[0] == c.source[1] and paragraph.low[c.source[0]] in _DETERMINERS:
            c.source = None  # "The calls for …": a lone determiner is no source
        if c.source is not None and SUBJECT_BEFORE_INTERRUPTION:
            outer = _subject_before_interruption(paragraph, c)
            if outer is not None and not _in_another_content(outer, c, accepted):
                c.source, c.shared_source = outer, False
                c.source_note = "the subject before the clause set off by commas or dashes right before the cue"
        subject_rule = _subject_not_source(paragraph, c) if c.source is not None else ""
        if subject_rule:
            c.source = None
        elif c.source is None and POSSESSOR_SOURCE and (possessor := _possessor_before(paragraph, c)) is not None:
            c.source = possessor
            c.source_note = "the possessive right before the cue (no word reached the role model's source bar)"
        elif c.source is None and SUBJECT_FALLBACK:
            subject = _subject_before(paragraph, c)
            if subject is not None and not _in_another_content(subject, c, accepted):
                c.source = subject
                c.source_note = "the subject right before the cue (no word reached the role model's source bar)"
        if c.source is not None:
            s_start, s_end = words[c.source[0]][0], words[c.source[1]][1]
            clitic = re.search(r"[’'](?:s|ve|re|d|ll)$", region[s_start:s_end], re.IGNORECASE)
            if clitic and c.source[0] == c.source[1] and paragraph.low[c.source[0]].split("’")[0].split("'")[0] in _SUBJECT_PRONOUNS:
                s_end -= len(clitic.group())  # "she’s protesting": the pronoun, not its auxiliary
            speaker, speaker_kind, resolved, how = _classify_source(region, masked, s_start, s_end, bounds, sentence_of, state)
            how = (f"source: {c.source_note}; {how}" if c.source_note else
                   f"source: role model p={c.roles.source_probability:.2f} ({c.roles.source_reasons}); {how}")
            if c.shared_source:
                # PolNeAR gives a shared source ("Ann Lee said …, adding …") to every cue it belongs to.
                resolved = resolved or speaker
                how += "; the same source as a nearby cue"
        if c.source is None or speaker.lower() == "it":
            agentless = _agentless(region, c.start, c.end)
            if agentless is not None:
                speaker, speaker_kind, how = agentless[0], "vague", f"no source printed: {agentless[1]}"
                s_start = s_end = None
            elif subject_rule:
                how = f"no source printed: {subject_rule}"
        cue_how = c.why if c.by_form else f"cue model p={c.probability:.2f} ({c.why})"
        rule = (f"{cue_how}; {how}; content: role model "
                f"p={c.roles.content_probability:.2f} ({c.roles.content_reasons}){c.note}")
        covered.append((c_start, c_end))
        row = _row(state.doc_id, offset + c_start, offset + c_end, speaker, speaker_kind, cue, opens_quote,
                               text, kind, sentence_of(c_start), _shift(s_start, offset), _shift(s_end, offset),
                               offset + c.start, offset + c.end, lemma, category, rule, resolved=resolved)
        state.rows.append(row)
        if opens_quote and c_end >= len(region.rstrip()) - 1 and not _closes(text):
            state.open_quote_row = row
    for q_start, q_end in quotes:
        so_called = _SO_CALLED.search(region[max(0, q_start - 20):q_start])
        if open_row is not None and not region[:q_start].strip() and not any(q_start < e and s < q_end for s, e in covered):
            # The previous paragraph's quotation had no closing mark and this one opens with a quotation
            # nobody else is credited with: news style for one quotation over several paragraphs.
            open_row["end"] = offset + q_end
            open_row["text"] = state.raw[open_row["start"]:open_row["end"]]
            if "continues over the next paragraph" not in open_row["rule"]:
                open_row["rule"] += "; the quotation continues over the next paragraph (no closing mark before it)"
            covered.append((q_start, q_end))
            if not _closes(inner := region[q_start:q_end]):
                state.open_quote_row = open_row
            continue
        inner = region[q_start:q_end]
        n_words = len(re.findall(r"\w+", inner))
        citing = [c for c in accepted if words[c.content[0]][0] <= q_start and q_end <= words[c.content[1]][1] + 1]
        if any(q_start < e and s < q_end for s, e in covered) and not so_called:
            # A quotation some cue cites, or a partial quotation inside what it reports ('X called it “reckless”',
            # 'According to X, Iran is “a threat”'). A short term inside a thought or a finding ("they agreed on
            # the “X corridor”"), or after a verb cue that is no report verb ("Officials opened a “corridor”"),
            # is nobody's words: the writer's scare quote.
            c = citing[0] if citing else None
            kind_of_cue = cue_kind(region[c.start:c.end]) if c is not None else ""
            if not (n_words <= SCARE_QUOTE_MAX_WORDS and c is not None
                    and (kind_of_cue in ("thought", "finding")
                         or (kind_of_cue == "verb"
                             and not any(w.lower() in _report_verb_forms() for w in region[c.start:c.end].split())))):
                continue
        sid = sentence_of(q_start)
        if not so_called and _tagged_quotation_row(region, masked, quotes, q_start, q_end, covered, accepted, paragraph,
                                                   bounds, sentence_of, offset, state):
            continue
        if n_words <= SCARE_QUOTE_MAX_WORDS or so_called:
            why = f"term in quotation marks after '{so_called.group().strip()}'" if so_called else \
                f"term of {n_words} word(s) in quotation marks that no cue cites"
            state.rows.append(_row(state.doc_id, offset + q_start, offset + q_end, "", "none", "", False, inner, "scare_quote",
                                   sid, None, None, None, None, "", "", why))
        else:
            state.rows.append(_row(state.doc_id, offset + q_start, offset + q_end, "", "none", "", True, inner, "quote",
                                   sid, None, None, None, None, "", "", "quotation that no cue cites" + _unclosed_note(inner)))


# --------------------------------------------------------------------------- speech tags by form

@lru_cache(maxsize=1)
def load_speech_verbs() -> pd.DataFrame:
    """Verbs of manner of speaking used as speech tags (``data/speech_verbs.csv``): ``verb, forms, source``.

    A closed class that ``reporting_verbs.csv`` lacks ("quipped", "shouted", "beamed"): right after a
    closing quotation mark ('“…,” Ann Lee quipped') such a verb is the quotation's cue by its form alone.
    """
    return _read_sourced_table("speech_verbs.csv", ["verb", "forms", "source"])


#: A speech tag before a quotation may have a participial clause between ('he joked, again using an accent, “…”').
TAG_BEFORE_A_PARTICIPLE = True
#: A speech tag before a quotation may end in where or when it was said ("Ann Lee said at a press conference, “…”").
TAG_BEFORE_A_SETTING = True


@lru_cache(maxsize=1)
def _speech_tag_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset]:
    """The shapes of a speech tag beside a quotation, with the verbs of both verb lists: after it ('…,” Ann Lee
    quipped' or '…,” quipped Ann Lee'), before it ('Ann Lee quipped, “…'; 'the crowd chanted “…”', the quotation
    the verb's object) and a sentence of its own before it ('Ann Lee agreed. “…'); and the verbs' bare forms."""
    forms = set(_lexicon()[0])  # "clause_only" verbs too: the quotation beside the tag is their clause
    forms |= {f for fs in load_speech_verbs()["forms"] for f in fs.split("|")}
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
    verb, verb2 = (f"(?<![\\w’'-])(?P<{name}>{alternatives})(?![\\w’'-])" for name in ("verb", "verb2"))
    word = r"[\w’'.\-]+"
    noun_phrase = rf"(?P<np>{word}(?:\s+{word}){{0,6}}?)"
    adverb = r"(?:\s+(?:also|later|then|again|once|simply|finally|[a-z]+ly))?"
    after = re.compile(rf"\s+(?:{noun_phrase}{adverb}\s+{verb}|{verb2}\s+(?P<np2>{word}(?:\s+{word}){{0,7}}?)(?=\s*(?:[,.;:!?]|$)))")
    # A participial clause set off by commas may stand between the tag and the quotation ('Beck joked, again
    # using a Southern accent, “…”'; 'she said, smiling, “…”').
    participial = r"(?P<participial>\s*,\s*(?:again\s+|then\s+|still\s+|now\s+)?[a-z]+ing\b[^,.;:!?“”\"«»]{0,80}?(?=\s*,))?"
    # Where or when it was said may stand between the verb and the comma before the quotation ('proclaimed at a
    # press conference, “…”', 'had written just a few years earlier, “…”'), never before a quotation as object.
    setting = r"(?P<setting>\s+(?:just\s+|back\s+)?(?:in|on|at|during|before|after|earlier|later|last|this|from|over|via|a\s+few|"\
              rf"two|three|several)\s+{word}(?:\s+{word}){{0,4}}?(?=\s*[,:]))?" if TAG_BEFORE_A_SETTING else ""
    before = re.compile(rf"(?:(?P<np>{word}(?:\s+{word}){{0,3}}?){adverb}\s+)?{verb}(?:\s+(?:to|at)\s+{word}(?:\s+{word})?)?"
                        rf"{setting}{participial if TAG_BEFORE_A_PARTICIPLE else ''}(?:\s*[,:])?\s*$")
    alone = re.compile(rf"\s*{noun_phrase}{adverb}\s+{verb}\.\s*$")
    # The bare forms ("state", "show"): after a singular noun ("an NBC show") they are no tag.
    bases = frozenset(f.split("|")[0] for f in list(load_speech_verbs()["forms"]) + list(load_reporting_verbs()["forms"]))
    return after, before, alone, bases


#: A tag with its verb first, opening the sentence right before the quotation ("Said Comey, “…”", "Continued Stone:
#: “…”"): news style's inversion of subject and verb of saying (Quirk et al. 1985, 18.50, quotative inversion).
INVERTED_TAG_BEFORE = True


@lru_cache(maxsize=1)
def _inverted_tag_pattern() -> re.Pattern:
    """'Said Comey, ' / 'Continued Roger Stone: ': a capitalised verb of saying, a capitalised speaker, a comma or
    colon, at the end of the text before a quotation. Not "ask" or "tell", whose object is the hearer."""
    forms = set(_lexicon()[0]) | _speech_verb_forms()
    forms = {f for f in forms if " " not in f and f not in _TELL_FORMS | _ASK_FORMS}
    alternatives = "|".join(re.escape(f.capitalize()) for f in sorted(forms, key=len, reverse=True))
    name = r"[A-Z][\w’'.\-]*"
    return re.compile(rf"(?P<verb>{alternatives})\s+(?P<np>{name}(?:\s+(?:{name}|of|the)){{0,4}})\s*[,:]\s*$")


_NP_OPENERS = _DETERMINERS | {"his", "her", "their", "its", "one", "two", "another", "this", "that"} | _PRONOUNS | {"i", "we", "who"}


#: A capitalised word in a speaker phrase is part of a name, never its verb of saying ("State", "Post", "Record").
CAPITALISED_NAME_WORDS = True


def _speaker_phrase(phrase: str) -> bool:
    """Whether a few words can be a quotation's speaker: a pronoun, or a noun phrase that opens with a
    capital or a determiner or ends in a capitalised name, holding no verb of saying (a capitalised word is
    part of a name, "State Department spokesman", "Iowa State University's Dianne Bystrom", not a verb)."""
    words = phrase.split()
    if not words or len(words) > 7:
        return False
    first = words[0].lower()
    if any(w.lower() in _report_verb_forms() for w in words if not (CAPITALISED_NAME_WORDS and w[:1].isupper())):
        return False
    return words[0][:1].isupper() or first in _NP_OPENERS or words[-1][:1].isupper()


def _plural(phrase: str) -> bool:
    """Whether a speaker phrase may take a bare verb form ("they say", "the two write", "the Saudis state")."""
    words = phrase.lower().split()
    return bool(words) and (words[-1] in ("they", "we", "i", "you", "two", "three", "both", "people", "men", "women")
                            or words[-1].endswith("s"))


def _from_determiner(region: str, start: int, end: int) -> int:
    """Where a speaker phrase starts: at its last determiner when words come before it ("late that night the
    porter" -> "the porter")."""
    found = [m.start() for m in re.finditer(r"(?<=\s)(?:the|a|an|his|her|their|its)\s", region[start:end])]
    return start + found[-1] if found else start


def _speech_tag(region: str, q_start: int, q_end: int) -> dict | None:
    """A speech tag by form beside a quotation no cue cites: ``cue``, ``source`` (region offsets, source
    None when not printed) and ``where`` ("after"/"before"), or None.

    After the quotation it needs the quotation to end in a comma, "!" or "?" before its closing mark
    ('“…,” Ann Lee quipped', '“…!” shouted the crowd'); before it, the verb right before the quotation or
    its comma or colon ('Ann Lee quipped, “…'; 'his aide whispered to him: “…'; 'the crowd chanted “…”', a
    verb of ``speech_verbs.csv`` only), or a sentence of speaker and verb alone ('Ann Lee agreed. “…').
    """
    after, before, alone, bases = _speech_tag_patterns()
    inner = region[q_start:q_end].rstrip().rstrip("”\"’'»`").rstrip()
    follows = region[q_end:q_end + 1] == ","
    if inner[-1:] in (",", "!", "?") or follows:
        m = after.match(region, q_end + (1 if follows else 0))
        if m is not None:
            np_group, verb_group = ("np", "verb") if m.group("np") else ("np2", "verb2")
            phrase = m.group(np_group)
            bare = np_group == "np" and m.group("verb").lower() in bases
            if _speaker_phrase(phrase) and not re.search(r"[.!?]\s", phrase) and (_plural(phrase) or not bare):
                s_start, s_end = _from_determiner(region, m.start(np_group), m.end(np_group)), m.end(np_group)
                while s_end > s_start and region[s_end - 1] in ".,":
                    s_end -= 1
                return {"cue": (m.start(verb_group), m.end(verb_group)), "source": (s_start, s_end), "where": "after"}
    lead_start = max((region.rfind(p, 0, q_start) for p in (". ", "? ", "! ", "\n")), default=-1) + 1
    m = before.search(region, lead_start, q_start)
    if m is not None and m.groupdict().get("participial") and m.group("verb").lower().endswith("ing"):
        m = None  # "during the hearing, chiding him, “…”": a noun in -ing, no tag
    if m is not None and m.end() == q_start and not re.search(r"[,:]\s*$", m.group()):
        # The quotation as the verb's object ('the crowd chanted “…”'): only a verb of manner of speaking,
        # and a bare form only after a plural ("they chant", not "the chant").
        phrase = m.group("np") or ""
        if m.group("verb").lower() not in _speech_verb_forms() or (m.group("verb").lower() in bases and not _plural(phrase)):
            m = None
    if m is not None and m.end() == q_start:
        phrase = m.group("np")
        source = (_from_determiner(region, m.start("np"), m.end("np")), m.end("np")) \
            if phrase and _speaker_phrase(phrase) else None
        return {"cue": (m.start("verb"), m.end("verb")), "source": source, "where": "before"}
    m = _inverted_tag_pattern().search(region, lead_start, q_start) if INVERTED_TAG_BEFORE else None
    if m is not None and m.end() == q_start and not region[lead_start:m.start()].strip():
        return {"cue": (m.start("verb"), m.end("verb")), "source": (m.start("np"), m.end("np")), "where": "before"}
    # A sentence that is only a speaker and a verb right before the quotation ('Ann Lee agreed. “…”').
    previous_start = max((region.rfind(p, 0, max(0, lead_start - 2)) for p in (". ", "? ", "! ", "\n")), default=-1) + 1
    m = alone.fullmatch(region, previous_start, q_start) if lead_start > 0 and not region[lead_start:q_start].strip() else None
    if m is not None and _speaker_phrase(m.group("np")) and not re.search(r"[.!?]\s", m.group("np")):
        return {"cue": (m.start("verb"), m.end("verb")),
                "source": (_from_determiner(region, m.start("np"), m.end("np")), m.end("np")), "where": "before"}
    return None


def _tagged_quotation_row(region, masked, quotes, q_start, q_end, covered, accepted, paragraph, bounds, sentence_of,
                          offset, state) -> bool:
    """The row of a quotation no cue cites but a speech tag by form (:func:`_speech_tag`); True when made.

    The tag's words must be free (no other row's content, cue or source); a quotation that follows the tag
    with only punctuation between ('“…,” Ann Lee quipped. “…”') is the rest of the same attribution."""
    tag = _speech_tag(region, q_start, q_end)
    if tag is None:
        return False
    words = paragraph.words
    taken = list(covered) + [(c.start, c.end) for c in accepted]
    sources = [(words[c.source[0]][0], words[c.source[1]][1]) for c in accepted if c.source is not None]
    spans = [tag["cue"]] + ([tag["source"]] if tag["source"] else [])
    if any(s < e2 and s2 < e for s, e in spans for s2, e2 in taken) or \
            any(s < e2 and s2 < e for s, e in [tag["cue"]] for s2, e2 in sources):
        return False
    # A source another cue has too ('“…,” Ann Lee said, adding …') is the source of both, as PolNeAR marks it.
    shared = tag["source"] is not None and any(tag["source"][0] < e2 and s2 < tag["source"][1] for s2, e2 in sources)
    end, note = q_end, ""
    if tag["where"] == "after":
        tag_end = max(e for _, e in spans)
        following = next(((a, b) for a, b in quotes if a >= tag_end), None)
        if following is not None and re.fullmatch(r"[\s,.;]*", region[tag_end:following[0]]) \
                and not any(following[0] < e and s < following[1] for s, e in taken):
            end, note = following[1], "; the quotation after the tag is the rest of it (an interrupted quotation)"
            covered.append(following)
    c_start, c_end = tag["cue"]
    cue = region[c_start:c_end]
    form_info = _lexicon()[0]
    info = form_info.get(cue.lower())
    lemma, category = (info[0], info[1]) if info else (_speech_verb_lemma(cue), "")
    speaker, speaker_kind, s_start, s_end, resolved, how = "", "none", None, None, "", "no source printed"
    if tag["source"] is not None:
        s_start, s_end = tag["source"]
        speaker, speaker_kind, resolved, how = _classify_source(region, masked, s_start, s_end, bounds, sentence_of, state)
        how = f"source: the words beside the tag; {how}" + ("; the same source as a nearby cue" if shared else "")
    shape = "'“…,” source verb'" if tag["where"] == "after" else "'source verb, “…'"
    rule = (f"speech tag by form: '{cue}' {tag['where']} the quotation ({shape}; a verb of "
            f"{'reporting_verbs.csv' if info else 'speech_verbs.csv'}); {how}{note}" + _unclosed_note(region[q_start:end]))
    covered.append((q_start, end))
    state.rows.append(_row(state.doc_id, offset + q_start, offset + end, speaker, speaker_kind, cue, True,
                           region[q_start:end], "quote", sentence_of(q_start), _shift(s_start, offset),
                           _shift(s_end, offset), offset + c_start, offset + c_end, lemma, category, rule,
                           resolved=resolved))
    return True


@lru_cache(maxsize=1)
def _speech_verb_forms() -> frozenset:
    """Every form of ``speech_verbs.csv``."""
    return frozenset(f for forms in load_speech_verbs()["forms"] for f in forms.split("|"))


def _speech_verb_lemma(form: str) -> str:
    """The ``speech_verbs.csv`` entry a form belongs to ("quipped" -> "quip")."""
    low = " ".join(form.lower().split())
    for verb, forms in load_speech_verbs()[["verb", "forms"]].itertuples(index=False):
        if low in forms.split("|"):
            return verb
    return low


#: Cue words that are also plain nouns ("such claims", "the state"): after a determiner they cite
#: something only when what follows introduces it ("claims that …", "a statement by …", a colon or a quotation).
_NOUN_LIKE_CUES = set(
    """state states report reports claim claims call calls comment comments remark remarks reply replies vow vows
    pledge pledges demand demands request requests protest protests charge charges warning warnings statement
    statements promise promises threat threats""".split()
)
_NOUN_INTRODUCERS = {"that", "by", "from", "of", "about", "to", ":", ",", "“", "\"", "'", "‘", "«"}


def _noun_not_cue(region: str, c_start: int, c_end: int) -> bool:
    """A one-word cue such as "claims" after a determiner with nothing introducing a content ("Such claims need …")."""
    cue = region[c_start:c_end]
    if cue.lower() not in _NOUN_LIKE_CUES:
        return False
    before = re.search(r"([\w’']+)\s*$", region[:c_start])
    after = re.match(r"\s*([\w’']+|[^\w\s])", region[c_end:])
    determiner = before is not None and before.group(1).lower() in _DETERMINERS | {"such", "these", "those"}
    return determiner and (after is None or after.group(1).lower() not in _NOUN_INTRODUCERS)


#: A cue candidate made only of auxiliaries, negations, articles and adverbs is dropped (the cue model's runs
#: over "has actually", "doesn’t", "repeatedly"), and so is one inside an extraposed judgement ("it is hard to say").
FUNCTION_WORD_CUES_DROPPED = True
EXTRAPOSED_JUDGEMENT_DROPPED = True
#: Evidential adverbs (Biber et al. 1999, Longman Grammar of Spoken and Written English, 10.2.1: stance adverbials
#: that name the source of knowledge as hearsay or appearance): they are cues on their own ("Trump will reportedly …").
_EVIDENTIAL_ADVERBS = {"reportedly", "allegedly", "apparently", "seemingly", "supposedly", "purportedly", "reputedly",
                       "ostensibly", "evidently", "avowedly", "admittedly"}
_FUNCTION_WORDS = _AUXILIARIES | {"a", "an", "the", "n't", "n’t", "then", "just", "only", "actually", "hardly", "really", "all"}
# What stands before "n't" in a negated auxiliary ("doesn’t"; "can't" is ca + n't, "won't" wo + n't).
_NEGATED_STEMS = _AUXILIARIES | {"ca", "wo", "is", "are", "was", "were", "does", "do", "did", "has", "have", "had"}


def _function_words_only(words: list[str]) -> bool:
    """Whether a cue's words (lower case) are all auxiliaries, negations, articles or adverbs, none of them evidential.

    "has actually", "doesn’t", "have a", "recently", "repeatedly" cite nobody; "reportedly" and "seemingly" do.
    """
    bare = [w.strip(",.:;!?()") for w in words]
    bare = [w for w in bare if w]

    def function_word(w: str) -> bool:
        if w in _EVIDENTIAL_ADVERBS:
            return False
        negated = re.fullmatch(r"(\w+)n[’']t", w)  # "doesn’t", "aren't", "can't" (ca), "won't" (wo)
        if negated:
            return negated.group(1) in _NEGATED_STEMS
        return w in _FUNCTION_WORDS or _adverb(w)

    return bool(bare) and all(function_word(w) for w in bare)


#: Adjectives that take an extraposed to-infinitive or clause and judge it ("it is hard to say", "it's fair to say
#: that", "it remains unclear whether"): Huddleston & Pullum 2002, The Cambridge Grammar of the English Language,
#: ch. 16 §7.3 (extraposition) and ch. 14 §4 (adjectives licensing to-infinitival complements).
_JUDGEMENT_ADJECTIVES = {"hard", "easy", "difficult", "impossible", "possible", "fair", "safe", "important", "clear",
                         "unclear", "necessary", "premature", "soon", "early", "tempting", "worth", "ironic", "striking",
                         "notable", "obvious", "evident", "crucial", "essential", "wise", "useful"}
_EXTRAPOSED = re.compile(
    r"\b[Ii]t(?:[’']s|\s+(?:is|was|’s|'s|remains|remained|seems|will\s+be|would\s+be|may\s+be|might\s+be|could\s+be|"
    r"has|had))(?:\s+(?:not|also|still|too|very|quite|so|long|been|\w+ly))*\s+(?P<adjective>\w+)"
    r"(?:\s+not)?(?:\s+to(?:\s+[\w’']+){0,3})?\s*$")


def _extraposed_judgement(region: str, c_start: int, c_end: int) -> bool:
    """Whether a cue is the judging adjective or its infinitive after an extraposed "it" ("it is hard {to say}",
    "{It remains unclear}", "It is too {soon to say}"): the writer's evaluation, which cites nobody."""
    sentence_start = max(region.rfind(". ", 0, c_start), region.rfind("\n", 0, c_start), 0)
    found = _EXTRAPOSED.search(region, sentence_start, c_end)
    # The cue is inside the construction: the adjective, its infinitive, or both ("is hard to say").
    return found is not None and found.group("adjective").lower() in _JUDGEMENT_ADJECTIVES and c_start >= found.start()


#: "find" with a reflexive object ("has found itself at the center of", "found himself playing defense") tells
#: where someone ended up, not what anyone found out (Huddleston & Pullum 2002, ch. 4 §4.3: complex-transitive
#: "find" with a reflexive object and a locative or participial predicative).
FOUND_ONESELF_DROPPED = True
_REFLEXIVES = "himself|herself|itself|themselves|myself|ourselves|yourself|yourselves|oneself"
_FIND_REFLEXIVE = re.compile(rf"\b(?:find|finds|found|finding)\s+(?:{_REFLEXIVES})\b", re.IGNORECASE)
_FIND_AT_END = re.compile(r"\b(?:find|finds|found|finding)\s*$", re.IGNORECASE)
_REFLEXIVE_NEXT = re.compile(rf"\s*(?:{_REFLEXIVES})\b", re.IGNORECASE)


def _finds_oneself(region: str, c_start: int, c_end: int) -> bool:
    """Whether a cue is "find" with a reflexive object, inside the cue or right after it ("found {itself}")."""
    cue = region[c_start:c_end]
    if _FIND_REFLEXIVE.search(cue):
        return True
    return _FIND_AT_END.search(cue) is not None and _REFLEXIVE_NEXT.match(region, c_end) is not None


#: A one-word cue inside a noun phrase, after an article or a possessive and right before the content the role
#: model gives it, is a modifier or a head noun, not a predicate that reports: "an {impassioned} [“farewell
#: address”]", "her {particular} [brand of magic]", "Lopez’s {show} [was cancelled]". A content that a noun cue
#: introduces ("his decision [not to …]", "the claim [that …]", "reports [of …]") keeps the row, and so does the
#: participle of a report verb ("Washington’s stated goals", "his proposed law": what the possessor said).
MODIFIER_CUES_DROPPED = True
_ARTICLES_AND_POSSESSIVES = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your"}
_CONTENT_INTRODUCERS = {"that", "to", "not", "whether", "if", "how", "what", "why", "who", "when", "where", "which", "of",
                        "about", "on", "from", "against", "for", ":", ","} | set(_OPEN_QUOTES)


def _modifier_in_noun_phrase(paragraph, first: int, last: int, content: tuple[int, int]) -> bool:
    """Whether a one-word cue (word ``first`` = ``last``) follows an article or a possessive ("Lee’s") and its
    content starts on the next word with no word that introduces a report ("that", "to", "of", a quotation mark)."""
    low = paragraph.low
    if first != last or first == 0 or content[0] != last + 1 or low[first] in _EVIDENTIAL_ADVERBS:
        return False
    if low[first].endswith(("ed", "en")) and low[first] in _report_verb_forms():
        return False  # "Washington’s stated goals", "his proposed law": the possessor's own words, an attribution
    before = low[first - 1]
    possessive = (re.search(r"\w[’']s?$", paragraph.words[first - 1][2]) is not None
                  and re.split(r"[’']", before)[0] not in _SUBJECT_PRONOUNS | {"it", "that", "there", "what", "here"})
    if before not in _ARTICLES_AND_POSSESSIVES and not possessive:
        return False
    opening = low[content[0]]
    return opening not in _CONTENT_INTRODUCERS and opening[:1] not in _OPEN_QUOTES and opening[:2] not in ("''", "``")


@lru_cache(maxsize=1)
def _report_verb_forms() -> frozenset:
    """Every form of the report-verb list, excluded rows too ("referred to … as"), and of the speech verbs
    ("joked"): a short quoted term after one of them is the speaker's partial quotation; after any other cue
    ("opened a “corridor”") it is a scare quote."""
    lists = list(load_reporting_verbs()["forms"]) + list(load_speech_verbs()["forms"])
    return frozenset(f.lower() for forms in lists for f in forms.split("|"))


def _closes(quoted: str) -> bool:
    return quoted.rstrip()[-1:] in _CLOSE_QUOTES or quoted.rstrip().endswith("''")


#: A paragraph that ends in a colon ("He told his audience, to rowdy applause:", "Stated Stone:", "Partial
#: transcript as follows:") introduces a quotation that opens the next paragraph: that quotation is cited by the
#: colon's sentence, by its last cue when it has one before the colon (whose own content then was only the words
#: up to the colon), else by the colon, which the cue model proposes there and PolNeAR marks as the cue.
COLON_ENDING_A_PARAGRAPH = True


def _colon_introduces_next_paragraph(colon, candidates: list, paragraph, region: str, masked: str, offset: int,
                                     sentences, state: _DocState) -> list:
    """Leave ``state.pending`` for the next paragraph's opening quotation (:data:`COLON_ENDING_A_PARAGRAPH`);
    returns the candidates without the one whose cue the quotation takes."""
    c_start, c_end, colon_word, probability, why, roles = colon
    sentence = paragraph.sentence[colon_word]
    before = [c for c in candidates if paragraph.sentence[c.first] == sentence and c.last < colon_word
              and c.roles.content is not None and c.roles.content[1] >= colon_word - 1 and c.roles.content[0] > c.last]
    source = roles.source
    source_probability, source_reasons = roles.source_probability, roles.source_reasons
    if before and paragraph.low[before[-1].roles.content[0]] == "that":
        return candidates  # "said that given the crop of candidates:": the clause runs on into the quotation
    if before:
        cue = before[-1]
        candidates = [c for c in candidates if c is not cue]
        c_start, c_end, probability, why = cue.start, cue.end, cue.probability, cue.why
        source = cue.roles.source
        source_probability, source_reasons = cue.roles.source_probability, cue.roles.source_reasons
    s_span = (paragraph.words[source[0]][0], paragraph.words[source[1]][1]) if source else None
    state.pending = {"cue": (offset + c_start, offset + c_end), "source": s_span, "offset": offset,
                     "region": region, "masked": masked, "probability": probability, "why": why,
                     "source_reasons": source_reasons, "source_probability": source_probability,
                     "sentences": sentences, "quotation_only": True}
    return candidates


def _pending_row(pending: dict, offset: int, end: int, region: str, sentence_id: int, state: _DocState) -> None:
    """The row of a cue that ended the previous paragraph with a colon; its content is this paragraph up to ``end``."""
    p_region, p_offset = pending["region"], pending["offset"]
    c_start, c_end = pending["cue"]
    cue = state.raw[c_start:c_end]
    speaker, speaker_kind, s_start, s_end, resolved, how = "", "none", None, None, "", "no source printed"
    if pending["source"] is not None:
        s_start, s_end = pending["source"]
        bounds = {sid: (s, e) for sid, s, e in pending["sentences"]}
        sentence_of = lambda pos: next((sid for sid, s, e in pending["sentences"] if s <= pos < e), 0)  # noqa: E731
        speaker, speaker_kind, resolved, how = _classify_source(p_region, pending["masked"], s_start, s_end, bounds,
                                                                sentence_of, state)
        how = f"source: role model p={pending['source_probability']:.2f} ({pending['source_reasons']}); {how}"
        s_start, s_end = s_start + p_offset, s_end + p_offset
    text = region[:end]
    info = next((_lexicon()[0][w] for w in cue.split() if w in _lexicon()[0]), None)
    lemma, category = (info[0], info[1]) if info else (" ".join(cue.lower().split()), "")
    opens_quote = text[:1] in _OPEN_QUOTES or text[:2] in ("''", "``")
    kind = "quote" if opens_quote else {"thought": "thought", "finding": "finding"}.get(cue_kind(cue), "reported")
    rule = (f"cue model p={pending['probability']:.2f} ({pending['why']}); {how}; content: the next paragraph "
            "(the cue ends its paragraph with a colon)")
    state.rows.append(_row(state.doc_id, offset, offset + end, speaker, speaker_kind, cue, opens_quote, text, kind,
                           sentence_id, s_start, s_end, c_start, c_end, lemma, category, rule, resolved=resolved))


def _absorb_adjacent_quotations(accepted: list[_Candidate], paragraph) -> None:
    """A quotation no cue cites that follows a content in its sentence, with only punctuation between
    ("… are envisaged, emphasising, “I am not …”"), is the rest of that content."""
    for q, (q_first, q_last) in enumerate(paragraph.quote_bounds):
        if q_first < 0 or any(c.content[0] <= q_last and q_first <= c.content[1] for c in accepted):
            continue
        for c in accepted:
            lo, hi = c.content
            gap = range(hi + 1, q_first)
            if hi < q_first and len(gap) <= 2 and all(not paragraph.low[g][0].isalnum() for g in gap) \
                    and paragraph.sentence[hi] == paragraph.sentence[q_first] and c.last < lo \
                    and not (QUOTATION_KEEPS_ITS_TAG and any(paragraph.low[g] in _SENTENCE_ENDS for g in gap)):
                c.content = (lo, q_last)
                break


_SENTENCE_ENDS = {".", "?", "!"}
_QUOTE_WORDS = {"“", "”", "\"", "'", "''", "‘", "’", "«", "»", "``"}
_LEAD_IN_MARKS = {",", ":", "-", "—", "–", "--"}


def _quotation_alone(accepted: list[_Candidate], paragraph) -> None:
    """A content that ends in a quotation whose cue follows it, and starts before the quotation with words of
    an earlier sentence ("… at Austin. “America saved my father,” he wrote") or a lead-in set off by a comma,
    colon or dash ("Neither was impressed - “Born with a silver spoon,” he said"), is the quotation alone,
    as PolNeAR marks it."""
    for c in accepted:
        lo, hi = c.content
        first_quote = next(((a, b) for a, b in paragraph.quote_bounds if lo < a <= hi and a >= 0), None)
        if first_quote is None or c.first < first_quote[0]:
            continue  # no quotation inside, or the cue comes first ("said that … “…”": the words between are reported)
        last_quoted = hi
        while last_quoted > first_quote[0] and not paragraph.low[last_quoted][0].isalnum() and paragraph.quote[last_quoted] < 0 \
                and paragraph.low[last_quoted] not in _QUOTE_WORDS:
            last_quoted -= 1
        if paragraph.quote[last_quoted] < 0 and paragraph.low[last_quoted] not in _QUOTE_WORDS:
            continue  # the content goes on after its quotations: the words before them belong to it
        if not any(paragraph.low[i][0].isalnum() for i in range(first_quote[0], hi + 1)):
            continue  # the content holds only the quotation's opening mark
        lead_in = range(lo, first_quote[0])
        earlier_sentence = any(paragraph.low[i] in _SENTENCE_ENDS for i in lead_in)
        if earlier_sentence or paragraph.low[first_quote[0] - 1] in _LEAD_IN_MARKS:
            c.content = (first_quote[0], hi)
            c.note = ("; the quotation alone (the words before it are " +
                      ("an earlier sentence)" if earlier_sentence else "a lead-in set off by punctuation)"))


#: A content that holds its own cue with only punctuation before it (",'' adding, ''…''") starts after the cue.
CONTENT_OPENS_AFTER_ITS_CUE = True


SAYING_ADVERBIAL_BEFORE_QUOTATION = True
#: "said of the senator, “…”", "added about Carson: “…”": "of"/"about" right after "say", "add" or "write" names
#: what the saying is about, not what was said; after "warn of", "report about" it is the content itself.
SAYING_TOPIC_BEFORE_QUOTATION = True
_TOPIC_PREPOSITIONS = {"of", "about"}
_TOPIC_VERBS = {"say", "says", "said", "saying", "add", "adds", "added", "adding", "write", "writes", "wrote",
                "writing", "written"}
_OBJECT_PRONOUNS = {"him", "her", "them", "us", "me", "reporters"}
_TELL_FORMS = {"tell", "tells", "told", "telling"}
#: "asked the crowd, “Can she stay?”": like "tell", "ask" takes the hearer as its first object (Levin 1993, 37.1),
#: so the words between it and the quotation are the addressee, not what was asked.
ASK_TAKES_AN_ADDRESSEE = True
_ASK_FORMS = {"ask", "asks", "asked", "asking"}
_COMPLEMENTIZERS = {"that", "to", "whether", "if", "how", "what", "why", "who", "which", "where", "when"}


def _saying_adverbial_before_quotation(accepted: list[_Candidate], paragraph) -> None:
    """A content after a verb of saying that opens with words telling where, when, how or to whom it was said,
    set off from the quotation by a comma or colon ('said in an op-ed before the hearing, “…”', 'said as he
    introduced his wife, “…”', 'tweeting at him, “…”', 'telling the graduates of 2014, “…”'), is the
    quotation alone, as PolNeAR marks it: those words are the saying's, not what was said; so is a short noun
    phrase before a colon ('added a caveat: “…”'). Words that are
    a clause of their own ('said that …, “…”', 'said she was thinking, “…”') stay in the content."""
    forms = _report_verb_forms()
    for c in accepted:
        lo, hi = c.content
        if lo <= c.last:
            continue
        quotation = next(((a, b) for a, b in paragraph.quote_bounds if lo < a <= hi), None)
        if quotation is None or paragraph.low[quotation[0] - 1] not in (",", ":"):
            continue
        q_first, q_last = quotation
        if any(paragraph.low[i][0].isalnum() and paragraph.quote[i] < 0 for i in range(q_last + 1, hi + 1)):
            continue  # the content goes on after the quotation
        verbs = [i for i in range(c.first, c.last + 1) if paragraph.low[i] in forms]
        if not verbs:
            continue
        lead = list(range(verbs[-1] + 1, c.last + 1)) + list(range(lo, q_first - 1))
        lead_words = [paragraph.low[i] for i in lead]
        if not lead_words or paragraph.sentence[lead[0]] != paragraph.sentence[q_first]:
            continue
        # A subject pronoun starts a clause of its own ("said she was thinking, “…”"), unless it is the clause of
        # a time or manner conjunction ("said as he introduced his wife, “…”").
        if any(w in _SENTENCE_ENDS or w in _QUOTE_WORDS or w in _COMPLEMENTIZERS
               or w in _SUBJECT_PRONOUNS and lead_words[k] not in ("as", "while", "when", "after", "before", "since")
               for k, w in enumerate(lead_words[1:])):
            continue
        first = lead_words[0]
        adverbial = first in _SAYING_ADVERBIAL_OPENERS - {"asked", "told"} or first in {"as", "via", "with", "through"}
        # "said of Congress: “…”": the topic, only right after the verb (not "said the cost of it, “…”").
        topic = SAYING_TOPIC_BEFORE_QUOTATION and first in _TOPIC_PREPOSITIONS and lead[0] == verbs[-1] + 1 \
            and paragraph.low[verbs[-1]] in _TOPIC_VERBS
        hearer_verbs = _TELL_FORMS | _ASK_FORMS if ASK_TAKES_AN_ADDRESSEE else _TELL_FORMS
        addressee = first in _OBJECT_PRONOUNS or paragraph.low[verbs[-1]] in hearer_verbs and first not in _COMPLEMENTIZERS \
            and first not in _SUBJECT_PRONOUNS
        # "added a caveat: “…”", "issued the following statement: “…”": a colon after a short noun phrase that
        # names the saying introduces the quotation as that phrase's apposition.
        named_saying = paragraph.low[q_first - 1] == ":" and first in _ARTICLES_AND_POSSESSIVES | {"this", "these"} \
            and len(lead_words) <= 4 and not any(w in (",", "and", "or", "but") for w in lead_words)
        if adverbial or addressee or named_saying or topic:
            c.content = (q_first, hi)
            c.note = ("; the quotation alone (the words before it tell where, when or to whom it was said"
                      + (", or name the saying)" if named_saying else ", or what it was about)" if topic else ")"))


QUOTATION_BETWEEN_DASHES = True
_DASHES = {"-", "—", "–", "--"}


def _quotation_between_dashes(accepted: list[_Candidate], paragraph) -> None:
    """A quotation and its tag set off by a pair of dashes or brackets inside a sentence ("Neither man was
    impressed - ''Born with a silver spoon,'' Mr. Elkins said - but …"; "praised his ''deep faith'' -
    ''faith that …,'' he said - and argued …"; "those who fear conquest (''This is an occupation,'' Ann Lee
    wrote in The Times last week) and those who …") is the tag's content alone: the dashes or brackets make
    quotation and tag a parenthesis, so the words around them are not what was said."""
    def name_word(i: int) -> bool:
        return paragraph.low[i][0].isalnum() or paragraph.low[i] == "." and paragraph.low[i - 1] in _TITLES_BEFORE_DOT

    for c in accepted:
        lo, hi = c.content
        closing = c.first - 1
        while closing > lo and paragraph.quote[closing] < 0 and name_word(closing) and c.first - closing <= 6:
            closing -= 1  # back over the speaker before the cue ("Mr. Elkins said")
        quotation = next(((a, b) for a, b in paragraph.quote_bounds if b == closing and a >= 0), None)
        if quotation is None or quotation[0] < 1 or paragraph.low[quotation[0] - 1] not in _DASHES | {"("}:
            continue
        if not (lo < quotation[0] or hi > c.last):
            continue  # already the quotation alone
        closer = ")" if paragraph.low[quotation[0] - 1] == "(" else None
        after = c.last + 1
        while after < paragraph.n and name_word(after) and after - c.last <= (8 if closer else 5):
            after += 1  # the speaker after the cue ("said Mr. Elkins"; "wrote in The Times last week)")
        if after >= paragraph.n or not (paragraph.low[after] == closer if closer else paragraph.low[after] in _DASHES):
            continue  # no closing dash or bracket right after the tag
        between = range(quotation[1] + 1, c.first)
        if not all(name_word(i) for i in between):
            continue
        c.content = quotation
        c.note = "; the quotation alone (it and its tag stand between dashes)"


def _mend_quotation_marks(accepted: list[_Candidate], paragraph) -> None:
    """Contents and the quotation marks at their edges (the role model scores a mark like a word).

    A content that ends in the opening mark of a quotation takes the quotation when no other content holds
    its words ("said that “" + "…”") and otherwise gives the mark back ('… executive actions “' beside
    'a crucial step …”', which takes it); a content that begins with the closing mark of the quotation before
    it drops the mark; a content of marks alone takes the quotation the mark opens or closes when it is free,
    and is dropped when it is not (it cites nothing)."""
    marks = _QUOTE_WORDS
    opening: dict[int, tuple[int, int]] = {}  # word index of an opening mark -> its quotation's first and last word
    closing: dict[int, tuple[int, int]] = {}
    for q_first, q_last in paragraph.quote_bounds:
        if q_first < 0:
            continue
        i = q_first
        while i < q_last and paragraph.low[i] in marks:
            opening[i] = (q_first, q_last)
            i += 1
        j = q_last
        while j > i and paragraph.low[j] in marks:
            closing[j] = (q_first, q_last)
            j -= 1

    def free(c, lo, hi):
        return not any(o is not c and (o.content[0] <= hi and lo <= o.content[1] or lo <= o.first <= hi)
                       for o in accepted)

    kept = []
    for c in accepted:
        lo, hi = c.content
        if not any(paragraph.low[i][0].isalnum() for i in range(lo, hi + 1)):
            quotation = opening.get(lo) or closing.get(hi)
            if quotation is None or not free(c, *quotation) or quotation[0] <= c.first <= quotation[1]:
                continue  # marks alone: nothing cited
            c.content = quotation
            kept.append(c)
            continue
        while lo < hi and lo in closing and not (c.first <= lo <= c.last):
            lo += 1
        if hi in opening and not (c.first <= hi <= c.last):
            q_first, q_last = opening[hi]
            if c.last < q_first and free(c, q_first, q_last):
                hi = q_last
            else:
                while hi > lo and hi in opening:
                    hi -= 1
                while hi > lo and not paragraph.low[hi][0].isalnum() and paragraph.low[hi] not in marks \
                        and paragraph.low[hi] not in _SENTENCE_ENDS:
                    hi -= 1  # the comma or dash left before the mark
        c.content = (lo, hi)
        kept.append(c)
    accepted[:] = kept
    for c in accepted:
        lo, hi = c.content
        if CONTENT_OPENS_AFTER_ITS_CUE and lo < c.first and c.last < hi \
                and not any(paragraph.low[i][0].isalnum() for i in range(lo, c.first)):
            # ",'' adding, ''…''": only punctuation before its own cue; what it cites follows the cue.
            after = c.last + 1
            if c.source is not None and c.source[0] == after:
                after = c.source[1] + 1  # ", reports USA Today. “…”": nor with its source
            while after < hi and not paragraph.low[after][0].isalnum() and after not in opening:
                after += 1
            if any(paragraph.low[i][0].isalnum() for i in range(after, hi + 1)):
                lo = after
        while lo - 1 in opening and not (c.first <= lo - 1 <= c.last) and free(c, lo - 1, lo - 1):
            lo -= 1
        c.content = (lo, hi)


QUOTATION_KEEPS_ITS_TAG = True


def _quotation_keeps_its_tag(accepted: list[_Candidate], paragraph, region: str) -> None:
    """A quotation that opens a sentence and has a speech tag of its own right after it ('… and wide. “It's
    huge,” he said'; '“…,” Ann Lee says. “…,” she notes') is what that tag cites, not the rest of an earlier
    cue's content: the content of a cue before the quotation that runs over the sentence end into it stops
    where the quotation's sentence begins (and before its own cue and source when it holds them). The tag's
    cue then takes the quotation (:func:`_tag_takes_its_quotation`) or, when no candidate holds it, the
    speech tag by form makes its row (:func:`_speech_tag`)."""
    for q_first, q_last in paragraph.quote_bounds:
        if q_first < 1 or paragraph.low[q_first - 1] not in _SENTENCE_ENDS or paragraph.quote[q_first - 1] >= 0:
            continue  # the quotation does not open a sentence
        q_start, q_end = paragraph.words[q_first][0], paragraph.words[q_last][1]
        tag = _speech_tag(region, q_start, q_end)
        if tag is None or tag["where"] != "after":
            continue
        for c in accepted:
            lo, hi = c.content
            if not (lo < q_first <= hi) or c.last >= q_first:
                continue  # the content does not run into the quotation from before, or the cue is the tag
            if c.start >= tag["cue"][0]:
                continue
            end = q_first - 1
            if lo < c.first <= end:
                end = c.first - 1  # '“…,” Ann Lee says. “…,” she notes': the first quotation alone
                if c.source is not None and lo <= c.source[0] <= end:
                    end = c.source[0] - 1
            while end > lo and not paragraph.low[end][0].isalnum() and paragraph.low[end] not in _QUOTE_WORDS:
                end -= 1
            if end < lo or not any(paragraph.low[i][0].isalnum() for i in range(lo, end + 1)):
                continue
            c.content = (lo, end)
            c.note += "; stops before the next sentence's quotation, which has a speech tag of its own"


#: Words a quotation ending in a comma needs before a tag after it takes it as its content (shorter ones are
#: mostly titles and terms: '“Morning Joe,” suggested …'; chosen on the check part among 3, 4, 5, 6).
TAGGED_QUOTATION_MIN_WORDS = 4


def _tag_takes_its_quotation(accepted: list[_Candidate], paragraph) -> None:
    """A cue that is the tag of the quotation right before it ('“…,” Ann Lee said to reporters at the
    hall'; '“…!” shouted the crowd') cites that quotation when no other content holds it, whatever the
    role model found on its other side; a speaker of up to four words between the mark and the cue is its
    source."""
    closing_of = {q_last: (q_first, q_last) for q_first, q_last in paragraph.quote_bounds if q_first >= 0}
    for c in accepted:
        k, n_words = c.first - 1, 0
        while k >= 0 and n_words < 4 and paragraph.quote[k] < 0 and paragraph.low[k][0].isalnum():
            k, n_words = k - 1, n_words + 1
        if k not in closing_of:
            continue
        if n_words and not _speaker_phrase(" ".join(paragraph.words[i][2] for i in range(k + 1, c.first))):
            continue  # the words between are no speaker ('“…,” Ann Lee replied before adding that …')
        q_first, q_last = closing_of[k]
        j = q_last
        while j > q_first and paragraph.low[j] in _QUOTE_WORDS:
            j -= 1
        if paragraph.low[j] not in (",", "!", "?") or c.content[0] <= q_last and q_first <= c.content[1]:
            continue
        n_quoted = sum(paragraph.low[i][0].isalnum() for i in range(q_first, q_last + 1))
        if n_quoted < TAGGED_QUOTATION_MIN_WORDS and paragraph.low[j] == ",":
            continue  # a title or a term set off by commas ('star of “Scandal,” thanked …')
        if not any(paragraph.low[i] in _report_verb_forms() for i in range(c.first, c.last + 1)):
            continue
        if any(o is not c and (o.content[0] <= q_last and q_first <= o.content[1] or q_first <= o.first <= q_last)
               for o in accepted):
            continue
        c.content = (q_first, q_last)
        c.note = "; the quotation right before its tag is its content (the role model found one elsewhere)"
        if n_words and (c.source is None or not (k < c.source[0] and c.source[1] < c.first)):
            c.source, c.source_note = (k + 1, c.first - 1), "the words between the quotation and its tag"


LEAD_BEFORE_A_TAG = True
# First words of a lead that tells when, where or how something was said ("On Monday", "In an interview",
# "Asked about it"): such a lead belongs to the tag, not to the content.
_SAYING_ADVERBIAL_OPENERS = set(
    """in on at during after before last earlier later when while asked told since from by yesterday today
    tonight monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december then finally again immediately""".split()
)
# Words that make a lead a time clause wherever they stand ("A few minutes later", "six minutes into the event").
_TIME_WORDS = {"later", "earlier", "after", "before", "ago", "when", "while", "minutes", "hours", "moments", "seconds"}


#: A lead that is a linking adverbial alone ("Still, Mr. Devine acknowledged, ''…''", "That said, she also
#: noted, “…”") ties the sentence to the one before; it is the writer's, not the speaker's. The coordinators
#: "but" and "and" are no adverbials (Quirk et al. 1985, 13.5) and are left to the lead rule.
LINKING_LEAD_IS_THE_WRITERS = True
# Linking adverbials (conjuncts) that open a sentence (Biber et al. 1999, 10.2.4; Quirk et al. 1985, 8.134-8.137).
_LINKING_ADVERBIALS = set(
    """additionally also besides further furthermore moreover likewise similarly still yet however nevertheless
    nonetheless though anyway instead rather thus therefore hence so now meanwhile lastly""".split()
)


def _linking_lead(paragraph, start: int, end: int) -> bool:
    """Whether the lead on words ``start .. end - 1`` is one linking adverbial ("Still", "Now") or "That said"."""
    words = [paragraph.low[i] for i in range(start, end)]
    return words == ["that", "said"] or len(words) == 1 and words[0] in _LINKING_ADVERBIALS


def _tells_how_it_was_said(paragraph, start: int, end: int) -> bool:
    """Whether the lead on words ``start .. end - 1`` is an adverbial of the saying: it opens with a time or
    place word, a participle ("Holding open a book", "Emphasizing the urgency") or "as" + a clause ("As they
    made their way"; "As for …" names a topic and is content), or holds a time word."""
    first = paragraph.low[start]
    following = paragraph.low[start + 1] if start + 1 < end else ""
    return (first in _SAYING_ADVERBIAL_OPENERS or first.endswith("ing") and first.isalpha()
            or first == "as" and following not in ("for", "to")
            or any(paragraph.low[i] in _TIME_WORDS for i in range(start, end)))


def _lead_before_a_tag(accepted: list[_Candidate], paragraph) -> None:
    """A quotation whose tag stands inside its sentence, after words set off by a comma ("As for the storm, she
    said, “…”"; "Of course, Ann Lee said: “…”"; "There was, she said, “a deal”"), has those words for the first
    part of its content, as PolNeAR marks it: the tag interrupts what is reported. Only when the tag (the cue
    and the source right before it) follows the comma directly, the quotation follows the tag after at most a
    comma or colon in the same sentence, and no other row holds a word of the lead or a quotation mark is in it;
    a lead that tells when, where or how it was said ("On Monday,", "Holding open a book,", "A few minutes
    later,") is the tag's, not the content's (:func:`_tells_how_it_was_said`)."""
    bounds = paragraph.quote_bounds
    for c in accepted:
        lo, hi = c.content
        if lo <= c.last or not any(q_first == lo for q_first, _ in bounds):
            continue  # the content does not open with a quotation after the cue
        if any(paragraph.low[i] not in (",", ":") for i in range(c.last + 1, lo)) or lo - c.last > 2:
            continue
        tag_start = c.first
        if c.source is not None and c.source[1] == c.first - 1:
            tag_start = c.source[0]
        elif c.source is not None:
            continue  # the source stands elsewhere ('“…,” Ann Lee said, “…”' is an interrupted quotation)
        comma = tag_start - 1
        sentence = paragraph.sentence[c.first]
        if comma < 1 or paragraph.low[comma] != "," or paragraph.sentence[comma] != sentence \
                or paragraph.sentence[lo] != sentence:
            continue
        start = comma
        while start > 0 and paragraph.sentence[start - 1] == sentence:
            start -= 1
        lead = range(start, comma)
        if _tells_how_it_was_said(paragraph, start, comma):
            continue  # "On Monday, the mayor said, “…”": when, where or how it was said is not what was said
        if LINKING_LEAD_IS_THE_WRITERS and _linking_lead(paragraph, start, comma):
            continue  # "But, he noted, “…”": the link to the sentence before is the writer's
        if not any(paragraph.low[i][0].isalnum() for i in lead) \
                or any(paragraph.quote[i] >= 0 or paragraph.low[i] in _QUOTE_WORDS for i in lead):
            continue
        if any(o is not c and (o.content[0] < comma and start <= o.content[1] or start <= o.first < comma
                               or o.source is not None and o.source[0] < comma and start <= o.source[1])
               for o in accepted):
            continue
        c.content = (start, hi)
        c.note = "; the words before its tag in the sentence open the content (the tag interrupts what is reported)"


ONE_CUE_PER_QUOTATION = True


def _one_cue_per_quotation(accepted: list[_Candidate], paragraph) -> None:
    """One quotation is one speaker's words: when several cues outside a quotation each have a content wholly
    inside it (a long quotation that the role model cut into sentences, one given to the colon before it and
    one to a bracketed "[Gallup.]" after it), the surest keeps it and the others give no row. The whole
    quotation is then its content (:func:`_snap_to_quotations`)."""
    dropped = set()
    for q_first, q_last in paragraph.quote_bounds:
        if q_first < 0:
            continue
        inside = [c for c in accepted if q_first <= c.content[0] and c.content[1] <= q_last
                  and not (q_first <= c.first <= q_last)]
        if len(inside) < 2:
            continue
        # A cue with a source of words ("Carl Bialik: “…”") before one without ("… [538.]"), then the surer.
        keep = max(inside, key=lambda c: (c.source is not None and any(
            paragraph.low[i][0].isalnum() for i in range(c.source[0], c.source[1] + 1)), c.score))
        dropped |= {id(c) for c in inside if c is not keep}
    accepted[:] = [c for c in accepted if id(c) not in dropped]


def _snap_to_quotations(accepted: list[_Candidate], paragraph) -> None:
    """A content that reaches into a quotation the cue is not part of takes the whole quotation
    (the role model sees the cue's sentence and its neighbours; a quotation may run over more)."""
    bounds = paragraph.quote_bounds
    for c in accepted:
        lo, hi = c.content
        quoted = {paragraph.quote[i] for i in range(lo, hi + 1) if paragraph.quote[i] >= 0}
        for q in sorted(quoted):
            q_first, q_last = bounds[q]
            if q_first <= c.first <= q_last:
                continue  # the cue is inside this quotation
            new_lo, new_hi = min(lo, q_first), max(hi, q_last)
            if new_lo <= c.last and c.first <= new_hi and not (lo <= c.last and c.first <= hi):
                continue  # never stretch a content over its own cue
            others = [(o.content, o.first, o.last) for o in accepted if o is not c]
            if any(a <= new_hi and new_lo <= b or new_lo <= f <= new_hi for (a, b), f, _ in others):
                continue
            lo, hi = new_lo, new_hi
        c.content = (lo, hi)


#: A cue candidate inside a surer candidate's content is part of that content (nested) when the role model gives
#: its words at least this content probability; otherwise the surer content stops before the cue.
NESTED_MIN_PROBABILITY = 0.2


def _settle(candidates: list[_Candidate], paragraph) -> list[_Candidate]:
    """One attribution per word: the surest candidates first; a cue inside an accepted content or source is
    part of it, and a later content stops where an accepted attribution begins."""
    accepted: list[_Candidate] = []
    taken: set[int] = set()
    sources: set[int] = set()
    content_owner: dict[int, _Candidate] = {}
    # Cues found by form come after the model's: inside a content the model found they are part of it.
    for c in sorted(candidates, key=lambda c: (c.by_form, -c.score)):
        cue_words = set(range(c.first, c.last + 1))
        if cue_words & taken:
            owner = next((content_owner[i] for i in cue_words if i in content_owner), None)
            if owner is None or c.by_form \
                    or min(owner.roles.content_of.get(i, 0.0) for i in cue_words) >= NESTED_MIN_PROBABILITY:
                continue  # nested: this cue is part of what the surer one reports (a cue found by form never cuts it)
            # The surer content ran over this cue by little: it stops before it.
            lo_o, hi_o = owner.content
            if c.first > owner.last:
                hi_o = c.first - 1
                while hi_o > lo_o and not paragraph.low[hi_o][0].isalnum():
                    hi_o -= 1
            else:
                lo_o = c.last + 1
            freed = set(range(owner.content[0], owner.content[1] + 1)) - set(range(lo_o, hi_o + 1))
            if hi_o < lo_o or freed & sources:
                continue
            owner.content = (lo_o, hi_o)
            taken -= freed
            for i in freed:
                content_owner.pop(i, None)
        lo, hi = c.roles.content
        # Shrink the content towards the cue until it holds no word already taken.
        if c.last < lo:
            hi = next((i - 1 for i in range(lo, hi + 1) if i in taken), hi)
        elif hi < c.first:
            lo = next((i + 1 for i in range(hi, lo - 1, -1) if i in taken), lo)
        else:
            left = next((i + 1 for i in range(c.first - 1, lo - 1, -1) if i in taken), lo)
            right = next((i - 1 for i in range(c.last + 1, hi + 1) if i in taken), hi)
            lo, hi = left, right
        if hi < lo or (lo == c.first and hi == c.last):
            continue
        source = c.roles.source
        if source is not None and set(range(source[0], source[1] + 1)) & (taken - sources):
            # "… said that fares would rise, and analysts suggest …": a source right before its cue at the
            # end of an earlier content is this cue's; the earlier content gives it back.
            earlier = next((a for a in accepted if a.content[0] <= source[0] and source[1] == a.content[1]
                            and source[1] < c.first and a.last < source[0]), None)
            if earlier is not None and source[0] - 1 > earlier.content[0]:
                end = source[0] - 1
                while end > earlier.content[0] and (not paragraph.low[end][0].isalnum()
                                                    or paragraph.low[end] in ("and", "but", "while", "as", "or")):
                    end -= 1
                taken -= set(range(end + 1, earlier.content[1] + 1))
                for i in range(end + 1, earlier.content[1] + 1):
                    content_owner.pop(i, None)
                earlier.content = (earlier.content[0], end)
            else:
                source = None
        c.content, c.source = (lo, hi), source
        accepted.append(c)
        taken |= cue_words | set(range(lo, hi + 1))
        for i in range(lo, hi + 1):
            content_owner[i] = c
        if source is not None:
            taken |= set(range(source[0], source[1] + 1))
            sources |= set(range(source[0], source[1] + 1))
    _coordinated_sources(accepted, paragraph)
    # A source shared by several cues ("X said …, telling …") belongs to the cue the model is surest of; the
    # others' rows say so (and point at the same span, as PolNeAR gives the source to each of its cues).
    owner: dict[tuple[int, int], _Candidate] = {}
    for c in accepted:
        if c.source is not None and (c.source not in owner or c.roles.source_probability > owner[c.source].roles.source_probability):
            owner[c.source] = c
    for c in accepted:
        c.shared_source = c.source is not None and owner[c.source] is not c
    return accepted


_BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "am"}
_PASSIVE_ADVERBS = {"not", "n't", "also", "still", "often", "well", "best", "better", "widely", "long", "first", "never",
                    "now", "already", "even", "once", "since", "so", "too", "much", "more", "most", "less"}
SUBJECT_ROLES = ("raising", "experiencer", "participle")


@lru_cache(maxsize=1)
def load_subject_roles() -> pd.DataFrame:
    """What a verb's subject is (``data/subject_roles.csv``): columns ``term, forms, role, note, source``.

    ``raising`` verbs ("seem", "appear") and ``experiencer`` participles ("worried", "convinced": the subject
    of the passive feels or holds the attitude) tell when the subject before a cue is its source;
    ``participle`` rows are the irregular past participles the "-ed" rule misses ("told", "known").

    Raises
    ------
    ValueError
        Naming the file and row of an unknown role or a row without a source.
    """
    return _read_sourced_table("subject_roles.csv", ["term", "forms", "role", "note", "source"], "role", SUBJECT_ROLES)


@lru_cache(maxsize=1)
def _subject_role_forms() -> dict[str, frozenset]:
    table = load_subject_roles()
    return {role: frozenset(f for fs in table.loc[table["role"].eq(role), "forms"] for f in fs.split("|"))
            for role in SUBJECT_ROLES}


def _participle(word: str) -> bool:
    return word in _subject_role_forms()["participle"] or (len(word) > 3 and word.endswith("ed"))


def _subject_not_source(paragraph, c) -> str:
    """Why the source the role model put before a cue is no source, or "": the subject of a passive of a verb
    whose subject is not its experiencer ("Roof is accused of …", "Trump is expected to …", "she was asked if …";
    "Some are concerned" keeps it), or of a raising verb with no other verb after it ("Mr. Putin seemed …")."""
    if c.source[1] >= c.first or paragraph.sentence[c.source[1]] != paragraph.sentence[c.first]:
        return ""
    modifier = _modifier_before_noun(paragraph, c)
    if modifier:
        return modifier
    return _passive_or_raising(paragraph, c.source[1] + 1, c.first, c.last)


#: Endings of English adjectives (comparative, superlative, participial and derivational: Quirk et al. 1985,
#: A Comprehensive Grammar of the English Language, App. I.35-I.44).
_ADJECTIVE_ENDINGS = ("er", "est", "ed", "ing", "al", "ive", "ous", "ful", "ic", "ent", "ant", "able", "ible", "ary", "less")


def _modifier_before_noun(paragraph, c) -> str:
    """Why a one-word source right before the cue is no subject, or "": a word with an adjective's ending and no
    determiner before it, before a cue that opens with a word that can be a plural noun, is that noun's modifier
    ("provide clearer signals on whether …", "mixed signals") or a verb taking it as object ("drawing
    complaints"); "the reporter claims" keeps its source."""
    lo, hi = c.source
    low, shape = paragraph.low, paragraph.shape
    if lo != hi or hi != c.first - 1 or shape[lo] != "x" or not low[c.first].endswith("s") or low[c.first].endswith("ss"):
        return ""
    if not low[lo].endswith(_ADJECTIVE_ENDINGS) or low[lo] in _QUANTIFIER_SUBJECTS | _SUBJECT_PRONOUNS:
        return ""  # "neither takes"
    if lo > 0 and paragraph.sentence[lo - 1] == paragraph.sentence[lo] and low[lo - 1] in _NP_OPENERS:
        return ""  # "the reporter claims", "one observer warns": a noun after its determiner
    return (f"'{paragraph.words[lo][2]}' is no subject (an adjective or verb form by its ending) before "
            f"'{paragraph.words[c.first][2]}', a plural noun here")


def _passive_or_raising(paragraph, after: int, first: int, last: int) -> str:
    """Why the subject before the cue on words ``first .. last`` is not its source (see
    :func:`_subject_not_source`), looking for auxiliaries from word ``after`` on; "" when it may be."""
    low = paragraph.low
    cue = low[first:last + 1]
    raising = next((k for k, w in enumerate(cue) if w in _subject_role_forms()["raising"]), None)
    if raising is not None and all(w in ("to", "be") or _adverb(w) or _participle(w) for w in cue[raising + 1:]):
        # "Mr. Putin seemed …": the writer's judgement. With a verb after it ("X appeared to promote") the
        # subject is that verb's.
        return f"'{cue[raising]}' is a raising verb: its subject is not the one who judges"
    # The passive must be the cue's own verb: only auxiliaries and adverbs before it in the cue ("Trump has
    # long been accused"), not another verb ("she opened up about being described").
    i = max(after, first - 2)
    while i < first and low[i] not in _BE_FORMS:
        i += 1
    while i <= last and low[i] not in _BE_FORMS and (low[i] in _AUXILIARIES or _adverb(low[i])):
        i += 1
    if i > last or low[i] not in _BE_FORMS:
        return ""
    k = i + 1
    while k <= last and (_adverb(low[k]) or low[k] in _BE_FORMS):
        k += 1
    if first <= k <= last and _participle(low[k]) and low[k] not in _subject_role_forms()["experiencer"]:
        return f"the subject of the passive '{' '.join(paragraph.words[j][2] for j in range(i, k + 1))}' is not its source"
    return ""


#: A verb cue left with no source takes the subject right before it when its form says it is one
#: (:func:`_subject_before`; chosen on the check part of PolNeAR train; False turns it off).
SUBJECT_FALLBACK = True
_QUANTIFIER_SUBJECTS = {"some", "many", "several", "others", "both", "most", "few", "all", "one", "each", "either",
                        "neither", "none", "nobody", "everyone", "everybody", "someone", "somebody", "anyone"}
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "who", "you"}
_SUBJECT_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
                        "those", "some", "many", "several", "most", "other", "both", "all", "two", "three"}
_TITLES_BEFORE_DOT = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "lt", "col", "sgt", "capt", "prof"}


def _name_ending_at(paragraph, e: int) -> tuple[int, int] | None:
    """The capitalised name ending at word ``e`` ("Sen. Ann Lee": a title before its full stop too), or None when
    word ``e`` is no name by form (lower case, a function word, a verb form such as "Asked")."""
    low, shape = paragraph.low, paragraph.shape
    if shape[e] not in ("X", "XX") or low[e] in _NOT_A_NAME or low[e].endswith(("ing", "ed")):
        return None
    lo = e
    while lo > 0 and paragraph.sentence[lo - 1] == paragraph.sentence[e] and (
            shape[lo - 1] in ("X", "XX") and low[lo - 1] not in _NOT_A_NAME
            or (low[lo - 1] == "." and lo > 1 and low[lo - 2] in _TITLES_BEFORE_DOT)):
        lo -= 2 if low[lo - 1] == "." else 1
    return (lo, e)


def _subject_before(paragraph, c) -> tuple[int, int] | None:
    """For a verb cue with no source, the subject right before it (after its auxiliaries and adverbs) when its
    form says so: a personal pronoun, "some"/"many"/"others" alone, a capitalised name, or a determiner and up to
    three nouns ("the kingdom hopes", "his first videos show"); None for a passive or raising cue."""
    low, shape = paragraph.low, paragraph.shape
    head = next((w for w in low[c.first:c.last + 1] if w not in _AUXILIARIES and not _adverb(w)), "")
    if not (head in _report_verb_forms() or head in _cue_verb_forms() or head in _subject_role_forms()["raising"]):
        return None  # the cue opens with its verb: "Many speculated", not "her own litany of questions about"
    if c.first == 0 or _passive_or_raising(paragraph, c.first - 2, c.first, c.last):
        return None
    if head.endswith("ed") and head == low[c.first] and c.first + 1 < paragraph.n and low[c.first + 1] in ("of", "as", "by"):
        return None  # a participle after a noun, "others accused of spying", "a group known as": no subject
    e = c.first - 1
    while e >= 0 and (low[e] in _AUXILIARIES or low[e] == "n't"
                      or (_adverb(low[e]) and low[e] not in ("so", "since", "once", "more", "most", "less", "much", "too"))):
        e -= 1  # "Most say", "once said": conjunctions and quantifiers are no adverbs here
    if e < 0 or paragraph.sentence[e] != paragraph.sentence[c.first] or paragraph.quote[e] >= 0:
        return None
    opener = e == 0 or paragraph.sentence[e - 1] != paragraph.sentence[e] or shape[e - 1] in (",", ";", ":", "—", "–", "-") \
        or low[e - 1] in ("and", "but", "while", "as", "because", "that", "if", "when", "though", "although")
    if low[e] in _SUBJECT_PRONOUNS or (low[e] in _QUANTIFIER_SUBJECTS and opener):
        return (e, e)
    name = _name_ending_at(paragraph, e)
    if name is not None:
        return name
    if shape[e] == "x" and low[e].isalpha() and not _participle(low[e]) and not low[e].endswith("ing") \
            and low[e] not in _NOT_A_NAME:
        for lo in range(e - 1, max(-1, e - 4), -1):
            if paragraph.sentence[lo] != paragraph.sentence[e] or shape[lo] != "x" and shape[lo] not in ("X", "XX"):
                break
            if low[lo] in _SUBJECT_DETERMINERS:
                return (lo, e)
            if not low[lo].isalpha() or low[lo] in _NOT_A_NAME or low[lo] in _report_verb_forms():
                break
    return None


_NOT_A_NAME = {"yet", "but", "and", "so", "still", "however", "meanwhile", "instead", "then", "now", "also", "in", "on",
               "at", "for", "of", "the", "a", "an", "this", "that", "it", "there", "here", "when", "while", "after",
               "before", "as", "if", "although", "by", "with", "from", "to", "into", "during", "under", "over", "among",
               "through", "about", "against", "between", "without", "within", "across", "along", "such", "these",
               "those", "its", "their", "his", "her", "what", "which", "where", "why", "how", "not", "just", "only",
               "even", "today", "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could",
               "may", "might", "must", "should", "do", "does", "did", "said", "says", "say"}


@lru_cache(maxsize=1)
def _cue_verb_forms() -> frozenset:
    """The forms of the thought, intention and finding verbs of ``data/cue_kinds.csv``."""
    table = load_cue_kinds()
    return frozenset(f for fs in table.loc[table["cue_kind"].isin(["thought", "finding"]), "forms"] for f in str(fs).split("|"))


#: A source inside a clause set off right before the cue gives way to the subject before it (chosen on the check part).
SUBJECT_BEFORE_INTERRUPTION = True
_DELIMITERS = {",", "-", "—", "–", "--"}


def _noun_phrase_ending_at(paragraph, e: int) -> tuple[int, int] | None:
    """The noun phrase by form that ends at word ``e``: a personal pronoun, a capitalised name (with its title), or
    a determiner and up to three nouns; None for anything else."""
    low, shape = paragraph.low, paragraph.shape
    if e < 0:
        return None
    if low[e] in _SUBJECT_PRONOUNS:
        return (e, e)
    name = _name_ending_at(paragraph, e)
    if name is not None:
        lo = name[0]
        if lo > 0 and paragraph.sentence[lo - 1] == paragraph.sentence[e] and low[lo - 1] in _SUBJECT_DETERMINERS:
            lo -= 1  # "the Huffington Post"
        return (lo, e)
    if shape[e] == "x" and low[e].isalpha() and not low[e].endswith(_NOT_NOUN_ENDINGS) and low[e] not in _NOT_A_NAME:
        for lo in range(e - 1, max(-1, e - 4), -1):
            if paragraph.sentence[lo] != paragraph.sentence[e] or not low[lo].isalpha():
                break
            if low[lo] in _SUBJECT_DETERMINERS:
                return (lo, e)
            if low[lo] in _NOT_A_NAME or low[lo] in _report_verb_forms():
                break
    return None


def _subject_before_interruption(paragraph, c) -> tuple[int, int] | None:
    """For a cue right after a comma or dash whose source the role model found inside the clause that comma or
    dash closes ("Trump, the party's frontrunner after winning the primaries, said"; "Mr. Bush - in a line aimed
    at Mr. Trump - declared"), the noun phrase right before the clause opens; None otherwise."""
    low = paragraph.low
    k = c.first - 1
    if k < 1 or low[k] not in _DELIMITERS or not (c.source[1] < k):
        return None
    if any(low[i] == low[k] for i in range(c.source[0], c.source[1] + 1)):
        return None  # "Ann Lee, a senator, said": the source already holds its appositive
    if low[c.first].endswith("ing") or low[c.first] == "to":
        return None  # "Trump dismissed Walker as weak, arguing …": a participle after its main clause, no interruption
    j = next((i for i in range(c.source[0] - 1, -1, -1)
              if paragraph.sentence[i] != paragraph.sentence[k] or low[i] == low[k] or low[i] in (".", ";", ":")), None)
    if j is None or paragraph.sentence[j] != paragraph.sentence[k] or low[j] != low[k] or c.source[0] <= j + 1:
        return None  # the source opens the clause ("…, Ann Lee of Ohio, said"): it is the subject itself
    return _noun_phrase_ending_at(paragraph, j - 1)


#: A cue right after a possessive ("his remarks indicated") has the possessor for its source (chosen on the check part).
POSSESSOR_SOURCE = True
_POSSESSIVE = re.compile(r"^[A-Z][\w\-]*[’']s?$")


def _possessor_before(paragraph, c) -> tuple[int, int] | None:
    """The possessive right before a cue, which makes the cue a noun whose agent it names ("his remarks indicated",
    "Lee's claim that …", "their decision"), as one word range; None when there is none."""
    k = c.first - 1
    if k < 0 or paragraph.sentence[k] != paragraph.sentence[c.first] or paragraph.quote[k] >= 0:
        return None
    if paragraph.low[k] in ("his", "her", "their", "our", "my") or _POSSESSIVE.match(paragraph.words[k][2]):
        return (k, k)
    return None


#: A cue that opens with its subject ("surveys suggest") gives it to the source (chosen on the check part).
SUBJECT_IN_CUE = True
_CLITIC = re.compile(r"^(.+?)[’'](?:s|ve|re|d|ll)$")
_NOT_NOUN_ENDINGS = ("ed", "ing", "al", "ive", "ous", "ful", "ic", "ible", "able", "est")


def _subject_in_cue(paragraph, c) -> tuple[tuple[int, int], int] | None:
    """``(source word range, first verb word)`` when the cue model's cue opens with its subject before a verb of
    the cue lists: a personal pronoun with its auxiliary ("she’s protesting", "who's called for"), or a noun
    phrase by form — capitalised words that are no verb form ("Politico reported"), a plural ("surveys
    suggest", "advisers say") or a noun after a determiner just before the cue ("the court announced"), with
    the determiner before the cue; None otherwise, and for a passive or raising verb."""
    low, shape = paragraph.low, paragraph.shape
    forms = _report_verb_forms() | _cue_verb_forms()
    v = next((k for k in range(c.first, c.last + 1) if low[k] in forms), None)
    if v is None:
        return None
    clitic = _CLITIC.match(low[c.first])
    if v == c.first + 1 and clitic and clitic.group(1) in _SUBJECT_PRONOUNS:
        subject = (c.first, c.first)
    elif v == c.first or any(low[k] in _AUXILIARIES or _adverb(low[k]) for k in range(c.first, v)):
        return None
    else:
        lead = range(c.first, v)
        before = low[c.first - 1] if c.first > 0 and paragraph.sentence[c.first - 1] == paragraph.sentence[c.first] else ""
        capitalised = all(shape[k] in ("X", "XX") and low[k] not in _NOT_A_NAME and low[k] not in forms
                          and not low[k].endswith(("ing", "ed")) for k in lead)
        one = low[c.first] if len(lead) == 1 and shape[c.first] == "x" and low[c.first].isalpha() else ""
        plural = one.endswith("s") and not one.endswith("ss") and one not in forms
        # "the court announced", not "an impassioned call for" (an adjective, and then a noun "call")
        after_determiner = bool(one) and before in _SUBJECT_DETERMINERS and not one.endswith(_NOT_NOUN_ENDINGS)
        if low[c.first] in _QUANTIFIER_SUBJECTS | _SUBJECT_PRONOUNS and v == c.first + 1:
            capitalised = True  # "both vowed"
        if not (capitalised or plural or after_determiner):
            return None
        lo = c.first - 1 if before in _SUBJECT_DETERMINERS else c.first
        if c.source is not None and lo - 1 <= c.source[1] < c.first:
            lo = min(lo, c.source[0])  # the role model found the subject's first words: "Zoe" + "Saldana revealed"
        elif c.source is not None and c.source[1] < c.first and not (capitalised or plural):
            return None  # "People briefed on the situation say": the role model's subject stands
        subject = (lo, v - 1)
    if _passive_or_raising(paragraph, v, v, c.last):
        return None
    return subject, v


def _adverb(word: str) -> bool:
    return word in _PASSIVE_ADVERBS or (word.endswith("ly") and len(word) > 4)


def _coordinated_sources(accepted: list[_Candidate], paragraph) -> None:
    """A cue with no source of its own right after "and", "but" or "or" that joins it to an earlier cue of
    its sentence ("Ann Lee praised the plan and urged the council to …") has that cue's source."""
    for c in accepted:
        if c.source is not None or c.first == 0 or paragraph.low[c.first - 1] not in ("and", "but", "or"):
            continue
        earlier = [o for o in accepted if o is not c and o.source is not None and o.last < c.first
                   and o.source[1] < o.first and paragraph.sentence[o.source[0]] == paragraph.sentence[c.first]]
        if earlier:
            nearest = max(earlier, key=lambda o: o.last)
            c.source = nearest.source
            joined = " ".join(paragraph.words[k][2] for k in range(nearest.first, nearest.last + 1))
            c.source_note = f"that of the earlier cue '{joined}' it is joined to by '{paragraph.low[c.first - 1]}'"


def _classify_source(region: str, masked: str, s_start: int, s_end: int, bounds: dict, sentence_of, state: _DocState):
    """``speaker, speaker_kind, source_resolved, how`` of a source span the role model found."""
    phrase = region[s_start:s_end]
    sid = sentence_of(s_start)
    sentence_start = bounds.get(sid, (0, 0))[0]
    kind = classify_speaker(phrase, sentence_initial=s_start == sentence_start)
    if kind == "pronoun" or phrase.lower() in ("who", "which"):
        pronoun = phrase.lower()
        resolved = _resolve_pronoun(pronoun if pronoun in _PRONOUNS else "they", state, masked, sentence_start, s_start) \
            if pronoun in _PRONOUNS else _antecedent(region, s_start, sentence_start)
        if resolved:
            return resolved, "named", resolved, f"pronoun '{phrase}' resolved to {resolved}"
        return phrase, "vague", "", f"pronoun '{phrase}' not resolved"
    if kind == "named":
        resolved = _resolve_surname(phrase, state)
        state.named.append(phrase)
        return phrase, "named", resolved, (f"surname resolved to {resolved}" if resolved else "a name")
    if kind in ("vague", "author"):
        return phrase, kind, "", f"{kind} source"
    return phrase, "other", "", "a noun phrase"


def _agentless(region: str, c_start: int, c_end: int) -> tuple[str, str] | None:
    """For a cue with no source: the vague-source phrase of ``data/vague_sources.csv`` it belongs to
    ("it is widely believed", "reportedly"), as ``(phrase, why)``, or None."""
    patterns = _lexicon()[4]
    lo, hi = max(0, c_start - 40), min(len(region), c_end + 40)
    for pattern, kind, term in patterns:
        for match in pattern.finditer(region, lo, hi):
            if match.start() < c_end and c_start < match.end():
                return region[match.start():match.end()].strip(), f"{_PATTERN_RULE[kind]} ({term})"
    return None


def _antecedent(region: str, pos: int, sentence_start: int) -> str:
    """The name a relative pronoun ("…, who said") refers to: the name phrase just before it."""
    names = _NAME.findall(region[sentence_start:pos])
    return names[-1] if names else ""
