"""Callback data of the scorecard's buttons: short, by prefix, parsed strictly (forgeable)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONE_TO_ONE = re.compile(r"^oo:(\d{1,12}):([yn])$")
_TIP_READ = re.compile(r"^cr:(\d{1,12}):(\d{4}-W\d{2})$")


@dataclass(frozen=True, slots=True)
class OneToOnePress:
    one_to_one_id: int
    met: bool


@dataclass(frozen=True, slots=True)
class TipReadPress:
    chapter_id: int
    week: str


def one_to_one_data(one_to_one_id: int, met: bool) -> str:
    return f"oo:{one_to_one_id}:{'y' if met else 'n'}"


def parse_one_to_one(data: str | None) -> OneToOnePress | None:
    match = _ONE_TO_ONE.match(data or "")
    return OneToOnePress(int(match.group(1)), match.group(2) == "y") if match else None


def tip_read_data(chapter_id: int, week: str) -> str:
    return f"cr:{chapter_id}:{week}"


def parse_tip_read(data: str | None) -> TipReadPress | None:
    match = _TIP_READ.match(data or "")
    return TipReadPress(int(match.group(1)), match.group(2)) if match else None
