"""analysis.provenance.actors: the gazetteer resolves aliases; mentions carry raw offsets."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.provenance import actors
from analysis.corpus import loading


@pytest.mark.parametrize(
    "alias, actor",
    [
        ("Baku", "Azerbaijan"),
        ("Tehran", "Iran"),
        ("Washington", "United States"),
        ("U.S.", "United States"),
        ("the United States".removeprefix("the "), "United States"),
        ("Garabagh", "Nagorno-Karabakh"),
        ("Nagorno-Karabakh", "Nagorno-Karabakh"),
        ("Karabakh", "Nagorno-Karabakh"),
        ("Ankara", "Turkey"),
        ("Moscow", "Russia"),
        ("Jerusalem", "Israel"),
    ],
)
def test_resolve_alias(alias, actor):
    assert actors.resolve_alias(alias) == actor


def test_case_sensitive_and_longest_match():
    text = "Let us see whether the US and the United States agree with Eastern Zangezur."
    found = [(text[s:e], actor) for s, e, _, actor in actors.find_mentions(text)]
    assert found == [("US", "United States"), ("United States", "United States"), ("Eastern Zangezur", "Zangezur")]


def test_possessives_and_abbreviation_with_period():
    text = "Washington’s view of U.S. policy and Baku's answer."
    assert [text[s:e] for s, e, *_ in actors.find_mentions(text)] == ["Washington", "U.S.", "Baku"]


def test_every_gazetteer_row_cites_a_source():
    table = actors.load_gazetteer()
    assert table["source"].str.strip().ne("").all()
    assert set(table["kind"]) <= {"country", "person", "organisation", "region"}


def test_mentions_in_seed_body_are_raw_spans(seed_docs, seed_raw):
    mentions = actors.tag_mentions(loading.body_segments(seed_docs), seed_raw)
    for row in mentions.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.alias
    per_doc = mentions.groupby("doc_id")["actor"].apply(set)
    # Read off the seeds: 002 is about Iran, Israel and Azerbaijan; 004 about Armenia and the EU.
    assert {"Iran", "Israel", "Azerbaijan"} <= per_doc["002_a8b85cc1135acd1c"]
    assert {"Armenia", "European Union", "Azerbaijan"} <= per_doc["004_08525f4401574900"]
    garabagh = mentions[mentions["alias"].eq("Garabagh")]
    # "2020 Garabagh", "like Garabagh", "former Garabagh conflict" (twice): 4 by reading (and grep).
    assert set(garabagh["doc_id"]) == {"001_4f3f081fc040d33a"} and len(garabagh) == 4


def test_aliases_in_glued_table_cells_are_found(seed_docs, seed_raw):
    segments = loading.body_segments(seed_docs)
    rows = segments[segments["label"].eq("table_row") & segments["doc_id"].eq("000_f9577ae45c5847e6")]
    mentions = actors.tag_mentions(rows, seed_raw)
    # Read off seed 000's tables: "Priority AreaAzerbaijan’s FocusUS Expectations", "...with RussiaRestrains ..."
    assert {"Azerbaijan", "United States", "Russia", "Turkey", "Nagorno-Karabakh"} <= set(mentions["actor"])
    for row in mentions.itertuples():
        assert seed_raw[row.doc_id][row.start:row.end] == row.alias


# "Price" (Ned Price) is marked after_full_name: a bare "Price" names him only once the article has.
BBC_PRICES = ["business/306.txt", "politics/127.txt", "politics/130.txt", "politics/361.txt", "sport/445.txt"]


def test_a_bare_surname_marked_after_full_name_names_nobody():
    for text in ["Oxfam's Paying the Price report this week said 45 million children will die needlessly.",
                 "Plaid Cymru's economics spokesman Adam Price said he wanted help to get people on the housing ladder.",
                 "Price discounting has certainly accounted for much of this."]:
        assert actors.find_mentions(text) == []


def test_after_the_full_name_the_surname_counts_in_the_same_text_or_later_ones():
    text = "At the briefing, spokesman Ned Price declined. According to Price, Iran is a threat."
    assert [(text[s:e], actor) for s, e, _, actor in actors.find_mentions(text)] == [
        ("Ned Price", "Ned Price"), ("Price", "Ned Price"), ("Iran", "Iran")]
    doc_ids = ["a", "a", "b"]
    later = ["According to Price, the talks failed.", "Spokesman Ned Price spoke first.", "According to Price, the talks failed."]
    # Raw starts put the second sentence first in article a; article b never names him in full.
    assert actors.actors_in_sequence(doc_ids, later, starts=[500, 100, 0]) == [["Ned Price"], ["Ned Price"], []]
    assert actors.actors_in_sequence(doc_ids, later) == [[], ["Ned Price"], []]


def test_seed_003_credits_price_after_naming_ned_price(seed_docs, seed_raw):
    mentions = actors.tag_mentions(loading.body_segments(seed_docs), seed_raw)
    price = mentions[mentions["actor"].eq("Ned Price")]
    # Read off seed 003: "spokesman Ned Price", then "According to Price" and "Price’s remarks".
    assert list(price["alias"]) == ["Ned Price", "Price", "Price"]
    assert set(price["doc_id"]) == {"003_f04a42b35340f9e1"}


def test_bbc_articles_with_other_prices_name_no_ned_price(bbc_dir):
    raw_by_doc = {name: (bbc_dir / name).read_text(encoding="utf-8") for name in BBC_PRICES}
    assert all("Price" in raw for raw in raw_by_doc.values())
    spans = pd.DataFrame({"doc_id": BBC_PRICES, "start": 0, "end": [len(raw_by_doc[name]) for name in BBC_PRICES]})
    assert "Ned Price" not in set(actors.tag_mentions(spans, raw_by_doc)["actor"])
    assert all("Ned Price" not in names for names in actors.actors_per_span(spans, raw_by_doc))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("Ned Price", "person", "Price", "United States", "yes", "s")], r"\['Price'\] can only follow a full name"),
        ([("Ned Price", "person", "Ned Price", "United States", "maybe", "s")], r"after_full_name is 'yes' or empty, not \['maybe'\]"),
    ],
)
def test_gazetteer_rules_for_after_full_name_are_checked(rows, message):
    table = pd.DataFrame(rows, columns=actors.GAZETTEER_COLUMNS)
    with pytest.raises(ValueError, match=message):
        actors._checked_gazetteer(table, "actors.csv")
