"""analysis.report.findings: the key-findings section and the trust box, escaped, with stable ids."""

from __future__ import annotations

import pytest

from analysis.report import findings


def test_findings_link_their_evidence_and_escape_their_text():
    html = findings.key_findings_html([
        findings.Finding("**3 of 5** pages never name <b>their</b> publisher.", "who-published"),
        findings.Finding("Nobody copies anybody."),
    ])
    assert html.startswith('<section id="key-findings"') and html.count("<li>") == 2
    assert "<strong>3 of 5</strong>" in html and "&lt;b&gt;their&lt;/b&gt;" in html and "<b>" not in html
    assert '<a class="wb-evidence" href="#who-published">evidence →</a>' in html


def test_evidence_in_another_report_is_linked_as_given():
    html = findings.key_findings_html([findings.Finding("x", "01_provenance.html#key-findings", "provenance")])
    assert 'href="01_provenance.html#key-findings">provenance →</a>' in html


def test_a_hostile_evidence_id_cannot_leave_the_attribute():
    html = findings.key_findings_html([findings.Finding("x", '"><script>alert(1)</script>')])
    assert "<script>" not in html and "&quot;&gt;&lt;script&gt;" in html


def test_at_most_seven_findings_lead_a_report():
    with pytest.raises(ValueError, match="at most 7"):
        findings.key_findings_html([findings.Finding(str(n)) for n in range(8)])
    assert "Nothing to report" in findings.key_findings_html([])


def test_the_trust_box_says_which_figures_are_last_measured():
    html = findings.trust_html([
        findings.Trust("the attribution ledger", "PolNeAR dev (84 articles)", "F1", 0.7016, goal=0.8),
        findings.Trust("tone toward an actor", "NewsMTSC devtest", "macro-F1", 0.601, measured=False),
        findings.Trust("the segmenter", "web pages", "F", None),
    ], caveats=["Sentence sentiment is not stance."])
    assert html.startswith('<aside id="how-far-to-trust-this"')
    assert "F1 0.70 (goal 0.80) on PolNeAR dev (84 articles)." in html
    assert "macro-F1 0.60 on NewsMTSC devtest — last measured figure" in html
    assert "F not measured" in html and "Sentence sentiment is not stance." in html
    assert "last measured figure; the data was not available for this build" in html
    other = findings.trust_html([findings.Trust("the segmenter", "web pages", "F", 0.85, measured=False,
                                                recorded_because="report 00 measures it again")])
    assert "F 0.85 on web pages — last measured figure; report 00 measures it again." in other


def test_section_ids_are_nbconverts():
    from nbconvert.filters.strings import add_anchor

    for heading in ("Whom the texts rely on", "Stance — toward “Baku”, 2020"):
        rendered = add_anchor(f"<h2>{heading}</h2>")
        assert f'id="{findings.section_id(heading)}"' in rendered


def test_a_literal_name_keeps_its_asterisks_inside_bold():
    name = "**x** and *y* (007)"
    html = findings.key_findings_html([findings.Finding(f"**{findings.literal(name)}** hedges most.", "hedges")])
    assert "<strong>**x** and *y* (007)</strong> hedges most." in html
    # Without literal() the same name loses its marks: what literal() is for.
    assert "<strong>**x** and *y* (007)</strong>" not in findings.key_findings_html([findings.Finding(f"**{name}** hedges most.")])


def test_a_finding_opening_with_a_lower_case_label_starts_with_a_capital():
    html = findings.key_findings_html([
        findings.Finding("**unknown site A (000)** shows 5 of 5 signals."),
        findings.Finding("“quoted” words open this one."),
        findings.Finding("3 of 5 pages print a date; unknown site B does not."),
    ])
    assert "<li><strong>Unknown site A (000)</strong> shows 5 of 5 signals." in html
    assert "<li>“Quoted” words open this one." in html
    assert "<li>3 of 5 pages print a date; unknown site B does not." in html


def test_a_figure_just_below_its_goal_is_never_rounded_up_to_it():
    assert findings.figure_against_goal(0.7962, 0.8) == "0.796"
    assert findings.figure_against_goal(0.794, 0.8) == "0.79"
    assert findings.figure_against_goal(0.81, 0.8) == "0.81" and findings.figure_against_goal(0.7962, None) == "0.80"
    html = findings.trust_html([findings.Trust("the ledger", "PolNeAR dev", "F1", 0.7962, goal=0.8)])
    assert "F1 0.796 (goal 0.80)" in html
