"""Charts the way every report draws them: one colour per article across reports, readable labels,
sharp on high-density screens, and alt text that says what the chart shows.

::

    from analysis.report import figures
    figures.use_report_style()
    colours = figures.article_colours(docs["doc_id"])          # the same colour for an article in every report
    fig, ax = plt.subplots()
    ...
    figures.show_figure(fig, alt="Reading ease of each article: 003 is the easiest (31.9), 000 the hardest (-1.2).")
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable

#: Pixels per inch of the PNG; the page shows it at half that density, so it stays sharp on a 2x screen.
PNG_DPI = 200
SCREEN_DPI = 100
#: Article colours (colour-blind-safe Okabe-Ito, then Tableau 10); articles beyond them are grey.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000",
           "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948", "#FF9DA7"]
OTHER = "#9a9a9a"
#: Smallest text on a chart, in points: 8 px labels were unreadable.
MIN_FONT = 10


def use_report_style() -> None:
    """seaborn's white grid with fonts no smaller than :data:`MIN_FONT` points."""
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update({
        "font.size": 11, "axes.titlesize": 12, "axes.labelsize": 11, "xtick.labelsize": MIN_FONT,
        "ytick.labelsize": MIN_FONT, "legend.fontsize": MIN_FONT, "figure.dpi": SCREEN_DPI,
    })


def article_colours(doc_ids: Iterable[str]) -> dict[str, str]:
    """``doc_id -> colour``: the article's place in corpus order picks it, so every report agrees."""
    return {doc_id: PALETTE[i] if i < len(PALETTE) else OTHER for i, doc_id in enumerate(sorted(doc_ids))}


def figure_png(fig) -> tuple[bytes, int]:
    """The figure as PNG bytes at :data:`PNG_DPI` and the width in CSS pixels to show it at."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=PNG_DPI, bbox_inches="tight")
    data = buffer.getvalue()
    pixels = int.from_bytes(data[16:20], "big")  # the PNG header's width: cropped to the drawing, so read, not computed
    return data, int(round(pixels * SCREEN_DPI / PNG_DPI))


def show_figure(fig, alt: str) -> None:
    """Display the figure sharp (2x) with ``alt`` as its alt text, then close it.

    Raises
    ------
    ValueError
        When ``alt`` is empty: a chart a reader cannot see must still say what it shows.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    if not alt.strip():
        raise ValueError("a chart needs alt text saying what it shows")
    data, width = figure_png(fig)
    plt.close(fig)
    display({"image/png": base64.b64encode(data).decode("ascii")}, raw=True,
            metadata={"image/png": {"width": width}, "alt": alt})


def chart_text(text: str) -> str:
    """``text`` (an article label, an actor's name) as matplotlib draws it literally: a ``$`` never starts mathtext."""
    return str(text).replace("$", r"\$")
