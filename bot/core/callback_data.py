"""Callback data of inline buttons: short, by prefix, parsed strictly (it can be forged)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class FollowUpAction(enum.Enum):
    CONTACTED = "c"
    MEETING = "m"
    NOT_A_FIT = "n"
    SNOOZE = "s"


_FOLLOW_UP = re.compile(r"^fu:(\d{1,12}):([cmns])$")


@dataclass(frozen=True, slots=True)
class FollowUpPress:
    referral_id: int
    action: FollowUpAction


def follow_up_data(referral_id: int, action: FollowUpAction) -> str:
    return f"fu:{referral_id}:{action.value}"


def parse_follow_up(data: str | None) -> FollowUpPress | None:
    match = _FOLLOW_UP.match(data or "")
    if not match:
        return None
    return FollowUpPress(int(match.group(1)), FollowUpAction(match.group(2)))


_SLIP_FIELD = re.compile(r"^sf:(\d{1,12}):(h[1-5]|i|o)$")


@dataclass(frozen=True, slots=True)
class SlipFieldPress:
    referral_id: int
    how_hot: int | None
    inside: bool | None


def how_hot_data(referral_id: int, level: int) -> str:
    return f"sf:{referral_id}:h{level}"


def inside_data(referral_id: int, inside: bool) -> str:
    return f"sf:{referral_id}:{'i' if inside else 'o'}"


def parse_slip_field(data: str | None) -> SlipFieldPress | None:
    match = _SLIP_FIELD.match(data or "")
    if not match:
        return None
    value = match.group(2)
    if value.startswith("h"):
        return SlipFieldPress(int(match.group(1)), int(value[1]), None)
    return SlipFieldPress(int(match.group(1)), None, value == "i")
