"""What the provenance report (01) leads with: its key findings and how far to trust the attribution ledger.

Every sentence is computed from the report's own tables (``documents``, the
sourcing profile, the ledger, the page signals), so the findings follow the
corpus; each links to the report section holding its evidence (the headings in
:data:`SECTIONS`, which notebook 01 uses verbatim)::

    from analysis.provenance import key_findings
    items = key_findings.provenance_findings(documents, profile, ledger, signals, labels)
    rows, caveats = key_findings.trust_rows(key_findings.ledger_figures(dev_result, last_figures("attribution")))

Strings from the corpus (labels, names, dates) are plain text here;
:func:`analysis.report.findings.key_findings_html` escapes them and
:func:`analysis.report.findings.literal` keeps an asterisk in a name from
turning into bold.
"""

from __future__ import annotations

import pandas as pd

from analysis.report import display
from analysis.report.findings import Finding, Trust, bold, figure_against_goal, literal, plural, section_id

#: The report's section headings that findings link to (notebook 01 writes them as ``## <heading>``).
SECTIONS = {
    "cards": "Who published and wrote each article",
    "outlets": "The outlets, joined to the registry",
    "dates": "When the articles were published, and how precisely we know",
    "sourcing": "Whom the texts rely on: named and vague sources",
    "ledger": "Every quotation and reported statement, in context",
    "signals": "Signals about the page: weak indicators, never verdicts",
    "appendix": "Methods appendix: the ledger measured on expert annotations",
}
#: The goals set for the ledger on PolNeAR dev (docs/attribution.md): figure -> value.
GOALS = {"f1": 0.80, "precision": 0.85, "source_accuracy": 0.90, "quotes_f1": 0.93}
#: Names a finding lists before "and N more".
LISTED = 3
#: Speakers the sourcing finding names.
TOP_SPEAKERS = 3
#: The template-page indicators (analysis.provenance.publication.SIGNALS) in plain words.
SIGNAL_NAMES = {
    "generic_author_bio": "a generic author bio", "no_named_sources": "no named sources",
    "stock_phrase_density": "dense stock phrases", "advertising_markers": "advertising markers",
    "stale_facts": "stale facts",
}


def sections() -> dict[str, str]:
    """``topic -> section id`` of the headings in :data:`SECTIONS`."""
    return {topic: section_id(heading) for topic, heading in SECTIONS.items()}


def _names(names: list[str], most: int = LISTED) -> str:
    """``"A, B and C"``; beyond ``most`` names, ``"A, B, C and 4 more"``."""
    shown = [bold(name) for name in names[:most]]
    rest = len(names) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest:,} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _label(labels: dict[str, str], doc_id: str) -> str:
    return labels.get(doc_id, doc_id)


def _capitalised(text: str) -> str:
    opening = len(text) - len(text.lstrip("*“\"'"))
    return text[:opening] + text[opening:opening + 1].upper() + text[opening + 1:]


def _filled(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].fillna("").astype(str).str.strip()


def publisher_finding(documents: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """How many articles name their publisher (stated, or inferred from agreeing cues) and which never do."""
    if documents.empty:
        return None
    named = documents[_filled(documents, "outlet").ne("") & documents["outlet_basis"].ne("unknown")]
    unknown = documents.drop(named.index)
    total = len(documents)
    inferred = int(named["outlet_basis"].eq("inferred").sum())
    curated = int(named["outlet_basis"].eq("curated").sum())
    how = [f"{n:,} {word}" for n, word in ((inferred, "inferred from agreeing registry cues"),
                                           (curated, "from the corpus manifest")) if n]
    text = (f"**{len(named):,} of {total:,}** articles name their publisher"
            + (f" ({', '.join(how)})" if how else ""))
    if len(unknown):
        text += (f"; **{len(unknown):,}** never do"
                 + (", so their outlet stays unknown: " if len(unknown) > 1 else ", so its outlet stays unknown: ")
                 + _names([_label(labels, d) for d in unknown["doc_id"]]) + ".")
    else:
        text += ": every page does."
    return Finding(text, section, "provenance cards")


def author_finding(documents: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """Who wrote the articles, with the affiliation when the page states one."""
    if documents.empty:
        return None
    authored = documents[_filled(documents, "author").ne("") & documents["author_basis"].ne("unknown")]
    total = len(documents)
    if authored.empty:
        return Finding(f"None of the {plural(total, 'article')} names an author.", section, "provenance cards")
    affiliated = authored[_filled(authored, "affiliation").ne("") & authored["affiliation_basis"].eq("stated")]
    shortest = affiliated.assign(_length=_filled(affiliated, "affiliation").str.len()).sort_values("_length", kind="stable")
    examples = [f"{bold(row['author'])} ({literal(row['affiliation'])}) for {literal(_label(labels, row['doc_id']))}"
                for _, row in shortest.head(2).iterrows()]
    text = f"**{len(authored):,} of {total:,}** articles name an author"
    if len(affiliated):
        text += (f"; {len(affiliated):,} state the author's affiliation" if len(affiliated) > 1
                 else "; one states the author's affiliation") + ", e.g. " + " and ".join(examples)
    else:
        text += "; none states the author's affiliation"
    anonymous = documents.drop(authored.index)
    if len(anonymous):
        text += f"; no author on {_names([_label(labels, d) for d in anonymous['doc_id']])}"
    return Finding(text + ".", section, "provenance cards")


def date_finding(documents: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """How many pages print their date, how many are dated only from their body (to what precision), how many not at all."""
    if documents.empty:
        return None
    basis = documents["published_basis"]
    stated, inferred = documents[basis.eq("stated")], documents[basis.eq("inferred")]
    undated = int(basis.eq("unknown").sum())
    total = len(documents)
    parts = [f"**{len(stated):,} of {total:,}** {'page prints' if total == 1 else 'pages print'} a publication date"]
    if len(stated) and len(stated) <= LISTED:
        parts[0] += " (" + ", ".join(f"{literal(_label(labels, r['doc_id']))}: {literal(r['published'])}"
                                     for _, r in stated.iterrows()) + ")"
    if len(inferred):
        months = int(_filled(inferred, "published").str.len().eq(7).sum())
        precision = ("to the month" if months == len(inferred) else
                     f"{months:,} of them to the month" if months else "to the year")
        parts.append(f"{len(inferred):,} {'is' if len(inferred) == 1 else 'are'} dated only from events "
                     f"{'its' if len(inferred) == 1 else 'their'} body mentions, {precision}")
    if undated:
        parts.append(f"{plural(undated, 'page')} give no date at all" if undated > 1 else "1 page gives no date at all")
    text = "; ".join(parts) + "."
    younger = documents[documents["furniture_younger"].fillna(False).astype(bool)]
    if len(younger):
        first = younger.iloc[0]
        text += (f" The page furniture of {_names([_label(labels, d) for d in younger['doc_id']])} is younger than the article "
                 + (f"(dated up to {literal(first['capture_not_before'])})" if len(younger) == 1 else "")
                 + ", so a capture date is not a publication date.").replace(" ,", ",")
    return Finding(text, section, "dates")


def sourcing_finding(profile: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """The best and the least sourced article (share of body sentences with a source), with named and vague counts."""
    rated = profile[profile["n_sentences"].gt(0)].dropna(subset=["share_sourced"])
    if len(rated) < 2:
        return None
    ranked = rated.sort_values(["share_sourced", "n_named", "doc_id"], ascending=[False, False, True], kind="stable")
    best, worst = ranked.iloc[0], ranked.iloc[-1]

    def counts(row) -> str:
        return f"{int(row['n_named']):,} named and {int(row['n_vague']):,} vague"

    vague = int(rated["n_vague"].gt(rated["n_named"]).sum())
    leaning = (f"; {plural(vague, 'article')} cite{'s' if vague == 1 else ''} more vague sources than named ones"
               if vague else "; no article cites more vague sources than named ones")
    return Finding(_capitalised(
        f"{bold(_label(labels, best['doc_id']))} is the best sourced (**{best['share_sourced']:.0%}** of its sentences carry a source; "
        f"{counts(best)}), {bold(_label(labels, worst['doc_id']))} the least ({worst['share_sourced']:.0%}; {counts(worst)})"
        f"{leaning}."), section, "sourcing profile")


def speaker_table(ledger: pd.DataFrame) -> pd.DataFrame:
    """Named sources by how often the ledger cites them: ``speaker, attributions, quotations, articles``.

    A pronoun or a bare surname counts under the full name it was resolved to.
    """
    named = ledger[ledger["speaker_kind"].eq("named") & ledger["kind"].ne("scare_quote")]
    if named.empty:
        return pd.DataFrame(columns=["speaker", "attributions", "quotations", "articles"])
    resolved = named["source_resolved"].fillna("").astype(str).str.strip() if "source_resolved" in named else ""
    name = resolved.where(resolved.ne(""), named["speaker"].fillna("").astype(str).str.strip())
    table = (named.assign(speaker=name, quotation=named["is_quote"].astype(bool))
             .groupby("speaker").agg(attributions=("doc_id", "size"), quotations=("quotation", "sum"), articles=("doc_id", "nunique"))
             .reset_index())
    table = table[table["speaker"].ne("")]
    return table.sort_values(["attributions", "articles", "speaker"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


def speaker_finding(ledger: pd.DataFrame, section: str) -> Finding | None:
    """The named sources cited most often, and how many direct quotations the articles carry."""
    speakers = speaker_table(ledger)
    if speakers.empty:
        return None
    top = speakers.head(TOP_SPEAKERS)
    cited = ", ".join(f"{bold(r.speaker)} ({plural(int(r.attributions), 'time')}"
                      + (f", in {int(r.articles):,} articles)" if r.articles > 1 else ")") for r in top.itertuples())
    quotes = int(ledger["kind"].eq("quote").sum())
    quoted = ledger[ledger["kind"].eq("quote")]
    attributed = int(quoted["speaker_kind"].isin(["named", "vague", "other"]).sum())
    return Finding(
        f"The most cited named sources are {cited}; the articles carry {plural(quotes, 'direct quotation')}"
        + ("." if not quotes else ", with a speaker." if quotes == attributed == 1 else ", without a speaker." if quotes == 1
           else f", {attributed:,} with a speaker."), section, "quotations and reported statements")


def signal_finding(signals: pd.DataFrame, labels: dict[str, str], section: str) -> Finding | None:
    """Which article shows the most template-page indicators, which ones, and how many the others show."""
    if signals.empty:
        return None
    fired = signals.assign(fired=signals["fired"].astype(bool)).pivot(index="doc_id", columns="signal", values="fired")
    n_signals = fired.shape[1]
    counts = fired.sum(axis=1).astype(int)
    ranked = counts.sort_index().sort_values(ascending=False, kind="stable")
    top_n = int(ranked.iloc[0])
    if top_n == 0:
        return Finding(f"No page shows any of the {n_signals:,} template-page indicators.", section, "page signals")
    leaders = [doc for doc, n in ranked.items() if n == top_n]
    which = [SIGNAL_NAMES.get(s, s.replace("_", " ")) for s in fired.columns if fired.loc[leaders[0], s]]
    rest = ranked.drop(leaders)
    any_fired = int(counts.gt(0).sum())
    text = (f"{_names([_label(labels, d) for d in leaders])} show{'s' if len(leaders) == 1 else ''} **{top_n:,} of {n_signals:,}** "
            f"template-page indicators" + (f" ({', '.join(which)})" if len(leaders) == 1 else ""))
    if len(rest):
        text += f"; the other pages show at most {int(rest.max()):,}"
        text += f" ({any_fired:,} of {len(counts):,} pages show at least one)" if len(counts) > 5 else ""
    return Finding(_capitalised(text) + ". Weak signals, not verdicts.", section, "page signals")


def provenance_findings(documents: pd.DataFrame, profile: pd.DataFrame, ledger: pd.DataFrame, signals: pd.DataFrame,
                        labels: dict[str, str], section: dict[str, str] | None = None) -> list[Finding]:
    """The report's key findings (3–6 sentences): publishers, authors, dates, sourcing, speakers, template signals.

    Parameters
    ----------
    documents : DataFrame
        :func:`analysis.provenance.publication.document_provenance` (one row per article).
    profile : DataFrame
        :func:`analysis.provenance.attribution.sourcing_profile`.
    ledger : DataFrame
        :func:`analysis.provenance.attribution.find_attributions`.
    signals : DataFrame
        :func:`analysis.provenance.publication.page_signals`.
    labels : dict
        ``doc_id -> label`` (:func:`analysis.provenance.labels.article_labels`).
    section : dict, optional
        ``topic -> section id`` (default :func:`sections`).
    """
    section = section or sections()
    found = [
        publisher_finding(documents, labels, section["cards"]),
        author_finding(documents, labels, section["cards"]),
        date_finding(documents, labels, section["dates"]),
        sourcing_finding(profile, labels, section["sourcing"]),
        speaker_finding(ledger, section["ledger"]),
        signal_finding(signals, labels, section["signals"]),
    ]
    return [finding for finding in found if finding is not None]


# --------------------------------------------------------------------------- how far to trust it

def ledger_figures(dev: dict | None, last: dict[str, dict] | None = None) -> dict:
    """The ledger's PolNeAR dev figures from a fresh evaluation, else the last recorded ones.

    Parameters
    ----------
    dev : dict or None
        :func:`analysis.evaluate.attribution.dev_evaluation`, or None when PolNeAR is absent.
    last : dict, optional
        :func:`analysis.evaluate.scoring.last_figures` of ``"attribution"``.

    Returns
    -------
    dict
        ``f1, precision, recall, source_accuracy, quotes_f1, articles`` (None when unknown),
        ``measured`` (True for a fresh evaluation) and ``measured_on`` (the date of a recorded figure).
    """
    if dev is not None:
        overall = dev["overall"]
        return {"f1": overall["f1"], "precision": overall["precision"], "recall": overall["recall"],
                "source_accuracy": dev["source_accuracy"], "quotes_f1": dev["quotes"]["f1"],
                "articles": dev["n_articles"], "measured": True, "measured_on": ""}
    last = last or {}
    names = {"f1": "attribution_f1", "precision": "precision", "recall": "recall",
             "source_accuracy": "source_accuracy", "quotes_f1": "quotes_f1", "articles": "articles"}
    figures = {key: float(last[name]["value"]) if name in last else None for key, name in names.items()}
    if figures["articles"] is not None:
        figures["articles"] = int(figures["articles"])
    dates = [row["measured_on"] for row in last.values() if row.get("measured_on")]
    return {**figures, "measured": False, "measured_on": max(dates) if dates else ""}


def _share(value: float) -> str:
    return f"{value:.0%}"


def trust_rows(ledger: dict, furniture: dict[str, dict] | None = None) -> tuple[list[Trust], list[str]]:
    """The trust box of the provenance report: the ledger on PolNeAR dev, the body/furniture cut, plain caveats.

    Parameters
    ----------
    ledger : dict
        :func:`ledger_figures`.
    furniture : dict, optional
        :func:`analysis.evaluate.scoring.last_figures` of ``"furniture"`` (the segmenter's body-versus-furniture F).
    """
    measured = ledger["measured"]
    when = f", measured {ledger['measured_on']}" if not measured and ledger["measured_on"] else ""
    data = (f"PolNeAR dev ({ledger['articles']:,} political news articles experts annotated, which tuning never saw{when})"
            if ledger["articles"] else f"PolNeAR dev (articles tuning never saw{when})")
    note = ""
    if ledger["recall"] is not None and ledger["precision"] is not None:
        note = (f"It finds about **{_share(ledger['recall'])}** of the attributions the experts marked, and "
                f"{_share(ledger['precision'])} of its rows are one of them (precision {ledger['precision']:.2f}).")
    rows = [
        Trust("Attribution ledger (who says what)", data, "F1", ledger["f1"], measured, note, GOALS["f1"]),
        Trust("The source of a found attribution", "the same articles, on the pairs it matched", "accuracy",
              ledger["source_accuracy"], measured,
              (f"The speaker is right on {_share(ledger['source_accuracy'])} of matched pairs."
               if ledger["source_accuracy"] is not None else ""), GOALS["source_accuracy"]),
        Trust("Direct quotations", "the same articles", "F1", ledger["quotes_f1"], measured, "", GOALS["quotes_f1"]),
    ]
    furniture = furniture or {}
    if "text_f" in furniture:
        row = furniture["text_f"]
        rows.append(Trust("Article body versus page furniture (what every figure here is counted on)",
                          f"annotated web pages ({row.get('part', '')} part, measured {row.get('measured_on', '')})",
                          "F", float(row["value"]), False,
                          recorded_because="report 00 measures it again when the pages are present"))
    missed = [f"{what} {figure_against_goal(ledger[key], goal)} (goal {goal:.2f})" for key, goal, what in
              ((k, GOALS[k], w) for k, w in (("f1", "F1"), ("source_accuracy", "source accuracy"), ("quotes_f1", "quotation F1")))
              if ledger[key] is not None and ledger[key] < goal]
    caveats = ["F1 is the balance of precision (the share of rows that are right) and recall (the share of expert "
               "attributions found), from 0 to 1."]
    if missed:
        caveats.append("**Goals not reached**: " + ", ".join(missed) + ". Counts of sources are leads to check in context, "
                       "not exact tallies.")
    caveats.append("Publisher, author and date are read from what each page prints, by rules not scored against annotations: "
                   "each card quotes its evidence, so check it there. An unknown field is never guessed.")
    caveats.append("The template-page indicators are weak signals: each says what it saw, none is a verdict on an article.")
    return rows, caveats


# --------------------------------------------------------------------------- evidence tables

#: Plain words for the ledger's speaker kinds.
SPEAKER_KINDS = {"named": "named", "vague": "vague", "other": "a common noun", "author": "the author", "none": "nobody"}


def in_context(rows: pd.DataFrame, raw_by_doc: dict[str, str], width: int = 60) -> pd.DataFrame:
    """Ledger rows (``doc_id, start, end, speaker, speaker_kind, verb``) as a table a reader scans.

    Columns ``doc_id, speaker, source, verb, before, words, after``: ``speaker`` is the
    resolved name when a pronoun or surname stands for one, ``source`` the kind in
    plain words, ``words`` the span (``raw[start:end]``) and ``before``/``after`` up
    to ``width`` characters of its context within its own lines (a heading or an
    advertising line above is not its context), cut at a space.

    >>> raw = {"a": 'The minister said "we will stay" on Monday.'}
    >>> row = pd.DataFrame({"doc_id": ["a"], "start": [18], "end": [32], "speaker": ["The minister"],
    ...                     "speaker_kind": ["other"], "verb": ["said"]})
    >>> in_context(row, raw, width=20).iloc[0][["speaker", "words", "after"]].tolist()
    ['The minister', '"we will stay"', 'on Monday.']
    """
    records = []
    for row in rows.itertuples(index=False):
        raw = raw_by_doc[row.doc_id]
        lo, hi = display.context_bounds(raw, row.start, row.end, width)
        before, after = raw[lo:row.start], raw[row.end:hi]
        if lo == row.start - width and lo > 0 and raw[lo - 1] != "\n" and " " in before:
            before = "…" + before[before.index(" ") + 1:]
        if hi == row.end + width and hi < len(raw) and raw[hi] != "\n" and " " in after:
            after = after[:after.rindex(" ")] + "…"
        resolved = str(getattr(row, "source_resolved", "") or "").strip()
        speaker = resolved if resolved and resolved.lower() != "nan" else str(row.speaker or "").strip()
        records.append({"doc_id": row.doc_id, "speaker": speaker or "—",
                        "source": SPEAKER_KINDS.get(row.speaker_kind, str(row.speaker_kind)),
                        "verb": str(row.verb or "").strip(), "before": " ".join(before.split()),
                        "words": " ".join(raw[row.start:row.end].split()), "after": " ".join(after.split())})
    return pd.DataFrame(records, columns=["doc_id", "speaker", "source", "verb", "before", "words", "after"])
