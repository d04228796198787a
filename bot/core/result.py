"""The one shape of every service's answer: done with a value, or refused with a reason.

Services return `Done(value)` or `Refused(reason, details)`; parsers raise `Refusal`, which
carries the same `Refused`. Neither holds a word a member reads: `bot/texts/refusals.py` turns
each reason into the reply, and `bot/texts/problems.py` says what was wrong with a typed value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar

from bot.core.reasons import Reason as Reason  # re-exported: services name reasons from here

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    value: T


@dataclass(frozen=True, slots=True)
class Refused:
    reason: Reason
    details: Mapping[str, Any] = field(default_factory=dict)


Result: TypeAlias = Done[T] | Refused


def refused(reason: Reason, **details: Any) -> Refused:
    return Refused(reason, details)


class Refusal(ValueError):
    """Raised by a parser; `refused` says why. `str()` is the sentence a person reads."""

    def __init__(self, reason: Reason, **details: Any) -> None:
        super().__init__(reason.value)
        self.refused = Refused(reason, details)

    def __str__(self) -> str:
        from bot.texts.problems import PROBLEMS, problem  # late: texts build on this module

        if self.refused.reason not in PROBLEMS:  # a refusal only a service's reply words
            return self.refused.reason.value
        return problem(self.refused.reason, self.refused.details)
