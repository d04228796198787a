"""The day of a one-to-one as members write it: today, yesterday, friday, 2026-11-20, 20 Nov;
in the chapter's (or the member's) language too: ayer, el viernes, 20 de noviembre, ontem, в
пятницу, 20 ноября (bot/texts/keywords.py)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from bot.core.result import Reason, Refusal
from bot.texts import calendar_words, keywords

MAX_DAYS_BACK = 30
_RELATIVE = {"yesterday": -1, "today": 0, "tomorrow": 1}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s*(?:([^\W\d_]+)\s+)?([^\W\d_]{3,})\.?$")
_MONTH_DAY = re.compile(r"^([^\W\d_]{3,})\.?\s*(\d{1,2})$")
_FIGURES = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./](\d{4}|\d{2}))?\.?$")  # 20/11, 20.11.26


class WhenRefused(Refusal):
    """A day a one-to-one can't be logged for: `refused` carries the reason, like every
    parser's refusal (bot/core/result.py)."""


def _weekday(word: str, today: date) -> date | None:
    index = calendar_words.weekday(word) if " " not in word else None
    if index is None:
        return None
    return today - timedelta(days=(today.weekday() - index) % 7)


def _calendar(text: str, today: date) -> date | None:
    """2026-11-20, 20 Nov, Nov 20, 20 de noviembre (the most recent such day, not in the
    future)."""
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _safe_date(year, month, day)
    if match := _FIGURES.match(text):
        return _in_figures(match, today)
    day_text, month_text = None, None
    if match := _DAY_MONTH.match(text):
        day_text, joining, month_text = match.groups()
        if joining is not None and keywords.read(keywords.day_prepositions, joining) != "of":
            return None
    elif match := _MONTH_DAY.match(text):
        month_text, day_text = match.groups()
    month_number = calendar_words.month(month_text) if month_text else None
    if day_text is None or month_number is None:
        return None
    this_year = _safe_date(today.year, month_number, int(day_text))
    if this_year is not None and this_year > today:
        return _safe_date(today.year - 1, month_number, int(day_text))
    return this_year


def _in_figures(match: re.Match[str], today: date) -> date | None:
    """20/11 or 20/11/2026 in Madrid and São Paulo, 20.11 in Almaty; none in English."""
    day_first = calendar_words.day_before_month()
    if day_first is None:
        return None
    first, second, year_text = match.groups()
    day, month = (int(first), int(second)) if day_first else (int(second), int(first))
    if year_text is not None:
        return _safe_date(int(year_text) + (2000 if len(year_text) == 2 else 0), month, day)
    this_year = _safe_date(today.year, month, day)
    if this_year is not None and this_year > today:
        return _safe_date(today.year - 1, month, day)
    return this_year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_day(text: str, today: date) -> date | None:
    """The day `text` names, or None if it names no day (then it is part of the note).
    A leading `on` (`el`, `na`, `в`) may come before it: `el viernes`, `в пятницу`."""
    word = text.strip().lower().rstrip(",")
    if not word:
        return today
    first, _, rest = word.partition(" ")
    if rest and keywords.read(keywords.day_prepositions, first) == "on":
        word = rest.strip()
    relative = _RELATIVE.get(keywords.read(keywords.relative_days, word) or "")
    if relative is not None:
        return today + timedelta(days=relative)
    return _weekday(word, today) or _calendar(word, today)


def check_day(day: date, today: date) -> date:
    """Refuse a day in the future, or more than 30 days back."""
    if day > today:
        raise WhenRefused(Reason.ONE_TO_ONE_FUTURE)
    if (today - day).days > MAX_DAYS_BACK:
        raise WhenRefused(Reason.ONE_TO_ONE_TOO_OLD)
    return day


def split_day_and_note(words: list[str], today: date) -> tuple[date, str]:
    """The leading words that name a day (one to four: `20 Nov`, `el 20 de noviembre`), and
    the rest as the note."""
    for length in (4, 3, 2, 1):
        if len(words) >= length:
            day = read_day(" ".join(words[:length]), today)
            if day is not None:
                return check_day(day, today), " ".join(words[length:])
    return today, " ".join(words)


def local_today(now: datetime, zone: tzinfo) -> date:
    return now.astimezone(zone).date()
