"""Where a direct quotation's content begins and ends: its own tag, the words before it, mixed marks.

Every sentence is constructed for the test; the expected rows were checked by reading them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.provenance import attribution


def _rows(text: str) -> list[tuple[str, str, str]]:
    """(content, kind, cue) of every row that is not a scare quote."""
    ledger = attribution.attributions_in_text(text)
    ledger = ledger[ledger["kind"].ne("scare_quote")]
    return [(row.text, row.kind, "" if pd.isna(row.cue_start) else text[int(row.cue_start):int(row.cue_end)])
            for row in ledger.itertuples()]


# --------------------------------------------------------------------------- a quotation keeps its own tag

def test_a_quotation_with_its_own_tag_is_not_the_tail_of_the_content_before_it():
    text = 'He noted that the boats had come back from far and wide. "It is a record," he said, smiling at the crowd.'
    rows = _rows(text)
    assert ("that the boats had come back from far and wide", "reported", "noted") in rows
    assert ('"It is a record,"', "quote", "said") in rows


def test_two_quotations_with_two_tags_are_two_quotation_rows():
    text = "“The harbour is full tonight,” Ada Brandt says. “Nobody can moor a boat here until Friday,” she adds."
    assert _rows(text) == [("“The harbour is full tonight,”", "quote", "says"),
                           ("“Nobody can moor a boat here until Friday,”", "quote", "adds")]


def test_a_quotation_after_its_tag_with_no_tag_of_its_own_stays_an_interrupted_quotation():
    text = "“We sold every loaf,” Pia Lund said. “Tomorrow we bake twice as many.” Then the shop closed."
    (content, kind, cue), = _rows(text)
    assert content == "“We sold every loaf,” Pia Lund said. “Tomorrow we bake twice as many.”" and kind == "quote"


def test_a_name_with_a_capitalised_verb_form_can_be_a_speaker():
    text = "Kent State University's Lena Morrow agreed. “The budget will not pass this spring.”"
    ledger = attribution.attributions_in_text(text)
    row = ledger[ledger["kind"].eq("quote")].iloc[0]
    assert row["text"] == "“The budget will not pass this spring.”"
    assert row["speaker"] == "Kent State University's Lena Morrow" and row["verb"] == "agreed"
    assert attribution._speaker_phrase("the State Department spokesman")
    assert not attribution._speaker_phrase("the spokesman stated")  # a lower-case verb of saying is no speaker


# --------------------------------------------------------------------------- words between the cue and the quotation

@pytest.mark.parametrize("text", [
    "The mayor said in a radio interview on Monday, “The bridge reopens in May.”",
    "The mayor told reporters, “The bridge reopens in May.”",
    "The mayor then asked the crowd at the pier, “Who will help us rebuild the harbour?”",
    "The coach kept tweeting at him, “You are not ready for the final.”",
    "Ms. Varga said as she opened the new hall in Dundee, “This town has waited long enough.”",
    "Then the harbour master added a caveat: “Down the river, I will vote for anyone who shares his values.”",
])
def test_where_when_or_to_whom_it_was_said_is_not_part_of_the_quotation(text):
    (content, kind, _), = _rows(text)
    assert content == text[text.index("“"):] and kind == "quote"
    row = attribution.attributions_in_text(text).iloc[0]
    assert "the words before it tell where, when or to whom it was said" in row["rule"]


@pytest.mark.parametrize("text, content", [
    ("The mayor said she was thinking, “The bridge reopens in May.”", "she was thinking, “The bridge reopens in May.”"),
    ("The mayor said that despite the delays, “The bridge reopens in May.”",
     "that despite the delays, “The bridge reopens in May.”"),
])
def test_a_clause_before_the_quotation_stays_in_the_content(text, content):
    (found, kind, _), = _rows(text)
    assert found == content and kind == "reported"


def test_a_content_of_punctuation_and_its_own_cue_starts_after_the_cue():
    from analysis.provenance import role_model

    text = "She said she froze, ''It can't be real,'' adding, ''I had no words at all.''"
    quotes = attribution.find_quotes(text)
    cue_start = text.index("adding")
    paragraph = role_model.paragraph(text, quotes, [(cue_start, cue_start + 6, 0.9)])
    first, last = role_model.word_range(paragraph, cue_start, cue_start + 6)
    c = attribution._Candidate(cue_start, cue_start + 6, first, last, 0.9, "", None)
    # What the role model may give such a cue: the comma and closing mark before it, the cue, the quotation after.
    c.content = role_model.word_range(paragraph, text.index(",''"), len(text))
    attribution._mend_quotation_marks([c], paragraph)
    words = paragraph.words
    assert text[words[c.content[0]][0]:words[c.content[1]][1]] == "''I had no words at all.''"


# --------------------------------------------------------------------------- mixed quotation marks

@pytest.mark.parametrize("text, quoted", [
    ('"We are ready,” the mayor said. She left.', '"We are ready,”'),
    ('“We are ready," the mayor said. She left.', '“We are ready,"'),
])
def test_a_quotation_may_open_with_one_style_of_mark_and_close_with_the_other(text, quoted):
    assert [text[s:e] for s, e in attribution.find_quotes(text)] == [quoted]
    assert _rows(text) == [(quoted, "quote", "said")]



# --------------------------------------------------------------------------- a quotation and its tag between dashes

def test_a_quotation_and_its_tag_between_dashes_is_the_content_alone():
    text = ("The bishop also praised his sister's ''quiet and steady faith'' - ''faith that shows itself in good "
            "works, not loud words,'' he said - and argued for a candidate who can win in the autumn.")
    rows = _rows(text)
    assert ("''faith that shows itself in good works, not loud words,''", "quote", "said") in rows


def test_words_on_both_sides_of_a_tag_between_dashes_are_not_its_content():
    from analysis.provenance import role_model

    text = ("Neither farmer was impressed by the mayor - ''Born with a silver spoon,'' Mr. Ellis said - but they "
            "could not vote against her.")
    quotes = attribution.find_quotes(text)
    cue_start = text.index("said")
    paragraph = role_model.paragraph(text, quotes, [(cue_start, cue_start + 4, 0.9)])
    first, last = role_model.word_range(paragraph, cue_start, cue_start + 4)
    c = attribution._Candidate(cue_start, cue_start + 4, first, last, 0.9, "", None)
    c.content = role_model.word_range(paragraph, 0, len(text) - 1)  # the whole sentence, both sides of the tag
    attribution._quotation_between_dashes([c], paragraph)
    words = paragraph.words
    assert text[words[c.content[0]][0]:words[c.content[1]][1]] == "''Born with a silver spoon,''"
    # Without the closing dash after the tag the words after it may be reported too: nothing changes.
    text = text.replace("said - but", "said but")
    quotes = attribution.find_quotes(text)
    paragraph = role_model.paragraph(text, quotes, [(cue_start, cue_start + 4, 0.9)])
    c.content = whole = role_model.word_range(paragraph, 0, len(text) - 1)
    attribution._quotation_between_dashes([c], paragraph)
    assert c.content == whole


# --------------------------------------------------------------------------- one quotation, one cue

def test_two_cues_outside_one_quotation_do_not_split_it():
    from analysis.provenance import role_model

    text = "FLOODS RETURN - Ada Brandt: “The river rose fast. Nobody in the valley was ready for it.” [Harbour Weekly.]"
    quotes = attribution.find_quotes(text)
    colon, bracket = text.index(": “"), text.index("[")
    paragraph = role_model.paragraph(text, quotes, [(colon, colon + 1, 0.6), (bracket, bracket + 1, 0.7)])
    words = paragraph.words

    def candidate(start, end, score, content, source=None):
        first, last = role_model.word_range(paragraph, start, end)
        c = attribution._Candidate(start, end, first, last, score, "", None)
        c.score, c.content = score, role_model.word_range(paragraph, *content)
        c.source = role_model.word_range(paragraph, *source) if source else None
        return c

    name = (text.index("Ada"), colon)
    by_colon = candidate(colon, colon + 1, 0.3, (text.index("The river"), text.index(" Nobody")), source=name)
    by_bracket = candidate(bracket, bracket + 1, 0.5, (text.index("Nobody"), text.index("”")))
    accepted = [by_colon, by_bracket]
    attribution._one_cue_per_quotation(accepted, paragraph)
    assert accepted == [by_colon]  # the cue with a source printed in words keeps the quotation
    attribution._snap_to_quotations(accepted, paragraph)
    assert text[words[by_colon.content[0]][0]:words[by_colon.content[1]][1]] == text[text.index("“"):text.index("”") + 1]


def test_a_participial_clause_may_stand_between_a_tag_and_its_quotation():
    text = ("When a child on the pier shouted, “Boats,” the skipper joked, again using his stage voice, "
            "“All aboard, everyone! Come on up and get wet!”")
    q_start = text.rindex("“")
    tag = attribution._speech_tag(text, q_start, len(text))
    assert tag is not None and text[tag["cue"][0]:tag["cue"][1]] == "joked"
    assert text[tag["source"][0]:tag["source"][1]] == "the skipper"
    # A noun in -ing before the participial clause is no tag ("during the hearing, chiding him, “…”").
    text = "The senator clashed with the minister during the long hearing, chiding him, “What does it matter now?”"
    assert attribution._speech_tag(text, text.index("“"), len(text)) is None


def test_a_quotation_and_its_tag_in_brackets_is_the_content_alone():
    text = ("A quarrel between those who fear the flood (''This is less a storm and more a siege,'' Ada Brandt "
            "wrote in The Harbour Weekly last week) and those who fear the new dam.")
    rows = _rows(text)
    assert ("''This is less a storm and more a siege,''", "quote", "wrote") in rows


# --------------------------------------------------------------------------- what the saying is about

@pytest.mark.parametrize("text", [
    "The harbour master said of the council, “They have not read the report.”",
    "Ms. Varga added about the ferry: “It will be late again on Friday.”",
    "Tom Hale wrote of the mayor, “Her plan floods the old town.”",
])
def test_what_a_saying_is_about_is_not_part_of_the_quotation(text):
    quoted = text[text.index("“"):]
    rows = _rows(text)
    assert [(content, kind) for content, kind, _ in rows] == [(quoted, "quote")]
    rows_without = _with_flag("SAYING_TOPIC_BEFORE_QUOTATION", False, text)
    assert [kind for _, kind, _ in rows_without] == ["reported"]  # the topic opened the content before


def test_of_after_a_verb_whose_object_it_is_stays_in_the_content():
    text = "The fundraising letter warned of the hard weeks ahead: “We need every volunteer.”"
    (content, kind, cue), = _rows(text)
    assert content.startswith("the hard weeks ahead") and kind == "reported" and cue == "warned of"


def _with_flag(name: str, value, text: str) -> list[tuple[str, str, str]]:
    saved = getattr(attribution, name)
    setattr(attribution, name, value)
    attribution._speech_tag_patterns.cache_clear()  # the tag patterns are compiled with the flags of their time
    try:
        return _rows(text)
    finally:
        setattr(attribution, name, saved)
        attribution._speech_tag_patterns.cache_clear()


# --------------------------------------------------------------------------- a linking adverbial before the tag

@pytest.mark.parametrize("text", [
    "The bridge will stay shut. Still, Ms. Varga said, “We will open it before the winter.”",
    "The bridge will stay shut. That said, the mayor added, “We will open it before the winter.”",
])
def test_a_linking_adverbial_before_the_tag_is_not_part_of_the_quotation(text):
    quoted = text[text.index("“"):]
    assert [(content, kind) for content, kind, _ in _rows(text)] == [(quoted, "quote")]
    (content, kind, _), = _with_flag("LINKING_LEAD_IS_THE_WRITERS", False, text)
    assert kind == "reported" and content.endswith(quoted) and not content.startswith("“")


@pytest.mark.parametrize("text, lead", [
    ("The bridge, Ms. Varga said, “will open before the winter.”", "The bridge"),  # the subject of what was said
    ("The bridge will stay shut. But, Ms. Varga said, “We will open it before the winter.”", "But"),  # a coordinator
])
def test_a_lead_that_is_no_linking_adverbial_still_opens_the_content(text, lead):
    (content, kind, _), = _rows(text)
    assert content.startswith(lead) and kind == "reported"


# --------------------------------------------------------------------------- a paragraph ending in a colon

COLON_TEXT = "The mayor told the crowd, to loud applause:\n\n“We will open the bridge before the winter.”"


def test_a_paragraph_ending_in_a_colon_introduces_the_quotation_that_opens_the_next_one():
    ledger = attribution.attributions_in_text(COLON_TEXT)
    row, = ledger.itertuples()  # one row: the quotation is cited, not also listed as nobody's
    assert row.text == "“We will open the bridge before the winter.”" and row.kind == "quote"
    assert row.verb == "told" and row.speaker == "The mayor"
    assert "content: the next paragraph" in row.rule
    without = _with_flag("COLON_ENDING_A_PARAGRAPH", False, COLON_TEXT)
    assert ("“We will open the bridge before the winter.”", "quote", "told") not in without


def test_a_colon_with_no_verb_before_it_is_the_cue_of_the_next_paragraphs_quotation():
    text = "Partial transcript as follows:\n\n“Nobody will wait for a ferry again.”"
    assert _rows(text) == [("“Nobody will wait for a ferry again.”", "quote", ":")]


def test_a_colon_ending_a_paragraph_before_one_that_opens_with_no_quotation_cites_nothing_new():
    text = "Partial transcript as follows:\n\nThe ferry will run twice a day from Monday."
    assert _rows(text) == []


def test_a_report_verb_ending_its_paragraph_in_a_colon_gives_one_row_for_the_next_paragraphs_quotation():
    text = "The harbour office reports:\n\n“Nobody will wait for a ferry again this winter.”"
    ledger = attribution.attributions_in_text(text)
    assert [(row.text, row.kind, row.verb) for row in ledger.itertuples()] == [
        ("“Nobody will wait for a ferry again this winter.”", "quote", "reports")]


def test_without_the_ask_rule_the_hearer_of_ask_opens_the_content():
    text = "The mayor then asked the crowd at the pier, “Who will help us rebuild the harbour?”"
    (content, kind, _), = _with_flag("ASK_TAKES_AN_ADDRESSEE", False, text)
    assert content.startswith("the crowd at the pier") and kind == "reported"


# --------------------------------------------------------------------------- speech tags: a setting, an inversion

def test_a_speech_tag_before_a_quotation_may_end_in_where_or_when_it_was_said():
    text = "As the columnist Ann Lee had written just a few years earlier, “We just could not have a harbour without him.”"
    assert _rows(text) == [("“We just could not have a harbour without him.”", "quote", "written")]
    assert _with_flag("TAG_BEFORE_A_SETTING", False, text) == [("“We just could not have a harbour without him.”", "quote", "")]


def test_an_inverted_tag_before_a_quotation_names_its_speaker():
    text = "The harbour was full. Said Comey, “The thought that an error on our part did this is painful.”"
    ledger = attribution.attributions_in_text(text)
    row, = ledger.itertuples()
    assert (row.text, row.verb, row.speaker) == ("“The thought that an error on our part did this is painful.”", "Said", "Comey")
    assert [cue for _, _, cue in _with_flag("INVERTED_TAG_BEFORE", False, text)] == [""]


def test_an_inverted_ask_is_no_tag_by_form():
    assert attribution._inverted_tag_pattern().search("Said Comey, ") is not None
    assert attribution._inverted_tag_pattern().search("Asked Comey, ") is None  # the hearer, not the speaker
    assert attribution._inverted_tag_pattern().search("Told Ann Lee: ") is None


# --------------------------------------------------------------------------- an opening mark printed for a closing one

def test_an_opening_mark_after_a_word_and_before_a_space_closes_the_quotation():
    text = "The pilot frowned. “Do you want to land in this storm?“ he asked. “No,” she said."
    assert [text[a:b] for a, b in attribution.find_quotes(text)] == ["“Do you want to land in this storm?“", "“No,”"]


def test_an_opening_mark_before_a_word_still_opens_a_quotation():
    text = "He called it “unfair“ and left. Then she said “We will appeal.”"
    assert [text[a:b] for a, b in attribution.find_quotes(text)] == ["“unfair“", "“We will appeal.”"]
    saved = attribution.OPENING_MARK_AS_CLOSER
    attribution.OPENING_MARK_AS_CLOSER = False
    try:
        assert [text[a:b] for a, b in attribution.find_quotes(text)][0] == "“unfair"  # cut where the next one opened
    finally:
        attribution.OPENING_MARK_AS_CLOSER = saved


# --------------------------------------------------------------------------- an attribution line under a quotation

LINE_TEXT = ('The numbers changed over the summer.\n\n"Every ferry on this coast runs at a loss."\n\n- Ann Lee.\n\n'
             "The claim is hard to check.")


def test_a_dash_and_a_name_under_a_quotation_paragraph_is_its_attribution_line():
    ledger = attribution.attributions_in_text(LINE_TEXT)
    row, = ledger.itertuples()
    assert (row.text, row.kind, row.verb, row.speaker, row.speaker_kind) == (
        '"Every ferry on this coast runs at a loss."', "quote", "-", "Ann Lee", "named")
    assert LINE_TEXT[int(row.source_start):int(row.source_end)] == "Ann Lee"
    assert _with_flag("ATTRIBUTION_LINE_AFTER_A_QUOTATION", False, LINE_TEXT)[0][2] == ""  # nobody cites it


def test_a_dash_and_a_name_after_an_ordinary_paragraph_cites_nothing():
    text = "The ferry runs at a loss, the report found.\n\n- Ann Lee.\n\nThe claim is hard to check."
    assert _rows(text) == _with_flag("ATTRIBUTION_LINE_AFTER_A_QUOTATION", False, text)  # the rule leaves it alone
