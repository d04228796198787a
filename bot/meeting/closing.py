"""Closing the check-in and what follows: the group's summary and the private absence notices.

Closing is one transaction (the meeting closes, members without a mark become absent). The
announcements after it are tracked row by row (the summary's time, each absence's `notified_at`,
then the meeting's `announced_at`), so a restart in between finishes them without repeating
what went out, like the reminders.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.chapters.languages import speaking_to
from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.i18n import in_chapter, to_member
from bot.meeting.board import CheckInBoard
from bot.meeting.rules import Standing, count_marks, months_before, standing
from bot.texts import meeting as texts
from storage.attendance import AttendanceRepository
from storage.chapters import ChapterRepository
from storage.meetings import Meeting, MeetingRepository
from storage.members import MemberRepository
from storage.records import Chapter, Member
from storage.roster import AbsenceRule, RosterRepository

log = logging.getLogger(__name__)

NoticeText = Callable[[Chapter, int, AbsenceRule, Standing], str]


@dataclass(eq=False)
class MeetingCloser:
    meetings: MeetingRepository
    roster: RosterRepository
    attendance: AttendanceRepository
    members: MemberRepository
    chapters: ChapterRepository
    board: CheckInBoard
    messenger: Messenger
    clock: Clock

    async def close(self, meeting: Meeting, by: int | None) -> bool:
        """Close the check-in (False if it was closed already), then announce it."""
        expected = await self.roster.members(meeting.chapter_id, seen_before=meeting.opened_at)
        closed = await self.meetings.close(
            meeting.id, by, self.clock.now(), [member.user_id for member in expected]
        )
        if closed:
            await self.board.show_closed(meeting.id)
            await self.announce(meeting.id)
        return closed

    async def announce(self, meeting_id: int) -> None:
        """The group's summary (counts only), then each absent member privately."""
        meeting = await self.meetings.get(meeting_id)
        assert meeting is not None
        chapter = await self.chapters.by_id(meeting.chapter_id)
        assert chapter is not None
        if meeting.summary_posted_at is None:
            counts = count_marks(mark.mark for mark in await self.meetings.marks(meeting.id))
            with in_chapter(chapter):
                text = texts.closed_summary(chapter, counts, automatic=meeting.closed_by is None)
            if chapter.active:
                await self.messenger.to_chapter(chapter, text, topic=meeting.thread_id)
            await self.meetings.set_summary_posted(meeting.id, self.clock.now())
        for user_id in await self.meetings.absent_unnotified(meeting.id):
            await self.notify_absence(chapter, user_id, texts.absent_notice)
            await self.meetings.set_notified(meeting.id, user_id, self.clock.now())
        await self.meetings.set_announced(meeting.id, self.clock.now())

    async def notify_absence(self, chapter: Chapter, user_id: int, notice: NoticeText) -> None:
        """Tell an absent member where they stand; at the limit, tell the admins too."""
        rule = await self.roster.absence_rule(chapter.id)
        since = months_before(self.clock.now(), rule.months)
        absences = await self.attendance.absences_since(chapter.id, user_id, since)
        where = standing(absences, rule)
        member = await self.members.get(user_id)
        if member is None:
            return
        if member.can_dm is not False:
            with to_member(member, chapter):
                text = notice(chapter, absences, rule, where)
            await self.messenger.to_member(user_id, text, known_can_dm=member.can_dm)
        if where is Standing.AT_LIMIT:
            await self._tell_admins(chapter, member, absences, rule)

    async def _tell_admins(
        self, chapter: Chapter, member: Member, absences: int, rule: AbsenceRule
    ) -> None:
        try:
            admins = await self.messenger.admin_ids(chapter.chat_id)
        except NotSent as exc:
            log.warning("Admins of chapter %s unknown: %s", chapter.id, exc)
            return
        for admin_id in admins:
            if admin_id == member.user_id:
                continue
            with await speaking_to(self.members, admin_id, chapter.id):
                text = texts.admins_limit_notice(chapter, member, absences, rule)
            try:
                await self.messenger.to_member(admin_id, text)
            except NotSent as exc:
                log.info("Admin %s not told of the absence limit: %s", admin_id, exc)
