"""The scorecard's "no"s (one-to-ones, testimonials, education credits), joined into
bot/texts/refusals.py's one table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from bot.core.result import Reason
from bot.i18n import _, format_number, weekday_day
from bot.scorecard.reasons import MAX_CEU_NOTE, MAX_NOTE, MAX_TESTIMONIAL
from bot.scorecard.when import MAX_DAYS_BACK
from bot.texts import one_to_ones, recognition
from bot.texts.common import e
from bot.texts.one_to_ones import usage as one_to_one_usage
from bot.texts.recognition import ceu_usage, testimonial_usage
from bot.texts.scorecard import settings_usage

Details = Mapping[str, Any]


# The second sentences are `_()` outside the f-strings: pybabel doesn't look inside an f-string,
# so a message written there reached no catalog and stayed English in every language.


def _one_to_one(first: str) -> str:
    nothing = _("Nothing was recorded.")
    return f"{first} {nothing}\n\n{one_to_one_usage()}"


def _testimonial(first: str) -> str:
    nothing = _("Nothing was posted.")
    return f"{first} {nothing}\n\n{testimonial_usage()}"


def _unclear_goal(d: Details) -> str:
    """`1,500`: both readings, each written the one way nobody could misread."""
    return _score_setting(
        _(
            "I can read {text} two ways: {decimal} or {whole}. Send the goal again written "
            "as one of them."
        ).format(
            text=e(d["text"]),
            decimal=format_number(float(d["decimal"]), digits=3),
            whole=int(d["whole"]),
        )
    )


def _ceu(first: str) -> str:
    nothing = _("Nothing was recorded.")
    return f"{first} {nothing}\n\n{ceu_usage()}"


def _score_setting(first: str) -> str:
    nothing = _("Nothing changed.")
    return f"{first} {nothing}\n\n{settings_usage()}"


SCORECARD_REPLIES: dict[Reason, Callable[[Details], str]] = {
    Reason.NO_PARTNER: lambda d: _one_to_one(_("Who did you meet? Name them first.")),
    Reason.PARTNER_SELF: lambda d: _one_to_one(
        _("A one-to-one takes two: you can't log one with yourself.")
    ),
    Reason.PARTNER_BOT: lambda d: _one_to_one(
        _("Bots don't do one-to-ones. Name the member you met.")
    ),
    Reason.PARTNER_NOT_MEMBER: lambda d: _one_to_one(
        _(
            "{name} isn't a member of this chapter as far as I know "
            "(I learn members when they use a command or post a reply here)."
        ).format(name=e(d["name"]))
    ),
    Reason.ONE_TO_ONE_FUTURE: lambda d: _one_to_one(
        _("That day hasn't come yet: log a one-to-one once it has happened.")
    ),
    Reason.ONE_TO_ONE_TOO_OLD: lambda d: _one_to_one(
        _("That's more than {days} days ago: one-to-ones are logged within a month.").format(
            days=MAX_DAYS_BACK
        )
    ),
    Reason.NOTE_TOO_LONG: lambda d: _one_to_one(
        _("The note is {length} characters; keep it under {limit}.").format(
            length=d["length"], limit=MAX_NOTE
        )
    ),
    Reason.ONE_TO_ONE_LOGGED: lambda d: _(
        "That one-to-one is logged already (on {day}): nothing changed."
    ).format(day=weekday_day(date.fromisoformat(d["day"]))),
    Reason.NO_TESTIMONIAL_SUBJECT: lambda d: _testimonial(
        _("Who is the testimonial for? Name them first.")
    ),
    Reason.TESTIMONIAL_SELF: lambda d: _testimonial(
        _("A testimonial is for someone else's work, not your own.")
    ),
    Reason.TESTIMONIAL_BOT: lambda d: _testimonial(
        _("Bots don't need testimonials. Name the member you're speaking for.")
    ),
    Reason.TESTIMONIAL_NOT_MEMBER: lambda d: _testimonial(
        _("{name} isn't a member of this chapter as far as I know.").format(name=e(d["name"]))
    ),
    Reason.TESTIMONIAL_EMPTY: lambda d: _testimonial(
        _("The testimonial is empty: say what they did well.")
    ),
    Reason.TESTIMONIAL_TOO_LONG: lambda d: _testimonial(
        _("That's {length} characters; a testimonial fits in {limit}.").format(
            length=d["length"], limit=MAX_TESTIMONIAL
        )
    ),
    Reason.CEU_EMPTY: lambda d: _ceu(_("What did you learn?")),
    Reason.CEU_TOO_LONG: lambda d: _ceu(
        _("That's {length} characters; keep it under {limit}.").format(
            length=d["length"], limit=MAX_CEU_NOTE
        )
    ),
    Reason.CEU_TODAY_ALREADY: lambda d: _(
        "You've logged a credit today already: one a day. Nothing changed."
    ),
    Reason.TIP_NOT_FOUND: lambda d: recognition.tip_button_gone(),
    Reason.TIP_CREDIT_ALREADY: lambda d: recognition.tip_credit_already(),
    Reason.ONE_TO_ONE_GONE: lambda d: one_to_ones.button_gone(),
    Reason.ONE_TO_ONE_NOT_YOURS: lambda d: one_to_ones.button_not_yours(),
    Reason.ONE_TO_ONE_ANSWERED: lambda d: one_to_ones.already_answered(),
    Reason.SCORE_MONTHS: lambda d: _score_setting(
        _("{text} isn't a period I can use: give 1 to 12 months.").format(text=e(d["text"]))
    ),
    Reason.SCORE_AREA: lambda d: _score_setting(
        _("I don't know the area {text}.").format(text=repr(e(d["text"])))
    ),
    Reason.SCORE_GOAL: lambda d: _score_setting(
        _(
            "{text} isn't a goal I can use: give a number above zero "
            "(attendance: a percentage up to 100)."
        ).format(text=e(d["text"]))
    ),
    Reason.SCORE_GOAL_UNCLEAR: _unclear_goal,
}
