"""analysis.readability_tone.stance_view: the article x actor grid and the folded evidence behind each cell."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup

from analysis.readability_tone import stance_view, tone

HOSTILE = '<img src=x onerror="alert(1)">'


def _corpus(*rows: tuple[str, str]):
    raw_by_doc: dict[str, str] = {}
    records = []
    for doc_id, text in rows:
        start = len(raw_by_doc.get(doc_id, ""))
        raw_by_doc[doc_id] = raw_by_doc.get(doc_id, "") + text + " "
        records.append({"doc_id": doc_id, "sentence_id": sum(r["doc_id"] == doc_id for r in records),
                        "start": start, "end": start + len(text), "text": text})
    sentences = pd.DataFrame(records)
    return sentences, raw_by_doc, tone.actor_mentions(sentences, raw_by_doc)


SENTENCES = (
    ("a", "Baku welcomed the wonderful agreement."),
    ("a", "Baku praised the generous and peaceful talks."),
    ("a", "Baku celebrated a brilliant success."),
    ("a", "Tehran condemned the terrible attack."),
    ("b", "Tehran accused Baku of a brutal, shameful crackdown."),
    ("c", "The weather was mild."),
)


def test_the_grid_has_the_most_mentioned_actors_as_columns_and_every_article_as_a_row():
    sentences, raw, mentions = _corpus(*SENTENCES)
    grid = stance_view.stance_grid(tone.actor_tone(mentions), ["a", "b", "c"], actors=1)
    assert list(grid.stance.columns) == ["Azerbaijan"]  # 4 mentions against Iran's 2
    assert list(grid.stance.index) == ["a", "b"] and grid.naming_none == ["c"]  # c names nobody: no empty row
    assert grid.mentions.loc["a", "Azerbaijan"] == 3 and grid.mentions.loc["b", "Azerbaijan"] == 1
    assert grid.ids == {("a", "Azerbaijan"): "stance-evidence-0-0", ("b", "Azerbaijan"): "stance-evidence-1-0"}
    fewer = stance_view.stance_grid(tone.actor_tone(mentions), ["a", "b", "c"], actors=2, articles=1)
    assert list(fewer.stance.index) == ["a"] and list(fewer.stance.columns) == ["Azerbaijan", "Iran"]
    iran_only = stance_view.stance_grid(tone.actor_tone(mentions[mentions["actor"].eq("Iran")]), ["a", "b", "c"], actors=1)
    assert grid.mentions.loc["b", "Azerbaijan"] == 1 and iran_only.ids == {("a", "Iran"): "stance-evidence-0-0", ("b", "Iran"): "stance-evidence-1-0"}


def test_each_cell_has_a_folded_block_with_its_mentions_highlighted():
    sentences, raw, mentions = _corpus(*SENTENCES)
    grid = stance_view.stance_grid(tone.actor_tone(mentions), ["a", "b", "c"], actors=2)
    words = tone.stance_evidence_words(mentions)
    html = stance_view.evidence_html(mentions, grid, sentences, raw, {"a": "Paper A (1)", "b": HOSTILE}, words=words)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    for cell_id in grid.ids.values():
        target = soup.find(id=cell_id)
        assert target is not None and target.find_parent("details", class_="wb-cell") is not None
        assert target.find_parent("details", class_="wb-actor") is not None
    block = soup.find(id=grid.ids[("a", "Azerbaijan")])
    assert len(block.select("tbody tr")) == 3
    assert [m.get_text() for m in block.select("mark") if m["style"].startswith(f"background:{stance_view.EVIDENCE_COLOURS['mention']}")] == ["Baku"] * 3
    summaries = [s.get_text() for s in soup.select("details.wb-cell > summary")]
    assert summaries[0].startswith("Paper A (1): 3 mentions, mean stance +") and "words for:" in summaries[0]
    assert any(s.startswith(HOSTILE) and "fewer than 3, not read as a tendency" in s for s in summaries)
    assert all(not d.has_attr("open") for d in soup.find_all("details"))  # folded until asked


def test_a_long_cell_lists_both_ends_and_names_the_csv():
    sentences, raw, mentions = _corpus(*SENTENCES)
    grid = stance_view.stance_grid(tone.actor_tone(mentions), ["a", "b", "c"], actors=1)
    html = stance_view.evidence_html(mentions, grid, sentences, raw, {}, max_rows=2)
    block = BeautifulSoup(html, "html.parser").find(id=grid.ids[("a", "Azerbaijan")])
    assert len(block.select("tbody tr")) == 2 and "tables/actor_mentions.csv" in block.get_text()
