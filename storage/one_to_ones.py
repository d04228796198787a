"""SQL for one-to-ones: logged by one member, confirmed (or not) by the other."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from storage.db import Database, IntegrityError, Row
from storage.rows import record
from storage.timestamps import to_db


class OneToOneStatus(enum.StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class OneToOne:
    id: int
    chapter_id: int
    logged_by: int
    partner_id: int
    met_on: date
    note: str | None
    status: OneToOneStatus
    created_at: datetime
    decided_at: datetime | None
    remind_at: datetime | None

    def involves(self, user_id: int) -> bool:
        return user_id in (self.logged_by, self.partner_id)

    def other(self, user_id: int) -> int:
        return self.partner_id if user_id == self.logged_by else self.logged_by


_COLUMNS = (
    "id, chapter_id, logged_by, partner_id, met_on, note, status, created_at, decided_at, remind_at"
)


def _one_to_one(row: Row) -> OneToOne:
    return record(OneToOne, row)


class OneToOneRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        chapter_id: int,
        logged_by: int,
        partner_id: int,
        met_on: date,
        note: str | None,
        now: datetime,
        remind_at: datetime,
    ) -> OneToOne | None:
        """A new pending one-to-one; None if this pair already has one on that day."""
        low, high = sorted((logged_by, partner_id))
        try:
            rows = await self.db.execute_returning(
                "INSERT INTO one_to_ones (chapter_id, logged_by, partner_id, member_low,"
                " member_high, met_on, note, created_at, remind_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                (
                    chapter_id,
                    logged_by,
                    partner_id,
                    low,
                    high,
                    met_on.isoformat(),
                    note,
                    to_db(now),
                    to_db(remind_at),
                ),
            )
        except IntegrityError:
            return None
        return await self.get(rows[0]["id"]) if rows else None

    async def get(self, one_to_one_id: int) -> OneToOne | None:
        row = await self.db.fetch_one(
            f"SELECT {_COLUMNS} FROM one_to_ones WHERE id = ?", (one_to_one_id,)
        )
        return _one_to_one(row) if row else None

    async def of_pair_near(
        self, chapter_id: int, first: int, second: int, start: date, end: date
    ) -> list[OneToOne]:
        """This pair's one-to-ones (either of them logging) dated within [start, end]."""
        low, high = sorted((first, second))
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM one_to_ones WHERE chapter_id = ? AND member_low = ?"
            " AND member_high = ? AND met_on BETWEEN ? AND ? AND status != 'declined'"
            " ORDER BY met_on",
            (chapter_id, low, high, start.isoformat(), end.isoformat()),
        )
        return [_one_to_one(row) for row in rows]

    async def decide(self, one_to_one_id: int, status: OneToOneStatus, now: datetime) -> bool:
        """Confirm or decline a pending one; False if it was decided already."""
        changed = await self.db.execute_rowcount(
            "UPDATE one_to_ones SET status = ?, decided_at = ?, remind_at = NULL"
            " WHERE id = ? AND status = 'pending'",
            (status.value, to_db(now), one_to_one_id),
        )
        return changed == 1

    async def reminders_due(self, now: datetime, limit: int) -> list[OneToOne]:
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM one_to_ones WHERE remind_at IS NOT NULL AND remind_at <= ?"
            " ORDER BY remind_at LIMIT ?",
            (to_db(now), limit),
        )
        return [_one_to_one(row) for row in rows]

    async def reminder_done(self, one_to_one_id: int, now: datetime) -> None:
        await self.db.execute(
            "UPDATE one_to_ones SET remind_at = NULL, reminded_at = ? WHERE id = ?",
            (to_db(now), one_to_one_id),
        )

    async def of_chapter(
        self, chapter_id: int, start: date | None = None, end: date | None = None
    ) -> list[OneToOne]:
        """The chapter's one-to-ones dated within [start, end] (all of them by default)."""
        rows = await self.db.fetch_all(
            f"SELECT {_COLUMNS} FROM one_to_ones WHERE chapter_id = ?"
            " AND met_on BETWEEN ? AND ? ORDER BY met_on, id",
            (
                chapter_id,
                (start or date.min).isoformat(),
                (end or date.max).isoformat(),
            ),
        )
        return [_one_to_one(row) for row in rows]

    async def last_met(self, chapter_id: int, user_id: int) -> dict[int, date]:
        """For each member this one met (confirmed), the latest date they met."""
        rows = await self.db.fetch_all(
            "SELECT CASE WHEN member_low = ? THEN member_high ELSE member_low END AS other,"
            " MAX(met_on) AS last FROM one_to_ones WHERE chapter_id = ? AND status = 'confirmed'"
            " AND (member_low = ? OR member_high = ?) GROUP BY other",
            (user_id, chapter_id, user_id, user_id),
        )
        return {row["other"]: date.fromisoformat(row["last"]) for row in rows}
