"""SQL for a chapter's export: every referral with its names and its whole history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.records import Referral
from storage.referrals import COLUMNS, referral_from_row
from storage.timestamps import from_db


@dataclass(frozen=True, slots=True)
class HistoryLine:
    status: str
    note: str | None
    by_user_id: int | None
    at: datetime


class ExportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def referrals(self, chapter_id: int) -> list[Referral]:
        rows = await self.db.fetch_all(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.chapter_id = ? ORDER BY r.id", (chapter_id,)
        )
        return [referral_from_row(row) for row in rows]

    async def histories(self, chapter_id: int) -> dict[int, list[HistoryLine]]:
        rows = await self.db.fetch_all(
            "SELECT e.referral_id, e.status, e.note, e.by_user_id, e.at FROM referral_events e"
            " JOIN referrals r ON r.id = e.referral_id WHERE r.chapter_id = ?"
            " ORDER BY e.referral_id, e.at, e.id",
            (chapter_id,),
        )
        histories: dict[int, list[HistoryLine]] = {}
        for row in rows:
            histories.setdefault(row["referral_id"], []).append(
                HistoryLine(row["status"], row["note"], row["by_user_id"], from_db(row["at"]))
            )
        return histories

    async def names(self, chapter_id: int) -> dict[int, str]:
        """Display names of everyone who gave or received in the chapter."""
        rows = await self.db.fetch_all(
            "SELECT m.user_id, m.first_name, m.last_name, m.username FROM members m"
            " WHERE m.user_id IN (SELECT giver_id FROM referrals WHERE chapter_id = ?"
            " UNION SELECT receiver_id FROM referrals WHERE chapter_id = ?)",
            (chapter_id, chapter_id),
        )
        return {
            row["user_id"]: " ".join(p for p in (row["first_name"], row["last_name"]) if p)
            for row in rows
        }
