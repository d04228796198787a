"""SQL for members: the people the bot has seen, and in which chapters."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database, Row
from storage.records import Member
from storage.rows import record
from storage.timestamps import to_db

_COLUMNS = (
    "user_id, username, first_name, last_name, is_bot, can_dm, stats_hidden, language,"
    " language_code"
)


def _member(row: Row) -> Member:
    return record(Member, row)


class MemberRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def upsert(self, member: Member, now: datetime) -> None:
        """Store who a user is now. A username moves to whoever holds it today."""
        async with self.db.transaction():
            if member.username:
                await self.db.execute(
                    "UPDATE members SET username = NULL WHERE"
                    f" {self.db.dialect.same_text_any_case('username')} AND user_id != ?",
                    (member.username, member.user_id),
                )
            await self.db.execute(
                "INSERT INTO members (user_id, username, first_name, last_name, is_bot, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
                " username = excluded.username, first_name = excluded.first_name,"
                " last_name = excluded.last_name, is_bot = excluded.is_bot,"
                " updated_at = excluded.updated_at",
                (
                    member.user_id,
                    member.username,
                    member.first_name,
                    member.last_name,
                    int(member.is_bot),
                    to_db(now),
                ),
            )

    async def join_chapter(self, chapter_id: int, user_id: int, now: datetime) -> None:
        await self.db.execute(
            "INSERT INTO chapter_members (chapter_id, user_id, first_seen_at)"
            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (chapter_id, user_id, to_db(now)),
        )

    async def get(self, user_id: int) -> Member | None:
        row = await self.db.fetch_one(
            f"SELECT {_COLUMNS} FROM members WHERE user_id = ?", (user_id,)
        )
        return _member(row) if row else None

    async def by_username(self, username: str) -> Member | None:
        row = await self.db.fetch_one(
            f"SELECT {_COLUMNS} FROM members WHERE"
            f" {self.db.dialect.same_text_any_case('username')}",
            (username.lstrip("@"),),
        )
        return _member(row) if row else None

    async def set_can_dm(self, user_id: int, can_dm: bool) -> None:
        """Only a change is written: an unchanged row makes no commit wait on the disk (every
        private message sent says the member can be written to)."""
        await self.db.execute(
            "UPDATE members SET can_dm = ? WHERE user_id = ? AND (can_dm IS NULL OR can_dm <> ?)",
            (int(can_dm), user_id, int(can_dm)),
        )

    async def chapter_ids_of(self, user_id: int) -> list[int]:
        """The chapters a member was seen in, the earliest first."""
        rows = await self.db.fetch_all(
            "SELECT chapter_id FROM chapter_members WHERE user_id = ? ORDER BY first_seen_at",
            (user_id,),
        )
        return [row["chapter_id"] for row in rows]

    async def set_stats_hidden(self, user_id: int, hidden: bool) -> None:
        await self.db.execute(
            "UPDATE members SET stats_hidden = ? WHERE user_id = ?", (int(hidden), user_id)
        )

    async def languages(
        self, user_id: int, chapter_id: int | None
    ) -> tuple[str | None, str | None, str | None]:
        """(the member's /language choice, their app's language, the chapter's language)."""
        row = await self.db.fetch_one(
            "SELECT m.language, m.language_code,"
            " (SELECT c.language FROM chapters c WHERE c.id = ?) AS chapter_language"
            " FROM members m WHERE m.user_id = ?",
            (chapter_id, user_id),
        )
        if row is None:
            chapter = await self.db.fetch_one(
                "SELECT language FROM chapters WHERE id = ?", (chapter_id,)
            )
            return None, None, chapter["language"] if chapter else None
        return row["language"], row["language_code"], row["chapter_language"]

    async def set_language(self, user_id: int, language: str | None) -> None:
        """The member's own choice for private messages (/language)."""
        await self.db.execute(
            "UPDATE members SET language = ? WHERE user_id = ?", (language, user_id)
        )

    async def set_language_code(self, user_id: int, language_code: str | None) -> None:
        """The language Telegram reports for the member's app, when it is a shipped one."""
        await self.db.execute(
            "UPDATE members SET language_code = ? WHERE user_id = ?"
            f" AND {self.db.dialect.is_same('language_code', negate=True)}",
            (language_code, user_id, language_code),
        )

    async def of_chapter(self, chapter_id: int) -> list[Member]:
        """The chapter's known members (people, not bots), by name."""
        rows = await self.db.fetch_all(
            f"SELECT {', '.join('m.' + c for c in _COLUMNS.split(', '))} FROM members m"
            " JOIN chapter_members cm ON cm.user_id = m.user_id"
            " WHERE cm.chapter_id = ? AND m.is_bot = 0 ORDER BY m.first_name, m.last_name",
            (chapter_id,),
        )
        return [_member(row) for row in rows]
