"""SQL for operating the bot: health, activity totals for /metrics, kept values, the doctor."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from storage.db import Database, Target
from storage.timestamps import to_db

# Counted from the database, so every process reports the same totals and a restart loses none.
TOTALS_SQL = """
SELECT
    (SELECT count(*) FROM referrals) AS referrals,
    (SELECT count(*) FROM reminders
      WHERE kind = 'nudge' AND outcome IN ('sent', 'group_fallback')) AS nudges,
    (SELECT count(*) FROM tip_posts) AS tips
"""
OUTBOX_GRACE = timedelta(seconds=30)  # a message in flight is not a backlog yet

BACKLOG_SQL = """
SELECT
    (SELECT count(*) FROM reminders WHERE done_at IS NULL AND due_at <= ?)
  + (SELECT count(*) FROM chapters
      WHERE tips_enabled = 1 AND active = 1 AND next_tip_at <= ?)
  + (SELECT count(*) FROM outbox WHERE failed_at IS NULL AND due_at <= ?) AS due
"""


@dataclass(frozen=True, slots=True)
class ActivityTotals:
    referrals_passed: int
    nudges_sent: int
    tips_posted: int


class OpsRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def ping(self) -> None:
        """Raises if the database can't answer."""
        await self.db.fetch_one("SELECT 1")

    async def totals(self) -> ActivityTotals:
        row = await self.db.fetch_one(TOTALS_SQL)
        assert row is not None
        return ActivityTotals(row["referrals"], row["nudges"], row["tips"])

    async def backlog(self, now: datetime) -> int:
        """Nudges, escalations and tips whose time has come but that have not gone out yet, and
        outbox messages overdue by more than OUTBOX_GRACE (not the ones being sent right now)."""
        overdue = to_db(now - OUTBOX_GRACE)
        row = await self.db.fetch_one(BACKLOG_SQL, (to_db(now), to_db(now), overdue))
        return int(row["due"]) if row else 0

    async def value(self, key: str) -> str | None:
        row = await self.db.fetch_one("SELECT value FROM ops_state WHERE key = ?", (key,))
        return row["value"] if row else None

    async def keep_first(self, key: str, value: str) -> str:
        """Store `value` unless `key` has one already; returns the value that is kept."""
        await self.db.execute(
            "INSERT INTO ops_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            (key, value),
        )
        kept = await self.value(key)
        assert kept is not None
        return kept


@dataclass(frozen=True, slots=True)
class DatabaseState:
    exists: bool
    schema_version: int
    active_chapters: tuple[tuple[int, str], ...]  # (chat id, title)


async def inspect_postgresql(url: str) -> DatabaseState:
    """The same look at a PostgreSQL database (nothing changed, nothing migrated). Raises
    DatabaseUnavailable with one line saying what is wrong."""
    db = await Database.connect(Target.parse(url))
    try:
        version = await db.schema_version()
        chats = (
            await db.fetch_all("SELECT chat_id, title FROM chapters WHERE active = 1 ORDER BY id")
            if version
            else []
        )
    finally:
        await db.close()
    return DatabaseState(True, version, tuple((int(chat), str(title)) for chat, title in chats))


def inspect_database(path: Path) -> DatabaseState:
    """Read-only look at a database file (the doctor never changes it). Raises sqlite3.Error."""
    if not path.exists():
        return DatabaseState(False, 0, ())
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        has_chapters = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chapters'"
        ).fetchone()
        chats = (
            conn.execute(
                "SELECT chat_id, title FROM chapters WHERE active = 1 ORDER BY id"
            ).fetchall()
            if has_chapters
            else []
        )
        return DatabaseState(True, version, tuple((int(chat), str(title)) for chat, title in chats))
    finally:
        conn.close()
