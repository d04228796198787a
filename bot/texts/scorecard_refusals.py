"""The scorecard's "no"s (one-to-ones, testimonials, education credits), joined into
bot/texts/refusals.py's one table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.core.result import Reason
from bot.scorecard.reasons import MAX_CEU_NOTE, MAX_NOTE, MAX_TESTIMONIAL
from bot.scorecard.when import MAX_DAYS_BACK
from bot.texts.common import e
from bot.texts.one_to_ones import USAGE as ONE_TO_ONE_USAGE
from bot.texts.recognition import CEU_USAGE, TESTIMONIAL_USAGE
from bot.texts.scorecard import SETTINGS_USAGE

Details = Mapping[str, Any]


def _one_to_one(first: str) -> str:
    return f"{first} Nothing was recorded.\n\n{ONE_TO_ONE_USAGE}"


def _testimonial(first: str) -> str:
    return f"{first} Nothing was posted.\n\n{TESTIMONIAL_USAGE}"


def _ceu(first: str) -> str:
    return f"{first} Nothing was recorded.\n\n{CEU_USAGE}"


def _score_setting(first: str) -> str:
    return f"{first} Nothing changed.\n\n{SETTINGS_USAGE}"


SCORECARD_REPLIES: dict[Reason, Callable[[Details], str]] = {
    Reason.NO_PARTNER: lambda d: _one_to_one("Who did you meet? Name them first."),
    Reason.PARTNER_SELF: lambda d: _one_to_one(
        "A one-to-one takes two: you can't log one with yourself."
    ),
    Reason.PARTNER_BOT: lambda d: _one_to_one(
        "Bots don't do one-to-ones. Name the member you met."
    ),
    Reason.PARTNER_NOT_MEMBER: lambda d: _one_to_one(
        f"{e(d['name'])} isn't a member of this chapter as far as I know "
        "(I learn members when they use a command or post a reply here)."
    ),
    Reason.ONE_TO_ONE_FUTURE: lambda d: _one_to_one(
        "That day hasn't come yet: log a one-to-one once it has happened."
    ),
    Reason.ONE_TO_ONE_TOO_OLD: lambda d: _one_to_one(
        f"That's more than {MAX_DAYS_BACK} days ago: one-to-ones are logged within a month."
    ),
    Reason.NOTE_TOO_LONG: lambda d: _one_to_one(
        f"The note is {d['length']} characters; keep it under {MAX_NOTE}."
    ),
    Reason.ONE_TO_ONE_LOGGED: lambda d: (
        f"That one-to-one is logged already (on {e(d['day'])}): nothing changed."
    ),
    Reason.NO_TESTIMONIAL_SUBJECT: lambda d: _testimonial(
        "Who is the testimonial for? Name them first."
    ),
    Reason.TESTIMONIAL_SELF: lambda d: _testimonial(
        "A testimonial is for someone else's work, not your own."
    ),
    Reason.TESTIMONIAL_BOT: lambda d: _testimonial(
        "Bots don't need testimonials. Name the member you're speaking for."
    ),
    Reason.TESTIMONIAL_NOT_MEMBER: lambda d: _testimonial(
        f"{e(d['name'])} isn't a member of this chapter as far as I know."
    ),
    Reason.TESTIMONIAL_EMPTY: lambda d: _testimonial(
        "The testimonial is empty: say what they did well."
    ),
    Reason.TESTIMONIAL_TOO_LONG: lambda d: _testimonial(
        f"That's {d['length']} characters; a testimonial fits in {MAX_TESTIMONIAL}."
    ),
    Reason.CEU_EMPTY: lambda d: _ceu("What did you learn?"),
    Reason.CEU_TOO_LONG: lambda d: _ceu(
        f"That's {d['length']} characters; keep it under {MAX_CEU_NOTE}."
    ),
    Reason.CEU_TODAY_ALREADY: lambda d: (
        "You've logged a credit today already: one a day. Nothing changed."
    ),
    Reason.SCORE_MONTHS: lambda d: _score_setting(
        f"{e(d['text'])} isn't a period I can use: give 1 to 12 months."
    ),
    Reason.SCORE_AREA: lambda d: _score_setting(f"I don't know the area {e(d['text'])!r}."),
    Reason.SCORE_GOAL: lambda d: _score_setting(
        f"{e(d['text'])} isn't a goal I can use: give a number above zero "
        "(attendance: a percentage up to 100)."
    ),
}
