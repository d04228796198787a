"""The one sweep loop (bot/core/sweeps.py): batches until a short one, a failed send ends the
sweep after its batch, a slow-down at once."""

from __future__ import annotations

import contextlib

from bot.core.sweeps import Handled, sweep_due


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
