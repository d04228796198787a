"""SQL for reminders: nudges to receivers and escalations to givers, each a row with a due time."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.records import Referral
from storage.referrals import COLUMNS as REFERRAL_COLUMNS
from storage.referrals import referral_from_row
from storage.timestamps import from_db, to_db


@dataclass(frozen=True, slots=True)
class DueReminder:
    id: int
    kind: str  # 'nudge' or 'escalation'
    due_at: datetime
    snoozes: int
    attempts: int
    referral: Referral


DUE_SQL = f"""
SELECT m.id AS reminder_id, m.kind, m.due_at, m.snoozes, m.attempts, {REFERRAL_COLUMNS}
FROM reminders m
JOIN referrals r ON r.id = m.referral_id
WHERE m.done_at IS NULL AND m.due_at <= ?
ORDER BY m.due_at
LIMIT ?
"""


class ReminderRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def schedule_new(self, referral_id: int, due: dict[str, datetime]) -> None:
        """The reminders of a referral just passed (kind -> due time), in one statement."""
        values = ", ".join("(?, ?, ?)" for _ in due)
        params = [value for kind, at in due.items() for value in (referral_id, kind, to_db(at))]
        await self.db.execute(
            f"INSERT INTO reminders (referral_id, kind, due_at) VALUES {values}", params
        )

    async def due(self, now: datetime, limit: int = 100) -> list[DueReminder]:
        rows = await self.db.fetch_all(DUE_SQL, (to_db(now), limit))
        return [
            DueReminder(
                id=row["reminder_id"],
                kind=row["kind"],
                due_at=from_db(row["due_at"]),
                snoozes=row["snoozes"],
                attempts=row["attempts"],
                referral=referral_from_row(row),
            )
            for row in rows
        ]

    def claim(self, reminder_id: int, now: datetime) -> AbstractAsyncContextManager[bool]:
        """Work on a due reminder (see Database.claim): two processes never send the same."""
        return self.db.claim(
            "SELECT id FROM reminders WHERE id = ? AND done_at IS NULL AND due_at <= ?",
            (reminder_id, to_db(now)),
        )

    async def finish(self, reminder_id: int, outcome: str, now: datetime) -> None:
        await self.db.execute(
            "UPDATE reminders SET done_at = ?, outcome = ? WHERE id = ?",
            (to_db(now), outcome, reminder_id),
        )

    async def count_outcome(self, chapter_id: int, outcome: str) -> int:
        """How many of a chapter's reminders ended with `outcome`."""
        row = await self.db.fetch_one(
            "SELECT COUNT(*) FROM reminders m JOIN referrals r ON r.id = m.referral_id"
            " WHERE r.chapter_id = ? AND m.outcome = ?",
            (chapter_id, outcome),
        )
        return int(row[0]) if row else 0

    async def postpone(self, reminder_id: int, until: datetime, *, failed: bool = False) -> None:
        """Move a pending reminder later (quiet hours, or a transient failure to retry)."""
        await self.db.execute(
            "UPDATE reminders SET due_at = ?, attempts = attempts + ? WHERE id = ?",
            (to_db(until), int(failed), reminder_id),
        )

    async def snooze(self, referral_id: int, until: datetime, max_snoozes: int) -> int | None:
        """Re-arm the referral's nudge; the number of snoozes used, or None past the limit."""
        async with self.db.transaction():
            row = await self.db.fetch_one(
                "SELECT snoozes FROM reminders WHERE referral_id = ? AND kind = 'nudge'",
                (referral_id,),
            )
            used = row["snoozes"] if row else 0
            if used >= max_snoozes:
                return None
            await self.db.execute(
                "UPDATE reminders SET due_at = ?, snoozes = snoozes + 1, done_at = NULL,"
                " outcome = NULL WHERE referral_id = ? AND kind = 'nudge'",
                (to_db(until), referral_id),
            )
        return used + 1

    async def cancel_for(self, referral_id: int, now: datetime) -> None:
        """The referral moved on: nothing pending for it should go out."""
        await self.db.execute(
            "UPDATE reminders SET done_at = ?, outcome = 'cancelled'"
            " WHERE referral_id = ? AND done_at IS NULL",
            (to_db(now), referral_id),
        )
