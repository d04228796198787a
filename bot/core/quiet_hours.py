"""Quiet hours: no private nudge at night in the chapter's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class QuietHoursError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def _contains(self, local: time) -> bool:
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # wraps past midnight

    def waits_until(self, now: datetime, timezone: str) -> datetime | None:
        """When quiet hours end, if `now` falls inside them in `timezone`; else None."""
        zone = ZoneInfo(timezone)
        local = now.astimezone(zone)
        if not self._contains(local.time().replace(tzinfo=None)):
            return None
        end_day = local.date()
        if self.start > self.end and local.time() >= self.start:
            end_day += timedelta(days=1)
        end = datetime.combine(end_day, self.end, tzinfo=zone)
        return end.astimezone(UTC)


def parse_quiet_hours(text: str) -> QuietHours | None:
    """`21:00-08:00` -> QuietHours; empty -> None (no quiet hours)."""
    if not text.strip():
        return None
    match = _RANGE.match(text)
    if not match:
        raise QuietHoursError(f"{text!r} is not a range like 21:00-08:00 (empty turns it off)")
    hour1, minute1, hour2, minute2 = map(int, match.groups())
    try:
        start, end = time(hour1, minute1), time(hour2, minute2)
    except ValueError as exc:
        raise QuietHoursError(f"{text!r}: hours go from 00 to 23, minutes 00 to 59") from exc
    if start == end:
        raise QuietHoursError(f"{text!r}: the start and the end are the same")
    return QuietHours(start, end)
