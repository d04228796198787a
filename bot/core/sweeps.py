"""One way to sweep due rows: a batch at a time, until the rows run out or a send fails.

The database says what is due; a sweep hands each due row to its feature's `handle`, which
sends and settles the row and says how it went. A row whose send failed stays due, so the
sweep stops after its batch (the next sweep tries again) instead of fetching the same rows
once more; when Telegram asks to slow down it stops at once.

With `claim`, each row is claimed before it is handled (storage's claims: on PostgreSQL a row
lock that another process's sweep passes over), so two processes never send the same message.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Generic, TypeVar

T = TypeVar("T")


class Handled(enum.Enum):
    DONE = "done"  # settled: sent, skipped or given up
    FAILED = "failed"  # still due: the rest of the batch goes on, then the sweep stops
    SLOW_DOWN = "slow_down"  # Telegram asked to wait: nothing more this sweep
    TAKEN = "taken"  # another process holds it (or it was settled meanwhile): stop after the batch


async def sweep_due(
    due: Callable[[int], Awaitable[Sequence[T]]],
    handle: Callable[[T], Awaitable[Handled]],
    *,
    batch: int,
    concurrency: int = 1,
    claim: Callable[[T], AbstractAsyncContextManager[bool]] | None = None,
) -> None:
    """Fetch `batch` due rows at a time and handle them, `concurrency` at once (one: in order),
    each inside its `claim` when given (a row not claimed is left to whoever holds it)."""
    gate = asyncio.Semaphore(concurrency)
    outcomes: set[Handled] = set()

    async def one(row: T) -> None:
        async with gate:
            if Handled.SLOW_DOWN in outcomes:
                return
            if claim is None:
                outcomes.add(await handle(row))
                return
            async with claim(row) as mine:
                outcomes.add(await handle(row) if mine else Handled.TAKEN)

    while True:
        rows = await due(batch)
        if concurrency == 1:
            for row in rows:
                await one(row)
        else:
            await asyncio.gather(*(one(row) for row in rows))
        if len(rows) < batch or outcomes - {Handled.DONE}:
            return


class GroupCommit(Generic[T]):
    """Settle rows many at a time: each `settle(item)` returns once its item was written, in a
    transaction shared with the items that came while the one before was being written. A
    sweep posting many chapters at once then waits on the disk once per batch, not once per
    chapter (`synchronous = FULL` makes every commit wait for it). A batch that fails fails
    every item in it (nothing of it was written)."""

    def __init__(
        self,
        transaction: Callable[[], AbstractAsyncContextManager[None]],
        write: Callable[[T], Awaitable[None]],
    ) -> None:
        self.transaction = transaction
        self.write = write
        self._pending: list[tuple[T, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def settle(self, item: T) -> None:
        written = asyncio.get_running_loop().create_future()
        self._pending.append((item, written))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write_all())
        await written

    async def _write_all(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                async with self.transaction():
                    for item, _ in batch:
                        await self.write(item)
            except BaseException as exc:  # handed to every waiter
                for _, written in batch:
                    if not written.done():
                        written.set_exception(exc)
                if isinstance(exc, asyncio.CancelledError):
                    raise
            else:
                for _, written in batch:
                    if not written.done():
                        written.set_result(None)
