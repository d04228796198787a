"""Scorecard charts as PNG bytes, drawn with matplotlib's object API (no pyplot state).

Each call builds its own Figure on an Agg canvas, so renders share nothing and can run in a
worker thread. The words come in with the data (they live in bot/texts/); this module only
draws. Sized for a phone held upright: 900 px wide, large type, the Okabe-Ito palette (safe for
the common kinds of colour blindness), every axis labelled, and each threshold drawn in.
"""

from __future__ import annotations

import io
import math
from typing import cast

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.scorecard.chart_specs import ChapterChart, MemberChart, Series

# Okabe & Ito (2008): distinguishable with protanopia, deuteranopia and tritanopia.
BLUE, SKY, ORANGE, VERMILLION, GREEN, GREY, INK = (
    "#0072B2",
    "#56B4E9",
    "#E69F00",
    "#D55E00",
    "#009E73",
    "#8C8C8C",
    "#222222",
)
STATUS_COLOURS = {"green": GREEN, "amber": ORANGE, "red": VERMILLION, "grey": GREY}
WIDTH_IN, DPI = 7.2, 125  # 900 px wide
CAP = 1.5  # bars stop at 150% of the threshold


def _style(axes: Axes) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=14)


def _area_bars(axes: Axes, chart: MemberChart) -> None:
    """One thin bar per area, its name and figure written above it across the full width."""
    count = len(chart.bars)
    for row, bar in enumerate(chart.bars):
        position = count - 1 - row
        axes.barh(position, min(bar.share, CAP), color=BLUE if bar.share >= 1 else SKY, height=0.42)
        axes.text(
            0,
            position + 0.3,
            f"{bar.label}: {bar.value_text}",
            fontsize=15,
            parse_math=False,
            zorder=3,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )
    axes.axvline(1.0, color=INK, linestyle="--", linewidth=2, zorder=2)
    axes.text(1.0, count - 0.3, f" {chart.goal_label}", fontsize=14, va="bottom", parse_math=False)
    axes.set_yticks([])
    axes.set_ylim(-0.5, count + 0.1)
    axes.set_xlim(0, CAP)
    axes.xaxis.set_major_formatter(lambda value, _: f"{value:.0%}")
    axes.set_xlabel(chart.bars_x_label, fontsize=15)
    _style(axes)
    axes.spines["left"].set_visible(False)


def _series(axes: Axes, series: Series, x_label: str, week_labels: list[str]) -> None:
    positions = list(range(len(series.values)))
    axes.bar(positions, series.values, color=BLUE, width=0.75)
    if series.threshold is not None:
        axes.axhline(
            series.threshold,
            color=VERMILLION,
            linestyle="--",
            linewidth=2.5,
            label=series.threshold_label,
        )
        axes.legend(loc="upper right", fontsize=14, frameon=False)
    step = max(1, math.ceil(len(positions) / 5))
    axes.set_xticks(positions[::step], week_labels[::step], fontsize=13)
    axes.set_xlabel(x_label, fontsize=15)
    axes.set_ylabel(series.y_label, fontsize=15)
    cast(MaxNLocator, axes.yaxis.get_major_locator()).set_params(integer=True)
    axes.set_title(series.title, fontsize=16, loc="left")
    drawn = [value for value in series.values if not math.isnan(value)]
    top = max([*drawn, series.threshold or 0, 1])
    axes.set_ylim(0, top * 1.45)
    _style(axes)


def _heading(figure: Figure, title: str, subtitle: str, colour: str | None) -> None:
    inch = 1 / figure.get_figheight()
    figure.text(
        0.04, 1 - 0.15 * inch, title, fontsize=20, weight="bold", va="top", parse_math=False
    )
    figure.text(
        0.04,
        1 - 0.55 * inch,
        subtitle,
        fontsize=17,
        va="top",
        color=STATUS_COLOURS.get(colour or "", INK),
        parse_math=False,
    )


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # Light compression: about a third faster to write, about a tenth larger.
    FigureCanvasAgg(figure).print_png(buffer, pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def render_member_chart(chart: MemberChart) -> bytes:
    """The member's card: each area against its goal, then their referrals week by week."""
    rows = len(chart.bars)
    height = 6.0 + 0.75 * rows  # every area gets the same room, however many are scored
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    figure.subplots_adjust(
        left=0.13, right=0.96, top=1 - 1.05 / height, bottom=0.75 / height, hspace=0.3
    )
    upper, lower = figure.subplots(2, 1, height_ratios=[0.75 * rows, 3.4])
    _heading(figure, chart.title, chart.subtitle, chart.colour)
    _area_bars(upper, chart)
    _series(lower, chart.series, chart.x_label, chart.week_labels)
    return _png(figure)


def render_chapter_chart(chart: ChapterChart) -> bytes:
    """The chapter's card: members by colour, then each weekly series."""
    rows = 1 + len(chart.series)
    height = 1.9 + 3.0 * rows
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    figure.subplots_adjust(
        left=0.2, right=0.96, top=1 - 1.45 / height, bottom=0.75 / height, hspace=0.75
    )
    axes = figure.subplots(rows, 1, height_ratios=[0.8] + [1] * len(chart.series))
    _heading(figure, chart.title, chart.subtitle, None)
    colours = axes[0]
    labels = [label for label, _, _ in chart.colour_counts][::-1]
    counts = [count for _, count, _ in chart.colour_counts][::-1]
    fills = [STATUS_COLOURS[key] for _, _, key in chart.colour_counts][::-1]
    colours.barh(range(len(labels)), counts, color=fills, height=0.65)
    colours.set_yticks(list(range(len(labels))), labels, fontsize=15)
    colours.set_title(chart.colours_title, fontsize=16, loc="left")
    for position, count in enumerate(counts):
        colours.text(count, position, f" {count}", va="center", fontsize=14)
    colours.set_xlim(0, max([*counts, 1]) * 1.2)
    colours.xaxis.get_major_locator().set_params(integer=True)
    colours.set_xlabel(chart.colours_x_label, fontsize=15)
    _style(colours)
    for panel, series in zip(axes[1:], chart.series, strict=True):
        _series(panel, series, chart.x_label, chart.week_labels)
    return _png(figure)
