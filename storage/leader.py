"""The leader's lock on PostgreSQL: a session advisory lock held on a connection of its own.

Every `chapterbot run` against the same database tries `pg_try_advisory_lock` about once a
second; the one that gets it is the leader until its session ends. A session ends when the
process dies (the kernel closes its socket: the lock frees at once), when its machine is lost
(the server's TCP keepalives below notice within about 6 s), or when its process freezes (the
server ends a session idle for IDLE_SESSION_TIMEOUT; the leader speaks every second). Advisory
locks belong to one database, so bots on other databases of the same server don't meet.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from storage.db import Target

log = logging.getLogger(__name__)

# One 64-bit key for "the chapterbot leader", the same in every version of the bot.
LEADER_KEY = int.from_bytes(hashlib.sha256(b"chapterbot leader").digest()[:8], "big", signed=True)

# The server's side of the lock's connection (seconds unless marked): keepalive probes after 2 s
# of silence, one a second, 3 unanswered end the session (a lost machine: lock free after ~5 s);
# unacknowledged data for 5 s does too.
LOCK_SESSION_SETTINGS = {
    "application_name": "chapterbot leader lock",
    "tcp_keepalives_idle": "2",
    "tcp_keepalives_interval": "1",
    "tcp_keepalives_count": "3",
    "tcp_user_timeout": "5000",  # ms
}
# And a session idle for 8 s (a frozen leader: SIGSTOP, a stuck event loop) is ended, where the
# server knows idle_session_timeout (PostgreSQL 14 and newer).
IDLE_SESSION_TIMEOUT = "8s"
CONNECT_TIMEOUT = 3.0  # seconds
CHECK_TIMEOUT = 2.5  # seconds; a lock check slower than this counts as a lost lock

_TRY_LOCK = text("SELECT pg_try_advisory_lock(:key)")
_STILL_HELD = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND pid = pg_backend_pid() AND classid = :high AND objid = :low AND objsubid = 1"
)
_HOLDER = text(
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    " AND classid = :high AND objid = :low AND objsubid = 1"
)


class LockUnavailable(Exception):
    """The database could not be asked (unreachable, refused, too slow)."""


def _halves(key: int) -> dict[str, int]:
    """A bigint advisory key as pg_locks shows it: its high and low 32 bits (as oids)."""
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    return {"high": unsigned >> 32, "low": unsigned & 0xFFFF_FFFF}


class LeaderLock:
    """The advisory lock and the one connection that holds it (never a pooled one)."""

    def __init__(self, url: str, key: int = LEADER_KEY) -> None:
        self.key = key
        self.engine: AsyncEngine = create_async_engine(
            Target.parse(url).driver_url(),
            poolclass=NullPool,
            connect_args={
                "server_settings": LOCK_SESSION_SETTINGS,
                "timeout": CONNECT_TIMEOUT,
            },
        )
        self.conn: AsyncConnection | None = None
        self._driver: Any = None  # the asyncpg connection under `conn`
        self.held = False
        # Called at once when the lock's connection drops under it (the server ended the
        # session, the socket closed), before any once-a-second check would see it.
        self.on_lost: Callable[[], None] | None = None

    async def try_acquire(self) -> bool:
        """True when this process holds the lock now (it may have held it already)."""
        if self.held:
            return await self.still_held()
        conn = await self._connection()
        acquired = await self._ask(conn, _TRY_LOCK, {"key": self.key})
        self.held = bool(acquired)
        return self.held

    async def still_held(self) -> bool:
        """False once the lock's session is gone (or does not answer in time): the caller must
        stop acting as leader at once, since another process may hold the lock soon."""
        if not self.held or self.conn is None:
            return False
        try:
            count = await self._ask(self.conn, _STILL_HELD, _halves(self.key))
        except LockUnavailable:
            count = 0
        if not count:
            self.held = False
            await self._drop()
        return bool(count)

    async def release(self) -> None:
        """Give the lock up (a clean stop): a standby takes over within a second."""
        await self._drop()
        self.held = False

    async def close(self) -> None:
        await self.release()
        await self.engine.dispose()

    async def _connection(self) -> AsyncConnection:
        if self.conn is None:
            conn: AsyncConnection | None = None
            try:
                async with asyncio.timeout(CONNECT_TIMEOUT + 1):
                    conn = await self.engine.connect()
                    await conn.execution_options(isolation_level="AUTOCOMMIT")
                    version = await conn.scalar(text("SHOW server_version_num"))
                    if int(version or 0) >= 140000:
                        await conn.exec_driver_sql(
                            f"SET idle_session_timeout = '{IDLE_SESSION_TIMEOUT}'"
                        )
                    raw = await conn.get_raw_connection()
            except (SQLAlchemyError, OSError, TimeoutError) as exc:
                if conn is not None:  # connected, then stuck: leave nothing open behind
                    self.conn = conn
                    await self._abandon()
                raise LockUnavailable(_reason(exc)) from exc
            self.conn = conn
            self._driver = raw.driver_connection
            self._driver.add_termination_listener(self._dropped)
        return self.conn

    def _dropped(self, driver_connection: object) -> None:
        """asyncpg: the connection is gone. Ours to close is no news; anything else is."""
        if self.conn is None or not self.held:
            return
        self.held = False
        if self.on_lost is not None:
            self.on_lost()

    async def _ask(self, conn: AsyncConnection, sql: TextClause, params: dict[str, int]) -> object:
        """One statement, answered within CHECK_TIMEOUT or the connection is abandoned. (Not
        cancelled: asyncpg would then wait to send a cancel request over a new connection,
        which a lost network delays by seconds.)"""
        asking = asyncio.ensure_future(conn.scalar(sql, params))
        done, _ = await asyncio.wait({asking}, timeout=CHECK_TIMEOUT)
        if not done:
            asking.add_done_callback(_ignore_outcome)
            await self._abandon()
            raise LockUnavailable("no answer in time")
        try:
            return asking.result()
        except (SQLAlchemyError, OSError) as exc:
            await self._abandon()
            raise LockUnavailable(_reason(exc)) from exc

    async def _drop(self) -> None:
        """Close the lock's connection; a broken one is abandoned rather than waited for."""
        conn = self.conn
        if conn is None:
            return
        try:
            async with asyncio.timeout(1.0):
                self.conn = None  # first: closing it ourselves is no loss to report
                await conn.close()
                self._driver = None
        except (SQLAlchemyError, OSError, TimeoutError):
            self.conn = conn
            await self._abandon()

    async def _abandon(self) -> None:
        """Drop a connection that failed without a word to the server (it may not answer)."""
        conn, driver = self.conn, self._driver
        self.conn = self._driver = None
        if driver is not None:
            driver.terminate()  # the socket closes at once; the server's keepalives do the rest
        if conn is not None:
            try:
                async with asyncio.timeout(1.0):
                    await conn.invalidate()
            except (SQLAlchemyError, OSError, TimeoutError):
                log.debug("The leader lock's connection was already gone")


def _ignore_outcome(task: asyncio.Future[object]) -> None:
    """An abandoned statement's end (an error, once its connection is gone) is no news."""
    if not task.cancelled():
        task.exception()


async def lock_is_taken(url: str, key: int = LEADER_KEY) -> bool:
    """Whether some process holds the leader lock on this database now (a running bot)."""
    engine = create_async_engine(Target.parse(url).driver_url(), poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return bool((await conn.execute(_HOLDER, _halves(key))).scalar())
    finally:
        await engine.dispose()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    original = getattr(exc, "orig", None) or exc
    return f"{type(original).__name__}: {original}".splitlines()[0]
