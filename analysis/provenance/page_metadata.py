"""What a page prints about itself: bylines, agency credits and relative dates, read from the form of the line.

:mod:`analysis.provenance.publication` turns these into provenance evidence. The
rules describe common shapes of news pages in general (style guides' byline and
credit-line forms, CMS post meta), never phrases of particular articles:

* **bylines** (:func:`parse_byline`): ``By <name>``, several names (``By A and
  B``, ``By A, B and C``), then what follows a separator (``,``, ``|``, ``/``,
  ``•``, ``·``, a dash, ``for``): an outlet (``By Jane Okafor, Coastal Times``,
  ``By Jane Okafor for Coastal Times``), a role (``By Jane Okafor | Senior
  Correspondent``, ``Staff Writer at Coastal Times``), a news agency (``By Jane
  Okafor, Reuters``) or a web address (``By Staff Writer | https://…``, the line
  ``add`` writes). A byline that credits a role and no person (``By Staff
  Writer``, ``By the Editorial Board``) names no author. Roles, generic credits
  and agencies are listed in ``data/byline_terms.csv`` with their sources; a
  later part is another author only when its first word is a first name
  (gender-guesser's list) and it has two to four capitalised words.
* **agency credits** (:func:`agency_credits`): a dateline's ``(Reuters)`` or
  ``(AP)``, and a short line or line end crediting an agency (``— AFP``,
  ``Reporting by …``-style credit lines are bylines).
* **relative dates** (:func:`relative_dates`, :func:`counted_back`): ``5 hours
  ago``, ``3 days ago``, ``a week ago``, resolved only against a capture date, and
  only as precisely as the count allows.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR

BYLINE_TERMS_FILE = PACKAGE_DATA_DIR / "byline_terms.csv"
#: A byline is a short line: at most this many words.
MAX_BYLINE_WORDS = 25

#: A date or time printed before the byline ("11/19/2019 by …", "November 12, 2018 | BY: …").
_LEADING_DATE = (r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
                 r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4})(?:,?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*[|•·\-–—]?\s*")
_BY = re.compile(r"^\s*(?:" + _LEADING_DATE + r")?(?:(?:written|words|story|text|reporting|report|reported|posted|analysis|"
                 r"opinion|commentary|interview|column|photos?|video)\s+)?by\s*:?\s+(?=\S)", re.IGNORECASE)
# Separators between the parts of a byline. " I " is a pipe some pages print as a capital I.
_SEPARATOR = re.compile(r"\s*(?:[|•·;]|\s/\s|,(?!\s*(?:Jr|Sr)\b)|\s[-–—]\s|\s[Il]\s|\s+(?=for\s))\s*")
#: Credits of other work than writing ("Editing by …", "Additional reporting by …"): not the byline's authors.
_OTHER_CREDIT = re.compile(r"^(?:(?:additional\s+)?(?:editing|edited|reporting|research|graphics|photos?|video|illustrations?|writing)\s+by|with)\b", re.IGNORECASE)
_PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "el", "la", "le", "ul", "y", "dos", "das"}
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'\-.]*|[A-Z]\.)$")
_ADDRESS = re.compile(r"^(?:https?://\S+|www\.\S+|[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,}(?:/\S*)?)$", re.IGNORECASE)
_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@dataclass(frozen=True)
class BylinePart:
    """One piece of a byline: what it is and where it is in the line."""

    kind: str  # author | outlet | role | agency | credit (a generic credit that names no person)
    value: str
    start: int
    end: int


@lru_cache(maxsize=1)
def load_byline_terms() -> pd.DataFrame:
    """``data/byline_terms.csv``: ``kind`` (role, credit, agency), ``term``, ``canonical`` (an agency's name), ``source``."""
    table = pd.read_csv(BYLINE_TERMS_FILE, dtype="string", keep_default_na=False)
    expected = ["kind", "term", "canonical", "source"]
    if list(table.columns) != expected:
        raise ValueError(f"{BYLINE_TERMS_FILE}: expected columns {expected}, found {list(table.columns)}")
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if row.kind not in {"role", "credit", "agency"}:
            raise ValueError(f"{BYLINE_TERMS_FILE}: line {line}: kind {row.kind!r} is not role, credit or agency")
        if not row.source:
            raise ValueError(f"{BYLINE_TERMS_FILE}: line {line} ({row.term}) has no source")
        if row.kind == "agency" and not row.canonical:
            raise ValueError(f"{BYLINE_TERMS_FILE}: line {line} ({row.term}): an agency needs its canonical name")
    return table


@lru_cache(maxsize=1)
def _terms() -> tuple[frozenset[str], frozenset[str], dict[str, str], re.Pattern]:
    table = load_byline_terms()
    roles = frozenset(table.loc[table["kind"].eq("role"), "term"].str.casefold())
    credits = frozenset(table.loc[table["kind"].eq("credit"), "term"].str.casefold())
    agencies = {term: canonical for term, canonical in
                table.loc[table["kind"].eq("agency"), ["term", "canonical"]].itertuples(index=False)}
    # Agencies are matched as printed (case-sensitive: "AP" is an agency, "ap" is not), longest first.
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(agencies, key=len, reverse=True)) + r")(?![\w-])")
    return roles, credits, agencies, pattern


def agency_name(text: str) -> str | None:
    """The canonical name of the news agency ``text`` is (as printed, whole), or None."""
    _, _, agencies, _ = _terms()
    return agencies.get(" ".join(text.split()).removeprefix("the ").strip())


def _is_role(text: str) -> bool:
    roles, _, _, _ = _terms()
    words = [part.casefold() for w in _WORD.findall(text) for part in w.split("-")]  # "Editor-at-large"
    folded = " ".join(words)
    return any(word in roles or word.rstrip("s") in roles for word in words) or any(
        " " in role and f" {role} " in f" {folded} " for role in roles)


def _is_credit(text: str) -> bool:
    """A generic credit ("Staff Writer", "the Editorial Board"), also after an outlet's name ("Harbour Herald Staff")."""
    _, credits, _, _ = _terms()
    words = [w.casefold() for w in _WORD.findall(text)]
    return " ".join(words) in credits or (len(words) <= 6 and bool(words) and words[-1] in {"staff", "desk", "newsroom"})


def looks_like_name(text: str, need_first_name: bool = False) -> bool:
    """Two to four capitalised words (particles such as "de" or "al" allowed), no digit; with
    ``need_first_name`` the first word must also be a first name on gender-guesser's list."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or _DIGITS.search(text):
        return False
    capitalised = [t for t in tokens if t.lower() not in _PARTICLES]
    if not 2 <= len(capitalised) <= 4 or not all(_NAME_TOKEN.match(t) for t in capitalised):
        return False
    if any(t.rstrip(".,").casefold() in _NOT_A_NAME for t in capitalised):
        return False
    if need_first_name:
        from analysis.provenance.named_actors import first_name_gender

        return bool(first_name_gender(tokens[0].strip(".")))
    return True


_NAME_STOP = re.compile(r"^(?:\d|@|\(|\[|https?:|www\.)|^on$")
#: Words that end the names of a byline though capitalised: dates and post-meta verbs ("By Jane Okafor Updated Nov 3").
_NOT_A_NAME = frozenset(
    [name.casefold() for name in calendar.month_name[1:] + calendar.month_abbr[1:] + calendar.day_name[:] + calendar.day_abbr[:]]
    + ["sept", "published", "updated", "posted", "modified", "last"])


def _leading_names(text: str) -> int | None:
    """Where the names at the start of an author slot end, when something else follows them without a
    separator ("Mike Wall 2019-11-18", "Megan Rowe meganr@example.org", "Jane Okafor on March 3"), else None."""
    position = 0
    end = None
    for match in re.finditer(r"\S+", text):
        token = match.group()
        if ("@" in token or _NAME_STOP.match(token) or token.rstrip(".,").casefold() in _NOT_A_NAME
                or (token.lower() == "on" and re.search(r"\d", text[match.end():match.end() + 20]))):
            return end if end is not None and looks_like_name(text[position:end].split(" and ")[0]) else None
        if not (_NAME_TOKEN.match(token) or token.lower() in _PARTICLES or token in ("and", "&")):
            return None
        end = match.end()
    return None


def _split_names(text: str, offset: int) -> list[tuple[str, int, int]]:
    """The names of an author slot ("A", "A and B", "A & B") with their offsets."""
    names = []
    position = 0
    for piece in re.split(r"(\s+(?:and|&)\s+)", text):
        if piece.strip() and not re.fullmatch(r"\s+(?:and|&)\s+", piece):
            lead = len(piece) - len(piece.lstrip())
            names.append((piece.strip(), offset + position + lead, offset + position + lead + len(piece.strip())))
        position += len(piece)
    return names


#: A credit line without "By" ("Jane Okafor, Transport Correspondent") has at most this many words.
MAX_CREDIT_LINE_WORDS = 12


def parse_byline(line: str) -> list[BylinePart] | None:
    """The parts of a byline (see the module docstring), or None when ``line`` is not one.

    Offsets are into ``line``. A part that holds a date (``By Jane Okafor | 3 March
    2020``) or a ``Published …`` note is left to the date rules. A line without
    "By" is a byline only when it is short, starts with names and credits a role
    or an agency after a separator ("Jane Okafor, Transport Correspondent", "Meg
    Lind and Tom Reyes, Associated Press").
    """
    match = _BY.match(line)
    if not match:
        if len(_WORD.findall(line)) > MAX_CREDIT_LINE_WORDS or not re.match(r"\s*[A-Z]", line):
            return None
        parts = _parse_parts(line, len(line) - len(line.lstrip()))
        credited = parts and parts[0].kind == "author" and any(part.kind in ("role", "agency") for part in parts)
        return parts if credited else None
    if len(_WORD.findall(line)) > MAX_BYLINE_WORDS:
        return None
    return _parse_parts(line, match.end())


def _parse_parts(line: str, rest_start: int) -> list[BylinePart] | None:
    """The parts of a byline's text from ``rest_start`` (after "By")."""
    text = line.rstrip()
    pieces, position = [], rest_start
    for separator in _SEPARATOR.finditer(text, rest_start):
        pieces.append((position, separator.start()))
        position = separator.end()
    pieces.append((position, len(text)))
    pieces = [(a, b) for a, b in pieces if text[a:b].strip()]
    if not pieces:
        return None
    _, _, _, agency_pattern = _terms()
    parts: list[BylinePart] = []
    for index, (a, b) in enumerate(pieces):
        piece = text[a:b]
        if index == 0 and piece.lower().startswith("the ") and _is_credit(piece):
            parts.append(BylinePart("credit", piece, a, b))
            continue
        agency = agency_name(piece)
        if agency:
            parts.append(BylinePart("agency", agency, a, b))
        elif _is_credit(piece):
            parts.append(BylinePart("credit", piece, a, b))
        elif index == 0:
            names = _split_names(piece, a)
            if not names or not all(looks_like_name(name) for name, _, _ in names):
                cut = _leading_names(piece)
                if cut is None:
                    return None  # "By contrast, …", "by the end of the year": not a byline
                names = _split_names(piece[:cut], a)
                if not all(looks_like_name(name) for name, _, _ in names):
                    return None
            parts += [BylinePart("author", name, s, e) for name, s, e in names]
        elif _DIGITS.search(piece) or re.match(r"(?:published|updated|posted)\b", piece, re.IGNORECASE):
            continue  # a date or a "Published …" note: the date rules read it
        elif _OTHER_CREDIT.match(piece):
            continue
        elif _ADDRESS.match(piece):
            parts.append(BylinePart("outlet", piece, a, b))
        elif piece.lower().startswith("for "):
            parts.append(BylinePart("outlet", piece[4:].strip(), a + 4 + (len(piece[4:]) - len(piece[4:].lstrip())), b))
        elif _is_role(piece):
            # "Staff Writer at Coastal Times": the role, then the outlet after "at".
            at = re.search(r"\s(?:at|for|of)\s+(?=[A-Z])", piece)
            role_end = a + at.start() if at else b
            for found in agency_pattern.finditer(text, a, role_end):  # "AP Sports Writer": the agency's writer
                parts.append(BylinePart("agency", agency_name(found.group()), found.start(), found.end()))
            parts.append(BylinePart("role", text[a:role_end].strip(), a, role_end))
            if at:
                outlet = piece[at.end():]
                agency = agency_name(outlet)
                parts.append(BylinePart("agency" if agency else "outlet", agency or outlet.strip(), a + at.end(), b))
        elif all(looks_like_name(name, need_first_name=True) for name, _, _ in _split_names(piece, a)):
            parts += [BylinePart("author", name, s, e) for name, s, e in _split_names(piece, a)]
        elif re.match(r"[A-Z0-9]", piece):
            parts.append(BylinePart("outlet", piece.strip(), a, b))
    if not any(part.kind in ("author", "credit", "agency") for part in parts):
        return None
    return parts


def agency_credits(text: str) -> list[tuple[str, int, int]]:
    """News agencies credited in a line: ``(canonical name, start, end)`` offsets into ``text``.

    A dateline's ``WASHINGTON (Reuters) —`` or ``(AP)``, and a line that ends with
    ``— AFP`` or is nothing but an agency's name (a credit line).
    """
    _, _, agencies, pattern = _terms()
    found = []
    for match in re.finditer(r"\((?P<agency>[^()]{2,40})\)\s*[-–—:]", text):
        canonical = agency_name(match.group("agency"))
        if canonical:
            found.append((canonical, match.start("agency"), match.end("agency")))
    stripped = text.strip()
    tail = re.search(r"(?:^|\s[-–—]\s*|^[-–—]\s*)(?P<agency>[^-–—]{2,40}?)\s*$", stripped)
    if tail and not found:
        canonical = agency_name(tail.group("agency"))
        if canonical and (tail.start("agency") == 0 or len(stripped) > len(tail.group("agency")) + 1):
            offset = len(text) - len(text.lstrip())
            found.append((canonical, offset + tail.start("agency"), offset + tail.end("agency")))
    return found


_UNIT = r"(?P<unit>sec(?:ond)?s?|min(?:ute)?s?|mins|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?)"
_RELATIVE = re.compile(r"\b(?P<amount>\d+|an?|one)\s*" + _UNIT + r"\s+ago\b", re.IGNORECASE)


@dataclass(frozen=True)
class RelativeDate:
    """A relative date the page prints ("5 hours ago"): the count, its unit and the offsets."""

    amount: int
    unit: str  # minute | hour | day | week | month | year
    start: int
    end: int


def relative_dates(text: str) -> list[RelativeDate]:
    """Every "<n> <unit> ago" in ``text``."""
    found = []
    for match in _RELATIVE.finditer(text):
        amount = match.group("amount").lower()
        unit = match.group("unit").lower()
        unit = ("minute" if unit.startswith(("sec", "min")) else "hour" if unit.startswith("h")
                else unit.rstrip("s"))
        found.append(RelativeDate(1 if amount in ("a", "an", "one") else int(amount), unit, match.start(), match.end()))
    return found


def counted_back(relative: RelativeDate, capture: date) -> tuple[date, date]:
    """The first and last day the page can have been dated ``relative`` before a capture on ``capture``.

    A page that says "5 hours ago" counts whole units that have passed: the
    publication lies between ``amount`` and ``amount + 1`` units before the
    capture, whose hour is not known (so the capture day itself is one of the days).
    """
    n = relative.amount
    if relative.unit in ("minute", "hour"):
        hours = n / 60 if relative.unit == "minute" else n
        return capture - timedelta(days=int((hours + 1) // 24) + 1), capture - timedelta(days=int(hours // 24))
    if relative.unit in ("day", "week"):
        days = n * (7 if relative.unit == "week" else 1)
        span = 7 if relative.unit == "week" else 1
        return capture - timedelta(days=days + span), capture - timedelta(days=days)
    months = n * (12 if relative.unit == "year" else 1)
    span = 12 if relative.unit == "year" else 1

    def months_before(k: int, last: bool) -> date:
        year, month = divmod(capture.year * 12 + capture.month - 1 - k, 12)
        return date(year, month + 1, calendar.monthrange(year, month + 1)[1] if last else 1)

    return months_before(months + span, last=False), months_before(months, last=True)


def shared_precision(earliest: date, latest: date) -> str:
    """The most precise ISO value both days share: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``""``."""
    if earliest == latest:
        return earliest.isoformat()
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.year}-{earliest.month:02d}"
    if earliest.year == latest.year:
        return f"{earliest.year}"
    return ""
