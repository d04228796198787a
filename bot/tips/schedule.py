"""When a chapter's tip is due: a weekday and a local time in the chapter's zone, DST included."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.result import Reason, Refusal
from bot.texts.calendar_words import weekday

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CATCH_UP = timedelta(hours=12)
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


class ScheduleError(Refusal):
    pass


def parse_weekday(text: str) -> int:
    """mon, Tue, wednesday, THU. -> 0..6; the chapter's language too: mar, martes, ter, вт."""
    index = weekday(text)
    if index is None:
        raise ScheduleError(Reason.NOT_A_WEEKDAY, text=text)
    return index


def parse_clock(text: str) -> time:
    """07:30, 7:30, 19.00 -> time; 24-hour clock."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise ScheduleError(Reason.NOT_A_TIME, text=text)
    return time(int(match.group(1)), int(match.group(2)))


def next_occurrence(after: datetime, weekday: int, at: time, timezone: str) -> datetime:
    """The first `weekday` at local `at` strictly after `after`, in UTC.

    Built from the local calendar, so 08:00 stays 08:00 local across daylight-saving changes.
    """
    zone = ZoneInfo(timezone)
    local_day = after.astimezone(zone).date()
    for offset in range(8):
        day = local_day + timedelta(days=offset)
        if day.weekday() != weekday:
            continue
        # Round-trip through UTC normalises a wall time that a DST jump skipped.
        candidate = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
        if candidate > after:
            return candidate
    return next_occurrence(after + timedelta(days=7), weekday, at, timezone)


def week_key(moment: datetime, timezone: str) -> str:
    """The ISO week of `moment` in the chapter's zone: 2026-W48."""
    year, week, _ = moment.astimezone(ZoneInfo(timezone)).isocalendar()
    return f"{year}-W{week:02d}"
