"""The day of a one-to-one as members write it: today, yesterday, friday, 2026-11-20, 20 Nov."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from bot.core.result import Reason, Refusal
from bot.tips.schedule import WEEKDAY_NAMES

MAX_DAYS_BACK = 30
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*([a-z]{3,9})\.?$")
_MONTH_DAY = re.compile(r"^([a-z]{3,9})\.?\s*(\d{1,2})$")


class WhenRefused(Refusal):
    """A day a one-to-one can't be logged for: `refused` carries the reason, like every
    parser's refusal (bot/core/result.py)."""


def _weekday(word: str, today: date) -> date | None:
    for index, name in enumerate(WEEKDAY_NAMES):
        if len(word) >= 3 and name.lower().startswith(word):
            return today - timedelta(days=(today.weekday() - index) % 7)
    return None


def _month(word: str) -> int | None:
    return _MONTHS.index(word[:3]) + 1 if word[:3] in _MONTHS else None


def _calendar(text: str, today: date) -> date | None:
    """2026-11-20, 20 Nov, Nov 20 (the most recent such day, not in the future)."""
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _safe_date(year, month, day)
    day_text, month_text = None, None
    if match := _DAY_MONTH.match(text):
        day_text, month_text = match.groups()
    elif match := _MONTH_DAY.match(text):
        month_text, day_text = match.groups()
    month_number = _month(month_text or "")
    if day_text is None or month_number is None:
        return None
    this_year = _safe_date(today.year, month_number, int(day_text))
    if this_year is not None and this_year > today:
        return _safe_date(today.year - 1, month_number, int(day_text))
    return this_year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_day(text: str, today: date) -> date | None:
    """The day `text` names, or None if it names no day (then it is part of the note)."""
    word = text.strip().lower().rstrip(",")
    if word in ("today", "now", ""):
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    return _weekday(word, today) or _calendar(word, today)


def check_day(day: date, today: date) -> date:
    """Refuse a day in the future, or more than 30 days back."""
    if day > today:
        raise WhenRefused(Reason.ONE_TO_ONE_FUTURE)
    if (today - day).days > MAX_DAYS_BACK:
        raise WhenRefused(Reason.ONE_TO_ONE_TOO_OLD)
    return day


def split_day_and_note(words: list[str], today: date) -> tuple[date, str]:
    """The leading words that name a day (one or two: `20 Nov`), and the rest as the note."""
    for length in (2, 1):
        if len(words) >= length:
            day = read_day(" ".join(words[:length]), today)
            if day is not None:
                return check_day(day, today), " ".join(words[length:])
    return today, " ".join(words)


def local_today(now: datetime, zone: tzinfo) -> date:
    return now.astimezone(zone).date()
