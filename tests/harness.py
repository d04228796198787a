"""The bot under test: the real Application over a fake Bot API, a fake clock, a real SQLite file.

Tests read as a chat: `await bot.say(GROUP, alice, "/refer @bob Jane Roe")`, then look at what
`bot.api` recorded and what the database holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram import Update

from bot.core.config import Settings
from bot.services import Services
from chapterbot.app import build_application
from handlers.context import ChapterApp
from storage.store import Store
from storage.timestamps import from_db
from tests import postgres
from tests.builders import Chat, User, callback_json, message_json, update_json
from tests.clock import FakeClock
from tests.fake_api import FakeBotApi

TOKEN = "123456789:TEST_token_that_is_long_enough_000"


def settings_for(database: Path | str, **overrides: Any) -> Settings:
    """Settings over an SQLite file (a path) or a PostgreSQL database (a URL)."""
    if isinstance(database, str) and "://" in database:
        return Settings(token=TOKEN, database_url=database, **overrides)
    return Settings(token=TOKEN, database_path=Path(database), **overrides)


@dataclass
class BotUnderTest:
    app: ChapterApp
    api: FakeBotApi
    clock: FakeClock

    @property
    def services(self) -> Services:
        services = self.app.bot_data.services
        assert services is not None
        return services

    @property
    def store(self) -> Store:
        """The repositories, to look at what was stored."""
        return self.services.store

    def rows(self, sql: str, params: tuple = (), *, by_name: bool = False) -> list[Any]:
        """Rows read straight from the database file, as another process would see them:
        tuples, or with `by_name` rows whose columns are read by name."""
        url = self.services.settings.database_url
        if url is not None:
            return postgres.rows(url, sql, params, by_name)
        with contextlib.closing(sqlite3.connect(self.services.settings.database_path)) as conn:
            if by_name:
                conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()

    def history(self, referral_id: int) -> list[tuple[str, str | None, datetime]]:
        """(status, note, at) for every step of the referral, from its creation on."""
        rows = self.rows(
            "SELECT status, note, at FROM referral_events WHERE referral_id = ? ORDER BY at, id",
            (referral_id,),
        )
        return [(status, note, from_db(at)) for status, note, at in rows]

    def reminder_outcomes(self, referral_id: int) -> dict[str, tuple[str | None, int]]:
        """kind -> (outcome, snoozes): what became of the referral's reminders."""
        rows = self.rows(
            "SELECT kind, outcome, snoozes FROM reminders WHERE referral_id = ?", (referral_id,)
        )
        return {kind: (outcome, snoozes) for kind, outcome, snoozes in rows}

    async def start(self) -> None:
        await self.app.initialize()
        await self.app.post_init(self.app)

    async def stop(self) -> None:
        await self.app.shutdown()
        await self.app.post_shutdown(self.app)

    async def outbox_settled(self) -> None:
        """Wait for the outbox's background sends (a fallback posted after a refusal)."""
        outbox = self.services.outbox
        while outbox._drains:
            await asyncio.gather(*list(outbox._drains.values()), return_exceptions=True)

    async def feed(self, payload: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    async def say(
        self,
        chat: Chat,
        sender: User,
        text: str,
        *,
        reply_to: dict[str, Any] | None = None,
        text_mention: tuple[str, User] | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """`sender` writes `text` in `chat`; returns the message JSON (to reply to it later)."""
        message = message_json(
            chat,
            sender,
            text,
            date=int(self.clock.now().timestamp()),
            reply_to=reply_to,
            text_mention=text_mention,
            thread_id=thread_id,
        )
        await self.feed(update_json(message=message))
        return message

    async def press(self, user: User, data: str, message: dict[str, Any] | None = None) -> None:
        """`user` taps an inline button carrying `data` on `message` (the bot's own message)."""
        message = message or {
            "message_id": 1,
            "date": int(self.clock.now().timestamp()),
            "chat": {"id": user.id, "type": "private"},
            "text": "…",
        }
        await self.feed(callback_json(user, message, data))


def stored_referrals(bot: BotUnderTest) -> list[sqlite3.Row]:
    """Every referral row, oldest first, columns by name."""
    return bot.rows("SELECT * FROM referrals ORDER BY id", by_name=True)


def build_bot(
    settings: Settings,
    clock: FakeClock,
    api: FakeBotApi | None = None,
    *,
    rate_limiter: bool = False,
) -> BotUnderTest:
    """The bot over a fake Bot API. Most tests skip the rate limiter so they never wait."""
    api = api or FakeBotApi()
    app = build_application(settings, clock=clock, request=api, rate_limiter=rate_limiter)
    return BotUnderTest(app=app, api=api, clock=clock)


START = datetime.fromisoformat("2026-11-23T09:00:00+00:00")  # a Monday
