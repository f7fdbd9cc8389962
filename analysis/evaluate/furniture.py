"""Measure body vs page furniture on saved web pages nobody here wrote rules from.

::

    python -m analysis.evaluate furniture --pages DIR --truth FILE [--part report|tune|all]

``DIR`` holds saved pages ``<id>.html.gz`` (or ``.html``) and ``FILE`` maps each
id to the ``articleBody`` a person extracted by hand (the layout of
``../shared/data/web-articles``: ``html/`` and ``ground-truth.json``).

For every page:

1. **Render** the HTML to the text a browser copy gives, with inscriptis
   (:func:`render_page`): block elements on lines of their own, inline text
   joined, scripts, styles and hidden markup left out, no downloads. This is the
   form of ``seeds/`` (text copied out of a browser window).
2. **Label each line** of that text body or furniture against ``articleBody``
   (:func:`gold_lines`): the words of the page and of the gold body are aligned
   in order (``difflib`` longest matching blocks, case-folded word tokens), and a
   line is body when at least half of its word characters align. Lines without a
   letter or digit are not scored (every system sets them aside). A line that
   repeats the page's headline (its ``<h1>`` or ``og:title``) is not scored
   either: ``articleBody`` leaves the headline out, while the workbook keeps it as
   the article's ``title``.
3. **Score** each system by characters of the scored lines: *body kept* is the
   share of body characters the system keeps, *furniture set aside* the share of
   furniture characters it drops, and *F* their harmonic mean; per page, and
   pooled over the pages (the figure the command ends with).

Systems, all in the same run and on the same inputs:

* ``segmenter`` (text path) — :func:`analysis.corpus.segments.segment_text` on the
  rendered text, with the corpus evidence of the other pages of the same part
  (:func:`analysis.corpus.segments.segment_corpus_texts`; each page's site is
  the host of its ground-truth URL, so a prose paragraph counts as repeated only
  on pages of the same site);
* ``jusText`` — jusText 3 on the same rendered text (each line one paragraph), with
  the stoplist of the page's language (its ``lang`` attribute, else the stoplist
  that covers most of its words);
* ``keep everything`` — the floor: every line body;
* ``trafilatura`` — trafilatura's extraction from the HTML with the settings of
  ``add`` (:func:`analysis.corpus.add.extract_page`);
* ``segmenter`` (HTML path) — what ``add page.html`` stores
  (:func:`analysis.corpus.add.compose_page_text` of that extraction) segmented.

A system's output that is not the rendered text itself (the HTML paths, jusText's
paragraphs) is mapped back onto the rendered lines by the same word alignment: a
rendered line is kept when at least half of its word characters align with the
kept output.

The split. Pages are grouped by site (the URL's host without ``www.``), so that
two pages of one outlet are never on both sides, and a site is in the **tune**
part when the SHA-256 of ``"furniture-web-split:<site>"`` falls in the lower half
of its range; ``analysis/data/furniture_split_pages.csv`` lists every page with
its part. ``furniture-train`` (:mod:`analysis.evaluate.furniture_training`) trains
the line classifier on the tune part only; this command scores the **report**
part by default (``--part tune`` or ``all`` are in-sample and say so). It ends
with ``text_f=<value>`` and ``html_f=<value>``.
"""

from __future__ import annotations

import difflib
import gzip
import html
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.evaluate import scoring

SPLIT_SALT = "furniture-web-split"
SPLIT_FILE = config.PACKAGE_DATA_DIR / "furniture_split_pages.csv"
TUNE_SHARE = 0.5
PAGES_SUBDIR = "html"
TRUTH_FILE = "ground-truth.json"
#: A line is body (gold) or kept (system) when at least this share of its word characters align.
ALIGNED_SHARE = 0.5
SYSTEMS = ["segmenter", "jusText", "keep everything", "trafilatura", "segmenter (HTML path)"]
TEXT_SYSTEMS = ["segmenter", "jusText", "keep everything"]
HTML_SYSTEMS = ["trafilatura", "segmenter (HTML path)"]
LINE_COLUMNS = ["page_id", "line", "start", "end", "n_chars", "gold", "scored", "text"]
PAGE_SCORE_COLUMNS = ["page_id", "system", "body_chars", "furniture_chars", "body_kept", "furniture_cut", "f"]

_WORD = re.compile(r"\w+")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_OG_TITLE = re.compile(r"""<meta[^>]+property=["']og:title["'][^>]*content=["']([^"']*)["']""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LANG = re.compile(r"""<html\b[^>]*\blang=["']?([A-Za-z]{2,3})""", re.IGNORECASE)
#: ISO 639-1 codes of the ``lang`` attribute -> jusText stoplist names.
_JUSTEXT_LANGUAGES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
    "ru": "Russian", "ko": "Korean", "id": "Indonesian", "nl": "Dutch", "pl": "Polish", "tr": "Turkish",
    "uk": "Ukrainian", "sv": "Swedish", "cs": "Czech", "ro": "Romanian", "hu": "Hungarian", "el": "Greek",
}


# --------------------------------------------------------------------------- data

def page_site(url: str) -> str:
    """The site a page belongs to: its URL's host, lower-case, without a leading ``www.``."""
    from analysis.corpus.loading import url_site

    return url_site(url)


def page_part(site: str) -> str:
    """``"tune"`` or ``"report"``: the fixed, seeded split of the web pages by site."""
    return scoring.seeded_part(SPLIT_SALT, site, TUNE_SHARE)


def split_table(truth: dict) -> pd.DataFrame:
    """``page_id, site, part, source`` of every page in a ground-truth mapping (the split file's rows)."""
    rows = []
    for page_id in sorted(truth):
        site = page_site(truth[page_id].get("url", ""))
        rows.append({"page_id": page_id, "site": site, "part": page_part(site),
                     "source": f"sha256('{SPLIT_SALT}:<site>') in the lower 50% of its range: tune (analysis.evaluate.furniture.page_part)"})
    return pd.DataFrame(rows, columns=["page_id", "site", "part", "source"])


def recorded_split() -> pd.DataFrame:
    """The split as committed in ``furniture_split_pages.csv`` (``page_id, site, part``)."""
    if not SPLIT_FILE.exists():
        raise FileNotFoundError(f"{SPLIT_FILE}: the tune/report split of the web pages is missing")
    return pd.read_csv(SPLIT_FILE, dtype="string", keep_default_na=False)


def read_truth(path: Path | str) -> dict:
    """The ground truth: ``page id -> {"url", "articleBody"}``, checked.

    Raises
    ------
    ValueError
        Naming the file and the page whose entry has no ``articleBody`` text.
    """
    path = Path(path)
    with open(path, encoding="utf-8") as handle:
        truth = json.load(handle)
    if not isinstance(truth, dict):
        raise ValueError(f"{path}: expected an object mapping page ids to {{url, articleBody}}")
    for page_id, entry in truth.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("articleBody"), str):
            raise ValueError(f"{path}: page {page_id!r} has no articleBody text")
    return truth


def read_markup(pages_dir: Path | str, page_id: str) -> str:
    """The HTML of one saved page (``<id>.html.gz`` or ``<id>.html``), decoded as UTF-8 (bad bytes replaced)."""
    pages_dir = Path(pages_dir)
    for name, opener in ((f"{page_id}.html.gz", gzip.open), (f"{page_id}.html", open)):
        path = pages_dir / name
        if path.exists():
            with opener(path, "rb") as handle:
                return handle.read().decode("utf-8", errors="replace")
    raise FileNotFoundError(f"{pages_dir}: no saved page {page_id}.html.gz or {page_id}.html")


def read_pages(pages_dir: Path | str, truth_file: Path | str, part: str = "report") -> pd.DataFrame:
    """The pages of one part: ``page_id, url, site, part, markup, gold``.

    ``part`` is ``report``, ``tune`` or ``all``; the part of a page comes from the
    committed split file, and a page the file does not list is refused.
    """
    truth = read_truth(truth_file)
    split = recorded_split().set_index("page_id")
    missing = sorted(set(truth) - set(split.index))
    if missing:
        raise ValueError(f"{truth_file}: page {missing[0]} is not in {SPLIT_FILE.name}; rebuild it with furniture-train")
    rows = []
    for page_id in sorted(truth):
        page_part_ = split.loc[page_id, "part"]
        if part != "all" and page_part_ != part:
            continue
        rows.append({"page_id": page_id, "url": truth[page_id].get("url", ""), "site": split.loc[page_id, "site"],
                     "part": page_part_, "markup": read_markup(pages_dir, page_id), "gold": truth[page_id]["articleBody"]})
    return pd.DataFrame(rows, columns=["page_id", "url", "site", "part", "markup", "gold"])


# --------------------------------------------------------------------------- rendering and gold

def render_page(markup: str) -> str:
    """The visible text of a page as a browser copy gives it (inscriptis, no links, no downloads)."""
    from inscriptis import get_text

    if not markup.strip():
        return ""
    return get_text(markup)


def page_headline(markup: str) -> str:
    """The page's headline: its first ``<h1>``'s text, else its ``og:title`` (whitespace collapsed), else ``""``."""
    match = _H1.search(markup)
    text = _TAG.sub(" ", match.group(1)) if match else ""
    if not text.strip():
        og = _OG_TITLE.search(markup)
        text = og.group(1) if og else ""
    return " ".join(html.unescape(text).split())


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    matches = list(_WORD.finditer(text))
    return [m.group().casefold() for m in matches], [m.span() for m in matches]


def aligned_words(text: str, other: str) -> np.ndarray:
    """For each word of ``text``, whether it aligns with a word of ``other`` (in order, case-folded)."""
    words, _ = _words(text)
    other_words, _ = _words(other)
    aligned = np.zeros(len(words), dtype=bool)
    matcher = difflib.SequenceMatcher(None, words, other_words, autojunk=False)
    for block in matcher.get_matching_blocks():
        aligned[block.a:block.a + block.size] = True
    return aligned


def line_table(text: str) -> pd.DataFrame:
    """The non-blank lines of ``text``: ``line, start, end`` (offsets of the stripped line) and its text."""
    rows = []
    position = 0
    for number, line in enumerate(text.splitlines(keepends=True)):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            rows.append((number, start, start + len(stripped), stripped))
        position += len(line)
    return pd.DataFrame(rows, columns=["line", "start", "end", "text"])


def aligned_line_share(text: str, lines: pd.DataFrame, other: str) -> np.ndarray:
    """For each line of ``lines`` (offsets into ``text``), the share of its word characters aligned with ``other``."""
    words, spans = _words(text)
    aligned = aligned_words(text, other) if words else np.zeros(0, dtype=bool)
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    lengths = np.array([e - s for s, e in spans], dtype=np.int64)
    shares = np.zeros(len(lines))
    for i, (start, end) in enumerate(lines[["start", "end"]].itertuples(index=False)):
        lo, hi = np.searchsorted(starts, start), np.searchsorted(starts, end)
        total = lengths[lo:hi].sum()
        shares[i] = lengths[lo:hi][aligned[lo:hi]].sum() / total if total else 0.0
    return shares


def gold_lines(page_id: str, rendered: str, gold: str, headline: str = "") -> pd.DataFrame:
    """Each non-blank line of the rendered page, labelled ``body`` or ``furniture`` against ``gold``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LINE_COLUMNS`: ``start``/``end`` are offsets of the stripped
        line in ``rendered``; ``scored`` is False for lines without a letter or
        digit and for lines that repeat the headline outside the gold body.
    """
    lines = line_table(rendered)
    shares = aligned_line_share(rendered, lines, gold)
    lines.insert(0, "page_id", page_id)
    lines["n_chars"] = lines["end"] - lines["start"]
    lines["gold"] = np.where(shares >= ALIGNED_SHARE, "body", "furniture")
    has_word = lines["text"].map(lambda t: any(ch.isalnum() for ch in t))
    key = " ".join(headline.split()).casefold()
    is_headline = lines["text"].map(lambda t: bool(key) and " ".join(t.split()).casefold() == key)
    lines["scored"] = has_word & ~(is_headline & lines["gold"].eq("furniture"))
    return lines[LINE_COLUMNS]


# --------------------------------------------------------------------------- kinds of furniture

KINDS_FILE = config.PACKAGE_DATA_DIR / "furniture_kinds.csv"
#: Kinds decided by a line's form when no wording of :data:`KINDS_FILE` matches, in the order they are tried.
FORM_KINDS = ["comments", "other_prose", "navigation", "other_headlines"]
KIND_COLUMNS = ["kind", "lines", "furniture_chars", "share"]
_KIND_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def furniture_kind_rules() -> tuple[tuple[str, re.Pattern, int], ...]:
    """``(kind, pattern, max_words)`` of ``data/furniture_kinds.csv``, in file order (the first match wins)."""
    table = pd.read_csv(KINDS_FILE, dtype="string", keep_default_na=False)
    expected = ["kind", "pattern", "max_words", "note", "source"]
    if list(table.columns) != expected:
        raise ValueError(f"{KINDS_FILE}: expected columns {expected}, found {list(table.columns)}")
    rules = []
    for line, row in enumerate(table.itertuples(index=False), start=2):
        if not row.source:
            raise ValueError(f"{KINDS_FILE}: line {line} ({row.kind}) has no source")
        try:
            rules.append((row.kind, re.compile(row.pattern, re.IGNORECASE), int(row.max_words)))
        except (re.error, ValueError) as error:
            raise ValueError(f"{KINDS_FILE}: line {line} ({row.kind}): {error}") from None
    return tuple(rules)


def furniture_kinds_of_page(lines: pd.DataFrame) -> list[str]:
    """The kind of each gold furniture line of one page (``""`` for body lines), by a general rule.

    In order, the first that holds:

    1. **wording** (``data/furniture_kinds.csv``, first matching row): ads,
       copyright/legal, newsletter/app pitches, bios, comment widgets, date and
       tag lines, share/social, bylines and credits — each only on a line of at
       most its ``max_words`` words;
    2. ``comments``: a prose line (:func:`analysis.corpus.line_model.is_prose`)
       after the page's last body line, below a comment-widget line (rule 1);
    3. ``other_prose``: any other prose line (teaser summaries, notices);
    4. ``navigation``: a line of at most four words (menus, section labels);
    5. ``other_headlines``: any other line (five words or more, not prose: other
       articles' headlines, teasers, captions without a credit).

    ``lines`` are one page's rows of :func:`gold_lines`, in page order.
    """
    from analysis.corpus.line_model import is_prose

    rules = furniture_kind_rules()
    gold = lines["gold"].to_list()
    texts = lines["text"].to_list()
    last_body = max((i for i, g in enumerate(gold) if g == "body"), default=-1)
    kinds = []
    comment_marker_seen = False
    for i, (text, label) in enumerate(zip(texts, gold)):
        if label != "furniture":
            kinds.append("")
            continue
        words = len(_KIND_WORD.findall(text))
        kind = next((name for name, pattern, most in rules if words <= most and pattern.search(text)), "")
        if kind == "comments" and i > last_body:
            comment_marker_seen = True
        if not kind:
            if is_prose(text):
                kind = "comments" if comment_marker_seen and i > last_body else "other_prose"
            elif words <= 4:
                kind = "navigation"
            else:
                kind = "other_headlines"
        kinds.append(kind)
    return kinds


def kind_names() -> list[str]:
    """Every furniture kind, in the order the per-kind table lists them."""
    return list(dict.fromkeys([name for name, _, _ in furniture_kind_rules()] + FORM_KINDS))


def kind_table(lines: pd.DataFrame, systems: list[str] | None = None) -> pd.DataFrame:
    """Per furniture kind: how many scored gold furniture lines and characters, and what each system set aside.

    ``lines`` is :func:`evaluate_pages`' ``lines`` (with a ``kind`` column and one
    kept/cut column per system). Columns :data:`KIND_COLUMNS` (``share`` is the
    kind's share of all furniture characters), then ``<system>`` = share of the
    kind's characters that system set aside (by default every system of
    ``lines`` but ``keep everything``); most frequent kind first, and a last row
    ``all``.
    """
    systems = systems or [s for s in SYSTEMS if s != "keep everything" and s in lines]
    furniture = lines[lines["scored"] & lines["gold"].eq("furniture")]
    total = furniture["n_chars"].sum()
    rows = []
    for kind, group in list(furniture.groupby("kind", sort=False)) + [("all", furniture)]:
        chars = group["n_chars"].sum()
        row = {"kind": kind, "lines": len(group), "furniture_chars": int(chars), "share": chars / total if total else 0.0}
        for system in systems:
            row[system] = group.loc[~group[system].astype(bool), "n_chars"].sum() / chars if chars else None
        rows.append(row)
    table = pd.DataFrame(rows, columns=KIND_COLUMNS + systems)
    body = table[table["kind"].ne("all")].sort_values("furniture_chars", ascending=False)
    return pd.concat([body, table[table["kind"].eq("all")]], ignore_index=True)


# --------------------------------------------------------------------------- systems

@lru_cache(maxsize=None)
def _stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(name))


def justext_language(markup: str, rendered: str) -> str:
    """The jusText stoplist for a page: its ``lang`` attribute when jusText has it, else the best-covering stoplist."""
    import justext

    match = _LANG.search(markup[:5000])
    if match and match.group(1).lower() in _JUSTEXT_LANGUAGES:
        return _JUSTEXT_LANGUAGES[match.group(1).lower()]
    words = [w.casefold() for w in _WORD.findall(rendered)]
    if not words:
        return "English"
    return max(sorted(justext.get_stoplists()), key=lambda name: sum(w in _stoplist(name) for w in words))


def justext_kept_text(rendered: str, language: str) -> str:
    """jusText's kept paragraphs of a rendered text, each line given to it as one paragraph."""
    import justext

    lines = [line.strip() for line in rendered.splitlines() if line.strip()]
    if not lines:
        return ""
    markup = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(markup.encode("utf-8"), _stoplist(language), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def html_path_stored_text(markup: str, page_id: str) -> str:
    """The text ``add page.html`` stores for a page (title, byline, date, extracted body), or ``""``."""
    from analysis.corpus.add import compose_page_text, extract_page
    from analysis.errors import CorpusError

    try:
        lines, stated = extract_page(markup, f"{page_id}.html")
    except CorpusError:
        return ""
    return compose_page_text(lines, stated)


def html_path_texts(markup: str, page_id: str) -> tuple[str, str]:
    """trafilatura's extraction (as ``add`` runs it) and the body ``add`` then keeps after segmenting.

    A page trafilatura finds no article in gives two empty texts.
    """
    from analysis.corpus.add import compose_page_text, extract_page
    from analysis.corpus.segments import segment_text
    from analysis.errors import CorpusError

    try:
        lines, stated = extract_page(markup, f"{page_id}.html")
    except CorpusError:
        return "", ""
    stored = compose_page_text(lines, stated)
    segments = segment_text(stored, extracted=True)
    # The title line comes from the page's metadata, as the headline is left out of the scoring
    # (and of trafilatura's text): aligned with the page it would credit a menu line that contains it.
    body = segments[segments["kind"].eq("body") & segments["label"].ne("title")]
    return "\n".join(lines), "\n".join(stored[s:e] for s, e in body[["start", "end"]].itertuples(index=False))


def segmenter_kept(rendered: str, lines: pd.DataFrame, segments: pd.DataFrame) -> np.ndarray:
    """For each rendered line, whether the segmenter's segment containing it is body."""
    starts = segments["start"].to_numpy()
    kinds = segments["kind"].to_numpy()
    index = np.searchsorted(starts, lines["start"].to_numpy(), side="right") - 1
    return kinds[index] == "body"


# --------------------------------------------------------------------------- scoring

def score_lines(lines: pd.DataFrame, kept: np.ndarray) -> dict:
    """Body kept, furniture set aside and F over the scored lines (by characters)."""
    scored = lines["scored"].to_numpy()
    body = (lines["gold"].to_numpy() == "body") & scored
    furniture = (lines["gold"].to_numpy() == "furniture") & scored
    chars = lines["n_chars"].to_numpy()
    body_chars, furniture_chars = int(chars[body].sum()), int(chars[furniture].sum())
    body_kept = chars[body & kept].sum() / body_chars if body_chars else None
    furniture_cut = chars[furniture & ~kept].sum() / furniture_chars if furniture_chars else None
    f = scoring.harmonic_mean(body_kept, furniture_cut) if body_kept is not None and furniture_cut is not None else None
    return {"body_chars": body_chars, "furniture_chars": furniture_chars, "body_kept": body_kept,
            "furniture_cut": furniture_cut, "f": f,
            "kept_body_chars": int(chars[body & kept].sum()), "cut_furniture_chars": int(chars[furniture & ~kept].sum())}


def pooled(scores: pd.DataFrame) -> dict:
    """Body kept, furniture set aside and F pooled over pages (characters summed), and per-page medians."""
    body, furniture = scores["body_chars"].sum(), scores["furniture_chars"].sum()
    body_kept = scores["kept_body_chars"].sum() / body if body else None
    furniture_cut = scores["cut_furniture_chars"].sum() / furniture if furniture else None
    f = scoring.harmonic_mean(body_kept, furniture_cut) if body_kept is not None and furniture_cut is not None else None
    return {"body_kept": body_kept, "furniture_cut": furniture_cut, "f": f,
            "median_page_f": float(scores["f"].dropna().median()) if scores["f"].notna().any() else None}


def evaluate_pages(pages: pd.DataFrame, progress=None) -> dict:
    """Render, label and score every page of ``pages`` (from :func:`read_pages`) with every system.

    Returns
    -------
    dict
        ``lines`` (:data:`LINE_COLUMNS` plus one kept/cut column per system),
        ``pages`` (:data:`PAGE_SCORE_COLUMNS`, one row per page and system),
        ``overall`` (system -> :func:`pooled`), ``rendered`` (page id -> text),
        ``segments`` (the segmenter's segments of each rendered page, with ``page_id``).
    """
    from analysis.corpus.segments import segment_corpus_texts

    rendered = {row.page_id: render_page(row.markup) for row in pages.itertuples(index=False)}
    # The text path sees the part as a corpus: lines repeated on other pages are evidence.
    segmented = segment_corpus_texts(rendered, sites=dict(zip(pages["page_id"], pages["site"])))
    all_lines, page_rows, segment_frames = [], [], []
    for n, row in enumerate(pages.itertuples(index=False), start=1):
        text = rendered[row.page_id]
        lines = gold_lines(row.page_id, text, row.gold, page_headline(row.markup))
        segments = segmented[row.page_id]
        segment_frames.append(segments.assign(page_id=row.page_id))
        trafilatura_text, html_body = html_path_texts(row.markup, row.page_id)
        language = justext_language(row.markup, text)
        kept = {
            "segmenter": segmenter_kept(text, lines, segments),
            "jusText": aligned_line_share(text, lines, justext_kept_text(text, language)) >= ALIGNED_SHARE,
            "keep everything": np.ones(len(lines), dtype=bool),
            "trafilatura": aligned_line_share(text, lines, trafilatura_text) >= ALIGNED_SHARE,
            "segmenter (HTML path)": aligned_line_share(text, lines, html_body) >= ALIGNED_SHARE,
        }
        lines["kind"] = furniture_kinds_of_page(lines)
        for system in SYSTEMS:
            lines[system] = kept[system]
            page_rows.append({"page_id": row.page_id, "system": system, **score_lines(lines, kept[system])})
        all_lines.append(lines)
        if progress is not None and (n % 20 == 0 or n == len(pages)):
            print(f"{n} of {len(pages)} pages scored", file=progress, flush=True)
    page_scores = pd.DataFrame(page_rows)
    overall = {system: pooled(page_scores[page_scores["system"].eq(system)]) for system in SYSTEMS}
    return {"lines": pd.concat(all_lines, ignore_index=True) if all_lines else pd.DataFrame(columns=LINE_COLUMNS),
            "pages": page_scores, "overall": overall, "rendered": rendered,
            "segments": pd.concat(segment_frames, ignore_index=True) if segment_frames else pd.DataFrame()}


# --------------------------------------------------------------------------- for the notebook

WORST_PAGE_COLUMNS = ["page_id", "site", "url", "body_chars", "furniture_chars", "body_kept", "furniture_cut", "f"]
PAGE_LINE_COLUMNS = ["page_id", "line", "gold", "kind", "segmenter", "outcome", "text"]


def held_out_evaluation(pages_dir: Path | str, truth_file: Path | str, part: str = "report", use_cache: bool = True) -> dict:
    """:func:`evaluate_pages` on one part of the web pages, as notebook 00 shows it, cached.

    The result depends only on this package and on the pages and ground truth, not
    on the corpus being analysed, so it is cached on their contents
    (:mod:`analysis.report.result_cache`): a rebuild reuses it, and any change to the
    segmenter, its model or data files, or the pages recomputes it.
    ``use_cache=False`` always recomputes.

    Returns
    -------
    dict
        ``part``; ``n_pages`` and ``n_sites``; ``overall`` (system -> :func:`pooled`);
        ``pages`` (:data:`PAGE_SCORE_COLUMNS` plus the kept/cut characters, one row
        per page and system); ``kinds`` (:func:`kind_table`); ``lines``
        (:data:`LINE_COLUMNS` plus ``kind`` and one kept/cut column per system);
        ``sites`` (page id -> site) and ``urls`` (page id -> URL).

    Raises
    ------
    FileNotFoundError
        When ``pages_dir`` or ``truth_file`` is absent (check with
        :func:`analysis.evaluate.scoring.missing_data` first).
    """
    from analysis.report import result_cache

    pages_dir, truth_file = Path(pages_dir), Path(truth_file)
    for path, what in ((pages_dir, "the folder of saved web pages is"), (truth_file, "the web pages' ground truth is")):
        if not path.exists():
            raise FileNotFoundError(f"{path}: {what} missing")

    def compute() -> dict:
        pages = read_pages(pages_dir, truth_file, part)
        result = evaluate_pages(pages)
        return {"part": part, "n_pages": len(pages), "n_sites": int(pages["site"].nunique()),
                "overall": result["overall"], "pages": result["pages"], "kinds": kind_table(result["lines"]),
                "lines": result["lines"], "sites": dict(zip(pages["page_id"], pages["site"])),
                "urls": dict(zip(pages["page_id"], pages["url"]))}

    if not use_cache:
        return compute()
    return result_cache.cached(f"furniture-{part}-evaluation", result_cache.content_key(pages_dir, truth_file), compute)


def worst_pages(result: dict, system: str = "segmenter", n: int = 5) -> pd.DataFrame:
    """The ``n`` pages of ``result`` (:func:`held_out_evaluation`) with the lowest F for ``system``.

    Columns :data:`WORST_PAGE_COLUMNS`, lowest F first; pages without both body
    and furniture (F undefined) are left out.
    """
    scores = result["pages"][result["pages"]["system"].eq(system)].dropna(subset=["f"])
    worst = scores.sort_values(["f", "page_id"]).head(n).copy()
    worst["site"] = worst["page_id"].map(result["sites"])
    worst["url"] = worst["page_id"].map(result["urls"])
    return worst[WORST_PAGE_COLUMNS].reset_index(drop=True)


def page_errors(result: dict, page_id: str, system: str = "segmenter") -> pd.DataFrame:
    """The scored lines of one page that ``system`` got wrong: body it cut and furniture it kept, in page order.

    Columns :data:`PAGE_LINE_COLUMNS`: ``segmenter`` is True when the system kept
    the line; ``outcome`` is ``body cut`` or ``furniture kept``.
    """
    lines = result["lines"]
    page = lines[lines["page_id"].eq(page_id) & lines["scored"]]
    kept = page[system].astype(bool)
    wrong = page[(page["gold"].eq("body") & ~kept) | (page["gold"].eq("furniture") & kept)]
    out = wrong.assign(segmenter=wrong[system].astype(bool),
                       outcome=wrong["gold"].map({"body": "body cut", "furniture": "furniture kept"}))
    return out[PAGE_LINE_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- command line

def print_report(result: dict, part: str, out=None) -> None:
    """The table of figures per system, then ``text_f`` and ``html_f``."""
    out = out or sys.stdout
    n_pages = result["pages"]["page_id"].nunique()
    print(f"{n_pages} pages ({part}); by characters of the lines with words", file=out)
    rows = [{"system": system, "path": "text" if system in TEXT_SYSTEMS else "HTML", **result["overall"][system]}
            for system in SYSTEMS]
    scoring.print_table(rows, [("path", "path", ""), ("system", "system", ""), ("body_kept", "body kept", ".3f"),
                               ("furniture_cut", "furniture set aside", ".3f"), ("f", "F", ".3f"),
                               ("median_page_f", "median page F", ".3f")], out)
    kinds = kind_table(result["lines"])
    print("\nfurniture set aside, per kind of furniture (data/furniture_kinds.csv; share = of all furniture characters)", file=out)
    scoring.print_table(kinds.to_dict("records"),
                        [("kind", "kind", ""), ("lines", "lines", ","), ("share", "share", ".3f")]
                        + [(system, system, ".3f") for system in kinds.columns[len(KIND_COLUMNS):]], out)
    # Recorded with --record, so a report built without the web pages still shows the last measured figures.
    scoring.keep_figure("pages", n_pages)
    scoring.keep_figure("body_kept", result["overall"]["segmenter"]["body_kept"] or 0.0)
    scoring.keep_figure("furniture_cut", result["overall"]["segmenter"]["furniture_cut"] or 0.0)
    scoring.keep_figure("trafilatura_f", result["overall"]["trafilatura"]["f"] or 0.0)
    scoring.final_line("text_f", result["overall"]["segmenter"]["f"] or 0.0, out)
    scoring.final_line("html_f", result["overall"]["segmenter (HTML path)"]["f"] or 0.0, out)


def _add_arguments(parser) -> None:
    shared = config.shared_data_dir() / "web-articles"
    parser.add_argument("--pages", type=Path, default=shared / PAGES_SUBDIR,
                        help="folder of saved pages <id>.html.gz (default: ../shared/data/web-articles/html)")
    parser.add_argument("--truth", type=Path, default=shared / TRUTH_FILE,
                        help="JSON: page id -> {url, articleBody} (default: ../shared/data/web-articles/ground-truth.json)")
    parser.add_argument("--part", choices=["report", "tune", "all"], default="report",
                        help="which pages to score: report (default: not used for training), tune (in-sample) or all")


def _run(args) -> int:
    if scoring.missing_data([args.pages, args.truth]):
        return 0
    pages = read_pages(args.pages, args.truth, args.part)
    if pages.empty:
        print(f"no {args.part} pages in {args.truth}", file=sys.stderr)
        return 1
    if args.part != "report":
        print(f"note: {args.part} includes the pages the classifier was trained on; these figures are in-sample")
    print(f"scoring {len(pages):,} pages ...", flush=True)
    print_report(evaluate_pages(pages, progress=sys.stdout), args.part)
    return 0


TASKS = [scoring.Task("furniture", "score body vs furniture on saved web pages against hand-extracted bodies, "
                      "beside jusText and trafilatura", _add_arguments, _run)]
