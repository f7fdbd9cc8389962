"""A heat map as an HTML table: a coloured value per cell, cells on too few observations marked, each linking to its evidence.

A picture of a heat map cannot be clicked and its labels cannot be read aloud or
copied. This table can: each cell shows its value and how many observations it
rests on, is coloured on one diverging scale (red below 0, blue above), and
links to the section holding its evidence. A cell resting on fewer than
``min_count`` observations is hatched grey with its count only, so no one reads
an anecdote as a tendency; an empty cell means nothing was observed.

::

    from analysis.report import heat_table
    html = heat_table.heat_table_html(means, counts, min_count=3, links=links, noun="mention",
                                      low_word="against", high_word="for")
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.report.display import escape_text
from analysis.report.findings import plural

#: The hatching of a cell on too few observations (CSS, no image).
HATCH = "repeating-linear-gradient(135deg, #eeeeee 0 5px, #dddddd 5px 7px)"


def diverging_colour(value: float, limit: float) -> str:
    """The colour of ``value`` on matplotlib's RdBu scale from ``-limit`` (red) to ``+limit`` (blue), as ``#rrggbb``."""
    from matplotlib import colormaps

    if limit <= 0:
        raise ValueError(f"limit must be above 0, got {limit}")
    position = (max(-limit, min(limit, value)) / limit + 1) / 2
    red, green, blue, _ = colormaps["RdBu"](position)
    return "#{:02x}{:02x}{:02x}".format(*(round(channel * 255) for channel in (red, green, blue)))


def heat_table_html(
    values: pd.DataFrame,
    counts: pd.DataFrame,
    *,
    min_count: int,
    links: dict[tuple[str, str], str] | None = None,
    labels: dict[str, str] | None = None,
    noun: str = "observation",
    low_word: str = "low",
    high_word: str = "high",
    empty_word: str = "nothing observed",
    corner: str = "",
    limit: float | None = None,
) -> str:
    """``values`` (rows × columns) as a coloured table; ``counts`` says how many observations each cell rests on.

    Parameters
    ----------
    values, counts : DataFrame
        Same index and columns: the cell's value (e.g. a mean stance, −1…1) and its
        number of observations (0: nothing observed, an empty cell).
    min_count : int
        Cells with fewer observations are hatched and show only their count.
    links : dict, optional
        ``(row, column) -> "#section-id"``: where each cell's evidence is.
    labels : dict, optional
        Display names of rows and columns (e.g. article labels for doc ids); escaped.
    noun : str
        What is counted, singular ("mention").
    low_word, high_word : str
        What the two ends of the scale mean ("against", "for"), for the legend and the cell titles.
    empty_word : str
        What an empty cell means ("not named").
    corner : str
        Header of the row-label column.
    limit : float, optional
        The value at full colour; default the largest absolute value shown (at least 0.3).

    Returns
    -------
    str
        ``<div class="wb-heat">`` with the table and a one-line legend; every label escaped.
    """
    if list(values.index) != list(counts.index) or list(values.columns) != list(counts.columns):
        raise ValueError("heat_table_html: values and counts need the same rows and columns")
    labels = labels or {}
    links = links or {}
    enough = counts.ge(min_count)
    shown = values.where(enough).to_numpy(dtype=float)
    finite = [abs(v) for v in shown.flat if not math.isnan(v)]
    limit = limit or max([0.3, *finite])

    def name(key) -> str:
        return escape_text(labels.get(key, str(key)))

    head = "".join(f'<th scope="col" style="text-align:center;vertical-align:bottom;padding:2px 6px">{name(column)}</th>'
                   for column in values.columns)
    rows = []
    for row in values.index:
        cells = [f'<th scope="row" style="text-align:left;white-space:nowrap;padding:2px 8px 2px 0">{name(row)}</th>']
        for column in values.columns:
            n = int(counts.loc[row, column])
            value = values.loc[row, column]
            where = f"{labels.get(column, column)} in {labels.get(row, row)}"
            style = "text-align:center;padding:3px 6px;min-width:4.2em;border:1px solid #fff"
            if n == 0:
                cell = f'<td style="{style}" title="{escape_text(f"{where}: {empty_word}")}"></td>'
            elif n < min_count:
                title = f"{where}: {plural(n, noun)}, too few to read as a tendency"
                text = f'<span style="color:#666">n={n}</span>'
                cell = f'<td style="{style};background:{HATCH}" title="{escape_text(title)}">{_linked(text, links.get((row, column)))}</td>'
            else:
                colour = diverging_colour(float(value), limit)
                ink = "#ffffff" if abs(value) > 0.6 * limit else "#111111"
                title = f"{where}: {round(float(value), 2) + 0.0:+.2f} over {plural(n, noun)}"
                text = (f'<span style="color:{ink}"><strong>{round(float(value), 2) + 0.0:+.2f}</strong>'
                        f'<br><span style="font-size:.85em">n={n}</span></span>')
                cell = f'<td style="{style};background:{colour}" title="{escape_text(title)}">{_linked(text, links.get((row, column)))}</td>'
            cells.append(cell)
        rows.append(f"<tr>{''.join(cells)}</tr>")
    legend = (
        f'<p class="wb-table-note">Colour: <span style="background:{diverging_colour(-limit, limit)};color:#fff;padding:0 .4em">'
        f"{escape_text(low_word)} −{limit:.2f}</span> … 0 … "
        f'<span style="background:{diverging_colour(limit, limit)};color:#fff;padding:0 .4em">{escape_text(high_word)} +{limit:.2f}</span>; '
        f'<span style="background:{HATCH};padding:0 .4em">n={max(min_count - 1, 1)}</span> fewer than {plural(min_count, noun)}, '
        f"not read as a tendency; empty: {escape_text(empty_word)}." + (" Click a cell for its evidence." if links else "") + "</p>"
    )
    return (f'<div class="wb-heat"><table style="border-collapse:collapse"><thead><tr>'
            f'<th style="text-align:left">{escape_text(corner)}</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>{legend}</div>")


def _linked(text: str, href: str | None) -> str:
    if not href:
        return text
    return f'<a href="{escape_text(href)}" style="text-decoration:none;display:block">{text}</a>'
