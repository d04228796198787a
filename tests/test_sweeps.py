"""The one sweep loop (bot/core/sweeps.py): batches until a short one, a failed send ends the
sweep after its batch, a slow-down at once."""

from __future__ import annotations

import asyncio
import contextlib

from bot.core.sweeps import GroupCommit, Handled, sweep_due


def rows_due(count: int):
    due = list(range(count))

    async def fetch(limit: int) -> list[int]:
        return due[:limit]

    return due, fetch


async def test_batches_are_fetched_until_one_comes_back_short():
    due, fetch = rows_due(7)
    handled = []

    async def settle(row: int) -> Handled:
        handled.append(row)
        due.remove(row)
        return Handled.DONE

    await sweep_due(fetch, settle, batch=3)
    assert handled == list(range(7)) and due == []


async def failing_at_row_one(concurrency: int) -> list[int]:
    due, fetch = rows_due(10)
    handled = []

    async def fail_row_one(row: int) -> Handled:
        handled.append(row)
        if row == 1:
            return Handled.FAILED  # still due
        due.remove(row)
        return Handled.DONE

    await sweep_due(fetch, fail_row_one, batch=4, concurrency=concurrency)
    return sorted(handled)


async def test_a_failed_send_finishes_its_batch_then_stops_and_a_slow_down_stops_at_once():
    assert await failing_at_row_one(1) == await failing_at_row_one(4) == [0, 1, 2, 3]

    _, fetch = rows_due(10)
    handled = []

    async def slow_down_at_one(row: int) -> Handled:
        handled.append(row)
        return Handled.SLOW_DOWN if row == 1 else Handled.DONE

    await sweep_due(fetch, slow_down_at_one, batch=4)
    assert handled == [0, 1]


async def test_rows_another_process_holds_are_left_to_it_and_the_sweep_ends_after_the_batch():
    due, fetch = rows_due(10)
    held = {1, 5}  # claimed by another process: they stay due while it sends them
    handled = []

    @contextlib.asynccontextmanager
    async def claim(row: int):
        yield row not in held

    async def settle(row: int) -> Handled:
        handled.append(row)
        due.remove(row)
        return Handled.DONE

    await sweep_due(fetch, settle, batch=4, claim=claim)  # returns: no refetching held rows
    assert handled == [0, 2, 3]


class Disk:
    """Counts transactions (each a wait on the disk) and what was written in each."""

    def __init__(self) -> None:
        self.commits: list[list[int]] = []
        self.open: list[int] | None = None

    @contextlib.asynccontextmanager
    async def transaction(self):
        self.open = []
        await asyncio.sleep(0.01)  # BEGIN
        yield
        await asyncio.sleep(0.01)  # COMMIT, waiting on the disk
        self.commits.append(self.open)
        self.open = None

    async def write(self, item: int) -> None:
        assert self.open is not None, "written outside a transaction"
        if item < 0:
            raise ValueError("refused")
        self.open.append(item)


async def test_rows_settled_together_share_a_commit():
    disk = Disk()
    posts = GroupCommit(disk.transaction, disk.write)
    await asyncio.gather(*(posts.settle(n) for n in range(20)))
    assert sorted(n for commit in disk.commits for n in commit) == list(range(20))
    assert len(disk.commits) <= 2  # the first alone, the rest while it was written


async def test_a_batch_that_fails_fails_each_of_its_rows_and_spares_the_next():
    disk = Disk()
    posts = GroupCommit(disk.transaction, disk.write)
    first = asyncio.create_task(posts.settle(1))
    await asyncio.sleep(0)
    rest = [asyncio.create_task(posts.settle(n)) for n in (2, -3, 4)]
    await first
    outcomes = await asyncio.gather(*rest, return_exceptions=True)
    assert all(isinstance(outcome, ValueError) for outcome in outcomes)
    assert disk.commits == [[1]]
    await posts.settle(5)
    assert disk.commits == [[1], [5]]
