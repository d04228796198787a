"""SQL for the weekly meeting: opening and closing its check-in, and the marks members get.

Reads over a period (for /stats, /roster and the scorecard) are in storage/attendance.py.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Row
from storage.rows import record
from storage.timestamps import from_db, to_db


class Mark(enum.StrEnum):
    PRESENT = "present"
    LATE = "late"
    SUBSTITUTE = "substitute"
    ABSENT = "absent"
    MEDICAL = "medical"


ATTENDED = (Mark.PRESENT, Mark.LATE, Mark.SUBSTITUTE)


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    chapter_id: int
    opened_by: int | None
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None
    closed_by: int | None
    message_id: int | None
    thread_id: int | None
    marks_version: int
    shown_version: int
    shown_at: datetime | None
    summary_posted_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True, slots=True)
class AttendanceMark:
    meeting_id: int
    user_id: int
    mark: Mark
    at: datetime


@dataclass(frozen=True, slots=True)
class NewMeeting:
    chapter_id: int
    opened_by: int | None
    opened_at: datetime
    closes_at: datetime
    thread_id: int | None = None
    source_message_id: int | None = None


_MEETING = (
    "id, chapter_id, opened_by, opened_at, closes_at, closed_at, closed_by, message_id,"
    " thread_id, marks_version, shown_version, shown_at, summary_posted_at"
)


def _meeting(row: Row) -> Meeting:
    return record(Meeting, row)


class MeetingRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def _one(self, where: str, params: Sequence[object]) -> Meeting | None:
        row = await self.db.fetch_one(f"SELECT {_MEETING} FROM meetings WHERE {where}", params)
        return _meeting(row) if row else None

    async def get(self, meeting_id: int) -> Meeting | None:
        return await self._one("id = ?", (meeting_id,))

    async def open_of(self, chapter_id: int) -> Meeting | None:
        return await self._one("chapter_id = ? AND closed_at IS NULL", (chapter_id,))

    async def latest_of(self, chapter_id: int) -> Meeting | None:
        return await self._one(
            "chapter_id = ? ORDER BY opened_at DESC, id DESC LIMIT 1", (chapter_id,)
        )

    async def open(self, new: NewMeeting) -> Meeting | None:
        """Open the chapter's check-in; waiting substitutes join it. None if one is open already
        (or this message opened one before)."""
        at = to_db(new.opened_at)
        async with self.db.transaction():
            rows = await self.db.execute_returning(
                "INSERT INTO meetings (chapter_id, opened_by, opened_at, closes_at, thread_id,"
                " source_message_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
                " RETURNING id",
                (
                    new.chapter_id,
                    new.opened_by,
                    at,
                    to_db(new.closes_at),
                    new.thread_id,
                    new.source_message_id,
                ),
            )
            if not rows:
                return None
            meeting_id = next(iter(rows))["id"]
            await self.db.execute(
                "UPDATE substitutes SET meeting_id = ? WHERE chapter_id = ? AND meeting_id IS NULL",
                (meeting_id, new.chapter_id),
            )
            await self.db.execute(
                "INSERT INTO attendance (meeting_id, user_id, mark, by_user_id, at)"
                " SELECT CAST(? AS BIGINT), member_id, 'substitute', member_id, ? FROM substitutes"
                " WHERE meeting_id = ?",
                (meeting_id, at, meeting_id),
            )
            return await self.get(meeting_id)

    async def set_message(
        self, meeting_id: int, message_id: int, version: int, now: datetime
    ) -> None:
        """The check-in message was posted, showing the marks up to `version`."""
        await self.db.execute(
            "UPDATE meetings SET message_id = ?, shown_version = ?, shown_at = ? WHERE id = ?",
            (message_id, version, to_db(now), meeting_id),
        )

    async def edit_failed(self, meeting_id: int) -> None:
        """An edit didn't go out: the message is behind again (the gap still holds)."""
        await self.db.execute("UPDATE meetings SET shown_version = 0 WHERE id = ?", (meeting_id,))

    async def set_mark(
        self, meeting_id: int, user_id: int, mark: Mark, by: int | None, now: datetime
    ) -> Mark | None:
        """Record a mark (replacing any); returns the one it replaced."""
        async with self.db.transaction():
            row = await self.db.fetch_one(
                "SELECT mark FROM attendance WHERE meeting_id = ? AND user_id = ?",
                (meeting_id, user_id),
            )
            await self.db.execute(
                "INSERT INTO attendance (meeting_id, user_id, mark, by_user_id, at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (meeting_id, user_id) DO UPDATE SET"
                " mark = excluded.mark, by_user_id = excluded.by_user_id, at = excluded.at,"
                " notified_at = NULL",
                (meeting_id, user_id, mark.value, by, to_db(now)),
            )
            await self.db.execute(
                "UPDATE meetings SET marks_version = marks_version + 1 WHERE id = ?",
                (meeting_id,),
            )
        return Mark(row["mark"]) if row else None

    async def marks(self, meeting_id: int) -> list[AttendanceMark]:
        rows = await self.db.fetch_all(
            "SELECT meeting_id, user_id, mark, at FROM attendance WHERE meeting_id = ?"
            " ORDER BY at, user_id",
            (meeting_id,),
        )
        return [
            AttendanceMark(row["meeting_id"], row["user_id"], Mark(row["mark"]), from_db(row["at"]))
            for row in rows
        ]

    async def close(
        self, meeting_id: int, by: int | None, now: datetime, roster: Iterable[int]
    ) -> bool:
        """Close the check-in; roster members without a mark become absent. False if it was
        closed already (by the other path: an admin and the automatic close can race)."""
        async with self.db.transaction():
            closed = await self.db.execute_rowcount(
                "UPDATE meetings SET closed_at = ?, closed_by = ?,"
                " marks_version = marks_version + 1 WHERE id = ? AND closed_at IS NULL",
                (to_db(now), by, meeting_id),
            )
            if not closed:
                return False
            await self.db.execute_many(
                "INSERT INTO attendance (meeting_id, user_id, mark, at)"
                " VALUES (?, ?, 'absent', ?) ON CONFLICT DO NOTHING",
                [(meeting_id, user_id, to_db(now)) for user_id in roster],
            )
        return True

    async def due_to_close(self, now: datetime, limit: int = 100) -> list[Meeting]:
        rows = await self.db.fetch_all(
            f"SELECT {_MEETING} FROM meetings WHERE closed_at IS NULL AND closes_at <= ?"
            " ORDER BY closes_at LIMIT ?",
            (to_db(now), limit),
        )
        return [_meeting(row) for row in rows]

    async def stale_check_ins(self, shown_before: datetime, limit: int = 100) -> list[Meeting]:
        """Check-in messages behind their marks, last edited before `shown_before`."""
        rows = await self.db.fetch_all(
            f"SELECT {_MEETING} FROM meetings WHERE closed_at IS NULL"
            " AND marks_version > shown_version AND message_id IS NOT NULL"
            " AND (shown_at IS NULL OR shown_at <= ?) LIMIT ?",
            (to_db(shown_before), limit),
        )
        return [_meeting(row) for row in rows]

    async def claim_edit(
        self, meeting_id: int, version: int, now: datetime, shown_before: datetime
    ) -> bool:
        """Take the right to edit the check-in message now: true at most once per gap."""
        changed = await self.db.execute_rowcount(
            "UPDATE meetings SET shown_version = ?, shown_at = ? WHERE id = ?"
            " AND shown_version < ? AND (shown_at IS NULL OR shown_at <= ?)",
            (version, to_db(now), meeting_id, version, to_db(shown_before)),
        )
        return changed == 1

    async def unannounced(self, limit: int = 100) -> list[Meeting]:
        rows = await self.db.fetch_all(
            f"SELECT {_MEETING} FROM meetings WHERE closed_at IS NOT NULL"
            " AND announced_at IS NULL ORDER BY closed_at LIMIT ?",
            (limit,),
        )
        return [_meeting(row) for row in rows]

    async def set_summary_posted(self, meeting_id: int, now: datetime) -> None:
        await self.db.execute(
            "UPDATE meetings SET summary_posted_at = ? WHERE id = ?", (to_db(now), meeting_id)
        )

    async def set_announced(self, meeting_id: int, now: datetime) -> None:
        await self.db.execute(
            "UPDATE meetings SET announced_at = ? WHERE id = ?", (to_db(now), meeting_id)
        )

    async def absent_unnotified(self, meeting_id: int) -> list[int]:
        rows = await self.db.fetch_all(
            "SELECT user_id FROM attendance WHERE meeting_id = ? AND mark = 'absent'"
            " AND notified_at IS NULL ORDER BY user_id",
            (meeting_id,),
        )
        return [row["user_id"] for row in rows]

    async def set_notified(self, meeting_id: int, user_id: int, now: datetime) -> None:
        await self.db.execute(
            "UPDATE attendance SET notified_at = ? WHERE meeting_id = ? AND user_id = ?",
            (to_db(now), meeting_id, user_id),
        )
