"""The chapter's roster and the meeting's settings: who is expected, the absence limit, hosts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.core.clock import Clock
from bot.core.result import Done, Reason, Result, refused
from bot.meeting.rules import months_before
from storage.attendance import AttendanceRepository
from storage.chapters import ChapterRepository
from storage.meetings import Mark
from storage.members import MemberRepository
from storage.records import Chapter, Member
from storage.roster import AbsenceRule, RosterRepository


@dataclass(frozen=True, slots=True)
class RosterView:
    rule: AbsenceRule
    rows: Sequence[tuple[Member, Mapping[Mark, int], int]]  # member, marks, absences


@dataclass(eq=False)
class RosterService:
    roster: RosterRepository
    attendance: AttendanceRepository
    members: MemberRepository
    chapters: ChapterRepository
    clock: Clock

    async def view(self, chapter: Chapter) -> RosterView:
        """Every member with their marks over the absence rule's months."""
        rule = await self.roster.absence_rule(chapter.id)
        now = self.clock.now()
        since, until = months_before(now, rule.months), now + timedelta(seconds=1)
        counts = await self.attendance.mark_counts(chapter.id, since, until)
        rows: list[tuple[Member, Mapping[Mark, int], int]] = []
        for member in await self.roster.members(chapter.id):
            marks = counts.get(member.user_id, {})
            rows.append((member, marks, marks.get(Mark.ABSENT, 0)))
        return RosterView(rule, rows)

    async def remove(self, chapter: Chapter, member: Member) -> Result[None]:
        """Take a member who left the chapter off the roster (their history stays)."""
        if not await self.roster.take_off(chapter.id, member.user_id, "removed", self.clock.now()):
            return refused(Reason.NOT_ON_ROSTER, name=member.full_name)
        return Done(None)

    async def find(self, named: Member | None, username: str | None) -> Member | None:
        """The member a command named: as stored (names, can-DM) if known, else as Telegram
        described them; by @username only if the bot has seen them."""
        if named is not None:
            return await self.members.get(named.user_id) or named
        if username:
            return await self.members.by_username(username)
        return None

    async def chapter_of_chat(self, chat_id: int) -> Chapter | None:
        """The chapter of a group, if there is one (read only: never creates or revives it)."""
        return await self.chapters.by_chat_id(chat_id)

    async def left_group(self, chapter: Chapter, user_id: int) -> None:
        await self.roster.take_off(chapter.id, user_id, "left", self.clock.now())

    async def back_in_group(self, chapter: Chapter, user_id: int) -> None:
        await self.roster.rejoined(chapter.id, user_id)

    async def absence_rule(self, chapter: Chapter) -> AbsenceRule:
        return await self.roster.absence_rule(chapter.id)

    async def hosts(self, chapter: Chapter) -> list[Member]:
        return await self.roster.hosts(chapter.id)

    async def set_absence_rule(self, chapter: Chapter, rule: AbsenceRule) -> None:
        await self.roster.set_absence_rule(chapter.id, rule)

    async def set_hosts(self, chapter: Chapter, hosts: list[Member]) -> list[Member]:
        await self.roster.set_hosts(chapter.id, [host.user_id for host in hosts])
        return await self.roster.hosts(chapter.id)
