"""The monthly send: on the chapter's first meeting day of the month, every member's card.

The due time is a row (scorecard_settings.next_send_at) and every member sent is a row
(scorecard_sends), so a restart in the middle resumes where it stopped and sends no one twice.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from bot.core.messenger import NotSent
from bot.i18n import to_member
from bot.scorecard.activity import MemberCard
from bot.scorecard.cards import Cards
from bot.scorecard.service import ChapterCard
from bot.texts.scorecard import monthly_footer
from bot.tips.schedule import parse_clock
from storage.chapters import ChapterRepository
from storage.records import Chapter, Member
from storage.scorecard import ScorecardRepository

log = logging.getLogger(__name__)

BATCH = 200
CONCURRENT_SENDS = 8  # the rate limiter keeps us inside Telegram's limits; this feeds it


@dataclass
class MonthlyReport:
    scheduled: int = 0
    sent: int = 0
    unreachable: int = 0
    opted_out: int = 0
    failed: int = 0
    skipped_late: int = 0


def first_meeting_day(year: int, month: int, chapter: Chapter) -> datetime:
    """The first meeting weekday of the month at the meeting's local time, in UTC.

    Until the chapter has its own meeting schedule, the education minute's day and time stand
    for it (the tip is read at the meeting).
    """
    zone = ZoneInfo(chapter.timezone)
    first = date(year, month, 1)
    day = first + timedelta(days=(chapter.tip_weekday - first.weekday()) % 7)
    return datetime.combine(day, parse_clock(chapter.tip_time), tzinfo=zone).astimezone(UTC)


def next_send_after(moment: datetime, chapter: Chapter) -> datetime:
    local = moment.astimezone(ZoneInfo(chapter.timezone))
    this_month = first_meeting_day(local.year, local.month, chapter)
    if this_month > moment:
        return this_month
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return first_meeting_day(year, month, chapter)


def month_key(moment: datetime, chapter: Chapter) -> str:
    return f"{moment.astimezone(ZoneInfo(chapter.timezone)):%Y-%m}"


@dataclass(eq=False)
class MonthlyCards:
    scorecards: ScorecardRepository
    chapters: ChapterRepository
    cards: Cards
    clock: Clock

    async def sweep(self) -> MonthlyReport:
        """Schedule new chapters; then send each due chapter's cards, member by member."""
        report, now = MonthlyReport(), self.clock.now()
        for chapter_id in await self.scorecards.chapters_unscheduled(BATCH):
            chapter = await self.chapters.by_id(chapter_id)
            if chapter is not None:
                await self.scorecards.set_next_send(chapter_id, next_send_after(now, chapter))
                report.scheduled += 1
        for chapter_id, due in await self.scorecards.sends_due(now, BATCH):
            chapter = await self.chapters.by_id(chapter_id)
            if chapter is None:
                continue
            if month_key(due, chapter) != month_key(now, chapter):
                report.skipped_late += 1  # down the whole month: next month's card instead
            elif not await self._send_month(chapter, month_key(due, chapter), report):
                return report  # a transient failure: still due, the next sweep resumes
            await self.scorecards.set_next_send(chapter_id, next_send_after(now, chapter))
        return report

    async def _send_month(self, chapter: Chapter, month: str, report: MonthlyReport) -> bool:
        done = await self.scorecards.already_sent(chapter.id, month)
        opted_out = await self.scorecards.opted_out()
        whole = await self.cards.scorecard.chapter_card(chapter)
        gate = asyncio.Semaphore(CONCURRENT_SENDS)
        failures: list[NotSent] = []

        async def one(member: Member, card: MemberCard) -> None:
            async with gate:
                if failures:
                    return
                try:
                    outcome = await self._send_one(chapter, member, card, whole, opted_out)
                except NotSent as exc:
                    failures.append(exc)
                    return
                await self.scorecards.record_send(
                    chapter.id, month, member.user_id, outcome, self.clock.now()
                )
                setattr(report, outcome, getattr(report, outcome) + 1)

        pending = [(m, c) for m, c in whole.members if m.user_id not in done]
        await asyncio.gather(*(one(member, card) for member, card in pending))
        if failures:
            log.warning(
                "Monthly cards for chapter %s paused, will resume: %s", chapter.id, failures[0]
            )
            report.failed += len(failures)
            return False
        return True

    async def _send_one(
        self,
        chapter: Chapter,
        member: Member,
        card: MemberCard,
        whole: ChapterCard,
        opted_out: set[int],
    ) -> str:
        if member.user_id in opted_out:
            return "opted_out"
        if member.can_dm is False:
            return "unreachable"
        with to_member(member, chapter):  # each card in its member's language
            rendered = await self.cards.render_member(chapter, member, card, whole)
            footer = monthly_footer()
        delivered = await self.cards.send(member.user_id, rendered, footer)
        return "sent" if delivered else "unreachable"
