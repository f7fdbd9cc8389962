"""The trained line classifier behind :mod:`analysis.corpus.segments`: features, weights, reasons.

The rules of the segmenter decide what a line's form or wording proves (a date
banner, an advertising marker, an author bio, everything after the end of the
article). Every other line is decided here, by logistic regression over shallow
line features in the spirit of Kohlschütter et al. (2010) and jusText (Pomikálek
2011) — one regression for the lines inside the page's main run of prose and one
for the lines outside it, whose furniture differs (a caption or share widget
between paragraphs, a menu or a list of headlines around the article) —
trained on the tune half of the annotated web pages
(``python -m analysis.evaluate furniture-train``; weights in
``analysis/data/furniture_model.json``). Nothing defaults to body: a short line
with no sentence punctuation is body only when its evidence says so (a heading
inside the article's prose), and furniture when it says otherwise (a menu entry
before the article, a headline of another article after it).

The features of a line (:data:`FEATURES`, each with the plain words a reason uses):

* its own form: words and characters, sentence punctuation, stopword share (in
  the page's language, from jusText's stoplists), capitals, digits, link-like and
  menu-like marks (``|``, ``»``, a leading ``*``), addresses and handles;
* its words: how typical they are of furniture or of body on the tune pages
  (a word table kept only for words seen on at least three sites);
* its place: where the page's main run of prose is (the stretch of lines with
  the most prose characters net of everything else, found in one pass) and how
  far the line is from it; its neighbours' form;
* the corpus: how many *other* pages of the same corpus print the same line (a
  line a site repeats on every page — a menu, a footer, a pitch — is furniture);
  a prose paragraph counts only on pages of its own site, so a paragraph one
  outlet copies from another stays body.

The ``reason`` of a decided line names the features that pushed the decision
most, with their values ("furniture (p=0.97): 2 words; before the article's main
prose; words typical of furniture: 'login'").
"""

from __future__ import annotations

import heapq
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.config import PACKAGE_DATA_DIR

MODEL_FILE = PACKAGE_DATA_DIR / "furniture_model.json"
MODEL_VERSION = 2
RETRAIN_COMMAND = "python -m analysis.evaluate furniture-train"

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…:;。！？]['\"’”)\]]*\s*$")
_LINK_MARKS = re.compile(r"\s[|»›/·•]\s|[»›]$|^[«‹]|\s\|$")
_LEADING_MARK = re.compile(r"^[*+•·▪◦‣∙>\-–—]\s")
_ADDRESS = re.compile(r"https?://|www\.|\S+@\S+\.\w+|(?:^|\s)@\w{2,}|\.(?:com|org|net)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
# Quick checks that rule a line out before the slower patterns above and below are tried.
_LINK_CHAR = re.compile(r"[|»›/·•«‹]")
_CASE_CHANGE = re.compile(r"[a-z][A-Z]|[.!?][A-Z]")
_DIGIT_MARK_DIGIT = re.compile(r"\d[:.]\d")
_GLUED_WORDS = re.compile(r"[a-z]{3}[A-Z][a-z]|[a-z][.!?][A-Z][a-z]")
_TIME_MARK = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:\d+|an?|one)\s*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE)
_NO_DIGITS = {ord(d): None for d in "0123456789"}
_COMMENTER = re.compile(r"^(?:\d+\.\s+)?\S.{0,60}\b(?:says|said|wrote|replied):?$|^(?:reply|report|like|permalink|flag)(?:\s+\W?\s*\w+)?$"
                        r"|^\d+\s+(?:points?|likes?|replies|votes?)$", re.IGNORECASE)
_FULL_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
                        r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b"
                        r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b", re.IGNORECASE)

#: Languages tried when English stopwords cover little of a page (jusText stoplist names).
_LANGUAGES = ("English", "German", "French", "Spanish", "Portuguese", "Italian", "Russian", "Dutch", "Polish",
              "Turkish", "Indonesian", "Korean", "Ukrainian", "Swedish", "Czech", "Romanian", "Hungarian", "Greek")
#: English is taken as the page's language when its stopwords are at least this share of the words.
_ENGLISH_COVERAGE = 0.2
#: A prose line: at least this many characters and sentence punctuation.
PROSE_CHARS = 80
#: What a line that is not prose costs the run of prose it sits in (so menus and lists of links end it).
RUN_PENALTY = 8.0
RUN_PENALTY_PER_CHAR = 0.3
#: A stretch of prose at the end of the run that follows at least this many lines without prose
#: (a block of menus, sign-in forms, lists of links) ...
RUN_TAIL_GAP_LINES = 20
#: ... and shares less than this share of its content words with the prose before the block is
#: not the article's (a comment policy, a footer's notice): the run ends before the block.
RUN_TAIL_SHARED_WORDS = 0.2


# --------------------------------------------------------------------------- the model file

class ModelFileError(RuntimeError):
    """The weights file is missing, unreadable or of another version; says which file and how to rebuild it."""


@dataclass(frozen=True)
class LineModel:
    """The classifier: one logistic regression for the lines inside the page's main run of prose and one for
    the others (weights, bias, means, scales each), a shared word table and a threshold for each of the two."""

    features: tuple[str, ...]
    weights_inside: tuple[tuple[float, ...], float, tuple[float, ...], tuple[float, ...]]
    weights_outside: tuple[tuple[float, ...], float, tuple[float, ...], tuple[float, ...]]
    word_scores: dict[str, float]
    threshold_inside: float  # for lines inside the page's main run of prose
    threshold_outside: float
    trained_on: str


def _weights(payload: dict) -> tuple:
    return (tuple(payload["weights"]), float(payload["bias"]), tuple(payload["means"]), tuple(payload["scales"]))


@lru_cache(maxsize=4)
def load_model(path: Path | str = MODEL_FILE) -> LineModel:
    """The line classifier's weights (``furniture_model.json``), checked.

    Raises
    ------
    ModelFileError
        Naming the file and the command that rebuilds it, when the file is
        missing, is not the JSON this version writes, or lists other features.
    """
    path = Path(path)
    rebuild = f"rebuild it with `{RETRAIN_COMMAND}` (needs ../shared/data/web-articles)"
    if not path.exists():
        raise ModelFileError(f"{path}: the furniture line classifier's weights are missing; {rebuild}")
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelFileError(f"{path}: not readable as JSON ({error}); {rebuild}") from None
    if payload.get("version") != MODEL_VERSION:
        raise ModelFileError(f"{path}: model version {payload.get('version')!r}, this code reads version {MODEL_VERSION}; {rebuild}")
    features = tuple(payload.get("features", ()))
    if features != FEATURES:
        raise ModelFileError(f"{path}: its features differ from the ones this code computes; {rebuild}")
    inside, outside = _weights(payload["model_inside"]), _weights(payload["model_outside"])
    for weights in (inside, outside):
        if not len(weights[0]) == len(weights[2]) == len(weights[3]) == len(FEATURES):
            raise ModelFileError(f"{path}: weight vectors of the wrong length; {rebuild}")
    return LineModel(features=features, weights_inside=inside, weights_outside=outside,
                     word_scores={k: float(v) for k, v in payload["word_scores"].items()},
                     threshold_inside=float(payload["threshold_inside"]), threshold_outside=float(payload["threshold_outside"]), trained_on=str(payload.get("trained_on", "")))


# --------------------------------------------------------------------------- features

#: Word-count bins of a line: (feature name, lowest count, highest count).
WORD_BINS = (("words_0", 0, 0), ("words_1", 1, 1), ("words_2", 2, 2), ("words_3_4", 3, 4), ("words_5_7", 5, 7),
             ("words_8_12", 8, 12), ("words_13_20", 13, 20), ("words_21_40", 21, 40), ("words_41_up", 41, 10**9))

#: Every feature, with what it means in a reason when the line has it
#: (a feature is 0 or 1 unless said; the line classifier names the ones that pushed hardest).
FEATURE_WORDS: dict[str, str] = {
    **{name: (f"{lo} word{'s' if lo != 1 else ''}" if lo == hi else f"{lo}-{hi} words" if hi < 10**9 else f"{lo}+ words")
       for name, lo, hi in WORD_BINS},
    "sentence_end": "ends like a sentence",
    "no_sentence_end": "no sentence punctuation at its end",
    "stopword_share": "share of function words (prose reads with many)",  # continuous 0-1
    "few_stopwords": "few function words (a label, not prose)",
    "title_case": "most words capitalised (headline or menu style)",
    "all_capitals": "written in capitals",
    "many_digits": "mostly digits",
    "has_comma": "clauses with commas",
    "link_marks": "link or menu separators (|, », /)",
    "leading_mark": "starts with a list or menu marker",
    "address": "a web address, e-mail or handle",
    "copyright": "a copyright sign or notice",
    "ends_colon": "ends with a colon",
    "furniture_words": "its words are typical of page furniture",  # continuous: word-table score
    "article_words": "its words are typical of article text",  # continuous: minus the word-table score
    "page_top": "in the first tenth of the page",
    "page_bottom": "in the last fifth of the page",
    "prose": "a prose paragraph (long, ends like a sentence)",
    "in_prose_run": "inside the article's main run of prose",
    "just_before_prose": "just before the article's main run of prose",
    "well_before_prose": "well before the article's main run of prose",
    "just_after_prose": "just after the article's main run of prose",
    "well_after_prose": "well after the article's main run of prose",
    "prose_nearby": "prose in the lines around it",  # continuous 0-1
    "previous_prose": "the line before is prose",
    "next_prose": "the line after is prose",
    "short_neighbours": "the lines beside it are short too",
    "between_prose": "prose within a few lines before and after it",
    "repeated_in_page": "printed again elsewhere on the page",
    "repeated_in_corpus": "printed on other pages of the corpus",
    "repeated_short": "a short line other pages of the corpus print too",
    "repeated_prose": "a prose paragraph other pages of the corpus print too",
    "first_text_line": "the page's first line of text",
    "short_in_prose_run": "a short line without sentence punctuation inside the article's prose",
    "page_prose_share": "on a page that is mostly prose",  # continuous 0-1: prose characters / all characters
    "page_open_outside": "on a page with many lines outside its prose",  # continuous: log of that count
    "lines_after_run": "many lines between the article's prose and the end of the page",  # continuous: log count
    "lines_before_run": "many lines between the top of the page and the article's prose",  # continuous: log count
    "glued_words": "words run together (a headline glued to its summary)",
    "topic_words": "shares words with the article's prose",  # continuous 0-1: share of its content words
    "no_topic_words": "shares no word with the article's prose",
    "short_block": "in a long block of short lines (a menu or list of links)",  # continuous: log of the block's length
    "marked_block": "in a block of marked list lines (a menu)",  # continuous 0-1: share of the block's lines with a marker
    "time_mark": "a clock time or 'ago' (a post's date line)",
    "lower_start": "starts in lower case",
    "continues_prose": "follows the article's prose with nothing set aside in between",
    "comment_marks_nearby": "commenter lines or post times around it (a comment thread)",  # continuous: log count within 4 lines
    "full_date": "a full date inside the line (a caption's or teaser's date)",
    "teaser_pair": "a short title followed by a one-sentence summary (a teaser)",
    "in_teaser_list": "in a run of titles each followed by a summary (a list of teasers)",
    "neighbour_headline_like": "the lines beside it read as headlines",  # continuous 0-1: share of the two
    "neighbour_marked": "the lines beside it are list or menu entries",  # continuous 0-1
    "chars_from_run": "far from the article's prose, in characters",  # continuous: log of characters between
    "after_last_paragraph": "after the article's last long paragraph",
}
FEATURES: tuple[str, ...] = tuple(FEATURE_WORDS)
_IN_RUN = FEATURES.index("in_prose_run")
@lru_cache(maxsize=None)
def stoplist(language: str) -> frozenset[str]:
    """jusText's stopword list for ``language`` (lower-case words)."""
    import justext

    return frozenset(justext.get_stoplist(language))


def page_stoplist(words: list[str]) -> frozenset[str]:
    """The stoplist of the page's language: English when it covers enough words, else the best of a few."""
    if not words:
        return stoplist("English")
    english = stoplist("English")
    if sum(w in english for w in words) >= _ENGLISH_COVERAGE * len(words):
        return english
    sample = words[:2000]
    best = max(_LANGUAGES, key=lambda name: sum(w in stoplist(name) for w in sample))
    return stoplist(best)


def normalised_line(text: str) -> str:
    """The key under which a line is compared across pages: case-folded, whitespace collapsed."""
    return " ".join(text.split()).casefold()


def _main_prose_run(values: list[float]) -> tuple[int, int] | None:
    """The stretch ``[first, last]`` of lines with the largest sum of ``values`` (Kadane), or None if none is positive."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def is_prose(text: str) -> bool:
    """A prose line: at least :data:`PROSE_CHARS` characters, ending like a sentence."""
    return len(text) >= PROSE_CHARS and bool(_SENTENCE_END.search(text))


def prose_run(lines: list[str], not_article: list[bool] | None = None) -> tuple[int, int] | None:
    """``(first, last)`` line of the page's main run of prose, or None when it has no prose line.

    Prose lines count for the run by their length; every other line counts
    against it (a little for each line and more for long ones), so a menu, a list
    of links or a comment thread ends it while a heading or a short list inside
    the article does not. A line flagged in ``not_article`` (set aside by a rule,
    or a paragraph other pages of the same site print: a footer's legal notice)
    counts as a line that is not prose, so a long footer never becomes the article.
    A stretch of prose at the end that only a long block of lines without prose joins to
    the run, and that shares few words with it, is cut off (:func:`_without_unrelated_tail`).
    """
    flagged = not_article or [False] * len(lines)
    prose = [not flag and is_prose(text) for text, flag in zip(lines, flagged)]
    run = _main_prose_run([len(text) if counts_as_prose else -(RUN_PENALTY + RUN_PENALTY_PER_CHAR * len(text))
                           for text, counts_as_prose in zip(lines, prose)])
    return _without_unrelated_tail(lines, prose, run) if run is not None else None


def _without_unrelated_tail(lines: list[str], prose: list[bool], run: tuple[int, int]) -> tuple[int, int]:
    """The run without the stretches of prose at its end that a long block of lines without prose
    (:data:`RUN_TAIL_GAP_LINES`) parts from the rest and whose words the rest hardly uses
    (:data:`RUN_TAIL_SHARED_WORDS`), when they hold less prose than the rest.

    The run's sum lets a long stretch of prose bridge a long block of menus or forms: the
    article, a sign-in form and a site's comment policy become one run. A later part of the
    article shares the article's words; a comment policy or a footer's notice does not.
    Only the end is trimmed: the run's start (and the headline found before it) stays.
    """
    indices = [j for j in range(run[0], run[1] + 1) if prose[j]]
    stretches = [[indices[0], indices[0]]]
    for previous, j in zip(indices, indices[1:]):
        if j - previous - 1 >= RUN_TAIL_GAP_LINES:
            stretches.append([j, j])
        else:
            stretches[-1][1] = j
    if len(stretches) == 1:
        return run
    words = {j: line_words(lines[j]) for j in indices}
    stopwords = page_stoplist([w for j in indices for w in words[j]])

    def content_words(stretch: list[int]) -> list[str]:
        return [w for j in range(stretch[0], stretch[1] + 1) if prose[j] for w in words[j]
                if w not in stopwords and len(w) > 2 and not w.isdigit()]

    def prose_chars(stretch: list[int]) -> int:
        return sum(len(lines[j]) for j in range(stretch[0], stretch[1] + 1) if prose[j])

    while len(stretches) > 1:
        last, rest = stretches[-1], stretches[:-1]
        own = content_words(last)
        vocabulary = {w for stretch in rest for w in content_words(stretch)}
        shared = sum(w in vocabulary for w in own) / len(own) if own else 0.0
        if shared >= RUN_TAIL_SHARED_WORDS or prose_chars(last) >= sum(prose_chars(stretch) for stretch in rest):
            break
        stretches.pop()
    return stretches[0][0], stretches[-1][1]


def not_article_lines(lines: list[str], set_aside: list[bool] | None, corpus_counts: list[int] | None) -> list[bool]:
    """Which lines cannot be the article's prose: set aside by a rule (and holding a word), or a
    prose paragraph other pages of the same site print (its counts are same-site only)."""
    set_aside = set_aside or [False] * len(lines)
    counts = corpus_counts or [0] * len(lines)
    return [(flag and any(ch.isalnum() for ch in text)) or (count > 0 and is_prose(text))
            for text, flag, count in zip(lines, set_aside, counts)]


def line_words(text: str) -> list[str]:
    """The case-folded words of a line, as the word table counts them."""
    return _WORD.findall(text.casefold())


def line_features(lines: list[str], starts: list[int], total_chars: int,
                  corpus_counts: list[int] | None, word_scores: dict[str, float],
                  set_aside: list[bool] | None = None) -> list[list[float]]:
    """Features (:data:`FEATURES`, in order) of each stripped line of one page.

    ``corpus_counts[i]`` is how many other pages of the corpus print line ``i``
    (:func:`normalised_line`; for a prose line, other pages of the same site:
    :func:`analysis.corpus.segments.corpus_line_counts`); None means the page is
    alone. ``word_scores`` is
    the word table (log-odds of furniture) of the model. ``set_aside[i]`` says
    that a rule has already made line ``i`` furniture (None: no line).
    """
    n = len(lines)
    folded_lines = [text.casefold() for text in lines]
    words_per_line = [_WORD.findall(folded) for folded in folded_lines]  # as line_words
    stopwords = page_stoplist([w for words in words_per_line for w in words])
    scores = word_scores
    counts = corpus_counts or [0] * n
    seen: dict[str, int] = {}
    keys = [normalised_line(text) for text in lines]
    for key in keys:
        seen[key] = seen.get(key, 0) + 1

    n_words = [len(words) for words in words_per_line]
    ends = [bool(_SENTENCE_END.search(text)) for text in lines]
    prose = [is_prose(text) for text in lines]
    # A rule's decoration or separator (no word) says nothing about menus or footers around it.
    set_aside = [flag and w > 0 for flag, w in zip(set_aside, n_words)] if set_aside else [False] * n
    run = prose_run(lines, not_article_lines(lines, set_aside, counts))
    first_text = next((i for i, w in enumerate(n_words) if w), -1)
    # The article's vocabulary: content words of its main run of prose, with how many of its lines use each.
    content = [{w for w in set(words).difference(stopwords) if len(w) > 2 and not w.isdigit()} for words in words_per_line]
    run_vocabulary: dict[str, int] = {}
    if run is not None:
        for j in range(run[0], run[1] + 1):
            if prose[j]:
                for w in content[j]:
                    run_vocabulary[w] = run_vocabulary.get(w, 0) + 1
    # How far the article carries on after its main run of prose: up to the first line a rule sets aside.
    carries_to = next((j for j in range(run[1] + 1, n) if set_aside[j]), n) - 1 if run is not None else -1
    # Blocks of consecutive short lines (not prose): their length and share of list/menu markers.
    block_length = [0] * n
    block_marked = [0.0] * n
    i = 0
    while i < n:
        if prose[i]:
            i += 1
            continue
        j = i
        while j < n and not prose[j]:
            j += 1
        marked = sum(1 for k in range(i, j) if _LEADING_MARK.match(lines[k])) / (j - i)
        for k in range(i, j):
            block_length[k], block_marked[k] = j - i, marked
        i = j

    # Comment-thread lines (commenter lines, post times) and teasers (a short title, then a one-sentence summary).
    comment_mark = [bool(w) and len(lines[k]) <= 80 and (bool(_COMMENTER.match(lines[k])) or
                    ((_DIGIT_MARK_DIGIT.search(lines[k]) is not None or "ago" in folded_lines[k]) and _TIME_MARK.search(lines[k]) is not None))
                    for k, w in enumerate(n_words)]
    headline_like = [2 <= w <= 16 and not ends[k] for k, w in enumerate(n_words)]
    summary_like = [ends[k] and 8 <= w <= 45 and lines[k].count(". ") <= 1 for k, w in enumerate(n_words)]
    teaser = [False] * n
    for k in range(n - 1):
        if headline_like[k] and summary_like[k + 1]:
            teaser[k] = teaser[k + 1] = True
    teaser_list = [teaser[k] and sum(teaser[max(0, k - 5):k + 6]) >= 4 for k in range(n)]
    marked_line = [bool(_LEADING_MARK.match(text)) for text in lines]
    run_start_char = starts[run[0]] if run is not None else 0
    run_end_char = (starts[run[1]] + len(lines[run[1]])) if run is not None else 0
    long_paragraphs = [k for k in range(n) if prose[k] and len(lines[k]) >= 200 and not set_aside[k]]
    last_long = long_paragraphs[-1] if long_paragraphs else n
    all_chars = sum(len(text) for text in lines)
    page_prose_share = sum(len(text) for text, p in zip(lines, prose) if p) / all_chars if all_chars else 0.0
    outside = n - (run[1] - run[0] + 1) if run is not None else n
    page_outside = math.log1p(outside)
    tail_lines = math.log1p(n - 1 - run[1]) if run is not None else math.log1p(n)
    head_lines = math.log1p(run[0]) if run is not None else math.log1p(n)
    rows = []
    for i, text in enumerate(lines):
        words = words_per_line[i]
        folded = folded_lines[i]
        w = n_words[i]
        raw_words = text.split()
        capitalised = sum(1 for token in raw_words if token[:1].isupper()) / len(raw_words) if raw_words else 0.0
        known = [scores[word] for word in words if word in scores]
        word_score = max(-4.0, min(4.0, sum(known) / math.sqrt(len(known)))) if known else 0.0
        before = run is not None and i < run[0]
        after = run is not None and i > run[1]
        gap = (run[0] - i) if before else (i - run[1]) if after else 0
        window = range(max(0, i - 3), min(n, i + 4))
        window_chars = sum(len(lines[j]) for j in window if j != i)
        prose_chars = sum(len(lines[j]) for j in window if j != i and prose[j])
        neighbours = [n_words[j] for j in (i - 1, i + 1) if 0 <= j < n]
        stop_share = sum(word in stopwords for word in words) / w if w else 0.0
        position = starts[i] / total_chars if total_chars else 0.0
        # The counts already leave out a prose paragraph printed only by other sites (reuse, not furniture):
        # see analysis.corpus.segments.corpus_line_counts.
        repeated = counts[i] > 0 and w > 0
        in_run = run is not None and not before and not after
        own = content[i]
        if own:
            # A prose line of the run is not its own evidence: a word counts when another run line uses it too.
            least = 2 if prose[i] and in_run else 1
            topic = sum(1 for word in own if run_vocabulary.get(word, 0) >= least) / len(own)
        else:
            topic = 0.0
        row = [1.0 if lo <= w <= hi else 0.0 for _, lo, hi in WORD_BINS]
        row += [
            1.0 if ends[i] else 0.0,
            0.0 if ends[i] else 1.0,
            stop_share,
            1.0 if w >= 3 and stop_share < 0.15 else 0.0,
            1.0 if w >= 2 and capitalised >= 0.7 else 0.0,
            1.0 if text.isupper() and len(text) >= 2 else 0.0,
            1.0 if text and len(text) - len(text.translate(_NO_DIGITS)) >= 0.3 * len(text) else 0.0,
            1.0 if "," in text else 0.0,
            1.0 if _LINK_CHAR.search(text) and _LINK_MARKS.search(text) else 0.0,
            1.0 if _LEADING_MARK.match(text) else 0.0,
            1.0 if ("@" in folded or "http" in folded or "www." in folded or ".com" in folded or ".org" in folded
                    or ".net" in folded) and _ADDRESS.search(text) else 0.0,
            1.0 if ("©" in text or "(c)" in folded or "copyright" in folded) and _COPYRIGHT.search(text) else 0.0,
            1.0 if text.endswith(":") else 0.0,
            max(word_score, 0.0),
            max(-word_score, 0.0),
            1.0 if position < 0.1 else 0.0,
            1.0 if position >= 0.8 else 0.0,
            1.0 if prose[i] else 0.0,
            1.0 if in_run else 0.0,
            1.0 if before and gap <= 2 else 0.0,
            1.0 if before and gap > 2 else 0.0,
            1.0 if after and gap <= 2 else 0.0,
            1.0 if after and gap > 2 else 0.0,
            prose_chars / window_chars if window_chars else 0.0,
            1.0 if i > 0 and prose[i - 1] else 0.0,
            1.0 if i + 1 < n and prose[i + 1] else 0.0,
            1.0 if neighbours and max(neighbours) <= 3 else 0.0,
            1.0 if any(prose[max(0, i - 6):i]) and any(prose[i + 1:i + 7]) else 0.0,
            1.0 if seen[keys[i]] > 1 and w else 0.0,
            1.0 if repeated else 0.0,
            1.0 if repeated and w <= 12 else 0.0,
            1.0 if repeated and prose[i] else 0.0,
            1.0 if i == first_text else 0.0,
            1.0 if in_run and 0 < w <= 12 and not ends[i] else 0.0,
            page_prose_share,
            page_outside,
            tail_lines if after else 0.0,
            head_lines if before else 0.0,
            1.0 if _CASE_CHANGE.search(text) and _GLUED_WORDS.search(text) else 0.0,
            topic,
            1.0 if own and topic == 0.0 else 0.0,
            math.log1p(block_length[i]) if block_length[i] >= 3 else 0.0,
            block_marked[i] if block_length[i] >= 3 else 0.0,
            1.0 if (_DIGIT_MARK_DIGIT.search(text) or "ago" in folded) and _TIME_MARK.search(text) else 0.0,
            1.0 if text[:1].islower() else 0.0,
            1.0 if after and i <= carries_to else 0.0,
            math.log1p(sum(comment_mark[j] for j in range(max(0, i - 4), min(n, i + 5)) if j != i)),
            1.0 if _FULL_DATE.search(text) else 0.0,
            1.0 if teaser[i] else 0.0,
            1.0 if teaser_list[i] else 0.0,
            sum(headline_like[j] for j in (i - 1, i + 1) if 0 <= j < n) / 2,
            sum(marked_line[j] for j in (i - 1, i + 1) if 0 <= j < n) / 2,
            math.log1p((run_start_char - starts[i]) if before else (starts[i] - run_end_char) if after else 0) / 10,
            1.0 if i > last_long else 0.0,
        ]
        rows.append(row)
    return rows


def logit(x: list[float], weights: tuple) -> tuple[float, list[float]]:
    """The log-odds of furniture for features ``x`` and what each feature added to it.

    A feature's contribution is measured from zero (the line does not have it),
    not from the average line, so a reason names only what the line has.
    """
    coefficients, bias, means, scales = weights
    contributions = [wt * value / scale for wt, value, scale in zip(coefficients, x, scales)]
    intercept = bias - sum(wt * mean / scale for wt, mean, scale in zip(coefficients, means, scales))
    return intercept + sum(contributions), contributions


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@dataclass(frozen=True)
class LineDecision:
    furniture: bool
    probability: float  # of furniture
    reason: str
    threshold: float  # the probability from which this line is furniture (inside or outside the prose run, clean page)


def _describe(name: str, value: float, words: list[str]) -> str:
    """The plain words for one feature of a line (with the words behind the word-table score)."""
    phrase = FEATURE_WORDS[name]
    if name in ("furniture_words", "article_words") and words:
        return f"{phrase}: " + ", ".join(f"'{w}'" for w in words[:3])
    return phrase


#: On a page where the rules prove no furniture at all (a clean article text: a pasted
#: article, a news archive's file) the classifier sets a line aside only this sure.
CLEAN_PAGE_THRESHOLD = 0.999
#: On an extractor's output (``add page.html``: trafilatura has already left the page's
#: furniture out) the classifier sets no line aside: only a rule does. Chosen on
#: site-grouped folds of the tune pages' HTML-path texts (each fold's extractions
#: classified by a model fitted on the other folds' sites, two cuts; one regression trained on
#: both forms, as the classifier then was): every threshold
#: from 0.99 to 0.9995 set aside more article text than furniture (at 0.999, 255
#: characters of body and none of the furniture; at 0.99, 3,042 of body and 118 of
#: furniture) — what an extraction keeps and looks like furniture to a model of
#: rendered pages is mostly the article's own tables, lists and short lines.
EXTRACTED_PAGE_THRESHOLD = math.inf


def decide_lines(lines: list[str], starts: list[int], total_chars: int, undecided: list[bool],
                 corpus_counts: list[int] | None = None, proven_furniture: bool = True,
                 model: LineModel | None = None, set_aside: list[bool] | None = None,
                 extracted: bool = False) -> list[LineDecision | None]:
    """Body or furniture for each line whose ``undecided`` flag is set (None for the others).

    Every line of the page feeds the features (a rule-decided line is still a
    neighbour; ``set_aside`` flags the lines a rule made furniture); only the
    undecided ones get a decision. On a clean article text
    (``proven_furniture`` False: the rules found no furniture anywhere on it) a
    line is set aside only at :data:`CLEAN_PAGE_THRESHOLD`: nothing on the page
    shows a web page's furniture around the article. On an extractor's output
    (``extracted``) no line is set aside (:data:`EXTRACTED_PAGE_THRESHOLD`); the
    reason still gives the probability and the features that pushed it.
    """
    model = model or load_model()
    features = line_features(lines, starts, total_chars, corpus_counts, model.word_scores, set_aside)
    clean = not proven_furniture
    # Each region's weights on the raw feature values, and its intercept (as :func:`logit`).
    regions = []
    for coefficients, bias, means, scales in (model.weights_outside, model.weights_inside):
        scaled = [wt / scale for wt, scale in zip(coefficients, scales)]
        regions.append((scaled, bias - sum(wt * mean for wt, mean in zip(scaled, means))))
    word_features = (FEATURES.index("furniture_words"), FEATURES.index("article_words"))
    decisions: list[LineDecision | None] = []
    for i, x in enumerate(features):
        if not undecided[i]:
            decisions.append(None)
            continue
        # What each feature the line has (non-zero) adds to the log-odds (as :func:`logit`, over those features only),
        # in the model of the line's region.
        scaled, intercept = regions[1 if x[_IN_RUN] else 0]
        present = [(scaled[k] * value, k) for k, value in enumerate(x) if value]
        p = sigmoid(intercept + sum(c for c, _ in present))
        threshold = (EXTRACTED_PAGE_THRESHOLD if extracted else CLEAN_PAGE_THRESHOLD if clean
                     else model.threshold_inside if x[_IN_RUN] else model.threshold_outside)
        furniture = p >= threshold
        # Only features the line has are named: "not written in capitals" explains nothing. On an
        # extractor's output the features named are the ones the probability leans on.
        leaning = p >= 0.5 if extracted else furniture
        toward = [(c, k) for c, k in present if (c > 0) == leaning and abs(c) > 0.05]
        ranked = [k for _, k in heapq.nlargest(3, toward, key=lambda item: abs(item[0]))]
        words: list[str] = []
        if any(k in word_features for k in ranked):
            # Ties broken by the word: a set's order changes from one process to the next (string hashing).
            words = sorted({w for w in line_words(lines[i]) if w in model.word_scores},
                           key=lambda w: (-model.word_scores[w] if leaning else model.word_scores[w], w))
        parts = "; ".join([_describe(FEATURES[k], x[k], words) for k in ranked] or ["no single feature stands out"])
        if extracted:
            reason = f"body: on an extractor's output only a rule sets a line aside (line classifier p furniture={p:.2f}: {parts})"
        else:
            reason = f"{'furniture' if furniture else 'body'} by the line classifier (p furniture={p:.2f}): {parts}"
        decisions.append(LineDecision(furniture=furniture, probability=p, reason=reason, threshold=threshold))
    return decisions
