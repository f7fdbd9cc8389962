"""What every report opens with: its key findings, then how far to trust the method behind them.

A notebook computes its findings from its own tables — each a sentence whose
numbers come from the data, with a link to the section holding the evidence —
and shows them first::

    from analysis.report import findings
    show.show(findings.key_findings_html([
        findings.Finding(f"{n:,} of {total:,} pages never name their publisher.", "who-published"),
        ...
    ]))
    show.show(findings.trust_html([findings.Trust("the attribution ledger", "PolNeAR dev", "F1", 0.70, measured=True)]))

The HTML has stable ids (``key-findings``, ``how-far-to-trust-this``) that the
index and the browser tests look for, and every string is escaped.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote
from dataclasses import dataclass

#: A report shows at most this many key findings, and at least this many when it has them.
MOST_FINDINGS = 7
FEWEST_FINDINGS = 3
_MARK = re.compile(r"\*\*(.+?)\*\*")
# An asterisk of a name (literal) stands in as this private-use character until the bold marks are read.
_LITERAL_ASTERISK = "\ue000"


@dataclass(frozen=True)
class Finding:
    """One finding: a plain sentence (``**bold**`` allowed for its key figure) and where its evidence is.

    ``evidence`` is a section id of the same report (``"who-published"``) or a
    link to another report's section (``"01_provenance.html#key-findings"``).
    """

    text: str
    evidence: str = ""
    evidence_label: str = "evidence"


@dataclass(frozen=True)
class Trust:
    """How well one method did on annotated data: ``what`` scored ``value`` on ``measure`` over ``data``.

    ``measured`` is False when the figure is the last one recorded (the data was
    absent at build time); the box then says when and where it was measured.
    """

    what: str
    data: str
    measure: str
    value: float | None
    measured: bool = True
    note: str = ""
    goal: float | None = None
    #: Why a figure is the last recorded one (shown when ``measured`` is False).
    recorded_because: str = "the data was not available for this build"


def section_id(heading: str) -> str:
    """The id nbconvert gives a Markdown heading (spaces become hyphens, the rest URL-quoted), so findings can link to it."""
    return quote(heading.strip().replace(" ", "-"), safe="?/:@!$&'()*+,;=")


def literal(text: str) -> str:
    """``text`` (an article label, an actor's name) to put inside a finding: its asterisks are shown, never read as bold marks.

    >>> key_findings_html([Finding(f"**{literal('*a* (1)')}** leads.")]).count("<strong>*a* (1)</strong>")
    1
    """
    return str(text).replace("*", _LITERAL_ASTERISK)


def bold(text: object) -> str:
    """``text`` (a label, a name) in bold inside a finding, its own asterisks kept literal."""
    return f"**{literal(text)}**"


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``"1 article"``, ``"2 articles"``, ``"1,204 articles"`` (``many`` for an irregular plural)."""
    return f"{n:,} {noun if n == 1 else many or noun + 's'}"


def _capitalised(text: str) -> str:
    """``text`` with its first letter upper-case (a finding may open with a label such as "unknown site A (000)")."""
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1:] if char.islower() else text
        if char not in "*“\"'(":
            return text
    return text


def _sentence_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return _MARK.sub(lambda m: f"<strong>{m.group(1)}</strong>", escaped).replace(_LITERAL_ASTERISK, "*")


def key_findings_html(findings: list[Finding], title: str = "Key findings") -> str:
    """The ``key-findings`` section: one list item per finding, each linking to its evidence.

    Raises
    ------
    ValueError
        With more than :data:`MOST_FINDINGS` findings (a reader's first screen holds no more).
    """
    if len(findings) > MOST_FINDINGS:
        raise ValueError(f"{len(findings)} key findings: a report leads with at most {MOST_FINDINGS}")
    items = []
    for finding in findings:
        # A bare section id links within the report; "report.html#section" links to another report.
        target = finding.evidence if "#" in finding.evidence or finding.evidence.endswith(".html") else f"#{finding.evidence}"
        link = (f' <a class="wb-evidence" href="{html.escape(target, quote=True)}">'
                f"{html.escape(finding.evidence_label)} →</a>") if finding.evidence else ""
        items.append(f"<li>{_sentence_html(_capitalised(finding.text))}{link}</li>")
    if not items:
        items.append("<li>Nothing to report: the corpus is empty or no article has a body.</li>")
    return (f'<section id="key-findings" class="wb-findings"><h2>{html.escape(title)}</h2>'
            f'<ul>{"".join(items)}</ul></section>')


def figure_against_goal(value: float, goal: float | None) -> str:
    """``value`` to two places, or three when two would round a figure below its goal up to it (0.796 of 0.80)."""
    if goal is not None and value < goal and round(value, 2) >= goal:
        return f"{value:.3f}"
    return f"{value:.2f}"


def trust_html(rows: list[Trust], caveats: list[str] | None = None) -> str:
    """The ``how-far-to-trust-this`` box: each method's measured accuracy, then plain-word caveats."""
    lines = []
    for row in rows:
        figure = "not measured" if row.value is None else figure_against_goal(row.value, row.goal)
        goal = f" (goal {row.goal:.2f})" if row.goal is not None and row.value is not None else ""
        when = "" if row.measured else f" — last measured figure; {row.recorded_because}"
        note = f" {_sentence_html(row.note)}" if row.note else ""
        lines.append(f"<li><strong>{html.escape(row.what)}</strong>: {html.escape(row.measure)} {figure}{goal} "
                     f"on {html.escape(row.data)}{html.escape(when)}.{note}</li>")
    for caveat in caveats or []:
        lines.append(f"<li>{_sentence_html(caveat)}</li>")
    return ('<aside id="how-far-to-trust-this" class="wb-trust"><h3>How far to trust this</h3>'
            f'<ul>{"".join(lines)}</ul></aside>')
