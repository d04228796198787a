"""Closed business: the receiver records the value; the chapter thanks the giver at once."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.business.amounts import parse_amount_and_note
from bot.chapters.values import currency as chapter_currency
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger, NotSent
from bot.core.result import Done, Reason, Refusal, Refused, Result, refused
from bot.followup.steps import receivers_referral
from bot.referrals.status import ReferralStatus, allowed_from, may_move
from bot.texts import closing as texts
from storage.chapters import ChapterRepository
from storage.db import UnitOfWork
from storage.members import MemberRepository
from storage.records import Chapter, Referral
from storage.referrals import ReferralRepository
from storage.reminders import ReminderRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Closed:
    referral: Referral  # as stored now, with its amount
    corrected: bool  # it was closed before: only the value changed
    note: str | None = None  # what the receiver wrote after the amount


@dataclass(eq=False)
class ClosingService:
    transaction: UnitOfWork
    referrals: ReferralRepository
    reminders: ReminderRepository
    members: MemberRepository
    chapters: ChapterRepository
    messenger: Messenger
    settings: Settings
    clock: Clock

    async def close(
        self,
        referral_id: int,
        actor_id: int,
        amount_and_note: str,
        chapter_id: int | None = None,
    ) -> Result[Closed]:
        """Close (or correct) the receiver's referral at a value; thank the giver."""
        referral = await receivers_referral(self.referrals, referral_id, actor_id, chapter_id)
        if isinstance(referral, Refused):
            if referral.reason is Reason.NOT_RECEIVER:  # say what only the receiver may do here
                return refused(Reason.NOT_RECEIVER, referral_id=referral_id, closing=True)
            return referral
        if not may_move(referral.status, ReferralStatus.CLOSED):
            return refused(Reason.CANNOT_CLOSE, referral_id=referral_id)
        chapter = await self.chapters.by_id(referral.chapter_id)
        assert chapter is not None
        currency = chapter_currency(chapter, self.settings)
        try:
            amount, note = parse_amount_and_note(amount_and_note, currency)
        except Refusal as refusal:
            return refused(Reason.BAD_AMOUNT, problem=refusal.refused, referral_id=referral_id)
        if amount.currency and amount.currency != currency:
            return refused(Reason.WRONG_CURRENCY, written=amount.currency, currency=currency)
        now = self.clock.now()
        async with self.transaction():
            before = await self.referrals.close(
                referral_id,
                allowed_from(ReferralStatus.CLOSED),
                ReferralStatus.CLOSED,
                amount.cents,
                currency,
                actor_id,
                now,
                note,
            )
            await self.reminders.cancel_for(referral_id, now)
        closed = await self.referrals.get(referral_id)
        assert closed is not None and before is not None
        corrected = before == ReferralStatus.CLOSED
        await self._announce(closed, chapter, corrected, note)
        return Done(Closed(closed, corrected, note))

    async def _announce(
        self, referral: Referral, chapter: Chapter, corrected: bool, note: str | None
    ) -> None:
        giver = await self.members.get(referral.giver_id)
        receiver = await self.members.get(referral.receiver_id or 0)
        assert giver is not None and receiver is not None
        try:
            if not corrected and chapter.active:
                text = texts.thank_you_in_group(referral, giver, receiver, chapter.amounts_hidden)
                await self.messenger.to_chapter(chapter, text)
            await self.messenger.to_member(
                giver.user_id, texts.giver_closed(referral, receiver, corrected, note)
            )
        except NotSent as exc:  # the value is stored; the thanks can be repeated by hand
            log.warning("Thank-you for #%s not fully delivered: %s", referral.id, exc)
