"""SQL for who counts at the meeting: the roster, the absence rule and the visitor hosts.

The roster is every person the bot has seen in the group (chapter_members) less those who left
the group or whom an admin took off it (roster_exits); their history stays either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.members import _COLUMNS as MEMBER_COLUMNS
from storage.members import _member
from storage.records import Member
from storage.timestamps import to_db

DEFAULT_ABSENCE_LIMIT = 3
DEFAULT_ABSENCE_MONTHS = 6

_M_COLUMNS = ", ".join("m." + column for column in MEMBER_COLUMNS.split(", "))
_ON_ROSTER = (
    "JOIN chapter_members cm ON cm.user_id = m.user_id AND cm.chapter_id = ?"
    " LEFT JOIN roster_exits x ON x.chapter_id = cm.chapter_id AND x.user_id = m.user_id"
    " WHERE m.is_bot = 0 AND x.user_id IS NULL"
)


@dataclass(frozen=True, slots=True)
class AbsenceRule:
    limit: int = DEFAULT_ABSENCE_LIMIT
    months: int = DEFAULT_ABSENCE_MONTHS


class RosterRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def members(self, chapter_id: int, seen_before: datetime | None = None) -> list[Member]:
        """The chapter's roster by name; with `seen_before`, only those seen before then."""
        sql = f"SELECT {_M_COLUMNS} FROM members m {_ON_ROSTER}"
        params: list[object] = [chapter_id]
        if seen_before is not None:
            sql += " AND cm.first_seen_at <= ?"
            params.append(to_db(seen_before))
        rows = await self.db.fetch_all(sql + " ORDER BY m.first_name, m.last_name", params)
        return [_member(row) for row in rows]

    async def is_on_roster(self, chapter_id: int, user_id: int) -> bool:
        row = await self.db.fetch_one(
            f"SELECT 1 FROM members m {_ON_ROSTER} AND m.user_id = ?", (chapter_id, user_id)
        )
        return row is not None

    async def take_off(self, chapter_id: int, user_id: int, reason: str, now: datetime) -> bool:
        """Take a member off the roster; False if they were not on it."""
        changed = await self.db.execute_rowcount(
            "INSERT INTO roster_exits (chapter_id, user_id, reason, at)"
            " SELECT chapter_id, user_id, ?, ? FROM chapter_members"
            " WHERE chapter_id = ? AND user_id = ? ON CONFLICT DO NOTHING",
            (reason, to_db(now), chapter_id, user_id),
        )
        return changed == 1

    async def rejoined(self, chapter_id: int, user_id: int) -> None:
        """Someone who had left the group came back: they are on the roster again."""
        await self.db.execute(
            "DELETE FROM roster_exits WHERE chapter_id = ? AND user_id = ? AND reason = 'left'",
            (chapter_id, user_id),
        )

    async def absence_rule(self, chapter_id: int) -> AbsenceRule:
        row = await self.db.fetch_one(
            "SELECT absence_limit, absence_months FROM meeting_settings WHERE chapter_id = ?",
            (chapter_id,),
        )
        return AbsenceRule(row["absence_limit"], row["absence_months"]) if row else AbsenceRule()

    async def set_absence_rule(self, chapter_id: int, rule: AbsenceRule) -> None:
        await self.db.execute(
            "INSERT INTO meeting_settings (chapter_id, absence_limit, absence_months)"
            " VALUES (?, ?, ?) ON CONFLICT (chapter_id) DO UPDATE SET"
            " absence_limit = excluded.absence_limit, absence_months = excluded.absence_months",
            (chapter_id, rule.limit, rule.months),
        )

    async def hosts(self, chapter_id: int) -> list[Member]:
        rows = await self.db.fetch_all(
            f"SELECT {_M_COLUMNS} FROM members m JOIN visitor_hosts h ON h.user_id = m.user_id"
            " WHERE h.chapter_id = ? ORDER BY m.first_name, m.last_name",
            (chapter_id,),
        )
        return [_member(row) for row in rows]

    async def set_hosts(self, chapter_id: int, user_ids: list[int]) -> None:
        """Replace the chapter's visitor hosts (an empty list: none)."""
        async with self.db.transaction():
            await self.db.execute("DELETE FROM visitor_hosts WHERE chapter_id = ?", (chapter_id,))
            await self.db.execute_many(
                "INSERT INTO visitor_hosts (chapter_id, user_id) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                [(chapter_id, user_id) for user_id in user_ids],
            )
