"""The one reminder to confirm a one-to-one, 72 hours after it was logged: a due row, swept."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.chapters.languages import speaking_to
from bot.core.clock import Clock
from bot.core.messenger import Messenger, NotSent
from bot.texts import one_to_ones as texts
from storage.members import MemberRepository
from storage.one_to_ones import OneToOneRepository

log = logging.getLogger(__name__)

BATCH = 200


@dataclass(eq=False)
class OneToOneReminders:
    one_to_ones: OneToOneRepository
    members: MemberRepository
    messenger: Messenger
    clock: Clock

    async def run(self) -> int:
        """Send every reminder that is due; each is marked done once it went out (or can't)."""
        sent = 0
        for due in await self.one_to_ones.reminders_due(self.clock.now(), BATCH):
            logger = await self.members.get(due.logged_by)
            partner = await self.members.get(due.partner_id)
            if logger is None or partner is None:
                await self.one_to_ones.reminder_done(due.id, self.clock.now())
                continue
            with await speaking_to(self.members, partner.user_id, due.chapter_id):
                text, buttons = texts.reminder(due, logger), texts.confirm_buttons(due.id)
            try:
                delivered = await self.messenger.to_member(
                    partner.user_id, text, buttons, known_can_dm=partner.can_dm
                )
            except NotSent as exc:  # transient: still due, the next sweep tries again
                log.warning("One-to-one reminder %s not sent, will retry: %s", due.id, exc)
                break
            await self.one_to_ones.reminder_done(due.id, self.clock.now())
            sent += int(delivered)
        return sent
