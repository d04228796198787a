"""SQL for chapters: the groups the bot serves, and their settings."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database, Row
from storage.records import Chapter
from storage.rows import record
from storage.timestamps import to_db

COLUMNS = (
    "id, chat_id, title, timezone, active, follow_up_window_s, tips_enabled, tip_weekday,"
    " tip_time, tip_thread_id, next_tip_at, currency, amounts_hidden, summary_weekday,"
    " summary_time, next_summary_at, language"
)
TIP_CLAIM = 12_001  # the advisory lock's first key: a chapter's tip being posted
_SETTABLE = {
    "timezone",
    "follow_up_window_s",
    "tips_enabled",
    "tip_weekday",
    "tip_time",
    "tip_thread_id",
    "next_tip_at",
    "currency",
    "amounts_hidden",
    "summary_weekday",
    "summary_time",
    "next_summary_at",
    "language",
}


def chapter_from_row(row: Row) -> Chapter:
    window = row["follow_up_window_s"]
    return record(Chapter, row, follow_up_window=timedelta(seconds=window) if window else None)


class ChapterRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def upsert(self, chat_id: int, title: str, timezone: str, now: datetime) -> Chapter:
        """Create the chapter for a group, or refresh its title; it becomes active."""
        async with self.db.transaction():
            await self.db.execute(
                "INSERT INTO chapters (chat_id, title, timezone, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, active = 1,"
                # back after being removed: the weekly tip is scheduled afresh from now
                " next_tip_at = CASE WHEN chapters.active = 0 THEN NULL"
                " ELSE chapters.next_tip_at END",
                (chat_id, title, timezone, to_db(now)),
            )
            chapter = await self.by_chat_id(chat_id)
        assert chapter is not None
        return chapter

    async def by_chat_id(self, chat_id: int) -> Chapter | None:
        row = await self.db.fetch_one(
            f"SELECT {COLUMNS} FROM chapters WHERE chat_id = ?", (chat_id,)
        )
        return chapter_from_row(row) if row else None

    async def by_id(self, chapter_id: int) -> Chapter | None:
        row = await self.db.fetch_one(f"SELECT {COLUMNS} FROM chapters WHERE id = ?", (chapter_id,))
        return chapter_from_row(row) if row else None

    async def update(self, chapter_id: int, **values: Any) -> Chapter:
        """Change some of a chapter's settings (column names as keywords)."""
        unknown = set(values) - _SETTABLE
        if unknown:
            raise ValueError(f"not chapter settings: {sorted(unknown)}")
        assignments = ", ".join(f"{column} = ?" for column in values)
        params = [to_db(v) if isinstance(v, datetime) else v for v in values.values()]
        async with self.db.transaction():
            await self.db.execute(
                f"UPDATE chapters SET {assignments} WHERE id = ?", (*params, chapter_id)
            )
            chapter = await self.by_id(chapter_id)
        assert chapter is not None
        return chapter

    async def set_active(self, chat_id: int, active: bool) -> None:
        await self.db.execute(
            "UPDATE chapters SET active = ? WHERE chat_id = ?", (int(active), chat_id)
        )

    async def claim_delete_hint(self, chapter_id: int) -> bool:
        """True exactly once per chapter: the caller may explain the delete right now."""
        changed = await self.db.execute_rowcount(
            "UPDATE chapters SET delete_hint_sent = 1 WHERE id = ? AND delete_hint_sent = 0",
            (chapter_id,),
        )
        return changed == 1

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> bool:
        """Follow a group upgraded to a supergroup: its chapter keeps every row, under a new id."""
        async with self.db.transaction():
            if await self.by_chat_id(new_chat_id):
                return False
            changed = await self.db.execute_rowcount(
                "UPDATE chapters SET chat_id = ? WHERE chat_id = ?", (new_chat_id, old_chat_id)
            )
        return changed > 0

    async def tips_due(self, now: datetime, limit: int) -> list[Chapter]:
        """Active chapters whose weekly tip is due (uses the partial index chapters_tip_due)."""
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM chapters WHERE tips_enabled = 1 AND active = 1"
            " AND next_tip_at <= ? ORDER BY next_tip_at LIMIT ?",
            (to_db(now), limit),
        )
        return [chapter_from_row(row) for row in rows]

    async def summaries_due(self, now: datetime, limit: int) -> list[Chapter]:
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM chapters WHERE next_summary_at IS NOT NULL AND active = 1"
            " AND next_summary_at <= ? ORDER BY next_summary_at LIMIT ?",
            (to_db(now), limit),
        )
        return [chapter_from_row(row) for row in rows]

    def claim_tip(self, chapter_id: int, now: datetime) -> AbstractAsyncContextManager[bool]:
        """Post a chapter's due tip (see Database.claim): two processes never post it twice.
        A key, not a row lock: the tip sweep records posts from a task of its own."""
        return self.db.claim(
            "SELECT id FROM chapters WHERE id = ? AND next_tip_at <= ?",
            (chapter_id, to_db(now)),
            key=(TIP_CLAIM, chapter_id),
        )

    def claim_summary(self, chapter_id: int, now: datetime) -> AbstractAsyncContextManager[bool]:
        return self.db.claim(
            "SELECT id FROM chapters WHERE id = ? AND next_summary_at <= ?",
            (chapter_id, to_db(now)),
        )

    async def tips_unscheduled(self, limit: int) -> list[Chapter]:
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM chapters WHERE tips_enabled = 1 AND active = 1"
            " AND next_tip_at IS NULL LIMIT ?",
            (limit,),
        )
        return [chapter_from_row(row) for row in rows]
