"""analysis.report.figures: consistent article colours, 2x images with alt text."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.report import figures  # noqa: E402


def test_an_article_keeps_its_colour_whatever_order_a_report_lists_it_in():
    one = figures.article_colours(["002_b", "000_a", "001_c"])
    other = figures.article_colours(["000_a", "001_c", "002_b"])
    assert one == other and len(set(one.values())) == 3
    many = figures.article_colours([f"{i:03d}" for i in range(40)])
    assert many["039"] == figures.OTHER and many["000"] == figures.PALETTE[0]


def test_the_png_is_drawn_at_twice_the_width_it_is_shown_at():
    fig, ax = plt.subplots(figsize=(6, 2))
    ax.plot([0, 1], [0, 1])
    data, width = figures.figure_png(fig)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == pytest.approx(2 * width, abs=1)
    plt.close(fig)


def test_a_chart_without_alt_text_is_refused():
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="alt text"):
        figures.show_figure(fig, alt="  ")
    plt.close(fig)


def test_a_label_with_dollar_signs_is_drawn_as_written():
    fig, ax = plt.subplots(figsize=(3, 1))
    label = "The $x^2$ Gazette (007)"
    text = ax.text(0, 0, figures.chart_text(label))
    fig.canvas.draw()
    assert text._preprocess_math(label)[1] is True  # unescaped, "$x^2$" would be drawn as mathtext, its dollars dropped
    assert text._preprocess_math(text.get_text()) == (label, False)
    plt.close(fig)
