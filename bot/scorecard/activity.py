"""From a chapter's activity over the period to each member's tally and the weekly series."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from bot.scorecard.rules import NEW_MEMBER, Score, ScoreSettings, Tally, score
from storage.one_to_ones import OneToOne, OneToOneStatus

Event = TypeVar("Event", bound=tuple[Any, ...])  # (member, moment, ...)

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ChapterFacts:
    """Everything that happened in a chapter in the period [start, now]."""

    start: datetime
    now: datetime
    timezone: str
    referrals: list[tuple[int, datetime]]  # (giver, passed at)
    closed: list[tuple[int, datetime, float]]  # (giver, closed at, amount in major units)
    one_to_ones: list[OneToOne]
    credits: list[tuple[int, datetime]]
    testimonials: list[tuple[int, datetime]]  # (writer, written at)
    joined: dict[int, datetime]
    # Tracked once the chapter uses them (a visitor came, a meeting was held in the period):
    visitors: list[tuple[int, datetime]] | None = None  # (inviter, came at)
    attendance: dict[int, tuple[int, int]] | None = None  # member -> (attended, counted)
    attendance_weekly: list[float | None] | None = None  # the chapter's share, week by week

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(ZoneInfo(self.timezone)).date()


@dataclass(frozen=True, slots=True)
class MemberCard:
    user_id: int
    score: Score
    tally: Tally
    pending_one_to_ones: int
    weekly_referrals: list[int]


def member_start(facts: ChapterFacts, user_id: int) -> datetime:
    joined = facts.joined.get(user_id, facts.start)
    return max(facts.start, joined)


def _since(events: list[Event], user_id: int, start: datetime) -> list[Event]:
    return [event for event in events if event[0] == user_id and event[1] >= start]


def tally_for(facts: ChapterFacts, user_id: int) -> Tally:
    start = member_start(facts, user_id)
    first_day = facts.local_date(start)
    met = [
        o
        for o in facts.one_to_ones
        if o.status is OneToOneStatus.CONFIRMED and o.involves(user_id) and o.met_on >= first_day
    ]
    attended = facts.attendance.get(user_id, (0, 0)) if facts.attendance is not None else None
    return Tally(
        referrals=len(_since(facts.referrals, user_id, start)),
        one_to_ones=len(met),
        credits=len(_since(facts.credits, user_id, start)),
        business=sum(amount for _, _, amount in _since(facts.closed, user_id, start)),
        testimonials=len(_since(facts.testimonials, user_id, start)),
        visitors=len(_since(facts.visitors, user_id, start))
        if facts.visitors is not None
        else None,
        meetings_counted=attended[0] if attended is not None else None,
        meetings=attended[1] if attended is not None else None,
    )


def week_count(facts: ChapterFacts) -> int:
    return max(1, math.ceil((facts.now - facts.start) / WEEK))


def weekly(facts: ChapterFacts, moments: list[datetime]) -> list[int]:
    """How many of `moments` fall in each week of the period, counted from its start."""
    counts = [0] * week_count(facts)
    for moment in moments:
        index = int((moment - facts.start) / WEEK)
        if 0 <= index < len(counts):
            counts[index] += 1
    return counts


def one_to_one_moments(facts: ChapterFacts) -> list[datetime]:
    """Confirmed one-to-ones, placed at local noon of the day they met."""
    zone = ZoneInfo(facts.timezone)
    return [
        datetime.combine(o.met_on, datetime.min.time(), tzinfo=zone) + timedelta(hours=12)
        for o in facts.one_to_ones
        if o.status is OneToOneStatus.CONFIRMED
    ]


def card_for(facts: ChapterFacts, user_id: int, settings: ScoreSettings) -> MemberCard:
    start = member_start(facts, user_id)
    joined = facts.joined.get(user_id, facts.start)
    new_until = joined + NEW_MEMBER if facts.now < joined + NEW_MEMBER else None
    tally = tally_for(facts, user_id)
    days = (facts.now - start).total_seconds() / 86400
    pending = sum(
        1 for o in facts.one_to_ones if o.status is OneToOneStatus.PENDING and o.involves(user_id)
    )
    given = [moment for giver, moment in facts.referrals if giver == user_id]
    return MemberCard(
        user_id=user_id,
        score=score(tally, settings, days, new_until),
        tally=tally,
        pending_one_to_ones=pending,
        weekly_referrals=weekly(facts, given),
    )
