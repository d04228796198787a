"""What was wrong with a value someone typed (an amount, a duration, a day, a time zone), as a
short plain sentence: replies wrap it (bot/texts/refusals.py), and so do start-up errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.core.reasons import Reason
from bot.i18n import _
from bot.texts.keywords import setting_names, shown

Details = Mapping[str, Any]


def _unclear_decimal_mark(d: Details) -> str:
    readings = [
        _("{shown} (write {typed})").format(shown=shown, typed=typed)
        for shown, typed in d["readings"]
    ]
    if len(readings) == 2:
        return _("I can't tell whether {text} means {first} or {second}").format(
            text=d["text"], first=readings[0], second=readings[1]
        )
    return _("I can't tell whether {text} means {readings}").format(
        text=d["text"], readings=_(" or ").join(readings)
    )


PROBLEMS: dict[Reason, Callable[[Details], str]] = {
    Reason.UNREADABLE_AMOUNT: lambda d: _("I can't read {text} as an amount").format(
        text=repr(d["text"])
    ),
    Reason.AMOUNT_NOT_POSITIVE: lambda d: _("the amount must be more than zero"),
    Reason.AMOUNT_TOO_LARGE: lambda d: _("that is more than a billion; please check the amount"),
    Reason.AMOUNT_BELOW_A_CENT: lambda d: _("the amount must be at least one cent"),
    Reason.AMBIGUOUS_AMOUNT: lambda d: _(
        "I can't tell whether you mean {joined} or {first} with the note "
        "\u201c{rest}\u201d; write the amount without spaces, like {joined}"
    ).format(joined=d["joined"], first=d["first"], rest=d["rest"]),
    Reason.UNCLEAR_DECIMAL_MARK: _unclear_decimal_mark,
    Reason.TOO_MANY_DECIMALS: lambda d: _("use at most two decimals, like 2500.50"),
    Reason.AMOUNT_MISSING: lambda d: _("the amount is missing"),
    Reason.NOT_A_DURATION: lambda d: _(
        "{text} is not a duration: write a number and a unit, like 90s, 30m, 72h or 3d"
    ).format(text=repr(d["text"])),
    Reason.ZERO_DURATION: lambda d: _("a duration must be longer than zero"),
    Reason.NOT_A_WEEKDAY: lambda d: _(
        "{text} is not a weekday: use mon, tue, wed, thu, fri, sat or sun"
    ).format(text=repr(d["text"])),
    Reason.NOT_A_TIME: lambda d: _(
        "{text} is not a time of day: use 24-hour HH:MM, like 07:30"
    ).format(text=repr(d["text"])),
    Reason.UNKNOWN_TIMEZONE: lambda d: _("unknown time zone {name}").format(name=repr(d["name"])),
    Reason.NOT_A_CURRENCY: lambda d: _(
        "{text} is not a currency code in use (ISO 4217, like USD, EUR, GBP or CHF)"
    ).format(text=repr(d["text"])),
    Reason.NOT_A_LANGUAGE: lambda d: _(
        "{text} is not a language I speak; choose one of {codes}"
    ).format(text=repr(d["text"]), codes=", ".join(d["codes"])),
    Reason.WINDOW_OUT_OF_RANGE: lambda d: _(
        "the follow-up window must be between 1 hour and 30 days"
    ),
    Reason.NEEDS_VALUE: lambda d: _("/settings {setting} needs a value").format(
        setting=shown(setting_names, d["setting"])
    ),
}


def problem(reason: Reason, details: Details) -> str:
    """Plain text (the caller escapes it for HTML)."""
    return PROBLEMS[reason](details)
