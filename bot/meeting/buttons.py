"""Callback data of the meeting's buttons: short, by prefix, parsed strictly (it can be forged)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.meetings import Mark
from storage.visitors import VisitorOutcome

_CHECK_IN = re.compile(r"^mt:(\d{1,12}):([pls])$")
_ARRIVED = re.compile(r"^va:(\d{1,12})$")
_VISITOR_FOLLOW_UP = re.compile(r"^vf:(\d{1,12}):([can])$")
_MARK_CODES = {Mark.PRESENT: "p", Mark.LATE: "l", Mark.SUBSTITUTE: "s"}
_OUTCOME_CODES = {
    VisitorOutcome.CALLED: "c",
    VisitorOutcome.APPLYING: "a",
    VisitorOutcome.NOT_INTERESTED: "n",
}


@dataclass(frozen=True, slots=True)
class CheckInPress:
    meeting_id: int
    mark: Mark


@dataclass(frozen=True, slots=True)
class VisitorFollowUpPress:
    visitor_id: int
    outcome: VisitorOutcome


def check_in_data(meeting_id: int, mark: Mark) -> str:
    return f"mt:{meeting_id}:{_MARK_CODES[mark]}"


def parse_check_in(data: str | None) -> CheckInPress | None:
    match = _CHECK_IN.match(data or "")
    if not match:
        return None
    by_code = {code: mark for mark, code in _MARK_CODES.items()}
    return CheckInPress(int(match.group(1)), by_code[match.group(2)])


def arrived_data(visitor_id: int) -> str:
    return f"va:{visitor_id}"


def parse_arrived(data: str | None) -> int | None:
    match = _ARRIVED.match(data or "")
    return int(match.group(1)) if match else None


def visitor_follow_up_data(visitor_id: int, outcome: VisitorOutcome) -> str:
    return f"vf:{visitor_id}:{_OUTCOME_CODES[outcome]}"


def parse_visitor_follow_up(data: str | None) -> VisitorFollowUpPress | None:
    match = _VISITOR_FOLLOW_UP.match(data or "")
    if not match:
        return None
    by_code = {code: outcome for outcome, code in _OUTCOME_CODES.items()}
    return VisitorFollowUpPress(int(match.group(1)), by_code[match.group(2)])
