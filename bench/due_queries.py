"""Benchmark 2: finding due work. The sweeps' queries for due nudges and due tips, with 10,000 and
with 1,000,000 stored referrals (100 due each time), and their query plans.

    uv run python -m bench.due_queries
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench.bigdb import NOW, build
from storage.chapters import ChapterRepository
from storage.db import Database
from storage.reminders import DUE_SQL as DUE_NUDGES_SQL
from storage.reminders import ReminderRepository
from storage.timestamps import to_db

RUNS = 200
DUE_TIPS_SQL = (
    "SELECT id FROM chapters WHERE tips_enabled = 1 AND active = 1 AND next_tip_at <= ?"
    " ORDER BY next_tip_at LIMIT ?"
)


async def timings(path: Path) -> tuple[float, float, int, int]:
    db = await Database.open(path)
    reminders, chapters = ReminderRepository(db), ChapterRepository(db)
    nudge_times, tip_times = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        due_nudges = await reminders.due(NOW, 200)
        nudge_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        due_tips = await chapters.tips_due(NOW, 500)
        tip_times.append(time.perf_counter() - started)
    await db.close()
    return (
        statistics.median(nudge_times) * 1000,
        statistics.median(tip_times) * 1000,
        len(due_nudges),
        len(due_tips),
    )


def plans(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    lines = []
    for name, sql, params in (
        ("due nudges", DUE_NUDGES_SQL, (to_db(NOW), 200)),
        ("due tips", DUE_TIPS_SQL, (to_db(NOW), 500)),
    ):
        for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params):
            lines.append(f"plan ({name}): {row[3]}")
    conn.close()
    return lines


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (10_000, 1_000_000):
            path = Path(folder) / f"{size}.db"
            seconds = build(path, referrals=size)
            print(
                f"built {size:,} referrals in {seconds:.1f} s ({path.stat().st_size / 1e6:.0f} MB)"
            )
            results[size] = asyncio.run(timings(path))
            nudges_ms, tips_ms, nudges, tips = results[size]
            print(
                f"{size:>9,} referrals: due nudges {nudges_ms:.3f} ms ({nudges} due), "
                f"due tips {tips_ms:.3f} ms ({tips} due)  [median of {RUNS}]"
            )
            if size == 1_000_000:
                for line in plans(path):
                    print(line)
    small, large = results[10_000], results[1_000_000]
    print(f"ratio 1M/10k, due nudges: {large[0] / small[0]:.2f} (goal <= 2, and under 10 ms)")
    print(f"ratio 1M/10k, due tips: {large[1] / small[1]:.2f} (goal <= 2, and under 10 ms)")


if __name__ == "__main__":
    main()
