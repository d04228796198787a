"""Reading a visitor or a substitute out of what a member typed: a name first, never only
contact details (the group sees the name, so a phone or e-mail must not become one)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.core.result import Done, Reason, Result, refused
from bot.referrals.prospect import MAX_PROSPECT_LENGTH, Prospect, parse_prospect

_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_DANGLING = re.compile(r"^[\s,;:.)\]-]+|[\s,;:.(\[-]+$")


def _tidy(part: str) -> str:
    """What is left where a phone or e-mail was taken out: no empty or dangling brackets."""
    return _DANGLING.sub("", _EMPTY_BRACKETS.sub(" ", part)).strip()


def read_person(text: str) -> Prospect | None:
    """The person, or None when no name is written before the contact details."""
    person = parse_prospect(text)
    name = _tidy(person.name)
    if name in (person.phone, person.email) or not any(char.isalpha() for char in name):
        return None
    return replace(person, name=name, notes=_tidy(person.notes))


@dataclass(frozen=True, slots=True)
class Written:
    """A visitor or substitute read from a command: the person, and the text as written."""

    person: Prospect
    text: str


def read_written_person(text: str, no_name: Reason) -> Result[Written]:
    """/visitor's and /sub's text: refused with `no_name` when empty or when no name comes
    before the contact details, or when longer than a prospect may be."""
    text = text.strip()
    if not text:
        return refused(no_name)
    if len(text) > MAX_PROSPECT_LENGTH:
        return refused(Reason.MEETING_TEXT_TOO_LONG, length=len(text), limit=MAX_PROSPECT_LENGTH)
    person = read_person(text)
    if person is None:
        return refused(no_name)
    return Done(Written(person, text))


def has_contact_details(text: str) -> bool:
    """Whether a group message holds a phone number or an e-mail address (to delete it)."""
    person = parse_prospect(text) if text.strip() else None
    return person is not None and bool(person.phone or person.email)
