"""One-to-ones: logged by one member, confirmed by the other, counted once however often logged."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.chapters.languages import speaking_to
from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.i18n import to_member
from bot.scorecard.naming import PARTNER, named_member
from bot.scorecard.reasons import MAX_NOTE
from bot.scorecard.service import ScorecardService
from bot.scorecard.when import WhenRefused, local_today, split_day_and_note
from bot.texts import one_to_ones as texts
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.one_to_ones import OneToOne, OneToOneRepository, OneToOneStatus
from storage.records import Chapter, Member

log = logging.getLogger(__name__)

REMIND_AFTER = timedelta(hours=72)
SAME_MEETING = timedelta(days=3)  # the other member's log within this many days is the same one


@dataclass(frozen=True, slots=True)
class Logged:
    one_to_one: OneToOne
    partner: Member
    chapter: Chapter
    merged: bool  # the partner had logged it already: now it counts (confirmed)


@dataclass(frozen=True, slots=True)
class Answered:
    """A one-to-one put to its partner (or decided by them), and the member who logged it."""

    one_to_one: OneToOne
    logger: Member


@dataclass(eq=False)
class OneToOneService:
    one_to_ones: OneToOneRepository
    members: MemberRepository
    chapters: ChapterRepository
    scores: ScorecardService
    messenger: Messenger
    clock: Clock

    def _day_and_note(self, chapter: Chapter, words: list[str]) -> Result[tuple[date, str | None]]:
        today = local_today(self.clock.now(), ZoneInfo(chapter.timezone))
        try:
            day, note = split_day_and_note(words, today)
        except WhenRefused as refusal:
            return refusal.refused
        if len(note) > MAX_NOTE:
            return refused(Reason.NOTE_TOO_LONG, length=len(note))
        return Done((day, note or None))

    async def log(
        self,
        chapters: list[Chapter],
        logger: Member,
        named: Member | None,
        username: str | None,
        words: list[str],
    ) -> Result[Logged]:
        """Record a one-to-one (pending the partner's yes), or confirm the partner's own log.

        `chapters`: the group's chapter, or (sent privately) the logger's chapters; the first
        one the partner belongs to is used. A refusal stores nothing.
        """
        found = await named_member(
            self.members, self.messenger.bot_username, chapters, logger, named, username, PARTNER
        )
        if isinstance(found, Refused):
            return found
        partner, chapter = found.value
        when = self._day_and_note(chapter, words)
        if isinstance(when, Refused):
            return when
        day, note = when.value
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
                return Done(Logged(confirmed, partner, chapter, merged=True))
            return refused(Reason.ONE_TO_ONE_LOGGED, day=existing.met_on.isoformat())
        now = self.clock.now()
        added = await self.one_to_ones.add(
            chapter.id, logger.user_id, partner.user_id, day, note, now, now + REMIND_AFTER
        )
        if added is None:  # logged that very day before, and declined
            return refused(Reason.ONE_TO_ONE_LOGGED, day=day.isoformat())
        return Done(Logged(added, partner, chapter, merged=False))

    async def get(self, one_to_one_id: int) -> OneToOne | None:
        return await self.one_to_ones.get(one_to_one_id)

    async def ask_partner(self, logged: Logged) -> bool:
        """The partner's private question with the two buttons; False if it can't reach them
        (the reminder tries again in 72 hours if it was only a passing failure)."""
        logger = await self.members.get(logged.one_to_one.logged_by)
        if logger is None or logged.partner.can_dm is False:
            return False
        one = logged.one_to_one
        with await speaking_to(self.members, logged.partner.user_id, one.chapter_id):
            text, buttons = texts.ask_partner(one, logger), texts.confirm_buttons(one.id)
        try:
            return await self.messenger.to_member(
                logged.partner.user_id, text, buttons, known_can_dm=logged.partner.can_dm
            )
        except NotSent as exc:
            log.warning("One-to-one %s: partner not asked: %s", logged.one_to_one.id, exc)
            return False

    async def question_for(self, one_to_one_id: int, viewer_id: int) -> Result[Answered]:
        """For the deep link: the question again, to the partner only, while it is open."""
        found = await self.one_to_ones.get(one_to_one_id)
        logger = await self.members.get(found.logged_by) if found else None
        if found is None or logger is None or found.partner_id != viewer_id:
            return refused(Reason.ONE_TO_ONE_GONE)  # a stranger's link shows nothing
        if found.status is not OneToOneStatus.PENDING:
            return refused(Reason.ONE_TO_ONE_ANSWERED)
        return Done(Answered(found, logger))

    async def answer(self, one_to_one_id: int, actor_id: int, met: bool) -> Result[Answered]:
        """The partner answers. Only the partner, only once; the logger hears the outcome and,
        when it counts, how their card moved."""
        found = await self.one_to_ones.get(one_to_one_id)
        chapter = await self.chapters.by_id(found.chapter_id) if found else None
        if found is None or chapter is None:
            return refused(Reason.ONE_TO_ONE_GONE)
        if found.partner_id != actor_id:
            return refused(Reason.ONE_TO_ONE_NOT_YOURS)
        before = await self.scores.snapshot(chapter, found.logged_by)
        status = OneToOneStatus.CONFIRMED if met else OneToOneStatus.DECLINED
        if not await self.one_to_ones.decide(found.id, status, self.clock.now()):
            return refused(Reason.ONE_TO_ONE_ANSWERED)
        decided = await self.one_to_ones.get(found.id)
        logger = await self.members.get(found.logged_by)
        partner = await self.members.get(found.partner_id)
        assert decided is not None and logger is not None and partner is not None
        after = await self.scores.snapshot(chapter, logger.user_id) if met else None
        with to_member(logger, chapter):
            change = texts.card_change(before, after) if after is not None else ""
            told = texts.decided_for_logger(decided, partner, met, change)
        try:
            await self.messenger.to_member(logger.user_id, told, known_can_dm=logger.can_dm)
        except NotSent as exc:
            log.info("Logger of one-to-one %s not told: %s", found.id, exc)
        return Done(Answered(decided, logger))
