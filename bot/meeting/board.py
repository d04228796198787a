"""The check-in message in the group: posted once, then kept current by batched edits.

Taps never edit the message directly. Each tap bumps the meeting's `marks_version`; an edit goes
out only when the message was last edited at least CHECK_IN_EDIT_GAP ago (claimed in the
database, so two taps at once can't both edit), and a short repeating job flushes what is left.
At most one edit every 6 seconds is 10 a minute: half of Telegram's 20-a-minute group limit,
whatever the number of taps, leaving room for everything else the group gets.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.messenger import Buttons, Messenger, NotSent
from bot.i18n import in_chapter
from bot.meeting.rules import edit_allowed_before
from bot.texts import meeting as texts
from storage.chapters import ChapterRepository
from storage.meetings import Mark, Meeting, MeetingRepository
from storage.members import MemberRepository
from storage.records import Chapter
from storage.roster import RosterRepository
from storage.substitutes import SubstituteRepository

log = logging.getLogger(__name__)


@dataclass(eq=False)
class CheckInBoard:
    meetings: MeetingRepository
    roster: RosterRepository
    members: MemberRepository
    substitutes: SubstituteRepository
    chapters: ChapterRepository
    messenger: Messenger
    clock: Clock

    async def _content(self, meeting: Meeting) -> tuple[str, Buttons | None]:
        chapter = await self.chapters.by_id(meeting.chapter_id)
        assert chapter is not None
        known = {member.user_id: member for member in await self.roster.members(chapter.id)}
        subs = {sub.member_id: sub.name for sub in await self.substitutes.at_meeting(meeting.id)}
        names: dict[Mark, list[str]] = defaultdict(list)
        marks = await self.meetings.marks(meeting.id)
        members = [
            known.get(mark.user_id) or await self.members.get(mark.user_id) for mark in marks
        ]
        with in_chapter(chapter):  # the group's message, whoever tapped
            for mark, member in zip(marks, members, strict=True):
                if member is not None:
                    names[mark.mark].append(texts.board_name(member, subs.get(mark.user_id)))
            buttons = texts.check_in_buttons(meeting.id) if meeting.is_open else None
            return texts.check_in(chapter, meeting, names), buttons

    async def post(self, meeting: Meeting, chapter: Chapter) -> None:
        """Post the check-in message where /meeting was sent (its topic, in a forum), keeping
        its id to edit it later. A failure propagates (the check-in stays open; an admin can
        /meeting close and open it again)."""
        text, buttons = await self._content(meeting)
        message_id = await self.messenger.post(
            chapter, text, topic=meeting.thread_id, buttons=buttons, interactive=True
        )
        if message_id is not None:
            await self.meetings.set_message(
                meeting.id, message_id, meeting.marks_version, self.clock.now()
            )

    async def refresh(self, meeting_id: int) -> bool:
        """Edit the message if marks changed and the last edit is old enough; else leave it to
        the flush. True if an edit went out."""
        meeting = await self.meetings.get(meeting_id)
        if meeting is None or meeting.message_id is None or not meeting.is_open:
            return False
        now = self.clock.now()
        if meeting.marks_version <= meeting.shown_version:
            return False
        if not await self.meetings.claim_edit(
            meeting.id, meeting.marks_version, now, edit_allowed_before(now)
        ):
            return False
        await self._edit(meeting)
        return True

    async def flush(self) -> int:
        """Job: bring every lagging check-in message up to date (one edit each)."""
        edits = 0
        for meeting in await self.meetings.stale_check_ins(edit_allowed_before(self.clock.now())):
            edits += int(await self.refresh(meeting.id))
        return edits

    async def show_closed(self, meeting_id: int) -> None:
        """The final state, without buttons, once the check-in closed."""
        meeting = await self.meetings.get(meeting_id)
        if meeting is not None and meeting.message_id is not None:
            await self._edit(meeting)

    async def _edit(self, meeting: Meeting) -> None:
        chapter = await self.chapters.by_id(meeting.chapter_id)
        assert chapter is not None and meeting.message_id is not None
        text, buttons = await self._content(meeting)
        try:  # unchanged, deleted by someone, or the group gone: nothing to repair
            await self.messenger.edit(chapter, meeting.message_id, text, buttons)
        except NotSent as exc:  # transient: the next flush tries again
            log.warning("Check-in message of meeting %s not edited: %s", meeting.id, exc)
            await self.meetings.edit_failed(meeting.id)
