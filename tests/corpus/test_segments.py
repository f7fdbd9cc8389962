"""analysis.corpus.segments: tiling, body vs furniture on the seeds, BBC and constructed pages."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from analysis.corpus import segments
from tests import texts


def _by_text(page: str, column: str, extracted: bool = False) -> dict[str, str]:
    """Each segment's stripped text -> its ``column`` ("kind" or "label")."""
    table = segments.segment_text(page, extracted=extracted)
    return {page[s:e].strip(): value for s, e, value in table[["start", "end", column]].itertuples(index=False)}


def _kinds(raw: str) -> list[tuple[str, str, str]]:
    table = segments.segment_text(raw)
    return [(raw[s:e].strip(), k, l) for s, e, k, l in table[["start", "end", "kind", "label"]].itertuples(index=False)]


def test_segments_tile_every_seed_byte_for_byte(seed_docs, seed_segments):
    for doc in seed_docs.itertuples():
        rows = seed_segments[seed_segments["doc_id"].eq(doc.doc_id)]
        rebuilt = "".join(doc.raw[s:e] for s, e in rows[["start", "end"]].itertuples(index=False))
        assert rebuilt.encode("utf-8") == open(doc.path, "rb").read()
        assert rows["start"].iloc[0] == 0 and rows["end"].iloc[-1] == len(doc.raw)
        assert (rows["start"].iloc[1:].to_numpy() == rows["end"].iloc[:-1].to_numpy()).all()


@pytest.mark.parametrize("raw", [texts.EMPTY_STR, texts.WHITESPACE_ONLY, texts.PUNCTUATION_ONLY, "one line, no newline", texts.CONSTRUCTED_PAGE])
def test_segments_tile_edge_cases(raw):
    table = segments.segment_text(raw)
    assert "".join(raw[s:e] for s, e in table[["start", "end"]].itertuples(index=False)) == raw


def test_seed_000_furniture_is_ads_banner_author_box_and_calendar(seed_segments, seed_raw):
    doc = "000_f9577ae45c5847e6"
    rows = seed_segments[seed_segments["doc_id"].eq(doc)]
    furniture = rows[rows["kind"].eq("furniture")]
    texts_cut = [t.strip() for t in furniture["text"]]
    # Checked by reading the page: 3 ad markers, the date banner, the author box and the archive widget.
    assert texts_cut.count("ADVERTISEMENT") == 3
    assert "Friday, January 9, 2026" in texts_cut
    assert "A documentary filmmaker who sheds light on important issues." in texts_cut
    assert "MTWTFSS" in texts_cut and "1 - 2 - 3 - 4 - 5 - 6 - 7 - 8" in texts_cut
    body = rows[rows["kind"].eq("body")]
    assert body["text"].str.contains("In Summary").any()
    # The article's last paragraph is body, and the glued table rows are kept as rows.
    assert body["text"].str.contains("maintain its current stance amid the ongoing crisis").any()
    assert body["label"].eq("table_row").sum() == 11  # 3 tables: 4 + 4 + 3 rows
    assert body["label"].eq("list_item").sum() == 10  # 3 + 3 + 4 bullets


def test_seed_001_byline_and_footer_pitch_are_furniture(seed_segments):
    rows = seed_segments[seed_segments["doc_id"].eq("001_4f3f081fc040d33a")].set_index("seq")
    assert rows.loc[1, "label"] == "byline"
    tail = rows[rows["text"].str.contains("subscribe|Thank you!|Raza Syed is a freelance", regex=True)]
    assert set(tail["kind"]) == {"furniture"}
    assert rows[rows["kind"].eq("body")].shape[0] == 9  # title + 8 paragraphs


def test_seed_003_sidebar_teasers_after_the_disclaimer_are_furniture(seed_segments):
    rows = seed_segments[seed_segments["doc_id"].eq("003_f04a42b35340f9e1")]
    teaser = rows[rows["text"].str.contains("Zelenskyy claims were recruited")]
    assert teaser["kind"].tolist() == ["furniture"]
    last_body = rows[rows["kind"].eq("body")].iloc[-1]
    assert last_body["text"].startswith("U.S. officials would be well advised")


def test_constructed_page():
    result = {text: (kind, label) for text, kind, label in _kinds(texts.CONSTRUCTED_PAGE)}
    assert result["Share this article"] == ("furniture", "share_widget")
    assert result["Tuesday, March 3, 2020"] == ("furniture", "date_banner")
    assert result["Harbour authority approves new ferry terminal"] == ("body", "title")
    assert result["By Jane Okafor | Coastal Times"] == ("furniture", "byline")
    assert result["Sponsored"] == ("furniture", "advertising")
    assert result["• Phase one: a new pier."] == ("body", "list_item")
    assert result["Jane Okafor is a reporter covering transport and infrastructure."] == ("furniture", "author_bio")
    assert result["Get our free weekly newsletter delivered to your inbox."][0] == "furniture"
    assert result["Read more: Ferry fares to rise in May"][0] == "furniture"


@pytest.mark.parametrize(
    "line",
    [
        "Nasdaq planning $100m share sale",  # 'share' in a headline is not a share widget
        "A US bank has said it will donate more than $8m to victims.",  # 'donate' in news prose
        "It lost 464,000 subscribers in the fourth quarter.",
        "By contrast, analysts expect growth to slow.",  # not a byline
        "Latest Opera browser gets vocal",
    ],
)
def test_near_misses_stay_body(line):
    page = f"A headline\n\n{line}\n\nA closing paragraph that ends the article properly.\n"
    kinds = {text: kind for text, kind, _ in _kinds(page)}
    assert kinds[line] == "body"


@pytest.mark.slow  # runs in make test-all and CI
def test_bbc_articles_lose_nothing_with_words(bbc_dir):
    cut = []
    for path in sorted(bbc_dir.glob("*/*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        table = segments.segment_text(raw)
        for start, end, kind in table[["start", "end", "kind"]].itertuples(index=False):
            if kind == "furniture" and any(ch.isalpha() for ch in raw[start:end]):
                cut.append((path.name, raw[start:end].strip()[:60]))
    assert cut == []


def test_furniture_cues_cite_a_source():
    for cue in segments.furniture_cues():
        assert cue.source.strip() and cue.reason.strip()


# --- pages as add stores them and as a browser copy gives them (constructed, not from any seed) ---

_PROSE = ("The council said the new route would open in the spring, after a year of work on the bridge "
          "and the approach roads, and that fares would stay as they are.")


def _kind_of(raw: str) -> dict[str, str]:
    return {text: kind for text, kind, _ in _kinds(raw)}


def test_markdown_table_rule_does_not_end_the_article():
    page = "\n\n".join(["Ferry fees to rise", _PROSE, "| Route | Fee |", "|---|---|", "| Baku | 10 |",
                        _PROSE.replace("spring", "autumn"), _PROSE.replace("council", "port")]) + "\n"
    kinds = _kind_of(page)
    assert kinds["|---|---|"] == "body"
    assert kinds[_PROSE.replace("spring", "autumn")] == "body" and kinds[_PROSE.replace("council", "port")] == "body"
    rows = {text: label for text, _, label in _kinds(page)}
    assert rows["| Route | Fee |"] == "table_row" and rows["|---|---|"] == "table_rule"


def test_pipe_row_cells():
    row = "| Route | Fee |"
    assert [row[s:e] for s, e in segments.table_cells(row)] == ["Route", "Fee"]


@pytest.mark.parametrize("rule", ["...", "___", "* * *"])
def test_a_rule_inside_a_live_blog_or_code_does_not_end_the_article(rule):
    later = [_PROSE.replace("council", f"minister {n}") for n in range(3)]
    page = "\n\n".join(["Live: bridge opening", _PROSE, _PROSE.replace("council", "mayor"), rule] + later) + "\n"
    kinds = _kind_of(page)
    assert all(kinds[line] == "body" for line in later)


def test_code_output_numbers_are_not_a_calendar():
    page = "\n\n".join(["Counting in Python", _PROSE, "for i in range(3): print(2 * i)", "0", "2", "4", _PROSE.replace("council", "author")]) + "\n"
    labels = {text: label for text, _, label in _kinds(page)}
    assert labels["0"] != "calendar" and labels["2"] != "calendar" and labels["4"] != "calendar"
    calendar = "Home\n\nMTWTFSS\n\n1 2 3 4 5 6 7\n\n8 9 10 11 12 13 14\n"
    assert {text: label for text, _, label in _kinds(calendar)}["8 9 10 11 12 13 14"] == "calendar"


def test_profiles_with_handles_are_not_an_author_box():
    people = [f"{name} is a reporter covering {beat} for the paper's city desk. Before that, {name.split()[0]} wrote for a weekly." for name, beat in
              (("Ann Lee", "transport"), ("Bo Chen", "schools"), ("Cy Diaz", "courts"))]
    lines = ["Meet the team", _PROSE, _PROSE.replace("council", "editor")]
    for person, handle in zip(people, ("@annlee", "@bochen", "@cydiaz")):
        lines += [person, f"Twitter: {handle}"]
    page = "\n\n".join(lines) + "\n"
    kinds = _kind_of(page)
    assert all(kinds[person] == "body" for person in people)


def test_byline_with_a_web_address_is_a_byline():
    page = "Harbour plan approved\n\nBy Staff Writer | https://example.org/news\n\n" + _PROSE + "\n"
    labels = {text: label for text, _, label in _kinds(page)}
    assert labels["By Staff Writer | https://example.org/news"] == "byline"


@pytest.mark.parametrize("byline", [
    "By Ana Ruiz and Li Wei",
    "By Ana Ruiz and Li Wei and Tom Baker | Coastal Times",
    "By ANA RUIZ and AP Harbour Writer | Coastal Post",
    "By Ana Ruiz, Li Wei & Tom Baker",
    "By Вера Соколова | harbour-news.example",
    "By Coastal Times | Coastal Times | Your harbour news",
])
@pytest.mark.parametrize("extracted", [False, True])
def test_several_names_or_a_site_after_by_are_a_byline(byline, extracted):
    # The form add writes from what a saved page states (title, then By <authors> | <site>).
    page = f"Harbour plan approved\n\n{byline}\n\n{_PROSE}\n\n{_PROSE.replace('council', 'mayor')}\n"
    labels = _by_text(page, "label", extracted)
    assert labels[byline] == "byline"


@pytest.mark.parametrize("line", [
    "By Tuesday the vote had passed and the Senate moved on to the budget",
    "By then, Ana Ruiz and Li Wei had left the harbour",
    "By 2030 | Harbour Plans",
])
def test_a_line_opening_with_by_that_reads_as_prose_is_not_a_byline(line):
    page = f"Harbour plan approved\n\n{_PROSE}\n\n{line}\n\n{_PROSE.replace('council', 'mayor')}\n"
    assert {text: label for text, _, label in _kinds(page)}[line] != "byline"


@pytest.mark.parametrize("extracted", [False, True])
def test_news_about_a_subscription_that_says_you_elsewhere_is_not_a_pitch(extracted):
    # The cue word and the reader address sit in different sentences: a report, not a pitch.
    news = ("The ferry company is now letting you travel free on weekdays, and rival operators are nervous. "
            "Its statement said passengers without a season ticket or a subscription to its app could ride free.")
    page = f"Ferry fares fall\n\n{_PROSE}\n\n{news}\n\n{_PROSE.replace('council', 'mayor')}\n"
    kinds = _by_text(page, "kind", extracted)
    assert kinds[news] == "body"


@pytest.mark.parametrize("pitch", [
    "Get the latest harbour news every morning. Subscribe to our newsletter.",
    "Enjoyed this story? Sign up for the Coastal Times newsletter.",
    "Get our free weekly newsletter delivered to your inbox.",
])
def test_a_pitch_whose_pitching_sentence_addresses_the_reader_is_furniture(pitch):
    page = f"Ferry fares fall\n\n{_PROSE}\n\n{pitch}\n\n{_PROSE.replace('council', 'mayor')}\n"
    assert {text: label for text, _, label in _kinds(page)}[pitch] == "subscription_pitch"


def test_on_extracted_text_a_late_disclaimer_does_not_end_the_article():
    # An extractor has already cut the page tail: what it kept after the marker is article text.
    after = ["Correction: an earlier version of this story gave the wrong date for the vote on the harbour plan.",
             _PROSE.replace("council", "harbour board")]
    page = "\n\n".join(["Harbour plan approved", _PROSE, _PROSE.replace("council", "mayor"), _PROSE.replace("council", "port"),
                        "The views expressed in this article are the author's own.", *after]) + "\n"
    for extracted, expected in ((True, "body"), (False, "furniture")):
        table = segments.segment_text(page, extracted=extracted)
        kinds = {page[s:e].strip(): (kind, label) for s, e, kind, label in table[["start", "end", "kind", "label"]].itertuples(index=False)}
        assert kinds["The views expressed in this article are the author's own."] == ("furniture", "disclaimer")
        assert [kinds[line][0] for line in after] == [expected, expected]


@pytest.mark.parametrize("header", ["12 Comments", "34 responses to “Harbour plan approved”", "Leave a Reply",
                                    "Join the discussion", "Comment via Facebook Comment via Coastal Times", "Comments (5)"])
def test_a_late_comment_section_heading_ends_the_article(header):
    article = [_PROSE, _PROSE.replace("council", "mayor"), _PROSE.replace("council", "port"), _PROSE.replace("council", "board")]
    comments = ["harbourfan says:", "I think the new route is a good idea and the fares are fair.", "Reply"]
    page = "\n\n".join(["Harbour plan approved", *article, header, *comments]) + "\n"
    kinds = {text: (kind, label) for text, kind, label in _kinds(page)}
    assert kinds[header] == ("furniture", "comment_section")
    assert all(kinds[line] == ("furniture", "page_tail") for line in comments)
    assert all(kinds[line][0] == "body" for line in article)


@pytest.mark.parametrize("line", [
    "The council received 34 comments on the plan before the vote, most of them in favour of the new route.",
    "Readers were invited to join the discussion at a public meeting in the town hall on Monday evening.",
])
def test_prose_about_comments_is_not_a_comment_section_heading(line):
    page = f"Harbour plan approved\n\n{_PROSE}\n\n{line}\n\n{_PROSE.replace('council', 'mayor')}\n"
    assert {text: label for text, _, label in _kinds(page)}[line] != "comment_section"


@pytest.mark.parametrize("raw", ["", "Главная\nНовости\nКонтакты\n", "Home\nNews\nSport\nContact us\n© 2020 Example Media\n",
                                 "Президент подписал закон о бюджете на следующий год, сообщила пресс-служба, и документ вступит в силу в январе.\n"])
def test_bad_input_gets_segments_with_reasons(raw):
    table = segments.segment_text(raw)
    assert "".join(raw[s:e] for s, e in table[["start", "end"]].itertuples(index=False)) == raw
    assert table["reason"].str.len().gt(0).all()


@pytest.mark.parametrize("menu_first", [True, False])
def test_menu_lines_around_the_article_are_furniture_with_a_reason(menu_first):
    menu = "Share this article\nWeather\nLocal news\nBusiness\nCrosswords"
    article = "Bridge reopens after repairs\n\n" + "\n\n".join(
        [_PROSE, _PROSE.replace("council", "mayor"), _PROSE.replace("council", "engineer")])
    page = (f"{menu}\n\n{article}" if menu_first else f"{article}\n\n{menu}") + "\n\n© 2020 Example Media. All rights reserved.\n"
    table = segments.segment_text(page)
    texts = [page[s:e].strip() for s, e in table[["start", "end"]].itertuples(index=False)]
    by_text = dict(zip(texts, zip(table["kind"], table["reason"])))
    for line in ("Weather", "Local news", "Business", "Crosswords"):
        assert by_text[line][0] == "furniture", line
    # Above the headline a short line is the page head's menu (a rule); below the article the classifier decides.
    assert ("above the article's headline" if menu_first else "line classifier") in by_text["Weather"][1]
    assert by_text["Bridge reopens after repairs"][0] == "body"
    assert all(by_text[p][0] == "body" for p in [_PROSE, _PROSE.replace("council", "mayor")])


def test_on_an_extractors_output_only_rules_set_lines_aside():
    # The same short lines after the article that the classifier sets aside on a rendered page stay body
    # in an extraction (held-out folds of the tune pages: there the classifier cut more body than furniture),
    # while a rule's furniture (the copyright line) is set aside on both paths.
    lines = ["Weather", "Local news", "Business", "Crosswords"]
    article = "Bridge reopens after repairs\n\n" + "\n\n".join(
        [_PROSE, _PROSE.replace("council", "mayor"), _PROSE.replace("council", "engineer")])
    page = f"{article}\n\nShare this article\n" + "\n".join(lines) + "\n\n© 2020 Example Media. All rights reserved.\n"
    rendered = dict(zip(_by_text(page, "kind"), segments.segment_text(page)["reason"]))
    kinds, reasons = _by_text(page, "kind", extracted=True), _by_text(page, "reason", extracted=True)
    for line in lines:
        assert _by_text(page, "kind")[line] == "furniture" and "line classifier" in rendered[line]
        assert kinds[line] == "body", line
        assert "only a rule sets a line aside" in reasons[line] and "p furniture=" in reasons[line]
    assert kinds["© 2020 Example Media. All rights reserved."] == "furniture"
    assert all(kinds[p] == "body" for p in [_PROSE, _PROSE.replace("council", "mayor")])


def test_lines_inside_the_prose_run_are_decided_by_the_inside_regression_and_the_others_by_the_outside_one():
    from analysis.corpus import line_model

    n = len(line_model.FEATURES)
    zeros, ones = (0.0,) * n, (1.0,) * n
    # Only the biases differ: the inside regression says furniture for every line, the outside one body.
    model = line_model.LineModel(features=line_model.FEATURES, weights_inside=(zeros, 10.0, zeros, ones),
                                 weights_outside=(zeros, -10.0, zeros, ones), word_scores={},
                                 threshold_inside=0.5, threshold_outside=0.5, trained_on="constructed")
    page = ["Share this article", "Weather", "Bridge reopens", _PROSE, _PROSE.replace("council", "mayor"), "Sport"]
    raw = "\n\n".join(page) + "\n"
    starts = [raw.index(line) for line in page]
    decisions, verdicts = segments.line_verdicts(page, len(raw), starts, model=model)
    run = line_model.prose_run(page)
    for i, verdict in enumerate(verdicts):
        if verdict is not None:
            assert verdict.furniture == (run[0] <= i <= run[1]), page[i]
    assert verdicts[3] is not None and verdicts[3].furniture and verdicts[5] is not None and not verdicts[5].furniture


def test_a_line_other_pages_print_is_furniture_evidence():
    pages = {f"p{n}": f"Latest from the Coastal Times app\n\nStory {n} headline\n\n{_PROSE.replace('council', f'council {n}')}\n" for n in range(3)}
    counts = segments.corpus_line_counts(pages)
    assert counts["p0"][0] == 2 and counts["p0"][1] == 0
    segmented = segments.segment_corpus_texts(pages)
    assert segmented["p0"]["kind"].iloc[0] == "furniture"


def test_missing_model_file_names_the_file_and_the_command(tmp_path):
    from analysis.corpus import line_model

    with pytest.raises(line_model.ModelFileError, match="furniture-train"):
        line_model.load_model(tmp_path / "furniture_model.json")
    (tmp_path / "old.json").write_text('{"version": 0}')
    with pytest.raises(line_model.ModelFileError, match="old.json.*version"):
        line_model.load_model(tmp_path / "old.json")


@pytest.mark.parametrize("row,calendar", [
    ("567891011", True), ("12131415161718", True), ("\xa01234", True), ("262728293031\xa0", True),  # glued widget rows
    ("2021", False), ("0", False), ("24", False), ("12345678", False),  # a year, code output, eight "days"
])
def test_a_month_widget_row_copied_without_separators_is_a_calendar(row, calendar):
    table = segments.segment_text(f"A title\n\nA sentence of the article body here.\n\nMTWTFSS\n{row}\n")
    assert (table.iloc[-1]["label"] == "calendar") is calendar


_BLURB = ("The Coastal Times is an independent newsroom covering the harbour towns, funded by its readers "
          "and by no party or company.")
_REUSED = ("Fishermen on the east quay said the new rules had cut their catch by a third since the spring, "
           "and that the council had not answered their letters.")


def test_a_prose_paragraph_counts_as_repeated_only_on_pages_of_the_same_site():
    pages = {
        "a1": f"Ferry fares rise\n\n{_PROSE}\n\n{_BLURB}\n\nShare this article\n",
        "a2": f"Bridge reopens\n\n{_REUSED}\n\n{_BLURB}\n\nShare this article\n",
        "b1": f"Quay protest grows\n\n{_REUSED}\n\nShare this article\n",
    }
    sites = {"a1": "coastal-times.example", "a2": "coastal-times.example", "b1": "harbour-herald.example"}
    counts = segments.corpus_line_counts(pages, sites)
    # The site's own blurb on its two pages: repeated; a paragraph one outlet shares with another: not repeated.
    assert counts["a1"][2] == 1 and counts["a2"][2] == 1
    assert counts["a2"][1] == 0 and counts["b1"][1] == 0
    # A short line that is not prose counts on every other page, whatever its site.
    assert counts["a1"][3] == counts["b1"][2] == 2
    # Without sites, no prose paragraph counts as repeated at all.
    assert segments.corpus_line_counts(pages)["a1"][2] == 0
    segmented = segments.segment_corpus_texts(pages, sites=sites)
    for doc_id, line in (("a2", 1), ("b1", 1)):
        assert segmented[doc_id]["kind"].iloc[line] == "body"


@pytest.mark.parametrize("line,label", [
    ("November 19, 2019 at 8:53 am", "date_banner"),
    ("14:48 March 3, 2020", "date_banner"),
    ("Monday, 3 March 2020 - 2:19 pm", "date_banner"),
    ("Published 14 March 2025", "date_line"),
    ("Updated: 2025-03-14 09:30", "date_line"),
    ("Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM", "date_line"),
    ("5 hours ago", "date_line"),
    ("a day ago", "date_line"),
    ("© 2021 Harbour Media Ltd. All rights reserved.", "copyright_notice"),
    ("Copyright 2019 Coastal Times", "copyright_notice"),
    ("We use cookies to improve your experience on our site. See our privacy policy.", "legal_notice"),
    ("Privacy Policy", "legal_notice"),
    ("Tags: ferries, harbour, transport", "post_meta"),
    ("Filed under: Local news", "post_meta"),
])
def test_date_copyright_legal_and_tag_lines_are_recognised_by_their_form(line, label):
    page = f"Ferry fares rise\n\n{_PROSE}\n\n{line}\n\n{_PROSE.replace('council', 'mayor')}\n"
    assert {text: lab for text, _, lab in _kinds(page)}[line] == label


@pytest.mark.parametrize("line", [
    "Published in 2020 by the council, the report found that fares had doubled over ten years.",
    "The company changed its privacy policy last year, regulators said, after complaints from users.",
    "Tags are attached to every parcel before it leaves the depot.",
    "The copyright case will be heard next spring, lawyers for both sides said on Monday.",
])
def test_news_prose_about_dates_privacy_tags_or_copyright_is_not_caught_by_those_rules(line):
    page = f"Ferry fares rise\n\n{_PROSE}\n\n{line}\n\n{_PROSE.replace('council', 'mayor')}\n"
    label = {text: lab for text, _, lab in _kinds(page)}[line]
    assert label not in {"date_banner", "date_line", "copyright_notice", "legal_notice", "post_meta"}


def test_cue_hints_never_hide_a_match(seed_docs):
    # A cue's hints only skip lines its pattern cannot match: on every seed line and constructed line, same answer.
    lines = [line for raw in seed_docs["raw"] for line in segments.page_lines(raw)]
    lines += segments.page_lines(texts.CONSTRUCTED_PAGE) + [
        "Share on Facebook", "Follow us @harbourherald on Twitter", "SIGN UP for our newsletter", "Read more: Ferry fares rise",
        "Photo: Getty Images", "IMG_20200303.JPG", "harbour_1234567", "(C) 2020 Coastal Times", "All Rights Reserved",
        "AdChoices", "Accept cookies", "Tagged with: ferries", "The views expressed are the author's own.", "Show less"]
    for cue in segments.furniture_cues():
        for line in lines:
            assert cue.matches(line, line.lower()) == bool(cue.pattern.search(line)), (cue.label, line)


def test_a_site_footer_of_long_paragraphs_is_not_taken_for_the_article():
    from analysis.corpus import line_model

    footer = [f"The information provided on this website, including {topic}, is for general purposes only and is not "
              "medical advice; consult your physician before you begin any exercise or nutrition programme."
              for topic in ("our blogs", "our community pages", "our programme materials")]
    article = ["Meal prep for busy weeks", "Cook the grains on Sunday and keep them in the fridge, covered, for up to four days.",
               "Portion the vegetables into boxes, one for each lunch of the week, and label each box with its day."]
    menu = [f"Menu entry {n}" for n in range(20)]
    lines = article + menu + footer
    # Alone, the footer is the longest run of prose; printed on the site's other pages too, it is not the article.
    assert line_model.prose_run(lines) == (23, 25)
    assert line_model.prose_run(lines, line_model.not_article_lines(lines, None, [0] * 23 + [1] * 3)) == (1, 2)


_HARBOUR_ARTICLE = [
    "Harbour dredging to begin in spring",
    "The port authority will start dredging the harbour channel in March, deepening it by two metres so larger ferries can dock.",
    "Dredging contractors will work at night to keep the channel open to fishing boats, the port authority said on Tuesday.",
    "Fishermen welcomed the deeper channel but asked the port authority to keep the harbour open during the spring season.",
    "The dredging is expected to take eleven weeks and will cost the harbour board about four million in total, officials said.",
]
_SIGN_IN_FORM = ["Sign in", "E-mail:", "Password:", "Remember me", "Forgot password?", "Register", "Screen name:",
                 "Confirm password:", "Please type the code", "Restore", "Close", "Yes", "No", "Log in", "Privacy Policy",
                 "Delete account", "Hello!", "Send", "Cancel", "Back"]
_COMMENT_POLICY = [
    "Users must be respectful to other members of our community and may not post insults, threats or advertising of any kind.",
    "Moderators may delete posts that break these rules and may block any account that repeatedly breaks them without notice.",
]


def test_the_prose_run_does_not_bridge_a_long_sign_in_form_to_a_comment_policy():
    from analysis.corpus import line_model

    lines = _HARBOUR_ARTICLE + _SIGN_IN_FORM + _COMMENT_POLICY
    # The policy's prose outweighs what the twenty form lines cost, so a plain sum joined it to the article.
    assert line_model._main_prose_run([len(t) if line_model.is_prose(t) else -(line_model.RUN_PENALTY + line_model.RUN_PENALTY_PER_CHAR * len(t))
                                       for t in lines]) == (1, len(lines) - 1)
    assert line_model.prose_run(lines) == (1, 4)
    kinds = _by_text("\n".join(["News | Sport | Weather"] + lines) + "\n", "kind")
    assert all(kinds[t] == "body" for t in _HARBOUR_ARTICLE[1:])


def test_the_prose_run_still_bridges_a_long_block_to_a_later_part_of_the_same_article():
    from analysis.corpus import line_model

    later = ["The harbour board said the dredging of the outer channel will follow in autumn, once the ferries have docked for winter.",
             "Fishermen asked the port authority to publish the dredging schedule for the channel before the work begins.",
             "Larger ferries will dock at the deepened berths from June, the port authority said, once the channel is surveyed."]
    table = [f"Berth {n}: {n + 4} m" for n in range(20)]  # a long table of the article's own, one row a line
    lines = _HARBOUR_ARTICLE + table + later
    assert sum(map(len, later)) < sum(map(len, _HARBOUR_ARTICLE[1:]))
    assert line_model.prose_run(lines) == (1, len(lines) - 1)
    # A late stretch holding more prose than the run before the block is kept whatever its words.
    lines = _HARBOUR_ARTICLE + _SIGN_IN_FORM + _COMMENT_POLICY * 3
    assert line_model.prose_run(lines) == (1, len(lines) - 1)


def test_a_clean_text_opens_with_its_headline_even_before_a_box_of_match_facts():
    page = ("City v Rovers\n\nRiverside Stadium\n\nSaturday, 4 March\n\n1500 GMT\n\nreturn to the top of the table\n\n"
            + _PROSE + "\n\n" + _PROSE.replace("council", "manager") + "\n")
    rows = _kinds(page)
    assert rows[0] == ("City v Rovers", "body", "title")
    assert all(kind == "body" for _, kind, _ in rows)


@pytest.mark.parametrize("title", ["Why the harbour plan failed.", "Is the harbour plan dead?", "harbour plan approved"])
def test_the_title_and_byline_add_writes_are_read_as_title_and_byline(title):
    # add writes: the title the page states, "By <author> | <site>", the date; the author field may carry
    # words the page printed before the name, which no byline rule of printed pages expects.
    page = (f"{title}\n\nBy Opinion columnist Ana Ruiz and Harbour Post Staff-at-large | Harbour Post\n\n"
            f"2019-11-18\n\n{_PROSE}\n\n{_PROSE.replace('council', 'mayor')}\n")
    table = segments.segment_text(page, extracted=True)
    labels = [label for label in table["label"]]
    assert labels[:3] == ["title", "byline", "date_banner"]
    assert table["kind"].iloc[1] == "furniture" and (table["kind"].iloc[3:] == "body").all()


def test_an_extracted_article_opening_with_by_and_no_stated_header_keeps_its_first_line():
    first = "By the time the ferry docked, the strike had already begun"
    page = f"{first}\n\n{_PROSE}\n\n{_PROSE.replace('council', 'mayor')}\n"
    table = segments.segment_text(page, extracted=True)
    assert table["kind"].iloc[0] == "body" and table["label"].iloc[0] != "byline"


@pytest.mark.parametrize("extracted", [False, True])
@pytest.mark.parametrize("line", [
    "The latest Reuters/Ipsos poll released on Friday shows the mayor ahead of her rival by five points.",
    "The mayor sent supporters an appeal on Monday, asking them to “donate $5 to our campaign today” before the vote.",
    'The union urged members to "sign up for our strike fund and tell your neighbours" before the ballot closed.',
])
def test_news_prose_naming_a_poll_agency_or_quoting_a_pitch_stays_body(line, extracted):
    # A poll's name is no photo credit; a "you" or "our" inside quotation marks is the speaker's.
    page = f"Ferry fares rise\n\n{_PROSE}\n\n{line}\n\n{_PROSE.replace('council', 'mayor')}\n"
    kinds = _by_text(page, "kind", extracted)
    assert kinds[line] == "body"


@pytest.mark.parametrize("line", [
    "Ferry passengers queue at the harbour terminal on May 3, 2020. REUTERS/Ana Ruiz",
    "Sign up for our newsletter and get the harbour news in your inbox every morning.",
])
def test_an_agency_photo_credit_and_a_pitch_outside_quotation_marks_are_furniture(line):
    page = f"Ferry fares rise\n\n{_PROSE}\n\n{line}\n\n{_PROSE.replace('council', 'mayor')}\n"
    assert {text: kind for text, kind, _ in _kinds(page)}[line] == "furniture"


def _comment_thread(n: int) -> list[str]:
    names = ["harbourfan", "Ana R.", "ferryrider42", "coastwatcher", "J. Smith", "portlander"]
    thread = []
    for k in range(n):
        thread += [f"{k + 1}. {names[k % len(names)]} says:", f"November {k + 1}, 2025 at 9:{10 + k} am",
                   f"I have taken this ferry for {k + 3} years and the new timetable is a real improvement over the old one, "
                   "though the fares on the late boats are still far too high for most of us.", "Reply"]
    return thread


def test_a_comment_heading_before_the_middle_ends_the_article_when_a_thread_follows():
    # A thread longer than the article puts its heading in the first half of the page.
    article = [_PROSE, _PROSE.replace("council", "mayor")]
    thread = _comment_thread(8)
    page = "\n\n".join(["Harbour plan approved", *article, "34 responses to “Harbour plan approved”", *thread]) + "\n"
    table = segments.segment_text(page)
    heading = page.index("34 responses")
    assert heading < 0.5 * len(page)
    kinds = {page[s:e].strip(): (kind, label) for s, e, kind, label in table[["start", "end", "kind", "label"]].itertuples(index=False)}
    assert all(kinds[line][0] == "body" for line in article)
    assert all(kinds[line] in {("furniture", "page_tail"), ("furniture", "date_banner")} for line in thread)
    # On text an extractor kept, the heading alone is set aside.
    extracted = segments.segment_text(page, extracted=True)
    texts = [page[s:e].strip() for s, e in extracted[["start", "end"]].itertuples(index=False)]
    first_comment = next(k for k, line in enumerate(texts) if line.startswith("I have taken this ferry for 3 "))
    assert extracted["label"].iloc[first_comment] != "page_tail"


def test_an_early_comment_heading_without_a_thread_after_it_ends_nothing():
    article = [_PROSE, _PROSE.replace("council", "mayor"), _PROSE.replace("council", "port"), _PROSE.replace("council", "board")]
    page = "\n\n".join(["Harbour plan approved", article[0], "12 Comments", *article[1:]]) + "\n"
    kinds = {text: (kind, label) for text, kind, label in _kinds(page)}
    assert kinds["12 Comments"] == ("furniture", "comment_section")
    assert all(kinds[line][0] == "body" for line in article)


def test_a_reason_names_tied_words_in_the_same_order_in_every_process():
    # "however", "chief" and "said" weigh the same in the word table (a retrained table may need other words);
    # a set's order follows the process's string hashing.
    page = f"Ferry fares rise\n\n{_PROSE}\n\n{_PROSE.replace('council', 'mayor')}\n\nHowever the chief said\n"
    script = ("from analysis.corpus.segments import segment_text; "
              f"print(segment_text({page!r})['reason'].iloc[-1])")
    reasons = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(reasons) == 1 and "'chief', 'however', 'said'" in reasons.pop()
