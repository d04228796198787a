"""Testimonials (a member speaks for another's work) and education credits (tips read, /ceu)."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.scorecard.reasons import (
    MAX_CEU_NOTE,
    MAX_TESTIMONIAL,
    RecognitionRefusal,
    RecognitionRefused,
)
from bot.texts import recognition as texts
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.recognition import CreditKind, RecognitionRepository, Testimonial
from storage.records import Chapter, Member
from storage.tips import TipRepository

log = logging.getLogger(__name__)


class TipCredit(enum.Enum):
    EARNED = "earned"
    ALREADY = "already"
    NO_SUCH_TIP = "no_such_tip"


@dataclass(eq=False)
class RecognitionService:
    recognition: RecognitionRepository
    members: MemberRepository
    chapters: ChapterRepository
    tips: TipRepository
    messenger: Messenger
    clock: Clock

    async def _subject(self, chapter: Chapter, writer: Member, named: Member | None, username):
        if named is None and username:
            if username.lower() == self.messenger.bot_username.lower():
                raise RecognitionRefused(RecognitionRefusal.BOT)
            named = await self.members.by_username(username)
            if named is None:
                raise RecognitionRefused(RecognitionRefusal.NOT_IN_CHAPTER, f"@{username}")
        if named is None:
            raise RecognitionRefused(RecognitionRefusal.NO_SUBJECT)
        if named.user_id == writer.user_id:
            raise RecognitionRefused(RecognitionRefusal.SELF)
        if named.is_bot:
            raise RecognitionRefused(RecognitionRefusal.BOT)
        if chapter.id not in await self.members.chapter_ids_of(named.user_id):
            raise RecognitionRefused(RecognitionRefusal.NOT_IN_CHAPTER, named.full_name)
        return await self.members.get(named.user_id) or named

    async def testimonial(
        self,
        chapter: Chapter,
        writer: Member,
        named: Member | None,
        username: str | None,
        text: str,
        source_message_id: int | None,
    ) -> tuple[Testimonial, Member] | None:
        """Store a testimonial; None when Telegram delivered the same message again."""
        subject = await self._subject(chapter, writer, named, username)
        text = text.strip()
        if not text:
            raise RecognitionRefused(RecognitionRefusal.EMPTY)
        if len(text) > MAX_TESTIMONIAL:
            raise RecognitionRefused(RecognitionRefusal.TOO_LONG, str(len(text)))
        stored = await self.recognition.add_testimonial(
            chapter.id, writer.user_id, subject.user_id, text, self.clock.now(), source_message_id
        )
        return (stored, subject) if stored else None

    async def tell_subject(
        self, testimonial: Testimonial, writer: Member, subject: Member, chapter: Chapter
    ) -> None:
        """A private word to the member spoken for (a courtesy: the group post stands)."""
        if subject.can_dm is False:
            return
        try:
            await self.messenger.to_member(
                subject.user_id,
                texts.testimonial_to_subject(testimonial, writer, chapter),
                known_can_dm=subject.can_dm,
            )
        except NotSent as exc:
            log.info("Testimonial %s: subject not told: %s", testimonial.id, exc)

    async def ceu(self, chapter: Chapter, member_id: int, note: str) -> None:
        """One credit for learning, at most one a day (the chapter's day)."""
        note = note.strip()
        if not note:
            raise RecognitionRefused(RecognitionRefusal.EMPTY)
        if len(note) > MAX_CEU_NOTE:
            raise RecognitionRefused(RecognitionRefusal.TOO_LONG, str(len(note)))
        now = self.clock.now()
        today = now.astimezone(ZoneInfo(chapter.timezone)).date()
        added = await self.recognition.add_credit(
            chapter.id, member_id, CreditKind.CEU, today, now, note=note
        )
        if not added:
            raise RecognitionRefused(RecognitionRefusal.CEU_TODAY_ALREADY)

    async def tip_read(self, chapter_id: int, chat_id: int, member_id: int, week: str) -> TipCredit:
        """The member tapped "I read it" under that week's tip (in the chapter's own chat):
        one credit, once."""
        chapter = await self.chapters.by_id(chapter_id)
        if chapter is None or chapter.chat_id != chat_id:
            return TipCredit.NO_SUCH_TIP
        if not await self.tips.posted_in_week(chapter.id, week):
            return TipCredit.NO_SUCH_TIP
        now = self.clock.now()
        today = now.astimezone(ZoneInfo(chapter.timezone)).date()
        added = await self.recognition.add_credit(
            chapter.id, member_id, CreditKind.TIP, today, now, tip_week=week
        )
        return TipCredit.EARNED if added else TipCredit.ALREADY
