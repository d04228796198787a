"""What /healthz and /metrics read: the database, the process's role, the sweeps' progress."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

from handlers.context import ChapterApp
from storage.db import DatabaseError
from storage.ops import OpsRepository

DB_TIMEOUT = 2.0  # seconds; a database slower than this counts as unreachable


async def health_report(app: ChapterApp) -> tuple[bool, dict[str, Any]]:
    """(healthy, body): unhealthy when the database does not answer or the sweeps have stalled
    for three intervals."""
    ops = app.bot_data.ops
    backlog = None
    database = "ok"
    try:
        repository = _repository(app)
        async with asyncio.timeout(DB_TIMEOUT):
            await repository.ping()
            backlog = await repository.backlog(app.bot_data.services.clock.now())  # type: ignore[union-attr]
    except (sqlite3.Error, DatabaseError, OSError, ValueError, TimeoutError):
        database = "unreachable"
    stalled = ops.sweeps_stalled()
    healthy = database == "ok" and not stalled
    return healthy, {
        "status": "ok" if healthy else "unhealthy",
        "database": database,
        "role": "leader" if ops.is_leader() else "standby",
        "sweeps": "stalled" if stalled else "running",
        "seconds_since_sweep": round(ops.seconds_since_sweep(), 1),
        "outbox_backlog": backlog,
    }


async def refresh_database_figures(app: ChapterApp) -> None:
    """Read the totals /metrics reports from the database; keep the last ones if it fails."""
    try:
        repository = _repository(app)
        async with asyncio.timeout(DB_TIMEOUT):
            totals = await repository.totals()
            backlog = await repository.backlog(app.bot_data.services.clock.now())  # type: ignore[union-attr]
    except (sqlite3.Error, DatabaseError, OSError, ValueError, TimeoutError):
        return
    app.bot_data.ops.metrics.set_database_figures(totals, backlog)


def _repository(app: ChapterApp) -> OpsRepository:
    services = app.bot_data.services
    if services is None:
        raise ValueError("the database is not open yet")
    return OpsRepository(services.store.db)
