"""SQL for the tip rotation and the record of posted tips."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database
from storage.timestamps import to_db


class TipRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def catalog(self) -> dict[str, int]:
        """Every title ever seen, with its place in the shared, stable order."""
        rows = await self.db.fetch_all("SELECT title, position FROM tip_catalog")
        return {row["title"]: row["position"] for row in rows}

    async def add_to_catalog(self, titles: list[str]) -> None:
        """Append new titles (in this order) after everything already known."""
        async with self.db.transaction():
            row = await self.db.fetch_one("SELECT COALESCE(MAX(position), -1) FROM tip_catalog")
            first = int(row[0]) + 1 if row else 0
            await self.db.execute_many(
                "INSERT INTO tip_catalog (title, position) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(title, first + index) for index, title in enumerate(titles)],
            )

    async def times_posted(self, chapter_id: int) -> dict[str, int]:
        rows = await self.db.fetch_all(
            "SELECT title, COUNT(*) AS n FROM tip_posts WHERE chapter_id = ? GROUP BY title",
            (chapter_id,),
        )
        return {row["title"]: row["n"] for row in rows}

    async def last_title(self, chapter_id: int) -> str | None:
        row = await self.db.fetch_one(
            "SELECT title FROM tip_posts WHERE chapter_id = ? ORDER BY posted_at DESC, id DESC"
            " LIMIT 1",
            (chapter_id,),
        )
        return row["title"] if row else None

    async def posted_in_week(self, chapter_id: int, week: str) -> bool:
        row = await self.db.fetch_one(
            "SELECT 1 FROM tip_posts WHERE chapter_id = ? AND week = ?", (chapter_id, week)
        )
        return row is not None

    async def record_post(
        self,
        chapter_id: int,
        title: str,
        week: str,
        scheduled_for: datetime,
        posted_at: datetime,
        next_tip_at: datetime,
    ) -> None:
        """The tip went out: remember it and schedule next week's, atomically."""
        async with self.db.transaction():
            await self.db.execute(
                "INSERT INTO tip_posts (chapter_id, title, week, scheduled_for,"
                " posted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (chapter_id, title, week, to_db(scheduled_for), to_db(posted_at)),
            )
            await self.db.execute(
                "UPDATE chapters SET next_tip_at = ? WHERE id = ?", (to_db(next_tip_at), chapter_id)
            )
