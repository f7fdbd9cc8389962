"""The rhetoric report's charts, each returned with the alt text that says what it shows.

::

    from analysis.report import figures
    from analysis.rhetoric import charts
    fig, alt = charts.family_density_figure(summary, labels, figures.article_colours(docs["doc_id"]))
    figures.show_figure(fig, alt=alt)

Both families are drawn on one scale (spans per 1,000 body words), every bar is
labelled with its value, and the articles keep the colours they have in every
report (:func:`analysis.report.figures.article_colours`).
"""

from __future__ import annotations

import pandas as pd

from analysis.rhetoric import detector

_FAMILY_COLUMNS = {"argument_emotive": "argument_emotive_per_1000_words", "template_stance": "template_stance_per_1000_words"}
_PANEL_TITLES = {"argument_emotive": "Argument and emotive devices", "template_stance": "Hedging, boosting and template prose"}


def family_density_figure(summary: pd.DataFrame, labels: dict[str, str], colours: dict[str, str]):
    """Two panels on one scale: each article's argument and emotive density beside its template-prose density.

    Parameters
    ----------
    summary : DataFrame
        :func:`analysis.rhetoric.detector.article_summary` rows to draw (one bar per article per panel),
        drawn densest in argument and emotive devices first (at the top).
    labels : dict
        ``doc_id -> label``, the bars' names.
    colours : dict
        ``doc_id -> colour``.

    Returns
    -------
    (matplotlib.figure.Figure, str)
        The figure and its alt text (the densest article of each family, with its figure).
    """
    import matplotlib.pyplot as plt

    rows = summary.sort_values(["argument_emotive_per_1000_words", "doc_id"], ascending=[True, False], kind="stable")
    names = [labels.get(doc, doc) for doc in rows["doc_id"]]
    top = max(1.0, float(rows[list(_FAMILY_COLUMNS.values())].max().max())) if len(rows) else 1.0
    fig, axes = plt.subplots(1, 2, figsize=(10, 0.42 * len(rows) + 1.3), sharey=True)
    for ax, (family, column) in zip(axes, _FAMILY_COLUMNS.items()):
        values = rows[column].fillna(0).to_numpy()
        ax.barh(names, values, color=[colours.get(doc, "#9a9a9a") for doc in rows["doc_id"]], height=0.65)
        for y, value in enumerate(values):
            ax.text(value + top * 0.01, y, f"{value:.1f}", va="center", fontsize=10)
        ax.set_xlim(0, top * 1.15)  # one scale for both panels, room for the value labels
        ax.set_title(_PANEL_TITLES[family], fontsize=12)
        ax.set_xlabel("spans per 1,000 body words")
        ax.grid(axis="y", visible=False)
    fig.tight_layout()
    alt = "Two bar charts on one scale, spans per 1,000 body words per article. " + " ".join(
        f"{_PANEL_TITLES[family]}: {_densest(rows, column, labels)}." for family, column in _FAMILY_COLUMNS.items())
    return fig, alt


def _densest(rows: pd.DataFrame, column: str, labels: dict[str, str]) -> str:
    ranked = rows.dropna(subset=[column]).sort_values([column, "doc_id"], ascending=[False, True])
    if ranked.empty:
        return "no article has body words"
    first = ranked.iloc[0]
    text = f"densest {labels.get(first['doc_id'], first['doc_id'])} ({first[column]:.1f})"
    if len(ranked) > 1:
        last = ranked.iloc[-1]
        text += f", least {labels.get(last['doc_id'], last['doc_id'])} ({last[column]:.1f})"
    return text


def device_heatmap_figure(densities: pd.DataFrame, doc_ids: list[str], labels: dict[str, str]):
    """Article × device spans per 1,000 body words, argument and emotive devices left of the line.

    Parameters
    ----------
    densities : DataFrame
        :func:`analysis.rhetoric.detector.family_densities`.
    doc_ids : list of str
        The articles to draw, one row each, in this order.
    labels : dict
        ``doc_id -> label``.

    Returns
    -------
    (matplotlib.figure.Figure, str)
        The figure and its alt text (the densest cell of each family). Devices no drawn
        article uses are left out; columns carry the devices' short names, and every
        cell but the empty ones its value, so no colour bar is needed. The figure stays about as wide as
        the report's column, so its labels are not shrunk below 10 pt.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from analysis.rhetoric.reading import device_tag

    chosen = densities[densities["doc_id"].isin(doc_ids)]
    devices = detector.load_devices()
    argument = set(devices.loc[devices["report_family"].eq("argument_emotive"), "label"])
    order = [label for label in devices["label"] if label in argument] + [label for label in devices["label"] if label not in argument]
    used = chosen.groupby("label")["n_spans"].sum()
    columns = [label for label in order if used.get(label, 0) > 0]
    grid = chosen.pivot(index="doc_id", columns="label", values="per_1000_words").reindex(index=list(doc_ids), columns=columns)
    n_argument = sum(1 for label in columns if label in argument)
    fig, ax = plt.subplots(figsize=(0.42 * len(columns) + 3.2, 0.36 * len(doc_ids) + 1.9))
    # Zeros are left blank, so the cells that hold something stand out.
    values = grid.map(lambda value: "" if pd.isna(value) or value == 0 else f"{value:.1f}")
    sns.heatmap(grid.rename(index=labels, columns=device_tag), annot=values.to_numpy(), fmt="", cmap="Oranges", cbar=False,
                annot_kws={"fontsize": 10}, ax=ax, linewidths=0.5, linecolor="#eeeeee")
    if 0 < n_argument < len(columns):
        ax.axvline(n_argument, color="#333333", linewidth=1.5)  # argument and emotive left, hedging and template right
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", rotation=40, length=0)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("left")
    fig.tight_layout()
    alt_parts = []
    for family, name in (("argument_emotive", "argument and emotive devices"), ("template_stance", "hedging, boosting and template prose")):
        cells = chosen[chosen["report_family"].eq(family) & chosen["n_spans"].gt(0)]
        if len(cells):
            best = cells.sort_values(["per_1000_words", "doc_id", "label"], ascending=[False, True, True]).iloc[0]
            alt_parts.append(f"among {name} the densest cell is {best['label'].lower()} in "
                             f"{labels.get(best['doc_id'], best['doc_id'])} ({best['per_1000_words']:.1f})")
    alt = (f"Heat map of {len(doc_ids)} articles (rows) by {len(columns)} devices (columns), each cell spans per 1,000 body words; "
           + ("; ".join(alt_parts) if alt_parts else "no device is used") + ".")
    return fig, alt
