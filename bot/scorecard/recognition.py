"""Testimonials (a member speaks for another's work) and education credits (tips read, /ceu)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.chapters.languages import speaking_to
from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.scorecard.naming import SUBJECT, named_member
from bot.scorecard.reasons import MAX_CEU_NOTE, MAX_TESTIMONIAL
from bot.texts import recognition as texts
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.recognition import CreditKind, RecognitionRepository, Testimonial
from storage.records import Chapter, Member
from storage.tips import TipRepository

log = logging.getLogger(__name__)


@dataclass(eq=False)
class RecognitionService:
    recognition: RecognitionRepository
    members: MemberRepository
    chapters: ChapterRepository
    tips: TipRepository
    messenger: Messenger
    clock: Clock

    async def testimonial(
        self,
        chapter: Chapter,
        writer: Member,
        named: Member | None,
        username: str | None,
        text: str,
        source_message_id: int | None,
    ) -> Result[tuple[Testimonial, Member] | None]:
        """Store a testimonial; None when Telegram delivered the same message again."""
        found = await named_member(
            self.members, self.messenger.bot_username, [chapter], writer, named, username, SUBJECT
        )
        if isinstance(found, Refused):
            return found
        subject = found.value[0]
        text = text.strip()
        if not text:
            return refused(Reason.TESTIMONIAL_EMPTY)
        if len(text) > MAX_TESTIMONIAL:
            return refused(Reason.TESTIMONIAL_TOO_LONG, length=len(text))
        stored = await self.recognition.add_testimonial(
            chapter.id, writer.user_id, subject.user_id, text, self.clock.now(), source_message_id
        )
        return Done((stored, subject) if stored else None)

    async def tell_subject(
        self, testimonial: Testimonial, writer: Member, subject: Member, chapter: Chapter
    ) -> None:
        """A private word to the member spoken for (a courtesy: the group post stands)."""
        if subject.can_dm is False:
            return
        with await speaking_to(self.members, subject.user_id, chapter.id):
            text = texts.testimonial_to_subject(testimonial, writer, chapter)
        try:
            await self.messenger.to_member(subject.user_id, text, known_can_dm=subject.can_dm)
        except NotSent as exc:
            log.info("Testimonial %s: subject not told: %s", testimonial.id, exc)

    async def ceu(self, chapter: Chapter, member_id: int, note: str) -> Result[None]:
        """One credit for learning, at most one a day (the chapter's day)."""
        note = note.strip()
        if not note:
            return refused(Reason.CEU_EMPTY)
        if len(note) > MAX_CEU_NOTE:
            return refused(Reason.CEU_TOO_LONG, length=len(note))
        now = self.clock.now()
        today = now.astimezone(ZoneInfo(chapter.timezone)).date()
        added = await self.recognition.add_credit(
            chapter.id, member_id, CreditKind.CEU, today, now, note=note
        )
        if not added:
            return refused(Reason.CEU_TODAY_ALREADY)
        return Done(None)

    async def tip_read(
        self, chapter_id: int, chat_id: int, member_id: int, week: str
    ) -> Result[None]:
        """The member tapped "I read it" under that week's tip (in the chapter's own chat):
        one credit, once."""
        chapter = await self.chapters.by_id(chapter_id)
        if chapter is None or chapter.chat_id != chat_id:
            return refused(Reason.TIP_NOT_FOUND)
        if not await self.tips.posted_in_week(chapter.id, week):
            return refused(Reason.TIP_NOT_FOUND)
        now = self.clock.now()
        today = now.astimezone(ZoneInfo(chapter.timezone)).date()
        added = await self.recognition.add_credit(
            chapter.id, member_id, CreditKind.TIP, today, now, tip_week=week
        )
        return Done(None) if added else refused(Reason.TIP_CREDIT_ALREADY)
