"""Running the meeting: opening and closing the check-in, taps, corrections and substitutes.

Every method checks first and answers Refused before writing anything, else Done.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.meeting.board import CheckInBoard
from bot.meeting.closing import MeetingCloser
from bot.meeting.people import read_written_person
from bot.meeting.rules import closes_at
from bot.meeting.visitors import VisitorService
from bot.texts import meeting as texts
from storage.db import UnitOfWork
from storage.meetings import Mark, Meeting, MeetingRepository, NewMeeting
from storage.records import Chapter, Member
from storage.roster import RosterRepository
from storage.substitutes import Substitute, SubstituteRepository


@dataclass(frozen=True, slots=True)
class Tapped:
    mark: Mark
    previous: Mark | None


@dataclass(frozen=True, slots=True)
class Corrected:
    meeting: Meeting
    previous: Mark | None


@dataclass(frozen=True, slots=True)
class SubstituteSent:
    substitute: Substitute
    business: str
    at_open_meeting: bool


@dataclass(eq=False)
class MeetingService:
    transaction: UnitOfWork
    meetings: MeetingRepository
    roster: RosterRepository
    substitutes: SubstituteRepository
    board: CheckInBoard
    closer: MeetingCloser
    visitors: VisitorService
    clock: Clock

    async def open(
        self, chapter: Chapter, opener_id: int | None, thread_id: int | None, source: int | None
    ) -> Result[Meeting | None]:
        """Open the check-in and post its message; the visitor hosts get the expected visitors.
        Done(None) when Telegram delivered the same /meeting again."""
        already = await self.meetings.open_of(chapter.id)
        if already is not None and already.message_id is not None:
            return refused(Reason.MEETING_ALREADY_OPEN)
        if already is not None:  # its check-in message never went out: post it now
            await self.board.post(already, chapter)
            return Done(already)
        now = self.clock.now()
        meeting = await self.meetings.open(
            NewMeeting(chapter.id, opener_id, now, closes_at(now), thread_id, source)
        )
        if meeting is None:
            return Done(None)
        await self._check_in_opener(meeting, opener_id)
        await self.board.post(meeting, chapter)
        await self.visitors.send_expected_lists(chapter)
        return Done(meeting)

    async def _check_in_opener(self, meeting: Meeting, opener_id: int | None) -> None:
        """The admin who opens the check-in is there: present, unless they sent a substitute
        (an anonymous admin, or one who isn't a member, gets no mark)."""
        if opener_id is None or not await self.roster.is_on_roster(meeting.chapter_id, opener_id):
            return
        if any(mark.user_id == opener_id for mark in await self.meetings.marks(meeting.id)):
            return
        await self.meetings.set_mark(
            meeting.id, opener_id, Mark.PRESENT, opener_id, self.clock.now()
        )

    async def tap(
        self, meeting_id: int, chapter: Chapter, member: Member, mark: Mark
    ) -> Result[Tapped]:
        """A member taps Present, Late or Substitute on the check-in message (the message is
        edited by `show_marks`, once the tap has been answered)."""
        meeting = await self.meetings.get(meeting_id)
        if meeting is None or meeting.chapter_id != chapter.id:
            return refused(Reason.NOT_ON_ROSTER, name=member.full_name)
        if not meeting.is_open:
            return refused(Reason.CHECK_IN_CLOSED)
        if member.is_bot or not await self.roster.is_on_roster(chapter.id, member.user_id):
            return refused(Reason.NOT_ON_ROSTER, name=member.full_name)
        previous = await self.meetings.set_mark(
            meeting.id, member.user_id, mark, member.user_id, self.clock.now()
        )
        return Done(Tapped(mark, previous))

    async def show_marks(self, meeting_id: int) -> None:
        """After a tap was answered: edit the check-in message, if its turn has come."""
        await self.board.refresh(meeting_id)

    async def close_now(self, chapter: Chapter, by: int | None) -> Result[None]:
        meeting = await self.meetings.open_of(chapter.id)
        if meeting is None:
            return refused(Reason.NO_OPEN_MEETING)
        await self.closer.close(meeting, by)
        return Done(None)

    async def correct(
        self, chapter: Chapter, member: Member, mark: Mark, by: int
    ) -> Result[Corrected]:
        """An admin corrects a member's mark for the chapter's last meeting."""
        meeting = await self.meetings.latest_of(chapter.id)
        if meeting is None:
            return refused(Reason.NO_MEETING_YET)
        if member.is_bot or not await self.roster.is_on_roster(chapter.id, member.user_id):
            return refused(Reason.NOT_ON_ROSTER, name=member.full_name)
        previous = await self.meetings.set_mark(
            meeting.id, member.user_id, mark, by, self.clock.now()
        )
        if meeting.is_open:
            await self.board.refresh(meeting.id)
        elif mark is Mark.ABSENT and previous is not Mark.ABSENT:
            await self.closer.notify_absence(chapter, member.user_id, texts.absence_warning)
            await self.meetings.set_notified(meeting.id, member.user_id, self.clock.now())
        return Done(Corrected(meeting, previous))

    async def send_substitute(
        self, chapter: Chapter, member: Member, text: str
    ) -> Result[SubstituteSent]:
        """/sub: someone stands in for the member at the open meeting, or else the next one."""
        written = read_written_person(text, Reason.NO_SUBSTITUTE)
        if isinstance(written, Refused):
            return written
        if not await self.roster.is_on_roster(chapter.id, member.user_id):
            return refused(Reason.NOT_ON_ROSTER, name=member.full_name)
        person, text = written.value.person, written.value.text
        if await self._is_a_member(chapter, person.name):
            return refused(Reason.SUBSTITUTE_IS_MEMBER, name=person.name)
        meeting = await self.meetings.open_of(chapter.id)
        meeting_id = meeting.id if meeting else None
        now = self.clock.now()
        new = Substitute(
            0, chapter.id, member.user_id, meeting_id, person.name, text, person.phone, person.email
        )
        async with self.transaction():
            stored = await self.substitutes.add(new, now)
            if meeting_id is not None:
                await self.meetings.set_mark(meeting_id, member.user_id, Mark.SUBSTITUTE, None, now)
        if meeting_id is not None:
            await self.board.refresh(meeting_id)
        return Done(SubstituteSent(stored, person.notes, meeting_id is not None))

    async def _is_a_member(self, chapter: Chapter, name: str) -> bool:
        """A substitute stands in from outside: not an @mention, not a name on the roster."""
        if name.startswith("@"):
            return True
        wanted = name.casefold()
        return any(m.full_name.casefold() == wanted for m in await self.roster.members(chapter.id))
