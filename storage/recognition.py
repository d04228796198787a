"""SQL for testimonials and education credits."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from storage.db import Database, IntegrityError, Row
from storage.rows import record
from storage.stats import FAR_PAST
from storage.timestamps import to_db


@dataclass(frozen=True, slots=True)
class Testimonial:
    id: int
    chapter_id: int
    writer_id: int
    subject_id: int
    text: str
    created_at: datetime


class CreditKind(enum.StrEnum):
    TIP = "tip"  # tapped "I read it" under the weekly tip
    CEU = "ceu"  # logged with /ceu


@dataclass(frozen=True, slots=True)
class Credit:
    id: int
    chapter_id: int
    user_id: int
    kind: CreditKind
    tip_week: str | None
    local_day: date
    note: str | None
    earned_at: datetime


def _testimonial(row: Row) -> Testimonial:
    return record(Testimonial, row)


def _credit(row: Row) -> Credit:
    return record(Credit, row)


_FAR_FUTURE = datetime.fromisoformat("9999-01-01T00:00:00+00:00")


class RecognitionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add_testimonial(
        self,
        chapter_id: int,
        writer_id: int,
        subject_id: int,
        text: str,
        now: datetime,
        source_message_id: int | None = None,
    ) -> Testimonial | None:
        """Store a testimonial; None if this group message recorded one already."""
        try:
            rows = await self.db.execute_returning(
                "INSERT INTO testimonials (chapter_id, writer_id, subject_id, text, created_at,"
                " source_message_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                (chapter_id, writer_id, subject_id, text, to_db(now), source_message_id),
            )
        except IntegrityError:
            return None
        if not rows:
            return None
        row = await self.db.fetch_one("SELECT * FROM testimonials WHERE id = ?", (rows[0]["id"],))
        return _testimonial(row) if row else None

    async def testimonials(
        self, chapter_id: int, start: datetime | None = None, end: datetime | None = None
    ) -> list[Testimonial]:
        """The chapter's testimonials written in [start, end)."""
        rows = await self.db.fetch_all(
            "SELECT * FROM testimonials WHERE chapter_id = ? AND created_at >= ?"
            " AND created_at < ? ORDER BY created_at, id",
            (chapter_id, to_db(start or FAR_PAST), to_db(end or _FAR_FUTURE)),
        )
        return [_testimonial(row) for row in rows]

    async def add_credit(
        self,
        chapter_id: int,
        user_id: int,
        kind: CreditKind,
        local_day: date,
        now: datetime,
        *,
        tip_week: str | None = None,
        note: str | None = None,
    ) -> bool:
        """Record a credit; False if that tip (or a /ceu that day) was credited already."""
        try:
            changed = await self.db.execute_rowcount(
                "INSERT INTO education_credits (chapter_id, user_id, kind, tip_week, local_day,"
                " note, earned_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    chapter_id,
                    user_id,
                    kind.value,
                    tip_week,
                    local_day.isoformat(),
                    note,
                    to_db(now),
                ),
            )
        except IntegrityError:
            return False
        return changed == 1

    async def credits(
        self, chapter_id: int, start: datetime | None = None, end: datetime | None = None
    ) -> list[Credit]:
        """The chapter's credits earned in [start, end)."""
        rows = await self.db.fetch_all(
            "SELECT * FROM education_credits WHERE chapter_id = ? AND earned_at >= ?"
            " AND earned_at < ? ORDER BY earned_at, id",
            (chapter_id, to_db(start or FAR_PAST), to_db(end or _FAR_FUTURE)),
        )
        return [_credit(row) for row in rows]
