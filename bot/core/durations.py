"""Durations as members and operators type them: 90s, 30m, 72h, 3d, 1w."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.core.result import Reason, Refusal
from bot.i18n import DEFAULT, _, current_language, ngettext
from bot.texts.calendar_words import duration_unit

_DURATION = re.compile(r"^\s*(\d{1,6})\s*([^\W\d_]+\.?)\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class DurationError(Refusal):
    pass


def parse_duration(text: str) -> timedelta:
    """Parse `<number><unit>` with unit s, m, h, d or w, or the unit as the member's language
    writes it (`48 horas`, `3 días`, `2 нед`); the result must be positive."""
    match = _DURATION.match(text or "")
    unit = duration_unit(match.group(2)) if match else None
    if match is None or unit is None:
        raise DurationError(Reason.NOT_A_DURATION, text=text)
    amount = int(match.group(1))
    if amount == 0:
        raise DurationError(Reason.ZERO_DURATION)
    return timedelta(**{_UNITS[unit]: amount})


def _largest_exact_unit(delta: timedelta) -> tuple[int, str]:
    """(count, unit) in the largest unit that measures `delta` exactly: (3, "d") for 72 hours."""
    seconds = int(delta.total_seconds())
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return seconds // size, unit
    return seconds, "s"


def format_duration(delta: timedelta) -> str:
    """The shortest exact form, as admins type it: 72h -> 3d, 90s."""
    count, unit = _largest_exact_unit(delta)
    return f"{count}{unit}"


def exact_duration(delta: timedelta) -> str:
    """A duration a member reads in a setting, exactly: '3 días', '36 часов', '1 semana'.
    English keeps the form admins type (3d, 36h), the one its usage lines show."""
    if current_language() == DEFAULT:
        return format_duration(delta)
    count, unit = _largest_exact_unit(delta)
    if unit == "w":
        return ngettext("{count} week", "{count} weeks", count).format(count=count)
    if unit == "d":
        return ngettext("{count} day", "{count} days", count).format(count=count)
    if unit == "h":
        return ngettext("{count} hour", "{count} hours", count).format(count=count)
    if unit == "m":
        return ngettext("{count} minute", "{count} minutes", count).format(count=count)
    return ngettext("{count} second", "{count} seconds", count).format(count=count)


def humanize(delta: timedelta) -> str:
    """Roughly how long, in words a member reads: '5 hours', '3 days', '12 minutes'."""
    seconds = max(int(delta.total_seconds()), 0)
    if seconds >= 86400:
        count = seconds // 86400
        return ngettext("{count} day", "{count} days", count).format(count=count)
    if seconds >= 3600:
        count = seconds // 3600
        return ngettext("{count} hour", "{count} hours", count).format(count=count)
    if seconds >= 60:
        count = seconds // 60
        return ngettext("{count} minute", "{count} minutes", count).format(count=count)
    return _("less than a minute")
