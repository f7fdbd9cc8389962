"""What the rhetoric report (03) leads with: its key findings and how far to trust the detector.

Every sentence is computed from the report's own tables, so the findings follow
the corpus; each links to the report section holding its evidence (the headings
in :data:`SECTIONS`, which notebook 03 uses verbatim)::

    from analysis.rhetoric import key_findings
    items = key_findings.rhetoric_findings(summary, spans, frames, labels)
    rows, caveats = key_findings.trust_rows(ptc_result, judged.seed_precision())

Strings from the corpus (article labels, quoted words, credited names) are plain
text here; :func:`analysis.report.findings.key_findings_html` escapes them, and
:func:`inert` keeps a ``**`` inside one from turning into bold.
"""

from __future__ import annotations

import pandas as pd

from analysis.report.findings import Finding, Trust, section_id
from analysis.rhetoric import detector

#: The report's section headings that findings link to (notebook 03 writes them as ``## <heading>``).
SECTIONS = {
    "families": "Which articles argue, and which read as template prose",
    "template": "Template prose: hedges, boosters, vague sources and stock phrases",
    "read": "Read the articles",
    "devices": "Every device in context",
    "frames": "Figurative frames and whom they are credited to",
    "ptc": "Methods appendix: measured against expert annotations",
}
#: The goals set for the detector on held-out PTC articles (docs/rhetoric.md): figure -> F1.
GOALS = {"loaded_language_f1": 0.45, "span_identification_f1": 0.45, "micro_f1": 0.35}
#: Devices whose concentration the findings name: the two the trained tagger finds.
TAGGED_DEVICES = ("loaded_language", "name_calling")
#: Stock phrases a finding quotes at most.
QUOTED = 2


def inert(text: object) -> str:
    """``text`` with ``**`` broken by a zero-width space, so a corpus string never turns a finding bold."""
    return str(text).replace("**", "*\u200b*")


def _names(labels: list[str], most: int = 3) -> str:
    shown = ", ".join(f"**{inert(label)}**" for label in labels[:most])
    return shown + (f" and {len(labels) - most:,} more" if len(labels) > most else "")


def _sentence(text: str) -> str:
    """``text`` with its first letter capitalised (a label such as "unknown site A (000)" may open it)."""
    opening = len(text) - len(text.lstrip("*“\"'"))
    return text[:opening] + text[opening:opening + 1].upper() + text[opening + 1:]


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def rhetoric_findings(summary: pd.DataFrame, spans: pd.DataFrame, frames: pd.DataFrame,
                      labels: dict[str, str]) -> list[Finding]:
    """The report's key findings, most telling first (3–5 sentences).

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.rhetoric.detector.article_summary`.
    spans : DataFrame
        :func:`analysis.rhetoric.detector.detect_devices` of the same articles.
    frames : DataFrame
        :func:`analysis.rhetoric.detector.track_frames` of the same articles.
    labels : dict
        ``doc_id -> label`` (:func:`analysis.provenance.labels.article_labels`).

    Returns
    -------
    list of Finding
        Which article carries the most argument and emotive devices and how
        densely; where loaded language and name-calling concentrate; which reads
        most like template prose, with its own stock phrases; in how many
        articles hedges and stock phrases outnumber the argument devices; and
        whose voice the figurative frames are in.
    """
    devices = detector.load_devices()
    label_of = dict(zip(devices["device"], devices["label"]))
    name = lambda doc: inert(labels.get(doc, doc))  # noqa: E731
    worded = summary[summary["n_words"] > 0]
    found: list[Finding] = []
    if worded.empty:
        return [Finding("No article has body text, so no device was looked for.", section_id(SECTIONS["families"]))]
    families = section_id(SECTIONS["families"])

    ranked = worded.sort_values(["argument_emotive_per_1000_words", "doc_id"], ascending=[False, True])
    top = ranked.iloc[0]
    if top["n_argument_emotive"] == 0:
        found.append(Finding("No article uses an argument or emotive device the detector knows "
                             "(loaded language, name-calling, frames, appeals …).", families))
    else:
        own = spans[spans["doc_id"].eq(top["doc_id"]) & spans["device"].map(dict(zip(devices["device"], devices["report_family"]))).eq("argument_emotive")]
        leading = own["device"].value_counts()
        lead = f", {leading.iloc[0]:,} of them {label_of[leading.index[0]].split(',')[0].lower()}" if len(leading) else ""
        text = (f"**{name(top['doc_id'])}** carries the most argument and emotive devices: "
                f"**{top['argument_emotive_per_1000_words']:.1f} per 1,000 body words** ({_plural(int(top['n_argument_emotive']), 'span')}{lead})")
        if len(ranked) > 1:
            fewest = ranked["argument_emotive_per_1000_words"].min()
            sparest = ranked[ranked["argument_emotive_per_1000_words"].eq(fewest)]
            where = name(sparest.iloc[-1]["doc_id"]) if len(sparest) == 1 else f"{len(sparest):,} articles"
            text += f", against {fewest:.1f} in {where}, the fewest"
        found.append(Finding(_sentence(text + "."), families))

    concentrated = []
    for device in TAGGED_DEVICES:
        rows = spans[spans["device"].eq(device)]
        if rows.empty:
            continue
        per_article = rows.groupby("doc_id").size().sort_index().sort_values(ascending=False, kind="stable")
        where, n_there, n_all = per_article.index[0], int(per_article.iloc[0]), len(rows)
        what = label_of[device].split(",")[0].lower()
        if n_all == 1:
            share = f"the one {what} span"
        elif n_there == n_all:
            share = f"all {n_all:,} {what} spans"
        else:
            share = f"{n_there:,} of the {n_all:,} {what} spans"
        concentrated.append(f"{share} {'is' if n_all == 1 else 'are'} in **{name(where)}**")
    if concentrated:
        found.append(Finding(_sentence("; ".join(concentrated) + "."), section_id(SECTIONS["devices"])))

    template_rank = worded.sort_values(["template_stance_per_1000_words", "doc_id"], ascending=[False, True])
    template_top = template_rank.iloc[0]
    if template_top["n_template_stance"] > 0:
        stock = spans[spans["doc_id"].eq(template_top["doc_id"]) & spans["device"].eq("stock_phrase")].sort_values("start")
        quoted = ", ".join(f"“{inert(text)}”" for text in stock["text"].head(QUOTED))
        stock_note = f", {_plural(len(stock), 'stock phrase')} among them ({quoted}{' …' if len(stock) > QUOTED else ''})" if len(stock) else ""
        found.append(Finding(_sentence(
            f"**{name(template_top['doc_id'])}** reads most like template prose: "
            f"**{template_top['template_stance_per_1000_words']:.1f} hedges, boosters, vague sources and stock phrases per 1,000 words**"
            f"{stock_note}."), section_id(SECTIONS["template"])))

    outnumbered = worded[worded["template_stance_per_1000_words"] > worded["argument_emotive_per_1000_words"]]
    outnumbered = outnumbered.sort_values(["template_stance_per_1000_words", "doc_id"], ascending=[False, True])
    if len(worded) > 1:
        if outnumbered.empty:
            text = "In every article the argument and emotive devices outnumber the hedges, boosters and stock phrases."
        elif len(outnumbered) == len(worded):
            text = "In every article hedges, boosters and stock phrases outnumber the argument and emotive devices."
        else:
            text = (f"In {len(outnumbered):,} of {len(worded):,} articles hedges, boosters and stock phrases outnumber "
                    f"the argument and emotive devices: {_names([labels.get(d, d) for d in outnumbered['doc_id']])}.")
        found.append(Finding(text, families))

    found.append(frames_finding(frames, labels, len(worded)))
    return found


def frames_finding(frames: pd.DataFrame, labels: dict[str, str], n_articles: int) -> Finding:
    """Whose voice the figurative frames are in: the authors' own, or credited to a named person."""
    evidence = section_id(SECTIONS["frames"])
    if frames.empty:
        return Finding(f"No figurative frame of the curated list occurs in the {_plural(n_articles, 'article')}.", evidence)
    own = frames["voice"].eq("author")
    reused = frames["attribution"].eq("author_use_of_credited")
    credited = frames[frames["voice"].eq("credited")].drop_duplicates(["doc_id", "frame"])
    users = frames["doc_id"].nunique()
    widest = frames.groupby("frame")["doc_id"].nunique().max()
    text = (f"Of {_plural(len(frames), 'figurative-frame occurrence')} ({_plural(frames['frame'].nunique(), 'frame')} "
            f"in {users:,} of {n_articles:,} articles), **{own.sum():,} are in the author’s own voice**")
    if reused.any():
        text += f" ({reused.sum():,} of them reusing a frame the article credits to someone)"
    if len(credited):
        named = [f"“{inert(row.label)}” to {inert(row.attributed_to)} in {inert(labels.get(row.doc_id, row.doc_id))}"
                 for row in credited.head(2).itertuples(index=False)]
        more = f" and {len(credited) - 2:,} more" if len(credited) > 2 else ""
        text += "; credited: " + ", ".join(named) + more
    if widest == 1 and users > 1:
        text += "; no frame recurs in a second article"
    return Finding(text + ".", evidence)


def trust_rows(ptc_result: dict | None, seeds: dict | None, last: dict[str, dict] | None = None) -> tuple[list[Trust], list[str]]:
    """The trust box of the rhetoric report: the detector's held-out PTC figures and the reader's seed judgement.

    Parameters
    ----------
    ptc_result : dict or None
        :func:`analysis.evaluate.ptc.held_out_evaluation`, or None when the PTC is absent.
    seeds : dict or None
        :func:`analysis.rhetoric.judged.seed_precision`.
    last : dict, optional
        :func:`analysis.evaluate.scoring.last_figures` of ``"ptc"``: used when ``ptc_result`` is None,
        and the box then says the figures are the last measured ones.

    Returns
    -------
    (list of Trust, list of str)
        The rows and the caveats (plain words; the F1 explained where it first appears).
    """
    measured = ptc_result is not None
    if measured:
        per = ptc_result["per_technique"].set_index("technique")
        loaded = per.loc["Loaded_Language"] if "Loaded_Language" in per.index else None
        figures = {"loaded_language_f1": None if loaded is None else float(loaded["f1"]),
                   "span_identification_f1": float(ptc_result["span_identification"][2]),
                   "micro_f1": float(ptc_result["micro"][2])}
        n_articles = int(ptc_result["n_articles"])
        when = ""
    else:
        last = last or {}
        figures = {name: (float(last[name]["value"]) if name in last else None) for name in GOALS}
        n_articles = int(float(last["articles"]["value"])) if "articles" in last else None
        when = f", measured {last['micro_f1']['measured_on']}" if "micro_f1" in last else ""
    data = (f"{n_articles:,} held-out PTC articles" if n_articles else "the held-out PTC articles") + when
    note = ""
    if measured and loaded is not None:
        note = (f"Precision {loaded['precision']:.2f}, recall {loaded['recall']:.2f}: about {_share_words(loaded['recall'])} "
                f"of the loaded words the annotators marked are found.")
    rows = [
        Trust("Loaded language", data, "F1", figures["loaded_language_f1"], measured, note, GOALS["loaded_language_f1"]),
        Trust("Any propaganda span, whatever its technique (span identification)", data, "F1",
              figures["span_identification_f1"], measured, "", GOALS["span_identification_f1"]),
        Trust("Every technique it detects, pooled (micro-average)", data, "F1", figures["micro_f1"], measured, "", GOALS["micro_f1"]),
    ]
    if seeds and seeds.get("n_judged"):
        extra = []
        if seeds["n_not_judged"]:
            extra.append(f"{_plural(seeds['n_not_judged'], 'span')} found now were never judged")
        if seeds["n_no_longer_found"]:
            extra.append(f"{_plural(seeds['n_no_longer_found'], 'judged span')} are no longer found")
        rows.append(Trust("Argument and emotive highlights on the five seed articles",
                          f"{seeds['n_judged']:,} spans a reader judged one by one", "share judged genuine",
                          seeds["precision"], True, ("; ".join(extra).capitalize() + ".") if extra else ""))
    reached = [name for name, goal in GOALS.items() if figures[name] is not None and figures[name] >= goal]
    known = [name for name in GOALS if figures[name] is not None]
    caveats = [
        "F1 runs from 0 to 1: the balance of precision (the share of the detector's spans the expert annotators also "
        "marked) and recall (the share of their spans it finds).",
    ]
    if known:
        caveats.append(
            ("**None of the goals is reached**" if not reached else f"**{len(reached)} of {len(known)} goals reached**")
            + ": the detector misses most of what the annotators marked, and what it finds is often a word they left "
              "unmarked — which is why a reader's judgement of the highlights is shown beside it.")
    caveats.append("A highlight is a candidate for you to judge, not a verdict: each names its device and the rule or "
                   "words that made it. Hedges and boosters are not rhetoric in themselves; every writer uses some.")
    return rows, caveats


_SMALL_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def _share_words(share: float) -> str:
    """0.20 -> 'one in five'; a share in plain words for the trust box."""
    if share <= 0:
        return "none"
    n = max(1, round(1 / share))
    return "all" if n == 1 else f"one in {_SMALL_NUMBERS.get(n, f'{n:,}')}"
