"""Benchmark 3: the weekly broadcast. 10,000 chapters due at once, through the real rate limiter,
against a fake Bot API that answers 429 (retry_after) whenever Telegram's published limits would
be exceeded: 30 messages in any second overall, 20 in any minute in one group. Time is scaled
(limits and limiter alike) so the run takes seconds. RUNS repeats it on a fresh database each
time and prints each run, then the worst: the goal is for every run, on a busy machine.

    uv run python -m bench.broadcast [CHAPTERS] [SPEED] [RUNS]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter, deque
from pathlib import Path

from bench.bigdb import NOW, build
from bot.core.rate_limiter import scheduled_sends
from chapterbot.app import telegram_rate_limiter
from tests.clock import FakeClock
from tests.fake_api import FakeBotApi, retry_after
from tests.harness import build_bot, settings_for


class TelegramWithLimits(FakeBotApi):
    """Answers like the Bot API, and 429 when a strict sliding window would be exceeded."""

    def __init__(self, speed: float) -> None:
        super().__init__()
        self.overall_window = 1.0 / speed
        self.group_window = 60.0 / speed
        self.recent: deque[float] = deque()
        self.per_group: dict[int, deque[float]] = {}
        self.too_many = 0
        self.sent_to: Counter = Counter()
        self.first = self.last = 0.0

    def respond(self, api_method, params):
        if api_method == "sendMessage":
            now = time.perf_counter()
            chat = int(params["chat_id"])
            while self.recent and now - self.recent[0] >= self.overall_window:
                self.recent.popleft()
            group = self.per_group.setdefault(chat, deque())
            while group and now - group[0] >= self.group_window:
                group.popleft()
            if len(self.recent) >= 30 or (chat < 0 and len(group) >= 20):
                self.too_many += 1
                self.fail("sendMessage", retry_after(1), times=1)
            else:
                self.recent.append(now)
                group.append(now)
                self.sent_to[chat] += 1
                self.first = self.first or now
                self.last = now
        status, body = super().respond(api_method, params)
        self.calls.clear()
        return status, body


async def run(path: Path, chapters: int, speed: float) -> tuple[float, int]:
    api = TelegramWithLimits(speed)
    bot = build_bot(
        settings_for(path), FakeClock(NOW), api, rate_limiter=telegram_rate_limiter(speed)
    )
    await bot.start()
    try:
        started = time.perf_counter()
        report = await scheduled_sends(bot.services.tips.sweep)()
        elapsed = time.perf_counter() - started
    finally:
        await bot.stop()
    sent = sum(api.sent_to.values())
    span = api.last - api.first
    allowed = 30 * speed
    achieved = (sent - 1) / span if span else float("inf")
    print(f"chapters due: {chapters:,}; time scaled x{speed:g} (allowed {allowed:,.0f} msg/s)")
    print(f"posted: {report.posted:,} in {elapsed:.2f} s; failed: {report.failed}")
    print(
        f"chapters posted exactly once: {sum(1 for n in api.sent_to.values() if n == 1):,}; "
        f"more than once: {sum(1 for n in api.sent_to.values() if n > 1)}"
    )
    print(f"achieved rate: {achieved:,.0f} msg/s")
    print(f"achieved/allowed: {achieved / allowed:.3f} (goal >= 0.95)")
    print(f"429 answers received: {api.too_many} (goal 0)")
    return achieved / allowed, api.too_many


def main() -> None:
    chapters = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    speed = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    results = []
    for number in range(1, runs + 1):
        print(f"-- run {number} of {runs}")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "broadcast.db"
            build(path, referrals=1000, chapters=chapters, members=2 * chapters, due=chapters)
            results.append(asyncio.run(run(path, chapters, speed)))
    shares = [share for share, _ in results]
    print(
        f"over {runs} runs: achieved/allowed {min(shares):.3f}-{max(shares):.3f},"
        f" 429s {[rejected for _, rejected in results]}"
    )


if __name__ == "__main__":
    main()
