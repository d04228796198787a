"""The follow-up lifecycle: open -> contacted -> meeting (optional) -> closed or not_a_fit.

Only the receiver moves a referral; every move is kept as history; the giver hears about it.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from telegram.error import TelegramError

from bot.clock import Clock
from bot.messenger import Messenger
from bot.settings import Settings
from bot.texts import followups as texts
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


@dataclass(frozen=True, slots=True)
class FollowUpResult:
    outcome: Outcome
    referral_id: int
    referral: Referral | None = None
    snoozes_left: int = 0


class FollowUpService:
    def __init__(
        self,
        referrals: ReferralRepository,
        reminders: ReminderRepository,
        members: MemberRepository,
        messenger: Messenger,
        settings: Settings,
        clock: Clock,
    ) -> None:
        self.referrals = referrals
        self.reminders = reminders
        self.members = members
        self.messenger = messenger
        self.settings = settings
        self.clock = clock

    async def _receivers_referral(
        self, referral_id: int, actor_id: int, chapter_id: int | None
    ) -> FollowUpResult | Referral:
        referral = await self.referrals.get(referral_id)
        if referral is None or (chapter_id is not None and referral.chapter_id != chapter_id):
            return FollowUpResult(Outcome.NOT_FOUND, referral_id)
        if referral.receiver_id != actor_id:
            return FollowUpResult(Outcome.NOT_RECEIVER, referral_id, referral)
        return referral

    async def log_step(
        self,
        referral_id: int,
        actor_id: int,
        step: Step,
        note: str | None = None,
        chapter_id: int | None = None,
    ) -> FollowUpResult:
        """Move the receiver's referral one step on; in a group, only that chapter's referrals."""
        found = await self._receivers_referral(referral_id, actor_id, chapter_id)
        if isinstance(found, FollowUpResult):
            return found
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
        found = await self._receivers_referral(referral_id, actor_id, None)
        if isinstance(found, FollowUpResult):
            return found
        if found.status != "open":
            return FollowUpResult(Outcome.ALREADY_PAST, referral_id, found)
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
