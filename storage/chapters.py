"""SQL for chapters: the groups the bot serves."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.records import Chapter
from storage.timestamps import to_db

_COLUMNS = "id, chat_id, title, timezone, active"


def _chapter(row: aiosqlite.Row) -> Chapter:
    return Chapter(
        id=row["id"],
        chat_id=row["chat_id"],
        title=row["title"],
        timezone=row["timezone"],
        active=bool(row["active"]),
    )


class ChapterRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def upsert(self, chat_id: int, title: str, timezone: str, now: datetime) -> Chapter:
        """Create the chapter for a group, or refresh its title; it becomes active."""
        async with self.db.transaction():
            await self.db.conn.execute(
                "INSERT INTO chapters (chat_id, title, timezone, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, active = 1",
                (chat_id, title, timezone, to_db(now)),
            )
            chapter = await self.by_chat_id(chat_id)
        assert chapter is not None
        return chapter

    async def by_chat_id(self, chat_id: int) -> Chapter | None:
        row = await self.db.fetch_one(
            f"SELECT {_COLUMNS} FROM chapters WHERE chat_id = ?", (chat_id,)
        )
        return _chapter(row) if row else None

    async def by_id(self, chapter_id: int) -> Chapter | None:
        row = await self.db.fetch_one(
            f"SELECT {_COLUMNS} FROM chapters WHERE id = ?", (chapter_id,)
        )
        return _chapter(row) if row else None

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
