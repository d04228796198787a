"""The chapter's numbers on the spot: referrals, follow-up on time, closed business, top lists."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.chapters.directory import MemberDirectory
from bot.chapters.values import currency
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.referrals.status import INITIAL, ReferralStatus
from storage.members import MemberRepository
from storage.records import Chapter, Member
from storage.stats import ReferralFacts, StatsRepository

PERIODS = ("week", "month", "quarter", "year", "all")
TOP = 3


class PeriodError(ValueError):
    pass


def period_start(period: str, now: datetime, timezone: str) -> datetime | None:
    """The start of this week/month/quarter/year in the chapter's zone (None for all time)."""
    local = now.astimezone(ZoneInfo(timezone))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "week":
        start = midnight - timedelta(days=local.weekday())
    elif period == "month":
        start = midnight.replace(day=1)
    elif period == "quarter":
        start = midnight.replace(day=1, month=(local.month - 1) // 3 * 3 + 1)
    elif period == "year":
        start = midnight.replace(day=1, month=1)
    elif period == "all":
        return None
    else:
        raise PeriodError(period)
    # Rebuild from the wall clock so a DST change inside the period doesn't shift the start.
    return datetime.combine(start.date(), start.time(), tzinfo=ZoneInfo(timezone))


@dataclass(frozen=True)
class FollowUpFigures:
    passed: int
    due: int  # referrals whose window has ended, or that were followed up already
    on_time: int
    median_first_follow_up: timedelta | None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class ChapterFigures:
    period: str
    currency: str
    start: datetime | None
    follow_up: FollowUpFigures
    closed_count: int
    closed_cents: int
    top_givers: list[tuple[Member, int]]
    top_closers: list[tuple[Member, int]]  # by value; by count when amounts are hidden
    amounts_hidden: bool = False  # the chapter keeps amounts out of the group


@dataclass(frozen=True)
class MemberFigures:
    chapter: Chapter
    currency: str
    given: int
    received: FollowUpFigures
    closed_count: int
    closed_cents: int
    won_from_given_cents: int


@dataclass(frozen=True)
class MyFigures:
    """A member's own numbers, one entry per chapter they were seen in."""

    period: str
    chapters: list[MemberFigures]
    hidden: bool  # kept off the top lists


def follow_up_figures(facts: list[ReferralFacts], now: datetime) -> FollowUpFigures:
    followed = [(f, f.first_follow_up_at) for f in facts if f.first_follow_up_at is not None]
    due = [f for f in facts if f.first_follow_up_at is not None or f.follow_up_due_at <= now]
    on_time = [f for f, first in followed if first <= f.follow_up_due_at]
    delays = sorted(first - f.created_at for f, first in followed)
    return FollowUpFigures(len(facts), len(due), len(on_time), _median(delays))


def _median(delays: list[timedelta]) -> timedelta | None:
    """The middle delay (the mean of the two middle ones for an even count)."""
    if not delays:
        return None
    middle = len(delays) // 2
    if len(delays) % 2:
        return delays[middle]
    return (delays[middle - 1] + delays[middle]) / 2


@dataclass(eq=False)
class StatsService:
    stats: StatsRepository
    members: MemberRepository
    directory: MemberDirectory
    settings: Settings
    clock: Clock

    async def _visible(self, counts: Counter) -> list[tuple[Member, int]]:
        ranked = []
        for user_id, value in counts.most_common():
            member = await self.members.get(user_id)
            if member is not None and not member.stats_hidden:
                ranked.append((member, value))
            if len(ranked) == TOP:
                break
        return ranked

    async def _facts(
        self, chapter: Chapter, period: str, now: datetime
    ) -> tuple[datetime | None, list[ReferralFacts], list[ReferralFacts]]:
        """(start, passed, closed) for the period, up to and including `now`."""
        start = period_start(period, now, chapter.timezone)
        end = now + timedelta(seconds=1)
        passed = await self.stats.passed(chapter.id, INITIAL, start, end)
        closed = await self.stats.closed(chapter.id, INITIAL, ReferralStatus.CLOSED, start, end)
        return start, passed, closed

    async def chapter_figures(self, chapter: Chapter, period: str) -> ChapterFigures:
        now = self.clock.now()
        start, passed, closed = await self._facts(chapter, period, now)
        givers = Counter(f.giver_id for f in passed)
        closers: Counter = Counter()
        for fact in closed:  # hidden amounts: rank by deals, or the order would tell
            closers[fact.receiver_id] += 1 if chapter.amounts_hidden else fact.amount_cents or 0
        return ChapterFigures(
            period=period,
            currency=currency(chapter, self.settings),
            start=start,
            follow_up=follow_up_figures(passed, now),
            closed_count=len(closed),
            closed_cents=sum(f.amount_cents or 0 for f in closed),
            top_givers=await self._visible(givers),
            top_closers=await self._visible(closers),
            amounts_hidden=chapter.amounts_hidden,
        )

    async def member_figures(self, member_id: int, period: str) -> MyFigures:
        now, figures = self.clock.now(), []
        for chapter in await self.directory.chapters_of(member_id):
            _start, passed, closed = await self._facts(chapter, period, now)
            mine_closed = [f for f in closed if f.receiver_id == member_id]
            figures.append(
                MemberFigures(
                    chapter=chapter,
                    currency=currency(chapter, self.settings),
                    given=sum(1 for f in passed if f.giver_id == member_id),
                    received=follow_up_figures(
                        [f for f in passed if f.receiver_id == member_id], now
                    ),
                    closed_count=len(mine_closed),
                    closed_cents=sum(f.amount_cents or 0 for f in mine_closed),
                    won_from_given_cents=sum(
                        f.amount_cents or 0 for f in closed if f.giver_id == member_id
                    ),
                )
            )
        member = await self.members.get(member_id)
        return MyFigures(period, figures, bool(member and member.stats_hidden))
