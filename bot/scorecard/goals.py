"""A scorecard goal as admins type it: `1.5` or `1,5` a week, `90%`, `2,500` or `2.500` a month.

Half the world writes a decimal comma, so `1,5` is one and a half wherever it is typed. A single
separator followed by exactly three digits (`1,500`, `1.500`) is the one shape the two customs
read differently: for an amount it groups thousands (money has no thousandths), for a count it
could be 1.5 or 1500, and the admin is asked which rather than the bot guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")


@dataclass(frozen=True, slots=True)
class Unclear:
    """`1,500` for a count: one and a half, or fifteen hundred."""

    decimal: Decimal
    whole: Decimal


def read_goal(text: str, *, amount: bool = False) -> Decimal | Unclear | None:
    """The number in `text` (a trailing % allowed), Unclear when it reads two ways, or None."""
    number = _SPACES.sub("", text or "").removesuffix("%")
    if not _NUMBER.match(number):
        return None
    marks = [char for char in number if char in ".,"]
    if not marks:
        return Decimal(number)
    if len(set(marks)) == 2:  # 1,234.5 or 1.234,5: the last mark is the decimal one
        return _grouped(number[: max(number.rfind("."), number.rfind(","))], number)
    if len(marks) > 1:  # 1,250,000 or 1.250.000
        return _grouped(number, number)
    whole, _, after = number.partition(marks[0])
    decimal = Decimal(f"{whole}.{after}")
    if len(after) != 3 or int(whole) == 0:
        return decimal
    if amount:
        return Decimal(whole + after)
    return Unclear(decimal, Decimal(whole + after))


def _grouped(integer_part: str, number: str) -> Decimal | None:
    """`number` whose `integer_part` groups thousands (every group after the first of 3)."""
    groups = re.split(r"[.,]", integer_part)
    if any(len(group) != 3 for group in groups[1:]) or len(groups[0]) > 3:
        return None
    fraction = number[len(integer_part) + 1 :]
    return Decimal("".join(groups) + (f".{fraction}" if fraction else ""))
