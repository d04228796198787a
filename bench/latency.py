"""Benchmark: what a member waits for while the weekly tip goes out to every chapter.

A 10,000-chapter tip broadcast runs through the bot's rate limiter against a fake Bot API that
answers 429 whenever Telegram's limits would be broken (30 messages in any second, 20 in any
minute in one group). Meanwhile members pass a referral every 3 seconds, each in one of 30 other
chapters, and we time each `/refer` from its update to its group confirmation reaching Telegram.
20 seconds in, Telegram answers one 429 that no limit explains (as it sometimes does): we count
the 429s of the minute after it and the rate over that minute.

    uv run python -m bench.latency [CHAPTERS] [SPEED] [--before]

SPEED 1 is Telegram's real speed (10,000 chapters take about 6 minutes); SPEED 10 runs ten times
faster, limits included, and reports times in Telegram's seconds. `--before` uses PTB's
`AIORateLimiter` as the bot had it before (first come, first served).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bench.bigdb import NOW, build
from bench.broadcast import TelegramWithLimits
from bot.core.rate_limiter import scheduled_sends
from chapterbot.app import telegram_rate_limiter
from tests.builders import Chat, User, message_json, private_chat, update_json
from tests.clock import FakeClock
from tests.fake_api import FakeBotApi, retry_after
from tests.harness import build_bot, settings_for

GROUPS = [Chat(id=-2_000_000_000_000 - i, title=f"Busy chapter {i}") for i in range(30)]
GIVER = User(id=900_000_001, first_name="Alice", username="alice_gives")
RECEIVER = User(id=900_000_002, first_name="Bob", username="bob_receives")
EVERY = 3.0  # Telegram seconds between two referrals
SURPRISE_AT = 20.0  # Telegram seconds into the broadcast: one unexplained 429


class WatchedTelegram(TelegramWithLimits):
    """Also notes when each group confirmation arrives, and can answer one 429 on demand."""

    def __init__(self, speed: float) -> None:
        super().__init__(speed)
        self.confirmed: dict[int, float] = {}
        self.asked: dict[int, float] = {}  # when the confirmation asked the limiter for a turn
        self.parts: list[tuple[float, float]] = []  # (before the limiter, in it), Telegram's s
        self.surprise_at: float | None = None
        self.sends: list[tuple[float, bool]] = []  # (time, answered 429)

    def respond(self, api_method, params):
        if api_method != "sendMessage":
            return super().respond(api_method, params)
        now = time.perf_counter()
        if self.surprise_at is not None and now >= self.surprise_at:
            self.surprise_at, self.injected_at = None, now
            self.fail("sendMessage", retry_after(1), times=1)
            return FakeBotApi.respond(self, api_method, params)  # past the limits' books
        before = self.too_many
        status, body = super().respond(api_method, params)
        rejected = self.too_many > before
        if not rejected and "recorded" in str(params.get("text", "")):
            self.confirmed.setdefault(int(params["chat_id"]), now)
        self.sends.append((now, rejected))
        return status, body


def refer(number: int) -> tuple[Chat, dict]:
    group = GROUPS[number % len(GROUPS)]
    text = f"/refer @{RECEIVER.username} Prospect {number}, wants a quote"
    return group, update_json(message=message_json(group, GIVER, text, date=1795424400))


async def timed_refer(
    bot, api: WatchedTelegram, number: int, speed: float
) -> tuple[float, float, float]:
    """When the update came and its group confirmation reached Telegram (perf_counter), and
    the seconds (Telegram's) between."""
    group, payload = refer(number)
    api.confirmed.pop(group.id, None)
    started = time.perf_counter()
    await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    asked, came = api.asked[group.id], api.confirmed[group.id]
    api.parts.append(((asked - started) * speed, (came - asked) * speed))
    return started, came, (came - started) * speed


async def members_meanwhile(bot, api, speed: float, sweep: asyncio.Task | None, count: int):
    """A referral every EVERY seconds (in turn in each busy chapter) until the sweep ends."""
    waits, tasks, number = [], [], 0
    while (sweep is None and number < count) or (sweep is not None and not sweep.done()):
        tasks.append(asyncio.create_task(timed_refer(bot, api, number, speed)))
        number += 1
        await asyncio.sleep(EVERY / speed)
    for task in tasks:
        waits.append(await task)
    return waits


def outside_pause(api: WatchedTelegram, busy: list, speed: float) -> list[float]:
    """The waits of the referrals that did not overlap the pause Telegram asked for with the
    injected 429 (nobody may send then, members included)."""
    start = getattr(api, "injected_at", None)
    if start is None:
        return [wait for _, _, wait in busy]
    end = start + 1 / speed
    return [wait for began, came, wait in busy if came < start or began > end]


def cascade(api: WatchedTelegram, speed: float) -> tuple[int, float]:
    """429s (besides the injected one) and achieved/allowed rate, in the minute after it."""
    start = getattr(api, "injected_at", None)
    if start is None:
        return -1, 0.0
    end = start + 60 / speed
    minute = [(t, rejected) for t, rejected in api.sends if start < t <= end]
    delivered = sum(1 for _, rejected in minute if not rejected)
    return sum(1 for _, rejected in minute if rejected), delivered / (30 * 60)


def before_limiter(speed: float) -> AIORateLimiter:
    """The limiter the bot had before: PTB's, with the smooth bucket of the last session."""
    return AIORateLimiter(
        overall_max_rate=1.45,
        overall_time_period=1.45 / (29.5 * speed),
        group_max_rate=20,
        group_time_period=60 / speed,
        max_retries=2,
    )


def watch_limiter(limiter: BaseRateLimiter, api: WatchedTelegram) -> None:
    """Note when each group confirmation asks the rate limiter for its turn."""
    asked = limiter.process_request

    async def process_request(callback, args, kwargs, endpoint, data, rate_limit_args):
        if "recorded" in str(data.get("text", "")):
            api.asked[int(data["chat_id"])] = time.perf_counter()
        return await asked(callback, args, kwargs, endpoint, data, rate_limit_args)

    limiter.process_request = process_request  # type: ignore[method-assign]


async def run(path: Path, speed: float, limiter: BaseRateLimiter) -> None:
    api = WatchedTelegram(speed)
    watch_limiter(limiter, api)
    bot = build_bot(settings_for(path), FakeClock(NOW), api, rate_limiter=limiter)
    await bot.start()
    try:
        for member in (GIVER, RECEIVER):
            await bot.say(private_chat(member), member, "/start")
            for group in GROUPS:
                await bot.say(group, member, "/help")
        quiet = [wait for _, _, wait in await members_meanwhile(bot, api, speed, None, 10)]
        api.sent_to.clear()
        api.first = api.last = 0.0
        api.surprise_at = time.perf_counter() + SURPRISE_AT / speed
        started = time.perf_counter()
        sweep = asyncio.create_task(scheduled_sends(bot.services.tips.sweep)())
        busy = await members_meanwhile(bot, api, speed, sweep, 0)
        report, elapsed = sweep.result(), time.perf_counter() - started
    finally:
        await bot.stop()
    report_figures(api, speed, quiet, busy, report, elapsed)


def report_figures(api, speed, quiet, busy, report, elapsed) -> None:
    tips = sum(n for chat, n in api.sent_to.items() if -2_000_000_000_000 < chat < 0)
    span = (api.last - api.first) * speed
    extra_429, minute_rate = cascade(api, speed)
    clear = outside_pause(api, busy, speed)
    busy = [wait for _, _, wait in busy]
    p50, p99 = statistics.median(busy), statistics.quantiles(busy, n=100, method="inclusive")[98]
    clear_p99 = statistics.quantiles(clear, n=100, method="inclusive")[98]
    print(f"time x{speed:g}; times in Telegram seconds")
    print(f"broadcast: {report.posted:,} tips in {elapsed * speed:,.0f} s, failed {report.failed}")
    everything = sum(api.sent_to.values())
    print(f"broadcast rate: {tips / span / 30:.3f} of allowed (all sends: {everything:,})")
    print(f"/refer group confirmation, no broadcast: median {statistics.median(quiet):.3f} s")
    print(
        f"/refer group confirmation during it ({len(busy)} referrals): "
        f"p50 {p50:.3f} s, p99 {p99:.3f} s, max {max(busy):.3f} s (goal p99 <= 0.25 s)"
    )
    print(
        f"  the {len(clear)} of them clear of the injected 429's one-second pause:"
        f" p50 {statistics.median(clear):.3f} s, p99 {clear_p99:.3f} s, max {max(clear):.3f} s"
    )
    busy_parts = api.parts[-len(busy) :]
    for name, part in (("handling, up to the send", 0), ("waiting in the rate limiter", 1)):
        spent = [parts[part] for parts in busy_parts]
        print(
            f"  of which {name}: p50 {statistics.median(spent):.3f} s,"
            f" p99 {statistics.quantiles(spent, n=100, method='inclusive')[98]:.3f} s,"
            f" max {max(spent):.3f} s"
        )
    print(f"429s in the minute after one injected 429: {extra_429} (goal 0)")
    print(f"rate over that minute: {minute_rate:.3f} of allowed (goal >= 0.9)")
    print(f"429s answered in the whole run, beyond the injected one: {api.too_many}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    chapters = int(args[0]) if args else 10_000
    speed = float(args[1]) if len(args) > 1 else 10
    limiter = before_limiter(speed) if "--before" in sys.argv else telegram_rate_limiter(speed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "latency.db"
        build(path, referrals=1000, chapters=chapters, members=2 * chapters, due=chapters)
        asyncio.run(run(path, speed, limiter))


if __name__ == "__main__":
    main()
