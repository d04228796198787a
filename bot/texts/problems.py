"""What was wrong with a value someone typed (an amount, a duration, a day, a time zone), as a
short plain sentence: replies wrap it (bot/texts/refusals.py), and so do start-up errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.core.reasons import Reason

Details = Mapping[str, Any]

PROBLEMS: dict[Reason, Callable[[Details], str]] = {
    Reason.UNREADABLE_AMOUNT: lambda d: f"I can't read {d['text']!r} as an amount",
    Reason.AMOUNT_NOT_POSITIVE: lambda d: "the amount must be more than zero",
    Reason.AMOUNT_TOO_LARGE: lambda d: "that is more than a billion; please check the amount",
    Reason.AMOUNT_BELOW_A_CENT: lambda d: "the amount must be at least one cent",
    Reason.AMBIGUOUS_AMOUNT: lambda d: (
        f"I can't tell whether you mean {d['joined']} or {d['first']} with the note "
        f"\u201c{d['rest']}\u201d; write the amount without spaces, like {d['joined']}"
    ),
    Reason.UNCLEAR_DECIMAL_MARK: lambda d: (
        f"I can't tell whether {d['text']} means "
        + " or ".join(f"{shown} (write {typed})" for shown, typed in d["readings"])
    ),
    Reason.TOO_MANY_DECIMALS: lambda d: "use at most two decimals, like 2500.50",
    Reason.AMOUNT_MISSING: lambda d: "the amount is missing",
    Reason.NOT_A_DURATION: lambda d: (
        f"{d['text']!r} is not a duration: write a number and a unit, like 90s, 30m, 72h or 3d"
    ),
    Reason.ZERO_DURATION: lambda d: "a duration must be longer than zero",
    Reason.NOT_A_WEEKDAY: lambda d: (
        f"{d['text']!r} is not a weekday: use mon, tue, wed, thu, fri, sat or sun"
    ),
    Reason.NOT_A_TIME: lambda d: (
        f"{d['text']!r} is not a time of day: use 24-hour HH:MM, like 07:30"
    ),
    Reason.UNKNOWN_TIMEZONE: lambda d: f"unknown time zone {d['name']!r}",
    Reason.NOT_A_CURRENCY: lambda d: (
        f"{d['text']!r} is not a currency code in use (ISO 4217, like USD, EUR, GBP or CHF)"
    ),
    Reason.WINDOW_OUT_OF_RANGE: lambda d: "the follow-up window must be between 1 hour and 30 days",
    Reason.NEEDS_VALUE: lambda d: f"/settings {d['setting']} needs a value",
}


def problem(reason: Reason, details: Details) -> str:
    """Plain text (the caller escapes it for HTML)."""
    return PROBLEMS[reason](details)
