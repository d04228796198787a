"""The meeting's rules as plain functions: what a word means, when something is due, and where a
member stands against the absence limit. No storage, no Telegram; `now` is always passed in."""

from __future__ import annotations

import calendar
import enum
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.core.result import Reason, Refusal
from bot.texts import keywords
from storage.meetings import Mark
from storage.roster import AbsenceRule
from storage.visitors import VisitorOutcome

AUTO_CLOSE_AFTER = timedelta(hours=4)
VISITOR_NUDGE_AFTER = timedelta(hours=48)
EXPECTED_VISITORS_SINCE = timedelta(days=28)  # invited this recently and not come yet: expected
CHECK_IN_EDIT_GAP = timedelta(seconds=6)  # at most 10 edits a minute: half the group's limit
MAX_ABSENCE_LIMIT, MAX_ABSENCE_MONTHS = 52, 24

# The English keyword (bot/texts/keywords.py reads it in the member's language too) -> meaning.
_MARK_WORDS = {
    "present": Mark.PRESENT,
    "late": Mark.LATE,
    "absent": Mark.ABSENT,
    "medical": Mark.MEDICAL,
    "sub": Mark.SUBSTITUTE,
}
_OUTCOME_WORDS = {
    "called": VisitorOutcome.CALLED,
    "applying": VisitorOutcome.APPLYING,
    "notinterested": VisitorOutcome.NOT_INTERESTED,
}
_ABSENCE_RULE = re.compile(r"^\s*(\d{1,3})\s*(/|[^\W\d_]+)\s*(\d{1,3})\s*([^\W\d_]+\.?)?\s*$")
_VISITOR_REF = re.compile(r"^#?v(\d{1,12})$", re.I)


class Standing(enum.Enum):
    """Where a member stands against the chapter's absence limit."""

    FINE = "fine"
    ONE_SHORT = "one_short"  # one more absence reaches the limit
    AT_LIMIT = "at_limit"  # reached (or passed) it


class RuleError(Refusal):
    """Text that can't be read as an absence rule (bot/texts/meeting_refusals.py words it)."""


def parse_mark(word: str) -> Mark | None:
    """present, late, absent, medical, sub; presente, tarde, baja, falta, больничный..."""
    return _MARK_WORDS.get(keywords.read(keywords.marks, word) or "")


def parse_visitor_step(word: str) -> str | None:
    """came, joined, called, applying or notinterested (as the member wrote it, in their
    language or in English); None for anything else."""
    return keywords.read(keywords.visitor_steps, word)


def parse_outcome(word: str) -> VisitorOutcome | None:
    return _OUTCOME_WORDS.get(parse_visitor_step(word) or "")


def parse_visitor_ref(word: str) -> int | None:
    """`V12`, `#V12` or `v12` -> 12."""
    match = _VISITOR_REF.match(word.strip())
    return int(match.group(1)) if match else None


def parse_absence_rule(text: str) -> AbsenceRule:
    """`3 in 6` (or `3 in 6 months`, `3/6`, `3 en 6 meses`, `3 из 6`): at most 3 absences in
    any 6 months."""
    match = _ABSENCE_RULE.match(text)
    if not match or not _absence_words_fit(match.group(2).strip(), match.group(4)):
        raise RuleError(Reason.ABSENCE_RULE_UNREADABLE)
    limit, months = int(match.group(1)), int(match.group(3))
    if not 1 <= limit <= MAX_ABSENCE_LIMIT:
        raise RuleError(Reason.ABSENCE_LIMIT_OUT_OF_RANGE, most=MAX_ABSENCE_LIMIT)
    if not 1 <= months <= MAX_ABSENCE_MONTHS:
        raise RuleError(Reason.ABSENCE_MONTHS_OUT_OF_RANGE, most=MAX_ABSENCE_MONTHS)
    return AbsenceRule(limit, months)


def _absence_words_fit(joining: str, unit: str | None) -> bool:
    """`in` (or `/`) between the numbers, and nothing or `months` after them."""
    if joining != "/" and keywords.read(keywords.absence_words, joining) != "in":
        return False
    return unit is None or keywords.read(keywords.absence_words, unit) == "months"


def months_before(now: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's
    last day)."""
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(now.day, calendar.monthrange(year, month + 1)[1])
    return now.replace(year=year, month=month + 1, day=day)


def standing(absences: int, rule: AbsenceRule) -> Standing:
    if absences >= rule.limit:
        return Standing.AT_LIMIT
    if absences == rule.limit - 1:
        return Standing.ONE_SHORT
    return Standing.FINE


def closes_at(opened_at: datetime) -> datetime:
    return opened_at + AUTO_CLOSE_AFTER


def visitor_nudge_at(meeting_opened_at: datetime | None, now: datetime) -> datetime:
    """48 hours after the meeting the visitor came to (or after now, outside a meeting)."""
    return (meeting_opened_at or now) + VISITOR_NUDGE_AFTER


def edit_allowed_before(now: datetime) -> datetime:
    """The check-in message may be edited now if it was last edited at or before this."""
    return now - CHECK_IN_EDIT_GAP


def count_marks(marks: Iterable[Mark]) -> Counter[Mark]:
    counts: Counter[Mark] = Counter(marks)
    for mark in Mark:
        counts.setdefault(mark, 0)
    return counts
