"""The scorecard's rules: areas, thresholds, points and colours. Plain data in, figures out.

Every rule here is written out in the README ("The scorecard"); the tests check one against
the other on a hand-built six months of activity.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

DAYS_PER_MONTH = 365.25 / 12
NEW_MEMBER = timedelta(days=28)  # younger than this in the chapter: grey, too new to judge
DEFAULT_MONTHS = 6
MIN_MONTHS, MAX_MONTHS = 1, 12


class Area(enum.StrEnum):
    ATTENDANCE = "attendance"
    REFERRALS = "referrals"
    VISITORS = "visitors"
    ONE_TO_ONES = "onetoones"
    CREDITS = "credits"
    BUSINESS = "business"
    TESTIMONIALS = "testimonials"


class Unit(enum.StrEnum):
    SHARE = "share"  # a share of meetings, 0..1
    PER_WEEK = "per_week"
    PER_MONTH = "per_month"


class Colour(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"


@dataclass(frozen=True, slots=True)
class AreaRule:
    area: Area
    unit: Unit
    default_threshold: float
    points: int


RULES: tuple[AreaRule, ...] = (
    AreaRule(Area.ATTENDANCE, Unit.SHARE, 0.95, 20),
    AreaRule(Area.REFERRALS, Unit.PER_WEEK, 1.0, 20),
    AreaRule(Area.VISITORS, Unit.PER_MONTH, 1.0, 15),
    AreaRule(Area.ONE_TO_ONES, Unit.PER_WEEK, 1.0, 15),
    AreaRule(Area.CREDITS, Unit.PER_WEEK, 1.0, 10),
    AreaRule(Area.BUSINESS, Unit.PER_MONTH, 1000.0, 10),
    AreaRule(Area.TESTIMONIALS, Unit.PER_MONTH, 1.0, 10),
)
RULE_BY_AREA = {rule.area: rule for rule in RULES}
GREEN_SHARE, AMBER_SHARE = 0.70, 0.50  # of the points available


@dataclass(frozen=True, slots=True)
class ScoreSettings:
    months: int = DEFAULT_MONTHS
    thresholds: dict[Area, float] = field(default_factory=dict)

    def threshold(self, area: Area) -> float:
        return self.thresholds.get(area, RULE_BY_AREA[area].default_threshold)


@dataclass(frozen=True, slots=True)
class Tally:
    """One member's raw counts over their part of the period (None: not tracked)."""

    referrals: int = 0
    one_to_ones: int = 0
    credits: int = 0
    business: float = 0.0  # closed business credited as giver, in the chapter's currency
    testimonials: int = 0
    visitors: int | None = None
    meetings_counted: int | None = None  # present, late, substitute or medical
    meetings: int | None = None


@dataclass(frozen=True, slots=True)
class ScoreLine:
    area: Area
    unit: Unit
    count: float  # over the period: a number of things, an amount, or meetings counted
    figure: float  # the count as a rate (per week or month) or a share
    threshold: float
    points: int
    max_points: int

    @property
    def full(self) -> bool:
        return self.points == self.max_points


@dataclass(frozen=True, slots=True)
class Lift:
    """What would take the member to the next colour: points needed, and single moves that do."""

    target: Colour
    points_needed: int
    moves: tuple[tuple[Area, int], ...]  # (area, how many more in the period)


@dataclass(frozen=True, slots=True)
class Score:
    lines: tuple[ScoreLine, ...]
    total: int
    available: int
    colour: Colour
    weeks: float
    lift: Lift | None
    judged_from: datetime | None = None  # for a grey card: when the colour starts to count


def area_points(max_points: int, figure: float, threshold: float) -> int:
    """Whole points, in proportion to the figure, full at the threshold (never above)."""
    return math.floor(max_points * min(1.0, figure / threshold) + 1e-9)


def _counts(tally: Tally) -> dict[Area, tuple[float, float] | None]:
    """Each area's count, and what it is divided by (None for areas not tracked)."""
    meetings = tally.meetings
    return {
        Area.ATTENDANCE: (tally.meetings_counted or 0, meetings) if meetings else None,
        Area.REFERRALS: (tally.referrals, 0),
        Area.VISITORS: (tally.visitors, 0) if tally.visitors is not None else None,
        Area.ONE_TO_ONES: (tally.one_to_ones, 0),
        Area.CREDITS: (tally.credits, 0),
        Area.BUSINESS: (tally.business, 0),
        Area.TESTIMONIALS: (tally.testimonials, 0),
    }


def _rate(unit: Unit, count: float, divisor: float, days: float) -> float:
    if unit is Unit.SHARE:
        return count / divisor
    per = 7.0 if unit is Unit.PER_WEEK else DAYS_PER_MONTH
    return count / (days / per)


def score(tally: Tally, settings: ScoreSettings, days: float, new_until: datetime | None) -> Score:
    """The card for `days` of membership in the period (at least a week counts).

    `new_until` is set when the member is too new to judge: the card is grey until then.
    """
    days = max(days, 7.0)
    lines = []
    for rule in RULES:
        counted = _counts(tally)[rule.area]
        if counted is None:
            continue
        count, divisor = counted
        figure = _rate(rule.unit, count, divisor, days)
        threshold = settings.threshold(rule.area)
        points = area_points(rule.points, figure, threshold)
        lines.append(ScoreLine(rule.area, rule.unit, count, figure, threshold, points, rule.points))
    total = sum(line.points for line in lines)
    available = sum(line.max_points for line in lines)
    colour = Colour.GREY if new_until is not None else colour_for(total, available)
    lift = lift_to_next(lines, total, available, days) if colour is not Colour.GREY else None
    return Score(tuple(lines), total, available, colour, days / 7, lift, new_until)


def colour_for(total: int, available: int) -> Colour:
    if total >= math.ceil(GREEN_SHARE * available):
        return Colour.GREEN
    if total >= math.ceil(AMBER_SHARE * available):
        return Colour.AMBER
    return Colour.RED


def _next_target(colour: Colour, available: int) -> tuple[Colour, int] | None:
    if colour is Colour.RED:
        return Colour.AMBER, math.ceil(AMBER_SHARE * available)
    if colour is Colour.AMBER:
        return Colour.GREEN, math.ceil(GREEN_SHARE * available)
    return None


# Areas a member can lift by their own doing, one at a time (not attendance or closed business).
LIFTABLE = (Area.REFERRALS, Area.ONE_TO_ONES, Area.VISITORS, Area.CREDITS, Area.TESTIMONIALS)


def _more_needed(line: ScoreLine, points_needed: int, days: float) -> int | None:
    """How many more of this area in the period would add `points_needed` points."""
    if line.max_points - line.points < points_needed:
        return None
    per = 7.0 if line.unit is Unit.PER_WEEK else DAYS_PER_MONTH
    for more in range(1, 1000):
        figure = (line.count + more) / (days / per)
        if area_points(line.max_points, figure, line.threshold) - line.points >= points_needed:
            return more
    return None


def lift_to_next(lines: list[ScoreLine], total: int, available: int, days: float) -> Lift | None:
    colour = colour_for(total, available)
    target = _next_target(colour, available)
    if target is None:
        return None
    next_colour, needed_total = target
    needed = needed_total - total
    moves = []
    for line in lines:
        if line.area in LIFTABLE:
            more = _more_needed(line, needed, days)
            if more is not None:
                moves.append((line.area, more))
    moves.sort(key=lambda move: move[1])
    return Lift(next_colour, needed, tuple(moves[:2]))


def months_back(now: datetime, months: int, zone: tzinfo) -> datetime:
    """The same local wall time `months` calendar months earlier (the day clamped to the month)."""
    local = now.astimezone(zone)
    month_index = local.year * 12 + local.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(local.day, _days_in_month(year, month))
    return local.replace(year=year, month=month, day=day)


def _days_in_month(year: int, month: int) -> int:
    following = datetime(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day
