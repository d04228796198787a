"""SQL for the outbox: messages owed to members and groups, claimed one at a time to be sent.

A claim is a lease (`claimed_by`, `claimed_until`) that the sending process renews while it
lives: a row claimed by a process that died becomes free again when its lease runs out, so a
crash repeats at most the message that was in flight. On PostgreSQL the row to claim is picked
with `FOR UPDATE SKIP LOCKED`, so two processes claiming at once never take the same one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Row
from storage.timestamps import from_db, to_db


class Priority(enum.IntEnum):
    ANSWER = 0  # the group's answer to a command someone just sent
    NOTE = 1  # private notes that follow a fact: the slip, the giver's copy, updates
    SCHEDULED = 2  # posts a sweep produced: a nudge's group fallback


@dataclass(frozen=True, slots=True)
class Lane:
    """One destination, sent in order: a member's private chat, or a chapter's group."""

    user_id: int | None = None
    chapter_id: int | None = None


@dataclass(frozen=True, slots=True)
class NewMessage:
    kind: str
    text: str
    priority: Priority
    user_id: int | None = None
    chapter_id: int | None = None
    referral_id: int | None = None
    buttons: str | None = None
    reply_to: int | None = None
    thread_id: int | None = None
    fallback: str | None = None
    quiet: bool = False
    copy_chat_id: int | None = None
    copy_message_id: int | None = None

    def as_owed(self, message_id: int, now: datetime) -> OutboxMessage:
        """The row `add` wrote for it (at `now`), without reading it back."""
        return OutboxMessage(
            id=message_id,
            kind=self.kind,
            text=self.text,
            priority=int(self.priority),
            user_id=self.user_id,
            chapter_id=self.chapter_id,
            referral_id=self.referral_id,
            buttons=self.buttons,
            reply_to=self.reply_to,
            thread_id=self.thread_id,
            fallback=self.fallback,
            quiet=self.quiet,
            due_at=from_db(to_db(now)),
            attempts=0,
            copy_chat_id=self.copy_chat_id,
            copy_message_id=self.copy_message_id,
        )


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    id: int
    kind: str
    text: str
    priority: int
    user_id: int | None
    chapter_id: int | None
    referral_id: int | None
    buttons: str | None
    reply_to: int | None
    thread_id: int | None
    fallback: str | None
    quiet: bool
    due_at: datetime
    attempts: int
    copy_chat_id: int | None
    copy_message_id: int | None

    @property
    def lane(self) -> Lane:
        if self.user_id is not None:
            return Lane(user_id=self.user_id)
        return Lane(chapter_id=self.chapter_id)


_COLUMNS = (
    "id, kind, text, priority, user_id, chapter_id, referral_id, buttons, reply_to, thread_id,"
    " fallback, quiet, due_at, attempts, copy_chat_id, copy_message_id"
)
_FREE = "failed_at IS NULL AND due_at <= :now AND (claimed_until IS NULL OR claimed_until <= :now)"
# Free, or already this claimer's: written claimed by it (`add`), to be sent by it.
_FREE_OR_MINE = (
    "failed_at IS NULL AND due_at <= :now"
    " AND (claimed_until IS NULL OR claimed_until <= :now OR claimed_by = :claimer)"
)


def _message(row: Row) -> OutboxMessage:
    return OutboxMessage(
        **{key: row[key] for key in row.keys() if key not in ("quiet", "due_at")},  # noqa: SIM118
        quiet=bool(row["quiet"]),
        due_at=from_db(row["due_at"]),
    )


class OutboxRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        message: NewMessage,
        now: datetime,
        claimer: str | None = None,
        until: datetime | None = None,
    ) -> int:
        """Write a message owed; inside the caller's transaction, so it stands or falls with
        the fact it follows. With `claimer`, written already claimed by it until `until` (it
        sends it right after the commit: no claim of its own to wait on the disk)."""
        rows = await self.db.execute_returning(
            "INSERT INTO outbox (priority, kind, user_id, chapter_id, referral_id, text, buttons,"
            " reply_to, thread_id, fallback, quiet, copy_chat_id, copy_message_id, due_at,"
            " created_at, claimed_by, claimed_until)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                int(message.priority),
                message.kind,
                message.user_id,
                message.chapter_id,
                message.referral_id,
                message.text,
                message.buttons,
                message.reply_to,
                message.thread_id,
                message.fallback,
                int(message.quiet),
                message.copy_chat_id,
                message.copy_message_id,
                to_db(now),
                to_db(now),
                claimer,
                None if until is None else to_db(until),
            ),
        )
        return int(rows[0]["id"])

    async def claim(
        self, message_id: int, claimer: str, now: datetime, until: datetime
    ) -> OutboxMessage | None:
        """Claim this row if it is still owed and nobody holds it."""
        return await self._claim("id = :id", {"id": message_id}, claimer, now, until)

    async def claim_next(
        self, lane: Lane, claimer: str, now: datetime, until: datetime
    ) -> OutboxMessage | None:
        """Claim the lane's next free row (or one written claimed by this claimer): answers
        first, then notes, then scheduled posts. A chapter's group posts wait while the bot is
        out of the group."""
        skip_locked = self.db.dialect.skip_locked
        if lane.user_id is not None:
            where = (
                "id = (SELECT id FROM outbox WHERE user_id = :lane AND failed_at IS NULL"
                f" AND {_FREE_OR_MINE} ORDER BY priority, id LIMIT 1{skip_locked('outbox')})"
            )
            return await self._claim(
                where, {"lane": lane.user_id}, claimer, now, until, free=_FREE_OR_MINE
            )
        where = (
            "id = (SELECT o.id FROM outbox o JOIN chapters c ON c.id = o.chapter_id"
            " WHERE o.chapter_id = :lane AND o.user_id IS NULL AND c.active = 1"
            f" AND {_FREE_OR_MINE} ORDER BY o.priority, o.id LIMIT 1{skip_locked('o')})"
        )
        return await self._claim(
            where, {"lane": lane.chapter_id}, claimer, now, until, free=_FREE_OR_MINE
        )

    async def _claim(
        self,
        where: str,
        params: dict,
        claimer: str,
        now: datetime,
        until: datetime,
        free: str = _FREE,
    ) -> OutboxMessage | None:
        """One statement, atomic by itself (in the caller's transaction, if it has one)."""
        rows = await self.db.execute_returning(
            "UPDATE outbox SET claimed_by = :claimer, claimed_until = :until"
            f" WHERE {where} AND {free} RETURNING {_COLUMNS}",
            {**params, "claimer": claimer, "until": to_db(until), "now": to_db(now)},
        )
        return _message(rows[0]) if rows else None

    async def lanes_due(self, now: datetime, limit: int = 500, claimer: str = "") -> list[Lane]:
        """Destinations with a row due that is free (or this claimer's): private chats, and
        groups the bot is still in."""
        rows = await self.db.fetch_all(
            "SELECT DISTINCT o.user_id, CASE WHEN o.user_id IS NULL THEN o.chapter_id END"
            " AS chapter_id FROM outbox o LEFT JOIN chapters c ON c.id = o.chapter_id"
            f" WHERE {_FREE_OR_MINE}"
            " AND (o.user_id IS NOT NULL OR c.active = 1) LIMIT :limit",
            {"now": to_db(now), "limit": limit, "claimer": claimer},
        )
        return [Lane(row["user_id"], row["chapter_id"]) for row in rows]

    async def delivered(self, message_id: int, claimer: str) -> None:
        await self.db.execute(
            "DELETE FROM outbox WHERE id = ? AND claimed_by = ?", (message_id, claimer)
        )

    async def release(
        self, message_id: int, claimer: str, due_at: datetime, *, failed: bool = False
    ) -> None:
        """Give the row back, due again at `due_at` (a transient failure counts an attempt)."""
        await self.db.execute(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, due_at = ?,"
            " attempts = attempts + ? WHERE id = ? AND claimed_by = ?",
            (to_db(due_at), int(failed), message_id, claimer),
        )

    async def give_up(self, message_id: int, claimer: str, error: str, now: datetime) -> None:
        await self.db.execute(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL, failed_at = ?, error = ?,"
            " attempts = attempts + 1 WHERE id = ? AND claimed_by = ?",
            (to_db(now), error[:500], message_id, claimer),
        )

    async def renew(self, claimer: str, until: datetime) -> int:
        """Extend every lease this process holds; how many it holds."""
        return await self.db.execute_rowcount(
            "UPDATE outbox SET claimed_until = ? WHERE claimed_by = ?", (to_db(until), claimer)
        )

    async def release_all(self, claimer: str) -> None:
        """At a clean stop: what this process still holds is free for the next start."""
        await self.db.execute(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?",
            (claimer,),
        )

    async def owed(self) -> int:
        row = await self.db.fetch_one("SELECT COUNT(*) FROM outbox WHERE failed_at IS NULL")
        return int(row[0]) if row else 0
