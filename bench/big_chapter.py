"""Benchmark: a big chapter doesn't stall the bot.

A database of 1,000,000 referrals in 1,000 chapters, one of which holds 50,000 of them (500
overdue, 500 closed, 1,667 received by one member, most followed up long ago). Each heavy
command runs in that chapter while a member of another chapter passes a referral; we time both,
watch the event loop's lag (a task that asks to wake every 5 ms and notes how late it is), and
the process's resident memory above where it stood before the command (sampled every 2 ms).

    uv run python -m bench.big_chapter [DATABASE]

DATABASE is kept between runs (built if missing, in about 8 minutes on a busy machine).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from telegram import Update

from bench.bigdb import NOW, build
from tests.builders import Chat, User, message_json, private_chat, update_json
from tests.clock import FakeClock
from tests.fake_api import FakeBotApi
from tests.harness import build_bot, settings_for

BIG = Chat(id=-1_000_000_000_001, title="Chapter 1")
OTHER = Chat(id=-1_000_000_000_002, title="Chapter 2")
ADMIN = User(id=1, first_name="Member 1", username="member1")
GIVER = User(id=31, first_name="Member 31", username="member31")
COMMANDS = [
    (BIG, "/stats all"),
    (None, "/stats me all"),
    (BIG, "/export"),
    (BIG, "/pending"),
    (None, "/mine"),
]
PAGE = os.sysconf("SC_PAGE_SIZE")


def make_big(path: Path) -> None:
    """bigdb's 1M referrals, then every 20th moved into chapter 1 (its own go to chapter 2)."""
    build(path, referrals=1_000_000, chapters=1000, members=30_000, due=100)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE referrals SET chapter_id = 2 WHERE chapter_id = 1")
        conn.execute(
            "UPDATE referrals SET chapter_id = 1, giver_id = 1 + (id / 20) % 30,"
            " receiver_id = 1 + (id / 20 + 1) % 30 WHERE id % 20 = 0"
        )
        conn.execute("UPDATE referrals SET receiver_id = 1 WHERE chapter_id = 1 AND id % 600 = 40")
        overdue = (NOW - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        conn.execute(
            "UPDATE referrals SET status = 'open', follow_up_due_at = ?, first_follow_up_at = NULL"
            " WHERE chapter_id = 1"
            " AND id % 100 = 0 AND follow_up_due_at < ?",
            (overdue, overdue),
        )
        conn.execute(
            "UPDATE referrals SET status = 'closed', closed_at = created_at,"
            " amount_cents = 100 * (id % 7919) WHERE chapter_id = 1 AND id % 100 = 20"
        )
        conn.execute("UPDATE members SET username = NULL WHERE user_id IN (1, 31)")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA optimize")


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


class Watch:
    """The loop's worst lateness and the peak resident memory while a command runs."""

    def __init__(self) -> None:
        self.lag = 0.0
        self.base = self.peak = rss()
        self.running = True

    async def loop_lag(self) -> None:
        loop = asyncio.get_running_loop()
        while self.running:
            asked = loop.time()
            await asyncio.sleep(0.005)
            self.lag = max(self.lag, loop.time() - asked - 0.005)

    def memory(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss())
            time.sleep(0.002)


async def timed(bot, chat: Chat, sender: User, text: str) -> float:
    payload = update_json(message=message_json(chat, sender, text, date=int(NOW.timestamp())))
    update = Update.de_json(payload, bot.app.bot)
    started = time.perf_counter()
    await bot.app.process_update(update)
    return time.perf_counter() - started


async def one_command(bot, chat: Chat | None, text: str, number: int) -> None:
    watch = Watch()
    sampler = threading.Thread(target=watch.memory, daemon=True)
    sampler.start()
    lag = asyncio.create_task(watch.loop_lag())
    bot.api.calls.clear()
    command = asyncio.create_task(timed(bot, chat or private_chat(ADMIN), ADMIN, text))
    await asyncio.sleep(0.01)
    refer = await timed(bot, OTHER, GIVER, f"/refer @member32 Prospect {number}, needs a quote")
    took = await command
    watch.running = False
    await lag
    sampler.join()
    longest = max((len(c.text) for c in bot.api.calls if c.method == "sendMessage"), default=0)
    print(
        f"{text:<14} {took * 1000:8.0f} ms | loop lag max {watch.lag * 1000:6.1f} ms |"
        f" other chapter's /refer {refer * 1000:6.0f} ms |"
        f" RSS +{(watch.peak - watch.base) / 2**20:5.1f} MB"
        f" | longest message {longest:,} chars"
    )


async def run(path: Path) -> None:
    api = FakeBotApi()
    api.admins.add((BIG.id, ADMIN.id))
    bot = build_bot(settings_for(path), FakeClock(NOW), api)
    await bot.start()
    try:
        for user in (ADMIN, GIVER):
            await bot.say(private_chat(user), user, "/start")
        await bot.say(OTHER, GIVER, "/help")
        alone = await timed(bot, OTHER, GIVER, "/refer @member32 Prospect 0, needs a quote")
        print(f"the other chapter's /refer alone: {alone * 1000:.0f} ms")
        for number, (chat, text) in enumerate(COMMANDS, start=1):
            await one_command(bot, chat, text, number)
    finally:
        await bot.stop()


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/chapterbot-big-chapter.db")
    if not path.exists():
        make_big(path)
    with sqlite3.connect(path) as conn:
        total, big = conn.execute("SELECT COUNT(*), SUM(chapter_id = 1) FROM referrals").fetchone()
    print(f"referrals: {total:,} in the database, {big:,} in the big chapter")
    print("goals: /stats all < 100 ms; no loop lag over 50 ms; /export RSS growth < 20 MB")
    asyncio.run(run(path))


if __name__ == "__main__":
    main()
