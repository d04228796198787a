"""Visitors: invited by a member, welcomed by the hosts, called within 48 hours, maybe joining.

A visitor's contact details go only to the chapter's visitor hosts (privately) and to admins in
/export; group messages name the visitor, their business and the inviter, nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from bot.chapters.languages import speaking_to
from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.i18n import to_member
from bot.meeting.people import read_written_person
from bot.meeting.rules import EXPECTED_VISITORS_SINCE, visitor_nudge_at
from bot.texts import visitors as texts
from storage.meetings import MeetingRepository
from storage.members import MemberRepository
from storage.records import Chapter, Member
from storage.roster import RosterRepository
from storage.visitors import NewVisitor, Visitor, VisitorOutcome, VisitorRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pipeline:
    visitors: list[Visitor]
    inviters: dict[int, Member]
    invited: int
    came: int
    followed_up: int
    joined: int


@dataclass(frozen=True, slots=True)
class Invited:
    visitor: Visitor
    hosts: int  # how many hosts the chapter has
    unreached: list[Member]  # hosts who couldn't be given the details (never started the bot)


@dataclass(eq=False)
class VisitorService:
    visitors: VisitorRepository
    roster: RosterRepository
    meetings: MeetingRepository
    members: MemberRepository
    messenger: Messenger
    clock: Clock

    async def invite(
        self,
        chapter: Chapter,
        inviter: Member,
        text: str,
        source: int | None = None,
        edited: bool = False,
    ) -> Result[Invited | None]:
        """Store the visitor and hand the hosts their details. Done(None) if this message was
        recorded before (Telegram delivered it again); an edit of it rewrites the visitor."""
        written = read_written_person(text, Reason.NO_VISITOR_NAME)
        if isinstance(written, Refused):
            return written
        person, text = written.value.person, written.value.text
        new = NewVisitor(
            chapter.id,
            inviter.user_id,
            person.name,
            person.notes,
            text,
            person.phone,
            person.email,
            self.clock.now(),
            source,
        )
        visitor = await self.visitors.rewrite(new) if edited and source is not None else None
        if visitor is None:
            same = await self.visitors.waiting_named(chapter.id, person.name, source)
            if same is not None:
                return refused(Reason.VISITOR_ALREADY_INVITED, visitor=same)
            visitor = await self.visitors.add(new)
        if visitor is None:
            return Done(None)
        hosts, unreached = await self.roster.hosts(chapter.id), []
        for host in hosts:
            details = partial(texts.host_details, chapter, visitor, inviter)
            if not await self._send(host, details, visitor, visitor.chapter_id):
                unreached.append(host)
        return Done(Invited(visitor, len(hosts), unreached))

    async def details_for_host(self, chapter: Chapter, visitor: Visitor, host: Member) -> bool:
        """A host opened the chat from the group's link: send them the visitor's details
        (False, and nothing sent, for anyone but the chapter's hosts)."""
        inviter = await self.members.get(visitor.inviter_id)
        if inviter is None or not await self.is_host(chapter.id, host.user_id):
            return False
        details = partial(texts.host_details, chapter, visitor, inviter)
        return await self._send(host, details, visitor, visitor.chapter_id)

    async def host_count(self, chapter: Chapter) -> int:
        return len(await self.roster.hosts(chapter.id))

    async def _send(
        self,
        member: Member,
        render: Callable[[], str],
        visitor: Visitor | None = None,
        chapter_id: int | None = None,
    ) -> bool:
        """A private message that may fail (never started, blocked, a passing fault), rendered
        in the member's language."""
        if member.can_dm is False:
            return False
        with await speaking_to(self.members, member.user_id, chapter_id):
            text = render()
            markup = texts.arrived_buttons([visitor]) if visitor and not visitor.came_at else None
        try:
            return await self.messenger.to_member(
                member.user_id, text, markup, known_can_dm=member.can_dm
            )
        except NotSent as exc:
            log.warning("Private message to %s failed: %s", member.user_id, exc)
            return False

    async def send_expected_lists(self, chapter: Chapter) -> None:
        """At the check-in: each host gets the visitors expected, with an Arrived button each."""
        hosts = await self.roster.hosts(chapter.id)
        if not hosts:
            return
        since = self.clock.now() - EXPECTED_VISITORS_SINCE
        expected = await self.visitors.expected(chapter.id, since)
        inviters = await self._inviters(expected)
        for host in hosts:
            if host.can_dm is False:
                continue
            with to_member(host, chapter):
                text = texts.expected_list(chapter, expected, inviters)
                markup = texts.arrived_buttons(expected)
            try:
                await self.messenger.to_member(host.user_id, text, markup, known_can_dm=host.can_dm)
            except NotSent as exc:
                log.warning("Expected visitors not sent to %s: %s", host.user_id, exc)

    async def _inviters(self, visitors: list[Visitor]) -> dict[int, Member]:
        found: dict[int, Member] = {}
        for inviter_id in {visitor.inviter_id for visitor in visitors}:
            member = await self.members.get(inviter_id)
            if member is not None:
                found[inviter_id] = member
        return found

    async def find(self, visitor_id: int, chapter_ids: set[int] | None) -> Result[Visitor]:
        """The visitor, if it belongs to one of `chapter_ids` (None: any chapter)."""
        visitor = await self.visitors.get(visitor_id)
        if visitor is None or (chapter_ids is not None and visitor.chapter_id not in chapter_ids):
            return refused(Reason.VISITOR_NOT_FOUND, visitor_id=visitor_id)
        return Done(visitor)

    async def _reread(self, visitor: Visitor) -> Visitor:
        stored = await self.visitors.get(visitor.id)
        assert stored is not None  # visitors are never deleted
        return stored

    async def is_host(self, chapter_id: int, user_id: int) -> bool:
        return any(host.user_id == user_id for host in await self.roster.hosts(chapter_id))

    async def arrived(self, visitor: Visitor, actor_id: int, is_admin: bool) -> Result[Visitor]:
        """A host (or an admin) says the visitor came; the 48-hour follow-up is due from the
        meeting they came to."""
        if not is_admin and not await self.is_host(visitor.chapter_id, actor_id):
            return refused(Reason.NOT_VISITOR_HOST)
        if visitor.came_at is not None:
            return refused(Reason.VISITOR_ALREADY_CAME, visitor=visitor)
        now = self.clock.now()
        meeting = await self.meetings.open_of(visitor.chapter_id)
        nudge_at = visitor_nudge_at(meeting.opened_at if meeting else None, now)
        if not await self.visitors.mark_came(
            visitor.id, meeting.id if meeting else None, now, nudge_at
        ):
            return refused(Reason.VISITOR_ALREADY_CAME, visitor=visitor)
        return Done(await self._reread(visitor))

    async def log_outcome(
        self, visitor: Visitor, actor: Member, outcome: VisitorOutcome, is_admin: bool
    ) -> Result[Visitor]:
        """A host, the inviter or an admin logs the follow-up; the inviter is told privately."""
        allowed = is_admin or actor.user_id == visitor.inviter_id
        if not allowed and not await self.is_host(visitor.chapter_id, actor.user_id):
            return refused(Reason.NOT_VISITOR_HOST)
        if visitor.outcome is outcome:
            return refused(Reason.VISITOR_ALREADY_LOGGED, visitor=visitor)
        await self.visitors.log_outcome(visitor.id, outcome, actor.user_id, self.clock.now())
        updated = await self._reread(visitor)
        inviter = await self.members.get(visitor.inviter_id)
        if inviter is not None and inviter.user_id != actor.user_id:
            told = partial(texts.inviter_told, updated, actor)
            await self._send(inviter, told, chapter_id=visitor.chapter_id)
        return Done(updated)

    async def joined(self, visitor: Visitor, is_admin: bool) -> Result[Visitor]:
        """An admin records that the visitor joined; it is credited to the inviter."""
        if not is_admin:
            return refused(Reason.VISITOR_JOINED_BY_ADMINS)
        if visitor.joined_at is not None:
            return refused(Reason.VISITOR_ALREADY_JOINED, visitor=visitor)
        if visitor.came_at is None:
            return refused(Reason.VISITOR_NOT_CAME_YET, visitor=visitor)
        await self.visitors.mark_joined(visitor.id, self.clock.now())
        updated = await self._reread(visitor)
        inviter = await self.members.get(visitor.inviter_id)
        if inviter is not None:
            thanks = partial(texts.joined_thanks, updated)
            await self._send(inviter, thanks, chapter_id=visitor.chapter_id)
        return Done(updated)

    async def inviter_of(self, visitor: Visitor) -> Member | None:
        return await self.members.get(visitor.inviter_id)

    async def pipeline(self, chapter: Chapter, start: datetime | None, end: datetime) -> Pipeline:
        """Visitors invited, come or joined in the period, with the counts of each step."""
        visitors = await self.visitors.of_chapter(chapter.id, start, end)

        def within(moment: datetime | None) -> bool:
            return moment is not None and (start is None or moment >= start) and moment < end

        return Pipeline(
            visitors=visitors,
            inviters=await self._inviters(visitors),
            invited=sum(within(v.invited_at) for v in visitors),
            came=sum(within(v.came_at) for v in visitors),
            followed_up=sum(within(v.outcome_at) for v in visitors),
            joined=sum(within(v.joined_at) for v in visitors),
        )
