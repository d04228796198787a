"""Benchmark 1: update handling. 20,000 `/refer` updates through Application.process_update with a
zero-latency fake Bot API: the full bot against a minimal handler that only replies.

    uv run python -m bench.updates [N]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.ext import Application, CommandHandler

from tests.builders import Chat, User, message_json, private_chat, update_json
from tests.clock import FakeClock
from tests.fake_api import FakeBotApi
from tests.harness import START, TOKEN, build_bot, settings_for

GROUP = Chat(id=-1001234567890, title="Riverside Chapter")
MEMBERS = [User(id=1000 + i, first_name=f"Member{i}", username=f"member{i}") for i in range(30)]


def updates(count: int) -> list[dict]:
    """`/refer` from member i to member i+1, in one group: a busy chapter's week, many times."""
    result = []
    for n in range(count):
        giver, receiver = MEMBERS[n % 30], MEMBERS[(n + 1) % 30]
        text = f"/refer @{receiver.username} Prospect {n}, Some Company, wants a quote"
        result.append(update_json(message=message_json(GROUP, giver, text, date=1795424400)))
    return result


class _QuietFake(FakeBotApi):
    """The fake without call recording, so memory and time go to the bot, not the bench."""

    def respond(self, api_method, params):
        status, body = super().respond(api_method, params)
        self.calls.clear()
        return status, body


async def minimal_rate(payloads: list[dict], messages: int = 1) -> float:
    """A handler that only replies (`messages` = 3: also two private messages, as /refer does)."""
    app = Application.builder().token(TOKEN).request(_QuietFake()).build()

    async def reply(update: Update, context) -> None:
        await update.effective_message.reply_text("ok")
        for _ in range(messages - 1):
            await context.bot.send_message(update.effective_user.id, "ok")

    app.add_handler(CommandHandler("refer", reply))
    async with app:
        objects = [Update.de_json(p, app.bot) for p in payloads]
        started = time.perf_counter()
        for update in objects:
            await app.process_update(update)
        elapsed = time.perf_counter() - started
    return len(objects) / elapsed


async def full_rate(payloads: list[dict], folder: Path) -> float:
    bot = build_bot(settings_for(folder / "bench.db"), FakeClock(START), _QuietFake())
    await bot.start()
    try:
        for member in MEMBERS:  # everyone has started the bot and is known in the group
            await bot.say(private_chat(member), member, "/start")
            await bot.say(GROUP, member, "/help")
        objects = [Update.de_json(p, bot.app.bot) for p in payloads]
        started = time.perf_counter()
        for update in objects:
            await bot.app.process_update(update)
        elapsed = time.perf_counter() - started
        stored = await bot.store.referrals.count_in_chapter(1)
        assert stored == len(objects), f"{stored} referrals stored of {len(objects)}"
    finally:
        await bot.stop()
    return len(objects) / elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    payloads = updates(count)
    minimal = asyncio.run(minimal_rate(payloads))
    three = asyncio.run(minimal_rate(payloads, messages=3))
    with tempfile.TemporaryDirectory() as folder:
        full = asyncio.run(full_rate(payloads, Path(folder)))
    print(f"updates: {count}")
    print(f"minimal handler (reply only): {minimal:,.0f} updates/s")
    print(f"minimal handler sending /refer's 3 messages: {three:,.0f} updates/s")
    print(f"full /refer path (stored, slip, giver's copy, group reply): {full:,.0f} updates/s")
    print(f"ratio full/minimal: {full / minimal:.2f} (goal >= 0.50)")
    print(f"ratio full/minimal-with-3-messages: {full / three:.2f}")
    print(f"time per /refer: {1e6 / full:,.0f} us; per minimal update: {1e6 / minimal:,.0f} us")


if __name__ == "__main__":
    main()
