"""The sweep that sends due reminders: nudges to receivers, escalations to givers.

The database decides what is due; this only delivers. A reminder is marked done after its
message went out, so a crash in between repeats at most that one message. Transient Telegram
failures leave it due for the next sweep; a 403 takes the group fallback once: a mention in
the group, owed in the outbox as the nudge is marked done, which waits out quiet hours and, while
the bot is out of the group, for it to be added back (then it goes out once).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.chapters.languages import speaking_to
from bot.core.callback_data import slip_start
from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Messenger, NotSent
from bot.core.outbox import Outbox
from bot.core.sweeps import Handled, sweep_due
from bot.i18n import in_chapter, to_member
from bot.referrals.status import INITIAL
from bot.texts import followup as texts
from storage.chapters import ChapterRepository
from storage.db import UnitOfWork
from storage.members import MemberRepository
from storage.outbox import Priority
from storage.records import Chapter
from storage.reminders import DueReminder, ReminderRepository

log = logging.getLogger(__name__)

BATCH = 200
MAX_ATTEMPTS = 6  # a reminder Telegram keeps refusing: retried after 2, 4, 8, 16, 32 minutes
FIRST_RETRY = timedelta(minutes=2)
GAVE_UP = "gave_up"


@dataclass
class SweepReport:
    sent: int = 0
    group_fallbacks: int = 0
    postponed: int = 0
    failed: int = 0
    finished_other: int = 0


@dataclass(eq=False)
class ReminderSweep:
    reminders: ReminderRepository
    members: MemberRepository
    chapters: ChapterRepository
    messenger: Messenger
    settings: Settings
    clock: Clock
    outbox: Outbox
    transaction: UnitOfWork

    async def run(self) -> SweepReport:
        """Deliver everything due now. Stops early when Telegram asks to slow down."""
        report, now = SweepReport(), self.clock.now()

        async def handle(item: DueReminder) -> Handled:
            try:
                await self._deliver(item, report)
            except NotSent as exc:
                report.failed += 1
                if exc.slow_down:
                    log.warning(
                        "Telegram says slow down (%s); the rest waits for the next sweep", exc
                    )
                    return Handled.SLOW_DOWN
                await self._failed(item, exc, now)
                return Handled.FAILED
            return Handled.DONE

        await sweep_due(
            lambda limit: self.reminders.due(now, limit),
            handle,
            batch=BATCH,
            claim=lambda item: self.reminders.claim(item.id, now),  # never sent twice
        )
        return report

    async def _failed(self, item: DueReminder, error: NotSent, now: datetime) -> None:
        """Telegram refused: while it is unreachable, try again next sweep; any other refusal
        is retried later and later, then given up (logged once, counted in /settings)."""
        if error.unreachable:  # no attempt counted: the message itself may be fine
            log.warning(
                "Reminder %s for #%s: Telegram unreachable (%s)", item.id, item.referral.id, error
            )
            await self.reminders.postpone(item.id, item.due_at)
            return
        if item.attempts + 1 >= MAX_ATTEMPTS:
            log.error(
                "Reminder %s for #%s given up after %s failures: %s",
                item.id,
                item.referral.id,
                item.attempts + 1,
                error,
            )
            await self.reminders.finish(item.id, GAVE_UP, now)
            return
        retry_at = now + FIRST_RETRY * 2**item.attempts
        log.warning(
            "Reminder %s for #%s failed, retrying at %s: %s",
            item.id,
            item.referral.id,
            retry_at,
            error,
        )
        await self.reminders.postpone(item.id, retry_at, failed=True)

    async def given_up(self, chapter_id: int) -> int:
        """How many of the chapter's reminders could not be delivered (for its admins)."""
        return await self.reminders.count_outcome(chapter_id, GAVE_UP)

    async def _deliver(self, item: DueReminder, report: SweepReport) -> None:
        now = self.clock.now()
        chapter = await self.chapters.by_id(item.referral.chapter_id)
        assert chapter is not None
        if item.referral.status != INITIAL or (
            item.kind == "escalation" and self.settings.escalate_after is None
        ):
            await self.reminders.finish(item.id, "cancelled", now)
            report.finished_other += 1
            return
        quiet = self.settings.quiet_hours
        waits_until = quiet.waits_until(now, chapter.timezone) if quiet else None
        if waits_until is not None:
            await self.reminders.postpone(item.id, waits_until)
            report.postponed += 1
            return
        if item.kind == "nudge":
            await self._nudge(item, chapter, report)
        else:
            await self._escalate(item, report)

    async def _nudge(self, item: DueReminder, chapter: Chapter, report: SweepReport) -> None:
        referral, now = item.referral, self.clock.now()
        giver = await self.members.get(referral.giver_id)
        receiver = await self.members.get(referral.receiver_id) if referral.receiver_id else None
        assert giver is not None
        if receiver is not None and receiver.can_dm is not False:
            with to_member(receiver, chapter):  # the receiver's language, not the group's
                text = texts.nudge(referral, giver, now - referral.created_at, item.snoozes)
                buttons = texts.nudge_buttons(referral.id)
            if await self.messenger.to_member(
                receiver.user_id,
                text,
                buttons,
                known_can_dm=receiver.can_dm,
            ):
                await self.reminders.finish(item.id, "sent", now)
                report.sent += 1
                return
        deep_link = self.messenger.deep_link(slip_start(referral.id))
        with in_chapter(chapter):
            text = texts.nudge_in_group(referral, receiver, giver, deep_link)
        async with self.transaction():  # the fallback is owed as the nudge is marked done
            owed = await self.outbox.owe_group(
                chapter.id,
                text,
                kind="nudge_fallback",
                referral_id=referral.id,
                priority=Priority.SCHEDULED,
                quiet=True,  # waits out quiet hours, and for the bot to be back in the group
            )
            await self.reminders.finish(item.id, "group_fallback", now)
        report.group_fallbacks += 1
        await self.outbox.deliver([owed])

    async def _escalate(self, item: DueReminder, report: SweepReport) -> None:
        referral, now = item.referral, self.clock.now()
        receiver = await self.members.get(referral.receiver_id) if referral.receiver_id else None
        giver = await self.members.get(referral.giver_id)
        delivered = False
        if giver is not None and giver.can_dm is not False:
            with await speaking_to(self.members, giver.user_id, referral.chapter_id):
                text = texts.escalation(referral, receiver, now - referral.created_at)
            delivered = await self.messenger.to_member(
                giver.user_id, text, known_can_dm=giver.can_dm
            )
        await self.reminders.finish(item.id, "sent" if delivered else "undeliverable", now)
        report.sent += int(delivered)
