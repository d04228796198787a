"""SQL for the scorecard: a chapter's period and thresholds, the monthly send, and opt-outs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.timestamps import from_db, from_db_or_none, to_db


@dataclass(frozen=True, slots=True)
class ScoreSettingsRow:
    chapter_id: int
    months: int | None  # None: the default
    thresholds: dict[str, float]  # only the areas the chapter changed
    next_send_at: datetime | None


class ScorecardRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def settings(self, chapter_id: int) -> ScoreSettingsRow:
        row = await self.db.fetch_one(
            "SELECT months, next_send_at FROM scorecard_settings WHERE chapter_id = ?",
            (chapter_id,),
        )
        rows = await self.db.fetch_all(
            "SELECT area, threshold FROM score_thresholds WHERE chapter_id = ?", (chapter_id,)
        )
        return ScoreSettingsRow(
            chapter_id=chapter_id,
            months=row["months"] if row else None,
            thresholds={r["area"]: float(r["threshold"]) for r in rows},
            next_send_at=from_db_or_none(row["next_send_at"]) if row else None,
        )

    async def set_months(self, chapter_id: int, months: int) -> None:
        await self.db.execute(
            "INSERT INTO scorecard_settings (chapter_id, months) VALUES (?, ?)"
            " ON CONFLICT (chapter_id) DO UPDATE SET months = excluded.months",
            (chapter_id, months),
        )

    async def set_threshold(self, chapter_id: int, area: str, threshold: float) -> None:
        await self.db.execute(
            "INSERT INTO score_thresholds (chapter_id, area, threshold) VALUES (?, ?, ?)"
            " ON CONFLICT (chapter_id, area) DO UPDATE SET threshold = excluded.threshold",
            (chapter_id, area, threshold),
        )

    async def set_next_send(self, chapter_id: int, at: datetime) -> None:
        await self.db.execute(
            "INSERT INTO scorecard_settings (chapter_id, next_send_at) VALUES (?, ?)"
            " ON CONFLICT (chapter_id) DO UPDATE SET next_send_at = excluded.next_send_at",
            (chapter_id, to_db(at)),
        )

    async def chapters_unscheduled(self, limit: int) -> list[int]:
        """Active chapters whose monthly send has no date yet."""
        rows = await self.db.fetch_all(
            "SELECT c.id FROM chapters c LEFT JOIN scorecard_settings s ON s.chapter_id = c.id"
            " WHERE c.active = 1 AND s.next_send_at IS NULL ORDER BY c.id LIMIT ?",
            (limit,),
        )
        return [row["id"] for row in rows]

    async def sends_due(self, now: datetime, limit: int) -> list[tuple[int, datetime]]:
        """(chapter id, due time) of the monthly sends that are due, the oldest first."""
        rows = await self.db.fetch_all(
            "SELECT s.chapter_id, s.next_send_at FROM scorecard_settings s"
            " JOIN chapters c ON c.id = s.chapter_id"
            " WHERE s.next_send_at IS NOT NULL AND s.next_send_at <= ? AND c.active = 1"
            " ORDER BY s.next_send_at LIMIT ?",
            (to_db(now), limit),
        )
        return [(row["chapter_id"], from_db(row["next_send_at"])) for row in rows]

    async def already_sent(self, chapter_id: int, month: str) -> set[int]:
        rows = await self.db.fetch_all(
            "SELECT user_id FROM scorecard_sends WHERE chapter_id = ? AND month = ?",
            (chapter_id, month),
        )
        return {row["user_id"] for row in rows}

    async def record_send(
        self, chapter_id: int, month: str, user_id: int, outcome: str, now: datetime
    ) -> None:
        await self.db.execute(
            "INSERT INTO scorecard_sends (chapter_id, month, user_id, outcome, at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (chapter_id, month, user_id, outcome, to_db(now)),
        )

    async def opted_out(self) -> set[int]:
        rows = await self.db.fetch_all("SELECT user_id FROM scorecard_opt_outs")
        return {row["user_id"] for row in rows}

    async def set_opted_out(self, user_id: int, opted_out: bool) -> None:
        if opted_out:
            await self.db.execute(
                "INSERT INTO scorecard_opt_outs (user_id) VALUES (?) ON CONFLICT DO NOTHING",
                (user_id,),
            )
        else:
            await self.db.execute("DELETE FROM scorecard_opt_outs WHERE user_id = ?", (user_id,))

    async def joined(self, chapter_id: int) -> dict[int, datetime]:
        """When the bot first saw each member in the chapter."""
        rows = await self.db.fetch_all(
            "SELECT user_id, first_seen_at FROM chapter_members WHERE chapter_id = ?",
            (chapter_id,),
        )
        return {row["user_id"]: from_db(row["first_seen_at"]) for row in rows}
