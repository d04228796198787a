"""Testimonials (a member speaks for another's work) and education credits (tips read, /ceu)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from storage.members import MemberRepository
from storage.recognition import CreditKind, RecognitionRepository, Testimonial
from storage.records import Chapter, Member
from storage.tips import TipRepository

MAX_TESTIMONIAL = 1000
MAX_CEU_NOTE = 300


class RecognitionRefusal(enum.Enum):
    NO_SUBJECT = "no_subject"
    SELF = "self"
    BOT = "bot"
    NOT_IN_CHAPTER = "not_in_chapter"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    CEU_TODAY_ALREADY = "ceu_today_already"


class RecognitionRefused(Exception):
    def __init__(self, reason: RecognitionRefusal, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail


class TipCredit(enum.Enum):
    EARNED = "earned"
    ALREADY = "already"
    NO_SUCH_TIP = "no_such_tip"


@dataclass(eq=False)
class RecognitionService:
    recognition: RecognitionRepository
    members: MemberRepository
    tips: TipRepository
    clock: Clock
    bot_username: str

    async def _subject(self, chapter: Chapter, writer: Member, named: Member | None, username):
        if named is None and username:
            if username.lower() == self.bot_username.lower():
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

    async def tip_read(self, chapter: Chapter, member_id: int, week: str) -> TipCredit:
        """The member tapped "I read it" under that week's tip: one credit, once."""
        if not await self.tips.posted_in_week(chapter.id, week):
            return TipCredit.NO_SUCH_TIP
        now = self.clock.now()
        today = now.astimezone(ZoneInfo(chapter.timezone)).date()
        added = await self.recognition.add_credit(
            chapter.id, member_id, CreditKind.TIP, today, now, tip_week=week
        )
        return TipCredit.EARNED if added else TipCredit.ALREADY
