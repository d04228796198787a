"""The receiver's steps on a referral: contacted, meeting set, not a fit, and "remind me tomorrow".

Who may move a referral where is `bot/referrals/status.py`; every move is kept as history, and
the giver hears about it privately.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.chapters.languages import speaking_to
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger
from bot.core.outbox import Outbox, Owed
from bot.core.result import Done, Reason, Refused, Result, refused
from bot.referrals.status import INITIAL, ReferralStatus, allowed_from
from bot.texts import followup as texts
from storage.db import UnitOfWork
from storage.members import MemberRepository
from storage.records import Member, Referral
from storage.referrals import ReferralRepository
from storage.reminders import ReminderRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StepLogged:
    referral: Referral  # as it is now
    giver: Member


async def receivers_referral(
    referrals: ReferralRepository, referral_id: int, actor_id: int, chapter_id: int | None
) -> Referral | Refused:
    """The rule for changing a referral: it exists (in this chapter, when asked in a group)
    and the one asking is its receiver."""
    referral = await referrals.get(referral_id)
    if referral is None or (chapter_id is not None and referral.chapter_id != chapter_id):
        return refused(Reason.NOT_FOUND, referral_id=referral_id)
    if referral.receiver_id != actor_id:
        return refused(Reason.NOT_RECEIVER, referral_id=referral_id)
    return referral


def already_past(referral: Referral) -> Refused:
    return refused(Reason.ALREADY_PAST, referral_id=referral.id, status=referral.status)


@dataclass(eq=False)
class FollowUpService:
    transaction: UnitOfWork
    referrals: ReferralRepository
    reminders: ReminderRepository
    members: MemberRepository
    messenger: Messenger
    outbox: Outbox
    settings: Settings
    clock: Clock

    async def log_step(
        self,
        referral_id: int,
        actor_id: int,
        step: ReferralStatus,
        note: str | None = None,
        chapter_id: int | None = None,
    ) -> Result[StepLogged]:
        """Move the receiver's referral one step on; in a group, only that chapter's referrals."""
        found = await receivers_referral(self.referrals, referral_id, actor_id, chapter_id)
        if isinstance(found, Refused):
            return found
        now = self.clock.now()
        async with self.transaction():
            moved = await self.referrals.move(
                referral_id, allowed_from(step), step, actor_id, now, note
            )
            if moved:
                await self.reminders.cancel_for(referral_id, now)
                owed = await self._tell_giver(found, step, note)
        if not moved:
            return already_past(found)
        await self.outbox.deliver([owed])
        giver = await self.members.get(found.giver_id)
        updated = await self.referrals.get(referral_id)
        assert giver is not None and updated is not None
        return Done(StepLogged(updated, giver))

    async def snooze(self, referral_id: int, actor_id: int) -> Result[int]:
        """ "Remind me tomorrow": one more nudge a day later, a limited number of times.
        Done with how many times the receiver may still postpone."""
        found = await receivers_referral(self.referrals, referral_id, actor_id, None)
        if isinstance(found, Refused):
            return found
        if found.status != INITIAL:
            return already_past(found)
        if self.clock.now() < found.follow_up_due_at:  # no nudge yet: the button was forged
            return refused(Reason.NOT_DUE_YET, referral_id=referral_id)
        used = await self.reminders.snooze(
            referral_id, self.clock.now() + self.settings.snooze, self.settings.max_snoozes
        )
        if used is None:
            return refused(Reason.SNOOZE_LIMIT, referral_id=referral_id)
        return Done(self.settings.max_snoozes - used)

    async def _tell_giver(self, referral: Referral, step: ReferralStatus, note: str | None) -> Owed:
        """The giver's note about the step, owed in the step's own transaction."""
        receiver = await self.members.get(referral.receiver_id or 0)
        assert receiver is not None
        elapsed = self.clock.now() - referral.created_at
        with await speaking_to(self.members, referral.giver_id, referral.chapter_id):
            text = texts.giver_update(referral, receiver, step, elapsed, note)
        return await self.outbox.owe_member(
            referral.giver_id, text, kind="giver_update", referral_id=referral.id
        )
