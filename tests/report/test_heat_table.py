"""analysis.report.heat_table: a clickable heat map whose thin cells are marked, not coloured."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from analysis.report import heat_table

HOSTILE = '<img src=x onerror="alert(1)">'


def _table():
    values = pd.DataFrame({"Iran": [-0.5, 0.2, float("nan")], HOSTILE: [0.4, -0.9, 0.1]}, index=["d1", "d2", "d3"])
    counts = pd.DataFrame({"Iran": [4, 2, 0], HOSTILE: [3, 9, 1]}, index=["d1", "d2", "d3"])
    return values, counts


def _cells(html: str) -> dict[tuple[str, str], object]:
    soup = BeautifulSoup(html, "html.parser")
    columns = [th.get_text() for th in soup.select("thead th")][1:]
    found = {}
    for tr in soup.select("tbody tr"):
        row = tr.th.get_text()
        for column, td in zip(columns, tr.find_all("td")):
            found[(row, column)] = td
    return found


def test_cells_with_enough_observations_are_coloured_the_rest_hatched_or_empty():
    values, counts = _table()
    html = heat_table.heat_table_html(values, counts, min_count=3, labels={"d1": "AzerNews (001)"}, noun="mention",
                                      low_word="against", high_word="for", empty_word="not named")
    cells = _cells(html)
    assert cells[("AzerNews (001)", "Iran")].get_text(" ", strip=True) == "-0.50 n=4"
    assert heat_table.HATCH not in cells[("AzerNews (001)", "Iran")]["style"]
    thin = cells[("d2", "Iran")]  # 2 mentions: its count, no value, hatched
    assert thin.get_text(strip=True) == "n=2" and heat_table.HATCH in thin["style"]
    assert "too few" in thin["title"]
    assert cells[("d3", "Iran")].get_text(strip=True) == "" and "not named" in cells[("d3", "Iran")]["title"]
    assert "fewer than 3 mentions" in html and "empty: not named" in html


def test_colours_run_red_to_blue_on_one_scale():
    red, blue = heat_table.diverging_colour(-1, 1), heat_table.diverging_colour(1, 1)
    assert int(red[1:3], 16) > int(red[5:7], 16) and int(blue[5:7], 16) > int(blue[1:3], 16)
    assert heat_table.diverging_colour(-5, 1) == red  # beyond the limit: full colour, not an error
    with pytest.raises(ValueError, match="above 0"):
        heat_table.diverging_colour(0.2, 0)


def test_every_label_is_escaped_and_cells_link_to_their_evidence():
    values, counts = _table()
    links = {(row, column): f"#cell-{i}-{j}" for i, row in enumerate(values.index) for j, column in enumerate(values.columns)}
    html = heat_table.heat_table_html(values, counts, min_count=3, links=links, labels={"d2": HOSTILE})
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None and HOSTILE in soup.get_text()
    hrefs = [a["href"] for a in soup.select("td a")]
    assert hrefs == ["#cell-0-0", "#cell-0-1", "#cell-1-0", "#cell-1-1", "#cell-2-1"]  # no link from an empty cell
    assert "Click a cell" in html


def test_values_and_counts_must_have_the_same_shape():
    values, counts = _table()
    with pytest.raises(ValueError, match="same rows and columns"):
        heat_table.heat_table_html(values, counts.drop(index="d3"), min_count=3)
