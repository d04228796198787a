"""Attendance over a period: what /stats, /roster, the absence rule and the scorecard read.

Only closed meetings count (an open check-in has no absences yet). The scorecard's two questions
are `marks_of` (a member's marks in a period) and `attendance_rate` (a chapter's, in a period).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.meetings import Mark
from storage.timestamps import from_db, to_db


@dataclass(frozen=True, slots=True)
class MemberMark:
    """One of a member's marks, with the meeting's time (for the scorecard and /roster)."""

    meeting_id: int
    meeting_at: datetime
    mark: Mark


@dataclass(frozen=True, slots=True)
class AttendanceRate:
    attended: int  # present, late or substituted
    counted: int  # attended plus absent (medical leave counts neither way)

    @property
    def share(self) -> float | None:
        return self.attended / self.counted if self.counted else None


class AttendanceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def marks_of(
        self, chapter_id: int, user_id: int, start: datetime, end: datetime
    ) -> list[MemberMark]:
        """A member's marks at the chapter's closed meetings opened in [start, end)."""
        rows = await self.db.fetch_all(
            "SELECT m.id, m.opened_at, a.mark FROM attendance a JOIN meetings m"
            " ON m.id = a.meeting_id WHERE m.chapter_id = ? AND a.user_id = ?"
            " AND m.closed_at IS NOT NULL AND m.opened_at >= ? AND m.opened_at < ?"
            " ORDER BY m.opened_at",
            (chapter_id, user_id, to_db(start), to_db(end)),
        )
        return [MemberMark(row["id"], from_db(row["opened_at"]), Mark(row["mark"])) for row in rows]

    async def attendance_rate(
        self, chapter_id: int, start: datetime, end: datetime
    ) -> AttendanceRate:
        """The chapter's attendance at closed meetings opened in [start, end)."""
        row = await self.db.fetch_one(
            "SELECT SUM(CASE WHEN a.mark IN ('present', 'late', 'substitute') THEN 1 ELSE 0 END)"
            " AS attended, SUM(CASE WHEN a.mark != 'medical' THEN 1 ELSE 0 END) AS counted"
            " FROM attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.chapter_id = ?"
            " AND m.closed_at IS NOT NULL AND m.opened_at >= ? AND m.opened_at < ?",
            (chapter_id, to_db(start), to_db(end)),
        )
        return (
            AttendanceRate(row["attended"] or 0, row["counted"] or 0)
            if row
            else (AttendanceRate(0, 0))
        )

    async def mark_counts(
        self, chapter_id: int, start: datetime, end: datetime
    ) -> dict[int, dict[Mark, int]]:
        """Each member's count of each mark at closed meetings opened in [start, end)."""
        rows = await self.db.fetch_all(
            "SELECT a.user_id, a.mark, COUNT(*) AS n FROM attendance a JOIN meetings m"
            " ON m.id = a.meeting_id WHERE m.chapter_id = ? AND m.closed_at IS NOT NULL"
            " AND m.opened_at >= ? AND m.opened_at < ? GROUP BY a.user_id, a.mark",
            (chapter_id, to_db(start), to_db(end)),
        )
        counts: dict[int, dict[Mark, int]] = {}
        for row in rows:
            counts.setdefault(row["user_id"], {})[Mark(row["mark"])] = row["n"]
        return counts

    async def absences_since(self, chapter_id: int, user_id: int, since: datetime) -> int:
        """A member's absences at the chapter's closed meetings opened since `since`."""
        row = await self.db.fetch_one(
            "SELECT COUNT(*) AS n FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
            " WHERE m.chapter_id = ? AND a.user_id = ? AND a.mark = 'absent'"
            " AND m.closed_at IS NOT NULL AND m.opened_at >= ?",
            (chapter_id, user_id, to_db(since)),
        )
        return row["n"] if row else 0

    async def meetings_held(self, chapter_id: int, start: datetime, end: datetime) -> int:
        row = await self.db.fetch_one(
            "SELECT COUNT(*) AS n FROM meetings WHERE chapter_id = ? AND closed_at IS NOT NULL"
            " AND opened_at >= ? AND opened_at < ?",
            (chapter_id, to_db(start), to_db(end)),
        )
        return row["n"] if row else 0

    async def all_marks(self, chapter_id: int) -> list[tuple[int, datetime, int, Mark]]:
        """Every mark of the chapter: (meeting id, meeting time, member id, mark), for /export."""
        rows = await self.db.fetch_all(
            "SELECT m.id, m.opened_at, a.user_id, a.mark FROM attendance a JOIN meetings m"
            " ON m.id = a.meeting_id WHERE m.chapter_id = ? ORDER BY m.opened_at, a.user_id",
            (chapter_id,),
        )
        return [
            (row["id"], from_db(row["opened_at"]), row["user_id"], Mark(row["mark"]))
            for row in rows
        ]
