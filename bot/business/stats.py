"""The chapter's numbers on the spot: referrals, follow-up on time, closed business, top lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.chapters.directory import MemberDirectory
from bot.chapters.values import currency
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.referrals.status import INITIAL, ReferralStatus
from bot.texts import keywords
from storage.members import MemberRepository
from storage.records import Chapter, Member
from storage.stats import ClosedCounts, FollowUpCounts, Period, StatsRepository

CLOSED = ReferralStatus.CLOSED
PERIODS = ("week", "month", "quarter", "year", "all")
Worth = dict[str, int]  # currency -> cents: amounts in different currencies are never added
TOP = 3


class PeriodError(ValueError):
    pass


def read_period(word: str) -> str | None:
    """week, month, quarter, year or all, as a member types it (semana, mês, год...)."""
    return keywords.read(keywords.periods, word)


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
    closed_worth: Worth
    top_givers: list[tuple[Member, int]]
    top_closers: list[tuple[Member, int]]  # by value, or by count (closers_by_count)
    amounts_hidden: bool = False  # the chapter keeps amounts out of the group
    closers_by_count: bool = False  # amounts hidden, or in more than one currency


@dataclass(frozen=True)
class MemberFigures:
    chapter: Chapter
    currency: str
    given: int
    received: FollowUpFigures
    closed_count: int
    closed_worth: Worth
    won_from_given_worth: Worth


@dataclass(frozen=True)
class MyFigures:
    """A member's own numbers, one entry per chapter they were seen in."""

    period: str
    chapters: list[MemberFigures]
    hidden: bool  # kept off the top lists


def worth(closed: ClosedCounts, fallback: str) -> Worth:
    """Closed business per currency, each amount in the currency it was closed in."""
    totals: Worth = {}
    for code, cents in closed.cents.items():
        totals[code or fallback] = totals.get(code or fallback, 0) + cents
    return totals


def follow_up_figures(counts: FollowUpCounts) -> FollowUpFigures:
    return FollowUpFigures(counts.passed, counts.due, counts.on_time, counts.median_delay)


@dataclass(eq=False)
class StatsService:
    """Every figure is added up by the database; only a few numbers come back."""

    stats: StatsRepository
    members: MemberRepository
    directory: MemberDirectory
    settings: Settings
    clock: Clock

    async def _named(self, ranked: list[tuple[int, int]]) -> list[tuple[Member, int]]:
        named = []
        for user_id, value in ranked:
            member = await self.members.get(user_id)
            if member is not None:
                named.append((member, value))
        return named

    def _period(self, chapter: Chapter, period: str, now: datetime) -> Period:
        """The period up to and including `now`."""
        start = period_start(period, now, chapter.timezone)
        return Period(chapter.id, start, now + timedelta(seconds=1))

    async def chapter_figures(self, chapter: Chapter, period: str) -> ChapterFigures:
        now = self.clock.now()
        span = self._period(chapter, period, now)
        code = currency(chapter, self.settings)
        closed = await self.stats.closed_totals(span, CLOSED)
        closed_worth = worth(closed, code)
        # hidden amounts: rank by deals, or the order would tell; several currencies: by deals,
        # as dollars and euros can't be added (nor compared without a rate)
        by_count = chapter.amounts_hidden or len(closed_worth) > 1
        closers = await self.stats.top_closers(span, CLOSED, TOP, by_deals=by_count)
        return ChapterFigures(
            period=period,
            currency=code,
            start=span.start,
            follow_up=follow_up_figures(await self.stats.follow_up(span, INITIAL, now)),
            closed_count=closed.count,
            closed_worth=closed_worth,
            top_givers=await self._named(await self.stats.top_givers(span, TOP)),
            top_closers=await self._named(closers),
            amounts_hidden=chapter.amounts_hidden,
            closers_by_count=by_count,
        )

    async def member_figures(self, member_id: int, period: str) -> MyFigures:
        now, figures = self.clock.now(), []
        for chapter in await self.directory.chapters_of(member_id):
            span = self._period(chapter, period, now)
            mine = await self.stats.closed_totals(span, CLOSED, receiver_id=member_id)
            from_mine = await self.stats.closed_totals(span, CLOSED, giver_id=member_id)
            received = await self.stats.follow_up(span, INITIAL, now, member_id)
            code = currency(chapter, self.settings)
            figures.append(
                MemberFigures(
                    chapter=chapter,
                    currency=code,
                    given=await self.stats.given(span, member_id),
                    received=follow_up_figures(received),
                    closed_count=mine.count,
                    closed_worth=worth(mine, code),
                    won_from_given_worth=worth(from_mine, code),
                )
            )
        member = await self.members.get(member_id)
        return MyFigures(period, figures, bool(member and member.stats_hidden))
