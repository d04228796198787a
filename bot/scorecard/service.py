"""The scorecard service: a chapter's activity read once, every member's card computed from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from bot.core.result import Done, Reason, Result, refused
from bot.referrals.status import INITIAL, ReferralStatus
from bot.scorecard.activity import WEEK, ChapterFacts, MemberCard, card_for
from bot.scorecard.goals import Unclear, read_goal
from bot.scorecard.rules import (
    MAX_MONTHS,
    MIN_MONTHS,
    RULE_BY_AREA,
    Area,
    ScoreSettings,
    Unit,
    months_back,
)
from bot.texts import keywords
from storage.attendance import AttendanceRepository
from storage.meetings import ATTENDED, Mark
from storage.members import MemberRepository
from storage.one_to_ones import OneToOneRepository
from storage.recognition import RecognitionRepository
from storage.records import Chapter, Member
from storage.scorecard import ScorecardRepository
from storage.stats import StatsRepository
from storage.visitors import VisitorRepository

MAX_THRESHOLD = 1_000_000_000


@dataclass(frozen=True, slots=True)
class ChapterCard:
    chapter: Chapter
    facts: ChapterFacts
    settings: ScoreSettings
    members: list[tuple[Member, MemberCard]]  # by points, the highest first


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The few figures a member sees change right after a one-to-one counts."""

    one_to_ones_per_week: float
    pending: int
    total: int
    available: int


DANCECARD_MONTHS = 6


@dataclass(frozen=True, slots=True)
class DanceCard:
    not_met: list[tuple[Member, date | None]]
    never_referred: list[Member]


@dataclass(eq=False)
class ScorecardService:
    scorecards: ScorecardRepository
    one_to_ones: OneToOneRepository
    recognition: RecognitionRepository
    stats: StatsRepository
    members: MemberRepository
    attendance: AttendanceRepository
    visitors: VisitorRepository
    clock: Clock

    async def settings(self, chapter: Chapter) -> ScoreSettings:
        row = await self.scorecards.settings(chapter.id)
        thresholds = {Area(area): value for area, value in row.thresholds.items()}
        return ScoreSettings(months=row.months or ScoreSettings().months, thresholds=thresholds)

    async def facts(self, chapter: Chapter, settings: ScoreSettings) -> ChapterFacts:
        """Everything the cards need, read in a handful of queries for the whole chapter."""
        now = self.clock.now()
        zone = ZoneInfo(chapter.timezone)
        start = months_back(now, settings.months, zone).astimezone(now.tzinfo)
        end = now + timedelta(seconds=1)
        passed = await self.stats.passed(chapter.id, INITIAL, start, end)
        closed = await self.stats.closed(chapter.id, INITIAL, ReferralStatus.CLOSED, start, end)
        start_day = start.astimezone(zone).date()
        return ChapterFacts(
            start=start,
            now=now,
            timezone=chapter.timezone,
            referrals=[(f.giver_id, f.created_at) for f in passed],
            closed=[(f.giver_id, f.closed_at or now, (f.amount_cents or 0) / 100) for f in closed],
            one_to_ones=await self.one_to_ones.of_chapter(
                chapter.id, start_day, now.astimezone(zone).date()
            ),
            credits=[
                (c.user_id, c.earned_at)
                for c in await self.recognition.credits(chapter.id, start, end)
            ],
            testimonials=[
                (t.writer_id, t.created_at)
                for t in await self.recognition.testimonials(chapter.id, start, end)
            ],
            joined=await self.scorecards.joined(chapter.id),
            visitors=await self._visitors(chapter, start, end),
            attendance=await self._attendance(chapter, start, end),
            attendance_weekly=await self._attendance_weekly(chapter, start, now),
        )

    async def _visitors(
        self, chapter: Chapter, start: datetime, end: datetime
    ) -> list[tuple[int, datetime]] | None:
        """Visitors who came in the period, by inviter; None while the chapter logs none."""
        came = [
            (v.inviter_id, v.came_at)
            for v in await self.visitors.of_chapter(chapter.id, start, end)
            if v.came_at is not None and start <= v.came_at < end
        ]
        return came or None

    async def _attendance(
        self, chapter: Chapter, start: datetime, end: datetime
    ) -> dict[int, tuple[int, int]] | None:
        """Each member's (attended, counted) at closed meetings; None while none was held."""
        if not await self.attendance.meetings_held(chapter.id, start, end):
            return None
        counts = await self.attendance.mark_counts(chapter.id, start, end)
        return {
            user_id: (
                sum(marks.get(mark, 0) for mark in ATTENDED),
                sum(n for mark, n in marks.items() if mark is not Mark.MEDICAL),
            )
            for user_id, marks in counts.items()
        }

    async def _attendance_weekly(
        self, chapter: Chapter, start: datetime, now: datetime
    ) -> list[float | None] | None:
        if not await self.attendance.meetings_held(chapter.id, start, now + timedelta(seconds=1)):
            return None
        shares = []
        moment = start
        while moment < now:
            rate = await self.attendance.attendance_rate(chapter.id, moment, moment + WEEK)
            shares.append(rate.share)
            moment += WEEK
        return shares

    async def member_card(self, chapter: Chapter, user_id: int) -> tuple[MemberCard, ChapterFacts]:
        settings = await self.settings(chapter)
        facts = await self.facts(chapter, settings)
        return card_for(facts, user_id, settings), facts

    async def snapshot(self, chapter: Chapter, user_id: int) -> Snapshot:
        card, _ = await self.member_card(chapter, user_id)
        rate = next(line.figure for line in card.score.lines if line.area is Area.ONE_TO_ONES)
        return Snapshot(rate, card.pending_one_to_ones, card.score.total, card.score.available)

    async def dancecard(self, chapter: Chapter, user_id: int) -> DanceCard:
        """Members not met in the last six months (never met first, then longest ago), and
        members this one never passed a referral to."""
        now = self.clock.now()
        cutoff = months_back(now, DANCECARD_MONTHS, ZoneInfo(chapter.timezone)).date()
        last_met = await self.one_to_ones.last_met(chapter.id, user_id)
        others = [m for m in await self.members.of_chapter(chapter.id) if m.user_id != user_id]
        not_met = [(m, last_met.get(m.user_id)) for m in others]
        not_met = [(m, last) for m, last in not_met if last is None or last < cutoff]
        not_met.sort(key=lambda pair: (pair[1] or date.min, pair[0].full_name.lower()))
        given = await self.stats.passed(chapter.id, INITIAL, None, now + timedelta(seconds=1))
        referred = {f.receiver_id for f in given if f.giver_id == user_id}
        never = [m for m in others if m.user_id not in referred]
        return DanceCard(not_met, never)

    async def chapter_card(self, chapter: Chapter) -> ChapterCard:
        settings = await self.settings(chapter)
        facts = await self.facts(chapter, settings)
        cards = [
            (m, card_for(facts, m.user_id, settings))
            for m in await self.members.of_chapter(chapter.id)
        ]
        cards.sort(key=lambda pair: (-pair[1].score.total, pair[0].full_name.lower()))
        return ChapterCard(chapter, facts, settings, cards)

    async def set_months(self, chapter: Chapter, text: str) -> Result[ScoreSettings]:
        if not text.isdigit() or not MIN_MONTHS <= int(text) <= MAX_MONTHS:
            return refused(Reason.SCORE_MONTHS, text=text)
        await self.scorecards.set_months(chapter.id, int(text))
        return Done(await self.settings(chapter))

    async def set_threshold(
        self, chapter: Chapter, area_text: str, value_text: str
    ) -> Result[ScoreSettings]:
        area = read_area(area_text)
        if area is None:
            return refused(Reason.SCORE_AREA, text=area_text)
        unit = RULE_BY_AREA[area].unit
        number = read_goal(value_text, amount=area is Area.BUSINESS)
        if isinstance(number, Unclear):
            return refused(
                Reason.SCORE_GOAL_UNCLEAR,
                text=value_text,
                decimal=number.decimal,
                whole=number.whole,
            )
        value = _goal_value(number, share=unit is Unit.SHARE)
        if value is None:
            return refused(Reason.SCORE_GOAL, text=value_text)
        await self.scorecards.set_threshold(chapter.id, area.value, value)
        return Done(await self.settings(chapter))

    async def set_monthly_opt_out(self, user_id: int, off: bool) -> None:
        await self.scorecards.set_opted_out(user_id, off)

    def now(self) -> datetime:
        return self.clock.now()


def read_area(text: str) -> Area | None:
    """attendance, referrals, onetoones (or 121)... as an admin types it, in the chapter's
    language too: asistencia, indicações, отзывы."""
    english = keywords.read(keywords.areas, text)
    return Area(english) if english else None


def _goal_value(number: Decimal | None, share: bool) -> float | None:
    """The goal as stored: above zero, a share as 0-1 (90, 90% or 0.9 are 0.9)."""
    if number is None or not 0 < number <= MAX_THRESHOLD:
        return None
    if share and number > 1:
        number = number / 100
        if number > 1:
            return None
    return float(number)
