"""Closed business: the receiver records the value; the chapter thanks the giver at once."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from telegram.error import TelegramError

from bot.business.amounts import AmountError, parse_amount_and_note
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.followup.steps import Outcome, receivers_referral
from bot.texts import closing as texts
from storage.chapters import ChapterRepository
from storage.members import MemberRepository
from storage.records import Chapter, Referral
from storage.referrals import ReferralRepository
from storage.reminders import ReminderRepository

log = logging.getLogger(__name__)


class CloseOutcome(enum.Enum):
    CLOSED = "closed"
    CORRECTED = "corrected"
    NOT_FOUND = "not_found"
    NOT_RECEIVER = "not_receiver"
    NOT_A_FIT = "not_a_fit"
    BAD_AMOUNT = "bad_amount"
    WRONG_CURRENCY = "wrong_currency"


@dataclass(frozen=True, slots=True)
class CloseResult:
    outcome: CloseOutcome
    referral_id: int
    referral: Referral | None = None
    problem: str = ""  # BAD_AMOUNT: what was wrong; WRONG_CURRENCY: the currency written
    currency: str = ""  # the chapter's currency


def chapter_currency(chapter: Chapter, settings: Settings) -> str:
    return chapter.currency or settings.default_currency


@dataclass(eq=False)
class ClosingService:
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
    ) -> CloseResult:
        """Close (or correct) the receiver's referral at a value; thank the giver."""
        referral = await receivers_referral(self.referrals, referral_id, actor_id, chapter_id)
        if referral is Outcome.NOT_FOUND:
            return CloseResult(CloseOutcome.NOT_FOUND, referral_id)
        if referral is Outcome.NOT_RECEIVER:
            return CloseResult(CloseOutcome.NOT_RECEIVER, referral_id)
        assert not isinstance(referral, Outcome)
        if referral.status == "not_a_fit":
            return CloseResult(CloseOutcome.NOT_A_FIT, referral_id, referral)
        chapter = await self.chapters.by_id(referral.chapter_id)
        assert chapter is not None
        currency = chapter_currency(chapter, self.settings)
        try:
            amount, note = parse_amount_and_note(amount_and_note)
        except AmountError as exc:
            return CloseResult(CloseOutcome.BAD_AMOUNT, referral_id, referral, str(exc))
        if amount.currency and amount.currency != currency:
            return CloseResult(
                CloseOutcome.WRONG_CURRENCY, referral_id, referral, amount.currency, currency
            )
        now = self.clock.now()
        async with self.referrals.db.transaction():
            before = await self.referrals.close(
                referral_id, amount.cents, currency, actor_id, now, note
            )
            await self.reminders.cancel_for(referral_id, now)
        closed = await self.referrals.get(referral_id)
        assert closed is not None and before is not None
        corrected = before == "closed"
        await self._announce(closed, chapter, corrected)
        outcome = CloseOutcome.CORRECTED if corrected else CloseOutcome.CLOSED
        return CloseResult(outcome, referral_id, closed)

    async def _announce(self, referral: Referral, chapter: Chapter, corrected: bool) -> None:
        giver = await self.members.get(referral.giver_id)
        receiver = await self.members.get(referral.receiver_id or 0)
        assert giver is not None and receiver is not None
        try:
            if not corrected and chapter.active:
                text = texts.thank_you_in_group(referral, giver, receiver, chapter.amounts_hidden)
                await self.messenger.bot.send_message(chapter.chat_id, text)
            await self.messenger.send_private(
                giver.user_id, texts.giver_closed(referral, receiver, corrected)
            )
        except TelegramError as exc:  # the value is stored; the thanks can be repeated by hand
            log.warning("Thank-you for #%s not fully delivered: %s", referral.id, exc)
