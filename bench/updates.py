"""Benchmark: the `/refer` path against its ceiling, interleaved in rounds.

The ceiling is the least any `/refer` can cost: a handler with the bot's own `Defaults` that
stores one row (one insert, on the same SQLite settings: WAL, synchronous = FULL) and sends the
same three messages the bot sends (the group confirmation, the receiver's slip with its buttons,
the giver's copy with its buttons), captured from a real `/refer`. Both paths run through
`Application.process_update` against the same zero-latency fake Bot API, in alternating rounds
so that a busy machine slows both alike; the ratio of each round is printed, then the median
and the range.

A round ends when its last message has reached the fake Telegram, not when `process_update`
returns: the bot stores the fact and then sends from the outbox, so a busy group's messages
leave in the background. (Timing only `process_update` once printed 1.33: the ceiling's rounds
were paying for `/refer`'s sends left over from the round before.)

    uv run python -m bench.updates [PER_ROUND] [ROUNDS] [--postgres URL]

With `--postgres` (a database it may drop and create, e.g.
postgresql://postgres@127.0.0.1:5432/chapterbot_updates) the bot runs on PostgreSQL, and the
ceiling's one insert goes to a table of that server (asyncpg, autocommit).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiosqlite
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from tests.builders import Chat, User, message_json, private_chat, update_json
from tests.clock import FakeClock
from tests.fake_api import FakeBotApi
from tests.harness import START, TOKEN, build_bot, settings_for

GROUP = Chat(id=-1001234567890, title="Riverside Chapter")
MESSAGES = 3  # a /refer's: the group confirmation, the receiver's slip, the giver's copy
MEMBERS = [User(id=1000 + i, first_name=f"Member{i}", username=f"member{i}") for i in range(30)]


class _QuietFake(FakeBotApi):
    """The fake without call recording, so memory and time go to the bot, not the bench; it
    counts the messages it was sent, and says when a number of them has arrived."""

    keep = False

    def __init__(self) -> None:
        super().__init__()
        self.messages = 0
        self.waiting: tuple[int, asyncio.Future[None]] | None = None

    def respond(self, api_method, params):
        status, body = super().respond(api_method, params)
        if not self.keep:
            self.calls.clear()
        if api_method == "sendMessage":
            self.messages += 1
            if self.waiting is not None and self.messages >= self.waiting[0]:
                self.waiting[1].set_result(None)
                self.waiting = None
        return status, body

    async def until(self, messages: int) -> None:
        """Return once `messages` messages have arrived in all (waiting at most a minute)."""
        if self.messages >= messages:
            return
        arrived = asyncio.get_running_loop().create_future()
        self.waiting = (messages, arrived)
        await asyncio.wait_for(arrived, 60)


def refer_updates(start: int, count: int) -> list[dict]:
    """`/refer` from member i to member i+1 in one group: a busy chapter's week."""
    result = []
    for n in range(start, start + count):
        giver, receiver = MEMBERS[n % 30], MEMBERS[(n + 1) % 30]
        text = f"/refer @{receiver.username} Prospect {n}, Some Company, wants a quote"
        message = message_json(GROUP, giver, text, date=1795424400)
        message["message_id"] = 10_000 + n  # each a new message (the bot ignores a repeat)
        result.append(update_json(message=message))
    return result


async def rate(app: Application, api: _QuietFake, payloads: list[dict]) -> float:
    """/refer a second: from the first update to the last of their messages at Telegram."""
    updates = [Update.de_json(p, app.bot) for p in payloads]
    expected = api.messages + MESSAGES * len(updates)
    started = time.perf_counter()
    for update in updates:
        await app.process_update(update)
    await api.until(expected)
    elapsed = time.perf_counter() - started
    if api.messages != expected:
        raise RuntimeError(f"{api.messages - expected:+} messages: the paths differ")
    return len(updates) / elapsed


async def ceiling_app(
    full: Application, api: _QuietFake, sent: list[dict], db: aiosqlite.Connection
) -> Application:
    """The ceiling: the bot's Defaults, one insert, the same three messages."""
    group, slip, copy = sent
    slip_buttons = InlineKeyboardMarkup.de_json(slip["reply_markup"], full.bot)
    copy_buttons = InlineKeyboardMarkup.de_json(copy["reply_markup"], full.bot)
    app = Application.builder().token(TOKEN).request(api).defaults(full.bot.defaults).build()

    async def refer(update: Update, context) -> None:
        message = update.effective_message
        await db.execute("INSERT INTO referrals (text) VALUES (?)", (message.text,))
        await message.reply_text(group["text"])
        await context.bot.send_message(slip["chat_id"], slip["text"], reply_markup=slip_buttons)
        await context.bot.send_message(copy["chat_id"], copy["text"], reply_markup=copy_buttons)

    app.add_handler(CommandHandler("refer", refer))
    return app


async def open_ceiling_db(path: Path) -> aiosqlite.Connection:
    db = await aiosqlite.connect(str(path), isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL"):
        await db.execute(f"PRAGMA {pragma}")
    await db.execute("CREATE TABLE referrals (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    return db


class _PostgresCeiling:
    """The ceiling's one insert on PostgreSQL, as `aiosqlite.Connection.execute` is called."""

    def __init__(self, conn) -> None:
        self.conn = conn

    @classmethod
    async def open(cls, url: str) -> _PostgresCeiling:
        import asyncpg  # type: ignore[import-untyped]

        conn = await asyncpg.connect(url)
        await conn.execute("CREATE TABLE ceiling (id BIGSERIAL PRIMARY KEY, text TEXT NOT NULL)")
        return cls(conn)

    async def execute(self, sql: str, params: tuple) -> None:
        await self.conn.execute("INSERT INTO ceiling (text) VALUES ($1)", *params)

    async def close(self) -> None:
        await self.conn.close()


async def fresh_postgres(url: str) -> None:
    import asyncpg  # type: ignore[import-untyped]

    server, name = url.rsplit("/", 1)
    admin = await asyncpg.connect(server + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def run(
    per_round: int, rounds: int, folder: Path, postgres: str | None = None
) -> list[tuple[float, float]]:
    api = _QuietFake()
    if postgres:
        await fresh_postgres(postgres)
    bot = build_bot(settings_for(postgres or folder / "bench.db"), FakeClock(START), api)
    await bot.start()
    db = await (
        _PostgresCeiling.open(postgres) if postgres else open_ceiling_db(folder / "ceiling.db")
    )
    try:
        for member in MEMBERS:  # everyone has started the bot and is known in the group
            await bot.say(private_chat(member), member, "/start")
            await bot.say(GROUP, member, "/help")
        api.keep = True
        await rate(bot.app, api, refer_updates(0, 1))
        sent = [dict(c.params) for c in api.calls if c.method == "sendMessage"][-MESSAGES:]
        api.keep = False
        top_api = _QuietFake()
        ceiling = await ceiling_app(bot.app, top_api, sent, db)
        figures, next_update = [], 1
        async with ceiling:
            for number in range(rounds):
                batch = refer_updates(next_update, per_round)
                next_update += per_round
                if number % 2:
                    top = await rate(ceiling, top_api, batch)
                    full = await rate(bot.app, api, batch)
                else:
                    full = await rate(bot.app, api, batch)
                    top = await rate(ceiling, top_api, batch)
                figures.append((full, top))
                print(
                    f"round {number + 1}: /refer {full:,.0f}/s, ceiling {top:,.0f}/s,"
                    f" ratio {full / top:.2f}"
                )
    finally:
        await db.close()
        await bot.stop()
    return figures


def main() -> None:
    args = sys.argv[1:]
    postgres = None
    if "--postgres" in args:
        at = args.index("--postgres")
        postgres = args[at + 1]
        del args[at : at + 2]
    per_round = int(args[0]) if args else 1000
    rounds = int(args[1]) if len(args) > 1 else 8
    print(f"database: {postgres or 'SQLite (WAL, synchronous = FULL)'}")
    with tempfile.TemporaryDirectory() as folder:
        figures = asyncio.run(run(per_round, rounds, Path(folder), postgres))
    ratios = [full / top for full, top in figures]
    fulls, tops = [f for f, _ in figures], [t for _, t in figures]
    print(
        f"/refer: median {statistics.median(fulls):,.0f}/s ({min(fulls):,.0f}-{max(fulls):,.0f});"
        f" {1e6 / statistics.median(fulls):,.0f} us each"
    )
    print(f"ceiling: median {statistics.median(tops):,.0f}/s ({min(tops):,.0f}-{max(tops):,.0f})")
    print(
        f"ratio /refer / ceiling: median {statistics.median(ratios):.2f}"
        f" (range {min(ratios):.2f}-{max(ratios):.2f}; goal >= 0.70)"
    )


if __name__ == "__main__":
    main()
