"""SQL for a chapter's export: every referral with its names and its whole history.

The export reads on its own read-only connection, in a worker thread: one snapshot of the
chapter, streamed row by row into the file, so a chapter of 50,000 referrals neither holds the
event loop nor sits in memory as objects.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

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


class ExportSnapshot:
    """One consistent read of a chapter (use it in one thread, inside `with`)."""

    def __init__(self, path: Path, chapter_id: int) -> None:
        self.path, self.chapter_id = path, chapter_id
        self.conn: sqlite3.Connection | None = None

    def __enter__(self) -> ExportSnapshot:
        uri = self.path.resolve().as_uri() + "?mode=ro"
        self.conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("BEGIN")  # one snapshot for names, referrals and histories
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.conn is not None
        self.conn.close()

    def _query(self, sql: str, params: tuple) -> sqlite3.Cursor:
        assert self.conn is not None, "use the snapshot inside `with`"
        return self.conn.execute(sql, params)

    def names(self) -> dict[int, str]:
        """Display names of everyone who gave or received in the chapter."""
        rows = self._query(
            "SELECT m.user_id, m.first_name, m.last_name FROM members m"
            " WHERE m.user_id IN (SELECT giver_id FROM referrals WHERE chapter_id = ?"
            " UNION SELECT receiver_id FROM referrals WHERE chapter_id = ?)",
            (self.chapter_id, self.chapter_id),
        )
        return {
            row["user_id"]: " ".join(p for p in (row["first_name"], row["last_name"]) if p)
            for row in rows
        }

    def referrals(self) -> Iterator[tuple[Referral, list[HistoryLine]]]:
        """Each referral (by number) with its history, read side by side from two cursors."""
        events = self._query(
            "SELECT e.referral_id, e.status, e.note, e.by_user_id, e.at FROM referral_events e"
            " JOIN referrals r ON r.id = e.referral_id WHERE r.chapter_id = ?"
            " ORDER BY e.referral_id, e.at, e.id",
            (self.chapter_id,),
        )
        event = events.fetchone()
        for row in self._query(
            f"SELECT {COLUMNS} FROM referrals r WHERE r.chapter_id = ? ORDER BY r.id",
            (self.chapter_id,),
        ):
            referral, history = referral_from_row(row), []
            while event is not None and event["referral_id"] <= referral.id:
                if event["referral_id"] == referral.id:
                    history.append(_line(event))
                event = events.fetchone()
            yield referral, history


def _line(row: sqlite3.Row) -> HistoryLine:
    return HistoryLine(row["status"], row["note"], row["by_user_id"], from_db(row["at"]))


class ExportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def snapshot(self, chapter_id: int) -> ExportSnapshot:
        if self.db.path is None:
            raise RuntimeError("the export reads the database file; this one has none")
        return ExportSnapshot(self.db.path, chapter_id)
