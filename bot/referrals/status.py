"""Where a referral stands, and the one table of who may move it where.

open -> contacted -> meeting (optional) -> closed (business won) or not_a_fit. Only the receiver
moves a referral; storage is handed the allowed statuses from here and changes nothing else.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class ReferralStatus(enum.StrEnum):
    OPEN = "open"
    CONTACTED = "contacted"
    MEETING = "meeting"
    CLOSED = "closed"
    NOT_A_FIT = "not_a_fit"


_S = ReferralStatus

# The target status -> the statuses a referral may be in to move there.
TRANSITIONS: Mapping[ReferralStatus, frozenset[ReferralStatus]] = {
    _S.CONTACTED: frozenset({_S.OPEN}),
    _S.MEETING: frozenset({_S.OPEN, _S.CONTACTED}),
    _S.NOT_A_FIT: frozenset({_S.OPEN, _S.CONTACTED, _S.MEETING}),
    _S.CLOSED: frozenset({_S.OPEN, _S.CONTACTED, _S.MEETING, _S.CLOSED}),  # again: a correction
}

INITIAL = _S.OPEN
ACTIVE = (_S.OPEN, _S.CONTACTED, _S.MEETING)  # still being worked on: listed in /mine
WITH_STEP_BUTTONS = frozenset({_S.OPEN, _S.CONTACTED})  # slips and /mine offer the step buttons


def allowed_from(target: ReferralStatus) -> tuple[str, ...]:
    """What storage may move from, in a stable order (the enum's)."""
    return tuple(status.value for status in ReferralStatus if status in TRANSITIONS[target])


def may_move(current: str, target: ReferralStatus) -> bool:
    return ReferralStatus(current) in TRANSITIONS[target]
