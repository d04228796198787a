"""The meeting's numbers for /stats and /stats me: attendance rate and visitors in a period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.business.stats import period_start
from bot.core.clock import Clock
from storage.attendance import AttendanceRate, AttendanceRepository
from storage.meetings import Mark
from storage.records import Chapter
from storage.stats import FAR_PAST
from storage.visitors import Visitor, VisitorRepository


@dataclass(frozen=True, slots=True)
class VisitorCounts:
    invited: int
    came: int
    joined: int


@dataclass(frozen=True, slots=True)
class ChapterMeetingFigures:
    meetings: int
    rate: AttendanceRate
    visitors: VisitorCounts


@dataclass(frozen=True, slots=True)
class MemberMeetingFigures:
    chapter: Chapter
    marks: Counter[Mark]
    rate: AttendanceRate
    visitors: VisitorCounts  # the ones this member invited


def _counts(visitors: list[Visitor], start: datetime, end: datetime) -> VisitorCounts:
    def within(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    return VisitorCounts(
        invited=sum(within(v.invited_at) for v in visitors),
        came=sum(within(v.came_at) for v in visitors),
        joined=sum(within(v.joined_at) for v in visitors),
    )


@dataclass(eq=False)
class MeetingFigures:
    attendance: AttendanceRepository
    visitors: VisitorRepository
    clock: Clock

    def _period(self, chapter: Chapter, period: str) -> tuple[datetime, datetime]:
        now = self.clock.now()
        return period_start(period, now, chapter.timezone) or FAR_PAST, now + timedelta(seconds=1)

    async def for_chapter(self, chapter: Chapter, period: str) -> ChapterMeetingFigures:
        start, end = self._period(chapter, period)
        visitors = await self.visitors.of_chapter(chapter.id, start, end)
        return ChapterMeetingFigures(
            meetings=await self.attendance.meetings_held(chapter.id, start, end),
            rate=await self.attendance.attendance_rate(chapter.id, start, end),
            visitors=_counts(visitors, start, end),
        )

    async def for_member(
        self, member_id: int, chapters: list[Chapter], period: str
    ) -> list[MemberMeetingFigures]:
        figures = []
        for chapter in chapters:
            start, end = self._period(chapter, period)
            marks = Counter(
                m.mark for m in await self.attendance.marks_of(chapter.id, member_id, start, end)
            )
            attended = sum(marks[mark] for mark in (Mark.PRESENT, Mark.LATE, Mark.SUBSTITUTE))
            invited = [
                v
                for v in await self.visitors.of_chapter(chapter.id, start, end)
                if v.inviter_id == member_id
            ]
            figures.append(
                MemberMeetingFigures(
                    chapter=chapter,
                    marks=marks,
                    rate=AttendanceRate(attended, attended + marks[Mark.ABSENT]),
                    visitors=_counts(invited, start, end),
                )
            )
        return figures
