"""SQL for visitors: who invited them, whether they came, the 48-hour follow-up, and joining."""

from __future__ import annotations

import enum
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Row
from storage.rows import record
from storage.stats import FAR_PAST
from storage.timestamps import to_db


class VisitorOutcome(enum.StrEnum):
    CALLED = "called"
    APPLYING = "applying"
    NOT_INTERESTED = "not_interested"


@dataclass(frozen=True, slots=True)
class Visitor:
    id: int
    chapter_id: int
    inviter_id: int
    name: str
    business: str
    details: str
    phone: str | None
    email: str | None
    invited_at: datetime
    came_at: datetime | None
    meeting_id: int | None
    follow_up_due_at: datetime | None
    outcome: VisitorOutcome | None
    outcome_by: int | None
    outcome_at: datetime | None
    joined_at: datetime | None

    @property
    def has_contact_details(self) -> bool:
        return bool(self.phone or self.email)


@dataclass(frozen=True, slots=True)
class NewVisitor:
    chapter_id: int
    inviter_id: int
    name: str
    business: str
    details: str
    phone: str | None
    email: str | None
    invited_at: datetime
    source_message_id: int | None = None


_COLUMNS = (
    "id, chapter_id, inviter_id, name, business, details, phone, email, invited_at, came_at,"
    " meeting_id, follow_up_due_at, outcome, outcome_by, outcome_at, joined_at"
)


def _visitor(row: Row) -> Visitor:
    return record(Visitor, row)


class VisitorRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, new: NewVisitor) -> Visitor | None:
        """Store a visitor; None if this group message recorded one already."""
        rows = await self._insert(new)
        return _visitor(rows[0]) if rows else None

    async def _insert(self, new: NewVisitor) -> list[Row]:
        async with self.db.transaction():
            return list(
                await self.db.execute_returning(
                    "INSERT INTO visitors (chapter_id, inviter_id, name, business, details,"
                    " phone, email, invited_at, source_message_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
                    f" RETURNING {_COLUMNS}",
                    (
                        new.chapter_id,
                        new.inviter_id,
                        new.name,
                        new.business,
                        new.details,
                        new.phone,
                        new.email,
                        to_db(new.invited_at),
                        new.source_message_id,
                    ),
                )
            )

    async def get(self, visitor_id: int) -> Visitor | None:
        row = await self.db.fetch_one(
            f"SELECT {_COLUMNS} FROM visitors WHERE id = ?", (visitor_id,)
        )
        return _visitor(row) if row else None

    async def expected(self, chapter_id: int, invited_since: datetime) -> list[Visitor]:
        """Visitors invited lately who have not come yet: the hosts' list for the check-in."""
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM visitors WHERE chapter_id = ? AND came_at IS NULL"
            " AND joined_at IS NULL AND invited_at >= ? ORDER BY id",
            (chapter_id, to_db(invited_since)),
        )
        return [_visitor(row) for row in rows]

    async def mark_came(
        self, visitor_id: int, meeting_id: int | None, now: datetime, nudge_at: datetime
    ) -> bool:
        """The visitor arrived; their 48-hour nudge is due at `nudge_at`. False if already."""
        changed = await self.db.execute_rowcount(
            "UPDATE visitors SET came_at = ?, meeting_id = ?, follow_up_due_at = ?"
            " WHERE id = ? AND came_at IS NULL",
            (to_db(now), meeting_id, to_db(nudge_at), visitor_id),
        )
        return changed == 1

    async def log_outcome(
        self, visitor_id: int, outcome: VisitorOutcome, by: int, now: datetime
    ) -> None:
        """The follow-up happened; a nudge not yet sent is no longer needed."""
        await self.db.execute(
            "UPDATE visitors SET outcome = ?, outcome_by = ?, outcome_at = ?,"
            " nudge_done_at = COALESCE(nudge_done_at, ?),"
            " nudge_outcome = COALESCE(nudge_outcome, 'cancelled') WHERE id = ?",
            (outcome.value, by, to_db(now), to_db(now), visitor_id),
        )

    async def mark_joined(self, visitor_id: int, now: datetime) -> bool:
        changed = await self.db.execute_rowcount(
            "UPDATE visitors SET joined_at = ? WHERE id = ? AND joined_at IS NULL",
            (to_db(now), visitor_id),
        )
        return changed == 1

    async def nudges_due(self, now: datetime, limit: int = 100) -> list[Visitor]:
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM visitors WHERE follow_up_due_at IS NOT NULL"
            " AND nudge_done_at IS NULL AND follow_up_due_at <= ? ORDER BY follow_up_due_at"
            " LIMIT ?",
            (to_db(now), limit),
        )
        return [_visitor(row) for row in rows]

    def claim_nudge(self, visitor_id: int, now: datetime) -> AbstractAsyncContextManager[bool]:
        """Send a visitor's due nudge (see Database.claim): never twice from two processes."""
        return self.db.claim(
            "SELECT id FROM visitors WHERE id = ? AND nudge_done_at IS NULL"
            " AND follow_up_due_at <= ?",
            (visitor_id, to_db(now)),
        )

    async def finish_nudge(self, visitor_id: int, outcome: str, now: datetime) -> None:
        await self.db.execute(
            "UPDATE visitors SET nudge_done_at = ?, nudge_outcome = ? WHERE id = ?"
            " AND nudge_done_at IS NULL",
            (to_db(now), outcome, visitor_id),
        )

    async def postpone_nudge(self, visitor_id: int, until: datetime) -> None:
        await self.db.execute(
            "UPDATE visitors SET follow_up_due_at = ? WHERE id = ?", (to_db(until), visitor_id)
        )

    async def of_chapter(
        self, chapter_id: int, start: datetime | None, end: datetime
    ) -> list[Visitor]:
        """Visitors invited, come or joined in [start, end) (None: from the start), oldest first."""
        s, e = to_db(start or FAR_PAST), to_db(end)
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM visitors WHERE chapter_id = ? AND ("
            " (invited_at >= ? AND invited_at < ?) OR (came_at >= ? AND came_at < ?)"
            " OR (joined_at >= ? AND joined_at < ?)) ORDER BY id",
            (chapter_id, s, e, s, e, s, e),
        )
        return [_visitor(row) for row in rows]

    async def all_of(self, chapter_id: int) -> list[Visitor]:
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM visitors WHERE chapter_id = ? ORDER BY id", (chapter_id,)
        )
        return [_visitor(row) for row in rows]

    async def waiting_named(
        self, chapter_id: int, name: str, source_message_id: int | None
    ) -> Visitor | None:
        """A visitor of that name (any case) invited and not come yet, other than the one this
        message recorded: inviting them again would count them twice."""
        row = await self.db.fetch_one(
            f"SELECT {_COLUMNS} FROM visitors WHERE chapter_id = ?"
            f" AND {self.db.dialect.same_text_any_case('name')}"
            " AND came_at IS NULL AND joined_at IS NULL AND (CAST(? AS BIGINT) IS NULL OR"
            f" {self.db.dialect.is_same('source_message_id', negate=True)}) ORDER BY id LIMIT 1",
            (chapter_id, name, source_message_id, source_message_id),
        )
        return _visitor(row) if row else None

    async def rewrite(self, new: NewVisitor) -> Visitor | None:
        """The inviter edited the group message that recorded a visitor who hasn't come yet:
        its name and details become the edited ones. None if there is no such visitor."""
        async with self.db.transaction():
            rows = await self.db.execute_returning(
                "UPDATE visitors SET name = ?, business = ?, details = ?, phone = ?, email = ?"
                " WHERE chapter_id = ? AND source_message_id = ? AND inviter_id = ?"
                f" AND came_at IS NULL RETURNING {_COLUMNS}",
                (
                    new.name,
                    new.business,
                    new.details,
                    new.phone,
                    new.email,
                    new.chapter_id,
                    new.source_message_id,
                    new.inviter_id,
                ),
            )
        return _visitor(next(iter(rows))) if rows else None
