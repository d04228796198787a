"""The follow-up lifecycle: open -> contacted -> meeting (optional) -> closed or not_a_fit.

Only the receiver moves a referral; every move is kept as history; the giver hears about it.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from telegram.error import TelegramError

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.texts import followup as texts
from storage.members import MemberRepository
from storage.records import Referral
from storage.referrals import ReferralRepository
from storage.reminders import ReminderRepository

log = logging.getLogger(__name__)


class Step(enum.Enum):
    CONTACTED = "contacted"
    MEETING = "meeting"
    NOT_A_FIT = "not_a_fit"


ALLOWED_FROM: dict[Step, tuple[str, ...]] = {
    Step.CONTACTED: ("open",),
    Step.MEETING: ("open", "contacted"),
    Step.NOT_A_FIT: ("open", "contacted", "meeting"),
}


class Outcome(enum.Enum):
    DONE = "done"
    NOT_FOUND = "not_found"
    NOT_RECEIVER = "not_receiver"
    ALREADY_PAST = "already_past"
    SNOOZE_LIMIT = "snooze_limit"
    NOT_DUE_YET = "not_due_yet"  # a snooze before the window ends (only a nudge offers it)


@dataclass(frozen=True, slots=True)
class FollowUpResult:
    outcome: Outcome
    referral_id: int
    referral: Referral | None = None
    snoozes_left: int = 0


async def receivers_referral(
    referrals: ReferralRepository, referral_id: int, actor_id: int, chapter_id: int | None
) -> Referral | Outcome:
    """The rule for changing a referral: it exists (in this chapter, when asked in a group)
    and the one asking is its receiver. Otherwise NOT_FOUND or NOT_RECEIVER."""
    referral = await referrals.get(referral_id)
    if referral is None or (chapter_id is not None and referral.chapter_id != chapter_id):
        return Outcome.NOT_FOUND
    if referral.receiver_id != actor_id:
        return Outcome.NOT_RECEIVER
    return referral


@dataclass(eq=False)
class FollowUpService:
    referrals: ReferralRepository
    reminders: ReminderRepository
    members: MemberRepository
    messenger: Messenger
    settings: Settings
    clock: Clock

    async def log_step(
        self,
        referral_id: int,
        actor_id: int,
        step: Step,
        note: str | None = None,
        chapter_id: int | None = None,
    ) -> FollowUpResult:
        """Move the receiver's referral one step on; in a group, only that chapter's referrals."""
        found = await receivers_referral(self.referrals, referral_id, actor_id, chapter_id)
        if isinstance(found, Outcome):
            return FollowUpResult(found, referral_id)
        now = self.clock.now()
        async with self.referrals.db.transaction():
            moved = await self.referrals.move(
                referral_id, ALLOWED_FROM[step], step.value, actor_id, now, note
            )
            if moved:
                await self.reminders.cancel_for(referral_id, now)
        if not moved:
            return FollowUpResult(Outcome.ALREADY_PAST, referral_id, found)
        await self._tell_giver(found, step, note)
        return FollowUpResult(Outcome.DONE, referral_id, await self.referrals.get(referral_id))

    async def snooze(self, referral_id: int, actor_id: int) -> FollowUpResult:
        """ "Remind me tomorrow": one more nudge a day later, a limited number of times."""
        found = await receivers_referral(self.referrals, referral_id, actor_id, None)
        if isinstance(found, Outcome):
            return FollowUpResult(found, referral_id)
        if found.status != "open":
            return FollowUpResult(Outcome.ALREADY_PAST, referral_id, found)
        if self.clock.now() < found.follow_up_due_at:  # no nudge yet: the button was forged
            return FollowUpResult(Outcome.NOT_DUE_YET, referral_id, found)
        used = await self.reminders.snooze(
            referral_id, self.clock.now() + self.settings.snooze, self.settings.max_snoozes
        )
        if used is None:
            return FollowUpResult(Outcome.SNOOZE_LIMIT, referral_id, found)
        return FollowUpResult(
            Outcome.DONE, referral_id, found, snoozes_left=self.settings.max_snoozes - used
        )

    async def _tell_giver(self, referral: Referral, step: Step, note: str | None) -> None:
        receiver = await self.members.get(referral.receiver_id or 0)
        assert receiver is not None
        elapsed = self.clock.now() - referral.created_at
        text = texts.giver_update(referral, receiver, step.value, elapsed, note)
        try:
            await self.messenger.send_private(referral.giver_id, text)
        except TelegramError as exc:
            log.warning(
                "Could not tell giver %s about #%s: %s", referral.giver_id, referral.id, exc
            )
