"""Benchmark: the scorecard. Time and peak memory to render one member's card and one chapter's
card (text and chart), then the monthly send of every member's card, through the real rate
limiter, against a fake Bot API that answers 429 whenever Telegram's limits would be exceeded
(30 messages in any second overall, 1 a second in one chat). Time is scaled, limits and limiter
alike, so the run takes minutes, not the real quarter of an hour.

    uv run python -m bench.scorecard [MEMBERS] [SPEED]
"""

from __future__ import annotations

import asyncio
import random
import resource
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections import Counter, deque
from datetime import timedelta
from pathlib import Path

from bench.bigdb import NOW, _migrate
from bot.scorecard.monthly import first_meeting_day
from chapterbot.app import telegram_rate_limiter
from storage.timestamps import to_db
from tests.clock import FakeClock
from tests.fake_api import FakeBotApi, retry_after
from tests.harness import build_bot, settings_for

PER_CHAPTER = 40
SENDS = ("sendMessage", "sendPhoto")


class TelegramWithLimits(FakeBotApi):
    """Answers like the Bot API, and 429 when a strict sliding window would be exceeded."""

    def __init__(self, speed: float) -> None:
        super().__init__()
        self.window = 1.0 / speed
        self.recent: deque[float] = deque()
        self.per_chat: dict[int, deque[float]] = {}
        self.too_many = 0
        self.sent_to: Counter = Counter()
        self.first = self.last = 0.0

    def respond(self, api_method, params):
        if api_method in SENDS:
            now = time.perf_counter()
            chat = int(params["chat_id"])
            while self.recent and now - self.recent[0] >= self.window:
                self.recent.popleft()
            mine = self.per_chat.setdefault(chat, deque())
            while mine and now - mine[0] >= self.window:
                mine.popleft()
            if len(self.recent) >= 30 or len(mine) >= 1:
                self.too_many += 1
                self.fail(api_method, retry_after(1), times=1)
            else:
                self.recent.append(now)
                mine.append(now)
                if api_method == "sendPhoto":
                    self.sent_to[chat] += 1
                self.first = self.first or now
                self.last = now
        status, body = super().respond(api_method, params)
        self.calls.clear()
        return status, body


def build(path: Path, members: int) -> None:
    """Chapters of 40 members, each with six months of referrals, one-to-ones and credits."""
    asyncio.run(_migrate(path))
    rng = random.Random(15)
    chapters = max(1, members // PER_CHAPTER)
    start = NOW - timedelta(days=183)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO chapters (id, chat_id, title, timezone, created_at) VALUES (?, ?, ?,"
            " 'UTC', ?)",
            [
                (c, -1_000_000_000_000 - c, f"Chapter {c}", to_db(start))
                for c in range(1, chapters + 1)
            ],
        )
        conn.executemany(
            "INSERT INTO members (user_id, username, first_name, last_name, can_dm, updated_at)"
            " VALUES (?, ?, ?, 'Member', 1, ?)",
            [(m, f"member{m}", f"Person{m}", to_db(NOW)) for m in range(1, members + 1)],
        )
        chapter_of = {m: (m - 1) % chapters + 1 for m in range(1, members + 1)}
        conn.executemany(
            "INSERT INTO chapter_members (chapter_id, user_id, first_seen_at) VALUES (?, ?, ?)",
            [(c, m, to_db(start - timedelta(days=30))) for m, c in chapter_of.items()],
        )
        conn.executemany(
            "INSERT INTO referrals (chapter_id, giver_id, receiver_id, prospect, prospect_name,"
            " created_at, follow_up_due_at) VALUES (?, ?, ?, 'P', 'P', ?, ?)",
            [
                (c, m, m, to_db(at), to_db(at + timedelta(days=3)))
                for m, c in chapter_of.items()
                for at in _times(rng, start, rng.randint(5, 40))
            ],
        )
        conn.executemany(
            "INSERT INTO education_credits (chapter_id, user_id, kind, local_day, earned_at)"
            " VALUES (?, ?, 'ceu', ?, ?)",
            [
                (c, m, f"{at:%Y-%m-%d}", to_db(at))
                for m, c in chapter_of.items()
                for at in {t.date(): t for t in _times(rng, start, 20)}.values()
            ],
        )
    conn.close()


def _times(rng: random.Random, start, count: int):
    return [start + timedelta(minutes=rng.randrange(183 * 24 * 60)) for _ in range(count)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure_renders(bot) -> None:
    chapter = await bot.services.store.chapters.by_id(1)
    member = await bot.services.store.members.get(1)
    cards = bot.services.scorecard.cards
    for label, render in (
        ("member card", lambda: cards.member(chapter, member)),
        ("chapter card", lambda: cards.chapter(chapter)),
    ):
        started = time.perf_counter()
        await render()  # the first one also loads matplotlib (in the worker thread)
        first = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(5):
            card = await render()
        each = (time.perf_counter() - started) / 5
        tracemalloc.start()  # a separate, traced render: tracing slows it down several times
        await render()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{label}: first {first:.2f} s, then {each * 1000:.0f} ms each; "
            f"peak Python memory while rendering {peak / 2**20:.1f} MB; PNG {len(card.png):,} B"
        )
    print(f"process peak RSS so far: {_peak_rss_mb():.0f} MB")


async def run(path: Path, members: int, speed: float) -> None:
    clock = FakeClock(NOW)
    api = TelegramWithLimits(speed)
    bot = build_bot(settings_for(path), clock, api, rate_limiter=telegram_rate_limiter(speed))
    await bot.start()
    try:
        await measure_renders(bot)
        monthly = bot.services.scorecard.monthly
        await monthly.sweep()  # schedules each chapter's first meeting day of December
        chapter = await bot.services.store.chapters.by_id(1)
        clock.set(first_meeting_day(2026, 12, chapter))
        started = time.perf_counter()
        report = await monthly.sweep()
        elapsed = time.perf_counter() - started
    finally:
        await bot.stop()
    sent = sum(api.sent_to.values())
    span = api.last - api.first
    print(f"members: {members:,}; time scaled x{speed:g} (allowed {30 * speed:,.0f} msg/s)")
    per_card = elapsed / max(sent, 1) * 1000
    print(f"monthly send: {report.sent:,} cards in {elapsed:.1f} s ({per_card:.0f} ms a card)")
    once = sum(1 for n in api.sent_to.values() if n == 1)
    twice = sum(1 for n in api.sent_to.values() if n > 1)
    print(f"members sent exactly once: {once:,}; more than once: {twice}")
    rate = (sent - 1) / span if span else 0
    print(f"achieved rate: {rate:,.1f} msg/s of {30 * speed:,.0f} allowed")
    print(f"429 answers received: {api.too_many} (goal 0)")
    print(f"process peak RSS: {_peak_rss_mb():.0f} MB")


def main() -> None:
    members = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    speed = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scorecard.db"
        build(path, members)
        asyncio.run(run(path, members, speed))


if __name__ == "__main__":
    main()
