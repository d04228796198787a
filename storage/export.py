"""SQL for a chapter's export: every referral with its names and its whole history.

The export reads on its own read-only connection, in a worker thread: one snapshot of the
chapter (an SQLite read transaction, or a PostgreSQL REPEATABLE READ one), streamed row by row
into the file, so a chapter of 50,000 referrals neither holds the event loop nor sits in memory
as objects.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from storage.db import Database
from storage.dialect import numbered
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


class _PostgresCursor:
    """An asyncpg cursor read from a worker thread, a batch at a time, like sqlite3's."""

    def __init__(self, snapshot: PostgresExportSnapshot, sql: str, params: tuple) -> None:
        self._snapshot = snapshot
        self._cursor = snapshot.wait(snapshot.conn.cursor(numbered(sql)[0], *params))
        self._batch: list[Any] = []
        self._done = False

    def fetchone(self) -> Any:
        if not self._batch and not self._done:
            self._batch = list(reversed(self._snapshot.wait(self._cursor.fetch(500))))
            self._done = not self._batch
        return self._batch.pop() if self._batch else None

    def __iter__(self) -> Iterator[Any]:
        while (row := self.fetchone()) is not None:
            yield row


class PostgresExportSnapshot(ExportSnapshot):
    """The same snapshot from PostgreSQL: one REPEATABLE READ, read-only transaction on a
    connection of its own, driven by a loop of the worker thread's own."""

    def __init__(self, url: str, chapter_id: int) -> None:
        self.url, self.chapter_id = url, chapter_id
        self.loop: asyncio.AbstractEventLoop | None = None
        self.conn: Any = None

    def wait(self, step: Any) -> Any:
        assert self.loop is not None, "use the snapshot inside `with`"
        return self.loop.run_until_complete(step)

    def __enter__(self) -> PostgresExportSnapshot:
        self.loop = asyncio.new_event_loop()
        self.conn = self.wait(asyncpg.connect(self.url))
        self.wait(self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.loop is not None
        try:
            self.wait(self.conn.close())
        finally:
            self.loop.close()

    def _query(self, sql: str, params: tuple) -> Any:
        return _PostgresCursor(self, sql, params)


def _line(row: Any) -> HistoryLine:
    return HistoryLine(row["status"], row["note"], row["by_user_id"], from_db(row["at"]))


class ExportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def snapshot(self, chapter_id: int) -> ExportSnapshot:
        if self.db.is_postgresql:
            return PostgresExportSnapshot(self.db.target.plain_url(), chapter_id)
        if self.db.path is None:
            raise RuntimeError("the export reads the database file; this one has none")
        return ExportSnapshot(self.db.path, chapter_id)
