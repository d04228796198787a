"""Closed business: the receiver records the value; the chapter thanks the giver at once."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from bot.business.amounts import AmountError, parse_amount_and_note
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.core.outbox import Outbox, Owed
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
    outbox: Outbox
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
            owed = await self._announce(closed, chapter, corrected)
        await self.outbox.deliver(owed)
        outcome = CloseOutcome.CORRECTED if corrected else CloseOutcome.CLOSED
        return CloseResult(outcome, referral_id, closed)

    async def _announce(self, referral: Referral, chapter: Chapter, corrected: bool) -> list[Owed]:
        """The group's thank-you (once, not for a correction) and the giver's note, owed in the
        closing's own transaction. A thank-you for a group the bot is out of waits for it."""
        giver = await self.members.get(referral.giver_id)
        receiver = await self.members.get(referral.receiver_id or 0)
        assert giver is not None and receiver is not None
        owed = []
        if not corrected:
            text = texts.thank_you_in_group(referral, giver, receiver, chapter.amounts_hidden)
            owed.append(
                await self.outbox.owe_group(
                    chapter.id, text, kind="thank_you", referral_id=referral.id
                )
            )
        note = texts.giver_closed(referral, receiver, corrected)
        owed.append(
            await self.outbox.owe_member(
                giver.user_id, note, kind="giver_closed", referral_id=referral.id
            )
        )
        return owed
