"""Closed business: the receiver records the value; the chapter thanks the giver at once."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.business.amounts import parse_amount_and_note
from bot.chapters.values import currency as chapter_currency
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.core.outbox import Outbox, Owed
from bot.core.result import Done, Reason, Refusal, Refused, Result, refused
from bot.followup.steps import receivers_referral
from bot.i18n import in_chapter, to_member
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
    outbox: Outbox
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
            owed = await self._announce(closed, chapter, corrected, note)
        await self.outbox.deliver(owed)
        return Done(Closed(closed, corrected, note))

    async def _announce(
        self, referral: Referral, chapter: Chapter, corrected: bool, note: str | None
    ) -> list[Owed]:
        """The group's thank-you (once, not for a correction) and the giver's note, owed in the
        closing's own transaction. A thank-you for a group the bot is out of waits for it."""
        giver = await self.members.get(referral.giver_id)
        receiver = await self.members.get(referral.receiver_id or 0)
        assert giver is not None and receiver is not None
        owed = []
        if not corrected:
            with in_chapter(chapter):
                text = texts.thank_you_in_group(referral, giver, receiver, chapter.amounts_hidden)
            owed.append(
                await self.outbox.owe_group(
                    chapter.id, text, kind="thank_you", referral_id=referral.id
                )
            )
        with to_member(giver, chapter):
            told = texts.giver_closed(referral, receiver, corrected, note)
        owed.append(
            await self.outbox.owe_member(
                giver.user_id, told, kind="giver_closed", referral_id=referral.id
            )
        )
        return owed
