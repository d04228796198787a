"""The outbox: messages that must follow a stored fact, written with the fact, sent from the row.

A service writes its messages with `owe_member` / `owe_group` inside the transaction that stores
the fact, then calls `deliver` right after the commit: the row is claimed and sent at once, in
this process. Anything left (Telegram was down, the process died, the group was out of reach)
is sent by `sweep`, which a job runs every sweep interval and once at start.

Each destination chat is a lane, sent one row at a time in order (the group's answer to a
command first, then private notes, then scheduled posts), so at most one message per lane is
in flight: a crash repeats at most that one. Lanes run side by side, so one busy group never
holds up another chat. Rows are claimed before sending (see storage/outbox.py), so a second
process or a restart never sends a row twice.

Failures, the Messenger's one policy, and then for the row:
- the member can't be written to (403, chat not found): the row is done; its group fallback,
  if it has one, is owed to the chapter instead;
- the group is out of reach (bot removed): the chapter is marked inactive and its posts wait
  until the bot is added back;
- network, 5xx, 429, shutting down: the row stays owed and is retried later, with backoff;
- Telegram refuses the message itself (another 400): given up, logged once, kept for a look.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.messenger import Buttons, Messenger, NotSent, buttons_from_json, buttons_to_json
from storage.chapters import ChapterRepository
from storage.db import Database, DatabaseError
from storage.outbox import Lane, NewMessage, OutboxMessage, OutboxRepository, Priority

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=15)  # a claim lives this long unless its process renews it
RENEW_EVERY = LEASE / 3
FIRST_RETRY = timedelta(seconds=10)
LAST_RETRY = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Owed:
    id: int
    lane: Lane
    message: OutboxMessage | None = None  # as written, claimed by this process: no claim to make


def _claimer() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def retry_delay(attempts: int) -> timedelta:
    return min(FIRST_RETRY * 2 ** min(attempts, 10), LAST_RETRY)


@dataclass(eq=False)
class Outbox:
    repo: OutboxRepository
    messenger: Messenger
    chapters: ChapterRepository
    settings: Settings
    clock: Clock
    claimer: str = field(default_factory=_claimer)
    closing: bool = False
    _locks: dict[Lane, asyncio.Lock] = field(default_factory=dict)
    _drains: dict[Lane, asyncio.Task] = field(default_factory=dict)

    @property
    def db(self) -> Database:
        return self.repo.db

    # -- writing (inside the caller's transaction) ---------------------------------------------
    async def owe_member(
        self,
        user_id: int,
        text: str,
        *,
        kind: str,
        referral_id: int | None = None,
        buttons: Buttons | None = None,
        fallback: tuple[int, str] | None = None,
        priority: Priority = Priority.NOTE,
        copy_of: tuple[int, int] | None = None,
    ) -> Owed:
        """A private message; `fallback` (chapter id, text) is posted in the group instead
        if the member can't be written to. With `copy_of` (chat id, message id) it is a copy
        of that message, `text` its caption."""
        message = NewMessage(
            kind=kind,
            text=text,
            priority=priority,
            user_id=user_id,
            chapter_id=fallback[0] if fallback else None,
            referral_id=referral_id,
            buttons=buttons_to_json(buttons),
            fallback=fallback[1] if fallback else None,
            copy_chat_id=copy_of[0] if copy_of else None,
            copy_message_id=copy_of[1] if copy_of else None,
        )
        return await self._owe(message, Lane(user_id=user_id))

    async def owe_group(
        self,
        chapter_id: int,
        text: str,
        *,
        kind: str,
        referral_id: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        priority: Priority = Priority.ANSWER,
        quiet: bool = False,
    ) -> Owed:
        """A post in the chapter's group; `quiet` ones wait out the chapter's quiet hours."""
        message = NewMessage(
            kind=kind,
            text=text,
            priority=priority,
            chapter_id=chapter_id,
            referral_id=referral_id,
            reply_to=reply_to,
            thread_id=thread_id,
            quiet=quiet,
        )
        return await self._owe(message, Lane(chapter_id=chapter_id))

    async def _owe(self, message: NewMessage, lane: Lane) -> Owed:
        """Written claimed by this process, which sends it right after the commit (`deliver`);
        if it never does, its own sweep finds it, and another process once the lease is up."""
        now, until = self._lease()
        message_id = await self.repo.add(message, now, self.claimer, until)
        return Owed(message_id, lane, message.as_owed(message_id, now))

    # -- delivering ----------------------------------------------------------------------------
    async def deliver(self, owed: list[Owed]) -> None:
        """Right after the commit: send these rows now, in order. A lane that is busy (a backlog
        waiting on Telegram's limits) takes them in turn instead, so the caller never waits
        behind it. The rows were written claimed by this process (`_owe`), and are settled
        together after the last is sent: one commit, however many messages (each commit waits
        on the disk). Each lane stays held until its row is settled, so a crash still repeats
        at most one message per lane."""
        held: dict[Lane, asyncio.Lock] = {}
        ids: list[int] = []
        lanes = {item.id: item.lane for item in owed}
        for item in owed:
            if item.lane in held:  # a second message to the same chat: sent here, in turn
                ids.append(item.id)
                continue
            lock = self._locks.setdefault(item.lane, asyncio.Lock())
            running = self._drains.get(item.lane)
            if lock.locked() or (running is not None and not running.done()):
                self._start_drain(item.lane)
                continue
            await lock.acquire()  # free: taken at once
            held[item.lane] = lock
            ids.append(item.id)
        written = {item.id: item.message for item in owed if item.message is not None}
        done: list[int] = []
        finished: list[Lane] = []
        try:
            if self.closing or not ids:
                return
            claimed: list[OutboxMessage | None] = [written.get(id) for id in ids]
            if None in claimed:  # rows written unclaimed: claimed here, in one commit
                async with self.db.transaction():
                    for index, message_id in enumerate(ids):
                        if claimed[index] is None:
                            claimed[index] = await self.repo.claim(
                                message_id, self.claimer, *self._lease()
                            )
            last = {lanes[message_id]: message_id for message_id in ids}
            unsettled: set[Lane] = set()  # lanes with a message sent and not yet settled
            for message_id, message in zip(ids, claimed, strict=True):
                lane = lanes[message_id]
                if self.closing:
                    break
                if lane in unsettled:  # its message before this one is settled first
                    await self._settle(done, held, [])
                    unsettled.clear()
                if message is not None:
                    sent = len(done)
                    await self._send(message, done)
                    if len(done) > sent:
                        unsettled.add(lane)
                if last[lane] == message_id:
                    finished.append(lane)
                if any(lane in self._drains for lane in finished):  # a fallback owed to one
                    await self._settle(done, held, finished)
                    unsettled.clear()
        finally:
            await self._settle(done, held, list(held))

    async def _settle(
        self, done: list[int], held: dict[Lane, asyncio.Lock], lanes: list[Lane]
    ) -> None:
        """The rows sent are delivered (one commit); these lanes are free again."""
        try:
            if done:
                async with self.db.transaction():
                    for message_id in done:
                        await self.repo.delivered(message_id, self.claimer)
                done.clear()
        finally:
            for lane in lanes:
                lock = held.pop(lane, None)
                if lock is not None:
                    lock.release()
            lanes.clear()

    async def sweep(self) -> None:
        """Send everything owed and due, each lane in order, the lanes side by side."""
        if self.closing:
            return
        for lane in await self.repo.lanes_due(self.clock.now(), claimer=self.claimer):
            self._start_drain(lane)
        drains = list(self._drains.values())
        if drains:
            await asyncio.gather(*drains, return_exceptions=True)

    def wake(self, lane: Lane) -> None:
        """Send what the lane still owes, in the background (say, after a redelivered command)."""
        self._start_drain(lane)

    async def renew(self) -> None:
        """Keep this process's claims alive while it is sending (a job runs it)."""
        await self.repo.renew(self.claimer, self.clock.now() + LEASE)

    async def close(self) -> None:
        """Stop sending; what is still owed waits in the outbox for the next start."""
        self.closing = True
        for task in list(self._drains.values()):
            task.cancel()
        await asyncio.gather(*self._drains.values(), return_exceptions=True)
        try:
            await self.repo.release_all(self.claimer)
        except (ValueError, sqlite3.Error, DatabaseError) as exc:  # the database is gone:
            # the leases lapse
            log.warning("Outbox claims left to lapse: %s", exc)

    def _lease(self) -> tuple[datetime, datetime]:
        now = self.clock.now()
        return now, now + LEASE

    def _start_drain(self, lane: Lane) -> None:
        running = self._drains.get(lane)
        if self.closing or (running is not None and not running.done()):
            return
        task = asyncio.get_running_loop().create_task(self._drain(lane))
        self._drains[lane] = task

        def forget(done: asyncio.Task) -> None:
            if self._drains.get(lane) is done:
                del self._drains[lane]

        task.add_done_callback(forget)

    async def _drain(self, lane: Lane) -> None:
        lock = self._locks.setdefault(lane, asyncio.Lock())
        while not self.closing:
            async with lock:
                message = await self.repo.claim_next(lane, self.claimer, *self._lease())
                if message is None or not await self._send(message):
                    return

    async def _send(self, message: OutboxMessage, done: list[int] | None = None) -> bool:
        """Send one claimed row and settle it (a sent one is only added to `done`, if given,
        for the caller to settle). False when the lane should stop for now."""
        try:
            if message.user_id is not None:
                return await self._send_private(message, done)
            return await self._send_to_group(message, done)
        except NotSent as exc:
            if exc.stopping:
                await self.repo.release(message.id, self.claimer, message.due_at)
                return False
            if exc.fault:  # the message itself is at fault: never retried
                log.warning("Outbox %s (%s) refused, given up: %s", message.id, message.kind, exc)
                await self.repo.give_up(message.id, self.claimer, str(exc), self.clock.now())
                return True
            retry_at = self.clock.now() + retry_delay(message.attempts)
            log.warning("Outbox %s (%s) not sent, will retry: %s", message.id, message.kind, exc)
            await self.repo.release(message.id, self.claimer, retry_at, failed=True)
            return False

    def _markup(self, message: OutboxMessage) -> Buttons | None:
        return buttons_from_json(message.buttons)

    async def _send_private(self, message: OutboxMessage, done: list[int] | None) -> bool:
        assert message.user_id is not None
        if message.copy_chat_id is not None and message.copy_message_id is not None:
            sent = await self.messenger.copy_to_member(
                message.user_id, message.copy_chat_id, message.copy_message_id, message.text
            )
        else:
            sent = await self.messenger.to_member(
                message.user_id,
                message.text,
                self._markup(message),
                interactive=message.priority < Priority.SCHEDULED,
            )
        owes_fallback = not sent and message.fallback and message.chapter_id is not None
        if done is not None and not owes_fallback:
            done.append(message.id)
            return True
        async with self.db.transaction():
            if owes_fallback:
                assert message.fallback is not None and message.chapter_id is not None
                await self.owe_group(
                    message.chapter_id,
                    message.fallback,
                    kind=f"{message.kind}_fallback",
                    referral_id=message.referral_id,
                    priority=Priority(message.priority),
                )
            await self.repo.delivered(message.id, self.claimer)
        if owes_fallback and message.chapter_id is not None:
            self._start_drain(Lane(chapter_id=message.chapter_id))
        return True

    async def _send_to_group(self, message: OutboxMessage, done: list[int] | None) -> bool:
        assert message.chapter_id is not None
        chapter = await self.chapters.by_id(message.chapter_id)
        if chapter is None or not chapter.active:
            await self.repo.release(message.id, self.claimer, message.due_at)
            return False
        quiet = self.settings.quiet_hours
        waits_until = quiet.waits_until(self.clock.now(), chapter.timezone) if quiet else None
        if message.quiet and waits_until is not None:
            await self.repo.release(message.id, self.claimer, waits_until)
            return True
        sent = await self.messenger.to_chapter(
            chapter,
            message.text,
            topic=message.thread_id,
            buttons=self._markup(message),
            reply_to=message.reply_to,
            interactive=message.priority < Priority.SCHEDULED,  # a member waits for it
        )
        if not sent:  # the bot is out of the group (now marked inactive): the post waits
            await self.repo.release(message.id, self.claimer, message.due_at)
            return False
        if done is not None:
            done.append(message.id)
        else:
            await self.repo.delivered(message.id, self.claimer)
        return True
