"""What /stats and /stats me add: one-to-ones, testimonials and education credits in a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.business.stats import period_start
from bot.core.clock import Clock
from storage.one_to_ones import OneToOneRepository, OneToOneStatus
from storage.recognition import RecognitionRepository
from storage.records import Chapter


@dataclass(frozen=True, slots=True)
class ActivityFigures:
    one_to_ones: int  # confirmed
    waiting: int  # logged, not confirmed yet
    testimonials: int  # written
    credits: int


@dataclass(frozen=True, slots=True)
class MemberActivity:
    chapter: Chapter
    figures: ActivityFigures


@dataclass(eq=False)
class ActivityStats:
    one_to_ones: OneToOneRepository
    recognition: RecognitionRepository
    clock: Clock

    async def _figures(self, chapter: Chapter, period: str, user_id: int | None) -> ActivityFigures:
        now = self.clock.now()
        start = period_start(period, now, chapter.timezone)
        zone = ZoneInfo(chapter.timezone)
        first_day = start.astimezone(zone).date() if start else None
        meetings = await self.one_to_ones.of_chapter(
            chapter.id, first_day, now.astimezone(zone).date()
        )
        end = now + timedelta(seconds=1)
        written = await self.recognition.testimonials(chapter.id, start, end)
        credits = await self.recognition.credits(chapter.id, start, end)
        if user_id is not None:
            meetings = [o for o in meetings if o.involves(user_id)]
            written = [t for t in written if t.writer_id == user_id]
            credits = [c for c in credits if c.user_id == user_id]
        return ActivityFigures(
            one_to_ones=sum(o.status is OneToOneStatus.CONFIRMED for o in meetings),
            waiting=sum(o.status is OneToOneStatus.PENDING for o in meetings),
            testimonials=len(written),
            credits=len(credits),
        )

    async def for_chapter(self, chapter: Chapter, period: str) -> ActivityFigures:
        return await self._figures(chapter, period, None)

    async def for_member(
        self, user_id: int, chapters: list[Chapter], period: str
    ) -> list[MemberActivity]:
        return [
            MemberActivity(chapter, await self._figures(chapter, period, user_id))
            for chapter in chapters
        ]
