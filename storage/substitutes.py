"""SQL for substitutes: who a member sends in their place, for the next or the open meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Row
from storage.rows import record
from storage.timestamps import to_db


@dataclass(frozen=True, slots=True)
class Substitute:
    id: int
    chapter_id: int
    member_id: int
    meeting_id: int | None
    name: str
    details: str
    phone: str | None
    email: str | None


_SUBSTITUTE = "id, chapter_id, member_id, meeting_id, name, details, phone, email"


def _substitute(row: Row) -> Substitute:
    return record(Substitute, row)


class SubstituteRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(self, new: Substitute, now: datetime) -> Substitute:
        """Store who substitutes for a member, replacing one they named earlier for the same
        meeting (`new.id` is ignored)."""
        async with self.db.transaction():
            await self.db.execute(
                "DELETE FROM substitutes WHERE chapter_id = ? AND member_id = ?"
                f" AND {self.db.dialect.is_same('meeting_id')}",
                (new.chapter_id, new.member_id, new.meeting_id),
            )
            rows = await self.db.execute_returning(
                "INSERT INTO substitutes (chapter_id, member_id, meeting_id, name, details,"
                " phone, email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                f" RETURNING {_SUBSTITUTE}",
                (
                    new.chapter_id,
                    new.member_id,
                    new.meeting_id,
                    new.name,
                    new.details,
                    new.phone,
                    new.email,
                    to_db(now),
                ),
            )
        return _substitute(next(iter(rows)))

    async def at_meeting(self, meeting_id: int) -> list[Substitute]:
        rows = await self.db.fetch_all(
            f"SELECT {_SUBSTITUTE} FROM substitutes WHERE meeting_id = ? ORDER BY id",
            (meeting_id,),
        )
        return [_substitute(row) for row in rows]
