"""What a chart shows, words included: built by bot/texts, drawn by charts.py (matplotlib).

Kept apart so that nothing imports matplotlib until the first chart is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AreaBar:
    label: str  # "One-to-ones"
    share: float  # figure / threshold
    value_text: str  # "0.8 a week (goal 1)"


@dataclass(frozen=True, slots=True)
class Series:
    title: str  # "Referrals given, week by week"
    y_label: str
    values: list[float]
    threshold: float | None = None
    threshold_label: str = ""


@dataclass(frozen=True, slots=True)
class MemberChart:
    title: str
    subtitle: str
    colour: str  # green, amber, red, grey
    bars: list[AreaBar]
    bars_x_label: str  # "share of the goal"
    goal_label: str  # "goal"
    series: Series
    x_label: str  # "weeks ago"
    week_labels: list[str]


@dataclass(frozen=True, slots=True)
class ChapterChart:
    title: str
    subtitle: str
    colour_counts: list[tuple[str, int, str]]  # (label, members, colour key)
    colours_title: str
    colours_x_label: str
    series: list[Series]
    x_label: str
    week_labels: list[str]
