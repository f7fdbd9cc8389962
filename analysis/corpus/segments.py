"""Split a raw page into ordered segments and tell article body from page furniture.

A segment is one non-blank line of the raw text together with the blank space that
follows it, so the segments of a page tile it exactly: ``"".join(raw[s:e] for s, e
in spans) == raw``. Every later span in the project uses the same raw offsets.

Each segment gets a ``kind`` (``body`` or ``furniture``), a ``label`` (what it is)
and a ``reason`` (why). Decisions come from the segment's own form and wording and
from its place in the page, never from phrases copied out of particular articles:

* form: decoration with no words, a standalone date, bullets, table rows whose
  cells were glued together ("Priority AreaAzerbaijan's Focus"), headings;
* wording: generic web-page cues kept in ``data/furniture_cues.csv`` (advertising
  markers, subscription pitches, share widgets, photo credits, disclaimers);
* place: once the article has ended (author bio, author box, disclaimer or a
  separator late in the page), what follows is sidebar, teaser or footer.

The approach follows shallow-feature boilerplate detection (Kohlschütter et al.
2010; Pomikálek 2011, jusText), reduced to rules a reader can audit.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.config import PACKAGE_DATA_DIR

SEGMENT_COLUMNS = ["seq", "start", "end", "kind", "label", "reason"]

_BULLET = re.compile(r"^\s*(?:[•●▪◦·‣∙\-–*]|\d{1,2}[.)])\s+\S")
_GLUED_CELLS = re.compile(r"[a-z’'][A-Z]")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”)\]]*\s*$")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE = (rf"(?:{_WEEKDAYS},?\s+)?(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
         rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})")
#: A clock time after a date ("at 8:53 am", "- 2:19 pm", "10:43 EST", "01:08 AM").
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?)"
_DATE_LINE = re.compile(
    rf"^{_DATE}(?:,?\s*(?:at\s+|[-–|•·@]\s*)?{_TIME})?$|^{_TIME},?\s*(?:[-–|•·]\s*)?{_DATE}$",
    re.IGNORECASE,
)
#: How long ago a post was published, printed beside it ("5 hours ago", "a day ago").
_RELATIVE_TIME = r"(?:about\s+|over\s+)?(?:\d+|an?|one)\s*(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?)\s+ago"
#: A publication or update line: a verb of the post's meta, then dates, times or a relative time only.
_META_VERB = r"(?:last\s+)?(?:published|updated|posted|modified|first published|originally published)(?:\s+on)?\s*:?"
_DATE_META_LINE = re.compile(
    rf"^(?:{_META_VERB}\s*(?:{_DATE}|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|{_TIME}|{_RELATIVE_TIME}|{_WEEKDAYS}"
    rf"|{_META_VERB}|[,;|/•·\s]|at\b|on\b)+|{_RELATIVE_TIME})$",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"^{_MONTHS}\s+\d{{4}}$", re.IGNORECASE)
_CALENDAR_HEADER = re.compile(r"^(?:MTWTFSS|SMTWTFS|(?:(?:Mo|Tu|We|Th|Fr|Sa|Su)\s*){7}|(?:[MTWFS]\s+){6}[MTWFS])$")
_CALENDAR_ROW = re.compile(r"^[\d\s\u00a0]+$")
#: A Markdown table row as trafilatura writes tables (``| a | b |``) and its header rule (``|---|---|``).
_PIPE_ROW = re.compile(r"^\|.*\|$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$|^\|\s*:?-{3,}:?\s*\|$")
#: Characters a separator rule is drawn with (a line of dots is an ellipsis or a code prompt, not a rule).
_RULE_CHARS = set("-–—_=*~#+•·─━═ .")
_PAGER = re.compile(r"^(?:\d+\s*[-–|·]\s*){2,}\d+\s*$|^(?:\d+\s+){2,}(?:next|»|›)?\s*$", re.IGNORECASE)
_BYLINE = re.compile(
    r"^[Bb]y\s+(?:[A-Z][\w.’'\-]*\s*){1,4}(?:(?:[|/,–—-]|\bI\b|\band\b)\s*(?:[\w.’'\- ]+|https?://\S+))?$"
)
_NAME_LINE = re.compile(r"^(?:[A-Z][a-zà-ÿ’'\-.]+\s+){1,3}[A-Z][a-zà-ÿ’'\-.]+$")
_BIO = re.compile(
    r"^(?:[A-Z][\w.’'\-]+\s+){1,3}is\s+(?:a|an|the)\s+.*\b(?:journalist|analyst|expert|student|writer|"
    r"editor|author|filmmaker|researcher|fellow|professor|lecturer|contributor|correspondent|"
    r"columnist|scholar|reporter|director|consultant|commentator|blogger)s?\b",
)
_SECTION_LABEL = re.compile(r"^[\w&’' ]{1,30}(?:\s+\|\s+[\w&’' ]{1,30})+$")

#: Labels that end the article: what follows them is page tail. A separator rule is
#: not one of them: live blogs, code listings and tables draw rules inside the article.
_END_OF_ARTICLE = {"author_bio", "author_box", "disclaimer", "comment_section"}


@dataclass(frozen=True)
class FurnitureCue:
    label: str
    pattern: re.Pattern[str]
    max_words: int
    needs_reader_address: bool
    hints: tuple[str, ...]  # lower-case strings one of which every line the pattern matches contains (empty: no filter)
    reason: str
    source: str

    def matches(self, text: str, folded: str) -> bool:
        """Whether the cue's pattern matches ``text`` (``folded`` is ``text.lower()``, for the quick hint check)."""
        if self.hints and not any(hint in folded for hint in self.hints):
            return False
        return self.pattern.search(text) is not None


@lru_cache(maxsize=1)
def furniture_cues() -> tuple[FurnitureCue, ...]:
    """The wording cues of ``data/furniture_cues.csv``, compiled, in file order."""
    with open(PACKAGE_DATA_DIR / "furniture_cues.csv", encoding="utf-8", newline="") as handle:
        return tuple(
            FurnitureCue(
                label=row["label"],
                pattern=re.compile(row["pattern"], re.IGNORECASE),
                max_words=int(row["max_words"]),
                needs_reader_address=row["needs_reader_address"] == "yes",
                hints=tuple(hint for hint in row["hints"].split("|") if hint),
                reason=row["reason"],
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        )


# Case-sensitive on purpose: "US" (the country) is not a reader address.
_READER_ADDRESS = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Oo]ur|[Ww]e)\b|^(?:Subscribe|Sign|Support|Choose|Join|Donate|Get|Help)\b")


#: A quotation in curly or straight double quotes: a "you" or "our" inside it is someone else's words.
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")

#: Where a sentence ends inside a line: its closing mark (and quotes), space, then a capital or quote.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])['\"’”)\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")


def _addresses_reader_where_matched(cue: FurnitureCue, text: str) -> bool:
    """Whether a sentence of ``text`` that carries the cue's wording also addresses the reader.

    A pitch asks the reader to act in the sentence that pitches ("Sign up for our
    newsletter"); a paragraph of news that mentions a subscription in one sentence and
    says "you" in another ("... letting you listen for free. Customers without a
    subscription ...") reports on one and stays article text, and so does a report that
    quotes a pitch (asking supporters to "donate $3 to our campaign"): the address
    inside quotation marks is the quoted speaker's, not the page's.
    """
    return any(cue.pattern.search(sentence) and _READER_ADDRESS.search(_QUOTED.sub(" ", sentence))
               for sentence in _SENTENCE_BREAK.split(text))


def line_spans(raw: str) -> list[tuple[int, int]]:
    """Split ``raw`` into spans that each start at a non-blank line and tile the text.

    Leading blank space belongs to the first span, and the blank lines after a
    line belong to that line's span. A text with no visible characters is one span.
    """
    starts: list[int] = []
    position = 0
    for line in raw.splitlines(keepends=True):
        if line.strip():
            starts.append(position)
        position += len(line)
    if not starts:
        return [(0, len(raw))] if raw else []
    starts[0] = 0
    ends = starts[1:] + [len(raw)]
    return list(zip(starts, ends))


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _glued_days(digits: str) -> int:
    """How many consecutive day numbers (1-31) make up ``digits`` exactly ("567891011" -> 7), or 0.

    A month widget copied from a page often loses the cell separators of its rows.
    """
    for first_length in (1, 2):
        first = digits[:first_length]
        if not first or first.startswith("0") or not 1 <= int(first) <= 31:
            continue
        day, position, count = int(first), first_length, 1
        while position < len(digits) and day < 31:
            following = str(day + 1)
            if not digits.startswith(following, position):
                break
            day, position, count = day + 1, position + len(following), count + 1
        if position == len(digits):
            return count
    return 0


def _is_calendar_row(text: str) -> bool:
    """A row of a month widget: 3-7 day numbers (1-31), each one more than the last (4-7 when glued together)."""
    compact = text.replace("\xa0", " ").strip()
    if compact.isascii() and compact.isdigit():
        return 4 <= _glued_days(compact) <= 7
    if not _CALENDAR_ROW.match(text):
        return False
    days = [int(token) for token in text.split()]
    return 3 <= len(days) <= 7 and all(1 <= d <= 31 for d in days) and all(b == a + 1 for a, b in zip(days, days[1:]))


_BYLINE_WITH_SITE = re.compile(r"^[Bb]y\s+(?P<names>[^|]+?)(?:\s+\|\s+(?P<site>.{1,80}))?$")
_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*")


def _is_byline(text: str, words: int) -> bool:
    """A byline: "By" and up to ten words of names (``_BYLINE``), or "By" and several names.

    The second form is the one ``add`` writes from what a page states, and the one
    agencies print: names joined by "and", "&" or commas (``By Ana Ruiz and Li Wei``,
    ``By Ana Ruiz and AP Staff Writer | Coastal Post``), each of one to five words that
    start with a capital letter in any script (``By Вера | …``), optionally followed by
    ``| <site>``. A phrase that starts with "By" but reads as prose has a word in small
    letters ("By Tuesday the vote had …") and is not one.
    """
    if _BYLINE.match(text) and words <= 10:
        return True
    match = _BYLINE_WITH_SITE.match(text)
    if match is None or words > 24 or _SENTENCE_END.search(match["names"]):
        return False
    names = [name for name in _NAME_SEPARATOR.split(match["names"]) if name]
    if not names or len(names) > 6:
        return False
    for name in names:
        tokens = name.split()
        if not 1 <= len(tokens) <= 5 or not all(token[0].isupper() for token in tokens):
            return False
    return True


def _form_label(text: str, words: int | None = None) -> tuple[str, str, str] | None:
    """Furniture recognised from the line's form alone, or None."""
    if not any(ch.isalnum() for ch in text):
        if _PIPE_RULE.match(text):
            return "body", "table_rule", "the header rule of a table (Markdown pipes and dashes)"
        drawn = set(text.replace(" ", ""))
        if len(drawn) <= 2 and len(text) >= 3 and drawn <= _RULE_CHARS and drawn != {"."}:
            return "furniture", "separator", "a rule of repeated punctuation separating page parts"
        return "furniture", "decoration", "no words: decorative characters"
    if _DATE_LINE.match(text):
        return "furniture", "date_banner", "a standalone date line (page date banner, not prose)"
    if len(text) <= 120 and _DATE_META_LINE.match(text) and (any(ch.isdigit() for ch in text) or "ago" in text.lower()):
        return "furniture", "date_line", "a publication or update date line ('Published/Updated …', '5 hours ago')"
    if _CALENDAR_HEADER.match(text) or _is_calendar_row(text):
        return "furniture", "calendar", "calendar widget: weekday initials or rows of day numbers"
    if _PAGER.match(text):
        return "furniture", "pager", "pager: a run of page numbers"
    if _MONTH_YEAR.match(text):
        return "furniture", "archive_link", "a bare month and year (archive widget entry)"
    if _is_byline(text, _word_count(text) if words is None else words):
        return "furniture", "byline", "byline: author credit, not article prose"
    return None


def _cue_label(text: str, words: int | None = None) -> tuple[str, str, str] | None:
    words = _word_count(text) if words is None else words
    folded = text.lower()
    for cue in furniture_cues():
        if words > cue.max_words or not cue.matches(text, folded):
            continue
        if cue.needs_reader_address and words > 4 and not _addresses_reader_where_matched(cue, text):
            continue
        return "furniture", cue.label, cue.reason
    return None


#: A line of a comment thread's own furniture: a commenter line ("12. jdoe says:", "Ana wrote:"),
#: a reply or report link, a like or point count, or a post time ("November 19, 2019 at 6:34 am", "5 hours ago").
_COMMENT_META = re.compile(
    rf"^(?:\d+\.\s+)?\S.{{0,60}}\b(?:says|said|wrote|replied):?$|^(?:reply|report|like|permalink|flag|share)(?:\s+\W?\s*\w+)?$"
    rf"|^\d+\s+(?:points?|likes?|replies|votes?)$|^{_RELATIVE_TIME}$|^{_DATE},?\s*(?:at\s+|[-–|•·@]\s*)?{_TIME}$",
    re.IGNORECASE,
)
#: The lines after a comment-section heading that are read, and how many of them must be a thread's furniture.
_THREAD_WINDOW = 12
_THREAD_MARKS = 3


def _opens_comment_thread(i: int, lines: list[str]) -> bool:
    """Whether the comment-section heading at ``i`` opens a thread of reader comments, read from the form of
    the lines after it (commenter lines, reply links, post times), after some prose of the article.

    A thread longer than the article puts its heading before the middle of the page, where the other
    end-of-article markers are not believed; what follows shows whether it is one.
    """
    from analysis.corpus.line_model import is_prose

    if not any(is_prose(text) for text in lines[:i]):
        return False
    return sum(1 for text in lines[i + 1:i + 1 + _THREAD_WINDOW] if len(text) <= 80 and _COMMENT_META.match(text)) >= _THREAD_MARKS


def rule_decisions(lines: list[str], total_chars: int, starts: list[int],
                   page_tail: bool = True) -> list[tuple[str, str, str] | None]:
    """What the rules prove about each stripped line: its kind, label and reason, or None.

    Form, wording cues, author boxes and bios near the end, section labels, and
    everything after a late end-of-article marker (see the module docstring), or after
    an earlier comment-section heading that opens a thread (:func:`_opens_comment_thread`).
    ``page_tail=False`` (an extractor's output) sets aside the marker but not what
    follows it: the extractor has already cut the page's tail, so what it kept
    after a bio or disclaimer is the article's, and one marker read wrongly must
    not cost the rest of the article.
    """
    n = len(lines)
    word_counts = [_word_count(text) for text in lines]
    decisions: list[tuple[str, str, str] | None] = [
        _form_label(text, words) or _cue_label(text, words) for text, words in zip(lines, word_counts)]

    # Author boxes and bios: only near the end of the page, where they close an article.
    # A page with several bio-like lines profiles people: those are its article, not an author box.
    profiles = sum(1 for text in lines if _BIO.match(text)) >= 3
    for i, text in enumerate(lines):
        if decisions[i] is not None:
            continue
        late = starts[i] >= 0.5 * total_chars
        remaining = n - i - 1
        beside_furniture = any(0 <= j < n and decisions[j] is not None and decisions[j][0] == "furniture" for j in (i - 1, i + 1))
        if late and remaining <= 6 and beside_furniture and not profiles and _BIO.match(text) and word_counts[i] <= 60:
            # A bio alone at the end of plain prose (a columnist's note) stays body.
            decisions[i] = ("furniture", "author_bio", "author biography in the page's author box or footer")
        elif late and _NAME_LINE.match(text) and i + 1 < n and lines[i + 1] == text:
            decisions[i] = ("furniture", "author_box", "author box: the author's name repeated as a widget title")
            decisions[i + 1] = ("furniture", "author_box", "author box: the author's name repeated as a widget title")
        elif _SECTION_LABEL.match(text) and not _SENTENCE_END.search(text):
            decisions[i] = ("furniture", "section_label", "section / genre label (short terms separated by '|')")

    # Place: everything after the first late end-of-article marker is page tail; a comment-section
    # heading ends the article earlier too when the lines after it read as a comment thread.
    tail_from = next(
        (
            i
            for i, decision in enumerate(decisions)
            if decision is not None
            and decision[1] in _END_OF_ARTICLE
            and (starts[i] >= 0.5 * total_chars or (decision[1] == "comment_section" and _opens_comment_thread(i, lines)))
        ),
        None,
    )
    if tail_from is not None and page_tail:
        marker = decisions[tail_from][1].replace("_", " ")
        for i in range(tail_from + 1, n):
            if decisions[i] is None or decisions[i][0] == "body":
                decisions[i] = (
                    "furniture",
                    "page_tail",
                    f"after the end of the article ({marker} at segment {tail_from}): sidebar, teaser or footer",
                )
    return decisions


#: A line above the headline with at most this many words is the page head's menu or label.
_HEAD_MENU_WORDS = 4
#: The headline is looked for among this many open lines before the article's prose.
_HEADLINE_WINDOW = 4
_HEADLINE_END = re.compile(r"[.,;:]['\"’”)\]]*$")


def _reads_as_headline(text: str) -> bool:
    """2-30 words, not ending with a full stop, comma, semicolon or colon."""
    return 2 <= _word_count(text) <= 30 and not _HEADLINE_END.search(text)


def headline_index(lines: list[str], decisions: list[tuple[str, str, str] | None],
                   corpus_counts: list[int] | None = None) -> int | None:
    """The line that is the article's headline, or None.

    Among the last :data:`_HEADLINE_WINDOW` lines the rules leave open before the
    page's main run of prose (its first line included when it reads as a
    headline), the one with the most words of 2-30 words that does not end with a
    full stop, comma or colon, and that no other page of the corpus prints (a
    headline belongs to one article); ties go to the line nearest the prose.
    """
    from analysis.corpus.line_model import is_prose, not_article_lines, prose_run

    run = prose_run(lines, not_article_lines(lines, [d is not None and d[0] == "furniture" for d in decisions], corpus_counts))
    if run is None:
        return None
    open_before = [i for i in range(run[0] + 1) if decisions[i] is None][-(_HEADLINE_WINDOW + 1):]
    candidates = [i for i in open_before if _reads_as_headline(lines[i]) and not (corpus_counts and corpus_counts[i])]
    if not candidates:
        # A headline printed with a full stop ("Poll shows a bump for the mayor."): the open line right before the prose.
        before = [i for i in open_before if i < run[0]]
        last = before[-1] if before else None
        if (last is not None and 2 <= _word_count(lines[last]) <= 30 and not is_prose(lines[last])
                and not (corpus_counts and corpus_counts[last])):
            return last
        return None
    return max(candidates, key=lambda i: (_word_count(lines[i]), i))


def _body_form(text: str, i: int, lines: list[str], open_lines: list[bool], seen_title: bool) -> tuple[str, str]:
    """The label and reason of a body line from its form: title, list item, table row, heading or paragraph."""
    n = len(lines)
    neighbours_glued = any(
        0 <= j < n and open_lines[j] and _GLUED_CELLS.search(lines[j]) and not _SENTENCE_END.search(lines[j])
        for j in (i - 1, i + 1)
    )
    if not seen_title:
        return "title", "first line of article text"
    if _BULLET.match(text):
        return "list_item", "bulleted or numbered list item"
    if _PIPE_ROW.match(text):
        return "table_row", "table row (cells between '|')"
    if _GLUED_CELLS.search(text) and not _SENTENCE_END.search(text) and neighbours_glued:
        return "table_row", "table row whose cells were flattened into one line"
    if _word_count(text) <= 20 and not _SENTENCE_END.search(text):
        return "heading", "short line without closing punctuation (heading)"
    return "paragraph", "prose paragraph"


def _furniture_place(i: int, lines: list[str], open_lines: list[bool], body: list[bool]) -> str:
    """The label of a line the classifier sets aside: where it sits relative to the body lines."""
    if not any(body[:i]):
        return "page_head"
    if not any(body[i + 1:]):
        return "page_tail"
    return "inline_furniture"


def _composed_byline(text: str) -> bool:
    """The form of the byline ``add`` writes: "By <author>[ | <site>]", no sentence, at most 30 words."""
    return text.startswith("By ") and 2 <= _word_count(text) <= 30 and not _SENTENCE_END.search(text)


def page_decisions(lines: list[str], total_chars: int, starts: list[int], corpus_counts: list[int] | None = None,
                   extracted: bool = False) -> tuple[list[tuple[str, str, str] | None], bool]:
    """What the rules (:func:`rule_decisions`) and the headline (:func:`headline_index`) decide, and
    whether the page shows web-page furniture at all.

    Returns ``(decisions, proven)``: ``decisions[i]`` is ``(kind, label, reason)``
    or None for a line left to the classifier; ``proven`` is True when a rule set
    aside a line with a word, or a short line is printed on at least two other
    pages of the corpus — never for an extractor's output (``extracted``). On such
    a page, a short line above the headline (at most :data:`_HEAD_MENU_WORDS`
    words, left open by the rules) is the page head's menu or section label: on
    the tune half of the annotated web pages such lines were furniture for all but
    16 of 55,879 characters.
    """
    decisions = rule_decisions(lines, total_chars, starts, page_tail=not extracted)
    # A line with no word (a stray full stop, a rule) is no sign of a web page's furniture.
    repeated = corpus_counts is not None and any(
        count >= 2 and 0 < _word_count(text) <= 12 for text, count in zip(lines, corpus_counts))
    proven = not extracted and (repeated or any(decision is not None and decision[0] == "furniture" and any(ch.isalnum() for ch in text)
                                                for decision, text in zip(decisions, lines)))
    first = next((i for i, text in enumerate(lines) if _word_count(text)), None)
    following = next((i for i in range(first + 1, len(lines)) if _word_count(lines[i])), None) if first is not None else None
    if (extracted and first is not None and following is not None and decisions[first] is None
            and (_composed_byline(lines[following]) or (decisions[following] or ("", ""))[1] == "date_banner")):
        # ``add`` writes the title the page states first, then its byline or date.
        title, why = first, "the headline: the title the page states, above its byline or date"
    elif not proven and first is not None and decisions[first] is None and _reads_as_headline(lines[first]):
        # A clean text (a pasted article, an archive's file) opens with its headline.
        title, why = first, "the headline: the first line of a text that shows no page furniture"
    else:
        title = headline_index(lines, decisions, corpus_counts)
        why = "the headline: the longest heading-like line just before the article's prose"
    if title is not None:
        decisions[title] = ("body", "title", why)
    if extracted:
        # The byline ``add`` composes from what the page states ("By <author> | <site>") follows
        # the title; it is a credit whatever the page put in its author field.
        composed = next((i for i in range(title + 1, len(lines)) if _word_count(lines[i])), None) if title is not None else None
        if composed is not None and decisions[composed] is None and _composed_byline(lines[composed]):
            decisions[composed] = ("furniture", "byline", "byline: the author credit the page states in its markup")
    if proven and title is not None:
        for i in range(title):
            if decisions[i] is None and 0 < _word_count(lines[i]) <= _HEAD_MENU_WORDS:
                decisions[i] = ("furniture", "page_head", "a short line above the article's headline (menu or section label)")
    return decisions, proven


def line_verdicts(
    lines: list[str], total_chars: int, starts: list[int], corpus_counts: list[int] | None = None,
    extracted: bool = False, model=None,
) -> tuple[list[tuple[str, str, str] | None], list]:
    """What the rules and the headline decide, and the line classifier's verdict on every other line.

    Returns ``(decisions, verdicts)``: ``decisions[i]`` is the rule's (or the
    headline's) ``(kind, label, reason)`` or None, and ``verdicts[i]`` the
    :class:`analysis.corpus.line_model.LineDecision` of a line the rules leave open
    (None for the others). ``model`` is a :class:`analysis.corpus.line_model.LineModel`
    (default: the committed weights). On a page that shows no furniture
    (:func:`page_decisions`) the classifier sets a line aside only when it is
    all but sure, and on an extractor's output (``extracted``) never: there only
    the rules set lines aside (:data:`analysis.corpus.line_model.EXTRACTED_PAGE_THRESHOLD`).
    """
    from analysis.corpus.line_model import decide_lines

    decisions, proven = page_decisions(lines, total_chars, starts, corpus_counts, extracted)
    open_lines = [decision is None for decision in decisions]
    set_aside = [decision is not None and decision[0] == "furniture" for decision in decisions]
    verdicts = (decide_lines(lines, starts, total_chars, open_lines, corpus_counts, proven, model, set_aside, extracted)
                if any(open_lines) else [None] * len(lines))
    return decisions, verdicts


def classify_lines(
    lines: list[str], total_chars: int, starts: list[int], corpus_counts: list[int] | None = None,
    extracted: bool = False,
) -> list[tuple[str, str, str]]:
    """Classify the stripped text of each segment; see the module docstring.

    ``corpus_counts[i]`` is how many other pages of the same corpus print line
    ``i``; None when the page is segmented alone.
    """
    decisions, verdicts = line_verdicts(lines, total_chars, starts, corpus_counts, extracted)
    open_lines = [decision is None for decision in decisions]
    body = [open_ and not verdict.furniture for open_, verdict in zip(open_lines, verdicts)]
    title = next((i for i, d in enumerate(decisions) if d is not None and d[1] == "title"), None)

    result: list[tuple[str, str, str]] = []
    seen_title = False
    for i, text in enumerate(lines):
        decision = decisions[i]
        if decision is not None:
            result.append(decision)
            continue
        verdict = verdicts[i]
        if verdict.furniture:
            result.append(("furniture", _furniture_place(i, lines, open_lines, body), verdict.reason))
            continue
        label, form = _body_form(text, i, lines, body, seen_title or title is not None)
        seen_title = True
        result.append(("body", label, f"{form}; {verdict.reason}"))
    return result


def table_cells(row: str) -> list[tuple[int, int]]:
    """Cells of a flattened table row as (start, end) offsets into ``row``.

    A Markdown row (``| a | b |``, as trafilatura writes tables) is cut at its
    pipes, and cells without a letter or digit are left out.

    Pages whose HTML tables lost their cell borders glue the cells together
    ("Military DeploymentLimited external engagementActive participation"): a
    lower-case letter followed directly by a capital is where one cell ended and
    the next began. Whitespace at the edges of the row is left out.
    """
    stripped_start = len(row) - len(row.lstrip())
    stripped_end = len(row.rstrip())
    if stripped_end <= stripped_start:
        return []
    if _PIPE_ROW.match(row[stripped_start:stripped_end]):
        cells = []
        position = stripped_start
        for part in row[stripped_start:stripped_end].split("|"):
            lead = len(part) - len(part.lstrip())
            if part.strip():
                cells.append((position + lead, position + len(part.rstrip())))
            position += len(part) + 1
        return [(a, b) for a, b in cells if any(ch.isalnum() for ch in row[a:b])]
    cuts = [stripped_start] + [m.start() + 1 for m in _GLUED_CELLS.finditer(row, stripped_start, stripped_end)] + [stripped_end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if row[a:b].strip()]


def segment_text(raw: str, corpus_counts: tuple[int, ...] | None = None, extracted: bool = False) -> pd.DataFrame:
    """Segment one raw page.

    Parameters
    ----------
    raw : str
        The article exactly as stored in ``seeds/``.
    corpus_counts : tuple of int, optional
        For each segment, how many other pages of the corpus print the same line
        (:func:`corpus_line_counts`); None when the page stands alone.
    extracted : bool
        The text is an extractor's output (``add page.html``: trafilatura has
        already left the page's furniture out), so only the rules set lines
        aside (the form of a byline, a date line, a pitch's wording; no page
        tail after an end-of-article marker); the line classifier's verdict is
        body, its probability still given in the reason.

    Returns
    -------
    pandas.DataFrame
        One row per segment, in page order, with columns ``seq`` (0-based order),
        ``start`` and ``end`` (character offsets into ``raw``; the spans tile it),
        ``kind`` (``body`` or ``furniture``), ``label`` (title, paragraph, heading,
        list_item, table_row, advertising, subscription_pitch, author_bio, ...)
        and ``reason`` (why the segment got its kind and label).
    """
    return pd.DataFrame(list(_segment_rows(raw, corpus_counts, extracted)), columns=SEGMENT_COLUMNS).astype(
        {"seq": "int64", "start": "int64", "end": "int64"}
    )


@lru_cache(maxsize=4096)
def _segment_rows(raw: str, corpus_counts: tuple[int, ...] | None = None, extracted: bool = False) -> tuple[tuple[int, int, int, str, str, str], ...]:
    # Cached as immutable rows: every stage segments the same pages, and callers
    # get a fresh DataFrame they may modify.
    spans = line_spans(raw)
    lines = [raw[start:end].strip() for start, end in spans]
    if corpus_counts is not None and len(corpus_counts) != len(lines):
        raise ValueError(f"corpus_counts has {len(corpus_counts)} entries for a page of {len(lines)} segments")
    decisions = classify_lines(lines, len(raw), [start for start, _ in spans], list(corpus_counts) if corpus_counts else None, extracted)
    return tuple(
        (seq, start, end, kind, label, reason)
        for seq, ((start, end), (kind, label, reason)) in enumerate(zip(spans, decisions))
    )


def page_lines(raw: str) -> list[str]:
    """The stripped text of each segment of ``raw`` (the lines the segmenter classifies)."""
    return [raw[start:end].strip() for start, end in line_spans(raw)]


def corpus_line_counts(raws: dict[str, str], sites: dict[str, str | None] | None = None) -> dict[str, tuple[int, ...]]:
    """For each page, how many *other* pages of the corpus print each of its lines.

    A line that is not prose (a menu entry, a footer, a pitch) counts every other
    page of the corpus that prints it. A prose paragraph
    (:func:`analysis.corpus.line_model.is_prose`) counts only other pages of the
    **same site** (``sites[doc_id]``, e.g. the host of the page's URL): a site
    prints its own blurbs and teaser paragraphs on page after page, while a
    paragraph two outlets both print is reuse — what the overlap report looks
    for — and stays article text. A page whose site is unknown (not in
    ``sites``, or None) shares its site with no page.

    Lines are compared case-folded with whitespace collapsed
    (:func:`analysis.corpus.line_model.normalised_line`); a page that prints a line
    twice counts once. Lines without a letter or digit are never counted.
    """
    from analysis.corpus.line_model import is_prose, normalised_line

    sites = sites or {}
    lines = {doc_id: page_lines(raw) for doc_id, raw in raws.items()}
    keys = {doc_id: [normalised_line(line) for line in page] for doc_id, page in lines.items()}
    pages_with: dict[str, int] = {}
    site_pages_with: dict[tuple[str, str], int] = {}
    for doc_id, page_keys in keys.items():
        site = sites.get(doc_id)
        for key in set(page_keys):
            pages_with[key] = pages_with.get(key, 0) + 1
            if site:
                site_pages_with[(site, key)] = site_pages_with.get((site, key), 0) + 1

    def count(doc_id: str, line: str, key: str) -> int:
        if not any(ch.isalnum() for ch in key):
            return 0
        if not is_prose(line):
            return pages_with[key] - 1
        site = sites.get(doc_id)
        return site_pages_with[(site, key)] - 1 if site else 0

    return {doc_id: tuple(count(doc_id, line, key) for line, key in zip(lines[doc_id], page_keys))
            for doc_id, page_keys in keys.items()}


def segment_corpus_texts(raws: dict[str, str], extracted: frozenset[str] = frozenset(),
                         sites: dict[str, str | None] | None = None) -> dict[str, pd.DataFrame]:
    """Segment the pages of one corpus together: ``doc_id -> segment_text`` with the corpus evidence.

    A line that other pages of the corpus print as well (a site's menu, footer or
    pitch) is evidence of furniture that one page alone cannot give; ``sites``
    (``doc_id -> site``) lets a prose paragraph count as repeated only on pages of
    its own site (:func:`corpus_line_counts`).
    """
    counts = corpus_line_counts(raws, sites)
    return {doc_id: segment_text(raw, counts[doc_id], doc_id in extracted) for doc_id, raw in raws.items()}
