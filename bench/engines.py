"""Benchmark: SQLite and PostgreSQL side by side. The `/refer` path (update in, group answer and
private slip out, against a fake Bot API) and the due-nudge sweep (the due query, and a sweep
sending 100 due nudges), with 10,000 and with 1,000,000 stored referrals (bench/bigdb.py's
shape), and the peak memory (RSS) of the bot's process on each engine.

    uv run python -m bench.engines [--sizes 10000,1000000] [--postgres URL]

PostgreSQL: URL names a server and a database the bench may drop and re-create (default
postgresql://postgres@127.0.0.1:5432/chapterbot_bench). Each measurement runs in a process of
its own, so its peak RSS is the bot's alone (seeding happens elsewhere).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bigdb import NOW, build, fill
from storage.db import Database
from storage.timestamps import to_db

REFERS = 100
DUE_RUNS = 50
_INSERT = re.compile(r"INSERT INTO (\w+) \(([^)]*)\)\s*VALUES \((.*)\)$", re.S)


class _Copier:
    """bigdb.fill's `executemany`, done with PostgreSQL's COPY from a worker thread."""

    def __init__(self, conn: Any, loop: asyncio.AbstractEventLoop) -> None:
        self.conn, self.loop = conn, loop

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        match = _INSERT.match(" ".join(sql.split()))
        assert match, sql
        table, columns = match.group(1), [c.strip() for c in match.group(2).split(",")]
        items = [item.strip() for item in match.group(3).split(",")]

        def full(row: tuple) -> tuple:
            values, given = [], iter(row)
            for item in items:
                if item == "?":
                    values.append(next(given))
                elif item.startswith("'"):
                    values.append(item.strip("'"))
                else:
                    values.append(int(item))
            return tuple(values)

        records = [full(row) for row in rows]
        step = self.conn.copy_records_to_table(table, records=records, columns=columns)
        asyncio.run_coroutine_threadsafe(step, self.loop).result()


async def build_postgres(url: str, referrals: int) -> float:
    import asyncpg  # type: ignore[import-untyped]

    server, name = url.rsplit("/", 1)
    admin = await asyncpg.connect(server + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    db = await Database.open(url)
    await db.close()
    started = time.perf_counter()
    conn = await asyncpg.connect(url)
    try:
        loop = asyncio.get_running_loop()
        copier = _Copier(conn, loop)
        await asyncio.to_thread(
            fill,
            copier,
            random.Random(7),
            referrals=referrals,
            chapters=1000,
            members=30_000,
            due=100,
            now=NOW,
        )
        for table in ("chapters", "referrals", "referral_events", "reminders"):
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def measure(database: str) -> dict[str, float]:
    """In the measuring process: time the paths, then read this process's peak RSS."""
    from tests.builders import Chat, User, private_chat
    from tests.clock import FakeClock
    from tests.harness import build_bot, settings_for

    group = Chat(id=-1_000_000_000_001, title="Chapter 1")
    giver = User(id=1, first_name="Member 1", username="member1")
    receiver = User(id=2, first_name="Member 2", username="member2")
    bot = build_bot(settings_for(database), FakeClock(NOW))
    await bot.start()
    try:
        await bot.say(private_chat(receiver), receiver, "/start")
        refer = []
        for number in range(REFERS):
            started = time.perf_counter()
            await bot.say(group, giver, f"/refer @member2 Prospect Bench{number}")
            await bot.outbox_settled()
            refer.append(time.perf_counter() - started)
        reminders = bot.store.reminders
        due = []
        for _ in range(DUE_RUNS):
            started = time.perf_counter()
            found = await reminders.due(NOW, 200)
            due.append(time.perf_counter() - started)
        started = time.perf_counter()
        report = await bot.services.reminder_sweep.run()
        sweep = time.perf_counter() - started
    finally:
        await bot.stop()
    refer.sort()
    return {
        "refer_median_ms": statistics.median(refer) * 1000,
        "refer_p95_ms": refer[int(len(refer) * 0.95) - 1] * 1000,
        "due_query_ms": statistics.median(due) * 1000,
        "due_found": len(found),
        "sweep_ms": sweep * 1000,
        "sweep_sent": report.sent + report.group_fallbacks,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _measure_in_child(database: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.engines", "--measure", database],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument(
        "--postgres", default="postgresql://postgres@127.0.0.1:5432/chapterbot_bench"
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(asyncio.run(measure(args.measure))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(text) for text in args.sizes.split(",")):
            path = Path(folder) / f"{size}.db"
            seeded = build(path, referrals=size)
            print(f"SQLite: {size:,} referrals seeded in {seeded:.1f} s", flush=True)
            rows.append(("SQLite", size, _measure_in_child(str(path))))
            path.unlink()
            seeded = asyncio.run(build_postgres(args.postgres, size))
            print(f"PostgreSQL: {size:,} referrals seeded in {seeded:.1f} s", flush=True)
            rows.append(("PostgreSQL", size, _measure_in_child(args.postgres)))
    print()
    print(
        f"{'engine':<11} {'referrals':>10} {'/refer median':>14} {'/refer p95':>11}"
        f" {'due query':>10} {'sweep (100 nudges)':>19} {'peak RSS':>9}"
    )
    for engine, size, got in rows:
        print(
            f"{engine:<11} {size:>10,} {got['refer_median_ms']:>11.1f} ms"
            f" {got['refer_p95_ms']:>8.1f} ms {got['due_query_ms']:>7.2f} ms"
            f" {got['sweep_ms']:>10.0f} ms ({got['sweep_sent']:.0f})"
            f" {got['peak_rss_mb']:>6.0f} MB"
        )
    print(f"(/refer: {REFERS} in a row, update to slip sent; due query: median of {DUE_RUNS};"
          f" at {to_db(NOW)})")


if __name__ == "__main__":
    main()
