"""Leader or standby: several `chapterbot run` on one PostgreSQL database, one of them leading.

The leader takes updates (polls, or is the webhook's target) and runs the sweeps; a standby has
the Application running but takes nothing, and asks for the lock (storage/leader.py) every
second. When the leader dies its lock frees and a standby takes over within a few seconds. A
leader that loses its lock (its connection dropped, the database unreachable, its session
ended) stops polling and sweeping at once and becomes a standby: two leaders would poll Telegram
against each other (409 Conflict) and sweep twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from chapterbot.ops.state import Ops
from storage.leader import LeaderLock, LockUnavailable

log = logging.getLogger(__name__)

CHECK_EVERY = 1.0  # seconds between two looks at the lock (leader and standby alike)

RoleChange = Callable[[], Awaitable[None]]


class Election:
    """Runs beside the Application; `ops.is_leader` reads its answer."""

    def __init__(
        self,
        lock: LeaderLock,
        ops: Ops,
        *,
        on_elected: RoleChange,
        on_deposed: RoleChange,
        every: float = CHECK_EVERY,
    ) -> None:
        self.lock = lock
        self.ops = ops
        self.on_elected = on_elected
        self.on_deposed = on_deposed
        self.every = every
        self.leading = False
        self.standby_since: float | None = None
        self._task: asyncio.Task[None] | None = None
        self._unavailable: str | None = None  # the last reason the database gave, said once
        self._deposing: asyncio.Task[None] | None = None
        ops.is_leader = self.is_leader
        lock.on_lost = self._lock_lost

    def is_leader(self) -> bool:
        return self.leading

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="leader election")

    async def stop(self) -> None:
        """Stop looking (the process is stopping); the lock stays held until `release`."""
        if self._deposing is not None:
            await self._deposing
            self._deposing = None
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def release(self) -> None:
        """Last thing at a clean stop: a standby takes over within a second."""
        self.leading = False
        await self.lock.close()

    async def _run(self) -> None:
        while True:
            try:
                await self.step()
            except Exception:  # the election must outlive any one failure
                log.exception("Leader election: unexpected failure; asking again in a second")
                if self.leading:
                    await self._deposed()
                    await self.lock.release()
            await asyncio.sleep(self.every)

    async def step(self) -> None:
        """One look at the lock, and what follows from it."""
        if self._deposing is not None:
            await self._deposing  # the lost lock's stop finishes before anything else
            self._deposing = None
        if self.leading:
            if not await self.lock.still_held():
                await self._deposed()
            return
        try:
            acquired = await self.lock.try_acquire()
        except LockUnavailable as exc:
            self._say_unavailable(str(exc))
            return
        self._say_available()
        if acquired:
            await self._elected()
        elif self.standby_since is None:
            self.standby_since = time.monotonic()
            log.info(
                "Standby: another chapterbot is the leader on this database; "
                "this one takes over if it stops"
            )

    async def _elected(self) -> None:
        waited = (
            ""
            if self.standby_since is None
            else (f" after {time.monotonic() - self.standby_since:.1f} s as standby")
        )
        log.info("Leader: taking updates and running the sweeps%s", waited)
        self.ops.took_the_lead()
        self.leading = True
        self.standby_since = None
        try:
            await self.on_elected()
        except Exception:
            log.exception("Could not start taking updates as leader; giving the lead up")
            self.leading = False
            await self.lock.release()

    def _lock_lost(self) -> None:
        """The lock's connection dropped: stop leading now, not at the next look."""
        if self.leading:
            self.leading = False
            self._deposing = asyncio.get_running_loop().create_task(self._deposed())

    async def _deposed(self) -> None:
        self.leading = False  # first: sweeps and the webhook stop at once
        self.standby_since = time.monotonic()
        log.warning(
            "Lost the leader lock (the database connection dropped or did not answer): "
            "stopped taking updates and sweeping; standby until the lock is free again"
        )
        try:
            await self.on_deposed()
        except Exception:
            log.exception("Could not stop taking updates cleanly")

    def _say_unavailable(self, reason: str) -> None:
        if self._unavailable is None:
            log.warning(
                "Leader lock: the database does not answer (%s); asking every second", reason
            )
        self._unavailable = reason

    def _say_available(self) -> None:
        if self._unavailable is not None:
            log.info("Leader lock: the database answers again")
            self._unavailable = None
