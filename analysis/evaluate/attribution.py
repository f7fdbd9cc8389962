"""Measure the attribution ledger against PolNeAR, expert annotations of attribution in political news.

::

    python -m analysis.evaluate attribution --articles DIR --annotations DIR

``DIR`` are a PolNeAR compartment's ``text/`` (one ``<article>.txt`` each) and
``attributions/`` (brat standoff ``<article>_<annotator>.ann``). The default is
``../shared/data/polnear/dev``: the rules and the cue model were tuned on
``train/`` only, so dev figures are out of sample; scoring ``train/`` prints a
note that its figures are in-sample.

**The gold.** Every brat event whose trigger is ``Attribution`` or
``Attribution-no-source`` is one attribution, with its ``Content`` (and
``Content2``), ``Cue`` and ``Source`` spans; a span may be discontinuous
(``s e;s e``). ``Discuss`` and ``Discard`` marks are the annotators' notes to
each other, not attributions. Most articles have one annotator; the few used to
measure agreement have all six, each a complete, independent annotation
(PolNeAR-README: "Most articles are only annotated by one annotator, but those
used to test agreement are annotated by many annotators"; the annotations are
univocal, so they cannot be merged into one token labelling). The README names
none of them authoritative, and the authors' loader picks one at random when no
annotator is asked for; here the pick is fixed: :func:`choose_annotator` takes the
annotator whose SHA-256 of ``"polnear-annotator:<article>:<annotator>"`` is
smallest. ``analysis/data/polnear_annotators.csv`` lists the choice for every
article of ``train/`` and ``dev/`` that has several (columns ``compartment,
article, annotators, chosen``); it was written once from :func:`annotator_choices`
of each compartment's ``attributions/`` folder, and a test checks that it still
agrees with :func:`choose_annotator`.

**The scores, one-to-one.** An attribution row of the ledger (``kind`` quote,
reported, thought or finding with a cue or a source; scare quotes and quotations
nobody is said to have spoken are not attributions) may match a gold attribution
when their contents overlap by at least one character. Pairs are taken greedily,
each row and each gold attribution at most once: first the pairs whose cues
overlap too, then by characters of content overlap (largest first), so a row is
paired with the attribution it found rather than with a nested one around it
(:func:`match`). Then:

* attribution precision = matched rows / rows; recall = matched gold / gold; F1;
* source accuracy, over matched pairs: right when the row's source span overlaps
  the gold source, or when the name the row resolved a pronoun or surname to
  (or its speaker) shares its surname with the gold source's head name (the name
  before an appositive: "Bob Lee, a California delegate" is Lee), or when both
  have no source. PolNeAR does not say whom a pronoun the expert marked refers
  to (its coreference is CoreNLP's automatic output), so a row naming a person
  where the expert marked "he" is right only when the two spans overlap;
* cue accuracy, over matched pairs: the row's cue span overlaps the gold cue;
* direct quotations apart: gold attributions whose content opens with a
  quotation mark against rows with ``is_quote``, matched the same way;
* per cue kind (``verb``, ``noun``, ``according_to``, ``thought``, ``finding``,
  :func:`analysis.provenance.attribution.cue_kind`, the same function on the
  gold cue and on the row's cue): recall by the gold cue's kind, precision by
  the row's.

It ends with ``attribution_f1=<value>``.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.evaluate import scoring

GOLD_COLUMNS = ["doc_id", "annotator", "attribution_id", "content", "cue", "source", "content_text", "cue_text",
                "source_text", "is_quote", "cue_kind"]
ANNOTATOR_FILE = config.PACKAGE_DATA_DIR / "polnear_annotators.csv"
ANNOTATOR_SALT = "polnear-annotator"
ATTRIBUTION_TRIGGERS = ("Attribution", "Attribution-no-source")
ROLE_TYPES = {"Content", "Content2", "Cue", "Source"}
NOTE_TYPES = {"Discuss", "Discard"}
QUOTE_OPENERS = "“\"‘'«`"
PREDICTED_KINDS = ("quote", "reported", "thought", "finding")
KINDS = ("verb", "noun", "according_to", "thought", "finding")


# --------------------------------------------------------------------------- the articles

def load_articles(folder: Path | str, out=None) -> pd.DataFrame:
    """``doc_id, raw`` of every ``.txt`` article of a PolNeAR ``text/`` folder, decoded as the corpus layer decodes.

    Unlike :func:`analysis.corpus.loading.load_corpus` it keeps two files with the
    same text (PolNeAR train has a Washington Post story filed on two dates, each
    with its own annotation): both are scored, and ``out`` is told.
    """
    from analysis.corpus import loading

    rows, seen = [], {}
    for path in loading.article_paths(folder):
        data = loading.read_article_bytes(path)
        digest = loading.sha256_bytes(data)
        if digest in seen:
            print(f"note: {path.name} has the same text as {seen[digest]}; both are scored (each has its own annotation)",
                  file=out or sys.stderr)
        seen.setdefault(digest, path.name)
        rows.append({"doc_id": path.stem, "raw": loading.decode_article(data, path)})
    return pd.DataFrame(rows, columns=["doc_id", "raw"])


# --------------------------------------------------------------------------- the gold

def choose_annotator(doc_id: str, annotators: list[str]) -> str:
    """The annotator whose annotation is scored for an article with several (a fixed, seeded pick)."""
    def rank(annotator: str) -> str:
        return hashlib.sha256(f"{ANNOTATOR_SALT}:{doc_id}:{annotator}".encode()).hexdigest()
    return min(annotators, key=rank)


def annotation_files(folder: Path | str) -> dict[str, dict[str, Path]]:
    """``article -> annotator -> .ann path`` of a PolNeAR ``attributions/`` folder.

    Raises
    ------
    ValueError
        For a ``.ann`` file whose name has no ``_<annotator>`` suffix.
    """
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(Path(folder).glob("*.ann")):
        stem, sep, annotator = path.stem.rpartition("_")
        if not sep or not stem or not annotator:
            raise ValueError(f"{path}: expected a name <article>_<annotator>.ann")
        found.setdefault(stem, {})[annotator] = path
    return found


def _spans(field: str, path: Path, line_no: int) -> list[tuple[int, int]]:
    spans = []
    for part in field.split(";"):
        pieces = part.split()
        try:
            start, end = int(pieces[0]), int(pieces[1])
        except (IndexError, ValueError):
            raise ValueError(f"{path}: line {line_no}: span {part!r} is not 'start end'") from None
        if start < 0 or end <= start:
            raise ValueError(f"{path}: line {line_no}: span {start}-{end} is empty or negative")
        spans.append((start, end))
    return spans


def read_annotation(path: Path | str, text: str) -> list[dict]:
    """The gold attributions of one brat ``.ann`` file (offsets into ``text``).

    Each is a dict with ``attribution_id``, ``content``/``cue``/``source`` (lists
    of ``(start, end)``, empty when the role is absent) and their text.

    Raises
    ------
    ValueError
        Naming the file and line of a malformed line, a span past the end of the
        text, or an event pointing at a text-bound annotation the file lacks.
    """
    path = Path(path)
    bound: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            ident = fields[0]
            if not re.fullmatch(r"[TERAN#*]\d*", ident):
                continue  # the rest of the previous line's covered text, which held a line break
            if ident.startswith("T"):
                if len(fields) < 2 or " " not in fields[1]:
                    raise ValueError(f"{path}: line {line_no}: expected 'T<n>\\t<type> <start> <end>\\t<text>'")
                label, offsets = fields[1].split(" ", 1)
                spans = _spans(offsets, path, line_no)
                if max(e for _, e in spans) > len(text):
                    raise ValueError(f"{path}: line {line_no}: span ends at {max(e for _, e in spans)}, past the text's {len(text)} characters")
                bound[ident] = (label, spans)
            elif ident.startswith("E"):
                if len(fields) < 2:
                    raise ValueError(f"{path}: line {line_no}: expected 'E<n>\\t<role>:<T> ...'")
                roles = []
                for item in fields[1].split():
                    role, sep, target = item.partition(":")
                    if not sep:
                        raise ValueError(f"{path}: line {line_no}: argument {item!r} is not role:T<n>")
                    roles.append((role, target))
                events.append((line_no, ident, roles))
    gold = []
    for line_no, ident, roles in events:
        if not roles or roles[0][0] not in ATTRIBUTION_TRIGGERS:
            continue
        parts: dict[str, list[tuple[int, int]]] = {"content": [], "cue": [], "source": []}
        for role, target in roles[1:]:
            if role not in ROLE_TYPES:
                continue
            if target not in bound:
                raise ValueError(f"{path}: line {line_no}: event {ident} points at {target}, which the file does not define")
            key = "content" if role.startswith("Content") else role.lower()
            parts[key].extend(bound[target][1])
        if not parts["content"]:
            continue  # nothing to match a row against (a handful of events the annotators left unfinished)
        for key in parts:
            parts[key].sort()
        gold.append({"attribution_id": ident, **parts,
                     **{f"{key}_text": " … ".join(text[s:e] for s, e in spans) for key, spans in parts.items()}})
    return gold


def load_gold(annotations: Path | str, docs: pd.DataFrame, choices: dict[str, str] | None = None) -> pd.DataFrame:
    """Gold attributions of the articles in ``docs``, one annotator per article.

    Parameters
    ----------
    annotations : path
        A PolNeAR ``attributions/`` folder.
    docs : DataFrame
        From :func:`analysis.corpus.loading.load_corpus` of the matching ``text/``
        folder (``doc_id`` = file stem, ``raw``).
    choices : dict, optional
        ``article -> annotator`` for articles with several; default
        :func:`choose_annotator`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`GOLD_COLUMNS`; ``content``, ``cue``, ``source`` hold lists of spans.

    Raises
    ------
    FileNotFoundError
        When an article of ``docs`` has no ``.ann`` file.
    """
    from analysis.provenance.attribution import cue_kind

    files = annotation_files(annotations)
    rows = []
    for doc_id, raw in docs[["doc_id", "raw"]].itertuples(index=False):
        by_annotator = files.get(doc_id)
        if not by_annotator:
            raise FileNotFoundError(f"{Path(annotations) / (doc_id + '_<annotator>.ann')}: no annotation for article {doc_id}")
        annotator = (choices or {}).get(doc_id) or choose_annotator(doc_id, sorted(by_annotator))
        for item in read_annotation(by_annotator[annotator], raw):
            content_text = item["content_text"].lstrip()
            rows.append({"doc_id": doc_id, "annotator": annotator, **item,
                         "is_quote": content_text[:1] in QUOTE_OPENERS or content_text[:2] == "''",
                         "cue_kind": cue_kind(item["cue_text"])})
    return pd.DataFrame(rows, columns=GOLD_COLUMNS)


def annotator_choices(annotations: Path | str) -> pd.DataFrame:
    """``article, annotators, chosen`` for every article of ``annotations`` with several annotators."""
    rows = []
    for doc_id, by_annotator in annotation_files(annotations).items():
        if len(by_annotator) > 1:
            rows.append({"article": doc_id, "annotators": "|".join(sorted(by_annotator)),
                         "chosen": choose_annotator(doc_id, sorted(by_annotator))})
    return pd.DataFrame(rows, columns=["article", "annotators", "chosen"])


# --------------------------------------------------------------------------- matching and scores

def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def predicted_attributions(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger rows that claim an attribution: a quote, reported statement, thought or finding with a cue or a source."""
    claims = ledger[ledger["kind"].isin(PREDICTED_KINDS)]
    return claims[claims["cue_start"].notna() | claims["speaker_kind"].isin(["named", "vague"])].reset_index(drop=True)


def match(predicted: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one pairs ``(row index in predicted, row index in gold)`` whose contents overlap.

    Greedy: first the pairs whose cues overlap too, then the others; within each, by
    characters of content overlap, largest first (ties: earlier row, earlier gold). A
    row whose content overlaps two nested gold attributions ("…,” said Ann Lee,
    reports the Times") is so paired with the one whose cue it found, not with the
    one that happens to share more characters. Rows without cue columns (the
    quotation scores) are matched on content alone.
    """
    pairs = []
    gold_by_doc: dict[str, list[tuple[int, list, list]]] = {}
    gold_cues = gold["cue"] if "cue" in gold else [[]] * len(gold)
    for j, (doc_id, content, cue) in enumerate(zip(gold["doc_id"], gold["content"], gold_cues)):
        gold_by_doc.setdefault(doc_id, []).append((j, content, cue))
    has_cue = "cue_start" in predicted
    cue_starts = predicted["cue_start"] if has_cue else [None] * len(predicted)
    cue_ends = predicted["cue_end"] if has_cue else [None] * len(predicted)
    candidates = []
    for i, (doc_id, start, end, c_start, c_end) in enumerate(zip(predicted["doc_id"], predicted["start"], predicted["end"],
                                                                 cue_starts, cue_ends)):
        for j, content, cue in gold_by_doc.get(doc_id, []):
            chars = _overlap([(int(start), int(end))], content)
            if chars > 0:
                same_cue = pd.notna(c_start) and bool(cue) and _overlap([(int(c_start), int(c_end))], cue) > 0
                candidates.append((-int(same_cue), -chars, i, j))
    used_p, used_g = set(), set()
    for _, _, i, j in sorted(candidates):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return sorted(pairs)


#: Where a name's appositive or bracket begins ("Bob Lee, a state senator"; "Ann Lee (D-Ohio)"; "Ann Lee - who …").
_APPOSITIVE = re.compile(r",|\(| [-–—]+ ")


def _surname(name: str) -> str:
    """The surname of a source's head name: the last capitalised word before an appositive.

    "Bob Lee, a California delegate" is Lee, not California; "Cruz spokesman Rick Tyler" is Tyler.
    """
    head = _APPOSITIVE.split(str(name), maxsplit=1)[0]
    words = [w.strip(".,’'s").lower() for w in head.split() if w[:1].isupper()]
    return words[-1] if words else ""


def source_right(row, gold_row) -> bool:
    """Whether a matched row names the gold source (see the module docstring)."""
    gold_spans = gold_row["source"]
    has_span = pd.notna(row["source_start"])
    if not gold_spans:
        return not has_span
    if has_span and _overlap([(int(row["source_start"]), int(row["source_end"]))], gold_spans) > 0:
        return True
    resolved = row["source_resolved"] or row["speaker"]
    return bool(resolved) and _surname(resolved) != "" and _surname(resolved) == _surname(gold_row["source_text"])


def cue_right(row, gold_row) -> bool:
    """Whether a matched row's cue span overlaps the gold cue."""
    if pd.isna(row["cue_start"]) or not gold_row["cue"]:
        return False
    return _overlap([(int(row["cue_start"]), int(row["cue_end"]))], gold_row["cue"]) > 0


def evaluate(ledger: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Every figure of the evaluation, from a ledger and the gold of the same articles.

    Returns
    -------
    dict
        ``overall`` and ``quotes`` (dicts of n_predicted, n_gold, n_matched,
        precision, recall, f1), ``source_accuracy``, ``cue_accuracy``,
        ``per_kind`` (a DataFrame: kind, n_predicted, n_gold, precision, recall,
        f1, source_accuracy), ``pairs``, ``predicted`` and ``gold``.
    """
    predicted = predicted_attributions(ledger[ledger["doc_id"].isin(set(gold["doc_id"]) | set(ledger["doc_id"]))])
    gold = gold.reset_index(drop=True)
    pairs = match(predicted, gold)
    p_rows = predicted.to_dict("records")
    g_rows = gold.to_dict("records")
    source_ok = [source_right(p_rows[i], g_rows[j]) for i, j in pairs]
    cue_ok = [cue_right(p_rows[i], g_rows[j]) for i, j in pairs]

    def figures(n_pred: int, n_gold: int, n_p_matched: int, n_g_matched: int) -> dict:
        precision, recall, f1 = scoring.prf(n_p_matched, n_pred, n_g_matched, n_gold)
        return {"n_predicted": n_pred, "n_gold": n_gold, "n_matched": n_g_matched,
                "precision": precision, "recall": recall, "f1": f1}

    overall = figures(len(predicted), len(gold), len(pairs), len(pairs))
    quote_pred = predicted[predicted["is_quote"]].reset_index(drop=True)
    quote_gold = gold[gold["is_quote"]].reset_index(drop=True)
    quote_pairs = match(quote_pred, quote_gold)
    quotes = figures(len(quote_pred), len(quote_gold), len(quote_pairs), len(quote_pairs))
    per_kind = []
    matched_pred_kind = Counter(p_rows[i]["cue_kind"] for i, _ in pairs)
    matched_gold_kind = Counter(g_rows[j]["cue_kind"] for _, j in pairs)
    source_by_kind = Counter(g_rows[j]["cue_kind"] for (_, j), ok in zip(pairs, source_ok) if ok)
    for kind in KINDS:
        n_pred = int(predicted["cue_kind"].eq(kind).sum())
        n_gold = int(gold["cue_kind"].eq(kind).sum())
        row = {"kind": kind, **figures(n_pred, n_gold, matched_pred_kind[kind], matched_gold_kind[kind])}
        row["source_accuracy"] = source_by_kind[kind] / matched_gold_kind[kind] if matched_gold_kind[kind] else None
        row["n_matched"] = matched_gold_kind[kind]
        per_kind.append(row)
    return {
        "overall": overall,
        "quotes": quotes,
        "source_accuracy": sum(source_ok) / len(pairs) if pairs else None,
        "cue_accuracy": sum(cue_ok) / len(pairs) if pairs else None,
        "per_kind": pd.DataFrame(per_kind),
        "pairs": pairs,
        "source_ok": source_ok,
        "cue_ok": cue_ok,
        "predicted": predicted,
        "gold": gold,
        "n_articles": gold["doc_id"].nunique() if len(gold) else 0,
    }


def run_evaluation(articles: Path | str, annotations: Path | str, progress=None,
                   only: frozenset[str] | None = None) -> dict:
    """Load a PolNeAR compartment, run the ledger as the reports run it, and score it (:func:`evaluate`).

    ``progress`` (a file) gets one line per stage; ``only``: the article ids to
    score (default all). The result also holds ``docs`` and ``ledger``.

    Raises
    ------
    ValueError
        When an article of ``only`` is not in ``articles``.
    """
    from analysis.provenance import attribution

    out = progress or io.StringIO()
    docs = load_articles(articles, out)
    if only is not None:
        missing = sorted(only - set(docs["doc_id"]))
        if missing:
            raise ValueError(f"{articles}: {len(missing)} listed article(s) not in the folder, e.g. {missing[0]}")
        docs = docs[docs["doc_id"].isin(only)].reset_index(drop=True)
    print(f"loaded {len(docs):,} articles from {articles}", file=out, flush=True)
    gold = load_gold(annotations, docs)
    print(f"read {len(gold):,} gold attributions", file=out, flush=True)
    ledgers = []
    step = max(1, len(docs) // 4)
    for first in range(0, len(docs), step):
        ledgers.append(attribution.find_attributions(docs.iloc[first:first + step]))
        print(f"ledger: {min(first + step, len(docs)):,} of {len(docs):,} articles done", file=out, flush=True)
    ledger = pd.concat(ledgers, ignore_index=True)
    result = evaluate(ledger, gold)
    result["docs"] = docs
    result["ledger"] = ledger
    return result


def dev_evaluation(polnear_dir: Path | str, use_cache: bool = True) -> dict:
    """The ledger scored on PolNeAR ``dev/`` under ``polnear_dir`` (what notebook 01 shows).

    Cached on the package and the data files (:mod:`analysis.report.result_cache`);
    the result holds the figures of :func:`evaluate` without the frames
    (``per_kind`` stays a DataFrame).

    Raises
    ------
    FileNotFoundError
        Naming the folder that is missing.
    """
    from analysis.report import result_cache

    dev = Path(polnear_dir) / "dev"
    articles, annotations = dev / "text", dev / "attributions"
    for path in (articles, annotations):
        if not path.is_dir():
            raise FileNotFoundError(f"{path}: the PolNeAR dev folder is missing")

    def compute() -> dict:
        result = run_evaluation(articles, annotations)
        keep = ("overall", "quotes", "source_accuracy", "cue_accuracy", "per_kind", "n_articles")
        return {key: result[key] for key in keep}

    if not use_cache:
        return compute()
    return result_cache.cached("polnear-dev-attribution", result_cache.content_key(articles, annotations), compute)


def in_sample(articles: Path | str) -> bool:
    """Whether ``articles`` is PolNeAR's ``train`` compartment (what the ledger was tuned on)."""
    parts = Path(articles).resolve().parts
    return "train" in parts


# --------------------------------------------------------------------------- command line

def print_report(result: dict, label: str, out=None) -> None:
    """The evaluation's printout, ending with ``attribution_f1=<value>``."""
    out = out or sys.stdout
    o, q = result["overall"], result["quotes"]
    print(f"{result['n_articles']:,} articles ({label}): {o['n_gold']:,} gold attributions, {o['n_predicted']:,} ledger rows", file=out)
    print("one-to-one matching of contents (overlap >= 1 character)", file=out)
    rows = [{"what": "attributions", **o}, {"what": "direct quotations", **q}]
    columns = [("what", "", ""), ("n_predicted", "rows", ","), ("n_gold", "gold", ","), ("n_matched", "matched", ","),
               ("precision", "precision", ".3f"), ("recall", "recall", ".3f"), ("f1", "F1", ".3f")]
    scoring.print_table(rows, columns, out)
    sa, ca = result["source_accuracy"], result["cue_accuracy"]
    print(f"source accuracy on matched pairs: {sa:.3f}" if sa is not None else "source accuracy: -", file=out)
    print(f"cue accuracy on matched pairs: {ca:.3f}" if ca is not None else "cue accuracy: -", file=out)
    print("per cue kind (recall by the gold cue's kind, precision by the row's):", file=out)
    per_kind = [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                for row in result["per_kind"].to_dict("records")]
    scoring.print_table(per_kind,
                        [("kind", "kind", ""), ("n_predicted", "rows", ","), ("n_gold", "gold", ","), ("n_matched", "matched", ","),
                         ("precision", "precision", ".3f"), ("recall", "recall", ".3f"), ("f1", "F1", ".3f"),
                         ("source_accuracy", "source acc.", ".3f")], out)
    # What a report's trust box shows when PolNeAR is absent (``--record``): see analysis.provenance.key_findings.
    scoring.keep_figure("precision", o["precision"])
    scoring.keep_figure("recall", o["recall"])
    if sa is not None:
        scoring.keep_figure("source_accuracy", sa)
    scoring.keep_figure("quotes_f1", q["f1"])
    scoring.keep_figure("articles", result["n_articles"])
    scoring.final_line("attribution_f1", o["f1"], out)


def check_part_articles() -> frozenset[str]:
    """The ids of the check fifth of PolNeAR ``train/`` (``data/polnear_cue_check_articles.csv``)."""
    return frozenset(pd.read_csv(CHECK_LIST_FILE, dtype=str)["article"])


def fit_part_articles(articles: Path | str) -> frozenset[str]:
    """The ids of the ``train/`` articles of ``articles`` outside the check fifth: the ones the models were fitted on.

    In-sample for the models but never used to tune the quotation rules, so a
    larger place than the check fifth to find the quotation errors the rules make.
    """
    from analysis.corpus import loading

    check = check_part_articles()
    return frozenset(path.stem for path in loading.article_paths(articles)) - check


def _closes_with_mark(text: str) -> bool:
    """Whether a content ends with a quotation mark (before a last full stop or comma)."""
    text = text.strip().rstrip(".,;")
    return text[-1:] in "”\"’'»"


#: The columns of :func:`quotation_errors` and :func:`cue_kind_errors`.
ERROR_COLUMNS = ["error", "doc_id", "start", "end", "content", "cue", "source", "other_row", "other_gold", "context"]


def _error_context(result: dict):
    """``context(doc_id, start, end)``: the span in ``[[…]]`` with 200 characters before it and 120 after."""
    docs = result["docs"].set_index("doc_id")["raw"]

    def context(doc_id: str, start: int, end: int) -> str:
        raw = docs[doc_id]
        return raw[max(0, start - 200):start] + "[[" + raw[start:end] + "]]" + raw[end:end + 120]

    return context


def _write_errors(errors: pd.DataFrame, path, what: str) -> None:
    """Write an error listing as the workbook writes every CSV (article text cannot run as a formula)."""
    from analysis.report.tables import write_csv

    write_csv(errors, path)
    counts = errors["error"].value_counts()
    print(f"wrote {counts.get('missed', 0):,} missed and {counts.get('false', 0):,} false {what} to {path}", file=sys.stderr)


def quotation_errors(result: dict) -> pd.DataFrame:
    """The direct-quotation misses and false rows of a scored ledger, one line each, to read and sort by cause.

    ``error`` is ``missed`` (a gold direct quotation, its content opening with a
    quotation mark, that no quotation row matches), ``false`` (a quotation row that
    matches no gold direct quotation) or ``missed_partial`` (a gold content that
    only closes with a quotation mark, "that the plan was “a disaster”", and that
    no row of the ledger matches at all). Missed and false are as the quotation
    figures count them (:func:`evaluate`). ``other_row`` / ``other_gold`` give what
    the whole-ledger matching paired it with instead (a row of another kind or
    span, a gold attribution that is not a quotation), which tells a span or kind
    error from a quotation nobody found.
    """
    predicted, gold = result["predicted"], result["gold"]
    context = _error_context(result)
    row_of_gold = {j: i for i, j in result["pairs"]}
    gold_of_row = {i: j for i, j in result["pairs"]}
    quote_gold = gold[gold["is_quote"]]
    quote_rows = predicted[predicted["is_quote"]]
    pairs = match(quote_rows.reset_index(drop=True), quote_gold.reset_index(drop=True))
    matched_rows = {quote_rows.index[i] for i, _ in pairs}
    matched_gold = {quote_gold.index[j] for _, j in pairs}

    def row_text(i: int) -> str:
        other = predicted.loc[i]
        return f"{other['kind']} {other['start']}-{other['end']} cue={other['verb']!r}"

    lines = []
    partial = gold[~gold["is_quote"] & gold["content_text"].map(_closes_with_mark)]
    for error, frame in (("missed", quote_gold), ("missed_partial", partial)):
        for j, g in frame.iterrows():
            if j in matched_gold or (error == "missed_partial" and j in row_of_gold):
                continue
            start, end = g["content"][0][0], g["content"][-1][1]
            lines.append({"error": error, "doc_id": g["doc_id"], "start": start, "end": end,
                          "content": g["content_text"], "cue": g["cue_text"], "source": g["source_text"],
                          "other_row": row_text(row_of_gold[j]) if j in row_of_gold else "",
                          "other_gold": "", "context": context(g["doc_id"], start, end)})
    for i, r in quote_rows.iterrows():
        if i in matched_rows:
            continue
        other = gold.loc[gold_of_row[i]] if i in gold_of_row else None
        lines.append({"error": "false", "doc_id": r["doc_id"], "start": int(r["start"]), "end": int(r["end"]),
                      "content": r["text"], "cue": r["verb"], "source": r["speaker"], "other_row": "",
                      "other_gold": "" if other is None else f"{other['content'][0][0]}-{other['content'][-1][1]} cue={other['cue_text']!r}",
                      "context": context(r["doc_id"], int(r["start"]), int(r["end"]))})
    return pd.DataFrame(lines, columns=ERROR_COLUMNS).sort_values(["error", "doc_id", "start"]).reset_index(drop=True)


def cue_kind_errors(result: dict, kind: str) -> pd.DataFrame:
    """The misses and false rows of one cue kind (:data:`KINDS`) in a scored ledger, one line each, to sort by cause.

    ``error`` is ``missed`` (a gold attribution whose cue is of ``kind`` that the
    whole-ledger matching paired with no row) or ``false`` (a row whose cue is of
    ``kind`` that it paired with no gold attribution): the two counts the per-kind
    table's recall and precision leave out. ``other_row`` / ``other_gold`` name every
    row or gold attribution overlapping its content in the same article, which tells
    a span or cue error from an attribution nobody found.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown cue kind {kind!r}; one of {', '.join(KINDS)}")
    predicted, gold = result["predicted"], result["gold"]
    context = _error_context(result)
    matched_gold = {j for _, j in result["pairs"]}
    matched_rows = {i for i, _ in result["pairs"]}

    def rows_over(doc_id: str, spans: list[tuple[int, int]]) -> pd.DataFrame:
        same = predicted[predicted["doc_id"].eq(doc_id)]
        return same[[_overlap(spans, [(int(a), int(b))]) > 0 for a, b in zip(same["start"], same["end"])]]

    def gold_over(doc_id: str, spans: list[tuple[int, int]]) -> pd.DataFrame:
        same = gold[gold["doc_id"].eq(doc_id)]
        return same[[_overlap(spans, content) > 0 for content in same["content"]]]

    lines = []
    for j, g in gold[gold["cue_kind"].eq(kind)].iterrows():
        if j in matched_gold:
            continue
        start, end = g["content"][0][0], g["content"][-1][1]
        near = rows_over(g["doc_id"], g["content"])
        other = "; ".join(f"{r['kind']} {r['start']}-{r['end']} cue={r['verb']!r}" for _, r in near.iterrows())
        lines.append({"error": "missed", "doc_id": g["doc_id"], "start": start, "end": end,
                      "content": g["content_text"], "cue": g["cue_text"], "source": g["source_text"],
                      "other_row": other, "other_gold": "", "context": context(g["doc_id"], start, end)})
    for i, r in predicted[predicted["cue_kind"].eq(kind)].iterrows():
        if i in matched_rows:
            continue
        near = gold_over(r["doc_id"], [(int(r["start"]), int(r["end"]))])
        other = "; ".join(f"{o['content'][0][0]}-{o['content'][-1][1]} cue={o['cue_text']!r}" for _, o in near.iterrows())
        lines.append({"error": "false", "doc_id": r["doc_id"], "start": int(r["start"]), "end": int(r["end"]),
                      "content": r["text"], "cue": r["verb"], "source": r["speaker"], "other_row": "",
                      "other_gold": other, "context": context(r["doc_id"], int(r["start"]), int(r["end"]))})
    return pd.DataFrame(lines, columns=ERROR_COLUMNS).sort_values(["error", "doc_id", "start"]).reset_index(drop=True)


#: The check fifth of ``train/``: never fitted on; it chose the thresholds and judges every change.
CHECK_LIST_FILE = config.PACKAGE_DATA_DIR / "polnear_cue_check_articles.csv"


def _add_arguments(parser) -> None:
    shared = config.shared_data_dir() / "polnear" / "dev"
    parser.add_argument("--articles", type=Path, default=None,
                        help="folder of PolNeAR article .txt files (default: ../shared/data/polnear/dev/text)")
    parser.add_argument("--annotations", type=Path, default=None,
                        help="folder of PolNeAR brat .ann files (default: ../shared/data/polnear/dev/attributions)")
    parts = parser.add_mutually_exclusive_group()
    parts.add_argument("--check-part", action="store_true",
                       help="score the check fifth of train/ (where changes are judged; in-sample) instead of dev/")
    parts.add_argument("--fit-part", action="store_true",
                       help="score the train/ articles outside the check fifth (the models' fitting articles; "
                            "in-sample for the models, never used to tune the quotation rules)")
    parser.add_argument("--quotation-errors", type=Path, default=None, metavar="CSV",
                        help="also write the direct-quotation misses and false rows to this CSV (to read; "
                             "never of dev/, whose errors are not read to write rules)")
    parser.add_argument("--cue-errors", nargs=2, default=None, metavar=("KIND", "CSV"),
                        help="also write the misses and false rows of one cue kind (verb, noun, according_to, "
                             "thought, finding) to this CSV (to read; never of dev/)")
    parser.set_defaults(polnear_dev=shared)


def _run(args) -> int:
    fit_part = getattr(args, "fit_part", False)
    compartment = args.polnear_dev.parent / "train" if args.check_part or fit_part else args.polnear_dev
    articles = args.articles or compartment / "text"
    annotations = args.annotations or compartment / "attributions"
    if scoring.missing_data([articles, annotations]):
        return 0
    if getattr(args, "record", False) and (args.check_part or fit_part or in_sample(articles)):
        print("error: --record keeps the figures a report shows as held-out; these articles are in-sample "
              "(train/), so nothing was recorded", file=sys.stderr)
        return 2
    cue_errors = getattr(args, "cue_errors", None)
    if cue_errors is not None and cue_errors[0] not in KINDS:
        print(f"error: --cue-errors takes a cue kind, one of {', '.join(KINDS)}", file=sys.stderr)
        return 2
    if (args.quotation_errors is not None or cue_errors is not None) and not (args.check_part or fit_part or in_sample(articles)):
        print("error: --quotation-errors and --cue-errors list errors to read for rules, so only of train/ articles "
              "(--check-part, --fit-part or a train folder); dev/ is for reporting", file=sys.stderr)
        return 2
    label = "dev, not tuned on"
    only = check_part_articles() if args.check_part else None
    if fit_part:
        only = fit_part_articles(articles)
        label = "train outside the check fifth: in-sample for the models, not for the quotation rules"
        print(f"note: the {len(only):,} train articles not in {CHECK_LIST_FILE.name}; the models were fitted on them")
    elif args.check_part:
        label = "the check fifth of train: in-sample, it chose the thresholds and judged every change"
        print(f"note: the {len(only):,} articles of {CHECK_LIST_FILE.name}; the figures are in-sample")
    elif in_sample(articles):
        label = "train: in-sample, the ledger was tuned on these"
        print("note: these are PolNeAR's train articles, which the ledger was tuned on; the figures are in-sample")
    try:
        result = run_evaluation(articles, annotations, progress=sys.stdout, only=only)
    except ValueError as error:  # a malformed annotation or a listed article missing: named, no traceback
        print(f"error: {error}", file=sys.stderr)
        return 2
    print_report(result, label)
    if args.quotation_errors is not None:
        _write_errors(quotation_errors(result), args.quotation_errors, "direct quotations")
    if cue_errors is not None:
        kind, path = cue_errors
        _write_errors(cue_kind_errors(result, kind), path, f"{kind} attributions")
    return 0


TASKS = [scoring.Task("attribution", "score the attribution ledger against PolNeAR (expert attribution annotations)",
                      _add_arguments, _run)]
