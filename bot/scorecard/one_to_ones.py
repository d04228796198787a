"""One-to-ones: logged by one member, confirmed by the other, counted once however often logged."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from bot.scorecard.when import WhenRefused, local_today, split_day_and_note
from storage.members import MemberRepository
from storage.one_to_ones import OneToOne, OneToOneRepository, OneToOneStatus
from storage.records import Chapter, Member

REMIND_AFTER = timedelta(hours=72)
SAME_MEETING = timedelta(days=3)  # the other member's log within this many days is the same one
MAX_NOTE = 300


class OneToOneRefusal(enum.Enum):
    NO_PARTNER = "no_partner"
    SELF = "self"
    BOT = "bot"
    NOT_IN_CHAPTER = "not_in_chapter"
    FUTURE = "future"
    TOO_OLD = "too_old"
    NOTE_TOO_LONG = "note_too_long"
    ALREADY_LOGGED = "already_logged"


class OneToOneRefused(Exception):
    def __init__(self, reason: OneToOneRefusal, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail


class Decision(enum.Enum):
    DONE = "done"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    ALREADY = "already"


@dataclass(frozen=True, slots=True)
class Logged:
    one_to_one: OneToOne
    partner: Member
    chapter: Chapter
    merged: bool  # the partner had logged it already: now it counts (confirmed)


@dataclass(eq=False)
class OneToOneService:
    one_to_ones: OneToOneRepository
    members: MemberRepository
    clock: Clock
    bot_username: str

    async def _partner(
        self, chapters: list[Chapter], logger: Member, named: Member | None, username: str | None
    ) -> tuple[Member, Chapter]:
        """The member named, and the first of `chapters` both belong to."""
        if named is None and username:
            if username.lower() == self.bot_username.lower():
                raise OneToOneRefused(OneToOneRefusal.BOT)
            named = await self.members.by_username(username)
            if named is None:
                raise OneToOneRefused(OneToOneRefusal.NOT_IN_CHAPTER, f"@{username}")
        if named is None:
            raise OneToOneRefused(OneToOneRefusal.NO_PARTNER)
        if named.user_id == logger.user_id:
            raise OneToOneRefused(OneToOneRefusal.SELF)
        if named.is_bot:
            raise OneToOneRefused(OneToOneRefusal.BOT)
        theirs = set(await self.members.chapter_ids_of(named.user_id))
        shared = [chapter for chapter in chapters if chapter.id in theirs]
        if not shared:
            raise OneToOneRefused(OneToOneRefusal.NOT_IN_CHAPTER, named.full_name)
        return await self.members.get(named.user_id) or named, shared[0]

    def _day_and_note(self, chapter: Chapter, words: list[str]) -> tuple[date, str | None]:
        today = local_today(self.clock.now(), ZoneInfo(chapter.timezone))
        try:
            day, note = split_day_and_note(words, today)
        except WhenRefused as refused:
            raise OneToOneRefused(OneToOneRefusal(refused.problem.value)) from refused
        if len(note) > MAX_NOTE:
            raise OneToOneRefused(OneToOneRefusal.NOTE_TOO_LONG, str(len(note)))
        return day, note or None

    async def log(
        self,
        chapters: list[Chapter],
        logger: Member,
        named: Member | None,
        username: str | None,
        words: list[str],
    ) -> Logged:
        """Record a one-to-one (pending the partner's yes), or confirm the partner's own log.

        `chapters`: the group's chapter, or (sent privately) the logger's chapters; the first
        one the partner belongs to is used. Raises OneToOneRefused, storing nothing.
        """
        partner, chapter = await self._partner(chapters, logger, named, username)
        day, note = self._day_and_note(chapter, words)
        near = await self.one_to_ones.of_pair_near(
            chapter.id, logger.user_id, partner.user_id, day - SAME_MEETING, day + SAME_MEETING
        )
        for existing in near:
            if existing.partner_id == logger.user_id and existing.status is OneToOneStatus.PENDING:
                await self.one_to_ones.decide(
                    existing.id, OneToOneStatus.CONFIRMED, self.clock.now()
                )
                confirmed = await self.one_to_ones.get(existing.id)
                assert confirmed is not None
                return Logged(confirmed, partner, chapter, merged=True)
            raise OneToOneRefused(OneToOneRefusal.ALREADY_LOGGED, existing.met_on.isoformat())
        now = self.clock.now()
        added = await self.one_to_ones.add(
            chapter.id, logger.user_id, partner.user_id, day, note, now, now + REMIND_AFTER
        )
        if added is None:  # logged that very day before, and declined
            raise OneToOneRefused(OneToOneRefusal.ALREADY_LOGGED, day.isoformat())
        return Logged(added, partner, chapter, merged=False)

    async def get(self, one_to_one_id: int) -> OneToOne | None:
        return await self.one_to_ones.get(one_to_one_id)

    async def decide(
        self, one_to_one_id: int, actor_id: int, met: bool
    ) -> tuple[Decision, OneToOne | None]:
        """The partner answers Yes, we met / Didn't happen. Only the partner, only once."""
        found = await self.one_to_ones.get(one_to_one_id)
        if found is None:
            return Decision.NOT_FOUND, None
        if found.partner_id != actor_id:
            return Decision.NOT_YOURS, found
        if found.status is not OneToOneStatus.PENDING:
            return Decision.ALREADY, found
        status = OneToOneStatus.CONFIRMED if met else OneToOneStatus.DECLINED
        if not await self.one_to_ones.decide(found.id, status, self.clock.now()):
            return Decision.ALREADY, await self.one_to_ones.get(found.id)
        return Decision.DONE, await self.one_to_ones.get(found.id)
