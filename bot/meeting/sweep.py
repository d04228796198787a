"""The meeting's jobs: they only look for due rows, so a restart loses nothing and repeats nothing.

- `run` (every sweep interval): close check-ins open for 4 hours, finish announcements a restart
  interrupted, and send visitor follow-up nudges 48 hours after the meeting.
- `flush_check_ins` (every few seconds): bring lagging check-in messages up to date.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger, NotSent
from bot.i18n import to_member
from bot.meeting.board import CheckInBoard
from bot.meeting.closing import MeetingCloser
from bot.texts import visitors as texts
from storage.chapters import ChapterRepository
from storage.meetings import MeetingRepository
from storage.members import MemberRepository
from storage.records import Chapter, Member
from storage.roster import RosterRepository
from storage.visitors import Visitor, VisitorRepository

log = logging.getLogger(__name__)


@dataclass(eq=False)
class MeetingSweep:
    meetings: MeetingRepository
    visitors: VisitorRepository
    roster: RosterRepository
    members: MemberRepository
    chapters: ChapterRepository
    board: CheckInBoard
    closer: MeetingCloser
    messenger: Messenger
    settings: Settings
    clock: Clock

    async def flush_check_ins(self) -> int:
        return await self.board.flush()

    async def run(self) -> None:
        try:
            for meeting in await self.meetings.due_to_close(self.clock.now()):
                await self.closer.close(meeting, by=None)
            for meeting in await self.meetings.unannounced():
                await self.closer.announce(meeting.id)
            now = self.clock.now()
            for visitor in await self.visitors.nudges_due(now):
                async with self.visitors.claim_nudge(visitor.id, now) as mine:
                    if mine:  # not sent meanwhile by another process
                        await self._nudge(visitor)
        except NotSent as exc:  # passing: the rows are still due next time
            log.warning("Meeting sweep stopped early, will retry: %s", exc)

    async def _nudge(self, visitor: Visitor) -> None:
        """One private nudge to the hosts (or, with none, the inviter), unless already logged."""
        now = self.clock.now()
        if visitor.outcome is not None:
            await self.visitors.finish_nudge(visitor.id, "cancelled", now)
            return
        chapter = await self.chapters.by_id(visitor.chapter_id)
        assert chapter is not None
        quiet = self.settings.quiet_hours
        waits_until = quiet.waits_until(now, chapter.timezone) if quiet else None
        if waits_until is not None:
            await self.visitors.postpone_nudge(visitor.id, waits_until)
            return
        inviter = await self.members.get(visitor.inviter_id)
        hosts = await self.roster.hosts(chapter.id)
        delivered = await self._send_nudges(chapter, visitor, inviter, hosts)
        if not delivered and inviter is not None and inviter not in hosts:
            # no host named, or none can be written to: the inviter makes sure of the call
            delivered = await self._send_nudges(chapter, visitor, inviter, [inviter])
        await self.visitors.finish_nudge(visitor.id, "sent" if delivered else "undeliverable", now)

    async def _send_nudges(
        self, chapter: Chapter, visitor: Visitor, inviter: Member | None, targets: list[Member]
    ) -> int:
        delivered = 0
        for target in targets:
            if target.can_dm is False:
                continue
            with to_member(target, chapter):
                text = texts.nudge(chapter, visitor, inviter, to_inviter=target == inviter)
                buttons = texts.follow_up_buttons(visitor.id)
            delivered += await self.messenger.to_member(
                target.user_id,
                text,
                buttons,
                known_can_dm=target.can_dm,
            )
        return delivered
